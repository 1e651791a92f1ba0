//! The desktop shell: one command per action of `pooled::app`, nothing else. The workspace is
//! opened once at start-up and shared behind a lock; errors reach the window as
//! `{code, message, findings}`. Commands are async so that they run off the window's thread.

use std::path::PathBuf;
use std::sync::Mutex;

use pooled::app::{
    self, AppError, ComparisonView, EditRequest, EditResult, HistoryQuery, NewPlan, ScenarioView,
    WorkspaceView,
};
use pooled::assess::Assessment;
use pooled::store::{
    AuditEntry, AuditReport, SignOff, Workspace, default_actor, default_workspace_path,
};
use tauri::State;

mod files;

/// The open workspace, or why it could not be opened (shown by the window at start-up).
pub struct Open(Mutex<Result<Workspace, AppError>>);

type Reply<T> = Result<T, AppError>;

impl Open {
    fn with<T>(&self, action: impl FnOnce(&mut Workspace) -> Reply<T>) -> Reply<T> {
        let mut guard = self.0.lock().map_err(|_| {
            AppError::new(
                "A-INTERNAL",
                "An earlier action failed part-way; restart Pooled.",
            )
        })?;
        match guard.as_mut() {
            Ok(workspace) => action(workspace),
            Err(error) => Err(error.clone()),
        }
    }
}

/// `--workspace PATH` or `POOLED_WORKSPACE`, else the default file (created with the demo plan).
fn workspace_path() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            if let Some(path) = args.next() {
                return PathBuf::from(path);
            }
        } else if let Some(path) = arg.strip_prefix("--workspace=") {
            return PathBuf::from(path);
        }
    }
    std::env::var_os("POOLED_WORKSPACE")
        .map(PathBuf::from)
        .unwrap_or_else(default_workspace_path)
}

fn actor() -> String {
    std::env::var("POOLED_USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(default_actor)
}

#[tauri::command]
async fn workspace(open: State<'_, Open>) -> Reply<WorkspaceView> {
    open.with(|ws| app::workspace(ws))
}

#[tauri::command]
async fn scenario(open: State<'_, Open>, id: i64) -> Reply<ScenarioView> {
    open.with(|ws| app::scenario(ws, id))
}

#[tauri::command]
async fn edit(
    open: State<'_, Open>,
    id: i64,
    revision: i64,
    edits: Vec<EditRequest>,
    reason: Option<String>,
) -> Reply<EditResult> {
    open.with(|ws| app::edit(ws, id, revision, &edits, reason.as_deref()))
}

#[tauri::command]
async fn preview(open: State<'_, Open>, id: i64, edits: Vec<EditRequest>) -> Reply<Assessment> {
    open.with(|ws| app::preview(ws, id, &edits))
}

#[tauri::command]
async fn branch(open: State<'_, Open>, from: i64, name: String) -> Reply<ScenarioView> {
    open.with(|ws| app::branch(ws, from, &name))
}

#[tauri::command]
async fn describe(
    open: State<'_, Open>,
    id: i64,
    name: String,
    description: String,
) -> Reply<ScenarioView> {
    open.with(|ws| app::describe(ws, id, &name, &description))
}

#[tauri::command]
async fn compare(open: State<'_, Open>, ids: Vec<i64>) -> Reply<Vec<ComparisonView>> {
    open.with(|ws| app::compare_scenarios(ws, &ids))
}

#[tauri::command]
async fn agree(
    open: State<'_, Open>,
    id: i64,
    revision: i64,
    signoffs: Vec<SignOff>,
) -> Reply<ScenarioView> {
    open.with(|ws| app::agree(ws, id, revision, &signoffs))
}

#[tauri::command]
async fn history(open: State<'_, Open>, query: HistoryQuery) -> Reply<Vec<AuditEntry>> {
    open.with(|ws| app::history(ws, &query))
}

#[tauri::command]
async fn verify(open: State<'_, Open>) -> Reply<AuditReport> {
    open.with(|ws| app::verify(ws))
}

#[tauri::command]
async fn create_plan(open: State<'_, Open>, template: NewPlan) -> Reply<ScenarioView> {
    open.with(|ws| app::create_plan(ws, &template))
}

pub fn run() {
    let path = workspace_path();
    let opened = Workspace::open_or_create(&path, &actor()).map_err(AppError::from);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Open(Mutex::new(opened)))
        .invoke_handler(tauri::generate_handler![
            workspace,
            scenario,
            edit,
            preview,
            branch,
            describe,
            compare,
            agree,
            history,
            verify,
            create_plan,
            files::import_plan_file,
            files::export_plan_file,
            files::export_board_paper,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("Pooled could not start: {error}");
        std::process::exit(1);
    }
}
