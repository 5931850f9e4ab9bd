// Makes one self-contained HTML file of the built app (dist/ -> dist-single/mgl-app.html): the CSS and
// the JS glue inline, the wasm embedded as base64 and handed to the init function as bytes. It runs
// from file://, to hand over on a USB stick or by a messaging app. No service worker there.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const out = process.argv[3] ?? "dist-single";
const files = readdirSync(dist);
const pick = (re) => files.find((f) => re.test(f)) ?? (() => { throw new Error(`no ${re} in ${dist}`); })();
const css = readFileSync(join(dist, pick(/\.css$/)), "utf8");
const glue = readFileSync(join(dist, pick(/^mgl-app-[0-9a-f]+\.js$/)), "utf8")
  .replace(/^export \{[^}]*\};?\s*$/m, "")   // an inline module cannot export
  .replace(/^export (class|function|const|let) /gm, "$1 ");
const wasm = readFileSync(join(dist, pick(/_bg\.wasm$/))).toString("base64");
// The translations, which the served app fetches when a language is chosen, go in the file too.
const catalogues = Object.fromEntries(["fr", "pt"].map((code) => [code, readFileSync(join(dist, `${code}.po`), "utf8")]));
let html = readFileSync("index.html", "utf8")
  .replace(/\s*<link data-trunk[^>]*>/g, "")
  .replace(/\s*<link rel="manifest"[^>]*>/, "");
// </script> cannot appear inside an inline script; the glue and base64 never contain it, but check.
if (glue.includes("</script")) throw new Error("the glue contains </script");
const cataloguesJson = JSON.stringify(catalogues).replace(/</g, "\\u003c");
html = html.replace("<head>", () => `<head>\n<script>window.mglCatalogues = ${cataloguesJson};</script>`);
html = html.replace("</head>", `<style>${css}</style>\n<script type="module">\n${glue}\n` +
  `const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));\n` +
  `await __wbg_init({ module_or_path: bytes });\n</script>\n</head>`);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "mgl-app.html"), html);
console.log(`${out}/mgl-app.html: ${(html.length / 1024).toFixed(0)} KB`);
