//! 2.11 The determinant: how much A scales area (volume), and whether it flips orientation. The
//! value comes from `math::det` (no intermediate overflow), singularity from the SVD's rank.

mod figure;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::handle::{column_handles, space_column_handles};
use crate::chapter::{Chapter, Handles, InputSpec};
use crate::math::det::{determinant, Det};
use crate::math::svd::{null_space_in_order, svd};
use crate::math::NumericError;
use nalgebra::DMatrix;

/// The page state: one square matrix.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Determinant {
    a: DMatrix<f64>,
}

impl Determinant {
    fn det(&self) -> Det {
        determinant(&self.a)
    }

    /// A's rank by the SVD (numpy's tolerance); `None` if the SVD failed its check.
    fn rank(&self) -> Option<usize> {
        svd(&self.a).ok().map(|s| s.rank())
    }

    /// An orthonormal basis of what A sends to 0, as columns (n×0 when only 0 maps to 0), in the
    /// basis `math::svd::null_space_in_order` picks so that numpy can reproduce it.
    fn null_space(&self) -> Result<DMatrix<f64>, NumericError> {
        null_space_in_order(&self.a)
    }

    fn n(&self) -> usize {
        self.a.nrows()
    }

    fn measure(&self) -> &'static str {
        match self.n() {
            1 => "length",
            2 => "area",
            3 => "volume",
            _ => "n-dimensional volume",
        }
    }

    /// What the unit square (cube) collapses to when A is singular by the SVD's rank.
    fn collapsed_note(&self) -> Option<&'static str> {
        let rank = self.rank()?;
        let n = self.n();
        if rank >= n {
            return None;
        }
        Some(match (n, rank) {
            (2, 0) => "A = 0, and the square collapses to a point",
            (2, _) => "the square collapses to a line",
            (3, 0) => "A = 0, and the cube collapses to a point",
            (3, 1) => "the cube collapses onto a line",
            (3, _) => "the cube collapses into a plane",
            _ => "the columns are dependent",
        })
    }
}

impl Chapter for Determinant {
    // The notebook's first example: A = diag(2, 2), which doubles every length and multiplies area by 4.
    const INPUTS: &'static [InputSpec<Self>] =
        &[InputSpec::<Self>::matrix("A", "2,0;0,2", |s| Some(&s.a), crate::store!(a)).square("the determinant needs a square matrix")];
    const PROSE: &'static str = include_str!("prose.html");

    fn stages(&self) -> Vec<&'static str> {
        if matches!(self.n(), 2 | 3) {
            vec!["apply A"]
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Handles {
        match self.n() {
            3 => Handles::Space(space_column_handles(&self.a, "A")),
            _ => Handles::Plane(column_handles(&self.a, "A")),
        }
    }
}
