//! Native timings of the maths that tests/bench/math.mjs times in wasm against ml-matrix, on the same
//! inputs (the same mulberry32 generator and seeds), with the same benchmark ids, so that math.mjs can
//! put the native median next to the wasm one:  cargo bench --bench math [-- <filter>]

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use linalg_live::math::eigen::{eigen, symmetric};
use linalg_live::math::pca::principal_components;
use linalg_live::math::svd::{svd, PINV_RCOND};
use linalg_live::math::truncated::top_k_svd;
use nalgebra::DMatrix;
use std::hint::black_box;
use std::time::Duration;

/// The rank of the image's top-k benchmark (as `K` in math.mjs).
const K: usize = 20;

/// mulberry32, exactly as in math.mjs: numbers uniform in [−1, 1).
fn uniform(seed: u32, count: usize) -> Vec<f64> {
    let mut a = seed;
    (0..count)
        .map(|_| {
            a = a.wrapping_add(0x6d2b_79f5);
            let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
            t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
            2.0 * f64::from(t ^ (t >> 14)) / 4_294_967_296.0 - 1.0
        })
        .collect()
}

fn square(n: usize, entries: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(n, n, entries)
}

/// The symmetric matrix with the upper triangle of `entries` (row-major n×n).
fn symmetric_of(n: usize, entries: &[f64]) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |r, c| entries[r.min(c) * n + r.max(c)])
}

/// The elongated, tilted cloud of math.mjs: x = L·z + (1, −2, 3).
fn cloud(n: usize) -> DMatrix<f64> {
    let z = uniform(7, 3 * n);
    DMatrix::from_fn(n, 3, |i, c| {
        let (a, b, d) = (z[3 * i], z[3 * i + 1], z[3 * i + 2]);
        [1.0 + 3.0 * a, -2.0 + 1.5 * a + 0.8 * b, 3.0 + 0.5 * a - 0.3 * b + 0.2 * d][c]
    })
}

/// The smooth image with a disc and a ramp of math.mjs.
fn image(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| {
        let (x, y) = (j as f64 / (n - 1) as f64, i as f64 / (n - 1) as f64);
        let disc = if (x - 0.6).powi(2) + (y - 0.4).powi(2) < 0.06 { 0.2 } else { 0.0 };
        0.45 + 0.25 * (3.0 * x + 1.0).sin() * (2.0 * y).cos() + disc + 0.1 * x * y
    })
}

fn small_matrices(c: &mut Criterion) {
    let a2 = square(2, &uniform(1, 4));
    let a3 = square(3, &uniform(2, 9));
    let s2 = symmetric_of(2, &uniform(3, 4));
    let s3 = symmetric_of(3, &uniform(4, 9));
    let p32 = DMatrix::from_row_slice(3, 2, &uniform(5, 6));
    // The first seeds from 100 whose general 3×3, then 2×2, has a real eigenvector basis (as math.mjs).
    let mut seed = 100;
    while eigen(&square(3, &uniform(seed, 9))).map(|e| e.vectors.is_ok()) != Ok(true) {
        seed += 1;
    }
    let g3 = square(3, &uniform(seed, 9));
    while eigen(&square(2, &uniform(seed, 4))).map(|e| e.vectors.is_ok()) != Ok(true) {
        seed += 1;
    }
    let g2 = square(2, &uniform(seed, 4));
    c.bench_function("svd_2x2", |b| b.iter(|| svd(black_box(&a2))));
    c.bench_function("svd_3x3", |b| b.iter(|| svd(black_box(&a3))));
    c.bench_function("symmetric_eigen_2x2", |b| b.iter(|| symmetric(black_box(&s2))));
    c.bench_function("symmetric_eigen_3x3", |b| b.iter(|| symmetric(black_box(&s3))));
    c.bench_function("eigen_2x2", |b| b.iter(|| eigen(black_box(&g2))));
    c.bench_function("eigen_3x3", |b| b.iter(|| eigen(black_box(&g3))));
    c.bench_function("pinv_3x2", |b| b.iter(|| svd(black_box(&p32)).and_then(|s| s.pseudo_inverse(PINV_RCOND))));
}

/// A group named like math.mjs's benchmark id, with one function, "native", sampled flat.
fn timed<R>(c: &mut Criterion, id: &str, mut op: impl FnMut() -> R) {
    let mut group = c.benchmark_group(id);
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_millis(500));
    group.bench_function("native", |b| b.iter(&mut op));
    group.finish();
}

fn large(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        let points = cloud(n);
        timed(c, &format!("pca_{n}"), || principal_components(black_box(&points)));
    }
    for n in [64, 128, 256, 512] {
        let picture = image(n);
        timed(c, &format!("image_svd_{n}"), || svd(black_box(&picture)));
        timed(c, &format!("image_top{K}_{n}"), || top_k_svd(black_box(&picture), K));
    }
}

criterion_group!(benches, small_matrices, large);
criterion_main!(benches);
