//! The SVD page's unit tests: the map tab's readouts, plane figure, drags, code and links (the 3-D
//! figures are in `tests/in_space.rs`; the picture tab's internals in `image/tests.rs`).

mod in_space;

use super::plane::{stage_map, PlaneSvd};
use super::*;
use crate::chapter::figure::plane;
use crate::chapter::testing::*;
use crate::chapter::{to_params, Figure};
use crate::math::svd::svd_rotating_v;
use crate::readout::Value;
use crate::view::scene::{Role, Shape};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;
use proptest::prelude::*;

fn page(a: &str) -> SvdPage {
    open::<SvdPage>(&[("A", a)])
}

fn build() -> SvdPage {
    open::<SvdPage>(&[])
}

fn map_of(a: DMatrix<f64>) -> SvdPage {
    SvdPage { a, image: None }
}

/// The readout `name` as a matrix.
pub(super) fn matrix(chapter: &SvdPage, name: &str) -> DMatrix<f64> {
    match readout(chapter, name).value {
        Value::Matrix(rows) => DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]),
        other => panic!("{name} = {other:?}"),
    }
}

fn sigma(chapter: &SvdPage) -> Vec<f64> {
    match readout(chapter, "singular_values").value {
        Value::Vector(v) => v,
        other => panic!("σ = {other:?}"),
    }
}

fn rebuilt(chapter: &SvdPage) -> DMatrix<f64> {
    let s = sigma(chapter);
    matrix(chapter, "U") * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(s)) * matrix(chapter, "V").transpose()
}

fn close(a: &Matrix2<f64>, b: &Matrix2<f64>, tol: f64) -> bool {
    (a - b).amax() <= tol * b.amax().max(1.0)
}

#[test]
fn the_default_is_the_seeds_example_and_u_is_the_reflection() {
    let c = build();
    let s = sigma(&c);
    // The seed prints σ = [8.7134, 3.3282]; σ₁σ₂ = |det A| = 29, σ₁² + σ₂² = ‖A‖²_F = 87.
    assert!((s[0] - 8.7134).abs() < 1e-4 && (s[1] - 3.3282).abs() < 1e-4, "{s:?}");
    assert!((s[0] * s[1] - 29.0).abs() < 1e-12);
    assert!((number(&c, "det_U") + 1.0).abs() < 1e-12);
    assert!((number(&c, "det_V") - 1.0).abs() < 1e-12);
    assert_eq!(readout(&c, "U_is_reflection").value, Value::Bool(true));
    assert_eq!(number(&c, "rank"), 2.0);
    assert!((number(&c, "condition_number") - s[0] / s[1]).abs() < 1e-12);
    assert!(number(&c, "reconstruction_error") < 1e-15);
    let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]);
    assert!((rebuilt(&c) - &a).amax() < 1e-12);
    // Up to sign, the seed's U = [[−0.8507, −0.5257], [−0.5257, 0.8507]].
    let u = matrix(&c, "U");
    assert!((u[(0, 0)].abs() - 0.8507).abs() < 1e-4 && (u[(1, 1)].abs() - 0.8507).abs() < 1e-4);
    assert_eq!(matrix(&c, "D"), DMatrix::from_row_slice(2, 2, &[s[0], 0.0, 0.0, s[1]]));
    assert!(c.summary().contains("reflection"), "{}", c.summary());
}

#[test]
fn a_rotation_only_case_and_the_seeds_non_square_example() {
    let c = page("2,0;0,3");
    assert_eq!(sigma(&c), vec![3.0, 2.0]);
    assert_eq!(readout(&c, "U_is_reflection").value, Value::Bool(false));
    assert!(number(&c, "det_U") > 0.0);
    let c = page("7,2;3,4;5,3");
    let s = sigma(&c);
    assert!((s[0] - 10.2514).abs() < 1e-4 && (s[1] - 2.6284).abs() < 1e-4);
    assert_eq!(matrix(&c, "U").shape(), (3, 2));
    assert_eq!(matrix(&c, "D").shape(), (3, 2));
    let a = DMatrix::from_row_slice(3, 2, &[7.0, 2.0, 3.0, 4.0, 5.0, 3.0]);
    assert!((rebuilt(&c) - a).amax() < 1e-12);
    let det = readout(&c, "det_U");
    assert_eq!(det.value, Value::Null);
    assert!(det.note.contains("not square"), "{}", det.note);
    // Drawn in space, with no timeline (the stages need square factors) and no plane handles.
    assert!(figure_note(&c).is_none());
    assert!(plane_handles(&c).is_empty());
    assert!(c.stages().is_empty());
    assert_eq!(space_handles(&c).len(), 2);
    let wide = page("1,2,3;4,5,6");
    assert_eq!(matrix(&wide, "V").shape(), (3, 2));
}

#[test]
fn singular_zero_and_extreme_scales() {
    let c = page("1,2;2,4");
    assert_eq!(number(&c, "rank"), 1.0);
    let cond = readout(&c, "condition_number");
    // σ₂ is exactly 0 or rounding noise: null with a reason, or a value flagged as singular.
    assert!(cond.value == Value::Null || cond.note.contains("singular"), "{cond:?}");
    assert!(c.summary().contains("line segment"), "{}", c.summary());
    let z = page("0,0;0,0");
    assert_eq!(sigma(&z), vec![0.0, 0.0]);
    assert_eq!(readout(&z, "condition_number").value, Value::Null);
    assert_eq!(number(&z, "reconstruction_error"), 0.0);
    for (text, scale) in [("3e200,7e200;5e200,2e200", 1e200), ("3e-200,7e-200;5e-200,2e-200", 1e-200)] {
        let c = page(text);
        let s = sigma(&c);
        assert!((s[0] / scale - 8.7133796929).abs() < 1e-9, "{s:?}");
        assert!(number(&c, "reconstruction_error") < 1e-14);
        assert!((number(&c, "condition_number") - 8.7133796929 / 3.3282).abs() < 1e-3);
    }
    let huge = page("1.7e308,1.7e308;1.7e308,1.7e308");
    let s = readout(&huge, "singular_values");
    assert_eq!(s.value, Value::Null);
    assert!(s.note.contains("overflow"), "{}", s.note);
    assert!(figure_note(&huge).is_some());
    assert!(plane_handles(&huge).is_empty() && space_handles(&huge).is_empty());
}

#[test]
fn each_stage_is_named_from_its_factors_determinant() {
    // det A = −29: U is the mirror, and its stage says so.
    assert_eq!(build().stages(), ["Vᵀ: rotate", "Σ: stretch", "U: reflect and rotate"]);
    assert_eq!(page("3,0;0,2").stages(), ["Vᵀ: rotate", "Σ: stretch", "U: rotate"]);
    assert_eq!(page("3,7;-5,2").stages(), ["Vᵀ: rotate", "Σ: stretch", "U: rotate"]);
    assert_eq!(page("2,1,0;1,-3,1;0,1,1").stages()[2], "U: reflect and rotate");
    // Singular: det U = det V = +1 with this page's signs; the count never depends on A's values.
    assert_eq!(page("1,2;2,4").stages().len(), 3);
    assert!(page("1,2;3,4;5,6").stages().is_empty());
    for a in ["3,7;5,2", "3,0;0,2", "1,2;2,4", "0,0;0,0", "2,1,0;1,-3,1;0,1,1"] {
        let c = page(a);
        let reflects = number(&c, "det_U") < 0.0;
        assert_eq!(c.stages()[2] == "U: reflect and rotate", reflects, "{a}");
        assert_eq!(c.stages()[0], "Vᵀ: rotate", "{a}: V is a rotation on this page");
    }
}

#[test]
fn the_null_space_is_an_orthonormal_basis_of_what_a_sends_to_zero() {
    // As numpy computes it (np.linalg.svd(A)[2][rank:], each row's largest entry made positive).
    let rows = |c: &SvdPage| match value(c, "null_space") {
        Value::Matrix(rows) => rows,
        other => panic!("{other:?}"),
    };
    assert!(rows(&build()).is_empty());
    assert_eq!(value(&build(), "null_space").to_json(), "[]");
    assert!(readout(&build(), "null_space").note.contains("only x = 0"));
    let singular = rows(&page("1,2;2,4"));
    let want = [2.0 / 5f64.sqrt(), -1.0 / 5f64.sqrt()];
    assert_eq!(singular.len(), 1);
    assert!(singular[0].iter().zip(want).all(|(x, w)| (x - w).abs() < 1e-15), "{singular:?}");
    let wide = rows(&page("1,2,3;4,5,6"));
    let s6 = 6f64.sqrt();
    assert!(wide[0].iter().zip([-1.0 / s6, 2.0 / s6, -1.0 / s6]).all(|(x, w)| (x - w).abs() < 1e-12), "{wide:?}");
    assert!(rows(&page("7,2;3,4;5,3")).is_empty());
    assert_eq!(rows(&page("0,0;0,0")), vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
    let plane = readout(&page("1,2,3;2,4,6"), "null_space");
    assert!(plane.note.contains("a plane") && plane.note.contains("orthonormal"), "{}", plane.note);
    // The 2×2 figure draws the line and names it.
    let c = page("1,2;2,4");
    let Figure::Plane { scene, .. } = final_figure(&c) else { panic!() };
    let line = scene.shapes.iter().find_map(|s| match s {
        Shape::Line { direction, label: Some(l), stroke, .. } if stroke.role == Role::Second && l.contains("null space") => {
            Some(*direction)
        }
        _ => None,
    });
    assert!((line.unwrap() - World::new(want[0], want[1])).norm() < 1e-15);
    assert!(c.summary().contains("sends the line through (0.8944, −0.4472) to 0"), "{}", c.summary());
    assert!(!build().summary().contains("sends the line"));
}

#[test]
fn the_picture_tab_hides_as_editor_but_keeps_a_in_the_link() {
    let shown =
        |c: &SvdPage| -> Vec<(&'static str, bool)> { crate::chapter::AnyChapter::inputs(c).iter().map(|i| (i.name, i.shown)).collect() };
    assert_eq!(shown(&build()), [("A", true)]);
    let c = open::<SvdPage>(&[("tab", "image"), ("A", "1,2;3,4")]);
    assert_eq!(shown(&c), [("A", false), ("k", true)]);
    assert!(to_params(&c).contains(&("A".to_string(), "1,2;3,4".to_string())));
    assert_eq!(matrix(&c, "A"), DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0]));
}

#[test]
fn the_timeline_rotates_stretches_then_rotates_or_reflects() {
    let c = map_of(DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]));
    let s = svd_rotating_v(&c.a).unwrap();
    let p = PlaneSvd::of(&c).unwrap();
    let v_t = Matrix2::new(s.v[(0, 0)], s.v[(1, 0)], s.v[(0, 1)], s.v[(1, 1)]);
    let sigma = Matrix2::new(s.singular_values[0], 0.0, 0.0, s.singular_values[1]);
    let mut t = Timeline::new(3);
    let mut at = |pos: f64| {
        t.scrub(pos);
        stage_map(&c, &p, &t).unwrap()
    };
    assert!(close(&at(0.0), &Matrix2::identity(), 1e-15));
    assert!(close(&at(1.0), &v_t, 1e-12));
    assert!(close(&at(2.0), &(sigma * v_t), 1e-12));
    assert_eq!(at(3.0), plane(&c.a).unwrap());
    // Halfway through the U stage of a reflection, the second axis is flattened to 0.
    let mid = at(2.5) * (v_t.transpose() * World::new(0.0, 1.0));
    assert!(mid.norm() < 1e-12, "{mid}");
    // Halfway through Vᵀ the map is still a rotation (angles are interpolated, not entries).
    let half = at(0.5);
    assert!(close(&(half.transpose() * half), &Matrix2::identity(), 1e-12));
    t.scrub(2.5);
    let scene = plane_scene(&c, &t);
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "reflect")));
    t.scrub(3.0);
    let labels: Vec<String> = plane_scene(&c, &t)
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Arrow { stroke, label: Some(l), to, .. } if stroke.role == Role::Eigen => Some(format!("{l}@{:.4},{:.4}", to.x, to.y)),
            _ => None,
        })
        .collect();
    let u1 = World::new(s.u[(0, 0)], s.u[(1, 0)]) * s.singular_values[0];
    assert_eq!(labels[0], format!("σ₁u₁@{:.4},{:.4}", u1.x, u1.y));
}

#[test]
fn dragging_a_column_changes_the_decomposition() {
    let mut c = build();
    assert_eq!(plane_handles(&c)[0].id.to_string(), "A:0");
    let before = sigma(&c);
    assert!(drag(&mut c, "A:0", World::new(-3.0, 5.0)));
    assert_eq!(matrix(&c, "A"), DMatrix::from_row_slice(2, 2, &[-3.0, 7.0, 5.0, 2.0]));
    assert_ne!(sigma(&c), before);
    // det A = −6 − 35 = −41 < 0: still a reflection.
    assert_eq!(readout(&c, "U_is_reflection").value, Value::Bool(true));
    assert!(drag(&mut c, "A:1", World::new(-7.0, 2.0)));
    assert_eq!(readout(&c, "U_is_reflection").value, Value::Bool(false));
    assert!(!drag(&mut c, "v", World::new(1.0, 1.0)));
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_element(1, 1, f64::NAN)).is_err());
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "B", DMatrix::zeros(2, 2)).is_err());
}

#[test]
fn the_picture_tab_has_nothing_to_drag() {
    let mut c = open::<SvdPage>(&[("tab", "image")]);
    assert!(plane_handles(&c).is_empty() && c.stages().is_empty());
    assert!(!drag(&mut c, "A:0", World::new(1.0, 1.0)));
    assert_eq!(matrix(&c, "A"), DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]));
}

#[test]
fn code_mentions_the_transposed_v() {
    let code = build().code_text();
    assert!(code.numpy.contains("np.linalg.svd(A, full_matrices=False)"));
    assert!(code.numpy.contains("V = Vt.T"));
    assert!(code.nalgebra.contains("try_svd(true, true"));
    assert!(!page("1,2;3,4;5,6").code_text().numpy.contains("det(U)"));
}

#[test]
fn the_svd_page_has_a_chart_only_in_its_image_tab() {
    assert!(open::<SvdPage>(&[]).chart().is_none());
    let chart = open::<SvdPage>(&[("tab", "image"), ("k", "7")]).chart().expect("the singular values");
    assert_eq!(chart.marker.map(|m| m.label), Some("k = 7".to_string()));
}

#[test]
fn k_exists_only_in_the_picture_tab_and_travels_in_the_link() {
    let names = |c: &SvdPage| -> Vec<&'static str> { crate::chapter::AnyChapter::inputs(c).iter().map(|i| i.name).collect() };
    let map = build();
    assert_eq!(names(&map), ["A"]);
    assert!(crate::chapter::AnyChapter::set_input(&mut map.clone(), "k", DMatrix::from_element(1, 1, 3.0)).is_err());
    // Without the tab, k is not an input: the link's k is ignored.
    assert!(problems::<SvdPage>(&[("k", "7")]).is_empty());
    let c = open::<SvdPage>(&[("k", "7"), ("tab", "image")]);
    assert_eq!(names(&c), ["A", "k"]);
    assert_eq!(number(&c, "rank_k"), 7.0);
    let params: Vec<(String, String)> = to_params(&c);
    let want: Vec<(String, String)> =
        [("A", "3,7;5,2"), ("k", "7"), ("tab", "image")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(params, want);
    for bad in ["0", "2.5", "121"] {
        assert_eq!(problems::<SvdPage>(&[("tab", "image"), ("k", bad)]), ["Parameter k: k must be a whole number from 1 to 120."]);
    }
    assert_eq!(problems::<SvdPage>(&[("tab", "table")]), ["Parameter tab: “table” is not one of map, image."]);
    // Back to the map: k and the picture's readouts go, A stays.
    let mut c = c;
    crate::chapter::AnyChapter::set_choice(&mut c, "tab", "map").unwrap();
    assert_eq!(names(&c), ["A"]);
    assert!(c.readouts().iter().all(|r| r.name != "rank_k"));
    assert!(!c.stages().is_empty());
}

proptest! {
    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(rows in 1usize..=6, cols in 1usize..=6, exp in -300i32..300,
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 36)) {
        let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
        let c = map_of(a);
        check_everything(&c)?;
        let _ = (c.figure(&Timeline::new(3)), c.summary(), c.code_text(), c.handles());
    }

    #[test]
    fn factors_rebuild_a_and_the_timeline_ends_on_a(entries in proptest::collection::vec(-10.0f64..10.0, 4)) {
        let c = map_of(DMatrix::from_row_slice(2, 2, &entries));
        let s = svd_rotating_v(&c.a).unwrap();
        // The shared SVD guarantees a relative residual of 1e-10; nalgebra's 2×2 path reaches
        // ~2e-12 on some inputs (e.g. [[0.1207, 9.8416], [−1.8531, 0.6391]]), so test that bound.
        let back = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
        prop_assert!((back - &c.a).amax() <= 1e-10 * c.a.amax().max(1.0));
        prop_assert!(s.v.determinant() > 0.0);
        if s.rank() == 2 {
            prop_assert_eq!(s.u.determinant() < 0.0, c.a.determinant() < 0.0);
        }
        let p = PlaneSvd::new(&s).unwrap();
        let a = plane(&c.a).unwrap();
        prop_assert!(close(&p.map(1.0, 1.0, 1.0), &a, 1e-10));
        let mut t = Timeline::new(3);
        t.scrub(2.999_999);
        prop_assert!(close(&stage_map(&c, &p, &t).unwrap(), &a, 1e-6));
    }

    #[test]
    fn any_shape_reconstructs(rows in 1usize..=6, cols in 1usize..=6, entries in proptest::collection::vec(-5.0f64..5.0, 36)) {
        let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c]);
        let c = map_of(a.clone());
        prop_assert!(number(&c, "reconstruction_error") < 1e-10);
        let s = sigma(&c);
        prop_assert!(s.windows(2).all(|w| w[0] >= w[1]));
        prop_assert!((rebuilt(&c) - a).amax() < 1e-10);
    }
}
