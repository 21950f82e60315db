//! The twelve chapters: one table, one trait. A chapter is its state plus pure functions over the
//! shared pieces (inputs, handles, readouts, a scene, code); it owns no event loop and no DOM.

pub mod common;
pub mod common3d;
mod determinant;
mod eigendecomposition;
mod inverse;
mod multiplication;
mod norms;
mod pca;
mod pseudoinverse;
mod span;
mod special_matrices;
mod svd_image;
mod svd_page;
mod tensors;
#[cfg(test)]
pub mod testing;
mod trace;

use crate::readout::Readout;
use crate::state::matrix::{format_matrix, format_vector, parse_matrix, parse_scalar, parse_vector};
use crate::view::chart::Chart;
use crate::view::scene::{Role, Scene};
use crate::view::space::{Point3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::DMatrix;

/// A syllabus entry: the book's section, the route slug and, once built, how to make the page.
pub struct ChapterInfo {
    /// The book's section number, e.g. `2.2`.
    pub number: &'static str,
    /// The route slug from the page contract, e.g. `multiplication`.
    pub slug: &'static str,
    /// The section title.
    pub title: &'static str,
    /// One sentence for the syllabus.
    pub blurb: &'static str,
    /// Builds the page in its default state (the seed's example); `None` while not yet available.
    pub build: Option<fn() -> Box<dyn Chapter>>,
}

/// All twelve chapters in book order.
pub const CHAPTERS: [ChapterInfo; 12] = [
    ChapterInfo {
        number: "2.1",
        slug: "tensors",
        title: "Scalars, Vectors, Matrices and Tensors",
        blurb: "Shapes, the transpose, addition and broadcasting.",
        build: Some(tensors::build),
    },
    ChapterInfo {
        number: "2.2",
        slug: "multiplication",
        title: "Multiplying Matrices and Vectors",
        blurb: "A matrix moves the plane: the column picture, the row picture, and why AB ≠ BA.",
        build: Some(multiplication::build),
    },
    ChapterInfo {
        number: "2.3",
        slug: "inverse",
        title: "Identity and Inverse Matrices",
        blurb: "Undoing a transformation, and solving Ax = b.",
        build: Some(inverse::build),
    },
    ChapterInfo {
        number: "2.4",
        slug: "span",
        title: "Linear Dependence and Span",
        blurb: "Which targets a set of vectors can reach.",
        build: Some(span::build),
    },
    ChapterInfo {
        number: "2.5",
        slug: "norms",
        title: "Norms",
        blurb: "Ways to measure the length of a vector.",
        build: Some(norms::build),
    },
    ChapterInfo {
        number: "2.6",
        slug: "special-matrices",
        title: "Special Kinds of Matrices and Vectors",
        blurb: "Diagonal, symmetric and orthogonal matrices.",
        build: Some(special_matrices::build),
    },
    ChapterInfo {
        number: "2.7",
        slug: "eigendecomposition",
        title: "Eigendecomposition",
        blurb: "Directions a matrix only stretches.",
        build: Some(eigendecomposition::build),
    },
    ChapterInfo {
        number: "2.8",
        slug: "svd",
        title: "Singular Value Decomposition",
        blurb: "Every matrix is a rotation, a stretch and a rotation.",
        build: Some(svd_page::build),
    },
    ChapterInfo {
        number: "2.9",
        slug: "pseudoinverse",
        title: "The Moore-Penrose Pseudoinverse",
        blurb: "The best answer when there is no exact one.",
        build: Some(pseudoinverse::build),
    },
    ChapterInfo {
        number: "2.10",
        slug: "trace",
        title: "The Trace Operator",
        blurb: "The sum of the diagonal, and why order cycles.",
        build: Some(trace::build),
    },
    ChapterInfo {
        number: "2.11",
        slug: "determinant",
        title: "The Determinant",
        blurb: "How much a matrix scales area, and whether it flips it.",
        build: Some(determinant::build),
    },
    ChapterInfo {
        number: "2.12",
        slug: "pca",
        title: "Example: Principal Components Analysis",
        blurb: "The directions in which data varies most.",
        build: Some(pca::build),
    },
];

/// The chapter with this slug, if the slug exists.
pub fn find(slug: &str) -> Option<&'static ChapterInfo> {
    CHAPTERS.iter().find(|c| c.slug == slug)
}

/// Whether an input is edited as a grid of rows and columns or as one row of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Rows and columns; URL form `1,2;3,4`.
    Matrix,
    /// A column vector stored as n×1; URL form `1,2`.
    Vector,
    /// One number stored as 1×1; URL form `3`.
    Scalar,
}

/// A piece of chapter state the reader can edit and link: a matrix or a vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The URL parameter and readout name, e.g. `A`.
    pub name: &'static str,
    /// Matrix or vector.
    pub kind: InputKind,
    /// The current value (vectors as n×1).
    pub value: DMatrix<f64>,
}

impl Input {
    /// The value in the URL's text form.
    pub fn to_param(&self) -> String {
        match self.kind {
            InputKind::Matrix => format_matrix(&self.value),
            InputKind::Vector | InputKind::Scalar => format_vector(&self.value),
        }
    }

    /// Parses a URL value of this input's kind.
    pub fn parse(kind: InputKind, text: &str) -> Result<DMatrix<f64>, String> {
        match kind {
            InputKind::Matrix => parse_matrix(text),
            InputKind::Vector => parse_vector(text),
            InputKind::Scalar => parse_scalar(text).map(|x| DMatrix::from_element(1, 1, x)),
        }
        .map_err(|e| e.to_string())
    }
}

/// A choice between a few named options (the figure's view, an order), kept in the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The URL parameter, e.g. `view`.
    pub name: &'static str,
    /// What the control is called on the page.
    pub label: &'static str,
    /// (value, label) pairs; the first is the default.
    pub options: &'static [(&'static str, &'static str)],
    /// The selected value.
    pub current: &'static str,
}

/// The span a scalar input's slider covers. The slider is a shortcut: the number field beside it
/// accepts any value the chapter's `set_input` allows, inside or outside this span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderRange {
    /// The slider's left end.
    pub min: f64,
    /// The slider's right end.
    pub max: f64,
    /// The slider's step (the keyboard's arrow keys move by one step).
    pub step: f64,
}

/// A draggable point of the figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Handle {
    /// The contract's handle name: `v`, `A:0` (A's first column), `P:3`.
    pub name: String,
    /// Where it is, in world units.
    pub at: World,
    /// Its colour.
    pub role: Role,
    /// Its accessible label with the current value, e.g. `v = (2, 6)`.
    pub label: String,
}

/// A draggable point of a 3-D figure: the page projects it with its camera into a [`Handle`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceHandle {
    /// The contract's handle name, as for [`Handle`].
    pub name: String,
    /// Where it is, in space.
    pub at: Point3,
    /// Its colour.
    pub role: Role,
    /// Its accessible label with the current value, e.g. `column 1 of A = (1, 0, 1)`.
    pub label: String,
}

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

/// One interactive chapter page: state and pure functions of it.
pub trait Chapter {
    /// The explanation: trusted, static HTML written by us, with MathML formulas.
    fn explanation(&self) -> &'static str;
    /// The editable inputs, in display and URL order.
    fn inputs(&self) -> Vec<Input>;
    /// Replaces an input; `Err` says why the value does not fit this chapter (state unchanged).
    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String>;
    /// The figure's choices (view, order…), in display and URL order.
    fn choices(&self) -> Vec<Choice>;
    /// Selects an option of a choice; `Err` for an unknown name or value (state unchanged).
    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String>;
    /// Labels of the timeline's stages in the current view (empty: no timeline).
    fn stages(&self) -> Vec<&'static str>;
    /// The draggable points, the most important first.
    fn handles(&self) -> Vec<Handle>;
    /// Moves a handle to a world point; returns whether anything changed.
    fn move_handle(&mut self, name: &str, to: World) -> bool;
    /// Whether drags of this handle snap to the integer lattice when snapping is on (a direction on a
    /// circle, say, should not).
    fn snaps(&self, _handle: &str) -> bool {
        true
    }
    /// The slider shown beside a scalar input's number field, if it has one.
    fn slider(&self, _input: &str) -> Option<SliderRange> {
        None
    }
    /// A click or tap on the empty figure at a world point (a new data point, say); returns whether
    /// anything changed.
    fn place(&mut self, _at: World) -> bool {
        false
    }
    /// Delete or Backspace on a focused handle (removing a data point, say); returns whether anything
    /// changed.
    fn remove_handle(&mut self, _name: &str) -> bool {
        false
    }
    /// Whether an input is in the link now. An input that is derived from others (points generated
    /// from a recipe) or too large for a link is left out; its recipe is linked instead.
    fn linked(&self, _input: &str) -> bool {
        true
    }
    /// A sentence shown instead of an input's cells when they cannot be edited one by one (generated
    /// or very many points); `None`: the editor shows its cells.
    fn editor_note(&self, _input: &str) -> Option<String> {
        None
    }
    /// Whether an input accepts pasted data (points as CSV text, one per line).
    fn accepts_paste(&self, _input: &str) -> bool {
        false
    }
    /// Every result the page shows.
    fn readouts(&self) -> Vec<Readout>;
    /// The figure at the timeline's position.
    fn scene(&self, timeline: &Timeline) -> Scene;
    /// The figure in space when the current state is drawn in 3-D (then `scene`, `handles` and
    /// `content_bounds` are not used); `None` for a plane figure.
    fn space(&self, _timeline: &Timeline) -> Option<Space> {
        None
    }
    /// The draggable points of the 3-D figure, the most important first.
    fn space_handles(&self) -> Vec<SpaceHandle> {
        Vec::new()
    }
    /// Moves a handle of the 3-D figure to a point in space; returns whether anything changed.
    fn move_space_handle(&mut self, _name: &str, _to: Point3) -> bool {
        false
    }
    /// Why the figure cannot draw the current state (say, a 3×3 matrix on the plane), if so.
    fn figure_note(&self) -> Option<String>;
    /// The box the figure's content occupies, to fit the view to it.
    fn content_bounds(&self) -> (World, World);
    /// Code that reproduces the state.
    fn code(&self) -> Code;
    /// One or two plain sentences describing the figure now (for the aria-live region).
    fn summary(&self) -> String;
    /// A chart shown under the figure (singular values, a scree plot) for the current state, if any.
    fn chart(&self) -> Option<Chart> {
        None
    }
}

/// The chapter's state as URL parameters: every input, then the choices that differ from the default.
pub fn to_params(chapter: &dyn Chapter) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> =
        chapter.inputs().iter().filter(|i| chapter.linked(i.name)).map(|i| (i.name.to_string(), i.to_param())).collect();
    for c in chapter.choices() {
        if c.options.first().is_some_and(|(default, _)| *default != c.current) {
            params.push((c.name.to_string(), c.current.to_string()));
        }
    }
    params
}

/// Builds a chapter from URL parameters. Parameters it does not use are ignored. If any parameter is
/// invalid, the page falls back to the default state (as the contract says) and each problem is
/// returned as a sentence naming the parameter and the reason.
pub fn from_params(info: &ChapterInfo, params: &[(String, String)]) -> Option<(Box<dyn Chapter>, Vec<String>)> {
    let build = info.build?;
    let mut chapter = build();
    let kinds: Vec<(&'static str, InputKind)> = chapter.inputs().iter().map(|i| (i.name, i.kind)).collect();
    let mut problems = Vec::new();
    let mut later = Vec::new();
    for (key, text) in params {
        if let Some((name, kind)) = kinds.iter().find(|(n, _)| n == key) {
            if let Err(why) = Input::parse(*kind, text).and_then(|m| chapter.set_input(name, m)) {
                problems.push(format!("Parameter {name}: {why}."));
            }
        } else {
            later.push((key, text));
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
    let kinds: Vec<(&'static str, InputKind)> = chapter.inputs().iter().map(|i| (i.name, i.kind)).collect();
    for (key, text) in later {
        if let Some((name, kind)) = kinds.iter().find(|(n, _)| n == key) {
            if let Err(why) = Input::parse(*kind, text).and_then(|m| chapter.set_input(name, m)) {
                problems.push(format!("Parameter {name}: {why}."));
            }
        }
    }
    if !problems.is_empty() {
        chapter = build();
    }
    Some((chapter, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_the_contract_slugs_in_order() {
        let slugs: Vec<&str> = CHAPTERS.iter().map(|c| c.slug).collect();
        assert_eq!(
            slugs,
            [
                "tensors",
                "multiplication",
                "inverse",
                "span",
                "norms",
                "special-matrices",
                "eigendecomposition",
                "svd",
                "pseudoinverse",
                "trace",
                "determinant",
                "pca"
            ]
        );
        assert!(find("multiplication").is_some_and(|c| c.build.is_some()));
        assert!(find("nope").is_none());
    }

    #[test]
    fn every_built_chapter_round_trips_its_default_state_through_the_url() {
        for info in CHAPTERS.iter().filter(|c| c.build.is_some()) {
            let (chapter, problems) = from_params(info, &[]).unwrap();
            assert!(problems.is_empty());
            let params = to_params(chapter.as_ref());
            let (again, problems) = from_params(info, &params).unwrap();
            assert!(problems.is_empty(), "{}: {problems:?}", info.slug);
            assert_eq!(to_params(again.as_ref()), params, "{}", info.slug);
        }
    }

    #[test]
    fn a_choice_that_depends_on_another_is_kept_in_any_order() {
        let info = find("multiplication").unwrap();
        for params in [[("view", "ab"), ("order", "ba")], [("order", "ba"), ("view", "ab")]] {
            let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let (chapter, problems) = from_params(info, &params).unwrap();
            assert!(problems.is_empty());
            assert!(to_params(chapter.as_ref()).contains(&("order".to_string(), "ba".to_string())));
        }
    }

    #[test]
    fn an_invalid_parameter_names_itself_and_falls_back_to_the_default() {
        let info = find("multiplication").unwrap();
        let default = to_params(from_params(info, &[]).unwrap().0.as_ref());
        for (k, v) in [("v", "NaN"), ("A", "1,2;3"), ("A", "<img src=x onerror=alert(1)>"), ("view", "nope"), ("A", "1e400,1;1,1")] {
            let (chapter, problems) = from_params(info, &[("w".into(), "1,1".into()), (k.into(), v.into())]).unwrap();
            assert_eq!(problems.len(), 1, "{k}={v}");
            assert!(problems[0].starts_with(&format!("Parameter {k}:")), "{}", problems[0]);
            assert_eq!(to_params(chapter.as_ref()), default);
        }
    }
}
