// The maths of the site against ml-matrix, in one Node process, on the same inputs (fixed seeds):
// SVD and eigendecompositions of 2×2 and 3×3 matrices, the pseudoinverse of a 3×2 one, PCA of 10⁵×3
// points, the singular values and a rank-20 SVD of a 512×512 image; then scale tables (PCA of 10³…10⁶
// points, image SVD of 64²…512²).
//   scripts/bench.sh builds bench/wasm/pkg and runs this; alone:
//   node tests/bench/math.mjs [--smoke] [--only REGEX] [--write docs/benchmarks.md]
// Before timing anything it checks that both give the same answers (singular values, eigenvalues,
// pseudoinverse entries, variances to 1e-9 relative to the largest) and exits non-zero if not.
// Each time is the median of repeated batches after a warm-up: "ours" runs the batch inside wasm
// (bench/wasm's `_repeat` functions), "per call" calls the `_once` function from JS each time (copies in
// and out included). The native column is criterion's median (`cargo bench --bench math`), when
// target/criterion has it. --smoke runs every case once, with the large ones shrunk, and checks answers.
// --write replaces the tables between the <!-- bench:… --> markers of the given markdown file.
import { createRequire } from "node:module";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Matrix, SVD, EVD, pseudoInverse, covariance } from "ml-matrix";

const require = createRequire(import.meta.url);
const root = new URL("../../", import.meta.url).pathname;
// LINALG_BENCH_PKG: another build of the module (scripts/bench.sh --profiles).
const pkg = process.env.LINALG_BENCH_PKG ?? join(root, "bench/wasm/pkg/linalg_live_bench.js");
if (!existsSync(pkg)) {
  console.error(`${pkg} is missing: build it with scripts/bench.sh (or scripts/bench.sh --module-only)`);
  process.exit(2);
}
const ours = require(pkg);
const args = process.argv.slice(2);
const SMOKE = args.includes("--smoke");
const writeTo = args.includes("--write") ? args[args.indexOf("--write") + 1] : null;
// --only REGEX: time only the cases whose id matches (svd_2x2, pca_100000, image_top20_512, …).
const only = args.includes("--only") ? new RegExp(args[args.indexOf("--only") + 1]) : null;
const criterionDir = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "criterion");

// mulberry32: the same generator as benches/math.rs, so native and wasm see the same numbers.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = ((t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t) >>> 0;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const uniform = (seed, count) => {
  const next = generator(seed);
  return Float64Array.from({ length: count }, () => 2 * next() - 1);
};
const symmetricOf = (n, e) => Float64Array.from({ length: n * n }, (_, i) => e[Math.min(i % n, (i / n) | 0) * n + Math.max(i % n, (i / n) | 0)]);
// Points x = L·z + (1, −2, 3) with z uniform in [−1, 1)³: an elongated, tilted cloud.
function cloud(n) {
  const z = uniform(7, 3 * n);
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [z[3 * i], z[3 * i + 1], z[3 * i + 2]];
    out[3 * i] = 1 + 3 * a;
    out[3 * i + 1] = -2 + 1.5 * a + 0.8 * b;
    out[3 * i + 2] = 3 + 0.5 * a - 0.3 * b + 0.2 * c;
  }
  return out;
}
// A smooth grey image with a disc and a ramp (values in [0, 1]), as a photograph's luminance.
function image(n) {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [x, y] = [j / (n - 1), i / (n - 1)];
      const disc = (x - 0.6) ** 2 + (y - 0.4) ** 2 < 0.06 ? 0.2 : 0;
      out[i * n + j] = 0.45 + 0.25 * Math.sin(3 * x + 1) * Math.cos(2 * y) + disc + 0.1 * x * y;
    }
  }
  return out;
}
const matrixOf = (rows, cols, data) => new Matrix(Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols))));

// Same answers: vectors of numbers equal to `tol` relative to the largest magnitude of `want`.
function same(name, got, want, tol = 1e-9) {
  const scale = Math.max(...want.map(Math.abs), Number.MIN_VALUE);
  const worst = Math.max(...want.map((w, i) => Math.abs(got[i] - w)));
  if (got.length < want.length || !(worst <= tol * scale)) {
    console.error(`${name}: results differ (worst ${worst.toExponential(2)} relative to ${scale.toExponential(2)})\n ours ${Array.from(got)}\n ml-matrix ${Array.from(want)}`);
    process.exit(1);
  }
}
const descending = (xs) => Array.from(xs).sort((a, b) => b - a);

// The median time of one operation in µs: `run(k)` performs k operations.
function time(run) {
  if (SMOKE) {
    const t0 = performance.now();
    run(1);
    return (performance.now() - t0) * 1000;
  }
  run(1);
  let k = 1;
  for (;;) {
    const t0 = performance.now();
    run(k);
    const ms = performance.now() - t0;
    if (ms >= 20 || k >= 1 << 22) break;
    k *= ms < 2 ? 8 : 2;
  }
  const samples = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    run(k);
    samples.push(((performance.now() - t0) * 1000) / k);
  }
  return samples.sort((a, b) => a - b)[3];
}

function native(id) {
  const file = [join(criterionDir, id, "new", "estimates.json"), join(criterionDir, id, "native", "new", "estimates.json")].find(existsSync);
  if (!file) return null;
  return JSON.parse(readFileSync(file, "utf8")).median.point_estimate / 1000;
}

let sink = 0;
const rows = [];
function bench({ id, label, ours: [fn, ...params], perCall, ml }) {
  if (rows.some((r) => r.id === id) || (only && !only.test(id))) return;
  const mine = time((k) => (sink += ours[`${fn}_repeat`](...params, k)));
  const once = perCall === false ? null : time((k) => {
    for (let i = 0; i < k; i++) sink += ours[`${fn}_once`](...params)[0];
  });
  const theirs = ml ? time((k) => {
    for (let i = 0; i < k; i++) sink += ml();
  }) : null;
  const row = { id, label, mine, once, theirs, native: native(id) };
  rows.push(row);
  const f = (x) => (x == null ? "—" : x < 10 ? x.toFixed(3) : x < 1000 ? x.toFixed(1) : x.toFixed(0));
  console.log(`${label.padEnd(34)} ours ${f(mine).padStart(9)} µs   per call ${f(once).padStart(9)} µs   ml-matrix ${f(theirs).padStart(9)} µs   ×${theirs ? (theirs / mine).toFixed(1) : "—"}   native ${f(row.native)} µs`);
}

// ---- the cases -------------------------------------------------------------------------------
const a2 = uniform(1, 4), a3 = uniform(2, 9), s2 = symmetricOf(2, uniform(3, 4)), s3 = symmetricOf(3, uniform(4, 9));
const p32 = uniform(5, 6);
// A general (non-symmetric) 3×3 and 2×2 with real eigenvalues: the first seeds that have a real basis.
let seed = 100;
while (ours.eigen_once(3, uniform(seed, 9))[3] !== 1) seed++;
const g3 = uniform(seed, 9);
while (ours.eigen_once(2, uniform(seed, 4))[2] !== 1) seed++;
const g2 = uniform(seed, 4);
const PCA_N = SMOKE ? 10_000 : 100_000;
const IMAGE_N = SMOKE ? 64 : 512;
const K = 20;
const points = cloud(PCA_N), picture = image(IMAGE_N);
const [M2, M3, S2, S3, P32, G2, G3] = [[2, 2, a2], [3, 3, a3], [2, 2, s2], [3, 3, s3], [3, 2, p32], [2, 2, g2], [3, 3, g3]].map(([r, c, d]) => matrixOf(r, c, d));
const PTS = matrixOf(PCA_N, 3, points), IMG = matrixOf(IMAGE_N, IMAGE_N, picture);

// ---- same answers before any timing ----------------------------------------------------------------
same("svd 2×2", ours.svd_once(2, 2, a2).slice(0, 2), new SVD(M2).diagonal);
same("svd 3×3", ours.svd_once(3, 3, a3).slice(0, 3), new SVD(M3).diagonal);
same("symmetric eigen 2×2", ours.symmetric_eigen_once(2, s2).slice(0, 2), descending(new EVD(S2, { assumeSymmetric: true }).realEigenvalues));
same("symmetric eigen 3×3", ours.symmetric_eigen_once(3, s3).slice(0, 3), descending(new EVD(S3, { assumeSymmetric: true }).realEigenvalues));
same("eigen 2×2", ours.eigen_once(2, g2).slice(0, 2), descending(new EVD(G2).realEigenvalues));
same("eigen 3×3", ours.eigen_once(3, g3).slice(0, 3), descending(new EVD(G3).realEigenvalues));
same("pinv 3×2", ours.pinv_once(3, 2, p32), pseudoInverse(P32).to1DArray());
const mlPca = (m) => {
  const mean = m.mean("column");
  const e = new EVD(covariance(m), { assumeSymmetric: true });
  return { mean, variances: descending(e.realEigenvalues) };
};
{
  const got = ours.pca_once(PCA_N, 3, points);
  const want = mlPca(PTS);
  same("pca variances", got.slice(0, 3), want.variances);
  same("pca mean", got.slice(3, 6), want.mean);
}
const mlSigma = (m) => new SVD(m, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
const imageSigma = mlSigma(IMG);
same("image singular values", ours.svd_once(IMAGE_N, IMAGE_N, picture).slice(0, IMAGE_N), imageSigma);
const topK = ours.top_k_once(IMAGE_N, IMAGE_N, picture, K);
same(`image top ${K} singular values`, topK.slice(0, K), imageSigma.slice(0, K));
console.log(`answers agree (1e-9 relative); top-${K} of the ${IMAGE_N}² image: ${topK[K + 1]} power iterations, ‖A − A_k‖/‖A‖ = ${topK[K].toExponential(2)}`);
{
  const t0 = performance.now();
  ours.top_k_once(IMAGE_N, IMAGE_N, picture, K);
  console.log(`rank slider ready (one top-${K} SVD of the ${IMAGE_N}² image, cold, per call): ${(performance.now() - t0).toFixed(0)} ms`);
}

// ---- timings ------------------------------------------------------------------------------------
console.log(SMOKE ? "smoke run: each case once (PCA 10⁴, image 64²)" : "median of 7 batches after a warm-up");
bench({ id: "svd_2x2", label: "SVD 2×2 (U, σ, V)", ours: ["svd", 2, 2, a2], ml: () => new SVD(M2).diagonal[0] });
bench({ id: "svd_3x3", label: "SVD 3×3 (U, σ, V)", ours: ["svd", 3, 3, a3], ml: () => new SVD(M3).diagonal[0] });
bench({ id: "symmetric_eigen_2x2", label: "symmetric eigen 2×2", ours: ["symmetric_eigen", 2, s2], ml: () => new EVD(S2, { assumeSymmetric: true }).realEigenvalues[0] });
bench({ id: "symmetric_eigen_3x3", label: "symmetric eigen 3×3", ours: ["symmetric_eigen", 3, s3], ml: () => new EVD(S3, { assumeSymmetric: true }).realEigenvalues[0] });
bench({ id: "eigen_2x2", label: "eigen 2×2 (general, real vectors)", ours: ["eigen", 2, g2], ml: () => new EVD(G2).realEigenvalues[0] });
bench({ id: "eigen_3x3", label: "eigen 3×3 (general, real vectors)", ours: ["eigen", 3, g3], ml: () => new EVD(G3).realEigenvalues[0] });
bench({ id: "pinv_3x2", label: "pseudoinverse 3×2", ours: ["pinv", 3, 2, p32], ml: () => pseudoInverse(P32).get(0, 0) });
bench({ id: `pca_${PCA_N}`, label: `PCA ${PCA_N}×3 (the page's routine: mean, cov, eigen, reconstruction errors)`, ours: ["pca", PCA_N, 3, points], perCall: true, ml: () => mlPca(PTS).variances[0] });
bench({ id: `image_svd_${IMAGE_N}`, label: `image ${IMAGE_N}² full SVD (U, σ, V)`, ours: ["svd", IMAGE_N, IMAGE_N, picture], perCall: false, ml: () => new SVD(IMG, { autoTranspose: true }).diagonal[0] });
bench({ id: `image_top${K}_${IMAGE_N}`, label: `image ${IMAGE_N}² top-${K} SVD`, ours: ["top_k", IMAGE_N, IMAGE_N, picture, K], perCall: false, ml: () => mlSigma(IMG)[0] });
const main = rows.slice();

// ---- scale tables -------------------------------------------------------------------------------
const scale = [];
if (!SMOKE) {
  for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
    const pts = cloud(n);
    const m = matrixOf(n, 3, pts);
    bench({ id: `pca_${n}`, label: `PCA ${n}×3`, ours: ["pca", n, 3, pts], perCall: false, ml: () => mlPca(m).variances[0] });
  }
  for (const n of [64, 128, 256, 512]) {
    const img = image(n);
    bench({ id: `image_svd_${n}`, label: `image ${n}² full SVD`, ours: ["svd", n, n, img], perCall: false, ml: null });
    bench({ id: `image_top${K}_${n}`, label: `image ${n}² top-${K} SVD`, ours: ["top_k", n, n, img, K], perCall: false, ml: null });
  }
  scale.push(...rows);
}
if (!Number.isFinite(sink)) console.log("(checksum not finite)");

// ---- markdown -----------------------------------------------------------------------------------
const f = (x) => (x == null ? "—" : x < 10 ? x.toFixed(2) : x < 1000 ? x.toFixed(0) : Math.round(x).toLocaleString("en-US"));
const ratio = (a, b) => (a == null || b == null ? "—" : `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×`);
const mainTable = [
  "| operation | ours, wasm (µs) | ours, per JS call (µs) | ml-matrix (µs) | ml-matrix ÷ ours | native (µs) | wasm ÷ native |",
  "|---|--:|--:|--:|--:|--:|--:|",
  ...main.map((r) => `| ${r.label} | ${f(r.mine)} | ${f(r.once)} | ${f(r.theirs)} | ${ratio(r.theirs, r.mine)} | ${f(r.native)} | ${ratio(r.mine, r.native)} |`),
].join("\n");
const byId = Object.fromEntries(scale.map((r) => [r.id, r]));
const pcaTable = [
  "| points | ours, wasm (ms) | ml-matrix (ms) | ml-matrix ÷ ours | native (ms) | wasm ÷ native |",
  "|--:|--:|--:|--:|--:|--:|",
  ...[1_000, 10_000, 100_000, 1_000_000].map((n) => byId[`pca_${n}`]).filter(Boolean).map((r) => `| ${r.label.split(" ")[1]} | ${f(r.mine / 1000)} | ${f(r.theirs / 1000)} | ${ratio(r.theirs, r.mine)} | ${f(r.native && r.native / 1000)} | ${ratio(r.mine, r.native)} |`),
].join("\n");
const imageTable = [
  `| image | full SVD, wasm (ms) | top-${K}, wasm (ms) | full ÷ top-${K} | full SVD, native (ms) | top-${K}, native (ms) |`,
  "|--:|--:|--:|--:|--:|--:|",
  ...[64, 128, 256, 512].filter((n) => byId[`image_svd_${n}`] && byId[`image_top${K}_${n}`]).map((n) => {
    const [full, top] = [byId[`image_svd_${n}`], byId[`image_top${K}_${n}`]];
    return `| ${n}² | ${f(full.mine / 1000)} | ${f(top.mine / 1000)} | ${ratio(full.mine, top.mine)} | ${f(full.native && full.native / 1000)} | ${f(top.native && top.native / 1000)} |`;
  }),
].join("\n");
console.log(`\n${mainTable}${scale.length ? `\n\n${pcaTable}\n\n${imageTable}` : ""}`);
if (writeTo && !SMOKE && !only) {
  let doc = readFileSync(writeTo, "utf8");
  for (const [name, table] of [["math", mainTable], ["pca-scale", pcaTable], ["image-scale", imageTable]]) {
    const pattern = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    if (!pattern.test(doc)) throw new Error(`${writeTo} has no <!-- bench:${name} --> markers`);
    doc = doc.replace(pattern, `$1\n${table}\n$2`);
  }
  writeFileSync(writeTo, doc);
  console.log(`tables written to ${writeTo}`);
}
