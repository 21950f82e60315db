// The landing page, end to end: every syllabus card shows its chapter's default figure, drawn by the
// renderer as an SVG picture in the theme in effect (light, dark, or the picker's choice), decorative,
// crisp at the size shown, and quick to draw.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./harness.mjs";

const site = useSite();
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
/** The twelve figures, on a machine shared with other work, must take less than this (ms). */
const BUDGET_MS = 1500;

/** Opens the landing page and waits until the twelve cards' figures are drawn. */
async function landing(options) {
  const page = await site.openPage(site.url(""), options);
  await page.waitForSelector(".syllabus[data-figures-ms]", { state: "attached", timeout: 15000 });
  return page;
}

/** For each card: its link, and the figure shown (the visible picture), loaded and sized. */
function cards(page) {
  return page.locator(".syllabus li").evaluateAll((items) =>
    items.map((li) => {
      const shown = [...li.querySelectorAll("img.card-figure")].filter((img) => getComputedStyle(img).display !== "none");
      const img = shown[0];
      const box = img?.getBoundingClientRect();
      return {
        href: li.querySelector("a").getAttribute("href"),
        shown: shown.length,
        theme: img && (img.classList.contains("dark") ? "dark" : "light"),
        src: img?.getAttribute("src")?.slice(0, 26),
        loaded: img ? img.complete && img.naturalWidth > 0 : false,
        natural: img?.naturalWidth,
        alt: img?.getAttribute("alt"),
        width: box?.width,
      };
    }),
  );
}

/** The SVG document of the card for `slug` in the shown theme. */
async function svgOf(page, slug) {
  const src = await page.locator(`.syllabus li:has(a[href="${slug}/"]) img.card-figure`).evaluateAll((imgs) =>
    imgs.find((img) => getComputedStyle(img).display !== "none").getAttribute("src"),
  );
  return Buffer.from(src.split(",")[1], "base64").toString("utf8");
}

describe("landing page figures", () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const colorScheme of ["light", "dark"]) {
      test(`${size}, ${colorScheme}: all twelve cards show their chapter's figure`, async () => {
        const page = await landing({ viewport, colorScheme });
        const found = await cards(page);
        assert.equal(found.length, 12);
        for (const card of found) {
          assert.equal(card.shown, 1, `${card.href}: one picture shown`);
          assert.equal(card.theme, colorScheme, `${card.href}: the ${colorScheme} picture`);
          assert.equal(card.src, "data:image/svg+xml;base64,", card.href);
          assert.ok(card.loaded, `${card.href}: the picture decodes`);
          assert.equal(card.alt, "", `${card.href}: decorative`);
          // Small, and drawn larger than shown (an SVG stays crisp at any device pixel ratio).
          assert.ok(card.width >= 80 && card.width <= 128 && card.natural >= card.width, `${card.href}: ${card.width} px`);
        }
        // Each is that chapter's figure: the multiplication card has v and Av, the norms card its balls.
        const mult = await svgOf(page, "multiplication");
        assert.match(mult, />Av</);
        assert.match(await svgOf(page, "norms"), /‖v‖₁ = 7/);
        const background = colorScheme === "dark" ? "#1c1c21" : "#ffffff";
        assert.match(mult, new RegExp(`<rect [^>]*fill="${background}"`), "drawn in the theme's colours");
        const ms = Number(await page.locator(".syllabus").getAttribute("data-figures-ms"));
        console.log(`# ${size} ${colorScheme}: the twelve figures (both themes) took ${ms} ms`);
        assert.ok(ms < BUDGET_MS, `${ms} ms`);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });
    }
  }

  test("the theme picker's choice shows the matching pictures, and a card's figure opens its chapter", async () => {
    const page = await landing({ viewport: SIZES.desktop, colorScheme: "light" });
    await page.selectOption(".theme-picker select", "dark");
    assert.deepEqual([...new Set((await cards(page)).map((c) => c.theme))], ["dark"]);
    await page.selectOption(".theme-picker select", "light");
    assert.deepEqual([...new Set((await cards(page)).map((c) => c.theme))], ["light"]);
    // The card leads to the chapter's static page.
    await page.locator('.syllabus li:has(a[href="determinant/"]) img.card-figure.light').click({ force: true });
    await page.waitForSelector("[data-readout][data-value]");
    assert.match(page.url(), /\/determinant\/(#\?|$)/);
    await page.context().close();
  });
});
