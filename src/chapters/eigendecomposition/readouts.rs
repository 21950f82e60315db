//! The eigendecomposition page's readouts: λ (complex ones as pairs), V, diagonalizability, trace and
//! determinant as the sum and product of λ, the probe (Av, whether v is an eigenvector, its λ, vᵀAv),
//! and the symmetric part with the definiteness of xᵀAx.

use super::quadratic::meaning;
use super::Eigendecomposition;
use crate::chapter::Readouts;
use crate::format::{display_at_scale, display_number, display_shape, subscript};
use crate::math::det::determinant;
use crate::math::eigen::{symmetric, NoVectors};
use crate::math::quadratic::definiteness;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::{Complex, DMatrix};

/// `a ± bi` as people write it; a real number alone. Parts within rounding of 0 at `scale` (A's
/// largest entry) show as 0.
pub(super) fn complex_text_at(z: &Complex<f64>, scale: f64) -> String {
    if z.im == 0.0 {
        display_at_scale(z.re, scale)
    } else {
        format!("{} {} {}i", display_at_scale(z.re, scale), if z.im < 0.0 { "−" } else { "+" }, display_at_scale(z.im.abs(), scale))
    }
}

/// Why A has no real eigenvector basis, in a sentence (the repeated λ without rounding noise).
pub(super) fn no_vectors_text(why: &NoVectors) -> String {
    match why {
        NoVectors::Complex => "some eigenvalues are complex, so their eigenvectors are complex too: no real direction is only stretched".to_string(),
        NoVectors::Defective { value, algebraic, geometric } => format!(
            "A is defective: λ = {} is repeated {algebraic} times but has only {geometric} independent eigen-direction{}, so there is no basis of eigenvectors and no A = V·diag(λ)·V⁻¹",
            display_number(*value),
            if *geometric == 1 { "" } else { "s" }
        ),
        NoVectors::NearlyDefective => {
            "the eigenvectors are numerically parallel (A is defective to rounding): there is no usable basis of eigenvectors".to_string()
        }
        NoVectors::Failed(e) => e.to_string(),
    }
}

impl Readouts for Eigendecomposition {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let mut out = spectrum(self);
        out.extend(probe(self));
        let s = self.symmetric_part();
        out.push(matrix_readout("symmetric_part", "(A + Aᵀ)/2", &s, "xᵀAx only depends on this part"));
        out.push(match symmetric(&s) {
            Ok((values, _)) => {
                let kind = definiteness(&values);
                let (sentence, shape) = meaning(kind);
                vector_readout(
                    "definiteness",
                    "definiteness",
                    &DMatrix::from_column_slice(values.len(), 1, &values),
                    // The shapes (bowl, saddle, trough) describe the graph of a form of two variables.
                    if values.len() == 2 {
                        format!("{}: {sentence} ({shape}); the values are the symmetric part's eigenvalues", kind.name())
                    } else {
                        format!("{}: {sentence}; the values are the symmetric part's eigenvalues", kind.name())
                    },
                )
            }
            Err(e) => Readout::missing("definiteness", "definiteness", e.to_string()),
        });
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.push(Readout::new("v", "v", Value::vector(&self.v), format!("{} entries", self.v.len())));
        out
    }
}

/// det A without intermediate overflow (`inf` when it truly overflows, shown as null).
fn det(c: &Eigendecomposition) -> f64 {
    determinant(&c.a).finite().unwrap_or(f64::INFINITY)
}

/// λ, V, diagonalizability, tr A and det A.
fn spectrum(c: &Eigendecomposition) -> Vec<Readout> {
    let n = c.a.nrows();
    let e = match c.decomposition() {
        Ok(e) => e,
        Err(why) => {
            let mut out: Vec<Readout> = [("eigenvalues", "λ"), ("eigenvectors", "V"), ("diagonalizable", "A = V·diag(λ)·V⁻¹")]
                .into_iter()
                .map(|(name, label)| Readout::missing(name, label, why.clone()))
                .collect();
            out.push(number_readout("trace", "tr A", c.a.trace(), "the sum of the diagonal"));
            out.push(number_readout("det", "det A", det(c), "by LU"));
            return out;
        }
    };
    let list = Value::List(
        e.values.iter().map(|z| if z.im == 0.0 { Value::Number(z.re) } else { Value::Complex { re: z.re, im: z.im } }).collect(),
    );
    let complex = e.values.iter().filter(|z| z.im != 0.0).count();
    let note = if complex > 0 {
        format!("{complex} complex (in conjugate pairs λ = a ± bi); sorted by real part, then imaginary part")
    } else {
        "largest first (sorted by real part, then imaginary part)".to_string()
    };
    let mut out = vec![Readout::new("eigenvalues", "λ", list, note)];
    out.push(match &e.vectors {
        Ok(v) => matrix_readout(
            "eigenvectors",
            "V",
            v,
            if c.a == c.a.transpose() {
                "unit columns in the order of λ; A is symmetric, so they are orthonormal (Q)"
            } else {
                "unit columns in the order of λ; any non-zero multiple is an eigenvector too"
            },
        ),
        Err(why) => Readout::missing("eigenvectors", "V", no_vectors_text(why)),
    });
    out.push(Readout::new(
        "diagonalizable",
        "A = V·diag(λ)·V⁻¹",
        Value::Bool(e.vectors.is_ok()),
        match &e.vectors {
            Ok(_) => "with real V: the eigenvectors form a basis".to_string(),
            Err(NoVectors::Complex) => "not with real matrices (over the complex numbers it is)".to_string(),
            Err(why) => no_vectors_text(why),
        },
    ));
    let sum: Complex<f64> = e.values.iter().sum();
    let product: Complex<f64> = e.values.iter().product();
    let scale = c.a.amax();
    let sum_text = complex_text_at(&sum, scale);
    let terms = |op: &str| match n {
        1 => "λ₁".to_string(),
        2 | 3 => (1..=n).map(|i| format!("λ{}", subscript(i))).collect::<Vec<_>>().join(op),
        _ => format!("λ₁{op}…{op}λ{}", subscript(n)),
    };
    out.push(number_readout("trace", "tr A", c.a.trace(), format!("= {} = {sum_text}", terms(" + "))));
    let product_text = complex_text_at(&product, scale.powi(n as i32).min(f64::MAX));
    out.push(number_readout("det", "det A", det(c), format!("= {} = {product_text}", terms(" · "))));
    out
}

/// Av, whether v is an eigenvector and with which λ, and vᵀAv.
fn probe(c: &Eigendecomposition) -> Vec<Readout> {
    let mut out = Vec::new();
    match c.av() {
        Some(av) => out.push(vector_readout("Av", "A·v", &av, "where A sends the probe v")),
        None => {
            out.push(Readout::missing("Av", "A·v", format!("not defined: A is {} but v has {} entries", display_shape(&c.a), c.v.len())))
        }
    }
    let lambda = c.probe_lambda();
    out.push(Readout::new(
        "is_eigenvector",
        "v is an eigenvector",
        Value::Bool(lambda.is_ok()),
        match &lambda {
            Ok(l) => format!("Av = {}·v: v is only stretched", display_at_scale(*l, c.a.amax())),
            Err(why) => why.clone(),
        },
    ));
    out.push(match lambda {
        Ok(l) => number_readout("probe_lambda", "λ for v", l, "the stretch factor of v: Av = λv"),
        Err(why) => Readout::missing("probe_lambda", "λ for v", why),
    });
    out.push(match c.av() {
        Some(av) => {
            number_readout("quadratic_form", "vᵀAv", c.v.dot(&av), "f(v) = vᵀAv; for a unit eigenvector of a symmetric A it equals λ")
        }
        None => Readout::missing("quadratic_form", "vᵀAv", "v and A do not fit"),
    });
    out
}
