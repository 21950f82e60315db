//! What the picture tab shows: its readouts, the four panels, the chart of singular values, the
//! summary and the code that computes the same approximation.

use super::{picture, ImageTab, COLS, ROWS};
use crate::chapter::Code;

use crate::format::{display_number, subscript};
use crate::math::truncated::{dropped_share, kept_energy};
use crate::readout::{number_readout, Readout, Value};
use crate::view::chart::{Chart, Marker, Series, SeriesKind, YScale};
use crate::view::scene::{Role, Scene, Shape};
use crate::view::viewport::World;

/// A panel's width in world units (the picture's aspect ratio, height 1).
const PANEL_W: f64 = COLS as f64 / ROWS as f64;
/// The horizontal gap between panels.
const GAP_X: f64 = 0.1;
/// The vertical gap between panels (room for the labels).
const GAP_Y: f64 = 0.25;

impl ImageTab {
    /// The same error from the singular values: √(σₖ₊₁² + … + σᵣ²) / √(σ₁² + … + σᵣ²).
    fn error_from_sigma(&self) -> f64 {
        dropped_share(&self.factors.svd.singular_values, self.k)
    }

    /// The share of ‖A‖² (Frobenius) that the first k singular values keep.
    fn energy(&self) -> f64 {
        kept_energy(&self.factors.svd.singular_values, self.k)
    }

    /// k(m + n + 1) / (mn): the numbers stored for A_k (k columns of U and of V, k σ's) per pixel.
    fn storage_ratio(&self) -> f64 {
        (self.k * (ROWS + COLS + 1)) as f64 / (ROWS * COLS) as f64
    }

    /// The tab's readouts (the page adds them after A's).
    pub(in crate::chapters::svd) fn readouts(&self) -> Vec<Readout> {
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
                    "k(m + n + 1)/(mn) = {}/{}: numbers stored for Aₖ per pixel of the {ROWS}×{COLS} picture",
                    k * (ROWS + COLS + 1),
                    ROWS * COLS
                ),
            ),
            number_readout(
                "relative_error",
                "‖A − Aₖ‖/‖A‖",
                self.measured_error,
                format!(
                    "relative error in the Frobenius norm, measured on the pixels; from the singular values alone it is {}",
                    display_number(self.error_from_sigma())
                ),
            ),
            number_readout(
                "relative_error_sigma",
                "√((σₖ₊₁² + … + σᵣ²)/(σ₁² + … + σᵣ²))",
                self.error_from_sigma(),
                "the same error from the dropped singular values σₖ₊₁ … σᵣ alone",
            ),
            number_readout(
                "energy",
                "energy kept",
                self.energy(),
                "(σ₁² + … + σₖ²)/(σ₁² + … + σᵣ²): the share of ‖A‖² (Frobenius) that the first k singular values carry",
            ),
        ]
    }

    /// The figure: the picture, A_k, the error A − A_k (doubled, mid-grey is 0) and the last layer
    /// added, σ_k u_k v_kᵀ (scaled to use the whole grey range), in a 2×2 grid of panels (world
    /// units: each panel is 4/3 wide and 1 high, labelled above).
    pub(in crate::chapters::svd) fn scene(&self) -> Scene {
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
    pub(in crate::chapters::svd) fn content_bounds(&self) -> (World, World) {
        (World::new(-0.05, -0.05), World::new(2.0 * PANEL_W + GAP_X + 0.05, 2.0 + GAP_Y + 0.2))
    }

    /// The singular values on a log scale, those kept in the eigen colour, k marked.
    pub(in crate::chapters::svd) fn chart(&self) -> Chart {
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
    pub(in crate::chapters::svd) fn summary(&self) -> String {
        format!(
            "Rank {} of {}: Aₖ stores {}% of the picture's numbers and is off by {}% (relative Frobenius error), keeping {}% of the energy.",
            self.k,
            self.max_rank(),
            display_number(100.0 * self.storage_ratio()),
            display_number(100.0 * self.measured_error),
            display_number(100.0 * self.energy())
        )
    }

    /// Code that draws the same picture and computes the same approximation.
    /// Appends the picture tab's code to A's (whose imports it shares): the picture, its SVD and the
    /// rank-k readouts.
    pub(in crate::chapters::svd) fn append_code(&self, code: &mut Code) {
        let k = self.k;
        let (numpy, nalgebra) = (picture::NUMPY, picture::NALGEBRA);
        code.line(
            &format!("\n# The picture tab: a picture and its best rank-k approximation\n{numpy}\nk = {k}\n"),
            &format!("\n# The picture tab: a picture and its best rank-k approximation\nimport numpy as np\n{numpy}\nimg = torch.from_numpy(img)\nk = {k}\n"),
            &format!("\n// The picture tab: a picture and its best rank-k approximation\n{nalgebra}\nlet k = {k};\n"),
        );
        code.line(
            "U, s, Vt = np.linalg.svd(img, full_matrices=False)\nimg_k = U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]  # the best rank-k approximation",
            "U, s, Vh = torch.linalg.svd(img, full_matrices=False)\nimg_k = U[:, :k] @ torch.diag(s[:k]) @ Vh[:k, :]  # the best rank-k approximation",
            "let svd = img.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet (u, s, v_t) = (svd.u.unwrap(), svd.singular_values, svd.v_t.unwrap());\nlet img_k = u.columns(0, k) * DMatrix::from_diagonal(&s.rows(0, k)) * v_t.rows(0, k); // the best rank-k approximation",
        );
        code.line(
            "print(\"rank_k\", k, \"of\", min(m, n), \"numerical rank\", np.linalg.matrix_rank(img))\nprint(\"storage_ratio\", k * (m + n + 1) / (m * n))\nprint(\"relative_error\", np.linalg.norm(img - img_k) / np.linalg.norm(img))\nprint(\"relative_error_sigma\", np.sqrt(np.sum(s[k:] ** 2) / np.sum(s ** 2)))  # the same, from s\nprint(\"energy\", np.sum(s[:k] ** 2) / np.sum(s ** 2))",
            "print(\"rank_k\", k, \"of\", min(m, n), \"numerical rank\", torch.linalg.matrix_rank(img))\nprint(\"storage_ratio\", k * (m + n + 1) / (m * n))\nprint(\"relative_error\", torch.linalg.norm(img - img_k) / torch.linalg.norm(img))\nprint(\"relative_error_sigma\", torch.sqrt(torch.sum(s[k:] ** 2) / torch.sum(s ** 2)))\nprint(\"energy\", torch.sum(s[:k] ** 2) / torch.sum(s ** 2))",
            "println!(\"storage_ratio {}\", (k * (m + n + 1)) as f64 / (m * n) as f64);\nprintln!(\"relative_error {}\", (&img - &img_k).norm() / img.norm());\nprintln!(\"relative_error_sigma {}\", (s.rows(k, s.len() - k).norm_squared() / s.norm_squared()).sqrt());\nprintln!(\"energy {}\", s.rows(0, k).norm_squared() / s.norm_squared());",
        );
    }
}
