//! The 3×3 case drawn in space: the unit sphere and its image under (1 − t)I + tA, the real
//! eigen-directions as dashed lines labelled with λ, and the probe v with Av.

use super::Eigendecomposition;
use crate::chapter::figure::{point3, reach};
use crate::format::{display_number, subscript};
use crate::math::eigen::Eigen;
use crate::math::svd::svd;
use crate::view::scene::{Role, Stroke};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use nalgebra::{DMatrix, Matrix3};

/// The real eigen-directions in space with their λ: the eigenvector columns when they form a
/// basis, otherwise for each distinct real λ the direction A − λI shrinks most (its null
/// direction, up to rounding): for a complex pair that is the axis A turns around.
fn directions(a: &Matrix3<f64>, e: &Eigen) -> Vec<(Point3, f64)> {
    if let Ok(v) = &e.vectors {
        return (0..3).map(|c| (Point3::new(v[(0, c)], v[(1, c)], v[(2, c)]), e.values[c].re)).collect();
    }
    let mut reals: Vec<f64> = e.values.iter().filter(|z| z.im == 0.0).map(|z| z.re).collect();
    reals.dedup();
    reals
        .into_iter()
        .filter_map(|l| {
            let shifted = DMatrix::from_fn(3, 3, |r, c| a[(r, c)] - if r == c { l } else { 0.0 });
            let s = svd(&shifted).ok()?;
            Some((Point3::new(s.v[(0, 2)], s.v[(1, 2)], s.v[(2, 2)]), l))
        })
        .collect()
}

/// The 3-D figure of the map `a` (A as a 3×3 map) with the eigendecomposition `e`.
pub(super) fn figure(c: &Eigendecomposition, a: &Matrix3<f64>, e: &Eigen, timeline: &Timeline) -> Space {
    let v = point3(&c.v).unwrap_or_else(Point3::zeros);
    let t = timeline.progress(0);
    let m = Matrix3::identity() * (1.0 - t) + a * t;
    let done = timeline.position() >= 1.0;
    let image = m * v;
    // The ellipsoid fits in a ball of radius σ₁(A) ≤ ‖A‖_F; the stage map is between I and A.
    let sigma = svd(&c.a).ok().and_then(|s| s.singular_values.iter().copied().reduce(f64::max)).unwrap_or_else(|| c.a.norm());
    let extent = reach(&[Point3::new(sigma, 0.0, 0.0), v, image]);
    let mut space = Space::default();
    space.unit_sphere();
    space.ellipsoid(&m, Role::Image);
    let directions = directions(a, e);
    let complex = e.values.iter().any(|z| z.im != 0.0);
    for (i, (d, lambda)) in directions.iter().enumerate() {
        let label = if complex {
            format!("λ = {}: the axis", display_number(*lambda))
        } else if directions.len() < 3 {
            format!("λ = {}", display_number(*lambda))
        } else {
            format!("λ{} = {}", subscript(i + 1), display_number(*lambda))
        };
        space.push(Shape3::Line { direction: *d, reach: extent, stroke: Stroke::dashed(Role::Eigen, 2.0), label: Some(label) });
        space.push(Shape3::Dot { at: m * d, role: Role::Eigen, radius: 4.0 });
    }
    match (c.probe_lambda(), done) {
        (Ok(l), true) => {
            let far = if image.norm() > v.norm() { image } else { v };
            space.push(Shape3::Polyline { points: vec![Point3::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
            space.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_number(l)));
        }
        _ => space.arrow(image, Stroke::solid(Role::Image, 3.5), "Av"),
    }
    space.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    space.axes_and_ground(extent);
    space
}
