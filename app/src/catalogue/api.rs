//! What the catalogue pages ask the server for: the polo, its macro-areas and services.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::domain::{Access, AgeBand, Audience, ServiceFormat};
use crate::shared::error::AppError;

/// A polo, as shown on its home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreInfo {
    pub slug: String,
    pub name: String,
    pub municipio: i16,
    pub run_by: String,
    pub address: String,
    pub summary: String,
}

/// A service as listed on the home page and shown on its own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub format: ServiceFormat,
    pub audience: Audience,
    pub access: Access,
    pub age_band: Option<AgeBand>,
}

/// A macro-area with the services of the polo in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MacroAreaSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub services: Vec<ServiceSummary>,
}

/// Everything the home page of a polo shows, but the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreHome {
    pub centre: CentreInfo,
    pub areas: Vec<MacroAreaSummary>,
}

/// A service's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub centre: CentreInfo,
    pub area_name: String,
    pub service: ServiceSummary,
    pub description: String,
}

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
