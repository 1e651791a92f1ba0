//! A spreadsheet's cells as read, whatever the file: every sheet in workbook order, its cells by
//! row and column (0-based), and its merged ranges. A CSV is one sheet without a name.

use crate::cell_ref;

/// One cell as the file holds it. A formula cell is its cached value; a formula with no cached
/// value is `NoCachedValue` (never evaluated, spec §1.1).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell's binary value: only `amount.rs` turns it into money, with the tolerance.
    Number(f64),
    Bool(bool),
    /// A date or time cell, as the spreadsheet's serial number (days since 1899-12-30).
    Date(f64),
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
    NoCachedValue,
}

impl Cell {
    /// Empty, or text of white space only.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A merged range, inclusive, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// `None` for a CSV, whose cells are named without a sheet (`K14`).
    pub name: Option<String>,
    /// Rows from the sheet's first row (row 0 is spreadsheet row 1), cells from column A.
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// The cell at (row, col), `Empty` outside the data.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The reference of a cell as findings name it: `Expenditure!H14`, `'6a. Expenditure'!K9`,
    /// or `K14` in a CSV.
    pub fn reference(&self, row: usize, col: usize) -> String {
        cell_ref::cell_ref(self.name.as_deref(), row, col)
    }

    /// The sheet's name as findings name it (quoted when Excel would), or `CSV`.
    pub fn label(&self) -> String {
        self.name
            .as_deref()
            .map_or_else(|| "CSV".to_owned(), cell_ref::quote_sheet)
    }

    /// Whether every cell of a row is blank.
    pub fn row_is_blank(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(Cell::is_blank))
    }

    /// The merged range that holds (row, col), if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| {
            (m.first_row as usize..=m.last_row as usize).contains(&row)
                && (m.first_col as usize..=m.last_col as usize).contains(&col)
        })
    }
}

/// Every sheet of a file, in workbook order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}
