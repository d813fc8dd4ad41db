//! Booking group meetings online: a household books a meeting (or a whole cycle) for some of its
//! members. Seats are counted in persons and never exceed the capacity; past it a booking waits
//! in line and is promoted, in order, when seats free up.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
