// A browser on a profile of its own that outlives it: started, killed as a crash or a dead battery
// kills it (every process at once, SIGKILL: no unload handler, no shutdown of the storage), and
// started again on the same profile. Chromium through Playwright (a persistent context), Firefox
// ESR through puppeteer-core over WebDriver BiDi (Playwright's Firefox is a patched build that
// cannot be installed here). The few verbs the tests use are the same for both, so each behaviour
// is written once and run in each browser.
import { readFileSync, readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { BROWSER, CHROMIUM_ARGS } from "./helpers.mjs";

/** The browsers of this run (scripts/test runs the suite once in each). */
export const BROWSERS = [BROWSER];
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

/** Finds an element in the page by what a user sees, and marks it for a CSS selector. */
const MARK = ({ kind, name, token }) => {
  const clean = (text) => (text ?? "").replace(/\s+/g, " ").trim();
  let element;
  if (kind === "label") {
    // The control of the label whose text is `name` (a required answer's label ends with " *").
    const label = [...document.querySelectorAll("label")].find((l) => clean(l.textContent).replace(/ \*$/, "") === name);
    element = label?.control;
  } else if (kind === "button") {
    element = [...document.querySelectorAll("button")].find((b) => clean(b.textContent) === name);
  } else {
    element = [...document.querySelectorAll(kind)].find((e) => clean(e.textContent).includes(name));
  }
  if (!element) return false;
  element.setAttribute("data-e2e", token);
  return true;
};

let tokens = 0;

class Session {
  constructor(kind, profile) { this.kind = kind; this.profile = profile; this.errors = []; }

  /** `firefoxPrefs`: more preferences for Firefox (a storage quota, a download folder). */
  static async start(kind, profile, { firefoxPrefs = {} } = {}) {
    const session = new Session(kind, profile);
    if (kind === "chromium") {
      session.context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: CHROMIUM_ARGS.filter((a) => a !== "--headless"),
        headless: true,
        viewport: { width: 1280, height: 900 },
      });
      session.context.on("close", () => {});
      session.page = session.context.pages()[0] ?? await session.context.newPage();
      session.page.on("console", (m) => { if (m.type() === "error") session.errors.push(m.text()); });
      session.page.on("pageerror", (e) => session.errors.push(String(e)));
    } else {
      const puppeteer = (await import("puppeteer-core")).default;
      session.browser = await puppeteer.launch({
        browser: "firefox",
        executablePath: FIREFOX,
        userDataDir: profile,
        headless: true,
        defaultViewport: { width: 1280, height: 900 },
        // A fresh start after a crash, as a user's Firefox would make it: no prompt, no restore.
        extraPrefsFirefox: { "browser.sessionstore.resume_from_crash": false, "toolkit.startup.max_resumed_crashes": -1, ...firefoxPrefs },
      });
      session.browser.on("disconnected", () => {});
      session.page = (await session.browser.pages())[0] ?? await session.browser.newPage();
      session.page.on("console", (m) => { if (m.type() === "error") session.errors.push(m.text()); });
      session.page.on("pageerror", (e) => session.errors.push(String(e)));
    }
    return session;
  }

  async open(url) {
    await this.page.goto(url);
  }

  async reload() {
    await this.page.reload();
  }

  /** A CSS selector for the element a user knows as `name` (see MARK), once it is there. */
  async find(kind, name, timeout = 10_000) {
    const token = `t${++tokens}`;
    await this.waitFor(MARK, { kind, name, token }, timeout, `${kind} "${name}"`);
    return `[data-e2e="${token}"]`;
  }

  /** Types `text` into the answer labelled `label`, key by key, as a user does. */
  async type(label, text) {
    const selector = await this.find("label", label);
    if (this.kind === "chromium") await this.page.locator(selector).pressSequentially(text);
    else await this.page.type(selector, text);
  }

  /** Puts `text` into the answer labelled `label` at once, as a paste does. */
  async fill(label, text) {
    const selector = await this.find("label", label);
    await this.page.evaluate(({ selector, text }) => {
      const input = document.querySelector(selector);
      input.focus();
      input.value = text;
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }, { selector, text });
  }

  async click(kind, name) {
    await this.page.click(await this.find(kind, name));
  }

  async value(label) {
    const selector = await this.find("label", label);
    return this.page.evaluate((s) => document.querySelector(s).value, selector);
  }

  /** Waits until `fn(arg)`, run in the page, is true. */
  async waitFor(fn, arg, timeout = 10_000, what = "the page") {
    try {
      if (this.kind === "chromium") await this.page.waitForFunction(fn, arg, { timeout, polling: 50 });
      else await this.page.waitForFunction(fn, { timeout, polling: 50 }, arg);
    } catch (e) {
      throw new Error(`${this.kind}: waited ${timeout} ms for ${what}: ${e.message}`);
    }
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  /** Kills every process of the browser at once, as a crash does. */
  async kill() {
    const root = this.kind === "chromium" ? chromiumPid(this.profile) : this.browser.process().pid;
    const pids = [root, ...descendants(root)];
    // Stopped first, all of them, so that none sees another die and reacts (writes, cleans up).
    for (const pid of pids) signal(pid, "SIGSTOP");
    for (const pid of pids) signal(pid, "SIGKILL");
    for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    if (pids.some(alive)) throw new Error(`${this.kind}: processes outlived SIGKILL`);
    // The driver notices its browser gone; nothing is left to close.
    await (this.context ?? this.browser).close().catch(() => {});
  }

  async close() {
    await (this.context ?? this.browser).close();
  }
}

export const startBrowser = (kind, profile, options) => Session.start(kind, profile, options);

function signal(pid, name) {
  try { process.kill(pid, name); } catch { /* already gone */ }
}

function alive(pid) {
  try {
    // A zombie (killed, not yet reaped) is dead for this purpose.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch { return false; }
}

/** Every process whose ancestor is `root`. */
function descendants(root) {
  const parent = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch { /* ended meanwhile */ }
  }
  const found = [];
  for (const [pid] of parent) {
    for (let p = parent.get(pid); p; p = parent.get(p)) {
      if (p === root) { found.push(pid); break; }
    }
  }
  return found;
}

/** The Chromium browser process on this profile (Playwright does not say it for a persistent context). */
function chromiumPid(profile) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith("--type="))) return Number(entry);
    } catch { /* ended meanwhile */ }
  }
  throw new Error(`no Chromium process on ${profile}`);
}
