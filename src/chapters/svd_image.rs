//! The SVD page's image tab: a greyscale picture is a matrix, and keeping its k largest singular values
//! gives the best rank-k approximation A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ (Eckart–Young), stored in k(m + n + 1)
//! numbers instead of mn.
//!
//! The picture is drawn by a formula ([`picture`]: a gradient sky, a sun, a mountain and a chequered
//! flag), so it ships as code, costs no download and is the same on every machine. Its SVD is computed
//! once per page load (the first time the tab opens) with the shared bounded SVD and kept; moving the
//! rank slider only re-adds rank-one layers.

use super::{Code, Input, InputKind, SliderRange};
use crate::format::display_number;
use crate::math::svd::{svd, Svd};
use crate::readout::{number_readout, Readout, Value};
use crate::view::chart::{Chart, Marker, Series, SeriesKind, YScale};
use crate::view::scene::{GreyImage, Role, Scene, Shape};
use crate::view::viewport::World;
use nalgebra::DMatrix;
use std::cell::OnceCell;
use std::rc::Rc;

/// The picture's height in pixels (the matrix's rows, m).
pub const ROWS: usize = 120;
/// The picture's width in pixels (the matrix's columns, n).
pub const COLS: usize = 160;
/// The rank the tab opens with.
pub const DEFAULT_RANK: usize = 10;
/// The URL parameter and input name of the rank.
pub const RANK_INPUT: &str = "k";

/// The test picture: m×n brightness values in [0, 1] (0 black, 1 white), row 0 at the top. A smooth
/// background (rank 2), a round sun and a mountain with slanted edges (curved and diagonal edges need
/// many singular values), and a chequered flag (rank 2, but its sharp steps ring at low ranks).
pub fn picture() -> DMatrix<f64> {
    DMatrix::from_fn(ROWS, COLS, |r, c| {
        let (x, y) = (c as f64 + 0.5, r as f64 + 0.5);
        let mut v = 0.15 + 0.5 * x / 160.0 + 0.15 * y / 120.0;
        let sun = (30.5 - (x - 46.0).hypot(y - 48.0)).clamp(0.0, 1.0);
        v += (0.95 - v) * sun;
        let mountain = ((y - 34.0 - 1.6 * (x - 112.0).abs()) / 1.6f64.hypot(1.0) + 0.5).clamp(0.0, 1.0);
        v += (0.08 - v) * mountain;
        if (8.0..40.0).contains(&x) && (90.0..114.0).contains(&y) {
            v = if ((x / 8.0).floor() + (y / 8.0).floor()) % 2.0 == 0.0 { 0.9 } else { 0.2 };
        }
        v
    })
}

/// Brightness in [0, 1] as a byte; values outside (an approximation overshoots) are clipped.
fn to_byte(v: f64) -> u8 {
    (v * 255.0).round().clamp(0.0, 255.0) as u8
}

/// A matrix as a greyscale image, mapping each entry through `shade` to [0, 1].
fn grey(m: &DMatrix<f64>, shade: impl Fn(f64) -> f64) -> GreyImage {
    let pixels: Vec<u8> =
        (0..m.nrows()).flat_map(|r| (0..m.ncols()).map(move |c| (r, c))).map(|(r, c)| to_byte(shade(m[(r, c)]))).collect();
    GreyImage { width: m.ncols(), height: m.nrows(), pixels: pixels.into() }
}

/// The picture, its SVD and what every rank shares: computed once.
#[derive(Debug)]
struct Factors {
    picture: DMatrix<f64>,
    svd: Svd,
    original: GreyImage,
    /// σ₁² + … + σᵢ² for i = 0..=min(m, n) (index 0 holds 0).
    energy: Vec<f64>,
}

impl Factors {
    fn compute() -> Result<Factors, String> {
        let picture = picture();
        let svd = svd(&picture).map_err(|e| format!("the picture's SVD failed: {e}"))?;
        let mut energy = vec![0.0];
        for s in svd.singular_values.iter() {
            energy.push(energy.last().copied().unwrap_or(0.0) + s * s);
        }
        let original = grey(&picture, |v| v);
        Ok(Factors { picture, svd, original, energy })
    }

    fn max_rank(&self) -> usize {
        self.svd.singular_values.len()
    }

    /// Adds the rank-one layers `from..to` (0-based) to `sum`, in order: the same additions whether
    /// a sum is built at once or layer by layer, so a rank's pixels never depend on the slider's path.
    fn add_layers(&self, sum: &mut DMatrix<f64>, from: usize, to: usize) {
        for i in from..to {
            sum.ger(self.svd.singular_values[i], &self.svd.u.column(i), &self.svd.v.column(i), 1.0);
        }
    }
}

/// The pictures of A_k, of A − A_k (doubled, mid-grey is 0) and of the k-th layer σ_k u_k v_kᵀ
/// (scaled to the whole grey range), and the measured relative error ‖A − A_k‖_F / ‖A‖_F.
fn describe(f: &Factors, approx: &DMatrix<f64>, k: usize) -> ([GreyImage; 3], f64) {
    let error = &f.picture - approx;
    let mut layer = DMatrix::zeros(ROWS, COLS);
    f.add_layers(&mut layer, k.saturating_sub(1), k);
    let scale = layer.amax();
    let images =
        [grey(approx, |v| v), grey(&error, |v| 0.5 + 2.0 * v), grey(&layer, |v| if scale > 0.0 { 0.5 + 0.5 * v / scale } else { 0.5 })];
    (images, error.norm() / f.picture.norm())
}

thread_local! {
    /// The one SVD of the picture per page load (the web page is single-threaded).
    static FACTORS: OnceCell<Rc<Factors>> = const { OnceCell::new() };
}

fn factors() -> Result<Rc<Factors>, String> {
    FACTORS.with(|cell| {
        if let Some(f) = cell.get() {
            return Ok(f.clone());
        }
        let f = Rc::new(Factors::compute()?);
        Ok(cell.get_or_init(|| f).clone())
    })
}

/// The image tab's state: the rank k, the rank-k approximation, and what the figure and readouts show
/// of it (made once per rank, so redrawing, panning and zooming cost no arithmetic).
#[derive(Debug, Clone)]
pub struct ImageTab {
    factors: Rc<Factors>,
    k: usize,
    approx: DMatrix<f64>,
    /// A_k, A − A_k and the last layer as pictures.
    panels: [GreyImage; 3],
    /// ‖A − A_k‖_F / ‖A‖_F measured on the matrices.
    measured_error: f64,
}

impl PartialEq for ImageTab {
    fn eq(&self, other: &ImageTab) -> bool {
        self.k == other.k
    }
}

impl ImageTab {
    /// Opens the tab at [`DEFAULT_RANK`]; the first call in a page load computes the SVD.
    pub fn new() -> Result<ImageTab, String> {
        let factors = factors()?;
        let k = DEFAULT_RANK.min(factors.max_rank());
        let mut approx = DMatrix::zeros(ROWS, COLS);
        factors.add_layers(&mut approx, 0, k);
        let (panels, measured_error) = describe(&factors, &approx, k);
        Ok(ImageTab { factors, k, approx, panels, measured_error })
    }

    /// The largest rank: min(m, n).
    pub fn max_rank(&self) -> usize {
        self.factors.max_rank()
    }

    /// The rank as an input (a scalar with a slider).
    pub fn input(&self) -> Input {
        Input { name: RANK_INPUT, kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.k as f64) }
    }

    /// The slider's span: every rank from 1 to min(m, n).
    pub fn slider(&self) -> SliderRange {
        SliderRange { min: 1.0, max: self.max_rank() as f64, step: 1.0 }
    }

    /// Sets k from the input's value; `Err` unless it is a whole number from 1 to min(m, n).
    pub fn set_rank(&mut self, value: &DMatrix<f64>) -> Result<(), String> {
        let max = self.max_rank();
        let k = match value.as_slice() {
            [x] if x.fract() == 0.0 && *x >= 1.0 && *x <= max as f64 => *x as usize,
            _ => return Err(format!("k must be a whole number from 1 to {max}")),
        };
        if k > self.k {
            self.factors.add_layers(&mut self.approx, self.k, k);
        } else if k < self.k {
            self.approx = DMatrix::zeros(ROWS, COLS);
            self.factors.add_layers(&mut self.approx, 0, k);
        }
        self.k = k;
        (self.panels, self.measured_error) = describe(&self.factors, &self.approx, k);
        Ok(())
    }

    /// The same error from the singular values: √(Σ_{i>k} σᵢ²) / √(Σ σᵢ²).
    fn error_from_sigma(&self) -> f64 {
        let e = &self.factors.energy;
        let total = e.last().copied().unwrap_or(0.0);
        // The tail as a sum of its own squares, not total − kept, which would cancel catastrophically.
        let tail: f64 = self.factors.svd.singular_values.iter().skip(self.k).map(|s| s * s).sum();
        (tail / total).sqrt()
    }

    /// The share of ‖A‖²_F that the first k singular values keep.
    fn energy(&self) -> f64 {
        let e = &self.factors.energy;
        e[self.k] / e.last().copied().unwrap_or(1.0)
    }

    /// k(m + n + 1) / (mn): the numbers stored for A_k (k columns of U and of V, k σ's) per pixel.
    fn storage_ratio(&self) -> f64 {
        (self.k * (ROWS + COLS + 1)) as f64 / (ROWS * COLS) as f64
    }

    /// The tab's readouts (the page adds them after A's).
    pub fn readouts(&self) -> Vec<Readout> {
        let (k, max) = (self.k, self.max_rank());
        let numerical_rank = self.factors.svd.rank();
        vec![
            Readout::new(
                "rank_k",
                "k",
                Value::Number(k as f64),
                format!("singular values kept, of min(m, n) = {max}; the picture's numerical rank is {numerical_rank}"),
            ),
            number_readout(
                "storage_ratio",
                "storage",
                self.storage_ratio(),
                format!(
                    "k(m + n + 1)/(mn) = {}/{}: numbers stored for A_k per pixel of the {ROWS}×{COLS} picture",
                    k * (ROWS + COLS + 1),
                    ROWS * COLS
                ),
            ),
            number_readout(
                "relative_error",
                "‖A − A_k‖/‖A‖",
                self.measured_error,
                format!(
                    "relative Frobenius error, measured on the pixels; from the singular values √(Σ_{{i>k}} σᵢ²/Σ σᵢ²) = {}",
                    display_number(self.error_from_sigma())
                ),
            ),
            number_readout(
                "relative_error_sigma",
                "√(Σ_{i>k} σᵢ²/Σ σᵢ²)",
                self.error_from_sigma(),
                "the same error from the dropped singular values alone",
            ),
            number_readout(
                "energy",
                "energy kept",
                self.energy(),
                "Σ_{i≤k} σᵢ² / Σ σᵢ²: the share of ‖A‖²_F the first k singular values carry",
            ),
        ]
    }

    /// The figure: the picture, A_k, the error A − A_k (doubled, mid-grey is 0) and the last layer
    /// added, σ_k u_k v_kᵀ (scaled to use the whole grey range), in a 2×2 grid of panels (world
    /// units: each panel is 4/3 wide and 1 high, labelled above).
    pub fn scene(&self) -> Scene {
        let k = subscript(self.k);
        let [approx, error, layer] = self.panels.clone();
        let panels = [
            (0, 1, self.factors.original.clone(), "the picture A".to_string()),
            (1, 1, approx, format!("A{k} (rank {})", self.k)),
            (0, 0, error, format!("A − A{k} (×2)")),
            (1, 0, layer, format!("layer σ{k}u{k}v{k}ᵀ")),
        ];
        let mut scene = Scene::default();
        for (col, row, image, label) in panels {
            let min = World::new(col as f64 * (PANEL_W + GAP_X), row as f64 * (1.0 + GAP_Y));
            let max = min + World::new(PANEL_W, 1.0);
            scene.push(Shape::Image { min, max, image });
            scene.push(Shape::Label { at: World::new(min.x + PANEL_W / 2.0, max.y + 0.09), text: label, role: Role::Axis });
        }
        scene
    }

    /// The box the four panels and their labels fill.
    pub fn content_bounds(&self) -> (World, World) {
        (World::new(-0.05, -0.05), World::new(2.0 * PANEL_W + GAP_X + 0.05, 2.0 + GAP_Y + 0.2))
    }

    /// The singular values on a log scale, those kept in the eigen colour, k marked.
    pub fn chart(&self) -> Chart {
        let sigma = &self.factors.svd.singular_values;
        let points = |range: std::ops::Range<usize>| range.map(|i| ((i + 1) as f64, sigma[i])).collect::<Vec<_>>();
        let k = self.k;
        Chart {
            title: format!("Singular values of the picture ({} of {} kept)", k, sigma.len()),
            x_label: "i".into(),
            y_label: "σᵢ (log scale)".into(),
            y_scale: YScale::Log,
            series: vec![
                Series {
                    name: format!("kept: σ₁ … σ{}", subscript(k)), kind: SeriesKind::Bars, role: Role::Eigen, points: points(0..k)
                },
                Series { name: "dropped".into(), kind: SeriesKind::Bars, role: Role::Ghost, points: points(k..sigma.len()) },
            ],
            marker: Some(Marker { x: k as f64 + 0.5, label: format!("k = {k}"), role: Role::Image }),
        }
    }

    /// A sentence for the live region.
    pub fn summary(&self) -> String {
        format!(
            "Rank {} of {}: A_k stores {}% of the picture's numbers and is off by {}% (relative Frobenius error), keeping {}% of the energy.",
            self.k,
            self.max_rank(),
            display_number(100.0 * self.storage_ratio()),
            display_number(100.0 * self.measured_error),
            display_number(100.0 * self.energy())
        )
    }

    /// Code that draws the same picture and computes the same approximation.
    pub fn code(&self) -> Code {
        let k = self.k;
        let numpy_picture = "y, x = np.mgrid[0:120, 0:160] + 0.5  # pixel centres\nimg = 0.15 + 0.5 * x / 160 + 0.15 * y / 120  # the sky\nsun = np.clip(30.5 - np.hypot(x - 46, y - 48), 0, 1)\nimg += (0.95 - img) * sun\nmountain = np.clip((y - 34 - 1.6 * np.abs(x - 112)) / np.hypot(1.6, 1) + 0.5, 0, 1)\nimg += (0.08 - img) * mountain\nflag = (8 <= x) & (x < 40) & (90 <= y) & (y < 114)\nimg[flag] = np.where((x[flag] // 8 + y[flag] // 8) % 2 == 0, 0.9, 0.2)\nm, n = img.shape";
        let mut code = Code { numpy: String::new(), torch: String::new(), nalgebra: String::new() };
        code.line(
            &format!("import numpy as np\n\n{numpy_picture}\nk = {k}\n"),
            &format!("import numpy as np\nimport torch\n\n{numpy_picture}\nimg = torch.from_numpy(img)\nk = {k}\n"),
            &format!(
                "use nalgebra::DMatrix;\n\nlet img = DMatrix::from_fn(120, 160, |r, c| {{\n    let (x, y) = (c as f64 + 0.5, r as f64 + 0.5);\n    let mut v = 0.15 + 0.5 * x / 160.0 + 0.15 * y / 120.0;\n    v += (0.95 - v) * (30.5 - (x - 46.0).hypot(y - 48.0)).clamp(0.0, 1.0);\n    v += (0.08 - v) * ((y - 34.0 - 1.6 * (x - 112.0).abs()) / 1.6f64.hypot(1.0) + 0.5).clamp(0.0, 1.0);\n    if (8.0..40.0).contains(&x) && (90.0..114.0).contains(&y) {{\n        v = if ((x / 8.0).floor() + (y / 8.0).floor()) % 2.0 == 0.0 {{ 0.9 }} else {{ 0.2 }};\n    }}\n    v\n}});\nlet (m, n) = img.shape();\nlet k = {k};\n"
            ),
        );
        code.line(
            "U, s, Vt = np.linalg.svd(img, full_matrices=False)\nimg_k = U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]  # the best rank-k approximation",
            "U, s, Vh = torch.linalg.svd(img, full_matrices=False)\nimg_k = U[:, :k] @ torch.diag(s[:k]) @ Vh[:k, :]  # the best rank-k approximation",
            "let svd = img.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet (u, s, v_t) = (svd.u.unwrap(), svd.singular_values, svd.v_t.unwrap());\nlet img_k = u.columns(0, k) * DMatrix::from_diagonal(&s.rows(0, k)) * v_t.rows(0, k); // the best rank-k approximation",
        );
        code.line(
            "np.linalg.norm(img - img_k) / np.linalg.norm(img)  # relative_error\nnp.sqrt(np.sum(s[k:] ** 2) / np.sum(s ** 2))  # the same, from s\nnp.sum(s[:k] ** 2) / np.sum(s ** 2)  # energy\nk * (m + n + 1) / (m * n)  # storage_ratio",
            "torch.linalg.norm(img - img_k) / torch.linalg.norm(img)  # relative_error\ntorch.sqrt(torch.sum(s[k:] ** 2) / torch.sum(s ** 2))  # the same, from s\ntorch.sum(s[:k] ** 2) / torch.sum(s ** 2)  # energy\nk * (m + n + 1) / (m * n)  # storage_ratio",
            "let relative_error = (&img - &img_k).norm() / img.norm();\nlet from_s = (s.rows(k, s.len() - k).norm_squared() / s.norm_squared()).sqrt();\nlet energy = s.rows(0, k).norm_squared() / s.norm_squared();\nlet storage_ratio = (k * (m + n + 1)) as f64 / (m * n) as f64;",
        );
        code
    }
}

/// `n` in subscript digits: 12 → ₁₂.
fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x2080 + d)).unwrap_or(c)).collect()
}

/// A panel's width in world units (the picture's aspect ratio, height 1).
const PANEL_W: f64 = COLS as f64 / ROWS as f64;
/// The horizontal gap between panels.
const GAP_X: f64 = 0.1;
/// The vertical gap between panels (room for the labels).
const GAP_Y: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::LOG_FLOOR_RATIO;

    fn tab(k: usize) -> ImageTab {
        let mut t = ImageTab::new().unwrap();
        t.set_rank(&DMatrix::from_element(1, 1, k as f64)).unwrap();
        t
    }

    fn readout(t: &ImageTab, name: &str) -> f64 {
        match t.readouts().into_iter().find(|r| r.name == name).unwrap().value {
            Value::Number(x) => x,
            v => panic!("{name} = {v:?}"),
        }
    }

    #[test]
    fn the_picture_is_deterministic_and_sized() {
        let a = picture();
        assert_eq!(a.shape(), (ROWS, COLS));
        assert_eq!(a, picture());
        assert!(a.iter().all(|v| (0.0..=1.0).contains(v)));
        // Sun, mountain, flag and sky are where the formula puts them.
        assert!((a[(48, 46)] - 0.95).abs() < 1e-12 && (a[(110, 112)] - 0.08).abs() < 1e-12);
        assert_eq!((a[(92, 10)], a[(92, 18)]), (0.9, 0.2));
        assert!((a[(0, 0)] - (0.15 + 0.5 * 0.5 / 160.0 + 0.15 * 0.5 / 120.0)).abs() < 1e-15);
        let f = factors().unwrap();
        assert_eq!((f.original.width, f.original.height, f.original.pixels.len()), (COLS, ROWS, ROWS * COLS));
        // Rich enough that low ranks are visibly blurry: the spectrum decays slowly, then drops.
        let s = &f.svd.singular_values;
        assert!(s[9] / s[0] > 1e-2 && s[30] / s[0] > 1e-3, "{s}");
        assert_eq!(f.svd.rank(), 104, "svd_page.html names the picture's rank");
    }

    #[test]
    fn full_rank_reproduces_the_picture_and_errors_agree() {
        let full = tab(ROWS);
        assert!((&full.approx - &full.factors.picture).amax() < 1e-9);
        assert!(readout(&full, "relative_error") < 1e-12);
        assert_eq!(readout(&full, "storage_ratio"), (ROWS * (ROWS + COLS + 1)) as f64 / (ROWS * COLS) as f64);
        for k in [1, 2, 5, 10, 40, 100] {
            let t = tab(k);
            let (measured, from_sigma) = (readout(&t, "relative_error"), readout(&t, "relative_error_sigma"));
            assert!((measured - from_sigma).abs() <= 1e-9, "k = {k}: {measured} vs {from_sigma}");
            assert!((readout(&t, "energy") + from_sigma * from_sigma - 1.0).abs() < 1e-12);
            assert_eq!(readout(&t, "storage_ratio"), k as f64 * 281.0 / 19200.0);
            assert_eq!(readout(&t, "rank_k"), k as f64);
        }
        // Error falls as k grows.
        assert!(readout(&tab(5), "relative_error") > readout(&tab(20), "relative_error"));
    }

    #[test]
    fn a_rank_does_not_depend_on_the_path_to_it() {
        let mut t = tab(3);
        for k in [4, 5, 30, 2, 7] {
            t.set_rank(&DMatrix::from_element(1, 1, k as f64)).unwrap();
        }
        assert_eq!(t.approx, tab(7).approx, "bit for bit");
    }

    #[test]
    fn the_slider_spans_every_rank_and_bad_ranks_are_refused() {
        let mut t = tab(10);
        assert_eq!(t.slider(), SliderRange { min: 1.0, max: ROWS as f64, step: 1.0 });
        for bad in [0.0, -1.0, 2.5, (ROWS + 1) as f64, f64::NAN, f64::INFINITY] {
            let err = t.set_rank(&DMatrix::from_element(1, 1, bad)).unwrap_err();
            assert!(err.contains("whole number from 1 to 120"), "{err}");
        }
        assert!(t.set_rank(&DMatrix::from_element(2, 1, 1.0)).is_err());
        assert_eq!(t.k, 10);
        assert_eq!(t.input().to_param(), "10");
    }

    #[test]
    fn the_scene_has_four_panels_and_the_chart_marks_k() {
        let t = tab(12);
        let scene = t.scene();
        let images: Vec<&GreyImage> =
            scene.shapes.iter().filter_map(|s| if let Shape::Image { image, .. } = s { Some(image) } else { None }).collect();
        assert_eq!(images.len(), 4);
        assert!(images.iter().all(|i| i.pixels.len() == ROWS * COLS && i.width == COLS));
        assert!(Rc::ptr_eq(&images[0].pixels, &t.factors.original.pixels), "the original's pixels are shared, not rebuilt");
        let again = t.scene();
        let Some(Shape::Image { image: approx, .. }) = again.shapes.get(2) else { panic!("A_k is the second panel") };
        assert!(Rc::ptr_eq(&images[1].pixels, &approx.pixels), "redrawing makes no new pixels");
        let chart = t.chart();
        assert_eq!(chart.series[0].points.len(), 12);
        assert_eq!(chart.series[1].points.len(), ROWS - 12);
        assert_eq!(chart.marker.as_ref().map(|m| m.x), Some(12.5));
        // Numerically zero singular values exist and land on the chart's floor, not at −∞.
        let s = &t.factors.svd.singular_values;
        assert!(s[ROWS - 1] < s[0] * LOG_FLOOR_RATIO, "{}", s[ROWS - 1]);
        assert!(chart.description().contains("numerically zero"), "{}", chart.description());
        assert!(t.summary().contains("Rank 12 of 120"));
        assert!(t.code().numpy.contains("k = 12") && t.code().nalgebra.contains("let k = 12;"));
    }
}
