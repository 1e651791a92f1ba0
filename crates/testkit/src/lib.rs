//! What Pooled's tests and benchmarks share, so that each test says only what it checks:
//!
//! - [`TempDir`]: a folder of a test's own, removed when the test ends;
//! - [`fixtures`]: the worked examples, the demo plan and their expected outcomes, at the
//!   repository root, and the demo plan grown to any number of schemes;
//! - [`plans`]: edits as a person types them, outcomes unwrapped, figures in pence, sign-offs;
//! - [`store`]: refusals and their codes, a snapshot of everything in a workspace, plain SQL;
//! - [`cli`]: the `pooled` binary run as a user runs it, and reading its output;
//! - [`pdf`]: a paper as a reader meets it, through poppler-utils;
//! - [`property_config`]: property tests that run on a recorded seed, so a failure replays.

pub mod cli;
mod dir;
pub mod fixtures;
pub mod pdf;
pub mod plans;
mod property;
pub mod store;

pub use dir::TempDir;
pub use property::{DEFAULT_PROPERTY_SEED, PROPERTY_SEED_VAR, property_config, property_seed};
