//! Charts as data: a title, axis labels, a linear or logarithmic y axis, series of bars and lines
//! (each with a [`Role`], never a colour) and an optional marker. [`draw`] draws one with plotters on any
//! `DrawingBackend`: the browser passes plotters-canvas, native tests pass plotters' SVG backend and
//! read the SVG text.
//!
//! The x axis counts items (1, 2, 3…: singular values, principal components); every series gives one y
//! per x. Non-finite values are left out, and on a log axis values at or below a stated floor
//! ([`LOG_FLOOR_RATIO`] × the largest value: zeros, rounding noise) are drawn as empty bars at the bottom
//! of the axis, which starts at the decade below the smallest value above the floor. So no chart ever
//! plots NaN or −∞, and noise does not squash the meaningful decades.

use super::scene::Role;
use crate::format::display_number;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

/// The theme's colours for a chart, as RGB triples (the browser reads them from the CSS custom
/// properties, tests make them up), and the scale from CSS px to the backend's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartTheme {
    /// The plot's background.
    pub background: (u8, u8, u8),
    /// Role colours; a role not listed is drawn in grey.
    pub roles: Vec<(Role, (u8, u8, u8))>,
    /// The CSS font family of all text.
    pub font_family: String,
    /// Backend pixels per CSS px (the devicePixelRatio on a canvas, 1 for SVG).
    pub scale: f64,
}

impl ChartTheme {
    fn color(&self, role: Role) -> RGBColor {
        let (r, g, b) = self.roles.iter().find(|(x, _)| *x == role).map_or((136, 136, 136), |(_, c)| *c);
        RGBColor(r, g, b)
    }

    fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }
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
        inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).map(|p| p.parse::<f64>().ok().map(|x| x.clamp(0.0, 255.0).round() as u8));
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

/// Draws `chart` on `area` (which it fills with the background first).
pub fn draw<DB: DrawingBackend>(
    chart: &Chart,
    theme: &ChartTheme,
    area: &DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (r, g, b) = theme.background;
    area.fill(&RGBColor(r, g, b))?;
    let (x_lo, x_hi) = chart.x_range();
    let (bottom, top, floor) = chart.y_range();
    // The title, then the legend as one row under it (outside the plot, where no data can be).
    let text = theme.color(Role::Axis);
    let title = (theme.font_family.as_str(), 14.0 * theme.scale).into_font().color(&text).pos(Pos::new(HPos::Center, VPos::Top));
    let (width, _) = area.dim_in_pixel();
    area.draw(&Text::new(chart.title.clone(), (width as i32 / 2, theme.px(8.0) as i32), title))?;
    let legend_y = theme.px(38.0) as i32;
    legend(area, chart, theme, legend_y)?;
    // Room under the legend for the marker's label, above the plot where no data can hide it.
    let body = area.margin(legend_y + theme.px(20.0) as i32, 0, 0, 0);
    let mut builder = ChartBuilder::on(&body);
    builder.margin(theme.px(10.0)).x_label_area_size(theme.px(36.0)).y_label_area_size(theme.px(58.0));
    match floor {
        Some(floor) => {
            let mut ctx = builder.build_cartesian_2d(x_lo..x_hi, (bottom..top).log_scale())?;
            plot(&mut ctx, chart, theme, bottom, top, Some(floor))
        }
        None => {
            let mut ctx = builder.build_cartesian_2d(x_lo..x_hi, bottom..top)?;
            plot(&mut ctx, chart, theme, bottom, top, None)
        }
    }
}

/// The mesh, the series, the marker and the legend, on either kind of y axis.
fn plot<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    ctx: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    chart: &Chart,
    theme: &ChartTheme,
    base: f64,
    top: f64,
    floor: Option<f64>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text = theme.color(Role::Axis);
    let grid = theme.color(Role::Grid);
    let label_font = (theme.font_family.as_str(), 12.0 * theme.scale).into_font().color(&text);
    let x_format = |x: &f64| if (x - x.round()).abs() < 1e-9 { display_number(*x) } else { String::new() };
    let y_format = |y: &f64| display_number(*y);
    ctx.configure_mesh()
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(label_font.clone())
        .axis_desc_style(label_font.clone())
        .axis_style(text.stroke_width(theme.px(1.0)))
        .bold_line_style(grid.stroke_width(theme.px(1.0)))
        .light_line_style(grid.mix(0.4).stroke_width(theme.px(1.0)))
        .disable_x_mesh()
        .draw()?;
    // Values are clamped into the visible range: at or below the floor to the axis' bottom (an empty
    // bar), above the top to it.
    let shown = |y: f64| match floor {
        Some(f) => {
            if y <= f {
                base
            } else {
                y.clamp(base, top)
            }
        }
        None => y.clamp(base, top),
    };
    // Bars touch when there are many (gaps of a pixel or two only make a moiré).
    let most = chart.series.iter().map(|s| s.points.len()).sum::<usize>();
    let half = if most > 40 { 0.5 } else { 0.4 };
    for s in &chart.series {
        let color = theme.color(s.role);
        let points: Vec<(f64, f64)> = s.points.iter().filter(|p| p.0.is_finite() && p.1.is_finite()).map(|&(x, y)| (x, shown(y))).collect();
        match s.kind {
            SeriesKind::Bars => {
                let bars = points.iter().map(|&(x, y)| Rectangle::new([(x - half, base), (x + half, y)], color.filled()));
                ctx.draw_series(bars)?;
            }
            SeriesKind::Line => {
                let width = theme.px(2.0);
                ctx.draw_series(std::iter::once(PathElement::new(points.clone(), color.stroke_width(width))))?;
                let radius = theme.px(2.5) as i32;
                ctx.draw_series(points.iter().map(|&p| Circle::new(p, radius, color.filled())))?;
            }
        }
    }
    if let Some(m) = &chart.marker {
        let color = theme.color(m.role);
        ctx.draw_series(std::iter::once(PathElement::new(vec![(m.x, base), (m.x, top)], color.stroke_width(theme.px(2.0)))))?;
        // Beside the line, on the side with more room.
        let right = m.x > (chart.x_range().0 + chart.x_range().1) / 2.0;
        let h = if right { HPos::Right } else { HPos::Left };
        let font = (theme.font_family.as_str(), 13.0 * theme.scale).into_font().color(&color).pos(Pos::new(h, VPos::Bottom));
        let gap = if right { -4 } else { 4 } * theme.px(1.0) as i32;
        ctx.plotting_area().draw(&(EmptyElement::at((m.x, top)) + Text::new(m.label.clone(), (gap, -(theme.px(2.0) as i32)), font)))?;
    }
    Ok(())
}

/// The series' names with a swatch each, in one centred row at height `y`. Drawn here rather than by
/// plotters' legend, which measures text through the DOM in the browser (an inline style the page's
/// Content-Security-Policy forbids); text sizes come from the backend instead.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
    theme: &ChartTheme,
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text = theme.color(Role::Axis);
    let font = (theme.font_family.as_str(), 12.0 * theme.scale).into_font().color(&text).pos(Pos::new(HPos::Left, VPos::Center));
    let (pad, swatch, gap) = (theme.px(5.0) as i32, theme.px(10.0) as i32, theme.px(18.0) as i32);
    let mut widths = Vec::new();
    for s in &chart.series {
        widths.push(area.estimate_text_size(&s.name, &font)?.0 as i32);
    }
    let total: i32 = widths.iter().map(|w| swatch + pad + w).sum::<i32>() + gap * (widths.len() as i32 - 1).max(0);
    let mut x = (area.dim_in_pixel().0 as i32 - total).max(0) / 2;
    for (s, w) in chart.series.iter().zip(widths) {
        let color = theme.color(s.role);
        match s.kind {
            SeriesKind::Bars => area.draw(&Rectangle::new([(x, y - swatch / 2), (x + swatch, y + swatch / 2)], color.filled()))?,
            SeriesKind::Line => area.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], color.stroke_width(theme.px(2.0))))?,
        }
        area.draw(&Text::new(s.name.clone(), (x + swatch + pad, y), font.clone()))?;
        x += swatch + pad + w + gap;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> ChartTheme {
        ChartTheme {
            background: (255, 255, 255),
            roles: vec![
                (Role::Eigen, (0, 122, 90)),
                (Role::Ghost, (185, 185, 194)),
                (Role::Axis, (85, 85, 94)),
                (Role::Image, (196, 82, 10)),
            ],
            font_family: "sans-serif".into(),
            scale: 1.0,
        }
    }

    fn svg(chart: &Chart) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
            draw(chart, &theme(), &area).unwrap();
            area.present().unwrap();
        }
        out
    }

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

    /// The filled rectangles in the eigen colour (the bars), as (x, y, width, height).
    fn bars(svg: &str) -> Vec<(f64, f64, f64, f64)> {
        svg.lines()
            .filter(|l| l.contains("<rect") && l.contains("#007A5A") && !l.contains("fill=\"none\""))
            .map(|l| {
                let attr = |name: &str| -> f64 {
                    let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    l[start..].split('"').next().unwrap().parse().unwrap()
                };
                (attr("x"), attr("y"), attr("width"), attr("height"))
            })
            .collect()
    }

    #[test]
    fn a_log_chart_has_its_title_axes_one_bar_per_value_and_a_floor() {
        let values = [100.0, 10.0, 1.0, 0.0, 1e-30];
        let out = svg(&singular_values(&values));
        assert!(out.contains("Singular values"), "title");
        assert!(out.contains("\ni\n") && out.contains("\nσᵢ\n"), "axis labels");
        assert!(out.contains("k = 2"), "marker label");
        assert!(out.contains("\nkept\n"), "legend");
        assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
        // One bar per value plus the legend's swatch.
        let rects = bars(&out);
        assert_eq!(rects.len(), values.len() + 1, "{rects:?}");
        // The legend's swatch is drawn first, above the plot.
        assert!(rects[0].1 < rects[1].1, "{rects:?}");
        let heights: Vec<f64> = rects[1..].iter().map(|r| r.3).collect();
        // Decades are equal steps; 0 and 1e-30 sit on the floor (1e-10), 10 decades below 100.
        assert!((heights[0] - heights[1] - (heights[1] - heights[2])).abs() <= 2.0, "{heights:?}");
        assert!(heights[3] <= 1.0 && heights[4] <= 1.0, "{heights:?}");
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
        let out = svg(&chart);
        assert!(out.contains("Scree") && out.contains("<polyline"), "{out}");
        assert!(!out.contains("NaN"));
        assert!(chart.description().contains("2: undefined"), "{}", chart.description());
        // Empty and all-zero charts still draw.
        for points in [vec![], vec![(1.0, 0.0)]] {
            for y_scale in [YScale::Linear, YScale::Log] {
                let c = Chart { y_scale, series: vec![Series { points: points.clone(), ..chart.series[0].clone() }], ..chart.clone() };
                assert!(!svg(&c).contains("NaN"));
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
