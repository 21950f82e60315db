//! Eigenvalues and eigenvectors of real square matrices, bounded and checked.
//!
//! nalgebra's `eigenvalues()` / `complex_eigenvalues()` / `symmetric_eigen()` iterate without a limit,
//! so: validate, scale by the largest entry (entries near 1e±200 neither overflow nor underflow), and
//! use `Schur::try_new` / `SymmetricEigen::try_new` with an iteration cap. The eigenvalues are read
//! off the quasi-triangular Schur factor with our own 2×2 formula (nalgebra's assumes every 2×2 block
//! is complex); a 2×2 matrix uses the closed form, checked against its trace and determinant, and a
//! 3×3 one a Schur form on the stack. Real eigenvectors come from the null space of A − λI: for a
//! simple eigenvalue of a matrix up to 3×3 in closed form (a cross product of rows) when its residual
//! is at rounding level, otherwise through the shared, verified SVD.
//! Symmetric 2×2 and 3×3 matrices first try Jacobi rotations on the stack ([`super::small`]),
//! checked to the same tolerances, with nalgebra as the fallback.

use super::svd::svd;
use super::{small, NumericError, MAX_ITERATIONS};
use nalgebra::{Complex, DMatrix, DVector, Matrix3, Schur, SymmetricEigen};
use std::cmp::Ordering;

/// Why a matrix has no real eigenvector basis to show (the app words it: the repeated eigenvalue of
/// [`NoVectors::Defective`] is a number for people).
#[derive(Debug, Clone, PartialEq)]
pub enum NoVectors {
    /// Some eigenvalues are complex: their eigenvectors are complex too.
    Complex,
    /// A repeated eigenvalue has fewer independent eigenvectors than its multiplicity.
    Defective {
        /// The repeated eigenvalue.
        value: f64,
        /// How often it is repeated.
        algebraic: usize,
        /// How many independent eigenvectors it has.
        geometric: usize,
    },
    /// The eigenvectors computed are numerically parallel: A is (numerically) defective.
    NearlyDefective,
    /// A numerical failure.
    Failed(NumericError),
}

/// The eigenvalues of a square matrix, and its real unit eigenvectors when they form a basis.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigen {
    /// Sorted by real part descending, then imaginary part descending; real ones have `im == 0`.
    pub values: Vec<Complex<f64>>,
    /// Unit columns in the order of `values` (largest-magnitude entry positive), or why not.
    pub vectors: Result<DMatrix<f64>, NoVectors>,
}

/// The contract's order: real part descending, then imaginary part descending.
pub fn contract_order(a: &Complex<f64>, b: &Complex<f64>) -> Ordering {
    b.re.total_cmp(&a.re).then(b.im.total_cmp(&a.im))
}

/// Two eigenvalues whose difference is below this (times the scale) count as one repeated value.
const REPEAT: f64 = 64.0 * f64::EPSILON;
/// Largest relative residual ‖Bv − λv‖/‖B‖ accepted for an eigenvector of the scaled matrix B.
const RESIDUAL: f64 = 1e-8;
/// Largest condition number of the eigenvector matrix before it counts as numerically defective.
const MAX_VECTOR_CONDITION: f64 = 1e10;

fn check_square(a: &DMatrix<f64>) -> Result<f64, NumericError> {
    if a.is_empty() || !a.is_square() {
        return Err(NumericError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::NotFinite);
    }
    Ok(power_of_two_scale(a.amax()))
}

/// The power of two nearest to `amax` (0 for 0): dividing by it is exact, so integer matrices keep
/// integer eigenvalues like 6 and 2 instead of 6.000000000000001.
fn power_of_two_scale(amax: f64) -> f64 {
    if amax == 0.0 {
        return 0.0;
    }
    2f64.powi(amax.log2().round().clamp(-1000.0, 1000.0) as i32)
}

/// The eigenvalues of [[a, b], [c, d]], unsorted: real ones with the larger magnitude first (the
/// smaller one from det / larger, avoiding cancellation), complex ones as a conjugate pair.
pub fn eigenvalues_2x2(a: f64, b: f64, c: f64, d: f64) -> [Complex<f64>; 2] {
    let half_trace = (a + d) / 2.0;
    let half_diff = (a - d) / 2.0;
    let disc = half_diff * half_diff + b * c;
    if disc >= 0.0 {
        let root = disc.sqrt();
        let big = half_trace + root.copysign(half_trace);
        let small = if big == 0.0 { 0.0 } else { (a * d - b * c) / big };
        [Complex::new(big, 0.0), Complex::new(small, 0.0)]
    } else {
        let im = (-disc).sqrt();
        [Complex::new(half_trace, im), Complex::new(half_trace, -im)]
    }
}

/// Eigenvalues from the real Schur form of a matrix whose largest entry is 1 (a 3×3 one on the stack).
/// nalgebra's Francis iteration has no exceptional shift, so a few structured matrices stall it (e.g.
/// [[0, −4, 0], [1, 0, −1], [0, 4, 0]], whose eigenvalues 0, ±i√8 it cycles around): then the same
/// iteration runs once more on H·B·H, a fixed reflection of B with the same eigenvalues.
fn schur_values(b: &DMatrix<f64>) -> Result<Vec<Complex<f64>>, NumericError> {
    schur_values_once(b).or_else(|_| {
        let n = b.nrows();
        let v = DVector::from_fn(n, |i, _| (i + 1) as f64).normalize();
        let h = DMatrix::identity(n, n) - (&v * v.transpose()) * 2.0;
        schur_values_once(&(&h * b * &h))
    })
}

/// [`schur_values`] without the retry.
fn schur_values_once(b: &DMatrix<f64>) -> Result<Vec<Complex<f64>>, NumericError> {
    if b.nrows() == 3 {
        let fixed = Matrix3::from_fn(|r, c| b[(r, c)]);
        let (_, t) = Schur::try_new(fixed, f64::EPSILON, MAX_ITERATIONS).ok_or(NumericError::NoConvergence)?.unpack();
        return quasi_triangular_values(3, |r, c| t[(r, c)]);
    }
    let (_, t) = Schur::try_new(b.clone(), f64::EPSILON, MAX_ITERATIONS).ok_or(NumericError::NoConvergence)?.unpack();
    quasi_triangular_values(t.nrows(), |r, c| t[(r, c)])
}

/// The eigenvalues of an n×n quasi-triangular Schur factor `t`: its 1×1 and 2×2 diagonal blocks.
fn quasi_triangular_values(n: usize, t: impl Fn(usize, usize) -> f64) -> Result<Vec<Complex<f64>>, NumericError> {
    let mut out = Vec::with_capacity(n);
    let mut m = 0;
    while m < n {
        if m + 1 < n && t(m + 1, m) != 0.0 {
            out.extend(eigenvalues_2x2(t(m, m), t(m, m + 1), t(m + 1, m), t(m + 1, m + 1)));
            m += 2;
        } else {
            out.push(Complex::new(t(m, m), 0.0));
            m += 1;
        }
    }
    if out.iter().all(|z| z.re.is_finite() && z.im.is_finite()) {
        Ok(out)
    } else {
        Err(NumericError::Unstable)
    }
}

/// The eigenvalues of a square matrix in the contract's order.
pub fn eigenvalues(a: &DMatrix<f64>) -> Result<Vec<Complex<f64>>, NumericError> {
    let scale = check_square(a)?;
    let n = a.nrows();
    if scale == 0.0 {
        return Ok(vec![Complex::new(0.0, 0.0); n]);
    }
    let b = a / scale;
    let mut values = if n == 2 {
        // The closed form, checked below like every route (and, for 2×2, against det B too).
        let closed = eigenvalues_2x2(b[(0, 0)], b[(0, 1)], b[(1, 0)], b[(1, 1)]);
        let det = b[(0, 0)] * b[(1, 1)] - b[(0, 1)] * b[(1, 0)];
        if (closed[0] * closed[1] - det).norm() > 1e-9 * n as f64 {
            return Err(NumericError::Unstable);
        }
        closed.to_vec()
    } else {
        schur_values(&b)?
    };
    // Invariants: Σλ = tr B (and, cheaply, Σ|λ|² ≤ ‖B‖²_F by Schur's inequality).
    let trace: f64 = b.trace();
    let sum: Complex<f64> = values.iter().sum();
    let sum_sq: f64 = values.iter().map(|z| z.norm_sqr()).sum();
    if (sum.re - trace).abs() > 1e-9 * n as f64 || sum.im.abs() > 1e-9 * n as f64 || sum_sq > b.norm_squared() * (1.0 + 1e-9) + 1e-12 {
        return Err(NumericError::Unstable);
    }
    for z in values.iter_mut() {
        *z *= scale;
        if !(z.re.is_finite() && z.im.is_finite()) {
            return Err(NumericError::Overflow);
        }
    }
    super::order::sort_by(&mut values, contract_order);
    Ok(values)
}

/// Makes the largest-magnitude entry of each column positive (a stable sign while dragging).
fn fix_signs(v: &mut DMatrix<f64>) {
    for c in 0..v.ncols() {
        let pivot = v.column(c).iter().copied().fold(0.0_f64, |best, x| if x.abs() > best.abs() { x } else { best });
        if pivot < 0.0 {
            v.column_mut(c).neg_mut();
        }
    }
}

/// Eigenvalues (descending) and orthonormal eigenvectors of a symmetric matrix.
pub fn symmetric(a: &DMatrix<f64>) -> Result<(Vec<f64>, DMatrix<f64>), NumericError> {
    let scale = check_square(a)?;
    let n = a.nrows();
    if scale == 0.0 {
        return Ok((vec![0.0; n], DMatrix::identity(n, n)));
    }
    let fast = match n {
        2 => symmetric_small::<2>(a, scale),
        3 => symmetric_small::<3>(a, scale),
        _ => None,
    };
    let (mut values, vectors) = match fast {
        Some(found) => found,
        None => symmetric_general(a, scale)?,
    };
    values.iter_mut().for_each(|x| *x *= scale);
    if values.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::Overflow);
    }
    Ok((values, vectors))
}

/// Jacobi on the stack for N = 2, 3 (see [`small::symmetric_jacobi`]): the eigenvalues of (A + Aᵀ)/2
/// divided by `scale`, and the eigenvectors; `None` when its check fails.
fn symmetric_small<const N: usize>(a: &DMatrix<f64>, scale: f64) -> Option<(Vec<f64>, DMatrix<f64>)> {
    let mut b = [[0.0; N]; N];
    for (r, row) in b.iter_mut().enumerate() {
        for (c, x) in row.iter_mut().enumerate().skip(r) {
            *x = (a[(r, c)] / scale + a[(c, r)] / scale) / 2.0;
        }
    }
    let e = small::symmetric_jacobi(b)?;
    Some((e.values.to_vec(), DMatrix::from_fn(N, N, |r, c| e.vectors[c][r])))
}

/// nalgebra's bounded symmetric eigensolver on (A + Aᵀ)/2 divided by `scale`, sorted, signed, checked.
fn symmetric_general(a: &DMatrix<f64>, scale: f64) -> Result<(Vec<f64>, DMatrix<f64>), NumericError> {
    let n = a.nrows();
    let b = a / scale;
    let b = (&b + b.transpose()) / 2.0;
    let e = SymmetricEigen::try_new(b.clone(), f64::EPSILON, MAX_ITERATIONS).ok_or(NumericError::NoConvergence)?;
    let mut order: Vec<usize> = (0..n).collect();
    super::order::sort_by(&mut order, |&i, &j| e.eigenvalues[j].total_cmp(&e.eigenvalues[i]));
    let values: Vec<f64> = order.iter().map(|&i| e.eigenvalues[i]).collect();
    let mut vectors = DMatrix::from_fn(n, n, |r, c| e.eigenvectors[(r, order[c])]);
    fix_signs(&mut vectors);
    let lambda = DMatrix::from_diagonal(&nalgebra::DVector::from_vec(values.clone()));
    let residual = (&b * &vectors - &vectors * lambda).norm();
    let orthogonal = (vectors.transpose() * &vectors - DMatrix::identity(n, n)).norm();
    if !(residual <= 1e-10 * n as f64 && orthogonal <= 1e-10 * n as f64) {
        return Err(NumericError::Unstable);
    }
    Ok((values, vectors))
}

/// Largest relative residual for the closed-form null vector of a simple eigenvalue (tighter than
/// [`RESIDUAL`]: when it is not met the SVD route decides, as for every other matrix).
const FAST_RESIDUAL: f64 = 1e-13;

/// The unit null vector of a 1×1, 2×2 or 3×3 matrix of rank n − 1 in closed form: perpendicular to
/// its longest row (2×2), or the longest cross product of two rows (3×3); `None` for larger matrices
/// or when the rows are all (nearly) zero. The caller checks the residual.
fn small_null_vector(m: &DMatrix<f64>) -> Option<DVector<f64>> {
    let candidate = match m.nrows() {
        1 => DVector::from_element(1, 1.0),
        2 => {
            let row = if m.row(0).norm_squared() >= m.row(1).norm_squared() { 0 } else { 1 };
            DVector::from_vec(vec![-m[(row, 1)], m[(row, 0)]])
        }
        3 => {
            let row = |r: usize| nalgebra::Vector3::new(m[(r, 0)], m[(r, 1)], m[(r, 2)]);
            let crosses = [row(0).cross(&row(1)), row(0).cross(&row(2)), row(1).cross(&row(2))];
            let best = crosses.iter().max_by(|p, q| p.norm_squared().total_cmp(&q.norm_squared()))?;
            DVector::from_column_slice(best.as_slice())
        }
        _ => return None,
    };
    let length = candidate.norm();
    (length > 0.0 && length.is_finite()).then(|| candidate / length)
}

/// Whether unit columns of a matrix up to 3×3 are surely independent enough: |det V| ≥ n^(n/2) / 10¹⁰
/// implies cond V ≤ 10¹⁰ (σ_max ≤ √n, so σ_min ≥ |det| / σ_max^(n−1)). `false` means "ask the SVD".
fn well_conditioned_small(v: &DMatrix<f64>) -> bool {
    let n = v.nrows();
    if n > 3 {
        return false;
    }
    let det = match n {
        1 => v[(0, 0)],
        2 => v[(0, 0)] * v[(1, 1)] - v[(0, 1)] * v[(1, 0)],
        _ => Matrix3::from_fn(|r, c| v[(r, c)]).determinant(),
    };
    det.abs() >= (n as f64).powf(n as f64 / 2.0) / MAX_VECTOR_CONDITION
}

/// Real unit eigenvectors for real, sorted eigenvalues of `a`, from the null spaces of A − λI.
fn real_vectors(a: &DMatrix<f64>, values: &[f64]) -> Result<DMatrix<f64>, NoVectors> {
    let n = a.nrows();
    let scale = power_of_two_scale(a.amax());
    if scale == 0.0 {
        return Ok(DMatrix::identity(n, n));
    }
    let b = a / scale;
    let norm = b.norm();
    let mut vectors = DMatrix::zeros(n, n);
    let mut i = 0;
    while i < n {
        let lambda = values[i] / scale;
        let mut k = 1;
        while i + k < n && (values[i + k] / scale - lambda).abs() <= REPEAT * norm.max(lambda.abs()) {
            k += 1;
        }
        let mut shifted = b.clone();
        for d in 0..n {
            shifted[(d, d)] -= lambda;
        }
        if k == 1 {
            if let Some(column) = small_null_vector(&shifted).filter(|v| (&shifted * v).norm() <= FAST_RESIDUAL * norm) {
                vectors.set_column(i, &column);
                i += 1;
                continue;
            }
        }
        let s = svd(&shifted).map_err(NoVectors::Failed)?;
        // The right singular vectors of the k smallest singular values span the (near) null space.
        let geometric = s.singular_values.iter().filter(|x| **x <= RESIDUAL * norm).count();
        if geometric < k {
            return Err(NoVectors::Defective { value: values[i], algebraic: k, geometric });
        }
        for j in 0..k {
            let column = s.v.column(n - k + j).into_owned();
            let residual = (&shifted * &column).norm();
            if residual > RESIDUAL * norm {
                return Err(NoVectors::Defective { value: values[i], algebraic: k, geometric });
            }
            vectors.set_column(i + j, &column);
        }
        i += k;
    }
    fix_signs(&mut vectors);
    if well_conditioned_small(&vectors) {
        return Ok(vectors);
    }
    match svd(&vectors).map_err(NoVectors::Failed)?.condition_number() {
        Some(c) if c <= MAX_VECTOR_CONDITION => Ok(vectors),
        _ => Err(NoVectors::NearlyDefective),
    }
}

/// The eigendecomposition of a square matrix: sorted eigenvalues and, when they exist, real unit
/// eigenvectors (a symmetric matrix uses the symmetric solver and gets orthonormal ones).
pub fn eigen(a: &DMatrix<f64>) -> Result<Eigen, NumericError> {
    check_square(a)?;
    let n = a.nrows();
    if (0..n).all(|r| (r + 1..n).all(|c| a[(r, c)] == a[(c, r)])) {
        let (values, vectors) = symmetric(a)?;
        return Ok(Eigen { values: values.into_iter().map(|x| Complex::new(x, 0.0)).collect(), vectors: Ok(vectors) });
    }
    let values = eigenvalues(a)?;
    let vectors = if values.iter().any(|z| z.im != 0.0) {
        Err(NoVectors::Complex)
    } else {
        let real: Vec<f64> = values.iter().map(|z| z.re).collect();
        real_vectors(a, &real)
    };
    Ok(Eigen { values, vectors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(rows: usize, entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(rows, entries.len() / rows, entries)
    }

    fn reals(values: &[Complex<f64>]) -> Vec<f64> {
        assert!(values.iter().all(|z| z.im == 0.0), "{values:?}");
        values.iter().map(|z| z.re).collect()
    }

    #[test]
    fn a_matrix_that_stalls_francis_iteration_still_has_eigenvalues() {
        // nalgebra's Schur iteration cycles on this one (found by a property test of `basis`).
        let a = m(3, &[0.0, -4.0, 0.0, 1.0, 0.0, -1.0, 0.0, 4.0, 0.0]);
        let values = eigenvalues(&a).unwrap();
        let root8 = 8f64.sqrt();
        let expected = [Complex::new(0.0, 0.0), Complex::new(0.0, root8), Complex::new(0.0, -root8)];
        for z in expected {
            assert!(values.iter().any(|v| (v - z).norm() < 1e-12), "{values:?}");
        }
        assert!(eigen(&a).is_ok());
    }

    #[test]
    fn the_seeds_examples() {
        let e = eigen(&m(2, &[5.0, 1.0, 3.0, 3.0])).unwrap();
        assert_eq!(reals(&e.values), vec![6.0, 2.0]);
        let v = e.vectors.unwrap();
        let s = 0.5_f64.sqrt();
        assert!((v.column(0) - nalgebra::DVector::from_vec(vec![s, s])).amax() < 1e-15);
        // Up to sign the seed's [−0.3162, 0.9487]; our sign makes the largest entry positive.
        assert!((v[(0, 1)] + 0.316227766016838).abs() < 1e-12 && (v[(1, 1)] - 0.9486832980505138).abs() < 1e-12);
        let e = eigen(&m(2, &[6.0, 2.0, 2.0, 3.0])).unwrap();
        assert_eq!(reals(&e.values), vec![7.0, 2.0]);
        let q = e.vectors.unwrap();
        assert!((q[(0, 0)] - 2.0 / 5.0_f64.sqrt()).abs() < 1e-12 && (q[(1, 0)] - 1.0 / 5.0_f64.sqrt()).abs() < 1e-12);
        let e = eigen(&m(2, &[-1.0, 3.0, 2.0, -2.0])).unwrap();
        assert_eq!(reals(&e.values), vec![1.0, -4.0]);
        // The seed's bonus pair: symmetric (orthogonal eigenvectors) and not (not orthogonal).
        let e = eigen(&m(2, &[1.0, -1.0, -1.0, 4.0])).unwrap();
        let golden = |x: f64| (5.0 + x * 13.0_f64.sqrt()) / 2.0;
        assert!(reals(&e.values).iter().zip([golden(1.0), golden(-1.0)]).all(|(g, w)| (g - w).abs() < 1e-14));
        let q = e.vectors.unwrap();
        assert!(q.column(0).dot(&q.column(1)).abs() < 1e-15);
        let e = eigen(&m(2, &[1.0, 1.0, -1.0, 4.0])).unwrap();
        let v = reals(&e.values);
        assert!((v[0] - (5.0 + 5.0_f64.sqrt()) / 2.0).abs() < 1e-14 && (v[1] - (5.0 - 5.0_f64.sqrt()) / 2.0).abs() < 1e-14);
        let p = e.vectors.unwrap();
        assert!((p[(0, 0)] - 0.357).abs() < 1e-3 && (p[(1, 0)] - 0.934).abs() < 1e-3, "{p}");
        assert!((p[(0, 1)] - 0.934).abs() < 1e-3 && (p[(1, 1)] - 0.357).abs() < 1e-3, "{p}");
    }

    #[test]
    fn complex_repeated_defective_and_zero() {
        let e = eigen(&m(2, &[1.0, 1.0, -2.0, 0.0])).unwrap();
        assert_eq!(e.values[0].re, 0.5);
        assert!((e.values[0].im - 1.3228756555322954).abs() < 1e-15);
        assert_eq!(e.values[1], e.values[0].conj());
        assert_eq!(e.vectors, Err(NoVectors::Complex));
        let shear = eigen(&m(2, &[1.0, 1.0, 0.0, 1.0])).unwrap();
        assert_eq!(reals(&shear.values), vec![1.0, 1.0]);
        assert_eq!(shear.vectors, Err(NoVectors::Defective { value: 1.0, algebraic: 2, geometric: 1 }));
        let defective = eigen(&m(2, &[3.0, -1.0, 1.0, 1.0])).unwrap();
        assert!(matches!(defective.vectors, Err(NoVectors::Defective { .. })), "{defective:?}");
        let identity = eigen(&DMatrix::identity(3, 3)).unwrap();
        assert_eq!(identity.vectors.unwrap(), DMatrix::identity(3, 3));
        let double = eigen(&m(3, &[2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 1.0, 5.0])).unwrap();
        let got = reals(&double.values);
        assert!(got.iter().zip([5.0, 2.0, 2.0]).all(|(g, w)| (g - w).abs() < 1e-14), "{got:?}");
        let v = double.vectors.unwrap();
        let a = m(3, &[2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 1.0, 5.0]);
        for (c, l) in [5.0, 2.0, 2.0].iter().enumerate() {
            assert!((&a * v.column(c) - v.column(c) * *l).norm() < 1e-12);
        }
        let zero = eigen(&DMatrix::zeros(2, 2)).unwrap();
        assert_eq!(reals(&zero.values), vec![0.0, 0.0]);
        assert_eq!(eigen(&DMatrix::zeros(2, 3)), Err(NumericError::Empty));
        assert_eq!(eigen(&m(1, &[f64::NAN])), Err(NumericError::NotFinite));
    }

    #[test]
    fn extreme_scales_and_the_oracles_three_by_three() {
        for scale in [1e-200, 1e200, 1e300] {
            let e = eigen(&(m(2, &[5.0, 1.0, 3.0, 3.0]) * scale)).unwrap();
            let v = reals(&e.values);
            assert!((v[0] / scale - 6.0).abs() < 1e-12 && (v[1] / scale - 2.0).abs() < 1e-12, "{v:?}");
            assert!(e.vectors.is_ok());
        }
        let values = eigenvalues(&m(3, &[3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0])).unwrap();
        assert!((values[0].re - 6.917098018985836).abs() < 1e-12 && (values[0].im - 3.1135488624946284).abs() < 1e-12);
        assert!(values[1].im < 0.0);
        assert!((values[2].re + 0.834196037971672).abs() < 1e-12 && values[2].im == 0.0);
        let values = eigenvalues(&m(3, &[3.0, -2.0, -5.0, 1.0, -4.0, -4.0, -5.0, -5.0, 1.0])).unwrap();
        assert!((values[0].re - 7.613810103800344).abs() < 1e-12);
    }

    #[test]
    fn symmetric_parts_are_orthonormal_and_sorted() {
        let (values, q) = symmetric(&m(2, &[-8.0, -4.0, -4.0, 2.0])).unwrap();
        assert!((values[0] - 3.4031242374328485).abs() < 1e-12 && (values[1] + 9.403124237432849).abs() < 1e-12);
        assert!((q.transpose() * &q - DMatrix::identity(2, 2)).amax() < 1e-14);
    }

    proptest! {
        #[test]
        fn fast_symmetric_agrees_with_the_general_path(n in 2usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 9),
                                                        kind in 0usize..4, exp in -150i32..=150) {
            let half = crate::svd::tests::kind_of_matrix(n, kind, &entries);
            let a = (&half + half.transpose()) * 10f64.powi(exp);
            let scale = power_of_two_scale(a.amax());
            prop_assume!(scale > 0.0);
            let fast = if n == 2 { symmetric_small::<2>(&a, scale) } else { symmetric_small::<3>(&a, scale) };
            prop_assert!(fast.is_some(), "the fast path rejected {a}");
            let (values, vectors) = fast.unwrap();
            let (want_values, want_vectors) = symmetric_general(&a, scale).unwrap();
            let size = values.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
            for (got, want) in values.iter().zip(&want_values) {
                prop_assert!((got - want).abs() <= 1e-14 * size, "{values:?} vs {want_values:?}");
            }
            for c in 0..n {
                let gap = (0..n).filter(|&k| k != c).map(|k| (values[k] - values[c]).abs()).fold(f64::INFINITY, f64::min);
                let (x, y) = (vectors.column(c), want_vectors.column(c));
                let mut magnitudes: Vec<f64> = y.iter().map(|e| e.abs()).collect();
                magnitudes.sort_by(|a, b| b.total_cmp(a));
                let tie = magnitudes[0] - magnitudes[1] < 1e-9;
                if gap > 1e-6 * size {
                    prop_assert!((x - y).amax() <= 1e-8 || (tie && (x + y).amax() <= 1e-8), "{vectors} vs {want_vectors}");
                }
            }
        }

        #[test]
        fn small_closed_forms_agree_with_the_general_route(n in 2usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 9)) {
            // diag(A, 100) is 4×4, so it takes the Schur and SVD route; its eigen-pairs are A's, padded.
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 3 + c]);
            let padded = DMatrix::from_fn(n + 1, n + 1, |r, c| if r < n && c < n { a[(r, c)] } else if r == c { 100.0 } else { 0.0 });
            let (small, general) = (eigen(&a).unwrap(), eigen(&padded).unwrap());
            prop_assert!((general.values[0].re - 100.0).abs() < 1e-9);
            let gap = small.values.windows(2).map(|w| (w[0] - w[1]).norm()).fold(f64::INFINITY, f64::min);
            prop_assume!(gap > 1e-3);
            for (x, y) in small.values.iter().zip(&general.values[1..]) {
                prop_assert!((x - y).norm() <= 1e-12, "{:?} vs {:?}", small.values, general.values);
            }
            match (&small.vectors, &general.vectors) {
                (Ok(v), Ok(w)) => {
                    for c in 0..n {
                        for r in 0..n {
                            prop_assert!((v[(r, c)] - w[(r, c + 1)]).abs() <= 1e-9, "{v} vs {w}");
                        }
                    }
                }
                (Err(x), Err(y)) => prop_assert_eq!(x, y),
                (x, y) => prop_assert!(false, "{:?} vs {:?}", x, y),
            }
        }

        #[test]
        fn trace_determinant_and_residuals(n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            let e = eigen(&a).unwrap();
            let sum: Complex<f64> = e.values.iter().sum();
            let product: Complex<f64> = e.values.iter().product();
            let scale = a.amax().max(1.0);
            prop_assert!((sum.re - a.trace()).abs() <= 1e-9 * scale * n as f64);
            prop_assert!(sum.im.abs() <= 1e-9 * scale * n as f64);
            let det = a.determinant();
            // Hadamard's bound |det A| ≤ Π‖rowᵢ‖ sets the scale of the rounding in both.
            let hadamard: f64 = a.row_iter().map(|r| r.norm()).product();
            prop_assert!((product.re - det).abs() <= 1e-10 * hadamard.max(1e-300), "{} vs {}", product.re, det);
            prop_assert!(product.im.abs() <= 1e-10 * hadamard.max(1e-300));
            prop_assert!(e.values.windows(2).all(|w| contract_order(&w[0], &w[1]) != Ordering::Greater));
            if let Ok(v) = &e.vectors {
                for (c, z) in e.values.iter().enumerate() {
                    let col = v.column(c);
                    prop_assert!((col.norm() - 1.0).abs() < 1e-12);
                    prop_assert!((&a * col - col * z.re).norm() <= 1e-8 * a.norm().max(1e-300));
                }
            }
        }

        #[test]
        fn symmetric_matrices_always_have_real_orthonormal_vectors(n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36)) {
            let half = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            let a = &half + half.transpose();
            let e = eigen(&a).unwrap();
            prop_assert!(e.values.iter().all(|z| z.im == 0.0));
            let v = e.vectors.unwrap();
            prop_assert!((v.transpose() * &v - DMatrix::identity(n, n)).amax() < 1e-10);
        }
    }
}
