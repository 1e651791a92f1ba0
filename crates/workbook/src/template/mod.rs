//! Reading a BCF-template-shaped workbook or CSV (spec §3, §4): the Expenditure sheet found by
//! name or by its header row, header synonyms, two-row headers, £000 and year columns, funding
//! lines grouped into schemes, totals and blank rows skipped, streams from an Income sheet or
//! derived, partners from the Cover sheet; then the plan's own rules at their cells.
//!
//! `header` finds header rows (shared with `returns`), `rows` reads the Expenditure table,
//! `streams` the Income table, `plan` builds the document and places validation's findings.

pub(crate) mod cells;
mod cover;
pub(crate) mod header;
mod plan;
mod rows;
mod streams;

use pooled_core::plan::PlanDocument;

use crate::book::{Book, Sheet};
use crate::finding::SheetFinding;
use crate::read::{ColumnMatch, ReadOptions, ReadReport};
use crate::text::normalise;

use cells::{Problems, and_list};
use header::{HeaderRow, Synonyms, find_header, find_year, header_text};
use rows::Cols;

/// The Expenditure table's fields (§3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    SchemeId,
    Name,
    Description,
    Type,
    SubType,
    Area,
    Commissioner,
    PctNhs,
    PctLa,
    Provider,
    Source,
    Amount,
    Forecast,
}

impl Field {
    fn words(self) -> &'static str {
        match self {
            Field::SchemeId => "Scheme ID",
            Field::Name => "Scheme Name",
            Field::Description => "Brief Description of Scheme",
            Field::Type => "Scheme Type",
            Field::SubType => "Sub Types",
            Field::Area => "Area of Spend",
            Field::Commissioner => "Commissioner",
            Field::PctNhs => "% NHS (if Joint Commissioner)",
            Field::PctLa => "% LA (if Joint Commissioner)",
            Field::Provider => "Provider",
            Field::Source => "Source of Funding",
            Field::Amount => "Expenditure",
            Field::Forecast => "Forecast outturn",
        }
    }
}

const SYNONYMS: Synonyms<Field> = &[
    (
        Field::SchemeId,
        &[
            "scheme id",
            "scheme ref",
            "scheme reference",
            "scheme no",
            "scheme number",
            "ref",
        ],
    ),
    (Field::Name, &["scheme name", "scheme", "name"]),
    (
        Field::Description,
        &[
            "brief description of scheme",
            "brief description",
            "description",
            "scheme description",
        ],
    ),
    (Field::Type, &["scheme type", "type"]),
    (
        Field::SubType,
        &["sub types", "sub type", "scheme sub type"],
    ),
    (Field::Area, &["area of spend", "spend area"]),
    (Field::Commissioner, &["commissioner", "lead commissioner"]),
    (
        Field::PctNhs,
        &[
            "% nhs if joint commissioner",
            "% nhs",
            "nhs %",
            "% nhs if joint",
        ],
    ),
    (
        Field::PctLa,
        &[
            "% la if joint commissioner",
            "% la",
            "la %",
            "% la if joint",
        ],
    ),
    (Field::Provider, &["provider"]),
    (
        Field::Source,
        &["source of funding", "funding source", "source"],
    ),
    (
        Field::Amount,
        &[
            "expenditure",
            "planned expenditure",
            "expenditure plan",
            "amount",
            "budget",
            "planned spend",
        ],
    ),
    (
        Field::Forecast,
        &[
            "forecast outturn",
            "forecast",
            "projected outturn",
            "forecast out turn",
        ],
    ),
];

/// The fields whose headers make a row the header row.
const NEEDED: &[Field] = &[Field::SchemeId, Field::Type, Field::Source, Field::Amount];

/// Whether a sheet's name matches one of the words (§3.1): normalised, with a leading section
/// number (`6a.`, `4`) removed.
pub(crate) fn sheet_matches(name: &str, words: &[&str]) -> bool {
    let normal = normalise(name);
    let stripped = match normal.split_once(' ') {
        Some((first, rest)) if is_section_number(first) => rest,
        _ => normal.as_str(),
    };
    words.contains(&stripped)
}

/// `6`, `6a`, `12b`: digits, then at most two letters.
fn is_section_number(word: &str) -> bool {
    // A year (`2024 Expenditure`) is not a section number: at most two digits.
    let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = word.len() - letters.len();
    (1..=2).contains(&digits) && letters.len() <= 2 && letters.chars().all(char::is_alphabetic)
}

const EXPENDITURE_NAMES: &[&str] = &["expenditure", "planned expenditure", "expenditure plan"];

/// The Expenditure sheet: the first matched by name, else the first with a header row.
fn expenditure_sheet(book: &Book) -> Option<&Sheet> {
    table_sheet(book, EXPENDITURE_NAMES, SYNONYMS, NEEDED)
}

/// A table's sheet (§3.1, §6): the first whose name matches one of `names`, else the first
/// with a header row holding every needed field.
pub(crate) fn table_sheet<'b, F: Copy + PartialEq>(
    book: &'b Book,
    names: &[&str],
    synonyms: Synonyms<F>,
    needed: &[F],
) -> Option<&'b Sheet> {
    book.sheets
        .iter()
        .find(|s| s.name.as_deref().is_some_and(|n| sheet_matches(n, names)))
        .or_else(|| {
            book.sheets
                .iter()
                .find(|s| find_header(s, synonyms, needed).is_ok())
        })
}

/// Whether the book has an Expenditure table (a sheet matched by name, or a header row).
pub fn has_expenditure(book: &Book) -> bool {
    expenditure_sheet(book).is_some()
}

/// `E-WORKBOOK` at the second header of any field matched twice.
pub(crate) fn refuse_repeats<F: Copy + PartialEq>(
    sheet: &Sheet,
    header: &HeaderRow<F>,
    fields: &[F],
    p: &mut Problems,
) {
    for field in fields {
        for column in header.all(*field).iter().skip(1) {
            p.at(
                &sheet.reference(header.row, column.header.col),
                format!(
                    "'{}' is a second column for the same field as '{}'; remove or rename one of them",
                    column.header.text,
                    header.all(*field).first().map_or("", |c| c.header.text.as_str())
                ),
            );
        }
    }
}

/// The amount column to read, with its multiplier: the only one, or among columns of different
/// years the plan's year's. `None` (reported) when there is no choosing.
pub(crate) fn choose_amount<F: Copy + PartialEq>(
    sheet: &Sheet,
    header: &HeaderRow<F>,
    field: F,
    year: Option<&str>,
    what: &str,
    p: &mut Problems,
) -> Option<(usize, u32)> {
    let columns = header.all(field);
    if let [only] = columns.as_slice() {
        return Some((only.header.col, only.header.multiplier));
    }
    // Two columns of one year (or both without a year) cannot be told apart.
    let mut repeated = false;
    for (i, column) in columns.iter().enumerate() {
        let earlier = columns
            .iter()
            .take(i)
            .find(|c| c.header.year == column.header.year);
        if let Some(earlier) = earlier {
            repeated = true;
            p.at(
                &sheet.reference(header.row, column.header.col),
                format!(
                    "'{}' is a second {what} column for the same year as '{}'; remove or rename one of them",
                    column.header.text, earlier.header.text
                ),
            );
        }
    }
    if repeated {
        return None;
    }
    if let Some(chosen) = columns
        .iter()
        .find(|c| year.is_some() && c.header.year.as_deref() == year)
    {
        return Some((chosen.header.col, chosen.header.multiplier));
    }
    let years: Vec<&str> = columns
        .iter()
        .map(|c| c.header.year.as_deref().unwrap_or("no year"))
        .collect();
    let but = year.map_or(String::new(), |y| format!(", none of them {y}"));
    p.at(
        &sheet.reference(header.row, 0),
        format!(
            "several years of {what} ({}){but}; give --year",
            and_list(&years)
        ),
    );
    None
}

/// A `--year` or Cover value as a financial year: the whole text must be one (`2025-26`,
/// `2025/26`, `2025-2026`).
fn year_of(text: &str) -> Option<String> {
    let text = text.trim();
    find_year(text).and_then(|(year, start, end)| (start == 0 && end == text.len()).then_some(year))
}

/// The first valid year in the text of the rows above the header row (a title).
fn title_year(sheet: &Sheet, header_row: usize) -> Option<(String, String)> {
    (0..header_row).find_map(|row| {
        let cells = sheet.rows.get(row)?;
        cells.iter().enumerate().find_map(|(col, cell)| {
            let text = header_text(cell)?;
            find_year(&text).map(|(year, _, _)| (year, sheet.reference(row, col)))
        })
    })
}

/// The plan the book's Expenditure table (and Income and Cover sheets) hold.
pub fn read(
    book: &Book,
    options: &ReadOptions,
) -> Result<(PlanDocument, ReadReport), Vec<SheetFinding>> {
    let Some(sheet) = expenditure_sheet(book) else {
        return Err(vec![SheetFinding::file(
            "no Expenditure sheet or table found",
        )]);
    };
    let label = sheet.label();
    let header = match find_header(sheet, SYNONYMS, NEEDED) {
        Ok(header) => header,
        Err((row, missing)) => {
            let missing: Vec<&str> = missing.iter().map(|f| f.words()).collect();
            return Err(vec![SheetFinding::file(format!(
                "{label}: no header row with Scheme ID, Scheme Type, Source of Funding and Expenditure in rows 1–30 (the closest, row {}, has no {})",
                row.saturating_add(1),
                and_list(&missing)
            ))]);
        }
    };
    let mut p = Problems::default();
    let mut report = ReadReport {
        sheet: sheet.name.clone(),
        header_row: u32::try_from(header.row.saturating_add(1)).ok(),
        ..ReadReport::default()
    };
    let repeatable: Vec<Field> = SYNONYMS
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| *f != Field::Amount)
        .collect();
    refuse_repeats(sheet, &header, &repeatable, &mut p);

    let cover = cover::read(book, &mut report);
    let year = plan_year(sheet, &header, options, &cover, &mut p, &mut report);
    let Some(amount) = choose_amount(
        sheet,
        &header,
        Field::Amount,
        year.as_deref(),
        "expenditure",
        &mut p,
    ) else {
        return Err(p.errors);
    };
    let year = match year {
        Some(year) => year,
        None => {
            if options.year.is_none() {
                p.file("financial year not found; give --year");
            }
            // Read on with a stand-in year so that one pass reports every other problem.
            "2025-26".to_owned()
        }
    };
    let first = |field: Field| header.all(field).first().map(|c| c.header.col);
    for field in [
        Field::Area,
        Field::Name,
        Field::Commissioner,
        Field::Provider,
    ] {
        if first(field).is_none() {
            p.again_at(
                &sheet.reference(header.row, 0),
                format!(
                    "no {} column in this header row; add a column headed '{}'",
                    field.words(),
                    field.words()
                ),
            );
        }
    }
    let cols = Cols {
        id: first(Field::SchemeId).unwrap_or(0),
        name: first(Field::Name),
        description: first(Field::Description),
        scheme_type: first(Field::Type).unwrap_or(0),
        sub_type: first(Field::SubType),
        area: first(Field::Area),
        commissioner: first(Field::Commissioner),
        pct_nhs: first(Field::PctNhs),
        pct_la: first(Field::PctLa),
        provider: first(Field::Provider),
        source: first(Field::Source).unwrap_or(0),
        amount,
        forecast: header
            .all(Field::Forecast)
            .first()
            .map(|c| (c.header.col, c.header.multiplier)),
    };
    report.columns = column_matches(sheet, &header, amount.0);

    let schemes = rows::read_rows(sheet, &cols, header.data_start, &mut p, &mut report);
    let income = streams::from_income(book, Some(&year), &mut p, &mut report);
    let (streams, missing) = match income {
        Some(streams) => {
            let income_label = book
                .sheets
                .iter()
                .find(|s| {
                    s.name
                        .as_deref()
                        .is_some_and(|n| sheet_matches(n, &["income"]))
                })
                .map_or_else(|| "Income".to_owned(), Sheet::label);
            let missing = streams::check_sources(&schemes, &streams, &income_label, &mut p);
            (streams, missing)
        }
        None => (streams::derived(&schemes, &mut p), Vec::new()),
    };
    for other in &book.sheets {
        let read = std::ptr::eq(other, sheet)
            || other
                .name
                .as_deref()
                .is_some_and(|n| sheet_matches(n, &["income"]) || sheet_matches(n, &["cover"]));
        if !read {
            report.notes.push(format!("{}: not read", other.label()));
        }
    }
    let parts = plan::Parts {
        year: &year,
        cover: &cover,
        schemes: &schemes,
        streams: &streams,
        missing_sources: &missing,
    };
    let document = plan::build(&parts);
    plan::check(&parts, &document.plan, &mut p);
    if p.is_empty() {
        Ok((document.plan, report))
    } else {
        Err(p.errors)
    }
}

/// The financial year (§3.3): `--year`, the Cover field, a title above the header row, the
/// (single) amount column's year. Refused forms are reported at their cell.
fn plan_year(
    sheet: &Sheet,
    header: &HeaderRow<Field>,
    options: &ReadOptions,
    cover: &cover::Cover,
    p: &mut Problems,
    report: &mut ReadReport,
) -> Option<String> {
    if let Some(given) = &options.year {
        if let Some(year) = year_of(given) {
            report
                .notes
                .push(format!("Financial year {year} from --year"));
            return Some(year);
        }
        p.file(format!(
            "--year '{given}' is not a financial year; write it as 2025-26"
        ));
        return None;
    }
    if let Some((text, cell)) = &cover.year {
        if let Some(year) = year_of(text) {
            report.notes.push(format!(
                "Financial year {year} from the Cover sheet, {cell}"
            ));
            return Some(year);
        }
        p.at(
            cell,
            format!("'{text}' is not a financial year; write it as 2025-26"),
        );
    }
    if let Some((year, cell)) = title_year(sheet, header.row) {
        report
            .notes
            .push(format!("Financial year {year} from the title, {cell}"));
        return Some(year);
    }
    match header.all(Field::Amount).as_slice() {
        [only] => only.header.year.clone().inspect(|year| {
            report.notes.push(format!(
                "Financial year {year} from the header '{}'",
                only.header.text
            ));
        }),
        _ => None,
    }
}

/// How each header of the header row was matched, in words.
fn column_matches(sheet: &Sheet, header: &HeaderRow<Field>, amount_col: usize) -> Vec<ColumnMatch> {
    header
        .headers
        .iter()
        .map(|h| {
            let field = match header.columns.iter().find(|c| c.header.col == h.col) {
                Some(c) if c.field == Field::Amount && h.col != amount_col => format!(
                    "ignored (expenditure for {}, not the plan's year)",
                    h.year.as_deref().unwrap_or("no year")
                ),
                Some(c) => {
                    let mut notes: Vec<String> = Vec::new();
                    if h.multiplier == 1000 {
                        notes.push("£000".to_owned());
                    }
                    if let Some(year) = &h.year {
                        notes.push(year.clone());
                    }
                    if notes.is_empty() {
                        c.field.words().to_owned()
                    } else {
                        format!("{} ({})", c.field.words(), notes.join(", "))
                    }
                }
                None => "ignored".to_owned(),
            };
            ColumnMatch {
                cell: sheet.reference(header.row, h.col),
                header: h.text.clone(),
                field,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
