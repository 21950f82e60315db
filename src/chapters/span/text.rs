//! The span page's words: the code that reproduces it and the spoken summary.

use super::{rows, Reach, Span};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};

impl Describe for Span {
    /// numpy / PyTorch / nalgebra for the rank, independence, the sliders' path, and b in the span.
    fn code(&self) -> Code {
        let mut code = Code::declare(Span::INPUTS, self);
        code.line(
            "rank = np.linalg.matrix_rank(A)",
            "rank = torch.linalg.matrix_rank(A)",
            "let s = a.clone().svd(true, true);\nlet tol = s.singular_values.max() * (a.nrows().max(a.ncols()) as f64) * f64::EPSILON;\nlet rank = s.rank(tol);",
        );
        code.line("independent = rank == A.shape[1]", "independent = rank == A.shape[1]", "let independent = rank == a.ncols();");
        if self.n() == 2 {
            code.line(
                "path_end = ca * A[:, 0] + cb * A[:, 1]  # the dashed path: ca·u, then cb·v",
                "path_end = ca * A[:, 0] + cb * A[:, 1]",
                "let path_end = a.column(0) * ca + a.column(1) * cb;",
            );
        }
        if self.b.len() == self.m() {
            code.line(
                "in_span = np.linalg.matrix_rank(np.column_stack([A, b])) == rank",
                "in_span = torch.linalg.matrix_rank(torch.column_stack([A, b])) == rank",
                "// in_span: the same rank test on a.clone().insert_column(a.ncols(), 0.0) with b as its last column",
            );
            // The nalgebra line's cutoff is absolute (σ below 1e-15 is dropped); the page and numpy drop
            // σ ≤ 1e-15 · σ_max (see math::solve::least_squares).
            code.line(
                "coefficients = np.linalg.pinv(A) @ b  # exact when b is in the span",
                "coefficients = torch.linalg.pinv(A) @ b",
                "let coefficients = s.pseudo_inverse(1e-15).unwrap() * &b;",
            );
        } else {
            code.line(
                "# b has the wrong length for A's columns: np.column_stack([A, b]) raises an error",
                "# b has the wrong length for A's columns",
                "// b has the wrong length for a's columns",
            );
        }
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
            (r, _) => format!("their span has dimension {r}"),
        };
        let kind = if rank == self.n() { "independent" } else { "dependent" };
        let reach = match self.reach() {
            Reach::Reached { coefficients, unique: true } => format!("b = {}", self.combination(&coefficients)),
            Reach::Reached { coefficients, unique: false } => {
                format!("b is reached in infinitely many ways, for example b = {}", self.combination(&coefficients))
            }
            Reach::Unreachable { .. } => "b is out of reach: no combination gives it".into(),
            Reach::WrongLength => format!("b has {} entries, so it is not in the same space", self.b.len()),
            Reach::Failed(why) => why,
        };
        format!("{vectors} are {kind}: {span}, and {reach}.")
    }
}
