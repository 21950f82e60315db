//! What a chapter is: the vocabulary every chapter folder under `src/chapters/` is written in.
//!
//! A chapter is its state (a plain struct) plus declarations and pure functions of it: the inputs
//! ([`InputSpec`]) and choices ([`ChoiceSpec`]) it declares once, and the [`Chapter`] trait's few
//! methods for readouts, figure, code and summary. The generic layer ([`AnyChapter`]) does every
//! lookup by name, every shared check and the URL form, so a chapter never writes them.

mod any;
mod choice;
mod code;
mod error;
pub mod figure;
pub mod handle;
mod input;
pub mod null_space;
pub mod picture;
#[cfg(test)]
pub mod testing;

pub use any::{apply_params, from_params, initial, move_input, parse_input, to_params, AnyChapter, ChoiceView, InputView};
pub use choice::{pick, ChoiceSpec, Options, Picked};
#[cfg(not(target_arch = "wasm32"))]
pub use code::book_text;
pub use code::{list_literal, matrix_literal, rust_name, Code, CodeBook, CodeText};
pub use error::ChapterError;
pub use figure::Figure;
pub use handle::{Action, Handle, HandleId, HandleLabel, Handles};
pub use input::{Access, InputKind, InputSpec, Limits, SliderRange};

use crate::readout::Readout;
use crate::view::chart::Chart;
use crate::view::timeline::Timeline;
use picture::{PictureFile, PictureJob};
use std::any::Any;

/// What a chapter's readout table shows: implemented in the chapter's `readouts.rs`.
pub trait Readouts {
    /// Every result the page shows.
    fn readouts(&self) -> Vec<Readout>;
}

/// What a chapter's figure draws: implemented in the chapter's `figure.rs`.
pub trait Draw {
    /// The figure at the timeline's position.
    fn figure(&self, timeline: &Timeline) -> Figure;
}

/// What a chapter says in words: implemented in the chapter's `text.rs`.
pub trait Describe {
    /// The chapter's own code snippets (`code.txt` in its folder), compiled in natively only.
    #[cfg(not(target_arch = "wasm32"))]
    const CODE: &'static str;
    /// Code that reproduces the state, as a recipe of the chapter's snippets.
    fn code(&self) -> Code;
    /// The code that reproduces the state, written with the chapter's compiled-in code book.
    #[cfg(not(target_arch = "wasm32"))]
    fn code_text(&self) -> CodeText {
        self.code().text(&CodeBook::of_chapter(Self::CODE))
    }
    /// One or two plain sentences describing the figure now (for the aria-live region).
    fn summary(&self) -> String;
}

/// One interactive chapter page: a state with declared inputs and choices, and pure functions of it
/// (its readouts, figure and words, each implemented in the file that owns them). `Default` is a
/// blank state to which the declared defaults are applied in order.
pub trait Chapter: Readouts + Draw + Describe + Default + Clone + 'static {
    /// The editable inputs, in display and URL order.
    const INPUTS: &'static [InputSpec<Self>];
    /// The figure's choices (view, order…), in display and URL order.
    const CHOICES: &'static [ChoiceSpec<Self>] = &[];
    /// The explanation: trusted, static HTML written by us, with MathML formulas.
    const PROSE: &'static str;

    /// Labels of the timeline's stages in the current view (empty: no timeline).
    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }
    /// The draggable points, the most important first (and whether the state is drawn in space).
    fn handles(&self) -> Handles {
        Handles::default()
    }
    /// Applies a gesture; returns whether anything changed. By default a move writes the point into
    /// the input the handle names (see [`move_input`]).
    fn act(&mut self, action: Action) -> bool {
        move_input(self, action)
    }
    /// A chart shown under the figure (singular values, a scree plot) for the current state, if any.
    fn chart(&self) -> Option<Chart> {
        None
    }
    /// Whether the current state takes the reader's own picture (the shell offers a file picker).
    fn takes_picture(&self) -> bool {
        false
    }
    /// Starts the computation that shows `file` (in grey when `grey`), to be run in slices; `Err`
    /// says why the picture cannot be used. Only called while [`Chapter::takes_picture`].
    fn picture_job(&self, _file: &PictureFile, _grey: bool) -> Result<Box<dyn PictureJob>, String> {
        Err("This page takes no pictures.".into())
    }
    /// Shows the result of a finished job this chapter started; false (state unchanged) if the state
    /// no longer takes pictures.
    fn show_picture(&mut self, _done: Box<dyn Any>) -> bool {
        false
    }
    /// The reader's picture shown now, and whether it is shown in grey.
    fn own_picture(&self) -> Option<(&PictureFile, bool)> {
        None
    }
}

/// A syllabus entry: the book's section, the route slug, and how to make the page.
pub struct ChapterInfo {
    /// The book's section number, e.g. `2.2`.
    pub number: &'static str,
    /// The route slug from the page contract, e.g. `multiplication`.
    pub slug: &'static str,
    /// The section title.
    pub title: &'static str,
    /// One sentence for the syllabus.
    pub blurb: &'static str,
    /// Builds the page in its default state (the notebooks' example).
    pub build: fn() -> Box<dyn AnyChapter>,
}

impl ChapterInfo {
    /// The entry of chapter `C`.
    pub const fn of<C: Chapter>(number: &'static str, slug: &'static str, title: &'static str, blurb: &'static str) -> ChapterInfo {
        ChapterInfo { number, slug, title, blurb, build: any::build::<C> }
    }
}
