//! The statistics: the default data, the seed's small example, degenerate, repeated, collinear, tiny
//! and huge point sets, the scree chart, and k following the dimension.

use super::*;
use crate::view::timeline::Timeline;

#[test]
fn the_scree_chart_shows_each_components_share_and_the_running_total() {
    let c = build();
    let chart = c.chart().expect("a chart for the seed's points");
    let shares: Vec<f64> = chart.series[0].points.iter().map(|p| p.1).collect();
    let ratio = vector(&c, "explained_variance_ratio");
    assert_eq!(shares.len(), ratio.len());
    assert!(shares.iter().zip(&ratio).all(|(a, b)| (a - b).abs() < 1e-12), "{shares:?} vs {ratio:?}");
    assert!((chart.series[1].points.last().unwrap().1 - 1.0).abs() < 1e-12);
}

#[test]
fn the_default_is_thirty_points_along_y_equals_2x_plus_1() {
    let c = build();
    let p = matrix(&c, "P");
    assert_eq!(p.len(), DEFAULT_POINTS);
    assert!(p.iter().all(|r| (0.0..=5.0).contains(&r[0]) && (r[1] - (2.0 * r[0] + 1.0)).abs() < 3.5), "{p:?}");
    // Two decimals, so the URL stays short.
    assert!(p.iter().flatten().all(|x| (x * 100.0 - (x * 100.0).round()).abs() < 1e-9));
    let url: usize = params_of(&c).iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    assert!(url < 1000, "{url}");
    // Like the seed's data: PC₁ about 65° from the x-axis, keeping about 97% of the variance.
    let pc = matrix(&c, "components");
    let angle = pc[0][1].atan2(pc[0][0]).to_degrees();
    assert!((60.0..70.0).contains(&angle), "{angle}");
    let ratio = vector(&c, "explained_variance_ratio");
    assert!(ratio[0] > 0.95 && ratio[0] < 0.99, "{ratio:?}");
    // Our statistics equal the textbook definitions and the closed form.
    let (mean, cov) = reference(&rows(&c.p));
    let got = vector(&c, "mean");
    assert!(close(got[0], mean[0], 1e-13) && close(got[1], mean[1], 1e-13));
    let got = matrix(&c, "covariance");
    for i in 0..2 {
        for j in 0..2 {
            assert!(close(got[i][j], cov[i][j], 1e-12), "{got:?} {cov:?}");
        }
    }
    let (l1, l2, v1) = closed_form(cov[0][0], cov[0][1], cov[1][1]);
    let ev = vector(&c, "explained_variance");
    assert!(close(ev[0], l1, 1e-12) && close(ev[1], l2, 1e-10), "{ev:?} vs {l1} {l2}");
    assert!((pc[0][0].abs() - v1[0].abs()).abs() < 1e-12 && (pc[0][1].abs() - v1[1].abs()).abs() < 1e-12);
    // The default d is the x-axis: the projected variance is the variance of x.
    assert_eq!(value(&c, "d"), Value::Vector(vec![1.0, 0.0]));
    assert!(close(number(&c, "projected_variance"), cov[0][0], 1e-12));
    assert!(close(number(&c, "lost_variance"), cov[1][1], 1e-12));
}

#[test]
fn the_seeds_small_example_matches_hand_computation() {
    // The contract's example P = (0,2), (1,4), (2,0): mean (1, 2), covariance [[1, −1], [−1, 4]].
    let c = page(&[("P", "0,2;1,4;2,0")]);
    assert_eq!(vector(&c, "mean"), vec![1.0, 2.0]);
    assert_eq!(matrix(&c, "covariance"), vec![vec![1.0, -1.0], vec![-1.0, 4.0]]);
    let (l1, l2, v1) = closed_form(1.0, -1.0, 4.0);
    let ev = vector(&c, "explained_variance");
    assert!(close(ev[0], l1, 1e-14) && close(ev[1], l2, 1e-14), "{ev:?}");
    let pc = matrix(&c, "components");
    // Stable sign: the largest entry of each row is positive.
    assert!(pc[0][1] > 0.0 && pc[0][1].abs() > pc[0][0].abs());
    assert!(close(pc[0][0], -v1[0].abs(), 1e-14) && close(pc[0][1], v1[1].abs(), 1e-14), "{pc:?} {v1:?}");
    let ratio = vector(&c, "explained_variance_ratio");
    assert!(close(ratio[0] + ratio[1], 1.0, 1e-15));
    assert!(close(number(&c, "total_variance"), 5.0, 1e-15));
}

#[test]
fn all_points_equal_have_no_ratio_and_say_why() {
    for p in ["3,4;3,4;3,4", "0.1,0.1;0.1,0.1;0.1,0.1", "1e-200,-1e-200;1e-200,-1e-200"] {
        let c = page(&[("P", p)]);
        let ratio = readout(&c, "explained_variance_ratio");
        assert_eq!(ratio.value, Value::Null, "{p}");
        assert!(ratio.note.contains("same point"), "{}", ratio.note);
        assert_eq!(vector(&c, "explained_variance"), vec![0.0, 0.0], "{p}");
        assert_eq!(readout(&c, "angle_to_pc1").value, Value::Null);
        assert!(readout(&c, "components").note.contains("every direction"));
        assert_eq!(number(&c, "projected_variance"), 0.0);
        assert_eq!(number(&c, "lost_variance"), 0.0);
        assert!(c.summary().contains("same point"));
        // The mean of equal points is that point exactly.
        let first: Vec<f64> = p.split(';').next().unwrap().split(',').map(|x| x.parse().unwrap()).collect();
        assert_eq!(vector(&c, "mean"), first);
        let _ = c.figure(&Timeline::new(0));
    }
}

#[test]
fn repeated_eigenvalues_say_the_components_are_not_unique() {
    // The corners of a square: the covariance is a multiple of the identity.
    let c = page(&[("P", "0,0;1,0;0,1;1,1")]);
    let ev = vector(&c, "explained_variance");
    assert!(close(ev[0], 1.0 / 3.0, 1e-15) && close(ev[1], 1.0 / 3.0, 1e-15));
    assert!(readout(&c, "components").note.contains("any orthonormal"));
    let angle = readout(&c, "angle_to_pc1");
    assert_eq!(angle.value, Value::Null);
    assert!(angle.note.contains("equal"));
    assert_eq!(vector(&c, "explained_variance_ratio"), vec![0.5, 0.5]);
}

#[test]
fn collinear_points_have_a_zero_second_variance() {
    let c = page(&[("P", "0,1;1,3;2,5;3,7")]);
    let ev = vector(&c, "explained_variance");
    assert!(ev[1] >= 0.0 && ev[1] < 1e-14 * ev[0], "{ev:?}");
    let pc = matrix(&c, "components");
    assert!(close(pc[0][1] / pc[0][0], 2.0, 1e-14), "{pc:?}");
    assert!(close(vector(&c, "explained_variance_ratio")[0], 1.0, 1e-14));
}

#[test]
fn scale_does_not_matter_from_1e_minus_150_to_1e150() {
    let base = page(&[("P", "0,2;1,4;2,0;3,3")]);
    let pc = matrix(&base, "components");
    let ev = vector(&base, "explained_variance");
    let ratio = vector(&base, "explained_variance_ratio");
    for s in [1e-150, 1e-100, 1e-5, 1e10, 1e100, 1e150] {
        let p = format!("{:e},{:e};{:e},{:e};{:e},{:e};{:e},{:e}", 0.0, 2.0 * s, s, 4.0 * s, 2.0 * s, 0.0, 3.0 * s, 3.0 * s);
        let c = page(&[("P", &p)]);
        let got = matrix(&c, "components");
        for (r, g) in pc.iter().zip(&got) {
            for (a, b) in r.iter().zip(g) {
                assert!((a - b).abs() < 1e-14, "{s}: {got:?}");
            }
        }
        let got = vector(&c, "explained_variance");
        assert!(close(got[0] / (s * s), ev[0], 1e-13) && close(got[1] / (s * s), ev[1], 1e-13), "{s}: {got:?}");
        assert_eq!(vector(&c, "explained_variance_ratio").len(), 2);
        assert!(close(vector(&c, "explained_variance_ratio")[0], ratio[0], 1e-14));
    }
}

#[test]
fn huge_and_tiny_coordinates_give_finite_values_or_null_with_a_reason() {
    // 1e200: variances are 1e400, beyond f64; the directions and ratios still exist.
    let c = page(&[("P", "0,2e200;1e200,4e200;2e200,0")]);
    let ev = readout(&c, "explained_variance");
    assert_eq!(ev.value, Value::Null);
    assert!(ev.note.contains("overflow"), "{}", ev.note);
    assert_eq!(value(&c, "covariance"), Value::Null);
    let (l1, l2, _) = closed_form(1.0, -1.0, 4.0);
    assert!(close(vector(&c, "explained_variance_ratio")[0], l1 / (l1 + l2), 1e-14));
    assert!(close(vector(&c, "mean")[1], 2e200, 1e-15));
    assert_eq!(matrix(&c, "components").len(), 2);
    // Near the largest f64: the mean and the centring still do not overflow.
    let c = page(&[("P", "1.7e308,-1.7e308;-1.7e308,1.7e308;1e308,1e308")]);
    assert!(vector(&c, "mean").iter().all(|x| x.is_finite()));
    assert_eq!(matrix(&c, "components").len(), 2);
    // 1e-200: variances are 1e-400, below f64; the reason is underflow, not "zero".
    let c = page(&[("P", "0,2e-200;1e-200,4e-200;2e-200,0")]);
    let ev = readout(&c, "explained_variance");
    assert_eq!(ev.value, Value::Null);
    assert!(ev.note.contains("underflow"), "{}", ev.note);
    assert!(close(vector(&c, "explained_variance_ratio")[0], l1 / (l1 + l2), 1e-14));
    // Every readout is finite or null, always.
    for c in [c, page(&[("P", "1e308,1e308;-1e308,-1e308")])] {
        for r in c.readouts() {
            assert!(!r.value.to_json().contains("NaN") && !r.value.to_json().contains("inf"), "{r:?}");
        }
    }
}

#[test]
fn k_choices_follow_the_dimension() {
    let mut c = build();
    assert_eq!(crate::chapter::AnyChapter::choices(&c)[2].options, KEEP_2);
    assert!(choose(&mut c, "k", "3").is_err());
    set(&mut c, "P", DMatrix::from_row_slice(4, 3, &[1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0, 1.0, 1.0, 1.0])).unwrap();
    choose(&mut c, "k", "3").unwrap();
    assert_eq!(crate::chapter::AnyChapter::choices(&c)[2].current, "3");
    assert!(number(&c, "reconstruction_error").abs() < 1e-12);
    // Back to the plane: k can be at most 2.
    set(&mut c, "P", DMatrix::from_row_slice(3, 2, &[0.0, 2.0, 1.0, 4.0, 2.0, 0.0])).unwrap();
    assert_eq!(crate::chapter::AnyChapter::choices(&c)[2].current, "2");
}
