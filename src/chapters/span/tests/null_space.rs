//! The null space on the span page: the readout against numpy-known bases, the dashed line or plane
//! in each picture, the words for "one solution plus the null space", rounding noise kept out of
//! sentences, and the code panel (relative pinv cutoff, every readout printed).

use super::*;

fn rows(c: &Span) -> Vec<Vec<f64>> {
    match value(c, "null_space") {
        Value::Matrix(rows) => rows,
        other => panic!("{other:?}"),
    }
}

fn null_lines(scene: &Scene) -> usize {
    scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Line { stroke, label: Some(l), .. } if stroke.role == Role::Eigen && l == "Ax = 0"))
        .count()
}

#[test]
fn the_readout_is_an_orthonormal_basis_as_numpy_prints_it() {
    // Independent columns: only 0 (numpy: the SVD leaves no right singular vector for a zero singular value).
    assert!(rows(&build()).is_empty());
    // u = (1, 2), v = (2, 4): v = 2u, so (2, −1)/√5 goes to 0; the largest entry is positive.
    let c = page(&[("A", "1,2;2,4"), ("b", "3,6")]);
    let r = rows(&c);
    let s5 = 5f64.sqrt();
    assert!(r.len() == 1 && (r[0][0] - 2.0 / s5).abs() < 1e-15 && (r[0][1] + 1.0 / s5).abs() < 1e-15, "{r:?}");
    // The notebook's underdetermined {8x + y + z = 1, x + y + z = 1}: x = 0, y = −z, the line (0, 1, −1)/√2.
    let c = page(&[("A", "8,1,1;1,1,1"), ("b", "1,1")]);
    let r = rows(&c);
    let h = 0.5f64.sqrt();
    assert!(r.len() == 1 && r[0][0] == 0.0 && (r[0][1] - h).abs() < 1e-15 && (r[0][2] + h).abs() < 1e-15, "{r:?}");
    assert!(c.summary().contains("x = (0, 0.5, 0.5) + t·(0, 0.7071, −0.7071) for every t"), "{}", c.summary());
    // Three columns on one line: a plane of amounts, two orthonormal rows.
    let c = page(&[("A", "1,2,3;2,4,6;3,6,9"), ("b", "1,2,3")]);
    let r = rows(&c);
    assert_eq!(r.len(), 2);
    let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(a, b)| a * b).sum::<f64>();
    assert!((dot(&r[0], &r[1])).abs() < 1e-15 && (dot(&r[0], &r[0]) - 1.0).abs() < 1e-15);
    assert!(readout(&c, "null_space").note.contains("a plane"));
    // A tall matrix of independent columns: nothing but 0 even though A is not square.
    assert!(rows(&page(&[("A", "0.5,-1;1,1;7,-1"), ("b", "-1,4,2")])).is_empty());
}

#[test]
fn every_picture_draws_the_null_space_of_dependent_columns() {
    let c = page(&[("A", "1,2;2,4"), ("b", "3,6")]);
    assert_eq!(null_lines(&plane_scene(&c, &Timeline::new(0))), 1);
    assert_eq!(null_lines(&plane_scene(&build(), &Timeline::new(0))), 0);
    let rows_picture = page(&[("A", "1,2;2,4"), ("b", "3,6"), ("picture", "rows")]);
    assert_eq!(null_lines(&plane_scene(&rows_picture, &Timeline::new(0))), 1);
    assert!(rows_picture.summary().contains("the shortest solution A⁺b = (0.6, 1.2) plus the dashed line"), "{}", rows_picture.summary());
    // In space: a line for rank 2, a plane for rank 1, none for independent columns.
    let line = space_at(&page(&[("A", "1,0,1;0,1,1;0,0,0"), ("b", "1,1,0")]), &Timeline::new(0)).unwrap();
    assert!(line
        .shapes
        .iter()
        .any(|s| matches!(s, Shape3::Line { stroke, label: Some(l), .. } if stroke.role == Role::Eigen && l == "Ax = 0")));
    let plane = space_at(&page(&[("A", "1,2,3;2,4,6;3,6,9"), ("b", "1,2,3")]), &Timeline::new(0)).unwrap();
    assert!(plane.shapes.iter().any(|s| matches!(s, Shape3::Polygon { fill: Some(f), .. } if f.role == Role::Eigen)));
    let none = space_at(&page(&[("A", "1,0,0;0,1,0;0,0,1"), ("b", "1,2,3")]), &Timeline::new(0)).unwrap();
    assert!(!none.shapes.iter().any(|s| matches!(s, Shape3::Line { stroke, .. } if stroke.role == Role::Eigen)));
}

#[test]
fn sentences_show_rounding_noise_as_zero() {
    // A⁺b for b = (6, 3) is (6.7e-16, 3) in floats: the words say 0·u.
    let c = page(&[("b", "6,3")]);
    assert!(matches!(value(&c, "coefficients"), Value::Vector(x) if x[0] != 0.0));
    assert!(c.summary().contains("b = 0·u + 3·v"), "{}", c.summary());
    assert!(readout(&c, "coefficients").note.contains("b = 0·u + 3·v"), "{}", readout(&c, "coefficients").note);
    let rows_picture = page(&[("b", "6,3"), ("picture", "rows")]);
    assert!(rows_picture.summary().contains("x = (0, 3)"), "{}", rows_picture.summary());
}

#[test]
fn the_det_note_follows_the_rank() {
    let c = page(&[("A", "1,2;2,4.000000000000001"), ("b", "1,2")]);
    assert_eq!(value(&c, "independent"), Value::Bool(false));
    assert!(matches!(value(&c, "det"), Value::Number(d) if d != 0.0));
    assert!(readout(&c, "det").note.contains("dependent"), "{}", readout(&c, "det").note);
    let c = page(&[("A", "1e-200,0;0,1e-200"), ("b", "1,1")]);
    assert_eq!(value(&c, "independent"), Value::Bool(true));
    assert!(readout(&c, "det").note.contains("too small"), "{}", readout(&c, "det").note);
}

#[test]
fn the_code_panel_prints_every_readout_and_cuts_off_relative_to_sigma_1() {
    for params in
        [&[][..], &[("A", "1,2;2,4"), ("b", "1,0")][..], &[("A", "8,1,1;1,1,1"), ("b", "1,1")][..], &[("A", "1,2,3;2,4,6;3,6,9")][..]]
    {
        let c = page(params);
        let code = c.code_text();
        assert!(code.nalgebra.contains("s.pseudo_inverse(1e-15 * s.singular_values.max())"), "{}", code.nalgebra);
        for r in c.readouts() {
            if ["A", "b"].contains(&r.name) {
                continue;
            }
            let printed = format!("print(\"{} =", r.name);
            assert!(code.numpy.contains(&printed) && code.torch.contains(&printed), "{params:?}: {}\n{}", r.name, code.numpy);
        }
    }
}
