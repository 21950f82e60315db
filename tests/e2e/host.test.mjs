// A blogger's page on another origin shaping and scripting embedded figures: the parts `show=` keeps,
// a height that follows the frame's width, touches that stay the page's until the reader activates a
// figure, and the host API (linalg:get / linalg:set / linalg:state) with malformed messages ignored.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSite, FIGURE_CANVAS } from "./harness.mjs";

const site = useSite();
let host;

/** The host page: one iframe (address `hash` on the site, `width` CSS px wide) with the documented
 *  height listener, and a log of every message the figure sent (`window.received`). */
function hostPage(hash, width) {
  const origin = new URL(site.base).origin;
  return `<!doctype html><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,">
<h1>My post</h1><p style="height: 200px">Some text above the figure.</p>
<iframe src="${site.base}index.html${hash}" title="figure" style="width: ${width}px; height: 900px; border: 0"></iframe>
<p style="height: 2000px">More text.</p>
<script>
  window.received = [];
  addEventListener("message", (event) => {
    if (event.origin !== "${origin}") return;
    const frame = document.querySelector("iframe");
    if (frame.contentWindow !== event.source) return;
    window.received.push(event.data);
    if (typeof event.data?.height === "number") frame.style.height = event.data.height + "px";
  });
  window.ask = (message) => document.querySelector("iframe").contentWindow.postMessage(message, "${origin}");
</script>`;
}

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), "host-"));
  await writeFile(join(dir, "figure.html"), hostPage("#/svd?A=3,7;5,2&embed=1&show=figure", 640));
  await writeFile(join(dir, "wide.html"), hostPage("#/multiplication?embed=1", 1280));
  await writeFile(join(dir, "det.html"), hostPage("#/determinant?A=2,1;1,3&embed=1", 640));
  host = await site.serve(dir);
});

/** The height the figure reported last, once it has reported one. */
async function reportedHeight(page) {
  await page.waitForFunction(() => window.received.some((m) => typeof m?.height === "number"));
  return page.evaluate(() => window.received.filter((m) => typeof m?.height === "number").at(-1).height);
}

test("show=figure is the figure, its caption and the link back: at most 760 px tall in a 640 px frame", async () => {
  const page = await site.openPage(`${host.base}figure.html`, { viewport: { width: 900, height: 900 } });
  const frame = page.frameLocator("iframe");
  await frame.locator(FIGURE_CANVAS).waitFor();
  await frame.locator(".caption").waitFor();
  assert.ok(await frame.locator(".embed-bar a").isVisible());
  for (const hidden of [".figure-tools", ".timeline", ".panel-section.inputs", ".panel-section.readout-box", ".panel-section.code-panel"]) {
    assert.equal(await frame.locator(hidden).isVisible(), false, `${hidden} is left out`);
  }
  await page.waitForFunction(() => parseFloat(document.querySelector("iframe").style.height) < 900);
  const height = await reportedHeight(page);
  assert.ok(height <= 760, `${height} px`);
  // The readouts are still there for scripts (the host API reads them), just not shown.
  assert.equal(await frame.locator('[data-readout="singular_values"]').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the frame reports a new height when its width changes", async () => {
  const page = await site.openPage(`${host.base}wide.html`, { viewport: { width: 1300, height: 900 } });
  await page.frameLocator("iframe").locator("[data-readout][data-value]").first().waitFor({ state: "attached" });
  const wide = await reportedHeight(page);
  await page.evaluate(() => (document.querySelector("iframe").style.width = "390px"));
  await page.waitForFunction((h) => window.received.filter((m) => typeof m?.height === "number").at(-1).height !== h, wide);
  const narrow = await reportedHeight(page);
  const content = await page.frameLocator("iframe").locator("html").evaluate((e) => e.scrollHeight);
  assert.ok(narrow > wide, `390 px wide: ${narrow} px, 1280 px wide: ${wide} px`);
  assert.ok(Math.abs(narrow - content) <= 2, `reported ${narrow}, content ${content}`);
  await page.context().close();
});

test("a touch swipe that starts on a handle of an inactive figure scrolls the host page and changes nothing", async () => {
  const page = await site.openPage(`${host.base}det.html`, { viewport: { width: 700, height: 700 }, hasTouch: true, isMobile: true });
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-readout="det"][data-value]').waitFor({ state: "attached" });
  assert.equal(JSON.parse(await frame.locator('[data-readout="det"]').getAttribute("data-value")), 5);
  const frameBox = await page.locator("iframe").boundingBox();
  const handle = await frame.locator('[data-handle="A:0"]').boundingBox();
  assert.ok(handle && handle.y > 0 && handle.y < 600, `the handle is on screen: ${JSON.stringify(handle)} in ${JSON.stringify(frameBox)}`);
  const [x, y] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  const before = await page.evaluate(() => scrollY);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
  await touch("touchStart", [{ x, y }]);
  for (let i = 1; i <= 10; i++) await touch("touchMove", [{ x, y: y - 20 * i }]);
  await touch("touchEnd", []);
  await page.waitForFunction((y0) => scrollY > y0, before);
  await page.waitForTimeout(300);
  assert.equal(JSON.parse(await frame.locator('[data-readout="det"]').getAttribute("data-value")), 5, "det unchanged");
  assert.equal(await frame.locator(".figure.inactive").count(), 1);
  await page.context().close();
});

test("linalg:get answers with the state and readouts; linalg:set changes them and answers; junk is ignored", async () => {
  const page = await site.openPage(`${host.base}det.html`, { viewport: { width: 900, height: 900 } });
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-readout="det"][data-value]').waitFor({ state: "attached" });
  const states = () => page.evaluate(() => window.received.filter((m) => m?.type === "linalg:state"));
  const count = (await states()).length;
  await page.evaluate(() => window.ask({ type: "linalg:get" }));
  await page.waitForFunction((n) => window.received.filter((m) => m?.type === "linalg:state").length > n, count);
  const got = (await states()).at(-1);
  assert.equal(got.chapter, "determinant");
  assert.equal(got.state, "A=2,1;1,3");
  assert.equal(got.readouts.det, 5);
  // Junk: other libraries' messages, wrong types, a state that is not text, a refused state.
  const before = (await states()).length;
  await page.evaluate(() => {
    for (const junk of [null, 42, "linalg:get", [], { type: "linalg:set" }, { type: "linalg:set", state: 7 }, { type: "LINALG:GET" }, { height: 3 }]) window.ask(junk);
  });
  await page.waitForTimeout(400);
  assert.equal((await states()).length, before, "no answer to junk");
  assert.deepEqual(page.errors, []);
  // A set: the figure changes, answers, and the address inside the frame follows.
  await page.evaluate(() => window.ask({ type: "linalg:set", state: "A=1,2;2,4" }));
  await page.waitForFunction(() => window.received.filter((m) => m?.type === "linalg:state").at(-1)?.state === "A=1,2;2,4");
  const set = (await states()).at(-1);
  assert.equal(set.readouts.det, 0);
  assert.equal(set.readouts.singular, true);
  assert.equal(JSON.parse(await frame.locator('[data-readout="det"]').getAttribute("data-value")), 0);
  // A refused state keeps the figure and says why beside it.
  await page.evaluate(() => window.ask({ type: "linalg:set", state: "A=1,2;3" }));
  await frame.locator(".link-alert:not([hidden])").waitFor();
  assert.equal(JSON.parse(await frame.locator('[data-readout="det"]').getAttribute("data-value")), 0);
  // After activation a gesture is reported when it ends.
  await frame.locator(".activate").click();
  const n = (await states()).length;
  await frame.locator('[data-handle="A:0"]').focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((k) => window.received.filter((m) => m?.type === "linalg:state").length > k, n);
  assert.equal((await states()).at(-1).state, "A=2,2;2,4");
  await page.context().close();
});
