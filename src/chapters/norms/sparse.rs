//! The sparse view: one example x with target y makes every weight vector on the line x·w = y fit
//! it exactly. The smallest L² ball that touches the line does so at the line's point nearest the
//! origin, y·x/‖x‖², where no weight is 0 unless x has a 0; the smallest L¹ ball (a diamond) touches it
//! at a corner, on an axis: one weight is exactly 0. The handle is the nearest point: dragging it
//! moves and turns the line (x becomes the point, y its squared length, so the point stays put).

use super::Norms;
use crate::chapter::handle::{Handle, HandleId};
use crate::format::{display_number, display_tuple, equation_in};
use crate::math::norms::l2;
use crate::readout::{number_readout, vector_readout, Readout};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The handle on the line: its point nearest the origin.
pub(super) const HANDLE: HandleId = HandleId::whole("line");

/// The unknowns' names in labels and sentences.
const WEIGHTS: [&str; 2] = ["w₁", "w₂"];

/// Where the smallest L¹ ball meets the line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum L1Touch {
    /// At one corner of the diamond: a point on an axis (the origin when y = 0).
    Corner(World),
    /// Along a whole edge, from one corner to the next: |x₁| = |x₂| and y ≠ 0, so the line is
    /// parallel to that edge.
    Edge(World, World),
}

/// The line x·w = y and where the smallest balls touch it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Touch {
    /// The line's coefficients.
    pub x: World,
    /// Its right-hand side.
    pub y: f64,
    /// The line's point nearest the origin, y·x/‖x‖₂²: where the smallest L² ball touches.
    pub l2: World,
    /// That ball's radius, |y|/‖x‖₂.
    pub l2_radius: f64,
    /// Where the smallest L¹ ball touches.
    pub l1: L1Touch,
    /// That ball's radius, |y|/max |xᵢ|.
    pub l1_radius: f64,
}

impl Touch {
    /// The line of `c` (x has two entries, not both 0: its input checks that).
    pub fn of(c: &Norms) -> Option<Touch> {
        let x = World::new(*c.x.get(0)?, *c.x.get(1)?);
        let y = c.y;
        let length = l2(&[x.x, x.y]);
        if length == 0.0 || !length.is_finite() {
            return None;
        }
        // y·x/(x·x) as numpy writes it, or, when x·x or y·x over- or underflows, divided by ‖x‖ twice.
        let sq = x.dot(&x);
        let l2_point = if y == 0.0 {
            World::zeros()
        } else if sq.is_normal() && (x * y).iter().all(|e| e.is_finite()) {
            (x * y) / sq
        } else {
            (x / length) * (y / length)
        };
        let big = x.x.abs().max(x.y.abs());
        let l1 = if y == 0.0 {
            L1Touch::Corner(World::zeros())
        } else if x.x.abs() == x.y.abs() {
            L1Touch::Edge(World::new(y / x.x, 0.0), World::new(0.0, y / x.y))
        } else if x.x.abs() > x.y.abs() {
            L1Touch::Corner(World::new(y / x.x, 0.0))
        } else {
            L1Touch::Corner(World::new(0.0, y / x.y))
        };
        Some(Touch { x, y, l2: l2_point, l2_radius: y.abs() / length, l1, l1_radius: y.abs() / big })
    }

    /// "w₁ + 2w₂ = 5".
    pub fn equation(&self) -> String {
        equation_in([self.x.x, self.x.y], self.y, WEIGHTS)
    }

    /// Which weights of a point are 0, in words: "w₁ = 0", "both weights are 0", or "no weight is 0".
    fn zeros(p: World) -> String {
        match (p.x == 0.0, p.y == 0.0) {
            (true, true) => "both weights are 0".into(),
            (true, false) => format!("{} = 0", WEIGHTS[0]),
            (false, true) => format!("{} = 0", WEIGHTS[1]),
            (false, false) => "no weight is 0".into(),
        }
    }
}

/// The handle at the line's nearest point.
pub(super) fn handle(c: &Norms) -> Option<Handle> {
    let t = Touch::of(c)?;
    (t.l2.x.is_finite() && t.l2.y.is_finite()).then(|| Handle {
        id: HANDLE,
        at: t.l2,
        role: Role::Basis2,
        label: format!("the line {}, held at its point nearest 0, {} (drag to move and turn it)", t.equation(), tuple(t.l2)).into(),
    })
}

/// Moves the line's nearest point to `to`: the line through `to` at right angles to it, x = `to` and
/// y = ‖to‖². At the origin the line keeps its direction and passes through 0 (y = 0).
pub(super) fn move_line(c: &mut Norms, to: World) -> bool {
    if !to.x.is_finite() || !to.y.is_finite() {
        return false;
    }
    let (x, y) = if to == World::zeros() { (c.x.clone(), 0.0) } else { (DMatrix::from_column_slice(2, 1, &[to.x, to.y]), to.dot(&to)) };
    if !y.is_finite() || (x == c.x && y == c.y) {
        return false;
    }
    c.x = x;
    c.y = y;
    true
}

fn tuple(p: World) -> String {
    display_tuple(&[p.x, p.y])
}

fn column(p: World) -> DMatrix<f64> {
    DMatrix::from_column_slice(2, 1, &[p.x, p.y])
}

/// `l1_point`, `l1_radius`, `l2_point`, `l2_radius`.
pub(super) fn readouts(c: &Norms) -> Vec<Readout> {
    let labels = [
        ("l1_point", "smallest ‖w‖₁ on the line"),
        ("l1_radius", "its ‖w‖₁"),
        ("l2_point", "smallest ‖w‖₂ on the line"),
        ("l2_radius", "its ‖w‖₂"),
    ];
    let Some(t) = Touch::of(c) else {
        return labels
            .iter()
            .map(|(name, label)| Readout::missing(name, label, "x is too large or too small for its length to be a 64-bit float"))
            .collect();
    };
    let line = t.equation();
    let l1 = match t.l1 {
        L1Touch::Corner(p) if t.y == 0.0 => vector_readout(
            labels[0].0,
            labels[0].1,
            &column(p),
            format!("{line} passes through 0, so the smallest ball is the point 0 itself"),
        ),
        L1Touch::Corner(p) => vector_readout(
            labels[0].0,
            labels[0].1,
            &column(p),
            format!("a corner of the diamond, on an axis: {}; y divided by the largest |xᵢ|", Touch::zeros(p)),
        ),
        L1Touch::Edge(a, b) => Readout::missing(
            labels[0].0,
            labels[0].1,
            format!(
                "not one point: |x₁| = |x₂|, so {line} runs along an edge of the diamond and every point from {} to {} has ‖w‖₁ = {}",
                tuple(a),
                tuple(b),
                display_number(t.l1_radius)
            ),
        ),
    };
    let l2_note = if t.y == 0.0 {
        format!("{line} passes through 0, so the smallest ball is the point 0 itself")
    } else {
        format!("y·x/‖x‖₂², the foot of the perpendicular from 0: {}", Touch::zeros(t.l2))
    };
    vec![
        l1,
        number_readout(labels[1].0, labels[1].1, t.l1_radius, "|y| / max |xᵢ|: the radius of the smallest diamond that reaches the line"),
        vector_readout(labels[2].0, labels[2].1, &column(t.l2), l2_note),
        number_readout(labels[3].0, labels[3].1, t.l2_radius, "|y| / ‖x‖₂: the distance from 0 to the line"),
    ]
}

/// The spoken summary of the sparse view.
pub(super) fn summary(c: &Norms) -> String {
    let Some(t) = Touch::of(c) else { return "x is too large or too small to draw its line.".into() };
    let line = t.equation();
    if t.y == 0.0 {
        return format!("The line {line} passes through 0: the smallest ball of either norm is the point 0, where both weights are 0.");
    }
    let l2_part = format!(
        "the smallest L² ball (‖w‖₂ = {}) touches it at {}, where {}",
        display_number(t.l2_radius),
        tuple(t.l2),
        Touch::zeros(t.l2)
    );
    match t.l1 {
        L1Touch::Corner(p) => format!(
            "The line {line}: the smallest L¹ ball (‖w‖₁ = {}) touches it at the corner {}, so {}; {l2_part}.",
            display_number(t.l1_radius),
            tuple(p),
            Touch::zeros(p)
        ),
        L1Touch::Edge(a, b) => format!(
            "The line {line} is parallel to an edge of the diamond: the smallest L¹ ball (‖w‖₁ = {}) touches it along the whole edge from {} to {}; {l2_part}.",
            display_number(t.l1_radius),
            tuple(a),
            tuple(b)
        ),
    }
}

/// The diamond |w₁| + |w₂| = r.
fn diamond(r: f64) -> Vec<World> {
    vec![World::new(r, 0.0), World::new(0.0, r), World::new(-r, 0.0), World::new(0.0, -r)]
}

/// The scene of the sparse view and the points the view must hold: the smallest diamond and circle,
/// the line, the perpendicular from 0 to its nearest point, and both touching points as arrows.
pub(super) fn draw(c: &Norms, scene: &mut Scene) -> Vec<World> {
    let Some(t) = Touch::of(c) else { return Vec::new() };
    let finite = [t.l1_radius, t.l2_radius, t.l2.x, t.l2.y].iter().all(|v| v.is_finite());
    if !finite {
        return Vec::new();
    }
    let r = t.l1_radius;
    if r > 0.0 {
        scene.push(Shape::Polygon {
            points: diamond(r),
            fill: Some(Fill { role: Role::Basis1, alpha: 0.12 }),
            stroke: Some(Stroke::dotted(Role::Basis1, 2.0)),
        });
        scene.unit_circle(
            &(Matrix2::identity() * t.l2_radius),
            Stroke::dashed(Role::Basis2, 2.0),
            Some(Fill { role: Role::Basis2, alpha: 0.1 }),
        );
        scene.push(Shape::Polyline { points: vec![World::zeros(), t.l2], stroke: Stroke::dotted(Role::Ghost, 1.5) });
    }
    let along = World::new(-t.x.y, t.x.x).normalize();
    scene.push(Shape::Line { through: t.l2, direction: along, stroke: Stroke::solid(Role::Input, 2.5), label: None });
    // The equation on the line, inside the fitted view, on the side that runs to the right.
    let right = if along.x < 0.0 || (along.x == 0.0 && along.y < 0.0) { -along } else { along };
    let reach = if r > 0.0 { 0.75 * r } else { 0.75 };
    scene.push(Shape::Label { at: t.l2 + right * reach, text: t.equation(), role: Role::Input });
    if t.y == 0.0 {
        scene.push(Shape::Dot { at: World::zeros(), role: Role::Basis1, radius: 6.0 });
        scene.push(Shape::Label { at: World::new(0.1, -0.15), text: "L¹ and L²: (0, 0)".into(), role: Role::Basis1 });
        return vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
    }
    match t.l1 {
        L1Touch::Corner(p) => scene.arrow(p, Stroke::solid(Role::Basis1, 3.5), format!("L¹: {}", tuple(p))),
        L1Touch::Edge(a, b) => {
            scene.push(Shape::Polyline { points: vec![a, b], stroke: Stroke::solid(Role::Basis1, 5.0) });
            scene.push(Shape::Label { at: (a + b) * 0.65, text: "L¹: the whole edge".into(), role: Role::Basis1 });
        }
    }
    scene.arrow(t.l2, Stroke::solid(Role::Basis2, 3.0), format!("L²: {}", tuple(t.l2)));
    vec![World::new(-1.35 * r, -1.35 * r), World::new(1.35 * r, 1.35 * r)]
}
