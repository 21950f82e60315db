//! PCA's generated points: a recipe (how many points, the correlation of the signal, the noise, 2 or 3
//! coordinates) turned into points by `math::random` from a fixed seed, and the same recipe as code.

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

    /// The recipe as numpy, PyTorch and Rust code making `P`: numpy's and torch's own random numbers
    /// (the same distribution, not the same digits), and in Rust the page's very generator.
    pub(super) fn code(&self) -> (String, String, String) {
        let (count, corr, noise) = (self.n, debug(self.corr), debug(self.noise));
        if self.dim == 3 {
            (
                format!("# The page's recipe with numpy's random numbers: the same distribution, not the same digits.\nrng = np.random.default_rng({SEED})\nn, corr, noise = {count}, {corr}, {noise}\nz1, z2, z3, e1, e2, e3 = rng.standard_normal((6, n))\ns2 = corr * z1 + np.sqrt(1 - corr**2) * z2\ns3 = corr * s2 + np.sqrt(1 - corr**2) * z3\nP = np.round(np.column_stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (s2 + noise * e2), 1 + 1.5 * (s3 + noise * e3)]), 2)"),
                format!("# The page's recipe with torch's random numbers: the same distribution, not the same digits.\ng = torch.Generator().manual_seed({SEED})\nn, corr, noise = {count}, {corr}, {noise}\nz1, z2, z3, e1, e2, e3 = torch.randn(6, n, generator=g, dtype=torch.float64)\ns2 = corr * z1 + (1 - corr**2) ** 0.5 * z2\ns3 = corr * s2 + (1 - corr**2) ** 0.5 * z3\nP = torch.round(torch.stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (s2 + noise * e2), 1 + 1.5 * (s3 + noise * e3)], dim=1), decimals=2)"),
                format!("// The page's own generator (SplitMix64 and Box–Muller, started at {SEED}): the very same points.\nlet (n, corr, noise) = ({count}_usize, {corr}_f64, {noise}_f64);\nlet mut state: u64 = {SEED};\nlet mut uniform = || {{\n    state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);\n    let mut z = state;\n    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);\n    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);\n    (((z ^ (z >> 31)) >> 11) + 1) as f64 / (1u64 << 53) as f64\n}};\nlet mut pair = || {{\n    let r = (-2.0 * uniform().ln()).sqrt();\n    let (s, c) = (std::f64::consts::TAU * uniform()).sin_cos();\n    (r * c, r * s)\n}};\nlet round = |x: f64| (x * 100.0).round() / 100.0;\nlet rest = (1.0 - corr * corr).max(0.0).sqrt();\nlet mut entries = Vec::with_capacity(3 * n);\nfor _ in 0..n {{\n    let ((z1, z2), (e1, e2), (z3, e3)) = (pair(), pair(), pair());\n    let s2 = corr * z1 + rest * z2;\n    entries.push(round(2.0 + 1.5 * (z1 + noise * e1)));\n    entries.push(round(1.0 + 1.5 * (s2 + noise * e2)));\n    entries.push(round(1.0 + 1.5 * (corr * s2 + rest * z3 + noise * e3)));\n}}\nlet p = DMatrix::from_row_slice(n, 3, &entries);"),
            )
        } else {
            (
                format!("# The page's recipe with numpy's random numbers: the same distribution, not the same digits.\nrng = np.random.default_rng({SEED})\nn, corr, noise = {count}, {corr}, {noise}\nz1, z2, e1, e2 = rng.standard_normal((4, n))\nP = np.round(np.column_stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (corr * z1 + np.sqrt(1 - corr**2) * z2 + noise * e2)]), 2)"),
                format!("# The page's recipe with torch's random numbers: the same distribution, not the same digits.\ng = torch.Generator().manual_seed({SEED})\nn, corr, noise = {count}, {corr}, {noise}\nz1, z2, e1, e2 = torch.randn(4, n, generator=g, dtype=torch.float64)\nP = torch.round(torch.stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (corr * z1 + (1 - corr**2) ** 0.5 * z2 + noise * e2)], dim=1), decimals=2)"),
                format!("// The page's own generator (SplitMix64 and Box–Muller, started at {SEED}): the very same points.\nlet (n, corr, noise) = ({count}_usize, {corr}_f64, {noise}_f64);\nlet mut state: u64 = {SEED};\nlet mut uniform = || {{\n    state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);\n    let mut z = state;\n    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);\n    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);\n    (((z ^ (z >> 31)) >> 11) + 1) as f64 / (1u64 << 53) as f64\n}};\nlet mut pair = || {{\n    let r = (-2.0 * uniform().ln()).sqrt();\n    let (s, c) = (std::f64::consts::TAU * uniform()).sin_cos();\n    (r * c, r * s)\n}};\nlet round = |x: f64| (x * 100.0).round() / 100.0;\nlet mut entries = Vec::with_capacity(2 * n);\nfor _ in 0..n {{\n    let ((z1, z2), (e1, e2)) = (pair(), pair());\n    entries.push(round(2.0 + 1.5 * (z1 + noise * e1)));\n    entries.push(round(1.0 + 1.5 * (corr * z1 + (1.0 - corr * corr).max(0.0).sqrt() * z2 + noise * e2)));\n}}\nlet p = DMatrix::from_row_slice(n, 2, &entries);"),
            )
        }
    }
}
