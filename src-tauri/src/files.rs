//! Plan files in and out, only through file dialogs the person drives: the window never names a
//! path, so it cannot read or write anything the person did not choose.

use std::path::{Path, PathBuf};

use pooled_api::{self as app, AppError, ScenarioId, ScenarioView, Units};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::{Open, Reply};

/// What a file dialog asks for: its title, the kind of file and its ending.
struct Dialog<'a> {
    title: &'a str,
    kind: &'a str,
    ending: &'a str,
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
            .add_filter(self.kind, &[self.ending])
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
        ending: "json",
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
        ending: "json",
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
        ending: "pdf",
    };
    let Some(path) = dialog.save(&handle, &paper.file_name)? else {
        return Ok(None);
    };
    let to = write(&path, &paper.bytes)?;
    open.with(|ws| app::record_board_paper(ws, id, &to))?;
    Ok(Some(to))
}
