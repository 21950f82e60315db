//! A chapter page's whole state and its one `update` function. The browser shell turns events into
//! [`Msg`]s, calls [`Page::update`], and redraws from the page; nothing else changes the state.

use crate::chapters::{from_params, to_params, Chapter, ChapterInfo, Handle, InputKind, SpaceHandle};
use crate::readout::Readout;
use crate::state::number::parse_number;
use crate::state::route::build_hash;
use crate::theme::Look;
use crate::view::render::HandleMark;
use crate::view::scene::{Role, Scene};
use crate::view::space::{Camera, Point3, FINE_ORBIT_KEY_STEP, ORBIT_KEY_STEP};
use crate::view::timeline::Timeline;
use crate::view::viewport::{Screen, Viewport, World};
use nalgebra::DMatrix;
use std::collections::BTreeMap;

/// The URL parameter that turns on the embed mode (`embed=1`).
pub const EMBED_PARAM: &str = "embed";

/// Arrow-key step in world units, and with Shift held.
pub const KEY_STEP: f64 = 1.0;
/// See [`KEY_STEP`].
pub const FINE_KEY_STEP: f64 = 0.1;
/// Largest magnitude a handle can be moved to by keys (dragging is bounded by the view).
pub const MAX_COORD: f64 = 1e6;

/// Something the reader did.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Pressed on a handle.
    DragStart(String),
    /// Moved the pointer while dragging, to a canvas point.
    DragTo(Screen),
    /// Released or cancelled the drag.
    DragEnd,
    /// An arrow key on a focused handle: direction (−1, 0, 1 in world axes) and whether Shift is held.
    Nudge { handle: String, dx: f64, dy: f64, fine: bool },
    /// A handle got or lost keyboard focus.
    Focus(Option<String>),
    /// Typed into a cell of an input (row and column from 0).
    EditCell { input: String, row: usize, col: usize, text: String },
    /// Added or removed rows/columns of an input (new cells are 0).
    Reshape { input: String, rows: usize, cols: usize },
    /// Loaded pasted text (points as CSV, one per line) into an input that accepts it.
    Paste { input: String, text: String },
    /// Picked an option of a choice.
    Choose { choice: String, option: String },
    /// Dragged the empty plane by a screen offset.
    Pan { dx: f64, dy: f64 },
    /// Zoomed around a canvas point.
    Zoom { at: Screen, factor: f64 },
    /// Fit the view to the figure's content.
    FitView,
    /// The canvas has a new size in CSS px.
    Resize { width: f64, height: f64 },
    /// Toggled snapping to the integer lattice.
    Snap(bool),
    /// Play or pause the timeline at a time in ms.
    PlayPause(f64),
    /// Scrubbed the timeline to a position.
    Scrub(f64),
    /// An animation frame at a time in ms.
    Tick(f64),
    /// Clicked or tapped the empty figure without moving, at a canvas point.
    Place(Screen),
    /// Delete or Backspace on a focused handle.
    Remove(String),
}

/// What an update changed, so the shell redoes only that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// The chapter state: readouts, handles, code, URL.
    pub state: bool,
    /// The figure needs redrawing (view, timeline or state).
    pub figure: bool,
    /// The controls' structure (editor sizes, choices, stages) changed: rebuild them.
    pub controls: bool,
    /// A gesture ended: time to refresh the spoken summary.
    pub settled: bool,
    /// A validation message appeared or went away.
    pub messages: bool,
}

impl Changes {
    /// Everything: used for the first frame of a page.
    pub const ALL: Changes = Changes { state: true, figure: true, controls: true, settled: true, messages: true };

    /// Adds another update's changes to these.
    pub fn merge(&mut self, other: Changes) {
        self.state |= other.state;
        self.figure |= other.figure;
        self.controls |= other.controls;
        self.settled |= other.settled;
        self.messages |= other.messages;
    }
}

/// A chapter page: the chapter's state plus the shared view state around it.
pub struct Page {
    /// The syllabus entry.
    pub info: &'static ChapterInfo,
    chapter: Box<dyn Chapter>,
    /// The visible part of the plane.
    pub viewport: Viewport,
    /// The staged animation.
    pub timeline: Timeline,
    /// Whether drags snap to the integer lattice.
    pub snap: bool,
    /// The handle being dragged.
    pub dragging: Option<String>,
    /// The handle with keyboard focus.
    pub focused: Option<String>,
    /// Problems with the link this page was opened from.
    pub url_problems: Vec<String>,
    /// Embedded in another site (`embed=1`): only the figure, its controls and readouts are shown.
    pub embed: bool,
    /// Per input, its invalid cell and the message about it (the last valid value stays in the state).
    pub cell_errors: BTreeMap<String, CellError>,
    /// How the editors look now, to rebuild them when a state change changes that.
    editor_layout: EditorLayout,
    /// The theme and accent the link asked for (generic page parameters, kept in the URL).
    pub look: Look,
    /// Where a 3-D figure is seen from (view state like the viewport; not in the URL).
    pub camera: Camera,
    /// The last pointer position of a drag of the orbit control.
    orbit_from: Option<Screen>,
}

/// How the editors look: per input, its shape, or the note shown instead of its cells.
type EditorLayout = Vec<(&'static str, Result<(usize, usize), String>)>;

fn editor_layout(chapter: &dyn Chapter) -> EditorLayout {
    chapter.inputs().into_iter().map(|i| (i.name, chapter.editor_note(i.name).map_or(Ok(i.value.shape()), Err))).collect()
}

/// A cell whose text was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Row of the cell, from 0.
    pub row: usize,
    /// Column of the cell, from 0.
    pub col: usize,
    /// What is wrong, naming the input and the cell.
    pub message: String,
}

impl Page {
    /// Opens a chapter from URL parameters; `None` if the chapter is not built yet.
    pub fn open(info: &'static ChapterInfo, params: &[(String, String)], mut url_problems: Vec<String>) -> Option<Page> {
        let (chapter, problems) = from_params(info, params)?;
        url_problems.extend(problems);
        let timeline = Timeline::new(chapter.stages().len());
        let editor_layout = editor_layout(chapter.as_ref());
        let mut page = Page {
            info,
            chapter,
            editor_layout,
            viewport: Viewport::default(),
            timeline,
            snap: true,
            dragging: None,
            focused: None,
            url_problems,
            embed: params.iter().any(|(k, v)| k == EMBED_PARAM && v == "1"),
            cell_errors: BTreeMap::new(),
            look: Look::from_params(params),
            camera: Camera::default(),
            orbit_from: None,
        };
        page.fit();
        Some(page)
    }

    /// The chapter, read-only: all drawing and readouts come from here.
    pub fn chapter(&self) -> &dyn Chapter {
        self.chapter.as_ref()
    }

    /// The chapter's state as URL parameters (without the look or the embed mode).
    pub fn state_params(&self) -> Vec<(String, String)> {
        to_params(self.chapter.as_ref())
    }

    /// The URL hash that reproduces the state (and keeps the look and the embed mode).
    pub fn hash(&self) -> String {
        let mut params = to_params(self.chapter.as_ref());
        params.extend(self.look.params());
        if self.embed {
            params.push((EMBED_PARAM.to_string(), "1".to_string()));
        }
        build_hash(self.info.slug, &params)
    }

    /// The hash of the full chapter page with the same state (the embed's link back).
    pub fn full_page_hash(&self) -> String {
        build_hash(self.info.slug, &to_params(self.chapter.as_ref()))
    }

    /// The current readouts.
    pub fn readouts(&self) -> Vec<Readout> {
        self.chapter.readouts()
    }

    /// The handles; drawn on the final figure, so hidden while the timeline is mid-way.
    pub fn handles(&self) -> Vec<Handle> {
        if self.in_space() {
            return self.projected_handles();
        }
        if self.timeline.position() < self.timeline.stages() as f64 {
            return Vec::new();
        }
        self.chapter.handles()
    }

    /// The figure for this frame, and the handle rings to draw over it.
    pub fn figure(&self) -> (Scene, Vec<HandleMark>) {
        let marks = self
            .handles()
            .into_iter()
            .filter(|h| h.name != ORBIT_HANDLE)
            .map(|h| {
                let active = self.dragging.as_deref() == Some(&h.name) || self.focused.as_deref() == Some(&h.name);
                HandleMark { at: h.at, role: h.role, active }
            })
            .collect();
        let scene = match self.chapter.space(&self.timeline) {
            Some(space) => space.project(&self.camera),
            None => self.chapter.scene(&self.timeline),
        };
        (scene, marks)
    }

    fn fit(&mut self) {
        let (lo, hi) = match self.chapter.space(&self.timeline) {
            // Centred on the origin (the orbit's centre), holding everything as the camera sees it now.
            Some(space) => {
                let half = space.half_extent(&self.camera);
                (-half, half)
            }
            None => self.chapter.content_bounds(),
        };
        self.viewport.fit(lo, hi);
    }

    fn move_handle(&mut self, name: &str, to: World, snap: bool) -> bool {
        let to = if snap && self.chapter.snaps(name) { to.map(f64::round) } else { to };
        self.chapter.move_handle(name, to)
    }

    /// Applies one message; returns what changed.
    pub fn update(&mut self, msg: Msg) -> Changes {
        let mut ch = Changes::default();
        match msg {
            Msg::DragStart(name) => {
                self.timeline.finish();
                self.dragging = Some(name.clone());
                self.focused = Some(name);
                self.orbit_from = None;
                ch.figure = true;
            }
            Msg::DragTo(at) => {
                if let (Some(name), true) = (self.dragging.clone(), self.in_space()) {
                    ch = self.drag_in_space(&name, at);
                } else if let Some(name) = self.dragging.clone() {
                    let to = self.viewport.clamp(self.viewport.to_world(at));
                    ch.state = self.move_handle(&name, to, self.snap);
                    ch.figure = ch.state;
                }
            }
            Msg::DragEnd => {
                if self.dragging.take().is_some() {
                    ch.figure = true;
                    ch.settled = true;
                }
            }
            Msg::Nudge { handle, dx, dy, fine } => {
                self.timeline.finish();
                if self.in_space() {
                    ch = self.nudge_in_space(&handle, dx, dy, fine);
                } else if let Some(h) = self.chapter.handles().into_iter().find(|h| h.name == handle) {
                    let step = if fine { FINE_KEY_STEP } else { KEY_STEP };
                    let to = (h.at + World::new(dx, dy) * step).map(|x| x.clamp(-MAX_COORD, MAX_COORD));
                    // Fine steps deliberately leave the lattice; coarse steps keep lattice points on it.
                    ch.state = self.move_handle(&handle, to, self.snap && !fine);
                    ch.figure = true;
                    ch.settled = ch.state;
                }
            }
            Msg::Focus(name) => {
                ch.figure = self.focused != name;
                self.focused = name;
            }
            Msg::EditCell { input, row, col, text } => ch = self.edit_cell(&input, row, col, &text),
            Msg::Reshape { input, rows, cols } => ch = self.reshape(&input, rows, cols),
            Msg::Paste { input, text } => ch = self.paste(&input, &text),
            Msg::Choose { choice, option } => {
                if self.chapter.set_choice(&choice, &option).is_ok() {
                    self.reset_timeline();
                    self.fit();
                    ch = Changes::ALL;
                }
            }
            Msg::Pan { dx, dy } => {
                // Dragging the empty figure orbits a 3-D figure and pans a plane one.
                if self.in_space() {
                    self.camera.drag(dx, dy);
                } else {
                    self.viewport.pan(dx, dy);
                }
                ch.figure = true;
            }
            Msg::Zoom { at, factor } => {
                self.viewport.zoom_at(at, factor);
                ch.figure = true;
            }
            Msg::FitView => {
                self.fit();
                ch.figure = true;
            }
            Msg::Resize { width, height } => {
                let before = self.viewport;
                self.viewport.resize(width, height);
                if before.width != self.viewport.width || before.height != self.viewport.height {
                    // Keep the same world area visible across a resize (phone rotation, window drag).
                    self.viewport.scale *= (self.viewport.width / before.width).min(self.viewport.height / before.height);
                    ch.figure = true;
                }
            }
            Msg::Snap(on) => self.snap = on,
            Msg::PlayPause(now) => {
                if self.timeline.is_playing() {
                    self.timeline.pause();
                } else {
                    self.timeline.play(now);
                }
                ch.figure = true;
            }
            Msg::Scrub(pos) => {
                self.timeline.scrub(pos);
                ch.figure = true;
            }
            Msg::Tick(now) => ch.figure = self.timeline.tick(now),
            Msg::Place(at) => {
                if !self.in_space() {
                    let to = self.viewport.clamp(self.viewport.to_world(at));
                    let to = if self.snap { to.map(f64::round) } else { to };
                    if self.chapter.place(to) {
                        ch = Changes::ALL;
                    }
                }
            }
            Msg::Remove(name) => {
                if self.chapter.remove_handle(&name) {
                    self.focused = None;
                    ch = Changes::ALL;
                }
            }
        }
        if ch.state || ch.controls {
            // A state change can change how the editors look (generated points hide P's cells).
            let layout = editor_layout(self.chapter.as_ref());
            if layout != self.editor_layout {
                self.editor_layout = layout;
                ch.controls = true;
            }
        }
        ch
    }

    fn paste(&mut self, input: &str, text: &str) -> Changes {
        if !self.chapter.accepts_paste(input) {
            return Changes::default();
        }
        let result = crate::state::csv::parse_points(text)
            .map_err(|e| e.to_string())
            .and_then(|points| self.chapter.set_input(input, points).map_err(|why| format!("{input}: {why}")));
        match result {
            Ok(()) => {
                self.cell_errors.remove(input);
                self.reset_timeline();
                self.fit();
                Changes::ALL
            }
            Err(why) => {
                let message = format!("The pasted points were not loaded. {why}. The last valid points are kept.");
                self.cell_errors.insert(input.to_string(), CellError { row: usize::MAX, col: usize::MAX, message });
                Changes { messages: true, ..Changes::default() }
            }
        }
    }

    /// A fresh timeline for the chapter's current stages, at the end, keeping the motion preference.
    fn reset_timeline(&mut self) {
        let reduced_motion = self.timeline.reduced_motion;
        self.timeline = Timeline::new(self.chapter.stages().len());
        self.timeline.reduced_motion = reduced_motion;
    }

    fn input_value(&self, input: &str) -> Option<(InputKind, DMatrix<f64>)> {
        self.chapter.inputs().into_iter().find(|i| i.name == input).map(|i| (i.kind, i.value))
    }

    fn edit_cell(&mut self, input: &str, row: usize, col: usize, text: &str) -> Changes {
        let Some((_, mut value)) = self.input_value(input) else { return Changes::default() };
        if row >= value.nrows() || col >= value.ncols() {
            return Changes::default();
        }
        let position = if value.ncols() == 1 { format!("entry {}", row + 1) } else { format!("row {}, column {}", row + 1, col + 1) };
        let result = parse_number(text).map_err(|e| e.to_string()).and_then(|x| {
            value[(row, col)] = x;
            self.chapter.set_input(input, value)
        });
        match result {
            Ok(()) => {
                let messages = self.cell_errors.remove(input).is_some();
                Changes { state: true, figure: true, controls: false, settled: true, messages }
            }
            Err(why) => {
                let message = format!("{input}, {position}: {why}. The last valid value is kept.");
                self.cell_errors.insert(input.to_string(), CellError { row, col, message });
                Changes { messages: true, ..Changes::default() }
            }
        }
    }

    fn reshape(&mut self, input: &str, rows: usize, cols: usize) -> Changes {
        let Some((kind, value)) = self.input_value(input) else { return Changes::default() };
        let was_in_space = self.in_space();
        // Vectors are written as one row in URLs, so their length is bounded like columns.
        let (max_rows, max_cols) = match kind {
            InputKind::Scalar => return Changes::default(),
            InputKind::Vector => (crate::state::matrix::MAX_DIM, 1),
            InputKind::Matrix => (crate::state::matrix::MAX_ROWS, crate::state::matrix::MAX_DIM),
        };
        let cols = if kind == InputKind::Vector { 1 } else { cols };
        if !(1..=max_rows).contains(&rows) || !(1..=max_cols).contains(&cols) {
            return Changes::default();
        }
        let resized = value.clone().resize(rows, cols, 0.0);
        if let Err(why) = self.chapter.set_input(input, resized) {
            // A chapter that needs a square matrix grows or shrinks both sizes together.
            let n = if rows != value.nrows() { rows } else { cols };
            let square = kind == InputKind::Matrix && n <= max_cols && self.chapter.set_input(input, value.resize(n, n, 0.0)).is_ok();
            if !square {
                let message = format!("{input}: {why}.");
                self.cell_errors.insert(input.to_string(), CellError { row: usize::MAX, col: usize::MAX, message });
                return Changes { messages: true, ..Changes::default() };
            }
        }
        self.cell_errors.remove(input);
        self.reset_timeline();
        if self.in_space() != was_in_space {
            self.fit();
        }
        Changes::ALL
    }
}

/// The name of the 3-D figure's orbit control: a handle-like button in the figure's corner that
/// turns the view when dragged or with the arrow keys (it moves no state, so it is not in the URL).
pub const ORBIT_HANDLE: &str = "orbit";

/// Where the orbit control sits: CSS px from the canvas's left and bottom edges.
const ORBIT_INSET: f64 = 28.0;

/// The 3-D figure's side of the page: handles projected by the camera, drags in the screen plane,
/// and the orbit control.
impl Page {
    /// Whether the chapter draws its current state in space.
    pub fn in_space(&self) -> bool {
        self.chapter.space(&self.timeline).is_some()
    }

    /// The chapter's 3-D handles (while the timeline is at its end), then the orbit control.
    fn projected_handles(&self) -> Vec<Handle> {
        let mut out: Vec<Handle> = if self.timeline.position() < self.timeline.stages() as f64 {
            Vec::new()
        } else {
            self.chapter
                .space_handles()
                .into_iter()
                .map(|h: SpaceHandle| Handle { at: self.camera.project(&h.at), name: h.name, role: h.role, label: h.label })
                .collect()
        };
        out.push(Handle {
            name: ORBIT_HANDLE.to_string(),
            at: self.viewport.to_world(Screen { x: ORBIT_INSET, y: self.viewport.height - ORBIT_INSET }),
            role: Role::Axis,
            label: format!("Rotate the 3-D view, now at {}", self.camera.describe()),
        });
        out
    }

    fn space_handle(&self, name: &str) -> Option<SpaceHandle> {
        self.chapter.space_handles().into_iter().find(|h| h.name == name)
    }

    fn move_space_handle(&mut self, name: &str, to: Point3, snap: bool) -> bool {
        let to = if snap && self.chapter.snaps(name) { to.map(f64::round) } else { to };
        to.iter().all(|x| x.is_finite()) && self.chapter.move_space_handle(name, to)
    }

    /// A pointer move while dragging in a 3-D figure: the orbit control turns the camera by the
    /// pointer's movement; a handle moves in the plane through it parallel to the screen.
    fn drag_in_space(&mut self, name: &str, at: Screen) -> Changes {
        let mut ch = Changes::default();
        if name == ORBIT_HANDLE {
            if let Some(from) = self.orbit_from {
                self.camera.drag(at.x - from.x, at.y - from.y);
                ch.figure = true;
            }
            self.orbit_from = Some(at);
            return ch;
        }
        let Some(h) = self.space_handle(name) else { return ch };
        let to = self.viewport.clamp(self.viewport.to_world(at));
        if let Some(p) = self.camera.drag_point(&h.at, to) {
            ch.state = self.move_space_handle(name, p, self.snap);
            ch.figure = ch.state;
        }
        ch
    }

    /// An arrow key in a 3-D figure. On the orbit control: turn the view (left/right around z,
    /// up/down to look from higher or lower). On a handle: a coarse step moves one unit along the
    /// world axis that looks most like the arrow (lattice points stay on the lattice); a fine step
    /// moves exactly along the screen's right/up directions.
    fn nudge_in_space(&mut self, name: &str, dx: f64, dy: f64, fine: bool) -> Changes {
        let mut ch = Changes::default();
        if !(dx.is_finite() && dy.is_finite()) {
            return ch;
        }
        if name == ORBIT_HANDLE {
            let step = if fine { FINE_ORBIT_KEY_STEP } else { ORBIT_KEY_STEP };
            self.camera.orbit(-dx * step, dy * step);
            ch.figure = true;
            return ch;
        }
        let Some(h) = self.space_handle(name) else { return ch };
        let step = if fine {
            (self.camera.right() * dx + self.camera.up() * dy) * FINE_KEY_STEP
        } else {
            self.camera.nearest_axis(dx, dy) * KEY_STEP
        };
        let to = (h.at + step).map(|x| x.clamp(-MAX_COORD, MAX_COORD));
        ch.state = self.move_space_handle(name, to, self.snap && !fine);
        ch.figure = true;
        ch.settled = ch.state;
        ch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::find;
    use crate::readout::Value;

    fn open(params: &[(&str, &str)]) -> Page {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Page::open(find("multiplication").unwrap(), &params, vec![]).unwrap()
    }

    fn value(page: &Page, name: &str) -> Value {
        page.readouts().into_iter().find(|r| r.name == name).unwrap().value
    }

    #[test]
    fn a_click_places_a_point_snapped_and_delete_removes_it() {
        let mut page = Page::open(find("pseudoinverse").unwrap(), &[], vec![]).unwrap();
        let points = |page: &Page| match value(page, "P") {
            Value::Matrix(rows) => rows,
            other => panic!("{other:?}"),
        };
        let at = page.viewport.to_screen(World::new(4.8, 1.1));
        assert_eq!(page.update(Msg::Place(at)), Changes::ALL);
        assert_eq!(points(&page).last(), Some(&vec![5.0, 1.0]));
        assert_eq!(page.update(Msg::Remove("P:6".into())), Changes::ALL);
        assert_eq!(points(&page).len(), 6);
        // Pages without points ignore both.
        let mut other = open(&[]);
        assert_eq!(other.update(Msg::Place(at)), Changes::default());
        assert_eq!(other.update(Msg::Remove("v".into())), Changes::default());
    }

    #[test]
    fn a_drag_moves_the_handle_to_the_pointer_snapped() {
        let mut page = open(&[]);
        page.update(Msg::DragStart("v".into()));
        let at = page.viewport.to_screen(World::new(1.2, -0.9));
        let ch = page.update(Msg::DragTo(at));
        assert!(ch.state && ch.figure && !ch.settled);
        assert_eq!(value(&page, "v"), Value::Vector(vec![1.0, -1.0]));
        assert!(page.update(Msg::DragEnd).settled);
        assert_eq!(page.hash(), "#/multiplication?A=2,3;6,5&B=5,3;2,2&v=1,-1&w=2,6");
    }

    #[test]
    fn arrow_keys_nudge_and_shift_is_fine() {
        let mut page = open(&[]);
        page.update(Msg::Nudge { handle: "v".into(), dx: 1.0, dy: 0.0, fine: false });
        assert_eq!(value(&page, "Av"), Value::Vector(vec![18.0, 46.0]));
        page.update(Msg::Nudge { handle: "v".into(), dx: 0.0, dy: 1.0, fine: true });
        assert_eq!(value(&page, "v"), Value::Vector(vec![6.0, 2.1]));
    }

    #[test]
    fn an_invalid_cell_keeps_the_last_valid_value() {
        let mut page = open(&[]);
        let ch = page.update(Msg::EditCell { input: "A".into(), row: 0, col: 1, text: "abc".into() });
        assert!(!ch.state && ch.messages);
        assert!(page.cell_errors["A"].message.contains("row 1, column 2"));
        assert_eq!((page.cell_errors["A"].row, page.cell_errors["A"].col), (0, 1));
        assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![2.0, 3.0], vec![6.0, 5.0]]));
        page.update(Msg::EditCell { input: "A".into(), row: 0, col: 1, text: "-1.5".into() });
        assert!(page.cell_errors.is_empty());
        assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![2.0, -1.5], vec![6.0, 5.0]]));
        // Out-of-range cells and unknown inputs are ignored rather than trusted.
        assert_eq!(page.update(Msg::EditCell { input: "A".into(), row: 9, col: 0, text: "1".into() }), Changes::default());
        assert_eq!(page.update(Msg::EditCell { input: "Z".into(), row: 0, col: 0, text: "1".into() }), Changes::default());
    }

    #[test]
    fn reshaping_grows_with_zeros_within_limits() {
        let mut page = open(&[]);
        assert!(page.update(Msg::Reshape { input: "A".into(), rows: 3, cols: 2 }).controls);
        assert_eq!(value(&page, "Av"), Value::Vector(vec![16.0, 40.0, 0.0]));
        assert_eq!(page.update(Msg::Reshape { input: "A".into(), rows: 0, cols: 2 }), Changes::default());
        assert_eq!(page.update(Msg::Reshape { input: "A".into(), rows: 99, cols: 2 }), Changes::default());
        page.update(Msg::Reshape { input: "v".into(), rows: 3, cols: 7 });
        assert_eq!(value(&page, "v"), Value::Vector(vec![5.0, 2.0, 0.0]));
    }

    #[test]
    fn a_square_only_input_grows_both_ways_and_explains_what_it_cannot_do() {
        let mut page = Page::open(find("determinant").unwrap(), &[], vec![]).unwrap();
        assert!(page.update(Msg::Reshape { input: "A".into(), rows: 3, cols: 2 }).controls);
        assert_eq!(page.chapter().inputs()[0].value.shape(), (3, 3));
        assert!(page.update(Msg::Reshape { input: "A".into(), rows: 3, cols: 2 }).controls);
        assert_eq!(page.chapter().inputs()[0].value.shape(), (2, 2));
    }

    #[test]
    fn handles_hide_while_the_timeline_is_mid_way_and_a_drag_finishes_it() {
        let mut page = open(&[]);
        page.update(Msg::Scrub(0.5));
        assert!(page.handles().is_empty());
        page.update(Msg::DragStart("v".into()));
        assert_eq!(page.timeline.position(), 1.0);
        assert!(!page.handles().is_empty());
    }

    #[test]
    fn the_embed_mode_survives_state_changes_in_the_url() {
        let mut page = open(&[("embed", "1"), ("v", "1,0")]);
        assert!(page.embed);
        page.update(Msg::Nudge { handle: "v".into(), dx: 1.0, dy: 0.0, fine: false });
        assert!(page.hash().ends_with("&v=2,0&w=2,6&embed=1"), "{}", page.hash());
        assert!(!page.full_page_hash().contains("embed"));
        assert!(!open(&[("embed", "yes")]).embed);
    }

    #[test]
    fn theme_and_accent_are_page_parameters_kept_in_the_url_not_chapter_errors() {
        let mut page = open(&[("v", "1,0"), ("theme", "dark"), ("accent", "0A7"), ("embed", "1")]);
        assert!(page.url_problems.is_empty() && page.look.problems.is_empty());
        page.update(Msg::Nudge { handle: "v".into(), dx: 1.0, dy: 0.0, fine: false });
        assert!(page.hash().ends_with("&v=2,0&w=2,6&theme=dark&accent=00aa77&embed=1"), "{}", page.hash());
        let page = open(&[("v", "1,0"), ("theme", "neon"), ("accent", "red")]);
        assert!(page.url_problems.is_empty(), "the chapter state is kept");
        assert_eq!(value(&page, "v"), Value::Vector(vec![1.0, 0.0]));
        assert_eq!(page.look.problems.len(), 2);
        assert!(!page.hash().contains("theme") && !page.hash().contains("accent"));
    }

    fn open_at(slug: &str, params: &[(&str, &str)]) -> Page {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Page::open(find(slug).unwrap(), &params, vec![]).unwrap()
    }

    fn handle_at(page: &Page, name: &str) -> World {
        page.handles().into_iter().find(|h| h.name == name).unwrap().at
    }

    #[test]
    fn dragging_the_empty_3d_figure_orbits_and_keeps_the_state() {
        let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
        assert!(page.in_space() && !open(&[]).in_space());
        let names: Vec<String> = page.handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["A:0", "A:1", ORBIT_HANDLE]);
        let (before, readouts) = (handle_at(&page, "A:0"), page.readouts());
        assert!(page.update(Msg::Pan { dx: 40.0, dy: 10.0 }).figure);
        assert_ne!(page.camera, Camera::default());
        assert_ne!(handle_at(&page, "A:0"), before, "the handle follows its projected tip");
        assert_eq!(page.readouts(), readouts);
        assert_eq!(page.viewport.center, World::zeros(), "no pan in 3-D");
        // The figure is the projected space, with a ring per chapter handle (none for the orbit control).
        let (scene, marks) = page.figure();
        assert!(!scene.shapes.is_empty() && marks.len() == 2);
        // A plane page still pans.
        let mut plane = open(&[]);
        plane.update(Msg::Pan { dx: 40.0, dy: 0.0 });
        assert_ne!(plane.viewport.center, World::zeros());
    }

    #[test]
    fn a_3d_handle_moves_in_the_screen_plane_and_keys_follow_the_axes() {
        let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
        page.snap = false;
        page.update(Msg::DragStart("A:0".into()));
        let to = handle_at(&page, "A:0") + World::new(0.5, 0.25);
        let ch = page.update(Msg::DragTo(page.viewport.to_screen(to)));
        assert!(ch.state && ch.figure);
        assert!((handle_at(&page, "A:0") - to).norm() < 1e-9, "the tip stays under the pointer");
        page.update(Msg::DragEnd);
        // Coarse keys step one unit along the axis that looks like the arrow (z for up, by default).
        let mut page = open_at("svd", &[("A", "1,0;0,1;1,1")]);
        page.update(Msg::Nudge { handle: "A:0".into(), dx: 0.0, dy: 1.0, fine: false });
        assert_eq!(value(&page, "A"), Value::Matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![2.0, 1.0]]));
        // Fine keys move exactly along the screen's up direction.
        let before = handle_at(&page, "A:1");
        page.update(Msg::Nudge { handle: "A:1".into(), dx: 0.0, dy: 1.0, fine: true });
        assert!((handle_at(&page, "A:1") - before - World::new(0.0, FINE_KEY_STEP)).norm() < 1e-12);
        // The orbit control turns the view by keys and by dragging, and changes no state.
        let hash = page.hash();
        let camera = page.camera;
        page.update(Msg::Nudge { handle: ORBIT_HANDLE.into(), dx: 1.0, dy: 0.0, fine: false });
        assert!((page.camera.yaw() - (camera.yaw() - ORBIT_KEY_STEP)).abs() < 1e-12);
        page.update(Msg::DragStart(ORBIT_HANDLE.into()));
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
        page.update(Msg::Reshape { input: "A".into(), rows: 3, cols: 2 });
        assert!(page.in_space());
        let (lo, hi) = page.viewport.world_bounds();
        let half = page.chapter().space(&page.timeline).unwrap().half_extent(&page.camera);
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
            let crate::state::route::Route::Chapter { slug, params, problems } = crate::state::route::parse_hash(&hash) else { return Ok(()) };
            let info = find(&slug).expect("a known slug");
            let mut page = Page::open(info, &params, problems).expect("every chapter is built");
            crate::chapters::testing::check_everything(page.chapter())?;
            let first = page.handles().first().map(|h| h.name.clone());
            if let Some(name) = first {
                page.update(Msg::Nudge { handle: name, dx: 1.0, dy: 1.0, fine: false });
                crate::chapters::testing::check_everything(page.chapter())?;
            }
            let _ = page.figure();
        }
    }

    #[test]
    fn invalid_links_report_and_open_the_default() {
        let params = vec![("A".to_string(), "1,2;3,x".to_string())];
        let page = Page::open(find("multiplication").unwrap(), &params, vec![]).unwrap();
        assert_eq!(page.url_problems.len(), 1);
        assert_eq!(value(&page, "Av"), Value::Vector(vec![16.0, 40.0]));
        static UNBUILT: ChapterInfo = ChapterInfo { number: "0", slug: "unbuilt", title: "Unbuilt", blurb: "", build: None };
        assert!(Page::open(&UNBUILT, &[], vec![]).is_none());
    }
}
