//! Requests and referrals for the services that are not booked online (issue 12): a family asks
//! (`/richieste/nuova`) and follows its requests (`/le-mie-richieste`); a coordinator enters
//! referrals from social services or a court, and triages the requests of the polo
//! (`/coordinamento/richieste`): assign an operator, accept (which opens a case path) or
//! decline with a reason. The family is told by e-mail.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
