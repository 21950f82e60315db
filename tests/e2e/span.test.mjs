// End-to-end: 2.4 Linear dependence and span, in headless Chromium against the built site.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { centre, close as near, drag, followLink, readout, readoutNote as note, snapshot, useSite, waitForReadout, waitForSummary as summary } from "./harness.mjs";

const site = useSite({ readout: "rank" });
const chapter = site.openChapter;
const close = (a, b) => near(a, b, 1e-12);

/** A prose link that sets the figure (choices at their default stay out of the address). */
const follow = (page, a) => followLink(page, a, ["picture=columns", "equations=2"]);

describe("2.4 span", () => {
  test("opens on the notebook's u = (1, 3), v = (2, 1) reaching b = 2u + v = (4, 7)", async () => {
    const page = await chapter("span");
    assert.equal(await readout(page, "rank"), 2);
    assert.equal(await readout(page, "independent"), true);
    assert.equal(await readout(page, "in_span"), true);
    const c = await readout(page, "coefficients");
    assert.ok(close(c[0], 2) && close(c[1], 1), `${c}`);
    await page.waitForFunction(() => /whole plane/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("dragging v onto the line of u collapses the span; b is then out of reach", async () => {
    const page = await chapter("span");
    // u = (1, 3) and v = (2, 1): their screen positions give the world → screen map; drop v at −u.
    const [ux, uy] = centre(await page.locator('[data-handle="A:0"]').boundingBox());
    const [vx, vy] = centre(await page.locator('[data-handle="A:1"]').boundingBox());
    const perX = vx - ux; // one world unit in x
    const perY = (vy - uy) / 2; // one world unit of y, in screen px downwards
    const [tx, ty] = [ux - 2 * perX, uy + 6 * perY];
    await drag(page, [vx, vy], [tx, ty], 20);
    const A = await waitForReadout(page, "A", (A) => A[0][1] === -1 && A[1][1] === -3);
    assert.deepEqual(A, [[1, -1], [3, -3]]);
    assert.equal(await waitForReadout(page, "rank", (r) => r === 1), 1);
    assert.equal(await readout(page, "independent"), false);
    assert.equal(await readout(page, "in_span"), false);
    assert.equal(await readout(page, "coefficients"), null);
    assert.match(await note(page, "coefficients"), /out of reach/);
    await page.waitForFunction(() => /a line, and b is out of reach/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the ca, cb sliders walk the dashed path; the link carries them and no readout changes", async () => {
    const page = await chapter("span");
    const before = await snapshot(page);
    const slider = page.locator('input[data-slider="ca"]');
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => location.hash.includes("ca=1.5") && location.hash.includes("cb=1"));
    assert.ok(await slider.evaluate((e) => e === document.activeElement), "the slider keeps the focus");
    const after = await snapshot(page);
    assert.equal(after, before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the Equations toggle adds 7x − y = 2 and takes it away again; the row picture draws it", async () => {
    const page = await chapter("span?A=0.5,-1;1,1&b=-1,4");
    const readouts = () => snapshot(page);
    const before = await readouts();
    assert.equal(await readout(page, "in_span"), true);
    // The real control: the radio button labelled with the notebook's third equation.
    await page.locator(".choice label", { hasText: "Add 7x − y = 2" }).click();
    assert.equal(await waitForReadout(page, "in_span", (v) => v === false), false);
    assert.deepEqual(await readout(page, "A"), [[0.5, -1], [1, 1], [7, -1]]);
    assert.deepEqual(await readout(page, "b"), [-1, 4, 2]);
    assert.equal(await readout(page, "rank"), 2);
    assert.equal(await readout(page, "independent"), true);
    assert.equal(await readout(page, "coefficients"), null);
    assert.match(await note(page, "coefficients"), /least-squares A⁺b = \(0\.6636, 2\.4378\)/);
    await page.waitForFunction(() => location.hash.includes("equations=3") && location.hash.includes("A=0.5,-1;1,1;7,-1"));
    // The column picture of three equations is the 3-D one: b's handle in space.
    assert.equal(await page.locator('[data-handle="b"]').count(), 1);
    // The row picture: three lines in the plane, no common point, the least-squares x explained.
    await page.locator(".choice label", { hasText: "Row picture" }).click();
    await page.waitForFunction(() => /no x satisfies all three; the closest in the least-squares sense/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.equal(await page.locator('[data-handle="x"]').count(), 1);
    assert.equal(await page.locator('[data-handle="b"]').count(), 0);
    assert.ok(await page.locator(".figure-note").isHidden());
    // Dragging x onto the crossing of the first two lines, (2, 2), moves ca and cb, not the readouts.
    const x = page.locator('[data-handle="x"]');
    assert.match(await x.getAttribute("aria-label"), /x = \(2, 1\)/);
    await x.focus();
    await page.keyboard.press("ArrowUp");
    await page.waitForFunction(() => location.hash.includes("cb=2"));
    assert.match(await x.getAttribute("aria-label"), /x = \(2, 2\)/);
    // Toggled back: the reader's two equations and every readout return.
    await page.locator(".choice label", { hasText: "Two equations" }).click();
    assert.equal(await waitForReadout(page, "in_span", (v) => v === true), true);
    await page.waitForFunction(() => !location.hash.includes("equations="));
    await page.waitForFunction(() => /meet at x = \(2, 2\), the one solution/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.equal(await readouts(), before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a bad equations or picture value is named and the default kept", async () => {
    const page = await chapter("span?equations=5&picture=rows");
    await page.waitForFunction(() => /Parameter equations:/.test(document.querySelector(".url-alert")?.textContent ?? ""));
    assert.deepEqual(await readout(page, "A"), [[1, 2], [3, 1]]);
    assert.equal(await page.locator('[data-handle="A:0"]').count(), 1, "the default column picture");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("three equations are drawn in space; a b of the wrong length is explained", async () => {
    let page = await chapter("span?A=0.5,-1;1,1;7,-1&b=-1,4,2");
    assert.equal(await readout(page, "rank"), 2);
    assert.equal(await readout(page, "independent"), true);
    assert.equal(await readout(page, "in_span"), false);
    assert.ok(await page.locator(".figure-note").isHidden());
    assert.equal(await page.locator('[data-handle="b"]').count(), 1);
    await page.context().close();
    page = await chapter("span?A=1,0,0;0,1,0;0,0,1&b=1,2");
    assert.ok(await page.locator(".url-alert").isHidden());
    assert.equal(await readout(page, "in_span"), null);
    assert.match(await note(page, "in_span"), /b has 2/);
    await page.context().close();
  });

  test("a prose link sets the figure: b = (6, 3) is 0·u + 3·v, with no rounding noise in the words", async () => {
    const page = await chapter("span");
    await follow(page, page.locator(".prose a", { hasText: "b = (6, 3)" }));
    assert.deepEqual(await readout(page, "b"), [6, 3]);
    const [x, y] = await readout(page, "coefficients");
    assert.ok(Math.abs(x) < 1e-14 && close(y, 3), `${x}, ${y}`);
    await summary(page, /b = 0·u \+ 3·v/);
    assert.match(await note(page, "coefficients"), /b = 0·u \+ 3·v/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens, and its link walks the path back to the origin along the null line", async () => {
    const page = await chapter("span");
    const question = page.locator("details.predict", { hasText: "walk the dashed path straight back to the origin" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await follow(page, question.locator("a", { hasText: "set the sliders there" }));
    assert.ok(["ca=2", "cb=-1", "A=1,2;2,4"].every((p) => page.url().includes(p)), page.url());
    const [[x, y]] = await readout(page, "null_space");
    assert.ok(close(x, 2 / Math.sqrt(5)) && close(y, -1 / Math.sqrt(5)), `${x}, ${y}`);
    await summary(page, /x = \(0\.6, 1\.2\) \+ t·\(0\.8944, −0\.4472\) for every t/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("null_space follows a real drag of v onto the line of u, and the keys take it off again", async () => {
    const page = await chapter("span");
    assert.deepEqual(await readout(page, "null_space"), []);
    const [ux, uy] = centre(await page.locator('[data-handle="A:0"]').boundingBox());
    const [vx, vy] = centre(await page.locator('[data-handle="A:1"]').boundingBox());
    const perX = vx - ux;
    const perY = (vy - uy) / 2;
    await drag(page, [vx, vy], [ux - 2 * perX, uy + 6 * perY], 20);
    await waitForReadout(page, "A", (A) => A[0][1] === -1 && A[1][1] === -3);
    // u = (1, 3), v = (−1, −3): u + v = 0, so the null space is the line of (1, 1)/√2.
    const [[x, y]] = await waitForReadout(page, "null_space", (n) => n.length === 1);
    assert.ok(close(x, Math.SQRT1_2) && close(y, Math.SQRT1_2), `${x}, ${y}`);
    assert.match(await note(page, "null_space"), /rank 1 < 2/);
    await page.locator('[data-handle="A:1"]').focus();
    await page.keyboard.press("ArrowRight");
    assert.deepEqual(await waitForReadout(page, "null_space", (n) => n.length === 0), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("three columns on one line leave a plane of amounts, drawn in space", async () => {
    const page = await chapter("span");
    await follow(page, page.locator(".prose a", { hasText: "three columns on one line" }));
    const basis = await readout(page, "null_space");
    assert.equal(basis.length, 2);
    const dot = (p, q) => p.reduce((s, x, i) => s + x * q[i], 0);
    assert.ok(close(dot(basis[0], basis[1]), 0) && close(dot(basis[0], basis[0]), 1));
    assert.ok(basis.every((q) => close(q[0] + 2 * q[1] + 3 * q[2], 0)), "A sends both to 0");
    await summary(page, /for all s, t/);
    assert.equal(await page.locator('[data-handle="b"]').count(), 1);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
