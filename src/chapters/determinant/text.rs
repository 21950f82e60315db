//! The determinant page's words: the code that reproduces it and the spoken summary.

use super::Determinant;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::display_number;
use crate::math::det::Det;

impl Describe for Determinant {
    /// numpy / PyTorch / nalgebra for det A (slogdet when it overflows; the triple product for 3×3).
    fn code(&self) -> Code {
        let mut code = Code::declare(Determinant::INPUTS, self);
        if matches!(self.det(), Det::Overflow { .. }) {
            code.line(
                "np.linalg.det(A)  # overflows: numpy prints inf",
                "torch.linalg.det(A)  # overflows: inf",
                "let det = a.determinant(); // overflows: inf",
            );
            code.line(
                "np.linalg.slogdet(A)  # sign and log|det| do not overflow",
                "torch.linalg.slogdet(A)",
                "// sign and log|det|: multiply the LU pivots in log space",
            );
        } else {
            code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
            if self.n() == 3 {
                code.line(
                    "A[:, 0] @ np.cross(A[:, 1], A[:, 2])  # the same: a₁ · (a₂ × a₃), the box's signed volume",
                    "A[:, 0] @ torch.linalg.cross(A[:, 1], A[:, 2])",
                    "let volume = a.column(0).dot(&a.column(1).cross(&a.column(2))); // a₁ · (a₂ × a₃)",
                );
            }
        }
        code
    }

    /// What det A does to area (volume) and orientation, in one sentence.
    fn summary(&self) -> String {
        if let Some(note) = self.collapsed_note() {
            return format!("det A = 0: {note}.");
        }
        let d = self.det();
        let Some(x) = d.finite() else { return "det A is too large for a 64-bit float.".into() };
        let what = self.measure();
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
