//! The row picture's tests: one line per equation, their crossings, the solution or the
//! least-squares point, the handle x, and the third equation toggled on and off.

use super::*;
use crate::chapter::Figure;
use crate::chapter::{from_params, to_params};
use crate::view::timeline::Timeline;

fn choice(c: &Span, name: &str) -> Option<&'static str> {
    crate::chapter::AnyChapter::choices(c).into_iter().find(|x| x.name == name).map(|x| x.current)
}

fn equations_drawn(scene: &Scene) -> Vec<String> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Label { text, role: Role::Second | Role::Data | Role::Eigen, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn dots(scene: &Scene, role: Role) -> Vec<World> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role: r, .. } if *r == role => Some(*at),
            _ => None,
        })
        .collect()
}

#[test]
fn the_third_equation_toggles_the_overdetermined_case_and_back() {
    let mut c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4")]);
    let names: Vec<&str> = crate::chapter::AnyChapter::choices(&c).iter().map(|x| x.name).collect();
    assert_eq!(names, ["picture", "equations"]);
    assert_eq!(choice(&c, "equations"), Some("2"));
    let before = c.readouts();
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    crate::chapter::AnyChapter::set_choice(&mut c, "equations", "3").unwrap();
    assert_eq!(choice(&c, "equations"), Some("3"));
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![0.5, -1.0], vec![1.0, 1.0], vec![7.0, -1.0]]));
    assert_eq!(value(&c, "b"), Value::Vector(vec![-1.0, 4.0, 2.0]));
    assert_eq!(value(&c, "rank"), Value::Number(2.0));
    assert_eq!(value(&c, "independent"), Value::Bool(true));
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    assert_eq!(value(&c, "coefficients"), Value::Null);
    // The note names the least-squares x = A⁺b, the solution of AᵀAx = Aᵀb: (144/217, 529/217).
    let a = DMatrix::from_row_slice(3, 2, &[0.5, -1.0, 1.0, 1.0, 7.0, -1.0]);
    let ls = least_squares(&a, &DMatrix::from_column_slice(3, 1, &[-1.0, 4.0, 2.0])).unwrap().unwrap();
    assert!((ls[0] - 144.0 / 217.0).abs() < 1e-12 && (ls[1] - 529.0 / 217.0).abs() < 1e-12, "{ls}");
    assert!(readout(&c, "coefficients").note.contains(&display_tuple(ls.as_slice())));
    // In the column picture three equations are drawn in space; the URL says so.
    assert!(space_at(&c, &Timeline::new(0)).is_some());
    let params = to_params(&c);
    assert!(params.contains(&("equations".into(), "3".into())), "{params:?}");
    let (again, refused) = from_params(crate::chapters::find("span").unwrap().build, &params);
    assert!(refused.is_empty());
    assert_eq!(crate::chapter::AnyChapter::readouts(again.as_ref()), c.readouts());
    // Toggled off: the reader's two equations and every readout come back.
    crate::chapter::AnyChapter::set_choice(&mut c, "equations", "2").unwrap();
    assert_eq!(c.readouts(), before);
    assert!(space_at(&c, &Timeline::new(0)).is_none());
    // The reader's own first two equations are kept; a link can ask for the third.
    let c = page(&[("equations", "3")]);
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![1.0, 2.0], vec![3.0, 1.0], vec![7.0, -1.0]]));
    assert_eq!(value(&c, "b"), Value::Vector(vec![4.0, 7.0, 2.0]));
    let c = page(&[("A", "1,2;3,1;5,5"), ("b", "1,2,3"), ("equations", "2")]);
    assert_eq!(value(&c, "A"), Value::Matrix(vec![vec![1.0, 2.0], vec![3.0, 1.0]]));
    assert_eq!(value(&c, "b"), Value::Vector(vec![1.0, 2.0]));
    // Bad values are refused by name; without two unknowns there is no such choice.
    let mut c = build();
    assert!(crate::chapter::AnyChapter::set_choice(&mut c, "equations", "4").is_err());
    assert_eq!(c.readouts(), build().readouts());
    let p = problems::<Span>(&[("equations", "three")]);
    assert!(p.len() == 1 && p[0].starts_with("Parameter equations:"), "{p:?}");
    let p = problems::<Span>(&[("picture", "both")]);
    assert!(p.len() == 1 && p[0].starts_with("Parameter picture:"), "{p:?}");
    crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(3, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]))
        .unwrap();
    assert!(crate::chapter::AnyChapter::choices(&c).is_empty());
    assert!(
        crate::chapter::AnyChapter::set_choice(&mut c, "equations", "2").is_err()
            && crate::chapter::AnyChapter::set_choice(&mut c, "picture", "rows").is_err()
    );
}

#[test]
fn the_row_picture_draws_a_line_per_equation_and_the_least_squares_point() {
    let mut c = page(&[("A", "0.5,-1;1,1"), ("b", "-1,4"), ("picture", "rows")]);
    assert!(space_at(&c, &Timeline::new(0)).is_none() && figure_note(&c).is_none());
    let scene = plane_scene(&c, &Timeline::new(0));
    assert_eq!(equations_drawn(&scene), ["0.5x − y = −1", "x + y = 4"]);
    let solution = dots(&scene, Role::Input);
    assert!(solution.len() == 1 && (solution[0] - World::new(2.0, 2.0)).norm() < 1e-12, "{solution:?}");
    assert!(c.summary().contains("meet at x = (2, 2), the one solution"), "{}", c.summary());
    // Each line is its equation: a point on it satisfies it, and so does a step along it.
    for (i, row, want) in [(0, World::new(0.5, -1.0), -1.0), (1, World::new(1.0, 1.0), 4.0)] {
        let (through, direction) = c_line(&c, i);
        assert!((row.dot(&through) - want).abs() < 1e-12 && (row.dot(&(through + direction)) - want).abs() < 1e-12);
        assert!(direction.norm() > 0.0);
    }
    // The handle is x = (ca, cb); it moves the sliders' amounts and nothing else.
    let handles = plane_handles(&c);
    assert_eq!(handles.len(), 1);
    assert_eq!((handles[0].id.to_string().as_str(), handles[0].at), ("x", World::new(2.0, 1.0)));
    let readouts = c.readouts();
    assert!(drag(&mut c, "x", World::new(2.0, 2.0)));
    assert_eq!((crate::chapter::AnyChapter::inputs(&c)[2].value[0], crate::chapter::AnyChapter::inputs(&c)[3].value[0]), (2.0, 2.0));
    assert_eq!(c.readouts(), readouts);
    assert!(!drag(&mut c, "x", World::new(f64::NAN, 0.0)) && !drag(&mut c, "x", World::new(2e6, 0.0)));
    assert!(!drag(&mut c, "A:0", World::new(5.0, 5.0)) && !drag(&mut c, "b", World::new(5.0, 5.0)));
    // A third equation: three lines, their three crossings, and no common point; A⁺b is marked.
    crate::chapter::AnyChapter::set_choice(&mut c, "equations", "3").unwrap();
    assert_eq!(choice(&c, "picture"), Some("rows"));
    assert!(space_at(&c, &Timeline::new(0)).is_none() && figure_note(&c).is_none());
    let scene = plane_scene(&c, &Timeline::new(0));
    assert_eq!(equations_drawn(&scene), ["0.5x − y = −1", "x + y = 4", "7x − y = 2"]);
    assert_eq!(dots(&scene, Role::Axis).len(), 3);
    assert!(dots(&scene, Role::Input).is_empty());
    let ls = dots(&scene, Role::Image);
    assert!(ls.len() == 1 && (ls[0] - World::new(144.0 / 217.0, 529.0 / 217.0)).norm() < 1e-12, "{ls:?}");
    assert!(scene.shapes.iter().any(|s| matches!(s, Shape::Label { text, .. } if text == "A⁺b: least squares")));
    let summary = c.summary();
    assert!(summary.contains("no x satisfies all three") && summary.contains("the closest in the least-squares sense"), "{summary}");
    // A third equation through the crossing: all three meet there.
    crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(3, 2, &[0.5, -1.0, 1.0, 1.0, 1.0, 0.0])).unwrap();
    assert_eq!(value(&c, "in_span"), Value::Bool(true));
    let scene = plane_scene(&c, &Timeline::new(0));
    let meet = dots(&scene, Role::Input);
    assert!(meet.len() == 1 && (meet[0] - World::new(2.0, 2.0)).norm() < 1e-12, "{meet:?}");
    assert!(dots(&scene, Role::Axis).iter().all(|p| (p - World::new(2.0, 2.0)).norm() < 1e-12));
    assert!(c.summary().contains("meet at x = (2, 2)"), "{}", c.summary());
    // The content box holds the lines' crossings and x.
    let (lo, hi) = content_bounds(&c);
    assert!(lo.x < 0.0 && lo.y < 0.0 && hi.x > 2.0 && hi.y > 2.0);
}

fn c_line(c: &Span, i: usize) -> (World, World) {
    let a = match value(c, "A") {
        Value::Matrix(rows) => rows,
        v => panic!("{v:?}"),
    };
    let Value::Vector(b) = value(c, "b") else { panic!() };
    let span = Span {
        a: DMatrix::from_fn(a.len(), 2, |r, col| a[r][col]),
        b: DMatrix::from_column_slice(b.len(), 1, &b),
        ca: 0.0,
        cb: 0.0,
        picture: Picture::Rows,
    };
    equation_line(&span, i).unwrap()
}

#[test]
fn parallel_equations_share_no_point_and_other_shapes_get_a_note() {
    // The notebook's {y = 2x + 6, y = 2x} as rows: −2x + y = 6 and −2x + y = 0.
    let mut c = page(&[("A", "-2,1;-2,1"), ("b", "6,0"), ("picture", "rows")]);
    assert_eq!(value(&c, "in_span"), Value::Bool(false));
    let scene = plane_scene(&c, &Timeline::new(0));
    assert_eq!(equations_drawn(&scene), ["−2x + y = 6", "−2x + y = 0"]);
    let ls = dots(&scene, Role::Image);
    assert!(ls.len() == 1 && (ls[0] - World::new(-1.2, 0.6)).norm() < 1e-12, "{ls:?}");
    assert!(c.summary().contains("no x satisfies both"), "{}", c.summary());
    // On top of each other: every point of the line solves both; the shortest is A⁺b.
    crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_column_slice(2, 1, &[5.0, 5.0])).unwrap();
    assert!(c.summary().contains("on top of each other"), "{}", c.summary());
    for (a, b, said) in [("1,2", "3", "every point of it is a solution"), ("0,0", "3", "it reads 0 = 3"), ("0,0;0,0", "0,0", "0 = 0")] {
        let one = page(&[("A", a), ("b", b), ("picture", "rows")]);
        assert!(figure_note(&one).is_none() && one.summary().contains(said), "{a}: {}", one.summary());
    }
    assert_eq!(dots(&plane_scene(&c, &Timeline::new(0)), Role::Input).len(), 1);
    // A b that does not fit, or four equations: a note, no handle.
    crate::chapter::AnyChapter::set_input(&mut c, "b", DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0])).unwrap();
    assert!(figure_note(&c).is_some_and(|n| n.contains("row picture")) && plane_handles(&c).is_empty());
    crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(4, 2, &[1.0; 8])).unwrap();
    // Nothing is drawn: the figure is the note alone.
    assert!(figure_note(&c).is_some() && matches!(final_figure(&c), Figure::Note(_)));
    assert_eq!(choice(&c, "equations"), None);
    // Three unknowns: each equation is a plane, so the figure goes back to the column picture.
    crate::chapter::AnyChapter::set_input(&mut c, "A", DMatrix::from_row_slice(3, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]))
        .unwrap();
    assert!(space_at(&c, &Timeline::new(0)).is_some());
    assert_eq!(equation_of(&DMatrix::from_row_slice(1, 2, &[0.0, 0.0]), &DMatrix::from_element(1, 1, 2.0), 0), "0 = 2");
    assert_eq!(equation_of(&DMatrix::from_row_slice(1, 2, &[0.0, -3.0]), &DMatrix::from_element(1, 1, 2.0), 0), "−3y = 2");
}
