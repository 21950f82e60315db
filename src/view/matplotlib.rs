//! A [`Painter`] that writes Python: the matplotlib code of a notebook's figure cell. It receives the
//! very calls the canvas and the SVG export receive (the one [`render`](super::render::render)), so
//! the notebook's figure is the page's figure: screen coordinates in CSS px with y pointing down, one
//! artist per painter call, in the theme's role colours.
//!
//! The figure is `width / 72` × `height / 72` inches at 72 dpi, so one CSS px is one point: line
//! widths, dash patterns, marker and font sizes are written in the page's own numbers. Every artist
//! gets `zorder=1`, so matplotlib draws them in the order written, as the page does (its default
//! z-orders would lift lines over areas and text over everything).

use super::chart::parse_css_color;
use super::render::Painter;
use super::scene::{Align, Bitmap, Dash, Fill, HeatMap, Role, Stroke};
use super::svg::SvgTheme;
use super::viewport::Screen;
use crate::decimal::fixed;
use crate::format::base64;
use crate::math::clamp;
use crate::state::number::parse_number;
use std::fmt::Write;

/// Each role and the Python constant that holds its colour.
const ROLE_NAMES: [(Role, &str); 10] = [
    (Role::Basis1, "BASIS1"),
    (Role::Basis2, "BASIS2"),
    (Role::Input, "INPUT"),
    (Role::Image, "IMAGE"),
    (Role::Second, "SECOND"),
    (Role::Eigen, "EIGEN"),
    (Role::Data, "DATA"),
    (Role::Ghost, "GHOST"),
    (Role::Grid, "GRID"),
    (Role::Axis, "AXIS"),
];

/// The page's light theme (`static/style.css`, `:root`): the colours a notebook's figure is drawn in.
/// `tests/notebook.rs` checks them against the stylesheet.
pub fn light_theme() -> SvgTheme {
    let roles = [
        (Role::Basis1, "#9e6600"),
        (Role::Basis2, "#1d78b4"),
        (Role::Input, "#1b1b1f"),
        (Role::Image, "#c0500a"),
        (Role::Second, "#a8507f"),
        (Role::Eigen, "#007a5a"),
        (Role::Data, "#0072b2"),
        (Role::Ghost, "#b9b9c2"),
        (Role::Grid, "#d3d3da"),
        (Role::Axis, "#55555e"),
    ];
    SvgTheme {
        roles: roles.iter().map(|(r, c)| (*r, c.to_string())).collect(),
        text_roles: vec![(Role::Ghost, "#72727b".into())],
        background: "#ffffff".into(),
        font: "13px system-ui, -apple-system, \"Segoe UI\", sans-serif".into(),
    }
}

/// What the body used, so that the cell imports and defines only that.
#[derive(Debug, Clone, Copy, Default)]
struct Uses {
    text: bool,
    circle: bool,
    path: bool,
    bytes: bool,
}

/// Collects painter calls as matplotlib statements; [`MatplotlibPainter::finish`] returns the cell.
pub struct MatplotlibPainter {
    width: f64,
    height: f64,
    theme: SvgTheme,
    body: String,
    uses: Uses,
}

/// A coordinate or length with at most two decimals and no trailing zeros (as in the SVG export).
fn num(x: f64) -> String {
    let text = fixed(x, 2);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A Python list of numbers: `[1, 2.5]`.
fn list(values: impl IntoIterator<Item = f64>) -> String {
    format!("[{}]", values.into_iter().map(num).collect::<Vec<_>>().join(", "))
}

/// A Python string literal of any text (quotes, backslashes and control characters escaped; other
/// characters as they are: a notebook is UTF-8).
pub fn py_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Base64 text characters per line of a bytes literal.
const BASE64_LINE: usize = 96;

/// A Python expression for `data` as a uint8 array of `shape`: base64 text in lines of at most
/// [`BASE64_LINE`] characters, decoded by numpy.
fn bytes_array(data: &[u8], shape: &str) -> String {
    let text = base64(data);
    let mut out = String::from("np.frombuffer(base64.b64decode(\n");
    for start in (0..text.len()).step_by(BASE64_LINE) {
        let _ = writeln!(out, "    \"{}\"", &text[start..(start + BASE64_LINE).min(text.len())]);
    }
    let _ = write!(out, "), np.uint8).reshape({shape})");
    out
}

/// Whether every coordinate is finite.
fn finite(points: &[Screen]) -> bool {
    points.iter().all(|p| p.x.is_finite() && p.y.is_finite())
}

impl MatplotlibPainter {
    /// A painter for a figure of `width` × `height` CSS px in `theme`'s colours.
    pub fn new(width: f64, height: f64, theme: SvgTheme) -> MatplotlibPainter {
        MatplotlibPainter { width, height, theme, body: String::new(), uses: Uses::default() }
    }

    /// The Python constant of a role's colour.
    fn color(role: Role) -> &'static str {
        ROLE_NAMES.iter().find(|(r, _)| *r == role).map_or("AXIS", |(_, name)| name)
    }

    /// The Python expression of a label's colour in `role`: its text colour where the theme has one.
    fn text_color(&self, role: Role) -> String {
        let name = Self::color(role);
        if self.theme.text_roles.iter().any(|(r, _)| *r == role) {
            format!("{name}_TEXT")
        } else {
            name.to_string()
        }
    }

    /// A fill colour: the role's constant, with its opacity when below 1.
    fn fill_color(fill: Fill) -> String {
        let alpha = if fill.alpha.is_finite() { clamp(fill.alpha, 0.0, 1.0) } else { 1.0 };
        if alpha < 1.0 {
            format!("({}, {})", Self::color(fill.role), num(alpha))
        } else {
            Self::color(fill.role).to_string()
        }
    }

    /// `, ls=DASHED` for a dashed stroke, nothing for a solid one.
    fn dash(stroke: Stroke) -> &'static str {
        match stroke.dash {
            Dash::Solid => "",
            Dash::Dashed => ", ls=DASHED",
            Dash::Dotted => ", ls=DOTTED",
        }
    }

    /// ` ec=…, lw=…[, ls=…]` of an outlined patch, or ` lw=0` when there is no outline.
    fn edge(stroke: Option<Stroke>) -> String {
        match stroke {
            Some(s) => format!("ec={}, lw={}{}, joinstyle=\"round\"", Self::color(s.role), num(s.width), Self::dash(s)),
            None => "lw=0".to_string(),
        }
    }

    /// A note in the middle of the figure (the sentence the page shows when it draws nothing).
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(
            self.body,
            "ax.text({}, {}, {}, color=AXIS, ha=\"center\", va=\"center\", wrap=True, parse_math=False, zorder=1)",
            num(self.width / 2.0),
            num(self.height / 2.0),
            py_str(text)
        );
    }

    /// The complete cell: imports, the theme's colours, the figure's frame, the drawing and
    /// `plt.show()`.
    pub fn finish(self) -> String {
        let uses = self.uses;
        let mut out = String::new();
        if uses.bytes {
            out.push_str("import base64\n\n");
        }
        out.push_str("import matplotlib.pyplot as plt\n");
        if uses.text {
            out.push_str("import matplotlib.patheffects as pe\n");
        }
        match (uses.circle, uses.path) {
            (true, true) => out.push_str("from matplotlib.patches import Circle, PathPatch\nfrom matplotlib.path import Path\n"),
            (true, false) => out.push_str("from matplotlib.patches import Circle\n"),
            (false, true) => out.push_str("from matplotlib.patches import PathPatch\nfrom matplotlib.path import Path\n"),
            (false, false) => {}
        }
        out.push_str("import numpy as np\n\n# The page's colours, one per role.\n");
        let hex = |c: &str| parse_css_color(c).map_or_else(|| "#888888".to_string(), |(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}"));
        for (role, name) in ROLE_NAMES {
            let color = self.theme.roles.iter().find(|(r, _)| *r == role).map_or("#888", |(_, c)| c.as_str());
            let _ = writeln!(out, "{name} = \"{}\"", hex(color));
        }
        for (role, color) in &self.theme.text_roles {
            let _ = writeln!(out, "{}_TEXT = \"{}\"  # its labels", Self::color(*role), hex(color));
        }
        let _ = writeln!(out, "BACKGROUND = \"{}\"", hex(&self.theme.background));
        out.push_str("DASHED, DOTTED = (0, (7, 5)), (0, (2, 4))  # dash patterns in px\n");
        if uses.text {
            out.push_str(
                "# Labels sit on their baseline, with a halo in the background colour.\n\
                 LABEL = dict(va=\"baseline\", path_effects=[pe.withStroke(linewidth=3, foreground=BACKGROUND)],\n\
                 \x20            clip_on=True, parse_math=False, zorder=1)\n",
            );
        }
        let font = self.theme.font.split_once("px").and_then(|(size, _)| parse_number(size).ok()).unwrap_or(13.0);
        let (w, h) = (num(self.width), num(self.height));
        let _ = write!(
            out,
            "\n# Round caps and joins, and dash lengths in px whatever the line width, as on the page.\n\
             plt.rcParams.update({{\"font.size\": {font}, \"lines.solid_capstyle\": \"round\", \"lines.solid_joinstyle\": \"round\",\n\
             \x20                    \"lines.dash_capstyle\": \"round\", \"lines.dash_joinstyle\": \"round\", \"lines.scale_dashes\": False}})\n\n\
             # {w} × {h} CSS px at 72 dpi: one px is one point. Screen coordinates: y points down.\n\
             fig, ax = plt.subplots(figsize=({w} / 72, {h} / 72), dpi=72, facecolor=BACKGROUND)\n\
             fig.subplots_adjust(left=0, right=1, bottom=0, top=1)\n\
             ax.set_xlim(0, {w})\n\
             ax.set_ylim({h}, 0)\n\
             ax.set_aspect(\"equal\")\n\
             ax.set_axis_off()\n\n",
            font = num(font),
        );
        out.push_str(&self.body);
        out.push_str("\nplt.show()\n");
        out
    }
}

impl Painter for MatplotlibPainter {
    fn clear(&mut self) {
        self.body.clear();
        self.uses = Uses::default();
    }

    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        if points.is_empty() || !finite(points) || (fill.is_none() && stroke.is_none()) {
            return;
        }
        let xs = list(points.iter().map(|p| p.x));
        let ys = list(points.iter().map(|p| p.y));
        match (fill, stroke) {
            // A polygon, filled and/or outlined: one patch.
            (fill, stroke) if closed => {
                let face = fill.map_or_else(|| "\"none\"".to_string(), Self::fill_color);
                let _ = writeln!(self.body, "ax.fill({xs}, {ys}, fc={face}, {}, zorder=1)", Self::edge(stroke));
            }
            (fill, stroke) => {
                // An open path is filled as if closed (as the canvas does), then stroked open.
                if let Some(f) = fill {
                    let _ = writeln!(self.body, "ax.fill({xs}, {ys}, fc={}, lw=0, zorder=1)", Self::fill_color(f));
                }
                if let Some(s) = stroke {
                    let _ = writeln!(
                        self.body,
                        "ax.plot({xs}, {ys}, color={}, lw={}{}, zorder=1)",
                        Self::color(s.role),
                        num(s.width),
                        Self::dash(s)
                    );
                }
            }
        }
    }

    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        if !(finite(&[center]) && radius.is_finite()) || (fill.is_none() && stroke.is_none()) {
            return;
        }
        self.uses.circle = true;
        let face = fill.map_or_else(|| "\"none\"".to_string(), Self::fill_color);
        let _ = writeln!(
            self.body,
            "ax.add_patch(Circle(({}, {}), {}, fc={face}, {}, zorder=1))",
            num(center.x),
            num(center.y),
            num(radius.abs()),
            Self::edge(stroke)
        );
    }

    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        if !finite(&[at]) {
            return;
        }
        self.uses.text = true;
        let ha = match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        let _ = writeln!(
            self.body,
            "ax.text({}, {}, {}, color={}, ha=\"{ha}\", **LABEL)",
            num(at.x),
            num(at.y),
            py_str(text),
            self.text_color(role)
        );
    }

    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        if !(finite(&[top_left, bottom_right]) && w > 0.0 && h > 0.0 && image.is_valid()) {
            return;
        }
        self.uses.bytes = true;
        // Sharp squares when scaled up, averaged when scaled down (the canvas smooths only then).
        let interpolation = if w >= image.width as f64 { "nearest" } else { "antialiased" };
        let (kind, shape, colours) = match image.channels {
            1 => ("greyscale", format!("{}, {}", image.height, image.width), "cmap=\"gray\", vmin=0, vmax=255, "),
            _ => ("colour (red, green, blue)", format!("{}, {}, 3", image.height, image.width), ""),
        };
        let _ = writeln!(
            self.body,
            "# A {}×{} {kind} picture, 0 dark to 255 bright, row by row from the top.\npicture = {}\n\
             ax.imshow(picture, {colours}interpolation=\"{interpolation}\",\n\
             \x20         extent=({}, {}, {}, {}), aspect=\"auto\", zorder=1)",
            image.width,
            image.height,
            bytes_array(&image.pixels, &shape),
            num(top_left.x),
            num(bottom_right.x),
            num(bottom_right.y),
            num(top_left.y)
        );
    }

    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        if !(finite(&[top_left, bottom_right]) && w > 0.0 && h > 0.0) || heat.width == 0 || heat.height == 0 {
            return;
        }
        let rgb = |role| {
            let color = self.theme.roles.iter().find(|(r, _)| *r == role).map_or("#888", |(_, c)| c.as_str());
            parse_css_color(color).unwrap_or((136, 136, 136))
        };
        let rgba = heat.rgba(rgb(heat.positive), rgb(heat.negative));
        if rgba.is_empty() {
            return;
        }
        self.uses.bytes = true;
        let _ = writeln!(
            self.body,
            "# A heat map of {}×{} cells: {} where the value is positive, {} where negative, more opaque\n\
             # as it grows (RGBA bytes row by row from the top), blended between the cells' centres.\n\
             heat = {}\n\
             ax.imshow(heat, interpolation=\"bilinear\", extent=({}, {}, {}, {}), aspect=\"auto\", zorder=1)",
            heat.width,
            heat.height,
            Self::color(heat.positive),
            Self::color(heat.negative),
            bytes_array(&rgba, &format!("{}, {}, 4", heat.height, heat.width)),
            num(top_left.x),
            num(bottom_right.x),
            num(bottom_right.y),
            num(top_left.y)
        );
    }

    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        let centers: Vec<Screen> = centers.iter().copied().filter(|c| finite(&[*c])).collect();
        if centers.is_empty() || !(size.is_finite() && size > 0.0) {
            return;
        }
        self.uses.path = true;
        let flat = list(centers.iter().flat_map(|c| [c.x, c.y]));
        let _ = writeln!(
            self.body,
            "# {} points as squares of {} px, one path (overlaps do not darken, as on the page).\n\
             centers = np.array({flat}).reshape(-1, 2)\n\
             corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]) * {}\n\
             codes = np.tile([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], len(centers))\n\
             ax.add_patch(PathPatch(Path((centers[:, None, :] + corners).reshape(-1, 2), codes), fc={}, lw=0, zorder=1))",
            centers.len(),
            num(size),
            num(size / 2.0),
            Self::fill_color(fill)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::render::render;
    use crate::view::scene::{Scene, Shape};
    use crate::view::viewport::{Viewport, World};

    fn painter() -> MatplotlibPainter {
        MatplotlibPainter::new(400.0, 300.0, light_theme())
    }

    #[test]
    fn a_path_becomes_a_plot_or_a_fill_in_its_role_colour() {
        let mut p = painter();
        let pts = [Screen { x: 1.0, y: 2.5 }, Screen { x: 10.0, y: -0.001 }, Screen { x: 3.333, y: 4.0 }];
        p.path(&pts, false, None, Some(Stroke::dashed(Role::Eigen, 1.5)));
        p.path(&pts, true, Some(Fill { role: Role::Image, alpha: 0.2 }), Some(Stroke::solid(Role::Image, 1.0)));
        p.path(&pts, true, Some(Fill { role: Role::Basis1, alpha: 1.0 }), None);
        p.path(&[Screen { x: f64::NAN, y: 0.0 }], false, None, Some(Stroke::solid(Role::Input, 1.0)));
        let code = p.finish();
        assert!(code.contains("ax.plot([1, 10, 3.33], [2.5, 0, 4], color=EIGEN, lw=1.5, ls=DASHED, zorder=1)\n"), "{code}");
        assert!(
            code.contains("ax.fill([1, 10, 3.33], [2.5, 0, 4], fc=(IMAGE, 0.2), ec=IMAGE, lw=1, joinstyle=\"round\", zorder=1)\n"),
            "{code}"
        );
        assert!(code.contains("ax.fill([1, 10, 3.33], [2.5, 0, 4], fc=BASIS1, lw=0, zorder=1)\n"), "{code}");
        assert_eq!(code.matches("ax.plot(").count() + code.matches("ax.fill(").count(), 3, "a non-finite path is skipped");
        assert!(code.contains("EIGEN = \"#007a5a\"\n") && code.contains("GHOST_TEXT = \"#72727b\""), "{code}");
        assert!(code.contains("fig, ax = plt.subplots(figsize=(400 / 72, 300 / 72), dpi=72, facecolor=BACKGROUND)"), "{code}");
        assert!(code.contains("ax.set_ylim(300, 0)") && code.trim_end().ends_with("plt.show()"), "{code}");
        assert!(!code.contains("patheffects") && !code.contains("base64"), "imports only what is used: {code}");
    }

    #[test]
    fn a_text_keeps_its_colour_alignment_and_characters() {
        let mut p = painter();
        p.text(Screen { x: 12.0, y: 30.25 }, "𝒗 \"1\" \\ $x$", Role::Basis2, Align::Right);
        p.text(Screen { x: 0.0, y: 0.0 }, "ghost\nline", Role::Ghost, Align::Center);
        p.text(Screen { x: f64::INFINITY, y: 0.0 }, "never", Role::Input, Align::Left);
        let code = p.finish();
        assert!(code.contains("ax.text(12, 30.25, \"𝒗 \\\"1\\\" \\\\ $x$\", color=BASIS2, ha=\"right\", **LABEL)\n"), "{code}");
        assert!(code.contains("ax.text(0, 0, \"ghost\\nline\", color=GHOST_TEXT, ha=\"center\", **LABEL)\n"), "{code}");
        assert!(!code.contains("never"));
        assert!(code.contains("import matplotlib.patheffects as pe") && code.contains("parse_math=False"), "{code}");
        assert_eq!(py_str("a\u{7}\u{2028}"), "\"a\\u0007\\u2028\"");
    }

    #[test]
    fn a_grey_picture_becomes_an_imshow_of_its_bytes() {
        let image = Bitmap { width: 3, height: 2, channels: 1, pixels: vec![0, 128, 255, 10, 20, 30].into() };
        let mut p = painter();
        p.image(Screen { x: 10.0, y: 20.0 }, Screen { x: 40.0, y: 40.0 }, &image);
        p.image(Screen { x: 10.0, y: 20.0 }, Screen { x: 11.0, y: 40.0 }, &image);
        p.image(Screen { x: 10.0, y: 20.0 }, Screen { x: 40.0, y: 40.0 }, &Bitmap { width: 2, ..image.clone() });
        let code = p.finish();
        assert!(code.starts_with("import base64\n"), "{code}");
        assert!(code.contains(&format!(
            "picture = np.frombuffer(base64.b64decode(\n    \"{}\"\n), np.uint8).reshape(2, 3)\n",
            base64(&image.pixels)
        )));
        assert!(code.contains("interpolation=\"nearest\",\n          extent=(10, 40, 40, 20), aspect=\"auto\", zorder=1)"), "{code}");
        assert!(code.contains("interpolation=\"antialiased\""), "scaled down: {code}");
        assert_eq!(code.matches("ax.imshow(").count(), 2, "a malformed picture draws nothing");
        // Colour: three bytes a pixel, shown as they are (no colour map).
        let mut p = painter();
        p.image(Screen { x: 0.0, y: 0.0 }, Screen { x: 4.0, y: 2.0 }, &Bitmap { width: 2, height: 1, channels: 3, ..image.clone() });
        let code = p.finish();
        assert!(code.contains(".reshape(1, 2, 3)\nax.imshow(picture, interpolation=\"nearest\""), "{code}");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"f"), "Zg==");
    }

    #[test]
    fn a_heat_map_becomes_rgba_bytes_in_the_role_colours() {
        let heat = HeatMap { width: 2, height: 1, values: vec![1.0, -1.0], positive: Role::Image, negative: Role::Data, alpha: 0.5 };
        let mut p = painter();
        p.heat(Screen { x: 0.0, y: 0.0 }, Screen { x: 400.0, y: 300.0 }, &heat);
        p.heat(Screen { x: 0.0, y: 0.0 }, Screen { x: 400.0, y: 300.0 }, &HeatMap { width: 3, ..heat.clone() });
        let code = p.finish();
        let rgba = base64(&[0xc0, 0x50, 0x0a, 128, 0x00, 0x72, 0xb2, 128]);
        assert!(
            code.contains(&format!("heat = np.frombuffer(base64.b64decode(\n    \"{rgba}\"\n), np.uint8).reshape(1, 2, 4)\n")),
            "{code}"
        );
        assert!(code.contains("ax.imshow(heat, interpolation=\"bilinear\", extent=(0, 400, 300, 0), aspect=\"auto\", zorder=1)"), "{code}");
        assert!(code.contains("IMAGE where the value is positive, DATA where negative"), "{code}");
        assert_eq!(code.matches("ax.imshow(").count(), 1, "a malformed map draws nothing");
    }

    #[test]
    fn circles_and_squares_are_patches() {
        let mut p = painter();
        p.circle(Screen { x: 5.0, y: 6.0 }, 7.0, Some(Fill { role: Role::Input, alpha: 0.25 }), Some(Stroke::solid(Role::Input, 2.0)));
        p.squares(&[Screen { x: 1.0, y: 2.0 }, Screen { x: 3.0, y: 4.0 }], 2.0, Fill { role: Role::Data, alpha: 0.35 });
        let code = p.finish();
        assert!(
            code.contains("ax.add_patch(Circle((5, 6), 7, fc=(INPUT, 0.25), ec=INPUT, lw=2, joinstyle=\"round\", zorder=1))"),
            "{code}"
        );
        assert!(code.contains("centers = np.array([1, 2, 3, 4]).reshape(-1, 2)\ncorners = np.array("), "{code}");
        assert!(code.contains("fc=(DATA, 0.35), lw=0, zorder=1))"), "{code}");
        assert!(code.contains("from matplotlib.patches import Circle, PathPatch\nfrom matplotlib.path import Path\n"), "{code}");
    }

    #[test]
    fn a_rendered_scene_is_drawn_in_order_and_a_long_base64_is_wrapped() {
        let mut scene = Scene::default();
        scene.push(Shape::Axes);
        scene.arrow(World::new(2.0, 1.0), Stroke::solid(Role::Input, 2.5), "v");
        let view = Viewport::default();
        let mut p = MatplotlibPainter::new(view.width, view.height, light_theme());
        p.circle(Screen { x: 1.0, y: 1.0 }, 1.0, Some(Fill { role: Role::Input, alpha: 1.0 }), None);
        render(&scene, &[], &view, &mut p);
        let code = p.finish();
        assert!(!code.contains("Circle"), "render clears first: {code}");
        let axis = code.find("color=AXIS, lw=1.25").unwrap();
        let shaft = code.find("color=INPUT, lw=2.5").unwrap();
        let label = code.find("\"v\", color=INPUT").unwrap();
        assert!(axis < shaft && shaft < label, "{code}");
        let long = bytes_array(&[7; 200], "200");
        assert!(long.lines().all(|l| l.len() <= BASE64_LINE + 6), "{long}");
        assert_eq!(long.lines().count(), 5);
    }
}
