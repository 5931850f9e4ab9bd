// Service worker: after the first visit the app starts and works with no network. Every file the
// app loads is cached at install; requests are answered from the cache (the app never asks anything
// else). A new build is a new service worker (its version is stamped at build time): it waits until
// the user chooses to reload, so no draft is ever lost to an update.
const VERSION = "__BUILD__";
const CACHE = `mgl-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Every file of this build (stamped by scripts/build-app): the app's code, the screens loaded on
    // demand, the styles, the translations. A file whose name carries its content's hash may come
    // from the browser's HTTP cache (the page has just loaded the main ones: no second download);
    // the others (the page, the translations) are fetched past it, so that they are this build's.
    // At low priority: a screen the user opens meanwhile is fetched first.
    const hashed = /(^|\/)app-[0-9a-f]{16}\/|-[0-9a-f]{16}\.css$/;
    const files = __FILES__;
    await cache.addAll(["./", ...files].map((url) =>
      new Request(url, { cache: hashed.test(url) ? "default" : "reload", priority: "low" })));
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
