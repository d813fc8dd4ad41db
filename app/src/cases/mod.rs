//! Case paths (percorsi): the services that are not booked online — mediazione familiare,
//! Spazio Neutro, tutoraggio domiciliare, solidarietà familiare, affido informale. A coordinator
//! opens a case from a request or a referral (`crate::requests`); its staff schedule private
//! appointments for the people of the case, record who came, and write restricted notes and
//! visit reports that only the case's staff and the polo's coordinators read (every read
//! audited).

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// How another staff member's calendar and a clash message show an appointment: never the
/// case, the service or the people.
pub const PRIVATE_APPOINTMENT: &str = "Appuntamento riservato";
