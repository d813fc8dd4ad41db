//! Booking rules, without the database: who may be booked for what, and when.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalogue::domain::{AgeBand, Audience};
use crate::household::domain::ADULT_AGE;
use crate::shared::error::AppError;
use crate::shared::time::{age_on, ROME};

/// Most persons one booking may hold.
pub const MAX_PERSONS: usize = 20;
/// Longest cancellation reason, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// What is booked: one meeting, or a whole cycle of meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Meeting(Uuid),
    Cycle(Uuid),
}

impl Target {
    /// From the URL words `incontro` / `ciclo` and an id.
    pub fn parse(kind: &str, id: &str) -> Result<Self, AppError> {
        let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        match kind {
            "incontro" => Ok(Target::Meeting(id)),
            "ciclo" => Ok(Target::Cycle(id)),
            _ => Err(AppError::NotFound),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Target::Meeting(_) => "incontro",
            Target::Cycle(_) => "ciclo",
        }
    }

    pub fn id(self) -> Uuid {
        match self {
            Target::Meeting(id) | Target::Cycle(id) => id,
        }
    }

    pub fn meeting_id(self) -> Option<Uuid> {
        match self {
            Target::Meeting(id) => Some(id),
            Target::Cycle(_) => None,
        }
    }

    pub fn cycle_id(self) -> Option<Uuid> {
        match self {
            Target::Cycle(id) => Some(id),
            Target::Meeting(_) => None,
        }
    }

    /// The page where this is booked.
    pub fn booking_path(self) -> String {
        format!("/prenota/{}/{}", self.kind(), self.id())
    }
}

/// The state of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingStatus {
    Confirmed,
    /// On the waiting list, at this position (1 = next in line).
    Waitlisted {
        position: i64,
    },
    Cancelled {
        late: bool,
        /// The centre cancelled the meeting (never late).
        by_centre: bool,
    },
}

/// What is being booked, as far as the rules are concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    /// The first (or only) meeting's start.
    pub starts_at: DateTime<Utc>,
    /// How many days ahead bookings open.
    pub booking_opens_days: i64,
    pub is_scheduled: bool,
    pub booked_online: bool,
}

/// A person to book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub member_id: Uuid,
    pub first_name: String,
    pub birth_date: NaiveDate,
}

/// Checks that `persons` may be booked for `offer` at `now`: the offer is open
/// ([`check_open`]), there are 1 to [`MAX_PERSONS`] persons, and each one fits ([`check_person`]).
pub fn check_eligibility(
    offer: &Offer,
    persons: &[Person],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    check_open(offer, now)?;
    if persons.is_empty() {
        return Err(AppError::validation("members", "errors.choose_members"));
    }
    if persons.len() > MAX_PERSONS {
        return Err(AppError::validation("members", "errors.too_many_persons"));
    }
    persons
        .iter()
        .try_for_each(|person| check_person(offer, person))
}

/// Checks that `offer` can be booked at `now`: online, scheduled, not started, inside the
/// booking window.
pub fn check_open(offer: &Offer, now: DateTime<Utc>) -> Result<(), AppError> {
    if !offer.booked_online || !offer.is_scheduled {
        return Err(AppError::conflict("errors.not_bookable"));
    }
    if offer.starts_at <= now {
        return Err(AppError::conflict("errors.already_started"));
    }
    if offer.starts_at > now + Duration::days(offer.booking_opens_days) {
        return Err(AppError::conflict("errors.booking_not_open"));
    }
    Ok(())
}

/// Checks that `person` belongs in `offer`'s audience. Ages are counted on the day of the first
/// meeting, in Rome.
pub fn check_person(offer: &Offer, person: &Person) -> Result<(), AppError> {
    let day = offer.starts_at.with_timezone(&ROME).date_naive();
    let age = age_on(person.birth_date, day);
    let fits = match offer.audience {
        Audience::Adults => age >= ADULT_AGE,
        Audience::Children => age < ADULT_AGE && offer.age_band.is_none_or(|band| band.admits(age)),
        Audience::Families => true,
    };
    if fits {
        Ok(())
    } else {
        let key = match offer.audience {
            Audience::Adults => "errors.adults_only",
            _ => "errors.age_not_admitted",
        };
        Err(AppError::validation("members", key))
    }
}

/// Whether a cancellation at `now` is late: after the service's cut-off before the start.
pub fn is_late_cancellation(
    starts_at: DateTime<Utc>,
    cutoff_hours: i64,
    now: DateTime<Utc>,
) -> bool {
    now > starts_at - Duration::hours(cutoff_hours)
}

/// A cancellation reason: trimmed, optional, bounded.
pub fn check_reason(raw: &str) -> Result<Option<String>, AppError> {
    // A browser sends a textarea's line breaks as CR LF.
    let reason = raw.trim().replace("\r\n", "\n");
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::validation("reason", "errors.reason_too_long"));
    }
    // Line breaks are fine; other control characters are not text (and a NUL cannot even be
    // stored: PostgreSQL refuses it).
    if reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::validation("reason", "errors.text_too_long"));
    }
    Ok((!reason.is_empty()).then_some(reason))
}

/// Member ids as sent by a form, parsed and without repeats.
pub fn parse_member_ids(raw: &[String]) -> Result<Vec<Uuid>, AppError> {
    if raw.len() > MAX_PERSONS {
        return Err(AppError::validation("members", "errors.too_many_persons"));
    }
    let mut ids = Vec::with_capacity(raw.len());
    for text in raw {
        let id = Uuid::parse_str(text.trim())
            .map_err(|_| AppError::validation("members", "errors.member_unknown"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(AppError::validation("members", "errors.choose_members"));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_cancellation_reason_keeps_its_lines_but_no_other_control_character() {
        assert_eq!(
            check_reason(" Febbre\r\nalta ").unwrap(),
            Some("Febbre\nalta".to_string())
        );
        assert_eq!(check_reason("  ").unwrap(), None);
        for bad in ["a\0b", "\u{1b}[31m", "a\u{7f}"] {
            let error = check_reason(bad).unwrap_err();
            assert_eq!(
                error.field_message("reason"),
                Some("errors.text_too_long"),
                "{bad:?}"
            );
        }
    }

    fn offer(audience: Audience, band: Option<(i16, i16)>) -> Offer {
        Offer {
            audience,
            age_band: band.and_then(|(min, max)| AgeBand::new(Some(min), Some(max))),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 2, 16, 0, 0).unwrap(),
            booking_opens_days: 60,
            is_scheduled: true,
            booked_online: true,
        }
    }

    fn person(y: i32, m: u32, d: u32) -> Person {
        Person {
            member_id: Uuid::from_u128(7),
            first_name: "X".into(),
            birth_date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_childrens_group_takes_children_whose_age_on_the_first_meeting_is_in_the_band() {
        let group = offer(Audience::Children, Some((6, 10)));
        // six on 2 December 2026: born 2 December 2020
        assert!(check_eligibility(&group, &[person(2020, 12, 2)], now()).is_ok());
        assert!(check_eligibility(&group, &[person(2020, 12, 3)], now()).is_err());
        assert!(check_eligibility(&group, &[person(2015, 12, 3)], now()).is_ok());
        assert!(check_eligibility(&group, &[person(2015, 12, 2)], now()).is_err());
        // a parent is not a child
        assert_eq!(
            check_eligibility(&group, &[person(1985, 1, 1)], now()),
            Err(AppError::validation("members", "errors.age_not_admitted"))
        );
    }

    #[test]
    fn an_adults_group_takes_adults_only() {
        let group = offer(Audience::Adults, None);
        assert!(check_eligibility(&group, &[person(1985, 1, 1)], now()).is_ok());
        assert_eq!(
            check_eligibility(&group, &[person(1985, 1, 1), person(2015, 1, 1)], now()),
            Err(AppError::validation("members", "errors.adults_only"))
        );
    }

    #[test]
    fn no_booking_once_started_or_before_the_window_opens() {
        let mut group = offer(Audience::Families, None);
        let adults = [person(1985, 1, 1)];
        group.starts_at = now();
        assert!(matches!(
            check_eligibility(&group, &adults, now()),
            Err(AppError::Conflict { .. })
        ));
        group.starts_at = now() + Duration::days(61);
        assert_eq!(
            check_eligibility(&group, &adults, now()),
            Err(AppError::conflict("errors.booking_not_open"))
        );
        group.starts_at = now() + Duration::days(59);
        assert!(check_eligibility(&group, &adults, now()).is_ok());
        assert_eq!(
            check_eligibility(&group, &[], now()),
            Err(AppError::validation("members", "errors.choose_members"))
        );
    }

    #[test]
    fn cancelling_inside_the_cut_off_is_late() {
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 16, 0, 0).unwrap();
        assert!(!is_late_cancellation(
            start,
            24,
            start - Duration::hours(25)
        ));
        assert!(is_late_cancellation(start, 24, start - Duration::hours(23)));
    }

    #[test]
    fn member_ids_from_a_form_are_checked() {
        let a = Uuid::from_u128(42).to_string();
        assert_eq!(parse_member_ids(&[a.clone(), a.clone()]).unwrap().len(), 1);
        assert!(parse_member_ids(&["1; drop table".into()]).is_err());
        assert!(parse_member_ids(&[]).is_err());
        assert!(parse_member_ids(&vec![a; 21]).is_err());
        assert!(check_reason(&"x".repeat(1001)).is_err());
        assert_eq!(check_reason("  ").unwrap(), None);
    }
}
