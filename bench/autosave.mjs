// Benchmark (not a test): how long after the last keystroke a change is on disk, in a large portfolio.
//   node bench/autosave.mjs [--sites 100] [--cpu 4] [--runs 20]
// Opens a draft of N sites (bench/portfolio.mjs) in the release build (dist/, or DIST=dir to measure
// another build side by side), slows the CPU, and types into an applicant field and into a site's
// name: bursts of 4 keystrokes 120 ms apart (a quick typist) followed by a pause, then 50 keystrokes
// without one. The page itself notes, by its own clock (no harness latency counts), each keystroke,
// when the app opened each write of the draft (an IndexedDB readwrite transaction, or
// localStorage.setItem in builds before durable storage), when that write completed (the
// transaction's `complete`: on disk, with strict durability; a localStorage write reaches the disk
// seconds later whatever this says), and when "Saved on this device" showed.
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SITES = arg("sites", 100), CPU = arg("cpu", 4), RUNS = arg("runs", 20);

const INSTRUMENT = () => {
  const marks = (window.autosave = { keys: [], writes: [], saved: [] });
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (tx.mode === "readwrite") {
      const write = { opened: performance.now(), store: [...tx.objectStoreNames].join() };
      marks.writes.push(write);
      tx.addEventListener("complete", () => { write.complete = performance.now(); });
    }
    return tx;
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const opened = performance.now();
    setItem.call(this, key, value);
    if (key.startsWith("mgl.draft.")) marks.writes.push({ opened, complete: performance.now(), store: "localStorage" });
  };
  let saved = false;
  new MutationObserver(() => {
    const status = document.querySelector("[data-testid=save-status]");
    const now = !!status && status.textContent.includes("Saved on this device");
    if (now && !saved) marks.saved.push(performance.now());
    saved = now;
  }).observe(document, { subtree: true, childList: true, characterData: true });
  // One keystroke as the browser delivers it, noted first.
  window.typeKey = (input, ch) => {
    marks.keys.push(performance.now());
    input.value += ch;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, data: ch, inputType: "insertText" }));
  };
};

const file = portfolioFile(SITES);
const server = await serveDist(process.env.DIST ?? "dist");
const browser = await launch();
const page = await newPage(browser, []);
await page.context().addInitScript(INSTRUMENT);
const cdp = await page.context().newCDPSession(page);
await page.goto(server.url);
await page.locator("input[type=file]").setInputFiles(file);
await field(page, "Organisation").waitFor();
await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });

/** Bursts of 4 keystrokes 120 ms apart, each followed by a pause: per burst, the marks after its last key. */
async function bursts(locator) {
  const input = await locator.elementHandle();
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const last = await input.evaluate(async (input) => {
      for (const ch of "Kuc ") {
        window.typeKey(input, ch);
        await new Promise((r) => setTimeout(r, 120));
      }
      return window.autosave.keys.at(-1);
    });
    await page.waitForFunction((last) => window.autosave.saved.some((t) => t > last), last, { polling: 50 });
    runs.push(await page.evaluate((last) => {
      const { writes, saved } = window.autosave;
      const write = writes.find((w) => w.opened > last && w.store !== "files");
      return { opened: write.opened - last, committed: write.complete - write.opened, shown: saved.find((t) => t > last) - last, durable: write.complete - last, store: write.store };
    }, last));
    await page.waitForTimeout(300);
  }
  return runs;
}

/** Typing without a pause for 6 s (a keystroke every 120 ms): per keystroke, how long until a write made after it completed. */
async function continuous(locator) {
  const input = await locator.elementHandle();
  const first = await input.evaluate(async (input) => {
    const from = window.autosave.keys.length;
    for (let i = 0; i < 50; i++) {
      window.typeKey(input, "abcdefghij"[i % 10]);
      await new Promise((r) => setTimeout(r, 120));
    }
    return from;
  });
  const last = await page.evaluate(() => window.autosave.keys.at(-1));
  await page.waitForFunction((last) => window.autosave.writes.some((w) => w.opened > last && w.complete), last, { polling: 50 });
  return page.evaluate((first) => {
    const { keys, writes } = window.autosave;
    return keys.slice(first).map((k) => writes.find((w) => w.opened > k && w.complete && w.store !== "files").complete - k);
  }, first);
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, worst ${s[s.length - 1].toFixed(0)} ms`;
};
const report = (name, runs, typing) => {
  console.log(`  ${name} (${runs[0].store}):`);
  console.log(`    after a burst, last keystroke -> write completed: ${stat(runs.map((r) => r.durable))}; -> "Saved on this device" shown: ${stat(runs.map((r) => r.shown))}`);
  console.log(`      of which: last keystroke -> write opened ${stat(runs.map((r) => r.opened))}; opened -> completed ${stat(runs.map((r) => r.committed))}`);
  console.log(`    typing 6 s without a pause, each keystroke -> a write holding it completed: ${stat(typing)}`);
};

const applicant = await bursts(field(page, "Organisation"));
const applicantTyping = await continuous(field(page, "Organisation"));
await page.locator('.stepper [data-step="sites"]').click();
await page.getByRole("button", { name: `Village ${Math.ceil(SITES / 2)}`, exact: true }).click();
const site = await bursts(field(page, "Name of the site"));
const siteTyping = await continuous(field(page, "Name of the site"));
console.log(`autosave with ${SITES} sites, CPU slowdown ${CPU}x, ${RUNS} bursts of 4 keystrokes 120 ms apart per field, then 50 keystrokes without a pause`);
report("applicant field", applicant, applicantTyping);
report("site name field", site, siteTyping);
const durable = [...applicant, ...site].map((r) => r.durable).sort((a, b) => a - b);
const typing = [...applicantTyping, ...siteTyping].sort((a, b) => a - b);
console.log("RESULT " + JSON.stringify({ sites: SITES, cpu: CPU, store: applicant[0].store, burst_median_ms: durable[Math.floor(durable.length / 2)], burst_worst_ms: durable.at(-1), typing_worst_ms: typing.at(-1) }));
await browser.close();
await server.close();
