//! PCA's 3-D figure, for points with three coordinates: the points (all, or an evenly spaced sample of
//! [`SPACE_DOTS`]), the mean, the principal axes scaled by √λ, the covariance ellipsoid by its three
//! principal sections around the mean (a `Shape3::Silhouette` is always centred on the origin), and
//! either d with the drops onto its line or the reconstruction from k components (with the plane of
//! PC₁ and PC₂ for k = 2).

use super::{every, subscript, Pca, View, HANDLED_POINTS, SPACE_DOTS};
use crate::chapter::figure::reach;
use crate::math::pca::Components;
use crate::view::scene::{Fill, Role, Stroke, CIRCLE_SAMPLES};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use nalgebra::DVector;

/// A 2- or 3-entry vector as a point in space (a missing third entry is 0).
pub(super) fn to_point3(v: &DVector<f64>) -> Point3 {
    Point3::from_fn(|i, _| v.get(i).copied().unwrap_or(0.0))
}

/// Point `i` in space (its first three coordinates).
pub(super) fn point3(c: &Pca, i: usize) -> Point3 {
    Point3::from_fn(|j, _| if j < c.p.ncols() { c.p[(i, j)] } else { 0.0 })
}

/// Principal direction `j` in space.
fn direction3(e: &Components, j: usize) -> Point3 {
    Point3::from_fn(|i, _| e.directions.get((i, j)).copied().unwrap_or(0.0))
}

/// How far the 3-D figure is shifted towards the centred view (0: raw, the mean: centred).
pub(super) fn offset3(c: &Pca, progress: f64) -> Point3 {
    if c.view == View::Centred {
        to_point3(&c.analysis.mean) * progress
    } else {
        Point3::zeros()
    }
}

/// The reconstruction DDᵀ(x − μ) + μ of point `i` in space from the first k components.
pub(super) fn reconstructed3(c: &Pca, i: usize) -> Point3 {
    let p = point3(c, i);
    let Ok(e) = c.components() else { return p };
    let mean = to_point3(&c.analysis.mean);
    (0..c.k).fold(mean, |acc, j| {
        let v = direction3(e, j);
        acc + v * (p - mean).dot(&v)
    })
}

/// How large each dot of `n` points is drawn in space.
pub(super) fn dot_radius(n: usize) -> f64 {
    if n <= HANDLED_POINTS {
        4.0
    } else if n <= SPACE_DOTS {
        3.0
    } else {
        // Small, so that the axes and the ellipsoid inside the sampled cloud still show through it.
        1.5
    }
}

/// The ellipsoid with semi-axes `axes` (one standard deviation along each component) around `centre`,
/// by its sections in the planes of two components: PC₁ and PC₂ filled, the other two dotted.
pub(super) fn push_ellipsoid(space: &mut Space, centre: Point3, axes: [Point3; 3]) {
    let [u, v, w] = axes;
    for (x, y, main) in [(u, v, true), (v, w, false), (w, u, false)] {
        let points = (0..CIRCLE_SAMPLES)
            .map(|s| {
                let th = s as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64;
                centre + x * th.cos() + y * th.sin()
            })
            .collect();
        let (fill, stroke) = if main {
            (Some(Fill { role: Role::Eigen, alpha: 0.12 }), Stroke::solid(Role::Eigen, 1.25))
        } else {
            (None, Stroke::dotted(Role::Eigen, 1.25))
        };
        space.push(Shape3::Polygon { points, fill, stroke: Some(stroke) });
    }
}

/// The 3-D figure at the timeline's position.
pub(super) fn figure(c: &Pca, t: &Timeline) -> Space {
    let a = &c.analysis;
    let o = offset3(c, t.progress(0));
    let mean = to_point3(&a.mean) - o;
    let n = c.p.nrows();
    let reconstruct = c.view == View::Reconstruct;
    let mut space = Space::default();
    // What the axes and the ground reach: the mean, the ellipsoid (one standard deviation) and d,
    // not every point (a few far points would shrink the figure; Fit still shows them).
    let mut extent = vec![mean];
    // The farthest drawn point from the mean: where d's line ends.
    let mut far = 0.0_f64;
    let radius = dot_radius(n);
    for i in every(n, SPACE_DOTS) {
        let at = point3(c, i) - o;
        far = far.max((at - mean).norm());
        let (role, radius) = if reconstruct { (Role::Ghost, radius - 0.5) } else { (Role::Data, radius) };
        space.push(Shape3::Dot { at, role, radius });
    }
    let axes: Vec<Point3> = match c.components() {
        Ok(e) if !a.degenerate() => e.variances.iter().enumerate().map(|(j, &l)| direction3(e, j) * a.length(l.sqrt())).collect(),
        _ => Vec::new(),
    };
    if let [u, v, w] = axes.as_slice() {
        push_ellipsoid(&mut space, mean, [*u, *v, *w]);
        if reconstruct && c.k == 2 {
            space.plane_patch_through(&mean, u, v, 2.0 * u.norm(), Role::Eigen);
        }
        for (i, axis) in axes.iter().enumerate() {
            if axis.norm() > 0.0 {
                space.push(Shape3::Polyline {
                    points: vec![mean - axis * 1.5, mean + axis * 1.5],
                    stroke: Stroke::dashed(Role::Eigen, 1.25),
                });
                space.arrow_from(mean, mean + axis, Stroke::solid(Role::Eigen, 3.0), format!("PC{}", subscript(i)));
                extent.extend([mean + axis, mean - axis]);
            }
        }
    }
    if reconstruct {
        for i in c.linked_rows() {
            space.push(Shape3::Polyline { points: vec![point3(c, i), reconstructed3(c, i)], stroke: Stroke::dotted(Role::Image, 1.5) });
        }
        for i in every(n, SPACE_DOTS) {
            space.push(Shape3::Dot { at: reconstructed3(c, i), role: Role::Data, radius });
        }
    } else {
        // d: its line through the mean, the drops onto it (for a sample when there are many points), its arrow.
        let d = to_point3(&c.direction());
        let r = c.handle_radius();
        let far = if far.is_finite() { far.max(r) } else { r };
        space.push(Shape3::Polyline { points: vec![mean - d * far, mean + d * far], stroke: Stroke::solid(Role::Input, 1.0) });
        for i in c.linked_rows() {
            let p = point3(c, i) - o;
            let foot = mean + d * (p - mean).dot(&d);
            space.push(Shape3::Polyline { points: vec![p, foot], stroke: Stroke::dotted(Role::Image, 1.5) });
            space.push(Shape3::Dot { at: foot, role: Role::Image, radius: 2.5 });
        }
        let on_pc1 = c.on_pc1();
        let tip = mean + d * r;
        extent.push(tip);
        space.arrow_from(mean, tip, Stroke::solid(Role::Input, if on_pc1 { 4.5 } else { 3.0 }), if on_pc1 { "d = PC₁" } else { "d" });
        space.label(mean - d * (0.2 * r), "μ", Role::Input);
    }
    space.push(Shape3::Dot { at: mean, role: Role::Input, radius: 5.0 });
    space.axes_and_ground(reach(&extent));
    space
}
