//! The handle buttons over the canvas: one focusable `<button data-handle="A:0">` per draggable point
//! the page lists, created and removed as the handles change, placed by a CSS transform, labelled with
//! the point's value. Each button keeps its [`HandleId`], so nothing is parsed back from the page.

use super::build::Dom;
use super::input::handle_listeners;
use super::Shared;
use crate::chapter::{Handle, HandleId};
use crate::decimal::fixed;
use crate::state::number::format_number;
use crate::view::viewport::Viewport;
use crate::web::dom::{el, html, Res};
use gloo_events::EventListener;
use std::rc::Weak;
use web_sys::{Element, HtmlCanvasElement};

/// The buttons over the canvas, in the page's order (the most important first).
pub(super) struct HandleLayer {
    layer: Element,
    canvas: HtmlCanvasElement,
    buttons: Vec<HandleButton>,
}

/// A handle's button and what it moves.
struct HandleButton {
    id: HandleId,
    element: Element,
    /// The transform and stacking last written, so unchanged handles cost no style work.
    placed: String,
    /// The name, coordinates and visibility last written, so that a frame writes only what changed
    /// and reads nothing back from the page.
    written: (String, String, String, bool),
    _listeners: Vec<EventListener>,
}

impl HandleLayer {
    /// An empty layer over the page's canvas.
    pub fn new(dom: &Dom) -> HandleLayer {
        HandleLayer { layer: dom.handle_layer.clone(), canvas: dom.canvas.clone(), buttons: Vec::new() }
    }

    /// Removes every button's listeners (the view is going away).
    pub fn clear(&mut self) {
        self.buttons.clear();
    }

    /// Creates, moves and labels the buttons to match the page's handles (as its frame lists them)
    /// in its viewport `vp`.
    pub fn sync(&mut self, handles: &[Handle], vp: &Viewport, link: &Weak<Shared>) -> Res<()> {
        let ids: Vec<HandleId> = handles.iter().map(|h| h.id).collect();
        if !self.buttons.iter().map(|b| b.id).eq(ids.iter().copied()) {
            self.restructure(&ids, link)?;
        }
        let count = handles.len();
        for (i, (h, b)) in handles.iter().zip(self.buttons.iter_mut()).enumerate() {
            let at = vp.to_screen(h.at);
            let visible = at.x >= 0.0 && at.y >= 0.0 && at.x <= vp.width && at.y <= vp.height;
            let transform = format!("translate({}px, {}px)", fixed(at.x, 1), fixed(at.y, 1));
            // Where handles overlap, the most important one (listed first) is on top.
            let placed = format!("{transform} {}", count - i);
            if b.placed != placed {
                let style = html(&b.element)?.style();
                style.set_property("transform", &transform)?;
                style.set_property("z-index", &(count - i).to_string())?;
                b.placed = placed;
            }
            let written =
                (format!("{}. Arrow keys move it, Shift for fine steps.", h.label), format_number(h.at.x), format_number(h.at.y), !visible);
            if b.written.0 != written.0 {
                b.element.set_attribute("aria-label", &written.0)?;
            }
            if b.written.1 != written.1 {
                b.element.set_attribute("data-x", &written.1)?;
            }
            if b.written.2 != written.2 {
                b.element.set_attribute("data-y", &written.2)?;
            }
            if b.written.3 != written.3 || b.written.0.is_empty() {
                b.element.class_list().toggle_with_force("offscreen", written.3)?;
            }
            b.written = written;
        }
        Ok(())
    }

    /// Makes the buttons exactly `ids`, in that order, keeping the ones that stay (the focused or
    /// dragged one keeps its keyboard focus and pointer capture).
    fn restructure(&mut self, ids: &[HandleId], link: &Weak<Shared>) -> Res<()> {
        self.buttons.retain(|b| {
            let keep = ids.contains(&b.id);
            if !keep {
                b.element.remove();
            }
            keep
        });
        for &id in ids {
            if !self.buttons.iter().any(|b| b.id == id) {
                let button = self.make(id, link)?;
                self.buttons.push(button);
            }
        }
        crate::math::order::sort_by_key(&mut self.buttons, |b| ids.iter().position(|i| *i == b.id));
        // DOM order is tab order: the most important handle first.
        for b in &self.buttons {
            self.layer.append_child(&b.element)?;
        }
        Ok(())
    }

    /// A focusable button for handle `id`, with its pointer and key listeners.
    fn make(&self, id: HandleId, link: &Weak<Shared>) -> Res<HandleButton> {
        let element = el("button", &[("type", "button"), ("class", "handle"), ("data-handle", &id.to_string())], None)?;
        self.layer.append_child(&element)?;
        let listeners = handle_listeners(&element, id, &self.canvas, link);
        Ok(HandleButton { id, element, placed: String::new(), written: Default::default(), _listeners: listeners })
    }
}
