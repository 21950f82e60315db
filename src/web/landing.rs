//! The landing page: what the site is, and the twelve-chapter syllabus.

use super::dom::{add, Res};
use crate::chapters::CHAPTERS;
use web_sys::Element;

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
    for c in CHAPTERS.iter() {
        let item = add(&list, "li", &[], None)?;
        add(&item, "span", &[("class", "number")], Some(c.number))?;
        let body = add(&item, "div", &[], None)?;
        add(&body, "a", &[("href", &super::chapter_href(c.slug))], Some(c.title))?;
        add(&body, "p", &[], Some(c.blurb))?;
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
    Ok(())
}
