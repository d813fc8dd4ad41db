//! The case paths' queries.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// A case with its service and polo.
pub struct CaseHead {
    pub case_id: Uuid,
    pub reference: String,
    pub status: String,
    pub court_ordered: bool,
    pub stagger_minutes: i16,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub retain_until: Option<NaiveDate>,
    pub service_name: String,
    pub format: String,
    pub centre_id: Uuid,
    pub centre_name: String,
    pub centre_address: String,
    pub referrer: Option<String>,
}

pub async fn case_head(
    conn: &mut PgConnection,
    case_id: Uuid,
    locale: &str,
) -> Result<Option<CaseHead>, AppError> {
    Ok(sqlx::query_as!(
        CaseHead,
        r#"select cp.case_path_id as case_id, cp.reference, cp.status, cp.court_ordered,
                  cp.stagger_minutes, cp.opened_at, cp.closed_at, cp.retain_until,
                  coalesce(st.name, s.name) as "service_name!", s.format, c.centre_id,
                  coalesce(ct.name, c.name) as "centre_name!", c.address as centre_address,
                  sr.referrer as "referrer?"
           from case_path cp
           join service s on s.service_id = cp.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           left join service_request sr on sr.service_request_id = cp.service_request_id
           where cp.case_path_id = $1"#,
        case_id,
        locale
    )
    .fetch_optional(conn)
    .await?)
}

/// Locks the case's row (status changes, scheduling) and returns its status.
pub async fn lock_case(conn: &mut PgConnection, case_id: Uuid) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!(
        "select status from case_path where case_path_id = $1 for update",
        case_id
    )
    .fetch_one(conn)
    .await?)
}

/// Whether `user_id` is one of the case's staff.
pub async fn on_staff(
    conn: &mut PgConnection,
    case_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from case_staff where case_path_id = $1 and user_id = $2)
              as "on_staff!""#,
        case_id,
        user_id
    )
    .fetch_one(conn)
    .await?)
}

pub struct PartyRow {
    pub party_id: Uuid,
    pub party: String,
    pub display_name: String,
    pub household_id: Option<Uuid>,
    pub has_account: bool,
}

pub async fn parties(conn: &mut PgConnection, case_id: Uuid) -> Result<Vec<PartyRow>, AppError> {
    Ok(sqlx::query_as!(
        PartyRow,
        r#"select p.case_party_id as party_id, p.party, p.display_name, p.household_id,
                  exists (select 1 from app_user u
                          where u.household_id = p.household_id and u.is_active) as "has_account!"
           from case_party p
           where p.case_path_id = $1
           order by p.party, p.created_at"#,
        case_id
    )
    .fetch_all(conn)
    .await?)
}

pub struct StaffRow {
    pub user_id: Uuid,
    pub name: String,
    pub is_lead: bool,
}

pub async fn staff(conn: &mut PgConnection, case_id: Uuid) -> Result<Vec<StaffRow>, AppError> {
    Ok(sqlx::query_as!(
        StaffRow,
        r#"select u.user_id, u.display_name as name, cs.is_lead
           from case_staff cs join app_user u on u.user_id = cs.user_id
           where cs.case_path_id = $1
           order by cs.is_lead desc, u.display_name"#,
        case_id
    )
    .fetch_all(conn)
    .await?)
}

pub struct AppointmentRow {
    pub appointment_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    pub place: String,
    pub room_name: Option<String>,
    pub leaders: Vec<String>,
    pub has_report: bool,
}

/// The case's appointments, or only `only` of them.
pub async fn appointments(
    conn: &mut PgConnection,
    case_id: Uuid,
    only: Option<Uuid>,
) -> Result<Vec<AppointmentRow>, AppError> {
    Ok(sqlx::query_as!(
        AppointmentRow,
        r#"select a.case_appointment_id as appointment_id, a.starts_at, a.ends_at, a.status,
                  a.place, r.name as "room_name?",
                  coalesce((select array_agg(u.display_name order by u.display_name)
                            from case_appointment_staff cas
                            join app_user u on u.user_id = cas.user_id
                            where cas.case_appointment_id = a.case_appointment_id),
                           '{}') as "leaders!",
                  exists (select 1 from case_note n
                          where n.case_appointment_id = a.case_appointment_id) as "has_report!"
           from case_appointment a
           left join room r on r.room_id = a.room_id
           where a.case_path_id = $1 and ($2::uuid is null or a.case_appointment_id = $2)
           order by a.starts_at"#,
        case_id,
        only
    )
    .fetch_all(conn)
    .await?)
}

pub struct PartyTimeRow {
    pub appointment_id: Uuid,
    pub party_id: Uuid,
    pub arrives_at: DateTime<Utc>,
    pub leaves_at: DateTime<Utc>,
    pub attendance: Option<String>,
}

pub async fn party_times(
    conn: &mut PgConnection,
    case_id: Uuid,
) -> Result<Vec<PartyTimeRow>, AppError> {
    Ok(sqlx::query_as!(
        PartyTimeRow,
        r#"select t.case_appointment_id as appointment_id, t.case_party_id as party_id,
                  t.arrives_at, t.leaves_at, t.attendance
           from appointment_party_time t
           join case_appointment a on a.case_appointment_id = t.case_appointment_id
           where a.case_path_id = $1
           order by t.arrives_at"#,
        case_id
    )
    .fetch_all(conn)
    .await?)
}

/// (notes, visit reports) of the case.
pub async fn note_counts(conn: &mut PgConnection, case_id: Uuid) -> Result<(i64, i64), AppError> {
    let row = sqlx::query!(
        r#"select count(*) filter (where kind = 'note') as "notes!",
                  count(*) filter (where kind = 'visit_report') as "reports!"
           from case_note where case_path_id = $1"#,
        case_id
    )
    .fetch_one(conn)
    .await?;
    Ok((row.notes, row.reports))
}

pub struct NoteRow {
    pub note_id: Uuid,
    pub kind: String,
    pub appointment_starts_at: Option<DateTime<Utc>>,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub body: String,
}

/// The case's notes and reports (or only the report of `appointment`), newest first.
pub async fn notes(
    conn: &mut PgConnection,
    case_id: Uuid,
    appointment: Option<Uuid>,
) -> Result<Vec<NoteRow>, AppError> {
    Ok(sqlx::query_as!(
        NoteRow,
        r#"select n.case_note_id as note_id, n.kind, a.starts_at as "appointment_starts_at?",
                  u.display_name as "author?", n.created_at, n.body
           from case_note n
           left join case_appointment a on a.case_appointment_id = n.case_appointment_id
           left join app_user u on u.user_id = n.written_by
           where n.case_path_id = $1 and ($2::uuid is null or n.case_appointment_id = $2)
           order by n.created_at desc"#,
        case_id,
        appointment
    )
    .fetch_all(conn)
    .await?)
}

pub async fn insert_note(
    conn: &mut PgConnection,
    case_id: Uuid,
    appointment: Option<Uuid>,
    body: &str,
    written_by: Uuid,
) -> Result<Uuid, AppError> {
    let kind = if appointment.is_some() {
        "visit_report"
    } else {
        "note"
    };
    Ok(sqlx::query_scalar!(
        r#"insert into case_note (case_path_id, case_appointment_id, kind, body, written_by)
           values ($1, $2, $3, $4, $5)
           on conflict (case_appointment_id) where kind = 'visit_report'
           do update set body = excluded.body, written_by = excluded.written_by,
                         created_at = now()
           returning case_note_id"#,
        case_id,
        appointment,
        kind,
        body,
        written_by
    )
    .fetch_one(conn)
    .await?)
}

/// The active rooms of a polo.
pub async fn rooms(
    conn: &mut PgConnection,
    centre_id: Uuid,
) -> Result<Vec<super::domain::Choice>, AppError> {
    Ok(sqlx::query_as!(
        super::domain::Choice,
        r#"select room_id as id, name from room
           where centre_id = $1 and is_active order by name"#,
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

/// The active operators and coordinators of a polo.
pub async fn centre_staff(
    conn: &mut PgConnection,
    centre_id: Uuid,
) -> Result<Vec<super::domain::Choice>, AppError> {
    Ok(sqlx::query_as!(
        super::domain::Choice,
        r#"select u.user_id as id, u.display_name as name
           from app_user u join staff_centre sc on sc.user_id = u.user_id
           where sc.centre_id = $1 and u.is_active and u.role in ('operator', 'coordinator')
           order by u.display_name"#,
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

pub struct ListRow {
    pub case_id: Uuid,
    pub reference: String,
    pub status: String,
    pub court_ordered: bool,
    pub service_name: String,
    pub centre_name: String,
    pub parties: Vec<String>,
    pub next_starts_at: Option<DateTime<Utc>>,
    pub next_ends_at: Option<DateTime<Utc>>,
    pub mine: bool,
}

/// The cases of `centre_ids` (every polo when `None`) and, whatever the polo, those `user_id`
/// is staff of; with `only_mine`, only the latter. Open and suspended first, then closed.
pub async fn list(
    conn: &mut PgConnection,
    user_id: Uuid,
    centre_ids: Option<&[Uuid]>,
    only_mine: bool,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ListRow>, AppError> {
    Ok(sqlx::query_as!(
        ListRow,
        r#"select cp.case_path_id as case_id, cp.reference, cp.status, cp.court_ordered,
                  coalesce(st.name, s.name) as "service_name!",
                  coalesce(ct.name, c.name) as "centre_name!",
                  coalesce((select array_agg(p.display_name order by p.party, p.created_at)
                            from case_party p where p.case_path_id = cp.case_path_id),
                           '{}') as "parties!",
                  next.starts_at as "next_starts_at?", next.ends_at as "next_ends_at?",
                  exists (select 1 from case_staff cs
                          where cs.case_path_id = cp.case_path_id and cs.user_id = $1)
                      as "mine!"
           from case_path cp
           join service s on s.service_id = cp.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $4
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $4
           left join lateral (
               select a.starts_at, a.ends_at from case_appointment a
               where a.case_path_id = cp.case_path_id and a.status = 'scheduled'
                 and a.ends_at > $5
               order by a.starts_at limit 1) next on true
           where exists (select 1 from case_staff cs
                         where cs.case_path_id = cp.case_path_id and cs.user_id = $1)
              or (not $3 and ($2::uuid[] is null or s.centre_id = any($2)))
           order by cp.status = 'closed', next.starts_at nulls last, cp.opened_at desc
           limit 500"#,
        user_id,
        centre_ids,
        only_mine,
        locale,
        now
    )
    .fetch_all(conn)
    .await?)
}

pub struct NewAppointmentRow<'a> {
    pub case_id: Uuid,
    pub room_id: Option<Uuid>,
    pub place: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub created_by: Uuid,
}

pub async fn insert_appointment(
    conn: &mut PgConnection,
    row: &NewAppointmentRow<'_>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into case_appointment (case_path_id, room_id, place, starts_at, ends_at,
                                         created_by)
           values ($1, $2, $3, $4, $5, $6)
           returning case_appointment_id"#,
        row.case_id,
        row.room_id,
        row.place,
        row.starts_at,
        row.ends_at,
        row.created_by
    )
    .fetch_one(conn)
    .await
}

pub async fn insert_leaders(
    conn: &mut PgConnection,
    appointment_id: Uuid,
    leaders: &[Uuid],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into case_appointment_staff (case_appointment_id, user_id)
           select $1, unnest($2::uuid[])"#,
        appointment_id,
        leaders
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_party_time(
    conn: &mut PgConnection,
    appointment_id: Uuid,
    party_id: Uuid,
    arrives_at: DateTime<Utc>,
    leaves_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into appointment_party_time (case_appointment_id, case_party_id, arrives_at,
                                               leaves_at)
           values ($1, $2, $3, $4)"#,
        appointment_id,
        party_id,
        arrives_at,
        leaves_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels a scheduled appointment (its leaders' time is freed by trigger); false when it was
/// not scheduled.
pub async fn cancel_appointment(
    conn: &mut PgConnection,
    appointment_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query!(
        r#"update case_appointment set status = 'cancelled', sequence = sequence + 1
           where case_appointment_id = $1 and status = 'scheduled'"#,
        appointment_id
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Records whether a party came; false when the party is not invited.
pub async fn set_attendance(
    conn: &mut PgConnection,
    appointment_id: Uuid,
    party_id: Uuid,
    mark: &str,
    recorded_by: Uuid,
) -> Result<Option<Option<String>>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"update appointment_party_time t
           set attendance = $3, recorded_by = $4, recorded_at = now()
           from appointment_party_time old
           where t.case_appointment_id = $1 and t.case_party_id = $2
             and old.case_appointment_id = t.case_appointment_id
             and old.case_party_id = t.case_party_id
           returning old.attendance"#,
        appointment_id,
        party_id,
        mark,
        recorded_by
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_status(
    conn: &mut PgConnection,
    case_id: Uuid,
    status: &str,
    retain_until: Option<NaiveDate>,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"update case_path
           set status = $2,
               closed_at = case when $2 = 'closed' then now() end,
               retain_until = $3
           where case_path_id = $1"#,
        case_id,
        status,
        retain_until
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels the case's scheduled appointments that have not begun (a case closed or
/// suspended); returns how many.
pub async fn cancel_upcoming(
    conn: &mut PgConnection,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(sqlx::query!(
        r#"update case_appointment set status = 'cancelled', sequence = sequence + 1
           where case_path_id = $1 and status = 'scheduled' and starts_at > $2"#,
        case_id,
        now
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// Adds `user_id` to the case's staff (as lead: the only lead).
pub async fn add_staff(
    conn: &mut PgConnection,
    case_id: Uuid,
    user_id: Uuid,
    lead: bool,
) -> Result<(), AppError> {
    if lead {
        sqlx::query!(
            "update case_staff set is_lead = false where case_path_id = $1",
            case_id
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!(
        r#"insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, $3)
           on conflict (case_path_id, user_id) do update set is_lead = excluded.is_lead"#,
        case_id,
        user_id,
        lead
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn remove_staff(
    conn: &mut PgConnection,
    case_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query!(
        "delete from case_staff where case_path_id = $1 and user_id = $2",
        case_id,
        user_id
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The household of a family account, by its exact e-mail, with the account's name.
pub async fn family_by_email(
    conn: &mut PgConnection,
    email: &str,
) -> Result<Option<(Uuid, String)>, AppError> {
    Ok(sqlx::query!(
        r#"select household_id as "household_id!", display_name from app_user
           where lower(email) = lower($1) and role = 'family' and is_active"#,
        email
    )
    .fetch_optional(conn)
    .await?
    .map(|row| (row.household_id, row.display_name)))
}

pub async fn insert_party(
    conn: &mut PgConnection,
    case_id: Uuid,
    household_id: Option<Uuid>,
    party: &str,
    display_name: &str,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into case_party (case_path_id, household_id, party, display_name)
           values ($1, $2, $3, $4) returning case_party_id"#,
        case_id,
        household_id,
        party,
        display_name
    )
    .fetch_one(conn)
    .await
}

pub struct CalendarRow {
    pub appointment_id: Uuid,
    pub case_id: Uuid,
    pub reference: String,
    pub service_name: String,
    pub centre_slug: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room_id: Option<Uuid>,
    pub room_name: Option<String>,
    /// The viewer is staff of the case or manages its polo: the case may be named.
    pub visible: bool,
}

/// The scheduled appointments in [from, until) of the cases of `centre_ids` (every polo when
/// `None`) and of the cases `user_id` works on. `manages`: the viewer manages those polos.
pub async fn calendar(
    conn: &mut PgConnection,
    user_id: Uuid,
    centre_ids: Option<&[Uuid]>,
    manages: bool,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<CalendarRow>, AppError> {
    Ok(sqlx::query_as!(
        CalendarRow,
        r#"select a.case_appointment_id as appointment_id, cp.case_path_id as case_id,
                  cp.reference, coalesce(st.name, s.name) as "service_name!", c.slug as centre_slug,
                  a.starts_at, a.ends_at, a.room_id, r.name as "room_name?",
                  ($3 or exists (select 1 from case_staff cs
                                 where cs.case_path_id = cp.case_path_id and cs.user_id = $1))
                      as "visible!"
           from case_appointment a
           join case_path cp on cp.case_path_id = a.case_path_id
           join service s on s.service_id = cp.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $6
           left join room r on r.room_id = a.room_id
           where a.status = 'scheduled' and a.starts_at < $5 and a.ends_at > $4
             and (($2::uuid[] is null or s.centre_id = any($2))
                  or exists (select 1 from case_staff cs
                             where cs.case_path_id = cp.case_path_id and cs.user_id = $1)
                  or exists (select 1 from case_appointment_staff cas
                             where cas.case_appointment_id = a.case_appointment_id
                               and cas.user_id = $1))
           order by a.starts_at"#,
        user_id,
        centre_ids,
        manages,
        from,
        until,
        locale
    )
    .fetch_all(conn)
    .await?)
}

pub async fn set_stagger(
    conn: &mut PgConnection,
    case_id: Uuid,
    minutes: i16,
) -> Result<(), AppError> {
    sqlx::query!(
        "update case_path set stagger_minutes = $2 where case_path_id = $1",
        case_id,
        minutes
    )
    .execute(conn)
    .await?;
    Ok(())
}
