//! The follow-up list's queries.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::domain::{Event, EventKind};
use crate::shared::error::AppError;

/// Every absence without notice and every late cancellation from `from` to `until` in the
/// services of `centres` (`None`: every centre), with the last call about each person in each
/// service.
pub async fn events(
    conn: &mut PgConnection,
    centres: Option<&[Uuid]>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Event>, AppError> {
    let rows = sqlx::query!(
        r#"with happened as (
               select a.member_id, gs.service_id, gs.starts_at as at, 'absent' as kind
               from attendance a
               join group_session gs on gs.group_session_id = a.group_session_id
               where a.status = 'absent' and gs.status = 'scheduled'
                 and gs.starts_at >= $2 and gs.starts_at <= $3
               union all
               select bp.member_id, coalesce(gs.service_id, c.service_id), b.cancelled_at, 'late_cancel'
               from booking b
               join booking_participant bp on bp.booking_id = b.booking_id
               left join group_session gs on gs.group_session_id = b.group_session_id
               left join cycle c on c.cycle_id = b.cycle_id
               where b.cancelled_late and b.cancelled_at >= $2 and b.cancelled_at <= $3
           )
           select h.member_id as "member_id!", h.service_id as "service_id!", h.at as "at!",
                  h.kind as "kind!",
                  (select max(f.called_at) from follow_up_call f
                   where f.member_id = h.member_id and f.service_id = h.service_id) as last_call
           from happened h
           join service s on s.service_id = h.service_id
           join household_member m on m.member_id = h.member_id
           join household hh on hh.household_id = m.household_id
           where ($1::uuid[] is null or s.centre_id = any($1))
             and hh.erasure_requested_at is null"#,
        centres,
        from,
        until
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Event {
                member_id: row.member_id,
                service_id: row.service_id,
                at: row.at,
                kind: EventKind::parse(&row.kind)?,
                last_call: row.last_call,
            })
        })
        .collect())
}

/// A person, their household's contacts and a service, as the list shows them.
pub struct Contact {
    pub member_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub emails: Vec<String>,
    pub phone: String,
    pub contact_email: String,
    pub service_id: Uuid,
    pub service: String,
    pub centre_id: Uuid,
    pub centre: String,
}

/// The contacts of each (member, service) pair, in `locale`.
pub async fn contacts(
    conn: &mut PgConnection,
    pairs: &[(Uuid, Uuid)],
    locale: &str,
) -> Result<Vec<Contact>, AppError> {
    let members: Vec<Uuid> = pairs.iter().map(|(member, _)| *member).collect();
    let services: Vec<Uuid> = pairs.iter().map(|(_, service)| *service).collect();
    Ok(sqlx::query_as!(
        Contact,
        r#"select m.member_id, m.first_name, m.last_name,
                  array(select u.email from app_user u
                        where u.household_id = m.household_id and u.role = 'family'
                        order by u.email) as "emails!",
                  h.phone, h.contact_email,
                  s.service_id, coalesce(st.name, s.name) as "service!",
                  c.centre_id, coalesce(ct.name, c.name) as "centre!"
           from unnest($1::uuid[], $2::uuid[]) as p(member_id, service_id)
           join household_member m on m.member_id = p.member_id
           join household h on h.household_id = m.household_id
           join service s on s.service_id = p.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           join centre c on c.centre_id = s.centre_id
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $3"#,
        &members,
        &services,
        locale
    )
    .fetch_all(conn)
    .await?)
}

/// The centre of a service, if it exists.
pub async fn service_centre(
    conn: &mut PgConnection,
    service_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar!(
        "select centre_id from service where service_id = $1",
        service_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Whether the person was ever booked in, or marked in a register of, the service: a call
/// is only about someone the service knows.
pub async fn known_to_service(
    conn: &mut PgConnection,
    member_id: Uuid,
    service_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists(
               select 1 from attendance a
               join group_session gs on gs.group_session_id = a.group_session_id
               where a.member_id = $1 and gs.service_id = $2
           ) or exists(
               select 1 from booking_participant bp
               left join group_session gs on gs.group_session_id = bp.group_session_id
               left join cycle c on c.cycle_id = bp.cycle_id
               where bp.member_id = $1 and coalesce(gs.service_id, c.service_id) = $2
           ) as "known!""#,
        member_id,
        service_id
    )
    .fetch_one(conn)
    .await?)
}

/// Writes a call; returns its id.
pub async fn insert_call(
    conn: &mut PgConnection,
    member_id: Uuid,
    service_id: Uuid,
    called_by: Uuid,
    note: &str,
) -> Result<Uuid, AppError> {
    Ok(sqlx::query_scalar!(
        "insert into follow_up_call (member_id, service_id, called_by, note)
         values ($1, $2, $3, $4) returning follow_up_call_id",
        member_id,
        service_id,
        called_by,
        note
    )
    .fetch_one(conn)
    .await?)
}
