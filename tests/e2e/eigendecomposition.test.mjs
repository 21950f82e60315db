// End-to-end: chapter 2.7 (eigendecomposition) in headless Chromium: the notebook's example, a real
// drag of the probe v off and back onto an eigenvector, Play as a change of basis (V⁻¹, Λ, V) and its
// stand-ins for complex and defective matrices, the quadratic form's panel (opened by its control, v
// dragged, A edited to a saddle), and the text's links and predict questions.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { close, dragHandle, figureDigest, readout, readoutNote as noteOf, urlAlert, useSite, waitForAsync, waitForFigureChange, waitForReadout } from "./harness.mjs";

const site = useSite({ readout: "eigenvalues" });
const chapter = site.openChapter;
const drag = (page, name, dx, dy) => dragHandle(page, name, dx, dy, 10);

describe("2.7 eigendecomposition", () => {
  test("opens on the notebook's example: λ = 6, 2 and v = (1, 1) is an eigenvector", async () => {
    const page = await chapter("eigendecomposition");
    assert.deepEqual(await readout(page, "eigenvalues"), [6, 2]);
    const V = await readout(page, "eigenvectors");
    assert.ok(close(V[0][0], Math.SQRT1_2) && close(V[1][0], Math.SQRT1_2), JSON.stringify(V));
    assert.ok(close(Math.abs(V[0][1]), 1 / Math.sqrt(10)) && close(Math.abs(V[1][1]), 3 / Math.sqrt(10)));
    assert.deepEqual(await readout(page, "Av"), [6, 6]);
    assert.equal(await readout(page, "is_eigenvector"), true);
    assert.equal(await readout(page, "probe_lambda"), 6);
    assert.match(await noteOf(page, "definiteness"), /positive-definite/);
    assert.equal(await page.locator("[data-handle]").first().getAttribute("data-handle"), "v");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a real drag of v leaves the eigen-direction; keys bring it onto the other one", async () => {
    const page = await chapter("eigendecomposition");
    await drag(page, "v", 60, 0);
    const v = await waitForReadout(page, "v", (v) => v[0] !== 1);
    assert.ok(v[0] > 1 && v[1] === 1, `${v}`);
    const Av = await waitForReadout(page, "Av", (Av) => Av[0] === 5 * v[0] + v[1]);
    assert.deepEqual(Av, [5 * v[0] + v[1], 3 * v[0] + 3 * v[1]]);
    assert.equal(await readout(page, "is_eigenvector"), false);
    assert.equal(await readout(page, "probe_lambda"), null);
    assert.match(await noteOf(page, "probe_lambda"), /not a multiple/);
    // Onto (1, −3), the λ = 2 direction, with the keyboard.
    const handle = page.locator("[data-handle=v]");
    await handle.focus();
    for (let i = 0; i < v[0] - 1; i++) await page.keyboard.press("ArrowLeft");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    await waitForReadout(page, "v", (v) => v[0] === 1 && v[1] === -3);
    assert.equal(await waitForReadout(page, "probe_lambda", (l) => l !== null), 2);
    assert.deepEqual(await readout(page, "Av"), [2, -6]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("dragging a column of A changes the eigenvalues; trace and det follow", async () => {
    const page = await chapter("eigendecomposition");
    await drag(page, "A:1", 0, 60);
    const A = await waitForReadout(page, "A", (A) => A[1][1] !== 3);
    const w = await readout(page, "eigenvalues");
    const tr = A[0][0] + A[1][1];
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const re = (z) => (typeof z === "number" ? z : z.re);
    assert.ok(close(re(w[0]) + re(w[1]), tr), `${JSON.stringify(w)} tr ${tr}`);
    assert.equal(await readout(page, "trace"), tr);
    assert.ok(close(await readout(page, "det"), det));
    await page.context().close();
  });

  const summary = (page) => page.locator(".summary").textContent();
  const stageNames = (page) => page.locator(".stages li").allTextContents();
  const position = (page, value) =>
    page.waitForFunction((v) => document.querySelector(".timeline input[type=range]").value === v, value);

  test("Play runs V⁻¹, Λ, V: each stage redraws the figure, handles hide mid-way and return", async () => {
    const page = await chapter("eigendecomposition", { reducedMotion: "reduce" });
    assert.deepEqual(await stageNames(page), ["V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"]);
    assert.match(await summary(page), /V⁻¹ takes the plane to eigen-coordinates .* Λ stretches the axes by 6, 2, and V takes it back/);
    const end = await figureDigest(page);
    const play = page.getByRole("button", { name: "Play the transformation" });
    await play.click();
    await position(page, "0");
    assert.equal(await page.locator("[data-handle]").count(), 0, "handles sit on the final figure only");
    const seen = [await figureDigest(page)];
    for (const step of ["1", "2", "3"]) {
      await play.click();
      await position(page, step);
      await page.waitForTimeout(100);
      seen.push(await figureDigest(page));
    }
    assert.equal(new Set(seen).size, 4, "every stage boundary draws a different picture");
    assert.equal(seen[3], end, "the last stage ends on A's own picture");
    await page.locator('[data-handle="v"]').waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("complex and defective matrices play a stand-in and say why; typing A renames the stages in place", async () => {
    const page = await chapter("eigendecomposition");
    const cell = (r, c) => page.locator(`[data-input="A"] input[data-row="${r}"][data-col="${c}"]`);
    // [[1, 1], [−2, 0]]: a complex pair.
    for (const [r, c, text] of [[0, 0, "1"], [1, 0, "-2"], [1, 1, "0"]]) await cell(r, c).fill(text);
    await page.waitForFunction(() => document.querySelector(".stages li").textContent === "P⁻¹: to the basis p, q");
    assert.deepEqual(await stageNames(page), ["P⁻¹: to the basis p, q", "C: turn and scale", "P: back"]);
    await page.waitForFunction(() => /no real V to play.*turns by 69\.3° clockwise/.test(document.querySelector(".summary").textContent));
    assert.equal(await readout(page, "eigenvectors"), null);
    // [[1, 1], [0, 1]]: the shear, defective.
    await cell(1, 0).fill("0");
    await cell(1, 1).fill("1");
    await page.waitForFunction(() => document.querySelector(".stages li").textContent === "Qᵀ: turn to a Schur basis");
    assert.deepEqual(await stageNames(page), ["Qᵀ: turn to a Schur basis", "T: stretch and shear", "Q: turn back"]);
    await page.waitForFunction(() => /no V to play.*Schur basis/.test(document.querySelector(".summary").textContent));
    // Play still runs its three stages.
    const play = page.getByRole("button", { name: "Play the transformation" });
    await play.click();
    await page.waitForFunction(() => document.querySelector(".timeline input[type=range]").value === "3", null, { timeout: 10000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a 3×3 eigenbasis plays in space", async () => {
    const page = await chapter("eigendecomposition?A=2,0,0;0,3,4;0,4,9&v=1,0,0", { reducedMotion: "reduce" });
    assert.deepEqual(await stageNames(page), ["V⁻¹: to eigen-coordinates", "Λ: stretch", "V: back"]);
    assert.match(await summary(page), /V⁻¹ takes space to eigen-coordinates/);
    const play = page.getByRole("button", { name: "Play the transformation" });
    const seen = [];
    for (const step of ["0", "1", "2", "3"]) {
      await play.click();
      await position(page, step);
      await page.waitForTimeout(100);
      seen.push(await figureDigest(page));
    }
    assert.equal(new Set(seen).size, 4);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a link in the text sets the figure, and a predict question opens onto the state that answers it", async () => {
    const page = await chapter("eigendecomposition");
    await page.locator('.prose a[href="#/eigendecomposition?A=1,1;0,1&v=1,1"]').click();
    assert.equal(await waitForReadout(page, "diagonalizable", (d) => d === false), false);
    await page.waitForFunction(() => location.hash.includes("A=1,1;0,1"));
    assert.match(await noteOf(page, "eigenvectors"), /defective/);
    const question = page.locator(".prose details.predict").first();
    await question.locator("summary").click();
    assert.equal(await question.getAttribute("open"), "");
    await question.locator("a").first().click();
    assert.equal(await waitForReadout(page, "probe_lambda", (l) => l === 2), 2);
    assert.deepEqual(await readout(page, "Av"), [2, -6]);
    await page.waitForFunction(() => location.hash.includes("v=1,-3"));
    // The quadratic-form question: a saddle although every entry is positive.
    const saddle = page.locator(".prose details.predict").last();
    await saddle.locator("summary").click();
    await saddle.locator('a[href="#/eigendecomposition?A=1,2;2,1&v=1,-1&view=quadratic"]').click();
    await page.waitForFunction(() => /xᵀAx is indefinite \(a saddle\)/.test(document.querySelector(".summary").textContent));
    assert.equal(await readout(page, "quadratic_form"), -2);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  // Waits until the painted figure's share of pixels where the negative role's blue clearly beats red
  // (the heat map of f < 0) is inside [lo, hi]: the worker paints a view a frame or more after the page
  // switched to it. A blank canvas does not count as painted. Fails with `failure` after 3 s.
  const waitForNegativeHeat = (page, [lo, hi], failure) =>
    waitForAsync(
      page,
      async ([lo, hi]) => {
        const canvas = document.querySelector("canvas[aria-describedby=figure-summary]");
        const { data } = await canvasPixels(canvas);
        let inked = 0, blue = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 0) continue;
          inked++;
          if (data[i + 2] > data[i] + 40) blue++;
        }
        const pixels = data.length / 4;
        return inked > pixels / 2 && blue / pixels >= lo && blue / pixels <= hi;
      },
      [lo, hi],
      failure,
    );
  test("the quadratic form's panel: its control, a real drag of v, and a saddle after editing A", async () => {
    const page = await chapter("eigendecomposition");
    const eigenView = await figureDigest(page);
    // A real click on the segmented control's visible option (the radio itself is under its label).
    await page.locator(".choice label", { hasText: "The form xᵀAx" }).click();
    assert.ok(await page.getByRole("radio", { name: "The form xᵀAx" }).isChecked());
    await page.waitForFunction(() => location.hash.includes("view=quadratic"));
    await page.waitForFunction(() => /xᵀAx is positive-definite/.test(document.querySelector(".summary").textContent));
    assert.match(await summary(page), /only sees \(A \+ Aᵀ\)\/2/);
    assert.match(await summary(page), /f\(v\) = 12\./);
    assert.equal(await page.locator("[data-handle]").count(), 1, "only v is dragged in this panel");
    assert.equal(await readout(page, "quadratic_form"), 12);
    // The vectors' own blue is about 1 % of the figure; a heat map of f < 0 would be far more.
    await waitForFigureChange(page, eigenView, "the form's panel was not painted");
    await waitForNegativeHeat(page, [0, 0.02], "a positive-definite form has no negative heat");

    await drag(page, "v", 160, 0); // more than one unit: drags snap to the grid
    const v = await waitForReadout(page, "v", (v) => v[0] !== 1);
    const f = await waitForReadout(page, "quadratic_form", (f) => f !== 12);
    assert.ok(close(f, 5 * v[0] * v[0] + 4 * v[0] * v[1] + 3 * v[1] * v[1]), `f${v} = ${f}`);
    await page.waitForFunction(() => !/f\(v\) = 12\./.test(document.querySelector(".summary").textContent));

    for (const [row, col, text] of [[0, 1, "0"], [1, 0, "0"], [1, 1, "-1"], [0, 0, "1"]]) {
      await page.locator(`[data-input="A"] input[data-row="${row}"][data-col="${col}"]`).fill(text);
    }
    await page.waitForFunction(() => /xᵀAx is indefinite \(a saddle\)/.test(document.querySelector(".summary").textContent));
    assert.doesNotMatch(await summary(page), /only sees/, "a symmetric A needs no note");
    assert.match(await noteOf(page, "definiteness"), /indefinite/);
    await page.waitForFunction(() => location.hash.includes("A=1,0;0,-1") && location.hash.includes("view=quadratic"));
    await waitForNegativeHeat(page, [0.1, 1], "the saddle's negative half is drawn in the negative colour");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the panel's link opens it; a bad view alerts; a 3×3 A is explained in words", async () => {
    let page = await chapter("eigendecomposition?A=1,1;1,1&view=quadratic");
    assert.ok(await page.getByRole("radio", { name: "The form xᵀAx" }).isChecked());
    await page.waitForFunction(() => /positive semidefinite \(a trough\)/.test(document.querySelector(".summary").textContent));
    await page.context().close();

    page = await chapter("eigendecomposition?view=heat");
    assert.match(await urlAlert(page), /Parameter view:/);
    assert.ok(await page.getByRole("radio", { name: "A as a map" }).isChecked());
    await page.context().close();

    page = await chapter("eigendecomposition?A=2,0,0;0,3,4;0,4,9&v=1,0,0&view=quadratic");
    const note = page.locator(".figure-note");
    await note.waitFor({ state: "visible" });
    assert.match(await note.textContent(), /2-D.*positive-definite/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the panel's Download SVG embeds the heat map as a PNG the browser decodes, with its colours", async () => {
    const page = await chapter("eigendecomposition?A=1,0;0,-1&view=quadratic", { acceptDownloads: true });
    await page.locator("button.share").click();
    await page.locator("dialog.share-dialog[open]").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    const svg = await readFile(await download.path(), "utf8");
    const href = svg.match(/<image [^>]*preserveAspectRatio="none" href="(data:image\/png;base64,[^"]+)"/)?.[1];
    assert.ok(href, "an embedded heat map");
    assert.match(svg, />indefinite: a saddle</);
    // Decoded: x² − y² is positive (the image colour, reddish) left and right, negative (blue) above and below.
    const [right, top] = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const c = document.createElement("canvas");
      [c.width, c.height] = [image.naturalWidth, image.naturalHeight];
      const ctx = c.getContext("2d");
      ctx.drawImage(image, 0, 0);
      const at = (x, y) => [...ctx.getImageData(Math.floor(x * c.width), Math.floor(y * c.height), 1, 1).data];
      return [at(0.98, 0.5), at(0.5, 0.02)];
    }, href);
    assert.ok(right[0] > right[2] && right[3] > 0, `right ${right}`);
    assert.ok(top[2] > top[0] && top[3] > 0, `top ${top}`);
    await page.context().close();
  });

  test("defective, complex and non-square inputs explain themselves", async () => {
    let page = await chapter("eigendecomposition?A=1,1;0,1");
    assert.deepEqual(await readout(page, "eigenvalues"), [1, 1]);
    assert.equal(await readout(page, "eigenvectors"), null);
    assert.match(await noteOf(page, "eigenvectors"), /defective/);
    await page.context().close();

    page = await chapter("eigendecomposition?A=1,1;-2,0");
    const w = await readout(page, "eigenvalues");
    assert.equal(w[0].re, 0.5);
    assert.ok(close(w[0].im, Math.sqrt(7) / 2) && close(w[1].im, -Math.sqrt(7) / 2));
    assert.match(await page.locator('[data-readout="eigenvalues"]').textContent(), /0\.5 \+ 1\.3229i/);
    assert.equal(await readout(page, "eigenvectors"), null);
    assert.match(await noteOf(page, "eigenvectors"), /complex/);
    assert.deepEqual(page.errors, []);
    await page.context().close();

    page = await chapter("eigendecomposition?A=1,2,3;4,5,6");
    assert.match(await urlAlert(page), /Parameter A: eigenvalues need a square matrix/);
    assert.deepEqual(await readout(page, "eigenvalues"), [6, 2]);
    await page.context().close();
  });
});
