//! The web app's build script: when the wasm is to be split (feature `split`, see src/chunks.rs),
//! the linker keeps its relocations in the output, which wasm-split-cli needs to cut the module.
fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
