//! The inverse page's readouts: A⁻¹ and its check A·A⁻¹, the solution x = A⁻¹b (or why there is not
//! exactly one), the condition number with the digits it costs, det A, rank A and the null space.
//! Invertibility is decided once, by the rank (numpy's tolerance); every note follows that decision.

use super::{why, Inverse};
use crate::chapter::{null_space, Readouts};
use crate::decimal::display;
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
                format!("singular values above σ₁·n·ε count (numpy's tolerance); full rank is {}", self.n()),
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
            null_space::readout(&self.a),
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
                let lost = k.log10().max(0.0).round();
                let digits = display(lost);
                let (rank, n) = (s.rank(), c.n());
                let note = if rank < n {
                    format!(
                        "σ₁/σₙ: so large that rounding cannot tell A from a singular matrix, and the rank test counts it as singular (rank {rank} < {n})"
                    )
                } else if k > ILL_CONDITIONED {
                    format!("σ₁/σₙ. Nearly singular: results lose about {digits} of the 16 significant digits")
                } else if lost >= 1.0 {
                    format!("σ₁/σₙ: results may lose about {digits} of the 16 significant digits")
                } else {
                    "σ₁/σₙ: well-conditioned, rounding errors are not amplified".to_string()
                };
                number_readout("condition_number", label, k, note)
            }
        },
    }
}

/// det A, with a note that follows the rank's decision (a determinant of 1e-16 next to entries of 1
/// is not evidence of an inverse).
fn det(c: &Inverse) -> Readout {
    let rank = c.decomposition().map(|s| s.rank());
    let n = c.n();
    let squash = if n == 2 { "the plane onto a line or a point" } else { "space onto fewer dimensions" };
    match determinant(&c.a) {
        Det::Overflow { .. } => Readout::missing("det", "det A", NumericError::Overflow.to_string()),
        d => {
            let x = d.finite().unwrap_or(0.0);
            let note = match (rank, matches!(d, Det::Underflow { .. }), x == 0.0) {
                (_, true, _) => "too small for a 64-bit float, shown as 0; singularity is decided by the rank, not by this".to_string(),
                (Ok(r), false, true) if r < n => format!("0: A flattens {squash}, and nothing can undo that"),
                (Ok(r), false, false) if r < n => format!(
                    "not exactly 0, but tiny next to A's entries: the rank test finds A singular (rank {r} < {n}), so it has no inverse"
                ),
                (Ok(_), false, true) => {
                    "0 as computed, yet the singular values find A invertible: rounding took the determinant's digits".into()
                }
                (Ok(_), false, false) => "not 0, and the rank test agrees: A has an inverse, and det A⁻¹ = 1 / det A".into(),
                (Err(_), _, _) => "singularity is decided by the rank, which could not be computed here".into(),
            };
            Readout::new("det", "det A", Value::Number(x), note)
        }
    }
}
