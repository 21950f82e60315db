//! Component coordinates: the `scores` and `singular_values` readouts against numpy's numbers and the
//! definitions, the `pcs` view on the plane and in space, its summary, and the `dim` choice.

use super::*;
use proptest::prelude::*;

/// The three points of the text and their numpy values: X = P − mean = [[−1, 0], [0, 2], [1, −2]];
/// numpy's SVD of X gives σ = [2.93352199, 1.18086778]; the components with the page's signs are
/// PC₁ = (−0.28978415, 0.95709203) and PC₂ = (0.95709203, 0.28978415).
const THREE: &str = "0,2;1,4;2,0";
const PC1: [f64; 2] = [-0.289_784_148_688_43, 0.957_092_026_489_053];
const PC2: [f64; 2] = [0.957_092_026_489_053, 0.289_784_148_688_43];
const CENTRED: [[f64; 2]; 3] = [[-1.0, 0.0], [0.0, 2.0], [1.0, -2.0]];

fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

/// The arrows of a plane scene: (label, from, to).
fn arrows(c: &Pca) -> Vec<(String, World, World)> {
    plane_scene(c, &Timeline::new(0))
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Arrow { from, to, label: Some(l), .. } => Some((l, from, to)),
            _ => None,
        })
        .collect()
}

/// The dots of a plane scene in a role.
fn dots(c: &Pca, role: Role) -> Vec<World> {
    plane_scene(c, &Timeline::new(0))
        .shapes
        .into_iter()
        .filter_map(|s| match s {
            Shape::Dot { at, role: r, .. } if r == role => Some(at),
            _ => None,
        })
        .collect()
}

#[test]
fn scores_are_the_centred_points_times_the_components() {
    let c = page(&[("P", THREE), ("k", "2")]);
    let scores = matrix(&c, "scores");
    assert_eq!((scores.len(), scores[0].len()), (3, 2));
    for (row, x) in scores.iter().zip(CENTRED) {
        assert!(close(row[0], dot(x, PC1), 1e-14) && close(row[1], dot(x, PC2), 1e-14), "{row:?}");
    }
    assert!(readout(&c, "scores").note.contains("3×2"));
    // k = 1: one number per point, the first column.
    let one = matrix(&page(&[("P", THREE)]), "scores");
    assert_eq!(one.iter().map(|r| r.len()).collect::<Vec<_>>(), [1, 1, 1]);
    assert!(one.iter().zip(&scores).all(|(a, b)| a[0] == b[0]));
    // Each column's variance is its λ; the columns are uncorrelated.
    let ev = vector(&c, "explained_variance");
    let var = |j: usize| scores.iter().map(|r| r[j] * r[j]).sum::<f64>() / 2.0;
    assert!(close(var(0), ev[0], 1e-13) && close(var(1), ev[1], 1e-13));
    assert!(scores.iter().map(|r| r[0] * r[1]).sum::<f64>().abs() < 1e-13);
}

#[test]
fn singular_values_square_to_the_explained_variances() {
    let c = page(&[("P", THREE)]);
    let sigma = vector(&c, "singular_values");
    assert!(close(sigma[0], 2.933_521_99, 1e-8) && close(sigma[1], 1.180_867_78, 1e-8), "{sigma:?}");
    for c in [build(), page(&[("n", "500"), ("corr", "0.7"), ("dim", "3")])] {
        let (sigma, ev) = (vector(&c, "singular_values"), vector(&c, "explained_variance"));
        let m = c.p.nrows() as f64;
        for (s, l) in sigma.iter().zip(&ev) {
            assert!(close(s * s / (m - 1.0), *l, 1e-12), "{s}² / {} vs {l}", m - 1.0);
        }
        assert!(readout(&c, "singular_values").note.contains("σᵢ²/(m − 1)"));
    }
    // Two points in space have two singular values; the third λ is 0, and the note says so.
    let two = page(&[("P", "0,0,0;1,2,3")]);
    assert_eq!(vector(&two, "singular_values").len(), 2);
    assert!(readout(&two, "singular_values").note.contains("only 2 singular values"));
}

#[test]
fn beyond_64_points_the_scores_are_null_with_a_reason() {
    let c = page(&[("n", "65"), ("view", "pcs")]);
    let r = readout(&c, "scores");
    assert_eq!(r.value, Value::Null);
    assert!(r.note.contains("65×1") && r.note.contains("64"), "{}", r.note);
    assert_eq!(matrix(&page(&[("n", "64")]), "scores").len(), 64);
    // The statistics and σ still use every point.
    assert_eq!(vector(&c, "singular_values").len(), 2);
}

#[test]
fn the_pcs_view_draws_the_scores_with_the_ellipse_upright() {
    let c = page(&[("P", THREE), ("view", "pcs"), ("k", "2")]);
    assert_eq!(keys(&c), ["P", "d", "view", "k"]);
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    let drawn = dots(&c, Role::Data);
    assert_eq!(drawn.len(), 3);
    for (at, x) in drawn.iter().zip(CENTRED) {
        assert!((at - World::new(dot(x, PC1), dot(x, PC2))).norm() < 1e-12, "{at:?}");
    }
    // The components lie along the axes, one standard deviation long; the mean is the origin.
    let ev = vector(&c, "explained_variance");
    let a = arrows(&c);
    assert_eq!(a.iter().map(|(l, ..)| l.as_str()).collect::<Vec<_>>(), ["PC₁", "PC₂"]);
    assert!((a[0].2 - World::new(ev[0].sqrt(), 0.0)).norm() < 1e-12 && (a[1].2 - World::new(0.0, ev[1].sqrt())).norm() < 1e-12);
    assert_eq!(dots(&c, Role::Input), [World::zeros()]);
    // Nothing is dragged here: the axes are the components themselves.
    assert!(handle_names(&c).is_empty());
    let mut moved = c.clone();
    assert!(!drag(&mut moved, "P:0", World::new(3.0, 3.0)) && !drag(&mut moved, "d", World::new(0.0, 1.0)));
    let summary = c.summary();
    assert!(summary.contains("λ₁ = 4.3028, λ₂ = 0.6972") && summary.contains("nothing is lost"), "{summary}");
}

#[test]
fn keeping_one_component_drops_each_point_onto_the_first_axis() {
    let c = page(&[("P", THREE), ("view", "pcs")]);
    let kept = dots(&c, Role::Data);
    let ghosts = dots(&c, Role::Ghost);
    assert_eq!((kept.len(), ghosts.len()), (3, 3));
    for ((k, g), x) in kept.iter().zip(&ghosts).zip(CENTRED) {
        assert!((k - World::new(dot(x, PC1), 0.0)).norm() < 1e-12 && (g - World::new(dot(x, PC1), dot(x, PC2))).norm() < 1e-12);
    }
    let summary = c.summary();
    assert!(summary.contains("one number per point") && summary.contains("86.1%"), "{summary}");
}

#[test]
fn points_on_a_line_have_a_second_variance_of_exactly_0_in_words() {
    // On a line in exact arithmetic; in floats λ₂ may come out as rounding noise, never shown as such.
    for p in ["0,0;1,2;2,4;3,6.000000000000001", "0.1,0.7;0.2,1.4;0.3,2.1;0.7,4.9", "0.1,0.3;0.2,0.6;0.3,0.9"] {
        let c = page(&[("P", p), ("view", "pcs")]);
        let summary = c.summary();
        assert!(summary.contains("λ₂ = 0.") && !summary.contains("e-"), "{p}: {summary}");
    }
}

#[test]
fn three_coordinates_are_drawn_in_space_only_when_all_three_are_kept() {
    let mut c = page(&[("P", "1,0,0;0,2,0;0,0,3;1,1,1;2,1,0"), ("view", "pcs"), ("k", "3")]);
    let space = space_at(&c, &Timeline::new(0)).expect("in space");
    assert!(space_handles(&c).is_empty() && c.handles().in_space());
    let scores = matrix(&c, "scores");
    let drawn = space_dots(&space, Role::Data);
    assert_eq!(drawn.len(), 5);
    for (at, s) in drawn.iter().zip(&scores) {
        assert!(near3(*at, Point3::new(s[0], s[1], s[2])), "{at:?} vs {s:?}");
    }
    let labels: Vec<String> = space_arrows(&space).into_iter().map(|(l, ..)| l).collect();
    assert_eq!(labels, ["PC₁", "PC₂", "PC₃"]);
    // Two kept: the code is two numbers per point, drawn on the plane.
    choose(&mut c, "k", "2").unwrap();
    assert!(space_at(&c, &Timeline::new(0)).is_none() && !c.handles().in_space());
    let flat = dots(&c, Role::Data);
    assert!(flat.iter().zip(&scores).all(|(at, s)| (at - World::new(s[0], s[1])).norm() < 1e-12));
    assert!(c.summary().contains("two numbers per point"), "{}", c.summary());
}

#[test]
fn many_points_in_component_coordinates_are_a_cloud_with_a_sampled_drop_each() {
    let c = page(&[("n", "2000"), ("view", "pcs")]);
    let shapes = shapes(&c);
    assert!(shapes.iter().any(|s| matches!(s, Shape::Points { at, .. } if at.len() == 2000)));
    let drops = shapes.iter().filter(|s| matches!(s, Shape::Polyline { .. })).count();
    assert_eq!(drops, 100);
    assert!(c.summary().contains("drops onto the PC₁ axis are drawn for 100 of the 2\u{2009}000 points"), "{}", c.summary());
}

#[test]
fn the_dim_choice_generates_points_with_that_many_coordinates() {
    let mut c = page(&[("n", "100")]);
    let dim = |c: &Pca| crate::chapter::AnyChapter::choices(c).into_iter().find(|ch| ch.name == "dim").unwrap();
    assert_eq!(dim(&c).options, DIMS);
    assert_eq!(dim(&c).current, "2");
    choose(&mut c, "dim", "3").unwrap();
    assert_eq!(c.p.shape(), (100, 3));
    assert_eq!(dim(&c).current, "3");
    assert_eq!(keys(&c), ["n", "corr", "noise", "d", "dim"]);
    assert_eq!(params_of(reopen(&c).as_ref()), params_of(&c));
    // The code panel generates 3-D points too (beyond 64 points it does not list them).
    assert!(c.code_text().numpy.contains("z1, z2, z3"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// In the pcs view every state is drawn, read out and summarised without a non-finite number, and
    /// the drawn points are the scores.
    #[test]
    fn the_pcs_view_holds_for_any_points(n in 2usize..=8, d in 2usize..=3, k in 1usize..=3, exp in -200i32..=200,
                                         entries in proptest::collection::vec(-3i8..=3, 24)) {
        let scale = 10f64.powi(exp);
        let p = DMatrix::from_fn(n, d, |i, j| f64::from(entries[i * 3 + j]) * scale);
        let mut c = page(&[("view", "pcs")]);
        set(&mut c, "P", p).unwrap();
        choose(&mut c, "k", &k.min(d).to_string()).unwrap();
        check_everything(&c)?;
        prop_assert!(!c.summary().contains("NaN") && !c.summary().contains("inf"));
        if let Value::Matrix(scores) = value(&c, "scores") {
            prop_assert_eq!(scores.len(), n);
            prop_assert_eq!(scores[0].len(), k.min(d));
        }
    }
}
