//! What crosses the wire for the catalogue: the polo and its services as the pages show them.

use serde::{Deserialize, Serialize};

use super::domain::{Access, AgeBand, Audience, ServiceFormat};

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
