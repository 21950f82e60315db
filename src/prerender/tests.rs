use super::*;

/// The shapes an SVG draws (paths, circles, texts, images).
fn shapes(svg: &str) -> usize {
    ["<path ", "<circle ", "<text ", "<image "].iter().map(|tag| svg.matches(tag).count()).sum()
}

#[test]
fn every_chapter_has_a_complete_static_page() {
    for page in all_pages() {
        let info = crate::chapters::find(page.slug).unwrap();
        let main = &page.main;
        assert!(main.contains(&format!("<h1>{} {}</h1>", info.number, escape_html(info.title))), "{}", page.slug);
        let svg = &main[main.find("<svg").unwrap()..main.find("</svg>").unwrap()];
        assert!(shapes(svg) >= 20, "{}: {} shapes", page.slug, shapes(svg));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{}", page.slug);
        assert!(main.contains(page.prose) && page.prose.len() > 1000, "{}", page.slug);
        // Readouts as text, one row each, but no `data-value` before the module computes them.
        let rows = main.matches("<th scope=\"row\">").count();
        assert_eq!(rows, (info.build)().readouts().len(), "{}", page.slug);
        assert!(!main.contains("data-value") && !main.contains("data-readout"), "{}", page.slug);
        assert!(main.contains("<code>") && main.contains("import numpy as np"), "{}", page.slug);
        // The figure's colours come from the theme: no colour literal in the drawing.
        assert!(!svg.contains("fill=\"#") && !svg.contains("stroke=\"#"), "{}", page.slug);
        assert!(!main.contains("style="), "{}: the Content-Security-Policy forbids style attributes", page.slug);
    }
}

#[test]
fn the_template_is_filled_one_folder_down() {
    let template = "<!doctype html><html><head>\n<meta name=\"description\" content=\"x\">\n<title>linalg-live</title>\n  <meta property=\"og:title\" content=\"the site\">\n  <meta name=\"twitter:title\" content=\"the site\">\n<link rel=\"stylesheet\" href=\"./style-1.css\">\n<script type=\"module\">\nimport init from './linalg-live-1.js';\nawait init({ module_or_path: './linalg-live-1_bg.wasm' });\n</script></head><body><header><a class=\"brand\" href=\"#/\">linalg-live</a></header>\n<main id=\"app\" data-linalg-site>\n<p class=\"loading\">Loading</p>\n</main><footer>f</footer></body></html>";
    let page = chapter_page(crate::chapters::find("svd").unwrap());
    let html = fill_template(template, &page).unwrap();
    assert!(html.contains("<title>2.8 Singular Value Decomposition · linalg-live</title>"));
    assert!(
        html.contains("href=\"../style-1.css\"")
            && html.contains("from '../linalg-live-1.js'")
            && html.contains("'../linalg-live-1_bg.wasm'")
    );
    assert!(html.contains("<a class=\"brand\" href=\"../\">"));
    assert!(html.contains("<main id=\"app\" data-linalg-site data-chapter=\"svd\" data-site-root=\"../\">"));
    assert!(!html.contains("Loading") && html.contains("<footer>f</footer>"));
    assert!(html.contains("<meta property=\"og:title\" content=\"2.8 Singular Value Decomposition · linalg-live\">"));
    // The chapter's link previews replace the site's: one title each.
    assert_eq!(html.matches("og:title").count(), 1);
    assert!(
        html.contains("<meta name=\"twitter:title\" content=\"2.8 Singular Value Decomposition · linalg-live\">")
            && !html.contains("the site")
    );
    assert!(html.contains("<style>.svg-figure{"));
    assert!(fill_template("<html><body></body></html>", &page).is_err());
}

#[test]
fn links_lead_to_the_neighbouring_static_pages() {
    let first = chapter_page(&crate::chapters::CHAPTERS[0]);
    assert!(first.main.contains("<a href=\"../multiplication/\" rel=\"next\">2.2 Multiplying Matrices and Vectors →</a>"));
    assert!(first.main.contains("<div class=\"prev\"></div>"));
}
