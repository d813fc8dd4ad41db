//! Calendar files (RFC 5545) for families: the events of a household's bookings and case
//! appointments, written by `icalendar` (escaping, folding, DTSTAMP), and the HTTP answers that
//! carry them. Booking and case paths both write through here.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::shared::error::AppError;

/// Text for one line of a calendar file: control characters (a bare CR ends a line for some
/// readers, and could smuggle a property in) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// One event of a family's calendar: a booked meeting or a case appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across changes, so that a calendar updates the event rather than adding one.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// RFC 5545 SEQUENCE: raised by every change of time, place or status.
    pub sequence: i32,
    pub state: EventState,
}

/// An event's `STATUS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventState {
    Confirmed,
    /// A booking still on the waiting list.
    Tentative,
    Cancelled,
}

/// The iCalendar text of `events` (every line's text on one line, escaped by `icalendar`).
pub fn calendar_of(name: &str, events: &[CalendarEvent]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&one_line(name));
    for event in events {
        calendar.push(
            Event::new()
                .uid(&one_line(&event.uid))
                .summary(&one_line(&event.summary))
                .description(&one_line(&event.description))
                .location(&one_line(&event.location))
                .starts(event.starts_at)
                .ends(event.ends_at)
                .sequence(u32::try_from(event.sequence).unwrap_or_default())
                .status(match event.state {
                    EventState::Cancelled => EventStatus::Cancelled,
                    EventState::Tentative => EventStatus::Tentative,
                    EventState::Confirmed => EventStatus::Confirmed,
                })
                .done(),
        );
    }
    calendar.done().to_string()
}

/// A calendar file as a download, never cached by a shared cache.
pub fn ics_response(filename: &str, body: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// An error as the calendar app sees it: its status (503 while the database is unreachable).
pub fn failed(error: AppError) -> Response {
    StatusCode::from_u16(error.status())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        .into_response()
}

/// No such calendar (or not this person's).
pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Non trovato / Not found").into_response()
}
