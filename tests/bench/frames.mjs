// Frames under the finger: main-thread time per pointer move while dragging the first handle of every
// built chapter, next to the same drag over a page that does nothing on pointer moves; then the size of
// what a reader downloads, and first paint / time to interactive per chapter.
//
//   node tests/bench/frames.mjs [MOVES] [--mode unlimited|limited|both] [--rounds N] [--before DIR] [--start] [--only-start]
//
// Needs a built dist/ (LINALG_DIST to point elsewhere; BENCH_PAGES="pca svd?tab=image" to measure only
// some pages). Uses DevTools Input events and Performance metrics (TaskDuration) in Debian's headless
// Chromium. Two modes, each against its own no-op page in the same browser:
//   unlimited  frame-rate limiting off (--disable-gpu-vsync --disable-frame-rate-limit), 300 moves along
//              a 60×40 px arc: every move gets its own frame, so the cost of one frame shows.
//   limited    Chromium's defaults (--disable-gpu, frames at the display rate), 240 awaited moves along
//              a 40×30 px arc: what a reader's machine does, where a slow frame delays the next move.
// The `svd?tab=image` page drags the rank slider's thumb instead of a handle (the picture re-rendered
// at every new k). `--rounds N` drags every page N times in turn with its no-op page (and the other
// build's) and reports the medians: one drag varies by ±0.3 ms on a shared machine. `--start` adds
// first paint and time to interactive for every chapter, both from the static page `<slug>/` (when the
// build has one) and from `index.html#/<slug>` (and, with --before, from the other build's
// `index.html#/<slug>`).
import { mkdtemp, writeFile } from "node:fs/promises";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CHAPTERS, DIST, launch, serve } from "../e2e/harness.mjs";
import { press, readyToDrag, release, sweep } from "./drag.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.match(/^--(mode|before|rounds)$/));
const rounds = Number(flag("--rounds", 1));
const MODES = { unlimited: { moves: 300, arc: [60, 40], flags: ["--disable-gpu-vsync", "--disable-frame-rate-limit"] },
  limited: { moves: 240, arc: [40, 30], flags: [] } };
const modeArg = flag("--mode", "both");
const modes = modeArg === "both" ? ["limited", "unlimited"] : [modeArg];
const onlyStart = args.includes("--only-start");
if (positional[0]) for (const m of Object.values(MODES)) m.moves = Number(positional[0]);

const site = await serve();
const blankDir = await mkdtemp(join(tmpdir(), "noop-"));
await writeFile(join(blankDir, "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
  <div style="position:relative;width:556px;height:556px"><canvas width="556" height="556"></canvas>
  <button data-handle="x" style="position:absolute;left:260px;top:260px;width:32px;height:32px"></button></div>`);
const blank = await serve(blankDir);

/** Main-thread ms per pointer move (and wall ms per move) while dragging on `url`. */
async function measure(browser, url, { moves, arc }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // BENCH_NO_HISTORY=1: an experiment, replaceState does nothing (what the address bar costs).
  const noHistory = async (page) => { if (process.env.BENCH_NO_HISTORY) await page.addInitScript(() => { history.replaceState = () => {}; }); };
  const drag = await readyToDrag(context, url, noHistory);
  const { page, cdp } = drag;
  await cdp.send("Performance.enable");
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  await press(cdp, drag.start);
  const before = await metrics();
  const start = before.TaskDuration;
  const t0 = performance.now();
  await sweep(drag, moves, arc);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await metrics();
  const busy = after.TaskDuration - start;
  const wall = performance.now() - t0;
  // BENCH_DETAIL=1: where the main thread's time went (script, style, layout, the rest: paint, raster…).
  if (process.env.BENCH_DETAIL) {
    const per = (name) => (((after[name] - before[name]) * 1000) / moves).toFixed(2);
    console.error(`${url.split("#/")[1] ?? "no-op"}: task ${((busy * 1000) / moves).toFixed(2)} script ${per("ScriptDuration")} style ${per("RecalcStyleDuration")} layout ${per("LayoutDuration")} ms/move; frames ${after.Frames - before.Frames}`);
  }
  await release(cdp, drag.start);
  await context.close();
  return { perMoveMs: (busy * 1000) / moves, wallMs: wall / moves };
}

const pages = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(" ") : [...CHAPTERS, "pca?n=100000&corr=0.8&noise=0.3", "svd?tab=image&k=10"];
// --before DIR: the same drags on another build (the tree before a change), page by page in turn with
// this one and a no-op page, so that both see the same machine load.
const beforeDir = flag("--before", null);
const before = beforeDir ? await serve(beforeDir) : null;
if (!onlyStart) {
  const rows = pages.map((slug) => ({ slug, cells: [] }));
  for (const mode of modes) {
    const browser = await launch(MODES[mode].flags);
    for (const row of rows) {
      const runs = { noop: [], was: [], now: [] };
      for (let r = 0; r < rounds; r++) {
        runs.noop.push(await measure(browser, `${blank.base}index.html`, MODES[mode]));
        if (before) runs.was.push(await measure(browser, `${before.base}index.html#/${row.slug}`, MODES[mode]));
        runs.now.push(await measure(browser, `${site.base}index.html#/${row.slug}`, MODES[mode]));
      }
      const median = (list) => ({ perMoveMs: list.map((m) => m.perMoveMs).sort((a, b) => a - b)[Math.floor(list.length / 2)] });
      const [noop, was, now] = [median(runs.noop), before ? median(runs.was) : null, median(runs.now)];
      const cell = (m) => `${m.perMoveMs.toFixed(2)} (${(m.perMoveMs / noop.perMoveMs).toFixed(1)}×)`;
      row.cells.push(noop.perMoveMs.toFixed(2), ...(was ? [cell(was)] : []), cell(now));
      console.error(`${mode} ${row.slug}: ${row.cells.slice(-3).join(" ")}`);
    }
    await browser.close();
  }
  const heads = modes.flatMap((m) => [`${m}: no-op ms`, ...(before ? [`${m}: before, ms (× no-op)`] : []), `${m}: ms (× no-op)`]);
  console.log(`| page | ${heads.join(" | ")} |\n|---|${heads.map(() => "--:").join("|")}|`);
  for (const row of rows) console.log(`| ${row.slug} | ${row.cells.join(" | ")} |`);
}

// What a reader downloads before the figure is live: the module and its bindings (and the service
// worker and the custom element's script, which the page also fetches).
const files = readdirSync(DIST).filter((f) => /\.(wasm|js)$/.test(f));
let raw = 0, gz = 0;
for (const f of files) {
  const bytes = readFileSync(join(DIST, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
  console.log(`${f}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`);
}
console.log(`wasm + js: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip (${gz} bytes)`);

if (args.includes("--start") || onlyStart) {
  // First paint (the browser's first-contentful-paint) and time to interactive (the first readout with
  // a value: the module compiled, the page mounted and drawn), median of 3 loads each, with a 4× CPU
  // slowdown so that the order of events resembles a phone's.
  const browser = await launch();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const load = async (url) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url);
    await page.waitForSelector("[data-readout][data-value]", { timeout: 60000 });
    const times = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      live: performance.now(),
    }));
    await context.close();
    return times;
  };
  const staticPages = existsSync(join(DIST, CHAPTERS[0], "index.html"));
  // With --before, that build's single-page route first, loaded in turn with this build's pages.
  const columns = [
    ...(before ? [["before: `#/<slug>`", (slug) => `${before.base}index.html#/${slug}`]] : []),
    ...(staticPages ? [["`<slug>/`", (slug) => `${site.base}${slug}/`]] : []),
    ["`#/<slug>`", (slug) => `${site.base}index.html#/${slug}`],
  ];
  console.log(`\n| chapter | ${columns.map(([name]) => `${name}: first paint (ms) | ${name}: interactive (ms)`).join(" | ")} |`);
  console.log(`|---|${columns.map(() => "--:|--:|").join("")}`);
  for (const slug of CHAPTERS) {
    const cells = [];
    for (const url of columns.map(([, address]) => address(slug))) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await load(url));
      cells.push(median(runs.map((r) => r.paint)).toFixed(0), median(runs.map((r) => r.live)).toFixed(0));
    }
    console.log(`| ${slug} | ${cells.join(" | ")} |`);
  }
  await browser.close();
}
await site.close();
await blank.close();
await before?.close();
