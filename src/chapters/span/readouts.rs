//! The span page's readouts: rank A and independence, whether b is in the span and with which
//! coefficients, det A for a square A, and the inputs.

use super::{Reach, Span};
use crate::chapter::{null_space, Readouts};
use crate::format::{display_shape, display_tuple_clean, superscript};
use crate::math::det::{determinant, Det};
use crate::math::NumericError;
use crate::readout::{vector_readout, Readout, Value};

impl Readouts for Span {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = rank(self).to_vec();
        out.extend(reach(self));
        if self.a.is_square() {
            out.push(det(self));
        }
        out.push(null_space::readout(&self.a));
        out.push(Readout::new(
            "A",
            "A",
            Value::matrix(&self.a),
            format!("{}: {} vectors with {} entries", display_shape(&self.a), self.n(), self.m()),
        ));
        out.push(Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())));
        out
    }
}

/// rank A (with what the span is) and whether the columns are independent.
fn rank(c: &Span) -> [Readout; 2] {
    let (m, n) = (c.m(), c.n());
    match c.rank() {
        Ok(r) => {
            let space = match r {
                0 => "only the zero vector".to_string(),
                1 => "a line through the origin".to_string(),
                2 => "a plane through the origin".to_string(),
                r => format!("a {r}-dimensional subspace"),
            };
            let whole = if r == m { format!(": all of ℝ{}", superscript(m as i64)) } else { String::new() };
            let note = if r == n {
                format!("rank {r} = {n} columns: none is a combination of the others")
            } else if n > m {
                format!("{n} vectors in ℝ{}: more than {m} vectors are always dependent", superscript(m as i64))
            } else {
                format!("rank {r} < {n} columns: at least one column adds no new direction")
            };
            [
                Readout::new("rank", "rank A", Value::Number(r as f64), format!("the span of the columns is {space}{whole}")),
                Readout::new("independent", "independent", Value::Bool(r == n), note),
            ]
        }
        Err(e) => [Readout::missing("rank", "rank A", e.clone()), Readout::missing("independent", "independent", e)],
    }
}

/// Whether b is in the span, and the coefficients that reach it (or why none do).
fn reach(c: &Span) -> [Readout; 2] {
    let ranks = || match (c.rank(), c.ranks()) {
        (Ok(r), Some(Ok(q))) => format!("rank [A | b] = {}, rank A = {r}", q.augmented),
        _ => String::new(),
    };
    let missing =
        |why: String| [Readout::missing("in_span", "b in span", why.clone()), Readout::missing("coefficients", "coefficients", why)];
    match c.reach() {
        Reach::WrongLength => {
            missing(format!("not defined: the columns of A have {} entries but b has {}; b must live in the same space", c.m(), c.b.len()))
        }
        Reach::Failed(why) => missing(why),
        Reach::Reached { coefficients, unique } => {
            let note = if unique {
                format!("the only combination: b = {} (A⁺b, exact here)", c.combination(&coefficients))
            } else {
                format!("one of infinitely many combinations, the shortest (A⁺b): b = {}", c.combination(&coefficients))
            };
            [
                Readout::new("in_span", "b in span", Value::Bool(true), format!("{}: adding b adds no direction", ranks())),
                vector_readout("coefficients", "coefficients", &coefficients, note),
            ]
        }
        Reach::Unreachable { least_squares, .. } => {
            let closest = display_tuple_clean(least_squares.as_slice());
            [
                Readout::new(
                    "in_span",
                    "b in span",
                    Value::Bool(false),
                    format!("{}: b points out of the span, no combination reaches it", ranks()),
                ),
                Readout::missing(
                    "coefficients",
                    "coefficients",
                    format!(
                        "b is out of reach: no combination of the columns gives it (the closest one is the least-squares A⁺b = {closest}, chapter 2.9)"
                    ),
                ),
            ]
        }
    }
}

/// det A of a square A, with a note that follows the rank's decision.
fn det(c: &Span) -> Readout {
    match determinant(&c.a) {
        Det::Overflow { .. } => Readout::missing("det", "det A", NumericError::Overflow.to_string()),
        d => {
            let x = d.finite().unwrap_or(0.0);
            let note = match c.rank() {
                _ if matches!(d, Det::Underflow { .. }) => {
                    "square A: too small for a 64-bit float, shown as 0; the rank decides independence here".to_string()
                }
                Ok(r) if r == c.n() && x == 0.0 => {
                    "square A: 0 as computed, yet the singular values find the columns independent: rounding took its digits".to_string()
                }
                Ok(r) if r == c.n() => "square A: not 0, and the columns are independent (the rank decides it here)".to_string(),
                Ok(_) if x == 0.0 => "square A: 0, and the columns are dependent (the rank decides it here)".to_string(),
                Ok(r) => format!(
                    "square A: not exactly 0, but tiny next to A's entries: the rank test finds the columns dependent (rank {r} < {})",
                    c.n()
                ),
                Err(_) => "square A: the columns are independent exactly when det A ≠ 0; the rank could not be computed here".into(),
            };
            Readout::new("det", "det A", Value::Number(x), note)
        }
    }
}
