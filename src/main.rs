//! The `pooled` command; everything it does lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    pooled::cli::run(std::env::args_os())
}
