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
        code.snippet("rotation_and_checks", &[]);
        if self.a.ncols() >= 2 {
            code.snippet("column_dot", &[]);
        }
        code.snippet("gram_transpose", &[]);
        if self.a.is_square() {
            if crate::math::structure::max_abs(&self.a) <= 2.0 {
                code.snippet("orthogonality_error", &[]);
            }
            code.snippet("orthogonal", &[]);
            if self.inverse().is_ok() {
                code.snippet("inverse", &[]);
            } else {
                code.snippet("singular", &[]);
            }
            code.snippet("det", &[]);
        } else {
            code.snippet("not_square", &[]);
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
