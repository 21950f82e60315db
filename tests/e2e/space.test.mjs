// End-to-end: the shared 3-D view (svd 3×2, eigendecomposition 3×3, span in space), in headless
// Chromium against the built site: a figure is drawn, dragging the empty canvas orbits without
// changing the state, a 3-D handle drag and the arrow keys change readouts, the orbit control turns.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { drag, dragEmpty, handleCentre as centre, inkedPixels, readout, snapshot, useSite, waitForHandleMove, waitForReadout, FIGURE_CANVAS } from "./harness.mjs";

const site = useSite();

/** Opens a chapter, waits for the readout `first`, and lets the 3-D figure settle for 100 ms. */
async function chapter(hash, first, options) {
  const page = await site.openChapter(hash, { readout: first, ...options });
  await page.waitForTimeout(100);
  return page;
}

describe("the 3-D view", () => {
  test("svd with a 3×2 A draws in space, orbits on an empty drag, and a column drag changes σ", async () => {
    const page = await chapter("svd?A=1,0;0,1;1,1", "singular_values");
    assert.ok(await page.locator(".figure-note").isHidden(), "no figure note");
    assert.ok((await page.locator(FIGURE_CANVAS).evaluate(inkedPixels)) > 2000, "the canvas has a drawing");
    assert.equal(await page.locator("[data-handle]").count(), 3, "A:0, A:1 and the orbit control");
    const s0 = await readout(page, "singular_values");
    assert.ok(Math.abs(s0[0] - Math.sqrt(3)) < 1e-12 && Math.abs(s0[1] - 1) < 1e-12, `${s0}`);

    const readouts = await snapshot(page);
    const before = await centre(page, "A:0");
    await dragEmpty(page, 80, 30);
    await waitForHandleMove(page, "A:0", before).catch(() => assert.fail("the handle did not move when the view orbited"));
    assert.equal(await snapshot(page), readouts, "orbiting changes no readout");
    assert.doesNotMatch(page.url(), /yaw|pitch/);

    const [x, y] = await centre(page, "A:0");
    await drag(page, [x, y], [x + 40, y - 60], 10);
    const s1 = await waitForReadout(page, "singular_values", (s) => Math.abs(s[0] - s0[0]) > 1e-6);
    assert.notDeepEqual(s1, s0);
    const A = await readout(page, "A");
    assert.equal(A.length, 3, "A keeps its shape");
    assert.ok(A[0][0] !== 1 || A[1][0] !== 0 || A[2][0] !== 1, `${JSON.stringify(A)}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("eigendecomposition 3×3 draws the ellipsoid and eigen-directions; v moves in space by drag and keys", async () => {
    const page = await chapter("eigendecomposition?A=2,0,0;0,3,4;0,4,9", "eigenvalues");
    assert.ok(await page.locator(".figure-note").isHidden(), "no figure note");
    assert.ok((await page.locator(FIGURE_CANVAS).evaluate(inkedPixels)) > 2000, "the canvas has a drawing");
    const values = await readout(page, "eigenvalues");
    assert.ok(Math.abs(values[0] - 11) < 1e-12 && Math.abs(values[1] - 2) < 1e-12 && Math.abs(values[2] - 1) < 1e-12, `${values}`);
    assert.ok(await page.locator('[data-handle="v"]').isVisible());

    // Arrow keys: a coarse step moves v one unit along an axis.
    const v0 = await readout(page, "v");
    await page.locator('[data-handle="v"]').focus();
    await page.keyboard.press("ArrowUp");
    const v1 = await waitForReadout(page, "v", (v) => JSON.stringify(v) !== JSON.stringify(v0));
    const moved = v1.map((x, i) => x - v0[i]);
    assert.equal(moved.filter((d) => d !== 0).length, 1, `one axis: ${moved}`);
    assert.equal(Math.abs(moved.find((d) => d !== 0)), 1);
    assert.equal(moved[2], 1, "up is z in the default view");

    // The orbit control turns the view with the keyboard, and readouts stay.
    const readouts = await snapshot(page);
    const before = await centre(page, "v");
    await page.locator('[data-handle="orbit"]').focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await waitForHandleMove(page, "v", before).catch(() => assert.fail("the orbit control did not turn the view"));
    assert.match(await page.locator('[data-handle="orbit"]').getAttribute("aria-label"), /Rotate the 3-D view/);
    assert.equal(await snapshot(page), readouts);

    // Dragging v changes Av.
    const av0 = await readout(page, "Av");
    const [x, y] = await centre(page, "v");
    await drag(page, [x, y], [x + 50, y + 40], 10);
    await waitForReadout(page, "Av", (av) => JSON.stringify(av) !== JSON.stringify(av0));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("span with three equations shows the plane in space; dragging b onto it makes b reachable", async () => {
    const page = await chapter("span?A=1,0;0,1;1,1&b=1,2,4", "in_span");
    assert.ok(await page.locator(".figure-note").isHidden(), "no figure note");
    assert.equal(await readout(page, "in_span"), false);
    // Fine steps move exactly in the screen plane; coarse ones along axes: b = (1, 2, 4) → (1, 2, 3).
    await page.locator('[data-handle="b"]').focus();
    await page.keyboard.press("ArrowDown");
    assert.deepEqual(await waitForReadout(page, "b", (b) => b[2] === 3), [1, 2, 3]);
    assert.equal(await waitForReadout(page, "in_span", (v) => v === true), true);
    const c = await readout(page, "coefficients");
    assert.ok(Math.abs(c[0] - 1) < 1e-12 && Math.abs(c[1] - 2) < 1e-12, `${c}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("on a phone the 3-D figure fits and the orbit control is a touch target", async () => {
    const page = await chapter("svd?A=1,0;0,1;1,1", "singular_values", { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const box = await page.locator('[data-handle="orbit"]').boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `${box.width}×${box.height}`);
    const canvas = await page.locator(FIGURE_CANVAS).boundingBox();
    assert.ok(box.x >= canvas.x && box.y + box.height <= canvas.y + canvas.height + 1, "inside the figure");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll: ${width}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
