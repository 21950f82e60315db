//! The trace page's words: sums written out, the code that reproduces the page, and the spoken
//! summary.

use super::{diagonal_of, trace_of, Order, Trace, View};
use crate::chapter::Describe;
use crate::chapter::{rust_name, Chapter, Code, Options};
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
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str = include_str!("code.txt");

    /// numpy / PyTorch / nalgebra printing the trace, its diagonal, tr Aᵀ, tr(AAᵀ), the Frobenius norm,
    /// the eigenvalues (sorted as the page sorts them) and their sum, det A, and the three cyclic
    /// products and the compared order with their traces (commented out when the shapes do not chain).
    fn code(&self) -> Code {
        let mut code = Code::declare(Trace::INPUTS, self);
        code.line(
            "print(np.trace(A), np.diag(A))  # the diagonal and its sum",
            "print(torch.trace(A), torch.diag(A))",
            "let tr = a.trace();",
        );
        code.line("print(np.trace(A.T))  # the same diagonal", "print(torch.trace(A.T))", "let tr_t = a.transpose().trace();");
        code.line(
            "print(np.trace(A @ A.T), np.linalg.norm(A))  # the Frobenius norm is its square root",
            "print(torch.trace(A @ A.T), torch.linalg.norm(A))  # the Frobenius norm is its square root",
            "let (aat, fro) = ((&a * a.transpose()).trace(), a.norm());",
        );
        code.line(
            "lam = np.linalg.eigvals(A)\nlam = lam[np.lexsort((-lam.imag, -lam.real))]  # by real part, then imaginary part, descending\nprint(lam, lam.sum().real)  # their sum is the trace",
            "lam = torch.linalg.eigvals(A)\nprint(lam, lam.sum().real)  # their sum is the trace",
            "let eig_sum: f64 = nalgebra::Schur::try_new(a.clone(), f64::EPSILON, 1000).expect(\"converges\").complex_eigenvalues().iter().map(|l| l.re).sum();",
        );
        code.line("print(np.linalg.det(A))  # their product", "print(torch.linalg.det(A))  # their product", "let det = a.determinant();");
        let written = |o: Order| {
            let [p, q, r] = o.factors().map(|i| ["X", "Y", "Z"][i]);
            (format!("{p} @ {q} @ {r}"), format!("&{} * &{} * &{}", rust_name(p), rust_name(q), rust_name(r)))
        };
        let mut orders = Order::CYCLIC.to_vec();
        if !orders.contains(&self.order) {
            orders.push(self.order);
        }
        for order in orders {
            let (numpy, rust) = written(order);
            let product = self.product(order);
            let (py, torch, rs) = (
                format!("print({numpy}, np.trace({numpy}))"),
                format!("print({numpy}, torch.trace({numpy}))"),
                format!("let tr_{} = ({rust}).trace();", order.key()),
            );
            match product {
                Some(p) if p.is_square() => code.line(&py, &torch, &rs),
                Some(_) => code.line(
                    &format!("print({numpy})  # not square: it has no trace"),
                    &format!("print({numpy})  # not square: it has no trace"),
                    &format!("let {} = {rust}; // not square: no trace", order.key()),
                ),
                None => code.line(
                    &format!("# shapes do not chain, this raises an error: {numpy}"),
                    &format!("# shapes do not chain: {numpy}"),
                    &format!("// shapes do not chain, this panics: {rust}"),
                ),
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
