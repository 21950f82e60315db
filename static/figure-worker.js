// The figure's painter, off the page's main thread (src/web/figure_painter.rs). The page posts the
// compiled WebAssembly module first; once it is instantiated here, the module's `runFigureWorker`
// takes the messages that follow (the canvas, then one per frame) and tells the page it is ready.
// The build fills in the bindings' file name (scripts/element.mjs).
import init, { runFigureWorker } from "./@MODULE@";

self.onmessage = async ({ data: module }) => {
  self.onmessage = null;
  try {
    await init({ module_or_path: module });
    runFigureWorker();
  } catch (error) {
    // A warning, not an error: the page then paints its figures itself (on any answer but "ready").
    console.warn("linalg-live: the figure worker could not start", error);
    self.postMessage("failed");
  }
};
