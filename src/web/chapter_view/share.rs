//! The share dialog of a full chapter page (not in embeds: their link back leads to it). It reads the
//! page when it is used, so it always shares the current state.

use super::{Host, Shared, View};
use crate::share::Snippets;
use crate::state::parts::{Part, Parts};
use crate::view::render::render;
use crate::view::svg::SvgPainter;
use crate::web::canvas::CanvasPainter;
use crate::web::dom::{context_2d, el, window, Res};
use crate::web::share_dialog::{ShareDialog, ShareSource, PREVIEW_WIDTH};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// Adds the Share button and its dialog, on the site's own full pages.
pub(super) fn wire(shared: &Rc<Shared>) -> Res<()> {
    let view = shared.view.borrow();
    if view.host != Host::Site || view.page.embed() {
        return Ok(());
    }
    let container = view.dom.tools.parent_element().ok_or("no figure panel")?;
    let [w1, w2, w3, w4, w5] = [(); 5].map(|_| Rc::downgrade(shared));
    let source = ShareSource {
        snippets: Box::new(move |parts| {
            let shared = w1.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let href = window().ok()?.location().href().ok()?;
            let (page, info) = (&view.page, view.page.info());
            Some(Snippets::new(&href, info.number, info.title, info.slug, &page.state_params(), page.look(), parts))
        }),
        height: Box::new(move |parts| Some(embed_height(&*w4.upgrade()?.view.try_borrow().ok()?, parts))),
        png: Box::new(move |scale| {
            png(&*w5.upgrade().ok_or("the page is gone")?.view.try_borrow().map_err(|_| "the page is busy")?, scale)
        }),
        svg: Box::new(move || {
            let shared = w2.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let vp = *view.page.viewport();
            let mut painter = SvgPainter::new(vp.width, vp.height, view.painter.palette().svg_theme());
            let frame = view.page.frame();
            render(&frame.scene, &frame.marks, &vp, &mut painter);
            Some(painter.finish())
        }),
        notebook: Box::new(move || super::save_notebook(&*w3.upgrade().ok_or("the page is gone")?)),
        file_stem: format!("linalg-live-{}", view.page.info().slug),
    };
    let dialog = ShareDialog::build(&view.dom.tools, &container, source)?;
    drop(view);
    *shared.share.borrow_mut() = Some(dialog);
    Ok(())
}

/// About how tall an embed of `parts` is in a frame [`PREVIEW_WIDTH`] wide: the figure at the
/// embed's 4:3 with its caption and link back, and the other parts at their height on this page.
fn embed_height(view: &View, parts: Parts) -> f64 {
    let height = |e: &Element| e.dyn_ref::<HtmlElement>().map_or(0.0, |h| f64::from(h.offset_height()));
    let section = |e: &Element| e.closest("details").ok().flatten().map_or(0.0, |d| height(&d));
    let dom = &view.dom;
    // The page's padding and the link back.
    let mut total = 16.0 + 30.0;
    if parts.contains(Part::Figure) {
        total += (PREVIEW_WIDTH - 16.0) * 0.75 + height(&dom.caption) + 12.0;
    }
    if parts.contains(Part::Controls) {
        total += height(&dom.tools) + height(&dom.choices) + height(&dom.timeline) + section(&dom.editors);
    }
    if parts.contains(Part::Readouts) {
        total += section(&dom.readouts) + height(&dom.chart_slot);
    }
    if parts.contains(Part::Code) {
        total += section(&dom.code);
    }
    if parts.contains(Part::Text) {
        total += dom.prose.as_ref().map_or(0.0, height);
    }
    total
}

/// The current figure drawn anew at `scale` device pixels per CSS pixel, on the figure's background
/// colour (the canvas on the page is transparent: the stylesheet paints its background).
fn png(view: &View, scale: f64) -> Res<HtmlCanvasElement> {
    let vp = *view.page.viewport();
    let drawing: HtmlCanvasElement = el("canvas", &[], None)?.dyn_into()?;
    let mut painter = CanvasPainter::new(drawing.clone())?;
    painter.palette = view.painter.palette().clone();
    painter.prepare_at(vp.width, vp.height, scale)?;
    let frame = view.page.frame();
    render(&frame.scene, &frame.marks, &vp, &mut painter);
    let picture: HtmlCanvasElement = el("canvas", &[], None)?.dyn_into()?;
    picture.set_width(drawing.width());
    picture.set_height(drawing.height());
    let ctx = context_2d(&picture)?;
    let background = window()?
        .get_computed_style(&view.dom.canvas)?
        .and_then(|style| style.get_property_value("--c-figure-bg").ok())
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "#fff".to_string());
    ctx.set_fill_style_str(&background);
    ctx.fill_rect(0.0, 0.0, f64::from(picture.width()), f64::from(picture.height()));
    ctx.draw_image_with_html_canvas_element(&drawing, 0.0, 0.0)?;
    Ok(picture)
}
