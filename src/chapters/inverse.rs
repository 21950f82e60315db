//! 2.3 Identity and inverse matrices: A⁻¹ undoes A, and x = A⁻¹b solves Ax = b. The row picture (two
//! lines crossing at the solution), the column picture (b reached by x₁a₁ + x₂a₂) and "A then A⁻¹".
//!
//! Whether A is invertible is decided by the SVD's rank (numpy's tolerance), never by LU happening to
//! succeed. Only then is the inverse computed, by LU with partial pivoting (as numpy does) on a copy
//! scaled by a power of two (exact), and checked: A·A⁻¹ must be the identity to working precision.

use super::common::{bounds, column_handles, drag_into, equation, lerp, pick_option, plane, point, transformed_plane, vector_handle};
use super::determinant::{determinant, frexp, ldexp, Det};
use super::{Chapter, Choice, Code, Handle, Input, InputKind};
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::math::svd::{svd, Svd, PINV_RCOND};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The figure's views.
const VIEWS: &[(&str, &str)] = &[("rows", "Row picture"), ("columns", "Column picture"), ("undo", "A then A⁻¹")];

/// Condition numbers above this get a "nearly singular" warning.
const ILL_CONDITIONED: f64 = 1e8;

/// The page state.
#[derive(Debug, Clone, PartialEq)]
pub struct Inverse {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    view: &'static str,
}

/// The seed's system {y = 2x, y = −x + 3}, written as 2x − y = 0 and x + y = 3: the lines cross at (1, 2).
pub fn build() -> Box<dyn Chapter> {
    Box::new(Inverse {
        a: DMatrix::from_row_slice(2, 2, &[2.0, -1.0, 1.0, 1.0]),
        b: DMatrix::from_column_slice(2, 1, &[0.0, 3.0]),
        view: VIEWS[0].0,
    })
}

/// `a` divided by the power of two nearest above its largest entry (exact), and that power's exponent.
fn scaled(a: &DMatrix<f64>) -> (DMatrix<f64>, i32) {
    let (_, e) = frexp(a.amax());
    (a.map(|x| ldexp(x, -e)), e)
}

/// The inverse of a square matrix with finite entries, or why it has none. Singularity is decided by
/// the SVD's rank; the inverse itself comes from LU on a power-of-two-scaled copy, and is checked.
pub fn invert(a: &DMatrix<f64>, decomposition: &Result<Svd, crate::math::NumericError>) -> Result<DMatrix<f64>, String> {
    let n = a.nrows();
    let s = decomposition.as_ref().map_err(|e| e.to_string())?;
    let rank = s.rank();
    if rank < n {
        return Err(format!("A is singular (rank {rank} < {n}: its columns are dependent), so nothing undoes it"));
    }
    let (unit, e) = scaled(a);
    // unit = A / 2^e, so A⁻¹ = unit⁻¹ / 2^e.
    let inverse = match unit.clone().lu().try_inverse() {
        Some(x) => x,
        // LU found an exact zero pivot although the SVD says full rank: use the SVD instead.
        None => svd(&unit).and_then(|s| s.pseudo_inverse(PINV_RCOND)).map_err(|e| e.to_string())?,
    };
    let inverse = inverse.map(|x| ldexp(x, -e));
    if inverse.iter().any(|x| !x.is_finite()) {
        return Err("the result is too large for a 64-bit float (overflow)".into());
    }
    // Backward stability: ‖A·X − I‖ is at most a modest multiple of ε·‖A‖·‖X‖.
    let residual = (&unit * &inverse.map(|x| ldexp(x, e)) - DMatrix::<f64>::identity(n, n)).amax();
    let bound = 1e3 * n as f64 * f64::EPSILON * unit.norm() * inverse.map(|x| ldexp(x, e)).norm();
    if residual.is_nan() || residual > bound.max(1e-12) {
        return Err("the inverse failed its accuracy check (A·A⁻¹ is not the identity to working precision)".into());
    }
    Ok(inverse)
}

/// The solution of A x = b (A square, full rank by the SVD), by LU on scaled copies, as np.linalg.solve.
fn solve(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    let (unit, e) = scaled(a);
    // unit · (2^e x) = b.
    let y = unit.lu().solve(b)?;
    let x = y.map(|v| ldexp(v, -e));
    Some(x)
}

impl Inverse {
    fn n(&self) -> usize {
        self.a.nrows()
    }

    fn decomposition(&self) -> Result<Svd, crate::math::NumericError> {
        svd(&self.a)
    }

    fn inverse(&self) -> Result<DMatrix<f64>, String> {
        invert(&self.a, &self.decomposition())
    }

    fn b_fits(&self) -> bool {
        self.b.len() == self.n()
    }

    /// Whether b is in A's column space (rank [A | b] = rank A); `None` when it cannot be decided.
    fn b_reachable(&self) -> Option<bool> {
        if !self.b_fits() {
            return None;
        }
        let rank = self.decomposition().ok()?.rank();
        let augmented = DMatrix::from_fn(self.n(), self.n() + 1, |r, c| if c < self.n() { self.a[(r, c)] } else { self.b[r] });
        Some(svd(&augmented).ok()?.rank() == rank)
    }

    fn solution(&self) -> Result<DMatrix<f64>, String> {
        if !self.b_fits() {
            return Err(format!(
                "not defined: A is {} but b has {} entries; Ax = b needs one entry of b per row of A",
                display_shape(&self.a),
                self.b.len()
            ));
        }
        if let Err(why) = self.inverse() {
            if why.starts_with("A is singular") {
                return Err(match self.b_reachable() {
                    Some(true) => {
                        "A is singular and b lies in its column space: infinitely many x solve Ax = b (A⁺b, chapter 2.9, is the shortest)"
                            .to_string()
                    }
                    Some(false) => "A is singular and b is outside its column space: no x solves Ax = b".into(),
                    None => why,
                });
            }
            return Err(why);
        }
        solve(&self.a, &self.b).ok_or_else(|| "LU found a zero pivot".to_string())
    }

    fn inverse_readouts(&self, out: &mut Vec<Readout>) {
        match self.inverse() {
            Ok(inv) => {
                out.push(matrix_readout(
                    "inverse",
                    "A⁻¹",
                    &inv,
                    "by LU with partial pivoting (as np.linalg.inv), after the SVD found A invertible",
                ));
                let check = &self.a * &inv;
                let off = (&check - DMatrix::<f64>::identity(self.n(), self.n())).amax();
                out.push(matrix_readout(
                    "identity_check",
                    "A·A⁻¹",
                    &check,
                    if off == 0.0 {
                        "exactly the identity".to_string()
                    } else {
                        format!("the identity up to rounding: the largest error is {}", display_number(off))
                    },
                ));
            }
            Err(why) => {
                out.push(Readout::missing("inverse", "A⁻¹", why.clone()));
                out.push(Readout::missing("identity_check", "A·A⁻¹", format!("no inverse to check: {why}")));
            }
        }
    }

    fn condition_readout(&self) -> Readout {
        let label = "cond(A)";
        match self.decomposition() {
            Err(e) => Readout::missing("condition_number", label, e.to_string()),
            Ok(s) => match s.condition_number() {
                None => Readout::missing("condition_number", label, "infinite: the smallest singular value is 0, A is singular"),
                Some(c) => {
                    let digits = c.log10().max(0.0).round();
                    let note = if c > ILL_CONDITIONED {
                        format!("σ_max/σ_min. Nearly singular: results lose about {digits} of the 16 significant digits")
                    } else if digits >= 1.0 {
                        format!("σ_max/σ_min: results may lose about {digits} of the 16 significant digits")
                    } else {
                        "σ_max/σ_min: well-conditioned, rounding errors are not amplified".to_string()
                    };
                    number_readout("condition_number", label, c, note)
                }
            },
        }
    }

    fn det_readout(&self) -> Readout {
        match determinant(&self.a) {
            Det::Overflow { .. } => Readout::missing("det", "det A", "the result is too large for a 64-bit float (overflow)"),
            d => {
                let x = d.finite().unwrap_or(0.0);
                let note = if matches!(d, Det::Underflow { .. }) {
                    "too small for a 64-bit float, shown as 0; singularity is decided by the rank, not by this"
                } else if x == 0.0 {
                    "0: A squashes the plane, nothing can undo it"
                } else {
                    "not 0, so A has an inverse, and det A⁻¹ = 1 / det A"
                };
                Readout::new("det", "det A", Value::Number(x), note)
            }
        }
    }

    /// The map drawn in the "A then A⁻¹" view at the timeline's position.
    fn undo_map(&self, a: &Matrix2<f64>, t: &Timeline) -> Matrix2<f64> {
        if t.position() <= 1.0 || self.inverse().is_err() {
            lerp(&Matrix2::identity(), a, t.progress(0))
        } else {
            lerp(a, &Matrix2::identity(), t.progress(1))
        }
    }

    /// The plane solution x when everything is 2-D and A is invertible.
    fn plane_solution(&self) -> Option<World> {
        self.solution().ok().and_then(|x| point(&x)).filter(|x| x.x.is_finite() && x.y.is_finite())
    }

    fn scene_rows(&self, scene: &mut Scene, a: &Matrix2<f64>, b: World) {
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        let crossing = self.plane_solution();
        for (i, stroke) in [(0, Stroke::solid(Role::Second, 2.5)), (1, Stroke::dashed(Role::Data, 2.5))] {
            let normal = World::new(a[(i, 0)], a[(i, 1)]);
            let nn = normal.norm_squared();
            if nn > 0.0 && nn.is_finite() {
                let through = normal * (b[i] / nn);
                let direction = World::new(-normal.y, normal.x);
                scene.push(Shape::Line { through, direction, stroke, label: None });
                // The equation is written on its line a little way from the crossing (row 1 up the
                // line, row 2 down it), beside the stroke, so the two labels stay apart and in view.
                let along = direction / direction.norm();
                let along = if along.y < 0.0 || (along.y == 0.0 && along.x < 0.0) { -along } else { along };
                let side = World::new(-along.y, along.x);
                let anchor = crossing.unwrap_or(through);
                let at = if i == 0 { anchor + along * 1.3 + side * 0.3 } else { anchor - along * 2.4 - side * 0.3 };
                scene.push(Shape::Label { at, text: equation(normal, b[i]), role: stroke.role });
            }
        }
        scene.push(Shape::Axes);
        scene.arrow(a.column(0).into_owned(), Stroke::solid(Role::Basis1, 1.5), "a₁");
        scene.arrow(a.column(1).into_owned(), Stroke::solid(Role::Basis2, 1.5), "a₂");
        scene.arrow(b, Stroke::solid(Role::Image, 1.5), "b");
        if let Some(x) = self.plane_solution() {
            scene.push(Shape::Dot { at: x, role: Role::Input, radius: 6.0 });
            scene.push(Shape::Label { at: x + World::new(0.0, 0.35), text: "x = A⁻¹b".into(), role: Role::Input });
        }
    }

    fn scene_columns(&self, scene: &mut Scene, a: &Matrix2<f64>, b: World) {
        transformed_plane(scene, a, "a");
        if let Some(x) = self.plane_solution() {
            let leg = a.column(0) * x.x;
            scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), format!("{}·a₁", display_number(x.x)));
            scene.arrow_from(leg, b, Stroke::dashed(Role::Basis2, 2.0), format!("{}·a₂", display_number(x.y)));
        }
        scene.arrow(b, Stroke::solid(Role::Image, 3.5), "b");
        scene.push(Shape::Axes);
    }

    fn scene_undo(&self, scene: &mut Scene, a: &Matrix2<f64>, t: &Timeline) {
        let m = self.undo_map(a, t);
        transformed_plane(scene, &m, "a");
        scene.push(Shape::Axes);
        if let Some(x) = self.plane_solution() {
            let label = if t.position() <= 0.0 || t.position() >= 2.0 { "x" } else { "" };
            scene.arrow(m * x, Stroke::solid(Role::Input, 3.5), label);
            if let Some(b) = point(&self.b) {
                scene.push(Shape::Dot { at: b, role: Role::Image, radius: 5.0 });
                scene.push(Shape::Label { at: b + World::new(0.0, 0.35), text: "b = Ax".into(), role: Role::Image });
            }
        }
        if t.position() > 1.0 && self.inverse().is_err() {
            scene.push(Shape::Label { at: m * World::new(0.5, 0.5), text: "no A⁻¹: the plane is flattened".into(), role: Role::Image });
        }
    }
}

impl Chapter for Inverse {
    fn explanation(&self) -> &'static str {
        include_str!("inverse.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "b", kind: InputKind::Vector, value: self.b.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" if value.is_square() => self.a = value,
            "A" => return Err(format!("only a square matrix can have an inverse, and this one is {}", display_shape(&value))),
            "b" if value.ncols() == 1 => self.b = value,
            "b" => return Err("a vector is one row of entries separated by commas".into()),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name != "view" {
            return Err(format!("this page has no choice called {name}"));
        }
        let known = pick_option(VIEWS, value)?;
        self.view = known;
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        if self.view == "undo" && self.figure_note().is_none() {
            vec!["apply A", "apply A⁻¹"]
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() {
            return Vec::new();
        }
        column_handles(&self.a, "A").into_iter().chain(vector_handle(&self.b, "b", Role::Image)).collect()
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        drag_into(&mut self.a, "A", name, to) || drag_into(&mut self.b, "b", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        self.inverse_readouts(&mut out);
        out.insert(
            1,
            match self.solution() {
                Ok(x) => {
                    let residual = (&self.a * &x - &self.b).amax();
                    vector_readout(
                        "solution",
                        "x = A⁻¹b",
                        &x,
                        if residual == 0.0 {
                            "the one x with Ax = b (by LU, as np.linalg.solve); Ax equals b exactly".to_string()
                        } else {
                            format!(
                                "the one x with Ax = b (by LU, as np.linalg.solve); Ax misses b by at most {}",
                                display_number(residual)
                            )
                        },
                    )
                }
                Err(why) => Readout::missing("solution", "x = A⁻¹b", why),
            },
        );
        out.push(self.condition_readout());
        out.push(self.det_readout());
        out.push(match self.decomposition() {
            Ok(s) => Readout::new(
                "rank",
                "rank A",
                Value::Number(s.rank() as f64),
                format!("singular values above σ_max·n·ε count; full rank is {}", self.n()),
            ),
            Err(e) => Readout::missing("rank", "rank A", e.to_string()),
        });
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.push(Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())));
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        let (Some(a), Some(b)) = (plane(&self.a), point(&self.b)) else { return Scene::default() };
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
        match self.view {
            "rows" => self.scene_rows(&mut scene, &a, b),
            "columns" => self.scene_columns(&mut scene, &a, b),
            _ => self.scene_undo(&mut scene, &a, timeline),
        }
        scene
    }

    fn figure_note(&self) -> Option<String> {
        (plane(&self.a).is_none() || point(&self.b).is_none()).then(|| {
            format!(
                "The plane draws a 2×2 A and a b with 2 entries; now A is {} and b has {} entries. The numbers below are still exact.",
                display_shape(&self.a),
                self.b.len()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::zeros(), World::new(1.0, 1.0)];
        if let Some(a) = plane(&self.a) {
            points.extend([World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)].iter().map(|c| a * c));
        }
        points.extend(point(&self.b));
        if let Some(x) = self.plane_solution() {
            points.push(x);
            if let Some(a) = plane(&self.a) {
                points.push(a.column(0) * x.x);
            }
        }
        // Symmetric about the origin: the lines run through the whole view, and handles get room.
        let mirrored: Vec<World> = points.iter().map(|p| -p).collect();
        points.extend(mirrored);
        // A margin, so a handle near the edge can still be dragged (or nudged) outwards.
        let (lo, hi) = bounds(&points);
        let pad = 0.5 + 0.15 * hi.amax();
        (lo - World::new(pad, pad), hi + World::new(pad, pad))
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line(
            "np.eye(len(A))  # the identity: I @ x == x",
            "torch.eye(len(A))",
            "let i = DMatrix::<f64>::identity(a.nrows(), a.ncols());",
        );
        let invertible = self.inverse().is_ok();
        if invertible {
            code.line("np.linalg.inv(A)", "torch.linalg.inv(A)", "let inv = a.clone().try_inverse().unwrap();");
            code.line("A @ np.linalg.inv(A)  # ≈ I", "A @ torch.linalg.inv(A)", "let check = &a * &inv;");
        } else {
            code.line(
                "# A is singular: np.linalg.inv(A) raises LinAlgError (or returns huge, meaningless numbers)",
                "# A is singular: torch.linalg.inv(A) raises an error",
                "// A is singular: a.clone().try_inverse() is None (or meaningless when nearly singular)",
            );
        }
        if invertible && self.b_fits() {
            code.line("np.linalg.solve(A, b)  # better than inv(A) @ b", "torch.linalg.solve(A, b)", "let x = a.clone().lu().solve(&b);");
        }
        code.line("np.linalg.cond(A)", "torch.linalg.cond(A)", "let s = a.clone().singular_values(); // cond = s.max() / s.min()");
        code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
        code
    }

    fn summary(&self) -> String {
        if self.figure_note().is_some() {
            return match (self.inverse(), self.solution()) {
                (Ok(_), Ok(x)) => format!("A is invertible; Ax = b has the one solution x = {}.", display_tuple(&vector_entries(&x))),
                (Ok(_), Err(_)) => "A is invertible, but b does not have one entry per row of A.".into(),
                (Err(why), _) => format!("No inverse: {why}."),
            };
        }
        match (self.plane_solution(), self.b_reachable()) {
            (Some(x), _) if self.view == "columns" => format!(
                "A is invertible: b = {}·a₁ + {}·a₂, so x = {} is the one solution of Ax = b.",
                display_number(x.x),
                display_number(x.y),
                display_tuple(&[x.x, x.y])
            ),
            (Some(x), _) if self.view == "undo" => format!(
                "A is invertible: A carries x = {} to b, and A⁻¹ carries the plane back to where it was.",
                display_tuple(&[x.x, x.y])
            ),
            (Some(x), _) => {
                format!("A is invertible: the two lines cross at x = {}, the one solution of Ax = b.", display_tuple(&[x.x, x.y]))
            }
            (None, Some(true)) => "A is singular: the two lines coincide, so every point on them solves Ax = b.".into(),
            (None, Some(false)) => "A is singular: the two lines are parallel and never cross, so Ax = b has no solution.".into(),
            (None, None) => "A has no inverse here.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{check_everything, open, readout};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("inverse", params)
    }

    fn matrix(chapter: &dyn Chapter, name: &str) -> DMatrix<f64> {
        match readout(chapter, name).value {
            Value::Matrix(rows) => DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]),
            Value::Vector(v) => DMatrix::from_column_slice(v.len(), 1, &v),
            other => panic!("{name} = {other:?}"),
        }
    }

    fn close(a: &DMatrix<f64>, b: &[f64], tol: f64) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol * (1.0 + y.abs())) && a.len() == b.len()
    }

    #[test]
    fn the_default_is_the_seeds_system() {
        let c = build();
        // Column-major comparison: A⁻¹ = [[1/3, 1/3], [−1/3, 2/3]].
        assert!(close(&matrix(c.as_ref(), "inverse"), &[1.0 / 3.0, -1.0 / 3.0, 1.0 / 3.0, 2.0 / 3.0], 1e-15));
        assert!(close(&matrix(c.as_ref(), "solution"), &[1.0, 2.0], 1e-15));
        assert_eq!(readout(c.as_ref(), "det").value, Value::Number(3.0));
        assert!(close(&matrix(c.as_ref(), "identity_check"), &[1.0, 0.0, 0.0, 1.0], 1e-15));
        assert!(c.summary().contains("cross at x = (1, 2)"), "{}", c.summary());
        let labels: Vec<String> = c
            .scene(&Timeline::new(0))
            .shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Label { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["2x − y = 0", "x + y = 3", "x = A⁻¹b"]);
        assert_eq!(c.handles()[0].name, "A:0");
        assert_eq!(c.handles()[2].name, "b");
    }

    #[test]
    fn the_seeds_three_by_three() {
        let c = page(&[("A", "3,0,2;2,0,-2;0,1,1"), ("b", "2,6,3")]);
        let want = DMatrix::from_row_slice(3, 3, &[0.2, 0.2, 0.0, -0.2, 0.3, 1.0, 0.2, -0.3, 0.0]);
        assert!((matrix(c.as_ref(), "inverse") - want).amax() < 1e-15);
        assert!(c.figure_note().is_some() && c.handles().is_empty() && c.stages().is_empty());
        assert!(c.summary().contains("one solution"));
    }

    #[test]
    fn singular_a_has_no_inverse_and_says_how_many_solutions() {
        let c = page(&[("A", "1,2;2,4"), ("b", "1,2")]);
        let inv = readout(c.as_ref(), "inverse");
        assert_eq!(inv.value, Value::Null);
        assert!(inv.note.contains("singular") && inv.note.contains("rank 1 < 2"), "{}", inv.note);
        let x = readout(c.as_ref(), "solution");
        assert_eq!(x.value, Value::Null);
        assert!(x.note.contains("infinitely many"), "{}", x.note);
        assert!(c.summary().contains("coincide"));
        assert_eq!(readout(c.as_ref(), "condition_number").value, Value::Null);
        let c = page(&[("A", "1,2;2,4"), ("b", "1,0")]);
        assert!(readout(c.as_ref(), "solution").note.contains("no x solves"));
        assert!(c.summary().contains("parallel"));
        assert!(c.code().numpy.contains("LinAlgError"));
        let zero = page(&[("A", "0,0;0,0")]);
        assert_eq!(readout(zero.as_ref(), "inverse").value, Value::Null);
    }

    #[test]
    fn nearly_singular_warns_with_the_digits_lost() {
        let c = page(&[("A", "1,1;1,1.000000001")]);
        let cond = readout(c.as_ref(), "condition_number");
        let Value::Number(k) = cond.value else { panic!() };
        assert!(k > 1e9 && k < 1e10);
        assert!(cond.note.contains("Nearly singular") && cond.note.contains("lose about 10"), "{}", cond.note);
        // Still invertible, and the check holds to the precision left.
        assert!(matches!(readout(c.as_ref(), "inverse").value, Value::Matrix(_)));
        // Closer than rounding can tell apart: singular by numpy's tolerance.
        let c = page(&[("A", "1,1;1,1.0000000000000002")]);
        assert_eq!(readout(c.as_ref(), "inverse").value, Value::Null);
    }

    #[test]
    fn a_b_of_the_wrong_length_is_not_rejected_but_explained() {
        let mut c = build();
        // A set before b (or b before A) from the URL: neither order is an error.
        c.set_input("A", DMatrix::from_row_slice(3, 3, &[2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0])).unwrap();
        let x = readout(c.as_ref(), "solution");
        assert_eq!(x.value, Value::Null);
        assert!(x.note.contains("b has 2 entries"), "{}", x.note);
        assert!(matches!(readout(c.as_ref(), "inverse").value, Value::Matrix(_)));
        c.set_input("b", DMatrix::from_column_slice(3, 1, &[2.0, 4.0, 6.0])).unwrap();
        assert!(close(&matrix(c.as_ref(), "solution"), &[1.0, 2.0, 3.0], 0.0));
        let page_order = page(&[("b", "2,4,6"), ("A", "2,0,0;0,2,0;0,0,2")]);
        assert!(close(&matrix(page_order.as_ref(), "solution"), &[1.0, 2.0, 3.0], 0.0));
    }

    #[test]
    fn non_square_a_and_matrix_b_are_rejected() {
        let mut c = build();
        let err = c.set_input("A", DMatrix::from_row_slice(2, 3, &[1.0; 6])).unwrap_err();
        assert!(err.contains("square") && err.contains("2×3"), "{err}");
        assert!(c.set_input("b", DMatrix::from_row_slice(2, 2, &[1.0; 4])).is_err());
        assert!(c.set_choice("view", "nope").is_err());
        assert!(c.set_choice("nope", "rows").is_err());
    }

    #[test]
    fn huge_and_tiny_scales_invert_exactly() {
        let c = page(&[("A", "1e200,0;0,1e200"), ("b", "1e200,2e200")]);
        assert!(close(&matrix(c.as_ref(), "inverse"), &[1e-200, 0.0, 0.0, 1e-200], 1e-15));
        assert!(close(&matrix(c.as_ref(), "solution"), &[1.0, 2.0], 1e-15));
        assert_eq!(readout(c.as_ref(), "det").value, Value::Null);
        let c = page(&[("A", "1e-200,2e-200;3e-200,1e-200"), ("b", "1,1")]);
        let inv = matrix(c.as_ref(), "inverse");
        assert!(close(&(inv.clone() * 1e-200), &[-0.2, 0.6, 0.4, -0.2], 1e-14), "{inv}");
        assert!(close(&matrix(c.as_ref(), "identity_check"), &[1.0, 0.0, 0.0, 1.0], 1e-14));
        assert_eq!(readout(c.as_ref(), "det").value, Value::Number(0.0));
        // Entries so tiny that the inverse overflows: null with the reason, never inf or NaN.
        let c = page(&[("A", "1e-310,0;0,1e-310")]);
        let inv = readout(c.as_ref(), "inverse");
        assert_eq!(inv.value, Value::Null);
        assert!(inv.note.contains("overflow"), "{}", inv.note);
    }

    #[test]
    fn dragging_makes_the_lines_parallel() {
        let mut c = build();
        assert!(c.move_handle("A:0", World::new(-1.0, 1.0)));
        assert_eq!(readout(c.as_ref(), "inverse").value, Value::Null);
        assert!(c.summary().contains("parallel"));
        let lines = c.scene(&Timeline::new(0)).shapes.iter().filter(|s| matches!(s, Shape::Line { .. })).count();
        assert_eq!(lines, 2);
        assert!(c.move_handle("b", World::new(3.0, 0.0)));
        assert!(c.move_handle("A:0", World::new(2.0, 1.0)));
        assert!(close(&matrix(c.as_ref(), "solution"), &[1.0, -1.0], 1e-15));
    }

    #[test]
    fn the_undo_view_returns_to_the_identity() {
        let mut c = build();
        c.set_choice("view", "undo").unwrap();
        assert_eq!(c.stages(), ["apply A", "apply A⁻¹"]);
        let a = plane(&c.inputs()[0].value).unwrap();
        let inverse = Inverse { a: c.inputs()[0].value.clone(), b: c.inputs()[1].value.clone(), view: "undo" };
        let mut t = Timeline::new(2);
        t.scrub(1.0);
        assert_eq!(inverse.undo_map(&a, &t), a);
        t.scrub(2.0);
        assert_eq!(inverse.undo_map(&a, &t), Matrix2::identity());
        let lattices: Vec<Matrix2<f64>> = c
            .scene(&t)
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Lattice { map, stroke } if stroke.role == Role::Grid => Some(*map),
                _ => None,
            })
            .collect();
        assert_eq!(lattices, [Matrix2::identity()]);
        assert!(c.summary().contains("carries the plane back"), "{}", c.summary());
        for view in ["rows", "columns"] {
            c.set_choice("view", view).unwrap();
            assert!(c.stages().is_empty());
            assert!(!c.scene(&t).shapes.is_empty());
        }
        assert!(c.summary().contains("b = 1·a₁ + 2·a₂"), "{}", c.summary());
    }

    #[test]
    fn row_equations_read_like_the_book() {
        assert_eq!(equation(World::new(2.0, -1.0), 0.0), "2x − y = 0");
        assert_eq!(equation(World::new(1.0, 1.0), 3.0), "x + y = 3");
        assert_eq!(equation(World::new(0.0, -2.5), -1.0), "−2.5y = −1");
        assert_eq!(equation(World::new(-1.0, 0.0), 4.0), "−x = 4");
    }

    #[test]
    fn code_follows_the_state() {
        let code = build().code();
        assert!(code.numpy.contains("np.linalg.inv(A)") && code.numpy.contains("np.linalg.solve(A, b)"));
        assert!(code.nalgebra.contains("lu().solve(&b)"));
    }

    proptest! {
        #[test]
        fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=8, m in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 72)) {
            let mut c = build();
            let a = DMatrix::from_fn(n, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
            c.set_input("A", a).unwrap();
            c.set_input("b", DMatrix::from_fn(m, 1, |r, _| entries[64 + r])).unwrap();
            check_everything(c.as_ref())?;
            for view in ["columns", "undo"] {
                c.set_choice("view", view).unwrap();
                check_everything(c.as_ref())?;
            }
        }

        #[test]
        fn inverse_times_a_is_the_identity(n in 1usize..=6, entries in proptest::collection::vec(-5.0f64..5.0, 36)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 6 + c]);
            let s = svd(&a).unwrap();
            prop_assume!(s.condition_number().is_some_and(|k| k < 1e6));
            let inv = invert(&a, &Ok(s)).unwrap();
            prop_assert!((&inv * &a - DMatrix::<f64>::identity(n, n)).amax() < 1e-8);
            let b = DMatrix::from_fn(n, 1, |r, _| entries[r]);
            let x = solve(&a, &b).unwrap();
            prop_assert!((&a * &x - &b).amax() < 1e-8 * (1.0 + b.amax()));
        }

        #[test]
        fn rank_deficient_matrices_are_never_inverted(entries in proptest::collection::vec(-5.0f64..5.0, 9)) {
            // The third row is exactly twice the first.
            let mut a = DMatrix::from_row_slice(3, 3, &entries);
            for c in 0..3 {
                a[(2, c)] = 2.0 * a[(0, c)];
            }
            prop_assert!(invert(&a, &svd(&a)).is_err());
        }
    }
}
