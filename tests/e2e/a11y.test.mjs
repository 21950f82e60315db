// Accessibility, end to end, in Debian's headless Chromium: axe-core's WCAG 2 A/AA rules on the landing
// page and every chapter (light and dark, desktop and phone), Chromium's own accessibility tree through
// the DevTools protocol, keyboard focus, reduced motion, and the contrast of the figure's role colours.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { CHAPTERS, centre, drag, readout, useSite, FIGURE_CANVAS } from "./harness.mjs";

const AXE = await readFile(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
const SCHEMES = ["light", "dark"];

const site = useSite();

/** Opens `#/<hash>` in a fresh context and waits until the page is built (the syllabus or a readout). */
async function open(hash, options = {}) {
  const context = await site.browser.newContext({ viewport: SIZES[0], ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(site.url(hash));
  const ready = hash === "" ? ".syllabus" : "[data-readout][data-value]";
  await page.waitForSelector(ready, { state: "attached" });
  if (hash !== "") await page.waitForFunction(() => document.querySelector(".summary")?.textContent.trim().length > 0);
  return page;
}

/** axe-core's violations of WCAG 2.0–2.2 A and AA, one readable line per element. */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    }),
  );
  const lines = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      // Handles sit where the points they move are: two close points overlap, and moving them apart
      // would change the figure (WCAG 2.5.8's "essential" exception). Their own size is checked below.
      if (v.id === "target-size" && node.target.join(" ").includes("data-handle")) continue;
      const why = (node.failureSummary ?? "").split("\n").slice(1).join(" ").trim();
      lines.push(`${v.id} (${v.impact}): ${node.target.join(" ")} — ${why}`);
    }
  }
  return lines;
}

describe("axe-core: WCAG 2 A and AA on every page", () => {
  for (const colorScheme of SCHEMES) {
    for (const viewport of SIZES) {
      test(`${colorScheme}, ${viewport.width}×${viewport.height}: no violations`, async () => {
        const found = [];
        for (const slug of ["", ...CHAPTERS]) {
          // bypassCSP only lets this test add axe's script; the policy itself is tested in hostile.test.mjs.
          const page = await open(slug, { viewport, colorScheme, bypassCSP: true });
          for (const line of await axeViolations(page)) found.push(`#/${slug}: ${line}`);
          await page.context().close();
        }
        assert.deepEqual(found, [], `axe found:\n${found.join("\n")}`);
      });
    }
  }
});

/** Chromium's accessibility node of every element matching `selector`. */
async function axNodes(cdp, selector) {
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
  const out = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    out.push(nodes[0]);
  }
  return out;
}
const prop = (node, name) => node.properties?.find((p) => p.name === name)?.value?.value;
const CONTROL_ROLES = new Set(["button", "textbox", "slider", "combobox", "checkbox", "radio", "tab", "spinbutton", "link", "listbox"]);

describe("Chromium's accessibility tree", () => {
  for (const slug of CHAPTERS) {
    test(`${slug}: named controls, announced handles, a described figure, one live summary`, async () => {
      const page = await open(slug);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Accessibility.enable");

      // Every control has a name.
      const { nodes } = await cdp.send("Accessibility.getFullAXTree");
      const unnamed = nodes
        .filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value) && !(n.name?.value ?? "").trim())
        .map((n) => `${n.role.value} #${n.backendDOMNodeId}`);
      assert.deepEqual(unnamed, [], "controls without an accessible name");

      // The figure is an image with a name, described by the summary.
      const [canvas] = await axNodes(cdp, FIGURE_CANVAS);
      assert.match(canvas.role.value, /^(img|image)$/);
      assert.match(canvas.name.value, /Figure/);
      const summaryText = (await page.locator(".summary").textContent()).trim();
      assert.equal(canvas.description?.value, summaryText, "the canvas is described by the summary");

      // Exactly one polite live region on the page (a closed dialog's own status does not count).
      const live = await page.evaluate(() =>
        [...document.querySelectorAll("[aria-live], [role=status], [role=log], [role=marquee], [role=timer]")]
          .filter((e) => (e.getAttribute("aria-live") ?? "polite") === "polite" && !e.closest("dialog:not([open])"))
          .map((e) => e.className),
      );
      assert.deepEqual(live, ["summary"]);
      const [summaryNode] = await axNodes(cdp, ".summary");
      assert.equal(prop(summaryNode, "live"), "polite");

      // Every handle is a focusable button whose name carries its value.
      const handles = await axNodes(cdp, "[data-handle]");
      assert.ok(handles.length > 0, "the chapter has handles");
      for (const h of handles) {
        assert.equal(h.role.value, "button", h.name?.value);
        assert.equal(prop(h, "focusable"), true, h.name.value);
        assert.match(h.name.value, /\d/, `a handle's name states its value: ${h.name.value}`);
      }
      const first = page.locator("[data-handle]").first();
      const name = async () => (await axNodes(cdp, "[data-handle]"))[0].name.value;
      const before = await name();
      const at = () => page.evaluate(() => ["data-x", "data-y"].map((k) => document.querySelector("[data-handle]").getAttribute(k)).join());
      const was = await at();
      await first.focus();
      const moved = (timeout) =>
        page
          .waitForFunction((was) => ["data-x", "data-y"].map((k) => document.querySelector("[data-handle]").getAttribute(k)).join() !== was, was, { timeout })
          .then(() => true, () => false);
      await page.keyboard.press("ArrowRight");
      // A direction resting on the x-axis (pca's d) turns only with Up and Down.
      if (!(await moved(1000))) {
        await page.keyboard.press("ArrowUp");
        assert.ok(await moved(5000), "an arrow key moves the first handle");
      }
      const afterKey = await name();
      assert.notEqual(afterKey, before, "an arrow key changes the announced value");
      assert.match(afterKey, /\d/);

      // A real drag of the first handle: when it ends, the summary says what the figure shows now.
      await first.blur();
      const said = (await page.locator(".summary").textContent()).trim();
      const box = await first.boundingBox();
      const [px, py] = centre(box);
      await drag(page, [px, py], [px - 70, py + 50], 10);
      await page.waitForFunction((said) => document.querySelector(".summary").textContent.trim() !== said, said, { timeout: 5000 });
      const now = (await page.locator(".summary").textContent()).trim();
      assert.match(now, /^\S.{20,}[.!]$/u, `a sentence: ${now}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test("handles are at least 24 px wide, 44 px on a touch screen", async () => {
    for (const options of [{}, { hasTouch: true, isMobile: true, viewport: SIZES[1] }]) {
      const page = await open("multiplication", options);
      const least = options.hasTouch ? 44 : 24;
      for (const h of await page.locator("[data-handle]").all()) {
        const box = await h.boundingBox();
        assert.ok(box.width >= least && box.height >= least, `${await h.getAttribute("data-handle")}: ${box.width}×${box.height}`);
      }
      await page.context().close();
    }
  });
});

/** What the focused element is, and whether it shows a focus indicator (its own, or its label's). */
function focusState() {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const kind = e.matches("[data-handle]")
    ? "handle"
    : e.matches(".cells input")
      ? "cell"
      : e.matches(".choice input")
        ? "choice"
        : e.matches(".timeline .play")
          ? "play"
          : e.matches(".timeline input[type=range]")
            ? "timeline"
            : e.matches("[role=tab]")
              ? "tab"
              : e.matches(".copy")
                ? "copy"
                : e.tagName.toLowerCase();
  // A visually hidden radio shows its focus on the pill that follows it.
  const shown = kind === "choice" ? e.nextElementSibling : e;
  const s = getComputedStyle(shown);
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  return { kind, ring, what: `${e.tagName.toLowerCase()}.${e.className} ${e.getAttribute("aria-label") ?? e.textContent.slice(0, 20)}` };
}

describe("keyboard", () => {
  test("Tab from the top reaches handles, editors, choices, timeline and code tabs, each with a visible focus ring", async () => {
    const page = await open("multiplication?view=ab");
    await page.locator("body").focus();
    const seen = new Map();
    const noRing = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(focusState);
      if (!state) continue;
      seen.set(state.kind, (seen.get(state.kind) ?? 0) + 1);
      if (!state.ring) noRing.push(state.what);
    }
    for (const kind of ["handle", "cell", "choice", "play", "timeline", "tab", "copy", "button", "a"]) {
      assert.ok(seen.has(kind), `Tab reaches a ${kind}: ${[...seen.keys()]}`);
    }
    assert.deepEqual(noRing, [], "focused elements without a visible indicator");
    await page.context().close();
  });

  test("on every chapter, everything Tab reaches shows a focus indicator", async () => {
    const noRing = [];
    for (const slug of CHAPTERS) {
      const page = await open(slug);
      await page.locator("body").focus();
      for (let i = 0; i < 90; i++) {
        await page.keyboard.press("Tab");
        const state = await page.evaluate(focusState);
        if (state && !state.ring) noRing.push(`${slug}: ${state.what}`);
      }
      await page.context().close();
    }
    assert.deepEqual([...new Set(noRing)], []);
  });

  test("the choices, the timeline and the code tabs work from the keyboard", async () => {
    const page = await open("multiplication?view=ab");
    await page.locator("input[name=choice-order][value=ab]").focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => location.hash.includes("order=ba"));
    await page.locator(".timeline input[type=range]").focus();
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").valueAsNumber === 0);
    await page.locator("[role=tab]", { hasText: "nalgebra" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /nalgebra/.test(document.querySelector(".code-panel code").textContent));
    assert.equal(await page.locator("[role=tab][aria-selected=true]").textContent(), "nalgebra");
    await page.context().close();
  });
});

describe("reduced motion", () => {
  /** The timeline's values while it plays for `ms` after Play is pressed. */
  async function playAndSample(page, ms) {
    // Press Play and sample in the same task, so that a slow test machine cannot miss the motion.
    return page.evaluate(async (ms) => {
      const range = document.querySelector(".timeline input[type=range]");
      document.querySelector(".timeline .play").click();
      const values = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        values.push(range.valueAsNumber);
        await new Promise((ok) => requestAnimationFrame(ok));
      }
      return values;
    }, ms);
  }

  test("Play steps from stage to stage without in-between positions", async () => {
    const page = await open("multiplication?view=ab", { reducedMotion: "reduce" });
    // The timeline rests at the end (2 stages); the first press goes back to the start, the next to
    // the end of stage 1, each at once and then still.
    for (const [press, end] of [[1, 0], [2, 1]]) {
      const values = await playAndSample(page, 1500);
      assert.ok(values.every(Number.isInteger), `press ${press}: only whole stages, got ${[...new Set(values)]}`);
      assert.equal(values.at(-1), end, `press ${press}`);
      assert.equal(await page.locator(".timeline .play").textContent(), "▶ Play", "nothing keeps playing");
    }
    await page.context().close();
  });

  test("without reduced motion the same Play tweens (the check above can fail)", async () => {
    const page = await open("multiplication?view=ab", { reducedMotion: "no-preference" });
    const values = await playAndSample(page, 2500);
    assert.ok(values.some((v) => !Number.isInteger(v)), `intermediate positions: ${[...new Set(values)].slice(0, 10)}`);
    await page.context().close();
  });

  test("switching reduced motion on while the page is open applies to the next Play", async () => {
    const page = await open("multiplication?view=ab", { reducedMotion: "no-preference" });
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.waitForFunction(() => matchMedia("(prefers-reduced-motion: reduce)").matches);
    const values = await playAndSample(page, 1000);
    assert.ok(values.every(Number.isInteger), `only whole stages: ${[...new Set(values)]}`);
    await page.context().close();
  });

  test("no CSS transition or animation runs under prefers-reduced-motion", async () => {
    for (const slug of ["", "multiplication"]) {
      const page = await open(slug, { reducedMotion: "reduce" });
      const moving = await page.evaluate(() =>
        [...document.querySelectorAll("*")]
          .map((e) => [e, getComputedStyle(e)])
          .filter(([, s]) => s.transitionDuration.split(",").some((d) => parseFloat(d) > 0) || s.animationName !== "none")
          .map(([e]) => e.tagName),
      );
      assert.deepEqual(moving, []);
      await page.context().close();
    }
  });
});

// WCAG relative luminance and contrast ratio of two #rrggbb colours.
const channel = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) / 255) + 0.7152 * channel(((n >> 8) & 255) / 255) + 0.0722 * channel((n & 255) / 255);
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("figure colours", () => {
  test("contrast math matches WCAG's reference values", () => {
    assert.equal(contrast("#000000", "#ffffff").toFixed(2), "21.00");
    assert.equal(contrast("#767676", "#ffffff").toFixed(2), "4.54");
  });

  for (const colorScheme of SCHEMES) {
    test(`${colorScheme}: role colours on the canvas keep AA contrast`, async () => {
      const page = await open("multiplication", { colorScheme });
      const vars = await page.evaluate(() => {
        const s = getComputedStyle(document.querySelector(".figure"));
        const names = ["bg", "c-figure-bg", "focus", "c-basis1", "c-basis2", "c-input", "c-image", "c-second", "c-eigen", "c-data", "c-axis", "c-ghost-text"];
        return Object.fromEntries(names.map((n) => [n, s.getPropertyValue(`--${n}`).trim().toLowerCase()]));
      });
      for (const [name, value] of Object.entries(vars)) assert.match(value, /^#[0-9a-f]{6}$/, `--${name}: ${value}`);
      const low = [];
      // Arrows, lines and their labels: labels are text (4.5:1) on the figure; the same colours name
      // the roles in the prose's swatches, on the page background.
      for (const role of ["c-basis1", "c-basis2", "c-input", "c-image", "c-second", "c-eigen", "c-data", "c-axis", "c-ghost-text"]) {
        for (const bg of ["c-figure-bg", "bg"]) {
          const r = contrast(vars[role], vars[bg]);
          if (r < 4.5) low.push(`--${role} ${vars[role]} on --${bg} ${vars[bg]}: ${r.toFixed(2)}`);
        }
      }
      // The focus ring is a non-text indicator: 3:1.
      if (contrast(vars.focus, vars.bg) < 3) low.push(`--focus on --bg: ${contrast(vars.focus, vars.bg).toFixed(2)}`);
      assert.deepEqual(low, []);
      await page.context().close();
    });
  }
});

test("the spoken summary says what a determinant means, in words", async () => {
  const page = await open("determinant?A=0,1;1,0");
  assert.equal(await readout(page, "det"), -1);
  assert.match(await page.locator(".summary").textContent(), /det A = −1: .*orientation flipped/);
  await page.context().close();
});
