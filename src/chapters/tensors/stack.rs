//! The stack view: the rank-3 tensor `np.stack([A, s * A, A + b])` (without A + b when b does not
//! broadcast) and its 3-D figure, each matrix a sheet of cells, the sheets one behind the other along
//! axis 0, with numpy's three axes named around the front matrix.

use super::{numpy_shape, Tensors, CELL};
use crate::format::display_number;
use crate::view::scene::{Fill, Role, Stroke};
use crate::view::space::{Camera, Point3, Shape3, Space};
use nalgebra::DMatrix;

/// The most rows or columns the stack view draws: three sheets of up to 8×8 cells.
pub(super) const MAX: usize = crate::state::matrix::MAX_DIM;
/// The figure width the stack view lays its labels out for, in CSS px: a phone's, the smallest. The
/// numbers are written in the cells only when they fit at this size (otherwise the cells stay empty
/// and the `stack` readout has the values); on a wider figure everything is larger.
pub(super) const FIGURE_PX: f64 = 360.0;
/// The width of a digit, a minus sign or a letter of a figure label (13 px system font), in CSS px;
/// a decimal point takes about half of that.
const LABEL_CHAR_PX: f64 = 7.5;
/// The screen gap between two sheets of the stack from the default viewpoint, in cells.
pub(super) const SHEET_GAP: f64 = 0.7;
/// The least screen distance from one sheet's left edge to the next one's, in cells: room for the
/// sheet's name above a narrow sheet.
const SHEET_STEP: f64 = 2.3;
/// How far the axis arrows stand off the front sheet's edges, in cells.
const AXIS_OFFSET: f64 = 0.4;

/// One matrix of the stacked tensor T: its numpy expression, its name in the figure, its value and colour.
pub(super) struct Slice {
    /// How numpy writes it: `A`, `s * A`, `A + b`.
    pub(super) numpy: &'static str,
    /// The nalgebra binding the code panel holds it in: `a`, `scaled`, `sum`.
    pub(super) rust: &'static str,
    /// How the figure and the notes name it: `A`, `s·A`, `A + b`.
    pub(super) label: &'static str,
    /// The matrix.
    pub(super) value: DMatrix<f64>,
    /// Its colour.
    role: Role,
}

/// The matrices `np.stack` puts one after another along axis 0: A, s·A, and A + b when b broadcasts.
/// When it does not, numpy raises instead of making A + b, so the tensor stacks the two matrices
/// that exist and the notes say why.
pub(super) fn slices(c: &Tensors) -> Vec<Slice> {
    let mut slices = vec![
        Slice { numpy: "A", rust: "a", label: "A", value: c.a.clone(), role: Role::Data },
        Slice { numpy: "s * A", rust: "scaled", label: "s·A", value: &c.a * c.s, role: Role::Second },
    ];
    if let Some(sum) = c.broadcast_sum() {
        slices.push(Slice { numpy: "A + b", rust: "sum", label: "A + b", value: sum, role: Role::Image });
    }
    slices
}

/// What is stacked, as numpy writes the list: `A, s * A, A + b` (or without A + b).
pub(super) fn names(slices: &[Slice]) -> String {
    slices.iter().map(|s| s.numpy).collect::<Vec<_>>().join(", ")
}

/// What the stack is made of, in words, with the reason when A + b is left out.
pub(super) fn recipe(c: &Tensors, slices: &[Slice]) -> String {
    let call = format!("np.stack([{}])", names(slices));
    if slices.len() == 3 {
        format!("T = {call}")
    } else {
        format!(
            "A + b does not exist (shapes {} and ({},) do not broadcast), so T = {call} stacks the {} matrices that do",
            numpy_shape(&c.a),
            c.b.len(),
            slices.len()
        )
    }
}

/// Whether the numbers fit in the cells at `px_per_cell`, so that a number never spills over its
/// neighbours.
fn numbers_fit(slices: &[Slice], px_per_cell: f64) -> bool {
    let cell_px = Camera::default().project(&Point3::new(0.0, CELL, 0.0)).x * px_per_cell;
    let text_px = |x: &f64| display_number(*x).chars().map(|c| if c == '.' { LABEL_CHAR_PX / 2.0 } else { LABEL_CHAR_PX }).sum::<f64>();
    let widest = slices.iter().flat_map(|s| s.value.iter()).map(text_px).fold(0.0, f64::max);
    widest + 4.0 <= cell_px
}

/// Where the stack view puts things in space. Sheet k lies in the plane x = depth(k): axis 0 runs
/// along −x (away from the default viewer), axis 2 (the columns) along +y and axis 1 (the rows) down
/// −z, and the whole tensor is centred on the origin, the centre the camera orbits.
#[derive(Debug, Clone, Copy)]
struct Layout {
    sheets: usize,
    rows: usize,
    cols: usize,
    /// The distance between two sheets along axis 0, in cells.
    gap: f64,
}

impl Layout {
    fn new(sheets: usize, rows: usize, cols: usize) -> Layout {
        // From the default viewpoint a step along axis 0 moves a sheet to the right (and up) on the
        // screen: the gap makes that step a sheet's width plus a margin, so that no sheet hides
        // another, or its numbers, until the reader turns the view.
        let camera = Camera::default();
        let step = camera.project(&Point3::new(-1.0, 0.0, 0.0)).x;
        let width = camera.project(&Point3::new(0.0, cols as f64, 0.0)).x;
        Layout { sheets, rows, cols, gap: (width + SHEET_GAP).max(SHEET_STEP) / step }
    }

    /// CSS px per cell when `space` is fitted, from the default viewpoint, to a figure [`FIGURE_PX`]
    /// wide (the viewport's fit keeps a fifth of the width as margin).
    fn px_per_cell(&self, space: &Space) -> f64 {
        let half = space.half_extent(&Camera::default());
        FIGURE_PX / (2.0 * half.x.max(half.y) * 1.25)
    }

    /// The point of sheet `k` at `row`, `col`, counted in cells from its top-left corner (fractions and
    /// values outside the sheet allowed: axis arrows and labels sit around it).
    fn at(&self, k: f64, row: f64, col: f64) -> Point3 {
        Point3::new(((self.sheets as f64 - 1.0) / 2.0 - k) * self.gap, col - self.cols as f64 / 2.0, self.rows as f64 / 2.0 - row)
    }
}

/// The rank-3 tensor in space: each matrix a sheet of cells (with its numbers when they fit), the
/// sheets one behind the other along axis 0, numpy's three axes as arrows around the front matrix,
/// and the shape.
pub(super) fn space(c: &Tensors) -> Space {
    let slices = slices(c);
    let (m, n) = c.a.shape();
    let layout = Layout::new(slices.len(), m, n);
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
    let off = AXIS_OFFSET;
    let axis = Stroke::solid(Role::Axis, 1.5);
    space.arrow_from(layout.at(0.0, 0.0, -off), layout.at(0.0, rows, -off), axis, "");
    space.arrow_from(layout.at(0.0, rows + off, 0.0), layout.at(0.0, rows + off, cols), axis, "");
    space.arrow_from(layout.at(0.0, rows + off, cols + off), layout.at(last + 0.35, rows + off, cols + off), axis, "");
    // The labels keep their distances in screen pixels at the size the figure will have, which
    // depends on the labels themselves: estimate it, place them, estimate again, place them again.
    let mut px_per_cell = layout.px_per_cell(&space);
    for _ in 0..2 {
        let mut labelled = space.clone();
        labels(&slices, &layout, px_per_cell, &mut labelled);
        px_per_cell = layout.px_per_cell(&labelled);
    }
    labels(&slices, &layout, px_per_cell, &mut space);
    space
}

/// The stack's labels, `px_per_cell` CSS px to a cell: each matrix's name above it, the axes' names
/// beside their arrows, the shape above all, and the numbers in the cells when they fit. Labels are
/// drawn with their baseline at the point given.
fn labels(slices: &[Slice], layout: &Layout, px_per_cell: f64, space: &mut Space) {
    let (m, n) = (layout.rows, layout.cols);
    let (rows, cols) = (m as f64, n as f64);
    let last = slices.len().saturating_sub(1) as f64;
    let off = AXIS_OFFSET;
    let px = 1.0 / px_per_cell;
    let camera = Camera::default();
    let screen = |p: Point3| camera.project(&p);
    // Screen units (up) per row and per column, and how much lower the middle of the top edge is
    // than its left end.
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
    if numbers_fit(slices, px_per_cell) {
        for (k, slice) in slices.iter().enumerate() {
            for (i, j) in (0..m).flat_map(|i| (0..n).map(move |j| (i, j))) {
                if let Some(x) = slice.value.get((i, j)) {
                    // The baseline a little below the centre, so that the digits sit in the middle.
                    space.label(layout.at(k as f64, i as f64 + 0.5 + 4.0 * px / per_row, j as f64 + 0.5), display_number(*x), slice.role);
                }
            }
        }
    }
}
