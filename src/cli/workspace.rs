//! Which workspace a command uses, and the commands on the workspace as a whole: `init`,
//! `import`, `list` and `backup`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::format::{Align, plural, shell_word, table, year};
use super::{Failure, Outcome, done};
use crate::store::{DEMO_PLAN, Workspace, default_actor, default_workspace_path};

pub(super) const INIT_HELP: &str = "Examples:\n  pooled init\n  pooled init --empty --workspace bcf-2025-26.pooled\n\n\
    Refuses if the file exists. Without --workspace the workspace is created in $XDG_DATA_HOME/pooled/\n\
    (~/.local/share/pooled/), where the other commands find it.";
pub(super) const IMPORT_HELP: &str = "Examples:\n  pooled import plan.json\n  pooled import plan-m6.json --into 1 --name \"M6 forecast\"\n\n\
    A plan with errors is not imported: its findings are listed, as `pooled check` does, and the exit status is 2.";
pub(super) const LIST_HELP: &str = "Example:\n  pooled list --workspace bcf-2025-26.pooled\n\n\
    Scenario ids are what the other commands take, e.g. pooled show 2.";
pub(super) const BACKUP_HELP: &str = "Example:\n  pooled backup bcf-2025-26-backup.pooled\n\n\
    Restoring is opening the copy: pooled list --workspace bcf-2025-26-backup.pooled";

/// The options every workspace command takes.
#[derive(Args)]
pub(super) struct WorkspaceOpts {
    /// The workspace file [default: $POOLED_WORKSPACE, else $XDG_DATA_HOME/pooled/workspace.pooled]
    #[arg(long, value_name = "PATH", global = true)]
    workspace: Option<PathBuf>,
    /// The name your actions are recorded under [default: $POOLED_USER, else your login name]
    #[arg(long = "as", value_name = "NAME", global = true)]
    actor: Option<String>,
}

fn env_text(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl WorkspaceOpts {
    fn actor(&self) -> String {
        self.actor
            .clone()
            .or_else(|| env_text("POOLED_USER"))
            .unwrap_or_else(default_actor)
    }

    /// The path given with --workspace or $POOLED_WORKSPACE, if any.
    fn given_path(&self) -> Option<PathBuf> {
        self.workspace
            .clone()
            .or_else(|| env_text("POOLED_WORKSPACE").map(PathBuf::from))
    }

    /// Opens the workspace: a path that was given must exist; the default one is created,
    /// with the demo plan, the first time it is needed.
    pub(super) fn open(&self) -> Result<Workspace, Failure> {
        let actor = self.actor();
        if let Some(path) = self.given_path() {
            return Ok(Workspace::open(&path, &actor)?);
        }
        let path = default_workspace_path();
        let new = !path.exists();
        let workspace = Workspace::open_or_create(&path, &actor)?;
        if new {
            eprintln!(
                "Created the workspace {} with the demo plan in it.",
                path.display()
            );
        }
        Ok(workspace)
    }
}

#[derive(Args)]
pub(super) struct InitArgs {
    /// Create it without the demo plan
    #[arg(long)]
    empty: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn init(args: &InitArgs) -> Outcome {
    let path = args
        .opts
        .given_path()
        .unwrap_or_else(default_workspace_path);
    let mut workspace = Workspace::create(&path, &args.opts.actor())?;
    let mut text = format!("Created the workspace {}.\n", path.display());
    if !args.empty {
        let id = workspace.import_plan(DEMO_PLAN, "Baseline", "demo plan (Northbrook 2025-26)")?;
        text.push_str(&format!(
            "It holds the demo plan (Northbrook 2025/26) as scenario {id}: see pooled list.\n"
        ));
    }
    done(&text)
}

#[derive(Args)]
pub(super) struct ImportArgs {
    /// The plan file (pooled-plan/1 JSON)
    #[arg(value_name = "PLAN.json")]
    plan: PathBuf,
    /// Import it as a new scenario of this plan (same financial year) instead of a new plan
    #[arg(long, value_name = "PLAN_ID")]
    into: Option<i64>,
    /// The new scenario's name [default: Baseline, or the file name with --into]
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn import(args: &ImportArgs) -> Outcome {
    let bytes = std::fs::read(&args.plan).map_err(|e| {
        Failure::Message(format!(
            "cannot read the plan file '{}': {e}",
            args.plan.display()
        ))
    })?;
    let mut workspace = args.opts.open()?;
    let source = args.plan.display().to_string();
    let id = match args.into {
        None => {
            let name = args.name.as_deref().unwrap_or("Baseline");
            workspace.import_plan(&bytes, name, &source)?
        }
        Some(plan_id) => {
            let name = args.name.clone().unwrap_or_else(|| file_stem(&args.plan));
            workspace.import_scenario(plan_id, &bytes, &name, &source)?
        }
    };
    let scenario = workspace.scenario(id)?;
    let plan = workspace.plan(scenario.plan_id)?;
    let how = if args.into.is_some() { "into" } else { "as" };
    done(&format!(
        "Imported {source} {how} plan {} \"{}\" ({}).\nScenario {id} \"{}\" is a draft at revision 0.\n",
        plan.id,
        plan.name,
        year(&plan.financial_year),
        scenario.name
    ))
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    name.trim_end_matches(".json")
        .trim_end_matches(".plan")
        .to_owned()
}

#[derive(Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn list(args: &ListArgs) -> Outcome {
    let workspace = args.opts.open()?;
    let plans = workspace.plans()?;
    let mut text = format!(
        "Workspace {}: {}\n",
        workspace.path().display(),
        plural(plans.len(), "plan")
    );
    if plans.is_empty() {
        text.push_str("Import one with: pooled import PLAN.json\n");
    }
    for plan in plans {
        text.push_str(&format!(
            "\nPlan {}  {}  {}\n",
            plan.id,
            plan.name,
            year(&plan.financial_year)
        ));
        let scenarios = workspace.scenarios(Some(plan.id))?;
        let described = scenarios.iter().any(|s| !s.description.is_empty());
        let header = [
            "scenario",
            "name",
            "status",
            "revision",
            "branched from",
            "description",
        ];
        let columns = if described { 6 } else { 5 };
        let mut rows = vec![header[..columns].iter().map(|h| h.to_string()).collect()];
        for s in scenarios {
            let mut row = vec![
                s.id.to_string(),
                s.name,
                s.status.as_str().to_owned(),
                s.revision.to_string(),
                s.branched_from
                    .map_or_else(|| "-".to_owned(), |f| f.to_string()),
                s.description,
            ];
            row.truncate(columns);
            rows.push(row);
        }
        use Align::{Left, Right};
        text.push_str(&table(&rows, &[Right, Left, Left, Right, Right, Left]));
    }
    done(&text)
}

#[derive(Args)]
pub(super) struct BackupArgs {
    /// The new file to copy the workspace to
    file: PathBuf,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn backup(args: &BackupArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    workspace.backup(&args.file)?;
    let copy = shell_word(&args.file.display().to_string());
    done(&format!(
        "Backed up {} to {}.\nTo restore, open the copy: pooled list --workspace {copy}\n",
        workspace.path().display(),
        args.file.display()
    ))
}
