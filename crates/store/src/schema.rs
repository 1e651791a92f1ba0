//! The workspace file's schema and its migrations, numbered by `PRAGMA user_version`.
//!
//! Each migration runs in one transaction together with its version bump, so a file is always at
//! exactly one version. A file from a newer version of Pooled is refused before anything in it
//! is touched.

use rusqlite::{Connection, TransactionBehavior};

/// Migrations in order; migration `i` takes the file from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The pragmas every connection gets: durable, checked and patient with other writers.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings the file up to [`SCHEMA_VERSION`], one migration per transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// Version 1: plans, scenarios, changes, agreed versions with sign-offs, and the audit trail.
/// Agreed versions and the logs are protected by triggers as well as by the code.
const V1: &str = r#"
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    financial_year TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    branched_from INTEGER REFERENCES scenarios(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'agreed', 'superseded')),
    -- The document the changes start from, and the current document (canonical JSON).
    base_document TEXT NOT NULL,
    document TEXT NOT NULL,
    -- How many changes have been applied: an edit made on an older revision is refused.
    revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX scenarios_by_plan ON scenarios(plan_id);

CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('set', 'insert', 'remove')),
    path TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT,
    UNIQUE (scenario_id, revision)
) STRICT;

CREATE TABLE agreements (
    scenario_id INTEGER PRIMARY KEY REFERENCES scenarios(id),
    agreed_at TEXT NOT NULL,
    agreed_by TEXT NOT NULL,
    document TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    outcome TEXT NOT NULL,
    outcome_sha256 TEXT NOT NULL,
    -- How many sign-offs and partner positions the agreement has: no more can be added later.
    signoff_count INTEGER NOT NULL CHECK (signoff_count >= 1),
    partner_count INTEGER NOT NULL CHECK (partner_count >= 1)
) STRICT;

CREATE TABLE signoffs (
    scenario_id INTEGER NOT NULL REFERENCES agreements(scenario_id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    PRIMARY KEY (scenario_id, position)
) STRICT;

-- Each partner's agreed position, in whole pence, for reporting straight from SQL.
CREATE TABLE agreed_positions (
    scenario_id INTEGER NOT NULL REFERENCES agreements(scenario_id),
    position INTEGER NOT NULL,
    partner_id TEXT NOT NULL,
    contribution_pence INTEGER NOT NULL,
    overspend_share_pence INTEGER NOT NULL,
    underspend_share_pence INTEGER NOT NULL,
    final_cost_pence INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, position)
) STRICT;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    plan_id INTEGER,
    scenario_id INTEGER,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

-- Agreed versions never change.
CREATE TRIGGER agreements_never_change BEFORE UPDATE ON agreements
BEGIN SELECT RAISE(ABORT, 'an agreed version can never be changed'); END;
CREATE TRIGGER agreements_never_deleted BEFORE DELETE ON agreements
BEGIN SELECT RAISE(ABORT, 'an agreed version can never be deleted'); END;
CREATE TRIGGER signoffs_never_change BEFORE UPDATE ON signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off can never be changed'); END;
CREATE TRIGGER signoffs_never_deleted BEFORE DELETE ON signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off can never be deleted'); END;
CREATE TRIGGER signoffs_only_at_agreement BEFORE INSERT ON signoffs
WHEN (SELECT status FROM scenarios WHERE id = NEW.scenario_id) IS NOT 'agreed'
    OR (SELECT COUNT(*) FROM signoffs WHERE scenario_id = NEW.scenario_id)
        >= (SELECT signoff_count FROM agreements WHERE scenario_id = NEW.scenario_id)
BEGIN SELECT RAISE(ABORT, 'sign-offs are recorded only when a version is agreed'); END;
CREATE TRIGGER positions_only_at_agreement BEFORE INSERT ON agreed_positions
WHEN (SELECT COUNT(*) FROM agreed_positions WHERE scenario_id = NEW.scenario_id)
    >= (SELECT partner_count FROM agreements WHERE scenario_id = NEW.scenario_id)
BEGIN SELECT RAISE(ABORT, 'agreed positions are recorded only when a version is agreed'); END;
CREATE TRIGGER positions_never_change BEFORE UPDATE ON agreed_positions
BEGIN SELECT RAISE(ABORT, 'an agreed position can never be changed'); END;
CREATE TRIGGER positions_never_deleted BEFORE DELETE ON agreed_positions
BEGIN SELECT RAISE(ABORT, 'an agreed position can never be deleted'); END;

-- A scenario that is not a draft is frozen: the only change allowed is agreed -> superseded,
-- and only once another version of the same plan has been agreed.
CREATE TRIGGER frozen_scenarios BEFORE UPDATE ON scenarios
WHEN OLD.status <> 'draft' AND NOT (
    OLD.status = 'agreed' AND NEW.status = 'superseded'
    AND EXISTS (SELECT 1 FROM scenarios s WHERE s.plan_id = OLD.plan_id AND s.id <> OLD.id AND s.status = 'agreed')
    AND NEW.id = OLD.id AND NEW.plan_id = OLD.plan_id AND NEW.name = OLD.name
    AND NEW.description = OLD.description AND NEW.branched_from IS OLD.branched_from
    AND NEW.base_document = OLD.base_document AND NEW.document = OLD.document
    AND NEW.revision = OLD.revision AND NEW.created_at = OLD.created_at
    AND NEW.created_by = OLD.created_by)
BEGIN SELECT RAISE(ABORT, 'an agreed or superseded scenario can never be changed'); END;
CREATE TRIGGER drafts_only_become_agreed BEFORE UPDATE OF status ON scenarios
WHEN OLD.status = 'draft' AND NEW.status <> 'draft' AND NEW.status <> 'agreed'
BEGIN SELECT RAISE(ABORT, 'a draft can only become agreed'); END;
CREATE TRIGGER frozen_scenarios_never_deleted BEFORE DELETE ON scenarios
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'an agreed or superseded scenario can never be deleted'); END;

-- Changes and the audit trail are append-only; changes are made to drafts only.
CREATE TRIGGER changes_only_to_drafts BEFORE INSERT ON changes
WHEN (SELECT status FROM scenarios WHERE id = NEW.scenario_id) IS NOT 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft can be changed'); END;
CREATE TRIGGER changes_never_change BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'a recorded change can never be altered'); END;
CREATE TRIGGER changes_never_deleted BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'a recorded change can never be deleted'); END;
CREATE TRIGGER audit_never_changes BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail can never be altered'); END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail can never be deleted from'); END;
"#;

/// Version 2: each change keeps the position of the list item it changed. Changes are recorded
/// by the item's identity (`schemes[id=S2].forecast`) since this version; the position is shown
/// beside it, and says where an inserted item was put, so that replaying it puts it back there.
/// Changes recorded before have none (their paths name positions, read against the plan of the
/// day; see `pooled_core::history`).
const V2: &str = r#"
ALTER TABLE changes ADD COLUMN position INTEGER CHECK (position IS NULL OR position >= 0);
"#;
