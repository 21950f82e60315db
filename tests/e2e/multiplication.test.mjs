// End-to-end: the built site (dist/) served on 127.0.0.1, driven in Debian's headless Chromium with
// real pointer and keyboard input. Run `trunk build --release` first (scripts/test.sh does).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { centre, close, drag, dragBy, followLink, readout, readoutNote, urlAlert, useSite, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "Av" });
const chapter = site.openChapter;
const matVec = (A, v) => A.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));

/** A prose link that sets the figure (choices at their default stay out of the address). */
const follow = (page, a) => followLink(page, a, ["view=av", "order=ab"]);

describe("2.2 multiplication", () => {
  test("opens on the notebook's example with no console errors", async () => {
    const page = await chapter("multiplication");
    assert.deepEqual(await readout(page, "Av"), [16, 40]);
    assert.deepEqual(await readout(page, "AB"), [[16, 12], [40, 28]]);
    assert.deepEqual(await readout(page, "BA"), [[28, 30], [16, 16]]);
    assert.equal(await readout(page, "dot"), 22);
    assert.equal(await page.locator("canvas").count(), 1);
    assert.ok(await page.locator("[data-handle=v]").isVisible());
    assert.ok(await page.locator(".url-alert").isHidden());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real pointer drag of the v handle moves Av to A·v", async () => {
    const page = await chapter("multiplication");
    const before = await readout(page, "v");
    const [x, y] = centre(await page.locator("[data-handle=v]").boundingBox());
    await dragBy(page, [x, y], [4 * 20, 3 * 20], 20);
    const v = await waitForReadout(page, "v", (v) => v[0] !== before[0] || v[1] !== before[1]);
    assert.ok(v[0] > before[0] && v[1] < before[1], `v moved right and down: ${before} → ${v}`);
    const A = await readout(page, "A");
    const Av = await waitForReadout(page, "Av", (Av) => Av.every((x, i) => close(x, matVec(A, v)[i])));
    assert.deepEqual(Av, matVec(A, v));
    // Snapping is on by default: the dragged vector lands on the integer lattice.
    assert.ok(v.every(Number.isInteger), `snapped: ${v}`);
    // The handle followed the drag: it sits where the pointer was released (within one grid cell).
    const after = await page.locator("[data-handle=v]").boundingBox();
    assert.ok(Math.abs(after.x + after.width / 2 - (x + 80)) < 20 && Math.abs(after.y + after.height / 2 - (y + 60)) < 20);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("dragging a column of A moves the plane and every product", async () => {
    const page = await chapter("multiplication?A=1,0;0,1&v=1,1");
    // Drag the first column's tip onto the second's: A becomes singular, the square flattens.
    const from = await page.locator('[data-handle="A:0"]').boundingBox();
    const to = await page.locator('[data-handle="A:1"]').boundingBox();
    await drag(page, centre(from), centre(to), 12);
    const A = await waitForReadout(page, "A", (A) => A[0][0] !== 1 || A[1][0] !== 0);
    assert.deepEqual(A, [[0, 0], [1, 1]]);
    assert.deepEqual(await waitForReadout(page, "Av", (Av) => Av[1] === 2), [0, 2]);
    assert.deepEqual(await readout(page, "AB"), [[0, 0], [7, 5]]);
    await page.context().close();
  });

  test("arrow keys on a focused handle move it, Shift in fine steps", async () => {
    const page = await chapter("multiplication?v=1,1");
    await page.locator("[data-handle=v]").focus();
    await page.keyboard.press("ArrowRight");
    await waitForReadout(page, "v", (v) => v[0] === 2 && v[1] === 1);
    assert.deepEqual(await readout(page, "Av"), [7, 17]);
    await page.keyboard.press("Shift+ArrowUp");
    const v = await waitForReadout(page, "v", (v) => close(v[1], 1.1));
    assert.deepEqual(await readout(page, "Av"), matVec([[2, 3], [6, 5]], v));
    const label = await page.locator("[data-handle=v]").getAttribute("aria-label");
    assert.match(label, /^v = \(2, 1\.1\)/);
    await page.context().close();
  });

  test("the URL hash follows the state and reproduces it", async () => {
    const page = await chapter("multiplication?v=1,1");
    await page.locator("[data-handle=v]").focus();
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => location.hash.includes("v=0,1"));
    const url = page.url();
    const again = await site.openPage(url);
    await waitForReadout(again, "v", (v) => v[0] === 0 && v[1] === 1);
    assert.deepEqual(await readout(again, "Av"), [3, 5]);
    await again.context().close();
    await page.context().close();
  });

  test("an invalid URL parameter shows an alert and the default state", async () => {
    for (const bad of ["v=abc", "A=1,2;3", "A=NaN,1;1,1", "v=1e400,1", "A=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E"]) {
      const page = await chapter(`multiplication?${bad}`);
      const text = await urlAlert(page);
      const param = bad.split("=")[0];
      assert.match(text, new RegExp(`Parameter ${param}:`));
      assert.deepEqual(await readout(page, "Av"), [16, 40], bad);
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      assert.equal(await page.locator("main img").count(), 0);
      await page.context().close();
    }
  });

  test("a typed cell updates the readouts; a bad one alerts beside the editor", async () => {
    const page = await chapter("multiplication");
    const cell = page.locator('[data-input="A"] input[data-row="0"][data-col="0"]');
    await cell.fill("x1");
    const alert = page.locator('[data-input="A"] [role=alert]');
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /row 1, column 1/);
    assert.deepEqual(await readout(page, "Av"), [16, 40]);
    await cell.fill("-1");
    await waitForReadout(page, "Av", (Av) => Av[0] === 1);
    assert.ok(await alert.isHidden());
    await page.waitForFunction(() => location.hash.includes("A=-1,3;6,5"));
    await page.context().close();
  });

  test("non-square shapes compute, and mismatches explain themselves", async () => {
    const page = await chapter("multiplication?A=1,2;3,4;5,6&v=2,4");
    assert.deepEqual(await readout(page, "Av"), [10, 22, 34]);
    assert.equal(await readout(page, "BA"), null);
    assert.match(await readoutNote(page, "BA"), /inner sizes/);
    assert.ok(await page.locator(".figure-note").isVisible());
    await page.locator('[data-input="v"] button', { hasText: "+ entry" }).click();
    await waitForReadout(page, "v", (v) => v.length === 3);
    assert.equal(await readout(page, "Av"), null);
    await page.context().close();
  });

  test("the A·B view plays B then A, and the order toggle swaps it", async () => {
    const page = await chapter("multiplication", { reducedMotion: "reduce" });
    await page.locator(".choice label", { hasText: "A·B" }).click();
    await page.waitForSelector('[data-handle="B:0"]');
    assert.equal(await page.locator(".stages li").first().textContent(), "apply B");
    await page.locator(".choice label", { hasText: "BA: A first, then B" }).click();
    await page.waitForFunction(() => document.querySelector(".stages li")?.textContent === "apply A");
    await page.waitForFunction(() => location.hash.includes("view=ab&order=ba"));
    // Reduced motion: play steps stage by stage with no tween.
    const range = page.locator(".timeline input[type=range]");
    await page.getByRole("button", { name: "Play the transformation" }).click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").value === "0");
    await page.getByRole("button", { name: "Play the transformation" }).click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").value === "1");
    assert.equal(await range.inputValue(), "1");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a prose link sets the figure: with A = 2I both orders agree", async () => {
    const page = await chapter("multiplication");
    await follow(page, page.locator(".prose a", { hasText: "with A = 2I" }));
    assert.deepEqual(await readout(page, "AB"), [[10, 6], [4, 4]]);
    assert.equal(await readout(page, "commute"), true);
    await page.waitForFunction(() => /these two matrices commute/.test(document.querySelector(".summary")?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a predict question opens, and its link puts Av on the first column", async () => {
    const page = await chapter("multiplication");
    const question = page.locator("details.predict", { hasText: "Set v = (1, 0). Where does Av land?" });
    await question.locator("summary").click();
    assert.equal(await question.evaluate((d) => d.open), true);
    await follow(page, question.locator("a", { hasText: "With v = (1, 0)" }));
    assert.deepEqual(await readout(page, "Av"), [2, 6]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("matrices that commute up to rounding are said to commute", async () => {
    const page = await chapter("multiplication?A=0.1,0.2;0.3,0.4&B=1.1,0.2;0.3,1.4&view=ab");
    const [ab, ba] = [await readout(page, "AB"), await readout(page, "BA")];
    assert.notDeepEqual(ab, ba, "the floats differ in the last bit");
    assert.equal(await readout(page, "commute"), true);
    assert.match(await readoutNote(page, "commute"), /up to rounding/);
    await page.context().close();
  });
});

describe("the site", () => {
  test("the landing page links all twelve chapters", async () => {
    const page = await site.openPage(`${site.base}index.html`);
    await page.waitForSelector(".syllabus");
    assert.equal(await page.locator(".syllabus li").count(), 12);
    assert.equal(await page.locator(".syllabus li a").count(), 12);
    await page.locator(".syllabus a", { hasText: "Multiplying Matrices and Vectors" }).click();
    await readout(page, "Av");
    // The chapter's static page, which the module takes over.
    assert.match(page.url(), /\/multiplication\/(#\?.*)?$/);
    await page.goBack();
    await page.waitForSelector(".syllabus");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("works from a sub-path with relative URLs", async () => {
    const sub = await site.serve(undefined, "/blog/figures/");
    const page = await site.openPage(`${sub.base}index.html#/multiplication?v=1,0`);
    assert.deepEqual(await readout(page, "Av"), [2, 6]);
    // The explanation, fetched from the sub-path.
    await page.locator("article.prose h2").first().waitFor();
    await page.context().close();
    // The chapter's static page there, with its state after `#?`, and its links.
    const staticPage = await site.openPage(`${sub.base}multiplication/#?v=1,0`);
    assert.deepEqual(await readout(staticPage, "Av"), [2, 6]);
    assert.equal(await staticPage.locator("a[rel=next]").getAttribute("href"), "../inverse/");
    await staticPage.locator("a[rel=next]").click();
    await readout(staticPage, "inverse");
    assert.ok(staticPage.url().startsWith(`${sub.base}inverse/`), staticPage.url());
    assert.deepEqual(staticPage.errors, []);
    await staticPage.context().close();
    await sub.close();
  });

  test("a phone-sized page has no horizontal overflow and large touch targets", async () => {
    const page = await chapter("multiplication", { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `overflows by ${overflow}px`);
    const box = await page.locator("[data-handle=v]").boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `touch target ${box.width}×${box.height}`);
    await page.context().close();
  });

  test("an unknown chapter says so instead of showing an empty page", async () => {
    const page = await site.openPage(site.url("no-such-chapter"));
    await page.waitForSelector(".not-found");
    assert.match(await page.locator(".not-found").textContent(), /There is no chapter at this address/);
    await page.context().close();
  });
});
