//! When the view runs next: at the next animation frame, or after a while (the words a gesture owes,
//! which wait for their turn without asking for every frame until then). Each way has one callback,
//! made when the view mounts, so that asking allocates nothing; dropping cancels what was asked.

use super::super::dom::window;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// The view's animation frame and timer: at most one of each is asked at a time.
pub(super) struct Wake {
    frame: Cell<Option<i32>>,
    timer: Cell<Option<i32>>,
    on_frame: Closure<dyn FnMut()>,
    on_timer: Closure<dyn FnMut()>,
}

impl Wake {
    /// A frame calls `on_frame`, a timer `on_timer`; each must first say it came
    /// ([`Wake::frame_came`], [`Wake::timer_came`]).
    pub(super) fn new(on_frame: impl FnMut() + 'static, on_timer: impl FnMut() + 'static) -> Wake {
        Wake { frame: Cell::new(None), timer: Cell::new(None), on_frame: Closure::new(on_frame), on_timer: Closure::new(on_timer) }
    }

    /// Asks for the next animation frame, unless it is asked already.
    pub(super) fn frame(&self) {
        if self.frame.get().is_none() {
            let asked = window().and_then(|w| w.request_animation_frame(self.on_frame.as_ref().unchecked_ref()));
            self.frame.set(asked.ok());
        }
    }

    /// Asks for the timer in `ms`, unless a timer is asked already (it comes no later).
    pub(super) fn after(&self, ms: f64) {
        if self.timer.get().is_none() {
            let callback = self.on_timer.as_ref().unchecked_ref();
            // Whole milliseconds, rounded up: a timer a little early would find the words not yet due.
            let asked = window().and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms.max(0.0).ceil() as i32));
            self.timer.set(asked.ok());
        }
    }

    /// The frame asked came: a new one may be asked.
    pub(super) fn frame_came(&self) {
        self.frame.set(None);
    }

    /// The timer asked came: a new one may be asked.
    pub(super) fn timer_came(&self) {
        self.timer.set(None);
    }

    /// Cancels the frame and the timer asked, if any.
    pub(super) fn cancel(&self) {
        let Ok(window) = window() else { return };
        if let Some(id) = self.frame.take() {
            let _ = window.cancel_animation_frame(id);
        }
        if let Some(id) = self.timer.take() {
            window.clear_timeout_with_handle(id);
        }
    }
}

impl Drop for Wake {
    fn drop(&mut self) {
        self.cancel();
    }
}
