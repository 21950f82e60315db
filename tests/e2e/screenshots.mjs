// Takes screenshots of the built site, every built chapter at phone and desktop sizes, light and dark:
//   node tests/e2e/screenshots.mjs [OUTDIR] [SLUG…]   (default: tests/e2e/artifacts; needs a built dist/)
import { mkdir } from "node:fs/promises";
import { builtChapters, launch, openPage, serve } from "./harness.mjs";

const out = process.argv[2] ?? new URL("./artifacts", import.meta.url).pathname;
await mkdir(out, { recursive: true });
const { base, close } = await serve();
const browser = await launch();
const built = await builtChapters(browser, base);
const wanted = process.argv.slice(3);
const routes = [["landing", ""], ...built.filter((s) => !wanted.length || wanted.includes(s)).map((s) => [s, `#/${s}`])];
for (const [name, hash] of routes) {
  for (const [size, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]]) {
    for (const scheme of ["light", "dark"]) {
      const page = await openPage(browser, `${base}index.html${hash}`, { viewport, colorScheme: scheme, deviceScaleFactor: size === "phone" ? 2 : 1 });
      await page.waitForSelector(hash ? "[data-readout][data-value]" : ".syllabus");
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${out}/${name}-${size}-${scheme}.png` });
      if (hash) {
        // The controls, readouts and code under the figure.
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
