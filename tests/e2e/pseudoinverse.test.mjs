// End-to-end: chapter 2.9 (pseudoinverse) in headless Chromium: the notebook's line fit, a real drag of
// a data point refitting the line, the three-lines view, a vertical cloud with no fit, and the text's
// links (to its own states, to the SVD) and predict questions.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { close, dragBy, dragHandle, readout, readoutNote as noteOf, urlAlert, useSite, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "pinv" });
const chapter = site.openChapter;

/** The least-squares line through rows (x, y), from the normal equations (independent of the page). */
function leastSquares(P) {
  const n = P.length;
  const sx = P.reduce((s, [x]) => s + x, 0), sy = P.reduce((s, [, y]) => s + y, 0);
  const sxx = P.reduce((s, [x]) => s + x * x, 0), sxy = P.reduce((s, [x, y]) => s + x * y, 0);
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return [slope, (sy - slope * sx) / n];
}

describe("2.9 pseudoinverse", () => {
  test("opens on the notebook's line fit and three-lines system", async () => {
    const page = await chapter("pseudoinverse");
    const [slope, intercept] = await readout(page, "fit");
    assert.ok(close(slope, 14 / 65, 1e-12) && close(intercept, 11 / 5, 1e-12), `${slope}, ${intercept}`);
    const x = await readout(page, "solution");
    assert.ok(close(x[0], -33 / 31, 1e-12) && close(x[1], 113 / 31, 1e-12), `${x}`);
    const pinv = await readout(page, "pinv");
    assert.equal(pinv.length, 2);
    assert.equal(pinv[0].length, 3);
    assert.equal(await page.locator("[data-handle]").first().getAttribute("data-handle"), "P:0");
    assert.equal(await page.locator("[data-handle]").count(), 6);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a click on the empty plane adds a point; Delete on a focused point removes it", async () => {
    const page = await chapter("pseudoinverse");
    // Click half-way between two handles' screen positions, away from every point.
    const a = await page.locator('[data-handle="P:0"]').boundingBox();
    const b = await page.locator('[data-handle="P:2"]').boundingBox();
    await page.mouse.click((a.x + b.x) / 2 + a.width / 2, a.y + a.height / 2 + 60);
    const P = await waitForReadout(page, "P", (P) => P.length === 7);
    const [slope, intercept] = await waitForReadout(page, "fit", (f) => f[0] !== 14 / 65);
    const [ws, wi] = leastSquares(P);
    assert.ok(close(slope, ws, 1e-9) && close(intercept, wi, 1e-9), `${slope}, ${intercept} vs ${ws}, ${wi}`);
    assert.equal(await page.locator("[data-handle]").count(), 7);
    // A drag of the empty plane pans and adds nothing.
    await dragBy(page, [a.x + 5, a.y + 120], [10 * 5, 0], 5);
    await page.locator('[data-handle="P:0"]').focus();
    await page.keyboard.press("Delete");
    const left = await waitForReadout(page, "P", (P) => P.length === 6);
    assert.deepEqual(left[0], [1, 4]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of a point refits the line to the least-squares one", async () => {
    const page = await chapter("pseudoinverse");
    await dragHandle(page, "P:0", 0, -8 * 15, 15);
    const P = await waitForReadout(page, "P", (P) => P[0][1] !== 2);
    assert.ok(P[0][1] > 2 && P[0][0] === 0, JSON.stringify(P[0]));
    const want = leastSquares(P);
    const fit = await waitForReadout(page, "fit", (f) => close(f[0], want[0], 1e-9));
    assert.ok(close(fit[1], want[1], 1e-9), `${fit} vs ${want}`);
    const rss = P.reduce((s, [px, py]) => s + (py - fit[0] * px - fit[1]) ** 2, 0);
    assert.ok(close(await readout(page, "residual_sum_of_squares"), rss, 1e-9));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the three-lines view slides a line with its handle and moves A⁺b", async () => {
    const page = await chapter("pseudoinverse?view=lines");
    await page.locator('[data-handle="b:0"]').waitFor();
    assert.equal(await page.locator("[data-handle]").count(), 3);
    const before = await readout(page, "solution");
    await page.locator('[data-handle="b:0"]').focus();
    await page.keyboard.press("ArrowRight");
    const b = await waitForReadout(page, "b", (b) => b[0] !== -2);
    assert.deepEqual(b.slice(1), [-8, -2]);
    const after = await waitForReadout(page, "solution", (x) => x[0] !== before[0]);
    assert.notDeepEqual(after, before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("points on one vertical line have no fit; a rank-one A still has a pseudoinverse", async () => {
    let page = await chapter("pseudoinverse?P=2,1;2,5;2,3");
    assert.equal(await readout(page, "fit"), null);
    assert.match(await noteOf(page, "fit"), /same x = 2/);
    await page.context().close();

    page = await chapter("pseudoinverse?A=1,2;2,4&b=1,1");
    const pinv = await readout(page, "pinv");
    [[0.04, 0.08], [0.08, 0.16]].forEach((row, i) => row.forEach((v, j) => assert.ok(close(pinv[i][j], v, 1e-12))));
    assert.equal(await readout(page, "rank"), 1);
    assert.deepEqual(page.errors, []);
    await page.context().close();

    page = await chapter("pseudoinverse?P=1,2,3;4,5,6");
    assert.match(await urlAlert(page), /Parameter P: points are rows/);
    await page.context().close();
  });

  test("prose links set the figure: the three lines, then the notebook's tall matrix", async () => {
    const page = await chapter("pseudoinverse");
    await page.locator('.prose a[href="#/pseudoinverse?view=lines"]').click();
    await page.waitForFunction(() => location.hash.includes("view=lines"));
    await page.locator('[data-handle="b:0"]').waitFor();
    assert.equal(await page.locator("[data-handle]").count(), 3);
    await page.locator('.prose a[href="#/pseudoinverse?A=7,2;3,4;5,3"]').first().click();
    const pinv = await waitForReadout(page, "pinv", (p) => close(p[0][0], 1 / 6, 1e-9));
    [[1 / 6, -7 / 66, 1 / 33], [-1 / 6, 19 / 66, 2 / 33]].forEach((row, i) => row.forEach((v, j) => assert.ok(close(pinv[i][j], v, 1e-12), `${pinv}`)));
    // A⁺A is I₂ but AA⁺ is a rank-2 projection of space, not I₃.
    const pa = await readout(page, "pinv_A_A");
    assert.ok(close(pa[0][0], 1, 1e-12) && Math.abs(pa[0][1]) < 1e-12);
    const ap = await readout(page, "A_pinv");
    assert.ok(close(ap[2][2], 1 / 3, 1e-12), `${ap}`);
    assert.match(await noteOf(page, "A_pinv"), /projection onto the column space/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question: the third line through the corner makes the least-squares point exact", async () => {
    const page = await chapter("pseudoinverse?view=lines");
    const question = page.locator("details.predict", { hasText: "through the corner" });
    const link = question.locator('a[href="#/pseudoinverse?view=lines&b=-2,-8,-3"]');
    assert.ok(await link.isHidden());
    await question.locator("summary").click();
    await link.click();
    const x = await waitForReadout(page, "solution", (x) => close(x[0], -1, 1e-9));
    assert.ok(close(x[1], 4, 1e-12), `${x}`);
    assert.ok((await readout(page, "residual_norm")) < 1e-12);
    await page.waitForFunction(() => /meet in one point, A⁺b = \(−1, 4\)/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the shortest solution of one equation, and the SVD behind A⁺ one link away", async () => {
    const page = await chapter("pseudoinverse");
    const question = page.locator("details.predict", { hasText: "infinitely many solutions" });
    await question.locator("summary").click();
    await question.locator('a[href="#/pseudoinverse?view=lines&A=1,2&b=5"]').click();
    const x = await waitForReadout(page, "solution", (x) => x.length === 2 && close(x[0], 1, 1e-9));
    assert.ok(close(x[1], 2, 1e-12));
    await page.waitForFunction(() => /nearest the origin/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
    // The SVD page opens on the same tall matrix: its σ are the ones A⁺ inverts.
    const tall = await chapter("pseudoinverse?A=7,2;3,4;5,3");
    const sigma = await readout(tall, "singular_values");
    await tall.locator('.prose a[href="#/svd?A=7,2;3,4;5,3"]').first().click();
    await tall.waitForFunction(() => location.hash.startsWith("#/svd?A=7,2;3,4;5,3"));
    const svd = await waitForReadout(tall, "singular_values", (s) => s.length === 2 && close(s[0], sigma[0], 1e-9));
    assert.ok(close(svd[1], sigma[1], 1e-9));
    assert.deepEqual(tall.errors, []);
    await tall.context().close();
  });
});
