//! CSV (spec §4): reading one table (UTF-8 with or without a BOM, else Windows-1252; `,` or `;`
//! by the first separating line; quoted fields with separators, doubled quotes and line breaks)
//! into a one-sheet `Book` of text cells, and writing the Expenditure CSV of a plan.

use pooled_core::plan::PlanDocument;

use crate::book::{Book, Cell, Sheet};
use crate::finding::SheetFinding;
use crate::open::MAX_ROWS;

/// The CSV's records as a sheet without a name; every field a text cell (empty → `Empty`).
pub fn read(bytes: &[u8]) -> Result<Book, Vec<SheetFinding>> {
    let text = decode(bytes);
    let separator = separator(&text);
    let rows = records(&text, separator)?;
    Ok(Book {
        sheets: vec![Sheet {
            name: None,
            rows,
            merges: Vec::new(),
        }],
    })
}

/// UTF-8 without its byte-order mark; a file that is not UTF-8 is Windows-1252, as Excel's
/// "CSV (Comma delimited)" writes it on Windows (`£` is byte 0xA3).
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// `;` when the first line holding a `;` or a `,` outside quotes has more `;` than `,`, else `,`
/// (a title line holding neither is passed over).
fn separator(text: &str) -> char {
    let (mut quoted, mut semicolons, mut commas) = (false, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            '\n' | '\r' if !quoted && semicolons + commas > 0 => break,
            _ => {}
        }
    }
    if semicolons > commas { ';' } else { ',' }
}

/// The records, each a row of cells; a record may span lines inside quotes. A quote opening a
/// field closes at the next single quote (`""` inside is one quote); a quote inside an unquoted
/// field is kept as it is.
fn records(text: &str, separator: char) -> Result<Vec<Vec<Cell>>, Vec<SheetFinding>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    // Whether the field began with a quote, and whether that quote is still open.
    let (mut was_quoted, mut open) = (false, false);
    let mut chars = text.chars().peekable();
    let push_field = |row: &mut Vec<Cell>, field: &mut String| {
        let value = std::mem::take(field);
        row.push(if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        });
    };
    while let Some(c) = chars.next() {
        if open {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    open = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => {
                was_quoted = true;
                open = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push_field(&mut row, &mut field);
                rows.push(std::mem::take(&mut row));
                was_quoted = false;
                if rows.len() > MAX_ROWS {
                    return Err(vec![too_many_records()]);
                }
            }
            c if c == separator => {
                push_field(&mut row, &mut field);
                was_quoted = false;
            }
            c => field.push(c),
        }
    }
    if open {
        let cell = crate::cell_ref::cell_ref(None, rows.len(), row.len());
        return Err(vec![SheetFinding::at(
            &cell,
            "a quoted field is not closed before the end of the file (a \" is missing)",
        )]);
    }
    // The last record, unless the file ends with a line break.
    if !field.is_empty() || !row.is_empty() || was_quoted {
        push_field(&mut row, &mut field);
        rows.push(row);
    }
    if rows.len() > MAX_ROWS {
        return Err(vec![too_many_records()]);
    }
    Ok(rows)
}

fn too_many_records() -> SheetFinding {
    SheetFinding::file("the CSV has more than 100,000 rows, over the limit Pooled reads")
}

/// The `Expenditure` sheet of §2.1 alone (columns A–O, no totals row), UTF-8 with a BOM, CRLF,
/// comma separated, amounts as plain numbers with two decimals.
pub fn write(document: &PlanDocument) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let headers = crate::own_layout::write::EXPENDITURE_COLUMNS.map(|(header, _)| header);
    push_record(&mut out, &headers);
    let year = document.financial_year.as_str();
    for scheme in &document.schemes {
        let commissioner = csv_commissioner(document, &scheme.commissioner);
        for (line, funding) in scheme.funding.iter().enumerate() {
            let stream_kind = document
                .streams
                .iter()
                .find(|s| s.id == funding.stream)
                .map_or("", |s| labels::stream_kind_label(s.kind, year));
            // The forecast on the first row only, as in the workbook.
            let forecast = match (line, &scheme.forecast) {
                (0, Some(forecast)) => plain_amount(forecast.as_str()),
                _ => String::new(),
            };
            let fields = [
                scheme.id.as_str(),
                scheme.name.as_str(),
                scheme.description.as_deref().unwrap_or(""),
                labels::scheme_type_label(scheme.scheme_type),
                labels::area_label(scheme.area_of_spend),
                commissioner.label,
                commissioner.nhs_percent.as_str(),
                commissioner.la_percent.as_str(),
                labels::provider_label(scheme.provider),
                stream_kind,
                &plain_amount(funding.amount.as_str()),
                &forecast,
                funding.stream.as_str(),
                commissioner.partner.as_str(),
                scheme.group.as_deref().unwrap_or(""),
            ];
            push_record(&mut out, &fields);
        }
    }
    out.into_bytes()
}

// ---- writing ----

use crate::labels;
use pooled_core::money::Money;
use pooled_core::plan::document::CommissionerDoc;

/// One record: fields joined by commas, quoted when they hold a comma, a quote or a line break.
fn push_record(out: &mut String, fields: &[&str]) {
    for (at, field) in fields.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// An amount as a plain number with two decimals (`1234.50`); a text that is no amount (the
/// plan was not checked) is kept as written rather than lost.
fn plain_amount(text: &str) -> String {
    Money::parse(text.trim()).map_or_else(|_| text.to_owned(), Money::to_plain)
}

/// Columns F, G, H and N as text.
struct CsvCommissioner {
    label: &'static str,
    nhs_percent: String,
    la_percent: String,
    partner: String,
}

fn csv_commissioner(document: &PlanDocument, commissioner: &CommissionerDoc) -> CsvCommissioner {
    match crate::own_layout::write::commissioner_cells(document, commissioner) {
        Ok(cells) => CsvCommissioner {
            label: cells.label,
            nhs_percent: cells.nhs_percent.map(|p| p.to_string()).unwrap_or_default(),
            la_percent: cells.la_percent.map(|p| p.to_string()).unwrap_or_default(),
            partner: cells.partner,
        },
        // An unknown partner (an unchecked plan): the id is still written, for people to fix.
        Err(_) => CsvCommissioner {
            label: "",
            nhs_percent: String::new(),
            la_percent: String::new(),
            partner: match commissioner {
                CommissionerDoc::Partner(id) => id.clone(),
                CommissionerDoc::Joint(joint) => joint
                    .joint
                    .iter()
                    .map(|(id, percent)| format!("{id}: {percent}%"))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        },
    }
}
