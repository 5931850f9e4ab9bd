// Offline and private: after the first visit the app starts with the network off; a new version waits
// until the user chooses to reload, and no draft is lost; no request ever leaves the app's own origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, field, fill } from "./helpers.mjs";

let server, browser, root;
before(async () => {
  // A copy of the build, so that the test can publish a "new version" of it.
  root = mkdtempSync(join(tmpdir(), "mgl-offline-"));
  cpSync("dist", root, { recursive: true });
  server = await serveDist(root);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test("the app works offline after the first visit, and updates only when the user says so", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  const requests = [];
  page.context().on("request", (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Offline Energy Cooperative");
  await page.waitForTimeout(800);

  await page.context().setOffline(true);
  await page.reload();
  await field(page, "Organisation").waitFor();
  assert.equal(await field(page, "Organisation").inputValue(), "Offline Energy Cooperative");
  await fill(page, "Physical address", "Kuchi, Niger State");
  // Screens never opened while online work offline too: their code was precached with the app.
  for (const [step, heading] of [["documents", "Documents to attach"], ["tariff", "Tariff calculation"], ["review", "Review and export"]]) {
    await page.locator(`.stepper [data-step="${step}"]`).click();
    await page.getByRole("heading", { name: heading }).waitFor();
  }
  await page.getByRole("button", { name: "All applications" }).click();
  // The list is read from IndexedDB: wait for it before counting its rows.
  await page.locator("table.draft-list tbody tr").first().waitFor();
  assert.equal(await page.locator("table.draft-list tbody tr").count(), 1);
  for (const name of ["Signing keys", "Verify or import a bundle"]) {
    await page.getByRole("navigation").getByRole("button", { name }).click();
    await page.getByRole("heading", { name }).waitFor();
  }
  await page.getByRole("button", { name: "Applications" }).click();
  await page.context().setOffline(false);

  // A new version is published: the user is told, keeps working, and reloads when ready.
  const sw = join(root, "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "[^"]*"/, 'const VERSION = "next-build"'));
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
  const banner = page.locator(".update-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /A new version of the app is ready/);
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload to update" }).click()]);
  await page.locator("table.draft-list tbody tr").waitFor();
  const cells = await page.locator("table.draft-list tbody tr td").allInnerTexts();
  assert.equal(cells[0], "Offline Energy Cooperative");
  assert.equal(await page.locator(".update-banner").count(), 0);

  const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "no request beyond the app's own files");
  assert.deepEqual(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
});
