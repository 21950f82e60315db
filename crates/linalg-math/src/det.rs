//! The determinant without intermediate overflow or underflow.
//!
//! The determinant is computed by LU on a copy whose rows are scaled by powers of two (exact), and the
//! product is assembled as mantissa × 2^exponent, so entries near 1e±200 neither overflow nor underflow
//! on the way: a determinant that is truly too large for an f64 is reported as such (never `inf`), and
//! one that is truly too small rounds to the nearest float (possibly 0, with a note), never NaN.

use super::scale::{frexp, ldexp};
use nalgebra::DMatrix;

/// A determinant computed without intermediate overflow or underflow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Det {
    /// The value (0 for a matrix that LU finds exactly singular).
    Value(f64),
    /// The true value is non-zero but smaller in magnitude than the smallest f64: it rounds to ±0.
    /// Carries log₁₀|det| and the sign.
    Underflow {
        /// log₁₀ of the true magnitude.
        log10: f64,
        /// Whether the true value is negative.
        negative: bool,
    },
    /// The true value is larger in magnitude than the largest f64. Carries log₁₀|det| and the sign.
    Overflow {
        /// log₁₀ of the true magnitude.
        log10: f64,
        /// Whether the true value is negative.
        negative: bool,
    },
}

impl Det {
    /// The value as a finite f64 (an underflow is ±0), or `None` on overflow.
    pub fn finite(self) -> Option<f64> {
        match self {
            Det::Value(x) => Some(x),
            Det::Underflow { negative, .. } => Some(if negative { -0.0 } else { 0.0 }),
            Det::Overflow { .. } => None,
        }
    }

    /// −1, 0 or +1: the sign of the true determinant (known even when it over- or underflows).
    pub fn sign(self) -> i8 {
        match self {
            Det::Value(x) if x > 0.0 => 1,
            Det::Value(x) if x < 0.0 => -1,
            Det::Value(_) => 0,
            Det::Underflow { negative: true, .. } | Det::Overflow { negative: true, .. } => -1,
            Det::Underflow { .. } | Det::Overflow { .. } => 1,
        }
    }
}

/// ad − bc with one rounding error at most a few ulps (Kahan's fused multiply-add trick: the rounding
/// error of b·c is recovered exactly and added back), so integer matrices give exact integers.
fn ad_minus_bc(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let bc = b * c;
    let error = (-b).mul_add(c, bc);
    a.mul_add(d, -bc) + error
}

/// Entries whose products of three neither overflow nor underflow: closed forms are safe.
fn moderate(a: &DMatrix<f64>) -> bool {
    a.iter().all(|x| *x == 0.0 || (1e-90..=1e90).contains(&x.abs()))
}

/// The determinant of a 2×2 or 3×3 matrix of moderate entries in closed form (accurate 2×2 minors,
/// cofactor expansion), or `None` for other sizes or extreme entries.
fn small(a: &DMatrix<f64>) -> Option<f64> {
    if !moderate(a) {
        return None;
    }
    let m = |r: usize, c: usize| a[(r, c)];
    match a.nrows() {
        1 => Some(m(0, 0)),
        2 => Some(ad_minus_bc(m(0, 0), m(0, 1), m(1, 0), m(1, 1))),
        3 => {
            let minors = [
                ad_minus_bc(m(1, 1), m(1, 2), m(2, 1), m(2, 2)),
                ad_minus_bc(m(1, 0), m(1, 2), m(2, 0), m(2, 2)),
                ad_minus_bc(m(1, 0), m(1, 1), m(2, 0), m(2, 1)),
            ];
            Some(m(0, 0).mul_add(minors[0], m(0, 2).mul_add(minors[2], -m(0, 1) * minors[1])))
        }
        _ => None,
    }
}

/// The determinant of a square matrix with finite entries. Up to 3×3 with moderate entries, in closed
/// form (exact for small integers, no rounding noise for people to read); otherwise by LU with
/// partial pivoting on a copy whose rows are scaled by powers of two (exact: each row's largest entry
/// lands in [0.5, 1)). The scale factors are kept as an exponent, so the result only over- or
/// underflows when the true value does.
pub fn determinant(a: &DMatrix<f64>) -> Det {
    debug_assert!(a.is_square());
    if a.is_empty() {
        return Det::Value(1.0);
    }
    if let Some(d) = small(a) {
        return Det::Value(d);
    }
    let mut scaled = a.clone();
    let mut exponent: i64 = 0;
    for mut row in scaled.row_iter_mut() {
        let largest = row.amax();
        if largest == 0.0 {
            return Det::Value(0.0);
        }
        let (_, e) = frexp(largest);
        exponent += i64::from(e);
        for x in row.iter_mut() {
            *x = ldexp(*x, -e);
        }
    }
    let unit = scaled.lu().determinant();
    if unit == 0.0 {
        return Det::Value(0.0);
    }
    if !unit.is_finite() {
        // Rows of length ≤ √n bound |det| by n^(n/2) (Hadamard), so this cannot happen; never show NaN.
        return Det::Overflow { log10: f64::INFINITY, negative: false };
    }
    let (m, e) = frexp(unit);
    let total = exponent + i64::from(e);
    let negative = m < 0.0;
    let log10 = m.abs().log10() + total as f64 * std::f64::consts::LOG10_2;
    if total > 1024 {
        return Det::Overflow { log10, negative };
    }
    if total < -1100 {
        return Det::Underflow { log10, negative };
    }
    let value = ldexp(m, total as i32);
    if value == 0.0 {
        Det::Underflow { log10, negative }
    } else if value.is_finite() {
        Det::Value(value)
    } else {
        Det::Overflow { log10, negative }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn huge_and_tiny_products_keep_their_sign_and_size() {
        let d = determinant(&DMatrix::from_row_slice(2, 2, &[1e200, 0.0, 0.0, 1e200]));
        assert!(matches!(d, Det::Overflow { negative: false, log10 } if (log10 - 400.0).abs() < 1e-9), "{d:?}");
        assert_eq!(d.finite(), None);
        let d = determinant(&DMatrix::from_row_slice(2, 2, &[1e-200, 0.0, 0.0, -1e-200]));
        assert!(matches!(d, Det::Underflow { negative: true, .. }) && d.sign() == -1 && d.finite() == Some(-0.0), "{d:?}");
        let d = determinant(&DMatrix::from_row_slice(3, 3, &[1e200, 0.0, 0.0, 0.0, 1e200, 0.0, 0.0, 0.0, 1e-200]));
        assert!((d.finite().unwrap() / 1e200 - 1.0).abs() < 1e-12);
        assert_eq!(determinant(&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0])), Det::Value(0.0));
        assert_eq!(determinant(&DMatrix::zeros(0, 0)), Det::Value(1.0));
    }

    #[test]
    fn small_integer_matrices_have_exact_determinants() {
        let cases: [(&[f64], f64); 4] = [
            (&[-3.0, -2.0, -2.0, -1.0], -1.0),
            (&[3.0, 7.0, 5.0, 2.0], -29.0),
            (&[3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0], -48.0),
            (&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], 0.0),
        ];
        for (entries, want) in cases {
            let n = if entries.len() == 4 { 2 } else { 3 };
            assert_eq!(determinant(&DMatrix::from_row_slice(n, n, entries)), Det::Value(want), "{entries:?}");
        }
        // A product difference that is exactly zero stays exactly zero.
        assert_eq!(ad_minus_bc(0.5, 0.25, 2.0, 1.0), 0.0);
    }

    proptest! {
        #[test]
        fn the_closed_form_agrees_with_scaled_lu(n in 2usize..=3, entries in proptest::collection::vec(-4.0f64..4.0, 9)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 3 + c]);
            let lu = a.clone().lu().determinant();
            let closed = small(&a).unwrap();
            prop_assert!((closed - lu).abs() <= 1e-13 * (1.0 + lu.abs()), "{closed} vs {lu}");
        }

        #[test]
        fn det_is_multiplicative_and_matches_lu(n in 1usize..=5, entries in proptest::collection::vec(-4.0f64..4.0, 50)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 5 + c]);
            let b = DMatrix::from_fn(n, n, |r, c| entries[25 + r * 5 + c]);
            let da = determinant(&a).finite().unwrap();
            let db = determinant(&b).finite().unwrap();
            let dab = determinant(&(&a * &b)).finite().unwrap();
            let lu = a.clone().lu().determinant();
            prop_assert!((da - lu).abs() <= 1e-10 * (1.0 + lu.abs()));
            prop_assert!((dab - da * db).abs() <= 1e-8 * (1.0 + (da * db).abs()));
        }

        #[test]
        fn scaling_by_a_power_of_ten_scales_det_by_its_nth_power(k in -150i32..150, entries in proptest::collection::vec(-4.0f64..4.0, 9)) {
            let a = DMatrix::from_row_slice(3, 3, &entries);
            let base = determinant(&a).finite().unwrap();
            prop_assume!(base.abs() > 1e-6);
            let s = 10f64.powi(k);
            match determinant(&(&a * s)) {
                Det::Value(d) if d.abs() > 1e-290 => prop_assert!((d / s / s / s / base - 1.0).abs() < 1e-9),
                Det::Value(_) => {}
                Det::Overflow { log10, negative } | Det::Underflow { log10, negative } => {
                    prop_assert_eq!(negative, base < 0.0);
                    prop_assert!((log10 - (base.abs().log10() + 3.0 * k as f64)).abs() < 1e-9);
                }
            }
        }
    }
}
