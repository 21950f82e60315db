//! 2.10 The trace operator: the sum of the diagonal, drawn as steps along a number line; the same
//! sum reached by the eigenvalues (from `math::eigen`); the Frobenius norm as √Tr(AAᵀ); and the cyclic
//! property Tr(XYZ) = Tr(ZXY) = Tr(YZX) with three products that differ entry by entry.

mod cyclic;
mod diagonal;
mod figure;
mod readouts;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, Handles, InputSpec};
use crate::format::display_shape;
use crate::math::eigen::eigenvalues;
use crate::math::NumericError;
use crate::state::matrix::MAX_DIM;
use nalgebra::{Complex, DMatrix};

crate::options! {
    /// What the figure shows.
    pub enum View {
        /// A's diagonal stepped off along a number line, and its eigenvalues below.
        Diagonal = ("diagonal", "tr A: the diagonal"),
        /// The diagonals of XYZ, ZXY and YZX (and one order to compare) ending at one trace.
        Cyclic = ("cyclic", "tr(XYZ) = tr(ZXY) = tr(YZX)"),
    }
}

crate::options! {
    /// The order of X, Y and Z compared with XYZ in the cyclic view.
    pub enum Order {
        /// X·Z·Y.
        Xzy = ("xzy", "X·Z·Y (not cyclic)"),
        /// Y·X·Z.
        Yxz = ("yxz", "Y·X·Z (not cyclic)"),
        /// Z·Y·X.
        Zyx = ("zyx", "Z·Y·X (not cyclic)"),
        /// X·Y·Z.
        Xyz = ("xyz", "X·Y·Z (cyclic)"),
        /// Z·X·Y.
        Zxy = ("zxy", "Z·X·Y (cyclic)"),
        /// Y·Z·X.
        Yzx = ("yzx", "Y·Z·X (cyclic)"),
    }
}

impl Order {
    /// The three cyclic shifts of XYZ, in the page's order.
    const CYCLIC: [Order; 3] = [Order::Xyz, Order::Zxy, Order::Yzx];

    /// The factors in this order: 0 is X, 1 is Y, 2 is Z.
    fn factors(self) -> [usize; 3] {
        match self {
            Order::Xzy => [0, 2, 1],
            Order::Yxz => [1, 0, 2],
            Order::Zyx => [2, 1, 0],
            Order::Xyz => [0, 1, 2],
            Order::Zxy => [2, 0, 1],
            Order::Yzx => [1, 2, 0],
        }
    }

    /// Whether this order is a cyclic shift of XYZ.
    fn is_cyclic(self) -> bool {
        Order::CYCLIC.contains(&self)
    }

    /// The product's name, e.g. `XZY`.
    fn name(self) -> String {
        self.factors().map(|i| FACTORS[i]).concat()
    }

    /// The product written with dots, e.g. `X·Z·Y`.
    fn dotted(self) -> String {
        self.factors().map(|i| FACTORS[i]).join("·")
    }
}

/// The factors' names, in the order of [`Order::factors`].
const FACTORS: [&str; 3] = ["X", "Y", "Z"];

/// The diagonal handles' names, `A:d0` for A₁₁ and so on: one per diagonal entry of the largest A.
const DIAGONAL: [&str; MAX_DIM] = ["A:d0", "A:d1", "A:d2", "A:d3", "A:d4", "A:d5", "A:d6", "A:d7"];

/// The page state: A for the trace, and the factors X, Y, Z for the cyclic property.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    a: DMatrix<f64>,
    factors: [DMatrix<f64>; 3],
    view: View,
    order: Order,
}

/// The diagonal of a matrix, in order.
fn diagonal_of(m: &DMatrix<f64>) -> Vec<f64> {
    (0..m.nrows().min(m.ncols())).map(|i| m[(i, i)]).collect()
}

/// The trace as numpy computes it: the diagonal summed left to right.
fn trace_of(m: &DMatrix<f64>) -> f64 {
    diagonal_of(m).iter().fold(0.0, |s, x| s + x)
}

/// Partial sums 0, d₁, d₁+d₂, … (a staircase's x positions).
fn partial_sums(steps: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0];
    for d in steps {
        let last = *out.last().unwrap_or(&0.0);
        out.push(last + d);
    }
    out
}

impl Trace {
    /// The product of the three factors in `order`, if their shapes chain.
    fn product(&self, order: Order) -> Option<DMatrix<f64>> {
        let [p, q, r] = order.factors().map(|i| &self.factors[i]);
        (p.ncols() == q.nrows() && q.ncols() == r.nrows()).then(|| p * q * r)
    }

    /// XYZ, ZXY, YZX and the order chosen for comparison, with their names.
    fn products(&self) -> [(String, Option<DMatrix<f64>>); 4] {
        let [a, b, c] = Order::CYCLIC;
        [a, b, c, self.order].map(|o| (o.name(), self.product(o)))
    }

    /// Whether the three cyclic products all exist and are square (their traces exist).
    fn cyclic_traces_exist(&self) -> bool {
        Order::CYCLIC.iter().all(|o| self.product(*o).is_some_and(|p| p.is_square()))
    }

    /// A's eigenvalues by `math::eigen` (bounded, scaled and checked), in the contract's order: by
    /// real part, then imaginary part, both descending.
    fn eigenvalues(&self) -> Result<Vec<Complex<f64>>, NumericError> {
        eigenvalues(&self.a)
    }

    fn shapes_note(&self) -> String {
        let [x, y, z] = self.factors.each_ref().map(display_shape);
        format!("X is {x}, Y is {y}, Z is {z}")
    }
}

/// Stores factor `I` (0 is X, 1 is Y, 2 is Z): any shapes, the products say which exist.
fn set_factor<const I: usize>(s: &mut Trace, m: DMatrix<f64>) -> Result<(), ChapterError> {
    s.factors[I] = m;
    Ok(())
}

impl Chapter for Trace {
    // The notebook's examples: A = [[2, 9, 8], [4, 7, 1], [8, 2, 5]] (trace 14, ‖A‖_F = √308), and its three
    // 2×2 matrices for the cyclic property (the notebook calls them A, B, C; here X, Y, Z), all traces 531.
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix(
            "A",
            "2,9,8;4,7,1;8,2,5",
            |s: &Trace| Some(&s.a),
            |s, m| {
                s.a = m;
                Ok(())
            },
        )
        .square("the trace is defined for square matrices only"),
        InputSpec::matrix("X", "4,12;7,6", |s| Some(&s.factors[0]), set_factor::<0>),
        InputSpec::matrix("Y", "1,-3;4,3", |s| Some(&s.factors[1]), set_factor::<1>),
        InputSpec::matrix("Z", "6,6;2,5", |s| Some(&s.factors[2]), set_factor::<2>),
    ];
    // Both choices always exist: a link's `order` is kept whatever its `view`.
    const CHOICES: &'static [ChoiceSpec<Self>] =
        &[crate::choice!("view", "Figure", view: View), crate::choice!("order", "Cyclic view: compare XYZ with", order: Order)];
    const PROSE: &'static str = include_str!("prose.html");

    fn handles(&self) -> Handles {
        match self.view {
            View::Diagonal => Handles::Plane(diagonal::handles(self)),
            View::Cyclic => Handles::default(),
        }
    }

    /// Moves the diagonal handle `A:dᵢ` sideways: it sits at the running sum up to Aᵢᵢ, so moving it
    /// to x makes Aᵢᵢ = x − (the sum before it).
    fn act(&mut self, action: Action) -> bool {
        let Action::Move(id, to) = action else { return false };
        let Some(i) = DIAGONAL.iter().position(|name| *name == id.input).filter(|_| id.index.is_none()) else { return false };
        if self.view != View::Diagonal || i >= self.a.nrows() || !to.x.is_finite() {
            return false;
        }
        let before = partial_sums(&diagonal_of(&self.a))[i];
        let value = to.x - before;
        if !value.is_finite() || value == self.a[(i, i)] {
            return false;
        }
        self.a[(i, i)] = value;
        true
    }
}
