//! The queries of a polo's set-up: rooms and closed days.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::domain::{Room, RoomDetails};
use crate::shared::error::AppError;

/// The unique constraint of a room's name in its centre (schema v1: `unique (centre_id, name)`).
pub const ROOM_NAME_KEY: &str = "room_centre_id_name_key";

/// A centre as the pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreRow {
    pub centre_id: Uuid,
    pub slug: String,
    pub name: String,
}

/// The centres among `ids` (every centre with `None`), in `locale` where translated, by
/// Municipio.
pub async fn centres(
    conn: &mut PgConnection,
    ids: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<CentreRow>, AppError> {
    let ids = ids.map(<[Uuid]>::to_vec);
    let rows = sqlx::query_as!(
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
    .await?;
    Ok(rows)
}

/// The id of the centre at `slug`, if there is one.
pub async fn centre_id(conn: &mut PgConnection, slug: &str) -> Result<Option<Uuid>, AppError> {
    Ok(
        sqlx::query_scalar!("select centre_id from centre where slug = $1", slug)
            .fetch_optional(conn)
            .await?,
    )
}

/// Takes the centre's row lock until the transaction ends: changes to its rooms one at a time,
/// so two rooms cannot be given the same name in different cases at once.
pub async fn lock_centre(conn: &mut PgConnection, centre_id: Uuid) -> Result<(), AppError> {
    sqlx::query!(
        "select centre_id from centre where centre_id = $1 for no key update",
        centre_id
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// The rooms of a centre, active and inactive, by name.
pub async fn rooms_of(conn: &mut PgConnection, centre_id: Uuid) -> Result<Vec<Room>, AppError> {
    Ok(sqlx::query_as!(
        Room,
        "select room_id, centre_id, name, capacity, is_accessible, is_active
         from room where centre_id = $1 order by lower(name), name",
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

/// One room, wherever it is.
pub async fn room(conn: &mut PgConnection, room_id: Uuid) -> Result<Option<Room>, AppError> {
    Ok(sqlx::query_as!(
        Room,
        "select room_id, centre_id, name, capacity, is_accessible, is_active
         from room where room_id = $1",
        room_id
    )
    .fetch_optional(conn)
    .await?)
}

/// A room of `centre_id`, locked until the transaction ends; `None` in another centre.
pub async fn lock_room(
    conn: &mut PgConnection,
    centre_id: Uuid,
    room_id: Uuid,
) -> Result<Option<Room>, AppError> {
    Ok(sqlx::query_as!(
        Room,
        "select room_id, centre_id, name, capacity, is_accessible, is_active
         from room where room_id = $1 and centre_id = $2 for update",
        room_id,
        centre_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Whether another room of the centre (not `except`) has `name`, in any case.
pub async fn name_taken(
    conn: &mut PgConnection,
    centre_id: Uuid,
    name: &str,
    except: Option<Uuid>,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from room
                         where centre_id = $1 and lower(name) = lower($2)
                           and room_id is distinct from $3) as "taken!""#,
        centre_id,
        name,
        except
    )
    .fetch_one(conn)
    .await?)
}

/// A name the unique constraint refused is a field error; anything else goes to the log.
fn room_name_error(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.constraint() == Some(ROOM_NAME_KEY) => {
            AppError::validation("name", "errors.room_name_taken")
        }
        _ => AppError::from(error),
    }
}

pub async fn insert_room(
    conn: &mut PgConnection,
    centre_id: Uuid,
    details: &RoomDetails,
) -> Result<Uuid, AppError> {
    sqlx::query_scalar!(
        "insert into room (centre_id, name, capacity, is_accessible) values ($1, $2, $3, $4)
         returning room_id",
        centre_id,
        details.name,
        details.capacity,
        details.is_accessible
    )
    .fetch_one(conn)
    .await
    .map_err(room_name_error)
}

pub async fn update_room(
    conn: &mut PgConnection,
    room_id: Uuid,
    details: &RoomDetails,
) -> Result<(), AppError> {
    sqlx::query!(
        "update room set name = $2, capacity = $3, is_accessible = $4 where room_id = $1",
        room_id,
        details.name,
        details.capacity,
        details.is_accessible
    )
    .execute(conn)
    .await
    .map_err(room_name_error)?;
    Ok(())
}

pub async fn set_room_active(
    conn: &mut PgConnection,
    room_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "update room set is_active = $2 where room_id = $1",
        room_id,
        active
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How many scheduled meetings in the room, not yet over, have more seats than `capacity` (a
/// meeting of a cycle has the cycle's).
pub async fn meetings_over_capacity(
    conn: &mut PgConnection,
    room_id: Uuid,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from group_session gs
           left join cycle c on c.cycle_id = gs.cycle_id
           where gs.room_id = $1 and gs.status = 'scheduled' and gs.ends_at > $3
             and coalesce(gs.capacity, c.capacity) > $2"#,
        room_id,
        capacity,
        now
    )
    .fetch_one(conn)
    .await?)
}

/// The closed days of a centre from `from` to `to` included, in order.
pub async fn closed_days_between(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>, AppError> {
    Ok(sqlx::query_scalar!(
        "select day from closed_day where centre_id = $1 and day between $2 and $3 order by day",
        centre_id,
        from,
        to
    )
    .fetch_all(conn)
    .await?)
}

/// A closed day and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDayRow {
    pub day: NaiveDate,
    pub reason: String,
}

/// The closed days of a centre from `from` on, in order.
pub async fn closed_days_from(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
) -> Result<Vec<ClosedDayRow>, AppError> {
    Ok(sqlx::query_as!(
        ClosedDayRow,
        "select day, reason from closed_day where centre_id = $1 and day >= $2 order by day",
        centre_id,
        from
    )
    .fetch_all(conn)
    .await?)
}

/// Records the days from `from` to `to` as closed, but those closed already; returns the days
/// it added, in order.
pub async fn insert_closed_days(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
    actor: Option<Uuid>,
) -> Result<Vec<NaiveDate>, AppError> {
    let mut days = sqlx::query_scalar!(
        r#"insert into closed_day (centre_id, day, reason, created_by)
           select $1, day::date, $4, $5
           from generate_series($2::date, $3::date, interval '1 day') as day
           on conflict (centre_id, day) do nothing
           returning day"#,
        centre_id,
        from,
        to,
        reason,
        actor
    )
    .fetch_all(conn)
    .await?;
    days.sort();
    Ok(days)
}

/// Removes a closed day; its reason, or `None` when the day was not closed.
pub async fn delete_closed_day(
    conn: &mut PgConnection,
    centre_id: Uuid,
    day: NaiveDate,
) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar!(
        "delete from closed_day where centre_id = $1 and day = $2 returning reason",
        centre_id,
        day
    )
    .fetch_optional(conn)
    .await?)
}

/// A scheduled meeting of a centre, with its day in Rome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub day: NaiveDate,
    pub group_session_id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The scheduled meetings of a centre's services from `from` to `to` included (days in Rome),
/// in order.
pub async fn meetings_between(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MeetingRow>, AppError> {
    Ok(sqlx::query_as!(
        MeetingRow,
        r#"select (gs.starts_at at time zone 'Europe/Rome')::date as "day!",
                  gs.group_session_id, gs.title, gs.starts_at, gs.ends_at
           from group_session gs join service s on s.service_id = gs.service_id
           where s.centre_id = $1 and gs.status = 'scheduled'
             and gs.starts_at >= ($2::date::timestamp at time zone 'Europe/Rome')
             and gs.starts_at < (($3::date + 1)::timestamp at time zone 'Europe/Rome')
           order by gs.starts_at, gs.title"#,
        centre_id,
        from,
        to
    )
    .fetch_all(conn)
    .await?)
}
