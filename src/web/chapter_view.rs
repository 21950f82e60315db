//! A mounted chapter page: builds its DOM once, turns events into [`Msg`]s, and in each animation
//! frame applies the queued messages to the [`Page`] and updates the DOM and canvas from it.
//!
//! Event listeners never touch the page directly: they push a message on the queue and ask for a
//! frame. So there is one writer (the frame), re-entrant DOM events cannot collide with it, and many
//! pointer moves between two frames cost one update and one redraw.

use super::canvas::{CanvasPainter, Palette};
use super::chart_canvas::ChartPanel;
use super::dom::{add, el, html, media_matches, now_ms, set_attr, set_hidden, set_text, window, Res};
use super::share_dialog::{ShareDialog, ShareSource};
use super::theme;
use crate::chapters::{Choice, InputKind, CHAPTERS};
use crate::format::{display_number, display_shape, display_tuple};
use crate::page::{Changes, Msg, Page};
use crate::readout::{Readout, Value};
use crate::share::Snippets;
use crate::state::matrix::{MAX_DIM, MAX_ROWS};
use crate::state::number::format_number;
use crate::theme::Theme;
use crate::view::render::render;
use crate::view::svg::SvgPainter;
use crate::view::viewport::Screen;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement, KeyboardEvent, PointerEvent, WheelEvent};

/// Least time between two URL rewrites while the reader drags, in ms.
const URL_THROTTLE_MS: f64 = 250.0;
/// Least time between two rewrites of the readouts, editors and code panel while the reader drags,
/// in ms: the figure and handles follow every frame, the text ten times a second and at once when
/// the drag ends (each text rewrite costs the browser a layout and a repaint of the page).
const TEXT_THROTTLE_MS: f64 = 100.0;
/// How far (CSS px) a pointer may move between press and release and still count as a click.
const CLICK_SLOP_PX: f64 = 5.0;

/// A mounted chapter; dropping it removes its listeners and cancels its frame.
pub struct ChapterView {
    shared: Rc<Shared>,
}

/// Where a chapter view is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// The site's own page (full, or `embed=1` in an iframe): it owns the URL and the body.
    Site,
    /// A `<linalg-figure>` in someone else's page: never touches that page's URL, body or theme; its
    /// link back points into `site_dir`, the site's folder.
    Element { site_dir: String },
}

impl ChapterView {
    /// Builds the page into `root` (replacing its content) and draws the first frame.
    pub fn mount(root: &Element, page: Page) -> Res<ChapterView> {
        ChapterView::mount_in(root, page, Host::Site)
    }

    /// Like [`ChapterView::mount`], for a given host.
    pub fn mount_in(root: &Element, page: Page, host: Host) -> Res<ChapterView> {
        if matches!(host, Host::Element { .. }) {
            theme::apply(root, page.look.theme.unwrap_or(Theme::Auto), page.look.accent.as_deref())?;
        }
        let dom = Dom::build(root, &page, &host)?;
        let painter = CanvasPainter::new(dom.canvas.clone())?;
        let shared = Rc::new(Shared {
            view: RefCell::new(View {
                page,
                dom,
                painter,
                pending: Changes::ALL,
                handles: Vec::new(),
                control_listeners: Vec::new(),
                readout_cells: Vec::new(),
                url_dirty: false,
                url_written_at: f64::NEG_INFINITY,
                text_dirty: false,
                text_written_at: f64::NEG_INFINITY,
                code_tab: 0,
                posted_height: 0.0,
                host,
                chart: None,
            }),
            queue: RefCell::new(Vec::new()),
            frame: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            observer: RefCell::new(None),
            share: RefCell::new(None),
        });
        {
            let mut view = shared.view.borrow_mut();
            view.page.timeline.reduced_motion = media_matches("(prefers-reduced-motion: reduce)");
            let width = view.dom.figure.client_width() as f64;
            if width > 0.0 {
                view.page.update(Msg::Resize { width, height: width });
            }
        }
        wire_page(&shared)?;
        wire_share(&shared)?;
        request_frame(&shared);
        Ok(ChapterView { shared })
    }

    /// The theme changed (the header's picker): re-read the colours and redraw.
    pub fn theme_changed(&self) {
        if let Ok(mut view) = self.shared.view.try_borrow_mut() {
            view.painter.palette = Palette::read(&view.dom.figure);
            view.pending.figure = true;
        }
        request_frame(&self.shared);
    }
}

impl Drop for ChapterView {
    fn drop(&mut self) {
        if let Some((observer, _)) = self.shared.observer.borrow_mut().take() {
            observer.disconnect();
        }
        self.shared.frame.borrow_mut().take();
        self.shared.listeners.borrow_mut().clear();
        self.shared.share.borrow_mut().take();
        if let Ok(mut view) = self.shared.view.try_borrow_mut() {
            view.handles.clear();
            view.control_listeners.clear();
        }
    }
}

struct Shared {
    view: RefCell<View>,
    queue: RefCell<Vec<Msg>>,
    frame: RefCell<Option<AnimationFrame>>,
    listeners: RefCell<Vec<EventListener>>,
    observer: RefCell<Option<SizeWatch>>,
    share: RefCell<Option<ShareDialog>>,
}

/// The figure's ResizeObserver and the callback it calls.
type SizeWatch = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

struct View {
    page: Page,
    dom: Dom,
    painter: CanvasPainter,
    pending: Changes,
    handles: Vec<HandleEl>,
    control_listeners: Vec<EventListener>,
    readout_cells: Vec<(&'static str, Element, Element)>,
    url_dirty: bool,
    url_written_at: f64,
    text_dirty: bool,
    text_written_at: f64,
    code_tab: usize,
    posted_height: f64,
    host: Host,
    /// The chart under the figure, while the chapter has one.
    chart: Option<ChartPanel>,
}

struct HandleEl {
    name: String,
    element: Element,
    /// The transform and stacking last written, so unchanged handles cost no style work.
    placed: String,
    _listeners: Vec<EventListener>,
}

/// The page's fixed elements.
struct Dom {
    figure: Element,
    canvas: HtmlCanvasElement,
    handle_layer: Element,
    figure_note: Element,
    summary: Element,
    url_alert: Element,
    snap: HtmlInputElement,
    choices: Element,
    timeline: Element,
    editors: Element,
    /// Where the chapter's chart goes (empty when it has none).
    chart_slot: Element,
    readouts: Element,
    code: Element,
    code_tabs: Vec<Element>,
    copy: Element,
    copy_status: Element,
    fit: Element,
    zoom_in: Element,
    zoom_out: Element,
    tools: Element,
}

/// Copies the reader's current reduced-motion setting into the timeline.
fn sync_reduced_motion(weak: &Weak<Shared>) {
    if let Some(shared) = weak.upgrade() {
        if let Ok(mut view) = shared.view.try_borrow_mut() {
            view.page.timeline.reduced_motion = media_matches("(prefers-reduced-motion: reduce)");
        }
    }
}

fn send(weak: &Weak<Shared>, msg: Msg) {
    if let Some(shared) = weak.upgrade() {
        shared.queue.borrow_mut().push(msg);
        request_frame(&shared);
    }
}

fn request_frame(shared: &Rc<Shared>) {
    let mut frame = shared.frame.borrow_mut();
    if frame.is_none() {
        let weak = Rc::downgrade(shared);
        *frame = Some(request_animation_frame(move |_| {
            if let Some(shared) = weak.upgrade() {
                on_frame(&shared);
            }
        }));
    }
}

fn on_frame(shared: &Rc<Shared>) {
    // Keep the finished frame handle alive until the end of this callback, then allow a new one.
    let _done = shared.frame.borrow_mut().take();
    let messages = std::mem::take(&mut *shared.queue.borrow_mut());
    let again = match shared.view.try_borrow_mut() {
        Ok(mut view) => {
            let now = now_ms();
            for msg in messages {
                let changes = view.page.update(msg);
                view.pending.merge(changes);
            }
            let tick = view.page.update(Msg::Tick(now));
            view.pending.merge(tick);
            view.render(shared, now).unwrap_or_else(|e| {
                web_sys::console::warn_1(&e);
                false
            })
        }
        Err(_) => true,
    };
    if again || !shared.queue.borrow().is_empty() {
        request_frame(shared);
    }
}

impl Dom {
    fn build(root: &Element, page: &Page, host: &Host) -> Res<Dom> {
        root.set_text_content(None);
        let info = page.info;
        let wrap = add(root, "div", &[("class", if page.embed { "chapter-page embedded" } else { "chapter-page" })], None)?;
        if *host == Host::Site {
            if let Some(body) = window()?.document().and_then(|d| d.body()) {
                body.class_list().toggle_with_force("embed", page.embed)?;
            }
        }
        if page.embed {
            let bar = add(&wrap, "p", &[("class", "embed-bar")], None)?;
            let site = match host {
                Host::Site => "",
                Host::Element { site_dir } => site_dir.as_str(),
            };
            let link = format!("{site}index.html{}", page.full_page_hash());
            add(
                &bar,
                "a",
                &[("href", &link), ("target", "_blank"), ("rel", "noopener")],
                Some(&format!("{} {} · linalg-live ↗", info.number, info.title)),
            )?;
        } else {
            let crumbs = add(&wrap, "nav", &[("class", "crumbs"), ("aria-label", "Breadcrumb")], None)?;
            add(&crumbs, "a", &[("href", "#/")], Some("linalg-live"))?;
            add(&crumbs, "span", &[("aria-hidden", "true")], Some(" › "))?;
            add(&crumbs, "span", &[], Some(&format!("Chapter {}", info.number)))?;
            add(&wrap, "h1", &[], Some(&format!("{} {}", info.number, info.title)))?;
        }
        let url_alert = add(&wrap, "div", &[("class", "alert url-alert"), ("role", "alert"), ("hidden", "")], None)?;

        let grid = add(&wrap, "div", &[("class", "chapter-grid")], None)?;
        let panel = add(&grid, "section", &[("class", "figure-panel"), ("aria-label", "Interactive figure")], None)?;
        let figure = add(&panel, "div", &[("class", "figure")], None)?;
        // The drawing is an image named after the chapter and described by the spoken summary below it.
        let figure_name =
            format!("Figure: {}. Drag the handles or use the controls below; the sentence under the figure says what changed.", info.title);
        let canvas: HtmlCanvasElement =
            add(&figure, "canvas", &[("role", "img"), ("aria-label", &figure_name), ("aria-describedby", "figure-summary")], None)?
                .dyn_into()?;
        let handle_layer = add(&figure, "div", &[("class", "handle-layer")], None)?;
        let figure_note = add(&figure, "p", &[("class", "figure-note"), ("hidden", "")], None)?;
        if page.embed && (in_iframe() || *host != Host::Site) {
            // Inside a host page the figure ignores touches and drags until the reader asks for it,
            // so that scrolling the host page over it keeps scrolling the page.
            figure.class_list().add_1("inactive")?;
            let activate = add(&figure, "button", &[("type", "button"), ("class", "activate")], Some("Click to interact"))?;
            let figure2 = figure.clone();
            let done = activate.clone();
            gloo_events::EventListener::once(&activate, "click", move |_| {
                let _ = figure2.class_list().remove_1("inactive");
                done.remove();
            })
            .forget();
        }
        let summary = add(&panel, "p", &[("class", "summary"), ("id", "figure-summary"), ("aria-live", "polite")], None)?;

        let tools = add(&panel, "div", &[("class", "figure-tools")], None)?;
        let zoom_out = add(&tools, "button", &[("type", "button"), ("aria-label", "Zoom out")], Some("−"))?;
        let zoom_in = add(&tools, "button", &[("type", "button"), ("aria-label", "Zoom in")], Some("+"))?;
        let fit = add(&tools, "button", &[("type", "button")], Some("Fit"))?;
        let snap_label = add(&tools, "label", &[("class", "check")], None)?;
        let snap: HtmlInputElement = add(&snap_label, "input", &[("type", "checkbox")], None)?.dyn_into()?;
        snap.set_checked(page.snap);
        add(&snap_label, "span", &[], Some("Snap to grid"))?;

        let choices = add(&panel, "div", &[("class", "choices")], None)?;
        let timeline = add(&panel, "div", &[("class", "timeline")], None)?;
        let editors = add(&panel, "div", &[("class", "editors")], None)?;
        let chart_slot = add(&panel, "div", &[("class", "chart-slot")], None)?;
        let readout_box = add(&panel, "section", &[("class", "readout-box"), ("aria-label", "Results")], None)?;
        add(&readout_box, "h2", &[], Some("Results"))?;
        let readouts = add(&readout_box, "table", &[("class", "readouts")], None)?;

        let code_panel = add(&panel, "section", &[("class", "code-panel"), ("aria-label", "Code")], None)?;
        let tabs = add(&code_panel, "div", &[("class", "tabs")], None)?;
        let tablist = add(&tabs, "div", &[("role", "tablist"), ("aria-label", "Language")], None)?;
        let mut code_tabs = Vec::new();
        for (i, name) in ["numpy", "PyTorch", "nalgebra"].iter().enumerate() {
            let selected = if i == 0 { "true" } else { "false" };
            let attrs = [("type", "button"), ("role", "tab"), ("aria-selected", selected), ("aria-controls", "code-tabpanel")];
            code_tabs.push(add(&tablist, "button", &attrs, Some(name))?);
        }
        // Success shows on the focused button itself ("Copied"); only a failure needs an alert. The
        // figure's summary stays the page's one polite live region.
        let copy = add(&tabs, "button", &[("type", "button"), ("class", "copy")], Some("Copy"))?;
        let copy_status = add(&tabs, "span", &[("class", "copy-status"), ("role", "alert")], None)?;
        let pre = add(&code_panel, "pre", &[("role", "tabpanel"), ("id", "code-tabpanel"), ("tabindex", "0")], None)?;
        let code = add(&pre, "code", &[], None)?;

        let dom = Dom {
            figure,
            canvas,
            handle_layer,
            figure_note,
            summary,
            url_alert,
            snap,
            choices,
            timeline,
            editors,
            chart_slot,
            readouts,
            code,
            code_tabs,
            copy,
            copy_status,
            fit,
            zoom_in,
            zoom_out,
            tools,
        };
        if page.embed {
            return Ok(dom);
        }
        let prose = add(&grid, "article", &[("class", "prose")], None)?;
        // Trusted: our own static text, compiled into the binary. User text never goes through here.
        prose.set_inner_html(page.chapter().explanation());

        let nav = add(&wrap, "nav", &[("class", "prevnext"), ("aria-label", "Chapters")], None)?;
        let index = CHAPTERS.iter().position(|c| c.slug == info.slug).unwrap_or(0);
        for (offset, rel, arrow) in [(-1i32, "prev", "← "), (1, "next", " →")] {
            let slot = add(&nav, "div", &[("class", rel)], None)?;
            let Some(other) = index.checked_add_signed(offset as isize).and_then(|i| CHAPTERS.get(i)) else { continue };
            let label =
                format!("{}{} {}{}", if offset < 0 { arrow } else { "" }, other.number, other.title, if offset > 0 { arrow } else { "" });
            if other.build.is_some() {
                add(&slot, "a", &[("href", &format!("#/{}", other.slug)), ("rel", rel)], Some(&label))?;
            } else {
                add(&slot, "span", &[("class", "unavailable")], Some(&format!("{label} (not yet available)")))?;
            }
        }
        Ok(dom)
    }
}

/// Listeners that live as long as the page: canvas pan/zoom, tools, code tabs, theme, resize.
fn wire_page(shared: &Rc<Shared>) -> Res<()> {
    let weak = Rc::downgrade(shared);
    let view = shared.view.borrow();
    let dom = &view.dom;
    let mut listeners = Vec::new();

    // Pan with a mouse or pen on the empty plane (touch scrolls the page instead). A press and release
    // that barely moved, with any pointer, is a click on the figure: `Msg::Place`.
    let last = Rc::new(Cell::new(None::<(f64, f64)>));
    let pressed = Rc::new(Cell::new(None::<(f64, f64)>));
    {
        let (last, pressed, canvas) = (last.clone(), pressed.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(&dom.canvas, "pointerdown", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if e.button() != 0 {
                return;
            }
            pressed.set(Some((e.client_x() as f64, e.client_y() as f64)));
            if e.pointer_type() != "touch" {
                let _ = canvas.set_pointer_capture(e.pointer_id());
                last.set(Some((e.client_x() as f64, e.client_y() as f64)));
            }
        }));
    }
    {
        let (w, pressed, canvas) = (weak.clone(), pressed.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(&dom.canvas, "pointerup", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            let (x, y) = (e.client_x() as f64, e.client_y() as f64);
            if let Some((x0, y0)) = pressed.take() {
                if (x - x0).hypot(y - y0) < CLICK_SLOP_PX {
                    send(&w, Msg::Place(canvas_point(&canvas, x, y)));
                }
            }
        }));
    }
    {
        let pressed = pressed.clone();
        listeners.push(EventListener::new(&dom.canvas, "pointercancel", move |_| pressed.set(None)));
    }
    {
        let (w, last) = (weak.clone(), last.clone());
        listeners.push(EventListener::new(&dom.canvas, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if let Some((x, y)) = last.get() {
                let (nx, ny) = (e.client_x() as f64, e.client_y() as f64);
                last.set(Some((nx, ny)));
                send(&w, Msg::Pan { dx: nx - x, dy: ny - y });
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let last = last.clone();
        listeners.push(EventListener::new(&dom.canvas, kind, move |_| last.set(None)));
    }
    {
        let (w, canvas) = (weak.clone(), dom.canvas.clone());
        // Ctrl + wheel (and trackpad pinch) zooms; a plain wheel keeps scrolling the page.
        listeners.push(EventListener::new_with_options(&dom.canvas, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
            let Some(e) = e.dyn_ref::<WheelEvent>() else { return };
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                let at = canvas_point(&canvas, e.client_x() as f64, e.client_y() as f64);
                send(&w, Msg::Zoom { at, factor: (-e.delta_y() * 0.01).clamp(-1.0, 1.0).exp() });
            }
        }));
    }
    for (button, factor) in [(&dom.zoom_in, 1.25), (&dom.zoom_out, 0.8)] {
        let (w, canvas) = (weak.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(button, "click", move |_| {
            let at = Screen { x: canvas.client_width() as f64 / 2.0, y: canvas.client_height() as f64 / 2.0 };
            send(&w, Msg::Zoom { at, factor });
        }));
    }
    {
        let w = weak.clone();
        listeners.push(EventListener::new(&dom.fit, "click", move |_| send(&w, Msg::FitView)));
    }
    {
        let (w, snap) = (weak.clone(), dom.snap.clone());
        listeners.push(EventListener::new(&dom.snap, "change", move |_| send(&w, Msg::Snap(snap.checked()))));
    }
    for (i, tab) in dom.code_tabs.iter().enumerate() {
        let w = weak.clone();
        listeners.push(EventListener::new(tab, "click", move |_| {
            if let Some(shared) = w.upgrade() {
                if let Ok(mut view) = shared.view.try_borrow_mut() {
                    view.code_tab = i;
                    view.pending.state = true;
                }
                request_frame(&shared);
            }
        }));
    }
    {
        let (code, status, copy) = (dom.code.clone(), dom.copy_status.clone(), dom.copy.clone());
        listeners.push(EventListener::new(&dom.copy, "click", move |_| {
            let text = code.text_content().unwrap_or_default();
            let (status, copy) = (status.clone(), copy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match window() {
                    Ok(w) => wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&text)).await.map(|_| ()),
                    Err(e) => Err(e),
                };
                set_text(&copy, if result.is_ok() { "Copied" } else { "Copy" });
                set_text(&status, if result.is_ok() { "" } else { "Could not copy: select the code and copy it by hand." });
            });
        }));
    }
    // Reduced motion switched on or off while the page is open: the timeline steps or tweens from now on.
    if let Ok(Some(query)) = window()?.match_media("(prefers-reduced-motion: reduce)") {
        let w = weak.clone();
        listeners.push(EventListener::new(&query, "change", move |_| sync_reduced_motion(&w)));
    }
    // Theme changes: re-read the palette and redraw.
    if let Ok(Some(query)) = window()?.match_media("(prefers-color-scheme: dark)") {
        let w = weak.clone();
        listeners.push(EventListener::new(&query, "change", move |_| {
            if let Some(shared) = w.upgrade() {
                if let Ok(mut view) = shared.view.try_borrow_mut() {
                    view.painter.palette = Palette::read(&view.dom.figure);
                    view.pending.figure = true;
                }
                request_frame(&shared);
            }
        }));
    }
    // Size: the figure is square and as wide as its column.
    let (w, figure) = (weak.clone(), dom.figure.clone());
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let width = figure.client_width() as f64;
        if width > 0.0 {
            send(&w, Msg::Resize { width, height: width });
        }
        let _ = focus_scrolling_math();
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&dom.figure);
    drop(view);
    *shared.observer.borrow_mut() = Some((observer, on_resize));
    *shared.listeners.borrow_mut() = listeners;
    Ok(())
}

/// Makes each display formula that is too wide for its column (and so scrolls sideways) reachable by
/// the keyboard, so that it can be scrolled without a mouse; formulas that fit take no tab stop.
fn focus_scrolling_math() -> Res<()> {
    let formulas = window()?.document().ok_or("no document")?.query_selector_all(".prose math[display=block]")?;
    for i in 0..formulas.length() {
        let Some(formula) = formulas.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        if formula.scroll_width() > formula.client_width() {
            set_attr(&formula, "tabindex", "0")?;
        } else {
            formula.remove_attribute("tabindex")?;
        }
    }
    Ok(())
}

/// The focused element in `node`'s tree: inside a shadow root `document.activeElement` is the host.
fn active_element(node: &Element) -> Option<Element> {
    match node.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        Ok(shadow) => shadow.active_element(),
        Err(_) => window().ok()?.document()?.active_element(),
    }
}

/// The share dialog of a full chapter page (not in embeds: their link back leads to it).
fn wire_share(shared: &Rc<Shared>) -> Res<()> {
    let view = shared.view.borrow();
    if view.host != Host::Site || view.page.embed {
        return Ok(());
    }
    let container = view.dom.tools.parent_element().ok_or("no figure panel")?;
    let (w1, w2) = (Rc::downgrade(shared), Rc::downgrade(shared));
    let source = ShareSource {
        snippets: Box::new(move || {
            let shared = w1.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let href = window().ok()?.location().href().ok()?;
            let info = view.page.info;
            Some(Snippets::new(&href, info.number, info.title, info.slug, &view.page.state_params(), &view.page.look))
        }),
        svg: Box::new(move || {
            let shared = w2.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let vp = view.page.viewport;
            let mut painter = SvgPainter::new(vp.width, vp.height, view.painter.palette.svg_theme());
            let (scene, marks) = view.page.figure();
            render(&scene, &marks, &vp, &mut painter);
            Some(painter.finish())
        }),
        canvas: view.dom.canvas.clone(),
        file_stem: format!("linalg-live-{}", view.page.info.slug),
    };
    let dialog = ShareDialog::build(&view.dom.tools, &container, source)?;
    drop(view);
    *shared.share.borrow_mut() = Some(dialog);
    Ok(())
}

/// Whether the page runs inside a frame of another page.
fn in_iframe() -> bool {
    window().ok().and_then(|w| w.parent().ok().flatten().map(|p| p != w)).unwrap_or(false)
}

/// Tells the embedding page how tall the document is (`{"height": px}`), when it changed.
fn post_height(last: &mut f64) {
    let Ok(w) = window() else { return };
    let Some(height) = w.document().and_then(|d| d.document_element()).map(|e| e.scroll_height() as f64) else { return };
    if height == *last || !in_iframe() {
        return;
    }
    *last = height;
    if let Ok(Some(parent)) = w.parent() {
        let message = js_sys::Object::new();
        if js_sys::Reflect::set(&message, &"height".into(), &height.into()).is_ok() {
            // The height is no secret: any embedding page may read it.
            let _ = parent.post_message(&message, "*");
        }
    }
}

/// A client (viewport) point as a canvas point in CSS px.
fn canvas_point(canvas: &HtmlCanvasElement, client_x: f64, client_y: f64) -> Screen {
    let rect = canvas.get_bounding_client_rect();
    Screen { x: client_x - rect.left(), y: client_y - rect.top() }
}

impl View {
    /// Brings the DOM and canvas up to date with the page; returns whether another frame is needed.
    fn render(&mut self, shared: &Rc<Shared>, now: f64) -> Res<bool> {
        let pending = std::mem::take(&mut self.pending);
        if pending.controls {
            self.build_controls(shared)?;
        }
        if pending.state || pending.controls {
            self.text_dirty = true;
            self.url_dirty = true;
        }
        let dragging = self.page.dragging.is_some();
        if self.text_dirty && (pending.controls || !dragging || now - self.text_written_at >= TEXT_THROTTLE_MS) {
            self.update_readouts()?;
            self.update_editors()?;
            self.update_code();
            self.text_dirty = false;
            self.text_written_at = now;
        }
        if pending.state || pending.controls || pending.messages {
            self.update_alerts()?;
        }
        if pending.state || pending.figure || pending.controls {
            self.sync_handles(shared)?;
            self.update_timeline()?;
            let note = self.page.chapter().figure_note();
            set_hidden(&self.dom.figure_note, note.is_none())?;
            set_text(&self.dom.figure_note, note.as_deref().unwrap_or(""));
        }
        if pending.figure || pending.state {
            let vp = self.page.viewport;
            self.painter.prepare(vp.width, vp.height)?;
            let (scene, marks) = self.page.figure();
            render(&scene, &marks, &vp, &mut self.painter);
        }
        if pending.state || pending.figure || pending.controls {
            let (chart, figure_width) = (self.page.chapter().chart(), self.page.viewport.width);
            ChartPanel::sync(&mut self.chart, &self.dom.chart_slot, chart, &self.painter.palette, figure_width)?;
        }
        if pending.settled && self.page.dragging.is_none() {
            set_text(&self.dom.summary, &self.page.chapter().summary());
        }
        if self.host != Host::Site {
            return Ok(self.page.timeline.is_playing() || self.text_dirty);
        }
        if self.page.embed && (pending.controls || pending.messages || pending.settled) {
            post_height(&mut self.posted_height);
        }
        if self.url_dirty && now - self.url_written_at >= URL_THROTTLE_MS {
            let hash = self.page.hash();
            let window = window()?;
            if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
                window.history()?.replace_state_with_url(&JsValue::NULL, "", Some(&hash))?;
            }
            self.url_dirty = false;
            self.url_written_at = now;
        }
        Ok(self.page.timeline.is_playing() || self.url_dirty || self.text_dirty)
    }

    fn update_alerts(&self) -> Res<()> {
        let problems = &self.page.url_problems;
        let mut sentences = Vec::new();
        if !problems.is_empty() {
            sentences.push(format!(
                "This link's state could not be used, so the chapter opens with its default example. {}",
                problems.join(" ")
            ));
        }
        // Theme and accent problems name their parameter; the chapter state is kept.
        sentences.extend(self.page.look.problems.iter().cloned());
        set_hidden(&self.dom.url_alert, sentences.is_empty())?;
        if !sentences.is_empty() {
            set_text(&self.dom.url_alert, &sentences.join(" "));
        }
        let editors = self.dom.editors.query_selector_all("[data-input]")?;
        for i in 0..editors.length() {
            let Some(editor) = editors.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let name = editor.get_attribute("data-input").unwrap_or_default();
            let error = self.page.cell_errors.get(&name);
            if let Some(alert) = editor.query_selector(".cell-error")? {
                set_hidden(&alert, error.is_none())?;
                set_text(&alert, error.map_or("", |e| e.message.as_str()));
            }
            let cells = editor.query_selector_all("input[data-row]")?;
            for j in 0..cells.length() {
                let Some(cell) = cells.get(j).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                let (r, c) = cell_position(&cell);
                let invalid = error.is_some_and(|e| (e.row, e.col) == (r, c));
                set_attr(&cell, "aria-invalid", if invalid { "true" } else { "false" })?;
            }
        }
        Ok(())
    }

    /// Choices, timeline and editors: rebuilt when their structure changes (a new view, a new size).
    fn build_controls(&mut self, shared: &Rc<Shared>) -> Res<()> {
        let weak = Rc::downgrade(shared);
        let mut listeners = Vec::new();
        let chapter = self.page.chapter();

        self.dom.choices.set_text_content(None);
        for Choice { name, label, options, current } in chapter.choices() {
            let set = add(&self.dom.choices, "fieldset", &[("class", "choice")], None)?;
            add(&set, "legend", &[], Some(label))?;
            for (value, text) in options {
                let lab = add(&set, "label", &[], None)?;
                let radio: HtmlInputElement =
                    add(&lab, "input", &[("type", "radio"), ("name", &format!("choice-{name}")), ("value", value)], None)?.dyn_into()?;
                radio.set_checked(*value == current);
                add(&lab, "span", &[], Some(text))?;
                let (w, value) = (weak.clone(), value.to_string());
                listeners.push(EventListener::new(&radio, "change", move |_| {
                    send(&w, Msg::Choose { choice: name.to_string(), option: value.clone() })
                }));
            }
        }

        let stages = chapter.stages();
        self.dom.timeline.set_text_content(None);
        set_hidden(&self.dom.timeline, stages.is_empty())?;
        if !stages.is_empty() {
            let play = add(
                &self.dom.timeline,
                "button",
                &[("type", "button"), ("class", "play"), ("aria-label", "Play the transformation")],
                Some("▶ Play"),
            )?;
            let range: HtmlInputElement = add(
                &self.dom.timeline,
                "input",
                &[
                    ("type", "range"),
                    ("min", "0"),
                    ("max", &stages.len().to_string()),
                    ("step", "0.001"),
                    ("aria-label", "Timeline: how much of the transformation is applied"),
                ],
                None,
            )?
            .dyn_into()?;
            let labels = add(&self.dom.timeline, "ol", &[("class", "stages")], None)?;
            for s in &stages {
                add(&labels, "li", &[], Some(s))?;
            }
            let w = weak.clone();
            listeners.push(EventListener::new(&play, "click", move |_| {
                // The media query's change event can arrive a frame after the setting changed: ask again.
                sync_reduced_motion(&w);
                send(&w, Msg::PlayPause(now_ms()))
            }));
            let (w, r) = (weak.clone(), range.clone());
            listeners.push(EventListener::new(&range, "input", move |_| send(&w, Msg::Scrub(r.value_as_number()))));
        }

        // Rebuilding replaces the editors: the control being typed in or slid keeps the focus.
        let refocus = focused_control(&self.dom.editors);
        self.dom.editors.set_text_content(None);
        for input in chapter.inputs() {
            let (rows, cols) = input.value.shape();
            let note = chapter.editor_note(input.name);
            // Cells only when they can be edited one by one (never thousands of generated points).
            let editable = note.is_none() && rows <= MAX_ROWS;
            let set = add(&self.dom.editors, "fieldset", &[("class", "editor"), ("data-input", input.name)], None)?;
            let legend = add(&set, "legend", &[], None)?;
            add(&legend, "span", &[("class", "name")], Some(input.name))?;
            let shape = match input.kind {
                InputKind::Scalar => "number".to_string(),
                InputKind::Vector if rows == 1 => "1 entry".to_string(),
                InputKind::Vector => format!("{rows} entries"),
                InputKind::Matrix => display_shape(&input.value),
            };
            add(&legend, "span", &[("class", "shape")], Some(&shape))?;
            let grid = add(&set, "div", &[("class", "cells")], None)?;
            // Through the CSSOM, not a style attribute: the Content-Security-Policy forbids inline styles.
            html(&grid)?.style().set_property("--cols", &cols.to_string())?;
            if let Some(note) = &note {
                add(&set, "p", &[("class", "editor-note")], Some(note))?;
            }
            for r in 0..if editable { rows } else { 0 } {
                for c in 0..cols {
                    let label = if input.kind == InputKind::Scalar {
                        input.name.to_string()
                    } else if input.kind == InputKind::Vector {
                        format!("{}, entry {}", input.name, r + 1)
                    } else {
                        format!("{}, row {}, column {}", input.name, r + 1, c + 1)
                    };
                    let cell: HtmlInputElement = add(
                        &grid,
                        "input",
                        &[
                            ("type", "text"),
                            ("inputmode", "text"),
                            ("autocomplete", "off"),
                            ("spellcheck", "false"),
                            ("aria-label", &label),
                            ("data-row", &r.to_string()),
                            ("data-col", &c.to_string()),
                        ],
                        None,
                    )?
                    .dyn_into()?;
                    cell.set_value(&format_number(input.value[(r, c)]));
                    let (w, name, cell2) = (weak.clone(), input.name.to_string(), cell.clone());
                    listeners.push(EventListener::new(&cell, "input", move |_| {
                        send(&w, Msg::EditCell { input: name.clone(), row: r, col: c, text: cell2.value() })
                    }));
                }
            }
            if let Some(range) = chapter.slider(input.name).filter(|_| input.kind == InputKind::Scalar) {
                let value = input.value.get(0).copied().unwrap_or(range.min);
                let slider: HtmlInputElement = add(
                    &set,
                    "input",
                    &[
                        ("type", "range"),
                        ("class", "slider"),
                        ("min", &format_number(range.min)),
                        ("max", &format_number(range.max)),
                        ("step", &format_number(range.step)),
                        ("aria-label", &format!("{} slider", input.name)),
                        ("data-slider", input.name),
                    ],
                    None,
                )?
                .dyn_into()?;
                slider.set_value(&format_number(value));
                let (w, name, s2) = (weak.clone(), input.name.to_string(), slider.clone());
                listeners.push(EventListener::new(&slider, "input", move |_| {
                    send(&w, Msg::EditCell { input: name.clone(), row: 0, col: 0, text: s2.value() })
                }));
            }
            let sizes = add(&set, "div", &[("class", "resize")], None)?;
            let steps: Vec<(&str, usize, usize, bool)> = match input.kind {
                _ if !editable => vec![],
                InputKind::Scalar => vec![],
                InputKind::Vector => vec![("− entry", rows.wrapping_sub(1), 1, rows > 1), ("+ entry", rows + 1, 1, rows < MAX_DIM)],
                InputKind::Matrix => vec![
                    ("− row", rows.wrapping_sub(1), cols, rows > 1),
                    ("+ row", rows + 1, cols, rows < MAX_ROWS),
                    ("− column", rows, cols.wrapping_sub(1), cols > 1),
                    ("+ column", rows, cols + 1, cols < MAX_DIM),
                ],
            };
            for (text, r, c, enabled) in steps {
                let what = text.replace('−', "remove a").replace('+', "add a");
                let b = add(&sizes, "button", &[("type", "button"), ("aria-label", &format!("{}: {what}", input.name))], Some(text))?;
                if !enabled {
                    b.set_attribute("disabled", "")?;
                }
                let (w, name) = (weak.clone(), input.name.to_string());
                listeners.push(EventListener::new(&b, "click", move |_| send(&w, Msg::Reshape { input: name.clone(), rows: r, cols: c })));
            }
            if chapter.accepts_paste(input.name) {
                let paste = add(&set, "div", &[("class", "paste")], None)?;
                let id = format!("paste-{}", input.name);
                add(&paste, "label", &[("for", &id)], Some("Paste points (CSV: x,y per line)"))?;
                let area = add(
                    &paste,
                    "textarea",
                    &[("id", &id), ("rows", "3"), ("spellcheck", "false"), ("autocomplete", "off"), ("placeholder", "x,y\n1.5,2\n3,4.25")],
                    None,
                )?;
                let load = add(&paste, "button", &[("type", "button"), ("class", "load")], Some("Load points"))?;
                let (w, name) = (weak.clone(), input.name.to_string());
                listeners.push(EventListener::new(&load, "click", move |_| {
                    // The textarea's text, read through the DOM property (no extra web-sys binding).
                    let text =
                        js_sys::Reflect::get(&area, &JsValue::from_str("value")).ok().and_then(|v| v.as_string()).unwrap_or_default();
                    send(&w, Msg::Paste { input: name.clone(), text })
                }));
            }
            add(&set, "p", &[("class", "alert cell-error"), ("role", "alert"), ("hidden", "")], None)?;
        }
        if let Some(selector) = refocus {
            if let Some(control) = self.dom.editors.query_selector(&selector)?.and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
                control.focus()?;
                if control.type_() == "text" {
                    let end = control.value().len() as u32;
                    control.set_selection_range(end, end)?;
                }
            }
        }
        self.control_listeners = listeners;
        Ok(())
    }

    fn update_editors(&self) -> Res<()> {
        let active = active_element(&self.dom.editors);
        for input in self.page.chapter().inputs() {
            let Some(editor) = self.dom.editors.query_selector(&format!("[data-input=\"{}\"]", input.name))? else { continue };
            if let Some(slider) = editor.query_selector("input[data-slider]")?.and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) {
                let text = input.value.get(0).map(|x| format_number(*x)).unwrap_or_default();
                if active.as_ref() != Some(slider.as_ref()) && slider.value() != text {
                    slider.set_value(&text);
                }
            }
            let cells = editor.query_selector_all("input[data-row]")?;
            for i in 0..cells.length() {
                let Some(cell) = cells.get(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) else { continue };
                if active.as_ref() == Some(cell.as_ref()) {
                    continue; // never rewrite what the reader is typing
                }
                let (r, c) = cell_position(&cell);
                if r < input.value.nrows() && c < input.value.ncols() {
                    let text = format_number(input.value[(r, c)]);
                    if cell.value() != text {
                        cell.set_value(&text);
                    }
                }
            }
        }
        Ok(())
    }

    fn update_readouts(&mut self) -> Res<()> {
        let readouts = self.page.readouts();
        let names: Vec<&str> = readouts.iter().map(|r| r.name).collect();
        let known: Vec<&str> = self.readout_cells.iter().map(|c| c.0).collect();
        if names != known {
            self.dom.readouts.set_text_content(None);
            self.readout_cells.clear();
            let body = add(&self.dom.readouts, "tbody", &[], None)?;
            for r in &readouts {
                let row = add(&body, "tr", &[], None)?;
                add(&row, "th", &[("scope", "row")], Some(r.label))?;
                let value_cell = add(&row, "td", &[("class", "value")], None)?;
                let value = add(&value_cell, "span", &[("data-readout", r.name)], None)?;
                let note = add(&row, "td", &[("class", "note")], None)?;
                self.readout_cells.push((r.name, value, note));
            }
        }
        for (r, (_, value, note)) in readouts.iter().zip(&self.readout_cells) {
            show_readout(r, value)?;
            set_text(note, &r.note);
        }
        Ok(())
    }

    fn update_code(&self) {
        let code = self.page.chapter().code();
        let text = match self.code_tab {
            1 => &code.torch,
            2 => &code.nalgebra,
            _ => &code.numpy,
        };
        set_text(&self.dom.code, text);
        set_text(&self.dom.copy, "Copy");
        for (i, tab) in self.dom.code_tabs.iter().enumerate() {
            let _ = set_attr(tab, "aria-selected", if i == self.code_tab { "true" } else { "false" });
        }
    }

    fn update_timeline(&self) -> Res<()> {
        // Stage names can depend on the state (a reflection instead of a rotation): keep them current.
        let labels = self.dom.timeline.query_selector_all(".stages li")?;
        let stages = self.page.chapter().stages();
        if labels.length() as usize == stages.len() {
            for (i, name) in stages.iter().enumerate() {
                if let Some(li) = labels.get(i as u32).and_then(|n| n.dyn_into::<Element>().ok()) {
                    set_text(&li, name);
                }
            }
        }
        if let Some(range) = self.dom.timeline.query_selector("input[type=range]")? {
            let range: HtmlInputElement = range.dyn_into()?;
            let pos = self.page.timeline.position();
            if (range.value_as_number() - pos).abs() > 1e-9 {
                range.set_value_as_number(pos);
            }
        }
        if let Some(play) = self.dom.timeline.query_selector("button.play")? {
            let playing = self.page.timeline.is_playing();
            set_text(&play, if playing { "❚❚ Pause" } else { "▶ Play" });
            set_attr(&play, "aria-label", if playing { "Pause" } else { "Play the transformation" })?;
        }
        Ok(())
    }

    /// Creates, moves and labels the focusable handle elements over the canvas.
    fn sync_handles(&mut self, shared: &Rc<Shared>) -> Res<()> {
        let handles = self.page.handles();
        let names: Vec<&str> = handles.iter().map(|h| h.name.as_str()).collect();
        let known: Vec<&str> = self.handles.iter().map(|h| h.name.as_str()).collect();
        if names != known {
            // Keep the element that has focus (or is dragged) so keyboard and pointer capture survive.
            self.handles.retain(|h| {
                let keep = names.contains(&h.name.as_str());
                if !keep {
                    h.element.remove();
                }
                keep
            });
            let existing: Vec<String> = self.handles.iter().map(|h| h.name.clone()).collect();
            for name in names.iter().filter(|n| !existing.iter().any(|e| e == *n)) {
                self.handles.push(make_handle(&self.dom, shared, name)?);
            }
            self.handles.sort_by_key(|h| names.iter().position(|n| *n == h.name));
            // DOM order is tab order: the most important handle first.
            for h in &self.handles {
                self.dom.handle_layer.append_child(&h.element)?;
            }
        }
        let vp = self.page.viewport;
        let count = handles.len();
        for (i, (h, el)) in handles.iter().zip(self.handles.iter_mut()).enumerate() {
            let at = vp.to_screen(h.at);
            let visible = at.x >= 0.0 && at.y >= 0.0 && at.x <= vp.width && at.y <= vp.height;
            let transform = format!("translate({:.1}px, {:.1}px)", at.x, at.y);
            // Where handles overlap, the most important one (listed first) is on top.
            let placed = format!("{transform} {}", count - i);
            if el.placed != placed {
                let style = html(&el.element)?.style();
                style.set_property("transform", &transform)?;
                style.set_property("z-index", &(count - i).to_string())?;
                el.placed = placed;
            }
            set_attr(&el.element, "aria-label", &format!("{}. Arrow keys move it, Shift for fine steps.", h.label))?;
            set_attr(&el.element, "data-x", &format_number(h.at.x))?;
            set_attr(&el.element, "data-y", &format_number(h.at.y))?;
            el.element.class_list().toggle_with_force("offscreen", !visible)?;
        }
        Ok(())
    }
}

/// A selector for the editor control that has the focus (a cell or a slider), to find its
/// replacement after the editors are rebuilt.
fn focused_control(editors: &Element) -> Option<String> {
    let active = active_element(editors)?;
    if !editors.contains(Some(&active)) {
        return None;
    }
    let input = active.closest("[data-input]").ok()??.get_attribute("data-input")?;
    if let Some(slider) = active.get_attribute("data-slider") {
        return Some(format!("[data-input=\"{input}\"] input[data-slider=\"{slider}\"]"));
    }
    let (r, c) = cell_position(&active);
    (r != usize::MAX && c != usize::MAX).then(|| format!("[data-input=\"{input}\"] input[data-row=\"{r}\"][data-col=\"{c}\"]"))
}

/// Reads `data-row` / `data-col` of a cell.
fn cell_position(cell: &Element) -> (usize, usize) {
    let get = |k: &str| cell.get_attribute(k).and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
    (get("data-row"), get("data-col"))
}

/// Rewrites the cells of a matrix readout already shown with the same shape (only the numbers that
/// changed), so that a drag changes text, not structure; `false` when it shows anything else.
fn update_matrix_in_place(el: &Element, rows: &[Vec<f64>]) -> Res<bool> {
    let cols = rows.first().map_or(0, Vec::len);
    if el.child_element_count() != 1 {
        return Ok(false);
    }
    let Some(grid) = el.first_element_child().filter(|g| g.class_name() == "matrix") else { return Ok(false) };
    if grid.child_element_count() as usize != rows.len() * cols || html(&grid)?.style().get_property_value("--cols")? != cols.to_string() {
        return Ok(false);
    }
    let mut cell = grid.first_element_child();
    for x in rows.iter().flatten() {
        let Some(current) = cell else { break };
        set_text(&current, &display_number(*x));
        cell = current.next_element_sibling();
    }
    Ok(true)
}

/// Writes a readout's exact JSON to `data-value` and a rounded form for people as its content.
fn show_readout(r: &Readout, el: &Element) -> Res<()> {
    let json = r.value.to_json();
    if el.get_attribute("data-value").as_deref() == Some(json.as_str()) {
        return Ok(());
    }
    if let Value::Matrix(rows) = &r.value {
        if update_matrix_in_place(el, rows)? {
            return el.set_attribute("data-value", &json);
        }
    }
    el.set_text_content(None);
    match &r.value {
        Value::Null => set_text(el, "—"),
        Value::Bool(b) => set_text(el, if *b { "yes" } else { "no" }),
        Value::Number(x) => set_text(el, &display_number(*x)),
        Value::Vector(v) => set_text(el, &display_tuple(v)),
        Value::Matrix(rows) => add_matrix(el, rows)?,
        // A list of matrices (a rank-3 tensor, as numpy's `tolist()`): the matrices side by side.
        Value::List(items) if !items.is_empty() && items.iter().all(|v| matches!(v, Value::Matrix(_))) => {
            for item in items {
                if let Value::Matrix(rows) = item {
                    add_matrix(el, rows)?;
                }
            }
        }
        Value::List(_) | Value::Complex { .. } => {
            let show = |v: &Value| match v {
                Value::Number(x) => display_number(*x),
                Value::Complex { re, im } => {
                    format!("{} {} {}i", display_number(*re), if *im < 0.0 { "−" } else { "+" }, display_number(im.abs()))
                }
                Value::Null => "—".to_string(),
                other => other.to_json(),
            };
            let text = match &r.value {
                Value::List(items) => format!("({})", items.iter().map(show).collect::<Vec<_>>().join(", ")),
                single => show(single),
            };
            set_text(el, &text)
        }
    }
    el.set_attribute("data-value", &json)
}

/// Appends a matrix as a grid of rounded numbers between brackets.
fn add_matrix(el: &Element, rows: &[Vec<f64>]) -> Res<()> {
    let cols = rows.first().map_or(0, Vec::len);
    let grid = add(el, "span", &[("class", "matrix")], None)?;
    html(&grid)?.style().set_property("--cols", &cols.to_string())?;
    for x in rows.iter().flatten() {
        add(&grid, "span", &[], Some(&display_number(*x)))?;
    }
    Ok(())
}

/// A focusable element over a draggable point: pointer drag with capture, arrow keys, focus.
fn make_handle(dom: &Dom, shared: &Rc<Shared>, name: &str) -> Res<HandleEl> {
    let element = el("button", &[("type", "button"), ("class", "handle"), ("data-handle", name)], None)?;
    dom.handle_layer.append_child(&element)?;
    let weak = Rc::downgrade(shared);
    let mut listeners = Vec::new();
    {
        let (w, n, e2) = (weak.clone(), name.to_string(), element.clone());
        listeners.push(EventListener::new_with_options(
            &element,
            "pointerdown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
                e.prevent_default();
                let _ = e2.set_pointer_capture(e.pointer_id());
                if let Ok(h) = html(&e2) {
                    let _ = h.focus();
                }
                send(&w, Msg::DragStart(n.clone()));
            },
        ));
    }
    {
        let (w, e2, canvas) = (weak.clone(), element.clone(), dom.canvas.clone());
        listeners.push(EventListener::new(&element, "pointermove", move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if e2.has_pointer_capture(e.pointer_id()) {
                send(&w, Msg::DragTo(canvas_point(&canvas, e.client_x() as f64, e.client_y() as f64)));
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let (w, e2) = (weak.clone(), element.clone());
        listeners.push(EventListener::new(&element, kind, move |e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                let _ = e2.release_pointer_capture(e.pointer_id());
            }
            send(&w, Msg::DragEnd);
            // Apply it now rather than at the next frame: readouts throttled during the drag
            // (TEXT_THROTTLE_MS) are final as soon as the pointer is released.
            if let Some(shared) = w.upgrade() {
                on_frame(&shared);
            }
        }));
    }
    {
        let (w, n) = (weak.clone(), name.to_string());
        listeners.push(EventListener::new_with_options(&element, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            let (dx, dy) = match e.key().as_str() {
                "Delete" | "Backspace" => {
                    e.prevent_default();
                    send(&w, Msg::Remove(n.clone()));
                    return;
                }
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowRight" => (1.0, 0.0),
                "ArrowUp" => (0.0, 1.0),
                "ArrowDown" => (0.0, -1.0),
                _ => return,
            };
            e.prevent_default();
            send(&w, Msg::Nudge { handle: n.clone(), dx, dy, fine: e.shift_key() });
        }));
    }
    for (kind, focused) in [("focus", true), ("blur", false)] {
        let (w, n) = (weak.clone(), name.to_string());
        listeners.push(EventListener::new(&element, kind, move |_| send(&w, Msg::Focus(focused.then(|| n.clone())))));
    }
    Ok(HandleEl { name: name.to_string(), element, placed: String::new(), _listeners: listeners })
}
