//! Case paths (percorsi) as staff see them: the case, its parties and staff, its appointments
//! with each party's own arrival and departure, and the rules that need no database: the
//! Spazio Neutro staggering, the appointment form, the status changes.
//!
//! *Spazio Neutro* is the supervised-visit service: a child meets the parent they do not live
//! with, in the centre, with an educator. The two households (party `a`, the custodial household
//! with the child; party `b`, the visiting parent) must never meet: the visiting parent arrives
//! `stagger_minutes` before the visit and leaves that much after it, so that the other party
//! never finds them in the waiting room.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};
use crate::shared::parse::{parse_date, parse_ids, parse_text, parse_time, parse_uuid};

/// The list of case paths.
pub const CASES_PATH: &str = "/gestione/percorsi";

pub fn case_path(case_id: Uuid) -> String {
    format!("{CASES_PATH}/{case_id}")
}

pub fn notes_path(case_id: Uuid) -> String {
    format!("{CASES_PATH}/{case_id}/note")
}

pub fn appointment_path(case_id: Uuid, appointment_id: Uuid) -> String {
    format!("{CASES_PATH}/{case_id}/appuntamenti/{appointment_id}")
}

/// The longest note or visit report.
pub const NOTE_MAX_CHARS: usize = 10_000;
/// The longest appointment (a home visit may take a morning).
pub const APPOINTMENT_MAX_HOURS: i64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseStatus {
    Open,
    Suspended,
    Closed,
}

impl CaseStatus {
    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Suspended => "suspended",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [CaseStatus::Open, CaseStatus::Suspended, CaseStatus::Closed]
            .into_iter()
            .find(|status| status.code() == code.trim())
    }

    /// The changes a coordinator may make from this status: suspend or close an open case,
    /// reopen or close a suspended one; a closed case stays closed (its record is kept).
    pub fn may_become(self, next: CaseStatus) -> bool {
        matches!(
            (self, next),
            (CaseStatus::Open, CaseStatus::Suspended)
                | (CaseStatus::Open, CaseStatus::Closed)
                | (CaseStatus::Suspended, CaseStatus::Open)
                | (CaseStatus::Suspended, CaseStatus::Closed)
        )
    }
}

/// Which side of a case a household is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartyRole {
    /// Spazio Neutro: the custodial household, who comes with the child; otherwise the
    /// household that asked.
    A,
    /// Spazio Neutro: the visiting parent.
    B,
    Child,
    Other,
}

impl PartyRole {
    pub fn code(self) -> &'static str {
        match self {
            PartyRole::A => "a",
            PartyRole::B => "b",
            PartyRole::Child => "child",
            PartyRole::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            PartyRole::A,
            PartyRole::B,
            PartyRole::Child,
            PartyRole::Other,
        ]
        .into_iter()
        .find(|role| role.code() == code.trim())
    }
}

/// When one party arrives and leaves for an appointment from `starts_at` to `ends_at`: in a
/// supervised visit the visiting parent (`B`) comes `stagger` earlier and leaves `stagger`
/// later; everyone else comes and goes at the appointment's times.
pub fn party_window(
    role: PartyRole,
    supervised: bool,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    stagger: Duration,
) -> (DateTime<Utc>, DateTime<Utc>) {
    if supervised && role == PartyRole::B {
        (starts_at - stagger, ends_at + stagger)
    } else {
        (starts_at, ends_at)
    }
}

/// Whether two parties' arrivals and departures are at least `gap` apart: each passes through
/// the waiting room alone.
pub fn never_cross(
    first: (DateTime<Utc>, DateTime<Utc>),
    second: (DateTime<Utc>, DateTime<Utc>),
    gap: Duration,
) -> bool {
    let apart = |x: DateTime<Utc>, y: DateTime<Utc>| (x - y).abs() >= gap;
    apart(first.0, second.0)
        && apart(first.1, second.1)
        && apart(first.0, second.1)
        && apart(first.1, second.0)
}

/// Where an appointment takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A room of the polo.
    Centre,
    /// The family's home (home tutoring, foster care visits).
    Home,
    Other,
}

impl Place {
    pub fn code(self) -> &'static str {
        match self {
            Place::Centre => "centre",
            Place::Home => "home",
            Place::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Place::Centre, Place::Home, Place::Other]
            .into_iter()
            .find(|place| place.code() == code.trim())
    }
}

/// Whether a person came to an appointment: recorded like a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attendance {
    Present,
    Late,
    Excused,
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 4] = [
        Attendance::Present,
        Attendance::Late,
        Attendance::Excused,
        Attendance::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Late => "late",
            Attendance::Excused => "excused",
            Attendance::Absent => "absent",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Attendance::ALL
            .into_iter()
            .find(|mark| mark.code() == code.trim())
    }
}

/// "Nuovo appuntamento" as the browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppointmentForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub room: String,
    pub leaders: Vec<String>,
    pub parties: Vec<String>,
}

/// An appointment to schedule, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAppointment {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub place: Place,
    pub room_id: Option<Uuid>,
    pub leaders: Vec<Uuid>,
    pub parties: Vec<Uuid>,
}

impl AppointmentForm {
    /// Every problem at once (each next to its field), or the appointment.
    pub fn parse(&self) -> Result<NewAppointment, AppError> {
        let mut errors = FieldErrors::new();
        let day = errors.check(parse_date(&self.date, "date"));
        let start = errors.check(parse_time(&self.start, "start"));
        let end = errors.check(parse_time(&self.end, "end"));
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.add("end", "errors.end_before_start");
            } else if end - start > Duration::hours(APPOINTMENT_MAX_HOURS) {
                errors.add("end", "errors.appointment_too_long");
            }
        }
        let place = match Place::parse(&self.place) {
            Some(place) => Some(place),
            None => {
                errors.add("place", "errors.choose_one");
                None
            }
        };
        let room_id = match (place, self.room.trim()) {
            (Some(Place::Centre), "") => {
                errors.add("room", "errors.room_required");
                None
            }
            (Some(Place::Centre), raw) => errors.check(parse_uuid(raw, "room")),
            _ => None,
        };
        let leaders = parse_ids(&self.leaders, "leaders", &mut errors);
        if leaders.is_empty() && !errors.has("leaders") {
            errors.add("leaders", "errors.appointment_leader_required");
        }
        let parties = parse_ids(&self.parties, "parties", &mut errors);
        if parties.is_empty() && !errors.has("parties") {
            errors.add("parties", "errors.party_required");
        }
        errors.finish()?;
        match (day, start, end, place) {
            (Some(day), Some(start), Some(end), Some(place)) => Ok(NewAppointment {
                day,
                start,
                end,
                place,
                room_id,
                leaders,
                parties,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// A note or a visit report's text: required, at most [`NOTE_MAX_CHARS`].
pub fn parse_note(raw: &str) -> Result<String, AppError> {
    parse_text(raw, "body", true, NOTE_MAX_CHARS)
}

/// A case in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub case_id: Uuid,
    pub reference: String,
    pub service_name: String,
    pub centre_name: String,
    pub status: CaseStatus,
    pub court_ordered: bool,
    /// "Famiglia Rossi", or "Famiglia Neri · Marco Bianchi" for two parties.
    pub parties: String,
    /// "sabato 5 dicembre, 10:00–11:00", when one is scheduled.
    pub next_appointment: Option<String>,
    /// Whether the viewer is one of its staff.
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseList {
    pub cases: Vec<CaseRow>,
    /// A coordinator or an administrator: sees every case of their polo(s).
    pub sees_centre: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyView {
    pub party_id: Uuid,
    pub role: PartyRole,
    pub name: String,
    /// The household has a family account (it sees its appointments online).
    pub has_account: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub user_id: Uuid,
    pub name: String,
    pub is_lead: bool,
}

/// One party's own times at an appointment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyTime {
    pub party_id: Uuid,
    pub name: String,
    pub role: PartyRole,
    /// "9:45"
    pub arrives: String,
    pub leaves: String,
    pub attendance: Option<Attendance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub appointment_id: Uuid,
    /// "sabato 5 dicembre"
    pub day_label: String,
    /// "10:00–11:00"
    pub time_label: String,
    pub place: Place,
    pub room: Option<String>,
    pub leaders: Vec<String>,
    pub parties: Vec<PartyTime>,
    pub cancelled: bool,
    pub past: bool,
    pub has_report: bool,
}

/// A choice in a form (a room, a staff member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: Uuid,
    pub name: String,
}

/// `/gestione/percorsi/{case}`: everything but the restricted notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub case_id: Uuid,
    pub reference: String,
    pub service_name: String,
    pub centre_name: String,
    /// Spazio Neutro: the parties' times are staggered.
    pub supervised: bool,
    pub stagger_minutes: i16,
    pub status: CaseStatus,
    pub court_ordered: bool,
    pub referrer: Option<String>,
    /// "3 dicembre 2026"
    pub opened_on: String,
    pub closed_on: Option<String>,
    pub retain_until: Option<String>,
    pub parties: Vec<PartyView>,
    pub staff: Vec<StaffView>,
    pub upcoming: Vec<AppointmentView>,
    pub past: Vec<AppointmentView>,
    pub notes_count: i64,
    pub reports_count: i64,
    /// A coordinator of the polo or the administrator: changes the status, the staff and the
    /// parties.
    pub manages: bool,
    /// Appointments can be scheduled (the case is open).
    pub schedulable: bool,
    pub rooms: Vec<Choice>,
    /// The polo's staff, for the leaders of an appointment and the case's staff.
    pub centre_staff: Vec<Choice>,
}

/// A restricted note or visit report, as the notes page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    pub note_id: Uuid,
    pub is_report: bool,
    /// For a report, the appointment's day.
    pub appointment: Option<String>,
    pub author: String,
    /// "3 dicembre 2026, 17:02"
    pub written: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseNotes {
    pub case_id: Uuid,
    pub reference: String,
    pub service_name: String,
    pub notes: Vec<NoteView>,
}

/// `/gestione/percorsi/{case}/appuntamenti/{appointment}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentPage {
    pub case_id: Uuid,
    pub reference: String,
    pub service_name: String,
    pub supervised: bool,
    pub appointment: AppointmentView,
    /// The visit report, when written (reading it is audited).
    pub report: Option<NoteView>,
    /// Attendance can be recorded (the appointment has begun and is not cancelled).
    pub markable: bool,
    /// It can still be cancelled (scheduled, not begun).
    pub cancellable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, h, m, 0).unwrap()
    }

    #[test]
    fn the_visiting_parent_comes_before_and_leaves_after_the_visit() {
        let stagger = Duration::minutes(15);
        let visiting = party_window(PartyRole::B, true, at(9, 0), at(10, 0), stagger);
        let custodial = party_window(PartyRole::A, true, at(9, 0), at(10, 0), stagger);
        assert_eq!(visiting, (at(8, 45), at(10, 15)));
        assert_eq!(custodial, (at(9, 0), at(10, 0)));
        assert!(never_cross(visiting, custodial, stagger));
        // Without staggering they would meet at the door.
        assert!(!never_cross(custodial, custodial, stagger));
    }

    #[test]
    fn a_mediation_appointment_is_the_same_time_for_everyone() {
        let window = party_window(
            PartyRole::B,
            false,
            at(9, 0),
            at(10, 0),
            Duration::minutes(15),
        );
        assert_eq!(window, (at(9, 0), at(10, 0)));
    }

    #[test]
    fn a_closed_case_stays_closed() {
        assert!(CaseStatus::Open.may_become(CaseStatus::Suspended));
        assert!(CaseStatus::Suspended.may_become(CaseStatus::Open));
        assert!(CaseStatus::Suspended.may_become(CaseStatus::Closed));
        assert!(!CaseStatus::Closed.may_become(CaseStatus::Open));
        assert!(!CaseStatus::Open.may_become(CaseStatus::Open));
    }

    #[test]
    fn the_appointment_form_names_every_problem_next_to_its_field() {
        let form = AppointmentForm {
            date: "2026-13-01".into(),
            start: "10:00".into(),
            end: "09:00".into(),
            place: "centre".into(),
            room: String::new(),
            leaders: vec![],
            parties: vec!["not-an-id".into()],
        };
        let Err(AppError::Validation { errors }) = form.parse() else {
            panic!("bad form accepted");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for field in ["date", "end", "room", "leaders", "parties"] {
            assert!(fields.contains(&field), "{field} missing in {fields:?}");
        }
    }

    #[test]
    fn a_home_visit_needs_no_room() {
        let leader = Uuid::new_v4().to_string();
        let party = Uuid::new_v4().to_string();
        let form = AppointmentForm {
            date: "2026-12-05".into(),
            start: "10:00".into(),
            end: "11:30".into(),
            place: "home".into(),
            room: "ignored".into(),
            leaders: vec![leader.clone(), leader],
            parties: vec![party],
        };
        let appointment = form.parse().expect("valid");
        assert_eq!(appointment.room_id, None);
        assert_eq!(appointment.leaders.len(), 1);
        assert_eq!(appointment.place, Place::Home);
    }
}
