// The release a blogger hosts: scripts/package.sh packs the build as linalg-live-<version>.tar.gz with
// one versioned folder; that folder, served as a static host would, runs examples/blog.html from another
// origin (an iframe with only the figure, an iframe driven by the page's buttons, the element and its
// event).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useSite, FIGURE_CANVAS } from "./harness.mjs";

const site = useSite();
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VERSION = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "(.*)"/m)[1];
let release, blog, folder;

before(async () => {
  const out = await mkdtemp(join(tmpdir(), "release-"));
  const archive = execFileSync(join(ROOT, "scripts/package.sh"), ["--no-build", out], { encoding: "utf8" }).trim();
  assert.equal(archive, join(out, `linalg-live-${VERSION}.tar.gz`));
  execFileSync("tar", ["-xzf", archive, "-C", out]);
  folder = join(out, `linalg-live-${VERSION}`);
  release = await site.serve(out, "/", { cors: true });
  blog = await site.serve(join(ROOT, "examples"));
});

test("the archive holds one versioned folder: the whole site and its licence", () => {
  for (const file of ["index.html", "sw.js", "linalg-figure.js", "LICENSE", "fonts/stix-two-math.woff2", "fonts/OFL.txt"]) {
    assert.ok(existsSync(join(folder, file)), `${file} is in linalg-live-${VERSION}/`);
  }
  assert.match(readFileSync(join(folder, "LICENSE"), "utf8"), /^MIT License/);
});

test("examples/blog.html works from another origin with the released folder", async () => {
  const site_ = `${release.base}linalg-live-${VERSION}/`;
  const page = await site.openPage(`${blog.base}blog.html?site=${encodeURIComponent(site_)}`, { viewport: { width: 900, height: 900 } });
  const driven = page.frameLocator("#driven");
  await driven.locator('[data-readout="det"][data-value]').waitFor({ state: "attached" });
  // The page's buttons set the figure through the host API, and its report fills the page's text.
  await page.getByRole("button", { name: "Squash onto a line" }).click();
  await page.locator("#det", { hasText: "det A = 0" }).waitFor();
  assert.equal(JSON.parse(await driven.locator('[data-readout="det"]').getAttribute("data-value")), 0);
  // The figure alone: no controls or results shown, and its frame as tall as it says.
  const alone = page.frameLocator("#alone");
  await page.locator("#alone").scrollIntoViewIfNeeded();
  await alone.locator(FIGURE_CANVAS).waitFor();
  assert.equal(await alone.locator(".figure-tools").isVisible(), false);
  await page.waitForFunction(() => parseFloat(document.getElementById("alone").style.height) < 760);
  // The element: its event fills σ.
  await page.locator("#sigma", { hasText: "σ = 8.7134, 3.3282" }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
