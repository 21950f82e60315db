//! The SVD page in space: a 3×2 A's ellipse in its column plane, a 2×3 A's null direction, and a
//! 3×3 A's rotate, stretch, rotate (or reflect).

use super::{map_of, matrix, page};
use crate::chapter::figure::embed;
use crate::chapter::testing::*;
use crate::chapter::Chapter;
use crate::chapters::svd::space::SpaceSvd;

use crate::format::subscript;
use crate::math::svd::svd_rotating_v;
use crate::view::scene::Role;
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use nalgebra::{DMatrix, Matrix3};

fn arrows(space: &Space) -> Vec<(String, Point3)> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Arrow { label: Some(l), to, .. } => Some((l.clone(), *to)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_3x2_matrix_carries_the_circle_onto_an_ellipse_in_its_column_plane() {
    let mut c = page("1,0;0,1;1,1");
    let space = space_at(&c, &Timeline::new(0)).unwrap();
    let normal = Point3::new(1.0, 1.0, -1.0);
    let ellipse = space.shapes.iter().find_map(|s| match s {
        Shape3::Polygon { points, stroke: Some(st), .. } if st.role == Role::Image => Some(points.clone()),
        _ => None,
    });
    let ellipse = ellipse.unwrap();
    assert!(ellipse.iter().all(|p| p.dot(&normal).abs() < 1e-12));
    let found = arrows(&space);
    let s1 = found.iter().find(|(l, _)| l == "σ₁u₁").unwrap().1;
    // σ₁ = √3 for this A, and σ₁u₁ lies in the column plane.
    assert!((s1.norm() - 3f64.sqrt()).abs() < 1e-12 && s1.dot(&normal).abs() < 1e-12);
    let hs = space_handles(&c);
    assert_eq!((hs[0].id.to_string().as_str(), hs[0].at), ("A:0", Point3::new(1.0, 0.0, 1.0)));
    assert!(drag3(&mut c, "A:0", Point3::new(2.0, 0.0, 0.0)));
    assert_eq!(matrix(&c, "A"), DMatrix::from_row_slice(3, 2, &[2.0, 0.0, 0.0, 1.0, 0.0, 1.0]));
    assert!(!drag3(&mut c, "A:2", Point3::zeros()));
}

/// The null-space shapes of a 3-D figure: its line's direction, and whether a plane is shaded.
fn null_shapes(space: &Space) -> (Option<Point3>, bool) {
    let line = space.shapes.iter().find_map(|s| match s {
        Shape3::Line { direction, stroke, label: Some(l), .. } if stroke.role == Role::Second && l.contains("null space") => {
            Some(*direction)
        }
        _ => None,
    });
    let plane = space.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(f), .. } if f.role == Role::Second));
    (line, plane)
}

#[test]
fn a_2x3_matrix_flattens_space_and_draws_the_line_it_sends_to_zero() {
    let c = map_of(DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
    let space = space_at(&c, &Timeline::new(0)).unwrap();
    let (line, plane) = null_shapes(&space);
    let null = line.expect("the null-space line");
    let a = embed(&c.a).unwrap();
    assert!((a * null).norm() < 1e-12 && (null.norm() - 1.0).abs() < 1e-12 && !plane);
    assert!(c.summary().contains("sends the line through (−0.4082, 0.8165, −0.4082) to 0"), "{}", c.summary());
    assert!(space_handles(&c).is_empty(), "columns in the flattened plane are typed, not dragged");
    assert!(c.handles().in_space(), "but the figure is still in space");
    assert!(figure_note(&c).is_none());
    assert!(figure_note(&page("1,2,3,4;5,6,7,8")).is_some());
    assert!(space_at(&page("1,2,3,4;5,6,7,8"), &Timeline::new(0)).is_none());
    // Rank 1: a plane goes to 0, and the figure shades it.
    let flat = page("1,2,3;2,4,6");
    assert_eq!(null_shapes(&space_at(&flat, &Timeline::new(0)).unwrap()), (None, true));
    assert!(flat.summary().contains("plane spanned by"), "{}", flat.summary());
    // A 3×3 of rank 2 sends a line to 0; an invertible one nothing, and no null shapes are drawn.
    let singular = page("1,2,3;4,5,6;7,8,9");
    let (line, _) = null_shapes(&final_space(&singular));
    let n = line.unwrap();
    assert!((embed(&singular.a).unwrap() * n).norm() < 1e-12);
    assert_eq!(null_shapes(&final_space(&page("2,1,0;1,-3,1;0,1,1"))), (None, false));
    // A 3×2 of rank 1: the line lies in the input plane z = 0.
    let (line, _) = null_shapes(&final_space(&page("1,2;2,4;3,6")));
    let n = line.unwrap();
    assert!(n.z == 0.0 && (n.x + 2.0 * n.y).abs() < 1e-12, "{n}");
}

fn final_space(c: &super::SvdPage) -> Space {
    let mut t = Timeline::new(c.stages().len());
    t.finish();
    space_at(c, &t).unwrap()
}

#[test]
fn a_3x3_matrix_plays_rotate_stretch_rotate_in_space() {
    // det A < 0: U carries the mirror.
    let c = map_of(DMatrix::from_row_slice(3, 3, &[2.0, 1.0, 0.0, 1.0, -3.0, 1.0, 0.0, 1.0, 1.0]));
    assert_eq!(c.stages().len(), 3);
    let s = svd_rotating_v(&c.a).unwrap();
    let p = SpaceSvd::new(&s).unwrap();
    assert!(p.reflection);
    let a = embed(&c.a).unwrap();
    let close3 = |x: &Matrix3<f64>, y: &Matrix3<f64>| (x - y).amax() < 1e-12;
    let v_t = Matrix3::from_fn(|r, col| s.v[(col, r)]);
    assert!(close3(&p.map(0.0, 0.0, 0.0), &Matrix3::identity()));
    assert!(close3(&p.map(1.0, 0.0, 0.0), &v_t));
    assert!(close3(&p.map(1.0, 1.0, 1.0), &a));
    let half = p.map(0.5, 0.0, 0.0);
    assert!(close3(&(half.transpose() * half), &Matrix3::identity()), "a partial turn is still a rotation");
    let mut t = Timeline::new(3);
    t.scrub(2.5);
    let space = space_at(&c, &t).unwrap();
    assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Label { text, .. } if text == "reflect")));
    t.scrub(3.0);
    let found = arrows(&space_at(&c, &t).unwrap());
    for i in 0..3 {
        let su = found.iter().find(|(l, _)| *l == format!("σ{}u{}", subscript(i + 1), subscript(i + 1))).unwrap().1;
        let want = Point3::from_fn(|r, _| s.u[(r, i)]) * s.singular_values[i];
        assert!((su - want).norm() < 1e-12);
    }
    // A half turn (V a rotation by π) still interpolates.
    let flip = DMatrix::from_row_slice(3, 3, &[-1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0]);
    let p = SpaceSvd::new(&svd_rotating_v(&flip).unwrap()).unwrap();
    let m = p.map(0.5, 0.0, 0.0);
    assert!(m.iter().all(|x| x.is_finite()));
}
