// What the post-build hooks (scripts/pages.mjs, scripts/element.mjs) know of a build in the staging
// folder: the name of each file trunk gave a content hash.
import { readdirSync } from "node:fs";

/** The name of the one file in `dir` that matches `pattern` (an error naming `what` otherwise). */
export function builtFile(dir, pattern, what) {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${JSON.stringify(found)}`);
  return found[0];
}

/** The bindings script's pattern (wasm-bindgen's JavaScript, named by trunk). */
export const BINDINGS = /^linalg-live-[0-9a-f]+\.js$/;
/** The WebAssembly module's pattern; its hash is the build's name. */
export const MODULE = /^linalg-live-([0-9a-f]{8,16})_bg\.wasm$/;
