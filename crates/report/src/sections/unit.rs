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
use pooled_core::rule_reading::band_range;
use pooled_core::unit_reading::unit_steps;
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
        if unit.variance.is_positive() {
            ", an overspend"
        } else if unit.variance.is_negative() {
            ", an underspend"
        } else {
            ""
        }
    );
    // The unit's steps in words, as `pooled check` reads them; a unit with nothing to share
    // and nothing else to say has only the note below.
    let u = ctx
        .outcome
        .units
        .iter()
        .position(|x| x.id == unit.id)
        .ok_or_else(|| ReportError::Inconsistent("a unit is not in the outcome".to_owned()))?;
    let steps = unit_steps(plan, &ctx.outcome.units, u)?.join(" ");
    let say_steps = !unit.variance.is_zero() || unit.reserve.is_some() || !unit.settles();
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
        if say_steps {
            blocks.push(Block::styled(steps, Style::regular(9.5), 2.0));
        }
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
        if say_steps {
            blocks.push(Block::para(steps));
        }
    }
    let rule = match unit.applied {
        Applied::Overspend => Some(&group.overspend),
        Applied::Underspend => Some(&group.underspend),
        Applied::None => None,
    };
    if unit.variance.is_zero() {
        blocks.push(Block::note(
            "The forecast outturn equals the budget, so there is nothing to share.",
        ));
        if unit.reserve.is_some() {
            let mut t = new_table(ctx, group);
            reserve_rows(ctx, &mut t, unit)?;
            blocks.push(Block::Table(t));
        }
        return Ok(blocks);
    }
    blocks.push(Block::Table(table(ctx, unit, group, rule, &schemes)?));
    Ok(blocks)
}

/// A working table: a step column, one column per partner and a total column.
fn new_table(ctx: &Ctx, group: &Group) -> Table {
    // Units of a group shared scheme by scheme follow one another: same column widths.
    let min = if group.per_scheme { 82.0 } else { 0.0 };
    let mut columns = vec![Column::text("Step", 2.2)];
    columns
        .extend((0..ctx.plan.partners.len()).map(|p| Column::figure_at_least(ctx.partner(p), min)));
    columns.push(Column::figure_at_least("Total", min));
    Table::new(columns)
}

/// A row with a figure in the total column only.
fn total_row(ctx: &Ctx, t: &mut Table, kind: RowKind, label: &str, total: Money) {
    let mut row = vec![label.to_owned()];
    row.extend((0..ctx.plan.partners.len()).map(|_| String::new()));
    row.push(total.to_uk());
    t.row(kind, row);
}

/// Whether netting or a draw on the reserve came between the variance and the amount shared.
fn chained(unit: &UnitOutcome) -> bool {
    unit.offset.is_some() || unit.reserve.is_some_and(|r| !r.drawn.is_zero())
}

/// From the variance to the amount the rules share: what netting took away and what the
/// reserve met (only for a unit with netting or a reserve). Each row adds down the total
/// column.
fn chain_rows(ctx: &Ctx, t: &mut Table, unit: &UnitOutcome) -> Result<(), ReportError> {
    if !chained(unit) {
        return Ok(());
    }
    total_row(
        ctx,
        t,
        RowKind::Body,
        "Variance (forecast outturn less budget)",
        unit.variance,
    );
    let mut left = unit.variance;
    if let (Some(offset), Some(after)) = (unit.offset, unit.shared_variance) {
        total_row(
            ctx,
            t,
            RowKind::Body,
            "Netted against other pools",
            offset.checked_neg()?,
        );
        left = left.checked_sub(offset)?;
        same(left, after, "a unit's variance after netting")?;
        let label = if unit.reserve.is_some_and(|r| !r.drawn.is_zero()) {
            "Variance after netting"
        } else {
            "Variance after netting: to share"
        };
        total_row(ctx, t, RowKind::Subtotal, label, after);
    }
    if let Some(reserve) = unit.reserve.filter(|r| !r.drawn.is_zero()) {
        total_row(
            ctx,
            t,
            RowKind::Body,
            &format!(
                "Drawn from the reserve ({} brought forward)",
                reserve.opening.to_uk()
            ),
            reserve.drawn.checked_neg()?,
        );
        left = left.checked_sub(reserve.drawn)?;
        same(left, unit.shared_amount(), "a unit's amount to share")?;
        total_row(ctx, t, RowKind::Subtotal, "Left to share", left);
    }
    Ok(())
}

/// The reserve from what was brought forward to what it closes at (only for a unit of a group
/// with a reserve).
fn reserve_rows(ctx: &Ctx, t: &mut Table, unit: &UnitOutcome) -> Result<(), ReportError> {
    let Some(reserve) = unit.reserve else {
        return Ok(());
    };
    total_row(
        ctx,
        t,
        RowKind::Body,
        "Reserve brought forward",
        reserve.opening,
    );
    if !reserve.drawn.is_zero() {
        total_row(
            ctx,
            t,
            RowKind::Body,
            "Drawn to meet the overspend",
            reserve.drawn.checked_neg()?,
        );
    }
    if !unit.carried_forward.is_zero() {
        total_row(
            ctx,
            t,
            RowKind::Body,
            "Carried forward into the reserve",
            unit.carried_forward,
        );
    }
    same(
        reserve
            .opening
            .checked_sub(reserve.drawn)?
            .checked_add(unit.carried_forward)?,
        reserve.closing,
        "a reserve's closing balance",
    )?;
    total_row(ctx, t, RowKind::Total, "Reserve at close", reserve.closing);
    Ok(())
}

fn table(
    ctx: &Ctx,
    unit: &UnitOutcome,
    group: &Group,
    rule: Option<&Rule>,
    schemes: &[usize],
) -> Result<Table, ReportError> {
    let mut t = new_table(ctx, group);
    chain_rows(ctx, &mut t, unit)?;
    match rule {
        Some(rule) => shares(ctx, &mut t, unit, group, rule, schemes)?,
        // Netting or the reserve met all of the variance.
        None => same(
            unit.shared_amount(),
            Money::ZERO,
            "a unit's amount to share",
        )?,
    }
    reserve_rows(ctx, &mut t, unit)?;
    Ok(t)
}

/// The weights, each slice's shares, what was not shared, the caps and the final shares.
fn shares(
    ctx: &Ctx,
    t: &mut Table,
    unit: &UnitOutcome,
    group: &Group,
    rule: &Rule,
    schemes: &[usize],
) -> Result<(), ReportError> {
    let plan = ctx.plan;
    let n = plan.partners.len();
    let w = &unit.working;
    let to_share = unit.shared_amount();
    // Netting or a draw on the reserve came first (the rows of `chain_rows`).
    let chained = chained(unit);
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
            t,
            RowKind::Body,
            "Contribution to the unit's schemes (weights)".to_owned(),
            &w.contributions,
        )?;
    }
    for (k, band_rule) in rules.iter().enumerate() {
        if let Rule::ProRataAmounts(amounts) = band_rule {
            let label = if rules.len() > 1 {
                format!("Band {}: stated amounts (weights)", k + 1)
            } else {
                "Stated amounts (weights)".to_owned()
            };
            money_row(t, RowKind::Body, label, amounts)?;
        }
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
            _ if chained && simple => format!(
                "Share of what is left: {}",
                short_label(ctx, band_rule, group.host)
            ),
            _ if chained => format!("What is left: {}", short_label(ctx, band_rule, group.host)),
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
            to_share,
            "a unit's shares",
        )?;
        return Ok(());
    }
    // The parts of slices that were not shared, taken out of the total column so that it
    // adds down to the final shares.
    let blanks = || (0..n).map(|_| String::new());
    let unshared_over = Money::checked_sum(w.slices.iter().map(|s| s.uncovered))?;
    let unshared_under = Money::checked_sum(w.slices.iter().map(|s| s.carried_forward))?;
    let agreed = w.slices.iter().any(|s| s.agreed_difference.is_some());
    if !unshared_over.is_zero() {
        let label = match (unshared_over.is_positive(), agreed) {
            (true, false) => "Not shared: uncovered, paid by no partner",
            (true, true) => {
                "The agreed amounts fall short of the overspend: uncovered, paid by no partner"
            }
            (false, _) => "The agreed amounts exceed the overspend: charged on top",
        };
        let mut row = vec![label.to_owned()];
        row.extend(blanks());
        row.push(unshared_over.checked_neg()?.to_uk());
        t.row(RowKind::Body, row);
    }
    if !unshared_under.is_zero() {
        let label = match (unshared_under.is_positive(), agreed, unit.reserve.is_some()) {
            (true, false, false) => "Not returned: carried forward in the pool",
            (true, false, true) => "Not returned: carried forward into the reserve",
            (true, true, false) => {
                "The agreed amounts fall short of the underspend: kept in the pool"
            }
            (true, true, true) => {
                "The agreed amounts fall short of the underspend: kept in the reserve"
            }
            (false, _, _) => "The agreed amounts exceed the underspend: paid back on top",
        };
        let mut row = vec![label.to_owned()];
        row.extend(blanks());
        row.push(unshared_under.to_uk());
        t.row(RowKind::Body, row);
    }
    if capped && w.slices.len() > 1 {
        money_row(
            t,
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
        to_share
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
    money_row(t, RowKind::Total, "Final share".to_owned(), &finals)?;
    Ok(())
}
