//! The household page (`/famiglia`).

mod page;
mod remove;

pub use page::HouseholdPage;
