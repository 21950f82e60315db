//! The chart under the figure (singular values, a scree plot): a `<figure>` holding a canvas that the
//! figure's own painter draws on (`view::chart::draw`), and the chart's values in words. It is created
//! when the chapter has a chart, removed when it has none, and redrawn only when the chart, its size,
//! the pixel ratio or the theme changed (a pointer move that changes nothing costs one comparison).

use super::canvas::{CanvasPainter, Palette};
use super::dom::{add, html, set_attr, set_text, Res};
use crate::decimal::display;
use crate::view::chart::{chart_height, draw, Chart};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement};

/// A mounted chart.
pub struct ChartPanel {
    wrap: Element,
    painter: CanvasPainter,
    values: Element,
    /// What was last drawn: the chart, its CSS size and the colours.
    drawn: Option<(Chart, (f64, f64), Palette)>,
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
        Ok(ChartPanel { wrap, painter: CanvasPainter::new(canvas)?, values, drawn: None, width: None })
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
        let size = (width, chart_height(width));
        if p.drawn.as_ref().is_some_and(|(c, s, pal)| *c == chart && *s == size && pal == palette) {
            return Ok(());
        }
        let canvas = p.painter.canvas();
        html(canvas)?.style().set_property("height", &format!("{}px", display(size.1)))?;
        let description = chart.description();
        set_attr(canvas, "aria-label", &description)?;
        set_text(&p.values, &description);
        p.painter.palette = palette.clone();
        p.painter.prepare(size.0, size.1)?;
        draw(&chart, size.0, size.1, &mut p.painter);
        p.drawn = Some((chart, size, palette.clone()));
        Ok(())
    }
}
