//! The audit log: every change staff make and every read of other people's data by staff, who
//! did it, when, in which centre. Every slice writes it the same way:
//!
//! ```ignore
//! audit::record(conn, AuditEntry::new(Some(user.user_id), Action::MeetingMove)
//!     .entity_id(meeting_id).centre(centre_id).detail(json!({"meetings": ids}))).await?;
//! ```
//!
//! A change writes its row in its own transaction, so a change is never without its row (and a
//! rolled-back change leaves none). `detail` never holds personal data: ids, numbers, dates,
//! the names of rooms and services, never the names or contacts of people.
//!
//! A new kind of action (a register read, a case note changed...) is a variant of [`Action`]
//! with its code and entity below, and its label under `audit_log` in both locales
//! (`action_<code with _ for .>`, see `crate::audit::ui`).

use serde::{Deserialize, Serialize};

/// What was done: a change (`<entity>.<verb>`) or a read of other people's data
/// (`<what>.read`). Stored as its [`code`](Action::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    MeetingCreate,
    MeetingMove,
    MeetingDetails,
    MeetingCancel,
    MeetingCapacity,
    RoomCreate,
    RoomUpdate,
    RoomDeactivate,
    RoomReactivate,
    ClosedDayAdd,
    ClosedDayRemove,
    StaffInvite,
    StaffDeactivate,
    /// A family erased its account (GDPR): the row holds counts only.
    HouseholdErase,
    /// A mark in a meeting's register (present, absent, excused, late), within its window.
    AttendanceMark,
    /// A mark changed by a coordinator after the register's window closed.
    AttendanceCorrect,
    /// A person added to a register without a booking.
    AttendanceWalkIn,
    /// A coordinator phoned a family about a person's absences.
    FollowUpCall,
    /// A coordinator entered a referral from social services or a court.
    RequestReferral,
    /// A request given to an operator.
    RequestAssign,
    /// A request accepted: a case path is opened.
    RequestAccept,
    /// A request declined, with the reason.
    RequestDecline,
    /// A case suspended, reopened or closed.
    CaseStatus,
    /// Staff added to or removed from a case.
    CaseStaff,
    /// A person or household added to a case.
    CaseParty,
    /// A case's settings changed (Spazio Neutro: the minutes between the two parties).
    CaseSettings,
    /// A restricted note written.
    CaseNoteWrite,
    /// A visit report written after a supervised visit.
    VisitReportWrite,
    AppointmentCreate,
    AppointmentCancel,
    /// Who came to an appointment.
    AppointmentAttendance,
    LateCancellationsRead,
    OutboxRead,
    StaffRead,
    AuditLogRead,
    RegisterRead,
    /// A register printed or downloaded as a spreadsheet.
    RegisterExport,
    FollowUpRead,
    RequestRead,
    /// A case's page opened (names, appointments).
    CaseRead,
    /// Restricted notes read.
    CaseNoteRead,
    /// A visit report read.
    VisitReportRead,
}

impl Action {
    /// Every action, in the order the log's filter offers them (changes, then reads).
    pub const ALL: [Action; 42] = [
        Action::MeetingCreate,
        Action::MeetingMove,
        Action::MeetingDetails,
        Action::MeetingCancel,
        Action::MeetingCapacity,
        Action::RoomCreate,
        Action::RoomUpdate,
        Action::RoomDeactivate,
        Action::RoomReactivate,
        Action::ClosedDayAdd,
        Action::ClosedDayRemove,
        Action::StaffInvite,
        Action::StaffDeactivate,
        Action::HouseholdErase,
        Action::AttendanceMark,
        Action::AttendanceCorrect,
        Action::AttendanceWalkIn,
        Action::FollowUpCall,
        Action::RequestReferral,
        Action::RequestAssign,
        Action::RequestAccept,
        Action::RequestDecline,
        Action::CaseStatus,
        Action::CaseStaff,
        Action::CaseParty,
        Action::CaseSettings,
        Action::CaseNoteWrite,
        Action::VisitReportWrite,
        Action::AppointmentCreate,
        Action::AppointmentCancel,
        Action::AppointmentAttendance,
        Action::LateCancellationsRead,
        Action::OutboxRead,
        Action::StaffRead,
        Action::AuditLogRead,
        Action::RegisterRead,
        Action::RegisterExport,
        Action::FollowUpRead,
        Action::RequestRead,
        Action::CaseRead,
        Action::CaseNoteRead,
        Action::VisitReportRead,
    ];

    /// The code stored in `audit_log.action` and used in the page's URL.
    pub fn code(self) -> &'static str {
        self.code_and_entity().0
    }

    /// The kind of thing it is about, stored in `audit_log.entity` (a table's name).
    pub fn entity(self) -> &'static str {
        self.code_and_entity().1
    }

    fn code_and_entity(self) -> (&'static str, &'static str) {
        match self {
            Action::MeetingCreate => ("meeting.create", "group_session"),
            Action::MeetingMove => ("meeting.move", "group_session"),
            Action::MeetingDetails => ("meeting.details", "group_session"),
            Action::MeetingCancel => ("meeting.cancel", "group_session"),
            Action::MeetingCapacity => ("meeting.capacity", "group_session"),
            Action::RoomCreate => ("room.create", "room"),
            Action::RoomUpdate => ("room.update", "room"),
            Action::RoomDeactivate => ("room.deactivate", "room"),
            Action::RoomReactivate => ("room.reactivate", "room"),
            Action::ClosedDayAdd => ("closed_day.add", "closed_day"),
            Action::ClosedDayRemove => ("closed_day.remove", "closed_day"),
            Action::StaffInvite => ("staff.invite", "app_user"),
            Action::StaffDeactivate => ("staff.deactivate", "app_user"),
            Action::HouseholdErase => ("household.erase", "household"),
            Action::LateCancellationsRead => ("late_cancellations.read", "booking"),
            Action::OutboxRead => ("outbox.read", "outbox_message"),
            Action::StaffRead => ("staff.read", "app_user"),
            Action::AuditLogRead => ("audit_log.read", "audit_log"),
            Action::AttendanceMark => ("attendance.mark", "attendance"),
            Action::AttendanceCorrect => ("attendance.correct", "attendance"),
            Action::AttendanceWalkIn => ("attendance.walk_in", "attendance"),
            Action::FollowUpCall => ("follow_up.call", "follow_up_call"),
            Action::RegisterRead => ("register.read", "group_session"),
            Action::RegisterExport => ("register.export", "group_session"),
            Action::FollowUpRead => ("follow_up.read", "attendance"),
            Action::RequestReferral => ("request.referral", "service_request"),
            Action::RequestAssign => ("request.assign", "service_request"),
            Action::RequestAccept => ("request.accept", "service_request"),
            Action::RequestDecline => ("request.decline", "service_request"),
            Action::RequestRead => ("request.read", "service_request"),
            Action::CaseStatus => ("case.status", "case_path"),
            Action::CaseStaff => ("case.staff", "case_path"),
            Action::CaseParty => ("case.party", "case_path"),
            Action::CaseSettings => ("case.settings", "case_path"),
            Action::CaseNoteWrite => ("case_note.write", "case_note"),
            Action::VisitReportWrite => ("visit_report.write", "case_note"),
            Action::AppointmentCreate => ("appointment.create", "case_appointment"),
            Action::AppointmentCancel => ("appointment.cancel", "case_appointment"),
            Action::AppointmentAttendance => ("appointment.attendance", "case_appointment"),
            Action::CaseRead => ("case.read", "case_path"),
            Action::CaseNoteRead => ("case_note.read", "case_note"),
            Action::VisitReportRead => ("visit_report.read", "case_note"),
        }
    }

    /// The action of a stored or asked-for code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.code() == code)
    }

    /// A read of other people's data, not a change.
    pub fn is_read(self) -> bool {
        self.code().ends_with(".read")
    }
}

#[cfg(feature = "ssr")]
pub use writer::*;

#[cfg(feature = "ssr")]
mod writer {
    use serde_json::Value;
    use sqlx::PgConnection;
    use uuid::Uuid;

    use super::Action;
    use crate::shared::error::AppError;

    /// One row of the audit log.
    #[derive(Debug, Clone, PartialEq)]
    pub struct AuditEntry {
        /// Who did it; `None` for the system (the demo loader, a background job).
        pub actor_user_id: Option<Uuid>,
        pub action: Action,
        /// The thing changed or read, when it has an id of its own.
        pub entity_id: Option<Uuid>,
        /// The centre whose data it is: its coordinators read the row.
        pub centre_id: Option<Uuid>,
        /// Ids, counts and values before and after (`{"before": {...}, "after": {...}}`),
        /// never personal data.
        pub detail: Value,
    }

    impl AuditEntry {
        /// An entry for `action` by `actor`, with no id, centre or detail yet.
        pub fn new(actor_user_id: Option<Uuid>, action: Action) -> Self {
            AuditEntry {
                actor_user_id,
                action,
                entity_id: None,
                centre_id: None,
                detail: Value::Object(Default::default()),
            }
        }

        pub fn entity_id(mut self, entity_id: Uuid) -> Self {
            self.entity_id = Some(entity_id);
            self
        }

        pub fn centre(mut self, centre_id: Uuid) -> Self {
            self.centre_id = Some(centre_id);
            self
        }

        /// The centre, when there is one.
        pub fn centre_opt(mut self, centre_id: Option<Uuid>) -> Self {
            self.centre_id = centre_id;
            self
        }

        pub fn detail(mut self, detail: Value) -> Self {
            self.detail = detail;
            self
        }
    }

    /// Writes `entry` to the audit log, on the caller's connection (inside its transaction).
    pub async fn record(conn: &mut PgConnection, entry: AuditEntry) -> Result<(), AppError> {
        sqlx::query!(
            "insert into audit_log (actor_user_id, action, entity, entity_id, centre_id, detail)
             values ($1, $2, $3, $4, $5, $6)",
            entry.actor_user_id,
            entry.action.code(),
            entry.action.entity(),
            entry.entity_id,
            entry.centre_id,
            entry.detail
        )
        .execute(conn)
        .await?;
        Ok(())
    }

    /// Writes `entry` once for each of `centres` (once without a centre when there are none): a
    /// read of a list that spans several centres shows in the log of each.
    pub async fn record_in_centres(
        conn: &mut PgConnection,
        entry: AuditEntry,
        centres: &[Uuid],
    ) -> Result<(), AppError> {
        if centres.is_empty() {
            return record(conn, entry.centre_opt(None)).await;
        }
        sqlx::query!(
            "insert into audit_log (actor_user_id, action, entity, entity_id, centre_id, detail)
             select $1, $2, $3, $4, centre_id, $6 from unnest($5::uuid[]) as c(centre_id)",
            entry.actor_user_id,
            entry.action.code(),
            entry.action.entity(),
            entry.entity_id,
            centres,
            entry.detail
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn every_action_has_its_own_code_and_reads_back_from_it() {
        let mut codes: Vec<&str> = Action::ALL.iter().map(|a| a.code()).collect();
        for action in Action::ALL {
            assert_eq!(Action::parse(action.code()), Some(action));
            assert!(action.code().len() <= 100 && action.entity().len() <= 100);
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Action::ALL.len());
        assert_eq!(Action::parse("meeting.delete"), None);
        assert!(Action::OutboxRead.is_read() && !Action::MeetingMove.is_read());
    }
}
