//! Play as a change of basis, A = B·M·B⁻¹ read right to left: B⁻¹ takes the plane (or space) to the
//! new coordinates, M does the simple part, B takes it back. With a real eigenbasis B = V and M = Λ
//! ("V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"). A complex pair has no real eigenvector, so
//! its stand-in is the basis (p, q) in which A turns and scales; a defective A has too few
//! eigenvectors, so its stand-in is an orthonormal basis in which A is triangular: it stretches and shears
//! (`math::basis`). Each outer stage moves along a path of invertible maps from I ([`PolarPath`]).

use super::Eigendecomposition;
use crate::chapter::figure::PolarPath;
use crate::math::basis::{change_of_basis, ChangeOfBasis, Middle};
use crate::view::timeline::Timeline;
use nalgebra::DMatrix;

/// What stands in the middle of the change of basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// B = V, M = Λ.
    Eigen,
    /// A complex pair: B = P = (p, q[, v₃]), M = C turns and scales.
    Turn,
    /// No eigenbasis: B = Q orthonormal, M = T upper triangular.
    Triangular,
    /// No change of basis could be computed: the middle stage applies A directly.
    Direct,
}

impl Kind {
    /// The timeline's three stage names.
    pub(super) fn stage_names(self) -> Vec<&'static str> {
        match self {
            Kind::Eigen => vec!["V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"],
            Kind::Turn => vec!["P⁻¹: to the basis p, q", "C: turn and scale", "P: back"],
            Kind::Triangular => vec!["Qᵀ: turn to a Schur basis", "T: stretch and shear", "Q: turn back"],
            Kind::Direct => vec!["(no change of basis)", "A, applied directly", "(nothing more)"],
        }
    }

    /// The names of B⁻¹, M and B in labels and sentences.
    pub(super) fn symbols(self) -> [&'static str; 3] {
        match self {
            Kind::Eigen => ["V⁻¹", "Λ", "V"],
            Kind::Turn => ["P⁻¹", "C", "P"],
            Kind::Triangular => ["Qᵀ", "T", "Q"],
            Kind::Direct => ["I", "A", "I"],
        }
    }
}

/// The change of basis the timeline plays, with its two outer paths.
#[derive(Debug, Clone)]
pub(super) struct Staged {
    pub(super) kind: Kind,
    /// A = B·M·B⁻¹.
    pub(super) form: ChangeOfBasis,
    /// I → B⁻¹.
    to: PolarPath,
    /// I → B.
    back: PolarPath,
    /// A itself (the map at the end, exactly).
    a: DMatrix<f64>,
}

impl Staged {
    /// The staged form of a 2×2 or 3×3 A whose eigenvalues exist; `None` otherwise.
    pub(super) fn of(c: &Eigendecomposition) -> Option<Staged> {
        if !matches!(c.a.shape(), (2, 2) | (3, 3)) {
            return None;
        }
        let e = c.decomposition().ok()?;
        let paths = |form: &ChangeOfBasis| Some((PolarPath::to(&form.inverse)?, PolarPath::to(&form.basis)?));
        if let Ok(form) = change_of_basis(&c.a, &e) {
            if let Some((to, back)) = paths(&form) {
                let kind = match form.middle {
                    Middle::Stretch(_) => Kind::Eigen,
                    Middle::Turn { .. } => Kind::Turn,
                    Middle::Shear(_) => Kind::Triangular,
                };
                return Some(Staged { kind, form, to, back, a: c.a.clone() });
            }
        }
        let n = c.a.nrows();
        let identity = DMatrix::identity(n, n);
        let form = ChangeOfBasis { basis: identity.clone(), inverse: identity.clone(), middle: Middle::Shear(c.a.clone()) };
        let to = PolarPath::to(&identity)?;
        Some(Staged { kind: Kind::Direct, form, back: to.clone(), to, a: c.a.clone() })
    }

    /// The map applied at the timeline's position: back(t₂)·M(t₁)·to(t₀), and A itself at the end.
    pub(super) fn map(&self, timeline: &Timeline) -> DMatrix<f64> {
        if timeline.position() >= timeline.stages() as f64 {
            return self.a.clone();
        }
        self.map_at(timeline.progress(0), timeline.progress(1), timeline.progress(2))
    }

    /// The map after the shares `t0`, `t1`, `t2` (each 0..=1) of the three stages.
    pub(super) fn map_at(&self, t0: f64, t1: f64, t2: f64) -> DMatrix<f64> {
        self.back.at(t2) * self.form.middle_at(t1) * self.to.at(t0)
    }

    /// The outer stages only, back(t₂)·to(t₀): where a column of B points while the middle map keeps
    /// its direction (B⁻¹ turns it onto an axis, B turns it back).
    pub(super) fn frame(&self, timeline: &Timeline) -> DMatrix<f64> {
        if timeline.position() >= timeline.stages() as f64 {
            let n = self.a.nrows();
            return DMatrix::identity(n, n);
        }
        self.back.at(timeline.progress(2)) * self.to.at(timeline.progress(0))
    }

    /// The new basis B, as columns.
    pub(super) fn basis(&self) -> &DMatrix<f64> {
        &self.form.basis
    }
}

/// Which stage boundary the timeline rests on, if any: 0 (nothing applied), 1, 2, or 3 (all).
pub(super) fn resting(timeline: &Timeline) -> Option<usize> {
    let pos = timeline.position();
    (pos.fract() == 0.0).then_some(pos as usize)
}
