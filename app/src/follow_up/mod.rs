//! Follow-up (`/coordinamento/da-richiamare`): persons with two or more absences without notice
//! or late cancellations in a service in the last 60 days, with their household's contact, so
//! that a coordinator can call the family; "called" with a note takes them off the list until
//! their next absence.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
