// The share dialog, the theme picker and the theme/accent parameters on the site's own pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readout, useSite } from "./harness.mjs";

const site = useSite({ readout: "Av" });
const clipboard = { permissions: ["clipboard-read", "clipboard-write"] };

/** Opens the share dialog from the keyboard. */
async function openDialog(page) {
  await page.locator("button.share").focus();
  await page.keyboard.press("Enter");
  await page.locator("dialog.share-dialog[open]").waitFor();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the dialog opens from the keyboard, copies link, iframe and element code, and Escape returns focus", async () => {
  const page = await site.openChapter("multiplication?A=2,3;6,5&v=1,0", clipboard);
  await page.locator('[data-handle="v"]').focus();
  await page.keyboard.press("ArrowUp");
  await page.waitForFunction(() => location.hash.includes("v=1,1"));
  await openDialog(page);
  // Modal: the focus is inside the dialog.
  assert.ok(await page.evaluate(() => document.activeElement.closest("dialog") !== null));

  await page.getByRole("button", { name: "Copy link" }).click();
  await page.locator(".share-status", { hasText: "Link copied." }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await page.evaluate(() => location.href));
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/index\.html#\/multiplication\?A=2,3;6,5&B=5,3;2,2&v=1,1&w=2,6$/);

  await page.getByRole("button", { name: "Copy iframe code" }).click();
  await page.locator(".share-status", { hasText: "Iframe code copied." }).waitFor();
  const iframe = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(iframe.startsWith(`<iframe src="${link.replaceAll("&", "&amp;")}&amp;embed=1"`), iframe);
  assert.ok(iframe.includes(`if (event.origin !== "${new URL(site.base).origin}") return;`), iframe);

  await page.getByRole("button", { name: "Copy element code" }).click();
  await page.locator(".share-status", { hasText: "Element code copied." }).waitFor();
  const element = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(element, `<script type="module" src="${site.base}linalg-figure.js"></script>\n`
    + `<linalg-figure chapter="multiplication" state="A=2,3;6,5&amp;B=5,3;2,2&amp;v=1,1&amp;w=2,6"></linalg-figure>\n`);

  await page.keyboard.press("Escape");
  await page.locator("dialog.share-dialog[open]").waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.className), "share");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a refused clipboard leaves the text selected in its field", async () => {
  const page = await site.openPage("about:blank");
  await page.addInitScript(() => {
    Clipboard.prototype.writeText = () => Promise.reject(new DOMException("refused", "NotAllowedError"));
  });
  await page.goto(site.url("svd?A=3,7;5,2"));
  await readout(page, "rank");
  await openDialog(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.locator(".share-status", { hasText: "press Ctrl+C" }).waitFor();
  const selected = await page.evaluate(() => {
    const area = document.activeElement;
    return area.tagName === "TEXTAREA" && area.selectionStart === 0 && area.selectionEnd === area.value.length && area.value;
  });
  assert.match(selected, /#\/svd\?A=3,7;5,2$/);
  await page.context().close();
});

test("the PNG is the canvas at device resolution; the SVG parses and draws the arrows", async () => {
  const page = await site.openChapter("multiplication", { deviceScaleFactor: 2, acceptDownloads: true });
  await openDialog(page);
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  assert.equal(png.suggestedFilename(), "linalg-live-multiplication.png");
  const size = pngSize(await readFile(await png.path()));
  const canvas = await page.evaluate(() => {
    const c = document.querySelector(".figure canvas");
    return { width: c.width, height: c.height, css: c.clientWidth, dpr: devicePixelRatio };
  });
  assert.equal(canvas.dpr, 2);
  assert.deepEqual(size, { width: canvas.width, height: canvas.height });
  assert.ok(Math.abs(size.width - canvas.css * 2) <= 1, `${size.width} px for a ${canvas.css} px canvas`);
  // The picture has the figure's background (the canvas alone is transparent there).
  const corner = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const c = document.createElement("canvas");
    c.width = image.naturalWidth;
    c.height = image.naturalHeight;
    const ctx = c.getContext("2d");
    ctx.drawImage(image, 0, 0);
    return [...ctx.getImageData(2, 2, 1, 1).data];
  }, (await readFile(await png.path())).toString("base64"));
  assert.deepEqual(corner, [255, 255, 255, 255]);

  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  assert.equal(svg.suggestedFilename(), "linalg-live-multiplication.svg");
  const text = await readFile(await svg.path(), "utf8");
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      root: doc.documentElement.localName,
      width: Number(doc.documentElement.getAttribute("width")),
      paths: doc.querySelectorAll("path").length,
      labels: [...doc.querySelectorAll("text")].map((t) => t.textContent),
      background: doc.querySelector("rect").getAttribute("fill"),
    };
  }, text);
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, "svg");
  assert.equal(parsed.width, canvas.css);
  assert.ok(parsed.paths > 10, `${parsed.paths} paths`);
  assert.ok(parsed.labels.includes("Av"), JSON.stringify(parsed.labels));
  assert.equal(parsed.background, "#ffffff");
  await page.context().close();
});

test("on a 1× screen the PNG is still drawn at twice the figure's size", async () => {
  const page = await site.openChapter("determinant", { readout: "det", deviceScaleFactor: 1, acceptDownloads: true });
  await openDialog(page);
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  const size = pngSize(await readFile(await png.path()));
  const css = await page.evaluate(() => [document.querySelector(".figure canvas").clientWidth, document.querySelector(".figure canvas").width]);
  assert.equal(css[1], css[0], "the page's own canvas is at 1×");
  assert.ok(Math.abs(size.width - 2 * css[0]) <= 1, `${size.width} px for a ${css[0]} px figure`);
  await page.context().close();
});

test("ticking the parts reshapes both embed snippets and previews their height", async () => {
  const page = await site.openChapter("svd?A=3,7;5,2", { readout: "rank" });
  await openDialog(page);
  const iframe = page.locator(".share-dialog textarea.code").nth(0);
  const element = page.locator(".share-dialog textarea.code").nth(1);
  const size = page.locator(".share-size");
  assert.doesNotMatch(await iframe.inputValue(), /show=/, "the embed's default parts need no show=");
  const tall = Number((await size.textContent()).match(/About (\d+) px/)[1]);
  for (const part of ["controls", "readouts"]) await page.locator(`.share-parts input[value="${part}"]`).uncheck();
  assert.match(await iframe.inputValue(), /embed=1&amp;show=figure"/);
  assert.match(await element.inputValue(), /show="figure"/);
  const short = Number((await size.textContent()).match(/About (\d+) px/)[1]);
  assert.ok(short < tall && short <= 760, `figure alone: about ${short} px (all three: ${tall} px)`);
  await page.locator('.share-parts input[value="text"]').check();
  assert.match(await iframe.inputValue(), /show=figure,text"/);
  assert.match(await element.inputValue(), /show="figure"/, "the element leaves the text out");
  await page.locator('.share-parts input[value="figure"]').uncheck();
  await page.locator('.share-parts input[value="text"]').uncheck();
  assert.match(await size.textContent(), /at least one part/);
  await page.context().close();
});

test("a picture in the figure goes into the SVG as an embedded PNG that decodes", async () => {
  const page = await site.openChapter("svd?tab=image", { readout: "singular_values", acceptDownloads: true });
  await openDialog(page);
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  const text = await readFile(await svg.path(), "utf8");
  const images = await page.evaluate(async (source) => {
    const doc = new DOMParser().parseFromString(source, "image/svg+xml");
    const sizes = [];
    for (const image of doc.querySelectorAll("image")) {
      const img = new Image();
      img.src = image.getAttribute("href");
      await img.decode();
      sizes.push([img.naturalWidth, img.naturalHeight]);
    }
    return sizes;
  }, text);
  assert.ok(images.length >= 1, "the picture is in the SVG");
  for (const size of images) assert.deepEqual(size, [160, 120]);
  await page.context().close();
});

test("the theme picker switches the page and the figure, and is remembered; a link's theme wins", async () => {
  const page = await site.openChapter("multiplication", { colorScheme: "light", acceptDownloads: true });
  const figureBg = () => page.evaluate(() => getComputedStyle(document.querySelector(".figure")).backgroundColor);
  assert.equal(await figureBg(), "rgb(255, 255, 255)");
  await page.getByLabel("Theme").selectOption("dark");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await figureBg(), "rgb(28, 28, 33)");
  // The figure was redrawn with the dark palette: its SVG export has the dark background.
  await openDialog(page);
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  assert.match(await readFile(await svg.path(), "utf8"), /<rect [^>]*fill="#1c1c21"/);
  await page.keyboard.press("Escape");

  await page.reload();
  await readout(page, "Av");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.getByLabel("Theme").inputValue(), "dark");

  await page.goto(site.url("multiplication?theme=light"));
  await readout(page, "Av");
  assert.equal(await figureBg(), "rgb(255, 255, 255)");
  // An embed matches its host page (the system's theme here), not the reader's choice on the site.
  await page.goto(site.url("multiplication?embed=1"));
  await page.reload();
  await readout(page, "Av");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.equal(await figureBg(), "rgb(255, 255, 255)");
  await page.goto(site.url(""));
  await page.locator(".syllabus").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("theme and accent parameters: applied, kept in the URL, and bad values named without losing the state", async () => {
  const page = await site.openChapter("multiplication?v=1,0&theme=dark&accent=0a7", { colorScheme: "light" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".crumbs a")).color), "rgb(0, 170, 119)");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(20, 20, 23)");
  assert.ok(await page.locator(".url-alert").isHidden());
  await page.locator('[data-handle="v"]').focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => location.hash.includes("v=2,0"));
  assert.match(await page.evaluate(() => location.hash), /&theme=dark&accent=00aa77$/);

  // A new hash on the same page: the router mounts the chapter again from it.
  await page.goto(site.url("multiplication?v=3,1&theme=neon&accent=%3Cb%3E"));
  assert.deepEqual(await readout(page, "v"), [3, 1]);
  const alert = page.locator('.url-alert[role="alert"]');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Parameter theme: .*neon.* ignored/);
  assert.match(text, /Parameter accent: .*<b>.* ignored/);
  assert.doesNotMatch(text, /default example/);
  assert.equal(await page.locator(".url-alert b").count(), 0, "the bad value is shown as text");
  await page.context().close();
});
