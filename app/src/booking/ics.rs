//! Bookings in the family's own calendar: an `.ics` file per booking (every meeting of a cycle),
//! and a private feed of all the household's bookings (and its case paths' appointments) that a
//! phone subscribes to. The feed's
//! address holds a secret token; regenerating it stops the old address working. Like session
//! and reset tokens, the database keeps only the token's SHA-256, so the address can be shown
//! only once, right after it is made: it travels to that one page view in a two-minute,
//! HttpOnly cookie ([`SHOWN_ONCE_COOKIE`]) that the page clears as it reads it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::shared::error::AppError;
pub use crate::shared::ics::{calendar_of, CalendarEvent, EventState};
use crate::shared::ics::{failed, ics_response, not_found};
use crate::shared::state::AppState;

/// One meeting as a calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingEvent {
    pub booking_id: Uuid,
    pub meeting_id: Uuid,
    pub waiting: bool,
    /// The centre cancelled the meeting (or the booking with it): kept, as `STATUS:CANCELLED`,
    /// so that subscribed calendars remove it rather than keep a stale event.
    pub cancelled: bool,
    /// RFC 5545 SEQUENCE: raised by every change of the meeting's time, place or status.
    pub sequence: i32,
    pub title: String,
    pub service_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
}

/// The household's live bookings (or one of them) as meetings, soonest first.
pub async fn meeting_events(
    pool: &PgPool,
    household_id: Uuid,
    booking_id: Option<Uuid>,
) -> Result<Vec<MeetingEvent>, AppError> {
    let rows = sqlx::query!(
        r#"select b.booking_id, b.status, gs.group_session_id, gs.title, gs.starts_at, gs.ends_at,
                  gs.status as meeting_status, gs.sequence,
                  s.name as service_name, ce.name as centre_name, ce.address,
                  r.name as "room?"
           from booking b
           join group_session gs on gs.group_session_id = b.group_session_id
                                 or (b.cycle_id is not null and gs.cycle_id = b.cycle_id)
           join service s on s.service_id = gs.service_id
           join centre ce on ce.centre_id = s.centre_id
           left join room r on r.room_id = gs.room_id
           where b.household_id = $1 and ($2::uuid is null or b.booking_id = $2)
             and (b.status <> 'cancelled' or b.cancelled_by_centre)
           order by gs.starts_at"#,
        household_id,
        booking_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MeetingEvent {
            booking_id: row.booking_id,
            meeting_id: row.group_session_id,
            waiting: row.status == "waitlisted",
            cancelled: row.status == "cancelled" || row.meeting_status == "cancelled",
            sequence: row.sequence,
            title: row.title,
            service_name: row.service_name,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            place: [Some(row.centre_name), row.room, Some(row.address)]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect())
}

impl From<&MeetingEvent> for CalendarEvent {
    fn from(event: &MeetingEvent) -> CalendarEvent {
        CalendarEvent {
            uid: format!("{}-{}@ancora", event.booking_id, event.meeting_id),
            summary: event.title.clone(),
            description: event.service_name.clone(),
            location: event.place.clone(),
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            sequence: event.sequence,
            state: if event.cancelled {
                EventState::Cancelled
            } else if event.waiting {
                EventState::Tentative
            } else {
                EventState::Confirmed
            },
        }
    }
}

/// The iCalendar text of booked meetings. A booking still on the waiting list is `TENTATIVE`.
pub fn calendar(name: &str, events: &[MeetingEvent]) -> String {
    let events: Vec<CalendarEvent> = events.iter().map(CalendarEvent::from).collect();
    calendar_of(name, &events)
}

/// The cookie that carries a new feed token to the one page view that shows it.
pub const SHOWN_ONCE_COOKIE: &str = "ancora_feed";

/// A new feed token for the household (the old address stops working). Returns the token, to
/// be shown once; only its hash is kept.
pub async fn regenerate_feed_token(pool: &PgPool, household_id: Uuid) -> Result<String, AppError> {
    let token = crate::accounts::session::new_token();
    sqlx::query!(
        "update household set calendar_token_hash = $2, calendar_token_created_at = now()
         where household_id = $1",
        household_id,
        crate::accounts::session::token_hash(&token)
    )
    .execute(pool)
    .await?;
    Ok(token)
}

/// The household's feed as "my bookings" shows it: since when it exists and, right after it was
/// made, its address (`new_token`: the token from [`SHOWN_ONCE_COOKIE`], if it is the
/// household's current one).
pub async fn feed_state(
    pool: &PgPool,
    household_id: Uuid,
    new_token: Option<&str>,
    public_url: &str,
    locale: &str,
) -> Result<super::model::FeedState, AppError> {
    let row = sqlx::query!(
        "select calendar_token_hash, calendar_token_created_at from household
         where household_id = $1",
        household_id
    )
    .fetch_one(pool)
    .await?;
    let new_url = new_token
        .filter(|token| {
            row.calendar_token_hash.as_deref()
                == Some(crate::accounts::session::token_hash(token).as_str())
        })
        .map(|token| format!("{}{}", public_url.trim_end_matches('/'), feed_path(token)));
    Ok(super::model::FeedState {
        new_url,
        since: row
            .calendar_token_created_at
            .map(|made| crate::shared::time::day_label(made, locale)),
    })
}

/// The `Set-Cookie` value that carries `token` to the next page view (or, with `None`, clears
/// it).
pub fn shown_once_cookie(token: Option<&str>, secure: bool) -> String {
    crate::accounts::session::http_only_cookie(SHOWN_ONCE_COOKIE, token, 120, secure)
}

/// The feed's address, for the family to copy into their phone.
pub fn feed_path(token: &str) -> String {
    format!("/calendario/{token}/prenotazioni.ics")
}

/// `GET /le-mie-prenotazioni/{booking}/calendario.ics`: one booking, for the logged-in family.
pub async fn booking_ics(
    State(state): State<AppState>,
    Path(booking): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(booking_id) = Uuid::parse_str(&booking) else {
        return not_found();
    };
    let user = match crate::accounts::session::user_from_headers(&state.pool, &headers).await {
        Ok(user) => user,
        Err(error) => return failed(error),
    };
    let Some(household_id) = user.and_then(|user| user.household_id) else {
        return (StatusCode::UNAUTHORIZED, "Accedi / Log in").into_response();
    };
    match meeting_events(&state.pool, household_id, Some(booking_id)).await {
        Ok(events) if !events.is_empty() => {
            ics_response("prenotazione.ics", calendar("Àncora", &events))
        }
        Ok(_) => not_found(),
        Err(error) => failed(error),
    }
}

/// Everything of the household's feed: its booked meetings and the appointments of its case
/// paths (at its own times; see `family_cases::service`), soonest first.
pub async fn feed_events(
    pool: &PgPool,
    household_id: Uuid,
) -> Result<Vec<CalendarEvent>, AppError> {
    let mut events: Vec<CalendarEvent> = meeting_events(pool, household_id, None)
        .await?
        .iter()
        .map(CalendarEvent::from)
        .collect();
    events
        .extend(crate::family_cases::service::appointment_events(pool, household_id, None).await?);
    events.sort_by_key(|event| event.starts_at);
    Ok(events)
}

/// `GET /calendario/{token}/prenotazioni.ics`: the household's feed, by its secret token.
pub async fn feed_ics(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if token.len() < 32 || token.len() > 128 {
        return not_found();
    }
    let household = sqlx::query_scalar!(
        "select household_id from household where calendar_token_hash = $1",
        crate::accounts::session::token_hash(&token)
    )
    .fetch_optional(&state.pool)
    .await;
    match household {
        Ok(Some(household_id)) => match feed_events(&state.pool, household_id).await {
            Ok(events) => ics_response("prenotazioni.ics", calendar_of("Àncora", &events)),
            Err(error) => failed(error),
        },
        Ok(None) => not_found(),
        Err(error) => failed(AppError::from(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_ics_file_has_one_event_per_meeting_with_escaped_text() {
        let event = MeetingEvent {
            booking_id: Uuid::from_u128(1),
            meeting_id: Uuid::from_u128(2),
            waiting: true,
            cancelled: false,
            sequence: 0,
            title: "Gruppo genitori; serata, \"insieme\"".into(),
            service_name: "Gruppi con i genitori".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 2, 16, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 12, 2, 17, 30, 0).unwrap(),
            place: "Àncora, Sala Blu".into(),
        };
        let text = calendar("Àncora", &[event]);
        assert!(text.starts_with("BEGIN:VCALENDAR"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(text.contains("DTSTART:20261202T160000Z"));
        assert!(text.contains("STATUS:TENTATIVE"));
        assert!(text.contains("SUMMARY:Gruppo genitori\\; serata\\, \"insieme\""));
        assert!(text.contains("LOCATION:Àncora\\, Sala Blu"));
    }

    #[test]
    fn control_characters_never_reach_a_calendar_file() {
        let event = MeetingEvent {
            booking_id: Uuid::from_u128(1),
            meeting_id: Uuid::from_u128(2),
            waiting: false,
            cancelled: false,
            sequence: 0,
            title: "Gruppo\rATTENDEE:mailto:x@evil.example\u{7}".into(),
            service_name: "Gruppi\ncon i genitori".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 2, 16, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 12, 2, 17, 30, 0).unwrap(),
            place: "Sala\u{0}Blu".into(),
        };
        let text = calendar("Àncora\r", &[event]);
        // Lines end with CR LF and nothing else has a CR or another control character.
        let body = text.replace("\r\n", "");
        assert!(!body.chars().any(char::is_control), "{text:?}");
        assert!(!text.contains("\r\nATTENDEE"));
        assert!(text.contains("SUMMARY:Gruppo ATTENDEE:mailto:x@evil.example "));
    }
}
