// The drag every frame benchmark makes (frames.mjs, trace.mjs): open a page, grab its first handle (or
// the picture tab's rank slider) once the figure's worker has taken over, and sweep the pointer along an
// arc with awaited DevTools mouse events, so that each move is handled before the next is sent.

/** Whether `url` drags the picture tab's rank slider (its thumb) rather than a handle. */
const dragsSlider = (url) => url.includes("tab=image");

/**
 * Opens `url` in a new page of `context` and waits until it can be dragged. Returns the page, a CDP
 * session on it and where the drag starts: a handle's centre, or the slider's thumb (at its value of
 * 120 ranks), dragged along the track. `init(page)` runs before the page loads (an init script).
 */
export async function readyToDrag(context, url, init = async () => {}) {
  const page = await context.newPage();
  await init(page);
  await page.goto(url);
  const slider = dragsSlider(url);
  const target = page.locator(slider ? 'input[data-slider="k"]' : "[data-handle]").first();
  await target.waitFor();
  if (slider) await page.waitForSelector('[data-readout="rank_k"][data-value]');
  // The figure's worker has taken over from the stand-in painted on the page while it started (a page
  // without a figure worker, such as the no-op page, has no stand-in).
  await page.waitForFunction(() => !document.querySelector("canvas.stand-in"));
  await page.waitForTimeout(300);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const value = slider ? Number(await target.inputValue()) : 0;
  const start = slider ? [box.x + 8 + ((box.width - 16) * (value - 1)) / 119, box.y + box.height / 2] : [box.x + box.width / 2, box.y + box.height / 2];
  const cdp = await context.newCDPSession(page);
  return { page, cdp, start, slider, target, value };
}

/** Presses the left button at the drag's start. */
export async function press(cdp, [x, y]) {
  await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 });
}

/**
 * `moves` awaited pointer moves along an arc of `ax` × `ay` CSS px from the start and back; the slider
 * only reads x, so it is swept ±3ax along its track (about ±20 ranks). Throws if the slider did not
 * move, so that a benchmark never times a drag that changed nothing.
 */
export async function sweep({ cdp, start: [x, y], slider, target, value }, moves, [ax, ay]) {
  for (let i = 0; i < moves; i++) {
    const a = (i / moves) * 2 * Math.PI;
    const [mx, my] = slider ? [x + 3 * ax * Math.sin(a), y] : [x + ax * Math.sin(a), y - ay * (1 - Math.cos(a))];
    await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: mx, y: my, button: "left", buttons: 1 });
    if (slider && i === Math.floor(moves / 4) && Number(await target.inputValue()) === value) throw new Error("the slider did not move");
  }
}

/** Releases the button where the drag started. */
export async function release(cdp, [x, y]) {
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 });
}
