// axe-core on every screen of the app: no serious or critical accessibility violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, shown, axeProblems as audit } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("no serious or critical accessibility violation on any screen", async () => {
  const page = await newPage(browser, []);
  await page.goto(server.url);
  const problems = [...await audit(page, "drafts list")];
  await page.getByRole("button", { name: "Start a new application" }).click();
  await shown(page);
  for (const step of ["applicant", "legal-status", "nature", "business", "project", "sites", "funding", "declaration", "documents", "tariff", "review"]) {
    await page.locator(`.stepper [data-step="${step}"]`).click();
    await shown(page);
    problems.push(...await audit(page, step));
  }
  await page.getByRole("button", { name: "All applications" }).click();
  await page.getByRole("button", { name: "Signing keys" }).click();
  await page.getByRole("heading", { name: "Signing keys" }).waitFor();
  problems.push(...await audit(page, "signing keys"));
  await page.getByRole("button", { name: "Verify or import a bundle" }).click();
  await page.getByRole("heading", { name: "Verify or import a bundle" }).waitFor();
  problems.push(...await audit(page, "verify"));
  assert.deepEqual(problems, []);
});
