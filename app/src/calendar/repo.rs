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
