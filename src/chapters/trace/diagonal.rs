//! The diagonal view: A₁₁, A₂₂, … stepped off along the number line, one row each, ending at tr A on
//! the axis; below it, the eigenvalues' real parts stepped off upwards, ending at the same point.
//! The tip of each diagonal step is a handle that moves that entry.

use super::figure::{row_height, spread, step_role};
use super::{diagonal_of, partial_sums, trace_of, Trace, DIAGONAL};
use crate::chapter::{Handle, HandleId};
use crate::format::{display_number, subscript};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::viewport::World;
use nalgebra::Complex;

/// Where the rows go: A's diagonal, the eigenvalues (when they could be computed), the row height
/// and the y of each diagonal row (top row first; the trace sits on the x-axis).
struct Layout {
    diag: Vec<f64>,
    eig: Option<Vec<Complex<f64>>>,
    h: f64,
    ys: Vec<f64>,
}

impl Layout {
    fn of(c: &Trace) -> Layout {
        let diag = diagonal_of(&c.a);
        let eig = c.eigenvalues().ok();
        let mut rows = vec![diag.clone()];
        rows.extend(eig.as_ref().map(|ls| ls.iter().map(|l| l.re).collect()));
        let n = diag.len();
        let h = row_height(spread(&rows), 2 * n + 2);
        let ys = (0..n).map(|i| (n - i) as f64 * h).collect();
        Layout { diag, eig, h, ys }
    }

    /// The eigenvalues' real parts, the steps of the lower staircase.
    fn eig_steps(&self) -> Option<Vec<f64>> {
        self.eig.as_ref().map(|ls| ls.iter().map(|l| l.re).collect())
    }
}

/// `λ₁ = 17.2` or `Re λ₂ ≈ −1.6` for each eigenvalue.
fn eigen_labels(values: &[Complex<f64>]) -> Vec<String> {
    values
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let re = if l.im == 0.0 { "" } else { "Re " };
            let rounded = (l.re * 100.0).round() / 100.0;
            let sign = if rounded == l.re { "=" } else { "≈" };
            format!("{re}λ{} {sign} {}", subscript(i + 1), display_number(if rounded.is_finite() { rounded } else { l.re }))
        })
        .collect()
}

/// Draws the two staircases; returns the points the view must show.
pub(super) fn draw(c: &Trace, scene: &mut Scene) -> Vec<World> {
    let layout = Layout::of(c);
    let Layout { diag, h, ys, .. } = &layout;
    let h = *h;
    let sums = partial_sums(diag);
    let tr = trace_of(&c.a);
    scene.push(Shape::Line {
        through: World::new(tr, 0.0),
        direction: World::new(0.0, 1.0),
        stroke: Stroke::dotted(Role::Ghost, 1.0),
        label: None,
    });
    for (i, d) in diag.iter().enumerate() {
        let (from, to) = (World::new(sums[i], ys[i]), World::new(sums[i + 1], ys[i]));
        if i > 0 {
            scene.push(Shape::Polyline { points: vec![World::new(sums[i], ys[i - 1]), from], stroke: Stroke::dotted(Role::Ghost, 1.5) });
        }
        let name = format!("A{}{} = {}", subscript(i + 1), subscript(i + 1), display_number(*d));
        scene.arrow_from(from, to, Stroke::solid(step_role(i), 3.0), name);
    }
    if let Some(last) = ys.last() {
        scene.push(Shape::Polyline { points: vec![World::new(tr, *last), World::new(tr, 0.0)], stroke: Stroke::dotted(Role::Ghost, 1.5) });
    }
    scene.arrow(World::new(tr, 0.0), Stroke::solid(Role::Image, 4.0), "");
    scene.push(Shape::Label { at: World::new(tr / 2.0, 0.45 * h), text: format!("tr A = {}", display_number(tr)), role: Role::Image });
    if let (Some(eig), Some(values)) = (layout.eig_steps(), &layout.eig) {
        // The eigenvalues' real parts, stepped off upwards from below, ending on the axis at tr A.
        let sums = partial_sums(&eig);
        let labels = eigen_labels(values);
        let n = eig.len();
        for i in 0..n {
            let y = -((n - i) as f64) * h;
            if i > 0 {
                scene.push(Shape::Polyline {
                    points: vec![World::new(sums[i], y - h), World::new(sums[i], y)],
                    stroke: Stroke::dotted(Role::Ghost, 1.5),
                });
            }
            scene.arrow_from(World::new(sums[i], y), World::new(sums[i + 1], y), Stroke::dashed(Role::Eigen, 2.5), labels[i].clone());
        }
        scene.push(Shape::Polyline {
            points: vec![World::new(sums[n], -h), World::new(sums[n], 0.0)],
            stroke: Stroke::dotted(Role::Eigen, 1.5),
        });
    }
    points(&layout)
}

/// The tips of both staircases, with half a row of room above and below.
fn points(layout: &Layout) -> Vec<World> {
    let Layout { diag, h, ys, .. } = layout;
    let mut points: Vec<World> = partial_sums(diag).iter().skip(1).zip(ys).map(|(x, y)| World::new(*x, *y)).collect();
    points.push(World::new(0.0, ys.first().copied().unwrap_or(*h) + 0.5 * h));
    if let Some(eig) = layout.eig_steps() {
        let n = eig.len();
        points.extend(partial_sums(&eig).iter().enumerate().map(|(i, x)| World::new(*x, -((n - i.min(n - 1)) as f64) * h)));
        points.push(World::new(0.0, -(n as f64 + 0.5) * h));
    }
    points
}

/// One handle per diagonal entry, at the tip of its step (the running sum up to it).
pub(super) fn handles(c: &Trace) -> Vec<Handle> {
    let layout = Layout::of(c);
    let sums = partial_sums(&layout.diag);
    layout
        .diag
        .iter()
        .zip(DIAGONAL)
        .enumerate()
        .map(|(i, (d, name))| Handle {
            id: HandleId::whole(name),
            at: World::new(sums[i + 1], layout.ys[i]),
            role: step_role(i),
            label: format!(
                "diagonal entry A{}{} = {} (drag sideways; the running sum is {})",
                subscript(i + 1),
                subscript(i + 1),
                display_number(*d),
                display_number(sums[i + 1])
            )
            .into(),
        })
        .collect()
}
