//! The page's look from two generic URL parameters that every chapter accepts: `theme=light|dark|auto`
//! and `accent=<hex colour>`, so that an embedded figure can match its host page. They are not chapter
//! inputs: a bad value is reported by name and ignored, and the chapter state is kept.

/// The URL parameter (and element attribute) that picks the colour theme.
pub const THEME_PARAM: &str = "theme";
/// The URL parameter (and element attribute) that sets the accent colour.
pub const ACCENT_PARAM: &str = "accent";

/// Longest piece of a rejected value quoted back in a message.
const QUOTE_LIMIT: usize = 24;

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light colours whatever the system says.
    Light,
    /// Dark colours whatever the system says.
    Dark,
    /// Follow the system's `prefers-color-scheme` (the default).
    Auto,
}

impl Theme {
    /// All themes in the order a picker lists them.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The value as written in URLs, attributes and storage.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::Auto => "System",
        }
    }

    /// Parses `light`, `dark` or `auto` (ASCII case and surrounding spaces are forgiven).
    pub fn parse(text: &str) -> Result<Theme, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            "auto" => Ok(Theme::Auto),
            _ => Err(format!("“{}” is not light, dark or auto", quote(text))),
        }
    }
}

/// Parses an accent colour: 3 or 6 hex digits, with or without a leading `#` (`0a7`, `#00aa77`).
/// Returns the canonical form: `#` and 6 lower-case digits.
pub fn parse_accent(text: &str) -> Result<String, String> {
    let digits = text.trim();
    let digits = digits.strip_prefix('#').unwrap_or(digits);
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) || !(digits.len() == 3 || digits.len() == 6) {
        return Err(format!("“{}” is not a hex colour like 0a7 or 00aa77", quote(text)));
    }
    let lower = digits.to_ascii_lowercase();
    let full: String = if lower.len() == 3 { lower.chars().flat_map(|c| [c, c]).collect() } else { lower };
    Ok(format!("#{full}"))
}

/// At most [`QUOTE_LIMIT`] characters of a rejected value, for a message (shown as text only).
fn quote(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTE_LIMIT).collect();
    if text.chars().count() > QUOTE_LIMIT {
        out.push('…');
    }
    out
}

/// The look a link (or an element's attributes) asks for, and what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Look {
    /// The theme asked for; `None` leaves the choice to the site (the reader's saved choice or the system).
    pub theme: Option<Theme>,
    /// The accent colour asked for, as `#rrggbb`.
    pub accent: Option<String>,
    /// One sentence per rejected parameter, naming it.
    pub problems: Vec<String>,
}

impl Look {
    /// Reads `theme` and `accent` from decoded URL parameters; other parameters are not its business.
    /// When a parameter is repeated, the last valid value wins.
    pub fn from_params(params: &[(String, String)]) -> Look {
        let mut look = Look::default();
        for (key, value) in params {
            if key == THEME_PARAM {
                look.set_theme(value);
            } else if key == ACCENT_PARAM {
                look.set_accent(value);
            }
        }
        look
    }

    /// Sets the theme from text, or records why it cannot.
    pub fn set_theme(&mut self, text: &str) {
        match Theme::parse(text) {
            Ok(theme) => self.theme = Some(theme),
            Err(why) => self.problems.push(format!("Parameter {THEME_PARAM}: {why}; it was ignored.")),
        }
    }

    /// Sets the accent from text, or records why it cannot.
    pub fn set_accent(&mut self, text: &str) {
        match parse_accent(text) {
            Ok(accent) => self.accent = Some(accent),
            Err(why) => self.problems.push(format!("Parameter {ACCENT_PARAM}: {why}; it was ignored.")),
        }
    }

    /// The valid parameters as they go back into a URL (the accent without its `#`).
    pub fn params(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(theme) = self.theme {
            out.push((THEME_PARAM.to_string(), theme.name().to_string()));
        }
        if let Some(accent) = &self.accent {
            out.push((ACCENT_PARAM.to_string(), accent.trim_start_matches('#').to_string()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn themes_parse_and_print() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.name()), Ok(theme));
        }
        assert_eq!(Theme::parse(" DARK "), Ok(Theme::Dark));
        assert!(Theme::parse("blue").unwrap_err().contains("“blue”"));
        assert!(Theme::parse("").is_err());
    }

    #[test]
    fn accents_are_three_or_six_hex_digits() {
        assert_eq!(parse_accent("0a7").as_deref(), Ok("#00aa77"));
        assert_eq!(parse_accent("#00AA77").as_deref(), Ok("#00aa77"));
        assert_eq!(parse_accent("123456").as_deref(), Ok("#123456"));
        for bad in ["", "#", "12", "1234", "12345g", "red", "#0a7;x", "0a7 0a7", "１２３"] {
            assert!(parse_accent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_values_are_named_and_ignored_good_ones_kept() {
        let look = Look::from_params(&params(&[("A", "1,2;3,4"), ("theme", "dark"), ("accent", "<script>"), ("theme", "neon")]));
        assert_eq!(look.theme, Some(Theme::Dark));
        assert_eq!(look.accent, None);
        assert_eq!(look.problems.len(), 2);
        assert!(look.problems[0].starts_with("Parameter accent:") && look.problems[0].contains("ignored"));
        assert!(look.problems[1].starts_with("Parameter theme:"));
        assert_eq!(look.params(), params(&[("theme", "dark")]));
        let look = Look::from_params(&params(&[("accent", "0a7")]));
        assert_eq!(look.params(), params(&[("accent", "00aa77")]));
        assert_eq!(Look::from_params(&[]), Look::default());
    }

    #[test]
    fn long_rejected_values_are_quoted_short() {
        let long = "x".repeat(500);
        let why = parse_accent(&long).unwrap_err();
        assert!(why.chars().count() < 80, "{why}");
    }

    /// The custom properties declared in the block that follows `opening` in the stylesheet.
    fn declarations(css: &str, opening: &str) -> Vec<(String, String)> {
        let start = css.find(opening).unwrap_or_else(|| panic!("no {opening} in style.css")) + opening.len();
        let block = &css[start..start + css[start..].find('}').unwrap()];
        let mut out: Vec<(String, String)> = block
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .filter(|(k, _)| k.starts_with("--"))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_explicit_themes_repeat_the_stylesheets_colours_exactly() {
        let css = include_str!("../static/style.css");
        let system_dark = declarations(css, "@media (prefers-color-scheme: dark) {\n  :root, :host {");
        assert!(system_dark.len() > 10);
        assert_eq!(declarations(css, "[data-theme=\"dark\"] {"), system_dark, "theme=dark differs from the system dark theme");
        let light: Vec<(String, String)> =
            declarations(css, "\n:root, :host {").into_iter().filter(|(k, _)| system_dark.iter().any(|(d, _)| d == k)).collect();
        assert_eq!(declarations(css, "[data-theme=\"light\"] {"), light, "theme=light differs from the light theme");
    }

    proptest! {
        #[test]
        fn any_text_is_either_a_canonical_accent_or_a_message(text in "\\PC{0,12}") {
            match parse_accent(&text) {
                Ok(c) => prop_assert!(c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())),
                Err(why) => prop_assert!(!why.is_empty()),
            }
        }
    }
}
