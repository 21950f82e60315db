//! The trace page's readouts: tr A with its diagonal, tr Aᵀ, tr(AAᵀ) and the Frobenius norm, the eigenvalues and
//! their sum, det A, the three cyclic products (and one order to compare) with their traces, and the
//! inputs themselves.

use super::text::written_sum;
use super::{diagonal_of, trace_of, Trace};
use crate::chapter::Chapter;
use crate::chapter::Readouts;
use crate::format::{display_number, display_shape};
use crate::math::det::determinant;
use crate::math::norms::frobenius;
use crate::readout::{matrix_readout, number_readout, Readout, Value};

impl Readouts for Trace {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let diag = diagonal_of(&self.a);
        let tr = trace_of(&self.a);
        let terms = written_sum(&diag);
        let mut out = vec![
            number_readout("trace", "tr A", tr, format!("the diagonal summed: {} = {}", terms, display_number(tr))),
            Readout::new("diag", "diagonal of A", Value::Vector(diag), "A₁₁, A₂₂, …: only these entries count"),
            number_readout("trace_transpose", "tr Aᵀ", trace_of(&self.a.transpose()), "transposing keeps the diagonal in place"),
        ];
        out.extend(squares(self));
        out.extend(eigen(self));
        // An overflowing determinant becomes ∞, which the readout reports as overflow.
        let det = determinant(&self.a).finite().unwrap_or(f64::INFINITY);
        out.push(number_readout("det", "det A", det, "the product of the eigenvalues"));
        out.extend(cyclic(self));
        for spec in Trace::INPUTS {
            if let Some(m) = spec.value(self) {
                out.push(Readout::new(spec.name, spec.name, Value::matrix(&m), display_shape(&m)));
            }
        }
        out
    }
}

/// tr(AAᵀ) summed as written (it can over- or underflow, and says so), and ‖A‖_F scaled (it cannot).
fn squares(c: &Trace) -> [Readout; 2] {
    let aat = c.a.iter().fold(0.0, |s, x| s + x * x);
    let fro = frobenius(&c.a);
    let underflow = aat == 0.0 && fro > 0.0;
    [
        number_readout(
            "trace_AAT",
            "tr(AAᵀ)",
            aat,
            if underflow {
                "the squares are too small for a 64-bit float and round to 0 (underflow)"
            } else {
                "the sum of the squares of every entry of A"
            },
        ),
        number_readout(
            "frobenius",
            "‖A‖ (Frobenius)",
            fro,
            if aat.is_finite() && !underflow {
                format!("√tr(AAᵀ) = √{}", display_number(aat))
            } else {
                "√tr(AAᵀ), computed on a copy scaled by the largest entry".into()
            },
        ),
    ]
}

/// The eigenvalues and their sum, which is the trace up to rounding.
fn eigen(c: &Trace) -> [Readout; 2] {
    let tr = trace_of(&c.a);
    match c.eigenvalues() {
        Ok(ls) => {
            let values = ls.iter().map(|l| if l.im == 0.0 { Value::Number(l.re) } else { Value::Complex { re: l.re, im: l.im } }).collect();
            let sum = ls.iter().fold(0.0, |s, l| s + l.re);
            let scale = ls.iter().map(|l| l.norm()).fold(0.0, f64::max).max(tr.abs());
            let gap = (sum - tr).abs();
            let note = if gap <= 1e-9 * scale.max(f64::MIN_POSITIVE) {
                "the eigenvalues add up to the trace (imaginary parts cancel in pairs)".to_string()
            } else {
                format!("differs from the trace by {} (rounding in the eigenvalues)", display_number(gap))
            };
            [
                Readout::new(
                    "eigenvalues",
                    "eigenvalues λ",
                    Value::List(values),
                    "by real part, descending (complex ones come in conjugate pairs)",
                ),
                number_readout("eigenvalue_sum", "Σ λ", sum, note),
            ]
        }
        Err(why) => {
            [Readout::missing("eigenvalues", "eigenvalues λ", why.to_string()), Readout::missing("eigenvalue_sum", "Σ λ", why.to_string())]
        }
    }
}

/// XYZ, ZXY, YZX and the compared order, then their traces.
fn cyclic(c: &Trace) -> Vec<Readout> {
    let products = c.products();
    let compared = c.order.dotted();
    let mut out = Vec::new();
    let names = [("XYZ", "X·Y·Z"), ("ZXY", "Z·X·Y"), ("YZX", "Y·Z·X"), ("product", "compared order")];
    for (i, ((_, p), (name, label))) in products.iter().zip(names).enumerate() {
        let which = if i == 3 { format!("{compared}: ") } else { String::new() };
        out.push(match p {
            Some(p) => matrix_readout(name, label, p, format!("{which}{} (entries differ from order to order)", display_shape(p))),
            None => Readout::missing(name, label, format!("{which}not defined: {}; the inner sizes must match", c.shapes_note())),
        });
    }
    let names = [("trace_XYZ", "tr(XYZ)"), ("trace_ZXY", "tr(ZXY)"), ("trace_YZX", "tr(YZX)"), ("trace_product", "tr(compared order)")];
    for (i, ((_, p), (name, label))) in products.iter().zip(names).enumerate() {
        let note = match (i, c.order.is_cyclic()) {
            (3, false) => format!("tr({compared}): not a cyclic shift of XYZ, so in general a different number"),
            (3, true) => format!("tr({compared}): a cyclic shift of XYZ, the same trace up to rounding"),
            _ => "a cyclic shift of XYZ: the same trace up to rounding".to_string(),
        };
        out.push(match p {
            Some(p) if p.is_square() => number_readout(name, label, trace_of(p), note),
            Some(p) => Readout::missing(name, label, format!("the product is {}, not square", display_shape(p))),
            None => Readout::missing(name, label, format!("the product is not defined: {}", c.shapes_note())),
        });
    }
    out
}
