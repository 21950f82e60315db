// End-to-end: chapter 2.7 (eigendecomposition) in headless Chromium: the seed's example, a real drag
// of the probe v off and back onto an eigenvector, and the defective and complex cases.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, readout, serve, waitForReadout } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const close = (a, b, tol = 1e-9) => Math.abs(a - b) <= tol + tol * Math.abs(b);
const noteOf = (page, name) => page.locator("tr", { has: page.locator(`[data-readout="${name}"]`) }).textContent();

async function chapter(hash, options) {
  const page = await openPage(browser, `${server.base}index.html#/${hash}`, options);
  await readout(page, "eigenvalues");
  return page;
}

async function drag(page, name, dx, dy) {
  const box = await page.locator(`[data-handle="${name}"]`).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y + (dy * i) / 10);
  await page.mouse.up();
}

describe("2.7 eigendecomposition", () => {
  test("opens on the seed's example: λ = 6, 2 and v = (1, 1) is an eigenvector", async () => {
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
    const alert = page.locator(".url-alert[role=alert]");
    await alert.waitFor({ state: "visible" });
    assert.match(await alert.textContent(), /Parameter A: eigenvalues need a square matrix/);
    assert.deepEqual(await readout(page, "eigenvalues"), [6, 2]);
    await page.context().close();
  });
});
