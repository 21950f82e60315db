//! What the picture tab shows: its readouts, the four panels, the chart of singular values, the
//! summary and the code that computes the same approximation.

use super::ImageTab;
use crate::chapter::Code;

use crate::format::{display_number, subscript};
use crate::math::truncated::LAYER_ROUNDING;
use crate::readout::{number_readout, Readout, Value};
use crate::view::chart::{Chart, Marker, Series, SeriesKind, YScale};
use crate::view::scene::{Role, Scene, Shape};
use crate::view::viewport::World;

/// The horizontal gap between panels.
const GAP_X: f64 = 0.1;
/// The vertical gap between panels (room for the labels).
const GAP_Y: f64 = 0.25;

impl ImageTab {
    /// A panel's width in world units (the picture's aspect ratio, height 1).
    fn panel_width(&self) -> f64 {
        let (m, n) = self.factors.shape();
        n as f64 / m as f64
    }

    /// The same error from the singular values: √(Σ over channels of (σₖ₊₁² + … + σᵣ²) / ‖A‖²_F).
    fn error_from_sigma(&self) -> f64 {
        let dropped: f64 = self.factors.channels.iter().map(|c| c.dropped_sq(self.k)).sum();
        let total: f64 = self.factors.channels.iter().map(|c| c.dropped_sq(0)).sum();
        if total > 0.0 {
            // At full rank nothing is dropped: an empty sum is −0, reported as 0.
            (dropped / total).sqrt().abs()
        } else {
            0.0
        }
    }

    /// The measured relative error as a sentence shows it: 0 when it is within what the arithmetic
    /// itself can move it (each of the k layers' entries rounded by up to `LAYER_ROUNDING`, and the
    /// SVD's own rounding), so that a full-rank picture is not "off by 3.941e-12%".
    fn error_for_people(&self) -> f64 {
        let (m, n) = self.factors.shape();
        let entries = (m * n * self.factors.channels.len()) as f64;
        let norm = self.factors.norm_sq().sqrt();
        let noise = self.k as f64 * LAYER_ROUNDING * entries.sqrt() / norm + 64.0 * f64::EPSILON;
        if norm > 0.0 && self.measured_error > noise {
            self.measured_error
        } else {
            0.0
        }
    }

    /// The share of ‖A‖² (Frobenius, all channels) that the first k singular values keep.
    fn energy(&self) -> f64 {
        1.0 - self.error_from_sigma().powi(2)
    }

    /// k(m + n + 1) / (mn): the numbers stored for A_k (k columns of U and of V, k σ's) per pixel,
    /// the same for each channel.
    fn storage_ratio(&self) -> f64 {
        let (m, n) = self.factors.shape();
        (self.k * (m + n + 1)) as f64 / (m * n) as f64
    }

    /// "the 120×160 picture", "your 384×512 colour picture “cat.png”".
    fn picture_words(&self) -> String {
        let (m, n) = self.factors.shape();
        match self.own() {
            None => format!("the {m}×{n} picture"),
            Some((file, grey)) => {
                let colour = if grey { "greyscale" } else { "colour" };
                format!("your {m}×{n} {colour} picture “{}”", short_name(&file.name))
            }
        }
    }

    /// The tab's readouts (the page adds them after A's).
    pub(in crate::chapters::svd) fn readouts(&self) -> Vec<Readout> {
        let (k, max) = (self.k, self.max_rank());
        let (m, n) = self.factors.shape();
        let channels = self.factors.channels.len();
        let rank_note = match self.own() {
            None => format!(
                "singular values kept, of min(m, n) = {max}; the picture's numerical rank is {}",
                self.factors.channels[0].svd.rank()
            ),
            Some(_) if channels == 3 => {
                format!("singular values kept in each of the three channels (red, green, blue), of the {max} computed for each")
            }
            Some(_) => format!("singular values kept, of the {max} largest computed (min(m, n) = {})", m.min(n)),
        };
        let each = if channels == 3 { ", the same in each channel" } else { "" };
        let shape_note = match self.own() {
            None => "height, width and channels of the built-in picture (drawn by a formula)".to_string(),
            Some((file, _)) if file.scale() < 1.0 => format!(
                "height, width and channels of {}, scaled by {} from {}×{} (never uploaded, not in the link)",
                self.picture_words(),
                display_number(file.scale()),
                file.source_size.1,
                file.source_size.0
            ),
            Some(_) => format!("height, width and channels of {}, at its own size (never uploaded, not in the link)", self.picture_words()),
        };
        vec![
            Readout::new("rank_k", "k", Value::Number(k as f64), rank_note),
            number_readout(
                "storage_ratio",
                "storage",
                self.storage_ratio(),
                format!(
                    "k(m + n + 1)/(mn) = {}/{}: numbers stored for Aₖ per pixel of {}{each}",
                    k * (m + n + 1),
                    m * n,
                    self.picture_words()
                ),
            ),
            number_readout(
                "relative_error",
                "‖A − Aₖ‖/‖A‖",
                self.measured_error,
                format!(
                    "relative error in the Frobenius norm, measured on the pixels{}; from the singular values alone it is {}",
                    if channels == 3 { " of all three channels" } else { "" },
                    display_number(self.error_from_sigma())
                ),
            ),
            number_readout(
                "relative_error_sigma",
                "√((σₖ₊₁² + … + σᵣ²)/(σ₁² + … + σᵣ²))",
                self.error_from_sigma(),
                if self.own().is_none() {
                    "the same error from the dropped singular values σₖ₊₁ … σᵣ alone".to_string()
                } else {
                    format!("the same error from the singular values: (‖A‖² − σ₁² − … − σₖ²)/‖A‖², square-rooted{each}")
                },
            ),
            number_readout(
                "energy",
                "energy kept",
                self.energy(),
                "(σ₁² + … + σₖ²)/(σ₁² + … + σᵣ²): the share of ‖A‖² (Frobenius) that the first k singular values carry",
            ),
            Readout::new("picture_shape", "shape", Value::Vector(vec![m as f64, n as f64, channels as f64]), shape_note),
        ]
    }

    /// The figure: the picture, A_k, the error A − A_k (doubled, mid-grey is 0) and the last layer
    /// added, σ_k u_k v_kᵀ (scaled to use the whole grey range), in a 2×2 grid of panels (world
    /// units: each panel is 4/3 wide and 1 high, labelled above).
    pub(in crate::chapters::svd) fn scene(&self) -> Scene {
        let k = subscript(self.k);
        let [approx, error, layer] = self.panels.clone();
        let width = self.panel_width();
        let original = if self.own().is_some() { "your picture A" } else { "the picture A" };
        let panels = [
            (0, 1, self.factors.original.clone(), original.to_string()),
            (1, 1, approx, format!("A{k} (rank {})", self.k)),
            (0, 0, error, format!("A − A{k} (×2)")),
            (1, 0, layer, format!("layer σ{k}u{k}v{k}ᵀ")),
        ];
        let mut scene = Scene::default();
        for (col, row, image, label) in panels {
            let min = World::new(col as f64 * (width + GAP_X), row as f64 * (1.0 + GAP_Y));
            let max = min + World::new(width, 1.0);
            scene.push(Shape::Image { min, max, image });
            scene.push(Shape::Label { at: World::new(min.x + width / 2.0, max.y + 0.09), text: label, role: Role::Axis });
        }
        scene
    }

    /// The box the four panels and their labels fill.
    pub(in crate::chapters::svd) fn content_bounds(&self) -> (World, World) {
        (World::new(-0.05, -0.05), World::new(2.0 * self.panel_width() + GAP_X + 0.05, 2.0 + GAP_Y + 0.2))
    }

    /// The singular values on a log scale, those kept in the eigen colour, k marked.
    pub(in crate::chapters::svd) fn chart(&self) -> Chart {
        // One channel's σᵢ, or the three channels' together: √(σᵢ(red)² + σᵢ(green)² + σᵢ(blue)²).
        let sigma: Vec<f64> = (0..self.max_rank())
            .map(|i| self.factors.channels.iter().map(|c| c.svd.singular_values[i].powi(2)).sum::<f64>().sqrt())
            .collect();
        let points = |range: std::ops::Range<usize>| range.map(|i| ((i + 1) as f64, sigma[i])).collect::<Vec<_>>();
        let k = self.k;
        let title = match self.own() {
            None => format!("Singular values of the picture ({} of {} kept)", k, sigma.len()),
            Some(_) => format!("Your picture's singular values ({} of {} kept)", k, sigma.len()),
        };
        // Colour: the three channels' σᵢ together, whose squares add up to the energy as one σᵢ² does.
        let y_label =
            if self.factors.channels.len() == 3 { "√(σᵢ(R)² + σᵢ(G)² + σᵢ(B)²), log scale" } else { "σᵢ (log scale)" };
        Chart {
            title,
            x_label: "i".into(),
            y_label: y_label.into(),
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
            "{}Rank {} of {}: Aₖ stores {}% of the picture's numbers and is off by {}% (relative Frobenius error), keeping {}% of the energy.",
            self.own().map_or(String::new(), |_| format!("Showing {}. ", self.picture_words())),
            self.k,
            self.max_rank(),
            display_number(100.0 * self.storage_ratio()),
            display_number(100.0 * self.error_for_people()),
            display_number(100.0 * self.energy())
        )
    }

    /// Code that draws the same picture and computes the same approximation.
    /// Appends the picture tab's code to A's (whose imports it shares): the picture, its SVD and the
    /// rank-k readouts.
    pub(in crate::chapters::svd) fn append_code(&self, code: &mut Code) {
        if self.own().is_some() {
            code.snippet("own_picture", &[]);
        }
        code.snippet("picture_title", &[]);
        code.snippet("picture", &[]);
        code.snippet("picture_rank_k", &[("k", &self.k.to_string())]);
    }
}

/// A file name for the page: at most 40 characters, the end kept (it holds the extension).
fn short_name(name: &str) -> String {
    let count = name.chars().count();
    if count <= 40 {
        return name.to_string();
    }
    format!("…{}", name.chars().skip(count - 39).collect::<String>())
}
