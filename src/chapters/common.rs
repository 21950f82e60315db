//! Pieces every plane chapter shares: reading 2×2 matrices and 2-vectors out of the state, the handles
//! on a matrix's columns, the "grid carried by A" picture, and code that declares the inputs.

use super::{Code, Handle, Input, InputKind};
use crate::format::{display_number, display_tuple};
use crate::state::number::format_number;
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// `m` as a 2×2 matrix when it is one.
pub fn plane(m: &DMatrix<f64>) -> Option<Matrix2<f64>> {
    (m.shape() == (2, 2)).then(|| Matrix2::new(m[(0, 0)], m[(0, 1)], m[(1, 0)], m[(1, 1)]))
}

/// `v` as a plane vector when it has two entries.
pub fn point(v: &DMatrix<f64>) -> Option<World> {
    (v.len() == 2).then(|| World::new(v[0], v[1]))
}

/// Linear interpolation between two maps (the timeline's identity → A).
pub fn lerp(from: &Matrix2<f64>, to: &Matrix2<f64>, t: f64) -> Matrix2<f64> {
    from + (to - from) * t
}

/// The two column handles `NAME:0`, `NAME:1` of a 2×2 matrix (none for other shapes).
pub fn column_handles(m: &DMatrix<f64>, name: &str) -> Vec<Handle> {
    let Some(p) = plane(m) else { return Vec::new() };
    (0..2)
        .map(|c| {
            let at: World = p.column(c).into_owned();
            Handle {
                name: format!("{name}:{c}"),
                at,
                role: if c == 0 { Role::Basis1 } else { Role::Basis2 },
                label: format!("column {} of {name} = {}", c + 1, display_tuple(&[at.x, at.y])),
            }
        })
        .collect()
}

/// A vector handle named `name` (none unless `v` has two entries).
pub fn vector_handle(v: &DMatrix<f64>, name: &str, role: Role) -> Option<Handle> {
    point(v).map(|p| Handle { name: name.into(), at: p, role, label: format!("{name} = {}", display_tuple(&[p.x, p.y])) })
}

/// Applies a drag of handle `handle` to the 2×2 matrix `m` called `name` (`A:0` moves the first
/// column) or to the 2-vector `m` called `name`; returns whether it applied.
pub fn drag_into(m: &mut DMatrix<f64>, name: &str, handle: &str, to: World) -> bool {
    if !(to.x.is_finite() && to.y.is_finite()) {
        return false;
    }
    if handle == name && m.len() == 2 {
        let changed = m[0] != to.x || m[1] != to.y;
        m[0] = to.x;
        m[1] = to.y;
        return changed;
    }
    let column = handle.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')).and_then(|c| c.parse::<usize>().ok());
    match column {
        Some(c) if c < 2 && m.shape() == (2, 2) => {
            let changed = m[(0, c)] != to.x || m[(1, c)] != to.y;
            m[(0, c)] = to.x;
            m[(1, c)] = to.y;
            changed
        }
        _ => false,
    }
}

/// The plane carried by `m`: the lattice through `m`, the unit square's image, and `m`'s columns as
/// arrows labelled `a₁`, `a₂` (with `prefix` "a"). The chapter's own scene goes on top.
pub fn transformed_plane(scene: &mut Scene, m: &Matrix2<f64>, prefix: &str) {
    scene.push(Shape::Lattice { map: *m, stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.unit_square(m, Role::Basis1, 0.12);
    scene.arrow(m.column(0).into_owned(), Stroke::solid(Role::Basis1, 3.0), format!("{prefix}₁"));
    scene.arrow(m.column(1).into_owned(), Stroke::solid(Role::Basis2, 3.0), format!("{prefix}₂"));
}

/// Puts the faint identity lattice at the bottom of a scene and the axes under its first arrow.
pub fn with_background(mut scene: Scene) -> Scene {
    let first_arrow = scene.shapes.iter().position(|s| matches!(s, Shape::Arrow { .. })).unwrap_or(scene.shapes.len());
    scene.shapes.insert(first_arrow, Shape::Axes);
    scene.shapes.insert(0, Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Ghost, 0.75) });
    scene
}

/// The option of a choice called `value`, or a sentence listing the valid ones.
pub fn pick_option(options: &'static [(&'static str, &'static str)], value: &str) -> Result<&'static str, String> {
    match options.iter().find(|(k, _)| *k == value) {
        Some((known, _)) => Ok(known),
        None => {
            let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
            Err(format!("“{}” is not one of {}", value.chars().take(24).collect::<String>(), names.join(", ")))
        }
    }
}

/// A row equation `a·(x, y) = b` as people write it: "2x − y = 0", "y = 3", "0 = 2" for a zero row.
pub fn equation(a: World, b: f64) -> String {
    let term = |c: f64, var: &str| {
        if c == 1.0 {
            var.to_string()
        } else if c == -1.0 {
            format!("−{var}")
        } else {
            format!("{}{var}", display_number(c))
        }
    };
    let left = match (a.x == 0.0, a.y == 0.0) {
        (false, false) if a.y < 0.0 => format!("{} − {}", term(a.x, "x"), term(-a.y, "y")),
        (false, false) => format!("{} + {}", term(a.x, "x"), term(a.y, "y")),
        (false, true) => term(a.x, "x"),
        (true, false) => term(a.y, "y"),
        (true, true) => "0".to_string(),
    };
    format!("{left} = {}", display_number(b))
}
/// The smallest box holding all `points` (and the origin).
pub fn bounds(points: &[World]) -> (World, World) {
    let lo = points.iter().fold(World::zeros(), |a, p| a.inf(p));
    let hi = points.iter().fold(World::zeros(), |a, p| a.sup(p));
    (lo, hi)
}

/// A numpy/torch literal: `[1, 2]` for a vector, `[[1, 2], [3, 4]]` for a matrix.
pub fn array_literal(m: &DMatrix<f64>, kind: InputKind) -> String {
    let row = |r: Vec<f64>| format!("[{}]", r.iter().map(|x| format_number(*x)).collect::<Vec<_>>().join(", "));
    match kind {
        InputKind::Scalar => m.iter().map(|x| format_number(*x)).next().unwrap_or_default(),
        InputKind::Vector => row(m.iter().copied().collect()),
        InputKind::Matrix => format!("[{}]", m.row_iter().map(|r| row(r.iter().copied().collect())).collect::<Vec<_>>().join(", ")),
    }
}

impl Code {
    /// Code that imports the libraries and declares every input with its current value.
    pub fn declare(inputs: &[Input]) -> Code {
        let mut code = Code {
            numpy: "import numpy as np\n\n".into(),
            torch: "import torch\n\n".into(),
            nalgebra: "use nalgebra::{DMatrix, DVector};\n\n".into(),
        };
        for i in inputs {
            let array = array_literal(&i.value, i.kind);
            if i.kind == InputKind::Scalar {
                let x = i.value.iter().next().copied().unwrap_or_default();
                code.numpy.push_str(&format!("{} = {x:?}\n", i.name));
                code.torch.push_str(&format!("{} = {x:?}\n", i.name));
                code.nalgebra.push_str(&format!("let {} = {x:?}_f64;\n", rust_name(i.name)));
                continue;
            }
            code.numpy.push_str(&format!("{} = np.array({array}, dtype=float)\n", i.name));
            code.torch.push_str(&format!("{} = torch.tensor({array}, dtype=torch.float64)\n", i.name));
            code.nalgebra.push_str(&match i.kind {
                InputKind::Matrix => {
                    let entries: Vec<String> = i.value.transpose().iter().map(|x| format!("{x:?}")).collect();
                    format!(
                        "let {} = DMatrix::from_row_slice({}, {}, &[{}]);\n",
                        rust_name(i.name),
                        i.value.nrows(),
                        i.value.ncols(),
                        entries.join(", ")
                    )
                }
                InputKind::Vector | InputKind::Scalar => {
                    let entries: Vec<String> = i.value.iter().map(|x| format!("{x:?}")).collect();
                    format!("let {} = DVector::from_vec(vec![{}]);\n", rust_name(i.name), entries.join(", "))
                }
            });
        }
        code.numpy.push('\n');
        code.torch.push('\n');
        code.nalgebra.push('\n');
        code
    }

    /// Appends one line to each language.
    pub fn line(&mut self, numpy: &str, torch: &str, nalgebra: &str) {
        for (text, line) in [(&mut self.numpy, numpy), (&mut self.torch, torch), (&mut self.nalgebra, nalgebra)] {
            text.push_str(line);
            text.push('\n');
        }
    }
}

/// Rust bindings are lower case: `A` becomes `a`.
pub fn rust_name(name: &str) -> String {
    name.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_handles_and_drags_round_trip() {
        let mut m = DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0]);
        let handles = column_handles(&m, "A");
        assert_eq!(handles[1].name, "A:1");
        assert_eq!(handles[1].at, World::new(3.0, 5.0));
        assert!(drag_into(&mut m, "A", "A:1", World::new(-1.0, 0.5)));
        assert_eq!(m, DMatrix::from_row_slice(2, 2, &[2.0, -1.0, 6.0, 0.5]));
        assert!(!drag_into(&mut m, "A", "A:2", World::new(0.0, 0.0)));
        assert!(!drag_into(&mut m, "A", "B:0", World::new(0.0, 0.0)));
        assert!(!drag_into(&mut m, "A", "A:0", World::new(f64::INFINITY, 0.0)));
        let mut v = DMatrix::from_column_slice(2, 1, &[1.0, 2.0]);
        assert!(drag_into(&mut v, "v", "v", World::new(3.0, 4.0)));
        assert!(column_handles(&DMatrix::zeros(3, 3), "A").is_empty());
    }

    #[test]
    fn code_declares_inputs_in_three_languages() {
        let inputs = [Input { name: "A", kind: InputKind::Matrix, value: DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]) }];
        let mut code = Code::declare(&inputs);
        code.line("A.T", "A.T", "let t = a.transpose();");
        assert!(code.numpy.contains("A = np.array([[1, 2.5], [3, 4]], dtype=float)\n"));
        assert!(code.torch.contains("torch.tensor([[1, 2.5], [3, 4]], dtype=torch.float64)"));
        assert!(code.nalgebra.contains("let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]);"));
        assert!(code.nalgebra.ends_with("let t = a.transpose();\n"));
    }
}
