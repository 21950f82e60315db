//! linalg-live: chapter 2 of *Deep Learning* (Goodfellow, Bengio & Courville) as interactive figures.
//!
//! Everything but [`web`] is plain Rust that builds and tests natively: the maths ([`math`]), what a
//! chapter is ([`chapter`]) and the twelve chapters ([`chapters`]), input validation ([`state`]), what to draw ([`view`]), the page state machine
//! ([`page`]). The `web` module, compiled only for wasm32, is the one place that touches the browser.

pub mod chapter;
pub mod chapters;
pub mod decimal;
pub mod engine;
pub mod format;
pub mod host_api;
pub mod json;
/// The numerics, a crate of its own (crates/linalg-math) compiled for speed while the rest is compiled
/// for size; it depends on nothing of the app.
pub use linalg_math as math;
pub mod notebook;
pub mod page;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod readout;
pub mod share;
pub mod state;
pub mod theme;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;
