//! Reading Pooled's own workbook back to a plan document (spec §2.1, §2.4).
//!
//! Every sheet is read in one pass, every problem kept: a cell that cannot be read is reported
//! at the cell and the row still yields what it can. Then the plan's own validation runs, and
//! each of its findings is placed at the cell its plan path came from (a map from plan paths to
//! cells is kept while reading). A field whose cell failed is not reported again by validation.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use pooled_core::plan::PlanDocument;
use pooled_core::plan::document::{
    BandDoc, CommissionerDoc, ContractDoc, FundingDoc, GroupDoc, JointDoc, PartnerDoc,
    RequirementsDoc, RiskShareDoc, RuleDoc, SchemeDoc, StreamDoc,
};
use pooled_core::plan::entries::Entries;
use pooled_core::plan::kinds::{
    AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind,
};
use pooled_core::plan::number_text::NumberText;
use rust_decimal::Decimal;

use crate::amount::{self, amount_text, weight_text};
use crate::book::{Book, Cell, Sheet};
use crate::finding::SheetFinding;
use crate::labels;
use crate::labels::RULE_METHODS;
use crate::read::{ColumnMatch, ReadReport, SkippedRow};
use crate::text::{clean, normalise};

/// The plan the workbook holds, with what was read for the preview; every problem in `Err`
/// (cells that cannot be read, rows that disagree, then the plan's own errors at their cells).
pub fn read(book: &Book) -> Result<(PlanDocument, ReadReport), Vec<SheetFinding>> {
    let memo = Memo::default();
    let mut r = Reader {
        book,
        memo: &memo,
        findings: Vec::new(),
        cells: HashMap::new(),
        failed: HashSet::new(),
        report: ReadReport::default(),
        expenditure: None,
        scheme_rows: Vec::new(),
    };
    let plan = r.plan();
    let Some(plan) = plan else {
        return Err(r.findings);
    };
    if let Err(errors) = pooled_core::plan::validate(&plan) {
        let holders: HashSet<&str> = r
            .failed
            .iter()
            .flat_map(|f| parents(f).skip(1))
            .filter(|p| !p.is_empty())
            .collect();
        for finding in &errors {
            if r.already_reported(&finding.path, &holders) {
                continue;
            }
            let cell = r.cell_for(&finding.path);
            r.findings
                .push(SheetFinding::from_plan(finding, cell.as_deref()));
        }
    }
    if r.findings.is_empty() {
        Ok((plan, r.report))
    } else {
        Err(r.findings)
    }
}

/// The sheets of the plan, in the order Pooled writes them.
const PLAN_SHEETS: &[&str] = &[
    "Plan",
    "Partners",
    "Income",
    "Expenditure",
    "Risk share",
    "Risk rules",
    "Risk caps",
    "Risk offsets",
    "Contracts",
    "Requirements",
];

struct Reader<'a> {
    book: &'a Book,
    memo: &'a Memo,
    findings: Vec<SheetFinding>,
    /// Plan path → the cell it was read from.
    cells: HashMap<String, Loc<'a>>,
    /// Plan paths whose cell could not be read (already reported).
    failed: HashSet<String>,
    report: ReadReport,
    /// The Expenditure table and each scheme's rows: a scheme's plan paths are placed from
    /// these when a finding needs them (a map entry per path would cost more than the reading
    /// of a large workbook).
    expenditure: Option<Table<'a>>,
    scheme_rows: Vec<Vec<usize>>,
}

/// One column of a table: its header (as written by Pooled) and whether a workbook written
/// before it existed may lack it.
#[derive(Clone, Copy)]
struct Column {
    header: &'static str,
    optional: bool,
}

const fn col(header: &'static str) -> Column {
    Column {
        header,
        optional: false,
    }
}

const fn optional(header: &'static str) -> Column {
    Column {
        header,
        optional: true,
    }
}

/// A cell of a sheet.
#[derive(Clone, Copy)]
struct Loc<'a> {
    sheet: &'a Sheet,
    row: usize,
    col: usize,
}

/// A table sheet: its header row (row 1) matched to the columns wanted.
struct Table<'a> {
    sheet: &'a Sheet,
    /// For each column wanted, its position when the sheet has it.
    at: Vec<Option<usize>>,
}

impl<'a> Table<'a> {
    fn cell(&self, row: usize, column: usize) -> &'a Cell {
        match self.at.get(column).copied().flatten() {
            Some(c) => self.sheet.cell(row, c),
            None => &Cell::Empty,
        }
    }

    /// The reference of a column's cell (the sheet's column A when the column is missing).
    fn reference(&self, row: usize, column: usize) -> String {
        let c = self.at.get(column).copied().flatten().unwrap_or(0);
        self.sheet.reference(row, c)
    }

    /// Where a column's cell is, for the map from plan paths to cells (made into a reference
    /// only for a finding).
    fn loc(&self, row: usize, column: usize) -> Loc<'a> {
        Loc {
            sheet: self.sheet,
            row,
            col: self.at.get(column).copied().flatten().unwrap_or(0),
        }
    }

    fn has(&self, column: usize) -> bool {
        self.at.get(column).copied().flatten().is_some()
    }

    /// The data rows: from row 2, blank rows and a `Total` row passed over.
    fn rows(&self) -> Vec<usize> {
        (1..self.sheet.rows.len())
            .filter(|&row| !self.sheet.row_is_blank(row) && !self.is_total(row))
            .collect()
    }

    fn is_total(&self, row: usize) -> bool {
        matches!(self.sheet.cell(row, 0), Cell::Text(t) if normalise(t) == "total")
    }
}

// Column positions in each table's `Column` list.
mod plan_col {
    pub const FIELD: usize = 0;
    pub const VALUE: usize = 1;
}
const PLAN_COLUMNS: &[Column] = &[col("Field"), col("Value")];

const PARTNER_COLUMNS: &[Column] = &[col("ID"), col("Name"), col("Kind"), col("Code")];

const INCOME_COLUMNS: &[Column] = &[
    col("Stream ID"),
    col("Stream name"),
    col("Source of Funding"),
    col("Partner"),
    col("Amount (£)"),
];

mod ex {
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const DESCRIPTION: usize = 2;
    pub const TYPE: usize = 3;
    pub const AREA: usize = 4;
    pub const COMMISSIONER: usize = 5;
    pub const PROVIDER: usize = 6;
    pub const SOURCE: usize = 7;
    pub const AMOUNT: usize = 8;
    pub const FORECAST: usize = 9;
    pub const STREAM: usize = 10;
    pub const PARTNER: usize = 11;
    pub const GROUP: usize = 12;
}
const EXPENDITURE_COLUMNS: &[Column] = &[
    col("Scheme ID"),
    col("Scheme Name"),
    col("Brief Description of Scheme"),
    col("Scheme Type"),
    col("Area of Spend"),
    col("Commissioner"),
    col("Provider"),
    col("Source of Funding"),
    col("Expenditure (£)"),
    col("Forecast outturn (£)"),
    col("Funding stream"),
    col("Commissioning partner"),
    col("Risk-share group"),
];

const GROUP_COLUMNS: &[Column] = &[
    col("Group ID"),
    col("Group name"),
    col("Host"),
    col("Per scheme"),
    col("Cap at contribution"),
    col("Default group"),
    optional("Opening reserve (£)"),
    optional("Settle"),
];

mod rule_col {
    pub const GROUP: usize = 0;
    pub const SIDE: usize = 1;
    pub const BAND: usize = 2;
    pub const UP_TO: usize = 3;
    pub const METHOD: usize = 4;
    pub const PARTNER: usize = 5;
    pub const SHARE: usize = 6;
    pub const AMOUNT: usize = 7;
}
const RULE_COLUMNS: &[Column] = &[
    col("Group ID"),
    col("Applies to"),
    col("Band"),
    col("Up to (£)"),
    col("Method"),
    col("Partner"),
    col("Share"),
    optional("Amount (£)"),
];

const CAP_COLUMNS: &[Column] = &[col("Group ID"), col("Partner"), col("Cap (£)")];
const OFFSET_COLUMNS: &[Column] = &[col("Set"), col("Group ID")];
const CONTRACT_COLUMNS: &[Column] = &[
    col("Contract ID"),
    col("Name"),
    col("Provider"),
    col("Scheme"),
    col("Value (£)"),
    col("Start"),
    col("End"),
];
const REQUIREMENT_COLUMNS: &[Column] = &[col("Requirement"), col("Required (£)")];

/// Requirement labels as written, with their keys.
const REQUIREMENTS: &[(&str, &str)] = &[
    (
        "NHS minimum contribution to adult social care",
        "nhs_min_social_care",
    ),
    (
        "NHS-commissioned out-of-hospital services",
        "nhs_min_out_of_hospital",
    ),
];

/// A method label (or its JSON name, `pro_rata_contributions`).
fn method(label: &str) -> Result<RuleMethod, String> {
    let key = normalise(label);
    RULE_METHODS
        .iter()
        .find(|(m, written)| {
            normalise(written) == key
                || serde_json::to_value(m)
                    .ok()
                    .and_then(|v| v.as_str().map(normalise))
                    .is_some_and(|json| json == key)
        })
        .map(|(m, _)| *m)
        .ok_or_else(|| {
            let written: Vec<&str> = RULE_METHODS.iter().map(|(_, w)| *w).collect();
            format!(
                "'{}' is not a Method; use one of: {}",
                label.trim(),
                written.join(", ")
            )
        })
}

/// The text of a cell as kept text (§1.3): a number gives its shortest decimal text (`7`).
fn text_of(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) => {
            let t = clean(t);
            Ok((!t.is_empty()).then_some(t))
        }
        Cell::Number(f) if f.is_finite() => Ok(Some(format!("{f}"))),
        Cell::Number(f) => Err(format!("{f} is not a text")),
        Cell::Bool(b) => Ok(Some(if *b { "TRUE" } else { "FALSE" }.to_owned())),
        Cell::Date(_) => Err("a date is not expected here".to_owned()),
        Cell::Error(e) => Err(format!("the error {e} is not a value")),
        Cell::NoCachedValue => Err(amount::NO_CACHED_VALUE.to_owned()),
    }
}

/// A date as `YYYY-MM-DD`: a date cell, or that text.
fn date_of(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Date(serial) | Cell::Number(serial) if serial.is_finite() => {
            #[allow(clippy::cast_possible_truncation)]
            let days = serial.floor() as i64;
            let (y, m, d) = civil_from_days(days.saturating_add(DAYS_1899_12_30));
            if (1..=9999).contains(&y) {
                Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
            } else {
                Err(format!("{serial} is not a date"))
            }
        }
        other => {
            let Some(t) = text_of(other)? else {
                return Ok(None);
            };
            let b = t.as_bytes();
            let shaped = b.len() == 10
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if shaped {
                Ok(Some(t))
            } else {
                Err(format!("'{t}' is not a date; write it as 2025-04-01"))
            }
        }
    }
}

/// Days from 1970-01-01 to 1899-12-30, the spreadsheet's day 0.
const DAYS_1899_12_30: i64 = -25_569;

/// The date of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `Yes`, `No` or empty (absent).
fn yes_no(cell: &Cell) -> Result<Option<bool>, String> {
    match cell {
        Cell::Bool(b) => Ok(Some(*b)),
        other => match text_of(other)? {
            None => Ok(None),
            Some(t) => match normalise(&t).as_str() {
                "yes" | "y" | "true" => Ok(Some(true)),
                "no" | "n" | "false" => Ok(Some(false)),
                _ => Err(format!("'{t}' is not Yes or No")),
            },
        },
    }
}

/// A whole number (an instalment count, a band or set number).
fn whole_of(cell: &Cell) -> Result<Option<u32>, String> {
    match cell {
        Cell::Number(f) => {
            let shown = format!("{f}");
            shown
                .parse::<u32>()
                .map(Some)
                .map_err(|_| format!("{shown} is not a whole number"))
        }
        other => match text_of(other)? {
            None => Ok(None),
            Some(t) => t
                .parse::<u32>()
                .map(Some)
                .map_err(|_| format!("'{t}' is not a whole number")),
        },
    }
}

/// Labels already looked up in this reading: a workbook repeats the same few labels on every
/// row, and each lookup normalises the label lists.
#[derive(Default)]
struct Memo {
    scheme_types: RefCell<HashMap<String, Result<SchemeType, String>>>,
    areas: RefCell<HashMap<String, Result<AreaOfSpend, String>>>,
    providers: RefCell<HashMap<String, Result<ProviderKind, String>>>,
    sources: RefCell<HashMap<String, Result<labels::Source, String>>>,
    commissioners: RefCell<HashMap<String, Result<labels::CommissionerLabel, String>>>,
}

impl Memo {
    fn get<T: Clone>(
        map: &RefCell<HashMap<String, Result<T, String>>>,
        label: &str,
        look_up: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, String> {
        if let Some(known) = map.borrow().get(label) {
            return known.clone();
        }
        let found = look_up(label);
        map.borrow_mut().insert(label.to_owned(), found.clone());
        found
    }
    fn scheme_type(&self, label: &str) -> Result<SchemeType, String> {
        Memo::get(&self.scheme_types, label, |l| labels::scheme_type(l, None))
    }
    fn area(&self, label: &str) -> Result<AreaOfSpend, String> {
        Memo::get(&self.areas, label, labels::area)
    }
    fn provider(&self, label: &str) -> Result<ProviderKind, String> {
        Memo::get(&self.providers, label, labels::provider)
    }
    fn source(&self, label: &str) -> Result<labels::Source, String> {
        Memo::get(&self.sources, label, labels::source)
    }
    fn commissioner(&self, label: &str) -> Result<labels::CommissionerLabel, String> {
        Memo::get(&self.commissioners, label, labels::commissioner)
    }
}

/// A rule's rows on the `Risk rules` sheet, with the band they belong to.
struct RuleRow {
    row: usize,
    band: Option<u32>,
}

/// The commissioning partner column: one partner id, or `ID: PERCENT%` pairs joined by `; `
/// (the id is the text before the pair's last `:`).
fn commissioner_of(text: &str) -> Result<CommissionerDoc, String> {
    if !text.contains(':') {
        return Ok(CommissionerDoc::Partner(clean(text)));
    }
    let mut pairs = Vec::new();
    for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let read = pair.rsplit_once(':').and_then(|(id, percent)| {
            let id = clean(id);
            let percent = amount::read_percentage(&Cell::Text(percent.to_owned())).ok()??;
            (!id.is_empty()).then(|| (id, NumberText(weight_text(percent))))
        });
        match read {
            Some(entry) => pairs.push(entry),
            None => {
                return Err(format!(
                    "'{text}' is not a commissioning partner; give a partner's id, or for a joint \
                     commissioner pairs such as 'county: 40%; icb: 60%'"
                ));
            }
        }
    }
    Ok(CommissionerDoc::Joint(JointDoc {
        joint: Entries(pairs),
    }))
}

/// The Commissioner label Pooled writes for a partner kind.
fn commissioner_label(kind: PartnerKind) -> &'static str {
    match kind {
        PartnerKind::Council => "Local Authority",
        PartnerKind::Icb => "ICB",
        PartnerKind::Ccg => "CCG",
        PartnerKind::Other => "Other",
    }
}

impl<'a> Reader<'a> {
    fn sheet(&self, name: &str) -> Option<&'a Sheet> {
        let key = normalise(name);
        let book: &'a Book = self.book;
        book.sheets
            .iter()
            .find(|s| s.name.as_deref().is_some_and(|n| normalise(n) == key))
    }

    /// A table sheet with its columns. A missing sheet is reported when it is needed; a missing
    /// column is reported unless it is optional (then it reads as absent).
    fn table(&mut self, name: &str, columns: &[Column], needed: bool) -> Option<Table<'a>> {
        let Some(sheet) = self.sheet(name) else {
            if needed {
                self.findings.push(SheetFinding::file(format!(
                    "the sheet '{name}' is missing; Pooled's own workbook has the sheets {}",
                    PLAN_SHEETS.join(", ")
                )));
            }
            return None;
        };
        let headers: Vec<String> = sheet
            .rows
            .first()
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Cell::Text(t) => normalise(t),
                        _ => String::new(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut at = Vec::with_capacity(columns.len());
        let mut complete = true;
        for column in columns {
            let key = normalise(column.header);
            let found = headers.iter().position(|h| *h == key);
            if found.is_none() && !column.optional {
                complete = false;
                self.error(
                    &sheet.reference(0, 0),
                    format!(
                        "the column '{}' is missing from the header row (row 1)",
                        column.header
                    ),
                );
            }
            at.push(found);
        }
        complete.then_some(Table { sheet, at })
    }

    fn error(&mut self, cell: &str, message: impl AsRef<str>) {
        self.findings.push(SheetFinding::at(cell, message));
    }

    fn map(&mut self, path: impl Into<String>, cell: Loc<'a>) {
        let path = path.into();
        if path.starts_with("schemes[") {
            return;
        }
        self.cells.entry(path).or_insert(cell);
    }

    /// Reads a cell with `read`; a refusal is reported at the cell and its path marked failed.
    fn get<T>(
        &mut self,
        table: &Table<'a>,
        row: usize,
        column: usize,
        path: &str,
        read: impl FnOnce(&Cell) -> Result<Option<T>, String>,
    ) -> Option<T> {
        self.map(path, table.loc(row, column));
        match read(table.cell(row, column)) {
            Ok(value) => value,
            Err(why) => {
                self.error(&table.reference(row, column), why);
                self.failed.insert(path.to_owned());
                None
            }
        }
    }

    /// As `get`, for a cell that must not be empty (`what` names it for the message).
    fn need<T>(
        &mut self,
        table: &Table<'a>,
        row: usize,
        column: usize,
        path: &str,
        what: &str,
        read: impl FnOnce(&Cell) -> Result<Option<T>, String>,
    ) -> Option<T> {
        let failed_before = self.failed.contains(path);
        let value = self.get(table, row, column, path, read);
        if value.is_none() && !self.failed.contains(path) && !failed_before {
            self.error(&table.reference(row, column), format!("{what} is empty"));
            self.failed.insert(path.to_owned());
        }
        value
    }

    fn text(&mut self, t: &Table<'a>, row: usize, column: usize, path: &str) -> Option<String> {
        self.get(t, row, column, path, text_of)
    }

    fn needed_text(
        &mut self,
        t: &Table<'a>,
        row: usize,
        column: usize,
        path: &str,
        what: &str,
    ) -> String {
        self.need(t, row, column, path, what, text_of)
            .unwrap_or_default()
    }

    fn amount(&mut self, t: &Table<'a>, row: usize, column: usize, path: &str) -> Option<String> {
        self.get(t, row, column, path, |c| {
            amount::read_amount(c, 1).map(|a| a.map(amount_text))
        })
    }

    /// An amount that must be given; `0.00` stands in for one that cannot be read (reported).
    fn needed_amount(
        &mut self,
        t: &Table<'a>,
        row: usize,
        column: usize,
        path: &str,
        what: &str,
    ) -> NumberText {
        let value = self.need(t, row, column, path, what, |c| {
            amount::read_amount(c, 1).map(|a| a.map(amount_text))
        });
        NumberText(value.unwrap_or_else(|| "0.00".to_owned()))
    }

    /// A weight that must be given; a number off the 6-place tolerance is `E-WEIGHT`.
    fn needed_weight(
        &mut self,
        t: &Table<'a>,
        row: usize,
        column: usize,
        path: &str,
    ) -> NumberText {
        let reference = t.reference(row, column);
        self.map(path, t.loc(row, column));
        match amount::read_percentage_coded(t.cell(row, column)) {
            Ok(Some(w)) => NumberText(weight_text(w)),
            Ok(None) => {
                self.error(&reference, "Share is empty");
                self.failed.insert(path.to_owned());
                NumberText("0".to_owned())
            }
            Err((code, why)) => {
                self.findings
                    .push(SheetFinding::coded_at(code, &reference, why));
                self.failed.insert(path.to_owned());
                NumberText("0".to_owned())
            }
        }
    }

    /// Whether a validation finding is about a field whose cell was already reported: the field
    /// itself, a part of it, or what holds it (a stream whose amount could not be read cannot be
    /// judged overfunded either). `holders` are the paths that hold a failed field.
    fn already_reported(&self, path: &str, holders: &HashSet<&str>) -> bool {
        holders.contains(path) || parents(path).any(|p| self.failed.contains(p))
    }

    /// The cell a plan path was read from: the path itself, else its nearest parent read.
    fn cell_for(&self, path: &str) -> Option<String> {
        if let Some(rest) = path.strip_prefix("schemes[")
            && let Some(loc) = self.scheme_loc(rest)
        {
            return Some(loc.sheet.reference(loc.row, loc.col));
        }
        let mut p = path;
        loop {
            if let Some(loc) = self.cells.get(p) {
                return Some(loc.sheet.reference(loc.row, loc.col));
            }
            let cut = p.rfind(['.', '['])?;
            p = p.get(..cut)?;
        }
    }

    /// The cell of a scheme's path (`2].funding[0].amount`, after `schemes[`): a scheme field
    /// at its first row, a funding line's stream or amount at its row, the forecast at its
    /// first non-empty cell.
    fn scheme_loc(&self, rest: &str) -> Option<Loc<'a>> {
        let t = self.expenditure.as_ref()?;
        let (index, field) = rest.split_once(']')?;
        let rows = self.scheme_rows.get(index.parse::<usize>().ok()?)?;
        let first = *rows.first()?;
        let column = |name: &str| match name {
            "name" => ex::NAME,
            "description" => ex::DESCRIPTION,
            "type" => ex::TYPE,
            "area_of_spend" => ex::AREA,
            "provider" => ex::PROVIDER,
            "group" => ex::GROUP,
            "forecast" => ex::FORECAST,
            _ if name.starts_with("commissioner") => ex::PARTNER,
            _ => ex::ID,
        };
        if let Some(line) = field.strip_prefix(".funding[") {
            let (j, what) = line.split_once(']').unwrap_or((line, ""));
            let Some(&row) = j.parse::<usize>().ok().and_then(|j| rows.get(j)) else {
                return Some(t.loc(first, ex::ID));
            };
            let col = if what == ".amount" {
                ex::AMOUNT
            } else {
                ex::STREAM
            };
            return Some(t.loc(row, col));
        }
        let name = field.strip_prefix('.').unwrap_or("");
        if name == "forecast" {
            let row = rows
                .iter()
                .copied()
                .find(|&r| !t.cell(r, ex::FORECAST).is_blank())
                .unwrap_or(first);
            return Some(t.loc(row, ex::FORECAST));
        }
        Some(t.loc(first, column(name)))
    }

    /// The whole plan; `None` only when the `Plan` sheet itself cannot be read.
    fn plan(&mut self) -> Option<PlanDocument> {
        let fields = self.plan_fields()?;
        let partners = self.partners();
        let streams = self.streams();
        // Kinds that could not be read stand in as `Other`; they are left out here so that the
        // checks against them add no noise.
        let stream_kinds: HashMap<String, StreamKind> = streams
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.failed.contains(&format!("streams[{i}].kind")))
            .map(|(_, s)| (s.id.clone(), s.kind))
            .collect();
        let partner_kinds: HashMap<String, PartnerKind> = partners
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.failed.contains(&format!("partners[{i}].kind")))
            .map(|(_, p)| (p.id.clone(), p.kind))
            .collect();
        let schemes = self.schemes(&fields.financial_year, &stream_kinds, &partner_kinds);
        let risk_share = self.risk_share();
        let contracts = self.contracts();
        let requirements = self.requirements();
        self.report.notes.push(
            "read as Pooled's own workbook (the Plan sheet's Format is pooled-plan/1)".to_owned(),
        );
        let ignored: Vec<String> = self
            .book
            .sheets
            .iter()
            .filter_map(|s| s.name.clone())
            .filter(|n| !PLAN_SHEETS.iter().any(|p| normalise(p) == normalise(n)))
            .collect();
        if !ignored.is_empty() {
            self.report.notes.push(format!(
                "not read (the outcome, which Pooled works out again): {}",
                ignored.join(", ")
            ));
        }
        Some(PlanDocument {
            format: pooled_core::plan::PLAN_FORMAT.to_owned(),
            name: fields.name,
            area: fields.area,
            financial_year: fields.financial_year,
            partners,
            host: fields.host,
            streams,
            schemes,
            risk_share,
            requirements,
            contracts,
            instalments: fields.instalments,
        })
    }

    fn plan_fields(&mut self) -> Option<PlanFields> {
        let table = self.table("Plan", PLAN_COLUMNS, true)?;
        let mut rows: HashMap<String, usize> = HashMap::new();
        for row in table.rows() {
            if let Cell::Text(label) = table.cell(row, plan_col::FIELD) {
                rows.entry(normalise(label)).or_insert(row);
            }
        }
        let field = |r: &mut Self, label: &str, path: &str, needed: bool| -> Option<String> {
            let Some(&row) = rows.get(&normalise(label)) else {
                if needed {
                    r.findings.push(SheetFinding::file(format!(
                        "the Plan sheet has no '{label}' row"
                    )));
                    r.failed.insert(path.to_owned());
                }
                return None;
            };
            if needed {
                Some(r.needed_text(&table, row, plan_col::VALUE, path, label))
            } else {
                r.text(&table, row, plan_col::VALUE, path)
            }
        };
        let name = field(self, "Name", "name", true).unwrap_or_default();
        let area = field(self, "Area", "area", false);
        let financial_year =
            field(self, "Financial year", "financial_year", true).unwrap_or_default();
        let host = field(self, "Host", "host", true).unwrap_or_default();
        let instalments = match rows.get("instalments") {
            Some(&row) => self.get(&table, row, plan_col::VALUE, "instalments", whole_of),
            None => None,
        };
        Some(PlanFields {
            name,
            area,
            financial_year,
            host,
            instalments,
        })
    }

    fn partners(&mut self) -> Vec<PartnerDoc> {
        let Some(t) = self.table("Partners", PARTNER_COLUMNS, true) else {
            return Vec::new();
        };
        self.map("partners", t.loc(0, 0));
        let mut partners = Vec::new();
        for (i, row) in t.rows().into_iter().enumerate() {
            let p = format!("partners[{i}]");
            self.map(p.clone(), t.loc(row, 0));
            let id = self.needed_text(&t, row, 0, &format!("{p}.id"), "ID");
            let name = self.needed_text(&t, row, 1, &format!("{p}.name"), "Name");
            let kind = self
                .need(&t, row, 2, &format!("{p}.kind"), "Kind", |c| {
                    text_of(c)?.map(|k| labels::partner_kind(&k)).transpose()
                })
                .unwrap_or(PartnerKind::Other);
            let code = self.text(&t, row, 3, &format!("{p}.code"));
            partners.push(PartnerDoc {
                id,
                name,
                kind,
                code,
            });
        }
        partners
    }

    fn streams(&mut self) -> Vec<StreamDoc> {
        let memo = self.memo;
        let Some(t) = self.table("Income", INCOME_COLUMNS, true) else {
            return Vec::new();
        };
        self.map("streams", t.loc(0, 0));
        let mut streams = Vec::new();
        for (i, row) in t.rows().into_iter().enumerate() {
            let p = format!("streams[{i}]");
            self.map(p.clone(), t.loc(row, 0));
            let id = self.needed_text(&t, row, 0, &format!("{p}.id"), "Stream ID");
            let name = self.needed_text(&t, row, 1, &format!("{p}.name"), "Stream name");
            let kind = self
                .need(&t, row, 2, &format!("{p}.kind"), "Source of Funding", |c| {
                    text_of(c)?
                        .map(|k| memo.source(&k).map(|s| s.kind))
                        .transpose()
                })
                .unwrap_or(StreamKind::Other);
            let partner = self.needed_text(&t, row, 3, &format!("{p}.partner"), "Partner");
            let amount = self.needed_amount(&t, row, 4, &format!("{p}.amount"), "Amount (£)");
            streams.push(StreamDoc {
                id,
                name,
                kind,
                partner,
                amount,
            });
        }
        streams
    }

    fn schemes(
        &mut self,
        year: &str,
        stream_kinds: &HashMap<String, StreamKind>,
        partner_kinds: &HashMap<String, PartnerKind>,
    ) -> Vec<SchemeDoc> {
        let Some(t) = self.table("Expenditure", EXPENDITURE_COLUMNS, true) else {
            return Vec::new();
        };
        self.report_columns(&t);
        self.map("schemes", t.loc(0, 0));
        self.expenditure = Some(Table {
            sheet: t.sheet,
            at: t.at.clone(),
        });
        // Rows by Scheme ID, schemes in the order of their first row (rows of one scheme need
        // not be next to each other: a line added at the bottom still belongs to its scheme).
        let mut order: Vec<(String, Vec<usize>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in 1..t.sheet.rows.len() {
            if t.sheet.row_is_blank(row) {
                continue;
            }
            if t.is_total(row) {
                self.report.skipped.push(SkippedRow {
                    cell: t.reference(row, ex::ID),
                    reason: "a totals row".to_owned(),
                });
                continue;
            }
            match text_of(t.cell(row, ex::ID)) {
                Ok(Some(id)) => match index.get(&id) {
                    Some(&k) => {
                        if let Some((_, rows)) = order.get_mut(k) {
                            rows.push(row);
                        }
                    }
                    None => {
                        index.insert(id.clone(), order.len());
                        order.push((id, vec![row]));
                    }
                },
                Ok(None) => self.error(&t.reference(row, ex::ID), "Scheme ID is missing"),
                Err(why) => self.error(&t.reference(row, ex::ID), why),
            }
        }
        let mut schemes = Vec::new();
        for (i, (id, rows)) in order.into_iter().enumerate() {
            let scheme = self.scheme(&t, i, id, &rows, year, stream_kinds, partner_kinds);
            self.scheme_rows.push(rows);
            self.report.funding_lines = self
                .report
                .funding_lines
                .saturating_add(u32::try_from(scheme.funding.len()).unwrap_or(u32::MAX));
            schemes.push(scheme);
        }
        self.report.schemes = u32::try_from(schemes.len()).unwrap_or(u32::MAX);
        schemes
    }

    fn report_columns(&mut self, t: &Table<'a>) {
        self.report.sheet = t.sheet.name.clone();
        self.report.header_row = Some(1);
        let header = t.sheet.rows.first().cloned().unwrap_or_default();
        for (c, cell) in header.iter().enumerate() {
            let Cell::Text(text) = cell else { continue };
            let field = EXPENDITURE_COLUMNS
                .iter()
                .enumerate()
                .find(|(k, _)| t.at.get(*k).copied().flatten() == Some(c))
                .map_or_else(
                    || "not read (for people)".to_owned(),
                    |(_, column)| column.header.to_owned(),
                );
            self.report.columns.push(ColumnMatch {
                cell: t.sheet.reference(0, c),
                header: text.clone(),
                field,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn scheme(
        &mut self,
        t: &Table<'a>,
        i: usize,
        id: String,
        rows: &[usize],
        year: &str,
        stream_kinds: &HashMap<String, StreamKind>,
        partner_kinds: &HashMap<String, PartnerKind>,
    ) -> SchemeDoc {
        let memo = self.memo;
        let first = rows.first().copied().unwrap_or(1);
        let p = format!("schemes[{i}]");
        self.map(p.clone(), t.loc(first, ex::ID));
        self.map(format!("{p}.id"), t.loc(first, ex::ID));
        let name = self.needed_text(t, first, ex::NAME, &format!("{p}.name"), "Scheme Name");
        let description = self.text(t, first, ex::DESCRIPTION, &format!("{p}.description"));
        let scheme_type = self
            .need(
                t,
                first,
                ex::TYPE,
                &format!("{p}.type"),
                "Scheme Type",
                |c| text_of(c)?.map(|l| memo.scheme_type(&l)).transpose(),
            )
            .unwrap_or(SchemeType::Other);
        let area_of_spend = self
            .need(
                t,
                first,
                ex::AREA,
                &format!("{p}.area_of_spend"),
                "Area of Spend",
                |c| text_of(c)?.map(|l| memo.area(&l)).transpose(),
            )
            .unwrap_or(AreaOfSpend::Other);
        let provider = self
            .need(
                t,
                first,
                ex::PROVIDER,
                &format!("{p}.provider"),
                "Provider",
                |c| text_of(c)?.map(|l| memo.provider(&l)).transpose(),
            )
            .unwrap_or(ProviderKind::Other);
        let commissioner_path = format!("{p}.commissioner");
        let commissioner = self.need(
            t,
            first,
            ex::PARTNER,
            &commissioner_path,
            "Commissioning partner",
            |c| text_of(c)?.map(|x| commissioner_of(&x)).transpose(),
        );
        // Each row's Commissioner against the scheme's partner (not against the first row's
        // Commissioner, so one wrong cell is one finding).
        if let Some(c) = &commissioner {
            for &row in rows {
                self.check_commissioner(t, row, first, c, partner_kinds);
            }
        }
        let group = self.text(t, first, ex::GROUP, &format!("{p}.group"));

        // The scheme's own fields on its later rows: empty, or as on its first row.
        for &row in rows.iter().skip(1) {
            for column in [
                ex::NAME,
                ex::DESCRIPTION,
                ex::TYPE,
                ex::AREA,
                ex::PROVIDER,
                ex::PARTNER,
                ex::GROUP,
            ] {
                self.check_agrees(t, &id, first, row, column);
            }
        }

        // The forecast: the sum of the scheme's non-empty forecast cells.
        let forecast_path = format!("{p}.forecast");
        let mut forecast: Option<Decimal> = None;
        let mut forecast_failed = false;
        for &row in rows {
            let reference = t.reference(row, ex::FORECAST);
            match amount::read_amount(t.cell(row, ex::FORECAST), 1) {
                Ok(Some(a)) => {
                    self.map(forecast_path.clone(), t.loc(row, ex::FORECAST));
                    forecast = Some(forecast.unwrap_or_default().saturating_add(a));
                }
                Ok(None) => {}
                Err(why) => {
                    self.error(&reference, why);
                    forecast_failed = true;
                }
            }
        }
        if forecast_failed {
            self.failed.insert(forecast_path);
        }

        let mut funding = Vec::new();
        for (j, &row) in rows.iter().enumerate() {
            let f = format!("{p}.funding[{j}]");
            self.map(f.clone(), t.loc(row, ex::STREAM));
            let stream =
                self.needed_text(t, row, ex::STREAM, &format!("{f}.stream"), "Funding stream");
            let amount = self.needed_amount(
                t,
                row,
                ex::AMOUNT,
                &format!("{f}.amount"),
                "Expenditure (£)",
            );
            self.check_source(t, row, &stream, year, stream_kinds);
            funding.push(FundingDoc { stream, amount });
        }

        SchemeDoc {
            id,
            name,
            scheme_type,
            area_of_spend,
            commissioner: commissioner.unwrap_or_else(|| CommissionerDoc::Partner(String::new())),
            provider,
            funding,
            forecast: forecast.map(|f| NumberText(amount_text(f))),
            group,
            description,
        }
    }

    /// `Commissioner` (for people) must agree with `Commissioning partner`: its kind's label,
    /// or `Joint`. An empty `Commissioner` is let be.
    fn check_commissioner(
        &mut self,
        t: &Table<'a>,
        row: usize,
        first: usize,
        commissioner: &CommissionerDoc,
        partner_kinds: &HashMap<String, PartnerKind>,
    ) {
        let Ok(Some(written)) = text_of(t.cell(row, ex::COMMISSIONER)) else {
            return;
        };
        let (expected, kind) = match commissioner {
            CommissionerDoc::Joint(_) => ("Joint", None),
            CommissionerDoc::Partner(id) => match partner_kinds.get(id) {
                Some(kind) => (commissioner_label(*kind), Some(*kind)),
                // An unknown partner is the plan's own check's to report.
                None => return,
            },
        };
        let agrees = normalise(&written) == normalise(expected)
            || match (self.memo.commissioner(&written), kind) {
                (Ok(labels::CommissionerLabel::Joint), None) => true,
                (Ok(labels::CommissionerLabel::Council), Some(PartnerKind::Council)) => true,
                (Ok(labels::CommissionerLabel::Nhs), Some(k)) => k.is_nhs(),
                _ => false,
            };
        if !agrees {
            let partner = t.reference(first, ex::PARTNER);
            self.error(
                &t.reference(row, ex::COMMISSIONER),
                format!(
                    "'{written}' does not agree with the Commissioning partner ({partner}); \
                     write {expected}"
                ),
            );
        }
    }

    /// `Source of Funding` (for people) must agree with the funding stream's kind.
    fn check_source(
        &mut self,
        t: &Table<'a>,
        row: usize,
        stream: &str,
        year: &str,
        stream_kinds: &HashMap<String, StreamKind>,
    ) {
        let reference = t.reference(row, ex::SOURCE);
        let written = match text_of(t.cell(row, ex::SOURCE)) {
            Ok(Some(w)) => w,
            Ok(None) => return,
            Err(why) => return self.error(&reference, why),
        };
        let source = match self.memo.source(&written) {
            Ok(s) => s,
            Err(why) => return self.error(&reference, why),
        };
        // An unknown stream is the plan's own check's to report.
        let Some(kind) = stream_kinds.get(stream) else {
            return;
        };
        if source.kind != *kind {
            self.error(
                &reference,
                format!(
                    "'{written}' does not agree with the funding stream '{stream}', whose Source \
                     of Funding is {}",
                    labels::stream_kind_label(*kind, year)
                ),
            );
        }
    }

    /// A scheme field on a later row: empty, or equal to the first row's.
    fn check_agrees(&mut self, t: &Table<'a>, id: &str, first: usize, row: usize, column: usize) {
        let memo = self.memo;
        let Ok(Some(later)) = text_of(t.cell(row, column)) else {
            return;
        };
        let earlier = text_of(t.cell(first, column)).ok().flatten();
        // A label that reads as nothing is reported as such (once, at its own cell); a first row
        // that failed has been reported already.
        let label = |text: &str| -> Result<(), String> {
            match column {
                ex::TYPE => memo.scheme_type(text).map(drop),
                ex::AREA => memo.area(text).map(drop),
                ex::PROVIDER => memo.provider(text).map(drop),
                ex::PARTNER => commissioner_of(text).map(drop),
                _ => Ok(()),
            }
        };
        if let Err(why) = label(&later) {
            return self.error(&t.reference(row, column), why);
        }
        if earlier.as_deref().is_some_and(|e| label(e).is_err()) {
            return;
        }
        // A needed field empty on the first row has been reported there.
        let needed = matches!(
            column,
            ex::NAME | ex::TYPE | ex::AREA | ex::PROVIDER | ex::PARTNER
        );
        if earlier.is_none() && needed {
            return;
        }
        let same = earlier.as_deref().is_some_and(|e| {
            e == later
                || match column {
                    ex::TYPE => same_label(e, &later, |l| memo.scheme_type(l)),
                    ex::AREA => same_label(e, &later, |l| memo.area(l)),
                    ex::PROVIDER => same_label(e, &later, |l| memo.provider(l)),
                    ex::COMMISSIONER => {
                        normalise(e) == normalise(&later)
                            || same_label(e, &later, |l| memo.commissioner(l))
                    }
                    ex::PARTNER => matches!(
                        (commissioner_of(e), commissioner_of(&later)),
                        (Ok(a), Ok(b)) if a == b
                    ),
                    _ => false,
                }
        });
        if !same {
            let header = EXPENDITURE_COLUMNS.get(column).map_or("", |c| c.header);
            let first_ref = t.reference(first, column);
            let has = match &earlier {
                Some(e) => format!("'{e}'"),
                None => "nothing".to_owned(),
            };
            self.error(
                &t.reference(row, column),
                format!(
                    "'{later}' does not agree with the first row of scheme {id}, which has {has} \
                     ({first_ref}); leave {header} empty on the scheme's other rows or give the \
                     same"
                ),
            );
        }
    }

    fn risk_share(&mut self) -> Option<RiskShareDoc> {
        let groups_t = self.table("Risk share", GROUP_COLUMNS, true);
        let rules_t = self.table("Risk rules", RULE_COLUMNS, true);
        let caps_t = self.table("Risk caps", CAP_COLUMNS, true);
        let offsets_t = self.table("Risk offsets", OFFSET_COLUMNS, false);
        let count = |t: &Option<Table<'a>>| t.as_ref().map_or(0, |t| t.rows().len());
        if count(&groups_t) + count(&rules_t) + count(&caps_t) + count(&offsets_t) == 0 {
            return None;
        }
        let mut groups: Vec<GroupDoc> = Vec::new();
        let mut group_rows: Vec<usize> = Vec::new();
        let mut default_group: Option<String> = None;
        if let Some(t) = &groups_t {
            self.map("risk_share", t.loc(0, 0));
            self.map("risk_share.groups", t.loc(0, 0));
            for (g, row) in t.rows().into_iter().enumerate() {
                let p = format!("risk_share.groups[{g}]");
                self.map(p.clone(), t.loc(row, 0));
                let id = self.needed_text(t, row, 0, &format!("{p}.id"), "Group ID");
                let name = self.needed_text(t, row, 1, &format!("{p}.name"), "Group name");
                let host = self.text(t, row, 2, &format!("{p}.host"));
                let per_scheme = self.get(t, row, 3, &format!("{p}.per_scheme"), yes_no);
                let cap_at_contribution =
                    self.get(t, row, 4, &format!("{p}.cap_at_contribution"), yes_no);
                if self.get(t, row, 5, "risk_share.default_group", yes_no) == Some(true) {
                    if default_group.is_some() {
                        self.error(
                            &t.reference(row, 5),
                            "a second Default group; only one group can be the default",
                        );
                    } else {
                        default_group = Some(id.clone());
                        self.cells
                            .insert("risk_share.default_group".to_owned(), t.loc(row, 5));
                    }
                }
                let opening_reserve = if t.has(6) {
                    self.amount(t, row, 6, &format!("{p}.opening_reserve"))
                        .map(NumberText)
                } else {
                    None
                };
                let settle = if t.has(7) {
                    self.get(t, row, 7, &format!("{p}.settle"), yes_no)
                } else {
                    None
                };
                let placeholder = RuleDoc {
                    method: RuleMethod::ProRataContributions,
                    shares: None,
                    bands: None,
                    amounts: None,
                };
                groups.push(GroupDoc {
                    id,
                    name,
                    host,
                    overspend: placeholder.clone(),
                    underspend: placeholder,
                    per_scheme,
                    caps: None,
                    cap_at_contribution,
                    opening_reserve,
                    settle,
                });
                group_rows.push(row);
            }
        }
        let position: HashMap<String, usize> = groups
            .iter()
            .enumerate()
            .map(|(g, doc)| (doc.id.clone(), g))
            .collect();

        if let Some(t) = &rules_t {
            self.rules(t, &mut groups, &group_rows, groups_t.as_ref(), &position);
        }
        if let Some(t) = &caps_t {
            for row in t.rows() {
                let Some(g) = self.group_at(t, row, 0, &position) else {
                    continue;
                };
                let partner = self.needed_text(
                    t,
                    row,
                    1,
                    &format!("risk_share.groups[{g}].caps"),
                    "Partner",
                );
                let path = format!("risk_share.groups[{g}].caps.{partner}");
                let cap = self.needed_amount(t, row, 2, &path, "Cap (£)");
                if let Some(group) = groups.get_mut(g) {
                    group
                        .caps
                        .get_or_insert_with(|| Entries(Vec::new()))
                        .0
                        .push((partner, cap));
                }
            }
        }
        let offsets = offsets_t.as_ref().and_then(|t| self.offsets(t));
        Some(RiskShareDoc {
            default_group,
            groups,
            offsets,
        })
    }

    /// The group a row names (reported when it is not on the `Risk share` sheet).
    fn group_at(
        &mut self,
        t: &Table<'a>,
        row: usize,
        column: usize,
        position: &HashMap<String, usize>,
    ) -> Option<usize> {
        let reference = t.reference(row, column);
        match text_of(t.cell(row, column)) {
            Ok(Some(id)) => match position.get(&id) {
                Some(&g) => Some(g),
                None => {
                    self.error(
                        &reference,
                        format!("'{id}' is not a group on the Risk share sheet"),
                    );
                    None
                }
            },
            Ok(None) => {
                self.error(&reference, "Group ID is empty");
                None
            }
            Err(why) => {
                self.error(&reference, why);
                None
            }
        }
    }

    fn rules(
        &mut self,
        t: &Table<'a>,
        groups: &mut [GroupDoc],
        group_rows: &[usize],
        groups_t: Option<&Table<'a>>,
        position: &HashMap<String, usize>,
    ) {
        // Rows by (group, side), in sheet order.
        let mut by_side: BTreeMap<(usize, bool), Vec<RuleRow>> = BTreeMap::new();
        for row in t.rows() {
            let Some(g) = self.group_at(t, row, rule_col::GROUP, position) else {
                continue;
            };
            let side_ref = t.reference(row, rule_col::SIDE);
            let over = match text_of(t.cell(row, rule_col::SIDE)) {
                Ok(Some(s)) => match normalise(&s).as_str() {
                    "overspend" => true,
                    "underspend" => false,
                    _ => {
                        self.error(&side_ref, format!("'{s}' is not Overspend or Underspend"));
                        continue;
                    }
                },
                Ok(None) => {
                    self.error(
                        &side_ref,
                        "Applies to is empty; write Overspend or Underspend",
                    );
                    continue;
                }
                Err(why) => {
                    self.error(&side_ref, why);
                    continue;
                }
            };
            let band = match whole_of(t.cell(row, rule_col::BAND)) {
                Ok(b) => b,
                Err(why) => {
                    self.error(&t.reference(row, rule_col::BAND), why);
                    continue;
                }
            };
            by_side
                .entry((g, over))
                .or_default()
                .push(RuleRow { row, band });
        }
        for (g, group) in groups.iter_mut().enumerate() {
            for over in [true, false] {
                let side = if over { "overspend" } else { "underspend" };
                let path = format!("risk_share.groups[{g}].{side}");
                let rows = by_side.remove(&(g, over)).unwrap_or_default();
                if rows.is_empty() {
                    let cell = match (groups_t, group_rows.get(g)) {
                        (Some(gt), Some(&row)) => gt.reference(row, 0),
                        _ => t.reference(0, 0),
                    };
                    self.error(
                        &cell,
                        format!(
                            "group '{}' has no {} rule on the Risk rules sheet",
                            group.id,
                            if over { "Overspend" } else { "Underspend" }
                        ),
                    );
                    self.failed.insert(path);
                    continue;
                }
                let rule = self.side_rule(t, &group.id, &path, &rows);
                if over {
                    group.overspend = rule;
                } else {
                    group.underspend = rule;
                }
            }
        }
    }

    /// One side of a group: tiered when its rows carry band numbers (1…n, each used).
    fn side_rule(&mut self, t: &Table<'a>, group: &str, path: &str, rows: &[RuleRow]) -> RuleDoc {
        let first = rows.first().map_or(1, |r| r.row);
        self.map(path, t.loc(first, rule_col::METHOD));
        if rows.iter().all(|r| r.band.is_none()) {
            let plain: Vec<usize> = rows.iter().map(|r| r.row).collect();
            return self.rule(t, group, path, &plain);
        }
        let mut bands: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for r in rows {
            match r.band {
                Some(b) => bands.entry(b).or_default().push(r.row),
                None => self.error(
                    &t.reference(r.row, rule_col::BAND),
                    format!(
                        "Band is empty, but group '{group}' has bands on this side; give the \
                         row its band number"
                    ),
                ),
            }
        }
        let mut docs = Vec::new();
        for (b, (number, band_rows)) in bands.into_iter().enumerate() {
            let first = band_rows.first().copied().unwrap_or(1);
            let expected = u32::try_from(b).unwrap_or(u32::MAX).saturating_add(1);
            if number != expected {
                self.error(
                    &t.reference(first, rule_col::BAND),
                    format!(
                        "band {number} of group '{group}': bands are numbered 1, 2, 3 … with \
                         none missing, and band {expected} is missing"
                    ),
                );
            }
            let band_path = format!("{path}.bands[{b}]");
            self.map(band_path.clone(), t.loc(first, rule_col::BAND));
            let up_path = format!("{band_path}.up_to");
            let up_to = self.amount(t, first, rule_col::UP_TO, &up_path);
            for &row in band_rows.iter().skip(1) {
                let other = amount::read_amount(t.cell(row, rule_col::UP_TO), 1)
                    .ok()
                    .flatten();
                if other.is_some() && other.map(amount_text) != up_to {
                    self.error(
                        &t.reference(row, rule_col::UP_TO),
                        format!(
                            "the rows of band {number} of group '{group}' give different Up to \
                             amounts; give the same on each, or leave it empty"
                        ),
                    );
                }
            }
            let rule = self.rule(t, group, &format!("{band_path}.rule"), &band_rows);
            docs.push(BandDoc {
                up_to: up_to.map(NumberText),
                rule,
            });
        }
        RuleDoc {
            method: RuleMethod::Tiered,
            shares: None,
            bands: Some(docs),
            amounts: None,
        }
    }

    /// One rule from its rows: its method, and for fixed shares or stated amounts one entry a row.
    fn rule(&mut self, t: &Table<'a>, group: &str, path: &str, rows: &[usize]) -> RuleDoc {
        let first = rows.first().copied().unwrap_or(1);
        self.map(path, t.loc(first, rule_col::METHOD));
        let method_of = |c: &Cell| text_of(c)?.map(|m| method(&m)).transpose();
        let method_path = format!("{path}.method");
        let chosen = self
            .need(
                t,
                first,
                rule_col::METHOD,
                &method_path,
                "Method",
                method_of,
            )
            .unwrap_or(RuleMethod::ProRataContributions);
        for &row in rows.iter().skip(1) {
            if let Ok(Some(m)) = method_of(t.cell(row, rule_col::METHOD))
                && m != chosen
            {
                self.error(
                    &t.reference(row, rule_col::METHOD),
                    format!(
                        "the rows of one rule of group '{group}' give different Methods; give \
                         the same on each row"
                    ),
                );
            }
        }
        let mut doc = RuleDoc {
            method: chosen,
            shares: None,
            bands: None,
            amounts: None,
        };
        match chosen {
            RuleMethod::Fixed => {
                let mut shares = Vec::new();
                for &row in rows {
                    let partner = self.needed_text(
                        t,
                        row,
                        rule_col::PARTNER,
                        &format!("{path}.shares"),
                        "Partner",
                    );
                    let share = self.needed_weight(
                        t,
                        row,
                        rule_col::SHARE,
                        &format!("{path}.shares.{partner}"),
                    );
                    shares.push((partner, share));
                }
                doc.shares = Some(Entries(shares));
            }
            RuleMethod::ProRataAmounts | RuleMethod::Agreed => {
                if !t.has(rule_col::AMOUNT) {
                    self.error(
                        &t.reference(first, rule_col::METHOD),
                        "this method needs the column 'Amount (£)', which the sheet lacks",
                    );
                    self.failed.insert(path.to_owned());
                    return doc;
                }
                let mut amounts = Vec::new();
                for &row in rows {
                    let partner = self.needed_text(
                        t,
                        row,
                        rule_col::PARTNER,
                        &format!("{path}.amounts"),
                        "Partner",
                    );
                    let amount = self.needed_amount(
                        t,
                        row,
                        rule_col::AMOUNT,
                        &format!("{path}.amounts.{partner}"),
                        "Amount (£)",
                    );
                    amounts.push((partner, amount));
                }
                doc.amounts = Some(Entries(amounts));
            }
            _ => {
                if let Some(&extra) = rows.get(1) {
                    self.error(
                        &t.reference(extra, rule_col::METHOD),
                        format!(
                            "group '{group}' already has this rule on row {}; only Fixed shares \
                             and stated or agreed amounts take a row per partner",
                            first.saturating_add(1)
                        ),
                    );
                }
            }
        }
        doc
    }

    fn offsets(&mut self, t: &Table<'a>) -> Option<Vec<Vec<String>>> {
        let mut sets: BTreeMap<u32, Vec<(usize, String)>> = BTreeMap::new();
        for row in t.rows() {
            let set_ref = t.reference(row, 0);
            let set = match whole_of(t.cell(row, 0)) {
                Ok(Some(n)) => n,
                Ok(None) => {
                    self.error(&set_ref, "Set is empty");
                    continue;
                }
                Err(why) => {
                    self.error(&set_ref, why);
                    continue;
                }
            };
            let id = match text_of(t.cell(row, 1)) {
                Ok(Some(id)) => id,
                Ok(None) => {
                    self.error(&t.reference(row, 1), "Group ID is empty");
                    continue;
                }
                Err(why) => {
                    self.error(&t.reference(row, 1), why);
                    continue;
                }
            };
            // An unknown group is the plan's own check's to report (E-UNKNOWN-REF), at its cell.
            sets.entry(set).or_default().push((row, id));
        }
        if sets.is_empty() {
            return None;
        }
        let mut out = Vec::new();
        for (i, (number, rows)) in sets.into_iter().enumerate() {
            let first = rows.first().map_or(1, |(r, _)| *r);
            let expected = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
            if number != expected {
                self.error(
                    &t.reference(first, 0),
                    format!(
                        "netting set {number}: sets are numbered 1, 2, 3 … with none missing, \
                         and set {expected} is missing"
                    ),
                );
            }
            self.map(format!("risk_share.offsets[{i}]"), t.loc(first, 0));
            let mut set = Vec::new();
            for (j, (row, id)) in rows.into_iter().enumerate() {
                self.map(format!("risk_share.offsets[{i}][{j}]"), t.loc(row, 1));
                set.push(id);
            }
            out.push(set);
        }
        Some(out)
    }

    fn contracts(&mut self) -> Option<Vec<ContractDoc>> {
        let t = self.table("Contracts", CONTRACT_COLUMNS, true)?;
        let mut contracts = Vec::new();
        for (i, row) in t.rows().into_iter().enumerate() {
            let p = format!("contracts[{i}]");
            self.map(p.clone(), t.loc(row, 0));
            let id = self.needed_text(&t, row, 0, &format!("{p}.id"), "Contract ID");
            let name = self.needed_text(&t, row, 1, &format!("{p}.name"), "Name");
            let provider = self.text(&t, row, 2, &format!("{p}.provider"));
            let scheme = self.needed_text(&t, row, 3, &format!("{p}.scheme"), "Scheme");
            let value = self.needed_amount(&t, row, 4, &format!("{p}.value"), "Value (£)");
            let start = self
                .need(&t, row, 5, &format!("{p}.start"), "Start", date_of)
                .unwrap_or_default();
            let end = self
                .need(&t, row, 6, &format!("{p}.end"), "End", date_of)
                .unwrap_or_default();
            contracts.push(ContractDoc {
                id,
                name,
                provider,
                scheme,
                value,
                start,
                end,
            });
        }
        (!contracts.is_empty()).then_some(contracts)
    }

    fn requirements(&mut self) -> Option<RequirementsDoc> {
        let t = self.table("Requirements", REQUIREMENT_COLUMNS, true)?;
        let mut doc = RequirementsDoc::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for row in t.rows() {
            let reference = t.reference(row, 0);
            let label = match text_of(t.cell(row, 0)) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.error(&reference, "Requirement is empty");
                    continue;
                }
                Err(why) => {
                    self.error(&reference, why);
                    continue;
                }
            };
            let key = normalise(&label);
            let Some(&(_, field)) = REQUIREMENTS
                .iter()
                .find(|(written, field)| normalise(written) == key || normalise(field) == key)
            else {
                let written: Vec<&str> = REQUIREMENTS.iter().map(|(w, _)| *w).collect();
                self.error(
                    &reference,
                    format!(
                        "'{label}' is not a Requirement; use one of: {}",
                        written.join(", ")
                    ),
                );
                continue;
            };
            if !seen.insert(field) {
                self.error(&reference, format!("'{label}' is given twice"));
                continue;
            }
            let path = format!("requirements.{field}");
            self.map(path.clone(), t.loc(row, 1));
            let amount = self.amount(&t, row, 1, &path).map(NumberText);
            match field {
                "nhs_min_social_care" => doc.nhs_min_social_care = amount,
                _ => doc.nhs_min_out_of_hospital = amount,
            }
        }
        (doc != RequirementsDoc::default()).then_some(doc)
    }
}

/// A plan path and the paths that hold it, nearest first: `schemes[2].funding[0].amount`,
/// `schemes[2].funding[0]`, `schemes[2].funding`, `schemes[2]`, `schemes`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(path), |p| {
        p.rfind(['.', '[']).and_then(|cut| p.get(..cut))
    })
}

struct PlanFields {
    name: String,
    area: Option<String>,
    financial_year: String,
    host: String,
    instalments: Option<u32>,
}

fn same_label<T: PartialEq, E>(a: &str, b: &str, read: impl Fn(&str) -> Result<T, E>) -> bool {
    normalise(a) == normalise(b) || matches!((read(a), read(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commissioning_partners_are_read() {
        assert_eq!(
            commissioner_of("county"),
            Ok(CommissionerDoc::Partner("county".into()))
        );
        let joint = commissioner_of("county: 33.333333%; icb: 66.666667%").unwrap();
        assert_eq!(
            joint,
            CommissionerDoc::Joint(JointDoc {
                joint: Entries(vec![
                    ("county".into(), NumberText("33.333333".into())),
                    ("icb".into(), NumberText("66.666667".into())),
                ])
            })
        );
        assert!(commissioner_of("county: lots").is_err());
    }

    #[test]
    fn dates_are_read_from_cells_and_text() {
        assert_eq!(date_of(&Cell::Date(45748.0)), Ok(Some("2025-04-01".into())));
        assert_eq!(
            date_of(&Cell::Text("2025-04-01".into())),
            Ok(Some("2025-04-01".into()))
        );
        assert!(date_of(&Cell::Text("1/4/2025".into())).is_err());
        assert_eq!(date_of(&Cell::Empty), Ok(None));
    }

    #[test]
    fn methods_are_read_by_label_or_name() {
        assert_eq!(method("Host bears"), Ok(RuleMethod::Host));
        assert_eq!(
            method("pro_rata_contributions"),
            Ok(RuleMethod::ProRataContributions)
        );
        assert!(method("Tiered").is_err());
    }
}
