// Small screens: no screen of the form scrolls sideways, from an old 1024-px laptop down to a 320-px
// phone (WCAG 1.4.10); wide tables scroll inside their own box. And the sites list, laid out as a
// grid for speed (main.css), is still a table to assistive technology.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, field, shown } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const STEPS = ["applicant", "legal-status", "nature", "business", "project", "sites", "funding", "declaration", "documents", "tariff", "review"];

test("no screen scrolls sideways at 1024 px or at 320 px", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.locator("input[type=file]").setInputFiles("examples/two-site-draft.json");
  await field(page, "Organisation").waitFor();
  const tooWide = [];
  for (const width of [1024, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const step of STEPS) {
      await page.locator(`.stepper [data-step="${step}"]`).click();
      await shown(page);
      // What sticks out of the page (not what scrolls inside a table's own box).
      const out = await page.evaluate(() => {
        const found = [];
        for (const e of document.querySelectorAll("body *")) {
          const r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > innerWidth + 1 && !e.closest(".table-scroll, .visually-hidden")) {
            found.push(`${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]} to ${Math.round(r.right)} px`);
          }
        }
        return { page: document.documentElement.scrollWidth, found: found.slice(0, 3) };
      });
      if (out.page > width || out.found.length) tooWide.push(`${width} px, ${step}: page ${out.page} px; ${out.found.join(", ")}`);
    }
  }
  assert.deepEqual(tooWide, []);
  assert.deepEqual(errors, []);
});

test("the sites list is a table to assistive technology", async () => {
  const page = await newPage(browser, []);
  await page.goto(server.url);
  await page.locator("input[type=file]").setInputFiles("examples/two-site-draft.json");
  await field(page, "Organisation").waitFor();
  await page.locator('.stepper [data-step="sites"]').click();
  const table = page.getByRole("table");
  await table.waitFor();
  assert.equal(await table.getByRole("columnheader").count(), 5);
  assert.equal(await table.getByRole("row").count(), 3, "a header row and a row per site");
  const firstSite = table.getByRole("row").nth(1).getByRole("cell");
  assert.equal(await firstSite.count(), 5);
  assert.match(await firstSite.nth(1).innerText(), /Kuchi/);
});
