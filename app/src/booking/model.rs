//! What crosses the wire for bookings: the booking form, a household's bookings, its calendar
//! feed and the late cancellations a coordinator reads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::BookingStatus;
use crate::calendar::domain::Seats;
use crate::catalogue::domain::{AgeBand, Audience};

/// A meeting or cycle on the booking page, with the household's members to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingForm {
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    pub service_name: String,
    pub service_path: String,
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    pub day_label: String,
    pub time_label: String,
    /// For a cycle: how many meetings it has.
    pub meetings: Option<i64>,
    pub room: Option<String>,
    pub seats: Seats,
    /// Why it cannot be booked now (an i18n key), if so.
    pub closed_reason: Option<String>,
    pub members: Vec<MemberChoice>,
}

/// A household member on the booking form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberChoice {
    pub member_id: Uuid,
    pub name: String,
    /// Age on the day of the (first) meeting.
    pub age: i32,
    /// May be booked for this meeting (age, audience).
    pub eligible: bool,
    /// Already holds a live booking for it.
    pub already_booked: bool,
}

/// A booking on "my bookings".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingCard {
    pub booking_id: Uuid,
    pub title: String,
    pub service_name: String,
    pub day_label: String,
    pub time_label: String,
    pub starts_at: DateTime<Utc>,
    pub meetings: Option<i64>,
    pub room: Option<String>,
    pub names: String,
    pub persons: i32,
    pub status: BookingStatus,
    /// Can still be cancelled (not started, not cancelled).
    pub cancellable: bool,
    /// Cancelling now would be late (inside the service's cut-off).
    pub cancel_is_late: bool,
    pub cancel_cutoff_hours: i32,
}

/// The family's bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyBookings {
    /// Confirmed and waitlisted bookings still to come, soonest first.
    pub upcoming: Vec<BookingCard>,
    /// Past and cancelled bookings, latest first.
    pub past: Vec<BookingCard>,
    /// The private calendar feed to subscribe to from a phone (a secret address).
    pub feed: FeedState,
}

/// The household's private calendar feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    /// The address, only in the answer right after it was made (only its hash is kept).
    pub new_url: Option<String>,
    /// The day the current address was made ("25 novembre 2026"); `None`: there is none yet.
    pub since: Option<String>,
}

/// A cancellation that came inside the service's cut-off, as coordinators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LateCancellation {
    pub title: String,
    pub day_label: String,
    pub time_label: String,
    /// "25/11 17:02", Rome.
    pub cancelled_label: String,
    pub family: String,
    pub persons: i32,
    pub reason: Option<String>,
}
