//! The inverse page's readouts: A⁻¹ and its check A·A⁻¹, the solution x = A⁻¹b (or why there is not
//! exactly one), the condition number with the digits it costs, det A and rank A.

use super::{why, Inverse};
use crate::chapter::Readouts;
use crate::format::{display_number, display_shape};
use crate::math::det::{determinant, Det};
use crate::math::NumericError;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

/// Condition numbers above this get a "nearly singular" warning.
const ILL_CONDITIONED: f64 = 1e8;

impl Readouts for Inverse {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let [inverse, check] = inverse_and_check(self);
        let rank = match self.decomposition() {
            Ok(s) => Readout::new(
                "rank",
                "rank A",
                Value::Number(s.rank() as f64),
                format!("singular values above σ_max·n·ε count; full rank is {}", self.n()),
            ),
            Err(e) => Readout::missing("rank", "rank A", e.to_string()),
        };
        vec![
            inverse,
            solution(self),
            check,
            condition(self),
            det(self),
            rank,
            Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)),
            Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())),
        ]
    }
}

/// A⁻¹ and A·A⁻¹ (both missing, with the reason, when A has no inverse).
fn inverse_and_check(c: &Inverse) -> [Readout; 2] {
    match c.inverse() {
        Ok(inv) => {
            let check = &c.a * &inv;
            let off = (&check - DMatrix::<f64>::identity(c.n(), c.n())).amax();
            [
                matrix_readout("inverse", "A⁻¹", &inv, "by LU with partial pivoting (as np.linalg.inv), after the SVD found A invertible"),
                matrix_readout(
                    "identity_check",
                    "A·A⁻¹",
                    &check,
                    if off == 0.0 {
                        "exactly the identity".to_string()
                    } else {
                        format!("the identity up to rounding: the largest error is {}", display_number(off))
                    },
                ),
            ]
        }
        Err(e) => {
            let why = why(&e);
            [
                Readout::missing("inverse", "A⁻¹", why.clone()),
                Readout::missing("identity_check", "A·A⁻¹", format!("no inverse to check: {why}")),
            ]
        }
    }
}

fn solution(c: &Inverse) -> Readout {
    match c.solution() {
        Ok(x) => {
            let residual = (&c.a * &x - &c.b).amax();
            vector_readout(
                "solution",
                "x = A⁻¹b",
                &x,
                if residual == 0.0 {
                    "the one x with Ax = b (by LU, as np.linalg.solve); Ax equals b exactly".to_string()
                } else {
                    format!("the one x with Ax = b (by LU, as np.linalg.solve); Ax misses b by at most {}", display_number(residual))
                },
            )
        }
        Err(why) => Readout::missing("solution", "x = A⁻¹b", why),
    }
}

fn condition(c: &Inverse) -> Readout {
    let label = "cond(A)";
    match c.decomposition() {
        Err(e) => Readout::missing("condition_number", label, e.to_string()),
        Ok(s) => match s.condition_number() {
            None => Readout::missing("condition_number", label, "infinite: the smallest singular value is 0, A is singular"),
            Some(k) => {
                let digits = k.log10().max(0.0).round();
                let note = if k > ILL_CONDITIONED {
                    format!("σ_max/σ_min. Nearly singular: results lose about {digits} of the 16 significant digits")
                } else if digits >= 1.0 {
                    format!("σ_max/σ_min: results may lose about {digits} of the 16 significant digits")
                } else {
                    "σ_max/σ_min: well-conditioned, rounding errors are not amplified".to_string()
                };
                number_readout("condition_number", label, k, note)
            }
        },
    }
}

fn det(c: &Inverse) -> Readout {
    match determinant(&c.a) {
        Det::Overflow { .. } => Readout::missing("det", "det A", NumericError::Overflow.to_string()),
        d => {
            let x = d.finite().unwrap_or(0.0);
            let note = if matches!(d, Det::Underflow { .. }) {
                "too small for a 64-bit float, shown as 0; singularity is decided by the rank, not by this"
            } else if x == 0.0 {
                "0: A squashes the plane, nothing can undo it"
            } else {
                "not 0, so A has an inverse, and det A⁻¹ = 1 / det A"
            };
            Readout::new("det", "det A", Value::Number(x), note)
        }
    }
}
