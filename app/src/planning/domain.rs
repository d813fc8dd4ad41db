//! The rules of planning a centre's calendar, without the database: what a "new meeting" form
//! must hold, which days a series falls on, and how an edit reaches the rest of its series.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};
pub use crate::shared::parse::{
    parse_date, parse_ids, parse_optional_number, parse_text, parse_time, parse_uuid, SNAP_MINUTES,
};

/// The most meetings one series may create (two years of a weekly group).
pub const MAX_SERIES_MEETINGS: usize = 104;
/// How far after its first day a series may reach.
pub const MAX_SERIES_DAYS: i64 = 730;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    /// A single meeting.
    Never,
    Weekly,
    EveryTwoWeeks,
}

impl Repeat {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "" | "no" => Some(Repeat::Never),
            "settimanale" => Some(Repeat::Weekly),
            "quindicinale" => Some(Repeat::EveryTwoWeeks),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Repeat::Never => "no",
            Repeat::Weekly => "settimanale",
            Repeat::EveryTwoWeeks => "quindicinale",
        }
    }

    fn interval(self) -> u32 {
        match self {
            Repeat::EveryTwoWeeks => 2,
            _ => 1,
        }
    }
}

/// Where a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesEnd {
    /// On this day (included).
    Until(NaiveDate),
    /// After this many meetings actually held (closed days do not count).
    Count(u32),
}

/// A weekly or fortnightly series: on `weekdays`, from `first_day`, at `start` local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub repeat: Repeat,
    pub weekdays: Vec<Weekday>,
    pub first_day: NaiveDate,
    pub start: NaiveTime,
    pub end: SeriesEnd,
}

/// The days a series falls on: those it is held, and the closed days it skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeriesDays {
    pub held: Vec<NaiveDate>,
    pub skipped: Vec<NaiveDate>,
}

/// The two-letter RFC 5545 weekday codes.
fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// A weekday from its form value (`lun`, `mar`... as the Italian calendar abbreviates them).
pub fn parse_weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "lun" => Weekday::Mon,
        "mar" => Weekday::Tue,
        "mer" => Weekday::Wed,
        "gio" => Weekday::Thu,
        "ven" => Weekday::Fri,
        "sab" => Weekday::Sat,
        "dom" => Weekday::Sun,
        _ => return None,
    })
}

/// The form value of a weekday (the inverse of [`parse_weekday`]).
pub fn weekday_value(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lun",
        Weekday::Tue => "mar",
        Weekday::Wed => "mer",
        Weekday::Thu => "gio",
        Weekday::Fri => "ven",
        Weekday::Sat => "sab",
        Weekday::Sun => "dom",
    }
}

impl Recurrence {
    /// A single meeting on `day` at `start`.
    pub fn single(day: NaiveDate, start: NaiveTime) -> Self {
        Recurrence {
            repeat: Repeat::Never,
            weekdays: Vec::new(),
            first_day: day,
            start,
            end: SeriesEnd::Count(1),
        }
    }

    /// The RRULE line (without DTSTART) of the series as it repeats, open-ended.
    fn rrule_line(&self, until: Option<NaiveDate>) -> String {
        let mut days: Vec<Weekday> = self.weekdays.clone();
        days.sort_by_key(|day| day.num_days_from_monday());
        days.dedup();
        let byday = days
            .into_iter()
            .map(weekday_code)
            .collect::<Vec<_>>()
            .join(",");
        let mut line = format!(
            "RRULE:FREQ=WEEKLY;INTERVAL={};BYDAY={byday};WKST=MO",
            self.repeat.interval()
        );
        if let Some(until) = until {
            // UNTIL is UTC when DTSTART has a TZID (RFC 5545 §3.3.10): the end of the last day.
            line.push_str(&format!(";UNTIL={}T235959Z", until.format("%Y%m%d")));
        }
        line
    }

    /// The days of the series, closed days skipped (and, for a count, replaced by later days so
    /// the series keeps its length). Refuses a series with no day or too many.
    ///
    /// The rule is expanded by the `rrule` crate on wall-clock dates in UTC, where no day has a
    /// daylight-saving change; the local time is applied afterwards, day by day
    /// (`shared::time::rome_instant`). Expanding in Europe/Rome directly lets a change of offset
    /// leak into the generated times (rust-rrule's open DST issues), which we never want: 17:00
    /// stays 17:00 local.
    #[cfg(feature = "ssr")]
    pub fn days(&self, closed: &[NaiveDate]) -> Result<SeriesDays, AppError> {
        if self.repeat == Repeat::Never {
            return Ok(if closed.contains(&self.first_day) {
                SeriesDays {
                    held: Vec::new(),
                    skipped: vec![self.first_day],
                }
            } else {
                SeriesDays {
                    held: vec![self.first_day],
                    skipped: Vec::new(),
                }
            });
        }
        if self.weekdays.is_empty() {
            return Err(AppError::validation("weekdays", "errors.weekdays_required"));
        }
        let last_possible = self.first_day + chrono::Duration::days(MAX_SERIES_DAYS);
        let until = match self.end {
            SeriesEnd::Until(day) => {
                if day < self.first_day {
                    return Err(AppError::validation("until", "errors.until_before_start"));
                }
                if day > last_possible {
                    return Err(AppError::validation("until", "errors.series_too_long"));
                }
                day
            }
            SeriesEnd::Count(0) => {
                return Err(AppError::validation("count", "errors.count_range"));
            }
            SeriesEnd::Count(n) if n as usize > MAX_SERIES_MEETINGS => {
                return Err(AppError::validation("count", "errors.count_range"));
            }
            SeriesEnd::Count(_) => last_possible,
        };
        let source = format!(
            "DTSTART:{}T000000Z\n{}",
            self.first_day.format("%Y%m%d"),
            self.rrule_line(Some(until))
        );
        let set: rrule::RRuleSet = source.parse().map_err(|error| {
            tracing::error!(%error, "a series rule built here did not parse");
            AppError::Internal
        })?;
        let candidates = set.all((MAX_SERIES_DAYS as u16) + 1).dates;
        let mut days = SeriesDays::default();
        for day in candidates.into_iter().map(|t| t.date_naive()) {
            if let SeriesEnd::Count(n) = self.end {
                if days.held.len() == n as usize {
                    break;
                }
            }
            if closed.contains(&day) {
                days.skipped.push(day);
            } else {
                days.held.push(day);
            }
        }
        if days.held.is_empty() {
            return Err(AppError::validation("until", "errors.series_empty"));
        }
        if days.held.len() > MAX_SERIES_MEETINGS {
            return Err(AppError::validation("until", "errors.series_too_long"));
        }
        Ok(days)
    }

    /// The RFC 5545 text stored with the series: DTSTART in Europe/Rome, the RRULE ending on the
    /// last day held, an EXDATE for each closed day skipped.
    pub fn rule_text(&self, days: &SeriesDays) -> String {
        let time = self.start.format("%H%M%S");
        let mut text = format!(
            "DTSTART;TZID=Europe/Rome:{}T{time}\n{}",
            self.first_day.format("%Y%m%d"),
            self.rrule_line(days.held.last().copied())
        );
        if !days.skipped.is_empty() {
            let dates = days
                .skipped
                .iter()
                .map(|day| format!("{}T{time}", day.format("%Y%m%d")))
                .collect::<Vec<_>>()
                .join(",");
            text.push_str(&format!("\nEXDATE;TZID=Europe/Rome:{dates}"));
        }
        text
    }
}

/// Whether a closed cycle or an open series: how families book the meetings of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesKind {
    /// Families enrol for all the meetings; the capacity is the cycle's.
    ClosedCycle,
    /// Each meeting is booked on its own.
    Open,
}

/// A meeting (or the first of a series) as staff fill the "Nuovo incontro" form, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub service_id: Uuid,
    pub title: String,
    pub description: String,
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub room_id: Option<Uuid>,
    pub leaders: Vec<Uuid>,
    /// `None`: the room's capacity.
    pub capacity: Option<i32>,
    /// `None`: the service's age band.
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    /// `None`: the service's.
    pub booking_opens_days: Option<i16>,
    pub cancel_cutoff_hours: Option<i16>,
    pub recurrence: Recurrence,
    pub kind: SeriesKind,
}

/// The "Nuovo incontro" form as it is posted: every field a string, as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewMeetingForm {
    pub service: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub leaders: Vec<String>,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub age_min: String,
    #[serde(default)]
    pub age_max: String,
    #[serde(default)]
    pub booking_opens_days: String,
    #[serde(default)]
    pub cancel_cutoff_hours: String,
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// "data" (until a date) or "numero" (for N meetings).
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub count: String,
    /// "ciclo" (closed cycle) or "aperta" (open series).
    #[serde(default)]
    pub kind: String,
}

/// The leaders ticked in a form, each once; an unknown value is the field's error.
fn parse_leaders(raw: &[String], errors: &mut FieldErrors) -> Vec<Uuid> {
    parse_ids(raw, "leaders", errors)
}

impl NewMeetingForm {
    /// Every problem of the form at once, or the meeting it describes.
    pub fn parse(&self) -> Result<NewMeeting, AppError> {
        let mut errors = FieldErrors::new();
        let service_id = errors.check(parse_uuid(&self.service, "service"));
        let title = errors.check(parse_text(&self.title, "title", true, 200));
        let description = errors.check(parse_text(&self.description, "description", false, 5000));
        let day = errors.check(parse_date(&self.date, "date"));
        let start = errors.check(parse_time(&self.start, "start"));
        let end = errors.check(parse_time(&self.end, "end"));
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.add("end", "errors.end_before_start");
            }
        }
        let room_id = match self.room.trim() {
            "" => None,
            raw => errors.check(parse_uuid(raw, "room")),
        };
        let leaders = parse_leaders(&self.leaders, &mut errors);
        let capacity = errors
            .check(parse_optional_number(
                &self.capacity,
                "capacity",
                1..=1000,
                "errors.capacity_range",
            ))
            .flatten();
        let age_min = errors
            .check(parse_optional_number(
                &self.age_min,
                "age_min",
                0..=120,
                "errors.age_range",
            ))
            .flatten();
        let age_max = errors
            .check(parse_optional_number(
                &self.age_max,
                "age_max",
                0..=120,
                "errors.age_range",
            ))
            .flatten();
        if let (Some(min), Some(max)) = (age_min, age_max) {
            if min > max {
                errors.add("age_max", "errors.age_order");
            }
        }
        let booking_opens_days = errors
            .check(parse_optional_number(
                &self.booking_opens_days,
                "booking_opens_days",
                0..=366,
                "errors.booking_window_range",
            ))
            .flatten();
        let cancel_cutoff_hours = errors
            .check(parse_optional_number(
                &self.cancel_cutoff_hours,
                "cancel_cutoff_hours",
                0..=720,
                "errors.cutoff_range",
            ))
            .flatten();
        let repeat = match Repeat::parse(self.repeat.trim()) {
            Some(repeat) => repeat,
            None => {
                errors.add("repeat", "errors.choose_one");
                Repeat::Never
            }
        };
        let mut weekdays = Vec::new();
        for raw in &self.weekdays {
            match parse_weekday(raw.trim()) {
                Some(day) if !weekdays.contains(&day) => weekdays.push(day),
                Some(_) => {}
                None => errors.add("weekdays", "errors.choose_one"),
            }
        }
        let end_rule = if repeat == Repeat::Never {
            None
        } else {
            if weekdays.is_empty() {
                if let Some(day) = day {
                    // The first day's weekday, when none is ticked.
                    weekdays.push(day.weekday());
                }
            }
            match self.ends.trim() {
                "numero" => errors
                    .check(
                        parse_optional_number(&self.count, "count", 1..=104, "errors.count_range")
                            .and_then(|n| {
                                n.ok_or_else(|| AppError::validation("count", "errors.required"))
                            }),
                    )
                    .map(|n| SeriesEnd::Count(n as u32)),
                _ => errors
                    .check(parse_date(&self.until, "until"))
                    .map(SeriesEnd::Until),
            }
        };
        let kind = match (repeat, self.kind.trim()) {
            (Repeat::Never, _) => SeriesKind::Open,
            (_, "ciclo") => SeriesKind::ClosedCycle,
            (_, "aperta" | "") => SeriesKind::Open,
            _ => {
                errors.add("kind", "errors.choose_one");
                SeriesKind::Open
            }
        };
        errors.finish()?;
        // Every `None` below had its error recorded, so `finish` returned above.
        let (Some(service_id), Some(title), Some(description), Some(day), Some(start), Some(end)) =
            (service_id, title, description, day, start, end)
        else {
            return Err(AppError::Internal);
        };
        let recurrence = Recurrence {
            repeat,
            weekdays,
            first_day: day,
            start,
            end: end_rule.unwrap_or(SeriesEnd::Count(1)),
        };
        Ok(NewMeeting {
            service_id,
            title,
            description,
            day,
            start,
            end,
            room_id,
            leaders,
            capacity,
            age_min_years: age_min.map(|v| v as i16),
            age_max_years: age_max.map(|v| v as i16),
            booking_opens_days: booking_opens_days.map(|v| v as i16),
            cancel_cutoff_hours: cancel_cutoff_hours.map(|v| v as i16),
            recurrence,
            kind,
        })
    }
}

/// Which meetings of a series an edit reaches (the Google Calendar question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditScope {
    ThisOnly,
    ThisAndFollowing,
    All,
}

impl EditScope {
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "" | "questo" => Some(EditScope::ThisOnly),
            "seguenti" => Some(EditScope::ThisAndFollowing),
            "tutti" => Some(EditScope::All),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EditScope::ThisOnly => "questo",
            EditScope::ThisAndFollowing => "seguenti",
            EditScope::All => "tutti",
        }
    }
}

/// A move of one meeting: its new day, times and room. The other meetings of the series an
/// edit reaches move by the same number of days and take the same times.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub room_id: Option<Uuid>,
    pub scope: EditScope,
}

/// The "Sposta…" form as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MoveForm {
    pub meeting: String,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub scope: String,
}

impl MoveForm {
    pub fn parse(&self) -> Result<(Uuid, Move), AppError> {
        let mut errors = FieldErrors::new();
        let meeting = Uuid::parse_str(self.meeting.trim()).ok();
        let day = errors.check(parse_date(&self.date, "date"));
        let start = errors.check(parse_time(&self.start, "start"));
        let end = errors.check(parse_time(&self.end, "end"));
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.add("end", "errors.end_before_start");
            }
        }
        let room_id = match self.room.trim() {
            "" => None,
            raw => errors.check(parse_uuid(raw, "room")),
        };
        let scope = EditScope::parse(&self.scope);
        if scope.is_none() {
            errors.add("scope", "errors.choose_one");
        }
        errors.finish()?;
        let (Some(meeting), Some(day), Some(start), Some(end), Some(scope)) =
            (meeting, day, start, end, scope)
        else {
            return Err(AppError::NotFound);
        };
        Ok((
            meeting,
            Move {
                day,
                start,
                end,
                room_id,
                scope,
            },
        ))
    }
}

/// What "Modifica" changes in a meeting (and, as asked, in the following ones or all of its
/// series): what families read about it and who leads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub title: String,
    pub description: String,
    pub leaders: Vec<Uuid>,
    pub scope: EditScope,
}

/// The "Modifica" form as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DetailsForm {
    pub meeting: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub leaders: Vec<String>,
    #[serde(default)]
    pub scope: String,
}

impl DetailsForm {
    pub fn parse(&self) -> Result<(Uuid, Details), AppError> {
        let mut errors = FieldErrors::new();
        let meeting = Uuid::parse_str(self.meeting.trim()).ok();
        let title = errors.check(parse_text(&self.title, "title", true, 200));
        let description = errors.check(parse_text(&self.description, "description", false, 5000));
        let leaders = parse_leaders(&self.leaders, &mut errors);
        if self.leaders.is_empty() {
            errors.add("leaders", "errors.leader_required");
        }
        let scope = EditScope::parse(&self.scope);
        if scope.is_none() {
            errors.add("scope", "errors.choose_one");
        }
        errors.finish()?;
        let (Some(meeting), Some(title), Some(description), Some(scope)) =
            (meeting, title, description, scope)
        else {
            return Err(AppError::NotFound);
        };
        Ok((
            meeting,
            Details {
                title,
                description,
                leaders,
                scope,
            },
        ))
    }
}

/// A service staff may plan meetings of, with the defaults the form starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceChoice {
    pub service_id: Uuid,
    pub name: String,
    /// A closed cycle by default (`cycle`) or single meetings (`session`).
    pub format: String,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    pub booking_opens_days: i16,
    pub cancel_cutoff_hours: i16,
}

/// An active room, with the persons it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomChoice {
    pub room_id: Uuid,
    pub name: String,
    pub capacity: i32,
}

/// A staff member who may lead a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderChoice {
    pub user_id: Uuid,
    pub name: String,
}

/// One centre's services, rooms and staff, for the planning forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreChoices {
    pub centre_id: Uuid,
    pub name: String,
    pub services: Vec<ServiceChoice>,
    pub rooms: Vec<RoomChoice>,
    pub leaders: Vec<LeaderChoice>,
}

/// What the "Nuovo incontro" form offers: the centres in the user's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningOptions {
    pub centres: Vec<CentreChoices>,
}

/// How many families an edit would tell, for each reach of the edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamiliesToTell {
    pub this_only: i64,
    pub this_and_following: i64,
    pub all: i64,
}

/// A meeting as the "Sposta…" and "Annulla" pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingToEdit {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_name: String,
    /// "martedì 1 dicembre" and "17:00–18:30", in the page's language.
    pub day_label: String,
    pub time_label: String,
    /// The form's values: "2026-12-01", "17:00", "18:30".
    pub date: String,
    pub start: String,
    pub end: String,
    pub room_id: Option<Uuid>,
    pub rooms: Vec<RoomChoice>,
    pub description: String,
    /// Who leads it, and who of its centre may.
    pub leaders: Vec<Uuid>,
    pub leader_choices: Vec<LeaderChoice>,
    /// The meeting's capacity (its cycle's, for a closed cycle) and persons confirmed.
    pub capacity: i32,
    pub seats_taken: i32,
    pub in_series: bool,
    pub in_cycle: bool,
    pub cancelled: bool,
    pub started: bool,
    pub families: FamiliesToTell,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn weekly(first: NaiveDate, weekdays: &[Weekday], end: SeriesEnd) -> Recurrence {
        Recurrence {
            repeat: Repeat::Weekly,
            weekdays: weekdays.to_vec(),
            first_day: first,
            start: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            end,
        }
    }

    #[test]
    fn a_weekly_series_until_a_date_includes_that_date() {
        let series = weekly(
            date(2026, 3, 17),
            &[Weekday::Tue],
            SeriesEnd::Until(date(2026, 4, 7)),
        );
        let days = series.days(&[]).unwrap();
        assert_eq!(
            days.held,
            [
                date(2026, 3, 17),
                date(2026, 3, 24),
                date(2026, 3, 31),
                date(2026, 4, 7)
            ]
        );
    }

    #[test]
    fn a_series_across_both_daylight_saving_changes_stays_at_the_same_local_time() {
        use crate::shared::time::{rome_instant, ROME};
        // Sundays 29 March and 25 October 2026 change the clocks; Saturdays bracket them.
        let series = Recurrence {
            repeat: Repeat::Weekly,
            weekdays: vec![Weekday::Sat, Weekday::Mon],
            first_day: date(2026, 3, 21),
            start: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            end: SeriesEnd::Until(date(2026, 11, 2)),
        };
        let days = series.days(&[]).unwrap();
        assert!(days.held.contains(&date(2026, 3, 28)));
        assert!(days.held.contains(&date(2026, 3, 30)));
        assert!(days.held.contains(&date(2026, 10, 24)));
        assert!(days.held.contains(&date(2026, 10, 26)));
        for day in &days.held {
            let local = rome_instant(*day, series.start).with_timezone(&ROME);
            assert_eq!(local.format("%H:%M").to_string(), "17:00", "on {day}");
            assert_eq!(local.date_naive(), *day);
        }
        // UTC offsets do change: 16:00Z in winter, 15:00Z in summer.
        let winter = rome_instant(date(2026, 3, 28), series.start);
        let summer = rome_instant(date(2026, 3, 30), series.start);
        assert_eq!(winter.format("%H:%M").to_string(), "16:00");
        assert_eq!(summer.format("%H:%M").to_string(), "15:00");
    }

    #[test]
    fn the_stored_rule_expands_back_to_the_same_local_times_across_dst() {
        let series = weekly(
            date(2026, 3, 20),
            &[Weekday::Fri],
            SeriesEnd::Until(date(2026, 4, 10)),
        );
        let days = series.days(&[date(2026, 4, 3)]).unwrap();
        let text = series.rule_text(&days);
        assert_eq!(
            text,
            "DTSTART;TZID=Europe/Rome:20260320T170000\n\
             RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=FR;WKST=MO;UNTIL=20260410T235959Z\n\
             EXDATE;TZID=Europe/Rome:20260403T170000"
        );
        // The rule, read by the same crate in Europe/Rome, gives the days held at 17:00 local.
        let set: rrule::RRuleSet = text.parse().unwrap();
        let expanded: Vec<String> = set
            .all(50)
            .dates
            .iter()
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .collect();
        assert_eq!(
            expanded,
            ["2026-03-20 17:00", "2026-03-27 17:00", "2026-04-10 17:00"]
        );
    }

    #[test]
    fn every_two_weeks_on_two_weekdays() {
        let series = Recurrence {
            repeat: Repeat::EveryTwoWeeks,
            weekdays: vec![Weekday::Thu, Weekday::Mon],
            first_day: date(2026, 11, 30),
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: SeriesEnd::Count(6),
        };
        let days = series.days(&[]).unwrap();
        assert_eq!(
            days.held,
            [
                date(2026, 11, 30),
                date(2026, 12, 3),
                date(2026, 12, 14),
                date(2026, 12, 17),
                date(2026, 12, 28),
                date(2026, 12, 31)
            ]
        );
    }

    #[test]
    fn closed_days_are_skipped_and_a_counted_series_keeps_its_length() {
        let series = weekly(date(2026, 12, 1), &[Weekday::Tue], SeriesEnd::Count(4));
        let closed = [date(2026, 12, 8), date(2026, 12, 29)];
        let days = series.days(&closed).unwrap();
        assert_eq!(
            days.held,
            [
                date(2026, 12, 1),
                date(2026, 12, 15),
                date(2026, 12, 22),
                date(2027, 1, 5)
            ]
        );
        assert_eq!(days.skipped, closed);
        let until = weekly(
            date(2026, 12, 1),
            &[Weekday::Tue],
            SeriesEnd::Until(date(2026, 12, 22)),
        );
        assert_eq!(until.days(&closed).unwrap().held.len(), 3);
    }

    #[test]
    fn a_series_that_is_empty_or_too_long_is_refused() {
        let backwards = weekly(
            date(2026, 12, 1),
            &[Weekday::Tue],
            SeriesEnd::Until(date(2026, 11, 1)),
        );
        assert_eq!(
            backwards.days(&[]).unwrap_err().field_message("until"),
            Some("errors.until_before_start")
        );
        let forever = weekly(
            date(2026, 12, 1),
            &[Weekday::Tue],
            SeriesEnd::Until(date(2030, 1, 1)),
        );
        assert!(forever.days(&[]).is_err());
        let too_many = weekly(date(2026, 12, 1), &[Weekday::Tue], SeriesEnd::Count(105));
        assert!(too_many.days(&[]).is_err());
        let all_closed = weekly(
            date(2026, 12, 8),
            &[Weekday::Tue],
            SeriesEnd::Until(date(2026, 12, 8)),
        );
        assert_eq!(
            all_closed
                .days(&[date(2026, 12, 8)])
                .unwrap_err()
                .field_message("until"),
            Some("errors.series_empty")
        );
    }

    fn form() -> NewMeetingForm {
        NewMeetingForm {
            service: Uuid::nil().to_string(),
            title: "Laboratorio".into(),
            date: "2026-12-01".into(),
            start: "17:00".into(),
            end: "18:30".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_single_meeting_form_parses() {
        let meeting = form().parse().unwrap();
        assert_eq!(meeting.recurrence.repeat, Repeat::Never);
        assert_eq!(meeting.kind, SeriesKind::Open);
        assert_eq!(meeting.capacity, None);
    }

    #[test]
    fn every_bad_field_of_the_form_is_reported_at_once() {
        let bad = NewMeetingForm {
            title: " ".into(),
            date: "1 dicembre".into(),
            start: "17:10".into(),
            end: "16:00".into(),
            capacity: "0".into(),
            age_min: "12".into(),
            age_max: "6".into(),
            repeat: "settimanale".into(),
            ends: "numero".into(),
            count: "500".into(),
            ..form()
        };
        let error = bad.parse().unwrap_err();
        assert_eq!(error.field_message("title"), Some("errors.required"));
        assert_eq!(error.field_message("date"), Some("errors.date_invalid"));
        assert_eq!(error.field_message("start"), Some("errors.time_quarter"));
        assert_eq!(
            error.field_message("capacity"),
            Some("errors.capacity_range")
        );
        assert_eq!(error.field_message("age_max"), Some("errors.age_order"));
        assert_eq!(error.field_message("count"), Some("errors.count_range"));
        let backwards = NewMeetingForm {
            end: "16:00".into(),
            ..form()
        };
        assert_eq!(
            backwards.parse().unwrap_err().field_message("end"),
            Some("errors.end_before_start")
        );
    }

    #[test]
    fn a_weekly_form_without_weekdays_repeats_on_the_first_days_weekday() {
        let weekly = NewMeetingForm {
            repeat: "settimanale".into(),
            ends: "numero".into(),
            count: "4".into(),
            kind: "ciclo".into(),
            ..form()
        };
        let meeting = weekly.parse().unwrap();
        assert_eq!(meeting.recurrence.weekdays, [Weekday::Tue]);
        assert_eq!(meeting.recurrence.end, SeriesEnd::Count(4));
        assert_eq!(meeting.kind, SeriesKind::ClosedCycle);
    }
}
