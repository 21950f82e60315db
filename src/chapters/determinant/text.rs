//! The determinant page's words: the code that reproduces it and the spoken summary.

use super::readouts::basis_in_words;
use super::Determinant;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::display_number;
use crate::math::det::Det;

impl Describe for Determinant {
    /// numpy / PyTorch / nalgebra printing det A (slogdet when it overflows; the triple product for
    /// 3×3, ad − bc for 2×2), |det A|, the orientation, singularity, and the null space in the page's
    /// basis.
    fn code(&self) -> Code {
        let mut code = Code::declare(Determinant::INPUTS, self);
        if matches!(self.det(), Det::Overflow { .. }) {
            code.line(
                "print(np.linalg.det(A))  # overflows: numpy prints inf",
                "print(torch.linalg.det(A))  # overflows: inf",
                "let det = a.determinant(); // overflows: inf",
            );
            code.line(
                "print(np.linalg.slogdet(A))  # sign and log|det| do not overflow",
                "print(torch.linalg.slogdet(A))",
                "// sign and log|det|: multiply the LU pivots in log space",
            );
        } else {
            code.line(
                "print(np.linalg.det(A), abs(np.linalg.det(A)))  # the signed and the plain area factor",
                "print(torch.linalg.det(A), abs(torch.linalg.det(A)))",
                "let det = a.determinant();",
            );
            match self.n() {
                2 => code.line(
                    "print(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])  # ad - bc, by hand",
                    "print(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])  # ad - bc, by hand",
                    "let by_hand = a[(0, 0)] * a[(1, 1)] - a[(0, 1)] * a[(1, 0)];",
                ),
                3 => code.line(
                    "print(A[:, 0] @ np.cross(A[:, 1], A[:, 2]))  # the same: a₁ · (a₂ × a₃), the box's signed volume",
                    "print(A[:, 0] @ torch.linalg.cross(A[:, 1], A[:, 2]))  # a₁ · (a₂ × a₃), the signed volume",
                    "let volume = a.column(0).dot(&a.column(1).cross(&a.column(2))); // a₁ · (a₂ × a₃)",
                ),
                _ => {}
            }
        }
        code.line(
            "rank = np.linalg.matrix_rank(A)\nprint(rank < len(A))  # singular: the columns are dependent",
            "rank = torch.linalg.matrix_rank(A)\nprint(rank < len(A))  # singular: the columns are dependent",
            "let singular = a.clone().svd(false, false).rank(1e-9) < a.nrows(); // numpy's tolerance is σ₁·n·ε",
        );
        if self.null_space().is_ok_and(|b| b.ncols() > 0) {
            let torch = NULL_SPACE_NUMPY
                .replace("np.linalg.svd", "torch.linalg.svd")
                .replace("np.linalg.norm", "torch.linalg.vector_norm")
                .replace("np.array(null_space)", "torch.stack(null_space)");
            code.line(
                NULL_SPACE_NUMPY,
                &torch,
                "// the null space: the columns of V (from a.svd(false, true)) whose singular values are 0",
            );
        } else {
            code.line(
                "print(np.empty((0, len(A))))  # the null space is empty: only 0 maps to 0",
                "print(torch.empty((0, len(A))))  # the null space is empty: only 0 maps to 0",
                "// the null space is empty: only 0 maps to 0",
            );
        }
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
            return format!("{head}: {note}.{}", self.null_space_in_words());
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

impl Determinant {
    /// " It sends the line through (…) to 0." for a singular A (empty otherwise).
    fn null_space_in_words(&self) -> String {
        let Ok(basis) = self.null_space() else { return String::new() };
        match basis.ncols() {
            0 => String::new(),
            k if k == self.n() => " It sends every vector to 0.".into(),
            1 => format!(" It sends the line through {} to 0.", basis_in_words(&basis)),
            2 if self.n() == 3 => format!(" It sends the plane spanned by {} to 0.", basis_in_words(&basis)),
            k => format!(" It sends a {k}-dimensional space to 0."),
        }
    }
}

/// numpy: the null space in the page's basis (`math::svd::null_space_in_order`).
const NULL_SPACE_NUMPY: &str = "_, _, Vh = np.linalg.svd(A)
N = Vh[rank:].T  # an orthonormal basis of the null space: A @ N is 0
# the page's basis of it: project e1, e2, ... onto it and make them orthonormal in order
null_space = []
for p in N @ N.T:
    for b in null_space:
        p = p - (b @ p) * b
    if np.linalg.norm(p) > 1e-6 and len(null_space) < N.shape[1]:
        null_space.append(p / np.linalg.norm(p))
print(np.array(null_space))  # one vector per row";
