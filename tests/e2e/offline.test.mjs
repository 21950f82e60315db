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
  // A missing asset is not answered with a page.
  const missing = await page.evaluate(() => fetch("../no-such-script.js").then((r) => `${r.status} ${r.headers.get("content-type")}`, () => "failed"));
  assert.equal(missing, "failed");
  await page.context().close();
});

test("one cache per build and per deployment; a new build deletes the old one", async () => {
  const page = await site.openChapter("determinant", { readout: "det" });
  await page.evaluate(() => navigator.serviceWorker.ready);
  const names = await page.evaluate(() => caches.keys());
  const scope = `${site.base}`;
  const ours = names.filter((n) => n.startsWith(`linalg-live ${scope} `));
  assert.equal(ours.length, 1, JSON.stringify(names));
  assert.match(ours[0], /^linalg-live \S+ [0-9a-f]{8,16}$/, "named after the build's module hash");
  // An older build's cache of this deployment, and another deployment's: the next activation deletes
  // only the first.
  await page.evaluate(async (s) => {
    await caches.open(`linalg-live ${s} 0000000000000000`);
    await caches.open("linalg-live http://elsewhere/ 1111111111111111");
  }, scope);
  const worker = await page.evaluate(() => fetch("sw.js").then((r) => r.text()));
  assert.match(worker, /const BUILD ?= ?"[0-9a-f]{8,16}"/);
  await page.evaluate(async () => {
    // A new worker script URL makes a new registration step: install and activate again.
    const registration = await navigator.serviceWorker.register("sw.js?again", { scope: "./" });
    await new Promise((done) => {
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (worker.state === "activated") return done();
      worker.addEventListener("statechange", () => worker.state === "activated" && done());
    });
  });
  const after = await page.evaluate(() => caches.keys());
  assert.ok(!after.includes(`linalg-live ${scope} 0000000000000000`), JSON.stringify(after));
  assert.ok(after.includes("linalg-live http://elsewhere/ 1111111111111111"), JSON.stringify(after));
  await page.context().close();
});
