//! A polo's set-up, kept by its coordinators: the rooms where meetings take place and the days
//! the polo is closed (holidays, breaks). Other slices read them through [`service`]: a meeting
//! goes in an active room big enough for it, a series skips the closed days.

pub mod api;
pub mod domain;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod ui;
