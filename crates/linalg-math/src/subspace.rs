//! One orthonormal basis for a subspace, whatever basis a decomposition happened to return: the
//! direction of the subspace nearest a coordinate axis first, then the same for what is left. A null
//! space of dimension 2 or more has infinitely many orthonormal bases (any rotation of one is
//! another), and which one an SVD returns depends on the algorithm; this choice depends only on the
//! subspace, so the page and a numpy script print the same vectors.

use super::svd::null_space;
use super::NumericError;
use nalgebra::DMatrix;

/// Entries of a unit basis vector this close to 0 are rounding noise and are set to 0.
const NOISE: f64 = 64.0 * f64::EPSILON;

/// The page's orthonormal basis of the span of `basis`'s columns (which must be orthonormal), as
/// columns. With P = basis·basisᵀ (the projection onto the subspace, the same for every basis of
/// it): the axis j with the largest Pⱼⱼ (the first of near-equal ones) gives q = P·eⱼ / √Pⱼⱼ, the
/// subspace's unit vector nearest that axis, with its j-th entry positive; then P − q·qᵀ is the
/// projection onto what is left, and so on. For a single vector this keeps it and makes its
/// largest-magnitude entry positive. Entries within rounding of 0 (|x| ≤ 64 ε) are set to 0.
pub fn axis_first(basis: &DMatrix<f64>) -> DMatrix<f64> {
    let (n, k) = basis.shape();
    let mut p = basis * basis.transpose();
    let mut out = DMatrix::zeros(n, k);
    for c in 0..k {
        let diagonal = p.diagonal();
        let big = diagonal.max();
        let Some(j) = diagonal.iter().position(|d| *d >= big * (1.0 - 1e-12)) else { break };
        let q = p.column(j) / big.sqrt();
        p -= &q * q.transpose();
        out.set_column(c, &q);
    }
    out.apply(|x| {
        if x.abs() <= NOISE {
            *x = 0.0;
        }
    });
    out
}

/// The null space {x : Ax = 0} of `a` in the page's basis ([`axis_first`] of [`null_space`]): n × (n −
/// rank) with numpy's rank tolerance; n×0 when only 0 maps to 0.
pub fn null_basis(a: &DMatrix<f64>) -> Result<DMatrix<f64>, NumericError> {
    null_space(a).map(|basis| axis_first(&basis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn columns(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
        m.column_iter().map(|c| c.iter().copied().collect()).collect()
    }

    #[test]
    fn a_line_keeps_its_direction_with_the_largest_entry_positive() {
        // [[1, 2], [2, 4]] sends (−2, 1)/√5 to 0 (numpy: scipy.linalg.null_space gives ±(0.894, −0.447)).
        let n = null_basis(&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0])).unwrap();
        let s = 5f64.sqrt();
        assert_eq!(n.shape(), (2, 1));
        assert!((n[(0, 0)] - 2.0 / s).abs() < 1e-15 && (n[(1, 0)] + 1.0 / s).abs() < 1e-15, "{n}");
        // A tie in magnitude: the first entry is the positive one, whatever the rounding.
        let n = null_basis(&DMatrix::from_row_slice(2, 2, &[1.0, 1.0, 1.0, 1.0])).unwrap();
        assert!((n[(0, 0)] - 0.5f64.sqrt()).abs() < 1e-15 && (n[(1, 0)] + 0.5f64.sqrt()).abs() < 1e-15, "{n}");
        // An axis comes out exactly, without rounding noise.
        assert_eq!(columns(&null_basis(&DMatrix::from_row_slice(2, 2, &[0.0, 3.0, 0.0, 1.0])).unwrap()), [[1.0, 0.0]]);
    }

    #[test]
    fn a_plane_gets_the_basis_nearest_the_axes() {
        // [[1, 2, 3], [2, 4, 6], [3, 6, 9]]: the plane x + 2y + 3z = 0. Its projection is I − uuᵀ with
        // u = (1, 2, 3)/√14, diagonal (13, 10, 5)/14: the first vector is P·e₁ normalised, (13, −2, −3)/√182,
        // the second is the rest of the plane: (0, 3, −2)/√13.
        let a = DMatrix::from_row_slice(3, 3, &[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 3.0, 6.0, 9.0]);
        let n = null_basis(&a).unwrap();
        let (r182, r13) = (182f64.sqrt(), 13f64.sqrt());
        let want = DMatrix::from_column_slice(3, 2, &[13.0 / r182, -2.0 / r182, -3.0 / r182, 0.0, 3.0 / r13, -2.0 / r13]);
        assert!((&n - &want).amax() < 1e-15, "{n}");
        assert_eq!(n[(0, 1)], 0.0, "the zero is exact");
        // The zero matrix: the axes themselves.
        assert_eq!(null_basis(&DMatrix::zeros(2, 2)).unwrap(), DMatrix::identity(2, 2));
        // Invertible: no vectors.
        assert_eq!(null_basis(&DMatrix::from_row_slice(2, 2, &[2.0, -1.0, 1.0, 1.0])).unwrap().shape(), (2, 0));
    }

    #[test]
    fn the_rank_decides_like_numpy() {
        // Closer to singular than 64-bit floats resolve: numpy's matrix_rank says 1, so a line.
        let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.000000000000001]);
        assert_eq!(null_basis(&a).unwrap().ncols(), 1);
        // A wide matrix: 2 equations in 3 unknowns leave a line, 8x + y + z = 0 = x + y + z: (0, 1, −1)/√2.
        let n = null_basis(&DMatrix::from_row_slice(2, 3, &[8.0, 1.0, 1.0, 1.0, 1.0, 1.0])).unwrap();
        assert!((&n - DMatrix::from_column_slice(3, 1, &[0.0, 0.5f64.sqrt(), -(0.5f64.sqrt())])).amax() < 1e-15, "{n}");
    }

    proptest! {
        /// Whatever basis of the subspace comes in (any rotation of it), the same one comes out, and
        /// it is orthonormal and spans the same subspace.
        #[test]
        fn the_basis_depends_only_on_the_subspace(n in 2usize..=5, k in 1usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 25),
                                                  angle in 0.0f64..6.3, flip in any::<bool>()) {
            let k = k.min(n);
            let q = nalgebra::linalg::QR::new(DMatrix::from_fn(n, n, |r, c| entries[r * 5 + c] + if r == c { 2.0 } else { 0.0 })).q();
            let basis = q.columns(0, k).into_owned();
            let mut turn = DMatrix::<f64>::identity(k, k);
            if k >= 2 {
                let (s, c) = angle.sin_cos();
                turn[(0, 0)] = c;
                turn[(0, 1)] = -s;
                turn[(1, 0)] = s;
                turn[(1, 1)] = c;
            }
            if flip {
                turn.column_mut(k - 1).neg_mut();
            }
            let one = axis_first(&basis);
            let other = axis_first(&(&basis * turn));
            prop_assert!((&one - &other).amax() < 1e-12, "{one} vs {other}");
            prop_assert!((one.transpose() * &one - DMatrix::identity(k, k)).amax() < 1e-14);
            let p = &basis * basis.transpose();
            prop_assert!((&p * &one - &one).amax() < 1e-14);
        }
    }
}
