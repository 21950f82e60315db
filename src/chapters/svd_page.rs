//! 2.8 The singular value decomposition: A = U·diag(σ)·Vᵀ, drawn as "rotate, stretch, rotate (or
//! reflect)" acting on the unit circle, with σ₁u₁ and σ₂u₂ as the ellipse's semi-axes.

use super::common::{bounds, column_handles, drag_into, plane, with_background};
use super::common3d::{column3, column_role, drag_into3, embed, reach, space_column_handles};
use super::svd_image::{ImageTab, RANK_INPUT};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SliderRange, SpaceHandle};
use crate::format::{display_number, display_shape};
use crate::math::svd::{svd, Svd};
use crate::math::NumericError;
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::view::chart::Chart;
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke, CIRCLE_SAMPLES};
use crate::view::space::{Point3, Shape3, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2, Matrix3, Rotation3, UnitQuaternion};

/// The timeline's stages (the labels stay fixed while the reader drags; when U is a reflection the
/// figure labels the flip "reflect" during the third stage, and the readouts and text say so).
const STAGES: [&str; 3] = ["Vᵀ: rotate", "Σ: stretch", "U: rotate"];

/// The figure's tabs (`tab=image` shows the picture compressed by its SVD, see `svd_image`).
const TABS: &[(&str, &str)] = &[("map", "A as a map"), ("image", "Compress a picture")];

/// The page state: one matrix of any shape, and the image tab when it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SvdPage {
    a: DMatrix<f64>,
    /// `Some` while the image tab is shown; A's readouts stay, the figure is the picture's.
    image: Option<ImageTab>,
}

/// The seed's main example, A = [[3, 7], [5, 2]] (det A = −29).
pub fn build() -> Box<dyn Chapter> {
    Box::new(SvdPage { a: DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]), image: None })
}

/// The SVD of `a` as this page shows it: the shared decomposition, and for a square matrix the sign
/// of the last singular pair chosen so that V is a rotation (det V = +1). Any reflection is then in
/// U, and the figure's first stage is always a pure rotation. Flipping a pair (uₖ, vₖ) together
/// leaves U·diag(σ)·Vᵀ unchanged.
pub fn decompose(a: &DMatrix<f64>) -> Result<Svd, NumericError> {
    let mut s = svd(a)?;
    if a.is_square() && s.v.determinant() < 0.0 {
        let last = s.v.ncols() - 1;
        s.v.column_mut(last).neg_mut();
        s.u.column_mut(last).neg_mut();
    }
    Ok(s)
}

/// The rotation by `theta` radians.
fn rotation(theta: f64) -> Matrix2<f64> {
    let (s, c) = theta.sin_cos();
    Matrix2::new(c, -s, s, c)
}

/// A 2×2 SVD as angles: V = R(φ), U = R(ψ)·diag(1, ±1), and the two singular values.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PlaneSvd {
    phi: f64,
    psi: f64,
    reflection: bool,
    sigma: (f64, f64),
    v1: World,
    v2: World,
}

impl PlaneSvd {
    fn new(s: &Svd) -> Option<PlaneSvd> {
        if s.u.shape() != (2, 2) || s.v.shape() != (2, 2) {
            return None;
        }
        let u_det = s.u[(0, 0)] * s.u[(1, 1)] - s.u[(0, 1)] * s.u[(1, 0)];
        Some(PlaneSvd {
            phi: s.v[(1, 0)].atan2(s.v[(0, 0)]),
            psi: s.u[(1, 0)].atan2(s.u[(0, 0)]),
            reflection: u_det < 0.0,
            sigma: (s.singular_values[0], s.singular_values[1]),
            v1: World::new(s.v[(0, 0)], s.v[(1, 0)]),
            v2: World::new(s.v[(0, 1)], s.v[(1, 1)]),
        })
    }

    /// The map applied after `t0`, `t1`, `t2` of the three stages (each in 0..=1): the rotation
    /// angles and the stretches are interpolated, and a reflection scales the second axis through 0.
    fn map(&self, t0: f64, t1: f64, t2: f64) -> Matrix2<f64> {
        let v_t = rotation(-self.phi * t0);
        let stretch = Matrix2::new(1.0 + (self.sigma.0 - 1.0) * t1, 0.0, 0.0, 1.0 + (self.sigma.1 - 1.0) * t1);
        let flip = Matrix2::new(1.0, 0.0, 0.0, if self.reflection { 1.0 - 2.0 * t2 } else { 1.0 });
        rotation(self.psi * t2) * flip * stretch * v_t
    }
}

fn det_note(name: &str, det: f64) -> String {
    if det < 0.0 {
        format!("det {name} = −1: {name} is a reflection (a mirror, then a rotation), not a rotation")
    } else {
        format!("det {name} = +1: {name} is a rotation")
    }
}

impl SvdPage {
    fn plane_svd(&self) -> Option<PlaneSvd> {
        plane(&self.a)?;
        decompose(&self.a).ok().as_ref().and_then(PlaneSvd::new)
    }

    /// The map drawn at the timeline's position (A itself at the end).
    fn stage_map(&self, t: &Timeline) -> Option<Matrix2<f64>> {
        let p = self.plane_svd()?;
        Some(if t.position() >= t.stages() as f64 { plane(&self.a)? } else { p.map(t.progress(0), t.progress(1), t.progress(2)) })
    }

    /// A scaled by its largest entry, and the factors; used for a relative reconstruction error that
    /// neither overflows (1e200) nor underflows (1e-200).
    fn reconstruction_error(&self, s: &Svd) -> Option<f64> {
        let scale = self.a.amax();
        if scale == 0.0 {
            return Some(0.0);
        }
        let rebuilt = &s.u * DMatrix::from_diagonal(&(&s.singular_values / scale)) * s.v.transpose();
        let unit = &self.a / scale;
        let err = (rebuilt - &unit).norm() / unit.norm();
        err.is_finite().then_some(err)
    }

    fn square_readouts(&self, s: &Svd, out: &mut Vec<Readout>) {
        if !self.a.is_square() {
            let why = format!(
                "A is {}, so the thin U is {} and not square: only a square orthogonal matrix has a determinant of ±1",
                display_shape(&self.a),
                display_shape(&s.u)
            );
            out.push(Readout::missing("det_U", "det U", why.clone()));
            out.push(Readout::missing("det_V", "det V", why.clone()));
            out.push(Readout::missing("U_is_reflection", "U reflects", why));
            return;
        }
        let (det_u, det_v) = (s.u.determinant(), s.v.determinant());
        out.push(number_readout("det_U", "det U", det_u, det_note("U", det_u)));
        out.push(number_readout("det_V", "det V", det_v, "this page picks the signs so that V is a rotation; any reflection goes into U"));
        let flips = det_u < 0.0;
        out.push(Readout::new(
            "U_is_reflection",
            "U reflects",
            Value::Bool(flips),
            if flips {
                "det A < 0: A flips orientation, so one factor must be a mirror; the seed calls U a rotation, but here it is a reflection"
            } else {
                "det A ≥ 0: U and V are both rotations"
            },
        ));
    }
}

impl Chapter for SvdPage {
    fn explanation(&self) -> &'static str {
        include_str!("svd_page.html")
    }

    fn inputs(&self) -> Vec<Input> {
        let mut inputs = vec![Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() }];
        inputs.extend(self.image.as_ref().map(ImageTab::input));
        inputs
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if let (RANK_INPUT, Some(image)) = (name, self.image.as_mut()) {
            return image.set_rank(&value);
        }
        if name != "A" {
            return Err(format!("this page has no input called {name}"));
        }
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        self.a = value;
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        let current = if self.image.is_some() { "image" } else { "map" };
        vec![Choice { name: "tab", label: "Figure", options: TABS, current }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        match (name, value) {
            ("tab", "map") => self.image = None,
            ("tab", "image") if self.image.is_none() => self.image = Some(ImageTab::new()?),
            ("tab", "image") => {}
            ("tab", _) => return Err(format!("unknown tab {value}; use map or image")),
            _ => return Err(format!("this page has no choice called {name}")),
        }
        Ok(())
    }

    fn slider(&self, input: &str) -> Option<SliderRange> {
        self.image.as_ref().filter(|_| input == RANK_INPUT).map(ImageTab::slider)
    }

    fn chart(&self) -> Option<Chart> {
        self.image.as_ref().map(ImageTab::chart)
    }

    fn stages(&self) -> Vec<&'static str> {
        if self.image.is_some() {
            Vec::new()
        } else if plane(&self.a).is_some() || self.a.shape() == (3, 3) {
            STAGES.to_vec()
        } else {
            Vec::new()
        }
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() || self.image.is_some() {
            return Vec::new();
        }
        column_handles(&self.a, "A")
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        self.image.is_none() && drag_into(&mut self.a, "A", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = Vec::new();
        match decompose(&self.a) {
            Ok(s) => {
                let k = s.singular_values.len();
                let values = DMatrix::from_column_slice(k, 1, s.singular_values.as_slice());
                out.push(vector_readout(
                    "singular_values",
                    "σ",
                    &values,
                    format!("{k} singular values, largest first; the semi-axes of the image of the unit sphere"),
                ));
                out.push(matrix_readout(
                    "U",
                    "U",
                    &s.u,
                    format!("{}: left singular vectors u₁…u{} as orthonormal columns (thin SVD)", display_shape(&s.u), subscript(k)),
                ));
                out.push(matrix_readout(
                    "V",
                    "V",
                    &s.v,
                    format!("{}: right singular vectors as columns; numpy returns Vᵀ instead", display_shape(&s.v)),
                ));
                let d = DMatrix::from_fn(self.a.nrows(), self.a.ncols(), |r, c| if r == c { s.singular_values[r] } else { 0.0 });
                out.push(matrix_readout(
                    "D",
                    "D",
                    &d,
                    format!("{}: the book's D, with A's shape and σ on the diagonal", display_shape(&d)),
                ));
                let rank = s.rank();
                out.push(Readout::new(
                    "rank",
                    "rank",
                    Value::Number(rank as f64),
                    format!("singular values above σ₁·max(m, n)·ε = {}", display_number(s.rank_tolerance())),
                ));
                out.push(match s.condition_number() {
                    Some(c) => number_readout(
                        "condition_number",
                        "cond A",
                        c,
                        if rank < k {
                            "σ₁/σₖ; numerically singular: σₖ is rounding noise".to_string()
                        } else {
                            format!("σ₁/σ{}: how much A can amplify relative errors", subscript(k))
                        },
                    ),
                    None => Readout::missing("condition_number", "cond A", "infinite: the smallest singular value is exactly 0"),
                });
                self.square_readouts(&s, &mut out);
                out.push(match self.reconstruction_error(&s) {
                    Some(e) => number_readout(
                        "reconstruction_error",
                        "‖A − UΣVᵀ‖/‖A‖",
                        e,
                        "relative (Frobenius) error of multiplying the factors back",
                    ),
                    None => Readout::missing("reconstruction_error", "‖A − UΣVᵀ‖/‖A‖", "could not be computed"),
                });
            }
            Err(e) => {
                let why = e.to_string();
                for (name, label) in [
                    ("singular_values", "σ"),
                    ("U", "U"),
                    ("V", "V"),
                    ("D", "D"),
                    ("rank", "rank"),
                    ("condition_number", "cond A"),
                    ("det_U", "det U"),
                    ("det_V", "det V"),
                    ("U_is_reflection", "U reflects"),
                    ("reconstruction_error", "‖A − UΣVᵀ‖/‖A‖"),
                ] {
                    out.push(Readout::missing(name, label, why.clone()));
                }
            }
        }
        out.push(Readout::new("A", "A", Value::matrix(&self.a), display_shape(&self.a)));
        out.extend(self.image.iter().flat_map(ImageTab::readouts));
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        if let Some(image) = &self.image {
            return image.scene();
        }
        let (Some(p), Some(m)) = (self.plane_svd(), self.stage_map(timeline)) else { return Scene::default() };
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

    fn space(&self, timeline: &Timeline) -> Option<Space> {
        self.image.is_none().then(|| self.space_figure(timeline)).flatten()
    }

    fn space_handles(&self) -> Vec<SpaceHandle> {
        if !in_space(&self.a) || self.image.is_some() || decompose(&self.a).is_err() {
            return Vec::new();
        }
        // A 2×3 A's columns live in the flattened plane: they are typed, not dragged.
        space_column_handles(&self.a, "A")
    }

    fn move_space_handle(&mut self, name: &str, to: Point3) -> bool {
        drag_into3(&mut self.a, "A", name, to)
    }

    fn figure_note(&self) -> Option<String> {
        if self.image.is_some() {
            return None;
        }
        if plane(&self.a).is_none() && !in_space(&self.a) {
            return Some(format!(
                "The figure draws matrices of up to 3 rows and columns (2×2 on the plane, 3×2, 2×3 and 3×3 in space); now A is {}. The numbers below are still exact.",
                display_shape(&self.a)
            ));
        }
        match decompose(&self.a) {
            Err(e) => Some(format!("No figure: {e}.")),
            Ok(_) => None,
        }
    }

    fn content_bounds(&self) -> (World, World) {
        if let Some(image) = &self.image {
            return image.content_bounds();
        }
        let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
        if let Some(a) = plane(&self.a) {
            points.push(a.column(0).into_owned());
            points.push(a.column(1).into_owned());
            if let Some(p) = self.plane_svd() {
                // The ellipse and ΣVᵀ's axis-aligned ellipse both fit in a box of half-width σ₁.
                let r = p.sigma.0;
                points.push(World::new(-r, -r));
                points.push(World::new(r, r));
            }
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        if let Some(image) = &self.image {
            return image.code();
        }
        let mut code = Code::declare(&self.inputs());
        code.line(
            "U, s, Vt = np.linalg.svd(A, full_matrices=False)  # s descending; numpy returns Vᵀ\nV = Vt.T",
            "U, s, Vh = torch.linalg.svd(A, full_matrices=False)  # Vh is Vᵀ\nV = Vh.T",
            "let svd = a.clone().try_svd(true, true, f64::EPSILON, 1000).expect(\"converged\");\nlet (u, s) = (svd.u.clone().unwrap(), svd.singular_values.clone()); // s descending\nlet v = svd.v_t.clone().unwrap().transpose();",
        );
        code.line(
            "np.allclose(U @ np.diag(s) @ V.T, A)  # True",
            "torch.allclose(U @ torch.diag(s) @ V.T, A)",
            "assert!((&u * DMatrix::from_diagonal(&s) * v.transpose() - &a).norm() < 1e-9 * a.norm());",
        );
        code.line(
            "np.linalg.matrix_rank(A), np.linalg.cond(A)",
            "torch.linalg.matrix_rank(A), torch.linalg.cond(A)",
            "let rank = svd.rank(s[0] * a.nrows().max(a.ncols()) as f64 * f64::EPSILON);",
        );
        if self.a.is_square() {
            code.line(
                "np.linalg.det(U), np.linalg.det(V)  # ±1; signs may differ from this page's",
                "torch.linalg.det(U), torch.linalg.det(V)",
                "let (det_u, det_v) = (u.determinant(), v.determinant());",
            );
        }
        code
    }

    fn summary(&self) -> String {
        if let Some(image) = &self.image {
            return image.summary();
        }
        let Ok(s) = decompose(&self.a) else { return "The SVD of this matrix could not be computed.".into() };
        let sigma: Vec<String> = s.singular_values.iter().map(|x| display_number(*x)).collect();
        let Some(p) = PlaneSvd::new(&s) else {
            return format!("A is {} with singular values {}; its rank is {}.", display_shape(&self.a), sigma.join(", "), s.rank());
        };
        let shape = if p.sigma.1 == 0.0 || s.rank() < 2 { "a line segment" } else { "an ellipse" };
        let flip =
            if p.reflection { "det A < 0, so U is a reflection (det U = −1), not a rotation." } else { "U and V are both rotations." };
        format!("σ₁ = {}, σ₂ = {}: A turns the unit circle into {shape} with semi-axes σ₁u₁ and σ₂u₂. {flip}", sigma[0], sigma[1])
    }
}

/// Whether the figure draws `a` in space: 3×2 (the plane into space), 2×3 (space onto the plane)
/// or 3×3.
fn in_space(a: &DMatrix<f64>) -> bool {
    matches!(a.shape(), (3, 2) | (2, 3) | (3, 3))
}

/// The part `t` (0..=1) of the rotation `r` (a rotation matrix up to rounding), turning about its
/// axis; a half turn goes one way round, as a quaternion path does.
fn partial_rotation(r: &Matrix3<f64>, t: f64) -> Matrix3<f64> {
    let q = UnitQuaternion::from_rotation_matrix(&Rotation3::from_matrix_unchecked(*r));
    UnitQuaternion::identity().try_slerp(&q, t, 1e-12).unwrap_or(q).to_rotation_matrix().into_inner()
}

/// A 3×3 SVD as the timeline plays it: Vᵀ turns, Σ stretches, U turns (and, when det U = −1,
/// flattens the third axis through 0 to mirror it).
#[derive(Debug, Clone, PartialEq)]
struct SpaceSvd {
    v_t: Matrix3<f64>,
    u_rotation: Matrix3<f64>,
    reflection: bool,
    sigma: Point3,
}

impl SpaceSvd {
    fn new(s: &Svd) -> Option<SpaceSvd> {
        if s.u.shape() != (3, 3) || s.v.shape() != (3, 3) {
            return None;
        }
        let u = Matrix3::from_fn(|r, c| s.u[(r, c)]);
        let v = Matrix3::from_fn(|r, c| s.v[(r, c)]);
        let reflection = u.determinant() < 0.0;
        let mirror = Matrix3::from_diagonal(&Point3::new(1.0, 1.0, if reflection { -1.0 } else { 1.0 }));
        Some(SpaceSvd {
            v_t: v.transpose(),
            u_rotation: u * mirror,
            reflection,
            sigma: Point3::new(s.singular_values[0], s.singular_values[1], s.singular_values[2]),
        })
    }

    /// The map after `t0`, `t1`, `t2` of the three stages (each 0..=1).
    fn map(&self, t0: f64, t1: f64, t2: f64) -> Matrix3<f64> {
        let stretch = Matrix3::from_diagonal(&self.sigma.map(|s| 1.0 + (s - 1.0) * t1));
        let flip = Matrix3::from_diagonal(&Point3::new(1.0, 1.0, if self.reflection { 1.0 - 2.0 * t2 } else { 1.0 }));
        partial_rotation(&self.u_rotation, t2) * flip * stretch * partial_rotation(&self.v_t, t0)
    }
}

impl SvdPage {
    /// The 3-D figure for a 3×2, 2×3 or 3×3 A: the unit circle or sphere, its image (an ellipse or
    /// ellipsoid) with the semi-axes σᵢuᵢ, and A's columns; `None` for other shapes or a failed SVD.
    fn space_figure(&self, timeline: &Timeline) -> Option<Space> {
        if !in_space(&self.a) {
            return None;
        }
        let s = decompose(&self.a).ok()?;
        let a = embed(&self.a)?;
        let k = s.singular_values.len();
        let lift = |m: &DMatrix<f64>, c: usize| Point3::from_fn(|r, _| if r < m.nrows() { m[(r, c)] } else { 0.0 });
        let sigma_u: Vec<Point3> = (0..k).map(|i| lift(&s.u, i) * s.singular_values[i]).collect();
        let mut space = Space::default();
        let mut points: Vec<Point3> = sigma_u.clone();
        points.extend((0..3).map(|c| a.column(c).into_owned()));
        let pos = timeline.position();
        let done = pos >= timeline.stages() as f64;
        match self.a.shape() {
            (3, 3) => {
                let p = SpaceSvd::new(&s)?;
                let m = if done { a } else { p.map(timeline.progress(0), timeline.progress(1), timeline.progress(2)) };
                space.unit_sphere();
                space.ellipsoid(&m, Role::Image);
                for i in 0..3 {
                    let label = if done {
                        format!("σ{}u{}", subscript(i + 1), subscript(i + 1))
                    } else if pos == 0.0 {
                        format!("v{}", subscript(i + 1))
                    } else {
                        String::new()
                    };
                    space.arrow(m * lift(&s.v, i), Stroke::dashed(Role::Eigen, 2.5), label);
                }
                if p.reflection && pos > 2.0 && !done {
                    space.label(m * lift(&s.v, 2) + Point3::new(0.0, 0.0, 0.4), "reflect", Role::Eigen);
                }
                for c in 0..3 {
                    let label = if done {
                        format!("a{}", subscript(c + 1))
                    } else if pos == 0.0 {
                        format!("e{}", subscript(c + 1))
                    } else {
                        String::new()
                    };
                    space.arrow(m.column(c).into_owned(), Stroke::solid(column_role(c), 3.0), label);
                }
            }
            (3, 2) => {
                // The input plane is z = 0: its unit circle, carried into the column space.
                let circle = |map: &Matrix3<f64>| -> Vec<Point3> {
                    (0..CIRCLE_SAMPLES)
                        .map(|i| i as f64 * std::f64::consts::TAU / CIRCLE_SAMPLES as f64)
                        .map(|t| map * Point3::new(t.cos(), t.sin(), 0.0))
                        .collect()
                };
                space.push(Shape3::Polygon {
                    points: circle(&Matrix3::identity()),
                    fill: None,
                    stroke: Some(Stroke::dotted(Role::Ghost, 1.5)),
                });
                let (c0, c1) = (column3(&self.a, 0)?, column3(&self.a, 1)?);
                space.plane_patch(&c0, &c1, reach(&points), Role::Basis1);
                space.push(Shape3::Polygon {
                    points: circle(&a),
                    fill: Some(Fill { role: Role::Image, alpha: 0.12 }),
                    stroke: Some(Stroke::solid(Role::Image, 2.5)),
                });
                for (i, su) in sigma_u.iter().enumerate() {
                    space.arrow(*su, Stroke::dashed(Role::Eigen, 2.5), format!("σ{}u{}", subscript(i + 1), subscript(i + 1)));
                }
                space.arrow(c0, Stroke::solid(Role::Basis1, 3.0), "a₁");
                space.arrow(c1, Stroke::solid(Role::Basis2, 3.0), "a₂");
            }
            _ => {
                // 2×3: space is flattened onto the plane z = 0; v₃ ⟂ v₁, v₂ is sent to 0.
                space.unit_sphere();
                space.ellipsoid(&a, Role::Image);
                for (i, su) in sigma_u.iter().enumerate() {
                    space.arrow(*su, Stroke::dashed(Role::Eigen, 2.5), format!("σ{}u{}", subscript(i + 1), subscript(i + 1)));
                }
                let null = lift(&s.v, 0).cross(&lift(&s.v, 1));
                space.push(Shape3::Line { direction: null, reach: reach(&points), stroke: Stroke::dotted(Role::Eigen, 2.0), label: None });
                space.arrow(null, Stroke::solid(Role::Eigen, 2.0), "v₃: Av₃ = 0");
                for c in 0..3 {
                    space.arrow(a.column(c).into_owned(), Stroke::solid(column_role(c), 3.0), format!("a{}", subscript(c + 1)));
                }
            }
        }
        space.axes_and_ground(reach(&points));
        Some(space)
    }
}

/// `k` as a subscript (for k up to 9).
fn subscript(k: usize) -> String {
    k.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{number, readout};
    use crate::chapters::{find, from_params};
    use proptest::prelude::*;

    fn page(a: &str) -> Box<dyn Chapter> {
        let (chapter, problems) = from_params(find("svd").unwrap(), &[("A".into(), a.into())]).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        chapter
    }

    fn matrix(chapter: &dyn Chapter, name: &str) -> DMatrix<f64> {
        match readout(chapter, name).value {
            Value::Matrix(rows) => DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]),
            other => panic!("{name} = {other:?}"),
        }
    }

    fn sigma(chapter: &dyn Chapter) -> Vec<f64> {
        match readout(chapter, "singular_values").value {
            Value::Vector(v) => v,
            other => panic!("σ = {other:?}"),
        }
    }

    fn rebuilt(chapter: &dyn Chapter) -> DMatrix<f64> {
        let s = sigma(chapter);
        matrix(chapter, "U") * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(s)) * matrix(chapter, "V").transpose()
    }

    fn close(a: &Matrix2<f64>, b: &Matrix2<f64>, tol: f64) -> bool {
        (a - b).amax() <= tol * b.amax().max(1.0)
    }

    #[test]
    fn the_default_is_the_seeds_example_and_u_is_the_reflection() {
        let c = build();
        let s = sigma(c.as_ref());
        // The seed prints σ = [8.7134, 3.3282]; σ₁σ₂ = |det A| = 29, σ₁² + σ₂² = ‖A‖²_F = 87.
        assert!((s[0] - 8.7134).abs() < 1e-4 && (s[1] - 3.3282).abs() < 1e-4, "{s:?}");
        assert!((s[0] * s[1] - 29.0).abs() < 1e-12);
        assert!((number(c.as_ref(), "det_U") + 1.0).abs() < 1e-12);
        assert!((number(c.as_ref(), "det_V") - 1.0).abs() < 1e-12);
        assert_eq!(readout(c.as_ref(), "U_is_reflection").value, Value::Bool(true));
        assert_eq!(number(c.as_ref(), "rank"), 2.0);
        assert!((number(c.as_ref(), "condition_number") - s[0] / s[1]).abs() < 1e-12);
        assert!(number(c.as_ref(), "reconstruction_error") < 1e-15);
        let a = DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]);
        assert!((rebuilt(c.as_ref()) - &a).amax() < 1e-12);
        // Up to sign, the seed's U = [[−0.8507, −0.5257], [−0.5257, 0.8507]].
        let u = matrix(c.as_ref(), "U");
        assert!((u[(0, 0)].abs() - 0.8507).abs() < 1e-4 && (u[(1, 1)].abs() - 0.8507).abs() < 1e-4);
        assert_eq!(matrix(c.as_ref(), "D"), DMatrix::from_row_slice(2, 2, &[s[0], 0.0, 0.0, s[1]]));
        assert!(c.summary().contains("reflection"), "{}", c.summary());
    }

    #[test]
    fn a_rotation_only_case_and_the_seeds_non_square_example() {
        let c = page("2,0;0,3");
        assert_eq!(sigma(c.as_ref()), vec![3.0, 2.0]);
        assert_eq!(readout(c.as_ref(), "U_is_reflection").value, Value::Bool(false));
        assert!(number(c.as_ref(), "det_U") > 0.0);
        let c = page("7,2;3,4;5,3");
        let s = sigma(c.as_ref());
        assert!((s[0] - 10.2514).abs() < 1e-4 && (s[1] - 2.6284).abs() < 1e-4);
        assert_eq!(matrix(c.as_ref(), "U").shape(), (3, 2));
        assert_eq!(matrix(c.as_ref(), "D").shape(), (3, 2));
        let a = DMatrix::from_row_slice(3, 2, &[7.0, 2.0, 3.0, 4.0, 5.0, 3.0]);
        assert!((rebuilt(c.as_ref()) - a).amax() < 1e-12);
        let det = readout(c.as_ref(), "det_U");
        assert_eq!(det.value, Value::Null);
        assert!(det.note.contains("not square"), "{}", det.note);
        // Drawn in space, with no timeline (the stages need square factors) and no plane handles.
        assert!(c.figure_note().is_none());
        assert!(c.handles().is_empty());
        assert!(c.stages().is_empty());
        assert_eq!(c.space_handles().len(), 2);
        let wide = page("1,2,3;4,5,6");
        assert_eq!(matrix(wide.as_ref(), "V").shape(), (3, 2));
    }

    #[test]
    fn singular_zero_and_extreme_scales() {
        let c = page("1,2;2,4");
        assert_eq!(number(c.as_ref(), "rank"), 1.0);
        let cond = readout(c.as_ref(), "condition_number");
        // σ₂ is exactly 0 or rounding noise: null with a reason, or a value flagged as singular.
        assert!(cond.value == Value::Null || cond.note.contains("singular"), "{cond:?}");
        assert!(c.summary().contains("line segment"), "{}", c.summary());
        let z = page("0,0;0,0");
        assert_eq!(sigma(z.as_ref()), vec![0.0, 0.0]);
        assert_eq!(readout(z.as_ref(), "condition_number").value, Value::Null);
        assert_eq!(number(z.as_ref(), "reconstruction_error"), 0.0);
        for (text, scale) in [("3e200,7e200;5e200,2e200", 1e200), ("3e-200,7e-200;5e-200,2e-200", 1e-200)] {
            let c = page(text);
            let s = sigma(c.as_ref());
            assert!((s[0] / scale - 8.7133796929).abs() < 1e-9, "{s:?}");
            assert!(number(c.as_ref(), "reconstruction_error") < 1e-14);
            assert!((number(c.as_ref(), "condition_number") - 8.7133796929 / 3.3282).abs() < 1e-3);
        }
        let huge = page("1.7e308,1.7e308;1.7e308,1.7e308");
        let s = readout(huge.as_ref(), "singular_values");
        assert_eq!(s.value, Value::Null);
        assert!(s.note.contains("overflow"), "{}", s.note);
        assert!(huge.figure_note().is_some());
        assert!(huge.handles().is_empty());
    }

    #[test]
    fn the_timeline_rotates_stretches_then_rotates_or_reflects() {
        let c = SvdPage { a: DMatrix::from_row_slice(2, 2, &[3.0, 7.0, 5.0, 2.0]), image: None };
        let s = decompose(&c.a).unwrap();
        let v_t = Matrix2::new(s.v[(0, 0)], s.v[(1, 0)], s.v[(0, 1)], s.v[(1, 1)]);
        let sigma = Matrix2::new(s.singular_values[0], 0.0, 0.0, s.singular_values[1]);
        let mut t = Timeline::new(3);
        let mut at = |pos: f64| {
            t.scrub(pos);
            c.stage_map(&t).unwrap()
        };
        assert!(close(&at(0.0), &Matrix2::identity(), 1e-15));
        assert!(close(&at(1.0), &v_t, 1e-12));
        assert!(close(&at(2.0), &(sigma * v_t), 1e-12));
        assert_eq!(at(3.0), plane(&c.a).unwrap());
        // Halfway through the U stage of a reflection, the second axis is flattened to 0.
        let mid = at(2.5) * (v_t.transpose() * World::new(0.0, 1.0));
        assert!(mid.norm() < 1e-12, "{mid}");
        // Halfway through Vᵀ the map is still a rotation (angles are interpolated, not entries).
        let half = at(0.5);
        assert!(close(&(half.transpose() * half), &Matrix2::identity(), 1e-12));
        t.scrub(2.5);
        let scene = c.scene(&t);
        assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "reflect")));
        t.scrub(3.0);
        let labels: Vec<String> = c
            .scene(&t)
            .shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Arrow { stroke, label: Some(l), to, .. } if stroke.role == Role::Eigen => {
                    Some(format!("{l}@{:.4},{:.4}", to.x, to.y))
                }
                _ => None,
            })
            .collect();
        let u1 = World::new(s.u[(0, 0)], s.u[(1, 0)]) * s.singular_values[0];
        assert_eq!(labels[0], format!("σ₁u₁@{:.4},{:.4}", u1.x, u1.y));
    }

    fn arrows(space: &Space) -> Vec<(String, Point3)> {
        space
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape3::Arrow { label: Some(l), to, .. } => Some((l.clone(), *to)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_3x2_matrix_carries_the_circle_onto_an_ellipse_in_its_column_plane() {
        let mut c = page("1,0;0,1;1,1");
        let space = c.space(&Timeline::new(0)).unwrap();
        let normal = Point3::new(1.0, 1.0, -1.0);
        let ellipse = space.shapes.iter().find_map(|s| match s {
            Shape3::Polygon { points, stroke: Some(st), .. } if st.role == Role::Image => Some(points.clone()),
            _ => None,
        });
        let ellipse = ellipse.unwrap();
        assert!(ellipse.iter().all(|p| p.dot(&normal).abs() < 1e-12));
        let found = arrows(&space);
        let s1 = found.iter().find(|(l, _)| l == "σ₁u₁").unwrap().1;
        // σ₁ = √3 for this A, and σ₁u₁ lies in the column plane.
        assert!((s1.norm() - 3f64.sqrt()).abs() < 1e-12 && s1.dot(&normal).abs() < 1e-12);
        let hs = c.space_handles();
        assert_eq!((hs[0].name.as_str(), hs[0].at), ("A:0", Point3::new(1.0, 0.0, 1.0)));
        assert!(c.move_space_handle("A:0", Point3::new(2.0, 0.0, 0.0)));
        assert_eq!(matrix(c.as_ref(), "A"), DMatrix::from_row_slice(3, 2, &[2.0, 0.0, 0.0, 1.0, 0.0, 1.0]));
        assert!(!c.move_space_handle("A:2", Point3::zeros()));
    }

    #[test]
    fn a_2x3_matrix_flattens_space_and_sends_v3_to_zero() {
        let c = SvdPage { a: DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), image: None };
        let space = c.space(&Timeline::new(0)).unwrap();
        let v3 = arrows(&space).into_iter().find(|(l, _)| l.starts_with("v₃")).unwrap().1;
        let a = embed(&c.a).unwrap();
        assert!((a * v3).norm() < 1e-12 && (v3.norm() - 1.0).abs() < 1e-12);
        assert!(c.space_handles().is_empty(), "columns in the flattened plane are typed, not dragged");
        assert!(c.figure_note().is_none());
        assert!(page("1,2,3,4;5,6,7,8").figure_note().is_some());
        assert!(page("1,2,3,4;5,6,7,8").space(&Timeline::new(0)).is_none());
    }

    #[test]
    fn a_3x3_matrix_plays_rotate_stretch_rotate_in_space() {
        // det A < 0: U carries the mirror.
        let c = SvdPage { a: DMatrix::from_row_slice(3, 3, &[2.0, 1.0, 0.0, 1.0, -3.0, 1.0, 0.0, 1.0, 1.0]), image: None };
        assert_eq!(c.stages().len(), 3);
        let s = decompose(&c.a).unwrap();
        let p = SpaceSvd::new(&s).unwrap();
        assert!(p.reflection);
        let a = embed(&c.a).unwrap();
        let close3 = |x: &Matrix3<f64>, y: &Matrix3<f64>| (x - y).amax() < 1e-12;
        let v_t = Matrix3::from_fn(|r, col| s.v[(col, r)]);
        assert!(close3(&p.map(0.0, 0.0, 0.0), &Matrix3::identity()));
        assert!(close3(&p.map(1.0, 0.0, 0.0), &v_t));
        assert!(close3(&p.map(1.0, 1.0, 1.0), &a));
        let half = p.map(0.5, 0.0, 0.0);
        assert!(close3(&(half.transpose() * half), &Matrix3::identity()), "a partial turn is still a rotation");
        let mut t = Timeline::new(3);
        t.scrub(2.5);
        let space = c.space(&t).unwrap();
        assert!(space.shapes.iter().any(|s| matches!(s, Shape3::Label { text, .. } if text == "reflect")));
        t.scrub(3.0);
        let found = arrows(&c.space(&t).unwrap());
        for i in 0..3 {
            let su = found.iter().find(|(l, _)| *l == format!("σ{}u{}", subscript(i + 1), subscript(i + 1))).unwrap().1;
            let want = Point3::from_fn(|r, _| s.u[(r, i)]) * s.singular_values[i];
            assert!((su - want).norm() < 1e-12);
        }
        // A half turn (V a rotation by π) still interpolates.
        let flip = DMatrix::from_row_slice(3, 3, &[-1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0]);
        let p = SpaceSvd::new(&decompose(&flip).unwrap()).unwrap();
        let m = p.map(0.5, 0.0, 0.0);
        assert!(m.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn dragging_a_column_changes_the_decomposition() {
        let mut c = build();
        assert_eq!(c.handles()[0].name, "A:0");
        let before = sigma(c.as_ref());
        assert!(c.move_handle("A:0", World::new(-3.0, 5.0)));
        assert_eq!(matrix(c.as_ref(), "A"), DMatrix::from_row_slice(2, 2, &[-3.0, 7.0, 5.0, 2.0]));
        assert_ne!(sigma(c.as_ref()), before);
        // det A = −6 − 35 = −41 < 0: still a reflection.
        assert_eq!(readout(c.as_ref(), "U_is_reflection").value, Value::Bool(true));
        assert!(c.move_handle("A:1", World::new(-7.0, 2.0)));
        assert_eq!(readout(c.as_ref(), "U_is_reflection").value, Value::Bool(false));
        assert!(!c.move_handle("v", World::new(1.0, 1.0)));
        assert!(c.set_input("A", DMatrix::from_element(1, 1, f64::NAN)).is_err());
        assert!(c.set_input("B", DMatrix::zeros(2, 2)).is_err());
    }

    #[test]
    fn code_mentions_the_transposed_v() {
        let code = build().code();
        assert!(code.numpy.contains("np.linalg.svd(A, full_matrices=False)"));
        assert!(code.numpy.contains("V = Vt.T"));
        assert!(code.nalgebra.contains("try_svd(true, true"));
        assert!(!page("1,2;3,4;5,6").code().numpy.contains("det(U)"));
    }

    fn all_finite(v: &Value) -> bool {
        match v {
            Value::Null | Value::Bool(_) => true,
            Value::Number(x) => x.is_finite(),
            Value::Complex { re, im } => re.is_finite() && im.is_finite(),
            Value::Vector(v) => v.iter().all(|x| x.is_finite()),
            Value::Matrix(m) => m.iter().flatten().all(|x| x.is_finite()),
            Value::List(items) => items.iter().all(all_finite),
        }
    }

    proptest! {
        #[test]
        fn readouts_are_finite_or_null_at_any_size_and_scale(rows in 1usize..=6, cols in 1usize..=6, exp in -300i32..300,
                                                             entries in proptest::collection::vec(-9.0f64..9.0, 36)) {
            let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
            let c = SvdPage { a, image: None };
            for r in c.readouts() {
                prop_assert!(all_finite(&r.value), "{} = {:?}", r.name, r.value);
                prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
            }
            let _ = (c.scene(&Timeline::new(3)), c.summary(), c.code(), c.handles(), c.content_bounds());
        }

        #[test]
        fn factors_rebuild_a_and_the_timeline_ends_on_a(entries in proptest::collection::vec(-10.0f64..10.0, 4)) {
            let c = SvdPage { a: DMatrix::from_row_slice(2, 2, &entries), image: None };
            let s = decompose(&c.a).unwrap();
            // The shared SVD guarantees a relative residual of 1e-10; nalgebra's 2×2 path reaches
            // ~2e-12 on some inputs (e.g. [[0.1207, 9.8416], [−1.8531, 0.6391]]), so test that bound.
            let back = &s.u * DMatrix::from_diagonal(&s.singular_values) * s.v.transpose();
            prop_assert!((back - &c.a).amax() <= 1e-10 * c.a.amax().max(1.0));
            prop_assert!(s.v.determinant() > 0.0);
            if s.rank() == 2 {
                prop_assert_eq!(s.u.determinant() < 0.0, c.a.determinant() < 0.0);
            }
            let p = PlaneSvd::new(&s).unwrap();
            let a = plane(&c.a).unwrap();
            prop_assert!(close(&p.map(1.0, 1.0, 1.0), &a, 1e-10));
            let mut t = Timeline::new(3);
            t.scrub(2.999_999);
            prop_assert!(close(&c.stage_map(&t).unwrap(), &a, 1e-6));
        }

        #[test]
        fn any_shape_reconstructs(rows in 1usize..=6, cols in 1usize..=6, entries in proptest::collection::vec(-5.0f64..5.0, 36)) {
            let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c]);
            let c = SvdPage { a: a.clone(), image: None };
            prop_assert!(number(&c, "reconstruction_error") < 1e-10);
            let s = sigma(&c);
            prop_assert!(s.windows(2).all(|w| w[0] >= w[1]));
            prop_assert!((rebuilt(&c) - a).amax() < 1e-10);
        }
    }
}
