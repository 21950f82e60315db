//! Tests of the 3-D view: the camera, projection and sorting, silhouettes and plane patches.

use super::*;
use proptest::prelude::*;

fn near(a: World, b: World) -> bool {
    (a - b).norm() < 1e-12
}

#[test]
fn the_default_view_shows_x_lower_left_y_right_z_up() {
    let c = Camera::default();
    let (x, y, z) = (c.project(&Point3::x()), c.project(&Point3::y()), c.project(&Point3::z()));
    assert!(x.x < 0.0 && x.y < 0.0, "{x}");
    assert!(y.x > 0.0 && y.x > y.y.abs(), "{y}");
    assert!(z.x.abs() < 1e-15 && z.y > 0.9, "{z}");
    // The frame is orthonormal and right-handed: right × up = towards the viewer.
    let (r, u, t) = (c.right(), c.up(), c.toward_viewer());
    assert!((r.cross(&u) - t).norm() < 1e-15 && r.dot(&u).abs() < 1e-15 && (t.norm() - 1.0).abs() < 1e-15);
}

#[test]
fn known_angles_project_the_axes_exactly() {
    // From the −y side at eye level: the xz-plane faces the viewer.
    let c = Camera::new(-PI / 2.0, 0.0);
    assert!(near(c.project(&Point3::x()), World::new(1.0, 0.0)));
    assert!(near(c.project(&Point3::z()), World::new(0.0, 1.0)));
    assert!(near(c.project(&Point3::y()), World::new(0.0, 0.0)));
    assert!(c.depth(&Point3::new(0.0, -1.0, 0.0)) > c.depth(&Point3::y()), "−y is nearer");
    // From above (as far as allowed) the xy-plane nearly faces the viewer.
    let top = Camera::new(0.0, 10.0);
    assert_eq!(top.pitch(), MAX_PITCH);
    assert!(near(top.project(&Point3::y()), World::new(1.0, 0.0)));
    assert!((top.project(&Point3::x()) - World::new(0.0, -MAX_PITCH.sin())).norm() < 1e-12);
}

#[test]
fn orbiting_clamps_the_pitch_and_wraps_the_yaw() {
    let mut c = Camera::default();
    c.orbit(0.0, 100.0);
    assert_eq!(c.pitch(), MAX_PITCH);
    c.orbit(0.0, -100.0);
    assert_eq!(c.pitch(), -MAX_PITCH);
    c.orbit(7.0 * TAU + 0.5, 0.0);
    assert!((0.0..TAU).contains(&c.yaw()));
    let before = c;
    c.orbit(f64::NAN, f64::INFINITY);
    assert!(c.yaw().is_finite() && c.pitch().is_finite());
    c = before;
    c.drag(f64::NAN, 3.0);
    assert_eq!(c, before, "a non-finite drag is ignored");
    // Dragging right moves the point facing the viewer to the right.
    let front = c.toward_viewer();
    let x0 = c.project(&front).x;
    let mut turned = c;
    turned.drag(20.0, 0.0);
    assert!(turned.project(&front).x > x0);
}

#[test]
fn screen_plane_drags_round_trip() {
    for c in [Camera::default(), Camera::new(1.0, -0.7), Camera::new(4.0, 1.4)] {
        let p = Point3::new(1.0, -2.0, 3.0);
        let to = World::new(0.25, -4.0);
        let q = c.drag_point(&p, to).unwrap();
        assert!(near(c.project(&q), to));
        // The depth is kept: the point moved in the plane parallel to the screen.
        assert!((c.depth(&q) - c.depth(&p)).abs() < 1e-12);
        assert!(c.drag_point(&p, World::new(f64::NAN, 0.0)).is_none());
    }
}

#[test]
fn arrow_keys_follow_the_axis_that_looks_like_the_arrow() {
    let c = Camera::default();
    assert_eq!(c.nearest_axis(0.0, 1.0), Point3::z());
    assert_eq!(c.nearest_axis(1.0, 0.0), Point3::y());
    assert_eq!(c.nearest_axis(-1.0, 0.0), -Point3::y());
    // Seen from the −y side, left and right follow x (y is end-on and never chosen).
    assert_eq!(Camera::new(-PI / 2.0, 0.0).nearest_axis(1.0, 0.0), Point3::x());
}

#[test]
fn far_shapes_are_drawn_first_and_labels_last() {
    let c = Camera::new(-PI / 2.0, 0.0);
    let mut space = Space::default();
    space.label(Point3::new(0.0, 5.0, 0.0), "far label", Role::Axis);
    space.arrow(Point3::new(1.0, -3.0, 0.0), Stroke::solid(Role::Basis1, 2.0), "near");
    space.arrow(Point3::new(1.0, 3.0, 0.0), Stroke::solid(Role::Basis2, 2.0), "far");
    let scene = space.project(&c);
    let order: Vec<String> = scene
        .shapes
        .iter()
        .map(|s| match s {
            Shape::Arrow { label: Some(l), .. } => l.clone(),
            Shape::Label { text, .. } => text.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(order, ["far", "near", "far label"]);
    // Fit: a box centred on the origin around what this camera sees (y is end-on here).
    assert!(near(space.half_extent(&c), World::new(1.0, 1.0)), "{}", space.half_extent(&c));
    space.arrow(Point3::new(-2.0, 9.0, 3.0), Stroke::solid(Role::Input, 2.0), "");
    assert!(near(space.half_extent(&c), World::new(2.0, 3.0)), "{}", space.half_extent(&c));
}

#[test]
fn the_silhouette_of_a_sphere_is_a_circle_and_of_an_ellipsoid_touches_its_axes() {
    for c in [Camera::default(), Camera::new(2.0, -1.0)] {
        let l = silhouette(&c, &(Matrix3::identity() * 2.0)).unwrap();
        assert!((l - Matrix2::identity() * 2.0).amax() < 1e-12, "{l}");
        // diag(3, 1, 1): the projected tip of 3·e₁ lies on the outline, and nothing sticks out.
        let m = Matrix3::from_diagonal(&Point3::new(3.0, 1.0, 1.0));
        let l = silhouette(&c, &m).unwrap();
        let inv = (l * l.transpose()).try_inverse().unwrap();
        let tip = c.project(&Point3::new(3.0, 0.0, 0.0));
        let on = tip.dot(&(inv * tip));
        assert!(on <= 1.0 + 1e-9, "{on}");
        for p in circle(0, 1).iter().chain(circle(1, 2).iter()) {
            let q = c.project(&(m * p));
            assert!(q.dot(&(inv * q)) <= 1.0 + 1e-9);
        }
    }
    // A flat map (rank 2) still has an outline; the zero map has none.
    assert!(silhouette(&Camera::default(), &Matrix3::from_diagonal(&Point3::new(1.0, 2.0, 0.0))).is_some());
    assert!(silhouette(&Camera::default(), &Matrix3::zeros()).is_none());
}

#[test]
fn a_plane_patch_needs_two_directions() {
    let mut space = Space::default();
    space.plane_patch(&Point3::new(1.0, 0.0, 0.0), &Point3::new(2.0, 0.0, 0.0), 2.0, Role::Basis1);
    assert!(space.shapes.is_empty());
    space.plane_patch(&Point3::new(1.0, 0.0, 1.0), &Point3::new(0.0, 1.0, 0.0), 2.0, Role::Basis1);
    assert_eq!(space.shapes.len(), 5);
    // Every corner lies in the plane x = z.
    for s in &space.shapes {
        if let Shape3::Polygon { points, .. } = s {
            assert!(points.iter().all(|p| (p.x - p.z).abs() < 1e-12));
        }
    }
    // Scaled first, so neither huge nor tiny vectors overflow or underflow.
    for (a, b) in [(1e300, 1e299), (1e-300, 3e-301)] {
        let (e1, e2) = plane_basis(&Point3::new(a, 0.0, a), &Point3::new(0.0, b, 0.0)).unwrap();
        assert!(e1.dot(&e2).abs() < 1e-15 && (e2.y - 1.0).abs() < 1e-15);
    }
}

#[test]
fn the_ground_grid_is_bounded_for_any_reach() {
    for reach in [0.0, 1e-300, 1.0, 7.0, 1e300, f64::INFINITY, f64::NAN] {
        let mut space = Space::default();
        space.axes_and_ground(reach);
        assert!(space.shapes.len() <= 2 * 2 * MAX_GRID_LINES as usize + 6, "{reach}: {}", space.shapes.len());
        let half = space.half_extent(&Camera::default());
        assert!(half.iter().all(|x| x.is_finite() && *x >= 1.0));
    }
}

proptest! {
    #[test]
    fn projection_is_finite_for_finite_input_and_never_panics(yaw in -1e6f64..1e6, pitch in -1e3f64..1e3,
                                                              entries in proptest::collection::vec(-1e3f64..1e3, 12),
                                                              exp in -300i32..=300) {
        let c = Camera::new(yaw, pitch);
        prop_assert!(c.pitch().abs() <= MAX_PITCH);
        let k = 10f64.powi(exp);
        let p = Point3::new(entries[0], entries[1], entries[2]) * k;
        let map = Matrix3::from_iterator(entries[3..12].iter().map(|x| x * k));
        let mut space = Space::default();
        space.axes_and_ground(p.norm());
        space.arrow(p, Stroke::solid(Role::Input, 2.0), "p");
        space.ellipsoid(&map, Role::Image);
        space.plane_patch(&p, &Point3::new(entries[4], entries[5], entries[6]), p.norm(), Role::Basis1);
        space.push(Shape3::Line { direction: p, reach: p.norm(), stroke: Stroke::dashed(Role::Eigen, 2.0), label: Some("l".into()) });
        let scene = space.project(&c);
        for s in &scene.shapes {
            let pts: Vec<World> = match s {
                Shape::Arrow { from, to, .. } => vec![*from, *to],
                Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => points.clone(),
                Shape::Dot { at, .. } | Shape::Label { at, .. } => vec![*at],
                Shape::Line { through, direction, .. } => vec![*through, *direction],
                _ => vec![],
            };
            if exp.abs() < 290 {
                prop_assert!(pts.iter().all(|w| w.x.is_finite() && w.y.is_finite()), "{s:?}");
            }
        }
        if let Some(q) = c.drag_point(&p, World::new(entries[7], entries[8])) {
            prop_assert!(q.iter().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn huge_inputs_do_not_panic(x in proptest::num::f64::ANY, y in proptest::num::f64::ANY, z in proptest::num::f64::ANY) {
        let c = Camera::new(x, y);
        let p = Point3::new(x, y, z);
        let mut space = Space::default();
        space.axes_and_ground(x);
        space.arrow(p, Stroke::solid(Role::Input, 2.0), "p");
        space.ellipsoid(&Matrix3::from_element(z), Role::Image);
        space.plane_patch(&p, &Point3::new(z, x, y), y, Role::Basis1);
        space.push(Shape3::Line { direction: p, reach: y, stroke: Stroke::dashed(Role::Eigen, 2.0), label: Some("l".into()) });
        let _ = (space.project(&c), space.half_extent(&c), c.drag_point(&p, World::new(x, z)), c.nearest_axis(x, y));
    }
}
