//! The cyclic view: the diagonals of XYZ, ZXY and YZX stepped off in three rows that all end at the
//! same trace, and below the axis the compared order (dashed when it is a cyclic shift, ghosted when
//! it is not, so its different trace stands out).

use super::figure::{row_height, spread, step_role};
use super::{diagonal_of, partial_sums, trace_of, Trace};
use crate::format::display_number;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::viewport::World;

/// Draws the four rows (the caller has checked that the three cyclic products are square); returns
/// the points the view must show.
pub(super) fn draw(c: &Trace, scene: &mut Scene) -> Vec<World> {
    let products = c.products();
    let diags: Vec<Vec<f64>> = products.iter().map(|(_, p)| p.as_ref().map(diagonal_of).unwrap_or_default()).collect();
    let h = row_height(spread(&diags), 5);
    let row_y = |row: usize| if row < 3 { (3 - row) as f64 * h } else { -h };
    let tr = products[0].1.as_ref().map_or(0.0, trace_of);
    scene.push(Shape::Line {
        through: World::new(tr, 0.0),
        direction: World::new(0.0, 1.0),
        stroke: Stroke::dotted(Role::Ghost, 1.0),
        label: None,
    });
    let cyclic = c.order.is_cyclic();
    for (row, ((name, p), diag)) in products.iter().zip(&diags).enumerate() {
        let Some(p) = p.as_ref().filter(|p| p.is_square()) else { continue };
        let y = row_y(row);
        let sums = partial_sums(diag);
        for i in 0..diag.len() {
            let stroke = match (row < 3, cyclic) {
                (true, _) => Stroke::solid(step_role(i), 3.0),
                (false, true) => Stroke::dashed(step_role(i), 3.0),
                (false, false) => Stroke::dotted(Role::Ghost, 2.0),
            };
            scene.arrow_from(World::new(sums[i], y), World::new(sums[i + 1], y), stroke, "");
        }
        // The label above the middle of its row, so that it never runs off the right edge.
        let end = sums.last().copied().unwrap_or(0.0);
        let role = if row < 3 || cyclic { Role::Axis } else { Role::Ghost };
        scene.push(Shape::Label {
            at: World::new(end / 2.0, y + 0.3 * h),
            text: format!("tr({name}) = {}", display_number(trace_of(p))),
            role,
        });
    }
    scene.arrow(World::new(tr, 0.0), Stroke::solid(Role::Image, 4.0), "");
    let mut points: Vec<World> =
        diags.iter().enumerate().flat_map(|(row, d)| partial_sums(d).into_iter().map(move |x| World::new(x, row_y(row)))).collect();
    points.push(World::new(0.0, 3.5 * h));
    points
}
