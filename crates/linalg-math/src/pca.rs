//! Principal components of a point cloud: the mean, the sample covariance (divided by n − 1, as
//! `np.cov`), its eigen-pairs by descending variance and the reconstruction errors from the first k
//! components, all without an n×d centred copy of the points (a few passes over the columns). The
//! centred points' singular values and the scores (their coordinates along the components) do make
//! that copy, once, on the same scale.
//!
//! Exact power-of-two scaling keeps coordinates near 1e±150 (even 1e±300) from overflowing or
//! underflowing: the points are divided by 2^e₁ (largest coordinate in [1, 2)) for the mean, and
//! their deviations from the mean by a further 2^e₂ (largest deviation in [1, 2)) for the second
//! moments. Second moments stay on that scale ([`Principal::exp`] = e₁ + e₂) and are brought back to
//! the data's units only when shown ([`Principal::variance`]), where they may overflow or underflow
//! while the directions and the ratios stay exact. The eigen-pairs come from the bounded, verified
//! [`super::eigen::symmetric`].

use super::eigen::symmetric;
use super::scale::{exponent, ldexp};
use super::svd::svd;
use super::NumericError;
use nalgebra::{DMatrix, DVector};

/// The principal components of n points in d dimensions. "Scaled data" below is the points' deviations
/// from their mean divided by 2^[`exp`](Principal::exp).
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    /// How many points.
    pub n: usize,
    /// The mean point (d entries), in the data's units.
    pub mean: DVector<f64>,
    /// The scale of the scaled data: a deviation x in the data's units is x / 2^exp there.
    pub exp: i32,
    /// The d×d sample covariance of the scaled data (the covariance divided by 4^exp).
    pub scaled_covariance: DMatrix<f64>,
    /// The eigen-pairs and reconstruction errors, or why the eigendecomposition failed.
    pub components: Result<Components, NumericError>,
    /// The largest coordinate magnitude of the points.
    pub largest: f64,
}

/// The eigen-pairs of the covariance, on the scale of the scaled data.
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    /// The variances along the principal directions: descending and ≥ 0 (a covariance has no negative
    /// eigenvalues; −1e-17 is rounding and is reported as 0).
    pub variances: Vec<f64>,
    /// The principal directions as unit columns in the order of `variances`, each with its
    /// largest-magnitude entry positive (the first of near-equal ones, a sign that does not flicker
    /// while points are dragged).
    pub directions: DMatrix<f64>,
    /// Σᵢ‖xᵢ − DₖDₖᵀxᵢ‖² over the scaled data x with Dₖ = the first k directions, for k = 1, …, d
    /// (each point's components subtracted one at a time).
    pub reconstruction: Vec<f64>,
}

impl Components {
    /// Principal direction `i` (0 is the first) as a vector.
    pub fn direction(&self, i: usize) -> DVector<f64> {
        self.directions.column(i).into_owned()
    }
}

/// Mean, covariance, principal directions and reconstruction errors of the rows of `points` (n×d,
/// n ≥ 2). `Err` only for no points or a non-finite coordinate; a failed eigendecomposition is
/// reported in [`Principal::components`], next to the mean and covariance that still exist.
pub fn principal_components(points: &DMatrix<f64>) -> Result<Principal, NumericError> {
    let (n, d) = points.shape();
    if n < 2 || d == 0 {
        return Err(NumericError::Empty);
    }
    // Contiguous column slices (nalgebra stores column-major): tight loops, no strided iterators.
    let columns: Vec<&[f64]> = points.as_slice().chunks_exact(n).collect();
    let mut largest = 0.0_f64;
    for column in &columns {
        let (finite, big) = column.iter().fold((true, 0.0_f64), |(ok, m), x| (ok & x.is_finite(), m.max(x.abs())));
        if !finite {
            return Err(NumericError::NotFinite);
        }
        largest = largest.max(big);
    }
    let e_in = exponent(largest);
    let down = PowerOfTwo::new(-e_in);
    let scaled_mean: Vec<f64> = columns
        .iter()
        .map(|column| {
            let first = column[0];
            // A constant column has that constant as its exact mean: no rounding, no false variance.
            if column.iter().all(|&v| v == first) {
                down.times(first)
            } else {
                column.iter().map(|&v| down.times(v)).sum::<f64>() / n as f64
            }
        })
        .collect();
    let mut spread = 0.0_f64;
    for (column, m) in columns.iter().zip(&scaled_mean) {
        spread = column.iter().fold(spread, |s, &v| s.max((down.times(v) - m).abs()));
    }
    let e_c = exponent(spread);
    let scaled = Scaled { columns, mean: scaled_mean, down, to_unit: PowerOfTwo::new(-e_c) };
    let scaled_covariance = scaled.covariance();
    let components = symmetric(&scaled_covariance).map(|(values, mut directions)| {
        for c in 0..d {
            canonical(&mut directions, c);
        }
        let reconstruction = scaled.reconstruction_errors(&directions);
        Components { variances: values.iter().map(|x| x.max(0.0)).collect(), directions, reconstruction }
    });
    let mean = DVector::from_iterator(d, scaled.mean.iter().map(|&m| ldexp(m, e_in)));
    Ok(Principal { n, mean, exp: e_in + e_c, scaled_covariance, components, largest })
}

/// Multiplication by 2^e for e in −2000..=2000, exactly as [`ldexp`] does it (one power of two up
/// to ±1000, then the rest), without a branch: by two powers, the second 1 when one is enough.
#[derive(Debug, Clone, Copy)]
struct PowerOfTwo {
    first: f64,
    rest: f64,
}

impl PowerOfTwo {
    fn new(e: i32) -> PowerOfTwo {
        let first = e.clamp(-1000, 1000);
        PowerOfTwo { first: ldexp(1.0, first), rest: ldexp(1.0, e - first) }
    }

    fn times(self, x: f64) -> f64 {
        x * self.first * self.rest
    }
}

/// The passes over the rows read them in blocks of this many, coordinate by coordinate: the work on
/// the rows of a block is independent, so the processor overlaps it, and the sums still add the rows
/// one at a time, in order.
const BLOCK: usize = 4;

/// The points seen as scaled deviations from their mean, read straight from their columns: coordinate
/// j of point r is ((p_rj / 2^e₁) − m_j) / 2^e₂, with m the mean divided by 2^e₁.
struct Scaled<'a> {
    columns: Vec<&'a [f64]>,
    mean: Vec<f64>,
    down: PowerOfTwo,
    to_unit: PowerOfTwo,
}

impl Scaled<'_> {
    /// How many points.
    fn n(&self) -> usize {
        self.columns[0].len()
    }

    /// The blocks of rows: (first row, how many rows).
    fn blocks(&self) -> impl Iterator<Item = (usize, usize)> {
        let n = self.n();
        (0..n).step_by(BLOCK).map(move |start| (start, BLOCK.min(n - start)))
    }

    /// Writes the scaled points `start..start + len` into `block` (one entry per coordinate, one lane
    /// per row; lanes past `len` keep what they held).
    fn read(&self, block: &mut [[f64; BLOCK]], start: usize, len: usize) {
        for ((lanes, column), m) in block.iter_mut().zip(&self.columns).zip(&self.mean) {
            for (x, &v) in lanes.iter_mut().zip(&column[start..start + len]) {
                *x = self.to_unit.times(self.down.times(v) - m);
            }
        }
    }

    /// The covariance of the scaled points: sums of products over the rows in order (upper triangle),
    /// divided by n − 1.
    fn covariance(&self) -> DMatrix<f64> {
        let d = self.columns.len();
        let mut sums = vec![0.0; d * d];
        let mut block = vec![[0.0; BLOCK]; d];
        for (start, len) in self.blocks() {
            self.read(&mut block, start, len);
            for i in 0..d {
                for j in i..d {
                    let sum = &mut sums[i * d + j];
                    for (x, y) in block[i][..len].iter().zip(&block[j][..len]) {
                        *sum += x * y;
                    }
                }
            }
        }
        DMatrix::from_fn(d, d, |i, j| sums[i.min(j) * d + i.max(j)] / (self.n() as f64 - 1.0))
    }

    /// Σᵢ‖xᵢ − DDᵀxᵢ‖² over the scaled points x for D = the first k columns of `directions`, for every
    /// k: each point's components are subtracted one at a time (in the order of operations of
    /// nalgebra's `dot`, `axpy` and `norm_squared` on the point).
    fn reconstruction_errors(&self, directions: &DMatrix<f64>) -> Vec<f64> {
        let d = self.columns.len();
        let vectors: Vec<Vec<f64>> = (0..directions.ncols()).map(|c| directions.column(c).iter().copied().collect()).collect();
        let mut sums = vec![0.0; vectors.len()];
        let mut block = vec![[0.0; BLOCK]; d];
        for (start, len) in self.blocks() {
            self.read(&mut block, start, len);
            for (sum, v) in sums.iter_mut().zip(&vectors) {
                let mut along = [0.0; BLOCK];
                for (lanes, vj) in block.iter().zip(v) {
                    for (c, x) in along.iter_mut().zip(lanes) {
                        *c += x * vj;
                    }
                }
                for (lanes, vj) in block.iter_mut().zip(v) {
                    for (x, c) in lanes.iter_mut().zip(&along) {
                        *x += -c * vj;
                    }
                }
                let mut left = [0.0; BLOCK];
                for lanes in &block {
                    for (e, x) in left.iter_mut().zip(lanes) {
                        *e += x * x;
                    }
                }
                for e in &left[..len] {
                    *sum += e;
                }
            }
        }
        sums
    }
}

/// Flips column `c` so that its largest-magnitude entry is positive (the first of near-equal ones).
fn canonical(vectors: &mut DMatrix<f64>, c: usize) {
    let big = vectors.column(c).amax();
    if let Some(i) = vectors.column(c).iter().position(|x| x.abs() >= big * (1.0 - 1e-12)) {
        if vectors[(i, c)] < 0.0 {
            vectors.column_mut(c).neg_mut();
        }
    }
}

impl Principal {
    /// A variance (or any second moment) of the scaled data in the data's units (squared): may be ∞ or
    /// round to 0 when the data's variances do not fit in a 64-bit float.
    pub fn variance(&self, scaled: f64) -> f64 {
        ldexp(scaled, 2 * self.exp)
    }

    /// A length of the scaled data in the data's units.
    pub fn length(&self, scaled: f64) -> f64 {
        ldexp(scaled, self.exp)
    }

    /// The total variance of the scaled data (the covariance's trace).
    pub fn total(&self) -> f64 {
        self.scaled_covariance.trace()
    }

    /// All points are the same point: no variance at all.
    pub fn degenerate(&self) -> bool {
        self.total() == 0.0
    }

    /// Whether the variances are too small for a 64-bit float: when their total is below the smallest
    /// normal float (2.2e−308), it and its parts have lost precision or vanished. (Above it, a
    /// subnormal part is off by at most 2^−1075, negligible next to the total.)
    pub fn underflows(&self) -> bool {
        self.total() > 0.0 && self.variance(self.total()) < f64::MIN_POSITIVE
    }

    /// The covariance in the data's units (entries may be infinite when they overflow).
    pub fn covariance(&self) -> DMatrix<f64> {
        self.scaled_covariance.map(|c| self.variance(c))
    }

    /// The variances along the principal directions in the data's units, descending; `Err` when the
    /// eigendecomposition failed or a variance is too large for a 64-bit float.
    pub fn variances(&self) -> Result<Vec<f64>, NumericError> {
        let components = self.components.as_ref().map_err(Clone::clone)?;
        let variances: Vec<f64> = components.variances.iter().map(|&x| self.variance(x)).collect();
        if variances.iter().all(|x| x.is_finite()) {
            Ok(variances)
        } else {
            Err(NumericError::Overflow)
        }
    }

    /// For a unit direction `d`: the variance of the points' shadows on the line through the mean along
    /// d, and the mean squared drop onto that line (both of the scaled data, with the n − 1
    /// denominator). From the covariance alone: the drops are the shadows on the directions orthogonal
    /// to d, so their mean square is the sum of uᵀΣu over an orthonormal basis u of d's complement (no
    /// cancellation, unlike trace − dᵀΣd).
    pub fn along(&self, d: &DVector<f64>) -> (f64, f64) {
        let quad = |u: &DVector<f64>| (u.transpose() * &self.scaled_covariance * u)[(0, 0)];
        let lost: f64 = complement(d).iter().map(quad).sum();
        (quad(d).max(0.0), lost.max(0.0))
    }
}

/// What the centred points themselves give: their deviations on the scale of the scaled data, their
/// singular values and their coordinates along the principal directions (the scores). These read the
/// points again (the statistics above never build the m×d centred copy; these do, once).
impl Principal {
    /// The deviations X − μ of the rows of `points` (the points this was computed from), divided by
    /// 2^[`exp`](Principal::exp): X − μ = this · 2^exp, with no overflow whatever the data's scale.
    pub fn scaled_deviations(&self, points: &DMatrix<f64>) -> DMatrix<f64> {
        let e_in = exponent(self.largest);
        let e_c = self.exp - e_in;
        let mean: Vec<f64> = self.mean.iter().map(|&m| ldexp(m, -e_in)).collect();
        DMatrix::from_fn(points.nrows(), points.ncols(), |r, c| ldexp(ldexp(points[(r, c)], -e_in) - mean[c], -e_c))
    }

    /// The singular values of the centred points X − μ (m×d), descending, min(m, d) of them:
    /// σᵢ² = (m − 1)·λᵢ, and X − μ's right singular vectors are the principal directions. A tall X is
    /// first reduced to the d×d factor R of X = QR (Householder, no iteration), which has the same
    /// singular values, as LAPACK does for m ≫ d; R's SVD is the checked [`svd`], and the σ² must add
    /// up to ‖X‖²_F (orthogonal factors keep it). `Err` when a check fails or a σ is too large for a
    /// 64-bit float.
    pub fn centred_singular_values(&self, points: &DMatrix<f64>) -> Result<DVector<f64>, NumericError> {
        let x = self.scaled_deviations(points);
        let s = if x.nrows() > x.ncols() { svd(&x.clone().qr().r())? } else { svd(&x)? };
        let (want, got) = (x.norm_squared(), s.singular_values.norm_squared());
        if (got - want).abs() > 1e-12 * want {
            return Err(NumericError::Unstable);
        }
        let sigma = s.singular_values.map(|x| self.length(x));
        if sigma.iter().all(|x| x.is_finite()) {
            Ok(sigma)
        } else {
            Err(NumericError::Overflow)
        }
    }

    /// The scores (X − μ)·Dₖ: each row of `points` in coordinates along the first `k` principal
    /// directions (with their signs), in the data's units (m×k). `Err` without components, or when a
    /// score is too large for a 64-bit float.
    pub fn scores(&self, points: &DMatrix<f64>, k: usize) -> Result<DMatrix<f64>, NumericError> {
        let components = self.components.as_ref().map_err(Clone::clone)?;
        let k = k.min(components.directions.ncols());
        let scaled = self.scaled_deviations(points) * components.directions.columns(0, k);
        let scores = scaled.map(|x| self.length(x));
        if scores.iter().all(|x| x.is_finite()) {
            Ok(scores)
        } else {
            Err(NumericError::Overflow)
        }
    }
}

/// An orthonormal basis of the directions orthogonal to unit `d`: in closed form for 2 and 3 entries,
/// by Gram–Schmidt (twice) on the axes least aligned with d otherwise.
fn complement(d: &DVector<f64>) -> Vec<DVector<f64>> {
    let k = d.len();
    let axis = |i: usize| {
        let mut e = DVector::zeros(k);
        e[i] = 1.0;
        e
    };
    match k {
        2 => vec![DVector::from_column_slice(&[-d[1], d[0]])],
        3 => {
            // Start from the axis least aligned with d, remove its d part, complete with the cross product.
            let least = (0..k).min_by(|&a, &b| d[a].abs().total_cmp(&d[b].abs())).unwrap_or(0);
            let u = (axis(least) - d * d[least]).normalize();
            let w = DVector::from_column_slice(&[d[1] * u[2] - d[2] * u[1], d[2] * u[0] - d[0] * u[2], d[0] * u[1] - d[1] * u[0]]);
            vec![u, w]
        }
        _ => {
            let most = (0..k).max_by(|&a, &b| d[a].abs().total_cmp(&d[b].abs())).unwrap_or(0);
            let mut basis: Vec<DVector<f64>> = Vec::with_capacity(k);
            basis.push(d.clone());
            for i in (0..k).filter(|&i| i != most) {
                let mut u = axis(i);
                for _ in 0..2 {
                    for b in &basis {
                        let c = u.dot(b);
                        u.axpy(-c, b, 1.0);
                    }
                }
                basis.push(u.normalize());
            }
            basis.remove(0);
            basis
        }
    }
}

/// Degrees between the lines along (unit) vectors `a` and `b` (0 to 90), accurate near 0: from a's
/// parts along and across b, with a's coefficient along b divided by b·b, so that a = ±b is exactly 0
/// even when b's length is 1 only to rounding. A zero `b` has no line: 90.
pub fn line_angle(a: &DVector<f64>, b: &DVector<f64>) -> f64 {
    let bb = b.dot(b);
    if bb == 0.0 {
        return 90.0;
    }
    let t = a.dot(b) / bb;
    let across = (a - b * t).norm();
    across.atan2(t.abs() * bb.sqrt()).to_degrees()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_line_of_points_has_one_direction() {
        let points = DMatrix::from_row_slice(4, 2, &[0.0, 0.0, 1.0, 2.0, 2.0, 4.0, 3.0, 6.0]);
        let p = principal_components(&points).unwrap();
        assert_eq!(p.mean.as_slice(), &[1.5, 3.0]);
        // var(x) = 5/3, var(y) = 20/3, so the variance along the line is 25/3.
        let variances = p.variances().unwrap();
        assert!((variances[0] - 25.0 / 3.0).abs() < 1e-14 && variances[1].abs() < 1e-14);
        let s = 5f64.sqrt();
        let pc1 = p.components.as_ref().unwrap().direction(0);
        assert!((pc1[0] - 1.0 / s).abs() < 1e-15 && (pc1[1] - 2.0 / s).abs() < 1e-15);
        assert_eq!(principal_components(&DMatrix::zeros(1, 3)), Err(NumericError::Empty));
        assert_eq!(principal_components(&DMatrix::from_element(2, 2, f64::NAN)), Err(NumericError::NotFinite));
        // Variances beyond a 64-bit float: the directions and ratios still exist.
        let huge = principal_components(&DMatrix::from_row_slice(2, 1, &[-1e300, 1e300])).unwrap();
        assert_eq!(huge.variances(), Err(NumericError::Overflow));
        assert_eq!(huge.components.unwrap().directions[(0, 0)], 1.0);
        assert_eq!(huge.mean[0], 0.0);
    }

    #[test]
    fn equal_points_have_an_exact_mean_and_no_variance() {
        for x in [3.0, 0.1, 1e-200, -7e300] {
            let p = principal_components(&DMatrix::from_row_slice(3, 2, &[x, -x, x, -x, x, -x])).unwrap();
            assert_eq!(p.mean.as_slice(), &[x, -x]);
            assert!(p.degenerate() && !p.underflows());
            let c = p.components.unwrap();
            assert_eq!(c.variances, [0.0, 0.0]);
            assert_eq!(c.directions, DMatrix::identity(2, 2), "the axes");
            assert_eq!(c.reconstruction, [0.0, 0.0]);
        }
    }

    #[test]
    fn the_sign_makes_the_first_of_near_equal_largest_entries_positive() {
        // PC₁ ∝ (1, −1 − 1e-13): the second entry is larger by a hair, the first is made positive.
        let p = principal_components(&DMatrix::from_row_slice(2, 2, &[0.0, 0.0, 1.0, -1.0 - 1e-13])).unwrap();
        let pc1 = p.components.unwrap().direction(0);
        assert!(pc1[0] > 0.0 && pc1[1] < 0.0, "{pc1}");
        // A clear largest entry is the positive one.
        let p = principal_components(&DMatrix::from_row_slice(2, 2, &[0.0, 0.0, 1.0, -3.0])).unwrap();
        let pc1 = p.components.unwrap().direction(0);
        assert!(pc1[0] < 0.0 && pc1[1] > 0.0, "{pc1}");
    }

    #[test]
    fn tiny_and_huge_clouds_keep_their_directions_and_say_when_variances_do_not_fit() {
        let base = DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0]);
        let want = principal_components(&base).unwrap();
        for (s, underflows, overflows) in [(1e-200, true, false), (1e-150, false, false), (1e150, false, false), (1e200, false, true)] {
            let p = principal_components(&(&base * s)).unwrap();
            assert_eq!(p.underflows(), underflows, "{s}");
            assert_eq!(p.variances().is_err(), overflows, "{s}");
            let (a, b) = (p.components.unwrap(), want.components.as_ref().unwrap());
            assert!((&a.directions - &b.directions).amax() < 1e-14, "{s}");
            let ratio = |v: &[f64]| v[0] / v.iter().sum::<f64>();
            assert!((ratio(&a.variances) - ratio(&b.variances)).abs() < 1e-14, "{s}");
        }
        // Near the largest float the mean and the centring do not overflow.
        let p = principal_components(&DMatrix::from_row_slice(3, 2, &[1.7e308, -1.7e308, -1.7e308, 1.7e308, 1e308, 1e308])).unwrap();
        assert!(p.mean.iter().all(|x| x.is_finite()) && p.components.is_ok());
    }

    #[test]
    fn shadows_and_drops_share_out_the_total_in_any_dimension() {
        for d in 2..=5 {
            let points = DMatrix::from_fn(7, d, |r, c| ((r * 7 + c * 3) % 5) as f64 - (r as f64) * 0.5 + c as f64);
            let p = principal_components(&points).unwrap();
            let u = DVector::from_fn(d, |i, _| 1.0 + i as f64).normalize();
            let (projected, lost) = p.along(&u);
            assert!((projected + lost - p.total()).abs() <= 1e-13 * p.total(), "d = {d}");
            let basis = complement(&u);
            assert_eq!(basis.len(), d - 1);
            for (i, a) in basis.iter().enumerate() {
                assert!(a.dot(&u).abs() < 1e-15 && (a.norm() - 1.0).abs() < 1e-15, "d = {d}");
                assert!(basis[..i].iter().all(|b| a.dot(b).abs() < 1e-15), "d = {d}");
            }
            // Along PC₁ the shadows keep λ₁, and the angle to it is 0.
            let c = p.components.as_ref().unwrap();
            let (projected, _) = p.along(&c.direction(0));
            assert!((projected - c.variances[0]).abs() <= 1e-13 * c.variances[0]);
            assert_eq!(line_angle(&c.direction(0), &-c.direction(0)), 0.0);
            assert_eq!(line_angle(&c.direction(1), &c.direction(1)), 0.0);
            assert!((line_angle(&c.direction(0), &c.direction(1)) - 90.0).abs() < 1e-12);
        }
    }

    #[test]
    fn reconstruction_errors_are_n_minus_1_times_the_dropped_variances() {
        let points = DMatrix::from_row_slice(5, 3, &[0.0, 0.0, 0.0, 2.0, 1.0, 0.5, 4.0, 1.5, -0.5, 1.0, 3.0, 1.0, -1.0, 0.5, 2.0]);
        let p = principal_components(&points).unwrap();
        let c = p.components.as_ref().unwrap();
        for k in 1..=3 {
            let dropped: f64 = c.variances[k..].iter().sum();
            assert!((c.reconstruction[k - 1] - 4.0 * dropped).abs() <= 1e-13 * p.total(), "k = {k}");
        }
    }

    #[test]
    fn the_centred_points_singular_values_and_scores_agree_with_numpy() {
        // numpy: X = P − P.mean(0) for P = [[0, 2], [1, 4], [2, 0]]; np.linalg.svd(X) gives
        // σ = [2.93352199, 1.18086778] and Vᵀ = [[0.28978415, −0.95709203], [−0.95709203, −0.28978415]].
        let points = DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0]);
        let p = principal_components(&points).unwrap();
        let sigma = p.centred_singular_values(&points).unwrap();
        assert!((sigma[0] - 2.933_521_99).abs() < 1e-8 && (sigma[1] - 1.180_867_78).abs() < 1e-8, "{sigma}");
        // λ = σ²/(m − 1): here 4.30277564 and 0.69722436.
        let variances = p.variances().unwrap();
        for (s, l) in sigma.iter().zip(&variances) {
            assert!((s * s / 2.0 - l).abs() <= 1e-14 * variances[0]);
        }
        // The scores along PC₁ = (−0.2898, 0.9571) (largest entry positive) and PC₂ = (0.9571, 0.2898).
        let scores = p.scores(&points, 2).unwrap();
        let pc1 = [-0.289_784_15, 0.957_092_03];
        let pc2 = [0.957_092_03, 0.289_784_15];
        let x = [[-1.0, 0.0], [0.0, 2.0], [1.0, -2.0]];
        for (r, row) in x.iter().enumerate() {
            assert!((scores[(r, 0)] - (row[0] * pc1[0] + row[1] * pc1[1])).abs() < 1e-7, "{scores}");
            assert!((scores[(r, 1)] - (row[0] * pc2[0] + row[1] * pc2[1])).abs() < 1e-7, "{scores}");
        }
        assert_eq!(p.scores(&points, 1).unwrap().shape(), (3, 1));
        // The scores' columns have the variances λ and are uncorrelated.
        let cov = scores.transpose() * &scores / 2.0;
        assert!(
            (cov[(0, 0)] - variances[0]).abs() < 1e-13 && (cov[(1, 1)] - variances[1]).abs() < 1e-13 && cov[(0, 1)].abs() < 1e-13,
            "{cov}"
        );
    }

    #[test]
    fn singular_values_and_scores_keep_their_scale_and_say_when_they_do_not_fit() {
        let base = DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0]);
        let want = principal_components(&base).unwrap();
        let (sigma, scores) = (want.centred_singular_values(&base).unwrap(), want.scores(&base, 2).unwrap());
        for s in [1e-150, 1e150, 1e300] {
            let points = &base * s;
            let p = principal_components(&points).unwrap();
            let got = p.centred_singular_values(&points).unwrap();
            assert!((&got / s - &sigma).amax() < 1e-13, "{s}: {got}");
            assert!((p.scores(&points, 2).unwrap() / s - &scores).amax() < 1e-13, "{s}");
        }
        // Scores of ±2.4e308 (along the diagonal) do not fit: an error, not infinity.
        let points = DMatrix::from_row_slice(2, 2, &[-1.7e308, -1.7e308, 1.7e308, 1.7e308]);
        let p = principal_components(&points).unwrap();
        assert_eq!(p.centred_singular_values(&points), Err(NumericError::Overflow));
        assert_eq!(p.scores(&points, 1), Err(NumericError::Overflow));
        // The same point three times: every σ and every score is 0.
        let same = DMatrix::from_row_slice(3, 3, &[1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0]);
        let p = principal_components(&same).unwrap();
        assert_eq!(p.centred_singular_values(&same).unwrap().as_slice(), &[0.0, 0.0, 0.0]);
        assert!(p.scores(&same, 3).unwrap().iter().all(|&x| x == 0.0));
    }

    proptest! {
        #[test]
        fn the_components_are_the_right_singular_vectors_of_the_centred_points(n in 2usize..30, d in 2usize..=3,
                                                                              entries in proptest::collection::vec(-1.0f64..1.0, 90)) {
            let points = DMatrix::from_fn(n, d, |r, c| entries[r * 3 + c] * (1.0 + c as f64));
            let p = principal_components(&points).unwrap();
            let sigma = p.centred_singular_values(&points).unwrap();
            let variances = p.variances().unwrap();
            prop_assert_eq!(sigma.len(), n.min(d));
            for (i, l) in variances.iter().enumerate() {
                let s = sigma.get(i).copied().unwrap_or(0.0);
                prop_assert!((s * s / (n as f64 - 1.0) - l).abs() <= 1e-12 * variances[0].max(1e-300), "λ{} = {} vs σ²/(m − 1) = {}", i, l, s * s / (n as f64 - 1.0));
            }
            let v = svd(&p.scaled_deviations(&points)).unwrap().v;
            let c = p.components.as_ref().unwrap();
            for i in 0..n.min(d) {
                // Where σᵢ stands apart from its neighbours, its direction is unique up to sign.
                let gap = (0..variances.len()).filter(|&j| j != i).map(|j| (variances[j] - variances[i]).abs()).fold(f64::INFINITY, f64::min);
                if gap > 1e-3 * variances[0] {
                    prop_assert!((v.column(i).dot(&c.directions.column(i)).abs() - 1.0).abs() < 1e-9);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn matches_the_centred_copy(n in 2usize..40, entries in proptest::collection::vec(-1.0f64..1.0, 120), exp in -150i32..=150) {
            let scale = 10f64.powi(exp);
            let points = DMatrix::from_fn(n, 3, |r, c| entries[r * 3 + c] * scale + 0.5 * scale);
            let p = principal_components(&points).unwrap();
            let mean = points.row_mean().transpose();
            let centred = DMatrix::from_fn(n, 3, |r, c| points[(r, c)] / scale - mean[c] / scale);
            let want = centred.transpose() * &centred / (n as f64 - 1.0);
            prop_assert!((&p.covariance() / (scale * scale) - &want).amax() <= 1e-13 * want.amax().max(1e-300));
            prop_assert!((&p.mean - &mean).amax() <= 1e-14 * scale);
            let (values, _) = symmetric(&want).unwrap();
            let variances = p.variances().unwrap();
            for (got, want) in variances.iter().zip(values) {
                prop_assert!((got / (scale * scale) - want.max(0.0)).abs() <= 1e-12 * variances[0] / (scale * scale));
            }
        }
    }
}
