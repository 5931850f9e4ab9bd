// Benchmark (not a test): the performance budget of the field-readiness issue, as one table.
//   node bench/budget.mjs            (after `trunk build --release`; takes a few minutes)
// Runs scripts/size.mjs, bench/startup.mjs, bench/typing.mjs (50 sites, CPU 4x), bench/autosave.mjs
// (100 sites, CPU 4x) and bench/export.mjs (200 MB of attachments) one after the other, reads the
// RESULT line each prints, and prints each figure beside its budget. Copy the table into
// docs/performance.md with the machine it ran on. DIST=dir measures another build.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

function run(script, ...args) {
  const out = execFileSync("node", [script, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.stderr.write(out.split("\n").filter((l) => !l.startsWith("RESULT ")).join("\n") + "\n");
  const line = out.split("\n").find((l) => l.startsWith("RESULT "));
  return JSON.parse(line.slice(7));
}

const size = run("scripts/size.mjs", process.env.DIST ?? "dist");
const startup = run("bench/startup.mjs", "--runs", "5", "--cpu", "4");
const typing = run("bench/typing.mjs", "--sites", "50", "--cpu", "4", "--keys", "40");
const autosave = run("bench/autosave.mjs", "--sites", "100", "--cpu", "4", "--runs", "20");
const exported = run("bench/export.mjs", "--mb", "200", "--files", "4");

const rows = [
  ["First load, brotli, everything loaded before the first screen shows", `${size.brotli_kb.toFixed(0)} KB`, "≤ 170 KB", size.brotli_kb <= 170],
  ["Arrived over the network when the first step was usable (first load)", `${startup.before_first_step_kb.toFixed(0)} KB`, "≤ 260 KB", startup.before_first_step_kb <= 260],
  ["Startup, first load (4x CPU, 1.6 Mbps, 150 ms RTT), median of 5", `${(startup.first_load_ms / 1000).toFixed(2)} s`, "≤ 2.5 s", startup.first_load_ms <= 2500],
  ["Startup, repeat from the service worker, median of 5", `${(startup.repeat_start_ms / 1000).toFixed(2)} s`, "≤ 1 s", startup.repeat_start_ms <= 1000],
  ["Typing, 50 sites, 4x CPU: site name, p95 per keystroke", `${typing.site_p95_ms.toFixed(1)} ms`, "≤ 16 ms", typing.site_p95_ms <= 16],
  ["Typing, 50 sites, 4x CPU: applicant field, p95 per keystroke", `${typing.applicant_p95_ms.toFixed(1)} ms`, "≤ 16 ms", typing.applicant_p95_ms <= 16],
  ["Typing, 50 sites, 4x CPU: a keystroke with an autosave write beside it (once a second at most), median", typing.with_autosave_median_ms == null ? "none" : `${typing.with_autosave_median_ms.toFixed(1)} ms`, "printed", true],
  ["Autosave, 100 sites, 4x CPU: last keystroke to the write on disk, worst of 40", `${autosave.burst_worst_ms.toFixed(0)} ms (median ${autosave.burst_median_ms.toFixed(0)}; ${autosave.store})`, "≤ 500 ms", autosave.burst_worst_ms <= 500 && autosave.store !== "localStorage"],
  ["Autosave while typing without a pause: keystroke to the write on disk, worst", `${autosave.typing_worst_ms.toFixed(0)} ms`, "printed", true],
  ["Export 200 MB: throughput (app / native sha256sum + zip -0)", `${exported.mb_per_s.toFixed(0)} MB/s (${exported.ratio.toFixed(1)}x native)`, "printed", true],
  ["Export 200 MB: peak wasm memory", `${exported.peak_mib.toFixed(1)} MiB`, "≤ 32 MB", exported.peak_mib * 1.048576 <= 32],
];
const cpu = cpus()[0]?.model ?? "?";
console.log(`\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, ${new Date().toISOString().slice(0, 10)}\n`);
console.log("| Figure | Measured | Budget | Met |");
console.log("|---|---|---|---|");
for (const [what, measured, budget, met] of rows) console.log(`| ${what} | ${measured} | ${budget} | ${met ? "yes" : "**no**"} |`);
