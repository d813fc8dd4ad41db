//! What a household sees of its case paths: the types that cross the wire, and the rule that
//! says where an appointment takes place.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The page's path.
pub const MY_CASES_PAGE: &str = "/i-miei-percorsi";

/// The `.ics` file of one appointment, for the household invited to it.
pub fn appointment_ics_path(appointment_id: Uuid) -> String {
    format!("/i-miei-percorsi/appuntamenti/{appointment_id}/appuntamento.ics")
}

/// A case's state as families read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseStatus {
    Open,
    Suspended,
    Closed,
}

impl CaseStatus {
    pub fn from_code(code: &str) -> CaseStatus {
        match code {
            "suspended" => CaseStatus::Suspended,
            "closed" => CaseStatus::Closed,
            _ => CaseStatus::Open,
        }
    }
}

/// Where an appointment is, as the family is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// At the polo: its address, and the room when one is booked.
    Centre {
        address: String,
        room: Option<String>,
    },
    /// At the family's home ("a domicilio").
    Home,
    /// Somewhere agreed with the family (the case's staff say where).
    Other,
}

impl Place {
    /// The place of an appointment from its `place` column, the polo's address and the room.
    pub fn from_parts(place: &str, address: String, room: Option<String>) -> Place {
        match place {
            "home" => Place::Home,
            "other" => Place::Other,
            _ => Place::Centre { address, room },
        }
    }
}

/// An appointment to come (or cancelled), at the household's own times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAppointment {
    pub appointment_id: Uuid,
    /// "sabato 5 dicembre".
    pub day_label: String,
    /// The household's own arrival, "14:45".
    pub arrives: String,
    /// The household's own departure, "16:15".
    pub leaves: String,
    pub place: Place,
    pub cancelled: bool,
}

/// An appointment that took place, and whether the household came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastAppointment {
    /// "sabato 21 novembre 2026".
    pub day_label: String,
    /// `Some(true)`: present or late; `Some(false)`: absent or excused; `None`: not recorded.
    pub attended: Option<bool>,
}

/// One case path of the household, as far as the household may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCase {
    pub case_id: Uuid,
    pub service_name: String,
    pub status: CaseStatus,
    pub centre_name: String,
    pub centre_address: String,
    /// The lead staff member's name.
    pub lead: Option<String>,
    pub upcoming: Vec<MyAppointment>,
    /// The latest first, a few.
    pub past: Vec<PastAppointment>,
}

/// How many past appointments a case shows.
pub const PAST_SHOWN: usize = 10;
