//! The inverse page's words: the code that reproduces it and the spoken summary.

use super::{why, Inverse, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_tuple, vector_entries};

impl Describe for Inverse {
    /// numpy / PyTorch / nalgebra for I, A⁻¹ (or why there is none), solve, cond and det.
    fn code(&self) -> Code {
        let mut code = Code::declare(Inverse::INPUTS, self);
        code.line(
            "np.eye(len(A))  # the identity: I @ x == x",
            "torch.eye(len(A))",
            "let i = DMatrix::<f64>::identity(a.nrows(), a.ncols());",
        );
        let invertible = self.inverse().is_ok();
        if invertible {
            code.line("np.linalg.inv(A)", "torch.linalg.inv(A)", "let inv = a.clone().try_inverse().unwrap();");
            code.line("A @ np.linalg.inv(A)  # ≈ I", "A @ torch.linalg.inv(A)", "let check = &a * &inv;");
        } else {
            code.line(
                "# A is singular: np.linalg.inv(A) raises LinAlgError (or returns huge, meaningless numbers)",
                "# A is singular: torch.linalg.inv(A) raises an error",
                "// A is singular: a.clone().try_inverse() is None (or meaningless when nearly singular)",
            );
        }
        if invertible && self.b_fits() {
            code.line("np.linalg.solve(A, b)  # better than inv(A) @ b", "torch.linalg.solve(A, b)", "let x = a.clone().lu().solve(&b);");
        }
        code.line("np.linalg.cond(A)", "torch.linalg.cond(A)", "let s = a.clone().singular_values(); // cond = s.max() / s.min()");
        code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
        code
    }

    /// Whether A is invertible and what that means for Ax = b in the current view, in one sentence.
    fn summary(&self) -> String {
        if !self.drawn() {
            return match (self.inverse(), self.solution()) {
                (Ok(_), Ok(x)) => format!("A is invertible; Ax = b has the one solution x = {}.", display_tuple(&vector_entries(&x))),
                (Ok(_), Err(_)) => "A is invertible, but b does not have one entry per row of A.".into(),
                (Err(e), _) => format!("No inverse: {}.", why(&e)),
            };
        }
        match (self.plane_solution(), self.b_reachable()) {
            (Some(x), _) if self.view == View::Columns => format!(
                "A is invertible: b = {}·a₁ + {}·a₂, so x = {} is the one solution of Ax = b.",
                display_number(x.x),
                display_number(x.y),
                display_tuple(&[x.x, x.y])
            ),
            (Some(x), _) if self.view == View::Undo => {
                format!(
                    "A is invertible: A carries x = {} to b, and A⁻¹ carries the plane back to where it was.",
                    display_tuple(&[x.x, x.y])
                )
            }
            (Some(x), _) => {
                format!("A is invertible: the two lines cross at x = {}, the one solution of Ax = b.", display_tuple(&[x.x, x.y]))
            }
            (None, Some(true)) => "A is singular: the two lines coincide, so every point on them solves Ax = b.".into(),
            (None, Some(false)) => "A is singular: the two lines are parallel and never cross, so Ax = b has no solution.".into(),
            (None, None) => "A has no inverse here.".into(),
        }
    }
}
