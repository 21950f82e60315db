//! The trace page's words: sums written out, the code that reproduces the page, and the spoken
//! summary.

use super::{diagonal_of, trace_of, Order, Trace, View};
use crate::chapter::Describe;
use crate::chapter::{Chapter, Code, Options};
use crate::format::display_number;

/// `2 + 7 − 5`: a sum written out with true minus signs.
pub(super) fn written_sum(terms: &[f64]) -> String {
    let mut out = String::new();
    for (i, x) in terms.iter().enumerate() {
        if i == 0 {
            out.push_str(&display_number(*x));
        } else if x.is_sign_negative() && *x != 0.0 {
            out.push_str(&format!(" − {}", display_number(-x)));
        } else {
            out.push_str(&format!(" + {}", display_number(*x)));
        }
    }
    out
}

impl Describe for Trace {
    /// numpy / PyTorch / nalgebra for the trace, ‖A‖_F, the eigenvalues' sum, det A and the three
    /// cyclic traces (commented out when the shapes do not chain).
    fn code(&self) -> Code {
        let mut code = Code::declare(Trace::INPUTS, self);
        code.line("np.trace(A)", "torch.trace(A)", "let tr = a.trace();");
        code.line(
            "np.linalg.norm(A)  # Frobenius, the same as np.sqrt(np.trace(A @ A.T))",
            "torch.linalg.norm(A)  # Frobenius, the same as torch.sqrt(torch.trace(A @ A.T))",
            "let fro = a.norm(); // Frobenius, the same as (&a * a.transpose()).trace().sqrt()",
        );
        code.line(
            "np.linalg.eigvals(A).sum()  # equals the trace, up to rounding",
            "torch.linalg.eigvals(A).sum()  # equals the trace, up to rounding",
            "let eig_sum: f64 = nalgebra::Schur::try_new(a.clone(), f64::EPSILON, 1000).expect(\"converges\").complex_eigenvalues().iter().map(|l| l.re).sum();",
        );
        code.line("np.linalg.det(A)", "torch.linalg.det(A)", "let det = a.determinant();");
        let written = [("X @ Y @ Z", "&x * &y * &z"), ("Z @ X @ Y", "&z * &x * &y"), ("Y @ Z @ X", "&y * &z * &x")];
        for (order, (numpy, rust)) in Order::CYCLIC.into_iter().zip(written) {
            let ok = self.product(order).is_some_and(|p| p.is_square());
            let (py, rs) = (format!("np.trace({numpy})"), format!("let tr_{} = ({rust}).trace();", order.key()));
            let torch = format!("torch.trace({numpy})");
            if ok {
                code.line(&py, &torch, &rs);
            } else {
                code.line(
                    &format!("# shapes do not chain, this raises an error: {py}"),
                    &format!("# shapes do not chain: {torch}"),
                    &format!("// shapes do not chain, this panics: {rs}"),
                );
            }
        }
        code
    }

    /// The diagonal's sum written out, or the three cyclic traces (and the compared order's).
    fn summary(&self) -> String {
        match self.view {
            View::Diagonal => {
                let terms = written_sum(&diagonal_of(&self.a));
                let tr = trace_of(&self.a);
                let eig = match self.eigenvalues() {
                    Ok(_) => " The eigenvalues, stepped off below the axis, end at the same point.",
                    Err(_) => "",
                };
                format!("tr A = {} = {}: the steps along the number line end there.{eig}", terms, display_number(tr))
            }
            View::Cyclic => {
                let products = self.products();
                match products.iter().map(|(_, p)| p.as_ref().filter(|p| p.is_square()).map(trace_of)).collect::<Vec<_>>()[..] {
                    [Some(a), Some(_), Some(_), other] => {
                        let tail = match other {
                            Some(t) if self.order.is_cyclic() => {
                                format!(" {} is one of them again: trace {}.", products[3].0, display_number(t))
                            }
                            Some(t) => format!(" The non-cyclic order {} has trace {}.", products[3].0, display_number(t)),
                            None => String::new(),
                        };
                        format!("XYZ, ZXY and YZX differ entry by entry, but all three traces are {}.{tail}", display_number(a))
                    }
                    _ => format!("The cyclic products are not all defined: {}.", self.shapes_note()),
                }
            }
        }
    }
}
