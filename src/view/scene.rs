//! What a chapter wants drawn, in world coordinates. Shapes carry a [`Role`], never a colour: the theme
//! maps roles to colours, so one meaning has one colour on every page (see the visual language).

use super::viewport::World;
use crate::math::clamp;
use nalgebra::Matrix2;
use std::rc::Rc;

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the point.
    Left,
    /// Text is centred on the point.
    Center,
    /// Text ends at the point.
    Right,
}

/// The meaning of a shape; the painter picks its colour from the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The first basis vector and its image (A's first column): orange.
    Basis1,
    /// The second basis vector and its image: sky blue.
    Basis2,
    /// The reader's input vector (v, x): near-black / near-white.
    Input,
    /// The image of the input (Av): vermillion.
    Image,
    /// A second input vector (w, u): reddish purple.
    Second,
    /// Eigen-directions, singular vectors, principal components: bluish green, dashed.
    Eigen,
    /// Data points: blue dots.
    Data,
    /// The "before" state: a grey ghost.
    Ghost,
    /// Grid lines.
    Grid,
    /// The x and y axes and their labels.
    Axis,
}

/// How a line is dashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// A continuous line.
    Solid,
    /// Long dashes: constructions (head-to-tail paths).
    Dashed,
    /// Short dots: residuals, projections, comparisons.
    Dotted,
}

/// A line's look: role, width in CSS px and dash pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour by meaning.
    pub role: Role,
    /// Width in CSS px.
    pub width: f64,
    /// Dash pattern.
    pub dash: Dash,
}

impl Stroke {
    /// A solid line.
    pub fn solid(role: Role, width: f64) -> Stroke {
        Stroke { role, width, dash: Dash::Solid }
    }
    /// A dashed line.
    pub fn dashed(role: Role, width: f64) -> Stroke {
        Stroke { role, width, dash: Dash::Dashed }
    }
    /// A dotted line.
    pub fn dotted(role: Role, width: f64) -> Stroke {
        Stroke { role, width, dash: Dash::Dotted }
    }
}

/// An area's look: role colour at an opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// Colour by meaning.
    pub role: Role,
    /// Opacity in 0..=1 (the visual language uses 0.15–0.25 for areas).
    pub alpha: f64,
}

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// The integer lattice's lines mapped by `map` (the identity gives the ordinary grid).
    Lattice { map: Matrix2<f64>, stroke: Stroke },
    /// The x and y axes with tick labels at round values.
    Axes,
    /// An arrow from `from` to `to`, with an optional label near its tip.
    Arrow { from: World, to: World, stroke: Stroke, label: Option<String> },
    /// A polygon (filled and/or outlined), e.g. the image of the unit square.
    Polygon { points: Vec<World>, fill: Option<Fill>, stroke: Option<Stroke> },
    /// An open polyline (a curve sampled finely, a path of segments).
    Polyline { points: Vec<World>, stroke: Stroke },
    /// The whole line through `through` along `direction`, clipped to the view, with an optional label.
    Line { through: World, direction: World, stroke: Stroke, label: Option<String> },
    /// A dot of `radius` CSS px (data points, marked solutions).
    Dot { at: World, role: Role, radius: f64 },
    /// A text label at a world point.
    Label { at: World, text: String, role: Role },
    /// Many small points (thousands): squares of `size` CSS px at opacity `alpha`, drawn as one
    /// path, at most one per screen pixel.
    Points { at: Cloud, role: Role, size: f64, alpha: f64 },
    /// A greyscale picture stretched over the world rectangle from `min` (bottom left) to `max` (top
    /// right), one square per pixel (no smoothing).
    Image { min: World, max: World, image: Bitmap },
    /// The quadratic form f(x) = xᵀ·`form`·x as a diverging heat map over the whole view: f > 0 in
    /// `positive`'s colour, f < 0 in `negative`'s, at an opacity growing with √|f| (evenly along every
    /// ray) up to `alpha` at the largest |f| in view; where f = 0 the background shows.
    QuadraticField { form: Matrix2<f64>, positive: Role, negative: Role, alpha: f64 },
}

/// A signed field sampled on a grid, as a painter receives it: `values` row by row from the top row,
/// each in −1..=1. A value is drawn in `positive`'s colour (> 0) or `negative`'s (< 0) at opacity
/// |value| × `alpha`; 0 is transparent. Painters blend smoothly between the cells' centres.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    /// Cells per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// `width * height` values (a painter draws nothing for any other length).
    pub values: Vec<f32>,
    /// The colour of positive values.
    pub positive: Role,
    /// The colour of negative values.
    pub negative: Role,
    /// The opacity of a value of ±1.
    pub alpha: f64,
}

impl HeatMap {
    /// Straight (not premultiplied) RGBA bytes, row by row, given the two roles' colours; empty when
    /// the value count does not match the size. Values outside −1..=1 are clamped, NaN is clear.
    pub fn rgba(&self, positive: (u8, u8, u8), negative: (u8, u8, u8)) -> Vec<u8> {
        if self.width.checked_mul(self.height) != Some(self.values.len()) {
            return Vec::new();
        }
        let alpha = if self.alpha.is_finite() { clamp(self.alpha, 0.0, 1.0) } else { 0.0 };
        self.values
            .iter()
            .flat_map(|&v| {
                let v = f64::from(v);
                let (r, g, b) = if v > 0.0 { positive } else { negative };
                let opacity = if v.is_nan() { 0.0 } else { v.abs().min(1.0) * alpha };
                [r, g, b, (opacity * 255.0).round() as u8]
            })
            .collect()
    }
}

/// A picture: `width` × `height` pixels row by row from the top row, each one byte (grey, 0 black and
/// 255 white) or three (red, green, blue). The pixels are shared, so cloning a scene does not copy them.
#[derive(Debug, Clone, PartialEq)]
pub struct Bitmap {
    /// Pixels per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Bytes per pixel: 1 (grey) or 3 (RGB).
    pub channels: usize,
    /// `width * height * channels` bytes (a painter draws nothing for any other length).
    pub pixels: Rc<[u8]>,
}

impl Bitmap {
    /// Whether the size, the channels and the bytes agree (and the picture is not empty).
    pub fn is_valid(&self) -> bool {
        self.width > 0
            && self.height > 0
            && matches!(self.channels, 1 | 3)
            && self.width.checked_mul(self.height).and_then(|p| p.checked_mul(self.channels)) == Some(self.pixels.len())
    }

    /// The pixels as RGBA bytes (opaque), for a canvas or a PNG.
    pub fn rgba(&self) -> Vec<u8> {
        match self.channels {
            1 => self.pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            _ => self.pixels.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        }
    }
}

/// The points of a [`Shape::Points`], shared: a figure that keeps its points from frame to frame
/// hands out the same ones, so a new frame neither copies 100 000 points nor compares them one by one
/// with the last frame's (two clouds sharing their points are equal at a glance).
#[derive(Debug, Clone)]
pub struct Cloud(Rc<[World]>);

impl PartialEq for Cloud {
    fn eq(&self, other: &Cloud) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl std::ops::Deref for Cloud {
    type Target = [World];
    fn deref(&self) -> &[World] {
        &self.0
    }
}

impl From<Vec<World>> for Cloud {
    fn from(points: Vec<World>) -> Cloud {
        Cloud(points.into())
    }
}

impl FromIterator<World> for Cloud {
    fn from_iter<I: IntoIterator<Item = World>>(points: I) -> Cloud {
        Cloud(points.into_iter().collect())
    }
}

/// Samples on the unit circle used for its image under a map (an ellipse).
pub const CIRCLE_SAMPLES: usize = 96;

/// Everything a figure draws for one frame, in drawing order (first is lowest).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    /// The shapes, bottom to top.
    pub shapes: Vec<Shape>,
}

impl Scene {
    /// Adds a shape on top.
    pub fn push(&mut self, shape: Shape) {
        self.shapes.push(shape);
    }

    /// Adds an arrow from the origin.
    pub fn arrow(&mut self, to: World, stroke: Stroke, label: impl Into<String>) {
        self.arrow_from(World::zeros(), to, stroke, label);
    }

    /// Adds an arrow between two points.
    pub fn arrow_from(&mut self, from: World, to: World, stroke: Stroke, label: impl Into<String>) {
        let label = label.into();
        let label = (!label.is_empty()).then_some(label);
        self.shapes.push(Shape::Arrow { from, to, stroke, label });
    }

    /// Adds the image of the unit circle under `map` (an ellipse, or a segment when `map` is singular).
    pub fn unit_circle(&mut self, map: &Matrix2<f64>, stroke: Stroke, fill: Option<Fill>) {
        let points = (0..CIRCLE_SAMPLES)
            .map(|i| {
                let t = i as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64;
                map * World::new(t.cos(), t.sin())
            })
            .collect();
        self.shapes.push(Shape::Polygon { points, fill, stroke: Some(stroke) });
    }

    /// Adds the image of the unit square under `map`, filled and outlined in `role`.
    pub fn unit_square(&mut self, map: &Matrix2<f64>, role: Role, alpha: f64) {
        let corners = [World::new(0.0, 0.0), World::new(1.0, 0.0), World::new(1.0, 1.0), World::new(0.0, 1.0)];
        self.shapes.push(Shape::Polygon {
            points: corners.iter().map(|c| map * c).collect(),
            fill: Some(Fill { role, alpha }),
            stroke: Some(Stroke::solid(role, 1.0)),
        });
    }
}
