//! The household page (`/famiglia`).

mod page;
mod remove;

pub use page::{relation_label, HouseholdPage};
