//! Who needs a phone call: persons with [`MIN_EVENTS`] or more absences without notice or late
//! cancellations in one service in the last [`WINDOW_DAYS`] days. A call about them in that
//! service takes them off the list until their next absence (or late cancellation). Pure rules
//! and the types the page gets.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::AppError;

/// How far back the list looks.
pub const WINDOW_DAYS: i64 = 60;
/// How many absences or late cancellations put a person on the list.
pub const MIN_EVENTS: usize = 2;
/// The longest note of a call (the column's own limit).
pub const NOTE_MAX_CHARS: usize = 1000;
/// The page's address.
pub const FOLLOW_UP_PATH: &str = "/coordinamento/da-richiamare";

/// The start of the window that ends at `now`.
pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(WINDOW_DAYS)
}

/// What counts against a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// Marked absent (without notice) in a meeting's register; `excused` never counts.
    Absence,
    /// A booking of theirs cancelled inside the cut-off.
    LateCancellation,
}

impl EventKind {
    /// The code the queries use.
    pub fn parse(code: &str) -> Option<EventKind> {
        match code {
            "absent" => Some(EventKind::Absence),
            "late_cancel" => Some(EventKind::LateCancellation),
            _ => None,
        }
    }
}

/// One absence or late cancellation of a person in a service, with the last call about them
/// in that service (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub member_id: Uuid,
    pub service_id: Uuid,
    /// When it happened: the meeting's start for an absence, the cancellation for a late one.
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub last_call: Option<DateTime<Utc>>,
}

/// A person to call about a service: the events that count, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToCall {
    pub member_id: Uuid,
    pub service_id: Uuid,
    pub events: Vec<(DateTime<Utc>, EventKind)>,
}

/// The persons to call among `events`: per person and service, the events inside the window
/// that ends at `now`, when there are [`MIN_EVENTS`] or more and at least one of them came
/// after the last call ("called" takes a person off the list until their next absence). Those
/// with the most events first, then the most recent.
pub fn to_call(events: &[Event], now: DateTime<Utc>) -> Vec<ToCall> {
    let from = window_start(now);
    let mut found: Vec<ToCall> = Vec::new();
    // Whether each person (in `found`'s order) has an event after their last call.
    let mut new_since_call: Vec<bool> = Vec::new();
    for event in events {
        if event.at < from || event.at > now {
            continue;
        }
        let item = (event.at, event.kind);
        let fresh = event.last_call.is_none_or(|called| event.at > called);
        match found
            .iter()
            .position(|c| c.member_id == event.member_id && c.service_id == event.service_id)
        {
            Some(index) => {
                found[index].events.push(item);
                new_since_call[index] |= fresh;
            }
            None => {
                found.push(ToCall {
                    member_id: event.member_id,
                    service_id: event.service_id,
                    events: vec![item],
                });
                new_since_call.push(fresh);
            }
        }
    }
    let mut fresh = new_since_call.into_iter();
    found.retain(|_| fresh.next().unwrap_or(false));
    found.retain(|person| person.events.len() >= MIN_EVENTS);
    for person in &mut found {
        person.events.sort();
    }
    found.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then_with(|| {
                b.events
                    .last()
                    .map(|e| e.0)
                    .cmp(&a.events.last().map(|e| e.0))
            })
            .then_with(|| (a.member_id, a.service_id).cmp(&(b.member_id, b.service_id)))
    });
    found
}

/// The note of a call: trimmed, line breaks as `\n`, at most [`NOTE_MAX_CHARS`] characters,
/// no control characters but line breaks and tabs. May be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallNote(String);

impl CallNote {
    pub fn parse(raw: &str) -> Result<CallNote, AppError> {
        let text = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
        if text.chars().count() > NOTE_MAX_CHARS {
            return Err(AppError::validation("note", "follow_up.note_too_long"));
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(AppError::validation("note", "follow_up.note_invalid"));
        }
        Ok(CallNote(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One absence or late cancellation as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLabel {
    /// "martedì 3 novembre".
    pub day_label: String,
    pub kind: EventKind,
}

/// One person to call, with how to reach their household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRow {
    pub member_id: Uuid,
    pub service_id: Uuid,
    /// "Sofia Rossi".
    pub person: String,
    /// The family account's e-mail addresses (none for a walk-in household).
    pub emails: Vec<String>,
    pub phone: String,
    /// The contact a walk-in household gave in the room (empty otherwise).
    pub contact_email: String,
    pub service: String,
    pub centre: String,
    pub events: Vec<EventLabel>,
}

/// The page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpList {
    pub rows: Vec<FollowUpRow>,
    /// Whether the viewer reaches several centres (the rows then name theirs).
    pub several_centres: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    fn event(member: u128, service: u128, days_ago: i64, kind: EventKind) -> Event {
        Event {
            member_id: Uuid::from_u128(member),
            service_id: Uuid::from_u128(service),
            at: now() - Duration::days(days_ago),
            kind,
            last_call: None,
        }
    }

    #[test]
    fn two_absences_in_a_service_put_a_person_on_the_list_one_does_not() {
        let events = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 10, 10, EventKind::Absence),
            event(2, 10, 3, EventKind::Absence),
        ];
        let list = to_call(&events, now());
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].member_id, Uuid::from_u128(1));
        assert_eq!(list[0].events.len(), 2);
        assert!(list[0].events[0].0 < list[0].events[1].0, "oldest first");
    }

    #[test]
    fn late_cancellations_count_like_absences() {
        let events = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 10, 20, EventKind::LateCancellation),
        ];
        assert_eq!(to_call(&events, now()).len(), 1);
    }

    #[test]
    fn each_service_is_counted_on_its_own() {
        let events = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 11, 10, EventKind::Absence),
        ];
        assert!(to_call(&events, now()).is_empty());
    }

    #[test]
    fn events_older_than_the_window_or_not_yet_happened_do_not_count() {
        let events = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 10, WINDOW_DAYS + 1, EventKind::Absence),
            event(1, 10, -2, EventKind::Absence),
        ];
        assert!(to_call(&events, now()).is_empty());
        let inside = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 10, WINDOW_DAYS, EventKind::Absence),
        ];
        assert_eq!(to_call(&inside, now()).len(), 1);
    }

    #[test]
    fn a_call_takes_a_person_off_until_their_next_absence() {
        let called = Some(now() - Duration::days(5));
        let mut events = vec![
            Event {
                last_call: called,
                ..event(1, 10, 10, EventKind::Absence)
            },
            Event {
                last_call: called,
                ..event(1, 10, 8, EventKind::Absence)
            },
        ];
        assert!(to_call(&events, now()).is_empty(), "nothing since the call");
        events.push(Event {
            last_call: called,
            ..event(1, 10, 1, EventKind::LateCancellation)
        });
        let list = to_call(&events, now());
        assert_eq!(list.len(), 1, "back with the next one");
        assert_eq!(list[0].events.len(), 3, "with every event of the window");
        // A single absence after a call, with nothing else in the window, is not two.
        let alone = [Event {
            last_call: called,
            ..event(2, 10, 1, EventKind::Absence)
        }];
        assert!(to_call(&alone, now()).is_empty());
    }

    #[test]
    fn the_most_events_come_first() {
        let events = [
            event(1, 10, 3, EventKind::Absence),
            event(1, 10, 4, EventKind::Absence),
            event(2, 10, 5, EventKind::Absence),
            event(2, 10, 6, EventKind::Absence),
            event(2, 10, 7, EventKind::Absence),
        ];
        let list = to_call(&events, now());
        assert_eq!(list[0].member_id, Uuid::from_u128(2));
    }

    #[test]
    fn a_note_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            CallNote::parse("  Parlato con la mamma\r\nTorna giovedì ")
                .unwrap()
                .as_str(),
            "Parlato con la mamma\nTorna giovedì"
        );
        assert_eq!(CallNote::parse("").unwrap().as_str(), "");
        assert!(CallNote::parse(&"è".repeat(NOTE_MAX_CHARS)).is_ok());
        assert_eq!(
            CallNote::parse(&"è".repeat(NOTE_MAX_CHARS + 1)),
            Err(AppError::validation("note", "follow_up.note_too_long"))
        );
        assert_eq!(
            CallNote::parse("a\u{0}b"),
            Err(AppError::validation("note", "follow_up.note_invalid"))
        );
    }
}
