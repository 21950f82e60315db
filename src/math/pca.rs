//! Principal components of a point cloud: the mean, the sample covariance (divided by n − 1, as
//! `np.cov`) and its eigen-pairs, without an n×d centred copy of the points. The points are scaled by a
//! power of two first (exact), so coordinates near 1e±150 neither overflow nor underflow in the sums
//! of squares; the eigen-pairs come from the bounded, verified [`super::eigen::symmetric`].

use super::eigen::symmetric;
use super::NumericError;
use nalgebra::{DMatrix, DVector};

/// The principal components of n points in d dimensions.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    /// The mean point (d entries).
    pub mean: DVector<f64>,
    /// The d×d sample covariance.
    pub covariance: DMatrix<f64>,
    /// The variances along the principal directions, descending, ≥ 0.
    pub variances: Vec<f64>,
    /// The principal directions as unit columns in the order of `variances`, each with its
    /// largest-magnitude entry positive.
    pub directions: DMatrix<f64>,
}

/// Mean, covariance and principal directions of the rows of `points` (n×d, n ≥ 2).
pub fn principal_components(points: &DMatrix<f64>) -> Result<Principal, NumericError> {
    let (n, d) = points.shape();
    if n < 2 || d == 0 {
        return Err(NumericError::Empty);
    }
    // Contiguous column slices (nalgebra stores column-major): tight loops, no strided iterators.
    let columns: Vec<&[f64]> = points.as_slice().chunks_exact(n).collect();
    let mut amax = 0.0_f64;
    for column in &columns {
        let (finite, largest) = column.iter().fold((true, 0.0_f64), |(ok, m), x| (ok && x.is_finite(), m.max(x.abs())));
        if !finite {
            return Err(NumericError::NotFinite);
        }
        amax = amax.max(largest);
    }
    let exp = if amax == 0.0 { 0 } else { amax.log2().ceil().clamp(-1000.0, 1000.0) as i32 };
    let down = 2f64.powi(-exp);
    let scaled_mean: Vec<f64> = columns.iter().map(|column| column.iter().map(|x| x * down).sum::<f64>() / n as f64).collect();
    // Sums of products of deviations, column pair by column pair, straight from the points.
    let mut scaled = DMatrix::zeros(d, d);
    for i in 0..d {
        for j in i..d {
            let (mi, mj) = (scaled_mean[i], scaled_mean[j]);
            let sum: f64 = columns[i].iter().zip(columns[j]).map(|(x, y)| (x * down - mi) * (y * down - mj)).sum();
            scaled[(i, j)] = sum / (n as f64 - 1.0);
            scaled[(j, i)] = scaled[(i, j)];
        }
    }
    let (values, directions) = symmetric(&scaled)?;
    let up = 2f64.powi(exp);
    let covariance = scaled.map(|x| x * up * up);
    // A covariance has no negative eigenvalues; −1e-17 is rounding and is reported as 0.
    let variances: Vec<f64> = values.iter().map(|x| x.max(0.0) * up * up).collect();
    if covariance.iter().chain(&variances).any(|x| !x.is_finite()) {
        return Err(NumericError::Overflow);
    }
    Ok(Principal { mean: DVector::from_vec(scaled_mean) * up, covariance, variances, directions })
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
        assert!((p.variances[0] - 25.0 / 3.0).abs() < 1e-14 && p.variances[1].abs() < 1e-14);
        let s = 5f64.sqrt();
        assert!((p.directions[(0, 0)] - 1.0 / s).abs() < 1e-15 && (p.directions[(1, 0)] - 2.0 / s).abs() < 1e-15);
        assert_eq!(principal_components(&DMatrix::zeros(1, 3)), Err(NumericError::Empty));
        assert_eq!(principal_components(&DMatrix::from_element(2, 2, f64::NAN)), Err(NumericError::NotFinite));
        assert_eq!(principal_components(&DMatrix::from_row_slice(2, 1, &[-1e300, 1e300])), Err(NumericError::Overflow));
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
            prop_assert!((&p.covariance / (scale * scale) - &want).amax() <= 1e-13 * want.amax().max(1e-300));
            prop_assert!((&p.mean - &mean).amax() <= 1e-14 * scale);
            let (values, _) = symmetric(&want).unwrap();
            for (got, want) in p.variances.iter().zip(values) {
                prop_assert!((got / (scale * scale) - want.max(0.0)).abs() <= 1e-12 * p.variances[0] / (scale * scale));
            }
        }
    }
}
