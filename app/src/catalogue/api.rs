//! What the catalogue pages ask the server for: the polo, its macro-areas and services.

use leptos::prelude::*;

pub use super::model::{CentreHome, CentreInfo, MacroAreaSummary, ServiceDetail, ServiceSummary};
use crate::shared::error::AppError;

/// The home page of a polo (the deployment's first polo when `centre` is empty), in `lang`.
#[server(endpoint = "get_centre_home")]
pub async fn get_centre_home(lang: String, centre: String) -> Result<Option<CentreHome>, AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::centre_home(&state.pool, &lang, &centre).await
}

/// A service of a polo, in `lang`; `None` when there is no such service.
#[server(endpoint = "get_service")]
pub async fn get_service(
    lang: String,
    centre: String,
    service: String,
) -> Result<Option<ServiceDetail>, AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::service_detail(&state.pool, &lang, &centre, &service).await
}
