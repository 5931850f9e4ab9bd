//! The commands on drafts: `check`, `checklist`, `tariff`, `print`, `sites`, `profiles`.

use crate::args::Args;
use crate::{lang, say};
use mgl_domain::message::{counted, Arg};
use mgl_domain::{decide, tr, validate, CountryProfile, Date, Draft, Severity};
use serde_json::json;
use std::process::ExitCode;

pub fn profiles(_: &Args) -> Result<ExitCode, String> {
    for id in CountryProfile::bundled_ids() {
        let p = CountryProfile::bundled(id).expect("bundled");
        println!("{id}\t{}\t{}", p.country_name, p.name);
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn today_utc() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch(seconds.div_euclid(86_400))
}

/// The draft named by the operand.
fn read_draft(path: &str) -> Result<Draft, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Draft::from_json(&text).map_err(|e| format!("{path}: {e}"))
}

/// The country profile of `--profile`, or else the bundled one the draft names.
fn profile_of(args: &Args, draft: &Draft) -> Result<CountryProfile, String> {
    Ok(match args.value("--profile") {
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
    })
}

pub fn check(args: &Args) -> Result<ExitCode, String> {
    let draft_path = args.operand();
    let draft = read_draft(draft_path)?;
    let profile = profile_of(args, &draft)?;
    let today = args.date("--today").unwrap_or_else(today_utc);
    let lang = lang();
    let report = validate(&draft, &profile, today);
    let decision = decide(&draft, &profile);
    let missing = mgl_domain::attachments::missing_documents(&draft);
    let missing_message = mgl_domain::tr(lang, "This required document is not attached.");
    let errors = report.errors().count() + missing.len();
    let warnings = report.problems().count() - report.errors().count();

    if args.flag("--json") {
        let problems: Vec<_> = report
            .problems()
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
            "draft": draft_path,
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
        for p in report.problems() {
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
        println!("{draft_path}: {counts}");
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn checklist(args: &Args) -> Result<ExitCode, String> {
    let json = args.flag("--json");
    let path = args.operand();
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

/// A tariff input file (docs/tariff.md).
fn read_tariff_input(path: &str) -> Result<mgl_domain::tariff::TariffInput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| {
        say(
            "{path}: not a tariff input ({error}); see docs/tariff.md",
            &[("path", path), ("error", &e.to_string())],
        )
    })
}

pub fn tariff(args: &Args) -> Result<ExitCode, String> {
    use mgl_domain::tariff_workbook;
    let given = (!args.operand().is_empty()).then(|| args.operand());
    let source = args.value("--from-xlsx").or(given).unwrap_or_default();
    let input = match (args.value("--from-xlsx"), given) {
        (Some(workbook), _) => {
            let bytes = std::fs::read(workbook).map_err(|e| format!("{workbook}: {e}"))?;
            let back = tariff_workbook::read(&bytes)
                .map_err(|e| format!("{workbook}: {}", e.render(lang())))?;
            let input = match back.tariff.to_input(&back.currency) {
                Ok(input) => input,
                Err(problems) => {
                    for (path, problem) in problems {
                        let at = back.cell_of(&path).unwrap_or(&path);
                        eprintln!("{workbook}: {at}: {}", problem.render(lang()));
                    }
                    return Ok(ExitCode::from(1));
                }
            };
            if let Some(path) = given {
                let before = mgl_domain::draft::TariffDraft::from_input(&read_tariff_input(path)?);
                print_changes(path, &tariff_workbook::changes(&before, &back.tariff));
            }
            if let Some(out) = args.value("--save-input") {
                let json = serde_json::to_string_pretty(&input).expect("finite numbers");
                std::fs::write(out, json + "\n").map_err(|e| format!("{out}: {e}"))?;
            }
            input
        }
        (None, Some(path)) => read_tariff_input(path)?,
        (None, None) => {
            return Err(say(
                "which input? Usage: {usage}",
                &[("usage", &crate::synopsis("tariff"))],
            ))
        }
    };
    let results = mgl_domain::tariff::calculate(&input)
        .map_err(|e| format!("{source}: {}", e.render(lang())))?;
    if let Some(out) = args.value("--xlsx") {
        let workbook = tariff_workbook::to_xlsx(&input, &results, lang());
        std::fs::write(out, workbook).map_err(|e| format!("{out}: {e}"))?;
    } else if args.flag("--csv") {
        print!("{}", mgl_domain::tariff::schedule_csv(&results));
    } else {
        println!(
            "{}",
            serde_json::to_string_pretty(&results.file(lang())).expect("finite numbers")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The entries a workbook changed against the input at `path`, on standard error (standard
/// output stays the results).
fn print_changes(path: &str, changes: &[mgl_domain::tariff_workbook::Change]) {
    if changes.is_empty() {
        eprintln!(
            "{}",
            say("No entry changed against {path}.", &[("path", path)])
        );
        return;
    }
    let n = changes.len() as u64;
    eprintln!(
        "{}",
        counted(
            "{n} entry changed against {path}:",
            "{n} entries changed against {path}:",
            n
        )
        .with("path", path.to_owned())
        .render(lang())
    );
    for change in changes {
        eprintln!("  {}", change.text().render(lang()));
    }
}

pub fn print(args: &Args) -> Result<ExitCode, String> {
    let declaration = args.flag("--declaration");
    let draft_path = args.operand();
    let text = std::fs::read_to_string(draft_path).map_err(|e| format!("{draft_path}: {e}"))?;
    let draft = Draft::from_json(&text).map_err(|e| format!("{draft_path}: {e}"))?;
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
        let report = validate(
            &draft,
            &profile,
            args.date("--today").unwrap_or_else(today_utc),
        );
        mgl_domain::printout::application_html(&draft, &profile, &report, lang())
    };
    print!("{html}");
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `--out`, or else to standard output.
fn write_out(args: &Args, bytes: &[u8]) -> Result<(), String> {
    match args.value("--out") {
        Some(out) => std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}")),
        None => std::io::Write::write_all(&mut std::io::stdout(), bytes).map_err(|e| e.to_string()),
    }
}

/// The register of `sites` in the format the flags choose (CSV unless told).
fn register_file(args: &Args, sites: &[mgl_domain::Site], profile: &CountryProfile) -> Vec<u8> {
    use mgl_domain::register;
    if args.flag("--xlsx") {
        register::to_xlsx(sites, profile, lang())
    } else if args.flag("--geojson") {
        register::to_geojson(sites, profile).into_bytes()
    } else {
        register::to_csv(sites, profile, lang()).into_bytes()
    }
}

/// `mgl sites template`: the register with no site.
pub fn sites_template(args: &Args) -> Result<ExitCode, String> {
    let profile = match args.value("--profile") {
        Some(_) => profile_of(args, &Draft::default())?,
        None => CountryProfile::default_profile(),
    };
    write_out(args, &register_file(args, &[], &profile))?;
    Ok(ExitCode::SUCCESS)
}

/// `mgl sites export`: the draft's sites as the register.
pub fn sites_export(args: &Args) -> Result<ExitCode, String> {
    let draft = read_draft(args.operand())?;
    let profile = profile_of(args, &draft)?;
    write_out(args, &register_file(args, &draft.sites, &profile))?;
    Ok(ExitCode::SUCCESS)
}

/// `mgl sites import`: sites read from a register file into the draft, with every problem by row
/// and column. Exit 0 when the imported sites have no error, 1 when they have (the draft is
/// written with them, as the app keeps what was typed), 2 when the file cannot be read.
pub fn sites_import(args: &Args) -> Result<ExitCode, String> {
    use mgl_domain::register::{self, Mode};
    let mut draft = read_draft(args.operand())?;
    let profile = profile_of(args, &draft)?;
    let lang = lang();
    let path = args.operand_at(1);
    let out = args.value("--out").unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let sheet = match args.value("--sheet") {
        None => 0,
        Some(n) => n
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .ok_or_else(|| say("--sheet {n}: give the sheet's number, from 1", &[("n", n)]))?,
    };
    let imported = register::read_sheet(&bytes, sheet, &profile)
        .map_err(|e| format!("{path}: {}", e.text().render(lang)))?;
    let problems = register::problems(
        &imported,
        &profile,
        args.date("--today").unwrap_or_else(today_utc),
    );
    let notes: Vec<String> = imported
        .notes(&profile)
        .iter()
        .map(|n| n.render(lang))
        .collect();
    let errors = problems
        .iter()
        .filter(|p| p.problem.severity == Severity::Error)
        .count();
    let count = imported.sites.len();
    let mode = if args.flag("--replace") {
        Mode::Replace
    } else {
        Mode::Append
    };
    if args.flag("--json") {
        let listed: Vec<_> = problems
            .iter()
            .map(|p| {
                json!({
                    "row": p.row,
                    "column": p.key,
                    "label": p.problem.label_in(lang),
                    "severity": p.problem.severity,
                    "message": p.problem.message.render(lang),
                    "text": p.render(lang),
                })
            })
            .collect();
        let said = json!({
            "file": path,
            "sites": count,
            "mode": if mode == Mode::Replace { "replace" } else { "append" },
            "errors": errors,
            "problems": listed,
            "notes": notes,
            "out": out,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&said).unwrap_or_default()
        );
    } else {
        for note in &notes {
            eprintln!("{note}");
        }
        for problem in &problems {
            println!("{}", problem.render(lang));
        }
    }
    register::apply(&mut draft, imported, mode);
    std::fs::write(out, draft.to_json()).map_err(|e| format!("{out}: {e}"))?;
    let done = match mode {
        Mode::Append => counted("{n} site added", "{n} sites added", count as u64),
        Mode::Replace => counted(
            "{n} site instead of the draft's",
            "{n} sites instead of the draft's",
            count as u64,
        ),
    };
    if !args.flag("--json") {
        eprintln!("{}: {}", out, Arg::from(done).render(lang));
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
