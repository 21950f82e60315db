// The release's scripts without comments, white space and long local names (terser), and short names
// for the imports and exports between the module and its bindings (`shortenNames`): together 13 KB
// less gzipped (docs/benchmarks.md, "Weight, step by step"). Trunk's own minifier cannot parse
// wasm-bindgen's output, so the post-build hooks call these instead (scripts/pages.mjs,
// scripts/element.mjs).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";

/** Minifies the script `text`; `module` for an ES module. Names the script uses from outside keep
 * theirs: an ES module's exports, the wasm-bindgen imports (object keys) and every top-level name. */
export async function minifyScript(text, { module = false } = {}) {
  const out = await minify(text, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== "string" || out.code.length === 0) throw new Error("terser returned no code");
  return out.code;
}

/** Minifies the script `file` in place; `module` for an ES module. */
export async function minifyFile(file, { module = false } = {}) {
  writeFileSync(file, await minifyScript(readFileSync(file, "utf8"), { module }));
}

/** Runs `change` (which rewrites `files`), then gives every `integrity="sha384-…"` of those files in
 * `pages` (Subresource Integrity, which trunk wrote for the originals) the new files' hashes. */
export async function keepingIntegrity(files, pages, change) {
  const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  const before = files.map((f) => sri(readFileSync(f)));
  await change();
  for (const page of pages) {
    let html = readFileSync(page, "utf8");
    files.forEach((f, i) => {
      if (!html.includes(before[i])) throw new Error(`${page} has no integrity hash of ${f}`);
      html = html.replaceAll(before[i], sri(readFileSync(f)));
    });
    writeFileSync(page, html);
  }
}

/** Gives the module's imports and its hashed exports short names, in the module and in the bindings
 * script, before that is minified: wasm-bindgen names each import after its JavaScript function plus a
 * 16-digit hash (`__wbg_setAttribute_1a2b…`), as it names its closure shims' exports, and those hashes
 * cannot be compressed (about 9 KB gzipped in the two files). Returns the number of names changed. */
export function shortenNames(wasmFile, jsFile) {
  const bytes = readFileSync(wasmFile);
  let js = readFileSync(jsFile, "utf8");
  const taken = new Set(js.match(/[A-Za-z_$][\w$]*/g));
  const renamed = new Map();
  let counter = 0;
  const fresh = () => {
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (;;) {
      let n = counter++, name = "";
      do { name = letters[n % 52] + name; n = Math.floor(n / 52); } while (n > 0);
      name = `_${name}`;
      if (!taken.has(name)) return name;
    }
  };
  const rename = (old) => {
    if (!renamed.has(old)) renamed.set(old, fresh());
    return renamed.get(old);
  };

  // The module: its sections as they are, the import and export sections with new names.
  let pos = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = bytes[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
  const name = () => { const n = u32(); const s = bytes.toString("utf8", pos, pos + n); pos += n; return s; };
  const str = (s) => { const b = Buffer.from(s, "utf8"); return Buffer.concat([leb(b.length), b]); };
  const limits = () => { const flags = bytes[pos++]; u32(); if (flags & 1) u32(); };
  const parts = [bytes.subarray(0, 8)];
  while (pos < bytes.length) {
    const id = bytes[pos++], size = u32(), start = pos, end = pos + size;
    if (id !== 2 && id !== 7) { parts.push(bytes.subarray(start - 1 - leb(size).length, end)); pos = end; continue; }
    const count = u32(), entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const module = name(), field = name(), from = pos;
        const kind = bytes[pos++];
        if (kind === 0) u32(); else if (kind === 1) { pos++; limits(); } else if (kind === 2) limits(); else if (kind === 3) pos += 2; else if (kind === 4) { pos++; u32(); } else throw new Error(`import kind ${kind}`);
        const short = /_bg\.js$/.test(module) ? rename(field) : field;
        entries.push(str(module), str(short), bytes.subarray(from, pos));
      } else {
        const field = name(), from = pos;
        pos++; u32();
        // Only names with a hash: the others (`memory`, `__wbindgen_start`, the bindings' own
        // functions) are words the script and its readers use.
        const short = /_h[0-9a-f]{16}$|_[0-9a-f]{16}$/.test(field) ? rename(field) : field;
        entries.push(str(short), bytes.subarray(from, pos));
      }
    }
    if (pos !== end) throw new Error(`section ${id} did not parse to its end`);
    const content = Buffer.concat(entries);
    parts.push(Buffer.from([id]), leb(content.length), content);
  }
  for (const [old, short] of renamed) {
    const uses = js.split(old).length - 1;
    if (uses === 0) throw new Error(`${old} is not in ${jsFile}`);
    js = js.replace(new RegExp(`\\b${old.replace(/\$/g, "\\$")}\\b`, "g"), short);
  }
  writeFileSync(wasmFile, Buffer.concat(parts));
  writeFileSync(jsFile, js);
  return renamed.size;
}
