//! The inverse page's words: the code that reproduces it (printing every number the page shows) and
//! the spoken summary.

use super::{why, Inverse, View};
use crate::chapter::null_space::{self, NullSpace};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_at_scale, display_tuple_clean, vector_entries};
use crate::math::solve::InverseError;

impl Describe for Inverse {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for I, A⁻¹ and its check (or why there is none), the solution (or
    /// why there is not exactly one), cond, det, the rank and the null space, each printed.
    fn code(&self) -> Code {
        let mut code = Code::declare(Inverse::INPUTS, self);
        code.snippet("identity", &[]);
        code.snippet("rank", &[]);
        match &self.inverse() {
            Ok(_) => code.snippet("inverse", &[]),
            Err(InverseError::Singular { .. }) => code.snippet("inverse_singular", &[]),
            Err(e) => code.snippet("inverse_none", &[("reason", &why(e))]),
        }
        solution_code(self, &mut code);
        let finite = self.decomposition().ok().and_then(|s| s.condition_number()).is_some();
        code.snippet(if finite { "condition_number" } else { "condition_number_none" }, &[]);
        code.snippet("print_det", &[]);
        null_space::code(&mut code, &self.a);
        code
    }

    /// Whether A is invertible and what that means for Ax = b in the current view, in one or two
    /// sentences.
    fn summary(&self) -> String {
        let null = self.null_space().ok().filter(|n| n.dim() > 0 && self.inverse().is_err());
        if !self.drawn() {
            return match (self.inverse(), self.solution()) {
                (Ok(_), Ok(x)) => format!("A is invertible; Ax = b has the one solution x = {}.", display_tuple_clean(&vector_entries(&x))),
                (Ok(_), Err(_)) => "A is invertible, but b does not have one entry per row of A.".into(),
                (Err(e), _) => match (&null, self.shortest(), self.b_reachable()) {
                    (Some(n), Some(x), Some(true)) => {
                        format!("No inverse: {}. Ax = b has infinitely many solutions, {}.", why(&e), n.solutions(x.as_slice()))
                    }
                    (Some(n), _, _) => {
                        format!("No inverse: {}. A sends {} to 0.", why(&e), n.shape().replace("through the origin", "of vectors"))
                    }
                    _ => format!("No inverse: {}.", why(&e)),
                },
            };
        }
        if let Some(x) = self.plane_solution() {
            return match self.view {
                View::Columns => {
                    let scale = x.amax();
                    format!(
                        "A is invertible: b = {}·a₁ + {}·a₂, so x = {} is the one solution of Ax = b.",
                        display_at_scale(x.x, scale),
                        display_at_scale(x.y, scale),
                        display_tuple_clean(&[x.x, x.y])
                    )
                }
                View::Undo => format!(
                    "A is invertible: A carries x = {} to b, and A⁻¹ carries the plane back to where it was.",
                    display_tuple_clean(&[x.x, x.y])
                ),
                View::Rows => {
                    format!("A is invertible: the two lines cross at x = {}, the one solution of Ax = b.", display_tuple_clean(&[x.x, x.y]))
                }
            };
        }
        match self.inverse() {
            Err(InverseError::Singular { .. }) => singular_summary(self, null.as_ref()),
            Err(e) => format!("No inverse here: {}.", why(&e)),
            Ok(_) => "A is invertible, but x = A⁻¹b could not be computed in 64-bit floats.".into(),
        }
    }
}

/// The solution's lines: solve, or what the page says instead, printed.
fn solution_code(c: &Inverse, code: &mut Code) {
    if !c.b_fits() {
        code.snippet("solution_wrong_length", &[]);
        return;
    }
    code.snippet(
        match (c.solution(), c.b_reachable()) {
            (Ok(_), _) => "solution",
            (Err(_), Some(true)) => "solution_many",
            (Err(_), _) => "solution_none",
        },
        &[],
    );
}

/// A singular 2×2 A in the current view. A row of zeros is no line (it reads 0 = bᵢ), and A = 0 sends
/// every x to 0.
fn singular_summary(c: &Inverse, null: Option<&NullSpace>) -> String {
    let zero_row = (0..2).find(|&i| c.a[(i, 0)] == 0.0 && c.a[(i, 1)] == 0.0);
    let reachable = c.b_reachable();
    match (null, c.view) {
        (Some(n), _) if n.dim() == 2 => {
            return if reachable == Some(true) {
                "A = 0 sends every x to 0, and b = 0: every x solves Ax = b, and nothing can undo A.".into()
            } else {
                "A = 0 sends every x to 0, so Ax = b has no solution for this b ≠ 0, and nothing can undo A.".into()
            };
        }
        (Some(n), View::Undo) => {
            return format!(
                "A is singular: it flattens the plane, and the dashed line of x = {} shrinks to the origin. Nothing can bring it back, so there is no A⁻¹.",
                n.points()
            );
        }
        _ => {}
    }
    // The row picture draws the null line; the column picture shows the outputs, so it is named.
    let dashed = if null.is_some() && c.view == View::Rows {
        " the dashed line that A sends to 0"
    } else {
        " the null space, the x that A sends to 0"
    };
    match (reachable, zero_row) {
        (Some(true), _) => {
            let lines = if zero_row.is_some() {
                "one equation reads 0 = 0, so every point of the other line solves Ax = b"
            } else {
                "the two lines coincide, so every point on them solves Ax = b"
            };
            match (null, c.shortest()) {
                (Some(n), Some(x)) => format!("A is singular: {lines}: {}, one solution plus{dashed}.", n.solutions(x.as_slice())),
                _ => format!("A is singular: {lines}."),
            }
        }
        (Some(false), Some(i)) => format!(
            "A is singular: equation {} reads 0 = {}, which no x satisfies, so Ax = b has no solution.",
            i + 1,
            display_at_scale(c.b[i], c.b.amax())
        ),
        (Some(false), None) => format!("A is singular: the two lines are parallel to{dashed} and never cross, so Ax = b has no solution."),
        (None, _) => "A has no inverse here.".into(),
    }
}
