// trunk post_build hook: the chapters' static pages, then the Content-Security-Policy of every page.
// 0. The module's imports and exports get short names and wasm-bindgen's bindings are minified
//    (scripts/minify.mjs); index.html gets both files' new hashes.
// 1. `linalg-pages` (src/bin/linalg-pages.rs, a native build of this crate) writes <slug>/index.html
//    <slug>/prose.html and <slug>/code.txt for every chapter, from the built index.html (src/prerender.rs).
// 2. Every page gets its policy (scripts/csp.mjs): index.html and the static pages.
// 3. The service worker (sw.js) learns the pages' addresses, to keep them for offline reading, and
//    the build's name, for its cache; then it is minified.
// One hook, because trunk runs the hooks of a stage at the same time: the pages read index.html
// before its policy is written, and each page needs its own.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addPolicy } from "./csp.mjs";
import { keepingIntegrity, minifyFile, shortenNames } from "./minify.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const root = new URL("..", import.meta.url);
const one = (pattern, what) => {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${JSON.stringify(found)}`);
  return join(dir, found[0]);
};
const [wasmFile, bindings] = [one(/^linalg-live-[0-9a-f]+_bg\.wasm$/, "module"), one(/^linalg-live-[0-9a-f]+\.js$/, "bindings script")];
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
const wasm = readdirSync(dir).find((f) => /_bg\.wasm$/.test(f));
const build = wasm?.match(/-([0-9a-f]{8,16})_bg\.wasm$/)?.[1];
if (!build || !worker.includes('const BUILD = "dev";')) throw new Error("no hashed module in the build, or static/sw.js has no BUILD to fill");
writeFileSync(sw, worker.replace("const PAGES = [];", list).replace('const BUILD = "dev";', `const BUILD = "${build}";`));
await minifyFile(sw);
console.log(`static pages: ${pages.length}`);
