//! The register (registro presenze) of every meeting: marked on a phone in the room, even with a
//! bad connection; walk-ins; print and spreadsheet; "Registri di oggi".

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
