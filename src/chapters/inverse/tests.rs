//! The inverse page's unit tests: the notebook's systems, singular and nearly singular A (every note
//! following the rank's decision), the null space, shapes and scales, drags, the three views, and the
//! code panel.

use super::figure::undo_map;
use super::*;
use crate::chapter::testing::*;
use crate::readout::Value;
use crate::view::scene::Shape;
use crate::view::timeline::Timeline;
use nalgebra::Matrix2;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Inverse {
    open::<Inverse>(params)
}

fn build() -> Inverse {
    open::<Inverse>(&[])
}

fn matrix(chapter: &Inverse, name: &str) -> DMatrix<f64> {
    match readout(chapter, name).value {
        Value::Matrix(rows) => DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]),
        Value::Vector(v) => DMatrix::from_column_slice(v.len(), 1, &v),
        other => panic!("{name} = {other:?}"),
    }
}

fn close(a: &DMatrix<f64>, b: &[f64], tol: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol * (1.0 + y.abs())) && a.len() == b.len()
}

#[test]
fn the_default_is_the_notebooks_system() {
    let c = build();
    // Column-major comparison: A⁻¹ = [[1/3, 1/3], [−1/3, 2/3]].
    assert!(close(&matrix(&c, "inverse"), &[1.0 / 3.0, -1.0 / 3.0, 1.0 / 3.0, 2.0 / 3.0], 1e-15));
    assert!(close(&matrix(&c, "solution"), &[1.0, 2.0], 1e-15));
    assert_eq!(readout(&c, "det").value, Value::Number(3.0));
    assert!(close(&matrix(&c, "identity_check"), &[1.0, 0.0, 0.0, 1.0], 1e-15));
    assert!(c.summary().contains("cross at x = (1, 2)"), "{}", c.summary());
    let labels: Vec<String> = plane_scene(&c, &Timeline::new(0))
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Label { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(labels, ["2x − y = 0", "x + y = 3", "x = A⁻¹b"]);
    assert_eq!(plane_handles(&c)[0].id.to_string(), "A:0");
    assert_eq!(plane_handles(&c)[2].id.to_string(), "b");
}

#[test]
fn the_notebooks_three_by_three() {
    let c = page(&[("A", "3,0,2;2,0,-2;0,1,1"), ("b", "2,6,3")]);
    let want = DMatrix::from_row_slice(3, 3, &[0.2, 0.2, 0.0, -0.2, 0.3, 1.0, 0.2, -0.3, 0.0]);
    assert!((matrix(&c, "inverse") - want).amax() < 1e-15);
    assert!(figure_note(&c).is_some() && plane_handles(&c).is_empty() && c.stages().is_empty());
    assert!(c.summary().contains("one solution"));
}

#[test]
fn singular_a_has_no_inverse_and_says_how_many_solutions() {
    let c = page(&[("A", "1,2;2,4"), ("b", "1,2")]);
    let inv = readout(&c, "inverse");
    assert_eq!(inv.value, Value::Null);
    assert!(inv.note.contains("singular") && inv.note.contains("rank 1 < 2"), "{}", inv.note);
    let x = readout(&c, "solution");
    assert_eq!(x.value, Value::Null);
    assert!(x.note.contains("infinitely many"), "{}", x.note);
    assert!(c.summary().contains("coincide"));
    assert_eq!(readout(&c, "condition_number").value, Value::Null);
    let c = page(&[("A", "1,2;2,4"), ("b", "1,0")]);
    assert!(readout(&c, "solution").note.contains("no x solves"));
    assert!(c.summary().contains("parallel"));
    assert!(c.code_text().numpy.contains("LinAlgError"));
    let zero = page(&[("A", "0,0;0,0")]);
    assert_eq!(readout(&zero, "inverse").value, Value::Null);
}

#[test]
fn nearly_singular_warns_with_the_digits_lost() {
    let c = page(&[("A", "1,1;1,1.000000001")]);
    let cond = readout(&c, "condition_number");
    let Value::Number(k) = cond.value else { panic!() };
    assert!(k > 1e9 && k < 1e10);
    assert!(cond.note.contains("Nearly singular") && cond.note.contains("lose about 10"), "{}", cond.note);
    // Still invertible, and the check holds to the precision left.
    assert!(matches!(readout(&c, "inverse").value, Value::Matrix(_)));
    // Closer than rounding can tell apart: singular by numpy's tolerance.
    let c = page(&[("A", "1,1;1,1.0000000000000002")]);
    assert_eq!(readout(&c, "inverse").value, Value::Null);
}

#[test]
fn a_b_of_the_wrong_length_is_not_rejected_but_explained() {
    let mut c = build();
    // A set before b (or b before A) from the URL: neither order is an error.
    crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(3, 3, &[2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0]))
        .unwrap();
    let x = readout(&c, "solution");
    assert_eq!(x.value, Value::Null);
    assert!(x.note.contains("b has 2 entries"), "{}", x.note);
    assert!(matches!(readout(&c, "inverse").value, Value::Matrix(_)));
    crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_column_slice(3, 1, &[2.0, 4.0, 6.0])).unwrap();
    assert!(close(&matrix(&c, "solution"), &[1.0, 2.0, 3.0], 0.0));
    let page_order = page(&[("b", "2,4,6"), ("A", "2,0,0;0,2,0;0,0,2")]);
    assert!(close(&matrix(&page_order, "solution"), &[1.0, 2.0, 3.0], 0.0));
}

#[test]
fn non_square_a_and_matrix_b_are_rejected() {
    let mut c = build();
    let err = crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(2, 3, &[1.0; 6])).unwrap_err().to_string();
    assert!(err.contains("square") && err.contains("2×3"), "{err}");
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_row_slice(2, 2, &[1.0; 4])).is_err());
    assert!(crate::chapter::AnyChapter::set_choice(&mut c, "view", "nope").is_err());
    assert!(crate::chapter::AnyChapter::set_choice(&mut c, "nope", "rows").is_err());
}

#[test]
fn huge_and_tiny_scales_invert_exactly() {
    let c = page(&[("A", "1e200,0;0,1e200"), ("b", "1e200,2e200")]);
    assert!(close(&matrix(&c, "inverse"), &[1e-200, 0.0, 0.0, 1e-200], 1e-15));
    assert!(close(&matrix(&c, "solution"), &[1.0, 2.0], 1e-15));
    assert_eq!(readout(&c, "det").value, Value::Null);
    let c = page(&[("A", "1e-200,2e-200;3e-200,1e-200"), ("b", "1,1")]);
    let inv = matrix(&c, "inverse");
    assert!(close(&(inv.clone() * 1e-200), &[-0.2, 0.6, 0.4, -0.2], 1e-14), "{inv}");
    assert!(close(&matrix(&c, "identity_check"), &[1.0, 0.0, 0.0, 1.0], 1e-14));
    assert_eq!(readout(&c, "det").value, Value::Number(0.0));
    // Entries so tiny that the inverse overflows: null with the reason, never inf or NaN.
    let c = page(&[("A", "1e-310,0;0,1e-310")]);
    let inv = readout(&c, "inverse");
    assert_eq!(inv.value, Value::Null);
    assert!(inv.note.contains("overflow"), "{}", inv.note);
}

#[test]
fn dragging_makes_the_lines_parallel() {
    let mut c = build();
    assert!(drag(&mut c, "A:0", World::new(-1.0, 1.0)));
    assert_eq!(readout(&c, "inverse").value, Value::Null);
    assert!(c.summary().contains("parallel"));
    let lines: Vec<Role> = plane_scene(&c, &Timeline::new(0))
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { stroke, .. } => Some(stroke.role),
            _ => None,
        })
        .collect();
    // The two equations, and the null line through the origin, parallel to them.
    assert_eq!(lines, [Role::Second, Role::Data, Role::Eigen]);
    assert!(drag(&mut c, "b", World::new(3.0, 0.0)));
    assert!(drag(&mut c, "A:0", World::new(2.0, 1.0)));
    assert!(close(&matrix(&c, "solution"), &[1.0, -1.0], 1e-15));
}

#[test]
fn the_undo_view_returns_to_the_identity() {
    let mut c = build();
    crate::chapter::AnyChapter::set_choice(&mut c, "view", "undo").unwrap();
    assert_eq!(c.stages(), ["apply A", "apply A⁻¹"]);
    let a = plane(&c.a).unwrap();
    let mut t = Timeline::new(2);
    t.scrub(1.0);
    assert_eq!(undo_map(&c, &a, &t), a);
    t.scrub(2.0);
    assert_eq!(undo_map(&c, &a, &t), Matrix2::identity());
    let lattices: Vec<Matrix2<f64>> = plane_scene(&c, &t)
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Lattice { map, stroke } if stroke.role == Role::Grid => Some(*map),
            _ => None,
        })
        .collect();
    assert_eq!(lattices, [Matrix2::identity()]);
    assert!(c.summary().contains("carries the plane back"), "{}", c.summary());
    for view in ["rows", "columns"] {
        crate::chapter::AnyChapter::set_choice(&mut c, "view", view).unwrap();
        assert!(c.stages().is_empty());
        assert!(!plane_scene(&c, &t).shapes.is_empty());
    }
    assert!(c.summary().contains("b = 1·a₁ + 2·a₂"), "{}", c.summary());
}

#[test]
fn row_equations_read_like_the_book() {
    use crate::format::equation;
    assert_eq!(equation([2.0, -1.0], 0.0), "2x − y = 0");
    assert_eq!(equation([1.0, 1.0], 3.0), "x + y = 3");
    assert_eq!(equation([0.0, -2.5], -1.0), "−2.5y = −1");
    assert_eq!(equation([-1.0, 0.0], 4.0), "−x = 4");
}

#[test]
fn code_follows_the_state() {
    let code = build().code_text();
    assert!(code.numpy.contains("np.linalg.inv(A)") && code.numpy.contains("np.linalg.solve(A, b)"));
    assert!(code.nalgebra.contains("lu().solve(&b)"));
}

#[test]
fn every_note_follows_the_ranks_decision() {
    // det A = 8.9e-16 is not 0, but next to entries of 4 it is rounding: numpy's rank says 1.
    let c = page(&[("A", "1,2;2,4.000000000000001"), ("b", "1,2")]);
    assert_eq!(readout(&c, "inverse").value, Value::Null);
    assert_eq!(readout(&c, "rank").value, Value::Number(1.0));
    let det = readout(&c, "det");
    assert!(matches!(det.value, Value::Number(d) if d != 0.0));
    assert!(det.note.contains("singular") && !det.note.contains("has an inverse"), "{}", det.note);
    let cond = readout(&c, "condition_number");
    assert!(cond.note.contains("counts it as singular"), "{}", cond.note);
    let x = readout(&c, "solution");
    assert!(x.note.contains("infinitely many") && x.note.contains("plus the null space"), "{}", x.note);
    assert!(c.summary().contains("singular"), "{}", c.summary());
    // Exactly singular: 0, and in 3-D the words are about space.
    let c = page(&[("A", "1,2,3;2,4,6;1,0,1"), ("b", "1,2,3")]);
    let det = readout(&c, "det");
    assert_eq!(det.value, Value::Number(0.0));
    assert!(det.note.contains("space onto fewer dimensions"), "{}", det.note);
    // Invertible: the note says so.
    assert!(readout(&build(), "det").note.contains("has an inverse"));
}

#[test]
fn the_null_space_is_what_a_sends_to_zero() {
    // Invertible: only 0, as an empty list.
    let c = build();
    let null = readout(&c, "null_space");
    assert_eq!(null.value.to_json(), "[]");
    assert!(null.note.contains("never has two solutions"), "{}", null.note);
    // [[1, 2], [2, 4]]: the line of (2, −1)/√5, the largest entry positive as numpy's snippet makes it.
    let c = page(&[("A", "1,2;2,4"), ("b", "1,2")]);
    let Value::Matrix(rows) = readout(&c, "null_space").value else { panic!() };
    let s5 = 5f64.sqrt();
    assert!(rows.len() == 1 && (rows[0][0] - 2.0 / s5).abs() < 1e-15 && (rows[0][1] + 1.0 / s5).abs() < 1e-15, "{rows:?}");
    // b = (1, 2) is reached: A⁺b = (0.2, 0.4) plus the null line.
    let note = readout(&c, "solution").note;
    assert!(note.contains("x = (0.2, 0.4) + t·(0.8944, −0.4472) for every t"), "{note}");
    assert!(c.summary().contains("coincide") && c.summary().contains("x = (0.2, 0.4) + t·(0.8944, −0.4472)"), "{}", c.summary());
    // The row picture marks A⁺b and draws the null line; the columns' lines are parallel to it.
    let scene = plane_scene(&c, &Timeline::new(0));
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b")));
    assert!(scene
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Line { stroke, label: Some(l), .. } if stroke.role == Role::Eigen && l == "Ax = 0")));
    // 3×3 of rank 1: a plane, two orthonormal rows.
    let c = page(&[("A", "1,2,3;2,4,6;3,6,9"), ("b", "1,2,3")]);
    let Value::Matrix(rows) = readout(&c, "null_space").value else { panic!() };
    assert_eq!(rows.len(), 2);
    assert!(readout(&c, "null_space").note.contains("a plane"));
    assert!(c.summary().contains("for all s, t"), "{}", c.summary());
    // A = 0: every x goes to 0.
    let c = page(&[("A", "0,0;0,0"), ("b", "1,0")]);
    assert_eq!(readout(&c, "null_space").value, Value::Matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]));
    assert!(c.summary().contains("A = 0 sends every x to 0"), "{}", c.summary());
    // A zero row is no line: "0 = 1" has no solution.
    let c = page(&[("A", "1,2;0,0"), ("b", "1,1")]);
    assert!(c.summary().contains("equation 2 reads 0 = 1"), "{}", c.summary());
    let c = page(&[("A", "1,2;0,0"), ("b", "1,0")]);
    assert!(c.summary().contains("0 = 0"), "{}", c.summary());
}

#[test]
fn a_then_a_inverse_squashes_the_null_line_to_the_origin() {
    let c = page(&[("A", "1,2;2,4"), ("b", "1,2"), ("view", "undo")]);
    let segment = |t: f64| {
        let mut timeline = Timeline::new(2);
        timeline.scrub(t);
        plane_scene(&c, &timeline).shapes.into_iter().find_map(|s| match s {
            Shape::Polyline { points, stroke } if stroke.role == Role::Eigen => Some((points[0] - points[1]).norm()),
            _ => None,
        })
    };
    let (start, half) = (segment(0.0).unwrap(), segment(0.5).unwrap());
    assert!((half - start / 2.0).abs() < 1e-9, "{start} then {half}");
    assert_eq!(segment(1.0), None, "at A the line is a point");
    assert!(c.summary().contains("shrinks to the origin"), "{}", c.summary());
}

/// Whether a text shows a number in exponent form (`6.661e-16`).
fn has_exponent(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'e' && (w[2] == b'-' || w[2].is_ascii_digit()))
}

#[test]
fn sentences_show_rounding_noise_as_zero() {
    // x = (0, 3) comes out of LU with rounding noise in its first entry for some A; the words say 0.
    for (a, b) in [("1,2;3,1", "6,3"), ("0.1,0.7;0.3,0.2", "0.7,0.2")] {
        for view in ["rows", "columns", "undo"] {
            let c = page(&[("A", a), ("b", b), ("view", view)]);
            assert!(!has_exponent(&c.summary()), "{a} {b} {view}: {}", c.summary());
        }
    }
}

#[test]
fn the_numpy_snippet_prints_every_readout() {
    for params in [&[][..], &[("A", "1,2;2,4"), ("b", "1,2")][..], &[("A", "1,2;2,4"), ("b", "1,0")][..], &[("A", "1,2,3;2,4,6;3,6,9")][..]]
    {
        let c = page(params);
        let code = c.code_text();
        for name in ["rank", "inverse", "identity_check", "solution", "condition_number", "det", "null_space"] {
            let printed = format!("print(\"{name} =");
            let shown = crate::chapter::Readouts::readouts(&c).iter().any(|r| r.name == name);
            assert!(shown && code.numpy.contains(&printed) && code.torch.contains(&printed), "{params:?}: {name}\n{}", code.numpy);
        }
    }
}

proptest! {
    /// Whatever A is, the det note says "inverse" exactly when the inverse readout has a value, and the
    /// null space has n − rank orthonormal rows that A sends to 0.
    #[test]
    fn det_and_null_space_agree_with_the_rank(n in 1usize..=4, entries in proptest::collection::vec(-3i32..=3, 16), rank1 in any::<bool>(),
                                              tiny in prop_oneof![Just(0.0), Just(1e-15), Just(1e-9)]) {
        let mut a = DMatrix::from_fn(n, n, |r, col| f64::from(entries[r * 4 + col]));
        if rank1 {
            let (u, v) = (a.column(0).into_owned(), a.row(0).into_owned());
            a = &u * &v;
        }
        a[(0, 0)] += tiny;
        let mut c = build();
        crate::chapter::AnyChapter::set_input(&mut c, "A", a.clone()).unwrap();
        let invertible = matches!(readout(&c, "inverse").value, Value::Matrix(_));
        let det = readout(&c, "det").note;
        prop_assert_eq!(det.contains("has an inverse"), invertible, "{}: {}", a, det);
        let Value::Number(rank) = readout(&c, "rank").value else { panic!() };
        let Value::Matrix(rows) = readout(&c, "null_space").value else { panic!() };
        prop_assert_eq!(rows.len(), n - rank as usize);
        prop_assert_eq!(rows.is_empty(), invertible);
        for row in &rows {
            let q = DMatrix::from_column_slice(n, 1, row);
            prop_assert!(((q.transpose() * &q)[(0, 0)] - 1.0).abs() < 1e-12);
            prop_assert!((&a * &q).amax() <= 1e-12 * a.amax().max(1.0));
        }
    }

    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=8, m in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 72)) {
        let mut c = build();
        let a = DMatrix::from_fn(n, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
        crate::chapter::AnyChapter::set_input(&mut c, "A", a).unwrap();
        crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_fn(m, 1, |r, _| entries[64 + r])).unwrap();
        check_everything(&c)?;
        for view in ["columns", "undo"] {
            crate::chapter::AnyChapter::set_choice(&mut c, "view", view).unwrap();
            check_everything(&c)?;
        }
    }
}
