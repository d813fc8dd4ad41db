//! The server's tests: one test binary (the app is linked once), a module per area. `harness`
//! starts the real router on a test database; `world` is the demo world of the authorization and
//! hostile-input tests; `support` the builders shared with the app's tests.

#[path = "../../../app/tests/it/support/mod.rs"]
mod support;

mod harness;
mod world;

mod access_matrix;
mod audit_http;
mod booking_http;
mod case_privacy;
mod embedded;
mod hostile_input;
mod http;
mod planning_http;
mod privacy_http;
mod schema;
