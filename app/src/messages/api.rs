//! What the outbox page asks the server for (administrators only).

use leptos::prelude::*;

use crate::shared::error::AppError;

pub use super::domain::OutboxEntry;

/// The latest e-mails of the outbox (at most 200), newest first. Administrators only: the
/// messages name families and children.
#[server(endpoint = "messages/outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::list_outbox(&state.pool, &user).await
}
