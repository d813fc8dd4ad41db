//! What staff pages ask the server for when they plan the calendar. Every function checks the
//! user's role and centre in the service: a family gets 403, a visitor 401, staff of another
//! centre 404 for that centre's meetings.

// A form's fields are its server function's arguments (so it posts without JavaScript), and
// the "Nuovo incontro" form has many.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::domain::{MeetingToEdit, PlanningOptions};
use crate::shared::error::AppError;

/// The services, rooms and staff a "Nuovo incontro" form offers: the user's centres'.
#[server(endpoint = "planning/options")]
pub async fn get_planning_options(lang: String) -> Result<PlanningOptions, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::planning_options(&state.pool, &user, &lang).await
}

/// A meeting as the "Sposta…" and "Annulla" pages show it; `None` when the user may not see it.
#[server(endpoint = "planning/meeting")]
pub async fn get_meeting_to_edit(
    lang: String,
    id: String,
) -> Result<Option<MeetingToEdit>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let Ok(meeting_id) = uuid::Uuid::parse_str(id.trim()) else {
        return Ok(None);
    };
    super::service::meeting_to_edit(
        &state.pool,
        &user,
        meeting_id,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// Creates a meeting or a series ("Nuovo incontro"); then shows its week.
#[server(endpoint = "planning/create")]
pub async fn create_meeting(
    service: String,
    title: String,
    description: Option<String>,
    date: String,
    start: String,
    end: String,
    room: Option<String>,
    leaders: Option<Vec<String>>,
    capacity: Option<String>,
    age_min: Option<String>,
    age_max: Option<String>,
    booking_opens_days: Option<String>,
    cancel_cutoff_hours: Option<String>,
    repeat: Option<String>,
    weekdays: Option<Vec<String>>,
    ends: Option<String>,
    until: Option<String>,
    count: Option<String>,
    kind: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let form = super::domain::NewMeetingForm {
        service,
        title,
        description: description.unwrap_or_default(),
        date,
        start,
        end,
        room: room.unwrap_or_default(),
        leaders: leaders.unwrap_or_default(),
        capacity: capacity.unwrap_or_default(),
        age_min: age_min.unwrap_or_default(),
        age_max: age_max.unwrap_or_default(),
        booking_opens_days: booking_opens_days.unwrap_or_default(),
        cancel_cutoff_hours: cancel_cutoff_hours.unwrap_or_default(),
        repeat: repeat.unwrap_or_default(),
        weekdays: weekdays.unwrap_or_default(),
        ends: ends.unwrap_or_default(),
        until: until.unwrap_or_default(),
        count: count.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
    };
    let created = super::service::create_from_form(&state.pool, &user, &form).await?;
    leptos_axum::redirect(&format!(
        "/gestione/calendario?vista=settimana&data={}&creati={}&saltati={}",
        form.date.trim(),
        created.meeting_ids.len(),
        created.skipped.len()
    ));
    Ok(())
}

/// Moves a meeting ("Sposta…", or a drag in the week view); then shows its new week.
#[server(endpoint = "planning/move")]
pub async fn move_meeting(
    meeting: String,
    date: String,
    start: String,
    end: String,
    room: Option<String>,
    scope: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let form = super::domain::MoveForm {
        meeting,
        date,
        start,
        end,
        room: room.unwrap_or_default(),
        scope: scope.unwrap_or_default(),
    };
    let (meeting_id, change) = form.parse()?;
    let day = change.day;
    let outcome = super::service::move_meeting(
        &state.pool,
        &user,
        meeting_id,
        change,
        crate::shared::clock::now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/gestione/calendario?vista=settimana&data={day}&spostati={}&avvisate={}",
        outcome.meetings, outcome.families_told
    ));
    Ok(())
}

/// Changes the title, description and leaders of a meeting (or of the following ones, or of its
/// whole series); then shows its week.
#[server(endpoint = "planning/details")]
pub async fn edit_meeting_details(
    meeting: String,
    title: String,
    description: Option<String>,
    leaders: Option<Vec<String>>,
    scope: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let form = super::domain::DetailsForm {
        meeting,
        title,
        description: description.unwrap_or_default(),
        leaders: leaders.unwrap_or_default(),
        scope: scope.unwrap_or_default(),
    };
    let (meeting_id, details) = form.parse()?;
    let outcome = super::service::edit_details(
        &state.pool,
        &user,
        meeting_id,
        details,
        crate::shared::clock::now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/gestione/calendario?vista=settimana&data={}&modificati={}",
        outcome.day, outcome.meetings
    ));
    Ok(())
}

/// Cancels a meeting (or the following ones, or its whole series) with a reason.
#[server(endpoint = "planning/cancel")]
pub async fn cancel_meeting(
    meeting: String,
    reason: String,
    scope: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = uuid::Uuid::parse_str(meeting.trim()).map_err(|_| AppError::NotFound)?;
    let scope = super::domain::EditScope::parse(scope.as_deref().unwrap_or_default())
        .ok_or_else(|| AppError::validation("scope", "errors.choose_one"))?;
    let outcome = super::service::cancel_meeting(
        &state.pool,
        &user,
        meeting_id,
        &reason,
        scope,
        crate::shared::clock::now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/gestione/calendario?vista=settimana&data={}&annullati={}&avvisate={}",
        outcome.day, outcome.meetings, outcome.families_told
    ));
    Ok(())
}

/// Changes the capacity of a meeting (of its cycle); a larger one promotes from the waiting list.
#[server(endpoint = "planning/capacity")]
pub async fn change_capacity(meeting: String, capacity: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = uuid::Uuid::parse_str(meeting.trim()).map_err(|_| AppError::NotFound)?;
    let capacity = super::domain::parse_optional_number(
        &capacity,
        "capacity",
        1..=1000,
        "errors.capacity_range",
    )?
    .ok_or_else(|| AppError::validation("capacity", "errors.required"))?;
    let promoted = super::service::change_capacity(
        &state.pool,
        &user,
        meeting_id,
        capacity,
        crate::shared::clock::now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/gestione/calendario/incontri/{meeting_id}/sposta?posti={capacity}&promossi={promoted}"
    ));
    Ok(())
}

/// "La mia settimana" of the staff member logged in: the week of `data` (any day of it,
/// `YYYY-MM-DD`; today's week when missing or not a date).
#[server(endpoint = "planning/agenda")]
pub async fn get_my_agenda(
    lang: String,
    data: Option<String>,
) -> Result<super::agenda::AgendaWeek, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let now = crate::shared::clock::now();
    let today = now.with_timezone(&crate::shared::time::ROME).date_naive();
    let monday = super::agenda::week_asked(data.as_deref(), today);
    super::service::my_agenda(&state.pool, &user, monday, &lang, now).await
}

/// A period of the staff calendar (`/gestione/calendario`): every service of the user's
/// centres, cancelled meetings included; the week view unless another is asked for.
#[server(endpoint = "planning/calendar")]
pub async fn get_staff_calendar(
    lang: String,
    params: crate::calendar::domain::CalendarParams,
) -> Result<crate::calendar::domain::CalendarPeriodData, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::staff_calendar(
        &state.pool,
        &user,
        &lang,
        &params,
        crate::shared::clock::now(),
    )
    .await
}
