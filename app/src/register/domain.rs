//! The register (registro presenze) of a meeting: the marks, when a register may be filled,
//! the persons as the page shows them, the walk-in form. Pure, both targets.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};

/// A register opens this long before its meeting starts...
pub const OPENS_BEFORE_MINUTES: i64 = 30;
/// ...and closes this long after it ends; later only a coordinator corrects it.
pub const CLOSES_AFTER_DAYS: i64 = 7;
/// Longest note on a mark.
pub const NOTE_MAX: usize = 1000;

/// A person's mark in a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mark {
    Present,
    /// Absent without notice: the follow-up list counts these.
    Absent,
    /// Absent with notice (assente giustificato).
    Excused,
    Late,
}

impl Mark {
    /// In the order the register's buttons show them.
    pub const ALL: [Mark; 4] = [Mark::Present, Mark::Late, Mark::Excused, Mark::Absent];

    /// As stored (`attendance.status`) and posted by the forms.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Present => "present",
            Mark::Absent => "absent",
            Mark::Excused => "excused",
            Mark::Late => "late",
        }
    }

    pub fn parse(code: &str) -> Option<Mark> {
        Mark::ALL
            .into_iter()
            .find(|mark| mark.code() == code.trim())
    }

    /// The person came (on time or late).
    pub fn came(self) -> bool {
        matches!(self, Mark::Present | Mark::Late)
    }
}

/// Where a register stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// More than 30 minutes before the start: it can be read, not filled.
    NotYet,
    /// From 30 minutes before the start to 7 days after the end: its leaders and the
    /// coordinators fill it.
    Open,
    /// Later: only a coordinator (or an administrator) corrects it.
    Closed,
    /// The meeting was cancelled: nothing to fill.
    Cancelled,
}

impl Window {
    pub fn at(
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        cancelled: bool,
        now: DateTime<Utc>,
    ) -> Window {
        if cancelled {
            Window::Cancelled
        } else if now < starts_at - Duration::minutes(OPENS_BEFORE_MINUTES) {
            Window::NotYet
        } else if now <= ends_at + Duration::days(CLOSES_AFTER_DAYS) {
            Window::Open
        } else {
            Window::Closed
        }
    }

    /// Whether someone may write in it: in the window anyone who may fill the register, after
    /// it only who may correct (`corrects`: a coordinator of the centre or an administrator).
    pub fn writable(self, corrects: bool) -> bool {
        match self {
            Window::Open => true,
            Window::Closed => corrects,
            Window::NotYet | Window::Cancelled => false,
        }
    }

    /// The refusal for a write that is not allowed now.
    pub fn refusal(self) -> AppError {
        let key = match self {
            Window::NotYet => "register_not_yet",
            Window::Closed => "register_closed",
            Window::Cancelled => "register_cancelled",
            Window::Open => "register_not_allowed",
        };
        AppError::Conflict {
            message_key: key.to_string(),
        }
    }
}

/// One person in a register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPerson {
    pub member_id: Uuid,
    pub household_id: Uuid,
    pub name: String,
    /// "7 anni", "circa 40 anni" when only the year of birth is known.
    pub age_label: String,
    pub is_child: bool,
    /// Came without a booking.
    pub walk_in: bool,
    pub mark: Option<Mark>,
    pub note: String,
}

/// A household's persons, as the register groups them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterHousehold {
    pub household_id: Uuid,
    /// "Rossi" or "Rossi · Bianchi": the surnames of its persons here.
    pub label: String,
    pub persons: Vec<RegisterPerson>,
}

/// Groups persons by household, in the order of their first person; persons keep their order.
pub fn by_household(persons: Vec<RegisterPerson>) -> Vec<RegisterHousehold> {
    let mut households: Vec<RegisterHousehold> = Vec::new();
    for person in persons {
        match households
            .iter_mut()
            .find(|h| h.household_id == person.household_id)
        {
            Some(household) => household.persons.push(person),
            None => households.push(RegisterHousehold {
                household_id: person.household_id,
                label: String::new(),
                persons: vec![person],
            }),
        }
    }
    for household in &mut households {
        let mut surnames: Vec<String> = Vec::new();
        for person in &household.persons {
            let surname = person
                .name
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string();
            if !surname.is_empty() && !surnames.contains(&surname) {
                surnames.push(surname);
            }
        }
        household.label = surnames.join(" · ");
    }
    households
}

/// The counts a register shows at its top and the reports use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub booked: i64,
    pub walk_ins: i64,
    pub present: i64,
    pub late: i64,
    pub excused: i64,
    pub absent: i64,
    pub unmarked: i64,
}

impl Tally {
    pub fn of<'a>(persons: impl IntoIterator<Item = &'a RegisterPerson>) -> Tally {
        let mut tally = Tally::default();
        for person in persons {
            if person.walk_in {
                tally.walk_ins += 1;
            } else {
                tally.booked += 1;
            }
            match person.mark {
                Some(Mark::Present) => tally.present += 1,
                Some(Mark::Late) => tally.late += 1,
                Some(Mark::Excused) => tally.excused += 1,
                Some(Mark::Absent) => tally.absent += 1,
                None => tally.unmarked += 1,
            }
        }
        tally
    }
}

/// One meeting of a cycle, a column of the cycle's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleColumn {
    pub meeting_id: Uuid,
    /// "3/12".
    pub label: String,
    pub cancelled: bool,
}

/// A row of the cycle's register: a person and their mark at each meeting (`None`: not marked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleRow {
    pub name: String,
    pub marks: Vec<Option<Mark>>,
}

/// A closed cycle's whole register, persons × meetings, like the paper one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleGrid {
    pub title: String,
    pub columns: Vec<CycleColumn>,
    pub rows: Vec<CycleRow>,
}

/// A meeting's register as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_name: String,
    pub centre_name: String,
    pub centre_address: String,
    pub room_name: Option<String>,
    /// "martedì 1 dicembre 2026" and "17:00–18:30", in Rome.
    pub day_label: String,
    pub time_label: String,
    /// "2026-12-01", for the links back to the calendar.
    pub date: String,
    pub leaders: Vec<String>,
    pub window: Window,
    /// The viewer may write in it now (the window, and their role for a correction).
    pub writable: bool,
    /// The viewer writes as a correction (after the window: a coordinator).
    pub correcting: bool,
    /// "18:30": when it opens, for a register not yet open.
    pub opens_label: String,
    pub households: Vec<RegisterHousehold>,
    pub tally: Tally,
    pub cycle: Option<CycleGrid>,
}

/// A mark as a register page sends it: whom, what, the note, and the id the browser (or the
/// page, without JavaScript) made for it, so that sending it twice saves it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkForm {
    pub member_id: Uuid,
    pub mark: Mark,
    pub note: Option<String>,
    pub client_id: Uuid,
}

impl MarkForm {
    /// Reads the posted fields; a note left empty is "no note", a note not sent keeps the
    /// stored one.
    pub fn parse(
        member: &str,
        mark: &str,
        note: Option<&str>,
        client_id: &str,
    ) -> Result<MarkForm, AppError> {
        let mut errors = FieldErrors::new();
        let member_id = Uuid::parse_str(member.trim()).ok();
        if member_id.is_none() {
            errors.add("member", "member_unknown");
        }
        let parsed = Mark::parse(mark);
        if parsed.is_none() {
            errors.add("mark", "choose_one");
        }
        let note = note.map(|n| n.trim().to_string());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > NOTE_MAX || n.contains('\0'))
        {
            errors.add("note", "text_too_long");
        }
        let client_id = Uuid::parse_str(client_id.trim()).ok();
        if client_id.is_none() {
            errors.add("client_id", "member_unknown");
        }
        errors.finish()?;
        Ok(MarkForm {
            member_id: member_id.unwrap_or_default(),
            mark: parsed.unwrap_or(Mark::Present),
            note,
            client_id: client_id.unwrap_or_default(),
        })
    }
}

/// What a saved mark is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub member_id: Uuid,
    pub mark: Mark,
    pub note: String,
    /// `false` when this client id had already been saved (a retry): nothing was changed.
    pub changed: bool,
}

/// A new person added in the room: the least the centre needs to count them and call back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWalkIn {
    pub first_name: String,
    pub last_name: String,
    pub birth_year: i32,
    /// A phone number or an e-mail address.
    pub phone: String,
    pub email: String,
}

impl NewWalkIn {
    /// Checks the walk-in form; `this_year` bounds the year of birth.
    pub fn parse(
        first_name: &str,
        last_name: &str,
        birth_year: &str,
        contact: &str,
        this_year: i32,
    ) -> Result<NewWalkIn, AppError> {
        let mut errors = FieldErrors::new();
        let first_name = first_name.trim().to_string();
        let last_name = last_name.trim().to_string();
        let bad = |s: &str, max: usize| s.chars().count() > max || s.chars().any(char::is_control);
        if first_name.is_empty() {
            errors.add("first_name", "required");
        } else if bad(&first_name, 100) {
            errors.add("first_name", "name_too_long");
        }
        if bad(&last_name, 100) {
            errors.add("last_name", "name_too_long");
        }
        let year = birth_year.trim().parse::<i32>().ok();
        match year {
            None => errors.add("birth_year", "birth_year_invalid"),
            Some(year) if year < this_year - 110 || year > this_year => {
                errors.add("birth_year", "birth_year_invalid")
            }
            Some(_) => {}
        }
        let contact = contact.trim();
        let (mut phone, mut email) = (String::new(), String::new());
        if contact.is_empty() {
            errors.add("contact", "required");
        } else if contact.contains('@') {
            let parts: Vec<&str> = contact.split('@').collect();
            if parts.len() != 2
                || parts[0].is_empty()
                || !parts[1].contains('.')
                || contact.chars().any(char::is_whitespace)
                || contact.len() > 254
            {
                errors.add("contact", "contact_invalid");
            } else {
                email = contact.to_string();
            }
        } else {
            let digits = contact.chars().filter(char::is_ascii_digit).count();
            let allowed = contact
                .chars()
                .all(|c| c.is_ascii_digit() || " +-./()".contains(c));
            if !allowed || !(6..=15).contains(&digits) || contact.len() > 50 {
                errors.add("contact", "contact_invalid");
            } else {
                phone = contact.to_string();
            }
        }
        errors.finish()?;
        Ok(NewWalkIn {
            first_name,
            last_name,
            birth_year: year.unwrap_or(this_year),
            phone,
            email,
        })
    }
}

/// A person a search for walk-ins found: a member of a household already known to the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub member_id: Uuid,
    pub name: String,
    pub age_label: String,
    /// Already in this register.
    pub listed: bool,
}

/// A meeting whose register someone may fill today ("Registri di oggi").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayRegister {
    pub meeting_id: Uuid,
    pub time_label: String,
    pub title: String,
    pub service_name: String,
    pub room_name: Option<String>,
    pub window: Window,
    pub tally: Tally,
}

/// "Chrome su Android": the kind of device a mark came from, for the audit log (the browser's
/// full identification string is not kept).
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent;
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") {
        "iPhone"
    } else if ua.contains("iPad") {
        "iPad"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS") {
        "Mac"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "?"
    };
    let browser = if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "?"
    };
    let mobile = ua.contains("Mobile");
    format!("{browser}/{system}{}", if mobile { " mobile" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    #[test]
    fn a_register_opens_half_an_hour_before_and_closes_a_week_after() {
        let (start, end) = (at(16, 0), at(17, 30));
        assert_eq!(Window::at(start, end, false, at(15, 29)), Window::NotYet);
        assert_eq!(Window::at(start, end, false, at(15, 30)), Window::Open);
        let last = end + Duration::days(7);
        assert_eq!(Window::at(start, end, false, last), Window::Open);
        assert_eq!(
            Window::at(start, end, false, last + Duration::seconds(1)),
            Window::Closed
        );
        assert_eq!(Window::at(start, end, true, at(16, 10)), Window::Cancelled);
        assert!(Window::Open.writable(false));
        assert!(!Window::Closed.writable(false));
        assert!(Window::Closed.writable(true));
        assert!(!Window::Cancelled.writable(true));
        assert!(!Window::NotYet.writable(true));
    }

    #[test]
    fn marks_read_back_from_their_codes_only() {
        for mark in Mark::ALL {
            assert_eq!(Mark::parse(mark.code()), Some(mark));
        }
        assert_eq!(Mark::parse("presente"), None);
        assert!(Mark::Late.came() && !Mark::Excused.came());
    }

    #[test]
    fn a_mark_form_says_every_field_that_is_wrong() {
        let id = Uuid::new_v4().to_string();
        assert!(MarkForm::parse(&id, "late", Some(" in ritardo "), &id).is_ok());
        let Err(AppError::Validation { errors }) =
            MarkForm::parse("x", "maybe", Some(&"a".repeat(1001)), "y")
        else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["member", "mark", "note", "client_id"]);
    }

    #[test]
    fn a_walk_in_needs_a_name_a_plausible_year_and_a_contact() {
        let ok = NewWalkIn::parse("Amal", "", "2019", "+39 333 1234567", 2026).unwrap();
        assert_eq!(
            (ok.phone.as_str(), ok.email.as_str()),
            ("+39 333 1234567", "")
        );
        let mail = NewWalkIn::parse("Amal", "Haddad", "1990", "amal@example.org", 2026).unwrap();
        assert_eq!(mail.email, "amal@example.org");
        let Err(AppError::Validation { errors }) = NewWalkIn::parse(" ", "", "2030", "abc", 2026)
        else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["first_name", "birth_year", "contact"]);
        assert!(NewWalkIn::parse("A", "", "1900", "06 1234567", 2026).is_err());
    }

    #[test]
    fn persons_are_grouped_by_household_under_their_surnames() {
        let person =
            |household: Uuid, name: &str, mark: Option<Mark>, walk_in: bool| RegisterPerson {
                member_id: Uuid::new_v4(),
                household_id: household,
                name: name.into(),
                age_label: String::new(),
                is_child: false,
                walk_in,
                mark,
                note: String::new(),
            };
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let persons = vec![
            person(a, "Giulia Rossi", Some(Mark::Present), false),
            person(b, "Amal Haddad", None, true),
            person(a, "Luca Bianchi", Some(Mark::Absent), false),
            person(a, "Sara Rossi", Some(Mark::Late), false),
        ];
        let tally = Tally::of(&persons);
        assert_eq!(
            (
                tally.booked,
                tally.walk_ins,
                tally.present,
                tally.late,
                tally.absent,
                tally.unmarked
            ),
            (3, 1, 1, 1, 1, 1)
        );
        let households = by_household(persons);
        assert_eq!(households.len(), 2);
        assert_eq!(households[0].label, "Rossi · Bianchi");
        assert_eq!(households[0].persons.len(), 3);
        assert_eq!(households[1].label, "Haddad");
    }

    #[test]
    fn the_device_is_named_by_its_kind_only() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Chrome/Android mobile");
        assert_eq!(device_label(""), "?/?");
    }
}
