// The signed bundle as a new user makes it: a signing key, a complete application with its
// documents attached, Review and export; the zip checked here (by mgl verify and by reading it);
// then the bundle verified and imported on the Verify page, exported again, and its payload found
// byte-identical.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, launch, newPage, fill, axeProblems, storedRecords } from "./helpers.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PASSPHRASE = "mango tree by the river";

/** A tiny valid PDF saying `text`, so that each document has its own content. */
function pdf(text) {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** name -> sha256 of each file of a zip, read by Python's zipfile (not our code). */
function zipListing(path) {
  const script = "import hashlib,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))";
  const out = spawnSync("python3", ["-c", script, path], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

/** Makes a signing key on the Signing keys page; returns its card and key id. */
async function makeKey(page) {
  await page.getByRole("button", { name: "Signing keys" }).click();
  await fill(page, "Whose key is it (name and organisation)", "Amina Bello, Sunrise Energy");
  await fill(page, "Passphrase", PASSPHRASE);
  await fill(page, "The same passphrase again", PASSPHRASE);
  await page.getByRole("button", { name: "Create the key" }).click();
  const card = page.locator(".key-card");
  await card.waitFor({ timeout: 30_000 });
  return { card, keyId: await card.locator(".key-id").innerText() };
}

const mgl = (args) => spawnSync("target/debug/mgl", args, { encoding: "utf8" });

async function exportBundle(page, dir, name) {
  await page.locator('.stepper [data-step="review"]').click();
  await page.getByLabel(/^Passphrase of /).fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByRole("button", { name: "Export the signed bundle" }).click(),
  ]);
  await page.getByTestId("export-done").waitFor();
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, suggested: download.suggestedFilename() };
}

test("a whole session: a complete application is signed, exported, verified, imported and exported again identically, with no request beyond the app's own files", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  const dir = await mkdtemp(join(tmpdir(), "mgl-bundle-e2e-"));
  // Every request of the whole session, from any page or worker of this browser profile.
  const requests = [];
  page.context().on("request", (r) => requests.push(r.url()));
  await page.goto(server.url);

  // A new application, begun and left for later (create, fill).
  await page.getByRole("button", { name: "Start a new application" }).click();
  await fill(page, "Organisation", "Kuchi Women's Cooperative");
  await page.getByRole("button", { name: "All applications" }).click();

  // A signing key, made on the device.
  const { card, keyId } = await makeKey(page);
  assert.match(keyId, /^[0-9A-F]{16}$/);
  assert.match(await card.locator(".fingerprint").innerText(), /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  const [pubDownload] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Save the public key (.pub)" }).click(),
  ]);
  const pubPath = join(dir, "applicant.pub");
  await pubDownload.saveAs(pubPath);
  assert.match(await readFile(pubPath, "utf8"), new RegExp(`^untrusted comment: minisign public key ${keyId}\\n`));
  // The key is kept encrypted: nothing in storage holds it in plain text.
  const stored = await storedRecords(page, "keys");
  assert.equal(stored.length, 1);
  assert.match(stored[0].secret_file, /^untrusted comment: minisign encrypted secret key/);

  // A complete application, carried over from another laptop as a draft file, its documents attached here.
  const draft = JSON.parse(await readFile("examples/two-site-draft.json", "utf8"));
  draft.files = []; draft.attachments = [];
  const draftPath = join(dir, "draft.json");
  await writeFile(draftPath, JSON.stringify(draft));
  await page.getByRole("button", { name: "Applications" }).click();
  await page.locator("input[type=file]").setInputFiles(draftPath);
  // The app's tariff calculation fills the tariff tool of 4.1(2)(e).
  await page.locator('.stepper [data-step="tariff"]').click();
  await fill(page, "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)", "0.10");
  await page.getByRole("textbox", { name: "Capex", exact: true }).first().fill("100000");
  await fill(page, "Non-fuel opex", "5000");
  await page.getByTestId("tariff-table").waitFor();
  await page.locator('.stepper [data-step="documents"]').click();
  await page.getByRole("heading", { name: "Documents to attach" }).waitFor();
  const required = page.locator(".doc-item", { has: page.locator(".need-required") });
  const n = await required.count();
  assert.ok(n > 20, `${n} required documents`);
  for (let i = 0; i < n; i++) {
    const item = required.nth(i);
    const id = await item.getAttribute("id");
    await item.locator("input[type=file]").first().setInputFiles({ name: `${id}.pdf`, mimeType: "application/pdf", buffer: pdf(id) });
    await item.locator(".doc-files li").waitFor();
  }
  assert.match(await page.getByTestId("documents-count").innerText(), new RegExp(`^${n} of ${n} required documents attached`));

  // Review: nothing left to do; export in one click after the passphrase.
  await page.locator('.stepper [data-step="review"]').click();
  await page.getByText("Every answer is valid and every required document is attached.").waitFor();
  const first = await exportBundle(page, dir, "first.zip");
  assert.match(first.suggested, /^NG-MG-[A-Z0-9]{6,}-\d{4}-\d{2}-\d{2}\.zip$/);

  // The zip, checked outside the app: every file where the format says, and mgl verify passes.
  const listing = zipListing(first.path);
  const folder = first.suggested.replace(/\.zip$/, "");
  for (const name of ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "data/application.json",
    "data/application.html", "data/checklist.json", `signatures/applicant-${keyId}.minisig`, `signatures/applicant-${keyId}.pub`]) {
    assert.ok(`${folder}/${name}` in listing, `${name} in ${Object.keys(listing).join(", ")}`);
  }
  assert.equal(Object.keys(listing).filter((k) => k.includes("/data/attachments/")).length, n);
  const verified = mgl(["verify", first.path, "--pub", pubPath]);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);

  // Verify page: every check passes; import as a new draft.
  await page.getByRole("button", { name: "All applications" }).click();
  await page.getByRole("button", { name: "Verify or import a bundle" }).click();
  await page.locator('input[type=file][accept=".pub,text/plain"]').setInputFiles(pubPath);
  await page.getByTestId("bundle-input").setInputFiles(first.path);
  await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("verdict").innerText(), "The bundle passes every check.");
  assert.equal(await page.locator(".check.passed").count(), 9);
  assert.match(await page.locator(".checks").innerText(), new RegExp(`good signature by key ${keyId}[^\\n]*the key you trust`));
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await page.getByRole("heading", { name: /Review and export/ }).waitFor();
  await page.getByText("Every answer is valid and every required document is attached.").waitFor();

  // Exported again from the imported draft: the same payload, byte for byte.
  const second = await exportBundle(page, dir, "second.zip");
  const payload = (l) => Object.fromEntries(Object.entries(l).filter(([k]) => k.includes("/data/") || k.endsWith("/manifest-sha256.txt")).map(([k, v]) => [k.slice(k.indexOf("/") + 1), v]));
  assert.deepEqual(payload(zipListing(second.path)), payload(listing));
  assert.ok("data/tariff/results.json" in payload(listing), "the tariff is in the bundle");
  assert.deepEqual(errors, []);

  // Create, fill, attach, tariff, export, verify, import: nothing asked beyond the app's own files.
  assert.ok(requests.length > 3, `${requests.length} requests recorded`);
  const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "no request beyond the app's own files");
});

test("a tampered bundle fails verification at the check it breaks, and cannot be imported", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  const dir = await mkdtemp(join(tmpdir(), "mgl-bundle-bad-"));
  process.env.MGL_PASSPHRASE = PASSPHRASE;
  assert.equal(mgl(["keygen", "--out", join(dir, "k")]).status, 0);
  const zip = join(dir, "b.zip");
  const made = mgl(["bundle", "--draft", "examples/two-site-draft.json", "--attachments", "examples/attachments", "--key", join(dir, "k.key"), "--out", zip, "--today", "2026-11-22"]);
  assert.equal(made.status, 0, made.stdout + made.stderr);
  const bytes = await readFile(zip);
  const at = bytes.indexOf("%PDF") + 200;
  bytes[at] ^= 1;
  const bad = join(dir, "bad.zip");
  await writeFile(bad, bytes);

  await page.goto(server.url + "#/verify");
  await page.getByTestId("bundle-input").setInputFiles(bad);
  await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId("verdict").innerText(), "The bundle fails verification.");
  assert.match(await page.locator(".check.failed").first().innerText(), /damaged|changed/);
  assert.equal(await page.getByRole("button", { name: "Import as a new draft" }).count(), 0);

  await page.getByTestId("bundle-input").setInputFiles({ name: "notes.zip", mimeType: "application/zip", buffer: Buffer.from("just some text") });
  await page.locator(".check.failed", { hasText: "This is not a bundle" }).waitFor();
  assert.deepEqual(errors, []);
});

test("the applicant adds a signature to a bundle the NGO made and signed on its own laptop", async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  const dir = await mkdtemp(join(tmpdir(), "mgl-cosign-e2e-"));
  // The NGO's laptop: `mgl` bundles and signs with the NGO's key.
  process.env.MGL_PASSPHRASE = PASSPHRASE;
  assert.equal(mgl(["keygen", "--out", join(dir, "ngo")]).status, 0);
  const zip = join(dir, "by-ngo.zip");
  const made = mgl(["bundle", "--draft", "examples/two-site-draft.json", "--attachments", "examples/attachments",
    "--key", `ngo=${join(dir, "ngo.key")}`, "--out", zip, "--today", "2026-11-22"]);
  assert.equal(made.status, 0, made.stdout + made.stderr);

  // The applicant's laptop: a key of their own, then Verify, then "Add a signature".
  await page.goto(server.url);
  const { card, keyId } = await makeKey(page);
  const [pubDownload] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Save the public key (.pub)" }).click(),
  ]);
  const applicantPub = join(dir, "applicant.pub");
  await pubDownload.saveAs(applicantPub);

  await page.getByRole("button", { name: "Verify or import a bundle" }).click();
  await page.getByTestId("bundle-input").setInputFiles(zip);
  await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
  const section = page.locator(".cosign");
  assert.deepEqual(await axeProblems(page, "verify with a verdict"), []);
  await section.getByLabel("Passphrase").fill("not the passphrase");
  await section.getByRole("button", { name: "Sign and save the bundle" }).click();
  assert.match(await section.locator(".message.error").innerText(), /The passphrase is not the one of this key/);
  await section.getByLabel("Passphrase").fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    section.getByRole("button", { name: "Sign and save the bundle" }).click(),
  ]);
  assert.match(await page.getByTestId("cosign-done").innerText(), new RegExp(keyId));
  const both = join(dir, "both.zip");
  await download.saveAs(both);

  // Both signatures verify, each against its own key; nothing the NGO signed changed.
  for (const pub of [applicantPub, join(dir, "ngo.pub")]) {
    const out = mgl(["verify", both, "--pub", pub]);
    assert.equal(out.status, 0, out.stdout + out.stderr);
  }
  const before = zipListing(zip), after = zipListing(both);
  for (const [name, sha] of Object.entries(before)) assert.equal(after[name], sha, name);
  assert.ok(Object.keys(after).some((n) => n.endsWith(`/signatures/applicant-${keyId}.minisig`)));
  assert.deepEqual(errors, []);
});
