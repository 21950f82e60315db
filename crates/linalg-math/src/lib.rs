//! Numerics shared by several chapters, on top of nalgebra: every decomposition here has a bounded
//! number of iterations, works on scaled copies (so entries near 1e±200 neither overflow nor
//! underflow), and checks its own result before anyone shows it.

pub mod basis;
pub mod det;
pub mod eigen;
pub mod norms;
pub mod order;
pub mod pca;
pub mod quadratic;
pub mod random;
pub mod scale;
pub mod small;
pub mod solve;
pub mod structure;
pub mod subspace;
pub mod svd;
pub mod tensor;
pub mod truncated;

use std::fmt;

/// Most iterations a decomposition may take before it is reported as not converging.
pub const MAX_ITERATIONS: usize = 2000;

/// Why a decomposition has no result to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumericError {
    /// The matrix has no entries.
    Empty,
    /// An entry is NaN or infinite.
    NotFinite,
    /// The iteration did not converge within [`MAX_ITERATIONS`].
    NoConvergence,
    /// The result failed its own check (reconstruction residual, invariants): a numerical failure.
    Unstable,
    /// The result does not fit in a 64-bit float.
    Overflow,
}

impl fmt::Display for NumericError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumericError::Empty => "the matrix has no entries",
            NumericError::NotFinite => "an entry is not a finite number",
            NumericError::NoConvergence => "the decomposition did not converge (numerically unstable input)",
            NumericError::Unstable => "the decomposition failed its accuracy check (numerically unstable input)",
            NumericError::Overflow => "the result is too large for a 64-bit float (overflow)",
        })
    }
}

/// `x` reduced by whole periods to [0, `period`) for a positive `period` (`period` itself only where
/// rounding puts it, as with `f64::rem_euclid`), NaN for a non-finite `x`. Through `floor` instead of
/// the exact `fmod` that `rem_euclid` calls, which would link about 2 KB of 128-bit arithmetic into the
/// WebAssembly module; the two agree exactly on whole numbers, and to rounding on any angle a page
/// turns through.
pub fn wrap(x: f64, period: f64) -> f64 {
    let r = x - period * (x / period).floor();
    if r < 0.0 {
        r + period
    } else if r >= period {
        r - period
    } else {
        r
    }
}

/// `x` limited to [`lo`, `hi`] (NaN stays NaN), like `f64::clamp` for `lo ≤ hi` but without its check
/// of the bounds, whose panic message would link `core::fmt`'s float printing into the WebAssembly module.
#[inline]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use proptest::prelude::*;

    #[test]
    fn whole_numbers_wrap_exactly() {
        for (x, period, r) in [
            (370.0, 360.0, 10.0),
            (-10.0, 360.0, 350.0),
            (720.0, 360.0, 0.0),
            (-360.0, 360.0, 0.0),
            (179.5, 360.0, 179.5),
            (0.0, 360.0, 0.0),
        ] {
            assert_eq!(wrap(x, period), r, "{x} mod {period}");
        }
        assert!(wrap(f64::NAN, 1.0).is_nan() && wrap(f64::INFINITY, 1.0).is_nan());
    }

    proptest! {
        #[test]
        fn wrapping_agrees_with_rem_euclid(x in -1e6f64..1e6, period in prop::sample::select(vec![std::f64::consts::TAU, 360.0, 1.0])) {
            let (r, exact) = (wrap(x, period), x.rem_euclid(period));
            prop_assert!((0.0..=period).contains(&r), "{r}");
            // Within rounding of the exact remainder, or of the same angle a period away.
            let apart = (r - exact).abs();
            prop_assert!(apart.min((apart - period).abs()) <= 1e-15 * x.abs().max(period) * 4.0, "{x}: {r} against {exact}");
        }
    }
}
