//! Numbers as the page contract writes them: decimal with optional sign, fraction and exponent.
//!
//! Rust's `f64::from_str` also accepts `inf`, `NaN` and `infinity`; the contract does not, so the grammar
//! is checked first and the conversion second ([`decimal_value`]). Values that overflow `f64` (`1e400`)
//! are rejected too.
//!
//! Links stay strict ([`parse_number`]: ASCII only, as the page contract says). What a reader types
//! into a cell may be typeset text copied from a page, so [`parse_typed_number`] first rewrites it
//! into that grammar: typographic minus signs become `-`, and spaces may surround the number, follow
//! its sign and separate groups of three digits.

use crate::engine::decimal_to_f64;
use std::fmt;

/// Longest number text accepted; longer input is certainly not a hand-typed value.
pub const MAX_NUMBER_LEN: usize = 64;

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing but whitespace.
    Empty,
    /// Longer than [`MAX_NUMBER_LEN`] characters.
    TooLong,
    /// Not of the form `-1.5e-3`; holds the offending text.
    NotANumber(String),
    /// A valid decimal whose magnitude does not fit in an `f64`.
    Overflow(String),
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => write!(f, "an entry is empty"),
            NumberError::TooLong => write!(f, "an entry is longer than {MAX_NUMBER_LEN} characters"),
            NumberError::NotANumber(t) => {
                write!(f, "“{}” is not a number (write decimals like -1.5 or 2e-3)", clip(t))
            }
            NumberError::Overflow(t) => write!(f, "“{}” is too large for a 64-bit float", clip(t)),
        }
    }
}

/// Shortens text quoted back to the reader so a pasted essay does not fill the message.
fn clip(text: &str) -> String {
    const KEEP: usize = 24;
    if text.chars().count() <= KEEP {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(KEEP).collect::<String>())
    }
}

/// Parses one number of the contract's grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
/// Surrounding whitespace is allowed. The result is always finite.
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    if t.len() > MAX_NUMBER_LEN {
        return Err(NumberError::TooLong);
    }
    if !matches_grammar(t.as_bytes()) {
        return Err(NumberError::NotANumber(t.to_string()));
    }
    let value = decimal_value(t);
    if value.is_finite() {
        // Normalise -0 to 0 so that printing and comparing never show a stray minus sign.
        Ok(if value == 0.0 { 0.0 } else { value })
    } else {
        Err(NumberError::Overflow(t.to_string()))
    }
}

/// Minus signs that typeset text uses instead of `-`: U+2212 MINUS SIGN (what this site prints), the en
/// dash and figure dash that word processors substitute, and the small and full-width hyphen-minus.
pub const MINUS_SIGNS: [char; 5] = ['\u{2212}', '\u{2013}', '\u{2012}', '\u{FE63}', '\u{FF0D}'];

/// Characters copied along with text that are not there to the reader: zero-width space, word joiner
/// and the byte-order mark.
pub const INVISIBLE: [char; 3] = ['\u{200B}', '\u{2060}', '\u{FEFF}'];

/// Whether `c` is a space that typesetting puts between groups of digits (`1 000 000`): no-break,
/// narrow no-break, thin, figure and punctuation spaces. An ordinary space is not one of them: in a
/// cell it separates entries (`1 2` is a row of two numbers, not twelve).
pub fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' | '\u{2008}')
}

/// Rewrites typeset number text into the contract's ASCII form, everywhere in `text`: minus signs
/// become `-`, invisible characters go, and a group space between a digit and exactly three digits
/// (then no further digit) is removed. Other characters are kept as they are.
pub fn normalise_typed(text: &str) -> String {
    let chars: Vec<char> =
        text.chars().filter(|c| !INVISIBLE.contains(c)).map(|c| if MINUS_SIGNS.contains(&c) { '-' } else { c }).collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_group_space(c) && i > 0 && chars[i - 1].is_ascii_digit() {
            let group = chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if group == 3 {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Parses a number as a reader types or pastes it into a cell: the contract's grammar after
/// [`normalise_typed`], with any whitespace (also no-break and thin spaces) around it and between its
/// sign and its digits (`− 5`, `1 000`, `−2.5e−3`). The result is always finite.
pub fn parse_typed_number(text: &str) -> Result<f64, NumberError> {
    let t = normalise_typed(text);
    let t = t.trim();
    let t = match t.strip_prefix(['-', '+']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => format!("{}{}", &t[..1], rest.trim_start()),
        _ => t.to_string(),
    };
    parse_number(&t)
}

fn matches_grammar(s: &[u8]) -> bool {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_digits = count_digits(&s[i..]);
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = count_digits(&s[i..]);
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = count_digits(&s[i..]);
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == s.len()
}

/// The `f64` nearest to a decimal text of the contract's grammar (checked by the caller; JSON's
/// numbers are a subset), infinite when it overflows.
///
/// Most numbers people type or a page prints have at most 15 significant digits and a small exponent:
/// then the digits and the power of ten are both exact doubles and one division or multiplication
/// rounds correctly (Clinger's fast path). The rest go to [`decimal_to_f64`], a full conversion (in the
/// browser the JavaScript engine's, so that the module does not carry Rust's 10 KB table of powers of
/// five; natively `str::parse`).
pub fn decimal_value(text: &str) -> f64 {
    /// The powers of ten that are exact doubles.
    const EXACT_POWERS: [f64; 23] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut digits: u64 = 0;
    let mut scale: i64 = 0;
    let mut fraction = false;
    let mut at = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                if digits >= 1 << 53 {
                    return decimal_to_f64(text);
                }
                digits = digits * 10 + u64::from(b - b'0');
                if fraction {
                    scale -= 1;
                }
            }
            b'.' => fraction = true,
            _ => break,
        }
        at += 1;
    }
    if digits > 1 << 53 {
        return decimal_to_f64(text);
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        let exponent = &text[at + 1..];
        let (sign, magnitude) = match exponent.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, exponent.trim_start_matches('+')),
        };
        // More than 18 digits of exponent: beyond any double either way.
        let Ok(magnitude) = magnitude.parse::<i64>() else { return decimal_to_f64(text) };
        scale += sign * magnitude;
    }
    let magnitude = if digits == 0 {
        0.0
    } else if (0..=22).contains(&scale) {
        digits as f64 * EXACT_POWERS[scale as usize]
    } else if (-22..0).contains(&scale) {
        digits as f64 / EXACT_POWERS[-scale as usize]
    } else {
        return decimal_to_f64(text);
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

fn count_digits(s: &[u8]) -> usize {
    s.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Prints a number in the shortest form that parses back to the same `f64` (`3`, `-0.25`, `1e-300`).
pub fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        // Rust's shortest round-trip form (`{:?}`), switching to exponents for very large/small values.
        crate::decimal::debug(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_contract_grammar() {
        for (text, want) in [("3", 3.0), ("-1.5e-3", -1.5e-3), (" +2 ", 2.0), (".5", 0.5), ("5.", 5.0), ("1E3", 1000.0), ("-0", 0.0)] {
            assert_eq!(parse_number(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for text in ["NaN", "inf", "-infinity", "1/2", "0x10", "1e", "e5", ".", "-", "1,5", "١", "1 2", "--1"] {
            assert!(matches!(parse_number(text), Err(NumberError::NotANumber(_))), "{text}");
        }
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
        assert!(matches!(parse_number("1e400"), Err(NumberError::Overflow(_))));
        assert_eq!(parse_number(&"1".repeat(65)), Err(NumberError::TooLong));
    }

    #[test]
    fn typed_numbers_accept_typeset_minus_signs_and_spaces() {
        for (text, want) in [
            ("\u{2212}5", -5.0),
            ("\u{2013}5", -5.0),
            ("\u{2212} 5", -5.0),
            ("\u{a0}\u{2212}\u{2009}2.5\u{a0}", -2.5),
            ("1\u{2009}000", 1000.0),
            ("\u{2212}1\u{202f}234\u{a0}567.5", -1_234_567.5),
            ("2e\u{2212}3", 2e-3),
            ("\u{200b}7\u{feff}", 7.0),
            ("+ 4", 4.0),
            ("-5", -5.0),
        ] {
            assert_eq!(parse_typed_number(text), Ok(want), "{text:?}");
        }
        // Still one number: a group space needs three digits after it, and an ordinary space separates.
        for text in ["1\u{2009}00", "1\u{a0}0000", "1 2", "1 000", "\u{2212}\u{2212}1", "5\u{2212}", "NaN", "\u{2212}inf"] {
            assert!(parse_typed_number(text).is_err(), "{text:?}");
        }
        // Links stay strict.
        assert!(parse_number("\u{2212}5").is_err());
        assert!(parse_number("1\u{2009}000").is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The fast path and the fallback agree with Rust's correctly rounded conversion on texts of
        /// every shape: short and long digit strings, leading and trailing zeros, any exponent.
        #[test]
        fn decimal_value_is_correctly_rounded(
            sign in "[+-]?", whole in "[0-9]{0,20}", point in proptest::bool::ANY, fraction in "[0-9]{0,20}",
            exponent in proptest::option::of(-400i32..400),
        ) {
            let digits = if whole.is_empty() && (!point || fraction.is_empty()) { "0".to_string() } else { whole.clone() };
            let mut text = format!("{sign}{digits}");
            if point {
                text = format!("{text}.{fraction}");
            }
            if let Some(e) = exponent {
                text = format!("{text}e{e}");
            }
            proptest::prop_assert!(matches_grammar(text.as_bytes()), "{}", text);
            let ours = decimal_value(&text);
            let theirs: f64 = text.parse().unwrap();
            proptest::prop_assert_eq!(ours.to_bits(), theirs.to_bits(), "{}", text);
        }

        /// Doubles printed with 17 significant digits (the hardest to round) read back exactly.
        #[test]
        fn decimal_value_reads_printed_doubles(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL) {
            for text in [format!("{x:e}"), format!("{x:.16e}"), format!("{x:?}")] {
                proptest::prop_assert_eq!(decimal_value(&text).to_bits(), x.to_bits(), "{}", text);
            }
        }
        #[test]
        fn typed_numbers_read_what_the_site_prints(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
            // The site prints U+2212; a reader copying it back gets the same value.
            let printed = format_number(x).replace('-', "\u{2212}");
            proptest::prop_assert_eq!(parse_typed_number(&printed), Ok(if x == 0.0 { 0.0 } else { x }));
        }

        #[test]
        fn typed_numbers_never_panic(text in "\\PC{0,40}") {
            let _ = parse_typed_number(&text);
            let _ = normalise_typed(&text);
        }
    }

    #[test]
    fn formats_shortest_round_trip() {
        assert_eq!(format_number(22.0), "22");
        assert_eq!(format_number(-0.25), "-0.25");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_number(1e-300), "1e-300");
        assert_eq!(format_number(1e20), "1e20");
    }
}
