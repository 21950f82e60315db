//! The map tab's words: the code that reproduces its numbers and the spoken summary.

use super::plane::PlaneSvd;
use super::SvdPage;
use crate::chapter::null_space::{self, NullSpace};
use crate::chapter::{Chapter, Code, Describe};
use crate::format::{display_at_scale, display_shape, subscript};

/// numpy / PyTorch / nalgebra for the thin SVD with this page's signs (each right singular vector's
/// largest entry positive and, for a square A, V a rotation), every readout printed, and the null
/// space from the full SVD.
fn map_code(c: &SvdPage) -> Code {
    let mut code = Code::declare(SvdPage::INPUTS, c);
    code.snippet("svd_signs", &[]);
    if c.a.is_square() {
        code.snippet("rotation_v", &[]);
    }
    code.snippet("print_factors", &[]);
    null_space::code(&mut code, &c.a);
    code.snippet("condition_number", &[]);
    if c.a.is_square() {
        code.snippet("det_factors", &[]);
    }
    code.snippet("reconstruction_error", &[]);
    code
}

/// What A sends to 0, in words, with where the figure shows it (empty when only 0 goes to 0).
fn null_sentence(c: &SvdPage) -> String {
    let Ok(null) = NullSpace::of(&c.a) else { return String::new() };
    let Some(sentence) = null.sentence() else { return String::new() };
    let drawn = match null.dim() {
        d if d == null.n() => "",
        1 => " (the null space, dotted)",
        2 => " (the null space, shaded)",
        _ => "",
    };
    format!(" {sentence}{drawn}.")
}

/// σ and what A does to the unit circle (2×2), or σ and the rank (other shapes), and its null space.
fn map_summary(c: &SvdPage) -> String {
    let Ok(s) = c.factors() else { return "The SVD of this matrix could not be computed.".into() };
    let scale = s.singular_values.max();
    let sigma: Vec<String> = s.singular_values.iter().map(|x| display_at_scale(*x, scale)).collect();
    let null = null_sentence(c);
    let Some(p) = PlaneSvd::new(&s) else {
        let names = (1..=sigma.len()).map(|i| format!("σ{}", subscript(i))).collect::<Vec<_>>().join(", ");
        return format!(
            "A is {} with singular values {names} = {}; its rank is {}.{null}",
            display_shape(&c.a),
            sigma.join(", "),
            s.rank()
        );
    };
    let shape = if s.rank() == 0 {
        "a single point, the origin".to_string()
    } else if p.sigma.1 == 0.0 || s.rank() < 2 {
        "a line segment from −σ₁u₁ to σ₁u₁ (σ₂u₂ = 0)".to_string()
    } else {
        "an ellipse with semi-axes σ₁u₁ and σ₂u₂".to_string()
    };
    let flip = if p.reflection {
        "det A < 0, so U is a reflection (det U = −1), not a rotation: the third stage mirrors, then turns."
    } else {
        "U and V are both rotations (det +1)."
    };
    format!("σ₁ = {}, σ₂ = {}: A turns the unit circle into {shape}. {flip}{null}", sigma[0], sigma[1])
}

impl Describe for SvdPage {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    fn code(&self) -> Code {
        // The picture tab keeps A's readouts, so its code keeps A's part and adds the picture's.
        let mut code = map_code(self);
        if let Some(image) = &self.image {
            image.append_code(&mut code);
        }
        code
    }

    fn summary(&self) -> String {
        match &self.image {
            Some(image) => image.summary(),
            None => map_summary(self),
        }
    }
}
