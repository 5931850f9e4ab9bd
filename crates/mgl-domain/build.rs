//! Build-time data of the domain:
//! - every country profile in `profiles/` is embedded, so that adding a country is adding a file;
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
    println!("cargo:rerun-if-changed=profiles");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("profiles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("profiles/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// (file stem, JSON text) of every bundled country profile.\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        code += &format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        );
    }
    code += "];\n";
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_profiles.rs");
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
