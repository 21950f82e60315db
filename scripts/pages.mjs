// trunk post_build hook: the chapters' static pages, then the Content-Security-Policy of every page.
// 0. The module's imports and exports get short names and wasm-bindgen's bindings are minified
//    (scripts/minify.mjs); index.html gets both files' new hashes.
// 1. `linalg-pages` (src/bin/linalg-pages.rs, a native build of this crate) writes <slug>/index.html,
//    <slug>/prose.html and <slug>/code.txt for every chapter, from the built index.html (src/prerender.rs).
// 2. Every page gets its policy (scripts/csp.mjs): index.html and the static pages.
// 3. The service worker (sw.js) learns the pages' addresses, to keep them for offline reading, and
//    the build's name, for its cache; then it is minified.
// One hook, because trunk runs the hooks of a stage at the same time: the pages read index.html
// before its policy is written, and each page needs its own.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BINDINGS, builtFile, MODULE } from "./built.mjs";
import { addPolicy } from "./csp.mjs";
import { keepingIntegrity, minifyFile, shortenNames } from "./minify.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const root = new URL("..", import.meta.url);
const wasmName = builtFile(dir, MODULE, "WebAssembly module");
const [wasmFile, bindings] = [join(dir, wasmName), join(dir, builtFile(dir, BINDINGS, "bindings script"))];
await keepingIntegrity([wasmFile, bindings], [join(dir, "index.html")], async () => {
  shortenNames(wasmFile, bindings);
  await minifyFile(bindings, { module: true });
});
const out = execFileSync("cargo", ["run", "--quiet", "--offline", "--features", "prerender", "--bin", "linalg-pages", "--", dir], {
  cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"],
});
const pages = out.split("\n").filter(Boolean);
if (pages.length === 0) throw new Error("linalg-pages wrote no page");
for (const page of ["index.html", ...pages]) addPolicy(join(dir, page));

const sw = join(dir, "sw.js");
const folders = pages.map((p) => `./${p.replace(/index\.html$/, "")}`);
const worker = readFileSync(sw, "utf8");
const list = `const PAGES = ${JSON.stringify(folders.flatMap((f) => [f, `${f}prose.html`, `${f}code.txt`]))};`;
if (!worker.includes("const PAGES = [];")) throw new Error("static/sw.js has no `const PAGES = [];` to fill");
// The build's name: the content hash trunk gave the module (a new build, a new cache).
const build = wasmName.match(MODULE)[1];
if (!worker.includes('const BUILD = "dev";')) throw new Error("static/sw.js has no BUILD to fill");
writeFileSync(sw, worker.replace("const PAGES = [];", list).replace('const BUILD = "dev";', `const BUILD = "${build}";`));
await minifyFile(sw);
console.log(`static pages: ${pages.length}`);
