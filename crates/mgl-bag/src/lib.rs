//! The container of the signed submission bundle (docs/bundle-format.md), apart from what it
//! holds: a deterministic zip writer and a checked reader with CRC-32 (`zip`), BagIt's manifests
//! and labels (`bagit`), SHA-256 fed in chunks (`hash`), minisign keys and signatures (`keys`).
//!
//! It knows nothing of the application or of languages: an error is a code with its arguments
//! ([`Error`], its reasons [`Reason`]: a message id and named values), which the caller says in
//! the reader's language (`mgl_domain::bundle::BundleError::render`).

pub mod bagit;
mod error;
pub mod hash;
pub mod keys;
pub mod zip;

pub use error::{reason, Error, Reason};
