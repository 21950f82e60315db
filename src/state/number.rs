//! Numbers as the page contract writes them: decimal with optional sign, fraction and exponent.
//!
//! Rust's `f64::from_str` also accepts `inf`, `NaN` and `infinity`; the contract does not, so the grammar
//! is checked first and the conversion second. Values that overflow `f64` (`1e400`) are rejected too.

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
    let value: f64 = t.parse().map_err(|_| NumberError::NotANumber(t.to_string()))?;
    if value.is_finite() {
        // Normalise -0 to 0 so that printing and comparing never show a stray minus sign.
        Ok(if value == 0.0 { 0.0 } else { value })
    } else {
        Err(NumberError::Overflow(t.to_string()))
    }
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

fn count_digits(s: &[u8]) -> usize {
    s.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Prints a number in the shortest form that parses back to the same `f64` (`3`, `-0.25`, `1e-300`).
pub fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        // `{:?}` is Rust's shortest round-trip form, switching to exponents for very large/small values.
        format!("{x:?}")
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
    fn formats_shortest_round_trip() {
        assert_eq!(format_number(22.0), "22");
        assert_eq!(format_number(-0.25), "-0.25");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_number(1e-300), "1e-300");
        assert_eq!(format_number(1e20), "1e20");
    }
}
