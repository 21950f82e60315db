//! The eigendecomposition page's words: the code that reproduces it and the spoken summary.

use super::readouts::complex_text;
use super::{quadratic, Eigendecomposition, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_tuple, vector_entries};
use crate::math::eigen::NoVectors;

impl Describe for Eigendecomposition {
    /// numpy / PyTorch / nalgebra for λ and V (sorted as the page sorts them), Av, the symmetric part's
    /// eigenvalues, and in the form's panel f(v).
    fn code(&self) -> Code {
        let mut code = Code::declare(Eigendecomposition::INPUTS, self);
        code.line(
            "w, V = np.linalg.eig(A)  # unit columns; numpy does not sort\norder = np.lexsort((-w.imag, -w.real))  # by real part, then imaginary, descending\nw, V = w[order], V[:, order]",
            "w, V = torch.linalg.eig(A)  # always complex dtype\norder = sorted(range(len(w)), key=lambda i: (-w[i].real, -w[i].imag))\nw, V = w[order], V[:, order]",
            "let schur = a.clone().try_schur(f64::EPSILON, 1000).expect(\"converged\");\nlet w = schur.complex_eigenvalues(); // unsorted",
        );
        let fits = self.a.ncols() == self.v.len();
        if fits {
            code.line(
                if self.v.len() == 2 {
                    "Av = A @ v\nnp.isclose(v[0] * Av[1] - v[1] * Av[0], 0)  # Av ∥ v: is v an eigenvector?"
                } else {
                    "Av = A @ v"
                },
                "Av = A @ v",
                "let av = &a * &v;",
            );
        }
        code.line(
            "np.linalg.eigvalsh((A + A.T) / 2)  # symmetric part: all > 0 means positive-definite",
            "torch.linalg.eigvalsh((A + A.T) / 2)",
            "let s = (&a + a.transpose()) / 2.0;\nlet mu = s.try_symmetric_eigen(f64::EPSILON, 1000).expect(\"converged\").eigenvalues;",
        );
        if self.view == View::Quadratic && fits {
            code.line(
                "mu, Q = np.linalg.eigh((A + A.T) / 2)  # ascending: on ‖x‖ = 1, xᵀAx is smallest (mu[0]) at Q[:, 0], largest (mu[-1]) at Q[:, -1]\nf_v = v @ A @ v",
                "mu, Q = torch.linalg.eigh((A + A.T) / 2)  # ascending, like numpy\nf_v = v @ A @ v",
                "let f_v = v.dot(&(&a * &v)); // the quadratic form at v",
            );
        }
        code
    }

    /// The figure in words: the form's panel, or what A does to directions and to the probe v.
    fn summary(&self) -> String {
        if self.view == View::Quadratic {
            return quadratic::summary(self);
        }
        let Ok(e) = self.decomposition() else { return "The eigenvalues of this matrix could not be computed.".into() };
        let values: Vec<String> = e.values.iter().map(complex_text).collect();
        let about_v = match (self.probe_lambda(), self.av()) {
            (Ok(l), _) => format!(" v is an eigenvector: Av = {}·v.", display_number(l)),
            (Err(_), Some(av)) if self.v.len() <= 3 => {
                format!(" v is not an eigenvector: Av = {} leaves the line of v.", display_tuple(&vector_entries(&av)))
            }
            _ => String::new(),
        };
        let what = match &e.vectors {
            Err(NoVectors::Complex) if e.values.len() == 2 => {
                let z = e.values[0];
                format!(
                    "λ = {} ± {}i: in a suitable basis A is a rotation by {}° combined with a scaling by |λ| = {}, so no real direction is kept.",
                    display_number(z.re),
                    display_number(z.im.abs()),
                    display_number((z.im.atan2(z.re).to_degrees() * 10.0).round() / 10.0),
                    display_number(z.norm())
                )
            }
            Err(NoVectors::Complex) if e.values.len() == 3 => {
                let axis = e.values.iter().find(|z| z.im == 0.0).map_or_else(String::new, |z| display_number(z.re));
                format!(
                    "Eigenvalues {}: one real eigen-direction (λ = {axis}), the axis A turns space around (the complex pair turns and scales a plane through the origin that this axis crosses).",
                    values.join(", ")
                )
            }
            Err(NoVectors::Defective { value, .. }) if e.values.len() == 2 => {
                format!(
                    "λ = {} twice, but only one eigen-direction: A is defective (like a shear) and has no eigenbasis.",
                    display_number(*value)
                )
            }
            Err(why) => format!("Eigenvalues {}; {why}.", values.join(", ")),
            Ok(_) if e.values.len() == 2 && e.values[0] == e.values[1] => {
                format!(
                    "A = {}·I: every vector is an eigenvector with λ = {}.",
                    display_number(e.values[0].re),
                    display_number(e.values[0].re)
                )
            }
            Ok(_) => {
                let flips = if e.values.iter().any(|z| z.re < 0.0) { " A negative λ flips its direction." } else { "" };
                format!("λ = {}: vectors on the dashed lines are only stretched.{flips}", values.join(" and "))
            }
        };
        format!("{what}{about_v}")
    }
}
