//! The determinant page's words: the code that reproduces it and the spoken summary.

use super::Determinant;
use crate::chapter::Describe;
use crate::chapter::{null_space, Chapter, Code};
use crate::format::display_number;
use crate::math::det::Det;

impl Describe for Determinant {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra printing det A (slogdet when it overflows; the triple product for
    /// 3×3, ad − bc for 2×2), |det A|, the orientation, singularity, and the null space in the page's
    /// basis.
    fn code(&self) -> Code {
        let mut code = Code::declare(Determinant::INPUTS, self);
        if matches!(self.det(), Det::Overflow { .. }) {
            code.snippet("overflow", &[]);
        } else {
            code.snippet("det", &[]);
            match self.n() {
                2 => code.snippet("by_hand_2", &[]),
                3 => code.snippet("by_hand_3", &[]),
                _ => {}
            }
        }
        code.snippet("singular", &[]);
        null_space::code(&mut code, &self.a);
        code
    }

    /// What det A does to area (volume) and orientation, in one sentence, or what a singular A
    /// collapses and which vectors it sends to 0.
    fn summary(&self) -> String {
        if let Some(note) = self.collapsed_note() {
            let head = match self.det() {
                Det::Value(0.0) => "det A = 0 and A is singular".to_string(),
                Det::Value(x) => format!("A is numerically singular (det ≈ {}, 0 up to rounding)", display_number(x)),
                Det::Underflow { .. } => "A is numerically singular (det ≈ 0)".to_string(),
                Det::Overflow { .. } => "A is numerically singular".to_string(),
            };
            let sends = self.null_space().ok().and_then(|n| n.sentence()).map_or(String::new(), |s| format!(" {s}."));
            return format!("{head}: {note}.{sends}");
        }
        let d = self.det();
        let Some(x) = d.finite() else { return "det A is too large for a 64-bit float.".into() };
        let what = self.measure();
        if d.sign() == 0 {
            return format!(
                "det A rounds to 0 in 64-bit floats, though A has full rank: every {what} is scaled by a number too small to show."
            );
        }
        let hand = |kept: bool| match (self.n(), kept) {
            (3, true) => " (a₁, a₂, a₃ are right-handed, like x, y, z)",
            (3, false) => ": a₁, a₂, a₃ are left-handed",
            _ => "",
        };
        if d.sign() < 0 {
            format!(
                "det A = {}: {what} is scaled by {} and the orientation flipped (a mirror image){}.",
                display_number(x),
                display_number(x.abs()),
                hand(false)
            )
        } else {
            format!(
                "det A = {}: {what} is scaled by {} and the orientation is kept{}.",
                display_number(x),
                display_number(x.abs()),
                hand(true)
            )
        }
    }
}
