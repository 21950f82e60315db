//! The span page's figure: which picture draws the state (the row picture, the column picture in
//! space, the column picture in the plane, or a sentence), its handles, the box its content occupies,
//! and the column picture in the plane: u, v, their span, the null line when they are dependent, the
//! sliders' path and b.

use super::{rows, space, Span};
use crate::chapter::figure::{bounds, plane, point, with_background};
use crate::chapter::handle::{column_handles, vector_handle};
use crate::chapter::null_space;
use crate::chapter::Draw;
use crate::chapter::{Figure, Handles};
use crate::format::{display_number, display_shape};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;

impl Draw for Span {
    /// The figure for the current state.
    fn figure(&self, _timeline: &Timeline) -> Figure {
        if let Some(note) = note(self) {
            return Figure::Note(note);
        }
        if self.rows_picture() {
            return Figure::Plane { scene: rows::scene(self), bounds: content_bounds(self) };
        }
        if let Some(space) = space::figure(self) {
            return Figure::Space(space);
        }
        Figure::Plane { scene: columns(self), bounds: content_bounds(self) }
    }
}

/// The draggable points: x in the row picture, else the columns of A and b (in space when the
/// figure is).
pub(super) fn handles(c: &Span) -> Handles {
    if c.rows_picture() {
        return Handles::Plane(if c.rows_drawn() { vec![rows::x_handle(c)] } else { Vec::new() });
    }
    if space::drawn(c) {
        return Handles::Space(space::handles(c));
    }
    if note(c).is_some() {
        return Handles::default();
    }
    let mut out = column_handles(&c.a, "A");
    for (h, name) in out.iter_mut().zip(["u", "v"]) {
        h.label.also_called(name);
    }
    out.extend(vector_handle(&c.b, "b", Role::Image));
    Handles::Plane(out)
}

/// Why nothing can be drawn for this state, if so.
fn note(c: &Span) -> Option<String> {
    if c.rows_picture() {
        return (!c.rows_drawn()).then(|| {
            format!(
                "The row picture draws up to three equations in two unknowns, one line each (A with 2 columns, b with one entry per row); now A is {} and b has {} entries. The numbers below are still exact.",
                display_shape(&c.a),
                c.b.len()
            )
        });
    }
    let drawn = (plane(&c.a).is_some() && point(&c.b).is_some()) || c.in_space();
    (!drawn).then(|| {
        format!(
            "The figure draws two vectors in the plane (a 2×2 A, b with 2 entries) or up to three in space (A with 3 rows and at most 3 columns, b with 3 entries); now A is {} and b has {} entries. The numbers below are still exact.",
            display_shape(&c.a),
            c.b.len()
        )
    })
}

/// The box a plane figure's content occupies, mirrored through the origin, with a margin: the row
/// picture's points, or the columns, then b and the sliders' path.
pub(super) fn content_bounds(c: &Span) -> (World, World) {
    let mut points = vec![World::zeros()];
    if c.rows_picture() {
        points.extend(rows::points(c));
    } else if let Some(a) = plane(&c.a) {
        points.push(a.column(0).into_owned());
        points.push(a.column(1).into_owned());
    }
    points.extend(point(&c.b));
    if let Some(a) = plane(&c.a) {
        // The sliders' path.
        let leg: World = a.column(0) * c.ca;
        points.push(leg);
        points.push(leg + a.column(1) * c.cb);
    }
    let mirrored: Vec<World> = points.iter().map(|p| -p).collect();
    points.extend(mirrored);
    // A margin, so a handle near the edge can still be dragged (or nudged) outwards.
    let (lo, hi) = bounds(&points);
    let pad = 0.5 + 0.15 * hi.amax();
    (lo - World::new(pad, pad), hi + World::new(pad, pad))
}

/// The column picture in the plane: the span of u and v (the plane, a line or the origin), the
/// sliders' path ca·u then cb·v, and b, reached or marked out of reach with its distance to the span.
fn columns(c: &Span) -> Scene {
    let (Some(a), Some(b)) = (plane(&c.a), point(&c.b)) else { return Scene::default() };
    let (u, v): (World, World) = (a.column(0).into_owned(), a.column(1).into_owned());
    let mut scene = Scene::default();
    let rank = c.rank().unwrap_or(0);
    match rank {
        2 => {
            // The whole plane: a light tint everywhere, and the lattice of integer combinations.
            let far = 1e4 * (1.0 + u.amax().max(v.amax()).max(b.amax()));
            scene.push(Shape::Polygon {
                points: vec![World::new(-far, -far), World::new(far, -far), World::new(far, far), World::new(-far, far)],
                fill: Some(Fill { role: Role::Basis1, alpha: 0.07 }),
                stroke: None,
            });
            scene.push(Shape::Lattice { map: a, stroke: Stroke::solid(Role::Grid, 1.0) });
        }
        1 => {
            let along = if u.norm() >= v.norm() { u } else { v };
            scene.push(Shape::Line {
                through: World::zeros(),
                direction: along,
                stroke: Stroke::solid(Role::Basis1, 4.0),
                label: Some("span{u, v}: a line".into()),
            });
        }
        _ => scene.push(Shape::Dot { at: World::zeros(), role: Role::Basis1, radius: 7.0 }),
    }
    // Dependent columns: the amounts (ca, cb) that walk the path back to the origin, a line through it.
    if let Ok(null) = c.null_space() {
        null.draw_in_plane(&mut scene, &nalgebra::Matrix2::identity(), null_space::LABEL);
    }
    scene.arrow(u, Stroke::solid(Role::Basis1, 3.0), "u");
    scene.arrow(v, Stroke::solid(Role::Basis2, 3.0), "v");
    // The sliders' combination, head to tail: ca steps along u, then cb along v.
    let leg = u * c.ca;
    let end = leg + v * c.cb;
    scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), format!("{}·u", display_number(c.ca)));
    scene.arrow_from(leg, end, Stroke::dashed(Role::Basis2, 2.0), format!("{}·v", display_number(c.cb)));
    if (end - b).norm() > 1e-9 * (1.0 + b.norm()) {
        scene.push(Shape::Dot { at: end, role: Role::Second, radius: 4.0 });
    }
    // b, marked out of reach (with a dotted line from the closest point of the span) when it is.
    let reached = c.reach();
    let (text, closest) = reached.mark();
    if let Some(p) = closest.and_then(point) {
        scene.arrow_from(p, b, Stroke::dotted(Role::Image, 1.5), "");
    }
    scene.push(Shape::Dot { at: b, role: Role::Image, radius: 6.0 });
    scene.push(Shape::Label { at: b + World::new(0.3, 0.3), text: text.into(), role: Role::Image });
    with_background(scene)
}
