//! What the account pages ask the server for. Every function works from a plain form post
//! (no JavaScript): on success it answers with a redirect, on error with the error, which the
//! page shows next to the field.

// A sign-up form has eight fields, and each is one argument of the server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::domain::{CurrentUser, StaffMember};
use crate::shared::error::AppError;

/// Where a family lands after logging in or signing up, unless it came from somewhere.
pub const FAMILY_HOME: &str = "/le-mie-prenotazioni";

/// The user logged in, if any.
#[server(endpoint = "accounts/current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    super::session::current_user().await
}

/// Signs a family up and logs it in.
#[server(endpoint = "accounts/register")]
pub async fn register(
    first_name: String,
    last_name: String,
    birth_date: String,
    email: String,
    password: String,
    privacy: Option<String>,
    lang: String,
    next: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user_id = super::service::sign_up(
        &state.pool,
        super::service::SignUp {
            first_name,
            last_name,
            birth_date,
            email,
            password,
            privacy_accepted: privacy.is_some_and(|value| value == "on" || value == "true"),
            locale: lang,
        },
    )
    .await?;
    log_in(user_id, &next, "/famiglia").await
}

/// Logs in with e-mail and password.
#[server(endpoint = "accounts/login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user_id =
        super::service::check_login(&state.pool, &email, password, super::session::client_ip())
            .await?;
    log_in(user_id, &next, FAMILY_HOME).await
}

/// Logs out (this browser only).
#[server(endpoint = "accounts/logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    if let Some(token) = super::session::request_token() {
        let mut conn = state.pool.acquire().await?;
        super::session::destroy(&mut conn, &token).await?;
    }
    super::session::send_cookie(None)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Asks for a password reset link by e-mail. Answers the same whether the account exists or not.
#[server(endpoint = "accounts/forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::request_password_reset(&state.pool, &email, &state.public_url).await?;
    leptos_axum::redirect("/password-dimenticata?inviata=1");
    Ok(())
}

/// Sets a new password with the link's token, and logs in.
#[server(endpoint = "accounts/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user_id = super::service::reset_password(&state.pool, &token, password).await?;
    log_in(user_id, "", FAMILY_HOME).await
}

/// The staff of the caller's centres (coordinators and administrators).
#[server(endpoint = "accounts/staff")]
pub async fn get_staff() -> Result<Vec<StaffMember>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = super::session::require_user().await?;
    super::staff::staff_list(&state.pool, &user).await
}

/// Creates a staff account and e-mails the invitation to choose a password.
#[server(endpoint = "accounts/create_staff")]
pub async fn create_staff_account(
    display_name: String,
    email: String,
    role: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = super::session::require_user().await?;
    super::staff::create_staff(
        &state.pool,
        &user,
        &email,
        &display_name,
        &role,
        &state.public_url,
    )
    .await?;
    Ok(())
}

/// Opens a new session (renewing the id), sets the cookie and redirects.
#[cfg(feature = "ssr")]
async fn log_in(user_id: uuid::Uuid, next: &str, default: &str) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let old = super::session::request_token();
    let token = super::service::open_session(&state.pool, user_id, old.as_deref()).await?;
    super::session::send_cookie(Some(&token))?;
    let next = super::domain::safe_next(next);
    leptos_axum::redirect(if next == "/" { default } else { &next });
    Ok(())
}
