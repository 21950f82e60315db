//! The reader's gestures and the browser's settings as messages: pointer, touch and wheel on the
//! canvas, the figure's tools, pointer and keys on a handle button, the reduced-motion setting and
//! the figure's size. Every listener here only sends a [`Msg`] (or, for the colours, asks for a
//! redraw).

use super::build::{focus_scrolling_math, Dom};
use super::{on_frame, restyle, send, Shared, SizeWatch};
use crate::chapter::HandleId;
use crate::page::Msg;
use crate::view::viewport::Screen;
use crate::web::dom::{html, media_matches, window, Res};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, KeyboardEvent, PointerEvent, WheelEvent};

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

/// The listeners that live as long as the page: canvas pan, zoom and clicks, the figure's tools, and
/// the colour and motion settings.
pub(super) fn page_listeners(dom: &Dom, link: &Weak<Shared>) -> Res<Vec<EventListener>> {
    let mut listeners = canvas_gestures(&dom.canvas, link);
    for (button, factor) in [(&dom.zoom_in, 1.25), (&dom.zoom_out, 0.8)] {
        let (w, canvas) = (link.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(button, "click", move |_| {
            let at = Screen { x: canvas.client_width() as f64 / 2.0, y: canvas.client_height() as f64 / 2.0 };
            send(&w, Msg::Zoom { at, factor });
        }));
    }
    let w = link.clone();
    listeners.push(EventListener::new(&dom.fit, "click", move |_| send(&w, Msg::FitView)));
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

/// Watches the figure's size (it is square and as wide as its column) and sends [`Msg::Resize`].
pub(super) fn watch_size(dom: &Dom, link: &Weak<Shared>) -> Res<SizeWatch> {
    let (w, figure) = (link.clone(), dom.figure.clone());
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let width = figure.client_width() as f64;
        if width > 0.0 {
            send(&w, Msg::Resize { width, height: width });
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
            send(&w, Msg::Zoom { at, factor: (-e.delta_y() * 0.01).clamp(-1.0, 1.0).exp() });
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
        send(&w, Msg::DragStart(id));
    }));
    let (w, b, canvas) = (link.clone(), button.clone(), canvas.clone());
    listeners.push(EventListener::new(button, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        if b.has_pointer_capture(e.pointer_id()) {
            send(&w, Msg::DragTo(canvas_point(&canvas, e.client_x() as f64, e.client_y() as f64)));
        }
    }));
    for kind in ["pointerup", "pointercancel"] {
        let (w, b) = (link.clone(), button.clone());
        listeners.push(EventListener::new(button, kind, move |e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                let _ = b.release_pointer_capture(e.pointer_id());
            }
            send(&w, Msg::DragEnd);
            // Apply it now rather than at the next frame: readouts throttled during the drag
            // (TEXT_THROTTLE_MS) are final as soon as the pointer is released.
            if let Some(shared) = w.upgrade() {
                on_frame(&shared);
            }
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
