//! The desktop shell: one command per action of `pooled_api`, nothing else. The workspace is
//! opened once at start-up and shared behind a lock; errors reach the window as
//! `{code, message, findings}`. Commands are async so that they run off the window's thread.

use std::sync::Mutex;

use pooled_api::session::{self, Choice};
use pooled_api::{
    self as app, AppError, AuditReport, ComparisonView, EditRequest, EditResult, HistoryQuery,
    HistoryView, NewPlan, PreviewView, Revision, ScenarioId, ScenarioView, SchemeTotals, SignOff,
    Workspace, WorkspaceView,
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

#[tauri::command]
async fn workspace(open: State<'_, Open>) -> Reply<WorkspaceView> {
    open.with(|ws| app::workspace(ws))
}

#[tauri::command]
async fn scenario(open: State<'_, Open>, id: ScenarioId) -> Reply<ScenarioView> {
    open.with(|ws| app::scenario(ws, id))
}

#[tauri::command]
async fn edit(
    open: State<'_, Open>,
    id: ScenarioId,
    revision: Revision,
    edits: Vec<EditRequest>,
    reason: Option<String>,
) -> Reply<EditResult> {
    open.with(|ws| app::edit(ws, id, revision, &edits, reason.as_deref()))
}

#[tauri::command]
async fn preview(
    open: State<'_, Open>,
    id: ScenarioId,
    edits: Vec<EditRequest>,
) -> Reply<PreviewView> {
    open.with(|ws| app::preview(ws, id, &edits))
}

#[tauri::command]
async fn scheme_totals(
    open: State<'_, Open>,
    id: ScenarioId,
    scheme_ids: Vec<String>,
) -> Reply<SchemeTotals> {
    open.with(|ws| app::scheme_totals(ws, id, &scheme_ids))
}

#[tauri::command]
async fn branch(open: State<'_, Open>, from: ScenarioId, name: String) -> Reply<ScenarioView> {
    open.with(|ws| app::branch(ws, from, &name))
}

#[tauri::command]
async fn describe(
    open: State<'_, Open>,
    id: ScenarioId,
    name: String,
    description: String,
) -> Reply<ScenarioView> {
    open.with(|ws| app::describe(ws, id, Some(&name), Some(&description)))
}

#[tauri::command]
async fn compare(open: State<'_, Open>, ids: Vec<ScenarioId>) -> Reply<Vec<ComparisonView>> {
    open.with(|ws| app::compare_scenarios(ws, &ids))
}

#[tauri::command]
async fn agree(
    open: State<'_, Open>,
    id: ScenarioId,
    revision: Revision,
    signoffs: Vec<SignOff>,
) -> Reply<ScenarioView> {
    open.with(|ws| {
        app::agree(ws, id, revision, &signoffs)?;
        app::scenario(ws, id)
    })
}

#[tauri::command]
async fn history(open: State<'_, Open>, query: HistoryQuery) -> Reply<HistoryView> {
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
    // `--workspace PATH` or `POOLED_WORKSPACE`, else the default file. Unlike the command line,
    // the window makes a file that is not there yet, with the demo plan, whichever it is: it
    // is how a person starts (and how the end-to-end tests get a fresh workspace).
    let choice = Choice {
        path: session::path_argument(std::env::args().skip(1)),
        actor: None,
    };
    let opened = choice.open_or_create();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Open(Mutex::new(opened)))
        .manage(files::Previewed::default())
        .invoke_handler(tauri::generate_handler![
            workspace,
            scenario,
            edit,
            preview,
            scheme_totals,
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
            files::preview_workbook,
            files::import_workbook,
            files::export_workbook,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("Pooled could not start: {error}");
        std::process::exit(1);
    }
}
