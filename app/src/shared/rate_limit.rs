//! Rate limits for the requests a bot would repeat: sign-ups, password-reset requests and
//! attempts at a reset link. Each counted request is a row of `rate_event` (kind, key, time);
//! the key is a client address or an e-mail key. Logins have their own, finer rules
//! (`accounts::service::check_login`). Old rows are purged by the retention job.

use sqlx::{PgConnection, PgPool};

use crate::shared::error::AppError;

/// At most `max` requests of one kind for one key within `window_minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What is counted, and by what: `sign_up.client`, `sign_up.email`...
    pub kind: &'static str,
    pub max: i64,
    pub window_minutes: i64,
}

/// Sign-ups from one client address: a family, or a shared computer at the centre, signs up a
/// few households; a bot, hundreds. (Generous: mobile networks put many families behind one
/// address.)
pub const SIGN_UPS_PER_CLIENT: Limit = Limit {
    kind: "sign_up.client",
    max: 30,
    window_minutes: 60,
};
/// Sign-up attempts with one e-mail address.
pub const SIGN_UPS_PER_EMAIL: Limit = Limit {
    kind: "sign_up.email",
    max: 5,
    window_minutes: 60,
};
/// Password-reset requests from one client address (the e-mails per account are limited
/// separately, by what the outbox holds).
pub const RESET_REQUESTS_PER_CLIENT: Limit = Limit {
    kind: "reset_request.client",
    max: 10,
    window_minutes: 60,
};
/// Password-reset requests for one e-mail address, whoever asks.
pub const RESET_REQUESTS_PER_EMAIL: Limit = Limit {
    kind: "reset_request.email",
    max: 5,
    window_minutes: 60,
};
/// Reset links that did not work, sent from one client address (each a guess at a token when
/// the link is forged); links that work are not counted.
pub const RESET_ATTEMPTS_PER_CLIENT: Limit = Limit {
    kind: "reset_attempt.client",
    max: 20,
    window_minutes: 60,
};

/// The key of a client address; requests whose address the server does not know share one.
pub fn client_key(ip: Option<std::net::IpAddr>) -> String {
    ip.map_or_else(|| "unknown".to_string(), |ip| ip.to_string())
}

/// Counts one request of `limit` for `key`, or refuses it with [`AppError::RateLimited`] when
/// `limit.max` were counted within the window (a refused request is not counted). Counting is
/// atomic per kind and key, so requests sent in parallel cannot all slip under the limit.
pub async fn count(pool: &PgPool, limit: Limit, key: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let lock = format!("rate:{}:{key}", limit.kind);
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1, 0))",
        lock
    )
    .execute(&mut *tx)
    .await?;
    refuse_when_reached(&mut tx, limit, key).await?;
    insert(&mut tx, limit, key).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `limit.max` requests of `limit` were counted for `key` within the window (then
/// [`AppError::RateLimited`]), without counting this one: with [`record`], for limits that count
/// only failures (a reset link that does not work), so that using a good link costs nothing.
pub async fn refuse_if_exceeded(pool: &PgPool, limit: Limit, key: &str) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    refuse_when_reached(&mut conn, limit, key).await
}

/// Counts one failed request of `limit` for `key` (see [`refuse_if_exceeded`]).
pub async fn record(pool: &PgPool, limit: Limit, key: &str) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    insert(&mut conn, limit, key).await
}

async fn refuse_when_reached(
    conn: &mut PgConnection,
    limit: Limit,
    key: &str,
) -> Result<(), AppError> {
    let counted = sqlx::query_scalar!(
        r#"select count(*) as "n!" from rate_event
           where kind = $1 and key = $2
             and happened_at > now() - make_interval(mins => $3::int)"#,
        limit.kind,
        key,
        i32::try_from(limit.window_minutes).unwrap_or(i32::MAX)
    )
    .fetch_one(conn)
    .await?;
    if counted >= limit.max {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

async fn insert(conn: &mut PgConnection, limit: Limit, key: &str) -> Result<(), AppError> {
    sqlx::query!(
        "insert into rate_event (kind, key) values ($1, $2)",
        limit.kind,
        key
    )
    .execute(conn)
    .await?;
    Ok(())
}
