//! 2.4 Linear dependence and span: which targets b the columns of A can reach, and whether any column
//! is redundant. Ranks come from the SVD with numpy's tolerance (as `np.linalg.matrix_rank`).

use super::common::{bounds, column_handles, drag_into, equation, pick_option, plane, point, vector_handle, with_background};
use super::common3d::{column3, column_role, drag_into3, point3, reach, space_column_handles, space_vector_handle};
use super::determinant::{determinant, Det};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SliderRange, SpaceHandle};
use crate::format::{display_number, display_shape, display_tuple};
use crate::math::svd::{svd, PINV_RCOND};
use crate::readout::{vector_readout, Readout, Value};
use crate::view::scene::{Dash, Fill, Role, Scene, Shape, Stroke};
use crate::view::space::{plane_basis, Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The page state: the vectors (A's columns) and the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    /// The amounts of u and v on the figure's head-to-tail path (sliders `ca`, `cb`); in the row
    /// picture the same two numbers are the point x = (ca, cb).
    ca: f64,
    cb: f64,
    /// Which picture of the system the figure draws (`picture`): one of [`PICTURES`].
    picture: &'static str,
}

/// The figure's two pictures of a system in two unknowns: the columns reaching b, or one line per equation.
const PICTURES: &[(&str, &str)] = &[("columns", "Column picture"), ("rows", "Row picture")];

/// The number of equations (`equations`): the reader's two, or those two and the seed's third.
const EQUATIONS: &[(&str, &str)] = &[("2", "Two equations"), ("3", "Add 7x − y = 2")];

/// The seed's third equation 7x − y = 2 (its overdetermined example): a row of A and an entry of b.
const THIRD_ROW: [f64; 2] = [7.0, -1.0];
/// See [`THIRD_ROW`].
const THIRD_B: f64 = 2.0;

/// How the row picture draws equation i: three lines that stay apart in colour and dash.
const ROW_STROKES: [Stroke; 3] = [
    Stroke { role: Role::Second, width: 2.5, dash: Dash::Solid },
    Stroke { role: Role::Data, width: 2.5, dash: Dash::Dashed },
    Stroke { role: Role::Eigen, width: 2.5, dash: Dash::Dotted },
];

/// Largest amount a coefficient slider's number field accepts (the path stays drawable).
const MAX_COEFFICIENT: f64 = 1e6;

/// The seed's linear combination: u = (1, 3) and v = (2, 1) as A's columns, and b = 2u + v = (4, 7),
/// with the path's sliders on those amounts.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Span {
        a: DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 1.0]),
        b: DMatrix::from_column_slice(2, 1, &[4.0, 7.0]),
        ca: 2.0,
        cb: 1.0,
        picture: PICTURES[0].0,
    })
}

/// How b relates to the column space.
#[derive(Debug, Clone, PartialEq)]
enum Reach {
    /// b has the wrong number of entries.
    WrongLength,
    /// A decomposition failed; the reason.
    Failed(String),
    /// b is in the span; the coefficients (unique when `unique`, else the shortest ones, A⁺b).
    Reached { coefficients: DMatrix<f64>, unique: bool },
    /// b is outside the span; the least-squares coefficients A⁺b and the closest point of the span, A·A⁺b.
    Unreachable { least_squares: DMatrix<f64>, closest: DMatrix<f64> },
}

impl Span {
    fn m(&self) -> usize {
        self.a.nrows()
    }

    fn n(&self) -> usize {
        self.a.ncols()
    }

    fn rank(&self) -> Result<usize, String> {
        svd(&self.a).map(|s| s.rank()).map_err(|e| e.to_string())
    }

    /// rank [A | b], when b fits.
    fn augmented_rank(&self) -> Option<Result<usize, String>> {
        (self.b.len() == self.m()).then(|| {
            let aug = DMatrix::from_fn(self.m(), self.n() + 1, |r, c| if c < self.n() { self.a[(r, c)] } else { self.b[r] });
            svd(&aug).map(|s| s.rank()).map_err(|e| e.to_string())
        })
    }

    fn reach(&self) -> Reach {
        let Some(aug) = self.augmented_rank() else { return Reach::WrongLength };
        let (rank, aug) = match (self.rank(), aug) {
            (Ok(r), Ok(q)) => (r, q),
            (Err(e), _) | (_, Err(e)) => return Reach::Failed(e),
        };
        let pinv = match svd(&self.a).and_then(|s| s.pseudo_inverse(PINV_RCOND)) {
            Ok(p) => p,
            Err(e) => return Reach::Failed(e.to_string()),
        };
        let coefficients = &pinv * &self.b;
        if coefficients.iter().any(|x| !x.is_finite()) {
            return Reach::Failed("the result is too large for a 64-bit float (overflow)".into());
        }
        if aug == rank {
            Reach::Reached { coefficients, unique: rank == self.n() }
        } else {
            Reach::Unreachable { closest: &self.a * &coefficients, least_squares: coefficients }
        }
    }

    fn names(&self) -> Vec<String> {
        match self.n() {
            2 => vec!["u".into(), "v".into()],
            n => (1..=n).map(|i| format!("a{}", subscript(i))).collect(),
        }
    }

    /// "2u + 1v" for coefficients.
    fn combination(&self, c: &DMatrix<f64>) -> String {
        c.iter()
            .zip(self.names())
            .map(|(x, name)| format!("{}·{name}", display_number(*x)))
            .collect::<Vec<_>>()
            .join(" + ")
            .replace("+ −", "− ")
    }

    /// Whether the figure is drawn in space: the column picture of up to three columns with three
    /// entries, and b too.
    fn in_space(&self) -> bool {
        !self.rows_picture() && self.m() == 3 && self.n() <= 3 && self.b.len() == 3
    }

    /// Whether the row picture is chosen (it exists for two unknowns only).
    fn rows_picture(&self) -> bool {
        self.picture == "rows"
    }

    /// Whether the row picture can draw the system: one to three equations in two unknowns, b with
    /// one entry per equation.
    fn rows_drawn(&self) -> bool {
        self.rows_picture() && self.n() == 2 && self.m() <= 3 && self.b.len() == self.m()
    }

    /// The `equations` choice's value while it applies (two unknowns and two or three equations).
    fn equations(&self) -> Option<&'static str> {
        match (self.m(), self.n()) {
            (2, 2) => Some("2"),
            (3, 2) => Some("3"),
            _ => None,
        }
    }

    /// Appends the seed's third equation 7x − y = 2 to a system of two (b gets its entry when it fits).
    fn add_third_equation(&mut self) {
        if self.m() != 2 {
            return;
        }
        if self.b.len() == 2 {
            self.b = self.b.clone().insert_row(2, THIRD_B);
        }
        let mut a = self.a.clone().insert_row(2, 0.0);
        a[(2, 0)] = THIRD_ROW[0];
        a[(2, 1)] = THIRD_ROW[1];
        self.a = a;
    }

    /// Removes the third equation, keeping the first two as they are.
    fn drop_third_equation(&mut self) {
        if self.m() != 3 {
            return;
        }
        if self.b.len() == 3 {
            self.b = self.b.clone().remove_row(2);
        }
        self.a = self.a.clone().remove_row(2);
    }

    /// Equation i, a·x = b, as the line it is in the plane of (x, y): a point on it and its
    /// direction; `None` for a row of zeros (0 = bᵢ is no line) or non-finite numbers.
    fn equation_line(&self, i: usize) -> Option<(World, World)> {
        let normal = World::new(*self.a.get((i, 0))?, *self.a.get((i, 1))?);
        let b = *self.b.get(i)?;
        // Scaled first so that squaring neither overflows nor underflows.
        let scale = normal.amax();
        if !(scale > 0.0 && scale.is_finite() && b.is_finite()) {
            return None;
        }
        let unit = normal / scale;
        let through = unit * (b / scale / unit.norm_squared());
        through.iter().all(|x| x.is_finite()).then(|| (through, World::new(-unit.y, unit.x)))
    }

    /// Where equations i and j cross, when their lines are not parallel.
    fn crossing(&self, i: usize, j: usize) -> Option<World> {
        let rows = Matrix2::new(*self.a.get((i, 0))?, *self.a.get((i, 1))?, *self.a.get((j, 0))?, *self.a.get((j, 1))?);
        let rhs = World::new(*self.b.get(i)?, *self.b.get(j)?);
        let det = rows.determinant();
        let size = rows.row(0).norm() * rows.row(1).norm();
        if !(det.is_finite() && det.abs() > 1e-12 * size) {
            return None;
        }
        let x = rows.try_inverse()? * rhs;
        x.iter().all(|v| v.is_finite()).then_some(x)
    }

    /// Every pairwise crossing of the row picture's lines.
    fn crossings(&self) -> Vec<World> {
        let m = self.m().min(3);
        (0..m).flat_map(|i| (i + 1..m).map(move |j| (i, j))).filter_map(|(i, j)| self.crossing(i, j)).collect()
    }

    /// The row picture: one line per equation, their crossings, and the solution (or, when the
    /// lines share no point, the least-squares x = A⁺b); the handle is x = (ca, cb).
    fn row_scene(&self) -> Scene {
        let mut scene = Scene::default();
        if !self.rows_drawn() {
            return scene;
        }
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        scene.push(Shape::Axes);
        // Each equation is written on its line near where it leaves the fitted view (a little
        // inside it): the first and third at their upper ends, the second at its lower end, away
        // from the crossings in the middle; the renderer moves any that still overlap apart.
        // The fitted view shows at least the square that holds the content box.
        let (lo, hi) = self.content_bounds();
        let reach = hi.amax().max(-lo.amin());
        let corner = World::new(reach, reach) * 0.9;
        for (i, (stroke, upper)) in ROW_STROKES.iter().zip([true, false, true]).enumerate().take(self.m()) {
            if let Some((through, direction)) = self.equation_line(i) {
                scene.push(Shape::Line { through, direction, stroke: *stroke, label: None });
                if let Some(at) = line_end(through, direction, -corner, corner, upper) {
                    scene.push(Shape::Label { at, text: equation_of(&self.a, &self.b, i), role: stroke.role });
                }
            }
        }
        if self.m() == 3 {
            for at in self.crossings() {
                scene.push(Shape::Dot { at, role: Role::Axis, radius: 3.5 });
            }
        }
        let marked = |scene: &mut Scene, x: &DMatrix<f64>, role: Role, text: &str| {
            if let Some(at) = point(x).filter(|p| p.iter().all(|v| v.is_finite())) {
                scene.push(Shape::Dot { at, role, radius: 6.0 });
                scene.push(Shape::Label { at: at + World::new(0.0, reach * 0.05), text: text.into(), role });
            }
        };
        let x = World::new(self.ca, self.cb);
        scene.push(Shape::Label {
            at: x + World::new(0.0, reach * 0.05),
            text: format!("x = {}", display_tuple(&[self.ca, self.cb])),
            role: Role::Input,
        });
        match self.reach() {
            Reach::Reached { coefficients, unique: true } => {
                marked(&mut scene, &coefficients, Role::Input, if self.m() == 3 { "all three meet" } else { "the solution" })
            }
            Reach::Reached { coefficients, unique: false } if self.rank().unwrap_or(0) > 0 => {
                marked(&mut scene, &coefficients, Role::Input, "A⁺b: the shortest solution")
            }
            Reach::Unreachable { least_squares, .. } => marked(&mut scene, &least_squares, Role::Image, "A⁺b: least squares"),
            _ => {}
        }
        scene
    }

    /// The row picture in words: where the lines meet, or the least-squares point when they do not.
    fn row_summary(&self) -> String {
        let lines = match self.m() {
            1 => "The row picture: the one equation is a line".to_string(),
            m => format!("The row picture: each of the {m} equations is a line"),
        };
        let all = match self.m() {
            1 => "it",
            2 => "both",
            _ => "all three",
        };
        let candidate = format!(
            "The ring x = {} holds the column picture's amounts ca and cb; where it lies on every line, Ax = b.",
            display_tuple(&[self.ca, self.cb])
        );
        let meeting = match self.reach() {
            Reach::Reached { coefficients, unique: true } => {
                format!("they meet at x = {}, the one solution", display_tuple(coefficients.as_slice()))
            }
            Reach::Reached { coefficients, unique: false } => {
                let shortest = display_tuple(coefficients.as_slice());
                match (self.rank(), self.m()) {
                    (Ok(0), _) => format!("every equation reads 0 = 0, so every x solves {all}; the shortest is A⁺b = {shortest}"),
                    (_, 1) => format!("every point of it is a solution; the shortest is A⁺b = {shortest}"),
                    _ => {
                        format!("they lie on top of each other, so every point of that line solves {all}; the shortest is A⁺b = {shortest}")
                    }
                }
            }
            Reach::Unreachable { least_squares, .. } => {
                let closest = display_tuple(least_squares.as_slice());
                if self.m() == 1 {
                    format!(
                        "it reads 0 = {}, so no x satisfies it; the closest in the least-squares sense is x = A⁺b = {closest}",
                        display_number(self.b[0])
                    )
                } else {
                    format!("they share no common point, so no x satisfies {all}; the closest in the least-squares sense (smallest ‖Ax − b‖) is x = A⁺b = {closest}")
                }
            }
            Reach::WrongLength => format!("b has {} entries, so it is not one right-hand side per equation", self.b.len()),
            Reach::Failed(why) => why,
        };
        format!("{lines}: {meeting}. {candidate}")
    }

    /// The row picture's draggable point x = (ca, cb).
    fn x_handle(&self) -> Handle {
        Handle {
            name: "x".into(),
            at: World::new(self.ca, self.cb),
            role: Role::Input,
            label: format!("x = {}, the amounts ca and cb", display_tuple(&[self.ca, self.cb])),
        }
    }

    /// The 3-D figure: the columns, their span (a shaded plane, a line, or all of space), and b
    /// reached head to tail or marked out of reach with its distance to the span.
    fn space_figure(&self) -> Option<Space> {
        if !self.in_space() {
            return None;
        }
        let b = point3(&self.b)?;
        let columns: Vec<Point3> = (0..self.n()).filter_map(|c| column3(&self.a, c)).collect();
        let rank = self.rank().ok()?;
        // The head-to-tail path: the sliders' amounts of u and v, or for three columns the
        // combination that reaches b (when one does).
        let reached = self.reach();
        let amounts: Vec<f64> = match &reached {
            _ if self.n() == 2 => vec![self.ca, self.cb],
            Reach::Reached { coefficients, .. } if rank > 0 => coefficients.iter().copied().collect(),
            _ => Vec::new(),
        };
        let mut path = vec![Point3::zeros()];
        for (column, x) in columns.iter().zip(&amounts) {
            path.push(path[path.len() - 1] + column * *x);
        }
        let mut points = columns.clone();
        points.push(b);
        points.extend(path.iter().copied());
        let reach_all = reach(&points);
        let mut space = Space::default();
        match rank {
            0 => space.push(Shape3::Dot { at: Point3::zeros(), role: Role::Basis1, radius: 7.0 }),
            1 => {
                let along = columns.iter().copied().fold(Point3::zeros(), |a, c| if c.norm() > a.norm() { c } else { a });
                space.push(Shape3::Line {
                    direction: along,
                    reach: reach_all,
                    stroke: Stroke::solid(Role::Basis1, 4.0),
                    label: Some("span: a line".into()),
                });
            }
            2 => {
                // The two columns that are furthest from parallel span the plane.
                let mut best = (0.0, 0, 0);
                for i in 0..columns.len() {
                    for j in i + 1..columns.len() {
                        let area = columns[i].normalize().cross(&columns[j].normalize()).norm();
                        if area.is_finite() && area > best.0 {
                            best = (area, i, j);
                        }
                    }
                }
                space.plane_patch(&columns[best.1], &columns[best.2], reach_all, Role::Basis1);
                // The label at the patch's highest corner, away from the vectors near the origin.
                if let Some((e1, e2)) = plane_basis(&columns[best.1], &columns[best.2]) {
                    let corners = [e1 + e2, e1 - e2, -e1 + e2, -e1 - e2].map(|c| c * reach_all);
                    let top = corners.iter().copied().fold(corners[0], |a, c| if (c.z, c.y) > (a.z, a.y) { c } else { a });
                    space.label(top, format!("span{{{}}}: a plane", self.names().join(", ")), Role::Basis1);
                }
            }
            _ => space.label(Point3::new(0.0, 0.0, reach_all * 1.2), "span: all of space", Role::Basis1),
        }
        let names = self.names();
        for (c, (column, name)) in columns.iter().zip(&names).enumerate() {
            space.arrow(*column, Stroke::solid(column_role(c), 3.0), name.clone());
        }
        for (c, (leg, x)) in path.windows(2).zip(&amounts).enumerate() {
            if *x != 0.0 {
                space.arrow_from(leg[0], leg[1], Stroke::dashed(column_role(c), 2.0), format!("{}·{}", display_number(*x), names[c]));
            }
        }
        let end = path[path.len() - 1];
        if !amounts.is_empty() && (end - b).norm() > 1e-9 * (1.0 + b.norm()) {
            space.push(Shape3::Dot { at: end, role: Role::Second, radius: 4.0 });
        }
        match reached {
            Reach::Reached { .. } if rank > 0 => {
                space.push(Shape3::Dot { at: b, role: Role::Image, radius: 6.0 });
                space.label(b + Point3::new(0.0, 0.0, reach_all * 0.06), "b", Role::Image);
            }
            Reach::Unreachable { closest, .. } => {
                if let Some(p) = point3(&closest) {
                    space.arrow_from(p, b, Stroke::dotted(Role::Image, 1.5), "");
                }
                space.push(Shape3::Dot { at: b, role: Role::Image, radius: 6.0 });
                space.label(b + Point3::new(0.0, 0.0, reach_all * 0.06), "b: out of reach", Role::Image);
            }
            _ => {
                space.push(Shape3::Dot { at: b, role: Role::Image, radius: 6.0 });
                space.label(b + Point3::new(0.0, 0.0, reach_all * 0.06), "b", Role::Image);
            }
        }
        space.axes_and_ground(reach_all);
        Some(space)
    }

    fn rank_readouts(&self, out: &mut Vec<Readout>) {
        let (m, n) = (self.m(), self.n());
        match self.rank() {
            Ok(r) => {
                let space = match r {
                    0 => "only the zero vector".to_string(),
                    1 => "a line through the origin".to_string(),
                    2 => "a plane through the origin".to_string(),
                    r => format!("a {r}-dimensional subspace"),
                };
                let whole = if r == m { format!(": all of ℝ{}", superscript(m)) } else { String::new() };
                out.push(Readout::new("rank", "rank A", Value::Number(r as f64), format!("the span of the columns is {space}{whole}")));
                let note = if r == n {
                    format!("rank {r} = {n} columns: none is a combination of the others")
                } else if n > m {
                    format!("{n} vectors in ℝ{}: more than {m} vectors are always dependent", superscript(m))
                } else {
                    format!("rank {r} < {n} columns: at least one column adds no new direction")
                };
                out.push(Readout::new("independent", "independent", Value::Bool(r == n), note));
            }
            Err(e) => {
                out.push(Readout::missing("rank", "rank A", e.clone()));
                out.push(Readout::missing("independent", "independent", e));
            }
        }
    }

    fn reach_readouts(&self, out: &mut Vec<Readout>) {
        let ranks = || match (self.rank(), self.augmented_rank()) {
            (Ok(r), Some(Ok(q))) => format!("rank [A | b] = {q}, rank A = {r}"),
            _ => String::new(),
        };
        match self.reach() {
            Reach::WrongLength => {
                let why = format!(
                    "not defined: the columns of A have {} entries but b has {}; b must live in the same space",
                    self.m(),
                    self.b.len()
                );
                out.push(Readout::missing("in_span", "b in span", why.clone()));
                out.push(Readout::missing("coefficients", "coefficients", why));
            }
            Reach::Failed(why) => {
                out.push(Readout::missing("in_span", "b in span", why.clone()));
                out.push(Readout::missing("coefficients", "coefficients", why));
            }
            Reach::Reached { coefficients, unique } => {
                out.push(Readout::new("in_span", "b in span", Value::Bool(true), format!("{}: adding b adds no direction", ranks())));
                let note = if unique {
                    format!("the only combination: b = {} (A⁺b, exact here)", self.combination(&coefficients))
                } else {
                    format!("one of infinitely many combinations, the shortest (A⁺b): b = {}", self.combination(&coefficients))
                };
                out.push(vector_readout("coefficients", "coefficients", &coefficients, note));
            }
            Reach::Unreachable { least_squares, .. } => {
                out.push(Readout::new(
                    "in_span",
                    "b in span",
                    Value::Bool(false),
                    format!("{}: b points out of the span, no combination reaches it", ranks()),
                ));
                let closest = display_tuple(least_squares.as_slice());
                out.push(Readout::missing(
                    "coefficients",
                    "coefficients",
                    format!(
                        "b is out of reach: no combination of the columns gives it (the closest one is the least-squares A⁺b = {closest}, chapter 2.9)"
                    ),
                ));
            }
        }
    }
}

/// Where the line through `through` along `direction` leaves the box from `lo` to `hi`: at its
/// upper end (or right end, for a level line) when `upper`, else at its lower end; `None` when it
/// misses the box.
fn line_end(through: World, direction: World, lo: World, hi: World, upper: bool) -> Option<World> {
    let d = direction / direction.norm();
    let d = if d.y < 0.0 || (d.y == 0.0 && d.x < 0.0) { -d } else { d };
    let (mut enter, mut leave) = (f64::NEG_INFINITY, f64::INFINITY);
    for k in 0..2 {
        if d[k] != 0.0 {
            let (a, b) = ((lo[k] - through[k]) / d[k], (hi[k] - through[k]) / d[k]);
            enter = enter.max(a.min(b));
            leave = leave.min(a.max(b));
        } else if through[k] < lo[k] || through[k] > hi[k] {
            return None;
        }
    }
    let at = through + d * if upper { leave } else { enter };
    (enter <= leave && at.iter().all(|v| v.is_finite())).then_some(at)
}

/// Equation i of the system as text, e.g. `7x − y = 2` (a row of zeros reads `0 = 2`).
fn equation_of(a: &DMatrix<f64>, b: &DMatrix<f64>, i: usize) -> String {
    let row = World::new(a.get((i, 0)).copied().unwrap_or(0.0), a.get((i, 1)).copied().unwrap_or(0.0));
    equation(row, b.get(i).copied().unwrap_or(0.0))
}

fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
        })
        .collect()
}

impl Chapter for Span {
    fn explanation(&self) -> &'static str {
        include_str!("span.html")
    }

    fn inputs(&self) -> Vec<Input> {
        let mut out = vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "b", kind: InputKind::Vector, value: self.b.clone() },
        ];
        // The path's amounts exist while there are two vectors u and v.
        if self.n() == 2 {
            out.push(Input { name: "ca", kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.ca) });
            out.push(Input { name: "cb", kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.cb) });
        }
        out
    }

    fn slider(&self, input: &str) -> Option<SliderRange> {
        matches!(input, "ca" | "cb").then_some(SliderRange { min: -5.0, max: 5.0, step: 0.1 })
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "A" => {
                // A target that fitted the old columns follows their length (new entries 0), so
                // adding a row in the editor, or linking only A, keeps b in the same space.
                if self.b.len() == self.a.nrows() && self.b.len() != value.nrows() {
                    self.b = self.b.clone().resize(value.nrows(), 1, 0.0);
                }
                // The row picture draws equations in two unknowns only.
                if value.ncols() != 2 {
                    self.picture = PICTURES[0].0;
                }
                self.a = value;
            }
            "b" if value.ncols() == 1 => self.b = value,
            "b" => return Err("a vector is one row of entries separated by commas".into()),
            "ca" | "cb" if value.len() == 1 && value[0].abs() <= MAX_COEFFICIENT => {
                if name == "ca" {
                    self.ca = value[0];
                } else {
                    self.cb = value[0];
                }
            }
            "ca" | "cb" => return Err(format!("{name} is one number between −1e6 and 1e6")),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        // Both exist while there are two unknowns (two columns); `equations` while there are two or three equations.
        let mut out = Vec::new();
        if self.n() == 2 {
            out.push(Choice { name: "picture", label: "Figure", options: PICTURES, current: self.picture });
        }
        if let Some(current) = self.equations() {
            out.push(Choice { name: "equations", label: "Equations", options: EQUATIONS, current });
        }
        out
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "picture" if self.n() == 2 => self.picture = pick_option(PICTURES, value)?,
            "equations" if self.equations().is_some() => {
                if pick_option(EQUATIONS, value)? == "3" {
                    self.add_third_equation();
                } else {
                    self.drop_third_equation();
                }
            }
            _ => return Err(format!("this page has no choice called {name} now")),
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn handles(&self) -> Vec<Handle> {
        if self.rows_picture() {
            return if self.rows_drawn() { vec![self.x_handle()] } else { Vec::new() };
        }
        if self.figure_note().is_some() {
            return Vec::new();
        }
        let mut out = column_handles(&self.a, "A");
        for (h, name) in out.iter_mut().zip(["u", "v"]) {
            h.label = h.label.replacen("column", &format!("{name}, column"), 1);
        }
        out.extend(vector_handle(&self.b, "b", Role::Image));
        out
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        if self.rows_picture() {
            let fits = to.iter().all(|x| x.is_finite() && x.abs() <= MAX_COEFFICIENT);
            let moved = name == "x" && self.rows_drawn() && fits && (to.x, to.y) != (self.ca, self.cb);
            if moved {
                (self.ca, self.cb) = (to.x, to.y);
            }
            return moved;
        }
        drag_into(&mut self.a, "A", name, to) || drag_into(&mut self.b, "b", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        self.rank_readouts(&mut out);
        self.reach_readouts(&mut out);
        if self.a.is_square() {
            out.push(match determinant(&self.a) {
                Det::Overflow { .. } => Readout::missing("det", "det A", "the result is too large for a 64-bit float (overflow)"),
                d => Readout::new(
                    "det",
                    "det A",
                    Value::Number(d.finite().unwrap_or(0.0)),
                    "square A: the columns are independent exactly when det A ≠ 0 (the rank decides it here)",
                ),
            });
        }
        out.push(Readout::new(
            "A",
            "A",
            Value::matrix(&self.a),
            format!("{}: {} vectors with {} entries", display_shape(&self.a), self.n(), self.m()),
        ));
        out.push(Readout::new("b", "b", Value::vector(&self.b), format!("{} entries", self.b.len())));
        out
    }

    fn scene(&self, _timeline: &Timeline) -> Scene {
        if self.rows_picture() {
            return self.row_scene();
        }
        let (Some(a), Some(b)) = (plane(&self.a), point(&self.b)) else { return Scene::default() };
        let (u, v): (World, World) = (a.column(0).into_owned(), a.column(1).into_owned());
        let mut scene = Scene::default();
        let rank = self.rank().unwrap_or(0);
        match rank {
            2 => {
                // The whole plane: a light tint everywhere, and the lattice of integer combinations.
                let far = 1e4 * (1.0 + u.amax().max(v.amax()).max(b.amax()));
                scene.push(Shape::Polygon {
                    points: vec![World::new(-far, -far), World::new(far, -far), World::new(far, far), World::new(-far, far)],
                    fill: Some(Fill { role: Role::Basis1, alpha: 0.07 }),
                    stroke: None,
                });
                scene.push(Shape::Lattice { map: a, stroke: Stroke::solid(Role::Grid, 1.0) });
            }
            1 => {
                let along = if u.norm() >= v.norm() { u } else { v };
                scene.push(Shape::Line {
                    through: World::zeros(),
                    direction: along,
                    stroke: Stroke::solid(Role::Basis1, 4.0),
                    label: Some("span{u, v}: a line".into()),
                });
            }
            _ => scene.push(Shape::Dot { at: World::zeros(), role: Role::Basis1, radius: 7.0 }),
        }
        scene.arrow(u, Stroke::solid(Role::Basis1, 3.0), "u");
        scene.arrow(v, Stroke::solid(Role::Basis2, 3.0), "v");
        // The sliders' combination, head to tail: ca steps along u, then cb along v.
        let leg = u * self.ca;
        let end = leg + v * self.cb;
        scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), format!("{}·u", display_number(self.ca)));
        scene.arrow_from(leg, end, Stroke::dashed(Role::Basis2, 2.0), format!("{}·v", display_number(self.cb)));
        if (end - b).norm() > 1e-9 * (1.0 + b.norm()) {
            scene.push(Shape::Dot { at: end, role: Role::Second, radius: 4.0 });
        }
        match self.reach() {
            Reach::Reached { .. } if rank > 0 => {
                scene.push(Shape::Dot { at: b, role: Role::Image, radius: 6.0 });
                scene.push(Shape::Label { at: b + World::new(0.3, 0.3), text: "b".into(), role: Role::Image });
            }
            Reach::Unreachable { closest, .. } => {
                if let Some(p) = point(&closest) {
                    scene.arrow_from(p, b, Stroke::dotted(Role::Image, 1.5), "");
                }
                scene.push(Shape::Dot { at: b, role: Role::Image, radius: 6.0 });
                scene.push(Shape::Label { at: b + World::new(0.3, 0.3), text: "b: out of reach".into(), role: Role::Image });
            }
            _ => {
                scene.push(Shape::Dot { at: b, role: Role::Image, radius: 6.0 });
                scene.push(Shape::Label { at: b + World::new(0.3, 0.3), text: "b".into(), role: Role::Image });
            }
        }
        with_background(scene)
    }

    fn space(&self, _timeline: &Timeline) -> Option<Space> {
        self.space_figure()
    }

    fn space_handles(&self) -> Vec<SpaceHandle> {
        if !self.in_space() {
            return Vec::new();
        }
        let mut out = space_column_handles(&self.a, "A");
        for (h, name) in out.iter_mut().zip(self.names()) {
            h.label = h.label.replacen("column", &format!("{name}, column"), 1);
        }
        out.extend(space_vector_handle(&self.b, "b", Role::Image));
        out
    }

    fn move_space_handle(&mut self, name: &str, to: Point3) -> bool {
        drag_into3(&mut self.a, "A", name, to) || drag_into3(&mut self.b, "b", name, to)
    }

    fn figure_note(&self) -> Option<String> {
        if self.rows_picture() {
            return (!self.rows_drawn()).then(|| {
                format!(
                    "The row picture draws up to three equations in two unknowns, one line each (A with 2 columns, b with one entry per row); now A is {} and b has {} entries. The numbers below are still exact.",
                    display_shape(&self.a),
                    self.b.len()
                )
            });
        }
        let drawn = (plane(&self.a).is_some() && point(&self.b).is_some()) || self.in_space();
        (!drawn).then(|| {
            format!(
                "The figure draws two vectors in the plane (a 2×2 A, b with 2 entries) or up to three in space (A with 3 rows and at most 3 columns, b with 3 entries); now A is {} and b has {} entries. The numbers below are still exact.",
                display_shape(&self.a),
                self.b.len()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::zeros()];
        if self.rows_picture() {
            // The candidate x, every crossing, the marked solution or least-squares point, and the
            // point of each line nearest the origin.
            points.push(World::new(self.ca, self.cb));
            points.extend(self.crossings());
            points.extend((0..self.m().min(3)).filter_map(|i| self.equation_line(i)).map(|(through, _)| through));
            match self.reach() {
                Reach::Reached { coefficients: x, .. } | Reach::Unreachable { least_squares: x, .. } => points.extend(point(&x)),
                _ => {}
            }
            points.retain(|p| p.iter().all(|v| v.is_finite()));
        } else if let Some(a) = plane(&self.a) {
            points.push(a.column(0).into_owned());
            points.push(a.column(1).into_owned());
        }
        points.extend(point(&self.b));
        if let Some(a) = plane(&self.a) {
            // The sliders' path.
            let leg: World = a.column(0) * self.ca;
            points.push(leg);
            points.push(leg + a.column(1) * self.cb);
        }
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
            "rank = np.linalg.matrix_rank(A)",
            "rank = torch.linalg.matrix_rank(A)",
            "let s = a.clone().svd(true, true);\nlet tol = s.singular_values.max() * (a.nrows().max(a.ncols()) as f64) * f64::EPSILON;\nlet rank = s.rank(tol);",
        );
        code.line("independent = rank == A.shape[1]", "independent = rank == A.shape[1]", "let independent = rank == a.ncols();");
        if self.n() == 2 {
            code.line(
                "path_end = ca * A[:, 0] + cb * A[:, 1]  # the dashed path: ca·u, then cb·v",
                "path_end = ca * A[:, 0] + cb * A[:, 1]",
                "let path_end = a.column(0) * ca + a.column(1) * cb;",
            );
        }
        if self.b.len() == self.m() {
            code.line(
                "in_span = np.linalg.matrix_rank(np.column_stack([A, b])) == rank",
                "in_span = torch.linalg.matrix_rank(torch.column_stack([A, b])) == rank",
                "// in_span: the same rank test on a.clone().insert_column(a.ncols(), 0.0) with b as its last column",
            );
            code.line(
                "coefficients = np.linalg.pinv(A) @ b  # exact when b is in the span",
                "coefficients = torch.linalg.pinv(A) @ b",
                "let coefficients = s.pseudo_inverse(1e-15).unwrap() * &b;",
            );
        } else {
            code.line(
                "# b has the wrong length for A's columns: np.column_stack([A, b]) raises an error",
                "# b has the wrong length for A's columns",
                "// b has the wrong length for a's columns",
            );
        }
        code
    }

    fn summary(&self) -> String {
        if self.rows_drawn() {
            return self.row_summary();
        }
        let Ok(rank) = self.rank() else { return "The rank of A could not be computed.".into() };
        let vectors = if self.n() == 2 { "u and v".to_string() } else { format!("the {} columns of A", self.n()) };
        let span = match (rank, self.m()) {
            (0, _) => "their span is only the origin".to_string(),
            (r, m) if r == m && m == 2 => "their span is the whole plane".to_string(),
            (1, _) => "their span is a line".to_string(),
            (r, _) => format!("their span has dimension {r}"),
        };
        let kind = if rank == self.n() { "independent" } else { "dependent" };
        let reach = match self.reach() {
            Reach::Reached { coefficients, unique: true } => format!("b = {}", self.combination(&coefficients)),
            Reach::Reached { coefficients, unique: false } => {
                format!("b is reached in infinitely many ways, for example b = {}", self.combination(&coefficients))
            }
            Reach::Unreachable { .. } => "b is out of reach: no combination gives it".into(),
            Reach::WrongLength => format!("b has {} entries, so it is not in the same space", self.b.len()),
            Reach::Failed(why) => why,
        };
        format!("{vectors} are {kind}: {span}, and {reach}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{check_everything, open, readout, value};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("span", params)
    }

    fn close(v: &Value, want: &[f64]) -> bool {
        matches!(v, Value::Vector(x) if x.len() == want.len() && x.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12 * (1.0 + b.abs())))
    }

    #[test]
    fn the_default_is_the_seeds_2u_plus_v() {
        let c = build();
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(2.0));
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(true));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        assert!(close(&value(c.as_ref(), "coefficients"), &[2.0, 1.0]), "{:?}", value(c.as_ref(), "coefficients"));
        assert!(c.summary().contains("whole plane") && c.summary().contains("b = 2·u + 1·v"), "{}", c.summary());
        let names: Vec<String> = c.handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["A:0", "A:1", "b"]);
    }

    #[test]
    fn the_seeds_parallel_columns_cannot_reach_b() {
        // {y = 2x + 6, y = 2x}: columns (2, 2) and (−1, −1), b = (−6, 0).
        let c = page(&[("A", "2,-1;2,-1"), ("b", "-6,0")]);
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(1.0));
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(false));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        let coefficients = readout(c.as_ref(), "coefficients");
        assert_eq!(coefficients.value, Value::Null);
        assert!(coefficients.note.contains("out of reach"));
        assert!(c.summary().contains("a line") && c.summary().contains("out of reach"), "{}", c.summary());
        let scene = c.scene(&Timeline::new(0));
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Line { .. })));
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text.contains("out of reach"))));
        // On the line: reachable in infinitely many ways; the shortest coefficients are A⁺b.
        let c = page(&[("A", "2,-1;2,-1"), ("b", "4,4")]);
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        assert!(close(&value(c.as_ref(), "coefficients"), &[1.6, -0.8]));
        assert!(readout(c.as_ref(), "coefficients").note.contains("infinitely many"));
    }

    #[test]
    fn the_seeds_column_figure_and_overdetermined_system() {
        let c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4")]);
        assert!(close(&value(c.as_ref(), "coefficients"), &[2.0, 2.0]));
        // A third equation 7x − y = 2: b = (−1, 4, 2) leaves the plane of the columns.
        let c = page(&[("A", "0.5,-1;1,1;7,-1"), ("b", "-1,4,2")]);
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(2.0));
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(true));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        // Drawn in space: the span is a shaded plane and b is marked out of reach.
        assert!(c.figure_note().is_none() && c.handles().is_empty());
        let space = c.space(&Timeline::new(0)).unwrap();
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(_), .. })));
        assert!(labels(&space).iter().any(|l| l == "b: out of reach"), "{:?}", labels(&space));
        let names: Vec<String> = c.space_handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["A:0", "A:1", "b"]);
        // The underdetermined 2×3 system {8x + y + z = 1, x + y + z = 1}.
        let c = page(&[("A", "8,1,1;1,1,1"), ("b", "1,1")]);
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(false));
        assert!(readout(c.as_ref(), "independent").note.contains("always dependent"));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        let Value::Vector(x) = value(c.as_ref(), "coefficients") else { panic!() };
        assert!(x[0].abs() < 1e-12 && (x[1] - 0.5).abs() < 1e-12 && (x[2] - 0.5).abs() < 1e-12, "{x:?}");
    }

    fn labels(space: &Space) -> Vec<String> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Label { text, .. } | Shape3::Line { label: Some(text), .. } => Some(text.clone()),
                Shape3::Arrow { label: Some(text), .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn spans_in_space_are_a_plane_a_line_or_everything() {
        let mut c = page(&[("A", "1,0;0,1;1,1"), ("b", "1,2,4")]);
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        // Drag b onto the plane x + y = z: reached head to tail, b = 1·u + 2·v.
        assert!(c.move_space_handle("b", Point3::new(1.0, 2.0, 3.0)));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        // The path follows the sliders: set them to the coefficients and it ends on b.
        c.set_input("ca", DMatrix::from_element(1, 1, 1.0)).unwrap();
        c.set_input("cb", DMatrix::from_element(1, 1, 2.0)).unwrap();
        let space = c.space(&Timeline::new(0)).unwrap();
        assert!(!space.shapes.iter().any(|s| matches!(s, Shape3::Dot { role: Role::Second, .. })), "no separate end dot on b");
        let found = labels(&space);
        assert!(found.iter().any(|l| l == "1·u") && found.iter().any(|l| l == "2·v") && found.iter().any(|l| l == "b"), "{found:?}");
        assert!(found.iter().any(|l| l.contains("a plane")), "{found:?}");
        // The path ends on b.
        let ends: Vec<Point3> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Arrow { to, stroke, .. } if stroke.dash == crate::view::scene::Dash::Dashed => Some(*to),
                _ => None,
            })
            .collect();
        assert!(ends.last().is_some_and(|e| (e - Point3::new(1.0, 2.0, 3.0)).norm() < 1e-12), "{ends:?}");
        // Moving a column onto the other: the span is a line.
        assert!(c.move_space_handle("A:1", Point3::new(2.0, 0.0, 2.0)));
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(1.0));
        assert!(labels(&c.space(&Timeline::new(0)).unwrap()).iter().any(|l| l == "span: a line"));
        let c = page(&[("A", "1,0,0;0,1,0;0,0,1"), ("b", "1,2,3")]);
        let found = labels(&c.space(&Timeline::new(0)).unwrap());
        assert!(found.iter().any(|l| l == "span: all of space"));
        // Three columns: no sliders; the path is the combination that reaches b.
        assert!(found.iter().any(|l| l == "3·a₃"), "{found:?}");
        assert!(c.inputs().iter().all(|i| i.name != "ca"));
        assert_eq!(c.space_handles().len(), 4);
        // Linking only A (or adding a row in the editor): b follows into space, explicit b stays.
        let c = page(&[("A", "1,0;0,1;1,1")]);
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![4.0, 7.0, 0.0]));
        assert!(c.space(&Timeline::new(0)).is_some());
        let c = page(&[("b", "1,2,3"), ("A", "1,0;0,1;1,1;1,1")]);
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![1.0, 2.0, 3.0]));
        // Four columns or a 4-entry b: numbers only.
        assert!(page(&[("A", "1,0,0,1;0,1,0,1;0,0,1,1"), ("b", "1,2,3")]).space(&Timeline::new(0)).is_none());
        assert!(page(&[("A", "1,0;0,1;1,1"), ("b", "1,2")]).figure_note().is_some());
    }

    fn path_labels(scene: &Scene) -> Vec<String> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Arrow { label: Some(l), stroke, .. } if stroke.dash == crate::view::scene::Dash::Dashed => Some(l.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_sliders_walk_the_head_to_tail_path() {
        let mut c = build();
        assert_eq!(c.slider("ca"), Some(SliderRange { min: -5.0, max: 5.0, step: 0.1 }));
        assert_eq!(c.slider("A"), None);
        let names: Vec<&str> = c.inputs().iter().map(|i| i.name).collect();
        assert_eq!(names, ["A", "b", "ca", "cb"]);
        assert_eq!(path_labels(&c.scene(&Timeline::new(0))), ["2·u", "1·v"]);
        // Off b, the path's end gets its own dot; the readouts do not depend on the sliders.
        let readouts = c.readouts();
        c.set_input("ca", DMatrix::from_element(1, 1, 0.5)).unwrap();
        let scene = c.scene(&Timeline::new(0));
        assert_eq!(path_labels(&scene), ["0.5·u", "1·v"]);
        let end = World::new(0.5 + 2.0, 1.5 + 1.0);
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Dot { at, role: Role::Second, .. } if (at - end).norm() < 1e-12)));
        assert_eq!(c.readouts(), readouts);
        for bad in [f64::NAN, 2e6] {
            assert!(c.set_input("cb", DMatrix::from_element(1, 1, bad)).is_err());
        }
        assert!(c.set_input("cb", DMatrix::from_row_slice(2, 1, &[1.0, 2.0])).is_err());
        let c = page(&[("ca", "-1.5"), ("cb", "3")]);
        assert!(c.code().numpy.contains("ca = -1.5"), "{}", c.code().numpy);
        assert_eq!(path_labels(&c.scene(&Timeline::new(0))), ["−1.5·u", "3·v"]);
    }

    fn choice(c: &dyn Chapter, name: &str) -> Option<&'static str> {
        c.choices().into_iter().find(|x| x.name == name).map(|x| x.current)
    }

    fn equations_drawn(scene: &Scene) -> Vec<String> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Label { text, role: Role::Second | Role::Data | Role::Eigen, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn dots(scene: &Scene, role: Role) -> Vec<World> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Dot { at, role: r, .. } if *r == role => Some(*at),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_third_equation_toggles_the_overdetermined_case_and_back() {
        let mut c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4")]);
        let names: Vec<&str> = c.choices().iter().map(|x| x.name).collect();
        assert_eq!(names, ["picture", "equations"]);
        assert_eq!(choice(c.as_ref(), "equations"), Some("2"));
        let before = c.readouts();
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        c.set_choice("equations", "3").unwrap();
        assert_eq!(choice(c.as_ref(), "equations"), Some("3"));
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![0.5, -1.0], vec![1.0, 1.0], vec![7.0, -1.0]]));
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![-1.0, 4.0, 2.0]));
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(2.0));
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(true));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        assert_eq!(value(c.as_ref(), "coefficients"), Value::Null);
        // The note names the least-squares x = A⁺b, the solution of AᵀAx = Aᵀb: (144/217, 529/217).
        let a = DMatrix::from_row_slice(3, 2, &[0.5, -1.0, 1.0, 1.0, 7.0, -1.0]);
        let ls = svd(&a).unwrap().pseudo_inverse(PINV_RCOND).unwrap() * DMatrix::from_column_slice(3, 1, &[-1.0, 4.0, 2.0]);
        assert!((ls[0] - 144.0 / 217.0).abs() < 1e-12 && (ls[1] - 529.0 / 217.0).abs() < 1e-12, "{ls}");
        assert!(readout(c.as_ref(), "coefficients").note.contains(&display_tuple(ls.as_slice())));
        // In the column picture three equations are drawn in space; the URL says so.
        assert!(c.space(&Timeline::new(0)).is_some());
        let params = crate::chapters::to_params(c.as_ref());
        assert!(params.contains(&("equations".into(), "3".into())), "{params:?}");
        let (again, problems) = crate::chapters::from_params(crate::chapters::find("span").unwrap(), &params).unwrap();
        assert!(problems.is_empty());
        assert_eq!(again.readouts(), c.readouts());
        // Toggled off: the reader's two equations and every readout come back.
        c.set_choice("equations", "2").unwrap();
        assert_eq!(c.readouts(), before);
        assert!(c.space(&Timeline::new(0)).is_none());
        // The reader's own first two equations are kept; a link can ask for the third.
        let c = page(&[("equations", "3")]);
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![1.0, 2.0], vec![3.0, 1.0], vec![7.0, -1.0]]));
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![4.0, 7.0, 2.0]));
        let c = page(&[("A", "1,2;3,1;5,5"), ("b", "1,2,3"), ("equations", "2")]);
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![1.0, 2.0], vec![3.0, 1.0]]));
        assert_eq!(value(c.as_ref(), "b"), Value::Vector(vec![1.0, 2.0]));
        // Bad values are refused by name; without two unknowns there is no such choice.
        let mut c = build();
        assert!(c.set_choice("equations", "4").is_err());
        assert_eq!(c.readouts(), build().readouts());
        let p = crate::chapters::testing::problems("span", &[("equations", "three")]);
        assert!(p.len() == 1 && p[0].starts_with("Parameter equations:"), "{p:?}");
        let p = crate::chapters::testing::problems("span", &[("picture", "both")]);
        assert!(p.len() == 1 && p[0].starts_with("Parameter picture:"), "{p:?}");
        c.set_input("A", DMatrix::from_row_slice(3, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])).unwrap();
        assert!(c.choices().is_empty());
        assert!(c.set_choice("equations", "2").is_err() && c.set_choice("picture", "rows").is_err());
    }

    #[test]
    fn the_row_picture_draws_a_line_per_equation_and_the_least_squares_point() {
        let mut c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4"), ("picture", "rows")]);
        assert!(c.space(&Timeline::new(0)).is_none() && c.figure_note().is_none());
        let scene = c.scene(&Timeline::new(0));
        assert_eq!(equations_drawn(&scene), ["0.5x − y = −1", "x + y = 4"]);
        let solution = dots(&scene, Role::Input);
        assert!(solution.len() == 1 && (solution[0] - World::new(2.0, 2.0)).norm() < 1e-12, "{solution:?}");
        assert!(c.summary().contains("meet at x = (2, 2), the one solution"), "{}", c.summary());
        // Each line is its equation: a point on it satisfies it, and so does a step along it.
        for (i, row, want) in [(0, World::new(0.5, -1.0), -1.0), (1, World::new(1.0, 1.0), 4.0)] {
            let (through, direction) = c_line(c.as_ref(), i);
            assert!((row.dot(&through) - want).abs() < 1e-12 && (row.dot(&(through + direction)) - want).abs() < 1e-12);
            assert!(direction.norm() > 0.0);
        }
        // The handle is x = (ca, cb); it moves the sliders' amounts and nothing else.
        let handles = c.handles();
        assert_eq!(handles.len(), 1);
        assert_eq!((handles[0].name.as_str(), handles[0].at), ("x", World::new(2.0, 1.0)));
        let readouts = c.readouts();
        assert!(c.move_handle("x", World::new(2.0, 2.0)));
        assert_eq!((c.inputs()[2].value[0], c.inputs()[3].value[0]), (2.0, 2.0));
        assert_eq!(c.readouts(), readouts);
        assert!(!c.move_handle("x", World::new(f64::NAN, 0.0)) && !c.move_handle("x", World::new(2e6, 0.0)));
        assert!(!c.move_handle("A:0", World::new(5.0, 5.0)) && !c.move_handle("b", World::new(5.0, 5.0)));
        // A third equation: three lines, their three crossings, and no common point; A⁺b is marked.
        c.set_choice("equations", "3").unwrap();
        assert_eq!(choice(c.as_ref(), "picture"), Some("rows"));
        assert!(c.space(&Timeline::new(0)).is_none() && c.figure_note().is_none());
        let scene = c.scene(&Timeline::new(0));
        assert_eq!(equations_drawn(&scene), ["0.5x − y = −1", "x + y = 4", "7x − y = 2"]);
        assert_eq!(dots(&scene, Role::Axis).len(), 3);
        assert!(dots(&scene, Role::Input).is_empty());
        let ls = dots(&scene, Role::Image);
        assert!(ls.len() == 1 && (ls[0] - World::new(144.0 / 217.0, 529.0 / 217.0)).norm() < 1e-12, "{ls:?}");
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b: least squares")));
        let summary = c.summary();
        assert!(summary.contains("no x satisfies all three") && summary.contains("the closest in the least-squares sense"), "{summary}");
        // A third equation through the crossing: all three meet there.
        c.set_input("A", DMatrix::from_row_slice(3, 2, &[0.5, -1.0, 1.0, 1.0, 1.0, 0.0])).unwrap();
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        let scene = c.scene(&Timeline::new(0));
        let meet = dots(&scene, Role::Input);
        assert!(meet.len() == 1 && (meet[0] - World::new(2.0, 2.0)).norm() < 1e-12, "{meet:?}");
        assert!(dots(&scene, Role::Axis).iter().all(|p| (p - World::new(2.0, 2.0)).norm() < 1e-12));
        assert!(c.summary().contains("meet at x = (2, 2)"), "{}", c.summary());
        // The content box holds the lines' crossings and x.
        let (lo, hi) = c.content_bounds();
        assert!(lo.x < 0.0 && lo.y < 0.0 && hi.x > 2.0 && hi.y > 2.0);
    }

    fn c_line(c: &dyn Chapter, i: usize) -> (World, World) {
        let a = match value(c, "A") {
            Value::Matrix(rows) => rows,
            v => panic!("{v:?}"),
        };
        let Value::Vector(b) = value(c, "b") else { panic!() };
        let span = Span {
            a: DMatrix::from_fn(a.len(), 2, |r, col| a[r][col]),
            b: DMatrix::from_column_slice(b.len(), 1, &b),
            ca: 0.0,
            cb: 0.0,
            picture: "rows",
        };
        span.equation_line(i).unwrap()
    }

    #[test]
    fn parallel_equations_share_no_point_and_other_shapes_get_a_note() {
        // The seed's {y = 2x + 6, y = 2x} as rows: −2x + y = 6 and −2x + y = 0.
        let mut c = page(&[("A", "-2,1;-2,1"), ("b", "6,0"), ("picture", "rows")]);
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        let scene = c.scene(&Timeline::new(0));
        assert_eq!(equations_drawn(&scene), ["−2x + y = 6", "−2x + y = 0"]);
        let ls = dots(&scene, Role::Image);
        assert!(ls.len() == 1 && (ls[0] - World::new(-1.2, 0.6)).norm() < 1e-12, "{ls:?}");
        assert!(c.summary().contains("no x satisfies both"), "{}", c.summary());
        // On top of each other: every point of the line solves both; the shortest is A⁺b.
        c.set_input("b", DMatrix::from_column_slice(2, 1, &[5.0, 5.0])).unwrap();
        assert!(c.summary().contains("on top of each other"), "{}", c.summary());
        for (a, b, said) in [("1,2", "3", "every point of it is a solution"), ("0,0", "3", "it reads 0 = 3"), ("0,0;0,0", "0,0", "0 = 0")] {
            let one = page(&[("A", a), ("b", b), ("picture", "rows")]);
            assert!(one.figure_note().is_none() && one.summary().contains(said), "{a}: {}", one.summary());
        }
        assert_eq!(dots(&c.scene(&Timeline::new(0)), Role::Input).len(), 1);
        // A b that does not fit, or four equations: a note, no handle.
        c.set_input("b", DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0])).unwrap();
        assert!(c.figure_note().is_some_and(|n| n.contains("row picture")) && c.handles().is_empty());
        c.set_input("A", DMatrix::from_row_slice(4, 2, &[1.0; 8])).unwrap();
        assert!(c.figure_note().is_some() && c.scene(&Timeline::new(0)).shapes.is_empty());
        assert_eq!(choice(c.as_ref(), "equations"), None);
        // Three unknowns: each equation is a plane, so the figure goes back to the column picture.
        c.set_input("A", DMatrix::from_row_slice(3, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])).unwrap();
        assert!(c.space(&Timeline::new(0)).is_some());
        assert_eq!(equation_of(&DMatrix::from_row_slice(1, 2, &[0.0, 0.0]), &DMatrix::from_element(1, 1, 2.0), 0), "0 = 2");
        assert_eq!(equation_of(&DMatrix::from_row_slice(1, 2, &[0.0, -3.0]), &DMatrix::from_element(1, 1, 2.0), 0), "−3y = 2");
    }

    #[test]
    fn a_b_of_the_wrong_length_is_explained_not_rejected() {
        let c = page(&[("A", "1,0,0;0,1,0;0,0,1"), ("b", "1,2")]);
        let r = readout(c.as_ref(), "in_span");
        assert_eq!(r.value, Value::Null);
        assert!(r.note.contains("b has 2"), "{}", r.note);
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(3.0));
        assert!(c.code().numpy.contains("wrong length"));
        let mut c = build();
        assert!(c.set_input("b", DMatrix::from_row_slice(2, 2, &[1.0; 4])).is_err());
        assert!(c.set_input("A", DMatrix::from_row_slice(1, 1, &[f64::NAN])).is_err());
    }

    #[test]
    fn zero_vectors_span_only_the_origin() {
        let c = page(&[("A", "0,0;0,0"), ("b", "0,0")]);
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(0.0));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        assert!(c.summary().contains("only the origin"));
        let c = page(&[("A", "0,0;0,0"), ("b", "1,0")]);
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
    }

    #[test]
    fn huge_and_tiny_scales_keep_their_rank() {
        for s in ["1e200", "1e-200"] {
            let a = format!("{s},0;0,{s}");
            let c = page(&[("A", &a), ("b", &format!("{s},{s}"))]);
            assert_eq!(value(c.as_ref(), "rank"), Value::Number(2.0), "{s}");
            assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true), "{s}");
            assert!(close(&value(c.as_ref(), "coefficients"), &[1.0, 1.0]), "{s}: {:?}", value(c.as_ref(), "coefficients"));
        }
    }

    #[test]
    fn dragging_v_onto_u_collapses_the_span() {
        let mut c = build();
        assert!(c.move_handle("A:1", World::new(2.0, 6.0)));
        assert_eq!(value(c.as_ref(), "rank"), Value::Number(1.0));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(false));
        assert!(c.move_handle("b", World::new(-1.0, -3.0)));
        assert_eq!(value(c.as_ref(), "in_span"), Value::Bool(true));
        assert!(c.move_handle("A:0", World::new(1.0, 0.0)));
        assert_eq!(value(c.as_ref(), "independent"), Value::Bool(true));
    }

    proptest! {
        #[test]
        fn readouts_are_finite_or_null_at_any_size_and_scale(m in 1usize..=8, n in 1usize..=8, k in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 72)) {
            let mut c = build();
            let a = DMatrix::from_fn(m, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
            c.set_input("A", a).unwrap();
            c.set_input("b", DMatrix::from_fn(k, 1, |r, _| entries[64 + r])).unwrap();
            check_everything(c.as_ref())?;
            // The row picture of the same state (two unknowns only).
            if c.set_choice("picture", "rows").is_ok() {
                check_everything(c.as_ref())?;
            }
        }

        #[test]
        fn a_combination_of_the_columns_is_always_in_the_span(m in 1usize..=5, n in 1usize..=5,
                                                               entries in proptest::collection::vec(-5.0f64..5.0, 25),
                                                               weights in proptest::collection::vec(-3.0f64..3.0, 5)) {
            let a = DMatrix::from_fn(m, n, |r, c| entries[r * 5 + c]);
            let w = DMatrix::from_fn(n, 1, |r, _| weights[r]);
            let b = &a * &w;
            let span = Span { a: a.clone(), b: b.clone(), ca: 0.0, cb: 0.0, picture: PICTURES[0].0 };
            let rank = span.rank().unwrap();
            prop_assert!(rank <= m.min(n));
            // Rounding can make b look independent only when A is itself nearly rank-deficient.
            let s = svd(&a).unwrap();
            prop_assume!(s.singular_values.min() > 1e-6 * s.singular_values.max());
            match span.reach() {
                Reach::Reached { coefficients, unique } => {
                    prop_assert_eq!(unique, rank == n);
                    prop_assert!((&a * coefficients - &b).amax() < 1e-8 * (1.0 + b.amax()));
                }
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }
}
