//! A polo's set-up, without the database: its rooms and the days it is closed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};

/// Longest room name (the schema's limit), in characters.
pub const ROOM_NAME_MAX_CHARS: usize = 100;
/// Fewest and most persons a room holds (the schema's limits).
pub const ROOM_CAPACITY_MIN: i32 = 1;
pub const ROOM_CAPACITY_MAX: i32 = 1000;
/// Most days one closure may span (a summer break, not a whole year by mistake).
pub const CLOSED_RANGE_MAX_DAYS: i64 = 60;
/// Longest reason for a closure (the schema's limit), in characters.
pub const CLOSED_REASON_MAX_CHARS: usize = 200;

/// A room of a polo, where meetings take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub room_id: Uuid,
    pub centre_id: Uuid,
    pub name: String,
    /// Persons it holds.
    pub capacity: i32,
    /// Reachable without steps (wheelchairs, pushchairs).
    pub is_accessible: bool,
    /// Inactive rooms keep their past meetings but take no new ones.
    pub is_active: bool,
}

/// A room's details as a coordinator typed them, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomDetails {
    pub name: String,
    pub capacity: i32,
    pub is_accessible: bool,
}

impl RoomDetails {
    /// Checks the room form: `accessible` is `yes` or `no` (the form's choice). Every field's
    /// problem at once, in the form's order.
    pub fn parse(name: &str, capacity: &str, accessible: &str) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let name = errors.check(parse_room_name(name));
        let capacity = errors.check(parse_capacity(capacity));
        let is_accessible = match accessible.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.add("accessible", "errors.accessible_invalid");
                None
            }
        };
        errors.finish()?;
        match (name, capacity, is_accessible) {
            (Some(name), Some(capacity), Some(is_accessible)) => Ok(RoomDetails {
                name,
                capacity,
                is_accessible,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// A room's name: trimmed, inner runs of spaces made one, 1–100 characters, no control
/// characters.
pub fn parse_room_name(raw: &str) -> Result<String, AppError> {
    let name = normal_spaces(raw);
    if name.is_empty() {
        return Err(AppError::validation("name", "errors.required"));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation("name", "errors.room_name_invalid"));
    }
    if name.chars().count() > ROOM_NAME_MAX_CHARS {
        return Err(AppError::validation("name", "errors.name_too_long"));
    }
    Ok(name)
}

/// `text` trimmed, each run of spaces (newlines, tabs) made one space.
fn normal_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A capacity typed in a form: a whole number of persons, 1–1000.
pub fn parse_capacity(raw: &str) -> Result<i32, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation("capacity", "errors.required"));
    }
    if !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::validation(
            "capacity",
            "errors.capacity_whole_number",
        ));
    }
    // Digits only: a failure here is a number too large for i32, out of range all the same.
    match raw.parse::<i32>() {
        Ok(capacity) if (ROOM_CAPACITY_MIN..=ROOM_CAPACITY_MAX).contains(&capacity) => Ok(capacity),
        _ => Err(AppError::validation("capacity", "errors.capacity_range")),
    }
}

pub use crate::shared::error::{capacity_below_meetings_key, meetings_in_key};

/// Days a polo closes, from `from` to `to` included, with a reason (at most
/// [`CLOSED_RANGE_MAX_DAYS`] days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedRange {
    from: NaiveDate,
    to: NaiveDate,
    reason: String,
}

impl ClosedRange {
    /// A range of days: `to` not before `from`, at most 60 days, a reason of at most 200
    /// characters (trimmed; it may be empty).
    pub fn new(from: NaiveDate, to: NaiveDate, reason: &str) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        if to < from {
            errors.add("to", "errors.closed_range_order");
        } else if (to - from).num_days() + 1 > CLOSED_RANGE_MAX_DAYS {
            errors.add("to", "errors.closed_range_too_long");
        }
        let reason = normal_spaces(reason);
        if reason.chars().count() > CLOSED_REASON_MAX_CHARS {
            errors.add("reason", "errors.closed_reason_too_long");
        } else if reason.chars().any(char::is_control) {
            // A NUL cannot even be stored (PostgreSQL refuses it: a 500 before this check).
            errors.add("reason", "errors.text_too_long");
        }
        errors.finish()?;
        Ok(ClosedRange { from, to, reason })
    }

    /// The closure form as typed, on `today` (in Rome): a first day from today on, a last day
    /// (empty: the first day only) and a reason, which the form requires.
    pub fn parse(from: &str, to: &str, reason: &str, today: NaiveDate) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let from = errors.check(parse_day("from", from));
        if from.is_some_and(|from| from < today) {
            errors.add("from", "errors.closed_day_past");
        }
        let to = if to.trim().is_empty() {
            from
        } else {
            errors.check(parse_day("to", to))
        };
        if reason.trim().is_empty() {
            errors.add("reason", "errors.required");
        } else if normal_spaces(reason).chars().count() > CLOSED_REASON_MAX_CHARS {
            errors.add("reason", "errors.closed_reason_too_long");
        }
        if let (Some(from), Some(to)) = (from, to) {
            errors.check(Self::new(from, to, reason));
        }
        errors.finish()?;
        match (from, to) {
            (Some(from), Some(to)) => Self::new(from, to, reason),
            _ => Err(AppError::Internal),
        }
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> NaiveDate {
        self.to
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Every day of the range, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|day| *day <= self.to)
    }
}

/// A day typed in a date field (`YYYY-MM-DD`) for `field`.
pub fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, "errors.date_invalid"))
}

/// A scheduled meeting on a day the polo is closed: it stays scheduled, the page points to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingOnClosedDay {
    pub meeting_id: Uuid,
    pub title: String,
    /// "17:00–18:30", in Rome.
    pub time_label: String,
}

/// What adding a closure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedDaysAdded {
    /// Days newly recorded as closed.
    pub added: Vec<NaiveDate>,
    /// Days of the range that were closed already (left as they were, reason included).
    pub already_closed: Vec<NaiveDate>,
    /// Days of the range with scheduled meetings, and how many: they are not changed.
    pub days_with_meetings: Vec<(NaiveDate, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(error: AppError) -> Vec<(String, String)> {
        error
            .field_errors()
            .iter()
            .map(|e| (e.field.clone(), e.message_key.clone()))
            .collect()
    }

    #[test]
    fn a_closure_reason_with_a_control_character_is_refused() {
        let day = d(2026, 12, 1);
        for bad in ["a\0b", "Chiuso\u{7}"] {
            let error = ClosedRange::new(day, day, bad).unwrap_err();
            assert_eq!(
                fields(error),
                [("reason".to_string(), "errors.text_too_long".to_string())],
                "{bad:?}"
            );
        }
        // Line breaks and tabs are only spaces.
        let range = ClosedRange::new(day, day, "Assemblea\n\tdel personale").unwrap();
        assert_eq!(range.reason(), "Assemblea del personale");
    }

    #[test]
    fn a_room_needs_a_name_and_a_whole_number_of_places() {
        let room = RoomDetails::parse("  Sala   Blu ", " 20 ", "yes").unwrap();
        assert_eq!(
            room,
            RoomDetails {
                name: "Sala Blu".into(),
                capacity: 20,
                is_accessible: true
            }
        );
        assert!(!RoomDetails::parse("Sala", "1", "no").unwrap().is_accessible);
        let error = RoomDetails::parse(" ", "venti", "maybe").unwrap_err();
        assert_eq!(
            fields(error),
            [
                ("name".into(), "errors.required".into()),
                ("capacity".into(), "errors.capacity_whole_number".into()),
                ("accessible".into(), "errors.accessible_invalid".into()),
            ]
        );
    }

    #[test]
    fn capacity_is_between_one_and_a_thousand() {
        assert_eq!(parse_capacity("1"), Ok(1));
        assert_eq!(parse_capacity("1000"), Ok(1000));
        for bad in ["0", "1001", "99999999999999999999"] {
            assert_eq!(
                parse_capacity(bad),
                Err(AppError::validation("capacity", "errors.capacity_range")),
                "{bad}"
            );
        }
        for bad in ["-3", "2.5", "1e3", "١٢"] {
            assert_eq!(
                parse_capacity(bad),
                Err(AppError::validation(
                    "capacity",
                    "errors.capacity_whole_number"
                )),
                "{bad}"
            );
        }
        assert_eq!(
            parse_capacity(""),
            Err(AppError::validation("capacity", "errors.required"))
        );
    }

    #[test]
    fn a_room_name_is_at_most_a_hundred_characters_and_printable() {
        assert_eq!(parse_room_name(&"è".repeat(100)), Ok("è".repeat(100)));
        assert_eq!(
            parse_room_name(&"è".repeat(101)),
            Err(AppError::validation("name", "errors.name_too_long"))
        );
        assert_eq!(
            parse_room_name("Sala\u{7}"),
            Err(AppError::validation("name", "errors.room_name_invalid"))
        );
    }

    #[test]
    fn the_meeting_count_travels_in_the_capacity_key() {
        let key = capacity_below_meetings_key(3);
        assert_eq!(key, "errors.room_capacity_below_meetings:3");
        assert_eq!(meetings_in_key(&key), Some(3));
        assert_eq!(meetings_in_key("room_capacity_below_meetings:1"), Some(1));
        assert_eq!(meetings_in_key("errors.capacity_range"), None);
    }

    #[test]
    fn a_closure_is_one_day_or_a_range_of_at_most_sixty() {
        let today = d(2026, 12, 1);
        let one = ClosedRange::parse("2026-12-24", "", "Vigilia", today).unwrap();
        assert_eq!(one.days().collect::<Vec<_>>(), [d(2026, 12, 24)]);
        let range =
            ClosedRange::parse("2026-12-24", "2027-01-06", " Vacanze  di Natale ", today).unwrap();
        assert_eq!(range.days().count(), 14);
        assert_eq!(range.reason(), "Vacanze di Natale");
        assert!(ClosedRange::parse("2026-12-01", "2027-01-29", "x", today).is_ok());
        assert_eq!(
            fields(ClosedRange::parse("2026-12-01", "2027-01-30", "x", today).unwrap_err()),
            [("to".into(), "errors.closed_range_too_long".into())]
        );
        assert_eq!(
            fields(ClosedRange::parse("2026-12-24", "2026-12-23", "x", today).unwrap_err()),
            [("to".into(), "errors.closed_range_order".into())]
        );
    }

    #[test]
    fn a_closure_form_reports_every_problem() {
        let today = d(2026, 12, 1);
        assert_eq!(
            fields(ClosedRange::parse("2026-11-30", "31/12/2026", " ", today).unwrap_err()),
            [
                ("from".into(), "errors.closed_day_past".into()),
                ("to".into(), "errors.date_invalid".into()),
                ("reason".into(), "errors.required".into()),
            ]
        );
        assert_eq!(
            fields(ClosedRange::parse("", "", &"x".repeat(201), today).unwrap_err()),
            [
                ("from".into(), "errors.required".into()),
                ("reason".into(), "errors.closed_reason_too_long".into()),
            ]
        );
    }

    #[test]
    fn the_loader_may_record_past_days_and_no_reason() {
        let range = ClosedRange::new(d(2026, 1, 1), d(2026, 1, 1), "").unwrap();
        assert_eq!(range.reason(), "");
        assert_eq!(range.from(), range.to());
    }
}
