//! The two number conversions that the WebAssembly build borrows from the JavaScript engine it runs
//! in, so that the module does not carry Rust's own: the shortest round-trip text of a double
//! (`core::fmt`'s Grisu and Dragon4) and a correctly rounded decimal-to-double conversion (`dec2flt`,
//! whose table of powers of five alone is 10 KB gzipped). Natively they are Rust's. In the browser they
//! give Rust's results but for one case, which [`crate::decimal`] settles: an exact tie between two
//! shortest candidates, where V8 takes the lower digit (`tests/web.rs` checks both conversions against
//! Rust's there); [`crate::decimal`] and [`crate::state::number`] are the only callers. This is the one file outside `src/web` that names
//! `js_sys`, and it uses nothing of the browser, only the language's `Number`.

/// The shortest decimal text that reads back as a positive finite `x`, in the engine's layout
/// (`123.5`, `1.5e-7`, `1e+21` in JavaScript; `1.235e2` natively).
#[cfg(target_arch = "wasm32")]
pub fn shortest_text(x: f64) -> String {
    js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// The shortest decimal text that reads back as a positive finite `x`, in the engine's layout
/// (`123.5`, `1.5e-7`, `1e+21` in JavaScript; `1.235e2` natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn shortest_text(x: f64) -> String {
    format!("{x:e}")
}

/// The double nearest to a decimal text of the contract's grammar (checked by the caller), infinite
/// when it overflows. (JavaScript's `parseFloat` on such text is `Number()`, correctly rounded in V8
/// and every engine we know; the language asks it for up to 20 significant digits.)
#[cfg(target_arch = "wasm32")]
pub fn decimal_to_f64(text: &str) -> f64 {
    js_sys::Number::parse_float(text)
}

/// The double nearest to a decimal text of the contract's grammar (checked by the caller), infinite
/// when it overflows.
#[cfg(not(target_arch = "wasm32"))]
pub fn decimal_to_f64(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}
