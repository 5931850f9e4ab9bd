//! Build-time data of the domain:
//! - every country profile in `profiles/` is embedded, so that adding a country is adding a file;
//! - the translation catalogues (`i18n/<lang>.po`, gettext's format, so that translators can use
//!   Poedit or any PO editor) become sorted static tables: no parsing at run time, a binary search
//!   per string. A malformed catalogue or a message translated twice stops the build with its line.

use std::fmt::Write as _;
use std::path::Path;

const LANGUAGES: [(&str, &str); 2] = [("fr", "FR"), ("pt", "PT")];

fn main() {
    embed_profiles();
    compile_catalogues();
}

fn embed_profiles() {
    println!("cargo:rerun-if-changed=profiles");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("profiles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("profiles/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// (file stem, JSON text) of every bundled country profile.\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        code += &format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        );
    }
    code += "];\n";
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_profiles.rs");
    std::fs::write(dest, code).unwrap();
}

fn compile_catalogues() {
    println!("cargo:rerun-if-changed=i18n");
    let mut out = String::new();
    for (code, table) in LANGUAGES {
        let path = Path::new("i18n").join(format!("{code}.po"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut entries = parse_po(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        entries.sort();
        if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
            panic!("{}: \"{}\" is translated twice", path.display(), w[0].0);
        }
        writeln!(out, "pub static {table}: &[(&str, &str)] = &[").unwrap();
        for (id, text) in entries {
            writeln!(out, "    ({id:?}, {text:?}),").unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(dest, out).unwrap();
}

/// The translated entries of a PO file: `msgid`/`msgstr` pairs, strings continued on following lines,
/// `#` comments. The header (empty msgid) and untranslated entries (empty msgstr) are left out, so an
/// untranslated message shows in English rather than blank.
fn parse_po(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    let (mut id, mut msg): (Option<String>, Option<String>) = (None, None);
    let mut flush = |id: &mut Option<String>, msg: &mut Option<String>| -> Result<(), String> {
        match (id.take(), msg.take()) {
            (Some(i), Some(m)) if !i.is_empty() && !m.is_empty() => entries.push((i, m)),
            (Some(_), Some(_)) | (None, None) => {}
            (Some(i), None) => return Err(format!("\"{i}\" has no msgstr")),
            (None, Some(_)) => return Err("a msgstr without its msgid".into()),
        }
        Ok(())
    };
    for (number, line) in text.lines().enumerate() {
        let at = |e: String| format!("line {}: {e}", number + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("msgid ") {
            flush(&mut id, &mut msg).map_err(at)?;
            id = Some(unquote(rest).map_err(at)?);
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            if id.is_none() || msg.is_some() {
                return Err(at("a msgstr without its msgid".into()));
            }
            msg = Some(unquote(rest).map_err(at)?);
        } else if line.starts_with('"') {
            let more = unquote(line).map_err(at)?;
            match (&mut id, &mut msg) {
                (_, Some(m)) => m.push_str(&more),
                (Some(i), None) => i.push_str(&more),
                _ => return Err(at("a string outside any entry".into())),
            }
        } else {
            return Err(at(format!("cannot read `{line}`")));
        }
    }
    flush(&mut id, &mut msg)?;
    Ok(entries)
}

fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("expected a \"quoted\" string, found {quoted}"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            other => return Err(format!("unknown escape \\{}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}
