// Benchmark (not a test): attach one large file in headless Chromium and print the time taken, the
// throughput, the wasm memory before, at its peak and after, and the longest the page stalled.
//   node bench/attach.mjs [--mb 200]
// Uses the bundled benchmark profile (xx-benchmark), whose file limit is above the default 25 MB.
import { openSync, writeSync, closeSync, existsSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileSync, mkdtempSync } from "node:fs";
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";

const i = process.argv.indexOf("--mb");
const MB = i > 0 ? Number(process.argv[i + 1]) : 200;
const file = join(tmpdir(), `mgl-bench-${MB}mb.pdf`);
if (!existsSync(file) || statSync(file).size !== MB * 1e6) {
  const fd = openSync(file, "w");
  writeSync(fd, Buffer.from("%PDF-1.4\n"));
  let left = MB * 1e6 - 9;
  while (left > 0) { const n = Math.min(left, 4e6); writeSync(fd, randomBytes(n)); left -= n; }
  closeSync(fd);
}
const native = (() => {
  const t0 = process.hrtime.bigint();
  const out = execFileSync("sha256sum", [file]).toString().split(" ")[0];
  return { sha: out, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
})();

const draftFile = join(mkdtempSync(join(tmpdir(), "mgl-bench-")), "draft.json");
writeFileSync(draftFile, JSON.stringify({ schema_version: 1, id: "benchattach", profile: "xx-benchmark", applicant: { organisation: "Benchmark" },
  legal_status: { status: "private_llc" }, sites: [{ id: "benchattach-s1", location: ["", "", "", ""] }] }));

const server = await serveDist();
const browser = await launch();
const page = await newPage(browser, []);
// (TrunkApplicationStarted: the builds before code splitting, to compare side by side with DIST.)
await page.addInitScript(() => { for (const name of ["mgl-app-started", "TrunkApplicationStarted"]) addEventListener(name, (e) => { window.__wasm = e.detail.wasm; }); });
await page.goto(server.url);
await page.locator("input[type=file]").first().setInputFiles(draftFile);
await field(page, "Organisation").waitFor();
await page.locator('.stepper [data-step="documents"]').click();
const item = page.locator("#doc-company-company-profile");
await item.waitFor();
const memory = () => page.evaluate(() => window.__wasm.memory.buffer.byteLength);
const before = await memory();
// Watch the page while it works: the longest gap between animation frames, and the progress shown.
await page.evaluate(() => {
  window.__watch = { longest: 0, progress: new Set(), peak: 0, run: true };
  let last = performance.now();
  const frame = (now) => {
    window.__watch.longest = Math.max(window.__watch.longest, now - last); last = now;
    const p = document.querySelector(".busy progress"); if (p) window.__watch.progress.add(p.value);
    window.__watch.peak = Math.max(window.__watch.peak, window.__wasm.memory.buffer.byteLength);
    if (window.__watch.run) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
const t0 = Date.now();
await item.locator("input[type=file]").setInputFiles(file);
await item.locator(".doc-files li").waitFor({ timeout: 600_000 });
const ms = Date.now() - t0;
const watch = await page.evaluate(() => { window.__watch.run = false; return { longest: window.__watch.longest, steps: window.__watch.progress.size, peak: window.__watch.peak }; });
const after = await memory();
const shown = await item.locator("code").getAttribute("title");
const mib = (b) => (b / 1048576).toFixed(1) + " MiB";
console.log(`attach one ${MB} MB file (headless Chromium, this machine)`);
console.log(`  time: ${(ms / 1000).toFixed(2)} s, ${(MB / (ms / 1000)).toFixed(0)} MB/s (check, SHA-256 in 1 MiB chunks, store in IndexedDB)`);
console.log(`  native sha256sum of the same file: ${(native.ms / 1000).toFixed(2)} s; ratio app/native ${(ms / native.ms).toFixed(1)}x`);
console.log(`  wasm memory: before ${mib(before)}, peak ${mib(watch.peak)}, after ${mib(after)}`);
console.log(`  longest gap between frames while attaching: ${watch.longest.toFixed(0)} ms; progress values shown: ${watch.steps}`);
console.log(`  hash matches sha256sum: ${shown === native.sha}`);
await browser.close();
await server.close();
