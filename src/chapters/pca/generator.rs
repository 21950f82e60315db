//! PCA's generated points: a recipe (how many points, the correlation of the signal, the noise, 2 or 3
//! coordinates) turned into points by `math::random` from a fixed seed, and the same recipe as code.

use crate::chapter::Code;
use crate::decimal::debug;
use crate::math::random::Normal;
use nalgebra::DMatrix;

/// The generator's fixed seed: the same n, corr, noise and dim always give the same points.
pub(super) const SEED: u64 = 2012;

/// The recipe of the generated data: how many points, the correlation of the underlying signal, the
/// noise added to each coordinate, and how many coordinates each point has (2 or 3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Generator {
    /// How many points.
    pub(super) n: usize,
    /// The correlation of the signal's coordinates.
    pub(super) corr: f64,
    /// The noise's standard deviation on each coordinate as a multiple of the signal's (which is 1
    /// before the scaling by 1.5: in the data's units the noise's is 1.5 · noise).
    pub(super) noise: f64,
    /// Coordinates per point: 2 or 3.
    pub(super) dim: usize,
}

impl Generator {
    /// What the sliders start at before the reader touches them.
    pub(super) const DEFAULT: Generator = Generator { n: 30, corr: 0.8, noise: 0.3, dim: 2 };

    /// The points: a signal (s₁, s₂) with unit variances and correlation `corr`, plus independent
    /// noise of standard deviation `noise` on each coordinate, all scaled by 1.5 around (2, 1) (so the
    /// noise's standard deviation in the data's units is 1.5 · noise) and
    /// rounded to two decimals (so that points dragged afterwards keep short links). The sample
    /// correlation of x and y is close to corr / (1 + noise²). With `dim` = 3 a third coordinate
    /// follows y as y follows x: s₃ = corr·s₂ + √(1 − corr²)·z₃ (so corr(s₁, s₃) = corr²), around 1; its
    /// two extra normal draws come after each point's first four, so x and y use other draws than in 2-D.
    pub(super) fn points(&self) -> DMatrix<f64> {
        let dim = if self.dim == 3 { 3 } else { 2 };
        let mut normal = Normal::new(SEED);
        let rest = (1.0 - self.corr * self.corr).max(0.0).sqrt();
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let mut entries = Vec::with_capacity(dim * self.n);
        for _ in 0..self.n {
            let (z1, z2) = normal.pair();
            let (e1, e2) = normal.pair();
            let s2 = self.corr * z1 + rest * z2;
            entries.push(round(2.0 + 1.5 * (z1 + self.noise * e1)));
            entries.push(round(1.0 + 1.5 * (s2 + self.noise * e2)));
            if dim == 3 {
                let (z3, e3) = normal.pair();
                entries.push(round(1.0 + 1.5 * (self.corr * s2 + rest * z3 + self.noise * e3)));
            }
        }
        DMatrix::from_row_slice(self.n, dim, &entries)
    }

    /// The recipe as numpy, PyTorch and Rust code making `P` (the code book's `generated_2` or
    /// `generated_3`): numpy's and torch's own random numbers (the same distribution, not the same
    /// digits), and in Rust the page's very generator.
    pub(super) fn code(&self, code: &mut Code) {
        let (seed, count, corr, noise) = (SEED.to_string(), self.n.to_string(), debug(self.corr), debug(self.noise));
        let values = [("seed", seed.as_str()), ("n", count.as_str()), ("corr", corr.as_str()), ("noise", noise.as_str())];
        code.snippet(if self.dim == 3 { "generated_3" } else { "generated_2" }, &values);
    }
}
