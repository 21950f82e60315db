use super::*;
use crate::chapter::testing::*;
use crate::readout::Value;
use crate::state::matrix::MAX_ROWS;
use crate::view::scene::{Role, Shape};
use crate::view::timeline::Timeline;
use proptest::prelude::*;

fn page(params: &[(&str, &str)]) -> Pseudoinverse {
    open::<Pseudoinverse>(params)
}

fn build() -> Pseudoinverse {
    page(&[])
}

fn numbers(chapter: &Pseudoinverse, name: &str) -> Vec<f64> {
    match readout(chapter, name).value {
        Value::Vector(v) => v,
        Value::Matrix(rows) => rows.concat(),
        Value::Number(x) => vec![x],
        other => panic!("{name} = {other:?}"),
    }
}

fn near(got: &[f64], want: &[f64], tol: f64) -> bool {
    got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol * w.abs().max(1.0))
}

fn place(c: &mut Pseudoinverse, at: World) -> bool {
    c.act(Action::Place(at))
}

fn remove(c: &mut Pseudoinverse, name: &str) -> bool {
    c.act(Action::Remove(id(name)))
}

fn handle_names(c: &Pseudoinverse) -> Vec<String> {
    plane_handles(c).into_iter().map(|h| h.id.to_string()).collect()
}

fn scene(c: &Pseudoinverse) -> crate::view::scene::Scene {
    plane_scene(c, &Timeline::new(0))
}

#[test]
fn a_click_adds_a_point_and_delete_removes_one_in_the_fit_view_only() {
    let mut c = build();
    assert!(place(&mut c, World::new(5.0, 5.0)));
    assert_eq!(numbers(&c, "P").len(), 14);
    assert_eq!(numbers(&c, "P")[12..], [5.0, 5.0]);
    assert!(handle_names(&c).iter().any(|h| h == "P:6"));
    assert!(remove(&mut c, "P:0"));
    assert_eq!(numbers(&c, "P")[..2], [1.0, 4.0]);
    assert!(!remove(&mut c, "P:99") && !remove(&mut c, "b:0") && !remove(&mut c, "P"));
    assert!(!place(&mut c, World::new(f64::NAN, 0.0)));
    // The last point stays: a fit needs something to fit.
    let mut one = page(&[("P", "1,2")]);
    assert!(!remove(&mut one, "P:0"));
    // 64 points is the most a link can carry.
    let many = (0..MAX_ROWS).map(|i| format!("{i},1")).collect::<Vec<_>>().join(";");
    assert!(!place(&mut page(&[("P", &many)]), World::new(0.0, 0.0)));
    let mut lines = page(&[("view", "lines")]);
    assert!(!place(&mut lines, World::new(1.0, 1.0)) && !remove(&mut lines, "P:0"));
}

#[test]
fn one_equation_in_two_unknowns_shows_the_shortest_solution() {
    let c = page(&[("A", "1,2"), ("b", "5"), ("view", "lines")]);
    assert!(near(&numbers(&c, "solution"), &[1.0, 2.0], 1e-12));
    assert!(near(&numbers(&c, "singular_values"), &[5f64.sqrt()], 1e-12));
    assert!(scene(&c).shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b: the shortest x")));
    assert!(c.summary().contains("nearest the origin"), "{}", c.summary());
    assert!(page(&[("A", "1,0;0,1"), ("b", "1,2"), ("view", "lines")]).summary().contains("meet in one point"));
    let default = scene(&page(&[("view", "lines")]));
    assert!(page(&[("view", "lines")]).summary().contains("no common point"));
    assert!(default.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b")));
}

#[test]
fn the_notebooks_line_fit_and_three_lines() {
    let c = build();
    assert!(near(&numbers(&c, "fit"), &[14.0 / 65.0, 11.0 / 5.0], 1e-14), "{:?}", numbers(&c, "fit"));
    // A⁺ = [[−0.1129, 0.1774, −0.0645], [−0.3710, −0.2742, −0.3548]] and A⁺b = (−33/31, 113/31).
    assert!(near(&numbers(&c, "pinv"), &[-0.1129, 0.1774, -0.0645, -0.3710, -0.2742, -0.3548], 1e-3));
    assert!(near(&numbers(&c, "solution"), &[-33.0 / 31.0, 113.0 / 31.0], 1e-14));
    // The notebook's symmedian claim holds only after normalising the rows: (−1.0374, 3.3738).
    assert!(near(&numbers(&c, "normalized_solution"), &[-1.0374, 3.3738], 1e-4), "{:?}", numbers(&c, "normalized_solution"));
    assert!(near(&numbers(&c, "pinv_A_A"), &[1.0, 0.0, 0.0, 1.0], 1e-14));
    assert!(readout(&c, "A_pinv").note.contains("projection"));
    assert!(near(&numbers(&c, "A_pinv_A"), &[-2.0, -1.0, 4.0, -1.0, -1.0, -1.0], 1e-14));
    let rss = numbers(&c, "residual_sum_of_squares")[0];
    let want: f64 = [(0.0_f64, 2.0_f64), (1.0, 4.0), (2.0, 0.0), (3.0, 2.0), (3.0, 5.0), (4.0, 3.0)]
        .iter()
        .map(|(x, y)| (y - (14.0 / 65.0 * x + 2.2)).powi(2))
        .sum();
    assert!((rss - want).abs() < 1e-12);
    assert_eq!(handle_names(&c)[0], "P:0");
}

#[test]
fn the_notebooks_tall_matrix_and_rank_deficient_ones() {
    let c = page(&[("A", "7,2;3,4;5,3"), ("b", "1,1,1")]);
    assert!(near(&numbers(&c, "pinv"), &[0.1667, -0.1061, 0.0303, -0.1667, 0.2879, 0.0606], 1e-3));
    let c = page(&[("A", "1,2;2,4")]);
    assert_eq!(numbers(&c, "rank"), vec![1.0]);
    // pinv of a rank-one matrix: Aᵀ / ‖A‖²_F = [[1, 2], [2, 4]] / 25.
    assert!(near(&numbers(&c, "pinv"), &[0.04, 0.08, 0.08, 0.16], 1e-14));
    assert!(readout(&c, "pinv_A_A").note.contains("dependent"));
    let solution = readout(&c, "solution");
    assert!(solution.note.contains("b has 3 entries"), "{}", solution.note);
    let z = page(&[("A", "0,0;0,0")]);
    assert_eq!(numbers(&z, "pinv"), vec![0.0; 4]);
    for (text, s) in [("1e200,0;0,2e200", 1e200), ("1e-200,0;0,2e-200", 1e-200)] {
        let c = page(&[("A", text)]);
        assert!(near(&numbers(&c, "pinv").iter().map(|x| x * s).collect::<Vec<_>>(), &[1.0, 0.0, 0.0, 0.5], 1e-14));
    }
    // 1e-300 is below rcond·σ_max = 1e-15, so numpy (and this page) treat it as 0.
    let c = page(&[("A", "1e-300,0;0,1")]);
    assert_eq!(numbers(&c, "pinv"), vec![0.0, 0.0, 0.0, 1.0]);
    // 1/1e-310 does not fit in a float: null with the reason.
    let c = page(&[("A", "1e-310,0;0,1e-310")]);
    let p = readout(&c, "pinv");
    assert_eq!(p.value, Value::Null);
    assert!(p.note.contains("overflow"), "{}", p.note);
}

#[test]
fn a_vertical_cloud_has_no_fit_and_p_must_have_two_columns() {
    let c = page(&[("P", "2,1;2,5;2,3")]);
    let fit = readout(&c, "fit");
    assert_eq!(fit.value, Value::Null);
    assert!(fit.note.contains("same x = 2"), "{}", fit.note);
    assert!(c.summary().starts_with("No line"));
    let single = page(&[("P", "1,1")]);
    assert_eq!(readout(&single, "fit").value, Value::Null);
    let two = page(&[("P", "0,1;2,5")]);
    assert!(near(&numbers(&two, "fit"), &[2.0, 1.0], 1e-14));
    assert!(numbers(&two, "residual_sum_of_squares")[0] < 1e-24);
    let mut c = build();
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "P", DMatrix::zeros(3, 3)).unwrap_err().to_string().contains("2 coordinates"));
    assert!(crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::zeros(2, 2)).is_err());
    // x values equal only to rounding: the fit says why in its own words.
    let huge = readout(&page(&[("P", "1e300,0;1.000000000000001e300,1")]), "fit");
    assert!(huge.note.contains("numerically rank-deficient"), "{}", huge.note);
}

#[test]
fn dragging_a_point_refits_and_lines_slide() {
    let mut c = build();
    let before = numbers(&c, "fit");
    assert!(drag(&mut c, "P:0", World::new(0.0, 5.0)));
    assert_ne!(numbers(&c, "fit"), before);
    assert_eq!(numbers(&c, "P")[..2], [0.0, 5.0]);
    assert!(!drag(&mut c, "P:9", World::new(0.0, 5.0)));
    assert!(!drag(&mut c, "P:0", World::new(f64::NAN, 5.0)));
    crate::chapter::AnyChapter::set_choice(&mut c, "view", "lines").unwrap();
    assert_eq!(handle_names(&c), ["b:0", "b:1", "b:2"]);
    // Row 1 is −2x₁ − x₂ = −2; moving its handle to (1, 1) makes b₁ = −3.
    assert!(drag(&mut c, "b:0", World::new(1.0, 1.0)));
    assert_eq!(numbers(&c, "b"), vec![-3.0, -8.0, -2.0]);
    let lines = scene(&c).shapes.into_iter().filter(|s| matches!(s, Shape::Line { .. })).count();
    assert_eq!(lines, 3);
    assert!(crate::chapter::AnyChapter::set_choice(&mut c, "view", "nope").is_err());
}

#[test]
fn the_fit_scene_draws_residuals_to_the_line() {
    let drawn = scene(&build());
    let residuals: Vec<Vec<World>> = drawn
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Polyline { points, .. } => Some(points.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(residuals.len(), 6);
    assert_eq!(residuals[0][0], World::new(0.0, 2.0));
    assert!((residuals[0][1].y - 2.2).abs() < 1e-12);
    assert_eq!(drawn.shapes.iter().filter(|s| matches!(s, Shape::Dot { role: Role::Data, .. })).count(), 6);
}

proptest! {
    #[test]
    fn readouts_are_finite_or_null_at_any_size_and_scale(rows in 1usize..=6, cols in 1usize..=6, exp in -300i32..300, lines in proptest::bool::ANY,
                                                         entries in proptest::collection::vec(-9.0f64..9.0, 36)) {
        let a = DMatrix::from_fn(rows, cols, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
        let p = DMatrix::from_fn(rows, 2, |r, c| entries[r * 6 + c] * 10f64.powi(exp));
        let b = DMatrix::from_fn(rows, 1, |r, _| entries[35 - r]);
        let c = Pseudoinverse { a, b, p, view: if lines { View::Lines } else { View::Fit } };
        for r in c.readouts() {
            prop_assert!(finite_or_null(&r.value), "{} = {:?}", r.name, r.value);
            prop_assert!(r.value != Value::Null || !r.note.is_empty(), "{} is null without a reason", r.name);
        }
        check_everything(&c)?;
    }
}

#[test]
fn words_never_show_rounding_noise() {
    // On y = x the intercept is 0 only to rounding; the label, the note and the summary say 0.
    let c = page(&[("P", "0.1,0.1;0.2,0.2;0.3,0.3;0.7,0.7")]);
    let fit = numbers(&c, "fit");
    assert!((fit[0] - 1.0).abs() < 1e-14 && fit[1].abs() < 1e-15, "{fit:?}");
    assert!(readout(&c, "fit").note.starts_with("y = 1·x + 0:"), "{}", readout(&c, "fit").note);
    assert!(c.summary().contains("y = 1·x + 0;") && c.summary().ends_with("residuals is 0."), "{}", c.summary());
    let label = scene(&c).shapes.into_iter().find_map(|s| match s {
        Shape::Line { label: Some(l), .. } => Some(l),
        _ => None,
    });
    assert_eq!(label.as_deref(), Some("y = 1·x + 0"));
    // A negative intercept reads with a minus sign.
    assert!(readout(&page(&[("P", "0,-1;1,1")]), "fit").note.starts_with("y = 2·x − 1"));
    // The text's predict answer: with b₃ = −3 the three lines meet at the corner (−1, 4).
    let corner = page(&[("view", "lines"), ("b", "-2,-8,-3")]);
    assert!(near(&numbers(&corner, "solution"), &[-1.0, 4.0], 1e-14));
    assert!(numbers(&corner, "residual_norm")[0] < 1e-14);
    assert_eq!(corner.summary(), "The lines meet in one point, A⁺b = (−1, 4): the exact solution.");
    // An exact solution at the origin's axis: x₁ is 0 only to rounding.
    let axis = page(&[("view", "lines"), ("A", "0.1,0.3;0.7,0.2"), ("b", "0.3,0.2")]);
    assert!(axis.summary().contains("A⁺b = (0, 1)"), "{}", axis.summary());
}

#[test]
fn the_code_prints_every_number_the_page_reads_out() {
    let code = build().code_text();
    for name in [
        "pinv",
        "pinv_A_A",
        "A_pinv",
        "A_pinv_A",
        "singular_values",
        "rank",
        "solution",
        "residual_norm",
        "normalized_solution",
        "fit",
        "residual_sum_of_squares",
    ] {
        assert!(code.numpy.contains(&format!("print(\"{name}\", ")), "{name}");
        assert!(code.torch.contains(&format!("print(\"{name}\", ")), "{name}");
        assert!(code.nalgebra.contains(&format!("println!(\"{name} {{:?}}\", ")), "{name}");
    }
    // Without a fit, the code says why the page shows none.
    assert!(page(&[("P", "2,1;2,5")]).code_text().numpy.contains("no line fits best"));
    // b that does not fit A: no solution lines.
    assert!(!page(&[("b", "1,2")]).code_text().numpy.contains("print(\"solution\""));
}
