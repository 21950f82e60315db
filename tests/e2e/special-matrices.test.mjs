// End-to-end: 2.6 special matrices. The default rotation by 50° passes the orthogonality checks; a
// real pointer drag of a column breaks them; typing an angle rebuilds A; the reflection toggle flips
// det A; non-square matrices explain themselves.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clickProseLink, dragHandle, readout, readoutNote, urlAlert, useSite, waitForReadout } from "./harness.mjs";

/** Clicks the link `href` in the chapter's text (opening its predict question first, if it is in one). */
const site = useSite({ readout: "orthogonal" });
const chapter = site.openChapter;

const close = (a, b) => Math.abs(a - b) <= 1e-12;

describe("2.6 special matrices", () => {
  test("opens on the rotation by 50° with the radians shown and no console errors", async () => {
    const page = await chapter("special-matrices");
    assert.equal(await readout(page, "orthogonal"), true);
    assert.equal(await readout(page, "symmetric"), false);
    assert.equal(await readout(page, "diagonal"), false);
    assert.equal(await readout(page, "transpose_is_inverse"), true);
    assert.ok(close(await readout(page, "radians"), (50 * Math.PI) / 180));
    const A = await readout(page, "A");
    assert.ok(close(A[0][0], Math.cos((50 * Math.PI) / 180)) && close(A[1][0], Math.sin((50 * Math.PI) / 180)));
    assert.match(await readoutNote(page, "orthogonal"), /tolerance 1e-9/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of the first column breaks orthogonality", async () => {
    const page = await chapter("special-matrices");
    await dragHandle(page, "A:0", 8 * 15, 0, 15);
    const A = await waitForReadout(page, "A", (A) => A[0][0] > 1);
    assert.equal(await waitForReadout(page, "orthogonal", (o) => o === false), false);
    const norms = await readout(page, "column_norms");
    assert.ok(close(norms[0], Math.hypot(A[0][0], A[1][0])), `‖a₁‖ = ${norms[0]}`);
    const dot = await readout(page, "column_dot");
    assert.ok(close(dot, A[0][0] * A[0][1] + A[1][0] * A[1][1]));
    // The angle follows the dragged column.
    const deg = await readout(page, "deg");
    assert.ok(close(deg[0], (Math.atan2(A[1][0], A[0][0]) * 180) / Math.PI), `deg ${deg}`);
    await page.context().close();
  });

  test("typing the notebook's 2864.789° gives its −15.2° rotation; the reflection toggle flips det", async () => {
    const page = await chapter("special-matrices");
    await page.locator('[data-input="deg"] input[data-row="0"]').fill("2864.789");
    const A = await waitForReadout(page, "A", (A) => A[0][1] > 0);
    assert.ok(Math.abs(A[0][0] - 0.96497) < 1e-5 && Math.abs(A[0][1] - 0.26237) < 1e-5, JSON.stringify(A));
    assert.equal(await readout(page, "orthogonal"), true);
    await page.locator(".choice label", { hasText: "reflection" }).click();
    await waitForReadout(page, "det", (d) => close(d, -1));
    assert.equal(await readout(page, "symmetric"), true);
    await page.waitForFunction(() => location.hash.includes("kind=reflection"));
    // The link reproduces the reflection exactly.
    const again = await chapter(page.url().split("#/")[1]);
    assert.deepEqual(await readout(again, "A"), await readout(page, "A"));
    await again.context().close();
    await page.context().close();
  });

  test("non-square and symmetric matrices from the URL", async () => {
    const page = await chapter("special-matrices?A=2,0,0;0,4,0;0,0,3;0,0,0");
    assert.deepEqual([await readout(page, "symmetric"), await readout(page, "diagonal"), await readout(page, "orthogonal")], [false, true, false]);
    assert.equal(await readout(page, "inverse"), null);
    assert.ok(await page.locator(".figure-note").isVisible());
    const sym = await chapter("special-matrices?A=2,4,-1;4,-8,0;-1,0,3");
    assert.equal(await readout(sym, "symmetric"), true);
    const bad = await chapter("special-matrices?deg=1,2");
    assert.match(await urlAlert(bad), /Parameter deg: a single number is expected, not a list/);
    for (const p of [page, sym, bad]) await p.context().close();
  });

  test("a predict question: perpendicular columns of length √8 are not orthogonal; its link shows it", async () => {
    const page = await chapter("special-matrices");
    const question = page.locator("details.predict", { hasText: "Is the matrix with these columns orthogonal" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await question.locator('a[href="#/special-matrices?A=2,2;2,-2"]').click();
    await waitForReadout(page, "A", (A) => A[0][0] === 2 && A[1][1] === -2);
    assert.equal(await readout(page, "column_dot"), 0);
    assert.equal(await readout(page, "orthogonal"), false);
    assert.ok(close(await readout(page, "column_norms").then((n) => n[0]), Math.sqrt(8)));
    await page.waitForFunction(() => location.hash.includes("A=2,2;2,-2"));
    await page.context().close();
  });

  test("−I₃ from the text: orthogonal with det −1, and the note says what that means in 3-D", async () => {
    const page = await chapter("special-matrices");
    await clickProseLink(page, "#/special-matrices?A=-1,0,0;0,-1,0;0,0,-1");
    assert.equal(await waitForReadout(page, "det", (d) => d === -1), -1);
    assert.equal(await readout(page, "orthogonal"), true);
    assert.match(await readoutNote(page, "det"), /rotation combined with a reflection/);
    await page.waitForFunction(() => /\(3×3\).*rotation combined with a reflection/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.ok(await page.locator(".figure-note").isVisible());
    await page.context().close();
  });

  test("the text's reflection link: symmetric and orthogonal, det −1, a reflection across a line", async () => {
    const page = await chapter("special-matrices?A=2,0;0,4");
    await clickProseLink(page, "#/special-matrices?deg=50&kind=reflection");
    await waitForReadout(page, "det", (d) => close(d, -1));
    assert.equal(await readout(page, "symmetric"), true);
    assert.equal(await readout(page, "orthogonal"), true);
    assert.match(await readoutNote(page, "det"), /reflection across a line/);
    await page.waitForFunction(() => location.hash.includes("kind=reflection"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
