//! The SVD page's picture tab (`tab=image`): a greyscale picture is a matrix, and keeping its k
//! largest singular values gives the best rank-k approximation A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ (Eckart–Young),
//! stored in k(m + n + 1) numbers instead of mn.
//!
//! The built-in picture is drawn by a formula ([`picture::picture`]), so it ships as code, costs no
//! download and is the same on every machine. Its full SVD is computed once per page load (the first
//! time the tab opens) and kept. The reader's own picture ([`own`]) gets its top [`own::MAX_OWN_RANK`]
//! triples per colour channel from `math::truncated::ChannelsJob`, run in slices between frames.
//! Moving the rank slider only adds or removes rank-one layers (`math::truncated::add_layers`,
//! `remove_layers`). The rank `k` is an input only while the tab is shown.

mod own;
mod picture;
mod show;
#[cfg(test)]
mod tests;

pub(super) use own::OwnJob;

use super::SvdPage;
use crate::chapter::picture::PictureFile;
use crate::chapter::{ChapterError, InputSpec};
use crate::math::svd::{svd, Svd};
use crate::math::truncated::{add_layers, remove_layers};
use crate::view::scene::Bitmap;
use nalgebra::DMatrix;
use std::cell::OnceCell;
use std::rc::Rc;

/// The built-in picture's height in pixels (the matrix's rows, m).
pub(super) const ROWS: usize = 120;
/// The built-in picture's width in pixels (the matrix's columns, n).
pub(super) const COLS: usize = 160;
/// The largest rank of the built-in picture, min(m, n): the slider's right end.
const MAX_RANK: usize = if ROWS < COLS { ROWS } else { COLS };
/// The rank the tab opens with (also `k`'s declared default).
const DEFAULT_RANK: usize = 10;

/// The rank `k`: a whole number from 1 to min(m, n) with a slider, existing only in the picture tab;
/// with the reader's picture the slider ends at the number of triples computed.
pub(super) const RANK: InputSpec<SvdPage> = InputSpec::scalar("k", "10", |s| s.image.as_ref().map(|i| i.k as f64), set_rank)
    .whole(1.0, MAX_RANK as f64, "k must be a whole number from 1 to 120")
    .slider(1.0, MAX_RANK as f64, 1.0)
    .slider_capped(|s| s.image.as_ref().filter(|i| i.factors.own.is_some()).map(|i| i.max_rank() as f64));

fn set_rank(s: &mut SvdPage, k: f64) -> Result<(), ChapterError> {
    let image = s.image.as_mut().ok_or(ChapterError::Unknown { what: "input", name: RANK.name.into() })?;
    // The input's limits have checked that k is a whole number from 1 to MAX_RANK.
    let (k, max) = (k as usize, image.max_rank());
    if k > max {
        return Err(ChapterError::Rule(format!(
            "k must be a whole number from 1 to {max} for this picture: its {max} largest singular values were computed"
        )));
    }
    image.set_rank(k);
    Ok(())
}

/// One channel of a picture (its grey, or its red, green or blue) and its singular triples.
#[derive(Debug)]
struct Channel {
    /// m×n brightness values in [0, 1].
    picture: DMatrix<f64>,
    /// All min(m, n) triples (the built-in picture) or the top ones (the reader's).
    svd: Svd,
    /// ‖A‖²_F of this channel.
    norm_sq: f64,
}

impl Channel {
    /// Σ_{i>k} σᵢ²: from the dropped singular values when all are known, else ‖A‖²_F − Σ_{i≤k} σᵢ²
    /// (exact for the orthogonal projection A_k = U_kU_kᵀA that the top triples give).
    fn dropped_sq(&self, k: usize) -> f64 {
        let sigma = &self.svd.singular_values;
        let (m, n) = self.picture.shape();
        if sigma.len() == m.min(n) {
            sigma.iter().skip(k).map(|s| s * s).sum()
        } else {
            (self.norm_sq - sigma.iter().take(k).map(|s| s * s).sum::<f64>()).max(0.0)
        }
    }
}

/// A picture, its channels' SVDs and its pixels: computed once.
#[derive(Debug)]
struct Factors {
    /// One channel (grey) or three (red, green, blue), all the same size.
    channels: Vec<Channel>,
    /// The picture as shown.
    original: Bitmap,
    /// The reader's picture (and whether it is shown in grey); `None` for the built-in one.
    own: Option<(PictureFile, bool)>,
}

impl Factors {
    /// The built-in picture and its full SVD.
    fn built_in() -> Result<Factors, String> {
        let picture = picture::picture();
        let svd = svd(&picture).map_err(|e| format!("the picture's SVD failed: {e}"))?;
        let original = picture::bitmap(&[&picture], |v| v);
        let norm_sq = picture.norm_squared();
        Ok(Factors { channels: vec![Channel { picture, svd, norm_sq }], original, own: None })
    }

    /// (m, n): the picture's height and width.
    fn shape(&self) -> (usize, usize) {
        self.channels[0].picture.shape()
    }

    /// The number of triples known per channel: min(m, n) for the built-in picture.
    fn max_rank(&self) -> usize {
        self.channels[0].svd.singular_values.len()
    }

    /// ‖A‖²_F over all channels.
    fn norm_sq(&self) -> f64 {
        self.channels.iter().map(|c| c.norm_sq).sum()
    }
}

thread_local! {
    /// The one SVD of the built-in picture per page load (the web page is single-threaded).
    static FACTORS: OnceCell<Rc<Factors>> = const { OnceCell::new() };
}

fn built_in() -> Result<Rc<Factors>, String> {
    FACTORS.with(|cell| {
        if let Some(f) = cell.get() {
            return Ok(f.clone());
        }
        let f = Rc::new(Factors::built_in()?);
        Ok(cell.get_or_init(|| f).clone())
    })
}

/// The pictures of A_k, of A − A_k (doubled, mid-grey is 0) and of the k-th layer σ_k u_k v_kᵀ
/// (scaled to the whole grey range over all channels), and the measured relative error
/// ‖A − A_k‖_F / ‖A‖_F over all channels. One pass over the pixels: the layer's entries are
/// σ_k·u_r·v_c, so its largest magnitude is σ_k·max|u|·max|v| and it needs no matrix of its own.
fn describe(f: &Factors, approx: &[DMatrix<f64>], k: usize) -> ([Bitmap; 3], f64) {
    let (m, n) = f.shape();
    let count = f.channels.len();
    // The k-th triple's index in a channel, if it has one.
    let kth = |c: &Channel| k.checked_sub(1).filter(|i| *i < c.svd.singular_values.len());
    let scale = f
        .channels
        .iter()
        .filter_map(|c| kth(c).map(|i| c.svd.singular_values[i] * c.svd.u.column(i).amax() * c.svd.v.column(i).amax()))
        .fold(0.0, f64::max);
    let mut pixels = [(); 3].map(|_| vec![0; m * n * count]);
    let mut error_sq = 0.0;
    let [approx_px, error_px, layer_px] = &mut pixels;
    let no_layer = vec![0.0; m];
    for (i, (c, a)) in f.channels.iter().zip(approx).enumerate() {
        // The layer's shade is 0.5 + w_c·u_r down column c (mid-grey where there is no k-th layer).
        let layer = kth(c).filter(|_| scale > 0.0).map(|i| (0.5 * c.svd.singular_values[i] / scale, c.svd.u.column(i), c.svd.v.column(i)));
        // Down the columns, as the matrices are stored.
        let columns = a.as_slice().chunks_exact(m).zip(c.picture.as_slice().chunks_exact(m));
        for (col, (a, picture)) in columns.enumerate() {
            // Without a layer, w = 0 and every shade is mid-grey.
            let (w, u) = layer.as_ref().map_or((0.0, &no_layer[..]), |(half, u, v)| (half * v[col], u.as_slice()));
            for (row, ((approx, original), ur)) in a.iter().zip(picture).zip(u).enumerate() {
                let error = original - approx;
                error_sq += error * error;
                let layer = 0.5 + w * ur;
                let at = (row * n + col) * count + i;
                approx_px[at] = picture::to_byte(*approx);
                error_px[at] = picture::to_byte(0.5 + 2.0 * error);
                layer_px[at] = picture::to_byte(layer);
            }
        }
    }
    let images = pixels.map(|p| Bitmap { width: n, height: m, channels: count, pixels: p.into() });
    let norm_sq = f.norm_sq();
    (images, if norm_sq > 0.0 { (error_sq / norm_sq).sqrt() } else { 0.0 })
}

/// The picture tab's state: the picture and its factors, the rank k, the rank-k approximation, and
/// what the figure and readouts show of it (made once per rank, so redrawing, panning and zooming
/// cost no arithmetic).
#[derive(Debug, Clone)]
pub(super) struct ImageTab {
    factors: Rc<Factors>,
    k: usize,
    /// A_k per channel.
    approx: Vec<DMatrix<f64>>,
    /// A_k, A − A_k and the last layer as pictures.
    panels: [Bitmap; 3],
    /// ‖A − A_k‖_F / ‖A‖_F measured on the matrices.
    measured_error: f64,
}

impl PartialEq for ImageTab {
    fn eq(&self, other: &ImageTab) -> bool {
        self.k == other.k && Rc::ptr_eq(&self.factors, &other.factors)
    }
}

impl ImageTab {
    /// Opens the tab on the built-in picture at the default rank; the first call in a page load
    /// computes its SVD.
    pub(super) fn new() -> Result<ImageTab, String> {
        Ok(ImageTab::of(built_in()?, DEFAULT_RANK))
    }

    /// The tab showing `factors` at rank `k` (clamped to the ranks known).
    fn of(factors: Rc<Factors>, k: usize) -> ImageTab {
        let k = k.clamp(1, factors.max_rank());
        let (m, n) = factors.shape();
        let approx: Vec<DMatrix<f64>> = factors
            .channels
            .iter()
            .map(|c| {
                let mut a = DMatrix::zeros(m, n);
                add_layers(&c.svd, &mut a, 0..k);
                a
            })
            .collect();
        let (panels, measured_error) = describe(&factors, &approx, k);
        ImageTab { factors, k, approx, panels, measured_error }
    }

    /// The largest rank: the triples known per channel (min(m, n) for the built-in picture).
    fn max_rank(&self) -> usize {
        self.factors.max_rank()
    }

    /// The reader's picture shown, and whether in grey.
    pub(super) fn own(&self) -> Option<(&PictureFile, bool)> {
        self.factors.own.as_ref().map(|(file, grey)| (file, *grey))
    }

    /// Shows the finished job's picture at the current rank (or its largest); false if it has none.
    pub(super) fn show(&mut self, job: Box<OwnJob>) -> bool {
        let Some(factors) = job.take() else { return false };
        *self = ImageTab::of(Rc::new(factors), self.k);
        true
    }

    /// Moves to rank `k` (1 to the largest): a step up adds the missing layers, a step down removes
    /// the extra ones, or builds A_k again when that adds fewer (the same entries either way).
    fn set_rank(&mut self, k: usize) {
        let k = k.clamp(1, self.max_rank());
        let (m, n) = self.factors.shape();
        for (approx, c) in self.approx.iter_mut().zip(&self.factors.channels) {
            if k > self.k {
                add_layers(&c.svd, approx, self.k..k);
            } else if self.k - k <= k {
                remove_layers(&c.svd, approx, k..self.k);
            } else {
                *approx = DMatrix::zeros(m, n);
                add_layers(&c.svd, approx, 0..k);
            }
        }
        self.k = k;
        (self.panels, self.measured_error) = describe(&self.factors, &self.approx, k);
    }
}
