//! Reports for the Municipio (`/coordinamento/report`): how a centre's services were used in a
//! period — meetings held and cancelled, seats, bookings, presences, rates, households and
//! persons reached, children by age band, waiting-list demand — by service, by macro-area and by
//! month, as tables, charts (inline SVG) and a CSV file. Coordinators see their centres,
//! administrators one centre or the whole city.
//!
//! The figures are defined in [`domain`]; the facts come from two queries ([`repo`]) and are
//! added up in pure Rust ([`domain::aggregate`]).

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
