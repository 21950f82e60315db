//! Keeps a figure's labels from covering each other. The renderer collects every label in screen
//! coordinates (CSS px) before drawing any; [`separate`] estimates each one's box from its text and
//! moves a label that would overlap one placed before it up or down the screen, by the smallest
//! step that clears, so close arrows and points (a 3-D figure seen at a slant, say) keep readable
//! labels next to their anchors. Pure and deterministic: the same labels always land in the same
//! places, and labels that overlap nothing are not touched.

use super::scene::{Align, Role};
use super::viewport::Screen;

/// Estimated width of one character of the figure font (`--figure-font`, 13 px system-ui) in CSS
/// px: a little over the average glyph, so an estimated box holds the drawn text.
pub const CHAR_WIDTH_PX: f64 = 7.0;
/// How far a label's letters reach above its baseline (the point the painter is given), in CSS px.
const ASCENT_PX: f64 = 11.0;
/// How far they reach below it (descenders).
const DESCENT_PX: f64 = 4.0;
/// Room kept between two labels, in CSS px.
const GAP_PX: f64 = 2.0;
/// Furthest a label is moved from where its shape put it, in CSS px (five lines): beyond that it
/// would no longer read as belonging to its anchor, and it stays where it was.
pub const MAX_SHIFT_PX: f64 = 75.0;
/// Half the side of the square around a handle's centre that labels keep clear of, in CSS px: the
/// middle of the ring (a label beside a ring, as at an arrow's tip, may touch its edge).
const HANDLE_CORE_PX: f64 = 4.0;
/// Most labels that are separated (the first ones; the pass costs O(n³) in the worst case). No
/// figure comes close; the rest are drawn where their shapes put them.
pub const MAX_SEPARATED: usize = 64;

/// A label about to be drawn: the painter's text call, kept until every label is known.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// The text's anchor on its baseline, in CSS px (as [`super::render::Painter::text`] takes it).
    pub at: Screen,
    /// The text.
    pub text: String,
    /// Its colour.
    pub role: Role,
    /// How the text sits on `at`.
    pub align: Align,
}

/// A screen rectangle: left, top, right, bottom (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Bounds {
    fn shifted(self, dy: f64) -> Bounds {
        Bounds { top: self.top + dy, bottom: self.bottom + dy, ..self }
    }

    /// Whether the two boxes come closer than the gap horizontally.
    fn side_by_side(&self, other: &Bounds) -> bool {
        self.left < other.right + GAP_PX && other.left < self.right + GAP_PX
    }

    /// Whether the two boxes come closer than the gap.
    fn overlaps(&self, other: &Bounds) -> bool {
        self.side_by_side(other) && self.top < other.bottom + GAP_PX && other.top < self.bottom + GAP_PX
    }
}

impl PlacedLabel {
    /// The estimated box the drawn text covers; `None` when the anchor is not finite.
    fn bounds(&self) -> Option<Bounds> {
        if !(self.at.x.is_finite() && self.at.y.is_finite()) {
            return None;
        }
        let width = self.text.chars().count() as f64 * CHAR_WIDTH_PX;
        let left = match self.align {
            Align::Left => self.at.x,
            Align::Center => self.at.x - width / 2.0,
            Align::Right => self.at.x - width,
        };
        Some(Bounds { left, top: self.at.y - ASCENT_PX, right: left + width, bottom: self.at.y + DESCENT_PX })
    }
}

/// Moves labels apart, in order: the first keeps its place unless it covers a handle, and each
/// label that would overlap a label already placed or the middle of a handle (centres in
/// `handles`) moves straight up or down the screen by the smallest step that clears all of them
/// (up first on a tie), at most [`MAX_SHIFT_PX`] and, when it moves, not out of the figure's
/// `height`. A label that cannot be cleared within those limits, has no finite anchor, or comes
/// after the first [`MAX_SEPARATED`] stays where it is.
pub fn separate(labels: &mut [PlacedLabel], handles: &[Screen], height: f64) {
    let mut placed: Vec<Bounds> = handles
        .iter()
        .filter(|h| h.x.is_finite() && h.y.is_finite())
        .map(|h| Bounds {
            left: h.x - HANDLE_CORE_PX,
            top: h.y - HANDLE_CORE_PX,
            right: h.x + HANDLE_CORE_PX,
            bottom: h.y + HANDLE_CORE_PX,
        })
        .collect();
    for label in labels.iter_mut().take(MAX_SEPARATED) {
        let Some(own) = label.bounds() else { continue };
        let clear = |b: &Bounds| placed.iter().all(|p| !p.overlaps(b));
        if clear(&own) {
            placed.push(own);
            continue;
        }
        // The moves that put this box just above or just below one of the boxes beside it: the
        // smallest clearing move is one of them.
        let mut moves: Vec<f64> = placed
            .iter()
            .filter(|p| p.side_by_side(&own))
            .flat_map(|p| [p.top - GAP_PX - own.bottom - 0.5, p.bottom + GAP_PX - own.top + 0.5])
            .filter(|dy| dy.is_finite() && dy.abs() <= MAX_SHIFT_PX)
            .collect();
        moves.sort_by(|a, b| a.abs().total_cmp(&b.abs()).then(a.total_cmp(b)));
        let inside = |b: &Bounds| b.top >= 0.0 && b.bottom <= height;
        match moves.into_iter().find(|dy| {
            let b = own.shifted(*dy);
            clear(&b) && inside(&b)
        }) {
            Some(dy) => {
                label.at.y += dy;
                placed.push(own.shifted(dy));
            }
            None => placed.push(own),
        }
    }
}

/// How many pairs of these labels' estimated boxes overlap (labels whose anchor is not finite are
/// not drawn and do not count).
pub fn overlapping_pairs(labels: &[PlacedLabel]) -> usize {
    let b: Vec<Bounds> = labels.iter().filter_map(PlacedLabel::bounds).collect();
    (0..b.len()).flat_map(|i| (i + 1..b.len()).map(move |j| (i, j))).filter(|(i, j)| b[*i].overlaps(&b[*j])).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn label(x: f64, y: f64, text: &str) -> PlacedLabel {
        PlacedLabel { at: Screen { x, y }, text: text.into(), role: Role::Input, align: Align::Center }
    }

    fn boxes(labels: &[PlacedLabel]) -> Vec<Bounds> {
        labels.iter().filter_map(PlacedLabel::bounds).collect()
    }

    fn apart(labels: &[PlacedLabel]) -> bool {
        let b = boxes(labels);
        (0..b.len()).all(|i| (i + 1..b.len()).all(|j| !b[i].overlaps(&b[j])))
    }

    #[test]
    fn overlapping_labels_end_up_apart_near_their_anchors() {
        // Two arrows whose tips project to nearly the same point, as in a slanted 3-D view.
        let mut labels = vec![label(200.0, 150.0, "u"), label(203.0, 148.0, "1·u"), label(198.0, 149.0, "b")];
        let before = labels.clone();
        separate(&mut labels, &[], 400.0);
        assert!(apart(&labels), "{labels:?}");
        assert_eq!(labels[0], before[0], "the first label keeps its place");
        for (after, was) in labels.iter().zip(&before) {
            assert_eq!((after.at.x, after.text.as_str()), (was.at.x, was.text.as_str()), "only y moves");
            assert!((after.at.y - was.at.y).abs() <= 2.0 * (ASCENT_PX + DESCENT_PX + GAP_PX) + 1.0, "{after:?}");
        }
        // The second, a little higher, moves up (the smaller move); the third then goes below.
        assert!(labels[1].at.y < 150.0 && labels[2].at.y > 150.0, "{labels:?}");
    }

    #[test]
    fn a_label_on_a_handle_moves_off_its_middle() {
        // A short arrow seen end-on: its label lands on its own handle.
        let mut labels = vec![PlacedLabel { align: Align::Left, ..label(204.0, 204.0, "u") }, label(300.0, 300.0, "b")];
        let handles = [Screen { x: 200.0, y: 200.0 }, Screen { x: 300.0, y: 250.0 }, Screen { x: f64::NAN, y: 0.0 }];
        separate(&mut labels, &handles, 400.0);
        let moved = labels[0].bounds().unwrap();
        assert!(moved.top > 204.0 || moved.bottom < 196.0, "{labels:?}");
        assert!((labels[0].at.y - 204.0).abs() < ASCENT_PX + DESCENT_PX, "{labels:?}");
        assert_eq!(labels[1].at.y, 300.0, "clear of every handle: untouched");
    }

    #[test]
    fn labels_that_do_not_overlap_are_untouched() {
        let mut labels = vec![
            label(50.0, 50.0, "x"),
            label(300.0, 50.0, "y"),
            label(50.0, 200.0, "z"),
            // Side by side on one line, a gap apart: left- and right-aligned at the same point.
            PlacedLabel { align: Align::Left, ..label(150.0, 120.0, "right of it") },
            PlacedLabel { align: Align::Right, ..label(146.0, 120.0, "left of it") },
        ];
        let before = labels.clone();
        separate(&mut labels, &[], 400.0);
        assert_eq!(labels, before);
    }

    #[test]
    fn a_move_stays_inside_the_figure_and_within_reach() {
        // At the top edge the overlapping label goes down, not out of the canvas.
        let mut labels = vec![label(100.0, 12.0, "span{u, v}: a plane"), label(100.0, 12.0, "z")];
        separate(&mut labels, &[], 300.0);
        assert!(labels[1].at.y > 12.0 && apart(&labels), "{labels:?}");
        // A tall stack: labels that cannot be cleared within the limit stay on their anchor.
        let mut labels: Vec<PlacedLabel> = (0..12).map(|i| label(100.0, 100.0, &format!("label {i}"))).collect();
        separate(&mut labels, &[], 1000.0);
        assert!(labels.iter().all(|l| (l.at.y - 100.0).abs() <= MAX_SHIFT_PX + 1e-9));
        let moved = labels.iter().filter(|l| l.at.y != 100.0).count();
        assert!((8..12).contains(&moved), "{moved} moved: {labels:?}");
    }

    #[test]
    fn non_finite_anchors_are_left_alone_and_produce_no_nan() {
        let mut labels =
            vec![label(f64::NAN, 10.0, "a"), label(100.0, 100.0, "b"), label(100.0, f64::INFINITY, "c"), label(101.0, 100.0, "d")];
        separate(&mut labels, &[], 300.0);
        assert!(labels[0].at.x.is_nan() && labels[2].at.y == f64::INFINITY);
        assert!(labels[1].at.y == 100.0 && labels[3].at.y.is_finite() && labels[3].at.y != 100.0);
    }

    #[test]
    fn the_renderer_separates_every_kind_of_label() {
        use crate::view::render::{render, HandleMark, Recording};
        use crate::view::scene::{Scene, Shape, Stroke};
        use crate::view::viewport::{Viewport, World};
        // An arrow's tip label, a line's edge label and two plain labels, all near one point.
        let view = Viewport::default();
        let mut scene = Scene::default();
        scene.arrow(World::new(1.0, 1.0), Stroke::solid(Role::Basis1, 2.0), "u");
        scene.arrow(World::new(1.02, 1.0), Stroke::solid(Role::Basis2, 2.0), "v");
        scene.push(Shape::Label { at: World::new(1.1, 1.1), text: "b".into(), role: Role::Image });
        scene.push(Shape::Label { at: World::new(1.1, 1.1), text: "x".into(), role: Role::Axis });
        let mut rec = Recording::default();
        render(&scene, &[HandleMark { at: World::new(3.0, -2.0), role: Role::Input, active: false }], &view, &mut rec);
        assert_eq!(rec.texts.iter().map(|t| t.1.as_str()).collect::<Vec<_>>(), ["u", "v", "b", "x"]);
        let drawn: Vec<PlacedLabel> = rec
            .texts
            .iter()
            .zip([Align::Left, Align::Left, Align::Center, Align::Center])
            .map(|((at, text, role), align)| PlacedLabel { at: *at, text: text.clone(), role: *role, align })
            .collect();
        assert!(apart(&drawn), "{drawn:?}");
        assert!(drawn.iter().all(|l| l.at.x.is_finite() && l.at.y.is_finite()));
    }

    proptest! {
        #[test]
        fn separating_is_deterministic_bounded_and_clears_what_it_moves(
            points in proptest::collection::vec((0.0f64..400.0, 0.0f64..400.0, 1usize..12), 0..30)
        ) {
            let labels: Vec<PlacedLabel> = points.iter().map(|(x, y, n)| label(*x, *y, &"m".repeat(*n))).collect();
            let mut once = labels.clone();
            separate(&mut once, &[], 400.0);
            let mut twice = labels.clone();
            separate(&mut twice, &[], 400.0);
            prop_assert_eq!(&once, &twice);
            let placed = boxes(&once);
            for (k, (after, was)) in once.iter().zip(&labels).enumerate() {
                prop_assert!(after.at.y.is_finite() && after.at.x == was.at.x);
                prop_assert!((after.at.y - was.at.y).abs() <= MAX_SHIFT_PX + 1e-9);
                let earlier_clear = |b: &Bounds| placed[..k].iter().all(|p| !p.overlaps(b));
                let original = was.bounds().unwrap();
                if earlier_clear(&original) {
                    // Clear of every label before it where it was: not moved.
                    prop_assert_eq!(after, was);
                } else if after != was {
                    // Moved: inside the figure and clear of every label before it.
                    let b = after.bounds().unwrap();
                    prop_assert!(b.top >= 0.0 && b.bottom <= 400.0 && earlier_clear(&b));
                }
            }
        }
    }
}
