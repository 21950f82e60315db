//! The special-matrices page's words: the code that reproduces it and the spoken summary.

use super::SpecialMatrices;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::display_number;
use crate::math::norms::column_norms;
use crate::math::structure::{is_diagonal, is_orthogonal, is_symmetric};

impl Describe for SpecialMatrices {
    /// numpy / PyTorch / nalgebra: the rotation from degrees, then each check.
    fn code(&self) -> Code {
        let mut code = Code::declare(SpecialMatrices::INPUTS, self);
        code.line(
            "theta = np.deg2rad(deg)  # np.cos(50) would read 50 as radians",
            "theta = torch.deg2rad(torch.tensor(deg))  # torch.cos(50) would read 50 as radians",
            "let theta = deg.to_radians(); // f64::cos(50.0) would read 50 as radians",
        );
        code.line(
            "R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])",
            "R = torch.stack([torch.stack([torch.cos(theta), -torch.sin(theta)]), torch.stack([torch.sin(theta), torch.cos(theta)])])",
            "let r = DMatrix::from_row_slice(2, 2, &[theta.cos(), -theta.sin(), theta.sin(), theta.cos()]);",
        );
        code.line(
            "symmetric = A.shape[0] == A.shape[1] and np.abs(A - A.T).max() <= 1e-9 * np.abs(A).max()",
            "symmetric = A.shape[0] == A.shape[1] and bool(torch.abs(A - A.T).max() <= 1e-9 * torch.abs(A).max())",
            "let symmetric = a.is_square() && (&a - a.transpose()).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "diagonal = np.abs(A - A * np.eye(*A.shape)).max() <= 1e-9 * np.abs(A).max()",
            "diagonal = bool(torch.abs(A - A * torch.eye(*A.shape, dtype=A.dtype)).max() <= 1e-9 * torch.abs(A).max())",
            "let diagonal = DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| if i == j { 0.0 } else { a[(i, j)] }).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "np.linalg.norm(A, axis=0)  # column lengths",
            "torch.linalg.norm(A, dim=0)  # column lengths",
            "let norms: Vec<f64> = a.column_iter().map(|c| c.norm()).collect();",
        );
        if self.a.ncols() >= 2 {
            code.line(
                "A[:, 0] @ A[:, 1]  # 0 for perpendicular columns",
                "A[:, 0] @ A[:, 1]  # 0 for perpendicular columns",
                "let dot = a.column(0).dot(&a.column(1));",
            );
        }
        if self.a.is_square() {
            code.line(
                "orthogonal = np.abs(A.T @ A - np.eye(len(A))).max() <= 1e-9",
                "orthogonal = bool(torch.abs(A.T @ A - torch.eye(len(A), dtype=A.dtype)).max() <= 1e-9)",
                "let orthogonal = (a.transpose() * &a - DMatrix::identity(a.nrows(), a.ncols())).amax() <= 1e-9;",
            );
            code.line(
                "np.linalg.inv(A), A.T  # the same when A is orthogonal",
                "torch.linalg.inv(A), A.T  # the same when A is orthogonal",
                "let (inv, t) = (a.clone().try_inverse(), a.transpose()); // the same when A is orthogonal",
            );
        } else {
            code.line(
                "# A is not square: it cannot be symmetric or orthogonal",
                "# A is not square: it cannot be symmetric or orthogonal",
                "// A is not square: it cannot be symmetric or orthogonal",
            );
        }
        code
    }

    /// Orthogonal (a rotation or a reflection, with its angle), or which checks A passes and its columns.
    fn summary(&self) -> String {
        let a = &self.a;
        let angle = format!("{}° ({} rad)", display_number(self.deg), display_number(self.deg.to_radians()));
        if is_orthogonal(a) {
            if self.reflection() {
                format!("A is orthogonal: a reflection whose first column is at {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            } else {
                format!("A is orthogonal: a rotation by {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            }
        } else {
            let kinds: Vec<&str> =
                [(is_symmetric(a), "symmetric"), (is_diagonal(a), "diagonal")].iter().filter(|(yes, _)| *yes).map(|(_, k)| *k).collect();
            let what = if kinds.is_empty() { "neither symmetric nor diagonal".to_string() } else { kinds.join(" and ") };
            format!("A is not orthogonal (AᵀA ≠ I): {}; it is {what}. The unit circle becomes the shaded ellipse.", columns_in_words(self))
        }
    }
}

/// The columns' lengths and, for two columns, the angle between them: what orthogonality asks to be
/// 1 and 90°, in words for the spoken summary.
fn columns_in_words(c: &SpecialMatrices) -> String {
    let norms = column_norms(&c.a);
    let lengths: Vec<String> = norms.iter().map(|x| display_number(*x)).collect();
    let mut text = match lengths.as_slice() {
        [one] => format!("its column has length {one}"),
        [init @ .., last] => format!("its columns have lengths {} and {last}", init.join(", ")),
        [] => return String::new(),
    };
    if let (2, [n0, n1, ..]) = (c.a.ncols(), norms.as_slice()) {
        let cos = (c.a.column(0) / *n0).dot(&(c.a.column(1) / *n1));
        if *n0 > 0.0 && *n1 > 0.0 && cos.is_finite() {
            let degrees = cos.clamp(-1.0, 1.0).acos().to_degrees();
            text.push_str(&format!(", at {}° to each other", display_number((degrees * 10.0).round() / 10.0)));
        }
    }
    text
}
