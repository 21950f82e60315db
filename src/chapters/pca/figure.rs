//! PCA's figure: the points on the plane (2 coordinates) or in space (3), in component coordinates
//! (on the plane, or in space when all three are kept), or why there is none.

use super::{pcs, plane, space, Pca, View};
use crate::chapter::{Draw, Figure};
use crate::format::display_number;
use crate::view::timeline::Timeline;

impl Draw for Pca {
    fn figure(&self, timeline: &Timeline) -> Figure {
        if self.view == View::Pcs && self.drawable() {
            pcs::figure(self)
        } else if self.plane() {
            plane::figure(self, timeline)
        } else if self.in_space() {
            Figure::Space(space::figure(self, timeline))
        } else {
            Figure::Note(format!(
                "The figure draws coordinates up to ±10⁶; these points reach {}, so there is no figure and nothing to drag. The numbers below are still exact.",
                display_number(self.analysis.largest)
            ))
        }
    }
}
