//! Charts as data: a title, axis labels, a linear or logarithmic y axis, series of bars and lines
//! (each with a [`Role`], never a colour) and an optional marker. [`draw`] draws one through the
//! figure's own [`Painter`]: the browser passes the canvas painter, the static pages and native tests
//! the SVG painter or a recording.
//!
//! The x axis counts items (1, 2, 3…: singular values, principal components); every series gives one y
//! per x. Non-finite values are left out, and on a log axis values at or below a stated floor
//! ([`LOG_FLOOR_RATIO`] × the largest value: zeros, rounding noise) are drawn as empty bars at the bottom
//! of the axis, which starts at the decade below the smallest value above the floor. So no chart ever
//! plots NaN or −∞, and noise does not squash the meaningful decades.

use super::labels::text_width;
use super::render::Painter;
use super::scene::{Align, Fill, Role, Stroke};
use super::viewport::{nice_step, Screen};
use crate::format::display_number;
use crate::math::clamp;
use crate::state::number::parse_number;

/// On a log axis, values at or below the largest value × this ratio (and zeros) are drawn at that floor.
pub const LOG_FLOOR_RATIO: f64 = 1e-12;

/// How the y axis maps values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YScale {
    /// Equal steps for equal differences, from 0.
    Linear,
    /// Equal steps for equal ratios (decades), from the floor.
    Log,
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// One bar per point, from the axis' base up to the value.
    Bars,
    /// A polyline through the points, with a dot on each.
    Line,
}

/// One named series of (x, y) points in a role colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's text, e.g. `kept (σ₁…σ₁₀)`.
    pub name: String,
    /// Bars or a line.
    pub kind: SeriesKind,
    /// Colour by meaning.
    pub role: Role,
    /// The points; x is usually the item's number 1, 2, 3….
    pub points: Vec<(f64, f64)>,
}

/// A vertical line at `x` with a label: the current choice (the rank k, the number of components).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Where the line stands, in x units (between two items: 10.5 marks "the first 10").
    pub x: f64,
    /// The text beside its top, e.g. `k = 10`.
    pub label: String,
    /// Colour by meaning.
    pub role: Role,
}

/// A whole chart; equal charts draw the same pixels, so the shell redraws only when the chart changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The caption above the plot.
    pub title: String,
    /// What the x axis counts.
    pub x_label: String,
    /// What the y axis measures.
    pub y_label: String,
    /// Linear or logarithmic y.
    pub y_scale: YScale,
    /// Drawn in order, first lowest.
    pub series: Vec<Series>,
    /// An optional vertical marker.
    pub marker: Option<Marker>,
}

/// Parses a CSS colour as the theme writes it: `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgba(…)`.
pub fn parse_css_color(text: &str) -> Option<(u8, u8, u8)> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        return match hex.len() {
            3 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        };
    }
    let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut parts =
        inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).map(|p| parse_number(p).ok().map(|x| clamp(x, 0.0, 255.0).round() as u8));
    Some((parts.next()??, parts.next()??, parts.next()??))
}

impl Chart {
    /// The finite points of every series, with the y range the plot shows: (bottom, top, floor).
    /// On a log axis the bottom is the floor; on a linear axis it is 0 (or below, for negative values).
    fn y_range(&self) -> (f64, f64, Option<f64>) {
        let ys = || self.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|y| y.is_finite());
        let max = ys().fold(f64::NEG_INFINITY, f64::max);
        match self.y_scale {
            YScale::Log => {
                let max = if max > 0.0 { max } else { 1.0 };
                let floor = (max * LOG_FLOOR_RATIO).max(f64::MIN_POSITIVE);
                // Start at the smallest value shown (or the floor), rounded down to a decade.
                let low = ys().filter(|y| *y > floor).fold(max, f64::min).max(floor);
                let bottom = 10f64.powf(low.log10().floor()).max(floor);
                let top = 10f64.powf(max.log10().ceil().max(bottom.log10() + 1.0));
                (bottom, top, Some(floor))
            }
            YScale::Linear => {
                let min = ys().fold(0.0, f64::min);
                let max = if max > min { max } else { min + 1.0 };
                (min, max + 0.05 * (max - min), None)
            }
        }
    }

    /// The x range: half an item beyond the first and last points.
    fn x_range(&self) -> (f64, f64) {
        let xs = || self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).filter(|x| x.is_finite());
        let (lo, hi) = (xs().fold(f64::INFINITY, f64::min), xs().fold(f64::NEG_INFINITY, f64::max));
        if lo <= hi {
            (lo - 0.5, hi + 0.5)
        } else {
            (0.5, 1.5)
        }
    }

    /// The chart in words, for the canvas's accessible label: title, scale, every value and the marker.
    pub fn description(&self) -> String {
        let mut out = format!("Chart: {}. {} against {}", self.title, self.y_label, self.x_label);
        if self.y_scale == YScale::Log {
            out.push_str(", on a logarithmic scale");
        }
        out.push('.');
        let (_, _, floor) = self.y_range();
        for s in &self.series {
            let values: Vec<String> = s
                .points
                .iter()
                .map(|(x, y)| format!("{}: {}", display_number(*x), if y.is_finite() { display_number(*y) } else { "undefined".into() }))
                .collect();
            out.push_str(&format!(" {}: {}.", s.name, if values.is_empty() { "none".to_string() } else { values.join(", ") }));
        }
        if let Some(floor) = floor {
            let below = self.series.iter().flat_map(|s| &s.points).filter(|p| p.1.is_finite() && p.1 <= floor).count();
            if below > 0 {
                out.push_str(&format!(
                    " {below} value{} at or below the floor {} (the largest × 10⁻¹²): numerically zero, drawn as empty bars at the bottom of the axis.",
                    if below == 1 { "" } else { "s" },
                    display_number(floor),
                ));
            }
        }
        if let Some(m) = &self.marker {
            out.push_str(&format!(" Marked: {}.", m.label));
        }
        out
    }
}

/// The chart's height for a width, in CSS px (half as high as wide, within 200–300 px).
pub fn chart_height(width: f64) -> f64 {
    clamp(width * 0.5, 200.0, 300.0)
}

/// The plot's margins inside the chart, in CSS px: left (the y labels), right, top (title, legend, the
/// y axis' name), bottom (the x labels and the x axis' name).
const PLOT_MARGINS: (f64, f64, f64, f64) = (58.0, 14.0, 70.0, 40.0);

/// Draws `chart` filling a `width` × `height` CSS px surface (which `painter` clears first).
pub fn draw(chart: &Chart, width: f64, height: f64, painter: &mut dyn Painter) {
    painter.clear();
    let (x_lo, x_hi) = chart.x_range();
    let (bottom, top, floor) = chart.y_range();
    let (ml, mr, mt, mb) = PLOT_MARGINS;
    let (left, right, upper, lower) = (ml, (width - mr).max(ml + 1.0), mt, (height - mb).max(mt + 1.0));
    // Where a value goes: x linearly; y linearly or by its logarithm, clamped into the plot (on a log
    // axis, values at or below the floor sit on the axis' bottom: an empty bar).
    let sx = |x: f64| left + (x - x_lo) / (x_hi - x_lo) * (right - left);
    let unit = |y: f64| match floor {
        Some(f) => {
            let y = if y <= f { bottom } else { clamp(y, bottom, top) };
            (y.log10() - bottom.log10()) / (top.log10() - bottom.log10())
        }
        None => (clamp(y, bottom, top) - bottom) / (top - bottom),
    };
    let sy = |y: f64| lower - unit(y) * (lower - upper);
    let at = |x: f64, y: f64| Screen { x, y };

    painter.text(at(width / 2.0, 18.0), &chart.title, Role::Axis, Align::Center);
    legend(chart, width, 40.0, painter);
    painter.text(at(6.0, upper - 10.0), &chart.y_label, Role::Axis, Align::Left);
    painter.text(at((left + right) / 2.0, height - 8.0), &chart.x_label, Role::Axis, Align::Center);

    // Horizontal grid lines and labels at round values (decades on a log axis).
    let grid = Stroke::solid(Role::Grid, 1.0);
    for y in y_ticks(bottom, top, floor.is_some()) {
        let v = sy(y);
        painter.path(&[at(left, v), at(right, v)], false, None, Some(grid));
        painter.text(at(left - 6.0, v + 4.0), &display_number(y), Role::Axis, Align::Right);
    }
    // Whole numbers along x, at most about 8 of them.
    let (first, last) = (x_lo.ceil(), x_hi.floor());
    let step = ((last - first + 1.0) / 8.0).ceil().max(1.0);
    let count = clamp(((last - first) / step).floor(), -1.0, 1000.0) as i64 + 1;
    for i in 0..count.max(0) {
        let x = first + i as f64 * step;
        painter.text(at(sx(x), lower + 16.0), &display_number(x), Role::Axis, Align::Center);
    }

    // Bars touch when there are many (gaps of a pixel or two only make a moiré).
    let most = chart.series.iter().map(|s| s.points.len()).sum::<usize>();
    let half = if most > 40 { 0.5 } else { 0.4 };
    for s in &chart.series {
        let points: Vec<(f64, f64)> = s.points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
        let fill = Fill { role: s.role, alpha: 1.0 };
        match s.kind {
            SeriesKind::Bars => {
                for &(x, y) in &points {
                    let (x0, x1, y0, y1) = (sx(x - half), sx(x + half), sy(bottom), sy(y));
                    if y0 - y1 >= 0.5 {
                        painter.path(&[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)], true, Some(fill), None);
                    }
                }
            }
            SeriesKind::Line => {
                let line: Vec<Screen> = points.iter().map(|&(x, y)| at(sx(x), sy(y))).collect();
                if line.len() > 1 {
                    painter.path(&line, false, None, Some(Stroke::solid(s.role, 2.0)));
                }
                for p in line {
                    painter.circle(p, 2.5, Some(fill), None);
                }
            }
        }
    }
    // The axes over the bars' feet.
    let axis = Stroke::solid(Role::Axis, 1.0);
    painter.path(&[at(left, upper), at(left, lower), at(right, lower)], false, None, Some(axis));
    if let Some(m) = &chart.marker {
        let x = sx(m.x);
        painter.path(&[at(x, upper), at(x, lower)], false, None, Some(Stroke::solid(m.role, 2.0)));
        // Beside the line near the plot's top, on the side with more room.
        let (dx, align) = if m.x > (x_lo + x_hi) / 2.0 { (-5.0, Align::Right) } else { (5.0, Align::Left) };
        painter.text(at(x + dx, upper + 14.0), &m.label, m.role, align);
    }
}

/// Round values for the y axis' grid: about six multiples of a 1-2-5 step from `bottom` (linear), or
/// the decades from `bottom` to `top`, every second or third one when there are many (log).
fn y_ticks(bottom: f64, top: f64, log: bool) -> Vec<f64> {
    if log {
        let (lo, hi) = (bottom.log10().ceil() as i32, top.log10().floor() as i32);
        let every = ((hi - lo) / 6 + 1).max(1);
        return (lo..=hi).filter(|e| (e - lo) % every == 0).map(|e| 10f64.powi(e)).collect();
    }
    let step = nice_step((top - bottom) / 6.0);
    let first = (bottom / step).ceil();
    (0..=12).map(|i| (first + f64::from(i)) * step).take_while(|y| *y <= top * (1.0 + 1e-12)).collect()
}

/// The series' names with a swatch each, in one centred row at height `y`.
fn legend(chart: &Chart, width: f64, y: f64, painter: &mut dyn Painter) {
    let (pad, swatch, gap) = (5.0, 10.0, 18.0);
    let widths: Vec<f64> = chart.series.iter().map(|s| text_width(&s.name)).collect();
    let total: f64 = widths.iter().map(|w| swatch + pad + w).sum::<f64>() + gap * (widths.len() as f64 - 1.0).max(0.0);
    let mut x = ((width - total) / 2.0).max(0.0);
    for (s, w) in chart.series.iter().zip(widths) {
        let at = |dx: f64, dy: f64| Screen { x: x + dx, y: y + dy };
        match s.kind {
            SeriesKind::Bars => painter.path(
                &[at(0.0, -5.0), at(swatch, -5.0), at(swatch, 5.0), at(0.0, 5.0)],
                true,
                Some(Fill { role: s.role, alpha: 1.0 }),
                None,
            ),
            SeriesKind::Line => painter.path(&[at(0.0, 0.0), at(swatch, 0.0)], false, None, Some(Stroke::solid(s.role, 2.0))),
        }
        painter.text(at(swatch + pad, 4.0), &s.name, Role::Axis, Align::Left);
        x += swatch + pad + w + gap;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::view::render::Recording;

    fn singular_values(values: &[f64]) -> Chart {
        Chart {
            title: "Singular values".into(),
            x_label: "i".into(),
            y_label: "σᵢ".into(),
            y_scale: YScale::Log,
            series: vec![Series {
                name: "kept".into(),
                kind: SeriesKind::Bars,
                role: Role::Eigen,
                points: values.iter().enumerate().map(|(i, y)| ((i + 1) as f64, *y)).collect(),
            }],
            marker: Some(Marker { x: 2.5, label: "k = 2".into(), role: Role::Image }),
        }
    }

    fn drawn(chart: &Chart) -> Recording {
        let mut rec = Recording::default();
        draw(chart, 640.0, 320.0, &mut rec);
        rec
    }

    fn texts(rec: &Recording) -> Vec<&str> {
        rec.texts.iter().map(|t| t.1.as_str()).collect()
    }

    /// The filled rectangles in the eigen colour (the bars and the legend's swatch), as
    /// (top, height) in px.
    fn bars(rec: &Recording) -> Vec<(f64, f64)> {
        rec.paths
            .iter()
            .filter(|p| p.1 && p.2 == Some(Role::Eigen) && p.0.len() == 4)
            .map(|p| (p.0[2].y.min(p.0[0].y), (p.0[0].y - p.0[2].y).abs()))
            .collect()
    }

    #[test]
    fn a_log_chart_has_its_title_axes_one_bar_per_value_and_a_floor() {
        let values = [100.0, 10.0, 1.0, 0.0, 1e-30];
        let rec = drawn(&singular_values(&values));
        let t = texts(&rec);
        assert!(t.contains(&"Singular values") && t.contains(&"i") && t.contains(&"σᵢ"), "{t:?}");
        assert!(t.contains(&"k = 2") && t.contains(&"kept"), "{t:?}");
        assert!(t.contains(&"100") && t.contains(&"1"), "decades: {t:?}");
        assert!(rec.paths.iter().flat_map(|p| &p.0).all(|p| p.x.is_finite() && p.y.is_finite()));
        // The legend's swatch, then a bar per value above the axis' bottom: the axis starts at the
        // smallest value above the floor (1, so its bar is empty), and 0 and 1e-30 sit on it too.
        let rects = bars(&rec);
        assert_eq!(rects.len(), 1 + 2, "{rects:?}");
        assert!(rects[0].0 < rects[1].0, "the swatch is above the plot: {rects:?}");
        // Decades are equal steps: 100 stands twice as high as 10 above 1.
        assert!((rects[1].1 - 2.0 * rects[2].1).abs() <= 1e-6, "{rects:?}");
        let description = singular_values(&values).description();
        assert!(description.contains("logarithmic") && description.contains("2 values at or below the floor 1e-10"), "{description}");
    }

    #[test]
    fn a_linear_chart_draws_lines_and_skips_non_finite_values() {
        let chart = Chart {
            title: "Scree".into(),
            x_label: "component".into(),
            y_label: "variance".into(),
            y_scale: YScale::Linear,
            series: vec![Series {
                name: "explained".into(),
                kind: SeriesKind::Line,
                role: Role::Eigen,
                points: vec![(1.0, 3.0), (2.0, f64::NAN), (3.0, 1.0)],
            }],
            marker: None,
        };
        let rec = drawn(&chart);
        assert!(texts(&rec).contains(&"Scree"));
        // The line through the two finite points, and the legend's line.
        assert_eq!(rec.paths.iter().filter(|p| !p.1 && p.3 == Some(Role::Eigen)).count(), 2);
        assert!(chart.description().contains("2: undefined"), "{}", chart.description());
        // Empty and all-zero charts still draw, with finite coordinates only.
        for points in [vec![], vec![(1.0, 0.0)]] {
            for y_scale in [YScale::Linear, YScale::Log] {
                let c = Chart { y_scale, series: vec![Series { points: points.clone(), ..chart.series[0].clone() }], ..chart.clone() };
                let rec = drawn(&c);
                assert!(rec.paths.iter().flat_map(|p| &p.0).all(|p| p.x.is_finite() && p.y.is_finite()));
                assert!(rec.texts.iter().all(|t| !t.1.contains("NaN") && t.0.x.is_finite()));
            }
        }
    }

    #[test]
    fn theme_colours_parse_from_css() {
        assert_eq!(parse_css_color("#b27300"), Some((0xb2, 0x73, 0x00)));
        assert_eq!(parse_css_color(" #fff "), Some((255, 255, 255)));
        assert_eq!(parse_css_color("rgb(1, 2, 3)"), Some((1, 2, 3)));
        assert_eq!(parse_css_color("rgba(1 2 3 / 0.5)"), Some((1, 2, 3)));
        assert_eq!(parse_css_color("blue"), None);
        assert_eq!(parse_css_color("#12"), None);
    }
}
