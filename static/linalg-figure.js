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

/**
 * The figure. Attributes: chapter, state (the part of a chapter address after "?"), show (a comma
 * list of figure, controls, readouts, code), theme, accent. Changing any but chapter applies to the
 * mounted figure; a new chapter mounts a new one. After every finished gesture and every change the
 * host makes it fires `linalg-change` (bubbling, composed) whose detail is
 * {type, chapter, state, readouts}; the `state` and `readouts` properties hold the latest. Until the
 * figure is ready the element shows its own content (fallback for readers without scripts).
 */
class LinalgFigure extends HTMLElement {
  static observedAttributes = ["chapter", "state", "show", "theme", "accent"];
  #root;
  #fallback;
  #styled;
  #figure = null;
  #generation = 0;
  #report = null;

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
    // The element's own content shows until the figure is ready (or if it never is).
    this.#fallback = document.createElement("slot");
    this.#root = document.createElement("div");
    this.#root.className = "figure-root";
    shadow.append(link, this.#fallback, this.#root);
  }

  /** The chapter state, as the `state` attribute takes it (null until the figure is ready). */
  get state() {
    return this.#report?.state ?? null;
  }

  /** The readouts by name, as the site's `data-value` has them (null until the figure is ready). */
  get readouts() {
    return this.#report?.readouts ?? null;
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#unmount();
  }

  attributeChangedCallback(name, _before, after) {
    // Setting an attribute to the value it has still applies it: the reader may have moved the
    // figure on since.
    if (!this.isConnected) return;
    const figure = this.#figure;
    if (!figure || name === "chapter") {
      this.#mount();
    } else if (name === "state") {
      figure.setState(after ?? "");
    } else if (name === "show") {
      figure.setShow(after ?? "figure,controls,readouts");
    } else if (name === "theme") {
      figure.setTheme(after ?? "auto");
    } else if (name === "accent" && after !== null) {
      figure.setAccent(after);
    } else {
      this.#mount();
    }
  }

  async #mount() {
    const generation = ++this.#generation;
    let module;
    try {
      [module] = await Promise.all([load(), this.#styled]);
    } catch (error) {
      if (generation === this.#generation) this.#failed(error);
      return;
    }
    // A newer attribute change or a removal while loading wins.
    if (generation !== this.#generation || !this.isConnected) return;
    this.#unmount();
    const show = this.getAttribute("show");
    const state = [this.getAttribute("state") ?? "", show === null ? "" : `show=${encodeURIComponent(show)}`]
      .filter((part) => part !== "")
      .join("&");
    this.#figure = module.mountFigure(
      this.#root,
      this.getAttribute("chapter") ?? "",
      state,
      this.getAttribute("theme") ?? undefined,
      this.getAttribute("accent") ?? undefined,
      new URL("./", here).href,
    );
    this.#fallback.hidden = true;
    this.#figure.onChange((report) => {
      this.#report = report;
      this.dispatchEvent(new CustomEvent("linalg-change", { bubbles: true, composed: true, detail: report }));
    });
  }

  /** The module could not load (offline, or a host that does not allow cross-origin requests). */
  #failed(error) {
    this.#fallback.hidden = false;
    this.#root.replaceChildren();
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.className = "alert";
    message.textContent =
      `This linalg-live figure could not load its code from ${new URL("./", here).href} (${error?.message ?? error}). ` +
      "If the figure is hosted on another site, that site must allow cross-origin requests (CORS).";
    this.#root.append(message);
    bindings = null; // the next attempt loads again
  }

  #unmount() {
    this.#figure?.free();
    this.#figure = null;
  }
}

if (!customElements.get("linalg-figure")) customElements.define("linalg-figure", LinalgFigure);
