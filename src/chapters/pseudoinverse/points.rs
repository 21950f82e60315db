//! The pseudoinverse page's gestures: in the fit view each point of P is a handle (`P:3`), a click
//! on the empty figure adds a point and Delete removes the focused one; in the lines view each line
//! has a handle at its point nearest the origin (`b:0`), and dragging it slides the line sideways
//! (changes bᵢ).

use super::{figure, Pseudoinverse, View};
use crate::chapter::{Action, Handle, HandleId, HandleLabel};
use crate::format::display_number;
use crate::state::matrix::MAX_ROWS;
use crate::view::scene::Role;
use crate::view::viewport::World;

/// The input whose rows are the points.
const POINTS: &str = "P";
/// The input whose entries place the lines.
const OFFSETS: &str = "b";

/// The handles of the current view (none when the figure is a note).
pub(super) fn handles(c: &Pseudoinverse) -> Vec<Handle> {
    if figure::note(c).is_some() {
        return Vec::new();
    }
    match c.view {
        View::Fit => c
            .points()
            .into_iter()
            .enumerate()
            .map(|(i, at)| Handle {
                id: HandleId::part(POINTS, i),
                at,
                role: Role::Data,
                label: HandleLabel::Value { name: format!("point {}", i + 1), at: vec![at.x, at.y], note: " (Delete removes it)" },
            })
            .collect(),
        View::Lines => c
            .lines()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter(|(_, (n, _))| n.norm_squared() > 0.0)
            .map(|(i, (n, offset))| Handle {
                id: HandleId::part(OFFSETS, i),
                at: n * (offset / n.norm_squared()),
                role: Role::Second,
                label: format!("line {}: b{} = {}", i + 1, i + 1, display_number(offset)).into(),
            })
            .collect(),
    }
}

/// Applies a gesture; returns whether anything changed.
pub(super) fn act(c: &mut Pseudoinverse, action: Action) -> bool {
    match action {
        Action::Move(id, to) => drag(c, id, to),
        Action::Place(at) => place(c, at),
        Action::Remove(id) => remove(c, id),
        Action::MoveInSpace(..) => false,
    }
}

/// Moves point `P:i` to `to`, or slides line `b:i` through `to`.
fn drag(c: &mut Pseudoinverse, id: HandleId, to: World) -> bool {
    if !(to.x.is_finite() && to.y.is_finite()) {
        return false;
    }
    match (id.input, id.index) {
        (POINTS, Some(i)) if i < c.p.nrows() => {
            let changed = c.p[(i, 0)] != to.x || c.p[(i, 1)] != to.y;
            c.p[(i, 0)] = to.x;
            c.p[(i, 1)] = to.y;
            changed
        }
        (OFFSETS, Some(i)) if i < c.b.len() && i < c.a.nrows() && c.a.ncols() == 2 => {
            let value = c.a[(i, 0)] * to.x + c.a[(i, 1)] * to.y;
            let changed = value.is_finite() && value != c.b[i];
            if changed {
                c.b[i] = value;
            }
            changed
        }
        _ => false,
    }
}

/// A click in the fit view adds the point `at` (while P has room in a link).
fn place(c: &mut Pseudoinverse, at: World) -> bool {
    if c.view != View::Fit || c.p.nrows() >= MAX_ROWS || !(at.x.is_finite() && at.y.is_finite()) {
        return false;
    }
    let n = c.p.nrows();
    let mut p = c.p.clone().resize_vertically(n + 1, 0.0);
    p[(n, 0)] = at.x;
    p[(n, 1)] = at.y;
    c.p = p;
    true
}

/// Delete in the fit view removes point `P:i`; the last point stays (a fit needs something to fit).
fn remove(c: &mut Pseudoinverse, id: HandleId) -> bool {
    let (POINTS, Some(i)) = (id.input, id.index) else { return false };
    if c.view != View::Fit || i >= c.p.nrows() || c.p.nrows() <= 1 {
        return false;
    }
    c.p = c.p.clone().remove_row(i);
    true
}
