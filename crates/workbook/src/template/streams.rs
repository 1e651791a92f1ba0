//! Streams (spec §3.5): from an Income sheet's income table when there is one (one stream per
//! source, its rows summed, paid by the Contributor given or by the source's payer), else derived
//! from the Expenditure sheet's funding lines (so the pool has no unallocated income).

use rust_decimal::Decimal;

use crate::amount::read_amount;
use crate::book::{Book, Sheet};
use crate::labels::{self, CommissionerLabel, Source};
use crate::read::ReadReport;

use super::cells::{Problems, is_totals_row, text_of};
use super::header::{HeaderRow, Synonyms, find_header};
use super::rows::{LineRead, SchemeRead};
use super::{choose_amount, refuse_repeats, sheet_matches};

/// One stream as read: where its amount and payer came from, for findings (§3.6).
#[derive(Clone, Debug)]
pub struct StreamRead {
    pub source: Source,
    pub amount: Decimal,
    /// Who pays: `Some(true)` the NHS partner, `Some(false)` the council, `None` unknown
    /// (reported already).
    pub nhs_pays: Option<bool>,
    /// The cell its amount is reported at: the Income cell of its first row, or the first
    /// funding line of that source.
    pub amount_cell: String,
    /// The cell its payer came from (the Contributor cell, else the source cell).
    pub payer_cell: String,
    /// Some row's amount could not be read, so the total is not the stream's.
    pub failed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncomeField {
    Source,
    Amount,
    Contributor,
}

const INCOME: Synonyms<IncomeField> = &[
    (
        IncomeField::Source,
        &[
            "source of funding",
            "funding source",
            "source",
            "income source",
            "stream",
        ],
    ),
    (
        IncomeField::Amount,
        &["amount", "income", "contribution", "total", "expenditure"],
    ),
    (
        IncomeField::Contributor,
        &["contributor", "partner", "paid by", "funded by"],
    ),
];

/// The streams of the book's Income sheet, or `None` when it has no income table (then the
/// streams are derived).
pub fn from_income(
    book: &Book,
    year: Option<&str>,
    p: &mut Problems,
    report: &mut ReadReport,
) -> Option<Vec<StreamRead>> {
    let sheet = book.sheets.iter().find(|s| {
        s.name
            .as_deref()
            .is_some_and(|n| sheet_matches(n, &["income"]))
    })?;
    let label = sheet.label();
    let Ok(header) = find_header(sheet, INCOME, &[IncomeField::Source, IncomeField::Amount]) else {
        report.notes.push(format!(
            "{label}: no income table (Source of Funding and Amount headers in rows 1–30); the streams are derived from the Expenditure sheet"
        ));
        return None;
    };
    refuse_repeats(
        sheet,
        &header,
        &[IncomeField::Source, IncomeField::Contributor],
        p,
    );
    let amount = choose_amount(sheet, &header, IncomeField::Amount, year, "income", p)?;
    report.notes.push(format!(
        "{label}: the streams are read from the income table, header row {}",
        header.row.saturating_add(1)
    ));
    Some(read_income(sheet, &header, amount, p, report))
}

/// Reads the income table's rows with §3.4's skipping rules.
fn read_income(
    sheet: &Sheet,
    header: &HeaderRow<IncomeField>,
    (amount_col, multiplier): (usize, u32),
    p: &mut Problems,
    report: &mut ReadReport,
) -> Vec<StreamRead> {
    let Some(source_col) = header
        .all(IncomeField::Source)
        .first()
        .map(|c| c.header.col)
    else {
        return Vec::new();
    };
    let contributor_col = header
        .all(IncomeField::Contributor)
        .first()
        .map(|c| c.header.col);
    let mut streams: Vec<StreamRead> = Vec::new();
    // Each stream's contributor as first given: (NHS?, text, cell).
    let mut given: Vec<Option<(bool, String, String)>> = Vec::new();
    let mut skipped = 0usize;
    for row in header.data_start..sheet.rows.len() {
        if sheet.row_is_blank(row)
            || is_totals_row(sheet, row, source_col)
            || sheet.cell(row, source_col).is_blank()
        {
            skipped = skipped.saturating_add(1);
            continue;
        }
        let source_cell = sheet.reference(row, source_col);
        let source = match text_of(sheet.cell(row, source_col)) {
            Ok(Some(text)) => match labels::source(&text) {
                Ok(source) => Some(source),
                Err(why) => {
                    p.at(&source_cell, why);
                    None
                }
            },
            Ok(None) => None,
            Err(why) => {
                p.at(&source_cell, why);
                None
            }
        };
        let amount_cell = sheet.reference(row, amount_col);
        let amount = match read_amount(sheet.cell(row, amount_col), multiplier) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                p.at(
                    &amount_cell,
                    "the amount is empty; every income row needs one (type 0 for nil)",
                );
                None
            }
            Err(why) => {
                p.at(&amount_cell, why);
                None
            }
        };
        let contributor = contributor_col.and_then(|col| contributor(sheet, row, col, p));
        let Some(source) = source else { continue };
        let at = match streams.iter().position(|s| s.source.id == source.id) {
            Some(at) => at,
            None => {
                streams.push(StreamRead {
                    source,
                    amount: Decimal::ZERO,
                    nhs_pays: source.nhs_pays,
                    amount_cell: amount_cell.clone(),
                    payer_cell: source_cell.clone(),
                    failed: false,
                });
                given.push(None);
                streams.len().saturating_sub(1)
            }
        };
        let (Some(stream), Some(first)) = (streams.get_mut(at), given.get_mut(at)) else {
            continue;
        };
        match amount.and_then(|a| stream.amount.checked_add(a)) {
            Some(sum) => stream.amount = sum,
            None => stream.failed = true,
        }
        if let Some((nhs, shown, cell)) = contributor {
            match first {
                Some((first_nhs, first_shown, first_cell)) if *first_nhs != nhs => p.at(
                    &cell,
                    format!("Contributor '{shown}' differs from {first_cell}, which has '{first_shown}' for the same source; one source is paid by one partner"),
                ),
                Some(_) => {}
                None => {
                    stream.nhs_pays = Some(nhs);
                    stream.payer_cell = cell.clone();
                    *first = Some((nhs, shown, cell));
                }
            }
        }
    }
    for stream in &streams {
        if stream.nhs_pays.is_none() {
            p.at(
                &stream.payer_cell,
                "cannot tell who pays 'Other'; give its Contributor (Local Authority or ICB)",
            );
        }
    }
    if skipped > 0 {
        report.notes.push(format!(
            "{}: {skipped} blank, totals or note rows of the income table skipped",
            sheet.label()
        ));
    }
    streams
}

/// A Contributor cell: `Some((NHS?, text, cell))`, `None` when blank or unreadable (reported).
fn contributor(
    sheet: &Sheet,
    row: usize,
    col: usize,
    p: &mut Problems,
) -> Option<(bool, String, String)> {
    let cell = sheet.reference(row, col);
    let text = match text_of(sheet.cell(row, col)) {
        Ok(text) => text?,
        Err(why) => {
            p.at(&cell, why);
            return None;
        }
    };
    match labels::commissioner(&text) {
        Ok(CommissionerLabel::Council) => Some((false, text, cell)),
        Ok(CommissionerLabel::Nhs) => Some((true, text, cell)),
        Ok(CommissionerLabel::Joint) | Err(_) => {
            p.at(
                &cell,
                format!("'{text}' is not a Contributor; use one of: Local Authority, ICB"),
            );
            None
        }
    }
}

/// One stream per source used on the Expenditure sheet, in order of first appearance, each the
/// sum of its funding lines.
pub fn derived(schemes: &[SchemeRead], p: &mut Problems) -> Vec<StreamRead> {
    let mut streams: Vec<StreamRead> = Vec::new();
    for line in in_row_order(schemes) {
        let Some(source) = line.source else { continue };
        let at = match streams.iter().position(|s| s.source.id == source.id) {
            Some(at) => at,
            None => {
                if source.nhs_pays.is_none() {
                    p.at(
                        &line.source_cell,
                        "cannot tell who pays 'Other'; add an Income sheet with its Contributor",
                    );
                }
                streams.push(StreamRead {
                    source,
                    amount: Decimal::ZERO,
                    nhs_pays: source.nhs_pays,
                    amount_cell: line.amount_cell.clone(),
                    payer_cell: line.source_cell.clone(),
                    failed: false,
                });
                streams.len().saturating_sub(1)
            }
        };
        let Some(stream) = streams.get_mut(at) else {
            continue;
        };
        // A line whose amount failed funds nothing (its placeholder is zero), so the stream
        // still covers exactly the lines that were read.
        if let Some(amount) = line.amount {
            match stream.amount.checked_add(amount) {
                Some(sum) => stream.amount = sum,
                None => stream.failed = true,
            }
        }
    }
    streams
}

/// Each source on the Expenditure sheet that the income table lacks: `E-WORKBOOK` at the source
/// cell of its first funding line. Returns the ids missing.
pub fn check_sources(
    schemes: &[SchemeRead],
    streams: &[StreamRead],
    income_label: &str,
    p: &mut Problems,
) -> Vec<&'static str> {
    let mut missing: Vec<&'static str> = Vec::new();
    for line in in_row_order(schemes) {
        let Some(source) = line.source else { continue };
        if streams.iter().any(|s| s.source.id == source.id) || missing.contains(&source.id) {
            continue;
        }
        missing.push(source.id);
        p.at(
            &line.source_cell,
            format!(
                "'{}' is not in the income table of {income_label}; add a row for it there",
                text_of_source(source)
            ),
        );
    }
    missing
}

/// Every funding line in the order of the sheet's rows (a scheme's lines need not be adjacent).
fn in_row_order(schemes: &[SchemeRead]) -> Vec<&LineRead> {
    let mut lines: Vec<&LineRead> = schemes.iter().flat_map(|s| s.lines.iter()).collect();
    lines.sort_by_key(|l| l.row);
    lines
}

/// A source's label as written (for a message).
fn text_of_source(source: Source) -> &'static str {
    labels::source_label(source.id, "")
}
