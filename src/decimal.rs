//! Decimal text of doubles, as Rust's `{:?}`, `{}`, `{:e}`, `{:.N}` and `{:.Ne}` write it, without
//! `core::fmt`'s float code (Grisu and Dragon4 with their tables: about 8 KB of the gzipped module).
//!
//! - Rounded forms ([`fixed`], [`exponential`]) are computed exactly: the double's full decimal
//!   expansion (a double is m·2^e, so it has one) from a small base-10⁹ big integer, rounded half to
//!   even like `core::fmt`; [`fixed`] skips it when one multiplication of doubles already decides
//!   the rounding (far from a tie, which is most of what a page prints).
//! - Shortest forms ([`debug`], [`display`], [`lower_exp`], [`shortest_digits`]) need the shortest
//!   digits that read back as the double: found directly for decimals of up to 15 digits (most of what
//!   a page prints), otherwise from [`crate::engine::shortest_text`] (in the browser the JavaScript
//!   engine's, the same shortest, nearest digits; natively `core::fmt`'s).
//!
//! Callers format doubles through this module only, so that the module never links `core::fmt`'s.

use crate::engine::shortest_text;

/// The shortest decimal digits that read back as |x| and the power of ten of the first one
/// (`1250.0` → `("125", 3)`, `0.05` → `("5", -2)`). `x` must be finite and not zero.
pub fn shortest_digits(x: f64) -> (String, i32) {
    if let Some(found) = few_decimals(x.abs()) {
        return found;
    }
    let text = shortest_text(x.abs());
    // Both engines write `d[.ddd]e[-]k` or plain decimals; read either layout.
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = format!("{whole}{fraction}");
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0').to_string();
    ties_up(x, digits, exp + whole.len() as i32 - 1 - leading as i32)
}

/// The shortest digits of a positive `a` with up to 15 significant digits (`2.35`, `1200`, `0.0625`),
/// or `None`: the fewest decimals k for which the integer m nearest a·10^k gives back `a` as m / 10^k
/// (one correctly rounded division of exact numbers, which is what reading the text m·10⁻ᵏ does). Most
/// numbers a page prints are such decimals, and this is much cheaper than asking the engine.
fn few_decimals(a: f64) -> Option<(String, i32)> {
    /// Below this the integer m is exact and a·10^k is within an eighth of it: m is the nearest.
    const LIMIT: f64 = (1u64 << 50) as f64;
    let mut scale = 1.0;
    for k in 0..=22 {
        let m = (a * scale).round();
        if m >= LIMIT {
            return None;
        }
        if m > 0.0 && m / scale == a {
            let text = (m as u64).to_string();
            let exp = text.len() as i32 - 1 - k;
            return Some((text.trim_end_matches('0').to_string(), exp));
        }
        // Powers of ten up to 10²² are exact doubles.
        scale *= 10.0;
    }
    None
}

/// Where |x| lies exactly halfway between two shortest candidates (`165793407361858.125` between
/// `…58.12` and `…58.13`), `core::fmt` takes the upper one and JavaScript engines may take the lower:
/// settle on the upper. Only 16- and 17-digit forms can be such ties: shorter candidates are more
/// than an ulp apart.
fn ties_up(x: f64, digits: String, exp: i32) -> (String, i32) {
    if digits.len() < 16 {
        return (digits, exp);
    }
    let (exact, _) = exact_digits(x);
    let n = digits.len();
    if exact.len() != n + 1 || exact[n] != 5 || exact[..n].iter().zip(digits.bytes()).any(|(&e, d)| e != d - b'0') {
        return (digits, exp);
    }
    // One more in the last place; a carry through nines (…9995 → 1000…) moves the exponent.
    let mut up = exact[..n].to_vec();
    let carried = add_one(&mut up);
    let text: String = up.iter().map(|d| char::from(b'0' + d)).collect();
    (text.trim_end_matches('0').to_string(), if carried { exp + 1 } else { exp })
}

/// Adds one in the last place of decimal digits; returns whether that carried into a new first digit
/// (`999` → `1000`).
fn add_one(digits: &mut Vec<u8>) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return false;
        }
    }
    digits.insert(0, 1);
    true
}

/// `NaN`, `inf` or `-inf` as Rust writes them, or `None` for a finite `x`.
fn special(x: f64) -> Option<String> {
    if x.is_nan() {
        Some("NaN".into())
    } else if x.is_infinite() {
        Some(if x < 0.0 { "-inf" } else { "inf" }.into())
    } else {
        None
    }
}

fn sign(x: f64) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else {
        ""
    }
}

/// Shortest digits laid out without an exponent, with at least `min_fraction` decimals
/// (`{}` uses 0, `{:?}` 1).
fn plain(x: f64, min_fraction: usize) -> String {
    if x == 0.0 {
        return format!("{}0{}", sign(x), if min_fraction > 0 { ".0" } else { "" });
    }
    let (digits, exp) = shortest_digits(x);
    format!("{}{}", sign(x), plain_layout(&digits, exp, min_fraction > 0))
}

/// Digits d₁d₂… (no leading or trailing zeros) of the value d₁.d₂… × 10^exp written without an
/// exponent (`12.5`, `0.001`, `1200`), with `.0` after a whole number when `point` asks for it.
pub fn plain_layout(digits: &str, exp: i32, point: bool) -> String {
    let n = digits.len() as i32;
    if exp < 0 {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else if n - 1 <= exp {
        format!("{digits}{}{}", "0".repeat((exp - n + 1) as usize), if point { ".0" } else { "" })
    } else {
        let (whole, fraction) = digits.split_at(exp as usize + 1);
        format!("{whole}.{fraction}")
    }
}

/// The same value with an exponent (`1.25e3`, `1e-7`; `1.25e+3` when `plus` asks for the sign of a
/// positive exponent).
pub fn exponent_layout(digits: &str, exp: i32, plus: bool) -> String {
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let sign = if exp < 0 {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    format!("{first}{point}{rest}e{sign}{}", exp.unsigned_abs())
}

/// `format!("{x:e}")`: the shortest digits with an exponent (`1.25e3`, `1e-7`, `0e0`).
pub fn lower_exp(x: f64) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    if x == 0.0 {
        return format!("{}0e0", sign(x));
    }
    let (digits, exp) = shortest_digits(x);
    format!("{}{}", sign(x), exponent_layout(&digits, exp, false))
}

/// `format!("{x:?}")`: the shortest digits that read back as `x`, in decimal form with at least one
/// decimal (`3.0`, `0.25`) for magnitudes from 10⁻⁴ to 10¹⁶, with an exponent otherwise (`1e16`).
pub fn debug(x: f64) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let a = x.abs();
    if a == 0.0 || (1e-4..1e16).contains(&a) {
        plain(x, 1)
    } else {
        lower_exp(x)
    }
}

/// `format!("{x}")`: the shortest digits that read back as `x`, never with an exponent.
pub fn display(x: f64) -> String {
    special(x).unwrap_or_else(|| plain(x, 0))
}

/// `format!("{x:.decimals$}")`: `x` rounded to `decimals` places, ties to even.
pub fn fixed(x: f64, decimals: usize) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let mut whole = match rounded_scaled(x, decimals) {
        Some(n) => n.to_string(),
        None => {
            let (digits, point) = exact_digits(x);
            rounded_integer(&digits, point + decimals as i32)
        }
    };
    if whole.len() <= decimals {
        whole = format!("{}{whole}", "0".repeat(decimals + 1 - whole.len()));
    }
    let (int, fraction) = whole.split_at(whole.len() - decimals);
    let point = if decimals > 0 { "." } else { "" };
    format!("{}{int}{point}{fraction}", sign(x))
}

/// `format!("{x:.decimals$e}")`: `x` with `decimals + 1` significant digits and an exponent
/// (`1.500e-1`), ties to even.
pub fn exponential(x: f64, decimals: usize) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let (digits, point) = exact_digits(x);
    let (mantissa, exp) = if digits.is_empty() {
        ("0".repeat(decimals + 1), 0)
    } else {
        let mut m = rounded_integer(&digits, decimals as i32 + 1);
        let mut exp = point - 1;
        if m.len() > decimals + 1 {
            m.truncate(decimals + 1);
            exp += 1;
        }
        (m, exp)
    };
    let (first, rest) = mantissa.split_at(1);
    let point = if decimals > 0 { "." } else { "" };
    format!("{}{first}{point}{rest}e{exp}", sign(x))
}

/// Powers of ten that doubles hold exactly, for [`rounded_scaled`].
const EXACT_POWERS: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The integer nearest |x|·10^decimals when one multiplication of doubles decides it, which is most
/// of what a page prints (the exact expansion costs a big integer): with the product below 2⁴⁰, the
/// rounded product is within 2⁻¹⁴ of the exact one, so unless its fraction is within 2⁻¹¹ of one half
/// both round to the same integer. `None` near a tie, for large products and many decimals.
fn rounded_scaled(x: f64, decimals: usize) -> Option<u64> {
    let y = x.abs() * EXACT_POWERS.get(decimals)?;
    if y >= (1u64 << 40) as f64 {
        return None;
    }
    let floor = y.floor();
    // Exact: y and its integer part are within a factor of two of each other, or the part is 0.
    let fraction = y - floor;
    if (fraction - 0.5).abs() < 1.0 / 2048.0 {
        return None;
    }
    Some(floor as u64 + u64::from(fraction > 0.5))
}

/// The exact decimal expansion of a finite |x|: digits without leading or trailing zeros (none for
/// 0) and the position of the decimal point, so that |x| = 0.d₁d₂d₃… × 10^point.
fn exact_digits(x: f64) -> (Vec<u8>, i32) {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
    if m == 0 {
        return (Vec::new(), 0);
    }
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e += zeros as i32;
    // |x| = m·2^e: an integer times a power of two when e ≥ 0, else m·5^(−e) / 10^(−e).
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    let (mut left, step_factor, step, factor, shift) =
        if e >= 0 { (e as u32, 1 << 29, 29, 2, 0) } else { ((-e) as u32, 1_220_703_125, 13, 5, -e) };
    while left > 0 {
        let (times, multiplier) = if left >= step { (step, step_factor) } else { (left, (factor as u64).pow(left)) };
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let v = *limb * multiplier + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
        left -= times;
    }
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut digits = Vec::with_capacity(limbs.len() * 9);
    for (i, limb) in limbs.iter().rev().enumerate() {
        let mut chunk = [0u8; 9];
        let mut v = *limb;
        for d in chunk.iter_mut().rev() {
            *d = (v % 10) as u8;
            v /= 10;
        }
        // The top limb has no leading zeros.
        let start = if i == 0 { chunk.iter().position(|&d| d != 0).unwrap_or(8) } else { 0 };
        digits.extend_from_slice(&chunk[start..]);
    }
    let point = digits.len() as i32 - shift;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

/// The integer nearest to 0.d₁d₂… × 10^point (ties to even), as decimal text.
fn rounded_integer(digits: &[u8], point: i32) -> String {
    let kept = point.max(0) as usize;
    let mut int: Vec<u8> = (0..kept).map(|i| digits.get(i).copied().unwrap_or(0)).collect();
    // What is dropped, compared with one half of the last kept place.
    let dropped: &[u8] = if point < 0 { &[] } else { digits.get(kept..).unwrap_or(&[]) };
    let round_up = match dropped.first() {
        _ if point < 0 => false,
        Some(&d) if d > 5 => true,
        Some(&5) => dropped[1..].iter().any(|&d| d != 0) || int.last().is_some_and(|d| d % 2 == 1),
        _ => false,
    };
    if round_up {
        add_one(&mut int);
    }
    let text: String = int.iter().map(|d| char::from(b'0' + d)).collect();
    let text = text.trim_start_matches('0');
    if text.is_empty() {
        "0".into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Doubles of every kind: any bit pattern, small integers, halves and quarters (exact ties),
    /// and the edges.
    fn doubles() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<u64>().prop_map(f64::from_bits),
            (-100_000i64..100_000, 0u32..12).prop_map(|(n, k)| n as f64 / f64::from(1u32 << k)),
            (-1_000_000_000i64..1_000_000_000, 0i32..20).prop_map(|(n, k)| n as f64 / 10f64.powi(k)),
            (-1e6f64..1e6),
            Just(0.0),
            Just(-0.0),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(5e-324),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn every_form_is_cores(x in doubles(), decimals in 0usize..18) {
            prop_assert_eq!(debug(x), format!("{x:?}"));
            prop_assert_eq!(display(x), format!("{x}"));
            prop_assert_eq!(lower_exp(x), format!("{x:e}"));
            prop_assert_eq!(fixed(x, decimals), format!("{x:.decimals$}"));
            prop_assert_eq!(exponential(x, decimals), format!("{x:.decimals$e}"));
        }
    }

    #[test]
    fn ties_go_to_even_like_core() {
        for (x, d, want) in [(0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (3.5, 0, "4"), (-0.5, 0, "-0"), (0.5, 0, "0")] {
            assert_eq!(fixed(x, d), want, "{x}");
        }
        assert_eq!(exponential(9.9996, 3), "1.000e1");
        assert_eq!(fixed(9.96, 1), "10.0");
        assert_eq!(shortest_digits(1250.0), ("125".to_string(), 3));
        assert_eq!(shortest_digits(0.05), ("5".to_string(), -2));
        // An engine that ends a tie on the lower digit is corrected to core::fmt's upper one.
        let x = 165_793_407_361_858.0 + 0.125; // exactly: the ulp here is 1/32
        assert_eq!(ties_up(x, "16579340736185812".into(), 14), ("16579340736185813".into(), 14));
        assert_eq!(ties_up(x, "16579340736185813".into(), 14), ("16579340736185813".into(), 14));
    }
}
