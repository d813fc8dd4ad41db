//! A household's own data, as it downloads it (the right of access, GDPR art. 15 and 20), and
//! the rules of erasure (art. 17). The same types are the JSON file and the readable page.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Login attempts (the e-mail typed and the client's address) are kept this many days: for the
/// login limits, and to look into an attack. Removed by the retention job.
pub const LOGIN_ATTEMPT_DAYS: i64 = 30;
/// Password-reset rows (only a hash of the link) are kept this many days after they expired or
/// were used. Removed by the retention job.
pub const PASSWORD_RESET_DAYS: i64 = 7;
/// The text of an e-mail is kept this many days after it was sent (or given up on); then the
/// retention job voids it. The message stays: recipient, subject, date and status are the
/// record of what the family was told.
pub const MESSAGE_BODY_DAYS: i64 = 30;
/// A sign-up whose address was never confirmed (its welcome link lasts 48 hours) is removed,
/// household and all, this many days after it was made: someone typed another person's
/// address, or changed their mind.
pub const UNCONFIRMED_SIGN_UP_DAYS: i64 = 7;
/// The rows the rate limits count (`shared::rate_limit`) are kept this many days; every limit's
/// window is shorter.
pub const RATE_EVENT_DAYS: i64 = 1;

/// What an erased household's members keep instead of their names: a dash, in every language.
/// The rows stay so that the centre's figures (bookings, attendance) keep counting them; `kind`
/// (adult or child) is the only thing left about the person.
pub const ERASED_NAME: &str = "-";

/// What an erased household's members keep instead of their birth date (the earliest date the
/// schema accepts): no birth date is kept, and no age can be read from it.
pub fn erased_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Everything Àncora holds about a household. Never a password hash, a session, a reset link or
/// the calendar feed's secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdData {
    /// When this copy was made.
    pub generated_at: DateTime<Utc>,
    pub household: HouseholdInfo,
    /// The household's login accounts (usually one).
    pub accounts: Vec<AccountData>,
    pub members: Vec<MemberData>,
    /// Every consent given or withdrawn, oldest first.
    pub consents: Vec<ConsentData>,
    /// Bookings and waiting-list entries, soonest meeting first.
    pub bookings: Vec<BookingData>,
    /// The registers' entries about the household's members.
    pub attendance: Vec<AttendanceData>,
    /// The e-mails written to the household's addresses, newest first.
    pub messages: Vec<MessageData>,
    /// The case paths the household takes part in, as far as it may see them: never another
    /// party, the staff's notes or visit reports.
    #[serde(default)]
    pub cases: Vec<CaseData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseData {
    pub service: String,
    pub centre: String,
    /// `open`, `suspended` or `closed`.
    pub status: String,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The appointments the household was invited to, at its own times.
    pub appointments: Vec<CaseAppointmentData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseAppointmentData {
    /// The household's own arrival and departure.
    pub arrives_at: DateTime<Utc>,
    pub leaves_at: DateTime<Utc>,
    /// `centre`, `home` or `other`.
    pub place: String,
    pub room: Option<String>,
    /// `scheduled`, `done`, `cancelled` or `missed`.
    pub status: String,
    /// `present`, `late`, `excused` or `absent`, once recorded.
    pub attendance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdInfo {
    pub household_id: Uuid,
    pub phone: String,
    /// Whether a private calendar feed address exists (its secret is not part of the copy).
    pub has_calendar_feed: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub name: String,
    pub language: String,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberData {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    /// `adult` or `child`.
    pub kind: String,
    /// `parent`, `guardian`, `grandparent`, `foster_parent`, `child` or `other`.
    pub relation: String,
    /// The member logs in with one of the accounts above.
    pub has_account: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentData {
    /// `privacy_policy`, `data_processing` or `photos`.
    pub kind: String,
    pub granted: bool,
    /// The version of the privacy notice the choice was made on.
    pub text_version: String,
    /// The member the consent is about, when it is about one person.
    pub member: Option<String>,
    /// The account that made the choice.
    pub given_by: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingData {
    pub booking_id: Uuid,
    pub centre: String,
    pub service: String,
    pub title: String,
    /// The meeting's start (a cycle's first meeting).
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// A whole cycle: how many meetings it has.
    pub cycle_meetings: Option<i64>,
    /// `confirmed`, `waitlisted` or `cancelled`.
    pub status: String,
    /// The persons booked, by name.
    pub who: Vec<String>,
    pub booked_by: Option<String>,
    pub booked_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancelled_late: bool,
    pub cancelled_by_centre: bool,
    pub cancel_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceData {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub who: String,
    /// `present`, `absent` or `excused`.
    pub status: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageData {
    pub to: String,
    pub subject: String,
    pub written_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// The text, while it is kept (bodies are voided some time after sending).
    pub body: Option<String>,
}

/// What an erasure did, in numbers (the audit log's detail: no personal data).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureSummary {
    /// Bookings still to come, cancelled first (their seats went to the waiting list).
    pub bookings_cancelled: u32,
    /// Bookings kept, without names, for the centre's figures.
    pub bookings_kept: u32,
    /// Members kept without names or birth date, because bookings or registers count them.
    pub members_anonymised: u32,
    /// Members deleted outright (nothing counts them).
    pub members_deleted: u32,
    pub accounts_deleted: u32,
    pub messages_deleted: u32,
    /// Case paths whose record is kept (open, court-ordered or within their retention period):
    /// the household's party keeps its name there, detached from the household.
    #[serde(default)]
    pub cases_kept: u32,
    /// Case paths past their retention period where the household's party lost its name.
    #[serde(default)]
    pub cases_anonymised: u32,
}

/// A case path whose record stays when the household is erased, as the erasure page explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptCase {
    pub service: String,
    pub court_ordered: bool,
    /// Until when, for a closed case; `None` while it is open (then: `years` after closing).
    pub until: Option<NaiveDate>,
    pub years: u32,
}

/// What the erasure page tells the family before it asks for the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasurePreview {
    /// The account's e-mail address (it will be forgotten).
    pub email: String,
    /// The people of the household.
    pub members: i64,
    /// Bookings and waiting-list places still to come, which will be cancelled.
    pub bookings_to_cancel: i64,
    /// Whether the family has withdrawn its consent to the processing of its data.
    pub consent_withdrawn: bool,
    /// The case paths whose record is kept.
    #[serde(default)]
    pub kept_cases: Vec<KeptCase>,
}
