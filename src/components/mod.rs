//! One component (or a small family of them) per file.

pub mod declaration;
pub mod documents;
pub mod drafts;
pub mod editor;
pub mod existing_licences;
pub mod field;
pub mod keys;
pub mod licence_panel;
pub mod printing;
pub mod register;
pub mod review;
pub mod save_status;
pub mod site_map;
pub mod sites;
pub mod step_summary;
pub mod stepper;
pub mod tariff;
pub mod tariff_workbook;
pub mod verify;
