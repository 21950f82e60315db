//! A picture the reader chose (a file, a drop or a paste), as the browser decoded and scaled it, and
//! the long computation a chapter runs on it in slices between frames. Shared by the page, the shell
//! and a chapter that takes pictures; the pixels never leave the browser and are never in a link.

use std::any::Any;
use std::rc::Rc;

/// The largest side, in pixels, of a picture the shell agrees to decode and scale at all.
pub const MAX_SOURCE_SIDE: usize = 16384;
/// The long side a picture is scaled down to by default.
pub const LONG_SIDE: usize = 512;
/// The long side on request (slower: four times the pixels).
pub const LARGE_LONG_SIDE: usize = 1024;

/// The size to draw a `width` × `height` picture at so that its long side is at most `long_side`
/// (never enlarged), or why it is refused: empty, or a side beyond [`MAX_SOURCE_SIDE`].
pub fn scaled_size(width: usize, height: usize, long_side: usize) -> Result<(usize, usize), String> {
    if width == 0 || height == 0 {
        return Err(format!("The picture is {width}×{height} pixels: it has nothing to compress."));
    }
    if width.max(height) > MAX_SOURCE_SIDE {
        return Err(format!("The picture is {width}×{height} pixels: at most {MAX_SOURCE_SIDE} pixels a side are accepted."));
    }
    let long = width.max(height);
    if long <= long_side {
        return Ok((width, height));
    }
    let scale = long_side as f64 / long as f64;
    let side = |s: usize| ((s as f64 * scale).round() as usize).clamp(1, long_side);
    Ok((side(width), side(height)))
}

/// The reader's picture after the browser decoded it and drew it scaled (transparent parts on white).
#[derive(Debug, Clone, PartialEq)]
pub struct PictureFile {
    /// The file's name (or "pasted picture"), only to be named on the page.
    pub name: String,
    /// The decoded picture's size before scaling, in pixels.
    pub source_size: (usize, usize),
    /// Pixels per row after scaling.
    pub width: usize,
    /// Rows after scaling.
    pub height: usize,
    /// `width * height * 4` bytes, RGBA row by row from the top (alpha is ignored).
    pub rgba: Rc<[u8]>,
}

impl PictureFile {
    /// Checks that the sizes and the bytes agree.
    pub fn new(name: &str, source_size: (usize, usize), width: usize, height: usize, rgba: Vec<u8>) -> Result<PictureFile, String> {
        let expected = width.checked_mul(height).and_then(|p| p.checked_mul(4));
        if width == 0 || height == 0 || expected != Some(rgba.len()) {
            return Err(format!("The picture could not be read: {} bytes for {width}×{height} pixels.", rgba.len()));
        }
        Ok(PictureFile { name: name.to_string(), source_size, width, height, rgba: rgba.into() })
    }

    /// The factor the picture was scaled by (1 when it was small enough).
    pub fn scale(&self) -> f64 {
        self.width as f64 / self.source_size.0 as f64
    }

    /// Whether every pixel is grey (red = green = blue): then one channel holds it all.
    pub fn is_grey(&self) -> bool {
        self.rgba.chunks_exact(4).all(|p| p[0] == p[1] && p[1] == p[2])
    }
}

/// A long computation on a picture, done in bounded slices: the page calls [`PictureJob::step`]
/// once per frame until it reports the result ready, then hands the job back to the chapter.
pub trait PictureJob {
    /// Does one slice of the work; `Ok(true)` once the result is ready, `Err` with a sentence for
    /// the reader if it failed.
    fn step(&mut self) -> Result<bool, String>;
    /// How far the job is, from 0 to 1, never decreasing.
    fn progress(&self) -> f64;
    /// The file it works on.
    fn file(&self) -> &PictureFile;
    /// The finished job, for the chapter that started it to take its result.
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_scaled_down_to_the_long_side_and_bad_ones_refused() {
        assert_eq!(scaled_size(2048, 1536, LONG_SIDE), Ok((512, 384)));
        assert_eq!(scaled_size(1536, 2048, LARGE_LONG_SIDE), Ok((768, 1024)));
        assert_eq!(scaled_size(300, 200, LONG_SIDE), Ok((300, 200)), "never enlarged");
        assert_eq!(scaled_size(16384, 1, LONG_SIDE), Ok((512, 1)), "a thin line keeps one row");
        assert_eq!(scaled_size(0, 0, LONG_SIDE).unwrap_err(), "The picture is 0×0 pixels: it has nothing to compress.");
        let wide = scaled_size(50_000, 20, LONG_SIDE).unwrap_err();
        assert!(wide.contains("50000×20") && wide.contains("at most 16384"), "{wide}");
    }

    #[test]
    fn a_file_checks_its_bytes() {
        let file = PictureFile::new("a.png", (4, 2), 2, 1, vec![9, 9, 9, 255, 1, 1, 1, 0]).unwrap();
        assert!(file.is_grey());
        assert_eq!(file.scale(), 0.5);
        assert!(!PictureFile::new("a.png", (2, 1), 2, 1, vec![9, 8, 9, 255, 1, 1, 1, 0]).unwrap().is_grey());
        assert!(PictureFile::new("a.png", (2, 1), 2, 1, vec![0; 7]).is_err());
        assert!(PictureFile::new("a.png", (0, 0), 0, 0, Vec::new()).is_err());
    }
}
