//! What the rooms and closed-days pages get from the server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::domain::{MeetingOnClosedDay, Room};

/// A centre, as a page names and links it (`?polo=<slug>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreRef {
    pub slug: String,
    pub name: String,
}

/// Which centre a set-up page shows, among those the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentrePlace {
    /// Every centre the viewer may open (an administrator: all of them), by Municipio.
    pub centres: Vec<CentreRef>,
    /// The centre shown: the one asked for, or the only one; `None` when the viewer must pick.
    pub current: Option<CentreRef>,
    /// The viewer may change the current centre's set-up (a coordinator of it, an
    /// administrator); operators only read.
    pub can_manage: bool,
}

/// `/gestione/sale`: a centre's rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomsView {
    pub place: CentrePlace,
    /// Active and inactive, by name; empty when no centre is chosen.
    pub rooms: Vec<Room>,
}

/// A closed day as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedDayEntry {
    pub day: NaiveDate,
    /// "giovedì 24 dicembre 2026", in the page's language.
    pub label: String,
    /// "Giovedì 24 dicembre", to begin a sentence with.
    pub short_label: String,
    pub reason: String,
    /// Before today (listed only when asked for).
    pub is_past: bool,
    /// Meetings still scheduled that day: closing a day does not change them.
    pub meetings: Vec<MeetingOnClosedDay>,
}

/// `/gestione/chiusure`: a centre's closed days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedDaysView {
    pub place: CentrePlace,
    /// From today on (with `include_past`, from a year ago), in order.
    pub days: Vec<ClosedDayEntry>,
    pub include_past: bool,
}
