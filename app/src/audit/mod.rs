//! The audit log's page (`/coordinamento/registro-accessi`): coordinators read their centre's
//! log, administrators all of it, with filters. The log is written by every slice through
//! [`crate::shared::audit`].

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
