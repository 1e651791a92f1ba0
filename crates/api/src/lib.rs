//! Pooled's actions and views: one place that turns what a person asks for, at the command line
//! or in the window, into calls on the core, the store and the board paper. Each action is one
//! function; the `pooled` command line and the Tauri shell only parse, call and show.

mod comparing;
pub mod documents;
mod editing;
mod error;
pub mod files;
mod history;
mod papers;
mod plan_files;
mod scenarios;
pub mod session;
pub mod typescript;
mod views;
pub mod workbooks;

pub use comparing::{compare_scenarios, diff};
pub use editing::{change, edit, parse_path, preview, scheme_totals};
pub use error::AppError;
pub use history::{history, verify};
pub use papers::{BoardPaper, board_paper, plan_file_paper, record_board_paper};
pub use plan_files::{Checked, assess_file, check_file};
pub use scenarios::{
    agree, backup, branch, create_plan, describe, import_file, import_plan, scenario, workspace,
};
pub use views::{
    AgreementView, ChangeReport, ComparisonView, DiffView, EditRequest, EditResult, HistoryEntry,
    HistoryQuery, HistoryView, NewPlan, PartnerMove, PlanView, PreviewView, ScenarioView,
    WorkspaceView,
};

/// The types the callers of these actions name, from the layers below.
pub use pooled_core::assess::Assessment;
pub use pooled_core::compare::{Comparison, Movement};
pub use pooled_core::dates::{Timestamp, long_date, not_a_date, parse_iso_date};
pub use pooled_core::figures::{Figures, SchemeTotals};
pub use pooled_core::findings::{Finding, Severity};
pub use pooled_core::fiscal::FinancialYear;
pub use pooled_core::history::{Subject, SubjectKind};
pub use pooled_core::money::Money;
pub use pooled_core::plan::edit::EditKind;
pub use pooled_core::rule_reading::GroupReading;
pub use pooled_report::Units;
pub use pooled_store::{
    AgreedVersion, AuditReport, Broken, PlanId, PlanSummary, Revision, ScenarioId, ScenarioSummary,
    SignOff, Status, Workspace, default_workspace_path,
};
pub use pooled_workbook::{
    Findings as SheetFindings, ReadOptions, ReadReport, Reading, SheetFinding,
};
