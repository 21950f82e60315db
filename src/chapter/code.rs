//! The code panel: code that reproduces the page's state in numpy, PyTorch and nalgebra.

use super::input::{Access, InputSpec};
use crate::decimal::debug;
use crate::state::number::format_number;
use nalgebra::DMatrix;

/// The code that reproduces the current state, in the three languages of the code panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// Python with numpy (the default tab).
    pub numpy: String,
    /// Python with PyTorch.
    pub torch: String,
    /// Rust with nalgebra.
    pub nalgebra: String,
}

/// A numpy/torch literal of a vector: `[1, 2]`.
pub fn list_literal(entries: impl IntoIterator<Item = f64>) -> String {
    format!("[{}]", entries.into_iter().map(format_number).collect::<Vec<_>>().join(", "))
}

/// A numpy/torch literal of a matrix: `[[1, 2], [3, 4]]`.
pub fn matrix_literal(m: &DMatrix<f64>) -> String {
    format!("[{}]", m.row_iter().map(|r| list_literal(r.iter().copied())).collect::<Vec<_>>().join(", "))
}

/// Rust bindings are lower case: `A` becomes `a` (input names are ASCII; ASCII lowering also keeps
/// Unicode's case tables out of the WebAssembly module).
pub fn rust_name(name: &str) -> String {
    name.to_ascii_lowercase()
}

impl Code {
    /// Code that imports the libraries and nothing else.
    pub fn imports() -> Code {
        Code {
            numpy: "import numpy as np\n\n".into(),
            torch: "import torch\n\n".into(),
            nalgebra: "use nalgebra::{DMatrix, DVector};\n\n".into(),
        }
    }

    /// Code that imports the libraries and declares every input of `state` that exists, with its
    /// current value, in declaration order.
    pub fn declare<S>(inputs: &[InputSpec<S>], state: &S) -> Code {
        let mut code = Code::imports();
        for spec in inputs {
            code.declare_one(spec, state);
        }
        code.numpy.push('\n');
        code.torch.push('\n');
        code.nalgebra.push('\n');
        code
    }

    /// Declares one input with its current value (nothing when it does not exist now).
    pub fn declare_one<S>(&mut self, spec: &InputSpec<S>, state: &S) {
        let name = spec.name;
        let rust = rust_name(name);
        match spec.access {
            Access::Scalar { get, .. } => {
                let Some(x) = get(state) else { return };
                let x = debug(x);
                self.numpy.push_str(&format!("{name} = {x}\n"));
                self.torch.push_str(&format!("{name} = {x}\n"));
                self.nalgebra.push_str(&format!("let {rust} = {x}_f64;\n"));
            }
            Access::Vector { get, .. } => {
                let Some(v) = get(state) else { return };
                let array = list_literal(v.iter().copied());
                self.numpy.push_str(&format!("{name} = np.array({array}, dtype=float)\n"));
                self.torch.push_str(&format!("{name} = torch.tensor({array}, dtype=torch.float64)\n"));
                let entries: Vec<String> = v.iter().map(|&x| debug(x)).collect();
                self.nalgebra.push_str(&format!("let {rust} = DVector::from_vec(vec![{}]);\n", entries.join(", ")));
            }
            Access::Matrix { get, .. } => {
                let Some(m) = get(state) else { return };
                let array = matrix_literal(m);
                self.numpy.push_str(&format!("{name} = np.array({array}, dtype=float)\n"));
                self.torch.push_str(&format!("{name} = torch.tensor({array}, dtype=torch.float64)\n"));
                let entries: Vec<String> = m.transpose().iter().map(|&x| debug(x)).collect();
                self.nalgebra.push_str(&format!(
                    "let {rust} = DMatrix::from_row_slice({}, {}, &[{}]);\n",
                    m.nrows(),
                    m.ncols(),
                    entries.join(", ")
                ));
            }
        }
    }

    /// Appends the lines that print det A (of a square `A`) in each language.
    pub fn print_det(&mut self) {
        self.line(
            "print(\"det =\", np.linalg.det(A))",
            "print(\"det =\", torch.linalg.det(A).item())",
            "println!(\"det = {}\", a.determinant());",
        );
    }

    /// Appends one line to each language.
    pub fn line(&mut self, numpy: &str, torch: &str, nalgebra: &str) {
        for (text, line) in [(&mut self.numpy, numpy), (&mut self.torch, torch), (&mut self.nalgebra, nalgebra)] {
            text.push_str(line);
            text.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct State {
        a: DMatrix<f64>,
        s: f64,
    }

    const INPUTS: [InputSpec<State>; 2] = [
        InputSpec::matrix(
            "A",
            "1,2.5;3,4",
            |s: &State| Some(&s.a),
            |s, m| {
                s.a = m;
                Ok(())
            },
        ),
        InputSpec::scalar(
            "s",
            "2",
            |s: &State| Some(s.s),
            |s, x| {
                s.s = x;
                Ok(())
            },
        ),
    ];

    #[test]
    fn code_declares_inputs_in_three_languages() {
        let state = State { a: DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]), s: 2.0 };
        let mut code = Code::declare(&INPUTS, &state);
        code.line("A.T", "A.T", "let t = a.transpose();");
        assert!(code.numpy.contains("A = np.array([[1, 2.5], [3, 4]], dtype=float)\ns = 2.0\n"), "{}", code.numpy);
        assert!(code.torch.contains("torch.tensor([[1, 2.5], [3, 4]], dtype=torch.float64)"));
        assert!(code.nalgebra.contains("let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]);"));
        assert!(code.nalgebra.ends_with("let t = a.transpose();\n"));
        assert_eq!(list_literal([1.0, -0.5]), "[1, -0.5]");
    }
}
