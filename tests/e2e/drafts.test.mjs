// Several drafts on one device: duplicate, delete with confirmation, save as a file and open it again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serveDist, launch, newPage, field, fill } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("drafts are listed, duplicated, saved as a file, opened from it and deleted", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  // Once the device's storage has been read.
  await page.getByText("No application on this device yet.").waitFor();
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Kuchi Community Energy");
  await page.getByRole("button", { name: "All applications" }).click();
  const rows = page.locator("table.draft-list tbody tr");
  // The list is read from the device's storage, and read again after each change.
  const rowCount = async (n) => { await rows.nth(n - 1).waitFor(); await rows.nth(n).waitFor({ state: "detached" }); return rows.count(); };
  assert.equal(await rowCount(1), 1);

  await rows.first().getByRole("button", { name: "Duplicate" }).click();
  assert.equal(await rowCount(2), 2);
  assert.ok((await rows.locator("td:first-child").allInnerTexts()).includes("Kuchi Community Energy (copy)"));

  // Save as a file, then open the file: it becomes a third draft with the same answers.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    rows.filter({ hasText: "Kuchi Community Energy (copy)" }).getByRole("button", { name: "Save as file" }).click(),
  ]);
  const path = await download.path();
  const saved = JSON.parse(await readFile(path, "utf8"));
  assert.equal(saved.applicant.organisation, "Kuchi Community Energy (copy)");
  assert.equal(saved.schema_version, 1);
  await page.locator('input[type=file]').setInputFiles(path);
  await field(page, "Organisation").waitFor();
  assert.equal(await field(page, "Organisation").inputValue(), "Kuchi Community Energy (copy)");
  await page.getByRole("button", { name: "All applications" }).click();
  assert.equal(await rowCount(3), 3);

  // A file that is not a draft gets a clear message and changes nothing.
  await page.locator('input[type=file]').setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7 ...") });
  assert.match(await page.locator(".message.error").innerText(), /could not be opened.*scan\.pdf.*not a draft application/s);
  assert.equal(await rows.count(), 3);

  // Delete asks first; "Keep it" keeps it.
  await rows.first().getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Keep it" }).click();
  assert.equal(await rows.count(), 3);
  await rows.first().getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  assert.equal(await rowCount(2), 2);
  await page.reload();
  assert.equal(await rowCount(2), 2, "deleted for good");
  assert.deepEqual(errors, []);
});
