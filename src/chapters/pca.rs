//! 2.12 Example: principal components analysis. A point set, its mean and covariance, the principal
//! directions (eigenvectors of the covariance, by descending variance), and a candidate direction d
//! the reader turns: the variance of the points' shadows on d plus the squared length of their drops
//! onto d is the total variance, whatever d is, so the most variance kept is the least error made.

use super::common::{bounds, pick_option, with_background};
use super::common3d::reach;
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SliderRange, SpaceHandle};
use crate::format::{display_number, display_shape, display_tuple};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::state::matrix::MAX_ROWS;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke, CIRCLE_SAMPLES};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, DVector, SymmetricEigen};

/// The figure's views: the points where they are, moved so that their mean is the origin, or each
/// point with its reconstruction from the first k components.
const VIEWS: &[(&str, &str)] = &[("raw", "Raw data"), ("centred", "Centred"), ("reconstruct", "Reconstruction")];
/// How many components the reconstruction keeps, for points with 2 and with 3 coordinates.
const KEEP_2: &[(&str, &str)] = &[("1", "1 component"), ("2", "2 components")];
/// See [`KEEP_2`].
const KEEP_3: &[(&str, &str)] = &[("1", "1 component"), ("2", "2 components"), ("3", "3 components")];
/// Most points a data set may have (generated or pasted).
const MAX_POINTS: usize = 100_000;
/// Each point is a draggable handle only up to this many points: beyond, handles would cover the cloud
/// and cost a DOM element each.
const HANDLED_POINTS: usize = 50;
/// Up to this many points the P readout lists them (the most a link or the editor holds); beyond,
/// the list would be megabytes of JSON rebuilt on every change.
const LISTED_POINTS: usize = MAX_ROWS;
/// Up to this many points each gets its drop (or reconstruction line); beyond, an evenly spaced
/// sample of this many does.
const DRAWN_LINKS: usize = 100;
/// [`DRAWN_LINKS`] in space, where lines at every depth cross the cloud and each other.
const SPACE_LINKS: usize = 40;
/// Up to this many points are drawn as round dots; beyond, as tiny squares in one path.
const ROUND_DOTS: usize = 500;
/// Up to this many points are drawn in space, each a dot; beyond, an evenly spaced sample of this many
/// (the 3-D view sorts every dot by depth on every frame, so the cloud stays bounded).
const SPACE_DOTS: usize = 500;
/// The generator's fixed seed: the same n, corr, noise and dim always give the same points.
const SEED: u64 = 2012;
/// How many points the default data set has.
const DEFAULT_POINTS: usize = 30;
/// Iteration cap of the symmetric eigensolver (it reports `None` instead of looping forever).
const MAX_ITERATIONS: usize = 1000;
/// A dragged direction closer than this to PC₁ snaps onto it.
const SNAP_DEGREES: f64 = 1.0;
/// Two eigenvalues closer than this (relative to the largest) count as repeated.
const REPEATED: f64 = 1e-9;
/// Largest coordinate the figure draws (the same bound as a keyboard-moved handle): beyond it the
/// view cannot zoom out far enough, and the grid's lines would be too far from the origin to step.
const DRAWABLE: f64 = 1e6;
/// Why the variances are not shown for points packed closer than about 1e−154.
const UNDERFLOW: &str = "too small for a 64-bit float (underflow); the components and ratios are still exact";
/// Largest accepted residual of the eigendecomposition, relative to the covariance's size.
const RESIDUAL_TOLERANCE: f64 = 1e-10;

/// The page state: the points (one per row), the candidate direction (unit, one entry per
/// coordinate), the view, how many components the reconstruction keeps, the generator's recipe and
/// whether the points are its output (then the link carries the recipe instead of the points), and
/// the statistics of the points, kept up to date with them.
#[derive(Debug, Clone)]
pub struct Pca {
    p: DMatrix<f64>,
    d: DMatrix<f64>,
    view: &'static str,
    k: usize,
    generator: Generator,
    generated: bool,
    analysis: Analysis,
}

/// Our own deterministic stand-in for the seed's random data (seed 123, x = 5·U(0, 1),
/// y = 2x + 1 + N(0, 1), which numpy's generator makes and we cannot reproduce): 30 points from a
/// hand-rolled linear congruential generator, rounded to two decimals, with d along the x-axis.
pub fn build() -> Box<dyn Chapter> {
    let p = default_points();
    let analysis = Analysis::new(&p);
    Box::new(Pca {
        p,
        d: DMatrix::from_column_slice(2, 1, &[1.0, 0.0]),
        view: VIEWS[0].0,
        k: 1,
        generator: Generator::DEFAULT,
        generated: false,
        analysis,
    })
}

fn default_points() -> DMatrix<f64> {
    // Numerical Recipes' 32-bit LCG: fixed, tiny, and the same on every platform.
    let mut state: u32 = 2012;
    let mut uniform = move || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from(state) / 4_294_967_296.0
    };
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut entries = Vec::with_capacity(2 * DEFAULT_POINTS);
    for _ in 0..DEFAULT_POINTS {
        let x = 5.0 * uniform();
        // Irwin–Hall: four uniforms, centred and scaled to variance 1, are close to a normal draw.
        let noise = (uniform() + uniform() + uniform() + uniform() - 2.0) * 3f64.sqrt();
        entries.push(round(x));
        entries.push(round(2.0 * x + 1.0 + noise));
    }
    DMatrix::from_row_slice(DEFAULT_POINTS, 2, &entries)
}

/// The recipe of the generated data: how many points, the correlation of the underlying signal, the
/// noise added to each coordinate, and how many coordinates each point has (2 or 3).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Generator {
    n: usize,
    corr: f64,
    noise: f64,
    dim: usize,
}

impl Generator {
    /// What the sliders start at before the reader touches them.
    const DEFAULT: Generator = Generator { n: DEFAULT_POINTS, corr: 0.8, noise: 0.3, dim: 2 };

    /// The points: a signal (s₁, s₂) with unit variances and correlation `corr`, plus independent
    /// noise of standard deviation `noise` on each coordinate, scaled by 1.5 around (2, 1) and
    /// rounded to two decimals (so that points dragged afterwards keep short links). The sample
    /// correlation of x and y is close to corr / (1 + noise²). With `dim` = 3 a third coordinate
    /// follows y as y follows x: s₃ = corr·s₂ + √(1 − corr²)·z₃ (so corr(s₁, s₃) = corr²), around 1; its
    /// two extra normal draws come after each point's first four, so x and y use other draws than in 2-D.
    fn points(&self) -> DMatrix<f64> {
        let dim = if self.dim == 3 { 3 } else { 2 };
        let mut normal = Normal::new(SEED);
        let rest = (1.0 - self.corr * self.corr).max(0.0).sqrt();
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let mut entries = Vec::with_capacity(dim * self.n);
        for _ in 0..self.n {
            let (z1, z2) = normal.pair();
            let (e1, e2) = normal.pair();
            let s2 = self.corr * z1 + rest * z2;
            entries.push(round(2.0 + 1.5 * (z1 + self.noise * e1)));
            entries.push(round(1.0 + 1.5 * (s2 + self.noise * e2)));
            if dim == 3 {
                let (z3, e3) = normal.pair();
                entries.push(round(1.0 + 1.5 * (self.corr * s2 + rest * z3 + self.noise * e3)));
            }
        }
        DMatrix::from_row_slice(self.n, dim, &entries)
    }
}

/// Standard normal draws: SplitMix64 (Steele, Lea and Flood's 64-bit generator, the seeding
/// generator of the xoshiro family; a few lines, no dependency, the same stream on every platform)
/// for uniforms, and the Box–Muller transform for pairs of normals.
struct Normal {
    state: u64,
}

impl Normal {
    fn new(seed: u64) -> Normal {
        Normal { state: seed }
    }

    /// A uniform draw in (0, 1]: 53 random bits, never 0 (Box–Muller takes its logarithm).
    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// Two independent standard normal draws.
    fn pair(&mut self) -> (f64, f64) {
        let r = (-2.0 * self.uniform().ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * self.uniform()).sin_cos();
        (r * cos, r * sin)
    }
}

/// `x · 2^e` without overflow or underflow in between (exact while the result is a normal number).
fn ldexp(mut x: f64, mut e: i32) -> f64 {
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
    }
    x * pow2(e)
}

/// 2^e for e in −1022..=1023 (clamped), built from its bits so it is exact.
fn pow2(e: i32) -> f64 {
    let e = e.clamp(-1022, 1023);
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// The exponent of the largest power of two not above `x` (0 for 0), kept in the normal range.
fn exponent(x: f64) -> i32 {
    if x > 0.0 && x.is_finite() {
        (x.log2().floor() as i32).clamp(-1022, 1023)
    } else {
        0
    }
}

/// The eigen-pairs of the covariance, by descending eigenvalue.
#[derive(Debug, Clone, PartialEq)]
struct Eigen {
    /// Eigenvalues of the scaled covariance, descending, ≥ 0.
    values: Vec<f64>,
    /// Unit eigenvectors in the same order, each with its largest-magnitude entry positive.
    vectors: Vec<DVector<f64>>,
}

/// Everything computed from the points, on a scaled copy so that coordinates near 1e±150 (or even
/// 1e±300) neither overflow nor underflow: `x` is the centred data divided by 2^`exp`, with its
/// largest entry in [1, 2) (or all zero), and `cov` is the covariance of `x`. Computed once per
/// change of the points: turning d only reads `cov` (O(1)).
#[derive(Debug, Clone)]
struct Analysis {
    n: usize,
    mean: DVector<f64>,
    x: DMatrix<f64>,
    exp: i32,
    cov: DMatrix<f64>,
    eigen: Result<Eigen, &'static str>,
    /// Σᵢ‖xᵢ − DDᵀxᵢ‖² of the scaled data with D = the first k components, for k = 1, 2, …
    /// (empty when the eigendecomposition failed).
    reconstruction: Vec<f64>,
    /// The largest coordinate magnitude of the points (whether the plane can draw them).
    largest: f64,
}

impl Analysis {
    fn new(p: &DMatrix<f64>) -> Analysis {
        let (n, k) = p.shape();
        let e_in = exponent(p.amax());
        let mut scaled_mean = DVector::zeros(k);
        for j in 0..k {
            let col = p.column(j);
            let first = col[0];
            // A constant column has that constant as its exact mean: no rounding, no false variance.
            scaled_mean[j] = if col.iter().all(|&v| v == first) {
                ldexp(first, -e_in)
            } else {
                col.iter().map(|&v| ldexp(v, -e_in)).sum::<f64>() / n as f64
            };
        }
        let mean = scaled_mean.map(|m| ldexp(m, e_in));
        let centred = DMatrix::from_fn(n, k, |i, j| ldexp(p[(i, j)], -e_in) - scaled_mean[j]);
        let e_c = exponent(centred.amax());
        let x = centred.map(|v| ldexp(v, -e_c));
        let cov = x.transpose() * &x / (n as f64 - 1.0);
        let eigen = eigen(&cov);
        let reconstruction = match &eigen {
            Ok(e) => reconstruction_errors(&x, &e.vectors),
            Err(_) => Vec::new(),
        };
        Analysis { n, mean, x, exp: e_in + e_c, cov, eigen, reconstruction, largest: p.amax() }
    }

    /// A variance of the scaled data, in the data's units (squared).
    fn variance(&self, scaled: f64) -> f64 {
        ldexp(scaled, 2 * self.exp)
    }

    /// Whether the variances are too small for a 64-bit float: when their total is below the
    /// smallest normal float (2.2e−308), it and its parts have lost precision or vanished. (Above it,
    /// a subnormal part is off by at most 2^−1075, negligible next to the total.)
    fn underflows(&self) -> bool {
        self.total() > 0.0 && self.variance(self.total()) < f64::MIN_POSITIVE
    }

    /// A length of the scaled data in the data's units.
    fn length(&self, scaled: f64) -> f64 {
        ldexp(scaled, self.exp)
    }

    /// Total variance of the scaled data (the covariance's trace).
    fn total(&self) -> f64 {
        self.cov.trace()
    }

    /// All points are the same point: no variance at all.
    fn degenerate(&self) -> bool {
        self.x.iter().all(|&v| v == 0.0)
    }

    /// Why PC₁ is not a single direction, if it is not.
    fn pc1_not_unique(&self) -> Option<&'static str> {
        if self.degenerate() {
            return Some("all points are the same point: no direction has any variance");
        }
        match &self.eigen {
            Err(why) => Some(why),
            Ok(e) if e.values[0] - e.values[1] <= REPEATED * e.values[0] => {
                Some("the two largest variances are equal, so no single direction is the first component")
            }
            Ok(_) => None,
        }
    }

    /// Variance of the shadows on the line through the mean along unit `d`, and the mean squared
    /// drop onto that line, both scaled and with the n − 1 denominator. From the covariance alone:
    /// the drops are the shadows on the directions orthogonal to d, so their mean square is the sum
    /// of uᵀΣu over an orthonormal basis u of d's complement (no cancellation, unlike trace − dᵀΣd).
    fn along(&self, d: &DVector<f64>) -> (f64, f64) {
        let quad = |u: &DVector<f64>| (u.transpose() * &self.cov * u)[(0, 0)];
        let lost: f64 = complement(d).iter().map(quad).sum();
        (quad(d).max(0.0), lost.max(0.0))
    }
}

/// An orthonormal basis of the directions orthogonal to unit `d` (2 or 3 entries).
fn complement(d: &DVector<f64>) -> Vec<DVector<f64>> {
    if d.len() == 2 {
        return vec![DVector::from_column_slice(&[-d[1], d[0]])];
    }
    // Start from the axis least aligned with d, remove its d part, and complete with the cross product.
    let axis = (0..d.len()).min_by(|&a, &b| d[a].abs().total_cmp(&d[b].abs())).unwrap_or(0);
    let mut e = DVector::zeros(d.len());
    e[axis] = 1.0;
    let u = (&e - d * d[axis]).normalize();
    let w = DVector::from_column_slice(&[d[1] * u[2] - d[2] * u[1], d[2] * u[0] - d[0] * u[2], d[0] * u[1] - d[1] * u[0]]);
    vec![u, w]
}

/// Σᵢ‖xᵢ − DDᵀxᵢ‖² for D = the first k of `vectors`, for every k from 1 to their number, by
/// subtracting each point's components one at a time.
fn reconstruction_errors(x: &DMatrix<f64>, vectors: &[DVector<f64>]) -> Vec<f64> {
    let mut sums = vec![0.0; vectors.len()];
    let mut residual = DVector::zeros(x.ncols());
    for row in x.row_iter() {
        residual.copy_from(&row.transpose());
        for (k, v) in vectors.iter().enumerate() {
            let c = residual.dot(v);
            residual.axpy(-c, v, 1.0);
            sums[k] += residual.norm_squared();
        }
    }
    sums
}

/// Flips `v` so that its largest-magnitude entry is positive (the first of near-equal ones), a
/// sign that does not flicker while points are dragged around the default data.
fn canonical(mut v: DVector<f64>) -> DVector<f64> {
    let big = v.amax();
    if let Some(i) = v.iter().position(|x| x.abs() >= big * (1.0 - 1e-12)) {
        if v[i] < 0.0 {
            v.neg_mut();
        }
    }
    v
}

/// Eigen-pairs of a symmetric matrix, checked: converged, finite, orthonormal, small residual.
fn eigen(cov: &DMatrix<f64>) -> Result<Eigen, &'static str> {
    let k = cov.nrows();
    let eig = SymmetricEigen::try_new(cov.clone(), f64::EPSILON, MAX_ITERATIONS)
        .ok_or("the eigenvalue iteration did not converge (numerically unstable input)")?;
    if eig.eigenvalues.iter().chain(eig.eigenvectors.iter()).any(|x| !x.is_finite()) {
        return Err("the eigendecomposition produced a non-finite number");
    }
    let size = cov.norm();
    let residual = (cov * &eig.eigenvectors - &eig.eigenvectors * DMatrix::from_diagonal(&eig.eigenvalues)).norm();
    let orthogonality = (eig.eigenvectors.transpose() * &eig.eigenvectors - DMatrix::identity(k, k)).norm();
    if residual > RESIDUAL_TOLERANCE * size || orthogonality > RESIDUAL_TOLERANCE {
        return Err("the eigendecomposition failed its accuracy check (numerically unstable input)");
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
    Ok(Eigen {
        // A covariance has no negative eigenvalues; −1e-17 is rounding and is shown as 0.
        values: order.iter().map(|&i| eig.eigenvalues[i].max(0.0)).collect(),
        vectors: order.iter().map(|&i| canonical(eig.eigenvectors.column(i).into_owned())).collect(),
    })
}

/// `d` with `k` entries: padded with zeros or cut, then made unit (the x-axis if nothing is left).
fn fit_direction(d: &DMatrix<f64>, k: usize) -> DMatrix<f64> {
    let mut out = DMatrix::zeros(k, 1);
    for i in 0..k.min(d.len()) {
        out[i] = d[i];
    }
    unit(out).unwrap_or_else(|| {
        let mut e1 = DMatrix::zeros(k, 1);
        e1[0] = 1.0;
        e1
    })
}

/// `d` scaled to unit length (untouched when it already is, so URLs round-trip exactly); `None` for 0.
fn unit(d: DMatrix<f64>) -> Option<DMatrix<f64>> {
    let big = d.amax();
    if big == 0.0 || !big.is_finite() {
        return None;
    }
    let scaled = &d / big;
    let norm = scaled.norm();
    if (norm * big - 1.0).abs() <= 4.0 * f64::EPSILON {
        return Some(d);
    }
    Some(scaled / norm)
}

/// Degrees between the lines along unit vectors `a` and `b` (0 to 90), accurate near 0.
fn line_angle(a: &DVector<f64>, b: &DVector<f64>) -> f64 {
    let along = a.dot(b).abs();
    let across = (a - b * a.dot(b)).norm();
    across.atan2(along).to_degrees()
}

/// A count with thin spaces between thousands: `100 000`.
fn display_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}

/// `2nd`, `3rd`, `11th`, `200th`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{}{suffix}", display_count(n))
}

fn subscript(i: usize) -> &'static str {
    ["₁", "₂", "₃"].get(i).copied().unwrap_or("")
}

impl Pca {
    /// The reconstruction's choices of k: up to the points' dimension.
    fn keep_options(&self) -> &'static [(&'static str, &'static str)] {
        if self.p.ncols() == 3 {
            KEEP_3
        } else {
            KEEP_2
        }
    }

    fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Replaces the points, refits d to their width and k to their dimension, and recomputes the statistics.
    fn set_points(&mut self, p: DMatrix<f64>) {
        if p.ncols() != self.d.len() {
            self.d = fit_direction(&self.d, p.ncols());
        }
        self.k = self.k.min(p.ncols());
        if (2..=3).contains(&p.ncols()) {
            // The generator makes points like these: a slider moved next keeps their dimension.
            self.generator.dim = p.ncols();
        }
        self.analysis = Analysis::new(&p);
        self.p = p;
    }

    /// Regenerates the points from the generator's recipe.
    fn generate(&mut self) {
        self.set_points(self.generator.points());
        self.generated = true;
    }

    /// The rows that get a drop or reconstruction line: all of them, or an evenly spaced sample.
    fn linked_rows(&self) -> impl Iterator<Item = usize> {
        let n = self.p.nrows();
        if !self.in_space() {
            return every(n, DRAWN_LINKS);
        }
        // In space only a sample of the points is drawn: the lines start at drawn points.
        let dots = n.div_ceil(SPACE_DOTS).max(1);
        (0..n).step_by(dots * n.div_ceil(dots).div_ceil(SPACE_LINKS).max(1))
    }

    /// The reconstruction DDᵀ(x − μ) + μ of point `i` from the first k components (the point itself
    /// when they cannot be computed), in world units.
    fn reconstructed(&self, i: usize) -> World {
        let a = self.analysis();
        let p = self.point(i);
        let Ok(e) = &a.eigen else { return p };
        let mean = Self::mean_point(a);
        let x = p - mean;
        e.vectors.iter().take(self.k).fold(mean, |acc, v| {
            let v = World::new(v[0], v[1]);
            acc + v * x.dot(&v)
        })
    }

    fn direction(&self) -> DVector<f64> {
        DVector::from_column_slice(fit_direction(&self.d, self.p.ncols()).as_slice())
    }

    /// Whether the figure can draw the points: two coordinates, within ±[`DRAWABLE`].
    fn plane(&self) -> bool {
        self.p.ncols() == 2 && self.analysis.largest <= DRAWABLE
    }

    fn point(&self, i: usize) -> World {
        World::new(self.p[(i, 0)], self.p[(i, 1)])
    }

    fn mean_point(a: &Analysis) -> World {
        World::new(a.mean[0], a.mean[1])
    }

    /// How far the figure is shifted towards the centred view (0: raw, the mean: centred).
    fn offset(&self, a: &Analysis, progress: f64) -> World {
        if self.view == "centred" {
            Self::mean_point(a) * progress
        } else {
            World::zeros()
        }
    }

    /// Distance of the d handle from the mean: 1.5 standard deviations of the whole cloud.
    fn handle_radius(a: &Analysis) -> f64 {
        let r = 1.5 * a.length(a.total().sqrt());
        if r > 0.0 && r.is_finite() {
            r
        } else {
            1.0
        }
    }

    fn d_handle(&self, a: &Analysis) -> Handle {
        let d = self.direction();
        let at = Self::mean_point(a) - self.offset(a, 1.0) + World::new(d[0], d[1]) * Self::handle_radius(a);
        let angle = d[1].atan2(d[0]).to_degrees();
        Handle {
            name: "d".into(),
            at,
            role: Role::Input,
            label: format!(
                "direction d = {}, {}° from the x-axis",
                display_tuple(&[d[0], d[1]]),
                display_number((angle * 10.0).round() / 10.0)
            ),
        }
    }

    /// Sets d from a dragged point, snapping onto PC₁ within [`SNAP_DEGREES`].
    fn turn_d(&mut self, to: World) -> bool {
        let a = self.analysis();
        let from = Self::mean_point(a) - self.offset(a, 1.0);
        self.turn_d_along(&[to.x - from.x, to.y - from.y])
    }

    /// Sets d to the direction of `towards` (one entry per coordinate, from the drawn mean), snapping
    /// onto PC₁ within [`SNAP_DEGREES`]; returns whether d changed.
    fn turn_d_along(&mut self, towards: &[f64]) -> bool {
        if towards.len() != self.p.ncols() {
            return false;
        }
        let a = self.analysis();
        let Some(u) = unit(DMatrix::from_column_slice(towards.len(), 1, towards)) else { return false };
        let mut u = DVector::from_column_slice(u.as_slice());
        if let (None, Ok(e)) = (a.pc1_not_unique(), &a.eigen) {
            let pc1 = &e.vectors[0];
            if line_angle(&u, pc1) < SNAP_DEGREES {
                u = if u.dot(pc1) >= 0.0 { pc1.clone() } else { -pc1 };
            }
        }
        let d = DMatrix::from_column_slice(u.len(), 1, u.as_slice());
        let changed = d != self.d;
        self.d = d;
        changed
    }

    /// Moves point `i` so that it is drawn at `to`: directly in the raw view; in the centred view the
    /// mean moves with the point, so solve p′ − mean′ = to for p′.
    fn move_point(&mut self, i: usize, to: World) -> bool {
        self.move_point_to(i, &[to.x, to.y])
    }

    /// [`Pca::move_point`] for any number of coordinates (`to` has one entry per coordinate).
    fn move_point_to(&mut self, i: usize, to: &[f64]) -> bool {
        let (rows, cols) = self.p.shape();
        if i >= rows || to.len() != cols {
            return false;
        }
        let n = rows as f64;
        let centred = self.view == "centred";
        let target: Vec<f64> = (0..cols)
            .map(|j| if centred { (to[j] + self.analysis.mean[j] - self.p[(i, j)] / n) * (n / (n - 1.0)) } else { to[j] })
            .collect();
        if target.iter().any(|x| !x.is_finite()) || (0..cols).all(|j| self.p[(i, j)] == target[j]) {
            return false;
        }
        let mut p = self.p.clone();
        for (j, x) in target.into_iter().enumerate() {
            p[(i, j)] = x;
        }
        self.set_points(p);
        // A dragged point is the reader's own data now: the link carries the points.
        self.generated = false;
        true
    }

    fn components_readout(&self, a: &Analysis) -> Readout {
        let e = match &a.eigen {
            Ok(e) => e,
            Err(why) => return Readout::missing("components", "components", *why),
        };
        let k = e.vectors.len();
        let m = DMatrix::from_fn(k, k, |r, c| e.vectors[r][c]);
        let note = if a.degenerate() {
            "all points are the same point: every direction has zero variance, so these rows are just the axes".to_string()
        } else {
            let mut note = "row i is the unit direction with the i-th largest variance; the sign is chosen so its largest entry is positive (numpy may flip a row)".to_string();
            if e.values.windows(2).any(|w| w[0] - w[1] <= REPEATED * e.values[0]) {
                note.push_str(". Two variances are equal: any orthonormal directions in their plane would do, these are one choice");
            }
            note
        };
        matrix_readout("components", "components", &m, note)
    }

    fn variance_readouts(&self, a: &Analysis) -> [Readout; 2] {
        let e = match &a.eigen {
            Ok(e) => e,
            Err(why) => {
                return [
                    Readout::missing("explained_variance", "explained variance", *why),
                    Readout::missing("explained_variance_ratio", "explained variance ratio", *why),
                ]
            }
        };
        let values: Vec<f64> = e.values.iter().map(|&l| a.variance(l)).collect();
        let variance = if a.underflows() {
            Readout::missing("explained_variance", "explained variance", UNDERFLOW)
        } else {
            vector_readout(
                "explained_variance",
                "explained variance",
                &DMatrix::from_column_slice(values.len(), 1, &values),
                "eigenvalues of the covariance, largest first: the variance of the data along each component",
            )
        };
        let total: f64 = e.values.iter().sum();
        let ratio = if a.degenerate() || total <= 0.0 {
            Readout::missing(
                "explained_variance_ratio",
                "explained variance ratio",
                "undefined: all points are the same point, so there is no variance to share out (0/0)",
            )
        } else {
            let ratios: Vec<f64> = e.values.iter().map(|l| l / total).collect();
            vector_readout(
                "explained_variance_ratio",
                "explained variance ratio",
                &DMatrix::from_column_slice(ratios.len(), 1, &ratios),
                format!("each variance over their sum: PC₁ keeps {}% of the total", display_number((ratios[0] * 1000.0).round() / 10.0)),
            )
        };
        [variance, ratio]
    }

    fn direction_readouts(&self, a: &Analysis) -> Vec<Readout> {
        let d = self.direction();
        let (projected, error) = a.along(&d);
        let on_pc1 = match (a.pc1_not_unique(), &a.eigen) {
            (None, Ok(e)) => Ok(line_angle(&d, &e.vectors[0])),
            (Some(why), _) => Err(why),
            (None, Err(why)) => Err(*why),
        };
        let projected_note = match on_pc1 {
            Ok(angle) if angle < 1e-9 => "d is on PC₁: no direction keeps more variance than this, λ₁".to_string(),
            _ => "the variance of the points' shadows on the line through the mean along d: dᵀΣd".to_string(),
        };
        let variance = |name, label, scaled, note: String| {
            if a.underflows() {
                Readout::missing(name, label, UNDERFLOW)
            } else {
                number_readout(name, label, a.variance(scaled), note)
            }
        };
        vec![
            variance(
                "total_variance",
                "total variance",
                a.total(),
                "the trace of the covariance, = projected variance + lost variance for every d".into(),
            ),
            variance("projected_variance", "projected variance", projected, projected_note),
            variance(
                "lost_variance",
                "lost variance",
                error,
                "the squared lengths of the dotted drops onto d's line, summed and divided by n − 1 like the variance".into(),
            ),
            match on_pc1 {
                Ok(angle) => number_readout(
                    "angle_to_pc1",
                    "angle d to PC₁",
                    angle,
                    if angle < 1e-9 { "d lies on PC₁ (snapped)" } else { "degrees between the line of d and the first component's line" },
                ),
                Err(why) => Readout::missing("angle_to_pc1", "angle d to PC₁", why),
            },
        ]
    }

    /// Σᵢ‖xᵢ − x̂ᵢ‖² for the reconstructions x̂ = DDᵀ(x − μ) + μ from the first k components.
    fn reconstruction_readout(&self, a: &Analysis) -> Readout {
        let label = "reconstruction error, k kept";
        let Some(&scaled) = a.reconstruction.get(self.k - 1) else {
            let why = a.eigen.as_ref().err().copied().unwrap_or("the components could not be computed");
            return Readout::missing("reconstruction_error", label, why);
        };
        if a.underflows() {
            return Readout::missing("reconstruction_error", label, UNDERFLOW);
        }
        let note = if self.k == self.p.ncols() {
            format!("k = {}: all components are kept, so every point is rebuilt exactly (up to rounding)", self.k)
        } else {
            format!(
                "k = {}: the squared distances from each point to DDᵀ(x − μ) + μ, summed; equals (n − 1) × the variance of the dropped components",
                self.k
            )
        };
        number_readout("reconstruction_error", label, a.variance(scaled), note)
    }

    fn scene_plane(&self, t: &Timeline, scene: &mut Scene) {
        let a = self.analysis();
        let o = self.offset(a, t.progress(0));
        let mean = Self::mean_point(a) - o;
        let n = self.p.nrows();
        let cloud = n > ROUND_DOTS;
        if cloud {
            // A dense cloud goes underneath, so that the ellipses, drops and d stay visible on it.
            let role = if self.view == "reconstruct" { Role::Ghost } else { Role::Data };
            self.push_points(scene, (0..n).map(|i| self.point(i) - o), role);
        }
        // The covariance ellipses (1 and 2 standard deviations) and the principal axes, scaled by √λ.
        if let Ok(e) = &a.eigen {
            let axes: Vec<World> = e.vectors.iter().zip(&e.values).map(|(v, &l)| World::new(v[0], v[1]) * a.length(l.sqrt())).collect();
            for (k, fill) in [(2.0, None), (1.0, Some(Fill { role: Role::Eigen, alpha: 0.15 }))] {
                let points = (0..crate::view::scene::CIRCLE_SAMPLES)
                    .map(|s| {
                        let th = s as f64 * std::f64::consts::TAU / crate::view::scene::CIRCLE_SAMPLES as f64;
                        mean + (axes[0] * th.cos() + axes[1] * th.sin()) * k
                    })
                    .collect();
                let stroke = if fill.is_some() { Stroke::solid(Role::Eigen, 1.0) } else { Stroke::dotted(Role::Eigen, 1.0) };
                scene.push(Shape::Polygon { points, fill, stroke: Some(stroke) });
            }
            if !a.degenerate() {
                for (i, (v, axis)) in e.vectors.iter().zip(&axes).enumerate() {
                    scene.push(Shape::Line {
                        through: mean,
                        // The label goes where the line leaves the view along `direction`, clear of the
                        // cloud: point it downwards so the text is not cut off at the top edge.
                        direction: World::new(v[0], v[1]) * if v[1] > 0.0 { -1.0 } else { 1.0 },
                        stroke: Stroke::dashed(Role::Eigen, 1.5),
                        label: Some(format!("PC{}", subscript(i))),
                    });
                    if axis.norm() > 0.0 {
                        scene.arrow_from(mean, mean + axis, Stroke::solid(Role::Eigen, 3.0), "");
                    }
                }
            }
        }
        if self.view == "reconstruct" {
            self.scene_reconstruction(mean, cloud, scene);
            return;
        }
        // The candidate direction, the drops onto it and their feet (for a sample when there are many
        // points), and every point.
        let d = self.direction();
        let dw = World::new(d[0], d[1]);
        scene.push(Shape::Line { through: mean, direction: dw, stroke: Stroke::solid(Role::Input, 1.0), label: None });
        let feet: Vec<(World, World)> = self
            .linked_rows()
            .map(|i| {
                let p = self.point(i) - o;
                (p, mean + dw * (p - mean).dot(&dw))
            })
            .collect();
        for (p, foot) in &feet {
            scene.push(Shape::Polyline { points: vec![*p, *foot], stroke: Stroke::dotted(Role::Image, 1.5) });
        }
        for (_, foot) in &feet {
            scene.push(Shape::Dot { at: *foot, role: Role::Image, radius: 2.5 });
        }
        if !cloud {
            self.push_points(scene, (0..n).map(|i| self.point(i) - o), Role::Data);
        }
        let on_pc1 = matches!((a.pc1_not_unique(), &a.eigen), (None, Ok(e)) if line_angle(&d, &e.vectors[0]) < 1e-9);
        let tip = mean + dw * Self::handle_radius(a);
        scene.arrow_from(mean, tip, Stroke::solid(Role::Input, if on_pc1 { 4.5 } else { 3.0 }), if on_pc1 { "d = PC₁" } else { "d" });
        scene.push(Shape::Dot { at: mean, role: Role::Input, radius: 5.0 });
        // The mean's label sits behind the mean, on the side away from d's arrow.
        scene.push(Shape::Label { at: mean - dw * (0.12 * Self::handle_radius(a)), text: "μ".into(), role: Role::Input });
    }

    /// Each point as a grey ghost (already drawn when it is a dense `cloud`), a dotted line to its reconstruction from the first k components
    /// (for a sample when there are many), and the reconstructions as data points.
    fn scene_reconstruction(&self, mean: World, cloud: bool, scene: &mut Scene) {
        let n = self.p.nrows();
        if !cloud {
            self.push_points(scene, (0..n).map(|i| self.point(i)), Role::Ghost);
        }
        for i in self.linked_rows() {
            scene.push(Shape::Polyline { points: vec![self.point(i), self.reconstructed(i)], stroke: Stroke::dotted(Role::Image, 1.5) });
        }
        self.push_points(scene, (0..n).map(|i| self.reconstructed(i)), Role::Data);
        scene.push(Shape::Dot { at: mean, role: Role::Input, radius: 5.0 });
    }

    /// Points as round dots, or, when there are many, as one cheap set of tiny squares.
    fn push_points(&self, scene: &mut Scene, points: impl Iterator<Item = World>, role: Role) {
        if self.p.nrows() <= ROUND_DOTS {
            for at in points {
                scene.push(Shape::Dot { at, role, radius: if role == Role::Ghost { 3.5 } else { 4.0 } });
            }
        } else {
            // Light, so that the ellipses, components and drops drawn over the cloud stand out.
            scene.push(Shape::Points { at: points.collect(), role, size: 2.0, alpha: 0.35 });
        }
    }
}

/// Every row of `n`, or an evenly spaced sample of at most `cap` of them (deterministic: the same
/// points for the same data).
fn every(n: usize, cap: usize) -> std::iter::StepBy<std::ops::Range<usize>> {
    (0..n).step_by(n.div_ceil(cap.max(1)).max(1))
}

/// A 2- or 3-entry vector as a point in space (a missing third entry is 0).
fn to_point3(v: &DVector<f64>) -> Point3 {
    Point3::from_fn(|i, _| v.get(i).copied().unwrap_or(0.0))
}

/// The 3-D figure: points with three coordinates, drawn in space.
impl Pca {
    /// Whether the figure is drawn in space: three coordinates, within ±[`DRAWABLE`].
    fn in_space(&self) -> bool {
        self.p.ncols() == 3 && self.analysis.largest <= DRAWABLE
    }

    /// Point `i` in space (its first three coordinates).
    fn point3(&self, i: usize) -> Point3 {
        Point3::from_fn(|j, _| if j < self.p.ncols() { self.p[(i, j)] } else { 0.0 })
    }

    /// How far the 3-D figure is shifted towards the centred view (0: raw, the mean: centred).
    fn offset3(&self, a: &Analysis, progress: f64) -> Point3 {
        if self.view == "centred" {
            to_point3(&a.mean) * progress
        } else {
            Point3::zeros()
        }
    }

    /// The reconstruction DDᵀ(x − μ) + μ of point `i` in space from the first k components.
    fn reconstructed3(&self, i: usize) -> Point3 {
        let a = self.analysis();
        let p = self.point3(i);
        let Ok(e) = &a.eigen else { return p };
        let mean = to_point3(&a.mean);
        e.vectors.iter().take(self.k).fold(mean, |acc, v| {
            let v = to_point3(v);
            acc + v * (p - mean).dot(&v)
        })
    }

    /// The handle at the tip of d's arrow, 1.5 standard deviations from the drawn mean.
    fn d_space_handle(&self, a: &Analysis) -> SpaceHandle {
        let d = to_point3(&self.direction());
        SpaceHandle {
            name: "d".into(),
            at: to_point3(&a.mean) - self.offset3(a, 1.0) + d * Self::handle_radius(a),
            role: Role::Input,
            label: format!("direction d = {}", display_tuple(d.as_slice())),
        }
    }

    /// The points (all, or an evenly spaced sample of [`SPACE_DOTS`]), the mean, the principal axes
    /// scaled by √λ, the covariance ellipsoid's three principal sections, and either d with the drops
    /// onto its line or the reconstruction from k components (with the plane of PC₁ and PC₂ for k = 2).
    fn space_figure(&self, t: &Timeline) -> Space {
        let a = self.analysis();
        let o = self.offset3(a, t.progress(0));
        let mean = to_point3(&a.mean) - o;
        let n = self.p.nrows();
        let reconstruct = self.view == "reconstruct";
        let mut space = Space::default();
        // What the axes and the ground reach: the mean, the ellipsoid (one standard deviation) and d,
        // not every point (a few far points would shrink the figure; Fit still shows them).
        let mut extent = vec![mean];
        // The farthest drawn point from the mean: where d's line ends.
        let mut far = 0.0_f64;
        let radius = if n <= HANDLED_POINTS {
            4.0
        } else if n <= SPACE_DOTS {
            3.0
        } else {
            // Small, so that the axes and the ellipsoid inside the sampled cloud still show through it.
            1.5
        };
        for i in every(n, SPACE_DOTS) {
            let at = self.point3(i) - o;
            far = far.max((at - mean).norm());
            let (role, radius) = if reconstruct { (Role::Ghost, radius - 0.5) } else { (Role::Data, radius) };
            space.push(Shape3::Dot { at, role, radius });
        }
        let axes: Vec<Point3> = match &a.eigen {
            Ok(e) if !a.degenerate() => e.vectors.iter().zip(&e.values).map(|(v, &l)| to_point3(v) * a.length(l.sqrt())).collect(),
            _ => Vec::new(),
        };
        if let [u, v, w] = axes.as_slice() {
            // The ellipsoid at one standard deviation, by its sections in the planes of two components.
            for (x, y, main) in [(u, v, true), (v, w, false), (w, u, false)] {
                let points = (0..CIRCLE_SAMPLES)
                    .map(|s| {
                        let th = s as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64;
                        mean + x * th.cos() + y * th.sin()
                    })
                    .collect();
                let (fill, stroke) = if main {
                    (Some(Fill { role: Role::Eigen, alpha: 0.12 }), Stroke::solid(Role::Eigen, 1.25))
                } else {
                    (None, Stroke::dotted(Role::Eigen, 1.25))
                };
                space.push(Shape3::Polygon { points, fill, stroke: Some(stroke) });
            }
            if reconstruct && self.k == 2 {
                space.plane_patch_through(&mean, u, v, 2.0 * u.norm(), Role::Eigen);
            }
            for (i, axis) in axes.iter().enumerate() {
                if axis.norm() > 0.0 {
                    space.push(Shape3::Polyline {
                        points: vec![mean - axis * 1.5, mean + axis * 1.5],
                        stroke: Stroke::dashed(Role::Eigen, 1.25),
                    });
                    space.arrow_from(mean, mean + axis, Stroke::solid(Role::Eigen, 3.0), format!("PC{}", subscript(i)));
                    extent.extend([mean + axis, mean - axis]);
                }
            }
        }
        if reconstruct {
            for i in self.linked_rows() {
                space.push(Shape3::Polyline {
                    points: vec![self.point3(i), self.reconstructed3(i)],
                    stroke: Stroke::dotted(Role::Image, 1.5),
                });
            }
            for i in every(n, SPACE_DOTS) {
                space.push(Shape3::Dot { at: self.reconstructed3(i), role: Role::Data, radius });
            }
        } else {
            // d: its line through the mean, the drops onto it (for a sample when there are many points), its arrow.
            let d = to_point3(&self.direction());
            let r = Self::handle_radius(a);
            let far = if far.is_finite() { far.max(r) } else { r };
            space.push(Shape3::Polyline { points: vec![mean - d * far, mean + d * far], stroke: Stroke::solid(Role::Input, 1.0) });
            for i in self.linked_rows() {
                let p = self.point3(i) - o;
                let foot = mean + d * (p - mean).dot(&d);
                space.push(Shape3::Polyline { points: vec![p, foot], stroke: Stroke::dotted(Role::Image, 1.5) });
                space.push(Shape3::Dot { at: foot, role: Role::Image, radius: 2.5 });
            }
            let on_pc1 = matches!((a.pc1_not_unique(), &a.eigen), (None, Ok(e)) if line_angle(&self.direction(), &e.vectors[0]) < 1e-9);
            let tip = mean + d * r;
            extent.push(tip);
            space.arrow_from(mean, tip, Stroke::solid(Role::Input, if on_pc1 { 4.5 } else { 3.0 }), if on_pc1 { "d = PC₁" } else { "d" });
            space.label(mean - d * (0.2 * r), "μ", Role::Input);
        }
        space.push(Shape3::Dot { at: mean, role: Role::Input, radius: 5.0 });
        space.axes_and_ground(reach(&extent));
        space
    }
}

impl Chapter for Pca {
    /// The scree plot: each component's share of the variance, the running total, and in the
    /// reconstruction view the k kept.
    fn chart(&self) -> Option<crate::view::chart::Chart> {
        use crate::view::chart::{Chart, Marker, Series, SeriesKind, YScale};
        let a = self.analysis();
        let e = a.eigen.as_ref().ok()?;
        let total: f64 = e.values.iter().sum();
        if a.degenerate() || !(total > 0.0 && total.is_finite()) {
            return None;
        }
        let (mut shares, mut running, mut sum) = (Vec::new(), Vec::new(), 0.0);
        for (i, l) in e.values.iter().enumerate() {
            sum += l / total;
            shares.push(((i + 1) as f64, l / total));
            running.push(((i + 1) as f64, sum));
        }
        Some(Chart {
            title: "Scree plot: the variance along each component".into(),
            x_label: "principal component".into(),
            y_label: "share of the total variance".into(),
            y_scale: YScale::Linear,
            series: vec![
                Series { name: "explained variance ratio".into(), kind: SeriesKind::Bars, role: Role::Eigen, points: shares },
                Series { name: "cumulative".into(), kind: SeriesKind::Line, role: Role::Input, points: running },
            ],
            marker: (self.view == "reconstruct").then(|| Marker {
                x: self.k as f64 + 0.5,
                label: format!("k = {}", self.k),
                role: Role::Image,
            }),
        })
    }

    fn explanation(&self) -> &'static str {
        include_str!("pca.html")
    }

    fn inputs(&self) -> Vec<Input> {
        let g = self.generator;
        let scalar = |x: f64| DMatrix::from_element(1, 1, x);
        vec![
            Input { name: "n", kind: InputKind::Scalar, value: scalar(g.n as f64) },
            Input { name: "corr", kind: InputKind::Scalar, value: scalar(g.corr) },
            Input { name: "noise", kind: InputKind::Scalar, value: scalar(g.noise) },
            Input { name: "dim", kind: InputKind::Scalar, value: scalar(g.dim as f64) },
            Input { name: "P", kind: InputKind::Matrix, value: self.p.clone() },
            Input { name: "d", kind: InputKind::Vector, value: self.d.clone() },
        ]
    }

    fn slider(&self, input: &str) -> Option<SliderRange> {
        match input {
            "n" => Some(SliderRange { min: 2.0, max: 1000.0, step: 1.0 }),
            "corr" => Some(SliderRange { min: -1.0, max: 1.0, step: 0.05 }),
            "noise" => Some(SliderRange { min: 0.0, max: 2.0, step: 0.05 }),
            "dim" => Some(SliderRange { min: 2.0, max: 3.0, step: 1.0 }),
            _ => None,
        }
    }

    fn linked(&self, input: &str) -> bool {
        match input {
            // Generated points are linked by their recipe; the reader's own points by themselves, as long
            // as a link can hold them.
            "n" | "corr" | "noise" | "dim" => self.generated,
            "P" => !self.generated && self.p.nrows() <= MAX_ROWS,
            _ => true,
        }
    }

    fn editor_note(&self, input: &str) -> Option<String> {
        if input != "P" {
            return None;
        }
        let n = display_count(self.p.nrows());
        if self.generated {
            Some(format!(
                "The {n} points come from the generator above, so the link carries n, corr, noise and dim instead of the points. Drag a point (up to {HANDLED_POINTS} points) or paste your own to edit them."
            ))
        } else if self.p.nrows() > MAX_ROWS {
            Some(format!(
                "These {n} pasted points are too many to edit cell by cell or to put in a link (at most {MAX_ROWS}): a copied link opens the page without them."
            ))
        } else {
            None
        }
    }

    fn accepts_paste(&self, input: &str) -> bool {
        input == "P"
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        match name {
            "n" | "corr" | "noise" | "dim" if value.len() != 1 => return Err(format!("{name} is one number, not {} entries", value.len())),
            "n" => {
                let n = value[0];
                if n.fract() != 0.0 || !(2.0..=MAX_POINTS as f64).contains(&n) {
                    return Err(format!("n is a whole number of points from 2 to {}", display_count(MAX_POINTS)));
                }
                self.generator.n = n as usize;
                self.generate();
            }
            "corr" => {
                if !(-1.0..=1.0).contains(&value[0]) {
                    return Err("a correlation lies between −1 and 1".into());
                }
                self.generator.corr = value[0];
                self.generate();
            }
            "noise" => {
                if !(0.0..=10.0).contains(&value[0]) {
                    return Err("the noise is a standard deviation from 0 to 10".into());
                }
                self.generator.noise = value[0];
                self.generate();
            }
            "dim" => {
                if value[0] != 2.0 && value[0] != 3.0 {
                    return Err("dim is the number of coordinates of each generated point: 2 or 3".into());
                }
                self.generator.dim = value[0] as usize;
                self.generate();
            }
            "P" => {
                if !(2..=3).contains(&value.ncols()) {
                    return Err(format!("each point needs 2 or 3 coordinates (one point per row), but these rows have {}", value.ncols()));
                }
                if value.nrows() < 2 {
                    return Err("PCA needs at least 2 points (one per row) to have a variance".into());
                }
                if value.nrows() > MAX_POINTS {
                    return Err(format!("at most {} points", display_count(MAX_POINTS)));
                }
                self.set_points(value);
                self.generated = false;
            }
            "d" => {
                if value.ncols() != 1 {
                    return Err("a vector is one row of entries separated by commas".into());
                }
                let Some(d) = unit(value) else { return Err("d is a direction, so it needs a non-zero entry".into()) };
                if d.len() != self.p.ncols() {
                    return Err(format!("d has {} entries but each point has {} coordinates; they must match", d.len(), self.p.ncols()));
                }
                self.d = d;
            }
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![
            Choice { name: "view", label: "Figure", options: VIEWS, current: self.view },
            Choice { name: "k", label: "Reconstruct from", options: self.keep_options(), current: self.keep_options()[self.k - 1].0 },
        ]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "view" => self.view = pick_option(VIEWS, value)?,
            "k" => {
                let known = pick_option(self.keep_options(), value)?;
                self.k = self.keep_options().iter().position(|(v, _)| *v == known).map_or(1, |i| i + 1);
            }
            _ => return Err(format!("this page has no choice called {name}")),
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        if self.view == "centred" {
            vec!["subtract the mean"]
        } else {
            vec![]
        }
    }

    fn handles(&self) -> Vec<Handle> {
        if !self.plane() {
            return Vec::new();
        }
        let a = self.analysis();
        let o = self.offset(a, 1.0);
        let mut out = Vec::new();
        if self.view != "reconstruct" {
            out.push(self.d_handle(a));
        }
        let points = if self.p.nrows() <= HANDLED_POINTS { self.p.nrows() } else { 0 };
        out.extend((0..points).map(|i| {
            let at = self.point(i) - o;
            Handle {
                name: format!("P:{i}"),
                at,
                role: Role::Data,
                label: format!("point {} = {}", i + 1, display_tuple(&[self.p[(i, 0)], self.p[(i, 1)]])),
            }
        }));
        out
    }

    fn snaps(&self, handle: &str) -> bool {
        // The direction turns on a circle: rounding its tip to the lattice would make it jump.
        handle != "d"
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        if !self.plane() || !to.iter().all(|x| x.is_finite()) {
            return false;
        }
        if name == "d" {
            return self.view != "reconstruct" && self.turn_d(to);
        }
        match name.strip_prefix("P:").and_then(|i| i.parse::<usize>().ok()) {
            Some(i) if i < self.p.nrows() && self.p.nrows() <= HANDLED_POINTS => self.move_point(i, to),
            _ => false,
        }
    }

    fn readouts(&self) -> Vec<Readout> {
        let a = self.analysis();
        let mut out = vec![vector_readout(
            "mean",
            "mean μ",
            &DMatrix::from_column_slice(a.mean.len(), 1, a.mean.as_slice()),
            "the average point; PCA works on P − μ",
        )];
        out.push(self.components_readout(a));
        out.extend(self.variance_readouts(a));
        let cov = a.cov.map(|c| a.variance(c));
        out.push(if a.underflows() {
            Readout::missing("covariance", "covariance Σ", UNDERFLOW)
        } else {
            matrix_readout(
                "covariance",
                "covariance Σ",
                &cov,
                format!("(P − μ)ᵀ(P − μ)/(n − 1) with n = {}, as np.cov: variances on the diagonal", a.n),
            )
        });
        out.extend(self.direction_readouts(a));
        out.push(self.reconstruction_readout(a));
        let n = self.p.nrows();
        out.push(if n <= LISTED_POINTS {
            Readout::new("P", "P", Value::matrix(&self.p), format!("{n} points, {}", display_shape(&self.p)))
        } else {
            let origin = if self.generated { "generated from n, corr, noise and dim" } else { "pasted" };
            Readout::missing(
                "P",
                "P",
                format!("{} points ({origin}): too many to list here, the statistics above use them all", display_count(n)),
            )
        });
        out.push(Readout::new("d", "d", Value::vector(&self.d), "the candidate direction, unit length"));
        let g = self.generator;
        let recipe = if self.generated { "the points above are generated from it" } else { "used when a generator input changes" };
        out.push(Readout::new("n", "n (points to generate)", Value::Vector(vec![g.n as f64]), recipe));
        out.push(Readout::new("corr", "corr (signal correlation)", Value::Vector(vec![g.corr]), recipe));
        out.push(Readout::new("noise", "noise (standard deviation)", Value::Vector(vec![g.noise]), recipe));
        out.push(Readout::new("dim", "dim (coordinates per point)", Value::Vector(vec![g.dim as f64]), recipe));
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        if !self.plane() {
            return Scene::default();
        }
        let mut scene = Scene::default();
        self.scene_plane(timeline, &mut scene);
        with_background(scene)
    }

    fn space(&self, timeline: &Timeline) -> Option<Space> {
        self.in_space().then(|| self.space_figure(timeline))
    }

    fn space_handles(&self) -> Vec<SpaceHandle> {
        if !self.in_space() {
            return Vec::new();
        }
        let a = self.analysis();
        let o = self.offset3(a, 1.0);
        let mut out = Vec::new();
        if self.view != "reconstruct" {
            out.push(self.d_space_handle(a));
        }
        let points = if self.p.nrows() <= HANDLED_POINTS { self.p.nrows() } else { 0 };
        out.extend((0..points).map(|i| {
            let p = self.point3(i);
            SpaceHandle {
                name: format!("P:{i}"),
                at: p - o,
                role: Role::Data,
                label: format!("point {} = {}", i + 1, display_tuple(p.as_slice())),
            }
        }));
        out
    }

    fn move_space_handle(&mut self, name: &str, to: Point3) -> bool {
        if !self.in_space() || !to.iter().all(|x| x.is_finite()) {
            return false;
        }
        if name == "d" {
            let a = self.analysis();
            let from = to_point3(&a.mean) - self.offset3(a, 1.0);
            return self.view != "reconstruct" && self.turn_d_along((to - from).as_slice());
        }
        match name.strip_prefix("P:").and_then(|i| i.parse::<usize>().ok()) {
            Some(i) if i < self.p.nrows() && self.p.nrows() <= HANDLED_POINTS => self.move_point_to(i, to.as_slice()),
            _ => false,
        }
    }

    fn figure_note(&self) -> Option<String> {
        if !(2..=3).contains(&self.p.ncols()) {
            return Some(format!(
                "The figure draws points with 2 or 3 coordinates; these {} points have {}, so there is no figure and nothing to drag. The numbers below are still exact.",
                self.p.nrows(),
                self.p.ncols()
            ));
        }
        (!self.plane() && !self.in_space()).then(|| {
            format!(
                "The figure draws coordinates up to ±10⁶; these points reach {}, so there is no figure and nothing to drag. The numbers below are still exact.",
                display_number(self.analysis.largest)
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        if !self.plane() {
            return bounds(&[]);
        }
        let a = self.analysis();
        let o = self.offset(a, 1.0);
        let mut points: Vec<World> = (0..self.p.nrows()).map(|i| self.point(i) - o).collect();
        points.push(self.d_handle(a).at);
        if let Ok(e) = &a.eigen {
            let mean = Self::mean_point(a) - o;
            for (v, &l) in e.vectors.iter().zip(&e.values) {
                let axis = World::new(v[0], v[1]) * a.length(l.sqrt());
                points.push(mean + axis);
                points.push(mean - axis);
            }
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let mut code = self.declarations();
        code.nalgebra = code.nalgebra.replacen("use nalgebra::{DMatrix, DVector};", "use nalgebra::{DMatrix, DVector, SymmetricEigen};", 1);
        for (numpy, torch, rust) in [
            ("mean = P.mean(axis=0)", "mean = P.mean(dim=0)", "let mean = p.row_mean();"),
            (
                "X = P - mean  # centre: PCA has no intercept",
                "X = P - mean  # centre: PCA has no intercept",
                "let x = DMatrix::from_fn(p.nrows(), p.ncols(), |i, j| p[(i, j)] - mean[j]);",
            ),
            (
                "C = np.cov(P, rowvar=False)  # divides by n - 1",
                "C = torch.cov(P.T)  # variables in rows; divides by n - 1",
                "let c = x.transpose() * &x / (p.nrows() as f64 - 1.0);",
            ),
            (
                "lam, V = np.linalg.eigh(C)  # ascending order",
                "lam, V = torch.linalg.eigh(C)  # ascending order",
                "let eig = SymmetricEigen::try_new(c.clone(), f64::EPSILON, 1000).expect(\"converged\");",
            ),
            (
                "order = np.argsort(lam)[::-1]",
                "order = torch.argsort(lam, descending=True)",
                "let mut order: Vec<usize> = (0..c.nrows()).collect();\norder.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));",
            ),
            (
                "explained_variance = lam[order]",
                "explained_variance = lam[order]",
                "let explained_variance: Vec<f64> = order.iter().map(|&i| eig.eigenvalues[i]).collect();",
            ),
            (
                "components = V[:, order].T  # rows; each row's sign is arbitrary",
                "components = V[:, order].T  # rows; each row's sign is arbitrary",
                "let components: Vec<_> = order.iter().map(|&i| eig.eigenvectors.column(i).transpose()).collect();",
            ),
            (
                "explained_variance_ratio = explained_variance / explained_variance.sum()",
                "explained_variance_ratio = explained_variance / explained_variance.sum()",
                "let total: f64 = explained_variance.iter().sum();\nlet ratio: Vec<f64> = explained_variance.iter().map(|l| l / total).collect();",
            ),
            ("projected_variance = d @ C @ d", "projected_variance = d @ C @ d", "let projected_variance = (d.transpose() * &c * &d)[(0, 0)];"),
            (
                "lost_variance = ((X - np.outer(X @ d, d)) ** 2).sum() / (len(P) - 1)",
                "lost_variance = ((X - torch.outer(X @ d, d)) ** 2).sum() / (len(P) - 1)",
                "let r = &x - (&x * &d) * d.transpose();\nlet lost_variance = r.norm_squared() / (p.nrows() as f64 - 1.0);",
            ),
        ] {
            code.line(numpy, torch, rust);
        }
        let k = self.k;
        code.line(
            &format!("k = {k}\nD = components[:k].T  # the first k components, as columns\nR = X @ D @ D.T + mean  # each point rebuilt from k numbers\nreconstruction_error = ((P - R) ** 2).sum()  # = (len(P) - 1) * explained_variance[k:].sum()"),
            &format!("k = {k}\nD = components[:k].T  # the first k components, as columns\nR = X @ D @ D.T + mean  # each point rebuilt from k numbers\nreconstruction_error = ((P - R) ** 2).sum()  # = (len(P) - 1) * explained_variance[k:].sum()"),
            &format!("let k = {k};\nlet dk = DMatrix::from_fn(p.ncols(), k, |i, j| components[j][i]);\nlet reconstruction_error = (&x - &x * &dk * dk.transpose()).norm_squared();"),
        );
        code
    }

    fn summary(&self) -> String {
        let mut summary = self.summary_of_d();
        let n = self.p.nrows();
        if self.in_space() && n > SPACE_DOTS {
            summary.push_str(&format!(
                " The 3-D figure shows an evenly spaced sample of {} of the {} points (every {}); the numbers use them all.",
                every(n, SPACE_DOTS).count(),
                display_count(n),
                ordinal(n.div_ceil(SPACE_DOTS))
            ));
        }
        let linked = self.linked_rows().count();
        if linked < n && (self.plane() || self.in_space()) {
            let lines = if self.view == "reconstruct" { "reconstruction lines" } else { "drops onto d" };
            summary.push_str(&format!(" The {lines} are drawn for {linked} of the {} points.", display_count(n)));
        }
        summary
    }
}

impl Pca {
    /// Code declaring P (its values, the generator's recipe, or a file for many pasted points) and d.
    fn declarations(&self) -> Code {
        let n = self.p.nrows();
        let d = Input { name: "d", kind: InputKind::Vector, value: self.d.clone() };
        if n <= LISTED_POINTS {
            return Code::declare(&[Input { name: "P", kind: InputKind::Matrix, value: self.p.clone() }, d]);
        }
        let mut code = Code::declare(&[d]);
        let (numpy, torch, rust) = if self.generated {
            let g = self.generator;
            let (count, corr, noise) = (g.n, g.corr, g.noise);
            if g.dim == 3 {
                (
                    format!("# The page's recipe with numpy's random numbers: the same distribution, not the same digits.\nrng = np.random.default_rng({SEED})\nn, corr, noise = {count}, {corr:?}, {noise:?}\nz1, z2, z3, e1, e2, e3 = rng.standard_normal((6, n))\ns2 = corr * z1 + np.sqrt(1 - corr**2) * z2\ns3 = corr * s2 + np.sqrt(1 - corr**2) * z3\nP = np.round(np.column_stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (s2 + noise * e2), 1 + 1.5 * (s3 + noise * e3)]), 2)"),
                    format!("# The page's recipe with torch's random numbers: the same distribution, not the same digits.\ng = torch.Generator().manual_seed({SEED})\nn, corr, noise = {count}, {corr:?}, {noise:?}\nz1, z2, z3, e1, e2, e3 = torch.randn(6, n, generator=g, dtype=torch.float64)\ns2 = corr * z1 + (1 - corr**2) ** 0.5 * z2\ns3 = corr * s2 + (1 - corr**2) ** 0.5 * z3\nP = torch.round(torch.stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (s2 + noise * e2), 1 + 1.5 * (s3 + noise * e3)], dim=1), decimals=2)"),
                    format!("// The page's own generator (SplitMix64 and Box–Muller, seed {SEED}): the very same points.\nlet (n, corr, noise) = ({count}_usize, {corr:?}_f64, {noise:?}_f64);\nlet mut state: u64 = {SEED};\nlet mut uniform = || {{\n    state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);\n    let mut z = state;\n    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);\n    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);\n    (((z ^ (z >> 31)) >> 11) + 1) as f64 / (1u64 << 53) as f64\n}};\nlet mut pair = || {{\n    let r = (-2.0 * uniform().ln()).sqrt();\n    let (s, c) = (std::f64::consts::TAU * uniform()).sin_cos();\n    (r * c, r * s)\n}};\nlet round = |x: f64| (x * 100.0).round() / 100.0;\nlet rest = (1.0 - corr * corr).max(0.0).sqrt();\nlet mut entries = Vec::with_capacity(3 * n);\nfor _ in 0..n {{\n    let ((z1, z2), (e1, e2), (z3, e3)) = (pair(), pair(), pair());\n    let s2 = corr * z1 + rest * z2;\n    entries.push(round(2.0 + 1.5 * (z1 + noise * e1)));\n    entries.push(round(1.0 + 1.5 * (s2 + noise * e2)));\n    entries.push(round(1.0 + 1.5 * (corr * s2 + rest * z3 + noise * e3)));\n}}\nlet p = DMatrix::from_row_slice(n, 3, &entries);"),
                )
            } else {
                (
                    format!("# The page's recipe with numpy's random numbers: the same distribution, not the same digits.\nrng = np.random.default_rng({SEED})\nn, corr, noise = {count}, {corr:?}, {noise:?}\nz1, z2, e1, e2 = rng.standard_normal((4, n))\nP = np.round(np.column_stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (corr * z1 + np.sqrt(1 - corr**2) * z2 + noise * e2)]), 2)"),
                    format!("# The page's recipe with torch's random numbers: the same distribution, not the same digits.\ng = torch.Generator().manual_seed({SEED})\nn, corr, noise = {count}, {corr:?}, {noise:?}\nz1, z2, e1, e2 = torch.randn(4, n, generator=g, dtype=torch.float64)\nP = torch.round(torch.stack([2 + 1.5 * (z1 + noise * e1), 1 + 1.5 * (corr * z1 + (1 - corr**2) ** 0.5 * z2 + noise * e2)], dim=1), decimals=2)"),
                    format!("// The page's own generator (SplitMix64 and Box–Muller, seed {SEED}): the very same points.\nlet (n, corr, noise) = ({count}_usize, {corr:?}_f64, {noise:?}_f64);\nlet mut state: u64 = {SEED};\nlet mut uniform = || {{\n    state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);\n    let mut z = state;\n    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);\n    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);\n    (((z ^ (z >> 31)) >> 11) + 1) as f64 / (1u64 << 53) as f64\n}};\nlet mut pair = || {{\n    let r = (-2.0 * uniform().ln()).sqrt();\n    let (s, c) = (std::f64::consts::TAU * uniform()).sin_cos();\n    (r * c, r * s)\n}};\nlet round = |x: f64| (x * 100.0).round() / 100.0;\nlet mut entries = Vec::with_capacity(2 * n);\nfor _ in 0..n {{\n    let ((z1, z2), (e1, e2)) = (pair(), pair());\n    entries.push(round(2.0 + 1.5 * (z1 + noise * e1)));\n    entries.push(round(1.0 + 1.5 * (corr * z1 + (1.0 - corr * corr).max(0.0).sqrt() * z2 + noise * e2)));\n}}\nlet p = DMatrix::from_row_slice(n, 2, &entries);"),
                )
            }
        } else {
            let cols = self.p.ncols();
            (
                format!("P = np.loadtxt(\"points.csv\", delimiter=\",\", ndmin=2)  # the {n} pasted points, saved as CSV"),
                format!("P = torch.tensor(np.loadtxt(\"points.csv\", delimiter=\",\", ndmin=2))  # the {n} pasted points (import numpy as np)"),
                format!("// The {n} pasted points, read from a CSV file ({} per line).\nlet text = std::fs::read_to_string(\"points.csv\").expect(\"points.csv\");\nlet entries: Vec<f64> = text.split([',', '\\n']).filter(|s| !s.trim().is_empty()).map(|s| s.trim().parse().expect(\"a number\")).collect();\nlet p = DMatrix::from_row_slice(entries.len() / {cols}, {cols}, &entries);", if cols == 3 { "x,y,z" } else { "x,y" }),
            )
        };
        code.line(&numpy, &torch, &rust);
        code
    }

    /// The summary's sentence about d and the first component.
    fn summary_of_d(&self) -> String {
        let a = self.analysis();
        if a.degenerate() {
            return "All points are the same point: there is no variance, so no direction is principal.".into();
        }
        let d = self.direction();
        let (projected, _) = a.along(&d);
        let total = a.total();
        let kept = display_number((projected / total * 1000.0).round() / 10.0);
        match (a.pc1_not_unique(), &a.eigen) {
            (None, Ok(e)) => {
                let angle = line_angle(&d, &e.vectors[0]);
                let best = display_number((e.values[0] / total * 1000.0).round() / 10.0);
                if angle < 1e-9 {
                    format!(
                        "d lies on the first principal component: its shadows keep {best}% of the variance, the most any direction can."
                    )
                } else {
                    format!(
                        "d is {}° from the first principal component; the shadows on d keep {kept}% of the variance, PC₁ would keep {best}%.",
                        display_number((angle * 10.0).round() / 10.0)
                    )
                }
            }
            (Some(why), _) => format!("The shadows on d keep {kept}% of the variance; {why}."),
            (None, Err(why)) => format!("The shadows on d keep {kept}% of the variance; {why}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{number, readout, value};
    use crate::chapters::{find, from_params};
    use proptest::prelude::*;

    #[test]
    fn the_scree_chart_shows_each_components_share_and_the_running_total() {
        let c = build();
        let chart = c.chart().expect("a chart for the seed's points");
        let shares: Vec<f64> = chart.series[0].points.iter().map(|p| p.1).collect();
        let ratio = match value(c.as_ref(), "explained_variance_ratio") {
            crate::readout::Value::Vector(v) => v,
            other => panic!("{other:?}"),
        };
        assert_eq!(shares.len(), ratio.len());
        assert!(shares.iter().zip(&ratio).all(|(a, b)| (a - b).abs() < 1e-12), "{shares:?} vs {ratio:?}");
        assert!((chart.series[1].points.last().unwrap().1 - 1.0).abs() < 1e-12);
    }

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let info = find("pca").unwrap();
        let (chapter, problems) = match info.build {
            Some(_) => from_params(info, &params).unwrap(),
            // Also testable before the chapter is registered.
            None => {
                let mut c = build();
                let mut problems = Vec::new();
                for (k, v) in &params {
                    let r = if k == "view" {
                        c.set_choice(k, v)
                    } else {
                        let kind = if k == "d" { InputKind::Vector } else { InputKind::Matrix };
                        Input::parse(kind, v).and_then(|m| c.set_input(k, m))
                    };
                    if let Err(why) = r {
                        problems.push(why);
                    }
                }
                (c, problems)
            }
        };
        assert!(problems.is_empty(), "{problems:?}");
        chapter
    }

    fn vector(chapter: &dyn Chapter, name: &str) -> Vec<f64> {
        match value(chapter, name) {
            Value::Vector(x) => x,
            v => panic!("{name} = {v:?}"),
        }
    }

    fn matrix(chapter: &dyn Chapter, name: &str) -> Vec<Vec<f64>> {
        match value(chapter, name) {
            Value::Matrix(x) => x,
            v => panic!("{name} = {v:?}"),
        }
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * (1.0 + b.abs())
    }

    /// The textbook closed form for a symmetric 2×2 [[a, b], [b, c]]: eigenvalues (descending) and
    /// the first unit eigenvector, computed independently of nalgebra.
    fn closed_form(a: f64, b: f64, c: f64) -> (f64, f64, [f64; 2]) {
        let mid = (a + c) / 2.0;
        let r = ((a - c) / 2.0).hypot(b);
        let (l1, l2) = (mid + r, mid - r);
        let v = if b != 0.0 {
            [b, l1 - a]
        } else if a >= c {
            [1.0, 0.0]
        } else {
            [0.0, 1.0]
        };
        let norm = v[0].hypot(v[1]);
        (l1, l2, [v[0] / norm, v[1] / norm])
    }

    /// Plain two-pass statistics, straight from the definitions, for comparison.
    fn reference(points: &[[f64; 2]]) -> ([f64; 2], [[f64; 2]; 2]) {
        let n = points.len() as f64;
        let mean = [points.iter().map(|p| p[0]).sum::<f64>() / n, points.iter().map(|p| p[1]).sum::<f64>() / n];
        let mut cov = [[0.0; 2]; 2];
        for p in points {
            for i in 0..2 {
                for j in 0..2 {
                    cov[i][j] += (p[i] - mean[i]) * (p[j] - mean[j]) / (n - 1.0);
                }
            }
        }
        (mean, cov)
    }

    fn rows(m: &DMatrix<f64>) -> Vec<[f64; 2]> {
        m.row_iter().map(|r| [r[0], r[1]]).collect()
    }

    #[test]
    fn the_default_is_thirty_points_along_y_equals_2x_plus_1() {
        let c = build();
        let p = match value(c.as_ref(), "P") {
            Value::Matrix(p) => p,
            v => panic!("{v:?}"),
        };
        assert_eq!(p.len(), DEFAULT_POINTS);
        assert!(p.iter().all(|r| (0.0..=5.0).contains(&r[0]) && (r[1] - (2.0 * r[0] + 1.0)).abs() < 3.5), "{p:?}");
        // Two decimals, so the URL stays short.
        assert!(p.iter().flatten().all(|x| (x * 100.0 - (x * 100.0).round()).abs() < 1e-9));
        let url: usize = crate::chapters::to_params(c.as_ref()).iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        assert!(url < 1000, "{url}");
        // Like the seed's data: PC₁ about 65° from the x-axis, keeping about 97% of the variance.
        let pc = matrix(c.as_ref(), "components");
        let angle = pc[0][1].atan2(pc[0][0]).to_degrees();
        assert!((60.0..70.0).contains(&angle), "{angle}");
        let ratio = vector(c.as_ref(), "explained_variance_ratio");
        assert!(ratio[0] > 0.95 && ratio[0] < 0.99, "{ratio:?}");
        // Our statistics equal the textbook definitions and the closed form.
        let (mean, cov) = reference(&rows(&default_points()));
        let got = vector(c.as_ref(), "mean");
        assert!(close(got[0], mean[0], 1e-13) && close(got[1], mean[1], 1e-13));
        let got = matrix(c.as_ref(), "covariance");
        for i in 0..2 {
            for j in 0..2 {
                assert!(close(got[i][j], cov[i][j], 1e-12), "{got:?} {cov:?}");
            }
        }
        let (l1, l2, v1) = closed_form(cov[0][0], cov[0][1], cov[1][1]);
        let ev = vector(c.as_ref(), "explained_variance");
        assert!(close(ev[0], l1, 1e-12) && close(ev[1], l2, 1e-10), "{ev:?} vs {l1} {l2}");
        assert!((pc[0][0].abs() - v1[0].abs()).abs() < 1e-12 && (pc[0][1].abs() - v1[1].abs()).abs() < 1e-12);
        // The default d is the x-axis: the projected variance is the variance of x.
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![1.0, 0.0]));
        assert!(close(number(c.as_ref(), "projected_variance"), cov[0][0], 1e-12));
        assert!(close(number(c.as_ref(), "lost_variance"), cov[1][1], 1e-12));
    }

    #[test]
    fn the_seeds_small_example_matches_hand_computation() {
        // The contract's example P = (0,2), (1,4), (2,0): mean (1, 2), covariance [[1, −1], [−1, 4]].
        let c = page(&[("P", "0,2;1,4;2,0")]);
        assert_eq!(vector(c.as_ref(), "mean"), vec![1.0, 2.0]);
        assert_eq!(matrix(c.as_ref(), "covariance"), vec![vec![1.0, -1.0], vec![-1.0, 4.0]]);
        let (l1, l2, v1) = closed_form(1.0, -1.0, 4.0);
        let ev = vector(c.as_ref(), "explained_variance");
        assert!(close(ev[0], l1, 1e-14) && close(ev[1], l2, 1e-14), "{ev:?}");
        let pc = matrix(c.as_ref(), "components");
        // Stable sign: the largest entry of each row is positive.
        assert!(pc[0][1] > 0.0 && pc[0][1].abs() > pc[0][0].abs());
        assert!(close(pc[0][0], -v1[0].abs(), 1e-14) && close(pc[0][1], v1[1].abs(), 1e-14), "{pc:?} {v1:?}");
        let ratio = vector(c.as_ref(), "explained_variance_ratio");
        assert!(close(ratio[0] + ratio[1], 1.0, 1e-15));
        assert!(close(number(c.as_ref(), "total_variance"), 5.0, 1e-15));
    }

    #[test]
    fn invalid_point_sets_are_rejected_with_a_sentence() {
        let mut c = build();
        let err = c.set_input("P", DMatrix::from_row_slice(1, 2, &[1.0, 2.0])).unwrap_err();
        assert!(err.contains("at least 2 points"), "{err}");
        let err = c.set_input("P", DMatrix::from_row_slice(2, 4, &[1.0; 8])).unwrap_err();
        assert!(err.contains("2 or 3 coordinates") && err.contains("have 4"), "{err}");
        let err = c.set_input("P", DMatrix::from_row_slice(2, 1, &[1.0, 2.0])).unwrap_err();
        assert!(err.contains("have 1"), "{err}");
        let err = c.set_input("P", DMatrix::from_row_slice(2, 2, &[1.0, f64::NAN, 0.0, 0.0])).unwrap_err();
        assert!(err.contains("finite"), "{err}");
        let err = c.set_input("d", DMatrix::zeros(2, 1)).unwrap_err();
        assert!(err.contains("non-zero"), "{err}");
        let err = c.set_input("d", DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 1.0])).unwrap_err();
        assert!(err.contains("must match"), "{err}");
        assert!(c.set_input("Q", DMatrix::zeros(2, 2)).is_err());
        assert!(c.set_choice("view", "<b>").is_err());
        assert!(c.set_choice("nope", "raw").is_err());
        // Nothing changed.
        assert_eq!(c.inputs(), build().inputs());
    }

    #[test]
    fn d_is_kept_unit_and_exact() {
        let mut c = build();
        c.set_input("d", DMatrix::from_column_slice(2, 1, &[12.0, 26.0])).unwrap();
        let d = vector(c.as_ref(), "d");
        assert!(close(d[0].hypot(d[1]), 1.0, 1e-15) && close(d[1] / d[0], 26.0 / 12.0, 1e-14));
        // A unit d is stored untouched, so URLs round-trip bit for bit.
        let unit_d = DMatrix::from_column_slice(2, 1, &[0.6, 0.8]);
        c.set_input("d", unit_d.clone()).unwrap();
        assert_eq!(c.inputs()[5].value, unit_d);
        c.set_input("d", DMatrix::from_column_slice(2, 1, &[1e300, 1e300])).unwrap();
        let d = vector(c.as_ref(), "d");
        assert!(close(d[0], std::f64::consts::FRAC_1_SQRT_2, 1e-15), "{d:?}");
    }

    #[test]
    fn all_points_equal_have_no_ratio_and_say_why() {
        for p in ["3,4;3,4;3,4", "0.1,0.1;0.1,0.1;0.1,0.1", "1e-200,-1e-200;1e-200,-1e-200"] {
            let c = page(&[("P", p)]);
            let ratio = readout(c.as_ref(), "explained_variance_ratio");
            assert_eq!(ratio.value, Value::Null, "{p}");
            assert!(ratio.note.contains("same point"), "{}", ratio.note);
            assert_eq!(vector(c.as_ref(), "explained_variance"), vec![0.0, 0.0], "{p}");
            assert_eq!(readout(c.as_ref(), "angle_to_pc1").value, Value::Null);
            assert!(readout(c.as_ref(), "components").note.contains("every direction"));
            assert_eq!(number(c.as_ref(), "projected_variance"), 0.0);
            assert_eq!(number(c.as_ref(), "lost_variance"), 0.0);
            assert!(c.summary().contains("same point"));
            // The mean of equal points is that point exactly.
            let first: Vec<f64> = p.split(';').next().unwrap().split(',').map(|x| x.parse().unwrap()).collect();
            assert_eq!(vector(c.as_ref(), "mean"), first);
            let _ = c.scene(&Timeline::new(0));
        }
    }

    #[test]
    fn repeated_eigenvalues_say_the_components_are_not_unique() {
        // The corners of a square: the covariance is a multiple of the identity.
        let c = page(&[("P", "0,0;1,0;0,1;1,1")]);
        let ev = vector(c.as_ref(), "explained_variance");
        assert!(close(ev[0], 1.0 / 3.0, 1e-15) && close(ev[1], 1.0 / 3.0, 1e-15));
        assert!(readout(c.as_ref(), "components").note.contains("any orthonormal"));
        let angle = readout(c.as_ref(), "angle_to_pc1");
        assert_eq!(angle.value, Value::Null);
        assert!(angle.note.contains("equal"));
        assert_eq!(vector(c.as_ref(), "explained_variance_ratio"), vec![0.5, 0.5]);
    }

    #[test]
    fn collinear_points_have_a_zero_second_variance() {
        let c = page(&[("P", "0,1;1,3;2,5;3,7")]);
        let ev = vector(c.as_ref(), "explained_variance");
        assert!(ev[1] >= 0.0 && ev[1] < 1e-14 * ev[0], "{ev:?}");
        let pc = matrix(c.as_ref(), "components");
        assert!(close(pc[0][1] / pc[0][0], 2.0, 1e-14), "{pc:?}");
        assert!(close(vector(c.as_ref(), "explained_variance_ratio")[0], 1.0, 1e-14));
    }

    #[test]
    fn scale_does_not_matter_from_1e_minus_150_to_1e150() {
        let base = page(&[("P", "0,2;1,4;2,0;3,3")]);
        let pc = matrix(base.as_ref(), "components");
        let ev = vector(base.as_ref(), "explained_variance");
        let ratio = vector(base.as_ref(), "explained_variance_ratio");
        for s in [1e-150, 1e-100, 1e-5, 1e10, 1e100, 1e150] {
            let p = format!("{:e},{:e};{:e},{:e};{:e},{:e};{:e},{:e}", 0.0, 2.0 * s, s, 4.0 * s, 2.0 * s, 0.0, 3.0 * s, 3.0 * s);
            let c = page(&[("P", &p)]);
            let got = matrix(c.as_ref(), "components");
            for (r, g) in pc.iter().zip(&got) {
                for (a, b) in r.iter().zip(g) {
                    assert!((a - b).abs() < 1e-14, "{s}: {got:?}");
                }
            }
            let got = vector(c.as_ref(), "explained_variance");
            assert!(close(got[0] / (s * s), ev[0], 1e-13) && close(got[1] / (s * s), ev[1], 1e-13), "{s}: {got:?}");
            assert_eq!(vector(c.as_ref(), "explained_variance_ratio").len(), 2);
            assert!(close(vector(c.as_ref(), "explained_variance_ratio")[0], ratio[0], 1e-14));
        }
    }

    #[test]
    fn huge_and_tiny_coordinates_give_finite_values_or_null_with_a_reason() {
        // 1e200: variances are 1e400, beyond f64; the directions and ratios still exist.
        let c = page(&[("P", "0,2e200;1e200,4e200;2e200,0")]);
        let ev = readout(c.as_ref(), "explained_variance");
        assert_eq!(ev.value, Value::Null);
        assert!(ev.note.contains("overflow"), "{}", ev.note);
        assert_eq!(value(c.as_ref(), "covariance"), Value::Null);
        let (l1, l2, _) = closed_form(1.0, -1.0, 4.0);
        assert!(close(vector(c.as_ref(), "explained_variance_ratio")[0], l1 / (l1 + l2), 1e-14));
        assert!(close(vector(c.as_ref(), "mean")[1], 2e200, 1e-15));
        assert_eq!(matrix(c.as_ref(), "components").len(), 2);
        // Near the largest f64: the mean and the centring still do not overflow.
        let c = page(&[("P", "1.7e308,-1.7e308;-1.7e308,1.7e308;1e308,1e308")]);
        assert!(vector(c.as_ref(), "mean").iter().all(|x| x.is_finite()));
        assert_eq!(matrix(c.as_ref(), "components").len(), 2);
        // 1e-200: variances are 1e-400, below f64; the reason is underflow, not "zero".
        let c = page(&[("P", "0,2e-200;1e-200,4e-200;2e-200,0")]);
        let ev = readout(c.as_ref(), "explained_variance");
        assert_eq!(ev.value, Value::Null);
        assert!(ev.note.contains("underflow"), "{}", ev.note);
        assert!(close(vector(c.as_ref(), "explained_variance_ratio")[0], l1 / (l1 + l2), 1e-14));
        // Every readout is finite or null, always.
        for c in [c, page(&[("P", "1e308,1e308;-1e308,-1e308")])] {
            for r in c.readouts() {
                assert!(!r.value.to_json().contains("NaN") && !r.value.to_json().contains("inf"), "{r:?}");
            }
        }
    }

    #[test]
    fn points_beyond_a_million_compute_but_do_not_draw() {
        let c = page(&[("P", "1e150,2e150;3e150,1e150;2e150,5e150")]);
        assert!(c.figure_note().is_some_and(|n| n.contains("10⁶") && n.contains("5e150")), "{:?}", c.figure_note());
        assert!(c.handles().is_empty());
        assert!(c.scene(&Timeline::new(0)).shapes.is_empty());
        assert_eq!(vector(c.as_ref(), "explained_variance").len(), 2);
        let c = page(&[("P", "1e6,0;0,-1e6")]);
        assert!(c.figure_note().is_none());
        assert_eq!(c.handles().len(), 3);
    }

    /// The arrows of a 3-D figure with their labels: (label, from, to).
    fn space_arrows(space: &Space) -> Vec<(String, Point3, Point3)> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Arrow { from, to, label: Some(l), .. } => Some((l.clone(), *from, *to)),
                _ => None,
            })
            .collect()
    }

    fn space_dots(space: &Space, role: Role) -> Vec<Point3> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Dot { at, role: r, .. } if *r == role => Some(*at),
                _ => None,
            })
            .collect()
    }

    fn near3(a: Point3, b: Point3) -> bool {
        (a - b).norm() <= 1e-12 * (1.0 + b.norm())
    }

    #[test]
    fn three_coordinates_are_drawn_in_space() {
        let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![1.0, 0.0, 0.0]));
        assert_eq!(vector(c.as_ref(), "explained_variance").len(), 3);
        let pc = matrix(c.as_ref(), "components");
        for i in 0..3 {
            for j in 0..3 {
                let dot: f64 = (0..3).map(|k| pc[i][k] * pc[j][k]).sum();
                assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14);
            }
        }
        // No note and no plane figure: the figure is in space.
        assert_eq!(c.figure_note(), None);
        assert!(c.handles().is_empty() && c.scene(&Timeline::new(0)).shapes.is_empty());
        assert!(!c.move_handle("d", World::new(1.0, 1.0)));
        let space = c.space(&Timeline::new(0)).expect("a 3-D figure");
        let names: Vec<String> = c.space_handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["d", "P:0", "P:1", "P:2", "P:3"]);
        assert!(c.space_handles()[4].label.contains("point 4 = (1, 1, 1)"), "{}", c.space_handles()[4].label);
        // The points, the mean, and the three principal axes from the mean, along the components and √λ long.
        let mean = Point3::from_vec(vector(c.as_ref(), "mean"));
        assert_eq!(space_dots(&space, Role::Data).len(), 4);
        assert!(space_dots(&space, Role::Input).iter().any(|m| near3(*m, mean)));
        let ev = vector(c.as_ref(), "explained_variance");
        let arrows = space_arrows(&space);
        for i in 0..3 {
            let (_, from, to) = arrows.iter().find(|(l, ..)| *l == format!("PC{}", subscript(i))).expect("a labelled PC arrow");
            assert!(near3(*from, mean));
            assert!(near3(to - from, Point3::new(pc[i][0], pc[i][1], pc[i][2]) * ev[i].sqrt()), "PC{i}: {}", to - from);
        }
        // d's arrow from the mean, and the ellipsoid's three sections around the mean.
        assert!(arrows.iter().any(|(l, from, to)| l == "d" && near3(*from, mean) && (to - from).normalize() == Point3::x()));
        let sections: Vec<&Vec<Point3>> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polygon { points, stroke: Some(st), .. } if st.role == Role::Eigen => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(sections.len(), 3);
        for points in sections {
            let centre = points.iter().sum::<Point3>() / points.len() as f64;
            assert!(near3(centre, mean), "{centre}");
        }
        // d in space: the readouts follow it.
        c.set_input("d", DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 2.0])).unwrap();
        let ev = vector(c.as_ref(), "explained_variance");
        let total = number(c.as_ref(), "total_variance");
        assert!(close(ev.iter().sum::<f64>(), total, 1e-14));
        let cov = matrix(c.as_ref(), "covariance");
        assert!(close(number(c.as_ref(), "projected_variance"), cov[2][2], 1e-14));
        // Beyond a million, no figure; back to the plane: d follows the width.
        c.set_input("P", DMatrix::from_row_slice(2, 3, &[0.0, 0.0, 0.0, 2e6, 0.0, 1.0])).unwrap();
        assert!(c.space(&Timeline::new(0)).is_none() && c.space_handles().is_empty());
        assert!(c.figure_note().is_some_and(|n| n.contains("10⁶")));
        c.set_input("P", DMatrix::from_row_slice(3, 2, &[0.0, 1.0, 2.0, 3.0, 5.0, 4.0])).unwrap();
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![1.0, 0.0]));
        assert!(c.space(&Timeline::new(0)).is_none());
    }

    #[test]
    fn dragging_in_space_moves_points_and_turns_d() {
        let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
        let mean = Point3::from_vec(vector(c.as_ref(), "mean"));
        assert!(c.move_space_handle("P:3", Point3::new(5.0, 1.0, 1.0)));
        let moved = Point3::from_vec(vector(c.as_ref(), "mean"));
        assert!(near3(moved, mean + Point3::new(1.0, 0.0, 0.0)), "{moved}");
        assert!(matrix(c.as_ref(), "P")[3] == [5.0, 1.0, 1.0]);
        assert!(!c.move_space_handle("P:4", Point3::zeros()) && !c.move_space_handle("P:0", Point3::new(f64::NAN, 0.0, 0.0)));
        // d turns towards the dragged tip, and snaps onto PC₁ within a degree.
        assert!(c.move_space_handle("d", moved + Point3::new(0.0, 0.0, 2.0)));
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![0.0, 0.0, 1.0]));
        let pc1 = Point3::from_row_slice(&matrix(c.as_ref(), "components")[0]);
        let nearly = nalgebra::Rotation3::from_axis_angle(&Point3::z_axis(), 0.5f64.to_radians()) * pc1;
        assert!(c.move_space_handle("d", moved + nearly * 3.0));
        assert_eq!(number(c.as_ref(), "angle_to_pc1"), 0.0);
        // In the centred view a dragged point lands where it was dropped, though the mean moves with it.
        c.set_choice("view", "centred").unwrap();
        let to = Point3::new(-2.0, 1.0, 0.5);
        assert!(c.move_space_handle("P:0", to));
        let h = c.space_handles().into_iter().find(|h| h.name == "P:0").unwrap();
        assert!(near3(h.at, to), "{}", h.at);
        // In the reconstruction view, d is not a handle.
        c.set_choice("view", "reconstruct").unwrap();
        assert!(!c.move_space_handle("d", Point3::new(1.0, 1.0, 1.0)));
        assert_eq!(c.space_handles()[0].name, "P:0");
    }

    #[test]
    fn a_page_drags_and_nudges_points_in_space() {
        use crate::page::{Msg, Page};
        let params = [("P".to_string(), "1,0,0;0,2,0;0,0,3;1,1,1".to_string())];
        let mut page = Page::open(find("pca").unwrap(), &params, vec![]).unwrap();
        assert!(page.in_space());
        let names: Vec<String> = page.handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["d", "P:0", "P:1", "P:2", "P:3", "orbit"]);
        let mean = vector(page.chapter(), "mean");
        // The up arrow on a point moves it one unit along z (the axis that looks most like up).
        assert!(page.update(Msg::Nudge { handle: "P:0".into(), dx: 0.0, dy: 1.0, fine: false }).state);
        let after = vector(page.chapter(), "mean");
        assert!(close(after[2], mean[2] + 0.25, 1e-14) && after[0] == mean[0], "{after:?}");
        // Orbiting changes no readout.
        let readouts = page.readouts();
        page.update(Msg::Pan { dx: 40.0, dy: 10.0 });
        assert_eq!(page.readouts(), readouts);
        assert_ne!(page.camera, crate::view::space::Camera::default());
    }

    #[test]
    fn the_reconstruction_in_space_lies_on_the_kept_components() {
        let p = DMatrix::from_row_slice(5, 3, &[0.0, 0.0, 0.0, 2.0, 1.0, 0.5, 4.0, 1.5, -0.5, 1.0, 3.0, 1.0, -1.0, 0.5, 2.0]);
        for k in 1..=3 {
            let mut c = pca_of(&p, k);
            c.set_choice("view", "reconstruct").unwrap();
            let space = c.space(&Timeline::new(0)).unwrap();
            let e = c.analysis.eigen.clone().unwrap();
            let mean = to_point3(&c.analysis.mean);
            let rebuilt = space_dots(&space, Role::Data);
            assert_eq!((rebuilt.len(), space_dots(&space, Role::Ghost).len()), (5, 5));
            for (i, r) in rebuilt.iter().enumerate() {
                // What is left of the point after its reconstruction is orthogonal to the kept components.
                let rest = c.point3(i) - r;
                for v in e.vectors.iter().take(k) {
                    assert!(rest.dot(&to_point3(v)).abs() < 1e-12, "k = {k}");
                }
                // And the reconstruction has no part along the dropped ones.
                for v in e.vectors.iter().skip(k) {
                    assert!((r - mean).dot(&to_point3(v)).abs() < 1e-12, "k = {k}");
                }
            }
            let patches =
                space.shapes.iter().filter(|s| matches!(s, Shape3::Polygon { fill: Some(f), stroke: None, .. } if f.alpha > 0.13)).count();
            assert_eq!(patches, if k == 2 { 4 } else { 0 }, "the plane of PC₁ and PC₂ only for k = 2");
            // The patch goes through the mean, along PC₁ and PC₂.
            for s in &space.shapes {
                if let Shape3::Polygon { points, stroke: None, .. } = s {
                    assert!(points.iter().all(|q| (q - mean).dot(&to_point3(&e.vectors[2])).abs() < 1e-12));
                    assert!(near3(points[0], mean));
                }
            }
            assert_eq!(
                space.shapes.iter().filter(|s| matches!(s, Shape3::Polyline { stroke, .. } if stroke.role == Role::Image)).count(),
                5
            );
        }
    }

    #[test]
    fn a_hundred_thousand_points_in_space_draw_a_bounded_sample() {
        let n = 100_000;
        let mut normal = Normal::new(7);
        let mut entries = Vec::with_capacity(3 * n);
        for _ in 0..n {
            let ((a, b), (c, _)) = (normal.pair(), normal.pair());
            entries.extend([3.0 * a, a + b, 0.5 * c]);
        }
        let mut c: Box<dyn Chapter> = Box::new(pca_of(&DMatrix::from_row_slice(n, 3, &entries), 1));
        for view in ["raw", "reconstruct"] {
            c.set_choice("view", view).unwrap();
            let space = c.space(&Timeline::new(0)).unwrap();
            let dots = space.shapes.iter().filter(|s| matches!(s, Shape3::Dot { .. })).count();
            assert!(dots <= 2 * SPACE_DOTS + SPACE_LINKS + 1, "{view}: {dots}");
            assert!(space.shapes.len() <= 2 * SPACE_DOTS + 2 * SPACE_LINKS + 80, "{view}: {}", space.shapes.len());
            assert_eq!(space_dots(&space, if view == "raw" { Role::Data } else { Role::Ghost }).len(), SPACE_DOTS);
        }
        c.set_choice("view", "raw").unwrap();
        // Every drop starts at a drawn point (1000 points: every 2nd is drawn, every 26th has its drop).
        let some = pca_of(&DMatrix::from_row_slice(1000, 3, &entries[..3000]), 1);
        let space = some.space(&Timeline::new(0)).unwrap();
        let drawn = space_dots(&space, Role::Data);
        let drops: Vec<&Vec<Point3>> = space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Polyline { points, stroke } if stroke.role == Role::Image => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!((drawn.len(), drops.len()), (500, 39));
        assert!(drops.iter().all(|d| drawn.contains(&d[0])), "a drop from an undrawn point");
        let names: Vec<String> = c.space_handles().into_iter().map(|h| h.name).collect();
        assert_eq!(names, ["d"], "no handle per point");
        assert!(!c.move_space_handle("P:0", Point3::zeros()));
        assert!(c.summary().contains("sample of 500 of the 100\u{2009}000 points (every 200th)"), "{}", c.summary());
        assert!(c.summary().contains("drops onto d are drawn for 39 of the 100\u{2009}000 points"), "{}", c.summary());
        crate::chapters::testing::check_everything(c.as_ref()).unwrap();
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(21), "21st");
    }

    #[test]
    fn turning_d_trades_projected_variance_for_lost_variance() {
        let mut c = build();
        assert_eq!(c.handles()[0].name, "d");
        assert_eq!(c.handles()[4].name, "P:3");
        let total = number(c.as_ref(), "total_variance");
        let before = number(c.as_ref(), "projected_variance");
        let mean = vector(c.as_ref(), "mean");
        let m = World::new(mean[0], mean[1]);
        assert!(c.move_handle("d", m + World::new(1.0, 1.0)));
        let after = number(c.as_ref(), "projected_variance");
        assert!(after > before);
        assert!(close(after + number(c.as_ref(), "lost_variance"), total, 1e-13));
        let d = vector(c.as_ref(), "d");
        assert!(close(d[0], std::f64::consts::FRAC_1_SQRT_2, 1e-15) && close(d[1], d[0], 1e-15));
        // The handle sits on the ray from the mean along d.
        let h = &c.handles()[0];
        assert!(((h.at - m).normalize() - World::new(d[0], d[1])).norm() < 1e-12);
        // Dragging onto the mean itself has no direction: ignored.
        assert!(!c.move_handle("d", m));
        assert!(!c.move_handle("d", World::new(f64::NAN, 0.0)));
        assert!(!c.move_handle("Q:0", World::new(0.0, 0.0)));
        assert!(!c.move_handle("P:30", World::new(0.0, 0.0)));
    }

    #[test]
    fn d_snaps_onto_pc1_within_a_degree_and_then_keeps_the_most_variance() {
        let mut c = build();
        let pc = matrix(c.as_ref(), "components")[0].clone();
        let ev = vector(c.as_ref(), "explained_variance");
        let mean = vector(c.as_ref(), "mean");
        let (cos, sin) = (0.5f64.to_radians().cos(), 0.5f64.to_radians().sin());
        // Half a degree off PC₁, on the far side of the mean: snaps to −PC₁ (the side dragged to).
        let off = World::new(cos * pc[0] - sin * pc[1], sin * pc[0] + cos * pc[1]);
        assert!(c.move_handle("d", World::new(mean[0], mean[1]) - off * 3.0));
        assert_eq!(vector(c.as_ref(), "d"), vec![-pc[0], -pc[1]]);
        assert_eq!(number(c.as_ref(), "angle_to_pc1"), 0.0);
        assert!(close(number(c.as_ref(), "projected_variance"), ev[0], 1e-13));
        assert!(close(number(c.as_ref(), "lost_variance"), ev[1], 1e-10));
        assert!(readout(c.as_ref(), "projected_variance").note.contains("on PC₁"));
        assert!(c.summary().contains("lies on the first principal component"), "{}", c.summary());
        // Two degrees off: no snap.
        let (cos, sin) = (2f64.to_radians().cos(), 2f64.to_radians().sin());
        let off = World::new(cos * pc[0] - sin * pc[1], sin * pc[0] + cos * pc[1]);
        c.move_handle("d", World::new(mean[0], mean[1]) + off * 3.0);
        assert!(close(number(c.as_ref(), "angle_to_pc1"), 2.0, 1e-9));
        assert!(number(c.as_ref(), "projected_variance") < ev[0]);
        assert!(c.summary().contains("2°"), "{}", c.summary());
    }

    #[test]
    fn dragging_a_point_moves_the_statistics() {
        let mut c = page(&[("P", "0,2;1,4;2,0")]);
        assert!(c.move_handle("P:2", World::new(2.0, 6.0)));
        assert_eq!(value(c.as_ref(), "P"), Value::Matrix(vec![vec![0.0, 2.0], vec![1.0, 4.0], vec![2.0, 6.0]]));
        assert_eq!(vector(c.as_ref(), "mean"), vec![1.0, 4.0]);
        // Now collinear along (1, 2).
        let pc = matrix(c.as_ref(), "components");
        assert!(close(pc[0][1] / pc[0][0], 2.0, 1e-14));
        assert!(!c.move_handle("P:2", World::new(2.0, 6.0)), "no change, no update");
    }

    #[test]
    fn the_centred_view_moves_the_mean_to_the_origin_and_drags_stay_under_the_pointer() {
        let mut c = page(&[("P", "0,2;1,4;2,0"), ("view", "centred")]);
        assert_eq!(c.stages(), ["subtract the mean"]);
        let handles = c.handles();
        assert_eq!(handles[1].at, World::new(-1.0, 0.0));
        // Drag point 1 to (3, 3) in centred coordinates: afterwards it is drawn exactly there.
        assert!(c.move_handle("P:0", World::new(3.0, 3.0)));
        let h = c.handles()[1].at;
        assert!((h - World::new(3.0, 3.0)).norm() < 1e-12, "{h:?}");
        let mean = vector(c.as_ref(), "mean");
        let p = matrix(c.as_ref(), "P");
        assert!(close(p[0][0] - mean[0], 3.0, 1e-14) && close(p[0][1] - mean[1], 3.0, 1e-14));
        // Halfway through the "subtract the mean" stage, the mean is drawn halfway to the origin.
        let mut t = Timeline::new(1);
        t.scrub(0.5);
        let dot = c.scene(&t).shapes.into_iter().rev().find_map(|s| match s {
            Shape::Dot { at, role: Role::Input, .. } => Some(at),
            _ => None,
        });
        let m = World::new(mean[0], mean[1]);
        assert!((dot.unwrap() - m * 0.5).norm() < 1e-12);
    }

    #[test]
    fn the_scene_draws_points_drops_axes_and_the_ellipse() {
        let c = build();
        let shapes = c.scene(&Timeline::new(0)).shapes;
        let count = |f: &dyn Fn(&Shape) -> bool| shapes.iter().filter(|s| f(s)).count();
        assert_eq!(count(&|s| matches!(s, Shape::Dot { role: Role::Data, .. })), DEFAULT_POINTS);
        assert_eq!(count(&|s| matches!(s, Shape::Polyline { stroke, .. } if stroke.role == Role::Image)), DEFAULT_POINTS);
        assert_eq!(count(&|s| matches!(s, Shape::Line { stroke, .. } if stroke.role == Role::Eigen)), 2);
        assert_eq!(count(&|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Eigen)), 2);
        assert_eq!(count(&|s| matches!(s, Shape::Polygon { .. })), 2);
        // Each drop is perpendicular to d and ends on the line through the mean.
        let mean = vector(c.as_ref(), "mean");
        for s in &shapes {
            if let Shape::Polyline { points, .. } = s {
                let (p, foot) = (points[0], points[1]);
                assert!(((p - foot).x).abs() < 1e-12, "d = x-axis, so drops are vertical");
                assert!((foot.y - mean[1]).abs() < 1e-12);
            }
        }
        // The PC₁ arrow is √λ₁ long.
        let ev = vector(c.as_ref(), "explained_variance");
        let arrow = shapes.iter().find_map(|s| match s {
            Shape::Arrow { from, to, stroke, .. } if stroke.role == Role::Eigen => Some((to - from).norm()),
            _ => None,
        });
        assert!(shapes.iter().any(|s| matches!(s, Shape::Line { label: Some(l), .. } if l == "PC₁")));
        assert!(close(arrow.unwrap(), ev[0].sqrt(), 1e-12));
        let (lo, hi) = c.content_bounds();
        assert!(lo.x <= 0.0 && hi.y >= 10.0);
    }

    #[test]
    fn code_reproduces_the_state() {
        let code = page(&[("P", "0,2;1,4;2,0")]).code();
        assert!(code.numpy.contains("P = np.array([[0, 2], [1, 4], [2, 0]], dtype=float)"), "{}", code.numpy);
        assert!(code.numpy.contains("np.cov(P, rowvar=False)"));
        assert!(code.numpy.contains("np.linalg.eigh(C)"));
        assert!(code.torch.contains("torch.cov(P.T)"));
        assert!(code.nalgebra.starts_with("use nalgebra::{DMatrix, DVector, SymmetricEigen};"));
        assert!(code.nalgebra.contains("SymmetricEigen::try_new(c.clone(), f64::EPSILON, 1000)"));
    }

    #[test]
    fn the_ldexp_helpers_are_exact_at_the_extremes() {
        assert_eq!(pow2(0), 1.0);
        assert_eq!(pow2(-1022), f64::MIN_POSITIVE);
        assert_eq!(ldexp(1.5, 2000), f64::INFINITY);
        assert_eq!(ldexp(3.0, -1080), 3.0 * 2f64.powi(-1080));
        assert_eq!(ldexp(f64::MAX, -1023) * 2f64.powi(1023), f64::MAX);
        assert_eq!(exponent(f64::MAX), 1023);
        assert_eq!(exponent(5e-324), -1022);
        assert_eq!(exponent(0.0), 0);
        assert_eq!(exponent(3.0), 1);
    }

    /// The concrete page for points `p`, reconstructing from k components.
    fn pca_of(p: &DMatrix<f64>, k: usize) -> Pca {
        let analysis = Analysis::new(p);
        Pca {
            p: p.clone(),
            d: fit_direction(&DMatrix::from_column_slice(2, 1, &[1.0, 0.0]), p.ncols()),
            view: "raw",
            k,
            generator: Generator::DEFAULT,
            generated: false,
            analysis,
        }
    }

    fn params_of(c: &dyn Chapter) -> Vec<(String, String)> {
        crate::chapters::to_params(c)
    }

    fn keys(c: &dyn Chapter) -> Vec<String> {
        params_of(c).into_iter().map(|(k, _)| k).collect()
    }

    fn reopen(c: &dyn Chapter) -> Box<dyn Chapter> {
        let (again, problems) = from_params(find("pca").unwrap(), &params_of(c)).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        again
    }

    /// Pearson's correlation of the two columns.
    fn correlation(p: &DMatrix<f64>) -> f64 {
        let (mean, cov) = reference(&rows(p));
        let _ = mean;
        cov[0][1] / (cov[0][0] * cov[1][1]).sqrt()
    }

    #[test]
    fn the_generator_is_reproducible_and_has_the_asked_correlation() {
        let g = Generator { n: 100_000, corr: 0.8, noise: 0.0, dim: 2 };
        let p = g.points();
        assert_eq!(p, g.points(), "same recipe, same points");
        assert_eq!(p.shape(), (100_000, 2));
        // The standard error of a sample correlation is about (1 − ρ²)/√n ≈ 0.001 here.
        assert!((correlation(&p) - 0.8).abs() < 0.01, "{}", correlation(&p));
        // Noise σ on each coordinate divides the correlation by 1 + σ².
        let noisy = Generator { n: 100_000, corr: -0.6, noise: 0.5, dim: 2 }.points();
        assert!((correlation(&noisy) + 0.6 / 1.25).abs() < 0.01, "{}", correlation(&noisy));
        let independent = Generator { n: 100_000, corr: 0.0, noise: 0.3, dim: 2 }.points();
        assert!(correlation(&independent).abs() < 0.01);
        // More points extend the same stream: the first ten stay put.
        let ten = Generator { n: 10, ..g }.points();
        assert_eq!(ten, p.rows(0, 10).into_owned());
        // Two decimals, centred near (2, 1).
        assert!(p.iter().all(|x| (x * 100.0 - (x * 100.0).round()).abs() < 1e-6));
        let a = Analysis::new(&p);
        assert!((a.mean[0] - 2.0).abs() < 0.02 && (a.mean[1] - 1.0).abs() < 0.02, "{:?}", a.mean);
    }

    #[test]
    fn the_generator_makes_3d_points_that_link_their_recipe() {
        let g = Generator { n: 100_000, corr: 0.9, noise: 0.0, dim: 3 };
        let p = g.points();
        assert_eq!(p.shape(), (100_000, 3));
        // z follows y as y follows x: corr(x, y) = corr(y, z) = 0.9, corr(x, z) = 0.81.
        let a = Analysis::new(&p);
        let r = |i: usize, j: usize| a.cov[(i, j)] / (a.cov[(i, i)] * a.cov[(j, j)]).sqrt();
        assert!((r(0, 1) - 0.9).abs() < 0.01 && (r(1, 2) - 0.9).abs() < 0.01 && (r(0, 2) - 0.81).abs() < 0.01, "{}", a.cov);
        assert!((a.mean[2] - 1.0).abs() < 0.02);
        // The 2-D stream is untouched by the third coordinate's existence.
        let flat = Generator { dim: 2, ..g }.points();
        assert_eq!(flat.shape(), (100_000, 2));
        assert_eq!(Generator { n: 10, ..g }.points(), p.rows(0, 10).into_owned());
        // In a link: the recipe with dim, drawn in space, in any order.
        let c = page(&[("n", "200"), ("corr", "0.9"), ("noise", "0.1"), ("dim", "3")]);
        assert_eq!(keys(c.as_ref()), ["n", "corr", "noise", "dim", "d"]);
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![1.0, 0.0, 0.0]));
        assert!(c.space(&Timeline::new(0)).is_some() && c.figure_note().is_none());
        assert_eq!(params_of(reopen(c.as_ref()).as_ref()), params_of(c.as_ref()));
        let shuffled = page(&[("dim", "3"), ("noise", "0.1"), ("n", "200"), ("corr", "0.9")]);
        assert_eq!(shuffled.inputs(), c.inputs());
        let code = c.code();
        assert!(
            code.nalgebra.contains("from_row_slice(n, 3, &entries)") && code.numpy.contains("z1, z2, z3, e1, e2, e3"),
            "{}",
            code.numpy
        );
        // Pasted 3-D points set dim to 3 (not in their link): a slider moved next keeps three coordinates.
        let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
        assert_eq!(keys(c.as_ref()), ["P", "d"]);
        assert_eq!(vector(c.as_ref(), "dim"), [3.0]);
        c.set_input("n", DMatrix::from_element(1, 1, 40.0)).unwrap();
        assert_eq!(matrix(c.as_ref(), "P")[0].len(), 3);
        // And back to the plane.
        c.set_input("dim", DMatrix::from_element(1, 1, 2.0)).unwrap();
        assert_eq!(matrix(c.as_ref(), "P")[0].len(), 2);
        assert_eq!(value(c.as_ref(), "d"), Value::Vector(vec![1.0, 0.0]));
    }

    #[test]
    fn generated_points_link_their_recipe_and_round_trip() {
        let c = page(&[("n", "500"), ("corr", "-0.5"), ("noise", "0.2"), ("d", "0.6,0.8")]);
        assert_eq!(keys(c.as_ref()), ["n", "corr", "noise", "dim", "d"]);
        assert_eq!(vector(c.as_ref(), "n"), vec![500.0]);
        let again = reopen(c.as_ref());
        assert_eq!(again.inputs(), c.inputs());
        assert_eq!(params_of(again.as_ref()), params_of(c.as_ref()));
        assert!(c.editor_note("P").is_some_and(|n| n.contains("500") && n.contains("generator")));
        assert!(c.editor_note("d").is_none());
        // Any order of the recipe in the link gives the same points.
        let shuffled = page(&[("noise", "0.2"), ("d", "0.6,0.8"), ("corr", "-0.5"), ("n", "500")]);
        assert_eq!(shuffled.inputs(), c.inputs());
    }

    #[test]
    fn the_readers_own_points_link_themselves() {
        // The default data and points typed into a link are linked as P, not as a recipe.
        assert_eq!(keys(build().as_ref()), ["P", "d"]);
        let c = page(&[("P", "0,2;1,4;2,0"), ("view", "reconstruct"), ("k", "2")]);
        assert_eq!(keys(c.as_ref()), ["P", "d", "view", "k"]);
        assert_eq!(params_of(reopen(c.as_ref()).as_ref()), params_of(c.as_ref()));
        // Dragging a generated point makes the data the reader's own: from then on P is linked.
        let mut c = page(&[("n", "20"), ("corr", "0.3")]);
        assert_eq!(c.handles().len(), 21);
        let at = c.handles()[5].at;
        assert!(c.move_handle("P:4", at + World::new(0.5, 0.0)));
        assert_eq!(keys(c.as_ref()), ["P", "d"]);
        assert!(c.editor_note("P").is_none());
        assert_eq!(params_of(reopen(c.as_ref()).as_ref()), params_of(c.as_ref()));
        // A generator input regenerates the points from the recipe again.
        c.set_input("noise", DMatrix::from_element(1, 1, 0.1)).unwrap();
        assert_eq!(keys(c.as_ref()), ["n", "corr", "noise", "dim", "d"]);
        // Pasted points too many for a link (more than 64) are not linked, and the page says so.
        let many = Generator { n: 300, corr: 0.2, noise: 0.1, dim: 2 }.points();
        c.set_input("P", many).unwrap();
        assert_eq!(keys(c.as_ref()), ["d"]);
        assert!(c.editor_note("P").is_some_and(|n| n.contains("300") && n.contains("link")));
    }

    #[test]
    fn generator_inputs_are_checked() {
        let mut c = build();
        let one = |x: f64| DMatrix::from_element(1, 1, x);
        for (name, x, why) in [
            ("n", 1.0, "whole number"),
            ("n", 2.5, "whole number"),
            ("n", 100_001.0, "100"),
            ("corr", 1.5, "between −1 and 1"),
            ("noise", -0.1, "0 to 10"),
            ("dim", 4.0, "2 or 3"),
            ("dim", 2.5, "2 or 3"),
        ] {
            let err = c.set_input(name, one(x)).unwrap_err();
            assert!(err.contains(why), "{name}={x}: {err}");
        }
        assert!(c.set_input("n", DMatrix::from_column_slice(2, 1, &[3.0, 4.0])).unwrap_err().contains("one number"));
        assert_eq!(c.inputs(), build().inputs(), "nothing changed");
        assert_eq!(c.slider("corr"), Some(SliderRange { min: -1.0, max: 1.0, step: 0.05 }));
        assert!(c.slider("P").is_none());
        assert!(c.accepts_paste("P") && !c.accepts_paste("d"));
    }

    #[test]
    fn a_hundred_thousand_points_draw_cheaply_and_read_out_soundly() {
        let mut c = page(&[("n", "100000"), ("corr", "0.8"), ("noise", "0.3")]);
        // No handle per point: only d.
        let handles = c.handles();
        assert_eq!(handles.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["d"]);
        assert!(!c.move_handle("P:3", World::new(0.0, 0.0)));
        let shapes = c.scene(&Timeline::new(0)).shapes;
        let drops = shapes.iter().filter(|s| matches!(s, Shape::Polyline { .. })).count();
        assert!((DRAWN_LINKS / 2..=DRAWN_LINKS).contains(&drops), "{drops}");
        assert!(shapes.iter().any(|s| matches!(s, Shape::Points { at, role: Role::Data, .. } if at.len() == 100_000)));
        assert!(!shapes.iter().any(|s| matches!(s, Shape::Dot { role: Role::Data, .. })));
        // The cloud is drawn first, under the ellipses, the components and d.
        assert!(matches!(shapes.iter().find(|s| !matches!(s, Shape::Lattice { .. } | Shape::Axes)), Some(Shape::Points { .. })));
        assert_eq!(shapes.iter().filter(|s| matches!(s, Shape::Polygon { .. })).count(), 2);
        assert_eq!(shapes.iter().filter(|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Eigen)).count(), 2);
        assert!(c.summary().contains("drawn for 100 of the 100\u{2009}000 points"), "{}", c.summary());
        // P is not listed, with a reason; everything else is finite; the code stays short.
        let p = readout(c.as_ref(), "P");
        assert_eq!(p.value, Value::Null);
        assert!(p.note.contains("100\u{2009}000") && p.note.contains("generated"), "{}", p.note);
        crate::chapters::testing::check_everything(c.as_ref()).unwrap();
        let code = c.code();
        assert!(code.numpy.len() < 3000 && code.numpy.contains("n, corr, noise = 100000, 0.8, 0.3"), "{}", code.numpy);
        assert!(code.nalgebra.contains("SplitMix64"));
        // The sample correlation the readouts imply: about 0.8 / (1 + 0.3²).
        let cov = matrix(c.as_ref(), "covariance");
        assert!((cov[0][1] / (cov[0][0] * cov[1][1]).sqrt() - 0.8 / 1.09).abs() < 0.01);
        // Turning d reads the cached covariance: the sum rule holds.
        let mean = vector(c.as_ref(), "mean");
        assert!(c.move_handle("d", World::new(mean[0] + 1.0, mean[1] + 2.0)));
        let (pv, lost, total) =
            (number(c.as_ref(), "projected_variance"), number(c.as_ref(), "lost_variance"), number(c.as_ref(), "total_variance"));
        assert!(close(pv + lost, total, 1e-12));
    }

    #[test]
    fn the_code_generator_in_rust_is_the_pages_generator() {
        // The Rust code panel prints our generator: its constants must be the ones the page uses.
        let code = page(&[("n", "100"), ("corr", "0.5")]).code().nalgebra;
        for constant in ["0x9E37_79B9_7F4A_7C15", "0xBF58_476D_1CE4_E5B9", "0x94D0_49BB_1331_11EB", "let mut state: u64 = 2012;"] {
            assert!(code.contains(constant), "{constant}");
        }
        // 100 points are more than the listed 64, so they are generated in the code, not listed.
        assert!(!code.contains("from_row_slice(100, 2, &[") && code.contains("from_row_slice(n, 2, &entries)"));
        let pasted = page(&[]);
        let mut pasted = pasted;
        pasted.set_input("P", Generator { n: 80, corr: 0.0, noise: 0.0, dim: 2 }.points()).unwrap();
        assert!(pasted.code().numpy.contains("np.loadtxt(\"points.csv\""));
    }

    #[test]
    fn k_choices_follow_the_dimension() {
        let mut c = build();
        assert_eq!(c.choices()[1].options, KEEP_2);
        assert!(c.set_choice("k", "3").is_err());
        c.set_input("P", DMatrix::from_row_slice(4, 3, &[1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0, 1.0, 1.0, 1.0])).unwrap();
        c.set_choice("k", "3").unwrap();
        assert_eq!(c.choices()[1].current, "3");
        assert!(number(c.as_ref(), "reconstruction_error").abs() < 1e-12);
        // Back to the plane: k can be at most 2.
        c.set_input("P", DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0])).unwrap();
        assert_eq!(c.choices()[1].current, "2");
    }

    #[test]
    fn the_reconstruction_view_draws_ghosts_lines_and_rebuilt_points() {
        let c = page(&[("P", "0,2;1,4;2,0"), ("view", "reconstruct")]);
        // No d in this view: only the points are handles.
        assert_eq!(c.handles().iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["P:0", "P:1", "P:2"]);
        let shapes = c.scene(&Timeline::new(0)).shapes;
        let ghosts: Vec<World> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Dot { at, role: Role::Ghost, .. } => Some(*at),
                _ => None,
            })
            .collect();
        assert_eq!(ghosts, [World::new(0.0, 2.0), World::new(1.0, 4.0), World::new(2.0, 0.0)]);
        let rebuilt: Vec<World> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Dot { at, role: Role::Data, .. } => Some(*at),
                _ => None,
            })
            .collect();
        // Each rebuilt point lies on PC₁'s line through the mean, at the foot of the point's drop.
        let pc = matrix(c.as_ref(), "components")[0].clone();
        let mean = World::new(1.0, 2.0);
        let pc = World::new(pc[0], pc[1]);
        let mut sum = 0.0;
        for (g, r) in ghosts.iter().zip(&rebuilt) {
            let along = r - mean;
            assert!((along.x * pc.y - along.y * pc.x).abs() < 1e-12, "on the line");
            assert!((g - r).dot(&pc).abs() < 1e-12, "a perpendicular drop");
            sum += (g - r).norm_squared();
        }
        let lines = shapes.iter().filter(|s| matches!(s, Shape::Polyline { .. })).count();
        assert_eq!(lines, 3);
        // The readout is the sum of the squared lines, = (n − 1) λ₂.
        let ev = vector(c.as_ref(), "explained_variance");
        assert!(close(number(c.as_ref(), "reconstruction_error"), sum, 1e-12));
        assert!(close(sum, 2.0 * ev[1], 1e-12));
    }

    #[test]
    fn pasting_points_loads_them_or_names_the_row_and_keeps_the_state() {
        use crate::page::{Msg, Page};
        let mut page = Page::open(find("pca").unwrap(), &[], vec![]).unwrap();
        let before = page.chapter().inputs();
        let ch = page.update(Msg::Paste { input: "P".into(), text: "x,y\n0,2\n1,4\nabc,0\n".into() });
        assert!(!ch.state && ch.messages);
        let message = &page.cell_errors["P"].message;
        assert!(message.contains("Row 4: “abc” is not a number") && message.contains("last valid points are kept"), "{message}");
        assert_eq!(page.chapter().inputs(), before);
        let ch = page.update(Msg::Paste { input: "P".into(), text: "1,1\n".into() });
        assert!(page.cell_errors["P"].message.contains("at least 2 points"), "{:?}", ch);
        let ch = page.update(Msg::Paste { input: "P".into(), text: "x;y\n0;2\n1;4\n2;0\n".into() });
        assert!(ch.state && ch.controls && page.cell_errors.is_empty());
        assert!(page.hash().contains("P=0,2;1,4;2,0"), "{}", page.hash());
        // d does not accept pastes.
        assert_eq!(page.update(Msg::Paste { input: "d".into(), text: "1,0".into() }), crate::page::Changes::default());
        // A generator input rebuilds the editors (P's cells give way to a note), a d edit does not.
        assert!(page.update(Msg::EditCell { input: "corr".into(), row: 0, col: 0, text: "0.5".into() }).controls);
        assert!(!page.update(Msg::EditCell { input: "corr".into(), row: 0, col: 0, text: "0.6".into() }).controls);
        assert!(!page.update(Msg::EditCell { input: "d".into(), row: 0, col: 0, text: "2".into() }).controls);
    }

    fn points() -> impl Strategy<Value = DMatrix<f64>> {
        (2usize..=8, 2usize..=3)
            .prop_flat_map(|(n, k)| proptest::collection::vec(-100.0f64..100.0, n * k).prop_map(move |v| DMatrix::from_row_slice(n, k, &v)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Small integer grids hit the awkward cases often: repeated points, collinear points, equal
        /// variances. Nothing panics, every readout is finite or null, and the sum rule holds.
        #[test]
        fn degenerate_point_sets_stay_finite(n in 2usize..=6, k in 2usize..=3, seed in proptest::collection::vec(-2i8..=2, 18),
                                             exp in -300i32..=300, angle in 0.0f64..360.0) {
            let scale = 10f64.powi(exp);
            let p = DMatrix::from_fn(n, k, |i, j| f64::from(seed[i * k + j]) * scale);
            let mut c = build();
            c.set_input("P", p).unwrap();
            if k == 2 {
                let a = Analysis::new(&c.inputs()[4].value);
                let m = World::new(a.mean[0], a.mean[1]);
                c.move_handle("d", m + World::new(angle.to_radians().cos(), angle.to_radians().sin()));
            } else {
                let a = Analysis::new(&c.inputs()[4].value);
                let (s, co) = angle.to_radians().sin_cos();
                c.move_space_handle("d", to_point3(&a.mean) + Point3::new(co, s, 0.5));
            }
            let readouts = c.readouts();
            for r in &readouts {
                let json = r.value.to_json();
                prop_assert!(!json.contains("NaN") && !json.contains("inf"), "{:?}", r);
                if r.value == Value::Null {
                    prop_assert!(!r.note.is_empty());
                }
            }
            let get = |n: &str| match readouts.iter().find(|r| r.name == n).unwrap().value { Value::Number(x) => Some(x), _ => None };
            if let (Some(pv), Some(err), Some(total)) = (get("projected_variance"), get("lost_variance"), get("total_variance")) {
                prop_assert!(pv >= 0.0 && err >= -1e-12 * total);
                prop_assert!((pv + err - total).abs() <= 1e-10 * total, "{} + {} ≠ {}", pv, err, total);
            }
            let _ = (c.summary(), c.code(), c.content_bounds(), c.scene(&Timeline::new(0)), c.handles(), c.figure_note());
            if let Some(space) = c.space(&Timeline::new(0)) {
                let camera = crate::view::space::Camera::default();
                let _ = (space.project(&camera), space.half_extent(&camera), c.space_handles());
            }
        }

        /// The reconstruction error from the first k components is (n − 1) × the dropped variances.
        #[test]
        fn reconstruction_error_is_n_minus_1_times_the_dropped_eigenvalues(p in points(), k in 1usize..=3) {
            let mut c = build();
            c.set_input("P", p.clone()).unwrap();
            let k = k.min(p.ncols());
            c.set_choice("k", &k.to_string()).unwrap();
            let ev = vector(c.as_ref(), "explained_variance");
            let dropped: f64 = ev[k..].iter().sum();
            let n = p.nrows() as f64;
            let error = number(c.as_ref(), "reconstruction_error");
            let total: f64 = ev.iter().sum();
            prop_assert!((error - (n - 1.0) * dropped).abs() <= 1e-9 * (n - 1.0) * total.max(1e-300), "{} vs {}", error, (n - 1.0) * dropped);
            // And it is the sum of squared distances to the drawn reconstructions (on the plane).
            if p.ncols() == 2 {
                let pca = pca_of(&p, k);
                let direct: f64 = (0..p.nrows()).map(|i| (pca.point(i) - pca.reconstructed(i)).norm_squared()).sum();
                prop_assert!((direct - error).abs() <= 1e-9 * (n - 1.0) * total.max(1e-300), "{} vs {}", direct, error);
            }
        }

        #[test]
        fn pca_invariants_hold(p in points(), seed in proptest::collection::vec(-1.0f64..1.0, 3), shift in -1e3f64..1e3, scale in 1e-3f64..1e3) {
            let k = p.ncols();
            let mut c = build();
            c.set_input("P", p.clone()).unwrap();
            let Some(d) = unit(DMatrix::from_column_slice(k, 1, &seed[..k])) else { return Ok(()) };
            c.set_input("d", d).unwrap();
            let a = Analysis::new(&p);
            let e = a.eigen.clone().unwrap();
            let size = a.total().max(1e-300);
            // Orthonormal components, descending variances, each an eigenpair of the covariance.
            for i in 0..k {
                prop_assert!((e.vectors[i].norm() - 1.0).abs() < 1e-12);
                for j in 0..i {
                    prop_assert!(e.vectors[i].dot(&e.vectors[j]).abs() < 1e-12);
                    prop_assert!(e.values[j] >= e.values[i]);
                }
                let r = &a.cov * &e.vectors[i] - &e.vectors[i] * e.values[i];
                prop_assert!(r.norm() <= 1e-12 * size);
            }
            // Σλ = trace; projected + error = total; λ_min ≤ dᵀΣd ≤ λ₁.
            prop_assert!((e.values.iter().sum::<f64>() - a.total()).abs() <= 1e-12 * size);
            let dv = c.as_ref().readouts();
            let get = |n: &str| match dv.iter().find(|r| r.name == n).unwrap().value { Value::Number(x) => x, _ => f64::NAN };
            let (pv, err, total) = (get("projected_variance"), get("lost_variance"), get("total_variance"));
            prop_assert!((pv + err - total).abs() <= 1e-10 * total.max(1e-300), "{} + {} ≠ {}", pv, err, total);
            prop_assert!(pv <= a.variance(e.values[0]) * (1.0 + 1e-12) + 1e-300);
            prop_assert!(pv >= a.variance(e.values[k - 1]) * (1.0 - 1e-9) - 1e-12 * total);
            // Moving and scaling the points moves the mean, scales the variances, keeps the directions.
            let q = p.map(|x| x * scale + shift);
            let b = Analysis::new(&q);
            let f = b.eigen.clone().unwrap();
            for i in 0..k {
                prop_assert!((b.mean[i] - (a.mean[i] * scale + shift)).abs() <= 1e-9 * (1.0 + shift.abs() + scale * a.mean[i].abs()));
                let (l, m) = (a.variance(e.values[i]) * scale * scale, b.variance(f.values[i]));
                prop_assert!((l - m).abs() <= 1e-8 * b.variance(b.total()).max(1e-300));
            }
            let gap = |v: &[f64]| v.windows(2).map(|w| w[0] - w[1]).fold(f64::INFINITY, f64::min) / v[0].max(1e-300);
            if gap(&e.values) > 1e-3 {
                for i in 0..k {
                    prop_assert!((e.vectors[i].dot(&f.vectors[i]).abs() - 1.0).abs() < 1e-6);
                }
            }
        }
    }
}
