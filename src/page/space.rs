//! The 3-D figure's side of the page: handles projected by the camera, drags in the screen plane,
//! and the orbit control.

use super::{Changes, Page, FINE_KEY_STEP, KEY_STEP, MAX_COORD};
use crate::chapter::{Action, Handle, HandleId, Handles};
use crate::math::clamp;
use crate::view::scene::Role;
use crate::view::space::{Point3, FINE_ORBIT_KEY_STEP, ORBIT_KEY_STEP};
use crate::view::viewport::Screen;

/// Where the orbit control sits: CSS px from the canvas's left and bottom edges.
const ORBIT_INSET: f64 = 28.0;

impl Page {
    /// The chapter's 3-D handles projected (while the timeline is at its end), then the orbit control.
    pub(super) fn projected_handles(&self, handles: Vec<Handle<Point3>>) -> Vec<Handle> {
        let mut out: Vec<Handle> = if self.mid_timeline() {
            Vec::new()
        } else {
            handles.into_iter().map(|h| Handle { at: self.camera.project(&h.at), id: h.id, role: h.role, label: h.label }).collect()
        };
        out.push(Handle {
            id: HandleId::ORBIT,
            at: self.viewport.to_world(Screen { x: ORBIT_INSET, y: self.viewport.height - ORBIT_INSET }),
            role: Role::Axis,
            label: format!("Rotate the 3-D view, now at {}", self.camera.describe()).into(),
        });
        out
    }

    fn space_handle(&self, id: HandleId) -> Option<Handle<Point3>> {
        match self.chapter.handles() {
            Handles::Space(handles) => handles.into_iter().find(|h| h.id == id),
            Handles::Plane(_) => None,
        }
    }

    fn move_space_handle(&mut self, id: HandleId, to: Point3, snap: bool) -> bool {
        let to = if snap && self.chapter.snaps(id) { to.map(f64::round) } else { to };
        to.iter().all(|x| x.is_finite()) && self.chapter.act(Action::MoveInSpace(id, to))
    }

    /// A pointer move while dragging in a 3-D figure: the orbit control turns the camera by the
    /// pointer's movement; a handle moves in the plane through it parallel to the screen.
    pub(super) fn drag_in_space(&mut self, id: HandleId, at: Screen) -> Changes {
        let mut ch = Changes::default();
        if id == HandleId::ORBIT {
            if let Some(from) = self.orbit_from {
                self.camera.drag(at.x - from.x, at.y - from.y);
                ch.figure = true;
            }
            self.orbit_from = Some(at);
            return ch;
        }
        let Some(h) = self.space_handle(id) else { return ch };
        let to = self.viewport.clamp(self.viewport.to_world(at));
        if let Some(p) = self.camera.drag_point(&h.at, to) {
            ch.state = self.move_space_handle(id, p, self.snap);
            ch.figure = ch.state;
        }
        ch
    }

    /// An arrow key in a 3-D figure. On the orbit control: turn the view (left/right around z,
    /// up/down to look from higher or lower). On a handle: a coarse step moves one unit along the
    /// world axis that looks most like the arrow (lattice points stay on the lattice); a fine step
    /// moves exactly along the screen's right/up directions.
    pub(super) fn nudge_in_space(&mut self, handles: &[Handle<Point3>], id: HandleId, dx: f64, dy: f64, fine: bool) -> Changes {
        let mut ch = Changes::default();
        if !(dx.is_finite() && dy.is_finite()) {
            return ch;
        }
        if id == HandleId::ORBIT {
            let step = if fine { FINE_ORBIT_KEY_STEP } else { ORBIT_KEY_STEP };
            self.camera.orbit(-dx * step, dy * step);
            ch.figure = true;
            return ch;
        }
        let Some(h) = handles.iter().find(|h| h.id == id) else { return ch };
        let step = if fine {
            (self.camera.right() * dx + self.camera.up() * dy) * FINE_KEY_STEP
        } else {
            self.camera.nearest_axis(dx, dy) * KEY_STEP
        };
        let to = (h.at + step).map(|x| clamp(x, -MAX_COORD, MAX_COORD));
        ch.state = self.move_space_handle(id, to, self.snap && !fine);
        ch.figure = true;
        ch.settled = ch.state;
        ch
    }
}
