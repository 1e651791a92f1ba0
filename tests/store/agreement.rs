//! Agreed versions: frozen by code and by triggers, sign-offs, branching and supersession, and
//! what plain SQL can still do to them.

use pooled_core::hashing::{canonical_json, sha256_hex};
use pooled_store::{AuditAction, Revision, ScenarioId, Status, Workspace};
use pooled_testkit::TempDir;
use pooled_testkit::plans::{evaluated, pence, set};
use pooled_testkit::store::{change, code, entries_of, snapshot, sqlite_error, verified_counts};
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::{fixed, save_m6_forecast, signoffs};

#[test]
fn an_agreed_version_is_frozen_by_code_and_by_triggers() {
    let dir = TempDir::new("agree");
    let (mut ws, id) = fixed(&dir);
    let file = ws.path().to_owned();
    // S05 has no forecast (it is on budget); writing its budget as the forecast records a change
    // while leaving the outcome as the worked example's.
    change(
        &mut ws,
        id,
        "schemes[4].forecast",
        "1734710.00",
        Some("DFG on budget"),
    );
    assert_eq!(ws.changes(id).unwrap()[0].before, None);
    ws.describe(
        id,
        Some("Agreed budget"),
        Some("As signed at the March board"),
    )
    .unwrap();

    let agreed = ws.agree(id, Revision(1), &signoffs()).unwrap();
    assert_eq!(agreed.scenario_id, id);
    assert_eq!(agreed.agreed_by, "Priya Shah");
    assert_eq!(agreed.signoffs, signoffs());
    assert_eq!(agreed.document_sha256, sha256_hex(&agreed.document));
    assert_eq!(agreed.outcome_sha256, sha256_hex(&agreed.outcome));
    assert_eq!(
        agreed.document,
        canonical_json(&ws.scenario(id).unwrap().document)
    );
    assert_eq!(
        agreed.outcome,
        canonical_json(&evaluated(ws.assessment(id).unwrap()))
    );
    assert_eq!(ws.agreed_version(id).unwrap(), Some(agreed.clone()));
    let frozen: Value = serde_json::from_str(&agreed.outcome).unwrap();
    assert_eq!(frozen["partners"][0]["final_cost"], "9947444.00");
    assert_eq!(frozen["settlement"][0]["amount"], "300000.00");

    let raw = Connection::open(&file).unwrap();
    let (stored_doc, stored_outcome, doc_sha, outcome_sha): (String, String, String, String) = raw
        .query_row("SELECT document, outcome, document_sha256, outcome_sha256 FROM agreements WHERE scenario_id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(doc_sha, sha256_hex(&stored_doc));
    assert_eq!(outcome_sha, sha256_hex(&stored_outcome));
    assert_eq!(
        (doc_sha.as_str(), outcome_sha.as_str()),
        (
            agreed.document_sha256.as_str(),
            agreed.outcome_sha256.as_str()
        )
    );
    let scenario_doc: String = raw
        .query_row("SELECT document FROM scenarios WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sha256_hex(&scenario_doc), agreed.document_sha256);
    let summary = &ws.scenarios(None).unwrap()[0];
    assert_eq!(
        (summary.status, summary.name.as_str()),
        (Status::Agreed, "Agreed budget")
    );

    // Money in agreed_positions is INTEGER pence, equal to the outcome's.
    let positions: Vec<(String, [String; 4], [i64; 4])> = raw
        .prepare(
            "SELECT partner_id, typeof(contribution_pence), typeof(overspend_share_pence), typeof(underspend_share_pence),
             typeof(final_cost_pence), contribution_pence, overspend_share_pence, underspend_share_pence, final_cost_pence
             FROM agreed_positions WHERE scenario_id = ?1 ORDER BY position",
        )
        .unwrap()
        .query_map([id], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?], [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?]))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(positions.len(), 2);
    for (_, types, _) in &positions {
        assert_eq!(types, &["integer", "integer", "integer", "integer"]);
    }
    assert_eq!(positions[0].0, "council");
    assert_eq!(
        positions[0].2,
        [
            pence("9647444.00"),
            pence("300000.00"),
            0,
            pence("9947444.00")
        ]
    );
    assert_eq!(positions[1].0, "ccg");
    assert_eq!(
        positions[1].2,
        [
            pence("14120468.00"),
            pence("300000.00"),
            0,
            pence("14420468.00")
        ]
    );
    let expected = evaluated(ws.assessment(id).unwrap());
    for (p, (partner, _, pence)) in expected.partners.iter().zip(&positions) {
        assert_eq!(&p.id, partner);
        assert_eq!(
            *pence,
            [
                p.contribution.pence(),
                p.overspend_share.pence(),
                p.underspend_share.pence(),
                p.final_cost.pence()
            ]
        );
    }

    // The app refuses.
    assert_eq!(
        code(ws.edit(id, Revision(0), &[set("schemes[0].forecast", "1.00")], None)),
        "S-FROZEN"
    );
    assert_eq!(code(ws.describe(id, Some("renamed"), None)), "S-FROZEN");
    assert_eq!(code(ws.agree(id, Revision(0), &signoffs())), "S-FROZEN");
    assert!(
        ws.edit(id, Revision(0), &[set("schemes[0].forecast", "1.00")], None)
            .unwrap_err()
            .to_string()
            .contains("is agreed")
    );

    // So does plain SQL.
    let refusals = [
        (format!("UPDATE agreements SET document = '{{}}' WHERE scenario_id = {id}"), "an agreed version can never be changed"),
        (format!("UPDATE agreements SET agreed_by = 'Mallory' WHERE scenario_id = {id}"), "an agreed version can never be changed"),
        ("DELETE FROM agreements".to_owned(), "an agreed version can never be deleted"),
        (format!("UPDATE scenarios SET document = replace(document, '4980000.00', '4000000.00') WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("UPDATE scenarios SET status = 'draft' WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("UPDATE scenarios SET name = 'renamed' WHERE id = {id}"), "an agreed or superseded scenario can never be changed"),
        (format!("DELETE FROM scenarios WHERE id = {id}"), "an agreed or superseded scenario can never be deleted"),
        ("DELETE FROM signoffs".to_owned(), "a sign-off can never be deleted"),
        ("UPDATE signoffs SET name = 'Mallory'".to_owned(), "a sign-off can never be changed"),
        ("UPDATE agreed_positions SET final_cost_pence = 0".to_owned(), "an agreed position can never be changed"),
        ("DELETE FROM agreed_positions".to_owned(), "an agreed position can never be deleted"),
        (format!("UPDATE changes SET after = '\"1.00\"' WHERE scenario_id = {id}"), "a recorded change can never be altered"),
        (format!("DELETE FROM changes WHERE scenario_id = {id}"), "a recorded change can never be deleted"),
        ("DELETE FROM changes".to_owned(), "a recorded change can never be deleted"),
        (
            format!(
                "INSERT INTO changes (scenario_id, revision, at, author, op, path, before, after, reason)
                 VALUES ({id}, 2, '2025-04-01T00:00:00.000Z', 'Mallory', 'set', 'schemes[0].forecast', '\"4980000.00\"', '\"1.00\"', NULL)"
            ),
            "only a draft can be changed",
        ),
        ("UPDATE audit SET detail = '{}' WHERE seq = 1".to_owned(), "the audit trail can never be altered"),
        ("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)".to_owned(), "the audit trail can never be deleted from"),
    ];
    for (sql, message) in &refusals {
        let error = sqlite_error(&raw, sql);
        assert!(
            error.contains(message),
            "{sql}\n  gave: {error}\n  wanted: {message}"
        );
    }
    // A draft's changes are just as append-only.
    let draft = ws.branch(id, "Next year's draft").unwrap();
    save_m6_forecast(&mut ws, draft);
    assert!(
        sqlite_error(&raw, "UPDATE changes SET after = '\"1.00\"'")
            .contains("a recorded change can never be altered")
    );
    assert!(
        sqlite_error(&raw, "DELETE FROM changes")
            .contains("a recorded change can never be deleted")
    );
    drop(raw);

    assert_eq!(verified_counts(&ws), (7, 2, 1, 2));
    assert_eq!(ws.agreed_version(id).unwrap(), Some(agreed));
}

#[test]
fn further_work_branches_from_the_agreed_version_and_a_newer_agreement_supersedes_it() {
    let dir = TempDir::new("supersede");
    let (mut ws, first) = fixed(&dir);
    save_m6_forecast(&mut ws, first);
    let agreed = ws.agree(first, Revision(1), &signoffs()).unwrap();

    let draft = ws.branch(first, "Q3 revision").unwrap();
    let branched = ws.scenario(draft).unwrap();
    assert_eq!(branched.status, Status::Draft);
    assert_eq!(branched.branched_from, Some(first));
    assert_eq!(branched.revision, Revision(0));
    assert_eq!(branched.plan_id, ws.scenario(first).unwrap().plan_id);
    assert_eq!(branched.document, ws.scenario(first).unwrap().document);
    assert_eq!(canonical_json(&branched.document), agreed.document);
    assert!(ws.changes(draft).unwrap().is_empty());

    change(
        &mut ws,
        draft,
        "schemes[1].forecast",
        "5500000.00",
        Some("Q3 forecast"),
    );
    let newer = ws.agree(draft, Revision(1), &signoffs()[..1]).unwrap();
    assert_ne!(newer.document_sha256, agreed.document_sha256);
    let statuses: Vec<(ScenarioId, Status)> = ws
        .scenarios(None)
        .unwrap()
        .iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(
        statuses,
        [(first, Status::Superseded), (draft, Status::Agreed)]
    );
    // The superseded version is still there, unchanged, and still frozen.
    assert_eq!(ws.agreed_version(first).unwrap(), Some(agreed));
    assert_eq!(
        code(ws.edit(
            first,
            Revision(1),
            &[set("schemes[0].forecast", "1.00")],
            None
        )),
        "S-FROZEN"
    );
    assert_eq!(code(ws.agree(first, Revision(1), &signoffs())), "S-FROZEN");
    let supersede = entries_of(&ws, first, AuditAction::Supersede);
    assert_eq!(supersede.len(), 1);
    assert_eq!(supersede[0].detail, json!({"by": draft}));
    let agree_entry = &entries_of(&ws, draft, AuditAction::Agree)[0];
    assert_eq!(agree_entry.detail["supersedes"], json!([first]));

    // Plain SQL cannot bring a superseded version back.
    let raw = Connection::open(ws.path()).unwrap();
    let error = sqlite_error(
        &raw,
        &format!("UPDATE scenarios SET status = 'agreed' WHERE id = {first}"),
    );
    assert!(
        error.contains("an agreed or superseded scenario can never be changed"),
        "{error}"
    );
    assert_eq!(verified_counts(&ws), (8, 2, 2, 2));
}

#[test]
fn sign_offs_must_be_complete() {
    let dir = TempDir::new("signoffs");
    let (mut ws, id) = fixed(&dir);
    let before = snapshot(&ws);
    assert_eq!(code(ws.agree(id, Revision(0), &[])), "S-BAD-SIGNOFF");
    let mut undated = signoffs();
    undated[2].date = "28/03/2025".into();
    let err = ws.agree(id, Revision(0), &undated).unwrap_err();
    assert_eq!(err.code(), "S-BAD-SIGNOFF");
    assert!(
        err.to_string().contains("Sign-off 3 (Ruth Okafor)"),
        "{err}"
    );
    let mut nameless = signoffs();
    nameless[1].role = "  ".into();
    assert_eq!(
        ws.agree(id, Revision(0), &nameless)
            .unwrap_err()
            .to_string(),
        "Sign-off 2 has no role."
    );
    assert_eq!(snapshot(&ws), before);
    assert_eq!(ws.agreed_version(id).unwrap(), None);
}

/// The fixed example agreed as imported, and a plain SQL connection to its file.
fn agreed_as_imported(dir: &TempDir) -> (Workspace, ScenarioId, Connection) {
    let (mut ws, id) = fixed(dir);
    ws.agree(id, Revision(0), &signoffs()).unwrap();
    let raw = Connection::open(ws.path()).unwrap();
    (ws, id, raw)
}

/// Found while writing these tests: the `signoffs_only_at_agreement` trigger lets anyone add a
/// sign-off to an agreed version with plain SQL, because it checks only that the scenario is
/// agreed, not that the agreement is being made. `verify` does notice the extra sign-off.
#[test]
fn plain_sql_cannot_add_a_sign_off_to_an_agreed_version() {
    let dir = TempDir::new("extra-signoff");
    let (_ws, id, raw) = agreed_as_imported(&dir);
    let result = raw.execute(
        "INSERT INTO signoffs (scenario_id, position, name, role, organisation, signed_on)
         VALUES (?1, 3, 'Mallory', 'Director', 'Nowhere', '2025-03-29')",
        [id],
    );
    assert!(
        result.is_err(),
        "a fourth sign-off was added to an agreed version with plain SQL"
    );
}

/// Found while writing these tests: plain SQL can mark an agreed version superseded without any
/// newer agreement (the `frozen_scenarios` trigger lets agreed → superseded through, as
/// `agree` needs), and `verify` does not check statuses, so it reports the workspace intact.
#[test]
fn plain_sql_cannot_quietly_supersede_an_agreed_version() {
    let dir = TempDir::new("quiet-supersede");
    let (ws, id, raw) = agreed_as_imported(&dir);
    let refused = raw
        .execute(
            "UPDATE scenarios SET status = 'superseded' WHERE id = ?1",
            [id],
        )
        .is_err();
    let report = ws.verify().unwrap();
    assert!(
        refused || !report.is_intact(),
        "agreed version {id} is now superseded by nothing, and verify says {report:?}"
    );
}
