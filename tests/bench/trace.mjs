// Where a drag's main-thread time goes: a DevTools trace of the same drag as frames.mjs (limited mode),
// summed by event name (self time of the renderer main thread's events), the main thread's CPU time, and
// the frames that rewrote the page's words apart from those that only drew the figure. Tracing slows
// the page: compare traces with traces.
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
// The renderer's main thread: of the threads named CrRendererMain (the service worker has its own), the
// one that dispatched the most events (the pointer moves).
const named = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
const dispatches = new Map();
for (const e of events) if (e.name === "EventDispatch" && (named.size === 0 || named.has(`${e.pid}:${e.tid}`))) dispatches.set(`${e.pid}:${e.tid}`, (dispatches.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
const [pid, tid] = [...dispatches].sort((a, b) => b[1] - a[1])[0][0].split(":").map(Number);
const main = { pid, tid };
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
// CPU time (the trace's thread time, tdur) of the outermost events: unlike wall time it does not grow
// while other processes hold the CPU, so it compares builds on a busy machine.
let cpu = 0, wall = 0, end = -1;
for (const e of mine) if (e.ts >= end) { cpu += e.tdur ?? 0; wall += e.dur; end = e.ts + e.dur; }
console.log(`main thread per move: ${(cpu / 1000 / moves).toFixed(2)} ms CPU, ${(wall / 1000 / moves).toFixed(2)} ms wall`);
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [name, us] of rows) console.log(`${(us / 1000 / moves).toFixed(3)} ms/move  ${name}`);
const threads = new Map();
for (const e of events.filter((e) => e.ph === "X" && e.pid === main.pid)) threads.set(e.tid, (threads.get(e.tid) ?? 0) + e.dur);
console.log("renderer threads (busy ms / move):", [...threads].map(([t, d]) => `${t}:${(d / 1000 / moves).toFixed(2)}`).join(" "));
// Frames that changed the page's DOM (the words: a style, layout and paint of the page, about ten a
// second during a drag) apart from frames that only drew the figure (its worker paints it), with the
// mean time of their main phases in each.
const frames = mine.filter((e) => e.name === "ProxyMain::BeginMainFrame");
const phases = ["FunctionCall", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit"];
const kinds = { "words and figure": [], "figure only": [] };
let next = 0;
for (const f of frames) {
  while (next < mine.length && mine[next].ts < f.ts) next++;
  const within = [];
  for (let i = next; i < mine.length && mine[i].ts < f.ts + f.dur; i++) if (mine[i] !== f) within.push(mine[i]);
  const dom = within.some((e) => e.name === "Paint" || e.name === "Layout");
  kinds[dom ? "words and figure" : "figure only"].push({ dur: f.dur, within });
}
// A phase's time in a frame: its outermost events only (a Paint holds the Paints of the layers inside it).
const time = (events, name) => {
  let end = -1, sum = 0;
  for (const e of events) if (e.name === name && e.ts >= end) { sum += e.dur; end = e.ts + e.dur; }
  return sum;
};
for (const [kind, list] of Object.entries(kinds)) {
  if (!list.length) continue;
  const mean = (pick) => (list.reduce((sum, f) => sum + pick(f), 0) / list.length / 1000).toFixed(2);
  const phase = (name) => `${name} ${mean((f) => time(f.within, name))}`;
  console.log(`${kind}: ${list.length} frames, ${mean((f) => f.dur)} ms each (${phases.map(phase).join(", ")})`);
}
await browser.close();
await site.close();
