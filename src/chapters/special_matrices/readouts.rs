//! The special-matrices page's readouts: the three checks (symmetric, diagonal, orthogonal) with
//! their margins, the column lengths and dot product, AᵀA, Aᵀ against A⁻¹, det A and the angle.

use super::SpecialMatrices;
use crate::chapter::Readouts;
use crate::format::{display_at_scale, display_number, display_shape};
use crate::math::det::determinant;
use crate::math::norms::column_norms;
use crate::math::structure::{asymmetry, gram, is_diagonal, is_orthogonal, is_symmetric, max_abs, orthogonality_error, TOL};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

impl Readouts for SpecialMatrices {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let a = &self.a;
        let mut out = checks(self);
        out.push(match orthogonality_error(a) {
            Some(e) if e.is_finite() => {
                number_readout("orthogonality_error", "max |AᵀA − I|", e, "0 up to rounding for an orthogonal matrix")
            }
            Some(_) => {
                Readout::missing("orthogonality_error", "max |AᵀA − I|", "not computed: entries larger than 2 rule orthogonality out")
            }
            None => Readout::missing("orthogonality_error", "max |AᵀA − I|", self.square_note()),
        });
        let norms = column_norms(a);
        out.push(vector_readout(
            "column_norms",
            "‖a₁‖, ‖a₂‖, …",
            &DMatrix::from_column_slice(norms.len(), 1, &norms),
            "all 1 for an orthogonal matrix",
        ));
        out.push(if a.ncols() >= 2 {
            let d = a.column(0).dot(&a.column(1));
            number_readout(
                "column_dot",
                "a₁·a₂",
                d,
                if d == 0.0 { "perpendicular columns" } else { "0 when the first two columns are perpendicular" },
            )
        } else {
            Readout::missing("column_dot", "a₁·a₂", "A has one column")
        });
        out.push(matrix_readout("gram", "AᵀA", &gram(a), "the dot products of every pair of columns"));
        out.push(matrix_readout("transpose", "Aᵀ", &a.transpose(), display_shape(&a.transpose())));
        out.extend(inverse(self));
        out.push(det(self));
        out.push(number_readout("radians", "angle in radians", self.deg.to_radians(), format!("{}° · π / 180", display_number(self.deg))));
        out.push(Readout::new("deg", "angle in degrees", Value::Vector(vec![self.deg]), "the angle of the first column"));
        out.push(Readout::new("A", "A", Value::matrix(a), display_shape(a)));
        out
    }
}

/// Symmetric, diagonal and orthogonal, each with the margin it was decided by.
fn checks(c: &SpecialMatrices) -> Vec<Readout> {
    let a = &c.a;
    let square = a.is_square();
    vec![
        if square {
            Readout::new(
                "symmetric",
                "symmetric (A = Aᵀ)",
                Value::Bool(is_symmetric(a)),
                format!(
                    "max |A − Aᵀ| = {} (tolerance 1e-9 · max |A| = {})",
                    display_number(asymmetry(a)),
                    display_number(TOL * max_abs(a))
                ),
            )
        } else {
            Readout::new("symmetric", "symmetric (A = Aᵀ)", Value::Bool(false), c.square_note())
        },
        Readout::new(
            "diagonal",
            "diagonal",
            Value::Bool(is_diagonal(a)),
            format!(
                "every entry off the main diagonal within 1e-9 · max |A| of 0{}",
                if square { "" } else { " (a non-square matrix can be diagonal too)" }
            ),
        ),
        match orthogonality_error(a) {
            Some(e) => Readout::new(
                "orthogonal",
                "orthogonal (AᵀA = I)",
                Value::Bool(e <= TOL),
                if e.is_finite() {
                    format!("max |AᵀA − I| = {} (tolerance 1e-9)", up_to_rounding(e, 1.0))
                } else {
                    "an entry is larger than 1 in size, which an orthogonal matrix cannot have".into()
                },
            ),
            None => Readout::new("orthogonal", "orthogonal (AᵀA = I)", Value::Bool(false), c.square_note()),
        },
    ]
}

/// A⁻¹, and whether it equals Aᵀ (what orthogonality promises).
fn inverse(c: &SpecialMatrices) -> [Readout; 2] {
    match c.inverse() {
        Ok(inv) => {
            let gap = max_abs(&(&inv - c.a.transpose()));
            let scale = max_abs(&inv).max(1.0);
            let same = gap <= TOL * scale;
            [
                matrix_readout("inverse", "A⁻¹", &inv, "exists: A has full rank"),
                Readout::new(
                    "transpose_is_inverse",
                    "Aᵀ = A⁻¹",
                    Value::Bool(same),
                    format!("max |Aᵀ − A⁻¹| = {}", up_to_rounding(gap, scale)),
                ),
            ]
        }
        Err(why) => [
            Readout::missing("inverse", "A⁻¹", why.clone()),
            Readout::new("transpose_is_inverse", "Aᵀ = A⁻¹", Value::Bool(false), format!("false: {why}")),
        ],
    }
}

/// "0 up to rounding" for a value within rounding of 0 at `scale`, else the value.
fn up_to_rounding(x: f64, scale: f64) -> String {
    match display_at_scale(x, scale) {
        zero if zero == "0" && x != 0.0 => "0 up to rounding".to_string(),
        shown => shown,
    }
}

/// What det A = ±1 of an orthogonal n×n matrix means: a rotation, or (for −1) a reflection in 1-D and
/// 2-D, a rotation combined with a reflection from 3-D on (−I₃ mirrors in no single plane).
pub(super) fn orientation(n: usize, kept: bool) -> &'static str {
    match (kept, n) {
        (true, _) => "a rotation (orientation kept)",
        (false, 1) => "a reflection of the line (orientation flipped)",
        (false, 2) => "a reflection across a line (orientation flipped)",
        (false, 3) => "a rotation combined with a reflection (orientation flipped), −I₃ for one; not always a mirror in a plane",
        (false, _) => "a rotation combined with a reflection (orientation flipped)",
    }
}

/// det A, ±1 for an orthogonal matrix: a rotation, or a reflection (combined with a rotation beyond 2-D).
fn det(c: &SpecialMatrices) -> Readout {
    if !c.a.is_square() {
        return Readout::missing("det", "det A", "only a square matrix has a determinant");
    }
    // An overflowing determinant becomes ∞, which the readout reports as overflow.
    let det = determinant(&c.a).finite().unwrap_or(f64::INFINITY);
    let note = if is_orthogonal(&c.a) {
        format!("{}1: {}", if det > 0.0 { "+" } else { "−" }, orientation(c.a.nrows(), det > 0.0))
    } else {
        "±1 for an orthogonal matrix".to_string()
    };
    number_readout("det", "det A", det, note)
}
