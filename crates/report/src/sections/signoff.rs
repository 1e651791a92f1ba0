//! Section 7: who signed the agreed version, or lines for the signatures a draft needs.

use super::Ctx;
use crate::layout::{Block, Column, RowKind, Table};
use crate::{PaperStatus, long_date};
use pooled_core::dates::parse_iso_date;
use pooled_core::plan::kinds::PartnerKind;

pub(super) fn blocks(ctx: &Ctx) -> Vec<Block> {
    let mut blocks = vec![Block::heading(1, "7. Sign-off")];
    match &ctx.input.status {
        PaperStatus::Agreed { date, signoffs, .. } => {
            blocks.push(Block::para(format!(
                "This version was agreed on {} and signed off by:",
                long_date(*date)
            )));
            let mut table = Table::new(vec![
                Column::text("Name", 1.0),
                Column::text("Role", 1.2),
                Column::text("Organisation", 1.4),
                Column::short("Date signed"),
            ]);
            for s in signoffs {
                let signed = parse_iso_date(&s.date).map_or_else(|| s.date.clone(), long_date);
                table.row(
                    RowKind::Body,
                    vec![
                        s.name.clone(),
                        s.role.clone(),
                        s.organisation.clone(),
                        signed,
                    ],
                );
            }
            blocks.push(Block::Table(table));
        }
        PaperStatus::Draft => {
            blocks.push(Block::para(
                "To be signed when the board agrees the allocation. Once agreed, the version is \
                 frozen in the workspace with these sign-offs and cannot be changed.",
            ));
            blocks.push(Block::Signatures(roles(ctx)));
        }
    }
    vec![Block::Keep(blocks)]
}

/// The pooled fund manager at the host, each NHS partner's chief finance officer and each
/// council's Section 151 officer.
fn roles(ctx: &Ctx) -> Vec<String> {
    let plan = ctx.plan;
    let mut roles = vec![format!("Pooled fund manager, {}", ctx.partner(plan.host))];
    let nhs: Vec<String> = plan
        .partners
        .iter()
        .filter(|p| p.kind.is_nhs())
        .map(|p| format!("{} chief finance officer, {}", p.kind.label(), p.name))
        .collect();
    let councils: Vec<&str> = plan
        .partners
        .iter()
        .filter(|p| p.kind == PartnerKind::Council)
        .map(|p| p.name.as_str())
        .collect();
    if nhs.is_empty() {
        roles.push("ICB chief finance officer".to_owned());
    }
    roles.extend(nhs);
    if councils.is_empty() {
        roles.push("Section 151 officer (council)".to_owned());
    }
    roles.extend(councils.iter().map(|n| format!("Section 151 officer, {n}")));
    roles
}
