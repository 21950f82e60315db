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
        code.line(
            "A_pinv = np.linalg.pinv(A)  # V @ D⁺ @ U.T\nsingular_values = np.linalg.svd(A, compute_uv=False)  # the diagonal of D\nrank = np.linalg.matrix_rank(A)  # how many σ D⁺ inverts",
            "A_pinv = torch.linalg.pinv(A)  # V @ D⁺ @ U.T\nsingular_values = torch.linalg.svdvals(A)  # the diagonal of D\nrank = torch.linalg.matrix_rank(A)  # how many σ D⁺ inverts",
            "let svd = a.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet cutoff = 1e-15 * svd.singular_values.max(); // numpy's rcond, relative to σ₁\nlet a_pinv = svd.pseudo_inverse(cutoff).unwrap();\nlet singular_values = &svd.singular_values; // the diagonal of D (nalgebra does not sort them)",
        );
        let mut printed =
            vec![("pinv", "A_pinv", "a_pinv"), ("pinv_A_A", "A_pinv @ A", "&a_pinv * &a"), ("A_pinv", "A @ A_pinv", "&a * &a_pinv")];
        printed.extend([("A_pinv_A", "A @ A_pinv @ A", "&a * &a_pinv * &a"), ("singular_values", "singular_values", "singular_values")]);
        printed.push(("rank", "rank", "svd.rank(cutoff)"));
        if self.b.len() == self.a.nrows() {
            code.line(
                "x = A_pinv @ b  # the same as np.linalg.lstsq(A, b, rcond=None)[0]\nresidual_norm = np.linalg.norm(A @ x - b)",
                "x = A_pinv @ b\nresidual_norm = torch.linalg.norm(A @ x - b)",
                "let x_ls = &a_pinv * &b;\nlet residual_norm = (&a * &x_ls - &b).norm();",
            );
            printed.extend([("solution", "x", "x_ls"), ("residual_norm", "residual_norm", "residual_norm")]);
        }
        if self.normalized_solution().is_ok() {
            code.line(
                "lengths = np.linalg.norm(A, axis=1)  # each row scaled to length 1, with its b\nnormalized_solution = np.linalg.pinv(A / lengths[:, None]) @ (b / lengths)",
                "lengths = torch.linalg.norm(A, dim=1)  # each row scaled to length 1, with its b\nnormalized_solution = torch.linalg.pinv(A / lengths[:, None]) @ (b / lengths)",
                "let lengths: Vec<f64> = a.row_iter().map(|r| r.norm()).collect();\nlet an = DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)] / lengths[i]);\nlet bn = DVector::from_fn(b.len(), |i, _| b[i] / lengths[i]);\nlet svd_n = an.try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet normalized_solution = svd_n.pseudo_inverse(1e-15 * svd_n.singular_values.max()).unwrap() * bn;",
            );
            printed.push(("normalized_solution", "normalized_solution", "normalized_solution"));
        }
        let (numpy, torch) = if self.fit().is_ok() {
            ("", "")
        } else {
            (
                "\n# All x are equal (to rounding): X has rank 1 and no line fits best; the page shows none.",
                "\n# All x are equal (to rounding): X has rank 1 and no line fits best; the page shows none.",
            )
        };
        code.line(
            &format!("X = np.column_stack([P[:, 0], np.ones(len(P))])  # [x | 1]\nslope, intercept = np.linalg.pinv(X) @ P[:, 1]  # np.polyfit(P[:, 0], P[:, 1], 1) agrees\nfit = np.array([slope, intercept])\nresidual_sum_of_squares = ((P[:, 1] - (slope * P[:, 0] + intercept)) ** 2).sum(){numpy}"),
            &format!("X = torch.column_stack([P[:, 0], torch.ones(len(P), dtype=torch.float64)])\nslope, intercept = torch.linalg.pinv(X) @ P[:, 1]\nfit = torch.stack([slope, intercept])\nresidual_sum_of_squares = ((P[:, 1] - (slope * P[:, 0] + intercept)) ** 2).sum(){torch}"),
            "let x = DMatrix::from_fn(p.nrows(), 2, |r, c| if c == 0 { p[(r, 0)] } else { 1.0 });\nlet svd_x = x.try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet cutoff_x = 1e-15 * svd_x.singular_values.max();\nlet fit = svd_x.pseudo_inverse(cutoff_x).unwrap() * p.column(1); // [slope, intercept]\nlet residual_sum_of_squares: f64 = p.row_iter().map(|r| (r[1] - (fit[0] * r[0] + fit[1])).powi(2)).sum();",
        );
        printed.extend([("fit", "fit", "fit"), ("residual_sum_of_squares", "residual_sum_of_squares", "residual_sum_of_squares")]);
        let python: Vec<String> = printed.iter().map(|(name, value, _)| format!("print(\"{name}\", {value})")).collect();
        let rust: Vec<String> = printed.iter().map(|(name, _, value)| format!("println!(\"{name} {{:?}}\", {value});")).collect();
        code.line(&python.join("\n"), &python.join("\n"), &rust.join("\n"));
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
