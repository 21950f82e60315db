//! Quadratic forms f(x) = xᵀAx. Only the symmetric part S = (A + Aᵀ)/2 counts, and in S's
//! eigenbasis f = λ₁y₁² + λ₂y₂² + … with y = Qᵀx. Here: the definiteness decision from S's
//! eigenvalues (a value within rounding of the largest counts as zero), and for a 2×2 A the level
//! sets {x : f(x) = c} in closed form (ellipses, hyperbola branches or lines), each sampled a fixed
//! number of times.

use super::eigen::symmetric;
use nalgebra::{DMatrix, Vector2};

/// How the symmetric part's eigenvalues classify the quadratic form xᵀAx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definiteness {
    /// Every eigenvalue is positive: xᵀAx > 0 for x ≠ 0.
    PositiveDefinite,
    /// Every eigenvalue is negative: xᵀAx < 0 for x ≠ 0.
    NegativeDefinite,
    /// Eigenvalues of both signs.
    Indefinite,
    /// Every eigenvalue is zero: the form vanishes.
    Zero,
    /// Positive and zero eigenvalues.
    PositiveSemidefinite,
    /// Negative and zero eigenvalues.
    NegativeSemidefinite,
}

impl Definiteness {
    /// Its name in words, e.g. `positive-definite`.
    pub fn name(self) -> &'static str {
        match self {
            Definiteness::PositiveDefinite => "positive-definite",
            Definiteness::NegativeDefinite => "negative-definite",
            Definiteness::Indefinite => "indefinite",
            Definiteness::Zero => "zero",
            Definiteness::PositiveSemidefinite => "positive semidefinite",
            Definiteness::NegativeSemidefinite => "negative semidefinite",
        }
    }
}

/// Below this size an eigenvalue of the symmetric part counts as zero: rounding of the largest.
fn negligible(values: &[f64]) -> f64 {
    let big = values.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    big * values.len() as f64 * f64::EPSILON * 4.0
}

/// How the symmetric part's eigenvalues `values` classify the quadratic form xᵀAx.
pub fn definiteness(values: &[f64]) -> Definiteness {
    let zero = negligible(values);
    let pos = values.iter().filter(|x| **x > zero).count();
    let neg = values.iter().filter(|x| **x < -zero).count();
    match (pos, neg) {
        (p, 0) if p == values.len() => Definiteness::PositiveDefinite,
        (0, n) if n == values.len() => Definiteness::NegativeDefinite,
        (0, 0) => Definiteness::Zero,
        (_, 0) => Definiteness::PositiveSemidefinite,
        (0, _) => Definiteness::NegativeSemidefinite,
        _ => Definiteness::Indefinite,
    }
}

/// Samples along each level curve (a closed ellipse has one more, equal to the first).
pub const CURVE_SAMPLES: usize = 96;

/// A level set {x : xᵀAx = c} of a 2×2 form, or a piece of one.
#[derive(Debug, Clone, PartialEq)]
pub enum Conic {
    /// A sampled curve: an ellipse (closed) or one branch of a hyperbola.
    Curve(Vec<Vector2<f64>>),
    /// A whole straight line (the form is semidefinite, or c = 0 for an indefinite form).
    Line {
        /// A point on it.
        through: Vector2<f64>,
        /// Its direction.
        direction: Vector2<f64>,
    },
}

/// The quadratic form of a 2×2 A in the eigenbasis of its symmetric part S = (A + Aᵀ)/2:
/// f(x) = xᵀAx = xᵀSx = λ₁y₁² + λ₂y₂² with y = Qᵀx. λ₁ ≥ λ₂ are f's largest and smallest values on
/// the unit circle, taken at ±q₁ and ±q₂.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadraticForm {
    /// λ₁ ≥ λ₂, with values within rounding of zero set to exactly zero.
    pub values: [f64; 2],
    /// The unit eigenvectors q₁, q₂ of S (orthonormal).
    pub axes: [Vector2<f64>; 2],
    /// The definiteness of S.
    pub kind: Definiteness,
}

impl QuadraticForm {
    /// The form of a 2×2 matrix (`None` for other sizes or when S's eigenvalues overflow).
    pub fn new(a: &DMatrix<f64>) -> Option<QuadraticForm> {
        if a.shape() != (2, 2) {
            return None;
        }
        let (values, vectors) = symmetric(a).ok()?;
        let kind = definiteness(&values);
        let zero = negligible(&values);
        let clean = |x: f64| if x.abs() <= zero { 0.0 } else { x };
        let axes = [Vector2::new(vectors[(0, 0)], vectors[(1, 0)]), Vector2::new(vectors[(0, 1)], vectors[(1, 1)])];
        Some(QuadraticForm { values: [clean(*values.first()?), clean(*values.get(1)?)], axes, kind })
    }

    /// f(x) through the eigenbasis: λ₁(q₁·x)² + λ₂(q₂·x)².
    pub fn value(&self, x: Vector2<f64>) -> f64 {
        self.values[0] * self.axes[0].dot(&x).powi(2) + self.values[1] * self.axes[1].dot(&x).powi(2)
    }

    /// The point with eigen-coordinates (y₁, y₂).
    pub fn point(&self, y1: f64, y2: f64) -> Vector2<f64> {
        self.axes[0] * y1 + self.axes[1] * y2
    }

    /// The level set f(x) = c as far as `reach` from the origin: ellipses, hyperbola branches or lines.
    pub fn conics(&self, c: f64, reach: f64) -> Vec<Conic> {
        let [l1, l2] = self.values;
        if c == 0.0 {
            return match (l1 > 0.0, l2 < 0.0) {
                // The asymptotes λ₁y₁² = −λ₂y₂² of the saddle.
                (true, true) => [1.0, -1.0]
                    .iter()
                    .map(|s| Conic::Line { through: Vector2::zeros(), direction: self.point((-l2).sqrt(), s * l1.sqrt()) })
                    .collect(),
                // A trough or ridge is zero along its flat direction.
                _ if (l1 == 0.0) != (l2 == 0.0) => {
                    vec![Conic::Line { through: Vector2::zeros(), direction: if l1 == 0.0 { self.axes[0] } else { self.axes[1] } }]
                }
                _ => Vec::new(),
            };
        }
        // y_i² = c/λ_i along each axis: positive where the axis meets the level set.
        let p = [c / l1, c / l2].map(|q| if q.is_finite() { q } else { f64::NAN });
        let reach = if reach.is_finite() && reach > 0.0 { reach } else { return Vec::new() };
        match (p[0] > 0.0, p[1] > 0.0) {
            (true, true) => self.ellipse(p[0].sqrt(), p[1].sqrt(), reach),
            (true, false) | (false, true) => {
                let i = usize::from(p[1] > 0.0);
                let vertex = p[i].sqrt();
                if vertex > reach {
                    return Vec::new();
                }
                let place = |along: f64, across: f64| if i == 0 { self.point(along, across) } else { self.point(across, along) };
                if p[1 - i] < 0.0 {
                    // A hyperbola y_i = ±a·cosh s, y_j = b·sinh s, sampled until it leaves the reach.
                    let b = (-p[1 - i]).sqrt();
                    let end = (reach / b).asinh().max((reach / vertex).max(1.0).acosh()).min(40.0);
                    [1.0, -1.0]
                        .iter()
                        .map(|side| {
                            Conic::Curve(
                                (0..=CURVE_SAMPLES)
                                    .map(|k| {
                                        let s = -end + 2.0 * end * k as f64 / CURVE_SAMPLES as f64;
                                        place(side * vertex * s.cosh(), b * s.sinh())
                                    })
                                    .collect(),
                            )
                        })
                        .collect()
                } else {
                    // No term across: two parallel lines y_i = ±a.
                    let across = self.axes[1 - i];
                    [1.0, -1.0].iter().map(|side| Conic::Line { through: place(side * vertex, 0.0), direction: across }).collect()
                }
            }
            _ => Vec::new(),
        }
    }

    /// The ellipse with semi-axes `a` along q₁ and `b` along q₂, closed exactly (the last point is the
    /// first); nothing when it lies wholly beyond `reach`.
    fn ellipse(&self, a: f64, b: f64, reach: f64) -> Vec<Conic> {
        if a.min(b) > reach {
            return Vec::new();
        }
        let mut points: Vec<Vector2<f64>> = (0..CURVE_SAMPLES)
            .map(|i| {
                let t = i as f64 * std::f64::consts::TAU / CURVE_SAMPLES as f64;
                self.point(a * t.cos(), b * t.sin())
            })
            .collect();
        points.push(points[0]);
        vec![Conic::Curve(points)]
    }
}

/// What the tests of the level sets check against, shared with the app's tests (feature `testing`).
#[cfg(any(test, feature = "testing"))]
pub mod testing {
    use super::Conic;
    use nalgebra::{DMatrix, Vector2};

    /// xᵀAx straight from A, not through the eigenbasis.
    pub fn f(a: &DMatrix<f64>, x: Vector2<f64>) -> f64 {
        let x = DMatrix::from_column_slice(2, 1, &[x.x, x.y]);
        x.dot(&(a * &x))
    }

    /// Points along the conics: every sample of a curve, and points of a line up to 5 units from its base.
    pub fn conic_points(conics: &[Conic]) -> Vec<Vector2<f64>> {
        conics
            .iter()
            .flat_map(|c| match c {
                Conic::Curve(points) => points.clone(),
                Conic::Line { through, direction } => (-5..=5).map(|t| through + direction * f64::from(t)).collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{conic_points, f};
    use super::*;
    use proptest::prelude::*;

    fn m(entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(2, 2, entries)
    }

    #[test]
    fn definiteness_labels() {
        let cases = [
            (vec![3.0, 1.0], Definiteness::PositiveDefinite, "positive-definite"),
            (vec![-1.0, -3.0], Definiteness::NegativeDefinite, "negative-definite"),
            (vec![1.0, -1.0], Definiteness::Indefinite, "indefinite"),
            (vec![1.0, 1e-18], Definiteness::PositiveSemidefinite, "positive semidefinite"),
            (vec![0.0, -2.0], Definiteness::NegativeSemidefinite, "negative semidefinite"),
            (vec![0.0, 0.0], Definiteness::Zero, "zero"),
        ];
        for (values, kind, name) in cases {
            assert_eq!(definiteness(&values), kind, "{values:?}");
            assert_eq!(kind.name(), name);
        }
    }

    #[test]
    fn max_and_min_on_the_unit_circle_are_at_the_eigenvectors() {
        // The seed's [[6, 2], [2, 3]]: 7 at ±(2, 1)/√5, 2 at ±(−1, 2)/√5.
        let form = QuadraticForm::new(&m(&[6.0, 2.0, 2.0, 3.0])).unwrap();
        assert!((form.values[0] - 7.0).abs() < 1e-12 && (form.values[1] - 2.0).abs() < 1e-12);
        let q1 = Vector2::new(2.0, 1.0) / 5f64.sqrt();
        assert!((form.axes[0] - q1).norm() < 1e-12 || (form.axes[0] + q1).norm() < 1e-12);
        for entries in [
            [6.0, 2.0, 2.0, 3.0],
            [2.0, 1.0, 1.0, 2.0],
            [1.0, 0.0, 0.0, -1.0],
            [5.0, 1.0, 3.0, 3.0],
            [-2.0, 1.0, 1.0, -3.0],
            [1.0; 4],
            [0.0, 3.0, -1.0, 0.0],
        ] {
            let a = m(&entries);
            let form = QuadraticForm::new(&a).unwrap();
            let on_circle: Vec<f64> = (0..3600)
                .map(|i| f(&a, Vector2::new((i as f64 / 10.0).to_radians().cos(), (i as f64 / 10.0).to_radians().sin())))
                .collect();
            let (max, min) = on_circle.iter().fold((f64::MIN, f64::MAX), |(hi, lo), x| (hi.max(*x), lo.min(*x)));
            assert!(max <= form.values[0] + 1e-12 && max >= form.values[0] - 1e-4, "{a}: {max} vs {:?}", form.values);
            assert!(min >= form.values[1] - 1e-12 && min <= form.values[1] + 1e-4, "{a}: {min} vs {:?}", form.values);
            for (q, l) in form.axes.iter().zip(form.values) {
                assert!((f(&a, *q) - l).abs() < 1e-12 && (q.norm() - 1.0).abs() < 1e-12);
            }
        }
        assert!(QuadraticForm::new(&DMatrix::identity(3, 3)).is_none());
    }

    #[test]
    fn only_the_symmetric_part_counts() {
        // The seed's pair: [[2, 4], [2, 5]] and [[2, −3], [9, 5]] have the same form 2x² + 6xy + 5y².
        let one = QuadraticForm::new(&m(&[2.0, 4.0, 2.0, 5.0])).unwrap();
        let two = QuadraticForm::new(&m(&[2.0, -3.0, 9.0, 5.0])).unwrap();
        assert!((one.values[0] - two.values[0]).abs() < 1e-12 && (one.values[1] - two.values[1]).abs() < 1e-12);
    }

    #[test]
    fn each_kind_of_form_has_its_level_sets() {
        // Positive-definite: closed ellipses; indefinite: two open branches and two zero lines;
        // semidefinite: parallel lines, zero along the flat direction; zero: nothing.
        let bowl = QuadraticForm::new(&m(&[2.0, 1.0, 1.0, 2.0])).unwrap();
        assert!(matches!(bowl.conics(1.0, 3.0).as_slice(), [Conic::Curve(p)] if p.first() == p.last() && p.len() == CURVE_SAMPLES + 1));
        assert!(bowl.conics(-1.0, 3.0).is_empty() && bowl.conics(0.0, 3.0).is_empty());
        assert!(bowl.conics(100.0, 3.0).is_empty(), "beyond the reach");
        let saddle = QuadraticForm::new(&m(&[1.0, 0.0, 0.0, -1.0])).unwrap();
        assert!(
            matches!(saddle.conics(1.0, 3.0).as_slice(), [Conic::Curve(a), Conic::Curve(b)] if a.first() != a.last() && b.first() != b.last())
        );
        assert_eq!(saddle.conics(0.0, 3.0).len(), 2);
        let trough = QuadraticForm::new(&m(&[1.0, 1.0, 1.0, 1.0])).unwrap();
        assert_eq!(trough.kind, Definiteness::PositiveSemidefinite);
        let lines = trough.conics(1.0, 3.0);
        assert!(
            lines.len() == 2
                && lines.iter().all(|l| matches!(l, Conic::Line { direction, .. } if (direction.x + direction.y).abs() < 1e-12))
        );
        assert!(matches!(trough.conics(0.0, 3.0).as_slice(), [Conic::Line { .. }]));
        let zero = QuadraticForm::new(&m(&[0.0; 4])).unwrap();
        assert_eq!(zero.kind, Definiteness::Zero);
        assert!(zero.conics(1.0, 3.0).is_empty() && zero.conics(0.0, 3.0).is_empty());
        assert!(bowl.conics(1.0, f64::INFINITY).is_empty() && bowl.conics(1.0, 0.0).is_empty());
    }

    proptest! {
        #[test]
        fn every_level_set_is_where_f_equals_its_level(entries in proptest::collection::vec(-5.0f64..5.0, 4), c in -60.0f64..60.0, reach in 0.5f64..12.0) {
            let a = m(&entries);
            let form = QuadraticForm::new(&a).unwrap();
            for c in [c, 0.0] {
                let close = |p: Vector2<f64>| (f(&a, p) - c).abs() <= 1e-9 * (c.abs() + a.amax() * p.norm_squared());
                for p in conic_points(&form.conics(c, reach)) {
                    prop_assert!(close(p), "f{p} = {} ≠ {c} for {a}", f(&a, p));
                }
            }
        }
    }
}
