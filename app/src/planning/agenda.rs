//! "La mia settimana": the meetings a staff member leads in one week, across services and
//! centres. The week runs Monday to Sunday, in Rome.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The Monday of the week `day` is in.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The Monday of the week asked for by `?data=` (any day of it, `YYYY-MM-DD`), or of `today`'s
/// week when the parameter is missing or not a date. Days too far from today (a typo in the
/// year) fall back to today's week too, so a query never scans the whole calendar.
pub fn week_asked(raw: Option<&str>, today: NaiveDate) -> NaiveDate {
    let asked = raw
        .and_then(|raw| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok())
        .filter(|day| (*day - today).num_days().abs() <= 3 * 366)
        .unwrap_or(today);
    monday_of(asked)
}

/// One meeting of the agenda, as the page shows it (texts made on the server, in Rome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaMeeting {
    pub meeting_id: Uuid,
    /// "2026-12-01": the day it is on, to group the rows.
    pub date: String,
    /// "martedì 1 dicembre".
    pub day_label: String,
    /// "17:00–18:30".
    pub time_label: String,
    pub title: String,
    pub service_name: String,
    pub centre_name: String,
    pub room_name: Option<String>,
    /// Its capacity (its cycle's, for a closed cycle) and the persons confirmed.
    pub capacity: i32,
    pub seats_taken: i32,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
    /// Started or over: it can no longer be moved or cancelled.
    pub started: bool,
}

/// A staff member's week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaWeek {
    /// Whose agenda it is (the printed page names them).
    pub person: String,
    /// "2026-11-23" and "2026-11-29".
    pub monday: String,
    pub sunday: String,
    /// "23 novembre" and "29 novembre 2026" (the year on both when the week spans two).
    pub from_label: String,
    pub to_label: String,
    /// Any day of the weeks before and after, for the links.
    pub previous: String,
    pub next: String,
    /// Whether this is the week of today.
    pub this_week: bool,
    pub meetings: Vec<AgendaMeeting>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_week_starts_on_its_monday_whatever_day_is_asked() {
        assert_eq!(monday_of(date(2026, 11, 25)), date(2026, 11, 23));
        assert_eq!(monday_of(date(2026, 11, 23)), date(2026, 11, 23));
        assert_eq!(monday_of(date(2026, 11, 29)), date(2026, 11, 23));
        // Across a year.
        assert_eq!(monday_of(date(2027, 1, 2)), date(2026, 12, 28));
    }

    #[test]
    fn a_missing_or_bad_date_shows_this_week() {
        let today = date(2026, 11, 25);
        assert_eq!(week_asked(None, today), date(2026, 11, 23));
        assert_eq!(week_asked(Some("domani"), today), date(2026, 11, 23));
        assert_eq!(week_asked(Some("2026-02-30"), today), date(2026, 11, 23));
        assert_eq!(week_asked(Some("9999-01-01"), today), date(2026, 11, 23));
        assert_eq!(week_asked(Some(" 2026-12-03 "), today), date(2026, 11, 30));
    }
}
