//! The `pooled` command line: a thin parser over `pooled_api` (see `cli`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os())
}
