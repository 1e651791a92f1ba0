//! Scenarios side by side: the window's comparison of two to four, and `pooled diff`.

use pooled_core::compare::compare;
use pooled_store::{ScenarioId, Workspace};

use crate::AppError;
use crate::views::{ComparisonView, DiffView};

/// Compares the first scenario with each of the others (two to four in all).
pub fn compare_scenarios(
    ws: &Workspace,
    ids: &[ScenarioId],
) -> Result<Vec<ComparisonView>, AppError> {
    if !(2..=4).contains(&ids.len()) {
        return Err(AppError::new(
            "A-COMPARE",
            format!(
                "Choose two to four scenarios to compare; {} chosen.",
                ids.len()
            ),
        ));
    }
    let documents = ids
        .iter()
        .map(|&id| ws.scenario(id).map(|s| s.document))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(documents[1..]
        .iter()
        .zip(&ids[1..])
        .map(|(right, &right_id)| ComparisonView {
            left: ids[0],
            right: right_id,
            comparison: compare(&documents[0], right),
        })
        .collect())
}

/// Two scenarios compared, with their summaries and the names of their partners and schemes.
pub fn diff(ws: &Workspace, left: ScenarioId, right: ScenarioId) -> Result<DiffView, AppError> {
    let (l, r) = (ws.scenario(left)?, ws.scenario(right)?);
    let comparison = compare(&l.document, &r.document);
    let names = [&r.document, &l.document]
        .into_iter()
        .flat_map(|d| {
            let partners = d.partners.iter().map(|p| (p.id.clone(), p.name.clone()));
            let schemes = d.schemes.iter().map(|s| (s.id.clone(), s.name.clone()));
            partners.chain(schemes).collect::<Vec<_>>()
        })
        .collect();
    Ok(DiffView {
        left: l.summary,
        right: r.summary,
        comparison,
        names,
    })
}
