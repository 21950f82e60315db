// End-to-end: 2.10 the trace. A real pointer drag of a diagonal handle changes that entry and the
// trace; a non-square A is refused with a sentence; the cyclic view shows three equal traces.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clickProseLink, dragHandle, readout, readoutNote, urlAlert, useSite, waitForReadout } from "./harness.mjs";

/** Clicks the link `href` in the chapter's text (opening its predict question first, if it is in one). */
const site = useSite({ readout: "trace" });
const chapter = site.openChapter;

const diagSum = (A) => A.reduce((s, row, i) => s + row[i], 0);

describe("2.10 trace", () => {
  test("opens on the notebook's example with no console errors", async () => {
    const page = await chapter("trace");
    assert.equal(await readout(page, "trace"), 14);
    assert.equal(await readout(page, "trace_AAT"), 308);
    assert.ok(Math.abs((await readout(page, "frobenius")) - Math.sqrt(308)) < 1e-12);
    assert.ok(Math.abs((await readout(page, "eigenvalue_sum")) - 14) < 1e-9);
    assert.deepEqual(await readout(page, "XYZ"), [[360, 432], [180, 171]]);
    for (const n of ["trace_XYZ", "trace_ZXY", "trace_YZX"]) assert.equal(await readout(page, n), 531, n);
    assert.equal(await page.locator("[data-handle]").count(), 3);
    assert.ok(await page.locator('[data-handle="A:d0"]').isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of the second diagonal handle changes A₂₂ and the trace", async () => {
    const page = await chapter("trace");
    await dragHandle(page, "A:d1", 8 * 12, 2 * 12, 12);
    const A = await waitForReadout(page, "A", (A) => A[1][1] !== 7);
    assert.ok(A[1][1] > 7, `A₂₂ grew: ${A[1][1]}`);
    // Only the diagonal entry moved; the rest of A is untouched.
    assert.deepEqual(A.map((r, i) => r.filter((_, j) => j !== i || i !== 1)), [[2, 9, 8], [4, 1], [8, 2, 5]]);
    const tr = await waitForReadout(page, "trace", (t) => t === diagSum(A));
    assert.equal(tr, 2 + A[1][1] + 5);
    const eig = await readout(page, "eigenvalue_sum");
    assert.ok(Math.abs(eig - tr) < 1e-9 * Math.max(1, Math.abs(tr)), `Σλ ${eig} vs tr ${tr}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("arrow keys on a handle step its diagonal entry", async () => {
    const page = await chapter("trace?A=1,2;3,4");
    await page.locator('[data-handle="A:d0"]').focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "trace", (t) => t === 6);
    assert.deepEqual(await readout(page, "A"), [[2, 2], [3, 4]]);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await waitForReadout(page, "trace", (t) => t === 4);
    await page.waitForFunction(() => location.hash.includes("A=0,2;3,4"));
    await page.context().close();
  });

  test("a non-square A is refused with a sentence and the default state", async () => {
    const page = await chapter("trace?A=1,2,3;4,5,6");
    assert.match(await urlAlert(page), /Parameter A: the trace is defined for square matrices only, and this one is 2×3/);
    assert.equal(await readout(page, "trace"), 14);
    await page.context().close();
  });

  test("the cyclic view: three products, one trace; shapes that do not chain say so", async () => {
    const page = await chapter("trace?view=cyclic&X=1,2,3;4,5,6&Y=1;0;-1&Z=2,1");
    for (const n of ["trace_XYZ", "trace_ZXY", "trace_YZX"]) assert.equal(await readout(page, n), -6, n);
    assert.deepEqual(await readout(page, "YZX"), [[6, 9, 12], [0, 0, 0], [-6, -9, -12]]);
    assert.equal(await page.locator("[data-handle]").count(), 0);
    // Compare with another order: a swapped one differs, a cyclic one agrees.
    // X·Z·Y does not even exist for these shapes (X is 2×3, Z is 1×2).
    assert.equal(await readout(page, "trace_product"), null);
    await page.locator(".choice label", { hasText: "Y·Z·X (cyclic)" }).click();
    await waitForReadout(page, "trace_product", (t) => t === -6);
    await page.waitForFunction(() => location.hash.includes("order=yzx"));
    const bad = await chapter("trace?view=cyclic&Z=1,2,3");
    assert.equal(await readout(bad, "trace_XYZ"), null);
    assert.match(await readoutNote(bad, "XYZ"), /inner sizes/);
    assert.ok(await bad.locator(".figure-note").isVisible());
    await bad.context().close();
    await page.context().close();
  });

  test("the text's 2×2 example sets the figure: three handles become two, trace 5", async () => {
    const page = await chapter("trace");
    await clickProseLink(page, "#/trace?A=1,2;3,4");
    assert.equal(await waitForReadout(page, "trace", (t) => t === 5), 5);
    assert.equal(await readout(page, "trace_transpose"), 5);
    assert.equal(await page.locator("[data-handle]").count(), 2);
    await page.waitForFunction(() => location.hash.includes("A=1,2;3,4"));
    await page.context().close();
  });

  test("a predict question: swapping two factors changes the trace; its link compares X·Z·Y", async () => {
    const page = await chapter("trace");
    const question = page.locator("details.predict", { hasText: "swapping two factors" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await question.locator('a[href="#/trace?view=cyclic&order=xzy"]').click();
    assert.equal(await waitForReadout(page, "trace_product", (t) => t === 438), 438);
    assert.equal(await readout(page, "trace_XYZ"), 531);
    // X·Z·Y is the default order, so the link (and the page's hash) only names the view.
    await page.waitForFunction(() => location.hash.includes("view=cyclic"));
    await page.context().close();
  });

  test("a predict question: the quarter turn's complex eigenvalues add up to its trace, 0", async () => {
    const page = await chapter("trace");
    await clickProseLink(page, "#/trace?A=0,-1;1,0");
    await waitForReadout(page, "trace", (t) => t === 0);
    const eig = await readout(page, "eigenvalues");
    assert.equal(eig.length, 2);
    assert.ok(eig.every((l) => Math.abs(l.re) < 1e-12 && Math.abs(Math.abs(l.im) - 1) < 1e-12), JSON.stringify(eig));
    assert.ok(Math.abs(await readout(page, "eigenvalue_sum")) < 1e-12);
    await page.context().close();
  });
});
