//! The special-matrices page's figure: the plane carried by A, the unit circle and its image, a
//! right-angle mark when the columns are perpendicular, and the mirror line of a reflection.

use super::SpecialMatrices;
use crate::chapter::figure::{bounds, plane, transformed_plane, with_background};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::display_shape;
use crate::math::norms::l2;
use crate::math::structure::{is_orthogonal, TOL};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

impl Draw for SpecialMatrices {
    /// The plane figure for a 2×2 A, a sentence otherwise.
    fn figure(&self, _timeline: &Timeline) -> Figure {
        match plane(&self.a) {
            Some(m) => Figure::Plane { scene: scene(self, &m), bounds: plane_bounds(&m) },
            None => Figure::Note(format!(
                "The plane draws 2×2 matrices; now A is {}. The checks below are still exact.",
                display_shape(&self.a)
            )),
        }
    }
}

fn scene(c: &SpecialMatrices, m: &Matrix2<f64>) -> Scene {
    let mut scene = Scene::default();
    transformed_plane(&mut scene, m, "a");
    scene.unit_circle(&Matrix2::identity(), Stroke::dashed(Role::Ghost, 1.5), None);
    scene.unit_circle(m, Stroke::solid(Role::Image, 2.0), Some(Fill { role: Role::Image, alpha: 0.08 }));
    let (c1, c2): (World, World) = (m.column(0).into_owned(), m.column(1).into_owned());
    // A right-angle mark when the columns are perpendicular.
    if c1.norm() > 0.0 && c2.norm() > 0.0 && c1.dot(&c2).abs() <= TOL * c1.norm() * c2.norm() {
        let (u, w) = (c1.normalize() * 0.2, c2.normalize() * 0.2);
        scene.push(Shape::Polyline { points: vec![u, u + w, w], stroke: Stroke::solid(Role::Axis, 1.0) });
    }
    if is_orthogonal(&c.a) && c.reflection() {
        let half = (c1.y.atan2(c1.x)) / 2.0;
        scene.push(Shape::Line {
            through: World::zeros(),
            direction: World::new(half.cos(), half.sin()),
            stroke: Stroke::dashed(Role::Eigen, 1.5),
            label: Some("mirror".into()),
        });
    }
    with_background(scene)
}

/// The unit circle's box, the unit square's image, and a box the circle's image surely fits in
/// (points beyond the largest float are left out).
fn plane_bounds(m: &Matrix2<f64>) -> (World, World) {
    let mut points = vec![World::new(-1.2, -1.2), World::new(1.2, 1.2)];
    for c in [World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)] {
        points.push(m * c);
    }
    // The image of the unit circle reaches σ_max in some direction: bound it by the columns.
    let r = l2(m.column(0).as_slice()) + l2(m.column(1).as_slice());
    points.push(World::new(r, r));
    points.push(World::new(-r, -r));
    points.retain(|p| p.x.is_finite() && p.y.is_finite());
    bounds(&points)
}
