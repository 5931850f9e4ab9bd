#!/usr/bin/env python3
"""Writes a small PDF for every required document of the example draft under examples/attachments/
(company/<requirement>/ and sites/<site id>/<requirement>/, the layout `mgl` reads) and records each
file in the draft (files and attachments), so that the example is a complete application.
Run from the repository root: python3 examples/make-attachments.py  (needs `cargo`)."""
import hashlib, json, pathlib, subprocess

root = pathlib.Path("examples")
draft_path = root / "two-site-draft.json"
draft = json.loads(draft_path.read_text())
draft["files"], draft["attachments"] = [], []
items = json.loads(subprocess.check_output(
    ["cargo", "run", "-q", "-p", "mgl-cli", "--", "checklist", str(draft_path), "--json"]))

def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF showing `text`."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

for item in items:
    if item["need"] != "required":
        continue
    code, site = item["requirement"]["code"], item["site_id"]
    folder = root / "attachments" / ("company" if site is None else f"sites/{site}") / code
    folder.mkdir(parents=True, exist_ok=True)
    title = item["requirement"]["title"].replace("(", "").replace(")", "")
    content = tiny_pdf(f"Example: {title}" + (f" - site {site}" if site else ""))
    name = f"{code}.pdf"
    (folder / name).write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()
    if not any(f["sha256"] == sha for f in draft["files"]):
        draft["files"].append({"sha256": sha, "name": name, "size": len(content), "file_type": "pdf", "added_ms": draft["updated_ms"]})
    draft["attachments"].append({"requirement": code, "site_id": site or "", "sha256": sha})

draft_path.write_text(json.dumps(draft, indent=2, ensure_ascii=False) + "\n")
print(f"{len(draft['attachments'])} attachments, {len(draft['files'])} files")
