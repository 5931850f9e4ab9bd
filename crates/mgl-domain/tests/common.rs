//! Shared by the integration tests: the repository's example draft and helpers.
#![allow(dead_code)]

use mgl_domain::{CountryProfile, Date, Draft, Report};

pub fn example() -> Draft {
    Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap()
}

pub fn profile() -> CountryProfile {
    CountryProfile::default_profile()
}

pub fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

pub fn check(draft: &Draft) -> Report {
    mgl_domain::validate(draft, &profile(), today())
}

/// The paths of the problems of the report, with their rendered messages, for assertion messages.
pub fn paths(report: &Report) -> Vec<String> {
    report
        .problems()
        .map(|p| {
            format!(
                "{} [{:?}]: {}",
                p.path,
                p.severity,
                p.message.render(Default::default())
            )
        })
        .collect()
}

pub fn has(report: &Report, path: &str, needle: &str) -> bool {
    report
        .at_path(path)
        .any(|p| p.message.render(Default::default()).contains(needle))
}

/// The first problem's message at an answer's path, in `lang` (the one the form shows there).
pub fn first_message(report: &Report, path: &str, lang: mgl_domain::Lang) -> String {
    let problem = report.at_path(path).next();
    problem
        .unwrap_or_else(|| panic!("no problem at {path}"))
        .message
        .render(lang)
}
