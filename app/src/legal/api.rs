//! What the legal pages ask the server for.

use leptos::prelude::*;

pub use crate::shared::contacts::{
    check_contact, LegalContacts, DEFAULT_ACCESSIBILITY_CONTACT, DEFAULT_CONTACT,
    DEFAULT_CONTROLLER, DEFAULT_DPO,
};
use crate::shared::error::AppError;

/// The deployment's contacts, for the privacy notice and the accessibility statement.
#[server(endpoint = "legal/contacts")]
pub async fn get_legal_contacts() -> Result<LegalContacts, AppError> {
    let state = crate::shared::state::app_state()?;
    Ok(LegalContacts {
        site: state.public_url.clone(),
        ..state.legal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_one_trimmed_line_of_at_most_300_characters() {
        assert_eq!(
            check_contact("  dpo@roma.example "),
            Ok("dpo@roma.example".into())
        );
        assert!(check_contact("").is_err());
        assert!(check_contact("a\nb").is_err());
        assert!(check_contact(&"x".repeat(301)).is_err());
        assert!(check_contact(&"x".repeat(300)).is_ok());
    }
}
