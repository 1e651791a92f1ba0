//! Spreadsheets in and out (workbook spec §7): `pooled convert` between JSON, XLSX and CSV by
//! extension, importing a workbook into the workspace (recorded with the file's name and
//! SHA-256), and exporting a scenario as Pooled's own workbook. Every problem in a spreadsheet
//! comes back at its cell (`AppError::cells`), and nothing is written or imported then.

use std::path::{Path, PathBuf};

use pooled_core::assess::{Assessment, assess_bytes, assess_document};
use pooled_core::figures::figures;
use pooled_core::hashing::sha256_hex_bytes;
use pooled_core::money::Money;
use pooled_core::outcome::Outcome;
use pooled_core::plan::PlanDocument;
use pooled_store::{PlanId, PlanSummary, Workspace};
use pooled_workbook::read::Document;
use pooled_workbook::{Layout, ReadOptions, ReadReport, Reading, SheetFinding};

use crate::views::ScenarioView;
use crate::{AppError, files, scenarios};

/// The kinds of file `convert` knows, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ext {
    Json,
    Xlsx,
    Csv,
    /// Read only: `.xlsm`, `.xls`, `.ods`.
    OtherBook,
}

fn ext_of(path: &Path) -> Option<Ext> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Ext::Json),
        "xlsx" => Some(Ext::Xlsx),
        "csv" => Some(Ext::Csv),
        "xlsm" | "xls" | "ods" => Some(Ext::OtherBook),
        _ => None,
    }
}

/// What `convert` wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    pub written: PathBuf,
    /// In words: "Pooled's workbook", "the Expenditure CSV", "the plan", "the return (M6)".
    pub what: String,
    /// For a spreadsheet read: what was read, and its warnings.
    pub reading: Option<Reading>,
}

/// `pooled convert IN OUT`: `.json` → `.xlsx` or `.csv`; a spreadsheet → `.json`.
pub fn convert(
    input: &Path,
    output: &Path,
    options: &ReadOptions,
    replace: bool,
) -> Result<Converted, AppError> {
    let (from, to) = (ext_of(input), ext_of(output));
    match (from, to) {
        (Some(Ext::Json), Some(Ext::Xlsx | Ext::Csv)) => {
            let bytes = files::read(input, "the plan file")?;
            let (document, outcome) = evaluated(&bytes)?;
            let (out, what) = if to == Some(Ext::Xlsx) {
                (workbook_bytes(&document, &outcome)?, "Pooled's workbook")
            } else {
                (
                    pooled_workbook::csv_file::write(&document),
                    "the Expenditure CSV",
                )
            };
            let written = files::write(output, &out, replace)?;
            Ok(Converted {
                written,
                what: what.to_owned(),
                reading: None,
            })
        }
        (Some(Ext::Xlsx | Ext::Csv | Ext::OtherBook), Some(Ext::Json)) => {
            let reading = read_sheet(input, options)?;
            let (text, what) = match &reading.document {
                Document::Plan(plan) => (pretty(plan), "the plan".to_owned()),
                Document::Return(ret) => (pretty(ret), format!("the return ({})", ret.period)),
            };
            let written = files::write(output, text.as_bytes(), replace)?;
            Ok(Converted {
                written,
                what,
                reading: Some(reading),
            })
        }
        _ => Err(AppError::new(
            "A-CONVERT",
            format!(
                "cannot convert {} to {}: give a .json plan and a .xlsx or .csv file to write, \
                 or a .xlsx, .xlsm, .xls, .ods or .csv file and a .json file to write",
                input.display(),
                output.display()
            ),
        )),
    }
}

/// A spreadsheet read, or every problem in it at its cell.
pub fn read_sheet(path: &Path, options: &ReadOptions) -> Result<Reading, AppError> {
    let bytes = files::read(path, "the spreadsheet")?;
    let name = files::file_name(path);
    pooled_workbook::read(&bytes, &name, options).map_err(|cells| refused(&name, cells))
}

fn refused(name: &str, cells: Vec<SheetFinding>) -> AppError {
    let errors = cells
        .iter()
        .filter(|f| f.severity == pooled_core::findings::Severity::Error)
        .count();
    let message = format!(
        "{name} cannot be read: {errors} {}; nothing was written",
        if errors == 1 { "problem" } else { "problems" }
    );
    AppError::unreadable_sheet(message, cells)
}

/// A plan file's document and outcome, or its errors (a plan with errors is not converted).
fn evaluated(bytes: &[u8]) -> Result<(PlanDocument, Outcome), AppError> {
    let document = pooled_core::plan::read_plan_bytes(bytes)
        .map_err(|f| AppError::invalid_plan("A-INVALID-PLAN", f.message.clone(), vec![f]))?;
    match assess_bytes(bytes) {
        Assessment::Evaluated(outcome) => Ok((document, *outcome)),
        Assessment::Rejected(rejection) => Err(AppError::invalid_plan(
            "A-INVALID-PLAN",
            "The plan has errors, so it was not converted.",
            rejection.findings,
        )),
    }
}

fn workbook_bytes(document: &PlanDocument, outcome: &Outcome) -> Result<Vec<u8>, AppError> {
    pooled_workbook::own_layout::write::write(document, outcome)
        .map_err(|e| AppError::new("A-WORKBOOK-WRITE", e.to_string()))
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// What the audit trail records as an imported spreadsheet's source: its name and SHA-256.
fn source_of(path: &Path, bytes: &[u8]) -> String {
    format!(
        "{} (SHA-256 {})",
        files::file_name(path),
        sha256_hex_bytes(bytes)
    )
}

/// `pooled import BOOK.xlsx`: the plan a spreadsheet holds, as a new plan or `into` a plan as a
/// new scenario, recorded with the file's name and SHA-256.
pub fn import_sheet(
    ws: &mut Workspace,
    path: &Path,
    into: Option<PlanId>,
    name: Option<&str>,
    options: &ReadOptions,
) -> Result<(PlanSummary, ScenarioView, Reading), AppError> {
    let bytes = files::read(path, "the spreadsheet")?;
    import_bytes(ws, path, &bytes, into, name, options)
}

/// Imports the spreadsheet `bytes` read from `path` (see `import_sheet`).
fn import_bytes(
    ws: &mut Workspace,
    path: &Path,
    bytes: &[u8],
    into: Option<PlanId>,
    name: Option<&str>,
    options: &ReadOptions,
) -> Result<(PlanSummary, ScenarioView, Reading), AppError> {
    let file = files::file_name(path);
    let reading =
        pooled_workbook::read(bytes, &file, options).map_err(|cells| refused(&file, cells))?;
    let Document::Plan(plan) = &reading.document else {
        return Err(AppError::new(
            "A-NOT-A-PLAN",
            format!(
                "{file} holds an in-year return, not a plan: record it against an agreed scenario instead"
            ),
        ));
    };
    let json = serde_json::to_vec(plan.as_ref()).unwrap_or_default();
    let source = source_of(path, bytes);
    let id = match into {
        None => ws.import_plan(&json, name.unwrap_or("Baseline"), &source)?,
        Some(plan_id) => {
            let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
            ws.import_scenario(plan_id, &json, name.unwrap_or(stem), &source)?
        }
    };
    let view = scenarios::scenario(ws, id)?;
    Ok((ws.plan(view.plan_id)?, view, reading))
}

/// A scenario's outcome, for its workbook; a draft with errors has none.
fn outcome_to_write(document: &PlanDocument) -> Result<Outcome, AppError> {
    match assess_document(document) {
        Assessment::Evaluated(outcome) => Ok(*outcome),
        Assessment::Rejected(rejection) => Err(AppError::invalid_plan(
            "A-INVALID-PLAN",
            "The scenario has errors, so it has no outcome to write.",
            rejection.findings,
        )),
    }
}

/// The name "Export to Excel…" suggests for a scenario's workbook (`Northbrook BCF 2025-26 -
/// Baseline.xlsx`, without characters a file name cannot hold), or why it has none: a draft
/// with errors has no outcome, so no workbook (as `export_sheet`), and nothing need be asked.
pub fn workbook_file_name(
    ws: &Workspace,
    id: pooled_store::ScenarioId,
) -> Result<String, AppError> {
    let scenario = ws.scenario(id)?;
    outcome_to_write(&scenario.document)?;
    let name = format!("{} - {}", scenario.document.name, scenario.summary.name);
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let safe = safe.trim().trim_matches('.').trim();
    Ok(format!(
        "{}.xlsx",
        if safe.is_empty() { "scenario" } else { safe }
    ))
}

/// `pooled export --scenario N -o BOOK.xlsx` (or `.csv`): the scenario as Pooled's workbook,
/// recorded in the audit trail. A draft with errors has no outcome, so no workbook.
pub fn export_sheet(
    ws: &mut Workspace,
    id: pooled_store::ScenarioId,
    path: &Path,
    replace: bool,
) -> Result<PathBuf, AppError> {
    let scenario = ws.scenario(id)?;
    let (bytes, what) = match ext_of(path) {
        Some(Ext::Xlsx) => {
            let outcome = outcome_to_write(&scenario.document)?;
            (workbook_bytes(&scenario.document, &outcome)?, "workbook")
        }
        Some(Ext::Csv) => (
            pooled_workbook::csv_file::write(&scenario.document),
            "expenditure CSV",
        ),
        _ => {
            return Err(AppError::new(
                "A-EXPORT",
                format!(
                    "cannot export to {}: give a file ending .xlsx (Pooled's workbook) or .csv (the Expenditure table)",
                    path.display()
                ),
            ));
        }
    };
    let written = files::write(path, &bytes, replace)?;
    ws.record_export(id, what, &written.display().to_string())?;
    Ok(written)
}

/// What "Import a workbook…" shows before anything is saved: the file (its name, where it is
/// and its SHA-256, which the import checks again), what was read and, for a plan, a short
/// summary with its totals worked out by the core. When the file cannot be read, `errors` has
/// every problem at its cell and nothing else was read.
#[derive(Clone, Debug, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct SheetPreview {
    /// The file's name, `bcf-template.xlsx`.
    pub file_name: String,
    /// Where it is, as the person chose it: passed back unchanged to import it.
    pub path: String,
    /// The SHA-256 of the bytes previewed, in lowercase hex.
    pub sha256: String,
    /// Which reading applied; absent when the file cannot be read.
    pub layout: Option<Layout>,
    /// What was read (empty when the file cannot be read).
    pub report: ReadReport,
    /// For a plan, what would be imported; absent otherwise.
    pub plan: Option<SheetPlan>,
    /// Warnings and breaches: they do not stop an import.
    pub warnings: Vec<SheetFinding>,
    /// Every error, at its cell where it has one: with any, nothing can be imported.
    pub errors: Vec<SheetFinding>,
    /// Whether the file can be imported as a new plan: a plan was read and there are no errors.
    pub importable: bool,
}

/// A short summary of the plan a spreadsheet holds; the totals are the core's.
#[derive(Clone, Debug, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct SheetPlan {
    pub name: String,
    /// `2025-26`.
    pub financial_year: String,
    /// The partners' names, in the plan's order.
    pub partners: Vec<String>,
    pub streams: u32,
    pub schemes: u32,
    /// The sum of every scheme's funding lines; `None` when an amount does not read.
    pub budget: Option<Money>,
    /// The sum of every scheme's forecast (its budget when none is set).
    pub forecast: Option<Money>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn is_error(finding: &SheetFinding) -> bool {
    finding.severity == pooled_core::findings::Severity::Error
}

impl SheetPlan {
    fn of(plan: &PlanDocument) -> SheetPlan {
        let totals = figures(plan, None).totals;
        SheetPlan {
            name: plan.name.clone(),
            financial_year: plan.financial_year.clone(),
            partners: plan.partners.iter().map(|p| p.name.clone()).collect(),
            streams: count(plan.streams.len()),
            schemes: count(plan.schemes.len()),
            budget: totals.budget,
            forecast: totals.forecast,
        }
    }
}

/// What a spreadsheet holds, for the person to check before importing it: the file's SHA-256,
/// what was read and a summary of the plan, or every problem at its cell. Nothing is saved.
/// An error only when the file itself cannot be read from disk.
pub fn preview_sheet(path: &Path, options: &ReadOptions) -> Result<SheetPreview, AppError> {
    let bytes = files::read(path, "the spreadsheet")?;
    Ok(preview_bytes(path, &bytes, options))
}

fn preview_bytes(path: &Path, bytes: &[u8], options: &ReadOptions) -> SheetPreview {
    let file_name = files::file_name(path);
    let mut preview = SheetPreview {
        file_name: file_name.clone(),
        path: path.display().to_string(),
        sha256: sha256_hex_bytes(bytes),
        layout: None,
        report: ReadReport::default(),
        plan: None,
        warnings: Vec::new(),
        errors: Vec::new(),
        importable: false,
    };
    let reading = match pooled_workbook::read(bytes, &file_name, options) {
        Ok(reading) => reading,
        Err(cells) => {
            // Every error; anything milder beside the warnings. Should a reading ever fail
            // with no error among its findings, they are all listed as errors.
            if cells.iter().any(is_error) {
                let (errors, warnings) = cells.into_iter().partition(is_error);
                preview.errors = errors;
                preview.warnings = warnings;
            } else if cells.is_empty() {
                preview.errors = vec![SheetFinding::file(format!("{file_name} cannot be read"))];
            } else {
                preview.errors = cells;
            }
            return preview;
        }
    };
    preview.layout = Some(reading.layout);
    preview.report = reading.report;
    let (errors, warnings) = reading.warnings.into_iter().partition(is_error);
    preview.errors = errors;
    preview.warnings = warnings;
    match &reading.document {
        Document::Plan(plan) => {
            if let Assessment::Rejected(rejection) = assess_document(plan) {
                preview.errors.extend(
                    rejection
                        .findings
                        .iter()
                        .filter(|f| f.is_error())
                        .map(|f| SheetFinding::from_plan(f, None)),
                );
            }
            preview.plan = Some(SheetPlan::of(plan));
        }
        Document::Return(ret) => preview.errors.push(SheetFinding::file(format!(
            "{file_name} holds an in-year return ({}), not a plan: record it against an agreed \
             scenario instead",
            ret.period
        ))),
    }
    preview.importable = preview.plan.is_some() && preview.errors.is_empty();
    preview
}

/// Imports a spreadsheet the person previewed: it is read again, and refused (`A-CHANGED`) if
/// its SHA-256 is no longer the one previewed, so what is imported is what they saw. Then as
/// `import_sheet`: a new plan, or `into` a plan as a new scenario, recorded with the file's
/// name and SHA-256.
pub fn import_previewed(
    ws: &mut Workspace,
    path: &Path,
    sha256: &str,
    into: Option<PlanId>,
    name: Option<&str>,
    options: &ReadOptions,
) -> Result<ScenarioView, AppError> {
    let bytes = files::read(path, "the spreadsheet")?;
    let now = sha256_hex_bytes(&bytes);
    if !now.eq_ignore_ascii_case(sha256.trim()) {
        return Err(AppError::new(
            "A-CHANGED",
            format!(
                "{} has changed since it was previewed, so nothing was imported: \
                 preview it again to see what it holds now",
                files::file_name(path)
            ),
        ));
    }
    let (_, view, _) = import_bytes(ws, path, &bytes, into, name, options)?;
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder with an empty workspace in it.
    fn setup(name: &str) -> (PathBuf, Workspace) {
        let dir = std::env::temp_dir().join(format!("pooled-sheets-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ws = Workspace::create(&dir.join("w.pooled"), "Test").unwrap();
        (dir, ws)
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/workbooks")
            .join(name)
    }

    #[test]
    fn a_file_changed_since_its_preview_is_not_imported() {
        let (dir, mut ws) = setup("changed");
        let file = dir.join("expenditure.csv");
        std::fs::write(&file, b"Scheme ID,Scheme Name\n").unwrap();
        let previewed = sha256_hex_bytes(b"Scheme ID,Scheme Name\n");
        std::fs::write(&file, b"Scheme ID,Scheme Name\nS1,Changed\n").unwrap();

        let error = import_previewed(
            &mut ws,
            &file,
            &previewed,
            None,
            None,
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(error.code, "A-CHANGED");
        assert!(
            error.message.contains("expenditure.csv has changed"),
            "{}",
            error.message
        );
        assert!(ws.plans().unwrap().is_empty(), "nothing was imported");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_suggested_workbook_name_is_the_plan_and_scenario() {
        let (dir, mut ws) = setup("name");
        let id = crate::session::import_demo(&mut ws).unwrap();
        let name = workbook_file_name(&ws, id).unwrap();
        let scenario = ws.scenario(id).unwrap();
        let expected = format!(
            "{} - {}.xlsx",
            scenario.document.name, scenario.summary.name
        );
        assert_eq!(name, expected);

        crate::describe(&mut ws, id, Some("Q3: what/if?"), None).unwrap();
        let name = workbook_file_name(&ws, id).unwrap();
        assert!(name.ends_with(" - Q3- what-if-.xlsx"), "{name}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_preview() {
        let (dir, _) = setup("missing");
        let error = preview_sheet(&dir.join("gone.xlsx"), &ReadOptions::default()).unwrap_err();
        assert_eq!(error.code, "A-FILE");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_unreadable_file_is_previewed_with_its_errors() {
        let (dir, mut ws) = setup("unreadable");
        let file = dir.join("notes.csv");
        let bytes = b"Minutes of the meeting\nNothing here is a table\n";
        std::fs::write(&file, bytes).unwrap();

        let preview = preview_sheet(&file, &ReadOptions::default()).unwrap();
        assert_eq!(preview.file_name, "notes.csv");
        assert_eq!(preview.sha256, sha256_hex_bytes(bytes));
        assert!(!preview.errors.is_empty(), "the problems are listed");
        assert!(preview.errors.iter().all(is_error));
        assert!(preview.plan.is_none() && !preview.importable);

        // Importing it anyway is refused with the same problems, and saves nothing.
        let error = import_previewed(
            &mut ws,
            &file,
            &preview.sha256,
            None,
            None,
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(error.code, "A-WORKBOOK");
        assert!(!error.cells.is_empty());
        assert!(ws.plans().unwrap().is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_workbook_with_errors_lists_each_at_its_cell() {
        let preview = preview_sheet(&fixture("errors.xlsx"), &ReadOptions::default()).unwrap();
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture("errors.errors.json")).unwrap()).unwrap();
        let cells: Vec<&str> = preview
            .errors
            .iter()
            .filter_map(|e| e.cell.as_deref())
            .collect();
        for finding in expected["findings"].as_array().unwrap() {
            let cell = finding["cell"].as_str().unwrap();
            assert!(cells.contains(&cell), "{cell} is listed: {cells:?}");
        }
        assert!(!preview.importable);
    }

    #[test]
    fn a_previewed_csv_imports_the_plan_it_holds() {
        let (dir, mut ws) = setup("csv");
        let file = fixture("expenditure.csv");
        let preview = preview_sheet(&file, &ReadOptions::default()).unwrap();
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        assert!(preview.importable);
        let plan = preview.plan.as_ref().unwrap();
        assert_eq!(plan.schemes, preview.report.schemes);
        assert!(plan.budget.is_some());

        let view = import_previewed(
            &mut ws,
            &file,
            &preview.sha256,
            None,
            None,
            &ReadOptions::default(),
        )
        .unwrap();
        let expected: PlanDocument = pooled_core::plan::read_plan_bytes(
            &std::fs::read(fixture("expenditure.plan.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(view.document, expected);
        assert_eq!(ws.plans().unwrap().len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
