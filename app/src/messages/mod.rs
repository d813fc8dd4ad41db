//! Messages to families and staff (e-mail): written to the outbox table in the same transaction
//! as the change they announce, and delivered later by a background worker.
//!
//! - [`outbox`]: `enqueue`, called by the services inside their transaction;
//! - [`domain`]: the delivery rules (retry back-off, when to give up), pure;
//! - [`mailer`]: sending one e-mail, over SMTP in production;
//! - [`worker`]: claims due messages and sends each exactly once, even with several server
//!   instances on one database.
//!
//! Without SMTP settings no worker runs: messages stay `pending` in the outbox table (demo mode).

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod texts;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod worker;
