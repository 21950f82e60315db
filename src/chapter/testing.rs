//! Helpers shared by the chapters' unit tests: open a chapter from URL parameters and read its
//! readouts, and the property every page must keep (readouts finite or null with a reason).

/// The facet traits, so a test can call `c.readouts()`, `c.figure(..)`, `c.code_text()`, `c.summary()`.
pub use super::{Describe, Draw, Readouts};

use super::any::{apply_params, initial, AnyChapter};
use super::{Action, Chapter, Figure, Handle, HandleId, Handles};
use crate::readout::{Readout, Value};
use crate::view::scene::Scene;
use crate::view::space::{Point3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn owned(params: &[(&str, &str)]) -> Vec<(String, String)> {
    params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Chapter `C` opened from URL parameters; panics if a parameter is rejected.
pub fn open<C: Chapter>(params: &[(&str, &str)]) -> C {
    let mut chapter = initial::<C>().expect("valid defaults");
    let problems = apply_params(&mut chapter, &owned(params));
    assert!(problems.is_empty(), "{problems:?}");
    chapter
}

/// The problems reported for a link to chapter `C` with these parameters.
pub fn problems<C: Chapter>(params: &[(&str, &str)]) -> Vec<String> {
    let mut chapter = initial::<C>().expect("valid defaults");
    apply_params(&mut chapter, &owned(params))
}

/// The readout called `name`; panics if there is none.
pub fn readout(chapter: &dyn AnyChapter, name: &str) -> Readout {
    chapter.readouts().into_iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no readout {name}"))
}

/// The value of the readout called `name`.
pub fn value(chapter: &dyn AnyChapter, name: &str) -> Value {
    readout(chapter, name).value
}

/// The number in the readout called `name`; panics if it is not a number.
pub fn number(chapter: &dyn AnyChapter, name: &str) -> f64 {
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

/// The figure at the end of the timeline (the state as it is, not mid-animation).
pub fn final_figure(chapter: &dyn AnyChapter) -> Figure {
    let mut t = Timeline::new(chapter.stages().len());
    t.finish();
    chapter.figure(&t)
}

/// Every readout is finite or null with a reason, and drawing, code and summary do not panic.
pub fn check_everything(c: &dyn AnyChapter) -> Result<(), TestCaseError> {
    for r in c.readouts() {
        prop_assert!(finite_or_null(&r.value), "{} = {:?}", r.name, r.value);
        prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
    }
    let mut t = Timeline::new(c.stages().len());
    t.scrub(c.stages().len() as f64 / 2.0);
    let figure = c.figure(&t);
    if let Figure::Plane { bounds: (lo, hi), .. } = &figure {
        prop_assert!(lo.iter().chain(hi.iter()).all(|x| x.is_finite()), "bounds {lo:?} {hi:?}");
    }
    // The handles say how the state is drawn: in space exactly when the figure is.
    prop_assert_eq!(matches!(figure, Figure::Space(_)), c.handles().in_space(), "handles and figure disagree on 3-D");
    let _ = (c.summary(), c.code_text(), c.chart());
    Ok(())
}

/// The id written `name` (`A:0`, `v`), whatever the chapter has (its name leaks: tests only).
pub fn id(name: &str) -> HandleId {
    let (input, index) = match name.split_once(':') {
        Some((input, index)) => (input, Some(index.parse().expect("a column number"))),
        None => (name, None),
    };
    HandleId { input: Box::leak(input.to_string().into_boxed_str()), index }
}

/// The plane figure at this timeline position; panics if the state is drawn otherwise.
pub fn plane_scene(chapter: &dyn AnyChapter, timeline: &Timeline) -> Scene {
    match chapter.figure(timeline) {
        Figure::Plane { scene, .. } => scene,
        other => panic!("not a plane figure: {other:?}"),
    }
}

/// The 3-D figure at this timeline position, if the state is drawn in space.
pub fn space_at(chapter: &dyn AnyChapter, timeline: &Timeline) -> Option<Space> {
    match chapter.figure(timeline) {
        Figure::Space(space) => Some(space),
        _ => None,
    }
}

/// The sentence shown instead of a figure, if any.
pub fn figure_note(chapter: &dyn AnyChapter) -> Option<String> {
    match final_figure(chapter) {
        Figure::Note(note) => Some(note),
        _ => None,
    }
}

/// The plane handles (none when the state is drawn in space).
pub fn plane_handles(chapter: &dyn AnyChapter) -> Vec<Handle> {
    match chapter.handles() {
        Handles::Plane(handles) => handles,
        Handles::Space(_) => Vec::new(),
    }
}

/// The handles in space (none when the state is drawn in the plane).
pub fn space_handles(chapter: &dyn AnyChapter) -> Vec<Handle<Point3>> {
    match chapter.handles() {
        Handles::Space(handles) => handles,
        Handles::Plane(_) => Vec::new(),
    }
}

/// Drags the handle written `name` to a plane point; whether anything changed.
pub fn drag(chapter: &mut dyn AnyChapter, name: &str, to: World) -> bool {
    chapter.act(Action::Move(id(name), to))
}

/// Drags the handle written `name` to a point in space; whether anything changed.
pub fn drag3(chapter: &mut dyn AnyChapter, name: &str, to: Point3) -> bool {
    chapter.act(Action::MoveInSpace(id(name), to))
}
