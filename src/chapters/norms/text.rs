//! The norms page's words: the code that reproduces it and the spoken summary.

use super::sparse::{L1Touch, Touch};
use super::{sparse, Norms, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_tuple};
use crate::math::norms::{l1, l2, linf, lp};

impl Describe for Norms {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra printing every norm, the triangle inequality and the angle when
    /// v + w exists, and the smallest L² and L¹ points of the line x·w = y.
    fn code(&self) -> Code {
        let mut code = Code::declare(Norms::INPUTS, self);
        code.line(
            "print(np.count_nonzero(v))  # L0",
            "print(torch.count_nonzero(v))  # L0",
            "let l0 = v.iter().filter(|x| **x != 0.0).count();",
        );
        code.line("print(np.linalg.norm(v, 1))  # L1", "print(torch.linalg.vector_norm(v, 1))  # L1", "let l1 = v.lp_norm(1);");
        code.line(
            "print(np.linalg.norm(v))  # L2, the default",
            "print(torch.linalg.vector_norm(v))  # L2, the default",
            "let l2 = v.norm();",
        );
        code.line("print(v @ v)  # squared L2", "print(v @ v)  # squared L2", "let l2_squared = v.dot(&v);");
        code.line(
            "print(np.linalg.norm(v, np.inf))  # max norm",
            "print(torch.linalg.vector_norm(v, float('inf')))  # max norm",
            "let linf = v.amax();",
        );
        code.line(
            "print(np.linalg.norm(v, p))  # Lp",
            "print(torch.linalg.vector_norm(v, p))  # Lp",
            "let lp = v.iter().map(|x| x.abs().powf(p)).sum::<f64>().powf(1.0 / p);",
        );
        code.line(
            "print(np.linalg.norm(A))  # Frobenius for a matrix",
            "print(torch.linalg.matrix_norm(A))  # Frobenius by default",
            "let frobenius = a.norm();",
        );
        if self.same_length() {
            code.line(
                "print(np.linalg.norm(v + w), np.linalg.norm(v) + np.linalg.norm(w))  # the direct way, the detour",
                "print(torch.linalg.vector_norm(v + w), torch.linalg.vector_norm(v) + torch.linalg.vector_norm(w))  # the direct way, the detour",
                "let (direct, detour) = ((&v + &w).norm(), v.norm() + w.norm());",
            );
            code.line(
                "print(np.linalg.norm(v + w) <= np.linalg.norm(v) + np.linalg.norm(w))  # the triangle inequality",
                "print(torch.linalg.vector_norm(v + w) <= torch.linalg.vector_norm(v) + torch.linalg.vector_norm(w))  # the triangle inequality",
                "let triangle = direct <= detour;",
            );
            if self.v.iter().any(|x| *x != 0.0) && self.w.iter().any(|x| *x != 0.0) {
                code.line(
                    "print(np.degrees(np.arccos(np.clip(v @ w / (np.linalg.norm(v) * np.linalg.norm(w)), -1, 1))))  # the angle",
                    "print(torch.rad2deg(torch.arccos(torch.clamp(v @ w / (torch.linalg.vector_norm(v) * torch.linalg.vector_norm(w)), -1, 1))))  # the angle",
                    "let angle = (v.dot(&w) / (v.norm() * w.norm())).clamp(-1.0, 1.0).acos().to_degrees();",
                );
            }
        }
        sparse_code(self, &mut code);
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
            View::Sparse => sparse::summary(self),
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

/// The line x·w = y: its nearest point (the smallest L² ball's) and the smallest L¹ ball's corner, or
/// the edge it runs along.
fn sparse_code(c: &Norms, code: &mut Code) {
    code.line(
        "# the line x·w = y: its point nearest 0 (np.linalg.pinv(x[None, :]) @ [y]) and that distance",
        "# the line x·w = y: its point nearest 0 and that distance",
        "// the line x·w = y: its point nearest 0 and that distance",
    );
    code.line(
        "print(y * x / (x @ x), abs(y) / np.linalg.norm(x))",
        "print(y * x / (x @ x), abs(y) / torch.linalg.vector_norm(x))",
        "let (l2_point, l2_radius) = (&x * (y / x.norm_squared()), y.abs() / x.norm());",
    );
    match Touch::of(c).map(|t| t.l1) {
        Some(L1Touch::Edge(..)) => {
            code.line(
                "# |x1| = |x2|: the line runs along an edge of the diamond, from (y/x1, 0) to (0, y/x2)",
                "# |x1| = |x2|: the line runs along an edge of the diamond, from (y/x1, 0) to (0, y/x2)",
                "// |x1| = |x2|: the line runs along an edge of the diamond, from (y/x1, 0) to (0, y/x2)",
            );
            code.line(
                "print(np.array([y / x[0], 0]), np.array([0, y / x[1]]), abs(y) / abs(x[0]))",
                "print(torch.tensor([y / x[0], 0]), torch.tensor([0, y / x[1]]), abs(y) / abs(x[0]))",
                "let (ends, l1_radius) = ((y / x[0], y / x[1]), y.abs() / x[0].abs());",
            );
        }
        _ => {
            code.line(
                "i = np.argmax(np.abs(x))  # the smallest diamond touches the line on axis i: the other weight is 0",
                "i = torch.argmax(torch.abs(x))  # the smallest diamond touches the line on axis i: the other weight is 0",
                "let i = x.iamax(); // the smallest diamond touches the line on axis i: the other weight is 0",
            );
            code.line(
                "l1_point = np.zeros(2)\nl1_point[i] = y / x[i]\nprint(l1_point + 0.0, abs(y) / abs(x[i]))  # + 0.0 prints -0 as 0",
                "l1_point = torch.zeros(2, dtype=torch.float64)\nl1_point[i] = y / x[i]\nprint(l1_point, abs(y) / abs(x[i]))",
                "let mut l1_point = DVector::zeros(2);\nl1_point[i] = y / x[i];\nlet l1_radius = y.abs() / x[i].abs();",
            );
        }
    }
}
