//! The reports' figures: what each one counts, the period and its parameters, and the pure
//! aggregation of the facts the queries return. Both targets; no sqlx.
//!
//! # The figures
//!
//! A report covers a **period**: the days `from` to `to` (both included) in Rome time. A meeting
//! belongs to the period, to a **month** and to a row of the report by the day and month of its
//! **start in Europe/Rome** (a meeting at 23:30 on 31 October in Rome is October's, although it
//! is already 1 November in UTC). Rows are by **service** (the same service of several centres is
//! one row for the city: by its slug), by **macro-area** and by **month** (every month of the
//! period, empty ones too); the **total** row is the whole period.
//!
//! - **Meetings held**: meetings with status `scheduled` that have already ended (`ends_at` at or
//!   before the report's "now"). A meeting still to come or under way is neither held nor
//!   cancelled.
//! - **Meetings cancelled**: meetings with status `cancelled`.
//! - **Seats offered**: the capacity of the held meetings (`group_session.capacity`; for a meeting
//!   of a cycle, the cycle's capacity, once per meeting).
//! - **Booked**: persons booked into held meetings, one per person and meeting: the active
//!   `booking_participant` rows of `confirmed` bookings, of the meeting itself or of its cycle.
//!   A person booked for a cycle of four held meetings counts four.
//! - **Present**: persons marked `present` or `late` in the register of a held meeting, one per
//!   person and meeting, booked or not.
//! - **Of whom without a booking** (walk-ins): persons present who are not booked into that
//!   meeting (the register's walk-ins; also anyone marked whose booking no longer stands). So
//!   `present = booked present + without a booking`.
//! - **Attendance rate**: booked persons marked present or late / booked persons. A booked person
//!   whose mark is missing (register not filled) counts in the denominator only.
//! - **No-show rate**: booked persons marked `absent` / booked persons. `excused` (absent with
//!   notice) is not a no-show. Rates are percentages with one decimal, "—" when no one was booked.
//! - **Households reached**, **persons reached**: distinct households and persons among the
//!   present (and late) of the row's held meetings.
//! - **New households**: households reached in the row that were never present (or late) at a
//!   meeting of the same centres (the city: any centre) that started before the period.
//! - **Children by age band**: distinct members of kind `child` present in the row, by their age
//!   on the day (Rome) of their first presence in the whole period: 0–2, 3–5, 6–10, 11–13,
//!   14–17, 18 and over; "unknown" for a child of an erased household (no birth date is kept).
//! - **Waiting-list demand**: distinct persons of bookings that waited and were never promoted:
//!   status `waitlisted`, or `cancelled` with `confirmed_at` null, for a meeting that starts in
//!   the period (whatever became of it) or for a cycle whose first meeting does (counted in that
//!   meeting's service and month); a person who nevertheless holds a confirmed booking of the
//!   same meeting or cycle is not counted.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::time::{age_on, ROME};

/// The page's address.
pub const REPORT_PATH: &str = "/coordinamento/report";
/// The CSV file's address (the same query as the page).
pub const REPORT_CSV_PATH: &str = "/coordinamento/report.csv";
/// The longest period a report covers, in days (three years): a longer one is refused.
pub const MAX_PERIOD_DAYS: i64 = 3 * 366;

/// The parameters as they arrive in the address, untrusted: `dal` and `al` (days,
/// `YYYY-MM-DD`, Rome), `polo` (a centre's slug; empty: every centre the viewer reaches).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportParams {
    pub dal: String,
    pub al: String,
    pub polo: String,
}

impl ReportParams {
    /// The parameters read from a query string by `get` (a router's query map).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| get(name).unwrap_or_default();
        ReportParams {
            dal: get("dal"),
            al: get("al"),
            polo: get("polo"),
        }
    }

    /// `base` (the page or the CSV file) with these parameters, the empty ones left out.
    pub fn href(&self, base: &str) -> String {
        let query: Vec<String> = [("dal", &self.dal), ("al", &self.al), ("polo", &self.polo)]
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(name, value)| format!("{name}={}", encode(value.trim())))
            .collect();
        if query.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", query.join("&"))
        }
    }
}

/// Percent-encodes a query value (slugs and dates need nothing; anything else is kept safe).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The days a report covers, both included, in Rome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// From the 1st of the month three months before `today`'s to `today`.
    pub fn default_for(today: NaiveDate) -> Period {
        let first = today.with_day(1).unwrap_or(today);
        Period {
            from: first.checked_sub_months(Months::new(3)).unwrap_or(first),
            to: today,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Every month the period touches, in order: (year, month).
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut months = Vec::new();
        let mut month = self.from.with_day(1).unwrap_or(self.from);
        while month <= self.to {
            months.push((month.year(), month.month()));
            match month.checked_add_months(Months::new(1)) {
                Some(next) => month = next,
                None => break,
            }
        }
        months
    }
}

/// What is wrong with `dal` or `al`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodProblem {
    /// Not a day written `YYYY-MM-DD` (between the years 2000 and 2200).
    BadDay,
    /// The last day comes before the first.
    EndBeforeStart,
    /// Longer than [`MAX_PERIOD_DAYS`].
    TooLong,
}

/// A problem with one field (`dal` or `al`): shown next to it; the report then covers the
/// default period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamProblem {
    pub field: String,
    pub problem: PeriodProblem,
}

/// The period the parameters ask for, or the default one with the problems found.
pub fn parse_period(params: &ReportParams, today: NaiveDate) -> (Period, Vec<ParamProblem>) {
    let default = Period::default_for(today);
    let day = |raw: &str, field: &str, problems: &mut Vec<ParamProblem>| {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2200).contains(&d.year()));
        if parsed.is_none() {
            problems.push(ParamProblem {
                field: field.to_string(),
                problem: PeriodProblem::BadDay,
            });
        }
        parsed
    };
    let mut problems = Vec::new();
    let from = day(&params.dal, "dal", &mut problems).unwrap_or(default.from);
    let to = day(&params.al, "al", &mut problems).unwrap_or(default.to);
    if problems.is_empty() {
        if to < from {
            problems.push(ParamProblem {
                field: "al".into(),
                problem: PeriodProblem::EndBeforeStart,
            });
        } else if (to - from).num_days() >= MAX_PERIOD_DAYS {
            problems.push(ParamProblem {
                field: "al".into(),
                problem: PeriodProblem::TooLong,
            });
        }
    }
    if problems.is_empty() {
        (Period { from, to }, problems)
    } else {
        (default, problems)
    }
}

/// A mark in a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Present,
    Late,
    Absent,
    Excused,
}

impl Mark {
    /// The stored code (`attendance.status`).
    pub fn parse(code: &str) -> Option<Mark> {
        Some(match code {
            "present" => Mark::Present,
            "late" => Mark::Late,
            "absent" => Mark::Absent,
            "excused" => Mark::Excused,
            _ => return None,
        })
    }

    /// Present or late: the person came.
    pub fn came(self) -> bool {
        matches!(self, Mark::Present | Mark::Late)
    }
}

/// A meeting that starts in the period, in the report's centres, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFact {
    pub meeting_id: Uuid,
    pub service_slug: String,
    pub service_name: String,
    pub service_position: i32,
    pub area_slug: String,
    pub area_name: String,
    pub area_position: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
    /// The meeting's seats, or its cycle's.
    pub capacity: i64,
}

impl MeetingFact {
    /// Took place: not cancelled and over by `now`.
    pub fn held(&self, now: DateTime<Utc>) -> bool {
        !self.cancelled && self.ends_at <= now
    }

    /// The day it starts, in Rome.
    pub fn day(&self) -> NaiveDate {
        self.starts_at.with_timezone(&ROME).date_naive()
    }
}

/// A person in the figures of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFact {
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub household_id: Uuid,
    /// The birth date of a member of kind `child`; `None` for an adult.
    pub child_born: Option<NaiveDate>,
    pub role: PersonRole,
}

/// Why a person is in a meeting's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonRole {
    /// Booked into a held meeting, or marked in its register (or both).
    Held {
        booked: bool,
        mark: Option<Mark>,
        /// Their household was present at a meeting of the report's centres before the period.
        household_seen_before: bool,
    },
    /// Waited for the meeting (or for the cycle it begins) and was never promoted.
    Waited,
}

/// The age bands of children, in order; the last is "unknown" (an erased household's child).
pub const AGE_BANDS: [&str; 7] = ["0-2", "3-5", "6-10", "11-13", "14-17", "18+", "?"];

/// The band (index into [`AGE_BANDS`]) of a child born on `born`, on `day`.
pub fn age_band(born: NaiveDate, day: NaiveDate) -> usize {
    if born == crate::privacy::domain::erased_birth_date() {
        return 6;
    }
    match age_on(born, day) {
        ..=2 => 0,
        3..=5 => 1,
        6..=10 => 2,
        11..=13 => 3,
        14..=17 => 4,
        _ => 5,
    }
}

/// The figures of one row (or of the whole period).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub meetings_held: i64,
    pub meetings_cancelled: i64,
    pub seats_offered: i64,
    pub booked: i64,
    pub present: i64,
    /// Of the present, those without a booking.
    pub walk_ins: i64,
    /// Booked persons marked present or late.
    pub booked_present: i64,
    /// Booked persons marked absent (without notice).
    pub booked_absent: i64,
    pub households: i64,
    pub persons: i64,
    pub new_households: i64,
    /// Distinct children present, by [`AGE_BANDS`].
    pub children: [i64; 7],
    pub waiting: i64,
}

impl Figures {
    /// Booked persons present or late / booked persons, in tenths of a percent.
    pub fn attendance_rate(&self) -> Option<i64> {
        per_mille(self.booked_present, self.booked)
    }

    /// Booked persons absent without notice / booked persons, in tenths of a percent.
    pub fn no_show_rate(&self) -> Option<i64> {
        per_mille(self.booked_absent, self.booked)
    }
}

/// `part / whole` in tenths of a percent, rounded half up; `None` when `whole` is 0.
pub fn per_mille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 1000 + whole / 2) / whole)
}

/// A rate as the page shows it: "87,5%" (Italian), "87.5%" (English); "—" without one.
pub fn percent_label(rate: Option<i64>, lang: &str) -> String {
    match rate {
        None => "—".to_string(),
        Some(tenths) => {
            let separator = if lang == "en" { '.' } else { ',' };
            format!("{}{separator}{}%", tenths / 10, tenths % 10)
        }
    }
}

/// A rate as the CSV file writes it: "87.5"; empty without one.
pub fn percent_number(rate: Option<i64>) -> String {
    rate.map(|tenths| format!("{}.{}", tenths / 10, tenths % 10))
        .unwrap_or_default()
}

/// One row of a breakdown: a service (`key` its slug), a macro-area (its slug) or a month
/// (`2026-10`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    pub key: String,
    pub label: String,
    pub figures: Figures,
}

/// Every figure of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdowns {
    pub total: Figures,
    pub by_service: Vec<ReportRow>,
    pub by_area: Vec<ReportRow>,
    pub by_month: Vec<ReportRow>,
}

const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "ottobre 2026" / "October 2026".
pub fn month_label(year: i32, month: u32, lang: &str) -> String {
    let names = if lang == "en" { &MONTHS_EN } else { &MONTHS_IT };
    let name = names
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    format!("{name} {year}")
}

/// "01/10/2026": a day as the page writes it.
pub fn day_label(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// A row being counted: the figures and the sets behind the distinct ones.
#[derive(Default)]
struct Tally {
    figures: Figures,
    households: HashSet<Uuid>,
    persons: HashSet<Uuid>,
    new_households: HashSet<Uuid>,
    children: HashSet<Uuid>,
    waiting: HashSet<Uuid>,
}

impl Tally {
    fn finish(mut self, bands: &HashMap<Uuid, usize>) -> Figures {
        self.figures.households = self.households.len() as i64;
        self.figures.persons = self.persons.len() as i64;
        self.figures.new_households = self.new_households.len() as i64;
        self.figures.waiting = self.waiting.len() as i64;
        for child in &self.children {
            if let Some(band) = bands.get(child) {
                self.figures.children[*band] += 1;
            }
        }
        self.figures
    }
}

/// The rows a meeting counts in: the total, its service, its macro-area, its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Slot {
    Total,
    Service(usize),
    Area(usize),
    Month(usize),
}

/// Adds up the facts of a period. `meetings`: every meeting of the report's centres that starts
/// in the period (others are left out); `persons`: the people of those meetings (see
/// [`PersonFact`]); `now`: what "already ended" is measured against; `lang`: the months' names.
pub fn aggregate(
    period: &Period,
    meetings: &[MeetingFact],
    persons: &[PersonFact],
    now: DateTime<Utc>,
    lang: &str,
) -> Breakdowns {
    let months = period.months();
    // Services and macro-areas in the order of the catalogue: by macro-area, then position.
    let mut services: BTreeMap<String, (i32, i32, String)> = BTreeMap::new();
    let mut areas: BTreeMap<String, (i32, String)> = BTreeMap::new();
    let in_period: Vec<&MeetingFact> = meetings
        .iter()
        .filter(|m| period.contains(m.day()))
        .collect();
    for m in &in_period {
        let order = (m.area_position, m.service_position, m.service_name.clone());
        services
            .entry(m.service_slug.clone())
            .and_modify(|known| {
                if (order.0, order.1) < (known.0, known.1) {
                    *known = order.clone();
                }
            })
            .or_insert(order);
        areas
            .entry(m.area_slug.clone())
            .or_insert((m.area_position, m.area_name.clone()));
    }
    let mut service_order: Vec<(&String, &(i32, i32, String))> = services.iter().collect();
    service_order.sort_by(|a, b| (a.1 .0, a.1 .1, a.0).cmp(&(b.1 .0, b.1 .1, b.0)));
    let mut area_order: Vec<(&String, &(i32, String))> = areas.iter().collect();
    area_order.sort_by(|a, b| (a.1 .0, a.0).cmp(&(b.1 .0, b.0)));
    let service_index: HashMap<&str, usize> = service_order
        .iter()
        .enumerate()
        .map(|(i, (slug, _))| (slug.as_str(), i))
        .collect();
    let area_index: HashMap<&str, usize> = area_order
        .iter()
        .enumerate()
        .map(|(i, (slug, _))| (slug.as_str(), i))
        .collect();
    let month_index: HashMap<(i32, u32), usize> =
        months.iter().enumerate().map(|(i, m)| (*m, i)).collect();

    // Each meeting's rows, and whether it was held.
    let mut slots_of: HashMap<Uuid, ([Slot; 4], bool, NaiveDate)> = HashMap::new();
    let mut tallies: BTreeMap<Slot, Tally> = BTreeMap::new();
    for m in &in_period {
        let day = m.day();
        let (Some(s), Some(a), Some(mo)) = (
            service_index.get(m.service_slug.as_str()),
            area_index.get(m.area_slug.as_str()),
            month_index.get(&(day.year(), day.month())),
        ) else {
            continue;
        };
        let slots = [
            Slot::Total,
            Slot::Service(*s),
            Slot::Area(*a),
            Slot::Month(*mo),
        ];
        let held = m.held(now);
        for slot in slots {
            let tally = tallies.entry(slot).or_default();
            if m.cancelled {
                tally.figures.meetings_cancelled += 1;
            } else if held {
                tally.figures.meetings_held += 1;
                tally.figures.seats_offered += m.capacity;
            }
        }
        slots_of.insert(m.meeting_id, (slots, held, day));
    }

    // Each child's band: their age on the day of their first presence in the period.
    let mut first_presence: HashMap<Uuid, (NaiveDate, NaiveDate)> = HashMap::new();
    for p in persons {
        let (
            Some(born),
            PersonRole::Held {
                mark: Some(mark), ..
            },
        ) = (p.child_born, p.role)
        else {
            continue;
        };
        let Some((_, true, day)) = slots_of.get(&p.meeting_id) else {
            continue;
        };
        if mark.came() {
            first_presence
                .entry(p.member_id)
                .and_modify(|(first, _)| *first = (*first).min(*day))
                .or_insert((*day, born));
        }
    }
    let bands: HashMap<Uuid, usize> = first_presence
        .into_iter()
        .map(|(member, (day, born))| (member, age_band(born, day)))
        .collect();

    for p in persons {
        let Some((slots, held, _)) = slots_of.get(&p.meeting_id) else {
            continue;
        };
        for slot in slots {
            let tally = tallies.entry(*slot).or_default();
            match p.role {
                PersonRole::Waited => {
                    tally.waiting.insert(p.member_id);
                }
                PersonRole::Held { .. } if !held => {}
                PersonRole::Held {
                    booked,
                    mark,
                    household_seen_before,
                } => {
                    let came = mark.is_some_and(Mark::came);
                    if booked {
                        tally.figures.booked += 1;
                        if came {
                            tally.figures.booked_present += 1;
                        }
                        if mark == Some(Mark::Absent) {
                            tally.figures.booked_absent += 1;
                        }
                    }
                    if came {
                        tally.figures.present += 1;
                        if !booked {
                            tally.figures.walk_ins += 1;
                        }
                        tally.households.insert(p.household_id);
                        tally.persons.insert(p.member_id);
                        if !household_seen_before {
                            tally.new_households.insert(p.household_id);
                        }
                        if p.child_born.is_some() {
                            tally.children.insert(p.member_id);
                        }
                    }
                }
            }
        }
    }

    let mut take = |slot: Slot| tallies.remove(&slot).unwrap_or_default().finish(&bands);
    Breakdowns {
        total: take(Slot::Total),
        by_service: service_order
            .iter()
            .enumerate()
            .map(|(i, (slug, (_, _, name)))| ReportRow {
                key: (*slug).clone(),
                label: name.clone(),
                figures: take(Slot::Service(i)),
            })
            .collect(),
        by_area: area_order
            .iter()
            .enumerate()
            .map(|(i, (slug, (_, name)))| ReportRow {
                key: (*slug).clone(),
                label: name.clone(),
                figures: take(Slot::Area(i)),
            })
            .collect(),
        by_month: months
            .iter()
            .enumerate()
            .map(|(i, (year, month))| ReportRow {
                key: format!("{year}-{month:02}"),
                label: month_label(*year, *month, lang),
                figures: take(Slot::Month(i)),
            })
            .collect(),
    }
}

/// A centre the viewer may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreChoice {
    pub slug: String,
    pub name: String,
}

/// `/coordinamento/report`: the report and what the form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The parameters as they were sent (the form shows them back, wrong ones included).
    pub params: ReportParams,
    pub problems: Vec<ParamProblem>,
    /// The period the figures cover.
    pub period: Period,
    /// The centres the viewer may choose among; empty when there is only one.
    pub centres: Vec<CentreChoice>,
    /// The chosen centre's name; `None`: every centre the viewer reaches.
    pub centre: Option<String>,
    /// An administrator: "every centre" is the whole city.
    pub every_centre: bool,
    pub figures: Breakdowns,
}

impl Report {
    /// The parameters that produced the figures: the period that applied, the centre chosen.
    pub fn applied(&self) -> ReportParams {
        ReportParams {
            dal: self.period.from.to_string(),
            al: self.period.to.to_string(),
            polo: self.params.polo.trim().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn meeting(n: u128, service: &str, area: &str, starts_at: DateTime<Utc>) -> MeetingFact {
        MeetingFact {
            meeting_id: id(n),
            service_slug: service.into(),
            service_name: service.to_uppercase(),
            service_position: if service == "b" { 2 } else { 1 },
            area_slug: area.into(),
            area_name: area.to_uppercase(),
            area_position: 1,
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(90),
            cancelled: false,
            capacity: 10,
        }
    }

    fn held(
        meeting: u128,
        member: u128,
        household: u128,
        booked: bool,
        mark: Option<Mark>,
    ) -> PersonFact {
        PersonFact {
            meeting_id: id(meeting),
            member_id: id(member),
            household_id: id(household),
            child_born: None,
            role: PersonRole::Held {
                booked,
                mark,
                household_seen_before: false,
            },
        }
    }

    #[test]
    fn the_default_period_starts_on_the_first_of_the_month_three_months_back() {
        assert_eq!(
            Period::default_for(d(2026, 11, 25)),
            Period {
                from: d(2026, 8, 1),
                to: d(2026, 11, 25)
            }
        );
        assert_eq!(Period::default_for(d(2026, 2, 28)).from, d(2025, 11, 1));
        assert_eq!(
            Period {
                from: d(2026, 10, 31),
                to: d(2027, 1, 1)
            }
            .months(),
            vec![(2026, 10), (2026, 11), (2026, 12), (2027, 1)]
        );
    }

    #[test]
    fn bad_days_are_reported_on_their_field_and_the_default_period_applies() {
        let today = d(2026, 11, 25);
        let params = |dal: &str, al: &str| ReportParams {
            dal: dal.into(),
            al: al.into(),
            polo: String::new(),
        };
        let (period, problems) = parse_period(&params("2026-10-01", "2026-10-31"), today);
        assert_eq!(
            period,
            Period {
                from: d(2026, 10, 1),
                to: d(2026, 10, 31)
            }
        );
        assert!(problems.is_empty());
        let (period, problems) = parse_period(&params("31/10/2026", ""), today);
        assert_eq!(period, Period::default_for(today));
        assert_eq!(
            problems,
            vec![ParamProblem {
                field: "dal".into(),
                problem: PeriodProblem::BadDay
            }]
        );
        let (period, problems) = parse_period(&params("2026-11-01", "2026-10-01"), today);
        assert_eq!(period, Period::default_for(today));
        assert_eq!(problems[0].problem, PeriodProblem::EndBeforeStart);
        let (_, problems) = parse_period(&params("2001-01-01", "2026-01-01"), today);
        assert_eq!(problems[0].problem, PeriodProblem::TooLong);
        let (_, problems) = parse_period(&params("1999-12-31", "9999-01-01"), today);
        assert_eq!(problems.len(), 2);
        let (period, problems) = parse_period(&params("", ""), today);
        assert_eq!((period, problems.len()), (Period::default_for(today), 0));
    }

    #[test]
    fn rates_have_one_decimal_and_a_dash_without_bookings() {
        assert_eq!(per_mille(7, 8), Some(875));
        assert_eq!(per_mille(1, 3), Some(333));
        assert_eq!(per_mille(2, 3), Some(667));
        assert_eq!(per_mille(0, 0), None);
        assert_eq!(percent_label(Some(875), "it"), "87,5%");
        assert_eq!(percent_label(Some(1000), "en"), "100.0%");
        assert_eq!(percent_label(None, "it"), "—");
        assert_eq!(percent_number(Some(5)), "0.5");
        assert_eq!(percent_number(None), "");
    }

    #[test]
    fn children_are_banded_by_their_age_and_erased_ones_are_unknown() {
        let day = d(2026, 10, 10);
        assert_eq!(age_band(d(2024, 10, 11), day), 0);
        assert_eq!(age_band(d(2023, 10, 10), day), 1);
        assert_eq!(age_band(d(2016, 10, 11), day), 2);
        assert_eq!(age_band(d(2015, 10, 10), day), 3);
        assert_eq!(age_band(d(2009, 1, 1), day), 4);
        assert_eq!(age_band(d(2008, 10, 10), day), 5);
        assert_eq!(
            age_band(crate::privacy::domain::erased_birth_date(), day),
            6
        );
    }

    #[test]
    fn a_meeting_late_in_the_evening_counts_in_its_month_in_rome() {
        // 31 October 2026, 23:30 in Rome (CET) is 22:30 UTC; 1 November 00:30 in Rome is
        // 23:30 UTC on 31 October.
        let period = Period {
            from: d(2026, 10, 1),
            to: d(2026, 11, 30),
        };
        let meetings = [
            meeting(1, "a", "x", utc(2026, 10, 31, 22, 30)),
            meeting(2, "a", "x", utc(2026, 10, 31, 23, 30)),
        ];
        let now = utc(2026, 12, 1, 0, 0);
        let report = aggregate(&period, &meetings, &[], now, "it");
        let held: Vec<(String, i64)> = report
            .by_month
            .iter()
            .map(|row| (row.label.clone(), row.figures.meetings_held))
            .collect();
        assert_eq!(
            held,
            vec![("ottobre 2026".into(), 1), ("novembre 2026".into(), 1)]
        );
        assert_eq!(report.total.seats_offered, 20);
    }

    #[test]
    fn presences_walk_ins_absences_and_excuses_add_up_as_documented() {
        let period = Period {
            from: d(2026, 10, 1),
            to: d(2026, 10, 31),
        };
        let mut cancelled = meeting(3, "b", "y", utc(2026, 10, 12, 15, 0));
        cancelled.cancelled = true;
        let meetings = [
            meeting(1, "a", "x", utc(2026, 10, 5, 15, 0)),
            meeting(2, "b", "y", utc(2026, 10, 6, 15, 0)),
            cancelled,
            // Still to come: neither held nor cancelled, but its waiting list counts.
            meeting(4, "a", "x", utc(2026, 10, 30, 15, 0)),
        ];
        let mut child = held(1, 13, 102, false, Some(Mark::Present));
        child.child_born = Some(d(2022, 10, 6));
        let mut seen = held(2, 14, 103, true, Some(Mark::Late));
        seen.role = PersonRole::Held {
            booked: true,
            mark: Some(Mark::Late),
            household_seen_before: true,
        };
        let persons = vec![
            held(1, 11, 101, true, Some(Mark::Present)),
            held(1, 12, 101, true, Some(Mark::Absent)),
            child,
            held(1, 15, 104, true, Some(Mark::Excused)),
            held(1, 16, 104, true, None),
            seen,
            held(2, 11, 101, true, Some(Mark::Present)),
            PersonFact {
                role: PersonRole::Waited,
                ..held(4, 17, 105, false, None)
            },
            PersonFact {
                role: PersonRole::Waited,
                ..held(4, 17, 105, false, None)
            },
            // A booking of a meeting not yet over counts nowhere.
            held(4, 18, 106, true, Some(Mark::Present)),
        ];
        let now = utc(2026, 10, 20, 0, 0);
        let report = aggregate(&period, &meetings, &persons, now, "en");
        let t = &report.total;
        assert_eq!(
            (t.meetings_held, t.meetings_cancelled, t.seats_offered),
            (2, 1, 20)
        );
        assert_eq!((t.booked, t.present, t.walk_ins), (6, 4, 1));
        assert_eq!((t.booked_present, t.booked_absent), (3, 1));
        assert_eq!(percent_label(t.attendance_rate(), "en"), "50.0%");
        assert_eq!(percent_label(t.no_show_rate(), "en"), "16.7%");
        assert_eq!((t.households, t.persons, t.new_households), (3, 3, 2));
        assert_eq!(t.children, [0, 1, 0, 0, 0, 0, 0]);
        assert_eq!(t.waiting, 1);
        let services: Vec<(&str, i64, i64, i64)> = report
            .by_service
            .iter()
            .map(|r| {
                (
                    r.key.as_str(),
                    r.figures.meetings_held,
                    r.figures.present,
                    r.figures.waiting,
                )
            })
            .collect();
        assert_eq!(services, vec![("a", 1, 2, 1), ("b", 1, 2, 0)]);
        assert_eq!(report.by_service[1].figures.meetings_cancelled, 1);
        assert_eq!(report.by_area.len(), 2);
        assert_eq!(report.by_month.len(), 1);
        assert_eq!(report.by_month[0].label, "October 2026");
        // The same person in two services is one person of the total.
        assert_eq!(
            report.by_service[0].figures.persons + report.by_service[1].figures.persons,
            4
        );
    }

    #[test]
    fn an_empty_period_has_every_month_and_no_rates() {
        let period = Period {
            from: d(2026, 8, 1),
            to: d(2026, 11, 25),
        };
        let report = aggregate(&period, &[], &[], utc(2026, 11, 25, 12, 0), "it");
        assert_eq!(report.total, Figures::default());
        assert!(report.by_service.is_empty() && report.by_area.is_empty());
        assert_eq!(report.by_month.len(), 4);
        assert_eq!(report.total.attendance_rate(), None);
    }

    #[test]
    fn the_address_keeps_the_parameters_given() {
        let params = ReportParams {
            dal: "2026-10-01".into(),
            al: String::new(),
            polo: "ancora".into(),
        };
        assert_eq!(
            params.href(REPORT_CSV_PATH),
            "/coordinamento/report.csv?dal=2026-10-01&polo=ancora"
        );
        assert_eq!(ReportParams::default().href(REPORT_PATH), REPORT_PATH);
        let odd = ReportParams {
            polo: "a&b=c".into(),
            ..Default::default()
        };
        assert_eq!(
            odd.href(REPORT_PATH),
            "/coordinamento/report?polo=a%26b%3Dc"
        );
    }
}
