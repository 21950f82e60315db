//! 2.1 Scalars, vectors, matrices and tensors: a matrix's shape, its transpose, scaling by a scalar,
//! numpy's broadcasting of a vector across the rows of a matrix (`A + b`, from `math::tensor`), and a
//! rank-3 tensor built by stacking those matrices (`np.stack([A, s * A, A + b])`), drawn in space.

mod figure;
mod readouts;
mod stack;
#[cfg(test)]
mod tests;
mod text;
mod transpose;

use crate::chapter::figure::point;
use crate::chapter::handle::{dragged, vector_handle};
use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, Handle, HandleId, HandleLabel, Handles, InputSpec};
use crate::math::tensor::{add_to_columns, add_to_rows, Broadcast};
use crate::view::scene::Role;
use crate::view::viewport::World;
use nalgebra::DMatrix;

crate::options! {
    /// The figure's views: the rows of A as points (with A + b), the columns of A as arrows, A's
    /// entries as cells that cross the main diagonal to become Aᵀ, or the rank-3 tensor that stacks
    /// A, s·A and A + b, drawn in space.
    pub enum View {
        Rows = ("rows", "Rows of A (A + b)"),
        Columns = ("columns", "Columns of A (rows of Aᵀ)"),
        Transpose = ("transpose", "Transpose (cells cross the diagonal)"),
        Stack = ("stack", "Stack: a rank-3 tensor (3-D)"),
    }
}

/// A cell's side at rest, in cells (the gap shows the grid): the transpose's cells and the stack's.
const CELL: f64 = 0.9;

/// The page state: the matrix A (m×n), the vector b, the scalar s and the view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tensors {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    s: f64,
    view: View,
}

fn set_a(c: &mut Tensors, a: DMatrix<f64>) -> Result<(), ChapterError> {
    c.a = a;
    Ok(())
}

fn set_b(c: &mut Tensors, b: DMatrix<f64>) -> Result<(), ChapterError> {
    c.b = b;
    Ok(())
}

fn set_s(c: &mut Tensors, s: f64) -> Result<(), ChapterError> {
    c.s = s;
    Ok(())
}

/// numpy's shape text: `(3,2)` for a matrix.
fn numpy_shape(m: &DMatrix<f64>) -> String {
    format!("({},{})", m.nrows(), m.ncols())
}

/// "s" after a count other than one.
fn plural(k: usize) -> &'static str {
    if k == 1 {
        ""
    } else {
        "s"
    }
}

impl Tensors {
    /// How numpy broadcasts b against A in `A + b`.
    fn broadcast(&self) -> Broadcast {
        Broadcast::of(self.a.ncols(), self.b.len())
    }

    /// numpy's `A + b` for a 1-D b, or `None` when the shapes do not broadcast.
    fn broadcast_sum(&self) -> Option<DMatrix<f64>> {
        add_to_rows(&self.a, &self.b)
    }

    /// numpy's `A + b[:, None]`: b as a column copied across the columns, when it broadcasts.
    fn column_broadcast(&self) -> Option<DMatrix<f64>> {
        add_to_columns(&self.a, &self.b)
    }

    /// The 2-vector that `A + b` adds to every row of a 2-column A, when it exists.
    fn shift(&self) -> Option<World> {
        if self.a.ncols() != 2 {
            return None;
        }
        match self.broadcast() {
            Broadcast::Rows => point(&self.b),
            Broadcast::Scalar => Some(World::new(self.b[0], self.b[0])),
            Broadcast::Incompatible => None,
        }
    }

    /// The rows of a 2-column A as points.
    fn rows(&self) -> Vec<World> {
        if self.a.ncols() != 2 {
            return Vec::new();
        }
        (0..self.a.nrows()).map(|i| World::new(self.a[(i, 0)], self.a[(i, 1)])).collect()
    }

    /// The columns of a 2-row A as points.
    fn columns(&self) -> Vec<World> {
        if self.a.nrows() != 2 {
            return Vec::new();
        }
        (0..self.a.ncols()).map(|j| World::new(self.a[(0, j)], self.a[(1, j)])).collect()
    }

    /// The rows of A as points `row:i`, and b's tip when b is added to every row.
    fn row_handles(&self) -> Vec<Handle> {
        let mut out: Vec<Handle> = self
            .rows()
            .into_iter()
            .enumerate()
            .map(|(i, at)| Handle {
                id: HandleId::part("row", i),
                at,
                role: Role::Data,
                label: HandleLabel::value(format!("row {} of A", i + 1), &[at.x, at.y]),
            })
            .collect();
        if self.broadcast() == Broadcast::Rows {
            out.extend(vector_handle(&self.b, "b", Role::Second));
        }
        out
    }

    /// The columns of A as points `A:j`, in the columns' colours.
    fn column_handles(&self) -> Vec<Handle> {
        self.columns()
            .into_iter()
            .enumerate()
            .map(|(j, at)| Handle {
                id: HandleId::part("A", j),
                at,
                role: figure::column_role(j),
                label: HandleLabel::value(format!("column {} of A", j + 1), &[at.x, at.y]),
            })
            .collect()
    }
}

impl Chapter for Tensors {
    // The notebooks' matrix A = [[1, 2], [3, 4], [5, 6]] (3×2). The notebooks broadcast a column (3
    // entries) across A; numpy's `A + b` with a 1-D `b` broadcasts along the rows instead, so b has one
    // entry per column of A. b = (3, −1) rather than (2, 4) from the column (2, 4, 6): (2, 4) lies on
    // the line through the origin and row 1 = (1, 2), so b's arrow would run straight through that
    // row's point. s = 2.
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix("A", "1,2;3,4;5,6", |c| Some(&c.a), set_a),
        InputSpec::vector("b", "3,-1", |c| Some(&c.b), set_b),
        InputSpec::scalar("s", "2", |c| Some(c.s), set_s),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[crate::choice!("view", "Figure", view: View)];
    const PROSE: &'static str = include_str!("prose.html");

    fn stages(&self) -> Vec<&'static str> {
        let drawn = figure::note(self).is_none();
        match self.view {
            View::Transpose if drawn => vec!["cross the diagonal"],
            View::Rows if drawn && self.shift().is_some() => vec!["add b to every row"],
            _ => vec![],
        }
    }

    fn handles(&self) -> Handles {
        if figure::note(self).is_some() {
            return Handles::default();
        }
        match self.view {
            View::Rows => Handles::Plane(self.row_handles()),
            View::Columns => Handles::Plane(self.column_handles()),
            // The transpose and stack views show entries, not points: A is edited in its grid below.
            View::Transpose => Handles::default(),
            View::Stack => Handles::Space(Vec::new()),
        }
    }

    /// Moves a row of a 2-column A (`row:i`), a column of a 2-row A (`A:j`), or b (while A has two
    /// columns), in any view.
    fn act(&mut self, action: Action) -> bool {
        let Action::Move(id, to) = action else { return false };
        let to = [to.x, to.y];
        match (id.input, id.index) {
            // A row of A is a column of Aᵀ.
            ("row", Some(i)) => dragged(&self.a.transpose(), Some(i), &to).is_some_and(|t| set_a(self, t.transpose()).is_ok()),
            ("A", Some(j)) => dragged(&self.a, Some(j), &to).is_some_and(|a| set_a(self, a).is_ok()),
            ("b", None) if self.a.ncols() == 2 => dragged(&self.b, None, &to).is_some_and(|b| set_b(self, b).is_ok()),
            _ => false,
        }
    }
}
