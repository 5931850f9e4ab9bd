// The tariff step as a new user would: fill it, see the year-4 tariff in the table and the chart,
// reload, and find it all still there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, field, fill } from "./helpers.mjs";

const mgl = (args) => spawnSync("target/debug/mgl", args, { encoding: "utf8" });

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

test("the tariff is saved as a workbook, and a workbook changed elsewhere is opened again: its changes listed, used, put back", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="tariff"]').click();
  await fill(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)", "0.10");
  await page.getByRole("textbox", { name: "Capex", exact: true }).first().fill("100000");
  await fill(page, "Non-fuel opex", "5000");
  await page.getByRole("textbox", { name: "Residential kWh", exact: true }).first().fill("50000");
  await page.getByTestId("tariff-table").waitFor();
  const levelised = async () => (await page.getByTestId("levelised").innerText()).trim();
  const before = await levelised();

  // Saved: a workbook that mgl reads back as the screen's entries, to the same tariff.
  const dir = await mkdtemp(join(tmpdir(), "mgl-tariff-"));
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("button", { name: "Save as workbook (XLSX)" }).click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const saved = join(dir, "saved.xlsx");
  await download.saveAs(saved);
  const inputs = join(dir, "inputs.json");
  const back = mgl(["tariff", "--from-xlsx", saved, "--save-input", inputs]);
  assert.equal(back.status, 0, back.stderr);
  const input = JSON.parse(await readFile(inputs, "utf8"));
  assert.equal(input.wacc, 0.1);
  assert.equal(input.assets[0].capex, 100000);

  // The Authority changes the WACC and the first capex (here with mgl): opened, the screen lists
  // both changes and changes nothing until told.
  input.wacc = 0.08;
  input.assets[0].capex = 90000;
  await writeFile(inputs, JSON.stringify(input));
  const changed = join(dir, "changed.xlsx");
  assert.equal(mgl(["tariff", inputs, "--xlsx", changed]).status, 0);
  const open = page.locator(".tariff-workbook input[type=file]");
  await open.setInputFiles(changed);
  const preview = page.getByRole("region", { name: "What the workbook changes" });
  await preview.waitFor();
  assert.match(await preview.innerText(), /changes 2 entries/);
  const listed = await preview.locator("li").allInnerTexts();
  assert.deepEqual(listed, ["WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %): 0.10 → 0.08",
    "Asset classes, row 1, Capex: 100000 → 90000"]);
  assert.equal(await levelised(), before, "nothing used yet");
  await preview.getByRole("button", { name: "Use the workbook's entries" }).click();
  assert.equal(await field(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)").inputValue(), "0.08");
  assert.notEqual(await levelised(), before);
  await page.screenshot({ path: "test-results/tariff-workbook.png", fullPage: true });
  await page.getByRole("button", { name: "Put back the entries as they were" }).click();
  assert.equal(await field(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)").inputValue(), "0.10");
  assert.equal(await levelised(), before);

  // A workbook that is not a tariff's: refused with the reason, the entries untouched.
  const register = join(dir, "sites.xlsx");
  assert.equal(mgl(["sites", "template", "--xlsx", "--out", register]).status, 0);
  await open.setInputFiles(register);
  await page.locator(".tariff-workbook .message.error").waitFor();
  assert.match(await page.locator(".tariff-workbook .message.error").innerText(), /sites\.xlsx: This workbook is not a tariff workbook of this app: it has no entry named “wacc”/);
  assert.equal(await levelised(), before);
  assert.deepEqual(errors, []);
});
