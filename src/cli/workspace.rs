//! Which workspace a command uses, and the commands on the workspace as a whole: `init`,
//! `import`, `list` and `backup`.

use std::path::PathBuf;

use clap::Args;
use pooled_api::session::Choice;
use pooled_api::{AppError, PlanId, Workspace};

use super::format::{Align, plural, shell_word, table, year};
use super::{Outcome, done};

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

impl WorkspaceOpts {
    fn choice(&self) -> Choice {
        Choice {
            path: self.workspace.clone(),
            actor: self.actor.clone(),
        }
    }

    /// Opens the workspace: a path that was given must exist; the default one is created,
    /// with the demo plan, the first time it is needed.
    pub(super) fn open(&self) -> Result<Workspace, AppError> {
        let choice = self.choice();
        match choice.open() {
            Ok(opened) => {
                if opened.created {
                    eprintln!(
                        "Created the workspace {} with the demo plan in it.",
                        opened.workspace.path().display()
                    );
                }
                Ok(opened.workspace)
            }
            Err(error) => {
                if error.code == "S-NO-WORKSPACE" {
                    let path = choice.path().display().to_string();
                    eprintln!(
                        "Create it with: pooled init --workspace {}",
                        shell_word(&path)
                    );
                }
                Err(error)
            }
        }
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
    let (workspace, demo) = args.opts.choice().create(args.empty)?;
    let mut text = format!("Created the workspace {}.\n", workspace.path().display());
    if let Some(id) = demo {
        text.push_str(&format!(
            "It holds the demo plan (Northbrook 2025/26) as scenario {id}: see pooled list.\n"
        ));
    }
    done(&text)
}

#[derive(Args)]
pub(super) struct ImportArgs {
    /// The plan file (pooled-plan/1 JSON), or a spreadsheet holding a plan (.xlsx, .xlsm, .xls,
    /// .ods, .csv: Pooled's own workbook or a BCF-template-shaped one)
    #[arg(value_name = "PLAN.json|BOOK.xlsx")]
    plan: PathBuf,
    /// Import it as a new scenario of this plan (same financial year) instead of a new plan
    #[arg(long, value_name = "PLAN_ID")]
    into: Option<PlanId>,
    /// The new scenario's name [default: Baseline, or the file name with --into]
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    sheet: super::sheets::SheetOptions,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn import(args: &ImportArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let is_json = args
        .plan
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (plan, view, read) = if is_json {
        let (plan, view) =
            pooled_api::import_file(&mut workspace, &args.plan, args.into, args.name.as_deref())?;
        (plan, view, String::new())
    } else {
        let (plan, view, reading) = pooled_api::workbooks::import_sheet(
            &mut workspace,
            &args.plan,
            args.into,
            args.name.as_deref(),
            &args.sheet.read_options(),
        )?;
        (plan, view, super::sheets::reading_summary(&reading))
    };
    let how = if args.into.is_some() { "into" } else { "as" };
    done(&format!(
        "Imported {} {how} plan {} \"{}\" ({}).\n{read}Scenario {} \"{}\" is a draft at revision 0.\n",
        args.plan.display(),
        plan.id,
        plan.name,
        year(&plan.financial_year),
        view.id,
        view.name
    ))
}

#[derive(Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn list(args: &ListArgs) -> Outcome {
    let workspace = args.opts.open()?;
    let view = pooled_api::workspace(&workspace)?;
    let mut text = format!(
        "Workspace {}: {}\n",
        view.path,
        plural(view.plans.len(), "plan")
    );
    if view.plans.is_empty() {
        text.push_str("Import one with: pooled import PLAN.json\n");
    }
    for plan in view.plans {
        text.push_str(&format!(
            "\nPlan {}  {}  {}\n",
            plan.plan.id,
            plan.plan.name,
            year(&plan.plan.financial_year)
        ));
        let described = plan.scenarios.iter().any(|s| !s.description.is_empty());
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
        for s in plan.scenarios {
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
    pooled_api::backup(&mut workspace, &args.file)?;
    let copy = shell_word(&args.file.display().to_string());
    done(&format!(
        "Backed up {} to {}.\nTo restore, open the copy: pooled list --workspace {copy}\n",
        workspace.path().display(),
        args.file.display()
    ))
}
