//! The norms page's figure: the L¹ diamond, L² circle, L^∞ square and Lᵖ ball through v (with the
//! unit balls faint behind them), the triangle v, w, v + w, or the smallest L¹ and L² balls touching
//! the line x·w = y (`sparse.rs`).

use super::{sparse, Norms, View};
use crate::chapter::figure::{bounds, point, with_background};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::display_number;
use crate::math::norms::{l1, l2, linf, lp};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

/// Points sampled on each ball's outline.
const BALL_SAMPLES: usize = 192;

/// The outline of the Lᵖ ball of radius r: |x|ᵖ + |y|ᵖ = rᵖ, as a polygon.
fn ball(p: f64, r: f64) -> Vec<World> {
    (0..BALL_SAMPLES)
        .map(|i| {
            let t = i as f64 * std::f64::consts::TAU / BALL_SAMPLES as f64;
            let (s, c) = t.sin_cos();
            let e = 2.0 / p;
            World::new(r * c.signum() * c.abs().powf(e), r * s.signum() * s.abs().powf(e))
        })
        .collect()
}

/// The L^∞ ball of radius r, exactly: a square.
fn square(r: f64) -> Vec<World> {
    vec![World::new(r, r), World::new(-r, r), World::new(-r, -r), World::new(r, -r)]
}

/// The L¹ ball of radius r, exactly: a diamond.
fn diamond(r: f64) -> Vec<World> {
    vec![World::new(r, 0.0), World::new(0.0, r), World::new(-r, 0.0), World::new(0.0, -r)]
}

/// The subscript of p for a label: `₃` for 3, `ₚ` when p is not a whole number from 1 to 9.
fn sub_p(p: f64) -> String {
    if p.fract() == 0.0 && (1.0..10.0).contains(&p) {
        char::from_u32(0x2080 + p as u32).map(String::from).unwrap_or_default()
    } else {
        "ₚ".into()
    }
}

/// The plane figure of the current view; `None` when v (or, in the triangle view, w) does not have
/// two entries.
fn plane(c: &Norms) -> Option<Figure> {
    let mut scene = Scene::default();
    if c.view == View::Sparse {
        let points = sparse::draw(c, &mut scene);
        return Some(Figure::Plane { scene: with_background(scene), bounds: bounds(&points) });
    }
    let v = point(&c.v)?;
    let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0), v];
    match c.view {
        View::Triangle => {
            let w = point(&c.w)?;
            triangle(&mut scene, v, w);
            points.extend([w, v + w]);
        }
        View::Sparse => {}
        View::Balls => {
            balls(&mut scene, v, c.p);
            let r = l1(&[v.x, v.y]);
            if r.is_finite() {
                points.extend([World::new(r, r), World::new(-r, -r)]);
            }
        }
    }
    Some(Figure::Plane { scene: with_background(scene), bounds: bounds(&points) })
}

/// The unit balls (faint), the Lᵖ ball and the three classic balls through v, each labelled where it
/// crosses an axis at that norm, and v.
fn balls(scene: &mut Scene, v: World, p: f64) {
    let e = [v.x, v.y];
    let (r1, r2, ri, rp) = (l1(&e), l2(&e), linf(&e), lp(&e, p));
    scene.push(Shape::Polygon { points: diamond(1.0), fill: None, stroke: Some(Stroke::dotted(Role::Ghost, 1.0)) });
    scene.unit_circle(&Matrix2::identity(), Stroke::dashed(Role::Ghost, 1.0), None);
    scene.push(Shape::Polygon { points: square(1.0), fill: None, stroke: Some(Stroke::solid(Role::Ghost, 1.0)) });
    if ri > 0.0 && [r1, r2, ri, rp].iter().all(|r| r.is_finite()) {
        scene.push(Shape::Polygon {
            points: ball(p, rp),
            fill: Some(Fill { role: Role::Image, alpha: 0.12 }),
            stroke: Some(Stroke::solid(Role::Image, 2.5)),
        });
        scene.push(Shape::Polygon { points: diamond(r1), fill: None, stroke: Some(Stroke::dotted(Role::Basis1, 2.0)) });
        scene.unit_circle(&(Matrix2::identity() * r2), Stroke::dashed(Role::Basis2, 2.0), None);
        scene.push(Shape::Polygon { points: square(ri), fill: None, stroke: Some(Stroke::solid(Role::Second, 1.5)) });
        scene.push(Shape::Label { at: World::new(0.0, -r1), text: format!("‖v‖₁ = {}", display_number(r1)), role: Role::Basis1 });
        scene.push(Shape::Label {
            at: World::new(-r2, 0.07 * r1), text: format!("‖v‖₂ = {}", display_number(r2)), role: Role::Basis2
        });
        scene.push(Shape::Label { at: World::new(-ri, ri), text: format!("‖v‖∞ = {}", display_number(ri)), role: Role::Second });
        // Just inside the Lᵖ ball's lowest point, clear of the axis and the other labels.
        scene.push(Shape::Label {
            at: World::new(0.0, -rp + 0.08 * r1),
            text: format!("‖v‖{} = {}", sub_p(p), display_number(rp)),
            role: Role::Image,
        });
    }
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
}

/// v, w and v + w from the origin, and w again from v's tip: the detour against the straight path.
fn triangle(scene: &mut Scene, v: World, w: World) {
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    // w again, placed at v's tip: the detour v then w (labelled once, on the arrow from the origin).
    scene.arrow_from(v, v + w, Stroke::dashed(Role::Second, 2.0), "");
    scene.arrow(w, Stroke::solid(Role::Second, 3.0), format!("w: {}", display_number(w.norm())));
    scene.arrow(v + w, Stroke::solid(Role::Image, 3.5), format!("v + w: {}", display_number((v + w).norm())));
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), format!("v: {}", display_number(v.norm())));
}

impl Draw for Norms {
    fn figure(&self, _timeline: &Timeline) -> Figure {
        plane(self).unwrap_or_else(|| Figure::Note(self.figure_note().unwrap_or_default()))
    }
}
