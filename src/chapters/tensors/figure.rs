//! The tensors page's figure: which view draws what, the sentence shown when a view cannot draw A,
//! and the two plane views of points: the rows of A moved by b (`A + b`), and the columns of A as
//! arrows. The transpose and the stack have their own files.

use super::{stack, transpose, Tensors, View};
use crate::chapter::figure::{bounds, with_background};
use crate::chapter::handle;
use crate::chapter::Draw;
use crate::chapter::Figure;
use crate::format::subscript;
use crate::state::matrix::format_matrix;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

impl Draw for Tensors {
    /// The figure in the current view, or why it cannot be drawn.
    fn figure(&self, t: &Timeline) -> Figure {
        if let Some(note) = note(self) {
            return Figure::Note(note);
        }
        match self.view {
            View::Stack => Figure::Space(stack::space(self)),
            // Cells on a plain background: the plane's grid and axes would read as more entries.
            View::Transpose => Figure::Plane { scene: transpose::scene(self, t), bounds: transpose::bounds(self) },
            View::Rows | View::Columns => {
                let mut scene = Scene::default();
                scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
                if self.view == View::Columns {
                    columns(self, &mut scene);
                } else {
                    rows(self, t, &mut scene);
                }
                Figure::Plane { scene: with_background(scene), bounds: plane_bounds(self) }
            }
        }
    }
}

/// Why the current view cannot draw A (too large, or without the 2 rows or columns the plane
/// needs), with a suggestion when the transpose would fit.
pub(super) fn note(c: &Tensors) -> Option<String> {
    let (m, n) = c.a.shape();
    match c.view {
        View::Stack if m > stack::MAX || n > stack::MAX => Some(format!(
            "This view draws each matrix of the stack as a sheet of cells, for up to {} rows and columns so that the sheets stay readable; now A is {m}×{n}. The numbers below are still exact.",
            stack::MAX
        )),
        View::Transpose if m > transpose::MAX => Some(format!(
            "This view draws each entry of A as a cell, for up to {} rows so that the numbers stay readable; now A is {m}×{n}. The numbers below are still exact.",
            transpose::MAX
        )),
        View::Columns if m != 2 => Some(format!(
            "This view draws each column of A as an arrow in the plane, so A needs 2 rows; now A is {m}×{n}.{} The numbers below are still exact.",
            if n == 2 { format!(" Its transpose has 2 rows: try A={}.", format_matrix(&c.a.transpose())) } else { String::new() }
        )),
        View::Rows if n != 2 => Some(format!(
            "This view draws each row of A as a point in the plane, so A needs 2 columns; now A is {m}×{n}.{} The numbers below are still exact.",
            if m == 2 { format!(" Its transpose has 2 columns: try A={}.", format_matrix(&c.a.transpose())) } else { String::new() }
        )),
        _ => None,
    }
}

/// Colours of A's columns: orange, blue, then reddish purple (the third basis colour), then data blue.
pub(super) fn column_role(j: usize) -> Role {
    if j > 2 {
        Role::Data
    } else {
        handle::column_role(j)
    }
}

/// The rows of A as points, each with its copy moved by b (the timeline adds b), and b itself.
fn rows(c: &Tensors, t: &Timeline, scene: &mut Scene) {
    let rows = c.rows();
    let (lo, hi) = plane_bounds(c);
    let nudge = (hi - lo).amax().max(1.0) * 0.045;
    if let Some(shift) = c.shift().map(|s| s * t.progress(0)) {
        // The ghost copies: the same arrow b, drawn once from every row.
        for r in &rows {
            scene.arrow_from(*r, r + shift, Stroke::dashed(Role::Second, 1.5), "");
        }
        scene.arrow(shift, Stroke::solid(Role::Second, 3.0), "b");
        for r in &rows {
            scene.push(Shape::Dot { at: r + shift, role: Role::Image, radius: 5.0 });
        }
    }
    for (i, r) in rows.iter().enumerate() {
        scene.push(Shape::Dot { at: *r, role: Role::Data, radius: 5.0 });
        scene.push(Shape::Label { at: r + World::new(-nudge, nudge), text: format!("row {}", i + 1), role: Role::Data });
    }
}

/// The columns of A as arrows `a₁`, `a₂`…
fn columns(c: &Tensors, scene: &mut Scene) {
    for (j, col) in c.columns().iter().enumerate() {
        scene.arrow(*col, Stroke::solid(column_role(j), 3.0), format!("a{}", subscript(j + 1)));
    }
}

/// The box of the rows (and their moved copies, and b), or of the columns.
fn plane_bounds(c: &Tensors) -> (World, World) {
    if c.view == View::Columns {
        return bounds(&c.columns());
    }
    let mut points = c.rows();
    if let Some(shift) = c.shift() {
        let moved: Vec<World> = points.iter().map(|r| r + shift).collect();
        points.extend(moved);
        points.push(shift);
    }
    bounds(&points)
}
