// The tariff step as a new user would: fill it, see the year-4 tariff in the table and the chart,
// reload, and find it all still there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, field, fill } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("a tariff is computed as the user types, with the jump of year 4, and kept across a reload", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="tariff"]').click();
  assert.match(await page.locator(".tariff-results").innerText(), /inputs to complete or correct above/);

  await fill(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)", "0.10");
  const capex = page.getByRole("textbox", { name: "Capex", exact: true });
  await capex.first().fill("100000");
  await fill(page, "Non-fuel opex", "5000");
  await page.getByRole("textbox", { name: "Residential kWh", exact: true }).first().fill("50000");
  const table = page.getByTestId("tariff-table");
  await table.waitFor();
  // PV array, 20 years: opex capitalised, so the tariff jumps in year 4.
  const year = (n) => table.locator("tbody tr").nth(n - 1).locator("td.average").innerText();
  const [y3, y4] = [Number(await year(3)), Number(await year(4))];
  assert.ok(y4 > y3 * 1.1, `year 4 (${y4}) above year 3 (${y3})`);
  assert.match(await page.locator(".tariff-warnings").innerText(), /rises by \d+ % in year 4/);
  assert.equal(await page.locator(".tariff-chart rect").count(), 60, "20 years × 3 components");

  // The worked example: opex not capitalised gives 0.335 every year.
  await page.getByLabel(/Capitalise the opex of the first three years/).uncheck();
  assert.equal(await year(1), "0.335");
  assert.equal(await year(4), "0.335");

  // A typing mistake is explained at its field and loses nothing.
  await capex.nth(1).fill("12,000");
  assert.match(await page.locator(".tariff-input .message.error").first().innerText(), /thousands separator/);
  await capex.nth(1).fill("");

  await page.waitForTimeout(800);
  await page.reload();
  await page.getByTestId("tariff-table").waitFor();
  assert.equal(await field(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)").inputValue(), "0.10");
  assert.equal(await page.getByTestId("tariff-table").locator("tbody tr").nth(3).locator("td.average").innerText(), "0.335");
  await page.screenshot({ path: "test-results/tariff.png", fullPage: true });
  assert.deepEqual(errors, []);
});
