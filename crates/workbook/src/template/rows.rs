//! The Expenditure table's rows (spec §3.4): spacer, totals and note rows skipped; every other
//! row a funding line; rows sharing a Scheme ID one scheme, its fields from its first row and
//! every later row agreeing or empty; the commissioner, joint percentages and forecast.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

use pooled_core::findings::Code;
use pooled_core::plan::kinds::{AreaOfSpend, ProviderKind, SchemeType};
use rust_decimal::Decimal;

use crate::amount::{read_amount, read_percentage_coded};
use crate::book::Sheet;
use crate::labels::{self, CommissionerLabel, Source};
use crate::read::{ReadReport, SkippedRow};

use super::cells::{Problems, is_totals_row, text_of};

/// The Expenditure table's columns (0-based); `None` for a column the sheet lacks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cols {
    pub id: usize,
    pub name: Option<usize>,
    pub description: Option<usize>,
    pub scheme_type: usize,
    pub sub_type: Option<usize>,
    pub area: Option<usize>,
    pub commissioner: Option<usize>,
    pub pct_nhs: Option<usize>,
    pub pct_la: Option<usize>,
    pub provider: Option<usize>,
    pub source: usize,
    /// The amount column and its multiplier.
    pub amount: (usize, u32),
    pub forecast: Option<(usize, u32)>,
}

/// A scheme field as its first row gave it.
#[derive(Clone, Debug)]
enum Seen<T> {
    Blank,
    /// Reported already: later rows are not compared with it.
    Failed,
    /// The value, the text as written and its cell.
    Value(T, String, String),
}

impl<T: Copy> Seen<T> {
    fn value(&self) -> Option<T> {
        match self {
            Seen::Value(v, _, _) => Some(*v),
            _ => None,
        }
    }
}

impl<T> Seen<T> {
    fn cell(&self) -> Option<String> {
        match self {
            Seen::Value(_, _, cell) => Some(cell.clone()),
            _ => None,
        }
    }
}

/// The commissioner as read: joint percentages already scaled to sum to 100.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Commission {
    Council,
    Nhs,
    Joint { la: Decimal, nhs: Decimal },
}

/// One funding line: what its Source of Funding and amount cells gave.
#[derive(Clone, Debug)]
pub struct LineRead {
    /// The row, for streams in order of first appearance.
    pub row: usize,
    pub source: Option<Source>,
    pub source_cell: String,
    pub amount: Option<Decimal>,
    pub amount_cell: String,
}

/// One scheme: its first row's fields, its forecast and its funding lines.
#[derive(Clone, Debug)]
pub struct SchemeRead {
    pub id: String,
    pub id_cell: String,
    name: Seen<String>,
    pub name_text: Option<String>,
    description: Seen<String>,
    pub description_text: Option<String>,
    scheme_type: Seen<SchemeType>,
    area: Seen<AreaOfSpend>,
    label: Seen<CommissionerLabel>,
    nhs: Seen<Decimal>,
    la: Seen<Decimal>,
    pub commissioner: Option<Commission>,
    provider: Seen<ProviderKind>,
    pub forecast: Option<Decimal>,
    pub forecast_cell: Option<String>,
    pub forecast_failed: bool,
    pub lines: Vec<LineRead>,
}

impl SchemeRead {
    pub fn scheme_type(&self) -> Option<SchemeType> {
        self.scheme_type.value()
    }
    pub fn area(&self) -> Option<AreaOfSpend> {
        self.area.value()
    }
    pub fn provider(&self) -> Option<ProviderKind> {
        self.provider.value()
    }
    pub fn name_cell(&self) -> Option<String> {
        self.name.cell()
    }
    pub fn type_cell(&self) -> Option<String> {
        self.scheme_type.cell()
    }
    pub fn area_cell(&self) -> Option<String> {
        self.area.cell()
    }
    pub fn provider_cell(&self) -> Option<String> {
        self.provider.cell()
    }
    pub fn description_cell(&self) -> Option<String> {
        self.description.cell()
    }
    pub fn commissioner_cell(&self) -> Option<String> {
        self.label.cell()
    }
    pub fn nhs_cell(&self) -> Option<String> {
        self.nhs.cell()
    }
    pub fn la_cell(&self) -> Option<String> {
        self.la.cell()
    }
}

/// Each label text looked up, with what it read as.
type Looked<K, T> = RefCell<HashMap<K, Result<T, String>>>;

/// Labels already looked up: a sheet repeats a handful of labels over thousands of rows.
#[derive(Default)]
struct Memo {
    /// Keyed by the label and the row's Sub Types (2019-20's intermediate care).
    types: Looked<(String, Option<String>), SchemeType>,
    areas: Looked<String, AreaOfSpend>,
    providers: Looked<String, ProviderKind>,
    commissioners: Looked<String, CommissionerLabel>,
    sources: Looked<String, Source>,
}

fn remember<K: Eq + Hash, T: Clone>(
    map: &RefCell<HashMap<K, T>>,
    key: K,
    work: impl FnOnce() -> T,
) -> T {
    let hit = map.borrow().get(&key).cloned();
    if let Some(value) = hit {
        return value;
    }
    let value = work();
    map.borrow_mut().insert(key, value.clone());
    value
}

impl Memo {
    fn scheme_type(&self, label: &str, sub_type: Option<&str>) -> Result<SchemeType, String> {
        let key = (label.to_owned(), sub_type.map(str::to_owned));
        remember(&self.types, key, || labels::scheme_type(label, sub_type))
    }
    fn area(&self, label: &str) -> Result<AreaOfSpend, String> {
        remember(&self.areas, label.to_owned(), || labels::area(label))
    }
    fn provider(&self, label: &str) -> Result<ProviderKind, String> {
        remember(&self.providers, label.to_owned(), || {
            labels::provider(label)
        })
    }
    fn commissioner(&self, label: &str) -> Result<CommissionerLabel, String> {
        remember(&self.commissioners, label.to_owned(), || {
            labels::commissioner(label)
        })
    }
    fn source(&self, label: &str) -> Result<Source, String> {
        remember(&self.sources, label.to_owned(), || labels::source(label))
    }
}

/// Reads one row's cells of the table.
struct RowReader<'a> {
    memo: &'a Memo,
    sheet: &'a Sheet,
    cols: &'a Cols,
    row: usize,
    /// Whether empty needed cells are reported: not on a row already refused for its missing
    /// Scheme ID, whose other cells are checked only for what cannot be read.
    check_missing: bool,
}

impl RowReader<'_> {
    fn cell_ref(&self, col: usize) -> String {
        self.sheet.reference(self.row, col)
    }

    fn blank(&self, col: Option<usize>) -> bool {
        col.is_none_or(|c| self.sheet.cell(self.row, c).is_blank())
    }

    /// A text or label field: blank, failed (reported), or read.
    fn field<T>(
        &self,
        col: Option<usize>,
        p: &mut Problems,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Seen<T> {
        let Some(col) = col else { return Seen::Blank };
        let cell = self.cell_ref(col);
        match text_of(self.sheet.cell(self.row, col)) {
            Ok(None) => Seen::Blank,
            Ok(Some(text)) => match parse(&text) {
                Ok(v) => Seen::Value(v, text, cell),
                Err(why) => {
                    p.at(&cell, why);
                    Seen::Failed
                }
            },
            Err(why) => {
                p.at(&cell, why);
                Seen::Failed
            }
        }
    }

    fn percentage(&self, col: Option<usize>, p: &mut Problems) -> Seen<Decimal> {
        let Some(col) = col else { return Seen::Blank };
        let cell = self.cell_ref(col);
        let shown = text_of(self.sheet.cell(self.row, col))
            .ok()
            .flatten()
            .unwrap_or_default();
        match read_percentage_coded(self.sheet.cell(self.row, col)) {
            Ok(None) => Seen::Blank,
            Ok(Some(v)) => Seen::Value(v, shown, cell),
            Err((code, why)) => {
                p.coded(code, &cell, why);
                Seen::Failed
            }
        }
    }

    fn scheme_type(&self, p: &mut Problems) -> Seen<SchemeType> {
        let sub_type = self
            .cols
            .sub_type
            .and_then(|c| text_of(self.sheet.cell(self.row, c)).ok().flatten());
        self.field(Some(self.cols.scheme_type), p, |t| {
            self.memo.scheme_type(t, sub_type.as_deref())
        })
    }

    fn line(&self, p: &mut Problems) -> LineRead {
        let source_cell = self.cell_ref(self.cols.source);
        let source = match self.field(Some(self.cols.source), p, |t| self.memo.source(t)) {
            Seen::Value(s, _, _) => Some(s),
            Seen::Blank => {
                if self.check_missing {
                    p.at(
                        &source_cell,
                        "Source of Funding is empty; every funding line needs one",
                    );
                }
                None
            }
            Seen::Failed => None,
        };
        let (col, multiplier) = self.cols.amount;
        let amount_cell = self.cell_ref(col);
        let amount = match read_amount(self.sheet.cell(self.row, col), multiplier) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                if self.check_missing {
                    p.at(
                        &amount_cell,
                        "the amount is empty; every funding line needs one (type 0 for a nil line)",
                    );
                }
                None
            }
            Err(why) => {
                p.at(&amount_cell, why);
                None
            }
        };
        LineRead {
            row: self.row,
            source,
            source_cell,
            amount,
            amount_cell,
        }
    }

    /// Adds the row's forecast cell to the scheme's forecast.
    fn forecast(&self, scheme: &mut SchemeRead, p: &mut Problems) {
        let Some((col, multiplier)) = self.cols.forecast else {
            return;
        };
        let cell = self.cell_ref(col);
        match read_amount(self.sheet.cell(self.row, col), multiplier) {
            Ok(None) => {}
            Ok(Some(a)) => {
                scheme.forecast_cell.get_or_insert(cell.clone());
                let sum = scheme.forecast.unwrap_or(Decimal::ZERO).checked_add(a);
                match sum {
                    Some(sum) => scheme.forecast = Some(sum),
                    None => {
                        p.at(
                            &cell,
                            "the scheme's forecast adds up to more than can be read",
                        );
                        scheme.forecast_failed = true;
                    }
                }
            }
            Err(why) => {
                p.at(&cell, why);
                scheme.forecast_cell.get_or_insert(cell);
                scheme.forecast_failed = true;
            }
        }
    }

    /// A scheme's first row: its fields, each needed one reported when empty.
    fn first(&self, id: String, p: &mut Problems) -> SchemeRead {
        let c = self.cols;
        let name = self.field(c.name, p, |t| Ok(t.to_owned()));
        let description = self.field(c.description, p, |t| Ok(t.to_owned()));
        let missing = |seen_blank: bool, col: Option<usize>, what: &str, p: &mut Problems| {
            if let (true, true, Some(col)) = (self.check_missing, seen_blank, col) {
                p.at(
                    &self.cell_ref(col),
                    format!("{what} is empty; a scheme's first row needs one"),
                );
            }
        };
        let scheme_type = self.scheme_type(p);
        let area = self.field(c.area, p, |t| self.memo.area(t));
        let label = self.field(c.commissioner, p, |t| self.memo.commissioner(t));
        let provider = self.field(c.provider, p, |t| self.memo.provider(t));
        missing(matches!(name, Seen::Blank), c.name, "Scheme Name", p);
        missing(
            matches!(scheme_type, Seen::Blank),
            Some(c.scheme_type),
            "Scheme Type",
            p,
        );
        missing(matches!(area, Seen::Blank), c.area, "Area of Spend", p);
        missing(
            matches!(label, Seen::Blank),
            c.commissioner,
            "Commissioner",
            p,
        );
        missing(matches!(provider, Seen::Blank), c.provider, "Provider", p);
        let (nhs, la) = match label.value() {
            Some(CommissionerLabel::Joint) => {
                (self.percentage(c.pct_nhs, p), self.percentage(c.pct_la, p))
            }
            _ => (Seen::Blank, Seen::Blank),
        };
        let commissioner = match label.value() {
            Some(CommissionerLabel::Council) => Some(Commission::Council),
            Some(CommissionerLabel::Nhs) => Some(Commission::Nhs),
            Some(CommissionerLabel::Joint) => self.joint(&nhs, &la, p),
            None => None,
        };
        let name_text = match &name {
            Seen::Value(_, t, _) => Some(t.clone()),
            _ => None,
        };
        let description_text = match &description {
            Seen::Value(_, t, _) => Some(t.clone()),
            _ => None,
        };
        SchemeRead {
            id,
            id_cell: self.cell_ref(c.id),
            name,
            name_text,
            description,
            description_text,
            scheme_type,
            area,
            label,
            nhs,
            la,
            commissioner,
            provider,
            forecast: None,
            forecast_cell: None,
            forecast_failed: false,
            lines: Vec::new(),
        }
    }

    /// A joint commissioner's split (§1.5): as it is when the two sum to 100, times 100 when
    /// they sum to 1; a missing one `E-WORKBOOK`, any other sum `E-JOINT-SPLIT` at `% NHS`.
    fn joint(
        &self,
        nhs: &Seen<Decimal>,
        la: &Seen<Decimal>,
        p: &mut Problems,
    ) -> Option<Commission> {
        let label_cell = self
            .cols
            .commissioner
            .map(|c| self.cell_ref(c))
            .unwrap_or_default();
        for (seen, col, what) in [
            (nhs, self.cols.pct_nhs, "% NHS"),
            (la, self.cols.pct_la, "% LA"),
        ] {
            if matches!(seen, Seen::Blank) && self.check_missing {
                match col {
                    Some(col) => p.at(
                        &self.cell_ref(col),
                        format!("{what} is empty; a Joint commissioner needs both % NHS and % LA"),
                    ),
                    None => p.at(
                        &label_cell,
                        format!("Joint needs a {what} column, and the header row has none"),
                    ),
                }
            }
        }
        let (Seen::Value(n, n_shown, n_cell), Seen::Value(l, l_shown, _)) = (nhs, la) else {
            return None;
        };
        let sum = n.checked_add(*l)?;
        if sum == Decimal::ONE_HUNDRED {
            Some(Commission::Joint { la: *l, nhs: *n })
        } else if sum == Decimal::ONE {
            Some(Commission::Joint {
                la: l.checked_mul(Decimal::ONE_HUNDRED)?,
                nhs: n.checked_mul(Decimal::ONE_HUNDRED)?,
            })
        } else {
            p.coded(
                Code::JointSplit,
                n_cell,
                format!(
                    "% NHS {n_shown} and % LA {l_shown} add up to {}; they must add up to 100 (or to 1 in cells formatted as percentages)",
                    sum.normalize()
                ),
            );
            None
        }
    }

    /// A later row of a scheme: each scheme field empty or equal to the first row's.
    fn later(&self, scheme: &mut SchemeRead, p: &mut Problems) {
        let c = self.cols;
        let name = self.field(c.name, p, |t| Ok(t.to_owned()));
        agree(&scheme.name, &name, "Scheme Name", p);
        let description = self.field(c.description, p, |t| Ok(t.to_owned()));
        if let (Seen::Blank, Seen::Value(_, shown, cell)) = (&scheme.description, &description) {
            p.at(
                cell,
                format!("'{shown}' differs from the scheme's first row, which has no description; a scheme's rows must agree or leave the cell empty"),
            );
        }
        agree(&scheme.description, &description, "Brief Description", p);
        agree(&scheme.scheme_type, &self.scheme_type(p), "Scheme Type", p);
        agree(
            &scheme.area,
            &self.field(c.area, p, |t| self.memo.area(t)),
            "Area of Spend",
            p,
        );
        agree(
            &scheme.label,
            &self.field(c.commissioner, p, |t| self.memo.commissioner(t)),
            "Commissioner",
            p,
        );
        if scheme.label.value() == Some(CommissionerLabel::Joint) {
            agree(&scheme.nhs, &self.percentage(c.pct_nhs, p), "% NHS", p);
            agree(&scheme.la, &self.percentage(c.pct_la, p), "% LA", p);
        }
        agree(
            &scheme.provider,
            &self.field(c.provider, p, |t| self.memo.provider(t)),
            "Provider",
            p,
        );
    }
}

/// A later row's field against the first row's: different values → `E-WORKBOOK` at the later
/// cell, naming the first row's value. Labels compare by what they read as, texts as kept.
fn agree<T: PartialEq>(first: &Seen<T>, later: &Seen<T>, what: &str, p: &mut Problems) {
    if let (Seen::Value(a, a_shown, a_cell), Seen::Value(b, b_shown, b_cell)) = (first, later)
        && a != b
    {
        p.at(
            b_cell,
            format!("{what} '{b_shown}' differs from the scheme's first row, {a_cell}, which has '{a_shown}'; a scheme's rows must agree or leave the cell empty"),
        );
    }
}

/// Reads the table's rows from `start` into schemes, in the order of their first rows.
pub fn read_rows(
    sheet: &Sheet,
    cols: &Cols,
    start: usize,
    p: &mut Problems,
    report: &mut ReadReport,
) -> Vec<SchemeRead> {
    let mut schemes: Vec<SchemeRead> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let memo = Memo::default();
    for row in start..sheet.rows.len() {
        let mut r = RowReader {
            memo: &memo,
            sheet,
            cols,
            row,
            check_missing: true,
        };
        let id_cell = r.cell_ref(cols.id);
        let skip = |reason: &str, report: &mut ReadReport| {
            report.skipped.push(SkippedRow {
                cell: id_cell.clone(),
                reason: reason.to_owned(),
            });
        };
        if sheet.row_is_blank(row) {
            skip("blank", report);
            continue;
        }
        if is_totals_row(sheet, row, cols.id) {
            skip("a totals row", report);
            continue;
        }
        let type_blank = r.blank(Some(cols.scheme_type));
        let source_blank = r.blank(Some(cols.source));
        if r.blank(Some(cols.id)) {
            if type_blank && source_blank {
                skip(
                    "a note: no Scheme ID, Scheme Type or Source of Funding",
                    report,
                );
            } else {
                p.at(
                    &id_cell,
                    "Scheme ID is missing; every funding line needs its scheme's ID",
                );
                // Its other cells are still checked for what cannot be read, so that one pass
                // finds everything.
                r.check_missing = false;
                let _ = r.first(String::new(), p);
                let _ = r.line(p);
            }
            continue;
        }
        if r.blank(cols.name) && type_blank && source_blank && r.blank(Some(cols.amount.0)) {
            skip(
                "a note: a Scheme ID with no Scheme Name, Scheme Type, Source of Funding or amount",
                report,
            );
            continue;
        }
        let id = match text_of(sheet.cell(row, cols.id)) {
            Ok(Some(id)) => id,
            Ok(None) => continue,
            Err(why) => {
                p.at(&id_cell, why);
                continue;
            }
        };
        let line = match by_id.get(&id) {
            Some(&at) => {
                let line = r.line(p);
                if let Some(scheme) = schemes.get_mut(at) {
                    r.later(scheme, p);
                    r.forecast(scheme, p);
                    scheme.lines.push(line);
                }
                continue;
            }
            None => {
                let mut scheme = r.first(id.clone(), p);
                r.forecast(&mut scheme, p);
                scheme.lines.push(r.line(p));
                scheme
            }
        };
        by_id.insert(id, schemes.len());
        schemes.push(line);
    }
    report.schemes = u32::try_from(schemes.len()).unwrap_or(u32::MAX);
    let lines: usize = schemes.iter().map(|s| s.lines.len()).sum();
    report.funding_lines = u32::try_from(lines).unwrap_or(u32::MAX);
    schemes
}
