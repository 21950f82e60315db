//! The pseudoinverse page's words: the code that reproduces it and the spoken summary.

use super::{Pseudoinverse, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::display_at_scale;
use crate::math::svd::svd;

impl Describe for Pseudoinverse {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for A⁺ (with the products and the singular values behind it), A⁺b and
    /// the line fit through P, printing every number the page reads out.
    fn code(&self) -> Code {
        let mut code = Code::declare(Pseudoinverse::INPUTS, self);
        let least_squares = self.b.len() == self.a.nrows();
        let normalized = self.normalized_solution().is_ok();
        let snippets = [
            ("pinv", true),
            ("least_squares", least_squares),
            ("normalized", normalized),
            ("fit", true),
            ("no_fit", self.fit().is_err()),
            ("print_pinv", true),
            ("print_least_squares", least_squares),
            ("print_normalized", normalized),
            ("print_fit", true),
        ];
        for (key, _) in snippets.iter().filter(|(_, shown)| *shown) {
            code.snippet(key, &[]);
        }
        code
    }

    /// The figure in words: where the lines meet (or come closest), or the fitted line.
    fn summary(&self) -> String {
        match self.view {
            View::Lines => lines_summary(self),
            View::Fit => match self.fit() {
                Ok((slope, intercept)) => format!(
                    "The least-squares line through the {} points is {}; the sum of squared residuals is {}.",
                    self.p.nrows(),
                    self.line_equation(slope, intercept),
                    self.residuals_in_words(slope, intercept)
                ),
                Err(why) => format!("No line: {why}."),
            },
        }
    }
}

fn lines_summary(c: &Pseudoinverse) -> String {
    match c.solution() {
        Some(Ok(x)) if x.len() == 2 => {
            let scale = x[0].abs().max(x[1].abs());
            let at = format!("({}, {})", display_at_scale(x[0], scale), display_at_scale(x[1], scale));
            let residual = (&c.a * &x - &c.b).norm();
            let exact = residual <= 1e-9 * (c.a.norm() * x.norm() + c.b.norm());
            let many = svd(&c.a).is_ok_and(|s| s.rank() < 2);
            match (exact, many) {
                (true, true) => format!("Every point of the line solves the system; A⁺b = {at} is the solution nearest the origin."),
                (true, false) => format!("The lines meet in one point, A⁺b = {at}: the exact solution."),
                (false, _) => format!("The lines have no common point; A⁺b = {at} is the point whose residual ‖Ax − b‖ is smallest."),
            }
        }
        _ => "The three-lines view needs a two-column A and a b with one entry per row.".into(),
    }
}
