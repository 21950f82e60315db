// End-to-end: 2.5 norms. A real pointer drag of v changes every norm to the right value; p from the
// URL (including p < 1 and a huge p); the triangle-inequality view with two handles.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { dragHandle, readout, readoutNote, urlAlert, useSite, waitForReadout } from "./harness.mjs";

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
});
