//! The plan document: its types as written, reading, and validation into a checked [`Plan`].

mod commissioner_doc;
pub mod document;
pub mod edit;
pub mod entries;
pub mod kinds;
pub mod model;
pub mod number_text;
mod objects_only;
pub mod path;
pub mod read;
pub mod validate;

pub use document::{PLAN_FORMAT, PlanDocument};
pub use model::Plan;
pub use read::{read_plan, read_plan_bytes};
pub use validate::validate;
