//! The determinant page's readouts: det A (with over- and underflow explained), |det A|, the
//! orientation, singularity by rank, the null space (what A sends to 0), and the 2×2 formula by hand.

use super::Determinant;
use crate::chapter::figure::plane;
use crate::chapter::Readouts;
use crate::format::{display_at_scale, display_number, display_shape, superscript};
use crate::math::det::Det;
use crate::readout::{Readout, Value};
use nalgebra::DMatrix;

/// "about 10⁻⁴⁰⁰" for a log₁₀ magnitude.
pub(super) fn magnitude(log10: f64) -> String {
    if log10.is_finite() && log10.abs() < 1e15 {
        format!("about 10{}", superscript(log10.round() as i64))
    } else {
        "beyond any float".into()
    }
}

/// A unit vector of the null space for people: `(0.8944, −0.4472)`, rounding noise shown as 0.
pub(super) fn unit_tuple(v: &[f64]) -> String {
    format!("({})", v.iter().map(|x| display_at_scale(*x, 1.0)).collect::<Vec<_>>().join(", "))
}

/// The columns of a basis, each as a tuple for people, joined with "and".
pub(super) fn basis_in_words(basis: &DMatrix<f64>) -> String {
    let tuples: Vec<String> = basis.column_iter().map(|c| unit_tuple(c.as_slice())).collect();
    tuples.join(" and ")
}

impl Readouts for Determinant {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![det(self), area(self), flipped(self), singular(self), null_space(self)];
        out.extend(ad_minus_bc(self));
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out
    }
}

fn det(c: &Determinant) -> Readout {
    let note = |extra: &str| {
        let base = match c.n() {
            2 => "ad − bc: the signed area of the parallelogram spanned by the columns",
            3 => "the signed volume of the box spanned by the three columns",
            _ => "by LU: the product of the pivots, times the sign of the row swaps",
        };
        if extra.is_empty() {
            base.to_string()
        } else {
            format!("{base}; {extra}")
        }
    };
    let rank = c.rank().unwrap_or(c.n());
    match c.det() {
        Det::Value(x) => {
            let extra = if x == 0.0 && c.n() == 2 && rank == 1 {
                "0: the square collapses to a line: A is singular".to_string()
            } else if x == 0.0 {
                "0: the columns are dependent, A is singular".to_string()
            } else if rank < c.n() {
                format!("0 up to rounding: A is numerically singular (rank {rank} < {})", c.n())
            } else if x < 0.0 {
                "negative: orientation flipped".to_string()
            } else {
                String::new()
            };
            Readout::new("det", "det A", Value::Number(x), note(&extra))
        }
        Det::Underflow { log10, negative } => Readout::new(
            "det",
            "det A",
            Value::Number(if negative { -0.0 } else { 0.0 }),
            format!(
                "the true value is {} {}, smaller than the smallest 64-bit float: it rounds to 0 (A itself is not singular for that)",
                if negative { "minus" } else { "plus" },
                magnitude(log10)
            ),
        ),
        Det::Overflow { log10, negative } => Readout::missing(
            "det",
            "det A",
            format!("the result is too large for a 64-bit float (overflow): {}{}", if negative { "minus " } else { "" }, magnitude(log10)),
        ),
    }
}

fn area(c: &Determinant) -> Readout {
    let label = "|det A|";
    match c.det() {
        Det::Value(x) => Readout::new(
            "area",
            label,
            Value::Number(x.abs()),
            format!("the factor by which A scales every {}; the unit one becomes {}", c.measure(), display_number(x.abs())),
        ),
        Det::Underflow { log10, .. } => {
            Readout::new("area", label, Value::Number(0.0), format!("{}: too small for a 64-bit float, shown as 0", magnitude(log10)))
        }
        Det::Overflow { log10, .. } => {
            Readout::missing("area", label, format!("the result is too large for a 64-bit float (overflow): {}", magnitude(log10)))
        }
    }
}

fn flipped(c: &Determinant) -> Readout {
    match c.det().sign() {
        0 => Readout::missing("flipped", "orientation flipped", "det A = 0: the shape collapses, so it has no orientation left"),
        s => Readout::new(
            "flipped",
            "orientation flipped",
            Value::Bool(s < 0),
            if s < 0 { "det < 0: orientation flipped, a mirror image that no rotation can undo" } else { "det > 0: orientation kept" },
        ),
    }
}

fn singular(c: &Determinant) -> Readout {
    let n = c.n();
    match c.rank() {
        Some(r) if r < n => Readout::new(
            "singular",
            "singular",
            Value::Bool(true),
            format!("rank {r} < {n} (singular values, numpy's tolerance): the columns are dependent"),
        ),
        Some(_) => Readout::new("singular", "singular", Value::Bool(false), format!("rank {n}: the columns are independent")),
        None => Readout::missing("singular", "singular", "the SVD that decides the rank failed its accuracy check"),
    }
}

/// An orthonormal basis of the null space, one vector per row (`[]` when only 0 maps to 0).
fn null_space(c: &Determinant) -> Readout {
    let label = "null space (Ax = 0)";
    let basis = match c.null_space() {
        Ok(basis) => basis,
        Err(why) => return Readout::missing("null_space", label, format!("the SVD that finds it failed: {why}")),
    };
    let n = c.n();
    let note = match basis.ncols() {
        0 => "empty: only 0 maps to 0, since A has full rank".to_string(),
        k if k == n => format!("A = 0 sends every vector to 0: the {n} axes are one orthonormal basis of everything"),
        1 => format!("A sends the line through {} to 0: every multiple of this unit vector", basis_in_words(&basis)),
        2 if n == 3 => format!("A sends the plane spanned by {} to 0 (orthonormal)", basis_in_words(&basis)),
        k => format!("{k} orthonormal vectors: A sends every combination of them to 0"),
    };
    Readout::new("null_space", label, Value::Matrix(basis.transpose().row_iter().map(|r| r.iter().copied().collect()).collect()), note)
}

/// ad − bc for a 2×2 A, as one would compute it by hand (none for other sizes).
fn ad_minus_bc(c: &Determinant) -> Option<Readout> {
    let a = plane(&c.a)?;
    let det = a.m11 * a.m22 - a.m12 * a.m21;
    Some(if det.is_finite() {
        Readout::new(
            "ad_minus_bc",
            "ad − bc",
            Value::Number(det),
            format!(
                "{}·{} − {}·{}, the 2×2 formula by hand",
                display_number(a.m11),
                display_number(a.m22),
                display_number(a.m12),
                display_number(a.m21)
            ),
        )
    } else {
        Readout::missing("ad_minus_bc", "ad − bc", "the products overflow a 64-bit float; det A above is computed with scaling")
    })
}
