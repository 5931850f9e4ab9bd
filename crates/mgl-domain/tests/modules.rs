//! The domain's modules import each other in one direction only: a `crate::` path from one module to
//! another is an edge, and no chain of edges comes back to where it started. A cycle means two
//! modules can only be understood (and changed) together; this test names the first one it finds.
//!
//! A module is a top-level file or folder of `src/` (`draft/files.rs` belongs to `draft`), except
//! that the bundle's parts (`bundle/verify.rs`, ...) are modules of their own. Test code is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domain's sources (`MGL_MODULES_SRC` checks another tree, e.g. an older commit's).
fn src() -> PathBuf {
    std::env::var_os("MGL_MODULES_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Modules whose parts count as modules of their own.
const SPLIT: [&str; 1] = ["bundle"];

/// The module a source file belongs to: `draft`, `bundle::verify`, `bundle` (for its `mod.rs`).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).unwrap();
    let parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    match parts.as_slice() {
        [top, part, ..] if SPLIT.contains(&top.as_str()) && part != "mod" => {
            format!("{top}::{part}")
        }
        [top, ..] => top.clone(),
        [] => unreachable!(),
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules each module names through `crate::` paths (in `use` or in code).
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let path = regex::Regex::new(r"crate::([a-z_0-9]+)(?:::([a-z_0-9]+))?").unwrap();
    // `use crate::draft::{self, ...}` and `use crate::{draft, ...}` name modules too.
    let braced = regex::Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let shipped = text.split("#[cfg(test)]").next().unwrap();
        let code: String = shipped
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut named = Vec::new();
        for c in path.captures_iter(&code) {
            let top = c[1].to_owned();
            match c.get(2) {
                Some(part)
                    if SPLIT.contains(&top.as_str())
                        && modules.contains(&format!("{top}::{}", part.as_str())) =>
                {
                    named.push(format!("{top}::{}", part.as_str()))
                }
                _ => named.push(top),
            }
        }
        for c in braced.captures_iter(&code) {
            named.extend(
                c[1].split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").to_owned()),
            );
        }
        let targets = graph.entry(from.clone()).or_default();
        for to in named {
            // A module's own parts naming it (`bundle::verify` -> `bundle`) is not an edge of note
            // unless the parent names them back, which the parent's `mod` lines do not.
            if to != from && modules.contains(&to) && !to.starts_with(&format!("{from}::")) {
                targets.insert(to);
            }
        }
    }
    graph
}

/// A chain of modules from `start` back to `start`, if there is one.
fn cycle_through(start: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        at: &str,
        start: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, graph, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    let mut seen = BTreeSet::new();
    walk(start, start, graph, &mut path, &mut seen).then_some(path)
}

#[test]
fn no_module_of_the_domain_imports_itself_through_others() {
    let graph = edges();
    assert!(graph.len() > 15, "found only {} modules", graph.len());
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(m, &graph))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules in a circle:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a", "d"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycle_through("a", &graph).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(cycle_through("d", &graph), None);
}
