//! The household page (`/famiglia`).

mod page;

pub use page::HouseholdPage;
