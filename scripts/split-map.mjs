// What each screen loaded on demand needs: its split module and the shared chunks it depends on, as
// wasm-split-cli's loader (`__wasm_split.js`) lists them. Used by scripts/size.mjs (sizes per screen),
// and by scripts/build-app to make the loader fetch a screen's largest files first:
//   node scripts/split-map.mjs <dir with __wasm_split.js> <screen>   prints that screen's files
//   node scripts/split-map.mjs <dir> --largest-first                 rewrites the loader's order
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The loader's `__chunk_N` variables and their files: `const __chunk_N = makeLoad(...("./chunk_N.wasm"...), [])`. */
function chunkFiles(loaderText) {
  return Object.fromEntries([...loaderText.matchAll(/(__chunk_\d+)\s*=\s*makeLoad\([^]*?"\.\/(chunk_\d+\.wasm)"/g)]
    .map(([, v, f]) => [v, f]));
}

/** { screen: [file names, its own module first] } from the loader's text. */
export function screenFiles(loaderText) {
  // `export const __wasm_split_load_X = wrapAsyncCb(makeLoad(...("./split_X.wasm"...), [__chunk_a, ...]))`
  const chunkFile = chunkFiles(loaderText);
  const screens = {};
  for (const [, name, body] of loaderText.matchAll(/__wasm_split_load_(\w+)\s*=\s*wrapAsyncCb\(makeLoad\(([^]*?)\]\)\)/g)) {
    const own = body.match(/"\.\/(split_\w+\.wasm)"/)?.[1];
    const deps = [...body.matchAll(/__chunk_\d+/g)].map(([v]) => chunkFile[v]).filter(Boolean);
    screens[name] = [own, ...deps].filter(Boolean);
  }
  return screens;
}

/**
 * The loader, fetching each screen's files largest first. As wasm-split-cli writes it, a screen asks
 * for its shared chunks in numeric order and for its own module (the largest) last; over HTTP/1.1's
 * six connections per host, the form's two large files then waited behind small ones (its first step
 * showed 0.73 s after the click on the startup benchmark; 0.65-0.68 s with this order). Only the
 * order of the requests changes: every module is still instantiated once all it needs is there.
 */
export function largestFirst(loaderText, sizeOf) {
  const own = "        const parallelStuff = deps.map(d => d());\n        const instantiate = fetcher();\n";
  if (!loaderText.includes(own)) throw new Error("split-map: __wasm_split.js is not as expected (wasm-split-cli changed?)");
  const chunkFile = chunkFiles(loaderText);
  const size = (v) => sizeOf(chunkFile[v]);
  return loaderText
    .replace(own, "        const instantiate = fetcher();\n        const parallelStuff = deps.map(d => d());\n")
    .replace(/, \[(__chunk_\d+(?:, __chunk_\d+)*)\]\)\)/g,
      (_, list) => `, [${list.split(", ").sort((a, b) => size(b) - size(a)).join(", ")}]))`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, screen] = process.argv.slice(2);
  if (screen === "--largest-first") {
    const loader = join(dir, "__wasm_split.js");
    writeFileSync(loader, largestFirst(readFileSync(loader, "utf8"), (f) => statSync(join(dir, f)).size));
    process.exit(0);
  }
  const screens = screenFiles(readFileSync(join(dir, "__wasm_split.js"), "utf8"));
  // The loader's names carry a suffix (`editor_<hash>`): the screen is its group's name.
  const name = Object.keys(screens).find((n) => n === screen || n.startsWith(`${screen}_`));
  if (!name) { console.error(`split-map: no screen "${screen}" in ${dir}`); process.exit(1); }
  console.log(screens[name].join("\n"));
}
