//! What the privacy pages ask the server for. Each acts on the caller's own household only.

use super::domain::{ErasurePreview, HouseholdData};
use crate::shared::error::AppError;
use leptos::prelude::*;

/// Where the family lands once its account is erased (a public page: it is logged out).
pub const ERASED_PAGE: &str = "/account-eliminato";

/// Everything the caller's household has, for the readable page.
#[server(endpoint = "privacy/my_data")]
pub async fn my_data() -> Result<HouseholdData, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::household_data(&state.pool, &user, crate::shared::clock::now()).await
}

/// The erasure page's figures for the caller's household.
#[server(endpoint = "privacy/erasure_preview")]
pub async fn get_erasure_preview() -> Result<ErasurePreview, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::erasure_preview(&state.pool, &user, crate::shared::clock::now()).await
}

/// Erases the caller's household (see `privacy::service::erase_household`), then logs out and
/// shows the confirmation.
#[server(endpoint = "privacy/erase_account")]
pub async fn erase_account(password: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::erase_household(&state.pool, &user, password, crate::shared::clock::now())
        .await?;
    crate::accounts::session::send_cookie(None)?;
    leptos_axum::redirect(ERASED_PAGE);
    Ok(())
}
