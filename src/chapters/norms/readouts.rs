//! The norms page's readouts: every norm of v, the Frobenius norm of A, the triangle inequality for v
//! and w with the angle between them, where the smallest L¹ and L² balls touch the line x·w = y, and
//! the inputs themselves.

use super::{sparse, Norms};
use crate::chapter::Readouts;
use crate::chapter::{Chapter, InputKind};
use crate::decimal::display;
use crate::format::{display_number, display_shape};
use crate::math::clamp;
use crate::math::norms::{frobenius, l0, l1, l2, linf, lp};
use crate::readout::{number_readout, Readout, Value};

impl Readouts for Norms {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = vector_norms(self);
        out.push(number_readout(
            "frobenius",
            "‖A‖ (Frobenius)",
            frobenius(&self.a),
            format!("√(Σ Aᵢⱼ²) over all {} entries of the {} matrix", self.a.len(), display_shape(&self.a)),
        ));
        out.extend(triangle(self));
        out.extend(sparse::readouts(self));
        for spec in Norms::INPUTS {
            let Some(value) = spec.value(self) else { continue };
            let (shown, note) = match spec.kind() {
                InputKind::Vector => (Value::vector(&value), display_shape(&value)),
                InputKind::Scalar if spec.name == "p" => (Value::matrix(&value), "the exponent of ‖v‖ₚ".to_string()),
                InputKind::Scalar => (Value::matrix(&value), "the right-hand side of x·w = y".to_string()),
                InputKind::Matrix => (Value::matrix(&value), display_shape(&value)),
            };
            out.push(Readout::new(spec.name, spec.name, shown, note));
        }
        out
    }
}

/// The note of ‖v‖ₚ: the formula, or why p < 1 gives no norm.
fn p_note(p: f64) -> String {
    if p < 1.0 {
        format!("p = {} < 1: this is not a norm (the triangle inequality fails), only a measure; it can exceed ‖v‖₁", display_number(p))
    } else {
        format!("the p-th root of Σ|vᵢ|ᵖ, p = {}: between ‖v‖∞ and ‖v‖₁", display_number(p))
    }
}

/// L⁰, L¹, L², its square, L^∞ and Lᵖ of v.
fn vector_norms(c: &Norms) -> Vec<Readout> {
    let e = c.entries();
    let n0 = l0(e);
    let squared = c.v.dot(&c.v);
    vec![
        Readout::new(
            "l0",
            "L⁰ (non-zeros)",
            Value::Number(n0),
            format!("{} of {} entries are not 0; not a true norm (‖2v‖₀ = ‖v‖₀)", display(n0), e.len()),
        ),
        number_readout("l1", "‖v‖₁", l1(e), "Σ|vᵢ|: the taxicab distance"),
        number_readout("l2", "‖v‖₂", l2(e), "√(Σ vᵢ²): the straight-line length"),
        number_readout(
            "l2_squared",
            "‖v‖₂² = vᵀv",
            squared,
            if squared == 0.0 && l2(e) > 0.0 {
                "the squares are too small for a 64-bit float and round to 0 (underflow)"
            } else {
                "cheaper, no square root; grows slowly near 0"
            },
        ),
        number_readout("linf", "‖v‖∞", linf(e), "max |vᵢ|: the largest entry in size"),
        number_readout("lp", "‖v‖ₚ", lp(e, c.p), p_note(c.p)),
    ]
}

/// ‖v + w‖₂ against ‖v‖₂ + ‖w‖₂, and the angle between v and w (null when the lengths differ).
fn triangle(c: &Norms) -> Vec<Readout> {
    const NAMES: [(&str, &str); 4] =
        [("sum_norm", "‖v + w‖₂"), ("norm_sum", "‖v‖₂ + ‖w‖₂"), ("triangle", "‖v + w‖ ≤ ‖v‖ + ‖w‖"), ("angle", "angle(v, w) in degrees")];
    if !c.same_length() {
        let why = format!("not defined: v has {} entries and w has {}", c.v.len(), c.w.len());
        return NAMES.iter().map(|(name, label)| Readout::missing(name, label, why.clone())).collect();
    }
    let s = &c.v + &c.w;
    let (lhs, a, b) = (l2(s.as_slice()), l2(c.entries()), l2(c.w.as_slice()));
    vec![
        number_readout("sum_norm", NAMES[0].1, lhs, "the direct way"),
        number_readout("norm_sum", NAMES[1].1, a + b, "the detour: never shorter"),
        Readout::new(
            "triangle",
            NAMES[2].1,
            Value::Bool(lhs <= (a + b) * (1.0 + 1e-15)),
            if a == 0.0 || b == 0.0 {
                "equal: one of the vectors is 0"
            } else if (a + b - lhs).abs() <= 1e-12 * (a + b) {
                "equal: v and w point the same way"
            } else {
                "strictly shorter: v and w do not point the same way"
            },
        ),
        if a > 0.0 && b > 0.0 {
            let cos = clamp(c.v.dot(&c.w) / a / b, -1.0, 1.0);
            number_readout("angle", NAMES[3].1, cos.acos().to_degrees(), "from vᵀw = ‖v‖₂‖w‖₂ cos θ")
        } else {
            Readout::missing("angle", NAMES[3].1, "not defined: one of the vectors is 0")
        },
    ]
}
