// The device's storage as a user meets it: a profile where the previous version kept its drafts and
// keys in localStorage starts with all of them, once each (Chromium and Firefox); a storage that
// refuses a write (full) is told at once, with the file to save (Firefox, whose quota a preference
// sets; Chromium's CDP quota override has no effect on IndexedDB here); a storage cleared under
// the open draft gets the draft written again (Chromium, whose CDP clears a site's data).
// Whether the browser keeps the storage is told from the start, and asked on the user's click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BROWSER, serveDist, launch, newPage, field, fill } from "./helpers.mjs";
import { BROWSERS, startBrowser } from "./sessions.mjs";

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server?.close(); });

const example = JSON.parse(await readFile("examples/two-site-draft.json", "utf8"));
const draft = (id, organisation, updated_ms) => ({ ...example, id, updated_ms, applicant: { ...example.applicant, organisation } });

/** In the page: the records of a store of the app's database `mgl`, parsed (once the app made it). */
const STORED = (store) => new Promise((resolve, reject) => {
  const open = indexedDB.open("mgl");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction(store).objectStore(store).getAll();
    req.onerror = () => reject(req.error);
    req.onsuccess = () => { open.result.close(); resolve(req.result.map((json) => JSON.parse(json))); };
  };
});

const listed = (session) => session.evaluate(() => [...document.querySelectorAll("table.draft-list tbody tr td:first-child")].map((td) => td.textContent.trim()));

async function withSession(kind, options, body) {
  const profile = await mkdtemp(join(tmpdir(), `mgl-storage-${kind}-`));
  const session = await startBrowser(kind, profile, options);
  try {
    await body(session, profile);
  } finally {
    await session.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}

for (const kind of BROWSERS) {
  test(`${kind}: drafts and keys of the previous version (localStorage) are all there, once each, and moved to IndexedDB`, () => withSession(kind, {}, async (session) => {
    // The previous version's layout, written on this origin before this version ever ran.
    const old = [draft("gurmana1", "Gurmana Solar Cooperative", 3000), draft("kuchi002", "Kuchi Community Energy", 2000), draft("tashan03", "Tashan Dutse Power", 1000)];
    const key = { key_id: "0123456789ABCDEF", label: "Amina Bello, Gurmana", fingerprint: "0123 4567", secret_file: "untrusted comment: minisign encrypted secret key\nRWRTY0Iy", pub_file: "untrusted comment: minisign public key 0123456789ABCDEF\nRWQ", created_ms: 500 };
    await session.open(server.url + "not-the-app");
    await session.evaluate(({ old, key }) => {
      for (const d of old) localStorage.setItem(`mgl.draft.${d.id}`, JSON.stringify(d));
      localStorage.setItem(`mgl.key.${key.key_id}`, JSON.stringify(key));
      localStorage.setItem("mgl.lang", "en");
    }, { old, key });
    // That page's 404 is told to the console asynchronously (Chromium): wait for it before
    // forgetting it, or it lands among the app's errors (up to 2 s; Firefox tells none).
    for (let i = 0; i < 20 && !session.errors.some((e) => e.includes("404")); i++) await new Promise((r) => setTimeout(r, 100));
    session.errors.length = 0;

    await session.open(server.url);
    await session.find("button", "Gurmana Solar Cooperative");
    assert.deepEqual(await listed(session), old.map((d) => d.applicant.organisation), "every draft, newest first");
    await session.waitFor(() => !Object.keys(localStorage).some((k) => k.startsWith("mgl.draft.") || k.startsWith("mgl.key.")), null, 10_000, "localStorage emptied");
    assert.deepEqual(await session.evaluate(() => Object.keys(localStorage)), ["mgl.lang"], "only the language choice stays in localStorage");
    const stored = await session.evaluate(STORED, "drafts");
    assert.deepEqual(stored.map((d) => d.id).sort(), old.map((d) => d.id).sort());
    assert.deepEqual(stored.find((d) => d.id === "kuchi002"), old[1], "each draft as it was, to the last answer");
    assert.deepEqual(await session.evaluate(STORED, "keys"), [key]);

    // Started again: the same three drafts, not six; the key on the keys page.
    await session.reload();
    await session.find("button", "Gurmana Solar Cooperative");
    assert.equal((await listed(session)).length, 3);
    await session.click("button", "Signing keys");
    await session.find(".key-label", "Amina Bello, Gurmana");
    // A moved draft opens with its answers.
    await session.click("button", "Applications");
    await session.click("button", "Kuchi Community Energy");
    assert.equal(await session.value("Physical address"), example.applicant.physical_address);
    assert.deepEqual(session.errors, []);
  }));
}

// Firefox's quota is a preference (Chromium's is the disk's): this runs in the Firefox run.
test("firefox: a full storage is told at once with the file to save; what does not fit can be taken out", { skip: BROWSER !== "firefox" }, async () => {
  const downloads = await mkdtemp(join(tmpdir(), "mgl-downloads-"));
  // 10 MB for the app, as on a nearly full disk.
  const firefoxPrefs = {
    "dom.quotaManager.temporaryStorage.fixedLimit": 10 * 1024,
    "browser.download.folderList": 2, "browser.download.dir": downloads, "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
  };
  await withSession("firefox", { firefoxPrefs }, async (session) => {
    await session.open(server.url);
    await session.click("button", "Start a new application");
    await session.type("Organisation", "Gurmana Solar Cooperative");
    await session.find("[data-testid=save-status]", "Saved on this device");

    // An answer larger than the room left (random text: the browser compresses what it stores).
    await session.evaluate(() => {
      let text = "Plot 12, Gurmana Road ";
      while (text.length < 9e6) text += Math.random().toString(36).slice(2);
      const input = document.getElementById("f-applicant-physical-address");
      input.value = text;
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    });
    const alert = await session.find("[data-testid=save-status] [role=alert]", "Not saved", 60_000);
    const told = await session.evaluate((s) => document.querySelector(s).textContent, alert);
    assert.match(told, /Not saved: The device's storage for this app is full.*Keep your work by saving it as a file/s);
    await session.click("button", "Save as file");
    let files = [];
    for (let i = 0; i < 100 && !files.some((f) => f.endsWith(".json")); i++) {
      await new Promise((r) => setTimeout(r, 100));
      files = await readdir(downloads);
    }
    const file = files.find((f) => f.endsWith(".json"));
    assert.ok(file, `a draft file saved (${files})`);
    const saved = JSON.parse(await readFile(join(downloads, file), "utf8"));
    assert.ok(saved.applicant.physical_address.length >= 9e6, "the file holds what could not be stored");

    // The user takes the pasted text out again: the draft fits and is saved.
    await session.fill("Physical address", "Plot 12, Gurmana Road");
    await session.find("[data-testid=save-status]", "Saved on this device", 30_000);
    await session.reload();
    await session.find("label", "Physical address");
    assert.equal(await session.value("Physical address"), "Plot 12, Gurmana Road");
    assert.equal(await session.value("Organisation"), "Gurmana Solar Cooperative");
    assert.deepEqual(session.errors, []);
  });
  await rm(downloads, { recursive: true, force: true });
});

// Clearing an origin's data under an open page needs the DevTools protocol: this runs in the Chromium run.
test("chromium: the open draft is written again when the browser's data for the app is cleared under it", { skip: BROWSER !== "chromium" }, async () => {
  const browser = await launch();
  try {
    const errors = [];
    const page = await newPage(browser, errors);
    const cdp = await page.context().newCDPSession(page);
    await page.goto(server.url);
    await page.getByRole("button", { name: "Start a new application" }).click();
    await fill(page, "Organisation", "Kuchi Community Energy");
    const status = page.getByTestId("save-status");
    await status.getByText("Saved on this device").waitFor();

    await cdp.send("Storage.clearDataForOrigin", { origin: new URL(server.url).origin, storageTypes: "indexeddb" });
    await fill(page, "Tel", "+234 803 000 0001");
    await status.getByText("Saved on this device").waitFor();
    await page.reload();
    await field(page, "Organisation").waitFor();
    assert.equal(await field(page, "Organisation").inputValue(), "Kuchi Community Energy");
    assert.equal(await field(page, "Tel").inputValue(), "+234 803 000 0001");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// A change is written at once, not after the pause, when the page is hidden (another tab, the lid
// closed) or left: a write made while the page goes away still completes.
for (const kind of BROWSERS) {
  test(`${kind}: a change is written at once when the page is hidden, and survives leaving the page`, () => withSession(kind, {}, async (session) => {
    await session.open(server.url);
    await session.click("button", "Start a new application");
    await session.type("Organisation", "Gurmana");
    await session.find("[data-testid=save-status]", "Saved on this device");

    // Hidden: the write of the draft starts before the pause after the keystroke has passed.
    const written = await session.evaluate(async () => {
      const opened = [];
      const transaction = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (...args) {
        const tx = transaction.apply(this, args);
        if (tx.mode === "readwrite") opened.push(String(args[0]));
        return tx;
      };
      const input = document.getElementById("f-applicant-organisation");
      input.value += " Solar";
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: " Solar" }));
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true })); // as the browser fires it
      // Microtasks and a timer turn: far less than the pause (300 ms) before the write would start.
      await new Promise((r) => setTimeout(r, 0));
      IDBDatabase.prototype.transaction = transaction;
      return opened;
    });
    // The draft and its summary for the list of drafts, in one transaction.
    assert.deepEqual(written, ["drafts,summaries"]);

    // Left: typed, then another page opened at once, within the pause.
    await session.type("Physical address", "Plot 12");
    await session.open("about:blank");
    await session.open(server.url);
    await session.click("button", "Gurmana Solar");
    assert.equal(await session.value("Physical address"), "Plot 12");
    assert.deepEqual(session.errors, []);
  }));
}

// Whether the browser keeps the app's storage, told from the start: Chromium decides by itself;
// Firefox keeps it only when the user agrees, so the app asks on the user's click (Firefox found
// this: the question put at start stayed pending there, and the app said nothing at all).
for (const kind of BROWSERS) {
  test(`${kind}: the app says from the start whether the browser will keep its storage`, () => withSession(kind, {}, async (session) => {
    await session.open(server.url);
    const line = await session.find("[data-testid=persistence]", "Storage:");
    const said = await session.evaluate((s) => document.querySelector(s).textContent, line);
    if (kind === "firefox") {
      assert.match(said, /may clear it when the disk is full, unless you ask it to keep it/);
      await session.find("[data-testid=persistence] button", "Ask the browser to keep it");
    } else {
      assert.match(said, /^Storage: (kept until you delete it|the browser may clear it)/);
    }
    assert.deepEqual(session.errors, []);
  }));
}

// Firefox's question is answered by its testing preferences, as a user would answer it.
for (const allow of [true, false]) {
  const firefoxPrefs = { "dom.storageManager.prompt.testing": true, "dom.storageManager.prompt.testing.allow": allow };
  test(`firefox: asked on the user's click, the browser's ${allow ? "yes" : "no"} is told`, { skip: BROWSER !== "firefox" }, () => withSession("firefox", { firefoxPrefs }, async (session) => {
    await session.open(server.url);
    await session.click("button", "Ask the browser to keep it");
    await session.find("[data-testid=persistence]", allow ? "Storage: kept until you delete it" : "Save a file copy now and then");
    assert.equal(await session.evaluate(() => [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Ask the browser"))), false);
    if (allow) {
      // A yes holds for the next visit, without asking again. (A no made by the testing preference
      // is not remembered, so the next visit may ask again, as after a user's "Not now".)
      await session.reload();
      await session.find("[data-testid=persistence]", "Storage: kept until you delete it");
      assert.equal(await session.evaluate(() => [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Ask the browser"))), false);
    }
    assert.deepEqual(session.errors, []);
  }));
}
