//! The column picture in space (three equations, up to three columns): the columns, their span (a
//! shaded plane, a line, or all of space), and b reached head to tail or marked out of reach with its
//! distance to the span; for three columns, the null space (the amounts that A sends to 0) when there
//! is more than 0 in it; and the handles on the columns and b.

use super::{Reach, Span};
use crate::chapter::figure::{column3, point3, reach};
use crate::chapter::handle::{column_role, space_column_handles, space_vector_handle};
use crate::chapter::Handle;
use crate::format::display_at_scale;
use crate::view::scene::{Role, Stroke};
use crate::view::space::{plane_basis, Point3, Shape3, Space};

/// Whether the state is drawn in space: the column picture of three equations, with A's rank known.
pub(super) fn drawn(c: &Span) -> bool {
    c.in_space() && c.rank().is_ok()
}

/// The columns of A and b as handles in space, named u, v (or a₁, a₂, a₃) in their labels.
pub(super) fn handles(c: &Span) -> Vec<Handle<Point3>> {
    let mut out = space_column_handles(&c.a, "A");
    for (h, name) in out.iter_mut().zip(c.names()) {
        h.label.also_called(&name);
    }
    out.extend(space_vector_handle(&c.b, "b", Role::Image));
    out
}

/// The 3-D figure, when the state is drawn in space.
pub(super) fn figure(c: &Span) -> Option<Space> {
    if !c.in_space() {
        return None;
    }
    let b = point3(&c.b)?;
    let columns: Vec<Point3> = (0..c.n()).filter_map(|i| column3(&c.a, i)).collect();
    let rank = c.rank().ok()?;
    // The head-to-tail path: the sliders' amounts of u and v, or for three columns the combination
    // that reaches b (when one does).
    let reached = c.reach();
    let amounts: Vec<f64> = match &reached {
        _ if c.n() == 2 => vec![c.ca, c.cb],
        Reach::Reached { coefficients, .. } if rank > 0 => coefficients.iter().copied().collect(),
        _ => Vec::new(),
    };
    let mut path = vec![Point3::zeros()];
    for (column, x) in columns.iter().zip(&amounts) {
        path.push(path[path.len() - 1] + column * *x);
    }
    let mut points = columns.clone();
    points.push(b);
    points.extend(path.iter().copied());
    let reach_all = reach(&points);
    let mut space = Space::default();
    match rank {
        0 => space.push(Shape3::Dot { at: Point3::zeros(), role: Role::Basis1, radius: 7.0 }),
        1 => {
            let along = columns.iter().copied().fold(Point3::zeros(), |a, c| if c.norm() > a.norm() { c } else { a });
            space.push(Shape3::Line {
                direction: along,
                reach: reach_all,
                stroke: Stroke::solid(Role::Basis1, 4.0),
                label: Some("span: a line".into()),
            });
        }
        2 => span_plane(c, &mut space, &columns, reach_all),
        _ => space.label(Point3::new(0.0, 0.0, reach_all * 1.2), "span: all of space", Role::Basis1),
    }
    let names = c.names();
    for (i, (column, name)) in columns.iter().zip(&names).enumerate() {
        space.arrow(*column, Stroke::solid(column_role(i), 3.0), name.clone());
    }
    let scale = amounts.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    for (i, (leg, x)) in path.windows(2).zip(&amounts).enumerate() {
        // An amount within rounding of 0 (from A⁺b) is no step at all.
        let amount = display_at_scale(*x, scale);
        if amount != "0" {
            space.arrow_from(leg[0], leg[1], Stroke::dashed(column_role(i), 2.0), format!("{amount}·{}", names[i]));
        }
    }
    let end = path[path.len() - 1];
    if !amounts.is_empty() && (end - b).norm() > 1e-9 * (1.0 + b.norm()) {
        space.push(Shape3::Dot { at: end, role: Role::Second, radius: 4.0 });
    }
    // b, marked out of reach (with a dotted line from the closest point of the span) when it is.
    let (text, closest) = reached.mark();
    if let Some(p) = closest.and_then(point3) {
        space.arrow_from(p, b, Stroke::dotted(Role::Image, 1.5), "");
    }
    space.push(Shape3::Dot { at: b, role: Role::Image, radius: 6.0 });
    space.label(b + Point3::new(0.0, 0.0, reach_all * 0.06), text, Role::Image);
    // A square A that is singular sends a line or plane of amounts x to 0: drawn in the same axes,
    // as the inputs a 3×3 A moves.
    if let Ok(null) = c.null_space() {
        if c.n() == 3 {
            null.draw_in_space(&mut space, reach_all);
        }
    }
    space.axes_and_ground(reach_all);
    Some(space)
}

/// A span of rank 2: the plane of the two columns furthest from parallel, shaded, labelled at its
/// highest corner (away from the vectors near the origin).
fn span_plane(c: &Span, space: &mut Space, columns: &[Point3], extent: f64) {
    let mut best = (0.0, 0, 0);
    for i in 0..columns.len() {
        for j in i + 1..columns.len() {
            let area = columns[i].normalize().cross(&columns[j].normalize()).norm();
            if area.is_finite() && area > best.0 {
                best = (area, i, j);
            }
        }
    }
    space.plane_patch(&columns[best.1], &columns[best.2], extent, Role::Basis1);
    if let Some((e1, e2)) = plane_basis(&columns[best.1], &columns[best.2]) {
        let corners = [e1 + e2, e1 - e2, -e1 + e2, -e1 - e2].map(|p| p * extent);
        let top = corners.iter().copied().fold(corners[0], |a, p| if (p.z, p.y) > (a.z, a.y) { p } else { a });
        space.label(top, format!("span{{{}}}: a plane", c.names().join(", ")), Role::Basis1);
    }
}
