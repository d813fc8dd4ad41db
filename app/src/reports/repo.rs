//! The reports' queries: the meetings of a period, and the people of those meetings (booked,
//! marked, waiting). Two queries whatever the period's size; the figures are added up in
//! [`super::domain::aggregate`].

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::domain::{Mark, MeetingFact, PersonFact, PersonRole};
use crate::shared::error::AppError;

/// What to read: the centres (`None`: every centre), the meetings that start in
/// `[from, until)`, "now" for what has already ended, the language of the names.
pub struct Query<'a> {
    pub centres: Option<&'a [Uuid]>,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub locale: &'a str,
}

/// Every meeting of the centres that starts in the period, whatever its status, with its
/// service and macro-area.
pub async fn meetings(
    conn: &mut PgConnection,
    q: &Query<'_>,
) -> Result<Vec<MeetingFact>, AppError> {
    let centres = q.centres.map(<[Uuid]>::to_vec);
    let rows = sqlx::query!(
        r#"select g.group_session_id, g.starts_at, g.ends_at, g.status = 'cancelled' as "cancelled!",
                  coalesce(g.capacity, c.capacity, 0)::bigint as "capacity!",
                  s.slug as service_slug, coalesce(st.name, s.name) as "service_name!",
                  s.position::int as "service_position!",
                  m.slug as area_slug, coalesce(mt.name, m.name) as "area_name!",
                  m.position::int as "area_position!"
           from group_session g
           join service s on s.service_id = g.service_id
           join macro_area m on m.macro_area_id = s.macro_area_id
           left join cycle c on c.cycle_id = g.cycle_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $4
           left join macro_area_translation mt on mt.macro_area_id = m.macro_area_id and mt.locale = $4
           where ($1::uuid[] is null or s.centre_id = any($1))
             and g.starts_at >= $2 and g.starts_at < $3
           order by g.starts_at, g.group_session_id"#,
        centres as Option<Vec<Uuid>>,
        q.from,
        q.until,
        q.locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MeetingFact {
            meeting_id: row.group_session_id,
            service_slug: row.service_slug,
            service_name: row.service_name,
            service_position: row.service_position,
            area_slug: row.area_slug,
            area_name: row.area_name,
            area_position: row.area_position,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            cancelled: row.cancelled,
            capacity: row.capacity,
        })
        .collect())
}

/// The people of the period's meetings: for each held meeting (scheduled, ended by `now`), the
/// persons booked into it (active participants of confirmed bookings of the meeting or of its
/// cycle) and the persons in its register, one row per person; and for each meeting of the
/// period, the persons who waited for it (or for the cycle it begins) and were never promoted.
pub async fn persons(conn: &mut PgConnection, q: &Query<'_>) -> Result<Vec<PersonFact>, AppError> {
    let centres = q.centres.map(<[Uuid]>::to_vec);
    let rows = sqlx::query!(
        r#"with in_period as (
               select g.group_session_id, g.cycle_id, g.status, g.ends_at
               from group_session g join service s on s.service_id = g.service_id
               where ($1::uuid[] is null or s.centre_id = any($1))
                 and g.starts_at >= $2 and g.starts_at < $3
           ),
           held as (
               select group_session_id, cycle_id from in_period
               where status = 'scheduled' and ends_at <= $4
           ),
           booked as (
               select h.group_session_id, bp.member_id
               from held h
               join booking_participant bp on bp.group_session_id = h.group_session_id
               join booking b on b.booking_id = bp.booking_id
               where bp.is_active and b.status = 'confirmed'
               union
               select h.group_session_id, bp.member_id
               from held h
               join booking_participant bp on bp.cycle_id = h.cycle_id
               join booking b on b.booking_id = bp.booking_id
               where bp.is_active and b.status = 'confirmed'
           ),
           marks as (
               select a.group_session_id, a.member_id, a.status
               from attendance a join held h on h.group_session_id = a.group_session_id
           ),
           seen_before as (
               select distinct hm.household_id
               from attendance a
               join group_session g on g.group_session_id = a.group_session_id
               join service s on s.service_id = g.service_id
               join household_member hm on hm.member_id = a.member_id
               where ($1::uuid[] is null or s.centre_id = any($1))
                 and g.starts_at < $2 and a.status in ('present', 'late')
           ),
           firsts as (
               select distinct on (g.cycle_id) g.cycle_id, g.group_session_id
               from group_session g
               where g.cycle_id in (select cycle_id from in_period where cycle_id is not null)
               order by g.cycle_id, g.starts_at, g.group_session_id
           ),
           waited as (
               select ip.group_session_id, bp.member_id
               from in_period ip
               join booking b on b.group_session_id = ip.group_session_id
               join booking_participant bp on bp.booking_id = b.booking_id
               where (b.status = 'waitlisted' or (b.status = 'cancelled' and b.confirmed_at is null))
                 and not exists (
                     select 1 from booking_participant x join booking xb on xb.booking_id = x.booking_id
                     where x.member_id = bp.member_id and x.group_session_id = ip.group_session_id
                       and x.is_active and xb.status = 'confirmed')
               union
               select f.group_session_id, bp.member_id
               from firsts f
               join in_period ip on ip.group_session_id = f.group_session_id
               join booking b on b.cycle_id = f.cycle_id
               join booking_participant bp on bp.booking_id = b.booking_id
               where (b.status = 'waitlisted' or (b.status = 'cancelled' and b.confirmed_at is null))
                 and not exists (
                     select 1 from booking_participant x join booking xb on xb.booking_id = x.booking_id
                     where x.member_id = bp.member_id and x.cycle_id = f.cycle_id
                       and x.is_active and xb.status = 'confirmed')
           )
           select coalesce(bk.group_session_id, mk.group_session_id) as "meeting_id!",
                  hm.member_id as "member_id!", hm.household_id as "household_id!",
                  hm.kind = 'child' as "child!", hm.birth_date as "birth_date!",
                  bk.member_id is not null as "booked!", mk.status as "mark?",
                  sb.household_id is not null as "seen_before!", false as "waited!"
           from booked bk
           full join marks mk on mk.group_session_id = bk.group_session_id
                             and mk.member_id = bk.member_id
           join household_member hm on hm.member_id = coalesce(bk.member_id, mk.member_id)
           left join seen_before sb on sb.household_id = hm.household_id
           union all
           select w.group_session_id, hm.member_id, hm.household_id, hm.kind = 'child',
                  hm.birth_date, false, null::text, false, true
           from waited w join household_member hm on hm.member_id = w.member_id"#,
        centres as Option<Vec<Uuid>>,
        q.from,
        q.until,
        q.now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| PersonFact {
            meeting_id: row.meeting_id,
            member_id: row.member_id,
            household_id: row.household_id,
            child_born: row.child.then_some(row.birth_date),
            role: if row.waited {
                PersonRole::Waited
            } else {
                PersonRole::Held {
                    booked: row.booked,
                    mark: row.mark.as_deref().and_then(Mark::parse),
                    household_seen_before: row.seen_before,
                }
            },
        })
        .collect())
}

/// A centre the report may cover.
#[derive(Debug, Clone)]
pub struct CentreRow {
    pub centre_id: Uuid,
    pub slug: String,
    pub name: String,
}

/// The centres among `ids` (`None`: every centre), in the order of the Municipi.
pub async fn centres(
    conn: &mut PgConnection,
    ids: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<CentreRow>, AppError> {
    let ids = ids.map(<[Uuid]>::to_vec);
    Ok(sqlx::query_as!(
        CentreRow,
        r#"select c.centre_id, c.slug, coalesce(t.name, c.name) as "name!"
           from centre c
           left join centre_translation t on t.centre_id = c.centre_id and t.locale = $2
           where $1::uuid[] is null or c.centre_id = any($1)
           order by c.municipio"#,
        ids as Option<Vec<Uuid>>,
        locale
    )
    .fetch_all(conn)
    .await?)
}
