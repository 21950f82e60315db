//! The reader's own picture: its pixels as one matrix (grey) or three (red, green, blue), and the
//! job that finds each one's top singular triples in slices between frames.

use super::{picture, Channel, Factors};
use crate::chapter::picture::{PictureFile, PictureJob};
use crate::math::truncated::{ChannelsJob, TopK, PICTURE_TOLERANCE};
use crate::math::NumericError;
use nalgebra::DMatrix;
use std::any::Any;

/// The most singular triples computed per channel of the reader's picture (the slider's end).
pub const MAX_OWN_RANK: usize = 50;

/// Rec. 601 luma weights of red, green and blue (what PIL's `convert("L")` uses).
pub const LUMA: [f64; 3] = [0.299, 0.587, 0.114];

/// The pixels as matrices of brightness in [0, 1]: one (the luma) when `grey`, else red, green, blue.
pub(super) fn channels(file: &PictureFile, grey: bool) -> Vec<DMatrix<f64>> {
    let (m, n) = (file.height, file.width);
    let at = |r: usize, c: usize, ch: usize| f64::from(file.rgba[(r * n + c) * 4 + ch]) / 255.0;
    if grey {
        vec![DMatrix::from_fn(m, n, |r, c| LUMA.iter().enumerate().map(|(ch, w)| w * at(r, c, ch)).sum())]
    } else {
        (0..3).map(|ch| DMatrix::from_fn(m, n, |r, c| at(r, c, ch))).collect()
    }
}

/// The computation behind the reader's picture: the top triples of each channel, a power iteration
/// of one channel per step.
pub struct OwnJob {
    file: PictureFile,
    matrices: Vec<DMatrix<f64>>,
    job: ChannelsJob,
    /// The triples of every channel, once found (the factors are built in a step of their own).
    tops: Option<Vec<TopK>>,
    done: Option<Factors>,
}

impl OwnJob {
    /// Prepares the job for `file`, in grey when asked or when the picture has no colour.
    pub fn new(file: &PictureFile, grey: bool) -> Result<OwnJob, String> {
        let matrices = channels(file, grey || file.is_grey());
        let k = MAX_OWN_RANK.min(file.width).min(file.height);
        let job = ChannelsJob::new(matrices.clone(), k, PICTURE_TOLERANCE).map_err(failed)?;
        Ok(OwnJob { file: file.clone(), matrices, job, tops: None, done: None })
    }

    /// The finished picture's factors.
    pub(super) fn take(self) -> Option<Factors> {
        self.done
    }
}

fn failed(e: NumericError) -> String {
    format!("The picture's singular values could not be computed: {e}.")
}

impl PictureJob for OwnJob {
    fn step(&mut self) -> Result<bool, String> {
        if self.done.is_some() {
            return Ok(true);
        }
        let Some(tops) = self.tops.take() else {
            self.tops = self.job.step().map_err(failed)?;
            return Ok(false);
        };
        let matrices = std::mem::take(&mut self.matrices);
        let original = picture::bitmap(&matrices.iter().collect::<Vec<_>>(), |v| v);
        let grey = matrices.len() == 1;
        let channels = matrices
            .into_iter()
            .zip(tops)
            .map(|(picture, top)| Channel { norm_sq: picture.norm_squared(), picture, svd: top.svd })
            .collect();
        self.done = Some(Factors { channels, original, own: Some((self.file.clone(), grey)) });
        Ok(true)
    }

    fn progress(&self) -> f64 {
        self.job.progress()
    }

    fn file(&self) -> &PictureFile {
        &self.file
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}
