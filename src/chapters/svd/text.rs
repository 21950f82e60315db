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
    code.line(
        "U, s, Vt = np.linalg.svd(A, full_matrices=False)  # s descending; numpy returns Vᵀ\nV = Vt.T\n# This page's signs: each column of V has its largest entry positive (uᵢ flips with vᵢ)\nsigns = np.sign(V[np.argmax(np.abs(V), axis=0), range(V.shape[1])])\nU, V = U * signs, V * signs",
        "U, s, Vh = torch.linalg.svd(A, full_matrices=False)  # Vh is Vᵀ\nV = Vh.T\nsigns = torch.sign(V[V.abs().argmax(dim=0), range(V.shape[1])])  # largest entry of each vᵢ positive\nU, V = U * signs, V * signs",
        "let svd = a.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet (mut u, s) = (svd.u.clone().unwrap(), svd.singular_values.clone()); // s descending\nlet mut v = svd.v_t.clone().unwrap().transpose();\nfor i in 0..v.ncols() {\n    // this page's signs: the largest entry of each vᵢ positive (uᵢ flips with it)\n    if v.column(i).iter().fold(0.0_f64, |m, x| if x.abs() > m.abs() { *x } else { m }) < 0.0 {\n        v.column_mut(i).neg_mut();\n        u.column_mut(i).neg_mut();\n    }\n}",
    );
    if c.a.is_square() {
        code.line(
            "if np.linalg.det(V) < 0:  # and V a rotation: the last pair flips, any mirror stays in U\n    U[:, -1], V[:, -1] = -U[:, -1], -V[:, -1]",
            "if torch.linalg.det(V) < 0:  # and V a rotation: the last pair flips\n    U[:, -1], V[:, -1] = -U[:, -1], -V[:, -1]",
            "if v.determinant() < 0.0 {\n    // and V a rotation: the last pair flips\n    let last = v.ncols() - 1;\n    v.column_mut(last).neg_mut();\n    u.column_mut(last).neg_mut();\n}",
        );
    }
    code.line(
        "print(\"singular_values\", s)\nprint(\"U\", U)\nprint(\"V\", V)\nD = np.zeros(A.shape)\nD[:len(s), :len(s)] = np.diag(s)  # the book's D, with A's shape\nprint(\"D\", D)\nrank = np.linalg.matrix_rank(A)\nprint(\"rank\", rank)",
        "print(\"singular_values\", s)\nprint(\"U\", U)\nprint(\"V\", V)\nD = torch.zeros(A.shape, dtype=torch.float64)\nD[:len(s), :len(s)] = torch.diag(s)\nprint(\"D\", D)\nrank = torch.linalg.matrix_rank(A)\nprint(\"rank\", rank)",
        "println!(\"singular_values {s}U {u}V {v}\");\nlet rank = svd.rank(s[0] * a.nrows().max(a.ncols()) as f64 * f64::EPSILON);\nprintln!(\"rank {rank}\");",
    );
    null_space::code(&mut code, &c.a);
    code.line(
        "print(\"condition_number\", s[0] / s[-1] if s[-1] > 0 else None)  # np.linalg.cond(A)",
        "print(\"condition_number\", torch.linalg.cond(A))",
        "println!(\"condition_number {}\", s.max() / s.min());",
    );
    if c.a.is_square() {
        code.line(
            "print(\"det_U\", np.linalg.det(U), \"det_V\", np.linalg.det(V))  # ±1\nprint(\"U_is_reflection\", np.linalg.det(U) < 0)",
            "print(\"det_U\", torch.linalg.det(U), \"det_V\", torch.linalg.det(V))\nprint(\"U_is_reflection\", torch.linalg.det(U) < 0)",
            "println!(\"det_U {} det_V {}\", u.determinant(), v.determinant());",
        );
    }
    code.line(
        "print(\"reconstruction_error\", np.linalg.norm(A - U @ np.diag(s) @ V.T) / max(np.linalg.norm(A), 1e-300))",
        "print(\"reconstruction_error\", torch.linalg.norm(A - U @ torch.diag(s) @ V.T) / torch.linalg.norm(A))",
        "println!(\"reconstruction_error {}\", (&u * DMatrix::from_diagonal(&s) * v.transpose() - &a).norm() / a.norm());",
    );
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
