//! `mgl keygen`, `mgl bundle` and `mgl verify` as an applicant and an officer run them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mgl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mgl"))
        .args(args)
        .env("MGL_PASSPHRASE", "a test passphrase")
        .current_dir(repo())
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mgl-bundle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `mgl bundle` of the example draft and its attachments, signed with `key` (`[ROLE=]KEY.key`).
fn bundle_example(key: &str, zip: &Path) -> Output {
    mgl(&[
        "bundle",
        "--draft",
        "examples/two-site-draft.json",
        "--attachments",
        "examples/attachments",
        "--key",
        key,
        "--today",
        "2026-11-22",
        "--out",
        s(zip),
    ])
}

/// `mgl cosign BUNDLE --key KEY --out OUT`.
fn cosign(bundle: &Path, key: &Path, out: &Path) -> Output {
    mgl(&["cosign", s(bundle), "--key", s(key), "--out", s(out)])
}

#[test]
fn an_applicant_bundles_the_example_and_an_officer_verifies_it() {
    let dir = temp_dir("ok");
    let key = dir.join("applicant");
    let out = mgl(&["keygen", "--out", s(&key)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Fingerprint: "));
    let secret = std::fs::read_to_string(dir.join("applicant.key")).unwrap();
    assert!(secret.starts_with("untrusted comment: minisign encrypted secret key"));

    let zip = dir.join("b.zip");
    let out = bundle_example(s(&dir.join("applicant.key")), &zip);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("application NG-MG-A7K3Q9"),
        "{}",
        text(&out)
    );

    let out = mgl(&["verify", s(&zip), "--pub", s(&dir.join("applicant.pub"))]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(text(&out).matches("PASS ").count(), 9, "{}", text(&out));

    // An officer reading French: every line in French, the checks' words included.
    let out = mgl(&[
        "verify",
        "--lang",
        "fr",
        s(&zip),
        "--pub",
        s(&dir.join("applicant.pub")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(text(&out).matches("OK ").count(), 9, "{}", text(&out));
    assert!(
        text(&out)
            .trim_end()
            .ends_with("Le dossier passe toutes les vérifications."),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("PASS"), "{}", text(&out));

    // Another key than the one the officer trusts: exit code 1, and why.
    mgl(&["keygen", "--out", s(&dir.join("other"))]);
    let out = mgl(&[
        "verify",
        s(&zip),
        "--pub",
        s(&dir.join("other.pub")),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["passed"], false);
    assert!(text(&out).contains("No signature is by the key you trust"));

    // A changed byte: exit code 1.
    let mut bytes = std::fs::read(&zip).unwrap();
    let at = bytes.windows(4).position(|w| w == b"%PDF").unwrap() + 100;
    bytes[at] ^= 0x20;
    let bad = dir.join("bad.zip");
    std::fs::write(&bad, bytes).unwrap();
    let out = mgl(&["verify", s(&bad)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("FAIL"), "{}", text(&out));
}

#[test]
fn an_incomplete_application_is_bundled_only_when_asked_and_says_so() {
    let dir = temp_dir("incomplete");
    mgl(&["keygen", "--out", s(&dir.join("k"))]);
    let zip = dir.join("b.zip");
    let args = |extra: &[&'static str]| -> Vec<String> {
        let mut a: Vec<String> = ["bundle", "--draft", "examples/two-site-draft.json", "--key"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        a.push(s(&dir.join("k.key")).to_owned());
        a.extend(["--out".to_owned(), s(&zip).to_owned()]);
        a.extend(extra.iter().map(|x| x.to_string()));
        a
    };
    // Without the attachments folder, the files the draft lists cannot be found: exit code 2.
    let out = mgl(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("is not in --attachments"),
        "{}",
        text(&out)
    );

    let mut draft: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("examples/two-site-draft.json")).unwrap(),
    )
    .unwrap();
    draft["applicant"]["email"] = "".into();
    let draft_path = dir.join("draft.json");
    std::fs::write(&draft_path, draft.to_string()).unwrap();
    let mut a = args(&["--attachments", "examples/attachments"]);
    a[2] = s(&draft_path).to_owned();
    let out = mgl(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("1 answer to fix, 0 documents missing"),
        "{}",
        text(&out)
    );
    // In the language asked for, as every message of mgl (French counts 0 in the singular).
    let mut french = a.clone();
    french.extend(["--lang".to_owned(), "fr".to_owned()]);
    let out = mgl(&french.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).starts_with(
            "La demande n'est pas complète : 1 réponse à corriger, 0 document manquant."
        ),
        "{}",
        text(&out)
    );
    a.push("--incomplete".into());
    let out = mgl(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("marked incomplete"));
    let out = mgl(&["verify", s(&zip)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("exported it as incomplete"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_file_that_is_not_a_bundle_fails_with_a_clear_message() {
    let dir = temp_dir("garbage");
    let path = dir.join("not.zip");
    std::fs::write(&path, b"hello, this is not a zip").unwrap();
    let out = mgl(&["verify", s(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("FAIL The zip file is safe to open"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("This is not a bundle"),
        "{}",
        text(&out)
    );
    let out = mgl(&["verify", s(&dir.join("missing.zip"))]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_ngo_bundles_and_the_applicant_cosigns_on_another_laptop() {
    let dir = temp_dir("cosign");
    for who in ["ngo", "applicant"] {
        assert!(mgl(&["keygen", "--out", s(&dir.join(who))])
            .status
            .success());
    }
    let zip = dir.join("by-ngo.zip");
    let out = bundle_example(&format!("ngo={}", s(&dir.join("ngo.key"))), &zip);
    assert!(out.status.success(), "{}", text(&out));
    let both = dir.join("both.zip");
    let out = cosign(&zip, &dir.join("applicant.key"), &both);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Signed by key "), "{}", text(&out));
    for who in ["ngo", "applicant"] {
        let pubkey = dir.join(format!("{who}.pub"));
        let out = mgl(&["verify", s(&both), "--pub", s(&pubkey)]);
        assert!(out.status.success(), "{who}: {}", text(&out));
    }
    // The same key again: refused with the reason (exit 2).
    let out = cosign(&both, &dir.join("applicant.key"), &dir.join("again.zip"));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("is already signed by key"),
        "{}",
        text(&out)
    );
    // A bundle changed after signing is not signed further (exit 1).
    let mut bytes = std::fs::read(&zip).unwrap();
    // A byte of a stored attachment (a PDF) changed.
    let at = bytes.windows(5).position(|w| w == b"%PDF-").unwrap() + 6;
    bytes[at] ^= 1;
    let bad = dir.join("bad.zip");
    std::fs::write(&bad, &bytes).unwrap();
    let out = cosign(
        &bad,
        &dir.join("applicant.key"),
        &dir.join("bad-signed.zip"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!dir.join("bad-signed.zip").exists());
}
