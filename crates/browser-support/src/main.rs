//! Fails the build when one of the app's WebAssembly modules uses a feature that the oldest browsers
//! we support cannot run: Chrome 109 (the last on Windows 7 and 8.1) and Firefox ESR 115. Both run
//! WebAssembly 2.0 (SIMD, bulk memory, reference types, multi-value, sign extension, saturating
//! float-to-int, mutable globals) and the legacy exception instructions; nothing later (tail calls:
//! Chrome 112; extended constants: Chrome 114; GC and typed function references: Chrome 119 and
//! Firefox 120; multiple memories, memory64, exnref, relaxed SIMD: later still). Threads need a
//! cross-origin isolated page, which ours is not, so shared memory is refused as well.
//!
//! `browser-support FILE.wasm...` validates each module against exactly that set, then lists the
//! features it uses (those without which it no longer validates), so that a new one shows in the
//! build's output before it fails. Run by `scripts/browser-support.mjs`, which checks the
//! JavaScript and the stylesheet of the same build.

use std::process::ExitCode;
use wasmparser::{Validator, WasmFeatures};

/// The features both oldest supported browsers run, each with the name the proposal goes by.
const SUPPORTED: [(WasmFeatures, &str); 8] = [
    (WasmFeatures::MUTABLE_GLOBAL, "mutable-globals"),
    (
        WasmFeatures::SATURATING_FLOAT_TO_INT,
        "nontrapping-float-to-int",
    ),
    (WasmFeatures::SIGN_EXTENSION, "sign-extension"),
    (WasmFeatures::MULTI_VALUE, "multi-value"),
    (WasmFeatures::BULK_MEMORY, "bulk-memory"),
    (WasmFeatures::REFERENCE_TYPES, "reference-types"),
    (WasmFeatures::SIMD, "simd"),
    (WasmFeatures::LEGACY_EXCEPTIONS, "legacy-exceptions"),
];

fn supported() -> WasmFeatures {
    SUPPORTED
        .iter()
        .fold(WasmFeatures::MVP, |all, (feature, _)| all | *feature)
}

fn validates(bytes: &[u8], features: WasmFeatures) -> Result<(), String> {
    Validator::new_with_features(features)
        .validate_all(bytes)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// The module's verdict: the supported features it uses, or why an old browser would refuse it.
fn check(bytes: &[u8]) -> Result<Vec<&'static str>, String> {
    validates(bytes, supported())?;
    Ok(SUPPORTED
        .iter()
        .filter(|(feature, _)| validates(bytes, supported() - *feature).is_err())
        .map(|(_, name)| *name)
        .collect())
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: browser-support FILE.wasm...");
        return ExitCode::from(2);
    }
    let mut refused = 0;
    for path in &paths {
        let verdict = std::fs::read(path)
            .map_err(|error| format!("cannot read it: {error}"))
            .and_then(|bytes| check(&bytes));
        match verdict {
            Ok(used) => println!("browser-support: {path}: uses {}", used.join(", ")),
            Err(reason) => {
                refused += 1;
                eprintln!(
                    "browser-support: {path} would not run in Chrome 109 or Firefox ESR 115: {reason}"
                );
            }
        }
    }
    if refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module of one function `(param i32) (result i32)` whose body is `body` followed by `end`.
    fn module_with_body(body: &[u8]) -> Vec<u8> {
        let mut code = vec![0x00]; // no locals
        code.extend_from_slice(body);
        code.push(0x0b);
        let mut code_section = vec![0x01, code.len() as u8];
        code_section.extend(code);
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        bytes.extend([0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]); // type: (i32) -> i32
        bytes.extend([0x03, 0x02, 0x01, 0x00]); // function 0 has type 0
        bytes.extend([0x0a, code_section.len() as u8]);
        bytes.extend(code_section);
        bytes
    }

    #[test]
    fn a_plain_module_uses_nothing_later_than_the_first_version() {
        let identity = module_with_body(&[0x20, 0x00]); // local.get 0
        assert_eq!(check(&identity), Ok(vec![]));
    }

    #[test]
    fn sign_extension_is_supported_and_listed() {
        let extend = module_with_body(&[0x20, 0x00, 0xc0]); // local.get 0; i32.extend8_s
        assert_eq!(check(&extend), Ok(vec!["sign-extension"]));
    }

    #[test]
    fn a_tail_call_is_refused_with_the_reason() {
        // local.get 0; return_call 0 (tail calls: Chrome 112, Firefox 121)
        let tail_call = module_with_body(&[0x20, 0x00, 0x12, 0x00]);
        let reason = check(&tail_call).unwrap_err();
        assert!(reason.contains("tail call"), "{reason}");
    }

    #[test]
    fn a_file_that_is_not_webassembly_is_refused() {
        assert!(check(b"<html>").is_err());
    }
}
