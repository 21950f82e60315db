//! Text for people: numbers and matrices rounded, with a true minus sign (exact values go to JSON),
//! row equations, and HTML escaping.

use nalgebra::DMatrix;

/// Rounds for display: integers stay integers, others keep up to 4 decimals (trailing zeros dropped),
/// very large or small magnitudes use an exponent (`1.5e-9`). Uses U+2212 for a number's minus sign.
pub fn display_number(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e9).contains(&a) {
        let s = format!("{x:.3e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        format!("{}e{}", trim_zeros(mantissa).replace('-', "−"), exp)
    } else {
        // The shortest text that reads back as x, when it has at most 4 decimals, is x rounded to 4
        // decimals already (below 1e9 x is far nearer to it than to any other 4-decimal number), and
        // it is much cheaper to find than an exact rounding.
        let shortest = x.to_string();
        let s = if shortest.split_once('.').is_none_or(|(_, decimals)| decimals.len() <= 4) {
            shortest
        } else {
            trim_zeros(&format!("{x:.4}"))
        };
        if s == "-0" {
            "0".to_string()
        } else {
            s.replace('-', "−")
        }
    }
}

/// Like [`display_number`], for a value computed from data whose magnitude is about `scale` (the
/// largest entry, say): a value within rounding of 0 at that scale (|x| ≤ 64 ε · scale) shows as 0,
/// so a sentence never says "b = 6.661e-16·u + 3·v". The exact value still goes to `data-value`.
pub fn display_at_scale(x: f64, scale: f64) -> String {
    if x.abs() <= 64.0 * f64::EPSILON * scale.abs() {
        "0".to_string()
    } else {
        display_number(x)
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `(2, 6)`: a vector for prose and labels.
pub fn display_tuple(v: &[f64]) -> String {
    format!("({})", v.iter().map(|&x| display_number(x)).collect::<Vec<_>>().join(", "))
}

/// `(2, 0)`: a vector for prose and labels, entries within rounding of 0 at `scale` shown as 0 (see
/// [`display_at_scale`]).
pub fn display_tuple_at_scale(v: &[f64], scale: f64) -> String {
    format!("({})", v.iter().map(|&x| display_at_scale(x, scale)).collect::<Vec<_>>().join(", "))
}

/// Like [`display_tuple`] for a vector computed from data: entries within rounding of 0 next to its
/// largest entry show as 0, so "(6.661e-16, 3)" reads "(0, 3)".
pub fn display_tuple_clean(v: &[f64]) -> String {
    display_tuple_at_scale(v, v.iter().fold(0.0_f64, |m, x| m.max(x.abs())))
}

/// The rows of a matrix as nested vectors (row-major), for JSON and tables.
pub fn matrix_rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter().map(|r| r.iter().copied().collect()).collect()
}

/// The entries of a vector stored as a column (or row) matrix.
pub fn vector_entries(v: &DMatrix<f64>) -> Vec<f64> {
    v.iter().copied().collect()
}

/// `3×2`: a shape for prose.
pub fn display_shape(m: &DMatrix<f64>) -> String {
    format!("{}×{}", m.nrows(), m.ncols())
}

/// Escapes text for an HTML attribute value in double quotes, or for element content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A row equation `a·(x, y) = b` as people write it: "2x − y = 0", "y = 3", "0 = 2" for a zero row.
pub fn equation(a: [f64; 2], b: f64) -> String {
    equation_in(a, b, ["x", "y"])
}

/// [`equation`] in other unknowns: `equation_in([1, 2], 5, ["w₁", "w₂"])` is "w₁ + 2w₂ = 5".
pub fn equation_in(a: [f64; 2], b: f64, [x, y]: [&str; 2]) -> String {
    let term = |c: f64, var: &str| {
        if c == 1.0 {
            var.to_string()
        } else if c == -1.0 {
            format!("−{var}")
        } else {
            format!("{}{var}", display_number(c))
        }
    };
    let left = match (a[0] == 0.0, a[1] == 0.0) {
        (false, false) if a[1] < 0.0 => format!("{} − {}", term(a[0], x), term(-a[1], y)),
        (false, false) => format!("{} + {}", term(a[0], x), term(a[1], y)),
        (false, true) => term(a[0], x),
        (true, false) => term(a[1], y),
        (true, true) => "0".to_string(),
    };
    format!("{left} = {}", display_number(b))
}

/// `n` in subscript digits, for labels like a₁, λ₁₂, σₖ: `subscript(12)` is "₁₂".
pub fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x2080 + d)).unwrap_or(c)).collect()
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let bytes = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(bytes[0]) << 16) | (u32::from(bytes[1]) << 8) | u32::from(bytes[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `n` in superscript digits with a true minus sign, for powers like 10⁻⁴⁰⁰: `superscript(-12)` is "⁻¹²".
pub fn superscript(n: i64) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = n.unsigned_abs().to_string().chars().filter_map(|c| c.to_digit(10).map(|d| DIGITS[d as usize])).collect();
    if n < 0 {
        format!("⁻{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuples_at_a_scale_hide_rounding_noise() {
        assert_eq!(display_tuple_at_scale(&[0.5, 2e-17, -0.25], 1.0), "(0.5, 0, −0.25)");
    }

    #[test]
    fn superscripts_are_digits() {
        assert_eq!(superscript(2), "²");
        assert_eq!(superscript(10), "¹⁰");
    }

    #[test]
    fn values_within_rounding_of_zero_show_as_zero() {
        assert_eq!(display_at_scale(6.661e-16, 6.0), "0");
        assert_eq!(display_at_scale(-1e-12, 6.0), "−1e-12");
        assert_eq!(display_tuple_clean(&[6.661e-16, 3.0]), "(0, 3)");
        assert_eq!(superscript(1230), "¹²³⁰");
        assert_eq!(display_tuple_clean(&[1e-20, 1e-19]), "(1e-20, 1e-19)");
        assert_eq!(display_at_scale(3.0, 6.0), "3");
        assert_eq!(display_at_scale(0.0, 0.0), "0");
    }

    #[test]
    fn subscripts_are_digits() {
        assert_eq!(subscript(1), "₁");
        assert_eq!(subscript(120), "₁₂₀");
    }

    #[test]
    fn superscripts_and_equations_in_other_unknowns() {
        assert_eq!(superscript(-400), "⁻⁴⁰⁰");
        assert_eq!(superscript(12), "¹²");
        assert_eq!(superscript(0), "⁰");
        assert_eq!(equation_in([1.0, 2.0], 5.0, ["w₁", "w₂"]), "w₁ + 2w₂ = 5");
        assert_eq!(equation_in([-1.0, -0.5], -2.0, ["w₁", "w₂"]), "−w₁ − 0.5w₂ = −2");
        assert_eq!(equation([2.0, -1.0], 0.0), "2x − y = 0");
    }

    #[test]
    fn rounds_for_people() {
        assert_eq!(display_number(22.0), "22");
        assert_eq!(display_number(-0.25), "−0.25");
        assert_eq!(display_number(2.0 / 3.0), "0.6667");
        assert_eq!(display_number(-1e-9), "−1e-9");
        assert_eq!(display_number(1.5e300), "1.5e300");
        assert_eq!(display_number(-0.00001 * 0.0), "0");
        assert_eq!(display_tuple(&[2.0, -6.0]), "(2, −6)");
    }
}
