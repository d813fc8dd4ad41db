//! Password hashing: argon2id with the crate's default parameters (19 MiB, 2 passes), run on
//! tokio's blocking pool so a login never stalls the other requests, and at most
//! [`max_concurrent_hashes`] at a time, so a burst of bogus logins queues up here instead of
//! taking every core (and, with them, every other page).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::shared::error::AppError;

/// How many hashes may run at once: one per core (at least one).
pub fn max_concurrent_hashes() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The permits for argon2 work, shared by every request of this process.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(max_concurrent_hashes()))
}

/// Runs `work` (argon2) on the blocking pool once a permit is free.
async fn with_permit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = hashing_permits()
        .acquire()
        .await
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)
}

/// The argon2id PHC string of `password`.
pub async fn hash(password: String) -> Result<String, AppError> {
    with_permit(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await?
    .map_err(|error| {
        tracing::error!(%error, "cannot hash a password");
        AppError::Internal
    })
}

/// Whether `password` matches `stored` (a PHC string). With no stored hash (unknown account, or
/// a staff member who has not set a password yet) a dummy hash is checked anyway, so the answer
/// takes as long and tells nothing about which accounts exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    with_permit(move || {
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
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_cores() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..4 * max_concurrent_hashes() + 4)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(with_permit(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!(
            most >= 1 && most <= max_concurrent_hashes(),
            "{most} at once"
        );
    }

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
