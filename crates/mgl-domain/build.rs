//! Embeds every country profile in `profiles/` so that adding a country is adding a file.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=profiles");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("profiles");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("profiles/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut code = String::from("/// (file stem, JSON text) of every bundled country profile.\npub static BUNDLED: &[(&str, &str)] = &[\n");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        code += &format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        );
    }
    code += "];\n";
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("bundled_profiles.rs"),
        code,
    )
    .unwrap();
}
