//! The bundle: writer, reader and verifier on bundles made from the example application, then
//! every way a bundle can be tampered with or crafted to harm the reader.

mod common;

use common::{example, profile, today};
use mgl_domain::bundle::export::{export, needs_bytes, Options, Part, Prepared, Signer};
use mgl_domain::bundle::keys::{self, PublicKeyInfo};
use mgl_domain::bundle::payload::{plan, Source};
use mgl_domain::bundle::verify::{verify_archive, CheckKind, Verdict};
use mgl_domain::bundle::zip::{self, read_all, ZipWriter, DEFLATED, STORED};
use mgl_domain::bundle::BundleError;
use mgl_domain::hash::sha256_hex;
use mgl_domain::{Draft, Lang};
use std::collections::HashMap;
use std::path::Path;

/// Every file under examples/attachments, by SHA-256.
fn example_files() -> HashMap<String, Vec<u8>> {
    fn walk(dir: &Path, out: &mut HashMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(sha256_hex(&bytes), bytes);
            }
        }
    }
    let mut out = HashMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/attachments"),
        &mut out,
    );
    out
}

/// The example with the app's own tariff calculation filled in.
fn with_tariff(mut draft: Draft) -> Draft {
    let mut tariff = mgl_domain::draft::TariffDraft::prefilled(&draft, Lang::En);
    tariff.wacc = "0.10".into();
    tariff.assets[0].capex = "100 000".into();
    tariff.opex_non_fuel = "5000".into();
    draft.tariff = Some(tariff);
    draft
}

struct Key {
    sk: keys::SecretKey,
    pk: minisign::PublicKey,
}

fn new_key() -> Key {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    Key {
        sk: pair.sk,
        pk: pair.pk,
    }
}

fn pub_file(key: &Key) -> String {
    PublicKeyInfo::of(&key.pk).pub_file
}

/// The bundle's bytes, as the app or `mgl` would write them.
fn bundle(draft: &Draft, signers: &[(&str, &Key)], incomplete: Option<String>) -> Vec<u8> {
    bundle_in(Lang::En, draft, signers, incomplete)
}

/// The same, with the app's documents written in `lang`.
fn bundle_in(
    lang: Lang,
    draft: &Draft,
    signers: &[(&str, &Key)],
    incomplete: Option<String>,
) -> Vec<u8> {
    let files = example_files();
    let profile = profile();
    let mut prepared = HashMap::new();
    for file in plan(draft, &profile, today(), lang) {
        if let Source::Attached(record) = &file.source {
            let bytes = &files[&record.sha256];
            let p = if needs_bytes(&file) {
                Prepared::Bytes(bytes.clone())
            } else {
                Prepared::Crc(zip::crc32(bytes))
            };
            prepared.insert(record.sha256.clone(), p);
        }
    }
    let signers: Vec<Signer> = signers
        .iter()
        .map(|(role, k)| Signer {
            role: role.to_string(),
            secret: k.sk.clone(),
            public: k.pk.clone(),
        })
        .collect();
    let out = export(
        draft,
        &profile,
        &prepared,
        &signers,
        &Options {
            bagging_date: today(),
            signed_at_unix: 1_795_341_600, // 2026-11-22T10:00:00Z
            software_agent: "mgl test",
            incomplete,
            lang,
        },
    )
    .unwrap();
    let mut bytes = Vec::with_capacity(out.size as usize);
    for part in out.parts {
        match part {
            Part::Bytes(b) => bytes.extend_from_slice(&b),
            Part::Attachment(r) => bytes.extend_from_slice(&files[&r.sha256]),
        }
    }
    assert_eq!(bytes.len() as u64, out.size);
    bytes
}

fn check(bytes: &[u8], trusted: Option<&str>) -> Verdict {
    verify_archive(&mut &bytes[..], trusted)
}

fn failed(verdict: &Verdict) -> Vec<String> {
    verdict
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| {
            format!(
                "{}: {}",
                c.title_in(Lang::En),
                c.details_in(Lang::En).join(" | ")
            )
        })
        .collect()
}

/// Rewrites an archive's entries (name, bytes) into a new zip, stored, in the same order.
fn rezip(entries: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut w = ZipWriter::default();
    let mut out = Vec::new();
    for (name, bytes) in entries {
        out.extend(w.add_bytes(&name, &bytes, false).unwrap());
    }
    out.extend(w.finish().unwrap());
    out
}

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    read_all(bytes)
        .unwrap()
        .into_iter()
        .map(|(e, b)| (e.name, b))
        .collect()
}

fn edit(bytes: &[u8], suffix: &str, change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut all = entries(bytes);
    let (_, content) = all
        .iter_mut()
        .find(|(n, _)| n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no entry ending in {suffix}"));
    change(content);
    rezip(all)
}

#[test]
fn a_complete_application_bundles_and_verifies_with_the_signers_key() {
    let applicant = new_key();
    let bytes = bundle(&with_tariff(example()), &[("applicant", &applicant)], None);
    let verdict = check(&bytes, Some(&pub_file(&applicant)));
    assert!(verdict.passed(), "{:#?}", failed(&verdict));
    assert_eq!(verdict.checks.len(), 9, "{:#?}", verdict.checks);
    assert_eq!(verdict.application_id.as_deref(), Some("NG-MG-A7K3Q9"));
    let signer = &verdict.signers[0];
    assert_eq!(signer.0.key_id, PublicKeyInfo::of(&applicant.pk).key_id);
    assert!(signer
        .1
        .starts_with("application:NG-MG-A7K3Q9 role:applicant time:2026-11-22T10:00:00Z"));
    let imported = verdict.draft.unwrap();
    assert_eq!(imported.applicant, example().applicant);
    assert_eq!(verdict.attachments.len(), example().attachments.len());
}

#[test]
fn a_bundle_made_in_french_says_so_and_verifies_in_french() {
    let applicant = new_key();
    let draft = with_tariff(example());
    let bytes = bundle_in(Lang::Fr, &draft, &[("applicant", &applicant)], None);
    let verdict = check(&bytes, Some(&pub_file(&applicant)));
    assert!(verdict.passed(), "{:#?}", failed(&verdict));
    let all = entries(&bytes);
    let text = |suffix: &str| {
        let (_, b) = all.iter().find(|(n, _)| n.ends_with(suffix)).unwrap();
        String::from_utf8(b.clone()).unwrap()
    };
    assert!(text("bag-info.txt").contains("Application-Language: fr\n"));
    let html = text("data/application.html");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
    assert!(html.contains("DÉCLARATION"), "the printout is in French");
    // The same application in English differs only in the documents the app writes.
    let english = entries(&bundle(&draft, &[("applicant", &applicant)], None));
    let differ: Vec<&str> = all
        .iter()
        .zip(&english)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((n, _), _)| n.rsplit_once('/').map_or(n.as_str(), |(_, f)| f))
        .collect();
    assert!(differ.contains(&"application.html") && differ.contains(&"checklist.json"));
    assert!(!differ.contains(&"application.json"), "{differ:?}");

    // An officer reading in Portuguese gets every check and reason in Portuguese.
    let pt = verify_archive(&mut &bytes[..], Some(&pub_file(&applicant)));
    assert!(pt.passed());
    assert_eq!(
        pt.checks[0].title_in(Lang::Pt),
        "O ficheiro zip é seguro de abrir"
    );
    assert!(pt.checks[0].details_in(Lang::Pt)[0]
        .ends_with("ficheiros, nenhum nome perigoso, ligação, bomba ou tamanho falso."));
    assert!(
        pt.checks[2].details_in(Lang::Pt)[0].contains("assinatura válida da chave"),
        "{:?}",
        pt.checks[2]
    );
    let damaged = verify_archive(&mut &bytes[..40], None);
    assert_eq!(
        damaged.checks[0].details_in(Lang::Fr)[0],
        "Ce n'est pas un dossier : aucun répertoire zip n'a été trouvé à sa fin."
    );
}

#[test]
fn the_layout_is_a_bag_in_one_folder_with_attachments_stored_and_text_deflated() {
    let key = new_key();
    let bytes = bundle(&with_tariff(example()), &[("applicant", &key)], None);
    let all = read_all(&bytes).unwrap();
    let names: Vec<&str> = all.iter().map(|(e, _)| e.name.as_str()).collect();
    let folder = "NG-MG-A7K3Q9-2026-11-22/";
    assert!(names.iter().all(|n| n.starts_with(folder)), "{names:?}");
    let key_id = PublicKeyInfo::of(&key.pk).key_id;
    for expected in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "data/application.json",
        "data/application.html",
        "data/checklist.json",
        "data/tariff/inputs.json",
        "data/tariff/results.json",
        "data/tariff/schedule.csv",
        "data/tariff/tariff.xlsx",
        "data/attachments/company/operations-plan/operations-plan.pdf",
        "data/attachments/sites/a7k3q9-s2/right-of-way/right-of-way.pdf",
        &format!("signatures/applicant-{key_id}.minisig"),
        &format!("signatures/applicant-{key_id}.pub"),
    ] {
        assert!(
            names.contains(&format!("{folder}{expected}").as_str()),
            "{expected} in {names:?}"
        );
    }
    assert_eq!(names[0], format!("{folder}bagit.txt"), "tag files first");
    for (entry, content) in &all {
        if entry.name.ends_with(".pdf") {
            assert_eq!(entry.method, STORED, "{}", entry.name);
        }
        if entry.name.ends_with("application.json") {
            assert_eq!(entry.method, DEFLATED);
            assert!(String::from_utf8_lossy(content).contains("\"bundle_format\": \"1.1\""));
        }
    }
    let info = &all
        .iter()
        .find(|(e, _)| e.name.ends_with("bag-info.txt"))
        .unwrap()
        .1;
    let info = String::from_utf8_lossy(info);
    for label in [
        "Source-Organization: ",
        "Contact-Name: ",
        "Contact-Email: ",
        "External-Identifier: NG-MG-A7K3Q9",
        "Bagging-Date: 2026-11-22",
        "Payload-Oxum: ",
        "Bag-Software-Agent: mgl test",
        "Country-Profile: ",
        "Application-Complete: yes",
        "Bundle-Format-Version: 1.1",
    ] {
        assert!(info.contains(label), "{label} in {info}");
    }
}

#[test]
fn an_independent_zip_reader_reads_the_same_files() {
    let key = new_key();
    let bytes = bundle(&example(), &[("applicant", &key)], None);
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let ours = read_all(&bytes).unwrap();
    assert_eq!(archive.len(), ours.len());
    for (entry, content) in ours {
        let mut file = archive.by_name(&entry.name).unwrap();
        let mut theirs = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut theirs).unwrap();
        assert_eq!(theirs, content, "{}", entry.name);
    }
}

#[test]
fn the_same_draft_gives_the_same_payload_bytes_and_a_reimport_changes_nothing() {
    let key = new_key();
    let first = bundle(&with_tariff(example()), &[("applicant", &key)], None);
    // Imported on another device: a new local id and times, the application id kept.
    let verdict = check(&first, None);
    let mut imported = verdict.draft.unwrap();
    imported.id = "zz9".into();
    imported.created_ms = 5.0;
    imported.updated_ms = 6.0;
    let second = bundle(&imported, &[("applicant", &new_key())], None);
    let payload = |bytes: &[u8]| -> Vec<(String, Vec<u8>)> {
        entries(bytes)
            .into_iter()
            .filter(|(n, _)| n.contains("/data/") || n.ends_with("manifest-sha256.txt"))
            .collect()
    };
    let (a, b) = (payload(&first), payload(&second));
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
}

#[test]
fn several_signers_each_sign_the_tag_manifest() {
    let (applicant, ngo) = (new_key(), new_key());
    let bytes = bundle(
        &example(),
        &[("applicant", &applicant), ("ngo", &ngo)],
        None,
    );
    let verdict = check(&bytes, Some(&pub_file(&ngo)));
    assert!(verdict.passed(), "{:#?}", failed(&verdict));
    assert_eq!(verdict.signers.len(), 2);
}

#[test]
fn an_incomplete_application_is_marked_so_and_fails_verification() {
    let mut draft = example();
    draft.applicant.email.clear();
    draft
        .attachments
        .retain(|a| a.requirement != "operations-plan");
    let key = new_key();
    let bytes = bundle(
        &draft,
        &[("applicant", &key)],
        Some("1 answer and 1 document missing".into()),
    );
    let info = entries(&bytes)
        .into_iter()
        .find(|(n, _)| n.ends_with("bag-info.txt"))
        .unwrap()
        .1;
    let info = String::from_utf8(info).unwrap();
    assert!(info.contains("Application-Complete: no\nApplication-Incomplete-Reason: 1 answer and 1 document missing\n"));
    let verdict = check(&bytes, Some(&pub_file(&key)));
    let failed = failed(&verdict);
    assert_eq!(failed.len(), 2, "{failed:#?}");
    assert!(
        failed[0].contains("exported it as incomplete") && failed[0].contains("E-mail"),
        "{failed:#?}"
    );
    assert!(
        failed[1].contains("Missing: Operations and Management plan"),
        "{failed:#?}"
    );
    // Only content failed: the bundle is intact, and can be imported to be finished.
    assert!(verdict.intact());
    let kinds: Vec<CheckKind> = verdict.checks.iter().map(|c| c.kind).collect();
    use CheckKind::{Content, Integrity};
    assert_eq!(
        kinds,
        [
            Integrity, Integrity, Integrity, Integrity, Integrity, Content, Content, Content,
            Content
        ]
    );
    // Intact is said by each check's kind, not by where it stands in the list.
    let mut reordered = verdict.clone();
    reordered.checks.reverse();
    assert!(reordered.intact());
    let mut broken = reordered.clone();
    let signature = broken
        .checks
        .iter_mut()
        .find(|c| c.title_in(Lang::En) == "The tag manifest is signed")
        .unwrap();
    signature.passed = false;
    assert!(!broken.intact());
}

#[test]
fn every_tampering_is_caught_by_the_check_it_breaks() {
    let key = new_key();
    let pub_key = pub_file(&key);
    let good = bundle(&with_tariff(example()), &[("applicant", &key)], None);
    let fails = |bytes: &[u8], check: &str| {
        let verdict = check_failures(bytes, &pub_key);
        assert!(
            verdict.iter().any(|f| f.starts_with(check)),
            "expected '{check}' to fail, got {verdict:#?}"
        );
    };
    fn check_failures(bytes: &[u8], key: &str) -> Vec<String> {
        failed(&check(bytes, Some(key)))
    }
    // A changed byte in an attachment.
    fails(
        &edit(&good, "land-title.pdf", |c| c[20] ^= 1),
        "Every payload file is present, unchanged",
    );
    // A changed application with its manifest line updated: the tag manifest no longer matches.
    let changed = {
        let mut all = entries(&good);
        let app = all
            .iter_mut()
            .find(|(n, _)| n.ends_with("application.json"))
            .unwrap();
        let old = sha256_hex(&app.1);
        app.1 = String::from_utf8(app.1.clone())
            .unwrap()
            .replace("Sunrise", "Sunset")
            .into_bytes();
        let new = sha256_hex(&app.1);
        let manifest = all
            .iter_mut()
            .find(|(n, _)| n.ends_with("/manifest-sha256.txt"))
            .unwrap();
        manifest.1 = String::from_utf8(manifest.1.clone())
            .unwrap()
            .replace(&old, &new)
            .into_bytes();
        all
    };
    fails(&rezip(changed.clone()), "The tag manifest matches");
    // ... and with the tag manifest updated too, the signature breaks.
    let mut resealed = changed;
    let manifest_hash = sha256_hex(
        &resealed
            .iter()
            .find(|(n, _)| n.ends_with("/manifest-sha256.txt"))
            .unwrap()
            .1,
    );
    let tags = resealed
        .iter_mut()
        .find(|(n, _)| n.ends_with("tagmanifest-sha256.txt"))
        .unwrap();
    let text = String::from_utf8(tags.1.clone()).unwrap();
    tags.1 = text
        .lines()
        .map(|l| {
            if l.ends_with(" manifest-sha256.txt") {
                format!("{manifest_hash}  manifest-sha256.txt\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>()
        .into_bytes();
    fails(&rezip(resealed), "The tag manifest is signed");
    // A missing file and an extra file.
    let mut missing = entries(&good);
    missing.retain(|(n, _)| !n.ends_with("right-of-way.pdf"));
    fails(&rezip(missing), "Every payload file is present");
    let mut extra = entries(&good);
    extra.push((
        "NG-MG-A7K3Q9-2026-11-22/data/attachments/extra.pdf".into(),
        b"%PDF-1.4".to_vec(),
    ));
    fails(&rezip(extra), "Every payload file is present");
    // Signed by another key than the one the officer trusts.
    let other = bundle(&example(), &[("applicant", &new_key())], None);
    fails(&other, "The tag manifest is signed");
    assert!(!check(&other, Some(&pub_key)).intact());
    // No signature at all.
    let mut unsigned = entries(&good);
    unsigned.retain(|(n, _)| !n.contains("/signatures/"));
    fails(&rezip(unsigned), "The tag manifest is signed");
    // Stated tariff results that the inputs do not give.
    fails(
        &edit(&good, "tariff/results.json", |c| {
            let text =
                String::from_utf8(c.clone())
                    .unwrap()
                    .replacen("\"year\": 1", "\"year\": 1 ", 1);
            *c = text.into_bytes();
        }),
        "The tariff recomputes",
    );
    // A tariff workbook whose WACC is not the inputs' (its manifests left as they were: the
    // payload check fails too, and the workbook's own check says which entry differs).
    let wacc_changed = edit(&good, "tariff/tariff.xlsx", |c| {
        // The workbook's own zip (its "[Content_Types].xml" is no name a bag may hold).
        use std::io::{Read, Write};
        let mut book = ::zip::ZipArchive::new(std::io::Cursor::new(c.clone())).unwrap();
        let mut out = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..book.len() {
            let mut part = book.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut xml = String::new();
            part.read_to_string(&mut xml).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                let at = xml.find("<c r=\"B3\"").unwrap();
                let v = at + xml[at..].find("<v>").unwrap() + 3;
                let end = v + xml[v..].find("</v>").unwrap();
                xml = format!("{}0.2{}", &xml[..v], &xml[end..]);
            }
            out.start_file(name, ::zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(xml.as_bytes()).unwrap();
        }
        *c = out.finish().unwrap().into_inner();
    });
    fails(
        &wacc_changed,
        "The tariff workbook holds the tariff's inputs",
    );
    let said = failed(&check(&wacc_changed, Some(&pub_key))).join("\n");
    assert!(
        said.contains("WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %): 0.1 → 0.2"),
        "{said}"
    );
    // No workbook in a bundle of format 1.1.
    let mut no_workbook = entries(&good);
    no_workbook.retain(|(n, _)| !n.ends_with("tariff.xlsx"));
    fails(&rezip(no_workbook), "The tariff workbook holds");
}

/// A bundle of format 1.0 (before the tariff workbook), made by the code of then and kept as it
/// was: it verifies now, every check passing, its missing workbook said to be of its format.
#[test]
fn a_bundle_of_format_1_0_still_verifies() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bytes = std::fs::read(fixtures.join("bundle-1.0.zip")).unwrap();
    let key = std::fs::read_to_string(fixtures.join("bundle-1.0.pub")).unwrap();
    let verdict = check(&bytes, Some(&key));
    assert!(verdict.passed(), "{:#?}", failed(&verdict));
    let workbook = verdict
        .checks
        .iter()
        .find(|c| c.title_in(Lang::En) == "The tariff workbook holds the tariff's inputs")
        .unwrap();
    assert_eq!(
        workbook.details_in(Lang::En),
        ["Bundles of format 1.0 hold no tariff workbook."]
    );
    let tariff = verdict
        .checks
        .iter()
        .find(|c| c.title_in(Lang::En) == "The tariff recomputes to the stated results")
        .unwrap();
    assert!(tariff.details_in(Lang::En)[0].contains("exactly what the application's inputs give"));
}

/// Replaces every occurrence of `from` by `to` (same length) in the raw archive bytes.
fn patch(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut n = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            n += 1;
        }
        i += 1;
    }
    assert!(n > 0, "nothing to patch");
    out
}

fn small_zip(names: &[&str]) -> Vec<u8> {
    rezip(
        names
            .iter()
            .map(|n| (n.to_string(), b"hello".to_vec()))
            .collect(),
    )
}

fn refused(bytes: &[u8]) -> String {
    let verdict = check(bytes, None);
    assert!(!verdict.passed());
    assert_eq!(
        verdict.checks.len(),
        1,
        "refused before reading the bag: {:#?}",
        verdict.checks
    );
    assert_eq!(
        verdict.checks[0].title_in(Lang::En),
        "The zip file is safe to open"
    );
    verdict.checks[0].details_in(Lang::En).join(" ")
}

#[test]
fn hostile_archives_are_refused_with_a_clear_message() {
    let dotdot = patch(&small_zip(&["b/xx/evil.txt"]), b"b/xx/", b"b/../");
    assert!(refused(&dotdot).contains("climbs out of its folder"));
    let absolute = patch(&small_zip(&["xb/evil.txt"]), b"xb/evil", b"/b/evil");
    assert!(refused(&absolute).contains("absolute path"));
    let backslash = patch(&small_zip(&["b/x/evil.txt"]), b"b/x/", b"b\\x/");
    assert!(refused(&backslash).contains("backslash"));
    assert!(refused(&small_zip(&["b/a.txt", "b/A.txt"])).contains("two files with the same name"));
    assert!(refused(&small_zip(&["b/a.txt", "b/a.txt"])).contains("two files with the same name"));
    // "é" precomposed vs "e" + combining accent: both outside the name alphabet.
    let nfc = patch(&small_zip(&["b/cafXX.txt"]), b"XX", "\u{e9}".as_bytes());
    assert!(refused(&nfc).contains("outside the format's letters"));
    let nfd = patch(&small_zip(&["b/cafXXX.txt"]), b"XXX", "e\u{301}".as_bytes());
    assert!(refused(&nfd).contains("outside the format's letters"));

    // A symbolic link: Unix file type 0o120000 in the external attributes.
    let link = patch(
        &small_zip(&["b/link.txt"]),
        &(0o100_644u32 << 16).to_le_bytes(),
        &(0o120_777u32 << 16).to_le_bytes(),
    );
    assert!(refused(&link).contains("a link"));

    // More entries than the bound (the count in the end record).
    let many = small_zip(&["b/a.txt"]);
    let mut patched = many.clone();
    let end = patched.len() - 22;
    patched[end + 8..end + 10].copy_from_slice(&60_000u16.to_le_bytes());
    patched[end + 10..end + 12].copy_from_slice(&60_000u16.to_le_bytes());
    assert!(refused(&patched).contains("60000 files"));

    // A deflated entry whose recorded size lies.
    let mut w = ZipWriter::default();
    let mut lying = w
        .add_bytes("b/text.txt", &b"abc ".repeat(1000), true)
        .unwrap();
    lying.extend(w.finish().unwrap());
    let cd = lying.len() - 22 - 46 - "b/text.txt".len();
    let real = u32::from_le_bytes(lying[cd + 24..cd + 28].try_into().unwrap());
    lying[cd + 24..cd + 28].copy_from_slice(&(real - 1).to_le_bytes());
    assert!(
        refused(&lying).contains("not its real size"),
        "{}",
        refused(&lying)
    );

    // A zip bomb: 20 MB of zeros deflate to about 20 KB.
    let mut w = ZipWriter::default();
    let mut bomb = w
        .add_bytes("b/zeros.txt", &vec![0u8; 20_000_000], true)
        .unwrap();
    bomb.extend(w.finish().unwrap());
    assert!(refused(&bomb).contains("zip bomb"));

    // Not a zip, empty, cut short.
    assert!(refused(b"").contains("too short"));
    assert!(refused(&[7u8; 5000]).contains("not a bundle"));
    let key = new_key();
    let good = bundle(&example(), &[("applicant", &key)], None);
    // Cut inside its directory, or its first half lost: refused before any file is read.
    assert!(refused(&good[..good.len() - 30]).contains("not a bundle"));
    assert!(
        refused(&good[good.len() / 2..]).contains("directory"),
        "{}",
        refused(&good[good.len() / 2..])
    );
}

/// A tiny deterministic generator, so that the fuzz run is the same on every machine.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mutation fuzzing of the reader and verifier: random byte flips, overwrites with boundary
/// values, truncations and splices of a real bundle. None may panic; none may pass unless the
/// mutation left the bag's bytes intact. `MGL_FUZZ_RUNS` sets the number of runs (default 3000).
#[test]
fn the_reader_survives_mutated_bundles() {
    let key = new_key();
    let pub_key = pub_file(&key);
    let mut draft = example();
    draft.attachments.truncate(3);
    let good = bundle(&draft, &[("applicant", &key)], None);
    let runs: usize = std::env::var("MGL_FUZZ_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut refused = 0;
    for _ in 0..runs {
        let mut bytes = good.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(5) {
                0 => bytes[at] ^= 1 << rng.below(8),
                1 => bytes[at] = [0, 0xFF, 0x7F, 0x80][rng.below(4)],
                2 => {
                    let v = [0u32, u32::MAX, 0x7FFF_FFFF, 1 << 31][rng.below(4)];
                    let end = (at + 4).min(bytes.len());
                    bytes[at..end].copy_from_slice(&v.to_le_bytes()[..end - at]);
                }
                3 => bytes.truncate(at),
                _ => {
                    let from = rng.below(bytes.len());
                    let len = rng.below(64).min(bytes.len() - from).min(bytes.len() - at);
                    let piece = bytes[from..from + len].to_vec();
                    bytes[at..at + len].copy_from_slice(&piece);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        let verdict = check(&bytes, Some(&pub_key));
        if !verdict.passed() {
            refused += 1;
        }
    }
    eprintln!("fuzz: {runs} mutated bundles read, {refused} refused, none panicked");
    assert!(
        refused > runs / 2,
        "most mutations must be caught: {refused}/{runs}"
    );

    // Below the zip: one file's content changed and the zip rebuilt with correct CRCs, so the
    // bag-level checks (manifests, signatures, the application's own documents) are what must
    // catch it. Only the signatures folder may change unnoticed (an untrusted comment, or a public
    // key that is not the one trusted).
    let files = entries(&good);
    let mut caught = 0;
    for _ in 0..runs / 10 {
        let mut all = files.clone();
        let which = rng.below(all.len());
        let content = &mut all[which].1;
        match rng.below(3) {
            0 if !content.is_empty() => {
                let at = rng.below(content.len());
                content[at] ^= 1 << rng.below(8);
            }
            1 => content.truncate(rng.below(content.len() + 1)),
            _ => content.insert(rng.below(content.len() + 1), b"\n:x "[rng.below(4)]),
        }
        let verdict = check(&rezip(all.clone()), Some(&pub_key));
        if !verdict.passed() {
            caught += 1;
        } else if all[which].1 != files[which].1 {
            assert!(
                all[which].0.contains("/signatures/"),
                "a change to {} went unnoticed",
                all[which].0
            );
        }
    }
    eprintln!("fuzz: {} bundles with one file changed and the zip rebuilt, {caught} refused, none panicked", runs / 10);
}

#[test]
fn keys_are_kept_encrypted_and_move_to_and_from_minisigns_format() {
    let (secret, info) = keys::generate("correct horse battery").unwrap();
    assert!(secret.starts_with("untrusted comment: minisign encrypted secret key"));
    assert_eq!(
        keys::kdf_memory(&secret).unwrap(),
        16_777_216,
        "16 MiB of scrypt"
    );
    assert!(said(keys::generate("short").unwrap_err()).contains("at least 10"));
    let wrong =
        keys::unlock(&secret, "wrong passphrase", keys::BROWSER_MAX_KDF_MEMORY).unwrap_err();
    assert!(said(wrong).contains("passphrase is not the one"));
    let (sk, pk) = keys::unlock(
        &secret,
        "correct horse battery",
        keys::BROWSER_MAX_KDF_MEMORY,
    )
    .unwrap();
    assert_eq!(PublicKeyInfo::of(&pk), info);
    assert_eq!(info.key_id.len(), 16);
    assert_eq!(info.fingerprint.split(' ').count(), 16);
    // Re-protected with a new passphrase, it is the same key.
    let again = keys::protect(&sk, "another long passphrase").unwrap();
    let (sk2, pk2) = keys::unlock(
        &again,
        "another long passphrase",
        keys::BROWSER_MAX_KDF_MEMORY,
    )
    .unwrap();
    assert_eq!(pk2.to_base64(), pk.to_base64());
    let signature = keys::sign(
        &sk2,
        &pk2,
        b"tag manifest",
        "application:X role:applicant time:T",
    )
    .unwrap();
    let signed = keys::check_signature(&pk, &signature, b"tag manifest").unwrap();
    assert_eq!(
        signed.trusted_comment,
        "application:X role:applicant time:T"
    );
    assert!(keys::check_signature(&pk, &signature, b"tag manifesT").is_err());
    // A signature cut short (found by fuzzing: the crate would panic on it) is refused in words.
    let cut = signature
        .trim_end()
        .trim_end_matches(|c| c != '\n')
        .to_owned()
        + "AAAA\n";
    let refused = keys::check_signature(&pk, &cut, b"tag manifest").unwrap_err();
    assert_eq!(said(refused), "This is not a minisign signature.");
    // A key asking for more scrypt memory than a browser can spare is refused before unlocking.
    let greedy =
        BundleError::from(keys::unlock(&secret, "correct horse battery", 1 << 20).unwrap_err());
    assert!(greedy.render(Lang::En).contains("needs 16 MB"), "{greedy}");
    assert!(
        greedy.render(Lang::En).contains("`mgl reprotect`"),
        "names the real command"
    );
    assert!(greedy
        .render(Lang::Fr)
        .contains("a besoin de 16 Mo de mémoire"));
    let (_, parsed) = PublicKeyInfo::parse(&info.pub_file).unwrap();
    assert_eq!(parsed, info);
}

#[test]
fn a_second_signer_adds_a_signature_without_changing_a_signed_byte() {
    use mgl_domain::bundle::bag::TAG_MANIFEST;
    use mgl_domain::bundle::export::cosign;
    use mgl_domain::bundle::verify::{read_bag, read_layout};
    let (ngo, applicant) = (new_key(), new_key());
    // The NGO makes and signs the bundle on its laptop...
    let bytes = bundle(&with_tariff(example()), &[("ngo", &ngo)], None);
    // ...the applicant's principal officer adds a signature on theirs.
    let layout = read_layout(&mut &bytes[..]).unwrap();
    let (_, files) = read_bag(&mut &bytes[..]).unwrap();
    let tag = files
        .iter()
        .find(|f| f.path == TAG_MANIFEST)
        .and_then(|f| f.content.clone())
        .unwrap();
    let signer = Signer {
        role: "applicant".into(),
        secret: applicant.sk.clone(),
        public: applicant.pk.clone(),
    };
    let added = cosign(&layout, &tag, "NG-MG-A7K3Q9", &[signer], 1_795_400_000).unwrap();
    let mut signed = bytes[..added.keep as usize].to_vec();
    signed.extend_from_slice(&added.tail);

    for trusted in [&ngo, &applicant] {
        let verdict = check(&signed, Some(&pub_file(trusted)));
        assert!(verdict.passed(), "{:#?}", failed(&verdict));
        assert_eq!(verdict.signers.len(), 2);
    }
    // Every entry of the NGO's bundle is still there, byte for byte, and two more are added.
    let before = entries(&bytes);
    let after = entries(&signed);
    assert_eq!(after.len(), before.len() + 2);
    assert!(before.iter().all(|e| after.contains(e)));
    let id = PublicKeyInfo::of(&applicant.pk).key_id;
    assert!(after
        .iter()
        .any(|(n, _)| n.ends_with(&format!("/signatures/applicant-{id}.minisig"))));
    // An independent reader agrees.
    let archive = ::zip::ZipArchive::new(std::io::Cursor::new(&signed)).unwrap();
    assert_eq!(archive.len(), after.len());

    // Signing again with a key that already signed is refused, in words.
    let layout = read_layout(&mut &signed[..]).unwrap();
    let again = Signer {
        role: "applicant".into(),
        secret: applicant.sk.clone(),
        public: applicant.pk.clone(),
    };
    let refused = cosign(&layout, &tag, "NG-MG-A7K3Q9", &[again], 1_795_400_000)
        .err()
        .unwrap();
    assert_eq!(
        refused.to_string(),
        format!("The bundle is already signed by key {id}.")
    );
}

#[test]
fn a_bundle_error_with_figures_is_told_in_the_readers_language() {
    // The reasons carry their names and figures as arguments, so the catalogue finds them.
    let unsafe_name = mgl_domain::bundle::zip::check_name("data/a b.pdf").unwrap_err();
    let french = BundleError::from(unsafe_name).render(Lang::Fr);
    assert!(french.contains("hors des lettres, chiffres"), "{french}");
    assert!(!french.contains("outside the format"), "{french}");
    let manifest = mgl_domain::bundle::bag::parse_manifest("manifest-sha256.txt", "nonsense\n");
    let portuguese = BundleError::from(manifest.unwrap_err()).render(Lang::Pt);
    assert!(
        portuguese.starts_with("A linha 1 de manifest-sha256.txt"),
        "{portuguese}"
    );
    let short = BundleError::from(keys::generate("short").unwrap_err()).render(Lang::Fr);
    assert!(short.contains("au moins 10 caractères"), "{short}");
}

/// A container's error as an English reader sees it.
fn said(error: mgl_domain::bundle::ContainerError) -> String {
    BundleError::from(error).render(Lang::En)
}
