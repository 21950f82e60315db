use super::*;
use crate::chapter::testing::*;
use crate::chapter::Options;
use crate::readout::Value;
use crate::view::scene::Shape;
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Multiplication {
    open::<Multiplication>(params)
}

fn build() -> Multiplication {
    open::<Multiplication>(&[])
}

#[test]
fn the_products_summary_says_what_each_order_gives() {
    let c = page(&[("view", "ab")]);
    assert_eq!(c.summary(), "AB = [16, 12; 40, 28] but BA = [28, 30; 16, 16]: applying B then A is not the same as A then B.");
    let c = page(&[("view", "ab"), ("A", "2,0;0,2")]);
    assert!(c.summary().starts_with("AB = BA = [10, 6; 4, 4]: these two matrices commute"), "{}", c.summary());
    let c = page(&[("view", "ab"), ("A", "1,2,3;4,5,6;7,8,9;1,1,1"), ("B", "1,0,0;0,1,0;0,0,1")]);
    assert!(c.summary().contains("not defined"), "{}", c.summary());
    let c = page(&[("view", "ab"), ("A", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1"), ("B", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1")]);
    assert!(c.summary().starts_with("AB = BA = a 4×4 matrix"), "{}", c.summary());
}

#[test]
fn the_default_is_the_notebooks_example() {
    let c = build();
    assert_eq!(value(&c, "AB"), Value::Matrix(vec![vec![16.0, 12.0], vec![40.0, 28.0]]));
    assert_eq!(value(&c, "BA"), Value::Matrix(vec![vec![28.0, 30.0], vec![16.0, 16.0]]));
    assert_eq!(value(&c, "dot"), Value::Number(22.0));
    assert_eq!(value(&c, "Av"), Value::Vector(vec![16.0, 40.0]));
    assert_eq!(value(&c, "commute"), Value::Bool(false));
}

#[test]
fn non_square_shapes_compute_or_explain() {
    let c = page(&[("A", "1,2;3,4;5,6"), ("v", "2,4")]);
    assert_eq!(value(&c, "Av"), Value::Vector(vec![10.0, 22.0, 34.0]));
    let note = readout(&c, "BA");
    assert_eq!(note.value, Value::Null);
    assert!(note.note.contains("inner sizes"), "{}", note.note);
    assert!(figure_note(&c).is_some());
    assert_eq!(c.handles(), Handles::Plane(Vec::new()));
    let c = page(&[("A", "1,2,3;4,5,6;7,8,9;10,11,12"), ("B", "2,7;1,2;3,6")]);
    assert_eq!(value(&c, "AB"), Value::Matrix(vec![vec![13.0, 29.0], vec![31.0, 74.0], vec![49.0, 119.0], vec![67.0, 164.0]]));
}

#[test]
fn dragging_v_moves_av_and_column_handles_edit_a() {
    let mut c = build();
    assert_eq!(plane_handles(&c)[0].id.to_string(), "v");
    assert!(drag(&mut c, "v", World::new(1.0, 0.0)));
    assert_eq!(value(&c, "Av"), Value::Vector(vec![2.0, 6.0]));
    assert!(drag(&mut c, "A:1", World::new(-1.0, 1.0)));
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![2.0, -1.0], vec![6.0, 1.0]]));
    assert!(!drag(&mut c, "nope", World::new(1.0, 1.0)));
    assert!(!drag(&mut c, "v", World::new(f64::NAN, 1.0)));
}

#[test]
fn overflow_gives_null_with_a_reason() {
    let c = page(&[("A", "1e300,1e300;1,1"), ("v", "1e300,1e300")]);
    let av = readout(&c, "Av");
    assert_eq!(av.value, Value::Null);
    assert!(av.note.contains("overflow"));
}

#[test]
fn the_ab_view_animates_b_then_a() {
    let mut c = page(&[("view", "ab")]);
    assert_eq!(c.stages(), ["apply B", "then A"]);
    assert_eq!(plane_handles(&c).len(), 4);
    let mut t = Timeline::new(2);
    t.scrub(1.0);
    let squares: Vec<Vec<World>> = plane_scene(&c, &t)
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Polygon { points, fill: Some(_), .. } => Some(points),
            _ => None,
        })
        .collect();
    // Halfway, the unit square has gone through B only: its corners are B's columns.
    assert_eq!(squares[0][1], World::new(5.0, 2.0));
    assert_eq!(squares[0][3], World::new(3.0, 2.0));
    crate::chapter::AnyChapter::set_choice(&mut c, "order", "ba").unwrap();
    assert_eq!(c.stages(), ["apply A", "then B"]);
}

#[test]
fn code_reproduces_the_state() {
    let code = build().code_text();
    assert!(code.numpy.contains("A = np.array([[2, 3], [6, 5]], dtype=float)"), "{}", code.numpy);
    assert!(code.numpy.contains("Av = A @ v\nprint(\"Av =\", Av.tolist())"), "{}", code.numpy);
    assert!(code.nalgebra.contains("DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0])"), "{}", code.nalgebra);
    let code = page(&[("v", "1,2,3")]).code_text();
    assert!(code.numpy.contains("# shapes do not match, this raises an error: A @ v"));
}

#[test]
fn matrices_that_commute_are_not_called_different_for_a_last_bit() {
    // A and A + I commute; in floats AB and BA differ by 5.6e-17 in two entries.
    let c = page(&[("A", "0.1,0.2;0.3,0.4"), ("B", "1.1,0.2;0.3,1.4"), ("view", "ab")]);
    let ab = value(&c, "AB");
    assert_ne!(ab, value(&c, "BA"), "the floats differ");
    let r = readout(&c, "commute");
    assert_eq!(r.value, Value::Bool(true));
    assert!(r.note.contains("up to rounding"), "{}", r.note);
    assert!(c.summary().contains("these two matrices commute"), "{}", c.summary());
    // A real difference stays a difference.
    assert_eq!(value(&build(), "commute"), Value::Bool(false));
}

#[test]
fn sums_that_cancel_read_zero() {
    // 0.1·0.9 − 0.3·0.3 is 1.4e-17 in floats: the words say 0.
    let c = page(&[("A", "0.1,0.3;0.3,0.4"), ("v", "0.9,-0.3"), ("w", "0.1,0.3"), ("view", "dot")]);
    assert!(matches!(value(&c, "dot"), Value::Number(d) if d != 0.0));
    assert!(c.summary().starts_with("v·w = 0;"), "{}", c.summary());
    assert!(readout(&c, "Av").note.contains("0.1·0.9 + 0.3·−0.3 = 0;"), "{}", readout(&c, "Av").note);
    let c = page(&[("A", "0.1,0.3;0.3,0.4"), ("v", "0.9,-0.3")]);
    assert!(c.summary().starts_with("A·v = (0, "), "{}", c.summary());
}

#[test]
fn the_snippets_print_every_readout() {
    for params in [&[][..], &[("A", "1,2;3,4;5,6"), ("v", "2,4")][..], &[("v", "1,2,3")][..]] {
        let c = page(params);
        let code = c.code_text();
        for name in ["Av", "AB", "BA", "commute", "dot"] {
            let printed = format!("print(\"{name} =");
            assert!(code.numpy.contains(&printed) && code.torch.contains(&printed), "{params:?}: {name}\n{}", code.numpy);
        }
    }
}

proptest! {
    /// Entries whose products stay finite: the figure's bounds hold AB and BA, and products that
    /// overflow have no box to fit.
    #[test]
    fn every_view_and_order_is_sound_at_any_shape(shape in proptest::array::uniform6(1usize..=4), entries in proptest::collection::vec(-1e150..1e150f64, 64),
                                                  view in 0usize..3, ba in any::<bool>()) {
        let mut c = build();
        let inputs = [
            ("A", DMatrix::from_fn(shape[0], shape[1], |r, col| entries[r * 4 + col])),
            ("B", DMatrix::from_fn(shape[2], shape[3], |r, col| entries[16 + r * 4 + col])),
            ("v", DMatrix::from_fn(shape[4], 1, |r, _| entries[32 + r])),
            ("w", DMatrix::from_fn(shape[5], 1, |r, _| entries[48 + r])),
        ];
        for (name, value) in inputs {
            crate::chapter::AnyChapter::set_input(&mut c, name, value).unwrap();
        }
        crate::chapter::AnyChapter::set_choice(&mut c, "view", View::ALL[view].key()).unwrap();
        if c.view == View::Ab && ba {
            crate::chapter::AnyChapter::set_choice(&mut c, "order", "ba").unwrap();
        }
        check_everything(&c)?;
    }
}
