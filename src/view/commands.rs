//! A figure's drawing as bytes: [`CommandWriter`] is a painter that writes down every call it gets,
//! and [`replay`] makes the same calls on another painter. The page's main thread writes each frame;
//! the figure's worker replays it onto the canvas, so neither the canvas calls nor their pixels cost
//! the thread that answers the reader's pointer.
//!
//! The format is private to one build (both ends run the same module): a command byte, then its
//! arguments as little-endian numbers, lengths before lists and strings. [`replay`] checks every length
//! against the bytes left and makes a command only once all its arguments were read, so a damaged
//! frame ends in an error, never a panic, a huge allocation or a call with made-up arguments.

use super::render::Painter;
use super::scene::{Align, Bitmap, Dash, Fill, HeatMap, Role, Stroke};
use super::svg::SvgTheme;
use super::viewport::Screen;
use std::fmt;

/// What a replay paints on: a painter whose size and colours the frame also sets.
pub trait Surface: Painter {
    /// Sizes the surface to `width` × `height` CSS px at `scale` device pixels per CSS pixel.
    fn resize(&mut self, width: f64, height: f64, scale: f64);
    /// Paints in these colours and this font from now on.
    fn set_theme(&mut self, theme: SvgTheme);
}

const SIZE: u8 = 1;
const THEME: u8 = 2;
const CLEAR: u8 = 3;
const BEGIN_BASE: u8 = 4;
const END_BASE: u8 = 5;
const CLEAR_TO_BASE: u8 = 6;
const PATH: u8 = 7;
const CIRCLE: u8 = 8;
const CIRCLES: u8 = 9;
const POLYLINES: u8 = 10;
const TEXT: u8 = 11;
const IMAGE: u8 = 12;
const HEAT: u8 = 13;
const SQUARES: u8 = 14;

/// A painter that writes its calls as bytes, for [`replay`] elsewhere. It keeps a base layer exactly
/// when the painter replaying it does (one that keeps pictures, such as the canvas painter): the base
/// is kept from [`Painter::end_base`] until the surface is resized.
#[derive(Debug, Default)]
pub struct CommandWriter {
    bytes: Vec<u8>,
    /// The size and scale last written.
    size: Option<[f64; 3]>,
    in_base: bool,
    base_kept: bool,
}

impl CommandWriter {
    /// Writes the surface's size; returns whether it changed (which drops the base layer).
    pub fn resize(&mut self, width: f64, height: f64, scale: f64) -> bool {
        let size = [width, height, scale];
        let changed = self.size != Some(size);
        if changed {
            self.size = Some(size);
            self.base_kept = false;
        }
        self.bytes.push(SIZE);
        size.iter().for_each(|v| self.f64(*v));
        changed
    }

    /// Writes new colours and font.
    pub fn set_theme(&mut self, theme: &SvgTheme) {
        self.bytes.push(THEME);
        for pairs in [&theme.roles, &theme.text_roles] {
            self.len(pairs.len());
            for (role, color) in pairs {
                self.role(*role);
                self.str(color);
            }
        }
        self.str(&theme.background);
        self.str(&theme.font);
    }

    /// The bytes written since the last call (one frame), leaving the writer empty.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }

    fn f64(&mut self, v: f64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.bytes.extend_from_slice(&(n as u32).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    fn role(&mut self, role: Role) {
        self.bytes.push(match role {
            Role::Basis1 => 0,
            Role::Basis2 => 1,
            Role::Input => 2,
            Role::Image => 3,
            Role::Second => 4,
            Role::Eigen => 5,
            Role::Data => 6,
            Role::Ghost => 7,
            Role::Grid => 8,
            Role::Axis => 9,
        });
    }
    fn point(&mut self, p: Screen) {
        self.f64(p.x);
        self.f64(p.y);
    }
    fn points(&mut self, points: &[Screen]) {
        self.len(points.len());
        points.iter().for_each(|p| self.point(*p));
    }
    fn fill(&mut self, fill: Fill) {
        self.role(fill.role);
        self.f64(fill.alpha);
    }
    fn stroke(&mut self, stroke: Stroke) {
        self.role(stroke.role);
        self.f64(stroke.width);
        self.bytes.push(match stroke.dash {
            Dash::Solid => 0,
            Dash::Dashed => 1,
            Dash::Dotted => 2,
        });
    }
    fn looks(&mut self, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.bytes.push(u8::from(fill.is_some()) | u8::from(stroke.is_some()) << 1);
        fill.into_iter().for_each(|f| self.fill(f));
        stroke.into_iter().for_each(|s| self.stroke(s));
    }
}

impl Painter for CommandWriter {
    fn clear(&mut self) {
        self.bytes.push(CLEAR);
    }
    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.bytes.push(PATH);
        self.points(points);
        self.bytes.push(u8::from(closed));
        self.looks(fill, stroke);
    }
    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.bytes.push(CIRCLE);
        self.point(center);
        self.f64(radius);
        self.looks(fill, stroke);
    }
    fn circles(&mut self, centers: &[Screen], radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.bytes.push(CIRCLES);
        self.points(centers);
        self.f64(radius);
        self.looks(fill, stroke);
    }
    fn polylines(&mut self, lines: &[Vec<Screen>], stroke: Stroke) {
        self.bytes.push(POLYLINES);
        self.len(lines.len());
        lines.iter().for_each(|line| self.points(line));
        self.stroke(stroke);
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.bytes.push(TEXT);
        self.point(at);
        self.str(text);
        self.role(role);
        self.bytes.push(match align {
            Align::Left => 0,
            Align::Center => 1,
            Align::Right => 2,
        });
    }
    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        self.bytes.push(IMAGE);
        self.point(top_left);
        self.point(bottom_right);
        self.len(image.width);
        self.len(image.height);
        self.len(image.channels);
        self.len(image.pixels.len());
        self.bytes.extend_from_slice(&image.pixels);
    }
    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        self.bytes.push(HEAT);
        self.point(top_left);
        self.point(bottom_right);
        self.len(heat.width);
        self.len(heat.height);
        self.len(heat.values.len());
        heat.values.iter().for_each(|v| self.bytes.extend_from_slice(&v.to_le_bytes()));
        self.role(heat.positive);
        self.role(heat.negative);
        self.f64(heat.alpha);
    }
    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        self.bytes.push(SQUARES);
        self.points(centers);
        self.f64(size);
        self.fill(fill);
    }
    fn begin_base(&mut self) -> bool {
        if self.in_base {
            return false;
        }
        self.bytes.push(BEGIN_BASE);
        self.in_base = true;
        true
    }
    fn end_base(&mut self) {
        if self.in_base {
            self.bytes.push(END_BASE);
            self.in_base = false;
            self.base_kept = true;
        }
    }
    fn clear_to_base(&mut self) -> bool {
        if !self.base_kept || self.in_base {
            return false;
        }
        self.bytes.push(CLEAR_TO_BASE);
        true
    }
}

/// Why a frame's bytes could not be replayed to the end (what came before was painted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError {
    /// Where in the bytes the trouble starts.
    pub at: usize,
    /// What was wrong there.
    pub problem: &'static str,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "drawing commands, byte {}: {}", self.at, self.problem)
    }
}

/// Makes the calls `bytes` holds (as a [`CommandWriter`] wrote them), in order, on `surface`.
pub fn replay(bytes: &[u8], surface: &mut dyn Surface) -> Result<(), CommandError> {
    let mut r = Reader { bytes, at: 0, problem: None };
    while r.at < bytes.len() {
        let command = r.u8();
        // Each command reads all its arguments, then is made only if they were all there.
        match command {
            SIZE => {
                let (w, h, s) = (r.f64(), r.f64(), r.f64());
                r.ok()?;
                surface.resize(w, h, s);
            }
            THEME => {
                let (roles, text_roles) = (r.colors(), r.colors());
                let (background, font) = (r.str(), r.str());
                r.ok()?;
                surface.set_theme(SvgTheme { roles, text_roles, background, font });
            }
            CLEAR => surface.clear(),
            BEGIN_BASE => {
                surface.begin_base();
            }
            END_BASE => surface.end_base(),
            CLEAR_TO_BASE => {
                // The writer asks for the base only when this painter keeps one: if it cannot copy
                // it after all, a clear surface is closer to the frame than the last one.
                if !surface.clear_to_base() {
                    surface.clear();
                }
            }
            PATH => {
                let (points, closed, (fill, stroke)) = (r.points(), r.u8() != 0, r.looks());
                r.ok()?;
                surface.path(&points, closed, fill, stroke);
            }
            CIRCLE => {
                let (center, radius, (fill, stroke)) = (r.point(), r.f64(), r.looks());
                r.ok()?;
                surface.circle(center, radius, fill, stroke);
            }
            CIRCLES => {
                let (centers, radius, (fill, stroke)) = (r.points(), r.f64(), r.looks());
                r.ok()?;
                surface.circles(&centers, radius, fill, stroke);
            }
            POLYLINES => {
                let n = r.count(4);
                let mut lines = Vec::with_capacity(n);
                for _ in 0..n {
                    lines.push(r.points());
                }
                let stroke = r.stroke();
                r.ok()?;
                surface.polylines(&lines, stroke);
            }
            TEXT => {
                let (at, text, role) = (r.point(), r.str(), r.role());
                let align = match r.u8() {
                    0 => Align::Left,
                    1 => Align::Center,
                    2 => Align::Right,
                    _ => r.fail("unknown alignment", Align::Left),
                };
                r.ok()?;
                surface.text(at, &text, role, align);
            }
            IMAGE => {
                let (top_left, bottom_right) = (r.point(), r.point());
                let (width, height, channels) = (r.u32() as usize, r.u32() as usize, r.u32() as usize);
                let n = r.count(1);
                let pixels = r.take(n).into();
                r.ok()?;
                surface.image(top_left, bottom_right, &Bitmap { width, height, channels, pixels });
            }
            HEAT => {
                let (top_left, bottom_right) = (r.point(), r.point());
                let (width, height) = (r.u32() as usize, r.u32() as usize);
                let n = r.count(4);
                let mut values = Vec::with_capacity(n);
                for _ in 0..n {
                    values.push(f32::from_le_bytes(r.array()));
                }
                let (positive, negative, alpha) = (r.role(), r.role(), r.f64());
                r.ok()?;
                surface.heat(top_left, bottom_right, &HeatMap { width, height, values, positive, negative, alpha });
            }
            SQUARES => {
                let (centers, size, fill) = (r.points(), r.f64(), r.fill());
                r.ok()?;
                surface.squares(&centers, size, fill);
            }
            _ => return Err(CommandError { at: r.at - 1, problem: "unknown command" }),
        }
    }
    r.ok()
}

/// Reads a frame's bytes from the front. A read past the end, or of a value that cannot be, gives a
/// zero (or a default) and records the first problem, which [`Reader::ok`] then returns.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    problem: Option<CommandError>,
}

impl Reader<'_> {
    fn ok(&self) -> Result<(), CommandError> {
        self.problem.clone().map_or(Ok(()), Err)
    }
    /// Records `problem` here (unless one came before) and returns `instead`.
    fn fail<T>(&mut self, problem: &'static str, instead: T) -> T {
        self.problem.get_or_insert(CommandError { at: self.at, problem });
        instead
    }
    fn take(&mut self, n: usize) -> &[u8] {
        match self.at.checked_add(n).filter(|end| *end <= self.bytes.len()) {
            Some(end) => {
                let start = std::mem::replace(&mut self.at, end);
                &self.bytes[start..end]
            }
            None => {
                self.fail("the frame ends early", ());
                self.at = self.bytes.len();
                &[]
            }
        }
    }
    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.take(N).try_into().unwrap_or([0; N])
    }
    fn u8(&mut self) -> u8 {
        self.array::<1>()[0]
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }
    fn f64(&mut self) -> f64 {
        f64::from_le_bytes(self.array())
    }
    /// A count of items of at least `item_bytes` each, no more than the bytes left can hold.
    fn count(&mut self, item_bytes: usize) -> usize {
        let n = self.u32() as usize;
        if n.saturating_mul(item_bytes) > self.bytes.len() - self.at {
            return self.fail("a count larger than the frame", 0);
        }
        n
    }
    fn str(&mut self) -> String {
        let n = self.count(1);
        let start = self.at;
        match String::from_utf8(self.take(n).to_vec()) {
            Ok(text) => text,
            Err(_) => {
                self.at = start;
                let text = self.fail("text that is not UTF-8", String::new());
                self.at += n;
                text
            }
        }
    }
    fn role(&mut self) -> Role {
        match self.u8() {
            0 => Role::Basis1,
            1 => Role::Basis2,
            2 => Role::Input,
            3 => Role::Image,
            4 => Role::Second,
            5 => Role::Eigen,
            6 => Role::Data,
            7 => Role::Ghost,
            8 => Role::Grid,
            9 => Role::Axis,
            _ => self.fail("unknown role", Role::Axis),
        }
    }
    fn colors(&mut self) -> Vec<(Role, String)> {
        let n = self.count(5);
        let mut colors = Vec::with_capacity(n);
        for _ in 0..n {
            colors.push((self.role(), self.str()));
        }
        colors
    }
    fn point(&mut self) -> Screen {
        Screen { x: self.f64(), y: self.f64() }
    }
    fn points(&mut self) -> Vec<Screen> {
        let n = self.count(16);
        let mut points = Vec::with_capacity(n);
        for _ in 0..n {
            points.push(self.point());
        }
        points
    }
    fn fill(&mut self) -> Fill {
        Fill { role: self.role(), alpha: self.f64() }
    }
    fn stroke(&mut self) -> Stroke {
        let (role, width) = (self.role(), self.f64());
        let dash = match self.u8() {
            0 => Dash::Solid,
            1 => Dash::Dashed,
            2 => Dash::Dotted,
            _ => self.fail("unknown dash pattern", Dash::Solid),
        };
        Stroke { role, width, dash }
    }
    fn looks(&mut self) -> (Option<Fill>, Option<Stroke>) {
        let flags = self.u8();
        if flags > 3 {
            return self.fail("unknown fill and stroke flags", (None, None));
        }
        let fill = (flags & 1 != 0).then(|| self.fill());
        let stroke = (flags & 2 != 0).then(|| self.stroke());
        (fill, stroke)
    }
}

#[cfg(test)]
mod tests;
