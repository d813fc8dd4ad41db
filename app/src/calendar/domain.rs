//! Meetings, seats and the calendar's periods: the rules, without the database.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalogue::domain::{AgeBand, Audience, Slug};
use crate::shared::time::age_on;

/// Seats of a meeting or cycle, counted in persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    pub capacity: i32,
    pub taken: i32,
}

impl Seats {
    /// Seats still free; never negative, even if staff lowered the capacity below the bookings.
    pub fn left(&self) -> i32 {
        (self.capacity - self.taken).max(0)
    }

    pub fn is_full(&self) -> bool {
        self.left() == 0
    }

    /// Few enough seats left to say so ("ultimi posti"): at most a fifth of them, and at most 3.
    pub fn is_nearly_full(&self) -> bool {
        let left = self.left();
        left > 0 && (left <= 3 && left * 5 <= self.capacity.max(5))
    }
}

/// Where a meeting stands in its cycle ("incontro 2 di 4").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePlace {
    pub number: i64,
    pub of: i64,
}

/// The first name in a staff member's display name ("Paolo Ferri" → "Paolo"): meeting pages
/// name their leaders by first name only.
pub fn first_name(display_name: &str) -> &str {
    display_name.split_whitespace().next().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The calendar: which period a page shows, what it filters, and where meetings sit in a grid.
// ---------------------------------------------------------------------------------------------

/// How the calendar shows its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarView {
    /// A month as a grid of weeks.
    Month,
    /// Monday to Sunday on a time grid.
    Week,
    /// One day on a time grid.
    Day,
    /// Four weeks of meetings from the date, as an agenda grouped by day.
    List,
}

impl CalendarView {
    pub const ALL: [CalendarView; 4] = [
        CalendarView::Month,
        CalendarView::Week,
        CalendarView::Day,
        CalendarView::List,
    ];

    /// The `vista` query parameter: `mese`, `settimana`, `giorno`, `elenco`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|view| view.code() == code.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            CalendarView::Month => "mese",
            CalendarView::Week => "settimana",
            CalendarView::Day => "giorno",
            CalendarView::List => "elenco",
        }
    }
}

/// The calendar's query parameters as they arrive, untrusted (every field may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarParams {
    pub vista: String,
    pub data: String,
    pub area: String,
    pub servizio: String,
    pub pubblico: String,
    pub polo: String,
    pub posti: String,
    pub figlio: String,
}

impl CalendarParams {
    /// The parameters read from a query string by `get` (a router's query map).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| get(name).unwrap_or_default();
        CalendarParams {
            vista: get("vista"),
            data: get("data"),
            area: get("area"),
            servizio: get("servizio"),
            pubblico: get("pubblico"),
            polo: get("polo"),
            posti: get("posti"),
            figlio: get("figlio"),
        }
    }
}

/// The `pubblico` parameter: `genitori`, `bambini`, `famiglie`.
pub fn parse_audience_param(code: &str) -> Option<Audience> {
    match code.trim() {
        "genitori" => Some(Audience::Adults),
        "bambini" => Some(Audience::Children),
        "famiglie" => Some(Audience::Families),
        _ => None,
    }
}

pub fn audience_param(audience: Audience) -> &'static str {
    match audience {
        Audience::Adults => "genitori",
        Audience::Children => "bambini",
        Audience::Families => "famiglie",
    }
}

/// The code the database stores for an audience.
pub fn audience_code(audience: Audience) -> &'static str {
    match audience {
        Audience::Adults => "adults",
        Audience::Children => "children",
        Audience::Families => "families",
    }
}

/// What the calendar narrows its meetings to. Slugs are checked ([`Slug`]); anything else that
/// cannot be read is left out, never an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFilters {
    /// A macro-area's slug.
    pub area: Option<String>,
    /// A service's slug.
    pub service: Option<String>,
    pub audience: Option<Audience>,
    /// A centre's slug.
    pub centre: Option<String>,
    /// Only meetings with seats left (and not cancelled).
    pub seats_only: bool,
    /// A child of the viewer's household: only the meetings the child may join by age.
    pub child: Option<Uuid>,
}

impl CalendarFilters {
    pub fn is_empty(&self) -> bool {
        *self == CalendarFilters::default()
    }
}

/// The dates the calendar can show: anything else falls back to today.
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2200;

/// A date typed as `YYYY-MM-DD`, within the years the calendar shows.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|date| (FIRST_YEAR..=LAST_YEAR).contains(&date.year()))
}

/// What a calendar page asks for: a view (none: the month grid and the list, chosen by the
/// screen's width), the date the period is around, and the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarQuery {
    pub view: Option<CalendarView>,
    pub date: NaiveDate,
    pub filters: CalendarFilters,
}

fn slug_param(raw: &str) -> Option<String> {
    Slug::parse(raw.trim()).map(|slug| slug.as_str().to_string())
}

impl CalendarQuery {
    /// Reads the query parameters; whatever cannot be read falls back to its default (`today`
    /// for the date, no filter), so a hand-edited address still shows a calendar.
    pub fn parse(params: &CalendarParams, today: NaiveDate) -> Self {
        CalendarQuery {
            view: CalendarView::parse(&params.vista),
            date: parse_date(&params.data).unwrap_or(today),
            filters: CalendarFilters {
                area: slug_param(&params.area),
                service: slug_param(&params.servizio),
                audience: parse_audience_param(&params.pubblico),
                centre: slug_param(&params.polo),
                seats_only: params.posti.trim() == "1",
                child: Uuid::parse_str(params.figlio.trim()).ok(),
            },
        }
    }

    /// The query parameters of this query with another view and date, in a stable order.
    pub fn params_for(
        &self,
        view: Option<CalendarView>,
        date: NaiveDate,
    ) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(view) = view {
            params.push(("vista", view.code().to_string()));
        }
        params.push(("data", date.format("%Y-%m-%d").to_string()));
        params.extend(self.filter_params());
        params
    }

    /// The filters as query parameters.
    pub fn filter_params(&self) -> Vec<(&'static str, String)> {
        let f = &self.filters;
        let mut params = Vec::new();
        if let Some(area) = &f.area {
            params.push(("area", area.clone()));
        }
        if let Some(service) = &f.service {
            params.push(("servizio", service.clone()));
        }
        if let Some(audience) = f.audience {
            params.push(("pubblico", audience_param(audience).to_string()));
        }
        if let Some(centre) = &f.centre {
            params.push(("polo", centre.clone()));
        }
        if f.seats_only {
            params.push(("posti", "1".to_string()));
        }
        if let Some(child) = f.child {
            params.push(("figlio", child.to_string()));
        }
        params
    }

    /// The address of `base` showing this query with another view and date. Every value is a
    /// slug, a code, a date or a uuid: nothing needs escaping.
    pub fn href(&self, base: &str, view: Option<CalendarView>, date: NaiveDate) -> String {
        let query = self
            .params_for(view, date)
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        format!("{base}?{query}")
    }

    /// The days the page shows (both ends included): the month grid's weeks for the month
    /// (and the default view), four weeks from the date for the list, Monday to Sunday for the
    /// week.
    pub fn period(&self) -> (NaiveDate, NaiveDate) {
        period_of(self.view, self.date)
    }

    /// The date of the previous (`-1`) or next (`1`) period, the same day where there is one.
    pub fn step(&self, direction: i32) -> NaiveDate {
        step_date(self.view, self.date, direction)
    }
}

/// The first and last day of `date`'s month.
pub fn month_bounds(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = date.with_day(1).unwrap_or(date);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first);
    (first, last)
}

/// Monday and Sunday of `date`'s week.
pub fn week_bounds(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    (monday, monday + Duration::days(6))
}

/// The month grid of `date`: from the Monday on or before the 1st to the Sunday on or after
/// the last day (four to six whole weeks).
pub fn month_grid_bounds(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (first, last) = month_bounds(date);
    (week_bounds(first).0, week_bounds(last).1)
}

/// The days a view of `date` shows; see [`CalendarQuery::period`].
pub fn period_of(view: Option<CalendarView>, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    match view {
        None | Some(CalendarView::Month) => month_grid_bounds(date),
        Some(CalendarView::List) => (
            date,
            date.checked_add_signed(Duration::days(LIST_DAYS - 1))
                .unwrap_or(date),
        ),
        Some(CalendarView::Week) => week_bounds(date),
        Some(CalendarView::Day) => (date, date),
    }
}

/// The days of the list view.
pub const LIST_DAYS: i64 = 28;

/// One period before (`direction < 0`) or after `date`; a month away keeps the day when the
/// other month has it (31 January → 28 February).
pub fn step_date(view: Option<CalendarView>, date: NaiveDate, direction: i32) -> NaiveDate {
    let forward = direction >= 0;
    let moved = match view {
        Some(CalendarView::List) => {
            date.checked_add_signed(Duration::days(if forward { LIST_DAYS } else { -LIST_DAYS }))
        }
        None | Some(CalendarView::Month) => {
            if forward {
                date.checked_add_months(Months::new(1))
            } else {
                date.checked_sub_months(Months::new(1))
            }
        }
        Some(CalendarView::Week) => {
            date.checked_add_signed(Duration::days(if forward { 7 } else { -7 }))
        }
        Some(CalendarView::Day) => {
            date.checked_add_signed(Duration::days(if forward { 1 } else { -1 }))
        }
    };
    moved.unwrap_or(date)
}

/// The days from `first` to `last`, both included.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    first.iter_days().take_while(|day| *day <= last).collect()
}

/// Whether a child born on `birth_date` may join a meeting on `day`: never an adults' group; a
/// children's group when the child's age that day is in its band (any age without a band); a
/// family activity always.
pub fn child_may_join(
    audience: Audience,
    band: Option<AgeBand>,
    birth_date: NaiveDate,
    day: NaiveDate,
) -> bool {
    match audience {
        Audience::Adults => false,
        Audience::Families => true,
        Audience::Children => band.is_none_or(|band| band.admits(age_on(birth_date, day))),
    }
}

/// The week days, Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The time grid of the week and day views: 08:00 to 20:00 in rows of 15 minutes.
pub const GRID_START_MINUTE: i32 = 8 * 60;
pub const GRID_END_MINUTE: i32 = 20 * 60;
pub const SLOT_MINUTES: i32 = 15;
/// Rows of the time grid (48).
pub const GRID_SLOTS: i32 = (GRID_END_MINUTE - GRID_START_MINUTE) / SLOT_MINUTES;

/// Where a meeting sits on the time grid of its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridPlace {
    /// It ends by 08:00: shown above the grid.
    Earlier,
    /// CSS grid rows `row_start / row_end` (1-based, end excluded), cut to 08:00–20:00.
    Within { row_start: i32, row_end: i32 },
    /// It starts at 20:00 or later: shown below the grid.
    Later,
}

/// The grid place of a meeting from `start_minute` to `end_minute` (minutes after midnight in
/// Rome; an end past midnight counts as 1440).
pub fn grid_place(start_minute: i32, end_minute: i32) -> GridPlace {
    let end_minute = end_minute.max(start_minute + 1);
    if end_minute <= GRID_START_MINUTE {
        return GridPlace::Earlier;
    }
    if start_minute >= GRID_END_MINUTE {
        return GridPlace::Later;
    }
    let start = start_minute.max(GRID_START_MINUTE) - GRID_START_MINUTE;
    let end = end_minute.min(GRID_END_MINUTE) - GRID_START_MINUTE;
    let row_start = start / SLOT_MINUTES + 1;
    let row_end = ((end + SLOT_MINUTES - 1) / SLOT_MINUTES + 1).max(row_start + 1);
    GridPlace::Within { row_start, row_end }
}

/// "HH:MM" of the time grid's row `row` (1-based).
pub fn slot_time(row: i32) -> String {
    let minute = GRID_START_MINUTE + (row - 1) * SLOT_MINUTES;
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// A meeting's column on its day: `lane` (0-based) out of the `lanes` side by side in its group
/// of overlapping meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lane {
    pub lane: usize,
    pub lanes: usize,
}

/// Puts overlapping meetings side by side. `intervals` are (start, end) of one day's meetings,
/// end excluded (back-to-back meetings do not overlap); the answer is in the same order. A
/// group of meetings that overlap one another (directly or through a chain) shares a number of
/// lanes; each meeting takes the first lane free at its start.
pub fn assign_lanes<T: Ord + Copy>(intervals: &[(T, T)]) -> Vec<Lane> {
    let mut order: Vec<usize> = (0..intervals.len()).collect();
    order.sort_by_key(|&i| (intervals[i].0, intervals[i].1, i));
    let mut result = vec![Lane { lane: 0, lanes: 1 }; intervals.len()];
    let mut group: Vec<usize> = Vec::new();
    // End of each lane of the current group.
    let mut lane_ends: Vec<T> = Vec::new();
    let mut group_end: Option<T> = None;
    let close = |group: &mut Vec<usize>, lanes: usize, result: &mut Vec<Lane>| {
        for &i in group.iter() {
            result[i].lanes = lanes;
        }
        group.clear();
    };
    for i in order {
        let (start, end) = intervals[i];
        let end = end.max(start);
        if group_end.is_some_and(|group_end| start >= group_end) {
            close(&mut group, lane_ends.len(), &mut result);
            lane_ends.clear();
            group_end = None;
        }
        let lane = match lane_ends.iter().position(|lane_end| *lane_end <= start) {
            Some(lane) => {
                lane_ends[lane] = end;
                lane
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        result[i].lane = lane;
        group.push(i);
        group_end = Some(group_end.map_or(end, |group_end| group_end.max(end)));
    }
    close(&mut group, lane_ends.len().max(1), &mut result);
    result
}

/// Whether a meeting still takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    Scheduled,
    Cancelled,
}

impl MeetingStatus {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "scheduled" => Some(Self::Scheduled),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// A meeting as the calendar shows it: when (in Rome), what, where, for whom, the seats left,
/// its place in a cycle, and whether it was cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarMeeting {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_slug: String,
    pub service_name: String,
    /// The macro-area's slug (`genitorialita`...): its colour and icon.
    pub area_slug: String,
    pub centre_slug: String,
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    /// The day it starts, in Rome.
    pub day: NaiveDate,
    /// Minutes after midnight in Rome; an end on a later day counts as 1440.
    pub start_minute: i32,
    pub end_minute: i32,
    /// "mercoledì 2 dicembre".
    pub day_label: String,
    /// "17:00–18:30".
    pub time_label: String,
    pub room_id: Option<Uuid>,
    pub room: Option<String>,
    /// The meeting's seats, or its cycle's.
    pub seats: Seats,
    pub cycle: Option<CyclePlace>,
    pub cycle_id: Option<Uuid>,
    pub status: MeetingStatus,
    pub cancel_reason: Option<String>,
    /// Scheduled and not begun when the page was asked for: it can still be booked.
    pub bookable: bool,
    /// Staff calendar: a case path's private appointment shown among the meetings (see
    /// `crate::cases`), not a meeting.
    #[serde(default)]
    pub appointment: Option<AppointmentEntry>,
}

/// A case path's appointment in the staff calendar. Its staff and the polo's coordinators see
/// the service and the case's reference and open it; other staff see only "Appuntamento
/// riservato" and the room it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentEntry {
    /// The appointment's page, for those who may open it.
    pub href: Option<String>,
}

impl CalendarMeeting {
    pub fn is_cancelled(&self) -> bool {
        self.status == MeetingStatus::Cancelled
    }
}

/// One day of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// "martedì 1 dicembre 2026".
    pub label: String,
    /// "mar 1": the column heading of the week view.
    pub short_label: String,
    /// In the month shown (the month grid dims the others).
    pub in_month: bool,
    pub is_today: bool,
}

/// A week day's names, for the month grid's column headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekdayName {
    /// "lun".
    pub short: String,
    /// "lunedì".
    pub long: String,
}

/// A choice of a filter: its slug and its name in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOption {
    pub slug: String,
    pub name: String,
}

/// A child of the viewer's household, for the "suitable for" filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildOption {
    pub member_id: Uuid,
    pub first_name: String,
    /// Age today.
    pub age: i32,
}

/// Everything a calendar page shows for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarPeriodData {
    /// The query as understood (bad values dropped; a child not of the household dropped).
    pub query: CalendarQuery,
    pub today: NaiveDate,
    /// The days shown, first to last.
    pub days: Vec<CalendarDay>,
    pub weekdays: Vec<WeekdayName>,
    /// "dicembre 2026", "30 novembre – 6 dicembre 2026", "martedì 1 dicembre 2026".
    pub heading: String,
    pub prev: NaiveDate,
    pub next: NaiveDate,
    /// The period's meetings, by start time.
    pub meetings: Vec<CalendarMeeting>,
    pub areas: Vec<FilterOption>,
    pub services: Vec<FilterOption>,
    pub centres: Vec<FilterOption>,
    /// The viewer's children (a family); empty otherwise.
    pub children: Vec<ChildOption>,
    /// Staff: the active rooms of the centres shown (the day view's columns, where a meeting
    /// can be dragged); empty for the public calendar.
    pub rooms: Vec<RoomOption>,
}

/// A room as a column of the staff's day view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomOption {
    pub room_id: Uuid,
    pub name: String,
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn params(pairs: &[(&str, &str)]) -> CalendarParams {
        CalendarParams::from_query(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn views_are_read_from_their_italian_names_and_anything_else_is_the_default() {
        assert_eq!(CalendarView::parse("mese"), Some(CalendarView::Month));
        assert_eq!(CalendarView::parse("settimana"), Some(CalendarView::Week));
        assert_eq!(CalendarView::parse("giorno"), Some(CalendarView::Day));
        assert_eq!(CalendarView::parse("elenco"), Some(CalendarView::List));
        for bad in ["", "month", "MESE", "mese;drop", "<script>"] {
            assert_eq!(CalendarView::parse(bad), None, "{bad:?}");
        }
        for view in CalendarView::ALL {
            assert_eq!(CalendarView::parse(view.code()), Some(view));
        }
    }

    #[test]
    fn a_bad_date_falls_back_to_today() {
        let today = d(2026, 11, 25);
        for bad in [
            "",
            "domani",
            "2026-02-30",
            "2026-13-01",
            "26-12-01",
            "+262143-12-31",
            "1800-01-01",
            "9999-12-31",
            "2026-12-01T00:00",
            &"9".repeat(5000),
        ] {
            let query = CalendarQuery::parse(&params(&[("data", bad)]), today);
            assert_eq!(query.date, today, "{bad:?}");
        }
        let query = CalendarQuery::parse(&params(&[("data", " 2026-12-01 ")]), today);
        assert_eq!(query.date, d(2026, 12, 1));
    }

    #[test]
    fn filters_are_read_and_unreadable_ones_are_left_out() {
        let child = Uuid::new_v4();
        let query = CalendarQuery::parse(
            &params(&[
                ("vista", "settimana"),
                ("area", "genitorialita"),
                ("servizio", "gruppi-genitori"),
                ("pubblico", "bambini"),
                ("polo", "ancora"),
                ("posti", "1"),
                ("figlio", &child.to_string()),
            ]),
            d(2026, 11, 25),
        );
        assert_eq!(query.view, Some(CalendarView::Week));
        assert_eq!(query.filters.area.as_deref(), Some("genitorialita"));
        assert_eq!(query.filters.service.as_deref(), Some("gruppi-genitori"));
        assert_eq!(query.filters.audience, Some(Audience::Children));
        assert_eq!(query.filters.centre.as_deref(), Some("ancora"));
        assert!(query.filters.seats_only);
        assert_eq!(query.filters.child, Some(child));

        let hostile = CalendarQuery::parse(
            &params(&[
                ("area", "' or 1=1 --"),
                ("servizio", "../etc"),
                ("pubblico", "adults"),
                ("polo", "Àncora"),
                ("posti", "si"),
                ("figlio", "1"),
            ]),
            d(2026, 11, 25),
        );
        assert!(hostile.filters.is_empty(), "{:?}", hostile.filters);
    }

    #[test]
    fn links_keep_the_filters_and_change_only_the_view_and_date() {
        let query = CalendarQuery::parse(
            &params(&[
                ("area", "genitorialita"),
                ("posti", "1"),
                ("pubblico", "famiglie"),
            ]),
            d(2026, 11, 25),
        );
        assert_eq!(
            query.href("/calendario", Some(CalendarView::Day), d(2026, 12, 1)),
            "/calendario?vista=giorno&data=2026-12-01&area=genitorialita&pubblico=famiglie&posti=1"
        );
        assert_eq!(
            query.href("/calendario", None, d(2026, 12, 1)),
            "/calendario?data=2026-12-01&area=genitorialita&pubblico=famiglie&posti=1"
        );
        // A link read back gives the same query.
        let again = CalendarQuery::parse(
            &params(&[
                ("data", "2026-12-01"),
                ("area", "genitorialita"),
                ("pubblico", "famiglie"),
                ("posti", "1"),
            ]),
            d(2020, 1, 1),
        );
        assert_eq!(again.filters, query.filters);
    }

    #[test]
    fn the_month_grid_runs_from_the_monday_before_the_first_to_the_sunday_after_the_last() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        assert_eq!(
            month_grid_bounds(d(2026, 12, 15)),
            (d(2026, 11, 30), d(2027, 1, 3))
        );
        // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
        assert_eq!(
            month_grid_bounds(d(2027, 2, 10)),
            (d(2027, 2, 1), d(2027, 2, 28))
        );
        // August 2026 needs six rows (Saturday 1st, Monday 31st).
        let (first, last) = month_grid_bounds(d(2026, 8, 1));
        assert_eq!((first, last), (d(2026, 7, 27), d(2026, 9, 6)));
        assert_eq!(days_between(first, last).len(), 42);
        assert_eq!(
            month_bounds(d(2028, 2, 10)),
            (d(2028, 2, 1), d(2028, 2, 29))
        );
    }

    #[test]
    fn a_week_runs_monday_to_sunday() {
        assert_eq!(
            week_bounds(d(2026, 12, 1)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
        assert_eq!(
            week_bounds(d(2026, 11, 30)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
        assert_eq!(
            week_bounds(d(2026, 12, 6)),
            (d(2026, 11, 30), d(2026, 12, 6))
        );
    }

    #[test]
    fn each_view_has_its_period_and_steps_by_it() {
        let date = d(2026, 12, 1);
        assert_eq!(
            period_of(Some(CalendarView::List), date),
            (d(2026, 12, 1), d(2026, 12, 28))
        );
        assert_eq!(
            step_date(Some(CalendarView::List), date, 1),
            d(2026, 12, 29)
        );
        assert_eq!(period_of(Some(CalendarView::Day), date), (date, date));
        assert_eq!(
            period_of(None, date),
            period_of(Some(CalendarView::Month), date)
        );
        assert_eq!(step_date(None, d(2027, 1, 31), 1), d(2027, 2, 28));
        assert_eq!(
            step_date(Some(CalendarView::Month), d(2027, 3, 31), -1),
            d(2027, 2, 28)
        );
        assert_eq!(
            step_date(Some(CalendarView::Week), date, -1),
            d(2026, 11, 24)
        );
        assert_eq!(
            step_date(Some(CalendarView::Day), d(2026, 12, 31), 1),
            d(2027, 1, 1)
        );
        // No period is longer than six weeks.
        for view in [
            None,
            Some(CalendarView::Month),
            Some(CalendarView::List),
            Some(CalendarView::Week),
        ] {
            for month in 1..=12 {
                let (first, last) = period_of(view, d(2026, month, 15));
                assert!((last - first).num_days() < 42);
            }
        }
    }

    #[test]
    fn a_child_may_join_by_age_on_the_meetings_day() {
        let band = AgeBand::new(Some(6), Some(10));
        let born = d(2020, 12, 3);
        assert!(
            !child_may_join(Audience::Children, band, born, d(2026, 12, 2)),
            "still 5"
        );
        assert!(
            child_may_join(Audience::Children, band, born, d(2026, 12, 3)),
            "6 that day"
        );
        assert!(
            !child_may_join(Audience::Children, band, d(2015, 1, 1), d(2026, 12, 3)),
            "11"
        );
        assert!(child_may_join(
            Audience::Children,
            None,
            born,
            d(2026, 12, 3)
        ));
        assert!(child_may_join(
            Audience::Families,
            None,
            born,
            d(2026, 12, 3)
        ));
        assert!(!child_may_join(
            Audience::Adults,
            None,
            born,
            d(2026, 12, 3)
        ));
    }

    #[test]
    fn meetings_sit_on_rows_of_a_quarter_of_an_hour_from_eight_to_eight() {
        assert_eq!(GRID_SLOTS, 48);
        assert_eq!(
            grid_place(8 * 60, 9 * 60),
            GridPlace::Within {
                row_start: 1,
                row_end: 5
            }
        );
        assert_eq!(
            grid_place(17 * 60, 18 * 60 + 30),
            GridPlace::Within {
                row_start: 37,
                row_end: 43
            }
        );
        // Off the quarter: the block covers every quarter it touches.
        assert_eq!(
            grid_place(10 * 60 + 10, 10 * 60 + 50),
            GridPlace::Within {
                row_start: 9,
                row_end: 13
            }
        );
        // Across the grid's edges: cut to them.
        assert_eq!(
            grid_place(7 * 60, 9 * 60),
            GridPlace::Within {
                row_start: 1,
                row_end: 5
            }
        );
        assert_eq!(
            grid_place(19 * 60 + 30, 21 * 60),
            GridPlace::Within {
                row_start: 47,
                row_end: 49
            }
        );
        assert_eq!(grid_place(7 * 60, 8 * 60), GridPlace::Earlier);
        assert_eq!(grid_place(20 * 60, 21 * 60), GridPlace::Later);
        assert_eq!(grid_place(22 * 60, 1440), GridPlace::Later);
        assert_eq!(slot_time(1), "08:00");
        assert_eq!(slot_time(48), "19:45");
    }

    fn lanes(intervals: &[(i32, i32)]) -> Vec<(usize, usize)> {
        assign_lanes(intervals)
            .into_iter()
            .map(|lane| (lane.lane, lane.lanes))
            .collect()
    }

    #[test]
    fn meetings_that_do_not_overlap_take_the_whole_width() {
        assert_eq!(lanes(&[]), vec![]);
        assert_eq!(lanes(&[(600, 690)]), vec![(0, 1)]);
        // Back to back is no overlap.
        assert_eq!(lanes(&[(600, 690), (690, 780)]), vec![(0, 1), (0, 1)]);
    }

    #[test]
    fn overlapping_meetings_stand_side_by_side() {
        assert_eq!(lanes(&[(600, 720), (630, 700)]), vec![(0, 2), (1, 2)]);
        // Given out of order, answered in the given order.
        assert_eq!(lanes(&[(630, 700), (600, 720)]), vec![(1, 2), (0, 2)]);
        // A chain: a overlaps b, b overlaps c, a and c do not: two lanes, c reuses a's.
        assert_eq!(
            lanes(&[(600, 660), (630, 720), (660, 750)]),
            vec![(0, 2), (1, 2), (0, 2)]
        );
        // Three at once, then a later meeting on its own.
        assert_eq!(
            lanes(&[(600, 700), (600, 700), (650, 720), (800, 860)]),
            vec![(0, 3), (1, 3), (2, 3), (0, 1)]
        );
    }

    #[test]
    fn lanes_never_put_two_overlapping_meetings_in_the_same_column() {
        // A deterministic jumble of intervals.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as i32 % 600
        };
        let intervals: Vec<(i32, i32)> = (0..60)
            .map(|_| {
                let start = next();
                (start, start + 15 + next() % 120)
            })
            .collect();
        let result = assign_lanes(&intervals);
        for (i, a) in intervals.iter().enumerate() {
            assert!(result[i].lane < result[i].lanes);
            for (j, b) in intervals.iter().enumerate().skip(i + 1) {
                let overlap = a.0 < b.1 && b.0 < a.1;
                if overlap {
                    assert_ne!(result[i].lane, result[j].lane, "{a:?} {b:?}");
                    assert_eq!(result[i].lanes, result[j].lanes, "one group, one width");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_are_named_by_their_first_name_only() {
        assert_eq!(first_name("Paolo Ferri"), "Paolo");
        assert_eq!(first_name("  Elena   Maria Marino "), "Elena");
        assert_eq!(first_name("Giulia"), "Giulia");
        assert_eq!(first_name("   "), "");
    }

    #[test]
    fn seats_left_never_go_below_zero() {
        assert_eq!(
            Seats {
                capacity: 10,
                taken: 4
            }
            .left(),
            6
        );
        assert_eq!(
            Seats {
                capacity: 10,
                taken: 10
            }
            .left(),
            0
        );
        assert_eq!(
            Seats {
                capacity: 8,
                taken: 10
            }
            .left(),
            0
        );
        assert!(Seats {
            capacity: 8,
            taken: 10
        }
        .is_full());
    }

    #[test]
    fn nearly_full_means_the_last_few_seats() {
        assert!(Seats {
            capacity: 12,
            taken: 10
        }
        .is_nearly_full());
        assert!(!Seats {
            capacity: 12,
            taken: 4
        }
        .is_nearly_full());
        assert!(!Seats {
            capacity: 12,
            taken: 12
        }
        .is_nearly_full());
        assert!(Seats {
            capacity: 4,
            taken: 3
        }
        .is_nearly_full());
    }
}
