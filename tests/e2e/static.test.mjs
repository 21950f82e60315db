// The chapters' static pages (<slug>/index.html, written by the build): readable without scripts, and
// taken over in place by the module.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CHAPTERS, dragHandle, readout, useSite, waitForReadout } from "./harness.mjs";

const site = useSite();

/** The figure box's, the explanation's and the title's places, once the fonts (the formulas' math
 * font among them) are in. */
const layout = (page) => page.evaluate(async () => {
  await document.fonts.ready;
  const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round); };
  return { figure: box(".figure"), prose: box(".prose"), title: box("h1") };
});

describe("without scripts", () => {
  test("every static page shows its title, its text and an SVG figure", async () => {
    for (const slug of CHAPTERS) {
      const page = await site.openPage(`${site.base}${slug}/`, { javaScriptEnabled: false });
      const title = await page.locator("h1").textContent();
      assert.match(await page.title(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), slug);
      const text = await page.locator("article.prose").innerText();
      assert.ok(text.length > 1000, `${slug}: ${text.length} characters of text`);
      const shapes = await page.locator(".figure svg").first().evaluate((svg) => svg.querySelectorAll("path, circle, text, image").length);
      assert.ok(shapes >= 20, `${slug}: ${shapes} shapes`);
      // The figure is visible (the theme's colours, not black or nothing) and the readouts are text.
      const [w, h] = (await layout(page)).figure.slice(2);
      assert.ok(w > 300 && Math.abs(w - h) <= 1, `${slug}: figure ${w}×${h}`);
      assert.ok((await page.locator(".readouts tr").count()) > 0, slug);
      assert.equal(await page.locator("[data-value]").count(), 0, `${slug}: no exact values before the module runs`);
      await page.context().close();
    }
  });
});

describe("with scripts", () => {
  test("each static page comes alive in place", async () => {
    for (const slug of CHAPTERS) {
      const still = await site.openPage(`${site.base}${slug}/`, { javaScriptEnabled: false });
      const before = await layout(still);
      await still.context().close();
      const page = await site.openPage(`${site.base}${slug}/`);
      await page.waitForSelector("[data-readout][data-value]");
      await page.waitForSelector("[data-handle]");
      assert.equal(await page.locator(".figure svg").count(), 0, `${slug}: the canvas replaced the SVG`);
      assert.deepEqual(await layout(page), before, `${slug}: nothing moved`);
      assert.ok((await page.locator("article.prose").innerText()).length > 1000, slug);
      // The address holds the state after `#?`, and stays on the static page.
      await page.waitForFunction(() => location.hash.startsWith("#?"));
      assert.ok(page.url().startsWith(`${site.base}${slug}/#?`), page.url());
      assert.deepEqual(page.errors, [], slug);
      await page.context().close();
    }
  });

  test("the state lives in the address after #?", async () => {
    const page = await site.openPage(`${site.base}determinant/#?A=2,1;1,3`);
    assert.equal(await readout(page, "det"), 5);
    await dragHandle(page, "A:0", 40, 0, 4);
    await page.waitForFunction(() => /^#\?A=/.test(location.hash) && !location.hash.startsWith("#?A=2,1;1,3"));
    assert.match(page.url(), /\/determinant\/#\?A=[^&]+$/);
    // A new state typed into the address opens too.
    await page.evaluate(() => { location.hash = "#?A=3,0;0,3"; });
    await waitForReadout(page, "det", (d) => d === 9);
    await page.context().close();
    // A link to another chapter (the explanation's `#/svd?…`) opens that chapter's static page.
    const other = await site.openPage(`${site.base}determinant/#/svd?A=1,2;3,4`);
    await other.waitForURL(`${site.base}svd/#?A=1,2;3,4`);
    assert.equal((await readout(other, "singular_values")).length, 2);
    await other.context().close();
    // A link problem is reported as on the single-page route.
    const bad = await site.openPage(`${site.base}determinant/#?A=1,2;oops`);
    await bad.locator(".url-alert[role=alert]").waitFor({ state: "visible" });
    assert.match(await bad.locator(".url-alert").textContent(), /A/);
    await bad.context().close();
  });

  test("the single-page route still shows the explanation, and links lead to the static pages", async () => {
    const page = await site.openPage(site.url("svd?A=1,2;3,4"));
    await readout(page, "singular_values");
    await page.locator("article.prose h2").first().waitFor();
    assert.ok((await page.locator("article.prose").innerText()).length > 1000);
    assert.equal(await page.locator("a[rel=next]").getAttribute("href"), "pseudoinverse/");
    assert.equal(await page.locator(".crumbs a").getAttribute("href"), "./");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
