//! Writing Pooled's own workbook (spec §2): the plan's sheets with the template's labels, money
//! cells `#,##0.00;(#,##0.00)`, SUM totals whose cached values are the exact figures, bold
//! frozen headers, fixed column widths, and the outcome's sheets; the same plan always gives
//! the same bytes (§2.3).

use pooled_core::findings::Severity;
use pooled_core::money::Money;
use pooled_core::outcome::{Applied, Outcome};
use pooled_core::plan::PlanDocument;
use pooled_core::plan::document::{CommissionerDoc, RuleDoc};
use pooled_core::plan::kinds::{PartnerKind, RuleMethod};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError,
};

use crate::labels;

/// Why a workbook could not be written (the writer's own error, in words).
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be written: {0}")]
pub struct WriteError(pub String);

impl From<XlsxError> for WriteError {
    fn from(error: XlsxError) -> WriteError {
        WriteError(error.to_string())
    }
}

pub const MONEY_FORMAT: &str = "#,##0.00;(#,##0.00)";
pub const WEIGHT_FORMAT: &str = "0.######";
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// The document's created and modified time (§2.3): fixed, so no clock value gets in.
const FIXED_TIME: &str = "2000-01-01T00:00:00Z";

/// The Expenditure sheet's columns A–O (§2.1): header and width. The CSV writes the same.
pub const EXPENDITURE_COLUMNS: [(&str, f64); 15] = [
    ("Scheme ID", 12.0),
    ("Scheme Name", 36.0),
    ("Brief Description of Scheme", 40.0),
    ("Scheme Type", 34.0),
    ("Area of Spend", 18.0),
    ("Commissioner", 16.0),
    ("% NHS (if Joint Commissioner)", 14.0),
    ("% LA (if Joint Commissioner)", 14.0),
    ("Provider", 24.0),
    ("Source of Funding", 32.0),
    ("Expenditure (£)", 16.0),
    ("Forecast outturn (£)", 16.0),
    ("Funding stream", 16.0),
    ("Commissioning partner", 28.0),
    ("Risk-share group", 16.0),
];

/// The formats every sheet shares, made once.
struct Formats {
    header: Format,
    money: Format,
    weight: Format,
    date: Format,
    total_label: Format,
    total_money: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format(MONEY_FORMAT),
            weight: Format::new().set_num_format(WEIGHT_FORMAT),
            date: Format::new().set_num_format(DATE_FORMAT),
            total_label: Format::new().set_bold(),
            total_money: Format::new().set_bold().set_num_format(MONEY_FORMAT),
        }
    }
}

/// The workbook's bytes, for a plan without error findings and its outcome.
pub fn write(document: &PlanDocument, outcome: &Outcome) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::parse_from_str(FIXED_TIME)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let formats = Formats::new();

    plan_sheet(workbook.add_worksheet(), document, &formats)?;
    partners_sheet(workbook.add_worksheet(), document, &formats)?;
    income_sheet(workbook.add_worksheet(), document, &formats)?;
    expenditure_sheet(workbook.add_worksheet(), document, &formats)?;
    risk_sheets(&mut workbook, document, &formats)?;
    contracts_sheet(workbook.add_worksheet(), document, &formats)?;
    requirements_sheet(workbook.add_worksheet(), document, &formats)?;
    outcome_sheets(&mut workbook, document, outcome, &formats)?;

    Ok(workbook.save_to_buffer()?)
}

// ---- cells ----

/// Names the sheet, writes its bold header row with fixed widths and freezes it.
fn start_sheet(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[(&str, f64)],
    formats: &Formats,
) -> Result<(), WriteError> {
    sheet.set_name(name)?;
    for (col, (header, width)) in (0_u16..).zip(columns) {
        sheet.write_string_with_format(0, col, *header, &formats.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// An amount of the plan as exact money; the plan was checked, so a bad text is a caller's bug
/// reported in words rather than a panic.
fn money_of(text: &str, what: &str) -> Result<Money, WriteError> {
    Money::parse(text.trim()).map_err(|e| WriteError(format!("{what}: '{text}' {e}")))
}

/// A money cell: the f64 is made from the exact decimal text, never by arithmetic.
fn write_money(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    amount: Money,
    format: &Format,
) -> Result<(), WriteError> {
    let number = amount
        .to_plain()
        .parse::<f64>()
        .map_err(|e| WriteError(e.to_string()))?;
    sheet.write_number_with_format(row, col, number, format)?;
    Ok(())
}

/// A percentage or weight as an exact decimal, written without trailing zeros.
fn weight_of(text: &str, what: &str) -> Result<Decimal, WriteError> {
    text.trim()
        .parse::<Decimal>()
        .map(|d| d.normalize())
        .map_err(|e| WriteError(format!("{what}: '{text}' {e}")))
}

fn write_weight(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    weight: Decimal,
    formats: &Formats,
) -> Result<(), WriteError> {
    let number = weight
        .to_string()
        .parse::<f64>()
        .map_err(|e| WriteError(e.to_string()))?;
    sheet.write_number_with_format(row, col, number, &formats.weight)?;
    Ok(())
}

/// A date cell from the plan's `YYYY-MM-DD`; a text that is no date is kept as text so that
/// nothing is lost.
fn write_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    date: &str,
    formats: &Formats,
) -> Result<(), WriteError> {
    match ExcelDateTime::parse_from_str(date.trim()) {
        Ok(when) if date.trim().len() == 10 => {
            sheet.write_datetime_with_format(row, col, &when, &formats.date)?;
        }
        _ => {
            sheet.write_string(row, col, date)?;
        }
    }
    Ok(())
}

fn write_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), WriteError> {
    // An empty cell reads back as absent, so empty text is not written at all.
    if !text.is_empty() {
        sheet.write_string(row, col, text)?;
    }
    Ok(())
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "",
    }
}

/// Spreadsheet row number (1-based) of a 0-based row index.
fn row_number(row: u32) -> Result<u32, WriteError> {
    row.checked_add(1)
        .ok_or_else(|| WriteError("too many rows".to_owned()))
}

fn column_letter(col: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(col)
}

/// The `Total` row after data rows 1..`end_row` (0-based, exclusive): `=SUM(…)` per money
/// column, cached with the exact total.
fn total_row(
    sheet: &mut Worksheet,
    end_row: u32,
    columns: &[(u16, Money)],
    formats: &Formats,
) -> Result<(), WriteError> {
    sheet.write_string_with_format(end_row, 0, "Total", &formats.total_label)?;
    for &(col, total) in columns {
        if end_row <= 1 {
            // No data rows: a SUM over none would point at the header or itself.
            write_money(sheet, end_row, col, total, &formats.total_money)?;
            continue;
        }
        let letter = column_letter(col);
        let formula =
            Formula::new(format!("=SUM({letter}2:{letter}{end_row})")).set_result(total.to_plain());
        sheet.write_formula_with_format(end_row, col, formula, &formats.total_money)?;
    }
    Ok(())
}

fn add(total: Money, amount: Money) -> Result<Money, WriteError> {
    total
        .checked_add(amount)
        .map_err(|e| WriteError(format!("a total: {e}")))
}

/// A counter of rows written, checked.
fn next(row: &mut u32) -> Result<u32, WriteError> {
    let this = *row;
    *row = row
        .checked_add(1)
        .ok_or_else(|| WriteError("too many rows".to_owned()))?;
    Ok(this)
}

// ---- the plan's sheets ----

fn plan_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(sheet, "Plan", &[("Field", 18.0), ("Value", 48.0)], formats)?;
    let rows = [
        ("Format", document.format.as_str()),
        ("Name", document.name.as_str()),
        ("Area", document.area.as_deref().unwrap_or("")),
        ("Financial year", document.financial_year.as_str()),
        ("Host", document.host.as_str()),
    ];
    let mut row = 1;
    for (field, value) in rows {
        sheet.write_string(row, 0, field)?;
        write_text(sheet, row, 1, value)?;
        row = row_number(row)?;
    }
    sheet.write_string(row, 0, "Instalments")?;
    if let Some(count) = document.instalments {
        sheet.write_number(row, 1, f64::from(count))?;
    }
    Ok(())
}

fn partners_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(
        sheet,
        "Partners",
        &[("ID", 14.0), ("Name", 40.0), ("Kind", 10.0), ("Code", 12.0)],
        formats,
    )?;
    let mut row = 1;
    for partner in &document.partners {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &partner.id)?;
        write_text(sheet, at, 1, &partner.name)?;
        sheet.write_string(at, 2, labels::partner_kind_label(partner.kind))?;
        write_text(sheet, at, 3, partner.code.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

fn income_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(
        sheet,
        "Income",
        &[
            ("Stream ID", 16.0),
            ("Stream name", 40.0),
            ("Source of Funding", 34.0),
            ("Partner", 14.0),
            ("Amount (£)", 16.0),
        ],
        formats,
    )?;
    let year = document.financial_year.as_str();
    let mut total = Money::ZERO;
    let mut row = 1;
    for stream in &document.streams {
        let at = next(&mut row)?;
        let amount = money_of(stream.amount.as_str(), &stream.id)?;
        total = add(total, amount)?;
        write_text(sheet, at, 0, &stream.id)?;
        write_text(sheet, at, 1, &stream.name)?;
        sheet.write_string(at, 2, labels::stream_kind_label(stream.kind, year))?;
        write_text(sheet, at, 3, &stream.partner)?;
        write_money(sheet, at, 4, amount, &formats.money)?;
    }
    total_row(sheet, row, &[(4, total)], formats)
}

/// One scheme's commissioner as the Expenditure sheet shows it: F, G, H and N.
pub(crate) struct CommissionerCells {
    pub label: &'static str,
    pub nhs_percent: Option<Decimal>,
    pub la_percent: Option<Decimal>,
    pub partner: String,
}

pub(crate) fn commissioner_cells(
    document: &PlanDocument,
    commissioner: &CommissionerDoc,
) -> Result<CommissionerCells, WriteError> {
    let kind_of = |id: &str| {
        document
            .partners
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.kind)
            .ok_or_else(|| WriteError(format!("no partner '{id}'")))
    };
    match commissioner {
        CommissionerDoc::Partner(id) => Ok(CommissionerCells {
            label: match kind_of(id)? {
                PartnerKind::Council => "Local Authority",
                PartnerKind::Icb => "ICB",
                PartnerKind::Ccg => "CCG",
                PartnerKind::Other => "Other",
            },
            nhs_percent: None,
            la_percent: None,
            partner: id.clone(),
        }),
        CommissionerDoc::Joint(joint) => {
            let (mut nhs, mut la) = (Decimal::ZERO, Decimal::ZERO);
            let mut pairs = Vec::new();
            for (id, percent) in joint.joint.iter() {
                let percent = weight_of(percent.as_str(), id)?;
                let overflow = || WriteError("a joint split too large".to_owned());
                match kind_of(id)? {
                    PartnerKind::Icb | PartnerKind::Ccg => {
                        nhs = nhs.checked_add(percent).ok_or_else(overflow)?;
                    }
                    PartnerKind::Council => {
                        la = la.checked_add(percent).ok_or_else(overflow)?;
                    }
                    PartnerKind::Other => {}
                }
                pairs.push(format!("{id}: {percent}%"));
            }
            Ok(CommissionerCells {
                label: "Joint",
                nhs_percent: Some(nhs.normalize()),
                la_percent: Some(la.normalize()),
                partner: pairs.join("; "),
            })
        }
    }
}

fn expenditure_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(sheet, "Expenditure", &EXPENDITURE_COLUMNS, formats)?;
    let year = document.financial_year.as_str();
    let (mut spend_total, mut forecast_total) = (Money::ZERO, Money::ZERO);
    let mut row = 1;
    for scheme in &document.schemes {
        let commissioner = commissioner_cells(document, &scheme.commissioner)?;
        let forecast = scheme
            .forecast
            .as_ref()
            .map(|f| money_of(f.as_str(), &scheme.id))
            .transpose()?;
        for (line, funding) in scheme.funding.iter().enumerate() {
            let at = next(&mut row)?;
            // The scheme's own fields on every row, as the template does.
            write_text(sheet, at, 0, &scheme.id)?;
            write_text(sheet, at, 1, &scheme.name)?;
            write_text(sheet, at, 2, scheme.description.as_deref().unwrap_or(""))?;
            sheet.write_string(at, 3, labels::scheme_type_label(scheme.scheme_type))?;
            sheet.write_string(at, 4, labels::area_label(scheme.area_of_spend))?;
            sheet.write_string(at, 5, commissioner.label)?;
            if let Some(nhs) = commissioner.nhs_percent {
                write_weight(sheet, at, 6, nhs, formats)?;
            }
            if let Some(la) = commissioner.la_percent {
                write_weight(sheet, at, 7, la, formats)?;
            }
            sheet.write_string(at, 8, labels::provider_label(scheme.provider))?;
            let kind = document
                .streams
                .iter()
                .find(|s| s.id == funding.stream)
                .map(|s| s.kind)
                .ok_or_else(|| WriteError(format!("no stream '{}'", funding.stream)))?;
            sheet.write_string(at, 9, labels::stream_kind_label(kind, year))?;
            let amount = money_of(funding.amount.as_str(), &scheme.id)?;
            spend_total = add(spend_total, amount)?;
            write_money(sheet, at, 10, amount, &formats.money)?;
            // The forecast on the first row only, so the column adds up to the pool's.
            if let (0, Some(forecast)) = (line, forecast) {
                forecast_total = add(forecast_total, forecast)?;
                write_money(sheet, at, 11, forecast, &formats.money)?;
            }
            write_text(sheet, at, 12, &funding.stream)?;
            write_text(sheet, at, 13, &commissioner.partner)?;
            write_text(sheet, at, 14, scheme.group.as_deref().unwrap_or(""))?;
        }
    }
    total_row(
        sheet,
        row,
        &[(10, spend_total), (11, forecast_total)],
        formats,
    )
}

fn risk_sheets(
    workbook: &mut Workbook,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    let groups = document
        .risk_share
        .as_ref()
        .map_or(&[][..], |r| r.groups.as_slice());
    let default_group = document
        .risk_share
        .as_ref()
        .and_then(|r| r.default_group.as_deref());

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Risk share",
        &[
            ("Group ID", 16.0),
            ("Group name", 36.0),
            ("Host", 14.0),
            ("Per scheme", 11.0),
            ("Cap at contribution", 11.0),
            ("Default group", 11.0),
            ("Opening reserve (£)", 16.0),
            ("Settle", 9.0),
        ],
        formats,
    )?;
    let mut row = 1;
    for group in groups {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &group.id)?;
        write_text(sheet, at, 1, &group.name)?;
        write_text(sheet, at, 2, group.host.as_deref().unwrap_or(""))?;
        write_text(sheet, at, 3, yes_no(group.per_scheme))?;
        write_text(sheet, at, 4, yes_no(group.cap_at_contribution))?;
        if default_group == Some(group.id.as_str()) {
            sheet.write_string(at, 5, "Yes")?;
        }
        if let Some(reserve) = &group.opening_reserve {
            let reserve = money_of(reserve.as_str(), &group.id)?;
            write_money(sheet, at, 6, reserve, &formats.money)?;
        }
        write_text(sheet, at, 7, yes_no(group.settle))?;
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Risk rules",
        &[
            ("Group ID", 16.0),
            ("Applies to", 12.0),
            ("Band", 7.0),
            ("Up to (£)", 16.0),
            ("Method", 28.0),
            ("Partner", 14.0),
            ("Share", 12.0),
            ("Amount (£)", 16.0),
        ],
        formats,
    )?;
    let mut row = 1;
    for group in groups {
        for (side, rule) in [
            ("Overspend", &group.overspend),
            ("Underspend", &group.underspend),
        ] {
            let bands = rule.bands.as_deref().unwrap_or(&[]);
            if rule.method == RuleMethod::Tiered {
                for (number, band) in (1_u32..).zip(bands) {
                    let up_to = band
                        .up_to
                        .as_ref()
                        .map(|u| money_of(u.as_str(), &group.id))
                        .transpose()?;
                    let lead = RuleLead {
                        group: &group.id,
                        side,
                        band: Some(number),
                        up_to,
                    };
                    rule_rows(sheet, &mut row, &lead, &band.rule, formats)?;
                }
            } else {
                let lead = RuleLead {
                    group: &group.id,
                    side,
                    band: None,
                    up_to: None,
                };
                rule_rows(sheet, &mut row, &lead, rule, formats)?;
            }
        }
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Risk caps",
        &[("Group ID", 16.0), ("Partner", 14.0), ("Cap (£)", 16.0)],
        formats,
    )?;
    let mut row = 1;
    for group in groups {
        for (partner, cap) in group.caps.iter().flat_map(|c| c.iter()) {
            let at = next(&mut row)?;
            write_text(sheet, at, 0, &group.id)?;
            write_text(sheet, at, 1, partner)?;
            write_money(
                sheet,
                at,
                2,
                money_of(cap.as_str(), &group.id)?,
                &formats.money,
            )?;
        }
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Risk offsets",
        &[("Set", 7.0), ("Group ID", 16.0)],
        formats,
    )?;
    let sets = document
        .risk_share
        .as_ref()
        .and_then(|r| r.offsets.as_deref())
        .unwrap_or(&[]);
    let mut row = 1;
    for (number, set) in (1_u32..).zip(sets) {
        for group in set {
            let at = next(&mut row)?;
            sheet.write_number(at, 0, f64::from(number))?;
            write_text(sheet, at, 1, group)?;
        }
    }
    Ok(())
}

/// The cells repeated on each row of one rule (or band).
struct RuleLead<'a> {
    group: &'a str,
    side: &'static str,
    band: Option<u32>,
    up_to: Option<Money>,
}

fn rule_rows(
    sheet: &mut Worksheet,
    row: &mut u32,
    lead: &RuleLead<'_>,
    rule: &RuleDoc,
    formats: &Formats,
) -> Result<(), WriteError> {
    let write_lead = |sheet: &mut Worksheet, at: u32| -> Result<(), WriteError> {
        write_text(sheet, at, 0, lead.group)?;
        sheet.write_string(at, 1, lead.side)?;
        if let Some(band) = lead.band {
            sheet.write_number(at, 2, f64::from(band))?;
        }
        if let Some(up_to) = lead.up_to {
            write_money(sheet, at, 3, up_to, &formats.money)?;
        }
        sheet.write_string(at, 4, labels::rule_method_label(rule.method))?;
        Ok(())
    };
    let shares = rule.shares.as_ref().filter(|s| !s.is_empty());
    let amounts = rule.amounts.as_ref().filter(|a| !a.is_empty());
    match (rule.method, shares, amounts) {
        (RuleMethod::Fixed, Some(shares), _) => {
            for (partner, share) in shares.iter() {
                let at = next(row)?;
                write_lead(sheet, at)?;
                write_text(sheet, at, 5, partner)?;
                write_weight(sheet, at, 6, weight_of(share.as_str(), partner)?, formats)?;
            }
        }
        (RuleMethod::ProRataAmounts | RuleMethod::Agreed, _, Some(amounts)) => {
            for (partner, amount) in amounts.iter() {
                let at = next(row)?;
                write_lead(sheet, at)?;
                write_text(sheet, at, 5, partner)?;
                let amount = money_of(amount.as_str(), partner)?;
                write_money(sheet, at, 7, amount, &formats.money)?;
            }
        }
        _ => {
            let at = next(row)?;
            write_lead(sheet, at)?;
        }
    }
    Ok(())
}

fn contracts_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(
        sheet,
        "Contracts",
        &[
            ("Contract ID", 14.0),
            ("Name", 36.0),
            ("Provider", 28.0),
            ("Scheme", 12.0),
            ("Value (£)", 16.0),
            ("Start", 12.0),
            ("End", 12.0),
        ],
        formats,
    )?;
    let mut row = 1;
    for contract in document.contracts.iter().flatten() {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &contract.id)?;
        write_text(sheet, at, 1, &contract.name)?;
        write_text(sheet, at, 2, contract.provider.as_deref().unwrap_or(""))?;
        write_text(sheet, at, 3, &contract.scheme)?;
        let value = money_of(contract.value.as_str(), &contract.id)?;
        write_money(sheet, at, 4, value, &formats.money)?;
        write_date(sheet, at, 5, &contract.start, formats)?;
        write_date(sheet, at, 6, &contract.end, formats)?;
    }
    Ok(())
}

fn requirements_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    formats: &Formats,
) -> Result<(), WriteError> {
    start_sheet(
        sheet,
        "Requirements",
        &[("Requirement", 48.0), ("Required (£)", 16.0)],
        formats,
    )?;
    let Some(requirements) = &document.requirements else {
        return Ok(());
    };
    let mut row = 1;
    for (label, required) in [
        (
            "NHS minimum contribution to adult social care",
            &requirements.nhs_min_social_care,
        ),
        (
            "NHS-commissioned out-of-hospital services",
            &requirements.nhs_min_out_of_hospital,
        ),
    ] {
        if let Some(required) = required {
            let at = next(&mut row)?;
            sheet.write_string(at, 0, label)?;
            let required = money_of(required.as_str(), label)?;
            write_money(sheet, at, 1, required, &formats.money)?;
        }
    }
    Ok(())
}

// ---- the outcome's sheets ----

fn outcome_sheets(
    workbook: &mut Workbook,
    document: &PlanDocument,
    outcome: &Outcome,
    formats: &Formats,
) -> Result<(), WriteError> {
    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Summary",
        &[("Measure", 28.0), ("Amount (£)", 16.0)],
        formats,
    )?;
    let totals = &outcome.totals;
    let mut measures = vec![
        ("Income", totals.income),
        ("Budget", totals.budget),
        ("Forecast", totals.forecast),
        ("Variance", totals.variance),
        ("Unallocated income", totals.unallocated_income),
        ("Uncovered", totals.uncovered),
        ("Carried forward", totals.carried_forward),
    ];
    if let Some(drawn) = totals.reserve_drawn {
        measures.push(("Reserve drawn", drawn));
    }
    if let Some(closing) = totals.closing_reserve {
        measures.push(("Closing reserve", closing));
    }
    let mut row = 1;
    for (measure, amount) in measures {
        let at = next(&mut row)?;
        sheet.write_string(at, 0, measure)?;
        write_money(sheet, at, 1, amount, &formats.money)?;
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Partners' positions",
        &[
            ("Partner", 14.0),
            ("Contribution (£)", 16.0),
            ("Overspend share (£)", 16.0),
            ("Underspend share (£)", 16.0),
            ("Net share (£)", 16.0),
            ("Final cost (£)", 16.0),
        ],
        formats,
    )?;
    let mut totals = [Money::ZERO; 5];
    let mut row = 1;
    for partner in &outcome.partners {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &partner.id)?;
        let figures = [
            partner.contribution,
            partner.overspend_share,
            partner.underspend_share,
            partner.net_share,
            partner.final_cost,
        ];
        for ((col, amount), total) in (1_u16..).zip(figures).zip(totals.iter_mut()) {
            *total = add(*total, amount)?;
            write_money(sheet, at, col, amount, &formats.money)?;
        }
    }
    let columns: Vec<(u16, Money)> = (1_u16..).zip(totals).collect();
    total_row(sheet, row, &columns, formats)?;

    units_sheet(workbook.add_worksheet(), document, outcome, formats)?;

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Settlement",
        &[("From", 14.0), ("To", 14.0), ("Amount (£)", 16.0)],
        formats,
    )?;
    let mut row = 1;
    for transfer in &outcome.settlement {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &transfer.from)?;
        write_text(sheet, at, 1, &transfer.to)?;
        write_money(sheet, at, 2, transfer.amount, &formats.money)?;
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Instalments",
        &[("Partner", 14.0), ("Due", 12.0), ("Amount (£)", 16.0)],
        formats,
    )?;
    let mut row = 1;
    for instalment in &outcome.instalments {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &instalment.partner)?;
        write_date(sheet, at, 1, &instalment.due, formats)?;
        write_money(sheet, at, 2, instalment.amount, &formats.money)?;
    }

    let sheet = workbook.add_worksheet();
    start_sheet(
        sheet,
        "Findings",
        &[
            ("Severity", 10.0),
            ("Code", 18.0),
            ("Message", 80.0),
            ("Path", 40.0),
        ],
        formats,
    )?;
    let mut row = 1;
    for finding in &outcome.findings {
        let at = next(&mut row)?;
        let severity = match finding.severity {
            Severity::Error => "Error",
            Severity::Breach => "Breach",
            Severity::Warning => "Warning",
        };
        sheet.write_string(at, 0, severity)?;
        sheet.write_string(at, 1, finding.code.as_str())?;
        write_text(sheet, at, 2, &finding.message)?;
        write_text(sheet, at, 3, &finding.path)?;
    }
    Ok(())
}

fn units_sheet(
    sheet: &mut Worksheet,
    document: &PlanDocument,
    outcome: &Outcome,
    formats: &Formats,
) -> Result<(), WriteError> {
    let partner_headers: Vec<String> = document
        .partners
        .iter()
        .map(|p| format!("{} (£)", p.id))
        .collect();
    let mut columns: Vec<(&str, f64)> = vec![
        ("Unit", 16.0),
        ("Group", 16.0),
        ("Budget (£)", 16.0),
        ("Forecast (£)", 16.0),
        ("Variance (£)", 16.0),
        ("Applied", 12.0),
    ];
    columns.extend(partner_headers.iter().map(|h| (h.as_str(), 16.0)));
    columns.push(("Uncovered (£)", 16.0));
    columns.push(("Carried forward (£)", 18.0));
    start_sheet(sheet, "Units", &columns, formats)?;
    let last_columns = u16::try_from(partner_headers.len())
        .ok()
        .and_then(|n| n.checked_add(6))
        .ok_or_else(|| WriteError("too many partners".to_owned()))?;
    let mut row = 1;
    for unit in &outcome.units {
        let at = next(&mut row)?;
        write_text(sheet, at, 0, &unit.id)?;
        write_text(sheet, at, 1, &unit.group)?;
        write_money(sheet, at, 2, unit.budget, &formats.money)?;
        write_money(sheet, at, 3, unit.forecast, &formats.money)?;
        write_money(sheet, at, 4, unit.variance, &formats.money)?;
        let applied = match unit.applied {
            Applied::Overspend => "Overspend",
            Applied::Underspend => "Underspend",
            Applied::None => "None",
        };
        sheet.write_string(at, 5, applied)?;
        // One column per partner of the plan, in partner order.
        for (col, partner) in (6_u16..).zip(&document.partners) {
            let share = unit.allocation.get(&partner.id).unwrap_or(Money::ZERO);
            write_money(sheet, at, col, share, &formats.money)?;
        }
        write_money(sheet, at, last_columns, unit.uncovered, &formats.money)?;
        let carried_col = last_columns
            .checked_add(1)
            .ok_or_else(|| WriteError("too many partners".to_owned()))?;
        write_money(sheet, at, carried_col, unit.carried_forward, &formats.money)?;
    }
    Ok(())
}
