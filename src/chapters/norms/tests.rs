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

#[test]
fn the_triangle_notes_say_when_the_two_sides_are_equal() {
    // Opposite vectors are parallel, and still the direct way is strictly shorter.
    let c = page(&[("v", "2,0"), ("w", "-1,0")]);
    assert_eq!(readout(&c, "triangle").note, "strictly shorter: v and w do not point the same way");
    let c = page(&[("v", "2,1"), ("w", "4,2")]);
    assert_eq!(readout(&c, "triangle").note, "equal: v and w point the same way");
    let c = page(&[("v", "0,0"), ("w", "4,2")]);
    assert_eq!(readout(&c, "triangle").note, "equal: one of the vectors is 0");
    // Below p = 1 the measure exceeds ‖v‖₁: (√3 + √4)² ≈ 13.93 > 7.
    let c = page(&[("p", "0.5")]);
    assert!(number(&c, "lp") > number(&c, "l1"));
    assert!(close(number(&c, "lp"), (3f64.sqrt() + 2.0).powi(2)));
    assert!(readout(&c, "lp").note.contains("can exceed ‖v‖₁"));
    let c = build();
    assert!(readout(&c, "lp").note.contains("between ‖v‖∞ and ‖v‖₁"), "{}", readout(&c, "lp").note);
    assert_eq!(readout(&c, "frobenius").label, "‖A‖ (Frobenius)");
}

fn vector(c: &Norms, name: &str) -> Vec<f64> {
    match value(c, name) {
        Value::Vector(v) => v,
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn the_smallest_l1_ball_touches_the_line_at_a_corner_and_the_l2_ball_off_axis() {
    let c = page(&[("view", "sparse")]);
    assert_eq!(vector(&c, "l1_point"), [0.0, 2.5]);
    assert_eq!(number(&c, "l1_radius"), 2.5);
    assert_eq!(vector(&c, "l2_point"), [1.0, 2.0]);
    assert!(close(number(&c, "l2_radius"), 5f64.sqrt()));
    assert!(readout(&c, "l1_point").note.contains("w₁ = 0"), "{}", readout(&c, "l1_point").note);
    assert!(readout(&c, "l2_point").note.contains("no weight is 0"));
    assert_eq!(
        c.summary(),
        "The line w₁ + 2w₂ = 5: the smallest L¹ ball (‖w‖₁ = 2.5) touches it at the corner (0, 2.5), so w₁ = 0; the smallest L² ball (‖w‖₂ = 2.2361) touches it at (1, 2), where no weight is 0."
    );
    // The other way round: the corner moves to the other axis.
    let c = page(&[("view", "sparse"), ("x", "2,1")]);
    assert_eq!(vector(&c, "l1_point"), [2.5, 0.0]);
    assert_eq!(vector(&c, "l2_point"), [2.0, 1.0]);
    // Negative coefficients and target: (0, 2) on the line w₁ − 3w₂ = −6, nearest point (−0.6, 1.8).
    let c = page(&[("view", "sparse"), ("x", "1,-3"), ("y", "-6")]);
    assert_eq!(vector(&c, "l1_point"), [0.0, 2.0]);
    let l2 = vector(&c, "l2_point");
    assert!(close(l2[0], -0.6) && close(l2[1], 1.8), "{l2:?}");
    // A line parallel to an axis: both balls touch at the same point on the other axis.
    let c = page(&[("view", "sparse"), ("x", "0,2")]);
    assert_eq!(vector(&c, "l1_point"), [0.0, 2.5]);
    assert_eq!(vector(&c, "l2_point"), [0.0, 2.5]);
    assert!(readout(&c, "l2_point").note.contains("w₁ = 0"));
}

#[test]
fn a_line_parallel_to_an_edge_or_through_0_has_no_single_corner() {
    let c = page(&[("view", "sparse"), ("x", "1,1"), ("y", "2")]);
    assert_eq!(value(&c, "l1_point"), Value::Null);
    assert!(readout(&c, "l1_point").note.starts_with("not one point: |x₁| = |x₂|"), "{}", readout(&c, "l1_point").note);
    assert!(readout(&c, "l1_point").note.contains("from (2, 0) to (0, 2)"));
    assert_eq!(number(&c, "l1_radius"), 2.0);
    assert!(c.summary().contains("along the whole edge from (2, 0) to (0, 2)"), "{}", c.summary());
    assert!(c.code_text().numpy.contains("runs along an edge"));
    let c = page(&[("view", "sparse"), ("x", "1,2"), ("y", "0")]);
    assert_eq!(vector(&c, "l1_point"), [0.0, 0.0]);
    assert_eq!(vector(&c, "l2_point"), [0.0, 0.0]);
    assert!(c.summary().contains("passes through 0"));
    // x = 0 is no line; x needs two entries.
    assert_eq!(problems::<Norms>(&[("x", "0,0")]), ["Parameter x: x must not be 0: the equation 0 = y describes no line."]);
    assert_eq!(problems::<Norms>(&[("x", "1,2,3")]).len(), 1);
}

#[test]
fn dragging_the_lines_nearest_point_moves_and_turns_it() {
    let mut c = page(&[("view", "sparse")]);
    assert_eq!(plane_handles(&c).iter().map(|h| h.id.to_string()).collect::<Vec<_>>(), ["line"]);
    assert_eq!(plane_handles(&c)[0].at, World::new(1.0, 2.0));
    assert!(drag(&mut c, "line", World::new(2.0, 1.0)));
    assert_eq!(value(&c, "x"), Value::Vector(vec![2.0, 1.0]));
    assert_eq!(value(&c, "y"), Value::Matrix(vec![vec![5.0]]));
    assert_eq!(vector(&c, "l1_point"), [2.5, 0.0]);
    assert_eq!(plane_handles(&c)[0].at, World::new(2.0, 1.0), "the point stays under the pointer");
    assert!(drag(&mut c, "line", World::new(-3.0, 3.0)));
    assert_eq!(value(&c, "l1_point"), Value::Null, "a 45° line: a whole edge");
    // To the origin: the line keeps its direction and passes through 0.
    assert!(drag(&mut c, "line", World::zeros()));
    assert_eq!(value(&c, "x"), Value::Vector(vec![-3.0, 3.0]));
    assert_eq!(number(&c, "l2_radius"), 0.0);
    assert!(!drag(&mut c, "line", World::zeros()), "nothing changes");
    assert!(!drag(&mut c, "line", World::new(f64::NAN, 0.0)));
    // The other views have no such handle; the sparse view has no v handle.
    let mut balls = build();
    assert!(!drag(&mut balls, "line", World::new(2.0, 1.0)));
    assert!(!drag(&mut c, "v", World::new(2.0, 1.0)));
}

#[test]
fn the_sparse_figure_draws_both_balls_the_line_and_the_touching_points() {
    let c = page(&[("view", "sparse")]);
    let scene = plane_scene(&c, &Timeline::new(0));
    let diamond = scene.shapes.iter().find_map(|s| match s {
        Shape::Polygon { points, stroke: Some(st), .. } if st.role == Role::Basis1 => Some(points.clone()),
        _ => None,
    });
    assert_eq!(diamond.unwrap()[1], World::new(0.0, 2.5));
    let line = scene.shapes.iter().find_map(|s| match s {
        Shape::Line { through, direction, label, .. } => Some((*through, *direction, label.clone())),
        _ => None,
    });
    let (through, direction, _) = line.expect("the line");
    assert_eq!(through, World::new(1.0, 2.0));
    assert!(direction.dot(&World::new(1.0, 2.0)).abs() < 1e-15);
    // The equation is written on the line, inside the view.
    let label = scene.shapes.iter().find_map(|s| match s {
        Shape::Label { at, text, .. } if text == "w₁ + 2w₂ = 5" => Some(*at),
        _ => None,
    });
    let at = label.expect("the equation's label");
    assert!((at.x + 2.0 * at.y - 5.0).abs() < 1e-12 && at.x > 1.0 && at.norm() < 1.35 * 2.5, "{at}");
    let arrows: Vec<String> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Arrow { label, .. } => label.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(arrows, ["L¹: (0, 2.5)", "L²: (1, 2)"]);
    let Figure::Plane { bounds: (lo, hi), .. } = final_figure(&c) else { panic!("a plane figure") };
    assert!(lo.x <= -2.5 && hi.y >= 2.5);
    // The sparse view needs no v with two entries.
    assert!(figure_note(&page(&[("view", "sparse"), ("v", "1,2,3")])).is_none());
}

proptest! {
    #[test]
    fn the_touching_points_are_on_the_line_and_smallest(x1 in -50.0f64..50.0, x2 in -50.0f64..50.0, y in -50.0f64..50.0,
                                                       t in proptest::collection::vec(-100.0f64..100.0, 8)) {
        prop_assume!(x1 != 0.0 || x2 != 0.0);
        let mut c = page(&[("view", "sparse")]);
        crate::chapter::AnyChapter::set_input(&mut c, "x", DMatrix::from_column_slice(2, 1, &[x1, x2])).unwrap();
        crate::chapter::AnyChapter::set_input(&mut c, "y", DMatrix::from_element(1, 1, y)).unwrap();
        check_everything(&c)?;
        let l2p = vector(&c, "l2_point");
        let scale = (x1.abs() + x2.abs()) * (y.abs() + 1.0);
        prop_assert!((x1 * l2p[0] + x2 * l2p[1] - y).abs() <= 1e-12 * scale);
        let (r1, r2) = (number(&c, "l1_radius"), number(&c, "l2_radius"));
        // Every point of the line is at least as long as the touching points, in either norm.
        let n = (x1 * x1 + x2 * x2).sqrt();
        for s in t {
            let q = (l2p[0] - s * x2 / n, l2p[1] + s * x1 / n);
            prop_assert!(q.0.abs() + q.1.abs() >= r1 * (1.0 - 1e-12));
            prop_assert!(q.0.hypot(q.1) >= r2 * (1.0 - 1e-12));
        }
        match value(&c, "l1_point") {
            Value::Vector(p) => {
                prop_assert!((x1 * p[0] + x2 * p[1] - y).abs() <= 1e-12 * scale);
                prop_assert!(p[0] == 0.0 || p[1] == 0.0, "a corner: one weight is 0");
                prop_assert!(close(p[0].abs() + p[1].abs(), r1));
            }
            other => {
                prop_assert_eq!(other, Value::Null);
                prop_assert!(x1.abs() == x2.abs());
            }
        }
    }
}
