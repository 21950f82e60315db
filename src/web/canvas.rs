//! The Canvas2D painter: the only code that draws pixels. Crisp on HiDPI screens (the backing store is
//! sized in device pixels, drawing happens in CSS pixels through a transform).

use super::dom::{window, Res};
use crate::view::render::{Align, Painter};
use crate::view::scene::{Dash, Fill, Role, Stroke};
use crate::view::viewport::Screen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

/// Colours by role, read from the theme's CSS custom properties (`--c-basis1`, …).
#[derive(Debug, Clone)]
pub struct Palette {
    colors: Vec<(Role, String)>,
    background: String,
    font: String,
}

const ROLE_VARS: [(Role, &str); 10] = [
    (Role::Basis1, "--c-basis1"),
    (Role::Basis2, "--c-basis2"),
    (Role::Input, "--c-input"),
    (Role::Image, "--c-image"),
    (Role::Second, "--c-second"),
    (Role::Eigen, "--c-eigen"),
    (Role::Data, "--c-data"),
    (Role::Ghost, "--c-ghost"),
    (Role::Grid, "--c-grid"),
    (Role::Axis, "--c-axis"),
];

impl Palette {
    /// Reads the role colours in effect on `element` (call again when the theme changes).
    pub fn read(element: &Element) -> Palette {
        let style = window().ok().and_then(|w| w.get_computed_style(element).ok().flatten());
        let get =
            |var: &str| style.as_ref().and_then(|s| s.get_property_value(var).ok()).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let colors = ROLE_VARS.iter().map(|(role, var)| (*role, get(var).unwrap_or_else(|| "#888".into()))).collect();
        let font = get("--figure-font").unwrap_or_else(|| "13px system-ui, sans-serif".into());
        let background = get("--c-figure-bg").unwrap_or_else(|| "#fff".into());
        Palette { colors, background, font }
    }

    fn color(&self, role: Role) -> &str {
        self.colors.iter().find(|(r, _)| *r == role).map_or("#888", |(_, c)| c.as_str())
    }
}

/// Paints on a canvas element through its 2-D context.
pub struct CanvasPainter {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The theme colours.
    pub palette: Palette,
    css_size: (f64, f64),
}

impl CanvasPainter {
    /// Wraps a canvas; fails if it has no 2-D context.
    pub fn new(canvas: HtmlCanvasElement) -> Res<CanvasPainter> {
        let ctx = canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d context"))?.dyn_into::<CanvasRenderingContext2d>()?;
        let palette = Palette::read(&canvas);
        Ok(CanvasPainter { canvas, ctx, palette, css_size: (0.0, 0.0) })
    }

    /// Matches the backing store to the CSS size × devicePixelRatio (a non-finite or absurd ratio is
    /// clamped) and sets the transform so that drawing uses CSS pixels.
    pub fn prepare(&mut self, width: f64, height: f64) -> Res<()> {
        let dpr = window()?.device_pixel_ratio();
        let dpr = if dpr.is_finite() { dpr.clamp(1.0, 4.0) } else { 1.0 };
        let (w, h) = ((width * dpr).round().max(1.0) as u32, (height * dpr).round().max(1.0) as u32);
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        self.css_size = (width, height);
        self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
    }

    fn set_stroke(&self, s: &Stroke) {
        self.ctx.set_stroke_style_str(self.palette.color(s.role));
        self.ctx.set_line_width(s.width);
        let dash: &[f64] = match s.dash {
            Dash::Solid => &[],
            Dash::Dashed => &[7.0, 5.0],
            Dash::Dotted => &[2.0, 4.0],
        };
        let array = js_sys::Array::new();
        for d in dash {
            array.push(&JsValue::from_f64(*d));
        }
        let _ = self.ctx.set_line_dash(&array);
    }
}

impl Painter for CanvasPainter {
    fn clear(&mut self) {
        self.ctx.clear_rect(0.0, 0.0, self.css_size.0, self.css_size.1);
        self.ctx.set_line_cap("round");
        self.ctx.set_line_join("round");
        self.ctx.set_font(&self.palette.font);
    }

    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        let Some(first) = points.first() else { return };
        self.ctx.begin_path();
        self.ctx.move_to(first.x, first.y);
        for p in &points[1..] {
            self.ctx.line_to(p.x, p.y);
        }
        if closed {
            self.ctx.close_path();
        }
        if let Some(f) = fill {
            self.ctx.set_global_alpha(f.alpha);
            self.ctx.set_fill_style_str(self.palette.color(f.role));
            self.ctx.fill();
            self.ctx.set_global_alpha(1.0);
        }
        if let Some(s) = stroke {
            self.set_stroke(&s);
            self.ctx.stroke();
        }
    }

    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.ctx.begin_path();
        if self.ctx.arc(center.x, center.y, radius, 0.0, std::f64::consts::TAU).is_err() {
            return;
        }
        if let Some(f) = fill {
            self.ctx.set_global_alpha(f.alpha);
            self.ctx.set_fill_style_str(self.palette.color(f.role));
            self.ctx.fill();
            self.ctx.set_global_alpha(1.0);
        }
        if let Some(s) = stroke {
            self.set_stroke(&s);
            self.ctx.stroke();
        }
    }

    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.ctx.set_text_align(match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
        // A halo in the background colour keeps labels legible over grid lines and areas.
        self.ctx.set_line_dash(&js_sys::Array::new()).ok();
        self.ctx.set_stroke_style_str(&self.palette.background);
        self.ctx.set_line_width(3.0);
        let _ = self.ctx.stroke_text(text, at.x, at.y);
        self.ctx.set_fill_style_str(self.palette.color(role));
        let _ = self.ctx.fill_text(text, at.x, at.y);
    }
}
