//! The tensors page's unit tests: the plane views, the inputs, the code and the algebra; the
//! transpose and the stack views have their own files.

mod stack_view;
mod transpose_view;

use super::*;
use crate::chapter::testing::*;
use crate::chapter::Figure;
use crate::chapter::Options;
use crate::chapter::{from_params, initial, to_params};
use crate::readout::Value;
use crate::view::scene::{Role, Shape};
use crate::view::space::{Camera, Space};
use crate::view::timeline::Timeline;
use crate::view::viewport::World;
use proptest::prelude::*;

fn page(p: &[(&str, &str)]) -> Tensors {
    open::<Tensors>(p)
}

fn build() -> Tensors {
    open::<Tensors>(&[])
}

fn problems(p: &[(&str, &str)]) -> Vec<String> {
    crate::chapter::testing::problems::<Tensors>(p)
}

/// The page opened from a link, through the generic layer (falling back to the default on a problem).
fn reopen(params: &[(String, String)]) -> (Box<dyn crate::chapter::AnyChapter>, Vec<String>) {
    from_params(|| Box::new(initial::<Tensors>().unwrap()), params)
}

/// The stack view's figure in space (panics when it is not drawn).
fn stack_space(c: &Tensors) -> Space {
    space_at(c, &Timeline::new(0)).expect("the stack is drawn in space")
}

/// Sets an input through the shared checks, as the page does.
fn set(c: &mut Tensors, name: &str, value: DMatrix<f64>) -> Result<(), ChapterError> {
    crate::chapter::AnyChapter::set_input(c, name, value)
}

/// Picks a view, as the page does.
fn choose(c: &mut Tensors, name: &str, value: &str) -> Result<(), ChapterError> {
    crate::chapter::AnyChapter::set_choice(c, name, value)
}

/// The box a plane figure is fitted to; panics for a 3-D figure or a note.
fn bounds_of(c: &Tensors) -> (World, World) {
    match final_figure(c) {
        Figure::Plane { bounds, .. } => bounds,
        other => panic!("not a plane figure: {other:?}"),
    }
}

fn m(rows: &[&[f64]]) -> Value {
    Value::Matrix(rows.iter().map(|r| r.to_vec()).collect())
}

#[test]
fn the_default_is_the_notebooks_example() {
    let c = build();
    assert_eq!(value(&c, "shape"), Value::Vector(vec![3.0, 2.0]));
    assert_eq!(value(&c, "transpose"), m(&[&[1.0, 3.0, 5.0], &[2.0, 4.0, 6.0]]));
    assert_eq!(value(&c, "transpose_shape"), Value::Vector(vec![2.0, 3.0]));
    assert_eq!(value(&c, "scaled"), m(&[&[2.0, 4.0], &[6.0, 8.0], &[10.0, 12.0]]));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[4.0, 1.0], &[6.0, 3.0], &[8.0, 5.0]]));
    assert_eq!(value(&c, "plus_s"), m(&[&[3.0, 4.0], &[5.0, 6.0], &[7.0, 8.0]]));
    assert_eq!(value(&c, "s"), Value::Number(2.0));
    assert_eq!(value(&c, "b"), Value::Vector(vec![3.0, -1.0]));
    // b has 2 entries but A has 3 rows: it cannot be a column of A.
    let col = readout(&c, "column_broadcast");
    assert_eq!(col.value, Value::Null);
    assert!(col.note.contains("(3,2) (2,1)"), "{}", col.note);
    assert!(figure_note(&c).is_none());
    assert_eq!(c.stages(), ["add b to every row"]);
}

#[test]
fn the_notebooks_other_examples() {
    // A + 4 and the column broadcast A + [[2], [4], [6]].
    let c = page(&[("s", "4"), ("b", "2,4,6")]);
    assert_eq!(value(&c, "plus_s"), m(&[&[5.0, 6.0], &[7.0, 8.0], &[9.0, 10.0]]));
    assert_eq!(value(&c, "column_broadcast"), m(&[&[3.0, 4.0], &[7.0, 8.0], &[11.0, 12.0]]));
    // numpy refuses the same b as a 1-D array: shapes (3,2) and (3,) do not broadcast.
    let sum = readout(&c, "broadcast_sum");
    assert_eq!(sum.value, Value::Null);
    assert!(sum.note.starts_with("operands could not be broadcast together with shapes (3,2) (3,)"), "{}", sum.note);
    assert!(sum.note.contains("b[:, None]"), "{}", sum.note);
    assert!(c.summary().contains("not defined"), "{}", c.summary());
    assert_eq!(c.stages(), Vec::<&str>::new());
    assert!(c.code_text().numpy.contains("this raises ValueError: A + b"), "{}", c.code_text().numpy);
}

#[test]
fn a_one_entry_b_broadcasts_as_a_scalar() {
    let c = page(&[("b", "10")]);
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[11.0, 12.0], &[13.0, 14.0], &[15.0, 16.0]]));
    assert_eq!(value(&c, "column_broadcast"), value(&c, "broadcast_sum"));
    // Every row moves by (10, 10); there is no b handle because b is not a point of the plane.
    assert!(plane_handles(&c).iter().all(|h| h.id.to_string() != "b"));
    assert!(c.summary().contains("like a scalar"));
}

#[test]
fn the_oracle_cases_by_hand() {
    let c = page(&[("A", "3;0"), ("b", "2"), ("s", "2")]);
    assert_eq!(value(&c, "shape"), Value::Vector(vec![2.0, 1.0]));
    assert_eq!(value(&c, "transpose"), m(&[&[3.0, 0.0]]));
    assert_eq!(value(&c, "scaled"), m(&[&[6.0], &[0.0]]));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[5.0], &[2.0]]));
    let c = page(&[("A", "5,2;-5,-2;2,5"), ("b", "-1,3"), ("s", "-1")]);
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[4.0, 5.0], &[-6.0, 1.0], &[1.0, 8.0]]));
}

#[test]
fn square_and_wide_matrices() {
    // A 2×2 A with a 2-entry b: b is added to the rows (numpy), not the columns.
    let c = page(&[("A", "1,2;3,4"), ("b", "10,20")]);
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[11.0, 22.0], &[13.0, 24.0]]));
    assert_eq!(value(&c, "column_broadcast"), m(&[&[11.0, 12.0], &[23.0, 24.0]]));
    // A 6×6 matrix works for every readout; the plane cannot draw it.
    let big: Vec<String> = (0..6).map(|i| (0..6).map(|j| (i * 6 + j).to_string()).collect::<Vec<_>>().join(",")).collect();
    let c = page(&[("A", &big.join(";")), ("b", "1,1,1,1,1,1")]);
    assert_eq!(value(&c, "shape"), Value::Vector(vec![6.0, 6.0]));
    let Value::Matrix(t) = value(&c, "transpose") else { panic!() };
    assert_eq!(t[1][0], 1.0);
    assert_eq!(t[0][1], 6.0);
    assert!(figure_note(&c).is_some());
    assert_eq!(c.handles(), Handles::default());
    assert!(matches!(c.figure(&Timeline::new(0)), Figure::Note(_)));
}

#[test]
fn the_figure_notes_suggest_the_transpose() {
    let mut c = build();
    choose(&mut c, "view", "columns").unwrap();
    let note = figure_note(&c).unwrap();
    assert!(note.contains("try A=1,3,5;2,4,6"), "{note}");
    assert_eq!(c.handles(), Handles::default());
    set(&mut c, "A", DMatrix::from_row_slice(2, 3, &[1.0, 3.0, 5.0, 2.0, 4.0, 6.0])).unwrap();
    assert!(figure_note(&c).is_none());
    let names: Vec<String> = plane_handles(&c).into_iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["A:0", "A:1", "A:2"]);
    assert!(c.summary().contains("a₃ = (5, 6)"), "{}", c.summary());
    choose(&mut c, "view", "rows").unwrap();
    assert!(figure_note(&c).unwrap().contains("try A=1,2;3,4;5,6"));
}

#[test]
fn dragging_a_row_edits_that_row_and_every_result() {
    let mut c = build();
    let handles = plane_handles(&c);
    let names: Vec<String> = handles.iter().map(|h| h.id.to_string()).collect();
    assert_eq!(names, ["row:0", "row:1", "row:2", "b"]);
    assert_eq!(handles[1].at, World::new(3.0, 4.0));
    assert_eq!(handles[1].label.to_string(), "row 2 of A = (3, 4)");
    assert!(drag(&mut c, "row:1", World::new(-1.0, 0.5)));
    assert_eq!(value(&c, "A"), m(&[&[1.0, 2.0], &[-1.0, 0.5], &[5.0, 6.0]]));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[4.0, 1.0], &[2.0, -0.5], &[8.0, 5.0]]));
    assert_eq!(value(&c, "transpose"), m(&[&[1.0, -1.0, 5.0], &[2.0, 0.5, 6.0]]));
    assert!(!drag(&mut c, "row:1", World::new(-1.0, 0.5)), "no change, no update");
    assert!(drag(&mut c, "b", World::new(0.0, -1.0)));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[1.0, 1.0], &[-1.0, -0.5], &[5.0, 5.0]]));
    assert!(!drag(&mut c, "row:3", World::new(1.0, 1.0)));
    // A handle id is typed: `row:x` names no handle, so it never reaches the chapter.
    assert_eq!(c.handles().find("row:x"), None);
    assert!(!drag(&mut c, "A:0", World::new(1.0, 1.0)), "A has 3 rows: no column handles");
    assert!(!drag(&mut c, "row:0", World::new(f64::NAN, 1.0)));
    assert!(!drag(&mut c, "nope", World::new(1.0, 1.0)));
}

#[test]
fn the_rows_view_draws_every_row_and_its_shifted_copy() {
    let c = build();
    let scene = plane_scene(&c, &Timeline::new(1));
    let dots: Vec<(World, Role)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role, .. } => Some((*at, *role)),
            _ => None,
        })
        .collect();
    assert!(dots.contains(&(World::new(5.0, 6.0), Role::Data)));
    assert!(dots.contains(&(World::new(8.0, 5.0), Role::Image)));
    let ghosts = scene.shapes.iter().filter(|s| matches!(s, Shape::Arrow { stroke, .. } if stroke.role == Role::Second)).count();
    assert_eq!(ghosts, 4, "b once from the origin and once from each of the 3 rows");
    // At the start of the timeline nothing has moved yet.
    let mut t = Timeline::new(1);
    t.scrub(0.0);
    assert!(plane_scene(&c, &t)
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Dot { at, role: Role::Image, .. } if *at == World::new(1.0, 2.0))));
    let (lo, hi) = bounds_of(&c);
    assert_eq!((lo, hi), (World::new(0.0, -1.0), World::new(8.0, 6.0)));
}

#[test]
fn the_rows_summary_says_where_each_row_goes() {
    assert_eq!(
        build().summary(),
        "A + b adds b = (3, −1) to each of the 3 rows of A, so every point moves by the same arrow: row 1 (1, 2) to (4, 1), row 2 \
         (3, 4) to (6, 3), row 3 (5, 6) to (8, 5)."
    );
    let c = page(&[("A", "1,1;2,2;3,3;4,4;5,5")]);
    assert!(c.summary().ends_with("every point moves by the same arrow."), "{}", c.summary());
    let c = page(&[("A", "1e308,1"), ("b", "1e308,0")]);
    assert!(c.summary().ends_with("every point moves by the same arrow."), "{}", c.summary());
}

#[test]
fn bad_inputs_name_themselves() {
    let p = problems(&[("s", "1,2")]);
    assert_eq!(p, ["Parameter s: a single number is expected, not a list."]);
    assert_eq!(problems(&[("b", "1,2;3,4")]).len(), 1);
    assert!(problems(&[("A", "1,2;3")])[0].starts_with("Parameter A:"));
    assert!(problems(&[("view", "diagonal")])[0].starts_with("Parameter view:"));
    let mut c = build();
    assert!(set(&mut c, "A", DMatrix::from_element(1, 1, f64::INFINITY)).is_err());
    assert!(set(&mut c, "B", DMatrix::from_element(1, 1, 1.0)).is_err());
    assert!(set(&mut c, "s", DMatrix::zeros(0, 1)).is_err());
    assert_eq!(to_params(&c), to_params(&build()), "rejected input leaves the state alone");
}

#[test]
fn overflow_and_underflow() {
    let c = page(&[("A", "1e308,1;1,1"), ("b", "1e308,0"), ("s", "1e200")]);
    for name in ["broadcast_sum", "scaled"] {
        let r = readout(&c, name);
        assert_eq!(r.value, Value::Null, "{name}");
        assert!(r.note.contains("overflow"), "{name}: {}", r.note);
    }
    assert_eq!(value(&c, "transpose"), m(&[&[1e308, 1.0], &[1.0, 1.0]]));
    let c = page(&[("A", "1e-200,0"), ("s", "1e-200"), ("b", "1e-200,1e-200")]);
    assert_eq!(value(&c, "scaled"), m(&[&[0.0, 0.0]]));
    assert_eq!(value(&c, "broadcast_sum"), m(&[&[2e-200, 1e-200]]));
}

#[test]
fn code_reproduces_the_state() {
    let code = build().code_text();
    assert!(code.numpy.contains("A = np.array([[1, 2], [3, 4], [5, 6]], dtype=float)"), "{}", code.numpy);
    assert!(code.numpy.contains("\ns = 2\n"), "{}", code.numpy);
    assert!(code.numpy.contains("print(\"shape =\", A.shape)  # (3, 2)"));
    assert!(code.numpy.contains("print(\"broadcast_sum =\", (A + b).tolist())  # b is added to every row"));
    assert!(code.numpy.contains("# b as a column does not fit A's rows"), "b does not fit as a column of A");
    // Every readout the page shows is printed, in numpy and PyTorch.
    for r in build().readouts() {
        if !["A", "b", "s"].contains(&r.name) {
            let printed = format!("print(\"{} =", r.name);
            assert!(code.numpy.contains(&printed) && code.torch.contains(&printed), "{}: {}", r.name, code.numpy);
        }
    }
    assert!(code.nalgebra.contains("let s = 2.0_f64;"), "{}", code.nalgebra);
    assert!(code.nalgebra.contains("|_, j| b[j]"));
    assert!(code.torch.contains("torch.Size([3, 2])"));
}

fn matrix(max: usize) -> impl Strategy<Value = DMatrix<f64>> {
    (1..=max, 1..=max)
        .prop_flat_map(|(r, c)| proptest::collection::vec(-1e6..1e6f64, r * c).prop_map(move |e| DMatrix::from_row_slice(r, c, &e)))
}

proptest! {
    #[test]
    fn transposing_twice_and_broadcasting_obey_the_algebra(a in matrix(6), k in 1usize..=7, s in -1e3..1e3f64) {
        let (rows, cols) = a.shape();
        let b = DMatrix::from_fn(k, 1, |i, _| i as f64 - 2.5);
        let mut c = build();
        set(&mut c, "A", a.clone()).unwrap();
        set(&mut c, "b", b.clone()).unwrap();
        set(&mut c, "s", DMatrix::from_element(1, 1, s)).unwrap();
        let Value::Matrix(t) = value(&c, "transpose") else { panic!("transpose") };
        prop_assert_eq!(t.len(), cols);
        prop_assert!((0..rows).all(|i| (0..cols).all(|j| t[j][i] == a[(i, j)])));
        let Value::Matrix(scaled) = value(&c, "scaled") else { panic!("scaled") };
        prop_assert!((0..rows).all(|i| (0..cols).all(|j| scaled[i][j] == s * a[(i, j)])));
        match value(&c, "broadcast_sum") {
            Value::Matrix(sum) => {
                prop_assert!(k == cols || k == 1);
                // Every row of A + b minus the same row of A is b (or the scalar b₀).
                for i in 0..rows {
                    for j in 0..cols {
                        prop_assert_eq!(sum[i][j], a[(i, j)] + b[if k == 1 { 0 } else { j }]);
                    }
                }
            }
            Value::Null => prop_assert!(k != cols && k != 1),
            other => prop_assert!(false, "{:?}", other),
        }
        // Dragging any row of a 2-column A changes exactly that row.
        if cols == 2 {
            let i = rows - 1;
            drag(&mut c, &format!("row:{i}"), World::new(7.0, -3.0));
            let Value::Matrix(now) = value(&c, "A") else { panic!("A") };
            prop_assert_eq!(&now[i], &vec![7.0, -3.0]);
            prop_assert!((0..i).all(|r| now[r] == vec![a[(r, 0)], a[(r, 1)]]));
        }
        // The stack holds A, s·A and A + b (when it exists), and is drawn with finite points.
        choose(&mut c, "view", "stack").unwrap();
        let fits = k == cols || k == 1;
        let Value::Vector(shape) = value(&c, "stack_shape") else { panic!("stack_shape") };
        prop_assert_eq!(shape, vec![if fits { 3.0 } else { 2.0 }, rows as f64, cols as f64]);
        let Value::List(stack) = value(&c, "stack") else { panic!("stack") };
        prop_assert_eq!(&stack[0], &value(&c, "A"));
        prop_assert_eq!(&stack[1], &value(&c, "scaled"));
        prop_assert_eq!(stack.get(2).cloned(), fits.then(|| value(&c, "broadcast_sum")));
        let scene = stack_space(&c).project(&Camera::new(s, s / 3.0));
        let drawn = format!("{scene:?}");
        prop_assert!(!drawn.contains("NaN") && !drawn.contains("inf"), "{}", drawn);
    }
}

proptest! {
    #[test]
    fn every_view_is_sound_at_any_shape(a in matrix(9), k in 1usize..=9, s in -1e300..1e300f64, view in 0usize..4) {
        let mut c = build();
        set(&mut c, "A", a).unwrap();
        set(&mut c, "b", DMatrix::from_fn(k, 1, |i, _| i as f64 * 1e300)).unwrap();
        set(&mut c, "s", DMatrix::from_element(1, 1, s)).unwrap();
        choose(&mut c, "view", View::ALL[view].key()).unwrap();
        check_everything(&c)?;
    }
}
