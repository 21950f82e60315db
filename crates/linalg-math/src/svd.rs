//! The singular value decomposition and what is built on it: rank, condition number, pseudoinverse.
//!
//! nalgebra's plain `svd()` iterates without a limit (a NaN hangs it) and, for some matrices, returns
//! wrong singular values when U and V are requested (nalgebra issue #1172; `rank_deficient_…` below
//! found such a matrix: σ₁ off by 1e-3). So: validate, scale, decompose with `SVD::try_new_unordered` and an
//! iteration cap, verify the reconstruction, and when the check fails fall back to a one-sided Jacobi
//! SVD (slower, but accurate to the last bits, and plenty fast for the ≤ 8×8 matrices of the pages).
//! Matrices up to 3×3 first try the stack routines of [`super::small`] (a closed form for 2×2,
//! one-sided Jacobi otherwise), checked the same way.

use super::{small, NumericError, MAX_ITERATIONS};
use nalgebra::{DMatrix, DVector, SVD};

/// A thin SVD, A = U · diag(σ) · Vᵀ, with σ descending and a stable sign for each singular pair:
/// the largest-magnitude entry of each right singular vector is positive.
#[derive(Debug, Clone, PartialEq)]
pub struct Svd {
    /// m×k, orthonormal columns (k = min(m, n)).
    pub u: DMatrix<f64>,
    /// k singular values, descending, ≥ 0.
    pub singular_values: DVector<f64>,
    /// n×k, orthonormal columns (V itself, not Vᵀ).
    pub v: DMatrix<f64>,
}

/// Relative reconstruction residual (per unit of max(m, n)) above which a decomposition is rejected.
/// nalgebra's 2×2 path sometimes rebuilds A only to ~1e-12; those go to the Jacobi route, which
/// reaches ~1e-15, so readouts agree with numpy far inside the contract's 1e-9.
const RESIDUAL_TOLERANCE: f64 = 64.0 * f64::EPSILON;

/// The SVD of `a`, or why there is none.
pub fn svd(a: &DMatrix<f64>) -> Result<Svd, NumericError> {
    if a.is_empty() {
        return Err(NumericError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::NotFinite);
    }
    let (m, n) = a.shape();
    let k = m.min(n);
    let scale = a.amax();
    if scale == 0.0 {
        return Ok(Svd { u: DMatrix::identity(m, k), singular_values: DVector::zeros(k), v: DMatrix::identity(n, k) });
    }
    let out = match fast_small(a, scale) {
        Some(out) => out,
        None => {
            let unit = general(&(a / scale))?;
            Svd { singular_values: &unit.singular_values * scale, ..unit }
        }
    };
    if out.singular_values.iter().any(|s| !s.is_finite()) {
        return Err(NumericError::Overflow);
    }
    Ok(out)
}

/// The stack SVD of a matrix with at most 3 rows and 3 columns, divided by `scale`: the closed form
/// for 2×2 ([`small::svd_2x2`]), else one-sided Jacobi ([`small::svd_up_to_3`]). `None` for larger
/// matrices or when its check fails.
fn fast_small(a: &DMatrix<f64>, scale: f64) -> Option<Svd> {
    let (m, n) = a.shape();
    if m > small::SMALL || n > small::SMALL {
        return None;
    }
    if (m, n) == (2, 2) {
        if let Some(s) = small::svd_2x2(a[(0, 0)] / scale, a[(0, 1)] / scale, a[(1, 0)] / scale, a[(1, 1)] / scale) {
            return Some(Svd {
                u: DMatrix::from_fn(2, 2, |r, c| s.u[c][r]),
                singular_values: DVector::from_fn(2, |i, _| s.sigma[i] * scale),
                v: DMatrix::from_fn(2, 2, |r, c| s.v[c][r]),
            });
        }
    }
    let mut columns = [[0.0; small::SMALL]; small::SMALL];
    for (c, column) in columns.iter_mut().enumerate().take(n) {
        for (r, x) in column.iter_mut().enumerate().take(m) {
            *x = a[(r, c)] / scale;
        }
    }
    let s = small::svd_up_to_3(m, n, columns)?;
    let k = m.min(n);
    Some(Svd {
        u: DMatrix::from_fn(m, k, |r, c| s.u[c][r]),
        singular_values: DVector::from_fn(k, |i, _| s.sigma[i] * scale),
        v: DMatrix::from_fn(n, k, |r, c| s.v[c][r]),
    })
}

/// The general path for a matrix whose largest entry is 1: nalgebra, then one-sided Jacobi.
fn general(scaled: &DMatrix<f64>) -> Result<Svd, NumericError> {
    decompose(scaled).or_else(|_| jacobi(scaled))
}

/// Decomposes a matrix whose largest entry is 1 with nalgebra, then sorts, signs and checks it.
fn decompose(a: &DMatrix<f64>) -> Result<Svd, NumericError> {
    // `try_new` sorts with `partial_cmp(..).expect(..)` and so panics when a singular value comes out
    // NaN (entries that underflow after scaling, e.g. 1e298 beside 1e136); the unordered form does not,
    // and `finish` sorts and rejects non-finite values itself.
    let raw = SVD::try_new_unordered(a.clone(), true, true, f64::EPSILON, MAX_ITERATIONS).ok_or(NumericError::NoConvergence)?;
    let (Some(u), Some(v_t)) = (raw.u, raw.v_t) else { return Err(NumericError::Unstable) };
    finish(a, u, raw.singular_values, v_t.transpose())
}

/// One-sided Jacobi (Hestenes) SVD of a matrix whose largest entry is 1: rotate pairs of columns until
/// all are orthogonal; their norms are the singular values. At most `MAX_SWEEPS` sweeps.
fn jacobi(a: &DMatrix<f64>) -> Result<Svd, NumericError> {
    const MAX_SWEEPS: usize = 80;
    if a.nrows() < a.ncols() {
        let t = jacobi(&a.transpose())?;
        return Ok(Svd { u: t.v, singular_values: t.singular_values, v: t.u });
    }
    let n = a.ncols();
    let mut w = a.clone();
    let mut v = DMatrix::<f64>::identity(n, n);
    // Columns this small are numerically zero: rotating them only stirs rounding noise.
    let negligible = (f64::EPSILON * a.norm()).powi(2);
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for i in 0..n {
            for j in i + 1..n {
                let alpha = w.column(i).norm_squared();
                let beta = w.column(j).norm_squared();
                let gamma = w.column(i).dot(&w.column(j));
                if gamma.abs() <= f64::EPSILON * (alpha * beta).sqrt() || alpha.min(beta) <= negligible {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for m in [&mut w, &mut v] {
                    for r in 0..m.nrows() {
                        let (x, y) = (m[(r, i)], m[(r, j)]);
                        m[(r, i)] = c * x - s * y;
                        m[(r, j)] = s * x + c * y;
                    }
                }
            }
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(NumericError::NoConvergence);
    }
    let sigma = DVector::from_fn(n, |c, _| w.column(c).norm());
    let mut u = DMatrix::zeros(a.nrows(), n);
    let zero = negligible.sqrt() * n as f64;
    for c in 0..n {
        if sigma[c] > zero {
            u.set_column(c, &(w.column(c) / sigma[c]));
        }
    }
    complete_orthonormal(&mut u, &sigma.map(|s| if s > zero { s } else { 0.0 }));
    finish(a, u, sigma, v)
}

/// Replaces the columns of `u` whose singular value is 0 by unit vectors orthogonal to the others.
fn complete_orthonormal(u: &mut DMatrix<f64>, sigma: &DVector<f64>) {
    let m = u.nrows();
    for c in (0..u.ncols()).filter(|&c| sigma[c] == 0.0) {
        for e in 0..m {
            let mut candidate = DVector::<f64>::zeros(m);
            candidate[e] = 1.0;
            for k in (0..u.ncols()).filter(|&k| k != c && (sigma[k] > 0.0 || k < c)) {
                let proj = u.column(k).dot(&candidate);
                candidate -= u.column(k) * proj;
            }
            let norm = candidate.norm();
            if norm > 0.5 {
                u.set_column(c, &(candidate / norm));
                break;
            }
        }
    }
}

/// Sorts singular triples by descending σ, makes each right singular vector's largest entry positive,
/// and verifies A = UΣVᵀ and Σσ² = ‖A‖²_F.
fn finish(a: &DMatrix<f64>, u: DMatrix<f64>, sigma: DVector<f64>, v: DMatrix<f64>) -> Result<Svd, NumericError> {
    let mut order: Vec<usize> = (0..sigma.len()).collect();
    super::order::sort_by(&mut order, |&i, &j| sigma[j].total_cmp(&sigma[i]));
    let mut out = Svd {
        u: DMatrix::from_fn(u.nrows(), order.len(), |r, c| u[(r, order[c])]),
        singular_values: DVector::from_fn(order.len(), |i, _| sigma[order[i]]),
        v: DMatrix::from_fn(v.nrows(), order.len(), |r, c| v[(r, order[c])]),
    };
    for c in 0..out.v.ncols() {
        let pivot = out.v.column(c).iter().copied().fold(0.0_f64, |best, x| if x.abs() > best.abs() { x } else { best });
        if pivot < 0.0 {
            out.v.column_mut(c).neg_mut();
            out.u.column_mut(c).neg_mut();
        }
    }
    let rebuilt = &out.u * DMatrix::from_diagonal(&out.singular_values) * out.v.transpose();
    let norm = a.norm();
    let tolerance = RESIDUAL_TOLERANCE * a.nrows().max(a.ncols()) as f64;
    let sum_sq: f64 = out.singular_values.iter().map(|s| s * s).sum();
    let ok = out.singular_values.iter().all(|s| s.is_finite() && *s >= 0.0)
        && (rebuilt - a).norm() <= tolerance * norm.max(f64::MIN_POSITIVE)
        && (sum_sq - norm * norm).abs() <= tolerance * norm * norm;
    if ok {
        Ok(out)
    } else {
        Err(NumericError::Unstable)
    }
}

impl Svd {
    /// numpy's `matrix_rank` tolerance: σ_max · max(m, n) · ε.
    pub fn rank_tolerance(&self) -> f64 {
        let dims = self.u.nrows().max(self.v.nrows()) as f64;
        self.singular_values.max() * dims * f64::EPSILON
    }

    /// The numerical rank, as `np.linalg.matrix_rank`.
    pub fn rank(&self) -> usize {
        let tol = self.rank_tolerance();
        self.singular_values.iter().filter(|s| **s > tol).count()
    }

    /// σ_max / σ_min (the 2-norm condition number, as `np.linalg.cond`); `None` when σ_min is 0.
    pub fn condition_number(&self) -> Option<f64> {
        let (max, min) = (self.singular_values.max(), self.singular_values.min());
        (min > 0.0).then(|| max / min).filter(|c| c.is_finite())
    }

    /// The Moore–Penrose pseudoinverse V · diag(1/σ) · Uᵀ, dropping σ ≤ `rcond` · σ_max as numpy's
    /// `pinv` does (its default `rcond` is 1e-15).
    pub fn pseudo_inverse(&self, rcond: f64) -> Result<DMatrix<f64>, NumericError> {
        let cutoff = rcond * self.singular_values.max();
        let inv = self.singular_values.map(|s| if s > cutoff { 1.0 / s } else { 0.0 });
        let p = &self.v * DMatrix::from_diagonal(&inv) * self.u.transpose();
        if p.iter().all(|x| x.is_finite()) {
            Ok(p)
        } else {
            Err(NumericError::Overflow)
        }
    }
}

/// numpy's default `rcond` for `np.linalg.pinv`.
pub const PINV_RCOND: f64 = 1e-15;

/// The SVD of `a` as a page that plays "rotate, stretch, rotate" shows it: [`svd`], and for a square
/// matrix the sign of the last singular pair flipped when det V = −1, so that V is a rotation and any
/// reflection is in U. Flipping a pair (uₖ, vₖ) together leaves U · diag(σ) · Vᵀ unchanged.
pub fn svd_rotating_v(a: &DMatrix<f64>) -> Result<Svd, NumericError> {
    let mut s = svd(a)?;
    if a.is_square() && super::det::determinant(&s.v).sign() < 0 {
        let last = s.v.ncols() - 1;
        s.v.column_mut(last).neg_mut();
        s.u.column_mut(last).neg_mut();
    }
    Ok(s)
}

/// ‖A − U · diag(σ) · Vᵀ‖_F / ‖A‖_F for the factors `s` of `a`, computed on A and σ divided by A's
/// largest entry, so that it neither overflows (entries near 1e200) nor underflows (near 1e-200).
/// 0 for A = 0; `None` if it is not finite.
pub fn reconstruction_error(a: &DMatrix<f64>, s: &Svd) -> Option<f64> {
    let scale = a.amax();
    if scale == 0.0 {
        return Some(0.0);
    }
    let rebuilt = &s.u * DMatrix::from_diagonal(&(&s.singular_values / scale)) * s.v.transpose();
    let unit = a / scale;
    let err = (rebuilt - &unit).norm() / unit.norm();
    err.is_finite().then_some(err)
}

/// A⁺ as numpy's `np.linalg.pinv(a)` computes it: the pseudoinverse of the checked SVD, dropping
/// σ ≤ [`PINV_RCOND`] · σ_max.
pub fn pinv(a: &DMatrix<f64>) -> Result<DMatrix<f64>, NumericError> {
    svd(a).and_then(|s| s.pseudo_inverse(PINV_RCOND))
}

/// The least-squares line y ≈ slope·x + intercept through the points (`xs[i]`, `ys[i]`): A⁺y for
/// A = [x | 1], as `np.linalg.pinv(A) @ y`. `Ok(None)` when A's numerical rank is below 2 (all x
/// equal, or equal to rounding: slope and intercept cannot be told apart); `Err(Empty)` without
/// points or when the lengths differ; `Err(Overflow)` when the line does not fit in 64-bit floats.
pub fn fit_line(xs: &[f64], ys: &[f64]) -> Result<Option<(f64, f64)>, NumericError> {
    if xs.is_empty() || xs.len() != ys.len() {
        return Err(NumericError::Empty);
    }
    let a = DMatrix::from_fn(xs.len(), 2, |r, c| if c == 0 { xs[r] } else { 1.0 });
    let s = svd(&a)?;
    if s.rank() < 2 {
        return Ok(None);
    }
    let coef = s.pseudo_inverse(PINV_RCOND)? * DVector::from_column_slice(ys);
    let (slope, intercept) = (coef[0], coef[1]);
    if slope.is_finite() && intercept.is_finite() {
        Ok(Some((slope, intercept)))
    } else {
        Err(NumericError::Overflow)
    }
}

/// An orthonormal basis of A's null space {x : Ax = 0}, as the n − rank columns of a matrix (rank with
/// numpy's tolerance): the right singular vectors of the zero singular values, as
/// `scipy.linalg.null_space(A)` takes them. A wide A is padded with zero rows so its SVD has all n
/// right singular vectors (the padding changes neither the vectors nor the singular values). n×0 when
/// only 0 maps to 0. Any orthonormal basis of it: the pages show `subspace::null_basis`, which
/// does not depend on the SVD that found it.
pub fn null_space(a: &DMatrix<f64>) -> Result<DMatrix<f64>, NumericError> {
    let (m, n) = a.shape();
    let rank = svd(a)?.rank();
    let full = if m >= n { svd(a)? } else { svd(&a.clone().resize(n, n, 0.0))? };
    Ok(full.v.columns(rank, n - rank).into_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: &DMatrix<f64>, b: &DMatrix<f64>, tol: f64) -> bool {
        (a - b).norm() <= tol * b.norm().max(1.0)
    }

    #[test]
    fn the_seeds_example() {
        let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]);
        let s = svd(&a).unwrap();
        // σ₁σ₂ = |det A| = 29 and σ₁² + σ₂² = ‖A‖²_F = 87; the seed prints σ = [8.7134, 3.3282].
        assert!((s.singular_values[0] * s.singular_values[1] - 29.0).abs() < 1e-12);
        assert!((s.singular_values.norm_squared() - 87.0).abs() < 1e-12);
        assert!((s.singular_values[0] - 8.7134).abs() < 1e-4 && (s.singular_values[1] - 3.3282).abs() < 1e-4);
        assert_eq!(s.rank(), 2);
        assert!(s.v.column(0).amax() > 0.0);
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
        assert!(close(&rebuilt, &a, 1e-12));
    }

    #[test]
    fn reconstructs_to_near_machine_precision() {
        // nalgebra's own 2×2 result rebuilds this only to ~1.7e-12; the checked route does better.
        let a = DMatrix::from_row_slice(2, 2, &[0.1207, 9.8416, -1.8531, 0.6391]);
        let s = svd(&a).unwrap();
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
        assert!((rebuilt - &a).norm() <= 1e-14 * a.norm());
    }

    #[test]
    fn non_square_rank_and_pinv() {
        let a = DMatrix::from_row_slice(3, 2, &[7.0, 2.0, 3.0, 4.0, 5.0, 3.0]);
        let s = svd(&a).unwrap();
        assert!((s.singular_values[0] - 10.2514).abs() < 1e-4 && (s.singular_values[1] - 2.6284).abs() < 1e-4);
        let p = s.pseudo_inverse(PINV_RCOND).unwrap();
        let want = DMatrix::from_row_slice(2, 3, &[0.1667, -0.1061, 0.0303, -0.1667, 0.2879, 0.0606]);
        assert!((p - want).amax() < 1e-4);
        let singular = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0]);
        let s = svd(&singular).unwrap();
        assert_eq!(s.rank(), 1);
        assert_eq!(s.condition_number(), None);
    }

    #[test]
    fn extreme_scales_zero_and_bad_input() {
        for scale in [1e-200, 1e200, 1e300] {
            let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]) * scale;
            let s = svd(&a).unwrap();
            assert!((s.singular_values[0] / scale - 8.7133796929).abs() < 1e-9, "{scale}");
        }
        assert_eq!(svd(&DMatrix::zeros(2, 3)).unwrap().rank(), 0);
        assert_eq!(svd(&DMatrix::zeros(0, 0)), Err(NumericError::Empty));
        assert_eq!(svd(&DMatrix::from_row_slice(1, 2, &[f64::NAN, 1.0])), Err(NumericError::NotFinite));
        assert_eq!(svd(&DMatrix::from_row_slice(1, 2, &[f64::MAX, f64::MAX])), Err(NumericError::Overflow));
    }

    #[test]
    fn a_nan_inside_nalgebra_is_an_error_not_a_panic() {
        // Found by inverse's property test: nalgebra's sorted SVD panicked ("Singular value was NaN").
        let mut a = DMatrix::zeros(6, 6);
        a[(0, 0)] = 0.5210900725501516e298;
        a[(1, 5)] = 3.463_451_464_462_49e136;
        a[(3, 5)] = -6.332508329752747e188;
        a[(5, 4)] = -2.064876237201563e152;
        let s = svd(&a).unwrap();
        assert!((s.singular_values[0] - 0.5210900725501516e298).abs() < 1e-12 * 0.5210900725501516e298);
    }

    #[test]
    fn falls_back_when_nalgebra_gets_the_singular_values_wrong() {
        // Found by the property test below: nalgebra 0.35 returns σ₁ = 2.5466 (true: 2.5446) with U, V.
        let left = DMatrix::from_row_slice(
            5,
            2,
            &[
                4.505904396485932,
                -0.9347830068143258,
                -2.2694425434349426,
                -1.8635621557883466,
                -2.3355036073537523,
                -3.194484013916125,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        );
        let right = DMatrix::from_row_slice(
            2,
            5,
            &[
                -4.552855022790233,
                3.700216012489118,
                1.101315375660799,
                1.7681873288303684,
                -3.796966122874755,
                -3.2010246059926803,
                2.603842735880031,
                -3.0927261305624163,
                -2.07131832723049,
                -2.987008278323557,
            ],
        );
        let a = left * right;
        let s = svd(&a).unwrap();
        assert_eq!(s.rank(), 2);
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
        assert!(close(&rebuilt, &a, 1e-12));
        assert!((s.singular_values.norm_squared() - a.norm_squared()).abs() < 1e-12 * a.norm_squared());
        let orthonormal = s.u.transpose() * &s.u;
        assert!(close(&orthonormal, &DMatrix::identity(5, 5), 1e-12));
        assert!(jacobi(&(&a / a.amax())).is_ok());
    }

    /// A 2×2 or 3×3 test matrix of a given kind from entries in [−1, 1]: 0 random, 1 with a repeated
    /// singular value (a scaled rotation or reflection), 2 nearly singular, 3 exactly rank one.
    pub(crate) fn kind_of_matrix(n: usize, kind: usize, entries: &[f64]) -> DMatrix<f64> {
        let random = DMatrix::from_fn(n, n, |r, c| entries[r * n + c]);
        let u = DMatrix::from_fn(n, 1, |r, _| entries[r] + 2.0);
        let v = DMatrix::from_fn(1, n, |_, c| entries[n + c] - 2.0);
        match kind {
            0 => random,
            1 => nalgebra::linalg::QR::new(random).q() * (entries[n * n - 1] + 2.0),
            2 => &u * &v + random * 1e-9,
            _ => &u * &v,
        }
    }

    /// Whether two unit vectors are equal, or opposite when their largest entries tie in magnitude
    /// (then the sign convention may pick either).
    fn same_direction(x: nalgebra::DVectorView<f64>, y: nalgebra::DVectorView<f64>, tol: f64) -> bool {
        let mut magnitudes: Vec<f64> = y.iter().map(|e| e.abs()).collect();
        magnitudes.sort_by(|a, b| b.total_cmp(a));
        let tie = magnitudes.len() > 1 && magnitudes[0] - magnitudes[1] < 1e-9;
        (x - y).amax() <= tol || (tie && (x + y).amax() <= tol)
    }

    proptest! {
        #[test]
        fn null_space_bases_are_orthonormal_and_complete(m in 1usize..=4, n in 1usize..=4, r in 0usize..=4, seed in proptest::collection::vec(-1.0f64..1.0, 32)) {
            let r = r.min(m).min(n);
            let a = DMatrix::from_fn(m, r, |i, j| seed[i * 4 + j]) * DMatrix::from_fn(r, n, |i, j| seed[16 + i * 4 + j]);
            let basis = null_space(&a).unwrap();
            prop_assert_eq!(basis.ncols(), n - svd(&a).unwrap().rank());
            prop_assert!((basis.transpose() * &basis - DMatrix::identity(basis.ncols(), basis.ncols())).amax() < 1e-12);
            prop_assert!((&a * &basis).amax() <= 1e-12 * a.amax().max(1.0));
        }

        #[test]
        fn fast_paths_agree_with_the_general_path(n in 2usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 9), kind in 0usize..4,
                                                  exp in -150i32..=150) {
            let a = kind_of_matrix(n, kind, &entries) * 10f64.powi(exp);
            let scale = a.amax();
            prop_assume!(scale > 0.0);
            let fast = fast_small(&a, scale);
            prop_assert!(fast.is_some(), "the fast path rejected {a}");
            let fast = fast.unwrap();
            let general = general(&(&a / scale)).unwrap();
            let s = &(&fast.singular_values / scale);
            prop_assert!((s - &general.singular_values).amax() <= 1e-14 * s[0], "{s} vs {}", general.singular_values);
            let gaps = (0..n).all(|c| (0..n).all(|k| k == c || (s[c] - s[k]).abs() > 1e-6 * s[0]));
            if gaps {
                for c in 0..n {
                    prop_assert!(same_direction(fast.v.column(c), general.v.column(c), 1e-8), "{} vs {}", fast.v, general.v);
                }
            }
            let full = svd(&a).unwrap();
            prop_assert!((&full.singular_values / scale - s).amax() <= 1e-15 * s[0]);
        }

        #[test]
        fn stack_jacobi_handles_every_small_shape(rows in 1usize..=3, cols in 1usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 9),
                                                  rank_one in proptest::bool::ANY) {
            let mut a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 3 + c]);
            if rank_one {
                a = a.column(0) * a.row(0);
            }
            let scale = a.amax();
            prop_assume!(scale > 0.0);
            let fast = fast_small(&a, scale);
            prop_assert!(fast.is_some(), "the fast path rejected {a}");
            let fast = fast.unwrap();
            let general = general(&(&a / scale)).unwrap();
            prop_assert!((&fast.singular_values / scale - &general.singular_values).amax() <= 1e-14);
            let k = rows.min(cols);
            prop_assert!((fast.u.transpose() * &fast.u - DMatrix::identity(k, k)).amax() < 1e-14);
            prop_assert!((fast.v.transpose() * &fast.v - DMatrix::identity(k, k)).amax() < 1e-14);
        }

        #[test]
        fn jacobi_alone_reconstructs(rows in 1usize..=6, cols in 1usize..=6, entries in proptest::collection::vec(-1.0f64..1.0, 36)) {
            let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c]);
            let s = jacobi(&a).unwrap();
            let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
            prop_assert!(close(&rebuilt, &a, 1e-12));
        }

        #[test]
        fn reconstructs_and_pinv_satisfies_penrose(rows in 1usize..=6, cols in 1usize..=6,
                                                   entries in proptest::collection::vec(-10.0f64..10.0, 36)) {
            let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c]);
            let s = svd(&a).unwrap();
            let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
            prop_assert!(close(&rebuilt, &a, 1e-10));
            prop_assert!(s.singular_values.as_slice().windows(2).all(|w| w[0] >= w[1]));
            let p = s.pseudo_inverse(PINV_RCOND).unwrap();
            prop_assert!(close(&(&a * &p * &a), &a, 1e-8));
            prop_assert!(close(&(&p * &a * &p), &p, 1e-8));
        }

        #[test]
        fn rank_deficient_products_have_low_rank(r in 1usize..=3, seed in proptest::collection::vec(-5.0f64..5.0, 36)) {
            let left = DMatrix::from_fn(5, r, |i, j| seed[i * 6 + j]);
            let right = DMatrix::from_fn(r, 5, |i, j| seed[18 + i * 6 + j]);
            prop_assert!(svd(&(left * right)).unwrap().rank() <= r);
        }
    }

    #[test]
    fn the_null_space_is_what_a_maps_to_zero() {
        let line = null_space(&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0])).unwrap();
        assert_eq!(line.shape(), (2, 1));
        assert!((line.column(0).into_owned() - nalgebra::DVector::from_vec(vec![2.0, -1.0]) / 5f64.sqrt()).amax() < 1e-15, "{line}");
        assert_eq!(null_space(&DMatrix::identity(3, 3)).unwrap().shape(), (3, 0));
        assert_eq!(null_space(&DMatrix::zeros(2, 3)).unwrap().shape(), (3, 3));
        let wide = DMatrix::from_row_slice(2, 3, &[1.0, 0.0, 1.0, 0.0, 1.0, 1.0]);
        let n = null_space(&wide).unwrap();
        assert_eq!(n.shape(), (3, 1));
        assert!((&wide * &n).amax() < 1e-15);
    }

    #[test]
    fn rotating_v_puts_any_reflection_in_u() {
        // The seed's A = [[3, 7], [5, 2]] has det A = −29: V turns, U mirrors.
        let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]);
        let s = svd_rotating_v(&a).unwrap();
        assert!((s.v.determinant() - 1.0).abs() < 1e-12 && (s.u.determinant() + 1.0).abs() < 1e-12);
        assert!(reconstruction_error(&a, &s).unwrap() < 1e-15);
        // Non-square matrices keep the shared signs.
        let tall = DMatrix::from_row_slice(3, 2, &[7.0, 2.0, 3.0, 4.0, 5.0, 3.0]);
        assert_eq!(svd_rotating_v(&tall), svd(&tall));
        assert_eq!(svd_rotating_v(&DMatrix::zeros(0, 0)), Err(NumericError::Empty));
    }

    #[test]
    fn the_reconstruction_error_survives_extreme_scales() {
        for scale in [1e-200, 1.0, 1e200] {
            let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]) * scale;
            let s = svd_rotating_v(&a).unwrap();
            assert!(reconstruction_error(&a, &s).unwrap() < 1e-14, "{scale}");
        }
        let zero = DMatrix::zeros(2, 3);
        assert_eq!(reconstruction_error(&zero, &svd(&zero).unwrap()), Some(0.0));
    }

    #[test]
    fn pinv_and_the_seeds_line_fit() {
        // A⁺ of the seed's three lines, and its line through six points: slope 14/65, intercept 11/5.
        let a = DMatrix::from_row_slice(3, 2, &[-2.0, -1.0, 4.0, -1.0, -1.0, -1.0]);
        let x = pinv(&a).unwrap() * DMatrix::from_column_slice(3, 1, &[-2.0, -8.0, -2.0]);
        assert!((x[0] + 33.0 / 31.0).abs() < 1e-14 && (x[1] - 113.0 / 31.0).abs() < 1e-14, "{x}");
        assert_eq!(pinv(&DMatrix::zeros(2, 2)).unwrap(), DMatrix::zeros(2, 2));
        assert_eq!(pinv(&DMatrix::from_row_slice(2, 2, &[1e-310, 0.0, 0.0, 1e-310])), Err(NumericError::Overflow));
        let (slope, intercept) = fit_line(&[0.0, 1.0, 2.0, 3.0, 3.0, 4.0], &[2.0, 4.0, 0.0, 2.0, 5.0, 3.0]).unwrap().unwrap();
        assert!((slope - 14.0 / 65.0).abs() < 1e-14 && (intercept - 2.2).abs() < 1e-14);
        assert_eq!(fit_line(&[2.0, 2.0, 2.0], &[1.0, 5.0, 3.0]), Ok(None), "all x equal");
        assert_eq!(fit_line(&[1.0], &[1.0]), Ok(None), "one point");
        assert_eq!(fit_line(&[], &[]), Err(NumericError::Empty));
        assert_eq!(fit_line(&[1.0, 2.0], &[1.0]), Err(NumericError::Empty));
        assert_eq!(fit_line(&[1e300, 1e300 + 1e285], &[0.0, 1.0]), Ok(None), "rank-deficient to rounding");
    }

    proptest! {
        #[test]
        fn rotating_v_keeps_the_factors_and_makes_v_a_rotation(n in 1usize..=5, entries in proptest::collection::vec(-10.0f64..10.0, 25)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 5 + c]);
            let s = svd_rotating_v(&a).unwrap();
            prop_assert!(s.v.determinant() > 0.0);
            if s.rank() == n {
                prop_assert_eq!(s.u.determinant() < 0.0, a.determinant() < 0.0);
            }
            prop_assert!(reconstruction_error(&a, &s).unwrap() < 1e-12);
        }

        #[test]
        fn the_fitted_line_is_least_squares(points in proptest::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 2..12), dx in -1.0f64..1.0, db in -1.0f64..1.0) {
            let (xs, ys): (Vec<f64>, Vec<f64>) = points.iter().copied().unzip();
            let largest = xs.iter().chain(&ys).fold(1.0_f64, |m, v| m.max(v.abs()));
            let rss = |a: f64, b: f64| xs.iter().zip(&ys).map(|(x, y)| (y - (a * x + b)).powi(2)).sum::<f64>();
            match fit_line(&xs, &ys).unwrap() {
                Some((a, b)) => {
                    // Any other line does no better; the residuals sum to zero and are orthogonal to x.
                    prop_assert!(rss(a + dx * 1e-3, b + db * 1e-3) >= rss(a, b) - 1e-9 * rss(a, b).max(1.0));
                    let r: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| y - a * x - b).collect();
                    let scale = largest.powi(2) * xs.len() as f64;
                    prop_assert!(r.iter().sum::<f64>().abs() <= 1e-9 * scale);
                    prop_assert!(r.iter().zip(&xs).map(|(e, x)| e * x).sum::<f64>().abs() <= 1e-9 * scale);
                }
                None => prop_assert!(xs.iter().all(|x| (x - xs[0]).abs() <= 1e-9 * largest)),
            }
        }
    }
}
