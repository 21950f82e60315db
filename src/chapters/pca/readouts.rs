//! PCA's readouts: the mean, the components, the explained variances and their ratios, the
//! covariance, the centred points' singular values, what the candidate direction d keeps and loses,
//! the reconstruction error and the scores for k components, and the inputs (P, d and the generator's
//! recipe). Variances too small for a 64-bit float are null with a reason; the directions and ratios,
//! computed on scaled data, stay exact. m is the number of points, as in the book.

use super::{display_count, Pca, LISTED_POINTS, REPEATED};
use crate::chapter::Readouts;
use crate::format::{display_number, display_shape};
use crate::math::NumericError;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use nalgebra::DMatrix;

/// Why the variances are not shown for points packed closer than about 1e−154.
const UNDERFLOW: &str = "too small for a 64-bit float (underflow); the components and ratios are still exact";

impl Readouts for Pca {
    /// Every readout, in page order.
    fn readouts(&self) -> Vec<Readout> {
        let a = &self.analysis;
        let mut out = vec![vector_readout(
            "mean",
            "mean μ",
            &DMatrix::from_column_slice(a.mean.len(), 1, a.mean.as_slice()),
            "the average point; PCA works on P − μ",
        )];
        out.push(components(self));
        out.extend(variances(self));
        out.push(if a.underflows() {
            Readout::missing("covariance", "covariance Σ", UNDERFLOW)
        } else {
            matrix_readout(
                "covariance",
                "covariance Σ",
                &a.covariance(),
                format!("(P − μ)ᵀ(P − μ)/(m − 1) with m = {} points, as np.cov and the book: variances on the diagonal", a.n),
            )
        });
        out.push(singular_values(self));
        out.extend(direction(self));
        out.push(reconstruction(self));
        out.push(scores(self));
        out.extend(inputs(self));
        out
    }
}

fn components(c: &Pca) -> Readout {
    let e = match c.components() {
        Ok(e) => e,
        Err(why) => return Readout::missing("components", "components", why),
    };
    let note = if c.analysis.degenerate() {
        "all points are the same point: every direction has zero variance, so these rows are just the axes".to_string()
    } else {
        let mut note = "row i is the unit direction with the i-th largest variance (the i-th right singular vector of P − μ); the sign is chosen so its largest entry is positive (numpy may flip a row)".to_string();
        if e.variances.windows(2).any(|w| w[0] - w[1] <= REPEATED * e.variances[0]) {
            note.push_str(". Two variances are equal: any orthonormal directions in their plane would do, these are one choice");
        }
        note
    };
    // One direction per row, as sklearn's `components_`.
    matrix_readout("components", "components", &e.directions.transpose(), note)
}

fn variances(c: &Pca) -> [Readout; 2] {
    let a = &c.analysis;
    let e = match c.components() {
        Ok(e) => e,
        Err(why) => {
            return [
                Readout::missing("explained_variance", "explained variance", why),
                Readout::missing("explained_variance_ratio", "explained variance ratio", why),
            ]
        }
    };
    let values: Vec<f64> = e.variances.iter().map(|&l| a.variance(l)).collect();
    let variance = if a.underflows() {
        Readout::missing("explained_variance", "explained variance", UNDERFLOW)
    } else {
        vector_readout(
            "explained_variance",
            "explained variance",
            &DMatrix::from_column_slice(values.len(), 1, &values),
            "eigenvalues of the covariance, largest first: the variance of the data along each component",
        )
    };
    let total: f64 = e.variances.iter().sum();
    let ratio = if a.degenerate() || total <= 0.0 {
        Readout::missing(
            "explained_variance_ratio",
            "explained variance ratio",
            "undefined: all points are the same point, so there is no variance to share out (0/0)",
        )
    } else {
        let ratios: Vec<f64> = e.variances.iter().map(|l| l / total).collect();
        vector_readout(
            "explained_variance_ratio",
            "explained variance ratio",
            &DMatrix::from_column_slice(ratios.len(), 1, &ratios),
            format!("each variance over their sum: PC₁ keeps {}% of the total", display_number((ratios[0] * 1000.0).round() / 10.0)),
        )
    };
    [variance, ratio]
}

fn direction(c: &Pca) -> Vec<Readout> {
    let a = &c.analysis;
    let (projected, error) = a.along(&c.direction());
    let on_pc1 = c.angle_to_pc1();
    let projected_note = match on_pc1 {
        Ok(angle) if angle < 1e-9 => "d is on PC₁: no direction keeps more variance than this, λ₁".to_string(),
        _ => "the variance of the points' shadows on the line through the mean along d: dᵀΣd".to_string(),
    };
    let variance = |name, label, scaled, note: String| {
        if a.underflows() {
            Readout::missing(name, label, UNDERFLOW)
        } else {
            number_readout(name, label, a.variance(scaled), note)
        }
    };
    vec![
        variance(
            "total_variance",
            "total variance",
            a.total(),
            "the trace of the covariance, = projected variance + lost variance for every d".into(),
        ),
        variance("projected_variance", "projected variance", projected, projected_note),
        variance(
            "lost_variance",
            "lost variance",
            error,
            "the squared lengths of the dotted drops onto d's line, summed and divided by m − 1 like the variance".into(),
        ),
        match on_pc1 {
            Ok(angle) => number_readout(
                "angle_to_pc1",
                "angle d to PC₁",
                angle,
                if angle < 1e-9 { "d lies on PC₁ (snapped)" } else { "degrees between the line of d and the first component's line" },
            ),
            Err(why) => Readout::missing("angle_to_pc1", "angle d to PC₁", why),
        },
    ]
}

/// Σᵢ‖xᵢ − x̂ᵢ‖² for the reconstructions x̂ = DDᵀ(x − μ) + μ from the first k components.
fn reconstruction(c: &Pca) -> Readout {
    let label = "reconstruction error, k kept";
    let a = &c.analysis;
    let Some(&scaled) = c.components().ok().and_then(|e| e.reconstruction.get(c.k - 1)) else {
        let why = c.components().err().unwrap_or("the components could not be computed");
        return Readout::missing("reconstruction_error", label, why);
    };
    if a.underflows() {
        return Readout::missing("reconstruction_error", label, UNDERFLOW);
    }
    let note = if c.k == c.p.ncols() {
        format!("k = {}: all components are kept, so every point is rebuilt exactly (up to rounding)", c.k)
    } else {
        format!(
            "k = {}: the squared distances from each point to DDᵀ(x − μ) + μ, summed; equals (m − 1) × the variance of the dropped components",
            c.k
        )
    };
    number_readout("reconstruction_error", label, a.variance(scaled), note)
}

/// The points (listed while a link could hold them), d and the generator's recipe.
fn inputs(c: &Pca) -> Vec<Readout> {
    let n = c.p.nrows();
    let mut out = vec![if n <= LISTED_POINTS {
        Readout::new("P", "P", Value::matrix(&c.p), format!("{n} points, {}", display_shape(&c.p)))
    } else {
        let origin = if c.generated { "generated from n, corr, noise and dim" } else { "pasted" };
        Readout::missing(
            "P",
            "P",
            format!("{} points ({origin}): too many to list here, the statistics above use them all", display_count(n)),
        )
    }];
    out.push(Readout::new("d", "d", Value::vector(&c.d), "the candidate direction, unit length"));
    let g = c.generator;
    let recipe = if c.generated { "the points above are generated from it" } else { "used when a generator input changes" };
    out.push(Readout::new("n", "n (points to generate)", Value::Vector(vec![g.n as f64]), recipe));
    out.push(Readout::new("corr", "corr (signal correlation)", Value::Vector(vec![g.corr]), recipe));
    out.push(Readout::new("noise", "noise (as a multiple of the signal)", Value::Vector(vec![g.noise]), recipe));
    out.push(Readout::new("dim", "dim (coordinates per point)", Value::Vector(vec![g.dim as f64]), recipe));
    out
}

/// Why a value computed from the points is missing, in the page's words.
fn why_missing(e: &NumericError) -> String {
    match e {
        NumericError::Overflow => "too large for a 64-bit float (overflow); the components and ratios are still exact".into(),
        other => other.to_string(),
    }
}

/// σ of the centred points: λᵢ = σᵢ²/(m − 1), and the components are their right singular vectors.
fn singular_values(c: &Pca) -> Readout {
    let (name, label) = ("singular_values", "σ of P − μ");
    if c.analysis.underflows() {
        return Readout::missing(name, label, UNDERFLOW);
    }
    match &c.singular {
        Ok(sigma) => {
            let (m, d) = c.p.shape();
            let mut note = format!(
                "the singular values of the centred points (P − μ = U·diag(σ)·Vᵀ): λᵢ = σᵢ²/(m − 1) with m = {m}, and the components are the columns of V"
            );
            if m < d {
                note.push_str(&format!("; {m} points have only {m} singular values, the other λ are 0"));
            }
            vector_readout(name, label, &DMatrix::from_column_slice(sigma.len(), 1, sigma.as_slice()), note)
        }
        Err(e) => Readout::missing(name, label, why_missing(e)),
    }
}

/// The scores (P − μ)·Dₖ, listed while P is (at most 64 points).
fn scores(c: &Pca) -> Readout {
    let (name, label) = ("scores", "scores (P − μ)·Dₖ");
    let (m, k) = (c.p.nrows(), c.k);
    if let Err(why) = c.components() {
        return Readout::missing(name, label, why);
    }
    if c.analysis.underflows() {
        return Readout::missing(name, label, UNDERFLOW);
    }
    if m > LISTED_POINTS {
        return Readout::missing(
            name,
            label,
            format!(
                "{}×{k}: too many rows to list here (at most {LISTED_POINTS}, like P); the figure's component coordinates show them",
                display_count(m)
            ),
        );
    }
    match c.analysis.scores(&c.p, k) {
        Ok(z) => {
            let coordinates = if k == 1 {
                "its coordinate along PC₁".to_string()
            } else {
                format!("its coordinates along PC₁ … PC{}", super::subscript(k - 1))
            };
            matrix_readout(
                name,
                label,
                &z,
                format!(
                    "{m}×{k}: row i is point i's code cᵢ = Dₖᵀ(xᵢ − μ), {coordinates} with the signs of the components above; column j has variance λⱼ"
                ),
            )
        }
        Err(e) => Readout::missing(name, label, why_missing(&e)),
    }
}
