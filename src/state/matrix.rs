//! Matrices, vectors and scalars in the contract's text form: `A=3,7;5,2`, `v=2,1`, `p=3`.

use super::number::{format_number, parse_number, NumberError};
use nalgebra::DMatrix;
use std::fmt;

/// Largest number of columns accepted anywhere (the contract asks for at least 6×6).
pub const MAX_DIM: usize = 8;
/// Largest number of rows: a point set (`P`, one point per row) has many more rows than columns.
pub const MAX_ROWS: usize = 64;

/// Why a matrix text was rejected; `Display` says it in words a reader understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// An entry is not a number (row and column are 1-based).
    Entry { row: usize, col: usize, error: NumberError },
    /// Rows of different lengths.
    Ragged { row: usize, len: usize, first: usize },
    /// More rows than [`MAX_ROWS`] or more columns than [`MAX_DIM`].
    TooBig { rows: usize, cols: usize },
    /// A vector was expected but the text has several rows.
    NotAVector,
    /// A single number was expected.
    NotAScalar,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Entry { row, col, error } => write!(f, "row {row}, entry {col}: {error}"),
            ShapeError::Ragged { row, len, first } => {
                write!(f, "row {row} has {len} entries but row 1 has {first} (rows must be equally long)")
            }
            ShapeError::TooBig { rows, cols } => {
                write!(f, "{rows}×{cols} is too large (at most {MAX_ROWS} rows and {MAX_DIM} columns)")
            }
            ShapeError::NotAVector => write!(f, "a vector is one row of entries separated by commas"),
            ShapeError::NotAScalar => write!(f, "a single number is expected, not a list"),
        }
    }
}

/// Parses `1,2;3,4` (rows by `;`, entries by `,`) into a matrix with finite entries.
pub fn parse_matrix(text: &str) -> Result<DMatrix<f64>, ShapeError> {
    let rows: Vec<&str> = text.split(';').collect();
    let cols = rows.first().map_or(0, |r| r.split(',').count());
    if rows.len() > MAX_ROWS || cols > MAX_DIM {
        return Err(ShapeError::TooBig { rows: rows.len(), cols });
    }
    let mut entries = Vec::with_capacity(rows.len() * cols);
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = row.split(',').collect();
        if cells.len() != cols {
            return Err(ShapeError::Ragged { row: r + 1, len: cells.len(), first: cols });
        }
        for (c, cell) in cells.iter().enumerate() {
            let x = parse_number(cell).map_err(|error| ShapeError::Entry { row: r + 1, col: c + 1, error })?;
            entries.push(x);
        }
    }
    Ok(DMatrix::from_row_slice(rows.len(), cols, &entries))
}

/// Parses `2,1` into a column vector (an n×1 matrix).
pub fn parse_vector(text: &str) -> Result<DMatrix<f64>, ShapeError> {
    if text.contains(';') {
        return Err(ShapeError::NotAVector);
    }
    Ok(parse_matrix(text)?.transpose())
}

/// Parses a single number.
pub fn parse_scalar(text: &str) -> Result<f64, ShapeError> {
    if text.contains(';') || text.contains(',') {
        return Err(ShapeError::NotAScalar);
    }
    parse_number(text).map_err(|error| ShapeError::Entry { row: 1, col: 1, error })
}

/// Prints a matrix in the contract's form; `parse_matrix(format_matrix(m)) == m` for finite entries.
pub fn format_matrix(m: &DMatrix<f64>) -> String {
    m.row_iter().map(|row| row.iter().map(|&x| format_number(x)).collect::<Vec<_>>().join(",")).collect::<Vec<_>>().join(";")
}

/// Prints a column vector as `2,1`.
pub fn format_vector(v: &DMatrix<f64>) -> String {
    v.iter().map(|&x| format_number(x)).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_rows_and_entries_with_whitespace() {
        let m = parse_matrix(" 3, 7 ; 5 ,2").unwrap();
        assert_eq!(m, DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]));
        assert_eq!(parse_vector("2,1").unwrap().shape(), (2, 1));
        assert_eq!(parse_scalar("-3").unwrap(), -3.0);
    }

    #[test]
    fn explains_bad_shapes() {
        assert_eq!(parse_matrix("1,2;3").unwrap_err(), ShapeError::Ragged { row: 2, len: 1, first: 2 });
        assert!(matches!(parse_matrix("1,;3,4"), Err(ShapeError::Entry { row: 1, col: 2, .. })));
        assert!(matches!(parse_matrix("1,x"), Err(ShapeError::Entry { row: 1, col: 2, .. })));
        assert!(matches!(parse_matrix(&["1"; 9].join(",")), Err(ShapeError::TooBig { .. })));
        assert!(parse_matrix(&["1"; MAX_ROWS].join(";")).is_ok());
        assert!(matches!(parse_matrix(&["1"; MAX_ROWS + 1].join(";")), Err(ShapeError::TooBig { .. })));
        assert_eq!(parse_vector("1;2").unwrap_err(), ShapeError::NotAVector);
        assert_eq!(parse_scalar("1,2").unwrap_err(), ShapeError::NotAScalar);
        assert!(parse_matrix("").is_err());
        let msg = parse_matrix("1,2;3").unwrap_err().to_string();
        assert!(msg.contains("row 2 has 1 entries"), "{msg}");
    }

    proptest! {
        #[test]
        fn print_then_parse_is_identity(rows in 1usize..=MAX_DIM, cols in 1usize..=MAX_DIM,
                                        seed in proptest::collection::vec(-1e300f64..1e300, MAX_DIM * MAX_DIM)) {
            let m = DMatrix::from_fn(rows, cols, |r, c| seed[r * MAX_DIM + c]);
            prop_assert_eq!(parse_matrix(&format_matrix(&m)).unwrap(), m.clone());
            let v = m.column(0).clone_owned();
            let v = DMatrix::from_column_slice(v.len(), 1, v.as_slice());
            prop_assert_eq!(parse_vector(&format_vector(&v)).unwrap(), v);
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,80}") {
            let _ = parse_matrix(&text);
            let _ = parse_vector(&text);
            let _ = parse_scalar(&text);
        }
    }
}
