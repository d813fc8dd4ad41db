//! What the follow-up page asks the server for.

use leptos::prelude::*;

use super::domain::FollowUpList;
use crate::shared::error::AppError;

/// The persons to call in the caller's centres (every centre for an administrator); 403 for
/// operators and families, 401 for visitors.
#[server(endpoint = "follow_up/list")]
pub async fn get_follow_up(lang: String) -> Result<FollowUpList, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::list(&state.pool, &user, &lang, crate::shared::clock::now()).await
}

/// "Segna come chiamata": the person leaves the list until their next absence. Without
/// JavaScript the page comes back with `?fatto=chiamata`.
#[server(endpoint = "follow_up/mark_called")]
pub async fn mark_called(
    member_id: String,
    service_id: String,
    note: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::mark_called(&state.pool, &user, &member_id, &service_id, &note).await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}?fatto=chiamata",
        super::domain::FOLLOW_UP_PATH
    ));
    Ok(())
}
