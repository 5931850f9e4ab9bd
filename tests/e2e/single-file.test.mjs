// The single-file app (scripts/single-file.mjs) runs from file://, as it would from a USB stick.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { launch, newPage, field, fill } from "./helpers.mjs";

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
  assert.deepEqual(errors, []);
});
