// English, French and Portuguese: switching at any moment re-renders the text in place without
// losing what was typed, no English is left on any page, the choice survives a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, fill, field } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The catalogue's English messages whose translation differs, long enough not to occur by chance. */
function englishOf(lang) {
  const po = readFileSync(`crates/mgl-domain/i18n/${lang}.po`, "utf8");
  const unquote = (s) => JSON.parse(`"${s}"`);
  const pairs = [...po.matchAll(/^msgid "(.*)"\nmsgstr "(.*)"$/gm)].map((m) => [unquote(m[1]), unquote(m[2])]);
  return pairs
    .filter(([id, text]) => id && id !== text && id.length >= 14 && id.includes(" ") && !id.includes("{"))
    .map(([id]) => id);
}

/** A page that records the app's console warnings about untranslated messages. */
async function openApp() {
  const errors = [];
  const untranslated = [];
  const page = await newPage(browser, errors);
  page.on("console", (msg) => { if (msg.text().startsWith("mgl: untranslated")) untranslated.push(msg.text()); });
  await page.goto(server.url);
  return { page, errors, untranslated };
}

/** Chooses a language in the menu and waits until the page has switched (the first time, its
 * translations are fetched). */
async function chooseLanguage(page, menuLabel, code) {
  await page.getByLabel(menuLabel).selectOption(code);
  await page.locator(`html[lang="${code}"]`).waitFor({ state: "attached" });
}

const PAGES = ["applicant", "legal-status", "nature", "business", "project", "sites", "funding", "declaration", "documents", "tariff", "review"];

async function leftovers(page, english) {
  const text = await page.locator("body").innerText();
  return english.filter((id) => text.includes(id));
}

test("switching to French keeps every answer and leaves no English on any step or page", async () => {
  const { page, errors, untranslated } = await openApp();
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Coopérative Solaire du Sahel");
  await fill(page, "E-mail", "contact@sahel");
  await chooseLanguage(page, "Language", "fr");

  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  assert.equal(await page.locator("#step-title").innerText().then((t) => t.includes("Renseignements sur le demandeur")), true);
  assert.equal(await field(page, "Organisation").inputValue(), "Coopérative Solaire du Sahel", "typed text stays");
  assert.equal(await field(page, "E-mail").inputValue(), "contact@sahel");
  assert.match(await page.locator("#f-applicant-email-msg").innerText(), /Saisissez une adresse e-mail/);

  const english = englishOf("fr");
  assert.ok(english.length > 300, `${english.length} messages to look for`);
  // Sites, so that the site editor and its questions show.
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Ajouter un site" }).click();
  for (const step of PAGES) {
    await page.locator(`.stepper [data-step="${step}"]`).click();
    await page.waitForTimeout(50);
    assert.deepEqual(await leftovers(page, english), [], `English left on "${step}"`);
  }
  for (const name of ["Toutes les demandes"]) await page.getByRole("button", { name }).click();
  for (const name of ["Demandes", "Clés de signature", "Vérifier ou importer un dossier"]) {
    await page.getByRole("button", { name, exact: true }).click();
    assert.deepEqual(await leftovers(page, english), [], `English left on "${name}"`);
  }
  assert.deepEqual(untranslated, [], "the app asked for messages that have no translation");
  assert.deepEqual(errors, []);

  // The choice is kept on this device.
  await page.reload();
  await page.getByRole("button", { name: "Demandes", exact: true }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  assert.equal(await page.getByLabel("Langue").inputValue(), "fr");
});

test("Portuguese, then back to English, mid-form", async () => {
  const { page, errors, untranslated } = await openApp();
  await page.getByRole("button", { name: "Start a new application" }).click();
  await page.locator('.stepper [data-step="sites"]').click();
  await page.getByRole("button", { name: "Add a site" }).click();
  await fill(page, "Name of the site", "Mavalane");
  await fill(page, "Solar", "12.5");
  await fill(page, "Wind", "1 000");
  const generationTotal = () => page.locator(".site-editor .total").first().innerText();
  assert.match(await generationTotal(), /1 012\.5 kW/);
  await chooseLanguage(page, "Language", "pt");
  assert.equal(await page.getByLabel(/^Nome do local/).inputValue(), "Mavalane");
  // Numbers as Portuguese writes them (decimal comma); what was typed stays as typed.
  assert.match(await generationTotal(), /1 012,5 kW/);
  assert.equal(await field(page, "Solar").inputValue(), "12.5");
  assert.deepEqual(await leftovers(page, englishOf("pt")), []);
  await chooseLanguage(page, "Idioma", "en");
  assert.equal(await field(page, "Name of the site").inputValue(), "Mavalane");
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.deepEqual(untranslated, []);
  assert.deepEqual(errors, []);
});

test("the Verify page checks a bundle and explains every check in French", async () => {
  // A bundle made with `mgl` (as an NGO's laptop would), then opened by an officer reading French.
  const dir = mkdtempSync(join(tmpdir(), "mgl-lang-"));
  const env = { ...process.env, MGL_PASSPHRASE: "mango tree by the river" };
  const mgl = (args) => spawnSync("target/debug/mgl", args, { encoding: "utf8", env });
  assert.equal(mgl(["keygen", "--out", join(dir, "k")]).status, 0);
  const zip = join(dir, "b.zip");
  const made = mgl(["bundle", "--lang", "fr", "--draft", "examples/two-site-draft.json", "--attachments", "examples/attachments",
    "--key", join(dir, "k.key"), "--out", zip, "--today", "2026-11-22"]);
  assert.equal(made.status, 0, made.stdout + made.stderr);

  const { page, errors, untranslated } = await openApp();
  await chooseLanguage(page, "Language", "fr");
  await page.getByRole("button", { name: "Vérifier ou importer un dossier", exact: true }).click();
  await page.getByTestId("bundle-input").setInputFiles(zip);
  await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("verdict").innerText(), "Le dossier passe toutes les vérifications.");
  const checks = await page.locator(".checks").innerText();
  assert.match(checks, /Le fichier zip peut être ouvert sans danger/);
  assert.match(checks, /signature valide de la clé [0-9A-F]{16}/);
  assert.deepEqual(await leftovers(page, englishOf("fr")), []);
  assert.deepEqual(untranslated, []);
  assert.deepEqual(errors, []);
});

test("a French browser starts in French, fetching the French translations alone, and offline too", async () => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error" || msg.text().startsWith("mgl:")) errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(server.url);
  await page.getByRole("button", { name: "Commencer une nouvelle demande" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  // English needs nothing; French is fetched once, as the page starts; Portuguese not at all.
  assert.deepEqual(requests.filter((p) => p.endsWith(".po")), ["/fr.po"]);

  // Portuguese, never used on this device, still works with the network off: the service worker
  // precached it.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("button", { name: "Commencer une nouvelle demande" }).waitFor();
  await chooseLanguage(page, "Langue", "pt");
  await page.getByRole("button", { name: "Iniciar um novo pedido" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
