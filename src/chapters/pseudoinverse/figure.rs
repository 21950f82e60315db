//! The pseudoinverse page's figure: the least-squares line through P with each point's residual, or
//! the rows of A·x = b as lines with A⁺b (the shortest solution, or the least-squares point) and A⁺b
//! with the rows normalised.

use super::{Pseudoinverse, View};
use crate::chapter::figure::bounds;
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::display_shape;
use crate::math::svd::svd;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

impl Draw for Pseudoinverse {
    /// The figure of the current view.
    fn figure(&self, _timeline: &Timeline) -> Figure {
        if let Some(note) = note(self) {
            return Figure::Note(note);
        }
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        match self.view {
            View::Fit => fit_scene(self, &mut scene),
            View::Lines => lines_scene(self, &mut scene),
        }
        scene.shapes.insert(1, Shape::Axes);
        Figure::Plane { scene, bounds: content_bounds(self) }
    }
}

/// Why the view draws nothing, if so: the lines view needs a two-column A and a b that fits it.
pub(super) fn note(c: &Pseudoinverse) -> Option<String> {
    (c.view == View::Lines && c.lines().is_none()).then(|| {
        format!(
            "The three-lines view draws each row of a two-column A as a line aᵢ·x = bᵢ; now A is {} and b has {} entries. The numbers below are still exact.",
            display_shape(&c.a),
            c.b.len()
        )
    })
}

fn fit_scene(c: &Pseudoinverse, scene: &mut Scene) {
    let points = c.points();
    match c.fit() {
        Ok((slope, intercept)) => {
            scene.push(Shape::Line {
                through: World::new(0.0, intercept),
                direction: World::new(1.0, slope),
                stroke: Stroke::solid(Role::Image, 2.5),
                label: Some(c.line_equation(slope, intercept)),
            });
            for q in &points {
                let on_line = World::new(q.x, slope * q.x + intercept);
                scene.push(Shape::Polyline { points: vec![*q, on_line], stroke: Stroke::dotted(Role::Image, 1.5) });
            }
        }
        Err(_) => {
            if let Some(q) = points.first() {
                scene.push(Shape::Label { at: World::new(q.x + 0.3, q.y), text: "all x equal: no unique line".into(), role: Role::Image });
            }
        }
    }
    for q in &points {
        scene.push(Shape::Dot { at: *q, role: Role::Data, radius: 5.0 });
    }
}

fn lines_scene(c: &Pseudoinverse, scene: &mut Scene) {
    let lines = c.lines().unwrap_or_default();
    for (i, (normal, offset)) in lines.iter().enumerate() {
        let nn = normal.norm_squared();
        if nn == 0.0 {
            continue;
        }
        scene.push(Shape::Line {
            through: normal * (offset / nn),
            direction: World::new(-normal.y, normal.x),
            stroke: Stroke::solid(Role::Second, 2.0),
            label: Some(format!("row {}", i + 1)),
        });
    }
    if let Some(Ok(x)) = c.solution() {
        let at = World::new(x[0], x[1]);
        if at.x.is_finite() && at.y.is_finite() {
            scene.push(Shape::Dot { at, role: Role::Image, radius: 6.0 });
            // Fewer independent equations than unknowns: many solutions, and A⁺b is the one
            // nearest the origin, at the foot of the perpendicular.
            let many = svd(&c.a).is_ok_and(|s| s.rank() < c.a.ncols());
            if many {
                scene.push(Shape::Polyline { points: vec![World::new(0.0, 0.0), at], stroke: Stroke::dotted(Role::Image, 1.5) });
            }
            let text = if many { "A⁺b: the shortest x" } else { "A⁺b" };
            scene.push(Shape::Label { at: at + World::new(0.12, 0.12), text: text.into(), role: Role::Image });
        }
    }
    if let (Ok(x), true) = (c.normalized_solution(), lines.len() == 3) {
        let at = World::new(x[0], x[1]);
        if at.x.is_finite() && at.y.is_finite() {
            scene.push(Shape::Dot { at, role: Role::Ghost, radius: 4.0 });
            scene.push(Shape::Label { at: at + World::new(0.12, -0.25), text: "rows normalised".into(), role: Role::Ghost });
        }
    }
}

/// The points (fit), or where pairs of lines cross and the least-squares point (lines), with a
/// margin so dots and labels at the edge stay inside.
fn content_bounds(c: &Pseudoinverse) -> (World, World) {
    let mut points = Vec::new();
    match c.view {
        View::Fit => points = c.points(),
        View::Lines => {
            let lines = c.lines().unwrap_or_default();
            // Where pairs of lines cross (the notebook's triangle), and the least-squares point.
            for i in 0..lines.len() {
                for j in i + 1..lines.len() {
                    let (n1, c1) = lines[i];
                    let (n2, c2) = lines[j];
                    let det = n1.x * n2.y - n1.y * n2.x;
                    if det.abs() > 1e-12 * n1.norm() * n2.norm() {
                        points.push(World::new((c1 * n2.y - c2 * n1.y) / det, (n1.x * c2 - n2.x * c1) / det));
                    }
                }
            }
            if let Some(Ok(x)) = c.solution() {
                points.push(World::new(x[0], x[1]));
            }
        }
    }
    let points: Vec<World> = points.into_iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
    let (lo, hi) = bounds(&points);
    // Smaller for the lines, so the view centres on the triangle rather than on the origin.
    let margin = if c.view == View::Fit { 1.0 } else { 0.5 };
    (lo - World::new(margin, margin), hi + World::new(margin, margin))
}
