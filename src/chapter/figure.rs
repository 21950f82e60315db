//! The figure a chapter draws, and the drawing pieces chapters share: reading 2×2 and 3×3 maps out of
//! the state, the plane carried by a matrix, and the size of what is drawn.

use crate::math::basis::polar;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::space::{Point3, Space};
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2, Matrix3, Rotation3, UnitQuaternion};

/// What the figure shows for the current state at the timeline's position.
#[derive(Debug, Clone)]
pub enum Figure {
    /// A plane figure, and the box its content occupies (to fit the view to it).
    Plane {
        /// The shapes, in world coordinates.
        scene: Scene,
        /// The smallest and largest corner of the content.
        bounds: (World, World),
    },
    /// A 3-D figure, projected by the page's camera.
    Space(Space),
    /// Nothing can be drawn for this state; the sentence says why (a 4×4 matrix, say).
    Note(String),
}

/// `m` as a 2×2 matrix when it is one.
pub fn plane(m: &DMatrix<f64>) -> Option<Matrix2<f64>> {
    (m.shape() == (2, 2)).then(|| Matrix2::new(m[(0, 0)], m[(0, 1)], m[(1, 0)], m[(1, 1)]))
}

/// `v` as a plane vector when it has two entries.
pub fn point(v: &DMatrix<f64>) -> Option<World> {
    (v.len() == 2).then(|| World::new(v[0], v[1]))
}

/// Linear interpolation between two maps (the timeline's identity → A).
pub fn lerp(from: &Matrix2<f64>, to: &Matrix2<f64>, t: f64) -> Matrix2<f64> {
    from + (to - from) * t
}

/// The plane carried by `m`: the lattice through `m`, the unit square's image, and `m`'s columns as
/// arrows labelled `a₁`, `a₂` (with `prefix` "a"). The chapter's own scene goes on top.
pub fn transformed_plane(scene: &mut Scene, m: &Matrix2<f64>, prefix: &str) {
    scene.push(Shape::Lattice { map: *m, stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.unit_square(m, Role::Basis1, 0.12);
    scene.arrow(m.column(0).into_owned(), Stroke::solid(Role::Basis1, 3.0), format!("{prefix}₁"));
    scene.arrow(m.column(1).into_owned(), Stroke::solid(Role::Basis2, 3.0), format!("{prefix}₂"));
}

/// Puts the faint identity lattice at the bottom of a scene and the axes under its first arrow.
pub fn with_background(mut scene: Scene) -> Scene {
    let first_arrow = scene.shapes.iter().position(|s| matches!(s, Shape::Arrow { .. })).unwrap_or(scene.shapes.len());
    scene.shapes.insert(first_arrow, Shape::Axes);
    scene.shapes.insert(0, Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
    scene
}

/// The smallest box holding all `points` (and the origin).
pub fn bounds(points: &[World]) -> (World, World) {
    let lo = points.iter().fold(World::zeros(), |a, p| a.inf(p));
    let hi = points.iter().fold(World::zeros(), |a, p| a.sup(p));
    (lo, hi)
}

/// The box holding `points` and their mirror images through the origin (room to drag a column across
/// to the other side), widened on every side by `base + share · (its largest coordinate)` so a
/// handle near the edge can still be dragged or nudged outwards.
pub fn mirrored_bounds(points: &[World], base: f64, share: f64) -> (World, World) {
    let both: Vec<World> = points.iter().flat_map(|p| [*p, -p]).collect();
    let (lo, hi) = bounds(&both);
    let pad = base + share * hi.amax();
    (lo - World::new(pad, pad), hi + World::new(pad, pad))
}

/// `v` as a point in space when it has three entries.
pub fn point3(v: &DMatrix<f64>) -> Option<Point3> {
    (v.len() == 3).then(|| Point3::new(v[0], v[1], v[2]))
}

/// Column `c` of a 3-row matrix as a point in space.
pub fn column3(m: &DMatrix<f64>, c: usize) -> Option<Point3> {
    (m.nrows() == 3 && c < m.ncols()).then(|| Point3::new(m[(0, c)], m[(1, c)], m[(2, c)]))
}

/// A matrix with at most three rows and columns as a map of space: missing rows and columns are
/// zeros, so a 3×2 matrix takes the xy-plane into space and a 2×3 matrix flattens space onto the
/// xy-plane. `None` for larger matrices.
pub fn embed(m: &DMatrix<f64>) -> Option<Matrix3<f64>> {
    (m.nrows() <= 3 && m.ncols() <= 3).then(|| Matrix3::from_fn(|r, c| if r < m.nrows() && c < m.ncols() { m[(r, c)] } else { 0.0 }))
}

/// How far a 3-D figure reaches: the longest of the points (at least 1), with a margin.
pub fn reach(points: &[Point3]) -> f64 {
    let far = points.iter().map(|p| p.norm()).filter(|n| n.is_finite()).fold(1.0_f64, f64::max);
    far * 1.15
}

/// The rotation of the plane by `theta` radians (counter-clockwise).
pub fn rotation(theta: f64) -> Matrix2<f64> {
    let (s, c) = theta.sin_cos();
    Matrix2::new(c, -s, s, c)
}

/// The part `t` (0..=1) of the rotation `r` of space (a rotation matrix up to rounding), turning
/// about its axis; a half turn goes one way round, as a quaternion path does.
pub fn partial_rotation(r: &Matrix3<f64>, t: f64) -> Matrix3<f64> {
    let q = UnitQuaternion::from_rotation_matrix(&Rotation3::from_matrix_unchecked(*r));
    UnitQuaternion::identity().try_slerp(&q, t, 1e-12).unwrap_or(q).to_rotation_matrix().into_inner()
}

/// A path of maps from I to a 2×2 or 3×3 X with det X > 0 that never passes through a singular
/// map: X = R·S (polar), and at t the rotation R turned by the share t of its angle, after
/// (1 − t)I + tS (a stretch along perpendicular axes, positive all the way).
#[derive(Debug, Clone, PartialEq)]
pub struct PolarPath {
    rotation: DMatrix<f64>,
    stretch: DMatrix<f64>,
}

impl PolarPath {
    /// The path to `x`; `None` when det X ≤ 0, X is not 2×2 or 3×3, or its SVD fails.
    pub fn to(x: &DMatrix<f64>) -> Option<PolarPath> {
        if !matches!(x.shape(), (2, 2) | (3, 3)) {
            return None;
        }
        let (rotation, stretch) = polar(x).ok()?;
        Some(PolarPath { rotation, stretch })
    }

    /// The map at `t` (0..=1): I at 0, X at 1 (up to rounding).
    pub fn at(&self, t: f64) -> DMatrix<f64> {
        let n = self.rotation.nrows();
        let turn = if n == 2 {
            let r = rotation(t * self.rotation[(1, 0)].atan2(self.rotation[(0, 0)]));
            DMatrix::from_column_slice(2, 2, r.as_slice())
        } else {
            let r = partial_rotation(&Matrix3::from_fn(|i, j| self.rotation[(i, j)]), t);
            DMatrix::from_column_slice(3, 3, r.as_slice())
        };
        turn * (DMatrix::identity(n, n) * (1.0 - t) + &self.stretch * t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polar_path_runs_from_i_to_x_through_invertible_maps() {
        for x in [
            DMatrix::from_row_slice(2, 2, &[5.0, 1.0, 3.0, 3.0]),
            DMatrix::from_row_slice(2, 2, &[-1.0, 0.0, 0.0, -1.0]),
            DMatrix::from_row_slice(3, 3, &[0.0, -2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 3.0]),
        ] {
            let path = PolarPath::to(&x).unwrap();
            assert!((path.at(0.0) - DMatrix::identity(x.nrows(), x.nrows())).amax() < 1e-14);
            assert!((path.at(1.0) - &x).amax() < 1e-12, "{x}");
            for k in 1..10 {
                assert!(crate::math::det::determinant(&path.at(k as f64 / 10.0)).sign() > 0);
            }
        }
        assert!(PolarPath::to(&DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 0.0])).is_none());
        assert_eq!(rotation(std::f64::consts::FRAC_PI_2) * World::new(1.0, 0.0), World::new(6.123233995736766e-17, 1.0));
    }

    #[test]
    fn maps_points_and_reach() {
        let m = DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0]);
        assert_eq!(plane(&m), Some(Matrix2::new(2.0, 3.0, 6.0, 5.0)));
        assert_eq!(point(&DMatrix::from_column_slice(2, 1, &[1.0, 2.0])), Some(World::new(1.0, 2.0)));
        assert!(plane(&DMatrix::zeros(3, 3)).is_none());
        let flat = embed(&DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])).unwrap();
        assert_eq!(flat.row(2).amax(), 0.0);
        assert!(embed(&DMatrix::zeros(4, 3)).is_none());
        assert_eq!(column3(&DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]), 1), Some(Point3::new(0.0, 1.0, 1.0)));
        assert_eq!(reach(&[Point3::new(f64::INFINITY, 0.0, 0.0), Point3::new(0.0, 2.0, 0.0)]), 2.3);
        assert_eq!(bounds(&[World::new(1.0, -2.0)]), (World::new(0.0, -2.0), World::new(1.0, 0.0)));
    }
}
