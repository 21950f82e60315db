//! 2.6 Special kinds of matrices: diagonal, symmetric and orthogonal, with live checks (column
//! lengths, the columns' dot product, AᵀA − I, Aᵀ against A⁻¹) and a rotation or reflection built from
//! an angle in degrees.

use super::common::{bounds, column_handles, drag_into, pick_option, plane, transformed_plane, with_background};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SliderRange};
use crate::format::{display_number, display_shape};
use crate::math::svd::svd;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// Relative tolerance of the three checks (stated on the page).
pub const TOL: f64 = 1e-9;

/// The orientation choice: it shows the sign of det A, and picking the other option rebuilds A from
/// the angle as a rotation or a reflection.
const KINDS: &[(&str, &str)] = &[("rotation", "rotation (det > 0)"), ("reflection", "reflection (det < 0)")];

/// The page state: the matrix, and the angle (degrees) of its first column.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecialMatrices {
    a: DMatrix<f64>,
    deg: f64,
}

/// The seed's orthogonal matrix [[cos 50, −sin 50], [sin 50, cos 50]], with 50 meant as degrees (the
/// notebook's numpy call reads it as radians; the page explains the difference).
pub fn build() -> Box<dyn Chapter> {
    Box::new(SpecialMatrices { a: built(50.0, false), deg: 50.0 })
}

/// The rotation by `deg` degrees, or the reflection whose first column is at `deg` degrees (its
/// mirror is the line at deg/2).
fn built(deg: f64, reflection: bool) -> DMatrix<f64> {
    let (s, c) = deg.to_radians().sin_cos();
    if reflection {
        DMatrix::from_row_slice(2, 2, &[c, s, s, -c])
    } else {
        DMatrix::from_row_slice(2, 2, &[c, -s, s, c])
    }
}

/// The largest entry of |m|, 0 for an empty matrix.
fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// Whether A = Aᵀ within TOL · max|A| (square only).
pub fn is_symmetric(a: &DMatrix<f64>) -> bool {
    a.is_square() && max_abs(&(a - a.transpose())) <= TOL * max_abs(a)
}

/// Whether every entry off the main diagonal is within TOL · max|A| of zero (any shape).
pub fn is_diagonal(a: &DMatrix<f64>) -> bool {
    let tol = TOL * max_abs(a);
    (0..a.nrows()).all(|i| (0..a.ncols()).all(|j| i == j || a[(i, j)].abs() <= tol))
}

/// max |AᵀA − I| for a square A (None otherwise). Entries above 2 in size rule orthogonality out at
/// once (an orthogonal matrix has entries in [−1, 1]) and would only risk overflow.
pub fn orthogonality_error(a: &DMatrix<f64>) -> Option<f64> {
    if !a.is_square() {
        return None;
    }
    if max_abs(a) > 2.0 {
        return Some(f64::INFINITY);
    }
    let n = a.nrows();
    Some(max_abs(&(a.transpose() * a - DMatrix::identity(n, n))))
}

/// Whether AᵀA = I within TOL (square only).
pub fn is_orthogonal(a: &DMatrix<f64>) -> bool {
    orthogonality_error(a).is_some_and(|e| e <= TOL)
}

/// `angle` reduced to (−180°, 180°].
fn wrap_degrees(angle: f64) -> f64 {
    let r = (angle + 180.0).rem_euclid(360.0) - 180.0;
    if r == -180.0 {
        180.0
    } else {
        r
    }
}

impl SpecialMatrices {
    fn reflection(&self) -> bool {
        self.a.is_square() && self.a.determinant() < 0.0
    }

    /// After A changed: the angle of its first column, unless the current angle already points there
    /// (so a typed 50 or 2864.79 stays as typed).
    fn follow_angle(&mut self) {
        let Some(p) = plane(&self.a) else { return };
        let (x, y) = (p[(0, 0)], p[(1, 0)]);
        if x == 0.0 && y == 0.0 {
            return;
        }
        let angle = y.atan2(x).to_degrees();
        if wrap_degrees(angle - self.deg).abs() > 1e-9 {
            self.deg = angle;
        }
    }

    fn inverse(&self) -> Result<DMatrix<f64>, String> {
        if !self.a.is_square() {
            return Err(format!("A is {}: only a square matrix can have an inverse", display_shape(&self.a)));
        }
        let s = svd(&self.a).map_err(|e| e.to_string())?;
        if s.rank() < self.a.nrows() {
            return Err("A is singular (its columns are dependent): no inverse".into());
        }
        let inv = self.a.clone().try_inverse().ok_or_else(|| "A is singular: no inverse".to_string())?;
        if inv.iter().all(|x| x.is_finite()) {
            Ok(inv)
        } else {
            Err("the inverse is too large for a 64-bit float (overflow)".into())
        }
    }

    fn column_norms(&self) -> DMatrix<f64> {
        let norms: Vec<f64> = self
            .a
            .column_iter()
            .map(|c| {
                let big = c.amax();
                if big == 0.0 {
                    0.0
                } else {
                    big * c.map(|x| x / big).norm()
                }
            })
            .collect();
        DMatrix::from_column_slice(norms.len(), 1, &norms)
    }

    /// The columns' lengths and, for two columns, the angle between them: what orthogonality asks
    /// to be 1 and 90°, in words for the spoken summary.
    fn columns_in_words(&self) -> String {
        let norms = self.column_norms();
        let lengths: Vec<String> = norms.iter().map(|x| display_number(*x)).collect();
        let mut text = match lengths.as_slice() {
            [one] => format!("its column has length {one}"),
            [init @ .., last] => format!("its columns have lengths {} and {last}", init.join(", ")),
            [] => return String::new(),
        };
        if let (2, Some(&n0), Some(&n1)) = (self.a.ncols(), norms.get(0), norms.get(1)) {
            let cos = (self.a.column(0) / n0).dot(&(self.a.column(1) / n1));
            if n0 > 0.0 && n1 > 0.0 && cos.is_finite() {
                let degrees = cos.clamp(-1.0, 1.0).acos().to_degrees();
                text.push_str(&format!(", at {}° to each other", display_number((degrees * 10.0).round() / 10.0)));
            }
        }
        text
    }

    fn square_note(&self) -> String {
        format!("false: A is {}, and only a square matrix can be", display_shape(&self.a))
    }
}

impl Chapter for SpecialMatrices {
    fn explanation(&self) -> &'static str {
        include_str!("special_matrices.html")
    }

    fn slider(&self, input: &str) -> Option<SliderRange> {
        (input == "deg").then_some(SliderRange { min: -180.0, max: 180.0, step: 1.0 })
    }

    fn inputs(&self) -> Vec<Input> {
        // The angle first: loading a link applies it (building a rotation), then A as linked.
        vec![
            Input { name: "deg", kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.deg) },
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" => {
                let changed = value != self.a;
                self.a = value;
                if changed {
                    self.follow_angle();
                }
            }
            "deg" if value.len() == 1 => {
                let reflection = self.reflection();
                self.deg = value[0];
                self.a = built(self.deg, reflection);
            }
            "deg" => return Err(format!("the angle is one number of degrees, not {} entries", value.len())),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        let current = if self.reflection() { KINDS[1].0 } else { KINDS[0].0 };
        vec![Choice { name: "kind", label: "Build from the angle", options: KINDS, current }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name != "kind" {
            return Err(format!("this page has no choice called {name}"));
        }
        let known = pick_option(KINDS, value)?;
        // The choice shows A's orientation; picking the other one rebuilds A from the angle. Picking
        // the current one changes nothing, so a link with A and kind reproduces A exactly.
        let reflection = known == "reflection";
        if reflection != self.reflection() {
            self.a = built(self.deg, reflection);
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn handles(&self) -> Vec<Handle> {
        column_handles(&self.a, "A")
    }

    fn snaps(&self, _handle: &str) -> bool {
        // The columns live near the unit circle: rounding them to the integer lattice would turn
        // a rotation into (1, 1) on the first drag.
        false
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        let moved = drag_into(&mut self.a, "A", name, to);
        if moved {
            self.follow_angle();
        }
        moved
    }

    fn readouts(&self) -> Vec<Readout> {
        let a = &self.a;
        let square = a.is_square();
        let scale = max_abs(a);
        let mut out = vec![
            if square {
                let sym = is_symmetric(a);
                let gap = max_abs(&(a - a.transpose()));
                Readout::new(
                    "symmetric",
                    "symmetric (A = Aᵀ)",
                    Value::Bool(sym),
                    format!("max |A − Aᵀ| = {} (tolerance 1e-9 · max |A| = {})", display_number(gap), display_number(TOL * scale)),
                )
            } else {
                Readout::new("symmetric", "symmetric (A = Aᵀ)", Value::Bool(false), self.square_note())
            },
            Readout::new(
                "diagonal",
                "diagonal",
                Value::Bool(is_diagonal(a)),
                format!(
                    "every entry off the main diagonal within 1e-9 · max |A| of 0{}",
                    if square { "" } else { " (a non-square matrix can be diagonal too)" }
                ),
            ),
            match orthogonality_error(a) {
                Some(e) => Readout::new(
                    "orthogonal",
                    "orthogonal (AᵀA = I)",
                    Value::Bool(e <= TOL),
                    if e.is_finite() {
                        format!("max |AᵀA − I| = {} (tolerance 1e-9)", display_number(e))
                    } else {
                        "an entry is larger than 1 in size, which an orthogonal matrix cannot have".into()
                    },
                ),
                None => Readout::new("orthogonal", "orthogonal (AᵀA = I)", Value::Bool(false), self.square_note()),
            },
        ];
        out.push(match orthogonality_error(a) {
            Some(e) if e.is_finite() => {
                number_readout("orthogonality_error", "max |AᵀA − I|", e, "0 up to rounding for an orthogonal matrix")
            }
            Some(_) => {
                Readout::missing("orthogonality_error", "max |AᵀA − I|", "not computed: entries larger than 2 rule orthogonality out")
            }
            None => Readout::missing("orthogonality_error", "max |AᵀA − I|", self.square_note()),
        });
        out.push(vector_readout("column_norms", "‖a₁‖, ‖a₂‖, …", &self.column_norms(), "all 1 for an orthogonal matrix"));
        out.push(if a.ncols() >= 2 {
            let d = a.column(0).dot(&a.column(1));
            number_readout(
                "column_dot",
                "a₁·a₂",
                d,
                if d == 0.0 { "perpendicular columns" } else { "0 when the first two columns are perpendicular" },
            )
        } else {
            Readout::missing("column_dot", "a₁·a₂", "A has one column")
        });
        out.push(matrix_readout("gram", "AᵀA", &(a.transpose() * a), "the dot products of every pair of columns"));
        out.push(matrix_readout("transpose", "Aᵀ", &a.transpose(), display_shape(&a.transpose())));
        let inverse = self.inverse();
        out.push(match &inverse {
            Ok(inv) => matrix_readout("inverse", "A⁻¹", inv, "exists: A has full rank"),
            Err(why) => Readout::missing("inverse", "A⁻¹", why.clone()),
        });
        out.push(match &inverse {
            Ok(inv) => {
                let gap = max_abs(&(inv - a.transpose()));
                let same = gap <= TOL * max_abs(inv).max(1.0);
                Readout::new("transpose_is_inverse", "Aᵀ = A⁻¹", Value::Bool(same), format!("max |Aᵀ − A⁻¹| = {}", display_number(gap)))
            }
            Err(why) => Readout::new("transpose_is_inverse", "Aᵀ = A⁻¹", Value::Bool(false), format!("false: {why}")),
        });
        out.push(if square {
            let det = a.determinant();
            let note = if is_orthogonal(a) {
                if det > 0.0 {
                    "+1: a rotation (orientation kept)"
                } else {
                    "−1: a reflection (orientation flipped)"
                }
            } else {
                "±1 for an orthogonal matrix"
            };
            number_readout("det", "det A", det, note)
        } else {
            Readout::missing("det", "det A", "only a square matrix has a determinant")
        });
        out.push(number_readout("radians", "angle in radians", self.deg.to_radians(), format!("{}° · π / 180", display_number(self.deg))));
        out.push(Readout::new("deg", "angle in degrees", Value::Vector(vec![self.deg]), "the angle of the first column"));
        out.push(Readout::new("A", "A", Value::matrix(a), display_shape(a)));
        out
    }

    fn scene(&self, _timeline: &Timeline) -> Scene {
        let Some(m) = plane(&self.a) else { return Scene::default() };
        let mut scene = Scene::default();
        transformed_plane(&mut scene, &m, "a");
        scene.unit_circle(&Matrix2::identity(), Stroke::dashed(Role::Ghost, 1.5), None);
        scene.unit_circle(&m, Stroke::solid(Role::Image, 2.0), Some(Fill { role: Role::Image, alpha: 0.08 }));
        let (c1, c2): (World, World) = (m.column(0).into_owned(), m.column(1).into_owned());
        // A right-angle mark when the columns are perpendicular.
        if c1.norm() > 0.0 && c2.norm() > 0.0 && c1.dot(&c2).abs() <= TOL * c1.norm() * c2.norm() {
            let (u, w) = (c1.normalize() * 0.2, c2.normalize() * 0.2);
            scene.push(Shape::Polyline { points: vec![u, u + w, w], stroke: Stroke::solid(Role::Axis, 1.0) });
        }
        if is_orthogonal(&self.a) && self.reflection() {
            let half = (c1.y.atan2(c1.x)) / 2.0;
            scene.push(Shape::Line {
                through: World::zeros(),
                direction: World::new(half.cos(), half.sin()),
                stroke: Stroke::dashed(Role::Eigen, 1.5),
                label: Some("mirror".into()),
            });
        }
        with_background(scene)
    }

    fn figure_note(&self) -> Option<String> {
        plane(&self.a)
            .is_none()
            .then(|| format!("The plane draws 2×2 matrices; now A is {}. The checks below are still exact.", display_shape(&self.a)))
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::new(-1.2, -1.2), World::new(1.2, 1.2)];
        if let Some(m) = plane(&self.a) {
            for c in [World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)] {
                points.push(m * c);
            }
            // The image of the unit circle reaches σ_max in some direction: bound it by the columns.
            let r = m.column(0).norm() + m.column(1).norm();
            points.push(World::new(r, r));
            points.push(World::new(-r, -r));
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line(
            "theta = np.deg2rad(deg)  # np.cos(50) would read 50 as radians",
            "theta = torch.deg2rad(torch.tensor(deg))  # torch.cos(50) would read 50 as radians",
            "let theta = deg.to_radians(); // f64::cos(50.0) would read 50 as radians",
        );
        code.line(
            "R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])",
            "R = torch.stack([torch.stack([torch.cos(theta), -torch.sin(theta)]), torch.stack([torch.sin(theta), torch.cos(theta)])])",
            "let r = DMatrix::from_row_slice(2, 2, &[theta.cos(), -theta.sin(), theta.sin(), theta.cos()]);",
        );
        code.line(
            "symmetric = A.shape[0] == A.shape[1] and np.abs(A - A.T).max() <= 1e-9 * np.abs(A).max()",
            "symmetric = A.shape[0] == A.shape[1] and bool(torch.abs(A - A.T).max() <= 1e-9 * torch.abs(A).max())",
            "let symmetric = a.is_square() && (&a - a.transpose()).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "diagonal = np.abs(A - A * np.eye(*A.shape)).max() <= 1e-9 * np.abs(A).max()",
            "diagonal = bool(torch.abs(A - A * torch.eye(*A.shape, dtype=A.dtype)).max() <= 1e-9 * torch.abs(A).max())",
            "let diagonal = DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| if i == j { 0.0 } else { a[(i, j)] }).amax() <= 1e-9 * a.amax();",
        );
        code.line(
            "np.linalg.norm(A, axis=0)  # column lengths",
            "torch.linalg.norm(A, dim=0)  # column lengths",
            "let norms: Vec<f64> = a.column_iter().map(|c| c.norm()).collect();",
        );
        if self.a.ncols() >= 2 {
            code.line(
                "A[:, 0] @ A[:, 1]  # 0 for perpendicular columns",
                "A[:, 0] @ A[:, 1]  # 0 for perpendicular columns",
                "let dot = a.column(0).dot(&a.column(1));",
            );
        }
        if self.a.is_square() {
            code.line(
                "orthogonal = np.abs(A.T @ A - np.eye(len(A))).max() <= 1e-9",
                "orthogonal = bool(torch.abs(A.T @ A - torch.eye(len(A), dtype=A.dtype)).max() <= 1e-9)",
                "let orthogonal = (a.transpose() * &a - DMatrix::identity(a.nrows(), a.ncols())).amax() <= 1e-9;",
            );
            code.line(
                "np.linalg.inv(A), A.T  # the same when A is orthogonal",
                "torch.linalg.inv(A), A.T  # the same when A is orthogonal",
                "let (inv, t) = (a.clone().try_inverse(), a.transpose()); // the same when A is orthogonal",
            );
        } else {
            code.line(
                "# A is not square: it cannot be symmetric or orthogonal",
                "# A is not square: it cannot be symmetric or orthogonal",
                "// A is not square: it cannot be symmetric or orthogonal",
            );
        }
        code
    }

    fn summary(&self) -> String {
        let a = &self.a;
        let angle = format!("{}° ({} rad)", display_number(self.deg), display_number(self.deg.to_radians()));
        if is_orthogonal(a) {
            if self.reflection() {
                format!("A is orthogonal: a reflection whose first column is at {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            } else {
                format!("A is orthogonal: a rotation by {angle}. Its columns have length 1 and are perpendicular, so Aᵀ = A⁻¹.")
            }
        } else {
            let kinds: Vec<&str> =
                [(is_symmetric(a), "symmetric"), (is_diagonal(a), "diagonal")].iter().filter(|(yes, _)| *yes).map(|(_, k)| *k).collect();
            let what = if kinds.is_empty() { "neither symmetric nor diagonal".to_string() } else { kinds.join(" and ") };
            format!("A is not orthogonal (AᵀA ≠ I): {}; it is {what}. The unit circle becomes the shaded ellipse.", self.columns_in_words())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{open, readout, value};
    use crate::chapters::{find, from_params, to_params};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("special-matrices", params)
    }

    fn checks(chapter: &dyn Chapter) -> [Value; 3] {
        ["symmetric", "diagonal", "orthogonal"].map(|n| value(chapter, n))
    }

    const T: Value = Value::Bool(true);
    const F: Value = Value::Bool(false);

    #[test]
    fn the_default_is_a_rotation_by_50_degrees() {
        let c = build();
        assert_eq!(checks(c.as_ref()), [F, F, T]);
        let (s, co) = 50f64.to_radians().sin_cos();
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![co, -s], vec![s, co]]));
        assert_eq!(value(c.as_ref(), "transpose_is_inverse"), T);
        assert_eq!(value(c.as_ref(), "radians"), Value::Number(50f64.to_radians()));
        assert!(readout(c.as_ref(), "det").note.contains("rotation"));
        assert!(c.summary().contains("rotation by 50°"));
        assert_eq!(c.handles()[0].name, "A:0");
    }

    #[test]
    fn the_seeds_radian_slip_is_a_rotation_by_minus_15_point_2_degrees() {
        // np.cos(50) reads 50 radians: 50 rad = 2864.79°, which is −15.21° after whole turns.
        let c = page(&[("deg", &format!("{}", 50f64.to_degrees()))]);
        let Value::Matrix(m) = value(c.as_ref(), "A") else { panic!() };
        assert!((m[0][0] - 0.96496602849211).abs() < 1e-12 && (m[0][1] - 0.26237485370392).abs() < 1e-12, "{m:?}");
        assert!((m[1][0] + 0.26237485370392).abs() < 1e-12);
        assert!((wrap_degrees(50f64.to_degrees()) + 15.211).abs() < 1e-3);
        assert_eq!(checks(c.as_ref()), [F, F, T]);
    }

    #[test]
    fn the_three_checks_on_the_seeds_matrices() {
        assert_eq!(checks(page(&[("A", "2,4,-1;4,-8,0;-1,0,3")]).as_ref()), [T, F, F]);
        assert_eq!(checks(page(&[("A", "2,0,0,0;0,4,0,0;0,0,3,0;0,0,0,1")]).as_ref()), [T, T, F]);
        // A 4×3 diagonal matrix: diagonal, but neither symmetric nor orthogonal (not square).
        let c = page(&[("A", "2,0,0;0,4,0;0,0,3;0,0,0")]);
        assert_eq!(checks(c.as_ref()), [F, T, F]);
        assert!(readout(c.as_ref(), "symmetric").note.contains("4×3"));
        assert_eq!(value(c.as_ref(), "inverse"), Value::Null);
        assert!(c.handles().is_empty() && c.figure_note().is_some());
        // A permutation is orthogonal and symmetric; the identity is all three.
        assert_eq!(checks(page(&[("A", "0,1;1,0")]).as_ref()), [T, F, T]);
        assert_eq!(checks(page(&[("A", "1,0;0,1")]).as_ref()), [T, T, T]);
        // The oracle's case.
        assert_eq!(checks(page(&[("A", "-5,4;2,2")]).as_ref()), [F, F, F]);
    }

    #[test]
    fn the_tolerance_absorbs_rounding_but_not_real_differences() {
        // A rotation by 180° has sin π ≈ 1.2e-16 off the diagonal: diagonal and symmetric within 1e-9.
        let c = page(&[("deg", "180")]);
        assert_eq!(checks(c.as_ref()), [T, T, T]);
        let c = page(&[("A", "1,1e-6;0,1")]);
        assert_eq!(checks(c.as_ref()), [F, F, F]);
        assert!(readout(c.as_ref(), "orthogonal").note.contains("tolerance 1e-9"));
    }

    #[test]
    fn the_reflection_choice_rebuilds_from_the_angle_and_round_trips() {
        let mut c = build();
        c.set_choice("kind", "reflection").unwrap();
        assert_eq!(checks(c.as_ref()), [T, F, T]);
        assert!(readout(c.as_ref(), "det").note.contains("reflection"));
        assert_eq!(c.choices()[0].current, "reflection");
        let mirror = c.scene(&Timeline::new(0)).shapes.iter().any(|s| matches!(s, Shape::Line { label: Some(l), .. } if l == "mirror"));
        assert!(mirror);
        let params = to_params(c.as_ref());
        let again = from_params(find("special-matrices").unwrap(), &params).unwrap().0;
        assert_eq!(to_params(again.as_ref()), params);
        c.set_choice("kind", "rotation").unwrap();
        assert_eq!(value(c.as_ref(), "A"), value(build().as_ref(), "A"));
        assert!(c.set_choice("kind", "shear").is_err());
    }

    #[test]
    fn dragging_a_column_changes_the_checks_and_the_angle_follows() {
        let mut c = build();
        assert!(c.move_handle("A:0", World::new(0.0, 2.0)));
        assert_eq!(value(c.as_ref(), "orthogonal"), F);
        assert_eq!(value(c.as_ref(), "deg"), Value::Vector(vec![90.0]));
        assert!(value(c.as_ref(), "column_norms").to_json().starts_with("[2.0,"));
        // Drag both columns onto the axes: the identity, all three checks true.
        assert!(c.move_handle("A:0", World::new(1.0, 0.0)));
        assert!(c.move_handle("A:1", World::new(0.0, 1.0)));
        assert_eq!(checks(c.as_ref()), [T, T, T]);
        assert_eq!(value(c.as_ref(), "deg"), Value::Vector(vec![0.0]));
        // A linked state with a dragged A comes back exactly.
        assert!(c.move_handle("A:1", World::new(1.0, 1.0)));
        let params = to_params(c.as_ref());
        let again = from_params(find("special-matrices").unwrap(), &params).unwrap().0;
        assert_eq!(to_params(again.as_ref()), params);
        assert_eq!(value(again.as_ref(), "A"), Value::Matrix(vec![vec![1.0, 1.0], vec![0.0, 1.0]]));
    }

    #[test]
    fn the_summary_says_how_far_a_dragged_a_is_from_orthogonal() {
        let mut c = build();
        assert!(c.move_handle("A:0", World::new(2.0, 0.0)));
        assert!(c.move_handle("A:1", World::new(1.0, 1.0)));
        assert_eq!(
            c.summary(),
            "A is not orthogonal (AᵀA ≠ I): its columns have lengths 2 and 1.4142, at 45° to each other; it is neither symmetric nor \
             diagonal. The unit circle becomes the shaded ellipse."
        );
        let c = page(&[("A", "1,0,0;0,1,0")]);
        assert!(c.summary().contains("its columns have lengths 1, 1 and 0;"), "{}", c.summary());
        let c = page(&[("A", "1e300,1e300;1e300,-1e300")]);
        assert!(c.summary().contains("at 90° to each other"), "{}", c.summary());
    }

    #[test]
    fn singular_zero_huge_and_bad_inputs() {
        let c = page(&[("A", "1,2;2,4")]);
        assert_eq!(value(c.as_ref(), "inverse"), Value::Null);
        assert!(readout(c.as_ref(), "inverse").note.contains("singular"));
        assert_eq!(value(c.as_ref(), "transpose_is_inverse"), F);
        let c = page(&[("A", "0,0;0,0")]);
        assert_eq!(checks(c.as_ref()), [T, T, F]);
        let c = page(&[("A", "1e200,0;0,1e200")]);
        assert_eq!(checks(c.as_ref()), [T, T, F]);
        assert_eq!(value(c.as_ref(), "gram"), Value::Null);
        assert!(readout(c.as_ref(), "gram").note.contains("overflow"));
        assert_eq!(value(c.as_ref(), "column_norms"), Value::Vector(vec![1e200, 1e200]));
        let c = page(&[("A", "1e-200,0;0,1e-200")]);
        assert_eq!(checks(c.as_ref()), [T, T, F]);
        for r in c.readouts() {
            assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
        }
        let mut c = build();
        assert!(c.set_input("deg", DMatrix::from_column_slice(2, 1, &[1.0, 2.0])).unwrap_err().contains("one number"));
        assert!(c.set_input("B", DMatrix::zeros(2, 2)).is_err());
    }

    #[test]
    fn column_drags_are_not_rounded_to_the_lattice() {
        let mut page = crate::page::Page::open(find("special-matrices").unwrap(), &[], vec![]).unwrap();
        page.update(crate::page::Msg::DragStart("A:0".into()));
        let at = page.viewport.to_screen(World::new(0.6, 0.8));
        page.update(crate::page::Msg::DragTo(at));
        let a = value(page.chapter(), "A");
        let Value::Matrix(rows) = a else { panic!("{a:?}") };
        assert!((rows[0][0] - 0.6).abs() < 1e-9 && (rows[1][0] - 0.8).abs() < 1e-9, "{rows:?}");
    }

    #[test]
    fn code_builds_the_rotation_from_degrees() {
        let code = build().code();
        assert!(code.numpy.contains("deg = 50.0\n"), "{}", code.numpy);
        assert!(code.numpy.contains("np.deg2rad(deg)"));
        assert!(code.numpy.contains("orthogonal = "));
        let code = page(&[("A", "1,2,3")]).code();
        assert!(code.numpy.contains("not square"));
    }

    proptest! {
        #[test]
        fn every_rotation_and_reflection_is_orthogonal(deg in -1e4f64..1e4, reflection in any::<bool>()) {
            let a = built(deg, reflection);
            prop_assert!(is_orthogonal(&a));
            // A reflection is always symmetric; a rotation only when it is (nearly) diagonal, ±I.
            let consistent = if reflection { is_symmetric(&a) } else { !is_symmetric(&a) || is_diagonal(&a) };
            prop_assert!(consistent);
            let mut c = build();
            c.set_input("deg", DMatrix::from_element(1, 1, deg)).unwrap();
            prop_assert_eq!(value(c.as_ref(), "orthogonal"), T);
            prop_assert_eq!(value(c.as_ref(), "transpose_is_inverse"), T);
        }

        #[test]
        fn a_plus_its_transpose_is_symmetric_and_scaling_a_column_breaks_orthogonality(
            n in 1usize..=6, entries in proptest::collection::vec(-10.0f64..10.0, 36), k in 1.1f64..3.0) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            prop_assert!(is_symmetric(&(&a + a.transpose())));
            let mut q = DMatrix::<f64>::identity(n, n);
            q.column_mut(0).scale_mut(k);
            prop_assert!(!is_orthogonal(&q));
            prop_assert!(is_diagonal(&q));
        }
    }
}
