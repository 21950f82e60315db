// Takes screenshots of the built site at phone and desktop sizes, light and dark:
//   node tests/e2e/screenshots.mjs [OUTDIR]   (default: tests/e2e/artifacts; needs a built dist/)
import { mkdir } from "node:fs/promises";
import { launch, openPage, readout, serve } from "./harness.mjs";

const out = process.argv[2] ?? new URL("./artifacts", import.meta.url).pathname;
await mkdir(out, { recursive: true });
const { base, close } = await serve();
const browser = await launch();
const routes = [["landing", ""], ["multiplication", "#/multiplication"], ["multiplication-ab", "#/multiplication?view=ab"], ["multiplication-3x2", "#/multiplication?A=1,2;3,4;5,6&v=2,4"]];
for (const [name, hash] of routes) {
  for (const [size, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]]) {
    for (const scheme of ["light", "dark"]) {
      const page = await openPage(browser, `${base}index.html${hash}`, { viewport, colorScheme: scheme, deviceScaleFactor: size === "phone" ? 2 : 1 });
      if (hash) await readout(page, "Av"); else await page.waitForSelector(".syllabus");
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${out}/${name}-${size}-${scheme}.png` });
      if (hash) {
        // The controls, readouts and code under the figure.
        await page.locator(".editors").scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector(".editors").scrollIntoView({ block: "start" }));
        await page.screenshot({ path: `${out}/${name}-${size}-${scheme}-controls.png` });
      }
      if (page.errors.length) console.log(name, size, scheme, "console errors:", page.errors);
      await page.context().close();
    }
  }
}
await browser.close();
await close();
console.log(`screenshots in ${out}`);
