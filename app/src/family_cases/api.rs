//! What "I miei percorsi" asks the server for: the caller's own household's cases only.

use leptos::prelude::*;

use super::domain::MyCase;
use crate::shared::error::AppError;

/// The case paths of the caller's household, with its own appointments.
#[server(endpoint = "family_cases/mine")]
pub async fn get_my_cases(lang: String) -> Result<Vec<MyCase>, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let locale = if lang == "en" { "en" } else { "it" };
    super::service::my_cases(
        &state.pool,
        household_id,
        locale,
        crate::shared::clock::now(),
    )
    .await
}
