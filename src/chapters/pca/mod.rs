//! 2.12 Example: principal components analysis. A point set, its mean and covariance, the principal
//! directions (eigenvectors of the covariance, by descending variance), and a candidate direction d
//! the reader turns: the variance of the points' shadows on d plus the squared length of their drops
//! onto d is the total variance, whatever d is, so the most variance kept is the least error made.
//! The points can also be seen in their own coordinates (the scores along the components, `pcs`).
//! The statistics are `math::pca`'s (the routine the benchmarks time), computed once per change of
//! the points, and so are the centred points' singular values; generated points come from
//! `math::random` through the recipe in `generator`.

mod chart;
mod figure;
mod generator;
mod handles;
mod pcs;
mod plane;
mod readouts;
mod space;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::{pick, Action, Chapter, ChapterError, ChoiceSpec, Handles, InputSpec, Options, Picked};
use crate::math::pca::{line_angle, principal_components, Components, Principal};
use crate::math::NumericError;
use crate::state::matrix::MAX_ROWS;
use crate::view::chart::Chart;
use generator::Generator;
use nalgebra::{DMatrix, DVector};
use plane::PlanePoints;

crate::options! {
    /// The figure's views: the points where they are, moved so that their mean is the origin, each
    /// point with its reconstruction from the first k components, or the points in the coordinates of
    /// the first k components (their scores).
    pub enum View {
        Raw = ("raw", "Raw data"),
        Centred = ("centred", "Centred"),
        Reconstruct = ("reconstruct", "Reconstruction"),
        Pcs = ("pcs", "Component coordinates"),
    }
}

/// How many coordinates generated points have: the choice `dim`.
const DIMS: &[(&str, &str)] = &[("2", "2 (a plane)"), ("3", "3 (space)")];

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
/// Up to this many points are drawn in space, each a dot; beyond, an evenly spaced sample of this many
/// (the 3-D view sorts every dot by depth on every frame, so the cloud stays bounded).
const SPACE_DOTS: usize = 500;
/// A dragged direction closer than this to PC₁ snaps onto it.
const SNAP_DEGREES: f64 = 1.0;
/// Two variances closer than this (relative to the largest) count as repeated.
const REPEATED: f64 = 1e-9;
/// Largest coordinate the figure draws (the same bound as a keyboard-moved handle): beyond it the
/// view cannot zoom out far enough, and the grid's lines would be too far from the origin to step.
const DRAWABLE: f64 = 1e6;

/// Our own deterministic stand-in for the notebook's random data (numpy's seed 123, x = 5·U(0, 1),
/// y = 2x + 1 + N(0, 1), which numpy's generator makes and we cannot reproduce): 30 points from
/// Numerical Recipes' 32-bit linear congruential generator (seed 2012; y's noise the Irwin–Hall sum of
/// four uniforms), rounded to two decimals, written out.
const DEFAULT_POINTS: &str = "0.08,0.61;0.08,0.71;3.46,7.89;1.49,5.25;4.96,11.97;0.95,4.35;3.01,6.38;0.98,1.38;0.09,0.01;1.86,5.77;0.43,-0.46;4.2,9.26;4.64,9.91;3.35,7.43;1.52,4.49;4.43,11.03;0.96,3.09;1.73,5.32;1.44,3.94;1.73,5.3;1.4,4.67;4.18,8.25;3.8,10.67;2.64,7.24;2.63,5.97;3.24,7.22;1.55,5.05;4.68,10.42;4.12,10.22;3.17,8.04";

/// The page state: the points (one per row), the candidate direction (unit, one entry per
/// coordinate), the view, how many components the reconstruction keeps, the generator's recipe and
/// whether the points are its output (then the link carries the recipe instead of the points), and
/// the statistics of the points, kept up to date with them (turning d only reads them).
#[derive(Debug, Clone)]
pub struct Pca {
    p: DMatrix<f64>,
    d: DMatrix<f64>,
    view: View,
    k: usize,
    generator: Generator,
    generated: bool,
    analysis: Principal,
    /// The singular values of the centred points, or why there are none (kept with `analysis`).
    singular: Result<DVector<f64>, NumericError>,
    /// What the plane figure draws of the points (kept with `analysis`).
    drawn: PlanePoints,
}

impl Default for Pca {
    /// A blank state, two points at the origin, to which the declared defaults are applied.
    fn default() -> Pca {
        let p = DMatrix::zeros(2, 2);
        let analysis = principal_components(&p).expect("two equal points have principal components");
        let singular = analysis.centred_singular_values(&p);
        Pca {
            drawn: PlanePoints::of(&p, &analysis.mean),
            p,
            d: DMatrix::from_column_slice(2, 1, &[1.0, 0.0]),
            view: View::Raw,
            k: 1,
            generator: Generator::DEFAULT,
            generated: false,
            analysis,
            singular,
        }
    }
}

fn set_n(s: &mut Pca, n: f64) -> Result<(), ChapterError> {
    s.generate(Generator { n: n as usize, ..s.generator })
}

fn set_corr(s: &mut Pca, corr: f64) -> Result<(), ChapterError> {
    s.generate(Generator { corr, ..s.generator })
}

fn set_noise(s: &mut Pca, noise: f64) -> Result<(), ChapterError> {
    s.generate(Generator { noise, ..s.generator })
}

/// Picks 2 or 3 coordinates: generates points with that many, unless the points already have them
/// (so a link's `dim=3` after pasted 3-D points keeps them).
fn set_dim(s: &mut Pca, value: &str) -> Result<(), ChapterError> {
    let dim = pick(DIMS, value)? + 2;
    if dim == s.p.ncols() {
        return Ok(());
    }
    s.generate(Generator { dim, ..s.generator })
}

fn set_p(s: &mut Pca, p: DMatrix<f64>) -> Result<(), ChapterError> {
    if !(2..=3).contains(&p.ncols()) {
        return Err(format!("each point needs 2 or 3 coordinates (one point per row), but these rows have {}", p.ncols()).into());
    }
    if p.nrows() < 2 {
        return Err("PCA needs at least 2 points (one per row) to have a variance".into());
    }
    if p.nrows() > MAX_POINTS {
        return Err(format!("at most {} points", display_count(MAX_POINTS)).into());
    }
    s.set_points(p)?;
    s.generated = false;
    Ok(())
}

fn set_d(s: &mut Pca, d: DMatrix<f64>) -> Result<(), ChapterError> {
    let Some(d) = unit(d) else { return Err("d is a direction, so it needs a non-zero entry".into()) };
    if d.len() != s.p.ncols() {
        // Generated points take d's dimension: a link sets d before the choice `dim` (choices come
        // after inputs), so `n=…&d=1,0,0&dim=3` must make 3-D points here already.
        if !(s.generated && (2..=3).contains(&d.len())) {
            return Err(format!("d has {} entries but each point has {} coordinates; they must match", d.len(), s.p.ncols()).into());
        }
        s.generate(Generator { dim: d.len(), ..s.generator })?;
    }
    s.d = d;
    Ok(())
}

fn set_view(s: &mut Pca, value: &str) -> Result<(), ChapterError> {
    s.view = View::parse(value)?;
    Ok(())
}

fn set_k(s: &mut Pca, value: &str) -> Result<(), ChapterError> {
    s.k = pick(s.keep_options(), value)? + 1;
    Ok(())
}

/// Generated points are linked by their recipe.
fn recipe_linked(s: &Pca) -> bool {
    s.generated
}

/// The reader's own points are linked by themselves, as long as a link can hold them.
fn points_linked(s: &Pca) -> bool {
    !s.generated && s.p.nrows() <= MAX_ROWS
}

/// P: the points, one per row; declared apart for the code panel, which declares P and d only.
const P: InputSpec<Pca> =
    InputSpec::matrix("P", DEFAULT_POINTS, |s| Some(&s.p), set_p).paste().linked_when(points_linked).note(text::editor_note);
/// d: the candidate direction; it turns on a circle, so its drags are never rounded to the lattice.
const D: InputSpec<Pca> = InputSpec::vector("d", "1,0", |s| Some(&s.d), set_d).free();

impl Chapter for Pca {
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::scalar("n", "30", |s| Some(s.generator.n as f64), set_n)
            .whole(2.0, MAX_POINTS as f64, "n is a whole number of points from 2 to 100\u{2009}000")
            .slider(2.0, 1000.0, 1.0)
            .linked_when(recipe_linked),
        InputSpec::scalar("corr", "0.8", |s| Some(s.generator.corr), set_corr)
            .range(-1.0, 1.0, "a correlation lies between −1 and 1")
            .slider(-1.0, 1.0, 0.05)
            .linked_when(recipe_linked),
        InputSpec::scalar("noise", "0.3", |s| Some(s.generator.noise), set_noise)
            .range(0.0, 10.0, "noise is the noise's standard deviation as a multiple of the signal's, from 0 to 10")
            .slider(0.0, 2.0, 0.05)
            .linked_when(recipe_linked),
        P,
        D,
    ];
    // `dim` before `k`: a link's k=3 needs the 3-D points that its dim=3 makes.
    const CHOICES: &'static [ChoiceSpec<Self>] = &[
        ChoiceSpec { name: "view", label: "Figure", get: |s| Some(s.view.picked()), set: set_view },
        ChoiceSpec {
            name: "dim",
            label: "Coordinates per point",
            get: |s| Some(Picked { options: DIMS, current: DIMS[s.p.ncols().clamp(2, 3) - 2].0 }),
            set: set_dim,
        },
        ChoiceSpec {
            name: "k",
            label: "Keep",
            get: |s| Some(Picked { options: s.keep_options(), current: s.keep_options()[s.k - 1].0 }),
            set: set_k,
        },
    ];
    const PROSE: &'static str = include_str!("prose.html");

    fn stages(&self) -> Vec<&'static str> {
        match self.view {
            View::Centred => vec!["subtract the mean"],
            View::Raw | View::Reconstruct | View::Pcs => Vec::new(),
        }
    }

    fn handles(&self) -> Handles {
        handles::handles(self)
    }

    fn act(&mut self, action: Action) -> bool {
        handles::act(self, action)
    }

    fn chart(&self) -> Option<Chart> {
        chart::scree(self)
    }
}

/// Why the eigendecomposition has no result, in the page's words.
fn eigen_failure(e: &NumericError) -> &'static str {
    match e {
        NumericError::NoConvergence => "the eigenvalue iteration did not converge (numerically unstable input)",
        NumericError::Unstable => "the eigendecomposition failed its accuracy check (numerically unstable input)",
        NumericError::Empty | NumericError::NotFinite | NumericError::Overflow => "the eigendecomposition produced a non-finite number",
    }
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

    /// The eigen-pairs of the covariance, or why there are none.
    fn components(&self) -> Result<&Components, &'static str> {
        self.analysis.components.as_ref().map_err(eigen_failure)
    }

    /// Replaces the points, refits d to their width and k to their dimension, and recomputes the
    /// statistics (the state is unchanged on `Err`).
    fn set_points(&mut self, p: DMatrix<f64>) -> Result<(), ChapterError> {
        let analysis = principal_components(&p).map_err(|e| ChapterError::Rule(e.to_string()))?;
        self.singular = analysis.centred_singular_values(&p);
        if p.ncols() != self.d.len() {
            self.d = fit_direction(&self.d, p.ncols());
        }
        self.k = self.k.min(p.ncols());
        if (2..=3).contains(&p.ncols()) {
            // The generator makes points like these: a slider moved next keeps their dimension.
            self.generator.dim = p.ncols();
        }
        self.drawn = PlanePoints::of(&p, &analysis.mean);
        self.analysis = analysis;
        self.p = p;
        Ok(())
    }

    /// Replaces the points by the output of this recipe.
    fn generate(&mut self, generator: Generator) -> Result<(), ChapterError> {
        self.set_points(generator.points())?;
        self.generator = generator;
        self.generated = true;
        Ok(())
    }

    /// The candidate direction with one entry per coordinate.
    fn direction(&self) -> DVector<f64> {
        DVector::from_column_slice(fit_direction(&self.d, self.p.ncols()).as_slice())
    }

    /// Whether the figure is drawn in the plane: two coordinates, within ±[`DRAWABLE`].
    fn plane(&self) -> bool {
        self.p.ncols() == 2 && self.analysis.largest <= DRAWABLE
    }

    /// Whether the figure is drawn in space: three coordinates, within ±[`DRAWABLE`] (in component
    /// coordinates, only when all three are kept: fewer are drawn in the plane).
    fn in_space(&self) -> bool {
        self.p.ncols() == 3 && self.analysis.largest <= DRAWABLE && !(self.view == View::Pcs && self.k < 3)
    }

    /// Whether the figure is drawn at all: coordinates within ±[`DRAWABLE`].
    fn drawable(&self) -> bool {
        self.analysis.largest <= DRAWABLE
    }

    /// Why PC₁ is not a single direction, if it is not.
    fn pc1_not_unique(&self) -> Option<&'static str> {
        if self.analysis.degenerate() {
            return Some("all points are the same point: no direction has any variance");
        }
        match self.components() {
            Err(why) => Some(why),
            Ok(e) if e.variances[0] - e.variances[1] <= REPEATED * e.variances[0] => {
                Some("the two largest variances are equal, so no single direction is the first component")
            }
            Ok(_) => None,
        }
    }

    /// Degrees between d's line and PC₁'s, or why PC₁ is not one line.
    fn angle_to_pc1(&self) -> Result<f64, &'static str> {
        match (self.pc1_not_unique(), self.components()) {
            (None, Ok(e)) => Ok(line_angle(&self.direction(), &e.direction(0))),
            (Some(why), _) | (None, Err(why)) => Err(why),
        }
    }

    /// Whether d lies on PC₁ (to rounding: it snapped there).
    fn on_pc1(&self) -> bool {
        self.angle_to_pc1().is_ok_and(|angle| angle < 1e-9)
    }

    /// Distance of d's handle from the mean: 1.5 standard deviations of the whole cloud.
    fn handle_radius(&self) -> f64 {
        let a = &self.analysis;
        let r = 1.5 * a.length(a.total().sqrt());
        if r > 0.0 && r.is_finite() {
            r
        } else {
            1.0
        }
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
}

/// Every row of `n`, or an evenly spaced sample of at most `cap` of them (deterministic: the same
/// points for the same data).
fn every(n: usize, cap: usize) -> std::iter::StepBy<std::ops::Range<usize>> {
    (0..n).step_by(n.div_ceil(cap.max(1)).max(1))
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

/// The subscript of component `i` (0 is ₁).
fn subscript(i: usize) -> &'static str {
    ["₁", "₂", "₃"].get(i).copied().unwrap_or("")
}
