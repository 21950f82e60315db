use super::*;
use crate::chapter::testing::*;
use crate::readout::Value;
use crate::view::scene::{Fill, Role, Shape};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix3;
use proptest::prelude::*;

fn page(a: &str) -> Determinant {
    open::<Determinant>(&[("A", a)])
}

fn build() -> Determinant {
    open::<Determinant>(&[])
}

#[test]
fn the_default_is_the_seeds_diag_2_2() {
    let c = build();
    assert_eq!(value(&c, "det"), Value::Number(4.0));
    assert_eq!(value(&c, "area"), Value::Number(4.0));
    assert_eq!(value(&c, "flipped"), Value::Bool(false));
    assert_eq!(value(&c, "singular"), Value::Bool(false));
    assert_eq!(plane_handles(&c)[0].id.to_string(), "A:0");
    assert!(c.summary().contains("orientation is kept"), "{}", c.summary());
}

#[test]
fn the_seeds_mirrors_have_negative_determinants() {
    let b = page("-2,0;0,2");
    assert_eq!(value(&b, "det"), Value::Number(-4.0));
    assert_eq!(value(&b, "area"), Value::Number(4.0));
    assert_eq!(value(&b, "flipped"), Value::Bool(true));
    assert!(readout(&b, "flipped").note.contains("orientation flipped"));
    let c = page("-1,0;0,1");
    assert_eq!(value(&c, "det"), Value::Number(-1.0));
    // The glyph is mirrored about the y-axis: its top-right corner goes to the left.
    let mut t = Timeline::new(1);
    t.finish();
    let scene = plane_scene(&c, &t);
    let strokes: Vec<&Vec<World>> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Polyline { points, stroke } if stroke.role == Role::Input => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(strokes[0][2], World::new(-0.72, 0.85));
    // The parallelogram is filled in the "flipped" colour.
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Polygon { fill: Some(Fill { role: Role::Image, .. }), .. })));
}

#[test]
fn singular_matrices_collapse_to_a_line() {
    let c = page("1,2;2,4");
    assert_eq!(value(&c, "det"), Value::Number(0.0));
    assert_eq!(value(&c, "flipped"), Value::Null);
    assert_eq!(value(&c, "singular"), Value::Bool(true));
    assert!(readout(&c, "det").note.contains("collapses to a line: A is singular"));
    assert_eq!(
        c.summary(),
        "det A = 0 and A is singular: the square collapses to a line. It sends the line through (0.8944, −0.4472) to 0."
    );
    let mut t = Timeline::new(1);
    t.finish();
    assert!(plane_scene(&c, &t).shapes.iter().any(|s| matches!(s, Shape::Line { .. })));
    let zero = page("0,0;0,0");
    assert!(zero.summary().contains("point"));
    assert_eq!(value(&zero, "det"), Value::Number(0.0));
}

#[test]
fn four_by_four_and_larger_compute_without_a_figure() {
    let c = page("1,0,0,0;0,2,0,0;0,0,3,0;0,0,0,-4");
    assert_eq!(value(&c, "det"), Value::Number(-24.0));
    let note = figure_note(&c).unwrap();
    assert!(note.contains("3×3 in space") && note.contains("4×4"), "{note}");
    assert!(plane_handles(&c).is_empty() && space_handles(&c).is_empty());
    assert!(space_at(&c, &Timeline::new(0)).is_none());
    assert!(c.stages().is_empty());
    let singular = page("1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,0");
    assert!(singular.summary().contains("A is singular"), "{}", singular.summary());
    let i8 = page(
        "1,0,0,0,0,0,0,0;0,2,0,0,0,0,0,0;0,0,3,0,0,0,0,0;0,0,0,4,0,0,0,0;0,0,0,0,5,0,0,0;0,0,0,0,0,6,0,0;0,0,0,0,0,0,7,0;0,0,0,0,0,0,0,8",
    );
    assert_eq!(value(&i8, "det"), Value::Number(40320.0));
}

fn finished(c: &dyn crate::chapter::AnyChapter) -> Space {
    let mut t = Timeline::new(c.stages().len());
    t.finish();
    space_at(c, &t).expect("a 3-D figure")
}

fn labels(space: &Space) -> Vec<String> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Label { text, .. } => Some(text.clone()),
            Shape3::Line { label: Some(l), .. } => Some(l.clone()),
            Shape3::Arrow { label: Some(l), .. } => Some(l.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_3x3_matrix_is_drawn_in_space_as_the_box_of_its_columns() {
    let c = page("3,3,3;5,5,3;3,-5,5");
    let Value::Number(d) = value(&c, "det") else { panic!() };
    assert!((d + 48.0).abs() < 1e-12);
    assert_eq!(figure_note(&c), None);
    assert!(plane_handles(&c).is_empty(), "no plane handles");
    assert_eq!(c.stages(), ["apply A"]);
    assert!(readout(&c, "area").note.contains("volume"));
    assert!(!readout(&c, "det").note.contains("3-D"));
    let space = finished(&c);
    let found = labels(&space);
    for l in ["a₁", "a₂", "a₃", "det = −48: mirrored", "x", "y", "z"] {
        assert!(found.iter().any(|f| f == l), "{l} in {found:?}");
    }
    // Six faces, filled in the "mirrored" colour, with corners at sums of the columns.
    let faces: Vec<&Vec<Point3>> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polygon { points, fill: Some(Fill { role: Role::Image, .. }), .. } => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(faces.len(), 6);
    assert!(faces.iter().any(|f| f.contains(&Point3::new(9.0, 13.0, 3.0))), "a₁ + a₂ + a₃ is a corner");
    // The F's: two ghosts on the unit cube, two carried by A, in the reader's colour.
    let strokes: Vec<&Vec<Point3>> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polyline { points, stroke } if stroke.role == Role::Input => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(strokes.len(), 4);
    // The stem's top on the face x = 1: A·(1, 0.3, 0.85).
    let a = Matrix3::new(3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0);
    assert!((strokes[0][1] - a * Point3::new(1.0, 0.3, 0.85)).norm() < 1e-12);
    assert!(c.summary().contains("left-handed"), "{}", c.summary());
    assert!(c.code_text().numpy.contains("np.cross(A[:, 1], A[:, 2])"));
    assert!(c.code_text().nalgebra.contains("let det = a.determinant();"));
}

#[test]
fn the_box_colour_follows_the_sign_of_det() {
    let kept = finished(&page("2,0,0;0,1,0;0,0,3"));
    let mirrored = finished(&page("2,0,0;0,-1,0;0,0,3"));
    let roles = |space: &Space| -> Vec<Role> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polygon { fill: Some(f), .. } => Some(f.role),
                _ => None,
            })
            .collect()
    };
    assert_eq!(roles(&kept), [Role::Basis1; 6]);
    assert_eq!(roles(&mirrored), [Role::Image; 6]);
    assert!(labels(&kept).contains(&"det = 6: right-handed".to_string()), "{:?}", labels(&kept));
    assert!(labels(&mirrored).contains(&"det = −6: mirrored".to_string()));
    let c = page("2,0,0;0,1,0;0,0,3");
    assert!(c.summary().contains("right-handed"), "{}", c.summary());
    // A mirror in x: the F on the face y = 1 has its bars turned the other way, so it reads backwards.
    let glyphs = |space: &Space| -> Vec<Vec<Point3>> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polyline { points, stroke } if stroke.role == Role::Input => Some(points.clone()),
                _ => None,
            })
            .collect()
    };
    let f = glyphs(&finished(&page("-1,0,0;0,1,0;0,0,1")));
    let bar = f[2][2] - f[2][1];
    assert!(bar.x > 0.0, "the top bar of the F on y = 1 points along +x after the mirror: {bar}");
    let f = glyphs(&finished(&page("1,0,0;0,1,0;0,0,1")));
    assert!((f[2][2] - f[2][1]).x < 0.0);
}

#[test]
fn the_timeline_grows_the_box_from_the_cube_to_a() {
    let c = page("-1,0,0;0,2,0;0,0,1");
    let mut t = Timeline::new(c.stages().len());
    t.scrub(0.0);
    let start = space_at(&c, &t).unwrap();
    assert!(labels(&start).iter().any(|l| l == "e₁") && labels(&start).iter().any(|l| l == "volume × 1"), "{:?}", labels(&start));
    // At the start the box is the unit cube, kept.
    assert!(start.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(Fill { role: Role::Basis1, .. }), .. })));
    t.scrub(1.0);
    let end = space_at(&c, &t).unwrap();
    assert!(labels(&end).iter().any(|l| l == "det = −2: mirrored"));
    assert!(end.shapes.iter().any(|s| matches!(s, Shape3::Arrow { to, .. } if *to == Point3::new(-1.0, 0.0, 0.0))));
    // The axes and ground stay put while the box grows, so the fitted view does not jump.
    let frame = |space: &Space| -> Vec<Shape3> {
        space
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape3::Polyline { stroke, .. } if matches!(stroke.role, Role::Axis | Role::Grid)))
            .cloned()
            .collect()
    };
    assert!(!frame(&end).is_empty());
    assert_eq!(frame(&start), frame(&end));
    // Mid-way, the first column passes through 0 and the box is flat for a moment.
    let mid = (1..100)
        .map(|i| {
            t.scrub(i as f64 / 100.0);
            space_at(&c, &t).unwrap()
        })
        .find(|s| s.shapes.iter().any(|x| matches!(x, Shape3::Polygon { fill: Some(Fill { role: Role::Image, .. }), .. })));
    assert!(mid.is_some(), "the box turns vermillion once a₁ crosses over");
}

#[test]
fn a_singular_3x3_collapses_to_a_plane_a_line_or_a_point() {
    let c = page("1,2,3;4,5,6;7,8,9");
    assert_eq!(value(&c, "singular"), Value::Bool(true));
    assert!(c.summary().contains("collapses into a plane"), "{}", c.summary());
    let space = finished(&c);
    assert!(labels(&space).iter().any(|l| l == "det = 0: flattened into a plane"), "{:?}", labels(&space));
    // The patch lies in the column space, whose normal is (1, −2, 1).
    let normal = Point3::new(1.0, -2.0, 1.0).normalize();
    let patches: Vec<&Vec<Point3>> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polygon { points, fill: Some(Fill { role: Role::Image, alpha }), .. } if *alpha > 0.13 => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(patches.len(), 4);
    assert!(patches.iter().flat_map(|p| p.iter()).all(|p| p.dot(&normal).abs() < 1e-9));
    let line = page("1,2,3;2,4,6;3,6,9");
    assert!(line.summary().contains("onto a line"), "{}", line.summary());
    let space = finished(&line);
    let along = Point3::new(1.0, 2.0, 3.0).normalize();
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Line { direction, .. } if direction.cross(&along).norm() < 1e-9)));
    assert!(labels(&space).iter().any(|l| l == "det = 0: squashed onto a line"), "{:?}", labels(&space));
    let zero = page("0,0,0;0,0,0;0,0,0");
    assert!(zero.summary().contains("point"), "{}", zero.summary());
    let space = finished(&zero);
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Dot { role: Role::Image, .. })));
    assert!(labels(&space).iter().any(|l| l == "det = 0: squashed to a point"), "{:?}", labels(&space));
    // A full-rank matrix collapses to nothing.
    assert!(!labels(&finished(&page("1,0,0;0,1,0;0,0,1"))).iter().any(|l| l.contains("flattened") || l.contains("squashed")));
}

#[test]
fn columns_are_handles_in_space_and_dragging_one_changes_det() {
    let mut c = page("1,0,0;0,1,0;0,0,1");
    let names: Vec<String> = space_handles(&c).into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["A:0", "A:1", "A:2"]);
    assert_eq!(space_handles(&c)[2].at, Point3::z());
    assert!(drag3(&mut c, "A:2", Point3::new(0.0, 0.0, -3.0)));
    assert_eq!(value(&c, "det"), Value::Number(-3.0));
    assert_eq!(value(&c, "flipped"), Value::Bool(true));
    assert!(drag3(&mut c, "A:0", Point3::new(0.0, 1.0, 0.0)));
    assert_eq!(value(&c, "det"), Value::Number(0.0));
    assert_eq!(value(&c, "singular"), Value::Bool(true));
    assert!(!drag3(&mut c, "A:3", Point3::zeros()));
    assert!(!drag3(&mut c, "A:1", Point3::new(f64::NAN, 0.0, 0.0)));
    // The plane page has no handles in space.
    let mut plane_page = build();
    assert!(space_handles(&plane_page).is_empty());
    assert!(!drag3(&mut plane_page, "A:0", Point3::new(1.0, 2.0, 3.0)));
    assert_eq!(value(&plane_page, "det"), Value::Number(4.0));
}

#[test]
fn non_square_matrices_are_rejected_with_a_reason() {
    let mut c = build();
    let err =
        crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])).unwrap_err();
    let err = err.to_string();
    assert!(err.contains("square") && err.contains("2×3"), "{err}");
    assert_eq!(value(&c, "det"), Value::Number(4.0));
    assert_eq!(problems::<Determinant>(&[("A", "1,2")]).len(), 1);
}

#[test]
fn huge_entries_overflow_to_null_with_the_reason() {
    let c = page("1e200,0;0,1e200");
    let det = readout(&c, "det");
    assert_eq!(det.value, Value::Null);
    assert!(det.note.contains("overflow") && det.note.contains("10⁴⁰⁰"), "{}", det.note);
    assert_eq!(value(&c, "area"), Value::Null);
    assert_eq!(value(&c, "flipped"), Value::Bool(false));
    assert!(c.code_text().numpy.contains("slogdet"));
    // The naive product overflows in the middle; the scaled one does not.
    let c = page("1e200,0,0;0,1e200,0;0,0,1e-200");
    let Value::Number(d) = value(&c, "det") else { panic!("{:?}", value(&c, "det")) };
    assert!((d / 1e200 - 1.0).abs() < 1e-12, "{d}");
    let c = page("-1e300,1e300;1e300,1e300");
    assert_eq!(value(&c, "det"), Value::Null);
    assert_eq!(value(&c, "flipped"), Value::Bool(true));
}

#[test]
fn tiny_entries_give_the_true_tiny_value_or_zero_never_nan() {
    let c = page("1e-200,0;0,1e-100");
    let Value::Number(d) = value(&c, "det") else { panic!() };
    assert!((d / 1e-300 - 1.0).abs() < 1e-12, "{d}");
    let c = page("1e-200,0;0,1e-200");
    let det = readout(&c, "det");
    assert_eq!(det.value, Value::Number(0.0));
    assert!(det.note.contains("10⁻⁴⁰⁰"), "{}", det.note);
    // Not singular at all: it is a scaled identity.
    assert_eq!(value(&c, "singular"), Value::Bool(false));
    assert_eq!(value(&c, "flipped"), Value::Bool(false));
    let c = page("1e-200,3e-200;2e-200,1e-200");
    assert_eq!(value(&c, "flipped"), Value::Bool(true));
}

#[test]
fn dragging_a_column_changes_the_determinant() {
    let mut c = build();
    assert!(drag(&mut c, "A:0", World::new(0.0, 2.0)));
    assert_eq!(value(&c, "det"), Value::Number(0.0));
    assert!(drag(&mut c, "A:0", World::new(2.0, 1.0)));
    assert_eq!(value(&c, "det"), Value::Number(4.0));
    assert!(drag(&mut c, "A:1", World::new(1.0, -2.0)));
    assert_eq!(value(&c, "det"), Value::Number(-5.0));
    assert_eq!(value(&c, "ad_minus_bc"), Value::Number(-5.0));
    assert!(!drag(&mut c, "B:0", World::new(1.0, 1.0)));
    assert!(!drag(&mut c, "A:0", World::new(f64::NAN, 1.0)));
}

proptest! {
    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 64)) {
        let mut c = build();
        let a = DMatrix::from_fn(n, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
        crate::chapter::AnyChapter::set_input(&mut c, "A", a).unwrap();
        check_everything(&c)?;
        // The 3-D figure (3×3) projects to finite points wherever its coordinates are finite.
        let mut t = Timeline::new(c.stages().len());
        t.scrub(0.5);
        for space in [space_at(&c, &t), { t.finish(); space_at(&c, &t) }].into_iter().flatten() {
            let _ = space.project(&crate::view::space::Camera::default());
        }
    }




}

fn rows(c: &Determinant, name: &str) -> Vec<Vec<f64>> {
    match value(c, name) {
        Value::Matrix(rows) => rows,
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn a_rounding_sized_determinant_is_called_numerically_singular() {
    // 0.1·0.9 − 0.3·0.3 is 1.39e-17 in 64-bit floats, though the second row is three times the first.
    let c = page("0.1,0.3;0.3,0.9");
    let Value::Number(d) = value(&c, "det") else { panic!() };
    assert!(d != 0.0 && d.abs() < 1e-16, "{d}");
    assert_eq!(value(&c, "singular"), Value::Bool(true));
    let summary = c.summary();
    assert!(
        summary.starts_with("A is numerically singular (det ≈ 1.388e-17, 0 up to rounding): the square collapses to a line."),
        "{summary}"
    );
    assert!(!summary.contains("det A = 0"), "{summary}");
    assert!(readout(&c, "det").note.contains("0 up to rounding: A is numerically singular (rank 1 < 2)"));
    // The figure says det ≈ 0, not a rounding-sized number.
    let mut t = Timeline::new(1);
    t.finish();
    let scene = plane_scene(&c, &t);
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "det ≈ 0")));
}

#[test]
fn the_null_space_is_what_a_sends_to_0_and_is_drawn_apart_from_the_image() {
    // [[1, 2], [2, 4]] sends the line through (2, −1) to 0 and everything onto the line through (1, 2).
    let c = page("1,2;2,4");
    let n = rows(&c, "null_space");
    let s = 5f64.sqrt();
    assert_eq!(n.len(), 1);
    assert!((n[0][0] - 2.0 / s).abs() < 1e-15 && (n[0][1] + 1.0 / s).abs() < 1e-15, "{n:?}");
    assert!(readout(&c, "null_space").note.contains("t·(0.8944, −0.4472)"), "{}", readout(&c, "null_space").note);
    let mut t = Timeline::new(1);
    t.finish();
    let lines: Vec<(World, Role, Option<String>)> = plane_scene(&c, &t)
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { direction, stroke, label, .. } => Some((*direction, stroke.role, label.clone())),
            _ => None,
        })
        .collect();
    let null = lines.iter().find(|l| l.1 == Role::Eigen).expect("the null line");
    assert!(null.0.perp(&World::new(2.0, -1.0)).abs() < 1e-12 && null.2.as_deref() == Some("A sends this to 0"));
    let image = lines.iter().find(|l| l.1 == Role::Image).expect("the image line");
    assert!(image.0.perp(&World::new(1.0, 2.0)).abs() < 1e-12 && image.2.as_deref() == Some("every Ax lands here"));
    // The null line is there from the start: identity → A only shrinks it.
    assert!(plane_scene(&c, &Timeline::new(1))
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Line { stroke, .. } if stroke.role == Role::Eigen)));
    // [[0, 1], [0, 0]] sends the x-axis to 0 and lands everything on the x-axis: the same line.
    let nil = page("0,1;0,0");
    assert_eq!(rows(&nil, "null_space"), [[1.0, 0.0]]);
    // Full rank: empty; A = 0: every vector, the axes as a basis.
    assert_eq!(value(&build(), "null_space"), Value::Matrix(vec![]));
    assert!(readout(&build(), "null_space").note.starts_with("none but 0"));
    assert_eq!(rows(&page("0,0;0,0"), "null_space"), [[1.0, 0.0], [0.0, 1.0]]);
    assert!(page("0,0;0,0").summary().ends_with("A = 0 sends every vector to 0."));
}

#[test]
fn in_space_the_null_space_is_a_line_or_a_plane_apart_from_the_collapsed_box() {
    // Rank 2: the box flattens into a plane, and A sends the line through (−1, 2, −1) to 0 (the
    // largest entry positive, as on every page).
    let c = page("1,2,3;4,5,6;7,8,9");
    let n = rows(&c, "null_space");
    assert_eq!(n.len(), 1);
    let want = Point3::new(-1.0, 2.0, -1.0).normalize();
    assert!((Point3::new(n[0][0], n[0][1], n[0][2]) - want).norm() < 1e-12, "{n:?}");
    let space = finished(&c);
    assert!(space.shapes.iter().any(
        |s| matches!(s, Shape3::Line { direction, stroke, .. } if stroke.role == Role::Eigen && direction.cross(&want).norm() < 1e-12)
    ));
    assert!(c.summary().contains("It sends the line through (−0.4082, 0.8165, −0.4082) to 0."), "{}", c.summary());
    // Rank 1: the box collapses onto a line, and A sends a plane to 0: (2, −1, −1)/√6 and (0, 1, −1)/√2.
    let c = page("1,1,1;1,1,1;1,1,1");
    let n = rows(&c, "null_space");
    assert_eq!(n.len(), 2);
    assert!((n[0][0] - 2.0 / 6f64.sqrt()).abs() < 1e-12 && n[1][0].abs() < 1e-12 && (n[1][1] - 0.5f64.sqrt()).abs() < 1e-12, "{n:?}");
    for v in &n {
        assert!((v.iter().sum::<f64>()).abs() < 1e-12, "A·v = 0 for {v:?}");
    }
    assert!(readout(&c, "null_space").note.contains("s·(0.8165, −0.4082, −0.4082) + t·(0, 0.7071, −0.7071)"));
    let space = finished(&c);
    let eigen_patches =
        space.shapes.iter().filter(|s| matches!(s, Shape3::Polygon { fill: Some(Fill { role: Role::Eigen, .. }), .. })).count();
    assert_eq!(eigen_patches, 4, "the null plane, in four quadrants");
    assert!(labels(&space).iter().any(|l| l == "A sends this to 0"));
    assert!(labels(&space).iter().any(|l| l == "every Ax lands here"));
    // The numpy snippet rebuilds the same basis (the one every page shows); a full-rank A prints an
    // empty one.
    assert!(c.code_text().numpy.contains("P, null_space = N @ N.T, []"));
    assert!(page("2,0,0;0,1,0;0,0,3").code_text().numpy.contains("none, since rank = n"));
}

proptest! {
    #[test]
    fn the_null_space_is_orthonormal_sent_to_0_and_as_large_as_the_rank_says(n in 2usize..=4, r in 0usize..=4,
                                                                             entries in proptest::collection::vec(-4i32..=4, 32)) {
        // Integer factors of rank at most r.
        let r = r.min(n);
        let a = DMatrix::from_fn(n, r, |i, j| f64::from(entries[i * 4 + j])) * DMatrix::from_fn(r, n, |i, j| f64::from(entries[16 + i * 4 + j]));
        let mut c = build();
        crate::chapter::AnyChapter::set_input(&mut c, "A", a.clone()).unwrap();
        let basis = rows(&c, "null_space");
        let rank = c.rank().unwrap();
        prop_assert_eq!(basis.len(), n - rank);
        for (i, v) in basis.iter().enumerate() {
            let v = DMatrix::from_column_slice(n, 1, v);
            prop_assert!((&a * &v).amax() <= 1e-9 * a.amax().max(1.0));
            prop_assert!((v.norm() - 1.0).abs() < 1e-12);
            for w in &basis[..i] {
                prop_assert!(v.dot(&DMatrix::from_column_slice(n, 1, w)).abs() < 1e-12);
            }
        }
        prop_assert_eq!(value(&c, "singular"), Value::Bool(rank < n));
    }
}
