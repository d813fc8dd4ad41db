//! Planning: staff manage a centre's calendar. They create meetings and series (weekly or every
//! two weeks, a closed cycle or an open series), move and cancel them, and families with
//! bookings are told. PostgreSQL refuses a room or a leader in two meetings at once.

pub mod agenda;
#[cfg(all(test, feature = "ssr"))]
mod agenda_tests;
pub mod api;
#[cfg(feature = "ssr")]
pub mod clashes;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
