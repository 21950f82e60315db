//! The chart under the figure (singular values, a scree plot): a `<figure>` holding a canvas drawn by
//! `view::chart::draw` through a [`FigurePainter`] (on the site, in the figure's worker, like the
//! figure), and the chart's values in words. It is created
//! when the chapter has a chart, removed when it has none, and redrawn only when the chart, its size,
//! the pixel ratio or the theme changed (a pointer move that changes nothing costs one comparison). Its
//! words (the canvas's `aria-label` and the values under it) are written when a pointer gesture ends,
//! like the summary read to screen readers: rewritten with every redraw during a drag of the rank
//! slider they cost the page's thread about a tenth of a millisecond a move (docs/benchmarks.md).

use super::canvas::Palette;
use super::dom::{add, html, set_attr, set_text, Res};
use super::figure_painter::FigurePainter;
use crate::decimal::display;
use crate::view::chart::{chart_height, draw, Chart};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement};

/// A mounted chart.
pub struct ChartPanel {
    wrap: Element,
    canvas: HtmlCanvasElement,
    painter: FigurePainter,
    values: Element,
    /// What was last drawn: the chart, its CSS size and the colours.
    drawn: Option<(Chart, (f64, f64), Palette)>,
    /// The drawn chart's words are not written yet (it was drawn during a gesture).
    words_owed: bool,
    /// The chart's CSS width, measured when the figure last changed width (reading it every frame
    /// would force a layout after each DOM update).
    width: Option<(f64, f64)>,
}

impl ChartPanel {
    /// Builds the chart's elements at the end of `slot`, painted by the figure's worker if `use_worker`.
    fn mount(slot: &Element, use_worker: bool) -> Res<ChartPanel> {
        let wrap = add(slot, "figure", &[("class", "chart")], None)?;
        let canvas: HtmlCanvasElement = add(&wrap, "canvas", &[("role", "img")], None)?.dyn_into()?;
        let details = add(&wrap, "details", &[], None)?;
        add(&details, "summary", &[], Some("The chart's values"))?;
        let values = add(&details, "p", &[], None)?;
        let painter = FigurePainter::new(&canvas, use_worker)?;
        Ok(ChartPanel { wrap, canvas, painter, values, drawn: None, words_owed: false, width: None })
    }

    /// Takes the worker's news into account (see [`FigurePainter::settle`]).
    pub fn settle(panel: &mut Option<ChartPanel>) {
        if let Some(p) = panel {
            p.painter.settle();
        }
    }

    /// Whether the chart's words wait for the end of a gesture.
    pub fn words_owed(panel: &Option<ChartPanel>) -> bool {
        panel.as_ref().is_some_and(|p| p.words_owed)
    }

    /// Brings the chart up to date: creates, removes or redraws it as `chart` requires. The chart sits
    /// in the figure's column, so its width is measured again only when `figure_width` changes. During
    /// a `gesture` the words are left for the sync after it. A new chart is painted by the figure's
    /// worker if `use_worker`.
    pub fn sync(
        panel: &mut Option<ChartPanel>,
        slot: &Element,
        chart: Option<Chart>,
        palette: &Palette,
        figure_width: f64,
        gesture: bool,
        use_worker: bool,
    ) -> Res<()> {
        let Some(chart) = chart else {
            if let Some(old) = panel.take() {
                old.wrap.remove();
            }
            return Ok(());
        };
        if panel.is_none() {
            *panel = Some(ChartPanel::mount(slot, use_worker)?);
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
        let drawn = p.drawn.as_ref().is_some_and(|(c, s, pal)| *c == chart && *s == size && pal == palette);
        let canvas = &p.canvas;
        if !gesture && (p.words_owed || !drawn) {
            let description = chart.description();
            set_attr(canvas, "aria-label", &description)?;
            set_text(&p.values, &description);
        }
        p.words_owed = gesture && (p.words_owed || !drawn);
        if drawn {
            return Ok(());
        }
        html(canvas)?.style().set_property("height", &format!("{}px", display(size.1)))?;
        if p.painter.palette() != palette {
            p.painter.set_palette(palette.clone());
        }
        p.painter.prepare(size.0, size.1)?;
        draw(&chart, size.0, size.1, p.painter.painter());
        p.painter.finish(true);
        p.drawn = Some((chart, size, palette.clone()));
        Ok(())
    }
}
