//! The plane figure and its handles: d turned and snapped onto PC₁, points dragged (also in the
//! centred view), the drops, ellipses and axes, the reconstruction view, and 10⁵ points drawn cheaply.

use super::*;
use crate::chapter::Figure;
use crate::view::timeline::Timeline;

#[test]
fn points_beyond_a_million_compute_but_do_not_draw() {
    let c = page(&[("P", "1e150,2e150;3e150,1e150;2e150,5e150")]);
    assert!(figure_note(&c).is_some_and(|n| n.contains("10⁶") && n.contains("5e150")), "{:?}", figure_note(&c));
    assert!(plane_handles(&c).is_empty() && space_handles(&c).is_empty());
    assert!(matches!(c.figure(&Timeline::new(0)), Figure::Note(_)), "nothing is drawn");
    assert_eq!(vector(&c, "explained_variance").len(), 2);
    let c = page(&[("P", "1e6,0;0,-1e6")]);
    assert!(figure_note(&c).is_none());
    assert_eq!(plane_handles(&c).len(), 3);
}

#[test]
fn turning_d_trades_projected_variance_for_lost_variance() {
    let mut c = build();
    assert_eq!(handle_names(&c)[0], "d");
    assert_eq!(handle_names(&c)[4], "P:3");
    let total = number(&c, "total_variance");
    let before = number(&c, "projected_variance");
    let mean = vector(&c, "mean");
    let m = World::new(mean[0], mean[1]);
    assert!(drag(&mut c, "d", m + World::new(1.0, 1.0)));
    let after = number(&c, "projected_variance");
    assert!(after > before);
    assert!(close(after + number(&c, "lost_variance"), total, 1e-13));
    let d = vector(&c, "d");
    assert!(close(d[0], std::f64::consts::FRAC_1_SQRT_2, 1e-15) && close(d[1], d[0], 1e-15));
    // The handle sits on the ray from the mean along d.
    let h = &plane_handles(&c)[0];
    assert!(((h.at - m).normalize() - World::new(d[0], d[1])).norm() < 1e-12);
    // Dragging onto the mean itself has no direction: ignored.
    assert!(!drag(&mut c, "d", m));
    assert!(!drag(&mut c, "d", World::new(f64::NAN, 0.0)));
    assert!(!drag(&mut c, "Q:0", World::new(0.0, 0.0)));
    assert!(!drag(&mut c, "P:30", World::new(0.0, 0.0)));
    // d turns on a circle: its drags are never rounded to the lattice; the points' are.
    assert!(!crate::chapter::AnyChapter::snaps(&c, id("d")) && crate::chapter::AnyChapter::snaps(&c, id("P:0")));
}

#[test]
fn d_snaps_onto_pc1_within_a_degree_and_then_keeps_the_most_variance() {
    let mut c = build();
    let pc = matrix(&c, "components")[0].clone();
    let ev = vector(&c, "explained_variance");
    let mean = vector(&c, "mean");
    let (cos, sin) = (0.5f64.to_radians().cos(), 0.5f64.to_radians().sin());
    // Half a degree off PC₁, on the far side of the mean: snaps to −PC₁ (the side dragged to).
    let off = World::new(cos * pc[0] - sin * pc[1], sin * pc[0] + cos * pc[1]);
    assert!(drag(&mut c, "d", World::new(mean[0], mean[1]) - off * 3.0));
    assert_eq!(vector(&c, "d"), vec![-pc[0], -pc[1]]);
    assert_eq!(number(&c, "angle_to_pc1"), 0.0);
    assert!(close(number(&c, "projected_variance"), ev[0], 1e-13));
    assert!(close(number(&c, "lost_variance"), ev[1], 1e-10));
    assert!(readout(&c, "projected_variance").note.contains("on PC₁"));
    assert!(c.summary().contains("lies on the first principal component"), "{}", c.summary());
    // Two degrees off: no snap.
    let (cos, sin) = (2f64.to_radians().cos(), 2f64.to_radians().sin());
    let off = World::new(cos * pc[0] - sin * pc[1], sin * pc[0] + cos * pc[1]);
    drag(&mut c, "d", World::new(mean[0], mean[1]) + off * 3.0);
    assert!(close(number(&c, "angle_to_pc1"), 2.0, 1e-9));
    assert!(number(&c, "projected_variance") < ev[0]);
    assert!(c.summary().contains("2°"), "{}", c.summary());
}

#[test]
fn dragging_a_point_moves_the_statistics() {
    let mut c = page(&[("P", "0,2;1,4;2,0")]);
    assert!(drag(&mut c, "P:2", World::new(2.0, 6.0)));
    assert_eq!(value(&c, "P"), Value::Matrix(vec![vec![0.0, 2.0], vec![1.0, 4.0], vec![2.0, 6.0]]));
    assert_eq!(vector(&c, "mean"), vec![1.0, 4.0]);
    // Now collinear along (1, 2).
    let pc = matrix(&c, "components");
    assert!(close(pc[0][1] / pc[0][0], 2.0, 1e-14));
    assert!(!drag(&mut c, "P:2", World::new(2.0, 6.0)), "no change, no update");
}

#[test]
fn the_centred_view_moves_the_mean_to_the_origin_and_drags_stay_under_the_pointer() {
    let mut c = page(&[("P", "0,2;1,4;2,0"), ("view", "centred")]);
    assert_eq!(c.stages(), ["subtract the mean"]);
    let handles = plane_handles(&c);
    assert_eq!(handles[1].at, World::new(-1.0, 0.0));
    // Drag point 1 to (3, 3) in centred coordinates: afterwards it is drawn exactly there.
    assert!(drag(&mut c, "P:0", World::new(3.0, 3.0)));
    let h = plane_handles(&c)[1].at;
    assert!((h - World::new(3.0, 3.0)).norm() < 1e-12, "{h:?}");
    let mean = vector(&c, "mean");
    let p = matrix(&c, "P");
    assert!(close(p[0][0] - mean[0], 3.0, 1e-14) && close(p[0][1] - mean[1], 3.0, 1e-14));
    // Halfway through the "subtract the mean" stage, the mean is drawn halfway to the origin.
    let mut t = Timeline::new(1);
    t.scrub(0.5);
    let dot = plane_scene(&c, &t).shapes.into_iter().rev().find_map(|s| match s {
        Shape::Dot { at, role: Role::Input, .. } => Some(at),
        _ => None,
    });
    let m = World::new(mean[0], mean[1]);
    assert!((dot.unwrap() - m * 0.5).norm() < 1e-12);
}

#[test]
fn the_scene_draws_points_drops_axes_and_the_ellipse() {
    let c = build();
    let shapes = shapes(&c);
    let count = |f: &dyn Fn(&Shape) -> bool| shapes.iter().filter(|s| f(s)).count();
    assert_eq!(count(&|s| matches!(s, Shape::Dot { role: Role::Data, .. })), DEFAULT_POINTS);
    assert_eq!(count(&|s| matches!(s, Shape::Polyline { stroke, .. } if stroke.role == Role::Image)), DEFAULT_POINTS);
    assert_eq!(count(&|s| matches!(s, Shape::Line { stroke, .. } if stroke.role == Role::Eigen)), 2);
    assert_eq!(count(&|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Eigen)), 2);
    assert_eq!(count(&|s| matches!(s, Shape::Polygon { .. })), 2);
    // Each drop is perpendicular to d and ends on the line through the mean.
    let mean = vector(&c, "mean");
    for s in &shapes {
        if let Shape::Polyline { points, .. } = s {
            let (p, foot) = (points[0], points[1]);
            assert!(((p - foot).x).abs() < 1e-12, "d = x-axis, so drops are vertical");
            assert!((foot.y - mean[1]).abs() < 1e-12);
        }
    }
    // The PC₁ arrow is √λ₁ long.
    let ev = vector(&c, "explained_variance");
    let arrow = shapes.iter().find_map(|s| match s {
        Shape::Arrow { from, to, stroke, .. } if stroke.role == Role::Eigen => Some((to - from).norm()),
        _ => None,
    });
    assert!(shapes.iter().any(|s| matches!(s, Shape::Line { label: Some(l), .. } if l == "PC₁")));
    assert!(close(arrow.unwrap(), ev[0].sqrt(), 1e-12));
    let (lo, hi) = plane_bounds(&c);
    assert!(lo.x <= 0.0 && hi.y >= 10.0);
}

#[test]
fn the_reconstruction_view_draws_ghosts_lines_and_rebuilt_points() {
    let c = page(&[("P", "0,2;1,4;2,0"), ("view", "reconstruct")]);
    // No d in this view: only the points are handles.
    assert_eq!(handle_names(&c), ["P:0", "P:1", "P:2"]);
    let shapes = shapes(&c);
    let ghosts: Vec<World> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role: Role::Ghost, .. } => Some(*at),
            _ => None,
        })
        .collect();
    assert_eq!(ghosts, [World::new(0.0, 2.0), World::new(1.0, 4.0), World::new(2.0, 0.0)]);
    let rebuilt: Vec<World> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role: Role::Data, .. } => Some(*at),
            _ => None,
        })
        .collect();
    // Each rebuilt point lies on PC₁'s line through the mean, at the foot of the point's drop.
    let pc = matrix(&c, "components")[0].clone();
    let mean = World::new(1.0, 2.0);
    let pc = World::new(pc[0], pc[1]);
    let mut sum = 0.0;
    for (g, r) in ghosts.iter().zip(&rebuilt) {
        let along = r - mean;
        assert!((along.x * pc.y - along.y * pc.x).abs() < 1e-12, "on the line");
        assert!((g - r).dot(&pc).abs() < 1e-12, "a perpendicular drop");
        sum += (g - r).norm_squared();
    }
    let lines = shapes.iter().filter(|s| matches!(s, Shape::Polyline { .. })).count();
    assert_eq!(lines, 3);
    // The readout is the sum of the squared lines, = (n − 1) λ₂.
    let ev = vector(&c, "explained_variance");
    assert!(close(number(&c, "reconstruction_error"), sum, 1e-12));
    assert!(close(sum, 2.0 * ev[1], 1e-12));
}

#[test]
fn a_hundred_thousand_points_draw_cheaply_and_read_out_soundly() {
    let mut c = page(&[("n", "100000"), ("corr", "0.8"), ("noise", "0.3")]);
    // No handle per point: only d.
    assert_eq!(handle_names(&c), ["d"]);
    assert!(!drag(&mut c, "P:3", World::new(0.0, 0.0)));
    let shapes = shapes(&c);
    let drops = shapes.iter().filter(|s| matches!(s, Shape::Polyline { .. })).count();
    assert!((DRAWN_LINKS / 2..=DRAWN_LINKS).contains(&drops), "{drops}");
    assert!(shapes.iter().any(|s| matches!(s, Shape::Points { at, role: Role::Data, .. } if at.len() == 100_000)));
    assert!(!shapes.iter().any(|s| matches!(s, Shape::Dot { role: Role::Data, .. })));
    // The cloud is drawn first, under the ellipses, the components and d.
    assert!(matches!(shapes.iter().find(|s| !matches!(s, Shape::Lattice { .. } | Shape::Axes)), Some(Shape::Points { .. })));
    assert_eq!(shapes.iter().filter(|s| matches!(s, Shape::Polygon { .. })).count(), 2);
    assert_eq!(shapes.iter().filter(|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Eigen)).count(), 2);
    assert!(c.summary().contains("drawn for 100 of the 100\u{2009}000 points"), "{}", c.summary());
    // P is not listed, with a reason; everything else is finite; the code stays short.
    let p = readout(&c, "P");
    assert_eq!(p.value, Value::Null);
    assert!(p.note.contains("100\u{2009}000") && p.note.contains("generated"), "{}", p.note);
    check_everything(&c).unwrap();
    let code = c.code_text();
    assert!(code.numpy.len() < 3000 && code.numpy.contains("n, corr, noise = 100000, 0.8, 0.3"), "{}", code.numpy);
    assert!(code.nalgebra.contains("SplitMix64"));
    // The sample correlation the readouts imply: about 0.8 / (1 + 0.3²).
    let cov = matrix(&c, "covariance");
    assert!((cov[0][1] / (cov[0][0] * cov[1][1]).sqrt() - 0.8 / 1.09).abs() < 0.01);
    // Turning d reads the cached covariance: the sum rule holds.
    let mean = vector(&c, "mean");
    assert!(drag(&mut c, "d", World::new(mean[0] + 1.0, mean[1] + 2.0)));
    let (pv, lost, total) = (number(&c, "projected_variance"), number(&c, "lost_variance"), number(&c, "total_variance"));
    assert!(close(pv + lost, total, 1e-12));
}
