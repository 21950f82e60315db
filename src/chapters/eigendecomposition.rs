//! 2.7 Eigendecomposition: directions that A only stretches (Av = λv), A = V·diag(λ)·V⁻¹, the
//! symmetric case QΛQᵀ, and the quadratic form xᵀAx with its definiteness. Every case is handled:
//! distinct, repeated, defective, negative and complex eigenvalues. The figure has two views: A as a
//! map of the plane (or of space), and the quadratic form xᵀAx as a heat map with labelled level sets.

use super::common::{bounds, column_handles, drag_into, lerp, pick_option, plane, point, vector_handle, with_background};
use super::common3d::{drag_into3, point3, reach, space_vector_handle};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SpaceHandle};
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::math::eigen::{eigen, symmetric, Eigen, NoVectors};
use crate::math::svd::svd;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::{nice_step, World};
use nalgebra::{Complex, DMatrix, Matrix2, Matrix3};

/// The figure's views: A as a map, or the quadratic form xᵀAx.
const VIEWS: &[(&str, &str)] = &[("map", "A as a map"), ("quadratic", "The form xᵀAx")];

/// The page state.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigendecomposition {
    a: DMatrix<f64>,
    v: DMatrix<f64>,
    /// One of [`VIEWS`].
    view: &'static str,
}

/// The seed's example A = [[5, 1], [3, 3]] (λ = 6, 2) with the probe v = (1, 1), an eigenvector.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Eigendecomposition {
        a: DMatrix::from_row_slice(2, 2, &[5.0, 1.0, 3.0, 3.0]),
        v: DMatrix::from_column_slice(2, 1, &[1.0, 1.0]),
        view: VIEWS[0].0,
    })
}

/// Below this size an eigenvalue of the symmetric part counts as zero: rounding of the largest.
fn negligible(values: &[f64]) -> f64 {
    let big = values.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    big * values.len() as f64 * f64::EPSILON * 4.0
}

/// How the symmetric part's eigenvalues classify the quadratic form xᵀAx.
pub fn definiteness(values: &[f64]) -> &'static str {
    let zero = negligible(values);
    let pos = values.iter().filter(|x| **x > zero).count();
    let neg = values.iter().filter(|x| **x < -zero).count();
    match (pos, neg) {
        (p, 0) if p == values.len() => "positive-definite",
        (0, n) if n == values.len() => "negative-definite",
        (0, 0) => "zero",
        (_, 0) => "positive semidefinite",
        (0, _) => "negative semidefinite",
        _ => "indefinite",
    }
}

/// What a definiteness label means for f(x) = xᵀAx: a sentence, and the shape of its graph.
fn meaning(label: &str) -> (&'static str, &'static str) {
    match label {
        "positive-definite" => ("xᵀAx > 0 for every x ≠ 0", "a bowl"),
        "negative-definite" => ("xᵀAx < 0 for every x ≠ 0", "a dome"),
        "indefinite" => ("xᵀAx takes both signs", "a saddle"),
        "zero" => ("xᵀAx = 0 for every x", "flat"),
        "positive semidefinite" => ("xᵀAx ≥ 0, and = 0 along a direction", "a trough"),
        _ => ("xᵀAx ≤ 0, and = 0 along a direction", "a ridge"),
    }
}

/// Samples along each level curve of the form (a closed ellipse has one more, equal to the first).
const CURVE_SAMPLES: usize = 96;
/// Labelled level sets of each sign.
const LEVELS_PER_SIGN: usize = 4;

/// A level set {x : xᵀAx = c} of a 2×2 form, or a piece of one.
#[derive(Debug, Clone, PartialEq)]
enum Conic {
    /// A sampled curve: an ellipse (closed) or one branch of a hyperbola.
    Curve(Vec<World>),
    /// A whole straight line (the form is semidefinite, or c = 0 for an indefinite form).
    Line { through: World, direction: World },
}

/// The quadratic form of a 2×2 A in the eigenbasis of its symmetric part S = (A + Aᵀ)/2:
/// f(x) = xᵀAx = xᵀSx = λ₁y₁² + λ₂y₂² with y = Qᵀx. λ₁ ≥ λ₂ are f's largest and smallest values on
/// the unit circle, taken at ±q₁ and ±q₂. Level sets are computed here in closed form.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    /// λ₁ ≥ λ₂, with values within rounding of zero set to exactly zero.
    values: [f64; 2],
    /// The unit eigenvectors q₁, q₂ of S (orthonormal).
    axes: [World; 2],
    /// The definiteness label of S.
    kind: &'static str,
}

impl Form {
    /// The form of a 2×2 matrix (`None` for other sizes or when S's eigenvalues overflow).
    fn new(a: &DMatrix<f64>) -> Option<Form> {
        if a.shape() != (2, 2) {
            return None;
        }
        let (values, vectors) = symmetric(a).ok()?;
        let kind = definiteness(&values);
        let zero = negligible(&values);
        let clean = |x: f64| if x.abs() <= zero { 0.0 } else { x };
        let axes = [World::new(vectors[(0, 0)], vectors[(1, 0)]), World::new(vectors[(0, 1)], vectors[(1, 1)])];
        Some(Form { values: [clean(*values.first()?), clean(*values.get(1)?)], axes, kind })
    }

    /// f(x) through the eigenbasis: λ₁(q₁·x)² + λ₂(q₂·x)².
    fn value(&self, x: World) -> f64 {
        self.values[0] * self.axes[0].dot(&x).powi(2) + self.values[1] * self.axes[1].dot(&x).powi(2)
    }

    /// The world point with eigen-coordinates y.
    fn point(&self, y1: f64, y2: f64) -> World {
        self.axes[0] * y1 + self.axes[1] * y2
    }

    /// The levels to draw for a figure of radius `radius`: ±k²·step for k = 1…4 on each side f takes,
    /// the step a 1, 2 or 5 × 10ᵏ so that the largest level reaches past the radius. f grows with the
    /// square of the distance, so these level sets are evenly spaced along every ray.
    fn levels(&self, radius: f64) -> Vec<f64> {
        let big = self.values[0].abs().max(self.values[1].abs());
        if !(big > 0.0 && (big * radius * radius).is_finite()) {
            return Vec::new();
        }
        let squares = (1..=LEVELS_PER_SIGN).map(|k| (k * k) as f64);
        let step = nice_step(big * radius * radius / (LEVELS_PER_SIGN * LEVELS_PER_SIGN) as f64);
        let positive = squares.clone().filter(|_| self.values[0] > 0.0).map(|k| k * step);
        let negative = squares.filter(|_| self.values[1] < 0.0).map(|k| -k * step);
        positive.chain(negative).filter(|c| c.is_finite()).collect()
    }

    /// The level set f(x) = c as far as `reach` from the origin: ellipses, hyperbola branches or lines.
    fn conics(&self, c: f64, reach: f64) -> Vec<Conic> {
        let [l1, l2] = self.values;
        if c == 0.0 {
            return match (l1 > 0.0, l2 < 0.0) {
                // The asymptotes λ₁y₁² = −λ₂y₂² of the saddle.
                (true, true) => [1.0, -1.0]
                    .iter()
                    .map(|s| Conic::Line { through: World::zeros(), direction: self.point((-l2).sqrt(), s * l1.sqrt()) })
                    .collect(),
                // A trough or ridge is zero along its flat direction.
                _ if (l1 == 0.0) != (l2 == 0.0) => {
                    vec![Conic::Line { through: World::zeros(), direction: if l1 == 0.0 { self.axes[0] } else { self.axes[1] } }]
                }
                _ => Vec::new(),
            };
        }
        // y_i² = c/λ_i along each axis: positive where the axis meets the level set.
        let p = [c / l1, c / l2].map(|q| if q.is_finite() { q } else { f64::NAN });
        let reach = if reach.is_finite() && reach > 0.0 { reach } else { return Vec::new() };
        match (p[0] > 0.0, p[1] > 0.0) {
            (true, true) => {
                let (a, b) = (p[0].sqrt(), p[1].sqrt());
                if a.min(b) > reach {
                    return Vec::new();
                }
                let mut points: Vec<World> = (0..CURVE_SAMPLES)
                    .map(|i| {
                        let t = i as f64 * std::f64::consts::TAU / CURVE_SAMPLES as f64;
                        self.point(a * t.cos(), b * t.sin())
                    })
                    .collect();
                // Closed exactly: the last point is the first.
                points.push(points[0]);
                vec![Conic::Curve(points)]
            }
            (true, false) | (false, true) => {
                let i = usize::from(p[1] > 0.0);
                let vertex = p[i].sqrt();
                if vertex > reach {
                    return Vec::new();
                }
                let place = |along: f64, across: f64| if i == 0 { self.point(along, across) } else { self.point(across, along) };
                if p[1 - i] < 0.0 {
                    // A hyperbola y_i = ±a·cosh s, y_j = b·sinh s, sampled until it leaves the reach.
                    let b = (-p[1 - i]).sqrt();
                    let end = (reach / b).asinh().max((reach / vertex).max(1.0).acosh()).min(40.0);
                    [1.0, -1.0]
                        .iter()
                        .map(|side| {
                            Conic::Curve(
                                (0..=CURVE_SAMPLES)
                                    .map(|k| {
                                        let s = -end + 2.0 * end * k as f64 / CURVE_SAMPLES as f64;
                                        place(side * vertex * s.cosh(), b * s.sinh())
                                    })
                                    .collect(),
                            )
                        })
                        .collect()
                } else {
                    // No term across: two parallel lines y_i = ±a.
                    let across = self.axes[1 - i];
                    [1.0, -1.0].iter().map(|side| Conic::Line { through: place(side * vertex, 0.0), direction: across }).collect()
                }
            }
            _ => Vec::new(),
        }
    }

    /// The unit direction along which the labels of the levels of one sign sit (`positive` or not),
    /// with f on it: off the principal axes (where the max and min labels are), inside the region
    /// where f has that sign, and of its mirror images the one pointing most away from the probe `v`
    /// and from the definiteness text under the unit circle, and not along the x or y axis (where
    /// the tick labels are). Along a ray the level k²·step is at distance k·√(step / f(u)): evenly
    /// spaced.
    fn label_ray(&self, positive: bool, v: World) -> Option<(World, f64)> {
        use std::f64::consts::{FRAC_PI_2, FRAC_PI_3, FRAC_PI_6};
        let [l1, l2] = self.values.map(|l| if positive { l } else { -l });
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
                [(c, s), (c, -s), (-c, s), (-c, -s)].map(|(a, b)| self.point(a, b))
            })
            .min_by(|p, q| score(p).total_cmp(&score(q)))?;
        let f = self.value(u);
        (f != 0.0 && f.is_finite()).then_some((u, f))
    }
}

fn complex_text(z: &Complex<f64>) -> String {
    if z.im == 0.0 {
        display_number(z.re)
    } else {
        format!("{} {} {}i", display_number(z.re), if z.im < 0.0 { "−" } else { "+" }, display_number(z.im.abs()))
    }
}

/// Subscripts for labels λ₁, λ₂.
fn sub(i: usize) -> char {
    char::from_u32(0x2081 + i as u32).unwrap_or('?')
}

impl Eigendecomposition {
    fn decomposition(&self) -> Result<Eigen, String> {
        eigen(&self.a).map_err(|e| e.to_string())
    }

    fn av(&self) -> Option<DMatrix<f64>> {
        (self.a.ncols() == self.v.len()).then(|| &self.a * &self.v)
    }

    /// λ with Av = λv when v ≠ 0 and Av is parallel to v (to 1e-9 relative).
    fn probe_lambda(&self) -> Result<f64, String> {
        if self.a.ncols() != self.v.len() {
            return Err(format!("A·v is not defined: A is {} but v has {} entries", display_shape(&self.a), self.v.len()));
        }
        let size = self.v.amax();
        if size == 0.0 {
            return Err("v = 0 is never an eigenvector (A·0 = 0 for every A)".into());
        }
        // On v scaled to largest entry 1 (the direction is what matters), so 1e300 entries cannot overflow.
        let u = &self.v / size;
        let au = &self.a * &u;
        let lambda = u.dot(&au) / u.norm_squared();
        if !(lambda.is_finite() && au.iter().all(|x| x.is_finite())) {
            return Err("A·v overflows a 64-bit float".into());
        }
        let off = (&au - &u * lambda).norm();
        if off <= 1e-9 * au.norm().max(u.norm() * lambda.abs()) || au.norm() == 0.0 {
            Ok(lambda)
        } else {
            Err("Av is not a multiple of v: A turns v off its line".into())
        }
    }

    /// The real eigen-directions to draw: the eigenvector columns, or for a defective matrix its one
    /// direction per repeated value (the null vector of A − λI).
    fn directions(&self, e: &Eigen) -> Vec<(World, f64)> {
        let Some(a) = plane(&self.a) else { return Vec::new() };
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
    fn ellipse_bounds(&self, a: &Matrix2<f64>) -> (World, World) {
        let points: Vec<World> = (0..48)
            .flat_map(|i| {
                let t = i as f64 * std::f64::consts::TAU / 48.0;
                let p = World::new(t.cos(), t.sin());
                [p, a * p]
            })
            .collect();
        bounds(&points)
    }

    /// A as a map of space when the figure is drawn in 3-D: A is 3×3 and v has three entries.
    fn space_map(&self) -> Option<Matrix3<f64>> {
        (self.a.shape() == (3, 3) && self.v.len() == 3).then(|| Matrix3::from_fn(|r, c| self.a[(r, c)]))
    }

    /// The real eigen-directions in space with their λ: the eigenvector columns when they form a
    /// basis, otherwise for each distinct real λ the direction A − λI shrinks most (its null
    /// direction, up to rounding): for a complex pair that is the axis A turns around.
    fn space_directions(&self, e: &Eigen) -> Vec<(Point3, f64)> {
        let Some(a) = self.space_map() else { return Vec::new() };
        if let Ok(v) = &e.vectors {
            return (0..3).map(|c| (Point3::new(v[(0, c)], v[(1, c)], v[(2, c)]), e.values[c].re)).collect();
        }
        let mut reals: Vec<f64> = e.values.iter().filter(|z| z.im == 0.0).map(|z| z.re).collect();
        reals.dedup();
        reals
            .into_iter()
            .filter_map(|l| {
                let shifted = DMatrix::from_fn(3, 3, |r, c| a[(r, c)] - if r == c { l } else { 0.0 });
                let s = svd(&shifted).ok()?;
                Some((Point3::new(s.v[(0, 2)], s.v[(1, 2)], s.v[(2, 2)]), l))
            })
            .collect()
    }

    /// The 3-D figure: the unit sphere and its image under (1 − t)I + tA, the real eigen-directions
    /// as dashed lines labelled with λ, and the probe v with Av.
    fn space_figure(&self, timeline: &Timeline) -> Option<Space> {
        let (a, v) = (self.space_map()?, point3(&self.v)?);
        let e = self.decomposition().ok()?;
        let t = timeline.progress(0);
        let m = Matrix3::identity() * (1.0 - t) + a * t;
        let done = timeline.position() >= 1.0;
        let image = m * v;
        // The ellipsoid fits in a ball of radius σ₁(A) ≤ ‖A‖_F; the stage map is between I and A.
        let sigma = svd(&self.a).ok().and_then(|s| s.singular_values.iter().copied().reduce(f64::max)).unwrap_or_else(|| self.a.norm());
        let extent = reach(&[Point3::new(sigma, 0.0, 0.0), v, image]);
        let mut space = Space::default();
        space.unit_sphere();
        space.ellipsoid(&m, Role::Image);
        let directions = self.space_directions(&e);
        let complex = e.values.iter().any(|z| z.im != 0.0);
        for (i, (d, lambda)) in directions.iter().enumerate() {
            let label = if complex {
                format!("λ = {}: the axis", display_number(*lambda))
            } else if directions.len() < 3 {
                format!("λ = {}", display_number(*lambda))
            } else {
                format!("λ{} = {}", sub(i), display_number(*lambda))
            };
            space.push(Shape3::Line { direction: *d, reach: extent, stroke: Stroke::dashed(Role::Eigen, 2.0), label: Some(label) });
            space.push(Shape3::Dot { at: m * d, role: Role::Eigen, radius: 4.0 });
        }
        match (self.probe_lambda(), done) {
            (Ok(l), true) => {
                let far = if image.norm() > v.norm() { image } else { v };
                space.push(Shape3::Polyline { points: vec![Point3::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
                space.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_number(l)));
            }
            _ => space.arrow(image, Stroke::solid(Role::Image, 3.5), "Av"),
        }
        space.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
        space.axes_and_ground(extent);
        Some(space)
    }

    fn symmetric_part(&self) -> DMatrix<f64> {
        (&self.a + self.a.transpose()) / 2.0
    }

    fn shows_form(&self) -> bool {
        self.view == "quadratic"
    }

    /// The radius the form's panel shows around the origin: the unit circle and v.
    fn form_radius(v: World) -> f64 {
        let r = v.norm() * 1.15;
        if r.is_finite() {
            r.max(1.5)
        } else {
            1.5
        }
    }

    /// The quadratic form's panel for a 2×2 A: f as a heat map, labelled level sets, the principal
    /// axes of S = (A + Aᵀ)/2, the unit circle with f's max and min marked at ±q₁ and ±q₂, the probe
    /// v with f(v), the definiteness, and a note when A is not symmetric.
    fn form_scene(&self) -> Scene {
        let (Some(form), Some(v)) = (Form::new(&self.a), point(&self.v)) else { return Scene::default() };
        let [l1, l2] = form.values;
        let mut scene = Scene::default();
        let big = l1.abs().max(l2.abs());
        if big > 0.0 {
            // S up to a positive factor (the heat map is relative): no overflow for huge entries.
            let q = Matrix2::from_columns(&form.axes);
            let field = q * Matrix2::new(l1 / big, 0.0, 0.0, l2 / big) * q.transpose();
            scene.push(Shape::QuadraticField { form: field, positive: Role::Image, negative: Role::Data, alpha: 0.3 });
        }
        let radius = Self::form_radius(v);
        let reach = radius * 3.0;
        let mut first = [true, true];
        for c in form.levels(radius) {
            let role = if c > 0.0 { Role::Image } else { Role::Data };
            let sign = usize::from(c < 0.0);
            let conics = form.conics(c, reach);
            push_conics(&mut scene, &conics, Stroke::solid(role, 1.25), None);
            let along = form.label_ray(c > 0.0, v).map(|(u, f)| u * (c / f).sqrt()).filter(|at| at.iter().all(|x| x.is_finite()));
            if let (false, Some(at)) = (conics.is_empty(), along) {
                let text = if first[sign] { format!("f = {}", display_number(c)) } else { display_number(c) };
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
            let text = format!("max = min = {} on the whole circle", display_number(l1));
            scene.push(Shape::Label { at: World::new(0.0, 1.3), text, role: Role::Eigen });
        } else {
            for (q, text) in [(form.axes[0], format!("max {}", display_number(l1))), (form.axes[1], format!("min {}", display_number(l2)))]
            {
                scene.push(Shape::Label { at: upper(q) * 1.3, text, role: Role::Eigen });
            }
        }
        let fv = form.value(v);
        if fv != 0.0 {
            push_conics(&mut scene, &form.conics(fv, reach), Stroke::dotted(Role::Input, 1.5), None);
        }
        scene.push(Shape::Label { at: World::new(0.0, -1.55), text: format!("{}: {}", form.kind, meaning(form.kind).1), role: Role::Axis });
        if self.a != self.a.transpose() {
            scene.push(Shape::Label { at: World::new(0.0, -1.85), text: "A ≠ Aᵀ: f only sees (A + Aᵀ)/2".into(), role: Role::Axis });
        }
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), format!("v: f(v) = {}", display_number(fv)));
        with_background(scene)
    }

    /// Why the form's panel draws nothing, if so. The panel is 2-D; for another size the note says
    /// in words what the panel would show.
    fn form_note(&self) -> Option<String> {
        if plane(&self.a).is_some() && point(&self.v).is_some() {
            return Form::new(&self.a).is_none().then(|| "No figure: the symmetric part's eigenvalues overflow a 64-bit float.".into());
        }
        let about = match symmetric(&self.a) {
            Ok((values, _)) => format!(
                " For this {} A, xᵀAx is {}: the eigenvalues of (A + Aᵀ)/2, {}, include its largest and smallest values on the unit sphere ‖x‖ = 1 (the first and the last), taken at their eigenvectors.",
                display_shape(&self.a),
                definiteness(&values),
                values.iter().map(|x| display_number(*x)).collect::<Vec<_>>().join(", ")
            ),
            Err(why) => format!(" The symmetric part's eigenvalues could not be computed: {why}."),
        };
        let space = if self.a.shape() == (3, 3) && self.v.len() == 3 { " The map view draws this A in space." } else { "" };
        Some(format!(
            "The quadratic-form panel is 2-D: it draws a 2×2 A with a vector v of 2 entries, and now A is {} and v has {} entries.{about}{space}",
            display_shape(&self.a),
            self.v.len()
        ))
    }

    /// One sentence on the form for the summary: its kind, where it is largest and smallest on the
    /// unit circle, f(v), and that only the symmetric part counts.
    fn form_summary(&self, form: &Form) -> String {
        let [l1, l2] = form.values;
        let where_ = |q: World| display_tuple(&[q.x, q.y]);
        let extremes = if l1 == l2 {
            format!("On the unit circle f = {} everywhere.", display_number(l1))
        } else {
            format!(
                "On the unit circle f is largest, {}, at ±{} and smallest, {}, at ±{}: the eigenvectors of (A + Aᵀ)/2.",
                display_number(l1),
                where_(form.axes[0]),
                display_number(l2),
                where_(form.axes[1])
            )
        };
        let probe = point(&self.v).map_or_else(String::new, |v| format!(" f(v) = {}.", display_number(form.value(v))));
        let symmetric = if self.a == self.a.transpose() { "" } else { " A is not symmetric: xᵀAx only sees (A + Aᵀ)/2." };
        let (sentence, shape) = meaning(form.kind);
        format!("xᵀAx is {} ({shape}): {sentence}. {extremes}{probe}{symmetric}", form.kind)
    }
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

impl Chapter for Eigendecomposition {
    fn explanation(&self) -> &'static str {
        include_str!("eigendecomposition.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "v", kind: InputKind::Vector, value: self.v.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" if value.is_square() => {
                // A probe that fitted the old A follows its size (new entries 0), so growing A
                // to 3×3 in the editor, or linking only A, keeps v usable and the figure drawn.
                if self.v.len() == self.a.ncols() && self.v.len() != value.ncols() {
                    self.v = self.v.clone().resize(value.ncols(), 1, 0.0);
                }
                self.a = value;
            }
            "A" => return Err(format!("eigenvalues need a square matrix, and this one is {}", display_shape(&value))),
            "v" if value.ncols() == 1 => self.v = value,
            "v" => return Err("a vector is one row of entries separated by commas".into()),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "view" => self.view = pick_option(VIEWS, value)?,
            _ => return Err(format!("this page has no choice called {name}")),
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        if self.shows_form() {
            Vec::new()
        } else if plane(&self.a).is_some() || self.a.shape() == (3, 3) {
            vec!["apply A"]
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() {
            return Vec::new();
        }
        let v = vector_handle(&self.v, "v", Role::Input);
        if self.shows_form() {
            // The form's panel draws v only: A's columns would crowd the unit circle out of view.
            return v.into_iter().collect();
        }
        v.into_iter().chain(column_handles(&self.a, "A")).collect()
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        drag_into(&mut self.v, "v", name, to) || drag_into(&mut self.a, "A", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        let n = self.a.nrows();
        match self.decomposition() {
            Ok(e) => {
                let list = Value::List(
                    e.values
                        .iter()
                        .map(|z| if z.im == 0.0 { Value::Number(z.re) } else { Value::Complex { re: z.re, im: z.im } })
                        .collect(),
                );
                let complex = e.values.iter().filter(|z| z.im != 0.0).count();
                let note = if complex > 0 {
                    format!("{complex} complex (in conjugate pairs λ = a ± bi); sorted by real part, then imaginary part")
                } else {
                    "largest first (sorted by real part, then imaginary part)".to_string()
                };
                out.push(Readout::new("eigenvalues", "λ", list, note));
                out.push(match &e.vectors {
                    Ok(v) => matrix_readout(
                        "eigenvectors",
                        "V",
                        v,
                        if self.a == self.a.transpose() {
                            "unit columns in the order of λ; A is symmetric, so they are orthonormal (Q)"
                        } else {
                            "unit columns in the order of λ; any non-zero multiple is an eigenvector too"
                        },
                    ),
                    Err(why) => Readout::missing("eigenvectors", "V", why.to_string()),
                });
                let diagonalizable = e.vectors.is_ok();
                out.push(Readout::new(
                    "diagonalizable",
                    "A = V·diag(λ)·V⁻¹",
                    Value::Bool(diagonalizable),
                    match &e.vectors {
                        Ok(_) => "with real V: the eigenvectors form a basis".to_string(),
                        Err(NoVectors::Complex) => "not with real matrices (over the complex numbers it is)".to_string(),
                        Err(why) => why.to_string(),
                    },
                ));
                let sum: Complex<f64> = e.values.iter().sum();
                let product: Complex<f64> = e.values.iter().product();
                out.push(number_readout("trace", "tr A", self.a.trace(), format!("= λ₁ + … + λ{} = {}", sub(n - 1), complex_text(&sum))));
                out.push(number_readout(
                    "det",
                    "det A",
                    self.a.determinant(),
                    format!("= λ₁ ⋯ λ{} = {}", sub(n - 1), complex_text(&product)),
                ));
            }
            Err(why) => {
                for (name, label) in [("eigenvalues", "λ"), ("eigenvectors", "V"), ("diagonalizable", "A = V·diag(λ)·V⁻¹")] {
                    out.push(Readout::missing(name, label, why.clone()));
                }
                out.push(number_readout("trace", "tr A", self.a.trace(), "the sum of the diagonal"));
                out.push(number_readout("det", "det A", self.a.determinant(), "by LU"));
            }
        }
        match self.av() {
            Some(av) => out.push(vector_readout("Av", "A·v", &av, "where A sends the probe v")),
            None => out.push(Readout::missing(
                "Av",
                "A·v",
                format!("not defined: A is {} but v has {} entries", display_shape(&self.a), self.v.len()),
            )),
        }
        let probe = self.probe_lambda();
        out.push(Readout::new(
            "is_eigenvector",
            "v is an eigenvector",
            Value::Bool(probe.is_ok()),
            match &probe {
                Ok(l) => format!("Av = {}·v: v is only stretched", display_number(*l)),
                Err(why) => why.clone(),
            },
        ));
        out.push(match probe {
            Ok(l) => number_readout("probe_lambda", "λ for v", l, "the stretch factor of v: Av = λv"),
            Err(why) => Readout::missing("probe_lambda", "λ for v", why),
        });
        if let Some(av) = self.av() {
            out.push(number_readout(
                "quadratic_form",
                "vᵀAv",
                self.v.dot(&av),
                "f(v) = vᵀAv; for a unit eigenvector of a symmetric A it equals λ",
            ));
        } else {
            out.push(Readout::missing("quadratic_form", "vᵀAv", "v and A do not fit"));
        }
        let s = self.symmetric_part();
        out.push(matrix_readout("symmetric_part", "(A + Aᵀ)/2", &s, "xᵀAx only depends on this part"));
        out.push(match symmetric(&s) {
            Ok((values, _)) => {
                let label = definiteness(&values);
                let (sentence, shape) = meaning(label);
                vector_readout(
                    "definiteness",
                    "definiteness",
                    &DMatrix::from_column_slice(values.len(), 1, &values),
                    format!("{label}: {sentence} ({shape}); the values are the symmetric part's eigenvalues"),
                )
            }
            Err(e) => Readout::missing("definiteness", "definiteness", e.to_string()),
        });
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.push(Readout::new("v", "v", Value::vector(&self.v), format!("{} entries", self.v.len())));
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        if self.shows_form() {
            return self.form_scene();
        }
        let (Some(a), Some(v), Ok(e)) = (plane(&self.a), point(&self.v), self.decomposition()) else { return Scene::default() };
        let m = lerp(&Matrix2::identity(), &a, timeline.progress(0));
        let done = timeline.position() >= 1.0;
        let mut scene = Scene::default();
        scene.unit_circle(&Matrix2::identity(), Stroke::dotted(Role::Ghost, 1.5), None);
        scene.unit_circle(&m, Stroke::solid(Role::Image, 1.5), Some(Fill { role: Role::Image, alpha: 0.08 }));
        // Eigen-directions: (1 − t)I + tA has the same eigenvectors as A, so they stay put while playing.
        let directions = self.directions(&e);
        let repeated = directions.len() == 2 && (directions[0].1 - directions[1].1).abs() == 0.0;
        for (i, (d, lambda)) in directions.iter().enumerate() {
            let label = if repeated && a == Matrix2::identity() * *lambda {
                format!("λ = {} (every direction)", display_number(*lambda))
            } else if directions.len() == 1 {
                format!("λ = {} (the only direction)", display_number(*lambda))
            } else {
                format!("λ{} = {}", sub(i), display_number(*lambda))
            };
            scene.push(Shape::Line {
                through: World::zeros(),
                direction: *d,
                stroke: Stroke::dashed(Role::Eigen, 2.0),
                label: Some(label),
            });
            scene.push(Shape::Dot { at: m * d, role: Role::Eigen, radius: 4.0 });
        }
        if e.values.iter().any(|z| z.im != 0.0) {
            // Under the ellipse and the unit circle, where it overlaps nothing.
            let (lo, _) = self.ellipse_bounds(&a);
            scene.push(Shape::Label { at: World::new(0.0, lo.y - 0.6), text: "no real eigen-direction".into(), role: Role::Eigen });
        }
        scene.arrow(m.column(0).into_owned(), Stroke::solid(Role::Basis1, 2.5), if done { "a₁" } else { "" });
        scene.arrow(m.column(1).into_owned(), Stroke::solid(Role::Basis2, 2.5), if done { "a₂" } else { "" });
        let image = m * v;
        let probe = self.probe_lambda();
        if let (Ok(l), true) = (&probe, done) {
            // The glow: a wide eigen-coloured band under v and Av when Av ∥ v.
            let far = if image.norm() > v.norm() { image } else { v };
            scene.push(Shape::Polyline { points: vec![World::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
            scene.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_number(*l)));
        } else {
            scene.arrow(image, Stroke::solid(Role::Image, 3.5), "Av");
        }
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
        with_background(scene)
    }

    fn space(&self, timeline: &Timeline) -> Option<Space> {
        if self.shows_form() {
            return None;
        }
        self.space_figure(timeline)
    }

    fn space_handles(&self) -> Vec<SpaceHandle> {
        if self.shows_form() || self.space_map().is_none() || self.decomposition().is_err() {
            return Vec::new();
        }
        space_vector_handle(&self.v, "v", Role::Input).into_iter().collect()
    }

    fn move_space_handle(&mut self, name: &str, to: Point3) -> bool {
        drag_into3(&mut self.v, "v", name, to)
    }

    fn figure_note(&self) -> Option<String> {
        if self.shows_form() {
            return self.form_note();
        }
        let drawn = (plane(&self.a).is_some() && point(&self.v).is_some()) || self.space_map().is_some();
        if !drawn {
            return Some(format!(
                "The figure draws a 2×2 matrix with a vector of 2 entries, or a 3×3 matrix with a vector of 3 entries; now A is {} and v has {} entries. The numbers below are still exact.",
                display_shape(&self.a),
                self.v.len()
            ));
        }
        self.decomposition().err().map(|why| format!("No figure: {why}."))
    }

    fn content_bounds(&self) -> (World, World) {
        if self.shows_form() {
            let r = point(&self.v).map_or(1.5, Self::form_radius);
            // Room under the unit circle for the definiteness and the symmetric-part note.
            return bounds(&[World::new(-r, -r), World::new(r, r), World::new(0.0, -2.0)]);
        }
        let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
        if let Some(a) = plane(&self.a) {
            let (lo, hi) = self.ellipse_bounds(&a);
            points.extend([lo, hi, World::new(0.0, lo.y - 0.8)]);
            points.push(a.column(0).into_owned());
            points.push(a.column(1).into_owned());
            if let Some(v) = point(&self.v) {
                points.push(v);
                // Room for the label at Av's tip.
                points.push(a * v * 1.15);
            }
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line(
            "w, V = np.linalg.eig(A)  # unit columns; numpy does not sort\norder = np.lexsort((-w.imag, -w.real))  # by real part, then imaginary, descending\nw, V = w[order], V[:, order]",
            "w, V = torch.linalg.eig(A)  # always complex dtype\norder = sorted(range(len(w)), key=lambda i: (-w[i].real, -w[i].imag))\nw, V = w[order], V[:, order]",
            "let schur = a.clone().try_schur(f64::EPSILON, 1000).expect(\"converged\");\nlet w = schur.complex_eigenvalues(); // unsorted",
        );
        if self.a.ncols() == self.v.len() {
            code.line(
                if self.v.len() == 2 {
                    "Av = A @ v\nnp.isclose(v[0] * Av[1] - v[1] * Av[0], 0)  # Av ∥ v: is v an eigenvector?"
                } else {
                    "Av = A @ v"
                },
                "Av = A @ v",
                "let av = &a * &v;",
            );
        }
        code.line(
            "np.linalg.eigvalsh((A + A.T) / 2)  # symmetric part: all > 0 means positive-definite",
            "torch.linalg.eigvalsh((A + A.T) / 2)",
            "let s = (&a + a.transpose()) / 2.0;\nlet mu = s.try_symmetric_eigen(f64::EPSILON, 1000).expect(\"converged\").eigenvalues;",
        );
        if self.shows_form() && self.a.ncols() == self.v.len() {
            code.line(
                "mu, Q = np.linalg.eigh((A + A.T) / 2)  # ascending: on ‖x‖ = 1, xᵀAx is smallest (mu[0]) at Q[:, 0], largest (mu[-1]) at Q[:, -1]\nf_v = v @ A @ v",
                "mu, Q = torch.linalg.eigh((A + A.T) / 2)  # ascending, like numpy\nf_v = v @ A @ v",
                "let f_v = v.dot(&(&a * &v)); // the quadratic form at v",
            );
        }
        code
    }

    fn summary(&self) -> String {
        if self.shows_form() {
            return match (Form::new(&self.a), symmetric(&self.a)) {
                (Some(form), _) => self.form_summary(&form),
                (None, Ok((values, _))) => {
                    let kind = definiteness(&values);
                    let (sentence, shape) = meaning(kind);
                    format!("xᵀAx is {kind} ({shape}): {sentence}. The quadratic-form panel draws 2×2 matrices only.")
                }
                (None, Err(why)) => format!("The symmetric part's eigenvalues could not be computed: {why}."),
            };
        }
        let Ok(e) = self.decomposition() else { return "The eigenvalues of this matrix could not be computed.".into() };
        let values: Vec<String> = e.values.iter().map(complex_text).collect();
        let about_v = match (self.probe_lambda(), self.av()) {
            (Ok(l), _) => format!(" v is an eigenvector: Av = {}·v.", display_number(l)),
            (Err(_), Some(av)) if self.v.len() <= 3 => {
                format!(" v is not an eigenvector: Av = {} leaves the line of v.", display_tuple(&vector_entries(&av)))
            }
            _ => String::new(),
        };
        let what = match &e.vectors {
            Err(NoVectors::Complex) if e.values.len() == 2 => {
                let z = e.values[0];
                format!(
                    "λ = {} ± {}i: in a suitable basis A is a rotation by {}° combined with a scaling by |λ| = {}, so no real direction is kept.",
                    display_number(z.re),
                    display_number(z.im.abs()),
                    display_number((z.im.atan2(z.re).to_degrees() * 10.0).round() / 10.0),
                    display_number(z.norm())
                )
            }
            Err(NoVectors::Complex) if e.values.len() == 3 => {
                let axis = e.values.iter().find(|z| z.im == 0.0).map_or_else(String::new, |z| display_number(z.re));
                format!(
                    "Eigenvalues {}: one real eigen-direction (λ = {axis}), the axis A turns space around (the complex pair turns and scales a plane through the origin that this axis crosses).",
                    values.join(", ")
                )
            }
            Err(NoVectors::Defective { value, .. }) if e.values.len() == 2 => {
                format!(
                    "λ = {} twice, but only one eigen-direction: A is defective (like a shear) and has no eigenbasis.",
                    display_number(*value)
                )
            }
            Err(why) => format!("Eigenvalues {}; {why}.", values.join(", ")),
            Ok(_) if e.values.len() == 2 && e.values[0] == e.values[1] => {
                format!(
                    "A = {}·I: every vector is an eigenvector with λ = {}.",
                    display_number(e.values[0].re),
                    display_number(e.values[0].re)
                )
            }
            Ok(_) => {
                let flips = if e.values.iter().any(|z| z.re < 0.0) { " A negative λ flips its direction." } else { "" };
                format!("λ = {}: vectors on the dashed lines are only stretched.{flips}", values.join(" and "))
            }
        };
        format!("{what}{about_v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{number, open, readout, value};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("eigendecomposition", params)
    }

    #[test]
    fn the_default_is_the_seeds_example() {
        let c = build();
        assert_eq!(value(c.as_ref(), "eigenvalues").to_json(), "[6.0,2.0]");
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![6.0, 6.0]));
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(true));
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(6.0));
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(8.0));
        assert_eq!(value(c.as_ref(), "diagonalizable"), Value::Bool(true));
        let Value::Matrix(v) = value(c.as_ref(), "eigenvectors") else { panic!() };
        let s = 0.5_f64.sqrt();
        assert!((v[0][0] - s).abs() < 1e-15 && (v[1][0] - s).abs() < 1e-15);
        assert!((v[0][1].abs() - 0.31622776601683794).abs() < 1e-12);
        // Symmetric part [[5, 2], [2, 3]]: eigenvalues 4 ± √5 > 0.
        assert!(readout(c.as_ref(), "definiteness").note.starts_with("positive-definite"));
        assert!(c.summary().contains("v is an eigenvector: Av = 6·v"), "{}", c.summary());
        assert_eq!(c.handles()[0].name, "v");
    }

    #[test]
    fn every_kind_of_spectrum_is_explained() {
        // Defective shear: one eigen-direction.
        let c = page(&[("A", "1,1;0,1")]);
        assert_eq!(value(c.as_ref(), "eigenvalues").to_json(), "[1.0,1.0]");
        let v = readout(c.as_ref(), "eigenvectors");
        assert_eq!(v.value, Value::Null);
        assert!(v.note.contains("defective") && v.note.contains("only 1"), "{}", v.note);
        assert!(c.summary().contains("only one eigen-direction"));
        let lines = c.scene(&Timeline::new(1)).shapes.into_iter().filter(|s| matches!(s, Shape::Line { .. })).count();
        assert_eq!(lines, 1);
        // Complex: a rotation-scaling.
        let c = page(&[("A", "1,1;-2,0")]);
        assert_eq!(
            value(c.as_ref(), "eigenvalues").to_json(),
            r#"[{"re":0.5,"im":1.3228756555322954},{"re":0.5,"im":-1.3228756555322954}]"#
        );
        assert!(readout(c.as_ref(), "eigenvectors").note.contains("complex"));
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(false));
        assert!(c.summary().contains("0.5 ± 1.3229i"), "{}", c.summary());
        // Negative eigenvalue: a flip.
        let c = page(&[("A", "-1,3;2,-2"), ("v", "1,-1")]);
        assert_eq!(value(c.as_ref(), "eigenvalues").to_json(), "[1.0,-4.0]");
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(-4.0));
        assert!(c.summary().contains("flips"));
        assert!(readout(c.as_ref(), "definiteness").note.starts_with("indefinite"));
        // Repeated with a full eigenspace.
        let c = page(&[("A", "2,0;0,2"), ("v", "3,-7")]);
        assert_eq!(value(c.as_ref(), "eigenvectors"), Value::Matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]));
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(2.0));
        assert!(c.summary().contains("every vector"));
        // Singular: λ = 0, v in the null space is an eigenvector with λ = 0.
        let c = page(&[("A", "1,2;2,4"), ("v", "2,-1")]);
        assert_eq!(value(c.as_ref(), "eigenvalues").to_json(), "[5.0,0.0]");
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(0.0));
        assert!(readout(c.as_ref(), "definiteness").note.starts_with("positive semidefinite"));
        // A huge v keeps its direction: still an eigenvector.
        let c = page(&[("v", "1e300,1e300")]);
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(6.0));
        // v = 0 is never an eigenvector.
        let c = page(&[("v", "0,0")]);
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(false));
        assert!(readout(c.as_ref(), "probe_lambda").note.contains("never"));
    }

    #[test]
    fn sizes_scales_and_rejections() {
        let c = page(&[("A", "3,3,3;5,5,3;3,-5,5"), ("v", "1,0,0")]);
        let Value::List(values) = value(c.as_ref(), "eigenvalues") else { panic!() };
        let Value::Complex { re, im } = values[0] else { panic!("{values:?}") };
        assert!((re - 6.917098018985836).abs() < 1e-12 && (im - 3.1135488624946284).abs() < 1e-12);
        assert!(matches!(values[1], Value::Complex { im, .. } if im < 0.0));
        assert!(matches!(values[2], Value::Number(x) if (x + 0.834196037971672).abs() < 1e-12));
        // Drawn in space: the plane's handles are gone, v is a handle in space.
        assert!(c.figure_note().is_none() && c.handles().is_empty());
        assert_eq!(c.space_handles()[0].name, "v");
        assert!(page(&[("A", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1"), ("v", "1,0,0,0")]).figure_note().is_some());
        assert!(page(&[("A", "1,0,0;0,1,0;0,0,1"), ("v", "1,0")]).figure_note().is_some());
        // Linking only A: the default probe (1, 1) follows it into space as (1, 1, 0).
        let c = page(&[("A", "2,0,0;0,3,4;0,4,9")]);
        assert_eq!(value(c.as_ref(), "v"), Value::Vector(vec![1.0, 1.0, 0.0]));
        assert!(c.figure_note().is_none());
        assert_eq!(value(page(&[("v", "1,2,3")]).as_ref(), "Av"), Value::Null, "an explicit mismatch stays");
        for scale in ["e200", "e-200"] {
            let a = format!("5{scale},1{scale};3{scale},3{scale}");
            let c = page(&[("A", a.as_str())]);
            let Value::List(values) = value(c.as_ref(), "eigenvalues") else { panic!() };
            let factor: f64 = format!("1{scale}").parse().unwrap();
            let Value::Number(l) = values[0] else { panic!() };
            assert!((l / factor - 6.0).abs() < 1e-12);
            assert!(matches!(value(c.as_ref(), "eigenvectors"), Value::Matrix(_)));
        }
        let mut c = build();
        assert!(c.set_input("A", DMatrix::zeros(2, 3)).unwrap_err().contains("square"));
        assert!(c.set_input("v", DMatrix::zeros(2, 2)).is_err());
        let c = page(&[("v", "1,2,3")]);
        assert_eq!(value(c.as_ref(), "Av"), Value::Null);
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(false));
    }

    #[test]
    fn dragging_the_probe_off_and_onto_an_eigenvector() {
        let mut c = build();
        assert!(c.move_handle("v", World::new(2.0, 1.0)));
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![11.0, 9.0]));
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(false));
        let glow = |c: &dyn Chapter| {
            c.scene(&Timeline::new(1)).shapes.iter().any(|s| matches!(s, Shape::Polyline { stroke, .. } if stroke.width == 10.0))
        };
        assert!(!glow(c.as_ref()));
        assert!(c.move_handle("v", World::new(1.0, -3.0)));
        assert_eq!(value(c.as_ref(), "probe_lambda"), Value::Number(2.0));
        assert!(glow(c.as_ref()));
        assert!(c.move_handle("A:0", World::new(0.0, 1.0)));
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![0.0, 1.0], vec![1.0, 3.0]]));
    }

    #[test]
    fn playing_keeps_eigenvectors_on_their_lines() {
        let c = build();
        let mut t = Timeline::new(1);
        t.scrub(0.5);
        let dots: Vec<World> = c
            .scene(&t)
            .shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Dot { at, role: Role::Eigen, .. } => Some(at),
                _ => None,
            })
            .collect();
        assert_eq!(dots.len(), 2);
        // Halfway, (I + A)/2 stretches the unit eigenvector (1, 1)/√2 by (1 + 6)/2.
        assert!((dots[0].norm() - 3.5).abs() < 1e-12 && (dots[0].x - dots[0].y).abs() < 1e-12);
    }

    fn lines(space: &Space) -> Vec<(Point3, String)> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Line { direction, label: Some(l), .. } => Some((*direction, l.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_3x3_matrix_is_drawn_in_space_with_its_eigen_directions() {
        let mut c = page(&[("A", "2,0,0;0,3,4;0,4,9"), ("v", "1,0,0")]);
        assert_eq!(c.stages(), ["apply A"]);
        let space = c.space(&Timeline::new(1)).unwrap();
        let found = lines(&space);
        assert_eq!(found.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(), ["λ₁ = 11", "λ₂ = 2", "λ₃ = 1"]);
        let a = Matrix3::new(2.0, 0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 4.0, 9.0);
        for ((d, _), l) in found.iter().zip([11.0, 2.0, 1.0]) {
            assert!((a * d - d * l).norm() < 1e-12, "{d}");
        }
        // v = e₁ is an eigenvector (λ = 2): the glow and the label say so.
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Arrow { label: Some(l), .. } if l == "Av = 2v")));
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Polyline { stroke, .. } if stroke.width == 10.0)));
        assert!(c.summary().contains("eigenvector"), "{}", c.summary());
        // Dragging v in space changes the readouts.
        assert!(c.move_space_handle("v", Point3::new(0.0, 1.0, 2.0)));
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![0.0, 11.0, 22.0]));
        assert_eq!(value(c.as_ref(), "is_eigenvector"), Value::Bool(true));
        assert!(!c.move_space_handle("A:0", Point3::zeros()));
        assert!(!c.move_space_handle("v", Point3::new(f64::NAN, 0.0, 0.0)));
        // Halfway through the timeline the ellipsoid is the image under (I + A)/2.
        let mut t = Timeline::new(1);
        t.scrub(0.5);
        let half = c.space(&t).unwrap();
        assert!(half
            .shapes
            .iter()
            .any(|s| matches!(s, Shape3::Silhouette { map, .. } if (map - (Matrix3::identity() + a) / 2.0).amax() < 1e-15)));
    }

    #[test]
    fn a_complex_pair_leaves_one_real_direction_the_axis() {
        let c = page(&[("A", "3,3,3;5,5,3;3,-5,5"), ("v", "1,0,0")]);
        let found = lines(&c.space(&Timeline::new(1)).unwrap());
        assert_eq!(found.len(), 1);
        assert!(found[0].1.ends_with("the axis"), "{}", found[0].1);
        let a = Matrix3::new(3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0);
        let d = found[0].0;
        assert!((a * d - d * -0.834196037971672).norm() < 1e-9, "{d}");
        assert!(c.summary().contains("axis"), "{}", c.summary());
        // A defective 3×3 (a shear in space) still draws its one direction.
        let c = page(&[("A", "1,1,0;0,1,0;0,0,2"), ("v", "1,1,1")]);
        let found = lines(&c.space(&Timeline::new(1)).unwrap());
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn definiteness_labels() {
        assert_eq!(definiteness(&[3.0, 1.0]), "positive-definite");
        assert_eq!(definiteness(&[-1.0, -3.0]), "negative-definite");
        assert_eq!(definiteness(&[1.0, -1.0]), "indefinite");
        assert_eq!(definiteness(&[1.0, 1e-18]), "positive semidefinite");
        assert_eq!(definiteness(&[0.0, -2.0]), "negative semidefinite");
        assert_eq!(definiteness(&[0.0, 0.0]), "zero");
    }

    /// xᵀAx straight from A, not through the eigenbasis.
    fn f(a: &DMatrix<f64>, x: World) -> f64 {
        let x = DMatrix::from_column_slice(2, 1, &[x.x, x.y]);
        x.dot(&(a * &x))
    }

    /// Points along the conics: every sample of a curve, and points of a line up to 5 units from its base.
    fn conic_points(conics: &[Conic]) -> Vec<World> {
        conics
            .iter()
            .flat_map(|c| match c {
                Conic::Curve(points) => points.clone(),
                Conic::Line { through, direction } => (-5..=5).map(|t| through + direction * f64::from(t)).collect(),
            })
            .collect()
    }

    fn quadratic(a: &str) -> Box<dyn Chapter> {
        page(&[("A", a), ("view", "quadratic")])
    }

    fn labels(scene: &Scene) -> Vec<String> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Label { text, .. } | Shape::Line { label: Some(text), .. } | Shape::Arrow { label: Some(text), .. } => {
                    Some(text.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// Whether every coordinate and number of every shape is finite.
    fn finite_scene(scene: &Scene) -> bool {
        let ok = |p: &World| p.x.is_finite() && p.y.is_finite();
        scene.shapes.iter().all(|s| match s {
            Shape::Arrow { from, to, .. } => ok(from) && ok(to),
            Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => points.iter().all(ok),
            Shape::Line { through, direction, .. } => ok(through) && ok(direction),
            Shape::Dot { at, .. } | Shape::Label { at, .. } => ok(at),
            Shape::QuadraticField { form, .. } | Shape::Lattice { map: form, .. } => form.iter().all(|x| x.is_finite()),
            Shape::Axes | Shape::Points { .. } | Shape::Image { .. } => true,
        })
    }

    fn curves(scene: &Scene, role: Role) -> Vec<&Vec<World>> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polyline { points, stroke } if stroke.role == role && stroke.dash == crate::view::scene::Dash::Solid => Some(points),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_form_panel_is_a_validated_choice_in_the_url() {
        use crate::chapters::{find, from_params, to_params};
        let info = find("eigendecomposition").unwrap();
        let c = quadratic("2,1;1,2");
        let params = to_params(c.as_ref());
        assert!(params.contains(&("view".to_string(), "quadratic".to_string())), "{params:?}");
        let (again, problems) = from_params(info, &params).unwrap();
        assert!(problems.is_empty());
        assert_eq!(to_params(again.as_ref()), params);
        assert!(!to_params(build().as_ref()).iter().any(|(k, _)| k == "view"), "the default view stays out of the link");
        let (fallback, problems) = from_params(info, &[("view".into(), "heat".into())]).unwrap();
        assert!(problems[0].starts_with("Parameter view:") && problems[0].contains("map, quadratic"), "{problems:?}");
        assert_eq!(to_params(fallback.as_ref()), to_params(build().as_ref()));
        // The panel has no timeline and only v to drag; its code adds f(v).
        assert!(c.stages().is_empty());
        assert_eq!(c.handles().iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["v"]);
        assert!(c.code().numpy.contains("f_v = v @ A @ v") && !build().code().numpy.contains("f_v"));
    }

    #[test]
    fn max_and_min_on_the_unit_circle_are_at_the_eigenvectors() {
        // The seed's [[6, 2], [2, 3]]: 7 at ±(2, 1)/√5, 2 at ±(−1, 2)/√5.
        let a = DMatrix::from_row_slice(2, 2, &[6.0, 2.0, 2.0, 3.0]);
        let form = Form::new(&a).unwrap();
        assert!((form.values[0] - 7.0).abs() < 1e-12 && (form.values[1] - 2.0).abs() < 1e-12);
        let q1 = World::new(2.0, 1.0) / 5f64.sqrt();
        assert!((form.axes[0] - q1).norm() < 1e-12 || (form.axes[0] + q1).norm() < 1e-12);
        for a in ["6,2;2,3", "2,1;1,2", "1,0;0,-1", "5,1;3,3", "-2,1;1,-3", "1,1;1,1", "0,3;-1,0"] {
            let c = quadratic(a);
            let a = DMatrix::from_row_slice(2, 2, &a.split([',', ';']).map(|x| x.parse().unwrap()).collect::<Vec<f64>>());
            let form = Form::new(&a).unwrap();
            let on_circle: Vec<f64> =
                (0..3600).map(|i| f(&a, World::new((i as f64 / 10.0).to_radians().cos(), (i as f64 / 10.0).to_radians().sin()))).collect();
            let (max, min) = on_circle.iter().fold((f64::MIN, f64::MAX), |(hi, lo), x| (hi.max(*x), lo.min(*x)));
            assert!(max <= form.values[0] + 1e-12 && max >= form.values[0] - 1e-4, "{a}: {max} vs {:?}", form.values);
            assert!(min >= form.values[1] - 1e-12 && min <= form.values[1] + 1e-4, "{a}: {min} vs {:?}", form.values);
            for (q, l) in form.axes.iter().zip(form.values) {
                assert!((f(&a, *q) - l).abs() < 1e-12 && (q.norm() - 1.0).abs() < 1e-12);
            }
            // Dots at ±q₁ and ±q₂, labelled with the max and min.
            let scene = c.scene(&Timeline::new(0));
            let dots: Vec<World> = scene
                .shapes
                .iter()
                .filter_map(|s| if let Shape::Dot { at, role: Role::Eigen, .. } = s { Some(*at) } else { None })
                .collect();
            assert_eq!(dots, [form.axes[0], -form.axes[0], form.axes[1], -form.axes[1]]);
            let texts = labels(&scene);
            assert!(texts.contains(&format!("max {}", display_number(form.values[0]))), "{texts:?}");
            assert!(texts.contains(&format!("min {}", display_number(form.values[1]))), "{texts:?}");
        }
        let c = quadratic("6,2;2,3");
        assert!(c.summary().contains("largest, 7, at ±(0.8944, 0.4472) and smallest, 2, at ±(−0.4472, 0.8944)"), "{}", c.summary());
    }

    #[test]
    fn each_kind_of_form_draws_its_conics_and_says_its_name() {
        // Positive-definite: closed ellipses of positive levels only, under a positive heat map.
        let c = quadratic("2,1;1,2");
        let scene = c.scene(&Timeline::new(0));
        assert!(labels(&scene).contains(&"positive-definite: a bowl".to_string()));
        let ellipses = curves(&scene, Role::Image);
        assert!(ellipses.len() >= 3 && ellipses.iter().all(|p| p.first() == p.last()));
        assert!(curves(&scene, Role::Data).is_empty());
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::QuadraticField { positive: Role::Image, negative: Role::Data, .. })));
        assert!(c.summary().starts_with("xᵀAx is positive-definite (a bowl)"), "{}", c.summary());
        assert!(!labels(&scene).iter().any(|l| l.contains("Aᵀ")), "a symmetric A needs no note");
        // Indefinite: hyperbola branches of both signs and the two zero lines.
        let scene = quadratic("1,0;0,-1").scene(&Timeline::new(0));
        assert!(labels(&scene).contains(&"indefinite: a saddle".to_string()));
        let (pos, neg) = (curves(&scene, Role::Image), curves(&scene, Role::Data));
        assert!(pos.len() >= 2 && neg.len() >= 2 && pos.iter().chain(&neg).all(|p| p.first() != p.last()));
        let zero_lines =
            |scene: &Scene| scene.shapes.iter().filter(|s| matches!(s, Shape::Line { stroke, .. } if stroke.role == Role::Ghost)).count();
        assert_eq!(zero_lines(&scene), 2);
        assert!(
            labels(&scene).contains(&"f = 0.2".to_string()) && labels(&scene).contains(&"f = −0.2".to_string()),
            "{:?}",
            labels(&scene)
        );
        // Positive semidefinite: parallel lines, zero along (1, −1).
        let scene = quadratic("1,1;1,1").scene(&Timeline::new(0));
        assert!(labels(&scene).contains(&"positive semidefinite: a trough".to_string()));
        let lines: Vec<World> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line { direction, stroke, .. } if stroke.role == Role::Image => Some(*direction),
                _ => None,
            })
            .collect();
        assert!(lines.len() >= 2 && lines.iter().all(|d| d.x + d.y == 0.0 || (d.x + d.y).abs() < 1e-12), "{lines:?}");
        assert_eq!(zero_lines(&scene), 1);
        // Negative-definite: ellipses of negative levels.
        let c = quadratic("-2,1;1,-3");
        let scene = c.scene(&Timeline::new(0));
        assert!(labels(&scene).contains(&"negative-definite: a dome".to_string()));
        assert!(curves(&scene, Role::Image).is_empty() && !curves(&scene, Role::Data).is_empty());
        // The zero matrix: no heat, no level sets, f = 0 everywhere.
        let c = page(&[("A", "0,0;0,0"), ("v", "1,2"), ("view", "quadratic")]);
        let scene = c.scene(&Timeline::new(0));
        assert!(!scene.shapes.iter().any(|s| matches!(s, Shape::QuadraticField { .. } | Shape::Polyline { .. })));
        assert!(labels(&scene).contains(&"zero: flat".to_string()) && labels(&scene).contains(&"v: f(v) = 0".to_string()));
        assert!(c.summary().contains("f = 0 everywhere"), "{}", c.summary());
    }

    #[test]
    fn only_the_symmetric_part_counts_and_the_panel_says_so() {
        // The seed's pair: [[2, 4], [2, 5]] and [[2, −3], [9, 5]] have the same form 2x² + 6xy + 5y².
        let one = Form::new(&DMatrix::from_row_slice(2, 2, &[2.0, 4.0, 2.0, 5.0])).unwrap();
        let two = Form::new(&DMatrix::from_row_slice(2, 2, &[2.0, -3.0, 9.0, 5.0])).unwrap();
        assert!((one.values[0] - two.values[0]).abs() < 1e-12 && (one.values[1] - two.values[1]).abs() < 1e-12);
        let c = page(&[("view", "quadratic")]);
        let scene = c.scene(&Timeline::new(0));
        assert!(labels(&scene).contains(&"A ≠ Aᵀ: f only sees (A + Aᵀ)/2".to_string()));
        assert!(c.summary().contains("only sees (A + Aᵀ)/2"));
        // v = (1, 1): f(v) = 5 + 1 + 3 + 3 = 12, the probe's level set is drawn dotted through it.
        assert!(labels(&scene).contains(&"v: f(v) = 12".to_string()));
        assert_eq!(number(c.as_ref(), "quadratic_form"), 12.0);
        let through_v = scene.shapes.iter().any(|s| {
            matches!(s, Shape::Polyline { points, stroke } if stroke.role == Role::Input
                && points.iter().all(|p| (p.dot(&(plane(&DMatrix::from_row_slice(2, 2, &[5.0, 1.0, 3.0, 3.0])).unwrap() * p)) - 12.0).abs() < 1e-9))
        });
        assert!(through_v);
        // Dragging v changes f(v) in the label and the summary.
        let mut c = c;
        assert!(c.move_handle("v", World::new(1.0, 0.0)));
        assert!(labels(&c.scene(&Timeline::new(0))).contains(&"v: f(v) = 5".to_string()));
        assert!(c.summary().contains("f(v) = 5."), "{}", c.summary());
    }

    #[test]
    fn huge_tiny_and_3x3_forms_stay_honest() {
        for a in ["1e300,1e300;1e300,1e300", "1e-300,0;0,-1e-300", "1e300,1;1,1e-300", "1.7e308,0;0,1.7e308", "5e-324,0;0,5e-324"] {
            let c = quadratic(a);
            let scene = c.scene(&Timeline::new(0));
            assert!(finite_scene(&scene), "{a}");
            assert!(labels(&scene).iter().any(|l| l.contains(':')), "{a}: {:?}", labels(&scene));
            let (lo, hi) = c.content_bounds();
            assert!(lo.iter().chain(hi.iter()).all(|x| x.is_finite()));
            assert!(!c.summary().contains("NaN") && !c.summary().contains("inf"), "{}", c.summary());
        }
        assert!(quadratic("1e300,0;0,-1e300").summary().starts_with("xᵀAx is indefinite"));
        // A rendered panel hands its heat map to the painter.
        let mut rec = crate::view::render::Recording::default();
        crate::view::render::render(
            &quadratic("1,0;0,-1").scene(&Timeline::new(0)),
            &[],
            &crate::view::viewport::Viewport::default(),
            &mut rec,
        );
        assert_eq!(rec.heats.len(), 1);
        // 3×3: the panel is 2-D, says so, and gives the definiteness in words instead.
        let c = page(&[("A", "2,0,0;0,3,4;0,4,9"), ("v", "1,0,0"), ("view", "quadratic")]);
        let note = c.figure_note().unwrap();
        assert!(
            note.contains("2-D") && note.contains("positive-definite") && note.contains("11, 2, 1") && note.contains("in space"),
            "{note}"
        );
        assert!(c.space(&Timeline::new(0)).is_none() && c.handles().is_empty() && c.space_handles().is_empty());
        assert!(c.scene(&Timeline::new(0)).shapes.is_empty());
        assert_eq!(
            c.summary(),
            "xᵀAx is positive-definite (a bowl): xᵀAx > 0 for every x ≠ 0. The quadratic-form panel draws 2×2 matrices only."
        );
        let Value::Vector(mu) = value(c.as_ref(), "definiteness") else { panic!() };
        assert!(mu.iter().zip([11.0, 2.0, 1.0]).all(|(x, y)| (x - y).abs() < 1e-12), "{mu:?}");
    }

    fn all_finite(v: &Value) -> bool {
        match v {
            Value::Null | Value::Bool(_) => true,
            Value::Number(x) => x.is_finite(),
            Value::Complex { re, im } => re.is_finite() && im.is_finite(),
            Value::Vector(v) => v.iter().all(|x| x.is_finite()),
            Value::Matrix(m) => m.iter().flatten().all(|x| x.is_finite()),
            Value::List(items) => items.iter().all(all_finite),
        }
    }

    proptest! {
        #[test]
        fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=6, exp in -300i32..300,
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 38)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
            let v = DMatrix::from_column_slice(2, 1, &entries[36..38]);
            let c = Eigendecomposition { a, v, view: VIEWS[0].0 };
            for r in c.readouts() {
                prop_assert!(all_finite(&r.value), "{} = {:?}", r.name, r.value);
                prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
            }
            let _ = (c.scene(&Timeline::new(1)), c.summary(), c.code(), c.handles(), c.content_bounds());
            let c = Eigendecomposition { view: "quadratic", ..c };
            prop_assert!(finite_scene(&c.scene(&Timeline::new(0))));
            let _ = (c.summary(), c.code(), c.handles(), c.figure_note());
        }

        #[test]
        fn every_drawn_level_set_is_where_f_equals_its_level(entries in proptest::collection::vec(-5.0f64..5.0, 4), v in proptest::collection::vec(-3.0f64..3.0, 2)) {
            let a = DMatrix::from_row_slice(2, 2, &entries);
            let form = Form::new(&a).unwrap();
            let radius = Eigendecomposition::form_radius(World::new(v[0], v[1]));
            for c in form.levels(radius).into_iter().chain([0.0]) {
                let close = |p: World| (f(&a, p) - c).abs() <= 1e-9 * (c.abs() + a.amax() * p.norm_squared());
                for p in conic_points(&form.conics(c, radius * 3.0)) {
                    prop_assert!(close(p), "f{p} = {} ≠ {c} for {a}", f(&a, p));
                }
                // The level's label sits on it too.
                if c != 0.0 {
                    let (u, fu) = form.label_ray(c > 0.0, World::new(v[0], v[1])).unwrap();
                    prop_assert!(fu * c > 0.0 && close(u * (c / fu).sqrt()), "label of {c} at {u} for {a}");
                }
            }
        }

        #[test]
        fn small_integer_matrices_never_fail(entries in proptest::collection::vec(-3i32..=3, 4), v in proptest::collection::vec(-3i32..=3, 2)) {
            // Integer 2×2 matrices hit every special case (repeated, defective, zero, complex) often.
            let a = DMatrix::from_fn(2, 2, |r, c| f64::from(entries[r * 2 + c]));
            let c = Eigendecomposition { a: a.clone(), v: DMatrix::from_fn(2, 1, |r, _| f64::from(v[r])), view: VIEWS[0].0 };
            let Value::List(values) = value(&c, "eigenvalues") else { panic!("no eigenvalues for {a}") };
            prop_assert_eq!(values.len(), 2);
            let e = eigen(&a).unwrap();
            match e.vectors {
                Ok(vectors) => {
                    for (k, z) in e.values.iter().enumerate() {
                        prop_assert!((&a * vectors.column(k) - vectors.column(k) * z.re).norm() < 1e-12);
                    }
                }
                Err(NoVectors::Defective { .. }) => {
                    // Defective: a repeated eigenvalue and A ≠ λI.
                    prop_assert_eq!(e.values[0], e.values[1]);
                    prop_assert!(a != DMatrix::identity(2, 2) * e.values[0].re);
                }
                Err(NoVectors::Complex) => prop_assert!(e.values[0].im > 0.0 && e.values[1] == e.values[0].conj()),
                Err(other) => prop_assert!(false, "{other} for {a}"),
            }
            let _ = (c.scene(&Timeline::new(1)), c.summary());
        }
    }
}
