//! The benchmark workloads (`pooled_workload`): every generated plan is valid, evaluates and has
//! the shape the benchmarks promise; the same arguments give the same bytes; the generated
//! workspace has the entries asked for and its audit trail verifies. `pooled generate` makes
//! them from the command line only in a binary built with the `workload` feature
//! (`cargo test --features workload`); the shipped one does not have it.

use pooled_core::assess_bytes;
use pooled_core::outcome::Outcome;
use pooled_store::Workspace;
use pooled_testkit::TempDir;
use pooled_testkit::cli::Pooled;
use pooled_testkit::plans::evaluated;
use pooled_testkit::store::verified_counts;
use pooled_workload::{
    NATIONAL_POOLS, WorkspaceShape, build_workspace, national, pool, to_file_text,
};
use serde_json::Value;

fn evaluate(plan: &Value) -> Outcome {
    evaluated(assess_bytes(to_file_text(plan).as_bytes()))
}

fn count(plan: &Value, list: &str) -> usize {
    plan[list].as_array().map_or(0, Vec::len)
}

fn pooled() -> Pooled {
    pooled_testkit::pooled!()
}

#[test]
fn pools_of_every_size_are_valid_with_the_promised_shape() {
    for schemes in [10, 100, 1000] {
        let plan = pool(schemes);
        assert_eq!(count(&plan, "partners"), 12);
        assert_eq!(count(&plan, "streams"), 40);
        assert_eq!(count(&plan, "schemes"), schemes);
        assert_eq!(count(&plan, "contracts"), schemes.div_ceil(5));
        let groups = plan["risk_share"]["groups"].as_array().unwrap();
        let methods: Vec<&str> = groups
            .iter()
            .map(|g| g["overspend"]["method"].as_str().unwrap())
            .collect();
        assert_eq!(
            methods,
            [
                "pro_rata_contributions",
                "pro_rata_commissioned",
                "tiered",
                "host"
            ]
        );
        assert_eq!(groups[1]["per_scheme"], true);
        assert_eq!(groups[2]["underspend"]["method"], "carry_forward");
        assert_eq!(groups[3]["host"], "icb-1");

        let outcome = evaluate(&plan);
        // One unit for each pooled group, one per scheme of the per-scheme group (every fourth
        // scheme, from the second).
        let own = (0..schemes).filter(|s| s % 4 == 1).count();
        assert_eq!(outcome.units.len(), 3 + own);
        assert_eq!(outcome.contracts.len(), schemes.div_ceil(5));
        assert!(
            !outcome.settlement.is_empty(),
            "partners settle with the hosts"
        );
    }
}

#[test]
fn the_same_size_gives_the_same_plan() {
    let a = to_file_text(&pool(250));
    assert_eq!(a, to_file_text(&pool(250)));
    assert_ne!(a, to_file_text(&pool(251)));
}

#[test]
fn the_national_set_has_a_pool_per_board_each_valid() {
    let plans = national();
    assert_eq!(plans.len(), NATIONAL_POOLS);
    for plan in &plans {
        let partners = plan["partners"].as_array().unwrap();
        let councils = partners.iter().filter(|p| p["kind"] == "council").count();
        let icbs = partners.iter().filter(|p| p["kind"] == "icb").count();
        assert_eq!((councils, partners.len() - councils - icbs), (1, 0));
        assert!((1..=3).contains(&icbs), "{icbs} ICBs");
        assert!((20..=150).contains(&count(plan, "schemes")));
        evaluate(plan);
    }
    assert_eq!(to_file_text(&plans[152]), to_file_text(&national()[152]));
}

#[test]
fn a_generated_workspace_has_the_entries_asked_for_and_verifies() {
    let dir = TempDir::new("workload");
    let path = dir.path("w.pooled");
    let shape = WorkspaceShape {
        plans: 3,
        scenarios: 8,
        entries: 1_250,
    };
    let made = build_workspace(&path, shape).unwrap();
    assert_eq!((made.plans, made.scenarios, made.entries), (3, 8, 1_250));
    assert_eq!(made.changes, 1_250 - 1 - 8);

    let ws = Workspace::open(&path, "Tester").unwrap();
    assert_eq!(ws.history(None).unwrap().len(), 1_250);
    assert_eq!(ws.plans().unwrap().len(), 3);
    let (entries, changes, _, scenarios) = verified_counts(&ws);
    assert_eq!((entries, changes, scenarios), (1_250, 1_241, 8));
}

/// `pooled generate` writes exactly what the library makes.
#[cfg(feature = "workload")]
#[test]
fn generate_writes_the_workloads_the_library_makes() {
    let dir = TempDir::new("generate");
    let cli = pooled();
    assert_eq!(
        cli.ok(&["generate", "pool", "--schemes", "25"]),
        to_file_text(&pool(25))
    );
    let file = dir.path("pool.plan.json");
    let said = cli.ok(&[
        "generate",
        "pool",
        "--schemes",
        "25",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(said.starts_with("Wrote a plan with 25 schemes"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        to_file_text(&pool(25))
    );

    let folder = dir.path("national");
    let said = cli.ok(&["generate", "national", "--dir", folder.to_str().unwrap()]);
    assert_eq!(said, format!("Wrote 153 plans to {}.\n", folder.display()));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), NATIONAL_POOLS);
    assert_eq!(
        std::fs::read_to_string(folder.join("area-153.plan.json")).unwrap(),
        to_file_text(&national()[152])
    );

    let path = dir.path("w.pooled");
    let said = cli.ok(&[
        "generate",
        "workspace",
        "-o",
        path.to_str().unwrap(),
        "--plans",
        "2",
        "--scenarios",
        "3",
        "--entries",
        "40",
    ]);
    assert_eq!(
        said,
        format!(
            "Built {}: 2 plans, 3 scenarios, 36 changes, 40 audit entries.\n",
            path.display()
        )
    );
    let ws = Workspace::open(&path, "Tester").unwrap();
    assert_eq!(verified_counts(&ws), (40, 36, 0, 3));
}

/// The shipped command line has no `pooled generate`.
#[cfg(not(feature = "workload"))]
#[test]
fn the_shipped_command_line_does_not_generate_workloads() {
    let out = pooled().expect(1, &["generate", "pool", "--schemes", "10"]);
    out.complains("unrecognized subcommand 'generate'");
    assert_eq!(out.stdout, "");
}
