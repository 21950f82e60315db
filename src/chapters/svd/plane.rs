//! The 2×2 figure: the unit circle carried by Vᵀ (a rotation), Σ (a stretch along the axes) and U
//! (a rotation, or a reflection then a rotation) onto the ellipse with semi-axes σ₁u₁ and σ₂u₂.

use super::SvdPage;
use crate::chapter::figure::{bounds as box_of, plane, rotation, with_background};
use crate::math::det::determinant;
use crate::math::svd::{null_space, Svd};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::Matrix2;

/// A 2×2 SVD as angles: V = R(φ), U = R(ψ)·diag(1, ±1), and the two singular values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PlaneSvd {
    phi: f64,
    psi: f64,
    /// Whether U is a reflection (det U = −1).
    pub(super) reflection: bool,
    /// σ₁ ≥ σ₂.
    pub(super) sigma: (f64, f64),
    v1: World,
    v2: World,
}

impl PlaneSvd {
    /// The angles of a 2×2 SVD (`None` for other shapes).
    pub(super) fn new(s: &Svd) -> Option<PlaneSvd> {
        if s.u.shape() != (2, 2) || s.v.shape() != (2, 2) {
            return None;
        }
        Some(PlaneSvd {
            phi: s.v[(1, 0)].atan2(s.v[(0, 0)]),
            psi: s.u[(1, 0)].atan2(s.u[(0, 0)]),
            reflection: determinant(&s.u).sign() < 0,
            sigma: (s.singular_values[0], s.singular_values[1]),
            v1: World::new(s.v[(0, 0)], s.v[(1, 0)]),
            v2: World::new(s.v[(0, 1)], s.v[(1, 1)]),
        })
    }

    /// The angles of the page's A, when it is 2×2 and has an SVD.
    pub(super) fn of(c: &SvdPage) -> Option<PlaneSvd> {
        plane(&c.a)?;
        c.factors().ok().as_ref().and_then(PlaneSvd::new)
    }

    /// The map applied after `t0`, `t1`, `t2` of the three stages (each in 0..=1): the rotation
    /// angles and the stretches are interpolated, and a reflection scales the second axis through 0.
    pub(super) fn map(&self, t0: f64, t1: f64, t2: f64) -> Matrix2<f64> {
        let v_t = rotation(-self.phi * t0);
        let stretch = Matrix2::new(1.0 + (self.sigma.0 - 1.0) * t1, 0.0, 0.0, 1.0 + (self.sigma.1 - 1.0) * t1);
        let flip = Matrix2::new(1.0, 0.0, 0.0, if self.reflection { 1.0 - 2.0 * t2 } else { 1.0 });
        rotation(self.psi * t2) * flip * stretch * v_t
    }
}

/// The map drawn at the timeline's position (A itself at the end).
pub(super) fn stage_map(c: &SvdPage, p: &PlaneSvd, t: &Timeline) -> Option<Matrix2<f64>> {
    Some(if t.position() >= t.stages() as f64 { plane(&c.a)? } else { p.map(t.progress(0), t.progress(1), t.progress(2)) })
}

/// The plane figure at the timeline's position: the lattice and circle carried by the stage's map,
/// the singular directions vᵢ → σᵢuᵢ, and the columns of A at the end.
pub(super) fn scene(c: &SvdPage, p: &PlaneSvd, timeline: &Timeline) -> Scene {
    let Some(m) = stage_map(c, p, timeline) else { return Scene::default() };
    let pos = timeline.position();
    let done = pos >= timeline.stages() as f64;
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: m, stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.unit_circle(&Matrix2::identity(), Stroke::dotted(Role::Ghost, 1.5), None);
    scene.unit_circle(&m, Stroke::solid(Role::Image, 2.5), Some(Fill { role: Role::Image, alpha: 0.1 }));
    // The singular directions: vᵢ on the circle, carried to σᵢuᵢ on the ellipse.
    for (v, name, end) in [(p.v1, "v₁", "σ₁u₁"), (p.v2, "v₂", "σ₂u₂")] {
        let label = if done {
            end
        } else if pos == 0.0 {
            name
        } else {
            ""
        };
        scene.arrow(m * v, Stroke::dashed(Role::Eigen, 2.5), label);
    }
    if p.reflection && pos > 2.0 && !done {
        // Beside the second axis as it would stand unflipped (mid-flip the axis itself has length 0).
        let beside = rotation(p.psi * timeline.progress(2)) * World::new(0.3, 0.8 * p.sigma.1.max(1.0));
        scene.push(Shape::Label { at: beside, text: "reflect".into(), role: Role::Eigen });
    }
    null_line(&mut scene, c);
    let (a1, a2) = if done {
        ("a₁", "a₂")
    } else if pos == 0.0 {
        ("e₁", "e₂")
    } else {
        ("", "")
    };
    scene.arrow(m.column(0).into_owned(), Stroke::solid(Role::Basis1, 3.0), a1);
    scene.arrow(m.column(1).into_owned(), Stroke::solid(Role::Basis2, 3.0), a2);
    with_background(scene)
}

/// The null space of a singular 2×2 A: the line it sends to 0, or (A = 0) a sentence.
fn null_line(scene: &mut Scene, c: &SvdPage) {
    let Ok(basis) = null_space(&c.a) else { return };
    match basis.ncols() {
        1 => scene.push(Shape::Line {
            through: World::zeros(),
            direction: World::new(basis[(0, 0)], basis[(1, 0)]),
            stroke: Stroke::dotted(Role::Second, 2.5),
            label: Some("null space: A sends this line to 0".into()),
        }),
        2 => scene.push(Shape::Label { at: World::new(0.0, -1.4), text: "A = 0 sends every vector to 0".into(), role: Role::Second }),
        _ => {}
    }
}

/// The box the figure fills: the unit circle, A's columns, and a box of half-width σ₁ (the ellipse
/// and ΣVᵀ's axis-aligned ellipse both fit in it).
pub(super) fn bounds(c: &SvdPage, p: &PlaneSvd) -> (World, World) {
    let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
    if let Some(a) = plane(&c.a) {
        points.push(a.column(0).into_owned());
        points.push(a.column(1).into_owned());
    }
    let r = p.sigma.0;
    points.push(World::new(-r, -r));
    points.push(World::new(r, r));
    box_of(&points)
}
