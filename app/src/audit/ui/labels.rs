//! The translated names of the log's actions and of the keys of a row's detail.

use leptos_i18n::I18nContext;

use crate::shared::audit::Action;
use crate::shared::i18n::*;

/// "Incontro spostato", "Lettura degli annullamenti tardivi"...
pub fn action_label(i18n: I18nContext<Locale>, action: Action) -> String {
    match action {
        Action::MeetingCreate => t_string!(i18n, audit_log.action_meeting_create),
        Action::MeetingMove => t_string!(i18n, audit_log.action_meeting_move),
        Action::MeetingDetails => t_string!(i18n, audit_log.action_meeting_details),
        Action::MeetingCancel => t_string!(i18n, audit_log.action_meeting_cancel),
        Action::MeetingCapacity => t_string!(i18n, audit_log.action_meeting_capacity),
        Action::RoomCreate => t_string!(i18n, audit_log.action_room_create),
        Action::RoomUpdate => t_string!(i18n, audit_log.action_room_update),
        Action::RoomDeactivate => t_string!(i18n, audit_log.action_room_deactivate),
        Action::RoomReactivate => t_string!(i18n, audit_log.action_room_reactivate),
        Action::ClosedDayAdd => t_string!(i18n, audit_log.action_closed_day_add),
        Action::ClosedDayRemove => t_string!(i18n, audit_log.action_closed_day_remove),
        Action::StaffInvite => t_string!(i18n, audit_log.action_staff_invite),
        Action::StaffDeactivate => t_string!(i18n, audit_log.action_staff_deactivate),
        Action::LateCancellationsRead => t_string!(i18n, audit_log.action_late_cancellations_read),
        Action::OutboxRead => t_string!(i18n, audit_log.action_outbox_read),
        Action::StaffRead => t_string!(i18n, audit_log.action_staff_read),
        Action::HouseholdErase => t_string!(i18n, audit_log.action_household_erase),
        Action::AuditLogRead => t_string!(i18n, audit_log.action_audit_log_read),
        Action::AttendanceMark => t_string!(i18n, audit_log.action_attendance_mark),
        Action::AttendanceCorrect => t_string!(i18n, audit_log.action_attendance_correct),
        Action::AttendanceWalkIn => t_string!(i18n, audit_log.action_attendance_walk_in),
        Action::FollowUpCall => t_string!(i18n, audit_log.action_follow_up_call),
        Action::RegisterRead => t_string!(i18n, audit_log.action_register_read),
        Action::RegisterExport => t_string!(i18n, audit_log.action_register_export),
        Action::FollowUpRead => t_string!(i18n, audit_log.action_follow_up_read),
        Action::RequestReferral => t_string!(i18n, audit_log.action_request_referral),
        Action::RequestAssign => t_string!(i18n, audit_log.action_request_assign),
        Action::RequestAccept => t_string!(i18n, audit_log.action_request_accept),
        Action::RequestDecline => t_string!(i18n, audit_log.action_request_decline),
        Action::RequestRead => t_string!(i18n, audit_log.action_request_read),
        Action::CaseStatus => t_string!(i18n, audit_log.action_case_status),
        Action::CaseStaff => t_string!(i18n, audit_log.action_case_staff),
        Action::CaseParty => t_string!(i18n, audit_log.action_case_party),
        Action::CaseSettings => t_string!(i18n, audit_log.action_case_settings),
        Action::CaseNoteWrite => t_string!(i18n, audit_log.action_case_note_write),
        Action::VisitReportWrite => t_string!(i18n, audit_log.action_visit_report_write),
        Action::AppointmentCreate => t_string!(i18n, audit_log.action_appointment_create),
        Action::AppointmentCancel => t_string!(i18n, audit_log.action_appointment_cancel),
        Action::AppointmentAttendance => t_string!(i18n, audit_log.action_appointment_attendance),
        Action::CaseRead => t_string!(i18n, audit_log.action_case_read),
        Action::CaseNoteRead => t_string!(i18n, audit_log.action_case_note_read),
        Action::VisitReportRead => t_string!(i18n, audit_log.action_visit_report_read),
    }
    .to_string()
}

/// The name of a key of a row's detail; a key without one is shown as it is stored.
pub fn detail_key_label(i18n: I18nContext<Locale>, key: &str) -> String {
    let label = match key {
        "scope" => t_string!(i18n, audit_log.key_scope),
        "meetings" => t_string!(i18n, audit_log.key_meetings),
        "families_told" => t_string!(i18n, audit_log.key_families_told),
        "cycles_cancelled" => t_string!(i18n, audit_log.key_cycles_cancelled),
        "bookings_cancelled" => t_string!(i18n, audit_log.key_bookings_cancelled),
        "change" | "capacity" => t_string!(i18n, audit_log.key_capacity),
        "promoted" => t_string!(i18n, audit_log.key_promoted),
        "name" => t_string!(i18n, audit_log.key_name),
        "is_accessible" => t_string!(i18n, audit_log.key_is_accessible),
        "is_active" => t_string!(i18n, audit_log.key_is_active),
        "days" => t_string!(i18n, audit_log.key_days),
        "day" => t_string!(i18n, audit_log.key_day),
        "reason" => t_string!(i18n, audit_log.key_reason),
        "meetings_scheduled" => t_string!(i18n, audit_log.key_meetings_scheduled),
        "skipped_closed_days" => t_string!(i18n, audit_log.key_skipped_closed_days),
        "role" => t_string!(i18n, audit_log.key_role),
        "centres" => t_string!(i18n, audit_log.key_centres),
        "rows" => t_string!(i18n, audit_log.key_rows),
        "messages" => t_string!(i18n, audit_log.key_messages),
        "accounts" => t_string!(i18n, audit_log.key_accounts),
        "series_id" => t_string!(i18n, audit_log.key_series),
        "cycle_id" => t_string!(i18n, audit_log.key_cycle),
        "room_id" => t_string!(i18n, audit_log.key_room),
        "leaders" => t_string!(i18n, audit_log.key_leaders),
        "title" => t_string!(i18n, audit_log.key_title),
        "rule" => t_string!(i18n, audit_log.key_rule),
        "from" => t_string!(i18n, audit_log.from),
        "to" => t_string!(i18n, audit_log.to),
        "actor" => t_string!(i18n, audit_log.who),
        "action" => t_string!(i18n, audit_log.action),
        "older_than" => t_string!(i18n, audit_log.key_before),
        "case" => t_string!(i18n, audit_log.key_case),
        "parties" => t_string!(i18n, audit_log.key_parties),
        "notes" => t_string!(i18n, audit_log.key_notes),
        "reports" => t_string!(i18n, audit_log.key_reports),
        "party" => t_string!(i18n, audit_log.key_party),
        "chars" => t_string!(i18n, audit_log.key_chars),
        "appointment" => t_string!(i18n, audit_log.key_appointment),
        "staff" => t_string!(i18n, audit_log.key_staff),
        "staff_change" => t_string!(i18n, audit_log.key_staff_change),
        "stagger_minutes" => t_string!(i18n, audit_log.key_stagger_minutes),
        "account" => t_string!(i18n, audit_log.key_account),
        "appointments_cancelled" => t_string!(i18n, audit_log.key_appointments_cancelled),
        other => return other.to_string(),
    };
    label.to_string()
}

/// A value of a row's detail as shown: the action a reading of the log asked for by its name.
pub fn detail_value(i18n: I18nContext<Locale>, key: &str, value: String) -> String {
    match (key, Action::parse(&value)) {
        ("action", Some(action)) => action_label(i18n, action),
        _ => value,
    }
}
