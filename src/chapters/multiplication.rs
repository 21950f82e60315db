//! 2.2 Multiplying matrices and vectors: A·v as the column and row pictures, AB as "B, then A",
//! and the dot product v·w.

use super::common::{
    bounds, column_handles, drag_into, lerp, pick_option, plane, point, transformed_plane, vector_handle, with_background,
};
use super::{Chapter, Choice, Code, Handle, Input, InputKind};
use crate::format::{display_number, display_shape, display_tuple, vector_entries};
use crate::readout::{matrix_readout, number_readout, vector_readout, Readout, Value};
use crate::view::scene::{Role, Scene, Shape, Stroke};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use nalgebra::{DMatrix, Matrix2};

/// The figure's views.
const VIEWS: &[(&str, &str)] = &[("av", "A·v"), ("ab", "A·B"), ("dot", "v·w")];
/// The order of the composition in the A·B view.
const ORDERS: &[(&str, &str)] = &[("ab", "AB: B first, then A"), ("ba", "BA: A first, then B")];

/// The page state.
#[derive(Debug, Clone, PartialEq)]
pub struct Multiplication {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    v: DMatrix<f64>,
    w: DMatrix<f64>,
    view: &'static str,
    order: &'static str,
}

/// The seed's examples: A and B from its "not commutative" example, v and w from its dot product
/// (v = (5, 2) and w = (2, 6), so that v does not sit on A's first column, which is (2, 6)).
pub fn build() -> Box<dyn Chapter> {
    Box::new(Multiplication {
        a: DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0]),
        b: DMatrix::from_row_slice(2, 2, &[5.0, 3.0, 2.0, 2.0]),
        v: DMatrix::from_column_slice(2, 1, &[5.0, 2.0]),
        w: DMatrix::from_column_slice(2, 1, &[2.0, 6.0]),
        view: VIEWS[0].0,
        order: ORDERS[0].0,
    })
}

impl Multiplication {
    fn product(&self, left: &DMatrix<f64>, right: &DMatrix<f64>) -> Option<DMatrix<f64>> {
        (left.ncols() == right.nrows()).then(|| left * right)
    }

    fn av_readout(&self) -> Readout {
        let Some(av) = self.product(&self.a, &self.v) else {
            return Readout::missing(
                "Av",
                "A·v",
                format!(
                    "not defined: A is {} but v has {} entries; A·v needs one entry of v per column of A",
                    display_shape(&self.a),
                    self.v.len()
                ),
            );
        };
        // The row picture: each entry is a row of A dotted with v.
        let rows: Vec<String> = self
            .a
            .row_iter()
            .zip(av.iter())
            .map(|(row, total)| {
                let terms: Vec<String> =
                    row.iter().zip(self.v.iter()).map(|(a, x)| format!("{}·{}", display_number(*a), display_number(*x))).collect();
                format!("{} = {}", terms.join(" + "), display_number(*total))
            })
            .collect();
        vector_readout("Av", "A·v", &av, format!("row by row: {}", rows.join("; ")))
    }

    fn product_readout(
        &self,
        name: &'static str,
        label: &'static str,
        left: (&DMatrix<f64>, &str),
        right: (&DMatrix<f64>, &str),
    ) -> Readout {
        match self.product(left.0, right.0) {
            Some(p) => matrix_readout(
                name,
                label,
                &p,
                format!("{} times {} gives {}", display_shape(left.0), display_shape(right.0), display_shape(&p)),
            ),
            None => Readout::missing(
                name,
                label,
                format!(
                    "not defined: {} is {} and {} is {}; the inner sizes ({} and {}) must match",
                    left.1,
                    display_shape(left.0),
                    right.1,
                    display_shape(right.0),
                    left.0.ncols(),
                    right.0.nrows()
                ),
            ),
        }
    }

    fn dot(&self) -> Option<f64> {
        (self.v.len() == self.w.len()).then(|| self.v.dot(&self.w))
    }

    /// AB and BA in the order the reader chose: (first applied, then applied, their names).
    fn composition(&self) -> Option<(Matrix2<f64>, Matrix2<f64>, &'static str, &'static str)> {
        let (a, b) = (plane(&self.a)?, plane(&self.b)?);
        Some(if self.order == "ab" { (b, a, "B", "A") } else { (a, b, "A", "B") })
    }

    fn scene_av(&self, t: &Timeline, scene: &mut Scene) -> Option<()> {
        let (a, v) = (plane(&self.a)?, point(&self.v)?);
        let m = lerp(&Matrix2::identity(), &a, t.progress(0));
        // The column picture: v₁ times the first column, then v₂ times the second, head to tail.
        let leg = m.column(0) * v.x;
        scene.arrow(leg, Stroke::dashed(Role::Basis1, 2.0), "");
        scene.arrow_from(leg, leg + m.column(1) * v.y, Stroke::dashed(Role::Basis2, 2.0), "");
        transformed_plane(scene, &m, "a");
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
        scene.arrow(m * v, Stroke::solid(Role::Image, 3.5), "Av");
        Some(())
    }

    fn scene_ab(&self, t: &Timeline, scene: &mut Scene) -> Option<()> {
        let (first, then, first_name, then_name) = self.composition()?;
        let total = then * first;
        let other = first * then;
        let m = if t.position() <= 1.0 { lerp(&Matrix2::identity(), &first, t.progress(0)) } else { lerp(&first, &total, t.progress(1)) };
        scene.push(Shape::Lattice { map: m, stroke: Stroke::solid(Role::Grid, 1.0) });
        scene.push(Shape::Polygon {
            points: [World::new(0.0, 0.0), World::new(1.0, 0.0), World::new(1.0, 1.0), World::new(0.0, 1.0)]
                .iter()
                .map(|c| other * c)
                .collect(),
            fill: None,
            stroke: Some(Stroke::dotted(Role::Ghost, 2.0)),
        });
        scene.push(Shape::Label { at: other * World::new(0.5, 0.5), text: format!("{}{}", first_name, then_name), role: Role::Ghost });
        scene.unit_square(&m, Role::Image, 0.18);
        scene.push(Shape::Label { at: m * World::new(0.5, 0.5), text: format!("{}{}", then_name, first_name), role: Role::Image });
        for (matrix, name, stroke_of) in [(&self.b, "b", Stroke::dashed as fn(Role, f64) -> Stroke), (&self.a, "a", Stroke::solid)] {
            let p = plane(matrix)?;
            scene.arrow(p.column(0).into_owned(), stroke_of(Role::Basis1, 2.0), format!("{name}₁"));
            scene.arrow(p.column(1).into_owned(), stroke_of(Role::Basis2, 2.0), format!("{name}₂"));
        }
        Some(())
    }

    fn scene_dot(&self, scene: &mut Scene) -> Option<()> {
        let (v, w) = (point(&self.v)?, point(&self.w)?);
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        let vv = v.norm_squared();
        if vv > 0.0 {
            // w's shadow on the line of v: its signed length times ‖v‖ is v·w.
            let foot = v * (v.dot(&w) / vv);
            scene.arrow_from(w, foot, Stroke::dotted(Role::Second, 1.5), "");
            scene.arrow(foot, Stroke::dashed(Role::Second, 3.0), "");
        }
        scene.arrow(w, Stroke::solid(Role::Second, 3.0), "w");
        scene.arrow(v, Stroke::solid(Role::Input, 3.5), "v");
        Some(())
    }
}

impl Chapter for Multiplication {
    fn explanation(&self) -> &'static str {
        include_str!("multiplication.html")
    }

    fn inputs(&self) -> Vec<Input> {
        vec![
            Input { name: "A", kind: InputKind::Matrix, value: self.a.clone() },
            Input { name: "B", kind: InputKind::Matrix, value: self.b.clone() },
            Input { name: "v", kind: InputKind::Vector, value: self.v.clone() },
            Input { name: "w", kind: InputKind::Vector, value: self.w.clone() },
        ]
    }

    fn set_input(&mut self, name: &str, value: DMatrix<f64>) -> Result<(), String> {
        if value.is_empty() || value.iter().any(|x| !x.is_finite()) {
            return Err("entries must be finite numbers".into());
        }
        let vector = value.ncols() == 1;
        match name {
            "A" => self.a = value,
            "B" => self.b = value,
            "v" if vector => self.v = value,
            "w" if vector => self.w = value,
            "v" | "w" => return Err("a vector is one row of entries separated by commas".into()),
            _ => return Err(format!("this page has no input called {name}")),
        }
        Ok(())
    }

    fn choices(&self) -> Vec<Choice> {
        let mut out = vec![Choice { name: "view", label: "Figure", options: VIEWS, current: self.view }];
        if self.view == "ab" {
            out.push(Choice { name: "order", label: "Order", options: ORDERS, current: self.order });
        }
        out
    }

    fn set_choice(&mut self, name: &str, value: &str) -> Result<(), String> {
        let options = match name {
            "view" => VIEWS,
            "order" => ORDERS,
            _ => return Err(format!("this page has no choice called {name}")),
        };
        let known = pick_option(options, value)?;
        if name == "view" {
            self.view = known;
        } else {
            self.order = known;
        }
        Ok(())
    }

    fn stages(&self) -> Vec<&'static str> {
        match self.view {
            "av" => vec!["apply A"],
            "ab" if self.order == "ab" => vec!["apply B", "then A"],
            "ab" => vec!["apply A", "then B"],
            _ => vec![],
        }
    }

    fn handles(&self) -> Vec<Handle> {
        if self.figure_note().is_some() {
            return Vec::new();
        }
        match self.view {
            "av" => vector_handle(&self.v, "v", Role::Input).into_iter().chain(column_handles(&self.a, "A")).collect(),
            "ab" => column_handles(&self.a, "A").into_iter().chain(column_handles(&self.b, "B")).collect(),
            _ => vector_handle(&self.v, "v", Role::Input).into_iter().chain(vector_handle(&self.w, "w", Role::Second)).collect(),
        }
    }

    fn move_handle(&mut self, name: &str, to: World) -> bool {
        drag_into(&mut self.v, "v", name, to)
            || drag_into(&mut self.w, "w", name, to)
            || drag_into(&mut self.a, "A", name, to)
            || drag_into(&mut self.b, "B", name, to)
    }

    fn readouts(&self) -> Vec<Readout> {
        let mut out = vec![
            self.av_readout(),
            self.product_readout("AB", "A·B", (&self.a, "A"), (&self.b, "B")),
            self.product_readout("BA", "B·A", (&self.b, "B"), (&self.a, "A")),
        ];
        let ab = self.product(&self.a, &self.b);
        let ba = self.product(&self.b, &self.a);
        out.push(match (ab, ba) {
            (Some(ab), Some(ba)) if ab.shape() == ba.shape() => {
                let same = ab == ba;
                Readout::new(
                    "commute",
                    "AB = BA",
                    Value::Bool(same),
                    if same { "these two happen to commute" } else { "the order matters: AB and BA differ" },
                )
            }
            (Some(ab), Some(ba)) => Readout::new(
                "commute",
                "AB = BA",
                Value::Bool(false),
                format!("AB is {} but BA is {}", display_shape(&ab), display_shape(&ba)),
            ),
            _ => Readout::new("commute", "AB = BA", Value::Bool(false), "one of the two products is not even defined"),
        });
        out.push(match self.dot() {
            Some(d) => number_readout("dot", "v·w", d, "the sum of the entrywise products; the same as w·v"),
            None => Readout::missing("dot", "v·w", format!("not defined: v has {} entries and w has {}", self.v.len(), self.w.len())),
        });
        for input in self.inputs() {
            let value = if input.kind == InputKind::Vector { Value::vector(&input.value) } else { Value::matrix(&input.value) };
            out.push(Readout::new(input.name, input.name, value, display_shape(&input.value)));
        }
        out
    }

    fn scene(&self, timeline: &Timeline) -> Scene {
        let mut scene = Scene::default();
        let drawn = match self.view {
            "av" => self.scene_av(timeline, &mut scene),
            "ab" => self.scene_ab(timeline, &mut scene),
            _ => self.scene_dot(&mut scene),
        };
        match drawn {
            Some(()) => with_background(scene),
            None => Scene::default(),
        }
    }

    fn figure_note(&self) -> Option<String> {
        let need = match self.view {
            "av" => plane(&self.a).is_none() || point(&self.v).is_none(),
            "ab" => plane(&self.a).is_none() || plane(&self.b).is_none(),
            _ => point(&self.v).is_none() || point(&self.w).is_none(),
        };
        need.then(|| {
            format!(
                "The plane draws 2×2 matrices and vectors with 2 entries; now A is {}, B is {}, v has {} entries and w has {}. The numbers below are still exact.",
                display_shape(&self.a),
                display_shape(&self.b),
                self.v.len(),
                self.w.len()
            )
        })
    }

    fn content_bounds(&self) -> (World, World) {
        let mut points = vec![World::zeros()];
        if let (Some(a), Some(b)) = (plane(&self.a), plane(&self.b)) {
            let corners = [World::new(1.0, 0.0), World::new(0.0, 1.0), World::new(1.0, 1.0)];
            match self.view {
                "ab" => {
                    for m in [a, b, a * b, b * a] {
                        points.extend(corners.iter().map(|c| m * c));
                    }
                }
                _ => points.extend(corners.iter().map(|c| a * c)),
            }
        }
        if let Some(v) = point(&self.v) {
            points.push(v);
            if let Some(a) = plane(&self.a).filter(|_| self.view == "av") {
                points.push(a * v);
                points.push(a.column(0) * v.x);
            }
        }
        if let Some(w) = point(&self.w).filter(|_| self.view == "dot") {
            points.push(w);
        }
        bounds(&points)
    }

    fn code(&self) -> Code {
        let mut code = Code::declare(&self.inputs());
        for (numpy, torch, rust, ok) in [
            ("A @ v", "A @ v", "let av = &a * &v;", self.a.ncols() == self.v.len()),
            ("A @ B", "A @ B", "let ab = &a * &b;", self.a.ncols() == self.b.nrows()),
            ("B @ A", "B @ A", "let ba = &b * &a;", self.b.ncols() == self.a.nrows()),
            ("v @ w  # the same as np.dot(v, w)", "torch.dot(v, w)", "let dot = v.dot(&w);", self.v.len() == self.w.len()),
        ] {
            if ok {
                code.line(numpy, torch, rust);
            } else {
                let py = "# shapes do not match, this raises an error: ";
                code.line(&format!("{py}{numpy}"), &format!("{py}{torch}"), &format!("// shapes do not match, this panics: {rust}"));
            }
        }
        code
    }

    fn summary(&self) -> String {
        match self.view {
            "av" => match (self.product(&self.a, &self.v), self.v.len()) {
                (Some(av), 2) => format!(
                    "A·v = {}: {} times the first column of A plus {} times the second.",
                    display_tuple(&vector_entries(&av)),
                    display_number(self.v[0]),
                    display_number(self.v[1])
                ),
                (Some(av), _) => format!("A·v = {}.", display_tuple(&vector_entries(&av))),
                (None, _) => "A·v is not defined for these shapes.".into(),
            },
            "ab" => match (self.product(&self.a, &self.b), self.product(&self.b, &self.a)) {
                (Some(ab), Some(ba)) if ab == ba => {
                    format!("AB = BA = {}: these two matrices commute, so the order does not matter.", spoken_matrix(&ab))
                }
                (Some(ab), Some(ba)) => {
                    format!("AB = {} but BA = {}: applying B then A is not the same as A then B.", spoken_matrix(&ab), spoken_matrix(&ba))
                }
                _ => "AB or BA is not defined for these shapes.".into(),
            },
            _ => match (self.dot(), point(&self.v), point(&self.w)) {
                (Some(d), Some(v), Some(w)) if v.norm() > 0.0 && w.norm() > 0.0 => {
                    let angle = (d / (v.norm() * w.norm())).clamp(-1.0, 1.0).acos().to_degrees();
                    format!("v·w = {}; the angle between v and w is {}°.", display_number(d), display_number((angle * 10.0).round() / 10.0))
                }
                (Some(d), _, _) => format!("v·w = {}.", display_number(d)),
                _ => "v·w is not defined: v and w have different lengths.".into(),
            },
        }
    }
}

/// A small matrix in the URL's row form for the spoken summary (`[16, 12; 40, 28]`); a larger one by its shape.
fn spoken_matrix(m: &DMatrix<f64>) -> String {
    if m.len() > 9 {
        return format!("a {} matrix", display_shape(m));
    }
    let rows: Vec<String> = m.row_iter().map(|row| row.iter().map(|x| display_number(*x)).collect::<Vec<_>>().join(", ")).collect();
    format!("[{}]", rows.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::testing::{open, value};

    #[test]
    fn the_products_summary_says_what_each_order_gives() {
        let c = page(&[("view", "ab")]);
        assert_eq!(c.summary(), "AB = [16, 12; 40, 28] but BA = [28, 30; 16, 16]: applying B then A is not the same as A then B.");
        let c = page(&[("view", "ab"), ("A", "2,0;0,2")]);
        assert!(c.summary().starts_with("AB = BA = [10, 6; 4, 4]: these two matrices commute"), "{}", c.summary());
        let c = page(&[("view", "ab"), ("A", "1,2,3;4,5,6;7,8,9;1,1,1"), ("B", "1,0,0;0,1,0;0,0,1")]);
        assert!(c.summary().contains("not defined"), "{}", c.summary());
        let c = page(&[("view", "ab"), ("A", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1"), ("B", "1,0,0,0;0,1,0,0;0,0,1,0;0,0,0,1")]);
        assert!(c.summary().starts_with("AB = BA = a 4×4 matrix"), "{}", c.summary());
    }

    fn page(params: &[(&str, &str)]) -> Box<dyn Chapter> {
        open("multiplication", params)
    }

    #[test]
    fn the_default_is_the_seeds_example() {
        let c = build();
        assert_eq!(value(c.as_ref(), "AB"), Value::Matrix(vec![vec![16.0, 12.0], vec![40.0, 28.0]]));
        assert_eq!(value(c.as_ref(), "BA"), Value::Matrix(vec![vec![28.0, 30.0], vec![16.0, 16.0]]));
        assert_eq!(value(c.as_ref(), "dot"), Value::Number(22.0));
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![16.0, 40.0]));
        assert_eq!(value(c.as_ref(), "commute"), Value::Bool(false));
    }

    #[test]
    fn non_square_shapes_compute_or_explain() {
        let c = page(&[("A", "1,2;3,4;5,6"), ("v", "2,4")]);
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![10.0, 22.0, 34.0]));
        let note = c.readouts().into_iter().find(|r| r.name == "BA").unwrap();
        assert_eq!(note.value, Value::Null);
        assert!(note.note.contains("inner sizes"), "{}", note.note);
        assert!(c.figure_note().is_some());
        assert!(c.handles().is_empty());
        let c = page(&[("A", "1,2,3;4,5,6;7,8,9;10,11,12"), ("B", "2,7;1,2;3,6")]);
        assert_eq!(value(c.as_ref(), "AB"), Value::Matrix(vec![vec![13.0, 29.0], vec![31.0, 74.0], vec![49.0, 119.0], vec![67.0, 164.0]]));
    }

    #[test]
    fn dragging_v_moves_av_and_column_handles_edit_a() {
        let mut c = build();
        assert_eq!(c.handles()[0].name, "v");
        assert!(c.move_handle("v", World::new(1.0, 0.0)));
        assert_eq!(value(c.as_ref(), "Av"), Value::Vector(vec![2.0, 6.0]));
        assert!(c.move_handle("A:1", World::new(-1.0, 1.0)));
        assert_eq!(value(c.as_ref(), "A"), Value::Matrix(vec![vec![2.0, -1.0], vec![6.0, 1.0]]));
        assert!(!c.move_handle("nope", World::new(1.0, 1.0)));
        assert!(!c.move_handle("v", World::new(f64::NAN, 1.0)));
    }

    #[test]
    fn overflow_gives_null_with_a_reason() {
        let c = page(&[("A", "1e300,1e300;1,1"), ("v", "1e300,1e300")]);
        let av = c.readouts().into_iter().find(|r| r.name == "Av").unwrap();
        assert_eq!(av.value, Value::Null);
        assert!(av.note.contains("overflow"));
    }

    #[test]
    fn the_ab_view_animates_b_then_a() {
        let mut c = page(&[("view", "ab")]);
        assert_eq!(c.stages(), ["apply B", "then A"]);
        assert_eq!(c.handles().len(), 4);
        let mut t = Timeline::new(2);
        t.scrub(1.0);
        let squares: Vec<Vec<World>> = c
            .scene(&t)
            .shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Polygon { points, fill: Some(_), .. } => Some(points),
                _ => None,
            })
            .collect();
        // Halfway, the unit square has gone through B only: its corners are B's columns.
        assert_eq!(squares[0][1], World::new(5.0, 2.0));
        assert_eq!(squares[0][3], World::new(3.0, 2.0));
        c.set_choice("order", "ba").unwrap();
        assert_eq!(c.stages(), ["apply A", "then B"]);
    }

    #[test]
    fn code_reproduces_the_state() {
        let code = build().code();
        assert!(code.numpy.contains("A = np.array([[2, 3], [6, 5]], dtype=float)"), "{}", code.numpy);
        assert!(code.numpy.contains("A @ v"));
        assert!(code.nalgebra.contains("DMatrix::from_row_slice(2, 2, &[2.0, 3.0, 6.0, 5.0])"), "{}", code.nalgebra);
        let code = page(&[("v", "1,2,3")]).code();
        assert!(code.numpy.contains("# shapes do not match, this raises an error: A @ v"));
    }
}
