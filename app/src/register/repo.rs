//! The register's queries. Who is in a meeting's register: the persons of its confirmed
//! bookings (of the meeting, or of its cycle for a closed cycle's meeting), and anyone with a mark
//! in it (a walk-in, or a person whose booking was cancelled after being marked).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// A meeting as its register needs it.
#[derive(Debug, Clone)]
pub struct RegisterMeeting {
    pub meeting_id: Uuid,
    pub centre_id: Uuid,
    pub centre_name: String,
    pub centre_address: String,
    pub service_name: String,
    pub title: String,
    pub room_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    pub cycle_id: Option<Uuid>,
}

pub async fn meeting(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    locale: &str,
) -> Result<Option<RegisterMeeting>, AppError> {
    Ok(sqlx::query_as!(
        RegisterMeeting,
        r#"select gs.group_session_id as meeting_id, c.centre_id,
                  coalesce(ct.name, c.name) as "centre_name!", c.address as centre_address,
                  coalesce(st.name, s.name) as "service_name!", gs.title,
                  r.name as "room_name?", gs.starts_at, gs.ends_at, gs.status, gs.cycle_id
           from group_session gs
           join service s on s.service_id = gs.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           left join room r on r.room_id = gs.room_id
           where gs.group_session_id = $1"#,
        meeting_id,
        locale
    )
    .fetch_optional(conn)
    .await?)
}

/// Whether `user_id` leads the meeting.
pub async fn leads(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from group_session_staff
                          where group_session_id = $1 and user_id = $2) as "leads!""#,
        meeting_id,
        user_id
    )
    .fetch_one(conn)
    .await?)
}

/// The names of the meeting's leaders.
pub async fn leader_names(
    conn: &mut PgConnection,
    meeting_id: Uuid,
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar!(
        "select u.display_name from group_session_staff gss
         join app_user u on u.user_id = gss.user_id
         where gss.group_session_id = $1 order by u.display_name",
        meeting_id
    )
    .fetch_all(conn)
    .await?)
}

/// A person of a register, with their mark if any.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub member_id: Uuid,
    pub household_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub birth_year_only: bool,
    pub kind: String,
    pub status: Option<String>,
    pub note: Option<String>,
    pub walk_in: bool,
}

/// The persons of a meeting's register: booked ones first (by surname, household, adults before
/// children), then the walk-ins.
pub async fn persons(
    conn: &mut PgConnection,
    meeting_id: Uuid,
) -> Result<Vec<PersonRow>, AppError> {
    Ok(sqlx::query_as!(
        PersonRow,
        r#"with meeting as (
               select group_session_id, cycle_id from group_session where group_session_id = $1
           ),
           booked as (
               select bp.member_id
               from booking_participant bp
               join booking b on b.booking_id = bp.booking_id
               cross join meeting m
               where bp.is_active and b.status = 'confirmed'
                 and (bp.group_session_id = m.group_session_id
                      or (m.cycle_id is not null and bp.cycle_id = m.cycle_id))
           )
           select hm.member_id, hm.household_id, hm.first_name, hm.last_name, hm.birth_date,
                  hm.birth_year_only, hm.kind,
                  a.status as "status?", a.note as "note?",
                  coalesce(a.walk_in, false) as "walk_in!"
           from household_member hm
           left join attendance a on a.member_id = hm.member_id and a.group_session_id = $1
           where hm.member_id in (select member_id from booked) or a.attendance_id is not null
           order by coalesce(a.walk_in, false), hm.last_name, hm.household_id,
                    hm.kind, hm.first_name, hm.member_id"#,
        meeting_id
    )
    .fetch_all(conn)
    .await?)
}

/// Whether `member_id` is in the meeting's register (booked, or already marked).
pub async fn is_listed(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    member_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists (
               select 1 from attendance where group_session_id = $1 and member_id = $2
           ) or exists (
               select 1 from booking_participant bp
               join booking b on b.booking_id = bp.booking_id
               join group_session gs on gs.group_session_id = $1
               where bp.member_id = $2 and bp.is_active and b.status = 'confirmed'
                 and (bp.group_session_id = gs.group_session_id
                      or (gs.cycle_id is not null and bp.cycle_id = gs.cycle_id))
           ) as "listed!""#,
        meeting_id,
        member_id
    )
    .fetch_one(conn)
    .await?)
}

/// The booking that put `member_id` in the meeting, if any.
pub async fn booking_of(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    member_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar!(
        "select b.booking_id from booking_participant bp
         join booking b on b.booking_id = bp.booking_id
         join group_session gs on gs.group_session_id = $1
         where bp.member_id = $2 and bp.is_active and b.status = 'confirmed'
           and (bp.group_session_id = gs.group_session_id
                or (gs.cycle_id is not null and bp.cycle_id = gs.cycle_id))
         limit 1",
        meeting_id,
        member_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Claims a client id for a mark: `false` when it was already saved (nothing more to do).
/// A second request with the same id waits here for the first one's transaction.
pub async fn claim(
    conn: &mut PgConnection,
    client_id: Uuid,
    meeting_id: Uuid,
    member_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    let inserted = sqlx::query!(
        "insert into register_mark (client_id, group_session_id, member_id, recorded_by)
         values ($1, $2, $3, $4) on conflict (client_id) do nothing",
        client_id,
        meeting_id,
        member_id,
        user_id
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// A stored mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMark {
    pub status: String,
    pub note: Option<String>,
    pub walk_in: bool,
}

/// The person's mark, locked until the transaction ends.
pub async fn mark_for_update(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    member_id: Uuid,
) -> Result<Option<StoredMark>, AppError> {
    Ok(sqlx::query_as!(
        StoredMark,
        "select status, note, walk_in from attendance
         where group_session_id = $1 and member_id = $2 for update",
        meeting_id,
        member_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Writes a person's mark (and note, when given), creating it or changing it.
#[allow(clippy::too_many_arguments)]
pub async fn write_mark(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    member_id: Uuid,
    booking_id: Option<Uuid>,
    status: &str,
    note: Option<&str>,
    walk_in: bool,
    user_id: Uuid,
) -> Result<(), AppError> {
    // A note sent empty clears it; no note sent keeps the stored one.
    let clear_note = note.is_some_and(str::is_empty);
    let note = note.filter(|n| !n.is_empty());
    sqlx::query!(
        "insert into attendance (group_session_id, member_id, booking_id, status, note, walk_in,
                                 recorded_by, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7, now())
         on conflict (group_session_id, member_id) do update
         set status = excluded.status,
             note = case when $8 then null else coalesce(excluded.note, attendance.note) end,
             recorded_by = excluded.recorded_by,
             recorded_at = now()",
        meeting_id,
        member_id,
        booking_id,
        status,
        note,
        walk_in,
        user_id,
        clear_note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Members of households the centre knows (a booking or a mark in one of its meetings) whose
/// name contains `search`, at most `limit`.
pub async fn candidates(
    conn: &mut PgConnection,
    centre_id: Uuid,
    search: &str,
    limit: i64,
) -> Result<Vec<(Uuid, String, String, NaiveDate, bool)>, AppError> {
    let pattern = format!(
        "%{}%",
        search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query!(
        r#"select hm.member_id, hm.first_name, hm.last_name, hm.birth_date, hm.birth_year_only
           from household_member hm
           where (hm.first_name || ' ' || hm.last_name) ilike $2
             and hm.household_id in (
                 select b.household_id from booking b
                 left join group_session gs on gs.group_session_id = b.group_session_id
                 left join cycle cy on cy.cycle_id = b.cycle_id
                 join service s on s.service_id = coalesce(gs.service_id, cy.service_id)
                 where s.centre_id = $1
                 union
                 select hm2.household_id from attendance a
                 join household_member hm2 on hm2.member_id = a.member_id
                 join group_session gs on gs.group_session_id = a.group_session_id
                 join service s on s.service_id = gs.service_id
                 where s.centre_id = $1
             )
           order by hm.last_name, hm.first_name, hm.member_id
           limit $3"#,
        centre_id,
        pattern,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.member_id,
                r.first_name,
                r.last_name,
                r.birth_date,
                r.birth_year_only,
            )
        })
        .collect())
}

/// Whether the member belongs to a household the centre knows.
pub async fn known_to_centre(
    conn: &mut PgConnection,
    centre_id: Uuid,
    member_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists (
               select 1 from household_member hm
               where hm.member_id = $2 and hm.household_id in (
                   select b.household_id from booking b
                   left join group_session gs on gs.group_session_id = b.group_session_id
                   left join cycle cy on cy.cycle_id = b.cycle_id
                   join service s on s.service_id = coalesce(gs.service_id, cy.service_id)
                   where s.centre_id = $1
                   union
                   select hm2.household_id from attendance a
                   join household_member hm2 on hm2.member_id = a.member_id
                   join group_session gs on gs.group_session_id = a.group_session_id
                   join service s on s.service_id = gs.service_id
                   where s.centre_id = $1
               )
           ) as "known!""#,
        centre_id,
        member_id
    )
    .fetch_one(conn)
    .await?)
}

/// A household of its own for a new walk-in person, with the contact they gave; the person's
/// id.
pub async fn create_walk_in_person(
    conn: &mut PgConnection,
    form: &super::domain::NewWalkIn,
    is_child: bool,
) -> Result<Uuid, AppError> {
    let household_id = sqlx::query_scalar!(
        "insert into household (phone, contact_email, walk_in) values ($1, $2, true)
         returning household_id",
        form.phone,
        form.email
    )
    .fetch_one(&mut *conn)
    .await?;
    let birth = NaiveDate::from_ymd_opt(form.birth_year, 1, 1).ok_or(AppError::Internal)?;
    let member_id = sqlx::query_scalar!(
        "insert into household_member (household_id, kind, relation, first_name, last_name,
                                       birth_date, birth_year_only)
         values ($1, $2, $3, $4, $5, $6, true) returning member_id",
        household_id,
        if is_child { "child" } else { "adult" },
        if is_child { "child" } else { "other" },
        form.first_name,
        form.last_name,
        birth
    )
    .fetch_one(conn)
    .await?;
    Ok(member_id)
}

/// The meetings of a cycle, in order, for its whole register.
pub async fn cycle_meetings(
    conn: &mut PgConnection,
    cycle_id: Uuid,
) -> Result<Vec<(Uuid, DateTime<Utc>, bool)>, AppError> {
    let rows = sqlx::query!(
        "select group_session_id, starts_at, status from group_session
         where cycle_id = $1 order by starts_at, group_session_id",
        cycle_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.group_session_id, r.starts_at, r.status == "cancelled"))
        .collect())
}

/// Every mark of a cycle's meetings: (meeting, member, status, name).
pub async fn cycle_marks(
    conn: &mut PgConnection,
    cycle_id: Uuid,
) -> Result<Vec<(Uuid, Uuid, String)>, AppError> {
    let rows = sqlx::query!(
        "select a.group_session_id, a.member_id, a.status from attendance a
         join group_session gs on gs.group_session_id = a.group_session_id
         where gs.cycle_id = $1",
        cycle_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.group_session_id, r.member_id, r.status))
        .collect())
}

/// The persons booked for a whole cycle, and anyone marked at one of its meetings.
pub async fn cycle_persons(
    conn: &mut PgConnection,
    cycle_id: Uuid,
) -> Result<Vec<(Uuid, String, String)>, AppError> {
    let rows = sqlx::query!(
        "select hm.member_id, hm.first_name, hm.last_name from household_member hm
         where hm.member_id in (
             select bp.member_id from booking_participant bp
             join booking b on b.booking_id = bp.booking_id
             where bp.cycle_id = $1 and bp.is_active and b.status = 'confirmed'
             union
             select a.member_id from attendance a
             join group_session gs on gs.group_session_id = a.group_session_id
             where gs.cycle_id = $1
         )
         order by hm.last_name, hm.household_id, hm.kind, hm.first_name, hm.member_id",
        cycle_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.member_id, r.first_name, r.last_name))
        .collect())
}

/// A meeting of the day, for "Registri di oggi".
#[derive(Debug, Clone)]
pub struct DayMeeting {
    pub meeting_id: Uuid,
    pub title: String,
    pub service_name: String,
    pub room_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
}

/// The day's meetings of `centres` (every centre for `None`), or only those `leader` leads.
pub async fn day_meetings(
    conn: &mut PgConnection,
    centres: Option<&[Uuid]>,
    leader: Option<Uuid>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<DayMeeting>, AppError> {
    Ok(sqlx::query_as!(
        DayMeeting,
        r#"select gs.group_session_id as meeting_id, gs.title,
                  coalesce(st.name, s.name) as "service_name!", r.name as "room_name?",
                  gs.starts_at, gs.ends_at, gs.status
           from group_session gs
           join service s on s.service_id = gs.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $5
           left join room r on r.room_id = gs.room_id
           where gs.starts_at >= $3 and gs.starts_at < $4
             and ($1::uuid[] is null or s.centre_id = any($1))
             and ($2::uuid is null or exists (
                 select 1 from group_session_staff gss
                 where gss.group_session_id = gs.group_session_id and gss.user_id = $2))
           order by gs.starts_at, gs.title, gs.group_session_id"#,
        centres,
        leader,
        from,
        until,
        locale
    )
    .fetch_all(conn)
    .await?)
}
