//! 2.5 Norms: L⁰, L¹, L², L^∞ and Lᵖ of a vector, the Frobenius norm of a matrix, drawn as the balls
//! of each norm through x; and the triangle inequality with a second vector w.

use super::common::{bounds, pick_option, point, vector_handle, with_background};
use super::{Chapter, Choice, Code, Handle, Input, InputKind, SliderRange};
use crate::format::{display_number, display_shape, display_tuple};
use crate::readout::{number_readout, Readout, Value};
use crate::view::scene::{Fill, Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::DMatrix;

/// The figure's views.
const VIEWS: &[(&str, &str)] = &[("balls", "balls through v"), ("triangle", "triangle inequality")];

/// Points sampled on each ball's outline.
const BALL_SAMPLES: usize = 192;

/// The page state.
#[derive(Debug, Clone, PartialEq)]
pub struct Norms {
    v: DMatrix<f64>,
    p: f64,
    a: DMatrix<f64>,
    w: DMatrix<f64>,
    view: &'static str,
}

/// The seed's examples: v = (3, 4) (‖v‖₂ = 5), A = [[1, 2], [6, 4], [3, 2]] (‖A‖_F = √70), and w = (1, 6),
/// the seed's first vector of the triangle inequality; p = 3 sits between L² and L^∞.
pub fn build() -> Box<dyn Chapter> {
    Box::new(Norms {
        v: DMatrix::from_column_slice(2, 1, &[3.0, 4.0]),
        p: 3.0,
        a: DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 6.0, 4.0, 3.0, 2.0]),
        w: DMatrix::from_column_slice(2, 1, &[1.0, 6.0]),
        view: VIEWS[0].0,
    })
}

/// The number of non-zero entries.
pub fn l0(v: &[f64]) -> f64 {
    v.iter().filter(|x| **x != 0.0).count() as f64
}

/// Σ|xᵢ| (may overflow to ∞, which the readout reports).
pub fn l1(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |s, x| s + x.abs())
}

/// max |xᵢ|.
pub fn linf(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m: f64, x| m.max(x.abs()))
}

/// (Σ|xᵢ|ᵖ)^(1/p) for p > 0, computed as m·(Σ(|xᵢ|/m)ᵖ)^(1/p) with m = max|xᵢ|: every ratio is at
/// most 1, so no power overflows, and a huge p tends to m (the L^∞ norm) instead of ∞/∞.
pub fn lp(v: &[f64], p: f64) -> f64 {
    let m = linf(v);
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    if p == 1.0 {
        return l1(v);
    }
    let sum: f64 = v.iter().map(|x| (x.abs() / m).powf(p)).sum();
    m * sum.powf(1.0 / p)
}

/// √(Σ xᵢ²), scaled so that entries near 1e±200 neither overflow nor underflow.
pub fn l2(v: &[f64]) -> f64 {
    lp(v, 2.0)
}

/// The outline of the Lᵖ ball of radius r: |x|ᵖ + |y|ᵖ = rᵖ, as a polygon.
fn ball(p: f64, r: f64) -> Vec<World> {
    (0..BALL_SAMPLES)
        .map(|i| {
            let t = i as f64 * std::f64::consts::TAU / BALL_SAMPLES as f64;
            let (s, c) = t.sin_cos();
            let e = 2.0 / p;
            World::new(r * c.signum() * c.abs().powf(e), r * s.signum() * s.abs().powf(e))
        })
        .collect()
}

/// The L^∞ ball (a square) and the L¹ ball (a diamond) of radius r, exactly.
fn square(r: f64) -> Vec<World> {
    vec![World::new(r, r), World::new(-r, r), World::new(-r, -r), World::new(r, -r)]
}

fn diamond(r: f64) -> Vec<World> {
    vec![World::new(r, 0.0), World::new(0.0, r), World::new(-r, 0.0), World::new(0.0, -r)]
}

impl Norms {
    fn entries(m: &DMatrix<f64>) -> Vec<f64> {
        m.iter().copied().collect()
    }

    fn p_note(&self) -> String {
        if self.p < 1.0 {
            format!("p = {} < 1: this is not a norm (the triangle inequality fails), only a measure", display_number(self.p))
        } else {
            format!("(Σ|vᵢ|^{p})^(1/{p})", p = display_number(self.p))
        }
    }

    fn scene_balls(&self, scene: &mut Scene) -> Option<()> {
        let v = point(&self.v)?;
        let e = Self::entries(&self.v);
        let (r1, r2, ri, rp) = (l1(&e), l2(&e), linf(&e), lp(&e, self.p));
        // The unit balls, faint.
        scene.push(Shape::Polygon { points: diamond(1.0), fill: None, stroke: Some(Stroke::dotted(Role::Ghost, 1.0)) });
        scene.unit_circle(&nalgebra::Matrix2::identity(), Stroke::dashed(Role::Ghost, 1.0), None);
        scene.push(Shape::Polygon { points: square(1.0), fill: None, stroke: Some(Stroke::solid(Role::Ghost, 1.0)) });
        if ri > 0.0 && [r1, r2, ri, rp].iter().all(|r| r.is_finite()) {
            // The Lᵖ ball through v, then the three classic balls through v, each crossing the
            // axes at that norm.
            scene.push(Shape::Polygon {
                points: ball(self.p, rp),
                fill: Some(Fill { role: Role::Image, alpha: 0.12 }),
                stroke: Some(Stroke::solid(Role::Image, 2.5)),
            });
            scene.push(Shape::Polygon { points: diamond(r1), fill: None, stroke: Some(Stroke::dotted(Role::Basis1, 2.0)) });
            scene.unit_circle(&(nalgebra::Matrix2::identity() * r2), Stroke::dashed(Role::Basis2, 2.0), None);
            scene.push(Shape::Polygon { points: square(ri), fill: None, stroke: Some(Stroke::solid(Role::Second, 1.5)) });
            scene.push(Shape::Label { at: World::new(0.0, -r1), text: format!("‖v‖₁ = {}", display_number(r1)), role: Role::Basis1 });
            scene.push(Shape::Label {
                at: World::new(-r2, 0.07 * r1), text: format!("‖v‖₂ = {}", display_number(r2)), role: Role::Basis2
            });
            scene.push(Shape::Label { at: World::new(-ri, ri), text: format!("‖v‖∞ = {}", display_number(ri)), role: Role::Second });
            // Just inside the Lᵖ ball's lowest point, clear of the axis and the other labels.
            scene.push(Shape::Label {
                at: World::new(0.0, -rp + 0.08 * r1),
                text: format!("‖v‖{} = {}", sub_p(self.p), display_number(rp)),
                role: Role::Image,
            });
        }
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
        Some(())
    }

    fn scene_triangle(&self, scene: &mut Scene) -> Option<()> {
        let (v, w) = (point(&self.v)?, point(&self.w)?);
        scene.push(Shape::Lattice { map: nalgebra::Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        // w again, placed at v's tip: the detour v then w (labelled once, on the arrow from the origin).
        scene.arrow_from(v, v + w, Stroke::dashed(Role::Second, 2.0), "");
        scene.arrow(w, Stroke::solid(Role::Second, 3.0), format!("w: {}", display_number(w.norm())));
        scene.arrow(v + w, Stroke::solid(Role::Image, 3.5), format!("v + w: {}", display_number((v + w).norm())));
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), format!("v: {}", display_number(v.norm())));
        Some(())
    }

    fn same_length(&self) -> bool {
        self.v.len() == self.w.len()
    }
}

/// The subscript of p for a label: `₃` for 3, `ₚ` when p is not a whole number from 1 to 9.
fn sub_p(p: f64) -> String {
    if p.fract() == 0.0 && (1.0..10.0).contains(&p) {
        char::from_u32(0x2080 + p as u32).map(String::from).unwrap_or_default()
    } else {
        "ₚ".into()
    }
}

impl Chapter for Norms {
    fn explanation(&self) -> &'static str {
        include_str!("norms.html")
    }

    fn slider(&self, input: &str) -> Option<SliderRange> {
        // Below 1 the ball is not convex (not a norm); the field takes larger p, up to ∞ in effect.
        (input == "p").then_some(SliderRange { min: 0.25, max: 10.0, step: 0.05 })
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "v", kind: InputKind::Vector, value: self.v.clone() },
            Input { name: "p", kind: InputKind::Scalar, value: DMatrix::from_element(1, 1, self.p) },
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "w", kind: InputKind::Vector, value: self.w.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        let vector = value.ncols() == 1;
        match name {
            "v" if vector => self.v = value,
            "w" if vector => self.w = value,
            "v" | "w" => return Err("a vector is one row of entries separated by commas".into()),
            "p" if value.len() == 1 && value[0] > 0.0 => self.p = value[0],
            "p" => return Err("p is one number greater than 0 (p ≥ 1 for a true norm)".into()),
            "A" => self.a = value,
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }]
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name != "view" {
            return Err(format!("this page has no choice called {name}"));
        }
        let known = pick_option(VIEWS, value)?;
        self.view = known;
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() {
            return Vec::new();
        }
        let mut out: Vec<Handle> = vector_handle(&self.v, "v", Role::Input).into_iter().collect();
        if self.view == "triangle" {
            out.extend(vector_handle(&self.w, "w", Role::Second));
        }
        out
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        if !(to.x.is_finite() && to.y.is_finite()) {
            return false;
        }
        let target = match name {
            "v" => &mut self.v,
            "w" if self.view == "triangle" => &mut self.w,
            _ => return false,
        };
        if target.len() != 2 || (target[0] == to.x && target[1] == to.y) {
            return false;
        }
        target[0] = to.x;
        target[1] = to.y;
        true
    }

    fn readouts(&self) -> Vec<Readout> {
        let e = Self::entries(&self.v);
        let n0 = l0(&e);
        let mut out = vec![
            Readout::new(
                "l0",
                "L⁰ (non-zeros)",
                Value::Number(n0),
                format!("{} of {} entries are not 0; not a true norm (‖2v‖₀ = ‖v‖₀)", n0, e.len()),
            ),
            number_readout("l1", "‖v‖₁", l1(&e), "Σ|vᵢ|: the taxicab distance"),
            number_readout("l2", "‖v‖₂", l2(&e), "√(Σ vᵢ²): the straight-line length"),
            number_readout(
                "l2_squared",
                "‖v‖₂² = vᵀv",
                self.v.dot(&self.v),
                if self.v.dot(&self.v) == 0.0 && l2(&e) > 0.0 {
                    "the squares are too small for a 64-bit float and round to 0 (underflow)"
                } else {
                    "cheaper, no square root; grows slowly near 0"
                },
            ),
            number_readout("linf", "‖v‖∞", linf(&e), "max |vᵢ|: the largest entry in size"),
            number_readout("lp", "‖v‖ₚ", lp(&e, self.p), self.p_note()),
            number_readout(
                "frobenius",
                "‖A‖_F",
                l2(&Self::entries(&self.a)),
                format!("√(Σ Aᵢⱼ²) over all {} entries of the {} matrix", self.a.len(), display_shape(&self.a)),
            ),
        ];
        if self.same_length() {
            let s = &self.v + &self.w;
            let (lhs, a, b) = (l2(&Self::entries(&s)), l2(&e), l2(&Self::entries(&self.w)));
            out.push(number_readout("sum_norm", "‖v + w‖₂", lhs, "the direct way"));
            out.push(number_readout("norm_sum", "‖v‖₂ + ‖w‖₂", a + b, "the detour: never shorter"));
            out.push(Readout::new(
                "triangle",
                "‖v + w‖ ≤ ‖v‖ + ‖w‖",
                Value::Bool(lhs <= (a + b) * (1.0 + 1e-15)),
                if (a + b - lhs).abs() <= 1e-12 * (a + b) {
                    "equal: v and w point the same way"
                } else {
                    "strictly shorter: v and w are not parallel"
                },
            ));
            out.push(if a > 0.0 && b > 0.0 {
                let cos = (self.v.dot(&self.w) / a / b).clamp(-1.0, 1.0);
                number_readout("angle", "angle(v, w) in degrees", cos.acos().to_degrees(), "from vᵀw = ‖v‖₂‖w‖₂ cos θ")
            } else {
                Readout::missing("angle", "angle(v, w) in degrees", "not defined: one of the vectors is 0")
            });
        } else {
            let why = format!("not defined: v has {} entries and w has {}", self.v.len(), self.w.len());
            for (name, label) in [
                ("sum_norm", "‖v + w‖₂"),
                ("norm_sum", "‖v‖₂ + ‖w‖₂"),
                ("triangle", "‖v + w‖ ≤ ‖v‖ + ‖w‖"),
                ("angle", "angle(v, w) in degrees"),
            ] {
                out.push(Readout::missing(name, label, why.clone()));
            }
        }
        for input in self.inputs() {
            let value = if input.kind == InputKind::Vector { Value::vector(&input.value) } else { Value::matrix(&input.value) };
            let note = if input.name == "p" { "the exponent of ‖v‖ₚ".to_string() } else { display_shape(&input.value) };
            out.push(Readout::new(input.name, input.name, value, note));
        }
        out
    }

    fn scene(&self, _timeline: &Timeline) -> Scene {
        let mut scene = Scene::default();
        let drawn = if self.view == "triangle" { self.scene_triangle(&mut scene) } else { self.scene_balls(&mut scene) };
        match drawn {
            Some(()) => with_background(scene),
            None => Scene::default(),
        }
    }

    fn figure_note(&self) -> Option<String> {
        let need = point(&self.v).is_none() || (self.view == "triangle" && point(&self.w).is_none());
        need.then(|| {
            format!(
                "The plane draws vectors with 2 entries; now v has {} entries and w has {}. The numbers below are still exact.",
                self.v.len(),
                self.w.len()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::new(-1.0, -1.0), World::new(1.0, 1.0)];
        if let Some(v) = point(&self.v) {
            points.push(v);
            if self.view == "triangle" {
                if let Some(w) = point(&self.w) {
                    points.extend([w, v + w]);
                }
            } else {
                let r = l1(&[v.x, v.y]);
                if r.is_finite() {
                    points.extend([World::new(r, r), World::new(-r, -r)]);
                }
            }
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        code.line("np.count_nonzero(v)  # L0", "torch.count_nonzero(v)  # L0", "let l0 = v.iter().filter(|x| **x != 0.0).count();");
        code.line("np.linalg.norm(v, 1)", "torch.linalg.vector_norm(v, 1)", "let l1 = v.lp_norm(1);");
        code.line("np.linalg.norm(v)  # L2, the default", "torch.linalg.vector_norm(v)  # L2, the default", "let l2 = v.norm();");
        code.line("v @ v  # squared L2", "v @ v  # squared L2", "let l2_squared = v.dot(&v);");
        code.line("np.linalg.norm(v, np.inf)", "torch.linalg.vector_norm(v, float('inf'))", "let linf = v.amax();");
        code.line(
            "np.linalg.norm(v, p)",
            "torch.linalg.vector_norm(v, p)",
            "let lp = v.iter().map(|x| x.abs().powf(p)).sum::<f64>().powf(1.0 / p);",
        );
        code.line(
            "np.linalg.norm(A)  # Frobenius for a matrix",
            "torch.linalg.matrix_norm(A)  # Frobenius by default",
            "let frobenius = a.norm();",
        );
        if self.same_length() {
            code.line(
                "np.linalg.norm(v + w) <= np.linalg.norm(v) + np.linalg.norm(w)",
                "torch.linalg.vector_norm(v + w) <= torch.linalg.vector_norm(v) + torch.linalg.vector_norm(w)",
                "let triangle = (&v + &w).norm() <= v.norm() + w.norm();",
            );
        }
        code
    }

    fn summary(&self) -> String {
        let e = Self::entries(&self.v);
        if self.view == "triangle" {
            if !self.same_length() {
                return "v and w have different lengths, so v + w is not defined.".into();
            }
            let s = &self.v + &self.w;
            format!(
                "‖v + w‖₂ = {} is at most ‖v‖₂ + ‖w‖₂ = {}: the straight path is never longer than the detour.",
                display_number(l2(&Self::entries(&s))),
                display_number(l2(&e) + l2(&Self::entries(&self.w)))
            )
        } else {
            format!(
                "v = {}: ‖v‖₁ = {}, ‖v‖₂ = {}, ‖v‖∞ = {}, and with p = {}, ‖v‖ₚ = {}. Each ball passes through v.",
                display_tuple(&e),
                display_number(l1(&e)),
                display_number(l2(&e)),
                display_number(linf(&e)),
                display_number(self.p),
                display_number(lp(&e, self.p))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{number, open, readout};
    use crate::chapters::{find, from_params};
    use proptest::prelude::*;

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("norms", params)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn the_default_is_the_seeds_examples() {
        let c = build();
        assert_eq!(number(c.as_ref(), "l2"), 5.0);
        assert_eq!(number(c.as_ref(), "l1"), 7.0);
        assert_eq!(number(c.as_ref(), "linf"), 4.0);
        assert_eq!(number(c.as_ref(), "l0"), 2.0);
        assert_eq!(number(c.as_ref(), "l2_squared"), 25.0);
        assert!(close(number(c.as_ref(), "lp"), 91f64.powf(1.0 / 3.0)));
        assert!(close(number(c.as_ref(), "frobenius"), 70f64.sqrt()));
        assert_eq!(c.handles()[0].name, "v");
    }

    #[test]
    fn the_seeds_other_numbers() {
        let c = page(&[("v", "2,5,3,3")]);
        assert_eq!(number(c.as_ref(), "l2_squared"), 47.0);
        assert!(c.figure_note().is_some() && c.handles().is_empty());
        // The triangle inequality with u = (1, 6) and v = (4, 2): √89 ≤ √37 + √20.
        let c = page(&[("v", "4,2"), ("w", "1,6"), ("view", "triangle")]);
        assert!(close(number(c.as_ref(), "sum_norm"), 89f64.sqrt()));
        assert!(close(number(c.as_ref(), "norm_sum"), 37f64.sqrt() + 20f64.sqrt()));
        assert_eq!(readout(c.as_ref(), "triangle").value, Value::Bool(true));
        assert_eq!(c.handles().len(), 2);
        // x = (0, 2), y = (2, 2): 45°.
        let c = page(&[("v", "0,2"), ("w", "2,2")]);
        assert!(close(number(c.as_ref(), "angle"), 45.0));
        assert_eq!(number(c.as_ref(), "l0"), 1.0);
    }

    #[test]
    fn oracle_case_and_p_between_0_and_1() {
        let c = page(&[("v", "3,5"), ("p", "1.5"), ("A", "-5,1;3,-4")]);
        assert!(close(number(c.as_ref(), "lp"), 6.448824979843635));
        let c = page(&[("v", "3,5"), ("p", "0.5")]);
        assert!(close(number(c.as_ref(), "lp"), (3f64.sqrt() + 5f64.sqrt()).powi(2)));
        assert!(readout(c.as_ref(), "lp").note.contains("not a norm"));
        for bad in ["0", "-1"] {
            let (_, problems) = from_params(find("norms").unwrap(), &[("p".into(), bad.into())]).unwrap();
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(problems[0].starts_with("Parameter p: p is one number greater than 0"), "{}", problems[0]);
        }
        let (_, problems) = from_params(find("norms").unwrap(), &[("p".into(), "1,2".into())]).unwrap();
        assert_eq!(problems, ["Parameter p: a single number is expected, not a list."]);
    }

    #[test]
    fn huge_p_tends_to_the_max_norm_without_overflow() {
        let c = page(&[("v", "3,-4,1e300"), ("p", "1e6")]);
        assert_eq!(number(c.as_ref(), "lp"), 1e300);
        assert_eq!(number(c.as_ref(), "linf"), 1e300);
        let c = page(&[("v", "3,-4"), ("p", "1e300")]);
        assert_eq!(number(c.as_ref(), "lp"), 4.0);
        // Two equal maxima: 2^(1/p)·m → m as p grows.
        assert!(close(lp(&[5.0, -5.0], 1000.0), 5.0 * 2f64.powf(0.001)));
    }

    #[test]
    fn huge_tiny_and_zero_vectors() {
        let c = page(&[("v", "3e200,4e200"), ("A", "1e200,1e200;1e200,1e200")]);
        assert!(close(number(c.as_ref(), "l2"), 5e200));
        assert!(close(number(c.as_ref(), "frobenius"), 2e200));
        assert_eq!(readout(c.as_ref(), "l2_squared").value, Value::Null);
        assert!(readout(c.as_ref(), "l2_squared").note.contains("overflow"));
        let c = page(&[("v", "1e308,1e308")]);
        assert_eq!(readout(c.as_ref(), "l1").value, Value::Null);
        assert!(close(number(c.as_ref(), "l2"), 2f64.sqrt() * 1e308));
        let c = page(&[("v", "3e-200,4e-200")]);
        assert!(close(number(c.as_ref(), "l2"), 5e-200));
        assert!(readout(c.as_ref(), "l2_squared").note.contains("underflow"));
        let c = page(&[("v", "0,0"), ("w", "0,0")]);
        for name in ["l0", "l1", "l2", "linf", "lp"] {
            assert_eq!(number(c.as_ref(), name), 0.0, "{name}");
        }
        assert_eq!(readout(c.as_ref(), "angle").value, Value::Null);
        for r in c.readouts() {
            assert!(!r.value.to_json().contains("NaN"), "{}", r.name);
        }
        let c = page(&[("v", "1,2,3")]);
        assert_eq!(readout(c.as_ref(), "triangle").value, Value::Null);
        assert!(readout(c.as_ref(), "sum_norm").note.contains("3 entries"));
    }

    #[test]
    fn dragging_v_changes_every_norm_and_the_balls_pass_through_it() {
        let mut c = build();
        assert!(c.move_handle("v", World::new(-6.0, 8.0)));
        assert_eq!(number(c.as_ref(), "l2"), 10.0);
        assert_eq!(number(c.as_ref(), "l1"), 14.0);
        assert!(!c.move_handle("w", World::new(1.0, 1.0)), "w has no handle in the balls view");
        assert!(!c.move_handle("v", World::new(f64::NAN, 1.0)));
        // Every ball through v: the vertex of the diamond at ‖v‖₁, the square's side at ‖v‖∞.
        let scene = c.scene(&Timeline::new(0));
        let polygons: Vec<&Vec<World>> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polygon { points, stroke: Some(st), .. } if st.role != Role::Ghost => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(polygons.len(), 4);
        assert_eq!(polygons[1][0], World::new(14.0, 0.0));
        assert_eq!(polygons[3][0], World::new(8.0, 8.0));
        // The Lᵖ outline satisfies |x|ᵖ + |y|ᵖ = rᵖ.
        let rp = number(c.as_ref(), "lp");
        for q in polygons[0] {
            assert!(close(q.x.abs().powf(3.0) + q.y.abs().powf(3.0), rp.powf(3.0)));
        }
    }

    fn vector() -> impl Strategy<Value = Vec<f64>> {
        proptest::collection::vec(-1e3f64..1e3, 1..=6)
    }

    proptest! {
        #[test]
        fn norms_are_ordered_and_homogeneous(v in vector(), k in -10.0f64..10.0, p in 1.0f64..50.0) {
            let (a1, a2, ai, ap) = (l1(&v), l2(&v), linf(&v), lp(&v, p));
            let tol = 1e-12 * a1.max(1.0);
            prop_assert!(ai <= a2 + tol && a2 <= a1 + tol);
            // ‖v‖ₚ falls from ‖v‖₁ to ‖v‖∞ as p grows.
            prop_assert!(ai <= ap + tol && ap <= a1 + tol);
            let kv: Vec<f64> = v.iter().map(|x| k * x).collect();
            prop_assert!((lp(&kv, p) - k.abs() * ap).abs() <= 1e-12 * (k.abs() * a1).max(1.0));
            prop_assert!((l2(&v).powi(2) - v.iter().map(|x| x * x).sum::<f64>()).abs() <= 1e-9 * a2.powi(2).max(1.0));
        }

        #[test]
        fn the_triangle_inequality_holds_for_p_at_least_1(pair in proptest::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 1..=6), p in 1.0f64..20.0) {
            let (u, w): (Vec<f64>, Vec<f64>) = pair.into_iter().unzip();
            let s: Vec<f64> = u.iter().zip(&w).map(|(a, b)| a + b).collect();
            prop_assert!(lp(&s, p) <= (lp(&u, p) + lp(&w, p)) * (1.0 + 1e-12));
        }
    }
}
