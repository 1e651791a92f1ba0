//! The benchmark workloads (`pooled generate`): every generated plan is valid, evaluates and has
//! the shape the benchmarks promise; the same arguments give the same bytes; the generated
//! workspace has the entries asked for and its audit trail verifies.

use pooled_core::outcome::Outcome;
use pooled_core::{Assessment, assess_bytes};
use pooled_store::Workspace;
use pooled_workload::{self, NATIONAL_POOLS, WorkspaceShape};
use serde_json::Value;

fn evaluate(plan: &Value) -> Outcome {
    match assess_bytes(workload::to_file_text(plan).as_bytes()) {
        Assessment::Evaluated(outcome) => *outcome,
        Assessment::Rejected(r) => panic!("the generated plan has errors: {:?}", r.findings),
    }
}

fn count(plan: &Value, list: &str) -> usize {
    plan[list].as_array().map_or(0, Vec::len)
}

#[test]
fn pools_of_every_size_are_valid_with_the_promised_shape() {
    for schemes in [10, 100, 1000] {
        let plan = workload::pool(schemes);
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
    let a = workload::to_file_text(&workload::pool(250));
    assert_eq!(a, workload::to_file_text(&workload::pool(250)));
    assert_ne!(a, workload::to_file_text(&workload::pool(251)));
}

#[test]
fn the_national_set_has_a_pool_per_board_each_valid() {
    let plans = workload::national();
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
    assert_eq!(
        workload::to_file_text(&plans[152]),
        workload::to_file_text(&workload::national()[152])
    );
}

#[test]
fn a_generated_workspace_has_the_entries_asked_for_and_verifies() {
    let dir = std::env::temp_dir().join(format!("pooled-workload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("w.pooled");
    let shape = WorkspaceShape {
        plans: 3,
        scenarios: 8,
        entries: 1_250,
    };
    let made = workload::build_workspace(&path, shape).unwrap();
    assert_eq!((made.plans, made.scenarios, made.entries), (3, 8, 1_250));
    assert_eq!(made.changes, 1_250 - 1 - 8);

    let ws = Workspace::open(&path, "Tester").unwrap();
    assert_eq!(ws.history(None).unwrap().len(), 1_250);
    assert_eq!(ws.plans().unwrap().len(), 3);
    let report = ws.verify().unwrap();
    assert!(report.is_intact(), "{:?}", report.broken);
    assert_eq!(
        (report.entries, report.changes, report.scenarios),
        (1_250, 1_241, 8)
    );
    drop(ws);
    std::fs::remove_dir_all(&dir).unwrap();
}
