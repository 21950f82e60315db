//! The tensors page's readouts: A's shape, its transpose, s·A, numpy's broadcasts `A + b`, `A + s`
//! and `A + b[:, None]` (or numpy's refusal), the stacked tensor T and its shape, and the inputs.

use super::{numpy_shape, plural, stack, Tensors};
use crate::chapter::Readouts;
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::math::tensor::Broadcast;
use crate::readout::{matrix_readout, Readout, Value};

impl Readouts for Tensors {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let (m, n) = self.a.shape();
        let t = self.a.transpose();
        let mut out = vec![
            Readout::new(
                "shape",
                "A.shape",
                Value::Vector(vec![m as f64, n as f64]),
                format!("{m} row{}, {n} column{}: A is {m}×{n}", plural(m), plural(n)),
            ),
            matrix_readout(
                "transpose",
                "Aᵀ",
                &t,
                format!("{n}×{m}: entry (i, j) of Aᵀ is entry (j, i) of A, a mirror across the diagonal"),
            ),
            matrix_readout("scaled", "s·A", &(&self.a * self.s), format!("every entry times s = {}", display_number(self.s))),
            broadcast_sum(self),
            Readout::new("transpose_shape", "Aᵀ.shape", Value::Vector(vec![n as f64, m as f64]), "rows and columns swap"),
            matrix_readout(
                "plus_s",
                "A + s",
                &self.a.add_scalar(self.s),
                format!("adding a scalar adds {} to every entry (s is broadcast to {m}×{n})", display_number(self.s)),
            ),
            column_broadcast(self),
        ];
        out.extend(stacked(self));
        out.extend([
            Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)),
            Readout::new("b", "b", Value::vector(&self.b), format!("{} entr{}", self.b.len(), if self.b.len() == 1 { "y" } else { "ies" })),
            Readout::new("s", "s", Value::number(self.s), "a scalar"),
        ]);
        out
    }
}

/// numpy's message when `A + b` raises, with the column form when that would work.
fn incompatible_reason(c: &Tensors) -> String {
    let mut why = format!(
        "operands could not be broadcast together with shapes {} ({},): b needs {} entries, one per column of A (or a single one)",
        numpy_shape(&c.a),
        c.b.len(),
        c.a.ncols()
    );
    if c.b.len() == c.a.nrows() {
        why.push_str("; as a column, A + b[:, None] works (column_broadcast)");
    }
    why
}

fn broadcast_sum(c: &Tensors) -> Readout {
    let label = "A + b";
    match c.broadcast_sum() {
        Some(sum) => {
            let note = match c.broadcast() {
                Broadcast::Rows => format!(
                    "b {} is added to each of the {} rows: shapes {} and ({},) broadcast to {}",
                    display_tuple(&vector_entries(&c.b)),
                    c.a.nrows(),
                    numpy_shape(&c.a),
                    c.b.len(),
                    numpy_shape(&c.a)
                ),
                _ => format!("b has one entry, so it acts like the scalar {} added to every entry", display_number(c.b[0])),
            };
            matrix_readout("broadcast_sum", label, &sum, note)
        }
        None => Readout::missing("broadcast_sum", label, incompatible_reason(c)),
    }
}

fn column_broadcast(c: &Tensors) -> Readout {
    let label = "A + b[:, None]";
    match c.column_broadcast() {
        Some(sum) if c.b.len() == c.a.nrows() => matrix_readout(
            "column_broadcast",
            label,
            &sum,
            format!("b as a {}×1 column, copied across the {} columns of A", c.b.len(), c.a.ncols()),
        ),
        Some(sum) => matrix_readout("column_broadcast", label, &sum, "b has one entry: the same as adding a scalar"),
        None => Readout::missing(
            "column_broadcast",
            label,
            format!(
                "operands could not be broadcast together with shapes {} ({},1): as a column, b needs one entry per row of A ({})",
                numpy_shape(&c.a),
                c.b.len(),
                c.a.nrows()
            ),
        ),
    }
}

/// T's shape (exact even when an entry overflows) and T itself.
fn stacked(c: &Tensors) -> [Readout; 2] {
    let slices = stack::slices(c);
    let (m, n) = c.a.shape();
    let k = slices.len();
    let shape = Readout::new(
        "stack_shape",
        "T.shape",
        Value::Vector(vec![k as f64, m as f64, n as f64]),
        format!(
            "{}: axis 0 picks one of the {k} matrices, axis 1 one of {m} row{}, axis 2 one of {n} column{}",
            stack::recipe(c, &slices),
            plural(m),
            plural(n)
        ),
    );
    let values: Vec<Value> = slices.iter().map(|s| Value::matrix(&s.value)).collect();
    let stack = match values.iter().position(|v| *v == Value::Null) {
        Some(i) => Readout::missing(
            "stack",
            "T",
            format!("T[{i}] = {} has an entry too large for a 64-bit float (overflow)", slices.get(i).map_or("", |s| s.label)),
        ),
        None => {
            let names: Vec<String> = slices.iter().enumerate().map(|(i, s)| format!("T[{i}] = {}", s.label)).collect();
            Readout::new("stack", "T", Value::List(values), format!("{}; T[i, j, k] is row j, column k of matrix i", names.join(", ")))
        }
    };
    [shape, stack]
}
