// The SVD page's image tab: time to open it (the picture's first SVD) and main-thread time per step of
// the rank slider, up (one rank-one layer added) and down (A_k rebuilt from its layers), including the
// figure, the chart and the readouts of each step.
//   node tests/bench/svd-image.mjs [RUNS] [STEPS]   (needs a built dist/; LINALG_DIST to point elsewhere)
// Uses DevTools Performance metrics (TaskDuration) in Debian's headless Chromium.
import { launch, serve } from "../e2e/harness.mjs";

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

  // Slider steps: set the range input and fire `input` as a drag does, then wait (a MutationObserver,
  // no polling) for the frame that shows the new rank; all inside the page, so that the main-thread
  // time counted is the page's own.
  const steps = async (delta) => {
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
  const up = await steps(1);
  const down = await steps(-1);
  await context.close();
  return { openMs, openBusy, up, down };
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
await browser.close();
await site.close();
