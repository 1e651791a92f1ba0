//! The cover block: what the paper is, of what, in which state, and how to read its figures.

use super::Ctx;
use crate::layout::{Block, RowKind, Style, Table};
use crate::{PaperStatus, Units, long_date};

/// How the paper shows money, for the cover.
pub(super) fn sign_convention(units: Units) -> String {
    match units {
        Units::Pounds => "Figures are in pounds and pence. Overspends and amounts a partner pays \
            are positive; underspends and amounts returned to a partner are shown in brackets, \
            for example (£1,500.00)."
            .to_owned(),
        Units::Thousands => "Tables are in thousands of pounds (£000), each rounded so that every \
            row and column adds up to the totals shown. The risk-share working (section 4), the \
            settlement and the BCF requirement checks are in pounds and pence so that they can \
            be checked exactly. Overspends and amounts a partner pays are positive; underspends \
            and amounts returned to a partner are shown in brackets, for example (1,500)."
            .to_owned(),
    }
}

pub(super) fn blocks(ctx: &Ctx) -> Vec<Block> {
    let plan = ctx.plan;
    let input = ctx.input;
    let year = plan.year.to_string();
    let mut facts = Table::plain([1.0, 3.2]);
    let mut fact =
        |label: &str, value: String| facts.row(RowKind::Body, vec![label.to_owned(), value]);
    fact(
        "Area",
        plan.area.clone().unwrap_or_else(|| "Not given".to_owned()),
    );
    fact("Financial year", year.clone());
    fact("Scenario", input.scenario.clone());
    fact(
        "Status",
        match &input.status {
            PaperStatus::Draft => "DRAFT: not yet agreed".to_owned(),
            PaperStatus::Agreed {
                date, superseded, ..
            } => {
                let mut text = format!(
                    "AGREED on {}, signed off as recorded in section 7",
                    long_date(*date)
                );
                if *superseded {
                    text.push_str("; a later version has since been agreed");
                }
                text
            }
        },
    );
    fact(
        "Version",
        format!(
            "{} (the first 12 characters of the plan document's SHA-256)",
            input.version_id()
        ),
    );
    fact("Generated", long_date(input.generated));
    fact(
        "Host",
        format!(
            "{} holds the pool's money and accounts for it",
            ctx.partner(plan.host)
        ),
    );
    fact(
        "Units",
        match ctx.units {
            Units::Pounds => "Pounds and pence (£)".to_owned(),
            Units::Thousands => "Thousands of pounds (£000) in tables".to_owned(),
        },
    );
    fact("Sign convention", sign_convention(ctx.units));

    let purpose = match &input.status {
        PaperStatus::Draft => format!(
            "This paper sets out the pooled fund for {year}: what each partner contributes, what \
             the schemes cost against their budgets, how the forecast overspend or underspend is \
             shared under the risk-share agreement, and what each partner pays as a result. The \
             board is asked to agree each partner's final cost (section 1) and the settlement \
             between the partners that follows from it."
        ),
        PaperStatus::Agreed { date, .. } => format!(
            "This paper records the pooled fund for {year} as agreed on {}: what each partner \
             contributes, how the forecast overspend or underspend is shared under the \
             risk-share agreement, and what each partner pays as a result. It is for \
             information; the agreed version cannot be changed.",
            long_date(*date)
        ),
    };
    vec![
        Block::styled("Board paper", Style::regular(12.0), 0.0),
        Block::styled(plan.name.clone(), Style::bold(20.0), 4.0),
        Block::styled(
            format!("Pooled budget, risk share and settlement, {year}"),
            Style::regular(12.0),
            4.0,
        ),
        Block::Table(facts),
        Block::heading(2, "Purpose"),
        Block::para(purpose),
    ]
}
