//! How a readout is shown to people: its value as rounded text, or as grids of rounded numbers for a
//! matrix or a list of matrices. The browser shell writes this description into the page as it is;
//! the exact value goes to `data-value` as JSON.

use super::{Readout, Value};
use crate::format::{display_number, display_tuple};

/// A matrix as the page shows it: its rows of rounded numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The rows, top to bottom, each a list of rounded entries.
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The grid of a matrix given as rows of numbers.
    pub fn of(rows: &[Vec<f64>]) -> Grid {
        Grid { rows: rows.iter().map(|row| row.iter().map(|x| display_number(*x)).collect()).collect() }
    }

    /// How many columns the grid is laid out in (the first row's length; 0 without rows).
    pub fn cols(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// The entries in reading order, row by row.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().flatten().map(String::as_str)
    }
}

/// What the value cell of a readout shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// One line of text.
    Text(String),
    /// Matrices side by side (one for a matrix, several for a list of matrices).
    Grids(Vec<Grid>),
}

impl Shown {
    /// How `value` is shown: `—` for none, yes/no, a rounded number, a tuple, a grid, grids side by
    /// side for a list of matrices (a rank-3 tensor), or a tuple of mixed values (complex numbers as
    /// `a + bi` with a true minus sign).
    pub fn of(value: &Value) -> Shown {
        match value {
            Value::Null => Shown::Text("—".to_string()),
            Value::Bool(b) => Shown::Text(if *b { "yes" } else { "no" }.to_string()),
            Value::Number(x) => Shown::Text(display_number(*x)),
            Value::Vector(v) => Shown::Text(display_tuple(v)),
            Value::Matrix(rows) => Shown::Grids(vec![Grid::of(rows)]),
            Value::List(items) if !items.is_empty() && items.iter().all(|v| matches!(v, Value::Matrix(_))) => Shown::Grids(
                items
                    .iter()
                    .filter_map(|item| match item {
                        Value::Matrix(rows) => Some(Grid::of(rows)),
                        _ => None,
                    })
                    .collect(),
            ),
            Value::List(items) => Shown::Text(format!("({})", items.iter().map(item_text).collect::<Vec<_>>().join(", "))),
            Value::Complex { .. } => Shown::Text(item_text(value)),
        }
    }

    /// Whether this can be written over `before` by rewriting entries only: both are exactly one
    /// grid, of the same shape. A drag then changes text in the page, not its structure.
    pub fn fits_in_place(&self, before: &Shown) -> bool {
        match (self, before) {
            (Shown::Grids(now), Shown::Grids(was)) if now.len() == 1 && was.len() == 1 => {
                let (now, was) = (&now[0], &was[0]);
                now.cols() == was.cols() && now.rows.len() * now.cols() == was.cells().count()
            }
            _ => false,
        }
    }
}

/// One entry of a list shown as text.
fn item_text(value: &Value) -> String {
    match value {
        Value::Number(x) => display_number(*x),
        Value::Complex { re, im } => {
            format!("{} {} {}i", display_number(*re), if *im < 0.0 { "−" } else { "+" }, display_number(im.abs()))
        }
        Value::Null => "—".to_string(),
        other => other.to_json(),
    }
}

/// A readout as the page writes it: one row of the results table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadoutDisplay {
    /// The contract name, for `data-readout`.
    pub name: &'static str,
    /// The row's heading.
    pub label: &'static str,
    /// The exact value as JSON, for `data-value`.
    pub json: String,
    /// The value for people.
    pub shown: Shown,
    /// The plain-words note beside it.
    pub note: String,
}

impl ReadoutDisplay {
    /// What the page shows for `readout`.
    pub fn of(readout: &Readout) -> ReadoutDisplay {
        ReadoutDisplay {
            name: readout.name,
            label: readout.label,
            json: readout.value.to_json(),
            shown: Shown::of(&readout.value),
            note: readout.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: Value) -> String {
        match Shown::of(&value) {
            Shown::Text(t) => t,
            grids => panic!("text expected, got {grids:?}"),
        }
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid { rows: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect() }
    }

    #[test]
    fn readout_scalars_and_vectors_are_rounded_text() {
        assert_eq!(text(Value::Null), "—");
        assert_eq!(text(Value::Bool(true)), "yes");
        assert_eq!(text(Value::Bool(false)), "no");
        assert_eq!(text(Value::Number(-0.123456)), "−0.1235");
        assert_eq!(text(Value::Vector(vec![2.0, -6.5])), "(2, −6.5)");
    }

    #[test]
    fn readout_lists_and_complex_numbers_are_a_tuple_of_their_entries() {
        assert_eq!(text(Value::Complex { re: 0.5, im: -1.5 }), "0.5 − 1.5i");
        assert_eq!(text(Value::Complex { re: -1.0, im: 2.0 }), "−1 + 2i");
        let mixed = Value::List(vec![Value::Number(6.0), Value::Complex { re: 0.5, im: 1.0 }, Value::Null, Value::Bool(true)]);
        assert_eq!(text(mixed), "(6, 0.5 + 1i, —, true)");
        assert_eq!(text(Value::List(vec![Value::Vector(vec![1.0, 2.5])])), "([1.0,2.5])");
        assert_eq!(text(Value::List(vec![])), "()");
    }

    #[test]
    fn readout_matrices_are_grids_and_lists_of_matrices_grids_side_by_side() {
        let m = Value::Matrix(vec![vec![1.0, -2.0], vec![0.5, 1e12]]);
        let want = grid(&[&["1", "−2"], &["0.5", "1e12"]]);
        assert_eq!(Shown::of(&m), Shown::Grids(vec![want.clone()]));
        assert_eq!(want.cols(), 2);
        assert_eq!(want.cells().collect::<Vec<_>>(), ["1", "−2", "0.5", "1e12"]);
        let tensor = Value::List(vec![m.clone(), Value::Matrix(vec![vec![3.0]])]);
        assert_eq!(Shown::of(&tensor), Shown::Grids(vec![want, grid(&[&["3"]])]));
        // Not all matrices: a tuple of JSON.
        assert_eq!(text(Value::List(vec![m, Value::Number(1.0)])), "([[1.0,-2.0],[0.5,1000000000000.0]], 1)");
        assert_eq!(Grid::of(&[]).cols(), 0);
    }

    #[test]
    fn readout_grids_update_in_place_only_one_grid_of_the_same_shape() {
        let one = |rows: Vec<Vec<f64>>| Shown::of(&Value::Matrix(rows));
        let a = one(vec![vec![1.0, 2.0], vec![3.0, 4.0]]);
        assert!(one(vec![vec![5.0, 6.0], vec![7.0, 8.0]]).fits_in_place(&a));
        assert!(!one(vec![vec![5.0, 6.0]]).fits_in_place(&a), "fewer rows");
        assert!(!one(vec![vec![5.0], vec![6.0], vec![7.0], vec![8.0]]).fits_in_place(&a), "other columns");
        assert!(!Shown::Text("(1, 2)".into()).fits_in_place(&a));
        assert!(!a.fits_in_place(&Shown::Text("—".into())));
        let two = Shown::of(&Value::List(vec![Value::Matrix(vec![vec![1.0]]), Value::Matrix(vec![vec![2.0]])]));
        assert!(!two.fits_in_place(&two), "several grids are rebuilt");
    }

    #[test]
    fn readout_display_carries_the_exact_json_and_the_note() {
        let r = Readout::new("det", "det A", Value::Number(0.1 + 0.2), "ad − bc");
        let d = ReadoutDisplay::of(&r);
        assert_eq!((d.name, d.label, d.json.as_str(), d.note.as_str()), ("det", "det A", "0.30000000000000004", "ad − bc"));
        assert_eq!(d.shown, Shown::Text("0.3".into()));
    }
}
