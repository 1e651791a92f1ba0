//! Section 6: the BCF ring-fence checks, and every finding, breaches first.

use super::Ctx;
use crate::ReportError;
use crate::layout::{Block, Column, RowKind, Table};
use pooled_core::findings::Severity;
use pooled_core::outcome::RequirementCheck;

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let o = ctx.outcome;
    let mut blocks = vec![
        Block::heading(1, "6. BCF requirements and findings"),
        Block::heading(2, "Requirements"),
    ];
    let checks: Vec<(&str, RequirementCheck)> = [
        (
            "NHS minimum contribution to adult social care",
            o.requirements.nhs_min_social_care,
        ),
        (
            "NHS minimum contribution to NHS-commissioned out-of-hospital services",
            o.requirements.nhs_min_out_of_hospital,
        ),
    ]
    .into_iter()
    .filter_map(|(what, check)| check.map(|c| (what, c)))
    .collect();
    if checks.is_empty() {
        blocks.push(Block::para("The plan sets no BCF requirements to check."));
    } else {
        blocks.push(Block::para(
            "Planned amounts are the funding drawn from NHS minimum contribution streams: on \
             adult social care schemes for the first requirement, and for the second on schemes \
             that are neither social care nor acute, counting only the share commissioned by NHS \
             partners. Shown in pounds and pence so that a shortfall of any size is visible.",
        ));
        let mut table = Table::new(vec![
            Column::text("Requirement", 2.0),
            Column::figure("Required"),
            Column::figure("Planned"),
            Column::figure("Difference"),
            Column::text("Result", 0.9),
        ]);
        for (what, check) in checks {
            let difference = check.planned.checked_sub(check.required)?;
            let result = if check.is_met() {
                "Met".to_owned()
            } else {
                format!("Breach: short by {}", difference.checked_neg()?.to_uk())
            };
            table.row(
                RowKind::Body,
                vec![
                    what.to_owned(),
                    check.required.to_uk(),
                    check.planned.to_uk(),
                    difference.to_uk(),
                    result,
                ],
            );
        }
        blocks.push(Block::Table(table));
        blocks.push(Block::note(
            "Difference = planned − required; a shortfall is in brackets.",
        ));
    }

    blocks.push(Block::heading(2, "Findings"));
    let mut findings: Vec<_> = o.findings.iter().collect();
    findings.sort_by_key(|f| f.severity);
    if findings.is_empty() {
        blocks.push(Block::para("There are no breaches and no warnings."));
        return Ok(blocks);
    }
    let breaches = findings
        .iter()
        .filter(|f| f.severity == Severity::Breach)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let counted = format!(
        "{} and {}, breaches first. Breaches and warnings do not stop the calculation.",
        count(breaches, "breach", "breaches"),
        count(warnings, "warning", "warnings")
    );
    let mut chars = counted.chars();
    let sentence = chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    blocks.push(Block::para(sentence));
    let mut table = Table::new(vec![
        Column::short("Severity"),
        Column::short("Code"),
        Column::text("Where", 1.0),
        Column::text("Finding", 3.0),
    ]);
    for f in findings {
        let severity = match f.severity {
            Severity::Error => "Error",
            Severity::Breach => "Breach",
            Severity::Warning => "Warning",
        };
        table.row(
            RowKind::Body,
            vec![
                severity.to_owned(),
                f.code.as_str().to_owned(),
                place(ctx, &f.path),
                f.message.clone(),
            ],
        );
    }
    blocks.push(Block::Table(table));
    Ok(blocks)
}

fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("one {one}"),
        n => format!("{n} {many}"),
    }
}

/// A finding's path in words: `streams[0]` → `Stream: NHS minimum contribution`.
fn place(ctx: &Ctx, path: &str) -> String {
    let plan = ctx.plan;
    let index = |prefix: &str| -> Option<usize> {
        path.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok()
    };
    if let Some(s) = index("streams[").and_then(|i| plan.streams.get(i)) {
        return format!("Stream: {}", s.name);
    }
    if let Some(s) = index("schemes[").and_then(|i| plan.schemes.get(i)) {
        return format!("Scheme {}: {}", s.id, s.name);
    }
    if let Some(c) = index("contracts[").and_then(|i| plan.contracts.get(i)) {
        return format!("Contract {}: {}", c.id, c.name);
    }
    if let Some(unit) = path.strip_prefix("units.") {
        return format!("Risk-share unit {unit}");
    }
    if path.starts_with("requirements.") {
        return "BCF requirements".to_owned();
    }
    path.to_owned()
}
