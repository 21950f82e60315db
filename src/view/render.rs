//! Turns a [`Scene`] into painter calls through a [`Viewport`]. The only drawing logic; the painter
//! only knows screen-space paths and text, so a recording painter can check a figure in native tests.

use super::labels::{separate, PlacedLabel};
use super::scene::{Align, Fill, GreyImage, HeatMap, Role, Scene, Shape, Stroke};
use super::viewport::{nice_step, Screen, Viewport, World};
use crate::format::display_number;
use crate::math::small::{det_2x2, inverse_2x2};
use nalgebra::Matrix2;

/// A drawing surface in CSS-pixel screen coordinates: the one trait every backend implements.
pub trait Painter {
    /// Clears the whole surface.
    fn clear(&mut self);
    /// Draws a polyline (closed: a polygon), filled and/or stroked.
    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>);
    /// Draws a circle; by default as a 32-gon through [`Painter::path`].
    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        let points: Vec<Screen> = (0..32)
            .map(|i| {
                let a = i as f64 * std::f64::consts::TAU / 32.0;
                Screen { x: center.x + radius * a.cos(), y: center.y + radius * a.sin() }
            })
            .collect();
        self.path(&points, true, fill, stroke);
    }
    /// Draws a one-line text.
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align);
    /// Draws a greyscale picture into the screen rectangle from `top_left` to `bottom_right`, pixels as
    /// sharp squares. By default only outlines the rectangle (a backend that can draw pixels should).
    fn image(&mut self, top_left: Screen, bottom_right: Screen, _image: &GreyImage) {
        let corners = [top_left, Screen { x: bottom_right.x, y: top_left.y }, bottom_right, Screen { x: top_left.x, y: bottom_right.y }];
        self.path(&corners, true, None, Some(Stroke::solid(Role::Grid, 1.0)));
    }
    /// Draws a signed heat map stretched over the screen rectangle from `top_left` to `bottom_right`,
    /// each value at its cell's centre, blended smoothly between them. By default nothing (a painter
    /// that only collects lines or text); every backend that draws pixels does.
    fn heat(&mut self, _top_left: Screen, _bottom_right: Screen, _heat: &HeatMap) {}
    /// Fills squares of side `size` centred on `centers`; by default each through [`Painter::path`]
    /// (a backend should draw them as one path).
    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        let h = size / 2.0;
        for c in centers {
            let corners = [(-h, -h), (h, -h), (h, h), (-h, h)].map(|(dx, dy)| Screen { x: c.x + dx, y: c.y + dy });
            self.path(&corners, true, Some(fill), None);
        }
    }
    /// Starts the base layer: until [`Painter::end_base`], drawing goes into a picture the painter
    /// keeps (cleared first) instead of onto the surface. Returns false when the painter keeps no
    /// pictures (the default); then nothing changes and the caller draws everything directly.
    fn begin_base(&mut self) -> bool {
        false
    }
    /// Ends the base layer: drawing goes onto the surface again.
    fn end_base(&mut self) {}
    /// Replaces the whole surface with the kept base layer, in place of [`Painter::clear`]. Returns
    /// false (and changes nothing) when there is none, or it no longer fits the surface (a new size,
    /// new colours).
    fn clear_to_base(&mut self) -> bool {
        false
    }
}

/// What [`render_layered`] keeps between frames: the last frame's shapes, handle rings and view, and
/// how many of the leading shapes the painter's base layer holds.
#[derive(Debug, Default)]
pub struct Layers {
    shapes: Vec<Shape>,
    handles: Vec<HandleMark>,
    view: Option<Viewport>,
    /// The leading shapes drawn into the painter's base layer (0: none kept).
    base: usize,
}

impl Layers {
    /// Forgets the last frame (the painter's surface was changed by someone else, or its colours).
    pub fn reset(&mut self) {
        *self = Layers::default();
    }
}

/// Draws a frame like [`render`], redrawing only what changed since the last one: nothing at all when
/// the shapes, handle rings and view are the same; otherwise the leading shapes that stayed the same
/// (the grid, the axes, a cloud of points that is not being dragged) come from the painter's base
/// layer in one copy, and only the shapes after them, every label and the rings are drawn again.
/// Returns whether the surface was touched. Takes the scene to keep it for the next frame's
/// comparison.
pub fn render_layered(scene: Scene, handles: &[HandleMark], view: &Viewport, painter: &mut dyn Painter, layers: &mut Layers) -> bool {
    let same_view = layers.view.as_ref() == Some(view);
    if same_view && layers.shapes == scene.shapes && layers.handles == handles {
        return false;
    }
    let stable = if same_view { scene.shapes.iter().zip(&layers.shapes).take_while(|(a, b)| a == b).count() } else { 0 };
    // The kept base still shows exactly the first `layers.base` shapes; else keep the stable ones.
    let mut base = if layers.base > 0 && layers.base <= stable && painter.clear_to_base() { layers.base } else { 0 };
    if base == 0 && stable > 0 && painter.begin_base() {
        let mut labels = Vec::new();
        draw_shapes(&scene.shapes[..stable], view, painter, &mut labels);
        painter.end_base();
        if painter.clear_to_base() {
            base = stable;
        }
    }
    if base == 0 {
        painter.clear();
    }
    let mut labels = Vec::new();
    // The base's labels are drawn with the others (they move apart together); its geometry is not.
    draw_shapes(&scene.shapes[..base], view, &mut Labels, &mut labels);
    draw_shapes(&scene.shapes[base..], view, painter, &mut labels);
    draw_labels_and_rings(labels, handles, view, painter);
    *layers = Layers { shapes: scene.shapes, handles: handles.to_vec(), view: Some(*view), base };
    true
}

/// A painter that draws nothing: the labels of shapes already on the surface are collected through it.
struct Labels;

impl Painter for Labels {
    fn clear(&mut self) {}
    fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {}
    fn circle(&mut self, _: Screen, _: f64, _: Option<Fill>, _: Option<Stroke>) {}
    fn text(&mut self, _: Screen, _: &str, _: Role, _: Align) {}
    fn image(&mut self, _: Screen, _: Screen, _: &GreyImage) {}
    fn squares(&mut self, _: &[Screen], _: f64, _: Fill) {}
}

/// A draggable point as the figure shows it: a ring at its position.
#[derive(Debug, Clone, PartialEq)]
pub struct HandleMark {
    /// Where it is, in world units.
    pub at: World,
    /// Its colour.
    pub role: Role,
    /// Whether it has keyboard focus or is being dragged (drawn larger).
    pub active: bool,
}

/// Most lattice lines drawn per direction (a safety bound; the gap rule below normally thins first).
const MAX_LINES: f64 = 400.0;

/// Draws `scene`, then its labels (moved apart where they would overlap, see [`separate`]) and the
/// handle rings on top.
pub fn render(scene: &Scene, handles: &[HandleMark], view: &Viewport, painter: &mut dyn Painter) {
    painter.clear();
    let mut labels = Vec::new();
    draw_shapes(&scene.shapes, view, painter, &mut labels);
    draw_labels_and_rings(labels, handles, view, painter);
}

/// Draws shapes, collecting their labels.
fn draw_shapes(shapes: &[Shape], view: &Viewport, painter: &mut dyn Painter, labels: &mut Vec<PlacedLabel>) {
    for shape in shapes {
        match shape {
            Shape::Lattice { map, stroke } => lattice(map, *stroke, view, painter),
            Shape::Axes => axes(view, painter),
            Shape::Arrow { from, to, stroke, label } => arrow(*from, *to, *stroke, label.as_deref(), view, painter, labels),
            Shape::Polygon { points, fill, stroke } => {
                let pts: Vec<Screen> = points.iter().map(|p| view.to_screen(*p)).collect();
                painter.path(&pts, true, *fill, *stroke);
            }
            Shape::Polyline { points, stroke } => {
                let pts: Vec<Screen> = points.iter().map(|p| view.to_screen(*p)).collect();
                painter.path(&pts, false, None, Some(*stroke));
            }
            Shape::Line { through, direction, stroke, label } => {
                infinite_line(*through, *direction, *stroke, label.as_deref(), view, painter, labels)
            }
            Shape::Dot { at, role, radius } => painter.circle(view.to_screen(*at), *radius, Some(Fill { role: *role, alpha: 1.0 }), None),
            Shape::Label { at, text, role } => {
                labels.push(PlacedLabel { at: view.to_screen(*at), text: text.clone(), role: *role, align: Align::Center })
            }
            Shape::Points { at, role, size, alpha } => points(at, Fill { role: *role, alpha: *alpha }, *size, view, painter),
            Shape::Image { min, max, image } => {
                if image.pixels.len() == image.width * image.height && image.width > 0 && image.height > 0 {
                    painter.image(view.to_screen(World::new(min.x, max.y)), view.to_screen(World::new(max.x, min.y)), image);
                }
            }
            Shape::QuadraticField { form, positive, negative, alpha } => {
                quadratic_field(form, (*positive, *negative), *alpha, view, painter)
            }
        }
    }
}

/// Draws the labels (moved apart, see [`separate`]) and the handle rings on top.
fn draw_labels_and_rings(mut labels: Vec<PlacedLabel>, handles: &[HandleMark], view: &Viewport, painter: &mut dyn Painter) {
    let rings: Vec<Screen> = handles.iter().map(|h| view.to_screen(h.at)).collect();
    separate(&mut labels, &rings, view.height);
    for l in &labels {
        painter.text(l.at, &l.text, l.role, l.align);
    }
    for h in handles {
        let r = if h.active { 9.0 } else { 7.0 };
        painter.circle(view.to_screen(h.at), r, Some(Fill { role: h.role, alpha: 0.25 }), Some(Stroke::solid(h.role, 2.0)));
    }
}

/// Most cells of the grid that keeps one point per screen pixel (a larger canvas uses coarser cells).
const MAX_POINT_CELLS: f64 = 4_194_304.0;

/// Draws many points as squares, skipping those off the view and all but the first in each pixel:
/// 100 000 points of a dense cloud cost a few thousand squares, drawn in one call.
fn points(at: &[World], fill: Fill, size: f64, view: &Viewport, painter: &mut dyn Painter) {
    let (width, height) = (view.width.max(1.0), view.height.max(1.0));
    let cell = (width * height / MAX_POINT_CELLS).sqrt().ceil().max(1.0);
    let (columns, rows) = ((width / cell).ceil() as usize, (height / cell).ceil() as usize);
    let mut taken = vec![false; columns * rows];
    let mut centers = Vec::new();
    for p in at {
        let s = view.to_screen(*p);
        if !(s.x >= 0.0 && s.y >= 0.0 && s.x < width && s.y < height) {
            continue;
        }
        let index = (s.y / cell) as usize * columns + (s.x / cell) as usize;
        if let Some(slot) = taken.get_mut(index) {
            if !*slot {
                *slot = true;
                centers.push(s);
            }
        }
    }
    painter.squares(&centers, size, fill);
}

/// Side of a heat map's cells in CSS px (the painter blends between them).
const HEAT_CELL_PX: f64 = 4.0;
/// Most heat-map cells along either side of the view.
const MAX_HEAT_CELLS: f64 = 320.0;

/// Samples xᵀ·form·x at the centre of every cell of the view and hands the grid to the painter as
/// sign(f)·√(|f| / largest |f| in view): f grows with the square of the distance, so the colour then
/// deepens evenly along every ray. Nothing for a zero or non-finite form.
fn quadratic_field(form: &Matrix2<f64>, (positive, negative): (Role, Role), alpha: f64, view: &Viewport, painter: &mut dyn Painter) {
    let big = form.amax();
    let (lo, hi) = view.world_bounds();
    // In units of the form's largest entry and the view's reach, so no sample overflows.
    let reach = lo.amax().max(hi.amax());
    if !(big > 0.0 && big.is_finite() && reach > 0.0 && reach.is_finite()) {
        return;
    }
    let form = form / big;
    let (width, height) = (view.width.max(1.0), view.height.max(1.0));
    let columns = (width / HEAT_CELL_PX).ceil().clamp(1.0, MAX_HEAT_CELLS) as usize;
    let rows = (height / HEAT_CELL_PX).ceil().clamp(1.0, MAX_HEAT_CELLS) as usize;
    let (cell_w, cell_h) = (width / columns as f64, height / rows as f64);
    let mut values = Vec::with_capacity(columns * rows);
    for r in 0..rows {
        for c in 0..columns {
            let p = view.to_world(Screen { x: (c as f64 + 0.5) * cell_w, y: (r as f64 + 0.5) * cell_h }) / reach;
            values.push(p.dot(&(form * p)));
        }
    }
    let peak = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if !(peak > 0.0 && peak.is_finite()) {
        return;
    }
    let values = values.iter().map(|v| (v.signum() * (v.abs() / peak).sqrt()) as f32).collect();
    let heat = HeatMap { width: columns, height: rows, values, positive, negative, alpha };
    painter.heat(Screen { x: 0.0, y: 0.0 }, Screen { x: width, y: height }, &heat);
}

/// Least distance between two drawn lattice lines, in CSS px: denser lattices are thinned to round steps.
const MIN_LINE_GAP_PX: f64 = 18.0;

fn lattice(map: &Matrix2<f64>, stroke: Stroke, view: &Viewport, painter: &mut dyn Painter) {
    let det = det_2x2(map);
    let (c1, c2) = (map.column(0).norm(), map.column(1).norm());
    // A (nearly) singular map folds the plane onto a line: there is no lattice left to draw.
    if !(det.is_finite() && det.abs() > 1e-9 * (c1 * c2).max(1e-300)) {
        return;
    }
    let Some(inv) = inverse_2x2(map) else { return };
    let (lo, hi) = view.world_bounds();
    // Which lattice coordinates reach the visible rectangle: the preimage of its corners.
    let corners = [lo, hi, World::new(lo.x, hi.y), World::new(hi.x, lo.y)].map(|c| inv * c);
    let klo = corners.iter().fold(World::repeat(f64::INFINITY), |a, c| a.inf(c));
    let khi = corners.iter().fold(World::repeat(f64::NEG_INFINITY), |a, c| a.sup(c));
    // Lines of constant first coordinate are |det| / |M e₂| apart in the world, and vice versa.
    let gap = [det.abs() / c2 * view.scale, det.abs() / c1 * view.scale];
    let steps = gap.map(|g| nice_step(MIN_LINE_GAP_PX / g).max(1.0));
    for axis in 0..2 {
        let step = steps[axis];
        let (from, to) = (klo[axis], khi[axis]);
        let count = ((to - from) / step).ceil() + 2.0;
        if !(count.is_finite() && count <= MAX_LINES) {
            continue;
        }
        let other = 1 - axis;
        let (o_lo, o_hi) = (klo[other] - steps[other], khi[other] + steps[other]);
        let first = (from / step).floor();
        // Count with an integer: far from the origin `k += step` can stop changing k (1e20 + 1 == 1e20).
        for i in 0..count as usize {
            let k = (first + i as f64) * step;
            let mut a = World::zeros();
            let mut b = World::zeros();
            a[axis] = k;
            b[axis] = k;
            a[other] = o_lo;
            b[other] = o_hi;
            line(map * a, map * b, stroke, view, painter);
        }
    }
}

fn line(a: World, b: World, stroke: Stroke, view: &Viewport, painter: &mut dyn Painter) {
    painter.path(&[view.to_screen(a), view.to_screen(b)], false, None, Some(stroke));
}

/// Draws the visible part of a line (nothing for a zero or non-finite direction); its label goes to `labels`.
fn infinite_line(
    through: World,
    direction: World,
    stroke: Stroke,
    label: Option<&str>,
    view: &Viewport,
    painter: &mut dyn Painter,
    labels: &mut Vec<PlacedLabel>,
) {
    let len = direction.norm();
    if !(len > 0.0 && len.is_finite() && through.iter().all(|x| x.is_finite())) {
        return;
    }
    let d = direction / len;
    let (lo, hi) = view.world_bounds();
    // Long enough to cross the whole view from the point nearest its centre.
    let reach = (hi - lo).norm() + (through - view.center).norm();
    let mid = through + d * d.dot(&(view.center - through));
    let (a, b) = (mid - d * reach, mid + d * reach);
    line(a, b, stroke, view, painter);
    if let Some(text) = label {
        // Near the edge of the view, where the line leaves it.
        let inside = (0..40)
            .map(|i| mid + d * (reach * i as f64 / 40.0))
            .take_while(|p| p.x > lo.x && p.x < hi.x && p.y > lo.y && p.y < hi.y)
            .last();
        if let Some(at) = inside {
            let s = view.to_screen(at);
            let at = Screen { x: s.x - 6.0, y: s.y - 6.0 };
            labels.push(PlacedLabel { at, text: text.into(), role: stroke.role, align: Align::Right });
        }
    }
}

fn axes(view: &Viewport, painter: &mut dyn Painter) {
    let (lo, hi) = view.world_bounds();
    let axis = Stroke::solid(Role::Axis, 1.25);
    line(World::new(lo.x, 0.0), World::new(hi.x, 0.0), axis, view, painter);
    line(World::new(0.0, lo.y), World::new(0.0, hi.y), axis, view, painter);
    let step = view.grid_step(56.0);
    // Keep labels inside the canvas when the axis itself is scrolled out of view.
    let origin = view.to_screen(World::zeros());
    let label_y = origin.y.clamp(4.0, view.height - 18.0) + 14.0;
    let label_x = origin.x.clamp(24.0, view.width - 4.0) - 5.0;
    // Integer counters (bounded by the canvas size): far from the origin `k += 1.0` can stall.
    let ticks = |from: f64, to: f64| {
        let first = (from / step).ceil();
        let count = ((to - from) / step).floor().clamp(0.0, 200.0) as usize + 1;
        (0..count).map(move |i| (first + i as f64) * step).filter(move |v| *v <= to && *v != 0.0)
    };
    for x in ticks(lo.x, hi.x) {
        let s = view.to_screen(World::new(x, 0.0));
        painter.text(Screen { x: s.x, y: label_y.min(view.height - 4.0) }, &display_number(x), Role::Axis, Align::Center);
    }
    for y in ticks(lo.y, hi.y) {
        let s = view.to_screen(World::new(0.0, y));
        painter.text(Screen { x: label_x, y: s.y + 4.0 }, &display_number(y), Role::Axis, Align::Right);
    }
}

/// Draws an arrow; its label goes to `labels`.
fn arrow(
    from: World,
    to: World,
    stroke: Stroke,
    label: Option<&str>,
    view: &Viewport,
    painter: &mut dyn Painter,
    labels: &mut Vec<PlacedLabel>,
) {
    let a = view.to_screen(from);
    let b = view.to_screen(to);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx.hypot(dy);
    if len < 0.5 {
        painter.circle(b, stroke.width + 1.0, Some(Fill { role: stroke.role, alpha: 1.0 }), None);
    } else {
        let (ux, uy) = (dx / len, dy / len);
        let head = (6.0 + 2.5 * stroke.width).min(len * 0.45);
        let base = Screen { x: b.x - ux * head, y: b.y - uy * head };
        painter.path(&[a, base], false, None, Some(stroke));
        let half = head * 0.5;
        let wing1 = Screen { x: base.x - uy * half, y: base.y + ux * half };
        let wing2 = Screen { x: base.x + uy * half, y: base.y - ux * half };
        painter.path(&[b, wing1, wing2], true, Some(Fill { role: stroke.role, alpha: 1.0 }), None);
    }
    if let Some(text) = label {
        // Beside the tip, pushed outwards along the arrow so it does not sit on the line.
        let (ux, uy) = if len < 0.5 { (0.7, -0.7) } else { (dx / len, dy / len) };
        let at = Screen { x: b.x + ux * 14.0 + if ux >= 0.0 { 4.0 } else { -4.0 }, y: b.y + uy * 14.0 + 4.0 };
        let align = if ux >= 0.0 { Align::Left } else { Align::Right };
        labels.push(PlacedLabel { at, text: text.into(), role: stroke.role, align });
    }
}

/// One path as a [`Recording`] saw it: (points, closed, fill role, stroke role).
pub type RecordedPath = (Vec<Screen>, bool, Option<Role>, Option<Role>);

/// A painter that records what it was asked to draw, for native tests of figures.
#[derive(Debug, Default)]
pub struct Recording {
    /// Every path drawn.
    pub paths: Vec<RecordedPath>,
    /// Every text drawn.
    pub texts: Vec<(Screen, String, Role)>,
    /// How many times the surface was cleared.
    pub clears: usize,
    /// Every picture drawn: its screen rectangle (top left, bottom right) and the picture.
    pub images: Vec<(Screen, Screen, GreyImage)>,
    /// Every heat map drawn: its screen rectangle (top left, bottom right) and the samples.
    pub heats: Vec<(Screen, Screen, HeatMap)>,
}

impl Painter for Recording {
    fn clear(&mut self) {
        self.clears += 1;
    }
    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.paths.push((points.to_vec(), closed, fill.map(|f| f.role), stroke.map(|s| s.role)));
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, _align: Align) {
        self.texts.push((at, text.to_string(), role));
    }
    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &GreyImage) {
        self.images.push((top_left, bottom_right, image.clone()));
    }
    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        self.heats.push((top_left, bottom_right, heat.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_square_under_a_lands_on_its_columns() {
        let view = Viewport::default();
        let a = Matrix2::new(2.0, 3.0, 6.0, 5.0);
        let mut scene = Scene::default();
        scene.unit_square(&a, Role::Image, 0.2);
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        let (pts, closed, fill, _) = &rec.paths[0];
        assert!(*closed && *fill == Some(Role::Image));
        let want = [(0.0, 0.0), (2.0, 6.0), (5.0, 11.0), (3.0, 5.0)].map(|(x, y)| view.to_screen(World::new(x, y)));
        assert_eq!(pts.as_slice(), &want);
    }

    #[test]
    fn singular_maps_draw_no_lattice() {
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::new(1.0, 2.0, 2.0, 4.0), stroke: Stroke::solid(Role::Grid, 1.0) });
        let mut rec = Recording::default();
        render(&scene, &[], &Viewport::default(), &mut rec);
        assert!(rec.paths.is_empty());
    }

    #[test]
    fn lattice_line_count_stays_bounded_for_any_map() {
        let view = Viewport { scale: 0.5, ..Viewport::default() };
        for map in
            [Matrix2::identity(), Matrix2::new(1e-9, 0.0, 0.0, 1e-9), Matrix2::new(1.0, 2.0, 2.0, 4.001), Matrix2::new(1e6, 0.0, 3.0, 1e-6)]
        {
            let mut scene = Scene::default();
            scene.push(Shape::Lattice { map, stroke: Stroke::solid(Role::Grid, 1.0) });
            let mut rec = Recording::default();
            render(&scene, &[], &view, &mut rec);
            assert!(rec.paths.len() <= 2 * (MAX_LINES as usize + 8), "{} lines for {map}", rec.paths.len());
        }
        // Every drawn line pair is at least the minimum gap apart on screen.
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        let xs: Vec<f64> = rec.paths.iter().filter(|p| p.0[0].x == p.0[1].x).map(|p| p.0[0].x).collect();
        assert!(xs.len() > 3 && xs.windows(2).all(|w| w[1] - w[0] >= MIN_LINE_GAP_PX - 1e-9), "{xs:?}");
    }

    #[test]
    fn lines_cross_the_whole_view_and_circles_map_to_ellipses() {
        let view = Viewport::default();
        let mut scene = Scene::default();
        scene.push(Shape::Line {
            through: World::new(0.0, 1.0),
            direction: World::new(1.0, 0.0),
            stroke: Stroke::solid(Role::Grid, 1.0),
            label: None,
        });
        scene.push(Shape::Line { through: World::zeros(), direction: World::zeros(), stroke: Stroke::solid(Role::Grid, 1.0), label: None });
        scene.unit_circle(&Matrix2::new(3.0, 0.0, 0.0, 2.0), Stroke::solid(Role::Eigen, 1.0), None);
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        assert_eq!(rec.paths.len(), 2, "the zero-direction line is skipped");
        let (pts, ..) = &rec.paths[0];
        assert!(pts[0].x < 0.0 && pts[1].x > view.width && (pts[0].y - 160.0).abs() < 1e-9);
        let ellipse = &rec.paths[1].0;
        assert_eq!(ellipse.len(), crate::view::scene::CIRCLE_SAMPLES);
        assert_eq!(ellipse[0], view.to_screen(World::new(3.0, 0.0)));
    }

    #[test]
    fn far_from_the_origin_nothing_loops_forever() {
        // At 1e20, adding 1 to a coordinate no longer changes it: loops must count, not accumulate.
        for center in [1e20, -1e20, 1e300] {
            let view = Viewport { center: World::new(center, center), ..Viewport::default() };
            let mut scene = Scene::default();
            scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
            scene.push(Shape::Lattice { map: Matrix2::new(2.0, 1.0, 1.0, 3.0), stroke: Stroke::solid(Role::Grid, 1.0) });
            scene.push(Shape::Axes);
            let mut rec = Recording::default();
            render(&scene, &[], &view, &mut rec);
            assert!(rec.paths.len() + rec.texts.len() < 2000);
        }
    }

    #[test]
    fn many_points_draw_at_most_one_square_per_pixel_and_none_off_the_view() {
        let view = Viewport::default();
        let inside = view.to_world(Screen { x: 10.2, y: 20.7 });
        let twin = view.to_world(Screen { x: 10.6, y: 20.9 });
        let far = World::new(1e9, 0.0);
        let mut scene = Scene::default();
        scene.push(Shape::Points {
            at: vec![inside, twin, far, World::new(f64::NAN, 0.0), World::zeros()],
            role: Role::Data,
            size: 2.0,
            alpha: 1.0,
        });
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        assert_eq!(rec.paths.len(), 2, "{:?}", rec.paths);
        let (square, closed, fill, _) = &rec.paths[0];
        assert!(*closed && *fill == Some(Role::Data) && square.len() == 4);
        assert!((square[0].x - 9.2).abs() < 1e-9 && (square[2].y - 21.7).abs() < 1e-9, "{square:?}");
    }

    #[test]
    fn images_fill_their_world_rectangle_and_malformed_ones_are_skipped() {
        let view = Viewport::default();
        let image = GreyImage { width: 2, height: 1, pixels: vec![0, 255].into() };
        let mut scene = Scene::default();
        scene.push(Shape::Image { min: World::new(1.0, 2.0), max: World::new(3.0, 3.0), image: image.clone() });
        scene.push(Shape::Image { min: World::zeros(), max: World::new(1.0, 1.0), image: GreyImage { width: 3, ..image.clone() } });
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        assert_eq!(rec.images, vec![(view.to_screen(World::new(1.0, 3.0)), view.to_screen(World::new(3.0, 2.0)), image)]);
    }

    #[test]
    fn a_quadratic_field_is_sampled_over_the_view_with_its_sign() {
        let view = Viewport::default();
        let field = |form: Matrix2<f64>| {
            let mut scene = Scene::default();
            scene.push(Shape::QuadraticField { form, positive: Role::Image, negative: Role::Data, alpha: 0.3 });
            let mut rec = Recording::default();
            render(&scene, &[], &view, &mut rec);
            rec.heats
        };
        // x² − y²: positive left and right of the centre, negative above and below, largest |f| = 1.
        let heats = field(Matrix2::new(1.0, 0.0, 0.0, -1.0));
        let (top_left, bottom_right, heat) = &heats[0];
        assert_eq!((*top_left, *bottom_right), (Screen { x: 0.0, y: 0.0 }, Screen { x: view.width, y: view.height }));
        assert_eq!((heat.width, heat.height), (100, 100));
        let at = |c: usize, r: usize| heat.values[r * heat.width + c];
        assert!(at(99, 50) > 0.9 && at(0, 50) > 0.9 && at(50, 0) < -0.9 && at(50, 99) < -0.9);
        assert!(at(50, 50).abs() < 1e-3 && heat.values.iter().all(|v| v.abs() <= 1.0));
        // √ of f relative to the peak: at x = 2.55 (f = 6.5) against 4.95² − 0.05² = 24.5, about 0.515.
        assert!((f64::from(at(75, 50)) - (6.5_f64 / 24.5).sqrt()).abs() < 1e-6, "{}", at(75, 50));
        // Huge entries are scaled first; the zero form and non-finite ones draw nothing.
        let huge = field(Matrix2::new(1e308, 1e308, 1e308, 1e308));
        assert!(huge[0].2.values.iter().all(|v| v.is_finite() && *v >= 0.0));
        assert!(field(Matrix2::zeros()).is_empty() && field(Matrix2::new(f64::NAN, 0.0, 0.0, 1.0)).is_empty());
    }

    #[test]
    fn heat_colours_follow_the_sign_and_malformed_maps_give_nothing() {
        let heat = HeatMap { width: 3, height: 1, values: vec![1.0, -0.5, 0.0], positive: Role::Image, negative: Role::Data, alpha: 0.4 };
        assert_eq!(heat.rgba((200, 0, 0), (0, 0, 200)), vec![200, 0, 0, 102, 0, 0, 200, 51, 0, 0, 200, 0]);
        assert!(HeatMap { width: 2, ..heat }.rgba((0, 0, 0), (0, 0, 0)).is_empty());
    }

    /// A painter with a base layer that records which shapes went where.
    #[derive(Default)]
    struct Layered {
        in_base: bool,
        has_base: bool,
        /// Paths drawn into the base layer, and onto the surface, since the last look.
        base_paths: usize,
        paths: usize,
        texts: Vec<String>,
        clears: usize,
        copies: usize,
    }

    impl Painter for Layered {
        fn clear(&mut self) {
            self.clears += 1;
        }
        fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {
            if self.in_base {
                self.base_paths += 1;
            } else {
                self.paths += 1;
            }
        }
        fn text(&mut self, _: Screen, text: &str, _: Role, _: Align) {
            self.texts.push(text.to_string());
        }
        fn begin_base(&mut self) -> bool {
            self.in_base = true;
            true
        }
        fn end_base(&mut self) {
            self.in_base = false;
            self.has_base = true;
        }
        fn clear_to_base(&mut self) -> bool {
            self.copies += usize::from(self.has_base);
            self.has_base
        }
    }

    fn moving_scene(tip: f64) -> Scene {
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        scene.arrow(World::new(1.0, 2.0), Stroke::solid(Role::Basis1, 2.0), "a");
        scene.arrow(World::new(tip, 1.0), Stroke::solid(Role::Input, 2.0), "v");
        scene
    }

    #[test]
    fn a_layered_frame_redraws_only_what_changed() {
        let view = Viewport::default();
        let (mut painter, mut layers) = (Layered::default(), Layers::default());
        let ring = |x| [HandleMark { at: World::new(x, 1.0), role: Role::Input, active: true }];
        // The first frame draws everything directly.
        assert!(render_layered(moving_scene(3.0), &ring(3.0), &view, &mut painter, &mut layers));
        assert_eq!((painter.clears, painter.base_paths, painter.copies), (1, 0, 0));
        let full = painter.paths;
        // The same frame again draws nothing.
        assert!(!render_layered(moving_scene(3.0), &ring(3.0), &view, &mut painter, &mut layers));
        assert_eq!((painter.clears, painter.paths), (1, full));
        // The tip moves: the grid and the first arrow go into the base layer once…
        painter.paths = 0;
        assert!(render_layered(moving_scene(2.0), &ring(2.0), &view, &mut painter, &mut layers));
        let base = painter.base_paths;
        assert!(base > 10 && painter.copies == 1 && painter.clears == 1, "{base} {}", painter.copies);
        // …and later frames copy it and draw the moving arrow (shaft, head) and the ring: 3 paths.
        for tip in [1.0, 0.5] {
            painter.paths = 0;
            painter.texts.clear();
            assert!(render_layered(moving_scene(tip), &ring(tip), &view, &mut painter, &mut layers));
            assert_eq!((painter.paths, painter.base_paths), (3, base));
            // Every label is drawn again, the base's too (labels move apart together).
            assert!(painter.texts.contains(&"a".to_string()) && painter.texts.contains(&"v".to_string()));
        }
        // A new view redraws everything.
        painter.paths = 0;
        let zoomed = Viewport { scale: 50.0, ..view };
        assert!(render_layered(moving_scene(0.5), &ring(0.5), &zoomed, &mut painter, &mut layers));
        assert_eq!(painter.clears, 2);
        assert!(painter.paths > 10);
    }

    #[test]
    fn axes_are_labelled_with_round_numbers() {
        let mut rec = Recording::default();
        let mut scene = Scene::default();
        scene.push(Shape::Axes);
        render(&scene, &[], &Viewport::default(), &mut rec);
        let labels: Vec<&str> = rec.texts.iter().map(|t| t.1.as_str()).collect();
        assert!(labels.contains(&"2") && labels.contains(&"−2"), "{labels:?}");
    }
}
