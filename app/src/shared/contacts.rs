//! Who answers for the site (the privacy notice's controller and contacts, the accessibility
//! statement's): configured per deployment, carried by the server's state, shown by `legal`.

use serde::{Deserialize, Serialize};

/// The controller of the families' data as the demo names it (`ANCORA_PRIVACY_CONTROLLER`).
pub const DEFAULT_CONTROLLER: &str =
    "Roma Capitale – Municipio VIII, via Benedetto Croce 50, 00142 Roma";
/// Where families write about their data, by default (`ANCORA_PRIVACY_CONTACT`).
pub const DEFAULT_CONTACT: &str = "privacy@ancora.example";
/// The data protection officer's contact, by default (`ANCORA_PRIVACY_DPO`).
pub const DEFAULT_DPO: &str = "rpd@ancora.example";
/// Where to report an accessibility problem, by default (`ANCORA_ACCESSIBILITY_CONTACT`).
pub const DEFAULT_ACCESSIBILITY_CONTACT: &str = "accessibilita@ancora.example";

/// Who answers for the site: configured per deployment, shown on the legal pages as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalContacts {
    /// The data controller (titolare del trattamento): name and address.
    pub controller: String,
    /// Where families exercise their rights (an e-mail address or a postal address).
    pub contact: String,
    /// The data protection officer (RPD/DPO): how to reach them.
    pub dpo: String,
    /// Where to report an accessibility problem.
    pub accessibility_contact: String,
    /// The address of the site (the statement says which site it covers).
    pub site: String,
}

impl Default for LegalContacts {
    fn default() -> Self {
        LegalContacts {
            controller: DEFAULT_CONTROLLER.to_string(),
            contact: DEFAULT_CONTACT.to_string(),
            dpo: DEFAULT_DPO.to_string(),
            accessibility_contact: DEFAULT_ACCESSIBILITY_CONTACT.to_string(),
            site: String::new(),
        }
    }
}

/// Checks one configured contact: 1–300 characters, one line.
pub fn check_contact(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 300 {
        return Err("expected 1 to 300 characters".to_string());
    }
    if value.chars().any(char::is_control) {
        return Err("expected a single line".to_string());
    }
    Ok(value.to_string())
}
