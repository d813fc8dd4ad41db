//! What crosses the wire for the calendar: meetings as families see them. Read by the service
//! (which fills them) and the pages (which show them); the server functions only pass them on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::{CyclePlace, Seats};
use crate::catalogue::domain::{AgeBand, Audience};

/// A meeting as a family sees it in a list: when, where, for whom, and how many seats are left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingCard {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_slug: String,
    pub service_name: String,
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "mercoledì 2 dicembre", in the asked language and Rome's time zone.
    pub day_label: String,
    /// "17:00–18:30".
    pub time_label: String,
    pub room: Option<String>,
    /// The seats of the meeting, or of its whole cycle when it is part of one.
    pub seats: Seats,
    /// When the meeting belongs to a cycle: its position and the cycle's length.
    pub cycle: Option<CyclePlace>,
    /// The cycle the meeting belongs to (booked as a whole).
    pub cycle_id: Option<Uuid>,
}

/// A meeting's own page: the meeting, where, who leads it, the rest of its cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingDetail {
    pub meeting: MeetingCard,
    pub centre_slug: String,
    pub centre_name: String,
    /// The meeting's own description, else its cycle's, else the service's summary.
    pub description: String,
    /// The first names of the staff who lead it.
    pub leaders: Vec<String>,
    pub cycle_title: Option<String>,
    /// Every scheduled meeting of its cycle, this one included; empty outside a cycle.
    pub cycle_meetings: Vec<CycleMeeting>,
    pub state: MeetingState,
}

/// One meeting of a cycle, as the page of another meeting of the same cycle lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleMeeting {
    pub meeting_id: Uuid,
    pub number: i64,
    pub day_label: String,
    pub time_label: String,
    /// The meeting whose page this is.
    pub current: bool,
}

/// Whether a meeting can still be booked from its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingState {
    /// Scheduled and not begun.
    Open,
    /// It has begun (or is over).
    Started,
    /// The centre cancelled it.
    Cancelled,
}
