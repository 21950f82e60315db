//! 2.3 Identity and inverse matrices: A⁻¹ undoes A, and x = A⁻¹b solves Ax = b. The row picture (two
//! lines crossing at the solution), the column picture (b reached by x₁a₁ + x₂a₂) and "A then A⁻¹".
//! The numerics (the SVD's rank decides invertibility, LU computes, a check guards) are in
//! `math::solve`; when A is singular the null space (`chapter::null_space`) says what the solutions
//! of Ax = b are: one of them plus every x that A sends to 0.

mod figure;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::figure::{plane, point};
use crate::chapter::handle::{column_handles, vector_handle};
use crate::chapter::null_space::NullSpace;
use crate::chapter::{Chapter, ChoiceSpec, Handles, InputSpec};
use crate::format::{display_shape, display_tuple_clean};
use crate::math::solve::{inverse, least_squares, ranks, solve, InverseError};
use crate::math::svd::{svd, Svd};
use crate::math::NumericError;
use crate::view::scene::Role;
use crate::view::viewport::World;
use nalgebra::DMatrix;

crate::options! {
    /// The figure's views.
    pub enum View {
        /// One line per equation, crossing at the solution.
        Rows = ("rows", "Row picture"),
        /// b reached by x₁a₁ + x₂a₂.
        Columns = ("columns", "Column picture"),
        /// The plane carried by A, then back by A⁻¹.
        Undo = ("undo", "A then A⁻¹"),
    }
}

/// The page state: a square A, a right-hand side b, and the figure's view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inverse {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    view: View,
}

/// Why A has no inverse, in the page's words.
fn why(e: &InverseError) -> String {
    match e {
        InverseError::Singular { rank, n } => {
            format!("A is singular (rank {rank} < {n}: its columns are dependent), so nothing undoes it")
        }
        InverseError::Numeric(e) => e.to_string(),
        InverseError::Inaccurate => "the inverse failed its accuracy check (A·A⁻¹ is not the identity to working precision)".into(),
    }
}

impl Inverse {
    fn n(&self) -> usize {
        self.a.nrows()
    }

    fn decomposition(&self) -> Result<Svd, NumericError> {
        svd(&self.a)
    }

    fn inverse(&self) -> Result<DMatrix<f64>, InverseError> {
        inverse(&self.a)
    }

    fn b_fits(&self) -> bool {
        self.b.len() == self.n()
    }

    /// Whether b is in A's column space (rank [A | b] = rank A); `None` when it cannot be decided.
    fn b_reachable(&self) -> Option<bool> {
        ranks(&self.a, &self.b)?.ok().map(|r| r.reachable())
    }

    fn null_space(&self) -> Result<NullSpace, String> {
        NullSpace::of(&self.a)
    }

    /// A⁺b, the shortest x with Ax closest to b (one solution when b is in the column space).
    fn shortest(&self) -> Option<DMatrix<f64>> {
        least_squares(&self.a, &self.b)?.ok().filter(|x| x.iter().all(|v| v.is_finite()))
    }

    fn solution(&self) -> Result<DMatrix<f64>, String> {
        if !self.b_fits() {
            return Err(format!(
                "not defined: A is {} but b has {} entries; Ax = b needs one entry of b per row of A",
                display_shape(&self.a),
                self.b.len()
            ));
        }
        match self.inverse() {
            Err(e @ InverseError::Singular { .. }) => Err(match (self.b_reachable(), self.shortest(), self.null_space()) {
                (Some(true), Some(x), Ok(null)) => format!(
                    "A is singular and b lies in its column space: infinitely many x solve Ax = b, one solution plus the null space, {}; the first, {} = A⁺b, is the shortest (chapter 2.9)",
                    null.solutions(x.as_slice()),
                    display_tuple_clean(x.as_slice())
                ),
                (Some(true), _, _) => "A is singular and b lies in its column space: infinitely many x solve Ax = b".into(),
                (Some(false), _, _) => {
                    "A is singular and b is outside its column space: no x solves Ax = b, so there is no solution to add the null space to"
                        .into()
                }
                (None, _, _) => why(&e),
            }),
            Err(e) => Err(why(&e)),
            Ok(_) => solve(&self.a, &self.b).ok_or_else(|| "LU found a zero pivot".to_string()),
        }
    }

    /// The plane solution x when everything is 2-D and A is invertible.
    fn plane_solution(&self) -> Option<World> {
        self.solution().ok().and_then(|x| point(&x)).filter(|x| x.x.is_finite() && x.y.is_finite())
    }

    /// Whether the plane can draw the state: a 2×2 A and a b with 2 entries.
    fn drawn(&self) -> bool {
        plane(&self.a).is_some() && point(&self.b).is_some()
    }
}

impl Chapter for Inverse {
    // The notebook's system {y = 2x, y = −x + 3}, written as 2x − y = 0 and x + y = 3: the lines cross at (1, 2).
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::<Self>::matrix("A", "2,-1;1,1", |s| Some(&s.a), crate::store!(a)).square("only a square matrix can have an inverse"),
        InputSpec::vector("b", "0,3", |s| Some(&s.b), crate::store!(b)),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[crate::choice!("view", "Figure", view: View)];
    const PROSE: &'static str = include_str!("prose.html");

    fn stages(&self) -> Vec<&'static str> {
        if self.view == View::Undo && self.drawn() {
            vec!["apply A", "apply A⁻¹"]
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Handles {
        if !self.drawn() {
            return Handles::default();
        }
        Handles::Plane(column_handles(&self.a, "A").into_iter().chain(vector_handle(&self.b, "b", Role::Image)).collect())
    }
}
