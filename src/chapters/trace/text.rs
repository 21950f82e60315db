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
        code.snippet("diagonal_eigen", &[]);
        let written = |o: Order| {
            let [p, q, r] = o.factors().map(|i| ["X", "Y", "Z"][i]);
            (format!("{p} @ {q} @ {r}"), format!("&{} * &{} * &{}", rust_name(p), rust_name(q), rust_name(r)))
        };
        let mut orders = Order::CYCLIC.to_vec();
        if !orders.contains(&self.order) {
            orders.push(self.order);
        }
        for order in orders {
            let (product, rust) = written(order);
            let key = order.key();
            let values = [("product", product.as_str()), ("rust", rust.as_str()), ("key", key)];
            match self.product(order) {
                Some(p) if p.is_square() => code.snippet("order_trace", &values),
                Some(_) => code.snippet("order_not_square", &values),
                None => code.snippet("order_unchained", &values),
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
