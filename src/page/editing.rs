//! Editing inputs from the page's editors: a typed cell, a whole matrix typed or pasted into a cell,
//! a new shape, pasted points. Invalid text leaves the last valid value and a message naming the input
//! and the cell.

use super::{Changes, Page};
use crate::chapter::{AnyChapter, InputKind, Limits};
use crate::state::matrix::{MAX_DIM, MAX_ROWS};
use crate::state::typed::{classify, parse_typed_matrix, CellText};
use nalgebra::DMatrix;

/// A cell (or a paste, or a resize) whose text was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Row of the cell, from 0 (`usize::MAX` for the whole input).
    pub row: usize,
    /// Column of the cell, from 0 (`usize::MAX` for the whole input).
    pub col: usize,
    /// What is wrong, naming the input and the cell.
    pub message: String,
    /// The cell's text is refused (`false` for a note about text still being typed).
    pub invalid: bool,
}

impl CellError {
    fn whole(message: String) -> CellError {
        CellError { row: usize::MAX, col: usize::MAX, message, invalid: true }
    }
}

/// "entry 2" or "row 1, column 2": where a cell is, in words.
fn position(value: &DMatrix<f64>, row: usize, col: usize) -> String {
    if value.ncols() == 1 {
        format!("entry {}", row + 1)
    } else {
        format!("row {}, column {}", row + 1, col + 1)
    }
}

/// How the editors look: per shown input, its shape, or the note shown instead of its cells.
pub(super) type EditorLayout = Vec<(&'static str, Result<(usize, usize), String>)>;

/// The editors' layout for the chapter's current state.
pub(super) fn editor_layout(chapter: &dyn AnyChapter) -> EditorLayout {
    chapter.inputs().into_iter().filter(|i| i.shown).map(|i| (i.name, i.note.map_or(Ok(i.value.shape()), Err))).collect()
}

impl Page {
    fn input_value(&self, input: &str) -> Option<(InputKind, Limits, DMatrix<f64>)> {
        self.chapter.inputs().into_iter().find(|i| i.name == input).map(|i| (i.kind, i.limits, i.value.into_owned()))
    }

    /// A keystroke in a cell: a number is applied at once; the first keystrokes of a whole matrix are
    /// taken back (the gesture's state is put back) until the matrix is committed.
    pub(super) fn edit_cell(&mut self, input: &'static str, row: usize, col: usize, text: &str) -> Changes {
        let Some((_, _, mut value)) = self.input_value(input) else { return Changes::default() };
        if row >= value.nrows() || col >= value.ncols() {
            return Changes::default();
        }
        let at = position(&value, row, col);
        let result = match classify(text) {
            CellText::Number(x) if value[(row, col)] == x => {
                // Nothing new (Enter after typing, a number typed again): no step.
                let messages = self.cell_errors.remove(input).is_some();
                return Changes { messages, ..Changes::default() };
            }
            CellText::Number(x) => {
                value[(row, col)] = x;
                self.chapter.set_input(input, value).map_err(|e| e.to_string())
            }
            CellText::Invalid(why) => Err(why.to_string()),
            CellText::Matrix => {
                let reverted = self.revert_gesture();
                let message = format!("{input}: several entries typed into {at}; press Enter to replace {input} with this matrix.");
                self.cell_errors.insert(input, CellError { row, col, message, invalid: false });
                return Changes { state: reverted, figure: reverted, settled: reverted, messages: true, ..Changes::default() };
            }
        };
        match result {
            Ok(()) => {
                self.touched();
                let messages = self.cell_errors.remove(input).is_some();
                Changes { state: true, figure: true, settled: true, messages, ..Changes::default() }
            }
            Err(why) => {
                let message = format!("{input}, {at}: {why}. The last valid value is kept.");
                self.cell_errors.insert(input, CellError { row, col, message, invalid: true });
                Changes { messages: true, ..Changes::default() }
            }
        }
    }

    /// A cell's text when the reader is done with it (Enter, leaving the cell) or pasted into it: a
    /// number as [`Page::edit_cell`]; a whole matrix replaces the input, resized within its limits, or
    /// is refused as a whole with a message naming the problem.
    pub(super) fn commit_cell(&mut self, input: &'static str, row: usize, col: usize, text: &str) -> Changes {
        if classify(text) != CellText::Matrix {
            return self.edit_cell(input, row, col, text);
        }
        let reverted = self.revert_gesture();
        let Some((kind, _, value)) = self.input_value(input) else { return Changes::default() };
        if row >= value.nrows() || col >= value.ncols() {
            return Changes::default();
        }
        let was_in_space = self.in_space();
        let result = parse_typed_matrix(text).map_err(|e| e.to_string()).and_then(|m| {
            let shape = crate::format::display_shape(&m);
            let m = match kind {
                InputKind::Matrix => m,
                InputKind::Vector if m.nrows() == 1 || m.ncols() == 1 => {
                    if m.len() > MAX_DIM {
                        return Err(format!("{input} has at most {MAX_DIM} entries, and the {shape} matrix has {}", m.len()));
                    }
                    DMatrix::from_column_slice(m.len(), 1, m.as_slice())
                }
                InputKind::Vector => return Err(format!("{input} is a vector (one row or one column), not a {shape} matrix")),
                InputKind::Scalar if m.len() == 1 => m,
                InputKind::Scalar => return Err(format!("{input} is a single number, not a {shape} matrix")),
            };
            if m == value {
                return Ok(false);
            }
            self.chapter.set_input(input, m).map(|()| true).map_err(|e| e.to_string())
        });
        match result {
            Ok(false) => {
                let messages = self.cell_errors.remove(input).is_some();
                Changes { state: reverted, figure: reverted, settled: reverted, messages, ..Changes::default() }
            }
            Ok(true) => {
                self.touched();
                self.cell_errors.remove(input);
                self.reset_timeline();
                if self.in_space() != was_in_space {
                    self.fit();
                }
                Changes::STRUCTURE
            }
            Err(why) => {
                let at = position(&value, row, col);
                let message = format!("{input}: the matrix typed into {at} was not used: {why}. The last valid value is kept.");
                self.cell_errors.insert(input, CellError { row, col, message, invalid: true });
                Changes { state: reverted, figure: reverted, settled: reverted, messages: true, ..Changes::default() }
            }
        }
    }

    pub(super) fn reshape(&mut self, input: &'static str, rows: usize, cols: usize) -> Changes {
        let Some((kind, limits, value)) = self.input_value(input) else { return Changes::default() };
        let was_in_space = self.in_space();
        // Vectors are written as one row in URLs, so their length is bounded like columns.
        let (max_rows, max_cols) = match kind {
            InputKind::Scalar => return Changes::default(),
            InputKind::Vector => (MAX_DIM, 1),
            InputKind::Matrix => (MAX_ROWS, MAX_DIM),
        };
        let cols = if kind == InputKind::Vector { 1 } else { cols };
        if !(1..=max_rows).contains(&rows) || !(1..=max_cols).contains(&cols) {
            return Changes::default();
        }
        if let Err(why) = self.chapter.set_input(input, value.clone().resize(rows, cols, 0.0)) {
            // A square-only input grows or shrinks both sizes together.
            let n = if rows != value.nrows() { rows } else { cols };
            let square =
                matches!(limits, Limits::Square(_)) && n <= max_cols && self.chapter.set_input(input, value.resize(n, n, 0.0)).is_ok();
            if !square {
                self.cell_errors.insert(input, CellError::whole(format!("{input}: {why}.")));
                return Changes { messages: true, ..Changes::default() };
            }
        }
        self.cell_errors.remove(input);
        self.reset_timeline();
        if self.in_space() != was_in_space {
            self.fit();
        }
        Changes::STRUCTURE
    }

    pub(super) fn paste(&mut self, input: &'static str, text: &str) -> Changes {
        if !self.chapter.inputs().iter().any(|i| i.name == input && i.paste) {
            return Changes::default();
        }
        let result = crate::state::csv::parse_points(text)
            .map_err(|e| e.to_string())
            .and_then(|points| self.chapter.set_input(input, points).map_err(|why| format!("{input}: {why}")));
        match result {
            Ok(()) => {
                self.cell_errors.remove(input);
                self.reset_timeline();
                self.fit();
                Changes::STRUCTURE
            }
            Err(why) => {
                let message = format!("The pasted points were not loaded. {why}. The last valid points are kept.");
                self.cell_errors.insert(input, CellError::whole(message));
                Changes { messages: true, ..Changes::default() }
            }
        }
    }
}
