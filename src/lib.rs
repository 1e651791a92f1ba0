//! Pooled: the domain core for Better Care Fund pooled budgets under Section 75 agreements.
//!
//! Layers point one way: money and allocation → plan document (reading, validation) → engine
//! (pure) → outcome document. Storage, the board paper and the command line sit on top and call
//! [`assess_bytes`] or the layers directly.

pub mod allocation;
pub mod app;
pub mod assess;
pub mod cli;
pub mod compare;
mod decimal_text;
pub mod engine;
pub mod findings;
pub mod fiscal;
pub mod money;
pub mod outcome;
pub mod plan;
pub mod report;
pub mod store;
pub mod typescript;
pub mod weight;
pub mod workload;

pub use assess::{Assessment, assess_bytes, assess_document};
