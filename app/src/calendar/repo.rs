//! Calendar queries.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

pub struct MeetingRow {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_slug: String,
    pub service_name: String,
    pub audience: String,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: Option<String>,
    pub capacity: i32,
    pub seats_taken: i32,
    pub cycle_number: Option<i64>,
    pub cycle_length: Option<i64>,
    pub cycle_id: Option<Uuid>,
}

/// Scheduled meetings of a polo starting after `after`, soonest first. A meeting of a cycle
/// carries the cycle's seats and age band unless it has its own.
pub async fn upcoming_meetings(
    conn: &mut PgConnection,
    centre_id: Uuid,
    service_slug: Option<&str>,
    locale: &str,
    after: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<MeetingRow>, AppError> {
    let rows = sqlx::query_as!(
        MeetingRow,
        r#"select gs.group_session_id as meeting_id, gs.title, s.slug as service_slug,
                  coalesce(st.name, s.name) as "service_name!", s.audience,
                  coalesce(gs.age_min_years, c.age_min_years, s.age_min_years) as age_min_years,
                  coalesce(gs.age_max_years, c.age_max_years, s.age_max_years) as age_max_years,
                  gs.starts_at, gs.ends_at, r.name as "room?",
                  coalesce(gs.capacity, c.capacity) as "capacity!",
                  (case when gs.cycle_id is null then gs.seats_taken else c.seats_taken end) as "seats_taken!",
                  (select count(*) from group_session x
                    where x.cycle_id = gs.cycle_id and x.status = 'scheduled'
                      and x.starts_at <= gs.starts_at) as cycle_number,
                  (select count(*) from group_session x
                    where x.cycle_id = gs.cycle_id and x.status = 'scheduled') as cycle_length,
                  gs.cycle_id
           from group_session gs
           join service s on s.service_id = gs.service_id
           left join cycle c on c.cycle_id = gs.cycle_id
           left join room r on r.room_id = gs.room_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           where s.centre_id = $1 and s.is_active and gs.status = 'scheduled'
             and gs.starts_at > $4
             and ($2::text is null or s.slug = $2)
           order by gs.starts_at, gs.title
           limit $5"#,
        centre_id,
        service_slug,
        locale,
        after,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One meeting with what its own page shows: the polo, the texts of the meeting, its cycle and
/// its service, and whether it still takes place.
pub struct MeetingPageRow {
    pub meeting: MeetingRow,
    pub centre_slug: String,
    pub centre_name: String,
    pub meeting_description: String,
    pub cycle_title: Option<String>,
    pub cycle_description: Option<String>,
    pub service_summary: String,
    pub cancelled: bool,
}

struct MeetingPageRecord {
    meeting_id: Uuid,
    title: String,
    service_slug: String,
    service_name: String,
    audience: String,
    age_min_years: Option<i16>,
    age_max_years: Option<i16>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room: Option<String>,
    capacity: i32,
    seats_taken: i32,
    cycle_number: Option<i64>,
    cycle_length: Option<i64>,
    cycle_id: Option<Uuid>,
    centre_slug: String,
    centre_name: String,
    meeting_description: String,
    cycle_title: Option<String>,
    cycle_description: Option<String>,
    service_summary: String,
    status: String,
}

/// The meeting `meeting_id` of an active service, in `locale` (Italian when untranslated).
pub async fn meeting_page(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    locale: &str,
) -> Result<Option<MeetingPageRow>, AppError> {
    let row = sqlx::query_as!(
        MeetingPageRecord,
        r#"select gs.group_session_id as meeting_id, gs.title, s.slug as service_slug,
                  coalesce(st.name, s.name) as "service_name!", s.audience,
                  coalesce(gs.age_min_years, c.age_min_years, s.age_min_years) as age_min_years,
                  coalesce(gs.age_max_years, c.age_max_years, s.age_max_years) as age_max_years,
                  gs.starts_at, gs.ends_at, r.name as "room?",
                  coalesce(gs.capacity, c.capacity) as "capacity!",
                  (case when gs.cycle_id is null then gs.seats_taken else c.seats_taken end) as "seats_taken!",
                  (select count(*) from group_session x
                    where x.cycle_id = gs.cycle_id and x.status = 'scheduled'
                      and x.starts_at <= gs.starts_at) as cycle_number,
                  (select count(*) from group_session x
                    where x.cycle_id = gs.cycle_id and x.status = 'scheduled') as cycle_length,
                  gs.cycle_id,
                  ce.slug as centre_slug, coalesce(ct.name, ce.name) as "centre_name!",
                  gs.description as meeting_description,
                  c.title as "cycle_title?", c.description as "cycle_description?",
                  coalesce(st.summary, s.summary) as "service_summary!",
                  gs.status
           from group_session gs
           join service s on s.service_id = gs.service_id
           join centre ce on ce.centre_id = s.centre_id
           left join centre_translation ct on ct.centre_id = ce.centre_id and ct.locale = $2
           left join cycle c on c.cycle_id = gs.cycle_id
           left join room r on r.room_id = gs.room_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           where gs.group_session_id = $1 and s.is_active"#,
        meeting_id,
        locale
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| MeetingPageRow {
        meeting: MeetingRow {
            meeting_id: r.meeting_id,
            title: r.title,
            service_slug: r.service_slug,
            service_name: r.service_name,
            audience: r.audience,
            age_min_years: r.age_min_years,
            age_max_years: r.age_max_years,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            room: r.room,
            capacity: r.capacity,
            seats_taken: r.seats_taken,
            cycle_number: r.cycle_number,
            cycle_length: r.cycle_length,
            cycle_id: r.cycle_id,
        },
        centre_slug: r.centre_slug,
        centre_name: r.centre_name,
        meeting_description: r.meeting_description,
        cycle_title: r.cycle_title,
        cycle_description: r.cycle_description,
        service_summary: r.service_summary,
        cancelled: r.status == "cancelled",
    }))
}

/// The names of the staff who lead a meeting, alphabetically.
pub async fn leader_names(
    conn: &mut PgConnection,
    meeting_id: Uuid,
) -> Result<Vec<String>, AppError> {
    let names = sqlx::query_scalar!(
        r#"select u.display_name
           from group_session_staff gss join app_user u on u.user_id = gss.user_id
           where gss.group_session_id = $1 and u.is_active
           order by u.display_name"#,
        meeting_id
    )
    .fetch_all(conn)
    .await?;
    Ok(names)
}

pub struct CycleMeetingRow {
    pub meeting_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The scheduled meetings of a cycle, in order.
pub async fn cycle_meetings(
    conn: &mut PgConnection,
    cycle_id: Uuid,
) -> Result<Vec<CycleMeetingRow>, AppError> {
    let rows = sqlx::query_as!(
        CycleMeetingRow,
        r#"select group_session_id as meeting_id, starts_at, ends_at
           from group_session
           where cycle_id = $1 and status = 'scheduled'
           order by starts_at, group_session_id"#,
        cycle_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A meeting of a calendar period, with its area, centre and status.
pub struct PeriodMeetingRow {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_slug: String,
    pub service_name: String,
    pub area_slug: String,
    pub centre_slug: String,
    pub audience: String,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room_id: Option<Uuid>,
    pub room: Option<String>,
    pub capacity: i32,
    pub seats_taken: i32,
    pub cycle_number: Option<i64>,
    pub cycle_length: Option<i64>,
    pub cycle_id: Option<Uuid>,
    pub status: String,
    pub cancel_reason: Option<String>,
}

/// What a period's meetings are narrowed to. `None` means "any".
pub struct PeriodFilter<'a> {
    /// Meetings starting from `from` (included) to `until` (excluded).
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Every service (staff), or only the active services booked online (the public).
    pub every_service: bool,
    /// The centres whose meetings may be shown; `None`: every centre.
    pub centre_ids: Option<&'a [Uuid]>,
    pub centre_slug: Option<&'a str>,
    pub area_slug: Option<&'a str>,
    pub service_slug: Option<&'a str>,
    /// `adults`, `children` or `families`.
    pub audience: Option<&'a str>,
    /// Only scheduled meetings with seats left.
    pub seats_only: bool,
}

/// The most meetings a period shows: six weeks of a busy centre, with a wide margin.
pub const MAX_PERIOD_MEETINGS: i64 = 2000;

/// The meetings of a period, by start time, in one query (the range on `starts_at` uses
/// `group_session_starts_idx`). Cancelled meetings are included. A meeting of a cycle carries
/// its cycle's seats and age band unless it has its own, and its place among the cycle's
/// scheduled meetings.
pub async fn period_meetings(
    conn: &mut PgConnection,
    filter: &PeriodFilter<'_>,
    locale: &str,
) -> Result<Vec<PeriodMeetingRow>, AppError> {
    let rows = sqlx::query_as!(
        PeriodMeetingRow,
        r#"select gs.group_session_id as meeting_id, gs.title, s.slug as service_slug,
                  coalesce(st.name, s.name) as "service_name!", m.slug as area_slug,
                  ce.slug as centre_slug, s.audience,
                  coalesce(gs.age_min_years, c.age_min_years, s.age_min_years) as age_min_years,
                  coalesce(gs.age_max_years, c.age_max_years, s.age_max_years) as age_max_years,
                  gs.starts_at, gs.ends_at, gs.room_id, r.name as "room?",
                  coalesce(gs.capacity, c.capacity) as "capacity!",
                  (case when gs.cycle_id is null then gs.seats_taken else c.seats_taken end) as "seats_taken!",
                  place.number as "cycle_number?", place.total as "cycle_length?",
                  gs.cycle_id, gs.status, gs.cancel_reason
           from group_session gs
           join service s on s.service_id = gs.service_id
           join macro_area m on m.macro_area_id = s.macro_area_id
           join centre ce on ce.centre_id = s.centre_id
           left join cycle c on c.cycle_id = gs.cycle_id
           left join room r on r.room_id = gs.room_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           left join lateral (
               select count(*) filter (where x.starts_at <= gs.starts_at) as number,
                      count(*) as total
               from group_session x
               where x.cycle_id = gs.cycle_id and x.status = 'scheduled'
           ) place on gs.cycle_id is not null
           where gs.starts_at >= $1 and gs.starts_at < $2
             and ($4 or (s.is_active and s.access = 'online'))
             and ($5::uuid[] is null or s.centre_id = any($5))
             and ($6::text is null or ce.slug = $6)
             and ($7::text is null or m.slug = $7)
             and ($8::text is null or s.slug = $8)
             and ($9::text is null or s.audience = $9)
             and (not $10 or (gs.status = 'scheduled'
                  and coalesce(gs.capacity, c.capacity)
                      > (case when gs.cycle_id is null then gs.seats_taken else c.seats_taken end)))
           order by gs.starts_at, gs.title, gs.group_session_id
           limit $11"#,
        filter.from,
        filter.until,
        locale,
        filter.every_service,
        filter.centre_ids,
        filter.centre_slug,
        filter.area_slug,
        filter.service_slug,
        filter.audience,
        filter.seats_only,
        MAX_PERIOD_MEETINGS,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A slug and a name in the asked locale.
pub struct OptionRow {
    pub slug: String,
    pub name: String,
}

/// The macro-areas, in their order.
pub async fn area_options(
    conn: &mut PgConnection,
    locale: &str,
) -> Result<Vec<OptionRow>, AppError> {
    let rows = sqlx::query_as!(
        OptionRow,
        r#"select m.slug, coalesce(t.name, m.name) as "name!"
           from macro_area m
           left join macro_area_translation t on t.macro_area_id = m.macro_area_id and t.locale = $1
           order by m.position"#,
        locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The services a calendar can be filtered by (same visibility as [`period_meetings`]), one per
/// slug, in the areas' and services' order.
pub async fn service_options(
    conn: &mut PgConnection,
    every_service: bool,
    centre_ids: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<OptionRow>, AppError> {
    let rows = sqlx::query_as!(
        OptionRow,
        r#"select slug as "slug!", name as "name!" from (
               select distinct on (s.slug) s.slug, coalesce(st.name, s.name) as name,
                      m.position as area_position, s.position
               from service s
               join macro_area m on m.macro_area_id = s.macro_area_id
               left join service_translation st on st.service_id = s.service_id and st.locale = $3
               where ($1 or (s.is_active and s.access = 'online'))
                 and ($2::uuid[] is null or s.centre_id = any($2))
               order by s.slug, m.position, s.position
           ) services
           order by area_position, position, slug"#,
        every_service,
        centre_ids,
        locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The centres a calendar can be filtered by, by Municipio.
pub async fn centre_options(
    conn: &mut PgConnection,
    centre_ids: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<OptionRow>, AppError> {
    let rows = sqlx::query_as!(
        OptionRow,
        r#"select c.slug, coalesce(t.name, c.name) as "name!"
           from centre c
           left join centre_translation t on t.centre_id = c.centre_id and t.locale = $2
           where $1::uuid[] is null or c.centre_id = any($1)
           order by c.municipio"#,
        centre_ids,
        locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The active rooms of the centres `centre_ids` (`None`: every centre), or of the centre
/// `centre_slug` among them, by name.
pub async fn room_options(
    conn: &mut PgConnection,
    centre_ids: Option<&[Uuid]>,
    centre_slug: Option<&str>,
) -> Result<Vec<crate::calendar::domain::RoomOption>, AppError> {
    Ok(sqlx::query_as!(
        crate::calendar::domain::RoomOption,
        r#"select r.room_id, r.name
           from room r join centre c on c.centre_id = r.centre_id
           where r.is_active
             and ($1::uuid[] is null or r.centre_id = any($1))
             and ($2::text is null or c.slug = $2)
           order by r.name"#,
        centre_ids,
        centre_slug
    )
    .fetch_all(conn)
    .await?)
}
