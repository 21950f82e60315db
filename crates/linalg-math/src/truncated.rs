//! The k largest singular triples of a large matrix (an image), much faster than the full SVD:
//! randomised block subspace iteration (Halko, Martinsson & Tropp 2011, algorithm 4.4) with a
//! Rayleigh–Ritz step through the verified small SVD of [`super::svd`].
//!
//! Bounded: at most [`MAX_POWER_ITERATIONS`] power iterations; it stops earlier once the k Ritz
//! values change by less than [`RITZ_TOLERANCE`] (relative to σ₁) from one iteration to the next,
//! and reports [`NumericError::NoConvergence`] if they never settle (the caller may then fall back
//! to the full SVD). The random start is a fixed-seed sequence, so results are reproducible.

use super::svd::{svd, Svd};
use super::{NumericError, MAX_ITERATIONS};
use nalgebra::{DMatrix, DVector, QR, SVD};

/// Extra columns beyond k in the search subspace: they speed up convergence of the k-th triple.
pub const OVERSAMPLING: usize = 10;
/// Most power iterations (each costs two products of the matrix with an n×(k + p) block).
pub const MAX_POWER_ITERATIONS: usize = 40;
/// Below min(m, n) = this × (k + [`OVERSAMPLING`]) the full SVD is faster (measured in
/// docs/benchmarks.md: at k = 20 the iteration wins from 256×256 on) and is used instead.
pub const FULL_SVD_RATIO: usize = 8;
/// Largest change of a Ritz value (relative to σ₁) between two iterations at which they count as settled.
pub const RITZ_TOLERANCE: f64 = 1e-13;

/// The k largest singular triples, A ≈ U · diag(σ) · Vᵀ.
#[derive(Debug, Clone, PartialEq)]
pub struct TopK {
    /// The rank-k factors: `u` is m×k, `singular_values` k descending, `v` n×k (same signs as [`Svd`]).
    pub svd: Svd,
    /// ‖A − U·diag(σ)·Vᵀ‖_F / ‖A‖_F, from ‖A‖²_F − Σσ² (exact for an orthogonal projection).
    pub relative_error: f64,
    /// Power iterations used.
    pub iterations: usize,
}

/// A deterministic start block with entries uniform in [−1, 1) (SplitMix64).
fn start_block(rows: usize, cols: usize) -> DMatrix<f64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    DMatrix::from_fn(rows, cols, |_, _| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    })
}

/// An orthonormal basis of the columns of `y` (Householder QR: no iteration).
fn orthonormal(y: DMatrix<f64>) -> DMatrix<f64> {
    QR::new(y).q()
}

/// The `k` largest singular triples of `a` (1 ≤ k ≤ min(m, n)), with the full SVD for matrices
/// too small for the iteration to pay (see [`FULL_SVD_RATIO`]).
pub fn top_k_svd(a: &DMatrix<f64>, k: usize) -> Result<TopK, NumericError> {
    let (m, n) = a.shape();
    if a.is_empty() || k == 0 || k > m.min(n) {
        return Err(NumericError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::NotFinite);
    }
    let scale = a.amax();
    if scale == 0.0 {
        let zero = Svd { u: DMatrix::identity(m, k), singular_values: DVector::zeros(k), v: DMatrix::identity(n, k) };
        return Ok(TopK { svd: zero, relative_error: 0.0, iterations: 0 });
    }
    let b = a / scale;
    let norm_sq = b.norm_squared();
    if (k + OVERSAMPLING) * FULL_SVD_RATIO > m.min(n) {
        return Ok(finish(truncate(svd(&b)?, k), scale, norm_sq, 0));
    }
    let (s, iterations) = subspace_iteration(&b, k)?;
    Ok(finish(s, scale, norm_sq, iterations))
}

/// The top-k triples of `b` (‖b‖_max = 1) and the iterations used, by randomised subspace iteration.
fn subspace_iteration(b: &DMatrix<f64>, k: usize) -> Result<(Svd, usize), NumericError> {
    let n = b.ncols();
    let width = (k + OVERSAMPLING).min(b.nrows().min(n));
    let mut q = orthonormal(b * start_block(n, width));
    let mut previous: Option<DVector<f64>> = None;
    for iteration in 1..=MAX_POWER_ITERATIONS {
        // C = QᵀB serves twice: its singular values are the Ritz values, and Cᵀ = BᵀQ is the next
        // half-step of the power iteration.
        let c = q.tr_mul(b);
        let ritz = ritz_values(&c, k)?;
        let settled = previous.as_ref().is_some_and(|p| (p - &ritz).amax() <= RITZ_TOLERANCE * ritz[0].max(f64::MIN_POSITIVE));
        if settled {
            // Rayleigh–Ritz: the verified SVD of the small width×n matrix C, lifted by Q.
            let small = svd(&c)?;
            return Ok((truncate(Svd { u: &q * small.u, ..small }, k), iteration));
        }
        previous = Some(ritz);
        q = orthonormal(b * orthonormal(c.transpose()));
    }
    Err(NumericError::NoConvergence)
}

/// The k largest singular values of `c`, descending, without vectors (only to watch convergence).
fn ritz_values(c: &DMatrix<f64>, k: usize) -> Result<DVector<f64>, NumericError> {
    let s = SVD::try_new_unordered(c.clone(), false, false, f64::EPSILON, MAX_ITERATIONS).ok_or(NumericError::NoConvergence)?;
    let mut values: Vec<f64> = s.singular_values.iter().copied().collect();
    if values.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::Unstable);
    }
    super::order::sort_by(&mut values, |x, y| y.total_cmp(x));
    Ok(DVector::from_iterator(k, values.into_iter().take(k)))
}

/// The first k singular triples of `s`.
fn truncate(s: Svd, k: usize) -> Svd {
    Svd { u: s.u.columns(0, k).into_owned(), singular_values: s.singular_values.rows(0, k).into_owned(), v: s.v.columns(0, k).into_owned() }
}

/// Scales σ back (the triples were computed on B = A / `scale`, with ‖B‖²_F = `norm_sq` > 0) and
/// records the relative error.
fn finish(s: Svd, scale: f64, norm_sq: f64, iterations: usize) -> TopK {
    let kept: f64 = s.singular_values.iter().map(|x| x * x).sum();
    let relative_error = ((norm_sq - kept).max(0.0) / norm_sq).sqrt();
    TopK { svd: Svd { singular_values: s.singular_values * scale, ..s }, relative_error, iterations }
}

/// Adds the rank-one layers σᵢ · uᵢ · vᵢᵀ of `s` for i in `layers` (0-based) to `sum`, in order: the
/// same additions whether a sum is built at once or layer by layer, so the entries of A_k never
/// depend on the path by which k was reached.
pub fn add_layers(s: &Svd, sum: &mut DMatrix<f64>, layers: std::ops::Range<usize>) {
    for i in layers {
        sum.ger(s.singular_values[i], &s.u.column(i), &s.v.column(i), 1.0);
    }
}

/// √(Σ_{i>k} σᵢ² / Σ σᵢ²): the relative Frobenius error ‖A − A_k‖_F / ‖A‖_F of the best rank-k
/// approximation, from the singular values alone. The tail is summed on its own (not as the total
/// minus the kept part, which would cancel catastrophically). 0 when every σ is 0.
pub fn dropped_share(sigma: &DVector<f64>, k: usize) -> f64 {
    let total: f64 = sigma.iter().map(|s| s * s).sum();
    let tail: f64 = sigma.iter().skip(k).map(|s| s * s).sum();
    if total > 0.0 {
        (tail / total).sqrt()
    } else {
        0.0
    }
}

/// Σ_{i≤k} σᵢ² / Σ σᵢ²: the share of ‖A‖²_F that the first k singular values carry (1 when every σ
/// is 0: nothing is lost).
pub fn kept_energy(sigma: &DVector<f64>, k: usize) -> f64 {
    let total: f64 = sigma.iter().map(|s| s * s).sum();
    let kept: f64 = sigma.iter().take(k).map(|s| s * s).sum();
    if total > 0.0 {
        kept / total
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An m×n matrix with singular values 1, 1/2, 1/4, … (fast decay, like a smooth image) and
    /// pseudo-random singular vectors.
    fn decaying(m: usize, n: usize) -> DMatrix<f64> {
        let u = orthonormal(start_block(m, m.min(n)));
        let v = orthonormal(start_block(n + 3, m.min(n)).rows(0, n).into_owned());
        let sigma = DVector::from_fn(m.min(n), |i, _| 0.5f64.powi(i as i32));
        u * DMatrix::from_diagonal(&sigma) * v.transpose()
    }

    #[test]
    fn agrees_with_the_full_svd() {
        for (m, n, k) in [(60, 40, 5), (40, 60, 8), (64, 64, 20)] {
            let a = decaying(m, n);
            let (s, iterations) = subspace_iteration(&a, k).unwrap();
            let top = finish(s, 1.0, a.norm_squared(), iterations);
            let full = svd(&a).unwrap();
            assert!(top.iterations > 0 && top.iterations <= MAX_POWER_ITERATIONS);
            let want = full.singular_values.rows(0, k);
            assert!((&top.svd.singular_values - want).amax() <= 1e-12 * want[0], "{} vs {want}", top.svd.singular_values);
            for c in 0..k {
                // Same signs as the full SVD: the largest entry of each right vector is positive.
                assert!((top.svd.v.column(c) - full.v.column(c)).amax() < 1e-8, "column {c}");
                assert!((top.svd.u.column(c) - full.u.column(c)).amax() < 1e-8, "column {c}");
            }
            let rest: f64 = full.singular_values.rows(k, m.min(n) - k).norm_squared();
            assert!((top.relative_error - (rest / a.norm_squared()).sqrt()).abs() < 1e-6);
        }
    }

    #[test]
    fn large_matrices_iterate_and_small_ones_do_not() {
        let a = decaying(260, 250);
        let top = top_k_svd(&a, 20).unwrap();
        assert!(top.iterations > 0);
        let want = svd(&a).unwrap().singular_values.rows(0, 20).into_owned();
        assert!((&top.svd.singular_values - want).amax() < 1e-12);
        assert_eq!(top_k_svd(&decaying(120, 120), 6).unwrap().iterations, 0);
    }

    #[test]
    fn small_or_zero_matrices_and_bad_input() {
        let a = decaying(12, 12);
        let top = top_k_svd(&a, 4).unwrap();
        assert_eq!(top.iterations, 0);
        let full = svd(&a).unwrap().singular_values.rows(0, 4).into_owned();
        assert!((&top.svd.singular_values - full).amax() < 1e-15);
        assert_eq!(top_k_svd(&DMatrix::zeros(50, 50), 3).unwrap().svd.singular_values, DVector::zeros(3));
        assert_eq!(top_k_svd(&a, 0), Err(NumericError::Empty));
        assert_eq!(top_k_svd(&a, 13), Err(NumericError::Empty));
        let mut bad = decaying(40, 40);
        bad[(3, 3)] = f64::INFINITY;
        assert_eq!(top_k_svd(&bad, 2), Err(NumericError::NotFinite));
    }

    #[test]
    fn extreme_scales() {
        for scale in [1e-150, 1e150] {
            let a = decaying(250, 240) * scale;
            let top = top_k_svd(&a, 3).unwrap();
            assert!((top.svd.singular_values[0] / scale - 1.0).abs() < 1e-12 && (top.svd.singular_values[2] / scale - 0.25).abs() < 1e-12);
        }
    }

    #[test]
    fn layers_add_up_to_the_matrix_and_the_shares_agree() {
        let a = decaying(30, 20);
        let s = svd(&a).unwrap();
        let mut sum = DMatrix::zeros(30, 20);
        add_layers(&s, &mut sum, 0..5);
        let mut stepwise = DMatrix::zeros(30, 20);
        for k in 0..5 {
            add_layers(&s, &mut stepwise, k..k + 1);
        }
        assert_eq!(sum, stepwise, "bit for bit");
        let measured = (&a - &sum).norm() / a.norm();
        assert!((measured - dropped_share(&s.singular_values, 5)).abs() < 1e-12);
        assert!((kept_energy(&s.singular_values, 5) + dropped_share(&s.singular_values, 5).powi(2) - 1.0).abs() < 1e-12);
        add_layers(&s, &mut sum, 5..20);
        assert!((&sum - &a).amax() < 1e-12);
        assert_eq!((dropped_share(&s.singular_values, 20), kept_energy(&s.singular_values, 20)), (0.0, 1.0));
        let zero = DVector::zeros(3);
        assert_eq!((dropped_share(&zero, 1), kept_energy(&zero, 1)), (0.0, 1.0));
    }
}
