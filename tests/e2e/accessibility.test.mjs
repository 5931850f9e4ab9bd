// axe-core on every screen of the app: no serious or critical accessibility violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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
  // The sites list and the register in the states a user sees: an import preview with errors, then
  // complete sites (the example's, as `mgl` exports them) with one selected, and one with problems.
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Import or export sites (spreadsheet, GeoJSON, KML)" }).click();
  const panel = page.locator("section.register");
  await panel.locator("input[type=file]").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Name of the site,Latitude\nKuchi,95\n") });
  await panel.locator(".register-preview").waitFor();
  problems.push(...await audit(page, "register preview with errors"));
  const example = spawnSync("target/debug/mgl", ["sites", "export", "examples/two-site-draft.json"], { encoding: "utf8" }).stdout;
  await panel.locator("input[type=file]").setInputFiles({ name: "example.csv", mimeType: "text/csv", buffer: Buffer.from(example.replace(/\r\n$/, "\r\nTakalafiya,,,,,,14.5,9.3\r\n")) });
  await panel.locator(".register-preview h4").filter({ hasText: "3 sites to import" }).waitFor();
  await panel.getByRole("button", { name: "Add 3 sites", exact: true }).click();
  await page.locator("table.site-list tr.selected .ok").waitFor();
  problems.push(...await audit(page, "sites list, a complete site selected"));
  // The map, with a site outside the country (Takalafiya, its latitude and longitude swapped).
  await page.getByRole("button", { name: "Map of the sites" }).click();
  await page.locator("section.site-map path.map-country").waitFor();
  await page.locator(".site-map-list li.outside").waitFor();
  problems.push(...await audit(page, "map of the sites"));
  await page.getByRole("button", { name: "All applications" }).click();
  await page.getByRole("button", { name: "Signing keys" }).click();
  await page.getByRole("heading", { name: "Signing keys" }).waitFor();
  problems.push(...await audit(page, "signing keys"));
  await page.getByRole("button", { name: "Verify or import a bundle" }).click();
  await page.getByRole("heading", { name: "Verify or import a bundle" }).waitFor();
  problems.push(...await audit(page, "verify"));
  assert.deepEqual(problems, []);
});
