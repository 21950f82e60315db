// End-to-end, issue 14 "Reading and editing": the figure stays in view while the reader edits at
// 1280×800, undo/redo/reset around a real drag, forgiving entry (typeset minus signs, whole matrices
// typed or pasted into one cell), the math font the site serves, the text near the top on a phone,
// prose links that set the figure in place, Play's pace, the caption during a drag, and compact
// point lists. Real pointer, touch and keyboard input in Debian's headless Chromium; run
// `trunk build --release` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { centre, dragBy, readout, useSite, waitForReadout } from "./harness.mjs";

const site = useSite();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** Opens `#/<hash>` at 1280×800 (or `options`) and waits for `first` to have a value. */
async function open(hash, first, options = {}) {
  const page = await site.openChapter(hash, { readout: first, viewport: DESKTOP, ...options });
  await page.waitForFunction(() => document.querySelector(".caption")?.textContent.trim().length > 0);
  return page;
}

/** The share of the figure's box that is inside the window, from 0 to 1. */
const figureVisible = (page) => page.evaluate(() => {
  const r = document.querySelector(".figure").getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return (w * h) / (r.width * r.height);
});

/** Whether the element is entirely inside the window. */
const inWindow = (page, selector) => page.locator(selector).evaluate((e) => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
});

const cell = (page, input, r, c) => page.locator(`[data-input="${input}"] input[data-row="${r}"][data-col="${c}"]`);

describe("issue 14: the figure stays in view at 1280×800", () => {
  for (const [slug, first] of [["svd", "singular_values"], ["eigendecomposition", "eigenvalues"], ["multiplication", "Av"]]) {
    test(`${slug}: the figure and Play on load, and ≥ 90 % of the figure while editing, scrolling and reading`, async () => {
      const page = await open(slug, first);
      assert.equal(await figureVisible(page), 1, "the whole figure on load");
      assert.ok(await inWindow(page, ".timeline .play"), "Play on load");
      assert.ok(await inWindow(page, ".figure-tools"), "the toolbar on load");
      // Click the first cell of A and type in it with the keyboard.
      await cell(page, "A", 0, 0).click();
      assert.ok((await figureVisible(page)) >= 0.9, `editing: ${await figureVisible(page)}`);
      await page.keyboard.press("End");
      await page.keyboard.type("1");
      await page.keyboard.press("Tab");
      await page.waitForTimeout(100);
      assert.ok((await figureVisible(page)) >= 0.9, `after typing: ${await figureVisible(page)}`);
      // The last result, scrolled to; then the text scrolled by the wheel, far down.
      await page.locator("[data-readout]").last().scrollIntoViewIfNeeded();
      assert.ok((await figureVisible(page)) >= 0.9, `reading results: ${await figureVisible(page)}`);
      const prose = await page.locator(".prose").boundingBox();
      await page.mouse.move(prose.x + 100, 400);
      // To the very end of the page, where the text, the links to the next chapter and the footer end.
      await page.mouse.wheel(0, 20000);
      await page.waitForTimeout(300);
      assert.ok(await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2), "the text scrolled to its end");
      assert.ok((await figureVisible(page)) >= 0.9, `reading the text: ${await figureVisible(page)}`);
      assert.ok(await inWindow(page, ".timeline .play"), "Play stays in view");
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});

describe("issue 14: undo, redo and reset", () => {
  test("around a real pointer drag: buttons and keys, the address follows, Back keeps its meaning", async () => {
    const page = await open("multiplication?v=1,1", "Av");
    const undo = page.locator(".figure-tools .undo"), redo = page.locator(".figure-tools .redo"), reset = page.locator(".figure-tools .reset");
    assert.equal(await undo.getAttribute("aria-disabled"), "true");
    assert.equal(await redo.getAttribute("aria-disabled"), "true");
    const [x, y] = centre(await page.locator("[data-handle=v]").boundingBox());
    await dragBy(page, [x, y], [60, -60], 12);
    const moved = await waitForReadout(page, "v", (v) => v[0] !== 1);
    await page.waitForFunction(() => document.querySelector(".undo").getAttribute("aria-disabled") === "false");
    await page.waitForFunction((v) => location.hash.includes(`v=${v}`), moved.join(","));
    // One drag is one step.
    await undo.click();
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] === 1), [1, 1]);
    await page.waitForFunction(() => location.hash.includes("v=1,1"));
    assert.equal(await undo.getAttribute("aria-disabled"), "true");
    await redo.click();
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] !== 1), moved);
    // The keys, with the focus on the figure's handle, not in a text field.
    await page.locator("[data-handle=v]").focus();
    await page.keyboard.press("Control+z");
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] === 1), [1, 1]);
    await page.keyboard.press("Control+Shift+z");
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] !== 1), moved);
    // In a cell, Ctrl+Z is the field's own undo: the page's state stays.
    await cell(page, "w", 0, 0).click();
    await page.keyboard.press("Control+z");
    await page.waitForTimeout(150);
    assert.deepEqual(await readout(page, "v"), moved);
    // Reset: the chapter's default, itself a step that Undo takes back.
    await reset.click();
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] === 5), [5, 2]);
    await page.waitForFunction(() => location.hash.endsWith("v=5,2&w=2,6"));
    assert.equal(await reset.getAttribute("aria-disabled"), "true");
    await undo.click();
    assert.deepEqual(await waitForReadout(page, "v", (v) => v[0] !== 5), moved);
    // Back still leaves the page (undo never wrote history entries).
    await page.evaluate(() => { location.hash = "#/"; });
    await page.waitForSelector(".syllabus");
    await page.goBack();
    await page.waitForSelector("[data-readout=v]", { state: "attached" });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("issue 14: forgiving entry", () => {
  const cases = [
    ["\u22125", [[-5, 3], [6, 5]]],
    ["\u2013 2.5", [[-2.5, 3], [6, 5]]],
    ["[[1, 2], [3, 4]]", [[1, 2], [3, 4]]],
    ["1 2; 3 4", [[1, 2], [3, 4]]],
    ["np.array([[1, 2, 3], [4, 5, 6]])", [[1, 2, 3], [4, 5, 6]]],
  ];
  for (const [text, want] of cases) {
    test(`"${text}" typed into a cell of A gives ${JSON.stringify(want)}`, async () => {
      const page = await open("multiplication", "Av");
      await cell(page, "A", 0, 0).click();
      await page.keyboard.press("Control+a");
      await page.keyboard.type(text);
      await page.keyboard.press("Enter");
      assert.deepEqual(await waitForReadout(page, "A", (A) => JSON.stringify(A) === JSON.stringify(want)), want);
      assert.ok(await page.locator('[data-input="A"] .cell-error').isHidden());
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test("while a matrix is typed, nothing of it is used; a refused one says why and keeps A", async () => {
    const page = await open("determinant", "det");
    const before = await readout(page, "A");
    await cell(page, "A", 0, 0).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("1 2 3; 4");
    await page.waitForTimeout(150);
    assert.deepEqual(await readout(page, "A"), before, "the first keystroke's 1 is not kept");
    await page.keyboard.type(" 5 6");
    await page.keyboard.press("Enter");
    // While typing the message invites Enter; after it, it says why the matrix is refused.
    await page.locator('[data-input="A"] .cell-error', { hasText: "square" }).waitFor();
    assert.deepEqual(await readout(page, "A"), before);
    await page.context().close();
  });

  test("spreadsheet rows pasted into a cell replace the matrix", async () => {
    const page = await open("multiplication", "Av", { permissions: ["clipboard-read", "clipboard-write"] });
    await page.evaluate(() => navigator.clipboard.writeText("1\t2\t3\r\n4\t5\t6\r\n"));
    await cell(page, "A", 1, 1).click();
    await page.keyboard.press("Control+v");
    assert.deepEqual(await waitForReadout(page, "A", (A) => A[0].length === 3), [[1, 2, 3], [4, 5, 6]]);
    await page.context().close();
  });
});

describe("issue 14: textbook maths", () => {
  test("every <math> is set in the site's own STIX Two Math, under the page's CSP", async () => {
    const page = await open("svd", "singular_values");
    await page.evaluate(() => document.fonts.ready);
    const font = await page.evaluate(async () => {
      const math = document.querySelector(".prose math");
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "STIX Two Math");
      const loaded = await Promise.all(faces.map((f) => f.load().then(() => f.status, () => "error")));
      const requests = performance.getEntriesByType("resource").filter((e) => e.name.includes(".woff2")).map((e) => e.name);
      return { family: getComputedStyle(math).fontFamily, loaded, requests, check: document.fonts.check('20px "STIX Two Math"', "𝒙𝗔∑") };
    });
    assert.match(font.family, /^"?STIX Two Math"?/);
    assert.deepEqual(font.loaded, ["loaded"]);
    assert.ok(font.check);
    assert.ok(font.requests.length > 0 && font.requests.every((u) => u.startsWith(site.base) && u.endsWith("fonts/stix-two-math.woff2")), font.requests.join(" "));
    assert.deepEqual(page.errors, [], "no CSP refusal");
    await page.context().close();
  });

  test("the font holds every character inside <math> in the prose", () => {
    const have = new Set(readFileSync(new URL("../../static/fonts/stix-two-math.txt", import.meta.url), "utf8").split("\n").filter(Boolean));
    const missing = new Set();
    const dir = new URL("../../src/chapters/", import.meta.url);
    const chapters = readdirSync(dir).filter((name) => existsSync(new URL(`${name}/prose.html`, dir)));
    assert.equal(chapters.length, 12);
    for (const name of chapters.map((c) => [c, c])) {
      const prose = readFileSync(new URL(`${name[1]}/prose.html`, dir), "utf8");
      for (const [, math] of prose.matchAll(/<math\b[^>]*>([\s\S]*?)<\/math>/g)) {
        const text = math.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
        for (const ch of text) {
          if (/\s/.test(ch) && ch !== "\u00a0") continue;
          const code = `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
          if (!have.has(code)) missing.add(`${ch} ${code} (${name[1]})`);
        }
      }
    }
    assert.deepEqual([...missing], [], "run scripts/subset-math-font.sh");
  });
});

describe("issue 14: phones", () => {
  test("svd at 390×844: figure, then its results, then the text within two screens; sections open by touch", async () => {
    const page = await open("svd", "singular_values", PHONE);
    const top = await page.evaluate(() => document.querySelector(".prose p").getBoundingClientRect().top + scrollY);
    assert.ok(top < 2 * 844, `the text starts ${top} px down`);
    const figure = await page.locator(".figure").boundingBox();
    assert.ok(figure.y + figure.height < 844, "the figure is on the first screen");
    // The editors are a section the reader opens (a tap, or Enter on its heading).
    assert.ok(await cell(page, "A", 0, 0).isHidden());
    await page.locator(".inputs > summary").tap();
    await cell(page, "A", 0, 0).waitFor({ state: "visible" });
    await page.locator(".code-panel > summary").focus();
    await page.keyboard.press("Enter");
    await page.locator(".code-panel pre").waitFor({ state: "visible" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scroll: ${overflow}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("issue 14: links in the prose set the figure", () => {
  test("a same-chapter link applies in place (no remount), scrolls the figure into view and is undoable", async () => {
    const page = await open("multiplication", "Av", PHONE);
    const start = await readout(page, "A");
    // The link as the prose writes them, at the end of the text, far below the figure.
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.innerHTML = '<a id="set" href="#/multiplication?A=1,2;3,4&amp;v=1,0">this example</a> · <a id="bad" href="#/multiplication?A=1,x">a broken one</a> · <a id="other" href="#/svd?A=1,2;3,4">the SVD</a>';
      document.querySelector(".prose").append(p);
      document.querySelector("canvas").dataset.mark = "first";
    });
    await page.locator("#set").scrollIntoViewIfNeeded();
    assert.ok((await figureVisible(page)) === 0, "the figure is out of view");
    const entries = await page.evaluate(() => history.length);
    await page.locator("#set").tap();
    assert.deepEqual(await waitForReadout(page, "A", (A) => A[0][1] === 2), [[1, 2], [3, 4]]);
    assert.deepEqual(await readout(page, "Av"), [1, 3]);
    assert.equal(await page.locator("canvas").getAttribute("data-mark"), "first", "the same page, not a new one");
    await page.waitForFunction(() => location.hash === "#/multiplication?A=1,2;3,4&B=5,3;2,2&v=1,0&w=2,6");
    assert.equal(await page.evaluate(() => history.length), entries + 1, "a history entry, as a link makes");
    await page.waitForTimeout(100);
    assert.ok((await figureVisible(page)) >= 0.9, `the figure was brought into view: ${await figureVisible(page)}`);
    // Undo takes the link back.
    await page.locator(".figure-tools .undo").tap();
    assert.deepEqual(await waitForReadout(page, "A", (A) => A[0][1] !== 2), start);
    // A refused link says why next to the figure and keeps the state.
    await page.locator("#bad").scrollIntoViewIfNeeded();
    await page.locator("#bad").tap();
    const alert = page.locator(".link-alert[role=alert]");
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /Parameter A/);
    assert.deepEqual(await readout(page, "A"), start);
    // A link to another chapter opens that chapter.
    await page.locator("#other").scrollIntoViewIfNeeded();
    await page.locator("#other").tap();
    await page.waitForFunction(() => location.hash.startsWith("#/svd"));
    await page.waitForSelector("[data-readout=singular_values][data-value]", { state: "attached" });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("issue 14: small things", () => {
  test("Play takes at least 1.5 s a stage", async () => {
    const page = await open("eigendecomposition", "eigenvalues");
    const play = page.locator(".timeline .play");
    const stages = await page.locator(".stages li").count();
    assert.ok(stages >= 1);
    const t0 = Date.now();
    await play.click();
    await page.waitForFunction(() => document.querySelector(".timeline .play").textContent.includes("Pause"));
    await page.waitForFunction(() => document.querySelector(".timeline .play").textContent.includes("Play"), null, { timeout: 20000 });
    const took = Date.now() - t0;
    assert.ok(took >= 1500 * stages, `${stages} stage(s) in ${took} ms`);
    await page.context().close();
  });

  test("the caption follows the figure during a drag; the spoken summary waits for the release", async () => {
    const page = await open("multiplication?v=1,1", "Av");
    const caption = await page.locator(".caption").textContent();
    const summary = await page.locator(".summary").textContent();
    const [x, y] = centre(await page.locator("[data-handle=v]").boundingBox());
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) await page.mouse.move(x + 10 * k, y - 8 * k);
    await page.waitForFunction((c) => document.querySelector(".caption").textContent !== c, caption, { timeout: 3000 });
    assert.equal(await page.locator(".summary").textContent(), summary, "the live region is quiet mid-drag");
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector(".summary").textContent === document.querySelector(".caption").textContent);
    await page.context().close();
  });

  test("a drag writes the address once, when it ends; the handle's button then names the new value", async () => {
    const page = await open("multiplication?v=1,1", "Av");
    const hash = await page.evaluate(() => location.hash);
    const [x, y] = centre(await page.locator("[data-handle=v]").boundingBox());
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) await page.mouse.move(x + 10 * k, y - 8 * k);
    // The readouts follow the drag while the address waits (it used to be written four times a second).
    await waitForReadout(page, "Av", (Av) => Av[0] !== 5 || Av[1] !== 11);
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => location.hash), hash, "the address waits for the release");
    // The words owed for the last move came on their own while the pointer held still.
    const held = await readout(page, "Av");
    await page.mouse.up();
    await page.waitForFunction((h) => location.hash !== h, hash);
    const v = (await page.evaluate(() => decodeURIComponent(location.hash))).match(/[?&]v=([^&]+)/)[1].split(",").map(Number);
    assert.ok(v[0] > 1 && v[1] > 1, `v = ${v}`);
    assert.deepEqual(await readout(page, "Av"), [2 * v[0] + 3 * v[1], 6 * v[0] + 5 * v[1]]);
    assert.deepEqual(held, await readout(page, "Av"), "the readouts showed the last move before the release");
    const button = page.locator("[data-handle=v]");
    assert.deepEqual([Number(await button.getAttribute("data-x")), Number(await button.getAttribute("data-y"))], v);
    assert.ok((await button.getAttribute("aria-label")).startsWith(`v = (${v.join(", ")}).`));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a dragged point stays under the pointer while the caption under the figure changes length", async () => {
    // Tensors' figure gives up height to four choices: the caption's length must not rescale it mid-drag.
    const page = await open("tensors", "broadcast_sum");
    await page.locator(".figure-tools .check input").uncheck();
    const height = (await page.locator(".figure").boundingBox()).height;
    const name = "b";
    const [x, y] = centre(await page.locator(`[data-handle="${name}"]`).boundingBox());
    await page.mouse.move(x, y);
    await page.mouse.down();
    const path = [[-40, -30], [-90, -60], [-140, -20], [-60, 40]];
    for (const [dx, dy] of path) {
      await page.mouse.move(x + dx, y + dy, { steps: 4 });
      // The button follows a drag five times a second (the ring on the canvas every frame): it lands
      // where the point is, which must be under the pointer.
      const off = () => page.evaluate(([name, px, py]) => {
        const r = document.querySelector(`[data-handle="${name}"]`).getBoundingClientRect();
        return Math.hypot(r.x + r.width / 2 - px, r.y + r.height / 2 - py);
      }, [name, x + dx, y + dy]);
      const deadline = Date.now() + 1000;
      let d = await off();
      while (d >= 3 && Date.now() < deadline) {
        await page.waitForTimeout(20);
        d = await off();
      }
      assert.ok(d < 3, `under the pointer at (${dx}, ${dy}): off by ${d}`);
      assert.equal((await page.locator(".figure").boundingBox()).height, height, "the figure keeps its height mid-drag");
    }
    await page.mouse.up();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("svd's picture tab offers no snapping (nothing to drag)", async () => {
    const page = await open("svd?tab=image", "singular_values");
    assert.ok(await page.locator(".figure-tools .check").isHidden());
    const map = await open("svd", "singular_values");
    assert.ok(await map.locator(".figure-tools .check").isVisible());
    await page.context().close();
    await map.context().close();
  });

  test("PCA's 30 points are a compact table that scrolls, with row numbers", async () => {
    const page = await open("pca", "components");
    const box = page.locator('[data-input="P"] .cells-scroll');
    const size = await box.evaluate((e) => ({ client: e.clientHeight, scroll: e.scrollHeight }));
    assert.ok(size.client <= 260 && size.scroll > size.client * 2, JSON.stringify(size));
    assert.equal(await page.locator('[data-input="P"] .row-number').count(), 30);
    // Editing a point far down the list works as anywhere else.
    await cell(page, "P", 29, 1).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("\u22121");
    await page.keyboard.press("Enter");
    await waitForReadout(page, "P", (P) => P[29][1] === -1);
    await page.context().close();
  });
});
