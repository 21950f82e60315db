// Where the bytes of a WebAssembly module go: every function body's size by the crate and module its
// name points at, the data segments, and each section. Reads a module that still has its name section
// (wasm-bindgen's output before wasm-opt strips it, or wasm-opt run with -g):
//   node scripts/wasm-size.mjs target/wasm-bindgen/release/linalg-live_bg.wasm [--top N] [--depth D]
//   node scripts/wasm-size.mjs <module> --forbid REGEX   exits 1 if any function's name matches (the README's
//                                                       test command keeps core's float printing and parsing out)
// Sizes are raw bytes; the gzip column compresses each group's function bodies together (level 9),
// which is close to what that group adds to the shipped, gzipped module.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : def; };
const TOP = opt("--top", 40), DEPTH = opt("--depth", 2);
const bytes = readFileSync(file);
let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = bytes[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const name = () => { const n = u32(); const s = bytes.toString("utf8", pos, pos + n); pos += n; return s; };
const sections = [];
let imported = 0, bodies = [], names = new Map(), data = 0;
while (pos < bytes.length) {
  const id = bytes[pos++], size = u32(), start = pos, end = pos + size;
  let label = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"][id];
  if (id === 0) {
    const n = name(); label = `custom "${n}"`;
    if (n === "name") {
      while (pos < end) {
        const sub = bytes[pos++], len = u32(), subEnd = pos + len;
        if (sub === 1) { const count = u32(); for (let i = 0; i < count; i++) { const idx = u32(); names.set(idx, name()); } }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) { name(); name(); const kind = bytes[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = bytes[pos++]; u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = bytes[pos++]; u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; } }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) { const len = u32(); bodies.push({ index: imported + i, start: pos, size: len }); pos += len; }
  } else if (id === 11) data = size;
  sections.push([label, size]);
  pos = end;
}
const kib = (n) => (n / 1024).toFixed(1);
console.log(`${file}: ${kib(bytes.length)} KiB raw, ${kib(gzipSync(bytes, { level: 9 }).length)} KiB gzip`);
for (const [label, size] of sections.sort((a, b) => b[1] - a[1])) if (size > 1024) console.log(`  section ${label}: ${kib(size)} KiB`);

// Group a (demangled) Rust symbol by its first DEPTH path segments, trait impls by the type's path.
function group(symbol) {
  let s = symbol.replace(/::h[0-9a-f]{16}$/, "");
  const impl = s.match(/^<(?:&(?:mut )?)?([^ <>]+)(?:<.*?>)? as ([^ <>]+)/);
  if (impl) s = impl[1].startsWith("[") || impl[1] === "T" ? impl[2] : impl[1];
  s = s.replace(/^_?<|>$/g, "");
  const parts = s.split("::").filter((p) => p && !p.startsWith("{"));
  return parts.slice(0, DEPTH).join("::") || symbol;
}
const groups = new Map();
for (const b of bodies) {
  const g = group(names.get(b.index) ?? `func${b.index}`);
  const entry = groups.get(g) ?? { raw: 0, parts: [], count: 0 };
  entry.raw += b.size; entry.count++; entry.parts.push(bytes.subarray(b.start, b.start + b.size));
  groups.set(g, entry);
}
const rows = [...groups].map(([g, e]) => [g, e.raw, gzipSync(Buffer.concat(e.parts), { level: 9 }).length, e.count]).sort((a, b) => b[1] - a[1]);
const total = bodies.reduce((s, b) => s + b.size, 0);
console.log(`\nfunction bodies: ${kib(total)} KiB in ${bodies.length} functions; data segments: ${kib(data)} KiB`);
console.log("| group | KiB raw | KiB gzip alone | functions |\n|---|--:|--:|--:|");
for (const [g, raw, gz, n] of rows.slice(0, TOP)) console.log(`| ${g} | ${kib(raw)} | ${kib(gz)} | ${n} |`);
if (args.includes("--functions")) {
  console.log("\nlargest functions:");
  for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, TOP)) console.log(`${b.size}\t${names.get(b.index)}`);
}
const forbid = args.indexOf("--forbid");
if (forbid >= 0) {
  const pattern = new RegExp(args[forbid + 1]);
  const found = bodies.map((b) => names.get(b.index) ?? "").filter((n) => pattern.test(n));
  if (found.length) {
    console.error(`\n${found.length} functions match ${pattern}, which the module must not contain:\n  ${found.slice(0, 20).join("\n  ")}`);
    process.exit(1);
  }
  console.log(`\nno function matches ${pattern}`);
}
