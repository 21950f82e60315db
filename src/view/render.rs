//! Turns a [`Scene`] into painter calls through a [`Viewport`]. The only drawing logic; the painter
//! only knows screen-space paths and text, so a recording painter can check a figure in native tests.

use super::labels::{
    distance_to_segment, follow, place, spread_handles, LabelRequest, Obstacles, Offsets, PlacedLabel, StrokeMark, COST_FAINT_STROKE,
    COST_OWN_STROKE, COST_STROKE,
};
use super::scene::{Align, Bitmap, Fill, HeatMap, Role, Scene, Shape, Stroke};
use super::viewport::{nice_step, Screen, Viewport, World};
use crate::format::display_number;
use crate::math::clamp;
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
    /// Draws circles of one radius, each filled and/or stroked alike, in order; by default each
    /// through [`Painter::circle`] (a backend should draw them as one path: where two overlap, a
    /// translucent fill is then laid once and the strokes go over every fill).
    fn circles(&mut self, centers: &[Screen], radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        for c in centers {
            self.circle(*c, radius, fill, stroke);
        }
    }
    /// Strokes open polylines alike, in order; by default each through [`Painter::path`] (a backend
    /// should stroke them as one path; a dash pattern starts again on each).
    fn polylines(&mut self, lines: &[Vec<Screen>], stroke: Stroke) {
        for line in lines {
            self.path(line, false, None, Some(stroke));
        }
    }
    /// Draws a one-line text.
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align);
    /// Draws a picture (grey or RGB) into the screen rectangle from `top_left` to `bottom_right`, pixels as
    /// sharp squares. By default only outlines the rectangle (a backend that can draw pixels should).
    fn image(&mut self, top_left: Screen, bottom_right: Screen, _image: &Bitmap) {
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

/// A handle ring's radius, and while it has focus or is dragged, in CSS px (its stroke is 2 px wide).
const RING_RADIUS_PX: f64 = 7.0;
/// See [`RING_RADIUS_PX`].
const ACTIVE_RING_RADIUS_PX: f64 = 9.0;
/// How far labels keep from a ring's centre: the active ring's outer edge.
const RING_CLEARANCE_PX: f64 = ACTIVE_RING_RADIUS_PX + 1.0;

/// Where the rings of `handles` are drawn in `view` ([`spread_handles`]): data points (role
/// [`Role::Data`]) keep their place, other handles too close to an earlier one move aside.
pub fn mark_spots(handles: &[HandleMark], view: &Viewport) -> Vec<Screen> {
    let points: Vec<(Screen, bool)> = handles.iter().map(|h| (view.to_screen(h.at), h.role != Role::Data)).collect();
    spread_handles(&points, view.width, view.height)
}

/// What a render put where: the labels as drawn (after [`place`]), the tick labels, and the handle
/// rings (centre and outer radius) — for tests of a figure's legibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The shapes' labels, as drawn.
    pub labels: Vec<PlacedLabel>,
    /// The axes' tick labels.
    pub ticks: Vec<PlacedLabel>,
    /// The handle rings: where each is drawn and its outer radius when active.
    pub rings: Vec<(Screen, f64)>,
    /// The strokes labels keep off.
    pub strokes: Vec<StrokeMark>,
}

/// What drawing the shapes leaves for the labels' pass.
#[derive(Default)]
struct Collected {
    /// The labels in scene order, each with its shape's index and whether it is a label of its own
    /// (a `Shape::Label`, whose owner is found once every stroke is known).
    labels: Vec<(PlacedLabel, usize, bool)>,
    ticks: Vec<PlacedLabel>,
    obstacles: Obstacles,
}

/// Draws `scene`, then its labels (placed clear of each other, the rings, the tick labels and other
/// shapes' strokes, see [`place`]) and the handle rings on top (moved apart where they would cover
/// each other, see [`mark_spots`], with a thin line back to the point).
pub fn render(scene: &Scene, handles: &[HandleMark], view: &Viewport, painter: &mut dyn Painter) {
    painter.clear();
    let collected = shapes(&scene.shapes, 0, view, painter);
    labels_and_rings(collected, handles, view, painter, None);
}

/// How a frame of [`render_layered`] places the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// Placed clear of everything, as [`render`] places them.
    Place,
    /// Moved as the last placement moved the same labels ([`follow`]): the cheap pass for the frames
    /// of a gesture between two placements. Labels that changed are placed.
    Follow,
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
    /// How the last placement moved the labels.
    offsets: Offsets,
    /// The surface shows labels that followed, not placed ones.
    followed: bool,
}

impl Layers {
    /// Forgets the last frame (the painter's surface was changed by someone else, or its colours).
    pub fn reset(&mut self) {
        *self = Layers::default();
    }

    /// Whether the surface shows labels that followed their anchors ([`Labels::Follow`]) rather than
    /// placed ones: the next frame with [`Labels::Place`] then draws even the same shapes again.
    pub fn followed(&self) -> bool {
        self.followed
    }
}

/// Draws a frame like [`render`], redrawing only what changed since the last one: nothing at all when
/// the shapes, handle rings and view are the same; otherwise the leading shapes that stayed the same
/// (the grid, the axes, a cloud of points that is not being dragged) come from the painter's base
/// layer in one copy, and only the shapes after them, every label and the rings are drawn again.
/// With [`Labels::Place`], labels are placed exactly as [`render`] places them: from the labels and
/// obstacles of every shape, the base's included; with [`Labels::Follow`] they keep the moves of the
/// last placement, and a frame that would draw the same shapes is drawn again once to place them.
/// Returns whether the surface was touched. Takes the scene to keep it for the next frame's comparison.
pub fn render_layered(
    scene: Scene,
    handles: &[HandleMark],
    view: &Viewport,
    painter: &mut dyn Painter,
    layers: &mut Layers,
    labels: Labels,
) -> bool {
    let same_view = layers.view.as_ref() == Some(view);
    let labels_as_asked = !(layers.followed && labels == Labels::Place);
    if same_view && layers.shapes == scene.shapes && layers.handles == handles && labels_as_asked {
        return false;
    }
    let stable = if same_view { scene.shapes.iter().zip(&layers.shapes).take_while(|(a, b)| a == b).count() } else { 0 };
    // The kept base still shows exactly the first `layers.base` shapes; else keep the stable ones.
    let mut base = if layers.base > 0 && layers.base <= stable && painter.clear_to_base() { layers.base } else { 0 };
    if base == 0 && stable > 0 && painter.begin_base() {
        shapes(&scene.shapes[..stable], 0, view, painter);
        painter.end_base();
        if painter.clear_to_base() {
            base = stable;
        }
    }
    if base == 0 {
        painter.clear();
    }
    let collected = shapes(&scene.shapes, base, view, painter);
    let last = (labels == Labels::Follow).then_some(&layers.offsets);
    let offsets = labels_and_rings(collected, handles, view, painter, last);
    let followed = offsets.is_none();
    let offsets = offsets.unwrap_or_else(|| std::mem::take(&mut layers.offsets));
    *layers = Layers { shapes: scene.shapes, handles: handles.to_vec(), view: Some(*view), base, offsets, followed };
    true
}

/// Places the collected labels ([`finish`]; or has them follow `last`) and draws them, then the handle
/// rings on top, each moved aside to its [`mark_spots`] spot with a thin line back to its point.
/// Returns the placement's moves, or `None` when the labels followed.
fn labels_and_rings(
    collected: Collected,
    handles: &[HandleMark],
    view: &Viewport,
    painter: &mut dyn Painter,
    last: Option<&Offsets>,
) -> Option<Offsets> {
    let points: Vec<Screen> = handles.iter().map(|h| view.to_screen(h.at)).collect();
    let spots = mark_spots(handles, view);
    let (layout, offsets) = finish(collected, &points, &spots, view, last);
    for l in &layout.labels {
        painter.text(l.at, &l.text, l.role, l.align);
    }
    // Rings in runs of one look (role and size, none moved aside) are drawn together.
    let mut run: Vec<Screen> = Vec::new();
    let mut look = None;
    for ((h, p), spot) in handles.iter().zip(&points).zip(&spots) {
        let r = if h.active { ACTIVE_RING_RADIUS_PX } else { RING_RADIUS_PX };
        if look != Some((h.role, r)) || p != spot {
            rings(&run, look, painter);
            run.clear();
        }
        if p != spot {
            painter.path(&[*p, *spot], false, None, Some(Stroke::solid(h.role, 1.5)));
            painter.circle(*p, 3.0, Some(Fill { role: h.role, alpha: 1.0 }), None);
        }
        look = Some((h.role, r));
        run.push(*spot);
    }
    rings(&run, look, painter);
    offsets
}

/// Draws handle rings of one role and radius at `spots`.
fn rings(spots: &[Screen], look: Option<(Role, f64)>, painter: &mut dyn Painter) {
    if let (Some((role, r)), false) = (look, spots.is_empty()) {
        painter.circles(spots, r, Some(Fill { role, alpha: 0.25 }), Some(Stroke::solid(role, 2.0)));
    }
}

/// Where [`render`] puts the labels, tick labels and rings of `scene`, without drawing.
pub fn layout(scene: &Scene, handles: &[HandleMark], view: &Viewport) -> Layout {
    let collected = shapes(&scene.shapes, scene.shapes.len(), view, &mut NoPainter);
    let points: Vec<Screen> = handles.iter().map(|h| view.to_screen(h.at)).collect();
    let spots = mark_spots(handles, view);
    finish(collected, &points, &spots, view, None).0
}

/// Adds the rings (and the lines to moved ones) to the obstacles and places the labels, or has them
/// follow `last` ([`follow`]); returns the layout and, when it placed them, the placement's moves.
fn finish(mut c: Collected, points: &[Screen], spots: &[Screen], view: &Viewport, last: Option<&Offsets>) -> (Layout, Option<Offsets>) {
    let rings: Vec<(Screen, f64)> = spots.iter().map(|s| (*s, RING_CLEARANCE_PX)).collect();
    c.obstacles.rings.extend(rings.iter().copied());
    for (p, s) in points.iter().zip(spots).filter(|(p, s)| p != s) {
        c.obstacles.rings.push((*p, 3.0));
        c.obstacles.strokes.push(StrokeMark {
            points: vec![*p, *s],
            closed: false,
            half_width: 0.75,
            owner: usize::MAX,
            cost: COST_STROKE,
            role: Role::Ghost,
        });
    }
    c.obstacles.fixed.extend(c.ticks.iter().filter_map(PlacedLabel::bounds));
    let strokes = &c.obstacles.strokes;
    let requests: Vec<LabelRequest> =
        c.labels
            .into_iter()
            .map(|(label, owner, alone)| {
                if alone {
                    LabelRequest::written_on(label, owner, strokes)
                } else {
                    LabelRequest { label, owner, own_cost: COST_OWN_STROKE }
                }
            })
            .collect();
    let followed = last.and_then(|last| follow(&requests, last, view.width, view.height));
    let (labels, offsets) = match followed {
        Some(labels) => (labels, None),
        None => {
            let labels = place(&requests, &c.obstacles, view.width, view.height);
            let offsets = Offsets::of(&requests, &labels);
            (labels, Some(offsets))
        }
    };
    (Layout { labels, ticks: c.ticks, rings, strokes: c.obstacles.strokes }, offsets)
}

/// A painter that draws nothing: [`layout`] and the shapes already on the surface go through it, so
/// their labels and obstacles are collected without drawing.
struct NoPainter;

impl Painter for NoPainter {
    fn clear(&mut self) {}
    fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {}
    fn circle(&mut self, _: Screen, _: f64, _: Option<Fill>, _: Option<Stroke>) {}
    fn text(&mut self, _: Screen, _: &str, _: Role, _: Align) {}
    fn image(&mut self, _: Screen, _: Screen, _: &Bitmap) {}
    fn heat(&mut self, _: Screen, _: Screen, _: &HeatMap) {}
    fn squares(&mut self, _: &[Screen], _: f64, _: Fill) {}
}

/// What crossing a stroke of this role costs a label of another shape.
fn stroke_cost(role: Role) -> f64 {
    match role {
        Role::Ghost | Role::Grid | Role::Axis => COST_FAINT_STROKE,
        _ => COST_STROKE,
    }
}

/// Draws the shapes from index `drawn_from` on in order, the axes' tick labels with them (the ones
/// before it are already on the surface and only collected); returns every shape's labels and what
/// they must keep clear of.
fn shapes(all: &[Shape], drawn_from: usize, view: &Viewport, surface: &mut dyn Painter) -> Collected {
    let mut c = Collected::default();
    let mut collect_only = NoPainter;
    // Consecutive polylines of one stroke, and dots of one role and radius, are drawn together.
    let mut batch = Batch::None;
    for (index, shape) in all.iter().enumerate() {
        let extends = match (&batch, shape) {
            (Batch::Lines(s, _), Shape::Polyline { stroke, .. }) => s == stroke,
            (Batch::Dots(f, r, _), Shape::Dot { role, radius, .. }) => f.role == *role && r == radius,
            _ => false,
        };
        if !extends || index == drawn_from {
            let painter: &mut dyn Painter = if index <= drawn_from { &mut collect_only } else { &mut *surface };
            std::mem::take(&mut batch).draw(painter);
        }
        // Pictures (lattice, points, images, fields) add no labels or obstacles: already on the
        // surface, they need no pass at all (100 000 points would be projected again for nothing).
        let picture = matches!(shape, Shape::Lattice { .. } | Shape::Points { .. } | Shape::Image { .. } | Shape::QuadraticField { .. });
        if index < drawn_from && picture {
            continue;
        }
        let painter: &mut dyn Painter = if index < drawn_from { &mut collect_only } else { &mut *surface };
        let mark = |points: Vec<Screen>, closed: bool, stroke: &Stroke| StrokeMark {
            points,
            closed,
            half_width: stroke.width / 2.0,
            owner: index,
            cost: stroke_cost(stroke.role),
            role: stroke.role,
        };
        match shape {
            Shape::Lattice { map, stroke } => lattice(map, *stroke, view, painter),
            Shape::Axes => axes(view, painter, &mut c, index),
            Shape::Arrow { from, to, stroke, label } => arrow(*from, *to, *stroke, label.as_deref(), view, painter, &mut c, index),
            Shape::Polygon { points, fill, stroke } => {
                let pts: Vec<Screen> = points.iter().map(|p| view.to_screen(*p)).collect();
                painter.path(&pts, true, *fill, *stroke);
                if let Some(s) = stroke {
                    c.obstacles.strokes.push(mark(pts, true, s));
                }
            }
            Shape::Polyline { points, stroke } => {
                let pts: Vec<Screen> = points.iter().map(|p| view.to_screen(*p)).collect();
                c.obstacles.strokes.push(mark(pts.clone(), false, stroke));
                match &mut batch {
                    Batch::Lines(_, lines) => lines.push(pts),
                    _ => batch = Batch::Lines(*stroke, vec![pts]),
                }
            }
            Shape::Line { through, direction, stroke, label } => {
                infinite_line(*through, *direction, *stroke, label.as_deref(), view, painter, &mut c, index)
            }
            Shape::Dot { at, role, radius } => {
                let s = view.to_screen(*at);
                c.obstacles.dots.push((s, *radius, index));
                match &mut batch {
                    Batch::Dots(_, _, centers) => centers.push(s),
                    _ => batch = Batch::Dots(Fill { role: *role, alpha: 1.0 }, *radius, vec![s]),
                }
            }
            Shape::Label { at, text, role } => {
                let label = PlacedLabel { at: view.to_screen(*at), text: text.clone(), role: *role, align: Align::Center };
                c.labels.push((label, index, true));
            }
            Shape::Points { at, role, size, alpha } => points(at, Fill { role: *role, alpha: *alpha }, *size, view, painter),
            Shape::Image { min, max, image } => {
                if image.is_valid() {
                    painter.image(view.to_screen(World::new(min.x, max.y)), view.to_screen(World::new(max.x, min.y)), image);
                }
            }
            Shape::QuadraticField { form, positive, negative, alpha } => {
                quadratic_field(form, (*positive, *negative), *alpha, view, painter)
            }
        }
    }
    let painter: &mut dyn Painter = if all.len() <= drawn_from { &mut collect_only } else { surface };
    batch.draw(painter);
    c
}

/// Polylines or dots waiting to be drawn together (see [`shapes`]).
#[derive(Default)]
enum Batch {
    #[default]
    None,
    /// Polylines of one stroke.
    Lines(Stroke, Vec<Vec<Screen>>),
    /// Dots of one fill and radius.
    Dots(Fill, f64, Vec<Screen>),
}

impl Batch {
    fn draw(self, painter: &mut dyn Painter) {
        match self {
            Batch::None => {}
            Batch::Lines(stroke, lines) => painter.polylines(&lines, stroke),
            Batch::Dots(fill, radius, centers) => painter.circles(&centers, radius, Some(fill), None),
        }
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
    let columns = clamp((width / HEAT_CELL_PX).ceil(), 1.0, MAX_HEAT_CELLS) as usize;
    let rows = clamp((height / HEAT_CELL_PX).ceil(), 1.0, MAX_HEAT_CELLS) as usize;
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

/// How far inside the figure's edge a line's label is anchored, in CSS px.
const LINE_LABEL_INSET_PX: f64 = 10.0;

/// Draws the visible part of a line (nothing for a zero or non-finite direction); its label goes
/// beside the point where the line leaves the figure along `direction`, a little inside the edge.
#[allow(clippy::too_many_arguments)]
fn infinite_line(
    through: World,
    direction: World,
    stroke: Stroke,
    label: Option<&str>,
    view: &Viewport,
    painter: &mut dyn Painter,
    c: &mut Collected,
    index: usize,
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
    let (sa, sb) = (view.to_screen(a), view.to_screen(b));
    c.obstacles.strokes.push(StrokeMark {
        points: vec![sa, sb],
        closed: false,
        half_width: stroke.width / 2.0,
        owner: index,
        cost: stroke_cost(stroke.role),
        role: stroke.role,
    });
    let Some(text) = label else { return };
    // Where the line leaves the figure shrunk by the inset, going along d from its middle.
    let inset = LINE_LABEL_INSET_PX / view.scale;
    let (lo, hi) = (lo + World::repeat(inset), hi - World::repeat(inset));
    let exit =
        (0..2).filter(|&k| d[k] != 0.0).map(|k| ((if d[k] > 0.0 { hi[k] } else { lo[k] }) - mid[k]) / d[k]).fold(f64::INFINITY, f64::min);
    let inside = |p: &World| p.x >= lo.x - 1e-9 && p.x <= hi.x + 1e-9 && p.y >= lo.y - 1e-9 && p.y <= hi.y + 1e-9;
    let at = mid + d * exit;
    if !(exit.is_finite() && exit >= 0.0 && inside(&at)) {
        return;
    }
    let s = view.to_screen(at);
    // The text runs back into the figure, above the line's end.
    let (align, dx) = if d.x >= 0.0 { (Align::Right, -6.0) } else { (Align::Left, 6.0) };
    let label = PlacedLabel { at: Screen { x: s.x + dx, y: s.y - 6.0 }, text: text.into(), role: stroke.role, align };
    c.labels.push((label, index, false));
}

fn axes(view: &Viewport, painter: &mut dyn Painter, c: &mut Collected, index: usize) {
    let (lo, hi) = view.world_bounds();
    let axis = Stroke::solid(Role::Axis, 1.25);
    for (a, b) in [(World::new(lo.x, 0.0), World::new(hi.x, 0.0)), (World::new(0.0, lo.y), World::new(0.0, hi.y))] {
        line(a, b, axis, view, painter);
        let points = vec![view.to_screen(a), view.to_screen(b)];
        c.obstacles.strokes.push(StrokeMark {
            points,
            closed: false,
            half_width: axis.width / 2.0,
            owner: index,
            cost: COST_FAINT_STROKE,
            role: Role::Axis,
        });
    }
    let step = view.grid_step(56.0);
    // Keep labels inside the canvas when the axis itself is scrolled out of view.
    let origin = view.to_screen(World::zeros());
    let label_y = clamp(origin.y, 4.0, view.height - 18.0) + 14.0;
    let label_x = clamp(origin.x, 24.0, view.width - 4.0) - 5.0;
    // Integer counters (bounded by the canvas size): far from the origin `k += 1.0` can stall.
    let ticks = |from: f64, to: f64| {
        let first = (from / step).ceil();
        let count = clamp(((to - from) / step).floor(), 0.0, 200.0) as usize + 1;
        (0..count).map(move |i| (first + i as f64) * step).filter(move |v| *v <= to && *v != 0.0)
    };
    // A tick label that would be cut by the figure's edge is left out (a y label is moved right
    // until it fits, when the y axis is scrolled off to the left).
    let mut tick = |at: Screen, text: String, align: Align| {
        let mut label = PlacedLabel { at, text, role: Role::Axis, align };
        if let Some(b) = label.bounds().filter(|b| b.left < 0.0 && align == Align::Right) {
            label.at.x -= b.left;
        }
        if label.bounds().is_some_and(|b| b.inside(view.width, view.height)) {
            painter.text(label.at, &label.text, Role::Axis, align);
            c.ticks.push(label);
        }
    };
    for x in ticks(lo.x, hi.x) {
        let s = view.to_screen(World::new(x, 0.0));
        tick(Screen { x: s.x, y: label_y.min(view.height - 4.0) }, display_number(x), Align::Center);
    }
    for y in ticks(lo.y, hi.y) {
        let s = view.to_screen(World::new(0.0, y));
        tick(Screen { x: label_x, y: s.y + 4.0 }, display_number(y), Align::Right);
    }
}

/// Draws an arrow; its label goes beside the tip, pushed outwards along the arrow.
#[allow(clippy::too_many_arguments)]
fn arrow(
    from: World,
    to: World,
    stroke: Stroke,
    label: Option<&str>,
    view: &Viewport,
    painter: &mut dyn Painter,
    c: &mut Collected,
    index: usize,
) {
    let a = view.to_screen(from);
    let b = view.to_screen(to);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx.hypot(dy);
    let cost = stroke_cost(stroke.role);
    if len < 0.5 {
        painter.circle(b, stroke.width + 1.0, Some(Fill { role: stroke.role, alpha: 1.0 }), None);
        c.obstacles.dots.push((b, stroke.width + 1.0, index));
    } else {
        let (ux, uy) = (dx / len, dy / len);
        let head = (6.0 + 2.5 * stroke.width).min(len * 0.45);
        let base = Screen { x: b.x - ux * head, y: b.y - uy * head };
        painter.path(&[a, base], false, None, Some(stroke));
        let half = head * 0.5;
        let wing1 = Screen { x: base.x - uy * half, y: base.y + ux * half };
        let wing2 = Screen { x: base.x + uy * half, y: base.y - ux * half };
        painter.path(&[b, wing1, wing2], true, Some(Fill { role: stroke.role, alpha: 1.0 }), None);
        c.obstacles.strokes.push(StrokeMark {
            points: vec![a, base],
            closed: false,
            half_width: stroke.width / 2.0,
            owner: index,
            cost,
            role: stroke.role,
        });
        c.obstacles.strokes.push(StrokeMark {
            points: vec![b, wing1, wing2],
            closed: true,
            half_width: 0.5,
            owner: index,
            cost,
            role: stroke.role,
        });
    }
    if let Some(text) = label {
        let (ux, uy) = if len < 0.5 { (0.7, -0.7) } else { (dx / len, dy / len) };
        let at = Screen { x: b.x + ux * 14.0 + if ux >= 0.0 { 4.0 } else { -4.0 }, y: b.y + uy * 14.0 + 4.0 };
        let align = if ux >= 0.0 { Align::Left } else { Align::Right };
        c.labels.push((PlacedLabel { at, text: text.into(), role: stroke.role, align }, index, false));
    }
}

/// Longest run of points [`thin_path`] replaces by one segment (bounds its work on long straight lines).
const MAX_THINNED_RUN: usize = 16;

/// `points` without the ones that lie within `tolerance` px of a segment joining two kept points: a
/// dense polyline (a unit circle's image is 96 points, wherever it is small on screen) drawn with
/// fewer segments, never more than `tolerance` away from the full one. The first and last points are
/// kept, and so is every point near a non-finite one. A painter that pays per segment (the canvas:
/// stroking, dashing and filling cost more with every vertex) draws the thinned path.
pub fn thin_path(points: &[Screen], tolerance: f64) -> Vec<Screen> {
    let Some((&last, _)) = points.split_last() else { return Vec::new() };
    let mut out = Vec::with_capacity(points.len());
    out.push(points[0]);
    let mut anchor = 0;
    for i in 1..points.len().saturating_sub(1) {
        // Point i can go when every point since the last kept one lies close to the segment that
        // would skip them (from the last kept point to point i + 1).
        let (from, to) = (points[anchor], points[i + 1]);
        let skip = i - anchor < MAX_THINNED_RUN && points[anchor + 1..=i].iter().all(|p| distance_to_segment(*p, from, to) <= tolerance);
        if !skip {
            out.push(points[i]);
            anchor = i;
        }
    }
    if points.len() > 1 {
        out.push(last);
    }
    out
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
    pub images: Vec<(Screen, Screen, Bitmap)>,
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
    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        self.images.push((top_left, bottom_right, image.clone()));
    }
    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        self.heats.push((top_left, bottom_right, heat.clone()));
    }
}

#[cfg(test)]
mod tests;
