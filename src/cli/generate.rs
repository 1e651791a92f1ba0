//! `pooled generate`: the benchmark workloads (see `pooled_workload`), made on demand so that
//! nothing large is committed. The same arguments always give the same files. Built only with
//! the `workload` feature: it is not part of the shipped command line.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use pooled_api::AppError;
use pooled_workload::{self as workload, WorkspaceShape};

use super::{Outcome, done};

pub(super) const GENERATE_HELP: &str = "Examples:\n  pooled generate pool --schemes 10000 -o pool-10000.plan.json\n  pooled generate national --dir national/\n  pooled generate workspace -o large.pooled --plans 100 --scenarios 1000 --entries 1000000\n\n\
    Plans are made-up but valid pooled-plan/1 files; the workspace is built through the store's own\n\
    actions, so its audit trail verifies.";

#[derive(Args)]
pub(super) struct GenerateArgs {
    #[command(subcommand)]
    what: Workload,
}

#[derive(Subcommand)]
enum Workload {
    /// One pool: 12 partners, 40 streams, four risk-share groups, a contract per five schemes
    Pool {
        /// How many schemes
        #[arg(long, default_value_t = 1000)]
        schemes: usize,
        /// The plan file to write [default: standard output]
        #[arg(short, long, value_name = "PLAN.json")]
        output: Option<PathBuf>,
    },
    /// The national set: 153 pools, one per Health and Wellbeing Board
    National {
        /// The folder to write area-001.plan.json … area-153.plan.json into
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// A workspace of national plans with scenarios and recorded changes
    Workspace {
        /// The workspace file to create (it must not exist)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, default_value_t = 100)]
        plans: usize,
        #[arg(long, default_value_t = 1000)]
        scenarios: usize,
        /// Audit entries in all
        #[arg(long, default_value_t = 1_000_000)]
        entries: usize,
    },
}

fn write(path: &Path, text: &str) -> Result<(), AppError> {
    pooled_api::files::write(path, text.as_bytes(), true).map(|_| ())
}

pub(super) fn generate(args: &GenerateArgs) -> Outcome {
    match &args.what {
        Workload::Pool { schemes, output } => {
            let text = workload::to_file_text(&workload::pool(*schemes));
            match output {
                Some(path) => {
                    write(path, &text)?;
                    done(&format!(
                        "Wrote a plan with {schemes} schemes ({} bytes) to {}.\n",
                        text.len(),
                        path.display()
                    ))
                }
                None => done(&text),
            }
        }
        Workload::National { dir } => {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::new("A-FILE", format!("cannot create {}: {e}", dir.display()))
            })?;
            let plans = workload::national();
            for (i, plan) in plans.iter().enumerate() {
                let path = dir.join(format!("area-{:03}.plan.json", i + 1));
                write(&path, &workload::to_file_text(plan))?;
            }
            done(&format!(
                "Wrote {} plans to {}.\n",
                plans.len(),
                dir.display()
            ))
        }
        Workload::Workspace {
            output,
            plans,
            scenarios,
            entries,
        } => {
            let shape = WorkspaceShape {
                plans: *plans,
                scenarios: *scenarios,
                entries: *entries,
            };
            let made = workload::build_workspace(output, shape)?;
            done(&format!(
                "Built {}: {} plans, {} scenarios, {} changes, {} audit entries.\n",
                output.display(),
                made.plans,
                made.scenarios,
                made.changes,
                made.entries
            ))
        }
    }
}
