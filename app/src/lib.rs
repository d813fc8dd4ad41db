//! Àncora: the booking, calendar and attendance system of Rome's *Poli territoriali per le
//! famiglie* (family-support centres, one per Municipio; a *polo* is one such centre).
//!
//! One folder per capability (`catalogue`, `calendar`, ...), each with `domain` (pure rules, both
//! targets), `model` (the types that cross the wire), `api` (server functions), `service` and
//! `repo` (server only) and `ui`. `shared` is below every slice and imports none; `shell` (the
//! document, the page frame and the routes) is above them all and the only one to know them all.
#![recursion_limit = "256"]

pub mod accounts;
pub mod audit;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod centre;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod family_cases;
pub mod follow_up;
pub mod household;
pub mod legal;
pub mod messages;
pub mod planning;
pub mod privacy;
pub mod register;
pub mod reports;
pub mod requests;
pub mod shared;
pub mod shell;

pub use shell::{shell, App};
