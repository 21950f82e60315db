// Shared pieces of the end-to-end tests: a static file server for dist/ on 127.0.0.1 and Debian's
// Chromium driven by playwright-core. Nothing here downloads a browser.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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
};

/** Serves `root` on an ephemeral 127.0.0.1 port; resolves to { base, close }. */
export async function serve(root = DIST, prefix = "/") {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!path.startsWith(prefix)) throw new Error("outside");
      path = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
      let file = join(root, path);
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium. */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extraArgs] });
}

/** Opens a page that records console errors and uncaught exceptions in `page.errors`. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  return page;
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
