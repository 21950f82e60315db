use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::math::eigen::NoVectors;
use crate::readout::Value;
use crate::view::scene::{Role, Scene, Shape};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{Matrix2, Matrix3};
use proptest::prelude::*;
use stages::Staged;

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
    // The repeated λ is a number for people: no rounding noise, no trailing ".0".
    let noisy = NoVectors::Defective { value: 2.0000000000000004, algebraic: 2, geometric: 1 };
    assert!(readouts::no_vectors_text(&noisy)
        .starts_with("A is defective: λ = 2 is repeated 2 times but has only 1 independent eigen-direction,"));
    let two = NoVectors::Defective { value: 2.0, algebraic: 3, geometric: 2 };
    assert!(readouts::no_vectors_text(&two).contains("λ = 2 is repeated 3 times but has only 2 independent eigen-directions,"));
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

/// The labels of a plane scene's arrows and free labels, in order.
fn texts(scene: &Scene) -> Vec<String> {
    labels(scene)
}

/// The plane scene at a timeline position of the three stages.
fn at(c: &Eigendecomposition, position: f64) -> Scene {
    let mut t = Timeline::new(3);
    t.scrub(position);
    plane_scene(c, &t)
}

/// The map of the new basis' grid (the lattice in the grid role).
fn grid(scene: &Scene) -> Matrix2<f64> {
    scene
        .shapes
        .iter()
        .find_map(|s| match s {
            Shape::Lattice { map, stroke } if stroke.role == Role::Grid => Some(*map),
            _ => None,
        })
        .expect("the grid of the new basis")
}

#[test]
fn play_runs_v_inverse_then_lambda_then_v() {
    let c = build();
    assert_eq!(c.stages(), ["V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"]);
    let staged = Staged::of(&c).unwrap();
    let v = staged.basis().clone();
    let close = |m: &Matrix2<f64>, want: &Matrix2<f64>| (m - want).amax() < 1e-12;
    // At the start the grid is drawn along the eigenvectors; after V⁻¹ it is the square grid.
    assert!(close(&grid(&at(&c, 0.0)), &Matrix2::from_fn(|r, k| v[(r, k)])));
    assert!(close(&grid(&at(&c, 1.0)), &Matrix2::identity()));
    assert!(close(&grid(&at(&c, 2.0)), &Matrix2::new(6.0, 0.0, 0.0, 2.0)), "Λ stretches the axes by 6 and 2");
    let a = Matrix2::new(5.0, 1.0, 3.0, 3.0);
    assert!(close(&grid(&at(&c, 3.0)), &(a * Matrix2::from_fn(|r, k| v[(r, k)]))));
    // The eigen-directions ride along: onto the axes after V⁻¹, back on their lines at the end.
    let directions = |scene: &Scene| -> Vec<World> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line { direction, stroke, .. } if stroke.role == Role::Eigen => Some(direction.normalize()),
                _ => None,
            })
            .collect()
    };
    let on_axes = directions(&at(&c, 1.5));
    assert!(on_axes[0].y.abs() < 1e-12 && on_axes[1].x.abs() < 1e-12, "{on_axes:?}");
    // The probe's image carries its eigen-coordinates at the stage boundaries: (1, 1) = √2·v₁.
    assert!(texts(&at(&c, 1.0)).contains(&"V⁻¹v = (1.4142, 0)".to_string()), "{:?}", texts(&at(&c, 1.0)));
    assert!(texts(&at(&c, 2.0)).contains(&"ΛV⁻¹v = (8.4853, 0)".to_string()));
    assert!(texts(&at(&c, 0.5)).iter().all(|t| !t.contains("V⁻¹v")), "no labels while moving");
    // The basis vectors are named at each boundary.
    for (position, want) in [(0.0, ["v₁", "v₂"]), (1.0, ["e₁", "e₂"]), (2.0, ["λ₁e₁", "λ₂e₂"]), (3.0, ["λ₁v₁", "λ₂v₂"])]
    {
        let found = texts(&at(&c, position));
        assert!(want.iter().all(|w| found.contains(&w.to_string())), "{position}: {found:?}");
    }
    let end = texts(&at(&c, 3.0));
    assert!(end.contains(&"λ₁ = 6".to_string()) && end.contains(&"Av = 6v".to_string()) && end.contains(&"a₁".to_string()));
    // Every in-between map is invertible (both λ > 0): nothing is flattened on the way.
    for k in 0..=30 {
        let t = k as f64 / 10.0;
        let m = staged.map_at(t.clamp(0.0, 1.0), (t - 1.0).clamp(0.0, 1.0), (t - 2.0).clamp(0.0, 1.0));
        assert!(crate::math::det::determinant(&m).sign() > 0, "{t}: {m}");
    }
    assert!(c.summary().contains("Λ stretches the axes by 6, 2"), "{}", c.summary());
}

#[test]
fn v_keeps_orientation_so_play_needs_no_mirror() {
    // Largest entries positive would give det V = −1 here; the last column flips instead.
    let c = page(&[("A", "-8,-4;-4,2")]);
    let Value::Matrix(v) = value(&c, "eigenvectors") else { panic!() };
    let v = DMatrix::from_fn(2, 2, |r, k| v[r][k]);
    assert!(crate::math::det::determinant(&v).sign() > 0);
    assert!(v[(1, 0)] > 0.0 && v[(0, 1)] < 0.0 && v[(1, 1)] < 0.0, "{v}");
    let a = DMatrix::from_row_slice(2, 2, &[-8.0, -4.0, -4.0, 2.0]);
    let Value::List(l) = value(&c, "eigenvalues") else { panic!() };
    let l: Vec<f64> = l.iter().map(|x| if let Value::Number(x) = x { *x } else { f64::NAN }).collect();
    assert!((&a * &v - &v * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(l))).amax() < 1e-12);
    // A negative λ: the stretch passes through 0 on the way (the axis flips), and only there.
    let staged = Staged::of(&c).unwrap();
    let flat = staged.map_at(1.0, 1.0 / (1.0 + 9.403124237432849), 0.0);
    assert!(crate::math::det::determinant(&flat).finite().unwrap().abs() < 1e-12);
}

#[test]
fn complex_and_defective_matrices_play_a_stand_in_and_say_why() {
    let c = page(&[("A", "1,1;-2,0")]);
    assert_eq!(c.stages(), ["P⁻¹: to the basis p, q", "C: turn and scale", "P: back"]);
    let start = texts(&at(&c, 0.0));
    assert!(start.iter().any(|t| t.starts_with("no real eigenvectors, so no V")), "{start:?}");
    assert!(start.contains(&"p".to_string()) && start.contains(&"q".to_string()));
    assert!(texts(&at(&c, 1.0)).iter().any(|t| t.starts_with("P⁻¹v = (")));
    let summary = c.summary();
    assert!(summary.contains("no real V to play") && summary.contains("69.3° clockwise") && summary.contains("1.4142"), "{summary}");
    // After P⁻¹ the grid is square; C turns and scales it by |λ| = √2 without flattening it.
    assert!((grid(&at(&c, 1.0)) - Matrix2::identity()).amax() < 1e-12);
    let turned = grid(&at(&c, 2.0));
    assert!(((turned.transpose() * turned) - Matrix2::identity() * 2.0).amax() < 1e-12, "{turned}");
    assert!((grid(&at(&c, 3.0)) - Matrix2::new(1.0, 1.0, -2.0, 0.0) * plane_of(&Staged::of(&c).unwrap())).amax() < 1e-12);

    // The shear: Q = I, so the whole show is T = A in the middle stage.
    let c = page(&[("A", "1,1;0,1")]);
    assert_eq!(c.stages(), ["Qᵀ: turn to a Schur basis", "T: stretch and shear", "Q: turn back"]);
    assert!((grid(&at(&c, 1.0)) - Matrix2::identity()).amax() < 1e-15);
    assert!((grid(&at(&c, 2.0)) - Matrix2::new(1.0, 1.0, 0.0, 1.0)).amax() < 1e-15);
    assert!(texts(&at(&c, 0.0)).iter().any(|t| t.starts_with("too few eigenvectors for V")));
    assert!(c.summary().contains("Schur basis"), "{}", c.summary());
    // A defective matrix that is not already triangular: Qᵀ is a turn, T upper triangular.
    let c = page(&[("A", "3,1;-1,1")]);
    let s = Staged::of(&c).unwrap();
    let q = plane_of(&s);
    assert!((q.transpose() * q - Matrix2::identity()).amax() < 1e-12);
    let t = q.transpose() * Matrix2::new(3.0, 1.0, -1.0, 1.0) * q;
    assert!(t[(1, 0)].abs() < 1e-7 && (t[(0, 0)] - 2.0).abs() < 1e-7 && (t[(1, 1)] - 2.0).abs() < 1e-7, "{t}");
    // The number of stages depends on the shape only (the shell keeps its timeline across drags).
    for a in ["5,1;3,3", "1,1;-2,0", "1,1;0,1", "0,0;0,0", "2,0;0,2", "1e-300,0;0,1"] {
        assert_eq!(page(&[("A", a)]).stages().len(), 3, "{a}");
    }
    assert!(page(&[("view", "quadratic")]).stages().is_empty());
}

/// The basis of a staged 2×2 form.
fn plane_of(s: &Staged) -> Matrix2<f64> {
    Matrix2::from_fn(|r, k| s.basis()[(r, k)])
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
    assert_eq!(c.stages(), ["V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"]);
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
    // After V⁻¹ (= Vᵀ: A is symmetric) the ellipsoid is the sphere's image under Vᵀ, the box of the
    // eigenvectors is the cube [−1, 1]³, and the probe's image carries its eigen-coordinates.
    let v = Staged::of(&c).unwrap().basis().clone();
    let mut t = Timeline::new(3);
    t.scrub(1.0);
    let turned = space_at(&c, &t).unwrap();
    let vt = Matrix3::from_fn(|r, k| v[(k, r)]);
    assert!(turned.shapes.iter().any(|s| matches!(s, Shape3::Silhouette { map, .. } if (map - vt).amax() < 1e-12)));
    let corners: Vec<Point3> = turned
        .shapes
        .iter()
        .filter_map(|s| match s {
            // The box's edges (the ground grid is thinner).
            Shape3::Polyline { points, stroke } if stroke.role == Role::Grid && stroke.width == 1.0 => Some(points.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(corners.len(), 24, "twelve edges");
    assert!(corners.iter().all(|p| p.iter().all(|x| (x.abs() - 1.0).abs() < 1e-12)), "{corners:?}");
    assert!(turned.shapes.iter().any(|s| matches!(s, Shape3::Arrow { label: Some(l), .. } if l.starts_with("V⁻¹v = ("))));
    t.scrub(2.0);
    let stretched = space_at(&c, &t).unwrap();
    let lambda = Matrix3::from_diagonal(&Point3::new(11.0, 2.0, 1.0));
    assert!(stretched.shapes.iter().any(|s| matches!(s, Shape3::Silhouette { map, .. } if (map - lambda * vt).amax() < 1e-12)));
    assert!(c.summary().contains("V⁻¹ takes space to eigen-coordinates"), "{}", c.summary());
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
            Err(other) => prop_assert!(false, "{} for {a}", readouts::no_vectors_text(&other)),
        }
        let _ = (c.figure(&Timeline::new(1)), c.summary());
    }
}
