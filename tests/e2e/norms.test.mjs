// End-to-end: 2.5 norms. A real pointer drag of v changes every norm to the right value; p from the
// URL (including p < 1 and a huge p); the triangle-inequality view with two handles; the sparse view
// (the line x·w = y dragged by its nearest point); the text's links and predict questions.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clickProseLink, dragHandle, readout, readoutNote, urlAlert, useSite, waitForReadout } from "./harness.mjs";

/** Clicks the link `href` in the chapter's text (opening its predict question first, if it is in one). */
const site = useSite({ readout: "l2" });
const chapter = site.openChapter;

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const pnorm = (v, p) => Math.pow(v.reduce((s, x) => s + Math.pow(Math.abs(x), p), 0), 1 / p);

describe("2.5 norms", () => {
  test("opens on v = (3, 4) with every norm and no console errors", async () => {
    const page = await chapter("norms");
    assert.equal(await readout(page, "l2"), 5);
    assert.equal(await readout(page, "l1"), 7);
    assert.equal(await readout(page, "linf"), 4);
    assert.equal(await readout(page, "l0"), 2);
    assert.ok(close(await readout(page, "lp"), pnorm([3, 4], 3)));
    assert.ok(close(await readout(page, "frobenius"), Math.sqrt(70)));
    assert.ok(await page.locator("[data-handle=v]").isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of v changes every norm to the dragged vector's", async () => {
    const page = await chapter("norms");
    await dragHandle(page, "v", -10 * 15, 6 * 15, 15);
    const v = await waitForReadout(page, "v", (v) => v[0] !== 3 || v[1] !== 4);
    assert.ok(v[0] < 3, `moved left: ${v}`);
    await waitForReadout(page, "l1", (l) => close(l, Math.abs(v[0]) + Math.abs(v[1])));
    assert.ok(close(await readout(page, "l2"), Math.hypot(...v)));
    assert.equal(await readout(page, "linf"), Math.max(...v.map(Math.abs)));
    assert.ok(close(await readout(page, "lp"), pnorm(v, 3)));
    assert.equal(await readout(page, "l0"), v.filter((x) => x !== 0).length);
    await page.context().close();
  });

  test("p from the URL: p < 1 is flagged, a huge p gives the max norm, p = 0 is refused", async () => {
    const small = await chapter("norms?v=3,5&p=0.5");
    assert.ok(close(await readout(small, "lp"), pnorm([3, 5], 0.5)));
    assert.match(await readoutNote(small, "lp"), /not a norm/);
    const huge = await chapter("norms?v=3,-4,1e300&p=1e6");
    assert.equal(await readout(huge, "lp"), 1e300);
    assert.ok(await huge.locator(".figure-note").isVisible());
    const bad = await chapter("norms?p=0");
    assert.match(await urlAlert(bad), /Parameter p: p is one number greater than 0/);
    assert.equal(await readout(bad, "l2"), 5);
    for (const p of [small, huge, bad]) await p.context().close();
  });

  test("the triangle view: the notebook's u and v, and w's handle", async () => {
    const page = await chapter("norms?v=4,2&w=1,6&view=triangle");
    assert.ok(close(await readout(page, "sum_norm"), Math.sqrt(89)));
    assert.ok(close(await readout(page, "norm_sum"), Math.sqrt(20) + Math.sqrt(37)));
    assert.equal(await readout(page, "triangle"), true);
    await page.locator("[data-handle=w]").focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "w", (w) => w[0] === 2 && w[1] === 6);
    assert.ok(close(await readout(page, "sum_norm"), Math.hypot(6, 8)));
    await page.context().close();
  });

  test("the text's link p = 0.5 sets the figure, and the lp readout exceeds l1", async () => {
    const page = await chapter("norms");
    await clickProseLink(page, "#/norms?p=0.5");
    const lp = await waitForReadout(page, "lp", (x) => close(x, pnorm([3, 4], 0.5)));
    assert.ok(lp > (await readout(page, "l1")), `${lp} > 7`);
    await page.waitForFunction(() => location.hash.includes("p=0.5"));
    assert.match(await readoutNote(page, "lp"), /can exceed ‖v‖₁/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens and its link shows opposite vectors: strictly shorter, not equal", async () => {
    const page = await chapter("norms");
    const question = page.locator("details.predict", { hasText: "opposite vectors" });
    assert.equal(await question.evaluate((d) => d.open), false);
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await question.locator('a[href="#/norms?view=triangle&v=4,2&w=-2,-1"]').click();
    await waitForReadout(page, "w", (w) => w[0] === -2 && w[1] === -1);
    assert.equal(await readout(page, "triangle"), true);
    assert.match(await readoutNote(page, "triangle"), /strictly shorter: v and w do not point the same way/);
    assert.ok(close(await readout(page, "sum_norm"), Math.sqrt(5)));
    await page.waitForFunction(() => location.hash.includes("view=triangle"));
    await page.context().close();
  });

  test("the sparse view: the smallest diamond touches w₁ + 2w₂ = 5 at a corner, the circle off the axes", async () => {
    const page = await chapter("norms");
    await clickProseLink(page, "#/norms?view=sparse&x=1,2&y=5");
    assert.deepEqual(await waitForReadout(page, "l1_point", (p) => Array.isArray(p)), [0, 2.5]);
    assert.deepEqual(await readout(page, "l2_point"), [1, 2]);
    assert.equal(await readout(page, "l1_radius"), 2.5);
    assert.ok(close(await readout(page, "l2_radius"), Math.sqrt(5)));
    assert.ok(await page.locator("[data-handle=line]").isVisible());
    assert.equal(await page.locator("[data-handle=v]").count(), 0);
    await page.waitForFunction(() => /touches it at the corner \(0, 2\.5\), so w₁ = 0/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the sparse view: arrow keys turn the line through 45°, where a whole edge touches", async () => {
    const page = await chapter("norms?view=sparse");
    const handle = page.locator("[data-handle=line]");
    await handle.focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "x", (x) => x[0] === 2 && x[1] === 2);
    assert.deepEqual(await readout(page, "y"), [[8]]);
    assert.equal(await waitForReadout(page, "l1_point", (p) => p === null), null);
    assert.match(await readoutNote(page, "l1_point"), /not one point: \|x₁\| = \|x₂\|/);
    assert.equal(await readout(page, "l1_radius"), 4);
    await page.keyboard.press("ArrowDown");
    assert.deepEqual(await waitForReadout(page, "l1_point", (p) => Array.isArray(p)), [2.5, 0]);
    assert.deepEqual(await readout(page, "x"), [2, 1]);
    await page.waitForFunction(() => location.hash.includes("x=2,1") && location.hash.includes("y=5"));
    await page.context().close();
  });

  test("the sparse view: a real pointer drag moves and turns the line; the touching points follow", async () => {
    const page = await chapter("norms?view=sparse");
    await dragHandle(page, "line", 4 * 15, 3 * 15, 15);
    const x = await waitForReadout(page, "x", (x) => x[0] !== 1 || x[1] !== 2);
    const y = (await readout(page, "y"))[0][0];
    assert.ok(close(y, x[0] * x[0] + x[1] * x[1]), `y = |x|²: ${y} for ${x}`);
    // The nearest point is the dragged point itself; the L¹ point sits on the axis of the larger |xᵢ|.
    const l2 = await waitForReadout(page, "l2_point", (p) => close(p[0], x[0]) && close(p[1], x[1]));
    assert.ok(close(l2[0], x[0]));
    const l1 = await readout(page, "l1_point");
    if (Math.abs(x[0]) !== Math.abs(x[1])) {
      const i = Math.abs(x[0]) > Math.abs(x[1]) ? 0 : 1;
      assert.equal(l1[1 - i], 0, `a zero weight: ${l1}`);
      assert.ok(close(x[0] * l1[0] + x[1] * l1[1], y), "on the line");
    } else {
      assert.equal(l1, null);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
