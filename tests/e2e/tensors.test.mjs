// End-to-end: chapter 2.1 (tensors) in headless Chromium with real pointer and keyboard input.
// Run `trunk build` first (or point LINALG_DIST at a build).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { centre, drag, figureDigest, followLink, readout, readoutNote as rowNote, snapshot, urlAlert, useSite, waitForFigureChange, waitForReadout, FIGURE_CANVAS } from "./harness.mjs";

const site = useSite({ readout: "broadcast_sum" });
const chapter = site.openChapter;

/** A prose link that sets the figure (choices at their default stay out of the address). */
const follow = (page, a) => followLink(page, a, ["view=rows"]);

describe("2.1 tensors", () => {
  test("opens on the notebook's matrix with rows as draggable points", async () => {
    const page = await chapter("tensors");
    assert.deepEqual(await readout(page, "shape"), [3, 2]);
    assert.deepEqual(await readout(page, "transpose"), [[1, 3, 5], [2, 4, 6]]);
    assert.deepEqual(await readout(page, "scaled"), [[2, 4], [6, 8], [10, 12]]);
    assert.deepEqual(await readout(page, "broadcast_sum"), [[4, 1], [6, 3], [8, 5]]);
    assert.equal(await page.locator("canvas").count(), 1);
    const names = await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle));
    assert.deepEqual(names, ["row:0", "row:1", "row:2", "b"]);
    assert.match(await page.locator('[data-handle="row:1"]').getAttribute("aria-label"), /^row 2 of A = \(3, 4\)/);
    assert.ok(await page.locator(".figure-note").isHidden());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of row 1 onto b's tip rewrites that row and A + b", async () => {
    const page = await chapter("tensors");
    const [x, y] = centre(await page.locator('[data-handle="row:0"]').boundingBox());
    const [tx, ty] = centre(await page.locator('[data-handle="b"]').boundingBox());
    await drag(page, [x, y], [tx, ty], 12);
    const A = await waitForReadout(page, "A", (A) => A[0][0] !== 1 || A[0][1] !== 2);
    assert.deepEqual(A, [[3, -1], [3, 4], [5, 6]]);
    assert.deepEqual(await waitForReadout(page, "broadcast_sum", (S) => S[0][0] === 6), [[6, -2], [6, 3], [8, 5]]);
    assert.deepEqual(await readout(page, "transpose"), [[3, 3, 5], [-1, 4, 6]]);
    await page.waitForFunction(() => location.hash.includes("A=3,-1;3,4;5,6"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("arrow keys on b move every shifted row together", async () => {
    const page = await chapter("tensors");
    await page.locator("[data-handle=b]").focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "b", (b) => b[0] === 4 && b[1] === -1);
    assert.deepEqual(await waitForReadout(page, "broadcast_sum", (S) => S[0][0] === 5), [[5, 1], [7, 3], [9, 5]]);
    await page.context().close();
  });

  test("a 1-D b of length m does not broadcast against m×n; as a column it does", async () => {
    const page = await chapter("tensors?b=2,4,6");
    assert.equal(await readout(page, "broadcast_sum"), null);
    assert.match(await rowNote(page, "broadcast_sum"), /operands could not be broadcast together with shapes \(3,2\) \(3,\)/);
    assert.deepEqual(await readout(page, "column_broadcast"), [[3, 4], [7, 8], [11, 12]]);
    // No shifted copies are possible: the b handle is gone, the rows remain draggable.
    assert.equal(await page.locator("[data-handle=b]").count(), 0);
    assert.equal(await page.locator('[data-handle="row:0"]').count(), 1);
    // Removing the third entry in the editor makes it fit again.
    await page.locator('[data-input="b"] button', { hasText: "− entry" }).click();
    await waitForReadout(page, "b", (b) => b.length === 2);
    assert.deepEqual(await waitForReadout(page, "broadcast_sum", (S) => S !== null), [[3, 6], [5, 8], [7, 10]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("s must be a single number; a bad URL alerts and falls back to the default", async () => {
    const page = await chapter("tensors?s=1,2");
    assert.match(await urlAlert(page), /Parameter s: a single number is expected/);
    assert.equal(await readout(page, "s"), 2);
    assert.deepEqual(await readout(page, "scaled"), [[2, 4], [6, 8], [10, 12]]);
    await page.context().close();
  });

  test("the columns view draws the columns of a 2-row A and suggests the transpose otherwise", async () => {
    const page = await chapter("tensors");
    await page.locator(".choice label", { hasText: "Columns of A" }).click();
    const note = page.locator(".figure-note");
    await note.waitFor({ state: "visible" });
    assert.match(await note.textContent(), /try A=1,3,5;2,4,6/);
    assert.equal(await page.locator("[data-handle]").count(), 0);
    await page.waitForFunction(() => location.hash.includes("view=columns"));
    await page.goto("about:blank");
    await page.goto(site.url("tensors?A=1,3,5;2,4,6&view=columns"));
    await page.locator('[data-handle="A:2"]').waitFor();
    assert.deepEqual(await readout(page, "shape"), [2, 3]);
    assert.deepEqual(await readout(page, "transpose"), [[1, 2], [3, 4], [5, 6]]);
    await page.locator('[data-handle="A:0"]').focus();
    await page.keyboard.press("ArrowUp");
    assert.deepEqual(await waitForReadout(page, "A", (A) => A[1][0] === 3), [[1, 3, 5], [3, 4, 6]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  /** The box, in canvas pixels, of everything painted in the data colour (the cells off the diagonal). */
  const dataBox = (page) =>
    page.evaluate(async () => {
      const canvas = document.querySelector(".figure canvas");
      const hex = getComputedStyle(canvas).getPropertyValue("--c-data").trim();
      const [R, G, B] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { data, width, height } = await canvasPixels(canvas);
      let [x0, y0, x1, y1] = [width, height, -1, -1];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = 4 * (y * width + x);
          if (data[i + 3] > 200 && Math.abs(data[i] - R) + Math.abs(data[i + 1] - G) + Math.abs(data[i + 2] - B) < 60) {
            [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
          }
        }
      }
      return { width: x1 - x0, height: y1 - y0 };
    });

  test("the transpose view flies each cell across the diagonal: scrubbed to the end, 3×2 becomes 2×3", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await chapter("tensors?view=transpose", { colorScheme });
      assert.deepEqual(await page.locator(".stages li").allTextContents(), ["cross the diagonal"]);
      assert.equal(await page.locator("[data-handle]").count(), 0, "entries are edited in the grid");
      await page.waitForFunction(() => /diagonal entries 1 and 4 stay put/.test(document.querySelector(".summary").textContent));
      const range = page.locator(".timeline input[type=range]");
      // Nothing moves on load: the figure rests at the end, Aᵀ (2 rows, 3 columns: wide).
      const end = await dataBox(page);
      assert.ok(end.width > 1.3 * end.height, `${colorScheme}: Aᵀ is wide: ${JSON.stringify(end)}`);
      await range.fill("0");
      await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").valueAsNumber === 0);
      await page.waitForTimeout(100);
      const start = await dataBox(page);
      assert.ok(start.height > 1.3 * start.width, `${colorScheme}: A is tall: ${JSON.stringify(start)}`);
      // Halfway the first wave (2, 3 and 6) has landed and 5 has not left: the box is as wide as at
      // the end and as tall as at the start.
      await range.fill("0.5");
      await page.waitForTimeout(150);
      const half = await dataBox(page);
      assert.ok(Math.abs(half.width - end.width) < 4 && Math.abs(half.height - start.height) < 4, JSON.stringify({ half, start, end }));
      await range.fill("1");
      await page.waitForTimeout(150);
      assert.deepEqual(await dataBox(page), end);
      // The readouts are those of A, whatever the figure shows.
      assert.deepEqual(await readout(page, "transpose"), [[1, 3, 5], [2, 4, 6]]);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  const summaryText = (page) => page.locator(".summary").textContent();

  test("the stack view draws T = np.stack([A, s·A, A + b]) in space; a typed entry of A changes every matrix", async () => {
    const page = await chapter("tensors");
    await page.locator(".choice label", { hasText: "Stack" }).click();
    await page.waitForFunction(() => location.hash.includes("view=stack"));
    // In space: no row handles, only the orbit control; the contract's readouts are unchanged.
    await page.locator('[data-handle="orbit"]').waitFor();
    assert.deepEqual(await page.locator("[data-handle]").evaluateAll((els) => els.map((e) => e.dataset.handle)), ["orbit"]);
    assert.ok(await page.locator(".figure-note").isHidden());
    assert.deepEqual(await readout(page, "shape"), [3, 2]);
    assert.deepEqual(await readout(page, "broadcast_sum"), [[4, 1], [6, 3], [8, 5]]);
    assert.deepEqual(await readout(page, "stack_shape"), [3, 3, 2]);
    assert.deepEqual(await readout(page, "stack"), [
      [[1, 2], [3, 4], [5, 6]],
      [[2, 4], [6, 8], [10, 12]],
      [[4, 1], [6, 3], [8, 5]],
    ]);
    // The readout shows the three matrices as three grids.
    assert.equal(await page.locator('[data-readout="stack"] .matrix').count(), 3);
    assert.match(await summaryText(page), /rank-3 tensor of shape \(3, 3, 2\)/);
    assert.match(await page.locator(".code-panel pre").textContent(), /T = np\.stack\(\[A, s \* A, A \+ b\]\)/);

    const before = await figureDigest(page);
    await page.locator('[data-input="A"] input[data-row="2"][data-col="1"]').fill("7");
    const stack = await waitForReadout(page, "stack", (T) => T !== null && T[0][2][1] === 7);
    assert.deepEqual(stack, [
      [[1, 2], [3, 4], [5, 7]],
      [[2, 4], [6, 8], [10, 14]],
      [[4, 1], [6, 3], [8, 6]],
    ]);
    await page.waitForFunction(() => location.hash.includes("A=1,2;3,4;5,7") && location.hash.includes("view=stack"));
    await waitForFigureChange(page, before, "the new numbers are not drawn");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("orbiting the stack turns the picture and changes no readout", async () => {
    const page = await chapter("tensors?view=stack");
    await page.locator('[data-handle="orbit"]').waitFor();
    await page.waitForTimeout(100);
    const values = await snapshot(page);
    const start = await figureDigest(page);
    // Drag the empty canvas (its top-left corner is clear of the figure).
    const box = await page.locator(FIGURE_CANVAS).boundingBox();
    const [x, y] = [box.x + 40, box.y + 40];
    await drag(page, [x, y], [x + 60, y + 20], 8);
    await waitForFigureChange(page, start, "dragging the empty canvas did not turn the stack");
    const dragged = await figureDigest(page);
    // The orbit control ("Rotate view") turns it too, by keyboard.
    const orbit = page.locator('[data-handle="orbit"]');
    const label = await orbit.getAttribute("aria-label");
    assert.match(label, /^Rotate the 3-D view/);
    await orbit.focus();
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction((l) => document.querySelector('[data-handle="orbit"]').getAttribute("aria-label") !== l, label);
    await waitForFigureChange(page, dragged, "the orbit control did not turn the stack");
    assert.equal(await snapshot(page), values, "orbiting changes no readout");
    assert.doesNotMatch(page.url(), /yaw|pitch/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("when A + b does not broadcast, the stack holds the two matrices that exist and says why", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await chapter("tensors?view=stack&b=2,4,6", { colorScheme });
      assert.deepEqual(await readout(page, "stack_shape"), [2, 3, 2]);
      assert.deepEqual(await readout(page, "stack"), [
        [[1, 2], [3, 4], [5, 6]],
        [[2, 4], [6, 8], [10, 12]],
      ]);
      assert.match(await rowNote(page, "stack_shape"), /A \+ b does not exist \(shapes \(3,2\) and \(3,\) do not broadcast\)/);
      assert.match(await summaryText(page), /^A \+ b does not exist/);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  test("a stack too tall to draw is explained in words; its readouts stay exact", async () => {
    const tall = Array.from({ length: 9 }, (_, i) => `${i},1`).join(";");
    const page = await chapter(`tensors?view=stack&A=${tall}&b=1`);
    const note = page.locator(".figure-note");
    await note.waitFor({ state: "visible" });
    assert.match(await note.textContent(), /for up to 8 rows and columns/);
    assert.deepEqual(await readout(page, "stack_shape"), [3, 9, 2]);
    assert.equal(await page.locator('[data-handle="orbit"]').count(), 0, "no 3-D figure, no orbit control");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("with reduced motion, Play on the transpose jumps without in-between frames", async () => {
    const page = await chapter("tensors?view=transpose", { reducedMotion: "reduce" });
    const end = await dataBox(page);
    await page.locator(".timeline .play").click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").valueAsNumber === 0);
    await page.locator(".timeline .play").click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").valueAsNumber === 1);
    await page.waitForTimeout(100);
    assert.deepEqual(await dataBox(page), end);
    assert.equal(await page.locator(".timeline .play").textContent(), "▶ Play");
    await page.context().close();
  });

  test("a prose link sets the figure: s = 4 gives the notebook's A + 4", async () => {
    const page = await chapter("tensors");
    await follow(page, page.locator(".prose a", { hasText: "set s = 4" }));
    assert.equal(await readout(page, "s"), 4);
    assert.deepEqual(await readout(page, "plus_s"), [[5, 6], [7, 8], [9, 10]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens, and its link shows b = (2, 4, 6) refused as a row and accepted as a column", async () => {
    const page = await chapter("tensors");
    const question = page.locator("details.predict", { hasText: "Does numpy's A + b add it to each column?" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await follow(page, question.locator("a", { hasText: "Try it" }));
    assert.equal(await readout(page, "broadcast_sum"), null);
    assert.deepEqual(await readout(page, "column_broadcast"), [[3, 4], [7, 8], [11, 12]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the transpose question's link opens the transpose view", async () => {
    const page = await chapter("tensors");
    const question = page.locator("details.predict", { hasText: "bottom-right corner of A" });
    await question.locator("summary").click();
    await question.locator("a", { hasText: "Watch it fly" }).click();
    await page.waitForFunction(() => location.hash.includes("view=transpose"));
    await page.waitForFunction(() => /every entry in row i, column j crosses the main diagonal/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(await readout(page, "transpose"), [[1, 3, 5], [2, 4, 6]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
