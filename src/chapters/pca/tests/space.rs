//! The 3-D figure: points with three coordinates drawn in space, dragged and nudged there, their
//! reconstruction on the kept components, and 10⁵ points drawn as a bounded sample.

use super::*;
use crate::chapter::Figure;
use crate::math::random::Normal;
use crate::page::{Msg, Page};
use crate::state::route::ChapterLink;
use crate::view::timeline::Timeline;

#[test]
fn three_coordinates_are_drawn_in_space() {
    let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
    assert_eq!(value(&c, "d"), Value::Vector(vec![1.0, 0.0, 0.0]));
    assert_eq!(vector(&c, "explained_variance").len(), 3);
    let pc = matrix(&c, "components");
    for i in 0..3 {
        for j in 0..3 {
            let dot: f64 = (0..3).map(|k| pc[i][k] * pc[j][k]).sum();
            assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14);
        }
    }
    // No note and no plane figure: the figure is in space.
    assert_eq!(figure_note(&c), None);
    assert!(plane_handles(&c).is_empty() && !matches!(final_figure(&c), Figure::Plane { .. }));
    assert!(!drag(&mut c, "d", World::new(1.0, 1.0)));
    let space = space_at(&c, &Timeline::new(0)).expect("a 3-D figure");
    assert_eq!(space_handle_names(&c), ["d", "P:0", "P:1", "P:2", "P:3"]);
    assert!(space_handles(&c)[4].label.to_string().contains("point 4 = (1, 1, 1)"), "{}", space_handles(&c)[4].label);
    // The points, the mean, and the three principal axes from the mean, along the components and √λ long.
    let mean = Point3::from_vec(vector(&c, "mean"));
    assert_eq!(space_dots(&space, Role::Data).len(), 4);
    assert!(space_dots(&space, Role::Input).iter().any(|m| near3(*m, mean)));
    let ev = vector(&c, "explained_variance");
    let arrows = space_arrows(&space);
    for i in 0..3 {
        let (_, from, to) = arrows.iter().find(|(l, ..)| *l == format!("PC{}", subscript(i))).expect("a labelled PC arrow");
        assert!(near3(*from, mean));
        assert!(near3(to - from, Point3::new(pc[i][0], pc[i][1], pc[i][2]) * ev[i].sqrt()), "PC{i}: {}", to - from);
    }
    // d's arrow from the mean, and the ellipsoid's three sections around the mean.
    assert!(arrows.iter().any(|(l, from, to)| l == "d" && near3(*from, mean) && (to - from).normalize() == Point3::x()));
    let sections: Vec<&Vec<Point3>> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polygon { points, stroke: Some(st), .. } if st.role == Role::Eigen => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(sections.len(), 3);
    for points in sections {
        let centre = points.iter().sum::<Point3>() / points.len() as f64;
        assert!(near3(centre, mean), "{centre}");
    }
    // d in space: the readouts follow it.
    set(&mut c, "d", DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 2.0])).unwrap();
    let ev = vector(&c, "explained_variance");
    let total = number(&c, "total_variance");
    assert!(close(ev.iter().sum::<f64>(), total, 1e-14));
    let cov = matrix(&c, "covariance");
    assert!(close(number(&c, "projected_variance"), cov[2][2], 1e-14));
    // Beyond a million, no figure; back to the plane: d follows the width.
    set(&mut c, "P", DMatrix::from_row_slice(2, 3, &[0.0, 0.0, 0.0, 2e6, 0.0, 1.0])).unwrap();
    assert!(space_at(&c, &Timeline::new(0)).is_none() && space_handles(&c).is_empty());
    assert!(figure_note(&c).is_some_and(|n| n.contains("10⁶")));
    set(&mut c, "P", DMatrix::from_row_slice(3, 2, &[0.0, 1.0, 2.0, 3.0, 5.0, 4.0])).unwrap();
    assert_eq!(value(&c, "d"), Value::Vector(vec![1.0, 0.0]));
    assert!(space_at(&c, &Timeline::new(0)).is_none());
}

#[test]
fn dragging_in_space_moves_points_and_turns_d() {
    let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
    let mean = Point3::from_vec(vector(&c, "mean"));
    assert!(drag3(&mut c, "P:3", Point3::new(5.0, 1.0, 1.0)));
    let moved = Point3::from_vec(vector(&c, "mean"));
    assert!(near3(moved, mean + Point3::new(1.0, 0.0, 0.0)), "{moved}");
    assert!(matrix(&c, "P")[3] == [5.0, 1.0, 1.0]);
    assert!(!drag3(&mut c, "P:4", Point3::zeros()) && !drag3(&mut c, "P:0", Point3::new(f64::NAN, 0.0, 0.0)));
    // d turns towards the dragged tip, and snaps onto PC₁ within a degree.
    assert!(drag3(&mut c, "d", moved + Point3::new(0.0, 0.0, 2.0)));
    assert_eq!(value(&c, "d"), Value::Vector(vec![0.0, 0.0, 1.0]));
    let pc1 = Point3::from_row_slice(&matrix(&c, "components")[0]);
    let nearly = nalgebra::Rotation3::from_axis_angle(&Point3::z_axis(), 0.5f64.to_radians()) * pc1;
    assert!(drag3(&mut c, "d", moved + nearly * 3.0));
    assert_eq!(number(&c, "angle_to_pc1"), 0.0);
    // In the centred view a dragged point lands where it was dropped, though the mean moves with it.
    choose(&mut c, "view", "centred").unwrap();
    let to = Point3::new(-2.0, 1.0, 0.5);
    assert!(drag3(&mut c, "P:0", to));
    let h = space_handles(&c).into_iter().find(|h| h.id.to_string() == "P:0").unwrap();
    assert!(near3(h.at, to), "{}", h.at);
    // In the reconstruction view, d is not a handle.
    choose(&mut c, "view", "reconstruct").unwrap();
    assert!(!drag3(&mut c, "d", Point3::new(1.0, 1.0, 1.0)));
    assert_eq!(space_handle_names(&c)[0], "P:0");
}

#[test]
fn a_page_drags_and_nudges_points_in_space() {
    let params = vec![("P".to_string(), "1,0,0;0,2,0;0,0,3;1,1,1".to_string())];
    let mut page = Page::open(crate::chapters::find("pca").unwrap(), &ChapterLink::new("pca", params));
    assert!(page.in_space());
    let names: Vec<String> = page.handles().into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["d", "P:0", "P:1", "P:2", "P:3", "orbit"]);
    let mean = |page: &Page| match page.readouts().into_iter().find(|r| r.name == "mean").unwrap().value {
        Value::Vector(x) => x,
        v => panic!("{v:?}"),
    };
    let before = mean(&page);
    // The up arrow on a point moves it one unit along z (the axis that looks most like up).
    assert!(page.update(Msg::Nudge { handle: id("P:0"), dx: 0.0, dy: 1.0, fine: false }).state);
    let after = mean(&page);
    assert!(close(after[2], before[2] + 0.25, 1e-14) && after[0] == before[0], "{after:?}");
    // Orbiting changes no readout, only the view: the projected handles move.
    let readouts = page.readouts();
    let handles = page.handles();
    page.update(Msg::Pan { dx: 40.0, dy: 10.0 });
    assert_eq!(page.readouts(), readouts);
    assert_ne!(page.handles(), handles, "the camera turned");
}

#[test]
fn the_reconstruction_in_space_lies_on_the_kept_components() {
    let p = DMatrix::from_row_slice(5, 3, &[0.0, 0.0, 0.0, 2.0, 1.0, 0.5, 4.0, 1.5, -0.5, 1.0, 3.0, 1.0, -1.0, 0.5, 2.0]);
    for k in 1..=3 {
        let mut c = pca_of(&p, k);
        choose(&mut c, "view", "reconstruct").unwrap();
        let space = space_at(&c, &Timeline::new(0)).unwrap();
        let e = c.analysis.components.clone().unwrap();
        let mean = to_point3(&c.analysis.mean);
        let rebuilt = space_dots(&space, Role::Data);
        assert_eq!((rebuilt.len(), space_dots(&space, Role::Ghost).len()), (5, 5));
        for (i, r) in rebuilt.iter().enumerate() {
            // What is left of the point after its reconstruction is orthogonal to the kept components.
            let rest = point3(&c, i) - r;
            for j in 0..k {
                assert!(rest.dot(&to_point3(&e.direction(j))).abs() < 1e-12, "k = {k}");
            }
            // And the reconstruction has no part along the dropped ones.
            for j in k..3 {
                assert!((r - mean).dot(&to_point3(&e.direction(j))).abs() < 1e-12, "k = {k}");
            }
        }
        let patches =
            space.shapes.iter().filter(|s| matches!(s, Shape3::Polygon { fill: Some(f), stroke: None, .. } if f.alpha > 0.13)).count();
        assert_eq!(patches, if k == 2 { 4 } else { 0 }, "the plane of PC₁ and PC₂ only for k = 2");
        // The patch goes through the mean, along PC₁ and PC₂.
        for s in &space.shapes {
            if let Shape3::Polygon { points, stroke: None, .. } = s {
                assert!(points.iter().all(|q| (q - mean).dot(&to_point3(&e.direction(2))).abs() < 1e-12));
                assert!(near3(points[0], mean));
            }
        }
        assert_eq!(space.shapes.iter().filter(|s| matches!(s, Shape3::Polyline { stroke, .. } if stroke.role == Role::Image)).count(), 5);
    }
}

#[test]
fn a_hundred_thousand_points_in_space_draw_a_bounded_sample() {
    let n = 100_000;
    let mut normal = Normal::new(7);
    let mut entries = Vec::with_capacity(3 * n);
    for _ in 0..n {
        let ((a, b), (c, _)) = (normal.pair(), normal.pair());
        entries.extend([3.0 * a, a + b, 0.5 * c]);
    }
    let mut c = pca_of(&DMatrix::from_row_slice(n, 3, &entries), 1);
    for view in ["raw", "reconstruct"] {
        choose(&mut c, "view", view).unwrap();
        let space = space_at(&c, &Timeline::new(0)).unwrap();
        let dots = space.shapes.iter().filter(|s| matches!(s, Shape3::Dot { .. })).count();
        assert!(dots <= 2 * SPACE_DOTS + SPACE_LINKS + 1, "{view}: {dots}");
        assert!(space.shapes.len() <= 2 * SPACE_DOTS + 2 * SPACE_LINKS + 80, "{view}: {}", space.shapes.len());
        assert_eq!(space_dots(&space, if view == "raw" { Role::Data } else { Role::Ghost }).len(), SPACE_DOTS);
    }
    choose(&mut c, "view", "raw").unwrap();
    // Every drop starts at a drawn point (1000 points: every 2nd is drawn, every 26th has its drop).
    let some = pca_of(&DMatrix::from_row_slice(1000, 3, &entries[..3000]), 1);
    let space = space_at(&some, &Timeline::new(0)).unwrap();
    let drawn = space_dots(&space, Role::Data);
    let drops: Vec<&Vec<Point3>> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polyline { points, stroke } if stroke.role == Role::Image => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!((drawn.len(), drops.len()), (500, 39));
    assert!(drops.iter().all(|d| drawn.contains(&d[0])), "a drop from an undrawn point");
    assert_eq!(space_handle_names(&c), ["d"], "no handle per point");
    assert!(!drag3(&mut c, "P:0", Point3::zeros()));
    assert!(c.summary().contains("sample of 500 of the 100\u{2009}000 points (every 200th)"), "{}", c.summary());
    assert!(c.summary().contains("drops onto d are drawn for 39 of the 100\u{2009}000 points"), "{}", c.summary());
    check_everything(&c).unwrap();
    assert_eq!(text::ordinal(2), "2nd");
    assert_eq!(text::ordinal(13), "13th");
    assert_eq!(text::ordinal(21), "21st");
}
