//! What every capability shares: who may use what (`access`), the error type, forms without
//! JavaScript, languages, time in Rome, and (on the server) the application state.

pub mod access;
pub mod audit;
pub mod clock;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod error;
pub mod form_echo;
pub mod lang;
#[cfg(feature = "ssr")]
pub mod rate_limit;
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;
pub mod time;
pub mod ui;
