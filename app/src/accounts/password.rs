//! Password hashing: argon2id with the crate's default parameters (19 MiB, 2 passes), run on
//! tokio's blocking pool so a login never stalls the other requests.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::shared::error::AppError;

/// The argon2id PHC string of `password`.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|error| {
        tracing::error!(%error, "cannot hash a password");
        AppError::Internal
    })
}

/// Whether `password` matches `stored` (a PHC string). With no stored hash (unknown account, or
/// a staff member who has not set a password yet) a dummy hash is checked anyway, so the answer
/// takes as long and tells nothing about which accounts exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        matches && known
    })
    .await
    .unwrap_or(false)
}

/// The hash of a random password nobody knows, made once with the default parameters.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("una frase lunga".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("una frase lunga".into(), Some(stored.clone())).await);
        assert!(!verify("un'altra frase".into(), Some(stored)).await);
        assert!(!verify("una frase lunga".into(), None).await);
        assert!(!verify("x".into(), Some("not a hash".into())).await);
    }
}
