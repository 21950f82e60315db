//! 2.2 Multiplying matrices and vectors: A·v as the column and row pictures, AB as "B, then A",
//! and the dot product v·w. The products come from `math::tensor`, which checks the shapes.

mod figure;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::figure::plane;
use crate::chapter::handle::{column_handles, vector_handle};
use crate::chapter::{Chapter, ChoiceSpec, Handles, InputSpec};
use crate::math::tensor::product;
use crate::view::scene::Role;
use nalgebra::{DMatrix, Matrix2};

crate::options! {
    /// The figure's views.
    pub enum View { Av = ("av", "A·v"), Ab = ("ab", "A·B"), Dot = ("dot", "v·w") }
}

crate::options! {
    /// The order of the composition in the A·B view.
    pub enum Order { Ab = ("ab", "AB: B first, then A"), Ba = ("ba", "BA: A first, then B") }
}

/// The page state: two matrices, two vectors, the view, and the order of the A·B view (kept while
/// another view is shown).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Multiplication {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    v: DMatrix<f64>,
    w: DMatrix<f64>,
    view: View,
    order: Order,
}

/// How AB and BA compare, when both exist.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Commute {
    /// AB and BA have different shapes.
    Shapes,
    /// Every entry equal.
    Exactly,
    /// Equal up to rounding: the largest difference, within 64 ε of the entries' scale.
    UpToRounding(f64),
    /// They differ.
    No,
}

impl Multiplication {
    /// Whether AB = BA, deciding "equal" up to rounding: entry (i, j) of AB − BA may be off by 64 ε
    /// times the sizes of the products summed into it (Σ|A||B| + Σ|B||A|), so matrices that commute
    /// (A and A + I, say) are not called different for a last-bit difference. `None` when a product
    /// is not defined.
    fn commute(&self) -> Option<Commute> {
        let (ab, ba) = (product(&self.a, &self.b)?, product(&self.b, &self.a)?);
        if ab.shape() != ba.shape() {
            return Some(Commute::Shapes);
        }
        if ab == ba {
            return Some(Commute::Exactly);
        }
        let scale = product(&self.a.abs(), &self.b.abs())? + product(&self.b.abs(), &self.a.abs())?;
        let diff = &ab - &ba;
        let close = diff.iter().zip(scale.iter()).all(|(d, s)| d.abs() <= 64.0 * f64::EPSILON * s);
        Some(if close { Commute::UpToRounding(diff.amax()) } else { Commute::No })
    }

    /// AB and BA in the order the reader chose: (first applied, then applied, their names).
    fn composition(&self) -> Option<(Matrix2<f64>, Matrix2<f64>, &'static str, &'static str)> {
        let (a, b) = (plane(&self.a)?, plane(&self.b)?);
        Some(match self.order {
            Order::Ab => (b, a, "B", "A"),
            Order::Ba => (a, b, "A", "B"),
        })
    }
}

impl Chapter for Multiplication {
    // The notebooks' examples: A and B from the "not commutative" example, v and w from the dot
    // product (v = (5, 2) and w = (2, 6), so that v does not sit on A's first column, which is (2, 6)).
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix("A", "2,3;6,5", |c| Some(&c.a), crate::store!(a)),
        InputSpec::matrix("B", "5,3;2,2", |c| Some(&c.b), crate::store!(b)),
        InputSpec::vector("v", "5,2", |c| Some(&c.v), crate::store!(v)),
        InputSpec::vector("w", "2,6", |c| Some(&c.w), crate::store!(w)),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] =
        &[crate::choice!("view", "Figure", view: View), crate::choice!("order", "Order", order: Order, if s => s.view == View::Ab)];
    const PROSE: &'static str = include_str!("prose.html");

    fn stages(&self) -> Vec<&'static str> {
        match (self.view, self.order) {
            (View::Av, _) => vec!["apply A"],
            (View::Ab, Order::Ab) => vec!["apply B", "then A"],
            (View::Ab, Order::Ba) => vec!["apply A", "then B"],
            (View::Dot, _) => vec![],
        }
    }

    fn handles(&self) -> Handles {
        if figure::note(self).is_some() {
            return Handles::default();
        }
        Handles::Plane(match self.view {
            View::Av => vector_handle(&self.v, "v", Role::Input).into_iter().chain(column_handles(&self.a, "A")).collect(),
            View::Ab => column_handles(&self.a, "A").into_iter().chain(column_handles(&self.b, "B")).collect(),
            View::Dot => vector_handle(&self.v, "v", Role::Input).into_iter().chain(vector_handle(&self.w, "w", Role::Second)).collect(),
        })
    }
}
