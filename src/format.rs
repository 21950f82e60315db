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
        let s = trim_zeros(&format!("{x:.4}"));
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

/// Like [`display_tuple`] for a vector computed from data: entries within rounding of 0 next to its
/// largest entry show as 0 ([`display_at_scale`]), so "(6.661e-16, 3)" reads "(0, 3)".
pub fn display_tuple_clean(v: &[f64]) -> String {
    let scale = v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    format!("({})", v.iter().map(|&x| display_at_scale(x, scale)).collect::<Vec<_>>().join(", "))
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
        (false, false) if a[1] < 0.0 => format!("{} − {}", term(a[0], "x"), term(-a[1], "y")),
        (false, false) => format!("{} + {}", term(a[0], "x"), term(a[1], "y")),
        (false, true) => term(a[0], "x"),
        (true, false) => term(a[1], "y"),
        (true, true) => "0".to_string(),
    };
    format!("{left} = {}", display_number(b))
}

/// `n` in subscript digits, for labels like a₁, λ₁₂, σₖ: `subscript(12)` is "₁₂".
pub fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x2080 + d)).unwrap_or(c)).collect()
}

/// `n` in superscript digits, for spaces like ℝ³: `superscript(12)` is "¹²".
pub fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            d => d.to_digit(10).and_then(|d| char::from_u32(0x2070 + d)).unwrap_or(d),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
