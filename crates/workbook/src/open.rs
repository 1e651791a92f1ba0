//! Opening a file (spec §1.1): what it is by its content (XLSX/XLSM, ODS, XLS, a
//! password-protected Office file; CSV by its name), the limits checked before anything else is
//! read (50 MB file, zip parts over 200 MB or 500 MB in all or expanding over 200 times,
//! 100,000 rows), and its cells as a `Book` (calamine for workbooks, `csv_file` for CSV).

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, SheetType, Xls, Xlsx};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::book::{Book, Cell, Merge, Sheet};
use crate::finding::SheetFinding;

/// The largest file read: 50 MB.
pub const MAX_FILE_BYTES: usize = 52_428_800;
/// The most rows in a table read.
pub const MAX_ROWS: usize = 100_000;

/// The largest part of a zip, uncompressed: 200 MB.
const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// All parts of a zip together, uncompressed: 500 MB.
const MAX_TOTAL_BYTES: u64 = 500 * 1024 * 1024;
/// A part may expand at most this many times its compressed size…
const MAX_RATIO: u64 = 200;
/// …once it is over 1 MB.
const RATIO_FROM_BYTES: u64 = 1024 * 1024;
/// The most cells a sheet may spread over once laid out in rows (not in the spec: it keeps a
/// file of a few MB that names cells far apart from taking gigabytes of memory).
const MAX_CELLS: usize = 5_000_000;

const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

fn not_a_workbook(file_name: &str) -> SheetFinding {
    SheetFinding::file(format!(
        "{}: not a workbook (Pooled reads .xlsx, .xlsm, .xls, .ods and .csv files)",
        display_name(file_name)
    ))
}

fn damaged(file_name: &str, why: impl std::fmt::Display) -> SheetFinding {
    SheetFinding::file(format!(
        "{}: the file is damaged or is not a workbook: {why}",
        display_name(file_name)
    ))
}

fn display_name(file_name: &str) -> &str {
    if file_name.is_empty() {
        "the file"
    } else {
        file_name
    }
}

/// The kind of a file from its bytes (and, for CSV, its name); an `E-WORKBOOK` finding for
/// anything else, a password-protected file included.
pub fn detect(bytes: &[u8], file_name: &str) -> Result<FileKind, SheetFinding> {
    if bytes.starts_with(&OLE2_MAGIC) {
        if ole_holds_encryption(bytes) {
            return Err(SheetFinding::file(format!(
                "{}: the file is protected by a password; remove the password in Excel \
                 (File, Info, Protect Workbook) and save it again",
                display_name(file_name)
            )));
        }
        return Ok(FileKind::Xls);
    }
    if bytes.starts_with(b"PK") {
        if let Some(kind) = zip_kind(bytes) {
            return Ok(kind);
        }
        // A zip that is no spreadsheet (a Word file renamed, say) is not read as CSV either.
        return Err(not_a_workbook(file_name));
    }
    if file_name.to_ascii_lowercase().ends_with(".csv") {
        return Ok(FileKind::Csv);
    }
    Err(not_a_workbook(file_name))
}

/// XLSX or ODS from a zip's directory and its small identifying part; `None` otherwise.
fn zip_kind(bytes: &[u8]) -> Option<FileKind> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if let Some(index) = zip.index_for_name("mimetype") {
        let text = read_small(&mut zip, index, 256)?;
        if text.trim() == ODS_MIMETYPE {
            return Some(FileKind::Ods);
        }
    }
    if let Some(index) = zip.index_for_name("[Content_Types].xml") {
        let text = read_small(&mut zip, index, 1024 * 1024)?;
        // The main part's content type names a spreadsheet: SpreadsheetML or ms-excel (macro
        // and binary workbooks).
        if text.contains("spreadsheetml") || text.contains("ms-excel") {
            return Some(FileKind::Xlsx);
        }
    }
    None
}

/// A part's first `limit` bytes as text (never more is inflated).
fn read_small(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    limit: u64,
) -> Option<String> {
    let entry = zip.by_index(index).ok()?;
    let mut out = Vec::new();
    entry.take(limit).read_to_end(&mut out).ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Whether an OLE2 compound file names an `EncryptionInfo` or `EncryptedPackage` stream, as
/// a password-protected Office file does. Directory entries are 128 bytes, aligned on 128 bytes
/// after the 512-byte header, each with its UTF-16 name, the name's byte length (with its
/// terminator) at offset 64 and the entry's type (2, a stream) at 66.
fn ole_holds_encryption(bytes: &[u8]) -> bool {
    let names: Vec<Vec<u8>> = ["EncryptionInfo", "EncryptedPackage"]
        .iter()
        .map(|n| n.encode_utf16().flat_map(u16::to_le_bytes).collect())
        .collect();
    bytes
        .get(512..)
        .unwrap_or_default()
        .chunks_exact(128)
        .any(|entry| {
            let length = entry
                .get(64..66)
                .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
            let is_stream = entry.get(66) == Some(&2);
            is_stream
                && names.iter().any(|name| {
                    length == name.len() + 2 && entry.get(..name.len()) == Some(name.as_slice())
                })
        })
}

/// The file's cells, every sheet, after the limits; every problem in `Err`.
pub fn open(bytes: &[u8], file_name: &str) -> Result<Book, Vec<SheetFinding>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![SheetFinding::file(format!(
            "{}: the file is {} bytes, over the limit of 50 MB (52,428,800 bytes)",
            display_name(file_name),
            bytes.len()
        ))]);
    }
    if bytes.is_empty() {
        return Err(vec![SheetFinding::file(format!(
            "{}: the file is empty",
            display_name(file_name)
        ))]);
    }
    let kind = detect(bytes, file_name).map_err(|f| vec![f])?;
    match kind {
        FileKind::Csv => crate::csv_file::read(bytes),
        FileKind::Xlsx | FileKind::Ods => {
            check_zip(bytes, file_name).map_err(|f| vec![f])?;
            if kind == FileKind::Xlsx {
                read_xlsx(bytes, file_name)
            } else {
                read_ods(bytes, file_name)
            }
        }
        FileKind::Xls => read_xls(bytes, file_name),
    }
}

/// The zip's limits: first as its directory declares them, then as each part actually inflates
/// (a declared size can lie), never inflating more than the limit allows.
fn check_zip(bytes: &[u8], file_name: &str) -> Result<(), SheetFinding> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(file_name, e))?;
    let bomb = |part: &str, what: String| {
        SheetFinding::file(format!(
            "{}: the part {part} {what}; the file is refused as a possible decompression bomb",
            display_name(file_name)
        ))
    };
    let mut declared_total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index_raw(index).map_err(|e| damaged(file_name, e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        check_part(&name, entry.size(), entry.compressed_size()).map_err(|w| bomb(&name, w))?;
        declared_total = declared_total.saturating_add(entry.size());
        if declared_total > MAX_TOTAL_BYTES {
            return Err(bomb(
                &name,
                "takes the parts over 500 MB in all, uncompressed".to_owned(),
            ));
        }
    }
    let mut actual_total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index(index).map_err(|e| damaged(file_name, e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let compressed = entry.compressed_size();
        // One byte past the smallest limit that applies is enough to know it is passed.
        let limit = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(actual_total));
        let ratio_limit = compressed.saturating_mul(MAX_RATIO).max(RATIO_FROM_BYTES);
        let cap = limit.min(ratio_limit).saturating_add(1);
        let inflated = std::io::copy(&mut entry.take(cap), &mut std::io::sink())
            .map_err(|e| damaged(file_name, e))?;
        check_part(&name, inflated, compressed).map_err(|w| bomb(&name, w))?;
        actual_total = actual_total.saturating_add(inflated);
        if actual_total > MAX_TOTAL_BYTES {
            return Err(bomb(
                &name,
                "takes the parts over 500 MB in all, uncompressed".to_owned(),
            ));
        }
    }
    Ok(())
}

/// One part's size against the limits; the words of the breach.
fn check_part(_name: &str, size: u64, compressed: u64) -> Result<(), String> {
    if size > MAX_PART_BYTES {
        return Err(format!("is {size} bytes uncompressed, over 200 MB"));
    }
    if size > RATIO_FROM_BYTES && size > compressed.saturating_mul(MAX_RATIO) {
        return Err(format!(
            "expands from {compressed} to {size} bytes, more than 200 times"
        ));
    }
    Ok(())
}

/// Cells gathered for one sheet, sparse, before they are laid out in rows.
struct SheetCells {
    name: String,
    cells: Vec<(u32, u32, Cell)>,
    merges: Vec<Merge>,
}

/// Lays a sheet's cells out in rows from A1, after the row and size limits.
fn lay_out(sheet: SheetCells, file_name: &str) -> Result<Sheet, SheetFinding> {
    let label = crate::cell_ref::quote_sheet(&sheet.name);
    let rows = sheet
        .cells
        .iter()
        .map(|(r, _, _)| *r as usize + 1)
        .max()
        .unwrap_or(0);
    if rows > MAX_ROWS {
        return Err(SheetFinding::file(format!(
            "{}: the sheet {label} has {rows} rows, over the limit of 100,000",
            display_name(file_name)
        )));
    }
    let mut widths = vec![0usize; rows];
    for (r, c, _) in &sheet.cells {
        if let Some(w) = widths.get_mut(*r as usize) {
            *w = (*w).max(*c as usize + 1);
        }
    }
    if widths.iter().sum::<usize>() > MAX_CELLS {
        return Err(SheetFinding::file(format!(
            "{}: the sheet {label} spreads over more than 5,000,000 cells; delete the unused \
             rows and columns and save it again",
            display_name(file_name)
        )));
    }
    let mut grid: Vec<Vec<Cell>> = widths.iter().map(|w| vec![Cell::Empty; *w]).collect();
    for (r, c, cell) in sheet.cells {
        if let Some(slot) = grid
            .get_mut(r as usize)
            .and_then(|row| row.get_mut(c as usize))
        {
            *slot = cell;
        }
    }
    Ok(Sheet {
        name: Some(sheet.name),
        rows: grid,
        merges: sheet.merges,
    })
}

fn merges_of(dims: Vec<Dimensions>) -> Vec<Merge> {
    dims.into_iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

/// Every sheet laid out; every sheet over a limit reported.
fn finish(sheets: Vec<SheetCells>, file_name: &str) -> Result<Book, Vec<SheetFinding>> {
    let mut book = Book::default();
    let mut problems = Vec::new();
    for sheet in sheets {
        match lay_out(sheet, file_name) {
            Ok(s) => book.sheets.push(s),
            Err(f) => problems.push(f),
        }
    }
    if problems.is_empty() {
        Ok(book)
    } else {
        Err(problems)
    }
}

/// Whether a sheet holds cells (chart and macro sheets do not).
fn is_worksheet(typ: SheetType) -> bool {
    matches!(typ, SheetType::WorkSheet)
}

fn read_xlsx(bytes: &[u8], file_name: &str) -> Result<Book, Vec<SheetFinding>> {
    let mut xlsx: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| vec![damaged(file_name, e)])?;
    let names: Vec<String> = xlsx
        .sheets_metadata()
        .iter()
        .filter(|s| is_worksheet(s.typ))
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let merges = xlsx
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| vec![damaged(file_name, e)])?;
        let mut cells = Vec::new();
        let mut reader = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| vec![damaged(file_name, e)])?;
        // Cells are streamed, never laid out by calamine, so a stray cell far away costs nothing
        // until the limits have been checked.
        while let Some(record) = reader
            .next_cell_with_formula_metadata()
            .map_err(|e| vec![damaged(file_name, e)])?
        {
            let (row, col) = record.pos;
            let cell = match (cell_of_ref(&record.value), record.formula.is_some()) {
                (Cell::Empty, true) => Cell::NoCachedValue,
                (cell, _) => cell,
            };
            if cell != Cell::Empty {
                if row as usize >= MAX_ROWS {
                    return Err(vec![too_many_rows(file_name, &name)]);
                }
                cells.push((row, col, cell));
            }
        }
        drop(reader);
        sheets.push(SheetCells {
            name,
            cells,
            merges: merges_of(merges),
        });
    }
    finish(sheets, file_name)
}

fn too_many_rows(file_name: &str, sheet: &str) -> SheetFinding {
    SheetFinding::file(format!(
        "{}: the sheet {} has more than 100,000 rows",
        display_name(file_name),
        crate::cell_ref::quote_sheet(sheet)
    ))
}

fn read_ods(bytes: &[u8], file_name: &str) -> Result<Book, Vec<SheetFinding>> {
    let mut ods: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| vec![damaged(file_name, e)])?;
    let names = ods.sheet_names();
    let mut sheets = Vec::new();
    for name in names {
        let values = ods
            .worksheet_range(&name)
            .map_err(|e| vec![damaged(file_name, e)])?;
        let formulas = ods.worksheet_formula(&name).ok();
        // calamine does not report an ODS file's merged ranges: none are read.
        sheets.push(from_range(
            &name,
            &values,
            formulas.as_ref(),
            Vec::new(),
            file_name,
        )?);
    }
    finish(sheets, file_name)
}

fn read_xls(bytes: &[u8], file_name: &str) -> Result<Book, Vec<SheetFinding>> {
    let mut xls: Xls<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![match e {
            calamine::XlsError::Password => SheetFinding::file(format!(
                "{}: the file is protected by a password; remove the password in Excel and \
                 save it again",
                display_name(file_name)
            )),
            other => damaged(file_name, other),
        }]
    })?;
    let names: Vec<String> = xls
        .sheets_metadata()
        .iter()
        .filter(|s| is_worksheet(s.typ))
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let values = xls
            .worksheet_range(&name)
            .map_err(|e| vec![damaged(file_name, e)])?;
        let formulas = xls.worksheet_formula(&name).ok();
        let merges = xls.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.push(from_range(
            &name,
            &values,
            formulas.as_ref(),
            merges_of(merges),
            file_name,
        )?);
    }
    finish(sheets, file_name)
}

/// A calamine range's cells at their places on the sheet (a range starts at its first used
/// cell, not at A1), a formula without a cached value marked.
fn from_range(
    name: &str,
    values: &Range<Data>,
    formulas: Option<&Range<String>>,
    merges: Vec<Merge>,
    file_name: &str,
) -> Result<SheetCells, Vec<SheetFinding>> {
    let mut cells = Vec::new();
    if values
        .end()
        .is_some_and(|(last, _)| last as usize >= MAX_ROWS)
    {
        return Err(vec![too_many_rows(file_name, name)]);
    }
    let (r0, c0) = values.start().unwrap_or((0, 0));
    for (r, c, data) in values.used_cells() {
        let row = u32::try_from(r).ok().and_then(|r| r.checked_add(r0));
        let col = u32::try_from(c).ok().and_then(|c| c.checked_add(c0));
        if let (Some(row), Some(col)) = (row, col) {
            cells.push((row, col, cell_of(data)));
        }
    }
    if let Some(formulas) = formulas {
        let (f0, g0) = formulas.start().unwrap_or((0, 0));
        for (r, c, formula) in formulas.used_cells() {
            if formula.trim().is_empty() {
                continue;
            }
            let row = u32::try_from(r).ok().and_then(|r| r.checked_add(f0));
            let col = u32::try_from(c).ok().and_then(|c| c.checked_add(g0));
            let (Some(row), Some(col)) = (row, col) else {
                continue;
            };
            let has_value = values
                .get_value((row, col))
                .is_some_and(|d| !matches!(d, Data::Empty));
            if !has_value {
                if row as usize >= MAX_ROWS {
                    return Err(vec![too_many_rows(file_name, name)]);
                }
                cells.push((row, col, Cell::NoCachedValue));
            }
        }
    }
    Ok(SheetCells {
        name: name.to_owned(),
        cells,
        merges,
    })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => int_cell(*i),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => excel_date_cell(d),
        Data::DateTimeIso(s) => iso_date_cell(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn cell_of_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => int_cell(*i),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => excel_date_cell(d),
        DataRef::DateTimeIso(s) => iso_date_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A whole number as a number cell when a binary64 holds it exactly; as its digits otherwise,
/// so that no digit is lost.
fn int_cell(i: i64) -> Cell {
    #[allow(clippy::cast_precision_loss)]
    let f = i as f64;
    #[allow(clippy::cast_possible_truncation)]
    let back = f as i64;
    if back == i && i.unsigned_abs() <= (1u64 << 53) {
        Cell::Number(f)
    } else {
        Cell::Text(i.to_string())
    }
}

/// calamine keeps whether a date counts from 1904 private; equality with a 1904-based date of
/// the same serial tells it.
fn excel_date_cell(d: &calamine::ExcelDateTime) -> Cell {
    let serial = d.as_f64();
    let from_1904 = *d
        == calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, true)
        || *d == calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::TimeDelta, true);
    date_cell(serial, from_1904, d.is_duration())
}

/// A date cell as a serial number counted from 1899-12-30; a 1904-based workbook's serial moved
/// by the 1,462 days between the two systems (in decimals: no float arithmetic). A duration is
/// a number of days, not a date.
fn date_cell(serial: f64, is_1904: bool, is_duration: bool) -> Cell {
    if is_duration {
        return Cell::Number(serial);
    }
    if !is_1904 {
        return Cell::Date(serial);
    }
    let moved = Decimal::from_str_exact(&format!("{serial}"))
        .ok()
        .and_then(|d| d.checked_add(Decimal::from(1462)))
        .and_then(|d| d.to_f64());
    match moved {
        Some(f) => Cell::Date(f),
        None => Cell::Text(format!("{serial}")),
    }
}

/// An ODS date (`2025-04-01` or `2025-04-01T12:00:00`) as a serial number; kept as text when it
/// is not one.
fn iso_date_cell(text: &str) -> Cell {
    let date = text.get(..10).unwrap_or(text);
    let mut parts = date.split('-');
    let parsed = (|| {
        let y: i64 = parts.next()?.parse().ok()?;
        let m: i64 = parts.next()?.parse().ok()?;
        let d: i64 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
            return None;
        }
        Some(days_from_civil(y, m, d) - days_from_civil(1899, 12, 30))
    })();
    let Some(days) = parsed else {
        return Cell::Text(text.to_owned());
    };
    // The time of day, as a fraction of the day, in decimals.
    let fraction = text
        .get(11..19)
        .and_then(|t| {
            let mut hms = t.split(':').map(|p| p.parse::<i64>().ok());
            let seconds = hms.next()?? * 3600 + hms.next()?? * 60 + hms.next()??;
            Decimal::from(seconds).checked_div(Decimal::from(86_400))
        })
        .unwrap_or(Decimal::ZERO);
    match Decimal::from(days)
        .checked_add(fraction)
        .and_then(|d| d.to_f64())
    {
        Some(f) => Cell::Date(f),
        None => Cell::Text(text.to_owned()),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_serial_numbers() {
        assert_eq!(iso_date_cell("1899-12-31"), Cell::Date(1.0));
        assert_eq!(iso_date_cell("2025-04-01"), Cell::Date(45748.0));
        assert_eq!(iso_date_cell("2025-04-01T12:00:00"), Cell::Date(45748.5));
        assert_eq!(iso_date_cell("soon"), Cell::Text("soon".into()));
    }

    #[test]
    fn whole_numbers_stay_exact() {
        assert_eq!(int_cell(42), Cell::Number(42.0));
        assert_eq!(
            int_cell(9_007_199_254_740_993),
            Cell::Text("9007199254740993".into())
        );
    }

    #[test]
    fn files_are_known_by_their_content() {
        assert!(detect(b"hello", "x.xlsx").is_err());
        assert_eq!(detect(b"a,b\n1,2", "x.CSV"), Ok(FileKind::Csv));
        assert!(detect(b"", "x.xls").is_err());
    }
}
