// The page contract, for every chapter the landing page links to (so it grows as chapters land):
// default state, every contract readout with a JSON data-value, a canvas, a handle that a real drag
// and the arrow keys both move (changing a readout), no console errors, and every numpy oracle case
// of the chapter through the URL and data-value.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CHAPTERS, centre, dragPath, readoutValues as values, snapshot, useSite, waitForSnapshotChange } from "./harness.mjs";

const READOUTS = {
  tensors: ["shape", "transpose", "scaled", "broadcast_sum"],
  multiplication: ["Av", "AB", "dot"],
  inverse: ["inverse", "solution"],
  span: ["rank", "independent", "in_span"],
  norms: ["l0", "l1", "l2", "linf", "lp", "frobenius"],
  "special-matrices": ["symmetric", "diagonal", "orthogonal"],
  eigendecomposition: ["eigenvalues", "eigenvectors"],
  svd: ["singular_values", "U", "V"],
  pseudoinverse: ["pinv", "fit"],
  trace: ["trace"],
  determinant: ["det"],
  pca: ["mean", "components", "explained_variance", "explained_variance_ratio"],
};
const fixture = JSON.parse(readFileSync(new URL("../fixtures/numpy-oracle.json", import.meta.url)));

// Every chapter of the README's table; one that the landing page does not link yet is skipped.
const site = useSite({ built: true });

function agrees(mode, got, want, tol) {
  const num = (x, y) => {
    if (typeof y === "object" && y !== null || typeof x === "object" && x !== null) {
      const [xr, xi] = typeof x === "object" && x !== null ? [x.re, x.im] : [x, 0];
      const [yr, yi] = typeof y === "object" && y !== null ? [y.re, y.im] : [y, 0];
      return num(xr, yr) && num(xi, yi);
    }
    if (typeof x !== "number" || typeof y !== "number") return x === y;
    return Math.abs(x - y) <= tol.abs + tol.rel * Math.abs(y);
  };
  const deep = (x, y) => Array.isArray(y) ? Array.isArray(x) && x.length === y.length && x.every((v, i) => deep(v, y[i])) : num(x, y);
  const T = (m) => m[0].map((_, c) => m.map((r) => r[c]));
  switch (mode) {
    case "exact": return JSON.stringify(got) === JSON.stringify(want) || (typeof got === "number" && got === want);
    case "num": return deep(got, want);
    case "set": {
      if (!Array.isArray(got) || got.length !== want.length) return false;
      const left = [...got];
      return want.every((w) => { const i = left.findIndex((g) => num(g, w)); return i >= 0 && left.splice(i, 1); });
    }
    case "rows_sign": case "cols_sign": {
      if (!Array.isArray(got) || !got.length) return false;
      const [G, W] = mode === "rows_sign" ? [got, want] : [T(got), T(want)];
      return G.length === W.length && G.every((g, i) => deep(g, W[i]) || deep(g.map((v) => -v), W[i]));
    }
  }
  return false;
}

describe("page contract", () => {
  test("at least one chapter is built", () => assert.ok(site.built.length >= 1));

  for (const slug of CHAPTERS) {
    test(`${slug}: readouts, handles, keyboard, oracle`, async (t) => {
      if (!site.built.includes(slug)) return t.skip("not built yet");
      const page = await site.openChapter(slug);
      for (const [name, v] of Object.entries(await values(page, READOUTS[slug]))) {
        assert.notEqual(v, undefined, `${slug}: readout ${name}`);
        assert.ok(!JSON.stringify(v).includes("NaN"), `${slug}: ${name} is ${v}`);
      }
      assert.equal(await page.locator("canvas").count() >= 1, true, "a canvas");

      const handle = page.locator("[data-handle]").first();
      const box = await handle.boundingBox();
      assert.ok(box, `${slug}: a visible [data-handle]`);
      let before = await snapshot(page);
      await dragPath(page, centre(box), [[15, -10], [30, -20], [40, -25], [60, -40]]);
      await waitForSnapshotChange(page, before).catch(() => assert.fail(`${slug}: dragging ${box} changed no readout`));

      before = await snapshot(page);
      await page.locator("[data-handle]").first().focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowUp");
      await waitForSnapshotChange(page, before).catch(() => assert.fail(`${slug}: arrow keys changed no readout`));

      for (const c of fixture.cases.filter((c) => c.page === slug)) {
        const query = Object.entries(c.state).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
        await page.goto("about:blank");
        await page.goto(site.url(`${slug}?${query}`));
        const names = Object.keys(c.expect);
        const got = await values(page, names);
        assert.ok(await page.locator(".url-alert").isHidden(), `${slug} ${query}: the URL was rejected`);
        for (const n of names) {
          assert.ok(agrees(c.compare[n], got[n], c.expect[n], fixture.tolerance),
            `${slug} ${JSON.stringify(c.state)}: ${n} = ${JSON.stringify(got[n])}, numpy ${JSON.stringify(c.expect[n])} (${c.compare[n]})`);
        }
      }
      assert.deepEqual(page.errors, [], `${slug}: console errors`);
      await page.context().close();

      // On a 360 px phone nothing pushes the page sideways, and handles are 44 px touch targets.
      const phone = await site.openChapter(slug, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${slug}: a 360 px page overflows by ${overflow}px`);
      const touch = await phone.locator("[data-handle]").first().boundingBox();
      assert.ok(touch.width >= 44 && touch.height >= 44, `${slug}: touch target ${touch.width}×${touch.height}`);
      await phone.context().close();
    });
  }
});
