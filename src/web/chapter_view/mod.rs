//! A mounted chapter page: builds its DOM once, turns events into [`Msg`]s, and in each animation
//! frame applies the queued messages to the [`Page`] and updates the DOM and canvas from it.
//!
//! Event listeners never touch the page directly: they push a message on the queue and ask for a
//! frame. So there is one writer (the frame), re-entrant DOM events cannot collide with it, and many
//! events between two frames cost one update and one redraw. A pointer gesture's step (a handle
//! dragged, a slider held) and its end are applied at once instead: browsers hand pointer moves over
//! once a frame, just before the frame's callbacks, and a step that asked for a frame of its own
//! would cost the browser a second scheduling of that frame. During a gesture, the words it owes wait
//! for a timer, not for every frame until they are due. The shell reads the page only through its
//! accessors.
//!
//! The parts: `build` makes the fixed DOM; `input` turns pointer, wheel, keys and the browser's
//! settings into messages; `controls` and `editors` hold the choices, the timeline and the input
//! editors; `handles` the buttons over the canvas; `readouts` the results table; `code` the code
//! panel; `embed` what the page tells its host (its address, its height); `share` the share dialog.

mod build;
mod code;
mod controls;
mod editors;
mod embed;
mod handles;
mod input;
mod picture;
mod readouts;
mod share;
mod wake;

use super::canvas::Palette;
use super::chart_canvas::ChartPanel;
use super::dom::{now_ms, set_hidden, set_text, Res};
use super::figure_painter::FigurePainter;
use super::share_dialog::ShareDialog;
use super::theme;
use crate::chapter::CodeBook;
use crate::decimal::display;
use crate::host_api::{self, Request};
use crate::page::{Changes, Msg, Page};
use crate::theme::Theme;
use crate::view::render::{render_layered, Labels, Layers};
pub(super) use build::focus_scrolling_math;
use build::Dom;
use editors::Editors;
pub use embed::Host;
use embed::Reporter;
use gloo_events::EventListener;
use handles::HandleLayer;
use readouts::ReadoutTable;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wake::Wake;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Least time between two rewrites of the readouts, editors, chart, caption, stage names and handle
/// buttons while the reader drags a handle or holds a slider, in ms: the figure and its rings follow
/// every frame, the rest five times a second and at once when the gesture ends. Each rewrite costs
/// the browser a layout, a repaint and a commit of the page, whatever changed (docs/benchmarks.md),
/// and five a second is about as fast as changing digits can be read. The code panel and the chart's
/// words wait for the gesture's end.
const TEXT_THROTTLE_MS: f64 = 200.0;

/// A mounted chapter; dropping it removes its listeners and cancels its frame.
pub struct ChapterView {
    shared: Rc<Shared>,
}

impl ChapterView {
    /// Builds the page into `root` (replacing its content) and draws the first frame.
    pub fn mount(root: &Element, page: Page) -> Res<ChapterView> {
        ChapterView::mount_in(root, page, Host::Site)
    }

    /// Like [`ChapterView::mount`], for a given host.
    pub fn mount_in(root: &Element, mut page: Page, host: Host) -> Res<ChapterView> {
        if matches!(host, Host::Element { .. }) {
            // Before the DOM is built: the figure reads its colours from the theme.
            let look = page.look();
            theme::apply(root, look.theme.unwrap_or(Theme::Auto), look.accent.as_deref())?;
        }
        // A figure already laid out in the same place (a static page's, or the last chapter's) has the
        // new one's size: reading it now costs no layout of the half-built page, which would be
        // shorter for a moment and could lose the reader's scroll position.
        let laid_out = root.query_selector(".figure")?.and_then(|f| input::figure_size(&f));
        let dom = Dom::build(root, &page, &host)?;
        let painter = FigurePainter::new(&dom.canvas, host == Host::Site && super::on_site())?;
        page.update(input::reduced_motion());
        if let Some(resize) = laid_out.or_else(|| input::figure_size(&dom.figure)) {
            page.update(resize);
        }
        let reporter = if host == Host::Site && page_embedded_in_frame(&page) { Reporter::Parent } else { Reporter::Nobody };
        let view = View {
            page,
            handles: HandleLayer::new(&dom),
            readouts: ReadoutTable::new(&dom.readouts),
            editors: Editors::default(),
            dom,
            painter,
            layers: Layers::default(),
            chart_dirty: false,
            handles_dirty: false,
            // The look is applied already: by the router on the site, above for an element.
            pending: Changes { look: false, ..Changes::ALL },
            control_listeners: Vec::new(),
            text: Throttle::new(),
            code_dirty: false,
            url: Throttle::new(),
            code_tab: 0,
            code_book: None,
            reporter,
            last_report: String::new(),
            host,
            chart: None,
            held: false,
            note_shown: None,
            tools_dirty: false,
        };
        let shared = Rc::new_cyclic(|link: &Weak<Shared>| Shared {
            view: RefCell::new(view),
            queue: RefCell::new(Vec::new()),
            wake: wake_for(link),
            listeners: RefCell::new(Vec::new()),
            observer: RefCell::new(None),
            height_watch: RefCell::new(None),
            share: RefCell::new(None),
            report_owed: Cell::new(false),
            canvas_corner: Cell::new(None),
            sliding: Cell::new(false),
        });
        let link = Rc::downgrade(&shared);
        shared.view.borrow().painter.wake_with(move || {
            if let Some(shared) = link.upgrade() {
                request_frame(&shared);
            }
        });
        wire(&shared)?;
        share::wire(&shared)?;
        code::load_book(&shared);
        request_frame(&shared);
        Ok(ChapterView { shared })
    }

    /// The theme changed (the header's picker): re-read the colours and redraw.
    pub fn theme_changed(&self) {
        restyle(&self.shared);
    }

    /// Applies a host's request (a `<linalg-figure>`'s `state` attribute, or a get) in the next
    /// frame, which then reports the state.
    pub fn request(&self, request: Request) {
        take_request(&Rc::downgrade(&self.shared), request);
    }

    /// Queues a page message from the host (a look or the parts it set) for the next frame.
    pub fn send(&self, msg: Msg) {
        send(&Rc::downgrade(&self.shared), msg);
    }

    /// From now on the state is reported to `callback` (JSON parsed into an object) after every
    /// finished gesture and every request.
    pub fn report_to(&self, callback: js_sys::Function) {
        if let Ok(mut view) = self.shared.view.try_borrow_mut() {
            view.reporter = Reporter::Callback(callback);
        }
    }

    /// The state as the host API reports it (JSON text; `None` while a frame is being drawn).
    pub fn report(&self) -> Option<String> {
        self.shared.view.try_borrow().ok().map(|view| host_api::report(&view.page))
    }
}

/// Whether `page` is an `embed=1` page framed by another page (which may then script it).
fn page_embedded_in_frame(page: &Page) -> bool {
    page.embed() && embed::in_iframe()
}

/// Queues what a host's request asks (nothing for a get) and owes the host a report.
fn take_request(link: &Weak<Shared>, request: Request) {
    let Some(shared) = link.upgrade() else { return };
    let msg = shared.view.try_borrow().ok().and_then(|view| request.to_msg(&view.page));
    shared.report_owed.set(true);
    match msg {
        Some(msg) => send(link, msg),
        None => request_frame(&shared),
    }
}

impl Drop for ChapterView {
    fn drop(&mut self) {
        for watch in [&self.shared.observer, &self.shared.height_watch] {
            if let Some((observer, _)) = watch.borrow_mut().take() {
                observer.disconnect();
            }
        }
        self.shared.wake.cancel();
        self.shared.listeners.borrow_mut().clear();
        self.shared.share.borrow_mut().take();
        if let Ok(mut view) = self.shared.view.try_borrow_mut() {
            view.handles.clear();
            view.control_listeners.clear();
        }
    }
}

/// What the view's listeners share: the view, the queue of messages for the next frame, and what
/// must be dropped with the view.
struct Shared {
    view: RefCell<View>,
    queue: RefCell<Vec<Msg>>,
    /// The next frame or timer asked for the view.
    wake: Wake,
    listeners: RefCell<Vec<EventListener>>,
    observer: RefCell<Option<SizeWatch>>,
    /// In a frame, the watch that tells the embedding page the document's height.
    height_watch: RefCell<Option<SizeWatch>>,
    share: RefCell<Option<ShareDialog>>,
    /// A host asked for the state (or set it): the next frame reports it.
    report_owed: Cell<bool>,
    /// Where the canvas's top left corner was in the viewport when the handle being dragged read it
    /// (`None` before a drag and after a scroll).
    canvas_corner: Cell<Option<crate::view::viewport::Screen>>,
    /// The reader holds a slider (from its press to the release anywhere).
    sliding: Cell<bool>,
}

/// A ResizeObserver and the callback it calls.
type SizeWatch = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// The page and everything the shell keeps to draw it.
struct View {
    page: Page,
    dom: Dom,
    painter: FigurePainter,
    /// The last frame drawn on the canvas, to redraw only what changed.
    layers: Layers,
    /// The chart owes a redraw (during a pointer gesture at most as often as the readouts).
    chart_dirty: bool,
    /// The handle buttons owe a move (during a pointer gesture at most as often as the readouts).
    handles_dirty: bool,
    /// What changed since the last frame was drawn.
    pending: Changes,
    handles: HandleLayer,
    /// The listeners of the choices, timeline and editors (replaced when they are rebuilt).
    control_listeners: Vec<EventListener>,
    readouts: ReadoutTable,
    /// The input editors' controls (replaced when they are rebuilt).
    editors: Editors,
    /// The readouts and editors owe a rewrite.
    text: Throttle,
    /// The code panel owes a rewrite (done when no gesture goes on: its lines are long to lay out).
    code_dirty: bool,
    /// The address bar owes a rewrite.
    url: Throttle,
    /// The code panel's selected language.
    code_tab: usize,
    /// The chapter's code book (`<slug>/code.txt`): `None` while it loads, `Some(Err)` if it could
    /// not be loaded.
    code_book: Option<Result<CodeBook, ()>>,
    /// Where the state is reported.
    reporter: Reporter,
    /// The last report sent: an unchanged state is not reported twice.
    last_report: String,
    host: Host,
    /// The chart under the figure, while the chapter has one.
    chart: Option<ChartPanel>,
    /// The figure's height is held while a drag lasts (see [`View::hold_figure`]).
    held: bool,
    /// The note shown instead of the figure when it was last written (`None` before the first
    /// frame): every frame of a drag has one to show or not, and the page needs no touch for it.
    note_shown: Option<Option<String>>,
    /// The view tools (snapping, zoom, Fit) owe an update. It waits for a drag's end: whether the
    /// chapter has handles does not change under a held one, and a drawing that turns into a sentence
    /// during a drag loses its zoom tools at the release.
    tools_dirty: bool,
}

/// A rewrite that may wait: whether it is owed, and when it was last done.
struct Throttle {
    /// The rewrite is owed.
    dirty: bool,
    written_at: f64,
}

impl Throttle {
    /// Nothing owed, never written.
    fn new() -> Throttle {
        Throttle { dirty: false, written_at: f64::NEG_INFINITY }
    }

    /// Whether at least `every_ms` passed since the last rewrite.
    fn due(&self, now: f64, every_ms: f64) -> bool {
        self.wait(now, every_ms) <= 0.0
    }

    /// The ms left until `every_ms` will have passed since the last rewrite (≤ 0 once they have).
    fn wait(&self, now: f64, every_ms: f64) -> f64 {
        every_ms - (now - self.written_at)
    }

    /// The rewrite was done at `now`.
    fn done(&mut self, now: f64) {
        self.dirty = false;
        self.written_at = now;
    }
}

/// Queues a message for the next frame and asks for that frame.
fn send(link: &Weak<Shared>, msg: Msg) {
    if let Some(shared) = link.upgrade() {
        shared.queue.borrow_mut().push(msg);
        request_frame(&shared);
    }
}

/// Applies a pointer gesture's step (or end) at once, with whatever was queued before it.
fn send_now(link: &Weak<Shared>, msg: Msg) {
    if let Some(shared) = link.upgrade() {
        shared.queue.borrow_mut().push(msg);
        on_frame(&shared);
    }
}

/// Asks for the next animation frame (once, however often it is asked before it comes).
fn request_frame(shared: &Shared) {
    shared.wake.frame();
}

/// The view's frame runs [`on_frame`]; its timer asks for a frame.
fn wake_for(link: &Weak<Shared>) -> Wake {
    let (frame, timer) = (link.clone(), link.clone());
    Wake::new(
        move || {
            if let Some(shared) = frame.upgrade() {
                shared.wake.frame_came();
                on_frame(&shared);
            }
        },
        move || {
            if let Some(shared) = timer.upgrade() {
                shared.wake.timer_came();
                request_frame(&shared);
            }
        },
    )
}

/// When the view must run again, after a frame.
enum Next {
    /// Nothing is owed.
    Idle,
    /// At the next frame (an animation plays, a picture computes, messages wait, or what a gesture's
    /// end owes).
    Frame,
    /// In this many ms: the words a gesture owes, at their pace.
    After(f64),
}

/// The one frame loop: the queued messages go through [`Page::update`], then the view is redrawn.
fn on_frame(shared: &Rc<Shared>) {
    let messages = std::mem::take(&mut *shared.queue.borrow_mut());
    let next = match shared.view.try_borrow_mut() {
        Ok(mut view) => {
            let now = now_ms();
            // One slice of a picture's computation per frame, once its progress bar was shown.
            let computing = view.page.picture_progress().is_some();
            for msg in messages {
                let changes = view.page.update(msg);
                view.pending.merge(changes);
            }
            if computing {
                let step = view.page.update(Msg::PictureStep);
                view.pending.merge(step);
            }
            let tick = view.page.update(Msg::Tick(now));
            view.pending.merge(tick);
            let next = view.render(shared, now).unwrap_or_else(|e| {
                web_sys::console::warn_1(&e);
                Next::Idle
            });
            if view.page.picture_progress().is_some() {
                Next::Frame
            } else {
                next
            }
        }
        Err(_) => Next::Frame,
    };
    // Messages queued while the view was busy wait for the next frame.
    let next = if shared.queue.borrow().is_empty() { next } else { Next::Frame };
    match next {
        Next::Frame => request_frame(shared),
        Next::After(ms) => shared.wake.after(ms),
        Next::Idle => {}
    }
}

/// Wires what lives as long as the page: the figure's and the code panel's listeners, the settings
/// and the size watch.
fn wire(shared: &Rc<Shared>) -> Res<()> {
    let link = Rc::downgrade(shared);
    let view = shared.view.borrow();
    let mut listeners = input::page_listeners(&view.dom, &link)?;
    listeners.extend(code::wire(&view.dom, &link));
    // Undo and Redo keys: on the whole window for the site, inside the element in another page.
    let keys: web_sys::EventTarget = match view.host {
        Host::Site => super::dom::window()?.into(),
        Host::Element { .. } => view.dom.root.clone().into(),
    };
    listeners.push(input::history_keys(&keys, &link));
    // A pasted picture likewise: anywhere on the site's page, only inside the element elsewhere.
    listeners.extend(view.dom.picture.wire(&view.dom.figure, &keys, &link));
    if matches!(view.reporter, Reporter::Parent) {
        let requests = link.clone();
        listeners.push(embed::host_requests(move |request| take_request(&requests, request))?);
        *shared.height_watch.borrow_mut() = Some(embed::watch_height()?);
    }
    if let Some(prose) = &view.dom.prose {
        listeners.push(input::prose_links(prose, view.page.info().slug, &view.dom.figure, &link));
    }
    let size = input::watch_size(&view.dom, &link)?;
    drop(view);
    *shared.observer.borrow_mut() = Some(size);
    *shared.listeners.borrow_mut() = listeners;
    Ok(())
}

/// Builds the notebook of the page's current state and saves it: the share dialog's and the code
/// panel's "Download notebook". Its link back leads to the site's page with this state (for a
/// `<linalg-figure>`, the site's `index.html`, not the host page).
fn save_notebook(shared: &Shared) -> Res<()> {
    let view = shared.view.try_borrow().map_err(|_| "the page is busy")?;
    let site_page = match &view.host {
        Host::Site => super::dom::window()?.location().href()?,
        Host::Element { site_dir } => format!("{site_dir}index.html"),
    };
    let Some(Ok(book)) = &view.code_book else { return Err("the code is not loaded".into()) };
    super::download::notebook(&view.page, &site_page, &view.page.chapter().code().text(book).numpy)
}

/// The colours changed (a theme or the system's dark mode): re-read them and redraw the figure.
fn restyle(shared: &Rc<Shared>) {
    if let Ok(mut view) = shared.view.try_borrow_mut() {
        let palette = Palette::read(&view.dom.figure);
        view.painter.set_palette(palette);
        view.layers.reset();
        view.pending.figure = true;
    }
    request_frame(shared);
}

impl View {
    /// Brings the DOM and canvas up to date with the page; returns when the view must run again.
    fn render(&mut self, shared: &Rc<Shared>, now: f64) -> Res<Next> {
        self.painter.settle();
        let mut pending = std::mem::take(&mut self.pending);
        if pending.look {
            self.apply_look()?;
            pending.figure = true;
        }
        if pending.controls {
            self.build_controls(shared)?;
            build::hide_parts(&self.dom.page, &self.page)?;
        }
        if pending.state || pending.controls {
            self.text.dirty = true;
            self.code_dirty = true;
            self.url.dirty = true;
        }
        let dragging = self.page.dragging().is_some();
        self.hold_figure(dragging)?;
        // A pointer gesture goes on: a handle dragged or a slider held. What follows the figure in
        // the rest of the page follows the gesture at a slower pace, and all of it when it ends.
        let gesture = dragging || shared.sliding.get();
        // The chart, like the text, follows a gesture five times a second (a redraw repaints its canvas).
        let mut chart_due = !gesture || pending.controls;
        // The words that follow the state (readouts, editors, code, the caption under the figure,
        // the stage names) are rewritten now, or during a gesture at most every TEXT_THROTTLE_MS.
        let words_due = self.text.dirty && (pending.controls || !gesture || self.text.due(now, TEXT_THROTTLE_MS));
        if words_due {
            self.readouts.update(&self.page.readouts())?;
            self.editors.update(&self.dom.editors, self.page.chapter())?;
            // The caption follows the figure also during a drag, at this pace.
            set_text(&self.dom.caption, &self.page.chapter().summary());
            self.text.done(now);
            chart_due = true;
        }
        if self.code_dirty && !gesture {
            code::show(&self.dom, self.page.chapter(), self.code_tab, self.code_book.as_ref());
            self.code_dirty = false;
        }
        // The picture panel (the reader's own picture: progress, problems, switches); no handle is
        // dragged on the picture tab, so a drag elsewhere never rewrites it.
        if (pending.state && !dragging) || pending.controls || pending.messages {
            self.dom.picture.update(&self.page)?;
        }
        if words_due || pending.messages {
            embed::show_link_problems(&self.dom.url_alert, &self.dom.link_alert, &self.page)?;
            self.editors.show_errors(self.page.cell_errors())?;
        }
        if (pending.controls || pending.settled || pending.messages || pending.state) && !gesture {
            controls::update_history(&self.dom, &self.page)?;
        }
        if words_due || ((pending.state || pending.figure) && !gesture) {
            controls::update_timeline(&self.dom.timeline, &self.page)?;
        }
        let changed = pending.state || pending.figure || pending.controls;
        if changed {
            self.handles_dirty = true;
            self.chart_dirty = true;
        }
        if pending.state || pending.controls {
            self.tools_dirty = true;
        }
        // The buttons over the canvas follow a pointer gesture at the pace of the words: the dragged one
        // holds the pointer's capture wherever it is, the rings on the canvas follow every frame, and
        // moving a button costs the browser a pass over the whole page's layers.
        let handles_due = self.handles_dirty && (!gesture || words_due || pending.controls);
        // The figure's labels are placed clear of everything at the same pace, and follow their
        // anchors in between; a gesture's end places the ones that followed.
        let labels = if !gesture || words_due { Labels::Place } else { Labels::Follow };
        let redraw = pending.figure || pending.state || (labels == Labels::Place && self.layers.followed());
        if changed || redraw || handles_due {
            let frame = self.page.frame();
            if handles_due {
                self.handles.sync(&frame.handles, self.page.viewport(), &Rc::downgrade(shared))?;
                self.handles_dirty = false;
            }
            if changed && self.note_shown.as_ref() != Some(&frame.note) {
                set_hidden(&self.dom.figure_note, frame.note.is_none())?;
                set_text(&self.dom.figure_note, frame.note.as_deref().unwrap_or(""));
                self.note_shown = Some(frame.note.clone());
            }
            if redraw {
                let vp = *self.page.viewport();
                if self.painter.prepare(vp.width, vp.height)? {
                    self.layers.reset();
                }
                let drew = render_layered(frame.scene, &frame.marks, &vp, self.painter.painter(), &mut self.layers, labels);
                self.painter.finish(drew);
            }
        }
        if self.tools_dirty && !dragging {
            controls::update_view_tools(&self.dom, &self.page, matches!(self.note_shown, Some(Some(_))))?;
            self.tools_dirty = false;
        }
        ChartPanel::settle(&mut self.chart);
        if (self.chart_dirty || (!gesture && ChartPanel::words_owed(&self.chart))) && chart_due {
            let (chart, figure_width) = (self.page.chapter().chart(), self.page.viewport().width);
            // The chart is painted where the figure is: by the worker, when the figure is.
            let in_worker = matches!(self.painter, FigurePainter::Worker(_));
            ChartPanel::sync(&mut self.chart, &self.dom.chart_slot, chart, self.painter.palette(), figure_width, gesture, in_worker)?;
            self.chart_dirty = false;
        }
        if pending.settled && !gesture {
            set_text(&self.dom.summary, &self.page.chapter().summary());
        }
        let owed = shared.report_owed.take();
        if !matches!(self.reporter, Reporter::Nobody) && !gesture && (owed || pending.state || pending.settled) {
            let report = host_api::report(&self.page);
            if owed || report != self.last_report {
                self.reporter.send(&report);
                self.last_report = report;
            }
        }
        let playing = self.page.timeline().is_playing();
        // During a gesture the words owed wait for their turn, and the rest for the gesture's end,
        // which asks for a frame of its own.
        let owed = self.text.dirty || self.chart_dirty || self.handles_dirty;
        let next = |url_owed: bool| {
            if playing || url_owed || (owed && !gesture) {
                Next::Frame
            } else if gesture && self.text.dirty {
                Next::After(self.text.wait(now, TEXT_THROTTLE_MS))
            } else {
                Next::Idle
            }
        };
        if self.host != Host::Site {
            return Ok(next(false));
        }
        if pending.navigated {
            // A link in the page set the figure: a new entry in the browser's history, as the link
            // would have made (Back returns to the state before it).
            embed::push_url(&mut self.url, &self.page, now)?;
        }
        embed::sync_url(&mut self.url, &self.page, now, gesture)?;
        // A gesture's address waits for its end, which asks for a frame of its own.
        Ok(next(self.url.dirty && !gesture))
    }

    /// On wide screens the figure gives up height to the controls under it, and the caption's length
    /// changes with every step of a drag: while a drag lasts the figure keeps its height, so that the
    /// plane does not rescale under the pointer.
    fn hold_figure(&mut self, dragging: bool) -> Res<()> {
        if dragging == self.held {
            return Ok(());
        }
        let style = super::dom::html(&self.dom.figure)?.style();
        if dragging {
            // The border box, as box-sizing counts it, to the fraction of a pixel.
            style.set_property("height", &format!("{}px", display(self.dom.figure.get_bounding_client_rect().height())))?;
            style.set_property("flex", "none")?;
        } else {
            style.remove_property("height")?;
            style.remove_property("flex")?;
        }
        self.held = dragging;
        Ok(())
    }

    /// The page's look changed after mounting (a host set the theme or accent): apply it where this
    /// view owns the look, and re-read the colours.
    fn apply_look(&mut self) -> Res<()> {
        let look = self.page.look();
        match self.host {
            Host::Site => theme::apply_site(look, self.page.embed())?,
            Host::Element { .. } => theme::apply(&self.dom.root, look.theme.unwrap_or(Theme::Auto), look.accent.as_deref())?,
        }
        self.painter.set_palette(Palette::read(&self.dom.figure));
        self.layers.reset();
        Ok(())
    }
}
