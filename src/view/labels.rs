//! Places a figure's labels where they can be read. The renderer collects every label in screen
//! coordinates (CSS px) before drawing any, together with what labels must keep clear of: the handle
//! rings, the tick labels, and the strokes and dots of the shapes. [`place`] estimates each label's
//! box from its text and tries candidate positions around where its shape put it, nearest first,
//! scoring each: a candidate that leaves the figure, covers a ring, a tick label or a label already
//! placed is ruled out; one that lies across another shape's stroke or covers a dot pays for it;
//! distance costs one point a pixel. The cheapest wins. Pure and deterministic: the same labels
//! always land in the same places, and a label clear of everything is not touched.
//!
//! Handle rings that would cover each other (two columns of a large matrix on a phone) are moved
//! apart first by [`spread_handles`], so both stay visible and can be grabbed.

use super::scene::{Align, Role};
use super::viewport::Screen;
use crate::math::clamp;

/// How far a label's letters reach above its baseline (the point the painter is given), in CSS px.
const ASCENT_PX: f64 = 11.0;
/// How far they reach below it (descenders, subscripts).
const DESCENT_PX: f64 = 4.0;
/// Room kept between a label and anything it keeps clear of, in CSS px.
const GAP_PX: f64 = 2.0;
/// Room kept between a label and the figure's edges, in CSS px.
const EDGE_PX: f64 = 2.0;
/// Furthest a label is moved from where its shape put it (once inside the figure), in CSS px:
/// beyond that it would no longer read as belonging to its anchor.
pub const MAX_SHIFT_PX: f64 = 75.0;
/// Most labels that are placed (the first ones); the rest are only moved inside the figure. No
/// figure comes close.
pub const MAX_PLACED: usize = 64;
/// The distances (CSS px) at which candidates are tried, nearest first.
const RADII: [f64; 16] = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 19.0, 23.0, 28.0, 33.0, 39.0, 45.0, 52.0, 59.0, 67.0, MAX_SHIFT_PX];
/// The directions tried at each distance, as (x, y) on screen: up, down, right, left, the four
/// diagonals, then the eight between them. Earlier wins a tie.
const DIRECTIONS: [(f64, f64); 16] = {
    const D: f64 = std::f64::consts::FRAC_1_SQRT_2;
    const C: f64 = 0.923_879_532_511_286_7; // cos 22.5°
    const S: f64 = 0.382_683_432_365_089_8; // sin 22.5°
    [
        (0.0, -1.0),
        (0.0, 1.0),
        (1.0, 0.0),
        (-1.0, 0.0),
        (D, -D),
        (-D, -D),
        (D, D),
        (-D, D),
        (S, -C),
        (-S, -C),
        (S, C),
        (-S, C),
        (C, -S),
        (-C, -S),
        (C, S),
        (-C, S),
    ]
};

/// What lying across a stroke of another shape costs (more than the longest move, so any clear
/// spot within reach wins).
pub const COST_STROKE: f64 = 100.0;
/// What lying across the label's own shape costs (an arrow's label on its arrow, a line's on its line).
pub const COST_OWN_STROKE: f64 = 40.0;
/// What lying across a faint stroke (a ghost, the axes) costs.
pub const COST_FAINT_STROKE: f64 = 12.0;
/// What covering a dot costs.
pub const COST_DOT: f64 = 30.0;

/// Estimated advance of one character of the figure font (`--figure-font`, 13 px system-ui) in CSS
/// px: measured in Debian's Chromium (DejaVu Sans, among the widest system-ui fonts) and rounded up,
/// so an estimated box holds the drawn text on every platform.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | 'J' | '\'' | '.' | ',' | ':' | ';' | '|' | '!' | ' ' | '·' => 4.5,
        'f' | 't' | 'r' | '-' | '(' | ')' | '[' | ']' | '/' => 5.5,
        '₀'..='₉' | 'ₚ' | '¹' | '²' | '³' | 'ᵀ' | '⁺' => 5.7,
        '⁻' | '‖' => 7.0,
        'm' | 'w' | 'M' | 'W' => 13.0,
        '=' | '+' | '−' | '×' | '≈' | '≠' | '∞' | '<' | '>' | '≤' | '≥' | '→' => 11.0,
        'E' | 'F' | 'L' | 'P' | 'S' | 'T' | 'Y' => 8.4,
        'D' | 'G' | 'H' | 'N' | 'O' | 'Q' | 'U' => 10.3,
        c if c.is_uppercase() => 9.3,
        _ => 8.4,
    }
}

/// The estimated width of `text` in the figure font, in CSS px.
pub fn text_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

/// A label about to be drawn: the painter's text call, kept until every label is known.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// The text's anchor on its baseline, in CSS px (as [`super::render::Painter::text`] takes it).
    pub at: Screen,
    /// The text.
    pub text: String,
    /// Its colour.
    pub role: Role,
    /// How the text sits on `at`.
    pub align: Align,
}

/// A screen rectangle: left, top, right, bottom (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Bounds {
    fn shifted(self, dx: f64, dy: f64) -> Bounds {
        Bounds { left: self.left + dx, top: self.top + dy, right: self.right + dx, bottom: self.bottom + dy }
    }

    fn grown(self, by: f64) -> Bounds {
        Bounds { left: self.left - by, top: self.top - by, right: self.right + by, bottom: self.bottom + by }
    }

    /// Whether the two boxes come closer than the gap.
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right + GAP_PX
            && other.left < self.right + GAP_PX
            && self.top < other.bottom + GAP_PX
            && other.top < self.bottom + GAP_PX
    }

    /// Whether a circle (a handle's ring) comes closer to the box than the gap.
    pub fn touches_circle(&self, center: Screen, radius: f64) -> bool {
        let dx = (self.left - center.x).max(center.x - self.right).max(0.0);
        let dy = (self.top - center.y).max(center.y - self.bottom).max(0.0);
        // Squared distances: `hypot`, a library call in wasm, cost more than the rest of the test.
        let reach = radius + GAP_PX;
        dx * dx + dy * dy < reach * reach
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: Screen, b: Screen) -> bool {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [(-dx, a.x - self.left), (dx, self.right - a.x), (-dy, a.y - self.top), (dy, self.bottom - a.y)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }

    /// Whether the box lies inside `0..width` × `0..height`.
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }
}

impl PlacedLabel {
    /// The estimated box the drawn text covers; `None` when the anchor is not finite.
    pub fn bounds(&self) -> Option<Bounds> {
        if !(self.at.x.is_finite() && self.at.y.is_finite()) {
            return None;
        }
        let width = text_width(&self.text);
        let left = match self.align {
            Align::Left => self.at.x,
            Align::Center => self.at.x - width / 2.0,
            Align::Right => self.at.x - width,
        };
        Some(Bounds { left, top: self.at.y - ASCENT_PX, right: left + width, bottom: self.at.y + DESCENT_PX })
    }
}

/// The stroke of one shape as labels see it: its points, how far the ink reaches either side of
/// them, which shape it is, and what lying across it costs another shape's label.
#[derive(Debug, Clone, PartialEq)]
pub struct StrokeMark {
    /// The polyline's points (screen, CSS px).
    pub points: Vec<Screen>,
    /// Whether it closes (a polygon's outline).
    pub closed: bool,
    /// Half the drawn width (CSS px).
    pub half_width: f64,
    /// The shape it belongs to (its index in the scene).
    pub owner: usize,
    /// What crossing it costs a label of another shape ([`COST_STROKE`] or [`COST_FAINT_STROKE`]).
    pub cost: f64,
    /// Its colour: a label of its own belongs to a stroke of its colour that it is written on.
    pub role: Role,
}

impl StrokeMark {
    /// Whether any segment passes through `b` grown by the half width and the gap (the test labels
    /// are placed by).
    pub fn crosses(&self, b: &Bounds) -> bool {
        let grown = b.grown(self.half_width + GAP_PX);
        let n = self.points.len();
        let segments = if self.closed && n > 2 { n } else { n.saturating_sub(1) };
        (0..segments).any(|i| {
            let (a, c) = (self.points[i], self.points[(i + 1) % n]);
            a.x.is_finite() && a.y.is_finite() && c.x.is_finite() && c.y.is_finite() && grown.crossed_by(a, c)
        })
    }
}

/// Everything labels keep clear of besides each other.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Obstacles {
    /// Handle rings: centre and outer radius. Never covered.
    pub rings: Vec<(Screen, f64)>,
    /// Texts that stay where they are (tick labels). Never covered.
    pub fixed: Vec<Bounds>,
    /// The shapes' strokes: crossing one costs.
    pub strokes: Vec<StrokeMark>,
    /// Dots (centre, radius, owner): covering one costs [`COST_DOT`].
    pub dots: Vec<(Screen, f64, usize)>,
}

/// One label to place: the label as its shape drew it, the shape it belongs to (its index in the
/// scene) and what lying across that shape's own strokes costs it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// The label where its shape put it.
    pub label: PlacedLabel,
    /// The index of the shape it labels.
    pub owner: usize,
    /// What crossing the owner's strokes costs: [`COST_OWN_STROKE`] for an arrow's or a line's
    /// label (it reads better beside its shape), 0 for a label written on a curve on purpose.
    pub own_cost: f64,
}

impl LabelRequest {
    /// A label of its own (a `Shape::Label`, shape `index`): it belongs to the stroke of its colour
    /// that its anchor is written on, if any (a level set's value on its curve, a ball's norm at its
    /// corner), and may lie across that one freely.
    pub fn written_on(label: PlacedLabel, index: usize, strokes: &[StrokeMark]) -> LabelRequest {
        let a = label.at;
        let near = |s: &StrokeMark| {
            let n = s.points.len();
            let segments = if s.closed && n > 2 { n } else { n.saturating_sub(1) };
            (0..segments).map(|i| distance_to_segment(a, s.points[i], s.points[(i + 1) % n])).fold(f64::INFINITY, f64::min)
                <= s.half_width + 1.5
        };
        match strokes.iter().find(|s| s.role == label.role && s.cost >= COST_STROKE && near(s)) {
            Some(s) => LabelRequest { label, owner: s.owner, own_cost: 0.0 },
            None => LabelRequest { label, owner: index, own_cost: COST_OWN_STROKE },
        }
    }
}

/// The distance from `p` to the segment from `a` to `b` (infinite for non-finite points).
pub fn distance_to_segment(p: Screen, a: Screen, b: Screen) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) } else { 0.0 };
    let d = (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy);
    if d.is_finite() {
        d
    } else {
        f64::INFINITY
    }
}

/// Moves `b` inside `0..width` × `0..height`, [`EDGE_PX`] from the edges, by the least move (a box
/// wider or taller than that keeps its left or top edge there).
fn moved_inside(b: Bounds, width: f64, height: f64) -> Bounds {
    let (right, bottom) = (width - EDGE_PX, height - EDGE_PX);
    let dx = if b.right > right { right - b.right } else { 0.0 };
    let dx = if b.left + dx < EDGE_PX { EDGE_PX - b.left } else { dx };
    let dy = if b.bottom > bottom { bottom - b.bottom } else { 0.0 };
    let dy = if b.top + dy < EDGE_PX { EDGE_PX - b.top } else { dy };
    b.shifted(dx, dy)
}

/// One segment of a stroke near a label, with what crossing it costs that label.
struct Segment {
    a: Screen,
    b: Screen,
    /// How far the ink reaches either side, plus the gap.
    pad: f64,
    /// The box around the segment, grown by `pad`.
    extent: Bounds,
    owner: usize,
    cost: f64,
}

/// What lies near enough to matter for one label whose box may go anywhere in a reach: the
/// segments of the strokes (each with its cost for this label), the dots, rings and fixed texts.
struct Nearby {
    segments: Vec<Segment>,
    dots: Vec<(Screen, f64, usize)>,
    rings: Vec<(Screen, f64)>,
    fixed: Vec<Bounds>,
}

/// Whether two boxes meet.
fn meet(a: &Bounds, b: &Bounds) -> bool {
    a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom
}

impl Nearby {
    fn new(obstacles: &Obstacles, reach: &Bounds, owner: usize, own_cost: f64) -> Nearby {
        let around = |c: Screen, r: f64| meet(reach, &Bounds { left: c.x - r, top: c.y - r, right: c.x + r, bottom: c.y + r });
        let mut segments = Vec::new();
        for s in &obstacles.strokes {
            let cost = if s.owner == owner { own_cost.min(s.cost) } else { s.cost };
            let pad = s.half_width + GAP_PX;
            let n = s.points.len();
            let count = if s.closed && n > 2 { n } else { n.saturating_sub(1) };
            for i in 0..count {
                let (a, b) = (s.points[i], s.points[(i + 1) % n]);
                if !(a.x.is_finite() && a.y.is_finite() && b.x.is_finite() && b.y.is_finite()) {
                    continue;
                }
                let extent = Bounds { left: a.x.min(b.x), top: a.y.min(b.y), right: a.x.max(b.x), bottom: a.y.max(b.y) }.grown(pad);
                if meet(&extent, reach) {
                    segments.push(Segment { a, b, pad, extent, owner: s.owner, cost });
                }
            }
        }
        Nearby {
            segments,
            dots: obstacles.dots.iter().copied().filter(|(c, r, o)| *o != owner && around(*c, *r)).collect(),
            rings: obstacles.rings.iter().copied().filter(|(c, r)| around(*c, *r + GAP_PX)).collect(),
            fixed: obstacles.fixed.iter().copied().filter(|b| meet(reach, &b.grown(GAP_PX))).collect(),
        }
    }

    /// How many of the never-cover rules `b` breaks (rings, fixed texts, placed labels).
    fn hard(&self, b: &Bounds, placed: &[Bounds]) -> usize {
        self.rings.iter().filter(|(c, r)| b.touches_circle(*c, *r)).count()
            + self.fixed.iter().filter(|f| f.overlaps(b)).count()
            + placed.iter().filter(|p| p.overlaps(b)).count()
    }

    /// What the strokes and dots `b` covers cost (each shape's strokes counted once), counted only
    /// while `distance` plus the cost stays below `beat`: once it reaches it the candidate cannot win,
    /// and the sum so far (already too much) is returned. Costs are never negative, so a partial sum
    /// that reaches `beat` means the whole one would too.
    fn cost(&self, b: &Bounds, distance: f64, beat: f64) -> f64 {
        let mut crossed: Vec<usize> = Vec::new();
        let mut total = 0.0;
        for s in &self.segments {
            if meet(&s.extent, b) && !crossed.contains(&s.owner) && b.grown(s.pad).crossed_by(s.a, s.b) {
                crossed.push(s.owner);
                total += s.cost;
                if distance + total >= beat {
                    return total;
                }
            }
        }
        for (c, r, _) in &self.dots {
            if b.touches_circle(*c, *r - GAP_PX) {
                total += COST_DOT;
                if distance + total >= beat {
                    return total;
                }
            }
        }
        total
    }
}

/// Places the labels, in order, each clear of the ones before it: moves each inside the figure
/// (`width` × `height`), then tries candidates around that spot up to [`MAX_SHIFT_PX`] away and keeps
/// the cheapest (see the module's description). A label with no finite anchor is left alone; after
/// the first [`MAX_PLACED`] labels the rest are only moved inside. Returns the labels to draw.
pub fn place(requests: &[LabelRequest], obstacles: &Obstacles, width: f64, height: f64) -> Vec<PlacedLabel> {
    let mut placed: Vec<Bounds> = Vec::new();
    let mut out = Vec::with_capacity(requests.len());
    for (k, request) in requests.iter().enumerate() {
        let label = &request.label;
        let Some(own) = label.bounds() else {
            out.push(label.clone());
            continue;
        };
        let base = moved_inside(own, width, height);
        let mut best = (base.left - own.left, base.top - own.top);
        if k < MAX_PLACED {
            let reach = base.grown(MAX_SHIFT_PX + 1.0);
            let nearby = Nearby::new(obstacles, &reach, request.owner, request.own_cost);
            // A candidate that leaves the figure where the base did not is ruled out.
            let inside = |b: &Bounds| {
                (b.left >= EDGE_PX || b.left >= base.left)
                    && (b.top >= EDGE_PX || b.top >= base.top)
                    && (b.right <= width - EDGE_PX || b.right <= base.right)
                    && (b.bottom <= height - EDGE_PX || b.bottom <= base.bottom)
            };
            // (rules broken, cost), the cheapest so far; RADII grow, so once the distance alone
            // reaches the best cost nothing further can beat it.
            let mut best_score = (usize::MAX, f64::INFINITY);
            'search: for r in RADII {
                for (i, (ux, uy)) in DIRECTIONS.iter().enumerate() {
                    if r == 0.0 && i > 0 {
                        break;
                    }
                    if best_score.0 == 0 && r >= best_score.1 {
                        break 'search;
                    }
                    let b = base.shifted(ux * r, uy * r);
                    if !inside(&b) {
                        continue;
                    }
                    let hard = nearby.hard(&b, &placed);
                    // Costs are never negative: a candidate that breaks more rules, or as many and
                    // is already as far as the best costs in all, cannot win (its cost is not needed).
                    if hard > best_score.0 || (hard == best_score.0 && r >= best_score.1) {
                        continue;
                    }
                    // Only a lower cost can win among candidates that break as few rules.
                    let beat = if hard == best_score.0 { best_score.1 } else { f64::INFINITY };
                    let score = (hard, r + nearby.cost(&b, r, beat));
                    if score.0 < best_score.0 || (score.0 == best_score.0 && score.1 < best_score.1) {
                        best_score = score;
                        best = (b.left - own.left, b.top - own.top);
                    }
                }
            }
        }
        placed.push(own.shifted(best.0, best.1));
        out.push(PlacedLabel { at: Screen { x: label.at.x + best.0, y: label.at.y + best.1 }, ..label.clone() });
    }
    out
}

/// How far [`place`] moved each label from where its shape put it, with the shape's index: what
/// [`follow`] moves the same shapes' labels by until they are placed again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offsets(Vec<(usize, f64, f64)>);

impl Offsets {
    /// Each label's move from its request to where it was placed (labels matched in order).
    pub fn of(requests: &[LabelRequest], placed: &[PlacedLabel]) -> Offsets {
        let mut moves = Vec::with_capacity(requests.len());
        for (r, p) in requests.iter().zip(placed) {
            moves.push((r.owner, p.at.x - r.label.at.x, p.at.y - r.label.at.y));
        }
        Offsets(moves)
    }
}

/// The labels moved as [`place`] last moved the labels of the same shapes (`last`, in order), each
/// then kept inside the figure; `None` when the labels belong to other shapes, so they must be
/// placed. Cheap enough for every frame of a drag: a label keeps its side of its anchor while the
/// anchor moves, and is placed again, clear of what moved, at the next [`place`].
pub fn follow(requests: &[LabelRequest], last: &Offsets, width: f64, height: f64) -> Option<Vec<PlacedLabel>> {
    if requests.len() != last.0.len() {
        return None;
    }
    let mut out = Vec::with_capacity(requests.len());
    for (r, &(owner, dx, dy)) in requests.iter().zip(&last.0) {
        if r.owner != owner {
            return None;
        }
        let mut label = r.label.clone();
        label.at = Screen { x: label.at.x + dx, y: label.at.y + dy };
        if let Some(own) = label.bounds() {
            let inside = moved_inside(own, width, height);
            label.at = Screen { x: label.at.x + inside.left - own.left, y: label.at.y + inside.top - own.top };
        }
        out.push(label);
    }
    Some(out)
}

/// How many pairs of these labels' estimated boxes overlap (labels whose anchor is not finite are
/// not drawn and do not count).
pub fn overlapping_pairs(labels: &[PlacedLabel]) -> usize {
    let b: Vec<Bounds> = labels.iter().filter_map(PlacedLabel::bounds).collect();
    (0..b.len()).flat_map(|i| (i + 1..b.len()).map(move |j| (i, j))).filter(|(i, j)| b[*i].overlaps(&b[*j])).count()
}

/// Least distance between the centres of two handle rings on screen, in CSS px: closer handles
/// (two columns of a large matrix on a phone) have the later one's ring moved aside, so both stay
/// visible and separately reachable.
pub const HANDLE_SPACING_PX: f64 = 28.0;
/// How far a moved ring stays from the figure's edges, in CSS px.
const HANDLE_EDGE_PX: f64 = 12.0;

/// Where each handle's ring is drawn (and its button belongs), in CSS px, given the handles'
/// screen positions in the page's order (the most important first), whether each may be moved,
/// and the figure's size: its own position, unless it may be moved and comes within
/// [`HANDLE_SPACING_PX`] of a ring placed before it; then the nearest spot that far from that ring
/// (turning away from it in steps of 20°, then further out) that is clear of every earlier ring and
/// inside the figure. Handles that stay (data points: a cloud's rings mark where the data are), lie
/// off the figure or at non-finite positions keep their position and move nobody. Pure,
/// deterministic and continuous: as a handle is dragged away, its ring slides back onto it.
pub fn spread_handles(handles: &[(Screen, bool)], width: f64, height: f64) -> Vec<Screen> {
    let on_figure = |p: &Screen| p.x >= 0.0 && p.y >= 0.0 && p.x <= width && p.y <= height;
    let inside = |p: &Screen| {
        p.x >= HANDLE_EDGE_PX.min(width / 2.0)
            && p.y >= HANDLE_EDGE_PX.min(height / 2.0)
            && p.x <= width - HANDLE_EDGE_PX.min(width / 2.0)
            && p.y <= height - HANDLE_EDGE_PX.min(height / 2.0)
    };
    let mut placed: Vec<Screen> = Vec::new();
    let mut spots = Vec::new();
    for (p, movable) in handles {
        if !(*movable && on_figure(p)) {
            spots.push(*p);
            continue;
        }
        let distance = |a: &Screen, b: &Screen| (a.x - b.x).hypot(a.y - b.y);
        let clear = |s: &Screen| placed.iter().all(|q| distance(s, q) >= HANDLE_SPACING_PX - 1e-9);
        let nearest =
            placed.iter().copied().filter(|q| distance(p, q) < HANDLE_SPACING_PX).min_by(|a, b| distance(p, a).total_cmp(&distance(p, b)));
        let spot = match nearest {
            None => *p,
            Some(q) => {
                let d = distance(p, &q);
                // Away from the ring it would cover (up and to the right when they coincide).
                let away = if d > 1e-6 {
                    ((p.x - q.x) / d, (p.y - q.y) / d)
                } else {
                    (std::f64::consts::FRAC_1_SQRT_2, -std::f64::consts::FRAC_1_SQRT_2)
                };
                let turns = (0..=18).map(|k| if k % 2 == 0 { k / 2 * 20 } else { -(k + 1) / 2 * 20 });
                let mut candidates = [1.0, 1.5, 2.0].into_iter().flat_map(|reach| {
                    turns.clone().map(move |deg: i32| {
                        let (sin, cos) = f64::from(deg).to_radians().sin_cos();
                        let r = HANDLE_SPACING_PX * reach;
                        Screen { x: q.x + r * (away.0 * cos - away.1 * sin), y: q.y + r * (away.0 * sin + away.1 * cos) }
                    })
                });
                candidates.find(|s| clear(s) && inside(s)).unwrap_or(*p)
            }
        };
        placed.push(spot);
        spots.push(spot);
    }
    spots
}

#[cfg(test)]
mod tests;
