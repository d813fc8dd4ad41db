//! The legal pages every public service owes its users: the privacy notice (`/privacy`, GDPR
//! art. 13) and the accessibility statement (`/accessibilita`, Legge 4/2004, AgID's model).
//! Who the controller is and whom to write to differ per deployment: they come from the
//! environment (`ANCORA_PRIVACY_*`, `ANCORA_ACCESSIBILITY_CONTACT`, see README.md), read once at
//! start-up and installed here by the server binary.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
mod installed {
    use std::sync::OnceLock;

    use super::api::LegalContacts;

    static CONTACTS: OnceLock<LegalContacts> = OnceLock::new();

    /// Sets the deployment's contacts, once, at start-up (the first call wins).
    pub fn install(contacts: LegalContacts) {
        if CONTACTS.set(contacts).is_err() {
            tracing::warn!("the legal contacts were already installed; keeping the first ones");
        }
    }

    /// The deployment's contacts: the installed ones, or the demo's.
    pub fn contacts() -> LegalContacts {
        CONTACTS.get().cloned().unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
pub use installed::{contacts, install};
