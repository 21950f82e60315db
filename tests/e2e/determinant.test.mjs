// End-to-end: 2.11 The determinant, in headless Chromium against the built site (see harness.mjs):
// the plane for 2×2, the box in space for 3×3 (mouse drag and arrow keys on its column handles).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { centre, clickProseLink, drag, figureDigest, inkedPixels, readout, readoutNote as note, urlAlert, useSite, waitForFigureChange, waitForReadout, FIGURE_CANVAS } from "./harness.mjs";

/** Clicks the link `href` in the chapter's text (opening its predict question first, if it is in one). */
const site = useSite({ readout: "det" });
const chapter = site.openChapter;

describe("2.11 determinant", () => {
  test("opens on the notebook's diag(2, 2): det 4, area 4, orientation kept, an empty null space", async () => {
    const page = await chapter("determinant");
    assert.equal(await readout(page, "det"), 4);
    assert.equal(await readout(page, "area"), 4);
    assert.equal(await readout(page, "flipped"), false);
    assert.deepEqual(await readout(page, "A"), [[2, 0], [0, 2]]);
    assert.deepEqual(await readout(page, "null_space"), []);
    assert.ok(await page.locator('[data-handle="A:0"]').isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("dragging a₁ across to the mirror side flips the orientation", async () => {
    const page = await chapter("determinant");
    // a₂ = (0, 2) sits straight above the origin: the origin's screen x is a₂'s.
    const [x0, y0] = centre(await page.locator('[data-handle="A:0"]').boundingBox());
    const [originX] = centre(await page.locator('[data-handle="A:1"]').boundingBox());
    await drag(page, [x0, y0], [2 * originX - x0, y0], 16);
    const A = await waitForReadout(page, "A", (A) => A[0][0] < 0);
    assert.deepEqual(A, [[-2, 0], [0, 2]]);
    assert.equal(await waitForReadout(page, "det", (d) => d === -4), -4);
    assert.equal(await readout(page, "area"), 4);
    assert.equal(await readout(page, "flipped"), true);
    assert.match(await note(page, "flipped"), /orientation flipped/);
    await page.waitForFunction(() => /orientation flipped/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a singular matrix collapses the square to a line", async () => {
    const page = await chapter("determinant?A=1,2;2,4");
    assert.equal(await readout(page, "det"), 0);
    assert.equal(await readout(page, "flipped"), null);
    assert.match(await note(page, "flipped"), /no orientation/);
    assert.equal(await readout(page, "singular"), true);
    await page.waitForFunction(() => /det A = 0 and A is singular: the square collapses to a line/.test(document.querySelector(".summary")?.textContent ?? ""));
    await page.context().close();
  });

  test("huge entries give null with the overflow reason; tiny ones give 0, never NaN", async () => {
    let page = await chapter("determinant?A=1e200,0;0,1e200");
    assert.equal(await readout(page, "det"), null);
    assert.match(await note(page, "det"), /overflow/);
    assert.equal(await readout(page, "flipped"), false);
    await page.context().close();
    page = await chapter("determinant?A=1e-200,0;0,1e-200");
    assert.equal(await readout(page, "det"), 0);
    assert.match(await note(page, "det"), /10⁻⁴⁰⁰/);
    assert.equal(await readout(page, "singular"), false);
    const values = await page.locator("[data-readout]").evaluateAll((els) => els.map((e) => e.dataset.value).join(" "));
    assert.ok(!values.includes("NaN"));
    await page.context().close();
  });

  test("4×4 computes without a figure; a non-square A is rejected", async () => {
    let page = await chapter("determinant?A=1,0,0,0;0,2,0,0;0,0,3,0;0,0,0,-4");
    assert.equal(await readout(page, "det"), -24);
    assert.ok(await page.locator(".figure-note").isVisible());
    assert.match(await page.locator(".figure-note").textContent(), /3×3 in space/);
    await page.context().close();
    page = await chapter("determinant?A=1,2,3;4,5,6");
    assert.match(await urlAlert(page), /Parameter A: .*square/);
    assert.equal(await readout(page, "det"), 4);
    await page.context().close();
  });

  test("a 3×3 A is drawn in space: dragging a column's tip with the mouse changes det", async () => {
    const page = await chapter("determinant?A=3,3,3;5,5,3;3,-5,5");
    assert.ok(Math.abs((await readout(page, "det")) + 48) < 1e-9);
    assert.ok(await page.locator(".figure-note").isHidden(), "no figure note");
    const inked = await page.locator(FIGURE_CANVAS).evaluate(inkedPixels);
    assert.ok(inked > 2000, `the canvas has a drawing (${inked} pixels)`);
    for (const name of ["A:0", "A:1", "A:2", "orbit"]) assert.ok(await page.locator(`[data-handle="${name}"]`).isVisible(), name);
    await page.waitForFunction(() => /left-handed/.test(document.querySelector(".summary")?.textContent ?? ""));

    const [x, y] = centre(await page.locator('[data-handle="A:2"]').boundingBox());
    await drag(page, [x, y], [x + 30, y - 70], 12);
    await waitForReadout(page, "A", (A) => A[0][2] !== 3 || A[1][2] !== 3 || A[2][2] !== 5);
    // Let the last queued move land, then read A and det from the same frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const A = await readout(page, "A");
    const det = await readout(page, "det");
    assert.deepEqual(A.map((row) => row.slice(0, 2)), [[3, 3], [5, 5], [3, -5]], "only the third column moved");
    assert.ok(Math.abs(det + 48) > 1e-9, `det changed: ${det}`);
    // det is linear in a₃: det = a₃ · (a₁ × a₂), and a₁ × a₂ = (−40, 24, 0).
    assert.ok(Math.abs(det - (-40 * A[0][2] + 24 * A[1][2])) < 1e-9, `${det} for ${JSON.stringify(A)}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("arrow keys on a column in space step along an axis; pushing a₃ through the floor mirrors the box", async () => {
    const page = await chapter("determinant?A=2,0,0;0,1,0;0,0,1");
    assert.equal(await readout(page, "det"), 2);
    assert.equal(await readout(page, "flipped"), false);
    const handle = page.locator('[data-handle="A:2"]');
    await handle.focus();
    await page.keyboard.press("ArrowDown");
    assert.equal(await waitForReadout(page, "det", (d) => d === 0), 0);
    assert.equal(await readout(page, "singular"), true);
    await page.waitForFunction(() => /collapses into a plane/.test(document.querySelector(".summary")?.textContent ?? ""));
    await page.keyboard.press("ArrowDown");
    assert.equal(await waitForReadout(page, "det", (d) => d === -2), -2);
    assert.deepEqual(await readout(page, "A"), [[2, 0, 0], [0, 1, 0], [0, 0, -1]]);
    assert.equal(await readout(page, "flipped"), true);
    assert.match(await handle.getAttribute("aria-label"), /column 3 of A = \(0, 0, −1\)/);
    await page.waitForFunction(() => /left-handed/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question: which points does [[1, 2], [2, 4]] send to 0? Its link shows the null line", async () => {
    const page = await chapter("determinant");
    const question = page.locator("details.predict", { hasText: "send to the origin" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    const before = await page.locator(FIGURE_CANVAS).evaluate(inkedPixels);
    const drawn = await figureDigest(page);
    await question.locator('a[href="#/determinant?A=1,2;2,4"]').click();
    const n = await waitForReadout(page, "null_space", (n) => n.length === 1);
    assert.ok(Math.abs(n[0][0] - 2 / Math.sqrt(5)) < 1e-12 && Math.abs(n[0][1] + 1 / Math.sqrt(5)) < 1e-12, JSON.stringify(n));
    assert.match(await note(page, "null_space"), /A sends every x = t·\(0\.8944, −0\.4472\) to 0/);
    await page.waitForFunction(() => /It sends the line through \(0\.8944, −0\.4472\) to 0/.test(document.querySelector(".summary")?.textContent ?? ""));
    await page.waitForFunction(() => location.hash.includes("A=1,2;2,4"));
    await waitForFigureChange(page, drawn, "the figure was not redrawn");
    const after = await page.locator(FIGURE_CANVAS).evaluate(inkedPixels);
    assert.ok(after > 0 && after !== before, `the figure was redrawn (${before} → ${after} pixels)`);
    await page.context().close();
  });

  test("arrow keys make the columns parallel: the null space appears and follows", async () => {
    const page = await chapter("determinant");
    const handle = page.locator('[data-handle="A:0"]');
    await handle.focus();
    for (const key of ["ArrowLeft", "ArrowLeft", "ArrowUp", "ArrowUp"]) await page.keyboard.press(key);
    await waitForReadout(page, "A", (A) => A[0][0] === 0 && A[1][0] === 2);
    // A = [[0, 0], [2, 2]]: A(x, y) = (0, 2x + 2y), so the line through (1, −1) goes to 0.
    const n = await waitForReadout(page, "null_space", (n) => n.length === 1);
    assert.ok(Math.abs(n[0][0] - Math.SQRT1_2) < 1e-12 && Math.abs(n[0][1] + Math.SQRT1_2) < 1e-12, JSON.stringify(n));
    assert.equal(await readout(page, "singular"), true);
    await page.keyboard.press("ArrowRight");
    assert.deepEqual(await waitForReadout(page, "null_space", (n) => n.length === 0), []);
    await page.context().close();
  });

  test("a rounding-sized det is called numerically singular, not 0", async () => {
    const page = await chapter("determinant");
    await clickProseLink(page, "#/determinant?A=0.1,0.3;0.3,0.9");
    const det = await waitForReadout(page, "det", (d) => d !== 4);
    assert.ok(det !== 0 && Math.abs(det) < 1e-16, `${det}`);
    assert.equal(await readout(page, "singular"), true);
    await page.waitForFunction(() => /^A is numerically singular \(det ≈ 1\.388e-17, 0 up to rounding\)/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.match(await note(page, "det"), /0 up to rounding/);
    await page.context().close();
  });

  test("in space the matrix of ones sends a plane to 0: two orthonormal vectors", async () => {
    const page = await chapter("determinant");
    await clickProseLink(page, "#/determinant?A=1,1,1;1,1,1;1,1,1");
    const n = await waitForReadout(page, "null_space", (n) => n.length === 2);
    for (const v of n) {
      assert.ok(Math.abs(v[0] + v[1] + v[2]) < 1e-12, `A·v = 0 for ${v}`);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-12);
    }
    assert.ok(Math.abs(n[0][0] * n[1][0] + n[0][1] * n[1][1] + n[0][2] * n[1][2]) < 1e-12);
    await page.waitForFunction(() => /It sends the plane spanned by/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
