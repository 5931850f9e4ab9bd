// Benchmark (not a test): drawing the map of a portfolio of N sites on the sites step.
//   node bench/map.mjs [--sites 500] [--cpu 4] [--runs 5]
// Opens the portfolio of bench/portfolio.mjs as a file in the release build (dist/, or DIST), goes
// to the sites step, and times, in Chromium slowed down --cpu times, the click on "Map of the
// sites" until every site's point and the country's outline are in the page (the map's code and
// outline loaded once before, as on any later opening), and the longest task meanwhile.
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SITES = arg("sites", 500), CPU = arg("cpu", 4), RUNS = arg("runs", 5);
const file = portfolioFile(SITES);
const server = await serveDist(process.env.DIST ?? "dist");
const browser = await launch();
const page = await newPage(browser, []);
await page.goto(server.url);
await page.locator("input[type=file]").setInputFiles(file);
await field(page, "Organisation").waitFor();
await page.locator('.stepper [data-step="sites"]').click();
const toggle = page.getByRole("button", { name: "Map of the sites" });
await toggle.click();
await page.locator("section.site-map path.map-country").waitFor();
await toggle.click();
const cdp = await page.context().newCDPSession(page);
if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
const drawn = [], longest = [], shownAt = [];
for (let run = 0; run < RUNS; run++) {
  await page.evaluate(() => {
    window.mglLongest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.mglLongest = Math.max(window.mglLongest, e.duration);
    }).observe({ type: "longtask" });
  });
  // Clicked by the page itself, on the button found before the clock starts: Playwright's own
  // click, and even its locator's evaluate, first look the button up by its role and name among
  // the page's thousands of elements (seconds at 4x CPU with 500 sites), which is not the map's work.
  await toggle.scrollIntoViewIfNeeded();
  const button = await toggle.elementHandle();
  const start = Date.now();
  await button.evaluate((b) => b.click());
  await page.locator("section.site-map").waitFor({ state: "attached" });
  shownAt.push(Date.now() - start);
  await page.waitForFunction((n) => document.querySelectorAll("section.site-map .map-site").length >= n && document.querySelector("section.site-map path.map-country"), Math.floor(SITES * 2 / 3));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  drawn.push(Date.now() - start);
  longest.push(await page.evaluate(() => window.mglLongest));
  await toggle.click();
  await page.locator("section.site-map").waitFor({ state: "detached" });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`map of ${SITES} sites, CPU ${CPU}x, median of ${RUNS}: drawn in ${median(drawn)} ms (runs ${drawn.join(", ")}; its section in the page after ${median(shownAt)} ms), longest task ${median(longest).toFixed(0)} ms`);
console.log("RESULT " + JSON.stringify({ sites: SITES, cpu: CPU, drawn_ms: median(drawn), longest_task_ms: median(longest) }));
await browser.close();
await server.close();
