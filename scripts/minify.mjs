// The release's scripts without comments, white space and long local names (terser): wasm-bindgen's
// bindings, the service worker and the <linalg-figure> script are 4.5 KB smaller gzipped
// (docs/benchmarks.md, "Weight, step by step"). Trunk's own minifier cannot parse wasm-bindgen's
// output, so the post-build hooks call this instead (scripts/pages.mjs, scripts/element.mjs).
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

/** Minifies `file` in place, and gives every `integrity="sha384-…"` of it in `pages` (Subresource
 * Integrity, which trunk wrote for the original) the new file's hash. */
export async function minifyFile(file, { module = false, pages = [] } = {}) {
  const before = readFileSync(file);
  const after = Buffer.from(await minifyScript(before.toString("utf8"), { module }));
  writeFileSync(file, after);
  const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    if (html.includes(sri(before))) writeFileSync(page, html.replaceAll(sri(before), sri(after)));
  }
}
