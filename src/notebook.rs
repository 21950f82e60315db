//! "Download notebook": a Jupyter notebook (nbformat 4.5) that reproduces the page's state, built in
//! pure Rust from the [`Page`] (no request). Three cells, no stored outputs:
//!
//! 1. Markdown: the chapter's number and title, the figure's summary and the link back to this state;
//! 2. the code panel's numpy snippet, which prints the page's numbers;
//! 3. the figure in matplotlib, written by [`MatplotlibPainter`] from the page's own frame and
//!    viewport through [`render`], so it is the figure on screen (light theme).

use crate::json::Json;
use crate::page::Page;
use crate::share::page_url;
use crate::view::matplotlib::{light_theme, MatplotlibPainter};
use crate::view::render::render;

/// The notebook's media type, for the download's `Blob`.
pub const MIME_TYPE: &str = "application/x-ipynb+json";

/// Longest file name stem (before `.ipynb`), in bytes; longer states are cut and get a hash of the
/// whole state so that two of them do not share a name.
const MAX_STEM: usize = 96;

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Text for people (Jupyter's Markdown).
    Markdown,
    /// Python to run.
    Code,
}

/// One cell: its kind, a stable id and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Markdown or code.
    pub kind: CellKind,
    /// The nbformat 4.5 cell id (`summary`, `numpy`, `figure`).
    pub id: &'static str,
    /// The cell's text.
    pub source: String,
}

/// A notebook ready to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notebook {
    file_name: String,
    cells: Vec<Cell>,
}

/// The notebook of the page's current state. `href` is the page's address (`location.href`): the
/// link back keeps its address and replaces its hash with this state's full-page hash (no `embed`,
/// no look). `numpy` is the code panel's numpy code of this state.
pub fn build(page: &Page, href: &str, numpy: &str) -> Notebook {
    let info = page.info();
    let chapter = page.chapter();
    let link = format!("{}{}", page_url(href), page.full_page_hash());
    let summary = format!(
        "# {} {}\n\n{}\n\nThe first cell prints the page's numbers with numpy; the second draws its figure with matplotlib, \
         shape for shape.\n\n[Open this state on the page]({})\n",
        info.number,
        markdown_text(info.title),
        markdown_text(&chapter.summary()),
        link_target(&link)
    );
    let numpy = numpy.trim_end().to_string() + "\n";

    let view = page.viewport();
    let frame = page.frame();
    let mut painter = MatplotlibPainter::new(view.width, view.height, light_theme());
    render(&frame.scene, &frame.marks, view, &mut painter);
    if let Some(note) = &frame.note {
        painter.note(note);
    }
    let figure = format!(
        "# The figure of {} {}, as the page draws it: the same drawing code wrote these calls.\n{}",
        info.number,
        info.title,
        painter.finish()
    );
    Notebook {
        file_name: file_name(info.slug, &page.state_params()),
        cells: vec![
            Cell { kind: CellKind::Markdown, id: "summary", source: summary },
            Cell { kind: CellKind::Code, id: "numpy", source: numpy },
            Cell { kind: CellKind::Code, id: "figure", source: figure },
        ],
    }
}

impl Notebook {
    /// `linalg-live-<slug>-<state>.ipynb`, safe on common file systems and at most
    /// [`MAX_STEM`] + 6 bytes long.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The cells in order.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The `.ipynb` file's text: nbformat 4.5 JSON (sorted keys, as Jupyter writes them), code cells without outputs or execution counts.
    pub fn to_json(&self) -> String {
        let text = |s: &str| Json::String(s.to_string());
        let cells = self
            .cells
            .iter()
            .map(|cell| {
                let source = Json::Array(lines(&cell.source).into_iter().map(text).collect());
                match cell.kind {
                    CellKind::Markdown => Json::object([
                        ("cell_type", text("markdown")),
                        ("id", text(cell.id)),
                        ("metadata", Json::object([])),
                        ("source", source),
                    ]),
                    CellKind::Code => Json::object([
                        ("cell_type", text("code")),
                        ("execution_count", Json::Null),
                        ("id", text(cell.id)),
                        ("metadata", Json::object([])),
                        ("outputs", Json::Array(vec![])),
                        ("source", source),
                    ]),
                }
            })
            .collect();
        let notebook = Json::object([
            ("cells", Json::Array(cells)),
            (
                "metadata",
                Json::object([
                    (
                        "kernelspec",
                        Json::object([("display_name", text("Python 3")), ("language", text("python")), ("name", text("python3"))]),
                    ),
                    ("language_info", Json::object([("name", text("python"))])),
                ]),
            ),
            ("nbformat", Json::Number("4".into())),
            ("nbformat_minor", Json::Number("5".into())),
        ]);
        let mut out = notebook.to_pretty();
        out.push('\n');
        out
    }
}

/// A cell's source as nbformat stores it: lines, each with its `\n` but the last.
fn lines(text: &str) -> Vec<&str> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split_inclusive('\n').collect()
}

/// Text shown literally in Markdown, on one line: the characters Markdown (and Jupyter's `$…$`
/// maths) would read anywhere are backslash-escaped, and so is a first character that would start a
/// heading, a list or a rule; line breaks become spaces.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '$' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // `# `, `+ `, `- `, `= ` and `1. ` or `1) ` mean something at the start of a line.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let at = if matches!(out.as_bytes().first(), Some(b'#' | b'+' | b'-' | b'=')) {
        Some(0)
    } else if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        Some(digits)
    } else {
        None
    };
    if let Some(at) = at {
        out.insert(at, '\\');
    }
    out
}

/// A link target for Markdown: characters that would end it or break it (spaces, brackets,
/// parentheses, quotes, non-ASCII) percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let keep = byte.is_ascii_graphic() && !matches!(byte, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'"' | b'\\' | b'`');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `linalg-live-<slug>-<k=v_k=v…>.ipynb`: letters, digits and `-_.,;=+` kept, anything else `_`;
/// cut to [`MAX_STEM`] bytes with a hash of the whole state when longer.
pub fn file_name(slug: &str, params: &[(String, String)]) -> String {
    let state: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut stem = format!("linalg-live-{slug}");
    if !state.is_empty() {
        stem.push('-');
        stem.push_str(&state.join("_"));
    }
    let safe: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.,;=+".contains(c) { c } else { '_' }).collect();
    let safe = if safe.len() > MAX_STEM {
        // FNV-1a of the whole stem: different states keep different names.
        let hash = stem.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        format!("{}~{hash:08x}", safe[..MAX_STEM - 9].trim_end_matches(['.', '_', ',', ';', '=']))
    } else {
        safe
    };
    // Windows refuses names that end in a dot.
    format!("{}.ipynb", safe.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::find;
    use crate::state::route::ChapterLink;
    use serde_json::{json, Value};

    fn page(slug: &str, params: &[(&str, &str)]) -> Page {
        let link = ChapterLink::new(slug, params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        Page::open(find(slug).unwrap(), &link)
    }

    #[test]
    fn file_names_are_safe_and_bounded() {
        let p = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        assert_eq!(file_name("svd", &p(&[("A", "3,7;5,2")])), "linalg-live-svd-A=3,7;5,2.ipynb");
        assert_eq!(file_name("svd", &[]), "linalg-live-svd.ipynb");
        assert_eq!(
            file_name("eigendecomposition", &p(&[("A", "2,1;1,2"), ("view", "quadratic")])),
            "linalg-live-eigendecomposition-A=2,1;1,2_view=quadratic.ipynb"
        );
        assert_eq!(file_name("x", &p(&[("a/b", "<é>:*?\"|\\")])), "linalg-live-x-a_b=_________.ipynb");
        let long = p(&[("P", &"1.5,-2;".repeat(40))]);
        let other = p(&[("P", &"1.5,-2;".repeat(41))]);
        let (a, b) = (file_name("pca", &long), file_name("pca", &other));
        assert!(a.len() <= MAX_STEM + 6 && a.ends_with(".ipynb") && a.starts_with("linalg-live-pca-P=1.5,-2;"), "{a}");
        assert_ne!(a, b, "cut names keep a hash of the whole state");
    }

    #[test]
    fn markdown_and_links_are_escaped() {
        assert_eq!(markdown_text("A·v = (1, −2) *x* $5 [a]\nb & c"), "A·v = (1, −2) \\*x\\* \\$5 \\[a\\] b \\& c");
        assert_eq!(markdown_text("# no heading"), "\\# no heading");
        assert_eq!(markdown_text("-1 is not a list"), "\\-1 is not a list");
        assert_eq!(markdown_text("12. not a list, 3.5 fine"), "12\\. not a list, 3.5 fine");
        assert_eq!(markdown_text("2 × 2"), "2 × 2");
        assert_eq!(link_target("https://h/p?q#/svd?A=3,7;5,2 (x)é"), "https://h/p?q#/svd?A=3,7;5,2%20%28x%29%C3%A9");
    }

    #[test]
    fn the_notebook_has_a_title_the_numpy_code_and_the_figure() {
        let page = page("svd", &[("A", "3,7;5,2"), ("embed", "1"), ("theme", "dark")]);
        let notebook = build(&page, "https://example.org/linalg-live/#/svd?A=1,2;3,4&embed=1", &page.chapter().code_text().numpy);
        assert_eq!(notebook.file_name(), "linalg-live-svd-A=3,7;5,2.ipynb");
        let cells = notebook.cells();
        assert_eq!(
            cells.iter().map(|c| (c.kind, c.id)).collect::<Vec<_>>(),
            [(CellKind::Markdown, "summary"), (CellKind::Code, "numpy"), (CellKind::Code, "figure")]
        );
        assert!(cells[0].source.starts_with("# 2.8 Singular Value Decomposition\n\n"), "{}", cells[0].source);
        assert!(cells[0].source.contains("](https://example.org/linalg-live/#/svd?A=3,7;5,2)"), "{}", cells[0].source);
        assert_eq!(cells[1].source, page.chapter().code_text().numpy.trim_end().to_string() + "\n");
        assert!(cells[2].source.contains("fig, ax = plt.subplots(") && cells[2].source.contains("INPUT = \"#1b1b1f\""), "light theme");

        let json: Value = serde_json::from_str(&notebook.to_json()).unwrap();
        assert_eq!((json["nbformat"].as_u64(), json["nbformat_minor"].as_u64()), (Some(4), Some(5)));
        let first = &json["cells"][1];
        assert_eq!(first["outputs"], json!([]));
        assert!(first["execution_count"].is_null());
        let source: String = first["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        assert_eq!(source, cells[1].source.trim_end_matches('\n'));
        // Byte for byte what serde_json's pretty printer wrote for the same notebook.
        let cell = |c: &Cell| match c.kind {
            CellKind::Markdown => json!({"cell_type": "markdown", "id": c.id, "metadata": {}, "source": lines(&c.source)}),
            CellKind::Code => {
                json!({"cell_type": "code", "execution_count": null, "id": c.id, "metadata": {}, "outputs": [], "source": lines(&c.source)})
            }
        };
        let expected = json!({
            "cells": cells.iter().map(cell).collect::<Vec<_>>(),
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        });
        assert_eq!(notebook.to_json(), serde_json::to_string_pretty(&expected).unwrap() + "\n");
    }

    #[test]
    fn a_page_that_draws_nothing_says_why_in_the_figure() {
        let page = page("tensors", &[("A", "1,2;3,4;5,6"), ("view", "columns")]);
        let note = page.frame().note.expect("three rows cannot be drawn as columns");
        let notebook = build(&page, "http://localhost:8080/", &page.chapter().code_text().numpy);
        let literal = crate::view::matplotlib::py_str(&note);
        assert!(notebook.cells()[2].source.contains(&literal), "{}", notebook.cells()[2].source);
    }
}
