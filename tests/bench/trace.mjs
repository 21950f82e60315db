// Where a drag's main-thread time goes: a DevTools trace of the same drag as frames.mjs (limited mode),
// summed by event name (self time of the renderer main thread's events).
//   node tests/bench/trace.mjs SLUG [MOVES]      (needs a built dist/; LINALG_DIST to point elsewhere)
import { launch, serve } from "../e2e/harness.mjs";

const slug = process.argv[2] ?? "pca";
const moves = Number(process.argv[3] ?? 120);
const site = await serve();
const browser = await launch([]);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${site.base}index.html#/${slug}`);
await page.waitForSelector("[data-handle]");
await page.waitForTimeout(300);
const box = await page.locator("[data-handle]").first().boundingBox();
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
const done = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,gpu,skia,v8.execute", transferMode: "ReportEvents" });
const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 });
for (let i = 0; i < moves; i++) {
  const a = (i / moves) * 2 * Math.PI;
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: x + 40 * Math.sin(a), y: y - 30 * (1 - Math.cos(a)), button: "left", buttons: 1 });
}
await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 });
await cdp.send("Tracing.end");
await done;
// The renderer's main thread: the thread that ran the page's script.
const main = events.find((e) => e.name === "FunctionCall" || e.name === "EventDispatch");
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
// Self time: each complete event minus its direct children.
const self = new Map();
const stack = [];
for (const e of mine) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
  if (stack.length) stack.at(-1).child += e.dur;
  e.child = 0;
  stack.push(e);
}
for (const e of mine) self.set(e.name, (self.get(e.name) ?? 0) + e.dur - e.child);
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [name, us] of rows) console.log(`${(us / 1000 / moves).toFixed(3)} ms/move  ${name}`);
const threads = new Map();
for (const e of events.filter((e) => e.ph === "X" && e.pid === main.pid)) threads.set(e.tid, (threads.get(e.tid) ?? 0) + e.dur);
console.log("renderer threads (busy ms / move):", [...threads].map(([t, d]) => `${t}:${(d / 1000 / moves).toFixed(2)}`).join(" "));
await browser.close();
await site.close();
