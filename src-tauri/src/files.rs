//! Plan files in and out, only through file dialogs the person drives: the window never names a
//! path, so it cannot read or write anything the person did not choose.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use pooled_api::workbooks::{self, SheetPreview};
use pooled_api::{self as app, AppError, ReadOptions, ScenarioId, ScenarioView, Units};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::{Open, Reply};

/// What a file dialog asks for: its title, the kind of file and its endings.
struct Dialog<'a> {
    title: &'a str,
    kind: &'a str,
    endings: &'a [&'a str],
}

impl Dialog<'_> {
    /// The file the person picked to open; `None` when they cancel.
    fn pick(&self, handle: &AppHandle) -> Reply<Option<PathBuf>> {
        let chosen = self.dialog(handle).blocking_pick_file();
        chosen
            .map(|c| path_of(c, "That file cannot be opened"))
            .transpose()
    }

    /// Where the person chose to save, suggesting `name`; `None` when they cancel. The dialog
    /// itself asks before replacing a file.
    fn save(&self, handle: &AppHandle, name: &str) -> Reply<Option<PathBuf>> {
        let chosen = self.dialog(handle).set_file_name(name).blocking_save_file();
        chosen
            .map(|c| path_of(c, "That place cannot be written to"))
            .transpose()
    }

    fn dialog(&self, handle: &AppHandle) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
        handle
            .dialog()
            .file()
            .set_title(self.title)
            .add_filter(self.kind, self.endings)
    }
}

fn path_of(chosen: FilePath, why: &str) -> Reply<PathBuf> {
    chosen
        .into_path()
        .map_err(|e| AppError::new("A-FILE", format!("{why}: {e}.")))
}

/// Writes what was made to the chosen place and returns where, for the audit trail.
fn write(path: &Path, bytes: &[u8]) -> Reply<String> {
    Ok(app::files::write(path, bytes, true)?.display().to_string())
}

/// Asks for a plan file and imports it as a new plan; `None` when the person cancels.
#[tauri::command]
pub async fn import_plan_file(
    handle: AppHandle,
    open: State<'_, Open>,
) -> Reply<Option<ScenarioView>> {
    let dialog = Dialog {
        title: "Import a plan file",
        kind: "Pooled plan",
        endings: &["json"],
    };
    let Some(path) = dialog.pick(&handle)? else {
        return Ok(None);
    };
    let bytes = app::files::read(&path, "the plan file")?;
    let source = app::files::file_name(&path);
    open.with(|ws| app::import_plan(ws, &bytes, &source))
        .map(Some)
}

/// Asks where to save the scenario's plan and writes it; returns the path, or `None` if cancelled.
#[tauri::command]
pub async fn export_plan_file(
    handle: AppHandle,
    open: State<'_, Open>,
    id: ScenarioId,
) -> Reply<Option<String>> {
    let text = open.with(|ws| app::documents::export_plan(ws, id))?;
    let dialog = Dialog {
        title: "Export the plan",
        kind: "Pooled plan",
        endings: &["json"],
    };
    let Some(path) = dialog.save(&handle, "plan.json")? else {
        return Ok(None);
    };
    let to = write(&path, text.as_bytes())?;
    open.with(|ws| app::documents::record_export(ws, id, &to))?;
    Ok(Some(to))
}

/// Makes the scenario's board paper (dated today), asks where to save it and writes it; returns
/// the path, or `None` if cancelled. Nothing is asked when the paper cannot be made.
#[tauri::command]
pub async fn export_board_paper(
    handle: AppHandle,
    open: State<'_, Open>,
    id: ScenarioId,
    units: Units,
) -> Reply<Option<String>> {
    let today = chrono::Local::now().date_naive();
    let paper = open.with(|ws| app::board_paper(ws, id, today, units))?;
    let dialog = Dialog {
        title: "Export the board paper",
        kind: "PDF document",
        endings: &["pdf"],
    };
    let Some(path) = dialog.save(&handle, &paper.file_name)? else {
        return Ok(None);
    };
    let to = write(&path, &paper.bytes)?;
    open.with(|ws| app::record_board_paper(ws, id, &to))?;
    Ok(Some(to))
}

/// The spreadsheet last previewed: the only file `import_workbook` will import, so the window
/// never names a path of its own.
#[derive(Default)]
pub struct Previewed(Mutex<Option<PathBuf>>);

/// Asks for a spreadsheet and reads it, saving nothing: what was read, a summary of the plan,
/// and every problem at its cell. `None` when the person cancels.
#[tauri::command]
pub async fn preview_workbook(
    handle: AppHandle,
    previewed: State<'_, Previewed>,
) -> Reply<Option<SheetPreview>> {
    let dialog = Dialog {
        title: "Import a workbook",
        kind: "Spreadsheets",
        endings: &["xlsx", "xlsm", "xls", "ods", "csv"],
    };
    let Some(path) = dialog.pick(&handle)? else {
        return Ok(None);
    };
    let preview = workbooks::preview_sheet(&path, &ReadOptions::default())?;
    if let Ok(mut last) = previewed.0.lock() {
        *last = Some(path);
    }
    Ok(Some(preview))
}

/// Imports the spreadsheet just previewed as a new plan, if it is still the file previewed
/// (its SHA-256 is checked again).
#[tauri::command]
pub async fn import_workbook(
    open: State<'_, Open>,
    previewed: State<'_, Previewed>,
    path: String,
    sha256: String,
) -> Reply<ScenarioView> {
    let last = previewed.0.lock().ok().and_then(|last| last.clone());
    let Some(path) = last.filter(|p| p.as_path() == Path::new(&path)) else {
        return Err(AppError::new(
            "A-FILE",
            "Choose the workbook with Import a workbook… first; nothing was imported.",
        ));
    };
    let view = open.with(|ws| {
        workbooks::import_previewed(ws, &path, &sha256, None, None, &ReadOptions::default())
    })?;
    if let Ok(mut last) = previewed.0.lock() {
        *last = None;
    }
    Ok(view)
}

/// Asks where to save the scenario as Pooled's workbook and writes it (recorded in the audit
/// trail); returns the path, or `None` if cancelled. Nothing is asked when it cannot be written.
#[tauri::command]
pub async fn export_workbook(
    handle: AppHandle,
    open: State<'_, Open>,
    id: ScenarioId,
) -> Reply<Option<String>> {
    let name = open.with(|ws| workbooks::workbook_file_name(ws, id))?;
    let dialog = Dialog {
        title: "Export to Excel",
        kind: "Excel workbook",
        endings: &["xlsx"],
    };
    let Some(path) = dialog.save(&handle, &name)? else {
        return Ok(None);
    };
    // The dialog has already asked before replacing the file named; a name typed without an
    // ending is given `.xlsx`, and then an existing file of that name is not replaced.
    let (path, replace) = if path.extension().is_none() {
        (path.with_extension("xlsx"), false)
    } else {
        (path, true)
    };
    let written = open.with(|ws| workbooks::export_sheet(ws, id, &path, replace))?;
    Ok(Some(written.display().to_string()))
}
