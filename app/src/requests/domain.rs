//! Requests for the services that are not booked online (mediation, home tutoring, family
//! solidarity, informal foster care) and referrals from social services or a court (Spazio
//! Neutro too): the rules of their fields, their statuses, the reference of the case a request
//! opens, and the types the pages get. Pure, no database.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};

/// A family's new request: `?servizio=<slug>` (and `&polo=<slug>` when several poli have it).
pub const NEW_REQUEST_PATH: &str = "/richieste/nuova";
/// The household's requests.
pub const MY_REQUESTS_PATH: &str = "/le-mie-richieste";
/// The coordinators' triage.
pub const TRIAGE_PATH: &str = "/coordinamento/richieste";
/// A referral entered by a coordinator.
pub const REFERRAL_PATH: &str = "/coordinamento/richieste/segnalazione";
/// Where an accepted request's case is (the lead operator's page).
pub const CASE_PATH_PREFIX: &str = "/gestione/percorsi";
/// The family's case paths.
pub const MY_CASES_PATH: &str = "/i-miei-percorsi";

/// The longest message of a request (the column's own limit).
pub const MESSAGE_MAX_CHARS: usize = 5000;
/// The longest reason for declining (the column's own limit).
pub const REASON_MAX_CHARS: usize = 1000;
/// The longest referrer, contact name (the columns' own limits).
pub const REFERRER_MAX_CHARS: usize = 200;
pub const NAME_MAX_CHARS: usize = 200;
/// At most this many members in one request (a household is never larger).
pub const MAX_MEMBERS: usize = 20;
/// How long a decided request stays on the triage page.
pub const DECIDED_SHOWN_DAYS: i64 = 60;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    /// Received, nobody looked at it yet ("Ricevuta").
    New,
    /// Given to an operator ("In esame").
    InReview,
    /// A case path was opened ("Accolta").
    Accepted,
    /// Not taken on, with the reason ("Non accolta").
    Declined,
    /// Closed without a decision.
    Closed,
}

impl RequestStatus {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "new" => Some(Self::New),
            "in_review" => Some(Self::InReview),
            "accepted" => Some(Self::Accepted),
            "declined" => Some(Self::Declined),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }

    /// Whether a coordinator still has to decide (a second request for the same service
    /// waits until then).
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::InReview)
    }
}

/// Who asked: the family itself, or a coordinator on behalf of social services or a court.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Family,
    Referral,
}

impl Source {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "family" => Some(Self::Family),
            "referral" => Some(Self::Referral),
            _ => None,
        }
    }
}

/// A part of the day the family prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    pub fn code(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
            Self::Evening => "evening",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|part| part.code() == code.trim())
    }
}

/// The weekdays a family may prefer: Monday (1) to Saturday (6), as the centre is open.
pub const PREFERRED_DAYS: [i16; 6] = [1, 2, 3, 4, 5, 6];

/// How the family wants to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactBy {
    Email,
    Phone,
}

impl ContactBy {
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "email" => Some(Self::Email),
            "phone" => Some(Self::Phone),
            _ => None,
        }
    }
}

/// Free text written by a person: trimmed, at most `max` characters, no control characters
/// but line breaks and tabs.
fn free_text(raw: &str, max: usize, field: &str, too_long: &str) -> Result<String, AppError> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.chars().count() > max {
        return Err(AppError::validation(field, too_long));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(AppError::validation(field, "errors.text_invalid"));
    }
    Ok(text)
}

/// A request's message (optional).
pub fn parse_message(raw: &str) -> Result<String, AppError> {
    free_text(
        raw,
        MESSAGE_MAX_CHARS,
        "message",
        "errors.request_message_too_long",
    )
}

/// Why a request is declined: required, at most [`REASON_MAX_CHARS`].
pub fn parse_reason(raw: &str) -> Result<String, AppError> {
    let reason = free_text(
        raw,
        REASON_MAX_CHARS,
        "reason",
        "errors.request_reason_too_long",
    )?;
    if reason.is_empty() {
        return Err(AppError::validation(
            "reason",
            "errors.request_reason_required",
        ));
    }
    Ok(reason)
}

/// One line of text (a name, a referrer): required, at most `max` characters, one line.
fn one_line(raw: &str, max: usize, field: &str) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    if text.chars().count() > max {
        return Err(AppError::validation(field, "errors.text_too_long"));
    }
    if text.chars().any(char::is_control) {
        return Err(AppError::validation(field, "errors.text_invalid"));
    }
    Ok(text.to_string())
}

/// A phone number: digits with spaces, `+`, `-`, `/`, `.` and brackets; 6 to 20 digits.
pub fn parse_phone(raw: &str, field: &str) -> Result<String, AppError> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Err(AppError::validation(field, "errors.phone_required"));
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-/.()".contains(c));
    if !allowed || !(6..=20).contains(&digits) || phone.chars().count() > 50 {
        return Err(AppError::validation(field, "errors.phone_invalid"));
    }
    Ok(phone.to_string())
}

/// The members ticked in the form: at least one, each an id (whether they belong to the
/// household is the service's check).
pub fn parse_members(raw: &[String]) -> Result<Vec<Uuid>, AppError> {
    if raw.len() > MAX_MEMBERS {
        return Err(AppError::validation("members", "errors.member_unknown"));
    }
    let mut ids = Vec::new();
    for text in raw {
        let id = Uuid::parse_str(text.trim())
            .map_err(|_| AppError::validation("members", "errors.member_unknown"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(AppError::validation(
            "members",
            "errors.request_members_required",
        ));
    }
    Ok(ids)
}

/// The preferred days ticked: ISO weekdays Monday to Saturday, sorted, once each.
pub fn parse_days(raw: &[String]) -> Result<Vec<i16>, AppError> {
    let mut days = Vec::new();
    for text in raw {
        let day = text
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|day| PREFERRED_DAYS.contains(day))
            .ok_or_else(|| AppError::validation("days", "errors.choice_invalid"))?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    days.sort_unstable();
    Ok(days)
}

/// The preferred parts of the day ticked, in the day's order, once each.
pub fn parse_parts(raw: &[String]) -> Result<Vec<DayPart>, AppError> {
    let mut parts = Vec::new();
    for text in raw {
        let part = DayPart::parse(text)
            .ok_or_else(|| AppError::validation("parts", "errors.choice_invalid"))?;
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.sort_by_key(|part| DayPart::ALL.iter().position(|p| p == part));
    Ok(parts)
}

/// What a family's request form sends, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestInput {
    pub members: Vec<String>,
    pub message: String,
    pub days: Vec<String>,
    pub parts: Vec<String>,
    pub contact_by: String,
    pub phone: String,
}

/// A family's request, checked: every problem at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub members: Vec<Uuid>,
    pub message: String,
    pub days: Vec<i16>,
    pub parts: Vec<DayPart>,
    pub contact_by: ContactBy,
    /// Given when the family wants a call.
    pub phone: Option<String>,
}

impl NewRequest {
    pub fn parse(input: &RequestInput) -> Result<NewRequest, AppError> {
        let mut errors = FieldErrors::new();
        let members = errors.check(parse_members(&input.members));
        let message = errors.check(parse_message(&input.message));
        let days = errors.check(parse_days(&input.days));
        let parts = errors.check(parse_parts(&input.parts));
        let contact_by = ContactBy::parse(&input.contact_by);
        if contact_by.is_none() {
            errors.add("contact_by", "errors.choice_invalid");
        }
        let phone = match contact_by {
            Some(ContactBy::Phone) => errors.check(parse_phone(&input.phone, "phone")).map(Some),
            _ if input.phone.trim().is_empty() => Some(None),
            // A number typed while choosing e-mail is kept, if it is one.
            _ => errors.check(parse_phone(&input.phone, "phone")).map(Some),
        };
        errors.finish()?;
        match (members, message, days, parts, contact_by, phone) {
            (
                Some(members),
                Some(message),
                Some(days),
                Some(parts),
                Some(contact_by),
                Some(phone),
            ) => Ok(NewRequest {
                members,
                message,
                days,
                parts,
                contact_by,
                phone,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// What the referral form sends, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralInput {
    pub service_id: String,
    pub referrer: String,
    /// "on" when ticked.
    pub court_ordered: Option<String>,
    /// The family's account, by its exact e-mail; empty for a household with no account.
    pub account_email: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub message: String,
}

/// Who a referral is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferredHousehold {
    /// A family with an account, found by the account's e-mail (the key, lowercase).
    Account { email_key: String },
    /// A household with no account yet: whom to contact.
    Contact {
        name: String,
        email: Option<String>,
        phone: Option<String>,
    },
}

/// A referral, checked: every problem at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReferral {
    pub service_id: Uuid,
    pub referrer: String,
    pub court_ordered: bool,
    pub household: ReferredHousehold,
    pub message: String,
}

impl NewReferral {
    pub fn parse(input: &ReferralInput) -> Result<NewReferral, AppError> {
        let mut errors = FieldErrors::new();
        let service_id = Uuid::parse_str(input.service_id.trim()).ok();
        if input.service_id.trim().is_empty() {
            errors.add("service_id", "errors.required");
        } else if service_id.is_none() {
            errors.add("service_id", "errors.choice_invalid");
        }
        let referrer = errors.check(one_line(&input.referrer, REFERRER_MAX_CHARS, "referrer"));
        let message = errors.check(parse_message(&input.message));
        let household = if !input.account_email.trim().is_empty() {
            match crate::accounts::domain::Email::parse(&input.account_email) {
                Ok(email) => Some(ReferredHousehold::Account {
                    email_key: email.key(),
                }),
                Err(_) => {
                    errors.add("account_email", "errors.email_invalid");
                    None
                }
            }
        } else {
            let name = errors.check(one_line(
                &input.contact_name,
                NAME_MAX_CHARS,
                "contact_name",
            ));
            let email = if input.contact_email.trim().is_empty() {
                Some(None)
            } else {
                match crate::accounts::domain::Email::parse(&input.contact_email) {
                    Ok(email) => Some(Some(email.as_str().to_string())),
                    Err(_) => {
                        errors.add("contact_email", "errors.email_invalid");
                        None
                    }
                }
            };
            let phone = if input.contact_phone.trim().is_empty() {
                Some(None)
            } else {
                errors
                    .check(parse_phone(&input.contact_phone, "contact_phone"))
                    .map(Some)
            };
            if matches!((&email, &phone), (Some(None), Some(None))) {
                errors.add("contact_email", "errors.request_contact_required");
            }
            match (name, email, phone) {
                (Some(name), Some(email), Some(phone)) => {
                    Some(ReferredHousehold::Contact { name, email, phone })
                }
                _ => None,
            }
        };
        errors.finish()?;
        match (service_id, referrer, household, message) {
            (Some(service_id), Some(referrer), Some(household), Some(message)) => Ok(NewReferral {
                service_id,
                referrer,
                court_ordered: input.court_ordered.is_some(),
                household,
                message,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// The prefix of the references of a service's cases: a short code staff recognise.
pub fn reference_prefix(service_slug: &str) -> String {
    match service_slug {
        "mediazione-familiare" => "MED".into(),
        "spazio-neutro" => "SN".into(),
        "tutoraggio-domiciliare" => "TUT".into(),
        "solidarieta-familiare" => "SOL".into(),
        "affido-informale" => "AFF".into(),
        other => {
            let code: String = other
                .chars()
                .filter(char::is_ascii_alphabetic)
                .take(3)
                .collect::<String>()
                .to_ascii_uppercase();
            if code.is_empty() {
                "PER".into()
            } else {
                code
            }
        }
    }
}

/// A case's reference: `MED-2026-0007`, the seventh case of that prefix opened in 2026.
pub fn case_reference(prefix: &str, year: i32, number: i64) -> String {
    format!("{prefix}-{year}-{number:04}")
}

// --- What the pages get ---

/// A member of the household the family may tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberChoice {
    pub member_id: Uuid,
    pub name: String,
    pub age: i32,
}

/// The family's request form for a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    pub service_id: Uuid,
    pub service_name: String,
    pub service_path: String,
    pub centre_name: String,
    /// False for a service reached only through social services or a court.
    pub may_ask: bool,
    /// The household already has a request for it under examination.
    pub open_request: bool,
    pub members: Vec<MemberChoice>,
    pub account_email: String,
    pub household_phone: String,
}

/// One of the household's requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub request_id: Uuid,
    pub service: String,
    pub date_label: String,
    pub status: RequestStatus,
    pub decline_reason: Option<String>,
}

/// A request as the triage lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageRow {
    pub request_id: Uuid,
    pub service: String,
    pub centre: String,
    pub date_label: String,
    pub source: Source,
    pub court_ordered: bool,
    pub contact_name: String,
    pub assigned: Option<String>,
    pub status: RequestStatus,
}

/// The triage page: new, in review, decided in the last [`DECIDED_SHOWN_DAYS`] days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Triage {
    pub new: Vec<TriageRow>,
    pub in_review: Vec<TriageRow>,
    pub decided: Vec<TriageRow>,
    pub several_centres: bool,
}

/// A member a request concerns, as staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernedMember {
    pub name: String,
    pub age: i32,
}

/// Someone a request may be given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignable {
    pub user_id: Uuid,
    pub name: String,
}

/// A request's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub request_id: Uuid,
    pub service: String,
    pub centre: String,
    pub status: RequestStatus,
    pub source: Source,
    pub referrer: Option<String>,
    pub court_ordered: bool,
    pub date_label: String,
    pub has_account: bool,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_by: ContactBy,
    pub message: String,
    pub days: Vec<i16>,
    pub parts: Vec<DayPart>,
    pub members: Vec<ConcernedMember>,
    pub assigned_to: Option<Uuid>,
    pub assigned_name: Option<String>,
    pub assignable: Vec<Assignable>,
    pub decline_reason: Option<String>,
    pub decided_label: Option<String>,
    /// The case it opened, once accepted: (id, reference).
    pub case: Option<(Uuid, String)>,
}

/// A service a referral may be for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralService {
    pub service_id: Uuid,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RequestInput {
        RequestInput {
            members: vec![Uuid::nil().to_string()],
            message: "Buongiorno".into(),
            days: vec!["2".into(), "1".into(), "2".into()],
            parts: vec!["evening".into(), "morning".into()],
            contact_by: "email".into(),
            phone: String::new(),
        }
    }

    #[test]
    fn a_request_keeps_days_and_parts_in_order_once_each() {
        let request = NewRequest::parse(&input()).unwrap();
        assert_eq!(request.days, vec![1, 2]);
        assert_eq!(request.parts, vec![DayPart::Morning, DayPart::Evening]);
        assert_eq!(request.phone, None);
    }

    #[test]
    fn a_request_reports_every_problem_at_once() {
        let error = NewRequest::parse(&RequestInput {
            members: vec![],
            message: "x".repeat(MESSAGE_MAX_CHARS + 1),
            days: vec!["7".into()],
            parts: vec!["night".into()],
            contact_by: "phone".into(),
            phone: String::new(),
        })
        .unwrap_err();
        assert_eq!(
            error.field_message("members"),
            Some("errors.request_members_required")
        );
        assert_eq!(
            error.field_message("message"),
            Some("errors.request_message_too_long")
        );
        assert_eq!(error.field_message("days"), Some("errors.choice_invalid"));
        assert_eq!(error.field_message("parts"), Some("errors.choice_invalid"));
        assert_eq!(error.field_message("phone"), Some("errors.phone_required"));
    }

    #[test]
    fn a_call_needs_a_number_that_looks_like_one() {
        let mut typed = input();
        typed.contact_by = "phone".into();
        typed.phone = "chiamatemi".into();
        assert_eq!(
            NewRequest::parse(&typed)
                .unwrap_err()
                .field_message("phone"),
            Some("errors.phone_invalid")
        );
        typed.phone = "+39 06 123 4567".into();
        assert_eq!(
            NewRequest::parse(&typed).unwrap().phone.as_deref(),
            Some("+39 06 123 4567")
        );
    }

    #[test]
    fn a_member_that_is_not_an_id_is_refused() {
        assert_eq!(
            parse_members(&["1 or 1=1".into()])
                .unwrap_err()
                .field_message("members"),
            Some("errors.member_unknown")
        );
    }

    #[test]
    fn a_decline_needs_a_reason_of_at_most_a_thousand_characters() {
        assert_eq!(
            parse_reason("  ").unwrap_err().field_message("reason"),
            Some("errors.request_reason_required")
        );
        assert!(parse_reason(&"a".repeat(REASON_MAX_CHARS)).is_ok());
        assert_eq!(
            parse_reason(&"a".repeat(REASON_MAX_CHARS + 1))
                .unwrap_err()
                .field_message("reason"),
            Some("errors.request_reason_too_long")
        );
        assert_eq!(
            parse_reason("no\u{0}").unwrap_err().field_message("reason"),
            Some("errors.text_invalid")
        );
    }

    #[test]
    fn a_referral_without_an_account_needs_a_name_and_a_way_to_reach_them() {
        let error = NewReferral::parse(&ReferralInput {
            service_id: "non-un-id".into(),
            referrer: String::new(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            error.field_message("service_id"),
            Some("errors.choice_invalid")
        );
        let nothing_chosen = NewReferral::parse(&ReferralInput::default()).unwrap_err();
        assert_eq!(
            nothing_chosen.field_message("service_id"),
            Some("errors.required")
        );
        assert_eq!(error.field_message("referrer"), Some("errors.required"));
        assert_eq!(error.field_message("contact_name"), Some("errors.required"));
        assert_eq!(
            error.field_message("contact_email"),
            Some("errors.request_contact_required")
        );
        let referral = NewReferral::parse(&ReferralInput {
            service_id: Uuid::nil().to_string(),
            referrer: "Tribunale per i minorenni".into(),
            court_ordered: Some("on".into()),
            account_email: " Famiglia.Rossi@Example.org ".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(referral.court_ordered);
        assert_eq!(
            referral.household,
            ReferredHousehold::Account {
                email_key: "famiglia.rossi@example.org".into()
            }
        );
    }

    #[test]
    fn a_case_reference_names_the_service_the_year_and_the_count() {
        assert_eq!(
            case_reference(&reference_prefix("mediazione-familiare"), 2026, 7),
            "MED-2026-0007"
        );
        assert_eq!(reference_prefix("gruppi-di-parola"), "GRU");
        assert_eq!(case_reference("SN", 2027, 12345), "SN-2027-12345");
    }
}
