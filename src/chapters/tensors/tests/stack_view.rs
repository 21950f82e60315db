//! The stack view: the rank-3 tensor, its readouts and code, and its figure in space.

use super::*;
use crate::chapter::Figure;
use crate::view::space::{Point3, Shape3};
use crate::view::timeline::Timeline;

/// The filled cells of a space figure: (corners, role).
fn stack_cells(space: &Space) -> Vec<(Vec<Point3>, Role)> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Polygon { points, fill: Some(fill), .. } => Some((points.clone(), fill.role)),
            _ => None,
        })
        .collect()
}

/// The labels of a space figure: (text, position, role).
fn stack_labels(space: &Space) -> Vec<(String, Point3, Role)> {
    space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Label { at, text, role } => Some((text.clone(), *at, *role)),
            _ => None,
        })
        .collect()
}

/// The texts of the labels in one colour.
fn texts(labels: &[(String, Point3, Role)], role: Role) -> Vec<String> {
    labels.iter().filter(|l| l.2 == role).map(|l| l.0.clone()).collect()
}

#[test]
fn the_stack_view_stacks_a_its_multiple_and_the_broadcast_sum() {
    let c = page(&[("view", "stack")]);
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![3.0, 3.0, 2.0]));
    assert_eq!(
        value(&c, "stack"),
        Value::List(vec![
            m(&[&[1.0, 2.0], &[3.0, 4.0], &[5.0, 6.0]]),
            m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 12.0]]),
            m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]),
        ])
    );
    assert_eq!(
        value(&c, "stack").to_json(),
        "[[[1.0,2.0],[3.0,4.0],[5.0,6.0]],[[2.0,4.0],[6.0,8.0],[10.0,12.0]],[[4.0,1.0],[6.0,3.0],[8.0,5.0]]]"
    );
    let note = readout(&c, "stack_shape").note;
    assert!(note.starts_with("T = np.stack([A, s * A, A + b]): axis 0 picks one of the 3 matrices, axis 1 one of 3 rows"), "{note}");
    // The contract's readouts are those of A, whatever the view.
    assert_eq!(value(&c, "shape"), Value::Vector(vec![3.0, 2.0]));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]));
    assert!(figure_note(&c).is_none() && c.stages().is_empty());
    assert_eq!(c.handles(), Handles::Space(Vec::new()), "entries are edited in the grid");
    assert!(space_at(&c, &Timeline::new(0)).is_some(), "the figure is in space");
    assert!(space_at(&build(), &Timeline::new(0)).is_none(), "the other views stay in the plane");
    assert_eq!(
        c.summary(),
        "T = np.stack([A, s * A, A + b]) is a rank-3 tensor of shape (3, 3, 2): 3 matrices one behind the other (axis 0), each with 3 \
         rows (axis 1) and 2 columns (axis 2). T[1, 0, 1] = 4 is row 0, column 1 of s·A."
    );
    // Editing A changes every matrix of the stack.
    let mut c = c;
    set(&mut c, "A", DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 7.0])).unwrap();
    let Value::List(stack) = value(&c, "stack") else { panic!() };
    assert_eq!(stack[1], m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 14.0]]));
    assert_eq!(stack[2], m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 6.0]]));
}

#[test]
fn the_stack_is_drawn_as_sheets_of_cells_along_numpys_axes() {
    let c = page(&[("view", "stack")]);
    let space = stack_space(&c);
    let cells = stack_cells(&space);
    assert_eq!(cells.len(), 18, "3 matrices of 3×2 cells");
    for role in [Role::Data, Role::Second, Role::Image] {
        let sheet: Vec<&(Vec<Point3>, Role)> = cells.iter().filter(|c| c.1 == role).collect();
        assert_eq!(sheet.len(), 6, "{role:?}");
        // Each sheet is flat, across axis 0 (x).
        let x = sheet[0].0[0].x;
        assert!(sheet.iter().all(|c| c.0.iter().all(|p| (p.x - x).abs() < 1e-12)), "{role:?}");
    }
    let depth = |role: Role| cells.iter().find(|c| c.1 == role).unwrap().0[0].x;
    assert!(depth(Role::Data) > depth(Role::Second) && depth(Role::Second) > depth(Role::Image), "T[0] in front, axis 0 along −x");
    assert!((depth(Role::Data) + depth(Role::Image)).abs() < 1e-12, "centred on the origin");
    let labels = stack_labels(&space);
    assert_eq!(texts(&labels, Role::Data), ["T[0] = A", "1", "2", "3", "4", "5", "6"]);
    assert_eq!(texts(&labels, Role::Second), ["T[1] = s·A", "2", "4", "6", "8", "10", "12"]);
    assert_eq!(texts(&labels, Role::Image), ["T[2] = A + b", "4", "1", "6", "3", "8", "5"]);
    let axes = texts(&labels, Role::Axis);
    for text in ["axis 0", "matrix", "axis 1", "row", "axis 2", "column", "T.shape = (3, 3, 2)"] {
        assert!(axes.contains(&text.to_string()), "{text} in {axes:?}");
    }
    // Within a sheet, axis 2 (the columns) runs along +y and axis 1 (the rows) down z.
    let at = |text: &str, role: Role| labels.iter().find(|l| l.0 == text && l.2 == role).unwrap().1;
    let (a00, a01, a10) = (at("1", Role::Data), at("2", Role::Data), at("3", Role::Data));
    assert!((a01 - a00 - Point3::new(0.0, 1.0, 0.0)).norm() < 1e-12, "{a00} {a01}");
    assert!((a10 - a00 - Point3::new(0.0, 0.0, -1.0)).norm() < 1e-12, "{a00} {a10}");
    // The axis arrows: axis 1 down the front matrix, axis 2 across it, axis 0 on to the matrices behind.
    let arrows: Vec<Point3> = space
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape3::Arrow { from, to, stroke, .. } if stroke.role == Role::Axis => Some((to - from).normalize()),
            _ => None,
        })
        .collect();
    assert_eq!(arrows.len(), 3);
    for (arrow, axis) in arrows.iter().zip([-Point3::z(), Point3::y(), -Point3::x()]) {
        assert!((arrow - axis).norm() < 1e-12, "{arrow} should be {axis}");
    }
}

#[test]
fn from_the_default_viewpoint_no_sheet_hides_another() {
    let camera = Camera::default();
    for a in ["1", "1,2;3,4;5,6", "1,2,3,4,5,6,7,8", "1;2;3;4;5;6;7;8", &["1,2,3,4,5,6,7,8"; 8].join(";")] {
        let c = page(&[("view", "stack"), ("A", a), ("b", "1")]);
        let cells = stack_cells(&stack_space(&c));
        // The screen box of each sheet, in order T[0], T[1], T[2].
        let boxes: Vec<(World, World)> = [Role::Data, Role::Second, Role::Image]
            .iter()
            .map(|role| {
                let points: Vec<World> =
                    cells.iter().filter(|c| c.1 == *role).flat_map(|c| c.0.iter().map(|p| camera.project(p))).collect();
                let lo = points.iter().fold(World::repeat(f64::INFINITY), |a, p| a.inf(p));
                let hi = points.iter().fold(World::repeat(f64::NEG_INFINITY), |a, p| a.sup(p));
                (lo, hi)
            })
            .collect();
        for pair in boxes.windows(2) {
            let gap = pair[1].0.x - pair[0].1.x;
            assert!(gap > stack::SHEET_GAP - 0.1 - 1e-9, "{a}: the next sheet starts {gap} to the right");
        }
        // Turned to look along axis 0, the sheets line up: each cell covers the same place on screen.
        let along = Camera::new(0.0, 0.0);
        let first = cells.iter().find(|c| c.1 == Role::Data).unwrap();
        let last = cells.iter().find(|c| c.1 == Role::Image).unwrap();
        let same = first.0.iter().zip(&last.0).all(|(p, q)| (along.project(p) - along.project(q)).norm() < 1e-9);
        assert!(same, "{a}");
    }
}

#[test]
fn from_the_default_viewpoint_no_label_covers_another_on_a_phone() {
    let camera = Camera::default();
    for (a, b) in
        [("1,2;3,4;5,6", "3,-1"), ("1", "1"), ("1;2", "2,4,6"), ("1,2,3,4,5,6,7,8", "1"), ("1;2;3;4;5;6;7;8", "1"), ("1.5,-2;3,4", "0.5,1")]
    {
        let c = page(&[("view", "stack"), ("A", a), ("b", b)]);
        let space = stack_space(&c);
        let half = space.half_extent(&camera);
        let px_per_unit = stack::FIGURE_PX / (2.0 * half.x.max(half.y) * 1.25);
        // Each label's box in CSS px (y up): centred on its anchor, from 4 px below the baseline to 11 px above.
        let boxes: Vec<(String, f64, f64, f64, f64)> = space
            .project(&camera)
            .shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Label { at, text, .. } => {
                    let (x, y) = (at.x * px_per_unit, at.y * px_per_unit);
                    let w = text.chars().count() as f64 * 7.0;
                    Some((text, x - w / 2.0, x + w / 2.0, y - 4.0, y + 11.0))
                }
                _ => None,
            })
            .collect();
        for (i, p) in boxes.iter().enumerate() {
            for q in &boxes[i + 1..] {
                let apart = p.2 <= q.1 || q.2 <= p.1 || p.4 <= q.3 || q.4 <= p.3;
                assert!(apart, "A={a}: {p:?} overlaps {q:?}");
            }
        }
    }
}

#[test]
fn without_a_b_that_broadcasts_the_stack_holds_the_two_matrices_that_exist() {
    let c = page(&[("view", "stack"), ("b", "2,4,6")]);
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![2.0, 3.0, 2.0]));
    let Value::List(stack) = value(&c, "stack") else { panic!() };
    assert_eq!(stack.len(), 2);
    let note = readout(&c, "stack_shape").note;
    assert!(note.starts_with("A + b does not exist (shapes (3,2) and (3,) do not broadcast), so T = np.stack([A, s * A])"), "{note}");
    assert!(c.summary().starts_with("A + b does not exist"), "{}", c.summary());
    assert!(
        c.summary().starts_with(
            "A + b does not exist (shapes (3,2) and (3,) do not broadcast), so T = np.stack([A, s * A]) stacks the 2 matrices that do, \
             a rank-3 tensor of shape (2, 3, 2): 2 matrices"
        ),
        "{}",
        c.summary()
    );
    let space = stack_space(&c);
    assert_eq!(stack_cells(&space).len(), 12);
    let labels = stack_labels(&space);
    assert!(texts(&labels, Role::Image).is_empty());
    assert!(texts(&labels, Role::Axis).contains(&"T.shape = (2, 3, 2)".to_string()));
    let code = c.code_text();
    assert!(code.numpy.contains("# A + b raises, so T stacks the two matrices that exist\nT = np.stack([A, s * A])"), "{}", code.numpy);
    assert!(code.numpy.contains("T.shape)  # (2, 3, 2)"));
    assert!(code.torch.contains("T = torch.stack([A, s * A])"));
    assert!(code.nalgebra.contains("let stack = [a.clone(), scaled.clone()];"), "{}", code.nalgebra);
    // A one-entry b broadcasts as a scalar: three matrices again.
    let c = page(&[("view", "stack"), ("b", "10")]);
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![3.0, 3.0, 2.0]));
}

#[test]
fn large_stacks_are_drawn_without_numbers_and_too_large_ones_not_at_all() {
    // 6×6: every cell, but numbers would not fit in them.
    let big: Vec<String> = (0..6).map(|i| (0..6).map(|j| (i * 6 + j).to_string()).collect::<Vec<_>>().join(",")).collect();
    let c = page(&[("view", "stack"), ("A", &big.join(";")), ("b", "1")]);
    let space = stack_space(&c);
    assert_eq!(stack_cells(&space).len(), 3 * 36);
    let labels = stack_labels(&space);
    assert!(labels.iter().all(|l| l.0.starts_with(char::is_alphabetic)), "only names: {labels:?}");
    // Long numbers are not written either; the readout has them exactly.
    let c = page(&[("view", "stack"), ("A", "123456,1;2,3"), ("b", "0")]);
    assert!(stack_labels(&stack_space(&c)).iter().all(|l| l.0.starts_with(char::is_alphabetic)));
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![3.0, 2.0, 2.0]));
    // More rows than the view draws (a link allows up to 64): a note, no figure, exact readouts.
    let tall = ["1,2"; 9].join(";");
    let c = page(&[("view", "stack"), ("A", &tall)]);
    let note = figure_note(&c).unwrap();
    assert!(note.contains("for up to 8 rows and columns") && note.contains("now A is 9×2"), "{note}");
    assert!(space_at(&c, &Timeline::new(0)).is_none());
    assert!(matches!(c.figure(&Timeline::new(0)), Figure::Note(_)));
    assert_eq!(c.handles(), Handles::default());
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![3.0, 9.0, 2.0]));
    let mut c = page(&[("view", "stack")]);
    set(&mut c, "A", DMatrix::zeros(64, 8)).unwrap();
    set(&mut c, "b", DMatrix::zeros(8, 1)).unwrap();
    assert!(space_at(&c, &Timeline::new(0)).is_none());
    let Value::List(stack) = value(&c, "stack") else { panic!() };
    assert_eq!((stack.len(), c.code_text().numpy.contains("T.shape)  # (3, 64, 8)")), (3, true));
    set(&mut c, "A", DMatrix::zeros(2, 9)).unwrap();
    assert!(figure_note(&c).is_some() && space_at(&c, &Timeline::new(0)).is_none());
}

#[test]
fn an_overflowing_matrix_leaves_the_stack_null_and_the_shape_exact() {
    let c = page(&[("view", "stack"), ("A", "1e300,1;1,1"), ("s", "1e10"), ("b", "0,0")]);
    let r = readout(&c, "stack");
    assert_eq!(r.value, Value::Null);
    assert!(r.note.starts_with("T[1] = s·A has an entry too large") && r.note.contains("overflow"), "{}", r.note);
    assert_eq!(value(&c, "stack_shape"), Value::Vector(vec![3.0, 2.0, 2.0]));
    // Still drawn; the overflowing cell shows no number.
    let space = stack_space(&c);
    assert!(space.project(&Camera::default()).shapes.iter().all(|s| !format!("{s:?}").contains("NaN")));
    assert!(c.summary().contains("T[1, 0, 1] = 1e10"), "{}", c.summary());
}

#[test]
fn the_stack_view_round_trips_through_the_url_and_its_code() {
    let c = page(&[("view", "stack"), ("A", "1,2;3,4"), ("b", "5,6"), ("s", "-1")]);
    let params = to_params(&c);
    assert!(params.contains(&("view".to_string(), "stack".to_string())), "{params:?}");
    let (again, problems) = reopen(&params);
    assert!(problems.is_empty());
    assert_eq!(to_params(again.as_ref()), params);
    assert_eq!(again.readouts(), c.readouts());
    assert!(problems_of_view("Stack").starts_with("Parameter view:"), "option values are lower case");
    let code = c.code_text();
    assert!(
        code.numpy.contains("\nT = np.stack([A, s * A, A + b])  # a new axis 0 in front\nprint(\"stack_shape =\", T.shape)  # (3, 2, 2)\n"),
        "{}",
        code.numpy
    );
    assert!(code.numpy.contains("print(T[:, 0, 0])  # entry (0, 0) of every matrix: [1, -1, 6]"), "{}", code.numpy);
    assert!(
        code.torch.contains("T = torch.stack([A, s * A, A + b])\nprint(\"stack_shape =\", T.shape)  # torch.Size([3, 2, 2])"),
        "{}",
        code.torch
    );
    assert!(code.nalgebra.contains("// nalgebra has no rank-3 tensor"), "{}", code.nalgebra);
    assert!(code.nalgebra.contains(
        "let stack = [a.clone(), scaled.clone(), sum.clone()];\nlet stack_shape = (stack.len(), stack[0].nrows(), stack[0].ncols()); // (3, 2, 2)"
    ));
    // Other views print the stack too (its readouts are always shown), without the view's extra lines.
    let other = build().code_text().numpy;
    assert!(other.contains("T = np.stack([A, s * A, A + b])") && !other.contains("T[:, 0, 0]"), "{other}");
}

/// The problems of a link that picks this view.
fn problems_of_view(view: &str) -> String {
    problems(&[("view", view)]).join(" ")
}
