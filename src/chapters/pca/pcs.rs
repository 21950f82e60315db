//! PCA's component coordinates: each point drawn at its scores cᵢ = Dₖᵀ(xᵢ − μ), its coordinates
//! along the principal directions from the mean. The cloud appears turned so that PC₁ runs along the
//! first axis and PC₂ along the second, and its covariance ellipse stands upright with semi-axes √λ.
//! On the plane while at most two components are kept (with k = 1 each point drops onto the PC₁ axis:
//! its second coordinate is forgotten), in space when all three coordinates of 3-D points are kept.

use super::plane::{push_points, ROUND_DOTS};
use super::space::{dot_radius, push_ellipsoid};
use super::{every, subscript, Pca, SPACE_DOTS};
use crate::chapter::figure::{bounds, reach, with_background};
use crate::chapter::Figure;
use crate::math::pca::Components;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke, CIRCLE_SAMPLES};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::viewport::World;

/// The first `count` (at most 3) coordinates of point `i` along the principal directions, measured
/// from the mean in the data's units (the figure is drawn only for coordinates within ±10⁶).
pub(super) fn coordinates(c: &Pca, e: &Components, i: usize, count: usize) -> [f64; 3] {
    let d = c.p.ncols();
    let mut out = [0.0; 3];
    for (j, o) in out.iter_mut().enumerate().take(count.min(d)) {
        *o = (0..d).map(|r| (c.p[(i, r)] - c.analysis.mean[r]) * e.directions[(r, j)]).sum();
    }
    out
}

/// One standard deviation along each component, in the data's units.
fn deviations(c: &Pca, e: &Components) -> Vec<f64> {
    e.variances.iter().map(|&l| c.analysis.length(l.sqrt())).collect()
}

/// The figure in component coordinates, or why there is none.
pub(super) fn figure(c: &Pca) -> Figure {
    match c.components() {
        Ok(e) if c.in_space() => Figure::Space(space(c, e)),
        Ok(e) => plane(c, e),
        Err(why) => Figure::Note(format!("There are no component coordinates: {why}.")),
    }
}

/// The plane: the points at (c₁, c₂), or with k = 1 at (c₁, 0) with their forgotten (c₁, c₂) as
/// ghosts and a dotted drop between; the upright ellipses at one and two standard deviations, the
/// components as arrows along the axes and the mean at the origin.
fn plane(c: &Pca, e: &Components) -> Figure {
    let n = c.p.nrows();
    let sd = deviations(c, e);
    let full: Vec<World> = (0..n)
        .map(|i| {
            let z = coordinates(c, e, i, 2);
            World::new(z[0], z[1])
        })
        .collect();
    let forget = c.k < 2;
    let kept = |w: World| if forget { World::new(w.x, 0.0) } else { w };
    let mut scene = Scene::default();
    let cloud = n > ROUND_DOTS;
    let role = if forget { Role::Ghost } else { Role::Data };
    if cloud {
        push_points(c, &mut scene, full.iter().copied(), role);
    }
    let axes = [World::new(sd[0], 0.0), World::new(0.0, sd[1])];
    for (level, fill) in [(2.0, None), (1.0, Some(Fill { role: Role::Eigen, alpha: 0.15 }))] {
        let points = (0..CIRCLE_SAMPLES)
            .map(|s| {
                let th = s as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64;
                (axes[0] * th.cos() + axes[1] * th.sin()) * level
            })
            .collect();
        let stroke = if fill.is_some() { Stroke::solid(Role::Eigen, 1.0) } else { Stroke::dotted(Role::Eigen, 1.0) };
        scene.push(Shape::Polygon { points, fill, stroke: Some(stroke) });
    }
    if forget {
        if !cloud {
            push_points(c, &mut scene, full.iter().copied(), Role::Ghost);
        }
        for i in c.linked_rows() {
            scene.push(Shape::Polyline { points: vec![full[i], kept(full[i])], stroke: Stroke::dotted(Role::Image, 1.5) });
        }
        push_points(c, &mut scene, full.iter().map(|w| kept(*w)), Role::Data);
    } else if !cloud {
        push_points(c, &mut scene, full.iter().copied(), Role::Data);
    }
    if !c.analysis.degenerate() {
        for (j, axis) in axes.iter().enumerate() {
            if axis.norm() > 0.0 {
                // A forgotten component is drawn faintly: its coordinate is not kept.
                let role = if j >= c.k { Role::Ghost } else { Role::Eigen };
                scene.arrow_from(World::zeros(), *axis, Stroke::solid(role, 3.0), format!("PC{}", subscript(j)));
            }
        }
    }
    scene.push(Shape::Dot { at: World::zeros(), role: Role::Input, radius: 5.0 });
    scene.push(Shape::Label { at: World::new(-0.12, -0.12) * sd[0].max(f64::MIN_POSITIVE), text: "μ".into(), role: Role::Input });
    let mut extent = full;
    extent.extend(axes.iter().flat_map(|a| [*a, -a]));
    Figure::Plane { scene: with_background(scene), bounds: bounds(&extent) }
}

/// Space, for 3-D points with all three components kept: the points at (c₁, c₂, c₃) (an evenly spaced
/// sample of many), the ellipsoid's sections in the coordinate planes, the components as arrows along
/// the axes c₁, c₂, c₃.
fn space(c: &Pca, e: &Components) -> Space {
    let n = c.p.nrows();
    let sd = deviations(c, e);
    let mut space = Space::default();
    let radius = dot_radius(n);
    let mut extent = vec![Point3::zeros()];
    for i in every(n, SPACE_DOTS) {
        let z = coordinates(c, e, i, 3);
        space.push(Shape3::Dot { at: Point3::new(z[0], z[1], z[2]), role: Role::Data, radius });
    }
    let axis = |j: usize| {
        let mut a = Point3::zeros();
        a[j] = sd[j];
        a
    };
    push_ellipsoid(&mut space, Point3::zeros(), [axis(0), axis(1), axis(2)]);
    if !c.analysis.degenerate() {
        for (j, &length) in sd.iter().enumerate().take(3) {
            if length > 0.0 {
                space.arrow_from(Point3::zeros(), axis(j), Stroke::solid(Role::Eigen, 3.0), format!("PC{}", subscript(j)));
                extent.extend([axis(j), -axis(j)]);
            }
        }
    }
    space.push(Shape3::Dot { at: Point3::zeros(), role: Role::Input, radius: 5.0 });
    // The axes are the code's coordinates c₁, c₂, c₃ (not x, y, z).
    let r = reach(&extent) * 1.5;
    for (j, name) in ["c₁", "c₂", "c₃"].iter().enumerate() {
        let mut end = Point3::zeros();
        end[j] = r;
        space.push(Shape3::Polyline { points: vec![-end, end], stroke: Stroke::solid(Role::Axis, 1.25) });
        space.label(end * 1.08, *name, Role::Axis);
    }
    space
}
