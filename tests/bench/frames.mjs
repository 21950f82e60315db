// Frames under the finger: main-thread time per pointer move while dragging the first handle of every
// built chapter, next to the same drag over a page that does nothing on pointer moves.
//   node tests/bench/frames.mjs [MOVES]      (needs a built dist/; LINALG_DIST to point elsewhere;
//   BENCH_PAGES to measure only some pages)
// Uses DevTools Input events and Performance metrics (TaskDuration) in Debian's headless Chromium,
// with frame-rate limiting off so that real frame cost shows.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync, readdirSync } from "node:fs";
import { DIST, builtChapters, launch, serve } from "../e2e/harness.mjs";

const MOVES = Number(process.argv[2] ?? 300);
const site = await serve();
const blankDir = await mkdtemp(join(tmpdir(), "noop-"));
await writeFile(join(blankDir, "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
  <div style="position:relative;width:556px;height:556px"><canvas width="556" height="556"></canvas>
  <button data-handle="x" style="position:absolute;left:260px;top:260px;width:32px;height:32px"></button></div>`);
const blank = await serve(blankDir);
const browser = await launch(["--disable-gpu-vsync", "--disable-frame-rate-limit"]);

async function measure(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("[data-handle]");
  await page.waitForTimeout(300);
  const box = await page.locator("[data-handle]").first().boundingBox();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 });
  const start = await task();
  const t0 = performance.now();
  for (let i = 0; i < MOVES; i++) {
    const a = (i / MOVES) * 2 * Math.PI;
    await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: x + 60 * Math.sin(a), y: y - 40 * (1 - Math.cos(a)), button: "left", buttons: 1 });
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const busy = (await task()) - start;
  const wall = performance.now() - t0;
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 });
  await context.close();
  return { perMoveMs: (busy * 1000) / MOVES, wallMs: wall / MOVES };
}

const built = await builtChapters(browser, site.base);

const noop = await measure(`${blank.base}index.html`);
console.log(`pointer moves per page: ${MOVES}`);
console.log(`| page | main-thread ms / move | ratio to no-op page |`);
console.log(`|------|----------------------:|--------------------:|`);
console.log(`| no-op page | ${noop.perMoveMs.toFixed(3)} | 1.0 |`);
// BENCH_PAGES="pca pca?n=100000" measures only those pages; by default every chapter plus PCA's
// 100 000 generated points.
const pages = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(" ") : [...built, "pca?n=100000&corr=0.8&noise=0.3"];
for (const slug of pages) {
  const m = await measure(`${site.base}index.html#/${slug}`);
  console.log(`| ${slug} | ${m.perMoveMs.toFixed(3)} | ${(m.perMoveMs / noop.perMoveMs).toFixed(1)} |`);
}

const files = readdirSync(DIST).filter((f) => /\.(wasm|js)$/.test(f));
let raw = 0, gz = 0;
for (const f of files) {
  const bytes = readFileSync(join(DIST, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
  console.log(`${f}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`);
}
console.log(`wasm + js: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip`);

// Time from navigation to the first drawn figure (first readout with a value) on localhost.
const times = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.base}index.html#/multiplication`);
  await page.waitForSelector("[data-readout][data-value]");
  times.push(await page.evaluate(() => performance.now()));
  await context.close();
}
times.sort((a, b) => a - b);
console.log(`navigation → first figure (median of 5): ${times[2].toFixed(0)} ms`);
await browser.close();
await site.close();
await blank.close();
