// Benchmark (not a test): importing a portfolio's sites from a file, as a user does on the sites step.
//   node bench/import.mjs [--sites 500] [--cpu 4] [--runs 5]
// Makes a register of N sites (the portfolio of bench/portfolio.mjs, exported by `mgl sites export`
// as CSV and as XLSX), opens the register panel of a new application in the release build (dist/,
// or DIST), and for each format and run picks the file and measures, in Chromium slowed down --cpu
// times: the time from the pick to the preview on screen, the longest main-thread task meanwhile
// (a page that stalls), and the time from "Add" to the site list showing every site.
import { spawnSync } from "node:child_process";
import { serveDist, launch, newPage } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SITES = arg("sites", 500), CPU = arg("cpu", 4), RUNS = arg("runs", 5);

const draft = portfolioFile(SITES);
const files = {};
for (const format of ["csv", "xlsx"]) {
  const out = draft.replace(/portfolio\.json$/, `sites.${format}`);
  const made = spawnSync("target/debug/mgl", ["sites", "export", draft, `--${format}`, "--out", out], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`mgl sites export --${format}: ${made.stderr}`);
  files[format] = out;
}

const server = await serveDist(process.env.DIST ?? "dist");
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const format of ["csv", "xlsx"]) {
  const preview = [], stall = [], apply = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await newPage(browser, []);
    await page.goto(server.url);
    await page.getByRole("button", { name: "Start a new application" }).click();
    await page.locator('.stepper [data-step="sites"]').click();
    await page.getByRole("button", { name: "Import or export sites (spreadsheet, GeoJSON, KML)" }).click();
    const panel = page.locator("section.register");
    await panel.locator("input[type=file]").waitFor({ state: "attached" });
    // Loaded once outside the measure, as after a first import: the catalogues of the three languages.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const cdp = await page.context().newCDPSession(page);
    if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
    await page.evaluate(() => {
      window.mglLongest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.mglLongest = Math.max(window.mglLongest, e.duration);
      }).observe({ type: "longtask" });
    });
    const start = Date.now();
    await panel.locator("input[type=file]").setInputFiles(files[format]);
    await panel.locator(".register-preview h4").filter({ hasText: `${SITES} sites to import` }).waitFor({ timeout: 60_000 });
    preview.push(Date.now() - start);
    stall.push(await page.evaluate(() => window.mglLongest));
    const added = Date.now();
    await panel.getByRole("button", { name: `Add ${SITES} sites`, exact: true }).click();
    await page.locator("table.site-list tbody tr").nth(SITES - 1).waitFor({ state: "attached", timeout: 60_000 });
    apply.push(Date.now() - added);
    await page.close();
  }
  results[format] = { preview_ms: median(preview), longest_task_ms: median(stall), apply_ms: median(apply) };
  console.log(`${format}: ${SITES} sites, CPU ${CPU}x, median of ${RUNS}: preview shown in ${median(preview)} ms (runs ${preview.join(", ")}), longest task meanwhile ${median(stall).toFixed(0)} ms (runs ${stall.map((x) => x.toFixed(0)).join(", ")}), sites listed ${median(apply)} ms after "Add"`);
}
console.log("RESULT " + JSON.stringify({ sites: SITES, cpu: CPU, ...results }));
await browser.close();
await server.close();
