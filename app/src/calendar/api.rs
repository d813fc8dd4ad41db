//! What the calendar asks the server for.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::domain::CyclePlace;
use super::domain::{CalendarParams, CalendarPeriodData, Seats};
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

/// A meeting's own page: the meeting, where, who leads it, the rest of its cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingDetail {
    pub meeting: MeetingCard,
    pub centre_slug: String,
    pub centre_name: String,
    /// The meeting's own description, else its cycle's, else the service's summary.
    pub description: String,
    /// The first names of the staff who lead it.
    pub leaders: Vec<String>,
    pub cycle_title: Option<String>,
    /// Every scheduled meeting of its cycle, this one included; empty outside a cycle.
    pub cycle_meetings: Vec<CycleMeeting>,
    pub state: MeetingState,
}

/// One meeting of a cycle, as the page of another meeting of the same cycle lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleMeeting {
    pub meeting_id: Uuid,
    pub number: i64,
    pub day_label: String,
    pub time_label: String,
    /// The meeting whose page this is.
    pub current: bool,
}

/// Whether a meeting can still be booked from its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingState {
    /// Scheduled and not begun.
    Open,
    /// It has begun (or is over).
    Started,
    /// The centre cancelled it.
    Cancelled,
}

/// The page of one meeting (`/incontri/:id`); `None` when there is no such meeting.
#[server(endpoint = "calendar/meeting")]
pub async fn get_meeting(lang: String, id: String) -> Result<Option<MeetingDetail>, AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::meeting_detail(&state.pool, &lang, &id, crate::shared::clock::now()).await
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
    super::service::upcoming_meetings(
        &state.pool,
        &lang,
        &centre,
        &service,
        limit,
        crate::shared::clock::now(),
    )
    .await
}

/// A period of the public calendar (`/calendario`, and a service's page): `params` are the
/// page's query parameters as they came; what cannot be read falls back to its default. A
/// logged-in family also gets its children as a filter.
#[server(endpoint = "calendar/period")]
pub async fn get_calendar_period(
    lang: String,
    params: CalendarParams,
) -> Result<CalendarPeriodData, AppError> {
    let state = crate::shared::state::app_state()?;
    let now = crate::shared::clock::now();
    let query = super::domain::CalendarQuery::parse(&params, crate::shared::clock::today_in_rome());
    let household_id = crate::accounts::session::current_user()
        .await?
        .and_then(|user| user.household_id);
    super::service::calendar_period(
        &state.pool,
        &lang,
        &query,
        &super::service::Visibility::Public,
        household_id,
        now,
    )
    .await
}
