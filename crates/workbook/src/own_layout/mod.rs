//! Pooled's own workbook (spec §2): the plan's sheets (`Plan`, `Partners`, `Income`,
//! `Expenditure`, `Risk share`, `Risk rules`, `Risk caps`, `Risk offsets`, `Contracts`,
//! `Requirements`) and the outcome's, written from a plan and read back to an equal plan.

pub mod read;
pub mod write;

use crate::book::Book;
use crate::text::normalise;

/// Whether a book is in Pooled's own layout: a sheet named `Plan` whose `Format` field is
/// `pooled-plan/1`.
pub fn is_own_layout(book: &Book) -> bool {
    let Some(plan) = book
        .sheets
        .iter()
        .find(|s| s.name.as_deref().is_some_and(|n| normalise(n) == "plan"))
    else {
        return false;
    };
    plan.rows.iter().any(|row| {
        matches!(row.first(), Some(crate::book::Cell::Text(f)) if normalise(f) == "format")
            && matches!(row.get(1), Some(crate::book::Cell::Text(v)) if v.trim() == "pooled-plan/1")
    })
}
