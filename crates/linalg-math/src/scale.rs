//! Exact scaling by powers of two: splitting a float into mantissa and exponent and putting it back
//! together in steps, so that no intermediate value overflows or underflows.

/// `x = m · 2^e` with `0.5 ≤ |m| < 1` (and `(x, 0)` for zero or a non-finite `x`).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(54), -54) } else { (x, 0) };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52));
    (mantissa, exponent + adjust)
}

/// `m · 2^e`, in steps so that no intermediate power of two overflows or underflows.
pub fn ldexp(mut m: f64, mut e: i32) -> f64 {
    while e > 1000 {
        m *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        m *= 2f64.powi(-1000);
        e += 1000;
    }
    m * 2f64.powi(e)
}

/// The exponent of the largest power of two not above a positive `x` (0 for zero, negative or
/// non-finite `x`), kept in −1022..=1023 so that 2^exponent is a normal float: dividing by it is exact
/// and brings `x` into [1, 2) (as far as that range allows).
pub fn exponent(x: f64) -> i32 {
    if x > 0.0 && x.is_finite() {
        (frexp(x).1 - 1).clamp(-1022, 1023)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_round_trip_at_the_edges() {
        for x in [1.0, -3.5, 1e-310, f64::MIN_POSITIVE, f64::MAX, 5e-324, 0.75] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}: {m}");
            assert_eq!(ldexp(m, e), x);
        }
        assert_eq!(frexp(0.0), (0.0, 0));
        assert_eq!(ldexp(1.0, 2000), f64::INFINITY);
        assert_eq!(ldexp(2f64.powi(1000), -2000), 2f64.powi(-1000));
    }

    #[test]
    fn exponent_brings_a_number_into_one_to_two_and_ldexp_is_exact_at_the_extremes() {
        assert_eq!(ldexp(1.0, 0), 1.0);
        assert_eq!(ldexp(1.0, -1022), f64::MIN_POSITIVE);
        assert_eq!(ldexp(1.5, 2000), f64::INFINITY);
        assert_eq!(ldexp(3.0, -1080), 3.0 * 2f64.powi(-1080));
        assert_eq!(ldexp(f64::MAX, -1023) * 2f64.powi(1023), f64::MAX);
        assert_eq!(exponent(f64::MAX), 1023);
        assert_eq!(exponent(5e-324), -1022);
        assert_eq!(exponent(0.0), 0);
        assert_eq!(exponent(3.0), 1);
        for x in [1.0, 1.999, 2.0, 1e-300, 1e300, 0.75, 2f64.powi(100) * (1.0 - f64::EPSILON)] {
            let scaled = ldexp(x, -exponent(x));
            assert!((1.0..2.0).contains(&scaled), "{x}: {scaled}");
        }
    }
}
