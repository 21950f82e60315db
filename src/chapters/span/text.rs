//! The span page's words: the code that reproduces it (printing every number the page shows) and the
//! spoken summary.

use super::{rows, Reach, Span};
use crate::chapter::null_space;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};

impl Describe for Span {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for the rank, independence, the sliders' path, b in the span and the
    /// amounts that reach it, det A (square A) and the null space, each printed.
    fn code(&self) -> Code {
        let mut code = Code::declare(Span::INPUTS, self);
        code.snippet("rank", &[]);
        code.snippet("independent", &[]);
        if self.n() == 2 {
            code.snippet("path_end", &[]);
        }
        if self.b.len() == self.m() {
            code.snippet("in_span", &[]);
            // nalgebra's cutoff is absolute: its lines scale numpy's rcond by σ₁ as numpy does.
            code.snippet("coefficients", &[]);
            code.snippet(
                match self.reach() {
                    Reach::Unreachable { .. } => "print_coefficients_unreached",
                    _ => "print_coefficients",
                },
                &[],
            );
        } else {
            code.snippet("wrong_length", &[]);
        }
        if self.a.is_square() {
            code.snippet("print_det", &[]);
        }
        null_space::code(&mut code, &self.a);
        code
    }

    /// The span and whether b is reached, in one sentence (the row picture says it its own way).
    fn summary(&self) -> String {
        if self.rows_drawn() {
            return rows::summary(self);
        }
        let Ok(rank) = self.rank() else { return "The rank of A could not be computed.".into() };
        let vectors = if self.n() == 2 { "u and v".to_string() } else { format!("the {} columns of A", self.n()) };
        let span = match (rank, self.m()) {
            (0, _) => "their span is only the origin".to_string(),
            (r, m) if r == m && m == 2 => "their span is the whole plane".to_string(),
            (1, _) => "their span is a line".to_string(),
            (2, _) => "their span is a plane".to_string(),
            (r, _) => format!("their span has dimension {r}"),
        };
        let kind = if rank == self.n() { "independent" } else { "dependent" };
        let reach = match self.reach() {
            Reach::Reached { coefficients, unique: true } => format!("b = {}", self.combination(&coefficients)),
            Reach::Reached { coefficients, unique: false } => match self.null_space() {
                Ok(null) => format!(
                    "b is reached in infinitely many ways, for example b = {}; the amounts are {}: the shortest ones plus the null space, which A sends to 0",
                    self.combination(&coefficients),
                    null.solutions(coefficients.as_slice())
                ),
                Err(_) => format!("b is reached in infinitely many ways, for example b = {}", self.combination(&coefficients)),
            },
            Reach::Unreachable { .. } => "b is out of reach: no combination gives it".into(),
            Reach::WrongLength => format!("b has {} entries, so it is not in the same space", self.b.len()),
            Reach::Failed(why) => why,
        };
        format!("{vectors} are {kind}: {span}, and {reach}.")
    }
}
