// Fails the build when a file of the app needs a browser newer than the oldest we support: Chrome 109
// (the last on Windows 7 and 8.1) and Firefox ESR 115. scripts/build-app runs it on every build.
//   node scripts/browser-support.mjs DIR_OR_FILE...
// - WebAssembly: crates/browser-support validates each module against the features both run and
//   lists those it uses.
// - JavaScript (files, and the scripts inside HTML pages): parsed as ECMAScript 2022, the last edition
//   whose syntax both run (ES2024's RegExp `v` flag needs Firefox 116), and searched for the built-in
//   functions that arrived later. Built-ins are named in the glue even when they come from Rust
//   (web-sys calls them by name), so a new API shows here too.
// - Stylesheets: no nested rules (Chrome 112, Firefox 117) and none of the later features below.
// esbuild, which minifies the glue and the stylesheet, targets the same browsers (scripts/build-app).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { parse } from "acorn";

export const OLDEST = "Chrome 109 and Firefox ESR 115";

// Built-ins newer than one of the two, with the versions that brought them (Chrome / Firefox).
const LATER_APIS = [
  [/\.withResolvers\b/, "Promise.withResolvers (Chrome 119)"],
  [/\.(toSorted|toReversed|toSpliced)\(/, "Array's copying methods (Chrome 110)"],
  [/\bgroupBy\(/, "Object.groupBy / Map.groupBy (Chrome 117, Firefox 119)"],
  [/\.fromAsync\(/, "Array.fromAsync (Chrome 121)"],
  [/\.(isWellFormed|toWellFormed)\(/, "String well-formedness methods (Chrome 111)"],
  [/\bURL\.(canParse|parse)\(/, "URL.canParse / URL.parse (Chrome 120)"],
  [/\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/, "Set methods (Chrome 122, Firefox 127)"],
  [/\.transferToFixedLength\(|\bmaxByteLength\b/, "resizable ArrayBuffer (Chrome 111, Firefox 128)"],
  [/\.bytes\(\)/, "Blob.bytes / Response.bytes (Chrome 132, Firefox 125)"],
  [/\buserActivation\b/, "navigator.userActivation (Firefox 120)"],
  [/\bscheduler\.(postTask|yield)\b/, "scheduler.postTask / yield (Firefox 142)"],
  [/\.(showPopover|hidePopover|togglePopover)\(/, "popovers (Chrome 114, Firefox 125)"],
  [/\bIterator\.from\b|\.values\(\)\.(map|filter|take|drop)\(/, "iterator helpers (Chrome 122, Firefox 131)"],
];
const LATER_CSS = [
  [/:has\(/, ":has() (Firefox 121)"],
  [/color-mix\(/, "color-mix() (Chrome 111)"],
  [/@property\b/, "@property (Firefox 128)"],
  [/@scope\b/, "@scope (Chrome 118, no Firefox ESR)"],
  [/@starting-style\b/, "@starting-style (Chrome 117, Firefox 129)"],
  [/\d(lh|rlh)\b/, "the lh unit (Chrome 109)"],
];

/** The problems of one JavaScript text: a syntax error at ES2022, or a later built-in it calls. */
export function checkScript(text, sourceType) {
  const problems = [];
  try {
    parse(text, { ecmaVersion: 2022, sourceType, allowHashBang: true });
  } catch (error) {
    problems.push(`syntax newer than ECMAScript 2022 or invalid (${error.message})`);
  }
  for (const [pattern, what] of LATER_APIS) if (pattern.test(text)) problems.push(`calls ${what}`);
  return problems;
}

/** The problems of one stylesheet: nested rules, or a later feature. */
export function checkStylesheet(text) {
  const css = text.replace(/\/\*[^]*?\*\//g, "").replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const problems = [];
  // A block is an at-rule's (which may hold rules) or a style rule's (which, without nesting, may not).
  const open = [];
  let prelude = "";
  for (const char of css) {
    if (char === "{") {
      const atRule = prelude.trim().startsWith("@");
      if (open.length > 0 && open[open.length - 1] === "style" && !problems.some((p) => p.startsWith("nested"))) {
        problems.push(`nested rules (Chrome 112, Firefox 117): "${prelude.trim().slice(0, 60)}"`);
      }
      // A keyframes block holds keyframe selectors, which are style-like blocks.
      open.push(atRule ? "at" : "style");
      prelude = "";
    } else if (char === "}") {
      open.pop();
      prelude = "";
    } else if (char === ";") {
      prelude = "";
    } else {
      prelude += char;
    }
  }
  for (const [pattern, what] of LATER_CSS) if (pattern.test(css)) problems.push(`uses ${what}`);
  return problems;
}

/** The scripts inside an HTML page, each with how the browser runs it. */
export function scriptsOf(html) {
  return [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)]
    .map(([, attributes, text]) => ({ attributes, text, type: /\btype="([^"]*)"/.exec(attributes)?.[1] ?? "" }))
    // Only what the browser runs as JavaScript: not data blocks (JSON, templates) nor external files.
    .filter(({ attributes, type }) => !/\bsrc=/.test(attributes) && ["", "module", "text/javascript"].includes(type))
    .map(({ text, type }) => ({ text, sourceType: type === "module" ? "module" : "script" }));
}

function filesUnder(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node scripts/browser-support.mjs DIR_OR_FILE...");
    process.exit(2);
  }
  const files = paths.flatMap(filesUnder);
  const problems = [];
  for (const file of files) {
    const report = (found) => found.forEach((problem) => problems.push(`${file}: ${problem}`));
    if (file.endsWith(".js") || file.endsWith(".mjs")) {
      // The service worker is a classic script; the app's glue and split loader are modules.
      report(checkScript(readFileSync(file, "utf8"), file.endsWith("sw.js") ? "script" : "module"));
    } else if (file.endsWith(".html")) {
      for (const { text, sourceType } of scriptsOf(readFileSync(file, "utf8"))) report(checkScript(text, sourceType));
    } else if (file.endsWith(".css")) {
      report(checkStylesheet(readFileSync(file, "utf8")));
    }
  }
  const wasm = files.filter((file) => file.endsWith(".wasm"));
  let wasmRefused = false;
  if (wasm.length > 0) {
    try {
      const used = execFileSync("cargo", ["run", "--quiet", "-p", "browser-support", "--", ...wasm], { stdio: ["ignore", "pipe", "inherit"] });
      // One line for all modules: the features are the same in most of them.
      const features = new Set(String(used).split("\n").flatMap((line) => line.split(": uses ")[1]?.split(", ") ?? []).filter(Boolean));
      console.log(`browser-support: ${wasm.length} WebAssembly modules use ${[...features].join(", ") || "nothing beyond WebAssembly 1.0"}`);
    } catch {
      wasmRefused = true;
    }
  }
  for (const problem of problems) console.error(`browser-support: ${problem}`);
  if (problems.length > 0 || wasmRefused) {
    console.error(`browser-support: the build would not run in ${OLDEST} (see README, "Supported browsers")`);
    process.exit(1);
  }
  console.log(`browser-support: ${files.length} files run in ${OLDEST}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
