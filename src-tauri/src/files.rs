//! Plan files in and out, only through file dialogs the person drives: the window never names a
//! path, so it cannot read or write anything the person did not choose.

use pooled_api::{self as app, AppError, ScenarioId, ScenarioView, Units};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{Open, Reply};

fn io_error(what: &str, error: impl std::fmt::Display) -> AppError {
    AppError::new("A-FILE", format!("{what}: {error}."))
}

/// Asks for a plan file and imports it as a new plan; `None` when the person cancels.
#[tauri::command]
pub async fn import_plan_file(
    handle: AppHandle,
    open: State<'_, Open>,
) -> Reply<Option<ScenarioView>> {
    let Some(chosen) = handle
        .dialog()
        .file()
        .set_title("Import a plan file")
        .add_filter("Pooled plan", &["json"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| io_error("That file cannot be opened", e))?;
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
    let Some(chosen) = handle
        .dialog()
        .file()
        .set_title("Export the plan")
        .add_filter("Pooled plan", &["json"])
        .set_file_name("plan.json")
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| io_error("That place cannot be written to", e))?;
    // The save dialog has already asked before replacing a file.
    let to = app::files::write(&path, text.as_bytes(), true)?
        .display()
        .to_string();
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
    let Some(chosen) = handle
        .dialog()
        .file()
        .set_title("Export the board paper")
        .add_filter("PDF document", &["pdf"])
        .set_file_name(&paper.file_name)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| io_error("That place cannot be written to", e))?;
    let to = app::files::write(&path, &paper.bytes, true)?
        .display()
        .to_string();
    open.with(|ws| app::record_board_paper(ws, id, &to))?;
    Ok(Some(to))
}
