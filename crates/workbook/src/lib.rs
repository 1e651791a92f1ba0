//! Pooled's spreadsheets (`spec/workbook.md`): reading a workbook (XLSX, XLSM, XLS, ODS) or a CSV
//! into a plan document or a return, with every problem found in one pass and named by its cell;
//! writing Pooled's own workbook from a plan and its outcome, and the Expenditure CSV.
//!
//! Money never passes through a float unchecked: a number cell's binary value is turned into
//! its shortest decimal text, then an exact decimal, and must be within the spec's tolerance of
//! a whole number of pence (`amount.rs`).
//!
//! Layers inside the crate: `open` (what kind of file, its limits, its cells as a `Book`) →
//! `cell_ref`, `text`, `amount`, `labels` (reading one cell) → `own_layout`, `template`, `csv_file`,
//! `returns` (reading a table into a document) → `read` (which one applies). Writing is
//! `own_layout::write` and `csv_file::write`.

pub mod amount;
pub mod book;
pub mod cell_ref;
pub mod csv_file;
pub mod finding;
pub mod labels;
pub mod open;
pub mod own_layout;
pub mod read;
pub mod returns;
pub mod template;
pub mod text;

pub use finding::{Findings, SheetFinding};
pub use read::{ColumnMatch, Layout, ReadOptions, ReadReport, Reading, SkippedRow, read};
