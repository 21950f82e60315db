//! 2.7 Eigendecomposition: directions that A only stretches (Av = λv), A = V·diag(λ)·V⁻¹, the
//! symmetric case QΛQᵀ, and the quadratic form xᵀAx with its definiteness. Every case is handled:
//! distinct, repeated, defective, negative and complex eigenvalues. The figure has two views: A as a
//! map of the plane (or of space, for 3×3), and the quadratic form xᵀAx as a heat map with labelled
//! level sets. The numerics are `math::eigen`, `math::quadratic`, `math::det` and `math::svd`.

mod figure;
mod quadratic;
mod readouts;
mod space;
mod stages;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::handle::{column_handles, dragged, space_vector_handle, vector_handle};
use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, HandleId, Handles, InputSpec};
use crate::format::display_shape;
use crate::math::basis::keep_orientation;
use crate::math::eigen::{eigen, Eigen};
use crate::view::scene::Role;
use nalgebra::{DMatrix, Matrix3};

crate::options! {
    /// The figure's views: A as a map, or the quadratic form xᵀAx.
    pub enum View {
        /// A carries the unit circle (sphere) and the probe; the eigen-directions stay on their lines.
        Map = ("map", "A as a map"),
        /// The quadratic-form panel.
        Quadratic = ("quadratic", "The form xᵀAx"),
    }
}

/// The page state: a square A, a probe vector v and the figure's view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Eigendecomposition {
    a: DMatrix<f64>,
    v: DMatrix<f64>,
    view: View,
}

/// The probe, the only handle in space.
const PROBE: HandleId = HandleId::whole("v");

fn set_a(s: &mut Eigendecomposition, a: DMatrix<f64>) -> Result<(), ChapterError> {
    // A probe that fitted the old A follows its size (new entries 0), so growing A to 3×3 in the
    // editor, or linking only A, keeps v usable and the figure drawn.
    if s.v.len() == s.a.ncols() && s.v.len() != a.ncols() {
        s.v = s.v.clone().resize(a.ncols(), 1, 0.0);
    }
    s.a = a;
    Ok(())
}

impl Eigendecomposition {
    /// λ and V as this page shows them: each column's largest entry positive and, if that leaves
    /// det V < 0, the last column negated, so that V keeps orientation (Play then needs no mirror).
    fn decomposition(&self) -> Result<Eigen, String> {
        let mut e = eigen(&self.a).map_err(|e| e.to_string())?;
        if let Ok(v) = &e.vectors {
            e.vectors = Ok(keep_orientation(v));
        }
        Ok(e)
    }

    fn av(&self) -> Option<DMatrix<f64>> {
        (self.a.ncols() == self.v.len()).then(|| &self.a * &self.v)
    }

    /// λ with Av = λv when v ≠ 0 and Av is parallel to v (to 1e-9 relative).
    fn probe_lambda(&self) -> Result<f64, String> {
        if self.a.ncols() != self.v.len() {
            return Err(format!("A·v is not defined: A is {} but v has {} entries", display_shape(&self.a), self.v.len()));
        }
        let size = self.v.amax();
        if size == 0.0 {
            return Err("v = 0 is never an eigenvector (A·0 = 0 for every A)".into());
        }
        // On v scaled to largest entry 1 (the direction is what matters), so 1e300 entries cannot overflow.
        let u = &self.v / size;
        let au = &self.a * &u;
        let lambda = u.dot(&au) / u.norm_squared();
        if !(lambda.is_finite() && au.iter().all(|x| x.is_finite())) {
            return Err("A·v overflows a 64-bit float".into());
        }
        let off = (&au - &u * lambda).norm();
        if off <= 1e-9 * au.norm().max(u.norm() * lambda.abs()) || au.norm() == 0.0 {
            Ok(lambda)
        } else {
            Err("Av is not a multiple of v: A turns v off its line".into())
        }
    }

    /// A as a map of space when the figure is drawn in 3-D: A is 3×3 and v has three entries.
    fn space_map(&self) -> Option<Matrix3<f64>> {
        (self.a.shape() == (3, 3) && self.v.len() == 3).then(|| Matrix3::from_fn(|r, c| self.a[(r, c)]))
    }

    /// Whether the figure is drawn in space: the map view of a 3×3 A whose eigenvalues exist.
    fn in_space(&self) -> bool {
        self.view == View::Map && self.space_map().is_some() && self.decomposition().is_ok()
    }

    fn symmetric_part(&self) -> DMatrix<f64> {
        (&self.a + self.a.transpose()) / 2.0
    }
}

impl Chapter for Eigendecomposition {
    // The seed's example A = [[5, 1], [3, 3]] (λ = 6, 2) with the probe v = (1, 1), an eigenvector.
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix("A", "5,1;3,3", |s| Some(&s.a), set_a).square("eigenvalues need a square matrix"),
        InputSpec::vector("v", "1,1", |s| Some(&s.v), crate::store!(v)),
    ];
    const CHOICES: &'static [ChoiceSpec<Self>] = &[crate::choice!("view", "Figure", view: View)];
    const PROSE: &'static str = include_str!("prose.html");

    /// Three stages for a 2×2 or 3×3 A in the map view (the count depends on the shape only; the
    /// names on what stands in the middle: Λ, a turn, or a triangular form).
    fn stages(&self) -> Vec<&'static str> {
        match self.view {
            View::Map if self.a.shape() == (2, 2) || self.a.shape() == (3, 3) => {
                stages::Staged::of(self).map_or(stages::Kind::Eigen, |s| s.kind).stage_names()
            }
            _ => Vec::new(),
        }
    }

    fn handles(&self) -> Handles {
        if self.in_space() {
            return Handles::Space(space_vector_handle(&self.v, "v", Role::Input).into_iter().collect());
        }
        if figure::note(self).is_some() {
            return Handles::Plane(Vec::new());
        }
        let v = vector_handle(&self.v, "v", Role::Input);
        match self.view {
            // The form's panel draws v only: A's columns would crowd the unit circle out of view.
            View::Quadratic => Handles::Plane(v.into_iter().collect()),
            View::Map => Handles::Plane(v.into_iter().chain(column_handles(&self.a, "A")).collect()),
        }
    }

    /// A drag writes v, or a column of a 2×2 A, through the inputs' checks; in space only v moves.
    fn act(&mut self, action: Action) -> bool {
        let (id, to) = match action {
            Action::Move(id, p) => (id, vec![p.x, p.y]),
            Action::MoveInSpace(id, p) if id == PROBE => (id, vec![p.x, p.y, p.z]),
            _ => return false,
        };
        let Some(spec) = Self::INPUTS.iter().find(|s| s.name == id.input) else { return false };
        let Some(moved) = spec.value(self).and_then(|m| dragged(&m, id.index, &to)) else { return false };
        spec.set(self, moved).is_ok()
    }
}
