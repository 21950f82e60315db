//! Points pasted as text, one per line: `x,y` or `x,y,z`, separated by commas, semicolons, tabs or
//! spaces, with an optional header line. Every number follows the contract's grammar
//! ([`parse_number`]); problems are reported with the line they are on, counted like the lines of the
//! pasted text (blank lines included), so the reader can find them.

use super::number::{parse_number, NumberError};
use nalgebra::DMatrix;
use std::fmt;

/// Most points a paste may hold.
pub const MAX_CSV_ROWS: usize = 100_000;
/// Longest paste accepted, in bytes (UTF-8).
pub const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;

/// Why a pasted text is not a point set; `Display` names the row (line) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// Longer than [`MAX_CSV_BYTES`].
    TooLarge { bytes: usize },
    /// More than [`MAX_CSV_ROWS`] points; `row` is the line of the first one too many.
    TooManyRows { row: usize },
    /// No line holds a point.
    Empty,
    /// A value is not a number (`row` from 1, `col` from 1).
    Value { row: usize, col: usize, error: NumberError },
    /// The first point does not have 2 or 3 coordinates.
    Width { row: usize, len: usize },
    /// A row has a different number of values than the first row.
    Ragged { row: usize, len: usize, first: usize },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::TooLarge { bytes } => write!(
                f,
                "the text is {} MB; at most {} MB can be pasted",
                crate::decimal::fixed(*bytes as f64 / (1024.0 * 1024.0), 1),
                MAX_CSV_BYTES / (1024 * 1024)
            ),
            CsvError::TooManyRows { row } => write!(f, "Row {row}: more than {MAX_CSV_ROWS} points; at most {MAX_CSV_ROWS} can be pasted"),
            CsvError::Empty => write!(f, "there are no points: paste one point per line, like 1.5, 2"),
            CsvError::Value { row, col, error: NumberError::Empty } => write!(f, "Row {row}: value {col} is empty"),
            CsvError::Value { row, error, .. } => write!(f, "Row {row}: {error}"),
            CsvError::Width { row, len } => {
                write!(f, "Row {row} has {len} value{}; each point needs 2 or 3 coordinates", if *len == 1 { "" } else { "s" })
            }
            CsvError::Ragged { row, len, first } => write!(f, "Row {row} has {len} values, the first row had {first}"),
        }
    }
}

/// The values of one line: split on commas, semicolons or tabs when it has any, else on spaces.
fn fields(line: &str) -> Vec<&str> {
    if line.contains([',', ';', '\t']) {
        line.split([',', ';', '\t']).map(str::trim).collect()
    } else {
        line.split_whitespace().collect()
    }
}

/// Parses pasted points into an n×2 or n×3 matrix (one point per row). The first non-blank line is
/// a header, and skipped, when none of its values is a number (`x,y`).
pub fn parse_points(text: &str) -> Result<DMatrix<f64>, CsvError> {
    if text.len() > MAX_CSV_BYTES {
        return Err(CsvError::TooLarge { bytes: text.len() });
    }
    let mut entries: Vec<f64> = Vec::new();
    let mut width: Option<usize> = None;
    let mut rows = 0usize;
    let mut first_line = true;
    for (index, line) in text.lines().enumerate() {
        let row = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let values = fields(line);
        if std::mem::take(&mut first_line) && values.iter().all(|v| parse_number(v).is_err()) && values.iter().any(|v| !v.is_empty()) {
            continue;
        }
        match width {
            None if !(2..=3).contains(&values.len()) => return Err(CsvError::Width { row, len: values.len() }),
            None => width = Some(values.len()),
            Some(first) if first != values.len() => return Err(CsvError::Ragged { row, len: values.len(), first }),
            Some(_) => {}
        }
        if rows == MAX_CSV_ROWS {
            return Err(CsvError::TooManyRows { row });
        }
        for (col, value) in values.iter().enumerate() {
            entries.push(parse_number(value).map_err(|error| CsvError::Value { row, col: col + 1, error })?);
        }
        rows += 1;
    }
    let Some(width) = width else { return Err(CsvError::Empty) };
    Ok(DMatrix::from_row_slice(rows, width, &entries))
}

/// Points as the parser reads them: one `x,y` line per row, shortest round-trip numbers.
pub fn format_points(points: &DMatrix<f64>) -> String {
    let mut out = String::new();
    for row in points.row_iter() {
        let line: Vec<String> = row.iter().map(|x| super::number::format_number(*x)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn message(text: &str) -> String {
        parse_points(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_commas_semicolons_tabs_and_spaces_with_a_header() {
        let want = DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0]);
        for text in [
            "0,2\n1,4\n2,0",
            "x,y\n0, 2\n1 ,4\n\n2,0\n",
            "x;y\r\n0;2\r\n1;4\r\n2;0\r\n",
            "0\t2\n1\t4\n2\t0",
            "  x   y\n0 2\n  1   4\n2 0\n\n",
            "+0,2.0\n1e0,4\n.2e1,-0",
        ] {
            assert_eq!(parse_points(text), Ok(want.clone()), "{text:?}");
        }
        let three = parse_points("a,b,c\n1,2,3\n4,5,6").unwrap();
        assert_eq!(three.shape(), (2, 3));
        assert_eq!(three[(1, 2)], 6.0);
    }

    #[test]
    fn names_the_row_and_the_problem() {
        assert_eq!(message("1,2\n3,4\nabc,5"), "Row 3: “abc” is not a number (write decimals like -1.5 or 2e-3)");
        assert_eq!(message("x,y\n1,2\n\n3,4\n1,2,3"), "Row 5 has 3 values, the first row had 2");
        assert_eq!(message("1,2,3,4\n1,2,3,4"), "Row 1 has 4 values; each point needs 2 or 3 coordinates");
        assert_eq!(message("x\n5"), "Row 2 has 1 value; each point needs 2 or 3 coordinates");
        assert_eq!(message("1,2\n3,"), "Row 2: value 2 is empty");
        assert_eq!(message("1,2\nNaN,1"), "Row 2: “NaN” is not a number (write decimals like -1.5 or 2e-3)");
        assert!(message("1,2\n1e400,1").starts_with("Row 2: “1e400” is too large"));
        assert!(message("\n\n  \n").contains("no points"));
        assert!(message("x,y\n").contains("no points"));
        // A header only counts on the first line: a word later is an error.
        assert!(message("1,2\nx,y").starts_with("Row 2:"));
    }

    #[test]
    fn limits_the_size_and_the_number_of_points() {
        let big = "1,2\n".repeat(MAX_CSV_ROWS + 1);
        assert_eq!(parse_points(&big), Err(CsvError::TooManyRows { row: MAX_CSV_ROWS + 1 }));
        assert_eq!(parse_points(&"1,2\n".repeat(MAX_CSV_ROWS)).unwrap().nrows(), MAX_CSV_ROWS);
        let huge = " ".repeat(MAX_CSV_BYTES + 1);
        assert!(message(&huge).contains("at most 2 MB"));
    }

    fn points() -> impl Strategy<Value = DMatrix<f64>> {
        (1usize..40, 2usize..=3).prop_flat_map(|(n, k)| {
            proptest::collection::vec(prop_oneof![-1e6f64..1e6, any::<f64>().prop_filter("finite", |x| x.is_finite())], n * k)
                .prop_map(move |v| DMatrix::from_row_slice(n, k, &v))
        })
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}|[-+0-9.eE,; \\t\\n]{0,200}") {
            let _ = parse_points(&text).map_err(|e| e.to_string());
        }

        #[test]
        fn formatted_points_round_trip(p in points(), header in any::<bool>()) {
            let text = format!("{}{}", if header { "x,y\n" } else { "" }, format_points(&p));
            prop_assert_eq!(parse_points(&text), Ok(p));
        }

        #[test]
        fn reports_the_row_of_a_bad_value(p in points(), at in any::<proptest::sample::Index>(), junk in "[a-z]{1,5}") {
            let mut lines: Vec<String> = format_points(&p).lines().map(String::from).collect();
            let row = at.index(lines.len());
            lines[row] = format!("{junk}{}", ",1".repeat(p.ncols() - 1));
            let text = lines.join("\n");
            // A bad first line is read as a header when no value is a number; "junk,1" has one.
            // Whatever the row, the message starts with it: "Row 3: …".
            prop_assert!(message(&text).starts_with(&format!("Row {}: ", row + 1)), "{}", message(&text));
        }
    }
}
