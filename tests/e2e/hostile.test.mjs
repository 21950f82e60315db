// Hostile links: every built chapter opened with a corpus of malformed and malicious parameter values.
// Each must show an alert, keep every readout finite or null, log no console error, and run nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./harness.mjs";

const CORPUS = [
  "<img src=x onerror=window.pwned=1>",
  '"><script>window.pwned=1</script>',
  "javascript:window.pwned=1",
  "NaN", "inf", "-Infinity", "1e400", "1/2", "0x10", ",,", "1,2;3", "", " ",
  "1".repeat(70),
  "1,".repeat(20) + "1",
  Array(70).fill("1").join(";"),
];
const PARAMS = ["A", "B", "v", "w", "b", "P", "p", "s", "view", "order"];

const site = useSite({ built: true });

test("the shipped page has a strict Content-Security-Policy", async () => {
  const page = await site.openPage(`${site.base}index.html`);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  // An inline script injected now is refused by the policy.
  await page.evaluate(() => { const s = document.createElement("script"); s.textContent = "window.pwned = 1"; document.body.append(s); });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});

// Opens a link and waits for its readouts. One load in several thousand once stalled in CI (no
// readouts for 30 s, not reproducible with the same build): a stalled load is reported and tried once
// more, and a second stall fails the test.
async function openWithReadouts(page, url, where) {
  for (let attempt = 1; ; attempt++) {
    page.errors = [];
    await page.goto("about:blank");
    await page.goto(url);
    try {
      await page.waitForSelector("[data-readout][data-value]", { timeout: 15000 });
      return;
    } catch (e) {
      const state = await page.evaluate(() => ({ ready: document.readyState, app: document.querySelector("#app")?.textContent.slice(0, 120) })).catch(() => ({}));
      if (attempt === 2) throw new Error(`${where}: no readouts after two loads (${JSON.stringify(state)}, errors ${JSON.stringify(page.errors)})`, { cause: e });
      console.log(`# ${where}: no readouts after 15 s (${JSON.stringify(state)}, errors ${JSON.stringify(page.errors)}); loading once more`);
    }
  }
}

test("malformed and malicious links never break a chapter", async () => {
  const page = await site.openPage("about:blank");
  for (const slug of site.built) {
    for (const value of CORPUS) {
      // As typed (only # and & escaped) and fully %-encoded; once when the two are the same text.
      const forms = [...new Set([value.replace(/[#&]/g, encodeURIComponent), encodeURIComponent(value)])];
      for (const [i, encoded] of forms.entries()) {
        const raw = i === 0;
        const query = PARAMS.map((p) => `${p}=${encoded}`).join("&");
        const where = `${slug} ← ${JSON.stringify(value)}${raw ? " (raw)" : ""}`;
        await openWithReadouts(page, site.url(`${slug}?${query}`), where);
        assert.ok(await page.locator(".url-alert").isVisible(), `${where}: no alert`);
        const bad = await page.evaluate(() => [...document.querySelectorAll("[data-readout]")]
          .map((e) => e.dataset.value).filter((v) => v === undefined || /NaN|Infinity/.test(v)));
        assert.deepEqual(bad, [], `${where}: non-finite readouts`);
        assert.equal(await page.evaluate(() => window.pwned), undefined, `${where}: injected code ran`);
        assert.equal(await page.locator("#app img, #app script").count(), 0, `${where}: markup injected`);
        assert.deepEqual(page.errors.filter((e) => !e.includes("Content Security Policy")), [], `${where}: console errors`);
      }
    }
  }
  await page.context().close();
});
