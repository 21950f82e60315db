use super::*;
use crate::chapter::picture::PictureFile;
use crate::chapter::testing::id;
use crate::chapters::find;
use crate::readout::Value;
use crate::view::space::{Camera, ORBIT_KEY_STEP};

fn link(slug: &str, params: &[(&str, &str)]) -> ChapterLink {
    ChapterLink::new(slug, params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

fn open(params: &[(&str, &str)]) -> Page {
    open_at("multiplication", params)
}

fn value(page: &Page, name: &str) -> Value {
    page.readouts().into_iter().find(|r| r.name == name).unwrap().value
}

#[test]
fn a_click_places_a_point_snapped_and_delete_removes_it() {
    let mut page = open_at("pseudoinverse", &[]);
    let points = |page: &Page| match value(page, "P") {
        Value::Matrix(rows) => rows,
        other => panic!("{other:?}"),
    };
    let at = page.viewport().to_screen(World::new(4.8, 1.1));
    assert_eq!(page.update(Msg::Place(at)), Changes::STRUCTURE);
    assert_eq!(points(&page).last(), Some(&vec![5.0, 1.0]));
    assert_eq!(page.update(Msg::Remove(id("P:6"))), Changes::STRUCTURE);
    assert_eq!(points(&page).len(), 6);
    // Pages without points ignore both.
    let mut other = open(&[]);
    assert_eq!(other.update(Msg::Place(at)), Changes::default());
    assert_eq!(other.update(Msg::Remove(id("v"))), Changes::default());
}

#[test]
fn a_drag_moves_the_handle_to_the_pointer_snapped() {
    let mut page = open(&[]);
    page.update(Msg::DragStart(id("v")));
    let at = page.viewport().to_screen(World::new(1.2, -0.9));
    let ch = page.update(Msg::DragTo(at));
    assert!(ch.state && ch.figure && !ch.settled);
    assert_eq!(value(&page, "v"), Value::Vector(vec![1.0, -1.0]));
    assert!(page.update(Msg::DragEnd).settled);
    assert_eq!(page.hash(), "#/multiplication?A=2,3;6,5&B=5,3;2,2&v=1,-1&w=2,6");
}

#[test]
fn arrow_keys_nudge_and_shift_is_fine() {
    let mut page = open(&[]);
    page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false });
    assert_eq!(value(&page, "Av"), Value::Vector(vec![18.0, 46.0]));
    page.update(Msg::Nudge { handle: id("v"), dx: 0.0, dy: 1.0, fine: true });
    assert_eq!(value(&page, "v"), Value::Vector(vec![6.0, 2.1]));
}

#[test]
fn an_invalid_cell_keeps_the_last_valid_value() {
    let mut page = open(&[]);
    let ch = page.update(Msg::EditCell { input: "A", row: 0, col: 1, text: "abc".into() });
    assert!(!ch.state && ch.messages);
    assert!(page.cell_errors()["A"].message.contains("row 1, column 2"));
    assert_eq!((page.cell_errors()["A"].row, page.cell_errors()["A"].col), (0, 1));
    assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![2.0, 3.0], vec![6.0, 5.0]]));
    page.update(Msg::EditCell { input: "A", row: 0, col: 1, text: "-1.5".into() });
    assert!(page.cell_errors().is_empty());
    assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![2.0, -1.5], vec![6.0, 5.0]]));
    // Out-of-range cells and unknown inputs are ignored rather than trusted.
    assert_eq!(page.update(Msg::EditCell { input: "A", row: 9, col: 0, text: "1".into() }), Changes::default());
    assert_eq!(page.update(Msg::EditCell { input: "Z", row: 0, col: 0, text: "1".into() }), Changes::default());
}

#[test]
fn reshaping_grows_with_zeros_within_limits() {
    let mut page = open(&[]);
    assert!(page.update(Msg::Reshape { input: "A", rows: 3, cols: 2 }).controls);
    assert_eq!(value(&page, "Av"), Value::Vector(vec![16.0, 40.0, 0.0]));
    assert_eq!(page.update(Msg::Reshape { input: "A", rows: 0, cols: 2 }), Changes::default());
    assert_eq!(page.update(Msg::Reshape { input: "A", rows: 99, cols: 2 }), Changes::default());
    page.update(Msg::Reshape { input: "v", rows: 3, cols: 7 });
    assert_eq!(value(&page, "v"), Value::Vector(vec![5.0, 2.0, 0.0]));
}

#[test]
fn a_square_only_input_grows_both_ways_and_explains_what_it_cannot_do() {
    let mut page = open_at("determinant", &[]);
    assert!(page.update(Msg::Reshape { input: "A", rows: 3, cols: 2 }).controls);
    assert_eq!(page.chapter().inputs()[0].value.shape(), (3, 3));
    assert!(page.update(Msg::Reshape { input: "A", rows: 3, cols: 2 }).controls);
    assert_eq!(page.chapter().inputs()[0].value.shape(), (2, 2));
}

#[test]
fn handles_hide_while_the_timeline_is_mid_way_and_a_drag_finishes_it() {
    let mut page = open(&[]);
    page.update(Msg::Scrub(0.5));
    assert!(page.handles().is_empty());
    page.update(Msg::DragStart(id("v")));
    assert_eq!(page.timeline().position(), 1.0);
    assert!(!page.handles().is_empty());
}

#[test]
fn the_parts_shown_follow_show_or_the_mode_and_stay_in_the_url() {
    use crate::state::parts::{Part, Parts};
    assert_eq!(open(&[]).parts(), Parts::ALL);
    assert_eq!(open(&[("embed", "1")]).parts(), Parts::EMBED);
    let mut page = open(&[("embed", "1"), ("show", "figure")]);
    assert!(page.parts().contains(Part::Figure) && !page.parts().contains(Part::Controls));
    page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false });
    assert!(page.hash().ends_with("&embed=1&show=figure"), "{}", page.hash());
    assert!(!page.full_page_hash().contains("show"));
    let ch = page.update(Msg::SetParts(Parts::ALL));
    assert!(ch.controls && page.parts() == Parts::ALL && page.hash().ends_with("&show=figure,controls,readouts,code,text"));
    let bad = open(&[("show", "graph")]);
    assert_eq!(bad.parts(), Parts::ALL);
    assert!(bad.url_problems().iter().any(|p| p.contains("no part called “graph”")), "{:?}", bad.url_problems());
}

#[test]
fn the_embed_mode_survives_state_changes_in_the_url() {
    let mut page = open(&[("embed", "1"), ("v", "1,0")]);
    assert!(page.embed());
    page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false });
    assert!(page.hash().ends_with("&v=2,0&w=2,6&embed=1"), "{}", page.hash());
    assert!(!page.full_page_hash().contains("embed"));
    assert!(!open(&[("embed", "yes")]).embed());
}

#[test]
fn theme_and_accent_are_page_parameters_kept_in_the_url_not_chapter_errors() {
    let mut page = open(&[("v", "1,0"), ("theme", "dark"), ("accent", "0A7"), ("embed", "1")]);
    assert!(page.url_problems().is_empty() && page.look().problems.is_empty());
    page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false });
    assert!(page.hash().ends_with("&v=2,0&w=2,6&theme=dark&accent=00aa77&embed=1"), "{}", page.hash());
    let page = open(&[("v", "1,0"), ("theme", "neon"), ("accent", "red")]);
    assert!(page.url_problems().is_empty(), "the chapter state is kept");
    assert_eq!(value(&page, "v"), Value::Vector(vec![1.0, 0.0]));
    assert_eq!(page.look().problems.len(), 2);
    assert!(!page.hash().contains("theme") && !page.hash().contains("accent"));
}

fn open_at(slug: &str, params: &[(&str, &str)]) -> Page {
    Page::open(find(slug).unwrap(), &link(slug, params))
}

fn handle_at(page: &Page, name: &str) -> World {
    page.handles().into_iter().find(|h| h.id.to_string() == name).unwrap().at
}

#[test]
fn dragging_the_empty_3d_figure_orbits_and_keeps_the_state() {
    let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
    assert!(page.in_space() && !open(&[]).in_space());
    let names: Vec<String> = page.handles().into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["A:0", "A:1", "orbit"]);
    let (before, readouts) = (handle_at(&page, "A:0"), page.readouts());
    assert!(page.update(Msg::Pan { dx: 40.0, dy: 10.0 }).figure);
    assert_ne!(page.camera, Camera::default());
    assert_ne!(handle_at(&page, "A:0"), before, "the handle follows its projected tip");
    assert_eq!(page.readouts(), readouts);
    assert_eq!(page.viewport().center, World::zeros(), "no pan in 3-D");
    // The figure is the projected space, with a ring per chapter handle (none for the orbit control).
    let frame = page.frame();
    assert!(!frame.scene.shapes.is_empty() && frame.marks.len() == 2);
    // A plane page still pans.
    let mut plane = open(&[]);
    plane.update(Msg::Pan { dx: 40.0, dy: 0.0 });
    assert_ne!(plane.viewport().center, World::zeros());
}

#[test]
fn a_3d_handle_moves_in_the_screen_plane_and_keys_follow_the_axes() {
    let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
    page.update(Msg::Snap(false));
    page.update(Msg::DragStart(id("A:0")));
    let to = handle_at(&page, "A:0") + World::new(0.5, 0.25);
    let ch = page.update(Msg::DragTo(page.viewport().to_screen(to)));
    assert!(ch.state && ch.figure);
    assert!((handle_at(&page, "A:0") - to).norm() < 1e-9, "the tip stays under the pointer");
    page.update(Msg::DragEnd);
    // Coarse keys step one unit along the axis that looks like the arrow (z for up, by default).
    let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
    page.update(Msg::Nudge { handle: id("A:0"), dx: 0.0, dy: 1.0, fine: false });
    assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![2.0, 1.0]]));
    // Fine keys move exactly along the screen's up direction.
    let before = handle_at(&page, "A:1");
    page.update(Msg::Nudge { handle: id("A:1"), dx: 0.0, dy: 1.0, fine: true });
    assert!((handle_at(&page, "A:1") - before - World::new(0.0, FINE_KEY_STEP)).norm() < 1e-12);
    // The orbit control turns the view by keys and by dragging, and changes no state.
    let hash = page.hash();
    let camera = page.camera;
    page.update(Msg::Nudge { handle: HandleId::ORBIT, dx: 1.0, dy: 0.0, fine: false });
    assert!((page.camera.yaw() - (camera.yaw() - ORBIT_KEY_STEP)).abs() < 1e-12);
    page.update(Msg::DragStart(HandleId::ORBIT));
    page.update(Msg::DragTo(Screen { x: 10.0, y: 10.0 }));
    let turned = page.camera;
    page.update(Msg::DragTo(Screen { x: 10.0, y: 60.0 }));
    assert!(page.camera.pitch() > turned.pitch());
    page.update(Msg::DragEnd);
    assert_eq!(page.hash(), hash);
}

#[test]
fn reshaping_into_space_fits_the_view_to_the_3d_figure() {
    let mut page = open_at("svd", &[]);
    assert!(!page.in_space());
    page.update(Msg::Reshape { input: "A", rows: 3, cols: 2 });
    assert!(page.in_space());
    let (lo, hi) = page.viewport().world_bounds();
    let Figure::Space(space) = page.chapter().figure(page.timeline()) else { panic!("a 3-D figure") };
    let half = space.half_extent(&page.camera);
    assert!(lo.x <= -half.x && hi.x >= half.x && lo.y <= -half.y && hi.y >= half.y);
}

proptest::proptest! {
    /// A fuzz of the whole link pipeline: any hash, for any chapter, opens a page whose readouts
    /// are finite or null with a reason, and whose figure, code and summary do not panic.
    #[test]
    fn any_link_opens_a_sound_page(slug in proptest::sample::select(crate::chapters::CHAPTERS.iter().map(|c| c.slug).collect::<Vec<_>>()),
                                   pairs in proptest::collection::vec((proptest::sample::select(vec!["A", "B", "v", "w", "b", "P", "p", "s", "d", "deg", "view", "order", "X", "embed"]),
                                                                       "[-+0-9.,;eE ]{0,40}|[0-9]{1,3}(,[0-9]{1,3}){0,5}(;[0-9]{1,3}(,[0-9]{1,3}){0,5}){0,5}|\\PC{0,20}"), 0..6)) {
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let hash = format!("#/{slug}?{}", query.join("&"));
        let crate::state::route::Route::Chapter(link) = crate::state::route::parse_hash(&hash) else { return Ok(()) };
        let info = find(&link.slug).expect("a known slug");
        let mut page = Page::open(info, &link);
        crate::chapter::testing::check_everything(page.chapter())?;
        let first = page.handles().first().map(|h| h.id);
        if let Some(handle) = first {
            page.update(Msg::Nudge { handle, dx: 1.0, dy: 1.0, fine: false });
            crate::chapter::testing::check_everything(page.chapter())?;
        }
        let _ = page.frame();
    }
}

#[test]
fn invalid_links_report_and_open_the_default() {
    let page = open(&[("A", "1,2;3,x")]);
    assert_eq!(page.url_problems().len(), 1);
    assert_eq!(value(&page, "Av"), Value::Vector(vec![16.0, 40.0]));
}

/// Records the labels a render draws, with their alignment.
#[derive(Default)]
struct Labels(Vec<crate::view::labels::PlacedLabel>);

impl crate::view::render::Painter for Labels {
    fn clear(&mut self) {
        self.0.clear();
    }
    fn path(&mut self, _: &[Screen], _: bool, _: Option<crate::view::scene::Fill>, _: Option<crate::view::scene::Stroke>) {}
    fn text(&mut self, at: Screen, text: &str, role: crate::view::scene::Role, align: crate::view::scene::Align) {
        self.0.push(crate::view::labels::PlacedLabel { at, text: text.into(), role, align });
    }
    fn heat(&mut self, _: Screen, _: Screen, _: &crate::view::scene::HeatMap) {}
}

#[test]
fn three_d_figures_keep_their_labels_apart_from_every_side() {
    // The links where arrows and points come close on screen as the view turns.
    let links = [("svd", "1,0;0,1;1,1", None), ("span", "1,0;0,1;1,1", Some("1,2,4")), ("eigendecomposition", "2,0,0;0,3,4;0,4,9", None)];
    for (slug, a, b) in links {
        let mut params = vec![("A", a)];
        params.extend(b.map(|b| ("b", b)));
        let mut page = open_at(slug, &params);
        page.update(Msg::Resize { width: 390.0, height: 390.0 });
        assert!(page.in_space(), "{slug}");
        let mut overlaps = 0;
        for yaw in 0..24 {
            for pitch in [-60.0f64, -20.0, 10.0, 25.0, 60.0] {
                page.camera = Camera::new(f64::from(yaw) * 15f64.to_radians(), pitch.to_radians());
                page.update(Msg::FitView);
                let frame = page.frame();
                let mut drawn = Labels::default();
                crate::view::render::render(&frame.scene, &frame.marks, page.viewport(), &mut drawn);
                overlaps += crate::view::labels::overlapping_pairs(&drawn.0);
            }
        }
        assert_eq!(overlaps, 0, "{slug}: {overlaps} overlapping label pairs over 120 views");
    }
}

fn matrix(page: &Page, name: &str) -> Vec<Vec<f64>> {
    match value(page, name) {
        Value::Matrix(rows) => rows,
        other => panic!("{name} = {other:?}"),
    }
}

fn type_into(page: &mut Page, input: &'static str, row: usize, col: usize, text: &str) {
    // Keystroke by keystroke, as the editor's input events send it, then committed.
    let mut typed = String::new();
    for c in text.chars() {
        typed.push(c);
        page.update(Msg::EditCell { input, row, col, text: typed.clone() });
    }
    page.update(Msg::CommitCell { input, row, col, text: typed });
}

#[test]
fn a_drag_is_one_step_and_undo_redo_follow_it() {
    let mut page = open(&[]);
    let start = page.hash();
    assert!(!page.can_undo() && !page.can_redo() && !page.can_reset());
    page.update(Msg::DragStart(id("v")));
    for k in 1..=5 {
        page.update(Msg::DragTo(page.viewport().to_screen(World::new(1.0, -f64::from(k)))));
    }
    page.update(Msg::DragEnd);
    let dragged = page.hash();
    assert!(dragged.contains("v=1,-5"), "{dragged}");
    assert!(page.can_undo() && page.can_reset());
    let ch = page.update(Msg::Undo);
    assert!(ch.state && ch.controls && ch.settled);
    assert_eq!(page.hash(), start, "the whole drag is one step");
    assert!(!page.can_undo() && page.can_redo());
    page.update(Msg::Redo);
    assert_eq!(page.hash(), dragged);
    // Undo with nothing to undo changes nothing.
    page.update(Msg::Undo);
    assert_eq!(page.update(Msg::Undo), Changes::default());
    assert!(page.update(Msg::Redo).state);
    assert_eq!(page.update(Msg::Redo), Changes::default());
    // Pressing a handle without moving it, or turning a 3-D view, is no step.
    let mut page = open(&[]);
    page.update(Msg::DragStart(id("v")));
    page.update(Msg::DragEnd);
    page.update(Msg::Pan { dx: 10.0, dy: 0.0 });
    page.update(Msg::Zoom { at: Screen { x: 1.0, y: 1.0 }, factor: 2.0 });
    assert!(!page.can_undo());
}

#[test]
fn typing_in_one_cell_is_one_step_and_each_gesture_another() {
    let mut page = open(&[]);
    type_into(&mut page, "A", 0, 0, "12.5");
    type_into(&mut page, "A", 0, 0, "7");
    page.update(Msg::Choose { choice: "view", option: "ab".into() });
    page.update(Msg::Focus(Some(id("B:0"))));
    page.update(Msg::Nudge { handle: id("B:0"), dx: 1.0, dy: 0.0, fine: false });
    page.update(Msg::Nudge { handle: id("B:0"), dx: 1.0, dy: 0.0, fine: false });
    page.update(Msg::Focus(None));
    page.update(Msg::Nudge { handle: id("B:0"), dx: 0.0, dy: 1.0, fine: false });
    page.update(Msg::Reshape { input: "A", rows: 3, cols: 2 });
    let mut hashes = vec![page.hash()];
    while page.can_undo() {
        page.update(Msg::Undo);
        hashes.push(page.hash());
    }
    assert_eq!(hashes.len(), 7, "{hashes:#?}");
    assert!(hashes[0].contains("A=7,3;6,5;0,0"));
    assert!(hashes[1].contains("A=7,3;6,5&B=7,3;3,2"), "{}", hashes[1]);
    assert!(hashes[2].contains("B=7,3;2,2"), "the two nudges before the focus moved are one step: {}", hashes[2]);
    assert!(hashes[3].contains("A=7,3;6,5&B=5,3;2,2") && hashes[3].contains("view=ab"));
    assert!(hashes[4].contains("A=7,3;6,5") && !hashes[4].contains("view"));
    assert!(hashes[5].contains("A=12.5,3;6,5"));
    assert_eq!(hashes[6], "#/multiplication?A=2,3;6,5&B=5,3;2,2&v=5,2&w=2,6");
    // A new step after an undo drops what was undone.
    page.update(Msg::Redo);
    assert!(page.can_redo());
    page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false });
    assert!(!page.can_redo());
}

#[test]
fn reset_returns_the_default_as_a_step_that_can_be_undone() {
    let mut page = open(&[("A", "1,0;0,1"), ("view", "ab")]);
    assert!(page.can_reset());
    page.update(Msg::Scrub(0.5));
    let linked = page.hash();
    let ch = page.update(Msg::Reset);
    assert!(ch.controls && ch.state);
    assert_eq!(page.hash(), "#/multiplication?A=2,3;6,5&B=5,3;2,2&v=5,2&w=2,6");
    assert_eq!(page.timeline().position(), page.timeline().stages() as f64, "the timeline starts over at its end");
    assert!(!page.can_reset());
    assert_eq!(page.update(Msg::Reset), Changes::default(), "resetting the default is no step");
    page.update(Msg::Undo);
    assert_eq!(page.hash(), linked);
}

#[test]
fn the_history_is_bounded_in_steps_and_in_entries() {
    let mut page = open(&[]);
    for k in 0..(MAX_STEPS + 30) {
        // Alternate handles, so that every nudge is a step of its own.
        let handle = if k % 2 == 0 { id("v") } else { id("A:0") };
        page.update(Msg::Nudge { handle, dx: 1.0, dy: 0.0, fine: false });
    }
    let mut undone = 0;
    while page.can_undo() {
        page.update(Msg::Undo);
        undone += 1;
    }
    assert_eq!(undone, MAX_STEPS);
    // 10⁵ generated points are 2·10⁵ entries a snapshot: only a few are kept.
    let mut page = open_at("pca", &[("n", "100000")]);
    for n in [99_000, 98_000, 97_000, 96_000, 95_000, 94_000, 93_000, 92_000, 91_000, 90_000, 89_000, 88_000] {
        page.update(Msg::CommitCell { input: "n", row: 0, col: 0, text: n.to_string() });
    }
    let mut undone = 0;
    while page.can_undo() {
        page.update(Msg::Undo);
        undone += 1;
    }
    assert!((1..=MAX_ENTRIES / 180_000).contains(&undone), "{undone} steps of ~2·10⁵ entries");
}

#[test]
fn typeset_numbers_and_whole_matrices_typed_into_a_cell() {
    let mut page = open(&[]);
    type_into(&mut page, "A", 0, 1, "\u{2212}5");
    assert_eq!(matrix(&page, "A"), [[2.0, -5.0], [6.0, 5.0]]);
    type_into(&mut page, "A", 1, 1, "[[1, 2], [3, 4]]");
    assert_eq!(matrix(&page, "A"), [[1.0, 2.0], [3.0, 4.0]]);
    // "1 2; 3 4": the first keystroke sets the cell to 1, the space makes it a matrix in the making,
    // which takes that back (with a note, not an error) until it is committed whole.
    let mut page = open(&[]);
    page.update(Msg::EditCell { input: "A", row: 0, col: 0, text: "1".into() });
    assert_eq!(matrix(&page, "A")[0][0], 1.0);
    let ch = page.update(Msg::EditCell { input: "A", row: 0, col: 0, text: "1 2".into() });
    assert!(ch.state && ch.messages);
    assert_eq!(matrix(&page, "A"), [[2.0, 3.0], [6.0, 5.0]]);
    let note = &page.cell_errors()["A"];
    assert!(!note.invalid && note.message.contains("press Enter"), "{}", note.message);
    page.update(Msg::EditCell { input: "A", row: 0, col: 0, text: "1 2; 3 4; 5 6".into() });
    assert!(page.update(Msg::CommitCell { input: "A", row: 0, col: 0, text: "1 2; 3 4; 5 6".into() }).controls);
    assert_eq!(matrix(&page, "A"), [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "resized to what was typed");
    assert!(page.cell_errors().is_empty());
    page.update(Msg::Undo);
    assert_eq!(matrix(&page, "A"), [[2.0, 3.0], [6.0, 5.0]], "one step, back to before the first keystroke");
    // A vector takes a row or a column; a scalar takes one number.
    type_into(&mut page, "v", 0, 0, "1\t2\t3");
    assert_eq!(value(&page, "v"), Value::Vector(vec![1.0, 2.0, 3.0]));
}

#[test]
fn a_typed_matrix_that_cannot_be_used_is_refused_whole_with_the_reason() {
    let mut page = open_at("determinant", &[]);
    let before = page.hash();
    for (text, says) in [
        ("1 2 3; 4 5 6", "square"),
        ("[[1, 2], [3]]", "row 2 has 1 entry"),
        ("1 2; 3 x", "row 2, entry 2: “x” is not a number"),
        ("[[[1]]]", "3-D"),
    ] {
        type_into(&mut page, "A", 0, 0, text);
        assert_eq!(page.hash(), before, "{text}");
        let error = &page.cell_errors()["A"];
        assert!(error.invalid && error.message.contains(says) && error.message.contains("row 1, column 1"), "{text}: {}", error.message);
    }
    assert!(!page.can_undo(), "refused text is no step");
    let mut page = open_at("norms", &[]);
    page.update(Msg::CommitCell { input: "p", row: 0, col: 0, text: "1 2".into() });
    assert!(page.cell_errors()["p"].message.contains("single number"), "{}", page.cell_errors()["p"].message);
}

#[test]
fn a_link_in_the_page_sets_the_state_as_one_step_or_is_refused() {
    let mut page = open(&[("v", "1,0")]);
    page.update(Msg::Scrub(0.5));
    let before = page.hash();
    let ch = page.update(Msg::FollowLink(link("multiplication", &[("A", "1,2;3,4"), ("view", "ab")])));
    assert!(ch.navigated && ch.state && ch.controls);
    // Like opening the link: the chapter's default with the link's parameters.
    assert_eq!(page.hash(), "#/multiplication?A=1,2;3,4&B=5,3;2,2&v=5,2&w=2,6&view=ab");
    // The same link again is no new step.
    assert_eq!(page.update(Msg::FollowLink(link("multiplication", &[("view", "ab"), ("A", "1,2;3,4")]))), Changes::default());
    page.update(Msg::Undo);
    assert_eq!(page.hash(), before);
    assert!(!page.can_undo());
    let ch = page.update(Msg::FollowLink(link("multiplication", &[("A", "1,x")])));
    assert!(ch.messages && !ch.state && !ch.navigated);
    assert_eq!(page.hash(), before, "a refused link keeps the state");
    assert!(page.link_problems()[0].contains("Parameter A"), "{:?}", page.link_problems());
    assert!(page.url_problems().is_empty());
    // A link to another chapter is not this page's to follow; one that cannot be decoded is refused.
    assert_eq!(page.update(Msg::FollowLink(link("svd", &[("A", "1,2;3,4")]))), Changes::default());
    let crate::state::route::Route::Chapter(bad) = crate::state::route::parse_hash("#/multiplication?A=%zz") else { panic!() };
    assert!(page.update(Msg::FollowLink(bad)).messages);
    assert!(page.link_problems()[0].contains("%-encoding"), "{:?}", page.link_problems());
    assert_eq!(page.hash(), before);
    // The next change of state clears the message.
    assert!(page.update(Msg::Nudge { handle: id("v"), dx: 1.0, dy: 0.0, fine: false }).messages);
    assert!(page.link_problems().is_empty());
}

#[test]
fn play_takes_a_pace_that_can_be_followed() {
    let mut page = open_at("svd", &[]);
    assert_eq!(page.timeline().stages(), 3);
    page.update(Msg::PlayPause(1000.0));
    page.update(Msg::Tick(1000.0 + PLAY_STAGE_MS * 0.9));
    assert!(page.timeline().position() < 1.0);
    page.update(Msg::Tick(1000.0 + PLAY_STAGE_MS));
    assert!((page.timeline().position() - 1.0).abs() < 1e-9, "{}", page.timeline().position());
    const { assert!(PLAY_STAGE_MS >= 1500.0) };
}

/// A `width` × `height` colour picture with a diagonal gradient and a bright square.
fn picture_file(width: usize, height: usize) -> PictureFile {
    let rgba = (0..height)
        .flat_map(|r| (0..width).map(move |c| (r, c)))
        .flat_map(|(r, c)| {
            let square = (4..12).contains(&r) && (6..14).contains(&c);
            [(10 * (r + c)) as u8, if square { 250 } else { 40 }, (7 * c) as u8, 255]
        })
        .collect();
    PictureFile::new("mine.png", (width, height), width, height, rgba).unwrap()
}

fn run_picture(page: &mut Page) -> (usize, Changes) {
    let mut steps = 0;
    loop {
        steps += 1;
        assert!(steps < 200, "the job ends");
        let ch = page.update(Msg::PictureStep);
        if page.picture_progress().is_none() {
            return (steps, ch);
        }
    }
}

#[test]
fn a_chosen_picture_is_computed_in_steps_then_shown_and_undone() {
    let mut page = open_at("svd", &[("tab", "image"), ("k", "12")]);
    assert!(page.takes_picture());
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![120.0, 160.0, 1.0]));
    let hash = page.hash();
    let ch = page.update(Msg::PictureChosen(picture_file(30, 20)));
    assert!(ch.messages && !ch.state);
    assert_eq!(page.picture_progress().map(|(name, p)| (name.to_string(), p)), Some(("mine.png".to_string(), 0.0)));
    // Until the job is done the built-in picture stays.
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![120.0, 160.0, 1.0]));
    let (_, ch) = run_picture(&mut page);
    assert_eq!(ch, Changes::STRUCTURE);
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![20.0, 30.0, 3.0]));
    assert_eq!(value(&page, "rank_k"), Value::Number(12.0));
    assert_eq!(page.hash(), hash, "the picture is not in the link");
    // k is capped at the 20 triples computed, with the page's message.
    page.update(Msg::CommitCell { input: "k", row: 0, col: 0, text: "30".into() });
    assert!(page.cell_errors()["k"].message.contains("from 1 to 20 for this picture"), "{:?}", page.cell_errors());
    assert_eq!(value(&page, "rank_k"), Value::Number(12.0));
    // Undo brings back the built-in picture.
    page.update(Msg::Undo);
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![120.0, 160.0, 1.0]));
    page.update(Msg::Redo);
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![20.0, 30.0, 3.0]));
    // Greyscale computes the picture shown again, as one channel; Cancel keeps what is shown.
    page.update(Msg::Greyscale(true));
    assert!(page.picture_progress().is_some() && page.greyscale());
    page.update(Msg::CancelPicture);
    assert!(page.picture_progress().is_none() && !page.greyscale(), "the switch shows what is shown");
    page.update(Msg::Greyscale(true));
    run_picture(&mut page);
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![20.0, 30.0, 1.0]));
}

#[test]
fn refused_pictures_keep_the_picture_and_say_why() {
    let mut page = open_at("svd", &[("tab", "image")]);
    let ch = page.update(Msg::PictureRefused("The file is not a picture.".into()));
    assert!(ch.messages);
    assert_eq!(page.picture_problem(), Some("The file is not a picture."));
    assert_eq!(value(&page, "picture_shape"), Value::Vector(vec![120.0, 160.0, 1.0]));
    // A new picture clears the message.
    page.update(Msg::PictureChosen(picture_file(16, 16)));
    assert_eq!(page.picture_problem(), None);
    // Leaving the tab drops the computation; the map tab takes no picture.
    page.update(Msg::Choose { choice: "tab", option: "map".into() });
    assert!(page.picture_progress().is_none() && !page.takes_picture());
    assert_eq!(page.update(Msg::PictureChosen(picture_file(16, 16))), Changes::default());
    assert!(page.picture_progress().is_none());
    // Other chapters take none.
    assert!(!open(&[]).takes_picture());
}
