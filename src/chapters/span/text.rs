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
        code.line(
            "rank = np.linalg.matrix_rank(A)  # singular values above σ₁·max(m, n)·ε count\nprint(\"rank =\", rank)",
            "rank = int(torch.linalg.matrix_rank(A))\nprint(\"rank =\", rank)",
            "let s = a.clone().svd(true, true);\nlet tol = s.singular_values.max() * (a.nrows().max(a.ncols()) as f64) * f64::EPSILON;\nlet rank = s.rank(tol);\nprintln!(\"rank = {rank}\");",
        );
        code.line(
            "independent = bool(rank == A.shape[1])\nprint(\"independent =\", independent)",
            "independent = rank == A.shape[1]\nprint(\"independent =\", independent)",
            "let independent = rank == a.ncols();\nprintln!(\"independent = {independent}\");",
        );
        if self.n() == 2 {
            code.line(
                "path_end = ca * A[:, 0] + cb * A[:, 1]  # the dashed path: ca·u, then cb·v\nprint(\"path end =\", path_end.tolist())",
                "path_end = ca * A[:, 0] + cb * A[:, 1]\nprint(\"path end =\", path_end.tolist())",
                "let path_end = a.column(0) * ca + a.column(1) * cb;\nprintln!(\"path end = {path_end}\");",
            );
        }
        if self.b.len() == self.m() {
            code.line(
                "in_span = bool(np.linalg.matrix_rank(np.column_stack([A, b])) == rank)  # adding b adds no direction\nprint(\"in_span =\", in_span)",
                "in_span = int(torch.linalg.matrix_rank(torch.column_stack([A, b]))) == rank\nprint(\"in_span =\", in_span)",
                "// in_span: the same rank test on a.clone().insert_column(a.ncols(), 0.0) with b as its last column",
            );
            let print = match self.reach() {
                Reach::Unreachable { .. } => {
                    "print(\"coefficients = None  # out of reach; the least-squares amounts A⁺b are\", coefficients.tolist())"
                }
                _ => "print(\"coefficients =\", coefficients.tolist())",
            };
            code.line(
                &format!("coefficients = np.linalg.pinv(A) @ b  # the amounts: exact when b is in the span, the shortest when many do\n{print}"),
                &format!("coefficients = torch.linalg.pinv(A) @ b\n{print}"),
                // nalgebra's cutoff is absolute: scale numpy's rcond by σ₁ as numpy does.
                "let coefficients = s.pseudo_inverse(1e-15 * s.singular_values.max()).unwrap() * &b; // numpy's rcond, relative to σ₁\nprintln!(\"coefficients = {coefficients}\");",
            );
        } else {
            code.line(
                "# b has the wrong length for A's columns: np.column_stack([A, b]) raises an error\nprint(\"in_span = None\")\nprint(\"coefficients = None\")",
                "# b has the wrong length for A's columns\nprint(\"in_span = None\")\nprint(\"coefficients = None\")",
                "// b has the wrong length for a's columns",
            );
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
