//! The household page (`/famiglia`).

mod history;
mod page;
mod remove;

pub use page::{relation_label, HouseholdPage};
