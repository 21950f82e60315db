//! The trace page's unit tests: the seed's numbers, diagonal handles, eigenvalues, extreme scales, the cyclic view.

use super::figure::row_height;
use super::text::written_sum;
use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::chapter::{apply_params, initial, to_params, ChapterError, HandleId};
use crate::readout::Value;
use crate::view::scene::{Role, Shape};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Trace {
    open::<Trace>(params)
}

fn build() -> Trace {
    open::<Trace>(&[])
}

fn set_input(c: &mut Trace, name: &str, m: DMatrix<f64>) -> Result<(), ChapterError> {
    crate::chapter::AnyChapter::set_input(c, name, m)
}

fn set_choice(c: &mut Trace, name: &str, value: &str) -> Result<(), ChapterError> {
    crate::chapter::AnyChapter::set_choice(c, name, value)
}

/// Drags the handle written `name`: a diagonal handle `A:dᵢ`, or any other id the page might send.
fn drag_handle(c: &mut Trace, name: &str, to: World) -> bool {
    let handle = DIAGONAL.iter().find(|n| **n == name).map_or_else(|| id(name), |n| HandleId::whole(n));
    Chapter::act(c, Action::Move(handle, to))
}

#[test]
fn the_default_is_the_seeds_example() {
    let c = build();
    assert_eq!(value(&c, "trace"), Value::Number(14.0));
    assert_eq!(value(&c, "trace_transpose"), Value::Number(14.0));
    assert_eq!(value(&c, "trace_AAT"), Value::Number(308.0));
    assert!((number(&c, "frobenius") - 308f64.sqrt()).abs() < 1e-12);
    assert!((number(&c, "eigenvalue_sum") - 14.0).abs() < 1e-9);
    assert_eq!(value(&c, "XYZ"), Value::Matrix(vec![vec![360.0, 432.0], vec![180.0, 171.0]]));
    assert_eq!(value(&c, "ZXY"), Value::Matrix(vec![vec![498.0, 126.0], vec![259.0, 33.0]]));
    assert_eq!(value(&c, "YZX"), Value::Matrix(vec![vec![-63.0, -54.0], vec![393.0, 594.0]]));
    for name in ["trace_XYZ", "trace_ZXY", "trace_YZX"] {
        assert_eq!(value(&c, name), Value::Number(531.0), "{name}");
    }
    assert_eq!(value(&c, "trace_product"), Value::Number(438.0));
    assert!(readout(&c, "trace_product").note.contains("X·Z·Y"));
    assert!(readout(&c, "trace").note.contains("2 + 7 + 5 = 14"));
}

#[test]
fn det_of_the_seed_matrix_is_right() {
    // 2(35−2) − 9(20−8) + 8(8−56) = 66 − 108 − 384 = −426.
    let c = build();
    assert!((number(&c, "det") + 426.0).abs() < 1e-9);
}

#[test]
fn a_non_square_a_is_rejected_with_a_sentence() {
    let mut c = build();
    let err = set_input(&mut c, "A", DMatrix::from_row_slice(2, 3, &[1.0; 6])).unwrap_err().to_string();
    assert!(err.contains("square") && err.contains("2×3"), "{err}");
    let problems = problems::<Trace>(&[("A", "1,2,3;4,5,6")]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("Parameter A: the trace is defined for square matrices only"), "{}", problems[0]);
    assert!(problems[0].contains("and this one is 2×3"), "{}", problems[0]);
}

#[test]
fn dragging_a_diagonal_handle_changes_that_entry_and_the_trace() {
    let mut c = build();
    let handles = plane_handles(&c);
    assert_eq!(handles.len(), 3);
    assert_eq!(handles[0].id.to_string(), "A:d0");
    assert_eq!(handles[0].at.x, 2.0);
    assert_eq!(handles[2].at.x, 14.0);
    // The second handle sits at the running sum 2 + 7; moving it to 12 makes A₂₂ = 10.
    assert!(drag_handle(&mut c, "A:d1", World::new(12.0, -40.0)));
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![2.0, 9.0, 8.0], vec![4.0, 10.0, 1.0], vec![8.0, 2.0, 5.0]]));
    assert_eq!(value(&c, "trace"), Value::Number(17.0));
    // The handle follows: it is at the new running sum, and the last one at the new trace.
    assert_eq!(plane_handles(&c)[1].at.x, 12.0);
    assert_eq!(plane_handles(&c)[2].at.x, 17.0);
    assert!(!drag_handle(&mut c, "A:d1", World::new(12.0, 3.0)), "no change, no update");
    assert!(!drag_handle(&mut c, "A:d3", World::new(1.0, 0.0)));
    assert!(!drag_handle(&mut c, "A:0", World::new(1.0, 0.0)));
    assert!(!drag_handle(&mut c, "A:d0", World::new(f64::NAN, 0.0)));
    // The first handle moves right: the trace grows by the same amount (the contract's drag).
    assert!(drag_handle(&mut c, "A:d0", World::new(3.0, 0.0)));
    assert_eq!(value(&c, "trace"), Value::Number(18.0));
    // The page finds the handles by the names it writes.
    assert_eq!(c.handles().find("A:d2"), Some(HandleId::whole("A:d2")));
}

#[test]
fn arrow_keys_on_the_page_step_a_diagonal_entry() {
    use crate::page::{Msg, Page};
    let link = crate::state::route::ChapterLink::new("trace", vec![("A".into(), "1,2;3,4".into())]);
    let mut page = Page::open(crate::chapters::find("trace").unwrap(), &link);
    let first = page.handles()[0].id;
    assert_eq!(first.to_string(), "A:d0");
    page.update(Msg::Nudge { handle: first, dx: 1.0, dy: 0.0, fine: false });
    assert_eq!(value(page.chapter(), "A"), Value::Matrix(vec![vec![2.0, 2.0], vec![3.0, 4.0]]));
    page.update(Msg::Nudge { handle: first, dx: -1.0, dy: 0.0, fine: false });
    page.update(Msg::Nudge { handle: first, dx: -1.0, dy: 0.0, fine: false });
    assert_eq!(value(page.chapter(), "trace"), Value::Number(4.0));
    assert!(page.hash().contains("A=0,2;3,4"), "{}", page.hash());
}

#[test]
fn the_trace_matches_numpys_left_to_right_sum() {
    let c = page(&[("A", "0.423,-0.959,0.998;2.065,0.736,1.118;-1.586,-1.729,-0.313")]);
    assert_eq!(value(&c, "trace"), Value::Number(0.8460000000000001));
}

#[test]
fn complex_and_repeated_eigenvalues_still_sum_to_the_trace() {
    // A rotation by 90° has eigenvalues ±i: sum 0 = trace.
    let c = page(&[("A", "0,-1;1,0")]);
    assert_eq!(value(&c, "eigenvalues"), Value::List(vec![Value::Complex { re: 0.0, im: 1.0 }, Value::Complex { re: 0.0, im: -1.0 }]));
    assert_eq!(number(&c, "eigenvalue_sum"), 0.0);
    // A Jordan block: eigenvalue 2 twice.
    let c = page(&[("A", "2,1;0,2")]);
    assert_eq!(value(&c, "eigenvalues"), Value::List(vec![Value::Number(2.0), Value::Number(2.0)]));
    assert_eq!(number(&c, "eigenvalue_sum"), 4.0);
}

#[test]
fn zero_huge_and_tiny_matrices() {
    let c = page(&[("A", "0,0;0,0")]);
    assert_eq!(value(&c, "trace"), Value::Number(0.0));
    assert_eq!(value(&c, "frobenius"), Value::Number(0.0));
    assert_eq!(value(&c, "eigenvalue_sum"), Value::Number(0.0));
    // 1e200: the trace is fine, tr(AAᵀ) overflows (null with the reason), ‖A‖_F does not.
    let c = page(&[("A", "1e200,2e200;3e200,4e200")]);
    assert_eq!(value(&c, "trace"), Value::Number(1e200 + 4e200));
    assert_eq!(value(&c, "trace_AAT"), Value::Null);
    assert!(readout(&c, "trace_AAT").note.contains("overflow"));
    assert!((number(&c, "frobenius") / (30f64.sqrt() * 1e200) - 1.0).abs() < 1e-14);
    assert!((number(&c, "eigenvalue_sum") / 5e200 - 1.0).abs() < 1e-12);
    assert_eq!(value(&c, "det"), Value::Null);
    let c = page(&[("A", "1e-200,2e-200;3e-200,4e-200")]);
    assert!((number(&c, "frobenius") / (30f64.sqrt() * 1e-200) - 1.0).abs() < 1e-14);
    assert!(readout(&c, "trace_AAT").note.contains("underflow"));
    assert!(readout(&c, "frobenius").note.contains("scaled"));
    assert!((number(&c, "eigenvalue_sum") / 5e-200 - 1.0).abs() < 1e-12);
    // No readout is ever NaN.
    for r in c.readouts() {
        assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
    }
}

#[test]
fn six_by_six_and_one_by_one() {
    let c = page(&[("A", "1,2,3,4,5,6;0,1,0,0,0,0;0,0,1,0,0,0;0,0,0,1,0,0;0,0,0,0,1,0;0,0,0,0,0,7")]);
    assert_eq!(value(&c, "trace"), Value::Number(12.0));
    assert_eq!(plane_handles(&c).len(), 6);
    assert!((number(&c, "eigenvalue_sum") - 12.0).abs() < 1e-9);
    let c = page(&[("A", "-3")]);
    assert_eq!(value(&c, "trace"), Value::Number(-3.0));
    assert_eq!(value(&c, "eigenvalues"), Value::List(vec![Value::Number(-3.0)]));
    // The largest A has a handle on every diagonal entry.
    let eight = DMatrix::<f64>::identity(8, 8);
    let mut c = build();
    set_input(&mut c, "A", eight).unwrap();
    assert_eq!(plane_handles(&c).last().map(|h| h.id.to_string()), Some("A:d7".to_string()));
}

#[test]
fn cyclic_shapes_that_do_not_chain_give_null_with_a_reason() {
    let mut c = page(&[("X", "1,2,3"), ("Y", "1;2;3"), ("Z", "1,2")]);
    // X 1×3, Y 3×1, Z 1×2: XY is 1×1 but XYZ is 1×2, not square.
    assert_eq!(value(&c, "trace_XYZ"), Value::Null);
    assert!(readout(&c, "trace_XYZ").note.contains("not square"));
    assert_eq!(value(&c, "ZXY"), Value::Null);
    assert!(readout(&c, "ZXY").note.contains("inner sizes"));
    set_choice(&mut c, "view", "cyclic").unwrap();
    assert!(figure_note(&c).is_some());
    assert!(matches!(final_figure(&c), Figure::Note(_)), "nothing is drawn");
    // Non-square factors that chain back: X 2×3, Y 3×1, Z 1×2.
    let c = page(&[("X", "1,2,3;4,5,6"), ("Y", "1;0;-1"), ("Z", "2,1"), ("view", "cyclic")]);
    let t: Vec<f64> = ["trace_XYZ", "trace_ZXY", "trace_YZX"].iter().map(|n| number(&c, n)).collect();
    assert_eq!(t, [-6.0, -6.0, -6.0]);
    assert!(figure_note(&c).is_none());
    assert!(plane_handles(&c).is_empty());
}

#[test]
fn the_figure_draws_the_staircase_to_the_trace() {
    let c = build();
    let scene = plane_scene(&c, &Timeline::new(0));
    let tips: Vec<World> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Arrow { to, stroke, .. } if stroke.role != Role::Eigen => Some(*to),
            _ => None,
        })
        .collect();
    assert_eq!(tips.iter().map(|p| p.x).collect::<Vec<_>>(), [2.0, 9.0, 14.0, 14.0]);
    let eig_end = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Arrow { to, stroke, .. } if stroke.role == Role::Eigen => Some(to.x),
            _ => None,
        })
        .next_back()
        .unwrap();
    assert!((eig_end - 14.0).abs() < 1e-9);
    let Figure::Plane { bounds: (lo, hi), .. } = final_figure(&c) else { panic!("a plane figure") };
    assert!(lo.x <= 0.0 && hi.x >= 14.0 && lo.y < 0.0 && hi.y > 3.0);
    assert!(c.summary().contains("2 + 7 + 5 = 14"));
}

#[test]
fn the_order_choice_compares_any_of_the_six_orders() {
    let mut c = page(&[("view", "cyclic")]);
    assert_eq!(crate::chapter::AnyChapter::choices(&c).len(), 2);
    assert!(c.summary().contains("non-cyclic order XZY has trace 438"), "{}", c.summary());
    set_choice(&mut c, "order", "zyx").unwrap();
    // Z·Y·X = [[6,6],[2,5]]·[[1,−3],[4,3]]·[[4,12],[7,6]]: Z·Y = [[30, 0], [22, 9]], times X.
    assert_eq!(value(&c, "product"), Value::Matrix(vec![vec![120.0, 360.0], vec![151.0, 318.0]]));
    assert_eq!(value(&c, "trace_product"), Value::Number(438.0));
    set_choice(&mut c, "order", "yzx").unwrap();
    assert_eq!(value(&c, "trace_product"), Value::Number(531.0));
    assert!(readout(&c, "trace_product").note.contains("a cyclic shift"));
    assert!(c.summary().contains("YZX is one of them again"));
    assert!(set_choice(&mut c, "order", "xyx").is_err());
    // A link with view and order restores both (the order is known before the view is set).
    let params = to_params(&c);
    assert!(params.contains(&("order".to_string(), "yzx".to_string())), "{params:?}");
    let mut again = initial::<Trace>().unwrap();
    assert!(apply_params(&mut again, &params).is_empty());
    assert_eq!(to_params(&again), params);
}

#[test]
fn sums_are_written_with_minus_signs() {
    assert_eq!(written_sum(&[1.0, -3.0, 0.5]), "1 − 3 + 0.5");
    assert_eq!(written_sum(&[-2.0, -0.0]), "−2 + 0");
    let c = page(&[("A", "1,0;0,-3")]);
    assert!(c.summary().starts_with("tr A = 1 − 3 = −2"), "{}", c.summary());
}

#[test]
fn row_heights_are_round_and_keep_the_figure_square_ish() {
    assert_eq!(row_height(14.0, 5), 5.0);
    assert_eq!(row_height(3.0, 5), 1.0);
    assert_eq!(row_height(657.0, 5), 200.0);
    assert_eq!(row_height(f64::INFINITY, 5), 1.0);
}

#[test]
fn code_reproduces_the_state() {
    let code = build().code_text();
    assert!(code.numpy.contains("A = np.array([[2, 9, 8], [4, 7, 1], [8, 2, 5]], dtype=float)"), "{}", code.numpy);
    assert!(code.numpy.contains("np.trace(X @ Y @ Z)"));
    assert!(code.nalgebra.contains("Schur::try_new"));
    assert!(code.nalgebra.contains("let tr_zxy = (&z * &x * &y).trace();"), "{}", code.nalgebra);
    let code = page(&[("Z", "1,2,3")]).code_text();
    assert!(code.numpy.contains("# shapes do not chain"));
}

fn small() -> impl Strategy<Value = f64> {
    (-20i32..=20).prop_map(f64::from)
}

proptest! {
    #[test]
    fn cyclic_traces_agree(n in 1usize..=4, m in 1usize..=4, entries in proptest::collection::vec(small(), 48)) {
        // X n×m, Y m×m, Z m×n: all three cyclic products exist. Small integers: exact arithmetic.
        let x = DMatrix::from_fn(n, m, |r, c| entries[r * 4 + c]);
        let y = DMatrix::from_fn(m, m, |r, c| entries[16 + r * 4 + c]);
        let z = DMatrix::from_fn(m, n, |r, c| entries[32 + r * 4 + c]);
        let mut c = build();
        set_input(&mut c, "X", x).unwrap();
        set_input(&mut c, "Y", y).unwrap();
        set_input(&mut c, "Z", z).unwrap();
        let t: Vec<Value> = ["trace_XYZ", "trace_ZXY", "trace_YZX"].iter().map(|k| value(&c, k)).collect();
        prop_assert_eq!(&t[0], &t[1]);
        prop_assert_eq!(&t[1], &t[2]);
        set_choice(&mut c, "view", "cyclic").unwrap();
        check_everything(&c)?;
    }

    #[test]
    fn eigenvalues_sum_to_the_trace_and_the_norm_is_root_trace_aat(n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36)) {
        let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
        let mut c = build();
        set_input(&mut c, "A", a.clone()).unwrap();
        let tr = number(&c, "trace");
        let scale = a.iter().map(|x| x.abs()).sum::<f64>().max(1.0);
        prop_assert!((number(&c, "eigenvalue_sum") - tr).abs() <= 1e-9 * scale);
        prop_assert!((number(&c, "trace_transpose") - tr).abs() == 0.0);
        let f = number(&c, "frobenius");
        prop_assert!((f * f - trace_of(&(&a * a.transpose()))).abs() <= 1e-9 * scale * scale);
        check_everything(&c)?;
    }
}
