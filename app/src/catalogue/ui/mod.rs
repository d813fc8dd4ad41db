//! The catalogue's pages: a polo's home and a service's page.

mod home;
mod labels;
mod service_page;

pub use home::HomePage;
pub use labels::{AccessBadge, AudienceBadge};
pub use service_page::ServicePage;
