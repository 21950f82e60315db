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
