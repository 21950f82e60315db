//! Where a chapter's figure is painted. On the site, by a worker: the page's main thread writes each
//! frame's drawing as commands ([`crate::view::commands`]) and posts them; the worker replays them
//! onto the canvas, which the page handed it (`transferControlToOffscreen`). The canvas calls and the
//! software raster of every pixel then cost the worker's thread, not the one that answers the pointer.
//! In someone else's page (the `<linalg-figure>` element: a worker must come from the page's own
//! origin), in tests, or when the worker cannot start, the figure is painted on the page.
//!
//! The worker runs this same module: `figure-worker.js` instantiates the compiled module the page
//! posts it and calls [`run_figure_worker`]. Starting it takes a few hundred milliseconds on a slow
//! machine; meanwhile a stand-in canvas over the figure is painted on the page with the same frames,
//! and it is removed once the worker has shown its first one. Later figures (another chapter on the
//! same page) go straight to the ready worker. The worker paints several canvases (the figure and
//! the chart under it): they are numbered in the order the page sent them, each frame starts with its
//! canvas's number, and a canvas the page no longer shows is let go (its number posted alone).

use super::canvas::{CanvasPainter, Palette};
use super::dom::{el, window, Res};
use crate::view::commands::{replay, CommandWriter};
use crate::view::render::Painter;
use crate::view::svg::SvgTheme;
use gloo_events::EventListener;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, HtmlCanvasElement, MessageEvent, OffscreenCanvas, Worker, WorkerOptions, WorkerType};

/// What the worker says once it listens for canvases and frames.
const READY: &str = "ready";
/// What the worker says once it has painted the first frame of a canvas it was sent.
const SHOWN: &str = "shown";

/// A chapter's figure painter.
pub enum FigurePainter {
    /// Paints on a canvas of the page, on this thread.
    Here(CanvasPainter),
    /// Writes each frame for the page's figure worker.
    Worker(RemoteFigure),
}

impl FigurePainter {
    /// The painter for `canvas`: the page's figure worker when `use_worker` and it can take the
    /// canvas, else one on this thread.
    pub fn new(canvas: &HtmlCanvasElement, use_worker: bool) -> Res<FigurePainter> {
        let palette = Palette::read(canvas);
        let transferable = js_sys::Reflect::has(canvas, &"transferControlToOffscreen".into()).unwrap_or(false);
        if let (true, true, Some(worker)) = (use_worker, transferable, FigureWorker::get()) {
            // A worker that is ready shows the first frame at once: a stand-in only while it starts.
            let stand_in = if worker.state.get() == WorkerState::Starting {
                let stand_in: HtmlCanvasElement = el("canvas", &[("class", "stand-in"), ("aria-hidden", "true")], None)?.dyn_into()?;
                canvas.after_with_node_1(&stand_in)?;
                Some(CanvasPainter::with_palette(stand_in, palette.clone())?)
            } else {
                None
            };
            let offscreen = canvas.transfer_control_to_offscreen()?;
            worker.post(&offscreen, Some(&offscreen));
            worker.canvases.set(worker.canvases.get() + 1);
            let mut writer = CommandWriter::default();
            writer.set_theme(&palette.svg_theme());
            let number = worker.canvases.get();
            return Ok(FigurePainter::Worker(RemoteFigure { worker, writer, palette, theme_owed: true, number, stand_in }));
        }
        Ok(FigurePainter::Here(CanvasPainter::with_palette(canvas.clone(), palette)?))
    }

    /// Calls `wake` whenever the worker has news for this figure (ready, its first frame shown,
    /// failed): the next frame then takes it into account. Replaces the last view's.
    pub fn wake_with(&self, wake: impl Fn() + 'static) {
        if let FigurePainter::Worker(remote) = self {
            *remote.worker.wake.borrow_mut() = Some(Box::new(wake));
        }
    }

    /// Takes the worker's news into account: once it has shown this figure, the stand-in goes; if
    /// it failed before, the stand-in becomes the figure's painter.
    pub fn settle(&mut self) {
        let FigurePainter::Worker(remote) = self else { return };
        let Some(stand_in) = &remote.stand_in else { return };
        if remote.worker.state.get() == WorkerState::Failed {
            if let Some(stand_in) = remote.stand_in.take() {
                *self = FigurePainter::Here(stand_in);
            }
        } else if remote.worker.shown.get() >= remote.number {
            stand_in.canvas().remove();
            remote.stand_in = None;
        }
    }

    /// The colours the figure is painted in.
    pub fn palette(&self) -> &Palette {
        match self {
            FigurePainter::Here(p) => &p.palette,
            FigurePainter::Worker(r) => &r.palette,
        }
    }

    /// Paints in new colours from the next frame on.
    pub fn set_palette(&mut self, palette: Palette) {
        match self {
            FigurePainter::Here(p) => p.palette = palette,
            FigurePainter::Worker(r) => {
                r.writer.set_theme(&palette.svg_theme());
                r.palette = palette;
                r.theme_owed = true;
            }
        }
    }

    /// Starts a frame of `width` × `height` CSS px at the screen's pixel ratio. Returns whether the
    /// surface was resized (which clears it: the whole figure must be drawn again).
    pub fn prepare(&mut self, width: f64, height: f64) -> Res<bool> {
        match self {
            FigurePainter::Here(p) => p.prepare(width, height),
            FigurePainter::Worker(r) => Ok(r.writer.resize(width, height, window()?.device_pixel_ratio())),
        }
    }

    /// The painter to draw this frame with.
    pub fn painter(&mut self) -> &mut dyn Painter {
        match self {
            FigurePainter::Here(p) => p,
            FigurePainter::Worker(r) => &mut r.writer,
        }
    }

    /// Ends the frame: if it drew anything (`drew`) or changed the colours, sends it to the worker
    /// and paints it on the stand-in while there is one.
    pub fn finish(&mut self, drew: bool) {
        if let FigurePainter::Worker(r) = self {
            let frame = r.writer.take();
            if drew || std::mem::take(&mut r.theme_owed) {
                if let Some(stand_in) = &mut r.stand_in {
                    if let Err(e) = replay(&frame, stand_in) {
                        web_sys::console::error_1(&format!("linalg-live: {e}").into());
                    }
                }
                // The canvas's number, then the commands; the bytes' buffer alone: a view would cost
                // the post a second object to serialize.
                let bytes = Uint8Array::new_with_length(4 + frame.len() as u32);
                bytes.subarray(0, 4).copy_from(&r.number.to_le_bytes());
                bytes.subarray(4, bytes.length()).copy_from(&frame);
                let frame = bytes.buffer();
                r.worker.post(&frame, Some(&frame));
            }
        }
    }
}

/// A figure painted by the figure worker: frames are written here and posted there.
pub struct RemoteFigure {
    worker: Rc<FigureWorker>,
    writer: CommandWriter,
    palette: Palette,
    /// New colours are written and must be sent even if the next frame draws nothing.
    theme_owed: bool,
    /// Which of the canvases sent to the worker this figure's is (1 for the first).
    number: u32,
    /// A canvas over the figure's, painted here with the same frames until the worker has shown
    /// one (`None` after).
    stand_in: Option<CanvasPainter>,
}

impl Drop for RemoteFigure {
    /// The worker lets the canvas go.
    fn drop(&mut self) {
        self.worker.post(&JsValue::from(self.number), None);
    }
}

/// How far the figure worker got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WorkerState {
    /// Loading and instantiating the module; messages wait here.
    Starting,
    /// Listening for canvases and frames.
    Ready,
    /// It could not start, or stopped: figures are painted on the page.
    Failed,
}

/// The page's figure worker.
struct FigureWorker {
    worker: Worker,
    state: Cell<WorkerState>,
    /// Messages (with what they transfer) posted while it starts, in order.
    waiting: RefCell<Vec<(JsValue, Option<JsValue>)>>,
    /// Canvases sent, and canvases whose first frame it has shown.
    canvases: Cell<u32>,
    shown: Cell<u32>,
    /// What to call when it has news (the view on show asks for a frame).
    wake: RefCell<Option<Box<dyn Fn()>>>,
    _listeners: Vec<EventListener>,
}

thread_local! {
    /// The page's figure worker once asked for (`None` inside: it could not be created).
    static WORKER: RefCell<Option<Option<Rc<FigureWorker>>>> = const { RefCell::new(None) };
}

impl FigureWorker {
    /// The page's figure worker, started on first use; `None` if it cannot start or has failed.
    fn get() -> Option<Rc<FigureWorker>> {
        let worker = WORKER.with(|cell| cell.borrow_mut().get_or_insert_with(FigureWorker::spawn).clone())?;
        (worker.state.get() != WorkerState::Failed).then_some(worker)
    }

    fn spawn() -> Option<Rc<FigureWorker>> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&format!("{}figure-worker.js", super::site_root()), &options).ok()?;
        worker.post_message(&wasm_bindgen::module()).ok()?;
        Some(Rc::new_cyclic(|me: &Weak<FigureWorker>| {
            let listen = |kind: &'static str| {
                let me = me.clone();
                EventListener::new(&worker, kind, move |event| {
                    let said = event.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string());
                    if let Some(worker) = me.upgrade() {
                        // "error": the script could not be loaded, or the module stopped (a panic).
                        worker.heard(said.as_deref().unwrap_or("error"));
                    }
                })
            };
            let listeners = vec![listen("message"), listen("error")];
            FigureWorker {
                worker,
                state: Cell::new(WorkerState::Starting),
                waiting: RefCell::new(Vec::new()),
                canvases: Cell::new(0),
                shown: Cell::new(0),
                wake: RefCell::new(None),
                _listeners: listeners,
            }
        }))
    }

    /// What the worker said: ready (the waiting messages go), a canvas shown, or anything else, a
    /// failure. A worker that fails after it has shown a figure leaves that figure blank, so the page
    /// on show is built again (painted on the page).
    fn heard(&self, said: &str) {
        match said {
            READY => {
                self.state.set(WorkerState::Ready);
                for (message, transfer) in self.waiting.take() {
                    self.post(&message, transfer.as_ref());
                }
            }
            SHOWN => self.shown.set(self.shown.get() + 1),
            _ => {
                web_sys::console::warn_1(&"linalg-live: the figure worker stopped; figures are painted on the page".into());
                self.state.set(WorkerState::Failed);
                if self.shown.get() > 0 {
                    super::remount();
                    return;
                }
            }
        }
        if let Some(wake) = &*self.wake.borrow() {
            wake();
        }
    }

    /// Posts `message` (transferring `transfer`), now or once the worker is ready.
    fn post(&self, message: &JsValue, transfer: Option<&JsValue>) {
        if self.state.get() == WorkerState::Starting {
            self.waiting.borrow_mut().push((message.clone(), transfer.cloned()));
            return;
        }
        let sent = match transfer {
            Some(transfer) => self.worker.post_message_with_transfer(message, &Array::of1(transfer)),
            None => self.worker.post_message(message),
        };
        if let Err(e) = sent {
            web_sys::console::error_2(&"linalg-live: the figure worker could not be sent a message".into(), &e);
        }
    }
}

/// Runs in the figure worker (`figure-worker.js` calls it once the module is instantiated): paints
/// every frame the page posts onto the canvas whose number starts it, says when a canvas's first frame
/// is painted, lets a canvas go when its number comes alone, and tells the page it is ready.
#[wasm_bindgen(js_name = runFigureWorker)]
pub fn run_figure_worker() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // The canvases by number (1 for the first), each with whether its first frame is still to come.
    let mut painters: Vec<Option<(CanvasPainter, bool)>> = Vec::new();
    let page = scope.clone();
    EventListener::new(&scope, "message", move |event| {
        let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
        if let Some(canvas) = data.dyn_ref::<OffscreenCanvas>() {
            // The page's colours come with the first frame.
            let none = SvgTheme { roles: Vec::new(), text_roles: Vec::new(), background: String::new(), font: String::new() };
            painters.push(CanvasPainter::with_palette(canvas.clone().unchecked_into(), none.into()).ok().map(|p| (p, true)));
        } else if let Some(frame) = data.dyn_ref::<ArrayBuffer>() {
            let bytes = Uint8Array::new(frame).to_vec();
            let Some((number, commands)) = bytes.split_first_chunk::<4>() else { return };
            let Some(Some((painter, first))) = painters.get_mut((u32::from_le_bytes(*number) as usize).wrapping_sub(1)) else { return };
            if let Err(e) = replay(commands, painter) {
                web_sys::console::error_1(&format!("linalg-live: {e}").into());
            }
            if std::mem::take(first) {
                let _ = page.post_message(&SHOWN.into());
            }
        } else if let Some(gone) = data.as_f64().and_then(|n| painters.get_mut((n as usize).wrapping_sub(1))) {
            *gone = None;
        }
    })
    .forget();
    let _ = scope.post_message(&READY.into());
}
