//! The eigendecomposition's figure: the view's dispatch, and A as a map of the plane (the unit
//! circle carried onto an ellipse by (1 − t)I + tA, the real eigen-directions as dashed lines with
//! their λ, and the probe v with Av, glowing when Av ∥ v).

use super::{quadratic, space, Eigendecomposition, View};
use crate::chapter::figure::{bounds, lerp, plane, point, with_background};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::{display_number, display_shape, subscript};
use crate::math::eigen::{Eigen, NoVectors};
use crate::math::svd::svd;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

impl Draw for Eigendecomposition {
    /// The figure of the current view at the timeline's position.
    fn figure(&self, timeline: &Timeline) -> Figure {
        if let Some(note) = note(self) {
            return Figure::Note(note);
        }
        if self.view == View::Quadratic {
            return quadratic::figure(self);
        }
        // Without a note, the eigenvalues exist and A and v fit the plane or space.
        let Ok(e) = self.decomposition() else { return Figure::Note(String::new()) };
        match (self.space_map(), plane(&self.a), point(&self.v)) {
            (Some(a), ..) => Figure::Space(space::figure(self, &a, &e, timeline)),
            (None, Some(a), Some(v)) => Figure::Plane { scene: plane_scene(self, &a, v, &e, timeline), bounds: plane_bounds(&a, v) },
            _ => Figure::Note(String::new()),
        }
    }
}

/// Why the current view draws nothing, if so.
pub(super) fn note(c: &Eigendecomposition) -> Option<String> {
    if c.view == View::Quadratic {
        return quadratic::note(c);
    }
    let drawn = (plane(&c.a).is_some() && point(&c.v).is_some()) || c.space_map().is_some();
    if !drawn {
        return Some(format!(
            "The figure draws a 2×2 matrix with a vector of 2 entries, or a 3×3 matrix with a vector of 3 entries; now A is {} and v has {} entries. The numbers below are still exact.",
            display_shape(&c.a),
            c.v.len()
        ));
    }
    c.decomposition().err().map(|why| format!("No figure: {why}."))
}

/// The real eigen-directions to draw: the eigenvector columns, or for a defective matrix its one
/// direction per repeated value (the null vector of A − λI).
fn directions(a: &Matrix2<f64>, e: &Eigen) -> Vec<(World, f64)> {
    match &e.vectors {
        Ok(v) => (0..2).map(|c| (World::new(v[(0, c)], v[(1, c)]), e.values[c].re)).collect(),
        Err(NoVectors::Defective { value, .. }) => {
            let shifted = DMatrix::from_row_slice(2, 2, &[a[(0, 0)] - value, a[(0, 1)], a[(1, 0)], a[(1, 1)] - value]);
            match svd(&shifted) {
                Ok(s) => vec![(World::new(s.v[(0, 1)], s.v[(1, 1)]), *value)],
                Err(_) => Vec::new(),
            }
        }
        Err(_) => Vec::new(),
    }
}

/// The box around the unit circle and its image under `a`.
fn ellipse_bounds(a: &Matrix2<f64>) -> (World, World) {
    let points: Vec<World> = (0..48)
        .flat_map(|i| {
            let t = i as f64 * std::f64::consts::TAU / 48.0;
            let p = World::new(t.cos(), t.sin());
            [p, a * p]
        })
        .collect();
    bounds(&points)
}

/// A as a map of the plane at the timeline's position.
fn plane_scene(c: &Eigendecomposition, a: &Matrix2<f64>, v: World, e: &Eigen, timeline: &Timeline) -> Scene {
    let m = lerp(&Matrix2::identity(), a, timeline.progress(0));
    let done = timeline.position() >= 1.0;
    let mut scene = Scene::default();
    scene.unit_circle(&Matrix2::identity(), Stroke::dotted(Role::Ghost, 1.5), None);
    scene.unit_circle(&m, Stroke::solid(Role::Image, 1.5), Some(Fill { role: Role::Image, alpha: 0.08 }));
    // Eigen-directions: (1 − t)I + tA has the same eigenvectors as A, so they stay put while playing.
    let directions = directions(a, e);
    let repeated = directions.len() == 2 && (directions[0].1 - directions[1].1).abs() == 0.0;
    for (i, (d, lambda)) in directions.iter().enumerate() {
        let label = if repeated && *a == Matrix2::identity() * *lambda {
            format!("λ = {} (every direction)", display_number(*lambda))
        } else if directions.len() == 1 {
            format!("λ = {} (the only direction)", display_number(*lambda))
        } else {
            format!("λ{} = {}", subscript(i + 1), display_number(*lambda))
        };
        scene.push(Shape::Line { through: World::zeros(), direction: *d, stroke: Stroke::dashed(Role::Eigen, 2.0), label: Some(label) });
        scene.push(Shape::Dot { at: m * d, role: Role::Eigen, radius: 4.0 });
    }
    if e.values.iter().any(|z| z.im != 0.0) {
        // Under the ellipse and the unit circle, where it overlaps nothing.
        let (lo, _) = ellipse_bounds(a);
        scene.push(Shape::Label { at: World::new(0.0, lo.y - 0.6), text: "no real eigen-direction".into(), role: Role::Eigen });
    }
    scene.arrow(m.column(0).into_owned(), Stroke::solid(Role::Basis1, 2.5), if done { "a₁" } else { "" });
    scene.arrow(m.column(1).into_owned(), Stroke::solid(Role::Basis2, 2.5), if done { "a₂" } else { "" });
    let image = m * v;
    if let (Ok(l), true) = (c.probe_lambda(), done) {
        // The glow: a wide eigen-coloured band under v and Av when Av ∥ v.
        let far = if image.norm() > v.norm() { image } else { v };
        scene.push(Shape::Polyline { points: vec![World::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
        scene.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_number(l)));
    } else {
        scene.arrow(image, Stroke::solid(Role::Image, 3.5), "Av");
    }
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    with_background(scene)
}

/// The unit square, the ellipse with room under it for its label, A's columns, v and Av (with room
/// for the label at its tip).
fn plane_bounds(a: &Matrix2<f64>, v: World) -> (World, World) {
    let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
    let (lo, hi) = ellipse_bounds(a);
    points.extend([lo, hi, World::new(0.0, lo.y - 0.8)]);
    points.push(a.column(0).into_owned());
    points.push(a.column(1).into_owned());
    points.push(v);
    points.push(a * v * 1.15);
    bounds(&points)
}
