//! Readouts: every number a page shows, as a value (for `data-value`, JSON) and a note (for people).

pub mod display;

use crate::format::{matrix_rows, vector_entries};
use crate::json;
use nalgebra::DMatrix;

/// A readout's exact value, serialised as the page contract's JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Does not exist; the readout's note says why.
    Null,
    /// A yes/no fact.
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A list of numbers.
    Vector(Vec<f64>),
    /// A list of rows.
    Matrix(Vec<Vec<f64>>),
    /// A list of values of any kind (e.g. eigenvalues, some real and some complex; or [slope, intercept]).
    List(Vec<Value>),
    /// A complex number with a non-zero imaginary part, serialised as `{"re": x, "im": y}`.
    Complex { re: f64, im: f64 },
}

impl Value {
    /// A matrix value, or `Null` when any entry is not finite.
    pub fn matrix(m: &DMatrix<f64>) -> Value {
        if m.iter().all(|x| x.is_finite()) {
            Value::Matrix(matrix_rows(m))
        } else {
            Value::Null
        }
    }

    /// A vector value from a column (or any) matrix, or `Null` when any entry is not finite.
    pub fn vector(v: &DMatrix<f64>) -> Value {
        if v.iter().all(|x| x.is_finite()) {
            Value::Vector(vector_entries(v))
        } else {
            Value::Null
        }
    }

    /// A number value, or `Null` when it is not finite.
    pub fn number(x: f64) -> Value {
        if x.is_finite() {
            Value::Number(x)
        } else {
            Value::Null
        }
    }

    /// The JSON text for `data-value` (numbers in shortest round-trip form).
    pub fn to_json(&self) -> String {
        let list = |items: Vec<String>| format!("[{}]", items.join(","));
        let numbers = |v: &[f64]| list(v.iter().map(|&x| json::number(x)).collect());
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(x) => json::number(*x),
            Value::Vector(v) => numbers(v),
            Value::Matrix(m) => list(m.iter().map(|row| numbers(row)).collect()),
            Value::List(items) => list(items.iter().map(Value::to_json).collect()),
            Value::Complex { re, im } => format!(r#"{{"re":{},"im":{}}}"#, json::number(*re), json::number(*im)),
        }
    }
}

/// One row of a page's readout table.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// The contract name (`data-readout`), e.g. `Av`.
    pub name: &'static str,
    /// What the table shows as the name, e.g. `A·v` (plain text).
    pub label: &'static str,
    /// The exact value.
    pub value: Value,
    /// A short plain-words note: how it was computed, or why it is `null`.
    pub note: String,
}

impl Readout {
    /// A readout with a value and a note.
    pub fn new(name: &'static str, label: &'static str, value: Value, note: impl Into<String>) -> Readout {
        let note = note.into();
        Readout { name, label, value, note }
    }

    /// A readout whose value does not exist, with the reason.
    pub fn missing(name: &'static str, label: &'static str, why: impl Into<String>) -> Readout {
        Readout { name, label, value: Value::Null, note: why.into() }
    }
}

/// Turns a computed matrix into a readout: its value, or `null` with "overflow" when it is not finite.
pub fn matrix_readout(name: &'static str, label: &'static str, m: &DMatrix<f64>, note: impl Into<String>) -> Readout {
    match Value::matrix(m) {
        Value::Null => Readout::missing(name, label, OVERFLOW),
        v => Readout::new(name, label, v, note),
    }
}

/// Like [`matrix_readout`] for a vector.
pub fn vector_readout(name: &'static str, label: &'static str, v: &DMatrix<f64>, note: impl Into<String>) -> Readout {
    match Value::vector(v) {
        Value::Null => Readout::missing(name, label, OVERFLOW),
        v => Readout::new(name, label, v, note),
    }
}

/// Like [`matrix_readout`] for a number.
pub fn number_readout(name: &'static str, label: &'static str, x: f64, note: impl Into<String>) -> Readout {
    match Value::number(x) {
        Value::Null => Readout::missing(name, label, OVERFLOW),
        v => Readout::new(name, label, v, note),
    }
}

const OVERFLOW: &str = "the result is too large for a 64-bit float (overflow)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_the_contract_json() {
        assert_eq!(Value::Number(22.0).to_json(), "22.0");
        assert_eq!(Value::Number(0.1 + 0.2).to_json(), "0.30000000000000004");
        assert_eq!(Value::Bool(true).to_json(), "true");
        assert_eq!(Value::Null.to_json(), "null");
        let m = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.5]);
        assert_eq!(Value::matrix(&m).to_json(), "[[1.0,2.0],[3.0,4.5]]");
        assert_eq!(Value::vector(&DMatrix::from_column_slice(2, 1, &[1.0, -2.0])).to_json(), "[1.0,-2.0]");
    }

    #[test]
    fn lists_and_complex_numbers_serialise_as_the_contract_says() {
        let list = Value::List(vec![Value::Number(6.0), Value::Complex { re: 0.5, im: -1.5 }, Value::Null]);
        assert_eq!(list.to_json(), r#"[6.0,{"re":0.5,"im":-1.5},null]"#);
        let parsed: serde_json::Value = serde_json::from_str(&list.to_json()).unwrap();
        assert_eq!(parsed[1]["im"], serde_json::json!(-1.5));
        assert_eq!(Value::List(vec![]).to_json(), "[]");
    }

    #[test]
    fn non_finite_results_become_null_with_a_reason() {
        let m = DMatrix::from_row_slice(1, 2, &[1.0, f64::INFINITY]);
        let r = matrix_readout("AB", "AB", &m, "fine");
        assert_eq!(r.value, Value::Null);
        assert!(r.note.contains("overflow"));
        assert_eq!(number_readout("dot", "v·w", f64::NAN, "").value, Value::Null);
    }
}
