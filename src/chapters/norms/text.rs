//! The norms page's words: the code that reproduces it and the spoken summary.

use super::{Norms, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_tuple};
use crate::math::norms::{l1, l2, linf, lp};

impl Describe for Norms {
    /// numpy / PyTorch / nalgebra for every norm (and the triangle inequality when v + w exists).
    fn code(&self) -> Code {
        let mut code = Code::declare(Norms::INPUTS, self);
        code.line("np.count_nonzero(v)  # L0", "torch.count_nonzero(v)  # L0", "let l0 = v.iter().filter(|x| **x != 0.0).count();");
        code.line("np.linalg.norm(v, 1)", "torch.linalg.vector_norm(v, 1)", "let l1 = v.lp_norm(1);");
        code.line("np.linalg.norm(v)  # L2, the default", "torch.linalg.vector_norm(v)  # L2, the default", "let l2 = v.norm();");
        code.line("v @ v  # squared L2", "v @ v  # squared L2", "let l2_squared = v.dot(&v);");
        code.line("np.linalg.norm(v, np.inf)", "torch.linalg.vector_norm(v, float('inf'))", "let linf = v.amax();");
        code.line(
            "np.linalg.norm(v, p)",
            "torch.linalg.vector_norm(v, p)",
            "let lp = v.iter().map(|x| x.abs().powf(p)).sum::<f64>().powf(1.0 / p);",
        );
        code.line(
            "np.linalg.norm(A)  # Frobenius for a matrix",
            "torch.linalg.matrix_norm(A)  # Frobenius by default",
            "let frobenius = a.norm();",
        );
        if self.same_length() {
            code.line(
                "np.linalg.norm(v + w) <= np.linalg.norm(v) + np.linalg.norm(w)",
                "torch.linalg.vector_norm(v + w) <= torch.linalg.vector_norm(v) + torch.linalg.vector_norm(w)",
                "let triangle = (&v + &w).norm() <= v.norm() + w.norm();",
            );
        }
        code
    }

    /// The norms of v and the balls through it, or the triangle inequality in numbers.
    fn summary(&self) -> String {
        let e = self.entries();
        match self.view {
            View::Triangle if !self.same_length() => "v and w have different lengths, so v + w is not defined.".into(),
            View::Triangle => {
                let s = &self.v + &self.w;
                format!(
                    "‖v + w‖₂ = {} is at most ‖v‖₂ + ‖w‖₂ = {}: the straight path is never longer than the detour.",
                    display_number(l2(s.as_slice())),
                    display_number(l2(e) + l2(self.w.as_slice()))
                )
            }
            View::Balls => format!(
                "v = {}: ‖v‖₁ = {}, ‖v‖₂ = {}, ‖v‖∞ = {}, and with p = {}, ‖v‖ₚ = {}. Each ball passes through v.",
                display_tuple(e),
                display_number(l1(e)),
                display_number(l2(e)),
                display_number(linf(e)),
                display_number(self.p),
                display_number(lp(e, self.p))
            ),
        }
    }
}
