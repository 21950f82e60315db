//! The chart under the figure (singular values, a scree plot): a `<figure>` holding a canvas that
//! plotters draws on through plotters-canvas, and the chart's values in words. It is created when the
//! chapter has a chart, removed when it has none, and redrawn only when the chart, its size, the
//! pixel ratio or the theme changed (a pointer move that changes nothing costs one comparison).

use super::canvas::Palette;
use super::dom::{add, html, set_attr, set_text, window, Res};
use crate::view::chart::{draw, Chart, ChartTheme};
use plotters::prelude::IntoDrawingArea;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

/// The chart's height for a given width, in CSS px.
fn chart_height(width: f64) -> f64 {
    (width * 0.5).clamp(200.0, 300.0)
}

/// A mounted chart.
pub struct ChartPanel {
    wrap: Element,
    canvas: HtmlCanvasElement,
    values: Element,
    /// What was last drawn: the chart, the backing store's size and the theme.
    drawn: Option<(Chart, (u32, u32), ChartTheme)>,
    /// The chart's CSS width, measured when the figure last changed width (reading it every frame
    /// would force a layout after each DOM update).
    width: Option<(f64, f64)>,
}

impl ChartPanel {
    /// Builds the chart's elements at the end of `slot`.
    fn mount(slot: &Element) -> Res<ChartPanel> {
        let wrap = add(slot, "figure", &[("class", "chart")], None)?;
        let canvas: HtmlCanvasElement = add(&wrap, "canvas", &[("role", "img")], None)?.dyn_into()?;
        let details = add(&wrap, "details", &[], None)?;
        add(&details, "summary", &[], Some("The chart's values"))?;
        let values = add(&details, "p", &[], None)?;
        Ok(ChartPanel { wrap, canvas, values, drawn: None, width: None })
    }

    /// Brings the chart up to date: creates, removes or redraws it as `chart` requires. The chart sits
    /// in the figure's column, so its width is measured again only when `figure_width` changes.
    pub fn sync(panel: &mut Option<ChartPanel>, slot: &Element, chart: Option<Chart>, palette: &Palette, figure_width: f64) -> Res<()> {
        let Some(chart) = chart else {
            if let Some(old) = panel.take() {
                old.wrap.remove();
            }
            return Ok(());
        };
        if panel.is_none() {
            *panel = Some(ChartPanel::mount(slot)?);
        }
        let Some(p) = panel.as_mut() else { return Ok(()) };
        let width = match p.width {
            Some((figure, width)) if figure == figure_width => width,
            _ => {
                let width = p.wrap.client_width() as f64;
                p.width = Some((figure_width, width));
                width
            }
        };
        if width <= 0.0 {
            p.width = None;
            return Ok(());
        }
        let height = chart_height(width);
        let dpr = window()?.device_pixel_ratio();
        let dpr = if dpr.is_finite() { dpr.clamp(1.0, 4.0) } else { 1.0 };
        let size = ((width * dpr).round() as u32, (height * dpr).round() as u32);
        let theme = palette.chart_theme(dpr);
        if p.drawn.as_ref().is_some_and(|(c, s, t)| *c == chart && *s == size && *t == theme) {
            return Ok(());
        }
        html(&p.canvas)?.style().set_property("height", &format!("{height}px"))?;
        if (p.canvas.width(), p.canvas.height()) != size {
            p.canvas.set_width(size.0);
            p.canvas.set_height(size.1);
        }
        let description = chart.description();
        set_attr(&p.canvas, "aria-label", &description)?;
        set_text(&p.values, &description);
        let backend = MeasuredCanvas::new(p.canvas.clone())?;
        let area = backend.into_drawing_area();
        if let Err(e) = draw(&chart, &theme, &area) {
            web_sys::console::warn_1(&JsValue::from_str(&format!("chart: {e:?}")));
        }
        p.drawn = Some((chart, size, theme));
        Ok(())
    }
}

/// plotters-canvas's backend, except that text is measured with the canvas's `measureText`. plotters'
/// own measuring in the browser adds a styled `<span>` to the page per label, which costs a layout
/// each time and is refused by the page's Content-Security-Policy (no inline styles).
struct MeasuredCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    fn new(canvas: HtmlCanvasElement) -> Res<MeasuredCanvas> {
        let ctx = canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d context"))?.dyn_into::<CanvasRenderingContext2d>()?;
        let inner = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsValue::from_str("no canvas backend"))?;
        Ok(MeasuredCanvas { inner, ctx })
    }
}

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.ctx.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let width = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil().max(0.0) as u32, style.size().ceil().max(0.0) as u32))
    }
}
