//! Norms of vectors and matrices without intermediate overflow or underflow: the L⁰ count, L¹, L²,
//! L^∞ and Lᵖ of a list of entries, the Frobenius norm of a matrix and the lengths of its columns.
//!
//! L² and Lᵖ divide every entry by the largest one in size before raising it to a power, so entries
//! near 1e±200 neither overflow nor underflow, and a huge p tends to the L^∞ norm instead of ∞/∞.
//! L¹ is a plain sum: it overflows only when the true value does (the readout says so).

use nalgebra::DMatrix;

/// The number of non-zero entries (not a norm: ‖2v‖₀ = ‖v‖₀).
pub fn l0(v: &[f64]) -> f64 {
    v.iter().filter(|x| **x != 0.0).count() as f64
}

/// Σ|xᵢ| (may overflow to ∞, which the readout reports).
pub fn l1(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |s, x| s + x.abs())
}

/// max |xᵢ| (0 for no entries).
pub fn linf(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m: f64, x| m.max(x.abs()))
}

/// (Σ|xᵢ|ᵖ)^(1/p) for p > 0, computed as m·(Σ(|xᵢ|/m)ᵖ)^(1/p) with m = max|xᵢ|: every ratio is at
/// most 1, so no power overflows, and a huge p tends to m (the L^∞ norm) instead of ∞/∞.
pub fn lp(v: &[f64], p: f64) -> f64 {
    let m = linf(v);
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    if p == 1.0 {
        return l1(v);
    }
    let sum: f64 = v.iter().map(|x| (x.abs() / m).powf(p)).sum();
    m * sum.powf(1.0 / p)
}

/// √(Σ xᵢ²), computed as m·√(Σ(xᵢ/m)²) with m = max|xᵢ|, so that entries near 1e±200 neither
/// overflow nor underflow when squared.
pub fn l2(v: &[f64]) -> f64 {
    let m = linf(v);
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    m * v.iter().map(|x| (x / m) * (x / m)).sum::<f64>().sqrt()
}

/// ‖M‖_F = √(Σ Mᵢⱼ²) = √tr(MMᵀ): the L² norm of all the entries, scaled as [`l2`].
pub fn frobenius(m: &DMatrix<f64>) -> f64 {
    l2(m.as_slice())
}

/// The L² length of each column of `m`, scaled as [`l2`].
pub fn column_norms(m: &DMatrix<f64>) -> Vec<f64> {
    m.column_iter().map(|c| l2(c.as_slice())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn the_seeds_vector_and_extreme_scales() {
        let v = [3.0, 4.0];
        assert_eq!((l0(&v), l1(&v), l2(&v), linf(&v)), (2.0, 7.0, 5.0, 4.0));
        assert!(close(lp(&v, 3.0), 91f64.powf(1.0 / 3.0)));
        assert!(close(l2(&[3e200, 4e200]), 5e200));
        assert!(close(l2(&[3e-200, 4e-200]), 5e-200));
        assert_eq!(l1(&[1e308, 1e308]), f64::INFINITY);
        assert!(close(l2(&[1e308, 1e308]), 2f64.sqrt() * 1e308));
        assert_eq!([l0(&[0.0, 0.0]), l1(&[0.0]), l2(&[0.0, 0.0]), linf(&[]), lp(&[0.0], 3.0)], [0.0; 5]);
        // A huge p tends to the max norm without overflow; two equal maxima: 2^(1/p)·m → m.
        assert_eq!(lp(&[3.0, -4.0, 1e300], 1e6), 1e300);
        assert_eq!(lp(&[3.0, -4.0], 1e300), 4.0);
        assert!(close(lp(&[5.0, -5.0], 1000.0), 5.0 * 2f64.powf(0.001)));
        // p < 1 is only a measure: (√3 + √5)² for p = ½.
        assert!(close(lp(&[3.0, 5.0], 0.5), (3f64.sqrt() + 5f64.sqrt()).powi(2)));
    }

    #[test]
    fn frobenius_and_column_lengths() {
        let a = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 6.0, 4.0, 3.0, 2.0]);
        assert!(close(frobenius(&a), 70f64.sqrt()));
        assert!(close(frobenius(&DMatrix::from_element(2, 2, 1e200)), 2e200));
        assert_eq!(column_norms(&DMatrix::from_row_slice(2, 2, &[0.0, 1e200, 2.0, 0.0])), [2.0, 1e200]);
        assert_eq!(column_norms(&DMatrix::zeros(2, 1)), [0.0]);
    }

    fn vector() -> impl Strategy<Value = Vec<f64>> {
        proptest::collection::vec(-1e3f64..1e3, 1..=6)
    }

    proptest! {
        #[test]
        fn norms_are_ordered_and_homogeneous(v in vector(), k in -10.0f64..10.0, p in 1.0f64..50.0) {
            let (a1, a2, ai, ap) = (l1(&v), l2(&v), linf(&v), lp(&v, p));
            let tol = 1e-12 * a1.max(1.0);
            prop_assert!(ai <= a2 + tol && a2 <= a1 + tol);
            // ‖v‖ₚ falls from ‖v‖₁ to ‖v‖∞ as p grows.
            prop_assert!(ai <= ap + tol && ap <= a1 + tol);
            let kv: Vec<f64> = v.iter().map(|x| k * x).collect();
            prop_assert!((lp(&kv, p) - k.abs() * ap).abs() <= 1e-12 * (k.abs() * a1).max(1.0));
            prop_assert!((l2(&v).powi(2) - v.iter().map(|x| x * x).sum::<f64>()).abs() <= 1e-9 * a2.powi(2).max(1.0));
            // L² is Lᵖ at p = 2, up to rounding.
            prop_assert!((lp(&v, 2.0) - a2).abs() <= 1e-12 * a2.max(1.0));
        }

        #[test]
        fn the_triangle_inequality_holds_for_p_at_least_1(pair in proptest::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 1..=6), p in 1.0f64..20.0) {
            let (u, w): (Vec<f64>, Vec<f64>) = pair.into_iter().unzip();
            let s: Vec<f64> = u.iter().zip(&w).map(|(a, b)| a + b).collect();
            prop_assert!(lp(&s, p) <= (lp(&u, p) + lp(&w, p)) * (1.0 + 1e-12));
        }
    }
}
