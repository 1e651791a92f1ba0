//! The layers of docs/architecture.md, checked: each crate depends only on the crates below it,
//! and the pure core reads no file, clock or database even where a dependency could let it
//! (Cargo unifies features across the workspace, so chrono's clock is compiled in for the
//! store; the core must still never call it).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `pooled-*` packages a manifest depends on (normal dependencies only).
fn pooled_dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut section = String::new();
    let mut found = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_owned();
            continue;
        }
        if section == "[dependencies]"
            && let Some(name) = line.split(['.', ' ', '=']).next()
            && name.starts_with("pooled-")
        {
            found.push(name.to_owned());
        }
    }
    found.sort();
    found
}

#[test]
fn each_crate_depends_only_on_the_layers_below_it() {
    let allowed: [(&str, &[&str]); 8] = [
        ("crates/core", &[]),
        ("crates/store", &["pooled-core"]),
        ("crates/report", &["pooled-core"]),
        ("crates/workbook", &["pooled-core"]),
        ("crates/workload", &["pooled-core", "pooled-store"]),
        (
            "crates/api",
            &[
                "pooled-core",
                "pooled-report",
                "pooled-store",
                "pooled-workbook",
            ],
        ),
        (".", &["pooled-api", "pooled-workload"]),
        ("src-tauri", &["pooled-api"]),
    ];
    for (dir, expected) in allowed {
        let found = pooled_dependencies(&root().join(dir).join("Cargo.toml"));
        assert_eq!(found, expected, "{dir}/Cargo.toml depends on {found:?}");
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn the_core_reads_no_file_clock_or_database() {
    let forbidden = [
        "std::fs",
        "std::net",
        "std::process",
        "std::env",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "Instant::now",
        "rusqlite",
        "printpdf",
        "println!",
    ];
    for file in sources(&root().join("crates/core/src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may read the worked examples from disk.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let is_test_module = file.ends_with("tests.rs");
        for word in forbidden {
            assert!(
                is_test_module || !code.contains(word),
                "{} uses {word}: the core does no I/O and reads no clock",
                file.display()
            );
        }
    }
}

/// The spreadsheet crate turns bytes into documents and back: the files it reads and writes are
/// named by the API, and it keeps no clock (a workbook's dates are fixed, spec §2.3).
#[test]
fn the_workbook_crate_reads_no_file_clock_or_database() {
    let forbidden = [
        "std::fs",
        "std::net",
        "std::process",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "Instant::now",
        "rusqlite",
    ];
    for file in sources(&root().join("crates/workbook/src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for word in forbidden {
            assert!(
                !code.contains(word),
                "{} uses {word}: the workbook crate works on bytes alone",
                file.display()
            );
        }
    }
}

#[test]
fn the_command_line_and_the_shell_go_through_the_api() {
    for dir in ["src", "src-tauri/src"] {
        for file in sources(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for layer in [
                "pooled_core",
                "pooled_store",
                "pooled_report",
                "pooled_workbook",
            ] {
                assert!(
                    !text.contains(layer),
                    "{} uses {layer} directly; it should call pooled_api",
                    file.display()
                );
            }
        }
    }
}
