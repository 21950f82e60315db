// Offline support for linalg-live. Network first (an update is picked up on the next visit, and a
// developer never sees a stale build), the cache as the fallback when there is no network. On install
// it caches the page, every asset index.html names and the math font, so one visit is enough to work
// offline.
// Assets whose names carry trunk's content hash never change: once cached they are served from the
// cache, without a request and without rewriting the cache on every visit (the wasm is over 1 MB).
// One cache per build and per deployment (a site may hold several releases on one origin, each in its
// folder): the build fills in BUILD (scripts/pages.mjs), so every build is a new worker, and
// activating it deletes this deployment's caches of older builds.
const BUILD = "dev";
const PREFIX = `linalg-live ${self.registration.scope} `;
const CACHE = PREFIX + BUILD;
// The chapters' static pages and their explanations (filled in by the build: scripts/pages.mjs).
const PAGES = [];
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;
// The math font (static/fonts, copied as it is by trunk): named in style.css, not in index.html.
const MATH_FONT = "./fonts/stix-two-math.woff2";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch("./index.html", { cache: "no-cache" });
    const html = await page.clone().text();
    const assets = [...html.matchAll(/(?:href|src)="\.\/([^"#?]+)"/g)].map((m) => `./${m[1]}`);
    await cache.put("./index.html", page);
    // The <linalg-figure> script too, for pages of this site that use the custom element, the
    // worker that paints the figures, the formulas' font, which only the stylesheet names, and the
    // chapters' static pages.
    await cache.addAll([...new Set([...assets, "./linalg-figure.js", "./figure-worker.js", MATH_FONT, ...PAGES])]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    if (HASHED.test(new URL(request.url).pathname)) {
      const cached = await (await caches.open(CACHE)).match(request, { ignoreSearch: true });
      if (cached) return cached;
    }
    try {
      const response = await fetch(request);
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
      }
      return response;
    } catch (offline) {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      // Only a page is answered with a page: a chapter's static page asked for as <slug>/index.html
      // is the cached <slug>/, any other address of the site the single-page index. A missing
      // script, stylesheet or picture fails as it would without the worker.
      if (request.mode !== "navigate") return Response.error();
      return (await cache.match(new URL("./", request.url))) ?? (await cache.match("./index.html")) ?? Response.error();
    }
  })());
});
