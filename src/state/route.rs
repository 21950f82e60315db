//! The URL hash: `#/<slug>?A=3,7;5,2&v=1,0` ⇄ a [`Route`].

use crate::state::parts::{Parts, SHOW_PARAM};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// Hash texts longer than this are refused whole: no chapter state needs more.
pub const MAX_HASH_LEN: usize = 4096;

/// Characters escaped when writing a parameter value. The contract's own characters (`, ; - . + e`)
/// stay readable so that a shared link shows the matrix.
const VALUE_ESCAPES: &AsciiSet = &CONTROLS.add(b' ').add(b'#').add(b'&').add(b'%').add(b'?').add(b'=').add(b'"').add(b'<').add(b'>');

/// The URL parameter that turns on the embed mode (`embed=1`): only the figure, its controls and
/// readouts, for an iframe on another site.
pub const EMBED_PARAM: &str = "embed";

/// Where the hash points.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// The syllabus (`#/` or no hash).
    Landing,
    /// A chapter page.
    Chapter(ChapterLink),
}

/// A link to a chapter: its slug, its raw (decoded, not yet validated) parameters in URL order, what
/// could not be decoded, and whether it asks for the embed mode.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterLink {
    /// The route slug, e.g. `svd`.
    pub slug: String,
    /// The parameters in URL order (`embed` among them).
    pub params: Vec<(String, String)>,
    /// What could not be decoded, one sentence each.
    pub problems: Vec<String>,
    /// `embed=1` is among the parameters.
    pub embed: bool,
    /// The parts `show=` asks for (none when the link has no valid `show=`).
    pub show: Option<Parts>,
}

impl ChapterLink {
    /// A link with these decoded parameters and no problems.
    pub fn new(slug: &str, params: Vec<(String, String)>) -> ChapterLink {
        let embed = params.iter().any(|(k, v)| k == EMBED_PARAM && v == "1");
        let mut problems = Vec::new();
        let show = params.iter().rev().find(|(k, _)| k == SHOW_PARAM).and_then(|(_, v)| match Parts::parse(v) {
            Ok(parts) => Some(parts),
            Err(why) => {
                problems.push(format!("{why}; the usual parts are shown."));
                None
            }
        });
        ChapterLink { slug: slug.to_string(), params, problems, embed, show }
    }
}

/// Splits a location hash into a route. Never fails: what cannot be decoded becomes a `problem`
/// that the page shows in its URL alert.
pub fn parse_hash(hash: &str) -> Route {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let body = body.strip_prefix('/').unwrap_or(body);
    let (path, query) = body.split_once('?').unwrap_or((body, ""));
    let slug = decode(path).unwrap_or_default().trim_end_matches('/').to_string();
    if slug.is_empty() {
        return Route::Landing;
    }
    let mut problems = Vec::new();
    let mut params = Vec::new();
    if hash.len() > MAX_HASH_LEN {
        problems.push(format!("the link is {} characters long (at most {MAX_HASH_LEN}); its state was ignored", hash.len()));
    } else {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (decode(key), decode(value)) {
                (Some(k), Some(v)) => params.push((k, v)),
                _ => problems.push("a parameter has malformed %-encoding; it was ignored".to_string()),
            }
        }
    }
    let mut link = ChapterLink::new(&slug, params);
    problems.append(&mut link.problems);
    Route::Chapter(ChapterLink { problems, ..link })
}

/// Builds `#/<slug>?k=v&…` from already formatted parameter values.
pub fn build_hash(slug: &str, params: &[(String, String)]) -> String {
    let mut out = format!("#/{slug}");
    for (i, (k, v)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&utf8_percent_encode(k, VALUE_ESCAPES).to_string());
        out.push('=');
        out.push_str(&utf8_percent_encode(v, VALUE_ESCAPES).to_string());
    }
    out
}

/// Strict %-decoding: a `%` not followed by two hex digits, or bytes that are not UTF-8, give `None`.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
            return None;
        }
    }
    percent_decode_str(text).decode_utf8().ok().map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chapter(slug: &str, params: &[(&str, &str)]) -> Route {
        Route::Chapter(ChapterLink::new(slug, params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()))
    }

    #[test]
    fn parses_landing_and_chapters() {
        assert_eq!(parse_hash(""), Route::Landing);
        assert_eq!(parse_hash("#/"), Route::Landing);
        assert_eq!(parse_hash("#/svd"), chapter("svd", &[]));
        assert_eq!(parse_hash("#/svd?A=3,7;5,2&v=1,0"), chapter("svd", &[("A", "3,7;5,2"), ("v", "1,0")]));
        assert_eq!(parse_hash("#/svd?A=3%2C7%3B5%2C2"), chapter("svd", &[("A", "3,7;5,2")]));
        assert_eq!(parse_hash("#/svd?A=%201,%202"), chapter("svd", &[("A", " 1, 2")]));
        let Route::Chapter(link) = parse_hash("#/svd?embed=1") else { panic!() };
        assert!(link.embed);
        let Route::Chapter(link) = parse_hash("#/svd?embed=yes") else { panic!() };
        assert!(!link.embed);
    }

    #[test]
    fn show_names_the_parts_and_a_bad_list_is_a_problem() {
        let Route::Chapter(link) = parse_hash("#/svd?embed=1&show=figure,code") else { panic!() };
        assert_eq!(link.show.map(|s| s.to_param()).as_deref(), Some("figure,code"));
        assert!(link.problems.is_empty());
        let Route::Chapter(link) = parse_hash("#/svd?show=figure,chart&A=%zz") else { panic!() };
        assert_eq!(link.show, None);
        assert_eq!(link.problems.len(), 2, "{:?}", link.problems);
        assert!(link.problems[1].contains("no part called “chart”") && link.problems[1].ends_with("the usual parts are shown."));
    }

    #[test]
    fn malformed_input_becomes_a_problem_not_a_panic() {
        let Route::Chapter(ChapterLink { params, problems, .. }) = parse_hash("#/svd?A=%zz&v=%E2%28") else { panic!() };
        assert!(params.is_empty());
        assert_eq!(problems.len(), 2);
        let long = format!("#/svd?A={}", "1,".repeat(3000));
        let Route::Chapter(ChapterLink { params, problems, .. }) = parse_hash(&long) else { panic!() };
        assert!(params.is_empty() && problems[0].contains("characters long"));
    }

    proptest! {
        #[test]
        fn build_then_parse_is_identity(slug in "[a-z-]{1,20}",
                                        params in proptest::collection::vec(("[A-Za-z]{1,3}", "\\PC{0,30}"), 0..5)) {
            let hash = build_hash(&slug, &params);
            let want = Route::Chapter(ChapterLink::new(&slug, params.into_iter().filter(|(k, _)| !k.is_empty()).collect()));
            prop_assert_eq!(parse_hash(&hash), want);
        }

        #[test]
        fn parsing_never_panics(hash in "\\PC{0,200}") {
            let _ = parse_hash(&hash);
        }
    }
}
