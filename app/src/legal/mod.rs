//! The legal pages every public service owes its users: the privacy notice (`/privacy`, GDPR
//! art. 13) and the accessibility statement (`/accessibilita`, Legge 4/2004, AgID's model).
//! Who the controller is and whom to write to differ per deployment: they come from the
//! environment (`ANCORA_PRIVACY_*`, `ANCORA_ACCESSIBILITY_CONTACT`, see README.md), read once at
//! start-up into the server's `AppState`.

pub mod api;
pub mod ui;
