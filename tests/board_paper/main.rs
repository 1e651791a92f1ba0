//! The board paper (`pooled report`), tested the way a reader meets it: through `pdftotext`
//! and `pdftoppm` from poppler-utils, as well as through the laid-out pages.
//!
//! - [`anything`]: any plan that evaluates gives a paper, whatever its rules and names;
//! - [`support`]: the paper of a plan, the 500-scheme plan, printed figures (the fixtures,
//!   `pdftotext` and `pdftoppm` are in `pooled_testkit`);
//! - [`examples`]: every worked example's final costs, settlement, sign-off block and pages;
//! - [`features`]: reserves, netting, aligned budgets and agreed splits read out step by step,
//!   and the flows netting makes in the settlement;
//! - [`casts`]: in £000 every printed table adds up, re-added from the printed figures;
//! - [`large`]: a 500-scheme plan: many pages, repeated headers, nothing clipped, wrapping;
//! - [`output`]: identical bytes for the same input, the PDF's metadata, and the command line
//!   with plan files and workspace scenarios (draft and agreed);
//! - [`rounding`]: property tests of the £000 controlled rounding, negatives included;
//! - [`wide`]: a dozen partners: wide tables continue below, no figure broken over lines.

mod anything;
mod casts;
mod examples;
mod features;
mod large;
mod output;
mod rounding;
mod support;
mod wide;
