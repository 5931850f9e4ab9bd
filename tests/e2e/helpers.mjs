// Shared by the end-to-end tests: a static server for dist/ on a random loopback port, and Chromium.
import { createServer } from "node:http";
import { createSecureServer } from "node:http2";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { readFile } from "node:fs/promises";
import zlib, { brotliCompressSync, gzipSync } from "node:zlib";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { launchFirefox } from "./firefox.mjs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml",
};

/**
 * Serves `dist/` on 127.0.0.1 at a free port. Returns { url, close, served }. With `compress`, answers
 * compressed as a real static host would (the startup benchmark); `served` lists what was sent so.
 * With `http2`, over HTTPS and HTTP/2 (a self-signed certificate: launch Chromium with
 * `--ignore-certificate-errors`), as most static hosts serve today. `refuse(pattern)` cuts the
 * connection of the requests for some files, as a network that drops does.
 */
export async function serveDist(root = "dist", { compress = false, http2 = false } = {}) {
  const compressed = new Map();
  const served = [];
  // Paths whose connection drops (`refuse`): the same network failure in every browser.
  let refused = null;
  const handler = async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    if (refused?.test(path)) return req.socket.destroy();
    // A page that is not the app (a test's setup page) makes the browser ask for a favicon; a real
    // host answers something, and a 404 here would land among the app's console errors.
    if (path === "/favicon.ico") return res.writeHead(204).end();
    const file = join(root, path.endsWith("/") ? "index.html" : path);
    try {
      let body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      // Chromium offers brotli only over HTTPS: over this plain-HTTP loopback it gets gzip.
      const accepts = req.headers["accept-encoding"] ?? "";
      const encoding = !compress ? null : /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
      if (encoding) {
        const key = `${encoding}:${file}`;
        if (!compressed.has(key)) {
          compressed.set(key, encoding === "br"
            ? brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
            : gzipSync(body, { level: 9 }));
        }
        body = compressed.get(key);
        headers["content-encoding"] = encoding;
        served.push({ path, encoding, bytes: body.length });
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  };
  const server = http2 ? createSecureServer({ ...selfSigned(), allowHTTP1: true }, handler) : createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const scheme = http2 ? "https" : "http";
  return {
    url: `${scheme}://127.0.0.1:${server.address().port}/`,
    close: () => { server.closeAllConnections?.(); return new Promise((r) => server.close(r)); },
    served,
    /** From now on the connection drops for the paths `pattern` matches (null: none). */
    refuse: (pattern) => { refused = pattern; },
  };
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl). */
function selfSigned() {
  const dir = mkdtempSync(join(tmpdir(), "mgl-cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  return { key: execFileSync("cat", [join(dir, "key.pem")]), cert: execFileSync("cat", [join(dir, "cert.pem")]) };
}

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

/**
 * The browser this run tests in: `E2E_BROWSER` is "chromium" (the default, through Playwright) or
 * "firefox" (Firefox ESR through puppeteer-core, with the same API for what the tests use:
 * firefox.mjs). scripts/test runs the whole suite once in each.
 */
export const BROWSER = process.env.E2E_BROWSER ?? "chromium";
if (!["chromium", "firefox"].includes(BROWSER)) throw new Error(`E2E_BROWSER=${BROWSER}: chromium or firefox`);

export function launch({ args = [] } = {}) {
  if (BROWSER === "firefox") return launchFirefox();
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * A page in a fresh context that records the app's console errors and uncaught exceptions in
 * `errors`; `options` adds to the context's (e.g. `serviceWorkers: "block"`).
 */
export async function newPage(browser, errors, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  return page;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The input whose label is exactly `label` (a required answer's label ends with " *"). */
export const field = (scope, label) => scope.getByLabel(new RegExp(`^${escape(label)}( \\*)?$`));

/** Fills the input whose label is exactly `label`. */
export const fill = (scope, label, value) => field(scope, label).fill(value);

/** Ticks the radio `option` of the question (fieldset legend) `question`. */
export const choose = (scope, question, option) =>
  scope.getByRole("group", { name: question, exact: true }).getByLabel(option, { exact: true }).check();

/** Waits until the screen just opened is shown: a screen loaded on demand says "Loading…" until then. */
export const shown = (page) => page.locator("p.loading").waitFor({ state: "detached" });

export const next = (page) => page.getByRole("button", { name: /^Next:/ }).click();

/// The id of the focused element once it is `id`, or whatever has the focus after 5 s
/// (the app moves the focus on the next animation frame, so an immediate read races it).
export async function focusedId(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 }).catch(() => {});
  return page.evaluate(() => document.activeElement?.id ?? "");
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core on the page as it is: its serious and critical violations, one line each. */
export async function axeProblems(page, where) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => await window.axe.run(document));
  assert.ok(results.passes.length > 10, `axe checked ${where}`);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * The records of one store of the app's IndexedDB database `mgl` ("drafts" or "keys"), parsed.
 * Only once the app has opened it: opening a database that does not exist would create it empty.
 */
export const storedRecords = (page, store) => page.evaluate((store) => new Promise((resolve, reject) => {
  const open = indexedDB.open("mgl");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction(store).objectStore(store).getAll();
    req.onerror = () => reject(req.error);
    req.onsuccess = () => { open.result.close(); resolve(req.result.map((json) => JSON.parse(json))); };
  };
}), store);
