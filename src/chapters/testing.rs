//! Helpers shared by the chapters' unit tests: open a chapter from URL parameters and read its
//! readouts, and the property every page must keep (readouts finite or null with a reason).

use super::{find, from_params, Chapter};
use crate::readout::{Readout, Value};
use crate::view::timeline::Timeline;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Opens chapter `slug` from URL parameters; panics if a parameter is rejected.
pub fn open(slug: &str, params: &[(&str, &str)]) -> Box<dyn Chapter> {
    let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let (chapter, problems) = from_params(find(slug).expect("a known slug"), &params).expect("a built chapter");
    assert!(problems.is_empty(), "{problems:?}");
    chapter
}

/// The problems reported for a link to chapter `slug` with these parameters.
pub fn problems(slug: &str, params: &[(&str, &str)]) -> Vec<String> {
    let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    from_params(find(slug).expect("a known slug"), &params).expect("a built chapter").1
}

/// The readout called `name`; panics if there is none.
pub fn readout(chapter: &dyn Chapter, name: &str) -> Readout {
    chapter.readouts().into_iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no readout {name}"))
}

/// The value of the readout called `name`.
pub fn value(chapter: &dyn Chapter, name: &str) -> Value {
    readout(chapter, name).value
}

/// The number in the readout called `name`; panics if it is not a number.
pub fn number(chapter: &dyn Chapter, name: &str) -> f64 {
    match value(chapter, name) {
        Value::Number(x) => x,
        v => panic!("{name} is {v:?}"),
    }
}

/// Whether every number inside a value is finite (null and booleans are fine).
pub fn finite_or_null(v: &Value) -> bool {
    match v {
        Value::Number(x) => x.is_finite(),
        Value::Vector(xs) => xs.iter().all(|x| x.is_finite()),
        Value::Matrix(rows) => rows.iter().flatten().all(|x| x.is_finite()),
        Value::List(items) => items.iter().all(finite_or_null),
        Value::Complex { re, im } => re.is_finite() && im.is_finite(),
        Value::Null | Value::Bool(_) => true,
    }
}

/// Every readout is finite or null with a reason, and drawing, code and summary do not panic.
pub fn check_everything(c: &dyn Chapter) -> Result<(), TestCaseError> {
    for r in c.readouts() {
        prop_assert!(finite_or_null(&r.value), "{} = {:?}", r.name, r.value);
        prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
    }
    let mut t = Timeline::new(c.stages().len());
    t.scrub(c.stages().len() as f64 / 2.0);
    let _ = c.scene(&t);
    let _ = (c.summary(), c.code(), c.figure_note(), c.handles());
    let (lo, hi) = c.content_bounds();
    prop_assert!(lo.iter().chain(hi.iter()).all(|x| x.is_finite()), "bounds {lo:?} {hi:?}");
    Ok(())
}
