//! The Canvas2D painter: the only code that draws pixels. Crisp on HiDPI screens (the backing store is
//! sized in device pixels, drawing happens in CSS pixels through a transform).

use super::dom::{context_2d, offscreen_canvas, window, Res};
use crate::math::clamp;
use crate::view::chart::parse_css_color;
use crate::view::commands::Surface;
use crate::view::render::{thin_path, Painter};
use crate::view::scene::{Align, Bitmap, Dash, Fill, HeatMap, Role, Stroke};
use crate::view::svg::SvgTheme;
use crate::view::viewport::Screen;
use std::rc::Rc;
use wasm_bindgen::{Clamped, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData};

/// Space around a label's drawn glyphs in its sprite, in CSS px: the halo's half width (1.5) and a
/// pixel of antialiasing.
const LABEL_PAD: f64 = 2.5;

/// Paths with more points than this are drawn thinned ([`thin_path`]): a canvas stroke or fill costs
/// the browser more with every vertex (a dashed unit circle of 96 points most of all).
const MIN_THINNED_POINTS: usize = 8;

/// How far a thinned path may stray from the full one, in CSS px: well under a pixel.
const THIN_TOLERANCE_PX: f64 = 0.25;

/// Most labels kept as sprites (a figure draws a few dozen; more reuse the least recently used).
const MAX_LABEL_SPRITES: usize = 96;

/// Colours by role, read from the theme's CSS custom properties (`--c-basis1`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    colors: Vec<(Role, String)>,
    /// Colours for text where a role's line colour is too faint to read (`--c-ghost-text`).
    text_colors: Vec<(Role, String)>,
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
        let text_colors = ROLE_VARS.iter().filter_map(|(role, var)| get(&format!("{var}-text")).map(|c| (*role, c))).collect();
        let font = get("--figure-font").unwrap_or_else(|| "13px system-ui, sans-serif".into());
        let background = get("--c-figure-bg").unwrap_or_else(|| "#fff".into());
        Palette { colors, text_colors, background, font }
    }

    fn color(&self, role: Role) -> &str {
        self.colors.iter().find(|(r, _)| *r == role).map_or("#888", |(_, c)| c.as_str())
    }

    /// The colour of a label in `role`: its text colour if the theme gives one, else the role's colour.
    fn text_color(&self, role: Role) -> &str {
        self.text_colors.iter().find(|(r, _)| *r == role).map_or_else(|| self.color(role), |(_, c)| c.as_str())
    }

    /// The same colours and font for an SVG export.
    pub fn svg_theme(&self) -> SvgTheme {
        SvgTheme {
            roles: self.colors.clone(),
            text_roles: self.text_colors.clone(),
            background: self.background.clone(),
            font: self.font.clone(),
        }
    }
}

impl From<SvgTheme> for Palette {
    fn from(theme: SvgTheme) -> Palette {
        Palette { colors: theme.roles, text_colors: theme.text_roles, background: theme.background, font: theme.font }
    }
}

/// Paints on a canvas element through its 2-D context.
pub struct CanvasPainter {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The theme colours.
    pub palette: Palette,
    css_size: (f64, f64),
    /// Pictures already uploaded to offscreen canvases, found again by their pixels. A canvas whose
    /// picture was not drawn in the last frame is refilled with the next new picture of its size
    /// (a new canvas and context cost far more than refilling one); at most [`MAX_CACHED_IMAGES`].
    images: Vec<CachedImage>,
    /// The last set of squares drawn (a cloud of many points), as a picture of the whole canvas.
    squares: Option<CachedSquares>,
    /// The offscreen canvas a heat map is uploaded to before it is scaled onto the figure (refilled
    /// for every heat map; resized only when the grid's size changes).
    heat: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    /// The dash pattern the context has now (`None`: unknown, after a resize reset it), so that a
    /// frame sets it only when it changes. (Text is drawn from sprites, each with its own font.)
    context_dash: Option<Dash>,
    /// The base layer of [`crate::view::render::render_layered`]: the shapes that did not change,
    /// kept in an offscreen canvas of the backing store's size and copied in one `drawImage`.
    base: Option<BaseLayer>,
    /// Drawing goes into the base layer now (its context and the figure's are swapped meanwhile).
    in_base: bool,
    /// Device pixels per CSS pixel of the backing store (set by [`CanvasPainter::prepare`]).
    scale: f64,
    /// Labels drawn with their halo once, copied onto the figure in every frame that shows them.
    labels: Vec<LabelSprite>,
    /// Circles drawn filled and stroked (handle rings) once, copied wherever one is shown.
    rings: Vec<RingSprite>,
    /// Counts the frames prepared, to find the sprite used least recently.
    frame: u64,
}

/// A label drawn once, halo and text, into a small offscreen canvas at the figure's device scale,
/// then copied pixel for pixel in one `drawImage` wherever it is shown. A stroked text (the halo)
/// costs the browser about 0.1 ms per label per frame in software rendering; a copy costs little.
struct LabelSprite {
    text: String,
    color: String,
    halo: String,
    font: String,
    scale: f64,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The text's advance width (what the alignment refers to), in CSS px.
    advance: f64,
    /// How far the sprite reaches left of the text's origin and above its baseline, in CSS px.
    left: f64,
    above: f64,
    /// The last frame that showed it.
    used: u64,
}

impl LabelSprite {
    fn is(&self, text: &str, color: &str, halo: &str, font: &str, scale: f64) -> bool {
        self.text == text && self.color == color && self.halo == halo && self.font == font && self.scale == scale
    }
}

/// Most ring sprites kept (a figure shows rings of two or three looks).
const MAX_RING_SPRITES: usize = 8;

/// A circle filled and stroked (a handle ring), drawn once into a small offscreen canvas at the
/// figure's device scale with its centre on a device pixel, then copied centred on whole device
/// pixels: a translucent fill and a stroke per ring cost the software canvas far more than a copy.
struct RingSprite {
    /// Radius, fill (colour, opacity), stroke (colour, width) and device scale.
    look: (f64, String, f64, String, f64, f64),
    canvas: HtmlCanvasElement,
    /// Half the sprite's side, in device pixels (the circle's centre).
    half: f64,
}

/// An offscreen canvas holding the figure's unchanged shapes, and whether it still matches the figure.
struct BaseLayer {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Drawn for the figure's current backing store (a resize invalidates it).
    valid: bool,
}

/// The last set of squares drawn, found again by a hash of their positions, size, colour and the
/// canvas size: once the same cloud is drawn twice in a row (only other shapes move), it is filled
/// into an offscreen canvas the size of the figure and copied in one `drawImage` from then on.
struct CachedSquares {
    key: u64,
    /// The offscreen canvas, kept for refilling when the cloud changes.
    canvas: Option<HtmlCanvasElement>,
    /// The canvas holds this key's squares.
    filled: bool,
}

/// Most offscreen canvases kept for pictures.
const MAX_CACHED_IMAGES: usize = 8;

/// A picture copied into a canvas of its own size, ready for `drawImage`.
struct CachedImage {
    image: Bitmap,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Drawn in the current frame (so not to be refilled).
    used: bool,
}

impl CachedImage {
    /// A new canvas of the picture's size holding it.
    fn new(image: &Bitmap) -> Res<CachedImage> {
        let (canvas, ctx) = offscreen_canvas()?;
        canvas.set_width(image.width as u32);
        canvas.set_height(image.height as u32);
        let mut cached = CachedImage { image: image.clone(), canvas, ctx, used: false };
        cached.fill(image)?;
        Ok(cached)
    }

    /// Copies a picture of the canvas's size into it (grey or RGB → RGBA).
    fn fill(&mut self, image: &Bitmap) -> Res<()> {
        let rgba = image.rgba();
        let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), image.width as u32, image.height as u32)?;
        self.ctx.put_image_data(&data, 0.0, 0.0)?;
        self.image = image.clone();
        Ok(())
    }
}

impl CanvasPainter {
    /// Wraps a canvas of the page, in the colours in effect on it; fails if it has no 2-D context.
    pub fn new(canvas: HtmlCanvasElement) -> Res<CanvasPainter> {
        let palette = Palette::read(&canvas);
        CanvasPainter::with_palette(canvas, palette)
    }

    /// Wraps a canvas (an `OffscreenCanvas` in the figure's worker, see [`offscreen_canvas`]) that
    /// paints in `palette`; fails if it has no 2-D context.
    pub fn with_palette(canvas: HtmlCanvasElement, palette: Palette) -> Res<CanvasPainter> {
        let ctx = context_2d(&canvas)?;
        Ok(CanvasPainter {
            canvas,
            ctx,
            palette,
            css_size: (0.0, 0.0),
            images: Vec::new(),
            squares: None,
            heat: None,
            context_dash: None,
            base: None,
            in_base: false,
            scale: 1.0,
            labels: Vec::new(),
            rings: Vec::new(),
            frame: 0,
        })
    }

    /// The canvas it paints on.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    /// Matches the backing store to the CSS size × devicePixelRatio (a non-finite or absurd ratio is
    /// clamped) and sets the transform so that drawing uses CSS pixels. Returns whether the backing
    /// store was resized (which clears it: the whole figure must be drawn again).
    pub fn prepare(&mut self, width: f64, height: f64) -> Res<bool> {
        self.prepare_at(width, height, window()?.device_pixel_ratio())
    }

    /// Like [`CanvasPainter::prepare`] at `scale` device pixels per CSS pixel (clamped to 1–4).
    pub fn prepare_at(&mut self, width: f64, height: f64, scale: f64) -> Res<bool> {
        let dpr = if scale.is_finite() { clamp(scale, 1.0, 4.0) } else { 1.0 };
        let (w, h) = ((width * dpr).round().max(1.0) as u32, (height * dpr).round().max(1.0) as u32);
        let resized = self.canvas.width() != w || self.canvas.height() != h;
        if resized {
            // Resizing the backing store resets the whole context state.
            self.canvas.set_width(w);
            self.canvas.set_height(h);
            self.context_dash = None;
            if let Some(base) = &mut self.base {
                base.valid = false;
            }
        }
        self.css_size = (width, height);
        self.scale = dpr;
        self.frame += 1;
        self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        Ok(resized)
    }

    /// What every frame starts with: the picture cache's bookkeeping, line caps.
    fn start_frame(&mut self) {
        // Keep the pictures of the last frame first, then as many others as fit, for refilling.
        crate::math::order::sort_by_key(&mut self.images, |c| !c.used);
        self.images.truncate(MAX_CACHED_IMAGES);
        self.images.iter_mut().for_each(|c| c.used = false);
        self.ctx.set_line_cap("round");
        self.ctx.set_line_join("round");
    }

    /// Swaps the figure's context and the base layer's (drawing goes to the other one); the dash
    /// pattern each context has is unknown afterwards.
    fn swap_base(&mut self) {
        if let Some(base) = &mut self.base {
            std::mem::swap(&mut self.ctx, &mut base.ctx);
            self.context_dash = None;
        }
    }

    /// The base layer's canvas, created or resized to the figure's backing store, cleared, with the
    /// figure's transform.
    fn fresh_base(&mut self) -> Res<()> {
        let (w, h) = (self.canvas.width(), self.canvas.height());
        if self.base.is_none() {
            let (canvas, ctx) = offscreen_canvas()?;
            self.base = Some(BaseLayer { canvas, ctx, valid: false });
        }
        let Some(base) = &mut self.base else { return Ok(()) };
        if (base.canvas.width(), base.canvas.height()) != (w, h) {
            base.canvas.set_width(w);
            base.canvas.set_height(h);
        }
        let dpr = if self.css_size.0 > 0.0 { f64::from(w) / self.css_size.0 } else { 1.0 };
        base.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        base.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
        base.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        base.valid = false;
        Ok(())
    }

    /// Fills the current path (at the fill's opacity), then strokes it.
    fn fill_and_stroke(&mut self, fill: Option<Fill>, stroke: Option<Stroke>) {
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

    fn set_stroke(&mut self, s: &Stroke) {
        self.ctx.set_stroke_style_str(self.palette.color(s.role));
        self.ctx.set_line_width(s.width);
        self.set_dash(s.dash);
    }

    fn set_dash(&mut self, dash: Dash) {
        if self.context_dash == Some(dash) {
            return;
        }
        self.context_dash = Some(dash);
        let dash: &[f64] = match dash {
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

impl Surface for CanvasPainter {
    fn resize(&mut self, width: f64, height: f64, scale: f64) {
        if let Err(e) = self.prepare_at(width, height, scale) {
            web_sys::console::error_1(&e);
        }
    }
    fn set_theme(&mut self, theme: SvgTheme) {
        self.palette = theme.into();
    }
}

impl Painter for CanvasPainter {
    fn clear(&mut self) {
        self.ctx.clear_rect(0.0, 0.0, self.css_size.0, self.css_size.1);
        self.start_frame();
    }

    fn begin_base(&mut self) -> bool {
        if self.in_base || self.fresh_base().is_err() {
            return false;
        }
        self.swap_base();
        self.in_base = true;
        self.start_frame();
        true
    }

    fn end_base(&mut self) {
        if self.in_base {
            self.swap_base();
            self.in_base = false;
            if let Some(base) = &mut self.base {
                base.valid = true;
            }
        }
    }

    fn clear_to_base(&mut self) -> bool {
        let size = (self.canvas.width(), self.canvas.height());
        let Some(base) = self.base.as_ref().filter(|b| b.valid && !self.in_base && (b.canvas.width(), b.canvas.height()) == size) else {
            return false;
        };
        // Pixel for pixel, replacing what was there: one copy instead of a clear and a blend.
        self.ctx.save();
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        let _ = self.ctx.set_global_composite_operation("copy");
        let copied = self.ctx.draw_image_with_html_canvas_element(&base.canvas, 0.0, 0.0).is_ok();
        self.ctx.restore();
        self.start_frame();
        copied
    }

    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        // A dense polyline (a unit circle's image) with the points it does not need at this size.
        let thinned;
        let points = if points.len() > MIN_THINNED_POINTS {
            thinned = thin_path(points, THIN_TOLERANCE_PX);
            &thinned[..]
        } else {
            points
        };
        let Some(first) = points.first() else { return };
        self.ctx.begin_path();
        self.ctx.move_to(first.x, first.y);
        for p in &points[1..] {
            self.ctx.line_to(p.x, p.y);
        }
        if closed {
            self.ctx.close_path();
        }
        self.fill_and_stroke(fill, stroke);
    }

    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.ctx.begin_path();
        if self.ctx.arc(center.x, center.y, radius, 0.0, std::f64::consts::TAU).is_err() {
            return;
        }
        self.fill_and_stroke(fill, stroke);
    }

    fn circles(&mut self, centers: &[Screen], radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        if let (Some(f), Some(s)) = (fill, stroke.filter(|s| s.dash == Dash::Solid)) {
            match self.ring_sprite(radius, f, s) {
                Ok(i) => return self.copy_rings(i, centers),
                Err(e) => web_sys::console::warn_1(&e),
            }
        }
        // One path of circles: one fill and one stroke for the lot.
        self.ctx.begin_path();
        for c in centers {
            self.ctx.move_to(c.x + radius, c.y);
            if self.ctx.arc(c.x, c.y, radius, 0.0, std::f64::consts::TAU).is_err() {
                return;
            }
        }
        self.fill_and_stroke(fill, stroke);
    }

    fn polylines(&mut self, lines: &[Vec<Screen>], stroke: Stroke) {
        // One path of lines, stroked once (the dash pattern starts again on each subpath).
        self.ctx.begin_path();
        for line in lines {
            let Some(first) = line.first() else { continue };
            self.ctx.move_to(first.x, first.y);
            for p in &line[1..] {
                self.ctx.line_to(p.x, p.y);
            }
        }
        self.set_stroke(&stroke);
        self.ctx.stroke();
    }

    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        if let Err(e) = self.draw_label(at, text, role, align) {
            web_sys::console::warn_1(&e);
        }
    }

    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        let found = self.images.iter().position(|c| Rc::ptr_eq(&c.image.pixels, &image.pixels) || c.image == *image);
        let spare = || {
            self.images
                .iter()
                .position(|c| !c.used && (c.image.width, c.image.height, c.image.channels) == (image.width, image.height, image.channels))
        };
        let stored = match (found, spare()) {
            (Some(i), _) => Ok(i),
            (None, Some(i)) => self.images[i].fill(image).map(|_| i),
            (None, None) => CachedImage::new(image).map(|c| {
                self.images.push(c);
                self.images.len() - 1
            }),
        };
        let index = match stored {
            Ok(i) => i,
            Err(e) => return web_sys::console::warn_1(&e),
        };
        let cached = &mut self.images[index];
        cached.used = true;
        // Pixels stay sharp squares when the picture is scaled up; scaled down, smoothing averages
        // neighbours instead of dropping rows and columns.
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        let device_width = w * window().map_or(1.0, |w| w.device_pixel_ratio());
        self.ctx.set_image_smoothing_enabled(device_width < image.width as f64);
        let _ = self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&cached.canvas, top_left.x, top_left.y, w, h);
    }

    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        if let Err(e) = self.draw_heat(top_left, bottom_right, heat) {
            web_sys::console::warn_1(&e);
        }
    }

    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        let color = self.palette.color(fill.role).to_string();
        let key = squares_key(centers, size, fill.alpha, &color, (self.canvas.width(), self.canvas.height()));
        let seen_before = self.squares.as_ref().is_some_and(|c| c.key == key);
        if !seen_before {
            // A new cloud (or one moving every frame, d turning over 100 000 points): filled directly,
            // which costs no copy; kept as a picture only once it shows again unchanged.
            fill_squares(&self.ctx, centers, size, fill.alpha, &color);
            let canvas = self.squares.take().and_then(|c| c.canvas);
            self.squares = Some(CachedSquares { key, canvas, filled: false });
            return;
        }
        if self.squares.as_ref().is_some_and(|c| !c.filled) {
            let canvas = self.squares.as_mut().and_then(|c| c.canvas.take());
            match self.fill_squares_offscreen(canvas, centers, size, fill, &color) {
                Ok(canvas) => self.squares = Some(CachedSquares { key, canvas: Some(canvas), filled: true }),
                Err(e) => web_sys::console::warn_1(&e),
            }
        }
        match self.squares.as_ref().and_then(|c| c.canvas.as_ref().filter(|_| c.filled)) {
            Some(canvas) => {
                // The offscreen canvas has the backing store's size: copy it pixel for pixel.
                self.ctx.save();
                let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                let _ = self.ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0);
                self.ctx.restore();
            }
            None => fill_squares(&self.ctx, centers, size, fill.alpha, &color),
        }
    }
}

/// A hash of a set of squares as drawn on a backing store of `size` (FxHash's multiply and rotate:
/// tens of thousands of centres a frame, so a few operations each; not meant to resist crafted input).
fn squares_key(centers: &[Screen], side: f64, alpha: f64, color: &str, size: (u32, u32)) -> u64 {
    let mix = |h: u64, v: u64| (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    let mut h = mix(mix(mix(0, centers.len() as u64), side.to_bits()), alpha.to_bits());
    h = mix(h, (u64::from(size.0) << 32) | u64::from(size.1));
    for b in color.bytes() {
        h = mix(h, u64::from(b));
    }
    centers.iter().fold(h, |h, c| mix(mix(h, c.x.to_bits()), c.y.to_bits()))
}

impl CanvasPainter {
    /// Uploads a heat map's cells as pixels of the offscreen heat canvas, then scales that onto the
    /// figure with smoothing, so the colours blend between the cells' centres.
    fn draw_heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) -> Res<()> {
        let rgb = |role| parse_css_color(self.palette.color(role)).unwrap_or((136, 136, 136));
        let rgba = heat.rgba(rgb(heat.positive), rgb(heat.negative));
        let (Ok(width), Ok(height)) = (u32::try_from(heat.width), u32::try_from(heat.height)) else { return Ok(()) };
        if rgba.is_empty() || width == 0 || height == 0 {
            return Ok(());
        }
        if self.heat.is_none() {
            self.heat = Some(offscreen_canvas()?);
        }
        let Some((canvas, ctx)) = &self.heat else { return Ok(()) };
        if canvas.width() != width || canvas.height() != height {
            canvas.set_width(width);
            canvas.set_height(height);
        }
        ctx.put_image_data(&ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height)?, 0.0, 0.0)?;
        self.ctx.set_image_smoothing_enabled(true);
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(canvas, top_left.x, top_left.y, w, h)
    }

    /// Copies the sprite of a label (made on first use) so that its text sits at `at` as `align` says,
    /// on whole device pixels (one pixel of the sprite onto one of the figure: as sharp as drawn).
    fn draw_label(&mut self, at: Screen, text: &str, role: Role, align: Align) -> Res<()> {
        let (color, halo, font) = (self.palette.text_color(role), self.palette.background.as_str(), self.palette.font.as_str());
        let found = self.labels.iter().position(|l| l.is(text, color, halo, font, self.scale));
        let index = match found {
            Some(i) => i,
            None => self.make_label(text, role)?,
        };
        let sprite = &mut self.labels[index];
        sprite.used = self.frame;
        let anchor = match align {
            Align::Left => 0.0,
            Align::Center => sprite.advance / 2.0,
            Align::Right => sprite.advance,
        };
        let s = sprite.scale;
        let x = ((at.x - anchor - sprite.left) * s).round() / s;
        let y = ((at.y - sprite.above) * s).round() / s;
        let (w, h) = (f64::from(sprite.canvas.width()) / s, f64::from(sprite.canvas.height()) / s);
        self.ctx.set_image_smoothing_enabled(false);
        self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&sprite.canvas, x, y, w, h)
    }

    /// The index of the sprite of a ring of this look, drawn now if it is not kept yet (replacing
    /// the oldest when [`MAX_RING_SPRITES`] are kept).
    fn ring_sprite(&mut self, radius: f64, fill: Fill, stroke: Stroke) -> Res<usize> {
        let scale = self.scale;
        let look = (
            radius,
            self.palette.color(fill.role).to_string(),
            fill.alpha,
            self.palette.color(stroke.role).to_string(),
            stroke.width,
            scale,
        );
        if let Some(i) = self.rings.iter().position(|r| r.look == look) {
            return Ok(i);
        }
        // Room for the stroke's outer half and a pixel of antialiasing on every side.
        let half = ((radius + stroke.width / 2.0 + 1.0) * scale).ceil();
        let (canvas, ctx) = offscreen_canvas()?;
        canvas.set_width(2 * half as u32);
        canvas.set_height(2 * half as u32);
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0)?;
        let centre = half / scale;
        ctx.begin_path();
        ctx.arc(centre, centre, radius, 0.0, std::f64::consts::TAU)?;
        ctx.set_global_alpha(fill.alpha);
        ctx.set_fill_style_str(&look.1);
        ctx.fill();
        ctx.set_global_alpha(1.0);
        ctx.set_stroke_style_str(&look.3);
        ctx.set_line_width(stroke.width);
        ctx.stroke();
        if self.rings.len() >= MAX_RING_SPRITES {
            self.rings.remove(0);
        }
        self.rings.push(RingSprite { look, canvas, half });
        Ok(self.rings.len() - 1)
    }

    /// Copies ring sprite `index` centred on each of `centers` (each rounded to a device pixel).
    fn copy_rings(&mut self, index: usize, centers: &[Screen]) {
        let ring = &self.rings[index];
        let s = self.scale;
        let side = 2.0 * ring.half / s;
        self.ctx.set_image_smoothing_enabled(false);
        for c in centers {
            let (x, y) = (((c.x * s).round() - ring.half) / s, ((c.y * s).round() - ring.half) / s);
            let _ = self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&ring.canvas, x, y, side, side);
        }
    }

    /// Draws a label's halo and text into a sprite (a new one, or the least recently used when
    /// [`MAX_LABEL_SPRITES`] are kept) and returns its index.
    fn make_label(&mut self, text: &str, role: Role) -> Res<usize> {
        let (color, halo, font) = (self.palette.text_color(role).to_string(), self.palette.background.clone(), self.palette.font.clone());
        let reuse = (self.labels.len() >= MAX_LABEL_SPRITES).then(|| (0..self.labels.len()).min_by_key(|&i| self.labels[i].used)).flatten();
        let (canvas, ctx) = match reuse {
            Some(i) => (self.labels[i].canvas.clone(), self.labels[i].ctx.clone()),
            None => offscreen_canvas()?,
        };
        // Measured in the figure's font from the left end of the text, on the sprite's context: it is
        // not in the page, so measuring never waits for the page's style to be brought up to date
        // (the figure's canvas is, and the words may have just changed).
        ctx.set_font(&font);
        ctx.set_text_align("left");
        let m = ctx.measure_text(text)?;
        let (left, above) = (m.actual_bounding_box_left().max(0.0) + LABEL_PAD, m.actual_bounding_box_ascent().max(0.0) + LABEL_PAD);
        let (right, below) = (m.actual_bounding_box_right().max(0.0) + LABEL_PAD, m.actual_bounding_box_descent().max(0.0) + LABEL_PAD);
        let scale = self.scale;
        let (w, h) = (((left + right) * scale).ceil().max(1.0) as u32, ((above + below) * scale).ceil().max(1.0) as u32);
        // Setting the size clears the canvas and resets its context.
        canvas.set_width(w);
        canvas.set_height(h);
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0)?;
        ctx.set_font(&font);
        ctx.set_line_join("round");
        ctx.set_line_cap("round");
        // A halo in the background colour keeps labels legible over grid lines and areas.
        ctx.set_stroke_style_str(&halo);
        ctx.set_line_width(3.0);
        ctx.stroke_text(text, left, above)?;
        ctx.set_fill_style_str(&color);
        ctx.fill_text(text, left, above)?;
        let sprite = LabelSprite {
            text: text.to_string(),
            color,
            halo,
            font,
            scale,
            canvas,
            ctx,
            advance: m.width(),
            left,
            above,
            used: self.frame,
        };
        Ok(match reuse {
            Some(i) => {
                self.labels[i] = sprite;
                i
            }
            None => {
                self.labels.push(sprite);
                self.labels.len() - 1
            }
        })
    }

    /// Fills the squares into `canvas` (or a new canvas) of the figure's backing size, with the
    /// figure's transform.
    fn fill_squares_offscreen(
        &self,
        canvas: Option<HtmlCanvasElement>,
        centers: &[Screen],
        size: f64,
        fill: Fill,
        color: &str,
    ) -> Res<HtmlCanvasElement> {
        let (canvas, ctx) = match canvas {
            Some(canvas) => {
                let ctx = context_2d(&canvas)?;
                (canvas, ctx)
            }
            None => offscreen_canvas()?,
        };
        // Setting the size clears the canvas and resets its context.
        canvas.set_width(self.canvas.width());
        canvas.set_height(self.canvas.height());
        let dpr = if self.css_size.0 > 0.0 { f64::from(self.canvas.width()) / self.css_size.0 } else { 1.0 };
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        fill_squares(&ctx, centers, size, fill.alpha, color);
        Ok(canvas)
    }
}

/// One path of squares and one fill: thousands of points cost one draw call.
fn fill_squares(ctx: &CanvasRenderingContext2d, centers: &[Screen], size: f64, alpha: f64, color: &str) {
    let h = size / 2.0;
    ctx.begin_path();
    for c in centers {
        ctx.rect(c.x - h, c.y - h, size, size);
    }
    ctx.set_global_alpha(alpha);
    ctx.set_fill_style_str(color);
    ctx.fill();
    ctx.set_global_alpha(1.0);
}
