//! Validation of everything a reader can type or link: numbers, matrices, the URL hash.
//! Every user-derived value passes through here before it reaches the math.

pub mod csv;
pub mod matrix;
pub mod number;
pub mod route;
pub mod typed;
