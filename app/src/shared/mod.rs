//! What every capability shares: the error type, forms without JavaScript, languages, time in
//! Rome, and (on the server) the application state.

pub mod audit;
pub mod error;
pub mod form_echo;
pub mod lang;
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;
pub mod time;
pub mod ui;
