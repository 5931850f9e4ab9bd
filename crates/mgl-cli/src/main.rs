//! `mgl`: the command-line tool for applicants, NGOs and the Authority's officers. It asks the same
//! domain crate as the web app, so a draft passes `mgl check` exactly when the app shows no problem.
//!
//! Every command is a row of `COMMANDS` (args.rs reads the rows: the usage text and the parser both
//! come from them); the commands live by group: `check.rs` (drafts: check, checklist, tariff,
//! print, sites, profiles) and `bundle.rs` (keys and bundles).

use args::{date, flag, value, Command, Opt, Takes};
use mgl_domain::format::fill;
use mgl_domain::{tr, Lang};
use std::process::ExitCode;

mod args;
mod bundle;
mod check;

const TODAY_HELP: &str = "the date to check declaration dates against (default: today, UTC)";

/// Every command of `mgl`, in the order the usage lists them.
static COMMANDS: &[Command] = &[
    Command {
        name: "check",
        operand: "DRAFT.json",
        missing_operand: "which draft? Usage: {usage}",
        options: &[
            flag("--json", "machine-readable output"),
            value("--profile", "PROFILE.json", "a country profile file (default: the one the draft names, bundled with mgl)"),
            date("--today", TODAY_HELP),
        ],
        help: "Checks a draft saved from the app (\"Save as file\") and prints every problem with the path of its answer, every required document not attached (Section 4.1), then the licence that applies.",
        run: check::check,
    },
    Command {
        name: "checklist",
        operand: "DRAFT.json",
        missing_operand: "which draft? Usage: {usage}",
        options: &[flag("--json", "")],
        help: "Lists the documents the application needs (Section 4.1), for the company and each site: required, on request, not applicable, or depending on an answer not given yet, and why.",
        run: check::checklist,
    },
    Command {
        name: "tariff",
        operand: "[INPUT.json]",
        missing_operand: "which input? Usage: {usage}",
        options: &[
            flag("--csv", ""),
            value("--xlsx", "OUT.xlsx", "writes the calculation as a workbook of live formulas of the entries"),
            value("--from-xlsx", "WORKBOOK.xlsx", "reads the entries of a tariff workbook (written by the app or --xlsx, perhaps changed in a spreadsheet) instead of INPUT.json; given both, lists on standard error what the workbook changed against INPUT.json"),
            value("--save-input", "INPUT.json", "with --from-xlsx: writes the workbook's entries as a tariff input"),
        ],
        help: "Computes the tariff of Section 6 (method: docs/tariff.md) and prints the results as JSON, or the year-by-year schedule as CSV, or writes them as a workbook.",
        run: check::tariff,
    },
    Command {
        name: "print",
        operand: "DRAFT.json",
        missing_operand: "which draft? Usage: {usage}",
        options: &[flag("--declaration", ""), date("--today", "")],
        help: "Prints the whole application as one self-contained HTML page, in the order of Appendix I (or the declaration page alone), to open in a browser and print.",
        run: check::print,
    },
    Command {
        name: "sites template",
        operand: "",
        missing_operand: "",
        options: &[
            flag("--csv", "as CSV: the header row only (the default)"),
            flag("--xlsx", "as an XLSX workbook, with a notes sheet of the accepted forms"),
            value("--profile", "PROFILE.json", "a country profile file (default: the bundled Nigerian profile)"),
            value("--out", "FILE", "where to write it (default: standard output)"),
        ],
        help: "Writes the template of the site register: one column per site answer of Appendix I 5.1 to 5.4, headed with the form's labels and units in the chosen language (--lang).",
        run: check::sites_template,
    },
    Command {
        name: "sites export",
        operand: "DRAFT.json",
        missing_operand: "which draft? Usage: {usage}",
        options: &[
            flag("--csv", ""),
            flag("--xlsx", ""),
            flag("--geojson", "as GeoJSON points of the sites and their power plants, the answers as properties"),
            value("--profile", "PROFILE.json", ""),
            value("--out", "FILE", ""),
        ],
        help: "Writes the draft's sites as the register (CSV by default), to edit in a spreadsheet and import back.",
        run: check::sites_export,
    },
    Command {
        name: "sites import",
        operand: "DRAFT.json FILE",
        missing_operand: "which draft, and which file of sites? Usage: {usage}",
        options: &[
            value("--out", "NEW.json", "").required("where to? Usage: {usage}"),
            flag("--append", "after the draft's sites (the default)"),
            flag("--replace", "instead of the draft's sites"),
            value("--sheet", "N", "the workbook's sheet with the sites (default: the first)"),
            flag("--json", "the problems as JSON"),
            value("--profile", "PROFILE.json", ""),
            date("--today", TODAY_HELP),
        ],
        help: "Reads sites from a workbook (XLSX or ODS), a CSV file (comma or semicolon, UTF-8 or Windows-1252), a GeoJSON file of points or a KML or KMZ file of placemarks, headers in any of the three languages, prints every problem by row and column, and writes the draft with the sites added to NEW.json. Exit status: 0 when the imported sites have no problem, 1 when they have problems (the draft is written with them), 2 when the file cannot be read (nothing is written).",
        run: check::sites_import,
    },
    Command {
        name: "profiles",
        operand: "",
        missing_operand: "",
        options: &[],
        help: "Lists the bundled country profiles.",
        run: check::profiles,
    },
    Command {
        name: "keygen",
        operand: "",
        missing_operand: "",
        options: &[value("--out", "NAME", "").required("where to? Usage: {usage}")],
        help: "Makes a signing key: NAME.key (minisign's format, passphrase-protected) and NAME.pub.",
        run: bundle::keygen,
    },
    Command {
        name: "reprotect",
        operand: "IN.key",
        missing_operand: "Usage: {usage}",
        options: &[value("--out", "OUT.key", "").required("Usage: {usage}")],
        help: "Protects a minisign secret key again with a new passphrase and the app's scrypt cost (16 MiB), so that the app can unlock a key made by `minisign -G` (which asks 1 GiB).",
        run: bundle::reprotect,
    },
    Command {
        name: "bundle",
        operand: "",
        missing_operand: "",
        options: &[
            value("--draft", "DRAFT.json", "").required("Usage: {usage}"),
            value("--attachments", "DIR", ""),
            SIGNING_KEY.required("a bundle must be signed: give --key. Usage: {usage}"),
            value("--out", "B.zip", "").required("Usage: {usage}"),
            date("--today", ""),
            flag("--incomplete", ""),
        ],
        help: "Makes the signed submission bundle (docs/bundle-format.md). The attachments are found in DIR by content; ROLE is applicant (default) or ngo, one --key per signer. An incomplete application is refused unless --incomplete is given. Passphrases: $MGL_PASSPHRASE, or typed.",
        run: bundle::bundle,
    },
    Command {
        name: "cosign",
        operand: "B.zip",
        missing_operand: "Usage: {usage}",
        options: &[
            SIGNING_KEY.required("which key signs? Usage: {usage}"),
            value("--out", "SIGNED.zip", "").required("Usage: {usage}"),
        ],
        help: "Adds signatures to an intact bundle made and signed elsewhere (the applicant's on their own laptop after an NGO's), keeping every byte already signed; a key that signed it is refused.",
        run: bundle::cosign,
    },
    Command {
        name: "verify",
        operand: "B.zip",
        missing_operand: "which bundle? Usage: {usage}",
        options: &[value("--pub", "KEY.pub", ""), flag("--json", "")],
        help: "Every check of a bundle, as the app's Verify page: zip safety, signatures (against KEY.pub when given), manifests, the application, its checklist and its tariff. Exit code 0 only when all pass.",
        run: bundle::verify,
    },
];

/// `--key [ROLE=]SECRET.key`, once per signer.
const SIGNING_KEY: Opt = Opt {
    name: "--key",
    takes: Takes::Repeated("[ROLE=]SECRET.key"),
    required: None,
    help: "",
};

/// How the command `name` is typed, for a message that says so.
pub(crate) fn synopsis(name: &str) -> String {
    COMMANDS
        .iter()
        .find(|c| c.name == name)
        .map(Command::synopsis)
        .unwrap_or_default()
}

/// The usage text, in the chosen language: each command's syntax as it is typed, then what it does.
fn usage() -> String {
    let mut out = say(
        "mgl: mini-grid licence applications (Regulations for Mini-Grids, Appendix I)",
        &[],
    );
    out.push_str("\n\n");
    out.push_str(&say("Usage:", &[]));
    out.push('\n');
    for command in COMMANDS {
        // A long syntax goes on under itself, after the command's name, never breaking inside
        // an option (its inner spaces are held as \x01 while the line is wrapped).
        let units: Vec<String> = command
            .arguments()
            .iter()
            .map(|u| u.replace(' ', "\x01"))
            .collect();
        let lead = format!("mgl {} ", command.name);
        out.push_str(&wrap_after(&lead, &units.join(" "), 2).replace('\x01', " "));
        out.push_str(&wrap(&say(command.help, &[]), 6));
        for option in command.options.iter().filter(|o| !o.help.is_empty()) {
            out.push_str(&wrap_after(
                &format!("{:<12}", option.name),
                &say(option.help, &[]),
                6,
            ));
        }
    }
    out.push('\n');
    out.push_str(&wrap(
        &say(
            "Every command takes --lang en|fr|pt (or $MGL_LANG) for its messages and documents.",
            &[],
        ),
        0,
    ));
    out.push('\n');
    out.push_str(&wrap(&say("Exit codes: 0 no problems (warnings allowed), 1 problems found, 2 the input cannot be read or used.", &[]), 0));
    out
}

/// `text` in lines of at most 100 characters, each indented by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    wrap_after("", text, indent)
}

/// `lead` then `text`, in lines of at most 100 characters: the first indented by `indent` spaces,
/// the others aligned after `lead` (an option's name, then its meaning).
fn wrap_after(lead: &str, text: &str, indent: usize) -> String {
    let hang = indent + lead.chars().count();
    let mut out = format!("{:indent$}{lead}", "");
    let mut width = hang;
    let mut first_word = true;
    for word in text.split_whitespace() {
        if !first_word && width + 1 + word.chars().count() > 100 {
            out.push_str(&format!("\n{:hang$}", ""));
            width = hang;
            first_word = true;
        }
        if !first_word {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += word.chars().count();
        first_word = false;
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The language of messages, printouts and the bundle's documents: `--lang` anywhere in the
/// arguments, else `$MGL_LANG`, else English. Set once in `main`, before any command runs.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

pub(crate) fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message of `mgl` in the chosen language (`--lang`), its `{placeholders}` filled.
pub(crate) fn say(msgid: &'static str, values: &[(&str, &str)]) -> String {
    fill(tr(lang(), msgid), values)
}

/// Takes `--lang CODE` out of the arguments (every command accepts it).
fn take_lang(args: &mut Vec<String>) -> Result<Lang, String> {
    let from_env = std::env::var("MGL_LANG").ok();
    let mut chosen = from_env
        .as_deref()
        .map(|code| (code.to_owned(), "MGL_LANG"));
    if let Some(at) = args.iter().position(|a| a == "--lang") {
        let code = args
            .get(at + 1)
            .cloned()
            .ok_or("--lang needs en, fr or pt")?;
        args.drain(at..at + 2);
        chosen = Some((code, "--lang"));
    }
    match chosen {
        None => Ok(Lang::En),
        Some((code, from)) => Lang::from_code(&code)
            .ok_or_else(|| format!("{from} {code}: the languages are en, fr and pt")),
    }
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    match take_lang(&mut args) {
        Ok(lang) => {
            let _ = LANG.set(lang);
        }
        Err(message) => {
            eprintln!("mgl: {message}");
            return ExitCode::from(2);
        }
    }
    let first = args.first().map(String::as_str).unwrap_or_default();
    if matches!(first, "-h" | "--help" | "help") {
        print!("{}", usage());
        return ExitCode::SUCCESS;
    }
    // A command's name is one word or two (`sites import`).
    let Some(command) = COMMANDS.iter().find(|c| {
        let words = c.name.split(' ').count();
        args.len() >= words && args[..words].join(" ") == c.name
    }) else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    let name = command.name;
    command
        .parse(&args[command.name.split(' ').count()..])
        .and_then(|parsed| (command.run)(&parsed))
        .unwrap_or_else(|message| {
            eprintln!("mgl {name}: {message}");
            ExitCode::from(2)
        })
}
