//! The tests of `app` against a database: one test binary (the app is linked once), a module per
//! area, one set of builders in `support` (households, staff, meetings, cases, the tests' clock).
//! Each `#[sqlx::test]` gets a fresh database (DATABASE_URL: scripts/test starts a throw-away
//! PostgreSQL).
#![cfg(feature = "ssr")]

mod support;

mod accounts;
mod architecture;
mod audit;
mod booking;
mod cases;
mod catalogue_and_calendar;
mod family_cases;
mod follow_up;
mod locales;
mod outbox;
mod planning;
mod privacy;
mod register;
mod reports;
mod requests;
