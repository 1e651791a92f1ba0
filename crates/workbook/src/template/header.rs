//! Header rows (spec §3.2, also used by §3.5's Income table and §6's Return): a header's text with
//! `£`, `£000` and a financial year taken out, matched against a table of synonyms; the header
//! row found in a sheet's first 30 rows, two-row headers read through horizontal merges.

use crate::book::{Cell, Sheet};
use crate::text::normalise;

/// How many rows from the top a header row may be found in.
pub const HEADER_ROWS: usize = 30;

/// One column's header as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub col: usize,
    /// The text as written (both rows of a two-row header, joined by a space).
    pub text: String,
    /// Normalised, with `£`, `£000` and the year taken out.
    pub key: String,
    /// 1, or 1000 for a £000 column.
    pub multiplier: u32,
    /// The financial year in the header (`2025-26`), if any.
    pub year: Option<String>,
}

/// A column matched to a field of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column<F> {
    pub field: F,
    pub header: Header,
}

/// A header row found: where it is, where the data starts, every non-empty header and the
/// columns matched to a field (in column order; one field may be matched twice, which the
/// caller refuses or, for amount columns of different years, chooses between).
#[derive(Clone, Debug)]
pub struct HeaderRow<F> {
    pub row: usize,
    pub data_start: usize,
    pub headers: Vec<Header>,
    pub columns: Vec<Column<F>>,
}

impl<F: Copy + PartialEq> HeaderRow<F> {
    /// The columns matched to a field.
    pub fn all(&self, field: F) -> Vec<&Column<F>> {
        self.columns.iter().filter(|c| c.field == field).collect()
    }

    pub fn has(&self, field: F) -> bool {
        self.columns.iter().any(|c| c.field == field)
    }
}

/// A table's fields and the normalised headers that name each.
pub type Synonyms<F> = &'static [(F, &'static [&'static str])];

/// The £000 forms (lower-cased), longest first so that a bracketed form goes whole.
const THOUSANDS: &[&str] = &[
    "(£000)",
    "(£'000)",
    "(£’000)",
    "(£ 000)",
    "(£k)",
    "£'000",
    "£’000",
    "£ 000",
    "£000",
    "£k",
];

/// Reads one header text: the multiplier, the year and the normalised key.
pub fn parse_header(col: usize, text: &str) -> Header {
    let mut rest = text.to_lowercase();
    let mut multiplier = 1;
    for form in THOUSANDS {
        if rest.contains(form) {
            rest = rest.replace(form, " ");
            multiplier = 1000;
        }
    }
    rest = rest.replace("(£)", " ").replace('£', " ");
    let year = find_year(&rest).map(|(year, start, end)| {
        rest.replace_range(start..end, " ");
        year
    });
    Header {
        col,
        text: text.trim().to_owned(),
        key: normalise(&rest),
        multiplier,
        year,
    }
}

/// The first financial year in a text, written `YYYY-YY`, with its byte range: `2025-26`,
/// `2025/26`, `2025-2026`, `2025/2026` (also with an en dash); the second part must be the next
/// year, so `2023-25` is not a year and the search goes on after it.
pub fn find_year(text: &str) -> Option<(String, usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit_at = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_ascii_digit());
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s: String = chars
            .get(from..from.checked_add(n)?)?
            .iter()
            .map(|(_, c)| *c)
            .collect();
        if s.chars().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let starts_number = digit_at(i) && (i == 0 || !digit_at(i - 1));
        if starts_number
            && let Some(first) = digits(i, 4)
            && !digit_at(i + 4)
            && chars
                .get(i + 4)
                .is_some_and(|(_, c)| matches!(c, '-' | '/' | '\u{2013}'))
        {
            let next = first.saturating_add(1);
            let second_at = i + 5;
            let (len, ok) = if digits(second_at, 4).is_some() && !digit_at(second_at + 4) {
                (4, digits(second_at, 4) == Some(next))
            } else if digits(second_at, 2).is_some() && !digit_at(second_at + 2) {
                (2, digits(second_at, 2) == Some(next % 100))
            } else {
                (0, false)
            };
            if ok {
                let start = chars.get(i).map_or(0, |(b, _)| *b);
                let end = chars.get(second_at + len).map_or(text.len(), |(b, _)| *b);
                return Some((format!("{first}-{:02}", next % 100), start, end));
            }
        }
        i += 1;
    }
    None
}

/// A header or label cell's text: text as written, a number as its shortest decimal text.
pub fn header_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_owned()),
        Cell::Number(n) => Some(format!("{n}")),
        _ => None,
    }
}

/// The text of a header cell: a merged range's text belongs to every cell of it.
fn merged_text(sheet: &Sheet, row: usize, col: usize) -> Option<String> {
    match sheet.merge_at(row, col) {
        Some(m) => header_text(sheet.cell(m.first_row as usize, m.first_col as usize)),
        None => header_text(sheet.cell(row, col)),
    }
}

/// Whether a cell of the row is part of a horizontal merged range: then the row below is a
/// second header row.
fn has_horizontal_merge(sheet: &Sheet, row: usize) -> bool {
    sheet.merges.iter().any(|m| {
        m.first_col != m.last_col && (m.first_row as usize..=m.last_row as usize).contains(&row)
    })
}

/// Excel's last column is XFD: a merge claiming more is damaged and read no further.
const MAX_COLUMNS: usize = 16_384;

/// How many columns the header rows reach (cells or merges).
fn width(sheet: &Sheet, rows: &[usize]) -> usize {
    let cells = rows
        .iter()
        .map(|r| sheet.rows.get(*r).map_or(0, Vec::len))
        .max()
        .unwrap_or(0);
    let merged = sheet
        .merges
        .iter()
        .filter(|m| {
            rows.iter()
                .any(|r| (m.first_row as usize..=m.last_row as usize).contains(r))
        })
        .map(|m| (m.last_col as usize).saturating_add(1))
        .max()
        .unwrap_or(0);
    cells.max(merged.min(MAX_COLUMNS))
}

/// The headers of row `row`, joined with the row below when the header row has a horizontal
/// merge and `two_rows` allows it (§3.2's two-row headers); and the first data row. Read as one
/// row, a merged range's text stays in its first cell.
pub fn headers_at(sheet: &Sheet, row: usize, two_rows: bool) -> (Vec<Header>, usize) {
    let two_rows = two_rows && has_horizontal_merge(sheet, row);
    let below = row.saturating_add(1);
    let rows: Vec<usize> = if two_rows {
        vec![row, below]
    } else {
        vec![row]
    };
    let mut headers = Vec::new();
    for col in 0..width(sheet, &rows) {
        let top = if two_rows {
            merged_text(sheet, row, col)
        } else {
            header_text(sheet.cell(row, col))
        };
        // The second row's cell adds its own text only: a cell merged down from the header row
        // (or across from a neighbour in the header row) is not read twice.
        let second = if two_rows {
            match sheet.merge_at(below, col) {
                Some(m) if (m.first_row as usize) < below => None,
                Some(m) => header_text(sheet.cell(m.first_row as usize, m.first_col as usize)),
                None => header_text(sheet.cell(below, col)),
            }
        } else {
            None
        };
        let text = match (top, second) {
            (Some(a), Some(b)) => format!("{a} {b}"),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => continue,
        };
        headers.push(parse_header(col, &text));
    }
    (
        headers,
        if two_rows {
            row.saturating_add(2)
        } else {
            below
        },
    )
}

/// The field a normalised header names, if any.
pub fn field_of<F: Copy>(synonyms: Synonyms<F>, key: &str) -> Option<F> {
    synonyms
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(field, _)| *field)
}

/// The row's headers matched against a table.
pub fn match_row<F: Copy + PartialEq>(
    sheet: &Sheet,
    row: usize,
    two_rows: bool,
    synonyms: Synonyms<F>,
) -> HeaderRow<F> {
    let (headers, data_start) = headers_at(sheet, row, two_rows);
    let columns = headers
        .iter()
        .filter_map(|h| {
            field_of(synonyms, &h.key).map(|field| Column {
                field,
                header: h.clone(),
            })
        })
        .collect();
    HeaderRow {
        row,
        data_start,
        headers,
        columns,
    }
}

/// The first of the sheet's first 30 rows holding every needed field; else the row that came
/// closest (most needed fields) with the fields it lacks, for the message. A row with a
/// horizontal merge is read with the row below (§3.2); when that does not give a header row it
/// is tried alone, since a header cell merged only to look wider would otherwise swallow the
/// first data row.
pub fn find_header<F: Copy + PartialEq>(
    sheet: &Sheet,
    synonyms: Synonyms<F>,
    needed: &[F],
) -> Result<HeaderRow<F>, (usize, Vec<F>)> {
    let mut closest: Option<(usize, Vec<F>)> = None;
    for row in 0..HEADER_ROWS.min(sheet.rows.len()) {
        if sheet.row_is_blank(row) {
            continue;
        }
        let found = match_row(sheet, row, true, synonyms);
        let missing: Vec<F> = needed.iter().copied().filter(|f| !found.has(*f)).collect();
        if missing.is_empty() {
            return Ok(found);
        }
        if has_horizontal_merge(sheet, row) {
            let alone = match_row(sheet, row, false, synonyms);
            if needed.iter().all(|f| alone.has(*f)) {
                return Ok(alone);
            }
        }
        if closest
            .as_ref()
            .is_none_or(|(_, m)| missing.len() < m.len())
        {
            closest = Some((row, missing));
        }
    }
    Err(closest.unwrap_or_else(|| (0, needed.to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Merge;

    #[test]
    fn headers_lose_pounds_thousands_and_years() {
        let h = parse_header(0, "Expenditure (£)");
        assert_eq!(
            (h.key.as_str(), h.multiplier, h.year),
            ("expenditure", 1, None)
        );
        let h = parse_header(0, "Planned Expenditure 2025/26 (£000)");
        assert_eq!(h.key, "planned expenditure");
        assert_eq!(h.multiplier, 1000);
        assert_eq!(h.year.as_deref(), Some("2025-26"));
        let h = parse_header(0, "Budget £'000 2024-2025*");
        assert_eq!((h.key.as_str(), h.multiplier), ("budget", 1000));
        assert_eq!(h.year.as_deref(), Some("2024-25"));
        assert_eq!(parse_header(0, "Amount £k:").multiplier, 1000);
        assert_eq!(parse_header(0, "Scheme ID:").key, "scheme id");
    }

    #[test]
    fn a_year_is_two_consecutive_years() {
        assert_eq!(
            find_year("BCF 2023-25 plan for 2024-25").map(|y| y.0),
            Some("2024-25".into())
        );
        assert_eq!(find_year("2023-25"), None);
        assert_eq!(find_year("1999/2000").map(|y| y.0), Some("1999-00".into()));
        assert_eq!(find_year("12025-26"), None);
        assert_eq!(find_year("2025-267"), None);
        assert_eq!(find_year("£ 2025–26").map(|y| y.0), Some("2025-26".into()));
    }

    #[test]
    fn two_row_headers_spread_a_merged_label() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: Some("Expenditure".into()),
            rows: vec![
                vec![t("Scheme ID"), t("Expenditure (£)"), Cell::Empty],
                vec![Cell::Empty, t("2023-24"), t("2024-25")],
            ],
            merges: vec![
                Merge {
                    first_row: 0,
                    first_col: 1,
                    last_row: 0,
                    last_col: 2,
                },
                Merge {
                    first_row: 0,
                    first_col: 0,
                    last_row: 1,
                    last_col: 0,
                },
            ],
        };
        let (headers, start) = headers_at(&sheet, 0, true);
        assert_eq!(start, 2);
        let read: Vec<(&str, Option<&str>)> = headers
            .iter()
            .map(|h| (h.key.as_str(), h.year.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                ("scheme id", None),
                ("expenditure", Some("2023-24")),
                ("expenditure", Some("2024-25"))
            ]
        );
    }
}
