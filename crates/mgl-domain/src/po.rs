//! Reading gettext PO catalogues: shared by `build.rs` (which compiles them into the CLI and the
//! tests) and the app (which fetches a language's catalogue when the user first needs it), so both
//! read a catalogue the same way. No dependencies: `build.rs` includes this file as it is.

/// What separates a plural entry's English forms in its key, and its translated forms in its text:
/// `"{n} file\0{n} files"` → `"{n} fichier\0{n} fichiers"`. A NUL is in no message, so a key never
/// collides with a singular message's.
pub const PLURAL_SEPARATOR: char = '\0';

/// The translated entries of a PO file: `msgid`/`msgstr` pairs, strings continued on following lines,
/// `#` comments. A plural entry (`msgid_plural`, `msgstr[0]`, `msgstr[1]`...) becomes one pair whose
/// key is the English singular and plural and whose text is the translated forms in order, each pair
/// joined by [`PLURAL_SEPARATOR`]. The header (empty msgid) and untranslated entries (an empty msgstr
/// or form) are left out, so an untranslated message shows in English rather than blank.
pub fn parse_po(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    let mut entry = Entry::default();
    // Which string a continuation line ("...") extends.
    let mut last = Part::None;
    for (number, line) in text.lines().enumerate() {
        let at = |e: String| format!("line {}: {e}", number + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("msgid ") {
            std::mem::take(&mut entry)
                .finish(&mut entries)
                .map_err(at)?;
            entry.id = Some(unquote(rest).map_err(at)?);
            last = Part::Id;
        } else if let Some(rest) = line.strip_prefix("msgid_plural ") {
            if entry.id.is_none() || entry.plural.is_some() || !entry.forms.is_empty() {
                return Err(at("a msgid_plural not right after its msgid".into()));
            }
            entry.plural = Some(unquote(rest).map_err(at)?);
            last = Part::Plural;
        } else if let Some(rest) = line.strip_prefix("msgstr") {
            let (index, quoted) = match rest.strip_prefix('[') {
                None => (None, rest),
                Some(indexed) => {
                    let (n, quoted) = indexed
                        .split_once(']')
                        .ok_or_else(|| at("msgstr[ without its ]".into()))?;
                    (
                        Some(n.parse::<usize>().map_err(|_| at(format!("msgstr[{n}]")))?),
                        quoted,
                    )
                }
            };
            if entry.id.is_none() {
                return Err(at("a msgstr without its msgid".into()));
            }
            if index != entry.plural.is_some().then_some(entry.forms.len()) {
                return Err(at(match index {
                    Some(n) => format!("msgstr[{n}] out of order or without msgid_plural"),
                    None => "a msgstr without its msgid".into(),
                }));
            }
            entry.forms.push(unquote(quoted.trim_start()).map_err(at)?);
            last = Part::Form;
        } else if line.starts_with('"') {
            let more = unquote(line).map_err(at)?;
            match last {
                Part::Id => entry.id.as_mut(),
                Part::Plural => entry.plural.as_mut(),
                Part::Form => entry.forms.last_mut(),
                Part::None => None,
            }
            .ok_or_else(|| at("a string outside any entry".into()))?
            .push_str(&more);
        } else {
            return Err(at(format!("cannot read `{line}`")));
        }
    }
    entry.finish(&mut entries)?;
    Ok(entries)
}

#[derive(Clone, Copy)]
enum Part {
    None,
    Id,
    Plural,
    Form,
}

#[derive(Default)]
struct Entry {
    id: Option<String>,
    plural: Option<String>,
    forms: Vec<String>,
}

impl Entry {
    fn finish(self, entries: &mut Vec<(String, String)>) -> Result<(), String> {
        let Some(id) = self.id else {
            return Ok(());
        };
        if self.forms.is_empty() {
            return Err(format!("\"{id}\" has no msgstr"));
        }
        let translated = self.forms.iter().all(|f| !f.is_empty());
        if id.is_empty() || !translated {
            return Ok(());
        }
        let sep = PLURAL_SEPARATOR.to_string();
        entries.push(match self.plural {
            None => (id, self.forms.concat()),
            Some(plural) => (format!("{id}{sep}{plural}"), self.forms.join(&sep)),
        });
        Ok(())
    }
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
