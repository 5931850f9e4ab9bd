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
  await page.getByRole("button", { name: "Keep it", exact: true }).click();
  assert.equal(await rows.count(), 3);
  await rows.first().getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  assert.equal(await rowCount(2), 2);
  await page.reload();
  assert.equal(await rowCount(2), 2, "deleted for good");
  assert.deepEqual(errors, []);
});

test("the list shows each draft's summary saved with it, and makes again one made by other rules", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByText("No application on this device yet.").waitFor();
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Tashan Dutse Power");
  await page.getByTestId("save-status").filter({ hasText: "Saved on this device" }).waitFor();
  await page.getByRole("button", { name: "All applications" }).click();
  const row = page.locator("table.draft-list tbody tr").filter({ hasText: "Tashan Dutse Power" });
  const counts = row.locator("td").nth(3);
  await counts.filter({ hasText: "steps complete" }).waitFor();
  const shown = await counts.innerText();
  assert.match(shown, /of 8 steps complete/);
  assert.match(shown, /0 of \d+ required documents attached/);

  // The summary stored beside the draft, as the list read it; then altered as if another build with
  // other rules had made it.
  const summaries = () => page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("mgl");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction("summaries").objectStore("summaries").getAll();
      request.onsuccess = () => { resolve(request.result.map((json) => JSON.parse(json))); open.result.close(); };
    };
  }));
  const [stored] = await summaries();
  assert.equal(stored.title, "Tashan Dutse Power");
  assert.equal(stored.sites, 1);
  await page.evaluate((summary) => new Promise((resolve) => {
    const open = indexedDB.open("mgl");
    open.onsuccess = () => {
      const tx = open.result.transaction(["drafts", "summaries"], "readwrite");
      tx.objectStore("drafts").getAllKeys().onsuccess = (e) => {
        tx.objectStore("summaries").put(JSON.stringify({ ...summary, complete_steps: 7, rules: "another build" }), e.target.result[0]);
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }), stored);
  await page.reload();
  // The title shows at once; the counts are made again by this build's rules, and kept.
  await row.waitFor();
  await counts.filter({ hasText: "steps complete" }).waitFor();
  assert.equal(await counts.innerText(), shown);
  // Written back before the counts show.
  const [again] = await summaries();
  assert.notEqual(again.rules, "another build");
  assert.equal(again.complete_steps, stored.complete_steps);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("when the code that counts cannot be loaded, the list leaves the counts out rather than counting forever", async () => {
  const errors = [];
  // A first visit whose connection drops for the documents' code (which counts a draft), before
  // the service worker has kept the app for offline use.
  const page = await newPage(browser, errors, { serviceWorkers: "block" });
  server.refuse(/split_documents\.wasm$/);
  await page.goto(server.url);
  await page.getByText("No application on this device yet.").waitFor();
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Gurmana Solar Cooperative");
  await page.getByTestId("save-status").filter({ hasText: "Saved on this device" }).waitFor();
  await page.getByRole("button", { name: "All applications" }).click();
  const row = page.locator("table.draft-list tbody tr").filter({ hasText: "Gurmana Solar Cooperative" });
  await row.waitFor();
  // Listed from its summary (title, sites), the counts left out once counting has failed.
  await page.waitForFunction(() => !document.querySelector("table.draft-list tbody tr td:nth-child(4)")?.textContent.includes("Counting"), null, { timeout: 10_000 });
  assert.equal((await row.locator("td").nth(3).innerText()).trim(), "");
  assert.equal((await row.locator("td").nth(1).innerText()).trim(), "1");
  server.refuse(null);
  await page.context().close();
});
