// Benchmark (not a test): main-thread work per keystroke while typing in a portfolio of many sites.
//   node bench/typing.mjs [--sites 100] [--cpu 1] [--keys 40]
// Builds a draft of N sites from examples/two-site-draft.json, opens it as a file in the release build
// (dist/), types into a site's field and into an applicant field, and prints, per keystroke, the
// main-thread time of the app's work: event handler, reactive updates, style and layout. A keystroke
// whose window also holds an autosave write (on its timer: once typing pauses, or once a second
// while it does not) is counted apart, and so is that write's cost.
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SITES = arg("sites", 100), CPU = arg("cpu", 1), KEYS = arg("keys", 40);

const file = portfolioFile(SITES);

const server = await serveDist(process.env.DIST ?? "dist"); // DIST: compare another build side by side
const browser = await launch();
const page = await newPage(browser, []);
// The draft's writes to the device (IndexedDB readwrite transactions; localStorage in builds before
// durable storage), counted, so that a keystroke's window holding an autosave is told apart: the
// autosave runs on a timer, once typing pauses or once a second while it does not.
await page.context().addInitScript(() => {
  window.mglWrites = 0;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (tx.mode === "readwrite") window.mglWrites++;
    return tx;
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key.startsWith("mgl.draft.")) window.mglWrites++;
    return setItem.call(this, key, value);
  };
});
const cdp = await page.context().newCDPSession(page);
await page.goto(server.url);
await page.locator("input[type=file]").setInputFiles(file);
await field(page, "Organisation").waitFor();
if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });

// Per keystroke: insert a character as typing does (CDP Input.insertText: the browser's own input
// event, no script of the harness in the page; until this stop a page script appended it and fired
// the event, and its own 2-3 ms at 4x were counted as the app's), wait until every
// update it causes has run (Leptos runs effects as chained microtasks, and style and layout happen at
// the next frame), and take the main thread's script, style and layout time from Chromium's own
// counters (CDP Performance.getMetrics), which are not disturbed by when the updates run. Paint is not
// included: headless Chromium here rasterises in software (no GPU), which a laptop's GPU does off the
// main thread.
await cdp.send("Performance.enable");
// Seconds of main-thread work so far, by kind.
const busy = async () => {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return { script: m.ScriptDuration, style: m.RecalcStyleDuration, layout: m.LayoutDuration };
};
const PARTS = ["script", "style", "layout"];
async function typeInto(locator, text) {
  await locator.click();
  // The element, found once: finding it by its label on each keystroke is Playwright's own script
  // (it reads every label of the page), which the counters would count as the app's.
  const input = await locator.elementHandle();
  await page.waitForTimeout(500);
  const perKey = [];
  await input.focus();
  await input.evaluate((input) => input.setSelectionRange(input.value.length, input.value.length));
  for (const ch of text) {
    // Read outside the keystroke's window, like every script of this harness.
    const writes = await page.evaluate(() => window.mglWrites);
    const before = await busy();
    // A keystroke as the browser delivers it (the text inserted into the focused input, its input
    // event fired): no script of the harness runs in the page inside the window.
    await cdp.send("Input.insertText", { text: ch });
    await page.waitForTimeout(150);
    const after = await busy();
    const parts = Object.fromEntries(PARTS.map((k) => [k, (after[k] - before[k]) * 1000]));
    // Read after the counters, so that this little script is in no window.
    parts.autosave = (await page.evaluate(() => window.mglWrites)) > writes;
    perKey.push(parts);
  }
  return perKey;
}

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

const total = (keys) => keys.map((k) => PARTS.reduce((sum, part) => sum + k[part], 0));
// What the slowest keystrokes (the top tenth) are made of, and the median keystroke.
const breakdown = (keys) => {
  const sorted = [...keys].sort((a, b) => total([b])[0] - total([a])[0]);
  const slow = sorted.slice(0, Math.max(1, Math.round(keys.length / 10)));
  const mean = (ks, part) => (ks.reduce((sum, k) => sum + k[part], 0) / ks.length).toFixed(1);
  const median = (part) => { const v = keys.map((k) => k[part]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)].toFixed(1); };
  return PARTS.map((part) => `${part} ${median(part)} (slowest tenth ${mean(slow, part)})`).join(", ") + " ms";
};
const text = "Kuchi North extension ward 7 ".repeat(3).slice(0, KEYS);
// Keystrokes whose window holds no autosave write (the keystroke's own work), and those that do.
const typed = await typeInto(field(page, "Organisation"), text);
const applicantKeys = typed.filter((k) => !k.autosave);
const applicant = total(applicantKeys);
await page.locator('.stepper [data-step="sites"]').click();
await page.getByRole("button", { name: `Village ${Math.ceil(SITES / 2)}`, exact: true }).click();
const typedInSite = await typeInto(field(page, "Name of the site"), text);
const siteKeys = typedInSite.filter((k) => !k.autosave);
const site = total(siteKeys);
const withWrite = total([...typed, ...typedInSite].filter((k) => k.autosave));
console.log(`typing with ${SITES} sites, CPU slowdown ${CPU}x, ${KEYS} keystrokes each (main-thread time per keystroke)`);
console.log(`  applicant field: ${stats(applicant)} (${applicantKeys.length} keystrokes; ${KEYS - applicantKeys.length} more with an autosave write beside, below)`);
console.log(`  site name field: ${stats(site)} (${siteKeys.length} keystrokes; ${KEYS - siteKeys.length} more with an autosave write beside)`);
if (withWrite.length) console.log(`  a keystroke with an autosave write beside it (the write is on a timer, not in the keystroke): ${stats(withWrite)}`);
console.log(`  median keystroke by kind: applicant ${breakdown(applicantKeys)}`);
console.log(`                            site name ${breakdown(siteKeys)}`);
const p95 = (ms) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(0.95 * ms.length))];
if (process.env.ALL) console.log(site.map((x) => x.toFixed(0)).join(" "), "\n", applicant.map((x) => x.toFixed(0)).join(" "));
const median = (ms) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
console.log("RESULT " + JSON.stringify({ sites: SITES, cpu: CPU, applicant_p95_ms: p95(applicant), site_p95_ms: p95(site), with_autosave_median_ms: withWrite.length ? median(withWrite) : null }));
await browser.close();
await server.close();
