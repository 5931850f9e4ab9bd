//! `mgl keygen`, `mgl reprotect`, `mgl bundle` and `mgl verify`: the signed submission bundle
//! (docs/bundle-format.md) from the command line, with the same domain code as the app.

use crate::args::Args;
use crate::say;
use mgl_domain::bundle::bag::TAG_MANIFEST;
use mgl_domain::bundle::export::{export, needs_bytes, Options, Part, Prepared, Signer};
use mgl_domain::bundle::keys::{self, PublicKeyInfo};
use mgl_domain::bundle::payload::{plan, Source};
use mgl_domain::bundle::verify::{
    read_bag, read_layout, verify_archive, verify_bag, RandomAccess, Verdict,
};
use mgl_domain::bundle::zip::Crc32;
use mgl_domain::bundle::BundleError;
use mgl_domain::hash::ContentHasher;
use mgl_domain::{attachments, tr, validate, CountryProfile, Date, Draft};
use std::collections::HashMap;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The passphrase from `$var`, or typed on standard input after a prompt.
/// The passphrase from `var`, else asked on the terminal with `prompt` (already in the language).
fn passphrase(var: &str, prompt: String) -> Result<String, String> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    eprint!(
        "{} ",
        say(
            "{prompt} (or set {var}):",
            &[("prompt", &prompt), ("var", var)]
        )
    );
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn write_new(path: &Path, contents: &str) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(contents.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Every `--key [ROLE=]K.key` given, as (role, path).
fn signing_keys(args: &Args) -> Result<Vec<(String, String)>, String> {
    args.values("--key").into_iter().map(key_arg).collect()
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn print_key(info: &PublicKeyInfo) {
    println!("{}", say("Key id: {id}", &[("id", &info.key_id)]));
    println!(
        "{}",
        say(
            "Fingerprint: {fingerprint}",
            &[("fingerprint", &info.fingerprint)]
        )
    );
}

/// `mgl keygen --out NAME`: NAME.key (minisign, passphrase-encrypted) and NAME.pub.
pub fn keygen(args: &Args) -> Result<ExitCode, String> {
    let out = args.value("--out").unwrap_or_default();
    let pass = passphrase("MGL_PASSPHRASE", say("Passphrase for the new key", &[]))?;
    let (secret, info) =
        keys::generate(&pass).map_err(|e| BundleError::from(e).render(crate::lang()))?;
    write_new(Path::new(&format!("{out}.key")), &secret)?;
    write_new(Path::new(&format!("{out}.pub")), &info.pub_file)?;
    println!(
        "{}",
        say(
            "Wrote {key} (secret, passphrase-protected) and {pub} (give it to the Authority).",
            &[
                ("key", &format!("{out}.key")),
                ("pub", &format!("{out}.pub"))
            ]
        )
    );
    print_key(&info);
    Ok(ExitCode::SUCCESS)
}

/// `mgl reprotect IN.key --out OUT.key`: a key (made by `minisign -G`, say) encrypted again with a
/// new passphrase and the app's 16 MiB scrypt, so that the app can unlock it.
pub fn reprotect(args: &Args) -> Result<ExitCode, String> {
    let (input, out) = (args.operand(), args.value("--out").unwrap_or_default());
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let pass = passphrase("MGL_PASSPHRASE", say("Passphrase of the key", &[]))?;
    let (sk, pk) = keys::unlock(&text, &pass, u64::MAX)
        .map_err(|e| BundleError::from(e).render(crate::lang()))?;
    let new_pass = passphrase("MGL_NEW_PASSPHRASE", say("New passphrase", &[]))?;
    let protected =
        keys::protect(&sk, &new_pass).map_err(|e| BundleError::from(e).render(crate::lang()))?;
    write_new(Path::new(out), &protected)?;
    println!("{}", say("Wrote {file}.", &[("file", out)]));
    print_key(&PublicKeyInfo::of(&pk));
    Ok(ExitCode::SUCCESS)
}

/// Every file under `dir`, by SHA-256 (the layout of docs/bundle-format.md is a convention for
/// people; files are matched to the draft by content).
fn files_by_hash(dir: &Path) -> Result<HashMap<String, PathBuf>, String> {
    let mut out = HashMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let (sha, _) = hash_file(&path)?;
                out.insert(sha, path);
            }
        }
    }
    Ok(out)
}

/// SHA-256 and CRC-32 of a file, read in 1 MiB chunks.
fn hash_file(path: &Path) -> Result<(String, u32), String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut hasher = ContentHasher::new();
    let mut crc = Crc32::default();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        crc.update(&buf[..n]);
    }
    Ok((hasher.finish_hex(), crc.finish()))
}

/// What is still wrong with an application, in one line, or `None` when it is complete.
pub fn incompleteness(draft: &Draft, profile: &CountryProfile, today: Date) -> Option<String> {
    let errors = validate(draft, profile, today).errors().count();
    let missing = attachments::missing_documents(draft).len();
    mgl_domain::validate::incompleteness(errors, missing).map(|why| why.render(crate::lang()))
}

/// `--key [ROLE=]K.key`: the role (`applicant` when not given) and the secret key's path.
fn key_arg(v: &str) -> Result<(String, String), String> {
    let (role, path) = match v.split_once('=') {
        Some((role, path)) => (role.to_owned(), path.to_owned()),
        None => ("applicant".to_owned(), v.to_owned()),
    };
    if role.is_empty() || !role.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(say(
            "--key {key}: the role must be lower-case letters (applicant, ngo)",
            &[("key", v)],
        ));
    }
    Ok((role, path))
}

/// Each key unlocked with its passphrase ($MGL_PASSPHRASE, or typed).
fn unlock_signers(keys_given: &[(String, String)]) -> Result<Vec<Signer>, String> {
    let mut signers = Vec::new();
    for (role, path) in keys_given {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let pass = passphrase(
            "MGL_PASSPHRASE",
            say("Passphrase of {file}", &[("file", path)]),
        )?;
        let (secret, public) = keys::unlock(&text, &pass, u64::MAX)
            .map_err(|e| format!("{path}: {}", BundleError::from(e).render(crate::lang())))?;
        signers.push(Signer {
            role: role.clone(),
            secret,
            public,
        });
    }
    Ok(signers)
}

/// `mgl cosign B.zip --key [ROLE=]K.key ... --out B2.zip`: adds signatures to an intact bundle
/// (the applicant's, after an NGO made and signed it), keeping every byte already signed.
pub fn cosign(args: &Args) -> Result<ExitCode, String> {
    let (path, out) = (args.operand(), args.value("--out").unwrap_or_default());
    let keys_given = signing_keys(args)?;
    let lang = crate::lang();
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let mut access = FileAccess(file, len);
    // Read once (every attachment hashed), checked as `mgl verify` would, then signed further.
    let read = read_layout(&mut access).and_then(|layout| Ok((layout, read_bag(&mut access)?.1)));
    let (layout, files) = match read {
        Ok(read) => read,
        Err(e) => {
            print_verdict(&Verdict::unreadable(&e));
            eprintln!(
                "{}",
                say("This bundle is not intact: it is not signed further.", &[])
            );
            return Ok(ExitCode::from(1));
        }
    };
    let verdict = verify_bag(&layout.folder, &files, None);
    if !verdict.intact() {
        print_verdict(&verdict);
        eprintln!(
            "{}",
            say("This bundle is not intact: it is not signed further.", &[])
        );
        return Ok(ExitCode::from(1));
    }
    let tag_manifest = files
        .iter()
        .find(|f| f.path == TAG_MANIFEST)
        .and_then(|f| f.content.clone())
        .ok_or_else(|| say("the bundle has no tag manifest", &[]))?;
    let signers = unlock_signers(&keys_given)?;
    let application_id = verdict.application_id.clone().unwrap_or_default();
    let added = mgl_domain::bundle::export::cosign(
        &layout,
        &tag_manifest,
        &application_id,
        &signers,
        now_seconds(),
    )
    .map_err(|e| e.render(lang))?;
    let mut bytes = access.read_at(0, added.keep as usize)?;
    bytes.extend_from_slice(&added.tail);
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    for key in &added.signed_by {
        println!("{}", signed_by(key));
    }
    println!("{}", say("Wrote {file}.", &[("file", out)]));
    Ok(ExitCode::SUCCESS)
}

/// `mgl bundle --draft D.json --attachments DIR --key [ROLE=]K.key ... --out B.zip`
pub fn bundle(args: &Args) -> Result<ExitCode, String> {
    let draft_path = args.value("--draft").unwrap_or_default();
    let out = args.value("--out").unwrap_or_default();
    let dir = args.value("--attachments");
    let today = args.date("--today");
    let allow_incomplete = args.flag("--incomplete");
    let keys_given = signing_keys(args)?;
    let text = std::fs::read_to_string(&draft_path).map_err(|e| format!("{draft_path}: {e}"))?;
    let draft = Draft::from_json(&text).map_err(|e| format!("{draft_path}: {e}"))?;
    let profile =
        CountryProfile::bundled(&draft.profile).unwrap_or_else(CountryProfile::default_profile);
    let today = today.unwrap_or_else(crate::check::today_utc);
    let incomplete = incompleteness(&draft, &profile, today);
    if let (Some(why), false) = (&incomplete, allow_incomplete) {
        eprintln!(
            "{}",
            say(
                "The application is not complete: {why}. Run `mgl check {draft}` to see what, or add --incomplete to bundle it anyway (bag-info.txt will say so).",
                &[("why", why), ("draft", &draft_path)],
            )
        );
        return Ok(ExitCode::from(1));
    }

    let files = match &dir {
        Some(dir) => files_by_hash(Path::new(dir))?,
        None => HashMap::new(),
    };
    let mut prepared = HashMap::new();
    for file in plan(&draft, &profile, today, crate::lang()) {
        let Source::Attached(record) = &file.source else {
            continue;
        };
        let path = files.get(&record.sha256).ok_or_else(|| {
            format!(
                "the attachment \"{}\" (SHA-256 {}) is not in {}",
                record.name,
                record.short_hash(),
                dir.as_deref().unwrap_or("--attachments (not given)")
            )
        })?;
        let p = if needs_bytes(&file) {
            Prepared::Bytes(std::fs::read(path).map_err(|e| e.to_string())?)
        } else {
            Prepared::Crc(hash_file(path)?.1)
        };
        prepared.insert(record.sha256.clone(), p);
    }

    let signers = unlock_signers(&keys_given)?;
    let agent = format!("mgl {}", env!("CARGO_PKG_VERSION"));
    let result = export(
        &draft,
        &profile,
        &prepared,
        &signers,
        &Options {
            bagging_date: today,
            lang: crate::lang(),
            signed_at_unix: now_seconds(),
            software_agent: &agent,
            incomplete: incomplete.clone(),
        },
    )
    .map_err(|e| e.render(crate::lang()))?;

    let mut writer =
        std::io::BufWriter::new(std::fs::File::create(&out).map_err(|e| format!("{out}: {e}"))?);
    for part in &result.parts {
        match part {
            Part::Bytes(bytes) => writer.write_all(bytes),
            Part::Attachment(record) => {
                let mut f =
                    std::fs::File::open(&files[&record.sha256]).map_err(|e| e.to_string())?;
                std::io::copy(&mut f, &mut writer).map(|_| ())
            }
        }
        .map_err(|e| format!("{out}: {e}"))?;
    }
    writer.flush().map_err(|e| format!("{out}: {e}"))?;
    let size = result.size.to_string();
    let values = [
        ("file", &*out),
        ("size", &size),
        ("id", &result.application_id),
    ];
    let wrote = if incomplete.is_some() {
        say(
            "Wrote {file} ({size} bytes): application {id}, marked incomplete",
            &values,
        )
    } else {
        say("Wrote {file} ({size} bytes): application {id}", &values)
    };
    println!("{wrote}");
    for key in &result.signed_by {
        println!("{}", signed_by(key));
    }
    Ok(ExitCode::SUCCESS)
}

struct FileAccess(std::fs::File, u64);

impl RandomAccess for FileAccess {
    fn len(&self) -> u64 {
        self.1
    }
    fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, String> {
        let mut buf = vec![0u8; len];
        self.0
            .seek(SeekFrom::Start(offset))
            .map_err(|e| e.to_string())?;
        self.0.read_exact(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf)
    }
}

fn signed_by(key: &PublicKeyInfo) -> String {
    say(
        "Signed by key {key} (fingerprint {fingerprint}).",
        &[("key", &key.key_id), ("fingerprint", &key.fingerprint)],
    )
}

fn print_verdict(verdict: &Verdict) {
    let lang = crate::lang();
    let (pass, fail) = (tr(lang, "PASS"), tr(lang, "FAIL"));
    for check in &verdict.checks {
        let title = check.title.render(lang);
        println!("{} {title}", if check.passed { pass } else { fail });
        for detail in &check.details {
            println!("     {}", detail.render(lang));
        }
    }
}

/// `mgl verify B.zip [--pub KEY.pub] [--json]`: exit 0 only when every check passes.
pub fn verify(args: &Args) -> Result<ExitCode, String> {
    let (path, key, json) = (args.operand(), args.value("--pub"), args.flag("--json"));
    let trusted = match &key {
        Some(k) => Some(std::fs::read_to_string(k).map_err(|e| format!("{k}: {e}"))?),
        None => None,
    };
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let verdict = verify_archive(&mut FileAccess(file, len), trusted.as_deref());
    let lang = crate::lang();
    if json {
        let checks: Vec<_> = verdict
            .checks
            .iter()
            .map(|c| {
                serde_json::json!({
                    "check": c.title.render(lang),
                    "passed": c.passed,
                    "details": c.details.iter().map(|d| d.render(lang)).collect::<Vec<_>>(),
                })
            })
            .collect();
        let doc = serde_json::json!({
            "bundle": path,
            "application_id": verdict.application_id,
            "passed": verdict.passed(),
            "checks": checks,
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        print_verdict(&verdict);
        let lang = crate::lang();
        println!(
            "{}",
            if verdict.passed() {
                tr(lang, "The bundle passes every check.")
            } else {
                tr(lang, "The bundle fails verification.")
            }
        );
    }
    Ok(if verdict.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
