//! The eigendecomposition page's words: the code that reproduces it and the spoken summary.

use super::readouts::{complex_text_at, no_vectors_text};
use super::stages::{Kind, Staged};
use super::{figure, quadratic, Eigendecomposition, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_at_scale, display_number, display_tuple_at_scale};
use crate::math::basis::Middle;
use crate::math::eigen::{Eigen, NoVectors};

impl Describe for Eigendecomposition {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for λ and V (sorted and signed as the page shows them), every
    /// readout printed: trace and determinant, the probe, the symmetric part and its eigenvalues.
    fn code(&self) -> Code {
        let mut code = Code::declare(Eigendecomposition::INPUTS, self);
        let real_basis = self.decomposition().is_ok_and(|e| e.vectors.is_ok());
        code.snippet("eigenvalues", &[]);
        if real_basis {
            code.snippet("eigenvectors", &[]);
        } else {
            code.snippet("no_eigenbasis", &[]);
        }
        code.snippet("trace_det", &[]);
        if self.a.ncols() == self.v.len() {
            code.snippet("probe", &[]);
        }
        code.snippet("symmetric_part", &[]);
        if self.view == View::Quadratic && self.a.ncols() == self.v.len() {
            code.snippet("extremes", &[]);
        }
        code
    }

    /// The figure in words: the form's panel, or what A does to directions and to the probe v, and
    /// what Play runs (V⁻¹, Λ, V, or what stands in for them and why).
    fn summary(&self) -> String {
        if self.view == View::Quadratic {
            return quadratic::summary(self);
        }
        let Ok(e) = self.decomposition() else { return "The eigenvalues of this matrix could not be computed.".into() };
        let scale = self.a.amax();
        let values: Vec<String> = e.values.iter().map(|z| complex_text_at(z, scale)).collect();
        let about_v = match (self.probe_lambda(), self.av()) {
            (Ok(l), _) => format!(" v is an eigenvector: Av = {}·v.", display_at_scale(l, scale)),
            (Err(_), Some(_)) if self.v.iter().all(|x| *x == 0.0) => " v = 0 is never an eigenvector: move it off the origin.".into(),
            (Err(_), Some(av)) if self.v.len() <= 3 => {
                let size = self.v.amax() * scale;
                format!(" v is not an eigenvector: Av = {} leaves the line of v.", display_tuple_at_scale(av.as_slice(), size))
            }
            _ => String::new(),
        };
        let what = match &e.vectors {
            Err(NoVectors::Complex) if e.values.len() == 2 => {
                let z = e.values[0];
                format!(
                    "λ = {} ± {}i: in a suitable basis A is a rotation by {}° combined with a scaling by |λ| = {}, so no real direction is kept.",
                    display_at_scale(z.re, scale),
                    display_number(z.im.abs()),
                    display_number((z.im.atan2(z.re).to_degrees() * 10.0).round() / 10.0),
                    display_number(z.norm())
                )
            }
            Err(NoVectors::Complex) if e.values.len() == 3 => {
                let axis = e.values.iter().find(|z| z.im == 0.0).map_or_else(String::new, |z| display_at_scale(z.re, scale));
                format!(
                    "Eigenvalues {}: one real eigen-direction (λ = {axis}), the axis A turns space around (the complex pair turns and scales a plane through the origin that this axis crosses).",
                    values.join(", ")
                )
            }
            Err(NoVectors::Defective { value, .. }) if e.values.len() == 2 => {
                format!(
                    "λ = {} twice, but only one eigen-direction: A is defective (like a shear) and has no eigenbasis.",
                    display_at_scale(*value, scale)
                )
            }
            Err(why) => format!("Eigenvalues {}; {}.", values.join(", "), no_vectors_text(why)),
            Ok(_) if e.values.len() == 2 && e.values[0] == e.values[1] => {
                let l = display_at_scale(e.values[0].re, scale);
                format!("A = {l}·I: every vector is an eigenvector with λ = {l}.")
            }
            Ok(_) => {
                let flips = if e.values.iter().any(|z| z.re < 0.0) { " A negative λ flips its direction." } else { "" };
                let (last, rest) = values.split_last().map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
                format!("λ = {} and {last}: vectors on the dashed lines are only stretched.{flips}", rest.join(", "))
            }
        };
        format!("{what}{about_v}{}", self.play_sentence(&e))
    }
}

impl Eigendecomposition {
    /// What Play runs, in a sentence (empty when there is no timeline or no figure).
    fn play_sentence(&self, e: &Eigen) -> String {
        if self.stages().is_empty() || figure::note(self).is_some() {
            return String::new();
        }
        let Some(s) = Staged::of(self) else { return String::new() };
        let space = if self.a.nrows() == 3 { "space" } else { "the plane" };
        match (s.kind, &s.form.middle) {
            (Kind::Eigen, _) => {
                let scale = self.a.amax();
                let stretches: Vec<String> = e.values.iter().map(|z| display_at_scale(z.re, scale)).collect();
                format!(
                    " Play reads A = VΛV⁻¹ right to left: V⁻¹ takes {space} to eigen-coordinates (the eigenvectors onto the axes), Λ stretches the axes by {}, and V takes it back.",
                    stretches.join(", ")
                )
            }
            (Kind::Turn, Middle::Turn { angle, scale, .. }) => {
                // det P > 0, so a turn in P's coordinates goes the same way round in the plane.
                let way = match (self.a.nrows(), *angle < 0.0) {
                    (2, true) => " clockwise",
                    (2, false) => " counter-clockwise",
                    _ => "",
                };
                let (basis, rest) = if self.a.nrows() == 3 { ("(p, q, v₃)", ", with the real eigenvector v₃ as the third column") } else { ("(p, q)", "") };
                format!(
                    " The eigenvectors of a complex pair are not real, so there is no real V to play. Instead Play uses the basis P = {basis} made of the real and imaginary parts of a complex eigenvector{rest}: P⁻¹ goes to those coordinates, C turns by {}°{way} and scales by {}, and P comes back.",
                    display_number((angle.abs().to_degrees() * 10.0).round() / 10.0),
                    display_number(*scale)
                )
            }
            (Kind::Triangular, _) => format!(
                " Without enough eigenvectors there is no V to play. Instead Play uses an orthonormal Schur basis Q whose first vector is an eigenvector: Qᵀ turns {space}, T = QᵀAQ stretches by the eigenvalues on its diagonal and shears, and Q turns back."
            ),
            _ => " Play applies A directly.".to_string(),
        }
    }
}
