import { serveDist, launch, newPage } from "./helpers.mjs";
const server = await serveDist(); const browser = await launch();
for (const width of [1024, 320]) {
  const page = await newPage(browser, [], { viewport: { width, height: 900 } });
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Import or export sites (spreadsheet, GeoJSON, KML)" }).click();
  const csv = Buffer.from("Nom du site;Latitude;Longitude;Solaire (kWc);Remarques\r\nKouré;9,81;6,9;30;ok\r\nGurmana;9.2;7.1;45;\r\nTakalafiya;95;7.3;12;\r\n");
  await page.locator("section.register input[type=file]").setInputFiles({ name: "villages.csv", mimeType: "text/csv", buffer: csv });
  await page.locator(".register-preview").waitFor();
  await page.locator("section.register").screenshot({ path: `/tmp/register-${width}.png` });
}
await browser.close(); await server.close();
