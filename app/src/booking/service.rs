//! Booking use cases, each one database transaction.
//!
//! Capacity holds under any concurrency and on any number of server instances because every
//! change to the seats of a meeting (or cycle) first takes that row's lock (`SELECT … FOR UPDATE`),
//! so bookings and cancellations of the same meeting run one after the other, in the order they
//! got the lock; the `seats_taken <= capacity` check constraint is the last line of defence.
//! Lock order is always the meeting/cycle row, then its bookings: no deadlocks.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    check_eligibility, check_open, check_person, check_reason, is_late_cancellation, BookingStatus,
    Offer, Person, Target,
};
use crate::accounts::domain::CurrentUser;
use crate::catalogue::domain::{AgeBand, Audience};
use crate::messages::outbox::{enqueue, NewMessage};
use crate::messages::texts::{self, MeetingInfo};
use crate::shared::error::AppError;

/// The answer to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingOutcome {
    pub booking_id: Uuid,
    pub status: BookingStatus,
}

/// The answer to a cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancelOutcome {
    pub late: bool,
    /// Bookings moved from the waiting list to confirmed by the seats freed.
    pub promoted: usize,
}

/// A meeting or cycle, locked for the rest of the transaction.
struct Locked {
    target: Target,
    title: String,
    capacity: i32,
    seats_taken: i32,
    /// Set when a meeting belongs to a cycle (then it is booked through the cycle).
    part_of_cycle: bool,
    ends_at: DateTime<Utc>,
    cancel_cutoff_hours: i64,
    offer: Offer,
}

impl Locked {
    fn info(&self) -> MeetingInfo {
        MeetingInfo {
            title: self.title.clone(),
            starts_at: self.offer.starts_at,
            ends_at: self.ends_at,
            whole_cycle: matches!(self.target, Target::Cycle(_)),
        }
    }
}

/// A meeting or cycle row as `lock` reads it (the two queries give the same columns).
struct TargetRow {
    title: String,
    /// The (first) meeting's start and end; none for a cycle without scheduled meetings.
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    cycle_id: Option<Uuid>,
    capacity: Option<i32>,
    seats_taken: i32,
    status: String,
    audience: String,
    access: String,
    booking_opens_days: i16,
    cancel_cutoff_hours: i16,
    is_active: bool,
    age_min: Option<i16>,
    age_max: Option<i16>,
}

/// The meeting or cycle, locked for the transaction: the one way a booking change reads it.
async fn lock(conn: &mut PgConnection, target: Target) -> Result<Locked, AppError> {
    match target {
        Target::Meeting(id) => {
            sqlx::query_scalar!(
                "select 1 as one from group_session where group_session_id = $1 for update",
                id
            )
            .fetch_optional(&mut *conn)
            .await?
        }
        Target::Cycle(id) => {
            sqlx::query_scalar!(
                "select 1 as one from cycle where cycle_id = $1 for update",
                id
            )
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    read(conn, target).await
}

/// The meeting or cycle and its booking rules, as they are now (a page view: no lock).
async fn read(conn: &mut PgConnection, target: Target) -> Result<Locked, AppError> {
    let row = match target {
        Target::Meeting(id) => {
            sqlx::query_as!(
                TargetRow,
                r#"select gs.title, gs.starts_at as "starts_at?", gs.ends_at as "ends_at?",
                          gs.cycle_id, gs.capacity, gs.seats_taken, gs.status, s.audience,
                          s.access,
                          coalesce(gs.booking_opens_days, s.booking_opens_days) as "booking_opens_days!",
                          coalesce(gs.cancel_cutoff_hours, s.cancel_cutoff_hours) as "cancel_cutoff_hours!",
                          s.is_active,
                          coalesce(gs.age_min_years, s.age_min_years) as age_min,
                          coalesce(gs.age_max_years, s.age_max_years) as age_max
                   from group_session gs join service s on s.service_id = gs.service_id
                   where gs.group_session_id = $1"#,
                id
            )
            .fetch_optional(conn)
            .await?
        }
        Target::Cycle(id) => {
            sqlx::query_as!(
                TargetRow,
                r#"select c.title,
                          (select min(x.starts_at) from group_session x
                            where x.cycle_id = c.cycle_id and x.status = 'scheduled') as "starts_at?",
                          (select min(x.ends_at) from group_session x
                            where x.cycle_id = c.cycle_id and x.status = 'scheduled') as "ends_at?",
                          null::uuid as "cycle_id?", c.capacity as "capacity?", c.seats_taken,
                          c.status, s.audience, s.access,
                          coalesce((select x.booking_opens_days from group_session x
                                     where x.cycle_id = c.cycle_id order by x.starts_at limit 1),
                                   s.booking_opens_days) as "booking_opens_days!",
                          coalesce((select x.cancel_cutoff_hours from group_session x
                                     where x.cycle_id = c.cycle_id order by x.starts_at limit 1),
                                   s.cancel_cutoff_hours) as "cancel_cutoff_hours!",
                          s.is_active,
                          coalesce(c.age_min_years, s.age_min_years) as age_min,
                          coalesce(c.age_max_years, s.age_max_years) as age_max
                   from cycle c join service s on s.service_id = c.service_id
                   where c.cycle_id = $1"#,
                id
            )
            .fetch_optional(conn)
            .await?
        }
    }
    .ok_or(AppError::NotFound)?;
    let (Some(starts_at), Some(ends_at)) = (row.starts_at, row.ends_at) else {
        return Err(AppError::conflict("errors.not_bookable"));
    };
    Ok(Locked {
        target,
        title: row.title,
        capacity: row.capacity.unwrap_or(0),
        seats_taken: row.seats_taken,
        part_of_cycle: row.cycle_id.is_some(),
        ends_at,
        cancel_cutoff_hours: i64::from(row.cancel_cutoff_hours),
        offer: Offer {
            audience: audience(&row.audience)?,
            age_band: AgeBand::new(row.age_min, row.age_max),
            starts_at,
            booking_opens_days: i64::from(row.booking_opens_days),
            is_scheduled: row.status == "scheduled",
            booked_online: row.access == "online" && row.is_active,
        },
    })
}

fn audience(code: &str) -> Result<Audience, AppError> {
    Audience::parse(code).ok_or_else(|| {
        tracing::error!(code, "unknown audience code");
        AppError::Internal
    })
}

/// Moves `delta` persons in or out of the seats taken.
async fn add_seats(conn: &mut PgConnection, target: Target, delta: i32) -> Result<(), AppError> {
    match target {
        Target::Meeting(id) => {
            sqlx::query!(
            "update group_session set seats_taken = seats_taken + $2 where group_session_id = $1",
            id,
            delta
        )
            .execute(conn)
            .await?
        }
        Target::Cycle(id) => {
            sqlx::query!(
                "update cycle set seats_taken = seats_taken + $2 where cycle_id = $1",
                id,
                delta
            )
            .execute(conn)
            .await?
        }
    };
    Ok(())
}

/// A booking's place on the waiting list (1 = next in line).
async fn waiting_position(
    conn: &mut PgConnection,
    target: Target,
    queue_number: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from booking
           where status = 'waitlisted' and queue_number <= $3
             and (group_session_id = $1 or cycle_id = $2)"#,
        target.meeting_id(),
        target.cycle_id(),
        queue_number
    )
    .fetch_one(conn)
    .await?)
}

/// Books `member_ids` of the user's household for `target`. Confirmed when the persons fit in
/// the seats left, otherwise put on the waiting list; the family is told either way.
/// `db` is a pool, or a connection already in a transaction (the demo data loader).
pub async fn book<'c>(
    db: impl sqlx::Acquire<'c, Database = sqlx::Postgres>,
    user: &CurrentUser,
    target: Target,
    member_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<BookingOutcome, AppError> {
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    if member_ids.is_empty() {
        return Err(AppError::validation("members", "errors.choose_members"));
    }
    if member_ids.len() > super::domain::MAX_PERSONS {
        return Err(AppError::validation("members", "errors.too_many_persons"));
    }
    let mut tx = db.begin().await?;
    let locked = lock(&mut tx, target).await?;
    if locked.part_of_cycle {
        return Err(AppError::conflict("errors.book_whole_cycle"));
    }
    let persons: Vec<Person> = sqlx::query!(
        "select member_id, first_name, birth_date from household_member
         where household_id = $1 and member_id = any($2)",
        household_id,
        member_ids
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|row| Person {
        member_id: row.member_id,
        first_name: row.first_name,
        birth_date: row.birth_date,
    })
    .collect();
    if persons.len() != member_ids.len() {
        // Someone else's member, or one that does not exist: the same answer for both.
        return Err(AppError::validation("members", "errors.member_unknown"));
    }
    check_eligibility(&locked.offer, &persons, now)?;
    let already = sqlx::query_scalar!(
        r#"select exists(select 1 from booking_participant
             where is_active and member_id = any($1)
               and (group_session_id = $2 or cycle_id = $3)) as "already!""#,
        member_ids,
        target.meeting_id(),
        target.cycle_id()
    )
    .fetch_one(&mut *tx)
    .await?;
    if already {
        return Err(AppError::validation("members", "errors.already_booked"));
    }
    let count = persons.len() as i32;
    let confirm = locked.seats_taken + count <= locked.capacity;
    let booking = sqlx::query!(
        "insert into booking (household_id, group_session_id, cycle_id, status, persons, booked_by,
                              confirmed_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning booking_id, queue_number",
        household_id,
        target.meeting_id(),
        target.cycle_id(),
        if confirm { "confirmed" } else { "waitlisted" },
        count,
        user.user_id,
        confirm.then_some(now)
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into booking_participant (booking_id, member_id, group_session_id, cycle_id)
         select $1, unnest($2::uuid[]), $3, $4",
        booking.booking_id,
        member_ids,
        target.meeting_id(),
        target.cycle_id()
    )
    .execute(&mut *tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            AppError::validation("members", "errors.already_booked")
        }
        _ => AppError::from(error),
    })?;
    let status = if confirm {
        add_seats(&mut tx, target, count).await?;
        BookingStatus::Confirmed
    } else {
        BookingStatus::Waitlisted {
            position: waiting_position(&mut tx, target, booking.queue_number).await?,
        }
    };
    let names: Vec<&str> = persons.iter().map(|p| p.first_name.as_str()).collect();
    let mail = match status {
        BookingStatus::Confirmed => texts::booking_confirmed(&user.locale, &locked.info(), &names),
        BookingStatus::Waitlisted { position } => {
            texts::booking_waitlisted(&user.locale, &locked.info(), &names, position)
        }
        BookingStatus::Cancelled { .. } => unreachable!("a new booking is never cancelled"),
    };
    enqueue(
        &mut tx,
        &NewMessage {
            kind: if confirm {
                "booking_confirmed"
            } else {
                "booking_waitlisted"
            },
            dedupe_key: Some(format!("booked:{}", booking.booking_id)),
            recipient: user.email.clone(),
            locale: user.locale.clone(),
            subject: mail.subject,
            body_text: mail.body,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(BookingOutcome {
        booking_id: booking.booking_id,
        status,
    })
}

/// Cancels a booking of the user's household. Allowed until the meeting starts; inside the
/// service's cut-off it is recorded as late. Seats freed go to the waiting list, in order.
pub async fn cancel(
    pool: &PgPool,
    user: &CurrentUser,
    booking_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, AppError> {
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    let reason = check_reason(reason)?;
    let mut tx = pool.begin().await?;
    let row = sqlx::query!(
        "select group_session_id, cycle_id from booking where booking_id = $1 and household_id = $2",
        booking_id,
        household_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let target = match (row.group_session_id, row.cycle_id) {
        (Some(id), _) => Target::Meeting(id),
        (None, Some(id)) => Target::Cycle(id),
        (None, None) => return Err(AppError::Internal),
    };
    let locked = lock(&mut tx, target).await?;
    let booking = sqlx::query!(
        "select status, persons from booking where booking_id = $1 for update",
        booking_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if booking.status == "cancelled" {
        return Err(AppError::conflict("errors.already_cancelled"));
    }
    if locked.offer.starts_at <= now {
        return Err(AppError::conflict("errors.cancel_after_start"));
    }
    let late = booking.status == "confirmed"
        && is_late_cancellation(locked.offer.starts_at, locked.cancel_cutoff_hours, now);
    sqlx::query!(
        "update booking set status = 'cancelled', cancelled_at = $2, cancel_reason = $3,
                            cancelled_late = $4
         where booking_id = $1",
        booking_id,
        now,
        reason,
        late
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update booking_participant set is_active = false where booking_id = $1",
        booking_id
    )
    .execute(&mut *tx)
    .await?;
    let mut seats_taken = locked.seats_taken;
    if booking.status == "confirmed" {
        add_seats(&mut tx, target, -booking.persons).await?;
        seats_taken -= booking.persons;
    }
    let promoted = promote_waiting(&mut tx, &locked, seats_taken, now).await?;
    let mail = texts::booking_cancelled(&user.locale, &locked.info(), late);
    enqueue(
        &mut tx,
        &NewMessage {
            kind: "booking_cancelled",
            dedupe_key: Some(format!("cancelled:{booking_id}")),
            recipient: user.email.clone(),
            locale: user.locale.clone(),
            subject: mail.subject,
            body_text: mail.body,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CancelOutcome { late, promoted })
}

/// Staff change the capacity of a meeting or cycle; a larger one promotes from the waiting list.
/// A capacity below the persons already confirmed is refused.
pub async fn set_capacity(
    pool: &PgPool,
    target: Target,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let promoted = set_capacity_in(&mut tx, target, capacity, now).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// [`set_capacity`] inside the caller's transaction (planning writes its audit row with it).
pub async fn set_capacity_in(
    tx: &mut PgConnection,
    target: Target,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    if !(1..=1000).contains(&capacity) {
        return Err(AppError::validation("capacity", "errors.capacity_range"));
    }
    let mut locked = lock(&mut *tx, target).await?;
    if locked.part_of_cycle {
        return Err(AppError::conflict("errors.book_whole_cycle"));
    }
    if capacity < locked.seats_taken {
        return Err(AppError::validation(
            "capacity",
            "errors.capacity_below_booked",
        ));
    }
    match target {
        Target::Meeting(id) => {
            sqlx::query!(
                "update group_session set capacity = $2 where group_session_id = $1",
                id,
                capacity
            )
            .execute(&mut *tx)
            .await?
        }
        Target::Cycle(id) => {
            sqlx::query!(
                "update cycle set capacity = $2 where cycle_id = $1",
                id,
                capacity
            )
            .execute(&mut *tx)
            .await?
        }
    };
    locked.capacity = capacity;
    let seats_taken = locked.seats_taken;
    promote_waiting(tx, &locked, seats_taken, now).await
}

/// Confirms waiting bookings, first in line first, while they fit in the free seats; a booking
/// too large for what is free is skipped for the next that fits. Each promotion is written once
/// (the status changes from `waitlisted` under the lock) and its family told.
async fn promote_waiting(
    conn: &mut PgConnection,
    locked: &Locked,
    seats_taken: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut free = locked.capacity - seats_taken;
    if free <= 0 {
        return Ok(0);
    }
    let waiting = sqlx::query!(
        r#"select b.booking_id, b.persons, u.email as "email?", u.locale as "locale?"
           from booking b left join app_user u on u.user_id = b.booked_by
           where b.status = 'waitlisted' and (b.group_session_id = $1 or b.cycle_id = $2)
           order by b.queue_number
           for update of b"#,
        locked.target.meeting_id(),
        locked.target.cycle_id()
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut promoted = 0;
    let mut seats = 0;
    for booking in waiting {
        if free == 0 {
            break;
        }
        if booking.persons > free {
            continue;
        }
        sqlx::query!(
            "update booking set status = 'confirmed', confirmed_at = $2, promoted_at = $2
             where booking_id = $1 and status = 'waitlisted'",
            booking.booking_id,
            now
        )
        .execute(&mut *conn)
        .await?;
        free -= booking.persons;
        seats += booking.persons;
        promoted += 1;
        if let Some(email) = booking.email {
            let locale = booking.locale.unwrap_or_else(|| "it".into());
            let mail = texts::booking_promoted(&locale, &locked.info());
            enqueue(
                &mut *conn,
                &NewMessage {
                    kind: "booking_promoted",
                    dedupe_key: Some(format!("promoted:{}", booking.booking_id)),
                    recipient: email,
                    locale,
                    subject: mail.subject,
                    body_text: mail.body,
                },
            )
            .await?;
        }
    }
    if seats > 0 {
        add_seats(conn, locked.target, seats).await?;
    }
    Ok(promoted)
}

/// The booking page: the meeting or cycle, and which of the household's members may come.
pub async fn booking_form(
    pool: &PgPool,
    household_id: Uuid,
    target: Target,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<super::model::BookingForm, AppError> {
    use crate::shared::lang::content_locale;
    use crate::shared::time::{age_on, day_label, time_range_label, ROME};
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    // The same rules a booking applies, read without a lock: a page view never waits for, nor
    // holds up, a booking.
    let locked = read(&mut conn, target).await?;
    if locked.part_of_cycle {
        return Err(AppError::NotFound);
    }
    let about = sqlx::query!(
        r#"select coalesce(st.name, s.name) as "service_name!", s.slug, ce.slug as centre_slug,
                  r.name as "room?",
                  (select count(*) from group_session x
                    where x.cycle_id = $2 and x.status = 'scheduled') as "meetings!"
           from service s
           join centre ce on ce.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           left join group_session g on g.group_session_id = coalesce($1,
               (select x.group_session_id from group_session x where x.cycle_id = $2
                 and x.status = 'scheduled' order by x.starts_at limit 1))
           left join room r on r.room_id = g.room_id
           where s.service_id = coalesce(
               (select service_id from group_session where group_session_id = $1),
               (select service_id from cycle where cycle_id = $2))"#,
        target.meeting_id(),
        target.cycle_id(),
        locale
    )
    .fetch_one(&mut *conn)
    .await?;
    let members = sqlx::query!(
        r#"select m.member_id, m.first_name, m.last_name, m.birth_date,
                  exists(select 1 from booking_participant bp
                          where bp.member_id = m.member_id and bp.is_active
                            and (bp.group_session_id = $2 or bp.cycle_id = $3)) as "booked!"
           from household_member m where m.household_id = $1
           order by m.birth_date, m.first_name"#,
        household_id,
        target.meeting_id(),
        target.cycle_id()
    )
    .fetch_all(&mut *conn)
    .await?;
    let day = locked.offer.starts_at.with_timezone(&ROME).date_naive();
    let members = members
        .into_iter()
        .map(|row| {
            let person = Person {
                member_id: row.member_id,
                first_name: row.first_name.clone(),
                birth_date: row.birth_date,
            };
            super::model::MemberChoice {
                member_id: row.member_id,
                name: format!("{} {}", row.first_name, row.last_name),
                age: age_on(row.birth_date, day),
                eligible: check_person(&locked.offer, &person).is_ok(),
                already_booked: row.booked,
            }
        })
        .collect();
    let closed_reason = match check_open(&locked.offer, now) {
        Err(AppError::Conflict { message_key }) => Some(message_key),
        _ => None,
    };
    Ok(super::model::BookingForm {
        kind: target.kind().to_string(),
        id: target.id(),
        title: locked.title.clone(),
        service_name: about.service_name,
        service_path: format!("/poli/{}/servizi/{}", about.centre_slug, about.slug),
        audience: locked.offer.audience,
        age_band: locked.offer.age_band,
        day_label: day_label(locked.offer.starts_at, locale),
        time_label: time_range_label(locked.offer.starts_at, locked.ends_at),
        meetings: target.cycle_id().map(|_| about.meetings),
        room: about.room,
        seats: crate::calendar::domain::Seats {
            capacity: locked.capacity,
            taken: locked.seats_taken,
        },
        closed_reason,
        members,
    })
}

/// A household's bookings: upcoming (soonest first) and past or cancelled (latest first).
pub async fn my_bookings(
    pool: &PgPool,
    household_id: Uuid,
    lang: &str,
    feed: super::model::FeedState,
    now: DateTime<Utc>,
) -> Result<super::model::MyBookings, AppError> {
    use crate::shared::lang::content_locale;
    use crate::shared::time::{day_label, time_range_label};
    let locale = content_locale(lang);
    let rows = sqlx::query!(
        r#"select b.booking_id, b.status, b.persons, b.cancelled_late, b.cancelled_by_centre,
                  b.cycle_id,
                  coalesce(gs.title, c.title) as "title!",
                  coalesce(st.name, s.name) as "service_name!",
                  coalesce(gs.starts_at, cm.starts_at) as "starts_at!",
                  coalesce(gs.ends_at, cm.ends_at) as "ends_at!",
                  coalesce(gs.ends_at, cm.last_end) as "last_end!",
                  cm.meetings as "meetings?", r.name as "room?",
                  coalesce(gs.cancel_cutoff_hours, s.cancel_cutoff_hours) as "cancel_cutoff_hours!",
                  (case when b.status = 'waitlisted' then
                     (select count(*) from booking w where w.status = 'waitlisted'
                        and (w.group_session_id = b.group_session_id or w.cycle_id = b.cycle_id)
                        and w.queue_number <= b.queue_number) end) as "position?",
                  (select string_agg(m.first_name, ', ' order by m.birth_date)
                     from booking_participant bp join household_member m on m.member_id = bp.member_id
                    where bp.booking_id = b.booking_id) as "names?"
           from booking b
           left join group_session gs on gs.group_session_id = b.group_session_id
           left join cycle c on c.cycle_id = b.cycle_id
           left join lateral (
               -- the first scheduled meeting; the first meeting when all were cancelled
               select x.starts_at, x.ends_at, x.room_id,
                      count(*) filter (where x.status = 'scheduled') over () as meetings,
                      max(x.ends_at) over () as last_end
               from group_session x where x.cycle_id = b.cycle_id
               order by x.status <> 'scheduled', x.starts_at limit 1) cm on true
           join service s on s.service_id = coalesce(gs.service_id, c.service_id)
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join room r on r.room_id = coalesce(gs.room_id, cm.room_id)
           where b.household_id = $1
           order by coalesce(gs.starts_at, cm.starts_at)"#,
        household_id,
        locale
    )
    .fetch_all(pool)
    .await?;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for row in rows {
        let status = match row.status.as_str() {
            "confirmed" => BookingStatus::Confirmed,
            "waitlisted" => BookingStatus::Waitlisted {
                position: row.position.unwrap_or(1),
            },
            _ => BookingStatus::Cancelled {
                late: row.cancelled_late,
                by_centre: row.cancelled_by_centre,
            },
        };
        let started = row.starts_at <= now;
        let cancelled = matches!(status, BookingStatus::Cancelled { .. });
        let card = super::model::BookingCard {
            booking_id: row.booking_id,
            title: row.title,
            service_name: row.service_name,
            day_label: day_label(row.starts_at, locale),
            time_label: time_range_label(row.starts_at, row.ends_at),
            starts_at: row.starts_at,
            meetings: row.cycle_id.and(row.meetings),
            room: row.room,
            names: row.names.unwrap_or_default(),
            persons: row.persons,
            cancellable: !started && !cancelled,
            cancel_is_late: matches!(status, BookingStatus::Confirmed)
                && is_late_cancellation(row.starts_at, i64::from(row.cancel_cutoff_hours), now),
            cancel_cutoff_hours: i32::from(row.cancel_cutoff_hours),
            status,
        };
        // A cancelled booking is no longer something to come: it joins the past ones.
        if row.last_end > now && !cancelled {
            upcoming.push(card);
        } else {
            past.push(card);
        }
    }
    past.reverse();
    Ok(super::model::MyBookings {
        upcoming,
        past,
        feed,
    })
}

/// The late cancellations of the viewer's centres (every centre for an administrator), the
/// latest 200 first. Coordinators and administrators only.
pub async fn late_cancellations(
    pool: &PgPool,
    viewer: &CurrentUser,
    lang: &str,
) -> Result<Vec<super::model::LateCancellation>, AppError> {
    use crate::accounts::domain::Role;
    use crate::accounts::scope::{coordinator_scope, CentreScope};
    use crate::shared::audit::{self, Action, AuditEntry};
    use crate::shared::time::{day_label, time_range_label, ROME};
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let locale = crate::shared::lang::content_locale(lang);
    let rows = sqlx::query!(
        r#"select coalesce(gs.title, c.title) as "title!",
                  coalesce(gs.starts_at, cm.starts_at) as "starts_at!",
                  coalesce(gs.ends_at, cm.ends_at) as "ends_at!",
                  b.cancelled_at as "cancelled_at!", b.cancel_reason, b.persons,
                  coalesce(u.display_name, '') as "family!", s.centre_id
           from booking b
           left join group_session gs on gs.group_session_id = b.group_session_id
           left join cycle c on c.cycle_id = b.cycle_id
           left join lateral (select x.starts_at, x.ends_at from group_session x
                              where x.cycle_id = b.cycle_id order by x.starts_at limit 1) cm on true
           join service s on s.service_id = coalesce(gs.service_id, c.service_id)
           left join app_user u on u.user_id = b.booked_by
           where b.cancelled_late
             and ($2 or s.centre_id in (select centre_id from staff_centre where user_id = $1))
           order by b.cancelled_at desc
           limit 200"#,
        viewer.user_id,
        viewer.role == Role::Admin
    )
    .fetch_all(&mut *conn)
    .await?;
    // The families' names were read: in the log of the viewer's centres (a coordinator), or of
    // each centre shown (an administrator).
    let centres: Vec<uuid::Uuid> = match scope {
        CentreScope::Only(ids) => ids,
        CentreScope::Every => {
            let mut ids: Vec<uuid::Uuid> = rows.iter().map(|row| row.centre_id).collect();
            ids.sort();
            ids.dedup();
            ids
        }
    };
    audit::record_in_centres(
        &mut conn,
        AuditEntry::new(Some(viewer.user_id), Action::LateCancellationsRead)
            .detail(serde_json::json!({"rows": rows.len()})),
        &centres,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| super::model::LateCancellation {
            day_label: day_label(row.starts_at, locale),
            time_label: time_range_label(row.starts_at, row.ends_at),
            cancelled_label: row
                .cancelled_at
                .with_timezone(&ROME)
                .format("%d/%m %H:%M")
                .to_string(),
            title: row.title,
            family: row.family,
            persons: row.persons,
            reason: row.cancel_reason,
        })
        .collect())
}
