//! One risk-share unit, step by step: its variance, the weights, each band's slice and each
//! partner's share of it, caps and where the excess went, and the final shares. Every row adds
//! across to its total and every partner's column adds down to its final share.

use super::weights::{commissioned_row, short_label};
use super::{Ctx, same};
use crate::ReportError;
use crate::layout::{Block, Column, RowKind, Style, Table};
use pooled_core::money::Money;
use pooled_core::outcome::{Applied, UnitOutcome};
use pooled_core::plan::model::{Group, Rule};
use pooled_core::rule_reading::{Side, band_range};
use pooled_core::weight::Weight;

/// The blocks for one unit, compact for a unit of a group shared scheme by scheme: to be kept
/// together on a page.
pub(super) fn blocks(
    ctx: &Ctx,
    unit: &UnitOutcome,
    g: usize,
    group: &Group,
) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let compact = group.per_scheme;
    let schemes: Vec<usize> = (0..plan.schemes.len())
        .filter(|&s| {
            let scheme = &plan.schemes[s];
            scheme.group == g && (!compact || format!("{}/{}", group.id, scheme.id) == unit.id)
        })
        .collect();
    let figures = format!(
        "Budget {}, forecast outturn {}, variance {}{}.",
        unit.budget.to_uk(),
        unit.forecast.to_uk(),
        unit.variance.to_uk(),
        match unit.applied {
            Applied::Overspend => ", an overspend",
            Applied::Underspend => ", an underspend",
            Applied::None => "",
        }
    );
    let mut blocks = Vec::new();
    if compact {
        let name = schemes
            .first()
            .map_or("", |&s| plan.schemes[s].name.as_str());
        blocks.push(Block::styled(
            format!("Unit {}: {name}", unit.id),
            Style::bold(10.0),
            10.0,
        ));
        blocks.push(Block::styled(figures, Style::regular(9.5), 1.0));
    } else {
        blocks.push(Block::heading(3, format!("Unit {}", unit.id)));
        let ids: Vec<&str> = schemes
            .iter()
            .map(|&s| plan.schemes[s].id.as_str())
            .collect();
        let rule = match unit.applied {
            Applied::Overspend => " The overspend rule applies.",
            Applied::Underspend => " The underspend rule applies.",
            Applied::None => "",
        };
        blocks.push(Block::para(format!(
            "Schemes ({}): {}. Host: {}. {figures}{rule}",
            ids.len(),
            ids.join(", "),
            ctx.partner(group.host)
        )));
    }
    let (rule, side) = match unit.applied {
        Applied::Overspend => (&group.overspend, Side::Overspend),
        Applied::Underspend => (&group.underspend, Side::Underspend),
        Applied::None => {
            blocks.push(Block::note(
                "The forecast outturn equals the budget, so there is nothing to share.",
            ));
            return Ok(blocks);
        }
    };
    let _ = side;
    blocks.push(Block::Table(table(ctx, unit, group, rule, &schemes)?));
    Ok(blocks)
}

fn table(
    ctx: &Ctx,
    unit: &UnitOutcome,
    group: &Group,
    rule: &Rule,
    schemes: &[usize],
) -> Result<Table, ReportError> {
    let plan = ctx.plan;
    let n = plan.partners.len();
    let w = &unit.working;
    // Units of a group shared scheme by scheme follow one another: same column widths.
    let min = if group.per_scheme { 82.0 } else { 0.0 };
    let mut columns = vec![Column::text("Step", 2.2)];
    columns.extend((0..n).map(|p| Column::figure_at_least(ctx.partner(p), min)));
    columns.push(Column::figure_at_least("Total", min));
    let mut t = Table::new(columns);
    let money_row =
        |t: &mut Table, kind, label: String, cells: &[Money]| -> Result<(), ReportError> {
            let mut row = vec![label];
            row.extend(cells.iter().map(|m| m.to_uk()));
            row.push(Money::checked_sum(cells.iter().copied())?.to_uk());
            t.row(kind, row);
            Ok(())
        };

    let rules: Vec<&Rule> = match rule {
        Rule::Tiered(bands) => bands.iter().map(|b| &b.rule).collect(),
        other => vec![other],
    };
    let capped = !w.cap_rounds.is_empty();
    if rules.contains(&&Rule::ProRataContributions) || capped {
        money_row(
            &mut t,
            RowKind::Body,
            "Contribution to the unit's schemes (weights)".to_owned(),
            &w.contributions,
        )?;
    }
    if rules.contains(&&Rule::ProRataCommissioned) {
        t.row(RowKind::Body, commissioned_row(ctx, schemes));
    }
    if let Rule::Fixed(weights) = rule {
        let mut row = vec!["Fixed shares (weights)".to_owned()];
        row.extend(weights.iter().map(Weight::to_string));
        let sum = weights.iter().map(|x| x.millionths()).sum();
        row.push(Weight::from_millionths(sum).to_string());
        t.row(RowKind::Body, row);
    }

    let simple = w.slices.len() == 1
        && !capped
        && unit.uncovered.is_zero()
        && unit.carried_forward.is_zero();
    let side = if unit.applied == Applied::Overspend {
        "overspend"
    } else {
        "underspend"
    };
    let mut below = None;
    let mut before_caps = vec![Money::ZERO; n];
    for (k, slice) in w.slices.iter().enumerate() {
        let band_rule = rules.get(k).copied().unwrap_or(rule);
        let mut label = match rule {
            Rule::Tiered(_) => format!(
                "Band {}, {}: {}",
                k + 1,
                band_range(below, slice.up_to),
                short_label(ctx, band_rule, group.host)
            ),
            _ if simple => format!(
                "Share of the {side}: {}",
                short_label(ctx, band_rule, group.host)
            ),
            _ => format!("The {side}: {}", short_label(ctx, band_rule, group.host)),
        };
        below = slice.up_to;
        for (total, add) in before_caps.iter_mut().zip(&slice.shares) {
            *total = total.checked_add(*add)?;
        }
        let unshared = slice.zero_weights || *band_rule == Rule::CarryForward;
        if slice.zero_weights {
            label.push_str(" (every weight is zero, so it is not shared)");
        }
        let mut row = vec![label];
        if unshared && !slice.amount.is_zero() {
            row.extend((0..n).map(|_| "–".to_owned()));
        } else {
            row.extend(slice.shares.iter().map(|m| m.to_uk()));
        }
        row.push(slice.amount.to_uk());
        t.row(
            if simple {
                RowKind::Total
            } else {
                RowKind::Body
            },
            row,
        );
    }
    if simple {
        same(
            Money::checked_sum(before_caps.iter().copied())?,
            unit.variance,
            "a unit's shares",
        )?;
        return Ok(t);
    }
    // The parts of slices that were not shared, taken out of the total column so that it
    // adds down to the final shares.
    let blanks = || (0..n).map(|_| String::new());
    let unshared_over = Money::checked_sum(w.slices.iter().map(|s| s.uncovered))?;
    let unshared_under = Money::checked_sum(w.slices.iter().map(|s| s.carried_forward))?;
    if unshared_over.is_positive() {
        let mut row = vec!["Not shared: uncovered, paid by no partner".to_owned()];
        row.extend(blanks());
        row.push(unshared_over.checked_neg()?.to_uk());
        t.row(RowKind::Body, row);
    }
    if unshared_under.is_positive() {
        let mut row = vec!["Not returned: carried forward in the pool".to_owned()];
        row.extend(blanks());
        row.push(unshared_under.to_uk());
        t.row(RowKind::Body, row);
    }
    if capped && w.slices.len() > 1 {
        money_row(
            &mut t,
            RowKind::Subtotal,
            "Shares before caps".to_owned(),
            &before_caps,
        )?;
    }
    if capped {
        let mut row = vec!["Cap on a partner's share".to_owned()];
        row.extend(
            w.caps
                .iter()
                .map(|c| c.map_or_else(|| "no cap".to_owned(), Money::to_uk)),
        );
        row.push(String::new());
        t.row(RowKind::Body, row);
    }
    let mut running = before_caps;
    let mut is_capped = vec![false; n];
    for (r, round) in w.cap_rounds.iter().enumerate() {
        let mut cut = vec![Money::ZERO; n];
        for &p in &round.capped {
            if let Some(flag) = is_capped.get_mut(p) {
                *flag = true;
            }
            let cap = w.caps.get(p).copied().flatten().unwrap_or(Money::ZERO);
            cut[p] = running[p].checked_sub(cap)?.checked_neg()?;
            running[p] = cap;
        }
        same(
            Money::checked_sum(cut.iter().copied())?.checked_neg()?,
            round.excess,
            "a cap's excess",
        )?;
        let names: Vec<&str> = round.capped.iter().map(|&p| ctx.partner(p)).collect();
        let mut row = vec![format!(
            "Round {}: {} cut back to the cap",
            r + 1,
            names.join(", ")
        )];
        row.extend(cut.iter().map(|m| {
            if m.is_zero() {
                String::new()
            } else {
                m.to_uk()
            }
        }));
        row.push(round.excess.checked_neg()?.to_uk());
        t.row(RowKind::Body, row);
        if round.uncovered.is_zero() {
            for (total, add) in running.iter_mut().zip(&round.redistributed) {
                *total = total.checked_add(*add)?;
            }
            let mut row = vec![format!(
                "Round {}: the excess shared in proportion to contributions among the partners not capped",
                r + 1
            )];
            row.extend(
                round
                    .redistributed
                    .iter()
                    .zip(&is_capped)
                    .map(
                        |(m, capped)| {
                            if *capped { String::new() } else { m.to_uk() }
                        },
                    ),
            );
            row.push(round.excess.to_uk());
            t.row(RowKind::Body, row);
        } else {
            let mut row = vec![format!(
                "Round {}: no partner is left to take the excess, so it is uncovered",
                r + 1
            )];
            row.extend((0..n).map(|_| String::new()));
            row.push(String::new());
            t.row(RowKind::Body, row);
        }
    }
    for (p, share) in unit.allocation.amounts().iter().copied().enumerate() {
        same(running[p], share, "a partner's final share in a unit")?;
    }
    // Down the total column: the variance, less what was not shared, is the final shares.
    let capped_out = Money::checked_sum(w.cap_rounds.iter().map(|r| r.uncovered))?;
    same(
        unit.variance
            .checked_sub(unshared_over)?
            .checked_add(unshared_under)?
            .checked_sub(capped_out)?,
        Money::checked_sum(unit.allocation.amounts().iter().copied())?,
        "a unit's total shares",
    )?;
    same(
        unshared_over.checked_add(capped_out)?,
        unit.uncovered,
        "a unit's uncovered amount",
    )?;
    same(
        unshared_under,
        unit.carried_forward,
        "a unit's carried forward amount",
    )?;
    let finals: Vec<Money> = unit.allocation.amounts().to_vec();
    money_row(&mut t, RowKind::Total, "Final share".to_owned(), &finals)?;
    Ok(t)
}
