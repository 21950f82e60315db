//! The texts of the share dialog: the link to the current state, the iframe snippet (the one
//! docs/embedding.md documents) and the `<linalg-figure>` snippet. Pure string building; every value
//! that goes into markup is escaped, and the browser shows the results only as text.

use crate::format::escape_html;
use crate::state::parts::{Part, Parts, SHOW_PARAM};
use crate::state::route::{build_hash, EMBED_PARAM};
use crate::theme::{Look, ACCENT_PARAM, THEME_PARAM};

/// The custom element's script, next to index.html.
pub const ELEMENT_SCRIPT: &str = "linalg-figure.js";
/// The custom element's tag name.
pub const ELEMENT_TAG: &str = "linalg-figure";

/// The page's address without its hash, e.g. `https://host/linalg-live/index.html`.
pub fn page_url(href: &str) -> &str {
    href.split('#').next().unwrap_or(href)
}

/// The site's folder: the page address up to its last `/`, without query or hash.
pub fn site_dir(href: &str) -> &str {
    let page = page_url(href);
    let page = page.split('?').next().unwrap_or(page);
    // Past the scheme's `//`, so that `https://host` (no path) gives itself plus nothing.
    let path_from = page.find("://").map_or(0, |i| i + 3);
    match page[path_from..].rfind('/') {
        Some(i) => &page[..path_from + i + 1],
        None => page,
    }
}

/// The origin of an address (`scheme://host[:port]`), as `MessageEvent.origin` reports it.
pub fn origin(href: &str) -> &str {
    let Some(scheme_end) = href.find("://") else { return "" };
    let rest = &href[scheme_end + 3..];
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &href[..scheme_end + 3 + host_len]
}

/// Escapes text for a double-quoted JavaScript string inside an HTML `<script>`.
fn escape_js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\x3c"),
            '>' => out.push_str("\\x3e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// The query of a hash built from `params` (`A=3,7;5,2&v=1,0`): the element's `state` attribute.
pub fn state_string(slug: &str, params: &[(String, String)]) -> String {
    let hash = build_hash(slug, params);
    hash.split_once('?').map(|(_, query)| query.to_string()).unwrap_or_default()
}

/// Everything the share dialog offers to copy, for one state of one chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    /// The absolute link to the chapter in this state.
    pub link: String,
    /// The iframe snippet with the height listener, as documented in docs/embedding.md.
    pub iframe: String,
    /// The custom element and its script include.
    pub element: String,
}

impl Snippets {
    /// Builds the snippets from the page's address (`location.href`), the chapter's number, title and
    /// slug, its state parameters, the look it was opened with and the parts the embeds show (`show=`
    /// only when they are not the embed's default; the element never shows the text).
    pub fn new(href: &str, number: &str, title: &str, slug: &str, state: &[(String, String)], look: &Look, parts: Parts) -> Snippets {
        let mut linked = state.to_vec();
        linked.extend(look.params());
        let link = format!("{}{}", page_url(href), build_hash(slug, &linked));
        let mut embedded = linked;
        embedded.push((EMBED_PARAM.to_string(), "1".to_string()));
        if parts != Parts::EMBED {
            embedded.push((SHOW_PARAM.to_string(), parts.to_param()));
        }
        let src = format!("{}{}", page_url(href), build_hash(slug, &embedded));
        let iframe = iframe_snippet(&src, &format!("{number} {title} (linalg-live)"), origin(href));
        let mut attributes = vec![("chapter", slug.to_string()), ("state", state_string(slug, state))];
        attributes.extend(look.theme.map(|t| (THEME_PARAM, t.name().to_string())));
        attributes.extend(look.accent.as_ref().map(|a| (ACCENT_PARAM, a.clone())));
        let element_parts = parts.without(Part::Text);
        if element_parts != Parts::EMBED {
            attributes.push((SHOW_PARAM, element_parts.to_param()));
        }
        let attributes: String = attributes.iter().map(|(k, v)| format!(" {k}=\"{}\"", escape_html(v))).collect();
        let element = format!(
            "<script type=\"module\" src=\"{}\"></script>\n<{ELEMENT_TAG}{attributes}></{ELEMENT_TAG}>\n",
            escape_html(&format!("{}{ELEMENT_SCRIPT}", site_dir(href)))
        );
        Snippets { link, iframe, element }
    }
}

/// The iframe and the few lines that let the figure set its own height (only messages from the
/// figure's origin and from that very iframe are believed).
fn iframe_snippet(src: &str, title: &str, origin: &str) -> String {
    format!(
        r#"<iframe src="{src}"
        title="{title}" loading="lazy"
        style="width: 100%; max-width: 720px; height: 900px; border: 0"></iframe>
<script>
  // The figure posts {{height: px}} to its parent whenever its height changes.
  addEventListener("message", (event) => {{
    if (event.origin !== "{origin}") return; // only the figure's own origin
    for (const frame of document.querySelectorAll("iframe")) {{
      if (frame.contentWindow === event.source && typeof event.data?.height === "number") {{
        frame.style.height = event.data.height + "px";
      }}
    }}
  }});
</script>
"#,
        src = escape_html(src),
        title = escape_html(title),
        origin = escape_js_string(origin),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapter::to_params;
    use crate::chapters::find;
    use crate::theme::Theme;
    use proptest::prelude::*;

    const HREF: &str = "https://YOUR-HOST/linalg-live/index.html#/multiplication?v=1,0";

    fn multiplication() -> Snippets {
        let info = find("multiplication").unwrap();
        let chapter = (info.build)();
        Snippets::new(HREF, info.number, info.title, info.slug, &to_params(chapter.as_ref()), &Look::default(), Parts::EMBED)
    }

    #[test]
    fn addresses_split_into_page_folder_and_origin() {
        assert_eq!(page_url(HREF), "https://YOUR-HOST/linalg-live/index.html");
        assert_eq!(site_dir(HREF), "https://YOUR-HOST/linalg-live/");
        assert_eq!(site_dir("http://127.0.0.1:8080/?x=/y#/svd"), "http://127.0.0.1:8080/");
        assert_eq!(site_dir("https://host"), "https://host");
        assert_eq!(origin(HREF), "https://YOUR-HOST");
        assert_eq!(origin("http://127.0.0.1:8080#/svd"), "http://127.0.0.1:8080");
        assert_eq!(origin("not a url"), "");
    }

    #[test]
    fn the_link_holds_the_whole_state_and_the_look() {
        let s = multiplication();
        assert_eq!(s.link, "https://YOUR-HOST/linalg-live/index.html#/multiplication?A=2,3;6,5&B=5,3;2,2&v=5,2&w=2,6");
        let look = Look { theme: Some(Theme::Dark), accent: Some("#00aa77".into()), problems: vec![] };
        let s = Snippets::new(HREF, "2.8", "SVD", "svd", &[("A".into(), "3,7;5,2".into())], &look, Parts::EMBED);
        assert_eq!(s.link, "https://YOUR-HOST/linalg-live/index.html#/svd?A=3,7;5,2&theme=dark&accent=00aa77");
        assert!(s.iframe.contains("#/svd?A=3,7;5,2&amp;theme=dark&amp;accent=00aa77&amp;embed=1\""), "{}", s.iframe);
        assert!(s.element.contains(r##"<linalg-figure chapter="svd" state="A=3,7;5,2" theme="dark" accent="#00aa77"></linalg-figure>"##));
    }

    #[test]
    fn chosen_parts_go_into_both_snippets() {
        let params = [("A".to_string(), "3,7;5,2".to_string())];
        let figure = Parts::parse("figure").unwrap();
        let s = Snippets::new(HREF, "2.8", "SVD", "svd", &params, &Look::default(), figure);
        assert!(s.iframe.contains("#/svd?A=3,7;5,2&amp;embed=1&amp;show=figure\""), "{}", s.iframe);
        assert!(s.element.contains(r#"<linalg-figure chapter="svd" state="A=3,7;5,2" show="figure">"#), "{}", s.element);
        // The element leaves the text out; with the default parts nothing is added.
        let with_text =
            Snippets::new(HREF, "2.8", "SVD", "svd", &params, &Look::default(), Parts::parse("figure,controls,readouts,text").unwrap());
        assert!(with_text.iframe.contains("show=figure,controls,readouts,text"));
        assert!(!with_text.element.contains("show="), "{}", with_text.element);
        assert!(!s.link.contains("show"));
    }

    #[test]
    fn the_iframe_snippet_is_the_documented_one() {
        // docs/embedding.md shows the snippet for the default multiplication figure; the dialog must
        // give exactly that (with the reader's host), so the docs and the e2e test stay true.
        let doc = include_str!("../docs/embedding.md");
        let documented = doc.split("```html\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
        assert_eq!(documented, multiplication().iframe);
    }

    #[test]
    fn the_element_snippet_loads_the_script_next_to_the_page() {
        let s = multiplication();
        assert_eq!(
            s.element,
            "<script type=\"module\" src=\"https://YOUR-HOST/linalg-live/linalg-figure.js\"></script>\n\
             <linalg-figure chapter=\"multiplication\" state=\"A=2,3;6,5&amp;B=5,3;2,2&amp;v=5,2&amp;w=2,6\"></linalg-figure>\n"
        );
    }

    #[test]
    fn hostile_addresses_and_values_are_escaped() {
        let href = "https://h/\"><script>alert(1)</script>/index.html'#/svd";
        let params = vec![("A".to_string(), "\"><img src=x onerror=alert(1)>".to_string())];
        let s = Snippets::new(href, "2.8", "<b>SVD</b>", "svd", &params, &Look::default(), Parts::EMBED);
        for text in [&s.iframe, &s.element] {
            assert!(!text.contains("<img") && !text.contains("<b>") && !text.contains("<script>alert"), "{text}");
        }
        // Each attribute keeps its two quotes: the iframe's first line and the element's tags.
        assert_eq!(s.iframe.lines().next().unwrap().matches('"').count(), 2, "{}", s.iframe);
        assert!(s.element.lines().all(|line| line.matches('"').count() % 2 == 0), "{}", s.element);
        assert!(s.iframe.contains("title=\"2.8 &lt;b&gt;SVD&lt;/b&gt; (linalg-live)\""));
        assert_eq!(escape_js_string("a\"b\\c</script>\u{2028}"), "a\\\"b\\\\c\\x3c/script\\x3e\\u2028");
        assert_eq!(escape_html("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
    }

    proptest! {
        #[test]
        fn escaped_attributes_never_close_their_quotes(value in "\\PC{0,40}") {
            let escaped = escape_html(&value);
            prop_assert!(!escaped.contains('"') && !escaped.contains('<') && !escaped.contains('>'));
            let round = escaped.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            prop_assert_eq!(round, value);
        }

        #[test]
        fn the_state_string_round_trips_through_the_router(v in "[-0-9.,; e]{0,30}") {
            let params = vec![("v".to_string(), v)];
            let state = state_string("svd", &params);
            let route = crate::state::route::parse_hash(&format!("#/svd?{state}"));
            prop_assert_eq!(route, crate::state::route::Route::Chapter(crate::state::route::ChapterLink::new("svd", params)));
        }
    }
}
