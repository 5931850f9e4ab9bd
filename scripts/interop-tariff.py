#!/usr/bin/env python3
"""The tariff workbook against an independent calculator (LibreOffice Calc, headless), not our code.

For the example input and for randomly generated ones (seeded, so a failure can be replayed):
- `mgl tariff INPUT --xlsx` writes the workbook; a copy has every formula's cached value replaced
  by 0, and another has named entries changed (WACC, grants, an asset's capex) with the cached
  results left as they were;
- LibreOffice opens each with recalculation forced on load (OOXMLRecalcMode 0, in a throwaway
  profile) and saves it again;
- the recalculated names (capital_base, levelised_tariff, the per-year columns, ...) must equal
  `mgl tariff`'s results for the workbook's entries to 1e-9 relative. A LibreOffice that kept the
  cached values fails: the zeroed copy would read 0, the changed one the old results.
Run by scripts/test; needs scripts/setup --browser (libreoffice-calc-nogui) and target/debug/mgl.
Usage: scripts/interop-tariff.py [--random N] [--seed S]
"""
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
MGL = ROOT / "target" / "debug" / "mgl"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
RESULT_NAMES = ["asset_capex_total", "capitalised_opex", "capital_base", "annual_capital_charge",
                "levelised_tariff", "compensation_remaining_value",
                "compensation_last_12_months_revenue", "compensation_total"]
YEAR_NAMES = ["opening_value", "depreciation", "return_on_capital", "opex", "revenue_requirement",
              "kwh_sold", "average_tariff", "closing_value"]
CLASSES = ["residential", "commercial", "productive", "special"]


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def mgl_results(input_path, inp=None):
    if inp is not None:
        input_path.write_text(json.dumps(inp))
    out = subprocess.run([str(MGL), "tariff", str(input_path)], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else None


def expected(results, inp):
    """The names' values as the domain computes them."""
    years = results["years"]
    horizon = len(years)
    values = {
        "asset_capex_total": sum(a["capex"] for a in inp["assets"]),
        "capitalised_opex": results["capitalised_opex"],
        "capital_base": results["capital_base"],
        "annual_capital_charge": results["annual_capital_charge"],
        "levelised_tariff": results["levelised_tariff"],
    }
    comp = results.get("compensation")
    values["compensation_remaining_value"] = comp["remaining_value"] if comp else ""
    values["compensation_last_12_months_revenue"] = comp["last_12_months_revenue"] if comp else ""
    values["compensation_total"] = comp["total"] if comp else ""
    for name in YEAR_NAMES:
        values[name] = [y["return" if name == "return_on_capital" else name] for y in years]
    for c in CLASSES:
        values[f"tariff_{c}"] = [y["class_tariffs"][c] for y in years]
    values["year"] = list(range(1, horizon + 1))
    return values


class Book:
    """A workbook's defined names and cell values, as read from its XML."""

    def __init__(self, path):
        z = zipfile.ZipFile(path)
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        self.cells = {}
        for sheet in wb.find("m:sheets", NS):
            target = targets[sheet.get(f"{{{NS['r']}}}id")].lstrip("/")
            part = target if target.startswith("xl/") else "xl/" + target
            xml = ET.fromstring(z.read(part))
            for c in xml.iter(f"{{{NS['m']}}}c"):
                v = c.find("m:v", NS)
                kind = c.get("t")
                if v is None:
                    inline = c.find("m:is", NS)
                    value = "".join(t.text or "" for t in inline.iter(f"{{{NS['m']}}}t")) if inline is not None else ""
                elif kind == "s":
                    value = strings[int(v.text)]
                elif kind in ("str", "inlineStr", "e"):
                    value = v.text or ""
                elif kind == "b":
                    value = v.text == "1"
                else:
                    value = float(v.text)
                self.cells[(sheet.get("name"), c.get("r"))] = value
        self.names = {}
        for d in wb.iter(f"{{{NS['m']}}}definedName"):
            self.names[d.get("name")] = d.text

    def refs(self, name):
        """The cells a name refers to: [(sheet, "B3"), ...] (one column)."""
        m = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?", self.names[name])
        sheet, col, first, _, last = m.groups()
        sheet = sheet.replace("''", "'")
        return [(sheet, f"{col}{row}") for row in range(int(first), int(last or first) + 1)]

    def value(self, name):
        values = [self.cells.get(ref, "") for ref in self.refs(name)]
        return values if len(values) > 1 or name in YEAR_NAMES or name.startswith("tariff_") or name == "year" else values[0]


def same(a, b):
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a == "" or b == "":
        return a == b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300) or abs(a - b) < 1e-12


def same_input(got, want):
    """Two tariff inputs (JSON) hold the same entries: numbers to 1e-12 relative, defaults filled."""
    defaults = {"development_cost": 0, "grants": 0, "indexation": [], "subsidies": [], "horizon_years": None,
                "compensation_year": None, "compensation_basis": "net", "capitalise_first_three_years_opex": True,
                "split": {"mode": "multipliers", **{c: 1 for c in CLASSES}}}

    def close(a, b):
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
        if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return a == b
        return abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1)
    return close({**defaults, **got}, {**defaults, **want})


def same_results(a, b):
    """Two results files (JSON) agree to 1e-9 relative in every number."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_results(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_results(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return same(float(a), float(b))
    return a == b


def chart_problem(path):
    """The chart LibreOffice read and saved again: columns of the revenue requirement and a line of
    the average tariff, over the years, each reading the cells its name covers."""
    z = zipfile.ZipFile(path)
    charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    if len(charts) != 1:
        return f"{len(charts)} charts, not 1"
    xml = z.read(charts[0]).decode()
    book = Book(path)
    plain = lambda ref: ref.replace("'", "")
    for kind, name in (("barChart", "revenue_requirement"), ("lineChart", "average_tariff")):
        part = re.search(rf"<c:{kind}>.*?</c:{kind}>", xml, re.S)
        if not part:
            return f"no {kind}"
        refs = [plain(r) for r in re.findall(r"<c:f>([^<]*)</c:f>", part.group(0))]
        if plain(book.names[name]) not in refs or plain(book.names["year"]) not in refs:
            return f"its {kind} reads {refs}, not {name} over the years"
    return None


def random_input(rng):
    n_assets = rng.randint(1, 5)
    assets = [{"name": f"Asset {i + 1}", "capex": round(rng.uniform(1e5, 5e7), 2),
               "lifetime_years": rng.randint(1, 25)} for i in range(n_assets)]
    total = sum(a["capex"] for a in assets)
    sales_years = sorted(rng.sample(range(1, 6), rng.randint(1, 3)))
    inp = {
        "currency": rng.choice(["NGN", "USD", "XOF"]),
        "wacc": rng.choice([0.0, round(rng.uniform(0.03, 0.3), 4)]) if rng.random() < 0.1 else round(rng.uniform(0.03, 0.3), 4),
        "assets": assets,
        "development_cost": round(rng.uniform(0, 0.1) * total, 2),
        "grants": round(rng.uniform(0, 0.5) * total, 2),
        "opex": {"fuel": round(rng.uniform(0, 0.05) * total, 2), "non_fuel": round(rng.uniform(0, 0.05) * total, 2)},
        "indexation": [{"year": y, "diesel_index": round(rng.uniform(0.9, 1.5), 3), "cpi_index": round(rng.uniform(1, 1.6), 3)}
                       for y in sorted(rng.sample(range(1, 8), rng.randint(0, 3)))],
        "subsidies": [{"year": y, "amount": round(rng.uniform(0, 0.01) * total, 2)} for y in sorted(rng.sample(range(1, 8), rng.randint(0, 2)))],
        "kwh_sold": [{"year": y, **{c: rng.randint(1000, 200000) for c in CLASSES}} for y in sales_years],
        "capitalise_first_three_years_opex": rng.random() < 0.7,
        "compensation_basis": rng.choice(["net", "gross"]),
    }
    if rng.random() < 0.6:
        inp["horizon_years"] = rng.randint(1, 30)
    horizon = inp.get("horizon_years") or max(a["lifetime_years"] for a in assets)
    if rng.random() < 0.5:
        inp["compensation_year"] = rng.randint(1, horizon)
    if rng.random() < 0.5:
        inp["split"] = {"mode": "multipliers", **{c: round(rng.uniform(0.5, 1.5), 3) for c in CLASSES}}
    else:
        inp["split"] = {"mode": "diesel_benchmark", "diesel_alternative_per_kwh": round(rng.uniform(0.2, 2), 3), "margin": round(rng.uniform(0, 0.3), 3)}
    return inp


def rewrite(path, out, change):
    """A copy of the workbook at `path` with `change(part_name, xml_text) -> xml_text` applied."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = change(item.filename, data.decode()).encode()
            dst.writestr(item.filename, data)


def zero_cached(_, xml):
    # Every formula's cached number set to 0 (a text result, "" of no compensation, to "stale").
    xml = re.sub(r"(<f>[^<]*</f><v>)[^<]*(</v>)", r"\g<1>0\g<2>", xml)
    return xml


def set_entries(book, values):
    """A change that sets each named entry's cell (the first of a column's range) to a number."""
    by_part = {}
    for name, value in values.items():
        sheet, ref = book.refs(name)[0]
        by_part.setdefault(sheet, []).append((ref, value))
    sheets = list(dict.fromkeys(s for s, _ in book.cells))

    def change(part, xml):
        index = int(re.search(r"sheet(\d+)\.xml", part).group(1)) - 1
        for ref, value in by_part.get(sheets[index], []):
            xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{value!r}</v>", xml)
            assert n == 1, f"entry {ref} not found"
        return xml
    return change


def main():
    cases = arg("--random", 12)
    seed = arg("--seed", 20261204)
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="mgl-tariff-"))
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True)
    # Recalculate xlsx files on load, always (0): LibreOffice's default is never, for files it
    # did not write, which would show our cached values and prove nothing.
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        '<value>0</value></prop></item></oor:items>\n')
    inputs = [json.loads((ROOT / "examples" / "tariff-input.json").read_text())]
    while len(inputs) < cases + 1:
        candidate = random_input(rng)
        path = work / "candidate.json"
        path.write_text(json.dumps(candidate))
        if mgl_results(path) is not None:
            inputs.append(candidate)
    checks = []  # (workbook to recalculate, the input its entries hold, what is checked)
    against = {}  # a changed workbook's name: (the input it was changed from, how many entries differ)
    for i, inp in enumerate(inputs):
        path = work / f"case{i}.json"
        path.write_text(json.dumps(inp))
        book_path = work / f"case{i}.xlsx"
        subprocess.run([str(MGL), "tariff", str(path), "--xlsx", str(book_path)], check=True)
        book = Book(book_path)
        zeroed = work / f"case{i}-zeroed.xlsx"
        rewrite(book_path, zeroed, zero_cached)
        checks.append((zeroed, inp, f"case {i}, cached values zeroed"))
        changed = json.loads(json.dumps(inp))
        changed["wacc"] = round(inp["wacc"] * 0.8 + 0.01, 6)
        changed["grants"] = round(inp["grants"] * 0.5, 2)
        changed["assets"][0]["capex"] = round(inp["assets"][0]["capex"] * 1.25, 2)
        changed_path = work / f"case{i}-changed.json"
        changed_path.write_text(json.dumps(changed))
        if mgl_results(changed_path) is None:
            continue
        changed_book = work / f"case{i}-changed.xlsx"
        rewrite(book_path, changed_book, set_entries(book, {
            "wacc": changed["wacc"], "grants": changed["grants"], "asset_capex": changed["assets"][0]["capex"]}))
        checks.append((changed_book, changed, f"case {i}, WACC, grants and the first asset's capex changed"))
        differing = sum([changed["wacc"] != inp["wacc"], changed["grants"] != inp["grants"],
                         changed["assets"][0]["capex"] != inp["assets"][0]["capex"]])
        against[changed_book.name] = (path, differing)
    out = work / "recalculated"
    out.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out)]
                   + [str(p) for p, _, _ in checks], check=True, capture_output=True)
    failures = 0
    for book_path, inp, what in checks:
        inp_path = work / "expected.json"
        inp_path.write_text(json.dumps(inp))
        want = expected(mgl_results(inp_path), inp)
        got = Book(out / book_path.name)
        wrong = [name for name in list(want) if not same(got.value(name), want[name])]
        if wrong:
            failures += 1
            print(f"interop-tariff: {what}: LibreOffice's recalculation differs for {', '.join(wrong)}", file=sys.stderr)
            for name in wrong[:3]:
                print(f"  {name}: LibreOffice {got.value(name)!r}, mgl {want[name]!r}", file=sys.stderr)
    # Read back: the entries of the workbook LibreOffice saved are the input it was made of (or
    # changed to), and a changed one lists its changes against the input it came from.
    read_back = 0
    for book_path, inp, what in checks:
        saved = out / book_path.name
        entries = work / "entries.json"
        args = [str(MGL), "tariff", "--from-xlsx", str(saved), "--save-input", str(entries)]
        base, differing = against.get(book_path.name, (None, 0))
        run = subprocess.run(args + ([str(base)] if base else []), capture_output=True, text=True)
        problem = None
        if run.returncode != 0:
            problem = f"mgl could not read it back: {run.stderr.strip()}"
        else:
            got, want = json.loads(entries.read_text()), dict(inp)
            want["kwh_sold"] = sorted(inp["kwh_sold"], key=lambda s: s["year"])
            if not same_input(got, want):
                problem = f"its entries read back as {got}, not {want}"
            elif base and f"{differing} " not in run.stderr.splitlines()[0]:
                problem = f"{differing} changes expected, mgl listed: {run.stderr.strip()}"
            elif not same_results(json.loads(run.stdout), mgl_results(work / "expected.json", inp)):
                problem = "its results read back differ from mgl's for its input"
        if not problem:
            problem = chart_problem(saved)
        if problem:
            failures += 1
            print(f"interop-tariff: {what}, saved by LibreOffice: {problem}", file=sys.stderr)
        else:
            read_back += 1
    print(f"interop-tariff: {read_back} of {len(checks)} saved by LibreOffice read back as their entries")
    print(f"interop-tariff: {len(checks)} workbooks ({len(inputs)} inputs, seed {seed}) recalculated by LibreOffice, "
          f"{len(checks) - failures} with every name equal to mgl's results")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
