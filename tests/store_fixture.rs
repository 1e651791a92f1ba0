//! The version-1 workspace kept in `fixtures/workspace-v1.pooled`: every later version of Pooled
//! must open it, migrate a copy to its own schema, and find it intact.
//!
//! Regenerate it (only ever with the version-1 code) with
//! `cargo test --test store_fixture -- --ignored`.

use std::path::{Path, PathBuf};

use pooled_store::{PlanId, Revision, SCHEMA_VERSION, ScenarioId, Status, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::fixtures::root;
use pooled_testkit::plans::{set, signoffs};
use pooled_testkit::store::{
    actions, change, header_user_version, import, query_value, sidecar, verified_counts,
};
use rusqlite::Connection;
use serde_json::json;

fn fixture_path() -> PathBuf {
    root().join("fixtures/workspace-v1.pooled")
}

/// The version the committed fixture was written at.
const FIXTURE_VERSION: i64 = 1;

#[test]
#[ignore = "regenerates fixtures/workspace-v1.pooled; run only with the version-1 code"]
fn generate_workspace_v1_fixture() {
    assert_eq!(
        SCHEMA_VERSION, FIXTURE_VERSION,
        "the fixture must be written by version-1 code"
    );
    let path = fixture_path();
    for file in [path.clone(), sidecar(&path, "-wal"), sidecar(&path, "-shm")] {
        let _ = std::fs::remove_file(file);
    }
    {
        let mut ws = Workspace::create(&path, "Priya Shah").unwrap();
        // Plan 1, scenario 1; plan 2, scenario 2.
        let baseline = import(&mut ws, "fixed-50-50");
        let rotherham = import(&mut ws, "two-hosts-reserve-caps");
        change(
            &mut ws,
            baseline,
            "schemes[0].forecast",
            "5000000.01",
            Some("M6 forecast"),
        );
        ws.edit(
            baseline,
            Revision(1),
            &[
                set("schemes[2].forecast", "6900000.00"),
                set("schemes[3].forecast", "5190000.00"),
            ],
            Some("Winter pressures"),
        )
        .unwrap();
        ws.describe(
            baseline,
            Some("Month 6"),
            Some("Forecasts as reported at month 6"),
        )
        .unwrap();
        change(
            &mut ws,
            rotherham,
            "schemes[1].forecast",
            "5700000.00",
            None,
        );
        // Scenario 3, branched from the month 6 draft before it is agreed.
        let q3 = ws.branch(baseline, "Q3 revision").unwrap();
        change(
            &mut ws,
            q3,
            "schemes[1].forecast",
            "5550000.00",
            Some("Home care activity down in Q3"),
        );
        ws.agree(baseline, Revision(3), &signoffs("2019-10-24"))
            .unwrap();
        ws.agree(q3, Revision(1), &signoffs("2020-01-30")[..])
            .unwrap();
        ws.record_export(q3, "outcome", "q3-revision.outcome.json")
            .unwrap();
        assert!(ws.verify().unwrap().is_intact());
    }
    {
        let conn = Connection::open(&path).unwrap();
        let (busy, _, _): (i64, i64, i64) = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(busy, 0);
    }
    assert!(
        !sidecar(&path, "-wal").exists() && !sidecar(&path, "-shm").exists(),
        "the fixture must be one self-contained file"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(header_user_version(&bytes), FIXTURE_VERSION);
}

#[test]
fn todays_code_opens_the_version_1_workspace() {
    let fixture = fixture_path();
    let original = std::fs::read(&fixture).expect("fixtures/workspace-v1.pooled is committed");
    assert_eq!(header_user_version(&original), FIXTURE_VERSION);

    let dir = TempDir::new("store-fixture");
    let copy = dir.path("workspace-v1.pooled");
    std::fs::copy(&fixture, &copy).unwrap();

    let result = std::panic::catch_unwind(|| check_copy(&copy));
    drop(dir);

    assert_eq!(
        std::fs::read(&fixture).unwrap(),
        original,
        "the committed fixture was modified"
    );
    assert!(!sidecar(&fixture, "-wal").exists() && !sidecar(&fixture, "-shm").exists());
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn check_copy(copy: &Path) {
    let ws = Workspace::open(copy, "Reviewer").unwrap();
    let version: i64 = query_value(&Connection::open(copy).unwrap(), "PRAGMA user_version");
    assert_eq!(version, SCHEMA_VERSION);

    assert_eq!(verified_counts(&ws), (14, 5, 2, 3));
    assert_eq!(ws.integrity_check().unwrap(), "ok");

    let plans: Vec<(PlanId, String, String, String)> = ws
        .plans()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.name, p.financial_year, p.created_by))
        .collect();
    assert_eq!(
        plans,
        [
            (
                PlanId(1),
                "Fixed 50:50 risk share (Telford & Wrekin 2019-20 shape)".to_owned(),
                "2019-20".to_owned(),
                "Priya Shah".to_owned()
            ),
            (
                PlanId(2),
                "Two pools, risk reserve and capped pro-rata shares (Rotherham 2015-16 shape)"
                    .to_owned(),
                "2015-16".to_owned(),
                "Priya Shah".to_owned()
            ),
        ]
    );

    let scenarios: Vec<(i64, i64, String, Status, Option<i64>, i64)> = ws
        .scenarios(None)
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                s.id.0,
                s.plan_id.0,
                s.name,
                s.status,
                s.branched_from.map(|b| b.0),
                s.revision.0,
            )
        })
        .collect();
    assert_eq!(
        scenarios,
        [
            (1, 1, "Month 6".to_owned(), Status::Superseded, None, 3),
            (2, 2, "Baseline".to_owned(), Status::Draft, None, 1),
            (3, 1, "Q3 revision".to_owned(), Status::Agreed, Some(1), 1),
        ]
    );
    assert_eq!(
        ws.scenario(ScenarioId(1)).unwrap().description,
        "Forecasts as reported at month 6"
    );

    // Recorded before list items were named by id: kept exactly as recorded, by position.
    let changes: Vec<serde_json::Value> = [1, 2, 3]
        .into_iter()
        .flat_map(|id| ws.changes(ScenarioId(id)).unwrap())
        .map(|c| {
            assert_eq!(c.position, None, "no position was recorded in version 1");
            json!([
                c.scenario_id,
                c.revision,
                c.author,
                c.path,
                c.before,
                c.after,
                c.reason
            ])
        })
        .collect();
    assert_eq!(
        changes,
        [
            json!([
                1,
                1,
                "Priya Shah",
                "schemes[0].forecast",
                "4980000.00",
                "5000000.01",
                "M6 forecast"
            ]),
            json!([
                1,
                2,
                "Priya Shah",
                "schemes[2].forecast",
                "6870468.00",
                "6900000.00",
                "Winter pressures"
            ]),
            json!([
                1,
                3,
                "Priya Shah",
                "schemes[3].forecast",
                "5180000.00",
                "5190000.00",
                "Winter pressures"
            ]),
            json!([
                2,
                1,
                "Priya Shah",
                "schemes[1].forecast",
                "5694000.00",
                "5700000.00",
                null
            ]),
            json!([
                3,
                1,
                "Priya Shah",
                "schemes[1].forecast",
                "5602734.00",
                "5550000.00",
                "Home care activity down in Q3"
            ]),
        ]
    );

    let month6 = ws.agreed_version(ScenarioId(1)).unwrap().unwrap();
    assert_eq!(month6.signoffs, signoffs("2019-10-24"));
    assert_eq!(month6.agreed_by, "Priya Shah");
    let q3 = ws.agreed_version(ScenarioId(3)).unwrap().unwrap();
    assert_eq!(q3.signoffs, signoffs("2020-01-30"));
    assert_eq!(ws.agreed_version(ScenarioId(2)).unwrap(), None);
    let outcome: serde_json::Value = serde_json::from_str(&q3.outcome).unwrap();
    // Forecast 24,367,912.00 + 20,000.01 + 29,532.00 + 10,000.00 - 52,734.00 = 24,374,710.01.
    assert_eq!(outcome["totals"]["forecast"], "24374710.01");
    assert_eq!(outcome["totals"]["variance"], "606798.01");

    assert_eq!(
        actions(&ws, None),
        [
            "create-workspace",
            "import",
            "import",
            "change",
            "change",
            "change",
            "describe",
            "change",
            "branch",
            "change",
            "agree",
            "supersede",
            "agree",
            "export"
        ]
    );
}
