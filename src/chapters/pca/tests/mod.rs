//! PCA's unit tests, by subject, and the helpers they share: the page opened from link parameters,
//! readouts as plain numbers, reference statistics straight from the definitions, and links out.

mod inputs;
mod pcs;
mod plane;
mod properties;
mod space;
mod statistics;

use super::plane::{point, reconstructed};
use super::space::{point3, to_point3};
use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::readout::Value;
use crate::view::scene::{Role, Shape};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;

/// How many points the default data set has.
const DEFAULT_POINTS: usize = 30;

/// The page opened from these link parameters (panics on a rejected one).
fn page(params: &[(&str, &str)]) -> Pca {
    open::<Pca>(params)
}

/// The page in its first state.
fn build() -> Pca {
    open::<Pca>(&[])
}

/// Sets an input through the generic layer's checks, as the page does; the error as its sentence.
fn set(c: &mut Pca, name: &str, value: DMatrix<f64>) -> Result<(), String> {
    crate::chapter::AnyChapter::set_input(c, name, value).map_err(|e| e.to_string())
}

/// Picks an option of a choice, as the page does.
fn choose(c: &mut Pca, name: &str, value: &str) -> Result<(), String> {
    crate::chapter::AnyChapter::set_choice(c, name, value).map_err(|e| e.to_string())
}

/// The inputs as the page shows them.
fn inputs(c: &Pca) -> Vec<crate::chapter::InputView<'_>> {
    crate::chapter::AnyChapter::inputs(c)
}

/// The note shown instead of an input's cells, if any.
fn note(c: &Pca, name: &str) -> Option<String> {
    inputs(c).into_iter().find(|i| i.name == name).and_then(|i| i.note)
}

/// The names of the plane handles.
fn handle_names(c: &Pca) -> Vec<String> {
    plane_handles(c).into_iter().map(|h| h.id.to_string()).collect()
}

/// The names of the handles in space.
fn space_handle_names(c: &Pca) -> Vec<String> {
    space_handles(c).into_iter().map(|h| h.id.to_string()).collect()
}

/// The box the plane figure fits the view to.
fn plane_bounds(c: &Pca) -> (World, World) {
    match final_figure(c) {
        Figure::Plane { bounds, .. } => bounds,
        other => panic!("not a plane figure: {other:?}"),
    }
}

fn vector(chapter: &Pca, name: &str) -> Vec<f64> {
    match value(chapter, name) {
        Value::Vector(x) => x,
        v => panic!("{name} = {v:?}"),
    }
}

fn matrix(chapter: &Pca, name: &str) -> Vec<Vec<f64>> {
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

/// Pearson's correlation of the two columns.
fn correlation(p: &DMatrix<f64>) -> f64 {
    let (_, cov) = reference(&rows(p));
    cov[0][1] / (cov[0][0] * cov[1][1]).sqrt()
}

/// The concrete page for points `p`, reconstructing from k components.
fn pca_of(p: &DMatrix<f64>, k: usize) -> Pca {
    Pca {
        p: p.clone(),
        d: fit_direction(&DMatrix::from_column_slice(2, 1, &[1.0, 0.0]), p.ncols()),
        view: View::Raw,
        k,
        generator: Generator::DEFAULT,
        generated: false,
        analysis: principal_components(p).unwrap(),
        singular: principal_components(p).unwrap().centred_singular_values(p),
        drawn: PlanePoints::of(p, &principal_components(p).unwrap().mean),
    }
}

fn params_of(c: &dyn crate::chapter::AnyChapter) -> Vec<(String, String)> {
    crate::chapter::to_params(c)
}

fn keys(c: &dyn crate::chapter::AnyChapter) -> Vec<String> {
    params_of(c).into_iter().map(|(k, _)| k).collect()
}

/// The page opened again from its own link.
fn reopen(c: &dyn crate::chapter::AnyChapter) -> Box<dyn crate::chapter::AnyChapter> {
    let build = crate::chapters::find("pca").expect("pca").build;
    let (again, problems) = crate::chapter::from_params(build, &params_of(c));
    assert!(problems.is_empty(), "{problems:?}");
    again
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

/// The plane figure's shapes at the start of the timeline.
fn shapes(c: &Pca) -> Vec<Shape> {
    plane_scene(c, &Timeline::new(0)).shapes
}
