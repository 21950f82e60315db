//! A [`Painter`] that writes a standalone SVG document: the figure's "Download SVG". It draws exactly
//! what the canvas draws (the same [`render`](super::render::render) calls), in the theme's colours.

use super::chart::parse_css_color;
use super::render::Painter;
use super::scene::{Align, Bitmap, Dash, Fill, HeatMap, Role, Stroke};
use super::viewport::Screen;
use crate::decimal::fixed;
use crate::format::{base64, escape_html};
use crate::math::clamp;
use std::fmt::Write;

/// The colours and font of the theme in effect, as CSS colour texts.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgTheme {
    /// The colour of each role.
    pub roles: Vec<(Role, String)>,
    /// Label colours where the theme gives a role a darker text colour than its lines.
    pub text_roles: Vec<(Role, String)>,
    /// The figure's background (also the halo behind labels).
    pub background: String,
    /// The label font as a CSS `font` shorthand, e.g. `13px system-ui, sans-serif`.
    pub font: String,
}

impl SvgTheme {
    fn color(&self, role: Role) -> &str {
        self.roles.iter().find(|(r, _)| *r == role).map_or("#888", |(_, c)| c.as_str())
    }

    fn text_color(&self, role: Role) -> &str {
        self.text_roles.iter().find(|(r, _)| *r == role).map_or_else(|| self.color(role), |(_, c)| c.as_str())
    }
}

/// Collects painter calls as SVG elements; [`SvgPainter::finish`] returns the document.
pub struct SvgPainter {
    width: f64,
    height: f64,
    theme: SvgTheme,
    body: String,
    /// Colours as role classes (`f-data`, `s-grid`, `t-axis`, `halo`) instead of colour values, for a
    /// figure inline in a page whose stylesheet maps them to the theme's colours (see [`role_classes`]).
    classes: bool,
}

/// Every role with the name its CSS custom property and classes use (`--c-basis1`, `f-basis1`…).
pub const ROLE_NAMES: [(Role, &str); 10] = [
    (Role::Basis1, "basis1"),
    (Role::Basis2, "basis2"),
    (Role::Input, "input"),
    (Role::Image, "image"),
    (Role::Second, "second"),
    (Role::Eigen, "eigen"),
    (Role::Data, "data"),
    (Role::Ghost, "ghost"),
    (Role::Grid, "grid"),
    (Role::Axis, "axis"),
];

fn role_name(role: Role) -> &'static str {
    ROLE_NAMES.iter().find(|(r, _)| *r == role).map_or("axis", |(_, n)| n)
}

/// The stylesheet that gives a figure drawn with [`SvgPainter::with_classes`] the theme's colours and
/// font (a theme change, or the reader's dark mode, recolours it at once).
pub fn role_classes() -> String {
    let mut css = String::from(".svg-figure{font:var(--figure-font)}.svg-figure .halo{stroke:var(--c-figure-bg)}");
    for (_, n) in ROLE_NAMES {
        let _ = write!(css, ".svg-figure .f-{n}{{fill:var(--c-{n})}}.svg-figure .s-{n}{{stroke:var(--c-{n})}}");
        let _ = write!(css, ".svg-figure .t-{n}{{fill:var(--c-{n}-text,var(--c-{n}))}}");
    }
    css
}

/// A coordinate or length with at most two decimals and no trailing zeros.
fn num(x: f64) -> String {
    let text = fixed(x, 2);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

impl SvgPainter {
    /// A painter for a figure of `width` × `height` CSS px.
    pub fn new(width: f64, height: f64, theme: SvgTheme) -> SvgPainter {
        SvgPainter { width, height, theme, body: String::new(), classes: false }
    }

    /// A painter for a figure inline in one of the site's pages: colours as role classes (see
    /// [`role_classes`]), so that the page's theme colours it.
    pub fn with_classes(width: f64, height: f64) -> SvgPainter {
        let theme = SvgTheme { roles: Vec::new(), text_roles: Vec::new(), background: "none".into(), font: String::new() };
        SvgPainter { width, height, theme, body: String::new(), classes: true }
    }

    /// The drawing as an `<svg>` element inside one of the site's pages: it scales with the box its
    /// `attributes` (size, role, label…) give it, and has no background of its own.
    pub fn finish_inline(self, attributes: &str) -> String {
        let (w, h) = (num(self.width), num(self.height));
        format!("<svg class=\"svg-figure\" viewBox=\"0 0 {w} {h}\" {attributes}>\n{}</svg>", self.body)
    }

    /// The complete SVG document.
    pub fn finish(self) -> String {
        let (size, family) = self.theme.font.split_once(' ').unwrap_or(("13px", self.theme.font.as_str()));
        let (w, h) = (num(self.width), num(self.height));
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-size=\"{}\" font-family=\"{}\">\n<rect width=\"{w}\" height=\"{h}\" fill=\"{}\"/>\n{}</svg>\n",
            escape_html(size),
            escape_html(family.trim()),
            escape_html(&self.theme.background),
            self.body
        )
    }

    /// ` fill=… stroke=…` attributes for a shape.
    fn paint(&self, fill: Option<Fill>, stroke: Option<Stroke>) -> String {
        let mut out = String::new();
        if self.classes {
            let class = [fill.map(|f| format!("f-{}", role_name(f.role))), stroke.map(|s| format!("s-{}", role_name(s.role)))];
            let _ = write!(out, " class=\"{}\"", class.into_iter().flatten().collect::<Vec<_>>().join(" "));
        }
        match fill {
            Some(f) => {
                if !self.classes {
                    let _ = write!(out, " fill=\"{}\"", escape_html(self.theme.color(f.role)));
                }
                if f.alpha < 1.0 {
                    let _ = write!(out, " fill-opacity=\"{}\"", num(clamp(f.alpha, 0.0, 1.0)));
                }
            }
            None => out.push_str(" fill=\"none\""),
        }
        if let Some(s) = stroke {
            if !self.classes {
                let _ = write!(out, " stroke=\"{}\"", escape_html(self.theme.color(s.role)));
            }
            let _ = write!(out, " stroke-width=\"{}\"", num(s.width));
            match s.dash {
                Dash::Solid => {}
                Dash::Dashed => out.push_str(" stroke-dasharray=\"7 5\""),
                Dash::Dotted => out.push_str(" stroke-dasharray=\"2 4\""),
            }
            out.push_str(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        }
        out
    }
}

impl Painter for SvgPainter {
    fn clear(&mut self) {
        self.body.clear();
    }

    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        if ![top_left.x, top_left.y, w, h].iter().all(|v| v.is_finite()) || w <= 0.0 || h <= 0.0 {
            return;
        }
        let Some(png) = bitmap_png(image) else { return };
        let _ = writeln!(
            self.body,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\" href=\"data:image/png;base64,{}\"/>",
            num(top_left.x),
            num(top_left.y),
            num(w),
            num(h),
            base64(&png)
        );
    }

    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        let (w, h) = (bottom_right.x - top_left.x, bottom_right.y - top_left.y);
        if ![top_left.x, top_left.y, w, h].iter().all(|v| v.is_finite()) || w <= 0.0 || h <= 0.0 {
            return;
        }
        let rgb = |role| parse_css_color(self.theme.color(role)).unwrap_or((136, 136, 136));
        let Some(png) = png(heat.width, heat.height, Colour::Rgba, &heat.rgba(rgb(heat.positive), rgb(heat.negative))) else { return };
        // Smoothed between the cells, as on the canvas.
        let _ = writeln!(
            self.body,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{}\"/>",
            num(top_left.x),
            num(top_left.y),
            num(w),
            num(h),
            base64(&png)
        );
    }

    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        if !(size.is_finite() && size > 0.0) {
            return;
        }
        // One path for all of them, like the canvas: thousands of points stay one element.
        let (h, side) = (size / 2.0, num(size));
        let mut d = String::new();
        for c in centers.iter().filter(|c| c.x.is_finite() && c.y.is_finite()) {
            let _ = write!(d, "M{} {}h{side}v{side}h-{side}Z", num(c.x - h), num(c.y - h));
        }
        if !d.is_empty() {
            let paint = self.paint(Some(fill), None);
            let _ = writeln!(self.body, "<path d=\"{d}\"{paint}/>");
        }
    }

    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        if points.is_empty() || points.iter().any(|p| !(p.x.is_finite() && p.y.is_finite())) {
            return;
        }
        let mut d = String::new();
        for (i, p) in points.iter().enumerate() {
            let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { " L" }, num(p.x), num(p.y));
        }
        if closed {
            d.push_str(" Z");
        }
        let paint = self.paint(fill, stroke);
        let _ = writeln!(self.body, "<path d=\"{d}\"{paint}/>");
    }

    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        if !(center.x.is_finite() && center.y.is_finite() && radius.is_finite()) {
            return;
        }
        let paint = self.paint(fill, stroke);
        let _ = writeln!(self.body, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{paint}/>", num(center.x), num(center.y), num(radius.abs()));
    }

    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        if !(at.x.is_finite() && at.y.is_finite()) {
            return;
        }
        let anchor = match align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        // The same halo as on the canvas: a background-coloured outline painted under the letters.
        if self.classes {
            let _ = writeln!(
                self.body,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"t-{} halo\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                num(at.x),
                num(at.y),
                role_name(role),
                escape_html(text)
            );
            return;
        }
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            num(at.x),
            num(at.y),
            escape_html(self.theme.text_color(role)),
            escape_html(&self.theme.background),
            escape_html(text)
        );
    }
}

/// Encodes a picture as a PNG (8-bit grey, or RGBA for a colour one; deflate's uncompressed blocks:
/// simple and exact). `None` when the pixel count does not match the size.
pub fn bitmap_png(image: &Bitmap) -> Option<Vec<u8>> {
    if !image.is_valid() {
        return None;
    }
    match image.channels {
        1 => png(image.width, image.height, Colour::Grey, &image.pixels),
        _ => png(image.width, image.height, Colour::Rgba, &image.rgba()),
    }
}

/// The pixel formats [`png`] writes: 8 bits per channel.
#[derive(Clone, Copy)]
enum Colour {
    /// One byte per pixel.
    Grey = 0,
    /// Four bytes per pixel, straight alpha.
    Rgba = 6,
}

/// A PNG of `width` × `height` pixels in `colour` from their bytes row by row; `None` when the byte
/// count does not match.
fn png(width_px: usize, height_px: usize, colour: Colour, pixels: &[u8]) -> Option<Vec<u8>> {
    let (width, height) = (u32::try_from(width_px).ok()?, u32::try_from(height_px).ok()?);
    let channels = match colour {
        Colour::Grey => 1,
        Colour::Rgba => 4,
    };
    let row_bytes = width_px.checked_mul(channels)?;
    if width_px == 0 || height_px == 0 || pixels.len() != row_bytes.checked_mul(height_px)? {
        return None;
    }
    // Each row starts with filter type 0 (none).
    let mut raw = Vec::with_capacity(pixels.len() + height_px);
    for row in pixels.chunks(row_bytes) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(0xffff).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, colour as u8, 0, 0, 0]); // 8 bits, the colour type, deflate, no filter choice, no interlace
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    for (kind, data) in [(b"IHDR", header.as_slice()), (b"IDAT", zlib.as_slice()), (b"IEND", &[][..])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    Some(png)
}

/// zlib's checksum.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// PNG's chunk checksum (CRC-32, bit by bit: the pictures are small).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A `data:` URL holding an SVG document, for an `<img>` (the landing page's figures): base64, so
/// no character of the document needs escaping.
pub fn data_url(svg: &str) -> String {
    format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::render::render;
    use crate::view::scene::{Scene, Shape};
    use crate::view::viewport::{Viewport, World};

    fn theme() -> SvgTheme {
        SvgTheme {
            roles: vec![(Role::Input, "#1b1b1f".into()), (Role::Image, "#c4520a".into()), (Role::Axis, "#55555e".into())],
            text_roles: vec![(Role::Axis, "#333".into())],
            background: "#ffffff".into(),
            font: "13px system-ui, \"Segoe UI\", sans-serif".into(),
        }
    }

    fn draw(scene: &Scene) -> String {
        let view = Viewport::default();
        let mut painter = SvgPainter::new(view.width, view.height, theme());
        render(scene, &[], &view, &mut painter);
        painter.finish()
    }

    /// Checks that every `<` opens a tag that closes, and that opening and closing tags nest.
    fn assert_well_formed(svg: &str) {
        let mut open: Vec<&str> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').expect("an unclosed tag") + start;
            let tag = &rest[start + 1..end];
            assert!(!tag.contains('<'), "a '<' inside a tag: {tag}");
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "mis-nested </{name}>");
            } else if !tag.ends_with('/') {
                open.push(tag.split_whitespace().next().unwrap_or(""));
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "unclosed: {open:?}");
        assert!(!rest.contains('>'), "a stray '>'");
    }

    #[test]
    fn an_arrow_becomes_a_path_and_a_filled_head() {
        let mut scene = Scene::default();
        scene.push(Shape::Axes);
        scene.arrow(World::new(2.0, 1.0), Stroke::solid(Role::Input, 2.5), "v");
        let svg = draw(&scene);
        assert_well_formed(&svg);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\""), "{svg}");
        let origin = Viewport::default().to_screen(World::zeros());
        let shaft = format!("<path d=\"M{} {} L", num(origin.x), num(origin.y));
        assert!(svg.contains(&shaft), "{svg}");
        assert!(svg.contains("Z\" fill=\"#1b1b1f\"/>"), "the head is a filled triangle: {svg}");
        assert!(svg.contains(">v</text>") && svg.contains(">2</text>"), "labels and tick numbers: {svg}");
        assert!(
            svg.contains("fill=\"#333\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">2</text>"),
            "axis text colour: {svg}"
        );
        assert!(svg.contains("font-family=\"system-ui, &quot;Segoe UI&quot;, sans-serif\""));
    }

    #[test]
    fn dashes_opacity_and_unknown_roles_are_written() {
        let mut scene = Scene::default();
        scene.push(Shape::Polygon {
            points: vec![World::zeros(), World::new(1.0, 0.0), World::new(0.0, 1.0)],
            fill: Some(Fill { role: Role::Image, alpha: 0.2 }),
            stroke: Some(Stroke::dashed(Role::Eigen, 1.5)),
        });
        let svg = draw(&scene);
        assert!(
            svg.contains("fill=\"#c4520a\" fill-opacity=\"0.2\" stroke=\"#888\" stroke-width=\"1.5\" stroke-dasharray=\"7 5\""),
            "{svg}"
        );
    }

    #[test]
    fn text_and_colours_are_escaped_and_non_finite_points_skipped() {
        let mut theme = theme();
        theme.background = "\"/><script>".into();
        let mut painter = SvgPainter::new(100.0, 100.0, theme);
        painter.text(Screen { x: 1.0, y: 2.0 }, "<b>&\"x\"</b>", Role::Input, Align::Left);
        painter.path(&[Screen { x: f64::NAN, y: 0.0 }, Screen { x: 1.0, y: 1.0 }], false, None, Some(Stroke::solid(Role::Input, 1.0)));
        painter.circle(Screen { x: f64::INFINITY, y: 0.0 }, 3.0, None, None);
        let svg = painter.finish();
        assert_well_formed(&svg);
        assert!(svg.contains(">&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</text>"), "{svg}");
        assert!(!svg.contains("<script") && !svg.contains("<path") && !svg.contains("<circle"), "{svg}");
    }

    #[test]
    fn a_data_url_holds_the_document_in_base64() {
        assert_eq!(data_url("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
        assert_eq!(data_url("‖v‖"), "data:image/svg+xml;base64,4oCWduKAlg==");
    }

    #[test]
    fn checksums_and_base64_match_their_references() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_grey_picture_becomes_a_png_image_and_bad_ones_nothing() {
        let image = Bitmap { width: 3, height: 2, channels: 1, pixels: vec![0, 128, 255, 10, 20, 30].into() };
        let png = bitmap_png(&image).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!((u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap())), (3, 2));
        assert_eq!(u32::from_be_bytes(png[29..33].try_into().unwrap()), crc32(&png[12..29]), "IHDR's CRC");
        // The stored block holds the rows, each after its filter byte.
        let idat = &png[33 + 8..];
        assert_eq!(&idat[7..15], &[0, 0, 128, 255, 0, 10, 20, 30]);
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
        assert!(bitmap_png(&Bitmap { width: 3, height: 3, channels: 1, pixels: vec![0; 6].into() }).is_none());
        assert!(bitmap_png(&Bitmap { width: 0, height: 0, channels: 1, pixels: vec![].into() }).is_none());
        // Colour: an RGBA PNG (colour type 6) of the same size.
        let colour = bitmap_png(&Bitmap { width: 2, height: 1, channels: 3, ..image.clone() }).unwrap();
        assert_eq!((u32::from_be_bytes(colour[16..20].try_into().unwrap()), colour[25]), (2, 6));
        assert!(bitmap_png(&Bitmap { width: 3, height: 2, channels: 3, ..image.clone() }).is_none());

        let mut painter = SvgPainter::new(100.0, 100.0, theme());
        painter.image(Screen { x: 10.0, y: 20.0 }, Screen { x: 40.0, y: 40.0 }, &image);
        painter.image(Screen { x: 10.0, y: 20.0 }, Screen { x: f64::NAN, y: 40.0 }, &image);
        let svg = painter.finish();
        assert_well_formed(&svg);
        assert_eq!(svg.matches("<image ").count(), 1);
        assert!(svg.contains(&format!("<image x=\"10\" y=\"20\" width=\"30\" height=\"20\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\" href=\"data:image/png;base64,{}\"/>", base64(&png))));
    }

    #[test]
    fn a_heat_map_becomes_an_rgba_png_in_the_role_colours() {
        let heat = HeatMap { width: 2, height: 1, values: vec![1.0, -1.0], positive: Role::Image, negative: Role::Input, alpha: 0.5 };
        let mut painter = SvgPainter::new(100.0, 100.0, theme());
        painter.heat(Screen { x: 0.0, y: 0.0 }, Screen { x: 100.0, y: 50.0 }, &heat);
        painter.heat(Screen { x: 0.0, y: 0.0 }, Screen { x: 100.0, y: 50.0 }, &HeatMap { width: 3, ..heat.clone() });
        let svg = painter.finish();
        assert_well_formed(&svg);
        assert_eq!(svg.matches("<image ").count(), 1, "a malformed map draws nothing");
        let png = png(2, 1, Colour::Rgba, &[0xc4, 0x52, 0x0a, 128, 0x1b, 0x1b, 0x1f, 128]).unwrap();
        assert_eq!(png[25], 6, "colour type RGBA");
        assert!(
            svg.contains(&format!(
                "<image x=\"0\" y=\"0\" width=\"100\" height=\"50\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{}\"/>",
                base64(&png)
            )),
            "{svg}"
        );
    }

    #[test]
    fn many_squares_are_one_path() {
        let mut painter = SvgPainter::new(100.0, 100.0, theme());
        let centers: Vec<Screen> = (0..1000).map(|i| Screen { x: f64::from(i % 100), y: f64::from(i / 100) }).collect();
        painter.squares(&centers, 2.0, Fill { role: Role::Image, alpha: 0.5 });
        let svg = painter.finish();
        assert_eq!(svg.matches("<path").count(), 1);
        assert_eq!(svg.matches('Z').count(), 1000);
        assert!(svg.contains("<path d=\"M-1 -1h2v2h-2ZM0 -1h2v2h-2Z"), "{}", &svg[..300]);
    }

    #[test]
    fn clearing_starts_a_new_drawing() {
        let mut painter = SvgPainter::new(10.0, 10.0, theme());
        painter.circle(Screen { x: 1.0, y: 1.0 }, 1.0, Some(Fill { role: Role::Input, alpha: 1.0 }), None);
        painter.clear();
        painter.circle(Screen { x: 2.0, y: -0.001 }, 1.0, Some(Fill { role: Role::Input, alpha: 1.0 }), None);
        let svg = painter.finish();
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(svg.contains("cx=\"2\" cy=\"0\""), "{svg}");
    }
}
