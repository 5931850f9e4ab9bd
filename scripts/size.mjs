// Prints raw and brotli (quality 11) sizes of the files the app loads at start, and their total; then
// what is loaded later, on demand: each screen's code (its split module and the shared chunks it
// needs, as __wasm_split.js lists them) and each language's translations.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { screenFiles } from "./split-map.mjs";

const dist = process.argv[2] ?? "dist";
const all = (dir) => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f);
  return statSync(path).isDirectory() ? all(path) : [relative(dist, path)];
});
const files = all(dist);
const read = (f) => readFileSync(join(dist, f));
const brotli = (f) => brotliCompressSync(read(f), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(8);

// At start: index.html, every file it names (script, wasm, stylesheet, preloads, service worker,
// manifest), and the modules those scripts import.
const atStart = new Set(["index.html"]);
const html = read("index.html").toString();
for (const f of files) if (f !== "index.html" && html.includes(f)) atStart.add(f);
for (const js of [...atStart].filter((f) => f.endsWith(".js") && f.includes("/"))) {
  for (const [, name] of read(js).toString().matchAll(/from\s*["']\.\/([\w.-]+\.js)["']/g)) {
    atStart.add(join(dirname(js), name));
  }
}

let raw = 0, br = 0;
console.log(`${"loaded at start".padEnd(44)} ${"raw KB".padStart(8)} ${"brotli KB".padStart(9)}`);
for (const f of [...atStart].sort()) {
  const size = read(f).length, compressed = brotli(f);
  raw += size; br += compressed;
  console.log(`${f.padEnd(44)} ${kb(size)} ${kb(compressed).padStart(9)}`);
}
console.log(`${"total".padEnd(44)} ${kb(raw)} ${kb(br).padStart(9)}`);

// On demand: a screen's first opening fetches its split module and the chunks it depends on.
console.log(`\n${"loaded on demand (first use)".padEnd(44)} ${"raw KB".padStart(8)} ${"brotli KB".padStart(9)}`);
const loader = files.find((f) => f.endsWith("__wasm_split.js"));
if (loader) {
  const dir = dirname(loader);
  for (const [name, own] of Object.entries(screenFiles(read(loader).toString()))) {
    const parts = own.map((f) => join(dir, f));
    const size = parts.reduce((n, f) => n + read(f).length, 0);
    const compressed = parts.reduce((n, f) => n + brotli(f), 0);
    console.log(`${`screen "${name}" (${parts.length} files)`.padEnd(44)} ${kb(size)} ${kb(compressed).padStart(9)}`);
  }
  const lazy = files.filter((f) => f.endsWith(".wasm") && !atStart.has(f));
  const lazyBr = lazy.reduce((n, f) => n + brotli(f), 0);
  console.log(`${`all on-demand code (${lazy.length} files)`.padEnd(44)} ${kb(lazy.reduce((n, f) => n + read(f).length, 0))} ${kb(lazyBr).padStart(9)}`);
}
for (const f of files.filter((f) => f.endsWith(".po"))) {
  console.log(`${(f + " (when chosen)").padEnd(44)} ${kb(read(f).length)} ${kb(brotli(f)).padStart(9)}`);
}
console.log("RESULT " + JSON.stringify({ raw_kb: raw / 1024, brotli_kb: br / 1024 }));
