//! The reader's own picture, where a chapter takes one (the SVD page's picture tab): a file picker,
//! a drop on the figure and a paste on the page, each decoded by the browser (`createImageBitmap`),
//! refused with a sentence when it is not a usable picture, drawn scaled onto a canvas (the long side
//! at most 512 or 1024 px, transparent parts on white) and handed to the page as RGBA bytes. The
//! page computes it in slices, one per frame (`Msg::PictureStep`), shown here by a progress bar with
//! a Cancel button. Nothing is uploaded or stored.

use super::{send, Shared};
use crate::chapter::picture::{scaled_size, PictureFile, LARGE_LONG_SIDE, LONG_SIDE};
use crate::page::{Msg, Page};
use crate::web::dom::{add, offscreen_canvas, set_attr, set_hidden, set_text, window, Res};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ClipboardEvent, DragEvent, Element, File, HtmlInputElement, HtmlProgressElement, ImageBitmap};

/// The picture controls under the figure (hidden where the state takes no picture).
pub(super) struct PicturePanel {
    root: Element,
    input: HtmlInputElement,
    grey: HtmlInputElement,
    large: HtmlInputElement,
    busy: Element,
    progress: HtmlProgressElement,
    status: Element,
    cancel: Element,
    alert: Element,
    /// The last file read and its name, read again at the other size when "1024 px" changes while
    /// the page shows it.
    last: Rc<RefCell<Option<(Blob, String)>>>,
}

impl PicturePanel {
    /// Builds the controls into `parent`, hidden.
    pub(super) fn build(parent: &Element) -> Res<PicturePanel> {
        let root = add(parent, "div", &[("class", "picture-panel"), ("hidden", "")], None)?;
        let row = add(&root, "div", &[("class", "picture-row")], None)?;
        let pick = add(&row, "label", &[("class", "picture-pick")], None)?;
        add(&pick, "span", &[], Some("Use your own picture…"))?;
        let input: HtmlInputElement =
            add(&pick, "input", &[("type", "file"), ("accept", "image/*"), ("data-picture-input", "")], None)?.dyn_into()?;
        let check = |text: &str, name: &str| -> Res<HtmlInputElement> {
            let label = add(&row, "label", &[("class", "check")], None)?;
            let input = add(&label, "input", &[("type", "checkbox"), (name, "")], None)?.dyn_into()?;
            add(&label, "span", &[], Some(text))?;
            Ok(input)
        };
        let grey = check("Greyscale (one SVD)", "data-picture-grey")?;
        let large = check("1024 px (slower)", "data-picture-large")?;
        add(
            &root,
            "p",
            &[("class", "picture-note")],
            Some(&format!(
                "Choose, drop or paste a picture: this browser reads it, scales its long side to {LONG_SIDE} px (or {LARGE_LONG_SIDE}) and compresses each colour channel by its top singular values. It is never uploaded or stored, and the link keeps only the built-in picture and k."
            )),
        )?;
        let busy = add(&root, "div", &[("class", "picture-busy"), ("hidden", "")], None)?;
        let progress: HtmlProgressElement =
            add(&busy, "progress", &[("max", "1"), ("value", "0"), ("aria-label", "Computing the picture's singular values")], None)?
                .dyn_into()?;
        let status = add(&busy, "span", &[("class", "picture-status")], None)?;
        let cancel = add(&busy, "button", &[("type", "button"), ("class", "picture-cancel")], Some("Cancel"))?;
        let alert = add(&root, "p", &[("class", "alert picture-alert"), ("role", "alert"), ("hidden", "")], None)?;
        Ok(PicturePanel { root, input, grey, large, busy, progress, status, cancel, alert, last: Rc::default() })
    }

    /// Listens to the picker, the switches and Cancel, to drops on `figure` and to pastes in `pastes`
    /// (the window on the site, the element in a host page).
    pub(super) fn wire(&self, figure: &Element, pastes: &web_sys::EventTarget, link: &Weak<Shared>) -> Vec<EventListener> {
        let mut listeners = Vec::new();
        let (w, input, large, last) = (link.clone(), self.input.clone(), self.large.clone(), self.last.clone());
        listeners.push(EventListener::new(&self.input, "change", move |_| {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read(&w, &last, file.clone().into(), file.name(), long_side(&large));
            }
            // The same file chosen again is a new choice.
            input.set_value("");
        }));
        let (w, grey) = (link.clone(), self.grey.clone());
        listeners.push(EventListener::new(&self.grey, "change", move |_| send(&w, Msg::Greyscale(grey.checked()))));
        let w = link.clone();
        listeners.push(EventListener::new(&self.cancel, "click", move |_| send(&w, Msg::CancelPicture)));
        let (w, root, large, last) = (link.clone(), self.root.clone(), self.large.clone(), self.last.clone());
        listeners.push(EventListener::new(&self.large, "change", move |_| {
            // The reader's picture shown now is read again at the new size.
            let again = last.borrow().clone().filter(|_| root.has_attribute("data-own"));
            if let Some((blob, name)) = again {
                read(&w, &last, blob, name, long_side(&large));
            }
        }));
        let active = EventListenerOptions::enable_prevent_default();
        let root = self.root.clone();
        listeners.push(EventListener::new_with_options(figure, "dragover", active, move |e| {
            if !root.has_attribute("hidden") {
                e.prevent_default();
            }
        }));
        let (w, root, large, last) = (link.clone(), self.root.clone(), self.large.clone(), self.last.clone());
        listeners.push(EventListener::new_with_options(figure, "drop", active, move |e| {
            let files = e.dyn_ref::<DragEvent>().and_then(DragEvent::data_transfer).and_then(|d| d.files());
            if let (false, Some(file)) = (root.has_attribute("hidden"), files.and_then(|f| f.get(0))) {
                e.prevent_default();
                read(&w, &last, file.clone().into(), file.name(), long_side(&large));
            }
        }));
        let (w, root, large, last) = (link.clone(), self.root.clone(), self.large.clone(), self.last.clone());
        listeners.push(EventListener::new_with_options(pastes, "paste", active, move |e| {
            let files = e.dyn_ref::<ClipboardEvent>().and_then(ClipboardEvent::clipboard_data).and_then(|d| d.files());
            let image = files.and_then(|f| f.get(0)).filter(|f: &File| f.type_().starts_with("image/"));
            // Only a pasted picture, and only where one is taken: pasted text goes to the editors.
            if let (false, Some(file)) = (root.has_attribute("hidden"), image) {
                e.prevent_default();
                read(&w, &last, file.into(), "pasted picture".to_string(), long_side(&large));
            }
        }));
        listeners
    }

    /// Shows the controls where the page takes a picture, the progress of one being computed, and
    /// why the last one was refused.
    pub(super) fn update(&self, page: &Page) -> Res<()> {
        set_hidden(&self.root, !page.takes_picture())?;
        // Marks that the reader's picture is shown (so "1024 px" reads it again).
        match page.chapter().own_picture() {
            Some(_) => set_attr(&self.root, "data-own", "")?,
            None => self.root.remove_attribute("data-own")?,
        }
        if self.grey.checked() != page.greyscale() {
            self.grey.set_checked(page.greyscale());
        }
        match page.picture_progress() {
            Some((name, progress)) => {
                set_hidden(&self.busy, false)?;
                self.progress.set_value(progress);
                set_text(&self.status, &format!("Computing “{name}”: {} %", (progress * 100.0).floor() as u32));
            }
            None => set_hidden(&self.busy, true)?,
        }
        set_hidden(&self.alert, page.picture_problem().is_none())?;
        set_text(&self.alert, page.picture_problem().unwrap_or(""));
        Ok(())
    }
}

/// The long side asked for: 1024 px when the switch is on, else 512.
fn long_side(large: &HtmlInputElement) -> usize {
    if large.checked() {
        LARGE_LONG_SIDE
    } else {
        LONG_SIDE
    }
}

/// Decodes `blob` in the background and sends the picture, or the reason it was refused; a picture
/// read becomes the last file read.
fn read(link: &Weak<Shared>, last: &Rc<RefCell<Option<(Blob, String)>>>, blob: Blob, name: String, long_side: usize) {
    let (link, last) = (link.clone(), last.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let msg = match decode(&blob, &name, long_side).await {
            Ok(file) => {
                *last.borrow_mut() = Some((blob, name));
                Msg::PictureChosen(file)
            }
            Err(why) => Msg::PictureRefused(why),
        };
        send(&link, msg);
    });
}

/// The picture in `blob` scaled to `long_side`, as the page takes it, or a sentence saying why not.
async fn decode(blob: &Blob, name: &str, long_side: usize) -> Result<PictureFile, String> {
    let unreadable = |_| format!("“{name}” could not be read as a picture: it is not an image, or it is damaged. The picture shown stays.");
    let promise = window().and_then(|w| w.create_image_bitmap_with_blob(blob)).map_err(unreadable)?;
    let bitmap: ImageBitmap = JsFuture::from(promise).await.map_err(unreadable)?.dyn_into().map_err(unreadable)?;
    let (width, height) = (bitmap.width() as usize, bitmap.height() as usize);
    let scaled = scaled_size(width, height, long_side).map_err(|why| format!("“{name}”: {why} The picture shown stays."));
    let result = scaled.and_then(|(w, h)| {
        let rgba = draw(&bitmap, w, h).map_err(|_| format!("“{name}” could not be drawn at {w}×{h} pixels. The picture shown stays."))?;
        PictureFile::new(name, (width, height), w, h, rgba)
    });
    bitmap.close();
    result
}

/// The picture drawn at `width` × `height` on white, as RGBA bytes.
fn draw(bitmap: &ImageBitmap, width: usize, height: usize) -> Res<Vec<u8>> {
    let (canvas, ctx) = offscreen_canvas()?;
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, width as f64, height as f64);
    ctx.set_image_smoothing_enabled(true);
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, width as f64, height as f64)?;
    Ok(ctx.get_image_data(0.0, 0.0, width as f64, height as f64)?.data().0)
}
