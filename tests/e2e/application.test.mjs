// As a new user would: fill a complete two-site application through the visible labels, reload
// mid-way, find everything still there, and see the licence type.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { serveDist, launch, newPage, field, fill, choose, next } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); mkdirSync("test-results", { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

async function fillSite(page, s) {
  await fill(page, "Name of the site", s.name);
  await choose(page, "Is this mini-grid isolated or interconnected?", "Isolated: not connected to a Distribution Network Operator's network");
  for (const [label, value] of Object.entries(s.location)) await fill(page, label, value);
  await fill(page, "Latitude", s.lat);
  await fill(page, "Longitude", s.lon);
  await fill(page, "Solar", s.solar);
  await fill(page, "Diesel", s.diesel);
  await fill(page, "Location of the Power Plant: latitude", s.lat);
  await fill(page, "Location of the Power Plant: longitude", s.lon);
  await choose(page, "Is the Power Plant new?", "Yes");
  await fill(page, "Distributed Power", s.dp);
  await fill(page, "Generation Capacity", s.gc);
  await fill(page, "Three-phase LV", s.lv);
  await field(page, "Overhead").check();
  await fill(page, "Cement poles", s.poles);
  await fill(page, "Residential customers", s.residential);
  await fill(page, "Commercial customers", s.commercial);
  await choose(page, "Does the site need a land use and land planning permit from the Regional or Local Administration?", "Yes");
  await choose(page, "Does the network need a right of way certificate?", "No");
  await choose(page, "Is there a Community Contract with the community of this site?", "Yes");
}

test("a complete two-site application, with a reload mid-way", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();

  // 1. Particulars of applicant and contact person
  await fill(page, "Name of the principal officer of the company", "Amina Bello");
  await fill(page, "Organisation", "Sunrise Rural Power Ltd");
  await fill(page, "Physical address", "12 Aminu Kano Crescent, Wuse II, Abuja");
  await fill(page, "Mobile Phone", "+234 803 123 4567");
  await fill(page, "E-mail", "info@sunrise-power.ng");
  await fill(page, "Website Address", "www.sunrise-power.ng");
  await fill(page, "Name of Contact Person", "Chinedu Okafor");
  await fill(page, "Mobile Phone of Contact Person", "0803 765 4321");
  await fill(page, "E-mail of Contact Person", "chinedu@sunrise-power.ng");
  await next(page);

  // 2. Legal status
  await choose(page, "Legal status of Applicant", "d. Private Limited Liability Company");
  await next(page);

  // 3. Nature of application, with an existing licence
  await choose(page, "Is the application a fresh application or a renewal?", "Fresh application");
  await choose(page, "Does the Applicant have an existing Licence issued by the Authority for other systems?", "Yes");
  await page.getByRole("button", { name: "Add an existing licence" }).click();
  await fill(page, "Nature of the Licence", "Simplified Licence, Gidan Kwano");
  await fill(page, "Date issued", "2023-05-17");
  await fill(page, "Licence number", "MG/SL/2023/041");
  await choose(page, "Has the Applicant ever been refused a Licence or had its Licence suspended and/or cancelled by the Authority?", "No");
  await next(page);

  // 4. Main business activities
  await fill(page, "Main business activities the Applicant is currently engaged in", "Solar-hybrid mini-grids.");
  await next(page);

  // 5. Project
  await fill(page, "Detailed description of the project", "Two solar-hybrid mini-grids in Niger State.");
  await choose(page, "Were the mini-grids already in operation before this Regulation came into force?", "No");
  await next(page);

  // 6. Sites: the first one, then a reload mid-way
  const kuchi = { name: "Kuchi", location: { State: "Niger", "Local Government Area": "Munya", Ward: "Kuchi", Village: "Kuchi" },
    lat: "9°48'36\"N", lon: "6°55'12\"E", solar: "60", diesel: "20", dp: "45", gc: "60", lv: "2500", poles: "80", residential: "310", commercial: "42" };
  await fillSite(page, kuchi);
  await page.waitForTimeout(1200); // autosave happens within a second of the last keystroke
  await page.reload();
  await assert.doesNotReject(field(page, "Name of the site").waitFor());
  assert.equal(await field(page, "Name of the site").inputValue(), "Kuchi");
  assert.equal(await field(page, "Latitude").inputValue(), "9°48'36\"N");
  assert.equal(await field(page, "Ward").inputValue(), "Kuchi");
  assert.equal(await field(page, "Organisation").count(), 0, "still on the Sites step");
  assert.match(await page.locator(".total").first().innerText(), /80/, "generation total 60 + 20");

  // The second site starts as a duplicate of the first.
  await page.getByRole("button", { name: "Duplicate: Kuchi" }).click();
  assert.equal(await field(page, "Name of the site").inputValue(), "Kuchi (copy)");
  // Its coordinates are still the first site's: told at once, at the latitude, naming that site.
  await page.locator("#f-latitude-msg", { hasText: "Less than 200 m from Kuchi: is it the same site entered twice, or were the coordinates copied?" }).waitFor();
  await fillSite(page, { ...kuchi, name: "Gurmana", location: { ...kuchi.location, "Local Government Area": "Shiroro", Ward: "Gurmana", Village: "Gurmana" },
    lat: "9.9667", lon: "6.8833", solar: "45", diesel: "15", dp: "35", gc: "45" });
  assert.equal(await page.getByTestId("licence-summary").innerText(), "Simplified Licence (Section 3.1)");
  assert.equal(await page.getByText("Less than 200 m from").count(), 0, "moved away: the warning is gone");
  assert.match(await page.locator(".licence-reasons").innerText(), /80 kW, at most 100 kW/);
  await next(page);

  // 7. Revenue and sources of funding
  await fill(page, "Expected electricity sales", "210000");
  await choose(page, "The electricity tariff is", "per kWh");
  await fill(page, "Electricity tariff", "185");
  await fill(page, "Share Capital contribution", "45000000");
  await choose(page, "Is the share capital foreign or local?", "Local");
  await next(page);

  // 8. Declaration
  assert.match(await page.locator(".declaration-text").innerText(), /contrary to the interest of the Federal Republic of Nigeria/);
  await fill(page, "Dated", "2025-10-01");
  await fill(page, "Name of the first signatory", "Amina Bello");
  await fill(page, "Name of the second signatory", "Ibrahim Musa");

  // Every step is complete.
  const statuses = await page.locator(".stepper li .step-status").allInnerTexts();
  assert.deepEqual(statuses, Array(8).fill("complete"));
  await page.screenshot({ path: "test-results/declaration.png", fullPage: true });

  // Sites step screenshot for the README.
  await page.getByRole("button", { name: /Sites of the mini-grids/ }).click();
  await page.screenshot({ path: "test-results/sites.png", fullPage: false });

  // The documents to attach follow the answers: one Tripartite Agreement only if a site is interconnected.
  await page.locator('.stepper [data-step="documents"]').click();
  assert.match(await page.getByTestId("documents-count").innerText(), /^0 of 27 required documents attached/);
  const tripartite = page.locator(".document-matrix tbody tr", { hasText: "Tripartite Agreement" });
  assert.deepEqual(await tripartite.locator("td").allInnerTexts(), ["", "Not applicable", "Not applicable"]);
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Kuchi", exact: true }).click();
  await choose(page, "Is this mini-grid isolated or interconnected?", "Interconnected with a Distribution Network Operator's network");
  await page.locator('.stepper [data-step="documents"]').click();
  assert.deepEqual(await tripartite.locator("td").allInnerTexts(), ["", "Missing", "Not applicable"]);
  await page.screenshot({ path: "test-results/documents.png", fullPage: false });
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Kuchi", exact: true }).click();
  await choose(page, "Is this mini-grid isolated or interconnected?", "Isolated: not connected to a Distribution Network Operator's network");

  // The whole application prints in the order of Appendix I, from the page itself (no request).
  const [printout] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Print the application" }).click()]);
  await printout.waitForLoadState();
  const text = await printout.locator("body").innerText();
  for (const needle of ["APPENDIX I", "I, Amina Bello, hereby apply", "Site 2: Gurmana", "DOCUMENTS (SECTION 4.1)", "NOTARY PUBLIC"]) {
    assert.ok(text.includes(needle), needle);
  }
  assert.ok(text.indexOf("Site 1: Kuchi") < text.indexOf("5.5 REVENUE"), "in the order of Appendix I");
  const pdf = await printout.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, "prints to PDF");
  await printout.screenshot({ path: "test-results/printout.png" });
  await printout.close();

  // The drafts list shows the application.
  await page.waitForTimeout(600);
  await page.getByRole("button", { name: "All applications" }).click();
  const row = page.locator("table.draft-list tbody tr");
  // Listed once read from the device (and summarised, when the last copy came back from the one a
  // closing page leaves), with its counts.
  await row.locator("td").nth(3).filter({ hasText: "steps complete" }).waitFor();
  assert.equal(await row.count(), 1);
  const cells = await row.locator("td").allInnerTexts();
  assert.equal(cells[0], "Sunrise Rural Power Ltd");
  assert.equal(cells[1], "2");
  assert.match(cells[3], /8 of 8 steps complete/);
  assert.deepEqual(errors, []);
});
