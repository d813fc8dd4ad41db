//! What the calendar asks the server for.

use leptos::prelude::*;

pub use super::domain::CyclePlace;
use super::domain::{CalendarParams, CalendarPeriodData};
pub use super::model::{CycleMeeting, MeetingCard, MeetingDetail, MeetingState};
use crate::shared::error::AppError;

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
