//! The map tab's words: the code that reproduces its numbers and the spoken summary.

use super::plane::PlaneSvd;
use super::SvdPage;
use crate::chapter::{Chapter, Code, Describe};
use crate::format::{display_number, display_shape};

/// numpy / PyTorch / nalgebra for the thin SVD, the check that it rebuilds A, rank and condition
/// number, and for a square A the determinants of U and V.
fn map_code(c: &SvdPage) -> Code {
    let mut code = Code::declare(SvdPage::INPUTS, c);
    code.line(
        "U, s, Vt = np.linalg.svd(A, full_matrices=False)  # s descending; numpy returns Vᵀ\nV = Vt.T",
        "U, s, Vh = torch.linalg.svd(A, full_matrices=False)  # Vh is Vᵀ\nV = Vh.T",
        "let svd = a.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet (u, s) = (svd.u.clone().unwrap(), svd.singular_values.clone()); // s descending\nlet v = svd.v_t.clone().unwrap().transpose();",
    );
    code.line(
        "np.allclose(U @ np.diag(s) @ V.T, A)  # True",
        "torch.allclose(U @ torch.diag(s) @ V.T, A)",
        "assert!((&u * DMatrix::from_diagonal(&s) * v.transpose() - &a).norm() < 1e-9 * a.norm());",
    );
    code.line(
        "np.linalg.matrix_rank(A), np.linalg.cond(A)",
        "torch.linalg.matrix_rank(A), torch.linalg.cond(A)",
        "let rank = svd.rank(s[0] * a.nrows().max(a.ncols()) as f64 * f64::EPSILON);",
    );
    if c.a.is_square() {
        code.line(
            "np.linalg.det(U), np.linalg.det(V)  # ±1; signs may differ from this page's",
            "torch.linalg.det(U), torch.linalg.det(V)",
            "let (det_u, det_v) = (u.determinant(), v.determinant());",
        );
    }
    code
}

/// σ and what A does to the unit circle (2×2), or σ and the rank (other shapes).
fn map_summary(c: &SvdPage) -> String {
    let Ok(s) = c.factors() else { return "The SVD of this matrix could not be computed.".into() };
    let sigma: Vec<String> = s.singular_values.iter().map(|x| display_number(*x)).collect();
    let Some(p) = PlaneSvd::new(&s) else {
        return format!("A is {} with singular values {}; its rank is {}.", display_shape(&c.a), sigma.join(", "), s.rank());
    };
    let shape = if p.sigma.1 == 0.0 || s.rank() < 2 { "a line segment" } else { "an ellipse" };
    let flip = if p.reflection { "det A < 0, so U is a reflection (det U = −1), not a rotation." } else { "U and V are both rotations." };
    format!("σ₁ = {}, σ₂ = {}: A turns the unit circle into {shape} with semi-axes σ₁u₁ and σ₂u₂. {flip}", sigma[0], sigma[1])
}

impl Describe for SvdPage {
    fn code(&self) -> Code {
        match &self.image {
            Some(image) => image.code(),
            None => map_code(self),
        }
    }

    fn summary(&self) -> String {
        match &self.image {
            Some(image) => image.summary(),
            None => map_summary(self),
        }
    }
}
