// Nothing typed is lost when the browser or the laptop dies: the browser is killed (every process,
// SIGKILL) 1 s after the last keystroke, started again on the same profile, and what was typed is
// there: a new draft, an edit of an existing draft, a signing key just created. In Chromium and in
// Firefox ESR. (Before drafts and keys moved to IndexedDB with strict durability, a kill 1 s after
// typing lost them in both browsers: localStorage reaches the disk seconds later.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist } from "./helpers.mjs";
import { BROWSERS, startBrowser } from "./sessions.mjs";

let server;
before(async () => { server = await serveDist(process.env.DIST ?? "dist"); });
after(async () => { await server?.close(); });

const AFTER_LAST_KEYSTROKE_MS = 1000;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** The drafts list once it has been read from the device: the organisations it names. */
async function listedOrganisations(session) {
  await session.waitFor(() => document.querySelector("table.draft-list, main.drafts p.empty"), null, 10_000, "the drafts list");
  return session.evaluate(() => [...document.querySelectorAll("table.draft-list tbody tr td:first-child")].map((td) => td.textContent.trim()));
}

/** A browser on a new profile; `body` gets a function that kills it and starts it again. */
async function onAProfile(kind, body) {
  const profile = await mkdtemp(join(tmpdir(), `mgl-crash-${kind}-`));
  let session = await startBrowser(kind, profile);
  try {
    await body(() => session, async ({ crash }) => {
      if (crash) await session.kill();
      else await session.close();
      session = await startBrowser(kind, profile);
      return session;
    });
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}

for (const kind of BROWSERS) {
  test(`${kind}: a new draft survives the browser being killed 1 s after the last keystroke`, () => onAProfile(kind, async (current, restart) => {
    await current().open(server.url);
    await current().click("button", "Start a new application");
    await current().type("Organisation", "Gurmana Solar Cooperative");
    await pause(AFTER_LAST_KEYSTROKE_MS);
    const session = await restart({ crash: true });
    await session.open(server.url);
    assert.deepEqual(await listedOrganisations(session), ["Gurmana Solar Cooperative"]);
    await session.click("button", "Gurmana Solar Cooperative");
    assert.equal(await session.value("Organisation"), "Gurmana Solar Cooperative");
  }));

  test(`${kind}: an edit of an existing draft survives the browser being killed 1 s after the last keystroke`, () => onAProfile(kind, async (current, restart) => {
    // A draft made on an earlier day: the browser closed normally since.
    await current().open(server.url);
    await current().click("button", "Start a new application");
    await current().type("Organisation", "Kuchi Community Energy");
    await current().find("[data-testid=save-status]", "Saved on this device");
    let session = await restart({ crash: false });
    await session.open(server.url);
    await session.click("button", "Kuchi Community Energy");
    await session.type("Physical address", "Plot 12, Kuchi Road");
    await pause(AFTER_LAST_KEYSTROKE_MS);
    session = await restart({ crash: true });
    await session.open(server.url);
    await session.click("button", "Kuchi Community Energy");
    assert.equal(await session.value("Physical address"), "Plot 12, Kuchi Road");
  }));

  test(`${kind}: a signing key survives the browser being killed 1 s after it was created`, () => onAProfile(kind, async (current, restart) => {
    await current().open(server.url + "#/keys");
    await current().find("p", "No signing key on this device yet.");
    await current().type("Whose key is it (name and organisation)", "Amina Bello, Gurmana");
    await current().type("Passphrase", "solar panels in the rain");
    await current().type("The same passphrase again", "solar panels in the rain");
    await current().click("button", "Create the key");
    const created = await current().find("p", "Key created:", 60_000);
    const keyId = (await current().evaluate((s) => document.querySelector(s).textContent, created)).match(/[0-9A-F]{16}/)[0];
    await pause(AFTER_LAST_KEYSTROKE_MS);
    const session = await restart({ crash: true });
    await session.open(server.url + "#/keys");
    const card = await session.find(".key-card", "Amina Bello, Gurmana");
    assert.match(await session.evaluate((s) => document.querySelector(s).textContent, card), new RegExp(keyId));
  }));
}
