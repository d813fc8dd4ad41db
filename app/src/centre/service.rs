//! A polo's set-up: its rooms and the days it is closed.
//!
//! Two layers. The functions on a connection (`rooms_of`, `room`, `closed_days_between`,
//! `add_closed_days`, `create_room`...) do the work and write the audit log, without asking who
//! is calling: other slices and the demo loader use them inside their own transactions. The
//! functions on a pool take the caller (`add_room`, `add_closure`...) and authorize first:
//! coordinators of the centre and administrators change it, its operators read it, staff of
//! another centre do not find it, families are forbidden.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    capacity_below_meetings_key, ClosedDaysAdded, ClosedRange, MeetingOnClosedDay, Room,
    RoomDetails,
};
use super::model::{CentrePlace, CentreRef, ClosedDayEntry, ClosedDaysView, RoomsView};
use super::repo;
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{centre_scope, coordinator_scope};
use crate::shared::audit::{record, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;
use crate::shared::time::time_range_label;

/// How far back the closed-days page goes when asked for past days.
pub const PAST_DAYS_SHOWN: u64 = 366;

// ---- For other slices and the demo loader: no authorization, the caller's transaction. ----

/// The closed days of a centre from `from` to `to` included, sorted.
pub async fn closed_days_between(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>, AppError> {
    repo::closed_days_between(conn, centre_id, from, to).await
}

/// One room, in whatever centre; `None` when there is no such room.
pub async fn room(conn: &mut PgConnection, room_id: Uuid) -> Result<Option<Room>, AppError> {
    repo::room(conn, room_id).await
}

/// The rooms of a centre, active and inactive, by name.
pub async fn rooms_of(conn: &mut PgConnection, centre_id: Uuid) -> Result<Vec<Room>, AppError> {
    repo::rooms_of(conn, centre_id).await
}

/// Records the days from `from` to `to` (included, at most 60) as closed with `reason`, by
/// `actor` (`None`: the system). Days closed already keep their reason. Meetings scheduled on
/// those days are not changed: the answer says which days have some, and how many.
pub async fn add_closed_days(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
    actor: Option<Uuid>,
) -> Result<ClosedDaysAdded, AppError> {
    let range = ClosedRange::new(from, to, reason)?;
    let added = repo::insert_closed_days(
        conn,
        centre_id,
        range.from(),
        range.to(),
        range.reason(),
        actor,
    )
    .await?;
    let already_closed = range.days().filter(|day| !added.contains(day)).collect();
    let meetings = repo::meetings_between(conn, centre_id, range.from(), range.to()).await?;
    let mut days_with_meetings: Vec<(NaiveDate, i64)> = Vec::new();
    for meeting in &meetings {
        match days_with_meetings.last_mut() {
            Some((day, count)) if *day == meeting.day => *count += 1,
            _ => days_with_meetings.push((meeting.day, 1)),
        }
    }
    if !added.is_empty() {
        let days: Vec<String> = added.iter().map(NaiveDate::to_string).collect();
        record(
            conn,
            AuditEntry::new(actor, Action::ClosedDayAdd)
                .centre(centre_id)
                .detail(json!({
                    "after": { "days": days, "reason": range.reason() },
                    "meetings_scheduled": meetings.len(),
                })),
        )
        .await?;
    }
    Ok(ClosedDaysAdded {
        added,
        already_closed,
        days_with_meetings,
    })
}

/// Opens a closed day again; `NotFound` when it was not closed.
pub async fn remove_closed_day(
    conn: &mut PgConnection,
    centre_id: Uuid,
    day: NaiveDate,
    actor: Option<Uuid>,
) -> Result<(), AppError> {
    let reason = repo::delete_closed_day(conn, centre_id, day)
        .await?
        .ok_or(AppError::NotFound)?;
    record(
        conn,
        AuditEntry::new(actor, Action::ClosedDayRemove)
            .centre(centre_id)
            .detail(json!({ "before": { "day": day.to_string(), "reason": reason } })),
    )
    .await
}

fn room_json(room: &Room) -> serde_json::Value {
    json!({
        "name": room.name,
        "capacity": room.capacity,
        "is_accessible": room.is_accessible,
        "is_active": room.is_active,
    })
}

/// Adds a room to a centre; `errors.room_name_taken` when the centre has one of that name (in
/// any case).
pub async fn create_room(
    conn: &mut PgConnection,
    centre_id: Uuid,
    details: &RoomDetails,
    actor: Option<Uuid>,
) -> Result<Uuid, AppError> {
    repo::lock_centre(conn, centre_id).await?;
    if repo::name_taken(conn, centre_id, &details.name, None).await? {
        return Err(AppError::validation("name", "errors.room_name_taken"));
    }
    let room_id = repo::insert_room(conn, centre_id, details).await?;
    let after = Room {
        room_id,
        centre_id,
        name: details.name.clone(),
        capacity: details.capacity,
        is_accessible: details.is_accessible,
        is_active: true,
    };
    record(
        conn,
        AuditEntry::new(actor, Action::RoomCreate)
            .entity_id(room_id)
            .centre(centre_id)
            .detail(json!({ "after": room_json(&after) })),
    )
    .await?;
    Ok(room_id)
}

/// Renames a room of `centre_id` and changes its capacity and accessibility. A capacity below
/// that of upcoming scheduled meetings in the room is refused, naming how many
/// ([`capacity_below_meetings_key`]).
pub async fn update_room(
    conn: &mut PgConnection,
    centre_id: Uuid,
    room_id: Uuid,
    details: &RoomDetails,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    repo::lock_centre(conn, centre_id).await?;
    // The room's lock also holds back a meeting being put in it meanwhile (the planning slice
    // reads the room's capacity under a share lock).
    let before = repo::lock_room(conn, centre_id, room_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = Room {
        name: details.name.clone(),
        capacity: details.capacity,
        is_accessible: details.is_accessible,
        ..before.clone()
    };
    if after == before {
        return Ok(());
    }
    let mut errors = crate::shared::error::FieldErrors::new();
    if after.name != before.name
        && repo::name_taken(conn, centre_id, &after.name, Some(room_id)).await?
    {
        errors.add("name", "errors.room_name_taken");
    }
    if after.capacity < before.capacity {
        let over = repo::meetings_over_capacity(conn, room_id, after.capacity, now).await?;
        if over > 0 {
            errors.add("capacity", &capacity_below_meetings_key(over));
        }
    }
    errors.finish()?;
    repo::update_room(conn, room_id, details).await?;
    record(
        conn,
        AuditEntry::new(actor, Action::RoomUpdate)
            .entity_id(room_id)
            .centre(centre_id)
            .detail(json!({ "before": room_json(&before), "after": room_json(&after) })),
    )
    .await
}

/// Deactivates (`active` false) or reactivates a room of `centre_id`. Its meetings stay as they
/// are; nothing happens when it is in that state already.
pub async fn set_room_active(
    conn: &mut PgConnection,
    centre_id: Uuid,
    room_id: Uuid,
    active: bool,
    actor: Option<Uuid>,
) -> Result<(), AppError> {
    let before = repo::lock_room(conn, centre_id, room_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.is_active == active {
        return Ok(());
    }
    repo::set_room_active(conn, room_id, active).await?;
    let action = if active {
        Action::RoomReactivate
    } else {
        Action::RoomDeactivate
    };
    record(
        conn,
        AuditEntry::new(actor, action)
            .entity_id(room_id)
            .centre(centre_id)
            .detail(json!({
                "before": { "is_active": before.is_active },
                "after": { "is_active": active },
            })),
    )
    .await
}

// ---- For the pages' server functions: the caller is authorized first. ----

/// The centre at `slug` if `user` may change its set-up: `Forbidden` for operators and
/// families, `NotFound` for a centre that does not exist or is not theirs.
async fn managed_centre(
    conn: &mut PgConnection,
    user: &CurrentUser,
    slug: &str,
) -> Result<Uuid, AppError> {
    let scope = coordinator_scope(conn, user).await?;
    match repo::centre_id(conn, slug.trim()).await? {
        Some(centre_id) if scope.includes(centre_id) => Ok(centre_id),
        _ => Err(AppError::NotFound),
    }
}

/// The centres `user` may see, the one a page shows (`polo`, or the only one) and whether they
/// may change it. `Forbidden` for a family; `NotFound` for a `polo` that is not theirs.
async fn centre_place(
    conn: &mut PgConnection,
    user: &CurrentUser,
    polo: &str,
    lang: &str,
) -> Result<(CentrePlace, Option<Uuid>), AppError> {
    let scope = centre_scope(conn, user).await?;
    let manages = match coordinator_scope(conn, user).await {
        Ok(_) => true,
        Err(AppError::Forbidden) => false,
        Err(other) => return Err(other),
    };
    let rows = repo::centres(conn, scope.ids(), content_locale(lang)).await?;
    let polo = polo.trim();
    let current = if polo.is_empty() {
        match rows.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    } else {
        Some(
            rows.iter()
                .find(|row| row.slug == polo)
                .cloned()
                .ok_or(AppError::NotFound)?,
        )
    };
    let to_ref = |row: &repo::CentreRow| CentreRef {
        slug: row.slug.clone(),
        name: row.name.clone(),
    };
    let place = CentrePlace {
        centres: rows.iter().map(to_ref).collect(),
        current: current.as_ref().map(to_ref),
        can_manage: manages && current.is_some(),
    };
    Ok((place, current.map(|row| row.centre_id)))
}

/// The rooms page of `polo` (empty: the viewer's only centre, or none chosen yet).
pub async fn rooms_page(
    pool: &PgPool,
    user: &CurrentUser,
    polo: &str,
    lang: &str,
) -> Result<RoomsView, AppError> {
    let mut conn = pool.acquire().await?;
    let (place, centre_id) = centre_place(&mut conn, user, polo, lang).await?;
    let rooms = match centre_id {
        Some(centre_id) => repo::rooms_of(&mut conn, centre_id).await?,
        None => Vec::new(),
    };
    Ok(RoomsView { place, rooms })
}

/// Adds a room to the centre at `centre` (its slug).
pub async fn add_room(
    pool: &PgPool,
    user: &CurrentUser,
    centre: &str,
    details: &RoomDetails,
) -> Result<Uuid, AppError> {
    let mut tx = pool.begin().await?;
    let centre_id = managed_centre(&mut tx, user, centre).await?;
    let room_id = create_room(&mut tx, centre_id, details, Some(user.user_id)).await?;
    tx.commit().await?;
    Ok(room_id)
}

/// Changes a room of the centre at `centre`.
pub async fn change_room(
    pool: &PgPool,
    user: &CurrentUser,
    centre: &str,
    room_id: Uuid,
    details: &RoomDetails,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let centre_id = managed_centre(&mut tx, user, centre).await?;
    update_room(
        &mut tx,
        centre_id,
        room_id,
        details,
        Some(user.user_id),
        crate::shared::clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates or reactivates a room of the centre at `centre`.
pub async fn change_room_active(
    pool: &PgPool,
    user: &CurrentUser,
    centre: &str,
    room_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let centre_id = managed_centre(&mut tx, user, centre).await?;
    set_room_active(&mut tx, centre_id, room_id, active, Some(user.user_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The closed-days page of `polo`: from `today` on, or from a year ago with `include_past`.
pub async fn closed_days_page(
    pool: &PgPool,
    user: &CurrentUser,
    polo: &str,
    lang: &str,
    include_past: bool,
    today: NaiveDate,
) -> Result<ClosedDaysView, AppError> {
    let mut conn = pool.acquire().await?;
    let (place, centre_id) = centre_place(&mut conn, user, polo, lang).await?;
    let days = match centre_id {
        Some(centre_id) => {
            let from = if include_past {
                today
                    .checked_sub_days(Days::new(PAST_DAYS_SHOWN))
                    .unwrap_or(today)
            } else {
                today
            };
            closed_day_entries(&mut conn, centre_id, from, today, lang).await?
        }
        None => Vec::new(),
    };
    Ok(ClosedDaysView {
        place,
        days,
        include_past,
    })
}

/// The closed days from `from` on, each with the meetings still scheduled on it.
async fn closed_day_entries(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: NaiveDate,
    today: NaiveDate,
    lang: &str,
) -> Result<Vec<ClosedDayEntry>, AppError> {
    let rows = repo::closed_days_from(conn, centre_id, from).await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let meetings = repo::meetings_between(conn, centre_id, first.day, last.day).await?;
    Ok(rows
        .into_iter()
        .map(|row| ClosedDayEntry {
            day: row.day,
            label: date_label(row.day, lang, "%A %-d %B %Y"),
            short_label: capitalized(&date_label(row.day, lang, "%A %-d %B")),
            reason: row.reason,
            is_past: row.day < today,
            meetings: meetings
                .iter()
                .filter(|meeting| meeting.day == row.day)
                .map(|meeting| MeetingOnClosedDay {
                    meeting_id: meeting.group_session_id,
                    title: meeting.title.clone(),
                    time_label: time_range_label(meeting.starts_at, meeting.ends_at),
                })
                .collect(),
        })
        .collect())
}

/// A day in words in `lang` ("giovedì 24 dicembre 2026").
fn date_label(day: NaiveDate, lang: &str, format: &str) -> String {
    crate::shared::time::date_in_words(day, format, content_locale(lang))
}

/// `text` with its first letter in upper case, to begin a sentence ("Giovedì 24 dicembre").
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Closes the days of `range` at the centre at `centre` (its slug).
pub async fn add_closure(
    pool: &PgPool,
    user: &CurrentUser,
    centre: &str,
    range: &ClosedRange,
) -> Result<ClosedDaysAdded, AppError> {
    let mut tx = pool.begin().await?;
    let centre_id = managed_centre(&mut tx, user, centre).await?;
    let added = add_closed_days(
        &mut tx,
        centre_id,
        range.from(),
        range.to(),
        range.reason(),
        Some(user.user_id),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

/// Opens `day` again at the centre at `centre` (its slug).
pub async fn reopen_day(
    pool: &PgPool,
    user: &CurrentUser,
    centre: &str,
    day: NaiveDate,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let centre_id = managed_centre(&mut tx, user, centre).await?;
    remove_closed_day(&mut tx, centre_id, day, Some(user.user_id)).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_in_words_in_the_page_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        assert_eq!(
            date_label(day, "it", "%A %-d %B %Y"),
            "giovedì 24 dicembre 2026"
        );
        assert_eq!(
            date_label(day, "en", "%A %-d %B %Y"),
            "Thursday 24 December 2026"
        );
        assert_eq!(
            capitalized(&date_label(day, "it", "%A %-d %B")),
            "Giovedì 24 dicembre"
        );
    }
}
