// End-to-end: 2.12 PCA in headless Chromium with real pointer and keyboard input. The expected values
// are computed here from the page's own P readout with the textbook formulas (mean, m − 1 covariance,
// the closed-form eigen-decomposition of a symmetric 2×2), independently of the Rust code.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { close, dragEmpty, dragHandle, handleCentre as centre, inkedPixels, readout, readoutNote, snapshot, urlAlert, useSite, waitForHandleMove, waitForReadout, FIGURE_CANVAS } from "./harness.mjs";

// Like the contract test: a chapter that is not registered yet is skipped, not failed.
const site = useSite({ readout: "components", built: true });
const unbuilt = () => !site.built.includes("pca");
const chapter = site.openChapter;
const drag = (page, handle, dx, dy) => dragHandle(page, handle, dx, dy, 15);

/** Mean, covariance (n − 1), eigenvalues (descending) and the first unit eigenvector of 2-D points. */
function stats(P) {
  const n = P.length;
  const mean = [0, 1].map((j) => P.reduce((s, p) => s + p[j], 0) / n);
  const cov = [0, 1].map((i) => [0, 1].map((j) => P.reduce((s, p) => s + (p[i] - mean[i]) * (p[j] - mean[j]), 0) / (n - 1)));
  const [a, b, c] = [cov[0][0], cov[0][1], cov[1][1]];
  const mid = (a + c) / 2, r = Math.hypot((a - c) / 2, b);
  const v = b !== 0 ? [b, mid + r - a] : a >= c ? [1, 0] : [0, 1];
  const norm = Math.hypot(...v);
  return { mean, cov, lambda: [mid + r, mid - r], pc1: v.map((x) => x / norm) };
}

const quad = (C, d) => d[0] * d[0] * C[0][0] + 2 * d[0] * d[1] * C[0][1] + d[1] * d[1] * C[1][1];

function checkAgainst(P, got) {
  const s = stats(P);
  assert.ok(got.mean.every((m, i) => close(m, s.mean[i])), `mean ${got.mean} vs ${s.mean}`);
  assert.ok(got.ev.every((l, i) => close(l, s.lambda[i])), `eigenvalues ${got.ev} vs ${s.lambda}`);
  const pc1 = got.components[0];
  assert.ok(close(Math.abs(pc1[0]), Math.abs(s.pc1[0])) && close(Math.abs(pc1[1]), Math.abs(s.pc1[1])), `PC1 ${pc1} vs ${s.pc1}`);
  // The stable sign: the largest-magnitude entry is positive.
  const big = Math.abs(pc1[0]) >= Math.abs(pc1[1]) ? pc1[0] : pc1[1];
  assert.ok(big > 0, `sign of ${pc1}`);
  return s;
}

async function all(page) {
  return {
    mean: await readout(page, "mean"),
    components: await readout(page, "components"),
    ev: await readout(page, "explained_variance"),
    ratio: await readout(page, "explained_variance_ratio"),
  };
}

describe("2.12 pca", () => {
  test("opens on 30 points near y = 2x + 1 with the statistics numpy would give", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    const P = await readout(page, "P");
    assert.equal(P.length, 30);
    const got = await all(page);
    const s = checkAgainst(P, got);
    assert.ok(close(got.ratio[0], s.lambda[0] / (s.lambda[0] + s.lambda[1])));
    const cov = await readout(page, "covariance");
    assert.ok(cov.flat().every((x, i) => close(x, s.cov.flat()[i])));
    // d starts on the x-axis: its shadows keep the variance of x.
    assert.deepEqual(await readout(page, "d"), [1, 0]);
    assert.ok(close(await readout(page, "projected_variance"), s.cov[0][0]));
    // The first handle is d, then one per point.
    const names = await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle));
    assert.deepEqual(names, ["d", ...P.map((_, i) => `P:${i}`)]);
    assert.ok(await page.locator(".figure-note").isHidden());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real drag of d turns it; projected variance + lost variance stay the total", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    const total = await readout(page, "total_variance");
    const before = await readout(page, "projected_variance");
    await drag(page, "d", -40, -140);
    const d = await waitForReadout(page, "d", (d) => d[0] !== 1);
    assert.ok(close(Math.hypot(...d), 1, 1e-12), `unit d: ${d}`);
    assert.ok(d[1] > 0, `turned upwards: ${d}`);
    const cov = await readout(page, "covariance");
    const pv = await waitForReadout(page, "projected_variance", (x) => x !== before);
    assert.ok(close(pv, quad(cov, d)), `dᵀΣd: ${pv} vs ${quad(cov, d)}`);
    assert.ok(pv > before, "turning towards the cloud's slope keeps more variance");
    assert.ok(close(pv + (await readout(page, "lost_variance")), total));
    // The handle sits on the ray from the mean along d.
    const mean = await readout(page, "mean");
    const at = await page.locator("[data-handle=d]").evaluate((e) => [Number(e.dataset.x), Number(e.dataset.y)]);
    const r = Math.hypot(at[0] - mean[0], at[1] - mean[1]);
    assert.ok(close((at[0] - mean[0]) / r, d[0], 1e-6) && close((at[1] - mean[1]) / r, d[1], 1e-6), `${at} along ${d}`);
    await page.waitForFunction(() => location.hash.includes("&d="));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("with snapping off, d dropped within a degree of PC1 snaps onto it", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    await page.getByLabel("Snap to grid").uncheck();
    const [pc1] = await readout(page, "components");
    const [lambda1] = await readout(page, "explained_variance");
    // Aim the pointer half a degree off PC1, at the handle's radius.
    const handle = page.locator("[data-handle=d]");
    const mean = await readout(page, "mean");
    const at = await handle.evaluate((e) => [Number(e.dataset.x), Number(e.dataset.y)]);
    const r = Math.hypot(at[0] - mean[0], at[1] - mean[1]);
    const off = (0.5 * Math.PI) / 180;
    const aim = [mean[0] + r * (Math.cos(off) * pc1[0] - Math.sin(off) * pc1[1]), mean[1] + r * (Math.sin(off) * pc1[0] + Math.cos(off) * pc1[1])];
    const box = await handle.boundingBox();
    const canvas = await page.locator(FIGURE_CANVAS).boundingBox();
    // CSS px per world unit, from the two handles farthest apart in x.
    const scale = await page.evaluate(() => {
      const h = [...document.querySelectorAll("[data-handle]")].map((e) => [Number(e.dataset.x), e.getBoundingClientRect()]);
      const lo = h.reduce((a, b) => (b[0] < a[0] ? b : a)), hi = h.reduce((a, b) => (b[0] > a[0] ? b : a));
      return (hi[1].x - lo[1].x) / (hi[0] - lo[0]);
    });
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const [tx, ty] = [x + (aim[0] - at[0]) * scale, y - (aim[1] - at[1]) * scale];
    assert.ok(tx > canvas.x && ty > canvas.y);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(tx, ty, { steps: 10 });
    await page.mouse.up();
    const d = await waitForReadout(page, "d", (d) => d[0] !== 1);
    assert.deepEqual(d, pc1, "snapped exactly onto PC1");
    assert.equal(await readout(page, "angle_to_pc1"), 0);
    assert.ok(close(await readout(page, "projected_variance"), lambda1));
    await page.waitForFunction(() => /first principal component/.test(document.querySelector("[aria-live]")?.textContent ?? ""));
    await page.context().close();
  });

  test("dragging a point moves the mean and turns the components", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=0,0;1,2;2,4;3,6&d=0,1");
    const before = await readout(page, "P");
    await drag(page, "P:3", 60, 80);
    const P = await waitForReadout(page, "P", (P) => P[3][0] !== before[3][0] || P[3][1] !== before[3][1]);
    assert.deepEqual(P.slice(0, 3), before.slice(0, 3));
    await waitForReadout(page, "mean", (m) => close(m[0], (3 + P[3][0]) / 4));
    checkAgainst(P, await all(page));
    // The arrow keys move a point by one grid step.
    await page.locator('[data-handle="P:0"]').focus();
    await page.keyboard.press("ArrowUp");
    const moved = await waitForReadout(page, "P", (Q) => Q[0][1] === 1);
    checkAgainst(moved, await all(page));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("identical points: no ratio, and the page says why", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=2,3;2,3;2,3");
    assert.equal(await readout(page, "explained_variance_ratio"), null);
    assert.match(await readoutNote(page, "explained_variance_ratio"), /same point/);
    assert.deepEqual(await readout(page, "explained_variance"), [0, 0]);
    assert.deepEqual(await readout(page, "mean"), [2, 3]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("equal variances say the components are not unique", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=0,0;1,0;0,1;1,1");
    assert.match(await readoutNote(page, "components"), /any orthonormal/);
    assert.deepEqual(await readout(page, "explained_variance_ratio"), [0.5, 0.5]);
    assert.equal(await readout(page, "angle_to_pc1"), null);
    await page.context().close();
  });

  test("three coordinates are drawn in space: an empty drag orbits, a real drag of a point moves the mean", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=1,0,0;0,2,0;0,0,3;1,1,1;2,1,0");
    assert.equal((await readout(page, "explained_variance")).length, 3);
    assert.equal((await readout(page, "components")).length, 3);
    assert.deepEqual(await readout(page, "d"), [1, 0, 0]);
    assert.ok(await page.locator(".figure-note").isHidden(), "a figure, not a note");
    assert.ok((await page.locator(FIGURE_CANVAS).evaluate(inkedPixels)) > 2000, "the canvas has a drawing");
    const names = await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle));
    assert.deepEqual(names, ["d", "P:0", "P:1", "P:2", "P:3", "P:4", "orbit"]);

    // Orbit: the handles move on the screen, no readout changes, the camera is not in the link.
    const readouts = await snapshot(page);
    const before = await centre(page, "P:2");
    await dragEmpty(page, 90, 40);
    await waitForHandleMove(page, "P:2", before).catch(() => assert.fail("the point did not move when the view orbited"));
    assert.equal(await snapshot(page), readouts, "orbiting changes no readout");
    assert.doesNotMatch(page.url(), /yaw|pitch/);

    // A real drag of a point: the point moves in space and the mean is the new points' average.
    const mean = await readout(page, "mean");
    await drag(page, "P:2", 50, -70);
    const P = await waitForReadout(page, "P", (P) => P[2].join() !== "0,0,3");
    assert.equal(P[2].length, 3);
    const got = await waitForReadout(page, "mean", (m) => m.join() !== mean.join());
    const want = [0, 1, 2].map((j) => P.reduce((s, p) => s + p[j], 0) / P.length);
    assert.ok(got.every((m, j) => close(m, want[j], 1e-12)), `mean ${got} vs ${want}`);
    await page.waitForFunction(() => /P=1,0,0;0,2,0;[^;]+;1,1,1;2,1,0/.test(location.hash) && !/P=1,0,0;0,2,0;0,0,3/.test(location.hash));

    // A real drag of d's tip turns d in space: the projected variance is dᵀΣd with the 3×3 covariance.
    await drag(page, "d", -40, -60);
    const d = await waitForReadout(page, "d", (d) => d[0] !== 1);
    assert.equal(d.length, 3);
    assert.ok(close(Math.hypot(...d), 1, 1e-12));
    const C = await readout(page, "covariance");
    const dCd = [0, 1, 2].reduce((s, i) => s + [0, 1, 2].reduce((t, j) => t + d[i] * C[i][j] * d[j], 0), 0);
    assert.ok(close(await readout(page, "projected_variance"), dCd, 1e-9));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the generator makes 3-D points when dim = 3 is chosen; many are drawn as a stated sample", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?n=200&corr=0.9&noise=0");
    assert.equal((await readout(page, "d")).length, 2);
    // dim is a choice of two, not a slider.
    assert.equal(await page.locator('input[data-slider="dim"]').count(), 0);
    assert.equal(await page.locator('input[name="choice-dim"]').count(), 2);
    await page.locator("label", { hasText: "3 (space)" }).click();
    await waitForReadout(page, "dim", (x) => x[0] === 3);
    assert.equal((await waitForReadout(page, "d", (d) => d.length === 3)).length, 3);
    assert.equal((await readout(page, "explained_variance")).length, 3);
    await page.waitForFunction(() => location.hash.includes("dim=3") && location.hash.includes("n=200") && !location.hash.includes("P="));
    assert.ok(await page.locator(".figure-note").isHidden());
    assert.ok(await page.locator('input[name="choice-dim"][value="3"]').isChecked());
    // The link reproduces the same points.
    const mean = await readout(page, "mean");
    const again = await chapter((await page.evaluate(() => location.hash)).slice(2));
    assert.deepEqual(await readout(again, "mean"), mean);
    await again.context().close();
    // And back to the plane.
    await page.locator("label", { hasText: "2 (a plane)" }).click();
    await waitForReadout(page, "d", (d) => d.length === 2);
    await page.waitForFunction(() => !location.hash.includes("dim="));
    assert.deepEqual(page.errors, []);
    await page.context().close();

    const big = await chapter("pca?n=100000&corr=0.8&noise=0.3&dim=3");
    assert.equal((await readout(big, "explained_variance")).length, 3);
    const names = await big.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle));
    assert.deepEqual(names, ["d", "orbit"], "no handle per point");
    await big.waitForFunction(() => /sample of 500 of the 100\u2009000 points/.test(document.querySelector(".summary")?.textContent ?? ""));
    const ratio = await readout(big, "explained_variance_ratio");
    await dragEmpty(big, 60, 0);
    assert.deepEqual(await readout(big, "explained_variance_ratio"), ratio);
    assert.deepEqual(big.errors, []);
    await big.context().close();
  });

  test("points at 1e150 compute exactly, with a note instead of a figure (and no hang)", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=0,2e150;1e150,4e150;2e150,0");
    assert.deepEqual(await readout(page, "mean"), [1e150, 2e150]);
    // The variances (about 1e300) still fit; the ratios match the unscaled example (0,2), (1,4), (2,0).
    const ratio = await readout(page, "explained_variance_ratio");
    const s = stats([[0, 2], [1, 4], [2, 0]]);
    assert.ok(close(ratio[0], s.lambda[0] / (s.lambda[0] + s.lambda[1])));
    assert.match(await page.locator(".figure-note").textContent(), /10⁶/);
    assert.equal(await page.locator("[data-handle]").count(), 0);
    // Nothing to zoom, fit or drag: the view tools go with the drawing.
    for (const name of ["Zoom in", "Zoom out", "Fit"]) {
      const button = page.getByRole("button", { name, exact: true, includeHidden: true });
      assert.equal(await button.count(), 1, name);
      assert.ok(await button.isHidden(), name);
    }
    assert.equal(await page.locator("label.check", { hasText: "Snap to grid" }).count(), 1);
    assert.ok(await page.locator("label.check", { hasText: "Snap to grid" }).isHidden(), "no snapping without handles");
    await page.context().close();
  });

  test("invalid point sets alert and open the default", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    for (const bad of ["P=1,2", "P=1,2,3,4;5,6,7,8", "P=1;2;3", "d=0,0", "P=1,x;2,3"]) {
      const page = await chapter(`pca?${bad}`);
      assert.match(await urlAlert(page), new RegExp(`Parameter ${bad.split("=")[0]}:`));
      assert.equal((await readout(page, "P")).length, 30, bad);
      await page.context().close();
    }
  });

  test("the centred view slides the mean to the origin; a dragged point lands under the pointer", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=0,2;1,4;2,0&view=centred", { reducedMotion: "reduce" });
    const h = page.locator('[data-handle="P:0"]');
    assert.deepEqual(await h.evaluate((e) => [Number(e.dataset.x), Number(e.dataset.y)]), [-1, 0]);
    await drag(page, "P:0", -40, 0);
    const P = await waitForReadout(page, "P", (P) => P[0][0] !== 0);
    const mean = await readout(page, "mean");
    const at = await h.evaluate((e) => [Number(e.dataset.x), Number(e.dataset.y)]);
    // Whatever the drag did, the handle is drawn at the point minus the new mean, on a grid point.
    assert.ok(close(at[0], P[0][0] - mean[0], 1e-12) && close(at[1], P[0][1] - mean[1], 1e-12), `${at} vs ${P[0]} − ${mean}`);
    assert.ok(at.every((x) => Math.abs(x - Math.round(x)) < 1e-9), `snapped: ${at}`);
    await page.waitForFunction(() => location.hash.includes("view=centred"));
    await page.context().close();
  });

  test("the correlation slider moves by keyboard: the points are regenerated and the link carries the recipe", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?n=200&corr=0&noise=0");
    const before = await readout(page, "explained_variance_ratio");
    // Uncorrelated unit signal: the two variances are about equal.
    assert.ok(before[0] < 0.65, `${before}`);
    assert.ok(await page.locator('[data-input="P"] .editor-note').isVisible(), "P's cells give way to a note");
    assert.equal(await page.locator('[data-input="P"] input[data-row]').count(), 0);
    const slider = page.locator('input[data-slider="corr"]');
    await slider.focus();
    for (let i = 0; i < 18; i++) await page.keyboard.press("ArrowRight");
    const corr = await waitForReadout(page, "corr", (c) => close(c[0], 0.9));
    assert.deepEqual(corr, [0.9]);
    assert.ok(await slider.evaluate((e) => e === document.activeElement), "the slider keeps the focus");
    const after = await waitForReadout(page, "explained_variance_ratio", (r) => r[0] > 0.9);
    // ρ = 0.9 on unit variances: λ = 1 ± 0.9, so PC₁ keeps about 95%.
    assert.ok(after[0] > 0.92 && after[0] < 0.97, `${after}`);
    await page.waitForFunction(() => location.hash.includes("corr=0.9") && location.hash.includes("n=200") && !location.hash.includes("P="));
    // The link reproduces the points exactly.
    const mean = await readout(page, "mean");
    const again = await chapter((await page.evaluate(() => location.hash)).slice(2));
    assert.deepEqual(await readout(again, "mean"), mean);
    assert.deepEqual(page.errors, []);
    await again.context().close();
    await page.context().close();
  });

  test("a hundred thousand points from a link: a real drag of d updates the readouts", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?n=100000&corr=0.8&noise=0.3");
    assert.equal(await readout(page, "P"), null);
    const names = await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle));
    assert.deepEqual(names, ["d"], "no handle per point");
    const cov = await readout(page, "covariance");
    // About corr / (1 + noise²) = 0.734.
    const r = cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1]);
    assert.ok(Math.abs(r - 0.8 / 1.09) < 0.01, `correlation ${r}`);
    const total = await readout(page, "total_variance");
    const before = await readout(page, "projected_variance");
    await drag(page, "d", -30, -120);
    const d = await waitForReadout(page, "d", (d) => d[0] !== 1);
    const pv = await waitForReadout(page, "projected_variance", (x) => x !== before);
    assert.ok(close(pv, quad(cov, d)), `dᵀΣd: ${pv} vs ${quad(cov, d)}`);
    assert.ok(close(pv + (await readout(page, "lost_variance")), total));
    await page.waitForFunction(() => /drawn for 100 of the 100/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("pasted points: a bad row is named and the state kept; good ones load and agree with the formulas", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    const mean = await readout(page, "mean");
    const area = page.getByLabel("Paste points (CSV: x,y per line)");
    await area.fill("x,y\n1,2\n3,4\n5,six\n");
    await page.getByRole("button", { name: "Load points" }).click();
    const alert = page.locator('[data-input="P"] [role="alert"]');
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /Row 4: “six” is not a number/);
    assert.deepEqual(await readout(page, "mean"), mean, "the last valid points stay");
    const text = "x; y\n0.5; 2\n1.5; 3.5\n\n2.5; 2.75\n4; 6\n";
    await area.fill(text);
    await page.getByRole("button", { name: "Load points" }).click();
    const P = [[0.5, 2], [1.5, 3.5], [2.5, 2.75], [4, 6]];
    const got = await waitForReadout(page, "P", (p) => p.length === 4);
    assert.deepEqual(got, P);
    assert.ok(await alert.isHidden());
    checkAgainst(P, await all(page));
    // k = 1: the reconstruction error is (n − 1) λ₂.
    const s = stats(P);
    assert.ok(close(await readout(page, "reconstruction_error"), 3 * s.lambda[1]));
    await page.locator("label", { hasText: "2 components" }).click();
    await waitForReadout(page, "reconstruction_error", (e) => Math.abs(e) < 1e-12);
    await page.waitForFunction(() => location.hash.includes("P=0.5,2;1.5,3.5;2.5,2.75;4,6") && location.hash.includes("k=2"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the component-coordinates view, chosen by a click: scores = (P − μ)·componentsᵀ, σ²/(m − 1) = λ", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    await page.locator("label", { hasText: "Component coordinates" }).click();
    await page.waitForFunction(() => location.hash.includes("view=pcs"));
    // Nothing to drag: the axes are the components themselves.
    await page.waitForFunction(() => document.querySelectorAll("[data-handle]").length === 0);
    const P = await readout(page, "P");
    const mean = await readout(page, "mean");
    const components = await readout(page, "components");
    let scores = await readout(page, "scores");
    assert.equal(scores.length, 30);
    assert.equal(scores[0].length, 1, "k = 1: one number per point");
    const score = (p, j) => (p[0] - mean[0]) * components[j][0] + (p[1] - mean[1]) * components[j][1];
    P.forEach((p, i) => assert.ok(close(scores[i][0], score(p, 0), 1e-9), `row ${i}: ${scores[i]} vs ${score(p, 0)}`));
    assert.match(await page.locator(".summary").textContent(), /one number per point/);
    // Keep two: two numbers per point, uncorrelated, with variances λ₁ and λ₂.
    await page.locator("label", { hasText: "2 components" }).click();
    scores = await waitForReadout(page, "scores", (z) => z[0].length === 2);
    P.forEach((p, i) => assert.ok(close(scores[i][1], score(p, 1), 1e-9)));
    const ev = await readout(page, "explained_variance");
    const m = P.length;
    const cov = (a, b) => scores.reduce((s, z) => s + z[a] * z[b], 0) / (m - 1);
    assert.ok(close(cov(0, 0), ev[0], 1e-9) && close(cov(1, 1), ev[1], 1e-9) && Math.abs(cov(0, 1)) < 1e-9, `${cov(0, 0)}, ${cov(1, 1)}, ${cov(0, 1)}`);
    const sigma = await readout(page, "singular_values");
    sigma.forEach((s, i) => assert.ok(close((s * s) / (m - 1), ev[i], 1e-9), `σ${i}² / (m − 1) = ${(s * s) / (m - 1)} vs ${ev[i]}`));
    assert.match(await readoutNote(page, "singular_values"), /σᵢ²\/\(m − 1\)/);
    await page.waitForFunction(() => location.hash.includes("k=2"));
    assert.ok((await page.locator(FIGURE_CANVAS).evaluate(inkedPixels)) > 2000, "the canvas has a drawing");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("3-D points in component coordinates: in space with three kept, on the plane with two", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?dim=3&view=pcs&k=3");
    assert.equal((await readout(page, "scores"))[0].length, 3);
    // In space the orbit control is the only handle.
    await page.waitForFunction(() => [...document.querySelectorAll("[data-handle]")].map((e) => e.dataset.handle).join() === "orbit");
    await page.locator("label", { hasText: "2 components" }).click();
    await waitForReadout(page, "scores", (z) => z[0].length === 2);
    await page.waitForFunction(() => document.querySelectorAll("[data-handle]").length === 0);
    assert.match(await page.locator(".summary").textContent(), /two numbers per point/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("beyond 64 points the scores are null and the note says why", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?n=1000&corr=0.8&noise=0.3&view=pcs");
    assert.equal(await readout(page, "scores"), null);
    assert.match(await readoutNote(page, "scores"), /1\u2009000×1: too many rows/);
    assert.equal((await readout(page, "singular_values")).length, 2);
    await page.context().close();
  });

  test("a prose link sets the figure and the hash follows", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    await page.locator('.prose a[href="#/pca?view=reconstruct"]').click();
    await page.waitForFunction(() => location.hash.includes("view=reconstruct"));
    await page.waitForFunction(() => document.querySelector('input[name="choice-view"][value="reconstruct"]')?.checked);
    // No d in the reconstruction view: only the points are handles.
    await page.waitForFunction(() => !document.querySelector('[data-handle="d"]'));
    await page.locator('.prose a[href="#/pca?d=12,26"]').click();
    const d = await waitForReadout(page, "d", (d) => d[0] !== 1);
    assert.ok(close(d[1] / d[0], 26 / 12, 1e-12) && close(Math.hypot(...d), 1, 1e-12), `${d}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens and its link shows the answer: (m − 1) λ₂ for the three points", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca");
    const question = page.locator("details.predict", { hasText: "keep one component" });
    const link = question.locator('a[href="#/pca?P=0,2;1,4;2,0&view=reconstruct&k=1"]');
    assert.ok(await link.isHidden(), "the answer waits until the reader asks");
    await question.locator("summary").click();
    await link.click();
    const error = await waitForReadout(page, "reconstruction_error", (e) => close(e, 5 - Math.sqrt(13), 1e-12));
    assert.ok(close(error, 2 * ((5 - Math.sqrt(13)) / 2), 1e-12), `${error}`);
    assert.deepEqual(await readout(page, "P"), [[0, 2], [1, 4], [2, 0]]);
    // k = 1 is the default, so the page's own link leaves it out.
    await page.waitForFunction(() => location.hash.includes("P=0,2;1,4;2,0") && location.hash.includes("view=reconstruct"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the text links the SVD of the centred points: its σ² / (m − 1) are this page's λ", async (t) => {
    if (unbuilt()) return t.skip("pca is not registered");
    const page = await chapter("pca?P=0,2;1,4;2,0");
    const ev = await readout(page, "explained_variance");
    await page.locator('.prose a[href="#/svd?A=-1,0;0,2;1,-2"]').click();
    await page.waitForFunction(() => location.hash.startsWith("#/svd?A=-1,0;0,2;1,-2"));
    const sigma = await waitForReadout(page, "singular_values", (s) => s.length === 2);
    sigma.forEach((s, i) => assert.ok(close((s * s) / 2, ev[i], 1e-9), `${s}² / 2 vs ${ev[i]}`));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
