//! `mgl`: the command-line tool for applicants, NGOs and the Authority's officers. It asks the same
//! domain crate as the web app, so a draft passes `mgl check` exactly when the app shows no problem.

use mgl_domain::format::fill;
use mgl_domain::message::{counted, Arg};
use mgl_domain::{decide, tr, validate, CountryProfile, Date, Draft, Lang, Severity};
use serde_json::json;
use std::process::ExitCode;

mod bundle;

/// The usage text, in the chosen language: each command's syntax as it is typed, then what it does.
fn usage() -> String {
    let mut out = say(
        "mgl: mini-grid licence applications (Regulations for Mini-Grids, Appendix I)",
        &[],
    );
    out.push_str("\n\n");
    out.push_str(&say("Usage:", &[]));
    out.push('\n');
    let mut command = |syntax: &str, what: String, options: &[(&str, String)]| {
        out.push_str(&format!("  {syntax}\n"));
        out.push_str(&wrap(&what, 6));
        for (option, meaning) in options {
            out.push_str(&wrap_after(&format!("{option:<12}"), meaning, 6));
        }
    };
    command(
        "mgl check DRAFT.json [--json] [--profile PROFILE.json] [--today YYYY-MM-DD]",
        say("Checks a draft saved from the app (\"Save as file\") and prints every problem with the path of its answer, every required document not attached (Section 4.1), then the licence that applies.", &[]),
        &[
            ("--json", say("machine-readable output", &[])),
            ("--profile", say("a country profile file (default: the one the draft names, bundled with mgl)", &[])),
            ("--today", say("the date to check declaration dates against (default: today, UTC)", &[])),
        ],
    );
    command(
        "mgl checklist DRAFT.json [--json]",
        say("Lists the documents the application needs (Section 4.1), for the company and each site: required, on request, not applicable, or depending on an answer not given yet, and why.", &[]),
        &[],
    );
    command(
        "mgl tariff INPUT.json [--csv]",
        say("Computes the tariff of Section 6 (method: docs/tariff.md) and prints the results as JSON, or the year-by-year schedule as CSV.", &[]),
        &[],
    );
    command(
        "mgl print DRAFT.json [--declaration] [--today YYYY-MM-DD]",
        say("Prints the whole application as one self-contained HTML page, in the order of Appendix I (or the declaration page alone), to open in a browser and print.", &[]),
        &[],
    );
    command(
        "mgl profiles",
        say("Lists the bundled country profiles.", &[]),
        &[],
    );
    command(
        "mgl keygen --out NAME",
        say(
            "Makes a signing key: NAME.key (minisign's format, passphrase-protected) and NAME.pub.",
            &[],
        ),
        &[],
    );
    command(
        "mgl reprotect IN.key --out OUT.key",
        say("Protects a minisign secret key again with a new passphrase and the app's scrypt cost (16 MiB), so that the app can unlock a key made by `minisign -G` (which asks 1 GiB).", &[]),
        &[],
    );
    command(
        "mgl bundle --draft DRAFT.json --attachments DIR --key [ROLE=]SECRET.key... --out B.zip\n            [--today YYYY-MM-DD] [--incomplete]",
        say("Makes the signed submission bundle (docs/bundle-format.md). The attachments are found in DIR by content; ROLE is applicant (default) or ngo, one --key per signer. An incomplete application is refused unless --incomplete is given. Passphrases: $MGL_PASSPHRASE, or typed.", &[]),
        &[],
    );
    command(
        "mgl cosign B.zip --key [ROLE=]SECRET.key... --out SIGNED.zip",
        say("Adds signatures to an intact bundle made and signed elsewhere (the applicant's on their own laptop after an NGO's), keeping every byte already signed; a key that signed it is refused.", &[]),
        &[],
    );
    command(
        "mgl verify B.zip [--pub KEY.pub] [--json]",
        say("Every check of a bundle, as the app's Verify page: zip safety, signatures (against KEY.pub when given), manifests, the application, its checklist and its tariff. Exit code 0 only when all pass.", &[]),
        &[],
    );
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
    out.push('\n');
    out
}

/// A subcommand: its arguments in, an exit code or a message (exit code 2) out.
type Command = fn(&[String]) -> Result<ExitCode, String>;

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
    let command: Option<Command> = match args.first().map(String::as_str) {
        Some("check") => Some(check),
        Some("checklist") => Some(checklist),
        Some("tariff") => Some(tariff),
        Some("print") => Some(print),
        Some("profiles") => Some(profiles),
        Some("keygen") => Some(bundle::keygen),
        Some("reprotect") => Some(bundle::reprotect),
        Some("bundle") => Some(bundle::bundle),
        Some("verify") => Some(bundle::verify),
        Some("cosign") => Some(bundle::cosign),
        Some("-h" | "--help" | "help") => {
            print!("{}", usage());
            return ExitCode::SUCCESS;
        }
        _ => None,
    };
    match command {
        Some(run) => run(&args[1..]).unwrap_or_else(|message| {
            eprintln!("mgl {}: {message}", args[0]);
            ExitCode::from(2)
        }),
        None => {
            eprint!("{}", usage());
            ExitCode::from(2)
        }
    }
}

fn profiles(_: &[String]) -> Result<ExitCode, String> {
    for id in CountryProfile::bundled_ids() {
        let p = CountryProfile::bundled(id).expect("bundled");
        println!("{id}\t{}\t{}", p.country_name, p.name);
    }
    Ok(ExitCode::SUCCESS)
}

struct CheckArgs {
    draft_path: String,
    json: bool,
    profile_path: Option<String>,
    today: Option<Date>,
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut parsed = CheckArgs {
        draft_path: String::new(),
        json: false,
        profile_path: None,
        today: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--profile" => {
                parsed.profile_path = Some(
                    rest.next()
                        .ok_or_else(|| say("--profile needs a file", &[]))?
                        .clone(),
                )
            }
            "--today" => {
                let text = rest
                    .next()
                    .ok_or_else(|| say("--today needs a date", &[]))?;
                parsed.today = Some(Date::parse_iso(text).ok_or_else(|| {
                    say("--today {date}: not a YYYY-MM-DD date", &[("date", text)])
                })?);
            }
            flag if flag.starts_with("--") => {
                return Err(say("unknown option {option}", &[("option", flag)]))
            }
            path if parsed.draft_path.is_empty() => parsed.draft_path = path.to_owned(),
            extra => {
                return Err(say(
                    "unexpected argument {argument}",
                    &[("argument", extra)],
                ))
            }
        }
    }
    if parsed.draft_path.is_empty() {
        return Err(say(
            "which draft? Usage: {usage}",
            &[("usage", "mgl check DRAFT.json")],
        ));
    }
    Ok(parsed)
}

pub(crate) fn today_utc() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch(seconds.div_euclid(86_400))
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_check_args(args)?;
    let text = std::fs::read_to_string(&args.draft_path)
        .map_err(|e| format!("{}: {e}", args.draft_path))?;
    let draft = Draft::from_json(&text).map_err(|e| format!("{}: {e}", args.draft_path))?;
    let profile = match &args.profile_path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            CountryProfile::parse(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => {
            let id = if draft.profile.is_empty() {
                mgl_domain::profile::DEFAULT_PROFILE_ID
            } else {
                draft.profile.as_str()
            };
            CountryProfile::bundled(id).ok_or_else(|| say("the draft names country profile \"{profile}\", which mgl does not have; give one with --profile", &[("profile", id)]))?
        }
    };
    let today = args.today.unwrap_or_else(today_utc);
    let lang = lang();
    let report = validate(&draft, &profile, today);
    let decision = decide(&draft, &profile);
    let missing = mgl_domain::attachments::missing_documents(&draft);
    let missing_message = mgl_domain::tr(lang, "This required document is not attached.");
    let errors = report.errors().count() + missing.len();
    let warnings = report.problems.len() - report.errors().count();

    if args.json {
        let problems: Vec<_> = report
            .problems
            .iter()
            .map(|p| {
                json!({
                    "path": p.path,
                    "step": p.step.slug(),
                    "severity": p.severity,
                    "label": p.label_in(lang),
                    "message": p.message.render(lang),
                })
            })
            .chain(missing.iter().map(|m| {
                json!({
                    "path": m.path,
                    "step": "documents",
                    "severity": Severity::Error,
                    "label": mgl_domain::tr(lang, m.title),
                    "message": missing_message,
                })
            }))
            .collect();
        let out = json!({
            "draft": args.draft_path,
            "profile": profile.id,
            "clean": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "problems": problems,
            "licence": {
                "outcome": decision.outcome,
                "summary": decision.summary.render(lang),
                "reasons": decision.reasons.iter().map(|r| r.render(lang)).collect::<Vec<_>>(),
                "consequences": decision.consequences.iter().map(|r| r.render(lang)).collect::<Vec<_>>(),
                "may_choose_full": decision.may_choose_full,
            },
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("plain JSON")
        );
    } else {
        // The report in the chosen language, framing words included.
        let (error, warning) = (tr(lang, "error"), tr(lang, "warning"));
        for p in &report.problems {
            let severity = match p.severity {
                Severity::Error => error,
                Severity::Warning => warning,
            };
            println!(
                "{severity}: {}: {}: {}",
                p.path,
                p.label_in(lang),
                p.message.render(lang)
            );
        }
        for m in &missing {
            println!(
                "{error}: {}: {}: {missing_message}",
                m.path,
                mgl_domain::tr(lang, m.title)
            );
        }
        println!(
            "{}",
            say(
                "Licence: {summary}",
                &[("summary", &decision.summary.render(lang))]
            )
        );
        for line in decision.reasons.iter().chain(&decision.consequences) {
            println!("  - {}", line.render(lang));
        }
        let counts = Arg::List(vec![
            counted("{n} problem", "{n} problems", errors as u64).into(),
            counted("{n} warning", "{n} warnings", warnings as u64).into(),
        ])
        .render(lang);
        println!("{}: {counts}", args.draft_path);
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn checklist(args: &[String]) -> Result<ExitCode, String> {
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && *a != "--json") {
        return Err(say("unknown option {option}", &[("option", flag)]));
    }
    let [path] = paths.as_slice() else {
        return Err(say(
            "which draft? Usage: {usage}",
            &[("usage", "mgl checklist DRAFT.json [--json]")],
        ));
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let draft = Draft::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    let items = mgl_domain::checklist::checklist(&draft, lang());
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&items).expect("plain JSON")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let lang = lang();
    let scope_name = |site_id: &Option<String>| match site_id {
        None => tr(lang, "company").to_owned(),
        Some(id) => draft
            .sites
            .iter()
            .find(|s| &s.id == id)
            .map_or(id.clone(), |s| {
                say("site {name} ({id})", &[("name", &s.name), ("id", id)])
            }),
    };
    for item in &items {
        let need = tr(
            lang,
            match item.need {
                mgl_domain::checklist::Need::Required => "required",
                mgl_domain::checklist::Need::OnRequest => "on request",
                mgl_domain::checklist::Need::NotApplicable => "not applicable",
                mgl_domain::checklist::Need::Undecided => "to decide",
            },
        );
        println!(
            "{}: {} [{}]: {need}: {}",
            scope_name(&item.site_id),
            tr(lang, item.requirement.title),
            item.requirement.section,
            item.reason
        );
    }
    let required = items
        .iter()
        .filter(|i| i.need == mgl_domain::checklist::Need::Required)
        .count();
    println!(
        "{}",
        counted(
            "{n} document required",
            "{n} documents required",
            required as u64
        )
        .render(lang)
    );
    Ok(ExitCode::SUCCESS)
}

fn tariff(args: &[String]) -> Result<ExitCode, String> {
    let csv = args.iter().any(|a| a == "--csv");
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && *a != "--csv") {
        return Err(say("unknown option {option}", &[("option", flag)]));
    }
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [path] = paths.as_slice() else {
        return Err(say(
            "which input? Usage: {usage}",
            &[("usage", "mgl tariff INPUT.json [--csv]")],
        ));
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let input: mgl_domain::tariff::TariffInput = serde_json::from_str(&text)
        .map_err(|e| format!("{path}: not a tariff input ({e}); see docs/tariff.md"))?;
    let results =
        mgl_domain::tariff::calculate(&input, lang()).map_err(|e| format!("{path}: {e}"))?;
    if csv {
        print!("{}", mgl_domain::tariff::schedule_csv(&results));
    } else {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).expect("finite numbers")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print(args: &[String]) -> Result<ExitCode, String> {
    let declaration = args.iter().any(|a| a == "--declaration");
    let rest: Vec<String> = args
        .iter()
        .filter(|a| *a != "--declaration")
        .cloned()
        .collect();
    let parsed = parse_check_args(&rest)?;
    let text = std::fs::read_to_string(&parsed.draft_path)
        .map_err(|e| format!("{}: {e}", parsed.draft_path))?;
    let draft = Draft::from_json(&text).map_err(|e| format!("{}: {e}", parsed.draft_path))?;
    let id = if draft.profile.is_empty() {
        mgl_domain::profile::DEFAULT_PROFILE_ID
    } else {
        draft.profile.as_str()
    };
    let profile = CountryProfile::bundled(id)
        .ok_or_else(|| say("unknown country profile \"{profile}\"", &[("profile", id)]))?;
    let html = if declaration {
        mgl_domain::printout::declaration_page(&draft, &profile, None, lang())
    } else {
        let report = validate(&draft, &profile, parsed.today.unwrap_or_else(today_utc));
        mgl_domain::printout::application_html(&draft, &profile, &report, lang())
    };
    print!("{html}");
    Ok(ExitCode::SUCCESS)
}
