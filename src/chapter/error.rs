//! Why a value or a choice was refused: typed, with the sentence a reader sees written once here.

use std::fmt;

/// A refused input value or choice. `Display` is the sentence shown where the value came from (the
/// link's alert, the cell's message), without a leading capital or a final full stop.
#[derive(Debug, Clone, PartialEq)]
pub enum ChapterError {
    /// The page has no input or choice with this name.
    Unknown {
        /// "input" or "choice".
        what: &'static str,
        /// The name asked for (shortened when shown).
        name: String,
    },
    /// The link's text could not be read as the input's kind (its own message).
    Unreadable(String),
    /// An entry is not a finite number, or there are no entries.
    NotFinite,
    /// A vector input was given several columns.
    NotAVector,
    /// A scalar input was given several entries.
    NotOneNumber {
        /// The input's name.
        name: &'static str,
        /// How many entries it was given.
        entries: usize,
    },
    /// A square matrix is needed.
    NotSquare {
        /// Why, e.g. "only a square matrix can have an inverse".
        why: &'static str,
        /// The shape it was given.
        shape: (usize, usize),
    },
    /// A vector of a length the page cannot use.
    Length {
        /// The input's name.
        name: &'static str,
        /// Fewest entries accepted.
        min: usize,
        /// Most entries accepted.
        max: usize,
        /// How many it was given.
        len: usize,
    },
    /// A number outside what the input accepts; the sentence says what it accepts.
    OutOfRange(&'static str),
    /// A choice's value is not one of its options.
    NotAnOption {
        /// The value asked for (shortened when shown).
        value: String,
        /// The option values.
        options: Vec<&'static str>,
    },
    /// A rule of this chapter, in its own words.
    Rule(String),
}

/// At most 24 characters of reader-supplied text, for quoting it back.
fn short(text: &str) -> String {
    text.chars().take(24).collect()
}

impl fmt::Display for ChapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChapterError::Unknown { what, name } => write!(f, "this page has no {what} called {}", short(name)),
            ChapterError::Unreadable(why) => f.write_str(why),
            ChapterError::NotFinite => f.write_str("entries must be finite numbers"),
            ChapterError::NotAVector => f.write_str("a vector is one row of entries separated by commas"),
            ChapterError::NotOneNumber { name, entries } => write!(f, "{name} is one number, not {entries} entries"),
            ChapterError::NotSquare { why, shape: (r, c) } => write!(f, "{why}, and this one is {r}×{c}"),
            ChapterError::Length { name, min, max, len } if min == max => {
                write!(f, "{name} needs {min} entries, not {len}")
            }
            ChapterError::Length { name, min, max, len } => write!(f, "{name} needs {min} to {max} entries, not {len}"),
            ChapterError::OutOfRange(why) => f.write_str(why),
            ChapterError::NotAnOption { value, options } => write!(f, "“{}” is not one of {}", short(value), options.join(", ")),
            ChapterError::Rule(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ChapterError {}

impl From<String> for ChapterError {
    fn from(why: String) -> ChapterError {
        ChapterError::Rule(why)
    }
}

impl From<&str> for ChapterError {
    fn from(why: &str) -> ChapterError {
        ChapterError::Rule(why.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_reads_as_a_sentence() {
        let cases = [
            (ChapterError::Unknown { what: "input", name: "Z".into() }, "this page has no input called Z"),
            (ChapterError::NotFinite, "entries must be finite numbers"),
            (ChapterError::NotOneNumber { name: "p", entries: 2 }, "p is one number, not 2 entries"),
            (
                ChapterError::NotSquare { why: "only a square matrix can have an inverse", shape: (3, 2) },
                "only a square matrix can have an inverse, and this one is 3×2",
            ),
            (ChapterError::Length { name: "v", min: 2, max: 3, len: 5 }, "v needs 2 to 3 entries, not 5"),
            (ChapterError::Length { name: "v", min: 2, max: 2, len: 5 }, "v needs 2 entries, not 5"),
            (ChapterError::NotAnOption { value: "x".repeat(40), options: vec!["a", "b"] }, "“xxxxxxxxxxxxxxxxxxxxxxxx” is not one of a, b"),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
        }
    }
}
