//! Inputs declared once: a chapter lists one [`InputSpec`] per editable, linkable value (its name,
//! kind, default, limits, slider, snapping, link and paste behaviour, and how to read and write it),
//! and the generic layer does every lookup, check and conversion from that list.

use super::error::ChapterError;
use nalgebra::DMatrix;

/// Whether an input is edited as a grid of rows and columns, as one row of entries, or as one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Rows and columns; URL form `1,2;3,4`.
    Matrix,
    /// A column vector stored as n×1; URL form `1,2`.
    Vector,
    /// One number; URL form `3`.
    Scalar,
}

/// The span a scalar input's slider covers. The slider is a shortcut: the number field beside it
/// accepts any value the input allows, inside or outside this span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderRange {
    /// The slider's left end.
    pub min: f64,
    /// The slider's right end.
    pub max: f64,
    /// The slider's step (the keyboard's arrow keys move by one step).
    pub step: f64,
}

/// How the generic layer reads and writes an input in the chapter's state `S`. A getter returns
/// `None` while the input does not exist in the current state (the rank `k` outside the SVD's
/// picture tab, say). A setter checks the chapter's own rules; the shared checks (finite entries,
/// the kind's shape, [`Limits`]) have run before it is called.
pub enum Access<S> {
    /// A matrix (rows and columns).
    Matrix {
        /// The current value.
        get: fn(&S) -> Option<&DMatrix<f64>>,
        /// Stores a new value.
        set: fn(&mut S, DMatrix<f64>) -> Result<(), ChapterError>,
    },
    /// A column vector, stored n×1.
    Vector {
        /// The current value.
        get: fn(&S) -> Option<&DMatrix<f64>>,
        /// Stores a new value.
        set: fn(&mut S, DMatrix<f64>) -> Result<(), ChapterError>,
    },
    /// One number.
    Scalar {
        /// The current value.
        get: fn(&S) -> Option<f64>,
        /// Stores a new value.
        set: fn(&mut S, f64) -> Result<(), ChapterError>,
    },
}

/// What values an input accepts beyond finite entries of its kind, checked before the setter runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limits {
    /// Any size the link format allows.
    Any,
    /// Square matrices only; the sentence says why the chapter needs one.
    Square(&'static str),
    /// A vector with `min` to `max` entries.
    Length {
        /// Fewest entries.
        min: usize,
        /// Most entries.
        max: usize,
    },
    /// A number from `min` to `max` (inclusive); the sentence says so in the chapter's words.
    Range {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// The sentence shown when the value is outside.
        why: &'static str,
    },
    /// A whole number from `min` to `max` (inclusive); the sentence says so in the chapter's words.
    Whole {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// The sentence shown when the value is outside or not whole.
        why: &'static str,
    },
}

/// A setter that stores the value in a field of the state as it is (the shared checks have run):
/// `InputSpec::matrix("A", "2,0;0,2", |s| Some(&s.a), store!(a))`.
#[macro_export]
macro_rules! store {
    ($field:ident) => {
        |s, value| {
            s.$field = value;
            Ok(())
        }
    };
}

/// One editable input of a chapter whose state is `S`.
pub struct InputSpec<S> {
    /// The URL parameter and readout name, e.g. `A`.
    pub name: &'static str,
    /// The default value in the link's form (`2,3;6,5`), applied in declaration order to
    /// `S::default()` to make the page's first state.
    pub default: &'static str,
    /// How to read and write it (and so its kind).
    pub access: Access<S>,
    /// What values it accepts beyond finite entries of its kind.
    pub limits: Limits,
    /// The slider beside a scalar's number field, if it has one.
    pub slider: Option<SliderRange>,
    /// Whether drags of its handles snap to the integer lattice when snapping is on (a direction on
    /// a circle, say, should not).
    pub snap: bool,
    /// Whether it accepts pasted points (CSV text, one point per line) under its editor.
    pub paste: bool,
    /// Whether it is in the link now: an input derived from others (points generated from a recipe)
    /// or too large for a link is left out, and its recipe linked instead.
    pub linked: fn(&S) -> bool,
    /// A sentence shown instead of its cells when they cannot be edited one by one (generated or very
    /// many points); `None`: the editor shows its cells.
    pub note: fn(&S) -> Option<String>,
    /// Whether its editor is shown now (an input the current view does not use is kept, linked and
    /// read out, but not offered for editing).
    pub shown: fn(&S) -> bool,
    /// A smaller right end for the slider in the current state (the setter refuses beyond it).
    pub slider_cap: fn(&S) -> Option<f64>,
}

fn no_cap<S>(_: &S) -> Option<f64> {
    None
}

fn always<S>(_: &S) -> bool {
    true
}

fn no_note<S>(_: &S) -> Option<String> {
    None
}

impl<S> InputSpec<S> {
    const fn new(name: &'static str, default: &'static str, access: Access<S>) -> InputSpec<S> {
        InputSpec {
            name,
            default,
            access,
            limits: Limits::Any,
            slider: None,
            snap: true,
            paste: false,
            linked: always::<S>,
            note: no_note::<S>,
            shown: always::<S>,
            slider_cap: no_cap::<S>,
        }
    }

    /// A matrix input.
    pub const fn matrix(
        name: &'static str,
        default: &'static str,
        get: fn(&S) -> Option<&DMatrix<f64>>,
        set: fn(&mut S, DMatrix<f64>) -> Result<(), ChapterError>,
    ) -> InputSpec<S> {
        InputSpec::new(name, default, Access::Matrix { get, set })
    }

    /// A vector input (stored n×1).
    pub const fn vector(
        name: &'static str,
        default: &'static str,
        get: fn(&S) -> Option<&DMatrix<f64>>,
        set: fn(&mut S, DMatrix<f64>) -> Result<(), ChapterError>,
    ) -> InputSpec<S> {
        InputSpec::new(name, default, Access::Vector { get, set })
    }

    /// A scalar input.
    pub const fn scalar(
        name: &'static str,
        default: &'static str,
        get: fn(&S) -> Option<f64>,
        set: fn(&mut S, f64) -> Result<(), ChapterError>,
    ) -> InputSpec<S> {
        InputSpec::new(name, default, Access::Scalar { get, set })
    }

    /// Accepts square matrices only, saying why otherwise.
    pub const fn square(mut self, why: &'static str) -> InputSpec<S> {
        self.limits = Limits::Square(why);
        self
    }

    /// Accepts vectors of `min` to `max` entries only.
    pub const fn length(mut self, min: usize, max: usize) -> InputSpec<S> {
        self.limits = Limits::Length { min, max };
        self
    }

    /// Accepts numbers from `min` to `max` only, saying `why` otherwise.
    pub const fn range(mut self, min: f64, max: f64, why: &'static str) -> InputSpec<S> {
        self.limits = Limits::Range { min, max, why };
        self
    }

    /// Accepts whole numbers from `min` to `max` only, saying `why` otherwise.
    pub const fn whole(mut self, min: f64, max: f64, why: &'static str) -> InputSpec<S> {
        self.limits = Limits::Whole { min, max, why };
        self
    }

    /// Shows a slider from `min` to `max` in steps of `step` beside the number field.
    pub const fn slider(mut self, min: f64, max: f64, step: f64) -> InputSpec<S> {
        self.slider = Some(SliderRange { min, max, step });
        self
    }

    /// Its handles move freely: drags are never rounded to the lattice.
    pub const fn free(mut self) -> InputSpec<S> {
        self.snap = false;
        self
    }

    /// Accepts pasted points under its editor.
    pub const fn paste(mut self) -> InputSpec<S> {
        self.paste = true;
        self
    }

    /// In the link only while `linked` says so.
    pub const fn linked_when(mut self, linked: fn(&S) -> bool) -> InputSpec<S> {
        self.linked = linked;
        self
    }

    /// Shows `note`'s sentence instead of the cells while it returns one.
    pub const fn note(mut self, note: fn(&S) -> Option<String>) -> InputSpec<S> {
        self.note = note;
        self
    }

    /// Shows its editor only while `shown` says so.
    pub const fn shown_when(mut self, shown: fn(&S) -> bool) -> InputSpec<S> {
        self.shown = shown;
        self
    }

    /// Ends the slider earlier in states where `cap` says so (the setter refuses values beyond).
    pub const fn slider_capped(mut self, cap: fn(&S) -> Option<f64>) -> InputSpec<S> {
        self.slider_cap = cap;
        self
    }

    /// Matrix, vector or scalar.
    pub fn kind(&self) -> InputKind {
        match self.access {
            Access::Matrix { .. } => InputKind::Matrix,
            Access::Vector { .. } => InputKind::Vector,
            Access::Scalar { .. } => InputKind::Scalar,
        }
    }

    /// The current value as a matrix (a scalar as 1×1, a vector as n×1), if the input exists now.
    pub fn value(&self, state: &S) -> Option<DMatrix<f64>> {
        match self.access {
            Access::Matrix { get, .. } | Access::Vector { get, .. } => get(state).cloned(),
            Access::Scalar { get, .. } => get(state).map(|x| DMatrix::from_element(1, 1, x)),
        }
    }

    /// The current value's shape, without copying it.
    pub fn shape(&self, state: &S) -> Option<(usize, usize)> {
        match self.access {
            Access::Matrix { get, .. } | Access::Vector { get, .. } => get(state).map(DMatrix::shape),
            Access::Scalar { get, .. } => get(state).map(|_| (1, 1)),
        }
    }

    /// Whether the input exists in this state.
    pub fn exists(&self, state: &S) -> bool {
        self.shape(state).is_some()
    }

    /// Checks `value` against the shared rules (finite entries, the kind's shape, the limits), then
    /// stores it through the chapter's setter. On `Err` the state is unchanged.
    pub fn set(&self, state: &mut S, value: DMatrix<f64>) -> Result<(), ChapterError> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err(ChapterError::NotFinite);
        }
        match self.limits {
            Limits::Any => {}
            Limits::Square(why) if !value.is_square() => return Err(ChapterError::NotSquare { why, shape: value.shape() }),
            Limits::Square(_) => {}
            Limits::Length { min, max } if !(min..=max).contains(&value.len()) => {
                return Err(ChapterError::Length { name: self.name, min, max, len: value.len() })
            }
            Limits::Length { .. } => {}
            Limits::Range { min, max, why } if !(min..=max).contains(&value[0]) => return Err(ChapterError::OutOfRange(why)),
            Limits::Range { .. } => {}
            Limits::Whole { min, max, why } if value[0].fract() != 0.0 || !(min..=max).contains(&value[0]) => {
                return Err(ChapterError::OutOfRange(why))
            }
            Limits::Whole { .. } => {}
        }
        match self.access {
            Access::Matrix { set, .. } => set(state, value),
            Access::Vector { set, .. } if value.ncols() == 1 => set(state, value),
            Access::Vector { .. } => Err(ChapterError::NotAVector),
            Access::Scalar { set, .. } if value.len() == 1 => set(state, value[0]),
            Access::Scalar { .. } => Err(ChapterError::NotOneNumber { name: self.name, entries: value.len() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct State {
        a: DMatrix<f64>,
        p: f64,
    }

    const A: InputSpec<State> = InputSpec::matrix(
        "A",
        "1,2;3,4",
        |s: &State| Some(&s.a),
        |s, m| {
            s.a = m;
            Ok(())
        },
    )
    .square("the determinant needs a square matrix");
    const P: InputSpec<State> = InputSpec::scalar(
        "p",
        "3",
        |s: &State| Some(s.p),
        |s, x| {
            s.p = x;
            Ok(())
        },
    )
    .range(0.0, 10.0, "p lies between 0 and 10")
    .slider(0.0, 10.0, 0.5);

    #[test]
    fn shared_checks_run_before_the_setter() {
        let mut s = State::default();
        assert_eq!(A.kind(), InputKind::Matrix);
        assert!(A.set(&mut s, DMatrix::from_row_slice(1, 2, &[1.0, 2.0])).unwrap_err().to_string().ends_with("this one is 1×2"));
        assert_eq!(A.set(&mut s, DMatrix::from_element(2, 2, f64::NAN)), Err(ChapterError::NotFinite));
        assert!(A.set(&mut s, DMatrix::identity(3, 3)).is_ok());
        assert_eq!(A.shape(&s), Some((3, 3)));
        assert_eq!(P.set(&mut s, DMatrix::from_element(1, 1, 11.0)), Err(ChapterError::OutOfRange("p lies between 0 and 10")));
        assert_eq!(P.set(&mut s, DMatrix::from_element(2, 1, 1.0)), Err(ChapterError::NotOneNumber { name: "p", entries: 2 }));
        assert!(P.set(&mut s, DMatrix::from_element(1, 1, 2.5)).is_ok());
        assert_eq!(P.value(&s), Some(DMatrix::from_element(1, 1, 2.5)));
        assert_eq!(P.slider.map(|r| r.step), Some(0.5));
        assert!((P.linked)(&s) && (P.note)(&s).is_none() && P.snap && !P.paste);
    }
}
