//! PCA's handles and drags: d's tip, 1.5 standard deviations from the drawn mean (not in the
//! reconstruction view), and every point while there are at most [`HANDLED_POINTS`], in the plane or
//! in space. Turning d snaps it onto PC₁ within [`SNAP_DEGREES`]; a dragged point lands where it was
//! dropped even in the centred view, where the mean moves with it.

use super::plane::{mean_point, offset, point};
use super::space::{offset3, to_point3};
use super::{unit, Pca, View, HANDLED_POINTS, SNAP_DEGREES};
use crate::chapter::{Action, Handle, HandleId, HandleLabel, Handles};
use crate::format::{display_number, display_tuple};
use crate::math::pca::line_angle;
use crate::view::scene::Role;
use crate::view::space::Point3;
use crate::view::viewport::World;
use nalgebra::{DMatrix, DVector};

/// The handles of the figure: in the plane, in space, or none when nothing is drawn or the points are
/// shown in component coordinates (a dragged point would turn the very axes it is drawn on).
pub(super) fn handles(c: &Pca) -> Handles {
    if c.view == View::Pcs {
        if c.in_space() {
            Handles::Space(Vec::new())
        } else {
            Handles::Plane(Vec::new())
        }
    } else if c.plane() {
        Handles::Plane(plane_handles(c))
    } else if c.in_space() {
        Handles::Space(space_handles(c))
    } else {
        Handles::Plane(Vec::new())
    }
}

/// How many points are handles: all of them, or none when there are too many.
fn handled(c: &Pca) -> usize {
    if c.p.nrows() <= HANDLED_POINTS {
        c.p.nrows()
    } else {
        0
    }
}

/// d's handle in the plane, on the ray from the drawn mean along d.
pub(super) fn d_handle(c: &Pca) -> Handle {
    let d = c.direction();
    let at = mean_point(c) - offset(c, 1.0) + World::new(d[0], d[1]) * c.handle_radius();
    let angle = d[1].atan2(d[0]).to_degrees();
    Handle {
        id: HandleId::whole("d"),
        at,
        role: Role::Input,
        label: format!(
            "direction d = {}, {}° from the x-axis",
            display_tuple(&[d[0], d[1]]),
            display_number((angle * 10.0).round() / 10.0)
        )
        .into(),
    }
}

fn plane_handles(c: &Pca) -> Vec<Handle> {
    let o = offset(c, 1.0);
    let mut out = Vec::new();
    if c.view != View::Reconstruct {
        out.push(d_handle(c));
    }
    out.extend((0..handled(c)).map(|i| Handle {
        id: HandleId::part("P", i),
        at: point(c, i) - o,
        role: Role::Data,
        label: HandleLabel::value(format!("point {}", i + 1), &[c.p[(i, 0)], c.p[(i, 1)]]),
    }));
    out
}

fn space_handles(c: &Pca) -> Vec<Handle<Point3>> {
    let o = offset3(c, 1.0);
    let mut out = Vec::new();
    if c.view != View::Reconstruct {
        let d = to_point3(&c.direction());
        out.push(Handle {
            id: HandleId::whole("d"),
            at: to_point3(&c.analysis.mean) - o + d * c.handle_radius(),
            role: Role::Input,
            label: HandleLabel::value("direction d", d.as_slice()),
        });
    }
    out.extend((0..handled(c)).map(|i| {
        let p = Point3::from_fn(|j, _| c.p[(i, j)]);
        Handle {
            id: HandleId::part("P", i),
            at: p - o,
            role: Role::Data,
            label: HandleLabel::value(format!("point {}", i + 1), p.as_slice()),
        }
    }));
    out
}

/// A drag of d's tip or of a point, in the plane (while it is drawn there) or in space (likewise).
pub(super) fn act(c: &mut Pca, action: Action) -> bool {
    if c.view == View::Pcs {
        return false;
    }
    let (id, to, from) = match action {
        Action::Move(id, to) if c.plane() && to.iter().all(|x| x.is_finite()) => {
            let from = mean_point(c) - offset(c, 1.0);
            (id, vec![to.x, to.y], vec![from.x, from.y])
        }
        Action::MoveInSpace(id, to) if c.in_space() && to.iter().all(|x| x.is_finite()) => {
            let from = to_point3(&c.analysis.mean) - offset3(c, 1.0);
            (id, to.as_slice().to_vec(), from.as_slice().to_vec())
        }
        _ => return false,
    };
    match (id.input, id.index) {
        ("d", None) => c.view != View::Reconstruct && turn_d(c, &to.iter().zip(&from).map(|(t, f)| t - f).collect::<Vec<_>>()),
        ("P", Some(i)) if i < c.p.nrows() && c.p.nrows() <= HANDLED_POINTS => move_point(c, i, &to),
        _ => false,
    }
}

/// Sets d to the direction of `towards` (one entry per coordinate, from the drawn mean), snapping
/// onto PC₁ within [`SNAP_DEGREES`]; returns whether d changed.
fn turn_d(c: &mut Pca, towards: &[f64]) -> bool {
    if towards.len() != c.p.ncols() {
        return false;
    }
    let Some(u) = unit(DMatrix::from_column_slice(towards.len(), 1, towards)) else { return false };
    let mut u = DVector::from_column_slice(u.as_slice());
    if let (None, Ok(e)) = (c.pc1_not_unique(), c.components()) {
        let pc1 = e.direction(0);
        if line_angle(&u, &pc1) < SNAP_DEGREES {
            u = if u.dot(&pc1) >= 0.0 { pc1 } else { -pc1 };
        }
    }
    let d = DMatrix::from_column_slice(u.len(), 1, u.as_slice());
    let changed = d != c.d;
    c.d = d;
    changed
}

/// Moves point `i` so that it is drawn at `to` (one entry per coordinate): directly in the raw view;
/// in the centred view the mean moves with the point, so solve p′ − mean′ = to for p′. A dragged
/// point makes the data the reader's own: from then on the link carries the points.
fn move_point(c: &mut Pca, i: usize, to: &[f64]) -> bool {
    let (rows, cols) = c.p.shape();
    if i >= rows || to.len() != cols {
        return false;
    }
    let n = rows as f64;
    let centred = c.view == View::Centred;
    let target: Vec<f64> =
        (0..cols).map(|j| if centred { (to[j] + c.analysis.mean[j] - c.p[(i, j)] / n) * (n / (n - 1.0)) } else { to[j] }).collect();
    if target.iter().any(|x| !x.is_finite()) || (0..cols).all(|j| c.p[(i, j)] == target[j]) {
        return false;
    }
    let mut p = c.p.clone();
    for (j, x) in target.into_iter().enumerate() {
        p[(i, j)] = x;
    }
    if c.set_points(p).is_err() {
        return false;
    }
    c.generated = false;
    true
}
