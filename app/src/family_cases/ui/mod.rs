//! "I miei percorsi".

mod page;

pub use page::MyCasesPage;
