// trunk post_build hook: writes linalg-figure.js (the <linalg-figure> custom element) and
// figure-worker.js (the worker that paints the site's figures, src/web/figure_painter.rs) into the build,
// with the hashed file names trunk gave the bindings, the WebAssembly module and the stylesheet. Trunk's
// file hashes stay on (browsers and CDNs may cache those files for ever); only these two small scripts
// have fixed names: blog posts include the element by its name, and pages start the worker by its.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BINDINGS, builtFile, MODULE } from "./built.mjs";
import { minifyFile } from "./minify.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const names = {
  MODULE: builtFile(dir, BINDINGS, "bindings script"),
  WASM: builtFile(dir, MODULE, "WebAssembly module"),
  STYLESHEET: builtFile(dir, /^style-[0-9a-f]+\.css$/, "stylesheet"),
};
let script = readFileSync(new URL("../static/linalg-figure.js", import.meta.url), "utf8");
for (const [key, value] of Object.entries(names)) {
  if (!script.includes(`@${key}@`)) throw new Error(`static/linalg-figure.js has no @${key}@`);
  script = script.replaceAll(`@${key}@`, value);
}
writeFileSync(join(dir, "linalg-figure.js"), script);
await minifyFile(join(dir, "linalg-figure.js"));

// figure-worker.js, the worker that paints the site's figures, importing the bindings by their name.
const worker = readFileSync(new URL("../static/figure-worker.js", import.meta.url), "utf8");
if (!worker.includes("@MODULE@")) throw new Error("static/figure-worker.js has no @MODULE@");
writeFileSync(join(dir, "figure-worker.js"), worker.replaceAll("@MODULE@", names.MODULE));
await minifyFile(join(dir, "figure-worker.js"));
