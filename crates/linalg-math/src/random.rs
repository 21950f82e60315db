//! Reproducible random numbers without a dependency: SplitMix64 (Steele, Lea and Flood's 64-bit
//! generator, the seeding generator of the xoshiro family: a few lines, the same stream on every
//! platform) for uniforms, and the Box–Muller transform for pairs of standard normal draws. A code
//! panel can print the very same generator, so a reader's program makes the page's numbers.

/// A stream of uniform and standard normal draws from a fixed seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normal {
    state: u64,
}

impl Normal {
    /// The stream that starts from `seed`: the same seed always gives the same draws.
    pub fn new(seed: u64) -> Normal {
        Normal { state: seed }
    }

    /// A uniform draw in (0, 1]: 53 random bits, never 0 (Box–Muller takes its logarithm).
    pub fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// Two independent standard normal draws (two uniforms through Box–Muller).
    pub fn pair(&mut self) -> (f64, f64) {
        let r = (-2.0 * self.uniform().ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * self.uniform()).sin_cos();
        (r * cos, r * sin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_fixed_by_its_seed_and_its_draws_are_in_range() {
        let mut a = Normal::new(2012);
        let mut b = Normal::new(2012);
        let draws: Vec<f64> = (0..1000).map(|_| a.uniform()).collect();
        assert_eq!(draws, (0..1000).map(|_| b.uniform()).collect::<Vec<_>>());
        assert!(draws.iter().all(|u| *u > 0.0 && *u <= 1.0));
        assert_ne!(Normal::new(2013).uniform(), draws[0]);
        // SplitMix64's first output from seed 0 is 0xE220A8397B1DCDAF (its published test vector).
        assert_eq!(Normal::new(0).uniform(), ((0xE220_A839_7B1D_CDAF_u64 >> 11) + 1) as f64 / (1u64 << 53) as f64);
    }

    #[test]
    fn normal_draws_have_mean_0_and_variance_1() {
        let mut normal = Normal::new(7);
        let n = 100_000;
        let draws: Vec<f64> = (0..n / 2).flat_map(|_| <[f64; 2]>::from(normal.pair())).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
        // Standard errors: 1/√n ≈ 0.003 for the mean, √(2/n) ≈ 0.0045 for the variance.
        assert!(mean.abs() < 0.015 && (variance - 1.0).abs() < 0.02, "{mean} {variance}");
        assert!(draws.iter().all(|x| x.is_finite() && x.abs() < 10.0));
    }
}
