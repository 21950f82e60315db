//! 2.8 The singular value decomposition: A = U·diag(σ)·Vᵀ, drawn as "rotate, stretch, rotate (or
//! reflect)" acting on the unit circle (2×2) or sphere (3×3, and the 3×2 and 2×3 maps between the
//! plane and space), with σᵢuᵢ as the image's semi-axes. The `tab=image` tab compresses a picture
//! by keeping its k largest singular values (see [`image`]).
//!
//! The factors come from `math::svd::svd_rotating_v`: for a square A the signs make V a rotation, so
//! any reflection is in U and the figure's first stage is always a pure rotation.

mod figure;
mod image;
mod plane;
mod readouts;
mod space;
#[cfg(test)]
mod tests;
mod text;

use crate::chapter::handle::{column_handles, dragged, space_column_handles};
use crate::chapter::picture::{PictureFile, PictureJob};
use crate::chapter::{Action, Chapter, ChapterError, ChoiceSpec, Handles, InputSpec, Options};
use crate::math::det::determinant;
use crate::math::svd::{svd_rotating_v, Svd};
use crate::math::NumericError;
use crate::view::chart::Chart;
use image::{ImageTab, OwnJob};
use nalgebra::DMatrix;
use std::any::Any;

/// The timeline's stages, each named from its factor's determinant: an orthogonal factor with
/// det +1 turns, one with det −1 mirrors (and turns). This page picks V's signs so that V is a
/// rotation, so only U can reflect; the labels still read the determinants.
fn stage_names(s: &Svd) -> Vec<&'static str> {
    let reflects = |q: &DMatrix<f64>| determinant(q).sign() < 0;
    vec![
        if reflects(&s.v) { "Vᵀ: reflect and rotate" } else { "Vᵀ: rotate" },
        "Σ: stretch",
        if reflects(&s.u) { "U: reflect and rotate" } else { "U: rotate" },
    ]
}

crate::options! {
    /// The figure's tabs: A as a map, or a picture compressed by its SVD.
    pub enum Tab { Map = ("map", "A as a map"), Image = ("image", "Compress a picture") }
}

/// The page state: one matrix of any shape, and the picture tab while it is shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SvdPage {
    a: DMatrix<f64>,
    /// `Some` while the picture tab is shown; A's readouts stay, the figure is the picture's.
    image: Option<ImageTab>,
}

fn set_a(s: &mut SvdPage, a: DMatrix<f64>) -> Result<(), ChapterError> {
    s.a = a;
    Ok(())
}

fn tab(s: &SvdPage) -> Tab {
    if s.image.is_some() {
        Tab::Image
    } else {
        Tab::Map
    }
}

fn set_tab(s: &mut SvdPage, value: &str) -> Result<(), ChapterError> {
    match Tab::parse(value)? {
        Tab::Map => s.image = None,
        Tab::Image if s.image.is_none() => s.image = Some(ImageTab::new()?),
        Tab::Image => {}
    }
    Ok(())
}

/// Whether the figure draws `a` in space: 3×2 (the plane into space), 2×3 (space onto the plane)
/// or 3×3.
fn in_space(a: &DMatrix<f64>) -> bool {
    matches!(a.shape(), (3, 2) | (2, 3) | (3, 3))
}

impl SvdPage {
    /// A's factors as this page shows them (V a rotation for a square A).
    fn factors(&self) -> Result<Svd, NumericError> {
        svd_rotating_v(&self.a)
    }
}

impl Chapter for SvdPage {
    // The notebook's main example, A = [[3, 7], [5, 2]] (det A = −29); k exists only in the picture
    // tab, and A's editor only in the map tab (A stays in the link and the readouts).
    const INPUTS: &'static [InputSpec<Self>] =
        &[InputSpec::matrix("A", "3,7;5,2", |s| Some(&s.a), set_a).shown_when(|s| s.image.is_none()), image::RANK];
    const CHOICES: &'static [ChoiceSpec<Self>] =
        &[ChoiceSpec { name: "tab", label: "Figure", get: |s| Some(tab(s).picked()), set: set_tab }];
    const PROSE: &'static str = include_str!("prose.html");
    fn stages(&self) -> Vec<&'static str> {
        if self.image.is_none() && matches!(self.a.shape(), (2, 2) | (3, 3)) {
            // Three stages whatever A is (the names follow the state; the count only the shape).
            self.factors().map_or_else(|_| vec!["Vᵀ: rotate", "Σ: stretch", "U: rotate"], |s| stage_names(&s))
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Handles {
        if self.image.is_some() || self.figure_note().is_some() {
            return Handles::default();
        }
        if in_space(&self.a) {
            // A 2×3 A's columns live in the flattened plane: they are typed, not dragged.
            return Handles::Space(space_column_handles(&self.a, "A"));
        }
        Handles::Plane(column_handles(&self.a, "A"))
    }

    /// A drag writes a column of A; nothing in the picture tab can be dragged.
    fn act(&mut self, action: Action) -> bool {
        let (id, to) = match action {
            Action::Move(id, p) => (id, vec![p.x, p.y]),
            Action::MoveInSpace(id, p) => (id, vec![p.x, p.y, p.z]),
            Action::Place(_) | Action::Remove(_) => return false,
        };
        let moved = if self.image.is_none() && id.input == "A" { dragged(&self.a, id.index, &to) } else { None };
        moved.is_some_and(|a| set_a(self, a).is_ok())
    }

    fn chart(&self) -> Option<Chart> {
        self.image.as_ref().map(ImageTab::chart)
    }

    fn takes_picture(&self) -> bool {
        self.image.is_some()
    }

    fn picture_job(&self, file: &PictureFile, grey: bool) -> Result<Box<dyn PictureJob>, String> {
        Ok(Box::new(OwnJob::new(file, grey)?))
    }

    /// The reader's picture replaces the one shown, at the same k if it has that many triples.
    fn show_picture(&mut self, done: Box<dyn Any>) -> bool {
        let (Some(image), Ok(job)) = (self.image.as_mut(), done.downcast::<OwnJob>()) else { return false };
        image.show(job)
    }

    fn own_picture(&self) -> Option<(&PictureFile, bool)> {
        self.image.as_ref().and_then(ImageTab::own)
    }
}
