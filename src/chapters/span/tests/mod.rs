//! The span page's unit tests: the column picture in the plane and in space, the sliders' path,
//! shapes and scales; the row picture's are in `row_picture.rs`.

mod null_space;
mod row_picture;

use super::figure::content_bounds;
use super::rows::{equation_line, equation_of};
use super::*;
use crate::chapter::testing::*;
use crate::chapter::SliderRange;
use crate::format::display_tuple;
use crate::readout::Value;
use crate::view::scene::{Role, Scene, Shape};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Span {
    open::<Span>(params)
}

fn build() -> Span {
    open::<Span>(&[])
}

/// The inputs that exist now, by name, with their sliders.
fn inputs(c: &Span) -> Vec<(&'static str, Option<SliderRange>)> {
    crate::chapter::AnyChapter::inputs(c).iter().map(|i| (i.name, i.slider)).collect()
}

fn close(v: &Value, want: &[f64]) -> bool {
    matches!(v, Value::Vector(x) if x.len() == want.len() && x.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12 * (1.0 + b.abs())))
}

#[test]
fn the_default_is_the_notebooks_2u_plus_v() {
    let c = build();
    assert_eq!(value(&c, "rank"), Value::Number(2.0));
    assert_eq!(value(&c, "independent"), Value::Bool(true));
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    assert!(close(&value(&c, "coefficients"), &[2.0, 1.0]), "{:?}", value(&c, "coefficients"));
    assert!(c.summary().contains("whole plane") && c.summary().contains("b = 2·u + 1·v"), "{}", c.summary());
    let names: Vec<String> = plane_handles(&c).into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["A:0", "A:1", "b"]);
}

#[test]
fn the_notebooks_parallel_columns_cannot_reach_b() {
    // {y = 2x + 6, y = 2x}: columns (2, 2) and (−1, −1), b = (−6, 0).
    let c = page(&[("A", "2,-1;2,-1"), ("b", "-6,0")]);
    assert_eq!(value(&c, "rank"), Value::Number(1.0));
    assert_eq!(value(&c, "independent"), Value::Bool(false));
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    let coefficients = readout(&c, "coefficients");
    assert_eq!(coefficients.value, Value::Null);
    assert!(coefficients.note.contains("out of reach"));
    assert!(c.summary().contains("a line") && c.summary().contains("out of reach"), "{}", c.summary());
    let scene = plane_scene(&c, &Timeline::new(0));
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Line { .. })));
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text.contains("out of reach"))));
    // On the line: reachable in infinitely many ways; the shortest coefficients are A⁺b.
    let c = page(&[("A", "2,-1;2,-1"), ("b", "4,4")]);
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    assert!(close(&value(&c, "coefficients"), &[1.6, -0.8]));
    assert!(readout(&c, "coefficients").note.contains("infinitely many"));
}

#[test]
fn the_notebooks_column_figure_and_overdetermined_system() {
    let c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4")]);
    assert!(close(&value(&c, "coefficients"), &[2.0, 2.0]));
    // A third equation 7x − y = 2: b = (−1, 4, 2) leaves the plane of the columns.
    let c = page(&[("A", "0.5,-1;1,1;7,-1"), ("b", "-1,4,2")]);
    assert_eq!(value(&c, "rank"), Value::Number(2.0));
    assert_eq!(value(&c, "independent"), Value::Bool(true));
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    // Drawn in space: the span is a shaded plane and b is marked out of reach.
    assert!(figure_note(&c).is_none() && plane_handles(&c).is_empty());
    let space = space_at(&c, &Timeline::new(0)).unwrap();
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(_), .. })));
    assert!(labels(&space).iter().any(|l| l == "b: out of reach"), "{:?}", labels(&space));
    let names: Vec<String> = space_handles(&c).into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["A:0", "A:1", "b"]);
    // The underdetermined 2×3 system {8x + y + z = 1, x + y + z = 1}.
    let c = page(&[("A", "8,1,1;1,1,1"), ("b", "1,1")]);
    assert_eq!(value(&c, "independent"), Value::Bool(false));
    assert!(readout(&c, "independent").note.contains("always dependent"));
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    let Value::Vector(x) = value(&c, "coefficients") else { panic!() };
    assert!(x[0].abs() < 1e-12 && (x[1] - 0.5).abs() < 1e-12 && (x[2] - 0.5).abs() < 1e-12, "{x:?}");
}

fn labels(space: &Space) -> Vec<String> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Label { text, .. } | Shape3::Line { label: Some(text), .. } => Some(text.clone()),
            Shape3::Arrow { label: Some(text), .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn spans_in_space_are_a_plane_a_line_or_everything() {
    let mut c = page(&[("A", "1,0;0,1;1,1"), ("b", "1,2,4")]);
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    // Drag b onto the plane x + y = z: reached head to tail, b = 1·u + 2·v.
    assert!(drag3(&mut c, "b", Point3::new(1.0, 2.0, 3.0)));
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    // The path follows the sliders: set them to the coefficients and it ends on b.
    crate::chapter::AnyChapter::set_input(&mut c, "ca", DMatrix::from_element(1, 1, 1.0)).unwrap();
    crate::chapter::AnyChapter::set_input(&mut c, "cb", DMatrix::from_element(1, 1, 2.0)).unwrap();
    let space = space_at(&c, &Timeline::new(0)).unwrap();
    assert!(!space.shapes.iter().any(|s| matches!(s, Shape3::Dot { role: Role::Second, .. })), "no separate end dot on b");
    let found = labels(&space);
    assert!(found.iter().any(|l| l == "1·u") && found.iter().any(|l| l == "2·v") && found.iter().any(|l| l == "b"), "{found:?}");
    assert!(found.iter().any(|l| l.contains("a plane")), "{found:?}");
    // The path ends on b.
    let ends: Vec<Point3> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Arrow { to, stroke, .. } if stroke.dash == crate::view::scene::Dash::Dashed => Some(*to),
            _ => None,
        })
        .collect();
    assert!(ends.last().is_some_and(|e| (e - Point3::new(1.0, 2.0, 3.0)).norm() < 1e-12), "{ends:?}");
    // Moving a column onto the other: the span is a line.
    assert!(drag3(&mut c, "A:1", Point3::new(2.0, 0.0, 2.0)));
    assert_eq!(value(&c, "rank"), Value::Number(1.0));
    assert!(labels(&space_at(&c, &Timeline::new(0)).unwrap()).iter().any(|l| l == "span: a line"));
    let c = page(&[("A", "1,0,0;0,1,0;0,0,1"), ("b", "1,2,3")]);
    let found = labels(&space_at(&c, &Timeline::new(0)).unwrap());
    assert!(found.iter().any(|l| l == "span: all of space"));
    // Three columns: no sliders; the path is the combination that reaches b.
    assert!(found.iter().any(|l| l == "3·a₃"), "{found:?}");
    assert!(inputs(&c).iter().all(|(name, _)| *name != "ca"));
    assert_eq!(space_handles(&c).len(), 4);
    // Linking only A (or adding a row in the editor): b follows into space, explicit b stays.
    let c = page(&[("A", "1,0;0,1;1,1")]);
    assert_eq!(value(&c, "b"), Value::Vector(vec![4.0, 7.0, 0.0]));
    assert!(space_at(&c, &Timeline::new(0)).is_some());
    let c = page(&[("b", "1,2,3"), ("A", "1,0;0,1;1,1;1,1")]);
    assert_eq!(value(&c, "b"), Value::Vector(vec![1.0, 2.0, 3.0]));
    // Four columns or a 4-entry b: numbers only.
    assert!(space_at(&page(&[("A", "1,0,0,1;0,1,0,1;0,0,1,1"), ("b", "1,2,3")]), &Timeline::new(0)).is_none());
    assert!(figure_note(&page(&[("A", "1,0;0,1;1,1"), ("b", "1,2")])).is_some());
}

fn path_labels(scene: &Scene) -> Vec<String> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Arrow { label: Some(l), stroke, .. } if stroke.dash == crate::view::scene::Dash::Dashed => Some(l.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_sliders_walk_the_head_to_tail_path() {
    let mut c = build();
    let inputs = inputs(&c);
    assert_eq!(inputs[2], ("ca", Some(SliderRange { min: -5.0, max: 5.0, step: 0.1 })));
    assert_eq!(inputs[0], ("A", None));
    let names: Vec<&str> = inputs.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["A", "b", "ca", "cb"]);
    assert_eq!(path_labels(&plane_scene(&c, &Timeline::new(0))), ["2·u", "1·v"]);
    // Off b, the path's end gets its own dot; the readouts do not depend on the sliders.
    let readouts = c.readouts();
    crate::chapter::AnyChapter::set_input(&mut c, "ca", DMatrix::from_element(1, 1, 0.5)).unwrap();
    let scene = plane_scene(&c, &Timeline::new(0));
    assert_eq!(path_labels(&scene), ["0.5·u", "1·v"]);
    let end = World::new(0.5 + 2.0, 1.5 + 1.0);
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Dot { at, role: Role::Second, .. } if (at - end).norm() < 1e-12)));
    assert_eq!(c.readouts(), readouts);
    for bad in [f64::NAN, 2e6] {
        assert!(crate::chapter::AnyChapter::set_input(&mut c, "cb", DMatrix::from_element(1, 1, bad)).is_err());
    }
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "cb", DMatrix::from_row_slice(2, 1, &[1.0, 2.0])).is_err());
    let c = page(&[("ca", "-1.5"), ("cb", "3")]);
    assert!(c.code_text().numpy.contains("ca = -1.5"), "{}", c.code_text().numpy);
    assert_eq!(path_labels(&plane_scene(&c, &Timeline::new(0))), ["−1.5·u", "3·v"]);
}

#[test]
fn a_b_of_the_wrong_length_is_explained_not_rejected() {
    let c = page(&[("A", "1,0,0;0,1,0;0,0,1"), ("b", "1,2")]);
    let r = readout(&c, "in_span");
    assert_eq!(r.value, Value::Null);
    assert!(r.note.contains("b has 2"), "{}", r.note);
    assert_eq!(value(&c, "rank"), Value::Number(3.0));
    assert!(c.code_text().numpy.contains("wrong length"));
    let mut c = build();
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_row_slice(2, 2, &[1.0; 4])).is_err());
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(1, 1, &[f64::NAN])).is_err());
}

#[test]
fn zero_vectors_span_only_the_origin() {
    let c = page(&[("A", "0,0;0,0"), ("b", "0,0")]);
    assert_eq!(value(&c, "rank"), Value::Number(0.0));
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    assert!(c.summary().contains("only the origin"));
    let c = page(&[("A", "0,0;0,0"), ("b", "1,0")]);
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
}

#[test]
fn huge_and_tiny_scales_keep_their_rank() {
    for s in ["1e200", "1e-200"] {
        let a = format!("{s},0;0,{s}");
        let c = page(&[("A", &a), ("b", &format!("{s},{s}"))]);
        assert_eq!(value(&c, "rank"), Value::Number(2.0), "{s}");
        assert_eq!(value(&c, "in_span"), Value::Bool(true), "{s}");
        assert!(close(&value(&c, "coefficients"), &[1.0, 1.0]), "{s}: {:?}", value(&c, "coefficients"));
    }
}

#[test]
fn dragging_v_onto_u_collapses_the_span() {
    let mut c = build();
    assert!(drag(&mut c, "A:1", World::new(2.0, 6.0)));
    assert_eq!(value(&c, "rank"), Value::Number(1.0));
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    assert!(drag(&mut c, "b", World::new(-1.0, -3.0)));
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    assert!(drag(&mut c, "A:0", World::new(1.0, 0.0)));
    assert_eq!(value(&c, "independent"), Value::Bool(true));
}

proptest! {
    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(m in 1usize..=8, n in 1usize..=8, k in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 72)) {
        let mut c = build();
        let a = DMatrix::from_fn(m, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
        crate::chapter::AnyChapter::set_input(&mut c, "A", a).unwrap();
        crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_fn(k, 1, |r, _| entries[64 + r])).unwrap();
        check_everything(&c)?;
        // The row picture of the same state (two unknowns only).
        if crate::chapter::AnyChapter::set_choice(&mut c, "picture", "rows").is_ok() {
            check_everything(&c)?;
        }
    }

    #[test]
    fn a_combination_of_the_columns_is_always_in_the_span(m in 1usize..=5, n in 1usize..=5,
                                                           entries in proptest::collection::vec(-5.0f64..5.0, 25),
                                                           weights in proptest::collection::vec(-3.0f64..3.0, 5)) {
        let a = DMatrix::from_fn(m, n, |r, c| entries[r * 5 + c]);
        let w = DMatrix::from_fn(n, 1, |r, _| weights[r]);
        let b = &a * &w;
        let span = Span { a: a.clone(), b: b.clone(), ca: 0.0, cb: 0.0, picture: Picture::Columns };
        let rank = span.rank().unwrap();
        prop_assert!(rank <= m.min(n));
        // Rounding can make b look independent only when A is itself nearly rank-deficient.
        let s = svd(&a).unwrap();
        prop_assume!(s.singular_values.min() > 1e-6 * s.singular_values.max());
        match span.reach() {
            Reach::Reached { coefficients, unique } => {
                prop_assert_eq!(unique, rank == n);
                prop_assert!((&a * coefficients - &b).amax() < 1e-8 * (1.0 + b.amax()));
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }
}
