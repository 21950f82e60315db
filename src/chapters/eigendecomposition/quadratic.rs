//! The quadratic-form panel (`view=quadratic`): f(x) = xᵀAx of a 2×2 A as a heat map with labelled
//! level sets, the principal axes of S = (A + Aᵀ)/2, the unit circle with f's max and min at ±q₁ and
//! ±q₂, the probe v with f(v), the definiteness, and a note when A is not symmetric. The level sets
//! and the definiteness are `math::quadratic`'s; this file chooses which to draw and where the labels
//! go, and says it in words.

use super::Eigendecomposition;
use crate::chapter::figure::{bounds, plane, point, with_background};
use crate::chapter::Figure;
use crate::format::{display_at_scale, display_number, display_shape, display_tuple_at_scale};
use crate::math::eigen::symmetric;
use crate::math::quadratic::{definiteness, Conic, Definiteness, QuadraticForm};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::viewport::{nice_step, World};
use nalgebra::Matrix2;

/// Labelled level sets of each sign.
const LEVELS_PER_SIGN: usize = 4;

/// What a definiteness means for f(x) = xᵀAx: a sentence, and the shape of its graph.
pub(super) fn meaning(kind: Definiteness) -> (&'static str, &'static str) {
    match kind {
        Definiteness::PositiveDefinite => ("xᵀAx > 0 for every x ≠ 0", "a bowl"),
        Definiteness::NegativeDefinite => ("xᵀAx < 0 for every x ≠ 0", "a dome"),
        Definiteness::Indefinite => ("xᵀAx takes both signs", "a saddle"),
        Definiteness::Zero => ("xᵀAx = 0 for every x", "flat"),
        Definiteness::PositiveSemidefinite => ("xᵀAx ≥ 0, and = 0 along a direction", "a trough"),
        Definiteness::NegativeSemidefinite => ("xᵀAx ≤ 0, and = 0 along a direction", "a ridge"),
    }
}

/// The radius the panel shows around the origin: the unit circle and v.
pub(super) fn radius(v: World) -> f64 {
    let r = v.norm() * 1.15;
    if r.is_finite() {
        r.max(1.5)
    } else {
        1.5
    }
}

/// The levels to draw for a panel of radius `radius`: ±k²·step for k = 1…4 on each side f takes,
/// the step a 1, 2 or 5 × 10ᵏ so that the largest level reaches past the radius. f grows with the
/// square of the distance, so these level sets are evenly spaced along every ray.
pub(super) fn levels(form: &QuadraticForm, radius: f64) -> Vec<f64> {
    let big = form.values[0].abs().max(form.values[1].abs());
    if !(big > 0.0 && (big * radius * radius).is_finite()) {
        return Vec::new();
    }
    let squares = (1..=LEVELS_PER_SIGN).map(|k| (k * k) as f64);
    let step = nice_step(big * radius * radius / (LEVELS_PER_SIGN * LEVELS_PER_SIGN) as f64);
    let positive = squares.clone().filter(|_| form.values[0] > 0.0).map(|k| k * step);
    let negative = squares.filter(|_| form.values[1] < 0.0).map(|k| -k * step);
    positive.chain(negative).filter(|c| c.is_finite()).collect()
}

/// The unit direction along which the labels of the levels of one sign sit (`positive` or not),
/// with f on it: off the principal axes (where the max and min labels are), inside the region
/// where f has that sign, and of its mirror images the one pointing most away from the probe `v`
/// and from the definiteness text under the unit circle, and not along the x or y axis (where
/// the tick labels are). Along a ray the level k²·step is at distance k·√(step / f(u)): evenly
/// spaced.
pub(super) fn label_ray(form: &QuadraticForm, positive: bool, v: World) -> Option<(World, f64)> {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_3, FRAC_PI_6};
    let [l1, l2] = form.values.map(|l| if positive { l } else { -l });
    // Angles from q₁: for a saddle, between an axis and the asymptote at atan √(λ₁/−λ₂).
    let angles = match (l1 > 0.0, l2 > 0.0) {
        (true, false) if l2 < 0.0 => vec![(l1 / -l2).sqrt().atan() / 2.0],
        (false, true) if l1 < 0.0 => vec![((-l1 / l2).sqrt().atan() + FRAC_PI_2) / 2.0],
        (false, false) => return None,
        _ => vec![FRAC_PI_3, FRAC_PI_6],
    };
    let away = if v.norm() > 0.0 && v.norm().is_finite() { v.normalize() } else { World::zeros() } + World::new(0.0, -1.0);
    let score = |u: &World| u.dot(&away) + if u.x.abs().min(u.y.abs()) < 0.17 { 2.0 } else { 0.0 };
    let u = angles
        .iter()
        .flat_map(|t| {
            let (c, s) = (t.cos(), t.sin());
            [(c, s), (c, -s), (-c, s), (-c, -s)].map(|(a, b)| form.point(a, b))
        })
        .min_by(|p, q| score(p).total_cmp(&score(q)))?;
    let f = form.value(u);
    (f != 0.0 && f.is_finite()).then_some((u, f))
}

/// Adds a level set's conics in `stroke`; `line_label` goes on its first straight line, if any (the
/// renderer puts it where the line leaves the view).
fn push_conics(scene: &mut Scene, conics: &[Conic], stroke: Stroke, line_label: Option<String>) {
    let mut label = line_label;
    for conic in conics {
        match conic {
            Conic::Curve(points) => scene.push(Shape::Polyline { points: points.clone(), stroke }),
            Conic::Line { through, direction } => {
                scene.push(Shape::Line { through: *through, direction: *direction, stroke, label: label.take() });
            }
        }
    }
}

/// The panel as a plane figure (a note when A or v do not fit it: see [`note`]).
pub(super) fn figure(c: &Eigendecomposition) -> Figure {
    let (Some(form), Some(v)) = (QuadraticForm::new(&c.a), point(&c.v)) else { return Figure::Note(note(c).unwrap_or_default()) };
    let r = radius(v);
    // Room under the unit circle for the definiteness and the symmetric-part note.
    Figure::Plane { scene: scene(c, &form, v), bounds: bounds(&[World::new(-r, -r), World::new(r, r), World::new(0.0, -2.0)]) }
}

fn scene(c: &Eigendecomposition, form: &QuadraticForm, v: World) -> Scene {
    let [l1, l2] = form.values;
    let mut scene = Scene::default();
    let big = l1.abs().max(l2.abs());
    if big > 0.0 {
        // S up to a positive factor (the heat map is relative): no overflow for huge entries.
        let q = Matrix2::from_columns(&form.axes);
        let field = q * Matrix2::new(l1 / big, 0.0, 0.0, l2 / big) * q.transpose();
        scene.push(Shape::QuadraticField { form: field, positive: Role::Image, negative: Role::Data, alpha: 0.3 });
    }
    let radius = radius(v);
    let reach = radius * 3.0;
    let mut first = [true, true];
    for level in levels(form, radius) {
        let role = if level > 0.0 { Role::Image } else { Role::Data };
        let sign = usize::from(level < 0.0);
        let conics = form.conics(level, reach);
        push_conics(&mut scene, &conics, Stroke::solid(role, 1.25), None);
        let along = label_ray(form, level > 0.0, v).map(|(u, f)| u * (level / f).sqrt()).filter(|at| at.iter().all(|x| x.is_finite()));
        if let (false, Some(at)) = (conics.is_empty(), along) {
            let text = if first[sign] { format!("f = {}", display_number(level)) } else { display_number(level) };
            scene.push(Shape::Label { at, text, role });
            first[sign] = false;
        }
    }
    push_conics(&mut scene, &form.conics(0.0, reach), Stroke::dashed(Role::Ghost, 1.5), Some("f = 0".into()));
    for q in form.axes {
        scene.push(Shape::Line { through: World::zeros(), direction: q, stroke: Stroke::dashed(Role::Eigen, 1.5), label: None });
    }
    scene.unit_circle(&Matrix2::identity(), Stroke::solid(Role::Axis, 1.5), None);
    // The labelled one of ±q is the one above the x-axis (or on it, to the right).
    let upper = |q: World| if q.y < 0.0 || (q.y == 0.0 && q.x < 0.0) { -q } else { q };
    for q in form.axes {
        for at in [q, -q] {
            scene.push(Shape::Dot { at, role: Role::Eigen, radius: 5.0 });
        }
    }
    if l1 == l2 {
        let text = format!("max = min = {} on the whole circle", display_at_scale(l1, big));
        scene.push(Shape::Label { at: World::new(0.0, 1.3), text, role: Role::Eigen });
    } else {
        for (q, text) in
            [(form.axes[0], format!("max {}", display_at_scale(l1, big))), (form.axes[1], format!("min {}", display_at_scale(l2, big)))]
        {
            scene.push(Shape::Label { at: upper(q) * 1.3, text, role: Role::Eigen });
        }
    }
    let fv = form.value(v);
    if fv != 0.0 {
        push_conics(&mut scene, &form.conics(fv, reach), Stroke::dotted(Role::Input, 1.5), None);
    }
    let text = format!("{}: {}", form.kind.name(), meaning(form.kind).1);
    scene.push(Shape::Label { at: World::new(0.0, -1.55), text, role: Role::Axis });
    if c.a != c.a.transpose() {
        scene.push(Shape::Label { at: World::new(0.0, -1.85), text: "A ≠ Aᵀ: f only sees (A + Aᵀ)/2".into(), role: Role::Axis });
    }
    scene.arrow(v, Stroke::solid(Role::Input, 3.5), format!("v: f(v) = {}", display_at_scale(fv, big * v.norm_squared())));
    with_background(scene)
}

/// Why the panel draws nothing, if so. The panel is 2-D; for another size the note says in words
/// what the panel would show.
pub(super) fn note(c: &Eigendecomposition) -> Option<String> {
    if plane(&c.a).is_some() && point(&c.v).is_some() {
        return QuadraticForm::new(&c.a).is_none().then(|| "No figure: the symmetric part's eigenvalues overflow a 64-bit float.".into());
    }
    let about = match symmetric(&c.a) {
        Ok((values, _)) => format!(
            " For this {} A, xᵀAx is {}: the eigenvalues of (A + Aᵀ)/2, {}, include its largest and smallest values on the unit sphere ‖x‖ = 1 (the first and the last), taken at their eigenvectors.",
            display_shape(&c.a),
            definiteness(&values).name(),
            values.iter().map(|x| display_at_scale(*x, c.a.amax())).collect::<Vec<_>>().join(", ")
        ),
        Err(why) => format!(" The symmetric part's eigenvalues could not be computed: {why}."),
    };
    let space = if c.a.shape() == (3, 3) && c.v.len() == 3 { " The map view draws this A in space." } else { "" };
    Some(format!(
        "The quadratic-form panel is 2-D: it draws a 2×2 A with a vector v of 2 entries, and now A is {} and v has {} entries.{about}{space}",
        display_shape(&c.a),
        c.v.len()
    ))
}

/// The panel in words: the form's kind, where it is largest and smallest on the unit circle, f(v),
/// and that only the symmetric part counts (for another size, the kind alone).
pub(super) fn summary(c: &Eigendecomposition) -> String {
    let form = match (QuadraticForm::new(&c.a), symmetric(&c.a)) {
        (Some(form), _) => form,
        (None, Ok((values, _))) => {
            let kind = definiteness(&values);
            let (sentence, _) = meaning(kind);
            return format!("xᵀAx is {}: {sentence}. The quadratic-form panel draws 2×2 matrices only.", kind.name());
        }
        (None, Err(why)) => return format!("The symmetric part's eigenvalues could not be computed: {why}."),
    };
    let [l1, l2] = form.values;
    let big = l1.abs().max(l2.abs());
    let where_ = |q: World| display_tuple_at_scale(&[q.x, q.y], 1.0);
    let extremes = if l1 == l2 {
        format!("On the unit circle f = {} everywhere.", display_at_scale(l1, big))
    } else {
        format!(
            "On the unit circle f is largest, {}, at ±{} and smallest, {}, at ±{}: the eigenvectors of (A + Aᵀ)/2.",
            display_at_scale(l1, big),
            where_(form.axes[0]),
            display_at_scale(l2, big),
            where_(form.axes[1])
        )
    };
    let probe = point(&c.v).map_or_else(String::new, |v| format!(" f(v) = {}.", display_at_scale(form.value(v), big * v.norm_squared())));
    let symmetric = if c.a == c.a.transpose() { "" } else { " A is not symmetric: xᵀAx only sees (A + Aᵀ)/2." };
    let (sentence, shape) = meaning(form.kind);
    format!("xᵀAx is {} ({shape}): {sentence}. {extremes}{probe}{symmetric}", form.kind.name())
}
