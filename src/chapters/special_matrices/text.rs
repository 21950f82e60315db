//! The special-matrices page's words: the code that reproduces it and the spoken summary.

use super::readouts::orientation;
use super::SpecialMatrices;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::display_number;
use crate::math::clamp;
use crate::math::norms::column_norms;
use crate::math::structure::{is_diagonal, is_orthogonal, is_symmetric};

impl Describe for SpecialMatrices {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra: the rotation from degrees, then each check, printing every number
    /// the page reads out.
    fn code(&self) -> Code {
        let mut code = Code::declare(SpecialMatrices::INPUTS, self);
        code.line(
            "theta = np.deg2rad(deg)  # np.cos(50) would read 50 as radians\nprint(theta)",
            "theta = torch.deg2rad(torch.tensor(deg, dtype=torch.float64))  # torch.cos(50) would read 50 as radians\nprint(theta)",
            "let theta = deg.to_radians(); // f64::cos(50.0) would read 50 as radians",
        );
        code.line(
            "R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])  # the rotation by deg",
            "R = torch.stack([torch.stack([torch.cos(theta), -torch.sin(theta)]), torch.stack([torch.sin(theta), torch.cos(theta)])])  # the rotation by deg",
            "let r = DMatrix::from_row_slice(2, 2, &[theta.cos(), -theta.sin(), theta.sin(), theta.cos()]); // the rotation by deg",
        );
        code.line(
            "print(A.shape[0] == A.shape[1] and np.abs(A - A.T).max() <= 1e-9 * np.abs(A).max())  # symmetric",
            "print(A.shape[0] == A.shape[1] and bool(torch.abs(A - A.T).max() <= 1e-9 * torch.abs(A).max()))  # symmetric",
            "let symmetric = a.is_square() && (&a - a.transpose()).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "print(np.abs(A - A * np.eye(*A.shape)).max() <= 1e-9 * np.abs(A).max())  # diagonal",
            "print(bool(torch.abs(A - A * torch.eye(*A.shape, dtype=A.dtype)).max() <= 1e-9 * torch.abs(A).max()))  # diagonal",
            "let diagonal = DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| if i == j { 0.0 } else { a[(i, j)] }).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "print(np.linalg.norm(A, axis=0))  # column lengths",
            "print(torch.linalg.norm(A, dim=0))  # column lengths",
            "let norms: Vec<f64> = a.column_iter().map(|c| c.norm()).collect();",
        );
        if self.a.ncols() >= 2 {
            code.line(
                "print(A[:, 0] @ A[:, 1])  # 0 for perpendicular columns",
                "print(A[:, 0] @ A[:, 1])  # 0 for perpendicular columns",
                "let dot = a.column(0).dot(&a.column(1));",
            );
        }
        code.line("print(A.T @ A)  # every column dotted with every column", "print(A.T @ A)", "let gram = a.transpose() * &a;");
        code.line("print(A.T)", "print(A.T)", "let t = a.transpose();");
        if self.a.is_square() {
            if crate::math::structure::max_abs(&self.a) <= 2.0 {
                code.line(
                    "print(np.abs(A.T @ A - np.eye(len(A))).max())  # the orthogonality error",
                    "print(torch.abs(A.T @ A - torch.eye(len(A), dtype=A.dtype)).max())  # the orthogonality error",
                    "let error = (a.transpose() * &a - DMatrix::identity(a.nrows(), a.ncols())).amax();",
                );
            }
            code.line(
                "print(np.abs(A.T @ A - np.eye(len(A))).max() <= 1e-9)  # orthogonal",
                "print(bool(torch.abs(A.T @ A - torch.eye(len(A), dtype=A.dtype)).max() <= 1e-9))  # orthogonal",
                "let orthogonal = (a.transpose() * &a - DMatrix::identity(a.nrows(), a.ncols())).amax() <= 1e-9;",
            );
            if self.inverse().is_ok() {
                code.line(
                    "A_inv = np.linalg.inv(A)\nprint(A_inv)\nprint(np.abs(A.T - A_inv).max() <= 1e-9 * max(np.abs(A_inv).max(), 1))  # the transpose is the inverse",
                    "A_inv = torch.linalg.inv(A)\nprint(A_inv)\nprint(bool(torch.abs(A.T - A_inv).max() <= 1e-9 * max(torch.abs(A_inv).max(), 1)))  # the transpose is the inverse",
                    "let inv = a.clone().try_inverse(); // equal to a.transpose() when A is orthogonal",
                );
            } else {
                code.line(
                    "# A is singular: np.linalg.inv(A) raises an error",
                    "# A is singular: torch.linalg.inv(A) raises an error",
                    "// A is singular: try_inverse() gives None",
                );
            }
            code.line(
                "print(np.linalg.det(A))  # +1 or -1 when A is orthogonal",
                "print(torch.linalg.det(A))",
                "let det = a.determinant();",
            );
        } else {
            code.line(
                "# A is not square: it cannot be symmetric or orthogonal, and has no inverse or determinant",
                "# A is not square: it cannot be symmetric or orthogonal, and has no inverse or determinant",
                "// A is not square: it cannot be symmetric or orthogonal, and has no inverse or determinant",
            );
        }
        code
    }

    /// Orthogonal (a rotation or a reflection, with its angle), or which checks A passes and its columns.
    fn summary(&self) -> String {
        let a = &self.a;
        let angle = format!("{}° ({} rad)", display_number(self.deg), display_number(self.deg.to_radians()));
        if is_orthogonal(a) && a.shape() == (2, 2) {
            if self.reflection() {
                format!("A is orthogonal: a reflection whose first column is at {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            } else {
                format!("A is orthogonal: a rotation by {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            }
        } else if is_orthogonal(a) {
            let n = a.nrows();
            let columns = if n == 1 { "its one entry is ±1" } else { "its columns have length 1 and are perpendicular" };
            format!(
                "A is orthogonal ({n}×{n}): {columns}, so Aᵀ = A⁻¹. det A = {}1: {}.",
                if self.reflection() { "−" } else { "+" },
                orientation(n, !self.reflection())
            )
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
            let degrees = clamp(cos, -1.0, 1.0).acos().to_degrees();
            text.push_str(&format!(", at {}° to each other", display_number((degrees * 10.0).round() / 10.0)));
        }
    }
    text
}
