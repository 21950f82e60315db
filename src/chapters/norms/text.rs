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
        code.snippet("norms", &[]);
        if self.same_length() {
            code.snippet("triangle", &[]);
            if self.v.iter().any(|x| *x != 0.0) && self.w.iter().any(|x| *x != 0.0) {
                code.snippet("angle", &[]);
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
    code.snippet("nearest", &[]);
    match Touch::of(c).map(|t| t.l1) {
        Some(L1Touch::Edge(..)) => code.snippet("l1_edge", &[]),
        _ => code.snippet("l1_corner", &[]),
    }
}
