//! Planning queries.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// What planning needs to know of a service.
pub struct ServiceFacts {
    pub service_id: Uuid,
    pub centre_id: Uuid,
    pub format: String,
    pub is_active: bool,
}

pub async fn service(
    conn: &mut PgConnection,
    service_id: Uuid,
) -> Result<Option<ServiceFacts>, AppError> {
    Ok(sqlx::query_as!(
        ServiceFacts,
        "select service_id, centre_id, format, is_active from service where service_id = $1",
        service_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The leaders among `user_ids` who are active staff (operators or coordinators) of `centre_id`.
pub async fn leaders_of_centre(
    conn: &mut PgConnection,
    centre_id: Uuid,
    user_ids: &[Uuid],
) -> Result<Vec<Uuid>, AppError> {
    Ok(sqlx::query_scalar!(
        "select u.user_id from app_user u join staff_centre sc on sc.user_id = u.user_id
         where sc.centre_id = $1 and u.user_id = any($2) and u.is_active
           and u.role in ('operator', 'coordinator')",
        centre_id,
        user_ids
    )
    .fetch_all(conn)
    .await?)
}

/// A scheduled meeting that overlaps a time, as a clash message names it.
pub struct Clash {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The leader's name, for a leader's clash.
    pub leader: Option<String>,
}

/// A scheduled meeting in `room_id` overlapping [starts_at, ends_at), other than `except`.
pub async fn room_clash(
    conn: &mut PgConnection,
    room_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    except: &[Uuid],
) -> Result<Option<Clash>, AppError> {
    Ok(sqlx::query_as!(
        Clash,
        r#"select title as "title!", starts_at as "starts_at!", ends_at as "ends_at!",
                  null::text as leader
           from (select title, starts_at, ends_at
                 from group_session
                 where room_id = $1 and status = 'scheduled'
                   and tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')
                   and group_session_id <> all($4)
                 union all
                 -- a case's appointment: never named (it may be a family's private matter)
                 select $5, starts_at, ends_at
                 from case_appointment
                 where room_id = $1 and status = 'scheduled'
                   and tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')) taken
           order by starts_at limit 1"#,
        room_id,
        starts_at,
        ends_at,
        except,
        crate::cases::PRIVATE_APPOINTMENT
    )
    .fetch_optional(conn)
    .await?)
}

/// A scheduled meeting led by one of `leaders` overlapping [starts_at, ends_at), other than
/// `except`.
pub async fn leader_clash(
    conn: &mut PgConnection,
    leaders: &[Uuid],
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    except: &[Uuid],
) -> Result<Option<Clash>, AppError> {
    Ok(sqlx::query_as!(
        Clash,
        r#"select title as "title!", starts_at as "starts_at!", ends_at as "ends_at!",
                  leader as "leader?"
           from (select gs.title, gs.starts_at, gs.ends_at, u.display_name as leader
                 from group_session_staff gss
                 join group_session gs on gs.group_session_id = gss.group_session_id
                 join app_user u on u.user_id = gss.user_id
                 where gss.user_id = any($1) and gs.status = 'scheduled'
                   and tstzrange(gs.starts_at, gs.ends_at, '[)') && tstzrange($2, $3, '[)')
                   and gs.group_session_id <> all($4)
                 union all
                 select $5, a.starts_at, a.ends_at, u.display_name
                 from case_appointment_staff cas
                 join case_appointment a on a.case_appointment_id = cas.case_appointment_id
                 join app_user u on u.user_id = cas.user_id
                 where cas.user_id = any($1) and cas.during && tstzrange($2, $3, '[)')) taken
           order by starts_at limit 1"#,
        leaders,
        starts_at,
        ends_at,
        except,
        crate::cases::PRIVATE_APPOINTMENT
    )
    .fetch_optional(conn)
    .await?)
}

pub struct NewSeries<'a> {
    pub service_id: Uuid,
    pub cycle_id: Option<Uuid>,
    pub rule: &'a str,
    pub created_by: Option<Uuid>,
}

pub async fn insert_series(
    conn: &mut PgConnection,
    series: NewSeries<'_>,
) -> Result<Uuid, AppError> {
    Ok(sqlx::query_scalar!(
        "insert into meeting_series (service_id, cycle_id, recurrence_rule, created_by)
         values ($1, $2, $3, $4) returning meeting_series_id",
        series.service_id,
        series.cycle_id,
        series.rule,
        series.created_by
    )
    .fetch_one(conn)
    .await?)
}

pub struct NewCycle<'a> {
    pub service_id: Uuid,
    pub title: &'a str,
    pub description: &'a str,
    pub capacity: i32,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    pub rule: &'a str,
}

pub async fn insert_cycle(conn: &mut PgConnection, cycle: NewCycle<'_>) -> Result<Uuid, AppError> {
    Ok(sqlx::query_scalar!(
        "insert into cycle (service_id, title, description, capacity, age_min_years,
                            age_max_years, recurrence_rule)
         values ($1, $2, $3, $4, $5, $6, $7) returning cycle_id",
        cycle.service_id,
        cycle.title,
        cycle.description,
        cycle.capacity,
        cycle.age_min_years,
        cycle.age_max_years,
        cycle.rule
    )
    .fetch_one(conn)
    .await?)
}

pub struct NewMeetingRow<'a> {
    pub service_id: Uuid,
    pub cycle_id: Option<Uuid>,
    pub series_id: Option<Uuid>,
    pub room_id: Option<Uuid>,
    pub title: &'a str,
    pub description: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// `None` for a meeting of a cycle (the cycle holds the seats).
    pub capacity: Option<i32>,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
    pub booking_opens_days: Option<i16>,
    pub cancel_cutoff_hours: Option<i16>,
    pub created_by: Option<Uuid>,
}

pub async fn insert_meeting(
    conn: &mut PgConnection,
    meeting: &NewMeetingRow<'_>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into group_session (service_id, cycle_id, meeting_series_id, room_id, title,
                                    description, starts_at, ends_at, capacity, age_min_years,
                                    age_max_years, booking_opens_days, cancel_cutoff_hours,
                                    created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         returning group_session_id",
        meeting.service_id,
        meeting.cycle_id,
        meeting.series_id,
        meeting.room_id,
        meeting.title,
        meeting.description,
        meeting.starts_at,
        meeting.ends_at,
        meeting.capacity,
        meeting.age_min_years,
        meeting.age_max_years,
        meeting.booking_opens_days,
        meeting.cancel_cutoff_hours,
        meeting.created_by
    )
    .fetch_one(conn)
    .await
}

pub async fn insert_leaders(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    leaders: &[Uuid],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into group_session_staff (group_session_id, user_id)
         select $1, unnest($2::uuid[])",
        meeting_id,
        leaders
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A meeting as planning changes it, locked for the transaction.
#[derive(Debug, Clone)]
pub struct PlannedMeeting {
    pub meeting_id: Uuid,
    pub centre_id: Uuid,
    pub service_id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room_id: Option<Uuid>,
    pub cycle_id: Option<Uuid>,
    pub series_id: Option<Uuid>,
    pub status: String,
}

/// The meeting `meeting_id` (not locked: [`lock_reach`] locks what an edit changes).
pub async fn meeting(
    conn: &mut PgConnection,
    meeting_id: Uuid,
) -> Result<Option<PlannedMeeting>, AppError> {
    Ok(sqlx::query_as!(
        PlannedMeeting,
        r#"select gs.group_session_id as meeting_id, s.centre_id, gs.service_id, gs.title,
                  gs.starts_at, gs.ends_at, gs.room_id, gs.cycle_id,
                  gs.meeting_series_id as series_id, gs.status
           from group_session gs join service s on s.service_id = gs.service_id
           where gs.group_session_id = $1"#,
        meeting_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The meetings an edit of `meeting` reaches, locked in start order (the one lock order of
/// every planning change: meetings by start, then their bookings): the meeting, and with
/// `series` the scheduled meetings of that series from that instant on.
pub async fn lock_reach(
    conn: &mut PgConnection,
    meeting: &PlannedMeeting,
    series: Option<(Uuid, DateTime<Utc>)>,
) -> Result<Vec<PlannedMeeting>, AppError> {
    let (series_id, from) = series.unzip();
    Ok(sqlx::query_as!(
        PlannedMeeting,
        r#"select gs.group_session_id as meeting_id, s.centre_id, gs.service_id, gs.title,
                  gs.starts_at, gs.ends_at, gs.room_id, gs.cycle_id,
                  gs.meeting_series_id as series_id, gs.status
           from group_session gs join service s on s.service_id = gs.service_id
           where gs.group_session_id = $1
              or (gs.meeting_series_id = $2 and gs.status = 'scheduled' and gs.starts_at >= $3)
           order by gs.starts_at, gs.group_session_id
           for update of gs"#,
        meeting.meeting_id,
        series_id,
        from
    )
    .fetch_all(conn)
    .await?)
}

/// The ids [`lock_reach`] would lock, without locking them (a page only reads).
pub async fn reach_ids(
    conn: &mut PgConnection,
    meeting: &PlannedMeeting,
    series: Option<(Uuid, DateTime<Utc>)>,
) -> Result<Vec<Uuid>, AppError> {
    let (series_id, from) = series.unzip();
    Ok(sqlx::query_scalar!(
        r#"select gs.group_session_id from group_session gs
           where gs.group_session_id = $1
              or (gs.meeting_series_id = $2 and gs.status = 'scheduled' and gs.starts_at >= $3)"#,
        meeting.meeting_id,
        series_id,
        from
    )
    .fetch_all(conn)
    .await?)
}

/// What families read about a meeting, beyond its title.
pub async fn description(conn: &mut PgConnection, meeting_id: Uuid) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!(
        "select description from group_session where group_session_id = $1",
        meeting_id
    )
    .fetch_one(conn)
    .await?)
}

/// The leaders of a meeting.
pub async fn leaders(conn: &mut PgConnection, meeting_id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(sqlx::query_scalar!(
        "select user_id from group_session_staff where group_session_id = $1 order by user_id",
        meeting_id
    )
    .fetch_all(conn)
    .await?)
}

/// A household to tell about a change: who booked, in which language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub household_id: Uuid,
    pub email: String,
    pub locale: String,
}

/// The households with a live booking (confirmed or waiting) of any of `meeting_ids` or of
/// their cycles: one row per household, whoever of it booked first.
pub async fn recipients(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
) -> Result<Vec<Recipient>, AppError> {
    let rows = sqlx::query!(
        r#"select distinct on (b.household_id) b.household_id, u.email, u.locale
           from booking b
           join app_user u on u.user_id = b.booked_by
           where b.status <> 'cancelled'
             and (b.group_session_id = any($1)
                  or b.cycle_id in (select cycle_id from group_session
                                    where group_session_id = any($1) and cycle_id is not null))
           order by b.household_id, b.created_at"#,
        meeting_ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Recipient {
            household_id: row.household_id,
            email: row.email,
            locale: row.locale,
        })
        .collect())
}

/// Moves a meeting (and raises its SEQUENCE, so calendar files show the change).
pub async fn update_time_and_room(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room_id: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update group_session
         set starts_at = $2, ends_at = $3, room_id = $4, sequence = sequence + 1
         where group_session_id = $1",
        meeting_id,
        starts_at,
        ends_at,
        room_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the title and description of meetings (and raises their SEQUENCE).
pub async fn set_details(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "update group_session set title = $2, description = $3, sequence = sequence + 1
         where group_session_id = any($1)",
        meeting_ids,
        title,
        description
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the title and description a closed cycle shows when it is booked.
pub async fn set_cycle_details(
    conn: &mut PgConnection,
    cycle_id: Uuid,
    title: &str,
    description: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "update cycle set title = $2, description = $3 where cycle_id = $1",
        cycle_id,
        title,
        description
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a meeting these leaders instead of its own (the clash constraint checks them).
pub async fn replace_leaders(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    leaders: &[Uuid],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from group_session_staff where group_session_id = $1 and user_id <> all($2)",
        meeting_id,
        leaders
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into group_session_staff (group_session_id, user_id)
         select $1, leader from unnest($2::uuid[]) as leader
         where not exists (select 1 from group_session_staff
                           where group_session_id = $1 and user_id = leader)",
        meeting_id,
        leaders
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Checks the room and leader clash constraints at commit rather than at each row: a whole
/// series may move onto its own slots (each meeting one week later).
pub async fn defer_clash_checks(conn: &mut PgConnection) -> Result<(), AppError> {
    sqlx::query!("set constraints group_session_room_clash, group_session_staff_clash deferred")
        .execute(conn)
        .await?;
    Ok(())
}

/// When `meeting_ids` start, in order.
pub async fn starts(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
) -> Result<Vec<DateTime<Utc>>, AppError> {
    Ok(sqlx::query_scalar!(
        "select starts_at from group_session where group_session_id = any($1) order by starts_at",
        meeting_ids
    )
    .fetch_all(conn)
    .await?)
}

/// Moves meetings from their series into `new_series` (a "this and following" edit).
pub async fn reassign_series(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
    new_series: Uuid,
) -> Result<(), AppError> {
    sqlx::query!(
        "update group_session set meeting_series_id = $2 where group_session_id = any($1)",
        meeting_ids,
        new_series
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn series_rule(conn: &mut PgConnection, series_id: Uuid) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!(
        "select recurrence_rule from meeting_series where meeting_series_id = $1",
        series_id
    )
    .fetch_one(conn)
    .await?)
}

pub async fn set_series_rule(
    conn: &mut PgConnection,
    series_id: Uuid,
    rule: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "update meeting_series set recurrence_rule = $2 where meeting_series_id = $1",
        series_id,
        rule
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels meetings (and raises their SEQUENCE).
pub async fn cancel_meetings(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
    reason: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "update group_session
         set status = 'cancelled', cancel_reason = $2, sequence = sequence + 1
         where group_session_id = any($1) and status = 'scheduled'",
        meeting_ids,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels, as the centre, the live bookings of `meeting_ids` (meeting bookings only) and of
/// `cycle_ids` (whole-cycle bookings), freeing their persons; returns how many.
pub async fn cancel_bookings_by_centre(
    conn: &mut PgConnection,
    meeting_ids: &[Uuid],
    cycle_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let cancelled = sqlx::query_scalar!(
        r#"update booking
           set status = 'cancelled', cancelled_at = $3, cancelled_by_centre = true,
               cancelled_late = false
           where status <> 'cancelled'
             and (group_session_id = any($1) or cycle_id = any($2))
           returning booking_id"#,
        meeting_ids,
        cycle_ids,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query!(
        "update booking_participant set is_active = false where booking_id = any($1)",
        &cancelled
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update group_session set seats_taken = 0 where group_session_id = any($1)",
        meeting_ids
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update cycle set seats_taken = 0, status = 'cancelled' where cycle_id = any($1)",
        cycle_ids
    )
    .execute(&mut *conn)
    .await?;
    Ok(cancelled.len() as u64)
}

/// Whether any meeting of `cycle_id` other than `except` is still scheduled.
pub async fn cycle_has_other_meetings(
    conn: &mut PgConnection,
    cycle_id: Uuid,
    except: &[Uuid],
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from group_session
                         where cycle_id = $1 and status = 'scheduled'
                           and group_session_id <> all($2)) as "e!""#,
        cycle_id,
        except
    )
    .fetch_one(conn)
    .await?)
}

/// The centres of a scope (`None`: every centre), by Municipio, with their names in `locale`.
pub async fn centre_choices(
    conn: &mut PgConnection,
    centre_ids: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<(Uuid, String)>, AppError> {
    let rows = sqlx::query!(
        r#"select c.centre_id, coalesce(ct.name, c.name) as "name!"
           from centre c
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           where $1::uuid[] is null or c.centre_id = any($1)
           order by c.municipio"#,
        centre_ids as Option<&[Uuid]>,
        locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.centre_id, row.name))
        .collect())
}

/// The active services of a centre that have dated meetings (sessions and cycles).
pub async fn service_choices(
    conn: &mut PgConnection,
    centre_id: Uuid,
    locale: &str,
) -> Result<Vec<crate::planning::domain::ServiceChoice>, AppError> {
    Ok(sqlx::query_as!(
        crate::planning::domain::ServiceChoice,
        r#"select s.service_id, coalesce(st.name, s.name) as "name!", s.format,
                  s.age_min_years, s.age_max_years, s.booking_opens_days, s.cancel_cutoff_hours
           from service s
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           where s.centre_id = $1 and s.is_active and s.format in ('session', 'cycle')
           order by s.position, s.name"#,
        centre_id,
        locale
    )
    .fetch_all(conn)
    .await?)
}

/// The active rooms of a centre, by name.
pub async fn room_choices(
    conn: &mut PgConnection,
    centre_id: Uuid,
) -> Result<Vec<crate::planning::domain::RoomChoice>, AppError> {
    Ok(sqlx::query_as!(
        crate::planning::domain::RoomChoice,
        "select room_id, name, capacity from room
         where centre_id = $1 and is_active order by name",
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

/// The active operators and coordinators of a centre, by name.
pub async fn leader_choices(
    conn: &mut PgConnection,
    centre_id: Uuid,
) -> Result<Vec<crate::planning::domain::LeaderChoice>, AppError> {
    Ok(sqlx::query_as!(
        crate::planning::domain::LeaderChoice,
        r#"select u.user_id, u.display_name as name
           from app_user u join staff_centre sc on sc.user_id = u.user_id
           where sc.centre_id = $1 and u.is_active and u.role in ('operator', 'coordinator')
           order by u.display_name"#,
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

pub struct Seats {
    pub service_name: String,
    pub capacity: i32,
    pub seats_taken: i32,
}

/// A meeting's seats (its cycle's for a closed cycle) and its service's name.
pub async fn seats(conn: &mut PgConnection, meeting_id: Uuid) -> Result<Seats, AppError> {
    Ok(sqlx::query_as!(
        Seats,
        r#"select s.name as service_name,
                  coalesce(gs.capacity, c.capacity) as "capacity!",
                  (case when gs.cycle_id is null then gs.seats_taken else c.seats_taken end) as "seats_taken!"
           from group_session gs
           join service s on s.service_id = gs.service_id
           left join cycle c on c.cycle_id = gs.cycle_id
           where gs.group_session_id = $1"#,
        meeting_id
    )
    .fetch_one(conn)
    .await?)
}

/// One row of a staff member's agenda.
pub struct AgendaRow {
    pub meeting_id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub service_name: String,
    pub centre_name: String,
    pub room_name: Option<String>,
    pub capacity: i32,
    pub seats_taken: i32,
}

/// The meetings `user_id` leads (`group_session_staff`) that start in `[from, to)`, cancelled
/// ones included, by start; names in `locale`.
pub async fn agenda(
    conn: &mut PgConnection,
    user_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<AgendaRow>, AppError> {
    Ok(sqlx::query_as!(
        AgendaRow,
        r#"select gs.group_session_id as meeting_id, gs.title, gs.starts_at, gs.ends_at,
                  gs.status, gs.cancel_reason,
                  coalesce(st.name, s.name) as "service_name!",
                  coalesce(ct.name, c.name) as "centre_name!",
                  r.name as "room_name?",
                  coalesce(gs.capacity, cy.capacity) as "capacity!",
                  (case when gs.cycle_id is null then gs.seats_taken else cy.seats_taken end) as "seats_taken!"
           from group_session_staff gss
           join group_session gs on gs.group_session_id = gss.group_session_id
           join service s on s.service_id = gs.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $4
           join centre c on c.centre_id = s.centre_id
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $4
           left join room r on r.room_id = gs.room_id
           left join cycle cy on cy.cycle_id = gs.cycle_id
           where gss.user_id = $1 and gs.starts_at >= $2 and gs.starts_at < $3
           order by gs.starts_at, gs.title, gs.group_session_id"#,
        user_id,
        from,
        to,
        locale
    )
    .fetch_all(conn)
    .await?)
}
