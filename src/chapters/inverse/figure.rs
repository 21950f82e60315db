//! The inverse page's figure in its three views: the row picture (one line per equation, crossing at
//! x = A⁻¹b), the column picture (b reached by x₁a₁ + x₂a₂) and "A then A⁻¹" (the plane carried by A
//! and back), with the box the content occupies. A singular A adds its null space: the dashed line of
//! every x with Ax = 0, which the row picture shows parallel to the solutions and "A then A⁻¹" shows
//! collapsing to the origin.

use super::{Inverse, View};
use crate::chapter::figure::{lerp, mirrored_bounds, plane, point, transformed_plane};
use crate::chapter::null_space::{self, NullSpace};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::{display_at_scale, display_shape, equation};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

impl Draw for Inverse {
    /// The plane figure of a 2×2 A and a 2-entry b in the chosen view, or a sentence for other shapes.
    fn figure(&self, timeline: &Timeline) -> Figure {
        let (Some(a), Some(b)) = (plane(&self.a), point(&self.b)) else {
            return Figure::Note(format!(
                "The plane draws a 2×2 A and a b with 2 entries; now A is {} and b has {} entries. The numbers below are still exact.",
                display_shape(&self.a),
                self.b.len()
            ));
        };
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
        match self.view {
            View::Rows => rows(self, &mut scene, &a, b),
            View::Columns => columns(self, &mut scene, &a, b),
            View::Undo => undo(self, &mut scene, &a, timeline),
        }
        Figure::Plane { scene, bounds: content_bounds(self) }
    }
}

/// The map drawn in the "A then A⁻¹" view at the timeline's position.
pub(super) fn undo_map(c: &Inverse, a: &Matrix2<f64>, t: &Timeline) -> Matrix2<f64> {
    if t.position() <= 1.0 || c.inverse().is_err() {
        lerp(&Matrix2::identity(), a, t.progress(0))
    } else {
        lerp(a, &Matrix2::identity(), t.progress(1))
    }
}

fn rows(c: &Inverse, scene: &mut Scene, a: &Matrix2<f64>, b: World) {
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    let crossing = c.plane_solution();
    for (i, stroke) in [(0, Stroke::solid(Role::Second, 2.5)), (1, Stroke::dashed(Role::Data, 2.5))] {
        let normal = World::new(a[(i, 0)], a[(i, 1)]);
        let nn = normal.norm_squared();
        if nn > 0.0 && nn.is_finite() {
            let through = normal * (b[i] / nn);
            let direction = World::new(-normal.y, normal.x);
            scene.push(Shape::Line { through, direction, stroke, label: None });
            // The equation is written on its line a little way from the crossing (row 1 up the
            // line, row 2 down it), beside the stroke, so the two labels stay apart and in view.
            let along = direction / direction.norm();
            let along = if along.y < 0.0 || (along.y == 0.0 && along.x < 0.0) { -along } else { along };
            let side = World::new(-along.y, along.x);
            let anchor = crossing.unwrap_or(through);
            let at = if i == 0 { anchor + along * 1.3 + side * 0.3 } else { anchor - along * 2.4 - side * 0.3 };
            scene.push(Shape::Label { at, text: equation([normal.x, normal.y], b[i]), role: stroke.role });
        }
    }
    scene.push(Shape::Axes);
    scene.arrow(a.column(0).into_owned(), Stroke::solid(Role::Basis1, 1.5), "a₁");
    scene.arrow(a.column(1).into_owned(), Stroke::solid(Role::Basis2, 1.5), "a₂");
    scene.arrow(b, Stroke::solid(Role::Image, 1.5), "b");
    if let Some(x) = c.plane_solution() {
        scene.push(Shape::Dot { at: x, role: Role::Input, radius: 6.0 });
        scene.push(Shape::Label { at: x + World::new(0.0, 0.35), text: "x = A⁻¹b".into(), role: Role::Input });
    }
    if let Some(null) = singular_null(c) {
        // Every solution is one of them plus a point of this line, so the solutions (when there are
        // any) are the line moved to pass through A⁺b.
        null.draw_in_plane(scene, &Matrix2::identity(), null_space::LABEL);
        if c.b_reachable() == Some(true) {
            if let Some(x) = c.shortest().and_then(|x| point(&x)) {
                scene.push(Shape::Dot { at: x, role: Role::Input, radius: 5.0 });
                scene.push(Shape::Label { at: x + World::new(0.0, 0.35), text: "A⁺b".into(), role: Role::Input });
            }
        }
    }
}

/// The null space when A is singular (a line through the origin for a 2×2 A of rank 1).
fn singular_null(c: &Inverse) -> Option<NullSpace> {
    c.inverse().is_err().then(|| c.null_space().ok()).flatten().filter(|n| n.dim() > 0)
}

fn columns(c: &Inverse, scene: &mut Scene, a: &Matrix2<f64>, b: World) {
    transformed_plane(scene, a, "a");
    if let Some(x) = c.plane_solution() {
        let leg = a.column(0) * x.x;
        let scale = x.amax();
        scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), format!("{}·a₁", display_at_scale(x.x, scale)));
        scene.arrow_from(leg, b, Stroke::dashed(Role::Basis2, 2.0), format!("{}·a₂", display_at_scale(x.y, scale)));
    }
    scene.arrow(b, Stroke::solid(Role::Image, 3.5), "b");
    scene.push(Shape::Axes);
}

fn undo(c: &Inverse, scene: &mut Scene, a: &Matrix2<f64>, t: &Timeline) {
    let m = undo_map(c, a, t);
    transformed_plane(scene, &m, "a");
    scene.push(Shape::Axes);
    if let Some(x) = c.plane_solution() {
        let label = if t.position() <= 0.0 || t.position() >= 2.0 { "x" } else { "" };
        scene.arrow(m * x, Stroke::solid(Role::Input, 3.5), label);
        if let Some(b) = point(&c.b) {
            scene.push(Shape::Dot { at: b, role: Role::Image, radius: 5.0 });
            scene.push(Shape::Label { at: b + World::new(0.0, 0.35), text: "b = Ax".into(), role: Role::Image });
        }
    }
    if let Some(d) = singular_null(c).and_then(|n| n.plane_line()) {
        // A piece of the null line, carried by the map: (1 − t)·x on the way to A, so it shrinks to
        // the origin, where it stays (A⁻¹ does not exist to bring it back).
        let reach = 3.0 * (1.0 + a.amax());
        let ends = [m * (d * reach), m * (d * -reach)];
        if (ends[0] - ends[1]).norm() > 1e-9 * reach {
            scene.push(Shape::Polyline { points: ends.to_vec(), stroke: null_space::STROKE });
            scene.push(Shape::Label { at: ends[0] * 0.8, text: format!("{}: shrinks to 0", null_space::LABEL), role: Role::Eigen });
        } else {
            scene.push(Shape::Dot { at: World::zeros(), role: Role::Eigen, radius: 5.0 });
        }
    }
    if t.position() > 1.0 && c.inverse().is_err() {
        scene.push(Shape::Label { at: m * World::new(0.5, 0.5), text: "no A⁻¹: the plane is flattened".into(), role: Role::Image });
    }
}

/// The unit square and its image, b, x and the first leg of the column picture, mirrored through the
/// origin (the lines run through the whole view, and handles get room), with a margin.
fn content_bounds(c: &Inverse) -> (World, World) {
    let mut points = vec![World::zeros(), World::new(1.0, 1.0)];
    if let Some(a) = plane(&c.a) {
        points.extend([World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)].iter().map(|p| a * p));
    }
    points.extend(point(&c.b));
    if let Some(x) = c.plane_solution() {
        points.push(x);
        if let Some(a) = plane(&c.a) {
            points.push(a.column(0) * x.x);
        }
    }
    if singular_null(c).is_some() && c.b_reachable() == Some(true) {
        points.extend(c.shortest().and_then(|x| point(&x)));
    }
    mirrored_bounds(&points, 0.5, 0.15)
}
