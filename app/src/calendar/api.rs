//! What the calendar asks the server for.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::Seats;
use crate::catalogue::domain::{AgeBand, Audience};
use crate::shared::error::AppError;

/// A meeting as a family sees it in a list: when, where, for whom, and how many seats are left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingCard {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_slug: String,
    pub service_name: String,
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "mercoledì 2 dicembre", in the asked language and Rome's time zone.
    pub day_label: String,
    /// "17:00–18:30".
    pub time_label: String,
    pub room: Option<String>,
    /// The seats of the meeting, or of its whole cycle when it is part of one.
    pub seats: Seats,
    /// When the meeting belongs to a cycle: its position and the cycle's length.
    pub cycle: Option<CyclePlace>,
    /// The cycle the meeting belongs to (booked as a whole).
    pub cycle_id: Option<Uuid>,
}

/// Where a meeting stands in its cycle ("incontro 2 di 4").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePlace {
    pub number: i64,
    pub of: i64,
}

/// The next scheduled meetings of a polo (all services, or one), at most `limit` (1–50).
#[server(endpoint = "list_upcoming_meetings")]
pub async fn list_upcoming_meetings(
    lang: String,
    centre: String,
    service: String,
    limit: i64,
) -> Result<Vec<MeetingCard>, AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::upcoming_meetings(&state.pool, &lang, &centre, &service, limit, Utc::now())
        .await
}
