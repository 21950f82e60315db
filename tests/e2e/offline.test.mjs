// Offline: after one visit the service worker serves the site, so a chapter reloads without network.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, readout, serve } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("a chapter opens offline after one visit", async () => {
  const page = await openPage(browser, `${server.base}index.html#/svd?A=3,7;5,2`);
  await readout(page, "singular_values");
  await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready,
    new Promise((_, fail) => setTimeout(() => fail(new Error("no service worker became ready")), 10000)),
  ]));
  await page.context().setOffline(true);
  await page.goto(`${server.base}index.html#/determinant?A=2,1;1,3`);
  await page.reload();
  assert.equal(await readout(page, "det"), 5);
  await page.goto("about:blank");
  await page.goto(`${server.base}index.html#/pca`);
  assert.equal((await readout(page, "mean")).length, 2);
  await page.context().close();
});
