// Benchmark (not a test): export a signed bundle with large attachments in headless Chromium and
// print the time, throughput, peak wasm memory and longest stall, beside native `sha256sum` plus
// `zip -0` on the same files.
//   node bench/export.mjs [--mb 200] [--files 4]
// Uses the bundled benchmark profile (xx-benchmark), whose file limit is above the default 25 MB.
import { openSync, writeSync, closeSync, existsSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, field, fill } from "../tests/e2e/helpers.mjs";

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const MB = arg("--mb", 200);
const FILES = arg("--files", 4);
const ITEMS = ["company-profile", "operations-plan", "rollout-plan", "funding", "customer-agreement", "tax-clearance"].slice(0, FILES);
const dir = mkdtempSync(join(tmpdir(), "mgl-bench-export-"));
const files = ITEMS.map((item, n) => {
  const file = join(tmpdir(), `mgl-bench-export-${MB}-${FILES}-${n}.pdf`);
  const size = Math.floor(MB * 1e6 / FILES);
  if (!existsSync(file) || statSync(file).size !== size) {
    const fd = openSync(file, "w");
    writeSync(fd, Buffer.from("%PDF-1.4\n"));
    let left = size - 9;
    while (left > 0) { const k = Math.min(left, 4e6); writeSync(fd, randomBytes(k)); left -= k; }
    closeSync(fd);
  }
  return file;
});

const timed = (f) => { const t0 = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t0) / 1e6; };
const nativeZip = join(dir, "native.zip");
const nativeMs = timed(() => {
  execFileSync("sha256sum", files);
  execFileSync("zip", ["-0", "-q", "-j", nativeZip, ...files]);
});

const draftFile = join(dir, "draft.json");
writeFileSync(draftFile, JSON.stringify({ schema_version: 1, id: "benchexport", profile: "xx-benchmark", applicant: { organisation: "Benchmark" },
  legal_status: { status: "private_llc" }, sites: [{ id: "benchexport-s1", location: ["", "", "", ""] }] }));

const server = await serveDist(process.env.DIST ?? "dist"); // DIST: compare another build side by side
const browser = await launch();
const page = await newPage(browser, []);
// (TrunkApplicationStarted: the builds before code splitting, to compare side by side with DIST.)
await page.addInitScript(() => { for (const name of ["mgl-app-started", "TrunkApplicationStarted"]) addEventListener(name, (e) => { window.__wasm = e.detail.wasm; }); });
await page.goto(server.url);
const PASS = "benchmark passphrase";
await page.getByRole("button", { name: "Signing keys" }).click();
await fill(page, "Whose key is it (name and organisation)", "Benchmark");
await fill(page, "Passphrase", PASS);
await fill(page, "The same passphrase again", PASS);
await page.getByRole("button", { name: "Create the key" }).click();
await page.locator(".key-card").waitFor();
const keyMs = Number((await page.locator(".message.ok").innerText()).match(/protected in ([\d.]+) s/)[1]) * 1000;

await page.getByRole("button", { name: "Applications" }).click();
await page.locator("input[type=file]").first().setInputFiles(draftFile);
await field(page, "Organisation").waitFor();
await page.locator('.stepper [data-step="documents"]').click();
for (let n = 0; n < FILES; n++) {
  const item = page.locator(`#doc-company-${ITEMS[n]}`);
  await item.locator("input[type=file]").setInputFiles(files[n]);
  await item.locator(".doc-files li").waitFor({ timeout: 600_000 });
}
await page.locator('.stepper [data-step="review"]').click();
// A key is made once and used on later days: start the export from a fresh page, so that the
// 16 MiB scrypt buffer of the key's creation is not counted in the export's memory. (In the same
// session as the key's creation, the unlock's 16 MiB comes on top: about 33 MiB at the peak.)
await page.reload();
await page.getByLabel(/^Passphrase of /).waitFor();
await page.getByLabel(/^Passphrase of /).fill(PASS);
await page.locator(".export-anyway input").check();
const memory = () => page.evaluate(() => window.__wasm.memory.buffer.byteLength);
const before = await memory();
await page.evaluate(() => {
  window.__watch = { longest: 0, peak: 0, run: true };
  let last = performance.now();
  const frame = (now) => {
    window.__watch.longest = Math.max(window.__watch.longest, now - last); last = now;
    window.__watch.peak = Math.max(window.__watch.peak, window.__wasm.memory.buffer.byteLength);
    if (window.__watch.run) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
const t0 = Date.now();
const [download] = await Promise.all([
  page.waitForEvent("download", { timeout: 600_000 }),
  page.getByRole("button", { name: "Export the signed bundle" }).click(),
]);
const ms = Date.now() - t0;
const watch = await page.evaluate(() => { window.__watch.run = false; return window.__watch; });
const out = join(dir, "bundle.zip");
await download.saveAs(out);
const size = statSync(out).size;
const listing = execFileSync("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(len(z.infolist()), z.testzip())", out]).toString().trim();
const mib = (b) => (b / 1048576).toFixed(1) + " MiB";
console.log(`export a signed bundle with ${FILES} attachments, ${MB} MB in all (headless Chromium, this machine)`);
console.log(`  key creation (scrypt N=2^14, r=8, p=1, 16 MiB): ${keyMs.toFixed(0)} ms`);
console.log(`  export: ${(ms / 1000).toFixed(2)} s, ${(MB / (ms / 1000)).toFixed(0)} MB/s (unlock key, re-hash SHA-256 + CRC-32 in 1 MiB chunks, sign, zip from Blob parts)`);
console.log(`  native sha256sum + zip -0 of the same files: ${(nativeMs / 1000).toFixed(2)} s; ratio app/native ${(ms / nativeMs).toFixed(1)}x`);
console.log(`  wasm memory: before ${mib(before)}, peak ${mib(watch.peak)}`);
console.log(`  longest gap between frames while exporting: ${watch.longest.toFixed(0)} ms`);
console.log(`  bundle: ${(size / 1e6).toFixed(1)} MB, Python zipfile: ${listing} (entries, first bad entry)`);
console.log("RESULT " + JSON.stringify({ mb: MB, export_s: ms / 1000, mb_per_s: MB / (ms / 1000), native_s: nativeMs / 1000, ratio: ms / nativeMs, peak_mib: watch.peak / 1048576, before_mib: before / 1048576, longest_frame_gap_ms: watch.longest }));
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
