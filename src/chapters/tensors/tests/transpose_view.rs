//! The transpose view: cells that cross the diagonal.

use super::*;
use crate::chapter::Figure;
use crate::view::timeline::Timeline;

/// The transpose view's cells at a timeline position: (label, centre, role), in drawing order.
fn cells_at(c: &Tensors, position: f64) -> Vec<(String, World, Role)> {
    let mut t = Timeline::new(1);
    t.scrub(position);
    let scene = plane_scene(c, &t);
    let mut out = Vec::new();
    for pair in scene.shapes.windows(2) {
        if let [Shape::Polygon { points, fill: Some(fill), .. }, Shape::Label { text, .. }] = pair {
            let centre = points.iter().fold(World::zeros(), |a, p| a + p) / points.len() as f64;
            out.push((text.clone(), centre, fill.role));
        }
    }
    out
}

/// The frame's width and height at a timeline position.
fn frame_at(c: &Tensors, position: f64) -> (f64, f64) {
    let mut t = Timeline::new(1);
    t.scrub(position);
    plane_scene(c, &t)
        .shapes
        .iter()
        .find_map(|s| match s {
            Shape::Polygon { points, fill: None, .. } => Some((points[2].x - points[0].x, points[0].y - points[2].y)),
            _ => None,
        })
        .unwrap()
}

#[test]
fn the_transpose_view_flies_every_cell_across_the_diagonal() {
    let c = page(&[("view", "transpose")]);
    assert_eq!(c.stages(), ["cross the diagonal"]);
    assert_eq!(c.handles(), Handles::default(), "entries are edited in the grid, not dragged");
    assert!(figure_note(&c).is_none());
    let close = |a: World, b: World| (a - b).norm() < 1e-9;
    // At the start, entry (i, j) sits in row i, column j (x = j, y = −i); at the end in row j, column i.
    let start = cells_at(&c, 0.0);
    let end = cells_at(&c, 1.0);
    assert_eq!(start.len(), 6);
    for (i, j, label) in [(0, 0, "1"), (0, 1, "2"), (1, 0, "3"), (1, 1, "4"), (2, 0, "5"), (2, 1, "6")] {
        let from = start.iter().find(|c| c.0 == label).unwrap();
        let to = end.iter().find(|c| c.0 == label).unwrap();
        // The 3×2 matrix is centred in a 3×3 square: its top-left corner is (−1.5, 1.5).
        assert!(close(from.1, World::new(j as f64 - 1.0, 1.0 - i as f64)), "{label} starts at ({i}, {j}): {:?}", from.1);
        assert!(close(to.1, World::new(i as f64 - 1.0, 1.0 - j as f64)), "{label} ends at ({j}, {i}): {:?}", to.1);
        assert_eq!(from.2, if i == j { Role::Input } else { Role::Data });
    }
    // The frame turns from 3×2 (2 wide, 3 tall) to 2×3.
    assert_eq!(frame_at(&c, 0.0), (2.0, 3.0));
    assert_eq!(frame_at(&c, 1.0), (3.0, 2.0));
    // Halfway, the diagonal has not moved, the two entries trading places pass each other instead of
    // meeting, and every cell is still inside the figure's bounds.
    let mid = cells_at(&c, 0.5);
    for label in ["1", "4"] {
        let at = |cells: &[(String, World, Role)]| cells.iter().find(|c| c.0 == label).unwrap().1;
        assert!(close(at(&mid), at(&start)), "{label} stays put");
    }
    // Two waves for a 3×2 A: first the entries next to the diagonal (2, 3 and 6), then 5. Halfway
    // through the first wave, 2 and 3 pass each other; at the middle of the stage the first wave
    // has landed and the second has not left.
    let quarter = cells_at(&c, 0.25);
    let at = |cells: &[(String, World, Role)], label: &str| cells.iter().find(|c| c.0 == label).unwrap().1;
    assert!((at(&quarter, "2") - at(&quarter, "3")).norm() > 0.65, "2 and 3 pass each other");
    assert!(close(at(&quarter, "5"), at(&start, "5")), "5 waits for the second wave");
    for label in ["2", "3", "6"] {
        assert!(close(at(&mid, label), at(&end, label)), "{label} has landed halfway");
    }
    assert!(close(at(&mid, "5"), at(&start, "5")));
    for a in ["1,2;3,4;5,6", "1,2,3,4,5,6,7,8", "1,2;3,4;5,6;7,8;9,10;11,12;13,14;15,16", "1,2,3;4,5,6;7,8,9"] {
        let c = page(&[("view", "transpose"), ("A", a)]);
        let (lo, hi) = bounds_of(&c);
        for position in (0..=20).map(|k| k as f64 / 20.0) {
            let mut t = Timeline::new(1);
            t.scrub(position);
            for shape in plane_scene(&c, &t).shapes {
                if let Shape::Polygon { points, .. } = shape {
                    assert!(
                        points.iter().all(|p| p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y),
                        "{a}: {points:?} at {position}"
                    );
                }
            }
        }
    }
    // The moving cells are drawn after (over) the diagonal ones.
    let roles: Vec<Role> = mid.iter().map(|c| c.2).collect();
    assert_eq!(roles[..2], [Role::Input, Role::Input]);
    assert_eq!(
        c.summary(),
        "A is 3×2 and Aᵀ is 2×3: every entry in row i, column j crosses the main diagonal to row j, column i; the diagonal entries \
         1 and 4 stay put."
    );
    // Any shape, up to the editor's limits, and a single entry.
    let c = page(&[("view", "transpose"), ("A", "7")]);
    assert_eq!(cells_at(&c, 0.5).len(), 1);
    assert!(c.summary().ends_with("the diagonal entry 7 stays put."), "{}", c.summary());
    let tall = ["1,2"; 9].join(";");
    let c = page(&[("view", "transpose"), ("A", &tall)]);
    let note = figure_note(&c).unwrap();
    assert!(note.contains("for up to 8 rows") && note.contains("now A is 9×2"), "{note}");
    assert!(c.stages().is_empty() && matches!(final_figure(&c), Figure::Note(_)), "no cells are drawn");
}
