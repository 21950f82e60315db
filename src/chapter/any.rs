//! The generic layer: every [`Chapter`] as a `dyn AnyChapter` the page can hold, with the lookups by
//! name, the shared checks and the URL form written once for all chapters.

use super::choice::Picked;
use super::error::ChapterError;
use super::figure::Figure;
use super::handle::{dragged, Action, HandleId, Handles};
use super::input::{InputKind, InputSpec, Limits, SliderRange};
use super::picture::{PictureFile, PictureJob};
#[cfg(not(target_arch = "wasm32"))]
use super::CodeText;
use super::{Chapter, Code, Describe, Draw, Readouts};
use crate::math::clamp;
use crate::readout::Readout;
use crate::state::matrix::{format_matrix, format_vector, parse_matrix, parse_scalar, parse_vector, MAX_ROWS};
use crate::view::chart::Chart;
use crate::view::timeline::Timeline;
use nalgebra::DMatrix;
use std::any::Any;
use std::borrow::Cow;

/// An input as the page sees it now.
#[derive(Debug, Clone, PartialEq)]
pub struct InputView<'a> {
    /// The URL parameter and readout name, e.g. `A`.
    pub name: &'static str,
    /// Matrix, vector or scalar.
    pub kind: InputKind,
    /// The current value (a vector n×1, a scalar 1×1), borrowed from the state where it can be.
    pub value: Cow<'a, DMatrix<f64>>,
    /// What values it accepts beyond finite entries.
    pub limits: Limits,
    /// The slider beside a scalar's number field, if any.
    pub slider: Option<SliderRange>,
    /// Whether it accepts pasted points.
    pub paste: bool,
    /// Whether it is in the link now.
    pub linked: bool,
    /// A sentence shown instead of its cells, if any.
    pub note: Option<String>,
    /// Whether its editor is shown now.
    pub shown: bool,
}

/// More rows than this and an input's cells are a compact table with row numbers that scrolls (PCA's
/// and the pseudoinverse's points), rather than a wall of fields.
const LONG_ROWS: usize = 8;

impl InputView<'_> {
    /// Whether its cells are edited one by one (never thousands of generated points).
    pub fn editable(&self) -> bool {
        self.note.is_none() && self.value.nrows() <= MAX_ROWS
    }
    /// Whether its cells are a long list, shown as a compact table that scrolls.
    pub fn long(&self) -> bool {
        self.editable() && self.value.nrows() > LONG_ROWS
    }
    /// The value in the URL's text form.
    pub fn to_param(&self) -> String {
        match self.kind {
            InputKind::Matrix => format_matrix(&self.value),
            InputKind::Vector | InputKind::Scalar => format_vector(&self.value),
        }
    }
}

/// A choice as the page sees it now.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceView {
    /// The URL parameter, e.g. `view`.
    pub name: &'static str,
    /// What the control is called on the page.
    pub label: &'static str,
    /// (value, label) pairs; the first is the default.
    pub options: &'static [(&'static str, &'static str)],
    /// The selected value.
    pub current: &'static str,
}

/// Parses a link value of an input of this kind.
pub fn parse_input(kind: InputKind, text: &str) -> Result<DMatrix<f64>, ChapterError> {
    match kind {
        InputKind::Matrix => parse_matrix(text),
        InputKind::Vector => parse_vector(text),
        InputKind::Scalar => parse_scalar(text).map(|x| DMatrix::from_element(1, 1, x)),
    }
    .map_err(|e| ChapterError::Unreadable(e.to_string()))
}

/// A chapter behind a pointer: what the page and the shell call. Implemented for every [`Chapter`].
pub trait AnyChapter {
    /// The explanation's static HTML. Not in the WebAssembly module: the build writes it into each
    /// chapter's static page and `<slug>/prose.html` (`src/prerender.rs`), and the page fetches it.
    #[cfg(not(target_arch = "wasm32"))]
    fn prose(&self) -> &'static str;
    /// The inputs that exist now, in display and URL order.
    fn inputs(&self) -> Vec<InputView<'_>>;
    /// Replaces an input after the shared checks; `Err` (state unchanged) says why not.
    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), ChapterError>;
    /// The choices that exist now, in display and URL order.
    fn choices(&self) -> Vec<ChoiceView>;
    /// Picks an option of a choice; `Err` (state unchanged) for an unknown choice or option.
    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), ChapterError>;
    /// Whether drags of this handle snap to the lattice when snapping is on (its input's declaration;
    /// a chapter's own points snap).
    fn snaps(&self, id: HandleId) -> bool;
    /// Every result the page shows.
    fn readouts(&self) -> Vec<Readout>;
    /// The figure at the timeline's position.
    fn figure(&self, timeline: &Timeline) -> Figure;
    /// Code that reproduces the state, as a recipe of the chapter's snippets ([`Code::text`]).
    fn code(&self) -> Code;
    /// The code that reproduces the state, written with the chapter's compiled-in code book.
    #[cfg(not(target_arch = "wasm32"))]
    fn code_text(&self) -> CodeText;
    /// The chapter's own code snippets (its `code.txt`), compiled in natively only.
    #[cfg(not(target_arch = "wasm32"))]
    fn code_book(&self) -> &'static str;
    /// The figure in one or two sentences.
    fn summary(&self) -> String;
    /// The timeline's stage labels.
    fn stages(&self) -> Vec<&'static str>;
    /// The draggable points.
    fn handles(&self) -> Handles;
    /// Applies a gesture; returns whether anything changed.
    fn act(&mut self, action: Action) -> bool;
    /// The chart under the figure, if any.
    fn chart(&self) -> Option<Chart>;
    /// A copy of the whole state.
    fn clone_box(&self) -> Box<dyn AnyChapter>;
    /// Whether the state takes the reader's own picture.
    fn takes_picture(&self) -> bool;
    /// Starts the computation that shows the reader's picture.
    fn picture_job(&self, file: &PictureFile, grey: bool) -> Result<Box<dyn PictureJob>, String>;
    /// Shows a finished picture job's result.
    fn show_picture(&mut self, done: Box<dyn Any>) -> bool;
    /// The reader's picture shown now, and whether in grey.
    fn own_picture(&self) -> Option<(&PictureFile, bool)>;
}

fn spec<C: Chapter>(name: &str) -> Result<&'static InputSpec<C>, ChapterError> {
    C::INPUTS.iter().find(|s| s.name == name).ok_or_else(|| ChapterError::Unknown { what: "input", name: name.to_string() })
}

impl<C: Chapter> AnyChapter for C {
    #[cfg(not(target_arch = "wasm32"))]
    fn prose(&self) -> &'static str {
        C::PROSE
    }

    fn inputs(&self) -> Vec<InputView<'_>> {
        C::INPUTS
            .iter()
            .filter_map(|spec| {
                let value = match spec.access {
                    super::Access::Matrix { get, .. } | super::Access::Vector { get, .. } => Cow::Borrowed(get(self)?),
                    super::Access::Scalar { get, .. } => Cow::Owned(DMatrix::from_element(1, 1, get(self)?)),
                };
                Some(InputView {
                    name: spec.name,
                    kind: spec.kind(),
                    value,
                    limits: spec.limits,
                    slider: spec.slider.map(|r| match (spec.slider_cap)(self) {
                        Some(cap) => SliderRange { max: clamp(cap, r.min, r.max), ..r },
                        None => r,
                    }),
                    paste: spec.paste,
                    linked: (spec.linked)(self),
                    note: (spec.note)(self),
                    shown: (spec.shown)(self),
                })
            })
            .collect()
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), ChapterError> {
        let spec = spec::<C>(name)?;
        if !spec.exists(self) {
            return Err(ChapterError::Unknown { what: "input", name: name.to_string() });
        }
        spec.set(self, value)
    }

    fn choices(&self) -> Vec<ChoiceView> {
        C::CHOICES
            .iter()
            .filter_map(|c| {
                let Picked { options, current } = (c.get)(self)?;
                Some(ChoiceView { name: c.name, label: c.label, options, current })
            })
            .collect()
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), ChapterError> {
        match C::CHOICES.iter().find(|c| c.name == name && (c.get)(self).is_some()) {
            Some(choice) => (choice.set)(self, value),
            None => Err(ChapterError::Unknown { what: "choice", name: name.to_string() }),
        }
    }

    fn snaps(&self, id: HandleId) -> bool {
        C::INPUTS.iter().find(|s| s.name == id.input).is_none_or(|s| s.snap)
    }

    fn readouts(&self) -> Vec<Readout> {
        Readouts::readouts(self)
    }

    fn figure(&self, timeline: &Timeline) -> Figure {
        Draw::figure(self, timeline)
    }

    fn code(&self) -> Code {
        Describe::code(self)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn code_text(&self) -> CodeText {
        Describe::code_text(self)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn code_book(&self) -> &'static str {
        C::CODE
    }

    fn summary(&self) -> String {
        Describe::summary(self)
    }

    fn stages(&self) -> Vec<&'static str> {
        Chapter::stages(self)
    }

    fn handles(&self) -> Handles {
        Chapter::handles(self)
    }

    fn act(&mut self, action: Action) -> bool {
        Chapter::act(self, action)
    }

    fn chart(&self) -> Option<Chart> {
        Chapter::chart(self)
    }

    fn clone_box(&self) -> Box<dyn AnyChapter> {
        Box::new(self.clone())
    }

    fn takes_picture(&self) -> bool {
        Chapter::takes_picture(self)
    }

    fn picture_job(&self, file: &PictureFile, grey: bool) -> Result<Box<dyn PictureJob>, String> {
        Chapter::picture_job(self, file, grey)
    }

    fn show_picture(&mut self, done: Box<dyn Any>) -> bool {
        Chapter::show_picture(self, done)
    }

    fn own_picture(&self) -> Option<(&PictureFile, bool)> {
        Chapter::own_picture(self)
    }
}

/// The default move: writes the point into the input the handle names (the whole vector, or column
/// `index` of a matrix) through that input's checks; returns whether anything changed. Other
/// gestures change nothing. A chapter's own `act` calls it for the handles it does not treat itself.
pub fn move_input<C: Chapter>(state: &mut C, action: Action) -> bool {
    let (id, to) = match action {
        Action::Move(id, p) => (id, vec![p.x, p.y]),
        Action::MoveInSpace(id, p) => (id, vec![p.x, p.y, p.z]),
        Action::Place(_) | Action::Remove(_) => return false,
    };
    let Ok(spec) = spec::<C>(id.input) else { return false };
    let Some(moved) = spec.value(state).and_then(|m| dragged(&m, id.index, &to)) else { return false };
    spec.set(state, moved).is_ok()
}

/// The chapter's first state: `C::default()` with every declared default applied in order (an input
/// that does not exist yet keeps its blank value). `Err` names a default the chapter refuses.
pub fn initial<C: Chapter>() -> Result<C, String> {
    let mut state = C::default();
    for spec in C::INPUTS {
        if !spec.exists(&state) {
            continue;
        }
        parse_input(spec.kind(), spec.default)
            .and_then(|value| spec.set(&mut state, value))
            .map_err(|why| format!("the default of {} ({}) is refused: {why}", spec.name, spec.default))?;
    }
    Ok(state)
}

/// Builds chapter `C` in its first state, behind a pointer.
pub(super) fn build<C: Chapter>() -> Box<dyn AnyChapter> {
    // The defaults are constants, each checked by a test (`every_declared_default_is_accepted`).
    Box::new(initial::<C>().unwrap_or_else(|why| panic!("{why}")))
}

/// The chapter's state as URL parameters: every linked input, then the choices that differ from the
/// default.
pub fn to_params(chapter: &dyn AnyChapter) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> =
        chapter.inputs().iter().filter(|i| i.linked).map(|i| (i.name.to_string(), i.to_param())).collect();
    for c in chapter.choices() {
        if c.options.first().is_some_and(|(default, _)| *default != c.current) {
            params.push((c.name.to_string(), c.current.to_string()));
        }
    }
    params
}

/// Applies one link parameter to an input that exists now, if `key` names one; `None` otherwise.
fn apply_input(chapter: &mut dyn AnyChapter, key: &str, text: &str) -> Option<Result<(), ChapterError>> {
    let kind = chapter.inputs().iter().find(|i| i.name == key)?.kind;
    Some(parse_input(kind, text).and_then(|m| chapter.set_input(key, m)))
}

/// Applies URL parameters to a chapter, inputs first, then choices, then inputs that only exist once a
/// choice is made. Parameters it does not use are ignored. Returns each problem as a sentence naming
/// the parameter and the reason (the chapter may then be half-applied: see [`from_params`]).
pub fn apply_params(chapter: &mut dyn AnyChapter, params: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut later = Vec::new();
    for (key, text) in params {
        match apply_input(chapter, key, text) {
            Some(Err(why)) => problems.push(format!("Parameter {key}: {why}.")),
            Some(Ok(())) => {}
            None => later.push((key, text)),
        }
    }
    // Choices after inputs, and a second round for choices that only exist once another choice is
    // made (`order` appears with `view=ab`), whatever their order in the link.
    for _ in 0..2 {
        let choices: Vec<&'static str> = chapter.choices().iter().map(|c| c.name).collect();
        later.retain(|(key, text)| {
            if !choices.contains(&key.as_str()) {
                return true;
            }
            if let Err(why) = chapter.set_choice(key, text) {
                problems.push(format!("Parameter {key}: {why}."));
            }
            false
        });
    }
    // Inputs that only exist once a choice is made (`k` appears with the SVD page's `tab=image`).
    for (key, text) in later {
        if let Some(Err(why)) = apply_input(chapter, key, text) {
            problems.push(format!("Parameter {key}: {why}."));
        }
    }
    problems
}

/// Builds a chapter from URL parameters. If any parameter is invalid, the page falls back to the
/// default state (as the contract says) and each problem is returned as a sentence.
pub fn from_params(build: fn() -> Box<dyn AnyChapter>, params: &[(String, String)]) -> (Box<dyn AnyChapter>, Vec<String>) {
    let mut chapter = build();
    let problems = apply_params(chapter.as_mut(), params);
    if !problems.is_empty() {
        chapter = build();
    }
    (chapter, problems)
}
