// Screens whose code is loaded when first opened (src/chunks.rs): only the first screens' code loads at
// start; a screen that cannot be loaded says so at the screen, loses nothing, and loads when tried again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { serveDist, launch, fill, field, focusedId } from "./helpers.mjs";
import { screenFiles } from "../../scripts/split-map.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("a screen's code loads when first opened, and a failed load is told and tried again", async () => {
  // No service worker: this page must fetch each screen's code itself.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  const wasm = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(r.url().split("/").pop()); });

  await page.addInitScript(() => addEventListener("mgl-app-ready", () => { window.appReady = true; }));
  await page.goto(server.url);
  await page.getByRole("button", { name: "Start a new application" }).waitFor();
  assert.equal(wasm[0], "mgl-app_bg.wasm", "the main module first");
  assert.equal(wasm.filter((w) => w === "mgl-app_bg.wasm").length, 1, "fetched once (the preload is used)");
  // Once the first screen is up, the form's code is fetched ahead of the click; no other screen's.
  await page.waitForFunction(() => window.appReady === true);
  assert.ok(wasm.includes("split_editor.wasm"), wasm.join(", "));
  assert.deepEqual(wasm.filter((w) => w.startsWith("split_") && w !== "split_editor.wasm"), []);
  // Its files are asked for its own module (the largest) first, then the shared chunks largest
  // first, so that large files do not queue behind small ones for the browser's six connections
  // (scripts/split-map.mjs).
  const dir = join("dist", readdirSync("dist").find((f) => f.startsWith("app-")));
  const formFiles = wasm.slice(wasm.indexOf("split_editor.wasm"));
  const needed = screenFiles(readFileSync(join(dir, "__wasm_split.js"), "utf8")).editor;
  assert.deepEqual([...formFiles].sort(), [...needed].sort(), "the form's files, each once");
  const chunkSizes = formFiles.slice(1).map((f) => statSync(join(dir, f)).size);
  assert.deepEqual(chunkSizes, [...chunkSizes].sort((a, b) => b - a), `requested in this order: ${formFiles.join(", ")}`);

  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Kuchi Women's Cooperative");
  assert.ok(!wasm.includes("split_tariff.wasm"), "the tariff's code is not loaded before it is opened");

  // The connection drops just as the tariff is opened.
  server.refuse(/split_tariff\.wasm$/);
  await page.locator('.stepper [data-step="tariff"]').click();
  const alert = page.getByRole("alert").filter({ hasText: "This part of the app could not be loaded" });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Your answers are saved on this device/);
  // The rest of the app still works, and nothing typed is lost.
  await page.locator('.stepper [data-step="applicant"]').click();
  assert.equal(await field(page, "Organisation").inputValue(), "Kuchi Women's Cooperative");

  // Back online: trying again loads the screen.
  await page.locator('.stepper [data-step="tariff"]').click();
  await alert.waitFor();
  server.refuse(null);
  await alert.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("heading", { name: "Tariff calculation" }).waitFor();
  assert.equal(await page.getByRole("alert").filter({ hasText: "could not be loaded" }).count(), 0);
  // The button that had the focus is gone with the alert: the screen shown takes it, so that the
  // next Tab goes into it, not to the top of the page.
  assert.equal(await focusedId(page, "main"), "main");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a draft that cannot be counted (its code not loaded) is still listed, by its name", async () => {
  // A draft left by a closing page (no summary with it), and no screen's code to be had: the list
  // shows it by what its text says, without counts, and it opens once the code can be loaded.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  const draft = JSON.parse(readFileSync("examples/two-site-draft.json", "utf8"));
  draft.id = "left-by-a-closing-page";
  await page.addInitScript((json) => {
    if (!sessionStorage.getItem("planted")) {
      localStorage.setItem("mgl.draft.left-by-a-closing-page", json);
      sessionStorage.setItem("planted", "1");
    }
  }, JSON.stringify(draft));
  server.refuse(/(split|chunk)_[^/]*\.wasm$/);
  try {
    await page.goto(server.url);
    const row = page.locator("table.draft-list tbody tr");
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator("td").first().innerText(), "Sunrise Rural Power Ltd");
    // Listed at once, "Counting…" until the code that counts is found not to load, then no count.
    await row.locator("span.muted").waitFor({ state: "detached" });
    assert.doesNotMatch(await row.innerText(), /Counting/);
  } finally {
    server.refuse(null);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("what the app loads at start stays within the 170 KB (brotli) budget", () => {
  // Sizes are deterministic for a given build (unlike times): a screen named from the main module by
  // mistake, or a heavy dependency, shows here at once.
  const out = execFileSync("node", ["scripts/size.mjs", "dist"], { encoding: "utf8" });
  const { brotli_kb } = JSON.parse(out.match(/^RESULT (.*)$/m)[1]);
  assert.ok(brotli_kb <= 170, `${brotli_kb.toFixed(1)} KB at start:\n${out}`);
  // Each screen group is its own module, loaded on demand.
  for (const group of ["editor", "steps", "documents", "tariff", "signing", "printout", "language"]) {
    assert.match(out, new RegExp(`screen "${group}"`), `the ${group} screens are split off`);
  }
});
