//! The eigendecomposition's figure: the view's dispatch, and A as a map of the plane played as a
//! change of basis (`stages`): the new basis' grid and the unit circle carried to eigen-coordinates
//! (or their stand-in), stretched, and carried back; the real eigen-directions as dashed lines with
//! their λ, and the probe v with Av, glowing when Av ∥ v.

use super::stages::{resting, Kind, Staged};
use super::{quadratic, space, Eigendecomposition, View};
use crate::chapter::figure::{bounds, plane, point, with_background};
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::{display_at_scale, display_shape, display_tuple_at_scale, subscript};
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
            (None, Some(a), Some(v)) => Figure::Plane { scene: plane_scene(self, &a, v, &e, timeline), bounds: plane_bounds(self, &a, v) },
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

/// A 2×2 matrix of a staged map.
fn plane_of(m: &DMatrix<f64>) -> Matrix2<f64> {
    Matrix2::new(m[(0, 0)], m[(0, 1)], m[(1, 0)], m[(1, 1)])
}

/// Column `i` of a 2-row matrix as a point.
fn column(m: &DMatrix<f64>, i: usize) -> World {
    World::new(m[(0, i)], m[(1, i)])
}

/// The labels of the basis arrows at a stage boundary (`None` while moving): the basis, then eᵢ in
/// the new coordinates, then eᵢ after the middle map, then A applied to the basis.
pub(super) fn basis_labels(kind: Kind, n: usize, rest: Option<usize>) -> Vec<String> {
    let names: Vec<String> = (1..=n)
        .map(|i| match kind {
            Kind::Eigen => format!("v{}", subscript(i)),
            Kind::Turn if i == 3 => "v₃".into(),
            Kind::Turn => ["p", "q"][i - 1].into(),
            Kind::Triangular | Kind::Direct => format!("q{}", subscript(i)),
        })
        .collect();
    let [_, middle, _] = kind.symbols();
    (1..=n)
        .map(|i| {
            let e = format!("e{}", subscript(i));
            match rest {
                Some(0) => names[i - 1].clone(),
                Some(1) => e,
                Some(2) if kind == Kind::Eigen || (kind == Kind::Turn && i == 3) => format!("λ{}{e}", subscript(i)),
                Some(2) => format!("{middle}{e}"),
                Some(3) if kind == Kind::Eigen || (kind == Kind::Turn && i == 3) => format!("λ{}{}", subscript(i), names[i - 1]),
                Some(3) => format!("A{}", names[i - 1]),
                _ => String::new(),
            }
        })
        .collect()
}

/// The probe's image at a stage boundary, in words: B⁻¹v with its coordinates, then M·B⁻¹v.
pub(super) fn probe_label(kind: Kind, rest: Option<usize>, at: &[f64], scale: f64) -> String {
    let [to, middle, _] = kind.symbols();
    let at = display_tuple_at_scale(at, scale);
    match rest {
        Some(1) => format!("{to}v = {at}"),
        Some(2) => format!("{middle}{to}v = {at}"),
        _ => String::new(),
    }
}

/// Why Play does not run V⁻¹·Λ·V, and what it runs instead (nothing for an eigenbasis), for an n×n A.
pub(super) fn stand_in(kind: Kind, n: usize) -> Option<&'static str> {
    match kind {
        Kind::Eigen => None,
        Kind::Turn if n == 3 => Some("one real eigenvector, too few for V: Play turns in the basis p, q, v₃ instead"),
        Kind::Turn => Some("no real eigenvectors, so no V: Play turns in the basis p, q instead"),
        Kind::Triangular => Some("too few eigenvectors for V: Play uses a Schur basis instead"),
        Kind::Direct => Some("no change of basis: Play applies A directly"),
    }
}

/// Which columns of B stay on their own line through the middle map (eigenvectors).
pub(super) fn invariant_columns(kind: Kind, n: usize) -> Vec<usize> {
    match kind {
        Kind::Eigen => (0..n).collect(),
        Kind::Turn if n == 3 => vec![2],
        Kind::Triangular => vec![0],
        _ => Vec::new(),
    }
}

/// The λ label of an eigen-direction: "λ₁ = 6", or for a defective or scalar matrix what is special.
fn lambda_label(a: &Matrix2<f64>, directions: &[(World, f64)], i: usize) -> String {
    let lambda = directions[i].1;
    let shown = display_at_scale(lambda, a.amax());
    let repeated = directions.len() == 2 && directions[0].1 == directions[1].1;
    if repeated && *a == Matrix2::identity() * lambda {
        format!("λ = {shown} (every direction)")
    } else if directions.len() == 1 {
        format!("λ = {shown} (the only direction)")
    } else {
        format!("λ{} = {shown}", subscript(i + 1))
    }
}

/// A as a map of the plane at the timeline's position, played as a change of basis: the grid of the
/// new basis and the unit circle carried by the stage's map, the eigen-directions and basis vectors
/// carried along, the probe v with its image (labelled with its new coordinates at the stage
/// boundaries), and A's columns at the end.
fn plane_scene(c: &Eigendecomposition, a: &Matrix2<f64>, v: World, e: &Eigen, timeline: &Timeline) -> Scene {
    let staged = Staged::of(c);
    let m = staged.as_ref().map_or(*a, |s| plane_of(&s.map(timeline)));
    let done = timeline.position() >= timeline.stages() as f64;
    let rest = if done { Some(3) } else { resting(timeline) };
    let mut scene = Scene::default();
    scene.unit_circle(&Matrix2::identity(), Stroke::dotted(Role::Ghost, 1.5), None);
    if let Some(s) = &staged {
        scene.push(Shape::Lattice { map: m * plane_of(s.basis()), stroke: Stroke::solid(Role::Grid, 1.0) });
    }
    scene.unit_circle(&m, Stroke::solid(Role::Image, 1.5), Some(Fill { role: Role::Image, alpha: 0.08 }));
    let directions = directions(a, e);
    let at_ends = matches!(rest, Some(0) | Some(3));
    match &staged {
        Some(s) if s.kind != Kind::Triangular => {
            // The eigen-directions among the basis vectors ride along (the middle map keeps them).
            let frame = plane_of(&s.frame(timeline));
            for i in invariant_columns(s.kind, 2) {
                let label = at_ends.then(|| lambda_label(a, &directions, i));
                let direction = frame * column(s.basis(), i);
                scene.push(Shape::Line { through: World::zeros(), direction, stroke: Stroke::dashed(Role::Eigen, 2.0), label });
            }
        }
        _ if at_ends => {
            // A defective A's one eigen-direction is drawn where it is, at the start and the end.
            for (i, (d, _)) in directions.iter().enumerate() {
                let label = Some(lambda_label(a, &directions, i));
                scene.push(Shape::Line { through: World::zeros(), direction: *d, stroke: Stroke::dashed(Role::Eigen, 2.0), label });
            }
        }
        _ => {}
    }
    if let Some(s) = &staged {
        let labels = basis_labels(s.kind, 2, rest);
        let eigen = invariant_columns(s.kind, 2);
        for (i, label) in labels.iter().enumerate() {
            let role = if eigen.contains(&i) { Role::Eigen } else { Role::Second };
            scene.arrow(m * column(s.basis(), i), Stroke::dashed(role, 2.5), label.as_str());
        }
        if let (Some(text), true) = (stand_in(s.kind, 2), at_ends) {
            // Under the ellipse and the unit circle, where it overlaps nothing.
            let (lo, _) = ellipse_bounds(a);
            scene.push(Shape::Label { at: World::new(0.0, lo.y - 0.6), text: text.into(), role: Role::Eigen });
        }
    }
    if done {
        scene.arrow(a.column(0).into_owned(), Stroke::solid(Role::Basis1, 2.5), "a₁");
        scene.arrow(a.column(1).into_owned(), Stroke::solid(Role::Basis2, 2.5), "a₂");
    }
    let image = m * v;
    match (c.probe_lambda(), done, &staged) {
        (Ok(l), true, _) => {
            // The glow: a wide eigen-coloured band under v and Av when Av ∥ v.
            let far = if image.norm() > v.norm() { image } else { v };
            scene.push(Shape::Polyline { points: vec![World::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
            scene.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_at_scale(l, a.amax())));
        }
        (_, true, _) => scene.arrow(image, Stroke::solid(Role::Image, 3.5), "Av"),
        (_, false, Some(s)) => {
            scene.arrow(image, Stroke::solid(Role::Image, 3.5), "");
            // Beside the arrow's middle rather than past its tip, where a long label would leave the view.
            let text = probe_label(s.kind, rest, &[image.x, image.y], a.amax().max(v.amax()));
            if !text.is_empty() {
                let (lo, hi) = plane_bounds(c, a, v);
                let side = World::new(-image.y, image.x).try_normalize(0.0).unwrap_or(World::new(0.0, 1.0));
                let side = if side.y < 0.0 { -side } else { side };
                scene.push(Shape::Label { at: image * 0.5 + side * (0.05 * (hi - lo).amax()), text, role: Role::Image });
            }
        }
        _ => scene.arrow(image, Stroke::solid(Role::Image, 3.5), ""),
    }
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    with_background(scene)
}

/// How far the in-between pictures may reach, as a multiple of the final picture's size: a nearly
/// parallel eigenbasis makes V⁻¹ huge, and the view should still show A's picture well.
const STAGE_REACH: f64 = 3.0;

/// The unit square, the ellipse with room under it for its label, A's columns, v and Av (with room
/// for the label at its tip), and the pictures at the stage boundaries (B⁻¹ and M·B⁻¹ applied to
/// the circle and v), clipped to [`STAGE_REACH`] times the rest.
fn plane_bounds(c: &Eigendecomposition, a: &Matrix2<f64>, v: World) -> (World, World) {
    let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
    let (lo, hi) = ellipse_bounds(a);
    points.extend([lo, hi, World::new(0.0, lo.y - 0.8)]);
    points.push(a.column(0).into_owned());
    points.push(a.column(1).into_owned());
    points.push(v);
    points.push(a * v * 1.15);
    let (lo, hi) = bounds(&points);
    let limit = lo.abs().sup(&hi.abs()) * STAGE_REACH;
    if let Some(s) = Staged::of(c) {
        for (t0, t1) in [(1.0, 0.0), (1.0, 1.0)] {
            let m = plane_of(&s.map_at(t0, t1, 0.0));
            let (lo, hi) = ellipse_bounds(&m);
            for p in [lo, hi, m * v * 1.15] {
                points.push(p.sup(&-limit).inf(&limit));
            }
        }
    }
    bounds(&points)
}
