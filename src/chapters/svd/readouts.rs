//! The SVD page's readouts about A: σ, U, V, the book's D, rank and condition number, whether U and
//! V are rotations or reflections, and how well the factors rebuild A.

use super::image::ImageTab;
use super::SvdPage;
use crate::chapter::Readouts;
use crate::format::{display_number, display_shape, subscript, superscript};
use crate::math::det::determinant;
use crate::math::svd::{null_space, reconstruction_error, Svd};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

/// The readouts' names and labels, in page order (all missing with one reason when the SVD fails).
const NAMES: [(&str, &str); 11] = [
    ("singular_values", "σ"),
    ("U", "U"),
    ("V", "V"),
    ("D", "D"),
    ("rank", "rank"),
    ("null_space", "null space"),
    ("condition_number", "cond A"),
    ("det_U", "det U"),
    ("det_V", "det V"),
    ("U_is_reflection", "U reflects"),
    ("reconstruction_error", "‖A − UΣVᵀ‖/‖A‖"),
];

/// A's readouts in page order, then A itself (the picture tab adds its own after these).
fn map_tab(c: &SvdPage) -> Vec<Readout> {
    let mut out = match c.factors() {
        Ok(s) => of_factors(c, &s),
        Err(e) => NAMES.iter().map(|&(name, label)| Readout::missing(name, label, e.to_string())).collect(),
    };
    out.push(Readout::new("A", "A", Value::matrix(&c.a), display_shape(&c.a)));
    out
}

fn of_factors(c: &SvdPage, s: &Svd) -> Vec<Readout> {
    let k = s.singular_values.len();
    let values = DMatrix::from_column_slice(k, 1, s.singular_values.as_slice());
    let mut out = vec![
        vector_readout(
            "singular_values",
            "σ",
            &values,
            format!("{k} singular values, largest first; the semi-axes of the image of the unit sphere"),
        ),
        matrix_readout(
            "U",
            "U",
            &s.u,
            format!("{}: left singular vectors u₁…u{} as orthonormal columns (thin SVD)", display_shape(&s.u), subscript(k)),
        ),
        matrix_readout("V", "V", &s.v, format!("{}: right singular vectors as columns; numpy returns Vᵀ instead", display_shape(&s.v))),
    ];
    let d = DMatrix::from_fn(c.a.nrows(), c.a.ncols(), |r, col| if r == col { s.singular_values[r] } else { 0.0 });
    out.push(matrix_readout("D", "D", &d, format!("{}: the book's D, with A's shape and σ on the diagonal", display_shape(&d))));
    let rank = s.rank();
    out.push(Readout::new(
        "rank",
        "rank",
        Value::Number(rank as f64),
        format!("singular values above σ₁·max(m, n)·ε = {}", display_number(s.rank_tolerance())),
    ));
    out.push(null_space_readout(c));
    out.push(match s.condition_number() {
        Some(cond) => number_readout(
            "condition_number",
            "cond A",
            cond,
            if rank < k {
                "σ₁/σₖ; numerically singular: σₖ is rounding noise".to_string()
            } else {
                format!("σ₁/σ{}: how much A can amplify relative errors", subscript(k))
            },
        ),
        None => Readout::missing("condition_number", "cond A", "infinite: the smallest singular value is exactly 0"),
    });
    out.extend(orientation(c, s));
    out.push(match reconstruction_error(&c.a, s) {
        Some(e) => {
            number_readout("reconstruction_error", "‖A − UΣVᵀ‖/‖A‖", e, "relative (Frobenius) error of multiplying the factors back")
        }
        None => Readout::missing("reconstruction_error", "‖A − UΣVᵀ‖/‖A‖", "could not be computed"),
    });
    out
}

/// An orthonormal basis of {x : Ax = 0}, one basis vector per row (`[]` when only 0 maps to 0).
fn null_space_readout(c: &SvdPage) -> Readout {
    let n = c.a.ncols();
    match null_space(&c.a) {
        Ok(basis) => {
            let rows: Vec<Vec<f64>> = basis.column_iter().map(|col| col.iter().copied().collect()).collect();
            let r = n - basis.ncols();
            let note = match basis.ncols() {
                0 => format!("[]: only x = 0 has Ax = 0, since the {n} columns of A are independent (rank {r})"),
                d if d == n => format!("A = 0 sends all of ℝ{} to 0: any orthonormal basis will do", superscript(n as i64)),
                1 => format!("the unit vector, largest entry positive, along the line A sends to 0 (rank {r} with {n} columns)"),
                2 => format!("two orthonormal vectors, one per row, spanning the plane A sends to 0 (rank {r} with {n} columns); any orthonormal basis of it will do"),
                d => format!("{d} orthonormal vectors, one per row, spanning the {d}-dimensional subspace A sends to 0 (rank {r} with {n} columns); any orthonormal basis of it will do"),
            };
            Readout::new("null_space", "null space", Value::Matrix(rows), note)
        }
        Err(e) => Readout::missing("null_space", "null space", e.to_string()),
    }
}

/// det of an orthogonal U or V: ±1 (its rows have length 1, so it never over- or underflows).
fn det_of(q: &DMatrix<f64>) -> f64 {
    determinant(q).finite().unwrap_or(f64::NAN)
}

fn det_note(name: &str, det: f64) -> String {
    if det < 0.0 {
        format!("det {name} = −1: {name} is a reflection (a mirror, then a rotation), not a rotation")
    } else {
        format!("det {name} = +1: {name} is a rotation")
    }
}

/// det U, det V and whether U reflects (for a square A; missing with the reason otherwise).
fn orientation(c: &SvdPage, s: &Svd) -> [Readout; 3] {
    if !c.a.is_square() {
        let why = format!(
            "A is {}, so the thin U is {} and not square: only a square orthogonal matrix has a determinant of ±1",
            display_shape(&c.a),
            display_shape(&s.u)
        );
        return [
            Readout::missing("det_U", "det U", why.clone()),
            Readout::missing("det_V", "det V", why.clone()),
            Readout::missing("U_is_reflection", "U reflects", why),
        ];
    }
    let (det_u, det_v) = (det_of(&s.u), det_of(&s.v));
    let flips = det_u < 0.0;
    [
        number_readout("det_U", "det U", det_u, det_note("U", det_u)),
        number_readout("det_V", "det V", det_v, "this page picks the signs so that V is a rotation; any reflection goes into U"),
        Readout::new(
            "U_is_reflection",
            "U reflects",
            Value::Bool(flips),
            if flips {
                "det A < 0: A flips orientation, so one factor must be a mirror; the notebook calls U a rotation, but here it is a reflection"
            } else {
                "det A ≥ 0: U and V are both rotations"
            },
        ),
    ]
}

impl Readouts for SvdPage {
    fn readouts(&self) -> Vec<Readout> {
        let mut out = map_tab(self);
        out.extend(self.image.iter().flat_map(ImageTab::readouts));
        out
    }
}
