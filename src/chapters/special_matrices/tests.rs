//! The special-matrices page's unit tests: the checks on the seed's matrices, the angle and the kind, drags, links.

use super::*;
use crate::chapter::testing::*;
use crate::chapter::{apply_params, initial, to_params};
use crate::readout::Value;
use crate::view::scene::Shape;
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> SpecialMatrices {
    open::<SpecialMatrices>(params)
}

fn build() -> SpecialMatrices {
    open::<SpecialMatrices>(&[])
}

fn checks(c: &SpecialMatrices) -> [Value; 3] {
    ["symmetric", "diagonal", "orthogonal"].map(|n| value(c, n))
}

/// The page opened again from `c`'s link, which must be accepted as it is.
fn reopened(c: &SpecialMatrices) -> SpecialMatrices {
    let mut again = initial::<SpecialMatrices>().unwrap();
    let problems = apply_params(&mut again, &to_params(c));
    assert!(problems.is_empty(), "{problems:?}");
    again
}

fn set_choice(c: &mut SpecialMatrices, name: &str, value: &str) -> Result<(), ChapterError> {
    crate::chapter::AnyChapter::set_choice(c, name, value)
}

const T: Value = Value::Bool(true);
const F: Value = Value::Bool(false);

#[test]
fn the_default_is_a_rotation_by_50_degrees() {
    let c = build();
    assert_eq!(checks(&c), [F, F, T]);
    let (s, co) = 50f64.to_radians().sin_cos();
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![co, -s], vec![s, co]]));
    assert_eq!(value(&c, "transpose_is_inverse"), T);
    assert_eq!(value(&c, "radians"), Value::Number(50f64.to_radians()));
    assert!(readout(&c, "det").note.contains("rotation"));
    assert!(c.summary().contains("rotation by 50°"));
    assert_eq!(plane_handles(&c)[0].id.to_string(), "A:0");
    // The declared default of A is exactly the rotation the angle builds.
    assert_eq!(c.a, rotation_or_reflection(50.0, false));
}

#[test]
fn the_seeds_radian_slip_is_a_rotation_by_minus_15_point_2_degrees() {
    // np.cos(50) reads 50 radians: 50 rad = 2864.79°, which is −15.21° after whole turns.
    let c = page(&[("deg", &format!("{}", 50f64.to_degrees()))]);
    let Value::Matrix(m) = value(&c, "A") else { panic!() };
    assert!((m[0][0] - 0.96496602849211).abs() < 1e-12 && (m[0][1] - 0.26237485370392).abs() < 1e-12, "{m:?}");
    assert!((m[1][0] + 0.26237485370392).abs() < 1e-12);
    assert!((wrap_degrees(50f64.to_degrees()) + 15.211).abs() < 1e-3);
    assert_eq!(checks(&c), [F, F, T]);
}

#[test]
fn the_three_checks_on_the_seeds_matrices() {
    assert_eq!(checks(&page(&[("A", "2,4,-1;4,-8,0;-1,0,3")])), [T, F, F]);
    assert_eq!(checks(&page(&[("A", "2,0,0,0;0,4,0,0;0,0,3,0;0,0,0,1")])), [T, T, F]);
    // A 4×3 diagonal matrix: diagonal, but neither symmetric nor orthogonal (not square).
    let c = page(&[("A", "2,0,0;0,4,0;0,0,3;0,0,0")]);
    assert_eq!(checks(&c), [F, T, F]);
    assert!(readout(&c, "symmetric").note.contains("4×3"));
    assert_eq!(value(&c, "inverse"), Value::Null);
    assert!(plane_handles(&c).is_empty() && figure_note(&c).is_some());
    // A permutation is orthogonal and symmetric; the identity is all three.
    assert_eq!(checks(&page(&[("A", "0,1;1,0")])), [T, F, T]);
    assert_eq!(checks(&page(&[("A", "1,0;0,1")])), [T, T, T]);
    // The oracle's case.
    assert_eq!(checks(&page(&[("A", "-5,4;2,2")])), [F, F, F]);
}

#[test]
fn the_tolerance_absorbs_rounding_but_not_real_differences() {
    // A rotation by 180° has sin π ≈ 1.2e-16 off the diagonal: diagonal and symmetric within 1e-9.
    let c = page(&[("deg", "180")]);
    assert_eq!(checks(&c), [T, T, T]);
    let c = page(&[("A", "1,1e-6;0,1")]);
    assert_eq!(checks(&c), [F, F, F]);
    assert!(readout(&c, "orthogonal").note.contains("tolerance 1e-9"));
}

#[test]
fn the_reflection_choice_rebuilds_from_the_angle_and_round_trips() {
    let mut c = build();
    set_choice(&mut c, "kind", "reflection").unwrap();
    assert_eq!(checks(&c), [T, F, T]);
    assert!(readout(&c, "det").note.contains("reflection"));
    assert_eq!(crate::chapter::AnyChapter::choices(&c)[0].current, "reflection");
    let mirror = plane_scene(&c, &Timeline::new(0)).shapes.iter().any(|s| matches!(s, Shape::Line { label: Some(l), .. } if l == "mirror"));
    assert!(mirror);
    let params = to_params(&c);
    assert_eq!(to_params(&reopened(&c)), params);
    set_choice(&mut c, "kind", "rotation").unwrap();
    assert_eq!(value(&c, "A"), value(&build(), "A"));
    assert!(set_choice(&mut c, "kind", "shear").is_err());
}

#[test]
fn dragging_a_column_changes_the_checks_and_the_angle_follows() {
    let mut c = build();
    assert!(drag(&mut c, "A:0", World::new(0.0, 2.0)));
    assert_eq!(value(&c, "orthogonal"), F);
    assert_eq!(value(&c, "deg"), Value::Vector(vec![90.0]));
    assert!(value(&c, "column_norms").to_json().starts_with("[2.0,"));
    // Drag both columns onto the axes: the identity, all three checks true.
    assert!(drag(&mut c, "A:0", World::new(1.0, 0.0)));
    assert!(drag(&mut c, "A:1", World::new(0.0, 1.0)));
    assert_eq!(checks(&c), [T, T, T]);
    assert_eq!(value(&c, "deg"), Value::Vector(vec![0.0]));
    // A linked state with a dragged A comes back exactly.
    assert!(drag(&mut c, "A:1", World::new(1.0, 1.0)));
    let params = to_params(&c);
    let again = reopened(&c);
    assert_eq!(to_params(&again), params);
    assert_eq!(value(&again, "A"), Value::Matrix(vec![vec![1.0, 1.0], vec![0.0, 1.0]]));
}

#[test]
fn the_summary_says_how_far_a_dragged_a_is_from_orthogonal() {
    let mut c = build();
    assert!(drag(&mut c, "A:0", World::new(2.0, 0.0)));
    assert!(drag(&mut c, "A:1", World::new(1.0, 1.0)));
    assert_eq!(
        c.summary(),
        "A is not orthogonal (AᵀA ≠ I): its columns have lengths 2 and 1.4142, at 45° to each other; it is neither symmetric nor \
         diagonal. The unit circle becomes the shaded ellipse."
    );
    let c = page(&[("A", "1,0,0;0,1,0")]);
    assert!(c.summary().contains("its columns have lengths 1, 1 and 0;"), "{}", c.summary());
    let c = page(&[("A", "1e300,1e300;1e300,-1e300")]);
    assert!(c.summary().contains("at 90° to each other"), "{}", c.summary());
}

#[test]
fn singular_zero_huge_and_bad_inputs() {
    let c = page(&[("A", "1,2;2,4")]);
    assert_eq!(value(&c, "inverse"), Value::Null);
    assert!(readout(&c, "inverse").note.contains("singular"));
    assert_eq!(value(&c, "transpose_is_inverse"), F);
    let c = page(&[("A", "0,0;0,0")]);
    assert_eq!(checks(&c), [T, T, F]);
    let c = page(&[("A", "1e200,0;0,1e200")]);
    assert_eq!(checks(&c), [T, T, F]);
    assert_eq!(value(&c, "gram"), Value::Null);
    assert!(readout(&c, "gram").note.contains("overflow"));
    assert_eq!(value(&c, "column_norms"), Value::Vector(vec![1e200, 1e200]));
    let c = page(&[("A", "1e-200,0;0,1e-200")]);
    assert_eq!(checks(&c), [T, T, F]);
    for r in c.readouts() {
        assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
    }
    let mut c = build();
    let err = crate::chapter::AnyChapter::set_input(&mut c, "deg", DMatrix::from_column_slice(2, 1, &[1.0, 2.0])).unwrap_err();
    assert!(err.to_string().contains("one number"), "{err}");
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "B", DMatrix::zeros(2, 2)).is_err());
    assert_eq!(problems::<SpecialMatrices>(&[("deg", "1,2")]), ["Parameter deg: a single number is expected, not a list."]);
}

#[test]
fn the_inverse_comes_from_the_svd_and_a_tiny_reflection_is_still_one() {
    let c = page(&[("A", "2,1;1,1")]);
    assert_eq!(value(&c, "transpose_is_inverse"), F, "symmetric: Aᵀ = A, and A⁻¹ = [[1, −1], [−1, 2]] is not A");
    let Value::Matrix(inv) = value(&c, "inverse") else { panic!() };
    let want = [[1.0, -1.0], [-1.0, 2.0]];
    assert!(inv.iter().flatten().zip(want.iter().flatten()).all(|(g, w)| (g - w).abs() < 1e-14), "{inv:?}");
    // det underflows to −0, but its sign is known: the choice shows a reflection.
    let c = page(&[("A", "1e-200,0;0,-1e-200")]);
    assert_eq!(crate::chapter::AnyChapter::choices(&c)[0].current, "reflection");
}

#[test]
fn column_drags_are_not_rounded_to_the_lattice() {
    use crate::page::{Msg, Page};
    let link = crate::state::route::ChapterLink::new("special-matrices", Vec::new());
    let mut page = Page::open(crate::chapters::find("special-matrices").unwrap(), &link);
    page.update(Msg::DragStart(id("A:0")));
    let at = page.viewport().to_screen(World::new(0.6, 0.8));
    page.update(Msg::DragTo(at));
    let a = value(page.chapter(), "A");
    let Value::Matrix(rows) = a else { panic!("{a:?}") };
    assert!((rows[0][0] - 0.6).abs() < 1e-9 && (rows[1][0] - 0.8).abs() < 1e-9, "{rows:?}");
}

#[test]
fn code_builds_the_rotation_from_degrees() {
    let code = build().code_text();
    assert!(code.numpy.contains("deg = 50.0\n"), "{}", code.numpy);
    assert!(code.numpy.contains("np.deg2rad(deg)"));
    assert!(code.numpy.contains("<= 1e-9)  # orthogonal"));
    assert!(code.numpy.contains("print(np.linalg.det(A))"));
    let code = page(&[("A", "1,2,3")]).code_text();
    assert!(code.numpy.contains("not square"));
    assert!(!code.numpy.contains("np.linalg.inv"));
    assert!(page(&[("A", "1,2;2,4")]).code_text().numpy.contains("A is singular"));
}

#[test]
fn det_minus_1_is_a_reflection_only_in_the_plane() {
    let flip = page(&[("A", "0,1;1,0")]);
    assert_eq!(readout(&flip, "det").note, "−1: a reflection across a line (orientation flipped)");
    // −I₃ sends every vector to its opposite: orthogonal with det −1, but no mirror in a plane does that.
    let minus = page(&[("A", "-1,0,0;0,-1,0;0,0,-1")]);
    assert_eq!(value(&minus, "orthogonal"), T);
    assert_eq!(value(&minus, "det"), Value::Number(-1.0));
    let note = readout(&minus, "det").note;
    assert!(note.contains("rotation combined with a reflection") && note.contains("−I₃"), "{note}");
    let summary = minus.summary();
    assert!(summary.contains("(3×3)") && summary.contains("rotation combined with a reflection") && !summary.contains("°"), "{summary}");
    // A 3×3 rotation says so, without the plane's angle.
    let turn = page(&[("A", "0,-1,0;1,0,0;0,0,1")]);
    assert!(turn.summary().contains("det A = +1: a rotation"), "{}", turn.summary());
    assert!(readout(&turn, "det").note.starts_with("+1: a rotation"));
    // A rounding-sized error reads as 0 in the notes; the exact value stays in the readout.
    let c = page(&[("deg", "180")]);
    assert!(readout(&c, "orthogonal").note.starts_with("max |AᵀA − I| = 0"), "{}", readout(&c, "orthogonal").note);
    assert!(!readout(&c, "transpose_is_inverse").note.contains("e-1"), "{}", readout(&c, "transpose_is_inverse").note);
}

proptest! {
    #[test]
    fn every_angle_gives_an_orthogonal_a_whose_transpose_is_its_inverse(deg in -1e4f64..1e4, reflection in any::<bool>()) {
        let mut c = build();
        if reflection {
            set_choice(&mut c, "kind", "reflection").unwrap();
        }
        crate::chapter::AnyChapter::set_input(&mut c, "deg", DMatrix::from_element(1, 1, deg)).unwrap();
        prop_assert_eq!(value(&c, "orthogonal"), T);
        prop_assert_eq!(value(&c, "transpose_is_inverse"), T);
        prop_assert_eq!(crate::chapter::AnyChapter::choices(&c)[0].current, if reflection { "reflection" } else { "rotation" });
    }

    #[test]
    fn every_matrix_is_sound(rows in 1usize..=4, cols in 1usize..=4, entries in proptest::collection::vec(-10.0f64..10.0, 16), exp in -200i32..=200) {
        let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 4 + c] * 10f64.powi(exp));
        let mut c = build();
        crate::chapter::AnyChapter::set_input(&mut c, "A", a).unwrap();
        check_everything(&c)?;
    }
}
