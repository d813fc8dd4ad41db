//! The family's side of its case paths ("I miei percorsi", `/i-miei-percorsi`): the cases its
//! household takes part in, with the appointments it is invited to at its own times, as a page,
//! as `.ics` files and in the household's calendar feed. A household sees its own party's row
//! and nothing else of a case: never another party (not even whether there is one), no notes,
//! no visit reports. Every query starts from the household's own `case_party` row.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
