//! The reader's gestures and the browser's settings as messages: pointer, touch and wheel on the
//! canvas, the figure's tools, pointer and keys on a handle button, the reduced-motion setting and
//! the figure's size. Every listener here only sends a [`Msg`] (or, for the colours, asks for a
//! redraw).

use super::build::{focus_scrolling_math, Dom};
use super::{request_frame, restyle, send, send_now, Shared, SizeWatch};
use crate::chapter::HandleId;
use crate::math::clamp;
use crate::page::{Changes, Msg};
use crate::state::route::{parse_hash, Route};
use crate::view::viewport::Screen;
use crate::web::dom::{html, media_matches, window, Res};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlCanvasElement, HtmlInputElement, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

/// How far (CSS px) a pointer may move between press and release and still count as a click.
const CLICK_SLOP_PX: f64 = 5.0;
/// The media query of the reader's reduced-motion setting.
const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

/// The reader's reduced-motion setting now, as a message.
pub(super) fn reduced_motion() -> Msg {
    Msg::ReducedMotion(media_matches(REDUCED_MOTION))
}

/// A client (viewport) point as a canvas point in CSS px.
fn canvas_point(canvas: &HtmlCanvasElement, client_x: f64, client_y: f64) -> Screen {
    let rect = canvas.get_bounding_client_rect();
    Screen { x: client_x - rect.left(), y: client_y - rect.top() }
}

/// Like [`canvas_point`] during a handle's drag: the canvas's corner is read once per drag (and again
/// after a scroll), since reading it between two frames makes the browser lay out the page early.
fn drag_point(shared: &Shared, canvas: &HtmlCanvasElement, client_x: f64, client_y: f64) -> Screen {
    let corner = shared.canvas_corner.get().unwrap_or_else(|| {
        let rect = canvas.get_bounding_client_rect();
        let corner = Screen { x: rect.left(), y: rect.top() };
        shared.canvas_corner.set(Some(corner));
        corner
    });
    Screen { x: client_x - corner.x, y: client_y - corner.y }
}

/// The listeners that live as long as the page: canvas pan, zoom and clicks, the figure's tools, and
/// the colour and motion settings.
pub(super) fn page_listeners(dom: &Dom, link: &Weak<Shared>) -> Res<Vec<EventListener>> {
    let mut listeners = canvas_gestures(&dom.canvas, link);
    // Any scroll (of the page or of a box around the figure) moves the canvas: a drag reads its
    // corner again.
    let (w, page): (_, EventTarget) = (link.clone(), window()?.into());
    listeners.push(EventListener::new_with_options(&page, "scroll", EventListenerOptions::run_in_capture_phase(), move |_| {
        if let Some(shared) = w.upgrade() {
            shared.canvas_corner.set(None);
        }
    }));
    // A slider let go, wherever the pointer is: what waited for the slide's end is owed now.
    for kind in ["pointerup", "pointercancel"] {
        let w = link.clone();
        listeners.push(EventListener::new_with_options(&page, kind, EventListenerOptions::run_in_capture_phase(), move |_| {
            let Some(shared) = w.upgrade() else { return };
            if shared.sliding.replace(false) {
                if let Ok(mut view) = shared.view.try_borrow_mut() {
                    view.pending.merge(Changes { state: true, settled: true, ..Changes::default() });
                }
                request_frame(&shared);
            }
        }));
    }
    for (button, factor) in [(&dom.zoom_in, 1.25), (&dom.zoom_out, 0.8)] {
        let (w, canvas) = (link.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(button, "click", move |_| {
            let at = Screen { x: canvas.client_width() as f64 / 2.0, y: canvas.client_height() as f64 / 2.0 };
            send(&w, Msg::Zoom { at, factor });
        }));
    }
    for (button, msg) in [(&dom.fit, Msg::FitView), (&dom.undo, Msg::Undo), (&dom.redo, Msg::Redo), (&dom.reset, Msg::Reset)] {
        let w = link.clone();
        listeners.push(EventListener::new(button, "click", move |_| send(&w, msg.clone())));
    }
    let (w, snap) = (link.clone(), dom.snap.clone());
    listeners.push(EventListener::new(&dom.snap, "change", move |_| send(&w, Msg::Snap(snap.checked()))));
    // Reduced motion switched on or off while the page is open: the timeline steps or tweens from now on.
    if let Ok(Some(query)) = window()?.match_media(REDUCED_MOTION) {
        let w = link.clone();
        listeners.push(EventListener::new(&query, "change", move |_| send(&w, reduced_motion())));
    }
    // Theme changes: re-read the palette and redraw.
    if let Ok(Some(query)) = window()?.match_media("(prefers-color-scheme: dark)") {
        let w = link.clone();
        listeners.push(EventListener::new(&query, "change", move |_| {
            if let Some(shared) = w.upgrade() {
                restyle(&shared);
            }
        }));
    }
    Ok(listeners)
}

/// The figure's drawing area in CSS px: as wide as its column, square or as tall as the window allows.
pub(super) fn figure_size(figure: &Element) -> Option<Msg> {
    let (width, height) = (figure.client_width() as f64, figure.client_height() as f64);
    (width > 0.0 && height > 0.0).then_some(Msg::Resize { width, height })
}

/// Watches the figure's size and sends [`Msg::Resize`].
pub(super) fn watch_size(dom: &Dom, link: &Weak<Shared>) -> Res<SizeWatch> {
    let (w, figure) = (link.clone(), dom.figure.clone());
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        if let Some(resize) = figure_size(&figure) {
            send(&w, resize);
        }
        let _ = focus_scrolling_math();
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&dom.figure);
    Ok((observer, on_resize))
}

/// Pan with a mouse or pen on the empty plane (touch scrolls the page instead); Ctrl + wheel (and a
/// trackpad pinch) zooms. A press and release that barely moved, with any pointer, is a click on the
/// figure: `Msg::Place`.
fn canvas_gestures(canvas: &HtmlCanvasElement, link: &Weak<Shared>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let last = Rc::new(Cell::new(None::<(f64, f64)>));
    let pressed = Rc::new(Cell::new(None::<(f64, f64)>));
    {
        let (last, pressed, canvas2) = (last.clone(), pressed.clone(), canvas.clone());
        listeners.push(EventListener::new(canvas, "pointerdown", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if e.button() != 0 {
                return;
            }
            pressed.set(Some((e.client_x() as f64, e.client_y() as f64)));
            if e.pointer_type() != "touch" {
                let _ = canvas2.set_pointer_capture(e.pointer_id());
                last.set(Some((e.client_x() as f64, e.client_y() as f64)));
            }
        }));
    }
    {
        let (w, pressed, canvas2) = (link.clone(), pressed.clone(), canvas.clone());
        listeners.push(EventListener::new(canvas, "pointerup", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            let (x, y) = (e.client_x() as f64, e.client_y() as f64);
            if let Some((x0, y0)) = pressed.take() {
                if (x - x0).hypot(y - y0) < CLICK_SLOP_PX {
                    send(&w, Msg::Place(canvas_point(&canvas2, x, y)));
                }
            }
        }));
    }
    listeners.push(EventListener::new(canvas, "pointercancel", move |_| pressed.set(None)));
    {
        let (w, last) = (link.clone(), last.clone());
        listeners.push(EventListener::new(canvas, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if let Some((x, y)) = last.get() {
                let (nx, ny) = (e.client_x() as f64, e.client_y() as f64);
                last.set(Some((nx, ny)));
                send(&w, Msg::Pan { dx: nx - x, dy: ny - y });
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let last = last.clone();
        listeners.push(EventListener::new(canvas, kind, move |_| last.set(None)));
    }
    let (w, canvas2) = (link.clone(), canvas.clone());
    listeners.push(EventListener::new_with_options(canvas, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<WheelEvent>() else { return };
        if e.ctrl_key() || e.meta_key() {
            e.prevent_default();
            let at = canvas_point(&canvas2, e.client_x() as f64, e.client_y() as f64);
            send(&w, Msg::Zoom { at, factor: clamp(-e.delta_y() * 0.01, -1.0, 1.0).exp() });
        }
    }));
    listeners
}

/// The listeners of handle `id`'s button: pointer drag with capture, arrow keys (Shift for fine
/// steps), Delete or Backspace, focus and blur.
pub(super) fn handle_listeners(button: &Element, id: HandleId, canvas: &HtmlCanvasElement, link: &Weak<Shared>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let (w, b) = (link.clone(), button.clone());
    listeners.push(EventListener::new_with_options(button, "pointerdown", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        e.prevent_default();
        let _ = b.set_pointer_capture(e.pointer_id());
        if let Ok(h) = html(&b) {
            let _ = h.focus();
        }
        if let Some(shared) = w.upgrade() {
            shared.canvas_corner.set(None);
        }
        send(&w, Msg::DragStart(id));
    }));
    let (w, b, canvas) = (link.clone(), button.clone(), canvas.clone());
    listeners.push(EventListener::new(button, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        if let (true, Some(shared)) = (b.has_pointer_capture(e.pointer_id()), w.upgrade()) {
            send_now(&w, Msg::DragTo(drag_point(&shared, &canvas, e.client_x() as f64, e.client_y() as f64)));
        }
    }));
    for kind in ["pointerup", "pointercancel"] {
        let (w, b) = (link.clone(), button.clone());
        listeners.push(EventListener::new(button, kind, move |e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                let _ = b.release_pointer_capture(e.pointer_id());
            }
            // Applied now rather than at the next frame: readouts throttled during the drag
            // (TEXT_THROTTLE_MS) are final as soon as the pointer is released.
            send_now(&w, Msg::DragEnd);
        }));
    }
    let w = link.clone();
    listeners.push(EventListener::new_with_options(button, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
        let (dx, dy) = match e.key().as_str() {
            "Delete" | "Backspace" => {
                e.prevent_default();
                send(&w, Msg::Remove(id));
                return;
            }
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowRight" => (1.0, 0.0),
            "ArrowUp" => (0.0, 1.0),
            "ArrowDown" => (0.0, -1.0),
            _ => return,
        };
        e.prevent_default();
        send(&w, Msg::Nudge { handle: id, dx, dy, fine: e.shift_key() });
    }));
    for (kind, focused) in [("focus", true), ("blur", false)] {
        let w = link.clone();
        listeners.push(EventListener::new(button, kind, move |_| send(&w, Msg::Focus(focused.then_some(id)))));
    }
    listeners
}

/// Whether a key press on `target` belongs to a text field (its own undo applies there).
fn in_text_field(target: Option<EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        return !matches!(input.type_().as_str(), "checkbox" | "radio" | "range" | "button" | "submit" | "reset" | "color" | "file");
    }
    let editable = html(&element).is_ok_and(|h| h.is_content_editable());
    editable || matches!(element.tag_name().as_str(), "TEXTAREA" | "SELECT")
}

/// Ctrl+Z and Ctrl+Shift+Z (⌘ on macOS; Ctrl+Y too) as Undo and Redo, anywhere on `target` (the
/// window on the site, the element's own root in another page) except in a text field.
pub(super) fn history_keys(target: &EventTarget, link: &Weak<Shared>) -> EventListener {
    let w = link.clone();
    EventListener::new_with_options(target, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || e.default_prevented() || in_text_field(e.target()) {
            return;
        }
        let msg = match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
            ("z", false) => Msg::Undo,
            ("z", true) | ("y", false) => Msg::Redo,
            _ => return,
        };
        e.prevent_default();
        send(&w, msg);
    })
}

/// A plain click on a link in the explanation to this chapter (`#/<slug>?…`) sets the figure in
/// place ([`Msg::FollowLink`]) instead of opening the page again, and brings the figure into view if
/// it is not; links to other chapters (and clicks with a modifier, for a new tab) go as usual.
pub(super) fn prose_links(prose: &Element, slug: &'static str, figure: &Element, link: &Weak<Shared>) -> EventListener {
    let (w, figure) = (link.clone(), figure.clone());
    EventListener::new_with_options(prose, "click", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<MouseEvent>() else { return };
        if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let anchor = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten());
        let Some(href) = anchor.and_then(|a| a.get_attribute("href")) else { return };
        if !href.starts_with("#/") {
            return;
        }
        match parse_hash(&href) {
            Route::Chapter(target) if target.slug == slug => {
                e.prevent_default();
                send(&w, Msg::FollowLink(target));
                bring_into_view(&figure);
            }
            _ => {}
        }
    })
}

/// Scrolls the window so that `element` is in view, if it is not (entirely) already.
fn bring_into_view(element: &Element) {
    let rect = element.get_bounding_client_rect();
    let height = window().ok().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0);
    if rect.top() < 0.0 || rect.bottom() > height {
        element.scroll_into_view_with_bool(rect.top() < 0.0 || rect.height() > height);
    }
}
