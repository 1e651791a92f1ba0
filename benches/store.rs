//! The workspace store on a large workspace: 100 plans, 1,000 scenarios and 1,000,000 audit
//! entries (`pooled generate workspace`). Saving one edit (the store alone, and the window's
//! whole action: save, read back and evaluate), loading a scenario with its outcome, and
//! verifying the whole audit trail.
//!
//! The workspace is built once into `target/bench-data/` (about 20 s; 530 MB) and reused; the
//! edits are made on a copy, so every run starts from the same file. Set
//! `POOLED_BENCH_ENTRIES` for a smaller one. Run with `cargo bench --bench store`.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

use pooled_store::{Revision, Workspace};
use pooled_testkit::fixtures::root;
use pooled_testkit::plans::{set, set_request};
use pooled_workload::{WorkspaceShape, build_workspace, pool, to_file_text};

fn shape() -> WorkspaceShape {
    let entries = std::env::var("POOLED_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    WorkspaceShape {
        entries,
        ..WorkspaceShape::default()
    }
}

/// Where the benchmarks keep their workspaces: `target/bench-data/`.
fn bench_data() -> PathBuf {
    let dir = root().join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    dir
}

/// A forecast one penny more each time: £10,000.01, £10,000.02…
fn forecasts() -> impl FnMut() -> String {
    let mut pence = 1_000_000_i64;
    move || {
        pence += 1;
        format!("{}.{:02}", pence / 100, pence % 100)
    }
}

/// The large workspace, built if it is not there yet.
fn large_workspace(shape: WorkspaceShape) -> PathBuf {
    let dir = bench_data();
    let path = dir.join(format!(
        "workspace-{}-{}-{}.pooled",
        shape.plans, shape.scenarios, shape.entries
    ));
    if !path.exists() {
        let building = path.with_extension("building");
        let _ = std::fs::remove_file(&building);
        eprintln!("building {} (once)", path.display());
        build_workspace(&building, shape).expect("workspace built");
        std::fs::rename(&building, &path).expect("workspace in place");
    }
    path
}

fn bench(c: &mut Criterion) {
    let shape = shape();
    let original = large_workspace(shape);
    // Edits go to a copy: the original stays as built. (It is closed, so copying is safe.)
    let copy = original.with_extension("scratch");
    std::fs::copy(&original, &copy).expect("copy of the workspace");
    let mut ws = Workspace::open(&copy, "Benchmark").expect("opens");
    let draft = ws.scenarios(None).expect("scenarios")[shape.scenarios / 2].clone();
    let mut revision = draft.revision;
    let mut group = c.benchmark_group(format!("store, {} audit entries", shape.entries));
    group.sample_size(50);

    let mut next_forecast = forecasts();
    group.bench_function("save one edit (store)", |b| {
        b.iter(|| {
            let edit = set("schemes[3].forecast", &next_forecast());
            revision = ws
                .edit(draft.id, revision, &[edit], Some("Benchmark"))
                .expect("saved");
        })
    });
    group.bench_function("save one edit and show its outcome (app::edit)", |b| {
        b.iter(|| {
            let edit = set_request("schemes[3].forecast", json!(next_forecast()));
            let view = pooled_api::edit(&mut ws, draft.id, revision, &[edit], None).expect("saved");
            revision = view.summary.revision;
        })
    });
    group.bench_function("load a scenario with its outcome (app::scenario)", |b| {
        b.iter(|| pooled_api::scenario(&ws, draft.id).expect("loads"))
    });
    group.sample_size(10);
    group.bench_function("verify the whole audit trail", |b| {
        b.iter(|| assert!(ws.verify().expect("verifies").is_intact()))
    });
    group.finish();
    drop(ws);
    let _ = std::fs::remove_file(&copy);
    for suffix in ["scratch-wal", "scratch-shm"] {
        let _ = std::fs::remove_file(original.with_extension(suffix));
    }
}

/// The window's edit on one large plan: what the shell does for an edit to a 1,000-scheme plan
/// (save, read back, evaluate) and the JSON it sends back to the window.
fn large_plan_edit(c: &mut Criterion) {
    let path = bench_data().join("pool-1000.pooled");
    let _ = std::fs::remove_file(&path);
    let mut ws = Workspace::create(&path, "Benchmark").expect("workspace");
    let plan = to_file_text(&pool(1000));
    let id = ws
        .import_plan(plan.as_bytes(), "Baseline", "benchmark")
        .expect("imported");
    let mut revision = Revision(0);
    let mut next_forecast = forecasts();
    let mut group = c.benchmark_group("a 1,000-scheme plan in the window");
    group.sample_size(30);
    group.bench_function("save one edit and show its outcome (app::edit)", |b| {
        b.iter(|| {
            let edit = set_request("schemes[3].forecast", json!(next_forecast()));
            let view = pooled_api::edit(&mut ws, id, revision, &[edit], None).expect("saved");
            revision = view.summary.revision;
        })
    });
    let view = pooled_api::scenario(&ws, id).expect("loads");
    group.bench_function("the scenario as JSON for the window", |b| {
        b.iter(|| serde_json::to_string(&view).expect("JSON"))
    });
    group.finish();
    drop(ws);
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, large_plan_edit, bench);
criterion_main!(benches);
