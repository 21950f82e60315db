//! 2.5 Norms: L⁰, L¹, L², L^∞ and Lᵖ of a vector, the Frobenius norm of a matrix, drawn as the balls
//! of each norm through v; the triangle inequality with a second vector w; and why an L¹ penalty makes
//! weights sparse: the smallest L¹ and L² balls touching the line of weights x·w = y. The norms
//! themselves come from `math::norms` (scaled, so huge and tiny entries neither overflow nor underflow).

mod figure;
mod readouts;
mod sparse;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::figure::point;
use crate::chapter::handle::{dragged, vector_handle};
use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, Handles, InputSpec};
use crate::view::scene::Role;
use nalgebra::DMatrix;

crate::options! {
    /// What the figure shows.
    pub enum View {
        /// The L¹, L², L^∞ and Lᵖ balls through v.
        Balls = ("balls", "balls through v"),
        /// v, w and v + w: the straight path against the detour.
        Triangle = ("triangle", "triangle inequality"),
        /// The line x·w = y and the smallest L¹ and L² balls that touch it.
        Sparse = ("sparse", "why L¹ gives zeros"),
    }
}

/// The page state: the vector v, the exponent p, the matrix A, the second vector w, and the line of
/// weights x·w = y (one example x with its target y).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Norms {
    v: DMatrix<f64>,
    p: f64,
    a: DMatrix<f64>,
    w: DMatrix<f64>,
    x: DMatrix<f64>,
    y: f64,
    view: View,
}

/// A new x for the line x·w = y: two entries, not both 0 (else there is no line).
fn set_x(s: &mut Norms, x: DMatrix<f64>) -> Result<(), ChapterError> {
    if x.iter().all(|e| *e == 0.0) {
        return Err(ChapterError::Rule("x must not be 0: the equation 0 = y describes no line".into()));
    }
    s.x = x;
    Ok(())
}

/// Whether the sparse view is shown (its inputs are edited only there).
fn sparse_view(s: &Norms) -> bool {
    s.view == View::Sparse
}

impl Norms {
    /// v's entries (column-major storage: a vector's entries in order).
    fn entries(&self) -> &[f64] {
        self.v.as_slice()
    }

    /// Whether v + w is defined.
    fn same_length(&self) -> bool {
        self.v.len() == self.w.len()
    }

    /// Why the plane cannot draw the state (a vector without two entries), if so.
    fn figure_note(&self) -> Option<String> {
        if self.view == View::Sparse {
            return None;
        }
        let need = point(&self.v).is_none() || (self.view == View::Triangle && point(&self.w).is_none());
        need.then(|| {
            format!(
                "The plane draws vectors with 2 entries; now v has {} entries and w has {}. The numbers below are still exact.",
                self.v.len(),
                self.w.len()
            )
        })
    }
}

impl Chapter for Norms {
    // The notebook's examples: v = (3, 4) (‖v‖₂ = 5), A = [[1, 2], [6, 4], [3, 2]] (‖A‖_F = √70), and
    // w = (1, 6), its first vector of the triangle inequality; p = 3 sits between L² and L^∞. The line
    // w₁ + 2w₂ = 5 (our own example) has its nearest point at (1, 2) and its smallest L¹ point at (0, 2.5).
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::vector("v", "3,4", |s| Some(&s.v), crate::store!(v)),
        // Below 1 the ball is not convex (not a norm); the field takes larger p, up to ∞ in effect.
        InputSpec::scalar("p", "3", |s: &Norms| Some(s.p), crate::store!(p))
            .range(f64::from_bits(1), f64::MAX, "p is one number greater than 0 (p ≥ 1 for a true norm)")
            .slider(0.25, 10.0, 0.05),
        InputSpec::matrix("A", "1,2;6,4;3,2", |s| Some(&s.a), crate::store!(a)),
        InputSpec::vector("w", "1,6", |s| Some(&s.w), crate::store!(w)),
        InputSpec::vector("x", "1,2", |s: &Norms| Some(&s.x), set_x).length(2, 2).shown_when(sparse_view),
        InputSpec::scalar("y", "5", |s: &Norms| Some(s.y), crate::store!(y)).shown_when(sparse_view),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[crate::choice!("view", "Figure", view: View)];
    const PROSE: &'static str = include_str!("prose.html");

    fn handles(&self) -> Handles {
        if self.view == View::Sparse {
            return Handles::Plane(sparse::handle(self).into_iter().collect());
        }
        if self.figure_note().is_some() {
            return Handles::default();
        }
        let mut out: Vec<_> = vector_handle(&self.v, "v", Role::Input).into_iter().collect();
        if self.view == View::Triangle {
            out.extend(vector_handle(&self.w, "w", Role::Second));
        }
        Handles::Plane(out)
    }

    /// Moves v, or w in the triangle view, or the line in the sparse view: only a handle the figure
    /// shows moves.
    fn act(&mut self, action: Action) -> bool {
        let Action::Move(id, to) = action else { return false };
        if self.handles().find(&id.to_string()).is_none() {
            return false;
        }
        if id == sparse::HANDLE {
            return sparse::move_line(self, to);
        }
        let target = if id.input == "w" { &self.w } else { &self.v };
        let Some(moved) = dragged(target, id.index, &[to.x, to.y]) else { return false };
        crate::chapter::AnyChapter::set_input(self, id.input, moved).is_ok()
    }
}
