//! A chapter page's whole state and its one `update` function. The browser shell turns events into
//! [`Msg`]s, calls [`Page::update`], and redraws from what the page's accessors return; nothing else
//! changes the state.

mod editing;
mod history;
mod space;
#[cfg(test)]
mod tests;

pub use editing::CellError;
pub use history::{MAX_ENTRIES, MAX_STEPS};

use crate::chapter::picture::{PictureFile, PictureJob};
use crate::chapter::{from_params, to_params, Action, AnyChapter, ChapterInfo, Figure, Handle, HandleId, Handles};
use crate::math::clamp;
use crate::readout::Readout;
use crate::state::parts::{Parts, SHOW_PARAM};
use crate::state::route::{build_hash, ChapterLink, EMBED_PARAM};
use crate::theme::Look;
use crate::view::render::HandleMark;
use crate::view::scene::Scene;
use crate::view::space::Camera;
use crate::view::timeline::{Timeline, STAGE_MS};
use crate::view::viewport::{Screen, Viewport, World};
use editing::{editor_layout, EditorLayout};
use history::{Gesture, History};
use std::collections::BTreeMap;

/// Arrow-key step in world units, and with Shift held.
pub const KEY_STEP: f64 = 1.0;
/// See [`KEY_STEP`].
pub const FINE_KEY_STEP: f64 = 0.1;
/// Largest magnitude a handle can be moved to by keys (dragging is bounded by the view).
pub const MAX_COORD: f64 = 1e6;
/// How long Play takes over one stage, in ms: slow enough to follow (the timeline's own pace is
/// [`STAGE_MS`]; the page plays it on a clock slowed by the ratio, its pauses between stages too).
pub const PLAY_STAGE_MS: f64 = 1500.0;

/// Something the reader (or the browser) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Pressed on a handle.
    DragStart(HandleId),
    /// Moved the pointer while dragging, to a canvas point.
    DragTo(Screen),
    /// Released or cancelled the drag.
    DragEnd,
    /// An arrow key on a focused handle: direction (−1, 0, 1 in world axes) and whether Shift is held.
    Nudge {
        /// The focused handle.
        handle: HandleId,
        /// Right (1) or left (−1).
        dx: f64,
        /// Up (1) or down (−1).
        dy: f64,
        /// Shift is held: a small step.
        fine: bool,
    },
    /// A handle got or lost keyboard focus.
    Focus(Option<HandleId>),
    /// Typed into a cell of an input (row and column from 0), keystroke by keystroke: a number is
    /// applied at once; a whole matrix waits for [`Msg::CommitCell`].
    EditCell {
        /// The input's name.
        input: &'static str,
        /// The cell's row.
        row: usize,
        /// The cell's column.
        col: usize,
        /// What was typed.
        text: String,
    },
    /// Finished typing in a cell (Enter, or leaving it) or pasted into it: a number or a whole matrix
    /// (numpy, MATLAB, CSV rows) is applied, and the cell's edit becomes one step of the history.
    CommitCell {
        /// The input's name.
        input: &'static str,
        /// The cell's row.
        row: usize,
        /// The cell's column.
        col: usize,
        /// The cell's text (or the pasted text).
        text: String,
    },
    /// Added or removed rows/columns of an input (new cells are 0).
    Reshape {
        /// The input's name.
        input: &'static str,
        /// The new number of rows.
        rows: usize,
        /// The new number of columns.
        cols: usize,
    },
    /// Loaded pasted text (points as CSV, one per line) into an input that accepts it.
    Paste {
        /// The input's name.
        input: &'static str,
        /// The pasted text.
        text: String,
    },
    /// Picked an option of a choice.
    Choose {
        /// The choice's name.
        choice: &'static str,
        /// The option's link value.
        option: String,
    },
    /// Dragged the empty plane by a screen offset.
    Pan {
        /// Offset right, in CSS px.
        dx: f64,
        /// Offset down, in CSS px.
        dy: f64,
    },
    /// Zoomed around a canvas point.
    Zoom {
        /// The fixed point.
        at: Screen,
        /// The scale factor.
        factor: f64,
    },
    /// Fit the view to the figure's content.
    FitView,
    /// The canvas has a new size in CSS px.
    Resize {
        /// Width in CSS px.
        width: f64,
        /// Height in CSS px.
        height: f64,
    },
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
    Remove(HandleId),
    /// The reader's reduced-motion preference, as the browser reports it.
    ReducedMotion(bool),
    /// A host page set the theme (`light`, `dark`, `auto`).
    SetTheme(String),
    /// A host page set the accent colour (`0a7`, `#00aa77`).
    SetAccent(String),
    /// A host page chose the parts shown (the element's `show` attribute): the controls are rebuilt.
    SetParts(Parts),
    /// Takes back the last step.
    Undo,
    /// Does again the last step taken back.
    Redo,
    /// Returns to the chapter's default state (one step, so it can be undone).
    Reset,
    /// A link in the page to this chapter (`#/<slug>?A=…`) sets the state, validated as a URL is: the
    /// chapter's default with the link's parameters, as one step; a refused link keeps the state and
    /// says why. A link to another chapter is ignored (the shell navigates to it).
    FollowLink(ChapterLink),
    /// The reader chose a picture (file, drop or paste) and the browser decoded and scaled it: its
    /// computation starts (replacing one in progress); the picture shown stays until it is done.
    PictureChosen(PictureFile),
    /// The browser could not use the chosen file: the sentence says why; the picture shown stays.
    PictureRefused(String),
    /// One slice of the picture's computation (the shell sends one per frame while it runs).
    PictureStep,
    /// Stops the picture's computation; the picture shown stays.
    CancelPicture,
    /// Switched the reader's pictures to grey (one SVD of the luma) or back to colour: the picture
    /// shown is computed again.
    Greyscale(bool),
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
    /// The theme or accent changed.
    pub look: bool,
    /// A link set the state: the address gets a new history entry rather than a rewrite.
    pub navigated: bool,
}

impl Changes {
    /// Everything: used for the first frame of a page.
    pub const ALL: Changes =
        Changes { state: true, figure: true, controls: true, settled: true, messages: true, look: true, navigated: false };

    /// Adds another update's changes to these.
    pub fn merge(&mut self, other: Changes) {
        self.state |= other.state;
        self.figure |= other.figure;
        self.controls |= other.controls;
        self.settled |= other.settled;
        self.messages |= other.messages;
        self.look |= other.look;
        self.navigated |= other.navigated;
    }

    /// The changes of a state change that also rebuilds controls (a choice, a reshape, a paste),
    /// without a look change.
    const STRUCTURE: Changes = Changes { look: false, ..Changes::ALL };
}

/// One frame of the figure: the shapes, the handle rings over them, and the sentence shown instead
/// when the state cannot be drawn.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The shapes in world coordinates (a 3-D figure already projected).
    pub scene: Scene,
    /// The handle rings to draw over the shapes.
    pub marks: Vec<HandleMark>,
    /// Why nothing is drawn, if so.
    pub note: Option<String>,
    /// The handles the rings are drawn for, as [`Page::handles`] lists them (the shell places its
    /// buttons from these, so a frame computes the handles once).
    pub handles: Vec<Handle>,
}

/// A chapter page: the chapter's state plus the shared view state around it.
pub struct Page {
    info: &'static ChapterInfo,
    chapter: Box<dyn AnyChapter>,
    viewport: Viewport,
    timeline: Timeline,
    snap: bool,
    dragging: Option<HandleId>,
    /// Whether the handle being dragged is one in space: read when the drag starts and when another
    /// message changes the state mid-drag, not at every pointer move (it lists every handle).
    drag_in_space: bool,
    focused: Option<HandleId>,
    url_problems: Vec<String>,
    embed: bool,
    /// The parts the link's `show=` asked for.
    show: Option<Parts>,
    cell_errors: BTreeMap<&'static str, CellError>,
    /// How the editors look now, to rebuild them when a state change changes that.
    editor_layout: EditorLayout,
    look: Look,
    camera: Camera,
    /// The last pointer position of a drag of the orbit control.
    orbit_from: Option<Screen>,
    /// Past and undone states.
    history: History,
    /// Why the last link followed in the page was refused (the state was kept).
    link_problems: Vec<String>,
    /// The reader's picture being computed, in slices.
    picture_job: Option<Box<dyn PictureJob>>,
    /// Why the last picture was refused or failed (the picture shown stayed).
    picture_problem: Option<String>,
    /// Whether the reader's pictures are computed in grey.
    greyscale: bool,
}

impl Page {
    /// Opens a chapter from a link.
    pub fn open(info: &'static ChapterInfo, link: &ChapterLink) -> Page {
        let (chapter, problems) = crate::chapter::from_params(info.build, &link.params);
        let mut url_problems = link.problems.clone();
        url_problems.extend(problems);
        let timeline = Timeline::new(chapter.stages().len());
        let editor_layout = editor_layout(chapter.as_ref());
        let history = History::new(to_params((info.build)().as_ref()));
        let mut page = Page {
            info,
            chapter,
            editor_layout,
            viewport: Viewport::default(),
            timeline,
            snap: true,
            dragging: None,
            drag_in_space: false,
            focused: None,
            url_problems,
            embed: link.embed,
            show: link.show,
            cell_errors: BTreeMap::new(),
            look: Look::from_params(&link.params),
            camera: Camera::default(),
            orbit_from: None,
            history,
            link_problems: Vec::new(),
            picture_job: None,
            picture_problem: None,
            greyscale: false,
        };
        page.fit();
        page
    }

    /// The syllabus entry.
    pub fn info(&self) -> &'static ChapterInfo {
        self.info
    }

    /// The chapter, read-only: all drawing and readouts come from here.
    pub fn chapter(&self) -> &dyn AnyChapter {
        self.chapter.as_ref()
    }

    /// The visible part of the plane.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The staged animation.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Whether drags snap to the integer lattice.
    pub fn snap(&self) -> bool {
        self.snap
    }

    /// The handle being dragged.
    pub fn dragging(&self) -> Option<HandleId> {
        self.dragging
    }

    /// Problems with the link this page was opened from.
    pub fn url_problems(&self) -> &[String] {
        &self.url_problems
    }

    /// Embedded in another site (`embed=1`): only the figure, its controls and readouts are shown.
    pub fn embed(&self) -> bool {
        self.embed
    }

    /// The parts shown: the link's `show=`, else the figure, its controls and readouts in an embed
    /// and everything on the site's own page.
    pub fn parts(&self) -> Parts {
        self.show.unwrap_or(if self.embed { Parts::EMBED } else { Parts::ALL })
    }

    /// Per input, its invalid cell and the message about it (the last valid value stays in the state).
    pub fn cell_errors(&self) -> &BTreeMap<&'static str, CellError> {
        &self.cell_errors
    }

    /// Why the last link followed inside the page was refused (the state was kept); empty otherwise.
    pub fn link_problems(&self) -> &[String] {
        &self.link_problems
    }

    /// Whether the state takes the reader's own picture (the shell offers the picker).
    pub fn takes_picture(&self) -> bool {
        self.chapter.takes_picture()
    }

    /// The picture being computed: its file name and how far it is (0 to 1).
    pub fn picture_progress(&self) -> Option<(&str, f64)> {
        self.picture_job.as_ref().map(|job| (job.file().name.as_str(), job.progress()))
    }

    /// Why the last picture chosen was refused or could not be computed.
    pub fn picture_problem(&self) -> Option<&str> {
        self.picture_problem.as_deref()
    }

    /// Whether the reader's pictures are computed in grey.
    pub fn greyscale(&self) -> bool {
        self.greyscale
    }

    /// The theme and accent the link (or host) asked for.
    pub fn look(&self) -> &Look {
        &self.look
    }

    /// The chapter's state as URL parameters (without the look or the embed mode).
    pub fn state_params(&self) -> Vec<(String, String)> {
        to_params(self.chapter.as_ref())
    }

    /// The URL hash that reproduces the state (and keeps the look, the embed mode and the parts).
    pub fn hash(&self) -> String {
        let mut params = to_params(self.chapter.as_ref());
        params.extend(self.look.params());
        if self.embed {
            params.push((EMBED_PARAM.to_string(), "1".to_string()));
        }
        if let Some(show) = self.show {
            params.push((SHOW_PARAM.to_string(), show.to_param()));
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

    /// Whether the chapter draws its current state in space.
    pub fn in_space(&self) -> bool {
        self.chapter.handles().in_space()
    }

    fn mid_timeline(&self) -> bool {
        self.timeline.position() < self.timeline.stages() as f64
    }

    /// The handles as the shell places them (3-D ones projected, then the orbit control); plane
    /// handles are drawn on the final figure, so they hide while the timeline is mid-way.
    pub fn handles(&self) -> Vec<Handle> {
        match self.chapter.handles() {
            Handles::Space(handles) => self.projected_handles(handles),
            Handles::Plane(_) if self.mid_timeline() => Vec::new(),
            Handles::Plane(handles) => handles,
        }
    }

    /// The figure for this frame.
    pub fn frame(&self) -> Frame {
        let handles = self.handles();
        let marks = handles
            .iter()
            .filter(|h| h.id != HandleId::ORBIT)
            .map(|h| {
                let active = self.dragging == Some(h.id) || self.focused == Some(h.id);
                HandleMark { at: h.at, role: h.role, active }
            })
            .collect();
        match self.chapter.figure(&self.timeline) {
            Figure::Plane { scene, .. } => Frame { scene, marks, note: None, handles },
            Figure::Space(space) => Frame { scene: space.project(&self.camera), marks, note: None, handles },
            Figure::Note(note) => Frame { scene: Scene::default(), marks, note: Some(note), handles },
        }
    }

    fn fit(&mut self) {
        let (lo, hi) = match self.chapter.figure(&self.timeline) {
            Figure::Plane { bounds, .. } => bounds,
            // Centred on the origin (the orbit's centre), holding everything as the camera sees it now.
            Figure::Space(space) => {
                let half = space.half_extent(&self.camera);
                (-half, half)
            }
            Figure::Note(_) => return,
        };
        self.viewport.fit(lo, hi);
    }

    fn move_handle(&mut self, id: HandleId, to: World, snap: bool) -> bool {
        let to = if snap && self.chapter.snaps(id) { to.map(f64::round) } else { to };
        self.chapter.act(Action::Move(id, to))
    }

    /// Applies one message; returns what changed.
    pub fn update(&mut self, msg: Msg) -> Changes {
        let mut ch = Changes::default();
        // The gesture this message belongs to, if it can change the chapter: a step of the history.
        let gesture = match &msg {
            Msg::DragStart(id) if *id != HandleId::ORBIT => Some(Gesture::Drag(*id)),
            Msg::Nudge { handle, .. } if *handle != HandleId::ORBIT => Some(Gesture::Nudge(*handle)),
            Msg::EditCell { input, row, col, .. } | Msg::CommitCell { input, row, col, .. } => Some(Gesture::Cell(input, *row, *col)),
            Msg::Reshape { .. } | Msg::Paste { .. } | Msg::Choose { .. } | Msg::Place(_) | Msg::Remove(_) => Some(Gesture::Once),
            _ => None,
        };
        if let Some(gesture) = gesture {
            self.begin(gesture);
        }
        let moved = matches!(msg, Msg::DragTo(_));
        let commit = matches!(
            msg,
            Msg::CommitCell { .. } | Msg::Reshape { .. } | Msg::Paste { .. } | Msg::Choose { .. } | Msg::Place(_) | Msg::Remove(_)
        );
        // Cells mark their gesture themselves (a cell that turns into a matrix puts the state back).
        let touches = matches!(
            msg,
            Msg::DragStart(_)
                | Msg::DragTo(_)
                | Msg::Nudge { .. }
                | Msg::Reshape { .. }
                | Msg::Paste { .. }
                | Msg::Choose { .. }
                | Msg::Place(_)
                | Msg::Remove(_)
        );
        match msg {
            Msg::DragStart(id) => {
                self.timeline.finish();
                self.dragging = Some(id);
                self.drag_in_space = self.in_space();
                self.focused = Some(id);
                self.orbit_from = None;
                ch.figure = true;
            }
            Msg::DragTo(at) => match self.dragging {
                Some(id) if self.drag_in_space => ch = self.drag_in_space(id, at),
                Some(id) => {
                    let to = self.viewport.clamp(self.viewport.to_world(at));
                    ch.state = self.move_handle(id, to, self.snap);
                    ch.figure = ch.state;
                }
                None => {}
            },
            Msg::DragEnd => {
                if let Some(id) = self.dragging.take() {
                    ch.figure = true;
                    ch.settled = true;
                    self.close_if(Gesture::Drag(id));
                }
            }
            Msg::Nudge { handle, dx, dy, fine } => {
                self.timeline.finish();
                match self.chapter.handles() {
                    Handles::Space(handles) => ch = self.nudge_in_space(&handles, handle, dx, dy, fine),
                    Handles::Plane(handles) => {
                        if let Some(h) = handles.into_iter().find(|h| h.id == handle) {
                            let step = if fine { FINE_KEY_STEP } else { KEY_STEP };
                            let to = (h.at + World::new(dx, dy) * step).map(|x| clamp(x, -MAX_COORD, MAX_COORD));
                            // Fine steps deliberately leave the lattice; coarse steps keep lattice points on it.
                            ch.state = self.move_handle(handle, to, self.snap && !fine);
                            ch.figure = true;
                            ch.settled = ch.state;
                        }
                    }
                }
            }
            Msg::Focus(id) => {
                ch.figure = self.focused != id;
                if let Some(before) = self.focused.filter(|_| self.focused != id) {
                    // Leaving a handle ends its key steps.
                    self.close_if(Gesture::Nudge(before));
                }
                self.focused = id;
            }
            Msg::EditCell { input, row, col, text } => ch = self.edit_cell(input, row, col, &text),
            Msg::CommitCell { input, row, col, text } => ch = self.commit_cell(input, row, col, &text),
            Msg::Reshape { input, rows, cols } => ch = self.reshape(input, rows, cols),
            Msg::Paste { input, text } => ch = self.paste(input, &text),
            Msg::Choose { choice, option } => {
                if self.chapter.set_choice(choice, &option).is_ok() {
                    self.reset_timeline();
                    self.fit();
                    ch = Changes::STRUCTURE;
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
                    self.timeline.play(play_clock(now));
                }
                ch.figure = true;
            }
            Msg::Scrub(pos) => {
                self.timeline.scrub(pos);
                ch.figure = true;
            }
            Msg::Tick(now) => ch.figure = self.timeline.tick(play_clock(now)),
            Msg::Place(at) => {
                if !self.in_space() {
                    let to = self.viewport.clamp(self.viewport.to_world(at));
                    let to = if self.snap { to.map(f64::round) } else { to };
                    if self.chapter.act(Action::Place(to)) {
                        ch = Changes::STRUCTURE;
                    }
                }
            }
            Msg::Remove(id) => {
                if self.chapter.act(Action::Remove(id)) {
                    self.focused = None;
                    ch = Changes::STRUCTURE;
                }
            }
            Msg::ReducedMotion(on) => self.timeline.reduced_motion = on,
            Msg::SetTheme(text) => {
                self.look.set_theme(&text);
                ch.look = true;
                ch.messages = true;
            }
            Msg::SetAccent(text) => {
                self.look.set_accent(&text);
                ch.look = true;
                ch.messages = true;
            }
            Msg::SetParts(parts) => {
                self.show = Some(parts);
                ch.controls = true;
            }
            Msg::Undo => ch = self.undo(),
            Msg::Redo => ch = self.redo(),
            Msg::Reset => ch = self.reset(),
            Msg::FollowLink(link) => ch = self.follow_link(&link),
            Msg::PictureChosen(file) => ch = self.start_picture(&file),
            Msg::PictureRefused(why) => {
                self.picture_problem = Some(why);
                ch.messages = true;
            }
            Msg::PictureStep => ch = self.picture_step(),
            Msg::CancelPicture => {
                ch.messages = self.picture_job.take().is_some();
                // The switch goes back to what is shown.
                if let Some((_, grey)) = self.chapter.own_picture() {
                    self.greyscale = grey;
                }
            }
            Msg::Greyscale(on) => {
                self.greyscale = on;
                let shown = self.chapter.own_picture().map(|(file, grey)| (file.clone(), grey));
                let computing = self.picture_job.as_ref().map(|job| job.file().clone());
                // The picture being computed, else the one shown, again in the new mode.
                match computing.or(shown.filter(|(_, grey)| *grey != on).map(|(file, _)| file)) {
                    Some(file) => ch = self.start_picture(&file),
                    None => ch.messages = true,
                }
            }
        }
        if self.picture_job.is_some() && !self.chapter.takes_picture() {
            // The state moved away from the picture (another tab, undo, a link): nothing to show it in.
            self.picture_job = None;
            ch.messages = true;
        }
        if touches && ch.state {
            self.touched();
        }
        if commit {
            self.close_gesture();
        }
        if ch.state && !self.link_problems.is_empty() {
            // The figure moved on from the refused link: its message goes.
            self.link_problems.clear();
            ch.messages = true;
        }
        if self.dragging.is_some() && !moved && (ch.state || ch.controls) {
            self.drag_in_space = self.in_space();
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

    /// A link to this chapter followed inside the page: its parameters through the same checks as a
    /// URL's, on the chapter's default state; applied as one step, or refused with the reasons.
    fn follow_link(&mut self, link: &ChapterLink) -> Changes {
        if link.slug != self.info.slug {
            return Changes::default();
        }
        let (chapter, mut problems) = from_params(self.info.build, &link.params);
        problems.splice(0..0, link.problems.iter().cloned());
        if !problems.is_empty() {
            self.link_problems = problems;
            return Changes { messages: true, ..Changes::default() };
        }
        let had_problems = !std::mem::take(&mut self.link_problems).is_empty();
        if to_params(chapter.as_ref()) == to_params(self.chapter.as_ref()) {
            // The figure shows that state already (the same link twice): no step.
            return Changes { messages: had_problems, ..Changes::default() };
        }
        let ch = self.replace_state(chapter);
        Changes { navigated: true, messages: ch.messages || had_problems, ..ch }
    }

    /// Starts computing the reader's picture (in the current grey mode), replacing a computation in
    /// progress; a picture the chapter cannot use is refused with its reason.
    fn start_picture(&mut self, file: &PictureFile) -> Changes {
        let messages = Changes { messages: true, ..Changes::default() };
        if !self.chapter.takes_picture() {
            return Changes::default();
        }
        match self.chapter.picture_job(file, self.greyscale) {
            Ok(job) => {
                self.picture_job = Some(job);
                self.picture_problem = None;
            }
            Err(why) => self.picture_problem = Some(why),
        }
        messages
    }

    /// One slice of the picture's computation; when it is done the picture is shown, as one step of
    /// the history (undo brings back the picture before).
    fn picture_step(&mut self) -> Changes {
        let Some(job) = self.picture_job.as_mut() else { return Changes::default() };
        match job.step() {
            Ok(false) => Changes { messages: true, ..Changes::default() },
            Ok(true) => {
                let Some(job) = self.picture_job.take() else { return Changes::default() };
                self.begin(Gesture::Once);
                if !self.chapter.show_picture(job.into_any()) {
                    self.close_gesture();
                    return Changes { messages: true, ..Changes::default() };
                }
                self.touched();
                self.close_gesture();
                self.reset_timeline();
                self.fit();
                Changes::STRUCTURE
            }
            Err(why) => {
                self.picture_job = None;
                self.picture_problem = Some(why);
                Changes { messages: true, ..Changes::default() }
            }
        }
    }

    /// A fresh timeline for the chapter's current stages, at the end, keeping the motion preference.
    pub(super) fn reset_timeline(&mut self) {
        let reduced_motion = self.timeline.reduced_motion;
        self.timeline = Timeline::new(self.chapter.stages().len());
        self.timeline.reduced_motion = reduced_motion;
    }
}

/// The timeline's clock for a time in ms: slowed so that a stage takes [`PLAY_STAGE_MS`].
fn play_clock(now_ms: f64) -> f64 {
    now_ms * (STAGE_MS / PLAY_STAGE_MS)
}
