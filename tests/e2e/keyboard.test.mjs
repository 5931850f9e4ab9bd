// The whole application completed with the keyboard alone: Tab to each answer, type, arrows and
// space for choices, Enter for buttons. No mouse, no clicks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, focusedId } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What a screen reader would call the focused element, and the question it belongs to. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const label = el.labels?.[0]?.innerText.replace(/\s*\*$/, "").trim() || el.getAttribute("aria-label") || el.innerText?.trim() || "";
  const question = el.closest("fieldset.field")?.querySelector("legend")?.innerText.replace(/\s*\*$/, "").trim() ?? "";
  return { label, question, type: el.type ?? el.tagName };
});

/** Presses Tab until the focus is on what `matches` accepts. */
async function tabTo(page, matches, what) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function type(page, label, text) {
  await tabTo(page, (f) => f.label === label && f.type !== "radio", label);
  await page.keyboard.type(text);
}

/** Picks the option at `index` of a question: Tab into the group, then arrows (or space for the first). */
async function choose(page, question, index) {
  await tabTo(page, (f) => f.question === question, question);
  if (index === 0) await page.keyboard.press("Space");
  for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
}

async function press(page, button) {
  await tabTo(page, (f) => f.label === button, button);
  await page.keyboard.press("Enter");
  // Next opens the next step with the focus on its heading: Tab goes on to its first question (the
  // last step has no Next button: from where it was, Firefox's Tab went to the list of problems).
  if (button.startsWith("Next:")) assert.equal(await focusedId(page, "step-title"), "step-title", `focus after ${button}`);
}

test("the whole application can be completed with the keyboard alone", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await press(page, "Start a new application");
  // The new page's main content has the focus, so the next Tab is the form's first answer, not
  // the top of the page.
  assert.equal(await focusedId(page, "main"), "main");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Name of the principal officer of the company");
  await page.keyboard.press("Shift+Tab"); // back, so that the first `type` below Tabs onto it again
  for (const [label, text] of [
    ["Name of the principal officer of the company", "Amina Bello"], ["Organisation", "Keyboard Power"],
    ["Physical address", "1 Main Road, Minna"], ["Mobile Phone", "+234 803 123 4567"], ["E-mail", "info@keyboard.ng"],
    ["Name of Contact Person", "Chinedu Okafor"], ["Mobile Phone of Contact Person", "0803 765 4321"],
    ["E-mail of Contact Person", "chinedu@keyboard.ng"],
  ]) await type(page, label, text);
  await press(page, "Next: Legal status of applicant →");
  await choose(page, "Legal status of Applicant", 3);
  await press(page, "Next: Nature of application →");
  await choose(page, "Is the application a fresh application or a renewal?", 0);
  await choose(page, "Does the Applicant have an existing Licence issued by the Authority for other systems?", 1);
  await choose(page, "Has the Applicant ever been refused a Licence or had its Licence suspended and/or cancelled by the Authority?", 1);
  await press(page, "Next: Main business activities →");
  await type(page, "Main business activities the Applicant is currently engaged in", "Solar mini-grids.");
  await press(page, "Next: Description of project →");
  await type(page, "Detailed description of the project", "One solar mini-grid.");
  await choose(page, "Were the mini-grids already in operation before this Regulation came into force?", 1);
  await press(page, "Next: Sites of the mini-grids →");
  await type(page, "Name of the site", "Kuchi");
  await choose(page, "Is this mini-grid isolated or interconnected?", 0);
  for (const [label, text] of [
    ["State", "Niger"], ["Local Government Area", "Munya"], ["Ward", "Kuchi"], ["Village", "Kuchi"],
    ["Latitude", "9.81"], ["Longitude", "6.92"], ["Solar", "60"],
    ["Location of the Power Plant: latitude", "9.81"], ["Location of the Power Plant: longitude", "6.92"],
  ]) await type(page, label, text);
  await choose(page, "Is the Power Plant new?", 0);
  await type(page, "Distributed Power", "45");
  await type(page, "Generation Capacity", "50");
  await type(page, "Residential customers", "200");
  await choose(page, "Does the site need a land use and land planning permit from the Regional or Local Administration?", 1);
  await choose(page, "Does the network need a right of way certificate?", 1);
  await choose(page, "Is there a Community Contract with the community of this site?", 1);
  await press(page, "Next: Revenue and sources of funding →");
  await type(page, "Expected electricity sales", "90000");
  await choose(page, "The electricity tariff is", 0);
  await type(page, "Electricity tariff", "180");
  await press(page, "Next: Declaration by the applicant →");
  await tabTo(page, (f) => f.label === "Dated", "Dated");
  await page.keyboard.type("01102025"); // a date input takes its digits in the locale's order
  await type(page, "Name of the first signatory", "Amina Bello");
  await type(page, "Name of the second signatory", "Ibrahim Musa");

  const statuses = await page.locator(".stepper li .step-status").allInnerTexts();
  assert.deepEqual(statuses, Array(8).fill("complete"), statuses.join(", "));
  assert.equal(await page.getByTestId("licence-summary").count(), 0, "the licence panel is on the project and sites steps");
  assert.deepEqual(errors, []);
});

/** Presses Tab until the focused element matches the CSS selector. */
async function tabToSelector(page, selector) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("the site register and the map of the sites are used with the keyboard alone", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await press(page, "Start a new application");
  await tabToSelector(page, '.stepper [data-step="sites"]');
  await page.keyboard.press("Enter");
  await press(page, "Import or export sites (spreadsheet, GeoJSON, KML)");
  // The file input is reached by Tab; the system's file dialog is where a file is then picked.
  await tabTo(page, (f) => f.label === "Import sites from a file (XLSX, ODS, CSV, GeoJSON, KML, KMZ)" && f.type === "file", "the file input");
  const csv = "Name of the site,Latitude,Longitude\r\nKuchi,9.81,6.92\r\nShadadi,5.24,13.06\r\n";
  await page.locator("section.register input[type=file]").setInputFiles({ name: "sites.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.locator(".register-preview").waitFor();
  await press(page, "Add 2 sites");
  await page.locator("table.site-list tbody tr", { hasText: "Shadadi" }).waitFor();
  await press(page, "Undo");
  await page.locator("table.site-list tbody tr", { hasText: "Shadadi" }).waitFor({ state: "detached" });
  await page.locator("section.register input[type=file]").setInputFiles({ name: "sites.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await press(page, "Add 2 sites");
  await page.locator("table.site-list tbody tr", { hasText: "Shadadi" }).waitFor();

  // The map: its list of sites is the keyboard's way in; the focused site is named on the map.
  await press(page, "Map of the sites");
  await page.locator("section.site-map path.map-country").waitFor();
  // (The sites table above has buttons of the same names: the map's list is the one after it,
  // filled just after the map is drawn.)
  await page.locator(".site-map-list li:nth-child(2) button").waitFor();
  await tabToSelector(page, ".site-map-list li:nth-child(2) button");
  assert.equal((await focused(page)).label, "Shadadi");
  await page.locator(".map-label text").filter({ hasText: "Shadadi" }).waitFor();
  // Enter opens its answers, and the keyboard goes to them.
  await page.keyboard.press("Enter");
  await page.locator("#site-editor-title").filter({ hasText: "Shadadi" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "f-name");
  assert.equal(await page.evaluate(() => document.activeElement.value), "Shadadi");
  assert.deepEqual(errors, []);
});
