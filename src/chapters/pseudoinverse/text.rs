//! The pseudoinverse page's words: the code that reproduces it and the spoken summary.

use super::{Pseudoinverse, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_tuple};
use crate::math::svd::svd;

impl Describe for Pseudoinverse {
    /// numpy / PyTorch / nalgebra for A⁺, A⁺b and the line fit through P.
    fn code(&self) -> Code {
        let mut code = Code::declare(Pseudoinverse::INPUTS, self);
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

    /// The figure in words: where the lines meet (or come closest), or the fitted line.
    fn summary(&self) -> String {
        match self.view {
            View::Lines => lines_summary(self),
            View::Fit => match self.fit() {
                Ok((slope, intercept)) => format!(
                    "The least-squares line through the {} points is y = {}·x + {}; the sum of squared residuals is {}.",
                    self.p.nrows(),
                    display_number(slope),
                    display_number(intercept),
                    display_number(self.residual_sum_of_squares(slope, intercept))
                ),
                Err(why) => format!("No line: {why}."),
            },
        }
    }
}

fn lines_summary(c: &Pseudoinverse) -> String {
    match c.solution() {
        Some(Ok(x)) if x.len() == 2 => {
            let at = display_tuple(&[x[0], x[1]]);
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
