//! The row picture of a system in two unknowns: one line per equation, their crossings, and the
//! solution (or, when the lines share no point, the least-squares x = A⁺b), with its handle x = (ca,
//! cb) and its words.

use super::figure::content_bounds;
use super::{Reach, Span, X};
use crate::chapter::figure::point;
use crate::chapter::null_space;
use crate::chapter::Handle;
use crate::format::{display_number, display_tuple, display_tuple_clean, equation};
use crate::math::solve::crossing;
use crate::view::scene::{Dash, Role, Scene, Shape, Stroke};
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2, Vector2};

/// How the row picture draws equation i: three lines that stay apart in colour and dash.
const ROW_STROKES: [Stroke; 3] = [
    Stroke { role: Role::Second, width: 2.5, dash: Dash::Solid },
    Stroke { role: Role::Data, width: 2.5, dash: Dash::Dashed },
    Stroke { role: Role::Eigen, width: 2.5, dash: Dash::Dotted },
];

/// Equation i, a·x = b, as the line it is in the plane of (x, y): a point on it and its direction;
/// `None` for a row of zeros (0 = bᵢ is no line) or non-finite numbers.
pub(super) fn equation_line(c: &Span, i: usize) -> Option<(World, World)> {
    let normal = World::new(*c.a.get((i, 0))?, *c.a.get((i, 1))?);
    let b = *c.b.get(i)?;
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
fn crossing_of(c: &Span, i: usize, j: usize) -> Option<World> {
    let rows = Matrix2::new(*c.a.get((i, 0))?, *c.a.get((i, 1))?, *c.a.get((j, 0))?, *c.a.get((j, 1))?);
    crossing(&rows, &Vector2::new(*c.b.get(i)?, *c.b.get(j)?))
}

/// Every pairwise crossing of the row picture's lines.
fn crossings(c: &Span) -> Vec<World> {
    let m = c.m().min(3);
    (0..m).flat_map(|i| (i + 1..m).map(move |j| (i, j))).filter_map(|(i, j)| crossing_of(c, i, j)).collect()
}

/// What the row picture must show (for the view's box): x, every crossing, the marked solution or
/// least-squares point, and the point of each line nearest the origin.
pub(super) fn points(c: &Span) -> Vec<World> {
    let mut points = vec![World::new(c.ca, c.cb)];
    points.extend(crossings(c));
    points.extend((0..c.m().min(3)).filter_map(|i| equation_line(c, i)).map(|(through, _)| through));
    match c.reach() {
        Reach::Reached { coefficients: x, .. } | Reach::Unreachable { least_squares: x, .. } => points.extend(point(&x)),
        _ => {}
    }
    points.retain(|p| p.iter().all(|v| v.is_finite()));
    points
}

/// The row picture: one line per equation, their crossings, and the solution (or, when the lines
/// share no point, the least-squares x = A⁺b); the handle is x = (ca, cb).
pub(super) fn scene(c: &Span) -> Scene {
    let mut scene = Scene::default();
    if !c.rows_drawn() {
        return scene;
    }
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.push(Shape::Axes);
    // Each equation is written on its line near where it leaves the fitted view (a little inside
    // it): the first and third at their upper ends, the second at its lower end, away from the
    // crossings in the middle; the renderer moves any that still overlap apart. The fitted view
    // shows at least the square that holds the content box.
    let (lo, hi) = content_bounds(c);
    let reach = hi.amax().max(-lo.amin());
    let corner = World::new(reach, reach) * 0.9;
    for (i, (stroke, upper)) in ROW_STROKES.iter().zip([true, false, true]).enumerate().take(c.m()) {
        if let Some((through, direction)) = equation_line(c, i) {
            scene.push(Shape::Line { through, direction, stroke: *stroke, label: None });
            if let Some(at) = line_end(through, direction, -corner, corner, upper) {
                scene.push(Shape::Label { at, text: equation_of(&c.a, &c.b, i), role: stroke.role });
            }
        }
    }
    // Parallel lines: every solution is one of them plus a point of the null line (x with Ax = 0).
    if let Ok(null) = c.null_space() {
        null.draw_in_plane(&mut scene, &Matrix2::identity(), null_space::LABEL);
    }
    if c.m() == 3 {
        for at in crossings(c) {
            scene.push(Shape::Dot { at, role: Role::Axis, radius: 3.5 });
        }
    }
    let marked = |scene: &mut Scene, x: &DMatrix<f64>, role: Role, text: &str| {
        if let Some(at) = point(x).filter(|p| p.iter().all(|v| v.is_finite())) {
            scene.push(Shape::Dot { at, role, radius: 6.0 });
            scene.push(Shape::Label { at: at + World::new(0.0, reach * 0.05), text: text.into(), role });
        }
    };
    let x = World::new(c.ca, c.cb);
    scene.push(Shape::Label {
        at: x + World::new(0.0, reach * 0.05),
        text: format!("x = {}", display_tuple(&[c.ca, c.cb])),
        role: Role::Input,
    });
    match c.reach() {
        Reach::Reached { coefficients, unique: true } => {
            marked(&mut scene, &coefficients, Role::Input, if c.m() == 3 { "all three meet" } else { "the solution" })
        }
        Reach::Reached { coefficients, unique: false } if c.rank().unwrap_or(0) > 0 => {
            marked(&mut scene, &coefficients, Role::Input, "A⁺b: the shortest solution")
        }
        Reach::Unreachable { least_squares, .. } => marked(&mut scene, &least_squares, Role::Image, "A⁺b: least squares"),
        _ => {}
    }
    scene
}

/// The row picture in words: where the lines meet, or the least-squares point when they do not.
pub(super) fn summary(c: &Span) -> String {
    let lines = match c.m() {
        1 => "The row picture: the one equation is a line".to_string(),
        m => format!("The row picture: each of the {m} equations is a line"),
    };
    let all = match c.m() {
        1 => "it",
        2 => "both",
        _ => "all three",
    };
    let candidate = format!(
        "The ring x = {} holds the column picture's amounts ca and cb; where it lies on every line, Ax = b.",
        display_tuple(&[c.ca, c.cb])
    );
    let meeting = match c.reach() {
        Reach::Reached { coefficients, unique: true } => {
            format!("they meet at x = {}, the one solution", display_tuple_clean(coefficients.as_slice()))
        }
        Reach::Reached { coefficients, unique: false } => {
            let shortest = display_tuple_clean(coefficients.as_slice());
            // Every solution: the shortest one plus the null line (or plane, for A = 0).
            let family = c.null_space().map(|n| n.solutions(coefficients.as_slice())).unwrap_or_default();
            match (c.rank(), c.m()) {
                (Ok(0), _) => format!("every equation reads 0 = 0, so every x solves {all}; the shortest is A⁺b = {shortest}"),
                (_, 1) => format!(
                    "every point of it is a solution, {family}: the shortest, A⁺b = {shortest}, plus the dashed line of x with Ax = 0"
                ),
                _ => format!(
                    "they lie on top of each other, so every point of that line solves {all}: {family}, the shortest solution A⁺b = {shortest} plus the dashed line of x with Ax = 0"
                ),
            }
        }
        Reach::Unreachable { least_squares, .. } => {
            let closest = display_tuple_clean(least_squares.as_slice());
            // A row of zeros is no line: it reads 0 = bᵢ.
            let zero_row = (0..c.m()).find(|&i| c.a.row(i).iter().all(|x| *x == 0.0) && c.b[i] != 0.0);
            if let Some(i) = zero_row.filter(|_| c.m() == 1) {
                format!(
                    "it reads 0 = {}, so no x satisfies it; the closest in the least-squares sense is x = A⁺b = {closest}",
                    display_number(c.b[i])
                )
            } else if let Some(i) = zero_row {
                format!(
                    "equation {} reads 0 = {}, so no x satisfies {all}; the closest in the least-squares sense (smallest ‖Ax − b‖) is x = A⁺b = {closest}",
                    i + 1,
                    display_number(c.b[i])
                )
            } else {
                format!("they share no common point, so no x satisfies {all}; the closest in the least-squares sense (smallest ‖Ax − b‖) is x = A⁺b = {closest}")
            }
        }
        Reach::WrongLength => format!("b has {} entries, so it is not one right-hand side per equation", c.b.len()),
        Reach::Failed(why) => why,
    };
    format!("{lines}: {meeting}. {candidate}")
}

/// The row picture's draggable point x = (ca, cb).
pub(super) fn x_handle(c: &Span) -> Handle {
    Handle {
        id: X,
        at: World::new(c.ca, c.cb),
        role: Role::Input,
        label: format!("x = {}, the amounts ca and cb", display_tuple(&[c.ca, c.cb])).into(),
    }
}

/// Where the line through `through` along `direction` leaves the box from `lo` to `hi`: at its upper
/// end (or right end, for a level line) when `upper`, else at its lower end; `None` when it misses
/// the box.
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
pub(super) fn equation_of(a: &DMatrix<f64>, b: &DMatrix<f64>, i: usize) -> String {
    let row = [a.get((i, 0)).copied().unwrap_or(0.0), a.get((i, 1)).copied().unwrap_or(0.0)];
    equation(row, b.get(i).copied().unwrap_or(0.0))
}
