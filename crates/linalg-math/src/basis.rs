//! A 2×2 or 3×3 matrix written as a change of basis, A = B·M·B⁻¹, with a middle map M that is easy
//! to picture, for a figure that plays "to the new coordinates, the simple map, back":
//!
//! - a real eigenbasis: B = V (its last column negated if det V < 0) and M = Λ = diag(λ);
//! - a complex pair λ = r·e^(±iθ): B = (p, q) from the real and imaginary parts of a complex
//!   eigenvector, turned to be perpendicular (and, for 3×3, the real eigenvector as a third column);
//!   M turns the (p, q) plane by θ and scales it by r (and stretches the third column by its λ);
//! - no usable eigenbasis (defective, or eigenvectors numerically parallel): a real Schur form,
//!   B = Q orthogonal and M = T upper triangular (stretches on its diagonal, a shear above it).
//!
//! det B > 0 in every case, so the figure can move from I to B (or B⁻¹) without passing through a
//! singular map: [`polar`] splits such a matrix into a rotation and a stretch along perpendicular
//! axes. Every result is checked: B·M·B⁻¹ must rebuild A.

use super::det::determinant;
use super::eigen::{Eigen, NoVectors};
use super::svd::{null_space, svd};
use super::NumericError;
use nalgebra::{Complex, DMatrix, DVector, Vector3};

/// The middle map of a change of basis.
#[derive(Debug, Clone, PartialEq)]
pub enum Middle {
    /// Λ = diag(λ): B is an eigenbasis.
    Stretch(Vec<f64>),
    /// On the plane of B's first two columns, a turn by `angle` (radians, counter-clockwise in those
    /// coordinates) and a scaling by `scale` = |λ|; `rest` stretches the third column (3×3).
    Turn {
        /// The turn in radians (the argument of λ, signed for B's orientation).
        angle: f64,
        /// |λ|.
        scale: f64,
        /// The real eigenvalue of a 3×3 matrix, along B's third column.
        rest: Option<f64>,
    },
    /// T, upper triangular (a real Schur form): B is orthogonal.
    Shear(DMatrix<f64>),
}

/// A = B·M·B⁻¹ with det B > 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeOfBasis {
    /// The new basis, as columns.
    pub basis: DMatrix<f64>,
    /// B⁻¹.
    pub inverse: DMatrix<f64>,
    /// What A does in that basis.
    pub middle: Middle,
}

impl ChangeOfBasis {
    /// The middle map after a share `t` (0..=1) of it: I at 0, M at 1. Stretches and shears move
    /// linearly, (1 − t)I + tM; a turn turns by tθ while its scale goes from 1 to r (so it never
    /// passes through a singular map).
    pub fn middle_at(&self, t: f64) -> DMatrix<f64> {
        let n = self.basis.nrows();
        let lerp = |x: f64| 1.0 - t + t * x;
        match &self.middle {
            Middle::Stretch(values) => DMatrix::from_diagonal(&DVector::from_iterator(n, values.iter().map(|x| lerp(*x)))),
            Middle::Turn { angle, scale, rest } => {
                let (sin, cos) = (angle * t).sin_cos();
                let s = lerp(*scale);
                let mut m = DMatrix::identity(n, n);
                m[(0, 0)] = s * cos;
                m[(0, 1)] = -s * sin;
                m[(1, 0)] = s * sin;
                m[(1, 1)] = s * cos;
                if let (Some(l), 3) = (rest, n) {
                    m[(2, 2)] = lerp(*l);
                }
                m
            }
            Middle::Shear(t_matrix) => DMatrix::identity(n, n) * (1.0 - t) + t_matrix * t,
        }
    }
}

/// `v` with its last column negated when det v < 0, so that it keeps orientation (a basis reached
/// from I by turning and stretching, without a mirror). Negating an eigenvector leaves it one.
pub fn keep_orientation(v: &DMatrix<f64>) -> DMatrix<f64> {
    let mut out = v.clone();
    if v.is_square() && !v.is_empty() && determinant(v).sign() < 0 {
        let last = v.ncols() - 1;
        out.column_mut(last).neg_mut();
    }
    out
}

/// Largest relative residual ‖B·M·B⁻¹ − A‖/‖A‖ promised.
const REBUILD: f64 = 1e-7;

/// Largest condition number ‖B‖·‖B⁻¹‖ (Frobenius) accepted. Rounding in B·M·B⁻¹ grows with it: at
/// 10⁶ it stays near 10⁻¹⁰ relative, well inside [`REBUILD`] however the product is rounded. A
/// basis of nearly parallel vectors beyond it (a nearly defective A) is left for the Schur form,
/// whose orthogonal basis rebuilds A to rounding.
const CONDITION: f64 = 1e6;

/// A 2×2 or 3×3 `a` with its eigendecomposition `e` as a change of basis (see the module). `Err`
/// for other sizes, or when no form rebuilds A to [`REBUILD`].
pub fn change_of_basis(a: &DMatrix<f64>, e: &Eigen) -> Result<ChangeOfBasis, NumericError> {
    let n = a.nrows();
    if !a.is_square() || !(2..=3).contains(&n) || e.values.len() != n {
        return Err(NumericError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(NumericError::NotFinite);
    }
    let scale = a.amax();
    if scale == 0.0 {
        let identity = DMatrix::identity(n, n);
        return Ok(ChangeOfBasis { basis: identity.clone(), inverse: identity, middle: Middle::Stretch(vec![0.0; n]) });
    }
    let eigenbasis =
        e.vectors.as_ref().ok().and_then(|v| checked(a, keep_orientation(v), Middle::Stretch(e.values.iter().map(|z| z.re).collect())));
    match (eigenbasis, &e.vectors) {
        (Some(c), _) => Ok(c),
        // A triple eigenvalue can come out as a pair with a tiny imaginary part: then its turn does
        // not rebuild A, and the Schur form stands in.
        (None, Err(NoVectors::Complex)) => turn(a, scale, &e.values).or_else(|_| schur(a, scale, &e.values)),
        (None, _) => schur(a, scale, &e.values),
    }
}

/// B and M with B⁻¹, when B is well conditioned and B·M·B⁻¹ rebuilds `a` (checked on A divided
/// by its largest entry).
fn checked(a: &DMatrix<f64>, basis: DMatrix<f64>, middle: Middle) -> Option<ChangeOfBasis> {
    let scale = a.amax();
    let inverse = basis.clone().try_inverse()?;
    let condition = basis.norm() * inverse.norm();
    if condition.is_nan() || condition > CONDITION {
        return None;
    }
    let c = ChangeOfBasis { basis, inverse, middle };
    let rebuilt = &c.basis * (c.middle_at(1.0) / scale) * &c.inverse;
    let err = (rebuilt - a / scale).norm();
    (err.is_finite() && err <= REBUILD * (a / scale).norm()).then_some(c)
}

/// The unit vector that `m` shrinks most: its last right singular vector (a null vector when m is
/// singular; for an eigenvalue known to rounding, the closest there is).
fn smallest_direction(m: &DMatrix<f64>) -> Result<DVector<f64>, NumericError> {
    let s = svd(m)?;
    Ok(s.v.column(s.v.ncols() - 1).into_owned())
}

/// The real canonical form of a complex pair: B = (p, ∓q[, v₃]), M a turn by ±θ scaled by |λ|.
fn turn(a: &DMatrix<f64>, scale: f64, values: &[Complex<f64>]) -> Result<ChangeOfBasis, NumericError> {
    let n = a.nrows();
    let lambda = *values.iter().find(|z| z.im > 0.0).ok_or(NumericError::Unstable)?;
    let b = a / scale;
    let l = lambda / scale;
    let shifted = DMatrix::from_fn(n, n, |r, c| Complex::new(b[(r, c)], 0.0) - if r == c { l } else { Complex::new(0.0, 0.0) });
    // A complex null vector w of A − λI: orthogonal (without conjugation) to its rows.
    let w: Vec<Complex<f64>> = if n == 2 {
        let r = if shifted.row(0).norm_squared() >= shifted.row(1).norm_squared() { 0 } else { 1 };
        vec![-shifted[(r, 1)], shifted[(r, 0)]]
    } else {
        let row = |r: usize| Vector3::new(shifted[(r, 0)], shifted[(r, 1)], shifted[(r, 2)]);
        let crosses = [row(0).cross(&row(1)), row(0).cross(&row(2)), row(1).cross(&row(2))];
        let best = crosses.iter().max_by(|x, y| norm2(x.as_slice()).total_cmp(&norm2(y.as_slice()))).ok_or(NumericError::Unstable)?;
        best.iter().copied().collect()
    };
    // Turn w by a phase so that its real and imaginary parts are perpendicular (the invariant
    // ellipse's axes), then scale the longer one to length 1.
    let (p, q) = parts(&w, 0.0);
    let phi = 0.5 * (-2.0 * p.dot(&q)).atan2(p.norm_squared() - q.norm_squared());
    let (p, q) = parts(&w, phi);
    let longest = p.norm().max(q.norm());
    if !(longest > 0.0 && longest.is_finite()) {
        return Err(NumericError::Unstable);
    }
    let (p, q) = (p / longest, q / longest);
    // A p = a p − b q and A q = b p + a q, so in the basis (p, −q) A turns by θ = arg λ.
    let mut basis = DMatrix::zeros(n, n);
    basis.set_column(0, &p);
    basis.set_column(1, &(-&q));
    let mut angle = lambda.im.atan2(lambda.re);
    let rest = if n == 3 {
        let real = values.iter().find(|z| z.im == 0.0).ok_or(NumericError::Unstable)?.re;
        let shifted = DMatrix::from_fn(3, 3, |r, c| b[(r, c)] - if r == c { real / scale } else { 0.0 });
        basis.set_column(2, &smallest_direction(&shifted)?);
        Some(real)
    } else {
        None
    };
    if determinant(&basis).sign() < 0 {
        // (p, q) instead: the same plane the other way round, so the turn goes the other way.
        basis.column_mut(1).neg_mut();
        angle = -angle;
    }
    checked(a, basis, Middle::Turn { angle, scale: lambda.norm(), rest }).ok_or(NumericError::Unstable)
}

fn norm2(z: &[Complex<f64>]) -> f64 {
    z.iter().map(|x| x.norm_sqr()).sum()
}

/// The real and imaginary parts of e^(iφ)·w.
fn parts(w: &[Complex<f64>], phi: f64) -> (DVector<f64>, DVector<f64>) {
    let turn = Complex::from_polar(1.0, phi);
    let turned: Vec<Complex<f64>> = w.iter().map(|z| z * turn).collect();
    (DVector::from_iterator(w.len(), turned.iter().map(|z| z.re)), DVector::from_iterator(w.len(), turned.iter().map(|z| z.im)))
}

/// A real Schur form by deflation: q₁ the eigenvector of λ₁, completed to an orthonormal basis; the
/// same for λ₂ on the trailing block; T = QᵀAQ, det Q = +1. With real eigenvalues T is upper
/// triangular (to the accuracy of the eigenvalues); only their real parts are used.
fn schur(a: &DMatrix<f64>, scale: f64, values: &[Complex<f64>]) -> Result<ChangeOfBasis, NumericError> {
    let n = a.nrows();
    let b = a / scale;
    let shift = |m: &DMatrix<f64>, l: f64| DMatrix::from_fn(m.nrows(), m.ncols(), |r, c| m[(r, c)] - if r == c { l } else { 0.0 });
    let q1 = smallest_direction(&shift(&b, values[0].re / scale))?;
    let mut q = DMatrix::zeros(n, n);
    q.set_column(0, &q1);
    if n == 2 {
        q.set_column(1, &DVector::from_vec(vec![-q1[1], q1[0]]));
    } else {
        let rest = null_space(&DMatrix::from_row_slice(1, 3, q1.as_slice()))?;
        if rest.ncols() != 2 {
            return Err(NumericError::Unstable);
        }
        // The trailing 2×2 block of Q₁ᵀBQ₁ holds λ₂ and λ₃: deflate it the same way.
        let block = rest.transpose() * &b * &rest;
        let q2 = smallest_direction(&shift(&block, values[1].re / scale))?;
        let turn = DMatrix::from_row_slice(2, 2, &[q2[0], -q2[1], q2[1], q2[0]]);
        let rest = rest * turn;
        q.set_column(1, &rest.column(0));
        q.set_column(2, &rest.column(1));
    }
    if determinant(&q).sign() < 0 {
        q.column_mut(n - 1).neg_mut();
    }
    let t = q.transpose() * a * &q;
    checked(a, q, Middle::Shear(t)).ok_or(NumericError::Unstable)
}

/// The polar decomposition X = R·S of a square X with det X > 0: R a rotation, S symmetric
/// positive-definite (a stretch along perpendicular axes). From the SVD X = UΣWᵀ: R = UWᵀ, S = WΣWᵀ.
pub fn polar(x: &DMatrix<f64>) -> Result<(DMatrix<f64>, DMatrix<f64>), NumericError> {
    if determinant(x).sign() <= 0 {
        return Err(NumericError::Unstable);
    }
    let s = svd(x)?;
    let r = &s.u * s.v.transpose();
    let stretch = &s.v * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
    Ok((r, stretch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eigen::eigen;
    use proptest::prelude::*;

    fn m(rows: usize, entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(rows, entries.len() / rows, entries)
    }

    fn of(a: &DMatrix<f64>) -> ChangeOfBasis {
        change_of_basis(a, &eigen(a).unwrap()).unwrap()
    }

    fn rebuilt(c: &ChangeOfBasis) -> DMatrix<f64> {
        &c.basis * c.middle_at(1.0) * &c.inverse
    }

    #[test]
    fn an_eigenbasis_is_v_with_lambda_in_the_middle() {
        let a = m(2, &[5.0, 1.0, 3.0, 3.0]);
        let c = of(&a);
        assert_eq!(c.middle, Middle::Stretch(vec![6.0, 2.0]));
        assert_eq!(c.basis, eigen(&a).unwrap().vectors.unwrap(), "det V > 0 already: V as the page shows it");
        assert!((rebuilt(&c) - &a).amax() < 1e-14);
        // [[6, 2], [2, 3]]: V = (2, 1)/√5, (−1, 2)/√5 up to sign; kept a rotation.
        let c = of(&m(2, &[6.0, 2.0, 2.0, 3.0]));
        assert!(determinant(&c.basis).sign() > 0);
        assert_eq!(c.middle_at(0.5), DMatrix::from_diagonal(&DVector::from_vec(vec![4.0, 1.5])));
    }

    #[test]
    fn keeping_orientation_negates_the_last_column_only_when_needed() {
        let v = m(2, &[1.0, 0.0, 0.0, -1.0]);
        assert_eq!(keep_orientation(&v), DMatrix::identity(2, 2));
        assert_eq!(keep_orientation(&DMatrix::identity(3, 3)), DMatrix::identity(3, 3));
    }

    #[test]
    fn a_complex_pair_turns_by_its_argument_and_scales_by_its_modulus() {
        // λ = 0.5 ± i√7/2, |λ| = √2.
        let a = m(2, &[1.0, 1.0, -2.0, 0.0]);
        let c = of(&a);
        let Middle::Turn { angle, scale, rest } = c.middle else { panic!("{:?}", c.middle) };
        assert!((scale - 2f64.sqrt()).abs() < 1e-14 && rest.is_none());
        assert!((angle.abs() - (7f64.sqrt()).atan2(1.0)).abs() < 1e-14, "{angle}");
        assert!(c.basis.column(0).dot(&c.basis.column(1)).abs() < 1e-14, "p ⟂ q");
        assert!((c.basis.column(0).norm().max(c.basis.column(1).norm()) - 1.0).abs() < 1e-14);
        assert!(determinant(&c.basis).sign() > 0);
        assert!((rebuilt(&c) - &a).amax() < 1e-13);
        // A quarter turn: B = I (up to sign), θ = 90°.
        let c = of(&m(2, &[0.0, -1.0, 1.0, 0.0]));
        let Middle::Turn { angle, .. } = c.middle else { panic!() };
        assert!((angle - std::f64::consts::FRAC_PI_2).abs() < 1e-14, "{angle}");
        // 3×3: the real eigenvector is the third column, its λ the rest.
        let a = m(3, &[3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0]);
        let c = of(&a);
        let Middle::Turn { rest: Some(rest), .. } = c.middle else { panic!("{:?}", c.middle) };
        assert!((rest + 0.834196037971672).abs() < 1e-12);
        assert!((rebuilt(&c) - &a).amax() < 1e-12);
    }

    #[test]
    fn a_defective_matrix_gets_a_schur_form() {
        let shear = m(2, &[1.0, 1.0, 0.0, 1.0]);
        let c = of(&shear);
        assert_eq!(c.basis, DMatrix::identity(2, 2));
        assert_eq!(c.middle, Middle::Shear(shear.clone()));
        for a in [
            m(2, &[3.0, 1.0, -1.0, 1.0]),
            m(3, &[2.0, 1.0, 0.0, 0.0, 2.0, 1.0, 0.0, 0.0, 2.0]),
            m(3, &[1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 3.0]),
        ] {
            let c = of(&a);
            let Middle::Shear(t) = &c.middle else { panic!("{a}: {:?}", c.middle) };
            assert!((c.basis.transpose() * &c.basis - DMatrix::identity(a.nrows(), a.nrows())).amax() < 1e-14);
            assert!(determinant(&c.basis).sign() > 0);
            // Upper triangular up to the accuracy of a repeated eigenvalue (√ε).
            for r in 0..a.nrows() {
                for col in 0..r {
                    assert!(t[(r, col)].abs() < 1e-7, "{a}: T = {t}");
                }
            }
            assert!((rebuilt(&c) - &a).amax() < 1e-12);
        }
    }

    #[test]
    fn polar_splits_a_rotation_from_a_stretch() {
        let x = m(2, &[1.0, 1.0, 0.0, 1.0]);
        let (r, s) = polar(&x).unwrap();
        assert!((&r * &s - &x).amax() < 1e-14);
        assert!((r.transpose() * &r - DMatrix::identity(2, 2)).amax() < 1e-14 && determinant(&r).sign() > 0);
        assert!((&s - s.transpose()).amax() < 1e-14 && crate::eigen::symmetric(&s).unwrap().0.iter().all(|l| *l > 0.0));
        assert!(polar(&m(2, &[0.0, 1.0, 1.0, 0.0])).is_err(), "a mirror has no path from I");
    }

    #[test]
    fn a_turn_with_a_negative_real_eigenvalue_stretches_through_zero() {
        // λ = −3 ± i√8 and −1: the turn never passes a singular map, the third axis does (1 → −1),
        // halfway, though A itself is invertible.
        let a = m(3, &[-3.0, -4.0, -2.0, 2.0, -3.0, -1.0, 0.0, 0.0, -1.0]);
        let c = change_of_basis(&a, &eigen(&a).unwrap()).unwrap();
        let Middle::Turn { rest: Some(rest), .. } = c.middle else { panic!("{:?}", c.middle) };
        assert!((rest + 1.0).abs() < 1e-12);
        assert_eq!(determinant(&c.middle_at(0.5)).sign(), 0);
        assert!((0..=10).filter(|k| *k != 5).all(|k| determinant(&c.middle_at(k as f64 / 10.0)).sign() != 0));
    }

    #[test]
    fn zero_and_other_sizes() {
        let c = of(&DMatrix::zeros(2, 2));
        assert_eq!(c.middle, Middle::Stretch(vec![0.0, 0.0]));
        let a = DMatrix::identity(4, 4);
        assert!(change_of_basis(&a, &eigen(&a).unwrap()).is_err());
    }

    proptest! {
        #[test]
        fn nearly_defective_and_random_matrices_rebuild(n in 2usize..=3, entries in proptest::collection::vec(-1.0f64..1.0, 9), tiny in -30i32..-1) {
            // A Jordan-like block plus a perturbation of 10^tiny, and a plain random matrix.
            let jordan = DMatrix::from_fn(n, n, |r, c| if r == c { 0.5 } else if c == r + 1 { 1.0 } else { 0.0 });
            for a in [&jordan + DMatrix::from_fn(n, n, |r, c| entries[r * 3 + c]) * 10f64.powi(tiny), DMatrix::from_fn(n, n, |r, c| entries[r * 3 + c])] {
                let c = change_of_basis(&a, &eigen(&a).unwrap());
                prop_assert!(c.is_ok(), "{a}: {c:?}");
                let c = c.unwrap();
                prop_assert!(determinant(&c.basis).sign() > 0);
                prop_assert!((rebuilt(&c) - &a).norm() <= 1e-7 * a.norm());
            }
        }

        #[test]
        fn every_small_matrix_is_a_change_of_basis(n in 2usize..=3, entries in proptest::collection::vec(-4i32..=4, 9), exp in -100i32..100) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 3 + c] as f64 * 10f64.powi(exp));
            let e = eigen(&a).unwrap();
            let c = change_of_basis(&a, &e);
            prop_assert!(c.is_ok(), "{a}: {c:?}");
            let c = c.unwrap();
            prop_assert!(determinant(&c.basis).sign() > 0);
            let err = (rebuilt(&c) - &a).norm();
            prop_assert!(err <= 1e-7 * a.norm(), "{a}: {err}");
            prop_assert!(polar(&c.basis).is_ok() && polar(&c.basis.clone().try_inverse().unwrap()).is_ok());
            // The middle map is never singular on the way unless A is (a stretch or shear through 0
            // is, for a moment, when some λ ≤ 0).
            if let Middle::Turn { .. } = c.middle {
                for k in 0..=10 {
                    prop_assert!(determinant(&c.middle_at(k as f64 / 10.0)).sign() != 0 || e.values.iter().any(|z| z.im == 0.0 && z.re <= 0.0));
                }
            }
        }
    }
}
