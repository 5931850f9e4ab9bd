// Service worker: after the first visit the app starts and works with no network. Every file the
// app loads is cached at install; requests are answered from the cache (the app never asks anything
// else). A new build is a new service worker (its version is stamped at build time): it waits until
// the user chooses to reload, so no draft is ever lost to an update.
const VERSION = "__BUILD__";
const CACHE = `mgl-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch("./", { cache: "no-store" });
    const html = await page.clone().text();
    // The app's files, as index.html names them (hashed names change with each build).
    const names = [...html.matchAll(/["']\/?([\w.-]+\.(?:js|wasm|css))["']/g)].map((m) => `./${m[1]}`);
    await cache.put("./", page);
    // Files without a hash in their name (the translations, fetched when a language is chosen, are
    // precached so that switching works offline) are fetched past the browser's HTTP cache.
    const fixed = ["./manifest.webmanifest", "./icon.svg", "./fr.po", "./pt.po"]
      .map((url) => new Request(url, { cache: "reload" }));
    await cache.addAll([...new Set(names), ...fixed]);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = request.mode === "navigate" ? "./" : request;
    return (await cache.match(key, { ignoreSearch: true })) ?? fetch(request);
  })());
});
