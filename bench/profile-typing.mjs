// Benchmark helper (not a test): where a keystroke's script time goes. Types into an applicant
// field and a site's name with N sites at a CPU slowdown, under Chromium's sampling profiler, and
// prints the functions with the most self time and the most total time. Use a build that keeps
// function names: `MGL_KEEP_NAMES=1 trunk build --release -d dist-names`, then
//   DIST=dist-names node bench/profile-typing.mjs [--sites 50] [--cpu 4] [--keys 30] [--field site]
import { serveDist, launch, newPage, field } from "../tests/e2e/helpers.mjs";
import { portfolioFile } from "./portfolio.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SITES = Number(arg("sites", 50)), CPU = Number(arg("cpu", 4)), KEYS = Number(arg("keys", 30));
const FIELD = arg("field", "applicant");

const server = await serveDist(process.env.DIST ?? "dist");
const browser = await launch();
const page = await newPage(browser, []);
const cdp = await page.context().newCDPSession(page);
await page.goto(server.url);
await page.locator("input[type=file]").setInputFiles(portfolioFile(SITES));
await field(page, "Organisation").waitFor();
let locator = field(page, "Organisation");
if (FIELD === "site") {
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: `Village ${Math.ceil(SITES / 2)}`, exact: true }).click();
  locator = field(page, "Name of the site");
}
await locator.click();
const input = await locator.elementHandle();
await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
await page.waitForTimeout(500);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
await input.focus();
for (const ch of "Kuchi North extension ward 7 ".repeat(3).slice(0, KEYS)) {
  // Typed as the browser delivers it (see bench/typing.mjs).
  await cdp.send("Input.insertText", { text: ch });
  await page.waitForTimeout(120);
}
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
const self = new Map(), total = new Map();
const name = (n) => (n.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "").slice(0, 150);
for (const [id, ms] of dt) {
  const n = byId.get(id);
  if (["(idle)", "(program)", "(garbage collector)"].includes(n.callFrame.functionName)) continue;
  self.set(name(n), (self.get(name(n)) ?? 0) + ms);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = name(byId.get(at));
    if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + ms); }
  }
}
const all = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${FIELD} field, ${SITES} sites, ${CPU}x: ${(all / KEYS).toFixed(2)} ms of script per keystroke (sampled)`);
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / KEYS).toFixed(2).padStart(7)} ms  ${k}`).join("\n");
console.log("self time per keystroke:\n" + top(self, 25));
console.log("total time per keystroke:\n" + top(total, 40));
// FOCUS=text: the call paths (callers first) that lead to functions whose name holds the text.
if (process.env.FOCUS) {
  const paths = new Map();
  for (const [id, ms] of dt) {
    const chain = [];
    for (let at = id; at !== undefined; at = parent.get(at)) chain.push(name(byId.get(at)));
    const i = chain.findIndex((n) => n.includes(process.env.FOCUS));
    if (i < 0) continue;
    const key = chain.slice(i, i + 12).map((n) => n.slice(0, 90)).join("\n      <- ");
    paths.set(key, (paths.get(key) ?? 0) + ms);
  }
  console.log(`paths to ${process.env.FOCUS}:\n` + top(paths, 6));
}
await browser.close();
await server.close();
