// The SVD page's image tab: time to open it (the picture's first SVD) and main-thread time per step of
// the rank slider, up (one rank-one layer added) and down (A_k rebuilt from its layers), including the
// figure, the chart and the readouts of each step.
//   node tests/bench/svd-image.mjs [RUNS] [STEPS]   (needs a built dist/; LINALG_DIST to point elsewhere)
// Then the reader's own picture: a photo-like colour PNG of 512² and of 1024² chosen through the file
// picker, timed from the choice to the frame that shows its first rank-k image (decoding, scaling,
// the per-channel top-50 SVDs in slices), with the longest gap between two frames meanwhile, and the
// slider steps on it.
// Uses DevTools Performance metrics (TaskDuration) in Debian's headless Chromium.
import { launch, photo, serve } from "../e2e/harness.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const STEPS = Number(process.argv[3] ?? 40);
const site = await serve();
const browser = await launch(["--disable-gpu-vsync", "--disable-frame-rate-limit"]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rank = (page) => page.evaluate(() => JSON.parse(document.querySelector('[data-readout="rank_k"]')?.getAttribute("data-value") ?? "null"));

async function run() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.base}index.html#/svd`);
  await page.waitForSelector('[data-readout="singular_values"][data-value]');
  await page.waitForTimeout(300);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;

  // Opening the tab: from the click to the frame that shows rank_k (the SVD, the figure, the chart).
  const start = await task();
  const openMs = await page.evaluate(async () => {
    const radio = document.querySelector('input[type=radio][value="image"]');
    const t0 = performance.now();
    radio.click();
    await new Promise((done) => {
      const check = () => (document.querySelector('[data-readout="rank_k"][data-value]') ? done() : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    return performance.now() - t0;
  });
  const openBusy = ((await task()) - start) * 1000;

  const up = await steps(page, task, 1);
  const down = await steps(page, task, -1);
  await context.close();
  return { openMs, openBusy, up, down };
}

// Slider steps: set the range input and fire `input` as a drag does, then wait (a MutationObserver,
// no polling) for the frame that shows the new rank; all inside the page, so that the main-thread
// time counted is the page's own.
const steps = async (page, task, delta) => {
  const t0 = await task();
  const latency = await page.evaluate(async ({ delta, count }) => {
    const slider = document.querySelector('input[data-slider="k"]');
    const cell = document.querySelector('[data-readout="rank_k"]');
    const times = [];
    for (let i = 0; i < count; i++) {
      const k = Number(slider.value) + delta;
      const shown = new Promise((done) => {
        const watch = new MutationObserver(() => {
          if (JSON.parse(cell.getAttribute("data-value")) === k) {
            watch.disconnect();
            done();
          }
        });
        watch.observe(cell, { attributes: true });
      });
      const start = performance.now();
      slider.value = String(k);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      await shown;
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  }, { delta, count: STEPS });
  return { busy: (((await task()) - t0) * 1000) / STEPS, latency };
};

/** The reader's picture: a `size`² photo chosen through the file picker (scaled to 1024 px when
 *  `large`), then the slider on it. */
async function own(size, large) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.base}index.html#/svd?tab=image&k=10`);
  await page.waitForSelector('[data-readout="rank_k"][data-value]');
  if (large) await page.locator("input[data-picture-large]").check();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const buffer = photo(size, size);
  // The longest gap between two frames until the picture is shown (the page must never freeze).
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    const tick = (t) => {
      window.__gap = Math.max(window.__gap, t - last);
      last = t;
      if (JSON.parse(document.querySelector('[data-readout="picture_shape"]').getAttribute("data-value"))[2] !== 3) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = performance.now();
  await page.locator("input[data-picture-input]").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer });
  await page.waitForFunction(() => JSON.parse(document.querySelector('[data-readout="picture_shape"]').getAttribute("data-value"))[2] === 3, null, { polling: "raf", timeout: 120000 });
  const firstMs = performance.now() - t0;
  const shape = await page.evaluate(() => document.querySelector('[data-readout="picture_shape"]').getAttribute("data-value"));
  const gap = await page.evaluate(() => window.__gap);
  const up = await steps(page, task, 1);
  const down = await steps(page, task, -1);
  await context.close();
  return { firstMs, gap, shape, up, down };
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await run());
console.log(`runs: ${RUNS}, slider steps each way: ${STEPS} (from k = 10)`);
console.log(`open the image tab: ${median(results.map((r) => r.openMs)).toFixed(1)} ms to the first frame, ${median(results.map((r) => r.openBusy)).toFixed(1)} ms main-thread (median)`);
for (const [name, pick] of [["up (add a layer)", (r) => r.up], ["down (rebuild A_k)", (r) => r.down]]) {
  const busy = median(results.map((r) => pick(r).busy)).toFixed(2);
  const latency = median(results.map((r) => pick(r).latency)).toFixed(2);
  console.log(`slider step ${name}: ${busy} ms main-thread per step, ${latency} ms from input to the updated frame (medians)`);
}
const OWN_RUNS = Math.max(1, Math.min(RUNS, 3));
for (const [size, large] of [[512, false], [1024, false], [1024, true]]) {
  const runs = [];
  for (let i = 0; i < OWN_RUNS; i++) runs.push(await own(size, large));
  const med = (pick) => median(runs.map(pick)).toFixed(1);
  console.log(
    `own ${size}×${size} colour photo${large ? " at 1024 px" : ""} → ${runs[0].shape}: first rank-k image ${med((r) => r.firstMs)} ms, longest frame gap ${med((r) => r.gap)} ms; ` +
      `slider up ${med((r) => r.up.busy)} ms / down ${med((r) => r.down.busy)} ms main-thread per step (medians of ${OWN_RUNS})`,
  );
}
await browser.close();
await site.close();
