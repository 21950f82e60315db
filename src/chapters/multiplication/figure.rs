//! The multiplication page's figure: A·v as v's coordinates walking along A's columns while the
//! plane turns into A; AB as the unit square carried by one factor, then the other, with the other
//! order's square as a ghost; v·w as w's shadow on the line of v.

use super::{Multiplication, View};
use crate::chapter::figure::{bounds, lerp, plane, point, transformed_plane, with_background};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::display_shape;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

impl Draw for Multiplication {
    /// The figure in the current view, or a sentence when the plane cannot draw the shapes.
    fn figure(&self, t: &Timeline) -> Figure {
        if let Some(note) = note(self) {
            return Figure::Note(note);
        }
        let mut scene = Scene::default();
        let drawn = match self.view {
            View::Av => av(self, t, &mut scene),
            View::Ab => ab(self, t, &mut scene),
            View::Dot => dot(self, &mut scene),
        };
        match drawn {
            Some(()) => Figure::Plane { scene: with_background(scene), bounds: content_bounds(self) },
            // Not reached: the note above covers every shape the views cannot draw.
            None => Figure::Note(String::new()),
        }
    }
}

/// Why the plane cannot draw the current view (a matrix that is not 2×2, a vector without two
/// entries), if so.
pub(super) fn note(c: &Multiplication) -> Option<String> {
    let need = match c.view {
        View::Av => plane(&c.a).is_none() || point(&c.v).is_none(),
        View::Ab => plane(&c.a).is_none() || plane(&c.b).is_none(),
        View::Dot => point(&c.v).is_none() || point(&c.w).is_none(),
    };
    need.then(|| {
        format!(
            "The plane draws 2×2 matrices and vectors with 2 entries; now A is {}, B is {}, v has {} entries and w has {}. The numbers below are still exact.",
            display_shape(&c.a),
            display_shape(&c.b),
            c.v.len(),
            c.w.len()
        )
    })
}

fn av(c: &Multiplication, t: &Timeline, scene: &mut Scene) -> Option<()> {
    let (a, v) = (plane(&c.a)?, point(&c.v)?);
    let m = lerp(&Matrix2::identity(), &a, t.progress(0));
    // The column picture: v₁ times the first column, then v₂ times the second, head to tail.
    let leg = m.column(0) * v.x;
    scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), "");
    scene.arrow_from(leg, leg + m.column(1) * v.y, Stroke::dashed(Role::Basis2, 2.0), "");
    transformed_plane(scene, &m, "a");
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    scene.arrow(m * v, Stroke::solid(Role::Image, 3.5), "Av");
    Some(())
}

fn ab(c: &Multiplication, t: &Timeline, scene: &mut Scene) -> Option<()> {
    let (first, then, first_name, then_name) = c.composition()?;
    let total = then * first;
    let other = first * then;
    let m = if t.position() <= 1.0 { lerp(&Matrix2::identity(), &first, t.progress(0)) } else { lerp(&first, &total, t.progress(1)) };
    scene.push(Shape::Lattice { map: m, stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.push(Shape::Polygon {
        points: [World::new(0.0, 0.0), World::new(1.0, 0.0), World::new(1.0, 1.0), World::new(0.0, 1.0)]
            .iter()
            .map(|c| other * c)
            .collect(),
        fill: None,
        stroke: Some(Stroke::dotted(Role::Ghost, 2.0)),
    });
    scene.push(Shape::Label { at: other * World::new(0.5, 0.5), text: format!("{first_name}{then_name}"), role: Role::Ghost });
    scene.unit_square(&m, Role::Image, 0.18);
    scene.push(Shape::Label { at: m * World::new(0.5, 0.5), text: format!("{then_name}{first_name}"), role: Role::Image });
    for (matrix, name, stroke_of) in [(&c.b, "b", Stroke::dashed as fn(Role, f64) -> Stroke), (&c.a, "a", Stroke::solid)] {
        let p = plane(matrix)?;
        scene.arrow(p.column(0).into_owned(), stroke_of(Role::Basis1, 2.0), format!("{name}₁"));
        scene.arrow(p.column(1).into_owned(), stroke_of(Role::Basis2, 2.0), format!("{name}₂"));
    }
    Some(())
}

fn dot(c: &Multiplication, scene: &mut Scene) -> Option<()> {
    let (v, w) = (point(&c.v)?, point(&c.w)?);
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    let vv = v.norm_squared();
    if vv > 0.0 {
        // w's shadow on the line of v: its signed length times ‖v‖ is v·w.
        let foot = v * (v.dot(&w) / vv);
        scene.arrow_from(w, foot, Stroke::dotted(Role::Second, 1.5), "");
        scene.arrow(foot, Stroke::dashed(Role::Second, 3.0), "");
    }
    scene.arrow(w, Stroke::solid(Role::Second, 3.0), "w");
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    Some(())
}

/// The box the view's content occupies: the images of the unit square (under A, or under A, B, AB
/// and BA), v with A·v and the first leg of the column picture, or v and w.
fn content_bounds(c: &Multiplication) -> (World, World) {
    let mut points = vec![World::zeros()];
    if let (Some(a), Some(b)) = (plane(&c.a), plane(&c.b)) {
        let corners = [World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)];
        match c.view {
            View::Ab => {
                for m in [a, b, a * b, b * a] {
                    points.extend(corners.iter().map(|c| m * c));
                }
            }
            _ => points.extend(corners.iter().map(|c| a * c)),
        }
    }
    if let Some(v) = point(&c.v) {
        points.push(v);
        if let Some(a) = plane(&c.a).filter(|_| c.view == View::Av) {
            points.push(a * v);
            points.push(a.column(0) * v.x);
        }
    }
    if let Some(w) = point(&c.w).filter(|_| c.view == View::Dot) {
        points.push(w);
    }
    bounds(&points)
}
