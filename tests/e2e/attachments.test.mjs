// Attachments as a new user would: attach real files made here (a small PDF, a PNG), reload and find
// them, and be told clearly about an empty file, a program renamed .pdf and a file over the limit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { serveDist, launch, newPage, fill, choose } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
// A 1x1 PNG.
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

const item = (page, id) => page.locator(`#doc-${id}`);

test("files are attached, checked, kept across a reload, reused and removed", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="legal-status"]').click();
  await choose(page, "Legal status of Applicant", "d. Private Limited Liability Company");
  await page.locator('.stepper [data-step="documents"]').click();
  const count = page.getByTestId("documents-count");
  const before = (await count.innerText()).match(/^0 of (\d+) required documents attached/);
  assert.ok(before, await count.innerText());

  // A PDF for the tax clearance, a PNG scan for the fee payment.
  const tax = item(page, "company-tax-clearance");
  await tax.locator("input[type=file]").setInputFiles({ name: "tax-clearance-2025.pdf", mimeType: "application/pdf", buffer: PDF });
  await tax.locator(".doc-files li").waitFor();
  const sha = createHash("sha256").update(PDF).digest("hex");
  assert.match(await tax.locator(".doc-files li").innerText(), new RegExp(`tax-clearance-2025\\.pdf[\\s\\S]*PDF[\\s\\S]*${sha.slice(0, 12)}`));
  const fee = item(page, "company-fee-payment");
  await fee.locator("input[type=file]").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG });
  await fee.locator(".doc-files li").waitFor();
  assert.match(await count.innerText(), new RegExp(`^2 of ${before[1]} required documents attached`));
  assert.match(await page.locator(".document-matrix tr", { hasText: "Valid tax clearance certificate" }).locator("td").first().innerText(), /Attached \(1\)/);

  // Refused with a clear message, and nothing attached.
  const profile = item(page, "company-company-profile");
  const input = profile.locator("input[type=file]");
  await input.setInputFiles({ name: "empty.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
  await assert.doesNotReject(profile.locator(".message.error", { hasText: "empty.pdf: This file is empty" }).waitFor());
  await input.setInputFiles({ name: "profile.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(2000)]) });
  await assert.doesNotReject(profile.locator(".message.error", { hasText: "profile.pdf: This file is a program, not a document, whatever its name says" }).waitFor());
  const big = Buffer.alloc(25_000_001, 0x20); PDF.copy(big);
  await input.setInputFiles({ name: "huge-scan.pdf", mimeType: "application/pdf", buffer: big });
  await assert.doesNotReject(profile.locator(".message.error", { hasText: "more than the 25 MB allowed" }).waitFor());
  assert.equal(await profile.locator(".doc-files li").count(), 0);

  // The same file for another document is warned about; reusing it is one click.
  await profile.getByRole("combobox", { name: "Use a file already attached" }).selectOption({ label: `tax-clearance-2025.pdf (0 MB)` }).catch(async () => {
    const value = await profile.locator("select.reuse option").nth(1).getAttribute("value");
    await profile.locator("select.reuse").selectOption(value);
  });
  await assert.doesNotReject(profile.locator(".message.warning", { hasText: "also attached as: Valid tax clearance certificate" }).waitFor());

  // Everything is still there after a reload.
  await page.waitForTimeout(800);
  await page.reload();
  await item(page, "company-tax-clearance").locator(".doc-files li").waitFor();
  assert.match(await page.getByTestId("documents-count").innerText(), new RegExp(`^3 of ${before[1]}`));
  assert.equal(await item(page, "company-tax-clearance").locator(".message.warning").count(), 0, "the file is on this device");

  // Replacing: a refused file leaves the old one; an accepted one takes its place.
  const taxItem = item(page, "company-tax-clearance");
  await taxItem.getByLabel("Replace: tax-clearance-2025.pdf").setInputFiles({ name: "blank.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
  await assert.doesNotReject(taxItem.locator(".message.error", { hasText: "blank.pdf: This file is empty" }).waitFor());
  assert.deepEqual(await taxItem.locator(".doc-files .file-name").allInnerTexts(), ["tax-clearance-2025.pdf"]);
  const renewed = Buffer.concat([PDF, Buffer.from("% renewed 2026\n")]);
  await taxItem.getByLabel("Replace: tax-clearance-2025.pdf").setInputFiles({ name: "tax-clearance-2026.pdf", mimeType: "application/pdf", buffer: renewed });
  await taxItem.locator(".doc-files .file-name", { hasText: "tax-clearance-2026.pdf" }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#doc-company-tax-clearance .doc-files li").length === 1);
  assert.deepEqual(await taxItem.locator(".doc-files .file-name").allInnerTexts(), ["tax-clearance-2026.pdf"]);
  assert.deepEqual(await item(page, "company-company-profile").locator(".doc-files .file-name").allInnerTexts(), ["tax-clearance-2025.pdf"], "the other document keeps the old file");

  // Removing a file from one document keeps it for the other.
  await item(page, "company-company-profile").getByRole("button", { name: "Remove: tax-clearance-2025.pdf" }).click();
  assert.equal(await item(page, "company-company-profile").locator(".doc-files li").count(), 0);
  assert.equal(await item(page, "company-tax-clearance").locator(".doc-files li").count(), 1);
  assert.equal(await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("mgl-files");
    open.onsuccess = () => { const req = open.result.transaction("files").objectStore("files").count(); req.onsuccess = () => resolve(req.result); };
  })), 2, "a file no draft uses is deleted from the device: the 2026 PDF and the PNG remain");
  await page.screenshot({ path: "test-results/attachments.png", fullPage: false });
  assert.deepEqual(errors, []);
});

// A network around (lat, lon): a feeder line and the plant's plot, as a GIS program exports it.
const network = (lat, lon) => Buffer.from(JSON.stringify({
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { name: "LV feeder" }, geometry: { type: "LineString", coordinates: [[lon, lat], [lon + 0.002, lat], [lon + 0.004, lat + 0.001]] } },
    { type: "Feature", properties: { name: "plot" }, geometry: { type: "Polygon", coordinates: [[[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat]]] } },
  ],
}));

test("a site's network drawing as GeoJSON is checked against the site's coordinates, as they change and after a reload", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="sites"]').click();
  await fill(page, "Name of the site", "Kuchi");
  await fill(page, "Latitude", "9.81");
  await fill(page, "Longitude", "6.92");
  await page.locator('.stepper [data-step="documents"]').click();
  const drawing = page.locator(".doc-item").filter({ hasText: "Geo-referenced depiction of the distribution network" });
  // Gurmana's drawing, 40 km south, attached to Kuchi by mistake.
  await drawing.locator("input[type=file]").first().setInputFiles({ name: "gurmana-network.geojson", mimeType: "application/geo+json", buffer: network(9.45, 6.92) });
  const warning = drawing.locator(".doc-files .message.warning");
  await warning.filter({ hasText: "This drawing comes no nearer than 39.9 km to the site's coordinates (more than 5 km)" }).waitFor();
  // Read again from the device's storage after a reload.
  await page.reload();
  await warning.filter({ hasText: "39.9 km" }).waitFor();
  // The site's coordinates corrected to the drawing's village: the warning goes.
  await page.locator('.stepper [data-step="sites"]').click();
  await fill(page, "Latitude", "9.451");
  await page.locator('.stepper [data-step="documents"]').click();
  await drawing.locator(".doc-files li").filter({ hasText: "gurmana-network.geojson" }).waitFor();
  await warning.waitFor({ state: "detached" });
  // A damaged file says where it stops making sense.
  await drawing.getByLabel("Replace: gurmana-network.geojson").setInputFiles({ name: "cut.geojson", mimeType: "application/geo+json", buffer: network(9.45, 6.92).subarray(0, 120) });
  await warning.filter({ hasText: "This GeoJSON file is damaged: it stops making sense at line 1" }).waitFor();
  assert.deepEqual(errors, []);
});
