//! The household (nucleo familiare): the adults and children of a family account, and the
//! consents a parent gives. A household is the boundary of what a family may see and book for.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
