//! The quadratic-form panel's tests.

use super::*;
use crate::chapter::Figure;
use crate::chapter::{from_params, to_params};
use crate::chapters::eigendecomposition::quadratic::{label_ray, levels, radius};
use crate::format::display_number;
use crate::math::quadratic::testing::{conic_points, f};
use crate::math::quadratic::QuadraticForm;
use crate::view::scene::Dash;
use crate::view::timeline::Timeline;

fn quadratic(a: &str) -> Eigendecomposition {
    page(&[("A", a), ("view", "quadratic")])
}

/// The panel's scene (it has no timeline).
fn scene(c: &Eigendecomposition) -> Scene {
    plane_scene(c, &Timeline::new(0))
}

fn curves(scene: &Scene, role: Role) -> Vec<&Vec<World>> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Polyline { points, stroke } if stroke.role == role && stroke.dash == Dash::Solid => Some(points),
            _ => None,
        })
        .collect()
}

#[test]
fn the_form_panel_is_a_validated_choice_in_the_url() {
    let build_page = crate::chapters::find("eigendecomposition").unwrap().build;
    let c = quadratic("2,1;1,2");
    let params = to_params(&c);
    assert!(params.contains(&("view".to_string(), "quadratic".to_string())), "{params:?}");
    let (again, problems) = from_params(build_page, &params);
    assert!(problems.is_empty());
    assert_eq!(to_params(again.as_ref()), params);
    assert!(!to_params(&build()).iter().any(|(k, _)| k == "view"), "the default view stays out of the link");
    let (fallback, problems) = from_params(build_page, &[("view".into(), "heat".into())]);
    assert!(problems[0].starts_with("Parameter view:") && problems[0].contains("map, quadratic"), "{problems:?}");
    assert_eq!(to_params(fallback.as_ref()), to_params(&build()));
    // The panel has no timeline and only v to drag; its code adds where f is largest and smallest.
    assert!(c.stages().is_empty());
    assert_eq!(handle_names(&c), ["v"]);
    assert!(c.code_text().numpy.contains("print(\"quadratic_form\", v @ A @ v)") && build().code_text().numpy.contains("v @ A @ v"));
    assert!(c.code_text().numpy.contains("np.linalg.eigh(S)") && !build().code_text().numpy.contains("eigh(S)"));
}

#[test]
fn max_and_min_on_the_unit_circle_are_marked_at_the_eigenvectors() {
    for a in ["6,2;2,3", "2,1;1,2", "1,0;0,-1", "5,1;3,3", "-2,1;1,-3", "1,1;1,1", "0,3;-1,0"] {
        let c = quadratic(a);
        let form = QuadraticForm::new(&c.a).unwrap();
        // Dots at ±q₁ and ±q₂, labelled with the max and min.
        let scene = scene(&c);
        let dots: Vec<World> =
            scene.shapes.iter().filter_map(|s| if let Shape::Dot { at, role: Role::Eigen, .. } = s { Some(*at) } else { None }).collect();
        assert_eq!(dots, [form.axes[0], -form.axes[0], form.axes[1], -form.axes[1]]);
        let texts = labels(&scene);
        assert!(texts.contains(&format!("max {}", display_number(form.values[0]))), "{texts:?}");
        assert!(texts.contains(&format!("min {}", display_number(form.values[1]))), "{texts:?}");
    }
    let c = quadratic("6,2;2,3");
    assert!(c.summary().contains("largest, 7, at ±(0.8944, 0.4472) and smallest, 2, at ±(−0.4472, 0.8944)"), "{}", c.summary());
}

#[test]
fn each_kind_of_form_draws_its_conics_and_says_its_name() {
    // Positive-definite: closed ellipses of positive levels only, under a positive heat map.
    let c = quadratic("2,1;1,2");
    let drawn = scene(&c);
    assert!(labels(&drawn).contains(&"positive-definite: a bowl".to_string()));
    let ellipses = curves(&drawn, Role::Image);
    assert!(ellipses.len() >= 3 && ellipses.iter().all(|p| p.first() == p.last()));
    assert!(curves(&drawn, Role::Data).is_empty());
    assert!(drawn.shapes.iter().any(|s| matches!(s, Shape::QuadraticField { positive: Role::Image, negative: Role::Data, .. })));
    assert!(c.summary().starts_with("xᵀAx is positive-definite (a bowl)"), "{}", c.summary());
    assert!(!labels(&drawn).iter().any(|l| l.contains("Aᵀ")), "a symmetric A needs no note");
    // Indefinite: hyperbola branches of both signs and the two zero lines.
    let drawn = scene(&quadratic("1,0;0,-1"));
    assert!(labels(&drawn).contains(&"indefinite: a saddle".to_string()));
    let (pos, neg) = (curves(&drawn, Role::Image), curves(&drawn, Role::Data));
    assert!(pos.len() >= 2 && neg.len() >= 2 && pos.iter().chain(&neg).all(|p| p.first() != p.last()));
    let zero_lines =
        |scene: &Scene| scene.shapes.iter().filter(|s| matches!(s, Shape::Line { stroke, .. } if stroke.role == Role::Ghost)).count();
    assert_eq!(zero_lines(&drawn), 2);
    assert!(labels(&drawn).contains(&"f = 0.2".to_string()) && labels(&drawn).contains(&"f = −0.2".to_string()), "{:?}", labels(&drawn));
    // Positive semidefinite: parallel lines, zero along (1, −1).
    let drawn = scene(&quadratic("1,1;1,1"));
    assert!(labels(&drawn).contains(&"positive semidefinite: a trough".to_string()));
    let lines: Vec<World> = drawn
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { direction, stroke, .. } if stroke.role == Role::Image => Some(*direction),
            _ => None,
        })
        .collect();
    assert!(lines.len() >= 2 && lines.iter().all(|d| d.x + d.y == 0.0 || (d.x + d.y).abs() < 1e-12), "{lines:?}");
    assert_eq!(zero_lines(&drawn), 1);
    // Negative-definite: ellipses of negative levels.
    let c = quadratic("-2,1;1,-3");
    let drawn = scene(&c);
    assert!(labels(&drawn).contains(&"negative-definite: a dome".to_string()));
    assert!(curves(&drawn, Role::Image).is_empty() && !curves(&drawn, Role::Data).is_empty());
    // The zero matrix: no heat, no level sets, f = 0 everywhere.
    let c = page(&[("A", "0,0;0,0"), ("v", "1,2"), ("view", "quadratic")]);
    let drawn = scene(&c);
    assert!(!drawn.shapes.iter().any(|s| matches!(s, Shape::QuadraticField { .. } | Shape::Polyline { .. })));
    assert!(labels(&drawn).contains(&"zero: flat".to_string()) && labels(&drawn).contains(&"v: f(v) = 0".to_string()));
    assert!(c.summary().contains("f = 0 everywhere"), "{}", c.summary());
}

#[test]
fn only_the_symmetric_part_counts_and_the_panel_says_so() {
    let c = page(&[("view", "quadratic")]);
    let drawn = scene(&c);
    assert!(labels(&drawn).contains(&"A ≠ Aᵀ: f only sees (A + Aᵀ)/2".to_string()));
    assert!(c.summary().contains("only sees (A + Aᵀ)/2"));
    // v = (1, 1): f(v) = 5 + 1 + 3 + 3 = 12, the probe's level set is drawn dotted through it.
    assert!(labels(&drawn).contains(&"v: f(v) = 12".to_string()));
    assert_eq!(number(&c, "quadratic_form"), 12.0);
    let a = DMatrix::from_row_slice(2, 2, &[5.0, 1.0, 3.0, 3.0]);
    let through_v = drawn.shapes.iter().any(|s| {
        matches!(s, Shape::Polyline { points, stroke } if stroke.role == Role::Input
            && points.iter().all(|p| (f(&a, *p) - 12.0).abs() < 1e-9))
    });
    assert!(through_v);
    // Dragging v changes f(v) in the label and the summary.
    let mut c = c;
    assert!(drag(&mut c, "v", World::new(1.0, 0.0)));
    assert!(labels(&scene(&c)).contains(&"v: f(v) = 5".to_string()));
    assert!(c.summary().contains("f(v) = 5."), "{}", c.summary());
}

#[test]
fn huge_tiny_and_3x3_forms_stay_honest() {
    for a in ["1e300,1e300;1e300,1e300", "1e-300,0;0,-1e-300", "1e300,1;1,1e-300", "1.7e308,0;0,1.7e308", "5e-324,0;0,5e-324"] {
        let c = quadratic(a);
        let Figure::Plane { scene, bounds: (lo, hi) } = c.figure(&Timeline::new(0)) else { panic!("{a}: no plane figure") };
        assert!(finite_scene(&scene), "{a}");
        assert!(labels(&scene).iter().any(|l| l.contains(':')), "{a}: {:?}", labels(&scene));
        assert!(lo.iter().chain(hi.iter()).all(|x| x.is_finite()));
        assert!(!c.summary().contains("NaN") && !c.summary().contains("inf"), "{}", c.summary());
    }
    assert!(quadratic("1e300,0;0,-1e300").summary().starts_with("xᵀAx is indefinite"));
    // A rendered panel hands its heat map to the painter.
    let mut rec = crate::view::render::Recording::default();
    crate::view::render::render(&scene(&quadratic("1,0;0,-1")), &[], &crate::view::viewport::Viewport::default(), &mut rec);
    assert_eq!(rec.heats.len(), 1);
    // 3×3: the panel is 2-D, says so, and gives the definiteness in words instead.
    let c = page(&[("A", "2,0,0;0,3,4;0,4,9"), ("v", "1,0,0"), ("view", "quadratic")]);
    let note = figure_note(&c).unwrap();
    assert!(note.contains("2-D") && note.contains("positive-definite") && note.contains("11, 2, 1") && note.contains("in space"), "{note}");
    assert!(space_at(&c, &Timeline::new(0)).is_none() && plane_handles(&c).is_empty() && space_handles(&c).is_empty());
    assert!(matches!(c.figure(&Timeline::new(0)), Figure::Note(_)), "nothing is drawn");
    assert_eq!(c.summary(), "xᵀAx is positive-definite: xᵀAx > 0 for every x ≠ 0. The quadratic-form panel draws 2×2 matrices only.");
    assert!(!readout(&c, "definiteness").note.contains("bowl"), "the shapes are those of a graph over the plane");
    let Value::Vector(mu) = value(&c, "definiteness") else { panic!() };
    assert!(mu.iter().zip([11.0, 2.0, 1.0]).all(|(x, y)| (x - y).abs() < 1e-12), "{mu:?}");
}

proptest! {
    #[test]
    fn every_drawn_level_set_is_where_f_equals_its_level(entries in proptest::collection::vec(-5.0f64..5.0, 4), v in proptest::collection::vec(-3.0f64..3.0, 2)) {
        let a = DMatrix::from_row_slice(2, 2, &entries);
        let form = QuadraticForm::new(&a).unwrap();
        let radius = radius(World::new(v[0], v[1]));
        for c in levels(&form, radius).into_iter().chain([0.0]) {
            let close = |p: World| (f(&a, p) - c).abs() <= 1e-9 * (c.abs() + a.amax() * p.norm_squared());
            for p in conic_points(&form.conics(c, radius * 3.0)) {
                prop_assert!(close(p), "f{p} = {} ≠ {c} for {a}", f(&a, p));
            }
            // The level's label sits on it too.
            if c != 0.0 {
                let (u, fu) = label_ray(&form, c > 0.0, World::new(v[0], v[1])).unwrap();
                prop_assert!(fu * c > 0.0 && close(u * (c / fu).sqrt()), "label of {c} at {u} for {a}");
            }
        }
    }
}
