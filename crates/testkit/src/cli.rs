//! The `pooled` command as a user runs it, from the repository root (so the fixtures are at
//! `fixtures/…`), with changes recorded under "Finance Team" and no workspace from the
//! environment unless a test gives one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::fixtures::root;

/// The command line of the test's own package: `pooled_testkit::pooled!()`. (Only the package
/// that builds the `pooled` binary knows where it is, so this expands in the test.)
#[macro_export]
macro_rules! pooled {
    () => {
        $crate::cli::Pooled::new(env!("CARGO_BIN_EXE_pooled"))
    };
}

/// The `pooled` binary, with the environment and workspace every run of a test shares.
#[derive(Clone, Debug)]
pub struct Pooled {
    binary: PathBuf,
    env: Vec<(String, OsString)>,
    workspace: Option<PathBuf>,
}

/// What one run left: its exit status and its output.
#[derive(Clone, Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// The signatures of an agreement, as `pooled agree` takes them: three sign-offs in October 2025.
pub const SIGN_ARGS: [&str; 6] = [
    "--sign",
    "Ann Lee;Pooled fund manager;Telford & Wrekin Council;2025-10-14",
    "--sign",
    "Raj Patel;ICB chief finance officer;Shropshire, Telford and Wrekin ICB;2025-10-14",
    "--sign",
    "Sue Moss;Section 151 officer;Telford & Wrekin Council;2025-10-15",
];

impl Pooled {
    pub fn new(binary: &str) -> Pooled {
        Pooled {
            binary: PathBuf::from(binary),
            env: vec![("POOLED_USER".to_owned(), "Finance Team".into())],
            workspace: None,
        }
    }

    /// Every run with `--workspace PATH` after its arguments.
    pub fn workspace(mut self, path: &Path) -> Pooled {
        self.workspace = Some(path.to_owned());
        self
    }

    /// Every run with this environment variable (`POOLED_WORKSPACE`, `XDG_DATA_HOME`…).
    pub fn env(mut self, name: &str, value: impl Into<OsString>) -> Pooled {
        self.env.push((name.to_owned(), value.into()));
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(&self.binary);
        command
            .args(args)
            .current_dir(root())
            .env_remove("POOLED_WORKSPACE");
        for (name, value) in &self.env {
            command.env(name, value);
        }
        if let Some(workspace) = &self.workspace {
            command.arg("--workspace").arg(workspace);
        }
        let out = command.output().expect("pooled runs");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("standard output is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("standard error is UTF-8"),
        }
    }

    /// Runs and expects exit status `code`, returning the run.
    pub fn expect(&self, code: i32, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(
            run.code,
            Some(code),
            "pooled {args:?}\nstdout: {}\nstderr: {}",
            run.stdout,
            run.stderr
        );
        run
    }

    /// Runs and expects exit status 0, returning standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        self.expect(0, args).stdout
    }
}

impl Run {
    /// Standard output then standard error.
    pub fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Asserts that standard output says `words`.
    pub fn says(&self, words: &str) -> &Run {
        assert_has(&self.stdout, "standard output", words);
        self
    }

    /// Asserts that standard error says `words`.
    pub fn complains(&self, words: &str) -> &Run {
        assert_has(&self.stderr, "standard error", words);
        self
    }
}

fn assert_has(text: &str, which: &str, words: &str) {
    assert!(text.contains(words), "no '{words}' in {which}:\n{text}");
}

/// The line of `text` that contains `needle`, split into words.
pub fn words_of_line<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with '{needle}' in:\n{text}"))
        .split_whitespace()
        .collect()
}

/// Asserts that the line of `text` with `needle` ends with the words `tail` (figures in
/// right-aligned columns).
pub fn assert_line_ends(text: &str, needle: &str, tail: &[&str]) {
    let words = words_of_line(text, needle);
    assert!(
        ends_with(&words, tail),
        "the line with '{needle}' does not end with {tail:?}:\n{text}"
    );
}

/// Whether the words of a line end with `tail`.
pub fn ends_with(words: &[&str], tail: &[&str]) -> bool {
    words.len() >= tail.len() && words[words.len() - tail.len()..] == *tail
}
