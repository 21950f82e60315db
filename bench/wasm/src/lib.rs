//! The site's maths exported to JavaScript for `tests/bench/math.mjs`. Matrices arrive as row-major
//! `Float64Array`s. Each operation has two forms:
//!
//! - `<op>_once(…)` runs it once and returns its result as a `Float64Array` (the per-call variant:
//!   it includes the copy into wasm memory and back, and is what the correctness check reads);
//! - `<op>_repeat(…, iterations)` builds the matrix once, runs the operation `iterations` times inside
//!   wasm and returns a checksum, so the JS → wasm crossing is not what is measured.
//!
//! A failed decomposition is thrown to JavaScript as an error with its message.

use linalg_live::math::eigen::{eigen, symmetric};
use linalg_live::math::pca::principal_components;
use linalg_live::math::svd::{svd, PINV_RCOND};
use linalg_live::math::truncated::top_k_svd;
use linalg_live::math::NumericError;
use nalgebra::DMatrix;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

fn matrix(rows: usize, cols: usize, data: &[f64]) -> Result<DMatrix<f64>, JsError> {
    if rows.checked_mul(cols) != Some(data.len()) || data.is_empty() {
        return Err(JsError::new(&format!("{rows}×{cols} needs {} entries, got {}", rows.saturating_mul(cols), data.len())));
    }
    Ok(DMatrix::from_row_slice(rows, cols, data))
}

fn failed(e: NumericError) -> JsError {
    JsError::new(&e.to_string())
}

/// Runs `op` on `a` `iterations` times and returns the sum of its checksums.
fn repeat(a: &DMatrix<f64>, iterations: u32, op: impl Fn(&DMatrix<f64>) -> Result<f64, NumericError>) -> Result<f64, JsError> {
    let mut sum = 0.0;
    for _ in 0..iterations {
        sum += op(black_box(a)).map_err(failed)?;
    }
    Ok(sum)
}

/// The singular values, then U (row-major m×k), then V (row-major n×k).
#[wasm_bindgen]
pub fn svd_once(rows: usize, cols: usize, data: &[f64]) -> Result<Vec<f64>, JsError> {
    let s = svd(&matrix(rows, cols, data)?).map_err(failed)?;
    Ok(s.singular_values.iter().chain(s.u.transpose().iter()).chain(s.v.transpose().iter()).copied().collect())
}

/// `svd` (U, σ and V, checked) `iterations` times; returns the sum of σ₁.
#[wasm_bindgen]
pub fn svd_repeat(rows: usize, cols: usize, data: &[f64], iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(rows, cols, data)?, iterations, |a| svd(a).map(|s| s.singular_values[0]))
}

/// The eigenvalues of a symmetric n×n matrix (descending), then its eigenvectors (row-major).
#[wasm_bindgen]
pub fn symmetric_eigen_once(n: usize, data: &[f64]) -> Result<Vec<f64>, JsError> {
    let (values, vectors) = symmetric(&matrix(n, n, data)?).map_err(failed)?;
    Ok(values.into_iter().chain(vectors.transpose().iter().copied()).collect())
}

/// `symmetric` `iterations` times; returns the sum of the largest eigenvalue.
#[wasm_bindgen]
pub fn symmetric_eigen_repeat(n: usize, data: &[f64], iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(n, n, data)?, iterations, |a| symmetric(a).map(|(values, _)| values[0]))
}

/// The real parts of the eigenvalues of a square matrix (the contract's order), then 1 when it has
/// a real eigenvector basis and 0 when not.
#[wasm_bindgen]
pub fn eigen_once(n: usize, data: &[f64]) -> Result<Vec<f64>, JsError> {
    let e = eigen(&matrix(n, n, data)?).map_err(failed)?;
    Ok(e.values.iter().map(|z| z.re).chain([if e.vectors.is_ok() { 1.0 } else { 0.0 }]).collect())
}

/// `eigen` (values and, when real, vectors) `iterations` times; returns the sum of Re λ₁.
#[wasm_bindgen]
pub fn eigen_repeat(n: usize, data: &[f64], iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(n, n, data)?, iterations, |a| eigen(a).map(|e| e.values[0].re))
}

/// The pseudoinverse (row-major n×m), numpy's rcond.
#[wasm_bindgen]
pub fn pinv_once(rows: usize, cols: usize, data: &[f64]) -> Result<Vec<f64>, JsError> {
    let p = svd(&matrix(rows, cols, data)?).and_then(|s| s.pseudo_inverse(PINV_RCOND)).map_err(failed)?;
    Ok(p.transpose().iter().copied().collect())
}

/// The SVD and the pseudoinverse `iterations` times; returns the sum of its first entry.
#[wasm_bindgen]
pub fn pinv_repeat(rows: usize, cols: usize, data: &[f64], iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(rows, cols, data)?, iterations, |a| svd(a).and_then(|s| s.pseudo_inverse(PINV_RCOND)).map(|p| p[(0, 0)]))
}

/// PCA of n points in d dimensions (row-major n×d): the variances (descending), the mean, then the
/// principal directions (row-major d×d, one direction per column).
#[wasm_bindgen]
pub fn pca_once(n: usize, d: usize, data: &[f64]) -> Result<Vec<f64>, JsError> {
    let p = principal_components(&matrix(n, d, data)?).map_err(failed)?;
    let variances = p.variances().map_err(failed)?;
    let directions = &p.components.as_ref().map_err(|e| failed(e.clone()))?.directions;
    Ok(variances.iter().chain(p.mean.iter()).chain(directions.transpose().iter()).copied().collect())
}

/// PCA as the page runs it (mean, covariance, eigen-pairs, reconstruction errors) `iterations` times;
/// returns the sum of the largest variance.
#[wasm_bindgen]
pub fn pca_repeat(n: usize, d: usize, data: &[f64], iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(n, d, data)?, iterations, |p| principal_components(p).and_then(|p| p.variances()).map(|v| v[0]))
}

/// The k largest singular values of an m×n matrix by the randomised top-k routine, then its relative
/// error ‖A − A_k‖_F / ‖A‖_F and the number of power iterations it used.
#[wasm_bindgen]
pub fn top_k_once(rows: usize, cols: usize, data: &[f64], k: usize) -> Result<Vec<f64>, JsError> {
    let t = top_k_svd(&matrix(rows, cols, data)?, k).map_err(failed)?;
    Ok(t.svd.singular_values.iter().copied().chain([t.relative_error, t.iterations as f64]).collect())
}

/// The top-k SVD (U, σ, V of rank k) `iterations` times; returns the sum of σ₁.
#[wasm_bindgen]
pub fn top_k_repeat(rows: usize, cols: usize, data: &[f64], k: usize, iterations: u32) -> Result<f64, JsError> {
    repeat(&matrix(rows, cols, data)?, iterations, |a| top_k_svd(a, k).map(|t| t.svd.singular_values[0]))
}
