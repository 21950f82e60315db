//! 2.9 The Moore–Penrose pseudoinverse: A⁺ = V·D⁺·Uᵀ, least squares x = A⁺b, and fitting a line
//! through data points as the overdetermined system [x | 1]·(slope, intercept) ≈ y. The numerics are
//! `math::svd` (its `pinv` and `fit_line`).

mod figure;
mod points;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, Handles, InputSpec};
use crate::format::{display_at_scale, display_number};
use crate::math::svd::{fit_line, pinv};
use crate::view::viewport::World;
use nalgebra::DMatrix;

crate::options! {
    /// The figure's views: the line through the points P, or the rows of A·x = b as lines.
    pub enum View {
        /// The least-squares line through P, with the residuals.
        Fit = ("fit", "Line fit"),
        /// The rows of A·x = b as lines, with A⁺b.
        Lines = ("lines", "Three lines"),
    }
}

/// The page state: the system A·x = b, the points P (rows (x, y)) and the figure's view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pseudoinverse {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    p: DMatrix<f64>,
    view: View,
}

fn set_p(s: &mut Pseudoinverse, p: DMatrix<f64>) -> Result<(), ChapterError> {
    if p.ncols() != 2 {
        return Err(format!("points are rows (x, y) with 2 coordinates, but these have {}", p.ncols()).into());
    }
    s.p = p;
    Ok(())
}

impl Pseudoinverse {
    fn points(&self) -> Vec<World> {
        self.p.row_iter().map(|r| World::new(r[0], r[1])).collect()
    }

    fn residual_sum_of_squares(&self, slope: f64, intercept: f64) -> f64 {
        self.points().iter().map(|q| (q.y - (slope * q.x + intercept)).powi(2)).sum()
    }

    /// The least-squares line y ≈ slope·x + intercept through P, or why it is not unique, in words.
    fn fit(&self) -> Result<(f64, f64), String> {
        let (xs, ys): (Vec<f64>, Vec<f64>) = self.points().iter().map(|q| (q.x, q.y)).unzip();
        match fit_line(&xs, &ys) {
            Ok(Some(line)) => Ok(line),
            Ok(None) if xs.iter().all(|x| *x == xs[0]) => Err(format!(
                "all points have the same x = {}: no single line y = ax + b fits best (the best fit is the vertical line x = {})",
                display_number(xs[0]),
                display_number(xs[0])
            )),
            Ok(None) => Err("the x values are so large compared with their spread that slope and intercept cannot be told apart in 64-bit floats (numerically rank-deficient)".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The fitted line in words, `y = 0.2154·x + 2.2`, with a coefficient within rounding of 0 (at the
    /// points' scale) shown as 0.
    fn line_equation(&self, slope: f64, intercept: f64) -> String {
        let points = self.points();
        let x_scale = points.iter().fold(0.0_f64, |m, q| m.max(q.x.abs()));
        let y_scale = points.iter().fold(0.0_f64, |m, q| m.max(q.y.abs()));
        let slope_text = display_at_scale(slope, if x_scale > 0.0 { y_scale / x_scale } else { y_scale });
        let intercept_text = display_at_scale(intercept, y_scale + slope.abs() * x_scale);
        format!("y = {slope_text}·x + {intercept_text}").replace("+ −", "− ")
    }

    /// The sum of squared residuals in words: 0 when it is rounding noise next to Σy².
    fn residuals_in_words(&self, slope: f64, intercept: f64) -> String {
        let scale: f64 = self.points().iter().map(|q| q.y * q.y).sum();
        display_at_scale(self.residual_sum_of_squares(slope, intercept), scale)
    }

    /// The lines a_i·x = b_i of the system (A is m×2 and b has m entries), as (normal, offset).
    fn lines(&self) -> Option<Vec<(World, f64)>> {
        (self.a.ncols() == 2 && self.b.len() == self.a.nrows())
            .then(|| (0..self.a.nrows()).map(|i| (World::new(self.a[(i, 0)], self.a[(i, 1)]), self.b[i])).collect())
    }

    /// The least-squares solution A⁺b, when b fits A.
    fn solution(&self) -> Option<Result<DMatrix<f64>, String>> {
        (self.b.len() == self.a.nrows()).then(|| pinv(&self.a).map(|p| p * &self.b).map_err(|e| e.to_string()))
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
        pinv(&a).map(|p| p * b).map_err(|e| e.to_string())
    }
}

impl Chapter for Pseudoinverse {
    // The notebook's examples: the three lines x₂ = −2x₁ + 2, x₂ = 4x₁ + 8, x₂ = −x₁ + 2 as A·x = b, and
    // its six data points x = 0, 1, 2, 3, 3, 4, y = 2, 4, 0, 2, 5, 3 (slope 14/65, intercept 11/5).
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix("A", "-2,-1;4,-1;-1,-1", |s| Some(&s.a), crate::store!(a)),
        InputSpec::vector("b", "-2,-8,-2", |s| Some(&s.b), crate::store!(b)),
        InputSpec::matrix("P", "0,2;1,4;2,0;3,2;3,5;4,3", |s| Some(&s.p), set_p),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[crate::choice!("view", "Figure", view: View)];
    const PROSE: &'static str = include_str!("prose.html");

    fn handles(&self) -> Handles {
        Handles::Plane(points::handles(self))
    }

    /// Drags move a point of P or slide a line (its bᵢ); in the fit view a click adds a point and
    /// Delete removes one.
    fn act(&mut self, action: Action) -> bool {
        points::act(self, action)
    }
}
