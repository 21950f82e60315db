//! 2.10 The trace operator: the sum of the diagonal, drawn as steps along a number line; the same
//! sum reached by the eigenvalues; the Frobenius norm as √Tr(AAᵀ); and the cyclic property
//! Tr(XYZ) = Tr(ZXY) = Tr(YZX) with three products that differ entry by entry.

use super::common::bounds;
use super::common::pick_option;
use super::{Chapter, Choice, Code, Handle, Input, InputKind};
use crate::format::{display_number, display_shape};
use crate::readout::{matrix_readout, number_readout, Readout, Value};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{Complex, DMatrix, Schur};

/// The figure's views.
const VIEWS: &[(&str, &str)] = &[("diagonal", "tr A: the diagonal"), ("cyclic", "tr(XYZ) = tr(ZXY) = tr(YZX)")];

/// The order compared with XYZ in the cyclic view: (URL value, label, the product's name).
const ORDERS: &[(&str, &str)] = &[
    ("xzy", "X·Z·Y (not cyclic)"),
    ("yxz", "Y·X·Z (not cyclic)"),
    ("zyx", "Z·Y·X (not cyclic)"),
    ("xyz", "X·Y·Z (cyclic)"),
    ("zxy", "Z·X·Y (cyclic)"),
    ("yzx", "Y·Z·X (cyclic)"),
];

/// Most Schur iterations before the eigenvalues are reported as not converging.
const MAX_ITER: usize = 1000;

/// The page state: A for the trace, and X, Y, Z for the cyclic property.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    a: DMatrix<f64>,
    x: DMatrix<f64>,
    y: DMatrix<f64>,
    z: DMatrix<f64>,
    view: &'static str,
    order: &'static str,
}

/// The seed's examples: A = [[2, 9, 8], [4, 7, 1], [8, 2, 5]] (trace 14, ‖A‖_F = √308), and its three
/// 2×2 matrices for the cyclic property (the seed calls them A, B, C; here X, Y, Z), all traces 531.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Trace {
        a: DMatrix::from_row_slice(3, 3, &[2.0, 9.0, 8.0, 4.0, 7.0, 1.0, 8.0, 2.0, 5.0]),
        x: DMatrix::from_row_slice(2, 2, &[4.0, 12.0, 7.0, 6.0]),
        y: DMatrix::from_row_slice(2, 2, &[1.0, -3.0, 4.0, 3.0]),
        z: DMatrix::from_row_slice(2, 2, &[6.0, 6.0, 2.0, 5.0]),
        view: VIEWS[0].0,
        order: ORDERS[0].0,
    })
}

/// The diagonal of a matrix, in order.
fn diagonal(m: &DMatrix<f64>) -> Vec<f64> {
    (0..m.nrows().min(m.ncols())).map(|i| m[(i, i)]).collect()
}

/// The trace as numpy computes it: the diagonal summed left to right.
fn trace_of(m: &DMatrix<f64>) -> f64 {
    diagonal(m).iter().fold(0.0, |s, x| s + x)
}

/// ‖m‖_F = √Tr(m mᵀ) = √(Σ mᵢⱼ²), computed on a copy scaled by the largest entry so that entries
/// near 1e±200 neither overflow nor underflow when squared.
pub fn frobenius_scaled(m: &DMatrix<f64>) -> f64 {
    let big = m.amax();
    if big == 0.0 || !big.is_finite() {
        return big;
    }
    big * m.iter().map(|x| (x / big) * (x / big)).sum::<f64>().sqrt()
}

/// The eigenvalues of a square matrix from a bounded Schur decomposition of a scaled copy, checked by
/// its reconstruction; sorted by real part, then imaginary part, both descending.
pub fn eigenvalues(m: &DMatrix<f64>) -> Result<Vec<Complex<f64>>, String> {
    let n = m.nrows();
    if n == 0 || !m.is_square() {
        return Err("eigenvalues need a square matrix".into());
    }
    let big = m.amax();
    if !big.is_finite() {
        return Err("an entry is not a finite number".into());
    }
    if big == 0.0 {
        return Ok(vec![Complex::new(0.0, 0.0); n]);
    }
    let scaled = m / big;
    let schur = Schur::try_new(scaled.clone(), f64::EPSILON, MAX_ITER)
        .ok_or_else(|| "the Schur iteration did not converge (numerically unstable input)".to_string())?;
    let values = schur.complex_eigenvalues();
    let (q, t) = schur.unpack();
    let residual = (&q * &t * q.transpose() - &scaled).amax();
    if residual.is_nan() || residual > 1e-10 * n as f64 {
        return Err("the Schur decomposition failed its accuracy check (numerically unstable input)".into());
    }
    let mut out: Vec<Complex<f64>> = values.iter().map(|l| Complex::new(l.re * big, l.im * big)).collect();
    if out.iter().any(|l| !(l.re.is_finite() && l.im.is_finite())) {
        return Err("an eigenvalue is too large for a 64-bit float (overflow)".into());
    }
    out.sort_by(|p, q| q.re.total_cmp(&p.re).then(q.im.total_cmp(&p.im)));
    Ok(out)
}

/// `λ₁ = 17.2` or `Re λ₂ = −1.6` for each eigenvalue of `a` (empty when they are not available).
fn eigen_labels(a: &DMatrix<f64>) -> Vec<String> {
    eigenvalues(a)
        .map(|ls| {
            ls.iter()
                .enumerate()
                .map(|(i, l)| {
                    let re = if l.im == 0.0 { "" } else { "Re " };
                    let rounded = (l.re * 100.0).round() / 100.0;
                    let sign = if rounded == l.re { "=" } else { "≈" };
                    format!("{re}λ{} {sign} {}", subscript(i + 1), display_number(if rounded.is_finite() { rounded } else { l.re }))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `2 + 7 − 5`: a sum written out with true minus signs.
fn written_sum(terms: &[f64]) -> String {
    let mut out = String::new();
    for (i, x) in terms.iter().enumerate() {
        if i == 0 {
            out.push_str(&display_number(*x));
        } else if x.is_sign_negative() && *x != 0.0 {
            out.push_str(&format!(" − {}", display_number(-x)));
        } else {
            out.push_str(&format!(" + {}", display_number(*x)));
        }
    }
    out
}

/// `₁₂` for 12: subscript digits for labels.
fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

/// The role of the i-th diagonal step: A₁₁ orange, A₂₂ blue, A₃₃ purple, the rest in ink.
fn step_role(i: usize) -> Role {
    [Role::Basis1, Role::Basis2, Role::Second].get(i).copied().unwrap_or(Role::Input)
}

/// Spacing between the rows of the number-line figure: 1 for small numbers, otherwise a round step
/// (1, 2, 5 × 10ᵏ) about the width divided by the number of rows, so the figure stays roughly square.
/// Round steps change rarely, so a dragged handle does not jump up and down.
fn row_height(width: f64, rows: usize) -> f64 {
    let raw = width / (rows as f64 + 1.0);
    if raw.is_nan() || raw <= 1.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|k| k * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// Partial sums 0, d₁, d₁+d₂, … (the staircase's x positions).
fn partial_sums(steps: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0];
    for d in steps {
        let last = *out.last().unwrap_or(&0.0);
        out.push(last + d);
    }
    out
}

/// The width of the figure's number line: the spread of every staircase, and of 0.
fn spread(rows: &[Vec<f64>]) -> f64 {
    let all = rows.iter().flat_map(|r| partial_sums(r));
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    hi - lo
}

impl Trace {
    /// The product of three matrices, if the shapes chain.
    fn product3(p: &DMatrix<f64>, q: &DMatrix<f64>, r: &DMatrix<f64>) -> Option<DMatrix<f64>> {
        (p.ncols() == q.nrows() && q.ncols() == r.nrows()).then(|| p * q * r)
    }

    /// The factor called `letter` (x, y or z).
    fn factor(&self, letter: char) -> &DMatrix<f64> {
        match letter {
            'x' => &self.x,
            'y' => &self.y,
            _ => &self.z,
        }
    }

    /// The product of the three factors in `order` ("xzy" is X·Z·Y), and its name ("XZY").
    fn ordered(&self, order: &str) -> (String, Option<DMatrix<f64>>) {
        let f: Vec<&DMatrix<f64>> = order.chars().map(|c| self.factor(c)).collect();
        let product = match f[..] {
            [p, q, r] => Self::product3(p, q, r),
            _ => None,
        };
        (order.to_uppercase(), product)
    }

    /// Whether `order` is a cyclic shift of xyz.
    fn is_cyclic(order: &str) -> bool {
        ["xyz", "zxy", "yzx"].contains(&order)
    }

    /// XYZ, ZXY, YZX and the order chosen for comparison, with their names.
    fn products(&self) -> [(String, Option<DMatrix<f64>>); 4] {
        [self.ordered("xyz"), self.ordered("zxy"), self.ordered("yzx"), self.ordered(self.order)]
    }

    fn shapes_note(&self) -> String {
        format!("X is {}, Y is {}, Z is {}", display_shape(&self.x), display_shape(&self.y), display_shape(&self.z))
    }

    /// The rows of the diagonal view: A's diagonal, then the real parts of the eigenvalues (if any).
    fn diagonal_rows(&self) -> (Vec<f64>, Option<Vec<f64>>) {
        let eig = eigenvalues(&self.a).ok().map(|ls| ls.iter().map(|l| l.re).collect());
        (diagonal(&self.a), eig)
    }

    /// Row height and the y of the diagonal entry i (top row first; the trace sits on the x-axis).
    fn diagonal_layout(&self) -> (f64, Vec<f64>) {
        let (diag, eig) = self.diagonal_rows();
        let mut rows = vec![diag.clone()];
        rows.extend(eig);
        let n = diag.len();
        let h = row_height(spread(&rows), 2 * n + 2);
        (h, (0..n).map(|i| (n - i) as f64 * h).collect())
    }

    fn scene_diagonal(&self, scene: &mut Scene) {
        let (diag, eig) = self.diagonal_rows();
        let (h, ys) = self.diagonal_layout();
        let sums = partial_sums(&diag);
        let tr = trace_of(&self.a);
        scene.push(Shape::Line {
            through: World::new(tr, 0.0),
            direction: World::new(0.0, 1.0),
            stroke: Stroke::dotted(Role::Ghost, 1.0),
            label: None,
        });
        for (i, d) in diag.iter().enumerate() {
            let (from, to) = (World::new(sums[i], ys[i]), World::new(sums[i + 1], ys[i]));
            if i > 0 {
                scene
                    .push(Shape::Polyline { points: vec![World::new(sums[i], ys[i - 1]), from], stroke: Stroke::dotted(Role::Ghost, 1.5) });
            }
            let name = format!("A{}{} = {}", subscript(i + 1), subscript(i + 1), display_number(*d));
            scene.arrow_from(from, to, Stroke::solid(step_role(i), 3.0), name);
        }
        if let Some(last) = ys.last() {
            scene.push(Shape::Polyline {
                points: vec![World::new(tr, *last), World::new(tr, 0.0)],
                stroke: Stroke::dotted(Role::Ghost, 1.5),
            });
        }
        scene.arrow(World::new(tr, 0.0), Stroke::solid(Role::Image, 4.0), "");
        scene.push(Shape::Label { at: World::new(tr / 2.0, 0.45 * h), text: format!("tr A = {}", display_number(tr)), role: Role::Image });
        if let Some(eig) = eig {
            // The eigenvalues' real parts, stepped off upwards from below, ending on the axis at tr A.
            let sums = partial_sums(&eig);
            let n = eig.len();
            for i in 0..n {
                let y = -((n - i) as f64) * h;
                if i > 0 {
                    scene.push(Shape::Polyline {
                        points: vec![World::new(sums[i], y - h), World::new(sums[i], y)],
                        stroke: Stroke::dotted(Role::Ghost, 1.5),
                    });
                }
                let label = match eigen_labels(&self.a).get(i) {
                    Some(l) => l.clone(),
                    None => String::new(),
                };
                scene.arrow_from(World::new(sums[i], y), World::new(sums[i + 1], y), Stroke::dashed(Role::Eigen, 2.5), label);
            }
            scene.push(Shape::Polyline {
                points: vec![World::new(sums[n], -h), World::new(sums[n], 0.0)],
                stroke: Stroke::dotted(Role::Eigen, 1.5),
            });
        }
    }

    fn scene_cyclic(&self, scene: &mut Scene) -> Option<()> {
        let products = self.products();
        let diags: Vec<Vec<f64>> = products.iter().map(|(_, p)| p.as_ref().map(diagonal).unwrap_or_default()).collect();
        if products[..3].iter().any(|(_, p)| p.as_ref().is_none_or(|p| !p.is_square())) {
            return None;
        }
        let h = row_height(spread(&diags), 5);
        let tr = trace_of(products[0].1.as_ref()?);
        scene.push(Shape::Line {
            through: World::new(tr, 0.0),
            direction: World::new(0.0, 1.0),
            stroke: Stroke::dotted(Role::Ghost, 1.0),
            label: None,
        });
        for (row, ((name, p), diag)) in products.iter().zip(&diags).enumerate() {
            let Some(p) = p.as_ref().filter(|p| p.is_square()) else { continue };
            let y = if row < 3 { (3 - row) as f64 * h } else { -h };
            let sums = partial_sums(diag);
            for i in 0..diag.len() {
                let stroke = match (row < 3, Self::is_cyclic(self.order)) {
                    (true, _) => Stroke::solid(step_role(i), 3.0),
                    (false, true) => Stroke::dashed(step_role(i), 3.0),
                    (false, false) => Stroke::dotted(Role::Ghost, 2.0),
                };
                scene.arrow_from(World::new(sums[i], y), World::new(sums[i + 1], y), stroke, "");
            }
            // The label above the middle of its row, so that it never runs off the right edge.
            let end = sums.last().copied().unwrap_or(0.0);
            let role = if row < 3 || Self::is_cyclic(self.order) { Role::Axis } else { Role::Ghost };
            scene.push(Shape::Label {
                at: World::new(end / 2.0, y + 0.3 * h),
                text: format!("tr({name}) = {}", display_number(trace_of(p))),
                role,
            });
        }
        scene.arrow(World::new(tr, 0.0), Stroke::solid(Role::Image, 4.0), "");
        Some(())
    }

    fn eigen_readouts(&self, out: &mut Vec<Readout>) {
        let tr = trace_of(&self.a);
        match eigenvalues(&self.a) {
            Ok(ls) => {
                let values =
                    ls.iter().map(|l| if l.im == 0.0 { Value::Number(l.re) } else { Value::Complex { re: l.re, im: l.im } }).collect();
                out.push(Readout::new(
                    "eigenvalues",
                    "eigenvalues λ",
                    Value::List(values),
                    "by real part, descending (complex ones come in conjugate pairs)",
                ));
                let sum = ls.iter().fold(0.0, |s, l| s + l.re);
                let scale = ls.iter().map(|l| l.norm()).fold(0.0, f64::max).max(tr.abs());
                let gap = (sum - tr).abs();
                let note = if gap <= 1e-9 * scale.max(f64::MIN_POSITIVE) {
                    "the eigenvalues add up to the trace (imaginary parts cancel in pairs)".to_string()
                } else {
                    format!("differs from the trace by {} (rounding in the eigenvalues)", display_number(gap))
                };
                out.push(number_readout("eigenvalue_sum", "Σ λ", sum, note));
            }
            Err(why) => {
                out.push(Readout::missing("eigenvalues", "eigenvalues λ", why.clone()));
                out.push(Readout::missing("eigenvalue_sum", "Σ λ", why));
            }
        }
    }
}

impl Chapter for Trace {
    fn explanation(&self) -> &'static str {
        include_str!("trace.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "X", kind: InputKind::Matrix, value: self.x.clone() },
            Input { name: "Y", kind: InputKind::Matrix, value: self.y.clone() },
            Input { name: "Z", kind: InputKind::Matrix, value: self.z.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" if !value.is_square() => {
                return Err(format!(
                    "the trace is defined for square matrices only, and this one is {} (give it as many rows as columns)",
                    display_shape(&value)
                ))
            }
            "A" => self.a = value,
            "X" => self.x = value,
            "Y" => self.y = value,
            "Z" => self.z = value,
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        // Both choices are always listed: a link's `order` is read before its `view` takes effect.
        vec![
            Choice { name: "view", label: "Figure", options: VIEWS, current: self.view },
            Choice { name: "order", label: "Cyclic view: compare XYZ with", options: ORDERS, current: self.order },
        ]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        let options = match name {
            "view" => VIEWS,
            "order" => ORDERS,
            _ => return Err(format!("this page has no choice called {name}")),
        };
        let known = pick_option(options, value)?;
        if name == "view" {
            self.view = known;
        } else {
            self.order = known;
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn handles(&self) -> Vec<Handle> {
        if self.view != "diagonal" {
            return Vec::new();
        }
        let diag = diagonal(&self.a);
        let sums = partial_sums(&diag);
        let (_, ys) = self.diagonal_layout();
        diag.iter()
            .enumerate()
            .map(|(i, d)| Handle {
                name: format!("A:d{i}"),
                at: World::new(sums[i + 1], ys[i]),
                role: step_role(i),
                label: format!(
                    "diagonal entry A{}{} = {} (drag sideways; the running sum is {})",
                    subscript(i + 1),
                    subscript(i + 1),
                    display_number(*d),
                    display_number(sums[i + 1])
                ),
            })
            .collect()
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        let Some(i) = name.strip_prefix("A:d").and_then(|i| i.parse::<usize>().ok()) else { return false };
        if self.view != "diagonal" || i >= self.a.nrows() || !to.x.is_finite() {
            return false;
        }
        let before: f64 = partial_sums(&diagonal(&self.a))[i];
        let value = to.x - before;
        if !value.is_finite() || value == self.a[(i, i)] {
            return false;
        }
        self.a[(i, i)] = value;
        true
    }

    fn readouts(&self) -> Vec<Readout> {
        let diag = diagonal(&self.a);
        let tr = trace_of(&self.a);
        let terms = written_sum(&diag);
        let mut out = vec![
            number_readout("trace", "tr A", tr, format!("the diagonal summed: {} = {}", terms, display_number(tr))),
            Readout::new("diag", "diagonal of A", Value::Vector(diag), "A₁₁, A₂₂, …: only these entries count"),
            number_readout("trace_transpose", "tr Aᵀ", trace_of(&self.a.transpose()), "transposing keeps the diagonal in place"),
        ];
        let aat = self.a.iter().fold(0.0, |s, x| s + x * x);
        let fro = frobenius_scaled(&self.a);
        let underflow = aat == 0.0 && fro > 0.0;
        out.push(number_readout(
            "trace_AAT",
            "tr(AAᵀ)",
            aat,
            if underflow {
                "the squares are too small for a 64-bit float and round to 0 (underflow)"
            } else {
                "the sum of the squares of every entry of A"
            },
        ));
        out.push(number_readout(
            "frobenius",
            "‖A‖_F",
            fro,
            if aat.is_finite() && !underflow {
                format!("√tr(AAᵀ) = √{}", display_number(aat))
            } else {
                "√tr(AAᵀ), computed on a copy scaled by the largest entry".into()
            },
        ));
        self.eigen_readouts(&mut out);
        out.push(number_readout("det", "det A", self.a.determinant(), "the product of the eigenvalues"));

        let products = self.products();
        let traces: Vec<Option<f64>> = products.iter().map(|(_, p)| p.as_ref().filter(|p| p.is_square()).map(trace_of)).collect();
        let compared = products[3].0.chars().map(String::from).collect::<Vec<_>>().join("·");
        let names = [("XYZ", "X·Y·Z"), ("ZXY", "Z·X·Y"), ("YZX", "Y·Z·X"), ("product", "compared order")];
        for (i, ((_, p), (name, label))) in products.iter().zip(names).enumerate() {
            let which = if i == 3 { format!("{compared}: ") } else { String::new() };
            out.push(match p {
                Some(p) => matrix_readout(name, label, p, format!("{which}{} (entries differ from order to order)", display_shape(p))),
                None => Readout::missing(name, label, format!("{which}not defined: {}; the inner sizes must match", self.shapes_note())),
            });
        }
        let trace_names =
            [("trace_XYZ", "tr(XYZ)"), ("trace_ZXY", "tr(ZXY)"), ("trace_YZX", "tr(YZX)"), ("trace_product", "tr(compared order)")];
        for (i, (name, label)) in trace_names.into_iter().enumerate() {
            let note = match (i, Self::is_cyclic(self.order)) {
                (3, false) => format!("tr({compared}): not a cyclic shift of XYZ, so in general a different number"),
                (3, true) => format!("tr({compared}): a cyclic shift of XYZ, the same trace up to rounding"),
                _ => "a cyclic shift of XYZ: the same trace up to rounding".to_string(),
            };
            out.push(match (&products[i].1, traces[i]) {
                (_, Some(t)) => number_readout(name, label, t, note),
                (Some(p), None) => Readout::missing(name, label, format!("the product is {}, not square", display_shape(p))),
                (None, None) => Readout::missing(name, label, format!("the product is not defined: {}", self.shapes_note())),
            });
        }
        for input in self.inputs() {
            out.push(Readout::new(input.name, input.name, Value::matrix(&input.value), display_shape(&input.value)));
        }
        out
    }

    fn scene(&self, _timeline: &Timeline) -> Scene {
        let mut scene = Scene::default();
        if self.view == "diagonal" {
            self.scene_diagonal(&mut scene);
        } else if self.scene_cyclic(&mut scene).is_none() {
            return Scene::default();
        }
        // A number-line figure: the axes, but no grid (the vertical direction only separates rows).
        let first_arrow = scene.shapes.iter().position(|s| matches!(s, Shape::Arrow { .. })).unwrap_or(scene.shapes.len());
        scene.shapes.insert(first_arrow, Shape::Axes);
        scene
    }

    fn figure_note(&self) -> Option<String> {
        if self.view != "cyclic" {
            return None;
        }
        let ok = self.products()[..3].iter().all(|(_, p)| p.as_ref().is_some_and(|p| p.is_square()));
        (!ok).then(|| {
            format!(
                "The cyclic products need shapes that chain back to the start (X m×n, Y n×p, Z p×m); now {}. The numbers below say which product is missing.",
                self.shapes_note()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = Vec::new();
        if self.view == "diagonal" {
            let (diag, eig) = self.diagonal_rows();
            let (h, ys) = self.diagonal_layout();
            for (x, y) in partial_sums(&diag).iter().skip(1).zip(&ys) {
                points.push(World::new(*x, *y));
            }
            points.push(World::new(0.0, ys.first().copied().unwrap_or(h) + 0.5 * h));
            if let Some(eig) = eig {
                let n = eig.len();
                points.extend(partial_sums(&eig).iter().enumerate().map(|(i, x)| World::new(*x, -((n - i.min(n - 1)) as f64) * h)));
                points.push(World::new(0.0, -(n as f64 + 0.5) * h));
            }
        } else {
            let products = self.products();
            let diags: Vec<Vec<f64>> = products.iter().map(|(_, p)| p.as_ref().map(diagonal).unwrap_or_default()).collect();
            let h = row_height(spread(&diags), 5);
            for (row, d) in diags.iter().enumerate() {
                let y = if row < 3 { (3 - row) as f64 * h } else { -h };
                points.extend(partial_sums(d).iter().map(|x| World::new(*x, y)));
            }
            points.push(World::new(0.0, 3.5 * h));
        }
        // Room for the labels at the arrows' tips (mostly to the right, where the sums end).
        let (lo, hi) = bounds(&points);
        let width = (hi.x - lo.x).max(1.0);
        let (left, right) = if self.view == "diagonal" { (0.1, 0.45) } else { (0.0, 0.05) };
        (World::new(lo.x - left * width, lo.y), World::new(hi.x + right * width, hi.y))
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line("np.trace(A)", "torch.trace(A)", "let tr = a.trace();");
        code.line(
            "np.linalg.norm(A)  # Frobenius, the same as np.sqrt(np.trace(A @ A.T))",
            "torch.linalg.norm(A)  # Frobenius, the same as torch.sqrt(torch.trace(A @ A.T))",
            "let fro = a.norm(); // Frobenius, the same as (&a * a.transpose()).trace().sqrt()",
        );
        code.line(
            "np.linalg.eigvals(A).sum()  # equals the trace, up to rounding",
            "torch.linalg.eigvals(A).sum()  # equals the trace, up to rounding",
            "let eig_sum: f64 = nalgebra::Schur::try_new(a.clone(), f64::EPSILON, 1000).expect(\"converges\").complex_eigenvalues().iter().map(|l| l.re).sum();",
        );
        code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
        for (numpy, rust, name) in
            [("X @ Y @ Z", "&x * &y * &z", "XYZ"), ("Z @ X @ Y", "&z * &x * &y", "ZXY"), ("Y @ Z @ X", "&y * &z * &x", "YZX")]
        {
            let ok = self.products().iter().any(|(n, p)| *n == name && p.as_ref().is_some_and(|p| p.is_square()));
            let (py, rs) = (format!("np.trace({numpy})"), format!("let tr_{} = ({rust}).trace();", name.to_lowercase()));
            let torch = format!("torch.trace({numpy})");
            if ok {
                code.line(&py, &torch, &rs);
            } else {
                code.line(
                    &format!("# shapes do not chain, this raises an error: {py}"),
                    &format!("# shapes do not chain: {torch}"),
                    &format!("// shapes do not chain, this panics: {rs}"),
                );
            }
        }
        code
    }

    fn summary(&self) -> String {
        if self.view == "diagonal" {
            let diag = diagonal(&self.a);
            let terms = written_sum(&diag);
            let tr = trace_of(&self.a);
            let eig = match eigenvalues(&self.a) {
                Ok(_) => " The eigenvalues, stepped off below the axis, end at the same point.",
                Err(_) => "",
            };
            format!("tr A = {} = {}: the steps along the number line end there.{eig}", terms, display_number(tr))
        } else {
            let products = self.products();
            match products.iter().map(|(_, p)| p.as_ref().filter(|p| p.is_square()).map(trace_of)).collect::<Vec<_>>()[..] {
                [Some(a), Some(_), Some(_), other] => {
                    let tail = match other {
                        Some(t) if Self::is_cyclic(self.order) => {
                            format!(" {} is one of them again: trace {}.", products[3].0, display_number(t))
                        }
                        Some(t) => format!(" The non-cyclic order {} has trace {}.", products[3].0, display_number(t)),
                        None => String::new(),
                    };
                    format!("XYZ, ZXY and YZX differ entry by entry, but all three traces are {}.{tail}", display_number(a))
                }
                _ => format!("The cyclic products are not all defined: {}.", self.shapes_note()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{number, open, readout, value};
    use crate::chapters::{find, from_params};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("trace", params)
    }

    #[test]
    fn the_default_is_the_seeds_example() {
        let c = build();
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(14.0));
        assert_eq!(value(c.as_ref(), "trace_transpose"), Value::Number(14.0));
        assert_eq!(value(c.as_ref(), "trace_AAT"), Value::Number(308.0));
        assert!((number(c.as_ref(), "frobenius") - 308f64.sqrt()).abs() < 1e-12);
        assert!((number(c.as_ref(), "eigenvalue_sum") - 14.0).abs() < 1e-9);
        assert_eq!(value(c.as_ref(), "XYZ"), Value::Matrix(vec![vec![360.0, 432.0], vec![180.0, 171.0]]));
        assert_eq!(value(c.as_ref(), "ZXY"), Value::Matrix(vec![vec![498.0, 126.0], vec![259.0, 33.0]]));
        assert_eq!(value(c.as_ref(), "YZX"), Value::Matrix(vec![vec![-63.0, -54.0], vec![393.0, 594.0]]));
        for name in ["trace_XYZ", "trace_ZXY", "trace_YZX"] {
            assert_eq!(value(c.as_ref(), name), Value::Number(531.0), "{name}");
        }
        assert_eq!(value(c.as_ref(), "trace_product"), Value::Number(438.0));
        assert!(readout(c.as_ref(), "trace_product").note.contains("X·Z·Y"));
        assert!(readout(c.as_ref(), "trace").note.contains("2 + 7 + 5 = 14"));
    }

    #[test]
    fn det_of_the_seed_matrix_is_right() {
        // 2(35−2) − 9(20−8) + 8(8−56) = 66 − 108 − 384 = −426.
        let c = build();
        assert!((number(c.as_ref(), "det") + 426.0).abs() < 1e-9);
    }

    #[test]
    fn a_non_square_a_is_rejected_with_a_sentence() {
        let mut c = build();
        let err = c.set_input("A", DMatrix::from_row_slice(2, 3, &[1.0; 6])).unwrap_err();
        assert!(err.contains("square") && err.contains("2×3"), "{err}");
        let (_, problems) = from_params(find("trace").unwrap(), &[("A".into(), "1,2,3;4,5,6".into())]).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("Parameter A: the trace is defined for square matrices only"), "{}", problems[0]);
    }

    #[test]
    fn dragging_a_diagonal_handle_changes_that_entry_and_the_trace() {
        let mut c = build();
        let handles = c.handles();
        assert_eq!(handles.len(), 3);
        assert_eq!(handles[0].name, "A:d0");
        assert_eq!(handles[0].at.x, 2.0);
        assert_eq!(handles[2].at.x, 14.0);
        // The second handle sits at the running sum 2 + 7; moving it to 12 makes A₂₂ = 10.
        assert!(c.move_handle("A:d1", World::new(12.0, -40.0)));
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![2.0, 9.0, 8.0], vec![4.0, 10.0, 1.0], vec![8.0, 2.0, 5.0]]));
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(17.0));
        // The handle follows: it is at the new running sum, and the last one at the new trace.
        assert_eq!(c.handles()[1].at.x, 12.0);
        assert_eq!(c.handles()[2].at.x, 17.0);
        assert!(!c.move_handle("A:d1", World::new(12.0, 3.0)), "no change, no update");
        assert!(!c.move_handle("A:d3", World::new(1.0, 0.0)));
        assert!(!c.move_handle("A:0", World::new(1.0, 0.0)));
        assert!(!c.move_handle("A:d0", World::new(f64::NAN, 0.0)));
        // The first handle moves right: the trace grows by the same amount (the contract's drag).
        assert!(c.move_handle("A:d0", World::new(3.0, 0.0)));
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(18.0));
    }

    #[test]
    fn the_trace_matches_numpys_left_to_right_sum() {
        let c = page(&[("A", "0.423,-0.959,0.998;2.065,0.736,1.118;-1.586,-1.729,-0.313")]);
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(0.8460000000000001));
    }

    #[test]
    fn complex_and_repeated_eigenvalues_still_sum_to_the_trace() {
        // A rotation by 90° has eigenvalues ±i: sum 0 = trace.
        let c = page(&[("A", "0,-1;1,0")]);
        assert_eq!(
            value(c.as_ref(), "eigenvalues"),
            Value::List(vec![Value::Complex { re: 0.0, im: 1.0 }, Value::Complex { re: 0.0, im: -1.0 }])
        );
        assert_eq!(number(c.as_ref(), "eigenvalue_sum"), 0.0);
        // A Jordan block: eigenvalue 2 twice.
        let c = page(&[("A", "2,1;0,2")]);
        assert_eq!(value(c.as_ref(), "eigenvalues"), Value::List(vec![Value::Number(2.0), Value::Number(2.0)]));
        assert_eq!(number(c.as_ref(), "eigenvalue_sum"), 4.0);
    }

    #[test]
    fn zero_huge_and_tiny_matrices() {
        let c = page(&[("A", "0,0;0,0")]);
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(0.0));
        assert_eq!(value(c.as_ref(), "frobenius"), Value::Number(0.0));
        assert_eq!(value(c.as_ref(), "eigenvalue_sum"), Value::Number(0.0));
        // 1e200: the trace is fine, tr(AAᵀ) overflows (null with the reason), ‖A‖_F does not.
        let c = page(&[("A", "1e200,2e200;3e200,4e200")]);
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(1e200 + 4e200));
        assert_eq!(value(c.as_ref(), "trace_AAT"), Value::Null);
        assert!(readout(c.as_ref(), "trace_AAT").note.contains("overflow"));
        assert!((number(c.as_ref(), "frobenius") / (30f64.sqrt() * 1e200) - 1.0).abs() < 1e-14);
        assert!((number(c.as_ref(), "eigenvalue_sum") / 5e200 - 1.0).abs() < 1e-12);
        assert_eq!(value(c.as_ref(), "det"), Value::Null);
        let c = page(&[("A", "1e-200,2e-200;3e-200,4e-200")]);
        assert!((number(c.as_ref(), "frobenius") / (30f64.sqrt() * 1e-200) - 1.0).abs() < 1e-14);
        assert!(readout(c.as_ref(), "trace_AAT").note.contains("underflow"));
        assert!(readout(c.as_ref(), "frobenius").note.contains("scaled"));
        assert!((number(c.as_ref(), "eigenvalue_sum") / 5e-200 - 1.0).abs() < 1e-12);
        // No readout is ever NaN.
        for r in c.readouts() {
            assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
        }
    }

    #[test]
    fn six_by_six_and_one_by_one() {
        let c = page(&[("A", "1,2,3,4,5,6;0,1,0,0,0,0;0,0,1,0,0,0;0,0,0,1,0,0;0,0,0,0,1,0;0,0,0,0,0,7")]);
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(12.0));
        assert_eq!(c.handles().len(), 6);
        assert!((number(c.as_ref(), "eigenvalue_sum") - 12.0).abs() < 1e-9);
        let c = page(&[("A", "-3")]);
        assert_eq!(value(c.as_ref(), "trace"), Value::Number(-3.0));
        assert_eq!(value(c.as_ref(), "eigenvalues"), Value::List(vec![Value::Number(-3.0)]));
    }

    #[test]
    fn cyclic_shapes_that_do_not_chain_give_null_with_a_reason() {
        let mut c = page(&[("X", "1,2,3"), ("Y", "1;2;3"), ("Z", "1,2")]);
        // X 1×3, Y 3×1, Z 1×2: XY is 1×1 but XYZ is 1×2, not square.
        assert_eq!(value(c.as_ref(), "trace_XYZ"), Value::Null);
        assert!(readout(c.as_ref(), "trace_XYZ").note.contains("not square"));
        assert_eq!(value(c.as_ref(), "ZXY"), Value::Null);
        assert!(readout(c.as_ref(), "ZXY").note.contains("inner sizes"));
        c.set_choice("view", "cyclic").unwrap();
        assert!(c.figure_note().is_some());
        assert!(c.scene(&Timeline::new(0)).shapes.is_empty());
        // Non-square factors that chain back: X 2×3, Y 3×1, Z 1×2.
        let c = page(&[("X", "1,2,3;4,5,6"), ("Y", "1;0;-1"), ("Z", "2,1"), ("view", "cyclic")]);
        let t: Vec<f64> = ["trace_XYZ", "trace_ZXY", "trace_YZX"].iter().map(|n| number(c.as_ref(), n)).collect();
        assert_eq!(t, [-6.0, -6.0, -6.0]);
        assert!(c.figure_note().is_none());
        assert!(c.handles().is_empty());
    }

    #[test]
    fn the_figure_draws_the_staircase_to_the_trace() {
        let c = build();
        let scene = c.scene(&Timeline::new(0));
        let tips: Vec<World> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Arrow { to, stroke, .. } if stroke.role != Role::Eigen => Some(*to),
                _ => None,
            })
            .collect();
        assert_eq!(tips.iter().map(|p| p.x).collect::<Vec<_>>(), [2.0, 9.0, 14.0, 14.0]);
        let eig_end = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Arrow { to, stroke, .. } if stroke.role == Role::Eigen => Some(to.x),
                _ => None,
            })
            .next_back()
            .unwrap();
        assert!((eig_end - 14.0).abs() < 1e-9);
        let (lo, hi) = c.content_bounds();
        assert!(lo.x <= 0.0 && hi.x >= 14.0 && lo.y < 0.0 && hi.y > 3.0);
        assert!(c.summary().contains("2 + 7 + 5 = 14"));
    }

    #[test]
    fn the_order_choice_compares_any_of_the_six_orders() {
        let mut c = page(&[("view", "cyclic")]);
        assert_eq!(c.choices().len(), 2);
        assert!(c.summary().contains("non-cyclic order XZY has trace 438"), "{}", c.summary());
        c.set_choice("order", "zyx").unwrap();
        // Z·Y·X = [[6,6],[2,5]]·[[1,−3],[4,3]]·[[4,12],[7,6]]: Z·Y = [[30, 0], [22, 9]], times X.
        assert_eq!(value(c.as_ref(), "product"), Value::Matrix(vec![vec![120.0, 360.0], vec![151.0, 318.0]]));
        assert_eq!(value(c.as_ref(), "trace_product"), Value::Number(438.0));
        c.set_choice("order", "yzx").unwrap();
        assert_eq!(value(c.as_ref(), "trace_product"), Value::Number(531.0));
        assert!(readout(c.as_ref(), "trace_product").note.contains("a cyclic shift"));
        assert!(c.summary().contains("YZX is one of them again"));
        assert!(c.set_choice("order", "xyx").is_err());
        // A link with view and order restores both (the order is known before the view is set).
        let params = crate::chapters::to_params(c.as_ref());
        assert!(params.contains(&("order".to_string(), "yzx".to_string())), "{params:?}");
        let again = from_params(find("trace").unwrap(), &params).unwrap().0;
        assert_eq!(crate::chapters::to_params(again.as_ref()), params);
    }

    #[test]
    fn sums_are_written_with_minus_signs() {
        assert_eq!(written_sum(&[1.0, -3.0, 0.5]), "1 − 3 + 0.5");
        assert_eq!(written_sum(&[-2.0, -0.0]), "−2 + 0");
        let c = page(&[("A", "1,0;0,-3")]);
        assert!(c.summary().starts_with("tr A = 1 − 3 = −2"), "{}", c.summary());
    }

    #[test]
    fn row_heights_are_round_and_keep_the_figure_square_ish() {
        assert_eq!(row_height(14.0, 5), 5.0);
        assert_eq!(row_height(3.0, 5), 1.0);
        assert_eq!(row_height(657.0, 5), 200.0);
        assert_eq!(row_height(f64::INFINITY, 5), 1.0);
    }

    #[test]
    fn code_reproduces_the_state() {
        let code = build().code();
        assert!(code.numpy.contains("A = np.array([[2, 9, 8], [4, 7, 1], [8, 2, 5]], dtype=float)"), "{}", code.numpy);
        assert!(code.numpy.contains("np.trace(X @ Y @ Z)"));
        assert!(code.nalgebra.contains("Schur::try_new"));
        let code = page(&[("Z", "1,2,3")]).code();
        assert!(code.numpy.contains("# shapes do not chain"));
    }

    fn small() -> impl Strategy<Value = f64> {
        (-20i32..=20).prop_map(f64::from)
    }

    proptest! {
        #[test]
        fn cyclic_traces_agree(n in 1usize..=4, m in 1usize..=4, entries in proptest::collection::vec(small(), 48)) {
            // X n×m, Y m×m, Z m×n: all three cyclic products exist. Small integers: exact arithmetic.
            let x = DMatrix::from_fn(n, m, |r, c| entries[r * 4 + c]);
            let y = DMatrix::from_fn(m, m, |r, c| entries[16 + r * 4 + c]);
            let z = DMatrix::from_fn(m, n, |r, c| entries[32 + r * 4 + c]);
            let mut c = build();
            c.set_input("X", x).unwrap();
            c.set_input("Y", y).unwrap();
            c.set_input("Z", z).unwrap();
            let t: Vec<Value> = ["trace_XYZ", "trace_ZXY", "trace_YZX"].iter().map(|k| value(c.as_ref(), k)).collect();
            prop_assert_eq!(&t[0], &t[1]);
            prop_assert_eq!(&t[1], &t[2]);
        }

        #[test]
        fn eigenvalues_sum_to_the_trace_and_the_norm_is_root_trace_aat(n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            let mut c = build();
            c.set_input("A", a.clone()).unwrap();
            let tr = number(c.as_ref(), "trace");
            let scale = a.iter().map(|x| x.abs()).sum::<f64>().max(1.0);
            prop_assert!((number(c.as_ref(), "eigenvalue_sum") - tr).abs() <= 1e-9 * scale);
            prop_assert!((number(c.as_ref(), "trace_transpose") - tr).abs() == 0.0);
            let f = number(c.as_ref(), "frobenius");
            prop_assert!((f * f - trace_of(&(&a * a.transpose()))).abs() <= 1e-9 * scale * scale);
        }
    }
}
