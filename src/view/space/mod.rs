//! The shared 3-D view: an orbiting [`Camera`] and 3-D shapes ([`Shape3`]) that are projected
//! orthographically into the plane's world coordinates and sorted back to front (the painter's
//! algorithm), so the one 2-D viewport, renderer and handle layer draw 3-D figures too.
//!
//! Orthographic on purpose: moving a point by `a·right + b·up` moves its projection by exactly
//! `(a, b)`, so a handle dragged in the screen plane stays under the pointer, and zooming is the
//! viewport's ordinary scale.

use super::scene::{Fill, Role, Scene, Shape, Stroke, CIRCLE_SAMPLES};
use super::viewport::{nice_step, World};
use crate::decimal::fixed;
use crate::math::{clamp, wrap};
use nalgebra::{Matrix2, Matrix3, Vector3};
use std::f64::consts::{PI, TAU};

/// A point or vector in space, z up.
pub type Point3 = Vector3<f64>;

/// Steepest view from above or below, in radians (85°): the camera never looks straight down z,
/// where "up" on the screen would be undefined.
pub const MAX_PITCH: f64 = 85.0 * PI / 180.0;
/// Radians of orbit per CSS px of drag.
pub const ORBIT_PER_PX: f64 = 0.01;
/// Radians of orbit per arrow key on the orbit control (15°), and with Shift (3°).
pub const ORBIT_KEY_STEP: f64 = 15.0 * PI / 180.0;
/// See [`ORBIT_KEY_STEP`].
pub const FINE_ORBIT_KEY_STEP: f64 = 3.0 * PI / 180.0;
/// Where a line's label sits, as a multiple of its reach (beyond the axes' labels at 1.08).
const LINE_LABEL_AT: f64 = 1.2;
/// Most ground-grid lines per direction (the grid step grows to keep within it).
const MAX_GRID_LINES: f64 = 12.0;

/// Where the viewer stands, looking at the origin: an azimuth around z and an elevation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    yaw: f64,
    pitch: f64,
}

impl Default for Camera {
    /// Slightly above, between the x and y axes: x comes towards the lower left, y goes right, z up.
    fn default() -> Self {
        Camera { yaw: 35f64.to_radians(), pitch: 25f64.to_radians() }
    }
}

impl Camera {
    /// A camera at azimuth `yaw` (radians from +x towards +y) and elevation `pitch` (clamped to
    /// ±[`MAX_PITCH`]); a non-finite angle keeps the default's.
    pub fn new(yaw: f64, pitch: f64) -> Camera {
        let d = Camera::default();
        let yaw = if yaw.is_finite() { wrap(yaw, TAU) } else { d.yaw };
        let pitch = if pitch.is_finite() { clamp(pitch, -MAX_PITCH, MAX_PITCH) } else { d.pitch };
        Camera { yaw, pitch }
    }

    /// The azimuth in radians, in 0..2π.
    pub fn yaw(&self) -> f64 {
        self.yaw
    }

    /// The elevation in radians, within ±[`MAX_PITCH`].
    pub fn pitch(&self) -> f64 {
        self.pitch
    }

    /// Turns the camera by the given angles (radians); the pitch stays clamped.
    pub fn orbit(&mut self, d_yaw: f64, d_pitch: f64) {
        *self = Camera::new(self.yaw + d_yaw, self.pitch + d_pitch);
    }

    /// Orbits for a drag of the empty figure by a screen offset in CSS px: the point facing the
    /// viewer follows the pointer (drag right: the scene turns right; drag down: it tips towards you).
    pub fn drag(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.orbit(-dx * ORBIT_PER_PX, dy * ORBIT_PER_PX);
        }
    }

    /// The unit vector from the origin towards the viewer (larger depth is nearer).
    pub fn toward_viewer(&self) -> Point3 {
        let (sy, cy) = self.yaw.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        Point3::new(cy * cp, sy * cp, sp)
    }

    /// The world direction drawn as screen right.
    pub fn right(&self) -> Point3 {
        let (sy, cy) = self.yaw.sin_cos();
        Point3::new(-sy, cy, 0.0)
    }

    /// The world direction drawn as screen up.
    pub fn up(&self) -> Point3 {
        let (sy, cy) = self.yaw.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        Point3::new(-sp * cy, -sp * sy, cp)
    }

    /// The 2×3 projection as its two rows: (right, up).
    fn rows(&self) -> (Point3, Point3) {
        (self.right(), self.up())
    }

    /// Where `p` lands in the plane's world coordinates.
    pub fn project(&self, p: &Point3) -> World {
        let (r, u) = self.rows();
        World::new(r.dot(p), u.dot(p))
    }

    /// How near `p` is to the viewer (the painter draws small depths first).
    pub fn depth(&self, p: &Point3) -> f64 {
        self.toward_viewer().dot(p)
    }

    /// The point in the plane through `p` parallel to the screen that projects to `to`: what a
    /// handle at `p` becomes when dragged to `to`. `None` for non-finite input or results.
    pub fn drag_point(&self, p: &Point3, to: World) -> Option<Point3> {
        let d = to - self.project(p);
        let moved = p + self.right() * d.x + self.up() * d.y;
        moved.iter().all(|x| x.is_finite()).then_some(moved)
    }

    /// The world axis (±x, ±y, ±z) that looks most like the screen direction (dx, dy) (y up): what
    /// a coarse arrow-key step moves along, so lattice points stay on the lattice.
    pub fn nearest_axis(&self, dx: f64, dy: f64) -> Point3 {
        let mut best = (f64::NEG_INFINITY, Point3::zeros());
        for axis in 0..3 {
            for sign in [1.0, -1.0] {
                let mut e = Point3::zeros();
                e[axis] = sign;
                let s = self.project(&e);
                let len = s.norm();
                // Cosine of the angle on screen; an axis seen end-on (len ≈ 0) never wins.
                let score = if len > 1e-6 { (s.x * dx + s.y * dy) / len } else { f64::NEG_INFINITY };
                if score > best.0 {
                    best = (score, e);
                }
            }
        }
        best.1
    }

    /// A short description for the orbit control, e.g. `azimuth 35°, elevation 25°`.
    pub fn describe(&self) -> String {
        format!("azimuth {}°, elevation {}°", fixed(self.yaw.to_degrees(), 0), fixed(self.pitch.to_degrees(), 0))
    }
}

/// One thing to draw in space.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape3 {
    /// An arrow from `from` to `to`, with an optional label near its tip.
    Arrow { from: Point3, to: Point3, stroke: Stroke, label: Option<String> },
    /// An open polyline.
    Polyline { points: Vec<Point3>, stroke: Stroke },
    /// A polygon, filled and/or outlined (flat in space for a faithful picture).
    Polygon { points: Vec<Point3>, fill: Option<Fill>, stroke: Option<Stroke> },
    /// The line through the origin along `direction`, drawn `reach` far each way, with an optional
    /// label at its upper end (kept inside the fitted view, unlike a plane line's edge label).
    Line { direction: Point3, reach: f64, stroke: Stroke, label: Option<String> },
    /// A dot of `radius` CSS px.
    Dot { at: Point3, role: Role, radius: f64 },
    /// A text label (always drawn on top, so it stays readable).
    Label { at: Point3, text: String, role: Role },
    /// The outline of the image of the unit sphere under `map` as the viewer sees it (the
    /// ellipse that is its silhouette), filled lightly.
    Silhouette { map: Matrix3<f64>, stroke: Stroke, fill: Option<Fill> },
}

/// A 3-D figure: shapes in space, in no particular order (depth decides what is on top).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Space {
    /// The shapes.
    pub shapes: Vec<Shape3>,
}

impl Space {
    /// Adds a shape.
    pub fn push(&mut self, shape: Shape3) {
        self.shapes.push(shape);
    }

    /// Adds an arrow from the origin (an empty label is none).
    pub fn arrow(&mut self, to: Point3, stroke: Stroke, label: impl Into<String>) {
        self.arrow_from(Point3::zeros(), to, stroke, label);
    }

    /// Adds an arrow between two points (an empty label is none).
    pub fn arrow_from(&mut self, from: Point3, to: Point3, stroke: Stroke, label: impl Into<String>) {
        let label = label.into();
        self.shapes.push(Shape3::Arrow { from, to, stroke, label: (!label.is_empty()).then_some(label) });
    }

    /// Adds a label.
    pub fn label(&mut self, at: Point3, text: impl Into<String>, role: Role) {
        self.shapes.push(Shape3::Label { at, text: text.into(), role });
    }

    /// The three axes from −`reach` to `reach`, labelled x, y, z at their positive ends, and a light
    /// grid on the xy-plane at a round step (at most a dozen lines each way).
    pub fn axes_and_ground(&mut self, reach: f64) {
        let reach = if reach.is_finite() && reach > 0.0 { reach } else { 1.0 };
        let step = nice_step(2.0 * reach / MAX_GRID_LINES).max(f64::MIN_POSITIVE);
        let count = clamp((reach / step).floor(), 0.0, MAX_GRID_LINES) as i64;
        let edge = count as f64 * step;
        // Integer counters: far from 0, `k += step` could stop changing k.
        for i in -count..=count {
            let k = i as f64 * step;
            if i == 0 {
                continue;
            }
            let grid = Stroke::solid(Role::Grid, 0.75);
            self.shapes.push(Shape3::Polyline { points: vec![Point3::new(k, -edge, 0.0), Point3::new(k, edge, 0.0)], stroke: grid });
            self.shapes.push(Shape3::Polyline { points: vec![Point3::new(-edge, k, 0.0), Point3::new(edge, k, 0.0)], stroke: grid });
        }
        for (axis, name) in ["x", "y", "z"].iter().enumerate() {
            let mut end = Point3::zeros();
            end[axis] = reach;
            self.shapes.push(Shape3::Polyline { points: vec![-end, end], stroke: Stroke::solid(Role::Axis, 1.25) });
            self.label(end * 1.08, *name, Role::Axis);
        }
    }

    /// The image of the unit sphere under `map`: its silhouette (filled lightly) and the images of
    /// the three great circles in the coordinate planes (the equator solid, the others dotted).
    pub fn ellipsoid(&mut self, map: &Matrix3<f64>, role: Role) {
        self.shapes.push(Shape3::Silhouette { map: *map, stroke: Stroke::solid(role, 2.0), fill: Some(Fill { role, alpha: 0.08 }) });
        for (a, b) in [(0, 1), (1, 2), (2, 0)] {
            let points = circle(a, b).into_iter().map(|p| map * p).collect();
            let stroke = if a == 0 { Stroke::solid(role, 1.25) } else { Stroke::dotted(role, 1.25) };
            self.shapes.push(Shape3::Polygon { points, fill: None, stroke: Some(stroke) });
        }
    }

    /// The unit sphere as a ghost: its three great circles, dotted.
    pub fn unit_sphere(&mut self) {
        for (a, b) in [(0, 1), (1, 2), (2, 0)] {
            self.shapes.push(Shape3::Polygon { points: circle(a, b), fill: None, stroke: Some(Stroke::dotted(Role::Ghost, 1.25)) });
        }
    }

    /// A square patch of the plane spanned by `u` and `v`, of half-width `reach`, tinted in `role`
    /// with a few lines along the plane. Nothing when `u` and `v` do not span a plane.
    pub fn plane_patch(&mut self, u: &Point3, v: &Point3, reach: f64, role: Role) {
        self.plane_patch_through(&Point3::zeros(), u, v, reach, role);
    }

    /// [`Space::plane_patch`] moved to be centred on `centre` (the plane through `centre` along `u`, `v`).
    pub fn plane_patch_through(&mut self, centre: &Point3, u: &Point3, v: &Point3, reach: f64, role: Role) {
        let Some((e1, e2)) = plane_basis(u, v) else { return };
        let r = if reach.is_finite() && reach > 0.0 { reach } else { 1.0 };
        let corners = [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)];
        // Split in four quadrants so depth sorting can put parts of it behind and parts in front.
        for (sx, sy) in corners {
            let points = [(0.0, 0.0), (sx, 0.0), (sx, sy), (0.0, sy)].iter().map(|(a, b)| centre + (e1 * *a + e2 * *b) * r).collect();
            self.shapes.push(Shape3::Polygon { points, fill: Some(Fill { role, alpha: 0.14 }), stroke: None });
        }
        let outline = corners.iter().map(|(a, b)| centre + (e1 * *a + e2 * *b) * r).collect();
        self.shapes.push(Shape3::Polygon { points: outline, fill: None, stroke: Some(Stroke::solid(role, 1.0)) });
    }

    /// The half-widths (x, y) of the smallest box centred on the origin that holds the figure as
    /// `camera` sees it (at least 1 each): what Fit shows, with the origin (the orbit's centre) in
    /// the middle.
    pub fn half_extent(&self, camera: &Camera) -> World {
        let mut half = World::new(1.0, 1.0);
        self.each_point(|p| {
            let w = camera.project(p);
            if w.iter().all(|x| x.is_finite()) {
                half = half.sup(&w.abs());
            }
        });
        half
    }

    /// Calls `see` with every point of the figure (the silhouette's by a bounding box corner).
    fn each_point(&self, mut see: impl FnMut(&Point3)) {
        for s in &self.shapes {
            match s {
                Shape3::Arrow { from, to, .. } => {
                    see(from);
                    see(to);
                }
                Shape3::Polyline { points, .. } | Shape3::Polygon { points, .. } => points.iter().for_each(&mut see),
                Shape3::Dot { at, .. } | Shape3::Label { at, .. } => see(at),
                Shape3::Line { direction, reach, .. } => {
                    if direction.norm() > 0.0 {
                        see(&(direction.normalize() * *reach * LINE_LABEL_AT));
                        see(&(direction.normalize() * -*reach));
                    }
                }
                Shape3::Silhouette { map, .. } => {
                    // The image of the unit sphere lies inside the box with half-widths = row norms.
                    let rows = Point3::from_fn(|r, _| map.row(r).norm());
                    for corner in 0..8 {
                        see(&rows.component_mul(&Point3::new(
                            if corner & 1 == 0 { 1.0 } else { -1.0 },
                            if corner & 2 == 0 { 1.0 } else { -1.0 },
                            if corner & 4 == 0 { 1.0 } else { -1.0 },
                        )));
                    }
                }
            }
        }
    }

    /// The figure as the camera sees it: plane shapes sorted back to front, labels on top.
    pub fn project(&self, camera: &Camera) -> Scene {
        let mut sorted: Vec<(f64, Shape)> = Vec::with_capacity(self.shapes.len());
        let mut labels = Vec::new();
        for s in &self.shapes {
            match s {
                Shape3::Arrow { from, to, stroke, label } if finite(&[*from, *to]) => sorted.push((
                    camera.depth(&((from + to) / 2.0)),
                    Shape::Arrow { from: camera.project(from), to: camera.project(to), stroke: *stroke, label: label.clone() },
                )),
                Shape3::Polyline { points, stroke } if finite(points) && !points.is_empty() => sorted.push((
                    mean_depth(camera, points),
                    Shape::Polyline { points: points.iter().map(|p| camera.project(p)).collect(), stroke: *stroke },
                )),
                Shape3::Polygon { points, fill, stroke } if finite(points) && !points.is_empty() => sorted.push((
                    mean_depth(camera, points),
                    Shape::Polygon { points: points.iter().map(|p| camera.project(p)).collect(), fill: *fill, stroke: *stroke },
                )),
                Shape3::Line { direction, reach, stroke, label }
                    if finite(&[*direction]) && reach.is_finite() && direction.norm() > 0.0 =>
                {
                    // The label goes at the upper end (or the +y end of a level line).
                    let d = direction.normalize();
                    let d = if d.z < 0.0 || (d.z == 0.0 && d.y < 0.0) { -d } else { d };
                    let (a, b) = (-d * *reach, d * *reach);
                    if camera.project(&(b - a)).norm() > 1e-9 * reach {
                        sorted.push((0.0, Shape::Polyline { points: vec![camera.project(&a), camera.project(&b)], stroke: *stroke }));
                    } else {
                        // Seen end-on, a line is a point.
                        sorted.push((0.0, Shape::Dot { at: World::zeros(), role: stroke.role, radius: stroke.width + 2.0 }));
                    }
                    if let Some(text) = label {
                        labels.push(Shape::Label { at: camera.project(&(b * LINE_LABEL_AT)), text: text.clone(), role: stroke.role });
                    }
                }
                Shape3::Dot { at, role, radius } if finite(&[*at]) => {
                    sorted.push((camera.depth(at), Shape::Dot { at: camera.project(at), role: *role, radius: *radius }))
                }
                Shape3::Label { at, text, role } if finite(&[*at]) => {
                    labels.push(Shape::Label { at: camera.project(at), text: text.clone(), role: *role })
                }
                Shape3::Silhouette { map, stroke, fill } if map.iter().all(|x| x.is_finite()) => {
                    if let Some(outline) = silhouette(camera, map) {
                        let points = (0..CIRCLE_SAMPLES)
                            .map(|i| {
                                let t = i as f64 * TAU / CIRCLE_SAMPLES as f64;
                                outline * World::new(t.cos(), t.sin())
                            })
                            .collect();
                        // Behind everything at the centre's depth: nearer halves of arrows stay on top.
                        sorted.push((0.0, Shape::Polygon { points, fill: *fill, stroke: Some(*stroke) }));
                    }
                }
                _ => {}
            }
        }
        // Stable: shapes at equal depth keep the chapter's order.
        crate::math::order::sort_by(&mut sorted, |a, b| a.0.total_cmp(&b.0));
        let mut scene = Scene::default();
        scene.shapes.extend(sorted.into_iter().map(|(_, s)| s));
        scene.shapes.extend(labels);
        scene
    }
}

fn finite(points: &[Point3]) -> bool {
    points.iter().all(|p| p.iter().all(|x| x.is_finite()))
}

fn mean_depth(camera: &Camera, points: &[Point3]) -> f64 {
    points.iter().map(|p| camera.depth(p)).sum::<f64>() / points.len().max(1) as f64
}

/// The unit circle in the plane of coordinates `a` and `b`.
fn circle(a: usize, b: usize) -> Vec<Point3> {
    (0..CIRCLE_SAMPLES)
        .map(|i| {
            let t = i as f64 * TAU / CIRCLE_SAMPLES as f64;
            let mut p = Point3::zeros();
            p[a] = t.cos();
            p[b] = t.sin();
            p
        })
        .collect()
}

/// An orthonormal basis of the plane spanned by `u` and `v` (Gram–Schmidt on the longer one
/// first), or `None` when they are (nearly) parallel or not finite.
pub fn plane_basis(u: &Point3, v: &Point3) -> Option<(Point3, Point3)> {
    let (a, b) = if u.norm() >= v.norm() { (u, v) } else { (v, u) };
    let scale = a.amax();
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    // Scaled to entries ≤ 1 so squares neither overflow nor underflow.
    let (a, b) = (a / scale, b / scale);
    let e1 = a.normalize();
    let rest = b - e1 * e1.dot(&b);
    (rest.norm() > 1e-9 * b.norm().max(f64::MIN_POSITIVE) && rest.norm() > 1e-12).then(|| (e1, rest.normalize()))
}

/// The 2×2 map L with L·(unit circle) = the projected outline of `map`·(unit sphere): for the
/// 2×3 product P = projection·map, the outline is {y : yᵀ(PPᵀ)⁻¹y = 1}, so L = (PPᵀ)^½.
fn silhouette(camera: &Camera, map: &Matrix3<f64>) -> Option<Matrix2<f64>> {
    let (r, u) = camera.rows();
    let scale = map.amax();
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    let m = map / scale;
    let (pr, pu) = (m.transpose() * r, m.transpose() * u);
    let g = Matrix2::new(pr.dot(&pr), pr.dot(&pu), pu.dot(&pr), pu.dot(&pu));
    // The symmetric square root of a 2×2 positive semidefinite matrix, in closed form.
    let det = (g[(0, 0)] * g[(1, 1)] - g[(0, 1)] * g[(1, 0)]).max(0.0);
    let s = det.sqrt();
    let t = (g.trace() + 2.0 * s).sqrt();
    if !(t > 0.0 && t.is_finite()) {
        return None;
    }
    let root = (g + Matrix2::identity() * s) / t * scale;
    root.iter().all(|x| x.is_finite()).then_some(root)
}

#[cfg(test)]
mod tests;
