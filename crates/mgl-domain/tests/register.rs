//! The site register: the sites to and from CSV, as spreadsheets save it.

mod common;
use common::*;
use mgl_domain::register::{self, RegisterError};
use mgl_domain::Lang;

#[test]
fn the_template_is_the_header_row_of_the_form_s_labels_and_units_in_the_chosen_language() {
    let profile = profile();
    let english = register::to_csv(&[], &profile, Lang::En);
    assert!(
        english.starts_with('\u{feff}'),
        "a byte-order mark, for Excel"
    );
    assert_eq!(english.lines().count(), 1, "only the header row");
    let header = english.trim_start_matches('\u{feff}').trim_end();
    assert!(header.starts_with("Name of the site,Is this mini-grid isolated or interconnected?,State,Local Government Area,"), "{header}");
    assert!(
        header.contains(",Latitude,Longitude,Solar (kWp),Wind (kW),"),
        "{header}"
    );
    assert_eq!(header.split(',').count(), register::columns(&profile).len());
    let french = register::to_csv(&[], &profile, Lang::Fr);
    assert!(french.contains("Nom du site"), "{french}");
}

#[test]
fn exported_sites_read_back_the_same() {
    let draft = example();
    let profile = profile();
    for lang in Lang::ALL {
        let csv = register::to_csv(&draft.sites, &profile, lang);
        let imported = register::from_csv(csv.as_bytes(), &profile).unwrap();
        assert!(
            imported.unknown_columns.is_empty() && imported.missing_columns.is_empty(),
            "{lang:?}: {imported:?}"
        );
        let without_ids: Vec<_> = draft
            .sites
            .iter()
            .cloned()
            .map(|mut s| {
                s.id.clear();
                s
            })
            .collect();
        assert_eq!(imported.sites, without_ids, "{lang:?}");
        assert_eq!(imported.rows, [2, 3]);
    }
}

#[test]
fn a_spreadsheet_s_own_csv_is_read_semicolons_windows_1252_labels_in_any_language_and_order() {
    let profile = profile();
    // As an older French Excel saves it: semicolons, Windows-1252 (é is 0xE9), French labels,
    // columns in another order and of other case, one the register does not know, a blank row.
    let mut file =
        b"longitude; NOM DU SITE ;Latitude;Remarks;Is the Power Plant new?;Overhead\r\n".to_vec();
    file.extend(
        b"6,9;Kour\xe9;9\xb048'36\"N;ours;Oui;x\r\n;;;;;\r\n\"7,1\";\"Gurmana; Nord\";95;;non;\r\n",
    );
    let imported = register::from_csv(&file, &profile).unwrap();
    assert_eq!(imported.unknown_columns, ["Remarks"]);
    assert!(
        imported.missing_columns.contains(&"connection".to_owned()),
        "{:?}",
        imported.missing_columns
    );
    assert_eq!(
        imported.rows,
        [2, 4],
        "the blank row is left out, the rows keep the file's numbers"
    );
    let (first, second) = (&imported.sites[0], &imported.sites[1]);
    assert_eq!(
        (
            first.name.as_str(),
            first.latitude.as_str(),
            first.longitude.as_str()
        ),
        ("Kouré", "9°48'36\"N", "6,9")
    );
    assert_eq!(
        (first.plant_is_new.as_str(), first.lines_overhead.as_str()),
        ("yes", "yes")
    );
    assert_eq!(
        (
            second.name.as_str(),
            second.plant_is_new.as_str(),
            second.lines_overhead.as_str()
        ),
        ("Gurmana; Nord", "no", "")
    );

    // Every problem at its row and column, in the user's words.
    let problems: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::En))
        .collect();
    assert!(
        problems.contains(&"Row 4, Latitude: A latitude is between -90 and 90 degrees.".to_owned()),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("Row 2, Is this mini-grid isolated or interconnected?:")),
        "{problems:#?}"
    );
    let french: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::Fr))
        .collect();
    assert!(
        french.iter().any(|p| p.starts_with("Ligne 4, Latitude : ")),
        "{french:#?}"
    );
}

#[test]
fn a_file_that_is_not_a_register_is_refused_with_the_reason() {
    let profile = profile();
    assert_eq!(register::from_csv(b"", &profile), Err(RegisterError::Empty));
    assert_eq!(
        register::from_csv(b"a,b,c\n1,2,3\n", &profile),
        Err(RegisterError::NoKnownColumn)
    );
    assert_eq!(
        register::from_csv(b"Latitude,Name of the site\n9.8,\"Kuchi\n", &profile),
        Err(RegisterError::UnclosedQuote(2))
    );
    // Hostile bytes: no panic, a plain refusal.
    assert!(register::from_csv(&[0xff, 0xfe, 0x00, 0x22, 0x0a, 0x22], &profile).is_err());
}

/// Crafted files: a real register cut, bytes changed, separators and quotes mixed in. Each either
/// reads or is refused; none panics.
#[test]
fn mutated_registers_read_or_are_refused_never_panic() {
    let profile = profile();
    let good = register::to_csv(&example().sites, &profile, Lang::Fr).into_bytes();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    const TRICKY: &[u8] = b"\"\",;\t\r\n\xe9\xff\xef\xbb\xbf0";
    for _ in 0..400 {
        let mut file = good[..random(good.len() + 1)].to_vec();
        for _ in 0..random(8) {
            if file.is_empty() {
                break;
            }
            let at = random(file.len());
            file[at] = TRICKY[random(TRICKY.len())];
        }
        if let Ok(imported) = register::from_csv(&file, &profile) {
            assert_eq!(imported.sites.len(), imported.rows.len());
            let _ = register::problems(&imported, &profile, today());
        }
    }
}
