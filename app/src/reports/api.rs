//! What the report page asks the server for.

use leptos::prelude::*;

use super::domain::{Report, ReportParams};
use crate::shared::error::AppError;

/// The report of `params` (period and centre) in `lang`: coordinators their centres,
/// administrators one centre or the whole city; 403 for operators and families, 401 for
/// visitors, 404 for a centre that is not the caller's.
#[server(endpoint = "reports/report")]
pub async fn get_report(lang: String, params: ReportParams) -> Result<Report, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::report(
        &state.pool,
        &user,
        &params,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}
