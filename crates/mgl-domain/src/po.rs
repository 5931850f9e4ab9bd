//! Reading gettext PO catalogues: shared by `build.rs` (which compiles them into the CLI and the
//! tests) and the app (which fetches a language's catalogue when the user first needs it), so both
//! read a catalogue the same way. No dependencies: `build.rs` includes this file as it is.

/// The translated entries of a PO file: `msgid`/`msgstr` pairs, strings continued on following lines,
/// `#` comments. The header (empty msgid) and untranslated entries (empty msgstr) are left out, so an
/// untranslated message shows in English rather than blank.
pub fn parse_po(text: &str) -> Result<Vec<(String, String)>, String> {
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
