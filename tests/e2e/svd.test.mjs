// End-to-end: chapter 2.8 (svd) in headless Chromium: the notebook's reflection, a real drag of a
// column, the timeline and its stage names, the null space, non-square shapes and a singular
// matrix, and the text's links and predict questions.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { close, dragHandle, readout, readoutNote, useSite, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "singular_values" });
const chapter = site.openChapter;
const rebuild = (U, s, V) => U.map((row) => V.map((vrow) => row.reduce((sum, u, k) => sum + u * s[k] * vrow[k], 0)));

describe("2.8 svd", () => {
  test("opens on the notebook's example: U is a reflection, and U·diag(s)·Vᵀ = A", async () => {
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
    assert.equal(await page.locator(".stages li").last().textContent(), "U: reflect and rotate");
    assert.deepEqual(await readout(page, "null_space"), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the third stage is named from det U and renames itself when typing flips the sign of det A", async () => {
    const page = await chapter("svd");
    await page.locator('[data-input="A"] input[data-row="1"][data-col="0"]').fill("-5");
    assert.equal(await waitForReadout(page, "U_is_reflection", (r) => r === false), false);
    await page.waitForFunction(() => document.querySelector(".stages li:last-child").textContent === "U: rotate");
    assert.equal(await page.locator(".stages li").count(), 3);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("typing a singular A makes the null space appear: the line A sends to 0", async () => {
    const page = await chapter("svd");
    // [[3, 6], [5, 10]]: the second column is twice the first.
    await page.locator('[data-input="A"] input[data-row="0"][data-col="1"]').fill("6");
    await page.locator('[data-input="A"] input[data-row="1"][data-col="1"]').fill("10");
    const N = await waitForReadout(page, "null_space", (n) => n.length === 1);
    assert.ok(close(N[0][0], 2 / Math.sqrt(5)) && close(N[0][1], -1 / Math.sqrt(5)), JSON.stringify(N));
    assert.equal(await readout(page, "rank"), 1);
    assert.match(await readoutNote(page, "null_space"), /line A sends to 0/);
    await page.waitForFunction(() => /sends the line through \(0\.8944, −0\.4472\) to 0/.test(document.querySelector(".summary").textContent));
    await page.waitForFunction(() => location.hash.includes("A=3,6;5,10"));
    // A wide matrix in space: its null space is a line there too.
    const wide = await chapter("svd?A=1,2,3;4,5,6");
    const n = await readout(wide, "null_space");
    assert.equal(n.length, 1);
    [-1, 2, -1].forEach((x, i) => assert.ok(close(n[0][i], x / Math.sqrt(6)), JSON.stringify(n)));
    assert.deepEqual(page.errors, []);
    assert.deepEqual(wide.errors, []);
    await wide.context().close();
    await page.context().close();
  });

  test("a link in the text sets the figure, and a predict question opens onto the state that answers it", async () => {
    const page = await chapter("svd");
    await page.locator('.prose a[href="#/svd?A=3,0;0,2"]').click();
    assert.deepEqual(await waitForReadout(page, "singular_values", (s) => s[0] === 3), [3, 2]);
    await page.waitForFunction(() => location.hash.includes("A=3,0;0,2"));
    assert.deepEqual(await readout(page, "U"), [[1, 0], [0, 1]]);
    const question = page.locator(".prose details.predict").first();
    await question.locator("summary").click();
    assert.equal(await question.getAttribute("open"), "");
    await question.locator('a[href="#/svd?A=1,2;2,4"]').click();
    assert.equal(await waitForReadout(page, "rank", (r) => r === 1), 1);
    assert.equal((await readout(page, "null_space")).length, 1);
    await page.waitForFunction(() => location.hash.includes("A=1,2;2,4"));
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
