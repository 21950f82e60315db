//! The share dialog of a chapter page: a native modal `<dialog>` (focus stays inside, Escape closes,
//! focus returns to the Share button) offering the link, the iframe and custom-element snippets
//! (built in [`crate::share`], shown only as text), the figure as PNG and SVG downloads, and the
//! state as a Jupyter notebook.

use super::dom::{add, set_text, window, Res};
use super::download;
use crate::decimal::display;
use crate::share::Snippets;
use crate::state::parts::{Part, Parts};
use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, Element, HtmlCanvasElement, HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// What the dialog shares, read when it is used (so it is always the current state).
pub struct ShareSource {
    /// The snippets for the current state, with the embeds showing these parts.
    pub snippets: Box<dyn Fn(Parts) -> Option<Snippets>>,
    /// About how tall an embed of these parts is in a frame [`PREVIEW_WIDTH`] px wide, in px.
    pub height: Box<dyn Fn(Parts) -> Option<f64>>,
    /// The current figure drawn at this many device pixels per CSS px, on its background.
    pub png: Box<dyn Fn(f64) -> Res<HtmlCanvasElement>>,
    /// The current figure as an SVG document.
    pub svg: Box<dyn Fn() -> Option<String>>,
    /// Builds and saves the current state's notebook (the code panel's button does the same).
    pub notebook: Box<dyn Fn() -> Res<()>>,
    /// The downloads' file name without extension, e.g. `linalg-live-svd`.
    pub file_stem: String,
}

/// The frame width the size preview assumes, in CSS px (a common blog column).
pub const PREVIEW_WIDTH: f64 = 640.0;

/// The PNG's pixels per CSS px: at least 2, more on a denser screen.
const PNG_SCALE: f64 = 2.0;

/// The dialog's listeners; dropping it unwires the dialog.
pub struct ShareDialog {
    _listeners: Vec<EventListener>,
}

/// One copyable text: its field and its Copy button.
struct Field {
    area: HtmlTextAreaElement,
    button: Element,
    done: &'static str,
}

impl ShareDialog {
    /// Adds the Share button to `toolbar` and the dialog to `container`.
    pub fn build(toolbar: &Element, container: &Element, source: ShareSource) -> Res<ShareDialog> {
        let open = add(toolbar, "button", &[("type", "button"), ("class", "share"), ("aria-haspopup", "dialog")], Some("Share"))?;
        let dialog: HtmlDialogElement =
            add(container, "dialog", &[("class", "share-dialog"), ("aria-label", "Share this figure")], None)?.dyn_into()?;
        let head = add(&dialog, "div", &[("class", "share-head")], None)?;
        add(&head, "h2", &[], Some("Share this figure"))?;
        let close = add(&head, "button", &[("type", "button"), ("class", "close")], Some("Close"))?;
        let field = |label: &str, class: &str, rows: &str, button: &str, done: &'static str| -> Res<Field> {
            let item = add(&dialog, "div", &[("class", "share-item")], None)?;
            let lab = add(&item, "label", &[], None)?;
            add(&lab, "span", &[], Some(label))?;
            let area: HtmlTextAreaElement =
                add(&lab, "textarea", &[("class", class), ("readonly", ""), ("rows", rows), ("spellcheck", "false")], None)?.dyn_into()?;
            let button = add(&item, "button", &[("type", "button"), ("class", "copy")], Some(button))?;
            Ok(Field { area, button, done })
        };
        let link = field("Link", "link", "2", "Copy link", "Link copied.")?;
        // What the embeds show: ticked parts, with the size they come to.
        let choose = add(&dialog, "fieldset", &[("class", "share-parts")], None)?;
        add(&choose, "legend", &[], Some("Embed these parts"))?;
        let mut boxes: Vec<(Part, HtmlInputElement)> = Vec::new();
        for part in Part::ALL {
            let label = add(&choose, "label", &[("class", "check")], None)?;
            let input: HtmlInputElement = add(&label, "input", &[("type", "checkbox"), ("value", part.name())], None)?.dyn_into()?;
            input.set_checked(Parts::EMBED.contains(part));
            add(&label, "span", &[], Some(part.name()))?;
            boxes.push((part, input));
        }
        let size = add(&choose, "p", &[("class", "share-size")], None)?;
        let fields = [
            link,
            field("Embed (iframe)", "code", "7", "Copy iframe code", "Iframe code copied.")?,
            field("Custom element", "code", "3", "Copy element code", "Element code copied.")?,
        ];
        let downloads = add(&dialog, "div", &[("class", "share-downloads")], None)?;
        let png = add(&downloads, "button", &[("type", "button"), ("data-download", "png")], Some("Download PNG"))?;
        let svg = add(&downloads, "button", &[("type", "button"), ("data-download", "svg")], Some("Download SVG"))?;
        let notebook = add(&downloads, "button", &[("type", "button"), ("data-download", "ipynb")], Some("Download notebook"))?;
        let status = add(&dialog, "p", &[("class", "share-status"), ("role", "status")], None)?;

        let mut listeners = Vec::new();
        let source = std::rc::Rc::new(source);
        // Fills the fields and the size for the ticked parts.
        let fill = {
            let (source, size) = (source.clone(), size.clone());
            let areas: Vec<HtmlTextAreaElement> = fields.iter().map(|f| f.area.clone()).collect();
            let boxes = boxes.clone();
            std::rc::Rc::new(move || {
                let parts = boxes.iter().filter(|(_, b)| b.checked()).fold(Parts::NONE, |parts, (p, _)| parts.with(*p));
                if parts == Parts::NONE {
                    set_text(&size, "Tick at least one part: the snippets keep the last choice.");
                    return;
                }
                if let Some(s) = (source.snippets)(parts) {
                    for (area, text) in areas.iter().zip([&s.link, &s.iframe, &s.element]) {
                        area.set_value(text);
                    }
                }
                let text = (source.height)(parts)
                    .map(|h| format!("About {} px tall in a frame {} px wide.", display((h / 10.0).round() * 10.0), display(PREVIEW_WIDTH)))
                    .unwrap_or_default();
                set_text(&size, &text);
            })
        };
        for (_, b) in &boxes {
            let fill = fill.clone();
            listeners.push(EventListener::new(b, "change", move |_| fill()));
        }
        {
            let (dialog, status) = (dialog.clone(), status.clone());
            let fill = fill.clone();
            listeners.push(EventListener::new(&open, "click", move |_| {
                fill();
                set_text(&status, "");
                if !dialog.open() {
                    let _ = dialog.show_modal();
                }
            }));
        }
        {
            let dialog = dialog.clone();
            listeners.push(EventListener::new(&close, "click", move |_| dialog.close()));
        }
        {
            // Escape and Close both end in `close`: give the focus back to the button that opened it.
            let open = open.clone();
            listeners.push(EventListener::new(&dialog, "close", move |_| {
                if let Some(b) = open.dyn_ref::<HtmlElement>() {
                    let _ = b.focus();
                }
            }));
        }
        for f in &fields {
            let (area, status, done) = (f.area.clone(), status.clone(), f.done);
            listeners.push(EventListener::new(&f.button, "click", move |_| copy(area.clone(), status.clone(), done)));
        }
        {
            let source = source.clone();
            listeners.push(EventListener::new(&png, "click", move |_| {
                let name = format!("{}.png", source.file_stem);
                let saved = Closure::once_into_js(move |blob: JsValue| {
                    if let Ok(blob) = blob.dyn_into::<Blob>() {
                        let _ = download::blob(&blob, &name);
                    }
                });
                let scale = window().map_or(1.0, |w| w.device_pixel_ratio()).max(PNG_SCALE);
                match (source.png)(scale) {
                    Ok(picture) => {
                        let _ = picture.to_blob(saved.unchecked_ref());
                    }
                    Err(e) => web_sys::console::warn_1(&e),
                }
            }));
        }
        {
            let source = source.clone();
            listeners.push(EventListener::new(&svg, "click", move |_| {
                let Some(text) = (source.svg)() else { return };
                let _ = download::text(&text, "image/svg+xml", &format!("{}.svg", source.file_stem));
            }));
        }
        {
            let (source, status) = (source.clone(), status.clone());
            listeners.push(EventListener::new(&notebook, "click", move |_| match (source.notebook)() {
                Ok(()) => set_text(&status, ""),
                Err(e) => {
                    web_sys::console::warn_1(&e);
                    set_text(&status, download::NOTEBOOK_FAILED);
                }
            }));
        }
        Ok(ShareDialog { _listeners: listeners })
    }
}

/// Puts a field's text on the clipboard; where the browser refuses, selects it for Ctrl+C instead.
fn copy(area: HtmlTextAreaElement, status: Element, done: &'static str) {
    let text = area.value();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match window() {
            Ok(w) => wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&text)).await.map(|_| ()),
            Err(e) => Err(e),
        };
        if result.is_ok() {
            set_text(&status, done);
        } else {
            let _ = area.focus();
            area.select();
            set_text(&status, "The browser did not allow copying: the text is selected, press Ctrl+C (⌘C) to copy it.");
        }
    });
}
