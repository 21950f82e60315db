//! What to draw, and how a state maps to the screen: pure, no browser types.

pub mod render;
pub mod scene;
pub mod timeline;
pub mod viewport;
