//! The multiplication page's words: the code that reproduces it and the spoken summary.

use super::{Multiplication, View};
use crate::chapter::figure::point;
use crate::chapter::{Chapter, Code};
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::math::tensor::{dot, product};
use nalgebra::DMatrix;

/// numpy / PyTorch / nalgebra for A·v, AB, BA and v·w; a product whose shapes do not match is
/// written as a comment saying that it raises (panics).
pub(super) fn code(c: &Multiplication) -> Code {
    let mut code = Code::declare(Multiplication::INPUTS, c);
    for (numpy, torch, rust, ok) in [
        ("A @ v", "A @ v", "let av = &a * &v;", c.a.ncols() == c.v.len()),
        ("A @ B", "A @ B", "let ab = &a * &b;", c.a.ncols() == c.b.nrows()),
        ("B @ A", "B @ A", "let ba = &b * &a;", c.b.ncols() == c.a.nrows()),
        ("v @ w  # the same as np.dot(v, w)", "torch.dot(v, w)", "let dot = v.dot(&w);", c.v.len() == c.w.len()),
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
pub(super) fn summary(c: &Multiplication) -> String {
    match c.view {
        View::Av => match (product(&c.a, &c.v), c.v.len()) {
            (Some(av), 2) => format!(
                "A·v = {}: {} times the first column of A plus {} times the second.",
                display_tuple(&vector_entries(&av)),
                display_number(c.v[0]),
                display_number(c.v[1])
            ),
            (Some(av), _) => format!("A·v = {}.", display_tuple(&vector_entries(&av))),
            (None, _) => "A·v is not defined for these shapes.".into(),
        },
        View::Ab => match (product(&c.a, &c.b), product(&c.b, &c.a)) {
            (Some(ab), Some(ba)) if ab == ba => {
                format!("AB = BA = {}: these two matrices commute, so the order does not matter.", spoken_matrix(&ab))
            }
            (Some(ab), Some(ba)) => {
                format!("AB = {} but BA = {}: applying B then A is not the same as A then B.", spoken_matrix(&ab), spoken_matrix(&ba))
            }
            _ => "AB or BA is not defined for these shapes.".into(),
        },
        View::Dot => match (dot(&c.v, &c.w), point(&c.v), point(&c.w)) {
            (Some(d), Some(v), Some(w)) if v.norm() > 0.0 && w.norm() > 0.0 => {
                let angle = (d / (v.norm() * w.norm())).clamp(-1.0, 1.0).acos().to_degrees();
                format!("v·w = {}; the angle between v and w is {}°.", display_number(d), display_number((angle * 10.0).round() / 10.0))
            }
            (Some(d), _, _) => format!("v·w = {}.", display_number(d)),
            _ => "v·w is not defined: v and w have different lengths.".into(),
        },
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
