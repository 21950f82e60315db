//! Products and numpy's broadcasting on matrices and vectors. Each routine checks the shapes first
//! and returns `None` where numpy would raise, so a page can say why instead of panicking. Every
//! loop runs once per entry: the work is bounded by the operands' sizes.

use nalgebra::DMatrix;

/// A·B when A has as many columns as B has rows (the inner sizes match); `None` otherwise.
/// Entries that overflow come back as infinities, for the readout to report.
pub fn product(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    (a.ncols() == b.nrows()).then(|| a * b)
}

/// v·w, the sum of the entrywise products, when v and w have the same shape (two vectors stored
/// n×1 with as many entries); `None` otherwise.
pub fn dot(v: &DMatrix<f64>, w: &DMatrix<f64>) -> Option<f64> {
    (v.shape() == w.shape()).then(|| v.dot(w))
}

/// How numpy broadcasts a 1-D array `b` of `k` entries against an m×n matrix `A` in `A + b`: it
/// lines up the trailing axes, so `b` must have one entry per column of `A`, or a single entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broadcast {
    /// k = n: b is added to every row.
    Rows,
    /// k = 1 (and n ≠ 1): b acts as a scalar, added to every entry.
    Scalar,
    /// Any other k: numpy raises "operands could not be broadcast together".
    Incompatible,
}

impl Broadcast {
    /// The rule for a matrix with `ncols` columns and a 1-D array of `k` entries.
    pub fn of(ncols: usize, k: usize) -> Broadcast {
        if k == ncols {
            Broadcast::Rows
        } else if k == 1 {
            Broadcast::Scalar
        } else {
            Broadcast::Incompatible
        }
    }
}

/// numpy's `A + b` for a 1-D `b` (stored k×1): b added to every row, or its single entry to every
/// entry; `None` when the shapes do not broadcast.
pub fn add_to_rows(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    match Broadcast::of(a.ncols(), b.len()) {
        Broadcast::Rows => Some(DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)] + b[j])),
        Broadcast::Scalar => Some(a.add_scalar(b[0])),
        Broadcast::Incompatible => None,
    }
}

/// numpy's `A + b[:, None]`: b as a column (one entry per row of A) added to every column, or its
/// single entry to every entry; `None` when the shapes do not broadcast.
pub fn add_to_columns(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    add_to_rows(&a.transpose(), b).map(|sum| sum.transpose())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rows: usize, cols: usize, entries: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(rows, cols, entries)
    }

    #[test]
    fn products_need_matching_inner_sizes() {
        let a = m(2, 2, &[2.0, 3.0, 6.0, 5.0]);
        let b = m(2, 2, &[5.0, 3.0, 2.0, 2.0]);
        assert_eq!(product(&a, &b), Some(m(2, 2, &[16.0, 12.0, 40.0, 28.0])));
        assert_eq!(product(&b, &a), Some(m(2, 2, &[28.0, 30.0, 16.0, 16.0])));
        let tall = m(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(product(&tall, &m(2, 1, &[2.0, 4.0])), Some(m(3, 1, &[10.0, 22.0, 34.0])));
        assert_eq!(product(&a, &tall), None, "2×2 times 3×2");
        let huge = product(&m(1, 2, &[1e300, 1e300]), &m(2, 1, &[1e300, 1.0])).unwrap();
        assert_eq!(huge[0], f64::INFINITY, "overflow is left for the readout to report");
    }

    #[test]
    fn dot_products_need_vectors_of_one_length() {
        let v = m(2, 1, &[5.0, 2.0]);
        assert_eq!(dot(&v, &m(2, 1, &[2.0, 6.0])), Some(22.0));
        assert_eq!(dot(&v, &m(3, 1, &[1.0, 1.0, 1.0])), None);
        assert_eq!(dot(&v, &m(1, 2, &[1.0, 1.0])), None, "a row is not a column");
    }

    #[test]
    fn broadcasting_follows_numpys_trailing_axis_rule() {
        let a = m(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(Broadcast::of(2, 2), Broadcast::Rows);
        assert_eq!(Broadcast::of(2, 1), Broadcast::Scalar);
        assert_eq!(Broadcast::of(1, 1), Broadcast::Rows);
        assert_eq!(Broadcast::of(2, 3), Broadcast::Incompatible);
        assert_eq!(add_to_rows(&a, &m(2, 1, &[3.0, -1.0])), Some(m(3, 2, &[4.0, 1.0, 6.0, 3.0, 8.0, 5.0])));
        assert_eq!(add_to_rows(&a, &m(1, 1, &[10.0])), Some(m(3, 2, &[11.0, 12.0, 13.0, 14.0, 15.0, 16.0])));
        assert_eq!(add_to_rows(&a, &m(3, 1, &[2.0, 4.0, 6.0])), None, "shapes (3,2) and (3,)");
        assert_eq!(add_to_columns(&a, &m(3, 1, &[2.0, 4.0, 6.0])), Some(m(3, 2, &[3.0, 4.0, 7.0, 8.0, 11.0, 12.0])));
        assert_eq!(add_to_columns(&a, &m(1, 1, &[10.0])), add_to_rows(&a, &m(1, 1, &[10.0])));
        assert_eq!(add_to_columns(&a, &m(2, 1, &[3.0, -1.0])), None, "shapes (3,2) and (2,1)");
        // A square A: b goes along the rows, b[:, None] down the columns.
        let sq = m(2, 2, &[1.0, 2.0, 3.0, 4.0]);
        let b = m(2, 1, &[10.0, 20.0]);
        assert_eq!(add_to_rows(&sq, &b), Some(m(2, 2, &[11.0, 22.0, 13.0, 24.0])));
        assert_eq!(add_to_columns(&sq, &b), Some(m(2, 2, &[11.0, 12.0, 23.0, 24.0])));
    }
}
