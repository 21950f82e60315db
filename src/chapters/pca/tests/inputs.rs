//! The inputs: what P, d and the generator accept, the generator itself, which inputs a link carries
//! (the recipe or the points), the code panel, and pasting points into the page.

use super::*;
use crate::page::{Changes, Msg, Page};
use crate::state::route::ChapterLink;
use crate::view::timeline::Timeline;

#[test]
fn invalid_point_sets_are_rejected_with_a_sentence() {
    let mut c = build();
    let err = set(&mut c, "P", DMatrix::from_row_slice(1, 2, &[1.0, 2.0])).unwrap_err();
    assert!(err.contains("at least 2 points"), "{err}");
    let err = set(&mut c, "P", DMatrix::from_row_slice(2, 4, &[1.0; 8])).unwrap_err();
    assert!(err.contains("2 or 3 coordinates") && err.contains("have 4"), "{err}");
    let err = set(&mut c, "P", DMatrix::from_row_slice(2, 1, &[1.0, 2.0])).unwrap_err();
    assert!(err.contains("have 1"), "{err}");
    let err = set(&mut c, "P", DMatrix::from_row_slice(2, 2, &[1.0, f64::NAN, 0.0, 0.0])).unwrap_err();
    assert!(err.contains("finite"), "{err}");
    let err = set(&mut c, "d", DMatrix::zeros(2, 1)).unwrap_err();
    assert!(err.contains("non-zero"), "{err}");
    let err = set(&mut c, "d", DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 1.0])).unwrap_err();
    assert!(err.contains("must match"), "{err}");
    assert!(set(&mut c, "Q", DMatrix::zeros(2, 2)).is_err());
    assert!(choose(&mut c, "view", "<b>").is_err());
    assert!(choose(&mut c, "nope", "raw").is_err());
    // Nothing changed.
    assert_eq!(inputs(&c), inputs(&build()));
}

#[test]
fn d_is_kept_unit_and_exact() {
    let mut c = build();
    set(&mut c, "d", DMatrix::from_column_slice(2, 1, &[12.0, 26.0])).unwrap();
    let d = vector(&c, "d");
    assert!(close(d[0].hypot(d[1]), 1.0, 1e-15) && close(d[1] / d[0], 26.0 / 12.0, 1e-14));
    // A unit d is stored untouched, so URLs round-trip bit for bit.
    let unit_d = DMatrix::from_column_slice(2, 1, &[0.6, 0.8]);
    set(&mut c, "d", unit_d.clone()).unwrap();
    assert_eq!(c.d, unit_d);
    set(&mut c, "d", DMatrix::from_column_slice(2, 1, &[1e300, 1e300])).unwrap();
    let d = vector(&c, "d");
    assert!(close(d[0], std::f64::consts::FRAC_1_SQRT_2, 1e-15), "{d:?}");
}

#[test]
fn generator_inputs_are_checked() {
    let mut c = build();
    let one = |x: f64| DMatrix::from_element(1, 1, x);
    for (name, x, why) in [
        ("n", 1.0, "whole number"),
        ("n", 2.5, "whole number"),
        ("n", 100_001.0, "100"),
        ("corr", 1.5, "between −1 and 1"),
        ("noise", -0.1, "0 to 10"),
    ] {
        let err = set(&mut c, name, one(x)).unwrap_err();
        assert!(err.contains(why), "{name}={x}: {err}");
    }
    // The limit is written with a thin space, as the page writes counts.
    assert_eq!(set(&mut c, "n", one(0.0)).unwrap_err(), format!("n is a whole number of points from 2 to {}", display_count(MAX_POINTS)));
    assert!(set(&mut c, "n", DMatrix::from_column_slice(2, 1, &[3.0, 4.0])).unwrap_err().contains("one number"));
    // dim is a choice of two: anything else is refused with the list.
    for bad in ["4", "2.5", "1"] {
        assert_eq!(choose(&mut c, "dim", bad).unwrap_err(), format!("“{bad}” is not one of 2, 3"));
    }
    assert_eq!(inputs(&c), inputs(&build()), "nothing changed");
    let input = |name: &str| inputs(&c).into_iter().find(|i| i.name == name).unwrap();
    assert_eq!(input("corr").slider, Some(crate::chapter::SliderRange { min: -1.0, max: 1.0, step: 0.05 }));
    assert!(input("P").slider.is_none());
    assert!(input("P").paste && !input("d").paste);
}

#[test]
fn the_generator_is_reproducible_and_has_the_asked_correlation() {
    let g = Generator { n: 100_000, corr: 0.8, noise: 0.0, dim: 2 };
    let p = g.points();
    assert_eq!(p, g.points(), "same recipe, same points");
    assert_eq!(p.shape(), (100_000, 2));
    // The standard error of a sample correlation is about (1 − ρ²)/√n ≈ 0.001 here.
    assert!((correlation(&p) - 0.8).abs() < 0.01, "{}", correlation(&p));
    // Noise σ on each coordinate divides the correlation by 1 + σ².
    let noisy = Generator { n: 100_000, corr: -0.6, noise: 0.5, dim: 2 }.points();
    assert!((correlation(&noisy) + 0.6 / 1.25).abs() < 0.01, "{}", correlation(&noisy));
    let independent = Generator { n: 100_000, corr: 0.0, noise: 0.3, dim: 2 }.points();
    assert!(correlation(&independent).abs() < 0.01);
    // More points extend the same stream: the first ten stay put.
    let ten = Generator { n: 10, ..g }.points();
    assert_eq!(ten, p.rows(0, 10).into_owned());
    // Two decimals, centred near (2, 1).
    assert!(p.iter().all(|x| (x * 100.0 - (x * 100.0).round()).abs() < 1e-6));
    let a = principal_components(&p).unwrap();
    assert!((a.mean[0] - 2.0).abs() < 0.02 && (a.mean[1] - 1.0).abs() < 0.02, "{:?}", a.mean);
}

#[test]
fn the_generator_makes_3d_points_that_link_their_recipe() {
    let g = Generator { n: 100_000, corr: 0.9, noise: 0.0, dim: 3 };
    let p = g.points();
    assert_eq!(p.shape(), (100_000, 3));
    // z follows y as y follows x: corr(x, y) = corr(y, z) = 0.9, corr(x, z) = 0.81.
    let a = principal_components(&p).unwrap();
    let cov = &a.scaled_covariance;
    let r = |i: usize, j: usize| cov[(i, j)] / (cov[(i, i)] * cov[(j, j)]).sqrt();
    assert!((r(0, 1) - 0.9).abs() < 0.01 && (r(1, 2) - 0.9).abs() < 0.01 && (r(0, 2) - 0.81).abs() < 0.01, "{cov}");
    assert!((a.mean[2] - 1.0).abs() < 0.02);
    // The 2-D stream is untouched by the third coordinate's existence.
    let flat = Generator { dim: 2, ..g }.points();
    assert_eq!(flat.shape(), (100_000, 2));
    assert_eq!(Generator { n: 10, ..g }.points(), p.rows(0, 10).into_owned());
    // In a link: the recipe with dim, drawn in space, in any order.
    let c = page(&[("n", "200"), ("corr", "0.9"), ("noise", "0.1"), ("dim", "3")]);
    assert_eq!(keys(&c), ["n", "corr", "noise", "d", "dim"]);
    assert_eq!(value(&c, "d"), Value::Vector(vec![1.0, 0.0, 0.0]));
    assert!(space_at(&c, &Timeline::new(0)).is_some() && figure_note(&c).is_none());
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    let shuffled = page(&[("dim", "3"), ("noise", "0.1"), ("n", "200"), ("corr", "0.9")]);
    assert_eq!(inputs(&shuffled), inputs(&c));
    let code = c.code_text();
    assert!(code.nalgebra.contains("from_row_slice(n, 3, &entries)") && code.numpy.contains("z1, z2, z3, e1, e2, e3"), "{}", code.numpy);
    // A link that sets d before dim (the page's own order: choices come after inputs) makes 3-D
    // points already at d, and keeps that d.
    let c = page(&[("n", "200"), ("corr", "0.9"), ("noise", "0.1"), ("d", "0,0.6,0.8"), ("dim", "3")]);
    assert_eq!(value(&c, "d"), Value::Vector(vec![0.0, 0.6, 0.8]));
    assert_eq!(matrix(&page(&[("n", "20"), ("d", "0,0.6,0.8")]), "P")[0].len(), 3);
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    // Pasted 3-D points pick dim = 3, which their link repeats and which keeps them; a slider moved
    // next keeps three coordinates.
    let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1")]);
    assert_eq!(keys(&c), ["P", "d", "dim"]);
    assert_eq!(vector(&c, "dim"), [3.0]);
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    assert_eq!(value(reopen(&c).as_ref(), "P"), value(&c, "P"), "the pasted points stay");
    choose(&mut c, "dim", "3").unwrap();
    assert_eq!(matrix(&c, "P").len(), 4, "picking the dimension the points have changes nothing");
    set(&mut c, "n", DMatrix::from_element(1, 1, 40.0)).unwrap();
    assert_eq!(matrix(&c, "P")[0].len(), 3);
    // And back to the plane.
    choose(&mut c, "dim", "2").unwrap();
    assert_eq!(matrix(&c, "P")[0].len(), 2);
    assert_eq!(value(&c, "d"), Value::Vector(vec![1.0, 0.0]));
    // d's entries must match pasted points.
    let mut pasted = page(&[("P", "0,2;1,4;2,0")]);
    assert!(set(&mut pasted, "d", DMatrix::from_column_slice(3, 1, &[0.0, 0.0, 1.0])).unwrap_err().contains("must match"));
}

#[test]
fn generated_points_link_their_recipe_and_round_trip() {
    let c = page(&[("n", "500"), ("corr", "-0.5"), ("noise", "0.2"), ("d", "0.6,0.8")]);
    assert_eq!(keys(&c), ["n", "corr", "noise", "d"]);
    assert_eq!(vector(&c, "n"), vec![500.0]);
    let again = reopen(&c);
    assert_eq!(again.inputs(), inputs(&c));
    assert_eq!(params_of(again.as_ref()), params_of(&c));
    assert!(note(&c, "P").is_some_and(|n| n.contains("500") && n.contains("generator")));
    assert!(note(&c, "d").is_none());
    // Any order of the recipe in the link gives the same points.
    let shuffled = page(&[("noise", "0.2"), ("d", "0.6,0.8"), ("corr", "-0.5"), ("n", "500")]);
    assert_eq!(inputs(&shuffled), inputs(&c));
}

#[test]
fn the_readers_own_points_link_themselves() {
    // The default data and points typed into a link are linked as P, not as a recipe.
    assert_eq!(keys(&build()), ["P", "d"]);
    let c = page(&[("P", "0,2;1,4;2,0"), ("view", "reconstruct"), ("k", "2")]);
    assert_eq!(keys(&c), ["P", "d", "view", "k"]);
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    // Dragging a generated point makes the data the reader's own: from then on P is linked.
    let mut c = page(&[("n", "20"), ("corr", "0.3")]);
    assert_eq!(plane_handles(&c).len(), 21);
    let at = plane_handles(&c)[5].at;
    assert!(drag(&mut c, "P:4", at + World::new(0.5, 0.0)));
    assert_eq!(keys(&c), ["P", "d"]);
    assert!(note(&c, "P").is_none());
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    // A generator input regenerates the points from the recipe again.
    set(&mut c, "noise", DMatrix::from_element(1, 1, 0.1)).unwrap();
    assert_eq!(keys(&c), ["n", "corr", "noise", "d"]);
    // Pasted points too many for a link (more than 64) are not linked, and the page says so.
    let many = Generator { n: 300, corr: 0.2, noise: 0.1, dim: 2 }.points();
    set(&mut c, "P", many).unwrap();
    assert_eq!(keys(&c), ["d"]);
    assert!(note(&c, "P").is_some_and(|n| n.contains("300") && n.contains("link")));
}

#[test]
fn code_reproduces_the_state() {
    let code = page(&[("P", "0,2;1,4;2,0")]).code_text();
    assert!(code.numpy.contains("P = np.array([[0, 2], [1, 4], [2, 0]], dtype=float)"), "{}", code.numpy);
    assert!(code.numpy.contains("np.cov(P, rowvar=False)"));
    assert!(code.numpy.contains("np.linalg.eigh(C)"));
    assert!(code.torch.contains("torch.cov(P.T)"));
    assert!(code.nalgebra.starts_with("use nalgebra::{DMatrix, DVector, SymmetricEigen};"));
    assert!(code.nalgebra.contains("SymmetricEigen::try_new(c.clone(), f64::EPSILON, 1000)"));
}

#[test]
fn the_code_generator_in_rust_is_the_pages_generator() {
    // The Rust code panel prints our generator: its constants must be the ones the page uses.
    let code = page(&[("n", "100"), ("corr", "0.5")]).code_text().nalgebra;
    for constant in ["0x9E37_79B9_7F4A_7C15", "0xBF58_476D_1CE4_E5B9", "0x94D0_49BB_1331_11EB", "let mut state: u64 = 2012;"] {
        assert!(code.contains(constant), "{constant}");
    }
    // 100 points are more than the listed 64, so they are generated in the code, not listed.
    assert!(!code.contains("from_row_slice(100, 2, &[") && code.contains("from_row_slice(n, 2, &entries)"));
    let mut pasted = page(&[]);
    set(&mut pasted, "P", Generator { n: 80, corr: 0.0, noise: 0.0, dim: 2 }.points()).unwrap();
    assert!(pasted.code_text().numpy.contains("np.loadtxt(\"points.csv\""));
}

#[test]
fn pasting_points_loads_them_or_names_the_row_and_keeps_the_state() {
    let mut page = Page::open(crate::chapters::find("pca").unwrap(), &ChapterLink::new("pca", Vec::new()));
    let before = format!("{:?}", page.chapter().inputs());
    let ch = page.update(Msg::Paste { input: "P", text: "x,y\n0,2\n1,4\nabc,0\n".into() });
    assert!(!ch.state && ch.messages);
    let message = &page.cell_errors()["P"].message;
    assert!(message.contains("Row 4: “abc” is not a number") && message.contains("last valid points are kept"), "{message}");
    assert_eq!(format!("{:?}", page.chapter().inputs()), before);
    let ch = page.update(Msg::Paste { input: "P", text: "1,1\n".into() });
    assert!(page.cell_errors()["P"].message.contains("at least 2 points"), "{:?}", ch);
    let ch = page.update(Msg::Paste { input: "P", text: "x;y\n0;2\n1;4\n2;0\n".into() });
    assert!(ch.state && ch.controls && page.cell_errors().is_empty());
    assert!(page.hash().contains("P=0,2;1,4;2,0"), "{}", page.hash());
    // d does not accept pastes.
    assert_eq!(page.update(Msg::Paste { input: "d", text: "1,0".into() }), Changes::default());
    // A generator input rebuilds the editors (P's cells give way to a note), a d edit does not.
    assert!(page.update(Msg::EditCell { input: "corr", row: 0, col: 0, text: "0.5".into() }).controls);
    assert!(!page.update(Msg::EditCell { input: "corr", row: 0, col: 0, text: "0.6".into() }).controls);
    assert!(!page.update(Msg::EditCell { input: "d", row: 0, col: 0, text: "2".into() }).controls);
}
