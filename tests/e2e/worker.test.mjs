// End-to-end: the site's figures (and the charts under them) are painted by a worker
// (src/web/figure_painter.rs). The page hands the figure's canvas over; while the worker starts, a
// stand-in canvas over it is painted on the page; without the worker, the page paints the figure itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dragHandle, figureDigest, readout, useSite, waitForFigureChange } from "./harness.mjs";

const site = useSite({ readout: "Av" });

/** "the page" if the page can draw on the canvas `selector`, else the error's name ("InvalidStateError"
 *  once its control was handed to the worker). */
const contextOwner = (page, selector) =>
  page.evaluate((selector) => {
    try {
      document.querySelector(selector).getContext("2d");
      return "the page";
    } catch (e) {
      return e.name;
    }
  }, selector);

/** The digest of the stand-in canvas's pixels (see the harness's `figureDigest`). */
const standInDigest = (page) => page.locator(".figure canvas.stand-in").evaluate((c) => figureDigest(c));

test("the figure is painted by a worker: the page's canvas has no context here, and a drag repaints it", async () => {
  const page = await site.openChapter("multiplication");
  assert.equal(await contextOwner(page, ".figure canvas"), "InvalidStateError", "the canvas's control was transferred");
  const before = await figureDigest(page);
  assert.notEqual(before, 0);
  await dragHandle(page, "v", 40, -30, 6);
  await waitForFigureChange(page, before, "the worker did not draw the drag");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the chart under the figure is painted by the same worker; a chapter left and opened again paints both", async () => {
  const page = await site.openChapter("svd?tab=image&k=10", { readout: "rank_k" });
  assert.equal(await contextOwner(page, ".chart canvas"), "InvalidStateError", "the chart canvas's control was transferred");
  const chart = () => page.evaluate(() => figureDigest(document.querySelector(".chart canvas")));
  const before = await chart();
  assert.notEqual(before, 0, "the worker painted the chart");
  await page.locator('input[data-slider="k"]').focus();
  await page.keyboard.press("ArrowRight");
  await waitForFigureChange(page, before, "a rank step did not repaint the chart", { selector: ".chart canvas" });
  // Another chapter with a chart, then back: the worker lets the old canvases go and paints the new ones.
  await page.evaluate(() => { location.hash = "#/pca"; });
  await page.waitForSelector('.chart canvas');
  await waitForFigureChange(page, 0, "pca's chart was not painted", { selector: ".chart canvas" });
  await page.evaluate(() => { location.hash = "#/svd?tab=image&k=12"; });
  await page.waitForSelector('[data-readout="rank_k"][data-value="12.0"]');
  await waitForFigureChange(page, 0, "the chart opened again was not painted", { selector: ".chart canvas" });
  await waitForFigureChange(page, 0, "the figure opened again was not painted");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("while the worker starts, a stand-in on the page shows the figure and follows a drag; then it goes", async () => {
  const page = await site.openPage("about:blank");
  // The worker's script arrives 4 s late: time for the drag and its picture on a loaded machine.
  await page.context().route("**/figure-worker.js", async (route) => {
    await new Promise((ok) => setTimeout(ok, 4000));
    await route.continue();
  });
  await page.goto(site.url("multiplication"));
  await readout(page, "Av");
  assert.equal(await page.locator(".figure canvas.stand-in").getAttribute("aria-hidden"), "true");
  const before = await standInDigest(page);
  assert.notEqual(before, 0, "the stand-in is painted");
  await dragHandle(page, "v", 40, -30, 6);
  await waitForFigureChange(page, before, "the stand-in did not follow the drag", { selector: "canvas.stand-in", timeout: 1000 });
  await page.locator(".figure canvas.stand-in").waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.locator(".figure canvas").count(), 1, "the stand-in is gone");
  assert.notEqual(await figureDigest(page), 0, "the worker painted the figure");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("without its worker (the script refused) the page paints the figure, which follows a drag", async () => {
  const page = await site.openPage("about:blank");
  await page.context().route("**/figure-worker.js", (route) => route.abort());
  const stopped = page.waitForEvent("console", { predicate: (m) => m.text().includes("the figure worker stopped"), timeout: 5000 });
  await page.goto(site.url("multiplication"));
  await readout(page, "Av");
  // The worker's failure reaches the page, and the stand-in stays as the figure's canvas.
  await stopped;
  const before = await standInDigest(page);
  assert.notEqual(before, 0);
  await dragHandle(page, "v", 40, -30, 6);
  await waitForFigureChange(page, before, "the page's own painting did not follow the drag", { selector: "canvas.stand-in" });
  assert.deepEqual(await readout(page, "v").then((v) => v.length), 2);
  assert.ok(page.errors.every((e) => /figure-worker|Failed to load/.test(e)), page.errors.join("\n"));
  await page.context().close();
});
