//! Login sessions. The browser holds a random token in an HttpOnly cookie; the database holds
//! only its SHA-256, the user and an expiry, so any server instance can serve any request and a
//! stolen database copy opens no session. A new token is issued at every login.

use base64::Engine;
use chrono::{Duration, Utc};
use http::request::Parts;
use leptos::prelude::use_context;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use super::domain::{CurrentUser, Role};
pub use crate::shared::cookie::cookie_value;
use crate::shared::error::AppError;
use crate::shared::state::app_state;

/// The session cookie's name.
pub const COOKIE: &str = "ancora_sid";
// The session's lengths live in `domain` (the privacy notice states them).
pub use super::domain::{FAMILY_IDLE_MINUTES, SESSION_DAYS, STAFF_IDLE_MINUTES};

/// A new random session token (256 bits, URL-safe).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Opens a session for `user_id`; returns the token for the cookie.
pub async fn create(conn: &mut PgConnection, user_id: Uuid) -> Result<String, AppError> {
    let token = new_token();
    let expires_at = Utc::now() + Duration::days(SESSION_DAYS);
    sqlx::query!(
        "insert into web_session (web_session_id, user_id, expires_at) values ($1, $2, $3)",
        token_hash(&token),
        user_id,
        expires_at
    )
    .execute(&mut *conn)
    .await?;
    // Housekeeping: expired sessions are removed by the logins that follow them.
    sqlx::query!("delete from web_session where expires_at < now()")
        .execute(conn)
        .await?;
    Ok(token)
}

/// The active user of a session token, if the session is live: not expired, and used within
/// its idle time ([`FAMILY_IDLE_MINUTES`], [`STAFF_IDLE_MINUTES`]). The session's last use is
/// written at most once a minute, so most page views only read.
pub async fn user_for_token(
    conn: &mut PgConnection,
    token: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let row = sqlx::query!(
        r#"with live as (
             select ws.web_session_id, ws.last_seen_at, u.user_id, u.display_name, u.email,
                    u.role, u.household_id, u.locale
             from web_session ws join app_user u on u.user_id = ws.user_id
             where ws.web_session_id = $1 and ws.expires_at > now() and u.is_active
               and ws.last_seen_at > now() - make_interval(mins =>
                     case when u.role = 'family' then $2::int else $3::int end)),
           seen as (
             update web_session ws set last_seen_at = now() from live
             where ws.web_session_id = live.web_session_id
               and live.last_seen_at < now() - interval '1 minute')
           select user_id as "user_id!", display_name as "display_name!", email as "email!",
                  role as "role!", household_id, locale as "locale!"
           from live"#,
        token_hash(token),
        FAMILY_IDLE_MINUTES as i32,
        STAFF_IDLE_MINUTES as i32
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|row| {
        Some(CurrentUser {
            user_id: row.user_id,
            display_name: row.display_name,
            email: row.email,
            role: Role::parse(&row.role)?,
            household_id: row.household_id,
            locale: row.locale,
        })
    }))
}

/// Ends the session of `token`.
pub async fn destroy(conn: &mut PgConnection, token: &str) -> Result<(), AppError> {
    sqlx::query!(
        "delete from web_session where web_session_id = $1",
        token_hash(token)
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends every session of a user (after a password reset, "log out everywhere", a deactivation).
pub async fn destroy_all(conn: &mut PgConnection, user_id: Uuid) -> Result<(), AppError> {
    sqlx::query!("delete from web_session where user_id = $1", user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The session token sent with a request, if any.
pub fn token_from_parts(parts: &Parts) -> Option<String> {
    token_from_headers(&parts.headers)
}

/// The session token in a request's headers, if any.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    cookie_from_headers(headers, COOKIE)
}

/// The value of the cookie `name` in a request's headers, if it holds 1 to 128 characters (the
/// tokens Àncora puts in cookies; anything longer is not one of them).
pub fn cookie_from_headers(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| cookie_value(header, name))
        .filter(|token| !token.is_empty() && token.len() <= 128)
        .map(str::to_string)
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, removes the cookie).
pub fn set_cookie(token: Option<&str>, secure: bool) -> String {
    http_only_cookie(COOKIE, token, SESSION_DAYS * 24 * 3600, secure)
}

/// The `Set-Cookie` value of a cookie for the whole site that scripts cannot read and other
/// sites' pages do not send (HttpOnly, SameSite=Lax), holding `value` for `max_age_seconds`;
/// with `None`, the value that removes it.
pub fn http_only_cookie(
    name: &str,
    value: Option<&str>,
    max_age_seconds: i64,
    secure: bool,
) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = value.map_or(("", 0), |value| (value, max_age_seconds));
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{secure}")
}

/// Inside a server function or page render: adds the `Set-Cookie` header `value` to the
/// response.
pub fn append_set_cookie(value: &str) -> Result<(), AppError> {
    let response = use_context::<leptos_axum::ResponseOptions>().ok_or(AppError::Internal)?;
    let value = http::HeaderValue::from_str(value).map_err(|_| AppError::Internal)?;
    response.append_header(http::header::SET_COOKIE, value);
    Ok(())
}

/// Inside a server function or page render: the request's parts.
fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The user whose session cookie is in `headers`, if the session is live.
pub async fn user_from_headers(
    pool: &sqlx::PgPool,
    headers: &http::HeaderMap,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = token_from_headers(headers) else {
        return Ok(None);
    };
    let mut conn = pool.acquire().await?;
    user_for_token(&mut conn, &token).await
}

/// Inside a server function: the user logged in, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(parts) = request_parts() else {
        return Ok(None);
    };
    user_from_headers(&app_state()?.pool, &parts.headers).await
}

/// Inside a server function: the user logged in, or `Unauthenticated`.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// Inside a server function: a family's account and its household, or an error.
pub async fn require_family() -> Result<(CurrentUser, Uuid), AppError> {
    let user = require_user().await?;
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    Ok((user, household_id))
}

/// Inside a server function: the session token of the request, if any.
pub fn request_token() -> Option<String> {
    request_parts().as_ref().and_then(token_from_parts)
}

/// Inside a server function: the client's address, when the server knows it (see
/// [`crate::shared::state::ClientAddress`]).
pub fn client_ip() -> Option<std::net::IpAddr> {
    request_parts()?
        .extensions
        .get::<crate::shared::state::ClientAddress>()
        .map(|address| address.0)
}

/// Inside a server function: sets (or with `None` removes) the session cookie on the response.
pub fn send_cookie(token: Option<&str>) -> Result<(), AppError> {
    let state = app_state()?;
    append_set_cookie(&set_cookie(token, state.secure_cookies))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_read_among_others() {
        let header = "i18n_pref_locale=en; ancora_sid=abc-DEF_123; other=x";
        assert_eq!(cookie_value(header, COOKIE), Some("abc-DEF_123"));
        assert_eq!(cookie_value("i18n_pref_locale=en", COOKIE), None);
    }

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_over_https() {
        let cookie = set_cookie(Some("tok"), true);
        assert!(cookie.starts_with("ancora_sid=tok; Path=/; HttpOnly; SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!set_cookie(Some("tok"), false).contains("Secure"));
        assert!(set_cookie(None, false).contains("Max-Age=0"));
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_a_hash() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
