// The build's browser-support check (scripts/browser-support.mjs) refuses what Chrome 109 or
// Firefox ESR 115 cannot run, and lets through what they can. (Its WebAssembly half is tested in
// crates/browser-support.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkScript, checkStylesheet, scriptsOf } from "../../scripts/browser-support.mjs";

test("ES2022 syntax passes: class fields and static blocks, private names, top-level await", () => {
  const modern = "class A { #x = 1; static { A.y = 2; } has(o) { return #x in o; } }\nawait Promise.resolve(new A());";
  assert.deepEqual(checkScript(modern, "module"), []);
});

test("syntax after ES2022 is refused: the RegExp v flag (Firefox 116)", () => {
  const [problem] = checkScript("const word = /[\\p{L}--[a-z]]/v;", "module");
  assert.match(problem, /newer than ECMAScript 2022/);
});

test("a module's syntax in a classic script is refused (the service worker is a classic script)", () => {
  assert.equal(checkScript("import x from './x.js';", "script").length, 1);
  assert.deepEqual(checkScript("import x from './x.js';", "module"), []);
});

test("later built-ins are named, with the browser that lacks them", () => {
  assert.deepEqual(checkScript("const { promise } = Promise.withResolvers();", "module"), ["calls Promise.withResolvers (Chrome 119)"]);
  assert.match(checkScript("rows.toSorted((a, b) => a - b)", "script")[0], /Chrome 110/);
  assert.match(checkScript("await blob.bytes()", "module")[0], /Blob.bytes/);
  assert.deepEqual(checkScript("await blob.arrayBuffer(); navigator.storage.persist();", "module"), []);
});

test("nested CSS rules are refused; rules inside @media, @supports and @keyframes are not", () => {
  assert.deepEqual(checkStylesheet("@media (max-width:40em){main{padding:0}}@supports (display:grid){.a{display:grid}}" +
    "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}a{color:red}"), []);
  assert.match(checkStylesheet(".card{padding:1em;& h2{margin:0}}")[0], /nested rules/);
  assert.match(checkStylesheet("@media print{.card{.title{margin:0}}}")[0], /nested rules/);
  // Braces in strings and comments are not blocks.
  assert.deepEqual(checkStylesheet('a::after{content:"{"}/* b { c { */'), []);
});

test("later CSS features are named", () => {
  assert.deepEqual(checkStylesheet("label:has(input:invalid){color:red}"), [":has() (Firefox 121)"].map((f) => `uses ${f}`));
  assert.match(checkStylesheet("p{margin-block:1lh}")[0], /lh unit/);
  assert.deepEqual(checkStylesheet("p{font:1rem/1.4 system-ui;margin:0 0 1.5rem}"), []);
});

test("the scripts of a page: inline JavaScript only, each with its kind", () => {
  const page = '<script>var a = 1;</script><script type="module">await 0;</script>' +
    '<script type="application/json">{"a": 1}</script><script src="x.js"></script>';
  assert.deepEqual(scriptsOf(page), [{ text: "var a = 1;", sourceType: "script" }, { text: "await 0;", sourceType: "module" }]);
});
