// Embedding as a blogger would, with what the share dialog hands out: a host page on another origin
// with two iframes (their code copied from the share dialog) and a <linalg-figure> element (its code
// copied too), and the element again in a page of the site's own origin under the site's CSP (with
// its notebook's link back).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { DIST, useSite, FIGURE_CANVAS } from "./harness.mjs";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/** The site as a static host that allows cross-origin module scripts (GitHub Pages sends this header
 *  too), plus `extra` pages by path. */
async function serveSite(extra) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const headers = { "access-control-allow-origin": "*" };
    try {
      const body = extra[path] ?? (await readFile(join(DIST, path === "/" ? "index.html" : path)));
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(path)] ?? "text/html; charset=utf-8" }).end(body);
    } catch {
      res.writeHead(404, headers).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

const extra = {};
const site = useSite({ server: () => serveSite(extra) });
let host;

/** Opens a chapter on the site, opens its share dialog and copies one of its snippets. */
async function copyFromDialog(hash, button) {
  const page = await site.openPage(`${site.base}index.html${hash}`, { permissions: ["clipboard-read", "clipboard-write"] });
  await page.locator(".readouts [data-value]").first().waitFor({ state: "attached" });
  await page.locator("button.share").click();
  await page.getByRole("button", { name: button }).click();
  await page.locator(".share-status", { hasText: "copied" }).waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  await page.context().close();
  return text;
}

/** How many opaque pixels of a canvas have exactly the colour `rgb` (labels have a halo in the
 *  figure's background colour, so the theme's background shows up in the drawing itself). */
async function pixelsOf(canvas, rgb) {
  const { data } = await canvasPixels(canvas);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 255 && data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) count += 1;
  }
  return count;
}

/** Whether a canvas was drawn with the dark palette (halos in #1c1c21) rather than the light one (#fff). */
async function drawnDark(canvas) {
  const dark = await canvas.evaluate(pixelsOf, [28, 28, 33]);
  const light = await canvas.evaluate(pixelsOf, [255, 255, 255]);
  assert.ok((dark > 50) !== (light > 50), `dark halo pixels ${dark}, light ${light}`);
  return dark > 50;
}

let blog;
test("the share dialog's snippets, pasted into a plain page, work there", async () => {
  const svd = await copyFromDialog("#/svd?A=3,7;5,2&theme=dark", "Copy iframe code");
  const det = await copyFromDialog("#/determinant?A=2,1;1,3", "Copy iframe code");
  const element = await copyFromDialog("#/multiplication?A=2,3;6,5&v=1,0&theme=dark", "Copy element code");
  const dir = await mkdtemp(join(tmpdir(), "blog-"));
  await writeFile(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,">
    <style>body { font: 18px Georgia, serif; } p, div { color: rgb(200, 0, 0); } canvas { display: none; }</style>
    <h1>My post</h1><p style="height: 300px">Some text above the figures.</p>
    ${svd}<p>Between the figures.</p>${det}<p>And an element:</p>${element}<p style="height: 2000px">More text.</p>`);
  host = await site.serve(dir);
  const requests = [];
  blog = await site.openPage(`${host.base}index.html`, { viewport: { width: 900, height: 700 } });
  blog.on("request", (r) => requests.push(r.url()));
  await blog.reload();

  // States: the linked values are in the iframes' and the element's readouts.
  const frames = blog.frameLocator("iframe");
  await frames.nth(0).locator('[data-readout="det_U"][data-value]').waitFor({ state: "attached" });
  // The snippet's iframes load lazily: the second one once it is scrolled near.
  await blog.locator("iframe").nth(1).scrollIntoViewIfNeeded();
  await frames.nth(1).locator('[data-readout="det"][data-value]').waitFor({ state: "attached" });
  assert.equal(JSON.parse(await frames.nth(1).locator('[data-readout="det"]').getAttribute("data-value")), 5);
  const figure = blog.locator("linalg-figure");
  await figure.locator('[data-readout="Av"][data-value]').waitFor({ state: "attached" });
  assert.deepEqual(JSON.parse(await figure.locator('[data-readout="Av"]').getAttribute("data-value")), [2, 6]);
  assert.deepEqual(JSON.parse(await frames.nth(0).locator('[data-readout="singular_values"]').getAttribute("data-value")).length, 2);

  // Heights: each iframe is as tall as the figure says; the element is as tall as its content.
  for (const i of [0, 1]) {
    await blog.waitForFunction((n) => document.querySelectorAll("iframe")[n].style.height.endsWith("px"), i);
    const reported = await blog.evaluate((n) => parseFloat(document.querySelectorAll("iframe")[n].style.height), i);
    const inner = await frames.nth(i).locator("html").evaluate((e) => e.scrollHeight);
    assert.ok(Math.abs(reported - inner) <= 2, `iframe ${i}: ${reported}px for ${inner}px of content`);
  }
  const box = await figure.boundingBox();
  assert.ok(box.height > 400, `element height ${box.height}`);
  const overflow = await figure.evaluate((e) => {
    const inner = e.shadowRoot.querySelector(".figure-root");
    return { element: e.scrollHeight - e.clientHeight, root: inner.scrollHeight - inner.clientHeight, panel: e.shadowRoot.querySelector(".figure-panel").scrollHeight - e.shadowRoot.querySelector(".figure-panel").clientHeight };
  });
  assert.deepEqual(overflow, { element: 0, root: 0, panel: 0 });

  // Styles are isolated both ways: the blog's red text and hidden canvases stay out of the figure,
  // the figure's stylesheet does not restyle the blog.
  assert.notEqual(await figure.locator(".summary").evaluate((e) => getComputedStyle(e).color), "rgb(200, 0, 0)");
  assert.equal(await figure.locator("canvas").evaluate((e) => getComputedStyle(e).display), "block");
  assert.equal(await blog.evaluate(() => getComputedStyle(document.body).fontFamily), "Georgia, serif");

  // theme=dark reached the first iframe and the element (their canvases are drawn in dark colours);
  // the second iframe follows the (light) system.
  const dark = "rgb(28, 28, 33)";
  assert.equal(await frames.nth(0).locator(".figure").evaluate((e) => getComputedStyle(e).backgroundColor), dark);
  assert.equal(await figure.locator(".figure").evaluate((e) => getComputedStyle(e).backgroundColor), dark);
  assert.equal(await frames.nth(1).locator(".figure").evaluate((e) => getComputedStyle(e).backgroundColor), "rgb(255, 255, 255)");
  // A frame out of view has no animation frames: its figure is painted once it is scrolled to.
  await blog.locator("iframe").nth(0).scrollIntoViewIfNeeded();
  assert.equal(await drawnDark(frames.nth(0).locator(FIGURE_CANVAS)), true);
  assert.equal(await drawnDark(figure.locator(FIGURE_CANVAS)), true);
  await blog.locator("iframe").nth(1).scrollIntoViewIfNeeded();
  assert.equal(await drawnDark(frames.nth(1).locator(FIGURE_CANVAS)), false);

  // The element links back to the full chapter on the site, with its state.
  assert.equal(await figure.locator(".embed-bar a").getAttribute("href"), `${site.base}index.html#/multiplication?A=2,3;6,5&B=5,3;2,2&v=1,0&w=2,6`);
  // Nothing was requested from anywhere but the blog and the site; one module for all figures.
  const origins = new Set(requests.map((u) => new URL(u).origin));
  assert.deepEqual([...origins].sort(), [new URL(host.base).origin, new URL(site.base).origin].sort());
  assert.deepEqual(blog.errors, []);
});

test("an inactive element lets the host page scroll; a click makes it interactive", async () => {
  const figure = blog.locator("linalg-figure");
  await figure.scrollIntoViewIfNeeded();
  const canvas = await figure.locator(".figure").boundingBox();
  const before = await blog.evaluate(() => scrollY);
  await blog.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await blog.mouse.wheel(0, 300);
  await blog.waitForFunction((y) => scrollY > y, before);
  assert.equal(await figure.locator(".figure.inactive").count(), 1);
  await figure.locator(".activate").click();
  assert.equal(await figure.locator(".figure.inactive").count(), 0);
  await figure.locator('[data-handle="v"]').focus();
  await blog.keyboard.press("ArrowRight");
  await figure.locator('[data-readout="v"][data-value="[2.0,0.0]"]').waitFor({ state: "attached" });
  // The element never writes the host page's address.
  assert.equal(await blog.evaluate(() => location.hash), "");
});

test("attributes apply without re-mounting; every change fires linalg-change with the state and readouts", async () => {
  const figure = blog.locator("linalg-figure");
  await figure.evaluate((e) => (e.shadowRoot.querySelector(".chapter-page").dataset.mounted = "once"));
  await blog.evaluate(() => {
    window.changes = [];
    document.addEventListener("linalg-change", (event) => window.changes.push({ detail: event.detail, composed: event.composed }));
  });
  await figure.evaluate((e) => e.setAttribute("state", "A=1,0;0,1&v=3,4"));
  await blog.waitForFunction(() => window.changes.at(-1)?.detail.readouts.Av?.[0] === 3);
  const change = await blog.evaluate(() => window.changes.at(-1));
  assert.equal(change.composed, true);
  assert.equal(change.detail.chapter, "multiplication");
  assert.equal(change.detail.state, "A=1,0;0,1&B=5,3;2,2&v=3,4&w=2,6");
  assert.deepEqual(change.detail.readouts.Av, [3, 4]);
  assert.deepEqual(await figure.evaluate((e) => [e.state, e.readouts.Av]), [change.detail.state, [3, 4]]);
  // show= as an attribute: the results go, the figure stays, nothing is re-mounted.
  await figure.evaluate((e) => e.setAttribute("show", "figure,controls"));
  await figure.locator(".panel-section.readout-box").waitFor({ state: "hidden" });
  assert.ok(await figure.locator(FIGURE_CANVAS).isVisible());
  // A gesture of the reader is reported when it ends.
  const n = await blog.evaluate(() => window.changes.length);
  await figure.locator('[data-handle="v"]').focus();
  await blog.keyboard.press("ArrowUp");
  await blog.waitForFunction((k) => window.changes.length > k, n);
  assert.deepEqual(await figure.evaluate((e) => e.readouts.v), [3, 5]);
  assert.equal(await figure.evaluate((e) => e.shadowRoot.querySelector(".chapter-page").dataset.mounted), "once");
  await figure.evaluate((e) => e.setAttribute("show", "figure,controls,readouts"));
});

test("the element shows its own content until the figure is ready, and a message if the code cannot load", async () => {
  const script = await readFile(join(DIST, "linalg-figure.js"), "utf8");
  const broken = script.replace(/\bMODULE ?= ?"[^"]+"/, 'MODULE = "./no-such-module.js"');
  assert.notEqual(broken, script, "linalg-figure.js names its module in a MODULE constant");
  extra["/broken-figure.js"] = broken;
  extra["/fallback.html"] = `<!doctype html><meta charset="utf-8"><title>Fallback</title><link rel="icon" href="data:,">
    <script type="module" src="linalg-figure.js"></script>
    <linalg-figure chapter="svd" state="A=3,7;5,2"><p class="fallback">A picture of the SVD.</p></linalg-figure>`;
  extra["/broken.html"] = `<!doctype html><meta charset="utf-8"><title>Broken</title><link rel="icon" href="data:,">
    <script type="module" src="broken-figure.js"></script>
    <linalg-figure chapter="svd"><p class="fallback">A picture of the SVD.</p></linalg-figure>`;
  const page = await site.openPage(`${site.base}fallback.html`);
  const figure = page.locator("linalg-figure");
  await figure.locator('[data-readout="rank"][data-value]').waitFor({ state: "attached" });
  assert.equal(await page.locator("p.fallback").isVisible(), false, "the fallback goes once the figure is there");
  await page.goto(`${site.base}broken.html`);
  await figure.locator('[role="alert"]', { hasText: "could not load" }).waitFor();
  assert.ok(await page.locator("p.fallback").isVisible(), "the fallback stays when the figure cannot come");
  await page.context().close();
});

test("changing the element's attributes redraws it; a bad chapter or theme is named", async () => {
  const figure = blog.locator("linalg-figure");
  await figure.evaluate((e) => e.setAttribute("state", "A=1,0;0,1&v=3,4"));
  await figure.locator('[data-readout="Av"][data-value="[3.0,4.0]"]').waitFor({ state: "attached" });
  await figure.evaluate((e) => { e.setAttribute("chapter", "determinant"); e.setAttribute("state", "A=3,0;0,2"); });
  await figure.locator('[data-readout="det"][data-value="6.0"]').waitFor({ state: "attached" });
  await figure.evaluate((e) => e.setAttribute("theme", "sepia"));
  await figure.locator('[role="alert"]', { hasText: "Parameter theme:" }).waitFor();
  assert.equal(await figure.locator('[data-readout="det"]').getAttribute("data-value"), "6.0");
  await figure.evaluate((e) => e.setAttribute("chapter", "<img src=x>"));
  await figure.locator('[role="alert"]', { hasText: "has no chapter" }).waitFor();
  assert.equal(await figure.locator("img").count(), 0);
  // Removing the element unmounts it without errors.
  await figure.evaluate((e) => e.remove());
  await blog.waitForTimeout(100);
  assert.deepEqual(blog.errors, []);
  await blog.context().close();
});

test("under the site's own Content-Security-Policy, several elements share one module", async () => {
  const index = await readFile(join(DIST, "index.html"), "utf8");
  const csp = index.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
  extra["/figures.html"] = `<!doctype html><html lang="en"><head><meta charset="utf-8">${csp}<title>Figures</title><link rel="icon" href="data:,">
    <script type="module" src="linalg-figure.js"></script></head><body><main id="app">The host's own app.</main>
    <linalg-figure chapter="svd" state="A=3,7;5,2" show="figure,controls,readouts,code"></linalg-figure>
    <linalg-figure chapter="inverse" state="A=2,0;0,4&amp;b=2,2"></linalg-figure></body></html>`;
  const page = await site.openPage("about:blank", { acceptDownloads: true });
  const wasm = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(r.url()); });
  await page.goto(`${site.base}figures.html`);
  const figures = page.locator("linalg-figure");
  await figures.nth(0).locator('[data-readout="rank"][data-value]').waitFor({ state: "attached" });
  assert.equal(JSON.parse(await figures.nth(0).locator('[data-readout="rank"]').getAttribute("data-value")), 2);
  await figures.nth(1).locator('[data-readout="solution"][data-value="[1.0,0.5]"]').waitFor({ state: "attached" });
  assert.equal(wasm.length, 1, JSON.stringify(wasm));
  // The second element shows the embed's default parts, without the code; the first asked for it.
  assert.equal(await figures.nth(1).locator(".code-panel").isVisible(), false);
  // An element's notebook links back to the chapter on the site, not to the page that holds it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figures.nth(0).locator(".code-panel").getByRole("button", { name: "Download notebook" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "linalg-live-svd-A=3,7;5,2.ipynb");
  const notebook = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.ok(notebook.cells[0].source.join("").includes(`](${site.base}index.html#/svd?A=3,7;5,2)`), notebook.cells[0].source.join(""));
  // The site itself did not start on this page (its #app is not the site's), and nothing broke the policy.
  assert.equal(await page.locator("#app").textContent(), "The host's own app.");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
