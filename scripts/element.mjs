// trunk post_build hook: writes linalg-figure.js (the <linalg-figure> custom element) into the build,
// with the hashed file names trunk gave the bindings, the WebAssembly module and the stylesheet. Trunk's
// file hashes stay on (browsers and CDNs may cache those files for ever); only this small script has a
// fixed name, because blog posts include it by that name.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minifyFile } from "./minify.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const files = readdirSync(dir);
const one = (pattern, what) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${JSON.stringify(found)}`);
  return found[0];
};
const names = {
  MODULE: one(/^linalg-live-[0-9a-f]+\.js$/, "bindings script"),
  WASM: one(/^linalg-live-[0-9a-f]+_bg\.wasm$/, "WebAssembly module"),
  STYLESHEET: one(/^style-[0-9a-f]+\.css$/, "stylesheet"),
};
let script = readFileSync(new URL("../static/linalg-figure.js", import.meta.url), "utf8");
for (const [key, value] of Object.entries(names)) {
  if (!script.includes(`@${key}@`)) throw new Error(`static/linalg-figure.js has no @${key}@`);
  script = script.replaceAll(`@${key}@`, value);
}
writeFileSync(join(dir, "linalg-figure.js"), script);
await minifyFile(join(dir, "linalg-figure.js"));
