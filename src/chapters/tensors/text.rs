//! The tensors page's words: the code that reproduces it (with the stack in the stack view) and the
//! spoken summary of each view.

use super::{numpy_shape, plural, stack, Tensors, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::decimal::debug;
use crate::format::{display_number, display_tuple, subscript};
use crate::math::tensor::Broadcast;
use crate::state::number::format_number;

impl Describe for Tensors {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for the shape, the transpose, the scalings and the broadcasts (a
    /// broadcast numpy refuses is written as a comment saying that it raises), and the stack, each
    /// readout printed.
    fn code(&self) -> Code {
        let mut code = Code::imports();
        for spec in &Tensors::INPUTS[..2] {
            code.declare_one(spec, self);
        }
        // s as the reader wrote it (`s = 2`, not `s = 2.0`).
        code.snippet("declare_s", &[("s", &format_number(self.s)), ("s_rust", &debug(self.s))]);
        let (m, n) = self.a.shape();
        let (m, n) = (m.to_string(), n.to_string());
        code.snippet("shape", &[("m", &m), ("n", &n)]);
        code.snippet("transpose", &[]);
        code.snippet("scaled", &[]);
        code.snippet("plus_s", &[]);
        match self.broadcast() {
            Broadcast::Rows => code.snippet("broadcast_rows", &[]),
            Broadcast::Scalar => code.snippet("broadcast_scalar", &[]),
            Broadcast::Incompatible => code
                .snippet("broadcast_incompatible", &[("a_shape", &numpy_shape(&self.a)), ("b_len", &self.b.len().to_string()), ("n", &n)]),
        }
        code.snippet(if self.column_broadcast().is_some() { "column_broadcast" } else { "column_broadcast_none" }, &[]);
        stack_code(self, &mut code);
        code
    }

    /// What the current view shows, in a sentence or two.
    fn summary(&self) -> String {
        match self.view {
            View::Stack => stack_summary(self),
            View::Transpose => transpose_summary(self),
            View::Columns => columns_summary(self),
            View::Rows => rows_summary(self),
        }
    }
}

/// The code panel's lines for the stack: build it, print its shape and entries, and in the stack
/// view one matrix and one entry of every matrix.
fn stack_code(c: &Tensors, code: &mut Code) {
    let slices = stack::slices(c);
    let (m, n) = c.a.shape();
    let firsts: Vec<String> = slices.iter().map(|s| s.value.get((0, 0)).map_or_else(String::new, |x| format_number(*x))).collect();
    let matrices: Vec<String> = slices.iter().map(|s| format!("{}.clone()", s.rust)).collect();
    code.push("\n", "\n", "\n");
    if slices.len() < 3 {
        code.snippet("stack_without_sum", &[]);
    }
    code.snippet(
        "stack",
        &[
            ("slices", &stack::names(&slices)),
            ("matrices", &matrices.join(", ")),
            ("k", &slices.len().to_string()),
            ("m", &m.to_string()),
            ("n", &n.to_string()),
        ],
    );
    if c.view == View::Stack {
        code.snippet("stack_view", &[("firsts", &firsts.join(", "))]);
    }
}

fn stack_summary(c: &Tensors) -> String {
    let (m, n) = c.a.shape();
    let slices = stack::slices(c);
    let k = slices.len();
    let j = n.saturating_sub(1);
    let pick = slices
        .get(1)
        .and_then(|s| s.value.get((0, j)))
        .map(|x| format!(" T[1, 0, {j}] = {} is row 0, column {j} of s·A.", display_number(*x)))
        .unwrap_or_default();
    // "T = np.stack(…) is a rank-3 tensor …", or "A + b does not exist …, so T = … stacks the 2
    // matrices that do, a rank-3 tensor …".
    let recipe = stack::recipe(c, &slices);
    let lead = if k == 3 { format!("{recipe} is") } else { format!("{recipe},") };
    format!(
        "{lead} a rank-3 tensor of shape ({k}, {m}, {n}): {k} matrices one behind the other (axis 0), each with {m} row{} \
         (axis 1) and {n} column{} (axis 2).{pick}",
        plural(m),
        plural(n)
    )
}

fn transpose_summary(c: &Tensors) -> String {
    let (m, n) = c.a.shape();
    let diagonal: Vec<String> = (0..m.min(n)).map(|i| display_number(c.a[(i, i)])).collect();
    let stay = match diagonal.as_slice() {
        [one] => format!("the diagonal entry {one} stays put"),
        [init @ .., last] => format!("the diagonal entries {} and {last} stay put", init.join(", ")),
        [] => String::new(),
    };
    format!("A is {m}×{n} and Aᵀ is {n}×{m}: every entry in row i, column j crosses the main diagonal to row j, column i; {stay}.")
}

fn columns_summary(c: &Tensors) -> String {
    let (m, n) = c.a.shape();
    let columns = c.columns();
    if columns.is_empty() {
        return format!("A is {m}×{n} and Aᵀ is {n}×{m}; the columns of A have {m} entries, too many to draw in the plane.");
    }
    let list: Vec<String> =
        columns.iter().enumerate().map(|(j, col)| format!("a{} = {}", subscript(j + 1), display_tuple(&[col.x, col.y]))).collect();
    format!("The {n} columns of A are the {n} rows of Aᵀ: {}.", list.join(", "))
}

fn rows_summary(c: &Tensors) -> String {
    let (m, n) = c.a.shape();
    match c.broadcast() {
        // A few rows, each said with where it lands (unless a sum overflows).
        Broadcast::Rows if n == 2 && m <= 4 && c.rows().iter().all(|r| (r.x + c.b[0]).is_finite() && (r.y + c.b[1]).is_finite()) => {
            let moves: Vec<String> = c
                .rows()
                .iter()
                .enumerate()
                .map(|(i, r)| format!("row {} {} to {}", i + 1, display_tuple(&[r.x, r.y]), display_tuple(&[r.x + c.b[0], r.y + c.b[1]])))
                .collect();
            format!(
                "A + b adds b = {} to each of the {m} rows of A, so every point moves by the same arrow: {}.",
                display_tuple(&[c.b[0], c.b[1]]),
                moves.join(", ")
            )
        }
        Broadcast::Rows if n == 2 => {
            format!(
                "A + b adds b = {} to each of the {m} rows of A: every point moves by the same arrow.",
                display_tuple(&[c.b[0], c.b[1]])
            )
        }
        Broadcast::Rows => format!("A + b adds b to each of the {m} rows of A."),
        Broadcast::Scalar => format!("b has a single entry, so A + b adds {} to every entry of A, like a scalar.", display_number(c.b[0])),
        Broadcast::Incompatible => format!(
            "A + b is not defined: numpy cannot broadcast shapes {} and ({},), because b needs {n} entries.",
            numpy_shape(&c.a),
            c.b.len()
        ),
    }
}
