// axe-core on every screen of the app: no serious or critical accessibility violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serveDist, launch, newPage } from "./helpers.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function audit(page, where) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => await window.axe.run(document));
  assert.ok(results.passes.length > 10, `axe checked ${where}`);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

test("no serious or critical accessibility violation on any screen", async () => {
  const page = await newPage(browser, []);
  await page.goto(server.url);
  const problems = [...await audit(page, "drafts list")];
  await page.getByRole("button", { name: "Start a new application" }).click();
  for (const step of ["applicant", "legal-status", "nature", "business", "project", "sites", "funding", "declaration", "documents", "tariff", "review"]) {
    await page.locator(`.stepper [data-step="${step}"]`).click();
    problems.push(...await audit(page, step));
  }
  await page.getByRole("button", { name: "All applications" }).click();
  await page.getByRole("button", { name: "Signing keys" }).click();
  problems.push(...await audit(page, "signing keys"));
  await page.getByRole("button", { name: "Verify or import a bundle" }).click();
  problems.push(...await audit(page, "verify"));
  assert.deepEqual(problems, []);
});
