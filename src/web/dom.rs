//! Small DOM helpers: create elements, set text and attributes. User text only ever goes in as text.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement, Window};

/// The DOM's result type: a JS exception as the error.
pub type Res<T> = Result<T, JsValue>;

/// The browser window.
pub fn window() -> Res<Window> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// The document.
pub fn document() -> Res<Document> {
    window()?.document().ok_or_else(|| JsValue::from_str("no document"))
}

/// The 2-D drawing context of `canvas`.
///
/// `canvas` may be an `OffscreenCanvas` seen as a canvas element (see [`offscreen_canvas`]); its
/// context is then an `OffscreenCanvasRenderingContext2D`, which has every member the painters use.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Res<CanvasRenderingContext2d> {
    Ok(canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d context"))?.unchecked_into())
}

/// A new canvas that is not in the page, and its 2-D context: a `<canvas>` element where there is a
/// document, an `OffscreenCanvas` in the figure's worker. web-sys calls the members of both by name,
/// so the painters use either through the element's type (size, context, and as a picture to copy).
pub fn offscreen_canvas() -> Res<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = match document() {
        Ok(document) => document.create_element("canvas")?.dyn_into()?,
        Err(_) => web_sys::OffscreenCanvas::new(1, 1)?.unchecked_into(),
    };
    let ctx = context_2d(&canvas)?;
    Ok((canvas, ctx))
}

/// Creates `<tag>` with attributes and optional text content.
pub fn el(tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Res<Element> {
    let e = document()?.create_element(tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

/// Creates an element and appends it to `parent`.
pub fn add(parent: &Element, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Res<Element> {
    let e = el(tag, attrs, text)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Sets text content only when it differs (avoids needless layout work). An element that holds one
/// text node keeps it and changes its characters: replacing the node would cost the browser a style
/// pass and a new layout object as well.
pub fn set_text(e: &Element, text: &str) {
    let only = e.first_child().filter(|child| child.next_sibling().is_none());
    if let Some(node) = only.and_then(|child| child.dyn_into::<web_sys::Text>().ok()) {
        if node.data() != text {
            node.set_data(text);
        }
    } else if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// Sets an attribute only when it differs.
pub fn set_attr(e: &Element, name: &str, value: &str) -> Res<()> {
    if e.get_attribute(name).as_deref() != Some(value) {
        e.set_attribute(name, value)?;
    }
    Ok(())
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(e: &Element, hidden: bool) -> Res<()> {
    match (hidden, e.has_attribute("hidden")) {
        (true, false) => e.set_attribute("hidden", ""),
        (false, true) => e.remove_attribute("hidden"),
        _ => Ok(()),
    }
}

/// The element as an `HtmlElement` (for style and focus).
pub fn html(e: &Element) -> Res<HtmlElement> {
    e.clone().dyn_into::<HtmlElement>().map_err(|_| JsValue::from_str("not an HTML element"))
}

/// Whether a media query matches now (false when the browser cannot tell).
pub fn media_matches(query: &str) -> bool {
    window().ok().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

thread_local! {
    /// The window's clock, looked up once (every frame reads it).
    static CLOCK: Option<web_sys::Performance> = window().ok().and_then(|w| w.performance());
}

/// Milliseconds since page load.
pub fn now_ms() -> f64 {
    CLOCK.with(|clock| clock.as_ref().map_or(0.0, |p| p.now()))
}
