//! The pseudoinverse page's readouts: A⁺ with the Penrose products and the SVD behind it, the
//! least-squares solution A⁺b (plain and with unit rows), and the line fitted through P.

use super::Pseudoinverse;
use crate::chapter::Readouts;
use crate::format::display_shape;
use crate::math::svd::{pinv, svd};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

impl Readouts for Pseudoinverse {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = pseudoinverse(self);
        out.extend(solution(self));
        out.extend(fit(self));
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.push(Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())));
        out.push(Readout::new("P", "P", Value::matrix(&self.p), format!("{} points", self.p.nrows())));
        out
    }
}

/// A⁺, A⁺A, AA⁺, AA⁺A, σ and the rank.
fn pseudoinverse(c: &Pseudoinverse) -> Vec<Readout> {
    let p = match pinv(&c.a) {
        Ok(p) => p,
        Err(why) => {
            return [
                ("pinv", "A⁺"),
                ("pinv_A_A", "A⁺A"),
                ("A_pinv", "AA⁺"),
                ("A_pinv_A", "AA⁺A"),
                ("singular_values", "σ (diagonal of D)"),
                ("rank", "rank A"),
            ]
            .into_iter()
            .map(|(name, label)| Readout::missing(name, label, why.to_string()))
            .collect();
        }
    };
    let mut out = vec![matrix_readout(
        "pinv",
        "A⁺",
        &p,
        format!("{}: V·D⁺·Uᵀ, inverting only the non-zero singular values (numpy's rcond 1e-15)", display_shape(&p)),
    )];
    let pa = &p * &c.a;
    let ap = &c.a * &p;
    let identity = |m: &DMatrix<f64>| (m - DMatrix::identity(m.nrows(), m.ncols())).amax() < 1e-9;
    out.push(matrix_readout(
        "pinv_A_A",
        "A⁺A",
        &pa,
        if identity(&pa) {
            "the identity (to 1e-9): the columns of A are independent"
        } else {
            "not the identity: A has dependent columns (a projection)"
        },
    ));
    out.push(matrix_readout(
        "A_pinv",
        "AA⁺",
        &ap,
        if identity(&ap) {
            "the identity (to 1e-9): the rows of A are independent"
        } else {
            "not the identity: the projection onto the column space of A"
        },
    ));
    out.push(matrix_readout("A_pinv_A", "AA⁺A", &(&ap * &c.a), "equals A: the first Penrose condition"));
    if let Ok(s) = svd(&c.a) {
        out.push(vector_readout(
            "singular_values",
            "σ (diagonal of D)",
            &DMatrix::from_column_slice(s.singular_values.len(), 1, s.singular_values.as_slice()),
            "A = U·D·Vᵀ; D⁺ holds 1/σ for each σ above the cut-off and 0 for the rest",
        ));
        out.push(Readout::new("rank", "rank A", Value::Number(s.rank() as f64), "non-zero singular values; D⁺ inverts exactly these"));
    }
    out
}

/// x = A⁺b, ‖Ax − b‖, and A⁺b with unit rows.
fn solution(c: &Pseudoinverse) -> Vec<Readout> {
    let mut out = Vec::new();
    match c.solution() {
        Some(Ok(x)) => {
            out.push(vector_readout("solution", "x = A⁺b", &x, "the least-squares solution of minimum length"));
            let r = &c.a * &x - &c.b;
            out.push(number_readout("residual_norm", "‖Ax − b‖", r.norm(), "0 when b is reachable; otherwise the smallest possible"));
        }
        Some(Err(why)) => {
            out.push(Readout::missing("solution", "x = A⁺b", why.clone()));
            out.push(Readout::missing("residual_norm", "‖Ax − b‖", why));
        }
        None => {
            let why = format!("b has {} entries but A has {} rows", c.b.len(), c.a.nrows());
            out.push(Readout::missing("solution", "x = A⁺b", why.clone()));
            out.push(Readout::missing("residual_norm", "‖Ax − b‖", why));
        }
    }
    out.push(match c.normalized_solution() {
        Ok(x) => vector_readout(
            "normalized_solution",
            "A⁺b, unit rows",
            &x,
            if c.a.nrows() == 3 && c.a.ncols() == 2 {
                "each row scaled to length 1: minimises the squared distances to the lines; for a triangle, its symmedian (Lemoine) point"
            } else {
                "each row scaled to length 1 first: minimises the squared distances to the hyperplanes"
            },
        ),
        Err(why) => Readout::missing("normalized_solution", "A⁺b, unit rows", why),
    });
    out
}

/// The fitted line and its sum of squared residuals.
fn fit(c: &Pseudoinverse) -> Vec<Readout> {
    match c.fit() {
        Ok((slope, intercept)) => vec![
            Readout::new(
                "fit",
                "[slope, intercept]",
                Value::Vector(vec![slope, intercept]),
                format!("{}: the pseudoinverse of [x | 1] applied to y", c.line_equation(slope, intercept)),
            ),
            number_readout(
                "residual_sum_of_squares",
                "Σ residual²",
                c.residual_sum_of_squares(slope, intercept),
                "the sum of the squared vertical distances; no other line has a smaller one",
            ),
        ],
        Err(why) => vec![
            Readout::missing("fit", "[slope, intercept]", why.clone()),
            Readout::missing("residual_sum_of_squares", "Σ residual²", why),
        ],
    }
}
