//! The norms page's unit tests: the seed's numbers, p from links, extreme scales, drags and the balls.

use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::math::norms::lp;
use crate::readout::Value;
use crate::view::scene::Shape;
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Norms {
    open::<Norms>(params)
}

fn build() -> Norms {
    open::<Norms>(&[])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn the_default_is_the_seeds_examples() {
    let c = build();
    assert_eq!(number(&c, "l2"), 5.0);
    assert_eq!(number(&c, "l1"), 7.0);
    assert_eq!(number(&c, "linf"), 4.0);
    assert_eq!(number(&c, "l0"), 2.0);
    assert_eq!(number(&c, "l2_squared"), 25.0);
    assert!(close(number(&c, "lp"), 91f64.powf(1.0 / 3.0)));
    assert!(close(number(&c, "frobenius"), 70f64.sqrt()));
    assert_eq!(plane_handles(&c)[0].id.to_string(), "v");
    // The inputs are readouts too: p as the 1×1 matrix it is stored as.
    assert_eq!(value(&c, "p"), Value::Matrix(vec![vec![3.0]]));
    assert_eq!(value(&c, "w"), Value::Vector(vec![1.0, 6.0]));
}

#[test]
fn the_seeds_other_numbers() {
    let c = page(&[("v", "2,5,3,3")]);
    assert_eq!(number(&c, "l2_squared"), 47.0);
    assert!(figure_note(&c).is_some() && plane_handles(&c).is_empty());
    // The triangle inequality with u = (1, 6) and v = (4, 2): √89 ≤ √37 + √20.
    let c = page(&[("v", "4,2"), ("w", "1,6"), ("view", "triangle")]);
    assert!(close(number(&c, "sum_norm"), 89f64.sqrt()));
    assert!(close(number(&c, "norm_sum"), 37f64.sqrt() + 20f64.sqrt()));
    assert_eq!(readout(&c, "triangle").value, Value::Bool(true));
    assert_eq!(plane_handles(&c).len(), 2);
    // x = (0, 2), y = (2, 2): 45°.
    let c = page(&[("v", "0,2"), ("w", "2,2")]);
    assert!(close(number(&c, "angle"), 45.0));
    assert_eq!(number(&c, "l0"), 1.0);
}

#[test]
fn oracle_case_and_p_between_0_and_1() {
    let c = page(&[("v", "3,5"), ("p", "1.5"), ("A", "-5,1;3,-4")]);
    assert!(close(number(&c, "lp"), 6.448824979843635));
    let c = page(&[("v", "3,5"), ("p", "0.5")]);
    assert!(close(number(&c, "lp"), (3f64.sqrt() + 5f64.sqrt()).powi(2)));
    assert!(readout(&c, "lp").note.contains("not a norm"));
    for bad in ["0", "-1"] {
        let problems = problems::<Norms>(&[("p", bad)]);
        assert_eq!(problems.len(), 1, "{bad}");
        assert!(problems[0].starts_with("Parameter p: p is one number greater than 0"), "{}", problems[0]);
    }
    assert_eq!(problems::<Norms>(&[("p", "1,2")]), ["Parameter p: a single number is expected, not a list."]);
    // The smallest positive float is still a p (a measure, not a norm).
    assert!(problems::<Norms>(&[("p", "5e-324")]).is_empty());
}

#[test]
fn huge_p_tends_to_the_max_norm_without_overflow() {
    let c = page(&[("v", "3,-4,1e300"), ("p", "1e6")]);
    assert_eq!(number(&c, "lp"), 1e300);
    assert_eq!(number(&c, "linf"), 1e300);
    let c = page(&[("v", "3,-4"), ("p", "1e300")]);
    assert_eq!(number(&c, "lp"), 4.0);
    // Two equal maxima: 2^(1/p)·m → m as p grows.
    assert!(close(lp(&[5.0, -5.0], 1000.0), 5.0 * 2f64.powf(0.001)));
}

#[test]
fn huge_tiny_and_zero_vectors() {
    let c = page(&[("v", "3e200,4e200"), ("A", "1e200,1e200;1e200,1e200")]);
    assert!(close(number(&c, "l2"), 5e200));
    assert!(close(number(&c, "frobenius"), 2e200));
    assert_eq!(readout(&c, "l2_squared").value, Value::Null);
    assert!(readout(&c, "l2_squared").note.contains("overflow"));
    let c = page(&[("v", "1e308,1e308")]);
    assert_eq!(readout(&c, "l1").value, Value::Null);
    assert!(close(number(&c, "l2"), 2f64.sqrt() * 1e308));
    let c = page(&[("v", "3e-200,4e-200")]);
    assert!(close(number(&c, "l2"), 5e-200));
    assert!(readout(&c, "l2_squared").note.contains("underflow"));
    let c = page(&[("v", "0,0"), ("w", "0,0")]);
    for name in ["l0", "l1", "l2", "linf", "lp"] {
        assert_eq!(number(&c, name), 0.0, "{name}");
    }
    assert_eq!(readout(&c, "angle").value, Value::Null);
    for r in c.readouts() {
        assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
    }
    let c = page(&[("v", "1,2,3")]);
    assert_eq!(readout(&c, "triangle").value, Value::Null);
    assert!(readout(&c, "sum_norm").note.contains("3 entries"));
}

#[test]
fn dragging_v_changes_every_norm_and_the_balls_pass_through_it() {
    let mut c = build();
    assert!(drag(&mut c, "v", World::new(-6.0, 8.0)));
    assert_eq!(number(&c, "l2"), 10.0);
    assert_eq!(number(&c, "l1"), 14.0);
    assert!(!drag(&mut c, "w", World::new(1.0, 1.0)), "w has no handle in the balls view");
    assert!(!drag(&mut c, "v", World::new(f64::NAN, 1.0)));
    // Every ball through v: the vertex of the diamond at ‖v‖₁, the square's side at ‖v‖∞.
    let scene = plane_scene(&c, &Timeline::new(0));
    let polygons: Vec<&Vec<World>> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Polygon { points, stroke: Some(st), .. } if st.role != Role::Ghost => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(polygons.len(), 4);
    assert_eq!(polygons[1][0], World::new(14.0, 0.0));
    assert_eq!(polygons[3][0], World::new(8.0, 8.0));
    // The Lᵖ outline satisfies |x|ᵖ + |y|ᵖ = rᵖ.
    let rp = number(&c, "lp");
    for q in polygons[0] {
        assert!(close(q.x.abs().powf(3.0) + q.y.abs().powf(3.0), rp.powf(3.0)));
    }
    // In the triangle view w moves too, and the figure's box holds v + w.
    let mut c = page(&[("view", "triangle")]);
    assert!(drag(&mut c, "w", World::new(2.0, 6.0)));
    assert!(close(number(&c, "sum_norm"), 125f64.sqrt()));
    let Figure::Plane { bounds: (_, hi), .. } = final_figure(&c) else { panic!("a plane figure") };
    assert_eq!(hi, World::new(5.0, 10.0));
}

proptest! {
    #[test]
    fn every_state_is_sound(v in proptest::collection::vec(-1e3f64..1e3, 1..=4), w in proptest::collection::vec(-1e3f64..1e3, 1..=4),
                            p in 0.01f64..100.0, triangle in any::<bool>()) {
        let mut c = build();
        crate::chapter::AnyChapter::set_input(&mut c, "v", DMatrix::from_column_slice(v.len(), 1, &v)).unwrap();
        crate::chapter::AnyChapter::set_input(&mut c, "w", DMatrix::from_column_slice(w.len(), 1, &w)).unwrap();
        crate::chapter::AnyChapter::set_input(&mut c, "p", DMatrix::from_element(1, 1, p)).unwrap();
        if triangle {
            crate::chapter::AnyChapter::set_choice(&mut c, "view", "triangle").unwrap();
        }
        check_everything(&c)?;
    }
}
