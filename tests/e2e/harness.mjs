// Shared pieces of the end-to-end tests: a static file server for dist/ on 127.0.0.1, Debian's
// Chromium driven by playwright-core, `useSite` (the server and browser of one test file, opened once
// by node:test hooks), the chapter slugs from the README's contract table, and the helpers several
// tests use (readouts, notes, snapshots, drags, canvas ink). Nothing here downloads a browser.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

// LINALG_DIST points the tests at another build (several builds can exist side by side).
export const DIST = resolve(process.env.LINALG_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url)));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic",
];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".woff2": "font/woff2",
};

/** The slugs of the README's contract table (between `<!-- contract-table -->` and its end), in order. */
export function contractSlugs(readme) {
  const start = readme.indexOf("<!-- contract-table -->");
  const end = readme.indexOf("<!-- /contract-table -->");
  if (start < 0 || end < start) throw new Error("README.md has no <!-- contract-table --> … <!-- /contract-table -->");
  const slugs = readme.slice(start, end).split("\n").map((line) => line.match(/^\|\s*`([^`]+)`\s*\|/)?.[1]).filter(Boolean);
  if (slugs.length === 0) throw new Error("README.md's contract table lists no chapter");
  return slugs;
}

/** Every chapter's slug, from the README's contract table (tests/readme.rs keeps it equal to the code). */
export const CHAPTERS = contractSlugs(readFileSync(new URL("../../README.md", import.meta.url), "utf8"));

/** Serves `root` on an ephemeral 127.0.0.1 port; resolves to { base, close } (closing twice is harmless). */
export async function serve(root = DIST, prefix = "/", { cors = false } = {}) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!path.startsWith(prefix)) throw new Error("outside");
      path = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
      let file = join(root, path);
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      // cors: as a static host that lets other origins load the module script (GitHub Pages does).
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...(cors ? { "access-control-allow-origin": "*" } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  let closed;
  return { base, close: () => (closed ??= new Promise((ok) => server.close(ok))) };
}

/** Launches headless Chromium. */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extraArgs] });
}

/** Defines `canvasPixels(canvas)` in the page, a promise of the canvas's ImageData, and
 *  `figureDigest(canvas)`, one of a digest of its pixels (the figure's canvas by default). The site's figure
 *  canvas belongs to its worker (no 2-D context on the page), so the pixels are read from a copy,
 *  once the stand-in painted on the page while the worker starts is gone, after two animation
 *  frames: time for the worker to paint what the page last sent it. */
function defineCanvasPixels() {
  window.canvasPixels = async (canvas) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    while (!canvas.matches(".stand-in") && canvas.parentElement?.querySelector(":scope > canvas.stand-in")) await frame();
    await frame();
    await frame();
    const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext("2d");
    copy.drawImage(canvas, 0, 0);
    return copy.getImageData(0, 0, canvas.width, canvas.height);
  };
  window.figureDigest = async (canvas = document.querySelector(".figure canvas")) => {
    const { data } = await canvasPixels(canvas);
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) >>> 0;
    return hash;
  };
}

/** A digest of the figure's pixels, once painted: changes whenever the drawing does. */
export const figureDigest = (page) => page.evaluate(() => figureDigest());

/** Waits until `predicate(arg)`, run in the page and awaited, is truthy; fails with `failure` after
 *  `timeout` ms. Playwright's `waitForFunction` takes the promise an async predicate returns for a
 *  truthy value at once, so a predicate that reads pixels (`canvasPixels` is async) needs this. */
export async function waitForAsync(page, predicate, arg, failure, timeout = 3000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > end) assert.fail(failure);
    await new Promise((wake) => setTimeout(wake, 20));
  }
}

/** Waits until the pixels of the canvas at `selector` (the figure's by default), while there is one,
 *  no longer have `digest` (its worker paints a frame or more after the page wrote the state, more than
 *  `figureDigest` waits on a loaded machine); fails with `failure` after `timeout` ms. */
export async function waitForFigureChange(page, digest, failure, { selector = ".figure canvas", timeout = 3000 } = {}) {
  const changed = async ([d, s]) => {
    const canvas = document.querySelector(s);
    return canvas !== null && (await figureDigest(canvas)) !== d;
  };
  await waitForAsync(page, changed, [digest, selector], failure, timeout);
}

/** Opens a page that records console errors and uncaught exceptions in `page.errors`, with
 *  `canvasPixels` defined. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.addInitScript(defineCanvasPixels);
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  return page;
}

/** The slugs the landing page at `base` links to (the built chapters), read in a page of its own. */
export async function builtChapters(browser, base) {
  const page = await openPage(browser, `${base}index.html`);
  await page.waitForSelector(".syllabus");
  // Links to the static pages (`svd/`), or hash routes (`#/svd`).
  const built = await page.locator(".syllabus a").evaluateAll((as) => as.map((a) => a.getAttribute("href").replace(/^#\//, "").replace(/\/$/, "")));
  await page.context().close();
  return built;
}

/**
 * Registers node:test `before`/`after` hooks that start the site's server and Chromium once for the
 * calling file and close them (and every server from `site.serve`) after it. Options: `server`, a
 * function that starts the site's server (default `serve()`); `args`, extra Chromium flags;
 * `readout`, the readout `openChapter` waits for by default (else any readout with a value); `built`,
 * read the landing page's chapter links into `site.built`. Returns the site: getters `server`, `base`,
 * `browser`, `built`, and `url`, `openChapter`, `openPage`, `serve` below.
 */
export function useSite({ server: start = () => serve(), args = [], readout: first, built: readBuilt = false } = {}) {
  let server, browser, built;
  const servers = [];
  before(async () => {
    server = await start();
    browser = await launch(args);
    if (readBuilt) built = await builtChapters(browser, server.base);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const s of servers) await s.close();
  });
  const site = {
    get server() { return server; },
    get base() { return server.base; },
    get browser() { return browser; },
    get built() { return built; },
    /** The address of `index.html#/<hash>` on the site. */
    url: (hash) => `${server.base}index.html#/${hash}`,
    /** Opens `#/<hash>` in a new context (`options` are context options) and waits until the readout
     *  `options.readout` (default: the file's) has its `data-value`, or else until a readout shows one,
     *  and until the figure's worker paints it. */
    async openChapter(hash, { readout: name = first, ...options } = {}) {
      const page = await openPage(browser, site.url(hash), options);
      if (name) await readout(page, name);
      else await page.waitForSelector("[data-readout][data-value]");
      // The canvas painted on the page while the figure's worker starts is gone: one figure canvas.
      await page.waitForFunction(() => !document.querySelector("canvas.stand-in"));
      return page;
    },
    /** Opens `url` in a new context of the site's browser (see `openPage`). */
    openPage: (url, options) => openPage(browser, url, options),
    /** Starts another static server (another origin, or a sub-path `prefix`; `options.cors`), closed
     *  after the file. */
    async serve(root, prefix, options) {
      const extra = await serve(root, prefix, options);
      servers.push(extra);
      return extra;
    },
  };
  return site;
}

/** The parsed `data-value` of a readout, waiting until it exists. */
export async function readout(page, name) {
  const el = page.locator(`[data-readout="${name}"]`);
  await el.waitFor({ state: "attached", timeout: 10000 });
  await page.waitForFunction((n) => document.querySelector(`[data-readout="${n}"]`)?.hasAttribute("data-value"), name);
  return JSON.parse(await el.getAttribute("data-value"));
}

/** Waits until a readout's value satisfies `predicate` (polls inside the page's frames). */
export async function waitForReadout(page, name, predicate, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await readout(page, name);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`readout ${name} stayed ${JSON.stringify(last)}`);
}

/** Waits until every named readout has a `data-value`, then returns { name: parsed value }. */
export async function readoutValues(page, names) {
  await page.waitForFunction((names) => names.every((n) => document.querySelector(`[data-readout="${n}"]`)?.hasAttribute("data-value")), names);
  return page.evaluate((names) => Object.fromEntries(names.map((n) => {
    const el = document.querySelector(`[data-readout="${n}"]`);
    return [n, el && el.hasAttribute("data-value") ? JSON.parse(el.dataset.value) : undefined];
  })), names);
}

/** The text of the table row that holds a readout: its value and the note that says why. */
export const readoutNote = (page, name) => page.locator("tr", { has: page.locator(`[data-readout="${name}"]`) }).textContent();

/** Every readout of the page as `name=value` lines: equal snapshots mean that no readout changed. */
export const snapshot = (page) => page.evaluate(() => [...document.querySelectorAll("[data-readout]")].map((e) => `${e.dataset.readout}=${e.dataset.value}`).join("\n"));

/** Waits until the page's readouts differ from the `snapshot` `before`. */
export function waitForSnapshotChange(page, before, timeout = 3000) {
  return page.waitForFunction((b) => [...document.querySelectorAll("[data-readout]")].map((e) => `${e.dataset.readout}=${e.dataset.value}`).join("\n") !== b, before, { timeout });
}

/** Waits until the URL alert is shown, and returns its text. */
export async function urlAlert(page) {
  const alert = page.locator(".url-alert[role=alert]");
  await alert.waitFor({ state: "visible" });
  return alert.textContent();
}

/** Whether |a − b| ≤ tol + tol·|b|. */
export const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol + tol * Math.abs(b);

/** The centre [x, y] of a bounding box. */
export const centre = (box) => [box.x + box.width / 2, box.y + box.height / 2];

/** The screen centre of the handle `name`, asserting that it is visible. */
export async function handleCentre(page, name) {
  const box = await page.locator(`[data-handle="${name}"]`).boundingBox();
  assert.ok(box, `a visible [data-handle="${name}"]`);
  return centre(box);
}

/** Waits until the handle `name` has moved more than 5 px on the screen from the centre `from`. */
export function waitForHandleMove(page, name, from, timeout = 3000) {
  return page.waitForFunction(([name, b]) => {
    const r = document.querySelector(`[data-handle="${name}"]`).getBoundingClientRect();
    return Math.hypot(r.x + r.width / 2 - b[0], r.y + r.height / 2 - b[1]) > 5;
  }, [name, from], { timeout });
}

/** A mouse drag: press at `from`, move to `to` in `steps` pointer moves, release. */
export async function drag(page, [x, y], [tx, ty], steps) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(tx, ty, { steps });
  await page.mouse.up();
}

/** A mouse drag through points: press at `from`, move to `from` + each offset in turn, release. */
export async function dragPath(page, [x, y], offsets) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (const [dx, dy] of offsets) await page.mouse.move(x + dx, y + dy);
  await page.mouse.up();
}

/** A mouse drag from `from` by (dx, dy) in `steps` equal pointer moves. */
export function dragBy(page, from, [dx, dy], steps) {
  return dragPath(page, from, Array.from({ length: steps }, (_, k) => [(dx * (k + 1)) / steps, (dy * (k + 1)) / steps]));
}

/** Drags the handle `name` from its centre by (dx, dy) in `steps` equal pointer moves. */
export async function dragHandle(page, name, dx, dy, steps) {
  return dragBy(page, await handleCentre(page, name), [dx, dy], steps);
}

/** The figure's own canvas (not the stand-in the page paints while the figure's worker starts). */
export const FIGURE_CANVAS = ".figure canvas:not(.stand-in)";

/** Drags the empty canvas (its top-right corner, far from every handle) by (dx, dy): in 3-D, an orbit. */
export async function dragEmpty(page, dx, dy) {
  const box = await page.locator(FIGURE_CANVAS).boundingBox();
  const [x, y] = [box.x + box.width - 30, box.y + 30];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

/** How many pixels of a canvas differ from its top-left corner's colour (the background); runs in
 *  a page of `openPage`: `locator.evaluate(inkedPixels)`. */
export async function inkedPixels(canvas) {
  const { data } = await canvasPixels(canvas);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 30) n++;
  }
  return n;
}

/**
 * Clicks a prose link `a` that sets the figure and waits until the address holds its chapter and every
 * parameter it sets (a choice left at its default, one of `defaults` such as "view=rows", stays out
 * of the address), and the readouts have changed.
 */
export async function followLink(page, a, defaults = []) {
  const href = await a.getAttribute("href");
  const before = await snapshot(page);
  await a.click();
  await page.waitForFunction(([h, defaults]) => {
    const [path, query = ""] = h.split("?");
    const hash = decodeURIComponent(location.hash);
    return hash.startsWith(`${path}?`) && query.split("&").every((p) => defaults.includes(p) || hash.includes(p));
  }, [href, defaults]);
  await waitForSnapshotChange(page, before);
}

/** Clicks the prose link to `href`, opening the predict question that holds it first if it is closed. */
export async function clickProseLink(page, href) {
  const link = page.locator(`article.prose a[href="${href}"]`).first();
  const details = page.locator("article.prose details.predict", { has: page.locator(`a[href="${href}"]`) });
  if ((await details.count()) > 0 && !(await details.first().evaluate((d) => d.open))) {
    await details.first().locator("summary").click();
  }
  await link.click();
}

/** Waits until the spoken summary under the figure matches `re`. */
export const waitForSummary = (page, re) =>
  page.waitForFunction((src) => new RegExp(src).test(document.querySelector(".summary")?.textContent ?? ""), re.source);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A PNG file (RGB, 8 bits) of `width` × `height` pixels, `pixel(x, y)` → [r, g, b]: pictures made by
 *  a test, no binary fixtures. */
export function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A photo-like colour picture: smooth shapes with a little deterministic noise. */
export function photo(width, height) {
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 24;
  return png(width, height, (x, y) => {
    const [u, v] = [x / width, y / height];
    const sun = Math.hypot(u - 0.35, v - 0.4) < 0.18 ? 1 : 0;
    const r = 90 + 120 * u + 40 * Math.sin(9 * v) + 80 * sun + noise();
    const g = 120 + 60 * Math.cos(7 * u) * Math.sin(5 * v) + 60 * sun + noise();
    const b = 200 - 150 * v + noise();
    return [r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(c))));
  });
}
