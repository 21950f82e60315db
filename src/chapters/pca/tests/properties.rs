//! Properties over many point sets: degenerate sets stay finite, the reconstruction error is (n − 1)
//! times the dropped variances, and PCA's invariants (orthonormal components, Σλ = trace, the sum
//! rule, shifting and scaling the points).

use super::*;
use crate::view::timeline::Timeline;
use proptest::prelude::*;

fn points() -> impl Strategy<Value = DMatrix<f64>> {
    (2usize..=8, 2usize..=3)
        .prop_flat_map(|(n, k)| proptest::collection::vec(-100.0f64..100.0, n * k).prop_map(move |v| DMatrix::from_row_slice(n, k, &v)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Small integer grids hit the awkward cases often: repeated points, collinear points, equal
    /// variances. Nothing panics, every readout is finite or null, and the sum rule holds.
    #[test]
    fn degenerate_point_sets_stay_finite(n in 2usize..=6, k in 2usize..=3, seed in proptest::collection::vec(-2i8..=2, 18),
                                         exp in -300i32..=300, angle in 0.0f64..360.0) {
        let scale = 10f64.powi(exp);
        let p = DMatrix::from_fn(n, k, |i, j| f64::from(seed[i * k + j]) * scale);
        let mut c = build();
        set(&mut c, "P", p).unwrap();
        let a = principal_components(&c.p).unwrap();
        if k == 2 {
            let m = World::new(a.mean[0], a.mean[1]);
            drag(&mut c, "d", m + World::new(angle.to_radians().cos(), angle.to_radians().sin()));
        } else {
            let (s, co) = angle.to_radians().sin_cos();
            drag3(&mut c, "d", to_point3(&a.mean) + Point3::new(co, s, 0.5));
        }
        let readouts = c.readouts();
        for r in &readouts {
            let json = r.value.to_json();
            prop_assert!(!json.contains("NaN") && !json.contains("inf"), "{:?}", r);
            if r.value == Value::Null {
                prop_assert!(!r.note.is_empty());
            }
        }
        let get = |n: &str| match readouts.iter().find(|r| r.name == n).unwrap().value { Value::Number(x) => Some(x), _ => None };
        if let (Some(pv), Some(err), Some(total)) = (get("projected_variance"), get("lost_variance"), get("total_variance")) {
            prop_assert!(pv >= 0.0 && err >= -1e-12 * total);
            prop_assert!((pv + err - total).abs() <= 1e-10 * total, "{} + {} ≠ {}", pv, err, total);
        }
        check_everything(&c)?;
        let _ = (final_figure(&c), c.handles());
        if let Some(space) = space_at(&c, &Timeline::new(0)) {
            let camera = crate::view::space::Camera::default();
            let _ = (space.project(&camera), space.half_extent(&camera), space_handles(&c));
        }
    }

    /// The reconstruction error from the first k components is (n − 1) × the dropped variances.
    #[test]
    fn reconstruction_error_is_n_minus_1_times_the_dropped_eigenvalues(p in points(), k in 1usize..=3) {
        let mut c = build();
        set(&mut c, "P", p.clone()).unwrap();
        let k = k.min(p.ncols());
        choose(&mut c, "k", &k.to_string()).unwrap();
        let ev = vector(&c, "explained_variance");
        let dropped: f64 = ev[k..].iter().sum();
        let n = p.nrows() as f64;
        let error = number(&c, "reconstruction_error");
        let total: f64 = ev.iter().sum();
        prop_assert!((error - (n - 1.0) * dropped).abs() <= 1e-9 * (n - 1.0) * total.max(1e-300), "{} vs {}", error, (n - 1.0) * dropped);
        // And it is the sum of squared distances to the drawn reconstructions (on the plane).
        if p.ncols() == 2 {
            let pca = pca_of(&p, k);
            let direct: f64 = (0..p.nrows()).map(|i| (point(&pca, i) - reconstructed(&pca, i)).norm_squared()).sum();
            prop_assert!((direct - error).abs() <= 1e-9 * (n - 1.0) * total.max(1e-300), "{} vs {}", direct, error);
        }
    }

    #[test]
    fn pca_invariants_hold(p in points(), seed in proptest::collection::vec(-1.0f64..1.0, 3), shift in -1e3f64..1e3, scale in 1e-3f64..1e3) {
        let k = p.ncols();
        let mut c = build();
        set(&mut c, "P", p.clone()).unwrap();
        let Some(d) = unit(DMatrix::from_column_slice(k, 1, &seed[..k])) else { return Ok(()) };
        set(&mut c, "d", d).unwrap();
        let a = principal_components(&p).unwrap();
        let e = a.components.clone().unwrap();
        let size = a.total().max(1e-300);
        // Orthonormal components, descending variances, each an eigenpair of the covariance.
        for i in 0..k {
            prop_assert!((e.direction(i).norm() - 1.0).abs() < 1e-12);
            for j in 0..i {
                prop_assert!(e.direction(i).dot(&e.direction(j)).abs() < 1e-12);
                prop_assert!(e.variances[j] >= e.variances[i]);
            }
            let r = &a.scaled_covariance * e.direction(i) - e.direction(i) * e.variances[i];
            prop_assert!(r.norm() <= 1e-12 * size);
        }
        // Σλ = trace; projected + error = total; λ_min ≤ dᵀΣd ≤ λ₁.
        prop_assert!((e.variances.iter().sum::<f64>() - a.total()).abs() <= 1e-12 * size);
        let dv = c.readouts();
        let get = |n: &str| match dv.iter().find(|r| r.name == n).unwrap().value { Value::Number(x) => x, _ => f64::NAN };
        let (pv, err, total) = (get("projected_variance"), get("lost_variance"), get("total_variance"));
        prop_assert!((pv + err - total).abs() <= 1e-10 * total.max(1e-300), "{} + {} ≠ {}", pv, err, total);
        prop_assert!(pv <= a.variance(e.variances[0]) * (1.0 + 1e-12) + 1e-300);
        prop_assert!(pv >= a.variance(e.variances[k - 1]) * (1.0 - 1e-9) - 1e-12 * total);
        // Moving and scaling the points moves the mean, scales the variances, keeps the directions.
        let q = p.map(|x| x * scale + shift);
        let b = principal_components(&q).unwrap();
        let f = b.components.clone().unwrap();
        for i in 0..k {
            prop_assert!((b.mean[i] - (a.mean[i] * scale + shift)).abs() <= 1e-9 * (1.0 + shift.abs() + scale * a.mean[i].abs()));
            let (l, m) = (a.variance(e.variances[i]) * scale * scale, b.variance(f.variances[i]));
            prop_assert!((l - m).abs() <= 1e-8 * b.variance(b.total()).max(1e-300));
        }
        let gap = |v: &[f64]| v.windows(2).map(|w| w[0] - w[1]).fold(f64::INFINITY, f64::min) / v[0].max(1e-300);
        if gap(&e.variances) > 1e-3 {
            for i in 0..k {
                prop_assert!((e.direction(i).dot(&f.direction(i)).abs() - 1.0).abs() < 1e-6);
            }
        }
    }
}
