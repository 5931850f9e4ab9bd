// Nothing typed is lost when the browser or the laptop dies: the browser is killed (every process,
// SIGKILL) 1 s after the last keystroke, started again on the same profile, and what was typed is
// there: a new draft, an edit of an existing draft, a signing key just created. In Chromium and in
// Firefox ESR. (Before drafts moved to IndexedDB with strict durability, a kill 1.1 s after typing
// lost the draft in both browsers: localStorage reaches the disk seconds later.)
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
  await session.find("button", "Start a new application");
  await session.waitFor(() => document.querySelector("table.draft-list, p.empty"), null, 10_000, "the drafts list");
  return session.evaluate(() => [...document.querySelectorAll("table.draft-list tbody tr td:first-child")].map((td) => td.textContent.trim()));
}

for (const kind of BROWSERS) {
  test(`${kind}: a new draft, an edit and a new key survive the browser being killed 1 s later`, async () => {
    const profile = await mkdtemp(join(tmpdir(), `mgl-crash-${kind}-`));
    let session = await startBrowser(kind, profile);
    try {
      // A new application: the organisation typed, then the browser dies.
      await session.open(server.url);
      await session.click("button", "Start a new application");
      await session.type("Organisation", "Gurmana Solar Cooperative");
      await pause(AFTER_LAST_KEYSTROKE_MS);
      await session.kill();

      session = await startBrowser(kind, profile);
      await session.open(server.url);
      assert.deepEqual(await listedOrganisations(session), ["Gurmana Solar Cooperative"], "the new draft after the crash");

      // An edit of that draft: another answer typed, then the browser dies again.
      await session.click("button", "Gurmana Solar Cooperative");
      assert.equal(await session.value("Organisation"), "Gurmana Solar Cooperative");
      await session.type("Physical address", "Plot 12, Gurmana Road");
      await pause(AFTER_LAST_KEYSTROKE_MS);
      await session.kill();

      session = await startBrowser(kind, profile);
      await session.open(server.url);
      await session.click("button", "Gurmana Solar Cooperative");
      assert.equal(await session.value("Physical address"), "Plot 12, Gurmana Road", "the edit after the crash");

      // A signing key: created, then the browser dies.
      await session.click("button", "All applications");
      await session.click("button", "Signing keys");
      await session.find("p", "No signing key on this device yet.");
      await session.type("Whose key is it (name and organisation)", "Amina Bello, Gurmana");
      await session.type("Passphrase", "solar panels in the rain");
      await session.type("The same passphrase again", "solar panels in the rain");
      await session.click("button", "Create the key");
      await session.find("p", "Key created:", 60_000);
      await pause(AFTER_LAST_KEYSTROKE_MS);
      await session.kill();

      session = await startBrowser(kind, profile);
      await session.open(server.url + "#/keys");
      const label = await session.find(".key-label", "Amina Bello, Gurmana");
      assert.ok(label, "the key after the crash");
      assert.deepEqual(session.errors, []);
    } finally {
      await session.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    }
  });
}
