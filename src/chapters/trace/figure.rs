//! The trace page's figure: a number line on which diagonals are stepped off as arrows, one row per
//! sum, so that each staircase ends at its trace. What the two views share: the row spacing, the
//! colours of the steps, subscripts, and the frame around the drawing.

use super::{cyclic, diagonal, Trace, View};
use crate::chapter::figure::bounds;
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::view::scene::{Role, Scene, Shape};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;

impl Draw for Trace {
    /// The figure of the current view; a sentence when the cyclic products cannot all be drawn.
    fn figure(&self, _timeline: &Timeline) -> Figure {
        let mut scene = Scene::default();
        // Room for the labels at the arrows' tips (mostly to the right, where the sums end).
        let (points, (left, right)) = match self.view {
            View::Diagonal => (diagonal::draw(self, &mut scene), (0.1, 0.45)),
            View::Cyclic if !self.cyclic_traces_exist() => {
                return Figure::Note(format!(
                    "The cyclic products need shapes that chain back to the start (X m×n, Y n×p, Z p×m); now {}. The numbers below say which product is missing.",
                    self.shapes_note()
                ))
            }
            View::Cyclic => (cyclic::draw(self, &mut scene), (0.0, 0.05)),
        };
        // A number-line figure: the axes, but no grid (the vertical direction only separates rows).
        let first_arrow = scene.shapes.iter().position(|s| matches!(s, Shape::Arrow { .. })).unwrap_or(scene.shapes.len());
        scene.shapes.insert(first_arrow, Shape::Axes);
        let (lo, hi) = bounds(&points);
        let width = (hi.x - lo.x).max(1.0);
        Figure::Plane { scene, bounds: (World::new(lo.x - left * width, lo.y), World::new(hi.x + right * width, hi.y)) }
    }
}

/// The role of the i-th diagonal step: A₁₁ orange, A₂₂ blue, A₃₃ purple, the rest in ink.
pub(super) fn step_role(i: usize) -> Role {
    [Role::Basis1, Role::Basis2, Role::Second].get(i).copied().unwrap_or(Role::Input)
}

/// Spacing between the rows of the number-line figure: 1 for small numbers, otherwise a round step
/// (1, 2, 5 × 10ᵏ) about the width divided by the number of rows, so the figure stays roughly square.
/// Round steps change rarely, so a dragged handle does not jump up and down.
pub(super) fn row_height(width: f64, rows: usize) -> f64 {
    let raw = width / (rows as f64 + 1.0);
    if raw.is_nan() || raw <= 1.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|k| k * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// The width of the figure's number line: the spread of every staircase, and of 0.
pub(super) fn spread(rows: &[Vec<f64>]) -> f64 {
    let all = rows.iter().flat_map(|r| super::partial_sums(r));
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    hi - lo
}
