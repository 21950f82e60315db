//! 2.11 The determinant: how much A scales area (volume), and whether it flips orientation.
//!
//! The determinant is computed by LU on a copy whose rows are scaled by powers of two (exact), and the
//! product is assembled as mantissa × 2^exponent, so entries near 1e±200 neither overflow nor underflow
//! on the way: a determinant that is truly too large for an f64 is reported as such (never `inf`), and
//! one that is truly too small rounds to the nearest float (possibly 0, with a note), never NaN.

use super::common::{bounds, column_handles, drag_into, lerp, plane};
use super::common3d::{column_role, drag_into3, embed, space_column_handles};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SpaceHandle};
use crate::format::{display_number, display_shape};
use crate::math::svd::svd;
use crate::readout::{Readout, Value};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2, Matrix3};

/// The page state: one square matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Determinant {
    a: DMatrix<f64>,
}

/// The seed's first example: A = diag(2, 2), which doubles every length and multiplies area by 4.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Determinant { a: DMatrix::from_row_slice(2, 2, &[2.0, 0.0, 0.0, 2.0]) })
}

/// A determinant computed without intermediate overflow or underflow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Det {
    /// The value (0 for a matrix that LU finds exactly singular).
    Value(f64),
    /// The true value is non-zero but smaller in magnitude than the smallest f64: it rounds to ±0.
    /// Carries log₁₀|det| and the sign.
    Underflow { log10: f64, negative: bool },
    /// The true value is larger in magnitude than the largest f64. Carries log₁₀|det| and the sign.
    Overflow { log10: f64, negative: bool },
}

impl Det {
    /// The value as a finite f64 (an underflow is ±0), or `None` on overflow.
    pub fn finite(self) -> Option<f64> {
        match self {
            Det::Value(x) => Some(x),
            Det::Underflow { negative, .. } => Some(if negative { -0.0 } else { 0.0 }),
            Det::Overflow { .. } => None,
        }
    }

    /// −1, 0 or +1: the sign of the true determinant (known even when it over- or underflows).
    pub fn sign(self) -> i8 {
        match self {
            Det::Value(x) if x > 0.0 => 1,
            Det::Value(x) if x < 0.0 => -1,
            Det::Value(_) => 0,
            Det::Underflow { negative, .. } | Det::Overflow { negative, .. } => {
                if negative {
                    -1
                } else {
                    1
                }
            }
        }
    }
}

/// `x = m · 2^e` with `0.5 ≤ |m| < 1` (and `(0, 0)` for zero). `x` must be finite.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(54), -54) } else { (x, 0) };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52));
    (mantissa, exponent + adjust)
}

/// `m · 2^e`, in steps so that no intermediate power of two overflows or underflows.
pub fn ldexp(mut m: f64, mut e: i32) -> f64 {
    while e > 1000 {
        m *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        m *= 2f64.powi(-1000);
        e += 1000;
    }
    m * 2f64.powi(e)
}

/// The determinant of a square matrix with finite entries, by LU with partial pivoting on a copy whose
/// rows are scaled by powers of two (exact: each row's largest entry lands in [0.5, 1)). The scale
/// factors are kept as an exponent, so the result only over- or underflows when the true value does.
pub fn determinant(a: &DMatrix<f64>) -> Det {
    debug_assert!(a.is_square());
    if a.is_empty() {
        return Det::Value(1.0);
    }
    let mut scaled = a.clone();
    let mut exponent: i64 = 0;
    for mut row in scaled.row_iter_mut() {
        let largest = row.amax();
        if largest == 0.0 {
            return Det::Value(0.0);
        }
        let (_, e) = frexp(largest);
        exponent += i64::from(e);
        for x in row.iter_mut() {
            *x = ldexp(*x, -e);
        }
    }
    let unit = scaled.lu().determinant();
    if unit == 0.0 {
        return Det::Value(0.0);
    }
    if !unit.is_finite() {
        // Rows of length ≤ √n bound |det| by n^(n/2) (Hadamard), so this cannot happen; never show NaN.
        return Det::Overflow { log10: f64::INFINITY, negative: false };
    }
    let (m, e) = frexp(unit);
    let total = exponent + i64::from(e);
    let negative = m < 0.0;
    let log10 = m.abs().log10() + total as f64 * std::f64::consts::LOG10_2;
    if total > 1024 {
        return Det::Overflow { log10, negative };
    }
    if total < -1100 {
        return Det::Underflow { log10, negative };
    }
    let value = ldexp(m, total as i32);
    if value == 0.0 {
        Det::Underflow { log10, negative }
    } else if value.is_finite() {
        Det::Value(value)
    } else {
        Det::Overflow { log10, negative }
    }
}

/// "about 10^-400" for a log₁₀ magnitude.
fn magnitude(log10: f64) -> String {
    if log10.is_finite() {
        format!("about 10^{}", log10.round())
    } else {
        "beyond any float".into()
    }
}

/// The letter F inside the unit square, as two strokes: its stem with the top bar, and the middle bar.
/// It has no mirror symmetry, so a reflection is visible at a glance.
pub const GLYPH: [&[(f64, f64)]; 2] = [&[(0.3, 0.15), (0.3, 0.85), (0.72, 0.85)], &[(0.3, 0.5), (0.6, 0.5)]];

/// Corner `i` of the unit cube: bit 0 is x, bit 1 is y, bit 2 is z.
fn cube_corner(i: usize) -> Point3 {
    Point3::new((i & 1) as f64, (i >> 1 & 1) as f64, (i >> 2 & 1) as f64)
}

/// The unit cube's six faces as corners in order round each face.
const CUBE_FACES: [[usize; 4]; 6] = [[0, 2, 6, 4], [1, 3, 7, 5], [0, 1, 5, 4], [2, 3, 7, 6], [0, 1, 3, 2], [4, 5, 7, 6]];

/// The F on two faces of the unit cube, x = 1 and y = 1, each reading correctly from outside the cube
/// (the face's across, up and outward directions are right-handed). Mapped by A, an F seen from
/// outside the box reads backwards exactly when det A < 0. Two letters, because from a fixed view one
/// is not enough: a mirror across its own plane only moves it to the far side of the box, seen from
/// inside; with two on adjacent faces, a mirror in any coordinate plane leaves one on the near side,
/// reading backwards.
fn glyph3() -> Vec<Vec<Point3>> {
    let faces: [fn(f64, f64) -> Point3; 2] = [|u, v| Point3::new(1.0, u, v), |u, v| Point3::new(1.0 - u, 1.0, v)];
    faces.iter().flat_map(|face| GLYPH.iter().map(move |stroke| stroke.iter().map(|&(u, v)| face(u, v)).collect())).collect()
}

/// `k` (1 to 3) as a subscript digit.
fn subscript(k: usize) -> char {
    char::from_u32(0x2080 + k as u32).unwrap_or('?')
}

impl Determinant {
    fn det(&self) -> Det {
        determinant(&self.a)
    }

    /// Whether the SVD finds A singular (rank < n, numpy's tolerance), with the rank; `None` if the
    /// SVD failed.
    fn rank(&self) -> Option<usize> {
        svd(&self.a).ok().map(|s| s.rank())
    }

    fn n(&self) -> usize {
        self.a.nrows()
    }

    fn measure(&self) -> &'static str {
        match self.n() {
            1 => "length",
            2 => "area",
            3 => "volume",
            _ => "n-dimensional volume",
        }
    }

    fn det_readout(&self) -> Readout {
        let note = |extra: &str| {
            let base = match self.n() {
                2 => "ad − bc: the signed area of the parallelogram spanned by the columns",
                3 => "the signed volume of the box spanned by the three columns",
                _ => "by LU: the product of the pivots, times the sign of the row swaps",
            };
            if extra.is_empty() {
                base.to_string()
            } else {
                format!("{base}; {extra}")
            }
        };
        match self.det() {
            Det::Value(x) => {
                let extra = if x == 0.0 && self.n() == 2 {
                    "0: the square collapses to a line: A is singular"
                } else if x == 0.0 {
                    "0: the columns are dependent, A is singular"
                } else if x < 0.0 {
                    "negative: orientation flipped"
                } else {
                    ""
                };
                Readout::new("det", "det A", Value::Number(x), note(extra))
            }
            Det::Underflow { log10, negative } => Readout::new(
                "det",
                "det A",
                Value::Number(if negative { -0.0 } else { 0.0 }),
                format!(
                    "the true value is {} {}, smaller than the smallest 64-bit float: it rounds to 0 (A itself is not singular for that)",
                    if negative { "minus" } else { "plus" },
                    magnitude(log10)
                ),
            ),
            Det::Overflow { log10, negative } => Readout::missing(
                "det",
                "det A",
                format!(
                    "the result is too large for a 64-bit float (overflow): {}{}",
                    if negative { "minus " } else { "" },
                    magnitude(log10)
                ),
            ),
        }
    }

    fn area_readout(&self) -> Readout {
        let label = "|det A|";
        match self.det() {
            Det::Value(x) => Readout::new(
                "area",
                label,
                Value::Number(x.abs()),
                format!("the factor by which A scales every {}; the unit one becomes {}", self.measure(), display_number(x.abs())),
            ),
            Det::Underflow { log10, .. } => {
                Readout::new("area", label, Value::Number(0.0), format!("{}: too small for a 64-bit float, shown as 0", magnitude(log10)))
            }
            Det::Overflow { log10, .. } => {
                Readout::missing("area", label, format!("the result is too large for a 64-bit float (overflow): {}", magnitude(log10)))
            }
        }
    }

    fn flipped_readout(&self) -> Readout {
        match self.det().sign() {
            0 => Readout::missing("flipped", "orientation flipped", "det A = 0: the shape collapses, so it has no orientation left"),
            s => Readout::new(
                "flipped",
                "orientation flipped",
                Value::Bool(s < 0),
                if s < 0 { "det < 0: orientation flipped, a mirror image that no rotation can undo" } else { "det > 0: orientation kept" },
            ),
        }
    }

    fn singular_readout(&self) -> Readout {
        let n = self.n();
        match self.rank() {
            Some(r) if r < n => Readout::new(
                "singular",
                "singular",
                Value::Bool(true),
                format!("rank {r} < {n} (singular values, numpy's tolerance): the columns are dependent"),
            ),
            Some(_) => Readout::new("singular", "singular", Value::Bool(false), format!("rank {n}: the columns are independent")),
            None => Readout::missing("singular", "singular", "the SVD that decides the rank failed its accuracy check"),
        }
    }

    /// The map drawn at the timeline's position (identity → A).
    fn map(&self, t: &Timeline) -> Option<Matrix2<f64>> {
        plane(&self.a).map(|a| lerp(&Matrix2::identity(), &a, t.progress(0)))
    }

    /// What the unit square (cube) collapses to when A is singular by the SVD's rank.
    fn collapsed_note(&self) -> Option<&'static str> {
        let rank = self.rank()?;
        let n = self.n();
        if rank >= n {
            return None;
        }
        Some(match (n, rank) {
            (2, 0) => "A = 0: the square collapses to a point",
            (2, _) => "the square collapses to a line: A is singular",
            (3, 0) => "A = 0: the cube collapses to a point",
            (3, 1) => "the cube collapses onto a line: A is singular",
            (3, _) => "the cube collapses into a plane: A is singular",
            _ => "the columns are dependent: A is singular",
        })
    }

    /// A as a map of space when it is 3×3 (then the figure is drawn in 3-D).
    fn space_map(&self) -> Option<Matrix3<f64>> {
        (self.n() == 3).then(|| embed(&self.a)).flatten()
    }

    /// The 3-D figure at the timeline's position (identity → A): the unit cube as a ghost, its image
    /// (the box spanned by the columns) filled in the signed volume's colour, the F on two faces, the
    /// columns, the signed volume as a label, and what the box collapses to when it is flat.
    fn space_figure(&self, timeline: &Timeline) -> Option<Space> {
        let a = self.space_map()?;
        let done = timeline.position() >= timeline.stages() as f64;
        let m = if done { a } else { Matrix3::identity() + (a - Matrix3::identity()) * timeline.progress(0) };
        let dm = DMatrix::from_column_slice(3, 3, m.as_slice());
        let (det, rank) = if done { (self.det(), self.rank()) } else { (determinant(&dm), svd(&dm).ok().map(|s| s.rank())) };
        let corners: Vec<Point3> = (0..8).map(|i| m * cube_corner(i)).collect();
        // The axes reach just past the final box's furthest coordinate, so the box fills the fitted
        // view, and the frame stays still while the timeline grows the cube into the box.
        let far = (0..8).map(|i| (a * cube_corner(i)).amax()).filter(|x| x.is_finite()).fold(1.0_f64, f64::max);
        let extent = far * 1.15;
        let mut space = Space::default();
        // The "before": the unit cube's edges and its F's, as grey ghosts.
        for i in 0..8 {
            for bit in [1, 2, 4] {
                if i & bit == 0 {
                    space.push(Shape3::Polyline {
                        points: vec![cube_corner(i), cube_corner(i | bit)],
                        stroke: Stroke::dotted(Role::Ghost, 1.5),
                    });
                }
            }
        }
        for stroke in glyph3() {
            space.push(Shape3::Polyline { points: stroke, stroke: Stroke::dotted(Role::Ghost, 2.0) });
        }
        // The image: six faces in the signed volume's colour (orange kept, vermillion mirrored).
        let role = if det.sign() < 0 { Role::Image } else { Role::Basis1 };
        for face in CUBE_FACES {
            space.push(Shape3::Polygon {
                points: face.iter().map(|&i| corners[i]).collect(),
                fill: Some(Fill { role, alpha: 0.12 }),
                stroke: Some(Stroke::solid(role, 1.5)),
            });
        }
        for stroke in glyph3() {
            space.push(Shape3::Polyline { points: stroke.iter().map(|p| m * p).collect(), stroke: Stroke::solid(Role::Input, 3.0) });
        }
        let flat = rank.filter(|r| *r < 3);
        if let Some(rank) = flat {
            collapse(&mut space, &m, rank, extent);
        }
        let pos = timeline.position();
        for c in 0..3 {
            let label = match () {
                _ if done => format!("a{}", subscript(c + 1)),
                _ if pos == 0.0 => format!("e{}", subscript(c + 1)),
                _ => String::new(),
            };
            space.arrow(m.column(c).into_owned(), Stroke::solid(column_role(c), 3.0), label);
        }
        // One label says it all (two labels near a flat box would collide).
        let text = match (det.finite(), flat) {
            (Some(d), _) if !done => format!("volume × {}", display_number(d)),
            (Some(d), Some(0)) => format!("det = {}: squashed to a point", display_number(d)),
            (Some(d), Some(1)) => format!("det = {}: squashed onto a line", display_number(d)),
            (Some(d), Some(_)) => format!("det = {}: flattened into a plane", display_number(d)),
            (Some(d), None) => match det.sign() {
                1 => format!("det = {}: right-handed", display_number(d)),
                -1 => format!("det = {}: mirrored", display_number(d)),
                _ => "det = 0: no volume".into(),
            },
            (None, _) => "det overflows".into(),
        };
        // Over the box's centre, above its highest corner: clear of the F's, the faces and the z-axis.
        let top = corners.iter().map(|p| p.z).filter(|z| z.is_finite()).fold(0.0_f64, f64::max);
        let centre = m * Point3::new(0.5, 0.5, 0.5);
        space.label(Point3::new(centre.x, centre.y, top + extent * 0.3), text, role);
        space.axes_and_ground(extent);
        Some(space)
    }
}

/// What a flat box was squashed onto, marked: the plane or line through the columns of `m` (from
/// its SVD), or the origin.
fn collapse(space: &mut Space, m: &Matrix3<f64>, rank: usize, extent: f64) {
    let Ok(s) = svd(&DMatrix::from_column_slice(3, 3, m.as_slice())) else { return };
    let u = |i: usize| Point3::new(s.u[(0, i)], s.u[(1, i)], s.u[(2, i)]);
    match rank {
        0 => space.push(Shape3::Dot { at: Point3::zeros(), role: Role::Image, radius: 6.0 }),
        1 => space.push(Shape3::Line { direction: u(0), reach: extent, stroke: Stroke::dashed(Role::Image, 2.0), label: None }),
        _ => space.plane_patch(&u(0), &u(1), extent, Role::Image),
    }
}

/// The F glyph's strokes mapped by `m`.
pub fn glyph(m: &Matrix2<f64>) -> Vec<Vec<World>> {
    GLYPH.iter().map(|stroke| stroke.iter().map(|&(x, y)| m * World::new(x, y)).collect()).collect()
}

impl Chapter for Determinant {
    fn explanation(&self) -> &'static str {
        include_str!("determinant.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() }]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if name != "A" {
            return Err(format!("this page has no input called {name}"));
        }
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        if !value.is_square() {
            return Err(format!("the determinant needs a square matrix, and this one is {}", display_shape(&value)));
        }
        self.a = value;
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        Vec::new()
    }

    fn set_choice(&mut self, name: &str, _value: &str) -> Result<(), String> {
        Err(format!("this page has no choice called {name}"))
    }

    fn stages(&self) -> Vec<&'static str> {
        if plane(&self.a).is_some() || self.space_map().is_some() {
            vec!["apply A"]
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Vec<Handle> {
        column_handles(&self.a, "A")
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        drag_into(&mut self.a, "A", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![self.det_readout(), self.area_readout(), self.flipped_readout(), self.singular_readout()];
        if let Some(a) = plane(&self.a) {
            let det = a.m11 * a.m22 - a.m12 * a.m21;
            if det.is_finite() {
                out.push(Readout::new(
                    "ad_minus_bc",
                    "ad − bc",
                    Value::Number(det),
                    format!(
                        "{}·{} − {}·{}, the 2×2 formula by hand",
                        display_number(a.m11),
                        display_number(a.m22),
                        display_number(a.m12),
                        display_number(a.m21)
                    ),
                ));
            } else {
                out.push(Readout::missing(
                    "ad_minus_bc",
                    "ad − bc",
                    "the products overflow a 64-bit float; det A above is computed with scaling",
                ));
            }
        }
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        let Some(m) = self.map(timeline) else { return Scene::default() };
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
        scene.push(Shape::Lattice { map: m, stroke: Stroke::solid(Role::Grid, 1.0) });
        // The "before": the unit square and the F, as grey ghosts.
        let corners = [World::new(0.0, 0.0), World::new(1.0, 0.0), World::new(1.0, 1.0), World::new(0.0, 1.0)];
        scene.push(Shape::Polygon { points: corners.to_vec(), fill: None, stroke: Some(Stroke::dotted(Role::Ghost, 1.5)) });
        for stroke in glyph(&Matrix2::identity()) {
            scene.push(Shape::Polyline { points: stroke, stroke: Stroke::dotted(Role::Ghost, 2.0) });
        }
        // The image: filled with the signed area's colour (orange kept, vermillion flipped).
        let det = m.m11 * m.m22 - m.m12 * m.m21;
        let role = if det < 0.0 { Role::Image } else { Role::Basis1 };
        scene.push(Shape::Polygon {
            points: corners.iter().map(|c| m * c).collect(),
            fill: Some(Fill { role, alpha: 0.22 }),
            stroke: Some(Stroke::solid(role, 1.5)),
        });
        let (c0, c1): (World, World) = (m.column(0).into_owned(), m.column(1).into_owned());
        if det == 0.0 || (self.collapsed_note().is_some() && timeline.progress(0) >= 1.0) {
            // Collapsed: draw the line (or nothing more for a point) the square was squashed onto.
            let along = if c0.norm() >= c1.norm() { c0 } else { c1 };
            if along.norm() > 0.0 {
                scene.push(Shape::Line {
                    through: World::zeros(),
                    direction: along,
                    stroke: Stroke::dashed(Role::Image, 1.5),
                    label: None,
                });
            }
        }
        for stroke in glyph(&m) {
            scene.push(Shape::Polyline { points: stroke, stroke: Stroke::solid(Role::Input, 3.0) });
        }
        scene.push(Shape::Axes);
        scene.arrow(c0, Stroke::solid(Role::Basis1, 3.0), "a₁");
        scene.arrow(c1, Stroke::solid(Role::Basis2, 3.0), "a₂");
        let text = match self.det().finite() {
            Some(_) if timeline.progress(0) < 1.0 => format!("area × {}", display_number(det)),
            Some(d) => format!("det = {}", display_number(d)),
            None => "det overflows".into(),
        };
        // Below the F's middle bar and right of its stem, so the label never crosses the glyph.
        scene.push(Shape::Label { at: m * World::new(0.68, 0.28), text, role });
        scene
    }

    fn space(&self, timeline: &Timeline) -> Option<Space> {
        self.space_figure(timeline)
    }

    fn space_handles(&self) -> Vec<SpaceHandle> {
        if self.space_map().is_none() {
            return Vec::new();
        }
        space_column_handles(&self.a, "A")
    }

    fn move_space_handle(&mut self, name: &str, to: Point3) -> bool {
        self.space_map().is_some() && drag_into3(&mut self.a, "A", name, to)
    }

    fn figure_note(&self) -> Option<String> {
        if plane(&self.a).is_some() || self.space_map().is_some() {
            return None;
        }
        Some(format!(
            "The figure draws 2×2 matrices on the plane and 3×3 in space; A is {}. det A is the signed {} of the box spanned by A's columns; the numbers below are exact.",
            display_shape(&self.a),
            self.measure()
        ))
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::zeros(), World::new(1.0, 1.0)];
        if let Some(a) = plane(&self.a) {
            points.extend([World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)].iter().map(|c| a * c));
        }
        // Symmetric about the origin: room to drag a column across to the mirror side.
        let mirrored: Vec<World> = points.iter().map(|p| -p).collect();
        points.extend(mirrored);
        // And a margin, so a column tip near the edge can still be dragged (or nudged) outwards.
        let (lo, hi) = bounds(&points);
        let pad = 1.0 + 0.25 * hi.amax();
        (lo - World::new(pad, pad), hi + World::new(pad, pad))
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        let overflow = matches!(self.det(), Det::Overflow { .. });
        if overflow {
            code.line(
                "np.linalg.det(A)  # overflows: numpy prints inf",
                "torch.linalg.det(A)  # overflows: inf",
                "let det = a.determinant(); // overflows: inf",
            );
            code.line(
                "np.linalg.slogdet(A)  # sign and log|det| do not overflow",
                "torch.linalg.slogdet(A)",
                "// sign and log|det|: multiply the LU pivots in log space",
            );
        } else {
            code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
            if self.n() == 3 {
                code.line(
                    "A[:, 0] @ np.cross(A[:, 1], A[:, 2])  # the same: a₁ · (a₂ × a₃), the box's signed volume",
                    "A[:, 0] @ torch.linalg.cross(A[:, 1], A[:, 2])",
                    "let volume = a.column(0).dot(&a.column(1).cross(&a.column(2))); // a₁ · (a₂ × a₃)",
                );
            }
        }
        code
    }

    fn summary(&self) -> String {
        if let Some(note) = self.collapsed_note() {
            return format!("det A = 0: {note}.");
        }
        match self.det() {
            Det::Overflow { .. } => "det A is too large for a 64-bit float.".into(),
            d => {
                let x = d.finite().unwrap_or(0.0);
                let what = self.measure();
                let hand = |kept: bool| match (self.n(), kept) {
                    (3, true) => " (a₁, a₂, a₃ are right-handed, like x, y, z)",
                    (3, false) => ": a₁, a₂, a₃ are left-handed",
                    _ => "",
                };
                if d.sign() < 0 {
                    format!(
                        "det A = {}: {what} is scaled by {} and the orientation flipped (a mirror image){}.",
                        display_number(x),
                        display_number(x.abs()),
                        hand(false)
                    )
                } else {
                    format!(
                        "det A = {}: {what} is scaled by {} and the orientation is kept{}.",
                        display_number(x),
                        display_number(x.abs()),
                        hand(true)
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{check_everything, readout, value};
    use crate::chapters::{find, from_params};
    use proptest::prelude::*;

    fn page(a: &str) -> Box<dyn Chapter> {
        let (chapter, problems) = from_params(find("determinant").unwrap(), &[("A".into(), a.into())]).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        chapter
    }

    #[test]
    fn the_default_is_the_seeds_diag_2_2() {
        let c = build();
        assert_eq!(value(c.as_ref(), "det"), Value::Number(4.0));
        assert_eq!(value(c.as_ref(), "area"), Value::Number(4.0));
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(false));
        assert_eq!(value(c.as_ref(), "singular"), Value::Bool(false));
        assert_eq!(c.handles()[0].name, "A:0");
        assert!(c.summary().contains("orientation is kept"), "{}", c.summary());
    }

    #[test]
    fn the_seeds_mirrors_have_negative_determinants() {
        let b = page("-2,0;0,2");
        assert_eq!(value(b.as_ref(), "det"), Value::Number(-4.0));
        assert_eq!(value(b.as_ref(), "area"), Value::Number(4.0));
        assert_eq!(value(b.as_ref(), "flipped"), Value::Bool(true));
        assert!(readout(b.as_ref(), "flipped").note.contains("orientation flipped"));
        let c = page("-1,0;0,1");
        assert_eq!(value(c.as_ref(), "det"), Value::Number(-1.0));
        // The glyph is mirrored about the y-axis: its top-right corner goes to the left.
        let mut t = Timeline::new(1);
        t.finish();
        let scene = c.scene(&t);
        let strokes: Vec<&Vec<World>> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polyline { points, stroke } if stroke.role == Role::Input => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(strokes[0][2], World::new(-0.72, 0.85));
        // The parallelogram is filled in the "flipped" colour.
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Polygon { fill: Some(Fill { role: Role::Image, .. }), .. })));
    }

    #[test]
    fn singular_matrices_collapse_to_a_line() {
        let c = page("1,2;2,4");
        assert_eq!(value(c.as_ref(), "det"), Value::Number(0.0));
        assert_eq!(value(c.as_ref(), "flipped"), Value::Null);
        assert_eq!(value(c.as_ref(), "singular"), Value::Bool(true));
        assert!(readout(c.as_ref(), "det").note.contains("collapses to a line: A is singular"));
        assert!(c.summary().contains("collapses to a line: A is singular"), "{}", c.summary());
        let mut t = Timeline::new(1);
        t.finish();
        assert!(c.scene(&t).shapes.iter().any(|s| matches!(s, Shape::Line { .. })));
        let zero = page("0,0;0,0");
        assert!(zero.summary().contains("point"));
        assert_eq!(value(zero.as_ref(), "det"), Value::Number(0.0));
    }

    #[test]
    fn four_by_four_and_larger_compute_without_a_figure() {
        let c = page("1,0,0,0;0,2,0,0;0,0,3,0;0,0,0,-4");
        assert_eq!(value(c.as_ref(), "det"), Value::Number(-24.0));
        let note = c.figure_note().unwrap();
        assert!(note.contains("3×3 in space") && note.contains("4×4"), "{note}");
        assert!(c.handles().is_empty() && c.space_handles().is_empty());
        assert!(c.space(&Timeline::new(0)).is_none());
        assert!(c.stages().is_empty());
        let singular = page("1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,0");
        assert!(singular.summary().contains("A is singular"), "{}", singular.summary());
        let i8 = page("1,0,0,0,0,0,0,0;0,2,0,0,0,0,0,0;0,0,3,0,0,0,0,0;0,0,0,4,0,0,0,0;0,0,0,0,5,0,0,0;0,0,0,0,0,6,0,0;0,0,0,0,0,0,7,0;0,0,0,0,0,0,0,8");
        assert_eq!(value(i8.as_ref(), "det"), Value::Number(40320.0));
    }

    fn finished(c: &dyn Chapter) -> Space {
        let mut t = Timeline::new(c.stages().len());
        t.finish();
        c.space(&t).expect("a 3-D figure")
    }

    fn labels(space: &Space) -> Vec<String> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Label { text, .. } => Some(text.clone()),
                Shape3::Line { label: Some(l), .. } => Some(l.clone()),
                Shape3::Arrow { label: Some(l), .. } => Some(l.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_3x3_matrix_is_drawn_in_space_as_the_box_of_its_columns() {
        let c = page("3,3,3;5,5,3;3,-5,5");
        let Value::Number(d) = value(c.as_ref(), "det") else { panic!() };
        assert!((d + 48.0).abs() < 1e-12);
        assert_eq!(c.figure_note(), None);
        assert!(c.handles().is_empty(), "no plane handles");
        assert_eq!(c.stages(), ["apply A"]);
        assert!(readout(c.as_ref(), "area").note.contains("volume"));
        assert!(!readout(c.as_ref(), "det").note.contains("3-D"));
        let space = finished(c.as_ref());
        let found = labels(&space);
        for l in ["a₁", "a₂", "a₃", "det = −48: mirrored", "x", "y", "z"] {
            assert!(found.iter().any(|f| f == l), "{l} in {found:?}");
        }
        // Six faces, filled in the "mirrored" colour, with corners at sums of the columns.
        let faces: Vec<&Vec<Point3>> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polygon { points, fill: Some(Fill { role: Role::Image, .. }), .. } => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(faces.len(), 6);
        assert!(faces.iter().any(|f| f.contains(&Point3::new(9.0, 13.0, 3.0))), "a₁ + a₂ + a₃ is a corner");
        // The F's: two ghosts on the unit cube, two carried by A, in the reader's colour.
        let strokes: Vec<&Vec<Point3>> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polyline { points, stroke } if stroke.role == Role::Input => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(strokes.len(), 4);
        // The stem's top on the face x = 1: A·(1, 0.3, 0.85).
        let a = Matrix3::new(3.0, 3.0, 3.0, 5.0, 5.0, 3.0, 3.0, -5.0, 5.0);
        assert!((strokes[0][1] - a * Point3::new(1.0, 0.3, 0.85)).norm() < 1e-12);
        assert!(c.summary().contains("left-handed"), "{}", c.summary());
        assert!(c.code().numpy.contains("np.cross(A[:, 1], A[:, 2])"));
        assert!(c.code().nalgebra.contains("let det = a.determinant();"));
    }

    #[test]
    fn the_box_colour_follows_the_sign_of_det() {
        let kept = finished(page("2,0,0;0,1,0;0,0,3").as_ref());
        let mirrored = finished(page("2,0,0;0,-1,0;0,0,3").as_ref());
        let roles = |space: &Space| -> Vec<Role> {
            space
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape3::Polygon { fill: Some(f), .. } => Some(f.role),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(roles(&kept), [Role::Basis1; 6]);
        assert_eq!(roles(&mirrored), [Role::Image; 6]);
        assert!(labels(&kept).contains(&"det = 6: right-handed".to_string()), "{:?}", labels(&kept));
        assert!(labels(&mirrored).contains(&"det = −6: mirrored".to_string()));
        let c = page("2,0,0;0,1,0;0,0,3");
        assert!(c.summary().contains("right-handed"), "{}", c.summary());
        // A mirror in x: the F on the face y = 1 has its bars turned the other way, so it reads backwards.
        let glyphs = |space: &Space| -> Vec<Vec<Point3>> {
            space
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape3::Polyline { points, stroke } if stroke.role == Role::Input => Some(points.clone()),
                    _ => None,
                })
                .collect()
        };
        let f = glyphs(&finished(page("-1,0,0;0,1,0;0,0,1").as_ref()));
        let bar = f[2][2] - f[2][1];
        assert!(bar.x > 0.0, "the top bar of the F on y = 1 points along +x after the mirror: {bar}");
        let f = glyphs(&finished(page("1,0,0;0,1,0;0,0,1").as_ref()));
        assert!((f[2][2] - f[2][1]).x < 0.0);
    }

    #[test]
    fn the_timeline_grows_the_box_from_the_cube_to_a() {
        let c = page("-1,0,0;0,2,0;0,0,1");
        let mut t = Timeline::new(c.stages().len());
        t.scrub(0.0);
        let start = c.space(&t).unwrap();
        assert!(labels(&start).iter().any(|l| l == "e₁") && labels(&start).iter().any(|l| l == "volume × 1"), "{:?}", labels(&start));
        // At the start the box is the unit cube, kept.
        assert!(start.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(Fill { role: Role::Basis1, .. }), .. })));
        t.scrub(1.0);
        let end = c.space(&t).unwrap();
        assert!(labels(&end).iter().any(|l| l == "det = −2: mirrored"));
        assert!(end.shapes.iter().any(|s| matches!(s, Shape3::Arrow { to, .. } if *to == Point3::new(-1.0, 0.0, 0.0))));
        // The axes and ground stay put while the box grows, so the fitted view does not jump.
        let frame = |space: &Space| -> Vec<Shape3> {
            space
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape3::Polyline { stroke, .. } if matches!(stroke.role, Role::Axis | Role::Grid)))
                .cloned()
                .collect()
        };
        assert!(!frame(&end).is_empty());
        assert_eq!(frame(&start), frame(&end));
        // Mid-way, the first column passes through 0 and the box is flat for a moment.
        let mid = (1..100)
            .map(|i| {
                t.scrub(i as f64 / 100.0);
                c.space(&t).unwrap()
            })
            .find(|s| s.shapes.iter().any(|x| matches!(x, Shape3::Polygon { fill: Some(Fill { role: Role::Image, .. }), .. })));
        assert!(mid.is_some(), "the box turns vermillion once a₁ crosses over");
    }

    #[test]
    fn a_singular_3x3_collapses_to_a_plane_a_line_or_a_point() {
        let c = page("1,2,3;4,5,6;7,8,9");
        assert_eq!(value(c.as_ref(), "singular"), Value::Bool(true));
        assert!(c.summary().contains("collapses into a plane"), "{}", c.summary());
        let space = finished(c.as_ref());
        assert!(labels(&space).iter().any(|l| l == "det = 0: flattened into a plane"), "{:?}", labels(&space));
        // The patch lies in the column space, whose normal is (1, −2, 1).
        let normal = Point3::new(1.0, -2.0, 1.0).normalize();
        let patches: Vec<&Vec<Point3>> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polygon { points, fill: Some(Fill { role: Role::Image, alpha }), .. } if *alpha > 0.13 => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(patches.len(), 4);
        assert!(patches.iter().flat_map(|p| p.iter()).all(|p| p.dot(&normal).abs() < 1e-9));
        let line = page("1,2,3;2,4,6;3,6,9");
        assert!(line.summary().contains("onto a line"), "{}", line.summary());
        let space = finished(line.as_ref());
        let along = Point3::new(1.0, 2.0, 3.0).normalize();
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Line { direction, .. } if direction.cross(&along).norm() < 1e-9)));
        assert!(labels(&space).iter().any(|l| l == "det = 0: squashed onto a line"), "{:?}", labels(&space));
        let zero = page("0,0,0;0,0,0;0,0,0");
        assert!(zero.summary().contains("point"), "{}", zero.summary());
        let space = finished(zero.as_ref());
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Dot { role: Role::Image, .. })));
        assert!(labels(&space).iter().any(|l| l == "det = 0: squashed to a point"), "{:?}", labels(&space));
        // A full-rank matrix collapses to nothing.
        assert!(!labels(&finished(page("1,0,0;0,1,0;0,0,1").as_ref())).iter().any(|l| l.contains("flattened") || l.contains("squashed")));
    }

    #[test]
    fn columns_are_handles_in_space_and_dragging_one_changes_det() {
        let mut c = page("1,0,0;0,1,0;0,0,1");
        let names: Vec<String> = c.space_handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["A:0", "A:1", "A:2"]);
        assert_eq!(c.space_handles()[2].at, Point3::z());
        assert!(c.move_space_handle("A:2", Point3::new(0.0, 0.0, -3.0)));
        assert_eq!(value(c.as_ref(), "det"), Value::Number(-3.0));
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(true));
        assert!(c.move_space_handle("A:0", Point3::new(0.0, 1.0, 0.0)));
        assert_eq!(value(c.as_ref(), "det"), Value::Number(0.0));
        assert_eq!(value(c.as_ref(), "singular"), Value::Bool(true));
        assert!(!c.move_space_handle("A:3", Point3::zeros()));
        assert!(!c.move_space_handle("A:1", Point3::new(f64::NAN, 0.0, 0.0)));
        // The plane page has no handles in space.
        let mut plane_page = build();
        assert!(plane_page.space_handles().is_empty());
        assert!(!plane_page.move_space_handle("A:0", Point3::new(1.0, 2.0, 3.0)));
        assert_eq!(value(plane_page.as_ref(), "det"), Value::Number(4.0));
    }

    #[test]
    fn non_square_matrices_are_rejected_with_a_reason() {
        let mut c = build();
        let err = c.set_input("A", DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])).unwrap_err();
        assert!(err.contains("square") && err.contains("2×3"), "{err}");
        assert_eq!(value(c.as_ref(), "det"), Value::Number(4.0));
        let (_, problems) = from_params(find("determinant").unwrap(), &[("A".into(), "1,2".into())]).unwrap();
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn huge_entries_overflow_to_null_with_the_reason() {
        let c = page("1e200,0;0,1e200");
        let det = readout(c.as_ref(), "det");
        assert_eq!(det.value, Value::Null);
        assert!(det.note.contains("overflow") && det.note.contains("10^400"), "{}", det.note);
        assert_eq!(value(c.as_ref(), "area"), Value::Null);
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(false));
        assert!(c.code().numpy.contains("slogdet"));
        // The naive product overflows in the middle; the scaled one does not.
        let c = page("1e200,0,0;0,1e200,0;0,0,1e-200");
        let Value::Number(d) = value(c.as_ref(), "det") else { panic!("{:?}", value(c.as_ref(), "det")) };
        assert!((d / 1e200 - 1.0).abs() < 1e-12, "{d}");
        let c = page("-1e300,1e300;1e300,1e300");
        assert_eq!(value(c.as_ref(), "det"), Value::Null);
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(true));
    }

    #[test]
    fn tiny_entries_give_the_true_tiny_value_or_zero_never_nan() {
        let c = page("1e-200,0;0,1e-100");
        let Value::Number(d) = value(c.as_ref(), "det") else { panic!() };
        assert!((d / 1e-300 - 1.0).abs() < 1e-12, "{d}");
        let c = page("1e-200,0;0,1e-200");
        let det = readout(c.as_ref(), "det");
        assert_eq!(det.value, Value::Number(0.0));
        assert!(det.note.contains("10^-400"), "{}", det.note);
        // Not singular at all: it is a scaled identity.
        assert_eq!(value(c.as_ref(), "singular"), Value::Bool(false));
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(false));
        let c = page("1e-200,3e-200;2e-200,1e-200");
        assert_eq!(value(c.as_ref(), "flipped"), Value::Bool(true));
    }

    #[test]
    fn dragging_a_column_changes_the_determinant() {
        let mut c = build();
        assert!(c.move_handle("A:0", World::new(0.0, 2.0)));
        assert_eq!(value(c.as_ref(), "det"), Value::Number(0.0));
        assert!(c.move_handle("A:0", World::new(2.0, 1.0)));
        assert_eq!(value(c.as_ref(), "det"), Value::Number(4.0));
        assert!(c.move_handle("A:1", World::new(1.0, -2.0)));
        assert_eq!(value(c.as_ref(), "det"), Value::Number(-5.0));
        assert_eq!(value(c.as_ref(), "ad_minus_bc"), Value::Number(-5.0));
        assert!(!c.move_handle("B:0", World::new(1.0, 1.0)));
        assert!(!c.move_handle("A:0", World::new(f64::NAN, 1.0)));
    }

    #[test]
    fn frexp_and_ldexp_round_trip_at_the_edges() {
        for x in [1.0, -3.5, 1e-310, f64::MIN_POSITIVE, f64::MAX, 5e-324, 0.75] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}: {m}");
            assert_eq!(ldexp(m, e), x);
        }
        assert_eq!(frexp(0.0), (0.0, 0));
    }

    proptest! {
        #[test]
        fn readouts_are_finite_or_null_at_any_size_and_scale(n in 1usize..=8, exps in proptest::collection::vec(-300i32..=300, 64), mixed in any::<bool>(),
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 64)) {
            let mut c = build();
            let a = DMatrix::from_fn(n, n, |r, col| entries[r * 8 + col] * 10f64.powi(if mixed { exps[r * 8 + col] } else { exps[0] }));
            c.set_input("A", a).unwrap();
            check_everything(c.as_ref())?;
            // The 3-D figure (3×3) projects to finite points wherever its coordinates are finite.
            let mut t = Timeline::new(c.stages().len());
            t.scrub(0.5);
            for space in [c.space(&t), { t.finish(); c.space(&t) }].into_iter().flatten() {
                let _ = space.project(&crate::view::space::Camera::default());
            }
        }

        #[test]
        fn det_is_multiplicative_and_matches_lu(n in 1usize..=5, entries in proptest::collection::vec(-4.0f64..4.0, 50)) {
            let a = DMatrix::from_fn(n, n, |r, c| entries[r * 5 + c]);
            let b = DMatrix::from_fn(n, n, |r, c| entries[25 + r * 5 + c]);
            let da = determinant(&a).finite().unwrap();
            let db = determinant(&b).finite().unwrap();
            let dab = determinant(&(&a * &b)).finite().unwrap();
            let lu = a.clone().lu().determinant();
            prop_assert!((da - lu).abs() <= 1e-10 * (1.0 + lu.abs()));
            prop_assert!((dab - da * db).abs() <= 1e-8 * (1.0 + (da * db).abs()));
        }

        #[test]
        fn scaling_by_a_power_of_ten_scales_det_by_its_nth_power(k in -150i32..150, entries in proptest::collection::vec(-4.0f64..4.0, 9)) {
            let a = DMatrix::from_row_slice(3, 3, &entries);
            let base = determinant(&a).finite().unwrap();
            prop_assume!(base.abs() > 1e-6);
            let s = 10f64.powi(k);
            match determinant(&(&a * s)) {
                Det::Value(d) if d.abs() > 1e-290 => prop_assert!((d / s / s / s / base - 1.0).abs() < 1e-9),
                Det::Value(_) => {}
                Det::Overflow { log10, negative } | Det::Underflow { log10, negative } => {
                    prop_assert_eq!(negative, base < 0.0);
                    prop_assert!((log10 - (base.abs().log10() + 3.0 * k as f64)).abs() < 1e-9);
                }
            }
        }
    }
}
