// trunk post_build hook: adds a strict Content-Security-Policy to the built index.html. trunk injects
// one inline module script (the wasm loader); it is allowed by its SHA-256 hash, so the policy needs
// neither 'unsafe-inline' nor 'unsafe-eval' ('wasm-unsafe-eval' lets the page compile its module).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file = join(process.env.TRUNK_STAGING_DIR ?? "dist", "index.html");
let html = readFileSync(file, "utf8");
const hashes = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
if (hashes.length === 0) throw new Error(`no inline loader script found in ${file}`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/g, "");
html = html.replace(/(<meta charset="utf-8">)/, `$1\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
