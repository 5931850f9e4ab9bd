// Makes one self-contained HTML file of the built app (dist-single/mgl-app.html): the CSS (from the
// served build, dist/) and the JS glue inline, the wasm embedded as base64 and handed to the init
// function as bytes. The wasm is the build that is not split (`scripts/build-app --single`, in
// target/app-single/): a page opened from a file cannot fetch the screens' modules later. It runs
// from file://, to hand over on a USB stick or by a messaging app. No service worker there.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const app = process.argv[3] ?? "target/app-single";
const out = process.argv[4] ?? "dist-single";
const files = readdirSync(dist);
const pick = (re) => files.find((f) => re.test(f)) ?? (() => { throw new Error(`no ${re} in ${dist}`); })();
const css = readFileSync(join(dist, pick(/\.css$/)), "utf8");
const glue = readFileSync(join(app, "mgl-app.js"), "utf8")
  .replace(/^export \{[^}]*\};?\s*$/m, "")   // an inline module cannot export
  .replace(/^export (class|function|const|let) /gm, "$1 ");
const wasm = readFileSync(join(app, "mgl-app_bg.wasm")).toString("base64");
// The translations, which the served app fetches when a language is chosen, go in the file too.
const catalogues = Object.fromEntries(["fr", "pt"].map((code) => [code, readFileSync(join(dist, `${code}.po`), "utf8")]));
let html = readFileSync("index.html", "utf8")
  .replace(/\s*<link data-trunk[^>]*>/g, "")
  // The served build's loader (scripts/build-app fills in __APP__): here the glue is inline instead.
  .replace(/\s*<!-- The app:[^]*?-->/, "")
  .replace(/\s*<link rel="(?:module)?preload" href="\.\/__APP__[^>]*>/g, "")
  .replace(/\s*<script type="module">[^<]*__APP__[^<]*<\/script>/, "")
  .replace(/\s*<link rel="manifest"[^>]*>/, "");
// </script> cannot appear inside an inline script; the glue and base64 never contain it, but check.
if (glue.includes("</script")) throw new Error("the glue contains </script");
const cataloguesJson = JSON.stringify(catalogues).replace(/</g, "\\u003c");
// The countries' outlines (the country check, the map), which the served app fetches when a draft
// opens: a page opened from a file cannot fetch, so the page answers those fetches itself.
const outlines = Object.fromEntries(readdirSync(join(dist, "outlines")).map((name) =>
  [`outlines/${name}`, readFileSync(join(dist, "outlines", name), "utf8")]));
const appFilesJson = JSON.stringify(outlines).replace(/</g, "\\u003c");
const answerFetches = `{ const files = ${appFilesJson}; const fetchFromFile = window.fetch.bind(window);
  window.fetch = (input, init) => typeof input === "string" && input in files
    ? Promise.resolve(new Response(files[input], { headers: { "Content-Type": "application/json" } }))
    : fetchFromFile(input, init); }`;
html = html.replace("<head>", () => `<head>\n<script>window.mglCatalogues = ${cataloguesJson};\n${answerFetches}</script>`);
html = html.replace("</head>", `<style>${css}</style>\n<script type="module">\n${glue}\n` +
  `const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));\n` +
  `await __wbg_init({ module_or_path: bytes });\n</script>\n</head>`);
if (html.includes("__APP__")) throw new Error("the served build's loader is still in the page");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "mgl-app.html"), html);
console.log(`${out}/mgl-app.html: ${(html.length / 1024).toFixed(0)} KB`);
