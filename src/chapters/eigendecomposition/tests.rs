use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::math::eigen::NoVectors;
use crate::readout::Value;
use crate::view::scene::{Scene, Shape};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

mod quadratic;

fn page(params: &[(&str, &str)]) -> Eigendecomposition {
    open::<Eigendecomposition>(params)
}

fn build() -> Eigendecomposition {
    page(&[])
}

/// Every label of a plane scene: free labels and those of lines and arrows.
fn labels(scene: &Scene) -> Vec<String> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Label { text, .. } | Shape::Line { label: Some(text), .. } | Shape::Arrow { label: Some(text), .. } => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect()
}

/// Whether every coordinate and number of every shape is finite.
fn finite_scene(scene: &Scene) -> bool {
    let ok = |p: &World| p.x.is_finite() && p.y.is_finite();
    scene.shapes.iter().all(|s| match s {
        Shape::Arrow { from, to, .. } => ok(from) && ok(to),
        Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => points.iter().all(ok),
        Shape::Line { through, direction, .. } => ok(through) && ok(direction),
        Shape::Dot { at, .. } | Shape::Label { at, .. } => ok(at),
        Shape::QuadraticField { form, .. } | Shape::Lattice { map: form, .. } => form.iter().all(|x| x.is_finite()),
        Shape::Axes | Shape::Points { .. } | Shape::Image { .. } => true,
    })
}

fn handle_names(c: &Eigendecomposition) -> Vec<String> {
    plane_handles(c).into_iter().map(|h| h.id.to_string()).collect()
}

#[test]
fn the_default_is_the_seeds_example() {
    let c = build();
    assert_eq!(value(&c, "eigenvalues").to_json(), "[6.0,2.0]");
    assert_eq!(value(&c, "Av"), Value::Vector(vec![6.0, 6.0]));
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(true));
    assert_eq!(value(&c, "probe_lambda"), Value::Number(6.0));
    assert_eq!(value(&c, "trace"), Value::Number(8.0));
    assert_eq!(value(&c, "diagonalizable"), Value::Bool(true));
    let Value::Matrix(v) = value(&c, "eigenvectors") else { panic!() };
    let s = 0.5_f64.sqrt();
    assert!((v[0][0] - s).abs() < 1e-15 && (v[1][0] - s).abs() < 1e-15);
    assert!((v[0][1].abs() - 0.31622776601683794).abs() < 1e-12);
    // Symmetric part [[5, 2], [2, 3]]: eigenvalues 4 ± √5 > 0.
    assert!(readout(&c, "definiteness").note.starts_with("positive-definite"));
    assert!(c.summary().contains("v is an eigenvector: Av = 6·v"), "{}", c.summary());
    assert_eq!(handle_names(&c)[0], "v");
}

#[test]
fn every_kind_of_spectrum_is_explained() {
    // Defective shear: one eigen-direction.
    let c = page(&[("A", "1,1;0,1")]);
    assert_eq!(value(&c, "eigenvalues").to_json(), "[1.0,1.0]");
    let v = readout(&c, "eigenvectors");
    assert_eq!(v.value, Value::Null);
    assert!(v.note.contains("defective") && v.note.contains("only 1"), "{}", v.note);
    assert!(c.summary().contains("only one eigen-direction"));
    let lines = plane_scene(&c, &Timeline::new(1)).shapes.into_iter().filter(|s| matches!(s, Shape::Line { .. })).count();
    assert_eq!(lines, 1);
    // Complex: a rotation-scaling.
    let c = page(&[("A", "1,1;-2,0")]);
    assert_eq!(value(&c, "eigenvalues").to_json(), r#"[{"re":0.5,"im":1.3228756555322954},{"re":0.5,"im":-1.3228756555322954}]"#);
    assert!(readout(&c, "eigenvectors").note.contains("complex"));
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(false));
    assert!(c.summary().contains("0.5 ± 1.3229i"), "{}", c.summary());
    // Negative eigenvalue: a flip.
    let c = page(&[("A", "-1,3;2,-2"), ("v", "1,-1")]);
    assert_eq!(value(&c, "eigenvalues").to_json(), "[1.0,-4.0]");
    assert_eq!(value(&c, "probe_lambda"), Value::Number(-4.0));
    assert!(c.summary().contains("flips"));
    assert!(readout(&c, "definiteness").note.starts_with("indefinite"));
    // Repeated with a full eigenspace.
    let c = page(&[("A", "2,0;0,2"), ("v", "3,-7")]);
    assert_eq!(value(&c, "eigenvectors"), Value::Matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]));
    assert_eq!(value(&c, "probe_lambda"), Value::Number(2.0));
    assert!(c.summary().contains("every vector"));
    // Singular: λ = 0, v in the null space is an eigenvector with λ = 0.
    let c = page(&[("A", "1,2;2,4"), ("v", "2,-1")]);
    assert_eq!(value(&c, "eigenvalues").to_json(), "[5.0,0.0]");
    assert_eq!(value(&c, "probe_lambda"), Value::Number(0.0));
    assert!(readout(&c, "definiteness").note.starts_with("positive semidefinite"));
    // A huge v keeps its direction: still an eigenvector.
    let c = page(&[("v", "1e300,1e300")]);
    assert_eq!(value(&c, "probe_lambda"), Value::Number(6.0));
    // v = 0 is never an eigenvector.
    let c = page(&[("v", "0,0")]);
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(false));
    assert!(readout(&c, "probe_lambda").note.contains("never"));
}

#[test]
fn sizes_scales_and_rejections() {
    let c = page(&[("A", "3,3,3;5,5,3;3,-5,5"), ("v", "1,0,0")]);
    let Value::List(values) = value(&c, "eigenvalues") else { panic!() };
    let Value::Complex { re, im } = values[0] else { panic!("{values:?}") };
    assert!((re - 6.917098018985836).abs() < 1e-12 && (im - 3.1135488624946284).abs() < 1e-12);
    assert!(matches!(values[1], Value::Complex { im, .. } if im < 0.0));
    assert!(matches!(values[2], Value::Number(x) if (x + 0.834196037971672).abs() < 1e-12));
    // Drawn in space: the plane's handles are gone, v is a handle in space.
    assert!(figure_note(&c).is_none() && plane_handles(&c).is_empty());
    assert_eq!(space_handles(&c)[0].id.to_string(), "v");
    assert!(figure_note(&page(&[("A", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1"), ("v", "1,0,0,0")])).is_some());
    assert!(figure_note(&page(&[("A", "1,0,0;0,1,0;0,0,1"), ("v", "1,0")])).is_some());
    // Linking only A: the default probe (1, 1) follows it into space as (1, 1, 0).
    let c = page(&[("A", "2,0,0;0,3,4;0,4,9")]);
    assert_eq!(value(&c, "v"), Value::Vector(vec![1.0, 1.0, 0.0]));
    assert!(figure_note(&c).is_none());
    assert_eq!(value(&page(&[("v", "1,2,3")]), "Av"), Value::Null, "an explicit mismatch stays");
    for scale in ["e200", "e-200"] {
        let a = format!("5{scale},1{scale};3{scale},3{scale}");
        let c = page(&[("A", a.as_str())]);
        let Value::List(values) = value(&c, "eigenvalues") else { panic!() };
        let factor: f64 = format!("1{scale}").parse().unwrap();
        let Value::Number(l) = values[0] else { panic!() };
        assert!((l / factor - 6.0).abs() < 1e-12);
        assert!(matches!(value(&c, "eigenvectors"), Value::Matrix(_)));
    }
    let mut c = build();
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::zeros(2, 3)).unwrap_err().to_string().contains("square"));
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "v", DMatrix::zeros(2, 2)).is_err());
    let c = page(&[("v", "1,2,3")]);
    assert_eq!(value(&c, "Av"), Value::Null);
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(false));
}

#[test]
fn dragging_the_probe_off_and_onto_an_eigenvector() {
    let mut c = build();
    assert!(drag(&mut c, "v", World::new(2.0, 1.0)));
    assert_eq!(value(&c, "Av"), Value::Vector(vec![11.0, 9.0]));
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(false));
    let glow = |c: &Eigendecomposition| {
        plane_scene(c, &Timeline::new(1)).shapes.iter().any(|s| matches!(s, Shape::Polyline { stroke, .. } if stroke.width == 10.0))
    };
    assert!(!glow(&c));
    assert!(drag(&mut c, "v", World::new(1.0, -3.0)));
    assert_eq!(value(&c, "probe_lambda"), Value::Number(2.0));
    assert!(glow(&c));
    assert!(drag(&mut c, "A:0", World::new(0.0, 1.0)));
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![0.0, 1.0], vec![1.0, 3.0]]));
}

#[test]
fn playing_keeps_eigenvectors_on_their_lines() {
    let c = build();
    let mut t = Timeline::new(1);
    t.scrub(0.5);
    let dots: Vec<World> = plane_scene(&c, &t)
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role: Role::Eigen, .. } => Some(at),
            _ => None,
        })
        .collect();
    assert_eq!(dots.len(), 2);
    // Halfway, (I + A)/2 stretches the unit eigenvector (1, 1)/√2 by (1 + 6)/2.
    assert!((dots[0].norm() - 3.5).abs() < 1e-12 && (dots[0].x - dots[0].y).abs() < 1e-12);
}

fn lines(space: &Space) -> Vec<(Point3, String)> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Line { direction, label: Some(l), .. } => Some((*direction, l.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_3x3_matrix_is_drawn_in_space_with_its_eigen_directions() {
    let mut c = page(&[("A", "2,0,0;0,3,4;0,4,9"), ("v", "1,0,0")]);
    assert_eq!(c.stages(), ["apply A"]);
    let space = space_at(&c, &Timeline::new(1)).unwrap();
    let found = lines(&space);
    assert_eq!(found.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(), ["λ₁ = 11", "λ₂ = 2", "λ₃ = 1"]);
    let a = Matrix3::new(2.0, 0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 4.0, 9.0);
    for ((d, _), l) in found.iter().zip([11.0, 2.0, 1.0]) {
        assert!((a * d - d * l).norm() < 1e-12, "{d}");
    }
    // v = e₁ is an eigenvector (λ = 2): the glow and the label say so.
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Arrow { label: Some(l), .. } if l == "Av = 2v")));
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Polyline { stroke, .. } if stroke.width == 10.0)));
    assert!(c.summary().contains("eigenvector"), "{}", c.summary());
    // Dragging v in space changes the readouts.
    assert!(drag3(&mut c, "v", Point3::new(0.0, 1.0, 2.0)));
    assert_eq!(value(&c, "Av"), Value::Vector(vec![0.0, 11.0, 22.0]));
    assert_eq!(value(&c, "is_eigenvector"), Value::Bool(true));
    assert!(!drag3(&mut c, "A:0", Point3::zeros()));
    assert!(!drag3(&mut c, "v", Point3::new(f64::NAN, 0.0, 0.0)));
    // Halfway through the timeline the ellipsoid is the image under (I + A)/2.
    let mut t = Timeline::new(1);
    t.scrub(0.5);
    let half = space_at(&c, &t).unwrap();
    assert!(half
        .shapes
        .iter()
        .any(|s| matches!(s, Shape3::Silhouette { map, .. } if (map - (Matrix3::identity() + a) / 2.0).amax() < 1e-15)));
}

#[test]
fn a_complex_pair_leaves_one_real_direction_the_axis() {
    let c = page(&[("A", "3,3,3;5,5,3;3,-5,5"), ("v", "1,0,0")]);
    let found = lines(&space_at(&c, &Timeline::new(1)).unwrap());
    assert_eq!(found.len(), 1);
    assert!(found[0].1.ends_with("the axis"), "{}", found[0].1);
    let a = Matrix3::new(3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0);
    let d = found[0].0;
    assert!((a * d - d * -0.834196037971672).norm() < 1e-9, "{d}");
    assert!(c.summary().contains("axis"), "{}", c.summary());
    // A defective 3×3 (a shear in space) still draws its one direction.
    let c = page(&[("A", "1,1,0;0,1,0;0,0,2"), ("v", "1,1,1")]);
    let found = lines(&space_at(&c, &Timeline::new(1)).unwrap());
    assert_eq!(found.len(), 2, "{found:?}");
}

proptest! {
    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=6, exp in -300i32..300,
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 38)) {
        let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
        let v = DMatrix::from_column_slice(2, 1, &entries[36..38]);
        let c = Eigendecomposition { a, v, view: View::Map };
        for r in c.readouts() {
            prop_assert!(finite_or_null(&r.value), "{} = {:?}", r.name, r.value);
            prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
        }
        check_everything(&c)?;
        let c = Eigendecomposition { view: View::Quadratic, ..c };
        if let Figure::Plane { scene, bounds: (lo, hi) } = c.figure(&Timeline::new(0)) {
            prop_assert!(finite_scene(&scene));
            prop_assert!(lo.iter().chain(hi.iter()).all(|x| x.is_finite()));
        }
        check_everything(&c)?;
    }

    #[test]
    fn small_integer_matrices_never_fail(entries in proptest::collection::vec(-3i32..=3, 4), v in proptest::collection::vec(-3i32..=3, 2)) {
        // Integer 2×2 matrices hit every special case (repeated, defective, zero, complex) often.
        let a = DMatrix::from_fn(2, 2, |r, c| f64::from(entries[r * 2 + c]));
        let c = Eigendecomposition { a: a.clone(), v: DMatrix::from_fn(2, 1, |r, _| f64::from(v[r])), view: View::Map };
        let Value::List(values) = value(&c, "eigenvalues") else { panic!("no eigenvalues for {a}") };
        prop_assert_eq!(values.len(), 2);
        let e = eigen(&a).unwrap();
        match e.vectors {
            Ok(vectors) => {
                for (k, z) in e.values.iter().enumerate() {
                    prop_assert!((&a * vectors.column(k) - vectors.column(k) * z.re).norm() < 1e-12);
                }
            }
            Err(NoVectors::Defective { .. }) => {
                // Defective: a repeated eigenvalue and A ≠ λI.
                prop_assert_eq!(e.values[0], e.values[1]);
                prop_assert!(a != DMatrix::identity(2, 2) * e.values[0].re);
            }
            Err(NoVectors::Complex) => prop_assert!(e.values[0].im > 0.0 && e.values[1] == e.values[0].conj()),
            Err(other) => prop_assert!(false, "{other} for {a}"),
        }
        let _ = (c.figure(&Timeline::new(1)), c.summary());
    }
}
