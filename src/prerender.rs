//! The chapters' static pages: for every chapter, `<slug>/index.html` with its title, its full text,
//! its default figure as an inline SVG (drawn by [`SvgPainter`] from the same scene code as the
//! canvas), the default readouts, editors and code as text: a complete, readable page before any
//! script runs. Its elements are those the browser shell builds (`src/web/chapter_view/build.rs`), in
//! the same order and with the same classes, so when the module starts it rebuilds the page in place
//! without moving anything, keeps the explanation, and the figure comes alive. The explanation also
//! goes to `<slug>/prose.html`, which the single-page route `index.html#/<slug>` fetches (the prose is
//! not in the WebAssembly module).
//!
//! Native only: `src/bin/linalg-pages.rs` (run by trunk's post-build hook, `scripts/pages.mjs`) writes
//! the files; the page shell (head, header, footer, the module's loader) is the built `index.html`.

use crate::chapter::{AnyChapter, InputKind};
use crate::chapters::{ChapterInfo, CHAPTERS};
use crate::format::{display_shape, escape_html};
use crate::page::{Msg, Page};
use crate::readout::display::{Grid, ReadoutDisplay, Shown};
use crate::state::matrix::MAX_DIM;
use crate::state::number::format_number;
use crate::state::route::ChapterLink;
use crate::theme::Theme;
use crate::view::chart::{chart_height, draw, Chart};
use crate::view::render::render;
use crate::view::svg::{role_classes, SvgPainter};
use std::fmt::Write;

/// The width and height, in CSS px, the static figure is drawn for (the figure's width beside the
/// text on a 1280 px wide screen); the SVG scales with its box.
pub const FIGURE_SIZE: f64 = 556.0;

/// Most columns a grid of cells or numbers has (editors up to [`MAX_DIM`], readouts a little more).
const MAX_COLS: usize = 16;
const _: () = assert!(MAX_DIM <= MAX_COLS);

/// One chapter's static page.
pub struct StaticPage {
    /// The chapter's slug: the page is `<slug>/index.html`.
    pub slug: &'static str,
    /// The document's title.
    pub title: String,
    /// One sentence for search results and link previews.
    pub description: String,
    /// The content of `<main>`.
    pub main: String,
    /// The explanation, also written to `<slug>/prose.html`.
    pub prose: &'static str,
    /// The code book the module fetches for the code panel, written to `<slug>/code.txt`.
    pub code_book: String,
}

/// The static page of a chapter in its default state.
pub fn chapter_page(info: &'static ChapterInfo) -> StaticPage {
    let mut page = Page::open(info, &ChapterLink::new(info.slug, Vec::new()));
    page.update(Msg::Resize { width: FIGURE_SIZE, height: FIGURE_SIZE });
    let chapter = page.chapter();
    let prose = chapter.prose();
    let mut main = String::new();
    let _ = write!(
        main,
        "<div class=\"chapter-page\">\n<div class=\"chapter-grid\">\n<div class=\"chapter-head\"><nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"../\">linalg-live</a><span aria-hidden=\"true\"> › </span><span>Chapter {}</span></nav>\n<h1>{} {}</h1>\n<div class=\"alert url-alert\" role=\"alert\" hidden></div></div>\n",
        info.number,
        info.number,
        escape_html(info.title)
    );
    main.push_str("<section class=\"figure-panel\" aria-label=\"Interactive figure\">\n<div class=\"figure-stage\">\n");
    main.push_str(&figure(&page));
    let summary = escape_html(&chapter.summary());
    let _ = writeln!(main, "<p class=\"caption\" aria-hidden=\"true\">{summary}</p>");
    let _ = writeln!(main, "<p class=\"summary\" id=\"figure-summary\" aria-live=\"polite\">{summary}</p>");
    main.push_str(TOOLS);
    main.push_str(&choices(chapter));
    main.push_str(&timeline(&chapter.stages()));
    main.push_str("</div>\n<div class=\"panel-scroll\">\n");
    main.push_str(&section("inputs", "Edit the inputs", &editors(chapter)));
    main.push_str(&chart_slot(chapter.chart()));
    main.push_str(&section("readout-box", "Results", &readouts(&chapter.readouts())));
    main.push_str(&section("code-panel", "Code", &code(&chapter.code_text().numpy)));
    let _ = writeln!(main, "</div>\n</section>\n<article class=\"prose\" data-prose=\"{}\">\n{}</article>", info.slug, prose);
    main.push_str(&neighbours(info));
    main.push_str("</div>\n</div>\n");
    StaticPage {
        slug: info.slug,
        title: format!("{} {} · linalg-live", info.number, info.title),
        description: format!("{} Section {} of Deep Learning's linear algebra chapter, as an interactive figure.", info.blurb, info.number),
        main,
        prose,
        code_book: crate::chapter::book_text(chapter.code_book()),
    }
}

/// Every chapter's static page, in book order.
pub fn all_pages() -> Vec<StaticPage> {
    CHAPTERS.iter().map(chapter_page).collect()
}

/// The figure box: the default figure as an inline SVG (or the sentence shown instead of a figure).
fn figure(page: &Page) -> String {
    let frame = page.frame();
    let vp = *page.viewport();
    let mut painter = SvgPainter::with_classes(vp.width, vp.height);
    render(&frame.scene, &frame.marks, &vp, &mut painter);
    let name = format!(
        "Figure: {}. Drag the handles or use the controls below; the sentence under the figure says what changed.",
        page.info().title
    );
    let svg = painter.finish_inline(&format!(
        "width=\"100%\" height=\"100%\" role=\"img\" aria-label=\"{}\" aria-describedby=\"figure-summary\"",
        escape_html(&name)
    ));
    let note = match &frame.note {
        Some(note) => format!("<p class=\"figure-note\">{}</p>", escape_html(note)),
        None => "<p class=\"figure-note\" hidden></p>".to_string(),
    };
    format!("<div class=\"figure\">{svg}<div class=\"handle-layer\"></div>{note}</div>\n")
}

/// The chart under the figure, if the chapter has one, as an SVG drawn by the same code as the canvas.
fn chart_slot(chart: Option<Chart>) -> String {
    let Some(chart) = chart else { return "<div class=\"chart-slot\"></div>\n".to_string() };
    let (width, height) = (FIGURE_SIZE, chart_height(FIGURE_SIZE));
    let mut painter = SvgPainter::with_classes(width, height);
    draw(&chart, width, height, &mut painter);
    let description = escape_html(&chart.description());
    let svg = painter.finish_inline(&format!("width=\"100%\" role=\"img\" aria-label=\"{description}\""));
    format!("<div class=\"chart-slot\"><figure class=\"chart\">{svg}<details><summary>The chart's values</summary><p>{description}</p></details></figure></div>\n")
}

/// The figure's toolbar, as the shell builds it (its buttons work once the module runs), and the
/// alert for links in the text.
const TOOLS: &str = "<div class=\"figure-tools\"><div class=\"tool-group\" role=\"group\" aria-label=\"History\"><button type=\"button\" class=\"undo\" disabled>Undo</button><button type=\"button\" class=\"redo\" disabled>Redo</button><button type=\"button\" class=\"reset\" disabled>Reset</button></div><div class=\"tool-group\" role=\"group\" aria-label=\"View\"><button type=\"button\" aria-label=\"Zoom out\" disabled>−</button><button type=\"button\" aria-label=\"Zoom in\" disabled>+</button><button type=\"button\" disabled>Fit</button></div><label class=\"check\"><input type=\"checkbox\" checked disabled><span>Snap to grid</span></label><button type=\"button\" class=\"share\" aria-haspopup=\"dialog\" disabled>Share</button></div>\n<p class=\"alert link-alert\" role=\"alert\" hidden></p>\n";

/// A section of the figure panel the reader can open and close, open (as the shell builds it on wide
/// screens).
fn section(class: &str, title: &str, content: &str) -> String {
    format!("<details class=\"panel-section {class}\" open><summary><h2>{title}</h2></summary>{content}</details>\n")
}

/// The choices as radio groups, the current option checked.
fn choices(chapter: &dyn AnyChapter) -> String {
    let mut out = String::from("<div class=\"choices\">");
    for c in chapter.choices() {
        let _ = write!(out, "<fieldset class=\"choice\"><legend>{}</legend>", escape_html(c.label));
        for &(value, text) in c.options {
            let checked = if value == c.current { " checked" } else { "" };
            let _ = write!(
                out,
                "<label><input type=\"radio\" name=\"choice-{}\" value=\"{}\"{checked} disabled><span>{}</span></label>",
                c.name,
                escape_html(value),
                escape_html(text)
            );
        }
        out.push_str("</fieldset>");
    }
    out.push_str("</div>\n");
    out
}

/// Play, the scrubber and the stages' names (hidden without stages).
fn timeline(stages: &[&str]) -> String {
    if stages.is_empty() {
        return "<div class=\"timeline\" hidden></div>\n".to_string();
    }
    let mut out = format!(
        "<div class=\"timeline\"><button type=\"button\" class=\"play\" aria-label=\"Play the transformation\" disabled>▶ Play</button><input type=\"range\" min=\"0\" max=\"{0}\" step=\"0.001\" value=\"{0}\" aria-label=\"Timeline: how much of the transformation is applied\" disabled><ol class=\"stages\">",
        stages.len()
    );
    for s in stages {
        let _ = write!(out, "<li>{}</li>", escape_html(s));
    }
    out.push_str("</ol></div>\n");
    out
}

/// The input editors with their values (read-only until the module runs).
fn editors(chapter: &dyn AnyChapter) -> String {
    let mut out = String::from("<div class=\"editors\">");
    for input in chapter.inputs().into_iter().filter(|i| i.shown) {
        let (rows, cols) = input.value.shape();
        let (editable, long) = (input.editable(), input.long());
        let shape = match input.kind {
            InputKind::Scalar => "number".to_string(),
            InputKind::Vector if rows == 1 => "1 entry".to_string(),
            InputKind::Vector => format!("{rows} entries"),
            InputKind::Matrix => display_shape(&input.value),
        };
        let _ = write!(
            out,
            "<fieldset class=\"editor\" data-input=\"{0}\"><legend><span class=\"name\">{0}</span><span class=\"shape\">{1}</span></legend>{2}<div class=\"cells{3} cols-{4}\">",
            input.name,
            shape,
            if long { "<div class=\"cells-scroll\">" } else { "" },
            if long { " long" } else { "" },
            cols.min(MAX_COLS)
        );
        for r in 0..if editable { rows } else { 0 } {
            if long {
                let _ = write!(out, "<span class=\"row-number\" aria-hidden=\"true\">{}</span>", r + 1);
            }
            for c in 0..cols {
                let label = match input.kind {
                    InputKind::Scalar => input.name.to_string(),
                    InputKind::Vector => format!("{}, entry {}", input.name, r + 1),
                    InputKind::Matrix => format!("{}, row {}, column {}", input.name, r + 1, c + 1),
                };
                let _ = write!(
                    out,
                    "<input type=\"text\" aria-label=\"{label}\" value=\"{}\" readonly>",
                    escape_html(&format_number(input.value[(r, c)]))
                );
            }
        }
        out.push_str(if long { "</div></div>" } else { "</div>" });
        if let Some(note) = &input.note {
            let _ = write!(out, "<p class=\"editor-note\">{}</p>", escape_html(note));
        }
        if let Some(range) = input.slider.filter(|_| input.kind == InputKind::Scalar) {
            let value = input.value.get(0).copied().unwrap_or(range.min);
            let _ = write!(
                out,
                "<input type=\"range\" class=\"slider\" min=\"{}\" max=\"{}\" step=\"{}\" value=\"{}\" aria-label=\"{} slider\" disabled>",
                format_number(range.min),
                format_number(range.max),
                format_number(range.step),
                format_number(value),
                input.name
            );
        }
        out.push_str("<div class=\"resize\">");
        let steps: &[&str] = match input.kind {
            _ if !editable => &[],
            InputKind::Scalar => &[],
            InputKind::Vector => &["− entry", "+ entry"],
            InputKind::Matrix => &["− row", "+ row", "− column", "+ column"],
        };
        for text in steps {
            let what = text.replace('−', "remove a").replace('+', "add a");
            let _ = write!(out, "<button type=\"button\" aria-label=\"{}: {what}\" disabled>{text}</button>", input.name);
        }
        out.push_str("</div>");
        if input.paste {
            let _ = write!(
                out,
                "<div class=\"paste\"><label for=\"paste-{0}\">Paste points (CSV: x,y per line)</label><textarea id=\"paste-{0}\" rows=\"3\" readonly></textarea><button type=\"button\" class=\"load\" disabled>Load points</button></div>",
                input.name
            );
        }
        out.push_str("<p class=\"alert cell-error\" role=\"alert\" hidden></p></fieldset>");
    }
    out.push_str("</div>\n");
    out
}

/// The results table: each readout's label, value as people read it, and note. The exact values
/// (`data-value`) come with the module: before it runs, the page has no readout to read.
fn readouts(readouts: &[crate::readout::Readout]) -> String {
    let mut out = String::from("<div class=\"readouts-scroll\"><table class=\"readouts\"><tbody>");
    for r in readouts {
        let d = ReadoutDisplay::of(r);
        let value = match &d.shown {
            Shown::Text(text) => escape_html(text),
            Shown::Grids(grids) => grids.iter().map(grid).collect(),
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"value\"><span>{value}</span></td><td class=\"note\">{}</td></tr>",
            escape_html(d.label),
            escape_html(&d.note)
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A matrix as a grid of rounded numbers between brackets.
fn grid(g: &Grid) -> String {
    let mut out = format!("<span class=\"matrix cols-{}\">", g.cols().min(MAX_COLS));
    for cell in g.cells() {
        let _ = write!(out, "<span>{}</span>", escape_html(cell));
    }
    out.push_str("</span>");
    out
}

/// The code panel with the numpy code (the other languages' tabs work once the module runs).
fn code(numpy: &str) -> String {
    let mut out = String::from("<div class=\"tabs\"><div role=\"tablist\" aria-label=\"Language\">");
    for (i, name) in ["numpy", "PyTorch", "nalgebra"].iter().enumerate() {
        let _ = write!(
            out,
            "<button type=\"button\" role=\"tab\" aria-selected=\"{}\" aria-controls=\"code-tabpanel\"{}>{name}</button>",
            i == 0,
            if i == 0 { "" } else { " disabled" }
        );
    }
    let _ = write!(
        out,
        "</div><button type=\"button\" class=\"copy\" disabled>Copy</button><span class=\"copy-status\" role=\"alert\"></span></div><pre role=\"tabpanel\" id=\"code-tabpanel\" tabindex=\"0\"><code>{}</code></pre>",
        escape_html(numpy)
    );
    out
}

/// The links to the previous and next chapters' static pages.
fn neighbours(info: &ChapterInfo) -> String {
    let index = CHAPTERS.iter().position(|c| c.slug == info.slug).unwrap_or(0);
    let mut out = String::from("<nav class=\"prevnext\" aria-label=\"Chapters\">");
    for (offset, rel) in [(-1isize, "prev"), (1, "next")] {
        let _ = write!(out, "<div class=\"{rel}\">");
        if let Some(other) = index.checked_add_signed(offset).and_then(|i| CHAPTERS.get(i)) {
            let label =
                if offset < 0 { format!("← {} {}", other.number, other.title) } else { format!("{} {} →", other.number, other.title) };
            let _ = write!(out, "<a href=\"../{}/\" rel=\"{rel}\">{}</a>", other.slug, escape_html(&label));
        }
        out.push_str("</div>");
    }
    out.push_str("</nav>\n");
    out
}

/// The stylesheet every static page adds to the site's (inline, allowed by its hash in the page's
/// Content-Security-Policy): the figure's colours by role, and the grids' column counts (which the
/// module sets through the CSSOM, as the policy forbids style attributes).
pub fn page_style() -> String {
    // The chart's box, as the site's stylesheet draws the chart's canvas.
    let mut css = role_classes()
        + ".chart .svg-figure{display:block;width:100%;height:auto;background:var(--c-figure-bg);border:1px solid var(--line);border-radius:var(--radius)}";
    for n in 1..=MAX_COLS {
        let _ = write!(css, ".cols-{n}{{--cols:{n}}}");
    }
    css
}

/// The static page of `page` from the site's built `index.html`: its `<main>` replaced by the
/// chapter, its title and description set, every relative address one folder up, and the page marked
/// so that the module takes it over (`data-chapter`, `data-site-root`). `Err` names what the template
/// lacks.
pub fn fill_template(template: &str, page: &StaticPage) -> Result<String, String> {
    let open = template.find("<main").ok_or("index.html has no <main>")?;
    let open_end = open + template[open..].find('>').ok_or("unterminated <main>")? + 1;
    let close = open_end + template[open_end..].find("</main>").ok_or("index.html has no </main>")?;
    let main_tag = &template[open..open_end];
    if !main_tag.contains("data-linalg-site") {
        return Err("index.html's <main> lacks data-linalg-site".into());
    }
    let tag = main_tag.replacen('>', &format!(" data-chapter=\"{}\" data-site-root=\"../\">", page.slug), 1);
    let head = up_one_folder(&template[..open]);
    let tail = up_one_folder(&template[close..]);
    let mut html = format!("{head}{tag}\n{}{tail}", page.main);
    html = replace_element(&html, "<title>", "</title>", &escape_html(&page.title))?;
    html = without_link_previews(&html);
    let (title, description) = (escape_html(&page.title), escape_html(&page.description));
    let meta = format!(
        "<meta name=\"description\" content=\"{description}\">\n  <meta property=\"og:type\" content=\"article\">\n  <meta property=\"og:site_name\" content=\"linalg-live\">\n  <meta property=\"og:title\" content=\"{title}\">\n  <meta property=\"og:description\" content=\"{description}\">\n  <meta name=\"twitter:card\" content=\"summary\">\n  <meta name=\"twitter:title\" content=\"{title}\">\n  <meta name=\"twitter:description\" content=\"{description}\">\n  <style>{}</style>",
        page_style()
    );
    let start = html.find("<meta name=\"description\"").ok_or("index.html has no meta description")?;
    let end = start + html[start..].find('>').ok_or("unterminated meta")? + 1;
    html.replace_range(start..end, &meta);
    // The header's theme picker, which the module builds (and replaces this one with), so that the
    // header keeps its height when the page comes alive.
    if let Some(end) = html.find("</header>") {
        html.insert_str(end, &theme_picker());
    }
    Ok(html)
}

/// `html` without the site's own link-preview tags (`og:…`, `twitter:…`), which a chapter's page
/// replaces with its own.
fn without_link_previews(html: &str) -> String {
    html.lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("<meta property=\"og:") || line.starts_with("<meta name=\"twitter:"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The theme picker as the module builds it, disabled until then.
fn theme_picker() -> String {
    let options: String =
        Theme::ALL.iter().map(|t| format!("<option value=\"{}\">{}</option>", t.name(), escape_html(t.label()))).collect();
    format!("<label class=\"theme-picker\"><span>Theme</span><select disabled>{options}</select></label>")
}

/// Rewrites the relative addresses of the page shell for a page one folder down: `./x` → `../x` in
/// attributes and in the loader script, and the hash routes of its links to the static pages.
fn up_one_folder(html: &str) -> String {
    html.replace("href=\"./", "href=\"../")
        .replace("src=\"./", "src=\"../")
        .replace("'./", "'../")
        .replace("href=\"#/\"", "href=\"../\"")
        .replace("href=\"index.html", "href=\"../index.html")
}

/// Replaces the text between the first `open` tag and its `close`.
fn replace_element(html: &str, open: &str, close: &str, text: &str) -> Result<String, String> {
    let start = html.find(open).ok_or_else(|| format!("no {open}"))? + open.len();
    let end = start + html[start..].find(close).ok_or_else(|| format!("no {close}"))?;
    Ok(format!("{}{text}{}", &html[..start], &html[end..]))
}

#[cfg(test)]
mod tests;
