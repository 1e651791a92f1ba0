//! The workspace store as the command line and the desktop app use it: importing, editing,
//! agreeing, two writers, tamper detection, backups and files that are not workspaces.
//!
//! Every test of this target is in one of its modules, by topic:
//!
//! - [`support`]: the temporary directory, example plans and small helpers the others share;
//! - [`editing`]: importing, edits, invalid edits and plans, bad paths and unknown ids;
//! - [`conflicts`]: two writers and stale revisions;
//! - [`agreement`]: agreeing, freezing by code and triggers, sign-offs, supersession, plain SQL;
//! - [`tampering`]: `verify` after tampering with a SQLite tool;
//! - [`files`]: backup, files that are not workspaces, newer versions, an empty file,
//!   `open_or_create` and strict tables.

mod agreement;
mod conflicts;
mod editing;
mod files;
mod support;
mod tampering;
