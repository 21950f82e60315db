//! The 3×3 case drawn in space, played as a change of basis like the plane (`stages`): the box of
//! the new basis and the unit sphere carried to the new coordinates, stretched (or turned), and
//! carried back; the real eigen-directions as dashed lines labelled with λ; the probe v with Av.

use super::figure::{basis_labels, invariant_columns, probe_label, stand_in};
use super::stages::{resting, Kind, Staged};
use super::Eigendecomposition;
use crate::chapter::figure::{column3, point3, reach};
use crate::format::{display_at_scale, subscript};
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

/// The 3×3 matrix of a staged map.
fn space_of(m: &DMatrix<f64>) -> Matrix3<f64> {
    Matrix3::from_fn(|r, c| m[(r, c)])
}

/// The twelve edges of the box spanned by ±b₁, ±b₂, ±b₃ (the unit cube of the new coordinates)
/// carried by `m`: the 3-D counterpart of the plane's grid of the new basis.
fn basis_box(space: &mut Space, m: &Matrix3<f64>) {
    let corner = |signs: [f64; 3]| m * Point3::new(signs[0], signs[1], signs[2]);
    for axis in 0..3 {
        for (s, t) in [(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)] {
            let (mut from, mut to) = ([0.0; 3], [0.0; 3]);
            let (j, k) = ((axis + 1) % 3, (axis + 2) % 3);
            from[axis] = -1.0;
            to[axis] = 1.0;
            from[j] = s;
            to[j] = s;
            from[k] = t;
            to[k] = t;
            space.push(Shape3::Polyline { points: vec![corner(from), corner(to)], stroke: Stroke::solid(Role::Grid, 1.0) });
        }
    }
}

/// The 3-D figure of the map `a` (A as a 3×3 map) with the eigendecomposition `e`, played as a
/// change of basis: the box of the new basis and the unit sphere carried by the stage's map, the
/// eigen-directions carried along, the probe v and its image (labelled with its new coordinates at
/// the stage boundaries).
pub(super) fn figure(c: &Eigendecomposition, a: &Matrix3<f64>, e: &Eigen, timeline: &Timeline) -> Space {
    let v = point3(&c.v).unwrap_or_else(Point3::zeros);
    let staged = Staged::of(c);
    let m = staged.as_ref().map_or(*a, |s| space_of(&s.map(timeline)));
    let done = timeline.position() >= timeline.stages() as f64;
    let rest = if done { Some(3) } else { resting(timeline) };
    let at_ends = matches!(rest, Some(0) | Some(3));
    let image = m * v;
    // The ellipsoid fits in a ball of radius σ₁(A) ≤ ‖A‖_F; the in-between pictures are clipped.
    let sigma = svd(&c.a).ok().and_then(|s| s.singular_values.iter().copied().reduce(f64::max)).unwrap_or_else(|| c.a.norm());
    let mut points = vec![Point3::new(sigma, 0.0, 0.0), v, a * v];
    let base = reach(&points);
    if let Some(s) = &staged {
        points.extend((0..3).map(|i| column3(s.basis(), i).unwrap_or_else(Point3::zeros)));
        points.push(image);
    }
    let extent = reach(&points).min(base * 3.0);
    let mut space = Space::default();
    space.unit_sphere();
    space.ellipsoid(&m, Role::Image);
    let directions = directions(a, e);
    let complex = e.values.iter().any(|z| z.im != 0.0);
    let lambda_label = |i: usize, lambda: f64| {
        if complex {
            format!("λ = {}: the axis", display_at_scale(lambda, c.a.amax()))
        } else if directions.len() < 3 {
            format!("λ = {}", display_at_scale(lambda, c.a.amax()))
        } else {
            format!("λ{} = {}", subscript(i + 1), display_at_scale(lambda, c.a.amax()))
        }
    };
    match &staged {
        Some(s) if s.kind == Kind::Eigen || s.kind == Kind::Turn => {
            let frame = space_of(&s.frame(timeline));
            for i in invariant_columns(s.kind, 3) {
                let lambda = if s.kind == Kind::Eigen { e.values[i].re } else { directions.first().map_or(0.0, |d| d.1) };
                let label = at_ends.then(|| lambda_label(i, lambda));
                let direction = frame * column3(s.basis(), i).unwrap_or_else(Point3::zeros);
                space.push(Shape3::Line { direction, reach: extent, stroke: Stroke::dashed(Role::Eigen, 2.0), label });
            }
        }
        _ if at_ends => {
            for (i, (d, lambda)) in directions.iter().enumerate() {
                let label = Some(lambda_label(i, *lambda));
                space.push(Shape3::Line { direction: *d, reach: extent, stroke: Stroke::dashed(Role::Eigen, 2.0), label });
            }
        }
        _ => {}
    }
    if let Some(s) = &staged {
        basis_box(&mut space, &(m * space_of(s.basis())));
        let eigen = invariant_columns(s.kind, 3);
        for (i, label) in basis_labels(s.kind, 3, rest).into_iter().enumerate() {
            let role = if eigen.contains(&i) { Role::Eigen } else { Role::Second };
            space.arrow(m * column3(s.basis(), i).unwrap_or_else(Point3::zeros), Stroke::dashed(role, 2.5), label);
        }
        if let (Some(text), true) = (stand_in(s.kind, 3), at_ends) {
            space.label(Point3::new(0.0, 0.0, -extent), text, Role::Eigen);
        }
    }
    match (c.probe_lambda(), done, &staged) {
        (Ok(l), true, _) => {
            let far = if image.norm() > v.norm() { image } else { v };
            space.push(Shape3::Polyline { points: vec![Point3::zeros(), far], stroke: Stroke::solid(Role::Eigen, 10.0) });
            space.arrow(image, Stroke::solid(Role::Image, 3.5), format!("Av = {}v", display_at_scale(l, c.a.amax())));
        }
        (_, true, _) => space.arrow(image, Stroke::solid(Role::Image, 3.5), "Av"),
        (_, false, Some(s)) => {
            let scale = c.a.amax().max(v.amax());
            space.arrow(image, Stroke::solid(Role::Image, 3.5), probe_label(s.kind, rest, image.as_slice(), scale));
        }
        _ => space.arrow(image, Stroke::solid(Role::Image, 3.5), ""),
    }
    space.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
    space.axes_and_ground(extent);
    space
}
