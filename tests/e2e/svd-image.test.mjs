// End-to-end: the SVD page's image tab (#/svd?tab=image&k=…) in headless Chromium: the rank-k
// readouts, the rank slider by keyboard and by a real mouse drag, the link keeping k, the singular
// value chart drawn on its own canvas, and A's own readouts untouched.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { close, photo, png, readout, readoutNote, useSite, waitForReadout, FIGURE_CANVAS } from "./harness.mjs";

const site = useSite({ readout: "singular_values" });
const chapter = site.openChapter;
const [M, N] = [120, 160];

/** How many pixels of a canvas differ from its top-left pixel (the background); runs in the page. */
async function inkedPixels(selector) {
  const c = document.querySelector(selector);
  const { data } = await canvasPixels(c);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
  }
  return n;
}

const inked = (page, selector) => page.evaluate(inkedPixels, selector);

describe("2.8 svd, image tab", () => {
  test("a link opens the tab at its rank: readouts agree with the singular value formulas, A's readouts stay", async () => {
    const page = await chapter("svd?tab=image&k=5");
    assert.equal(await readout(page, "rank_k"), 5);
    assert.equal(await readout(page, "storage_ratio"), (5 * (M + N + 1)) / (M * N));
    const err = await readout(page, "relative_error");
    const fromSigma = await readout(page, "relative_error_sigma");
    assert.ok(err > 0.05 && err < 0.5, `${err}`);
    assert.ok(close(err, fromSigma), `${err} vs ${fromSigma}`);
    assert.ok(close((await readout(page, "energy")) + fromSigma ** 2, 1, 1e-12));
    // A's readouts are those of the plane tab, unchanged.
    const s = await readout(page, "singular_values");
    assert.ok(close(s[0], 8.7134, 1e-4) && close(s[1], 3.3282, 1e-4), `${s}`);
    assert.equal((await readout(page, "U")).length, 2);
    assert.equal(await page.locator("[data-handle]").count(), 0, "no handles over the picture");
    assert.ok(await page.locator('input[type=radio][value="image"]').isChecked());
    // Both canvases are drawn: the four panels and the chart.
    assert.ok((await inked(page, FIGURE_CANVAS)) > 10000);
    const label = await page.locator(".chart canvas").getAttribute("aria-label");
    assert.match(label, /Singular values of the picture/);
    assert.match(label, /k = 5/);
    assert.ok((await inked(page, ".chart canvas")) > 5000, "the chart is drawn");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the slider moves by keyboard and by a real drag; the link keeps k and the chart follows", async () => {
    const page = await chapter("svd?tab=image&k=5");
    const slider = page.locator('input[data-slider="k"]');
    assert.equal(await slider.getAttribute("min"), "1");
    assert.equal(await slider.getAttribute("max"), String(M));
    const before = await readout(page, "relative_error");
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await waitForReadout(page, "rank_k", (k) => k === 8), 8);
    const at8 = await readout(page, "relative_error");
    assert.ok(at8 < before, `${at8} < ${before}`);
    await page.waitForFunction(() => location.hash.includes("k=8") && location.hash.includes("tab=image"));
    await page.waitForFunction(() => document.querySelector(".chart canvas").getAttribute("aria-label").includes("k = 8"));

    // A real mouse drag of the thumb to about three quarters of the track.
    const box = await slider.boundingBox();
    const y = box.y + box.height / 2;
    const thumb = box.x + ((8 - 1) / (M - 1)) * box.width;
    await page.mouse.move(thumb, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(thumb + (i / 10) * (box.x + 0.75 * box.width - thumb), y);
    // Held, the slider moves the readouts (five times a second) but not the address, written on release.
    await waitForReadout(page, "rank_k", (k) => k > 60);
    await page.waitForTimeout(400);
    assert.ok((await page.evaluate(() => location.hash)).includes("k=8"), "the address waits for the release");
    const held = await page.locator(".chart canvas").getAttribute("aria-label");
    assert.ok(held.endsWith("Marked: k = 8."), `the chart's words wait for the release too: ${held}`);
    await page.mouse.up();
    const k = await waitForReadout(page, "rank_k", (k) => k > 60);
    assert.ok(k < M, `${k}`);
    await page.waitForFunction((k) => document.querySelector(".chart canvas").getAttribute("aria-label").endsWith(`Marked: k = ${k}.`), k);
    const err = await waitForReadout(page, "relative_error", (e) => e < at8);
    assert.ok(close(err, await readout(page, "relative_error_sigma")), "both errors agree after the drag");
    await page.waitForFunction((k) => location.hash.includes(`k=${k}`), k);
    // The link reproduces the state exactly.
    const again = await chapter((await page.evaluate(() => location.hash)).slice(2));
    assert.equal(await readout(again, "rank_k"), k);
    assert.equal(await readout(again, "relative_error"), err);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(again.errors, []);
    await again.context().close();
    await page.context().close();
  });

  test("the picture tab offers only its own control: A's editor is hidden, A stays in the readouts and comes back", async () => {
    const page = await chapter("svd?tab=image&k=5&A=1,2;3,4");
    await page.locator('[data-input="k"]').waitFor();
    assert.equal(await page.locator('[data-input="A"]').count(), 0, "no editor for A over the picture");
    assert.deepEqual(await readout(page, "A"), [[1, 2], [3, 4]]);
    // Moving the slider keeps A in the link.
    await page.locator('input[data-slider="k"]').focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => location.hash.includes("k=6") && location.hash.includes("A=1,2;3,4"));
    await page.locator(".choice label", { hasText: "A as a map" }).click();
    const cell = page.locator('[data-input="A"] input[data-row="1"][data-col="0"]');
    await cell.waitFor();
    assert.equal(await cell.inputValue(), "3");
    assert.equal(await page.locator('[data-input="k"]').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a bad k is refused where it was typed, and the map tab drops k and the chart", async () => {
    const page = await chapter("svd?tab=image&k=5");
    const cell = page.locator('[data-input="k"] input[data-row]');
    await cell.fill("2.5");
    const alert = page.locator('[data-input="k"] [role="alert"]');
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /whole number from 1 to 120/);
    assert.equal(await readout(page, "rank_k"), 5, "the last valid rank stays");
    await page.locator(".choice label", { hasText: "A as a map" }).click();
    await page.locator('[data-handle="A:0"]').waitFor();
    assert.equal(await page.locator('[data-readout="rank_k"]').count(), 0);
    assert.equal(await page.locator(".chart").count(), 0, "the chart is removed");
    await page.waitForFunction(() => !location.hash.includes("k=") && !location.hash.includes("tab="));
    await page.locator(".choice label", { hasText: "Compress a picture" }).click();
    assert.equal(await waitForReadout(page, "rank_k", (k) => k === 10), 10, "the tab reopens at k = 10");
    await page.locator(".chart canvas").waitFor();
    const link = await chapter("svd?tab=image&k=0");
    assert.match(await link.locator(".url-alert").textContent(), /Parameter k: k must be a whole number/);
    assert.equal(await link.locator('[data-readout="rank_k"]').count(), 0, "an invalid link opens the default page");
    assert.deepEqual(page.errors, []);
    await link.context().close();
    await page.context().close();
  });

  test("a PNG chosen through the file picker is compressed per channel; the readouts and the slider follow", async () => {
    const page = await chapter("svd?tab=image&k=5");
    const hash = await page.evaluate(() => location.hash);
    const picker = page.locator("input[data-picture-input]");
    await picker.setInputFiles({ name: "sunset.png", mimeType: "image/png", buffer: photo(96, 64) });
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[2] === 3, 20000), [64, 96, 3]);
    assert.equal(await readout(page, "rank_k"), 5);
    assert.equal(await readout(page, "storage_ratio"), (5 * (64 + 96 + 1)) / (64 * 96));
    const err = await readout(page, "relative_error");
    assert.ok(err > 0 && err < 0.5 && close(err, await readout(page, "relative_error_sigma"), 1e-6), `${err}`);
    assert.match(await readoutNote(page, "picture_shape"), /your 64×96 colour picture “sunset\.png”/);
    assert.equal(await page.locator(".picture-busy").isHidden(), true, "the progress bar goes when it is done");
    // The slider ends at the 50 triples computed, and moves the readouts.
    const slider = page.locator('input[data-slider="k"]');
    assert.equal(await slider.getAttribute("max"), "50");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await waitForReadout(page, "rank_k", (k) => k === 6), 6);
    assert.ok((await readout(page, "relative_error")) < err);
    // Never in the link: the address keeps the built-in picture's parameters.
    await page.waitForFunction(() => location.hash.includes("k=6"));
    assert.equal(await page.evaluate(() => location.hash), hash.replace("k=5", "k=6"));
    // Greyscale: one SVD of the luma.
    await page.locator("input[data-picture-grey]").check();
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[2] === 1, 20000), [64, 96, 1]);
    // A larger picture is scaled to 512 px on its long side, and read again at 1024 px on request.
    await picker.setInputFiles({ name: "wide.png", mimeType: "image/png", buffer: photo(600, 400) });
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[1] === 512, 20000), [341, 512, 1]);
    assert.match(await readoutNote(page, "picture_shape"), /scaled by 0\.853\d* from 400×600/);
    await page.locator("input[data-picture-large]").check();
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[1] === 600, 20000), [400, 600, 1]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a corrupt PNG and a file that is no picture are refused with a message; the picture stays", async () => {
    const page = await chapter("svd?tab=image&k=5");
    const good = photo(40, 30);
    // A valid signature and header, then garbage where the pixels should be.
    const corrupt = Buffer.concat([good.subarray(0, 33), Buffer.from("this is not deflate data at all".repeat(8))]);
    const picker = page.locator("input[data-picture-input]");
    await picker.setInputFiles({ name: "broken.png", mimeType: "image/png", buffer: corrupt });
    const alert = page.locator(".picture-alert");
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /“broken\.png” could not be read as a picture/);
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.deepEqual(await readout(page, "picture_shape"), [120, 160, 1], "the built-in picture stays");
    await picker.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await page.waitForFunction(() => document.querySelector(".picture-alert").textContent.includes("notes.txt"));
    assert.deepEqual(await readout(page, "picture_shape"), [120, 160, 1]);
    // A good one clears the message.
    await picker.setInputFiles({ name: "fine.png", mimeType: "image/png", buffer: png(8, 6, (x, y) => [30 * x, 40 * y, 90]) });
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[0] === 6, 20000), [6, 8, 3]);
    assert.equal(await alert.isHidden(), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a picture dropped on the figure or pasted is taken too; Cancel keeps the picture shown", async () => {
    const page = await chapter("svd?tab=image&k=5");
    /** Sends `bytes` as a file in a `drop` on the figure or a `paste` on the page (runs in the page). */
    const give = (kind, name, bytes) =>
      page.evaluate(
        ({ kind, name, b64 }) => {
          const data = new DataTransfer();
          data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: "image/png" }));
          const event =
            kind === "drop"
              ? new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true })
              : new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
          (kind === "drop" ? document.querySelector(".figure") : document.body).dispatchEvent(event);
          return event.defaultPrevented;
        },
        { kind, name, b64: bytes.toString("base64") },
      );
    assert.equal(await give("drop", "dropped.png", photo(50, 40)), true, "the drop is taken");
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[0] === 40, 20000), [40, 50, 3]);
    assert.match(await readoutNote(page, "picture_shape"), /“dropped\.png”/);
    assert.equal(await give("paste", "image.png", photo(30, 20)), true, "the paste is taken");
    assert.deepEqual(await waitForReadout(page, "picture_shape", (s) => s[0] === 20, 20000), [20, 30, 3]);
    assert.match(await readoutNote(page, "picture_shape"), /“pasted picture”/);
    // A large picture at 1024 px computes for a while: Cancel stops it and the last picture stays.
    await page.locator("input[data-picture-large]").check();
    await page.locator("input[data-picture-input]").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: photo(1100, 900) });
    await page.locator(".picture-busy progress").waitFor({ state: "visible", timeout: 20000 });
    await page.locator(".picture-cancel").click();
    await page.locator(".picture-busy").waitFor({ state: "hidden" });
    assert.deepEqual(await readout(page, "picture_shape"), [20, 30, 3]);
    // On the map tab nothing is taken: a paste there is left alone.
    await page.locator(".choice label", { hasText: "A as a map" }).click();
    await page.locator('[data-handle="A:0"]').waitFor();
    assert.equal(await give("paste", "image.png", photo(30, 20)), false);
    assert.equal(await page.locator(".picture-panel").isHidden(), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
