//! Pieces the 3-D figures share: reading 3-vectors and 3×n columns out of the state, their handles
//! in space and the drags that move them, and the size of the space to show.

use super::SpaceHandle;
use crate::format::display_tuple;
use crate::view::scene::Role;
use crate::view::space::Point3;
use nalgebra::{DMatrix, Matrix3};

/// `v` as a point in space when it has three entries.
pub fn point3(v: &DMatrix<f64>) -> Option<Point3> {
    (v.len() == 3).then(|| Point3::new(v[0], v[1], v[2]))
}

/// Column `c` of a 3-row matrix as a point in space.
pub fn column3(m: &DMatrix<f64>, c: usize) -> Option<Point3> {
    (m.nrows() == 3 && c < m.ncols()).then(|| Point3::new(m[(0, c)], m[(1, c)], m[(2, c)]))
}

/// A matrix with at most three rows and columns as a map of space: missing rows and columns are
/// zeros, so a 3×2 matrix takes the xy-plane into space and a 2×3 matrix flattens space onto the
/// xy-plane. `None` for larger matrices.
pub fn embed(m: &DMatrix<f64>) -> Option<Matrix3<f64>> {
    (m.nrows() <= 3 && m.ncols() <= 3).then(|| Matrix3::from_fn(|r, c| if r < m.nrows() && c < m.ncols() { m[(r, c)] } else { 0.0 }))
}

/// The colour of column `c`: orange, sky blue, then reddish purple.
pub fn column_role(c: usize) -> Role {
    match c {
        0 => Role::Basis1,
        1 => Role::Basis2,
        _ => Role::Second,
    }
}

/// The column handles `NAME:0`… of a 3-row matrix with at most three columns (none otherwise).
pub fn space_column_handles(m: &DMatrix<f64>, name: &str) -> Vec<SpaceHandle> {
    if m.nrows() != 3 || m.ncols() > 3 {
        return Vec::new();
    }
    (0..m.ncols())
        .filter_map(|c| {
            let at = column3(m, c)?;
            Some(SpaceHandle {
                name: format!("{name}:{c}"),
                at,
                role: column_role(c),
                label: format!("column {} of {name} = {}", c + 1, display_tuple(at.as_slice())),
            })
        })
        .collect()
}

/// A handle for the 3-vector `v` called `name` (none unless it has three entries).
pub fn space_vector_handle(v: &DMatrix<f64>, name: &str, role: Role) -> Option<SpaceHandle> {
    point3(v).map(|at| SpaceHandle { name: name.into(), at, role, label: format!("{name} = {}", display_tuple(at.as_slice())) })
}

/// Applies a drag of handle `handle` to the 3-vector `m` called `name`, or to a column of the
/// 3-row matrix `m` called `name` (`A:2` moves the third column); returns whether it changed.
pub fn drag_into3(m: &mut DMatrix<f64>, name: &str, handle: &str, to: Point3) -> bool {
    if !to.iter().all(|x| x.is_finite()) {
        return false;
    }
    let column = if handle == name && m.len() == 3 {
        None
    } else {
        match handle.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')).and_then(|c| c.parse::<usize>().ok()) {
            Some(c) if m.nrows() == 3 && c < m.ncols() => Some(c),
            _ => return false,
        }
    };
    let mut changed = false;
    for r in 0..3 {
        let cell = match column {
            Some(c) => &mut m[(r, c)],
            None => &mut m[r],
        };
        changed |= *cell != to[r];
        *cell = to[r];
    }
    changed
}

/// How far the figure reaches: the longest of the points (at least 1), with a margin.
pub fn reach(points: &[Point3]) -> f64 {
    let far = points.iter().map(|p| p.norm()).filter(|n| n.is_finite()).fold(1.0_f64, f64::max);
    far * 1.15
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_vectors_and_drags_in_space() {
        let mut m = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
        let hs = space_column_handles(&m, "A");
        assert_eq!(hs.len(), 2);
        assert_eq!((hs[1].name.as_str(), hs[1].at), ("A:1", Point3::new(0.0, 1.0, 1.0)));
        assert!(hs[0].label.contains("(1, 0, 1)"), "{}", hs[0].label);
        assert!(drag_into3(&mut m, "A", "A:1", Point3::new(2.0, 3.0, 4.0)));
        assert_eq!(column3(&m, 1), Some(Point3::new(2.0, 3.0, 4.0)));
        assert!(!drag_into3(&mut m, "A", "A:1", Point3::new(2.0, 3.0, 4.0)), "no change");
        assert!(!drag_into3(&mut m, "A", "A:2", Point3::zeros()));
        assert!(!drag_into3(&mut m, "A", "A:0", Point3::new(f64::NAN, 0.0, 0.0)));
        let mut v = DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0]);
        assert!(drag_into3(&mut v, "v", "v", Point3::new(0.0, 0.0, 1.0)));
        assert_eq!(point3(&v), Some(Point3::z()));
        assert!(space_vector_handle(&DMatrix::zeros(2, 1), "v", Role::Input).is_none());
        assert!(space_column_handles(&DMatrix::zeros(2, 3), "A").is_empty());
        let flat = embed(&DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])).unwrap();
        assert_eq!(flat.row(2).amax(), 0.0);
        assert!(embed(&DMatrix::zeros(4, 3)).is_none());
        assert_eq!(reach(&[Point3::new(f64::INFINITY, 0.0, 0.0), Point3::new(0.0, 2.0, 0.0)]), 2.3);
    }
}
