//! Every chapter's figure keeps its labels legible at the sizes readers see it: the figure canvas
//! is 356 px square on a 390 × 844 phone (390 in an embed) and 556 px on a 1280 × 800 desktop. Each
//! figure is drawn by the real renderer into a recording painter; the labels it drew must lie inside
//! the canvas, apart from each other, off every handle's ring and off the tick labels, and the
//! cases reported in issue 14 are checked one by one.

use linalg_live::chapters::{find, CHAPTERS};
use linalg_live::page::{Msg, Page};
use linalg_live::state::route::ChapterLink;
use linalg_live::view::labels::{overlapping_pairs, Bounds, PlacedLabel, StrokeMark, HANDLE_SPACING_PX};
use linalg_live::view::render::{layout, mark_spots, render, Layout, Painter};
use linalg_live::view::scene::{Align, Fill, HeatMap, Role, Stroke};
use linalg_live::view::viewport::Screen;

/// The figure's side on a phone, in an embed on a phone, and on a desktop, in CSS px.
const SIZES: [f64; 3] = [356.0, 390.0, 556.0];

/// What a render drew: its texts in order and the centres of the handle rings.
#[derive(Default)]
struct Recorded {
    texts: Vec<PlacedLabel>,
    rings: Vec<Screen>,
}

impl Painter for Recorded {
    fn clear(&mut self) {
        *self = Recorded::default();
    }
    fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {}
    fn circle(&mut self, center: Screen, _: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        if fill.is_some_and(|f| f.alpha == 0.25) && stroke.is_some() {
            self.rings.push(center);
        }
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.texts.push(PlacedLabel { at, text: text.into(), role, align });
    }
    fn heat(&mut self, _: Screen, _: Screen, _: &HeatMap) {}
}

/// A chapter's page opened from `params` with a figure of `size` × `size` CSS px.
fn page(slug: &str, params: &[(&str, &str)], size: f64) -> Page {
    let params = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut page = Page::open(find(slug).expect("a chapter"), &ChapterLink::new(slug, params));
    page.update(Msg::Resize { width: size, height: size });
    page
}

/// The figure drawn into a recording painter, and where the renderer put everything.
fn draw(page: &Page) -> Layout {
    let frame = page.frame();
    let mut drawn = Recorded::default();
    render(&frame.scene, &frame.marks, page.viewport(), &mut drawn);
    let layout = layout(&frame.scene, &frame.marks, page.viewport());
    // What was drawn is exactly the layout: the tick labels, then the shapes' labels, then the rings.
    let mut texts = layout.ticks.clone();
    texts.extend(layout.labels.iter().cloned());
    assert_eq!(drawn.texts, texts);
    assert_eq!(drawn.rings, layout.rings.iter().map(|r| r.0).collect::<Vec<_>>());
    layout
}

fn label<'a>(layout: &'a Layout, prefix: &str) -> &'a PlacedLabel {
    layout.labels.iter().find(|l| l.text.starts_with(prefix)).unwrap_or_else(|| panic!("no label {prefix:?} in {:?}", layout.labels))
}

fn bounds(l: &PlacedLabel) -> Bounds {
    l.bounds().expect("a finite label")
}

/// The strokes of `role` that pass through the label.
fn crossed<'a>(layout: &'a Layout, l: &PlacedLabel, role: Role) -> Vec<&'a StrokeMark> {
    layout.strokes.iter().filter(|s| s.role == role && s.crosses(&bounds(l))).collect()
}

fn grown(b: &Bounds, by: f64) -> Bounds {
    Bounds { left: b.left - by, top: b.top - by, right: b.right + by, bottom: b.bottom + by }
}

/// Every rule for one figure: inside, apart, off the rings, off the tick labels. Returns the
/// problems found, described.
fn problems(layout: &Layout, size: f64) -> Vec<String> {
    let mut out = Vec::new();
    if overlapping_pairs(&layout.labels) > 0 {
        out.push(format!("{} overlapping pairs", overlapping_pairs(&layout.labels)));
    }
    for l in &layout.labels {
        let b = bounds(l);
        if !grown(&b, -1e-9).inside(size, size) {
            out.push(format!("{:?} is cut at the edge", l.text));
        }
        if layout.rings.iter().any(|(c, r)| b.touches_circle(*c, *r)) {
            out.push(format!("{:?} covers a handle", l.text));
        }
        if layout.ticks.iter().any(|t| bounds(t).overlaps(&b)) {
            out.push(format!("{:?} covers a tick label", l.text));
        }
    }
    for t in &layout.ticks {
        if !grown(&bounds(t), -1e-9).inside(size, size) {
            out.push(format!("tick {:?} is cut at the edge", t.text));
        }
    }
    out
}

#[test]
fn every_view_of_every_chapter_keeps_its_labels_legible_on_a_phone_and_a_desktop() {
    let mut found = Vec::new();
    let mut figures = 0;
    for info in CHAPTERS.iter() {
        let first = page(info.slug, &[], 400.0);
        let mut views: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
        for choice in first.chapter().choices() {
            views.extend(choice.options.iter().skip(1).map(|(value, _)| vec![(choice.name, *value)]));
        }
        for view in &views {
            for size in SIZES {
                let page = page(info.slug, view, size);
                figures += 1;
                found.extend(problems(&draw(&page), size).into_iter().map(|p| format!("{} {view:?} at {size} px: {p}", info.slug)));
            }
        }
    }
    assert!(figures > 80, "{figures} figures");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn eigendecompositions_lambda_and_av_labels_stay_inside_on_a_phone() {
    for size in SIZES {
        let layout = draw(&page("eigendecomposition", &[], size));
        for text in ["λ₁ = 6", "λ₂ = 2", "Av = 6v"] {
            let b = bounds(label(&layout, text));
            assert!(b.inside(size, size), "{text} at {size} px: {b:?}");
        }
        assert!(problems(&layout, size).is_empty(), "{:?}", problems(&layout, size));
    }
}

#[test]
fn pcas_component_labels_stay_inside_and_mu_keeps_off_the_points() {
    for view in ["raw", "centred"] {
        for size in SIZES {
            let layout = draw(&page("pca", &[("view", view)], size));
            for text in ["PC₁", "PC₂", "μ"] {
                let l = label(&layout, text);
                assert!(bounds(l).inside(size, size), "{text}, {view}, {size} px: {l:?}");
            }
            let mu = bounds(label(&layout, "μ"));
            assert!(layout.rings.iter().all(|(c, r)| !mu.touches_circle(*c, *r)), "μ under a handle, {view}, {size} px");
            assert!(problems(&layout, size).is_empty(), "{:?}", problems(&layout, size));
        }
    }
}

#[test]
fn norms_ball_labels_keep_off_the_tick_labels() {
    for size in SIZES {
        let layout = draw(&page("norms", &[], size));
        for text in ["‖v‖₁", "‖v‖₂", "‖v‖∞", "‖v‖₃"] {
            let b = bounds(label(&layout, text));
            let on = layout.ticks.iter().find(|t| bounds(t).overlaps(&b));
            assert!(on.is_none(), "{text} on the tick label {on:?} at {size} px");
            assert!(b.inside(size, size));
        }
    }
}

#[test]
fn the_inverses_b_arrow_does_not_run_through_its_solution_label() {
    for size in SIZES {
        let layout = draw(&page("inverse", &[], size));
        let x = label(&layout, "x = A⁻¹b");
        assert!(crossed(&layout, x, Role::Image).is_empty(), "b's arrow through {x:?} at {size} px");
        assert!(problems(&layout, size).is_empty(), "{:?}", problems(&layout, size));
    }
}

#[test]
fn the_determinant_label_keeps_off_the_f() {
    // The default, a shear, a flip and a large stretch.
    for a in ["2,0;0,2", "1,1;0,1", "0,1;1,0", "3,1;1,2"] {
        for size in SIZES {
            let layout = draw(&page("determinant", &[("A", a)], size));
            let det = label(&layout, "det = ");
            assert!(crossed(&layout, det, Role::Input).is_empty(), "the F through {det:?}, A = {a}, {size} px");
            assert!(problems(&layout, size).is_empty(), "A = {a}: {:?}", problems(&layout, size));
        }
    }
}

#[test]
fn multiplications_column_handles_stay_apart_on_a_phone() {
    for view in ["av", "ab"] {
        for size in SIZES {
            let page = page("multiplication", &[("view", view)], size);
            let handles = page.handles();
            let spots = mark_spots(&page.frame().marks, page.viewport());
            let at = |name: &str| spots[handles.iter().position(|h| h.id.to_string() == name).expect("a handle")];
            let (a1, a2) = (at("A:0"), at("A:1"));
            let apart = (a1.x - a2.x).hypot(a1.y - a2.y);
            assert!(apart >= HANDLE_SPACING_PX - 1e-9, "{view}, {size} px: a₁ {a1:?} and a₂ {a2:?} are {apart} px apart");
            // Every pair of rings is that far apart, and every ring is on the figure.
            for (i, p) in spots.iter().enumerate() {
                assert!(p.x >= 0.0 && p.y >= 0.0 && p.x <= size && p.y <= size, "{p:?}");
                assert!(spots[..i].iter().all(|q| (p.x - q.x).hypot(p.y - q.y) >= HANDLE_SPACING_PX - 1e-9), "{spots:?}");
            }
            let layout = draw(&page);
            assert!(problems(&layout, size).is_empty(), "{:?}", problems(&layout, size));
        }
    }
}

#[test]
fn placing_is_deterministic() {
    let page = page("pca", &[], 356.0);
    let frame = page.frame();
    let once = layout(&frame.scene, &frame.marks, page.viewport());
    assert_eq!(once, layout(&frame.scene, &frame.marks, page.viewport()));
}
