//! The web app's way to translations: no catalogue compiled in, the PO text installed at run time.
//! Run with `cargo test -p mgl-domain --no-default-features --test runtime_catalogue` (with the
//! default features the compiled-in catalogues answer first, and this file tests nothing).
#![cfg(not(feature = "embedded-catalogues"))]

use mgl_domain::i18n::{catalogue, has_catalogue, install_catalogue, translation};
use mgl_domain::{tr, Lang};

#[test]
fn a_language_shows_once_its_catalogue_is_installed() {
    // Before: English only; a French message id shows as itself.
    assert!(has_catalogue(Lang::En));
    assert!(!has_catalogue(Lang::Fr));
    assert_eq!(tr(Lang::Fr, "Language"), "Language");

    // A malformed catalogue is refused with its line, and installs nothing.
    let error = install_catalogue(Lang::Fr, "msgid \"Language\"\nmsgstr Langue\n").unwrap_err();
    assert!(error.starts_with("line 2:"), "{error}");
    assert!(!has_catalogue(Lang::Fr));

    install_catalogue(Lang::Fr, include_str!("../i18n/fr.po")).unwrap();
    assert!(has_catalogue(Lang::Fr));
    assert_eq!(tr(Lang::Fr, "Language"), "Langue");
    assert_eq!(
        translation(Lang::Fr, "Site"),
        Some("Site"),
        "a message translated to the same word is still found"
    );
    // Every entry of the file, sorted for the binary search; Portuguese untouched.
    let entries = include_str!("../i18n/fr.po").matches("\nmsgid \"").count() - 1;
    assert_eq!(catalogue(Lang::Fr).len(), entries);
    assert!(catalogue(Lang::Fr).windows(2).all(|w| w[0].0 < w[1].0));
    assert!(!has_catalogue(Lang::Pt));
    assert_eq!(tr(Lang::Pt, "Language"), "Language");
}
