// <linalg-figure chapter="svd" state="A=3,7;5,2"></linalg-figure>: a linalg-live figure in any page,
// with one include: <script type="module" src="https://…/linalg-figure.js"></script>.
//
// scripts/element.mjs (trunk's post-build hook) writes this file into the build with the hashed names
// of the WebAssembly module, its JavaScript bindings and the stylesheet filled in. Everything is
// loaded relative to this script's own address, so nothing is requested from any other origin; every
// figure on a page shares one instance of the module.
const MODULE = "./@MODULE@";
const WASM = "./@WASM@";
const STYLESHEET = "./@STYLESHEET@";
const here = import.meta.url;

let bindings = null;
/** Loads and starts the module once, for all figures. */
function load() {
  bindings ??= import(new URL(MODULE, here).href).then(async (module) => {
    await module.default({ module_or_path: new URL(WASM, here) });
    return module;
  });
  return bindings;
}

class LinalgFigure extends HTMLElement {
  static observedAttributes = ["chapter", "state", "theme", "accent"];
  #root;
  #styled;
  #figure = null;
  #generation = 0;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    // The site's stylesheet, inside the shadow root: the host page's styles stay out, ours stay in.
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(STYLESHEET, here).href;
    this.#styled = new Promise((done) => {
      link.addEventListener("load", done, { once: true });
      link.addEventListener("error", done, { once: true });
    });
    this.#root = document.createElement("div");
    this.#root.className = "figure-root";
    shadow.append(link, this.#root);
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#unmount();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#mount();
  }

  async #mount() {
    const generation = ++this.#generation;
    const [module] = await Promise.all([load(), this.#styled]);
    // A newer attribute change or a removal while loading wins.
    if (generation !== this.#generation || !this.isConnected) return;
    this.#unmount();
    this.#figure = module.mountFigure(
      this.#root,
      this.getAttribute("chapter") ?? "",
      this.getAttribute("state") ?? "",
      this.getAttribute("theme") ?? undefined,
      this.getAttribute("accent") ?? undefined,
      new URL("./", here).href,
    );
  }

  #unmount() {
    this.#figure?.free();
    this.#figure = null;
  }
}

if (!customElements.get("linalg-figure")) customElements.define("linalg-figure", LinalgFigure);
