//! Build-time data of the domain:
//! - every country profile in `profiles/` is embedded, so that adding a country is adding a file;
//!   its outline in `outlines/` (made by `scripts/outlines.mjs`) too, for `mgl` and the tests
//!   (feature `embedded-outlines`; the web app fetches it, see `AppState::load_outline`);
//! - the translation catalogues (`i18n/<lang>.po`, gettext's format, so that translators can use
//!   Poedit or any PO editor) become sorted static tables for the CLI and the tests (feature
//!   `embedded-catalogues`; the web app fetches them instead, see `i18n::install_catalogue`). They are
//!   checked here either way: a malformed catalogue or a message translated twice stops the build.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/po.rs"]
mod po;
use po::parse_po;

const LANGUAGES: [(&str, &str); 2] = [("fr", "FR"), ("pt", "PT")];

fn main() {
    embed_profiles();
    embed_outlines();
    compile_catalogues();
    stamp_rules();
}

/// `MGL_RULES_STAMP`: a digest (FNV-1a, 64 bits) of the sources and profiles, which decide how a
/// draft is counted. Counts stored by another build (`progress`) are counted again.
fn stamp_rules() {
    println!("cargo:rerun-if-changed=src");
    fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    walk(Path::new("profiles"), &mut files);
    walk(Path::new("outlines"), &mut files);
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for byte in path.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=MGL_RULES_STAMP={hash:016x}");
}

fn embed_profiles() {
    embed_json_files(
        "profiles",
        "every bundled country profile",
        "bundled_profiles.rs",
    );
}

fn embed_outlines() {
    embed_json_files(
        "outlines",
        "the outline of each bundled profile's country",
        "bundled_outlines.rs",
    );
}

/// `pub static BUNDLED: &[(stem, JSON text)]` of the `.json` files of `dir`, into `OUT_DIR/dest`.
fn embed_json_files(dir: &str, what: &str, dest: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut code = format!(
        "/// (file stem, JSON text) of {what}.\npub static BUNDLED: &[(&str, &str)] = &[\n"
    );
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        code += &format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        );
    }
    code += "];\n";
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(dest);
    std::fs::write(dest, code).unwrap();
}

fn compile_catalogues() {
    println!("cargo:rerun-if-changed=i18n");
    let mut out = String::new();
    for (code, table) in LANGUAGES {
        let path = Path::new("i18n").join(format!("{code}.po"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut entries = parse_po(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        entries.sort();
        if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
            panic!("{}: \"{}\" is translated twice", path.display(), w[0].0);
        }
        writeln!(out, "pub static {table}: &[(&str, &str)] = &[").unwrap();
        for (id, text) in entries {
            writeln!(out, "    ({id:?}, {text:?}),").unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(dest, out).unwrap();
}
