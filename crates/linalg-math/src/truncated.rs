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
/// The tolerance for a picture's top triples: Ritz values settled to 1e-5 of σ₁ change no pixel of
/// 8 bits (1/255 ≈ 4e-3 of the range). A noisy photo's tail singular values are close together and
/// never settle to [`RITZ_TOLERANCE`] within [`MAX_POWER_ITERATIONS`]; the rank-k images and both
/// errors are exact for the triples found either way (A_k = U_kU_kᵀA is an orthogonal projection).
pub const PICTURE_TOLERANCE: f64 = 1e-5;

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

/// Below this many entries a matrix under the [`FULL_SVD_RATIO`] rule gets the full SVD in one step;
/// above it the iteration runs even where the full SVD would be faster in total, so that no single
/// [`TopKJob::step`] takes long (the full SVD of 384×512 takes about a second).
pub const FULL_SVD_MAX_ENTRIES: usize = 256 * 256;

/// The `k` largest singular triples of `a` (1 ≤ k ≤ min(m, n)), with the full SVD for matrices
/// too small for the iteration to pay (see [`FULL_SVD_RATIO`]): a [`TopKJob`] run to the end.
pub fn top_k_svd(a: &DMatrix<f64>, k: usize) -> Result<TopK, NumericError> {
    let mut job = TopKJob::new(a, k, RITZ_TOLERANCE)?;
    loop {
        if let Some(top) = job.step()? {
            return Ok(top);
        }
    }
}

/// Refuses an empty `a`, a `k` outside 1 ≤ k ≤ min(m, n) and entries that are not finite.
fn check(a: &DMatrix<f64>, k: usize) -> Result<(), NumericError> {
    let (m, n) = a.shape();
    if a.is_empty() || k == 0 || k > m.min(n) {
        return Err(NumericError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::NotFinite);
    }
    Ok(())
}

/// Where a [`TopKJob`] is.
#[derive(Debug, Clone)]
enum Phase {
    /// Small enough for the full SVD, done in the next step.
    Full,
    /// Subspace iteration: the orthonormal basis `q` after `done` power iterations, and the Ritz
    /// values of the last one.
    Iterate { q: DMatrix<f64>, done: usize, previous: Option<DVector<f64>> },
    /// Finished (the result was handed out).
    Finished,
}

/// [`top_k_svd`] in bounded slices: each [`TopKJob::step`] does one power iteration (two products of
/// the matrix with an n×(k + [`OVERSAMPLING`]) block and their QRs) or, for a small matrix, the
/// whole full SVD, so a page can run it between frames and show [`TopKJob::progress`].
#[derive(Debug, Clone)]
pub struct TopKJob {
    /// A / scale (‖B‖_max = 1).
    b: DMatrix<f64>,
    scale: f64,
    /// ‖B‖²_F.
    norm_sq: f64,
    k: usize,
    /// The Ritz values' largest change (relative to σ₁) at which they count as settled.
    tolerance: f64,
    phase: Phase,
    /// The result of a zero matrix, known at once.
    zero: Option<TopK>,
    progress: f64,
}

impl TopKJob {
    /// Checks `a` and `k` (1 ≤ k ≤ min(m, n), finite entries) and prepares the job; no iteration yet.
    /// The iteration stops once the k Ritz values change by at most `tolerance` (relative to σ₁,
    /// clamped to at least [`RITZ_TOLERANCE`]) from one iteration to the next: [`top_k_svd`] asks for
    /// [`RITZ_TOLERANCE`], a picture of 8-bit pixels needs far less (see [`PICTURE_TOLERANCE`]).
    pub fn new(a: &DMatrix<f64>, k: usize, tolerance: f64) -> Result<TopKJob, NumericError> {
        let tolerance = tolerance.max(RITZ_TOLERANCE);
        check(a, k)?;
        let (m, n) = a.shape();
        let scale = a.amax();
        let mut job = TopKJob { b: DMatrix::zeros(0, 0), scale, norm_sq: 0.0, k, tolerance, phase: Phase::Full, zero: None, progress: 0.0 };
        if scale == 0.0 {
            let zero = Svd { u: DMatrix::identity(m, k), singular_values: DVector::zeros(k), v: DMatrix::identity(n, k) };
            job.zero = Some(TopK { svd: zero, relative_error: 0.0, iterations: 0 });
            return Ok(job);
        }
        job.b = a / scale;
        job.norm_sq = job.b.norm_squared();
        if (k + OVERSAMPLING) * FULL_SVD_RATIO <= m.min(n) || m * n > FULL_SVD_MAX_ENTRIES {
            let width = (k + OVERSAMPLING).min(m.min(n));
            let q = orthonormal(&job.b * start_block(n, width));
            job.phase = Phase::Iterate { q, done: 0, previous: None };
        }
        Ok(job)
    }

    /// How far the job is, from 0 to 1, never decreasing: the larger of the iterations used out of
    /// [`MAX_POWER_ITERATIONS`] and how many of the digits to the tolerance the Ritz values have
    /// settled.
    pub fn progress(&self) -> f64 {
        self.progress
    }

    /// Does one slice of work; `Some` with the triples when they are ready (then the job is spent:
    /// further steps return [`NumericError::Empty`]).
    pub fn step(&mut self) -> Result<Option<TopK>, NumericError> {
        if let Some(zero) = self.zero.take() {
            self.phase = Phase::Finished;
            self.progress = 1.0;
            return Ok(Some(zero));
        }
        let k = self.k;
        let result = match std::mem::replace(&mut self.phase, Phase::Finished) {
            Phase::Finished => return Err(NumericError::Empty),
            Phase::Full => (truncate(svd(&self.b)?, k), 0),
            Phase::Iterate { q, done, previous } => {
                let iteration = done + 1;
                // C = QᵀB serves twice: its singular values are the Ritz values, and Cᵀ = BᵀQ is the
                // next half-step of the power iteration.
                let c = q.tr_mul(&self.b);
                let ritz = ritz_values(&c, k)?;
                let top = ritz[0].max(f64::MIN_POSITIVE);
                let change = previous.as_ref().map(|p| (p - &ritz).amax() / top);
                if change.is_some_and(|c| c <= self.tolerance) {
                    // Rayleigh–Ritz: the verified SVD of the small width×n matrix C, lifted by Q.
                    let small = svd(&c)?;
                    (truncate(Svd { u: &q * small.u, ..small }, k), iteration)
                } else if iteration == MAX_POWER_ITERATIONS {
                    return Err(NumericError::NoConvergence);
                } else {
                    let digits = |x: f64| -x.log10();
                    let settled = change.map_or(0.0, |c| (digits(c.max(self.tolerance)) / digits(self.tolerance)).clamp(0.0, 1.0));
                    let used = iteration as f64 / MAX_POWER_ITERATIONS as f64;
                    self.progress = self.progress.max(settled.max(used).min(0.99));
                    let q = orthonormal(&self.b * orthonormal(c.transpose()));
                    self.phase = Phase::Iterate { q, done: iteration, previous: Some(ritz) };
                    return Ok(None);
                }
            }
        };
        self.progress = 1.0;
        Ok(Some(finish(result.0, self.scale, self.norm_sq, result.1)))
    }
}

/// The top k singular triples of several matrices of the same shape (a colour picture's channels),
/// one [`TopKJob`] after another, in slices.
#[derive(Debug, Clone)]
pub struct ChannelsJob {
    /// The matrices not yet started, the next last.
    waiting: Vec<DMatrix<f64>>,
    /// The channel being worked on; `None` between two channels (the next starts in a step of its own).
    current: Option<TopKJob>,
    done: Vec<TopK>,
    channels: usize,
    k: usize,
    tolerance: f64,
}

impl ChannelsJob {
    /// Checks every channel as [`TopKJob::new`] does (with the same `tolerance`) without starting
    /// any: each starts in a step of its own when its turn comes.
    pub fn new(mut channels: Vec<DMatrix<f64>>, k: usize, tolerance: f64) -> Result<ChannelsJob, NumericError> {
        if channels.is_empty() {
            return Err(NumericError::Empty);
        }
        for c in &channels {
            check(c, k)?;
        }
        let count = channels.len();
        channels.reverse();
        Ok(ChannelsJob { current: None, waiting: channels, done: Vec::new(), channels: count, k, tolerance })
    }

    /// How far all channels are together, from 0 to 1, never decreasing.
    pub fn progress(&self) -> f64 {
        let current = self.current.as_ref().map_or(0.0, TopKJob::progress);
        (self.done.len() as f64 + current) / self.channels as f64
    }

    /// One slice: starting a channel's job, or one step of it; `Some` with every channel's triples,
    /// in order, when the last is ready.
    pub fn step(&mut self) -> Result<Option<Vec<TopK>>, NumericError> {
        let Some(current) = self.current.as_mut() else {
            // Scaling the channel and the first product with the random block.
            match self.waiting.pop() {
                Some(next) => self.current = Some(TopKJob::new(&next, self.k, self.tolerance)?),
                None => return Err(NumericError::Empty),
            }
            return Ok(None);
        };
        let Some(top) = current.step()? else { return Ok(None) };
        self.current = None;
        self.done.push(top);
        if self.waiting.is_empty() {
            return Ok(Some(self.done.clone()));
        }
        Ok(None)
    }
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

/// The grid on which [`add_layers`] and [`remove_layers`] round every entry of a layer: 2⁻⁴⁷.
const LAYER_GRID: f64 = 1.0 / (1u64 << 47) as f64;

/// The most [`add_layers`] moves an entry of one layer by rounding it: half of its grid, 2⁻⁴⁸.
pub const LAYER_ROUNDING: f64 = LAYER_GRID / 2.0;

/// Adds the rank-one layers σᵢ · uᵢ · vᵢᵀ of `s` for i in `layers` (0-based) to `sum`, each entry
/// rounded to a multiple of 2⁻⁴⁷ (a change below 10⁻¹⁴ per layer).
///
/// The rounding makes the sums exact. Any sum of layers of A is bounded, entry by entry, by the norm
/// of A's row through that entry (√n for n columns of entries in [0, 1]); while that is below 2⁶,
/// every sum is a multiple of 2⁻⁴⁷ with at most 53 significant bits, so adding and removing layers in
/// any order gives the same entries to the bit, and A_k never depends on the path by which k was
/// reached. The page's largest pictures, 1024 columns of brightness in [0, 1], stay below 2⁵.
pub fn add_layers(s: &Svd, sum: &mut DMatrix<f64>, layers: std::ops::Range<usize>) {
    shift_layers(s, sum, layers, 1.0);
}

/// Removes from `sum` the layers [`add_layers`] adds, exactly: `add_layers` then `remove_layers` of
/// the same layers leaves `sum` as it was, bit for bit.
pub fn remove_layers(s: &Svd, sum: &mut DMatrix<f64>, layers: std::ops::Range<usize>) {
    shift_layers(s, sum, layers, -1.0);
}

/// Adds `sign` (±1) times the rounded layers to `sum`.
fn shift_layers(s: &Svd, sum: &mut DMatrix<f64>, layers: std::ops::Range<usize>, sign: f64) {
    let (step, m) = (sign * LAYER_GRID, sum.nrows());
    for i in layers {
        // σᵢ in units of the grid (a power of two: exact).
        let sigma = s.singular_values[i] / LAYER_GRID;
        let u = s.u.column(i);
        // Column by column, as the matrices are stored.
        for (c, column) in sum.as_mut_slice().chunks_exact_mut(m).enumerate() {
            let w = sigma * s.v[(c, i)];
            for (entry, ur) in column.iter_mut().zip(u.as_slice()) {
                *entry += step * (w * ur).round_ties_even();
            }
        }
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

    /// [`top_k_svd`] by the iteration even for a matrix small enough for the full SVD.
    fn iterate(a: &DMatrix<f64>, k: usize) -> TopK {
        iterate_with(a, k, RITZ_TOLERANCE)
    }

    fn iterate_with(a: &DMatrix<f64>, k: usize, tolerance: f64) -> TopK {
        let mut job = TopKJob::new(a, k, tolerance).unwrap();
        let width = (k + OVERSAMPLING).min(a.nrows().min(a.ncols()));
        job.phase = Phase::Iterate { q: orthonormal(&job.b * start_block(a.ncols(), width)), done: 0, previous: None };
        loop {
            if let Some(top) = job.step().unwrap() {
                return top;
            }
        }
    }

    #[test]
    fn the_job_runs_in_bounded_monotone_steps_to_the_same_result() {
        let a = decaying(300, 280);
        let mut job = TopKJob::new(&a, 12, RITZ_TOLERANCE).unwrap();
        assert_eq!(job.progress(), 0.0);
        let (mut steps, mut last) = (0, 0.0);
        let top = loop {
            steps += 1;
            let done = job.step().unwrap();
            assert!(job.progress() >= last && job.progress() <= 1.0, "{} after {last}", job.progress());
            last = job.progress();
            if let Some(top) = done {
                break top;
            }
            assert!(last < 1.0);
        };
        assert_eq!(last, 1.0);
        assert_eq!(steps, top.iterations);
        assert!(steps <= MAX_POWER_ITERATIONS);
        assert_eq!(top, top_k_svd(&a, 12).unwrap(), "the same routine");
        assert_eq!(job.step(), Err(NumericError::Empty), "a spent job does nothing more");
        // A looser tolerance stops sooner, on nearly the same values.
        let loose = iterate_with(&a, 12, PICTURE_TOLERANCE);
        assert!(loose.iterations < top.iterations, "{} vs {}", loose.iterations, top.iterations);
        assert!((&loose.svd.singular_values - &top.svd.singular_values).amax() <= 1e-4 * top.svd.singular_values[0]);
        // A small matrix: the full SVD in one step.
        let mut small = TopKJob::new(&decaying(40, 30), 5, RITZ_TOLERANCE).unwrap();
        assert!(small.step().unwrap().is_some());
        // Large but thin: the iteration, though the full SVD would be faster in total, so that no
        // single step takes long.
        assert!(TopKJob::new(&decaying(300, 250), 30, RITZ_TOLERANCE).unwrap().step().unwrap().is_none());
    }

    #[test]
    fn channels_are_done_one_after_another() {
        let channels = vec![decaying(280, 270), decaying(280, 270) * 0.5, DMatrix::zeros(280, 270)];
        let mut job = ChannelsJob::new(channels.clone(), 6, RITZ_TOLERANCE).unwrap();
        let mut last = 0.0;
        let tops = loop {
            let done = job.step().unwrap();
            assert!(job.progress() >= last);
            last = job.progress();
            if let Some(tops) = done {
                break tops;
            }
        };
        assert_eq!(last, 1.0);
        assert_eq!(tops.len(), 3);
        for (top, c) in tops.iter().zip(&channels) {
            assert_eq!(*top, top_k_svd(c, 6).unwrap());
        }
        let mut bad = decaying(30, 30);
        bad[(0, 0)] = f64::NAN;
        assert_eq!(ChannelsJob::new(vec![decaying(30, 30), bad], 3, RITZ_TOLERANCE).err(), Some(NumericError::NotFinite));
        assert_eq!(ChannelsJob::new(Vec::new(), 3, RITZ_TOLERANCE).err(), Some(NumericError::Empty));
    }

    #[test]
    fn agrees_with_the_full_svd() {
        for (m, n, k) in [(60, 40, 5), (40, 60, 8), (64, 64, 20)] {
            let a = decaying(m, n);
            let top = iterate(&a, k);
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
    fn layers_add_up_to_the_matrix() {
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
        let tail: f64 = s.singular_values.iter().skip(5).map(|x| x * x).sum();
        assert!((measured - (tail / a.norm_squared()).sqrt()).abs() < 1e-12);
        add_layers(&s, &mut sum, 5..20);
        assert!((&sum - &a).amax() < 1e-12);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any walk of ranks, up by adding layers and down by removing them, ends on the sum built
        /// at once, bit for bit, and a walk back to rank 0 leaves exact zeros.
        #[test]
        fn a_sum_of_layers_does_not_depend_on_the_walk(walk in proptest::collection::vec(0usize..=20, 1..12), seed in 0u64..1000) {
            let a = decaying(30, 20).map(|x| x * (1.0 + seed as f64 / 1000.0));
            let s = svd(&a).unwrap();
            let (mut sum, mut k) = (DMatrix::zeros(30, 20), 0);
            for &next in &walk {
                if next > k {
                    add_layers(&s, &mut sum, k..next);
                } else {
                    remove_layers(&s, &mut sum, next..k);
                }
                k = next;
                let mut at_once = DMatrix::zeros(30, 20);
                add_layers(&s, &mut at_once, 0..k);
                proptest::prop_assert_eq!(&sum, &at_once);
            }
            remove_layers(&s, &mut sum, 0..k);
            proptest::prop_assert!(sum.iter().all(|x| *x == 0.0));
        }
    }
}
