//! Account use cases: sign-up, login with rate limiting, password reset.

use chrono::{Duration, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    check_name, check_new_password, Email, PRIVACY_NOTICE_VERSION, WELCOME_LINK_HOURS,
};
use super::{password, session};
use crate::household::domain::{parse_birth_date, ADULT_AGE};
use crate::messages::outbox::{enqueue_with_link, NewMessage, PendingLink, LINK_MARKER};
use crate::shared::clock::today_in_rome;
use crate::shared::error::{AppError, FieldErrors};
use crate::shared::rate_limit;

/// Failed logins from one client for one account, within [`LOGIN_WINDOW_MINUTES`], before that
/// client is paused for that account (see [`check_login`]).
pub const MAX_FAILURES_PER_CLIENT_AND_ACCOUNT: i64 = 5;
/// Failed logins from one client (any accounts), within the window, before it is paused.
pub const MAX_FAILURES_PER_CLIENT: i64 = 30;
/// Failed logins of one account (every client), within the window, after which every attempt on
/// it waits [`ACCOUNT_DELAY`].
pub const SLOW_DOWN_AFTER_ACCOUNT_FAILURES: i64 = 10;
/// The wait of an attempt on an account under attack.
pub const ACCOUNT_DELAY: std::time::Duration = std::time::Duration::from_secs(2);
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
/// Password reset links last this long.
pub const RESET_TOKEN_MINUTES: i64 = 60;
/// At most this many reset e-mails per account and hour.
pub const MAX_RESETS_PER_HOUR: i64 = 3;

/// What a family types to sign up. No password: it is chosen through the link the welcome
/// e-mail carries, which proves the address before the account can be used.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub email: String,
    pub privacy_accepted: bool,
    pub locale: String,
}

/// At most this many sign-up e-mails (welcome, or "you already have an account") to one address
/// an hour.
pub const MAX_SIGN_UP_MAILS_PER_HOUR: i64 = 3;

/// Signs a family up. The answer is the same whoever owns the address, so the form cannot be
/// used to find out who has an account; the e-mail tells the truth to the address's owner only:
/// - a new address: the account is created with its household, the adult who signed up as its
///   first member and the consents given, but no password; the welcome e-mail's link (valid
///   [`WELCOME_LINK_HOURS`]) chooses it, and only then can the account log in and book;
/// - an address that signed up but never chose a password: a new welcome link;
/// - an account that is in use: an e-mail saying so, with the ways to log in or reset.
///
/// Limited per client and per address ([`rate_limit::SIGN_UPS_PER_CLIENT`],
/// [`rate_limit::SIGN_UPS_PER_EMAIL`]).
pub async fn sign_up(
    pool: &PgPool,
    form: SignUp,
    public_url: &str,
    ip: Option<std::net::IpAddr>,
) -> Result<(), AppError> {
    let checked = check_sign_up(&form, today_in_rome())?;
    let (first_name, last_name, birth_date, email) = (
        checked.first_name,
        checked.last_name,
        checked.birth_date,
        checked.email,
    );
    rate_limit::count(
        pool,
        rate_limit::SIGN_UPS_PER_CLIENT,
        &rate_limit::client_key(ip),
    )
    .await?;
    rate_limit::count(pool, rate_limit::SIGN_UPS_PER_EMAIL, &email.key()).await?;
    let locale = crate::shared::lang::content_locale(&form.locale).to_string();

    let mut tx = pool.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1, 0))",
        format!("sign-up:{}", email.key())
    )
    .execute(&mut *tx)
    .await?;
    let existing = sqlx::query!(
        r#"select user_id, email, locale, role, password_hash is not null as "in_use!", is_active
           from app_user where lower(email) = $1"#,
        email.key()
    )
    .fetch_optional(&mut *tx)
    .await?;
    let recipient = existing
        .as_ref()
        .map_or_else(|| email.as_str().to_string(), |user| user.email.clone());
    let mails = sqlx::query_scalar!(
        r#"select count(*) as "n!" from outbox_message
           where kind in ('welcome', 'account_exists') and lower(recipient) = $1
             and created_at > now() - interval '1 hour'"#,
        email.key()
    )
    .fetch_one(&mut *tx)
    .await?;
    if mails >= MAX_SIGN_UP_MAILS_PER_HOUR {
        // Enough e-mails to this address for now: the answer stays the same.
        return Ok(());
    }
    let welcome_to = match existing {
        Some(user) if user.in_use || user.role != "family" || !user.is_active => {
            let message = crate::messages::texts::account_exists(&user.locale, public_url);
            crate::messages::outbox::enqueue(
                &mut tx,
                &NewMessage {
                    kind: "account_exists",
                    dedupe_key: None,
                    recipient: recipient.clone(),
                    locale: user.locale,
                    subject: message.subject,
                    body_text: message.body,
                },
            )
            .await?;
            None
        }
        Some(user) => Some((user.user_id, user.locale)),
        None => {
            let user_id = create_family(
                &mut tx,
                &email,
                &first_name,
                &last_name,
                birth_date,
                &locale,
            )
            .await?;
            Some((user_id, locale))
        }
    };
    if let Some((user_id, locale)) = welcome_to {
        let message = crate::messages::texts::welcome(&locale, LINK_MARKER, WELCOME_LINK_HOURS);
        enqueue_with_link(
            &mut tx,
            &NewMessage {
                kind: "welcome",
                dedupe_key: None,
                recipient,
                locale,
                subject: message.subject,
                body_text: message.body,
            },
            &PendingLink {
                user_id,
                expires_at: Utc::now() + Duration::hours(WELCOME_LINK_HOURS),
                base_url: public_url,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A new family account (no password yet) with its household, its first member and the
/// consents given at sign-up.
async fn create_family(
    tx: &mut PgConnection,
    email: &Email,
    first_name: &str,
    last_name: &str,
    birth_date: chrono::NaiveDate,
    locale: &str,
) -> Result<Uuid, AppError> {
    let household_id =
        sqlx::query_scalar!("insert into household default values returning household_id")
            .fetch_one(&mut *tx)
            .await?;
    let user_id = sqlx::query_scalar!(
        "insert into app_user (email, display_name, role, household_id, locale)
         values ($1, $2, 'family', $3, $4) returning user_id",
        email.as_str(),
        format!("{first_name} {last_name}"),
        household_id,
        locale
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into household_member (household_id, user_id, kind, relation, first_name, last_name, birth_date)
         values ($1, $2, 'adult', 'parent', $3, $4, $5)",
        household_id,
        user_id,
        first_name,
        last_name,
        birth_date
    )
    .execute(&mut *tx)
    .await?;
    for kind in ["privacy_policy", "data_processing"] {
        sqlx::query!(
            "insert into consent (household_id, kind, text_version, granted, given_by)
             values ($1, $2, $3, true, $4)",
            household_id,
            kind,
            PRIVACY_NOTICE_VERSION,
            user_id
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(user_id)
}

/// A sign-up form's fields, checked.
struct CheckedSignUp {
    first_name: String,
    last_name: String,
    birth_date: chrono::NaiveDate,
    email: Email,
}

/// Checks every field of a sign-up form and reports all the problems at once (an empty form
/// shows a message under each field, not only under the first).
fn check_sign_up(form: &SignUp, today: chrono::NaiveDate) -> Result<CheckedSignUp, AppError> {
    let mut errors = FieldErrors::new();
    let first_name = errors.check(check_name("first_name", &form.first_name));
    let last_name = errors.check(check_name("last_name", &form.last_name));
    let birth_date = errors.check(parse_birth_date(&form.birth_date, today));
    if birth_date.is_some_and(|date| crate::shared::time::age_on(date, today) < ADULT_AGE) {
        errors.add("birth_date", "errors.must_be_adult");
    }
    let email = errors.check(Email::parse(&form.email));
    if !form.privacy_accepted {
        errors.add("privacy", "errors.privacy_required");
    }
    errors.finish()?;
    // Every check passed, so every value is there.
    match (first_name, last_name, birth_date, email) {
        (Some(first_name), Some(last_name), Some(birth_date), Some(email)) => Ok(CheckedSignUp {
            first_name,
            last_name,
            birth_date,
            email,
        }),
        _ => Err(AppError::Internal),
    }
}

/// Checks an e-mail and password, with rate limits; on success returns the user's id. Every
/// attempt is recorded.
///
/// The limits, within [`LOGIN_WINDOW_MINUTES`]:
/// - one client (address) and one account: [`MAX_FAILURES_PER_CLIENT_AND_ACCOUNT`] failures, then
///   that client is paused for that account. A stranger who guesses pauses only themselves: the
///   account's owner, from her own address, still gets in.
/// - one client, any accounts: [`MAX_FAILURES_PER_CLIENT`] failures, then it is paused.
/// - one account, every client together: past [`SLOW_DOWN_AFTER_ACCOUNT_FAILURES`] failures each
///   attempt waits [`ACCOUNT_DELAY`] before its password is checked (a delay, not a wall).
///
/// Counting and recording are one step (the attempt is written, as a failure, before the password
/// is checked, under a lock per client and per account), so parallel requests cannot all pass
/// the count: 100 requests at once get [`MAX_FAILURES_PER_CLIENT_AND_ACCOUNT`] guesses, not 100.
/// The database connection is given back before argon2 runs, and argon2 waits for a permit
/// ([`password::max_concurrent_hashes`]), so bogus logins cannot starve the pool.
pub async fn check_login(
    pool: &PgPool,
    email: &str,
    password_typed: String,
    ip: Option<std::net::IpAddr>,
) -> Result<Uuid, AppError> {
    let mut errors = FieldErrors::new();
    let email = errors.check(Email::parse(email));
    if password_typed.is_empty() {
        errors.add("password", "errors.password_required");
    }
    errors.finish()?;
    let Some(email) = email else {
        return Err(AppError::Internal);
    };
    if password_typed.chars().count() > super::domain::PASSWORD_MAX_CHARS {
        return Err(AppError::validation("password", "errors.login_failed"));
    }
    let key = email.key();
    let ip_text = ip.map(|ip| ip.to_string());
    let mut tx = pool.begin().await?;
    // Client first, then account: every attempt takes the two locks in the same order.
    for lock in [
        format!("login-client:{}", ip_text.as_deref().unwrap_or("-")),
        format!("login-account:{key}"),
    ] {
        sqlx::query!(
            "select pg_advisory_xact_lock(hashtextextended($1, 0))",
            lock
        )
        .execute(&mut *tx)
        .await?;
    }
    let since = Utc::now() - Duration::minutes(LOGIN_WINDOW_MINUTES);
    let failures = sqlx::query!(
        r#"with last_success as (
             select max(attempted_at) filter (where ip is not distinct from $2::text::inet) as pair,
                    max(attempted_at) as account
             from login_attempt where email_key = $1 and succeeded)
           select
             (select count(*) from login_attempt a, last_success s
               where a.email_key = $1 and a.ip is not distinct from $2::text::inet
                 and not a.succeeded
                 and a.attempted_at > greatest($3, coalesce(s.pair, $3))) as "by_pair!",
             (select count(*) from login_attempt a, last_success s
               where a.email_key = $1 and not a.succeeded
                 and a.attempted_at > greatest($3, coalesce(s.account, $3))) as "by_account!",
             (select count(*) from login_attempt a
               where $2::text is not null and a.ip = $2::text::inet and not a.succeeded
                 and a.attempted_at > $3) as "by_client!""#,
        key,
        ip_text,
        since
    )
    .fetch_one(&mut *tx)
    .await?;
    if failures.by_pair >= MAX_FAILURES_PER_CLIENT_AND_ACCOUNT
        || failures.by_client >= MAX_FAILURES_PER_CLIENT
    {
        return Err(AppError::RateLimited);
    }
    let account = sqlx::query!(
        "select user_id, password_hash from app_user where lower(email) = $1 and is_active",
        key
    )
    .fetch_optional(&mut *tx)
    .await?;
    // Written as a failure now; turned into a success below if the password matches.
    let attempt_id = sqlx::query_scalar!(
        "insert into login_attempt (email_key, ip, succeeded) values ($1, $2::text::inet, false)
         returning login_attempt_id",
        key,
        ip_text
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;

    if failures.by_account >= SLOW_DOWN_AFTER_ACCOUNT_FAILURES {
        tokio::time::sleep(ACCOUNT_DELAY).await;
    }
    let (user_id, stored) = match account {
        Some(row) => (Some(row.user_id), row.password_hash),
        None => (None, None),
    };
    let ok = password::verify(password_typed, stored).await && user_id.is_some();
    match user_id {
        Some(user_id) if ok => {
            let mut tx = pool.begin().await?;
            sqlx::query!(
                "update login_attempt set succeeded = true where login_attempt_id = $1",
                attempt_id
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "update app_user set last_login_at = now() where user_id = $1",
                user_id
            )
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(user_id)
        }
        _ => Err(AppError::validation("password", "errors.login_failed")),
    }
}

/// Logs a user in: a new session, replacing `old_token`'s if there was one (the session id is
/// renewed at every login). Returns the new token.
pub async fn open_session(
    pool: &PgPool,
    user_id: Uuid,
    old_token: Option<&str>,
) -> Result<String, AppError> {
    let mut conn = pool.acquire().await?;
    if let Some(old) = old_token {
        session::destroy(&mut conn, old).await?;
    }
    session::create(&mut conn, user_id).await
}

/// Sends a password reset link to `email` if it belongs to an active account. Says nothing
/// either way to the caller, so the form cannot be used to find out who has an account.
pub async fn request_password_reset(
    pool: &PgPool,
    email: &str,
    public_url: &str,
    ip: Option<std::net::IpAddr>,
) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    rate_limit::count(
        pool,
        rate_limit::RESET_REQUESTS_PER_CLIENT,
        &rate_limit::client_key(ip),
    )
    .await?;
    rate_limit::count(pool, rate_limit::RESET_REQUESTS_PER_EMAIL, &email.key()).await?;
    let mut tx = pool.begin().await?;
    let Some(user) = sqlx::query!(
        "select user_id, email, locale from app_user where lower(email) = $1 and is_active
         for update",
        email.key()
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(());
    };
    let recent = sqlx::query_scalar!(
        "select count(*) as \"n!\" from outbox_message
         where kind = 'password_reset' and link_user_id = $1
           and created_at > now() - interval '1 hour'",
        user.user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if recent >= MAX_RESETS_PER_HOUR {
        return Ok(());
    }
    let message =
        crate::messages::texts::password_reset(&user.locale, LINK_MARKER, RESET_TOKEN_MINUTES);
    enqueue_with_link(
        &mut tx,
        &NewMessage {
            kind: "password_reset",
            dedupe_key: None,
            recipient: user.email,
            locale: user.locale,
            subject: message.subject,
            body_text: message.body,
        },
        &PendingLink {
            user_id: user.user_id,
            expires_at: Utc::now() + Duration::minutes(RESET_TOKEN_MINUTES),
            base_url: public_url,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A single-use link to choose a password, valid for `valid_for` (only its hash is stored).
pub async fn password_link(
    conn: &mut PgConnection,
    user_id: Uuid,
    valid_for: Duration,
    public_url: &str,
) -> Result<String, AppError> {
    Ok(password_link_until(conn, user_id, Utc::now() + valid_for, public_url).await?)
}

/// A single-use link to choose a password, valid until `expires_at` (only its hash is stored).
/// The outbox worker makes one when it sends a reset or an invitation: the link exists in the
/// e-mail only.
pub async fn password_link_until(
    conn: &mut PgConnection,
    user_id: Uuid,
    expires_at: chrono::DateTime<Utc>,
    public_url: &str,
) -> Result<String, sqlx::Error> {
    let token = session::new_token();
    sqlx::query!(
        "insert into password_reset (token_hash, user_id, expires_at) values ($1, $2, $3)",
        session::token_hash(&token),
        user_id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(format!(
        "{}/reimposta-password?token={token}",
        public_url.trim_end_matches('/')
    ))
}

/// A password chosen through a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordChosen {
    pub user_id: Uuid,
    /// The account had none: a new family (or staff member) has just confirmed its address.
    pub first_password: bool,
}

/// Sets a new password with a reset token: the token and every other outstanding link of the
/// account are used up, every session of the account is closed. Returns who (to log them in).
/// The cheap checks come first (the password's length, the client's limit, the token): argon2
/// runs only for a link that works.
pub async fn reset_password(
    pool: &PgPool,
    token: &str,
    new_password: String,
    ip: Option<std::net::IpAddr>,
) -> Result<PasswordChosen, AppError> {
    check_new_password(&new_password)?;
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::validation("token", "errors.reset_link_invalid"));
    }
    let client = rate_limit::client_key(ip);
    rate_limit::refuse_if_exceeded(pool, rate_limit::RESET_ATTEMPTS_PER_CLIENT, &client).await?;
    let token_hash = session::token_hash(token);
    let valid = sqlx::query_scalar!(
        r#"select exists(select 1 from password_reset
             where token_hash = $1 and used_at is null and expires_at > now()) as "valid!""#,
        token_hash
    )
    .fetch_one(pool)
    .await?;
    if !valid {
        rate_limit::record(pool, rate_limit::RESET_ATTEMPTS_PER_CLIENT, &client).await?;
        return Err(AppError::validation("token", "errors.reset_link_invalid"));
    }
    let password_hash = password::hash(new_password).await?;
    let mut tx = pool.begin().await?;
    // Checked again: the link may have been used meanwhile.
    let user_id = sqlx::query_scalar!(
        "update password_reset set used_at = now()
         where token_hash = $1 and used_at is null and expires_at > now()
         returning user_id",
        token_hash
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::validation("token", "errors.reset_link_invalid"))?;
    // Every other link of the account (an older reset, an invitation) is void from now on.
    sqlx::query!(
        "update password_reset set used_at = now() where user_id = $1 and used_at is null",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    let first_password = sqlx::query_scalar!(
        r#"update app_user u set password_hash = $2 from app_user old
           where u.user_id = $1 and old.user_id = u.user_id
           returning old.password_hash is null as "first!""#,
        user_id,
        password_hash
    )
    .fetch_one(&mut *tx)
    .await?;
    session::destroy_all(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(PasswordChosen {
        user_id,
        first_password,
    })
}

/// Keeps a user's language for the e-mails they receive.
pub async fn set_locale(
    conn: &mut PgConnection,
    user_id: Uuid,
    lang: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "update app_user set locale = $2 where user_id = $1",
        user_id,
        crate::shared::lang::content_locale(lang)
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUp {
        SignUp {
            first_name: "Laura".into(),
            last_name: "Rossi".into(),
            birth_date: "1986-04-12".into(),
            email: "laura@example.org".into(),
            privacy_accepted: true,
            locale: "it".into(),
        }
    }

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn an_empty_sign_up_form_reports_every_field_at_once() {
        let empty = SignUp {
            first_name: String::new(),
            last_name: " ".into(),
            birth_date: String::new(),
            email: String::new(),
            privacy_accepted: false,
            locale: "it".into(),
        };
        let error = check_sign_up(&empty, today()).err().unwrap();
        let fields: Vec<(&str, &str)> = error
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.message_key.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("first_name", "errors.required"),
                ("last_name", "errors.required"),
                ("birth_date", "errors.required"),
                ("email", "errors.email_required"),
                ("privacy", "errors.privacy_required"),
            ]
        );
        assert_eq!(error.status(), 422);
    }

    #[test]
    fn a_minor_is_told_so_beside_the_other_problems() {
        let mut young = form();
        young.birth_date = "2015-01-01".into();
        young.email = "laura@".into();
        let error = check_sign_up(&young, today()).err().unwrap();
        assert_eq!(
            error.field_message("birth_date"),
            Some("errors.must_be_adult")
        );
        assert_eq!(error.field_message("email"), Some("errors.email_invalid"));
        assert_eq!(error.field_errors().len(), 2);
    }

    #[test]
    fn a_good_sign_up_form_passes() {
        let checked = check_sign_up(&form(), today()).ok().unwrap();
        assert_eq!(checked.first_name, "Laura");
        assert_eq!(checked.email.as_str(), "laura@example.org");
    }
}
