//! The transpose view: A's entries as labelled cells, each swinging across the main diagonal to its
//! place in Aᵀ while the frame turns from m×n to n×m, in waves by distance from the diagonal.

use super::{Tensors, CELL};
use crate::format::display_number;
use crate::math::clamp;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::{ease_in_out, Timeline};
use crate::view::viewport::World;

/// The most rows the transpose view draws (columns are limited to the same number by the editor).
pub(super) const MAX: usize = crate::state::matrix::MAX_DIM;
/// How far, in cells, a cell swings sideways along the diagonal halfway through its flight, so that
/// the two entries trading places pass each other instead of meeting in the middle.
const SWING: f64 = 0.35;
/// How much a cell's side shrinks halfway through its flight, to cover less of the cells it passes.
const CELL_SHRINK: f64 = 0.3;

/// The top-left corner of the matrix: the square of the larger side is centred on the origin, so the
/// figure fits it like the other views.
fn corner(m: usize, n: usize) -> World {
    let k = m.max(n) as f64;
    World::new(-k / 2.0, k / 2.0)
}

/// The centre of the cell in row `i`, column `j` (rows run down, columns right, one unit each).
fn cell_centre(corner: World, i: usize, j: usize) -> World {
    corner + World::new(j as f64 + 0.5, -(i as f64) - 0.5)
}

/// The box every cell's path stays in (the k×k square of the larger side), with the diagonal's name
/// and the title above it.
pub(super) fn bounds(c: &Tensors) -> (World, World) {
    let k = c.a.nrows().max(c.a.ncols()) as f64 / 2.0;
    (World::new(-k - 1.0, -k), World::new(k, k + 0.8))
}

/// The transpose as motion: A's entries as labelled cells (row i, column j at x = j, y = −i from the
/// matrix's top-left corner), each swinging across the main diagonal to row j, column i while the
/// frame turns from m×n to n×m. The diagonal's cells stay put.
pub(super) fn scene(c: &Tensors, t: &Timeline) -> Scene {
    let mut scene = Scene::default();
    let (m, n) = c.a.shape();
    let p = t.progress(0);
    let corner = corner(m, n);
    let diagonal = m.min(n) as f64;
    // The main diagonal, named at its top-left end, outside the matrix.
    scene.push(Shape::Polyline {
        points: vec![corner + World::new(-0.3, 0.3), corner + World::new(diagonal, -diagonal)],
        stroke: Stroke::dashed(Role::Axis, 1.0),
    });
    scene.push(Shape::Label { at: corner + World::new(-0.45, 0.45), text: "diagonal".into(), role: Role::Axis });
    // The frame: m×n at the start, n×m at the end, named above.
    let (w, h) = (n as f64 + (m as f64 - n as f64) * p, m as f64 + (n as f64 - m as f64) * p);
    let frame = [(0.0, 0.0), (w, 0.0), (w, -h), (0.0, -h)].map(|(x, y)| corner + World::new(x, y)).to_vec();
    scene.push(Shape::Polygon { points: frame, fill: None, stroke: Some(Stroke::solid(Role::Axis, 1.5)) });
    let title = if p < 0.5 { format!("A is {m}×{n}") } else { format!("Aᵀ is {n}×{m}") };
    scene.push(Shape::Label { at: corner + World::new(m.max(n) as f64 / 2.0, 0.45), text: title, role: Role::Axis });
    let along = World::new(1.0, -1.0) / 2f64.sqrt();
    // One wave per distance from the diagonal: first the entries next to it trade places, then the
    // next ones out, so only a few cells are in the air at once and every label stays readable.
    let waves = (m.max(n) - 1).max(1) as f64;
    let position = clamp(t.position(), 0.0, 1.0);
    // Diagonal cells first, so the moving ones pass over them.
    let mut cells: Vec<(usize, usize)> = (0..m).flat_map(|i| (0..n).map(move |j| (i, j))).collect();
    cells.sort_by_key(|&(i, j)| i != j);
    for (i, j) in cells {
        let from = cell_centre(corner, i, j);
        let to = cell_centre(corner, j, i);
        let mid = (from + to) / 2.0;
        // Above the diagonal one way, below it the other, the diagonal itself not at all.
        let side = match j.cmp(&i) {
            std::cmp::Ordering::Greater => 1.0,
            std::cmp::Ordering::Less => -1.0,
            std::cmp::Ordering::Equal => 0.0,
        };
        let wave = i.abs_diff(j).saturating_sub(1) as f64;
        let flight = if i == j { 0.0 } else { ease_in_out(clamp(position * waves - wave, 0.0, 1.0)) };
        let swing = (flight * std::f64::consts::PI).sin();
        let at = mid + (from - mid) * (flight * std::f64::consts::PI).cos() + along * (SWING * swing * side);
        let half = (CELL - CELL_SHRINK * swing * side.abs()) / 2.0;
        let role = if i == j { Role::Input } else { Role::Data };
        let square = [(-half, half), (half, half), (half, -half), (-half, -half)].map(|(x, y)| at + World::new(x, y)).to_vec();
        scene.push(Shape::Polygon { points: square, fill: Some(Fill { role, alpha: 0.12 }), stroke: Some(Stroke::solid(role, 1.5)) });
        scene.push(Shape::Label { at: at + World::new(0.0, -0.05), text: display_number(c.a[(i, j)]), role });
    }
    scene
}
