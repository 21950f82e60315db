// Where a drag's main-thread time goes: a DevTools trace of the same drag as frames.mjs (limited mode),
// summed by event name (self time of the renderer main thread's events), the main thread's CPU time, and
// the frames that rewrote the page's words apart from those that only drew the figure. Tracing slows
// the page: compare traces with traces.
//   node tests/bench/trace.mjs SLUG [MOVES] [--why] [--profile]
// (needs a built dist/; LINALG_DIST to point elsewhere; SLUG may carry a query: 'svd?tab=image&k=10'
// drags the rank slider). `--why` adds what invalidated style and layout (DevTools' invalidation
// tracking: which nodes, for what reason, from which script). `--profile` adds a CPU profile of the
// drag: the functions with the most self and total time per move (the top 30; `TOP=N` in the
// environment lists N). The module's functions have names only in a build that keeps them: in a copy
// of the tree, give index.html's rust link `data-keep-debug`, replace `--strip-debug --strip-producers`
// in its wasm-opt parameters by `-g`, and build with `CARGO_PROFILE_RELEASE_STRIP=false trunk build
// --release`.
import { launch, serve } from "../e2e/harness.mjs";
import { press, readyToDrag, release, sweep } from "./drag.mjs";

const args = process.argv.slice(2);
const [slug = "pca", movesArg = "120"] = args.filter((a) => !a.startsWith("--"));
const moves = Number(movesArg);
const why = args.includes("--why");
const profiling = args.includes("--profile");
const site = await serve();
const browser = await launch([]);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const drag = await readyToDrag(context, `${site.base}index.html#/${slug}`);
const { cdp } = drag;
const events = [];
cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
const done = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
const categories = `${why ? "disabled-by-default-devtools.timeline.invalidationTracking," : ""}devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,gpu,skia,v8.execute`;
await cdp.send("Tracing.start", { categories, transferMode: "ReportEvents" });
if (profiling) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
}
await press(cdp, drag.start);
await sweep(drag, moves, [40, 30]);
await release(cdp, drag.start);
const profile = profiling ? (await cdp.send("Profiler.stop")).profile : null;
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
if (why) {
  // What made the browser restyle and lay out again: invalidations by kind, node and calling script.
  const counts = new Map();
  for (const e of events) {
    if (!e.name.endsWith("InvalidationTracking")) continue;
    const d = e.args?.data ?? {};
    const from = (d.stackTrace ?? []).slice(0, 3).map((f) => f.functionName || "?").join(" < ");
    const key = `${e.name.replace("InvalidationTracking", "")}: ${d.reason ?? ""} ${d.nodeName ?? ""}${from ? ` (${from})` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log("invalidations during the drag:");
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${String(n).padStart(5)}  ${key}`);
}
if (profile) {
  // Self and total time per function (a function counted once per sample however deep it recurs).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber})`;
  const self = new Map(), total = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = name(byId.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(name(byId.get(at)));
    for (const n of seen) total.set(n, (total.get(n) ?? 0) + ms);
  });
  const top = (m, k) => [...m].filter(([n]) => !/^\((idle|root|program|garbage collector)\)$/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, k);
  for (const [title, m] of [["self", self], ["total", total]]) {
    console.log(`CPU profile, ${title} time (ms per move):`);
    for (const [n, ms] of top(m, Number(process.env.TOP ?? 30))) console.log(`${(ms / moves).toFixed(3)}  ${n.slice(0, 150)}`);
  }
}
await browser.close();
await site.close();
