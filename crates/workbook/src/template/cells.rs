//! What the readers of a table share: the problems found so far (each cell reported once), a
//! kept text cell read as text, a Scheme ID as shown, totals rows.

use std::collections::HashSet;

use pooled_core::findings::Code;

use crate::amount::NO_CACHED_VALUE;
use crate::book::{Cell, Sheet};
use crate::finding::SheetFinding;
use crate::text::{clean, normalise};

/// Every problem found, and the cells already reported so that nothing is reported twice.
#[derive(Debug, Default)]
pub struct Problems {
    pub errors: Vec<SheetFinding>,
    cells: HashSet<String>,
}

impl Problems {
    /// An `E-WORKBOOK` error at a cell.
    pub fn at(&mut self, cell: &str, message: impl AsRef<str>) {
        self.coded(Code::Workbook, cell, message);
    }

    /// An error of any code at a cell; a second error at the same cell is dropped (the first
    /// says what is wrong with it).
    pub fn coded(&mut self, code: Code, cell: &str, message: impl AsRef<str>) {
        if self.cells.insert(cell.to_owned()) {
            self.errors
                .push(SheetFinding::coded_at(code, cell, message));
        }
    }

    /// An `E-WORKBOOK` error at a cell that may carry several (a header row missing columns).
    pub fn again_at(&mut self, cell: &str, message: impl AsRef<str>) {
        self.cells.insert(cell.to_owned());
        self.errors.push(SheetFinding::at(cell, message));
    }

    /// An `E-WORKBOOK` error about the whole file.
    pub fn file(&mut self, message: impl Into<String>) {
        self.errors.push(SheetFinding::file(message));
    }

    /// Whether a cell has been reported.
    pub fn reported(&self, cell: &str) -> bool {
        self.cells.contains(cell)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A cell read as kept text (names, descriptions, labels): `None` when blank; a number as its
/// shortest decimal text; `Err` with the words for a cell that holds no text.
pub fn text_of(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) => {
            let kept = clean(t);
            Ok((!kept.is_empty()).then_some(kept))
        }
        Cell::Number(n) => Ok(Some(format!("{n}"))),
        Cell::Bool(b) => Ok(Some(if *b { "TRUE" } else { "FALSE" }.to_owned())),
        Cell::Date(_) => Err("a date is not a text or label here".to_owned()),
        Cell::Error(e) => Err(format!("the error {e} is not a value")),
        Cell::NoCachedValue => Err(NO_CACHED_VALUE.to_owned()),
    }
}

/// Whether a row is a totals row (§3.4): its key cell, or failing that its first non-empty
/// cell, starts with `total`, `sub total`, `subtotal` or `grand total`.
pub fn is_totals_row(sheet: &Sheet, row: usize, key_col: usize) -> bool {
    let key = sheet.cell(row, key_col);
    let cell = if key.is_blank() {
        sheet
            .rows
            .get(row)
            .and_then(|cells| cells.iter().find(|c| !c.is_blank()))
    } else {
        Some(key)
    };
    let Some(Cell::Text(text)) = cell else {
        return false;
    };
    let words = normalise(text);
    ["total", "sub total", "subtotal", "grand total"]
        .iter()
        .any(|start| words.starts_with(start))
}

/// The words of a list of names: `A`, `A and B`, `A, B and C`.
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_rows_are_known_by_their_first_words() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: None,
            rows: vec![
                vec![t("Total"), Cell::Number(3.0)],
                vec![Cell::Empty, t("Sub-total: social care")],
                vec![t("7"), t("Total care")],
                vec![Cell::Empty, t("GRAND TOTAL")],
                vec![t("Totalled")],
            ],
            merges: vec![],
        };
        let read: Vec<bool> = (0..5).map(|r| is_totals_row(&sheet, r, 0)).collect();
        assert_eq!(read, [true, true, false, true, true]);
    }

    #[test]
    fn numbers_read_as_their_shortest_text() {
        assert_eq!(text_of(&Cell::Number(7.0)), Ok(Some("7".into())));
        assert_eq!(text_of(&Cell::Number(7.5)), Ok(Some("7.5".into())));
        assert_eq!(
            text_of(&Cell::Text("  a\n b ".into())),
            Ok(Some("a b".into()))
        );
        assert!(text_of(&Cell::Error("#REF!".into())).is_err());
    }
}
