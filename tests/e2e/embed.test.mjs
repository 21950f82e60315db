// Embedding as a blogger would: a host page on another origin with the documented iframe snippet.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSite } from "./harness.mjs";

const site = useSite();
let host;
// The host page: another origin (a second server), made once the site's address is known.
before(async () => {
  const dir = await mkdtemp(join(tmpdir(), "host-"));
  const doc = await readFile(new URL("../../docs/embedding.md", import.meta.url), "utf8");
  // The snippet exactly as documented, pointed at the test server.
  const snippet = doc.match(/```html\n([\s\S]*?)```/)[1]
    .replaceAll("https://YOUR-HOST/linalg-live/", site.base)
    .replaceAll("https://YOUR-HOST", new URL(site.base).origin);
  await writeFile(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,">
    <h1>My post</h1><p style="height: 300px">Some text above the figure.</p>${snippet}<p style="height: 1500px">More text.</p>`);
  host = await site.serve(dir);
});

test("the documented iframe snippet shows the figure at its own height, with its state", async () => {
  const page = await site.openPage(`${host.base}index.html`, { viewport: { width: 800, height: 700 } });
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-readout="Av"][data-value]').waitFor({ state: "attached" });
  assert.equal(JSON.parse(await frame.locator('[data-readout="Av"]').getAttribute("data-value"))[0], 16);
  // The host's listener resized the iframe to the figure's reported height.
  await page.waitForFunction(() => document.querySelector("iframe").style.height.endsWith("px"));
  const reported = await page.evaluate(() => parseFloat(document.querySelector("iframe").style.height));
  const inner = await frame.locator("html").evaluate((e) => e.scrollHeight);
  assert.ok(Math.abs(reported - inner) <= 2, `iframe ${reported}px, content ${inner}px`);
  // Embed mode: no site chrome and no chapter text, but a link back.
  assert.equal(await frame.locator("article.prose").count(), 0);
  assert.ok(await frame.locator("header.site").isHidden());
  assert.match(await frame.locator(".embed-bar a").getAttribute("href"), /^index\.html#\/multiplication\?A=2,3;6,5/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("an inactive figure lets the host page scroll; a click makes it interactive", async () => {
  const page = await site.openPage(`${host.base}index.html`, { viewport: { width: 800, height: 700 } });
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-handle="v"]').waitFor({ state: "attached" });
  await page.locator("iframe").scrollIntoViewIfNeeded();
  const canvas = await page.locator("iframe").boundingBox();
  const before = await page.evaluate(() => scrollY);
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + 200);
  await page.mouse.wheel(0, 400);
  await page.waitForFunction((y) => scrollY > y, before);
  assert.equal(await frame.locator(".figure.inactive").count(), 1);
  await frame.locator(".activate").click();
  assert.equal(await frame.locator(".figure.inactive").count(), 0);
  await frame.locator('[data-handle="v"]').focus();
  await page.keyboard.press("ArrowLeft");
  await frame.locator('[data-readout="v"][data-value="[4.0,2.0]"]').waitFor({ state: "attached" });
  await page.context().close();
});
