//! The multiplication page's words: the code that reproduces it and the spoken summary.

use super::{Commute, Multiplication, View};
use crate::chapter::figure::point;
use crate::chapter::Describe;
use crate::chapter::{rust_name, Chapter, Code};
use crate::format::{display_at_scale, display_number, display_shape};
use crate::math::clamp;
use crate::math::tensor::{dot, product};
use nalgebra::DMatrix;

impl Describe for Multiplication {
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra for A·v, AB, BA and v·w; a product whose shapes do not match is
    /// written as a comment saying that it raises (panics).
    fn code(&self) -> Code {
        let mut code = Code::declare(Multiplication::INPUTS, self);
        for (name, expr, rust, ok) in [
            ("Av", "A @ v", "&a * &v", self.a.ncols() == self.v.len()),
            ("AB", "A @ B", "&a * &b", self.a.ncols() == self.b.nrows()),
            ("BA", "B @ A", "&b * &a", self.b.ncols() == self.a.nrows()),
        ] {
            let binding = rust_name(name);
            let values = [("name", name), ("expr", expr), ("rust", rust), ("binding", binding.as_str())];
            code.snippet(if ok { "product" } else { "product_mismatch" }, &values);
        }
        match self.commute() {
            Some(Commute::Exactly | Commute::UpToRounding(_) | Commute::No) => code.snippet("commute", &[]),
            _ => code.snippet("commute_undefined", &[]),
        }
        code.snippet(if self.v.len() == self.w.len() { "dot" } else { "dot_mismatch" }, &[]);
        code
    }

    /// The current view's product in one sentence.
    fn summary(&self) -> String {
        match self.view {
            View::Av => match (product(&self.a, &self.v), self.v.len()) {
                (Some(av), 2) => format!(
                    "A·v = {}: {} times the first column of A plus {} times the second.",
                    spoken_vector(&av, &self.a, &self.v),
                    display_number(self.v[0]),
                    display_number(self.v[1])
                ),
                (Some(av), _) => format!("A·v = {}.", spoken_vector(&av, &self.a, &self.v)),
                (None, _) => "A·v is not defined for these shapes.".into(),
            },
            View::Ab => match (product(&self.a, &self.b), product(&self.b, &self.a), self.commute()) {
                (Some(ab), Some(_), Some(Commute::Exactly | Commute::UpToRounding(_))) => {
                    format!("AB = BA = {}: these two matrices commute, so the order does not matter.", spoken_matrix(&ab, &self.a, &self.b))
                }
                (Some(ab), Some(ba), _) => format!(
                    "AB = {} but BA = {}: applying B then A is not the same as A then B.",
                    spoken_matrix(&ab, &self.a, &self.b),
                    spoken_matrix(&ba, &self.b, &self.a)
                ),
                _ => "AB or BA is not defined for these shapes.".into(),
            },
            View::Dot => match (dot(&self.v, &self.w), point(&self.v), point(&self.w)) {
                (Some(d), Some(v), Some(w)) if v.norm() > 0.0 && w.norm() > 0.0 => {
                    let angle = clamp(d / (v.norm() * w.norm()), -1.0, 1.0).acos().to_degrees();
                    let scale = (v.x * w.x).abs() + (v.y * w.y).abs();
                    format!(
                        "v·w = {}; the angle between v and w is {}°.",
                        display_at_scale(d, scale),
                        display_number((angle * 10.0).round() / 10.0)
                    )
                }
                (Some(d), _, _) => format!("v·w = {}.", display_at_scale(d, self.v.abs().dot(&self.w.abs()))),
                _ => "v·w is not defined: v and w have different lengths.".into(),
            },
        }
    }
}

/// A product P = L·R's entries for people, each shown as 0 when it is within rounding of 0 next to
/// the products summed into it (|L|·|R|).
fn cleaned(p: &DMatrix<f64>, left: &DMatrix<f64>, right: &DMatrix<f64>) -> Vec<Vec<String>> {
    let scale = product(&left.abs(), &right.abs()).unwrap_or_else(|| p.abs());
    p.row_iter()
        .enumerate()
        .map(|(i, row)| row.iter().enumerate().map(|(j, x)| display_at_scale(*x, scale.get((i, j)).copied().unwrap_or(0.0))).collect())
        .collect()
}

/// A·v in words: `(16, 40)`.
fn spoken_vector(av: &DMatrix<f64>, a: &DMatrix<f64>, v: &DMatrix<f64>) -> String {
    format!("({})", cleaned(av, a, v).concat().join(", "))
}

/// A small product in the URL's row form for the spoken summary (`[16, 12; 40, 28]`); a larger one by
/// its shape.
fn spoken_matrix(m: &DMatrix<f64>, left: &DMatrix<f64>, right: &DMatrix<f64>) -> String {
    if m.len() > 9 {
        return format!("a {} matrix", display_shape(m));
    }
    let rows: Vec<String> = cleaned(m, left, right).iter().map(|row| row.join(", ")).collect();
    format!("[{}]", rows.join("; "))
}
