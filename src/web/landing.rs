//! The landing page: what the site is, and the twelve-chapter syllabus, each card with its chapter's
//! default figure drawn small by the renderer (the same `render` and SVG painter as "Download SVG").

use super::canvas::Palette;
use super::dom::{add, now_ms, window, Res};
use crate::chapters::{ChapterInfo, CHAPTERS};
use crate::decimal::{display, fixed};
use crate::page::{Msg, Page};
use crate::state::route::ChapterLink;
use crate::view::render::render;
use crate::view::svg::{data_url, SvgPainter, SvgTheme};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The side of a card's figure as drawn, in CSS px (the stylesheet shows it smaller, crisply: it is
/// an SVG).
const FIGURE_PX: f64 = 180.0;

/// Builds the syllabus into `root`. Chapters not built yet are listed as such, without a link.
pub fn build(root: &Element) -> Res<()> {
    root.set_text_content(None);
    let wrap = add(root, "div", &[("class", "landing")], None)?;
    add(&wrap, "h1", &[], Some("Linear algebra for deep learning, live"))?;
    add(
        &wrap,
        "p",
        &[("class", "lede")],
        Some(
            "Chapter 2 of Goodfellow, Bengio and Courville's Deep Learning, one interactive figure per section. \
             Drag vectors and the columns of matrices, edit entries, play the transformations, and read every \
             number as it changes, with the numpy code that reproduces it.",
        ),
    )?;
    let list = add(&wrap, "ol", &[("class", "syllabus")], None)?;
    let side = display(FIGURE_PX);
    let mut figures = Vec::new();
    for c in CHAPTERS.iter() {
        let item = add(&list, "li", &[], None)?;
        add(&item, "span", &[("class", "number")], Some(c.number))?;
        let body = add(&item, "div", &[], None)?;
        add(&body, "a", &[("href", &super::chapter_href(c.slug))], Some(c.title))?;
        add(&body, "p", &[], Some(c.blurb))?;
        // Decorative (the title says what the chapter is): one picture per theme, the stylesheet
        // shows the one in effect. Drawn once the page is on screen.
        let light = add(&item, "img", &[("class", "card-figure light"), ("alt", ""), ("width", &side), ("height", &side)], None)?;
        let dark = add(&item, "img", &[("class", "card-figure dark"), ("alt", ""), ("width", &side), ("height", &side)], None)?;
        figures.push((c, light, dark));
    }
    let share = add(&wrap, "section", &[("class", "share-note"), ("aria-label", "Sharing and embedding")], None)?;
    add(&share, "h2", &[], Some("Share and embed"))?;
    add(
        &share,
        "p",
        &[],
        Some(
            "Every figure has a Share button: a link to exactly what is on screen, the code for an iframe or a \
             <linalg-figure> element to put the live figure into your own page (in the same state, light or dark, \
             with your accent colour), and the figure as a PNG or SVG image. The details, every parameter and the \
             readouts are in docs/embedding.md in the site's source code.",
        ),
    )?;
    // The theme's colours, read from an element of each theme (the stylesheet's `data-theme` rules).
    let themes = [theme_of(&wrap, "light")?, theme_of(&wrap, "dark")?];
    later(Drawing { figures, themes, list, next: 0, work_ms: 0.0 })
}

/// The cards' figures still to draw: one chapter a task, after the syllabus is on screen, so the
/// page stays responsive while they appear.
struct Drawing {
    figures: Vec<(&'static ChapterInfo, Element, Element)>,
    themes: [SvgTheme; 2],
    list: Element,
    next: usize,
    /// The time spent drawing so far, in ms.
    work_ms: f64,
}

/// Runs [`step`] in a task of its own.
fn later(drawing: Drawing) -> Res<()> {
    let task = Closure::once_into_js(move || step(drawing));
    window()?.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)?;
    Ok(())
}

/// Draws the next chapter's figure in both themes, then schedules the rest; at the end, records the
/// time the twelve took (for the end-to-end test that keeps the page fast). Stops when the landing
/// page is gone.
fn step(mut d: Drawing) {
    if !d.list.is_connected() {
        return;
    }
    let start = now_ms();
    if let Some((info, light, dark)) = d.figures.get(d.next) {
        let mut page = Page::open(info, &ChapterLink::new(info.slug, Vec::new()));
        page.update(Msg::Resize { width: FIGURE_PX, height: FIGURE_PX });
        let frame = page.frame();
        for (img, theme) in [(light, &d.themes[0]), (dark, &d.themes[1])] {
            let mut svg = SvgPainter::new(FIGURE_PX, FIGURE_PX, theme.clone());
            render(&frame.scene, &frame.marks, page.viewport(), &mut svg);
            let _ = img.set_attribute("src", &data_url(&svg.finish()));
        }
    }
    d.work_ms += now_ms() - start;
    d.next += 1;
    if d.next < d.figures.len() {
        let _ = later(d);
    } else {
        let _ = d.list.set_attribute("data-figures-ms", &fixed(d.work_ms, 1));
    }
}

/// The figure colours of `theme` (`light` or `dark`), read from a hidden element inside `parent`
/// that carries it.
fn theme_of(parent: &Element, theme: &str) -> Res<SvgTheme> {
    let probe = add(parent, "div", &[("data-theme", theme), ("hidden", "")], None)?;
    let palette = Palette::read(&probe);
    probe.remove();
    Ok(palette.svg_theme())
}
