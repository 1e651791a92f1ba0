//! What the desktop app asks of the core. Each function here is one action a person takes in the
//! window; the Tauri shell exposes each as one command and adds nothing. Results are views that
//! combine what the store holds with the engine's outcome, so the window never recomputes a figure.

mod actions;
mod error;
mod views;

pub use actions::*;
pub use error::AppError;
pub use views::{
    AgreementView, ComparisonView, EditRequest, EditResult, HistoryQuery, NewPlan, PlanView,
    ScenarioView, WorkspaceView,
};
