//! The SVD page's figure: the picture tab's panels, or A's "rotate, stretch, rotate" on the plane
//! (2×2) or in space (3×2, 2×3, 3×3), or why it cannot be drawn.

use super::{in_space, plane, space, SvdPage};
use crate::chapter::{Draw, Figure};
use crate::format::display_shape;
use crate::view::timeline::Timeline;

impl SvdPage {
    /// Why the map tab cannot draw A (too large, or no SVD), if so.
    pub(super) fn figure_note(&self) -> Option<String> {
        if self.a.shape() != (2, 2) && !in_space(&self.a) {
            return Some(format!(
                "The figure draws matrices of up to 3 rows and columns (2×2 on the plane, 3×2, 2×3 and 3×3 in space); now A is {}. The numbers below are still exact.",
                display_shape(&self.a)
            ));
        }
        self.factors().err().map(|e| format!("No figure: {e}."))
    }
}

impl Draw for SvdPage {
    fn figure(&self, timeline: &Timeline) -> Figure {
        if let Some(image) = &self.image {
            return Figure::Plane { scene: image.scene(), bounds: image.content_bounds() };
        }
        if let Some(note) = self.figure_note() {
            return Figure::Note(note);
        }
        if in_space(&self.a) {
            return space::figure(self, timeline)
                .map_or_else(|| Figure::Note("No figure: the SVD has no 3-D picture.".into()), Figure::Space);
        }
        match plane::PlaneSvd::of(self) {
            Some(p) => Figure::Plane { scene: plane::scene(self, &p, timeline), bounds: plane::bounds(self, &p) },
            None => Figure::Note("No figure: the SVD has no plane picture.".into()),
        }
    }
}
