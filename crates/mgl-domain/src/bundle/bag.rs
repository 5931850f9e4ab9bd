//! The application's BagIt tag files: what `bag-info.txt` says of it. The BagIt mechanics (names,
//! manifests, labels) are `mgl_bag::bagit`'s, re-exported here.

pub use mgl_bag::bagit::*;

/// What `bag-info.txt` says about the application.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BagInfo {
    pub organisation: String,
    pub contact_name: String,
    pub contact_email: String,
    pub application_id: String,
    pub bagging_date: String,
    pub software_agent: String,
    pub profile_name: String,
    pub profile_version: u32,
    /// `None` when complete; otherwise what is missing, in one line.
    pub incomplete: Option<String>,
    /// The language of the documents the app writes (`application.html`, `checklist.json`).
    pub language: crate::Lang,
}

/// A value on one line: line breaks would start a new label (RFC 8493 2.2.2).
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl BagInfo {
    pub fn to_text(&self, payload: &[Digest]) -> String {
        let bytes: u64 = payload.iter().map(|d| d.size).sum();
        let mut lines = vec![
            ("Source-Organization", one_line(&self.organisation)),
            ("Contact-Name", one_line(&self.contact_name)),
            ("Contact-Email", one_line(&self.contact_email)),
            ("External-Identifier", one_line(&self.application_id)),
            ("Bagging-Date", self.bagging_date.clone()),
            ("Payload-Oxum", format!("{bytes}.{}", payload.len())),
            ("Bag-Software-Agent", one_line(&self.software_agent)),
            ("Bundle-Format-Version", super::FORMAT_VERSION.to_owned()),
            ("Country-Profile", one_line(&self.profile_name)),
            ("Country-Profile-Version", self.profile_version.to_string()),
            ("Application-Language", self.language.code().to_owned()),
            (
                "Application-Complete",
                if self.incomplete.is_some() {
                    "no"
                } else {
                    "yes"
                }
                .to_owned(),
            ),
        ];
        if let Some(why) = &self.incomplete {
            lines.push(("Application-Incomplete-Reason", one_line(why)));
        }
        lines
            .into_iter()
            .map(|(label, value)| format!("{label}: {value}\n"))
            .collect()
    }
}

/// The four tag files, in the zip's order, from the payload's digests (in path order).
pub fn tag_files(info: &BagInfo, payload: &[Digest]) -> Vec<(String, Vec<u8>)> {
    mgl_bag::bagit::tag_files(info.to_text(payload), payload)
}
