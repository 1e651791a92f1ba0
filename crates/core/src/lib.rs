//! Pooled's domain core for Better Care Fund pooled budgets under Section 75 agreements.
//!
//! Layers point one way: money and allocation → plan document (reading, validation, edits) →
//! engine (pure) → outcome document; `assess` joins them and `compare` diffs two plans. Nothing
//! here reads a file, the clock or a database: the store, the board paper, the API and the
//! command line are crates of their own on top of this one.

pub mod allocation;
pub mod assess;
pub mod compare;
pub mod dates;
mod decimal_text;
pub mod engine;
pub mod figures;
pub mod findings;
pub mod fiscal;
pub mod hashing;
pub mod history;
pub mod money;
pub mod outcome;
pub mod plan;
pub mod return_doc;
pub mod rule_reading;
pub mod signoff;
mod ts_types;
pub mod unit_reading;
pub mod weight;

pub use assess::{Assessment, assess_bytes, assess_document};
