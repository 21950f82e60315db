//! The multiplication page's readouts: A·v row by row, AB and BA (or why a product is not defined),
//! whether they commute, v·w, and the inputs themselves.

use super::{Commute, Multiplication};
use crate::chapter::Readouts;
use crate::chapter::{Chapter, InputKind};
use crate::format::{display_at_scale, display_number, display_shape};
use crate::math::tensor::{dot, product};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

impl Readouts for Multiplication {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![
            av(self),
            product_readout("AB", "A·B", (&self.a, "A"), (&self.b, "B")),
            product_readout("BA", "B·A", (&self.b, "B"), (&self.a, "A")),
        ];
        out.push(commute(self));
        out.push(match dot(&self.v, &self.w) {
            Some(d) => number_readout("dot", "v·w", d, "the sum of the entrywise products; the same as w·v"),
            None => Readout::missing("dot", "v·w", format!("not defined: v has {} entries and w has {}", self.v.len(), self.w.len())),
        });
        for spec in Multiplication::INPUTS {
            let Some(m) = spec.value(self) else { continue };
            let value = if spec.kind() == InputKind::Vector { Value::vector(&m) } else { Value::matrix(&m) };
            out.push(Readout::new(spec.name, spec.name, value, display_shape(&m)));
        }
        out
    }
}

fn av(c: &Multiplication) -> Readout {
    let Some(av) = product(&c.a, &c.v) else {
        return Readout::missing(
            "Av",
            "A·v",
            format!("not defined: A is {} but v has {} entries; A·v needs one entry of v per column of A", display_shape(&c.a), c.v.len()),
        );
    };
    // The row picture: each entry is a row of A dotted with v.
    let rows: Vec<String> =
        c.a.row_iter()
            .zip(av.iter())
            .map(|(row, total)| {
                let terms: Vec<String> =
                    row.iter().zip(c.v.iter()).map(|(a, x)| format!("{}·{}", display_number(*a), display_number(*x))).collect();
                // A sum that cancels to rounding noise reads 0.
                let scale: f64 = row.iter().zip(c.v.iter()).map(|(a, x)| (a * x).abs()).sum();
                format!("{} = {}", terms.join(" + "), display_at_scale(*total, scale))
            })
            .collect();
    vector_readout("Av", "A·v", &av, format!("row by row: {}", rows.join("; ")))
}

/// The product `left · right`, or why it is not defined; each operand with its name.
fn product_readout(name: &'static str, label: &'static str, left: (&DMatrix<f64>, &str), right: (&DMatrix<f64>, &str)) -> Readout {
    match product(left.0, right.0) {
        Some(p) => matrix_readout(
            name,
            label,
            &p,
            format!("{} times {} gives {}", display_shape(left.0), display_shape(right.0), display_shape(&p)),
        ),
        None => Readout::missing(
            name,
            label,
            format!(
                "not defined: {} is {} and {} is {}; the inner sizes ({} and {}) must match",
                left.1,
                display_shape(left.0),
                right.1,
                display_shape(right.0),
                left.0.ncols(),
                right.0.nrows()
            ),
        ),
    }
}

fn commute(c: &Multiplication) -> Readout {
    let yes = |note: String| Readout::new("commute", "AB = BA", Value::Bool(true), note);
    let no = |note: String| Readout::new("commute", "AB = BA", Value::Bool(false), note);
    match (c.commute(), product(&c.a, &c.b), product(&c.b, &c.a)) {
        (Some(Commute::Exactly), _, _) => yes("these two happen to commute".into()),
        (Some(Commute::UpToRounding(d)), _, _) => yes(format!(
            "these two commute: AB and BA agree up to rounding (the largest difference is {}, a last-digit error)",
            display_number(d)
        )),
        (Some(Commute::No), _, _) => no("the order matters: AB and BA differ".into()),
        (Some(Commute::Shapes), Some(ab), Some(ba)) => no(format!("AB is {} but BA is {}", display_shape(&ab), display_shape(&ba))),
        _ => no("one of the two products is not even defined".into()),
    }
}
