//! The multiplication page's words: the code that reproduces it and the spoken summary.

use super::{Multiplication, View};
use crate::chapter::figure::point;
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::math::tensor::{dot, product};
use nalgebra::DMatrix;

impl Describe for Multiplication {
    /// numpy / PyTorch / nalgebra for A·v, AB, BA and v·w; a product whose shapes do not match is
    /// written as a comment saying that it raises (panics).
    fn code(&self) -> Code {
        let mut code = Code::declare(Multiplication::INPUTS, self);
        for (numpy, torch, rust, ok) in [
            ("A @ v", "A @ v", "let av = &a * &v;", self.a.ncols() == self.v.len()),
            ("A @ B", "A @ B", "let ab = &a * &b;", self.a.ncols() == self.b.nrows()),
            ("B @ A", "B @ A", "let ba = &b * &a;", self.b.ncols() == self.a.nrows()),
            ("v @ w  # the same as np.dot(v, w)", "torch.dot(v, w)", "let dot = v.dot(&w);", self.v.len() == self.w.len()),
        ] {
            if ok {
                code.line(numpy, torch, rust);
            } else {
                let py = "# shapes do not match, this raises an error: ";
                code.line(&format!("{py}{numpy}"), &format!("{py}{torch}"), &format!("// shapes do not match, this panics: {rust}"));
            }
        }
        code
    }

    /// The current view's product in one sentence.
    fn summary(&self) -> String {
        match self.view {
            View::Av => match (product(&self.a, &self.v), self.v.len()) {
                (Some(av), 2) => format!(
                    "A·v = {}: {} times the first column of A plus {} times the second.",
                    display_tuple(&vector_entries(&av)),
                    display_number(self.v[0]),
                    display_number(self.v[1])
                ),
                (Some(av), _) => format!("A·v = {}.", display_tuple(&vector_entries(&av))),
                (None, _) => "A·v is not defined for these shapes.".into(),
            },
            View::Ab => match (product(&self.a, &self.b), product(&self.b, &self.a)) {
                (Some(ab), Some(ba)) if ab == ba => {
                    format!("AB = BA = {}: these two matrices commute, so the order does not matter.", spoken_matrix(&ab))
                }
                (Some(ab), Some(ba)) => {
                    format!("AB = {} but BA = {}: applying B then A is not the same as A then B.", spoken_matrix(&ab), spoken_matrix(&ba))
                }
                _ => "AB or BA is not defined for these shapes.".into(),
            },
            View::Dot => match (dot(&self.v, &self.w), point(&self.v), point(&self.w)) {
                (Some(d), Some(v), Some(w)) if v.norm() > 0.0 && w.norm() > 0.0 => {
                    let angle = (d / (v.norm() * w.norm())).clamp(-1.0, 1.0).acos().to_degrees();
                    format!("v·w = {}; the angle between v and w is {}°.", display_number(d), display_number((angle * 10.0).round() / 10.0))
                }
                (Some(d), _, _) => format!("v·w = {}.", display_number(d)),
                _ => "v·w is not defined: v and w have different lengths.".into(),
            },
        }
    }
}

/// A small matrix in the URL's row form for the spoken summary (`[16, 12; 40, 28]`); a larger one by its shape.
fn spoken_matrix(m: &DMatrix<f64>) -> String {
    if m.len() > 9 {
        return format!("a {} matrix", display_shape(m));
    }
    let rows: Vec<String> = m.row_iter().map(|row| row.iter().map(|x| display_number(*x)).collect::<Vec<_>>().join(", ")).collect();
    format!("[{}]", rows.join("; "))
}
