//! The determinant's figure: for 2×2 the unit square and an F carried by A onto the parallelogram of
//! its columns, for 3×3 the unit cube grown into the box of the columns, each filled in the colour
//! of the determinant's sign, with what a singular A collapses them onto.

use super::Determinant;
use crate::chapter::figure::{embed, lerp, mirrored_bounds, plane};
use crate::chapter::handle::column_role;
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::{display_number, display_shape, subscript};
use crate::math::det::determinant;
use crate::math::svd::svd;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2, Matrix3};

/// The letter F inside the unit square, as two strokes: its stem with the top bar, and the middle bar.
/// It has no mirror symmetry, so a reflection is visible at a glance.
pub const GLYPH: [&[(f64, f64)]; 2] = [&[(0.3, 0.15), (0.3, 0.85), (0.72, 0.85)], &[(0.3, 0.5), (0.6, 0.5)]];

/// Corner `i` of the unit cube: bit 0 is x, bit 1 is y, bit 2 is z.
fn cube_corner(i: usize) -> Point3 {
    Point3::new((i & 1) as f64, (i >> 1 & 1) as f64, (i >> 2 & 1) as f64)
}

/// The unit cube's six faces as corners in order round each face.
const CUBE_FACES: [[usize; 4]; 6] = [[0, 2, 6, 4], [1, 3, 7, 5], [0, 1, 5, 4], [2, 3, 7, 6], [0, 1, 3, 2], [4, 5, 7, 6]];

/// The F on two faces of the unit cube, x = 1 and y = 1, each reading correctly from outside the cube
/// (the face's across, up and outward directions are right-handed). Mapped by A, an F seen from
/// outside the box reads backwards exactly when det A < 0. Two letters, because from a fixed view one
/// is not enough: a mirror across its own plane only moves it to the far side of the box, seen from
/// inside; with two on adjacent faces, a mirror in any coordinate plane leaves one on the near side,
/// reading backwards.
fn glyph3() -> Vec<Vec<Point3>> {
    let faces: [fn(f64, f64) -> Point3; 2] = [|u, v| Point3::new(1.0, u, v), |u, v| Point3::new(1.0 - u, 1.0, v)];
    faces.iter().flat_map(|face| GLYPH.iter().map(move |stroke| stroke.iter().map(|&(u, v)| face(u, v)).collect())).collect()
}

/// The F glyph's strokes mapped by `m`.
pub fn glyph(m: &Matrix2<f64>) -> Vec<Vec<World>> {
    GLYPH.iter().map(|stroke| stroke.iter().map(|&(x, y)| m * World::new(x, y)).collect()).collect()
}

impl Draw for Determinant {
    /// The figure for A's size: the plane for 2×2, space for 3×3, a sentence otherwise.
    fn figure(&self, timeline: &Timeline) -> Figure {
        match (plane(&self.a), self.n()) {
            (Some(a), _) => Figure::Plane { scene: plane_scene(self, &a, timeline), bounds: plane_bounds(&a) },
            (None, 3) => embed(&self.a).map_or_else(|| Figure::Note(String::new()), |a| Figure::Space(space_figure(self, &a, timeline))),
            _ => Figure::Note(format!(
                "The figure draws 2×2 matrices on the plane and 3×3 in space; A is {}. det A is the signed {} of the box spanned by A's columns; the numbers below are exact.",
                display_shape(&self.a),
                self.measure()
            )),
        }
    }
}

fn plane_scene(c: &Determinant, a: &Matrix2<f64>, timeline: &Timeline) -> Scene {
    let m = lerp(&Matrix2::identity(), a, timeline.progress(0));
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
    scene.push(Shape::Lattice { map: m, stroke: Stroke::solid(Role::Grid, 1.0) });
    // The "before": the unit square and the F, as grey ghosts.
    let corners = [World::new(0.0, 0.0), World::new(1.0, 0.0), World::new(1.0, 1.0), World::new(0.0, 1.0)];
    scene.push(Shape::Polygon { points: corners.to_vec(), fill: None, stroke: Some(Stroke::dotted(Role::Ghost, 1.5)) });
    for stroke in glyph(&Matrix2::identity()) {
        scene.push(Shape::Polyline { points: stroke, stroke: Stroke::dotted(Role::Ghost, 2.0) });
    }
    // The image: filled with the signed area's colour (orange kept, vermillion flipped).
    let det = m.m11 * m.m22 - m.m12 * m.m21;
    let role = if det < 0.0 { Role::Image } else { Role::Basis1 };
    scene.push(Shape::Polygon {
        points: corners.iter().map(|p| m * p).collect(),
        fill: Some(Fill { role, alpha: 0.22 }),
        stroke: Some(Stroke::solid(role, 1.5)),
    });
    let (c0, c1): (World, World) = (m.column(0).into_owned(), m.column(1).into_owned());
    let done = timeline.progress(0) >= 1.0;
    if det == 0.0 || (c.collapsed_note().is_some() && done) {
        // Collapsed: draw the line (or nothing more for a point) the square was squashed onto.
        let along = if c0.norm() >= c1.norm() { c0 } else { c1 };
        if along.norm() > 0.0 {
            scene.push(Shape::Line {
                through: World::zeros(),
                direction: along,
                stroke: Stroke::dashed(Role::Image, 1.5),
                label: Some(IMAGE_LABEL.into()),
            });
        }
    }
    // What A sends to 0: a line of the plane that every stage of identity → A only shrinks
    // (x + t(Ax − x) = (1 − t)x), so it is drawn throughout. When A = 0 it is the whole plane.
    if let Some(basis) = c.null_space().ok().filter(|b| b.ncols() == 1) {
        scene.push(Shape::Line {
            through: World::zeros(),
            direction: World::new(basis[(0, 0)], basis[(1, 0)]),
            stroke: Stroke::dashed(Role::Eigen, 2.0),
            label: Some(NULL_LABEL.into()),
        });
    }
    for stroke in glyph(&m) {
        scene.push(Shape::Polyline { points: stroke, stroke: Stroke::solid(Role::Input, 3.0) });
    }
    scene.push(Shape::Axes);
    scene.arrow(c0, Stroke::solid(Role::Basis1, 3.0), "a₁");
    scene.arrow(c1, Stroke::solid(Role::Basis2, 3.0), "a₂");
    let text = match c.det().finite() {
        Some(_) if !done => format!("area × {}", display_number(det)),
        Some(d) if d != 0.0 && c.collapsed_note().is_some() => "det ≈ 0".into(),
        Some(d) => format!("det = {}", display_number(d)),
        None => "det overflows".into(),
    };
    // Below the F's middle bar and right of its stem, so the label never crosses the glyph.
    scene.push(Shape::Label { at: m * World::new(0.68, 0.28), text, role });
    scene
}

/// The label of the line (3-D: line or plane) every Ax lands on when A is singular.
const IMAGE_LABEL: &str = "every Ax lands here";

/// The label of the null space: the vectors A sends to 0.
const NULL_LABEL: &str = "A sends this to 0";

/// The unit square and its image, mirrored through the origin, with a margin.
fn plane_bounds(a: &Matrix2<f64>) -> (World, World) {
    let mut points = vec![World::zeros(), World::new(1.0, 1.0)];
    points.extend([World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)].iter().map(|p| a * p));
    mirrored_bounds(&points, 1.0, 0.25)
}

/// The 3-D figure at the timeline's position (identity → A): the unit cube as a ghost, its image
/// (the box spanned by the columns) filled in the signed volume's colour, the F on two faces, the
/// columns, the signed volume as a label, and what the box collapses to when it is flat.
fn space_figure(c: &Determinant, a: &Matrix3<f64>, timeline: &Timeline) -> Space {
    let done = timeline.position() >= timeline.stages() as f64;
    let m = if done { *a } else { Matrix3::identity() + (a - Matrix3::identity()) * timeline.progress(0) };
    let dm = DMatrix::from_column_slice(3, 3, m.as_slice());
    let (det, rank) = if done { (c.det(), c.rank()) } else { (determinant(&dm), svd(&dm).ok().map(|s| s.rank())) };
    let corners: Vec<Point3> = (0..8).map(|i| m * cube_corner(i)).collect();
    // The axes reach just past the final box's furthest coordinate, so the box fills the fitted
    // view, and the frame stays still while the timeline grows the cube into the box.
    let far = (0..8).map(|i| (a * cube_corner(i)).amax()).filter(|x| x.is_finite()).fold(1.0_f64, f64::max);
    let extent = far * 1.15;
    let mut space = Space::default();
    // The "before": the unit cube's edges and its F's, as grey ghosts.
    for i in 0..8 {
        for bit in [1, 2, 4] {
            if i & bit == 0 {
                space.push(Shape3::Polyline {
                    points: vec![cube_corner(i), cube_corner(i | bit)],
                    stroke: Stroke::dotted(Role::Ghost, 1.5),
                });
            }
        }
    }
    for stroke in glyph3() {
        space.push(Shape3::Polyline { points: stroke, stroke: Stroke::dotted(Role::Ghost, 2.0) });
    }
    // The image: six faces in the signed volume's colour (orange kept, vermillion mirrored).
    let role = if det.sign() < 0 { Role::Image } else { Role::Basis1 };
    for face in CUBE_FACES {
        space.push(Shape3::Polygon {
            points: face.iter().map(|&i| corners[i]).collect(),
            fill: Some(Fill { role, alpha: 0.12 }),
            stroke: Some(Stroke::solid(role, 1.5)),
        });
    }
    for stroke in glyph3() {
        space.push(Shape3::Polyline { points: stroke.iter().map(|p| m * p).collect(), stroke: Stroke::solid(Role::Input, 3.0) });
    }
    let flat = rank.filter(|r| *r < 3);
    if let Some(rank) = flat {
        collapse(&mut space, &m, rank, extent);
    }
    null_space(&mut space, c, extent);
    let pos = timeline.position();
    for col in 0..3 {
        let label = match () {
            _ if done => format!("a{}", subscript(col + 1)),
            _ if pos == 0.0 => format!("e{}", subscript(col + 1)),
            _ => String::new(),
        };
        space.arrow(m.column(col).into_owned(), Stroke::solid(column_role(col), 3.0), label);
    }
    // One label says it all (two labels near a flat box would collide).
    let text = match (det.finite(), flat) {
        (Some(d), _) if !done => format!("volume × {}", display_number(d)),
        (Some(d), Some(0)) => format!("{}: squashed to a point", det_text(d)),
        (Some(d), Some(1)) => format!("{}: squashed onto a line", det_text(d)),
        (Some(d), Some(_)) => format!("{}: flattened into a plane", det_text(d)),
        (Some(d), None) => match det.sign() {
            1 => format!("det = {}: right-handed", display_number(d)),
            -1 => format!("det = {}: mirrored", display_number(d)),
            _ => "det = 0: no volume".into(),
        },
        (None, _) => "det overflows".into(),
    };
    // Over the box's centre, above its highest corner: clear of the F's, the faces and the z-axis.
    let top = corners.iter().map(|p| p.z).filter(|z| z.is_finite()).fold(0.0_f64, f64::max);
    let centre = m * Point3::new(0.5, 0.5, 0.5);
    space.label(Point3::new(centre.x, centre.y, top + extent * 0.3), text, role);
    space.axes_and_ground(extent);
    space
}

/// "det = 0", or "det ≈ 0" for a singular A whose computed determinant is rounding noise.
fn det_text(d: f64) -> String {
    if d == 0.0 {
        "det = 0".into()
    } else {
        "det ≈ 0".into()
    }
}

/// What A sends to 0, when that is a line or a plane: drawn at every stage of identity → A, which
/// only shrinks it (x + t(Ax − x) = (1 − t)x).
fn null_space(space: &mut Space, c: &Determinant, extent: f64) {
    let Ok(basis) = c.null_space() else { return };
    let v = |i: usize| Point3::new(basis[(0, i)], basis[(1, i)], basis[(2, i)]);
    match basis.ncols() {
        1 => space.push(Shape3::Line {
            direction: v(0),
            reach: extent,
            stroke: Stroke::dashed(Role::Eigen, 2.0),
            label: Some(NULL_LABEL.into()),
        }),
        2 => {
            // Smaller than the box's frame, so the collapsed box stays in sight through it.
            space.plane_patch(&v(0), &v(1), 0.6 * extent, Role::Eigen);
            space.label((v(0) + v(1)) * (0.45 * extent), NULL_LABEL, Role::Eigen);
        }
        _ => {}
    }
}

/// What a flat box was squashed onto, marked: the plane or line through the columns of `m` (from
/// its SVD), or the origin.
fn collapse(space: &mut Space, m: &Matrix3<f64>, rank: usize, extent: f64) {
    let Ok(s) = svd(&DMatrix::from_column_slice(3, 3, m.as_slice())) else { return };
    let u = |i: usize| Point3::new(s.u[(0, i)], s.u[(1, i)], s.u[(2, i)]);
    match rank {
        0 => space.push(Shape3::Dot { at: Point3::zeros(), role: Role::Image, radius: 6.0 }),
        1 => space.push(Shape3::Line {
            direction: u(0),
            reach: extent,
            stroke: Stroke::dashed(Role::Image, 2.0),
            label: Some(IMAGE_LABEL.into()),
        }),
        _ => space.plane_patch(&u(0), &u(1), extent, Role::Image),
    }
}
