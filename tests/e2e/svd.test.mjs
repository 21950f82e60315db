// End-to-end: chapter 2.8 (svd) in headless Chromium: the seed's reflection, a real drag of a
// column, the timeline, non-square shapes and a singular matrix.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { close, dragHandle, readout, readoutNote, useSite, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "singular_values" });
const chapter = site.openChapter;
const rebuild = (U, s, V) => U.map((row) => V.map((vrow) => row.reduce((sum, u, k) => sum + u * s[k] * vrow[k], 0)));

describe("2.8 svd", () => {
  test("opens on the seed's example: U is a reflection, and U·diag(s)·Vᵀ = A", async () => {
    const page = await chapter("svd");
    const s = await readout(page, "singular_values");
    assert.ok(close(s[0], 8.7134, 1e-4) && close(s[1], 3.3282, 1e-4), `${s}`);
    assert.ok(close(s[0] * s[1], 29, 1e-12));
    const A = rebuild(await readout(page, "U"), s, await readout(page, "V"));
    [[3, 7], [5, 2]].forEach((row, i) => row.forEach((x, j) => assert.ok(close(A[i][j], x, 1e-12), `A[${i}][${j}] = ${A[i][j]}`)));
    assert.equal(await readout(page, "U_is_reflection"), true);
    assert.ok(close(await readout(page, "det_U"), -1, 1e-12));
    assert.ok(close(await readout(page, "det_V"), 1, 1e-12));
    assert.equal(await page.locator(".stages li").count(), 3);
    assert.equal(await page.locator(".stages li").first().textContent(), "Vᵀ: rotate");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of the first column moves A and the singular values", async () => {
    const page = await chapter("svd");
    await dragHandle(page, "A:0", -6 * 20, 0, 20);
    const A = await waitForReadout(page, "A", (A) => A[0][0] !== 3);
    assert.ok(A[0][0] < 3 && A[1][0] === 5, `moved left: ${JSON.stringify(A)}`);
    const s = await waitForReadout(page, "singular_values", (s) => !close(s[0] * s[1], 29, 1e-9));
    // σ₁σ₂ = |det A| and σ₁² + σ₂² = ‖A‖²_F for the dragged matrix.
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    assert.ok(close(s[0] * s[1], Math.abs(det), 1e-9), `${s} vs det ${det}`);
    assert.ok(close(s[0] ** 2 + s[1] ** 2, A.flat().reduce((t, x) => t + x * x, 0), 1e-9));
    const rebuilt = rebuild(await readout(page, "U"), s, await readout(page, "V"));
    A.forEach((row, i) => row.forEach((x, j) => assert.ok(close(rebuilt[i][j], x, 1e-9))));
    assert.equal(await readout(page, "U_is_reflection"), det < 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the timeline steps through Vᵀ, Σ, U and hides the handles mid-way", async () => {
    const page = await chapter("svd", { reducedMotion: "reduce" });
    const play = page.getByRole("button", { name: "Play the transformation" });
    await play.click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").value === "0");
    assert.equal(await page.locator('[data-handle="A:0"]').count(), 0);
    for (const step of ["1", "2", "3"]) {
      await play.click();
      await page.waitForFunction((v) => document.querySelector(".timeline input[type=range]").value === v, step);
    }
    await page.locator('[data-handle="A:0"]').waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("non-square and singular matrices: thin factors, null with reasons", async () => {
    let page = await chapter("svd?A=7,2;3,4;5,3");
    const s = await readout(page, "singular_values");
    assert.ok(close(s[0], 10.2514, 1e-4) && close(s[1], 2.6284, 1e-4));
    assert.equal((await readout(page, "U")).length, 3);
    assert.equal(await readout(page, "det_U"), null);
    assert.match(await readoutNote(page, "det_U"), /not square/);
    // A 3×2 A is drawn in space (tests/e2e/space.test.mjs); 4 rows are numbers only.
    assert.ok(await page.locator(".figure-note").isHidden());
    await page.context().close();
    page = await chapter("svd?A=1,2;3,4;5,6;7,8");
    assert.ok(await page.locator(".figure-note").isVisible());
    await page.context().close();

    page = await chapter("svd?A=0,0;0,0");
    assert.deepEqual(await readout(page, "singular_values"), [0, 0]);
    assert.equal(await readout(page, "rank"), 0);
    assert.equal(await readout(page, "condition_number"), null);
    assert.match(await readoutNote(page, "condition_number"), /infinite/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("an entry that overflows is rejected by the URL and the default comes back", async () => {
    const page = await chapter("svd?A=1e400,1;1,1");
    await page.locator(".url-alert[role=alert]").waitFor({ state: "visible" });
    const s = await readout(page, "singular_values");
    assert.ok(close(s[0] * s[1], 29, 1e-12));
    await page.context().close();
  });
});
