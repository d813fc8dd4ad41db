//! Messages to families and staff (e-mail): written to the outbox table in the same transaction
//! as the change they announce, and delivered later by a background worker.

#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod texts;
