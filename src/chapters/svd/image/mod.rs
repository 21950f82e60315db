//! The SVD page's picture tab (`tab=image`): a greyscale picture is a matrix, and keeping its k
//! largest singular values gives the best rank-k approximation A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ (Eckart–Young),
//! stored in k(m + n + 1) numbers instead of mn.
//!
//! The picture is drawn by a formula ([`picture::picture`]), so it ships as code, costs no download
//! and is the same on every machine. Its SVD is computed once per page load (the first time the tab
//! opens) with the shared bounded SVD and kept; moving the rank slider only re-adds rank-one layers
//! (`math::truncated::add_layers`). The rank `k` is an input only while the tab is shown.

mod picture;
mod show;
#[cfg(test)]
mod tests;

use super::SvdPage;
use crate::chapter::{ChapterError, InputSpec};
use crate::math::svd::{svd, Svd};
use crate::math::truncated::add_layers;
use crate::view::scene::Bitmap;
use nalgebra::DMatrix;
use std::cell::OnceCell;
use std::rc::Rc;

/// The picture's height in pixels (the matrix's rows, m).
pub(super) const ROWS: usize = 120;
/// The picture's width in pixels (the matrix's columns, n).
pub(super) const COLS: usize = 160;
/// The largest rank, min(m, n): the slider's right end.
const MAX_RANK: usize = if ROWS < COLS { ROWS } else { COLS };
/// The rank the tab opens with (also `k`'s declared default).
const DEFAULT_RANK: usize = 10;

/// The rank `k`: a whole number from 1 to min(m, n) with a slider, existing only in the picture tab.
pub(super) const RANK: InputSpec<SvdPage> = InputSpec::scalar("k", "10", |s| s.image.as_ref().map(|i| i.k as f64), set_rank)
    .whole(1.0, MAX_RANK as f64, "k must be a whole number from 1 to 120")
    .slider(1.0, MAX_RANK as f64, 1.0);

fn set_rank(s: &mut SvdPage, k: f64) -> Result<(), ChapterError> {
    let image = s.image.as_mut().ok_or(ChapterError::Unknown { what: "input", name: RANK.name.into() })?;
    // The input's limits have checked that k is a whole number from 1 to MAX_RANK.
    image.set_rank(k as usize);
    Ok(())
}

/// The picture, its SVD and its pixels: computed once.
#[derive(Debug)]
struct Factors {
    picture: DMatrix<f64>,
    svd: Svd,
    original: Bitmap,
}

impl Factors {
    fn compute() -> Result<Factors, String> {
        let picture = picture::picture();
        let svd = svd(&picture).map_err(|e| format!("the picture's SVD failed: {e}"))?;
        let original = picture::grey(&picture, |v| v);
        Ok(Factors { picture, svd, original })
    }

    fn max_rank(&self) -> usize {
        self.svd.singular_values.len()
    }
}

thread_local! {
    /// The one SVD of the picture per page load (the web page is single-threaded).
    static FACTORS: OnceCell<Rc<Factors>> = const { OnceCell::new() };
}

fn factors() -> Result<Rc<Factors>, String> {
    FACTORS.with(|cell| {
        if let Some(f) = cell.get() {
            return Ok(f.clone());
        }
        let f = Rc::new(Factors::compute()?);
        Ok(cell.get_or_init(|| f).clone())
    })
}

/// The pictures of A_k, of A − A_k (doubled, mid-grey is 0) and of the k-th layer σ_k u_k v_kᵀ
/// (scaled to the whole grey range), and the measured relative error ‖A − A_k‖_F / ‖A‖_F.
fn describe(f: &Factors, approx: &DMatrix<f64>, k: usize) -> ([Bitmap; 3], f64) {
    let error = &f.picture - approx;
    let mut layer = DMatrix::zeros(ROWS, COLS);
    add_layers(&f.svd, &mut layer, k.saturating_sub(1)..k);
    let scale = layer.amax();
    let images = [
        picture::grey(approx, |v| v),
        picture::grey(&error, |v| 0.5 + 2.0 * v),
        picture::grey(&layer, |v| if scale > 0.0 { 0.5 + 0.5 * v / scale } else { 0.5 }),
    ];
    (images, error.norm() / f.picture.norm())
}

/// The picture tab's state: the rank k, the rank-k approximation, and what the figure and readouts
/// show of it (made once per rank, so redrawing, panning and zooming cost no arithmetic).
#[derive(Debug, Clone)]
pub(super) struct ImageTab {
    factors: Rc<Factors>,
    k: usize,
    approx: DMatrix<f64>,
    /// A_k, A − A_k and the last layer as pictures.
    panels: [Bitmap; 3],
    /// ‖A − A_k‖_F / ‖A‖_F measured on the matrices.
    measured_error: f64,
}

impl PartialEq for ImageTab {
    fn eq(&self, other: &ImageTab) -> bool {
        self.k == other.k
    }
}

impl ImageTab {
    /// Opens the tab at the default rank; the first call in a page load computes the SVD.
    pub(super) fn new() -> Result<ImageTab, String> {
        let factors = factors()?;
        let k = DEFAULT_RANK.min(factors.max_rank());
        let mut approx = DMatrix::zeros(ROWS, COLS);
        add_layers(&factors.svd, &mut approx, 0..k);
        let (panels, measured_error) = describe(&factors, &approx, k);
        Ok(ImageTab { factors, k, approx, panels, measured_error })
    }

    /// The largest rank: min(m, n).
    fn max_rank(&self) -> usize {
        self.factors.max_rank()
    }

    /// Moves to rank `k` (1 to min(m, n)): a step up adds the missing layers, a step down rebuilds.
    fn set_rank(&mut self, k: usize) {
        let k = k.clamp(1, self.max_rank());
        if k > self.k {
            add_layers(&self.factors.svd, &mut self.approx, self.k..k);
        } else if k < self.k {
            self.approx = DMatrix::zeros(ROWS, COLS);
            add_layers(&self.factors.svd, &mut self.approx, 0..k);
        }
        self.k = k;
        (self.panels, self.measured_error) = describe(&self.factors, &self.approx, k);
    }
}
