//! Fast paths for the sizes the pages use most, all on the stack: the 2×2 SVD in closed form, the SVD
//! of anything up to 3×3 by one-sided Jacobi, and the 2×2 / 3×3 symmetric eigenproblem by Jacobi
//! rotations. Each returns its result sorted
//! (descending), signed like the general routines (largest-magnitude entry of each vector positive,
//! the first one on a tie) and verified to the general routines' tolerances; `None` sends the caller
//! to the general path. Inputs are already scaled so that their largest entry is about 1.
// Index loops over rows and columns of fixed-size arrays read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use nalgebra::Matrix2;

/// Largest relative reconstruction residual accepted for a 2×2 SVD: the general path's
/// `RESIDUAL_TOLERANCE` (64 ε) times max(m, n) = 2.
const SVD_TOLERANCE: f64 = 64.0 * f64::EPSILON * 2.0;
/// Largest Frobenius residual ‖BV − VΛ‖ and ‖VᵀV − I‖ accepted per unit of n, as in `eigen::symmetric`.
const EIGEN_TOLERANCE: f64 = 1e-10;
/// Most Jacobi sweeps (each rotates every off-diagonal pair once); 3×3 matrices need about five.
const MAX_SWEEPS: usize = 32;

/// A 2×2 SVD: columns of `u` and `v` as arrays, A = U · diag(σ) · Vᵀ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Svd2 {
    /// Left singular vectors, `u[c]` is column c.
    pub u: [[f64; 2]; 2],
    /// σ₁ ≥ σ₂ ≥ 0.
    pub sigma: [f64; 2],
    /// Right singular vectors, `v[c]` is column c; each has its largest-magnitude entry positive.
    pub v: [[f64; 2]; 2],
}

/// The SVD of [[a, b], [c, d]] in closed form (A = R(φ)·diag(Q+R, Q−R)·R(θ), with the rotations'
/// half angles from square roots, no trigonometry), with σ₂ = det / σ₁ so that a nearly singular matrix keeps its small singular
/// value to full relative accuracy. Verified: `None` when the reconstruction is off.
pub fn svd_2x2(a: f64, b: f64, c: f64, d: f64) -> Option<Svd2> {
    if b == 0.0 && c == 0.0 {
        return Some(permutation_svd([(a, 0, 0), (d, 1, 1)]));
    }
    if a == 0.0 && d == 0.0 {
        return Some(permutation_svd([(b, 0, 1), (c, 1, 0)]));
    }
    let (e, f, g, h) = ((a + d) / 2.0, (a - d) / 2.0, (c + b) / 2.0, (c - b) / 2.0);
    let (q, r) = (norm2(e, h), norm2(f, g));
    let s1 = q + r;
    if !(s1 > 0.0 && s1.is_finite()) {
        return None;
    }
    let s2 = (a * d - b * c) / s1;
    // A = R(φ)·diag(Q + R, Q − R)·R(θ) with 2φ = α₂ + α₁, 2θ = α₂ − α₁, e^{iα₁} = (F + iG)/R and
    // e^{iα₂} = (E + iH)/Q: the half angles from square roots of unit complex numbers, no trigonometry.
    let unit = |x: f64, y: f64, n: f64| if n > 0.0 { (x / n, y / n) } else { (1.0, 0.0) };
    let (z1, z2) = (unit(f, g, r), unit(e, h, q));
    let (cp, sp) = half_angle(z2.0 * z1.0 - z2.1 * z1.1, z2.1 * z1.0 + z2.0 * z1.1);
    let (mut ct, mut st) = half_angle(z2.0 * z1.0 + z2.1 * z1.1, z2.1 * z1.0 - z2.0 * z1.1);
    // The two principal roots must multiply to e^{iα₂}, not to −e^{iα₂}.
    if (cp * ct - sp * st) * z2.0 + (sp * ct + cp * st) * z2.1 < 0.0 {
        (ct, st) = (-ct, -st);
    }
    // U = R(φ), Vᵀ = R(θ) so V = R(−θ); a negative second value flips the second left vector.
    let flip = if s2 < 0.0 { -1.0 } else { 1.0 };
    let mut out = Svd2 { u: [[cp, sp], [-sp * flip, cp * flip]], sigma: [s1, s2.abs()], v: [[ct, -st], [st, ct]] };
    for col in 0..2 {
        let [x, y] = out.v[col];
        if (if y.abs() > x.abs() { y } else { x }) < 0.0 {
            out.v[col] = [-x, -y];
            out.u[col] = [-out.u[col][0], -out.u[col][1]];
        }
    }
    let rebuilt = |r: usize, k: usize| out.u[0][r] * out.sigma[0] * out.v[0][k] + out.u[1][r] * out.sigma[1] * out.v[1][k];
    let residual = [(rebuilt(0, 0) - a), (rebuilt(0, 1) - b), (rebuilt(1, 0) - c), (rebuilt(1, 1) - d)];
    let norm_sq = a * a + b * b + c * c + d * d;
    let residual_sq: f64 = residual.iter().map(|x| x * x).sum();
    let sum_sq = out.sigma[0] * out.sigma[0] + out.sigma[1] * out.sigma[1];
    let ok = out.sigma[1].is_finite()
        && residual_sq.sqrt() <= SVD_TOLERANCE * norm_sq.sqrt()
        && (sum_sq - norm_sq).abs() <= SVD_TOLERANCE * norm_sq;
    ok.then_some(out)
}

/// √(x² + y²) for |x|, |y| ≤ 2, without underflow for tiny inputs.
fn norm2(x: f64, y: f64) -> f64 {
    let n = (x * x + y * y).sqrt();
    if n < 1e-150 {
        x.hypot(y)
    } else {
        n
    }
}

/// (cos, sin) of half the angle of the unit complex number x + iy (the principal square root).
fn half_angle(x: f64, y: f64) -> (f64, f64) {
    if x >= 0.0 {
        let c = ((1.0 + x) / 2.0).sqrt();
        (c, y / (2.0 * c))
    } else {
        let s = ((1.0 - x) / 2.0).sqrt().copysign(y);
        (y / (2.0 * s), s)
    }
}

/// The exact SVD of a 2×2 matrix with one nonzero entry per row and column (or less): each
/// `(value, row, column)` is an entry; its singular vectors are unit axes, the sign goes into U.
fn permutation_svd(entries: [(f64, usize, usize); 2]) -> Svd2 {
    let [first, second] = entries;
    let (big, small) = if first.0.abs() >= second.0.abs() { (first, second) } else { (second, first) };
    let axis = |i: usize, sign: f64| if i == 0 { [sign, 0.0] } else { [0.0, sign] };
    let sign = |x: f64| if x < 0.0 { -1.0 } else { 1.0 };
    Svd2 {
        u: [axis(big.1, sign(big.0)), axis(small.1, sign(small.0))],
        sigma: [big.0.abs(), small.0.abs()],
        v: [axis(big.2, 1.0), axis(small.2, 1.0)],
    }
}

/// The largest side [`svd_up_to_3`] takes.
pub const SMALL: usize = 3;

/// A thin SVD of an m×n matrix with m, n ≤ [`SMALL`], on the stack: k = min(m, n) singular triples,
/// `u[c]` (first m entries) and `v[c]` (first n entries) are the c-th singular vectors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvdSmall {
    /// Rows m and columns n of A.
    pub shape: (usize, usize),
    /// Left singular vectors (columns), k of them.
    pub u: [[f64; SMALL]; SMALL],
    /// k singular values, descending, ≥ 0.
    pub sigma: [f64; SMALL],
    /// Right singular vectors (columns), k of them; each has its largest-magnitude entry positive.
    pub v: [[f64; SMALL]; SMALL],
}

/// Columns count as orthogonal once their cosine is below this: a few ε, because at exactly ε a
/// rotation can undo the last one's rounding forever (seen on a random 3×3 scaled by 1e133). The
/// reconstruction check below still holds the result to 64 ε.
const ORTHOGONAL: f64 = 4.0 * f64::EPSILON;

/// The SVD of the m×n matrix whose entry (r, c) is `a[c][r]` (m, n ≤ 3) by one-sided Jacobi
/// rotations (Hestenes) on the stack, at most [`MAX_SWEEPS`] sweeps: the same method as the general
/// path's fallback, without the heap. Sorted, signed like [`super::svd::Svd`] and verified to the
/// same tolerance (64 ε · max(m, n)); `None` sends the caller to the general path.
pub fn svd_up_to_3(m: usize, n: usize, a: [[f64; SMALL]; SMALL]) -> Option<SvdSmall> {
    if m == 0 || n == 0 || m > SMALL || n > SMALL {
        return None;
    }
    if m < n {
        let mut t = [[0.0; SMALL]; SMALL];
        for (c, column) in a.iter().enumerate().take(n) {
            for (r, x) in column.iter().enumerate().take(m) {
                t[r][c] = *x;
            }
        }
        let s = svd_up_to_3(n, m, t)?;
        return Some(resign(SvdSmall { shape: (m, n), u: s.v, sigma: s.sigma, v: s.u }));
    }
    let norm_sq: f64 = a.iter().take(n).flat_map(|c| c.iter().take(m)).map(|x| x * x).sum();
    let mut w = a;
    let mut v = [[0.0; SMALL]; SMALL];
    for (i, column) in v.iter_mut().enumerate() {
        column[i] = 1.0;
    }
    let dot = |x: &[f64; SMALL], y: &[f64; SMALL]| -> f64 { x.iter().zip(y).take(m).map(|(p, q)| p * q).sum() };
    // Columns this small are numerically zero: rotating them only stirs rounding noise.
    let negligible = f64::EPSILON * f64::EPSILON * norm_sq;
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for i in 0..n {
            for j in i + 1..n {
                let (alpha, beta, gamma) = (dot(&w[i], &w[i]), dot(&w[j], &w[j]), dot(&w[i], &w[j]));
                if gamma.abs() <= ORTHOGONAL * (alpha * beta).sqrt() || alpha.min(beta) <= negligible {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let cos = 1.0 / (1.0 + t * t).sqrt();
                let sin = cos * t;
                for matrix in [&mut w, &mut v] {
                    let (ci, cj) = (matrix[i], matrix[j]);
                    for r in 0..SMALL {
                        matrix[i][r] = cos * ci[r] - sin * cj[r];
                        matrix[j][r] = sin * ci[r] + cos * cj[r];
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
        return None;
    }
    let mut sigma = [0.0; SMALL];
    for c in 0..n {
        sigma[c] = dot(&w[c], &w[c]).sqrt();
    }
    let mut order = [0, 1, 2];
    super::order::sort_by(&mut order[..n], |&i, &j| sigma[j].total_cmp(&sigma[i]));
    let zero = negligible.sqrt() * n as f64;
    let mut out = SvdSmall { shape: (m, n), u: [[0.0; SMALL]; SMALL], sigma: [0.0; SMALL], v: [[0.0; SMALL]; SMALL] };
    for (c, &i) in order.iter().take(n).enumerate() {
        out.v[c] = v[i];
        if sigma[i] > zero {
            out.sigma[c] = sigma[i];
            out.u[c] = w[i].map(|x| x / sigma[i]);
        }
    }
    // Columns of U for zero singular values: unit vectors orthogonal to the others (Gram–Schmidt).
    for c in 0..n {
        if out.sigma[c] > 0.0 {
            continue;
        }
        for e in 0..m {
            let mut candidate = [0.0; SMALL];
            candidate[e] = 1.0;
            for k in (0..n).filter(|&k| k != c && (out.sigma[k] > 0.0 || k < c)) {
                let projection = dot(&out.u[k], &candidate);
                for r in 0..m {
                    candidate[r] -= projection * out.u[k][r];
                }
            }
            let norm = dot(&candidate, &candidate).sqrt();
            if norm > 0.5 {
                out.u[c] = candidate.map(|x| x / norm);
                break;
            }
        }
    }
    let out = resign(out);
    let mut residual_sq = 0.0;
    for r in 0..m {
        for c in 0..n {
            let rebuilt: f64 = (0..n).map(|k| out.u[k][r] * out.sigma[k] * out.v[k][c]).sum();
            residual_sq += (rebuilt - a[c][r]).powi(2);
        }
    }
    let sum_sq: f64 = out.sigma.iter().map(|x| x * x).sum();
    let tolerance = 64.0 * f64::EPSILON * m.max(n) as f64;
    let ok = out.sigma.iter().all(|x| x.is_finite())
        && residual_sq.sqrt() <= tolerance * norm_sq.sqrt()
        && (sum_sq - norm_sq).abs() <= tolerance * norm_sq;
    ok.then_some(out)
}

/// Makes the largest-magnitude entry of each right singular vector positive (the first on a tie),
/// flipping the left one with it.
fn resign(mut s: SvdSmall) -> SvdSmall {
    let (m, n) = s.shape;
    for c in 0..m.min(n) {
        let pivot = s.v[c].iter().take(n).copied().fold(0.0_f64, |best, x| if x.abs() > best.abs() { x } else { best });
        if pivot < 0.0 {
            s.v[c] = s.v[c].map(|x| -x);
            s.u[c] = s.u[c].map(|x| -x);
        }
    }
    s
}

/// A symmetric eigendecomposition on the stack: `vectors[c]` is the unit eigenvector of `values[c]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SymmetricEigen<const N: usize> {
    /// Eigenvalues, descending.
    pub values: [f64; N],
    /// Orthonormal eigenvectors (as columns: `vectors[c]`), largest-magnitude entry positive.
    pub vectors: [[f64; N]; N],
}

/// The eigendecomposition of the symmetric N×N matrix `b` (N = 2 or 3; only the upper triangle is
/// read) by cyclic Jacobi rotations, at most [`MAX_SWEEPS`] sweeps; for N = 2 one rotation is the
/// closed form. Sorted, signed and verified (residual and orthogonality); `None` if not.
pub fn symmetric_jacobi<const N: usize>(b: [[f64; N]; N]) -> Option<SymmetricEigen<N>> {
    let sym = b_symmetric(&b);
    let mut m = sym;
    let norm_sq: f64 = m.iter().flatten().map(|x| x * x).sum();
    if !norm_sq.is_finite() {
        return None;
    }
    let mut v = [[0.0; N]; N];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let negligible = f64::EPSILON * f64::EPSILON * norm_sq.sqrt();
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..N {
            for q in p + 1..N {
                let apq = m[p][q];
                if apq.abs() <= f64::EPSILON * (m[p][p] * m[q][q]).abs().sqrt() || apq.abs() <= negligible {
                    m[p][q] = 0.0;
                    m[q][p] = 0.0;
                    continue;
                }
                rotated = true;
                let tau = (m[q][q] - m[p][p]) / (2.0 * apq);
                let t = if tau >= 0.0 { 1.0 } else { -1.0 } / (tau.abs() + (1.0 + tau * tau).sqrt());
                let cos = 1.0 / (1.0 + t * t).sqrt();
                let sin = t * cos;
                // M ← JᵀMJ and V ← VJ with J the rotation in the (p, q) plane.
                for k in 0..N {
                    let (x, y) = (m[k][p], m[k][q]);
                    m[k][p] = cos * x - sin * y;
                    m[k][q] = sin * x + cos * y;
                }
                for k in 0..N {
                    let (x, y) = (m[p][k], m[q][k]);
                    m[p][k] = cos * x - sin * y;
                    m[q][k] = sin * x + cos * y;
                }
                m[p][q] = 0.0;
                m[q][p] = 0.0;
                for row in v.iter_mut() {
                    let (x, y) = (row[p], row[q]);
                    row[p] = cos * x - sin * y;
                    row[q] = sin * x + cos * y;
                }
            }
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    if !converged {
        return None;
    }
    let mut order = [0usize; N];
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    super::order::sort_by(&mut order, |&i, &j| m[j][j].total_cmp(&m[i][i]));
    let mut out = SymmetricEigen { values: [0.0; N], vectors: [[0.0; N]; N] };
    for (c, &i) in order.iter().enumerate() {
        out.values[c] = m[i][i];
        let mut column = [0.0; N];
        for (r, x) in column.iter_mut().enumerate() {
            *x = v[r][i];
        }
        let pivot = column.iter().copied().fold(0.0_f64, |best, x| if x.abs() > best.abs() { x } else { best });
        if pivot < 0.0 {
            column.iter_mut().for_each(|x| *x = -*x);
        }
        out.vectors[c] = column;
    }
    let (mut residual_sq, mut orthogonal_sq) = (0.0, 0.0);
    for c in 0..N {
        let vc = out.vectors[c];
        for (r, row) in sym.iter().enumerate() {
            let bv: f64 = row.iter().zip(vc).map(|(x, y)| x * y).sum();
            residual_sq += (bv - out.values[c] * vc[r]).powi(2);
        }
        for k in 0..N {
            let dot: f64 = vc.iter().zip(out.vectors[k]).map(|(x, y)| x * y).sum();
            orthogonal_sq += (dot - if k == c { 1.0 } else { 0.0 }).powi(2);
        }
    }
    let bound = EIGEN_TOLERANCE * N as f64;
    let ok = out.values.iter().all(|x| x.is_finite()) && residual_sq.sqrt() <= bound && orthogonal_sq.sqrt() <= bound;
    ok.then_some(out)
}

/// `b` with its lower triangle taken from the upper one.
fn b_symmetric<const N: usize>(b: &[[f64; N]; N]) -> [[f64; N]; N] {
    let mut m = *b;
    for r in 0..N {
        for c in 0..r {
            m[r][c] = m[c][r];
        }
    }
    m
}

/// det m of a 2×2 matrix, ad − bc.
pub fn det_2x2(m: &Matrix2<f64>) -> f64 {
    m.m11 * m.m22 - m.m12 * m.m21
}

/// The inverse of a 2×2 matrix in closed form (the adjugate over ad − bc); `None` when it does not
/// exist or is not finite.
pub fn inverse_2x2(m: &Matrix2<f64>) -> Option<Matrix2<f64>> {
    let det = det_2x2(m);
    let inv = Matrix2::new(m.m22, -m.m12, -m.m21, m.m11) / det;
    (det != 0.0 && inv.iter().all(|x| x.is_finite())).then_some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;
    use proptest::prelude::*;

    fn dense<const N: usize>(m: &[[f64; N]; N]) -> DMatrix<f64> {
        DMatrix::from_fn(N, N, |r, c| m[r][c])
    }

    #[test]
    fn two_by_two_svd_of_the_seed() {
        let s = svd_2x2(3.0, 7.0, 5.0, 2.0).unwrap();
        assert!((s.sigma[0] * s.sigma[1] - 29.0).abs() < 1e-13);
        assert!((s.sigma[0] - 8.7133796929).abs() < 1e-9);
        // Rotations, reflections, a rank-one matrix, a diagonal one with the larger entry second.
        for m in [[0.0, -1.0, 1.0, 0.0], [1.0, 0.0, 0.0, -1.0], [1.0, 2.0, 2.0, 4.0], [0.5, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 0.0]] {
            let s = svd_2x2(m[0], m[1], m[2], m[3]).unwrap_or_else(|| panic!("{m:?}"));
            assert!(s.sigma[0] >= s.sigma[1] && s.sigma[1] >= 0.0);
        }
        assert_eq!(svd_2x2(1.0, 2.0, 2.0, 4.0).unwrap().sigma[1], 0.0);
        // Diagonal and anti-diagonal matrices get exact unit singular vectors.
        let s = svd_2x2(1e-300, 0.0, 0.0, -1.0).unwrap();
        assert_eq!(s, Svd2 { u: [[0.0, -1.0], [1.0, 0.0]], sigma: [1.0, 1e-300], v: [[0.0, 1.0], [1.0, 0.0]] });
        let s = svd_2x2(0.0, -0.5, 1.0, 0.0).unwrap();
        assert_eq!(s, Svd2 { u: [[0.0, 1.0], [-1.0, 0.0]], sigma: [1.0, 0.5], v: [[1.0, 0.0], [0.0, 1.0]] });
    }

    #[test]
    fn jacobi_on_repeated_and_diagonal_matrices() {
        let e = symmetric_jacobi([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]).unwrap();
        assert_eq!(e.values, [1.0; 3]);
        assert_eq!(dense(&e.vectors), DMatrix::identity(3, 3));
        let e = symmetric_jacobi([[0.25, 0.0], [0.0, 1.0]]).unwrap();
        assert_eq!(e.values, [1.0, 0.25]);
        assert_eq!(e.vectors, [[0.0, 1.0], [1.0, 0.0]]);
        let e = symmetric_jacobi([[2.0, 1.0], [1.0, 2.0]]).unwrap();
        assert!((e.values[0] - 3.0).abs() < 1e-15 && (e.values[1] - 1.0).abs() < 1e-15);
        let e = symmetric_jacobi([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]).unwrap();
        assert!((e.values[0] - 3.0).abs() < 1e-14 && e.values[1].abs() < 1e-15 && e.values[2].abs() < 1e-15);
    }

    proptest! {
        #[test]
        fn svd_2x2_reconstructs(entries in proptest::collection::vec(-1.0f64..1.0, 4), exp in -150i32..=150) {
            let scale = 10f64.powi(exp);
            let [a, b, c, d] = [entries[0], entries[1], entries[2], entries[3]];
            prop_assume!(a != 0.0 || b != 0.0 || c != 0.0 || d != 0.0);
            // The fast path is given inputs scaled to max |entry| = 1, as the callers do; scale back.
            let amax = entries.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
            let s = svd_2x2(a / amax, b / amax, c / amax, d / amax);
            prop_assert!(s.is_some(), "{entries:?}");
            let s = s.unwrap();
            let sigma = [s.sigma[0] * amax * scale, s.sigma[1] * amax * scale];
            let det = (a * d - b * c) * scale * scale;
            prop_assert!((sigma[0] * sigma[1] - det.abs()).abs() <= 1e-14 * (sigma[0] * sigma[0]));
        }

        #[test]
        fn jacobi_3x3_matches_nalgebra(entries in proptest::collection::vec(-1.0f64..1.0, 9)) {
            let m = [[entries[0], entries[1], entries[2]], [entries[1], entries[4], entries[5]], [entries[2], entries[5], entries[8]]];
            let e = symmetric_jacobi(m).unwrap();
            let want = nalgebra::SymmetricEigen::new(dense(&m));
            let mut want: Vec<f64> = want.eigenvalues.iter().copied().collect();
            want.sort_by(|a, b| b.total_cmp(a));
            for (got, want) in e.values.iter().zip(want) {
                prop_assert!((got - want).abs() <= 1e-14, "{got} vs {want}");
            }
        }
    }
}
