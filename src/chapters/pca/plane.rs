//! PCA's plane figure, for points with two coordinates: the points (round dots, or a light cloud of
//! tiny squares when there are many), the covariance ellipses at one and two standard deviations, the
//! principal axes scaled by √λ, and either d with the drops onto its line or, in the reconstruction
//! view, each point's reconstruction from the first k components.

use super::handles::d_handle;
use super::{subscript, Pca, View};
use crate::chapter::figure::{bounds, with_background};
use crate::chapter::Figure;
use crate::view::scene::{Cloud, Fill, Role, Scene, Shape, Stroke, CIRCLE_SAMPLES};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, DVector};

/// Up to this many points are drawn as round dots; beyond, as tiny squares in one path.
pub(super) const ROUND_DOTS: usize = 500;

/// What the plane figure draws of the points that changes only with them, kept in the state next to
/// their statistics: the box they fill, and for a dense cloud its points where the raw and the
/// centred views draw them, shared by every frame (turning d over 100 000 points then neither copies
/// them nor compares them with the last frame's).
#[derive(Debug, Clone)]
pub(super) struct PlanePoints {
    lo: World,
    hi: World,
    /// The raw and the centred cloud, for more than [`ROUND_DOTS`] points with two coordinates.
    clouds: Option<(Cloud, Cloud)>,
}

impl PlanePoints {
    /// For points `p` (one per row) with this mean; nothing to keep unless they have two coordinates.
    pub(super) fn of(p: &DMatrix<f64>, mean: &DVector<f64>) -> PlanePoints {
        let none = PlanePoints { lo: World::zeros(), hi: World::zeros(), clouds: None };
        if p.ncols() != 2 || p.nrows() == 0 || mean.len() != 2 {
            return none;
        }
        let at = |i: usize| World::new(p[(i, 0)], p[(i, 1)]);
        let (lo, hi) = (1..p.nrows()).fold((at(0), at(0)), |(lo, hi), i| (lo.inf(&at(i)), hi.sup(&at(i))));
        let clouds = (p.nrows() > ROUND_DOTS).then(|| {
            let m = World::new(mean[0], mean[1]);
            ((0..p.nrows()).map(at).collect(), (0..p.nrows()).map(|i| at(i) - m).collect())
        });
        PlanePoints { lo, hi, clouds }
    }
}

/// Point `i` in the plane.
pub(super) fn point(c: &Pca, i: usize) -> World {
    World::new(c.p[(i, 0)], c.p[(i, 1)])
}

/// The mean in the plane.
pub(super) fn mean_point(c: &Pca) -> World {
    World::new(c.analysis.mean[0], c.analysis.mean[1])
}

/// How far the figure is shifted towards the centred view (0: raw, the mean: centred).
pub(super) fn offset(c: &Pca, progress: f64) -> World {
    if c.view == View::Centred {
        mean_point(c) * progress
    } else {
        World::zeros()
    }
}

/// The reconstruction DDᵀ(x − μ) + μ of point `i` from the first k components (the point itself
/// when they cannot be computed), in world units.
pub(super) fn reconstructed(c: &Pca, i: usize) -> World {
    let p = point(c, i);
    let Ok(e) = c.components() else { return p };
    let mean = mean_point(c);
    let x = p - mean;
    (0..c.k).fold(mean, |acc, j| {
        let v = World::new(e.directions[(0, j)], e.directions[(1, j)]);
        acc + v * x.dot(&v)
    })
}

/// The plane figure at the timeline's position and the box its content occupies.
pub(super) fn figure(c: &Pca, t: &Timeline) -> Figure {
    let mut scene = Scene::default();
    scene_plane(c, t, &mut scene);
    Figure::Plane { scene: with_background(scene), bounds: content_bounds(c) }
}

/// The points, d's handle and the principal axes' ends, as drawn at the end of the timeline.
fn content_bounds(c: &Pca) -> (World, World) {
    let o = offset(c, 1.0);
    // The points' box, moved as they are: the same box as theirs one by one (subtracting is monotone).
    let mut points = vec![c.drawn.lo - o, c.drawn.hi - o, d_handle(c).at];
    if let Ok(e) = c.components() {
        let mean = mean_point(c) - o;
        for (j, &l) in e.variances.iter().enumerate() {
            let axis = World::new(e.directions[(0, j)], e.directions[(1, j)]) * c.analysis.length(l.sqrt());
            points.push(mean + axis);
            points.push(mean - axis);
        }
    }
    bounds(&points)
}

fn scene_plane(c: &Pca, t: &Timeline, scene: &mut Scene) {
    let a = &c.analysis;
    let o = offset(c, t.progress(0));
    let mean = mean_point(c) - o;
    let n = c.p.nrows();
    let cloud = n > ROUND_DOTS;
    if cloud {
        // A dense cloud goes underneath, so that the ellipses, drops and d stay visible on it.
        let role = if c.view == View::Reconstruct { Role::Ghost } else { Role::Data };
        scene.push(Shape::Points { at: kept_cloud(c, o), role, size: CLOUD_SIZE, alpha: CLOUD_ALPHA });
    }
    // The covariance ellipses (1 and 2 standard deviations) and the principal axes, scaled by √λ.
    if let Ok(e) = c.components() {
        let directions: Vec<World> = (0..e.variances.len()).map(|j| World::new(e.directions[(0, j)], e.directions[(1, j)])).collect();
        let axes: Vec<World> = directions.iter().zip(&e.variances).map(|(v, &l)| v * a.length(l.sqrt())).collect();
        for (k, fill) in [(2.0, None), (1.0, Some(Fill { role: Role::Eigen, alpha: 0.15 }))] {
            let points = (0..CIRCLE_SAMPLES)
                .map(|s| {
                    let th = s as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64;
                    mean + (axes[0] * th.cos() + axes[1] * th.sin()) * k
                })
                .collect();
            let stroke = if fill.is_some() { Stroke::solid(Role::Eigen, 1.0) } else { Stroke::dotted(Role::Eigen, 1.0) };
            scene.push(Shape::Polygon { points, fill, stroke: Some(stroke) });
        }
        if !a.degenerate() {
            for (i, (v, axis)) in directions.iter().zip(&axes).enumerate() {
                scene.push(Shape::Line {
                    through: mean,
                    // The label goes where the line leaves the view along `direction`, clear of the
                    // cloud: point it downwards so the text is not cut off at the top edge.
                    direction: v * if v.y > 0.0 { -1.0 } else { 1.0 },
                    stroke: Stroke::dashed(Role::Eigen, 1.5),
                    label: Some(format!("PC{}", subscript(i))),
                });
                if axis.norm() > 0.0 {
                    scene.arrow_from(mean, mean + axis, Stroke::solid(Role::Eigen, 3.0), "");
                }
            }
        }
    }
    if c.view == View::Reconstruct {
        scene_reconstruction(c, mean, cloud, scene);
        return;
    }
    // The candidate direction, the drops onto it and their feet (for a sample when there are many
    // points), and every point.
    let d = c.direction();
    let dw = World::new(d[0], d[1]);
    scene.push(Shape::Line { through: mean, direction: dw, stroke: Stroke::solid(Role::Input, 1.0), label: None });
    let feet: Vec<(World, World)> = c
        .linked_rows()
        .map(|i| {
            let p = point(c, i) - o;
            (p, mean + dw * (p - mean).dot(&dw))
        })
        .collect();
    for (p, foot) in &feet {
        scene.push(Shape::Polyline { points: vec![*p, *foot], stroke: Stroke::dotted(Role::Image, 1.5) });
    }
    for (_, foot) in &feet {
        scene.push(Shape::Dot { at: *foot, role: Role::Image, radius: 2.5 });
    }
    if !cloud {
        push_points(c, scene, (0..n).map(|i| point(c, i) - o), Role::Data);
    }
    let on_pc1 = c.on_pc1();
    let tip = mean + dw * c.handle_radius();
    scene.arrow_from(mean, tip, Stroke::solid(Role::Input, if on_pc1 { 4.5 } else { 3.0 }), if on_pc1 { "d = PC₁" } else { "d" });
    scene.push(Shape::Dot { at: mean, role: Role::Input, radius: 5.0 });
    // The mean's label sits behind the mean, on the side away from d's arrow.
    scene.push(Shape::Label { at: mean - dw * (0.12 * c.handle_radius()), text: "μ".into(), role: Role::Input });
}

/// Each point as a grey ghost (already drawn when it is a dense `cloud`), a dotted line to its
/// reconstruction from the first k components (for a sample when there are many), and the
/// reconstructions as data points.
fn scene_reconstruction(c: &Pca, mean: World, cloud: bool, scene: &mut Scene) {
    let n = c.p.nrows();
    if !cloud {
        push_points(c, scene, (0..n).map(|i| point(c, i)), Role::Ghost);
    }
    for i in c.linked_rows() {
        scene.push(Shape::Polyline { points: vec![point(c, i), reconstructed(c, i)], stroke: Stroke::dotted(Role::Image, 1.5) });
    }
    push_points(c, scene, (0..n).map(|i| reconstructed(c, i)), Role::Data);
    scene.push(Shape::Dot { at: mean, role: Role::Input, radius: 5.0 });
}

/// The dense cloud shifted by `o`: the one kept for the raw or the centred view, else (during the
/// animation between them) computed.
fn kept_cloud(c: &Pca, o: World) -> Cloud {
    match &c.drawn.clouds {
        Some((raw, _)) if o == World::zeros() => raw.clone(),
        Some((_, centred)) if o == mean_point(c) => centred.clone(),
        _ => (0..c.p.nrows()).map(|i| point(c, i) - o).collect(),
    }
}

/// Side of a dense cloud's squares, in CSS px.
const CLOUD_SIZE: f64 = 2.0;
/// Opacity of a dense cloud: light, so that the ellipses, components and drops drawn over it stand out.
const CLOUD_ALPHA: f64 = 0.35;

/// Points as round dots, or, when there are many, as one cheap set of tiny squares.
pub(super) fn push_points(c: &Pca, scene: &mut Scene, points: impl Iterator<Item = World>, role: Role) {
    if c.p.nrows() <= ROUND_DOTS {
        for at in points {
            scene.push(Shape::Dot { at, role, radius: if role == Role::Ghost { 3.5 } else { 4.0 } });
        }
    } else {
        scene.push(Shape::Points { at: points.collect(), role, size: CLOUD_SIZE, alpha: CLOUD_ALPHA });
    }
}
