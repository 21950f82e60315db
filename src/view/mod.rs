//! What to draw, and how a state maps to the screen: pure, no browser types.

pub mod chart;
pub mod commands;
pub mod labels;
pub mod matplotlib;
pub mod render;
pub mod scene;
pub mod space;
pub mod svg;
pub mod timeline;
pub mod viewport;
