// Benchmark helper (not a test): where the map's opening spends the main thread. Opens the map of
// N sites as bench/map.mjs does, under Chromium's tracing, and prints the time of each kind of
// main-thread event (style, layout, parsing, script, paint) during one opening.
//   node bench/trace-map.mjs [--sites 500] [--cpu 4]
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SITES = arg("sites", 500), CPU = arg("cpu", 4);
const server = await serveDist(process.env.DIST ?? "dist");
const browser = await launch();
const page = await newPage(browser, []);
await page.goto(server.url);
await page.locator("input[type=file]").setInputFiles(portfolioFile(SITES));
await field(page, "Organisation").waitFor();
await page.locator('.stepper [data-step="sites"]').click();
const toggle = page.getByRole("button", { name: "Map of the sites" });
await toggle.click();
await page.locator("section.site-map path.map-country").waitFor();
await toggle.click();
await page.locator("section.site-map").waitFor({ state: "detached" });
const cdp = await page.context().newCDPSession(page);
if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
await toggle.scrollIntoViewIfNeeded();
const button = await toggle.elementHandle();
const events = [];
cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
await page.waitForTimeout(200);
await button.evaluate((b) => b.click());
await page.waitForFunction((n) => document.querySelectorAll(".site-map-list li").length >= n, SITES);
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
await page.waitForTimeout(200);
await cdp.send("Tracing.end");
await done;
// The renderer's main thread: the one named CrRendererMain.
const named = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
const mine = events.filter((e) => e.pid === named.pid && e.tid === named.tid && e.ph === "X" && e.dur);
const by = new Map();
for (const e of mine) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
// The longest tasks, with what took their time.
const tasks = mine.filter((e) => e.name === "RunTask").sort((a, b) => b.dur - a.dur).slice(0, 5);
for (const task of tasks) {
  const inside = new Map();
  for (const e of mine) if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task ${(task.dur / 1000).toFixed(1)} ms at ${((task.ts - tasks[0].ts) / 1000).toFixed(0)}: ` + [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", "));
}
console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join("\n"));
await browser.close();
await server.close();
