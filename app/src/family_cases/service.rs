//! The household's case paths and its appointments. Every query reaches a case through the
//! household's own `case_party` row and an appointment through that row's
//! `appointment_party_time`: another party's row is never read, so nothing of it can leak.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{CaseStatus, MyAppointment, MyCase, PastAppointment, Place, PAST_SHOWN};
use crate::shared::error::AppError;
use crate::shared::ics::{CalendarEvent, EventState};
use crate::shared::time::{day_label, ROME};

/// The household's case paths, newest first, with its appointments.
pub async fn my_cases(
    pool: &PgPool,
    household_id: Uuid,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Vec<MyCase>, AppError> {
    let cases = sqlx::query!(
        r#"select c.case_path_id, c.status, coalesce(st.name, s.name) as "service!",
                  ce.name as centre, ce.address,
                  (select u.display_name from case_staff cs
                     join app_user u on u.user_id = cs.user_id
                    where cs.case_path_id = c.case_path_id and cs.is_lead
                    order by cs.created_at limit 1) as "lead?"
           from case_party p
           join case_path c on c.case_path_id = p.case_path_id
           join service s on s.service_id = c.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           join centre ce on ce.centre_id = s.centre_id
           where p.household_id = $1
           order by c.status = 'closed', c.opened_at desc"#,
        household_id,
        locale
    )
    .fetch_all(pool)
    .await?;
    let appointments = sqlx::query!(
        r#"select a.case_appointment_id, a.case_path_id, a.place, a.status, a.starts_at,
                  t.arrives_at, t.leaves_at, t.attendance, ce.address, r.name as "room?"
           from case_party p
           join appointment_party_time t on t.case_party_id = p.case_party_id
           join case_appointment a on a.case_appointment_id = t.case_appointment_id
           join case_path c on c.case_path_id = a.case_path_id
           join service s on s.service_id = c.service_id
           join centre ce on ce.centre_id = s.centre_id
           left join room r on r.room_id = a.room_id
           where p.household_id = $1
           order by t.arrives_at"#,
        household_id
    )
    .fetch_all(pool)
    .await?;
    Ok(cases
        .into_iter()
        .map(|case| {
            let mine = appointments
                .iter()
                .filter(|a| a.case_path_id == case.case_path_id);
            let upcoming = mine
                .clone()
                .filter(|a| {
                    a.leaves_at > now && matches!(a.status.as_str(), "scheduled" | "cancelled")
                })
                .map(|a| MyAppointment {
                    appointment_id: a.case_appointment_id,
                    day_label: day_label(a.arrives_at, locale),
                    arrives: clock(a.arrives_at),
                    leaves: clock(a.leaves_at),
                    place: Place::from_parts(&a.place, a.address.clone(), a.room.clone()),
                    cancelled: a.status == "cancelled",
                })
                .collect();
            let mut past: Vec<PastAppointment> = mine
                .filter(|a| a.starts_at <= now && a.status != "cancelled")
                .map(|a| PastAppointment {
                    day_label: format!(
                        "{} {}",
                        day_label(a.arrives_at, locale),
                        a.arrives_at.with_timezone(&ROME).format("%Y")
                    ),
                    attended: a
                        .attendance
                        .as_deref()
                        .map(|mark| matches!(mark, "present" | "late")),
                })
                .collect();
            past.reverse();
            past.truncate(PAST_SHOWN);
            MyCase {
                case_id: case.case_path_id,
                service_name: case.service,
                status: CaseStatus::from_code(&case.status),
                centre_name: case.centre,
                centre_address: case.address,
                lead: case.lead,
                upcoming,
                past,
            }
        })
        .collect())
}

/// "14:45" in Rome.
fn clock(t: DateTime<Utc>) -> String {
    t.with_timezone(&ROME).format("%H:%M").to_string()
}

/// The household's appointments (or one of them) as calendar events, at the household's own
/// times: every appointment its party is invited to, a cancelled one as `STATUS:CANCELLED`.
/// Empty when the household is not invited (the caller answers 404).
pub async fn appointment_events(
    pool: &PgPool,
    household_id: Uuid,
    appointment_id: Option<Uuid>,
) -> Result<Vec<CalendarEvent>, AppError> {
    let rows = sqlx::query!(
        r#"select a.case_appointment_id, a.place, a.status, a.sequence,
                  t.arrives_at, t.leaves_at, s.name as service, ce.name as centre, ce.address,
                  r.name as "room?"
           from case_party p
           join appointment_party_time t on t.case_party_id = p.case_party_id
           join case_appointment a on a.case_appointment_id = t.case_appointment_id
           join case_path c on c.case_path_id = a.case_path_id
           join service s on s.service_id = c.service_id
           join centre ce on ce.centre_id = s.centre_id
           left join room r on r.room_id = a.room_id
           where p.household_id = $1 and ($2::uuid is null or a.case_appointment_id = $2)
           order by t.arrives_at"#,
        household_id,
        appointment_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let location = match Place::from_parts(&row.place, row.address.clone(), row.room) {
                Place::Centre { address, room } => [Some(row.centre), room, Some(address)]
                    .into_iter()
                    .flatten()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                Place::Home => "A domicilio".to_string(),
                Place::Other => String::new(),
            };
            CalendarEvent {
                uid: format!("{}-appuntamento@ancora", row.case_appointment_id),
                summary: format!("{} – incontro", row.service),
                description: row.service,
                location,
                starts_at: row.arrives_at,
                ends_at: row.leaves_at,
                sequence: row.sequence,
                state: if row.status == "cancelled" {
                    EventState::Cancelled
                } else {
                    EventState::Confirmed
                },
            }
        })
        .collect())
}
