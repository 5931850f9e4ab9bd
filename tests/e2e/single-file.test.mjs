// The single-file app (scripts/single-file.mjs) runs from file://, as it would from a USB stick.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, newPage, field, fill } from "./helpers.mjs";
import { BROWSERS, startBrowser } from "./sessions.mjs";

let browser;
before(async () => { execFileSync("node", ["scripts/single-file.mjs", "dist", "target/app-single", "dist-single"]); browser = await launch(); });
after(async () => { await browser?.close(); });

test("the single HTML file works from file://, keeps drafts and says where they live", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`file://${resolve("dist-single/mgl-app.html")}`);
  assert.match(await page.getByTestId("file-notice").innerText(), /opened from a file/);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "USB Stick Power");
  await page.waitForTimeout(800);
  await page.reload();
  await field(page, "Organisation").waitFor();
  assert.equal(await field(page, "Organisation").inputValue(), "USB Stick Power");
  // A file cannot fetch: the translations are in the file.
  await page.getByLabel("Language").selectOption("pt");
  await page.locator('html[lang="pt"]').waitFor({ state: "attached" });
  assert.match(await page.locator("#step-title").innerText(), /Dados do requerente/);
  assert.equal(await field(page, "Organização").inputValue(), "USB Stick Power");
  // The country's outline is in the file too: Sokoto typed the other way round, in Cameroon but in
  // Nigeria's box, is warned of as by the served app.
  await page.getByLabel("Idioma").selectOption("en");
  await page.locator('.stepper [data-step="sites"]').click();
  await fill(page, "Latitude", "5.24");
  await fill(page, "Longitude", "13.06");
  await page.locator("#f-latitude-msg").filter({ hasText: "latitude and longitude the other way round" }).waitFor();
  assert.deepEqual(errors, []);
});

// From file:// too, a draft is kept in IndexedDB, durably: typed, the browser killed 1 s later,
// started again, and the draft is there, in both browsers.
for (const kind of BROWSERS) {
  test(`${kind}: the single file keeps a draft through a crash`, async () => {
    const profile = await mkdtemp(join(tmpdir(), `mgl-single-${kind}-`));
    const url = `file://${resolve("dist-single/mgl-app.html")}`;
    let session = await startBrowser(kind, profile);
    try {
      await session.open(url);
      await session.find("[data-testid=file-notice]", "opened from a file");
      await session.click("button", "Start a new application");
      await session.type("Organisation", "USB Stick Power");
      await new Promise((r) => setTimeout(r, 1000));
      await session.kill();
      session = await startBrowser(kind, profile);
      await session.open(url);
      await session.click("button", "USB Stick Power");
      assert.equal(await session.value("Organisation"), "USB Stick Power");
      assert.deepEqual(session.errors, []);
    } finally {
      await session.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    }
  });
}
