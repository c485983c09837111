//! (tests only) The layers hold: each module refers only to the modules below it, so that data
//! flows one way (grid + files → model → rules and views → storage → front ends) and no two
//! files import each other. Reading the source is enough: a reference is `crate::module`.

use std::path::{Path, PathBuf};

/// The modules from the bottom up. A module may use the modules of a lower layer, and never
/// one of its own layer or above.
const LAYERS: &[&[&str]] = &[
    // Errors print file names that may come from a co-auditor: through `text`'s sanitising.
    &["text"],
    // The messages' catalogues are chosen by language and name fields by their enum.
    &["lang", "field"],
    &["messages"],
    &["error", "radar"],
    &["clock", "yaml"],
    &["files"],
    &["grid"],
    &["assessment"],
    &["model"],
    &["rules", "compare", "cve", "scan"],
    &["report"],
    // The spreadsheets use the report's words.
    &["export"],
    &["engagement"],
    &["demo"],
    &["tui"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The `.rs` files of module `name`: `src/name.rs` and everything under `src/name/`.
fn files_of(src: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let single = src.join(format!("{name}.rs"));
    if single.is_file() {
        found.push(single);
    }
    let mut folders = vec![src.join(name)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    found
}

/// The modules `text` refers to as `crate::name`, outside comments and its tests.
fn references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (layer, modules) in LAYERS.iter().enumerate() {
        for module in *modules {
            let files = files_of(&src, module);
            assert!(!files.is_empty(), "no source for module {module}");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for used in references(&text) {
                    match layer_of(&used) {
                        Some(_) if used == *module => {}
                        Some(used_layer) if used_layer < layer => {}
                        Some(_) => wrong.push(format!(
                            "{}: `crate::{used}` is not below `{module}`",
                            file.display()
                        )),
                        // Crate-level items (`crate::Result`) are the error layer's.
                        None => {}
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "layers crossed:\n{}", wrong.join("\n"));
}

#[test]
fn every_module_of_the_crate_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    for line in lib.lines() {
        let declared = line
            .trim()
            .strip_prefix("pub mod ")
            .or_else(|| line.trim().strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'));
        if let Some(module) = declared
            && !["robustness", "layers"].contains(&module)
        {
            assert!(layer_of(module).is_some(), "{module} has no layer");
        }
    }
}

#[test]
fn references_are_read_from_code_not_comments_or_tests() {
    let text = "use crate::engagement::State;\n// crate::tui in a comment\nfn f() { crate::files::read_text(p, 1) }\n#[cfg(test)]\nmod tests { use crate::cli; }\n";
    assert_eq!(references(text), ["engagement", "files"]);
    assert_eq!(layer_of("engagement"), Some(12));
    assert!(layer_of("compare") < layer_of("engagement"));
}
