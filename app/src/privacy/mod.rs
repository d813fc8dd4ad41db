//! A household's rights over its data (GDPR): a copy of everything Àncora holds about it, as a
//! JSON file and as a readable page (`/famiglia/i-miei-dati`), and the erasure of the account
//! (`/famiglia/elimina-account`), which keeps only anonymous figures for the centre. Also the
//! retention job that removes what is kept only for a while.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
