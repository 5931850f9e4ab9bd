// The site register as a user meets it on the sites step: the template, sites imported from a
// spreadsheet's CSV and from KML with a preview of every problem by row, append, replace and undo,
// and the sites exported as CSV and GeoJSON, which import back as the same sites.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, field } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// As an older French Excel saves it: semicolons, Windows-1252 (é is 0xE9), French headers, a column
// the form does not have, and a latitude out of range on the file's row 4.
const CSV = Buffer.concat([
  Buffer.from("Nom du site;Latitude;Longitude;Solaire (kWc);Remarques\r\n"),
  Buffer.from([0x4b, 0x6f, 0x75, 0x72, 0xe9]), Buffer.from(";9,81;6,9;30;ok\r\n"),
  Buffer.from("Gurmana;9.2;7.1;45;\r\nTakalafiya;95;7.3;12;\r\n"),
]);

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>Shadadi</name><Point><coordinates>6.71,9.45,0</coordinates></Point></Placemark>
  <Placemark><name>Feeder</name><LineString><coordinates>6.7,9.4 6.8,9.5</coordinates></LineString></Placemark>
</Document></kml>`;

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  const dir = await mkdtemp(join(tmpdir(), "mgl-register-"));
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

/** A new application's sites step with the register's panel open. */
async function openRegister() {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Import or export sites (spreadsheet, GeoJSON, KML)" }).click();
  return { page, errors, panel: page.locator("section.register") };
}

// textContent: rows scrolled out of view skip their rendering (content-visibility), and Firefox then
// gives no innerText.
const siteNames = (page) => page.locator("table.site-list tbody tr td:nth-child(2) button").allTextContents();

test("sites come from a spreadsheet with every problem shown by row first, are appended, replaced and undone, and go back out as CSV and GeoJSON", async () => {
  const { page, errors, panel } = await openRegister();
  await panel.getByRole("heading", { name: "Sites from and to a spreadsheet" }).waitFor();

  // The templates: the header row of the form's labels and units.
  assert.match((await download(page, "Download the template (XLSX)")).name, /\.xlsx$/);
  const template = await download(page, "Download the template (CSV)");
  assert.match(template.name, /\.csv$/);
  assert.equal(template.text.trim().split("\n").length, 1, "only the header row");
  assert.match(template.text, /^\uFEFFName of the site,Is this mini-grid isolated or interconnected\?,/);

  // A spreadsheet's CSV: nothing changes until the user says so.
  await panel.locator("input[type=file]").setInputFiles({ name: "villages.csv", mimeType: "text/csv", buffer: CSV });
  const preview = panel.locator(".register-preview");
  await preview.waitFor();
  assert.match(await preview.locator("h4").innerText(), /^villages\.csv: 3 sites to import$/);
  const text = await preview.innerText();
  assert.match(text, /Left out: the column Remarques, which is not a site answer\./);
  const missing = preview.locator("details.register-missing");
  assert.match(await missing.locator("summary").innerText(), /^\d+ answers of the form are not in the file: they are left empty, to answer in the form\.$/);
  await missing.locator("summary").click();
  assert.match(await missing.locator("p").innerText(), /^Is this mini-grid isolated or interconnected\?, State, /);
  // Each answer the file has is checked at its row; those it does not have are not listed row by row.
  assert.deepEqual(await preview.locator(".register-problems li").allInnerTexts(), ["Row 4, Latitude: A latitude is between -90 and 90 degrees."]);
  assert.equal((await siteNames(page)).length, 1, "the draft is unchanged before the user chooses");

  // A new application's empty site is not kept before the imported ones.
  await preview.getByRole("button", { name: "Add 3 sites", exact: true }).click();
  assert.deepEqual(await siteNames(page), ["Kouré", "Gurmana", "Takalafiya"]);
  await panel.getByRole("status").filter({ hasText: "3 sites imported." }).waitFor();
  // What the file said is kept as typed, and its problem shows at the field too.
  await page.getByRole("button", { name: "Takalafiya", exact: true }).click();
  await page.locator("#site-editor-title").filter({ hasText: "Site 3: Takalafiya" }).waitFor();
  assert.equal(await field(page, "Latitude").inputValue(), "95");
  await page.locator("#f-latitude-msg").filter({ hasText: "between -90 and 90" }).waitFor();
  await page.getByRole("button", { name: "Kouré", exact: true }).click();
  await page.locator("#site-editor-title").filter({ hasText: "Site 1: Kouré" }).waitFor();
  assert.equal(await field(page, "Latitude").inputValue(), "9,81");

  // KML placemarks, appended after the draft's sites, then undone.
  await panel.locator("input[type=file]").setInputFiles({ name: "survey.kml", mimeType: "application/vnd.google-earth.kml+xml", buffer: Buffer.from(KML) });
  await preview.locator("h4").filter({ hasText: "survey.kml: 1 site to import" }).waitFor();
  assert.match(await preview.innerText(), /Left out: 1 line, area or power plant's point, which is not a site\./);
  assert.match(await preview.innerText(), /No problem found in the file\./);
  await preview.getByRole("button", { name: "Add 1 site after the draft's" }).click();
  assert.deepEqual(await siteNames(page), ["Kouré", "Gurmana", "Takalafiya", "Shadadi"]);
  await panel.getByRole("status").getByRole("button", { name: "Undo" }).click();
  assert.deepEqual(await siteNames(page), ["Kouré", "Gurmana", "Takalafiya"]);

  // Out as CSV and GeoJSON; the CSV read back, replacing the sites, gives the same sites.
  const csv = await download(page, "Export the sites (CSV)");
  assert.match(csv.text, /\r\nKouré,[^\r\n]*"9,81"/, "as typed, quoted for its comma");
  const geojson = JSON.parse((await download(page, "Export the sites (GeoJSON)")).text);
  const sites = geojson.features.filter((f) => f.properties.feature === "site");
  assert.deepEqual(sites.map((f) => f.properties.name), ["Kouré", "Gurmana", "Takalafiya"]);
  assert.deepEqual(sites[1].geometry.coordinates, [7.1, 9.2]);
  assert.equal(sites[2].geometry, null, "a latitude of 95 is no point on Earth");

  await panel.locator("input[type=file]").setInputFiles(csv.path);
  await preview.locator("h4").filter({ hasText: "3 sites to import" }).waitFor();
  await preview.getByRole("button", { name: "Replace the draft's 3 sites" }).click();
  assert.deepEqual(await siteNames(page), ["Kouré", "Gurmana", "Takalafiya"]);
  const again = await download(page, "Export the sites (CSV)");
  assert.equal(again.text, csv.text, "export then import gives the same sites");

  // Out as XLSX (the sites' sheet, then notes), and back in from it, on the sheet the user picks.
  const xlsx = await download(page, "Export the sites (XLSX)");
  assert.match(xlsx.name, /\.xlsx$/);
  await panel.locator("input[type=file]").setInputFiles(xlsx.path);
  await preview.locator("h4").filter({ hasText: "3 sites to import" }).waitFor();
  const sheet = panel.locator(".register-sheet select");
  assert.deepEqual(await sheet.locator("option").allInnerTexts(), ["Sites", "Notes"]);
  await sheet.selectOption("1");
  await panel.getByRole("alert").filter({ hasText: "No column of this file is a site answer" }).waitFor();
  await sheet.selectOption("0");
  await preview.getByRole("button", { name: "Replace the draft's 3 sites" }).click();
  assert.equal((await download(page, "Export the sites (CSV)")).text, csv.text, "XLSX out and in gives the same sites");

  // A file that is no register: told why, nothing changes.
  await panel.locator("input[type=file]").setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
  await panel.getByRole("alert").filter({ hasText: /photo\.csv: No column of this file is a site answer/ }).waitFor();
  assert.deepEqual(await siteNames(page), ["Kouré", "Gurmana", "Takalafiya"]);
  assert.deepEqual(errors, []);
});

test("the map shows the country's outline, each site and plant, a site outside the country in red, and names the site focused in its list", async () => {
  const { page, errors, panel } = await openRegister();
  // Shadadi's latitude and longitude are swapped: 5.24 N, 13.06 E is in Cameroon (in Nigeria's box).
  const csv = "Name of the site,Latitude,Longitude,Location of the Power Plant: latitude,Location of the Power Plant: longitude\r\n" +
    "Kuchi,9.81,6.92,9.8105,6.919\r\nShadadi,5.24,13.06,,\r\nTakalafiya,95,7.3,,\r\n";
  await panel.locator("input[type=file]").setInputFiles({ name: "sites.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await panel.getByRole("button", { name: "Add 3 sites", exact: true }).click();
  await page.getByRole("button", { name: "Map of the sites" }).click();
  const map = page.locator("section.site-map");
  await map.getByRole("heading", { name: "Map of the sites" }).waitFor();
  // The outline, fetched from the build when the draft opened.
  await map.locator("path.map-country").waitFor();
  // The marks of each kind are one path, which says how many points it draws.
  const points = async (kind) => {
    const path = map.locator(kind);
    return (await path.count()) === 0 ? 0 : Number(await path.getAttribute("data-points"));
  };
  assert.equal(await points(".map-site:not(.outside)"), 1, "Takalafiya's latitude does not read: no point");
  assert.equal(await points(".map-site.outside"), 1);
  assert.equal(await points(".map-plant"), 1);
  // A point names its site when the pointer rests on it (the one outside is alone in its path).
  await map.locator(".map-site.outside").hover();
  await map.locator(".map-label text").filter({ hasText: "Shadadi" }).waitFor();
  // The list comes in just after the map.
  await map.locator(".site-map-list li").nth(2).waitFor();
  const items = await map.locator(".site-map-list li").allInnerTexts();
  assert.deepEqual(items, ["Kuchi", "Shadadi outside the country: check its coordinates", "Takalafiya no coordinates that read"]);
  // Focusing a site in the list names it on the map; picking it opens its answers.
  await map.getByRole("button", { name: "Kuchi" }).focus();
  await map.locator(".map-label text").filter({ hasText: "Kuchi" }).waitFor();
  await map.getByRole("button", { name: "Shadadi" }).click();
  await page.locator("#site-editor-title").filter({ hasText: "Shadadi" }).waitFor();
  await page.locator("#f-latitude-msg").filter({ hasText: "latitude and longitude the other way round" }).waitFor();
  assert.deepEqual(errors, []);
});
