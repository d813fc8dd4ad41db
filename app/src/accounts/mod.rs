//! Accounts: sign-up of families, log in and out, login sessions kept in PostgreSQL, password
//! reset by e-mail. Staff accounts are created by a coordinator or an administrator.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod scope;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod staff;
pub mod ui;
