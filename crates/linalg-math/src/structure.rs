//! Structure tests of a matrix, each within a stated tolerance: symmetric (A = Aᵀ), diagonal, and
//! orthogonal (AᵀA = I, with the size of its error); the Gram matrix AᵀA; and the orthogonal 2×2
//! matrices built from an angle in degrees (a rotation, or a reflection).
//!
//! Symmetry and diagonality are relative to the largest entry (so a scaled matrix keeps its answer);
//! orthogonality is absolute, since an orthogonal matrix has entries in [−1, 1] and AᵀA = I.

use nalgebra::DMatrix;

/// Relative tolerance of the three structure tests.
pub const TOL: f64 = 1e-9;

/// The largest entry of |m|, 0 for an empty matrix.
pub fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// max |A − Aᵀ| of a square A: 0 exactly when A is symmetric.
pub fn asymmetry(a: &DMatrix<f64>) -> f64 {
    debug_assert!(a.is_square());
    max_abs(&(a - a.transpose()))
}

/// Whether A = Aᵀ within [`TOL`] · max|A| (square only).
pub fn is_symmetric(a: &DMatrix<f64>) -> bool {
    a.is_square() && asymmetry(a) <= TOL * max_abs(a)
}

/// Whether every entry off the main diagonal is within [`TOL`] · max|A| of zero (any shape).
pub fn is_diagonal(a: &DMatrix<f64>) -> bool {
    let tol = TOL * max_abs(a);
    (0..a.nrows()).all(|i| (0..a.ncols()).all(|j| i == j || a[(i, j)].abs() <= tol))
}

/// The Gram matrix AᵀA: the dot products of every pair of columns (may overflow; the caller says so).
pub fn gram(a: &DMatrix<f64>) -> DMatrix<f64> {
    a.transpose() * a
}

/// max |AᵀA − I| for a square A (`None` otherwise). Entries above 2 in size rule orthogonality out at
/// once (an orthogonal matrix has entries in [−1, 1]) and would only risk overflow: ∞ then.
pub fn orthogonality_error(a: &DMatrix<f64>) -> Option<f64> {
    if !a.is_square() {
        return None;
    }
    if max_abs(a) > 2.0 {
        return Some(f64::INFINITY);
    }
    let n = a.nrows();
    Some(max_abs(&(gram(a) - DMatrix::identity(n, n))))
}

/// Whether AᵀA = I within [`TOL`] (square only).
pub fn is_orthogonal(a: &DMatrix<f64>) -> bool {
    orthogonality_error(a).is_some_and(|e| e <= TOL)
}

/// The rotation by `deg` degrees, or (with `reflection`) the reflection whose first column is at
/// `deg` degrees: its mirror is the line at deg/2.
pub fn rotation_or_reflection(deg: f64, reflection: bool) -> DMatrix<f64> {
    let (s, c) = deg.to_radians().sin_cos();
    if reflection {
        DMatrix::from_row_slice(2, 2, &[c, s, s, -c])
    } else {
        DMatrix::from_row_slice(2, 2, &[c, -s, s, c])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(rows: usize, entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(rows, entries.len() / rows, entries)
    }

    #[test]
    fn the_seeds_matrices() {
        let sym = m(3, &[2.0, 4.0, -1.0, 4.0, -8.0, 0.0, -1.0, 0.0, 3.0]);
        assert!(is_symmetric(&sym) && !is_diagonal(&sym) && !is_orthogonal(&sym));
        // A 4×3 diagonal matrix: diagonal, but neither symmetric nor orthogonal (not square).
        let tall = m(4, &[2.0, 0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0]);
        assert!(!is_symmetric(&tall) && is_diagonal(&tall) && orthogonality_error(&tall).is_none());
        let swap = m(2, &[0.0, 1.0, 1.0, 0.0]);
        assert!(is_symmetric(&swap) && !is_diagonal(&swap) && is_orthogonal(&swap));
        assert_eq!(gram(&m(2, &[1.0, 2.0, 3.0, 4.0])), m(2, &[10.0, 14.0, 14.0, 20.0]));
        assert_eq!(asymmetry(&m(2, &[1.0, 2.0, -3.0, 4.0])), 5.0);
        assert_eq!(orthogonality_error(&m(2, &[3.0, 0.0, 0.0, 1.0])), Some(f64::INFINITY));
    }

    #[test]
    fn the_tolerance_absorbs_rounding_but_not_real_differences() {
        // A rotation by 180° has sin π ≈ 1.2e-16 off the diagonal: diagonal and symmetric within 1e-9.
        let half_turn = rotation_or_reflection(180.0, false);
        assert!(is_symmetric(&half_turn) && is_diagonal(&half_turn) && is_orthogonal(&half_turn));
        let shear = m(2, &[1.0, 1e-6, 0.0, 1.0]);
        assert!(!is_symmetric(&shear) && !is_diagonal(&shear) && !is_orthogonal(&shear));
        // Scaled matrices keep their symmetry; the zero matrix is symmetric and diagonal.
        assert!(is_symmetric(&(m(2, &[1.0, 2.0, 2.0, 1.0]) * 1e-200)) && is_diagonal(&DMatrix::zeros(2, 2)));
        assert!(!is_orthogonal(&DMatrix::zeros(2, 2)));
    }

    proptest! {
        #[test]
        fn every_rotation_and_reflection_is_orthogonal(deg in -1e4f64..1e4, reflection in any::<bool>()) {
            let a = rotation_or_reflection(deg, reflection);
            prop_assert!(is_orthogonal(&a));
            // A reflection is always symmetric; a rotation only when it is (nearly) diagonal, ±I.
            let consistent = if reflection { is_symmetric(&a) } else { !is_symmetric(&a) || is_diagonal(&a) };
            prop_assert!(consistent);
        }

        #[test]
        fn a_plus_its_transpose_is_symmetric_and_scaling_a_column_breaks_orthogonality(
            n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36), k in 1.1f64..3.0) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            prop_assert!(is_symmetric(&(&a + a.transpose())));
            let mut q = DMatrix::<f64>::identity(n, n);
            q.column_mut(0).scale_mut(k);
            prop_assert!(!is_orthogonal(&q));
            prop_assert!(is_diagonal(&q));
        }
    }
}
