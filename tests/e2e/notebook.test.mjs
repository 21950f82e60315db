// "Download notebook": the share dialog's and the code panel's button save the current state as a
// Jupyter notebook built in the page (no request): nbformat 4, a Markdown cell with the link back,
// the code panel's numpy code, the matplotlib figure, no outputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readout, useSite, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "singular_values" });

/** Clicks `button`, waits for the download it starts, and returns its file name and parsed JSON. */
async function save(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), notebook: JSON.parse(await readFile(await download.path(), "utf8")) };
}

/** A cell's text (nbformat stores it as lines). */
const source = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/** The code panel's text in the selected language. */
const panelCode = (page) => page.locator(".code-panel pre code").textContent();

/** Asserts the notebook's form, its link back and its numpy cell. */
function check(notebook, { link, numpy }) {
  assert.equal(notebook.nbformat, 4);
  assert.deepEqual(notebook.cells.map((c) => c.cell_type), ["markdown", "code", "code"]);
  for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) {
    assert.deepEqual(cell.outputs, [], "no stored outputs");
    assert.equal(cell.execution_count, null);
  }
  const summary = source(notebook.cells[0]);
  assert.match(summary, /^# 2\.8 Singular Value Decomposition\n/);
  assert.ok(summary.includes(`](${link})`), `the link back to ${link} in:\n${summary}`);
  assert.equal(source(notebook.cells[1]).trimEnd(), numpy.trimEnd());
  const figure = source(notebook.cells[2]);
  assert.match(figure, /import matplotlib/);
  assert.match(figure, /plt\.subplots\(/);
}

test("the dialog and the code panel download the current state's notebook, built in the page", async () => {
  const page = await site.openChapter("svd?A=3,7;5,2", { acceptDownloads: true });
  const requests = [];
  // Everything the page asks the network for from here on (the browser's own favicon fetch aside).
  page.on("request", (r) => { if (/^https?:/.test(r.url()) && !r.url().includes("/favicon")) requests.push(r.url()); });
  // A state reached on the page, not the one the link opened.
  await page.locator('[data-handle="A:0"]').focus();
  await page.keyboard.press("ArrowUp");
  await waitForReadout(page, "singular_values", (s) => s.length === 2 && Math.abs(s[0] - 9.32) > 0.05);
  await page.waitForFunction(() => location.hash === "#/svd?A=3,7;6,2");
  const link = await page.evaluate(() => location.href);
  const numpy = await panelCode(page);
  assert.match(numpy, /^import numpy as np/m);
  assert.match(numpy, /\[6(\.0)?, 2(\.0)?\]/, "the code panel shows the new A");

  await page.locator("button.share").click();
  await page.locator("dialog.share-dialog[open]").waitFor();
  const fromDialog = await save(page, page.locator("dialog.share-dialog").getByRole("button", { name: "Download notebook" }));
  assert.equal(fromDialog.name, "linalg-live-svd-A=3,7;6,2.ipynb");
  check(fromDialog.notebook, { link, numpy });
  assert.equal(await page.locator(".share-status").textContent(), "");
  await page.keyboard.press("Escape");
  await page.locator("dialog.share-dialog[open]").waitFor({ state: "detached" });

  // From the code panel while it shows PyTorch: the notebook still holds the numpy code.
  await page.locator(".code-panel").getByRole("tab", { name: "PyTorch" }).click();
  await page.waitForFunction(() => document.querySelector(".code-panel pre code").textContent.includes("import torch"));
  const fromPanel = await save(page, page.locator(".code-panel").getByRole("button", { name: "Download notebook" }));
  assert.equal(fromPanel.name, fromDialog.name);
  check(fromPanel.notebook, { link, numpy });
  assert.deepEqual(fromPanel.notebook, fromDialog.notebook, "both buttons save the same notebook");
  assert.deepEqual(requests, [], "the notebook is built in the page");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the picture tab's notebook keeps k and the tab in its name and link", async () => {
  const page = await site.openChapter("svd?tab=image&k=7", { acceptDownloads: true });
  assert.equal(await readout(page, "rank_k"), 7);
  await page.waitForFunction(() => location.hash.startsWith("#/svd?A="));
  const { name, notebook } = await save(page, page.locator(".code-panel").getByRole("button", { name: "Download notebook" }));
  assert.equal(name, "linalg-live-svd-A=3,7;5,2_k=7_tab=image.ipynb");
  check(notebook, { link: await page.evaluate(() => location.href), numpy: await panelCode(page) });
  await page.context().close();
});
