//! The test picture, drawn by a formula (the same formula is spelled out in the code panel), and
//! matrices as pictures.

use super::{COLS, ROWS};
use crate::math::clamp;
use crate::view::scene::Bitmap;
use nalgebra::DMatrix;

/// The test picture: m×n brightness values in [0, 1] (0 black, 1 white), row 0 at the top. A smooth
/// background (rank 2), a round sun and a mountain with slanted edges (curved and diagonal edges need
/// many singular values), and a chequered flag (rank 2, but its sharp steps ring at low ranks). The
/// code book's snippet `picture` spells it out in numpy and nalgebra.
pub(super) fn picture() -> DMatrix<f64> {
    DMatrix::from_fn(ROWS, COLS, |r, c| {
        let (x, y) = (c as f64 + 0.5, r as f64 + 0.5);
        let mut v = 0.15 + 0.5 * x / 160.0 + 0.15 * y / 120.0;
        let sun = clamp(30.5 - (x - 46.0).hypot(y - 48.0), 0.0, 1.0);
        v += (0.95 - v) * sun;
        let mountain = clamp((y - 34.0 - 1.6 * (x - 112.0).abs()) / 1.6f64.hypot(1.0) + 0.5, 0.0, 1.0);
        v += (0.08 - v) * mountain;
        if (8.0..40.0).contains(&x) && (90.0..114.0).contains(&y) {
            v = if (c / 8 + r / 8) % 2 == 0 { 0.9 } else { 0.2 };
        }
        v
    })
}

/// Brightness in [0, 1] as a byte, to the nearest step; values outside (an approximation
/// overshoots) are clipped. (Adding ½ and truncating rounds like `round` here, without its call.)
pub(super) fn to_byte(v: f64) -> u8 {
    (clamp(v * 255.0, 0.0, 255.0) + 0.5) as u8
}

/// Matrices of one size as a picture's channels (one: grey; three: red, green, blue), mapping each
/// entry through `shade` to [0, 1].
pub(super) fn bitmap(channels: &[&DMatrix<f64>], shade: impl Fn(f64) -> f64) -> Bitmap {
    let (m, n) = channels[0].shape();
    let count = channels.len();
    let mut pixels = vec![0; m * n * count];
    for (i, ch) in channels.iter().enumerate() {
        // Down the columns, as the matrices are stored.
        for (at, v) in ch.iter().enumerate() {
            let (r, c) = (at % m, at / m);
            pixels[(r * n + c) * count + i] = to_byte(shade(*v));
        }
    }
    Bitmap { width: n, height: m, channels: count, pixels: pixels.into() }
}
