// End-to-end: 2.3 Identity and inverse matrices, in headless Chromium against the built site.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { centre, close as near, drag, followLink, readout, readoutNote as note, useSite, waitForReadout, waitForSummary as summary } from "./harness.mjs";

const site = useSite({ readout: "inverse" });
const chapter = site.openChapter;
const close = (a, b) => near(a, b, 1e-12);
const closeAll = (got, want) => got.flat().every((x, i) => close(x, want.flat()[i]));

/** A prose link that sets the figure (choices at their default stay out of the address). */
const follow = (page, a) => followLink(page, a, ["view=rows"]);

describe("2.3 inverse", () => {
  test("opens on the notebook's system y = 2x, y = −x + 3 crossing at (1, 2)", async () => {
    const page = await chapter("inverse");
    assert.ok(closeAll(await readout(page, "inverse"), [[1 / 3, 1 / 3], [-1 / 3, 2 / 3]]));
    assert.ok(closeAll(await readout(page, "solution"), [1, 2]));
    assert.ok(closeAll(await readout(page, "identity_check"), [[1, 0], [0, 1]]));
    assert.equal(await readout(page, "det"), 3);
    await page.waitForFunction(() => /cross at x = \(1, 2\)/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("dragging a₁ onto a₂ makes A singular: the inverse becomes null with the reason", async () => {
    const page = await chapter("inverse");
    const [x0, y0] = centre(await page.locator('[data-handle="A:0"]').boundingBox());
    const [x1, y1] = centre(await page.locator('[data-handle="A:1"]').boundingBox());
    await drag(page, [x0, y0], [x1, y1], 16);
    const A = await waitForReadout(page, "A", (A) => A[0][0] === -1);
    assert.deepEqual(A, [[-1, -1], [1, 1]]);
    assert.equal(await waitForReadout(page, "inverse", (v) => v === null), null);
    assert.match(await note(page, "inverse"), /singular \(rank 1 < 2/);
    assert.equal(await readout(page, "solution"), null);
    assert.match(await note(page, "solution"), /no x solves/);
    assert.equal(await readout(page, "condition_number"), null);
    await page.waitForFunction(() => /parallel/.test(document.querySelector(".summary")?.textContent ?? ""));
    // Dragging b onto the line of the columns: now infinitely many solutions.
    const [bx, by] = centre(await page.locator('[data-handle="b"]').boundingBox());
    const [ax, ay] = centre(await page.locator('[data-handle="A:0"]').boundingBox());
    await drag(page, [bx, by], [ax, ay], 16);
    await waitForReadout(page, "b", (b) => b[0] === -1 && b[1] === 1);
    assert.match(await note(page, "solution"), /infinitely many/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a b that does not fit A is explained, not rejected, in either URL order", async () => {
    for (const q of ["A=2,0,0;0,2,0;0,0,2&b=1,2", "b=1,2&A=2,0,0;0,2,0;0,0,2"]) {
      const page = await chapter(`inverse?${q}`);
      assert.ok(await page.locator(".url-alert").isHidden());
      assert.deepEqual(await readout(page, "inverse"), [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5]]);
      assert.equal(await readout(page, "solution"), null);
      assert.match(await note(page, "solution"), /b has 2 entries/);
      await page.context().close();
    }
  });

  test("a nearly singular A warns about lost digits", async () => {
    const page = await chapter("inverse?A=1,1;1,1.000000001");
    const cond = await readout(page, "condition_number");
    assert.ok(cond > 1e9 && cond < 1e10, `${cond}`);
    assert.match(await note(page, "condition_number"), /Nearly singular: results lose about 10/);
    assert.notEqual(await readout(page, "inverse"), null);
    await page.context().close();
  });

  test("the A then A⁻¹ view has two stages and keeps its view in the URL", async () => {
    const page = await chapter("inverse", { reducedMotion: "reduce" });
    await page.locator(".choice label", { hasText: "A then A⁻¹" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll(".stages li")].map((l) => l.textContent).join("|") === "apply A|apply A⁻¹");
    await page.waitForFunction(() => location.hash.includes("view=undo"));
    await page.waitForFunction(() => /carries the plane back/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a prose link sets the figure: the notebook's 3×3 example", async () => {
    const page = await chapter("inverse");
    await follow(page, page.locator(".prose a", { hasText: "A = 3,0,2; 2,0,−2; 0,1,1" }));
    assert.ok(closeAll(await readout(page, "inverse"), [[0.2, 0.2, 0], [-0.2, 0.3, 1], [0.2, -0.3, 0]]));
    assert.deepEqual(await readout(page, "null_space"), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens, and its link shows parallel lines with no solution", async () => {
    const page = await chapter("inverse");
    const question = page.locator("details.predict", { hasText: "Drag a₁ until it points along a₂" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await follow(page, question.locator("a", { hasText: "A = 1,2; 2,4 with b = (1, 0)" }));
    assert.equal(await readout(page, "inverse"), null);
    assert.match(await note(page, "solution"), /no x solves Ax = b/);
    const [[x, y]] = await readout(page, "null_space");
    assert.ok(close(x, 2 / Math.sqrt(5)) && close(y, -1 / Math.sqrt(5)), `${x}, ${y}`);
    await summary(page, /parallel to the dashed line that A sends to 0/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("null_space follows a real drag: a line while a₁ lies along a₂, empty again when it leaves", async () => {
    const page = await chapter("inverse?A=2,-1;1,1&b=1,-1");
    assert.deepEqual(await readout(page, "null_space"), []);
    assert.match(await note(page, "null_space"), /never has two solutions/);
    const a0 = page.locator('[data-handle="A:0"]');
    const from = centre(await a0.boundingBox());
    await drag(page, from, centre(await page.locator('[data-handle="A:1"]').boundingBox()), 16);
    await waitForReadout(page, "A", (A) => A[0][0] === -1 && A[1][0] === 1);
    // A = [[−1, −1], [1, 1]] sends (1, −1)/√2 to 0; b = (1, −1) is on the column line: a family.
    const [[x, y]] = await waitForReadout(page, "null_space", (n) => n.length === 1);
    assert.ok(close(x, Math.SQRT1_2) && close(y, -Math.SQRT1_2), `${x}, ${y}`);
    assert.match(await note(page, "solution"), /one solution plus the null space, x = \(.*\) \+ t·\(0\.7071, −0\.7071\) for every t/);
    await summary(page, /coincide.*one solution plus the dashed line that A sends to 0/);
    // The arrow keys move a₁ off the line of a₂ (the two handles overlap, so not by pointer).
    await a0.focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "A", (A) => A[0][0] === 0 && A[1][0] === 1);
    assert.deepEqual(await waitForReadout(page, "null_space", (n) => n.length === 0), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a determinant of 8.9e-16 does not contradict the rank: every note says singular", async () => {
    const page = await chapter("inverse?A=1,2;2,4.000000000000001&b=1,2");
    assert.equal(await readout(page, "inverse"), null);
    assert.ok((await readout(page, "det")) > 0);
    const det = await note(page, "det");
    assert.match(det, /finds A singular/);
    assert.doesNotMatch(det, /has an inverse/);
    assert.match(await note(page, "condition_number"), /counts it as singular/);
    assert.equal((await readout(page, "null_space")).length, 1);
    await page.context().close();
  });

  test("A then A⁻¹ of a singular A: the null line collapses and the summary says so", async () => {
    const page = await chapter("inverse", { reducedMotion: "reduce" });
    await follow(page, page.locator(".prose a", { hasText: "play A then A⁻¹" }));
    await page.waitForFunction(() => location.hash.includes("view=undo"));
    await summary(page, /shrinks to the origin/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
