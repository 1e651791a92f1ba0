//! The UI's TypeScript types are generated from the Rust types. This test regenerates them into a
//! scratch folder and fails if `ui/src/lib/generated/` differs, so the two can never drift apart.
//! Run with `UPDATE_BINDINGS=1` to rewrite the folder after changing a Rust type.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pooled_api::typescript::{export, labels_module};
use pooled_api::workbooks::SheetPreview;
use pooled_api::{
    AppError, ComparisonView, EditRequest, EditResult, Figures, GroupReading, HistoryEntry,
    HistoryQuery, HistoryView, NewPlan, PreviewView, ScenarioView, SchemeTotals, Subject,
    WorkspaceView,
};
use pooled_core::history::{ChangeReading, SubjectName};
use pooled_report::Units;
use pooled_store::{
    AuditAction, AuditEntry, AuditReport, ChangeId, ChangeRecord, EntrySeq, PlanId, Revision,
    ScenarioId, SignOff,
};

const COMMITTED: &str = "ui/src/lib/generated";

fn generate(dir: &Path) {
    export::<WorkspaceView>(dir).unwrap();
    export::<ScenarioView>(dir).unwrap();
    export::<EditRequest>(dir).unwrap();
    export::<EditResult>(dir).unwrap();
    export::<PreviewView>(dir).unwrap();
    export::<Figures>(dir).unwrap();
    export::<SchemeTotals>(dir).unwrap();
    export::<GroupReading>(dir).unwrap();
    export::<NewPlan>(dir).unwrap();
    export::<HistoryQuery>(dir).unwrap();
    export::<HistoryView>(dir).unwrap();
    export::<HistoryEntry>(dir).unwrap();
    export::<Subject>(dir).unwrap();
    export::<SubjectName>(dir).unwrap();
    export::<ChangeReading>(dir).unwrap();
    export::<ComparisonView>(dir).unwrap();
    export::<AuditEntry>(dir).unwrap();
    export::<AuditAction>(dir).unwrap();
    export::<PlanId>(dir).unwrap();
    export::<ScenarioId>(dir).unwrap();
    export::<Revision>(dir).unwrap();
    export::<ChangeId>(dir).unwrap();
    export::<EntrySeq>(dir).unwrap();
    export::<AuditReport>(dir).unwrap();
    export::<ChangeRecord>(dir).unwrap();
    export::<SignOff>(dir).unwrap();
    export::<AppError>(dir).unwrap();
    export::<Units>(dir).unwrap();
    export::<SheetPreview>(dir).unwrap();
    fs::write(dir.join("labels.ts"), labels_module()).unwrap();
}

/// Every `.ts` file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.map(|e| e.unwrap().path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "ts") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                found.insert(name, fs::read_to_string(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn generated_typescript_is_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join(COMMITTED);
    let scratch = std::env::temp_dir().join(format!("pooled-bindings-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).unwrap();
    generate(&scratch);
    let fresh = files(&scratch);
    fs::remove_dir_all(&scratch).unwrap();

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = fs::remove_dir_all(&committed);
        fs::create_dir_all(&committed).unwrap();
        for (name, text) in &fresh {
            let path = committed.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        return;
    }
    let old = files(&committed);
    let stale: Vec<&String> = fresh
        .keys()
        .chain(old.keys())
        .filter(|name| fresh.get(*name) != old.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "{COMMITTED} is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test --test typescript_bindings`"
    );
    // The types the window relies on are all there.
    for name in [
        "ScenarioView.ts",
        "Outcome.ts",
        "PlanDocument.ts",
        "Finding.ts",
        "Figures.ts",
        "HistoryView.ts",
        "PreviewView.ts",
        "labels.ts",
    ] {
        assert!(fresh.contains_key(name), "{name} was not generated");
    }
}
