// Prints raw and brotli (quality 11) sizes of the files index.html loads at start, and their total.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
// index.html itself, plus every file of dist/ it names (script, wasm, stylesheet, preloads).
const files = ["index.html", ...readdirSync(dist).filter((f) => f !== "index.html" && html.includes(f))];
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
let raw = 0, br = 0;
console.log(`${"file".padEnd(44)} ${"raw KB".padStart(8)} ${"brotli KB".padStart(9)}`);
for (const f of files) {
  const bytes = readFileSync(join(dist, f));
  const compressed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += bytes.length; br += compressed;
  console.log(`${f.padEnd(44)} ${kb(bytes.length)} ${kb(compressed).padStart(9)}`);
}
console.log(`${"total".padEnd(44)} ${kb(raw)} ${kb(br).padStart(9)}`);
// Not loaded at start: a language's translations, fetched when it is chosen (and precached by the
// service worker in the background after the first start, for offline use).
for (const f of readdirSync(dist).filter((f) => f.endsWith(".po"))) {
  const bytes = readFileSync(join(dist, f));
  const compressed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${(f + " (on demand)").padEnd(44)} ${kb(bytes.length)} ${kb(compressed).padStart(9)}`);
}
console.log("RESULT " + JSON.stringify({ raw_kb: raw / 1024, brotli_kb: br / 1024 }));
