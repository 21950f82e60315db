// A strict Content-Security-Policy for the built pages. trunk injects one inline module script (the
// wasm loader); it is allowed by its SHA-256 hash, so the policy needs neither 'unsafe-inline' nor
// 'unsafe-eval' ('wasm-unsafe-eval' lets the page compile its module). A static chapter page's inline
// <style> (its figure's colours by role) is allowed the same way.
//   node scripts/csp.mjs [FILE…]     (default: index.html in $TRUNK_STAGING_DIR or dist/)
// scripts/pages.mjs, trunk's post-build hook, applies it to index.html and every static page.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const sha256 = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** Adds (or replaces) the Content-Security-Policy of the page in `file`. */
export function addPolicy(file) {
  let html = readFileSync(file, "utf8");
  const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
  if (scripts.length === 0) throw new Error(`no inline loader script found in ${file}`);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scripts.join(" ")}`,
    ["style-src 'self'", ...styles].join(" "),
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g, "");
  html = html.replace(/(<meta charset="utf-8">)/, `$1\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  writeFileSync(file, html);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  for (const file of files.length ? files : [join(process.env.TRUNK_STAGING_DIR ?? "dist", "index.html")]) addPolicy(file);
}
