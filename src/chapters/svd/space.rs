//! The figures in space: a 3×3 A plays "rotate, stretch, rotate (or reflect)" on the unit sphere, a
//! 3×2 A carries the plane's unit circle onto an ellipse in its column plane, and a 2×3 A flattens
//! the sphere onto the plane z = 0. Whatever A sends to 0 (its null space: a line or a plane) is
//! drawn in A's input space.

use super::{in_space, SvdPage};
use crate::chapter::figure::{column3, embed, partial_rotation, reach};
use crate::chapter::handle::column_role;
use crate::format::subscript;
use crate::math::det::determinant;
use crate::math::svd::{null_space, Svd};
use crate::view::scene::{Fill, Role, Stroke, CIRCLE_SAMPLES};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use nalgebra::{DMatrix, Matrix3};

/// A 3×3 SVD as the timeline plays it: Vᵀ turns, Σ stretches, U turns (and, when det U = −1,
/// flattens the third axis through 0 to mirror it).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SpaceSvd {
    v_t: Matrix3<f64>,
    u_rotation: Matrix3<f64>,
    /// Whether U is a reflection (det U = −1).
    pub(super) reflection: bool,
    sigma: Point3,
}

impl SpaceSvd {
    /// The turns and stretches of a 3×3 SVD (`None` for other shapes).
    pub(super) fn new(s: &Svd) -> Option<SpaceSvd> {
        if s.u.shape() != (3, 3) || s.v.shape() != (3, 3) {
            return None;
        }
        let u = Matrix3::from_fn(|r, c| s.u[(r, c)]);
        let v = Matrix3::from_fn(|r, c| s.v[(r, c)]);
        let reflection = determinant(&s.u).sign() < 0;
        let mirror = Matrix3::from_diagonal(&Point3::new(1.0, 1.0, if reflection { -1.0 } else { 1.0 }));
        Some(SpaceSvd {
            v_t: v.transpose(),
            u_rotation: u * mirror,
            reflection,
            sigma: Point3::new(s.singular_values[0], s.singular_values[1], s.singular_values[2]),
        })
    }

    /// The map after `t0`, `t1`, `t2` of the three stages (each 0..=1).
    pub(super) fn map(&self, t0: f64, t1: f64, t2: f64) -> Matrix3<f64> {
        let stretch = Matrix3::from_diagonal(&self.sigma.map(|s| 1.0 + (s - 1.0) * t1));
        let flip = Matrix3::from_diagonal(&Point3::new(1.0, 1.0, if self.reflection { 1.0 - 2.0 * t2 } else { 1.0 }));
        partial_rotation(&self.u_rotation, t2) * flip * stretch * partial_rotation(&self.v_t, t0)
    }
}

/// Column `c` of `m` as a point in space (rows past the third are not drawn, missing ones are 0).
fn lift(m: &DMatrix<f64>, c: usize) -> Point3 {
    Point3::from_fn(|r, _| if r < m.nrows() { m[(r, c)] } else { 0.0 })
}

/// `name` with subscript `i + 1`, then `then` with the same subscript: `σ₁u₁`.
fn pair(name: &str, then: &str, i: usize) -> String {
    format!("{name}{}{then}{}", subscript(i + 1), subscript(i + 1))
}

/// The 3-D figure for a 3×2, 2×3 or 3×3 A: the unit circle or sphere, its image (an ellipse or
/// ellipsoid) with the semi-axes σᵢuᵢ, and A's columns; `None` for other shapes or a failed SVD.
pub(super) fn figure(c: &SvdPage, timeline: &Timeline) -> Option<Space> {
    if !in_space(&c.a) {
        return None;
    }
    let s = c.factors().ok()?;
    let a = embed(&c.a)?;
    let k = s.singular_values.len();
    let sigma_u: Vec<Point3> = (0..k).map(|i| lift(&s.u, i) * s.singular_values[i]).collect();
    let mut space = Space::default();
    let mut points: Vec<Point3> = sigma_u.clone();
    points.extend((0..3).map(|col| a.column(col).into_owned()));
    match c.a.shape() {
        (3, 3) => turning(&mut space, &s, &a, timeline)?,
        (3, 2) => {
            // The input plane is z = 0: its unit circle, carried into the column space.
            let circle = |map: &Matrix3<f64>| -> Vec<Point3> {
                (0..CIRCLE_SAMPLES)
                    .map(|i| i as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64)
                    .map(|t| map * Point3::new(t.cos(), t.sin(), 0.0))
                    .collect()
            };
            space.push(Shape3::Polygon {
                points: circle(&Matrix3::identity()),
                fill: None,
                stroke: Some(Stroke::dotted(Role::Ghost, 1.5)),
            });
            let (c0, c1) = (column3(&c.a, 0)?, column3(&c.a, 1)?);
            space.plane_patch(&c0, &c1, reach(&points), Role::Basis1);
            space.push(Shape3::Polygon {
                points: circle(&a),
                fill: Some(Fill { role: Role::Image, alpha: 0.12 }),
                stroke: Some(Stroke::solid(Role::Image, 2.5)),
            });
            for (i, su) in sigma_u.iter().enumerate() {
                space.arrow(*su, Stroke::dashed(Role::Eigen, 2.5), pair("σ", "u", i));
            }
            space.arrow(c0, Stroke::solid(Role::Basis1, 3.0), "a₁");
            space.arrow(c1, Stroke::solid(Role::Basis2, 3.0), "a₂");
        }
        _ => {
            // 2×3: space is flattened onto the plane z = 0; v₃ ⟂ v₁, v₂ is sent to 0.
            space.unit_sphere();
            space.ellipsoid(&a, Role::Image);
            for (i, su) in sigma_u.iter().enumerate() {
                space.arrow(*su, Stroke::dashed(Role::Eigen, 2.5), pair("σ", "u", i));
            }
            for col in 0..3 {
                space.arrow(a.column(col).into_owned(), Stroke::solid(column_role(col), 3.0), format!("a{}", subscript(col + 1)));
            }
        }
    }
    null_space_in_space(&mut space, c, reach(&points));
    space.axes_and_ground(reach(&points));
    Some(space)
}

/// The null space of A in its input space (the floor z = 0 for a 3×2 A): the line or plane A sends
/// to 0, or, for A = 0, a sentence.
fn null_space_in_space(space: &mut Space, c: &SvdPage, reach: f64) {
    let Ok(basis) = null_space(&c.a) else { return };
    let n = c.a.ncols();
    match basis.ncols() {
        0 => {}
        d if d == n => space.label(Point3::new(0.0, 0.0, -1.3), "A = 0 sends every vector to 0", Role::Second),
        1 => space.push(Shape3::Line {
            direction: lift(&basis, 0),
            reach,
            stroke: Stroke::dotted(Role::Second, 2.5),
            label: Some("null space: A sends this line to 0".into()),
        }),
        _ => {
            let (b1, b2) = (lift(&basis, 0), lift(&basis, 1));
            space.plane_patch(&b1, &b2, reach * 0.6, Role::Second);
            space.label((b1 + b2) * (0.45 * reach), "null space: A sends this plane to 0", Role::Second);
        }
    }
}

/// A 3×3 A at the timeline's position: the sphere, its image under the stage's map, the singular
/// directions vᵢ → σᵢuᵢ, and the columns (eᵢ at the start, aᵢ at the end).
fn turning(space: &mut Space, s: &Svd, a: &Matrix3<f64>, timeline: &Timeline) -> Option<()> {
    let p = SpaceSvd::new(s)?;
    let pos = timeline.position();
    let done = pos >= timeline.stages() as f64;
    let m = if done { *a } else { p.map(timeline.progress(0), timeline.progress(1), timeline.progress(2)) };
    // The label at the start, at the end, and none while the map moves.
    let named = |start: String, end: String| {
        if done {
            end
        } else if pos == 0.0 {
            start
        } else {
            String::new()
        }
    };
    space.unit_sphere();
    space.ellipsoid(&m, Role::Image);
    for i in 0..3 {
        space.arrow(m * lift(&s.v, i), Stroke::dashed(Role::Eigen, 2.5), named(format!("v{}", subscript(i + 1)), pair("σ", "u", i)));
    }
    if p.reflection && pos > 2.0 && !done {
        space.label(m * lift(&s.v, 2) + Point3::new(0.0, 0.0, 0.4), "reflect", Role::Eigen);
    }
    for col in 0..3 {
        let label = named(format!("e{}", subscript(col + 1)), format!("a{}", subscript(col + 1)));
        space.arrow(m.column(col).into_owned(), Stroke::solid(column_role(col), 3.0), label);
    }
    Some(())
}
