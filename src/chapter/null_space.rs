//! The null space {x : Ax = 0} as the pages that solve Ax = b show it (inverse, span): the
//! `null_space` readout, the words for "one solution plus the null space", the code panel's lines
//! that print it, and the line or plane the figure draws.

use super::Code;
use crate::format::{display_at_scale, subscript, superscript};
use crate::math::subspace::null_basis;
use crate::readout::{Readout, Value};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::viewport::World;
use nalgebra::DMatrix;

/// The label the figure writes on the null space.
pub const LABEL: &str = "Ax = 0";

/// How the figure strokes the null space: bluish green and dashed, like every eigen-direction (it is
/// the eigenspace of the eigenvalue 0).
pub const STROKE: Stroke = Stroke { role: Role::Eigen, width: 2.5, dash: crate::view::scene::Dash::Dashed };

/// A's null space in the page's orthonormal basis ([`null_basis`]), with A's rank and column count.
#[derive(Debug, Clone, PartialEq)]
pub struct NullSpace {
    /// n × k: one basis vector per column (k = n − rank; n×0 when only 0 maps to 0).
    pub basis: DMatrix<f64>,
    /// rank A, with numpy's tolerance.
    pub rank: usize,
}

impl NullSpace {
    /// The null space of `a`, or why it cannot be computed (the readout's note says it).
    pub fn of(a: &DMatrix<f64>) -> Result<NullSpace, String> {
        let basis = null_basis(a).map_err(|e| e.to_string())?;
        Ok(NullSpace { rank: a.ncols() - basis.ncols(), basis })
    }

    /// Its dimension k = n − rank.
    pub fn dim(&self) -> usize {
        self.basis.ncols()
    }

    /// The number of unknowns n (A's columns).
    pub fn n(&self) -> usize {
        self.basis.nrows()
    }

    /// Basis vector `i` in words, `(0.8944, −0.4472)` (entries are unit-sized, so noise is already 0).
    fn vector(&self, i: usize) -> String {
        let entries: Vec<String> = self.basis.column(i).iter().map(|x| display_at_scale(*x, 1.0)).collect();
        format!("({})", entries.join(", "))
    }

    /// The names of the free amounts: t; s and t; or t₁ … tₖ.
    fn parameters(&self) -> Vec<String> {
        match self.dim() {
            1 => vec!["t".into()],
            2 => vec!["s".into(), "t".into()],
            k => (1..=k).map(|i| format!("t{}", subscript(i))).collect(),
        }
    }

    /// Every point of the null space in words: `t·(0.8944, −0.4472)`, `s·(…) + t·(…)`; `0` when
    /// it is only the origin.
    pub fn points(&self) -> String {
        if self.dim() == 0 {
            return "0".into();
        }
        self.parameters().iter().enumerate().map(|(i, p)| format!("{p}·{}", self.vector(i))).collect::<Vec<_>>().join(" + ")
    }

    /// What the null space is, in a few words: "only 0", "a line", "a plane", "3-dimensional".
    pub fn shape(&self) -> String {
        match self.dim() {
            0 => "only the origin".into(),
            1 => "a line through the origin".into(),
            2 => "a plane through the origin".into(),
            k => format!("{k}-dimensional"),
        }
    }

    /// Every solution of Ax = b from one of them, `particular`: `x = (1, 0) + t·(…) for every t`, with
    /// the particular solution's rounding noise shown as 0.
    pub fn solutions(&self, particular: &[f64]) -> String {
        let scale = particular.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
        let x: Vec<String> = particular.iter().map(|x| display_at_scale(*x, scale)).collect();
        let every = match self.parameters().as_slice() {
            [one] => format!("every {one}"),
            [s, t] => format!("all {s}, {t}"),
            _ => format!("all t₁ … t{}", subscript(self.dim())),
        };
        format!("x = ({}) + {} for {every}", x.join(", "), self.points())
    }

    /// What A does to its null space, as a sentence for a summary (none when only 0 maps to 0):
    /// "It sends the line through (0.8944, −0.4472) to 0".
    pub fn sentence(&self) -> Option<String> {
        Some(match self.dim() {
            0 => return None,
            k if k == self.n() => "A = 0 sends every vector to 0".into(),
            1 => format!("It sends the line through {} to 0", self.vector(0)),
            2 => format!("It sends the plane spanned by {} and {} to 0", self.vector(0), self.vector(1)),
            k => format!("It sends a {k}-dimensional subspace to 0"),
        })
    }

    /// The `null_space` readout: the basis vectors as rows (`[]` when only 0 maps to 0).
    pub fn readout(&self) -> Readout {
        let rows: Vec<Vec<f64>> = self.basis.column_iter().map(|c| c.iter().copied().collect()).collect();
        let (n, k, r) = (self.n(), self.dim(), self.rank);
        let note = match k {
            0 => format!(
                "none but 0: rank {r} = {n} columns, so only x = 0 has Ax = 0, and Ax = b never has two solutions"
            ),
            _ if k == n => format!("all of ℝ{}: A = 0 sends every x to 0 (rank 0), one row per axis", superscript(n as i64)),
            1 if n <= 4 => format!(
                "a line (one row, a unit vector): rank {r} < {n}, and A sends every x = {} to 0. Where Ax = b has a solution, adding any of these gives another",
                self.points()
            ),
            2 if n <= 4 => format!(
                "a plane (two rows, an orthonormal basis): rank {r} < {n}, and A sends every x = {} to 0. Where Ax = b has a solution, adding any of these gives another",
                self.points()
            ),
            _ => format!(
                "{} (one row per basis vector, orthonormal): rank {r} < {n} leaves {k} free directions that A sends to 0. Where Ax = b has a solution, adding any of these gives another",
                self.shape()
            ),
        };
        Readout::new("null_space", "null space", Value::Matrix(rows), note)
    }

    /// The direction of a null line in the plane (n = 2, k = 1).
    pub fn plane_line(&self) -> Option<World> {
        (self.n() == 2 && self.dim() == 1).then(|| World::new(self.basis[(0, 0)], self.basis[(1, 0)]))
    }

    /// Draws a null line of the plane through the origin, mapped by `map` (the identity, or the map a
    /// timeline has reached), labelled unless `label` is empty.
    pub fn draw_in_plane(&self, scene: &mut Scene, map: &nalgebra::Matrix2<f64>, label: &str) {
        let Some(d) = self.plane_line() else { return };
        let direction = map * d;
        if direction.norm() > 1e-9 {
            let label = (!label.is_empty()).then(|| label.to_string());
            scene.push(Shape::Line { through: World::zeros(), direction, stroke: STROKE, label });
        }
    }

    /// Draws the null space of a 3-column A in space: a line, a plane patch of half-width `reach`, or
    /// (A = 0) a label saying that all of space goes to 0. Nothing for other column counts.
    pub fn draw_in_space(&self, space: &mut Space, reach: f64) {
        if self.n() != 3 {
            return;
        }
        let q = |i: usize| Point3::new(self.basis[(0, i)], self.basis[(1, i)], self.basis[(2, i)]);
        match self.dim() {
            1 => space.push(Shape3::Line { direction: q(0), reach, stroke: STROKE, label: Some(LABEL.into()) }),
            2 => {
                space.plane_patch(&q(0), &q(1), reach * 0.8, Role::Eigen);
                space.label(q(0) * reach * 0.8, format!("{LABEL}: a plane"), Role::Eigen);
            }
            3 => space.label(Point3::new(0.0, 0.0, -reach), format!("{LABEL} for every x"), Role::Eigen),
            _ => {}
        }
    }
}

/// The `null_space` readout of `a` (missing, with the reason, when the SVD fails).
pub fn readout(a: &DMatrix<f64>) -> Readout {
    match NullSpace::of(a) {
        Ok(n) => n.readout(),
        Err(why) => Readout::missing("null_space", "null space", why),
    }
}

/// The code panel's lines that compute and print A's null space the way the page shows it; they use
/// the `rank` the snippet computed before (numpy's `np.linalg.matrix_rank(A)`).
pub fn code(code: &mut Code, a: &DMatrix<f64>) {
    code.snippet(
        match NullSpace::of(a).map_or(0, |n| n.dim()) {
            0 => "null_space_none",
            1 => "null_space_line",
            _ => "null_space_more",
        },
        &[],
    );
    code.snippet("null_space", &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(rows: usize, cols: usize, entries: &[f64]) -> NullSpace {
        NullSpace::of(&DMatrix::from_row_slice(rows, cols, entries)).unwrap()
    }

    #[test]
    fn words_and_readout_follow_the_dimension() {
        let line = of(2, 2, &[1.0, 2.0, 2.0, 4.0]);
        assert_eq!((line.dim(), line.rank), (1, 1));
        assert_eq!(line.points(), "t·(0.8944, −0.4472)");
        assert_eq!(line.solutions(&[0.2, 6.661e-17]), "x = (0.2, 0) + t·(0.8944, −0.4472) for every t");
        let r = line.readout();
        let Value::Matrix(rows) = &r.value else { panic!("{:?}", r.value) };
        assert!(rows.len() == 1 && (rows[0][0] - 2.0 / 5f64.sqrt()).abs() < 1e-15 && (rows[0][1] + 1.0 / 5f64.sqrt()).abs() < 1e-15);
        assert!(r.note.contains("rank 1 < 2") && r.note.contains("t·(0.8944, −0.4472)"), "{}", r.note);
        assert_eq!(line.sentence().as_deref(), Some("It sends the line through (0.8944, −0.4472) to 0"));
        let none = of(2, 2, &[2.0, -1.0, 1.0, 1.0]);
        assert_eq!(none.sentence(), None);
        assert_eq!(none.readout().value.to_json(), "[]");
        assert_eq!(none.points(), "0");
        assert!(none.readout().note.contains("never has two solutions"));
        let plane = of(3, 3, &[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 3.0, 6.0, 9.0]);
        assert_eq!(plane.dim(), 2);
        assert!(plane.points().starts_with("s·(0.9636, −0.1482, −0.2224) + t·(0, 0.8321, −0.5547)"), "{}", plane.points());
        assert!(plane.solutions(&[1.0, 0.0, 0.0]).ends_with("for all s, t"));
        assert!(plane.sentence().unwrap().starts_with("It sends the plane spanned by (0.9636, −0.1482, −0.2224) and (0, 0.8321, −0.5547)"));
        assert_eq!(of(2, 2, &[0.0; 4]).sentence().as_deref(), Some("A = 0 sends every vector to 0"));
        let wide = of(1, 4, &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(wide.dim(), 3);
        assert!(wide.readout().note.contains("3-dimensional"), "{}", wide.readout().note);
        assert!(wide.solutions(&[0.25; 4]).contains("t₁·(") && wide.solutions(&[0.25; 4]).ends_with("for all t₁ … t₃"));
    }

    #[test]
    fn the_figure_draws_a_line_or_a_plane() {
        let mut scene = Scene::default();
        of(2, 2, &[1.0, 2.0, 2.0, 4.0]).draw_in_plane(&mut scene, &nalgebra::Matrix2::identity(), LABEL);
        assert!(matches!(&scene.shapes[..], [Shape::Line { label: Some(l), .. }] if l == LABEL));
        // Squashed all the way (the map has reached A): nothing is left to draw.
        let mut scene = Scene::default();
        of(2, 2, &[1.0, 2.0, 2.0, 4.0]).draw_in_plane(&mut scene, &nalgebra::Matrix2::new(1.0, 2.0, 2.0, 4.0), "");
        assert!(scene.shapes.is_empty());
        let mut space = Space::default();
        of(3, 3, &[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 3.0, 6.0, 9.0]).draw_in_space(&mut space, 4.0);
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(f), .. } if f.role == Role::Eigen)));
        let mut space = Space::default();
        of(3, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]).draw_in_space(&mut space, 4.0);
        assert!(matches!(&space.shapes[..], [Shape3::Line { .. }]));
    }
}
