//! Linear systems: the inverse of a square matrix and the solution of Ax = b, whether b lies in A's
//! column space, the least-squares (and shortest) x = A⁺b, and two lines crossing in the plane.
//!
//! Whether A is invertible is decided by the SVD's rank (numpy's tolerance), never by LU happening to
//! succeed. Only then is the inverse computed, by LU with partial pivoting (as numpy does) on a copy
//! scaled by a power of two (exact), falling back to the SVD's pseudoinverse when LU meets an exact
//! zero pivot, and checked: A·A⁻¹ must be the identity to working precision.

use super::scale::{frexp, ldexp};
use super::small::{det_2x2, inverse_2x2};
use super::svd::{svd, PINV_RCOND};
use super::NumericError;
use nalgebra::{DMatrix, Matrix2, Vector2};

/// Why a square matrix has no inverse to show.
#[derive(Debug, Clone, PartialEq)]
pub enum InverseError {
    /// The SVD's rank is below n: the columns are dependent.
    Singular {
        /// The numerical rank (numpy's `matrix_rank`).
        rank: usize,
        /// The size of the matrix.
        n: usize,
    },
    /// The SVD failed, or the inverse is too large for a 64-bit float.
    Numeric(NumericError),
    /// A·A⁻¹ is not the identity to working precision.
    Inaccurate,
}

/// `a` divided by the power of two nearest above its largest entry (exact), and that power's exponent.
fn scaled(a: &DMatrix<f64>) -> (DMatrix<f64>, i32) {
    let (_, e) = frexp(a.amax());
    (a.map(|x| ldexp(x, -e)), e)
}

/// The inverse of a square matrix with finite entries, or why it has none. Singularity is decided by
/// the SVD's rank; the inverse itself comes from LU on a power-of-two-scaled copy (the SVD's
/// pseudoinverse if LU meets an exact zero pivot), and is checked for backward stability.
pub fn inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, InverseError> {
    let n = a.nrows();
    let s = svd(a).map_err(InverseError::Numeric)?;
    let rank = s.rank();
    if rank < n {
        return Err(InverseError::Singular { rank, n });
    }
    let (unit, e) = scaled(a);
    // unit = A / 2^e, so A⁻¹ = unit⁻¹ / 2^e.
    let inverse = match unit.clone().lu().try_inverse() {
        Some(x) => x,
        // LU found an exact zero pivot although the SVD says full rank: use the SVD instead.
        None => svd(&unit).and_then(|s| s.pseudo_inverse(PINV_RCOND)).map_err(InverseError::Numeric)?,
    };
    let inverse = inverse.map(|x| ldexp(x, -e));
    if inverse.iter().any(|x| !x.is_finite()) {
        return Err(InverseError::Numeric(NumericError::Overflow));
    }
    // Backward stability: ‖A·X − I‖ is at most a modest multiple of ε·‖A‖·‖X‖.
    let residual = (&unit * &inverse.map(|x| ldexp(x, e)) - DMatrix::<f64>::identity(n, n)).amax();
    let bound = 1e3 * n as f64 * f64::EPSILON * unit.norm() * inverse.map(|x| ldexp(x, e)).norm();
    if residual.is_nan() || residual > bound.max(1e-12) {
        return Err(InverseError::Inaccurate);
    }
    Ok(inverse)
}

/// The solution of A x = b for a square A that the SVD found full rank (see [`inverse`]), by LU on a
/// power-of-two-scaled copy, as `np.linalg.solve`; `None` when LU meets an exact zero pivot or b does
/// not have one entry per row of A.
pub fn solve(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if b.nrows() != a.nrows() {
        return None;
    }
    let (unit, e) = scaled(a);
    // unit · (2^e x) = b.
    let y = unit.lu().solve(b)?;
    Some(y.map(|v| ldexp(v, -e)))
}

/// rank A and rank [A | b], each by the SVD with numpy's tolerance (`np.linalg.matrix_rank`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranks {
    /// rank A: the dimension of the column space.
    pub a: usize,
    /// rank [A | b]: the same, with b appended as a last column.
    pub augmented: usize,
}

impl Ranks {
    /// Whether b lies in A's column space: appending it adds no direction.
    pub fn reachable(&self) -> bool {
        self.augmented == self.a
    }
}

/// rank A and rank [A | b] (a failure of A's SVD is reported first); `None` when b does not have one
/// entry per row of A.
pub fn ranks(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<Result<Ranks, NumericError>> {
    let (m, n) = a.shape();
    (b.len() == m).then(|| {
        let rank = svd(a)?.rank();
        let augmented = DMatrix::from_fn(m, n + 1, |r, c| if c < n { a[(r, c)] } else { b[r] });
        Ok(Ranks { a: rank, augmented: svd(&augmented)?.rank() })
    })
}

/// x = A⁺b: the exact solution of Ax = b when there is one and only one; the shortest of them when
/// there are many; the least-squares x (smallest ‖Ax − b‖, then shortest) when there is none. `None`
/// when b does not have one entry per row of A; an error when the SVD fails or x overflows.
///
/// The pseudoinverse drops the singular values σ ≤ [`PINV_RCOND`] · σ_max, as numpy's `pinv` with its
/// default `rcond` = 1e-15: a cutoff relative to the largest singular value, not an absolute one. (The
/// nalgebra line of the span page's code panel, `s.pseudo_inverse(1e-15)`, is nalgebra's method,
/// whose 1e-15 is an absolute cutoff on σ: the two differ for matrices whose σ_max is far from 1.)
pub fn least_squares(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<Result<DMatrix<f64>, NumericError>> {
    (b.len() == a.nrows()).then(|| {
        let x = svd(a)?.pseudo_inverse(PINV_RCOND)? * b;
        if x.iter().all(|v| v.is_finite()) {
            Ok(x)
        } else {
            Err(NumericError::Overflow)
        }
    })
}

/// Where two lines of the plane cross: the solution of `rows` · x = `rhs`, each row of `rows` the
/// normal of one line. `None` when the lines are parallel or nearly so (|det| ≤ 1e-12 · ‖row₁‖ ·
/// ‖row₂‖), or the crossing is not a finite point.
pub fn crossing(rows: &Matrix2<f64>, rhs: &Vector2<f64>) -> Option<Vector2<f64>> {
    let det = det_2x2(rows);
    let size = rows.row(0).norm() * rows.row(1).norm();
    if !(det.is_finite() && det.abs() > 1e-12 * size) {
        return None;
    }
    let x = inverse_2x2(rows)? * rhs;
    x.iter().all(|v| v.is_finite()).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn singular_and_overflowing_inverses_say_why() {
        let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0]);
        assert_eq!(inverse(&a), Err(InverseError::Singular { rank: 1, n: 2 }));
        assert_eq!(inverse(&DMatrix::zeros(2, 2)), Err(InverseError::Singular { rank: 0, n: 2 }));
        let tiny = DMatrix::from_row_slice(2, 2, &[1e-310, 0.0, 0.0, 1e-310]);
        assert_eq!(inverse(&tiny), Err(InverseError::Numeric(NumericError::Overflow)));
        let huge = DMatrix::from_row_slice(2, 2, &[1e200, 0.0, 0.0, 1e200]);
        assert_eq!(inverse(&huge), Ok(DMatrix::from_row_slice(2, 2, &[1e-200, 0.0, 0.0, 1e-200])));
        let x = solve(&huge, &DMatrix::from_column_slice(2, 1, &[1e200, 2e200])).unwrap();
        assert_eq!(x, DMatrix::from_column_slice(2, 1, &[1.0, 2.0]));
        assert!(solve(&huge, &DMatrix::zeros(3, 1)).is_none());
    }

    #[test]
    fn ranks_tell_whether_b_is_in_the_column_space() {
        let a = DMatrix::from_row_slice(2, 2, &[2.0, -1.0, 2.0, -1.0]);
        let on = ranks(&a, &DMatrix::from_column_slice(2, 1, &[4.0, 4.0])).unwrap().unwrap();
        assert!(on.reachable() && on == Ranks { a: 1, augmented: 1 });
        let off = ranks(&a, &DMatrix::from_column_slice(2, 1, &[-6.0, 0.0])).unwrap().unwrap();
        assert!(!off.reachable() && off.augmented == 2);
        assert!(ranks(&a, &DMatrix::zeros(3, 1)).is_none());
        // On the line: the shortest coefficients; off it, the least-squares ones.
        let x = least_squares(&a, &DMatrix::from_column_slice(2, 1, &[4.0, 4.0])).unwrap().unwrap();
        assert!((x[0] - 1.6).abs() < 1e-12 && (x[1] + 0.8).abs() < 1e-12, "{x}");
        assert!(least_squares(&a, &DMatrix::zeros(1, 1)).is_none());
        // The overdetermined system {0.5x − y = −1, x + y = 4, 7x − y = 2}: (144/217, 529/217).
        let a = DMatrix::from_row_slice(3, 2, &[0.5, -1.0, 1.0, 1.0, 7.0, -1.0]);
        let x = least_squares(&a, &DMatrix::from_column_slice(3, 1, &[-1.0, 4.0, 2.0])).unwrap().unwrap();
        assert!((x[0] - 144.0 / 217.0).abs() < 1e-12 && (x[1] - 529.0 / 217.0).abs() < 1e-12, "{x}");
    }

    #[test]
    fn lines_cross_unless_parallel() {
        let rows = Matrix2::new(0.5, -1.0, 1.0, 1.0);
        let x = crossing(&rows, &Vector2::new(-1.0, 4.0)).unwrap();
        assert!((x - Vector2::new(2.0, 2.0)).norm() < 1e-12, "{x}");
        assert_eq!(crossing(&Matrix2::new(-2.0, 1.0, -2.0, 1.0), &Vector2::new(6.0, 0.0)), None);
        assert_eq!(crossing(&Matrix2::new(1.0, 1.0, 1.0, 1.0 + 1e-13), &Vector2::new(1.0, 2.0)), None);
        assert_eq!(crossing(&Matrix2::zeros(), &Vector2::zeros()), None);
    }

    proptest! {
        #[test]
        fn inverse_times_a_is_the_identity(n in 1usize..=6, entries in proptest::collection::vec(-5.0f64..5.0, 36)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            let s = svd(&a).unwrap();
            prop_assume!(s.condition_number().is_some_and(|k| k < 1e6));
            let inv = inverse(&a).unwrap();
            prop_assert!((&inv * &a - DMatrix::<f64>::identity(n, n)).amax() < 1e-8);
            let b = DMatrix::from_fn(n, 1, |r, _| entries[r]);
            let x = solve(&a, &b).unwrap();
            prop_assert!((&a * &x - &b).amax() < 1e-8 * (1.0 + b.amax()));
        }

        #[test]
        fn rank_deficient_matrices_are_never_inverted(entries in proptest::collection::vec(-5.0f64..5.0, 9)) {
            // The third row is exactly twice the first.
            let mut a = DMatrix::from_row_slice(3, 3, &entries);
            for c in 0..3 {
                a[(2, c)] = 2.0 * a[(0, c)];
            }
            prop_assert!(inverse(&a).is_err());
        }
    }
}
