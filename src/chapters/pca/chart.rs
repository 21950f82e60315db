//! PCA's scree plot: each component's share of the variance, the running total, and in the
//! reconstruction view the k kept.

use super::{Pca, View};
use crate::view::chart::{Chart, Marker, Series, SeriesKind, YScale};
use crate::view::scene::Role;

/// The scree plot, or none when there is no variance to share out (or no components).
pub(super) fn scree(c: &Pca) -> Option<Chart> {
    let e = c.components().ok()?;
    let total: f64 = e.variances.iter().sum();
    if c.analysis.degenerate() || !(total > 0.0 && total.is_finite()) {
        return None;
    }
    let (mut shares, mut running, mut sum) = (Vec::new(), Vec::new(), 0.0);
    for (i, l) in e.variances.iter().enumerate() {
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
        marker: (c.view == View::Reconstruct).then(|| Marker { x: c.k as f64 + 0.5, label: format!("k = {}", c.k), role: Role::Image }),
    })
}
