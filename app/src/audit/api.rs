//! What the audit log's page asks the server for.

use leptos::prelude::*;

use super::domain::{LogPage, LogParams};
use crate::shared::error::AppError;

/// A page of the audit log with the filters of `params`: a coordinator's centres, every centre
/// for an administrator; 403 for operators and families, 401 for visitors.
#[server(endpoint = "audit/log")]
pub async fn get_audit_log(lang: String, params: LogParams) -> Result<LogPage, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::audit_log(&state.pool, &user, &params, &lang).await
}
