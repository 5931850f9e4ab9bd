//! The whole application as one self-contained HTML page, in the order of Appendix I: readable and
//! printable without the app (it will also be the bundle's `application.html`). Labels, choices and
//! sections come from the field tables; every typed text is escaped.

use crate::attachments::{self, filled_by_app};
use crate::checklist::{checklist, Need};
use crate::draft::{Draft, YES};
use crate::fields::{self, site_total, Field, Kind, Step, DRAFT_FIELDS, EXISTING_LICENCE_FIELDS};
use crate::format::{fill, format_number_in, format_size};
use crate::i18n::{tr, Lang};
use crate::layout::{SitePart, SITE_FORM};
use crate::licence::decide;
use crate::message::counted;
use crate::profile::CountryProfile;
use crate::validate::Report;

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An answer as it should read on paper: the chosen option's words, "Yes" for a ticked box, and a
/// dash for nothing.
fn shown<T>(field: &Field<T>, value: &T, lang: Lang) -> String {
    let text = (field.get)(value).trim();
    let words = match field.kind {
        Kind::Choice(options) => options
            .iter()
            .find(|o| o.code == text)
            .map(|o| tr(lang, o.label).to_owned()),
        Kind::Checkbox => Some(tr(lang, if text == YES { "Yes" } else { "No" }).to_owned()),
        _ => None,
    };
    let words = words.unwrap_or_else(|| text.to_owned());
    if words.is_empty() {
        "—".to_owned()
    } else {
        esc(&words)
    }
}

fn unit<T>(field: &Field<T>, profile: &CountryProfile) -> String {
    match field.kind {
        Kind::Quantity { unit, .. } => format!(" {unit}"),
        Kind::Money => format!(" {}", esc(&profile.currency)),
        _ => String::new(),
    }
}

fn rows<T>(
    fields: impl Iterator<Item = &'static Field<T>>,
    value: &T,
    profile: &CountryProfile,
    lang: Lang,
) -> String
where
    T: 'static,
{
    let mut html = String::new();
    for f in fields.filter(|f| f.applies_to(value)) {
        let answer = shown(f, value, lang);
        let unit = if answer == "—" {
            String::new()
        } else {
            unit(f, profile)
        };
        html += &format!(
            "<tr><th>{}</th><td>{answer}{unit}</td></tr>",
            esc(tr(lang, f.label))
        );
    }
    html
}

fn table(rows: &str) -> String {
    format!("<table class=\"answers\">{rows}</table>")
}

const STYLE: &str = "body{font:11pt/1.4 Georgia,'Times New Roman',serif;max-width:48em;margin:2em auto;color:#000}\
h1{font-size:15pt;text-align:center}h2{font-size:12.5pt;border-bottom:1px solid #000;margin-top:1.6em}h3{font-size:11.5pt}\
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #888;padding:3px 6px;text-align:left;vertical-align:top}\
table.answers th{width:45%;font-weight:normal;background:#f3f3f3}.note{border:1px solid #000;padding:.5em}.ink{height:2.2em;border-bottom:1px solid #000}\
.sig{display:grid;grid-template-columns:1fr 1fr;gap:2em}.meta{text-align:center;color:#333}code{font-size:9pt;word-break:break-all}\
.problems{border:2px solid #000;padding:.5em}@media print{body{margin:0;max-width:none}h2{break-after:avoid}.site,.declaration{break-before:page}}";

/// The printable application.
pub fn application_html(
    draft: &Draft,
    profile: &CountryProfile,
    report: &Report,
    lang: Lang,
) -> String {
    let t = |msgid| tr(lang, msgid);
    let section = |step: Step| fields::fields_of(DRAFT_FIELDS, step);
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} – {}</title><style>{STYLE}</style></head><body>",
        lang.code(),
        esc(t("Application for a Mini-Grid Licence")),
        esc(draft.title())
    );
    h += &format!(
        "<h1>{}</h1>",
        esc(t("APPENDIX I – APPLICATION FORM FOR MINI-GRID LICENCE"))
    );
    h += &format!(
        "<p class=\"meta\">{} · {} · {} <code>{}</code></p>",
        esc(&profile.authority),
        esc(&profile.country_name),
        esc(t("Application")),
        esc(&draft.application_id(profile))
    );
    let errors: Vec<_> = report.errors().collect();
    if !errors.is_empty() {
        h += &format!(
            "<div class=\"problems\"><strong>{}</strong><ul>",
            esc(&counted(
                "This application is not complete: {n} answer to complete or correct.",
                "This application is not complete: {n} answers to complete or correct.",
                errors.len() as u64
            )
            .render(lang))
        );
        for p in errors {
            h += &format!(
                "<li><code>{}</code> {}: {}</li>",
                esc(&p.path),
                esc(p.label_in(lang)),
                esc(&p.message.render(lang))
            );
        }
        h += "</ul></div>";
    }
    let officer = draft.applicant.principal_officer.trim();
    h += &format!(
        "<p>{}</p>",
        esc(&fill(
            t("In compliance with the General Regulations for Mini-Grids, I am herewith certifying that I, {officer}, hereby apply for a Licence pursuant to Section 4 of the General Regulations for Mini-Grids."),
            &[("officer", if officer.is_empty() { "—" } else { officer })]
        ))
    );
    h += &format!(
        "<h2>1. {}</h2>{}",
        esc(t(Step::Applicant.title()).to_uppercase().as_str()),
        table(&rows(
            section(Step::Applicant).filter(|f| f.key != "applicant.principal_officer"),
            draft,
            profile,
            lang
        ))
    );
    h += &format!(
        "<h2>2. {}</h2>{}",
        esc(&t(Step::LegalStatus.title()).to_uppercase()),
        table(&rows(section(Step::LegalStatus), draft, profile, lang))
    );
    h += &format!(
        "<h2>3. {}</h2>{}",
        esc(&t(Step::Nature.title()).to_uppercase()),
        table(&rows(
            section(Step::Nature)
                .filter(|f| f.key != "nature.ever_refused" && f.key != "nature.refusal_details"),
            draft,
            profile,
            lang
        ))
    );
    if draft.nature.has_existing_licences == YES {
        h += "<table><tr>";
        for f in EXISTING_LICENCE_FIELDS {
            h += &format!("<th>{}</th>", esc(t(f.label)));
        }
        h += "</tr>";
        for licence in &draft.nature.existing_licences {
            h += "<tr>";
            for f in EXISTING_LICENCE_FIELDS {
                h += &format!("<td>{}</td>", shown(f, licence, lang));
            }
            h += "</tr>";
        }
        h += "</table>";
    }
    h += &table(&rows(
        section(Step::Nature)
            .filter(|f| f.key == "nature.ever_refused" || f.key == "nature.refusal_details"),
        draft,
        profile,
        lang,
    ));
    h += &format!(
        "<h2>4. {}</h2>{}",
        esc(&t(Step::Business.title()).to_uppercase()),
        table(&rows(section(Step::Business), draft, profile, lang))
    );
    h += &format!(
        "<h2>5. {}</h2>{}",
        esc(&t(Step::Project.title()).to_uppercase()),
        table(&rows(section(Step::Project), draft, profile, lang))
    );
    let decision = decide(draft, profile);
    h += &format!(
        "<p><strong>{}:</strong> {}</p><ul>",
        esc(t("Type of licence")),
        esc(&decision.summary.render(lang))
    );
    for line in decision.reasons.iter().chain(&decision.consequences) {
        h += &format!("<li>{}</li>", esc(&line.render(lang)));
    }
    h += "</ul>";
    for (i, site) in draft.sites.iter().enumerate() {
        let name = site.display_name(i).render(lang);
        h += &format!(
            "<div class=\"site\"><h3>{} {}: {} <code>{}</code></h3>",
            esc(t("Site")),
            i + 1,
            esc(&name),
            esc(&site.id)
        );
        let mut location = String::new();
        for (level, level_name) in profile.admin_levels.iter().enumerate() {
            let value = site
                .location
                .get(level)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .unwrap_or("—");
            location += &format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(level_name),
                esc(value)
            );
        }
        let by_keys = |keys: &[&str]| {
            rows(
                keys.iter().filter_map(|k| fields::site_field(k)),
                site,
                profile,
                lang,
            )
        };
        // The groups of the site form, in its order (`layout::SITE_FORM`), each as a table.
        for group in SITE_FORM {
            let mut body = String::new();
            for part in group.parts {
                body += &match part {
                    SitePart::Answers(keys) => by_keys(keys),
                    SitePart::Location => location.clone(),
                    SitePart::Heading(heading) => {
                        format!("<tr><th colspan=\"2\">{}</th></tr>", esc(t(heading)))
                    }
                    SitePart::Note(_) => String::new(),
                    SitePart::Total(total) => format!(
                        "<tr><th><strong>{}</strong></th><td><strong>{} {}</strong></td></tr>",
                        esc(t("Total")),
                        format_number_in(site_total(site, total.keys), lang),
                        esc(t(total.unit))
                    ),
                };
            }
            h += &format!(
                "<p><strong>{}</strong></p>{}",
                esc(t(group.title)),
                table(&body)
            );
        }
        h += "</div>";
    }
    h += &format!(
        "<h2>5.5 {}</h2>{}",
        esc(&t(Step::Funding.title()).to_uppercase()),
        table(&rows(section(Step::Funding), draft, profile, lang))
    );

    h += &format!(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(t("DOCUMENTS (SECTION 4.1)")),
        esc(t("Document")),
        esc(t("For")),
        esc(t("Status")),
        esc(t("Files (SHA-256)"))
    );
    for item in checklist(draft, lang)
        .into_iter()
        .filter(|i| i.need != Need::NotApplicable)
    {
        let scope = match &item.site_id {
            None => t("Company").to_owned(),
            Some(id) => draft
                .sites
                .iter()
                .find(|s| &s.id == id)
                .map_or(id.clone(), |s| s.name.clone()),
        };
        let files = attachments::attached(draft, item.requirement.code, item.site_id.as_deref());
        let status = if !files.is_empty() || filled_by_app(draft, item.requirement.code) {
            t("Attached")
        } else {
            match item.need {
                Need::Required => t("Missing"),
                Need::OnRequest => t("On request"),
                _ => t("To decide"),
            }
        };
        let mut listed: Vec<String> = files
            .iter()
            .map(|f| {
                format!(
                    "{} ({})<br><code>{}</code>",
                    esc(&f.name),
                    format_size(f.size, lang),
                    esc(&f.sha256)
                )
            })
            .collect();
        if filled_by_app(draft, item.requirement.code) {
            listed.push(esc(t(
                "The app's tariff calculation (tariff/inputs.json, results.json, schedule.csv)",
            )));
        }
        h += &format!(
            "<tr><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(t(item.requirement.title)),
            esc(crate::i18n::translation(lang, item.requirement.section)
                .unwrap_or(item.requirement.section)),
            esc(&scope),
            esc(status),
            listed.join("<br>")
        );
    }
    h += "</table>";

    h += &format!(
        "<div class=\"declaration\">{}</div></body></html>",
        declaration_html(draft, profile, None, lang)
    );
    h
}

/// Appendix I section 6 on its own page, to be signed, sealed and sworn in ink. `key_fingerprint`
/// is printed when the application is signed with a key (the sworn paper then vouches for the key).
pub fn declaration_html(
    draft: &Draft,
    profile: &CountryProfile,
    key_fingerprint: Option<&str>,
    lang: Lang,
) -> String {
    let t = |msgid| tr(lang, msgid);
    let date = crate::Date::parse_iso(&draft.declaration.date)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "____________".into());
    let name = |s: &str| {
        if s.trim().is_empty() {
            "______________________".to_owned()
        } else {
            esc(s.trim())
        }
    };
    let mut h = format!("<h2>6. {}</h2>", esc(t("DECLARATION BY THE APPLICANT")));
    h += &format!(
        "<p>{}</p>",
        esc(&fill(
            t("The project is not unlawful or contrary to the interest of the {country}."),
            &[("country", &profile.country_name)]
        ))
    );
    h += &format!("<p>{}</p>", esc(t("I/we hereby declare that the details stated above are, to the best of my/our knowledge, true and correct.")));
    h += &format!("<p>{} {date}</p>", esc(t("Dated:")));
    h += &format!(
        "<p>{} <strong>{}</strong> {}</p>",
        esc(t("THE COMMON SEAL OF THE WITHIN NAMED APPLICANT")),
        esc(draft.title()),
        esc(t("has hereunto been affixed in the presence of:"))
    );
    h += "<div class=\"sig\">";
    for signatory in [
        &draft.declaration.signatory_1,
        &draft.declaration.signatory_2,
    ] {
        h += &format!(
            "<div><div class=\"ink\"></div>{}<br>{} {}</div>",
            esc(t("Sign")),
            esc(t("Name:")),
            name(signatory)
        );
    }
    h += "</div>";
    h += &format!(
        "<p style=\"margin-top:2em\">{} ______ {} ____________ 20____ {} ____________________</p>",
        esc(t("Sworn to this")),
        esc(t("day of")),
        esc(t("at"))
    );
    h += &format!(
        "<p>{}</p><div class=\"ink\"></div><p>{}</p>",
        esc(t("BEFORE ME")),
        esc(t("NOTARY PUBLIC/COMMISSIONER OF OATH"))
    );
    h += &format!(
        "<p class=\"note\">{} <code>{}</code>",
        esc(t("Application")),
        esc(&draft.application_id(profile))
    );
    if let Some(fingerprint) = key_fingerprint {
        h += &format!(
            "<br>{} <code>{}</code>",
            esc(t("Signing key fingerprint:")),
            esc(fingerprint)
        );
    }
    h += "</p>";
    h
}

/// The declaration page alone, as a printable HTML document.
pub fn declaration_page(
    draft: &Draft,
    profile: &CountryProfile,
    key_fingerprint: Option<&str>,
    lang: Lang,
) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>{}</body></html>",
        lang.code(),
        esc(tr(lang, "Declaration by the applicant")),
        declaration_html(draft, profile, key_fingerprint, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Draft {
        Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap()
    }

    #[test]
    fn the_printout_has_every_section_in_the_order_of_appendix_i() {
        let draft = example();
        let profile = CountryProfile::default_profile();
        let report = crate::validate(&draft, &profile, crate::Date::new(2026, 11, 22).unwrap());
        let html = application_html(&draft, &profile, &report, Lang::En);
        let order = [
            "I, Amina Bello, hereby apply",
            "1. PARTICULARS OF APPLICANT",
            "Sunrise Rural Power Ltd",
            "2. LEGAL STATUS",
            "d. Private Limited Liability Company",
            "3. NATURE OF APPLICATION",
            "MG/SL/2023/041",
            "4. MAIN BUSINESS ACTIVITIES",
            "5. DESCRIPTION OF PROJECT",
            "Simplified Licence (Section 3.1)",
            "Site 1: Kuchi",
            "Local Government Area",
            "80 kW",
            "Site 2: Gurmana",
            "5.5 REVENUE AND SOURCES OF FUNDING",
            "DOCUMENTS (SECTION 4.1)",
            "Valid tax clearance certificate",
            "6. DECLARATION BY THE APPLICANT",
            "contrary to the interest of the Federal Republic of Nigeria",
            "NOTARY PUBLIC/COMMISSIONER OF OATH",
        ];
        let mut at = 0;
        for needle in order {
            let found = html[at..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} missing or out of order"));
            at += found;
        }
        assert!(!html.contains("not complete"), "the example is complete");
        let sha = &draft.files[0].sha256;
        assert!(
            html.contains(sha.as_str()),
            "attachments are listed with their hashes"
        );
    }

    #[test]
    fn typed_text_is_escaped_and_problems_are_listed() {
        let mut draft = example();
        draft.applicant.organisation = "<script>alert('x')</script> & Co".into();
        draft.applicant.email = "broken".into();
        let profile = CountryProfile::default_profile();
        let report = crate::validate(&draft, &profile, crate::Date::new(2026, 11, 22).unwrap());
        let html = application_html(&draft, &profile, &report, Lang::En);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        assert!(html.contains("This application is not complete: 1 answer to complete or correct."));
        assert!(html.contains("applicant.email"));
    }

    #[test]
    fn the_declaration_page_leaves_ink_blocks_and_prints_the_key() {
        let draft = example();
        let profile = CountryProfile::default_profile();
        let page = declaration_page(&draft, &profile, None, Lang::En);
        assert!(page.contains("Dated: 2025-10-01"));
        assert!(page.contains("Name: Ibrahim Musa"));
        assert!(page.contains("Application <code>NG-MG-A7K3Q9</code>"));
        let with_key = declaration_html(&draft, &profile, Some("RWQ...fingerprint"), Lang::En);
        assert!(with_key.contains("Signing key fingerprint: <code>RWQ...fingerprint</code>"));
    }
}
