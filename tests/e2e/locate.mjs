// Finding elements as a user names them (by role and accessible name, by label, by text), in the
// page: the few locators the tests use, with Playwright's meaning, for a browser that Playwright
// cannot drive (Firefox ESR, through puppeteer-core). A query is a chain of steps, each applied to
// the elements the previous one found:
//   { css }                       descendants matching a CSS selector
//   { role, name?, exact?, level? } descendants with this ARIA role (explicit or implicit) and name
//   { label, exact? }             form controls whose label (or aria-label) matches
//   { text, exact? }              the smallest elements whose text matches
//   { hasText } / { has: chain }  keeps those containing the text / an element the chain finds
//   { nth }                       keeps the nth (negative: from the end)
// Texts are { s } or { re, flags }: a string matches case-insensitively as a substring unless
// `exact`; a regular expression is tested as is; whitespace is collapsed first, as Playwright does.
//
// LOCATE is sent to the page as its source: it must not use anything outside itself.

export function LOCATE(chain) {
  const clean = (t) => (t ?? "").replace(/\s+/g, " ").trim();
  const matches = (text, m, exact) => {
    const t = clean(text);
    if (m.re !== undefined) return new RegExp(m.re, m.flags).test(t);
    return exact ? t === clean(m.s) : t.toLowerCase().includes(clean(m.s).toLowerCase());
  };
  const style = (e) => getComputedStyle(e);
  // Out of the accessibility tree: aria-hidden, display none, visibility hidden (self or above).
  const hiddenForAria = (e) => {
    for (let n = e; n; n = n.parentElement) if (n.getAttribute("aria-hidden") === "true") return true;
    return !e.checkVisibility({ visibilityProperty: true });
  };
  const implicitRole = (e) => {
    const tag = e.localName, type = (e.getAttribute("type") ?? "").toLowerCase();
    switch (tag) {
      case "button": return "button";
      case "a": case "area": return e.hasAttribute("href") ? "link" : null;
      case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": return "heading";
      case "input":
        if (["button", "submit", "reset", "image"].includes(type)) return "button";
        if (type === "checkbox") return "checkbox";
        if (type === "radio") return "radio";
        if (type === "number") return "spinbutton";
        if (type === "range") return "slider";
        if (type === "search") return e.hasAttribute("list") ? "combobox" : "searchbox";
        if (["", "text", "email", "tel", "url"].includes(type)) return e.hasAttribute("list") ? "combobox" : "textbox";
        return null;
      case "textarea": return "textbox";
      case "select": return e.multiple || e.size > 1 ? "listbox" : "combobox";
      case "option": return "option";
      case "fieldset": case "optgroup": case "details": return "group";
      case "table": return "table";
      case "tr": return "row";
      case "td": return e.closest("table")?.getAttribute("role") === "grid" ? "gridcell" : "cell";
      case "th": return e.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
      case "thead": case "tbody": case "tfoot": return "rowgroup";
      case "ul": case "ol": case "menu": return "list";
      case "li": return "listitem";
      case "nav": return "navigation";
      case "main": return "main";
      case "aside": return "complementary";
      case "header": return e.closest("article, aside, main, nav, section") ? null : "banner";
      case "footer": return e.closest("article, aside, main, nav, section") ? null : "contentinfo";
      case "section": return e.hasAttribute("aria-label") || e.hasAttribute("aria-labelledby") ? "region" : null;
      case "form": return "form";
      case "dialog": return "dialog";
      case "img": return e.getAttribute("alt") === "" ? "presentation" : "img";
      case "progress": return "progressbar";
      case "output": return "status";
      case "article": return "article";
      case "dl": return null;
      case "hr": return "separator";
      default: return null;
    }
  };
  const roleOf = (e) => clean(e.getAttribute("role")).split(" ")[0] || implicitRole(e);
  const NAME_FROM_CONTENT = new Set(["button", "link", "heading", "cell", "gridcell", "columnheader", "rowheader", "row",
    "checkbox", "radio", "switch", "tab", "menuitem", "option", "treeitem", "tooltip"]);
  // The text a subtree gives to a name: hidden parts left out, a control's own value or label.
  const contentText = (node, skip) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || node === skip) return "";
    if (node.getAttribute("aria-hidden") === "true" || !node.checkVisibility({ visibilityProperty: true })) return "";
    if (node.hasAttribute("aria-label")) return ` ${node.getAttribute("aria-label")} `;
    if (node.localName === "img") return ` ${node.getAttribute("alt") ?? ""} `;
    if (node.localName === "input") return ["button", "submit", "reset"].includes(node.type) ? node.value : "";
    if (["select", "textarea", "script", "style"].includes(node.localName)) return "";
    const block = !["inline", "contents"].includes(style(node).display);
    const inner = [...node.childNodes].map((c) => contentText(c, skip)).join("");
    return block ? ` ${inner} ` : inner;
  };
  const labelsOf = (e) => {
    const ids = clean(e.getAttribute("aria-labelledby"));
    if (ids) return [ids.split(" ").map((id) => contentText(document.getElementById(id) ?? document.createElement("i"))).join(" ")];
    const found = [];
    if (e.hasAttribute("aria-label")) found.push(e.getAttribute("aria-label"));
    for (const label of e.labels ?? []) found.push(contentText(label, e));
    return found;
  };
  const nameOf = (e) => {
    const ids = clean(e.getAttribute("aria-labelledby"));
    if (ids) return clean(ids.split(" ").map((id) => contentText(document.getElementById(id) ?? document.createElement("i"))).join(" "));
    if (clean(e.getAttribute("aria-label"))) return clean(e.getAttribute("aria-label"));
    const tag = e.localName;
    if (["input", "select", "textarea"].includes(tag)) {
      if (["button", "submit", "reset"].includes(e.type)) return clean(e.value);
      const labels = [...(e.labels ?? [])].map((l) => contentText(l, e)).join(" ");
      if (clean(labels)) return clean(labels);
    }
    if (tag === "img") return clean(e.getAttribute("alt"));
    if (tag === "fieldset") { const legend = e.querySelector(":scope > legend"); if (legend) return clean(contentText(legend)); }
    if (tag === "table") { const caption = e.querySelector(":scope > caption"); if (caption) return clean(contentText(caption)); }
    if (NAME_FROM_CONTENT.has(roleOf(e))) {
      const text = clean(contentText(e));
      if (text) return text;
    }
    return clean(e.getAttribute("title"));
  };
  const descendants = (root, css) => [...root.querySelectorAll(css)];
  const textOf = (e) => clean(e.textContent);
  const IGNORED = new Set(["script", "style", "noscript", "head", "template"]);

  let found = [document];
  for (const step of chain) {
    let next;
    if (step.css !== undefined) {
      next = found.flatMap((root) => descendants(root, step.css));
    } else if (step.role !== undefined) {
      next = found.flatMap((root) => descendants(root, "*")).filter((e) => roleOf(e) === step.role && !hiddenForAria(e)
        && (step.level === undefined || Number(e.getAttribute("aria-level") ?? e.localName.slice(1)) === step.level)
        && (step.name === undefined || matches(nameOf(e), step.name, step.exact)));
    } else if (step.label !== undefined) {
      next = found.flatMap((root) => descendants(root, "input, select, textarea, button, [aria-label], [aria-labelledby]"))
        .filter((e) => labelsOf(e).some((l) => matches(l, step.label, step.exact)));
    } else if (step.text !== undefined) {
      const hit = (e) => !IGNORED.has(e.localName) && matches(e.textContent, step.text, step.exact);
      // As in Playwright, the scope itself is a candidate: its own text may be the match.
      next = found.flatMap((root) => [...(root === document ? [] : [root]), ...descendants(root, "*")])
        .filter((e) => hit(e) && ![...e.children].some(hit));
    } else if (step.hasText !== undefined) {
      next = found.filter((e) => matches(textOf(e), step.hasText, false));
    } else if (step.has !== undefined) {
      next = found.filter((e) => {
        const mark = `h${Math.random().toString(36).slice(2)}`;
        e.setAttribute("data-e2e-scope", mark);
        try {
          return LOCATE_WITHIN(`[data-e2e-scope="${mark}"]`, step.has).length > 0;
        } finally { e.removeAttribute("data-e2e-scope"); }
      });
    } else if (step.nth !== undefined) {
      const e = step.nth < 0 ? found[found.length + step.nth] : found[step.nth];
      next = e ? [e] : [];
    }
    // In document order, each once (several roots may reach the same element).
    found = [...new Set(next)];
  }
  return found.filter((e) => e !== document);

  // `has` is relative to the element it filters: the same chain, from that element.
  function LOCATE_WITHIN(scope, inner) {
    return LOCATE([{ css: `${scope}` }, ...inner]).filter((e) => !e.matches(scope));
  }
}

/** What an action waits for, of the one element found: attached, visible, enabled, editable. */
export function STATE(e) {
  const r = e.getBoundingClientRect();
  const visible = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  const disabled = e.disabled === true || e.closest("fieldset:disabled") !== null || e.getAttribute("aria-disabled") === "true";
  return { visible, enabled: !disabled, editable: !disabled && !e.readOnly };
}
