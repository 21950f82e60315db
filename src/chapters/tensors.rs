//! 2.1 Scalars, vectors, matrices and tensors: a matrix's shape, its transpose, scaling by a scalar,
//! numpy's broadcasting of a vector across the rows of a matrix (`A + b`), and a rank-3 tensor built
//! by stacking those matrices (`np.stack([A, s * A, A + b])`), drawn in space.

use super::common::{bounds, drag_into, pick_option, point, vector_handle, with_background};
use super::{Chapter, Choice, Code, Handle, Input, InputKind};
use crate::format::{display_number, display_shape, display_tuple};
use crate::readout::{matrix_readout, Readout, Value};
use crate::state::matrix::format_matrix;
use crate::state::number::format_number;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::space::{Camera, Point3, Shape3, Space};
use crate::view::timeline::{ease_in_out, Timeline};
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The figure's views: the rows of A as points (with A + b), the columns of A as arrows, A's
/// entries as cells that cross the main diagonal to become Aᵀ, or the rank-3 tensor that stacks A,
/// s·A and A + b, drawn in space.
const VIEWS: &[(&str, &str)] = &[
    ("rows", "Rows of A (A + b)"),
    ("columns", "Columns of A (rows of Aᵀ)"),
    ("transpose", "Transpose (cells cross the diagonal)"),
    ("stack", "Stack: a rank-3 tensor (3-D)"),
];

/// How far, in cells, a cell swings sideways along the diagonal halfway through its flight, so that
/// the two entries trading places pass each other instead of meeting in the middle.
const SWING: f64 = 0.35;
/// A cell's side at rest, in cells (the gap shows the grid).
const CELL: f64 = 0.9;
/// How much a cell's side shrinks halfway through its flight, to cover less of the cells it passes.
const CELL_SHRINK: f64 = 0.3;
/// The most rows the transpose view draws (columns are limited to the same number by the editor).
const TRANSPOSE_MAX: usize = crate::state::matrix::MAX_DIM;
/// The most rows or columns the stack view draws: three sheets of up to 8×8 cells.
const STACK_MAX: usize = crate::state::matrix::MAX_DIM;
/// The figure width the stack view lays its labels out for, in CSS px: a phone's, the smallest. The
/// numbers are written in the cells only when they fit at this size (otherwise the cells stay empty
/// and the `stack` readout has the values); on a wider figure everything is larger.
const STACK_FIGURE_PX: f64 = 360.0;
/// The width of a digit, a minus sign or a letter of a figure label (13 px system font), in CSS px;
/// a decimal point takes about half of that.
const LABEL_CHAR_PX: f64 = 7.5;
/// The screen gap between two sheets of the stack from the default viewpoint, in cells.
const STACK_SHEET_GAP: f64 = 0.7;
/// The least screen distance from one sheet's left edge to the next one's, in cells: room for the
/// sheet's name above a narrow sheet.
const STACK_SHEET_STEP: f64 = 2.3;
/// How far the axis arrows stand off the front sheet's edges, in cells.
const STACK_AXIS_OFFSET: f64 = 0.4;

/// The page state: the matrix A (m×n), the vector b and the scalar s (stored as a 1×1 matrix).
#[derive(Debug, Clone, PartialEq)]
pub struct Tensors {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    s: f64,
    view: &'static str,
}

/// The seed's matrix A = [[1, 2], [3, 4], [5, 6]] (3×2). The seed broadcasts a column (3 entries)
/// across A; numpy's `A + b` with a 1-D `b` broadcasts along the rows instead, so b has one entry per
/// column of A. b = (3, −1) rather than (2, 4) from the seed's column (2, 4, 6): (2, 4) lies on the line through the
/// origin and row 1 = (1, 2), so b's arrow would run straight through that row's point. s = 2.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Tensors {
        a: DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        b: DMatrix::from_column_slice(2, 1, &[3.0, -1.0]),
        s: 2.0,
        view: VIEWS[0].0,
    })
}

/// How numpy broadcasts a 1-D `b` of `k` entries against an m×n `A` in `A + b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broadcast {
    /// k = n: b is added to every row.
    Rows,
    /// k = 1: b acts as a scalar, added to every entry.
    Scalar,
    /// Any other k: numpy raises "operands could not be broadcast together".
    Incompatible,
}

/// numpy's shape text: `(3,2)` for a matrix, `(3,)` for a 1-D array.
fn numpy_shape(m: &DMatrix<f64>) -> String {
    format!("({},{})", m.nrows(), m.ncols())
}

/// Subscript digits for labels: 12 → "₁₂".
fn subscript(i: usize) -> String {
    i.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

impl Tensors {
    fn broadcast(&self) -> Broadcast {
        let k = self.b.len();
        if k == self.a.ncols() {
            Broadcast::Rows
        } else if k == 1 {
            Broadcast::Scalar
        } else {
            Broadcast::Incompatible
        }
    }

    /// numpy's `A + b` for a 1-D b, or `None` when the shapes do not broadcast.
    fn broadcast_sum(&self) -> Option<DMatrix<f64>> {
        let b = &self.b;
        match self.broadcast() {
            Broadcast::Rows => Some(DMatrix::from_fn(self.a.nrows(), self.a.ncols(), |i, j| self.a[(i, j)] + b[j])),
            Broadcast::Scalar => Some(self.a.add_scalar(b[0])),
            Broadcast::Incompatible => None,
        }
    }

    /// numpy's `A + b[:, None]`: b as a column (k×1) copied across the columns, when it broadcasts.
    fn column_broadcast(&self) -> Option<DMatrix<f64>> {
        let b = &self.b;
        match b.len() {
            k if k == self.a.nrows() => Some(DMatrix::from_fn(self.a.nrows(), self.a.ncols(), |i, j| self.a[(i, j)] + b[i])),
            1 => Some(self.a.add_scalar(b[0])),
            _ => None,
        }
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

    fn incompatible_reason(&self) -> String {
        let mut why = format!(
            "operands could not be broadcast together with shapes {} ({},): b needs {} entries, one per column of A (or a single one)",
            numpy_shape(&self.a),
            self.b.len(),
            self.a.ncols()
        );
        if self.b.len() == self.a.nrows() {
            why.push_str("; as a column, A + b[:, None] works (column_broadcast)");
        }
        why
    }

    fn broadcast_readout(&self) -> Readout {
        let label = "A + b";
        match self.broadcast_sum() {
            Some(sum) => {
                let note = match self.broadcast() {
                    Broadcast::Rows => format!(
                        "b {} is added to each of the {} rows: shapes {} and ({},) broadcast to {}",
                        display_tuple(&self.b.iter().copied().collect::<Vec<_>>()),
                        self.a.nrows(),
                        numpy_shape(&self.a),
                        self.b.len(),
                        numpy_shape(&self.a)
                    ),
                    _ => format!("b has one entry, so it acts like the scalar {} added to every entry", display_number(self.b[0])),
                };
                matrix_readout("broadcast_sum", label, &sum, note)
            }
            None => Readout::missing("broadcast_sum", label, self.incompatible_reason()),
        }
    }

    fn column_readout(&self) -> Readout {
        let label = "A + b[:, None]";
        match self.column_broadcast() {
            Some(sum) if self.b.len() == self.a.nrows() => matrix_readout(
                "column_broadcast",
                label,
                &sum,
                format!("b as a {}×1 column, copied across the {} columns of A", self.b.len(), self.a.ncols()),
            ),
            Some(sum) => matrix_readout("column_broadcast", label, &sum, "b has one entry: the same as adding a scalar"),
            None => Readout::missing(
                "column_broadcast",
                label,
                format!(
                    "operands could not be broadcast together with shapes {} ({},1): as a column, b needs one entry per row of A ({})",
                    numpy_shape(&self.a),
                    self.b.len(),
                    self.a.nrows()
                ),
            ),
        }
    }

    fn scene_rows(&self, t: &Timeline, scene: &mut Scene) -> Option<()> {
        let rows = self.rows();
        if rows.is_empty() {
            return None;
        }
        let (lo, hi) = self.content_bounds();
        let nudge = (hi - lo).amax().max(1.0) * 0.045;
        let shift = self.shift().map(|s| s * t.progress(0));
        if let Some(shift) = shift {
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
        Some(())
    }

    /// The transpose as motion: A's entries as labelled cells (row i, column j at x = j, y = −i from
    /// the matrix's top-left corner), each swinging across the main diagonal to row j, column i while
    /// the frame turns from m×n to n×m. The diagonal's cells stay put.
    fn scene_transpose(&self, t: &Timeline, scene: &mut Scene) {
        let (m, n) = self.a.shape();
        let p = t.progress(0);
        let corner = transpose_corner(m, n);
        let diagonal = m.min(n) as f64;
        // The main diagonal, named at its top-left end, outside the matrix.
        scene.push(Shape::Polyline {
            points: vec![corner + World::new(-0.3, 0.3), corner + World::new(diagonal, -diagonal)],
            stroke: Stroke::dashed(Role::Axis, 1.0),
        });
        scene.push(Shape::Label { at: corner + World::new(-0.45, 0.45), text: "diagonal".into(), role: Role::Axis });
        // The frame: m×n at the start, n×m at the end, named above.
        let (w, h) = (n as f64 + (m as f64 - n as f64) * p, m as f64 + (n as f64 - m as f64) * p);
        let frame = [(0.0, 0.0), (w, 0.0), (w, -h), (0.0, -h)].map(|(x, y)| corner + World::new(x, y)).to_vec();
        scene.push(Shape::Polygon { points: frame, fill: None, stroke: Some(Stroke::solid(Role::Axis, 1.5)) });
        let title = if p < 0.5 { format!("A is {m}×{n}") } else { format!("Aᵀ is {n}×{m}") };
        scene.push(Shape::Label { at: corner + World::new(m.max(n) as f64 / 2.0, 0.45), text: title, role: Role::Axis });
        let along = World::new(1.0, -1.0) / 2f64.sqrt();
        // One wave per distance from the diagonal: first the entries next to it trade places, then the
        // next ones out, so only a few cells are in the air at once and every label stays readable.
        let waves = (m.max(n) - 1).max(1) as f64;
        let position = t.position().clamp(0.0, 1.0);
        // Diagonal cells first, so the moving ones pass over them.
        let mut cells: Vec<(usize, usize)> = (0..m).flat_map(|i| (0..n).map(move |j| (i, j))).collect();
        cells.sort_by_key(|&(i, j)| i != j);
        for (i, j) in cells {
            let from = cell_centre(corner, i, j);
            let to = cell_centre(corner, j, i);
            let mid = (from + to) / 2.0;
            // Above the diagonal one way, below it the other, the diagonal itself not at all.
            let side = match j.cmp(&i) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Less => -1.0,
                std::cmp::Ordering::Equal => 0.0,
            };
            let wave = i.abs_diff(j).saturating_sub(1) as f64;
            let flight = if i == j { 0.0 } else { ease_in_out((position * waves - wave).clamp(0.0, 1.0)) };
            let swing = (flight * std::f64::consts::PI).sin();
            let at = mid + (from - mid) * (flight * std::f64::consts::PI).cos() + along * (SWING * swing * side);
            let half = (CELL - CELL_SHRINK * swing * side.abs()) / 2.0;
            let role = if i == j { Role::Input } else { Role::Data };
            let square = [(-half, half), (half, half), (half, -half), (-half, -half)].map(|(x, y)| at + World::new(x, y)).to_vec();
            scene.push(Shape::Polygon { points: square, fill: Some(Fill { role, alpha: 0.12 }), stroke: Some(Stroke::solid(role, 1.5)) });
            scene.push(Shape::Label { at: at + World::new(0.0, -0.05), text: display_number(self.a[(i, j)]), role });
        }
    }

    /// The matrices `np.stack` puts one after another along axis 0: A, s·A, and A + b when b
    /// broadcasts. When it does not, numpy raises instead of making A + b, so the tensor stacks the
    /// two matrices that exist and the notes say why.
    fn stack(&self) -> Vec<Slice> {
        let mut slices = vec![
            Slice { numpy: "A", label: "A", value: self.a.clone(), role: Role::Data },
            Slice { numpy: "s * A", label: "s·A", value: &self.a * self.s, role: Role::Second },
        ];
        if let Some(sum) = self.broadcast_sum() {
            slices.push(Slice { numpy: "A + b", label: "A + b", value: sum, role: Role::Image });
        }
        slices
    }

    /// `np.stack([A, s * A, A + b])` (or without A + b) as the code panel writes it.
    fn stack_call(slices: &[Slice], stack: &str) -> String {
        format!("{stack}([{}])", slices.iter().map(|s| s.numpy).collect::<Vec<_>>().join(", "))
    }

    /// What the stack is made of, in words, with the reason when A + b is left out.
    fn stack_recipe(&self, slices: &[Slice]) -> String {
        let call = Self::stack_call(slices, "np.stack");
        if slices.len() == 3 {
            format!("T = {call}")
        } else {
            format!(
                "A + b does not exist (shapes {} and ({},) do not broadcast), so T = {call} stacks the {} matrices that do",
                numpy_shape(&self.a),
                self.b.len(),
                slices.len()
            )
        }
    }

    fn stack_readouts(&self) -> [Readout; 2] {
        let slices = self.stack();
        let (m, n) = self.a.shape();
        let k = slices.len();
        let shape = Readout::new(
            "stack_shape",
            "T.shape",
            Value::Vector(vec![k as f64, m as f64, n as f64]),
            format!(
                "{}: axis 0 picks one of the {k} matrices, axis 1 one of {m} row{}, axis 2 one of {n} column{}",
                self.stack_recipe(&slices),
                plural(m),
                plural(n)
            ),
        );
        let values: Vec<Value> = slices.iter().map(|s| Value::matrix(&s.value)).collect();
        let stack = match values.iter().position(|v| *v == Value::Null) {
            Some(i) => Readout::missing(
                "stack",
                "T",
                format!("T[{i}] = {} has an entry too large for a 64-bit float (overflow)", slices.get(i).map_or("", |s| s.label)),
            ),
            None => {
                let names: Vec<String> = slices.iter().enumerate().map(|(i, s)| format!("T[{i}] = {}", s.label)).collect();
                Readout::new("stack", "T", Value::List(values), format!("{}; T[i, j, k] is row j, column k of matrix i", names.join(", ")))
            }
        };
        [shape, stack]
    }

    /// Whether the numbers fit in the cells at `px_per_cell`, so that a number never spills over
    /// its neighbours.
    fn stack_numbers_fit(slices: &[Slice], px_per_cell: f64) -> bool {
        let cell_px = Camera::default().project(&Point3::new(0.0, CELL, 0.0)).x * px_per_cell;
        let text_px = |x: &f64| display_number(*x).chars().map(|c| if c == '.' { LABEL_CHAR_PX / 2.0 } else { LABEL_CHAR_PX }).sum::<f64>();
        let widest = slices.iter().flat_map(|s| s.value.iter()).map(text_px).fold(0.0, f64::max);
        widest + 4.0 <= cell_px
    }

    /// The code panel's lines for the stack: build it, its shape, one matrix, one entry of every matrix.
    fn stack_code(&self, code: &mut Code) {
        let slices = self.stack();
        let (m, n) = self.a.shape();
        let k = slices.len();
        let firsts: Vec<String> = slices.iter().map(|s| s.value.get((0, 0)).map_or_else(String::new, |x| format_number(*x))).collect();
        let firsts = firsts.join(", ");
        let rust: Vec<&str> = slices
            .iter()
            .map(|s| match s.numpy {
                "A" => "a.clone()",
                "s * A" => "scaled",
                _ => "sum",
            })
            .collect();
        code.numpy.push('\n');
        code.torch.push('\n');
        code.nalgebra.push('\n');
        if k < 3 {
            code.line(
                "# A + b raises, so T stacks the two matrices that exist",
                "# A + b raises, so T stacks the two matrices that exist",
                "// A + b does not exist, so T stacks the two matrices that do",
            );
        }
        code.line(
            &format!("T = {}  # a new axis 0 in front", Self::stack_call(&slices, "np.stack")),
            &format!("T = {}", Self::stack_call(&slices, "torch.stack")),
            "// nalgebra has no rank-3 tensor: an array of same-shape matrices stands in.",
        );
        code.line(
            &format!("T.shape  # ({k}, {m}, {n})"),
            &format!("T.shape  # torch.Size([{k}, {m}, {n}])"),
            &format!("let stack = [{}];", rust.join(", ")),
        );
        code.line(
            "T[1]  # the matrix s * A",
            "T[1]  # the matrix s * A",
            &format!("let stack_shape = (stack.len(), stack[0].nrows(), stack[0].ncols()); // ({k}, {m}, {n})"),
        );
        code.line(
            &format!("T[:, 0, 0]  # entry (0, 0) of every matrix: [{firsts}]"),
            &format!("T[:, 0, 0]  # entry (0, 0) of every matrix: [{firsts}]"),
            &format!("let firsts: Vec<f64> = stack.iter().map(|m| m[(0, 0)]).collect(); // [{firsts}]"),
        );
    }

    /// The rank-3 tensor in space: each matrix a sheet of cells (with its numbers when they fit),
    /// the sheets one behind the other along axis 0, numpy's three axes as arrows around the front
    /// matrix, and the shape.
    fn space_stack(&self) -> Space {
        let slices = self.stack();
        let (m, n) = self.a.shape();
        let layout = StackLayout::new(slices.len(), m, n);
        let last = slices.len().saturating_sub(1) as f64;
        let (rows, cols) = (m as f64, n as f64);
        let mut space = Space::default();
        let half = CELL / 2.0;
        for (k, slice) in slices.iter().enumerate() {
            let depth = k as f64;
            for i in 0..m {
                for j in 0..n {
                    let (r, c) = (i as f64 + 0.5, j as f64 + 0.5);
                    let points = [(-half, -half), (-half, half), (half, half), (half, -half)]
                        .iter()
                        .map(|(dr, dc)| layout.at(depth, r + dr, c + dc))
                        .collect();
                    space.push(Shape3::Polygon {
                        points,
                        fill: Some(Fill { role: slice.role, alpha: 0.12 }),
                        stroke: Some(Stroke::solid(slice.role, 1.5)),
                    });
                }
            }
            // A faint edge of the box the tensor fills, from this sheet's top-left corner to the next one's
            // (one piece per gap, so that depth sorting puts each between its two sheets).
            if k + 1 < slices.len() {
                let points = vec![layout.at(depth, 0.0, 0.0), layout.at(depth + 1.0, 0.0, 0.0)];
                space.push(Shape3::Polyline { points, stroke: Stroke::dashed(Role::Ghost, 1.0) });
            }
        }
        // numpy's three axes around the front matrix: axis 1 down its rows, axis 2 along its columns, and
        // axis 0 from its bottom-right corner past the others' (a line that passes beside every sheet).
        let off = STACK_AXIS_OFFSET;
        let axis = Stroke::solid(Role::Axis, 1.5);
        space.arrow_from(layout.at(0.0, 0.0, -off), layout.at(0.0, rows, -off), axis, "");
        space.arrow_from(layout.at(0.0, rows + off, 0.0), layout.at(0.0, rows + off, cols), axis, "");
        space.arrow_from(layout.at(0.0, rows + off, cols + off), layout.at(last + 0.35, rows + off, cols + off), axis, "");
        // The labels keep their distances in screen pixels at the size the figure will have, which
        // depends on the labels themselves: estimate it, place them, estimate again, place them again.
        let mut px_per_cell = layout.px_per_cell(&space);
        for _ in 0..2 {
            let mut labelled = space.clone();
            Self::stack_labels(&slices, &layout, px_per_cell, &mut labelled);
            px_per_cell = layout.px_per_cell(&labelled);
        }
        Self::stack_labels(&slices, &layout, px_per_cell, &mut space);
        space
    }

    /// The stack's labels, `px_per_cell` CSS px to a cell: each matrix's name above it, the axes'
    /// names beside their arrows, the shape above all, and the numbers in the cells when they fit.
    /// Labels are drawn with their baseline at the point given.
    fn stack_labels(slices: &[Slice], layout: &StackLayout, px_per_cell: f64, space: &mut Space) {
        let (m, n) = (layout.rows, layout.cols);
        let (rows, cols) = (m as f64, n as f64);
        let last = slices.len().saturating_sub(1) as f64;
        let off = STACK_AXIS_OFFSET;
        let px = 1.0 / px_per_cell;
        let camera = Camera::default();
        let screen = |p: Point3| camera.project(&p);
        // Screen units (up) per row and per column, and how much lower the middle of the top edge
        // is than its left end.
        let per_row = (screen(layout.at(0.0, 0.0, 0.0)) - screen(layout.at(0.0, 1.0, 0.0))).y;
        let per_col = (screen(layout.at(0.0, 0.0, 1.0)) - screen(layout.at(0.0, 0.0, 0.0))).x;
        let drop = (screen(layout.at(0.0, 0.0, 0.0)) - screen(layout.at(0.0, 0.0, cols / 2.0))).y;
        // Names: the text's bottom 6 px above the sheet's top-left corner (its highest point).
        let title = (10.0 * px + drop) / per_row;
        for (k, slice) in slices.iter().enumerate() {
            space.label(layout.at(k as f64, -title, cols / 2.0), format!("T[{k}] = {}", slice.label), slice.role);
        }
        // The shape over the middle of the stack, a line above the highest name (the last sheet's).
        let rise = (screen(layout.at(last, 0.0, 0.0)) - screen(layout.at(last / 2.0, 0.0, 0.0))).y;
        let shape_at = layout.at(last / 2.0, -title - (20.0 * px + rise) / per_row, cols / 2.0);
        space.label(shape_at, format!("T.shape = ({}, {m}, {n})", slices.len()), Role::Axis);
        // Each axis named on two short lines, clear of its arrow and of the sheets.
        let mut axis_label = |at: Point3, name: &str, meaning: &str| {
            space.label(at, name, Role::Axis);
            space.label(at - Point3::new(0.0, 0.0, 17.0 * px / per_row), meaning, Role::Axis);
        };
        axis_label(layout.at(0.0, rows / 2.0 - 0.3, -off - 28.0 * px / per_col), "axis 1", "row");
        axis_label(layout.at(0.0, rows + off + 18.0 * px / per_row, cols / 2.0), "axis 2", "column");
        axis_label(layout.at(last / 2.0, rows + off + 30.0 * px / per_row, cols + off), "axis 0", "matrix");
        if Self::stack_numbers_fit(slices, px_per_cell) {
            for (k, slice) in slices.iter().enumerate() {
                for (i, j) in (0..m).flat_map(|i| (0..n).map(move |j| (i, j))) {
                    if let Some(x) = slice.value.get((i, j)) {
                        // The baseline a little below the centre, so that the digits sit in the middle.
                        space.label(
                            layout.at(k as f64, i as f64 + 0.5 + 4.0 * px / per_row, j as f64 + 0.5),
                            display_number(*x),
                            slice.role,
                        );
                    }
                }
            }
        }
    }

    fn scene_columns(&self, scene: &mut Scene) -> Option<()> {
        let columns = self.columns();
        if columns.is_empty() {
            return None;
        }
        for (j, c) in columns.iter().enumerate() {
            scene.arrow(*c, Stroke::solid(column_role(j), 3.0), format!("a{}", subscript(j + 1)));
        }
        Some(())
    }
}

/// One matrix of the stacked tensor T: its numpy expression, its name in the figure, its value and colour.
struct Slice {
    /// How numpy writes it: `A`, `s * A`, `A + b`.
    numpy: &'static str,
    /// How the figure and the notes name it: `A`, `s·A`, `A + b`.
    label: &'static str,
    value: DMatrix<f64>,
    role: Role,
}

/// Where the stack view puts things in space. Sheet k lies in the plane x = depth(k): axis 0 runs
/// along −x (away from the default viewer), axis 2 (the columns) along +y and axis 1 (the rows) down
/// −z, and the whole tensor is centred on the origin, the centre the camera orbits.
#[derive(Debug, Clone, Copy)]
struct StackLayout {
    sheets: usize,
    rows: usize,
    cols: usize,
    /// The distance between two sheets along axis 0, in cells.
    gap: f64,
}

impl StackLayout {
    fn new(sheets: usize, rows: usize, cols: usize) -> StackLayout {
        // From the default viewpoint a step along axis 0 moves a sheet to the right (and up) on the
        // screen: the gap makes that step a sheet's width plus a margin, so that no sheet hides
        // another, or its numbers, until the reader turns the view.
        let camera = Camera::default();
        let step = camera.project(&Point3::new(-1.0, 0.0, 0.0)).x;
        let width = camera.project(&Point3::new(0.0, cols as f64, 0.0)).x;
        StackLayout { sheets, rows, cols, gap: (width + STACK_SHEET_GAP).max(STACK_SHEET_STEP) / step }
    }

    /// CSS px per cell when `space` is fitted, from the default viewpoint, to a figure
    /// [`STACK_FIGURE_PX`] wide (the viewport's fit keeps a fifth of the width as margin).
    fn px_per_cell(&self, space: &Space) -> f64 {
        let half = space.half_extent(&Camera::default());
        STACK_FIGURE_PX / (2.0 * half.x.max(half.y) * 1.25)
    }

    /// The point of sheet `k` at `row`, `col`, counted in cells from its top-left corner (fractions and
    /// values outside the sheet allowed: axis arrows and labels sit around it).
    fn at(&self, k: f64, row: f64, col: f64) -> Point3 {
        Point3::new(((self.sheets as f64 - 1.0) / 2.0 - k) * self.gap, col - self.cols as f64 / 2.0, self.rows as f64 / 2.0 - row)
    }
}

/// The top-left corner of the transpose view's matrix: the square of the larger side is centred on
/// the origin, so the figure fits it like the other views.
fn transpose_corner(m: usize, n: usize) -> World {
    let k = m.max(n) as f64;
    World::new(-k / 2.0, k / 2.0)
}

/// The centre of the cell in row `i`, column `j` (rows run down, columns right, one unit each).
fn cell_centre(corner: World, i: usize, j: usize) -> World {
    corner + World::new(j as f64 + 0.5, -(i as f64) - 0.5)
}

/// Colours of A's columns: orange, blue, then reddish purple (the third basis colour), then data blue.
fn column_role(j: usize) -> Role {
    match j {
        0 => Role::Basis1,
        1 => Role::Basis2,
        2 => Role::Second,
        _ => Role::Data,
    }
}

impl Chapter for Tensors {
    fn explanation(&self) -> &'static str {
        include_str!("tensors.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "b", kind: InputKind::Vector, value: self.b.clone() },
            Input { name: "s", kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.s) },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        let vector = value.ncols() == 1;
        match name {
            "A" => self.a = value,
            "b" if vector => self.b = value,
            "b" => return Err("b is a vector: one row of entries separated by commas".into()),
            "s" if value.len() == 1 => self.s = value[0],
            "s" => return Err(format!("s is a scalar: give a single number, not {} entries", value.len())),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name != "view" {
            return Err(format!("this page has no choice called {name}"));
        }
        let known = pick_option(VIEWS, value)?;
        self.view = known;
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        if self.view == "transpose" {
            return if self.figure_note().is_none() { vec!["cross the diagonal"] } else { vec![] };
        }
        if self.view == "rows" && self.figure_note().is_none() && self.shift().is_some() {
            vec!["add b to every row"]
        } else {
            vec![]
        }
    }

    fn handles(&self) -> Vec<Handle> {
        // The transpose and stack views show entries, not points of the plane: A is edited in its grid below.
        if self.figure_note().is_some() || self.view == "transpose" || self.view == "stack" {
            return Vec::new();
        }
        if self.view == "columns" {
            return self
                .columns()
                .into_iter()
                .enumerate()
                .map(|(j, at)| Handle {
                    name: format!("A:{j}"),
                    at,
                    role: column_role(j),
                    label: format!("column {} of A = {}", j + 1, display_tuple(&[at.x, at.y])),
                })
                .collect();
        }
        let mut out: Vec<Handle> = self
            .rows()
            .into_iter()
            .enumerate()
            .map(|(i, at)| Handle {
                name: format!("row:{i}"),
                at,
                role: Role::Data,
                label: format!("row {} of A = {}", i + 1, display_tuple(&[at.x, at.y])),
            })
            .collect();
        if self.broadcast() == Broadcast::Rows {
            out.extend(vector_handle(&self.b, "b", Role::Second));
        }
        out
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        if !(to.x.is_finite() && to.y.is_finite()) {
            return false;
        }
        let index = |prefix: &str| name.strip_prefix(prefix).and_then(|i| i.parse::<usize>().ok());
        if let Some(i) = index("row:") {
            if self.a.ncols() != 2 || i >= self.a.nrows() {
                return false;
            }
            let changed = self.a[(i, 0)] != to.x || self.a[(i, 1)] != to.y;
            self.a[(i, 0)] = to.x;
            self.a[(i, 1)] = to.y;
            return changed;
        }
        if let Some(j) = index("A:") {
            if self.a.nrows() != 2 || j >= self.a.ncols() {
                return false;
            }
            let changed = self.a[(0, j)] != to.x || self.a[(1, j)] != to.y;
            self.a[(0, j)] = to.x;
            self.a[(1, j)] = to.y;
            return changed;
        }
        self.a.ncols() == 2 && drag_into(&mut self.b, "b", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let (m, n) = self.a.shape();
        let t = self.a.transpose();
        let mut out = vec![
            Readout::new(
                "shape",
                "A.shape",
                Value::Vector(vec![m as f64, n as f64]),
                format!("{m} row{}, {n} column{}: A is {m}×{n}", plural(m), plural(n)),
            ),
            matrix_readout(
                "transpose",
                "Aᵀ",
                &t,
                format!("{n}×{m}: entry (i, j) of Aᵀ is entry (j, i) of A, a mirror across the diagonal"),
            ),
            matrix_readout("scaled", "s·A", &(&self.a * self.s), format!("every entry times s = {}", display_number(self.s))),
            self.broadcast_readout(),
            Readout::new("transpose_shape", "Aᵀ.shape", Value::Vector(vec![n as f64, m as f64]), "rows and columns swap"),
            matrix_readout(
                "plus_s",
                "A + s",
                &self.a.add_scalar(self.s),
                format!("adding a scalar adds {} to every entry (s is broadcast to {m}×{n})", display_number(self.s)),
            ),
            self.column_readout(),
        ];
        out.extend(self.stack_readouts());
        out.extend([
            Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)),
            Readout::new("b", "b", Value::vector(&self.b), format!("{} entr{}", self.b.len(), if self.b.len() == 1 { "y" } else { "ies" })),
            Readout::new("s", "s", Value::number(self.s), "a scalar"),
        ]);
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        let drawn = match self.view {
            // Drawn in space; here only when the figure note says the tensor is too large to draw.
            "stack" => return Scene::default(),
            "transpose" => {
                // Cells on a plain background: the plane's grid and axes would read as more entries.
                let mut cells = Scene::default();
                if self.figure_note().is_none() {
                    self.scene_transpose(timeline, &mut cells);
                }
                return cells;
            }
            "columns" => self.scene_columns(&mut scene),
            _ => self.scene_rows(timeline, &mut scene),
        };
        match drawn {
            Some(()) => with_background(scene),
            None => Scene::default(),
        }
    }

    fn space(&self, _timeline: &Timeline) -> Option<Space> {
        (self.view == "stack" && self.figure_note().is_none()).then(|| self.space_stack())
    }

    fn figure_note(&self) -> Option<String> {
        let (m, n) = self.a.shape();
        match self.view {
            "stack" if m > STACK_MAX || n > STACK_MAX => Some(format!(
                "This view draws each matrix of the stack as a sheet of cells, for up to {STACK_MAX} rows and columns so that the sheets stay readable; now A is {m}×{n}. The numbers below are still exact."
            )),
            "transpose" if m > TRANSPOSE_MAX => Some(format!(
                "This view draws each entry of A as a cell, for up to {TRANSPOSE_MAX} rows so that the numbers stay readable; now A is {m}×{n}. The numbers below are still exact."
            )),
            "columns" if m != 2 => Some(format!(
                "This view draws each column of A as an arrow in the plane, so A needs 2 rows; now A is {m}×{n}.{} The numbers below are still exact.",
                if n == 2 { format!(" Its transpose has 2 rows: try A={}.", format_matrix(&self.a.transpose())) } else { String::new() }
            )),
            "rows" if n != 2 => Some(format!(
                "This view draws each row of A as a point in the plane, so A needs 2 columns; now A is {m}×{n}.{} The numbers below are still exact.",
                if m == 2 { format!(" Its transpose has 2 columns: try A={}.", format_matrix(&self.a.transpose())) } else { String::new() }
            )),
            _ => None,
        }
    }

    fn content_bounds(&self) -> (World, World) {
        if self.view == "transpose" {
            // Every cell's path stays inside the k×k square of the larger side; the diagonal's name
            // and the title sit above it.
            let k = self.a.nrows().max(self.a.ncols()) as f64 / 2.0;
            return (World::new(-k - 1.0, -k), World::new(k, k + 0.8));
        }
        if self.view == "stack" {
            // Only used when the tensor is too large to draw (in space the camera decides).
            return (World::new(-1.0, -1.0), World::new(1.0, 1.0));
        }
        let mut points = if self.view == "columns" { self.columns() } else { self.rows() };
        if self.view != "columns" {
            if let Some(shift) = self.shift() {
                let moved: Vec<World> = points.iter().map(|r| r + shift).collect();
                points.extend(moved);
                points.push(shift);
            }
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let inputs = self.inputs();
        let mut code = Code::declare(&inputs[..2]);
        let s = format_number(self.s);
        code.numpy = code.numpy.trim_end().to_string() + &format!("\ns = {s}\n\n");
        code.torch = code.torch.trim_end().to_string() + &format!("\ns = {s}\n\n");
        code.nalgebra = code.nalgebra.trim_end().to_string() + &format!("\nlet s = {:?}_f64;\n\n", self.s);
        let (m, n) = self.a.shape();
        code.line(
            &format!("A.shape  # ({m}, {n})"),
            &format!("A.shape  # torch.Size([{m}, {n}])"),
            &format!("let shape = a.shape(); // ({m}, {n})"),
        );
        code.line("A.T", "A.T", "let t = a.transpose();");
        code.line("s * A", "s * A", "let scaled = &a * s;");
        code.line("A + s", "A + s", "let plus_s = a.add_scalar(s);");
        match self.broadcast() {
            Broadcast::Rows => code.line(
                "A + b  # b is added to every row",
                "A + b  # b is added to every row",
                "let sum = &a + DMatrix::from_fn(a.nrows(), a.ncols(), |_, j| b[j]);",
            ),
            Broadcast::Scalar => code.line("A + b  # b has one entry: like a scalar", "A + b", "let sum = a.add_scalar(b[0]);"),
            Broadcast::Incompatible => {
                let why = format!("shapes {} and ({},) do not broadcast", numpy_shape(&self.a), self.b.len());
                code.line(
                    &format!("# {why}, this raises ValueError: A + b"),
                    &format!("# {why}, this raises RuntimeError: A + b"),
                    &format!("// {why}: b needs one entry per column of A ({n})"),
                );
            }
        }
        if self.column_broadcast().is_some() {
            code.line(
                "A + b[:, None]  # b as a column, copied across",
                "A + b[:, None]  # the same as A + b.unsqueeze(1)",
                "let col = &a + DMatrix::from_fn(a.nrows(), a.ncols(), |i, _| b[if b.len() == 1 { 0 } else { i }]);",
            );
        }
        if self.view == "stack" {
            self.stack_code(&mut code);
        }
        code
    }

    fn summary(&self) -> String {
        let (m, n) = self.a.shape();
        if self.view == "stack" {
            let slices = self.stack();
            let k = slices.len();
            let j = n.saturating_sub(1);
            let pick = slices
                .get(1)
                .and_then(|s| s.value.get((0, j)))
                .map(|x| format!(" T[1, 0, {j}] = {} is row 0, column {j} of s·A.", display_number(*x)))
                .unwrap_or_default();
            // "T = np.stack(…) is a rank-3 tensor …", or "A + b does not exist …, so T = … stacks the 2
            // matrices that do, a rank-3 tensor …".
            let recipe = self.stack_recipe(&slices);
            let lead = if k == 3 { format!("{recipe} is") } else { format!("{recipe},") };
            return format!(
                "{lead} a rank-3 tensor of shape ({k}, {m}, {n}): {k} matrices one behind the other (axis 0), each with {m} row{} \
                 (axis 1) and {n} column{} (axis 2).{pick}",
                plural(m),
                plural(n)
            );
        }
        if self.view == "transpose" {
            let diagonal: Vec<String> = (0..m.min(n)).map(|i| display_number(self.a[(i, i)])).collect();
            let stay = match diagonal.as_slice() {
                [one] => format!("the diagonal entry {one} stays put"),
                [init @ .., last] => format!("the diagonal entries {} and {last} stay put", init.join(", ")),
                [] => String::new(),
            };
            return format!(
                "A is {m}×{n} and Aᵀ is {n}×{m}: every entry in row i, column j crosses the main diagonal to row j, column i; {stay}."
            );
        }
        if self.view == "columns" {
            let columns = self.columns();
            if columns.is_empty() {
                return format!("A is {m}×{n} and Aᵀ is {n}×{m}; the columns of A have {m} entries, too many to draw in the plane.");
            }
            let list: Vec<String> =
                columns.iter().enumerate().map(|(j, c)| format!("a{} = {}", subscript(j + 1), display_tuple(&[c.x, c.y]))).collect();
            return format!("The {n} columns of A are the {n} rows of Aᵀ: {}.", list.join(", "));
        }
        match self.broadcast() {
            // A few rows, each said with where it lands (unless a sum overflows).
            Broadcast::Rows
                if n == 2 && m <= 4 && self.rows().iter().all(|r| (r.x + self.b[0]).is_finite() && (r.y + self.b[1]).is_finite()) =>
            {
                let moves: Vec<String> = self
                    .rows()
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        format!("row {} {} to {}", i + 1, display_tuple(&[r.x, r.y]), display_tuple(&[r.x + self.b[0], r.y + self.b[1]]))
                    })
                    .collect();
                format!(
                    "A + b adds b = {} to each of the {m} rows of A, so every point moves by the same arrow: {}.",
                    display_tuple(&[self.b[0], self.b[1]]),
                    moves.join(", ")
                )
            }
            Broadcast::Rows if n == 2 => format!(
                "A + b adds b = {} to each of the {m} rows of A: every point moves by the same arrow.",
                display_tuple(&[self.b[0], self.b[1]])
            ),
            Broadcast::Rows => format!("A + b adds b to each of the {m} rows of A."),
            Broadcast::Scalar => {
                format!("b has a single entry, so A + b adds {} to every entry of A, like a scalar.", display_number(self.b[0]))
            }
            Broadcast::Incompatible => format!(
                "A + b is not defined: numpy cannot broadcast shapes {} and ({},), because b needs {n} entries.",
                numpy_shape(&self.a),
                self.b.len()
            ),
        }
    }
}

fn plural(k: usize) -> &'static str {
    if k == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{readout, value};
    use crate::chapters::{find, from_params, to_params};
    use proptest::prelude::*;

    fn params(params: &[(&str, &str)]) -> Vec<(String, String)> {
        params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn page(p: &[(&str, &str)]) -> Box<dyn Chapter> {
        let (chapter, problems) = from_params(find("tensors").unwrap(), &params(p)).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        chapter
    }

    fn problems(p: &[(&str, &str)]) -> Vec<String> {
        from_params(find("tensors").unwrap(), &params(p)).unwrap().1
    }

    fn m(rows: &[&[f64]]) -> Value {
        Value::Matrix(rows.iter().map(|r| r.to_vec()).collect())
    }

    #[test]
    fn the_default_is_the_seeds_example() {
        let c = build();
        assert_eq!(value(c.as_ref(), "shape"), Value::Vector(vec![3.0, 2.0]));
        assert_eq!(value(c.as_ref(), "transpose"), m(&[&[1.0, 3.0, 5.0], &[2.0, 4.0, 6.0]]));
        assert_eq!(value(c.as_ref(), "transpose_shape"), Value::Vector(vec![2.0, 3.0]));
        assert_eq!(value(c.as_ref(), "scaled"), m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 12.0]]));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]));
        assert_eq!(value(c.as_ref(), "plus_s"), m(&[&[3.0, 4.0], &[5.0, 6.0], &[7.0, 8.0]]));
        assert_eq!(value(c.as_ref(), "s"), Value::Number(2.0));
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![3.0, -1.0]));
        // b has 2 entries but A has 3 rows: it cannot be a column of A.
        let col = readout(c.as_ref(), "column_broadcast");
        assert_eq!(col.value, Value::Null);
        assert!(col.note.contains("(3,2) (2,1)"), "{}", col.note);
        assert!(c.figure_note().is_none());
        assert_eq!(c.stages(), ["add b to every row"]);
    }

    #[test]
    fn the_seeds_other_examples() {
        // A + 4 and the column broadcast A + [[2], [4], [6]].
        let c = page(&[("s", "4"), ("b", "2,4,6")]);
        assert_eq!(value(c.as_ref(), "plus_s"), m(&[&[5.0, 6.0], &[7.0, 8.0], &[9.0, 10.0]]));
        assert_eq!(value(c.as_ref(), "column_broadcast"), m(&[&[3.0, 4.0], &[7.0, 8.0], &[11.0, 12.0]]));
        // numpy refuses the same b as a 1-D array: shapes (3,2) and (3,) do not broadcast.
        let sum = readout(c.as_ref(), "broadcast_sum");
        assert_eq!(sum.value, Value::Null);
        assert!(sum.note.starts_with("operands could not be broadcast together with shapes (3,2) (3,)"), "{}", sum.note);
        assert!(sum.note.contains("b[:, None]"), "{}", sum.note);
        assert!(c.summary().contains("not defined"), "{}", c.summary());
        assert_eq!(c.stages(), Vec::<&str>::new());
        assert!(c.code().numpy.contains("this raises ValueError: A + b"), "{}", c.code().numpy);
    }

    #[test]
    fn a_one_entry_b_broadcasts_as_a_scalar() {
        let c = page(&[("b", "10")]);
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[11.0, 12.0], &[13.0, 14.0], &[15.0, 16.0]]));
        assert_eq!(value(c.as_ref(), "column_broadcast"), value(c.as_ref(), "broadcast_sum"));
        // Every row moves by (10, 10); there is no b handle because b is not a point of the plane.
        assert!(c.handles().iter().all(|h| h.name != "b"));
        assert!(c.summary().contains("like a scalar"));
    }

    #[test]
    fn the_oracle_cases_by_hand() {
        let c = page(&[("A", "3;0"), ("b", "2"), ("s", "2")]);
        assert_eq!(value(c.as_ref(), "shape"), Value::Vector(vec![2.0, 1.0]));
        assert_eq!(value(c.as_ref(), "transpose"), m(&[&[3.0, 0.0]]));
        assert_eq!(value(c.as_ref(), "scaled"), m(&[&[6.0], &[0.0]]));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[5.0], &[2.0]]));
        let c = page(&[("A", "5,2;-5,-2;2,5"), ("b", "-1,3"), ("s", "-1")]);
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[4.0, 5.0], &[-6.0, 1.0], &[1.0, 8.0]]));
    }

    #[test]
    fn square_and_wide_matrices() {
        // A 2×2 A with a 2-entry b: b is added to the rows (numpy), not the columns.
        let c = page(&[("A", "1,2;3,4"), ("b", "10,20")]);
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[11.0, 22.0], &[13.0, 24.0]]));
        assert_eq!(value(c.as_ref(), "column_broadcast"), m(&[&[11.0, 12.0], &[23.0, 24.0]]));
        // A 6×6 matrix works for every readout; the plane cannot draw it.
        let big: Vec<String> = (0..6).map(|i| (0..6).map(|j| (i * 6 + j).to_string()).collect::<Vec<_>>().join(",")).collect();
        let c = page(&[("A", &big.join(";")), ("b", "1,1,1,1,1,1")]);
        assert_eq!(value(c.as_ref(), "shape"), Value::Vector(vec![6.0, 6.0]));
        let Value::Matrix(t) = value(c.as_ref(), "transpose") else { panic!() };
        assert_eq!(t[1][0], 1.0);
        assert_eq!(t[0][1], 6.0);
        assert!(c.figure_note().is_some());
        assert!(c.handles().is_empty());
        assert_eq!(c.scene(&Timeline::new(0)), Scene::default());
    }

    #[test]
    fn the_figure_notes_suggest_the_transpose() {
        let mut c = build();
        c.set_choice("view", "columns").unwrap();
        let note = c.figure_note().unwrap();
        assert!(note.contains("try A=1,3,5;2,4,6"), "{note}");
        assert!(c.handles().is_empty());
        c.set_input("A", DMatrix::from_row_slice(2, 3, &[1.0, 3.0, 5.0, 2.0, 4.0, 6.0])).unwrap();
        assert!(c.figure_note().is_none());
        let names: Vec<String> = c.handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["A:0", "A:1", "A:2"]);
        assert!(c.summary().contains("a₃ = (5, 6)"), "{}", c.summary());
        c.set_choice("view", "rows").unwrap();
        assert!(c.figure_note().unwrap().contains("try A=1,2;3,4;5,6"));
    }

    #[test]
    fn dragging_a_row_edits_that_row_and_every_result() {
        let mut c = build();
        let handles = c.handles();
        let names: Vec<&str> = handles.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["row:0", "row:1", "row:2", "b"]);
        assert_eq!(handles[1].at, World::new(3.0, 4.0));
        assert_eq!(handles[1].label, "row 2 of A = (3, 4)");
        assert!(c.move_handle("row:1", World::new(-1.0, 0.5)));
        assert_eq!(value(c.as_ref(), "A"), m(&[&[1.0, 2.0], &[-1.0, 0.5], &[5.0, 6.0]]));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[4.0, 1.0], &[2.0, -0.5], &[8.0, 5.0]]));
        assert_eq!(value(c.as_ref(), "transpose"), m(&[&[1.0, -1.0, 5.0], &[2.0, 0.5, 6.0]]));
        assert!(!c.move_handle("row:1", World::new(-1.0, 0.5)), "no change, no update");
        assert!(c.move_handle("b", World::new(0.0, -1.0)));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[1.0, 1.0], &[-1.0, -0.5], &[5.0, 5.0]]));
        assert!(!c.move_handle("row:3", World::new(1.0, 1.0)));
        assert!(!c.move_handle("row:x", World::new(1.0, 1.0)));
        assert!(!c.move_handle("A:0", World::new(1.0, 1.0)), "A has 3 rows: no column handles");
        assert!(!c.move_handle("row:0", World::new(f64::NAN, 1.0)));
        assert!(!c.move_handle("nope", World::new(1.0, 1.0)));
    }

    #[test]
    fn the_rows_view_draws_every_row_and_its_shifted_copy() {
        let c = build();
        let scene = c.scene(&Timeline::new(1));
        let dots: Vec<(World, Role)> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Dot { at, role, .. } => Some((*at, *role)),
                _ => None,
            })
            .collect();
        assert!(dots.contains(&(World::new(5.0, 6.0), Role::Data)));
        assert!(dots.contains(&(World::new(8.0, 5.0), Role::Image)));
        let ghosts = scene.shapes.iter().filter(|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Second)).count();
        assert_eq!(ghosts, 4, "b once from the origin and once from each of the 3 rows");
        // At the start of the timeline nothing has moved yet.
        let mut t = Timeline::new(1);
        t.scrub(0.0);
        assert!(c.scene(&t).shapes.iter().any(|s| matches!(s, Shape::Dot { at, role: Role::Image, .. } if *at == World::new(1.0, 2.0))));
        let (lo, hi) = c.content_bounds();
        assert_eq!((lo, hi), (World::new(0.0, -1.0), World::new(8.0, 6.0)));
    }

    /// The transpose view's cells at a timeline position: (label, centre, role), in drawing order.
    fn cells_at(c: &dyn Chapter, position: f64) -> Vec<(String, World, Role)> {
        let mut t = Timeline::new(1);
        t.scrub(position);
        let scene = c.scene(&t);
        let mut out = Vec::new();
        for pair in scene.shapes.windows(2) {
            if let [Shape::Polygon { points, fill: Some(fill), .. }, Shape::Label { text, .. }] = pair {
                let centre = points.iter().fold(World::zeros(), |a, p| a + p) / points.len() as f64;
                out.push((text.clone(), centre, fill.role));
            }
        }
        out
    }

    fn frame_at(c: &dyn Chapter, position: f64) -> (f64, f64) {
        let mut t = Timeline::new(1);
        t.scrub(position);
        c.scene(&t)
            .shapes
            .iter()
            .find_map(|s| match s {
                Shape::Polygon { points, fill: None, .. } => Some((points[2].x - points[0].x, points[0].y - points[2].y)),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn the_transpose_view_flies_every_cell_across_the_diagonal() {
        let c = page(&[("view", "transpose")]);
        assert_eq!(c.stages(), ["cross the diagonal"]);
        assert!(c.handles().is_empty(), "entries are edited in the grid, not dragged");
        assert!(c.figure_note().is_none());
        let close = |a: World, b: World| (a - b).norm() < 1e-9;
        // At the start, entry (i, j) sits in row i, column j (x = j, y = −i); at the end in row j, column i.
        let start = cells_at(c.as_ref(), 0.0);
        let end = cells_at(c.as_ref(), 1.0);
        assert_eq!(start.len(), 6);
        for (i, j, label) in [(0, 0, "1"), (0, 1, "2"), (1, 0, "3"), (1, 1, "4"), (2, 0, "5"), (2, 1, "6")] {
            let from = start.iter().find(|c| c.0 == label).unwrap();
            let to = end.iter().find(|c| c.0 == label).unwrap();
            // The 3×2 matrix is centred in a 3×3 square: its top-left corner is (−1.5, 1.5).
            assert!(close(from.1, World::new(j as f64 - 1.0, 1.0 - i as f64)), "{label} starts at ({i}, {j}): {:?}", from.1);
            assert!(close(to.1, World::new(i as f64 - 1.0, 1.0 - j as f64)), "{label} ends at ({j}, {i}): {:?}", to.1);
            assert_eq!(from.2, if i == j { Role::Input } else { Role::Data });
        }
        // The frame turns from 3×2 (2 wide, 3 tall) to 2×3.
        assert_eq!(frame_at(c.as_ref(), 0.0), (2.0, 3.0));
        assert_eq!(frame_at(c.as_ref(), 1.0), (3.0, 2.0));
        // Halfway, the diagonal has not moved, the two entries trading places pass each other instead of
        // meeting, and every cell is still inside the figure's bounds.
        let mid = cells_at(c.as_ref(), 0.5);
        for label in ["1", "4"] {
            let at = |cells: &[(String, World, Role)]| cells.iter().find(|c| c.0 == label).unwrap().1;
            assert!(close(at(&mid), at(&start)), "{label} stays put");
        }
        // Two waves for a 3×2 A: first the entries next to the diagonal (2, 3 and 6), then 5. Halfway
        // through the first wave, 2 and 3 pass each other; at the middle of the stage the first wave
        // has landed and the second has not left.
        let quarter = cells_at(c.as_ref(), 0.25);
        let at = |cells: &[(String, World, Role)], label: &str| cells.iter().find(|c| c.0 == label).unwrap().1;
        assert!((at(&quarter, "2") - at(&quarter, "3")).norm() > 0.65, "2 and 3 pass each other");
        assert!(close(at(&quarter, "5"), at(&start, "5")), "5 waits for the second wave");
        for label in ["2", "3", "6"] {
            assert!(close(at(&mid, label), at(&end, label)), "{label} has landed halfway");
        }
        assert!(close(at(&mid, "5"), at(&start, "5")));
        for a in ["1,2;3,4;5,6", "1,2,3,4,5,6,7,8", "1,2;3,4;5,6;7,8;9,10;11,12;13,14;15,16", "1,2,3;4,5,6;7,8,9"] {
            let c = page(&[("view", "transpose"), ("A", a)]);
            let (lo, hi) = c.content_bounds();
            for position in (0..=20).map(|k| k as f64 / 20.0) {
                let mut t = Timeline::new(1);
                t.scrub(position);
                for shape in c.scene(&t).shapes {
                    if let Shape::Polygon { points, .. } = shape {
                        assert!(
                            points.iter().all(|p| p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y),
                            "{a}: {points:?} at {position}"
                        );
                    }
                }
            }
        }
        // The moving cells are drawn after (over) the diagonal ones.
        let roles: Vec<Role> = mid.iter().map(|c| c.2).collect();
        assert_eq!(roles[..2], [Role::Input, Role::Input]);
        assert_eq!(
            c.summary(),
            "A is 3×2 and Aᵀ is 2×3: every entry in row i, column j crosses the main diagonal to row j, column i; the diagonal entries \
             1 and 4 stay put."
        );
        // Any shape, up to the editor's limits, and a single entry.
        let c = page(&[("view", "transpose"), ("A", "7")]);
        assert_eq!(cells_at(c.as_ref(), 0.5).len(), 1);
        assert!(c.summary().ends_with("the diagonal entry 7 stays put."), "{}", c.summary());
        let tall = ["1,2"; 9].join(";");
        let c = page(&[("view", "transpose"), ("A", &tall)]);
        let note = c.figure_note().unwrap();
        assert!(note.contains("for up to 8 rows") && note.contains("now A is 9×2"), "{note}");
        assert!(c.stages().is_empty() && cells_at(c.as_ref(), 1.0).is_empty());
    }

    #[test]
    fn the_rows_summary_says_where_each_row_goes() {
        assert_eq!(
            build().summary(),
            "A + b adds b = (3, −1) to each of the 3 rows of A, so every point moves by the same arrow: row 1 (1, 2) to (4, 1), row 2 \
             (3, 4) to (6, 3), row 3 (5, 6) to (8, 5)."
        );
        let c = page(&[("A", "1,1;2,2;3,3;4,4;5,5")]);
        assert!(c.summary().ends_with("every point moves by the same arrow."), "{}", c.summary());
        let c = page(&[("A", "1e308,1"), ("b", "1e308,0")]);
        assert!(c.summary().ends_with("every point moves by the same arrow."), "{}", c.summary());
    }

    #[test]
    fn bad_inputs_name_themselves() {
        let p = problems(&[("s", "1,2")]);
        assert_eq!(p, ["Parameter s: a single number is expected, not a list."]);
        assert_eq!(problems(&[("b", "1,2;3,4")]).len(), 1);
        assert!(problems(&[("A", "1,2;3")])[0].starts_with("Parameter A:"));
        assert!(problems(&[("view", "diagonal")])[0].starts_with("Parameter view:"));
        let mut c = build();
        assert!(c.set_input("A", DMatrix::from_element(1, 1, f64::INFINITY)).is_err());
        assert!(c.set_input("B", DMatrix::from_element(1, 1, 1.0)).is_err());
        assert!(c.set_input("s", DMatrix::zeros(0, 1)).is_err());
        assert_eq!(to_params(c.as_ref()), to_params(build().as_ref()), "rejected input leaves the state alone");
    }

    #[test]
    fn overflow_and_underflow() {
        let c = page(&[("A", "1e308,1;1,1"), ("b", "1e308,0"), ("s", "1e200")]);
        for name in ["broadcast_sum", "scaled"] {
            let r = readout(c.as_ref(), name);
            assert_eq!(r.value, Value::Null, "{name}");
            assert!(r.note.contains("overflow"), "{name}: {}", r.note);
        }
        assert_eq!(value(c.as_ref(), "transpose"), m(&[&[1e308, 1.0], &[1.0, 1.0]]));
        let c = page(&[("A", "1e-200,0"), ("s", "1e-200"), ("b", "1e-200,1e-200")]);
        assert_eq!(value(c.as_ref(), "scaled"), m(&[&[0.0, 0.0]]));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[2e-200, 1e-200]]));
    }

    #[test]
    fn code_reproduces_the_state() {
        let code = build().code();
        assert!(code.numpy.contains("A = np.array([[1, 2], [3, 4], [5, 6]], dtype=float)"), "{}", code.numpy);
        assert!(code.numpy.contains("\ns = 2\n"), "{}", code.numpy);
        assert!(code.numpy.contains("A.shape  # (3, 2)"));
        assert!(code.numpy.contains("A + b  # b is added to every row"));
        assert!(!code.numpy.contains("b[:, None]"), "b does not fit as a column of A");
        assert!(code.nalgebra.contains("let s = 2.0_f64;"), "{}", code.nalgebra);
        assert!(code.nalgebra.contains("|_, j| b[j]"));
        assert!(code.torch.contains("torch.Size([3, 2])"));
    }

    /// The stack view's figure in space (panics when it is not drawn).
    fn stack_space(c: &dyn Chapter) -> Space {
        c.space(&Timeline::new(0)).expect("the stack is drawn in space")
    }

    /// The filled cells of a space figure: (corners, role).
    fn stack_cells(space: &Space) -> Vec<(Vec<Point3>, Role)> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polygon { points, fill: Some(fill), .. } => Some((points.clone(), fill.role)),
                _ => None,
            })
            .collect()
    }

    /// The labels of a space figure: (text, position, role).
    fn stack_labels(space: &Space) -> Vec<(String, Point3, Role)> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Label { at, text, role } => Some((text.clone(), *at, *role)),
                _ => None,
            })
            .collect()
    }

    fn texts(labels: &[(String, Point3, Role)], role: Role) -> Vec<String> {
        labels.iter().filter(|l| l.2 == role).map(|l| l.0.clone()).collect()
    }

    #[test]
    fn the_stack_view_stacks_a_its_multiple_and_the_broadcast_sum() {
        let c = page(&[("view", "stack")]);
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![3.0, 3.0, 2.0]));
        assert_eq!(
            value(c.as_ref(), "stack"),
            Value::List(vec![
                m(&[&[1.0, 2.0], &[3.0, 4.0], &[5.0, 6.0]]),
                m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 12.0]]),
                m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]),
            ])
        );
        assert_eq!(
            value(c.as_ref(), "stack").to_json(),
            "[[[1.0,2.0],[3.0,4.0],[5.0,6.0]],[[2.0,4.0],[6.0,8.0],[10.0,12.0]],[[4.0,1.0],[6.0,3.0],[8.0,5.0]]]"
        );
        let note = readout(c.as_ref(), "stack_shape").note;
        assert!(note.starts_with("T = np.stack([A, s * A, A + b]): axis 0 picks one of the 3 matrices, axis 1 one of 3 rows"), "{note}");
        // The contract's readouts are those of A, whatever the view.
        assert_eq!(value(c.as_ref(), "shape"), Value::Vector(vec![3.0, 2.0]));
        assert_eq!(value(c.as_ref(), "broadcast_sum"), m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]));
        assert!(c.figure_note().is_none() && c.stages().is_empty());
        assert!(c.handles().is_empty() && c.space_handles().is_empty(), "entries are edited in the grid");
        assert_eq!(c.scene(&Timeline::new(0)), Scene::default(), "the figure is in space");
        assert!(build().space(&Timeline::new(0)).is_none(), "the other views stay in the plane");
        assert_eq!(
            c.summary(),
            "T = np.stack([A, s * A, A + b]) is a rank-3 tensor of shape (3, 3, 2): 3 matrices one behind the other (axis 0), each with 3 \
             rows (axis 1) and 2 columns (axis 2). T[1, 0, 1] = 4 is row 0, column 1 of s·A."
        );
        // Editing A changes every matrix of the stack.
        let mut c = c;
        c.set_input("A", DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 7.0])).unwrap();
        let Value::List(stack) = value(c.as_ref(), "stack") else { panic!() };
        assert_eq!(stack[1], m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 14.0]]));
        assert_eq!(stack[2], m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 6.0]]));
    }

    #[test]
    fn the_stack_is_drawn_as_sheets_of_cells_along_numpys_axes() {
        let c = page(&[("view", "stack")]);
        let space = stack_space(c.as_ref());
        let cells = stack_cells(&space);
        assert_eq!(cells.len(), 18, "3 matrices of 3×2 cells");
        for role in [Role::Data, Role::Second, Role::Image] {
            let sheet: Vec<&(Vec<Point3>, Role)> = cells.iter().filter(|c| c.1 == role).collect();
            assert_eq!(sheet.len(), 6, "{role:?}");
            // Each sheet is flat, across axis 0 (x).
            let x = sheet[0].0[0].x;
            assert!(sheet.iter().all(|c| c.0.iter().all(|p| (p.x - x).abs() < 1e-12)), "{role:?}");
        }
        let depth = |role: Role| cells.iter().find(|c| c.1 == role).unwrap().0[0].x;
        assert!(depth(Role::Data) > depth(Role::Second) && depth(Role::Second) > depth(Role::Image), "T[0] in front, axis 0 along −x");
        assert!((depth(Role::Data) + depth(Role::Image)).abs() < 1e-12, "centred on the origin");
        let labels = stack_labels(&space);
        assert_eq!(texts(&labels, Role::Data), ["T[0] = A", "1", "2", "3", "4", "5", "6"]);
        assert_eq!(texts(&labels, Role::Second), ["T[1] = s·A", "2", "4", "6", "8", "10", "12"]);
        assert_eq!(texts(&labels, Role::Image), ["T[2] = A + b", "4", "1", "6", "3", "8", "5"]);
        let axes = texts(&labels, Role::Axis);
        for text in ["axis 0", "matrix", "axis 1", "row", "axis 2", "column", "T.shape = (3, 3, 2)"] {
            assert!(axes.contains(&text.to_string()), "{text} in {axes:?}");
        }
        // Within a sheet, axis 2 (the columns) runs along +y and axis 1 (the rows) down z.
        let at = |text: &str, role: Role| labels.iter().find(|l| l.0 == text && l.2 == role).unwrap().1;
        let (a00, a01, a10) = (at("1", Role::Data), at("2", Role::Data), at("3", Role::Data));
        assert!((a01 - a00 - Point3::new(0.0, 1.0, 0.0)).norm() < 1e-12, "{a00} {a01}");
        assert!((a10 - a00 - Point3::new(0.0, 0.0, -1.0)).norm() < 1e-12, "{a00} {a10}");
        // The axis arrows: axis 1 down the front matrix, axis 2 across it, axis 0 on to the matrices behind.
        let arrows: Vec<Point3> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Arrow { from, to, stroke, .. } if stroke.role == Role::Axis => Some((to - from).normalize()),
                _ => None,
            })
            .collect();
        assert_eq!(arrows.len(), 3);
        for (arrow, axis) in arrows.iter().zip([-Point3::z(), Point3::y(), -Point3::x()]) {
            assert!((arrow - axis).norm() < 1e-12, "{arrow} should be {axis}");
        }
    }

    #[test]
    fn from_the_default_viewpoint_no_sheet_hides_another() {
        let camera = Camera::default();
        for a in ["1", "1,2;3,4;5,6", "1,2,3,4,5,6,7,8", "1;2;3;4;5;6;7;8", &["1,2,3,4,5,6,7,8"; 8].join(";")] {
            let c = page(&[("view", "stack"), ("A", a), ("b", "1")]);
            let cells = stack_cells(&stack_space(c.as_ref()));
            // The screen box of each sheet, in order T[0], T[1], T[2].
            let boxes: Vec<(World, World)> = [Role::Data, Role::Second, Role::Image]
                .iter()
                .map(|role| {
                    let points: Vec<World> =
                        cells.iter().filter(|c| c.1 == *role).flat_map(|c| c.0.iter().map(|p| camera.project(p))).collect();
                    let lo = points.iter().fold(World::repeat(f64::INFINITY), |a, p| a.inf(p));
                    let hi = points.iter().fold(World::repeat(f64::NEG_INFINITY), |a, p| a.sup(p));
                    (lo, hi)
                })
                .collect();
            for pair in boxes.windows(2) {
                let gap = pair[1].0.x - pair[0].1.x;
                assert!(gap > STACK_SHEET_GAP - 0.1 - 1e-9, "{a}: the next sheet starts {gap} to the right");
            }
            // Turned to look along axis 0, the sheets line up: each cell covers the same place on screen.
            let along = Camera::new(0.0, 0.0);
            let first = cells.iter().find(|c| c.1 == Role::Data).unwrap();
            let last = cells.iter().find(|c| c.1 == Role::Image).unwrap();
            let same = first.0.iter().zip(&last.0).all(|(p, q)| (along.project(p) - along.project(q)).norm() < 1e-9);
            assert!(same, "{a}");
        }
    }

    #[test]
    fn from_the_default_viewpoint_no_label_covers_another_on_a_phone() {
        let camera = Camera::default();
        for (a, b) in [
            ("1,2;3,4;5,6", "3,-1"),
            ("1", "1"),
            ("1;2", "2,4,6"),
            ("1,2,3,4,5,6,7,8", "1"),
            ("1;2;3;4;5;6;7;8", "1"),
            ("1.5,-2;3,4", "0.5,1"),
        ] {
            let c = page(&[("view", "stack"), ("A", a), ("b", b)]);
            let space = stack_space(c.as_ref());
            let half = space.half_extent(&camera);
            let px_per_unit = STACK_FIGURE_PX / (2.0 * half.x.max(half.y) * 1.25);
            // Each label's box in CSS px (y up): centred on its anchor, from 4 px below the baseline to 11 px above.
            let boxes: Vec<(String, f64, f64, f64, f64)> = space
                .project(&camera)
                .shapes
                .into_iter()
                .filter_map(|s| match s {
                    Shape::Label { at, text, .. } => {
                        let (x, y) = (at.x * px_per_unit, at.y * px_per_unit);
                        let w = text.chars().count() as f64 * 7.0;
                        Some((text, x - w / 2.0, x + w / 2.0, y - 4.0, y + 11.0))
                    }
                    _ => None,
                })
                .collect();
            for (i, p) in boxes.iter().enumerate() {
                for q in &boxes[i + 1..] {
                    let apart = p.2 <= q.1 || q.2 <= p.1 || p.4 <= q.3 || q.4 <= p.3;
                    assert!(apart, "A={a}: {p:?} overlaps {q:?}");
                }
            }
        }
    }

    #[test]
    fn without_a_b_that_broadcasts_the_stack_holds_the_two_matrices_that_exist() {
        let c = page(&[("view", "stack"), ("b", "2,4,6")]);
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![2.0, 3.0, 2.0]));
        let Value::List(stack) = value(c.as_ref(), "stack") else { panic!() };
        assert_eq!(stack.len(), 2);
        let note = readout(c.as_ref(), "stack_shape").note;
        assert!(note.starts_with("A + b does not exist (shapes (3,2) and (3,) do not broadcast), so T = np.stack([A, s * A])"), "{note}");
        assert!(c.summary().starts_with("A + b does not exist"), "{}", c.summary());
        assert!(
            c.summary().starts_with(
                "A + b does not exist (shapes (3,2) and (3,) do not broadcast), so T = np.stack([A, s * A]) stacks the 2 matrices that do, \
                 a rank-3 tensor of shape (2, 3, 2): 2 matrices"
            ),
            "{}",
            c.summary()
        );
        let space = stack_space(c.as_ref());
        assert_eq!(stack_cells(&space).len(), 12);
        let labels = stack_labels(&space);
        assert!(texts(&labels, Role::Image).is_empty());
        assert!(texts(&labels, Role::Axis).contains(&"T.shape = (2, 3, 2)".to_string()));
        let code = c.code();
        assert!(code.numpy.contains("# A + b raises, so T stacks the two matrices that exist\nT = np.stack([A, s * A])"), "{}", code.numpy);
        assert!(code.numpy.contains("T.shape  # (2, 3, 2)"));
        assert!(code.torch.contains("T = torch.stack([A, s * A])"));
        assert!(code.nalgebra.contains("let stack = [a.clone(), scaled];"), "{}", code.nalgebra);
        // A one-entry b broadcasts as a scalar: three matrices again.
        let c = page(&[("view", "stack"), ("b", "10")]);
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![3.0, 3.0, 2.0]));
    }

    #[test]
    fn large_stacks_are_drawn_without_numbers_and_too_large_ones_not_at_all() {
        // 6×6: every cell, but numbers would not fit in them.
        let big: Vec<String> = (0..6).map(|i| (0..6).map(|j| (i * 6 + j).to_string()).collect::<Vec<_>>().join(",")).collect();
        let c = page(&[("view", "stack"), ("A", &big.join(";")), ("b", "1")]);
        let space = stack_space(c.as_ref());
        assert_eq!(stack_cells(&space).len(), 3 * 36);
        let labels = stack_labels(&space);
        assert!(labels.iter().all(|l| l.0.starts_with(char::is_alphabetic)), "only names: {labels:?}");
        // Long numbers are not written either; the readout has them exactly.
        let c = page(&[("view", "stack"), ("A", "123456,1;2,3"), ("b", "0")]);
        assert!(stack_labels(&stack_space(c.as_ref())).iter().all(|l| l.0.starts_with(char::is_alphabetic)));
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![3.0, 2.0, 2.0]));
        // More rows than the view draws (a link allows up to 64): a note, no figure, exact readouts.
        let tall = ["1,2"; 9].join(";");
        let c = page(&[("view", "stack"), ("A", &tall)]);
        let note = c.figure_note().unwrap();
        assert!(note.contains("for up to 8 rows and columns") && note.contains("now A is 9×2"), "{note}");
        assert!(c.space(&Timeline::new(0)).is_none());
        assert_eq!(c.scene(&Timeline::new(0)), Scene::default());
        assert!(c.handles().is_empty());
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![3.0, 9.0, 2.0]));
        let mut c = page(&[("view", "stack")]);
        c.set_input("A", DMatrix::zeros(64, 8)).unwrap();
        c.set_input("b", DMatrix::zeros(8, 1)).unwrap();
        assert!(c.space(&Timeline::new(0)).is_none());
        let Value::List(stack) = value(c.as_ref(), "stack") else { panic!() };
        assert_eq!((stack.len(), c.code().numpy.contains("T.shape  # (3, 64, 8)")), (3, true));
        c.set_input("A", DMatrix::zeros(2, 9)).unwrap();
        assert!(c.figure_note().is_some() && c.space(&Timeline::new(0)).is_none());
    }

    #[test]
    fn an_overflowing_matrix_leaves_the_stack_null_and_the_shape_exact() {
        let c = page(&[("view", "stack"), ("A", "1e300,1;1,1"), ("s", "1e10"), ("b", "0,0")]);
        let r = readout(c.as_ref(), "stack");
        assert_eq!(r.value, Value::Null);
        assert!(r.note.starts_with("T[1] = s·A has an entry too large") && r.note.contains("overflow"), "{}", r.note);
        assert_eq!(value(c.as_ref(), "stack_shape"), Value::Vector(vec![3.0, 2.0, 2.0]));
        // Still drawn; the overflowing cell shows no number.
        let space = stack_space(c.as_ref());
        assert!(space.project(&Camera::default()).shapes.iter().all(|s| !format!("{s:?}").contains("NaN")));
        assert!(c.summary().contains("T[1, 0, 1] = 1e10"), "{}", c.summary());
    }

    #[test]
    fn the_stack_view_round_trips_through_the_url_and_its_code() {
        let c = page(&[("view", "stack"), ("A", "1,2;3,4"), ("b", "5,6"), ("s", "-1")]);
        let params = to_params(c.as_ref());
        assert!(params.contains(&("view".to_string(), "stack".to_string())), "{params:?}");
        let (again, problems) = from_params(find("tensors").unwrap(), &params).unwrap();
        assert!(problems.is_empty());
        assert_eq!(to_params(again.as_ref()), params);
        assert_eq!(again.readouts(), c.readouts());
        assert!(problems_of_view("Stack").starts_with("Parameter view:"), "option values are lower case");
        let code = c.code();
        assert!(
            code.numpy.contains("\nT = np.stack([A, s * A, A + b])  # a new axis 0 in front\nT.shape  # (3, 2, 2)\n"),
            "{}",
            code.numpy
        );
        assert!(code.numpy.contains("T[:, 0, 0]  # entry (0, 0) of every matrix: [1, -1, 6]"), "{}", code.numpy);
        assert!(code.torch.contains("T = torch.stack([A, s * A, A + b])\nT.shape  # torch.Size([3, 2, 2])"), "{}", code.torch);
        assert!(code.nalgebra.contains("// nalgebra has no rank-3 tensor"), "{}", code.nalgebra);
        assert!(code.nalgebra.contains(
            "let stack = [a.clone(), scaled, sum];\nlet stack_shape = (stack.len(), stack[0].nrows(), stack[0].ncols()); // (3, 2, 2)"
        ));
        assert!(!build().code().numpy.contains("np.stack"), "other views leave the stack out");
    }

    fn problems_of_view(view: &str) -> String {
        problems(&[("view", view)]).join(" ")
    }

    fn matrix(max: usize) -> impl Strategy<Value = DMatrix<f64>> {
        (1..=max, 1..=max)
            .prop_flat_map(|(r, c)| proptest::collection::vec(-1e6..1e6f64, r * c).prop_map(move |e| DMatrix::from_row_slice(r, c, &e)))
    }

    proptest! {
        #[test]
        fn transposing_twice_and_broadcasting_obey_the_algebra(a in matrix(6), k in 1usize..=7, s in -1e3..1e3f64) {
            let (rows, cols) = a.shape();
            let b = DMatrix::from_fn(k, 1, |i, _| i as f64 - 2.5);
            let mut c = build();
            c.set_input("A", a.clone()).unwrap();
            c.set_input("b", b.clone()).unwrap();
            c.set_input("s", DMatrix::from_element(1, 1, s)).unwrap();
            let Value::Matrix(t) = value(c.as_ref(), "transpose") else { panic!("transpose") };
            prop_assert_eq!(t.len(), cols);
            prop_assert!((0..rows).all(|i| (0..cols).all(|j| t[j][i] == a[(i, j)])));
            let Value::Matrix(scaled) = value(c.as_ref(), "scaled") else { panic!("scaled") };
            prop_assert!((0..rows).all(|i| (0..cols).all(|j| scaled[i][j] == s * a[(i, j)])));
            match value(c.as_ref(), "broadcast_sum") {
                Value::Matrix(sum) => {
                    prop_assert!(k == cols || k == 1);
                    // Every row of A + b minus the same row of A is b (or the scalar b₀).
                    for i in 0..rows {
                        for j in 0..cols {
                            prop_assert_eq!(sum[i][j], a[(i, j)] + b[if k == 1 { 0 } else { j }]);
                        }
                    }
                }
                Value::Null => prop_assert!(k != cols && k != 1),
                other => prop_assert!(false, "{:?}", other),
            }
            // Dragging any row of a 2-column A changes exactly that row.
            if cols == 2 {
                let i = rows - 1;
                c.move_handle(&format!("row:{i}"), World::new(7.0, -3.0));
                let Value::Matrix(now) = value(c.as_ref(), "A") else { panic!("A") };
                prop_assert_eq!(&now[i], &vec![7.0, -3.0]);
                prop_assert!((0..i).all(|r| now[r] == vec![a[(r, 0)], a[(r, 1)]]));
            }
            // The stack holds A, s·A and A + b (when it exists), and is drawn with finite points.
            c.set_choice("view", "stack").unwrap();
            let fits = k == cols || k == 1;
            let Value::Vector(shape) = value(c.as_ref(), "stack_shape") else { panic!("stack_shape") };
            prop_assert_eq!(shape, vec![if fits { 3.0 } else { 2.0 }, rows as f64, cols as f64]);
            let Value::List(stack) = value(c.as_ref(), "stack") else { panic!("stack") };
            prop_assert_eq!(&stack[0], &value(c.as_ref(), "A"));
            prop_assert_eq!(&stack[1], &value(c.as_ref(), "scaled"));
            prop_assert_eq!(stack.get(2).cloned(), fits.then(|| value(c.as_ref(), "broadcast_sum")));
            let scene = stack_space(c.as_ref()).project(&Camera::new(s, s / 3.0));
            let drawn = format!("{scene:?}");
            prop_assert!(!drawn.contains("NaN") && !drawn.contains("inf"), "{}", drawn);
        }
    }
}
