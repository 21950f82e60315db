//! Handles: the figure's draggable points, named by a typed id, and the actions that move them.

use crate::format::display_tuple;
use crate::view::scene::Role;
use crate::view::space::Point3;
use crate::view::viewport::World;
use nalgebra::DMatrix;
use std::fmt;

/// Which draggable point: an input (or a chapter's own point, like span's `x`) and, for a matrix, the
/// column (`A:0`) or the point (one per row, `P:3`). Written in the page as `A:0` or `v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HandleId {
    /// The input (or point) it moves.
    pub input: &'static str,
    /// The column or row of that input it moves; `None` for the whole input (a vector).
    pub index: Option<usize>,
}

impl HandleId {
    /// The 3-D figure's orbit control: a handle-like button that turns the view and moves no state.
    pub const ORBIT: HandleId = HandleId::whole("orbit");

    /// A handle that moves a whole input, e.g. the vector `v`.
    pub const fn whole(input: &'static str) -> HandleId {
        HandleId { input, index: None }
    }

    /// A handle that moves one column (or point) of an input, e.g. `A:0`.
    pub const fn part(input: &'static str, index: usize) -> HandleId {
        HandleId { input, index: Some(index) }
    }
}

impl fmt::Display for HandleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}:{i}", self.input),
            None => f.write_str(self.input),
        }
    }
}

/// A draggable point at a place `P` (a [`World`] point in the plane, a [`Point3`] in space).
#[derive(Debug, Clone, PartialEq)]
pub struct Handle<P = World> {
    /// Which one.
    pub id: HandleId,
    /// Where it is.
    pub at: P,
    /// Its colour.
    pub role: Role,
    /// Its accessible label with the current value, e.g. `v = (2, 6)`.
    pub label: HandleLabel,
}

/// A handle's accessible label with its current value. The common kind, `name = (x, y)`, keeps its
/// parts and is written out only when the page relabels the handle's button: exact decimals for
/// every handle in every frame of a drag would cost more than drawing the figure.
#[derive(Debug, Clone, PartialEq)]
pub enum HandleLabel {
    /// `name = (x, y…)` followed by `note`.
    Value {
        /// What the handle is: `v`, `column 2 of A`, `point 3`.
        name: String,
        /// Its coordinates.
        at: Vec<f64>,
        /// Words after the value (empty, or starting with a space).
        note: &'static str,
    },
    /// Written out already: words around the value, or no value.
    Text(String),
}

impl HandleLabel {
    /// `name = (x, y…)`.
    pub fn value(name: impl Into<String>, at: &[f64]) -> HandleLabel {
        HandleLabel::Value { name: name.into(), at: at.to_vec(), note: "" }
    }

    /// Puts the handle's other name first: `u, column 1 of A = (1, 2)`.
    pub fn also_called(&mut self, other: &str) {
        match self {
            HandleLabel::Value { name, .. } => *name = format!("{other}, {name}"),
            HandleLabel::Text(text) => *text = format!("{other}, {text}"),
        }
    }
}

impl From<String> for HandleLabel {
    fn from(text: String) -> HandleLabel {
        HandleLabel::Text(text)
    }
}

impl fmt::Display for HandleLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandleLabel::Value { name, at, note } => write!(f, "{name} = {}{note}", display_tuple(at)),
            HandleLabel::Text(text) => f.write_str(text),
        }
    }
}

/// The handles of the current state: in the plane, or in space (then the page projects them with its
/// camera). The variant also says how the state is drawn: a 3-D figure returns `Space`, even empty.
#[derive(Debug, Clone, PartialEq)]
pub enum Handles {
    /// Plane handles, the most important first.
    Plane(Vec<Handle<World>>),
    /// Handles in space, the most important first.
    Space(Vec<Handle<Point3>>),
}

impl Default for Handles {
    fn default() -> Handles {
        Handles::Plane(Vec::new())
    }
}

impl Handles {
    /// Whether the state is drawn in space.
    pub fn in_space(&self) -> bool {
        matches!(self, Handles::Space(_))
    }

    /// The id written `name` (`A:0`), if one of these handles has it.
    pub fn find(&self, name: &str) -> Option<HandleId> {
        let ids: Vec<HandleId> = match self {
            Handles::Plane(hs) => hs.iter().map(|h| h.id).collect(),
            Handles::Space(hs) => hs.iter().map(|h| h.id).collect(),
        };
        ids.into_iter().find(|id| id.to_string() == name)
    }
}

/// A gesture on the figure that may change the chapter's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Move a plane handle to a point (already snapped if the page snaps it).
    Move(HandleId, World),
    /// Move a handle in space to a point.
    MoveInSpace(HandleId, Point3),
    /// A click or tap on the empty plane figure (a new data point, say).
    Place(World),
    /// Delete or Backspace on a focused handle (removing a data point, say).
    Remove(HandleId),
}

/// The colour of column `c`: orange, sky blue, then reddish purple.
pub fn column_role(c: usize) -> Role {
    match c {
        0 => Role::Basis1,
        1 => Role::Basis2,
        _ => Role::Second,
    }
}

/// The column handles `NAME:0`, `NAME:1` of a 2×2 matrix (none for other shapes).
pub fn column_handles(m: &DMatrix<f64>, name: &'static str) -> Vec<Handle> {
    if m.shape() != (2, 2) {
        return Vec::new();
    }
    (0..2)
        .map(|c| {
            let at = World::new(m[(0, c)], m[(1, c)]);
            Handle {
                id: HandleId::part(name, c),
                at,
                role: column_role(c),
                label: HandleLabel::value(format!("column {} of {name}", c + 1), &[at.x, at.y]),
            }
        })
        .collect()
}

/// A handle for the 2-vector `v` called `name` (none unless it has two entries).
pub fn vector_handle(v: &DMatrix<f64>, name: &'static str, role: Role) -> Option<Handle> {
    (v.len() == 2).then(|| {
        let at = World::new(v[0], v[1]);
        Handle { id: HandleId::whole(name), at, role, label: HandleLabel::value(name, &[at.x, at.y]) }
    })
}

/// The column handles `NAME:0`… of a 3-row matrix with at most three columns (none otherwise).
pub fn space_column_handles(m: &DMatrix<f64>, name: &'static str) -> Vec<Handle<Point3>> {
    if m.nrows() != 3 || m.ncols() > 3 {
        return Vec::new();
    }
    (0..m.ncols())
        .map(|c| {
            let at = Point3::new(m[(0, c)], m[(1, c)], m[(2, c)]);
            Handle {
                id: HandleId::part(name, c),
                at,
                role: column_role(c),
                label: HandleLabel::value(format!("column {} of {name}", c + 1), at.as_slice()),
            }
        })
        .collect()
}

/// A handle for the 3-vector `v` called `name` (none unless it has three entries).
pub fn space_vector_handle(v: &DMatrix<f64>, name: &'static str, role: Role) -> Option<Handle<Point3>> {
    (v.len() == 3).then(|| {
        let at = Point3::new(v[0], v[1], v[2]);
        Handle { id: HandleId::whole(name), at, role, label: HandleLabel::value(name, at.as_slice()) }
    })
}

/// Writes `to` into `m` where handle `id` says: the whole vector (`index` `None`, as many entries as
/// `to`) or column `index` (a matrix with as many rows as `to`). Returns the changed copy, or `None`
/// when the handle does not fit `m`, `to` is not finite, or nothing would change.
pub fn dragged(m: &DMatrix<f64>, index: Option<usize>, to: &[f64]) -> Option<DMatrix<f64>> {
    if !to.iter().all(|x| x.is_finite()) {
        return None;
    }
    let mut out = m.clone();
    match index {
        None if m.len() == to.len() && m.ncols() == 1 => out.iter_mut().zip(to).for_each(|(x, t)| *x = *t),
        Some(c) if c < m.ncols() && m.nrows() == to.len() => out.column_mut(c).iter_mut().zip(to).for_each(|(x, t)| *x = *t),
        _ => return None,
    }
    (out != *m).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_as_the_page_writes_them_and_are_found_again() {
        assert_eq!(HandleId::part("A", 1).to_string(), "A:1");
        assert_eq!(HandleId::whole("v").to_string(), "v");
        let m = DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0]);
        let handles = Handles::Plane(column_handles(&m, "A"));
        assert_eq!(handles.find("A:1"), Some(HandleId::part("A", 1)));
        assert_eq!(handles.find("A:2"), None);
        assert!(!handles.in_space());
        let Handles::Plane(hs) = handles else { unreachable!() };
        assert_eq!((hs[1].at, hs[1].label.to_string().as_str()), (World::new(3.0, 5.0), "column 2 of A = (3, 5)"));
        assert!(column_handles(&DMatrix::zeros(3, 3), "A").is_empty());
        assert_eq!(
            space_column_handles(&DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]), "A")[1].at,
            Point3::new(0.0, 1.0, 1.0)
        );
        assert!(space_vector_handle(&DMatrix::zeros(2, 1), "v", Role::Input).is_none());
        assert_eq!(
            vector_handle(&DMatrix::from_column_slice(2, 1, &[1.0, 2.0]), "v", Role::Input).unwrap().label.to_string(),
            "v = (1, 2)"
        );
    }

    #[test]
    fn labels_keep_their_parts_until_written_out() {
        let mut label = HandleLabel::Value { name: "point 3".into(), at: vec![0.1 + 0.2, -2.0], note: " (Delete removes it)" };
        assert_eq!(label.to_string(), "point 3 = (0.3, −2) (Delete removes it)");
        label.also_called("u");
        assert!(label.to_string().starts_with("u, point 3 = ("));
        let mut text = HandleLabel::from("the line y = 1".to_string());
        text.also_called("ℓ");
        assert_eq!(text.to_string(), "ℓ, the line y = 1");
        assert_eq!(HandleLabel::value("b", &[1.0, 2.0, 3.0]).to_string(), "b = (1, 2, 3)");
    }

    #[test]
    fn a_drag_writes_a_column_or_the_whole_vector() {
        let m = DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0]);
        assert_eq!(dragged(&m, Some(1), &[-1.0, 0.5]), Some(DMatrix::from_row_slice(2, 2, &[2.0, -1.0, 6.0, 0.5])));
        assert_eq!(dragged(&m, Some(1), &[3.0, 5.0]), None, "no change");
        assert_eq!(dragged(&m, Some(2), &[0.0, 0.0]), None);
        assert_eq!(dragged(&m, Some(0), &[f64::INFINITY, 0.0]), None);
        assert_eq!(dragged(&m, None, &[0.0, 0.0]), None, "a matrix is not a vector");
        let v = DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0]);
        assert_eq!(dragged(&v, None, &[0.0, 0.0, 1.0]), Some(DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 1.0])));
        assert_eq!(dragged(&v, None, &[0.0, 1.0]), None);
    }
}
