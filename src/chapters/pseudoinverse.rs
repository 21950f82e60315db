//! 2.9 The Moore–Penrose pseudoinverse: A⁺ = V·D⁺·Uᵀ, least squares x = A⁺b, and fitting a line
//! through data points as the overdetermined system [x | 1]·(slope, intercept) ≈ y.

use super::common::bounds;
use super::common::pick_option;
use super::{Chapter, Choice, Code, Handle, Input, InputKind};
use crate::format::{display_number, display_shape, display_tuple};
use crate::math::svd::{svd, PINV_RCOND};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::state::matrix::MAX_ROWS;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The figure's views.
const VIEWS: &[(&str, &str)] = &[("fit", "Line fit"), ("lines", "Three lines")];

/// The page state.
#[derive(Debug, Clone, PartialEq)]
pub struct Pseudoinverse {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    p: DMatrix<f64>,
    view: &'static str,
}

/// The seed's examples: the three lines x₂ = −2x₁ + 2, x₂ = 4x₁ + 8, x₂ = −x₁ + 2 as A·x = b, and its
/// six data points x = 0, 1, 2, 3, 3, 4, y = 2, 4, 0, 2, 5, 3 (slope 14/65, intercept 11/5).
pub fn build() -> Box<dyn Chapter> {
    Box::new(Pseudoinverse {
        a: DMatrix::from_row_slice(3, 2, &[-2.0, -1.0, 4.0, -1.0, -1.0, -1.0]),
        b: DMatrix::from_column_slice(3, 1, &[-2.0, -8.0, -2.0]),
        p: DMatrix::from_row_slice(6, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0, 3.0, 2.0, 3.0, 5.0, 4.0, 3.0]),
        view: VIEWS[0].0,
    })
}

/// A⁺ as numpy's `pinv` computes it (SVD, rcond 1e-15), or why it cannot be shown.
pub fn pinv(a: &DMatrix<f64>) -> Result<DMatrix<f64>, String> {
    svd(a).and_then(|s| s.pseudo_inverse(PINV_RCOND)).map_err(|e| e.to_string())
}

/// The least-squares line y ≈ slope·x + intercept through the rows (x, y) of `p`, from the
/// pseudoinverse of X = [x | 1]; `Err` when the line is not unique (all x equal).
pub fn fit_line(p: &DMatrix<f64>) -> Result<(f64, f64), String> {
    if p.ncols() != 2 || p.nrows() == 0 {
        return Err("the points need two coordinates each".into());
    }
    let x = DMatrix::from_fn(p.nrows(), 2, |r, c| if c == 0 { p[(r, 0)] } else { 1.0 });
    let s = svd(&x).map_err(|e| e.to_string())?;
    let all_equal = (1..p.nrows()).all(|r| p[(r, 0)] == p[(0, 0)]);
    if s.rank() < 2 && !all_equal {
        return Err("the x values are so large compared with their spread that slope and intercept cannot be told apart in 64-bit floats (numerically rank-deficient)".into());
    }
    if s.rank() < 2 {
        return Err(format!(
            "all points have the same x = {}: no single line y = ax + b fits best (the best fit is the vertical line x = {})",
            display_number(p[(0, 0)]),
            display_number(p[(0, 0)])
        ));
    }
    let y = p.column(1).into_owned();
    let coef = s.pseudo_inverse(PINV_RCOND).map_err(|e| e.to_string())? * y;
    let (slope, intercept) = (coef[0], coef[1]);
    if slope.is_finite() && intercept.is_finite() {
        Ok((slope, intercept))
    } else {
        Err("the result is too large for a 64-bit float (overflow)".into())
    }
}

impl Pseudoinverse {
    fn points(&self) -> Vec<World> {
        self.p.row_iter().map(|r| World::new(r[0], r[1])).collect()
    }

    fn residual_sum_of_squares(&self, slope: f64, intercept: f64) -> f64 {
        self.points().iter().map(|q| (q.y - (slope * q.x + intercept)).powi(2)).sum()
    }

    /// The lines a_i·x = b_i of the system (A is m×2 and b has m entries), as (normal, offset).
    fn lines(&self) -> Option<Vec<(World, f64)>> {
        (self.a.ncols() == 2 && self.b.len() == self.a.nrows())
            .then(|| (0..self.a.nrows()).map(|i| (World::new(self.a[(i, 0)], self.a[(i, 1)]), self.b[i])).collect())
    }

    /// The least-squares solution A⁺b, when b fits A.
    fn solution(&self) -> Option<Result<DMatrix<f64>, String>> {
        (self.b.len() == self.a.nrows()).then(|| pinv(&self.a).map(|p| p * &self.b))
    }

    /// A⁺b after scaling each row of A (and its bᵢ) to unit length, so that every equation's error is
    /// the distance to its line: for three lines, the triangle's symmedian (Lemoine) point.
    fn normalized_solution(&self) -> Result<DMatrix<f64>, String> {
        if self.b.len() != self.a.nrows() {
            return Err(format!("b has {} entries but A has {} rows", self.b.len(), self.a.nrows()));
        }
        let mut a = self.a.clone();
        let mut b = self.b.clone();
        for r in 0..a.nrows() {
            let scale = a.row(r).amax();
            let norm = (a.row(r) / scale.max(f64::MIN_POSITIVE)).norm() * scale;
            if norm == 0.0 || !norm.is_finite() {
                return Err(format!("row {} of A is zero: its equation has no line to measure a distance to", r + 1));
            }
            a.row_mut(r).unscale_mut(norm);
            b[r] /= norm;
        }
        pinv(&a).map(|p| p * b)
    }

    fn fit_scene(&self, scene: &mut Scene) {
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        let points = self.points();
        match fit_line(&self.p) {
            Ok((slope, intercept)) => {
                scene.push(Shape::Line {
                    through: World::new(0.0, intercept),
                    direction: World::new(1.0, slope),
                    stroke: Stroke::solid(Role::Image, 2.5),
                    label: Some(format!("y = {}x + {}", display_number(slope), display_number(intercept)).replace("+ −", "− ")),
                });
                for q in &points {
                    let on_line = World::new(q.x, slope * q.x + intercept);
                    scene.push(Shape::Polyline { points: vec![*q, on_line], stroke: Stroke::dotted(Role::Image, 1.5) });
                }
            }
            Err(_) => {
                if let Some(q) = points.first() {
                    scene.push(Shape::Label {
                        at: World::new(q.x + 0.3, q.y),
                        text: "all x equal: no unique line".into(),
                        role: Role::Image,
                    });
                }
            }
        }
        for q in &points {
            scene.push(Shape::Dot { at: *q, role: Role::Data, radius: 5.0 });
        }
    }

    fn lines_scene(&self, scene: &mut Scene) -> Option<()> {
        let lines = self.lines()?;
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
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
        if let Some(Ok(x)) = self.solution() {
            let at = World::new(x[0], x[1]);
            if at.x.is_finite() && at.y.is_finite() {
                scene.push(Shape::Dot { at, role: Role::Image, radius: 6.0 });
                // Fewer independent equations than unknowns: many solutions, and A⁺b is the one
                // nearest the origin, at the foot of the perpendicular.
                let many = svd(&self.a).is_ok_and(|s| s.rank() < self.a.ncols());
                if many {
                    scene.push(Shape::Polyline { points: vec![World::new(0.0, 0.0), at], stroke: Stroke::dotted(Role::Image, 1.5) });
                }
                let text = if many { "A⁺b: the shortest x" } else { "A⁺b" };
                scene.push(Shape::Label { at: at + World::new(0.12, 0.12), text: text.into(), role: Role::Image });
            }
        }
        if let (Ok(x), true) = (self.normalized_solution(), lines.len() == 3) {
            let at = World::new(x[0], x[1]);
            if at.x.is_finite() && at.y.is_finite() {
                scene.push(Shape::Dot { at, role: Role::Ghost, radius: 4.0 });
                scene.push(Shape::Label { at: at + World::new(0.12, -0.25), text: "rows normalised".into(), role: Role::Ghost });
            }
        }
        Some(())
    }
}

impl Chapter for Pseudoinverse {
    fn explanation(&self) -> &'static str {
        include_str!("pseudoinverse.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "b", kind: InputKind::Vector, value: self.b.clone() },
            Input { name: "P", kind: InputKind::Matrix, value: self.p.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" => self.a = value,
            "b" if value.ncols() == 1 => self.b = value,
            "b" => return Err("a vector is one row of entries separated by commas".into()),
            "P" if value.ncols() == 2 => self.p = value,
            "P" => return Err(format!("points are rows (x, y) with 2 coordinates, but these have {}", value.ncols())),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name != "view" {
            return Err(format!("this page has no choice called {name}"));
        }
        let known = pick_option(VIEWS, value)?;
        self.view = known;
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() {
            return Vec::new();
        }
        if self.view == "fit" {
            return self
                .points()
                .into_iter()
                .enumerate()
                .map(|(i, at)| Handle {
                    name: format!("P:{i}"),
                    at,
                    role: Role::Data,
                    label: format!("point {} = {} (Delete removes it)", i + 1, display_tuple(&[at.x, at.y])),
                })
                .collect();
        }
        // In the lines view, each line has a handle at its point nearest the origin; dragging it
        // slides the line sideways (changes bᵢ).
        self.lines()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter(|(_, (n, _))| n.norm_squared() > 0.0)
            .map(|(i, (n, offset))| {
                let at = n * (offset / n.norm_squared());
                Handle {
                    name: format!("b:{i}"),
                    at,
                    role: Role::Second,
                    label: format!("line {}: b{} = {}", i + 1, i + 1, display_number(offset)),
                }
            })
            .collect()
    }

    fn place(&mut self, at: World) -> bool {
        if self.view != "fit" || self.p.nrows() >= MAX_ROWS || !(at.x.is_finite() && at.y.is_finite()) {
            return false;
        }
        let n = self.p.nrows();
        let mut p = self.p.clone().resize_vertically(n + 1, 0.0);
        p[(n, 0)] = at.x;
        p[(n, 1)] = at.y;
        self.p = p;
        true
    }

    fn remove_handle(&mut self, name: &str) -> bool {
        let Some(i) = name.strip_prefix("P:").and_then(|i| i.parse::<usize>().ok()) else { return false };
        if self.view != "fit" || i >= self.p.nrows() || self.p.nrows() <= 1 {
            return false;
        }
        self.p = self.p.clone().remove_row(i);
        true
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        if !(to.x.is_finite() && to.y.is_finite()) {
            return false;
        }
        let Some((kind, index)) = name.split_once(':') else { return false };
        let Ok(i) = index.parse::<usize>() else { return false };
        match kind {
            "P" if i < self.p.nrows() => {
                let changed = self.p[(i, 0)] != to.x || self.p[(i, 1)] != to.y;
                self.p[(i, 0)] = to.x;
                self.p[(i, 1)] = to.y;
                changed
            }
            "b" if i < self.b.len() && i < self.a.nrows() && self.a.ncols() == 2 => {
                let value = self.a[(i, 0)] * to.x + self.a[(i, 1)] * to.y;
                let changed = value.is_finite() && value != self.b[i];
                if changed {
                    self.b[i] = value;
                }
                changed
            }
            _ => false,
        }
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        match pinv(&self.a) {
            Ok(p) => {
                out.push(matrix_readout(
                    "pinv",
                    "A⁺",
                    &p,
                    format!("{}: V·D⁺·Uᵀ, inverting only the non-zero singular values (numpy's rcond 1e-15)", display_shape(&p)),
                ));
                let pa = &p * &self.a;
                let ap = &self.a * &p;
                let identity_n = (&pa - DMatrix::identity(pa.nrows(), pa.ncols())).amax() < 1e-9;
                let identity_m = (&ap - DMatrix::identity(ap.nrows(), ap.ncols())).amax() < 1e-9;
                out.push(matrix_readout(
                    "pinv_A_A",
                    "A⁺A",
                    &pa,
                    if identity_n {
                        "the identity (to 1e-9): the columns of A are independent"
                    } else {
                        "not the identity: A has dependent columns (a projection)"
                    },
                ));
                out.push(matrix_readout(
                    "A_pinv",
                    "AA⁺",
                    &ap,
                    if identity_m {
                        "the identity (to 1e-9): the rows of A are independent"
                    } else {
                        "not the identity: the projection onto the column space of A"
                    },
                ));
                out.push(matrix_readout("A_pinv_A", "AA⁺A", &(&ap * &self.a), "equals A: the first Penrose condition"));
                if let Ok(s) = svd(&self.a) {
                    out.push(vector_readout(
                        "singular_values",
                        "σ (diagonal of D)",
                        &DMatrix::from_column_slice(s.singular_values.len(), 1, s.singular_values.as_slice()),
                        "A = U·D·Vᵀ; D⁺ holds 1/σ for each σ above the cut-off and 0 for the rest",
                    ));
                    out.push(Readout::new(
                        "rank",
                        "rank A",
                        Value::Number(s.rank() as f64),
                        "non-zero singular values; D⁺ inverts exactly these",
                    ));
                }
            }
            Err(why) => {
                for (name, label) in [
                    ("pinv", "A⁺"),
                    ("pinv_A_A", "A⁺A"),
                    ("A_pinv", "AA⁺"),
                    ("A_pinv_A", "AA⁺A"),
                    ("singular_values", "σ (diagonal of D)"),
                    ("rank", "rank A"),
                ] {
                    out.push(Readout::missing(name, label, why.clone()));
                }
            }
        }
        match self.solution() {
            Some(Ok(x)) => {
                out.push(vector_readout("solution", "x = A⁺b", &x, "the least-squares solution of minimum length"));
                let r = &self.a * &x - &self.b;
                out.push(number_readout("residual_norm", "‖Ax − b‖", r.norm(), "0 when b is reachable; otherwise the smallest possible"));
            }
            Some(Err(why)) => {
                out.push(Readout::missing("solution", "x = A⁺b", why.clone()));
                out.push(Readout::missing("residual_norm", "‖Ax − b‖", why));
            }
            None => {
                let why = format!("b has {} entries but A has {} rows", self.b.len(), self.a.nrows());
                out.push(Readout::missing("solution", "x = A⁺b", why.clone()));
                out.push(Readout::missing("residual_norm", "‖Ax − b‖", why));
            }
        }
        out.push(match self.normalized_solution() {
            Ok(x) => vector_readout(
                "normalized_solution",
                "A⁺b, unit rows",
                &x,
                if self.a.nrows() == 3 && self.a.ncols() == 2 {
                    "each row scaled to length 1: minimises the squared distances to the lines; for a triangle, its symmedian (Lemoine) point"
                } else {
                    "each row scaled to length 1 first: minimises the squared distances to the hyperplanes"
                },
            ),
            Err(why) => Readout::missing("normalized_solution", "A⁺b, unit rows", why),
        });
        match fit_line(&self.p) {
            Ok((slope, intercept)) => {
                out.push(Readout::new(
                    "fit",
                    "[slope, intercept]",
                    Value::Vector(vec![slope, intercept]),
                    format!("y = {}·x + {}: the pseudoinverse of [x | 1] applied to y", display_number(slope), display_number(intercept)),
                ));
                out.push(number_readout(
                    "residual_sum_of_squares",
                    "Σ residual²",
                    self.residual_sum_of_squares(slope, intercept),
                    "the sum of the squared vertical distances; no other line has a smaller one",
                ));
            }
            Err(why) => {
                out.push(Readout::missing("fit", "[slope, intercept]", why.clone()));
                out.push(Readout::missing("residual_sum_of_squares", "Σ residual²", why));
            }
        }
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.push(Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())));
        out.push(Readout::new("P", "P", Value::matrix(&self.p), format!("{} points", self.p.nrows())));
        out
    }

    fn scene(&self, _timeline: &Timeline) -> Scene {
        let mut scene = Scene::default();
        if self.view == "fit" {
            self.fit_scene(&mut scene);
        } else if self.lines_scene(&mut scene).is_none() {
            return Scene::default();
        }
        scene.shapes.insert(1, Shape::Axes);
        scene
    }

    fn figure_note(&self) -> Option<String> {
        (self.view == "lines" && self.lines().is_none()).then(|| {
            format!(
                "The three-lines view draws each row of a two-column A as a line aᵢ·x = bᵢ; now A is {} and b has {} entries. The numbers below are still exact.",
                display_shape(&self.a),
                self.b.len()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = Vec::new();
        if self.view == "fit" {
            points = self.points();
        } else if let Some(lines) = self.lines() {
            // Where pairs of lines cross (the triangle of the seed), and the least-squares point.
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
            if let Some(Ok(x)) = self.solution() {
                points.push(World::new(x[0], x[1]));
            }
        }
        let points: Vec<World> = points.into_iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
        let (lo, hi) = bounds(&points);
        // A margin so dots and labels at the edge stay inside (smaller for the lines, so the view
        // centres on the triangle rather than on the origin).
        let margin = if self.view == "fit" { 1.0 } else { 0.5 };
        (lo - World::new(margin, margin), hi + World::new(margin, margin))
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line(
            "A_pinv = np.linalg.pinv(A)  # V @ D⁺ @ U.T",
            "A_pinv = torch.linalg.pinv(A)",
            "let svd = a.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet cutoff = 1e-15 * svd.singular_values.max(); // numpy's rcond, relative to σ₁\nlet a_pinv = svd.pseudo_inverse(cutoff).unwrap();",
        );
        if self.b.len() == self.a.nrows() {
            code.line("x = A_pinv @ b  # the same as np.linalg.lstsq(A, b, rcond=None)[0]", "x = A_pinv @ b", "let x_ls = &a_pinv * &b;");
        }
        code.line(
            "X = np.column_stack([P[:, 0], np.ones(len(P))])  # [x | 1]\nslope, intercept = np.linalg.pinv(X) @ P[:, 1]  # np.polyfit(P[:, 0], P[:, 1], 1) agrees",
            "X = torch.column_stack([P[:, 0], torch.ones(len(P), dtype=torch.float64)])\nslope, intercept = torch.linalg.pinv(X) @ P[:, 1]",
            "let x = DMatrix::from_fn(p.nrows(), 2, |r, c| if c == 0 { p[(r, 0)] } else { 1.0 });\nlet svd_x = x.try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet cutoff_x = 1e-15 * svd_x.singular_values.max();\nlet coef = svd_x.pseudo_inverse(cutoff_x).unwrap() * p.column(1); // [slope, intercept]",
        );
        code
    }

    fn summary(&self) -> String {
        if self.view == "lines" {
            return match self.solution() {
                Some(Ok(x)) if x.len() == 2 => {
                    let at = display_tuple(&[x[0], x[1]]);
                    let residual = (&self.a * &x - &self.b).norm();
                    let exact = residual <= 1e-9 * (self.a.norm() * x.norm() + self.b.norm());
                    let many = svd(&self.a).is_ok_and(|s| s.rank() < 2);
                    match (exact, many) {
                        (true, true) => {
                            format!("Every point of the line solves the system; A⁺b = {at} is the solution nearest the origin.")
                        }
                        (true, false) => format!("The lines meet in one point, A⁺b = {at}: the exact solution."),
                        (false, _) => {
                            format!("The lines have no common point; A⁺b = {at} is the point whose residual ‖Ax − b‖ is smallest.")
                        }
                    }
                }
                _ => "The three-lines view needs a two-column A and a b with one entry per row.".into(),
            };
        }
        match fit_line(&self.p) {
            Ok((slope, intercept)) => format!(
                "The least-squares line through the {} points is y = {}·x + {}; the sum of squared residuals is {}.",
                self.p.nrows(),
                display_number(slope),
                display_number(intercept),
                display_number(self.residual_sum_of_squares(slope, intercept))
            ),
            Err(why) => format!("No line: {why}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{open, readout};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("pseudoinverse", params)
    }

    fn numbers(chapter: &dyn Chapter, name: &str) -> Vec<f64> {
        match readout(chapter, name).value {
            Value::Vector(v) => v,
            Value::Matrix(rows) => rows.concat(),
            Value::Number(x) => vec![x],
            other => panic!("{name} = {other:?}"),
        }
    }

    fn near(got: &[f64], want: &[f64], tol: f64) -> bool {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol * w.abs().max(1.0))
    }

    #[test]
    fn a_click_adds_a_point_and_delete_removes_one_in_the_fit_view_only() {
        let mut c = build();
        assert!(c.place(World::new(5.0, 5.0)));
        assert_eq!(numbers(c.as_ref(), "P").len(), 14);
        assert_eq!(numbers(c.as_ref(), "P")[12..], [5.0, 5.0]);
        assert!(c.handles().iter().any(|h| h.name == "P:6"));
        assert!(c.remove_handle("P:0"));
        assert_eq!(numbers(c.as_ref(), "P")[..2], [1.0, 4.0]);
        assert!(!c.remove_handle("P:99") && !c.remove_handle("b:0") && !c.remove_handle("P:x"));
        assert!(!c.place(World::new(f64::NAN, 0.0)));
        // The last point stays: a fit needs something to fit.
        let mut one = page(&[("P", "1,2")]);
        assert!(!one.remove_handle("P:0"));
        // 64 points is the most a link can carry.
        let many = (0..MAX_ROWS).map(|i| format!("{i},1")).collect::<Vec<_>>().join(";");
        assert!(!page(&[("P", &many)]).place(World::new(0.0, 0.0)));
        let mut lines = page(&[("view", "lines")]);
        assert!(!lines.place(World::new(1.0, 1.0)) && !lines.remove_handle("P:0"));
    }

    #[test]
    fn one_equation_in_two_unknowns_shows_the_shortest_solution() {
        let c = page(&[("A", "1,2"), ("b", "5"), ("view", "lines")]);
        assert!(near(&numbers(c.as_ref(), "solution"), &[1.0, 2.0], 1e-12));
        assert!(near(&numbers(c.as_ref(), "singular_values"), &[5f64.sqrt()], 1e-12));
        let scene = c.scene(&Timeline::new(0));
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b: the shortest x")));
        assert!(c.summary().contains("nearest the origin"), "{}", c.summary());
        assert!(page(&[("A", "1,0;0,1"), ("b", "1,2"), ("view", "lines")]).summary().contains("meet in one point"));
        let seed = page(&[("view", "lines")]).scene(&Timeline::new(0));
        assert!(page(&[("view", "lines")]).summary().contains("no common point"));
        assert!(seed.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b")));
    }

    #[test]
    fn the_seeds_line_fit_and_three_lines() {
        let c = build();
        assert!(near(&numbers(c.as_ref(), "fit"), &[14.0 / 65.0, 11.0 / 5.0], 1e-14), "{:?}", numbers(c.as_ref(), "fit"));
        // A⁺ = [[−0.1129, 0.1774, −0.0645], [−0.3710, −0.2742, −0.3548]] and A⁺b = (−33/31, 113/31).
        assert!(near(&numbers(c.as_ref(), "pinv"), &[-0.1129, 0.1774, -0.0645, -0.3710, -0.2742, -0.3548], 1e-3));
        assert!(near(&numbers(c.as_ref(), "solution"), &[-33.0 / 31.0, 113.0 / 31.0], 1e-14));
        // The seed's symmedian claim holds only after normalising the rows: (−1.0374, 3.3738).
        assert!(
            near(&numbers(c.as_ref(), "normalized_solution"), &[-1.0374, 3.3738], 1e-4),
            "{:?}",
            numbers(c.as_ref(), "normalized_solution")
        );
        assert!(near(&numbers(c.as_ref(), "pinv_A_A"), &[1.0, 0.0, 0.0, 1.0], 1e-14));
        assert!(readout(c.as_ref(), "A_pinv").note.contains("projection"));
        assert!(near(&numbers(c.as_ref(), "A_pinv_A"), &[-2.0, -1.0, 4.0, -1.0, -1.0, -1.0], 1e-14));
        let rss = numbers(c.as_ref(), "residual_sum_of_squares")[0];
        let want: f64 = [(0.0_f64, 2.0_f64), (1.0, 4.0), (2.0, 0.0), (3.0, 2.0), (3.0, 5.0), (4.0, 3.0)]
            .iter()
            .map(|(x, y)| (y - (14.0 / 65.0 * x + 2.2)).powi(2))
            .sum();
        assert!((rss - want).abs() < 1e-12);
        assert_eq!(c.handles()[0].name, "P:0");
    }

    #[test]
    fn the_seeds_tall_matrix_and_rank_deficient_ones() {
        let c = page(&[("A", "7,2;3,4;5,3"), ("b", "1,1,1")]);
        assert!(near(&numbers(c.as_ref(), "pinv"), &[0.1667, -0.1061, 0.0303, -0.1667, 0.2879, 0.0606], 1e-3));
        let c = page(&[("A", "1,2;2,4")]);
        assert_eq!(numbers(c.as_ref(), "rank"), vec![1.0]);
        // pinv of a rank-one matrix: Aᵀ / ‖A‖²_F = [[1, 2], [2, 4]] / 25.
        assert!(near(&numbers(c.as_ref(), "pinv"), &[0.04, 0.08, 0.08, 0.16], 1e-14));
        assert!(readout(c.as_ref(), "pinv_A_A").note.contains("dependent"));
        let solution = readout(c.as_ref(), "solution");
        assert!(solution.note.contains("b has 3 entries"), "{}", solution.note);
        let z = page(&[("A", "0,0;0,0")]);
        assert_eq!(numbers(z.as_ref(), "pinv"), vec![0.0; 4]);
        for (text, s) in [("1e200,0;0,2e200", 1e200), ("1e-200,0;0,2e-200", 1e-200)] {
            let c = page(&[("A", text)]);
            assert!(near(&numbers(c.as_ref(), "pinv").iter().map(|x| x * s).collect::<Vec<_>>(), &[1.0, 0.0, 0.0, 0.5], 1e-14));
        }
        // 1e-300 is below rcond·σ_max = 1e-15, so numpy (and this page) treat it as 0.
        let c = page(&[("A", "1e-300,0;0,1")]);
        assert_eq!(numbers(c.as_ref(), "pinv"), vec![0.0, 0.0, 0.0, 1.0]);
        // 1/1e-310 does not fit in a float: null with the reason.
        let c = page(&[("A", "1e-310,0;0,1e-310")]);
        let p = readout(c.as_ref(), "pinv");
        assert_eq!(p.value, Value::Null);
        assert!(p.note.contains("overflow"), "{}", p.note);
    }

    #[test]
    fn a_vertical_cloud_has_no_fit_and_p_must_have_two_columns() {
        let c = page(&[("P", "2,1;2,5;2,3")]);
        let fit = readout(c.as_ref(), "fit");
        assert_eq!(fit.value, Value::Null);
        assert!(fit.note.contains("same x = 2"), "{}", fit.note);
        assert!(c.summary().starts_with("No line"));
        let single = page(&[("P", "1,1")]);
        assert_eq!(readout(single.as_ref(), "fit").value, Value::Null);
        let two = page(&[("P", "0,1;2,5")]);
        assert!(near(&numbers(two.as_ref(), "fit"), &[2.0, 1.0], 1e-14));
        assert!(numbers(two.as_ref(), "residual_sum_of_squares")[0] < 1e-24);
        let mut c = build();
        assert!(c.set_input("P", DMatrix::zeros(3, 3)).unwrap_err().contains("2 coordinates"));
        assert!(c.set_input("b", DMatrix::zeros(2, 2)).is_err());
    }

    #[test]
    fn dragging_a_point_refits_and_lines_slide() {
        let mut c = build();
        let before = numbers(c.as_ref(), "fit");
        assert!(c.move_handle("P:0", World::new(0.0, 5.0)));
        assert_ne!(numbers(c.as_ref(), "fit"), before);
        assert_eq!(numbers(c.as_ref(), "P")[..2], [0.0, 5.0]);
        assert!(!c.move_handle("P:9", World::new(0.0, 5.0)));
        assert!(!c.move_handle("P:0", World::new(f64::NAN, 5.0)));
        c.set_choice("view", "lines").unwrap();
        let handles = c.handles();
        assert_eq!(handles.len(), 3);
        assert_eq!(handles[0].name, "b:0");
        // Row 1 is −2x₁ − x₂ = −2; moving its handle to (1, 1) makes b₁ = −3.
        assert!(c.move_handle("b:0", World::new(1.0, 1.0)));
        assert_eq!(numbers(c.as_ref(), "b"), vec![-3.0, -8.0, -2.0]);
        let lines = c.scene(&Timeline::new(0)).shapes.into_iter().filter(|s| matches!(s, Shape::Line { .. })).count();
        assert_eq!(lines, 3);
        assert!(c.set_choice("view", "nope").is_err());
    }

    #[test]
    fn the_fit_scene_draws_residuals_to_the_line() {
        let c = build();
        let scene = c.scene(&Timeline::new(0));
        let residuals: Vec<Vec<World>> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polyline { points, .. } => Some(points.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(residuals.len(), 6);
        assert_eq!(residuals[0][0], World::new(0.0, 2.0));
        assert!((residuals[0][1].y - 2.2).abs() < 1e-12);
        assert_eq!(scene.shapes.iter().filter(|s| matches!(s, Shape::Dot { role: Role::Data, .. })).count(), 6);
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
        fn readouts_are_finite_or_null_at_any_size_and_scale(rows in 1usize..=6, cols in 1usize..=6, exp in -300i32..300, lines in proptest::bool::ANY,
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 36)) {
            let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
            let p = DMatrix::from_fn(rows, 2, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
            let b = DMatrix::from_fn(rows, 1, |r, _| entries[35 - r]);
            let c = Pseudoinverse { a, b, p, view: if lines { "lines" } else { "fit" } };
            for r in c.readouts() {
                prop_assert!(all_finite(&r.value), "{} = {:?}", r.name, r.value);
                prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
            }
            let _ = (c.scene(&Timeline::new(0)), c.summary(), c.code(), c.handles(), c.content_bounds());
        }

        #[test]
        fn the_fit_is_least_squares(points in proptest::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 2..12), dx in -1.0f64..1.0, db in -1.0f64..1.0) {
            let p = DMatrix::from_fn(points.len(), 2, |r, c| if c == 0 { points[r].0 } else { points[r].1 });
            let c = Pseudoinverse { p: p.clone(), ..*build_state() };
            if let Ok((a, b)) = fit_line(&p) {
                let rss = c.residual_sum_of_squares(a, b);
                // Any other line does no better; the residuals sum to zero and are orthogonal to x.
                prop_assert!(c.residual_sum_of_squares(a + dx * 1e-3, b + db * 1e-3) >= rss - 1e-9 * rss.max(1.0));
                let r: Vec<f64> = (0..p.nrows()).map(|i| p[(i, 1)] - a * p[(i, 0)] - b).collect();
                let scale = p.amax().max(1.0).powi(2) * p.nrows() as f64;
                prop_assert!(r.iter().sum::<f64>().abs() <= 1e-9 * scale);
                prop_assert!(r.iter().enumerate().map(|(i, e)| e * p[(i, 0)]).sum::<f64>().abs() <= 1e-9 * scale);
            } else {
                prop_assert!((0..p.nrows()).all(|i| (p[(i, 0)] - p[(0, 0)]).abs() <= 1e-9 * p.amax().max(1.0)));
            }
        }
    }

    fn build_state() -> Box<Pseudoinverse> {
        Box::new(Pseudoinverse {
            a: DMatrix::from_row_slice(3, 2, &[-2.0, -1.0, 4.0, -1.0, -1.0, -1.0]),
            b: DMatrix::from_column_slice(3, 1, &[-2.0, -8.0, -2.0]),
            p: DMatrix::zeros(1, 2),
            view: "fit",
        })
    }
}
