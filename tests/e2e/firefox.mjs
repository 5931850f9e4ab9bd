// Firefox ESR for the end-to-end tests, with the part of Playwright's API that the tests use, so
// that each test is written once and run in both browsers (helpers.launch). Playwright's Firefox is
// a patched build that cannot be installed here; this drives Debian's stock firefox-esr through
// puppeteer-core over WebDriver BiDi. Locators find elements in the page with Playwright's meaning
// (locate.mjs) and act on them with real input events, after Playwright's checks (attached, one
// element, visible, enabled, and for a click stable), waiting up to the same 30 s.
//
// What BiDi cannot do the same way:
// - Per-context options that are browser preferences in Firefox (a locale, service workers off)
//   start a Firefox of their own for that context.
// - Downloads go to a folder per context (browser.setDownloadBehavior); a download is the new file
//   that appears there, taken out once complete.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { LOCATE, STATE } from "./locate.mjs";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const TIMEOUT = 30_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts Firefox ESR; `prefs` adds preferences (a quota, a locale). */
export async function launchFirefox({ prefs = {} } = {}) {
  const puppeteer = (await import("puppeteer-core")).default;
  const start = () => puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: null,
    // A first start on a new profile, on a machine still busy with the Chromium suite, once took
    // longer than puppeteer's 30 s (CI): more time, and one more try.
    timeout: 90_000,
    extraPrefsFirefox: { "browser.sessionstore.resume_from_crash": false, ...prefs },
  });
  const browser = await start().catch(start);
  return new FirefoxBrowser(browser);
}

class FirefoxBrowser {
  constructor(browser) { this.browser = browser; this.extra = []; }

  /** A fresh context (its own storage, like a Playwright context). */
  async newContext({ viewport = { width: 1280, height: 900 }, locale, serviceWorkers } = {}) {
    const prefs = {};
    if (locale) Object.assign(prefs, { "intl.accept_languages": `${locale}, ${locale.split("-")[0]}`, "intl.locale.requested": locale });
    if (serviceWorkers === "block") prefs["dom.serviceWorkers.enabled"] = false;
    const owner = Object.keys(prefs).length ? await launchFirefox({ prefs }) : this;
    if (owner !== this) this.extra.push(owner);
    const downloads = mkdtempSync(join(tmpdir(), "mgl-ff-downloads-"));
    const context = await owner.browser.createBrowserContext({ downloadBehavior: { policy: "allow", downloadPath: downloads } });
    return new FirefoxContext(context, { viewport, downloads, close: owner !== this ? () => owner.close() : null });
  }

  async newPage() { return (await this.newContext()).newPage(); }

  async close() {
    for (const other of this.extra) await other.close().catch(() => {});
    await this.browser.close();
  }
}

class FirefoxContext {
  constructor(context, { viewport, downloads, close }) {
    Object.assign(this, { context, viewport, downloads, closeOwner: close });
    this.pages = [];
    this.requestListeners = [];
    this.taken = 0;
  }

  async newPage() {
    const page = await this.context.newPage();
    if (this.viewport) await page.setViewport(this.viewport);
    // Each context's page opens in a window of its own, and keys go astray in a window that does not
    // have the focus (Enter on a button does nothing): the page a test uses is the one in front.
    await page.bringToFront();
    return this.adopt(page);
  }

  adopt(raw) {
    const page = new FirefoxPage(raw, this);
    for (const listener of this.requestListeners) raw.on("request", listener);
    this.pages.push(page);
    return page;
  }

  /** "request": every request of the context's pages (in Firefox, not those a service worker makes). */
  on(event, listener) {
    if (event !== "request") throw new Error(`firefox: context event ${event} is not available`);
    this.requestListeners.push(listener);
    for (const page of this.pages) page.raw.on("request", listener);
  }

  /** Offline as the browser sees it (WebDriver BiDi's network conditions), for every page. */
  async setOffline(offline) {
    for (const page of this.pages) await page.raw.setOfflineMode(offline);
  }

  /** The next file the context downloads, once complete. */
  async nextDownload(timeout) {
    const seen = new Set(readdirSync(this.downloads));
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const names = readdirSync(this.downloads);
      const partial = names.some((n) => n.endsWith(".part"));
      const fresh = names.find((n) => !seen.has(n) && !n.endsWith(".part") && !names.includes(`${n}.part`));
      if (fresh && !partial) {
        // Firefox may write a download under a temporary name first (eight random letters and the
        // extension) and rename it once done: a name that goes away meanwhile was that one, and
        // the loop looks again.
        let size = -1;
        try {
          while (statSync(join(this.downloads, fresh)).size !== size) { size = statSync(join(this.downloads, fresh)).size; await sleep(100); }
        } catch (e) {
          if (e.code === "ENOENT") continue;
          throw e;
        }
        if (readdirSync(this.downloads).some((n) => !seen.has(n) && n !== fresh)) continue;
        // Taken out of the folder, so that the next download gets its own name, not "name(1)".
        const dir = join(this.downloads, `taken-${++this.taken}`);
        mkdirSync(dir);
        const path = join(dir, fresh);
        try {
          renameSync(join(this.downloads, fresh), path);
        } catch (e) {
          if (e.code === "ENOENT") continue;
          throw e;
        }
        return new Download(path);
      }
      await sleep(50);
    }
    throw new Error(`firefox: no download within ${timeout} ms`);
  }

  async close() {
    await this.context.close().catch(() => {});
    rmSync(this.downloads, { recursive: true, force: true });
    if (this.closeOwner) await this.closeOwner();
  }
}

class Download {
  constructor(path) { this.file = path; }
  async path() { return this.file; }
  async saveAs(path) { copyFileSync(this.file, path); }
  suggestedFilename() { return basename(this.file); }
}

class FirefoxPage {
  constructor(raw, context) {
    this.raw = raw;
    this.owner = context;
    this.keyboard = new Keyboard(raw);
  }

  context() { return this.owner; }
  url() { return this.raw.url(); }
  on(event, listener) { this.raw.on(event, listener); }
  async goto(url) { await this.raw.goto(url, { waitUntil: "load" }); }
  async reload() { await this.raw.reload({ waitUntil: "load" }); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  async waitForFunction(fn, arg, { timeout = TIMEOUT } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }
  waitForTimeout(ms) { return sleep(ms); }
  async waitForLoadState() {
    await this.raw.waitForFunction(() => document.readyState === "complete", { timeout: TIMEOUT, polling: 50 });
  }
  addInitScript(fn, arg) { return this.raw.evaluateOnNewDocument(fn, arg); }
  addScriptTag(options) { return this.raw.addScriptTag(options); }
  setViewportSize(size) { return this.raw.setViewport(size); }
  screenshot(options) { return this.raw.screenshot(options); }
  pdf(options) { return this.raw.pdf(options); }
  close() { return this.raw.close(); }

  /** "download" (in the context's folder), "popup" (a page this one opens) or "load". */
  waitForEvent(event, { timeout = TIMEOUT } = {}) {
    if (event === "download") return this.owner.nextDownload(timeout);
    const raw = event === "popup"
      ? new Promise((resolve) => this.raw.once("popup", resolve)).then((popup) => this.owner.adopt(popup))
      : new Promise((resolve) => this.raw.once(event, resolve));
    return Promise.race([raw, sleep(timeout).then(() => { throw new Error(`firefox: no ${event} within ${timeout} ms`); })]);
  }

  locator(css, options) { return new Locator(this, []).locator(css, options); }
  getByRole(role, options) { return new Locator(this, []).getByRole(role, options); }
  getByLabel(text, options) { return new Locator(this, []).getByLabel(text, options); }
  getByText(text, options) { return new Locator(this, []).getByText(text, options); }
  getByTestId(id) { return new Locator(this, []).getByTestId(id); }
}

class Keyboard {
  constructor(raw) { this.raw = raw; }
  /** "Tab", "Shift+Tab", "ArrowDown", "Space", "Enter". */
  async press(keys) {
    const parts = keys.split("+");
    const key = parts.pop();
    const PUPPETEER_NAMES = { Space: " " };
    for (const modifier of parts) await this.raw.keyboard.down(modifier);
    await this.raw.keyboard.press(PUPPETEER_NAMES[key] ?? key);
    for (const modifier of parts.reverse()) await this.raw.keyboard.up(modifier);
    // Tab past the page's last element goes on to the browser's toolbar, and a real user's next Tab
    // comes back to the page's first. In headless Firefox the page does not get the focus back
    // (document.hasFocus() stays false, Enter on a button does nothing), whatever is focused in it,
    // until its tab is selected again: so another tab is selected and this one again.
    if (key === "Tab" && !(await this.raw.evaluate(() => document.hasFocus()))) {
      const other = await this.raw.browserContext().newPage();
      await other.bringToFront();
      await this.raw.bringToFront();
      await other.close();
    }
  }
  type(text) { return this.raw.keyboard.type(text); }
}

const matcher = (text) => (text instanceof RegExp ? { re: text.source, flags: text.flags } : { s: String(text) });

class Locator {
  constructor(page, chain) { this.page = page; this.chain = chain; }

  with(...steps) { return new Locator(this.page, [...this.chain, ...steps]); }
  /** `has` and `hasText`, as Playwright's locator options and filter. */
  narrowed({ hasText, has } = {}) {
    const steps = [];
    if (hasText !== undefined) steps.push({ hasText: matcher(hasText) });
    if (has !== undefined) steps.push({ has: has.chain });
    return steps;
  }

  locator(css, options) { return this.with({ css }, ...this.narrowed(options)); }
  getByRole(role, { name, exact, level } = {}) {
    return this.with({ role, name: name === undefined ? undefined : matcher(name), exact, level });
  }
  getByLabel(text, { exact } = {}) { return this.with({ label: matcher(text), exact }); }
  getByText(text, { exact } = {}) { return this.with({ text: matcher(text), exact }); }
  getByTestId(id) { return this.with({ css: `[data-testid="${id}"]` }); }
  filter(options) { return this.with(...this.narrowed(options)); }
  nth(n) { return this.with({ nth: n }); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }

  toString() { return JSON.stringify(this.chain); }

  /** Runs `body(elements, arg)` in the page on what the chain finds. */
  run(body, arg) {
    return this.page.raw.evaluate(
      `(() => { const LOCATE = ${LOCATE}; const STATE = ${STATE}; return (${body})(LOCATE(${JSON.stringify(this.chain)}), ${JSON.stringify(arg ?? null)}, STATE); })()`,
    );
  }

  count() { return this.run((els) => els.length); }

  /** Waits until the chain finds `state` ("attached", "visible", "detached", "hidden"). */
  async waitFor({ state = "visible", timeout = TIMEOUT } = {}) {
    await this.poll(timeout, `to be ${state}`, async () => {
      const { count, visible } = await this.run((els, _, STATE) => ({ count: els.length, visible: els.length > 0 && STATE(els[0]).visible }));
      if (state === "attached") return count > 0;
      if (state === "detached") return count === 0;
      if (state === "hidden") return count === 0 || !visible;
      return visible;
    });
  }

  async poll(timeout, what, ready) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await ready();
        if (value) return value;
      } catch (e) {
        // A navigation destroys the realm mid-query: ask again in the new page.
        if (!/context|destroyed|navigat|realm/i.test(String(e))) throw e;
        last = e;
      }
      if (Date.now() > deadline) throw new Error(`firefox: locator ${this} did not come ${what} within ${timeout} ms${last ? `: ${last}` : ""}`);
      await sleep(50);
    }
  }

  /** The one element found, once `needs` ("visible", "enabled", "editable") hold; as a handle. */
  async one(needs = [], timeout = TIMEOUT) {
    await this.poll(timeout, `to be one ${needs.join(", ")} element`, async () => {
      const found = await this.run((els, needs, STATE) => {
        if (els.length !== 1) return { count: els.length };
        const s = STATE(els[0]);
        return { count: 1, ok: needs.every((n) => s[n]) };
      }, needs);
      if (found.count > 1) throw new Error(`firefox: strict mode: locator ${this} found ${found.count} elements`);
      return found.count === 1 && found.ok;
    });
    const handle = await this.page.raw.evaluateHandle(`(() => { const LOCATE = ${LOCATE}; return LOCATE(${JSON.stringify(this.chain)})[0]; })()`);
    return handle.asElement();
  }

  /** `fn(element, arg)` in the page on the one element found, once attached. */
  async on(fn, arg) {
    const handle = await this.one();
    try { return await handle.evaluate(fn, arg); } finally { await handle.dispose(); }
  }

  async click() {
    const handle = await this.one(["visible", "enabled"]);
    try {
      // Playwright's "stable" and "receives events" checks: the element keeps its box over two
      // animation frames and is what the pointer would hit at its centre, or a line appearing above
      // it (the storage line, a message) or text changing beside it moves it, and the click lands
      // on something else.
      await handle.evaluate((e) => new Promise((resolve) => {
        // Scrolled to the nearest edge first; where something else covers it there (the sticky
        // header), to the middle of the window, as Playwright retries.
        e.scrollIntoView({ block: "nearest", inline: "nearest" });
        let last = "";
        const step = () => {
          const r = e.getBoundingClientRect();
          const box = `${r.x},${r.y},${r.width},${r.height}`;
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          const onTarget = hit && (hit === e || e.contains(hit));
          if (box === last && onTarget) return resolve();
          if (box === last) e.scrollIntoView({ block: "center", inline: "center" });
          last = box;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
        setTimeout(resolve, 2000);
      }));
      await handle.click();
    } finally { await handle.dispose(); }
  }

  async focus() { await this.on((e) => e.focus()); }

  /** The pointer moved onto the element's centre (scrolled into view first). */
  async hover() {
    const handle = await this.one(["visible"]);
    try { await handle.hover(); } finally { await handle.dispose(); }
  }

  /** Replaces the value as a user does: focus, select all, type it (or delete it). */
  async fill(value) {
    const handle = await this.one(["visible", "editable"]);
    try {
      const typed = await handle.evaluate((e, value) => {
        e.focus();
        // A date or time input takes its value in the browser's own pieces: set, as Playwright does.
        if (["date", "time", "datetime-local", "month", "week", "color", "range"].includes(e.type)) {
          e.value = value;
          e.dispatchEvent(new Event("input", { bubbles: true }));
          e.dispatchEvent(new Event("change", { bubbles: true }));
          return false;
        }
        if (e.select) e.select(); else document.getSelection().selectAllChildren(e);
        return true;
      }, value);
      if (!typed) return;
      if (value === "") {
        if (await handle.evaluate((e) => e.value !== "")) await this.page.raw.keyboard.press("Delete");
      } else {
        await this.page.raw.keyboard.type(value);
      }
    } finally { await handle.dispose(); }
  }

  async check() { await this.setChecked(true); }
  async uncheck() { await this.setChecked(false); }
  async setChecked(wanted) {
    // As Playwright does, the click is tried again when it did not take: the element found may
    // have been replaced by the page's next render (an answer that shows or hides others) between
    // being found and being clicked, and a click on the old one changes nothing.
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.on((e) => e.checked)) === wanted) return;
      await this.click();
      const deadline = Date.now() + 500;
      while (Date.now() < deadline && (await this.on((e) => e.checked)) !== wanted) await new Promise((r) => setTimeout(r, 50));
    }
    if ((await this.on((e) => e.checked)) !== wanted) throw new Error(`firefox: ${this} did not become ${wanted ? "checked" : "unchecked"}`);
  }
  isChecked() { return this.on((e) => e.checked); }

  /** A path, paths, or `{ name, mimeType, buffer }` files (written to a folder of their own). */
  async setInputFiles(files) {
    const paths = [files].flat().map((f) => {
      if (typeof f === "string") return f;
      const dir = mkdtempSync(join(tmpdir(), "mgl-ff-upload-"));
      writeFileSync(join(dir, f.name), f.buffer);
      return join(dir, f.name);
    });
    const handle = await this.one();
    try { await handle.uploadFile(...paths); } finally { await handle.dispose(); }
  }

  /** Picks the option whose value or label is `value`; input and change, as Playwright sends. */
  async selectOption(value) {
    await this.one(["visible", "enabled"]).then((h) => h.dispose());
    const done = await this.on((select, value) => {
      const option = [...select.options].find((o) => o.value === value || o.label === value);
      if (!option) return false;
      select.value = option.value;
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }, value);
    if (!done) throw new Error(`firefox: ${this} has no option ${value}`);
  }

  innerText() { return this.on((e) => e.innerText); }
  textContent() { return this.on((e) => e.textContent); }
  inputValue() { return this.on((e) => e.value); }
  getAttribute(name) { return this.on((e, name) => e.getAttribute(name), name); }
  allInnerTexts() { return this.run((els) => els.map((e) => e.innerText)); }
  allTextContents() { return this.run((els) => els.map((e) => e.textContent)); }
  async dispatchEvent(type) { await this.on((e, type) => e.dispatchEvent(new Event(type, { bubbles: true })), type); }
  async screenshot(options) {
    const handle = await this.one(["visible"]);
    try { return await handle.screenshot(options); } finally { await handle.dispose(); }
  }
}
