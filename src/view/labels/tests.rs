use super::*;
use proptest::prelude::*;

fn label(x: f64, y: f64, text: &str) -> PlacedLabel {
    PlacedLabel { at: Screen { x, y }, text: text.into(), role: Role::Input, align: Align::Center }
}

fn requests(labels: &[PlacedLabel]) -> Vec<LabelRequest> {
    labels.iter().enumerate().map(|(i, l)| LabelRequest { label: l.clone(), owner: 1000 + i, own_cost: COST_OWN_STROKE }).collect()
}

fn place_all(labels: &[PlacedLabel], obstacles: &Obstacles) -> Vec<PlacedLabel> {
    place(&requests(labels), obstacles, 400.0, 400.0)
}

fn boxes(labels: &[PlacedLabel]) -> Vec<Bounds> {
    labels.iter().filter_map(PlacedLabel::bounds).collect()
}

fn moved(a: &PlacedLabel, b: &PlacedLabel) -> f64 {
    (a.at.x - b.at.x).hypot(a.at.y - b.at.y)
}

fn segment(a: (f64, f64), b: (f64, f64), owner: usize) -> StrokeMark {
    StrokeMark {
        points: vec![Screen { x: a.0, y: a.1 }, Screen { x: b.0, y: b.1 }],
        closed: false,
        half_width: 1.5,
        owner,
        cost: COST_STROKE,
        role: Role::Image,
    }
}

#[test]
fn widths_follow_the_glyphs() {
    // Measured in Chromium with DejaVu Sans at 13 px: 40.3, 50.9, 22.1, 56.1 and 59.7 px.
    for (text, drawn) in [("λ₁ = 6", 40.3), ("Av = 6v", 50.9), ("PC₁", 22.1), ("x = A⁻¹b", 56.1), ("det = −8", 59.7)] {
        let w = text_width(text);
        assert!(w >= drawn && w <= drawn * 1.12, "{text}: {w} for {drawn}");
    }
}

#[test]
fn overlapping_labels_end_up_apart_near_their_anchors() {
    // Two arrows whose tips project to nearly the same point, as in a slanted 3-D view.
    let labels = vec![label(200.0, 150.0, "u"), label(203.0, 148.0, "1·u"), label(198.0, 149.0, "b")];
    let out = place_all(&labels, &Obstacles::default());
    assert_eq!(overlapping_pairs(&out), 0, "{out:?}");
    assert_eq!(out[0], labels[0], "the first label keeps its place");
    for (after, was) in out.iter().zip(&labels) {
        assert!(moved(after, was) <= 2.0 * (ASCENT_PX + DESCENT_PX + GAP_PX) + 1.0, "{after:?}");
    }
}

#[test]
fn a_label_keeps_off_the_whole_ring_of_a_handle() {
    // A short arrow seen end-on: its label lands on a handle's ring, not only on its centre.
    let labels = vec![PlacedLabel { align: Align::Left, ..label(204.0, 204.0, "u") }, label(300.0, 300.0, "b")];
    let rings = vec![(Screen { x: 200.0, y: 200.0 }, 10.0), (Screen { x: 300.0, y: 250.0 }, 10.0), (Screen { x: f64::NAN, y: 0.0 }, 10.0)];
    let out = place_all(&labels, &Obstacles { rings: rings.clone(), ..Obstacles::default() });
    let b = out[0].bounds().unwrap();
    assert!(!b.touches_circle(rings[0].0, 10.0), "{out:?}");
    assert!(moved(&out[0], &labels[0]) < 20.0, "{out:?}");
    assert_eq!(out[1], labels[1], "clear of every handle: untouched");
}

#[test]
fn labels_follow_the_last_placement_until_they_change() {
    // A ring pushes "u" off its anchor; the moves are kept.
    let first = vec![PlacedLabel { align: Align::Left, ..label(204.0, 204.0, "u") }, label(300.0, 300.0, "b")];
    let ring = Obstacles { rings: vec![(Screen { x: 200.0, y: 200.0 }, 10.0)], ..Obstacles::default() };
    let placed = place_all(&first, &ring);
    let offsets = Offsets::of(&requests(&first), &placed);
    assert!(moved(&placed[0], &first[0]) > 1.0, "{placed:?}");
    // The anchors move 30 px right (clear of the ring now): "u" keeps its move, where a new
    // placement would put it back on its anchor.
    let later: Vec<PlacedLabel> = first.iter().map(|l| PlacedLabel { at: Screen { x: l.at.x + 30.0, ..l.at }, ..l.clone() }).collect();
    let followed = follow(&requests(&later), &offsets, 400.0, 400.0).expect("the same labels");
    for ((f, p), l) in followed.iter().zip(&placed).zip(&later) {
        assert!((f.at.x - p.at.x - 30.0).abs() < 1e-9 && f.at.y == p.at.y && f.text == l.text, "{f:?} {p:?}");
    }
    assert_eq!(place_all(&later, &ring)[0], later[0]);
    // Near the edge a label that follows is still kept inside the figure.
    let edge: Vec<PlacedLabel> = first.iter().map(|l| PlacedLabel { at: Screen { x: 398.0, ..l.at }, ..l.clone() }).collect();
    let inside = follow(&requests(&edge), &offsets, 400.0, 400.0).expect("the same labels");
    assert!(inside.iter().all(|l| l.bounds().unwrap().right <= 400.0 - EDGE_PX + 1e-9), "{inside:?}");
    // Labels of other shapes, another count: placed again.
    let others: Vec<LabelRequest> = requests(&first).into_iter().map(|r| LabelRequest { owner: r.owner + 1, ..r }).collect();
    assert_eq!(follow(&others, &offsets, 400.0, 400.0), None);
    assert_eq!(follow(&requests(&first[..1]), &offsets, 400.0, 400.0), None);
}

#[test]
fn labels_clear_of_everything_are_untouched() {
    let labels = vec![
        label(50.0, 50.0, "x"),
        label(300.0, 50.0, "y"),
        label(50.0, 200.0, "z"),
        // Side by side on one line, a gap apart: left- and right-aligned at the same point.
        PlacedLabel { align: Align::Left, ..label(150.0, 120.0, "right of it") },
        PlacedLabel { align: Align::Right, ..label(146.0, 120.0, "left of it") },
    ];
    let far = Obstacles {
        rings: vec![(Screen { x: 380.0, y: 380.0 }, 10.0)],
        fixed: vec![Bounds { left: 300.0, top: 300.0, right: 320.0, bottom: 315.0 }],
        strokes: vec![segment((0.0, 390.0), (400.0, 390.0), 1)],
        dots: vec![(Screen { x: 200.0, y: 300.0 }, 4.0, 2)],
    };
    assert_eq!(place_all(&labels, &far), labels);
}

#[test]
fn labels_beyond_an_edge_are_moved_in_not_cut() {
    let labels = vec![
        PlacedLabel { align: Align::Left, ..label(380.0, 100.0, "Av = 6v") },
        PlacedLabel { align: Align::Right, ..label(10.0, 200.0, "λ₂ = 2") },
        label(200.0, 5.0, "λ₁ = 6"),
        label(200.0, 399.0, "PC₁"),
    ];
    let out = place_all(&labels, &Obstacles::default());
    for (after, was) in out.iter().zip(&labels) {
        let (b, w) = (after.bounds().unwrap(), was.bounds().unwrap());
        assert!(b.inside(400.0, 400.0), "{after:?}");
        let over = (w.right - 400.0).max(-w.left).max(-w.top).max(w.bottom - 400.0) + EDGE_PX;
        assert!((moved(after, was) - over).abs() < 1e-9, "moved in, no further: {after:?}");
    }
    // A label wider than the figure starts at its left edge.
    let wide = place(&requests(&[label(50.0, 50.0, &"m".repeat(40))]), &Obstacles::default(), 300.0, 300.0);
    assert_eq!(wide[0].bounds().unwrap().left, EDGE_PX);
}

#[test]
fn a_label_leaves_another_shapes_stroke_for_a_clear_spot_and_keeps_off_tick_labels() {
    // "x = A⁻¹b" above the solution with b's arrow running through it, a tick label just above.
    let labels = vec![label(200.0, 200.0, "x = A⁻¹b")];
    let b_arrow = segment((150.0, 260.0), (240.0, 150.0), 7);
    let tick = Bounds { left: 180.0, top: 170.0, right: 200.0, bottom: 185.0 };
    let obstacles = Obstacles { strokes: vec![b_arrow.clone()], fixed: vec![tick], ..Obstacles::default() };
    let out = place_all(&labels, &obstacles);
    let b = out[0].bounds().unwrap();
    assert!(!b_arrow.crosses(&b) && !b.overlaps(&tick), "{out:?}");
    assert!(moved(&out[0], &labels[0]) <= MAX_SHIFT_PX, "{out:?}");
    // Its own stroke costs less than another's: a line's label stays on its own line rather
    // than moving onto another line right beside it.
    let own = PlacedLabel { align: Align::Right, ..label(200.0, 100.0, "λ₁") };
    let strokes = vec![segment((180.0, 0.0), (180.0, 400.0), 1), segment((0.0, 96.0), (400.0, 96.0), 2)];
    let request = LabelRequest { label: own.clone(), owner: 1, own_cost: COST_OWN_STROKE };
    let out = place(&[request], &Obstacles { strokes: strokes.clone(), ..Obstacles::default() }, 400.0, 400.0);
    assert!(!strokes[1].crosses(&out[0].bounds().unwrap()), "{out:?}");
}

#[test]
fn with_no_clear_spot_a_label_stays_inside_and_breaks_the_fewest_rules() {
    // A tall stack: labels that cannot all be cleared within reach still stay in the figure.
    let labels: Vec<PlacedLabel> = (0..40).map(|i| label(200.0, 200.0, &format!("label {i}"))).collect();
    let out = place_all(&labels, &Obstacles::default());
    assert!(out.iter().all(|l| l.bounds().unwrap().inside(400.0, 400.0)));
    assert!(out.iter().all(|l| moved(l, &labels[0]) <= MAX_SHIFT_PX + 1e-9));
    assert!(overlapping_pairs(&out[..10]) == 0, "{out:?}");
}

#[test]
fn non_finite_anchors_are_left_alone_and_produce_no_nan() {
    let labels = vec![label(f64::NAN, 10.0, "a"), label(100.0, 100.0, "b"), label(100.0, f64::INFINITY, "c"), label(101.0, 100.0, "d")];
    let out = place_all(&labels, &Obstacles::default());
    assert!(out[0].at.x.is_nan() && out[2].at.y == f64::INFINITY);
    assert!(out[1] == labels[1] && out[3].at.y.is_finite() && out[3] != labels[3]);
}

#[test]
fn close_handles_get_rings_apart_and_slide_back_as_they_separate() {
    let at = |x: f64, y: f64| Screen { x, y };
    let dist = |a: Screen, b: Screen| (a.x - b.x).hypot(a.y - b.y);
    // a₁ and a₂ of a large matrix on a phone: 6 px apart. The first stays, the second moves
    // straight away from it, just far enough.
    let spots = spread_handles(&[(at(100.0, 100.0), true), (at(104.0, 104.0), true), (at(300.0, 300.0), true)], 356.0, 356.0);
    assert_eq!(spots[0], at(100.0, 100.0));
    assert!((dist(spots[0], spots[1]) - HANDLE_SPACING_PX).abs() < 1e-9, "{spots:?}");
    assert!(spots[1].x > 104.0 && spots[1].y > 104.0 && (spots[1].x - spots[1].y).abs() < 1e-9, "{spots:?}");
    assert_eq!(spots[2], at(300.0, 300.0));
    // Coincident handles, three deep, at the figure's corner: all apart and inside.
    let corner = [(at(350.0, 5.0), true), (at(350.0, 5.0), true), (at(350.0, 5.0), true)];
    let spots = spread_handles(&corner, 356.0, 356.0);
    for i in 0..3 {
        for j in i + 1..3 {
            assert!(dist(spots[i], spots[j]) >= HANDLE_SPACING_PX - 1e-9, "{spots:?}");
        }
    }
    assert!(spots[1..].iter().all(|s| s.x <= 356.0 - HANDLE_EDGE_PX && s.y >= HANDLE_EDGE_PX), "{spots:?}");
    // Continuous: dragged apart, the ring comes back onto its point.
    let spots = spread_handles(&[(at(100.0, 100.0), true), (at(100.0 + HANDLE_SPACING_PX, 100.0), true)], 356.0, 356.0);
    assert_eq!(spots[1], at(100.0 + HANDLE_SPACING_PX, 100.0));
    // Data points stay and move nobody; handles off the figure or not finite are left alone.
    let spots = spread_handles(&[(at(50.0, 50.0), false), (at(51.0, 50.0), false), (at(52.0, 50.0), true)], 356.0, 356.0);
    assert_eq!(spots, [at(50.0, 50.0), at(51.0, 50.0), at(52.0, 50.0)]);
    let odd = [(at(-40.0, 10.0), true), (at(-40.0, 10.0), true), (at(f64::NAN, 1.0), true)];
    let spots = spread_handles(&odd, 356.0, 356.0);
    assert!(spots[0] == odd[0].0 && spots[1] == odd[1].0 && spots[2].x.is_nan());
}

proptest! {
    #[test]
    fn spread_rings_are_apart_inside_and_near_their_handles(
        points in proptest::collection::vec((20.0f64..336.0, 20.0f64..336.0), 1..8),
    ) {
        let handles: Vec<(Screen, bool)> = points.iter().map(|(x, y)| (Screen { x: *x, y: *y }, true)).collect();
        let spots = spread_handles(&handles, 356.0, 356.0);
        prop_assert_eq!(&spots, &spread_handles(&handles, 356.0, 356.0));
        for (i, (s, (p, _))) in spots.iter().zip(&handles).enumerate() {
            prop_assert!((s.x - p.x).hypot(s.y - p.y) <= 3.0 * HANDLE_SPACING_PX);
            if s != p {
                // Moved: clear of every ring before it and inside the figure.
                prop_assert!(spots[..i].iter().all(|q| (s.x - q.x).hypot(s.y - q.y) >= HANDLE_SPACING_PX - 1e-9));
                prop_assert!(s.x >= HANDLE_EDGE_PX && s.y >= HANDLE_EDGE_PX && s.x <= 356.0 - HANDLE_EDGE_PX && s.y <= 356.0 - HANDLE_EDGE_PX);
            }
        }
    }
}

proptest! {
    #[test]
    fn placing_is_deterministic_bounded_inside_and_clear_where_it_can_be(
        points in proptest::collection::vec((0.0f64..400.0, 0.0f64..400.0, 1usize..12), 0..24),
        rings in proptest::collection::vec((0.0f64..400.0, 0.0f64..400.0), 0..6),
    ) {
        let labels: Vec<PlacedLabel> = points.iter().map(|(x, y, n)| label(*x, *y, &"m".repeat(*n))).collect();
        let obstacles = Obstacles { rings: rings.iter().map(|(x, y)| (Screen { x: *x, y: *y }, 10.0)).collect(), ..Obstacles::default() };
        let once = place_all(&labels, &obstacles);
        prop_assert_eq!(&once, &place_all(&labels, &obstacles));
        let placed = boxes(&once);
        for (k, (after, was)) in once.iter().zip(&labels).enumerate() {
            let b = after.bounds().unwrap();
            prop_assert!(b.inside(400.0, 400.0));
            let base = moved_inside(was.bounds().unwrap(), 400.0, 400.0);
            prop_assert!((b.left - base.left).hypot(b.top - base.top) <= MAX_SHIFT_PX + 1e-9);
            let clear = |b: &Bounds| placed[..k].iter().all(|p| !p.overlaps(b)) && obstacles.rings.iter().all(|(c, r)| !b.touches_circle(*c, *r));
            let w = was.bounds().unwrap();
            if clear(&w) && w.shifted(-EDGE_PX, -EDGE_PX).inside(400.0 - 2.0 * EDGE_PX, 400.0 - 2.0 * EDGE_PX) {
                prop_assert_eq!(after, was, "clear where it was: untouched");
            }
        }
    }
}

proptest! {
    #[test]
    fn a_cost_cut_short_is_already_too_much(
        segments in proptest::collection::vec((0.0f64..200.0, 0.0f64..200.0, 0.0f64..200.0, 0.0f64..200.0), 0..30),
        dots in proptest::collection::vec((0.0f64..200.0, 0.0f64..200.0), 0..30),
        anchor in (0.0f64..200.0, 0.0f64..200.0),
        distance in 0.0f64..80.0,
        beat in 0.0f64..800.0,
    ) {
        // The search skips the rest of a candidate's obstacles once its score reaches the best
        // one: the cut-short cost must then be no cheaper than the best, and otherwise whole.
        let strokes = segments.iter().enumerate().map(|(i, (ax, ay, bx, by))| segment((*ax, *ay), (*bx, *by), i)).collect();
        let obstacles = Obstacles { strokes, dots: dots.iter().map(|(x, y)| (Screen { x: *x, y: *y }, 4.0, 99)).collect(), ..Obstacles::default() };
        let b = label(anchor.0, anchor.1, "PC1").bounds().unwrap();
        let nearby = Nearby::new(&obstacles, &b.grown(MAX_SHIFT_PX + 1.0), 0, COST_OWN_STROKE);
        let whole = nearby.cost(&b, 0.0, f64::INFINITY);
        let cut = nearby.cost(&b, distance, beat);
        if distance + whole < beat {
            prop_assert_eq!(cut, whole);
        } else {
            prop_assert!(distance + cut >= beat && cut <= whole);
        }
    }
}
