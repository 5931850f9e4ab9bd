//! The domain of a mini-grid licence application under the "Regulations for Mini-Grids" template:
//! the draft as typed, one definition per answer of Appendix I, validation into a report of every
//! problem, the licence decision, and the country profile. No browser types: everything here compiles
//! and is tested natively, and the web app, the printout and the `mgl` tool all ask this crate.

pub mod attachments;
pub mod bundle;
pub mod checklist;
pub mod date;
pub mod draft;
pub mod drawing;
pub mod fields;
pub mod filetype;
pub mod format;
pub use mgl_bag::hash;
pub mod i18n;
pub mod layout;
pub mod licence;
pub mod message;
pub mod outline;
pub mod parse;
pub mod po;
pub mod portfolio;
pub mod printout;
pub mod profile;
pub mod register;
pub mod summary;
pub mod tariff;
pub mod tariff_draft;
pub mod tariff_workbook;
pub mod validate;
pub mod xlsx;

pub use date::Date;
pub use draft::{Draft, Site};
pub use fields::Step;
pub use i18n::{tr, Lang};
pub use licence::{decide, Decision, LicenceKind, Outcome};
pub use message::{Message, Severity};
pub use profile::CountryProfile;
pub use validate::{validate, Problem, Report};
