//! 2.4 Linear dependence and span: which targets b the columns of A can reach, and whether any column
//! is redundant. Ranks come from the SVD with numpy's tolerance (as `np.linalg.matrix_rank`), the
//! coefficients from the pseudoinverse (`math::solve`).
//!
//! The figure draws a system in two unknowns as columns (in the plane, or in space for three
//! equations: `space.rs`) or, with `picture=rows`, as one line per equation (`rows.rs`), whose handle
//! `x` is the sliders' amounts (ca, cb). `equations` is not extra state but A's shape: `3` appends the
//! notebook's row [7, −1] to A and 2 to b, `2` removes the third row.

mod figure;
mod readouts;
mod rows;
mod space;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::handle::dragged;
use crate::chapter::null_space::NullSpace;
use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, HandleId, Handles, InputSpec, Options};
use crate::format::{display_at_scale, subscript};
use crate::math::solve::{least_squares, ranks, Ranks};
use crate::math::svd::svd;
use crate::math::NumericError;
use crate::view::viewport::World;
use nalgebra::DMatrix;

crate::options! {
    /// The figure's two pictures of a system in two unknowns.
    pub enum Picture {
        /// The columns reaching b.
        Columns = ("columns", "Column picture"),
        /// One line per equation.
        Rows = ("rows", "Row picture"),
    }
}

crate::options! {
    /// The number of equations: the reader's two, or those two and the notebook's third.
    pub enum Equations {
        /// The reader's two equations.
        Two = ("2", "Two equations"),
        /// The notebook's third equation appended.
        Three = ("3", "Add 7x − y = 2"),
    }
}

/// The notebook's third equation 7x − y = 2 (its overdetermined example): a row of A and an entry of b.
const THIRD_ROW: [f64; 2] = [7.0, -1.0];
/// See [`THIRD_ROW`].
const THIRD_B: f64 = 2.0;

/// Largest amount a coefficient slider's number field accepts (the path stays drawable).
const MAX_COEFFICIENT: f64 = 1e6;

/// The row picture's handle: the point x = (ca, cb).
const X: HandleId = HandleId::whole("x");

/// The page state: the vectors (A's columns) and the target.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    /// The amounts of u and v on the figure's head-to-tail path (sliders `ca`, `cb`); in the row
    /// picture the same two numbers are the point x = (ca, cb).
    ca: f64,
    cb: f64,
    /// Which picture of the system the figure draws (`picture`).
    picture: Picture,
}

fn set_a(s: &mut Span, a: DMatrix<f64>) -> Result<(), ChapterError> {
    // A target that fitted the old columns follows their length (new entries 0), so adding a row in
    // the editor, or linking only A, keeps b in the same space.
    if s.b.len() == s.a.nrows() && s.b.len() != a.nrows() {
        s.b = s.b.clone().resize(a.nrows(), 1, 0.0);
    }
    // The row picture draws equations in two unknowns only.
    if a.ncols() != 2 {
        s.picture = Picture::Columns;
    }
    s.a = a;
    Ok(())
}

fn set_equations(s: &mut Span, text: &str) -> Result<(), ChapterError> {
    match Equations::parse(text)? {
        Equations::Three => s.add_third_equation(),
        Equations::Two => s.drop_third_equation(),
    }
    Ok(())
}

/// How b relates to the column space.
#[derive(Debug, Clone, PartialEq)]
enum Reach {
    /// b has the wrong number of entries.
    WrongLength,
    /// A decomposition failed; the reason.
    Failed(String),
    /// b is in the span; the coefficients (unique when `unique`, else the shortest ones, A⁺b).
    Reached { coefficients: DMatrix<f64>, unique: bool },
    /// b is outside the span; the least-squares coefficients A⁺b and the closest point of the span, A·A⁺b.
    Unreachable { least_squares: DMatrix<f64>, closest: DMatrix<f64> },
}

impl Reach {
    /// How the figure marks b: its label, and the closest point of the span when b is out of reach.
    fn mark(&self) -> (&'static str, Option<&DMatrix<f64>>) {
        match self {
            Reach::Unreachable { closest, .. } => ("b: out of reach", Some(closest)),
            _ => ("b", None),
        }
    }
}

impl Span {
    fn m(&self) -> usize {
        self.a.nrows()
    }

    fn n(&self) -> usize {
        self.a.ncols()
    }

    fn null_space(&self) -> Result<NullSpace, String> {
        NullSpace::of(&self.a)
    }

    fn rank(&self) -> Result<usize, String> {
        svd(&self.a).map(|s| s.rank()).map_err(|e| e.to_string())
    }

    /// rank A and rank [A | b], when b fits.
    fn ranks(&self) -> Option<Result<Ranks, NumericError>> {
        ranks(&self.a, &self.b)
    }

    fn reach(&self) -> Reach {
        let Some(ranks) = self.ranks() else { return Reach::WrongLength };
        let ranks = match ranks {
            Ok(r) => r,
            Err(e) => return Reach::Failed(e.to_string()),
        };
        let coefficients = match least_squares(&self.a, &self.b) {
            Some(Ok(x)) => x,
            Some(Err(e)) => return Reach::Failed(e.to_string()),
            None => return Reach::WrongLength,
        };
        if ranks.reachable() {
            Reach::Reached { coefficients, unique: ranks.a == self.n() }
        } else {
            Reach::Unreachable { closest: &self.a * &coefficients, least_squares: coefficients }
        }
    }

    fn names(&self) -> Vec<String> {
        match self.n() {
            2 => vec!["u".into(), "v".into()],
            n => (1..=n).map(|i| format!("a{}", subscript(i))).collect(),
        }
    }

    /// "2·u + 1·v" for coefficients (rounding noise next to the largest amount shows as 0).
    fn combination(&self, c: &DMatrix<f64>) -> String {
        let scale = c.amax();
        c.iter()
            .zip(self.names())
            .map(|(x, name)| format!("{}·{name}", display_at_scale(*x, scale)))
            .collect::<Vec<_>>()
            .join(" + ")
            .replace("+ −", "− ")
    }

    /// Whether the figure is drawn in space: the column picture of up to three columns with three
    /// entries, and b too.
    fn in_space(&self) -> bool {
        !self.rows_picture() && self.m() == 3 && self.n() <= 3 && self.b.len() == 3
    }

    /// Whether the row picture is chosen (it exists for two unknowns only).
    fn rows_picture(&self) -> bool {
        self.picture == Picture::Rows
    }

    /// Whether the row picture can draw the system: one to three equations in two unknowns, b with
    /// one entry per equation.
    fn rows_drawn(&self) -> bool {
        self.rows_picture() && self.n() == 2 && self.m() <= 3 && self.b.len() == self.m()
    }

    /// The `equations` choice's value while it applies (two unknowns and two or three equations).
    fn equations(&self) -> Option<Equations> {
        match (self.m(), self.n()) {
            (2, 2) => Some(Equations::Two),
            (3, 2) => Some(Equations::Three),
            _ => None,
        }
    }

    /// Appends the notebook's third equation 7x − y = 2 to a system of two (b gets its entry when it fits).
    fn add_third_equation(&mut self) {
        if self.m() != 2 {
            return;
        }
        if self.b.len() == 2 {
            self.b = self.b.clone().insert_row(2, THIRD_B);
        }
        let mut a = self.a.clone().insert_row(2, 0.0);
        a[(2, 0)] = THIRD_ROW[0];
        a[(2, 1)] = THIRD_ROW[1];
        self.a = a;
    }

    /// Removes the third equation, keeping the first two as they are.
    fn drop_third_equation(&mut self) {
        if self.m() != 3 {
            return;
        }
        if self.b.len() == 3 {
            self.b = self.b.clone().remove_row(2);
        }
        self.a = self.a.clone().remove_row(2);
    }

    /// Moves the row picture's point x = (ca, cb), if it is drawn and `to` is a new allowed amount.
    fn move_x(&mut self, to: World) -> bool {
        let fits = to.iter().all(|x| x.is_finite() && x.abs() <= MAX_COEFFICIENT);
        let moved = self.rows_drawn() && fits && (to.x, to.y) != (self.ca, self.cb);
        if moved {
            (self.ca, self.cb) = (to.x, to.y);
        }
        moved
    }

    /// Writes a drag into the input the handle names (a column of A, or b) through its checks.
    fn drag(&mut self, id: HandleId, to: &[f64]) -> bool {
        let Some(spec) = Self::INPUTS.iter().find(|s| s.name == id.input) else { return false };
        let Some(moved) = spec.value(self).and_then(|m| dragged(&m, id.index, to)) else { return false };
        spec.set(self, moved).is_ok()
    }
}

impl Chapter for Span {
    // The notebook's linear combination: u = (1, 3) and v = (2, 1) as A's columns, and b = 2u + v = (4, 7),
    // with the path's sliders on those amounts. The amounts exist while there are two vectors u and v.
    const INPUTS: &'static [InputSpec<Self>] = &[
        InputSpec::matrix("A", "1,2;3,1", |s| Some(&s.a), set_a),
        InputSpec::vector("b", "4,7", |s| Some(&s.b), crate::store!(b)),
        InputSpec::scalar("ca", "2", |s: &Span| (s.n() == 2).then_some(s.ca), crate::store!(ca))
            .range(-MAX_COEFFICIENT, MAX_COEFFICIENT, "ca is one number between −1e6 and 1e6")
            .slider(-5.0, 5.0, 0.1),
        InputSpec::scalar("cb", "1", |s: &Span| (s.n() == 2).then_some(s.cb), crate::store!(cb))
            .range(-MAX_COEFFICIENT, MAX_COEFFICIENT, "cb is one number between −1e6 and 1e6")
            .slider(-5.0, 5.0, 0.1),
    ];
    // Both exist while there are two unknowns; `equations` while there are two or three equations.
    const CHOICES: &'static [ChoiceSpec<Self>] = &[
        crate::choice!("picture", "Figure", picture: Picture, if s => s.n() == 2),
        ChoiceSpec { name: "equations", label: "Equations", get: |s| s.equations().map(Equations::picked), set: set_equations },
    ];
    const PROSE: &'static str = include_str!("prose.html");

    fn handles(&self) -> Handles {
        figure::handles(self)
    }

    /// In the row picture only x moves (the amounts ca, cb); otherwise a drag moves a column of A or
    /// b, as the default does.
    fn act(&mut self, action: Action) -> bool {
        match action {
            Action::Move(id, to) if self.rows_picture() => id == X && self.move_x(to),
            Action::Move(id, to) => self.drag(id, &[to.x, to.y]),
            Action::MoveInSpace(id, to) => self.drag(id, to.as_slice()),
            Action::Place(_) | Action::Remove(_) => false,
        }
    }
}
