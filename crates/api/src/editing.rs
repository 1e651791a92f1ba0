//! Changing drafts: edits from the window (one action, many edits), previews while someone is
//! typing, and one change at a time from the command line.

use pooled_core::assess::{Assessment, assess_document, assess_plan};
use pooled_core::figures::{Figures, SchemeTotals, figures, totals_of_schemes};
use pooled_core::findings::{Code, Finding};
use pooled_core::history::{RecordedChange, read_changes};
use pooled_core::outcome::Rejection;
use pooled_core::plan::edit::{self, Edit, EditKind, exact_value};
use pooled_core::plan::path::PlanPath;
use pooled_core::plan::{Plan, PlanDocument, validate};
use pooled_core::rule_reading::{GroupReading, group_readings};
use pooled_store::{Revision, ScenarioId, Workspace};

use crate::AppError;
use crate::views::{ChangeReport, EditRequest, EditResult, PartnerMove, PreviewView};

/// A path as a person or the window wrote it.
pub fn parse_path(text: &str) -> Result<PlanPath, AppError> {
    PlanPath::parse(text)
        .map_err(|e| AppError::new("A-BAD-PATH", format!("The change was not made: {e}.")))
}

fn to_edits(requests: &[EditRequest]) -> Result<Vec<Edit>, AppError> {
    requests
        .iter()
        .map(|r| Ok(Edit::new(r.op, parse_path(&r.path)?, r.value.clone())))
        .collect()
}

/// Saves edits made at `revision` as one action with an optional reason; returns the new
/// revision and outcome, with the document when an edit inserted or removed something.
pub fn edit(
    ws: &mut Workspace,
    id: ScenarioId,
    revision: Revision,
    edits: &[EditRequest],
    reason: Option<&str>,
) -> Result<EditResult, AppError> {
    let saved = ws.save_edits(id, revision, &to_edits(edits)?, reason)?;
    let reshaped = edits.iter().any(|e| e.op != EditKind::Set);
    let read = Read::of_plan(&saved.document, &saved.plan);
    Ok(EditResult {
        assessment: read.assessment,
        figures: read.figures,
        readings: read.readings.unwrap_or_default(),
        summary: ws.summary(id)?,
        document: reshaped.then_some(saved.document),
    })
}

/// A document read for the window: its outcome or errors, its figures, and (when it has no
/// errors) its rules in words.
pub(crate) struct Read {
    pub assessment: Assessment,
    pub figures: Figures,
    pub readings: Option<Vec<GroupReading>>,
}

impl Read {
    pub fn of(document: &PlanDocument) -> Read {
        match validate(document) {
            Ok(plan) => Read::of_plan(document, &plan),
            Err(errors) => Read {
                figures: figures(document, None),
                assessment: Assessment::Rejected(Rejection::new(errors)),
                readings: None,
            },
        }
    }

    fn of_plan(document: &PlanDocument, plan: &Plan) -> Read {
        let assessment = assess_plan(plan);
        let outcome = match &assessment {
            Assessment::Evaluated(outcome) => Some(&**outcome),
            Assessment::Rejected(_) => None,
        };
        Read {
            figures: figures(document, outcome),
            readings: Some(group_readings(plan)),
            assessment,
        }
    }
}

/// The totals of some of a scenario's schemes, by id: the window's schemes table when a filter
/// leaves others out.
pub fn scheme_totals(
    ws: &Workspace,
    id: ScenarioId,
    scheme_ids: &[String],
) -> Result<SchemeTotals, AppError> {
    let document = ws.scenario(id)?.document;
    Ok(totals_of_schemes(&figures(&document, None), scheme_ids))
}

/// The outcome the scenario would have with these edits, saving nothing: what the window shows
/// while someone is still typing.
pub fn preview(
    ws: &Workspace,
    id: ScenarioId,
    edits: &[EditRequest],
) -> Result<PreviewView, AppError> {
    let mut document: PlanDocument = ws.scenario(id)?.document;
    for e in to_edits(edits)? {
        match edit::apply(&document, &e) {
            Ok(edited) => document = edited.document,
            Err(error) => {
                let finding = Finding::new(Code::Format, e.path.to_string(), error.to_string());
                return Ok(PreviewView {
                    assessment: Assessment::Rejected(Rejection::new(vec![finding])),
                    figures: figures(&document, None),
                    readings: None,
                });
            }
        }
    }
    let read = Read::of(&document);
    Ok(PreviewView {
        assessment: read.assessment,
        figures: read.figures,
        readings: read.readings,
    })
}

/// One change typed on the command line (`pooled set 2 'schemes[id=S01].forecast' 1.00`), made
/// at the scenario's current revision. `value` is JSON, or plain text for a name.
pub fn change(
    ws: &mut Workspace,
    id: ScenarioId,
    op: EditKind,
    path: &str,
    value: Option<&str>,
    reason: Option<&str>,
) -> Result<ChangeReport, AppError> {
    let edit = Edit::new(op, parse_path(path)?, value.map(exact_value));
    let before = ws.scenario(id)?;
    ws.edit(id, before.revision, &[edit], reason)?;
    let after = ws.scenario(id)?;
    let history = ws.scenario_history(id)?;
    let recorded: Vec<_> = history.changes.iter().map(recorded).collect();
    let mut readings = read_changes(&history.base, &recorded);
    let readings = readings
        .split_off(readings.len().saturating_sub(1))
        .into_iter()
        .map(|r| r.text)
        .collect();
    let partners = partner_moves(&before.document, &after.document);
    Ok(ChangeReport {
        summary: after.summary,
        readings,
        partners,
    })
}

/// A stored change as the core reads it.
pub(crate) fn recorded(change: &pooled_store::ChangeRecord) -> RecordedChange<'_> {
    RecordedChange {
        op: change.op,
        path: &change.path,
        position: change.position,
        before: change.before.as_ref(),
        after: change.after.as_ref(),
        reason: change.reason.as_deref(),
        action: change.at.as_str(),
    }
}

/// Each partner's final cost before and after, partners of either plan, those of the new plan
/// first.
fn partner_moves(before: &PlanDocument, after: &PlanDocument) -> Vec<PartnerMove> {
    let costs = |document: &PlanDocument| match assess_document(document) {
        Assessment::Evaluated(outcome) => outcome
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.final_cost))
            .collect(),
        Assessment::Rejected(_) => Vec::new(),
    };
    let (old, new) = (costs(before), costs(after));
    let cost =
        |costs: &[(String, _)], id: &str| costs.iter().find(|(p, _)| p == id).map(|(_, m)| *m);
    let gone = before
        .partners
        .iter()
        .filter(|p| !after.partners.iter().any(|q| q.id == p.id));
    after
        .partners
        .iter()
        .chain(gone)
        .map(|p| PartnerMove {
            name: p.name.clone(),
            before: cost(&old, &p.id),
            after: cost(&new, &p.id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use pooled_core::money::Money;
    use pooled_store::Workspace;
    use serde_json::json;

    use super::*;
    use crate::{scenario, session};

    fn demo(name: &str) -> (std::path::PathBuf, Workspace, ScenarioId) {
        let dir = std::env::temp_dir().join(format!("pooled-api-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut ws = Workspace::create(&dir.join("w.pooled"), "Test").unwrap();
        let id = session::import_demo(&mut ws).unwrap();
        (dir, ws, id)
    }

    fn set(path: &str, value: serde_json::Value) -> EditRequest {
        EditRequest {
            op: EditKind::Set,
            path: path.to_owned(),
            value: Some(value),
        }
    }

    #[test]
    fn the_window_is_sent_figures_and_readings_with_every_view() {
        let (dir, mut ws, id) = demo("figures");
        let view = scenario(&ws, id).unwrap();
        assert_eq!(view.figures.schemes.len(), view.document.schemes.len());
        assert_eq!(view.readings.len(), 3);
        let Assessment::Evaluated(outcome) = &view.assessment else {
            panic!("the demo plan has an outcome");
        };
        assert_eq!(view.figures.totals.budget, Some(outcome.totals.budget));

        let edited = edit(
            &mut ws,
            id,
            view.revision,
            &[set("schemes[id=NB01].forecast", json!("1.00"))],
            None,
        )
        .unwrap();
        assert_eq!(
            edited.figures.schemes[0].forecast,
            Money::parse("1.00").ok()
        );
        assert_eq!(edited.readings, view.readings);
        assert!(edited.document.is_none());

        // Typing that leaves an error: no outcome and no readings, but each scheme's figures.
        let typing = preview(&ws, id, &[set("schemes[id=NB02].forecast", json!("1.001"))]).unwrap();
        assert!(matches!(typing.assessment, Assessment::Rejected(_)));
        assert_eq!(typing.readings, None);
        assert_eq!(typing.figures.schemes[1].forecast, None);
        assert_eq!(
            typing.figures.schemes[0].forecast,
            Money::parse("1.00").ok()
        );
        assert!(typing.figures.schemes[1].budget.is_some());

        // Totals of the schemes a filter leaves.
        let two = scheme_totals(&ws, id, &["NB01".into(), "NB02".into()]).unwrap();
        let (a, b) = (&edited.figures.schemes[0], &edited.figures.schemes[1]);
        assert_eq!(two.count, 2);
        assert_eq!(
            two.budget,
            Some(a.budget.unwrap().checked_add(b.budget.unwrap()).unwrap())
        );
        drop(ws);
        let _ = std::fs::remove_dir_all(dir);
    }
}
