//! What a reader types or pastes into one cell of an editor: a number, or a whole matrix written the
//! way numpy, MATLAB or a spreadsheet writes it. Pure, so the rules below are tested natively.
//!
//! A cell's text is a number when [`parse_typed_number`] reads it. Otherwise, when it has a separator
//! (a bracket, comma, semicolon, tab, line break, or a space between two entries) it is read as a
//! matrix ([`parse_typed_matrix`]), in any of these forms:
//!
//! - numpy: `[[1, 2], [3, 4]]`, `np.array([[1, 2], [3, 4]])`, and what numpy prints:
//!   `array([[1., 2.],\n       [3., 4.]])` or `[[1. 2.]\n [3. 4.]]`; a 1-D `[1, 2, 3]` is one row;
//! - MATLAB: `[1 2; 3 4]`, `[1, 2; 3, 4]`, `1 2; 3 4`, `A = [1 2; 3 4];`, rows also on new lines;
//! - CSV or TSV rows (a spreadsheet's copied cells): one row per line, entries separated by commas,
//!   tabs or spaces; a first line without any number is a header and skipped; lines with only
//!   semicolons between entries (`1;2` on each of several lines) are European CSV, so there the
//!   semicolons separate entries;
//! - the contract's own `1,2;3,4`.
//!
//! Every entry follows [`parse_typed_number`]'s rules. Nothing is guessed: an entry that is not a
//! number, an empty entry, rows of different lengths, unmatched brackets, a third level of brackets or
//! more than [`MAX_ROWS`]×[`MAX_DIM`] entries give an error naming the row and entry, and no matrix.

use super::matrix::{MAX_DIM, MAX_ROWS};
use super::number::{is_group_space, normalise_typed, parse_typed_number, NumberError};
use nalgebra::DMatrix;
use std::fmt;

/// Longest text read as a matrix, in bytes: 64 rows of 8 long numbers fit many times over.
pub const MAX_TYPED_BYTES: usize = 64 * 1024;

/// What a cell's text is.
#[derive(Debug, Clone, PartialEq)]
pub enum CellText {
    /// One number.
    Number(f64),
    /// Text with separators: a whole matrix was meant (read it with [`parse_typed_matrix`]).
    Matrix,
    /// Neither: why it is not a number.
    Invalid(NumberError),
}

/// Sorts a cell's text into a number, a matrix or neither.
pub fn classify(text: &str) -> CellText {
    match parse_typed_number(text) {
        Ok(x) => CellText::Number(x),
        Err(_) if has_separator(text) => CellText::Matrix,
        Err(e) => CellText::Invalid(e),
    }
}

/// Whether the text separates several entries (after the number rules' spaces are taken out).
fn has_separator(text: &str) -> bool {
    let t = normalise_typed(text);
    let t = t.trim();
    t.contains(['[', ']', ',', ';', '\t', '\n', '\r']) || t.contains(|c: char| c.is_whitespace())
}

/// Why a typed matrix was not read; `Display` says it in words, naming the row and entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedError {
    /// Longer than [`MAX_TYPED_BYTES`].
    TooLong,
    /// No entries at all.
    Empty,
    /// An entry is not a number (row and entry from 1).
    Entry { row: usize, col: usize, error: NumberError },
    /// Two separators with nothing between them.
    EmptyEntry { row: usize, col: usize },
    /// Rows of different lengths.
    Ragged { row: usize, len: usize, first: usize },
    /// More rows than [`MAX_ROWS`] or columns than [`MAX_DIM`].
    TooBig { rows: usize, cols: usize },
    /// Brackets that do not pair up, or are nested too deep, or rows mixing lists and numbers.
    Brackets(&'static str),
}

impl fmt::Display for TypedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypedError::TooLong => write!(f, "the text is longer than {} KB", MAX_TYPED_BYTES / 1024),
            TypedError::Empty => write!(f, "there are no numbers in it"),
            TypedError::Entry { row, col, error: NumberError::Empty } | TypedError::EmptyEntry { row, col } => {
                write!(f, "row {row}, entry {col} is empty")
            }
            TypedError::Entry { row, col, error } => write!(f, "row {row}, entry {col}: {error}"),
            TypedError::Ragged { row, len, first } => {
                write!(f, "row {row} has {len} {} but row 1 has {first} (rows must be equally long)", entries(*len))
            }
            TypedError::TooBig { rows, cols } => {
                write!(f, "{rows}×{cols} is too large (at most {MAX_ROWS} rows and {MAX_DIM} columns)")
            }
            TypedError::Brackets(why) => write!(f, "{why}"),
        }
    }
}

fn entries(n: usize) -> &'static str {
    if n == 1 {
        "entry"
    } else {
        "entries"
    }
}

/// One token of the text: an entry's text, a row break (`;` or a line break), or a bracketed list.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Entry(String),
    /// Two separators with nothing between them (`1,,2`), kept to be reported at its place.
    Hole,
    Break,
    List(Vec<Item>),
}

/// Parses a whole matrix typed or pasted into a cell (see the module's documentation for the forms).
pub fn parse_typed_matrix(text: &str) -> Result<DMatrix<f64>, TypedError> {
    if text.len() > MAX_TYPED_BYTES {
        return Err(TypedError::TooLong);
    }
    let text = normalise_typed(text).replace("\r\n", "\n").replace('\r', "\n");
    // Other typographic spaces (not between digit groups) are ordinary spaces here.
    let text: String = text.chars().map(|c| if is_group_space(c) { ' ' } else { c }).collect();
    let body = strip_wrapper(text.trim());
    let european = is_european_csv(body);
    let mut chars = body.chars().peekable();
    let items = parse_items(&mut chars, 0, european)?;
    if chars.next().is_some() {
        return Err(TypedError::Brackets("a “]” closes a bracket that was never opened"));
    }
    to_matrix(rows_of(items)?)
}

/// Takes off what surrounds the brackets: an assignment (`A = `), a call (`np.array(` … `)`, with any
/// keyword arguments after the list) and a final `;`.
fn strip_wrapper(text: &str) -> &str {
    let mut t = text.trim().trim_end_matches(';').trim_end();
    // `A = [...]`: a name, then `=`.
    if let Some((name, rest)) = t.split_once('=') {
        let name = name.trim();
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            t = rest.trim();
        }
    }
    // `np.array([...], dtype=float)`: a dotted name, `(`, the list, anything, `)`.
    if let Some(open) = t.find('(') {
        let name = &t[..open];
        let is_call = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if is_call && t.ends_with(')') {
            let inner = &t[open + 1..t.len() - 1];
            if let (Some(first), Some(last)) = (inner.find('['), inner.rfind(']')) {
                if inner[..first].trim().is_empty() {
                    return inner[first..=last].trim();
                }
            }
        }
    }
    t
}

/// Several lines, each with semicolons between single entries and no comma, tab or space between
/// entries (`1;2` on each line): `;` separates entries (European spreadsheets), lines separate rows.
/// MATLAB's `1 2; 3 4` on several lines has spaces between entries, and stays rows.
fn is_european_csv(text: &str) -> bool {
    if text.contains(['[', ']', ',', '\t']) {
        return false;
    }
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.len() >= 2
        && lines.iter().all(|l| l.contains(';') && !l.ends_with(';') && l.split(';').all(|f| !f.trim().contains(char::is_whitespace)))
}

/// Reads items up to the end of the text or, inside brackets (`depth` > 0), up to the closing `]`.
fn parse_items(chars: &mut std::iter::Peekable<std::str::Chars>, depth: usize, european: bool) -> Result<Vec<Item>, TypedError> {
    let mut items = Vec::new();
    let mut entry = String::new();
    // Whether the last separator was a comma (or a European semicolon) with no entry after it yet.
    let mut after_comma = false;
    let flush = |entry: &mut String, items: &mut Vec<Item>, after_comma: &mut bool| {
        if !entry.is_empty() {
            items.push(Item::Entry(std::mem::take(entry)));
            *after_comma = false;
        }
    };
    while let Some(&c) = chars.peek() {
        match c {
            '[' => {
                chars.next();
                flush(&mut entry, &mut items, &mut after_comma);
                if depth >= 2 {
                    return Err(TypedError::Brackets("brackets nested three deep are a 3-D array, not a matrix"));
                }
                let inner = parse_items(chars, depth + 1, european)?;
                items.push(Item::List(inner));
                after_comma = false;
            }
            ']' => {
                if depth == 0 {
                    return Err(TypedError::Brackets("a “]” closes a bracket that was never opened"));
                }
                chars.next();
                flush(&mut entry, &mut items, &mut after_comma);
                // A trailing comma before `]` is allowed, as in Python: `[1, 2,]`.
                return Ok(items);
            }
            ',' => {
                chars.next();
                if entry.is_empty() && (after_comma || !matches!(items.last(), Some(Item::Entry(_) | Item::List(_)))) {
                    items.push(Item::Hole);
                }
                flush(&mut entry, &mut items, &mut after_comma);
                after_comma = true;
            }
            ';' if european => {
                chars.next();
                if entry.is_empty() && (after_comma || !matches!(items.last(), Some(Item::Entry(_)))) {
                    items.push(Item::Hole);
                }
                flush(&mut entry, &mut items, &mut after_comma);
                after_comma = true;
            }
            ';' | '\n' => {
                chars.next();
                flush(&mut entry, &mut items, &mut after_comma);
                if after_comma && depth == 0 {
                    items.push(Item::Hole);
                }
                after_comma = false;
                items.push(Item::Break);
            }
            c if c.is_whitespace() => {
                chars.next();
                flush(&mut entry, &mut items, &mut after_comma);
            }
            c => {
                chars.next();
                entry.push(c);
            }
        }
    }
    if depth > 0 {
        return Err(TypedError::Brackets("a “[” is never closed"));
    }
    flush(&mut entry, &mut items, &mut after_comma);
    if after_comma {
        items.push(Item::Hole);
    }
    Ok(items)
}

/// A row's entries, each a number's text or a hole.
type Row = Vec<Option<String>>;

/// Turns the items into rows: bracketed lists are rows (`[[1, 2], [3, 4]]`); numbers are split into
/// rows at breaks (`1 2; 3 4`); a single outer list is opened first.
fn rows_of(mut items: Vec<Item>) -> Result<Vec<Row>, TypedError> {
    // One outer list (`[...]`) with nothing but breaks around it: look inside.
    let significant: Vec<&Item> = items.iter().filter(|i| **i != Item::Break).collect();
    if let [Item::List(_)] = significant.as_slice() {
        let Some(Item::List(inner)) = items.into_iter().find(|i| matches!(i, Item::List(_))) else { unreachable!() };
        items = inner;
    }
    let has_list = items.iter().any(|i| matches!(i, Item::List(_)));
    let has_entry = items.iter().any(|i| matches!(i, Item::Entry(_) | Item::Hole));
    match (has_list, has_entry) {
        (true, true) => Err(TypedError::Brackets("some rows are in brackets and some entries are not")),
        (true, false) => items
            .into_iter()
            .filter_map(|i| match i {
                Item::List(row) => Some(row),
                _ => None,
            })
            .map(|row| {
                let mut entries = Vec::new();
                for item in row {
                    match item {
                        Item::Entry(t) => entries.push(Some(t)),
                        Item::Hole => entries.push(None),
                        // A line break inside a bracketed row is layout (numpy wraps long rows).
                        Item::Break => {}
                        Item::List(_) => return Err(TypedError::Brackets("brackets nested three deep are a 3-D array, not a matrix")),
                    }
                }
                Ok(entries)
            })
            .collect(),
        (false, _) => {
            let mut rows: Vec<Row> = vec![Vec::new()];
            for item in items {
                match item {
                    Item::Break => rows.push(Vec::new()),
                    Item::Entry(t) => rows.last_mut().into_iter().for_each(|r| r.push(Some(t.clone()))),
                    Item::Hole | Item::List(_) => rows.last_mut().into_iter().for_each(|r| r.push(None)),
                }
            }
            // Blank lines and a final `;` make empty rows: they are not rows.
            Ok(skip_header(rows.into_iter().filter(|r| !r.is_empty()).collect()))
        }
    }
}

/// Drops a first row none of whose entries is a number (a spreadsheet's header, `x,y`) when more rows
/// follow. Only for rows without brackets: in numpy's or MATLAB's brackets every row is data.
fn skip_header(mut rows: Vec<Row>) -> Vec<Row> {
    let header = rows.len() >= 2 && rows[0].iter().all(|e| e.as_deref().is_some_and(|t| parse_typed_number(t).is_err()));
    if header {
        rows.remove(0);
    }
    rows
}

fn to_matrix(rows: Vec<Row>) -> Result<DMatrix<f64>, TypedError> {
    let Some(first) = rows.first().map(Vec::len) else { return Err(TypedError::Empty) };
    if rows.len() > MAX_ROWS || first > MAX_DIM {
        return Err(TypedError::TooBig { rows: rows.len(), cols: first });
    }
    let mut entries = Vec::with_capacity(rows.len() * first);
    for (r, row) in rows.iter().enumerate() {
        for (c, entry) in row.iter().enumerate() {
            let Some(text) = entry else { return Err(TypedError::EmptyEntry { row: r + 1, col: c + 1 }) };
            entries.push(parse_typed_number(text).map_err(|error| TypedError::Entry { row: r + 1, col: c + 1, error })?);
        }
        if row.len() != first {
            return Err(TypedError::Ragged { row: r + 1, len: row.len(), first });
        }
    }
    Ok(DMatrix::from_row_slice(rows.len(), first, &entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::matrix::format_matrix;
    use proptest::prelude::*;

    fn m(rows: usize, cols: usize, entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(rows, cols, entries)
    }

    fn message(text: &str) -> String {
        parse_typed_matrix(text).unwrap_err().to_string()
    }

    #[test]
    fn classifies_numbers_matrices_and_neither() {
        assert_eq!(classify("\u{2212}5"), CellText::Number(-5.0));
        assert_eq!(classify(" 2.5 "), CellText::Number(2.5));
        for text in ["[[1, 2], [3, 4]]", "1 2; 3 4", "1 2", "1,2", "1\t2\n3\t4", "abc def"] {
            assert_eq!(classify(text), CellText::Matrix, "{text:?}");
        }
        assert!(matches!(classify("abc"), CellText::Invalid(NumberError::NotANumber(_))));
        assert!(matches!(classify(""), CellText::Invalid(NumberError::Empty)));
        assert!(matches!(classify("1e"), CellText::Invalid(_)));
    }

    #[test]
    fn reads_numpy_matlab_csv_and_the_contract() {
        let two = m(2, 2, &[1.0, 2.0, 3.0, 4.0]);
        for text in [
            "[[1, 2], [3, 4]]",
            "[[1,2],[3,4]]",
            "np.array([[1, 2], [3, 4]])",
            "numpy.array([[1, 2], [3, 4]], dtype=float)",
            "array([[1., 2.],\n       [3., 4.]])",
            "[[1. 2.]\n [3. 4.]]",
            "[[1, 2,], [3, 4,],]",
            "[1 2; 3 4]",
            "[1, 2; 3, 4]",
            "[1 2\n 3 4]",
            "1 2; 3 4",
            "A = [1 2; 3 4];",
            "[1 2;\n 3 4];",
            "1,2;3,4",
            "1\t2\n3\t4\n",
            "1\t2\r\n3\t4\r\n",
            "1,2\n3,4",
            "x,y\n1,2\n3,4",
            "1;2\n3;4",
            "1  2\n\n3  4",
        ] {
            assert_eq!(parse_typed_matrix(text), Ok(two.clone()), "{text:?}");
        }
        assert_eq!(parse_typed_matrix("[1, 2, 3]"), Ok(m(1, 3, &[1.0, 2.0, 3.0])));
        assert_eq!(parse_typed_matrix("1;2;3"), Ok(m(3, 1, &[1.0, 2.0, 3.0])));
        // MATLAB rows on several lines are not European CSV.
        assert_eq!(parse_typed_matrix("1 2; 3 4\n5 6; 7 8").map(|a| a.shape()), Ok((4, 2)));
        assert_eq!(parse_typed_matrix("[\u{2212}1, 2\u{2009}000; \u{2013}3 4]"), Ok(m(2, 2, &[-1.0, 2000.0, -3.0, 4.0])));
        assert_eq!(parse_typed_matrix("[[1e-3, -2.5E+2]]"), Ok(m(1, 2, &[1e-3, -250.0])));
    }

    #[test]
    fn names_what_is_wrong_and_reads_nothing_partial() {
        assert_eq!(message("[[1, 2], [3]]"), "row 2 has 1 entry but row 1 has 2 (rows must be equally long)");
        assert_eq!(message("1 2; 3"), "row 2 has 1 entry but row 1 has 2 (rows must be equally long)");
        assert_eq!(message("1,,2"), "row 1, entry 2 is empty");
        assert_eq!(message("1,2\n3,"), "row 2, entry 2 is empty");
        assert_eq!(message(",1"), "row 1, entry 1 is empty");
        assert!(message("[[1, x], [3, 4]]").starts_with("row 1, entry 2: “x” is not a number"));
        assert!(message("1 2; NaN 4").starts_with("row 2, entry 1: “NaN”"));
        assert!(message("[[1, 2], [3, 4]").contains("never closed"));
        assert!(message("[1, 2]]").contains("never opened"));
        assert!(message("[[[1]]]").contains("3-D"));
        assert!(message("[[1, 2], 3]").contains("some rows are in brackets"));
        assert_eq!(message("[]"), "there are no numbers in it");
        assert_eq!(message(" ; \n "), "there are no numbers in it");
        assert!(message(&["1"; 9].join(" ")).contains("too large"));
        assert!(message(&["1"; MAX_ROWS + 1].join(";")).contains("too large"));
        assert!(message(&"1 ".repeat(MAX_TYPED_BYTES)).contains("longer than"));
        // A header is skipped only on the first line.
        assert!(message("1,2\nx,y").starts_with("row 2, entry 1"));
    }

    fn matrices() -> impl Strategy<Value = DMatrix<f64>> {
        (1usize..=MAX_DIM, 1usize..=MAX_DIM).prop_flat_map(|(r, c)| {
            proptest::collection::vec(prop_oneof![-1e6f64..1e6, (-100i32..100).prop_map(f64::from)], r * c)
                .prop_map(move |v| DMatrix::from_row_slice(r, c, &v))
        })
    }

    /// The matrix as numpy, MATLAB, a spreadsheet (TSV) and the site (U+2212) write it.
    fn written(a: &DMatrix<f64>) -> [String; 4] {
        let rows: Vec<Vec<String>> = a.row_iter().map(|r| r.iter().map(|x| crate::state::number::format_number(*x)).collect()).collect();
        let numpy = format!("[{}]", rows.iter().map(|r| format!("[{}]", r.join(", "))).collect::<Vec<_>>().join(", "));
        let matlab = format!("[{}]", rows.iter().map(|r| r.join(" ")).collect::<Vec<_>>().join("; "));
        let tsv = rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n");
        let site = rows.iter().map(|r| r.join(" ")).collect::<Vec<_>>().join("\n").replace('-', "\u{2212}");
        [numpy, matlab, tsv, site]
    }

    proptest! {
        #[test]
        fn every_form_reads_back_the_same_matrix(a in matrices()) {
            for text in written(&a) {
                prop_assert_eq!(parse_typed_matrix(&text), Ok(a.clone()), "{}", text);
            }
            prop_assert_eq!(parse_typed_matrix(&format_matrix(&a)), Ok(a.clone()));
        }

        #[test]
        fn a_bad_entry_is_named_never_skipped(a in matrices(), at in any::<proptest::sample::Index>(), junk in "[a-df-z]{1,4}") {
            let (r, c) = (at.index(a.nrows()), at.index(a.ncols()));
            let mut rows: Vec<Vec<String>> = a.row_iter().map(|row| row.iter().map(|x| x.to_string()).collect()).collect();
            rows[r][c] = junk;
            let numpy = format!("[{}]", rows.iter().map(|row| format!("[{}]", row.join(", "))).collect::<Vec<_>>().join(", "));
            let err = parse_typed_matrix(&numpy).unwrap_err();
            prop_assert!(matches!(err, TypedError::Entry { row, col, .. } if row == r + 1 && col == c + 1), "{:?}", err);
        }

        #[test]
        fn never_panics(text in "\\PC{0,120}|[-+0-9.eE,;\\[\\] \\t\\n]{0,120}") {
            let _ = parse_typed_matrix(&text).map_err(|e| e.to_string());
            let _ = classify(&text);
        }
    }
}
