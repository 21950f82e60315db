// Offline: after one visit the service worker serves the site, so a chapter reloads without network.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readout, useSite } from "./harness.mjs";

const site = useSite();

test("a chapter opens offline after one visit", async () => {
  const page = await site.openChapter("svd?A=3,7;5,2", { readout: "singular_values" });
  await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready,
    new Promise((_, fail) => setTimeout(() => fail(new Error("no service worker became ready")), 10000)),
  ]));
  await page.context().setOffline(true);
  await page.goto(site.url("determinant?A=2,1;1,3"));
  await page.reload();
  assert.equal(await readout(page, "det"), 5);
  await page.goto("about:blank");
  await page.goto(site.url("pca"));
  assert.equal((await readout(page, "mean")).length, 2);
  // The explanation, fetched by the single-page route, comes from the cache too.
  await page.locator("article.prose h2").first().waitFor();
  // So does every chapter's static page, which still comes alive.
  await page.goto("about:blank");
  await page.goto(`${site.base}trace/`);
  assert.equal(await readout(page, "trace"), 14);
  assert.ok((await page.locator("article.prose").innerText()).length > 1000);
  await page.context().close();
});
