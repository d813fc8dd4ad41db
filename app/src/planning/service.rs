//! Planning use cases, each one transaction: authorization (the centre must be in the staff
//! member's scope), the change, the messages to the families it touches, the audit row.
//!
//! Clashes are refused twice: a query first, to name the meeting already there, and PostgreSQL's
//! exclusion constraints (`group_session_room_clash`, `group_session_staff_clash`), which hold
//! even when two staff members save at the same moment.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::clashes::{check_clashes, clash_error};
use super::domain::{Details, EditScope, FamiliesToTell, Move, NewMeeting, SeriesKind};
use super::repo::{self, NewCycle, NewMeetingRow, NewSeries, PlannedMeeting};
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{centre_scope, CentreScope};
use crate::messages::outbox::{enqueue, NewMessage};
use crate::messages::texts::{self, MeetingInfo};
use crate::shared::audit::{self, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::{day_label, rome_instant, time_range_label, ROME};

/// The meetings a "Nuovo incontro" form made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub meeting_ids: Vec<Uuid>,
    /// The centre's closed days the series skipped.
    pub skipped: Vec<NaiveDate>,
    pub cycle_id: Option<Uuid>,
}

/// What a change did: the meetings it reached and the families told, and the (new) day of
/// the meeting edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeOutcome {
    pub meetings: usize,
    pub families_told: usize,
    pub day: NaiveDate,
}

/// Staff create a meeting or a series.
pub async fn create_meetings(
    pool: &PgPool,
    user: &CurrentUser,
    meeting: NewMeeting,
) -> Result<Created, AppError> {
    let mut tx = pool.begin().await?;
    let scope = centre_scope(&mut tx, user).await?;
    let created = create_meetings_in(&mut tx, Some(user.user_id), &scope, meeting).await?;
    // The deferred clash checks run here.
    tx.commit().await.map_err(clash_error)?;
    Ok(created)
}

/// The "Nuovo incontro" form: every bad field at once, then [`create_meetings`].
pub async fn create_from_form(
    pool: &PgPool,
    user: &CurrentUser,
    form: &super::domain::NewMeetingForm,
) -> Result<Created, AppError> {
    if !user.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    create_meetings(pool, user, form.parse()?).await
}

/// The services, rooms and staff of the user's centres, for the planning forms.
pub async fn planning_options(
    pool: &PgPool,
    user: &CurrentUser,
    lang: &str,
) -> Result<super::domain::PlanningOptions, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let mut conn = pool.acquire().await?;
    let scope = centre_scope(&mut conn, user).await?;
    let centres = repo::centre_choices(&mut conn, scope.ids(), locale).await?;
    let mut choices = Vec::with_capacity(centres.len());
    for (centre_id, name) in centres {
        choices.push(super::domain::CentreChoices {
            centre_id,
            name,
            services: repo::service_choices(&mut conn, centre_id, locale).await?,
            rooms: repo::room_choices(&mut conn, centre_id).await?,
            leaders: repo::leader_choices(&mut conn, centre_id).await?,
        });
    }
    Ok(super::domain::PlanningOptions { centres: choices })
}

/// A meeting as the "Sposta…" and "Annulla" pages show it: `None` outside the user's scope.
pub async fn meeting_to_edit(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Option<super::domain::MeetingToEdit>, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let mut conn = pool.acquire().await?;
    let meeting = match meeting_in_scope(&mut conn, user, meeting_id).await {
        Ok(meeting) => meeting,
        Err(AppError::NotFound) => return Ok(None),
        Err(other) => return Err(other),
    };
    let seats = repo::seats(&mut conn, meeting_id).await?;
    let families = families_to_tell(&mut conn, &meeting, now).await?;
    let local_start = meeting.starts_at.with_timezone(&ROME);
    let local_end = meeting.ends_at.with_timezone(&ROME);
    Ok(Some(super::domain::MeetingToEdit {
        meeting_id,
        title: meeting.title.clone(),
        service_name: seats.service_name,
        day_label: day_label(meeting.starts_at, locale),
        time_label: time_range_label(meeting.starts_at, meeting.ends_at),
        date: local_start.format("%Y-%m-%d").to_string(),
        start: local_start.format("%H:%M").to_string(),
        end: local_end.format("%H:%M").to_string(),
        room_id: meeting.room_id,
        rooms: repo::room_choices(&mut conn, meeting.centre_id).await?,
        description: repo::description(&mut conn, meeting_id).await?,
        leaders: repo::leaders(&mut conn, meeting_id).await?,
        leader_choices: repo::leader_choices(&mut conn, meeting.centre_id).await?,
        capacity: seats.capacity,
        seats_taken: seats.seats_taken,
        in_series: meeting.series_id.is_some(),
        in_cycle: meeting.cycle_id.is_some(),
        cancelled: meeting.status != "scheduled",
        started: meeting.starts_at <= now,
        families,
    }))
}

/// The staff calendar: the week view by default, every service of the user's centres.
pub async fn staff_calendar(
    pool: &PgPool,
    user: &CurrentUser,
    lang: &str,
    params: &crate::calendar::domain::CalendarParams,
    now: DateTime<Utc>,
) -> Result<crate::calendar::domain::CalendarPeriodData, AppError> {
    use crate::calendar::domain::{CalendarQuery, CalendarView};
    let scope = {
        let mut conn = pool.acquire().await?;
        centre_scope(&mut conn, user).await?
    };
    let today = now.with_timezone(&ROME).date_naive();
    let mut query = CalendarQuery::parse(params, today);
    if query.view.is_none() {
        query.view = Some(CalendarView::Week);
    }
    let mut data = crate::calendar::service::calendar_period(
        pool,
        lang,
        &query,
        &crate::calendar::service::Visibility::Staff(scope.clone()),
        None,
        now,
    )
    .await?;
    // The case paths' appointments hold rooms and staff too; the filters are about the
    // services families book, so a filtered calendar leaves them out.
    let filters = &data.query.filters;
    if filters.area.is_none()
        && filters.service.is_none()
        && filters.audience.is_none()
        && !filters.seats_only
    {
        let (first, last) = data.query.period();
        let locale = crate::shared::lang::content_locale(lang);
        let mut conn = pool.acquire().await?;
        let appointments = crate::cases::service::calendar_entries(
            &mut conn,
            user,
            &scope,
            rome_instant(first, chrono::NaiveTime::MIN),
            rome_instant(last + Duration::days(1), chrono::NaiveTime::MIN),
            locale,
        )
        .await?;
        data.meetings
            .extend(appointments.into_iter().filter(|entry| {
                filters
                    .centre
                    .as_deref()
                    .is_none_or(|centre| centre == entry.centre_slug)
            }));
        data.meetings.sort_by_key(|meeting| meeting.starts_at);
    }
    Ok(data)
}

/// Creates a meeting or series on `conn` (the caller's transaction): the one code path of every
/// meeting, the demo calendar's included.
pub async fn create_meetings_in(
    conn: &mut PgConnection,
    actor: Option<Uuid>,
    scope: &CentreScope,
    meeting: NewMeeting,
) -> Result<Created, AppError> {
    let service = repo::service(conn, meeting.service_id)
        .await?
        .filter(|service| scope.includes(service.centre_id))
        .ok_or_else(|| AppError::validation("service", "errors.choose_one"))?;
    if !service.is_active || !matches!(service.format.as_str(), "session" | "cycle") {
        return Err(AppError::validation(
            "service",
            "errors.service_not_planned",
        ));
    }
    let capacity =
        check_room_and_capacity(conn, service.centre_id, meeting.room_id, meeting.capacity).await?;
    check_leaders(conn, service.centre_id, &meeting.leaders).await?;

    let recurrence = &meeting.recurrence;
    let last_day = recurrence.first_day + Duration::days(super::domain::MAX_SERIES_DAYS);
    let closed = crate::centre::service::closed_days_between(
        conn,
        service.centre_id,
        recurrence.first_day,
        last_day,
    )
    .await?;
    let days = recurrence.days(&closed)?;
    if days.held.is_empty() {
        return Err(AppError::validation("date", "errors.day_closed"));
    }
    let times: Vec<(DateTime<Utc>, DateTime<Utc>)> = days
        .held
        .iter()
        .map(|day| {
            (
                rome_instant(*day, meeting.start),
                rome_instant(*day, meeting.end),
            )
        })
        .collect();
    for (starts_at, ends_at) in &times {
        check_clashes(
            conn,
            meeting.room_id,
            &meeting.leaders,
            *starts_at,
            *ends_at,
            &[],
        )
        .await?;
    }

    let is_series = recurrence.repeat != super::domain::Repeat::Never;
    let rule = is_series.then(|| recurrence.rule_text(&days));
    let cycle_id = match (meeting.kind, &rule) {
        (SeriesKind::ClosedCycle, Some(rule)) => Some(
            repo::insert_cycle(
                conn,
                NewCycle {
                    service_id: service.service_id,
                    title: &meeting.title,
                    description: &meeting.description,
                    capacity,
                    age_min_years: meeting.age_min_years,
                    age_max_years: meeting.age_max_years,
                    rule,
                },
            )
            .await?,
        ),
        _ => None,
    };
    let series_id = match &rule {
        Some(rule) => Some(
            repo::insert_series(
                conn,
                NewSeries {
                    service_id: service.service_id,
                    cycle_id,
                    rule,
                    created_by: actor,
                },
            )
            .await?,
        ),
        None => None,
    };
    let mut meeting_ids = Vec::with_capacity(times.len());
    for (starts_at, ends_at) in times {
        let row = NewMeetingRow {
            service_id: service.service_id,
            cycle_id,
            series_id,
            room_id: meeting.room_id,
            title: &meeting.title,
            description: if cycle_id.is_some() {
                ""
            } else {
                &meeting.description
            },
            starts_at,
            ends_at,
            capacity: cycle_id.is_none().then_some(capacity),
            age_min_years: meeting.age_min_years,
            age_max_years: meeting.age_max_years,
            booking_opens_days: meeting.booking_opens_days,
            cancel_cutoff_hours: meeting.cancel_cutoff_hours,
            created_by: actor,
        };
        let id = repo::insert_meeting(conn, &row)
            .await
            .map_err(clash_error)?;
        repo::insert_leaders(conn, id, &meeting.leaders)
            .await
            .map_err(clash_error)?;
        meeting_ids.push(id);
    }
    audit::record(
        conn,
        AuditEntry::new(actor, Action::MeetingCreate)
            .entity_id(meeting_ids[0])
            .centre(service.centre_id)
            .detail(json!({
                "after": {
                    "meetings": meeting_ids,
                    "series_id": series_id,
                    "cycle_id": cycle_id,
                    "rule": rule,
                    "room_id": meeting.room_id,
                    "capacity": capacity,
                    "leaders": meeting.leaders,
                },
                "skipped_closed_days": days.skipped,
            })),
    )
    .await?;
    Ok(Created {
        meeting_ids,
        skipped: days.skipped,
        cycle_id,
    })
}

/// The capacity a meeting gets: the one asked for, at most the room's; the room's when none
/// is asked. The room must be an active room of the centre.
async fn check_room_and_capacity(
    conn: &mut PgConnection,
    centre_id: Uuid,
    room_id: Option<Uuid>,
    capacity: Option<i32>,
) -> Result<i32, AppError> {
    let room = match room_id {
        Some(room_id) => Some(
            crate::centre::service::room(conn, room_id)
                .await?
                .filter(|room| room.centre_id == centre_id && room.is_active)
                .ok_or_else(|| AppError::validation("room", "errors.choose_one"))?,
        ),
        None => None,
    };
    match (capacity, room) {
        (Some(capacity), Some(room)) if capacity > room.capacity => Err(AppError::validation_with(
            "capacity",
            "errors.capacity_above_room",
            format!("({}: {})", room.name, room.capacity),
        )),
        (Some(capacity), _) => Ok(capacity),
        (None, Some(room)) => Ok(room.capacity),
        (None, None) => Err(AppError::validation("capacity", "errors.required")),
    }
}

async fn check_leaders(
    conn: &mut PgConnection,
    centre_id: Uuid,
    leaders: &[Uuid],
) -> Result<(), AppError> {
    if leaders.is_empty() {
        return Err(AppError::validation("leaders", "errors.leader_required"));
    }
    let known = repo::leaders_of_centre(conn, centre_id, leaders).await?;
    if known.len() != leaders.len() {
        return Err(AppError::validation("leaders", "errors.choose_one"));
    }
    Ok(())
}

/// The meetings an edit of `meeting` in `scope` reaches, locked; only scheduled meetings that
/// have not begun move with a series.
async fn reach(
    conn: &mut PgConnection,
    meeting: &PlannedMeeting,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Result<Vec<PlannedMeeting>, AppError> {
    let mut meetings = repo::lock_reach(conn, meeting, series_from(meeting, scope, now)).await?;
    // The meeting itself comes first, whatever its place in the series.
    meetings.sort_by_key(|m| (m.meeting_id != meeting.meeting_id, m.starts_at));
    Ok(meetings)
}

/// Where in its series an edit in `scope` starts: `None` for the meeting alone.
fn series_from(
    meeting: &PlannedMeeting,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Option<(Uuid, DateTime<Utc>)> {
    let series_id = meeting.series_id?;
    match scope {
        EditScope::ThisOnly => None,
        EditScope::ThisAndFollowing => Some((series_id, meeting.starts_at)),
        EditScope::All => Some((series_id, now.min(meeting.starts_at))),
    }
}

/// A meeting in the staff member's scope that has not begun, and the meetings an edit in
/// `scope` reaches (locked, the meeting first); a conflict when it was cancelled or has begun.
async fn to_come(
    tx: &mut PgConnection,
    user: &CurrentUser,
    meeting_id: Uuid,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Result<(PlannedMeeting, Vec<PlannedMeeting>), AppError> {
    let meeting = meeting_in_scope(tx, user, meeting_id).await?;
    if meeting.status != "scheduled" {
        return Err(AppError::conflict("errors.meeting_cancelled"));
    }
    if meeting.starts_at <= now {
        return Err(AppError::conflict("errors.meeting_started"));
    }
    let meetings = reach(tx, &meeting, scope, now).await?;
    // Cancelled meanwhile (the lock waited for another change).
    if meetings
        .first()
        .is_none_or(|first| first.status != "scheduled")
    {
        return Err(AppError::conflict("errors.meeting_cancelled"));
    }
    Ok((meeting, meetings))
}

/// A meeting in the staff member's scope, or `NotFound` (staff of another centre learn nothing).
async fn meeting_in_scope(
    conn: &mut PgConnection,
    user: &CurrentUser,
    meeting_id: Uuid,
) -> Result<PlannedMeeting, AppError> {
    let scope = centre_scope(conn, user).await?;
    repo::meeting(conn, meeting_id)
        .await?
        .filter(|meeting| scope.includes(meeting.centre_id))
        .ok_or(AppError::NotFound)
}

/// How many families a change of `meeting` would tell, for each reach of the edit.
async fn families_to_tell(
    tx: &mut PgConnection,
    meeting: &PlannedMeeting,
    now: DateTime<Utc>,
) -> Result<FamiliesToTell, AppError> {
    let mut counts = [0i64; 3];
    for (index, scope) in [
        EditScope::ThisOnly,
        EditScope::ThisAndFollowing,
        EditScope::All,
    ]
    .into_iter()
    .enumerate()
    {
        let ids: Vec<Uuid> = repo::reach_ids(tx, meeting, series_from(meeting, scope, now)).await?;
        counts[index] = repo::recipients(tx, &ids).await?.len() as i64;
    }
    Ok(FamiliesToTell {
        this_only: counts[0],
        this_and_following: counts[1],
        all: counts[2],
    })
}

/// Staff move a meeting (and, as asked, the following ones or all of its series) to another
/// day, time or room. Families with bookings are told, once each.
pub async fn move_meeting(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    change: Move,
    now: DateTime<Utc>,
) -> Result<ChangeOutcome, AppError> {
    let mut tx = pool.begin().await?;
    let (meeting, meetings) = to_come(&mut tx, user, meeting_id, change.scope, now).await?;
    let ids: Vec<Uuid> = meetings.iter().map(|m| m.meeting_id).collect();
    let capacity = repo::seats(&mut tx, meeting_id).await?.capacity;
    if let Some(room_id) = change.room_id {
        check_room_and_capacity(&mut tx, meeting.centre_id, Some(room_id), Some(capacity)).await?;
    }
    let recipients = repo::recipients(&mut tx, &ids).await?;
    repo::defer_clash_checks(&mut tx).await?;
    let old_day = meeting.starts_at.with_timezone(&ROME).date_naive();
    let shift = change.day - old_day;
    let mut moves = Vec::with_capacity(meetings.len());
    for planned in &meetings {
        let day = planned.starts_at.with_timezone(&ROME).date_naive() + shift;
        let starts_at = rome_instant(day, change.start);
        let ends_at = rome_instant(day, change.end);
        if starts_at <= now {
            return Err(AppError::validation("date", "errors.date_in_past"));
        }
        let leaders = repo::leaders(&mut tx, planned.meeting_id).await?;
        check_clashes(&mut tx, change.room_id, &leaders, starts_at, ends_at, &ids).await?;
        repo::update_time_and_room(
            &mut tx,
            planned.meeting_id,
            starts_at,
            ends_at,
            change.room_id,
        )
        .await
        .map_err(clash_error)?;
        moves.push(json!({
            "meeting_id": planned.meeting_id,
            "before": {"starts_at": planned.starts_at, "ends_at": planned.ends_at, "room_id": planned.room_id},
            "after": {"starts_at": starts_at, "ends_at": ends_at, "room_id": change.room_id},
        }));
    }
    if change.scope == EditScope::ThisAndFollowing && meetings.len() > 1 {
        split_series(&mut tx, &meeting, &ids).await?;
    }
    let old = MeetingInfo {
        title: meeting.title.clone(),
        starts_at: meeting.starts_at,
        ends_at: meeting.ends_at,
        whole_cycle: false,
    };
    let new = MeetingInfo {
        starts_at: rome_instant(change.day, change.start),
        ends_at: rome_instant(change.day, change.end),
        ..old.clone()
    };
    for recipient in &recipients {
        let mail = texts::meeting_moved(&recipient.locale, &old, &new, meetings.len());
        tell(&mut tx, "meeting_moved", recipient, mail).await?;
    }
    audit::record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::MeetingMove)
            .entity_id(meeting_id)
            .centre(meeting.centre_id)
            .detail(json!({"scope": change.scope.code(), "meetings": moves, "families_told": recipients.len()})),
    )
    .await?;
    // The deferred clash checks run here.
    tx.commit().await.map_err(clash_error)?;
    Ok(ChangeOutcome {
        meetings: meetings.len(),
        families_told: recipients.len(),
        day: change.day,
    })
}

/// Staff change what families read about a meeting (title, description) and who leads it; as
/// asked, also the following meetings of its series or all of them. Families are not written
/// to (the day, time and place stay), but their calendar files show the new title.
pub async fn edit_details(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    details: Details,
    now: DateTime<Utc>,
) -> Result<ChangeOutcome, AppError> {
    let mut tx = pool.begin().await?;
    let (meeting, meetings) = to_come(&mut tx, user, meeting_id, details.scope, now).await?;
    check_leaders(&mut tx, meeting.centre_id, &details.leaders).await?;
    let ids: Vec<Uuid> = meetings.iter().map(|m| m.meeting_id).collect();
    let mut wanted = details.leaders.clone();
    wanted.sort();
    let mut changes = Vec::with_capacity(meetings.len());
    for planned in &meetings {
        let before = repo::leaders(&mut tx, planned.meeting_id).await?;
        if before != wanted {
            check_clashes(
                &mut tx,
                None,
                &details.leaders,
                planned.starts_at,
                planned.ends_at,
                &ids,
            )
            .await?;
            repo::replace_leaders(&mut tx, planned.meeting_id, &details.leaders)
                .await
                .map_err(clash_error)?;
        }
        changes.push(json!({
            "meeting_id": planned.meeting_id,
            "before": {"title": planned.title, "leaders": before},
        }));
    }
    repo::set_details(&mut tx, &ids, &details.title, &details.description).await?;
    // The cycle's own title is the one families book: it follows an edit of the whole cycle.
    if let (Some(cycle_id), EditScope::All) = (meeting.cycle_id, details.scope) {
        repo::set_cycle_details(&mut tx, cycle_id, &details.title, &details.description).await?;
    }
    if details.scope == EditScope::ThisAndFollowing && meetings.len() > 1 {
        split_series(&mut tx, &meeting, &ids).await?;
    }
    audit::record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::MeetingDetails)
            .entity_id(meeting_id)
            .centre(meeting.centre_id)
            .detail(json!({
                "scope": details.scope.code(),
                "meetings": changes,
                "after": {"title": details.title, "leaders": details.leaders},
            })),
    )
    .await?;
    tx.commit().await.map_err(clash_error)?;
    Ok(ChangeOutcome {
        meetings: meetings.len(),
        families_told: 0,
        day: meeting.starts_at.with_timezone(&ROME).date_naive(),
    })
}

/// "This and the following ones": the edited meetings leave their series for a new one (the
/// old series now ends before them). The new series' rule lists its meetings (RDATE), since an
/// edit may have moved them off the old pattern.
async fn split_series(
    conn: &mut PgConnection,
    meeting: &PlannedMeeting,
    moved: &[Uuid],
) -> Result<(), AppError> {
    let Some(series_id) = meeting.series_id else {
        return Ok(());
    };
    let old_rule = repo::series_rule(conn, series_id).await?;
    let until = (meeting.starts_at.with_timezone(&ROME).date_naive() - Duration::days(1))
        .format("%Y%m%dT235959Z")
        .to_string();
    let ended = end_rule_before(&old_rule, &until);
    repo::set_series_rule(conn, series_id, &ended).await?;
    let rule = explicit_rule(&repo::starts(conn, moved).await?);
    let new_series = repo::insert_series(
        conn,
        NewSeries {
            service_id: meeting.service_id,
            cycle_id: None,
            rule: &rule,
            created_by: None,
        },
    )
    .await?;
    repo::reassign_series(conn, moved, new_series).await
}

/// The RRULE of `rule` with its UNTIL set to `until` (a UTC date-time, RFC 5545 form).
fn end_rule_before(rule: &str, until: &str) -> String {
    rule.lines()
        .map(|line| match line.strip_prefix("RRULE:") {
            Some(parts) => {
                let kept: Vec<&str> = parts
                    .split(';')
                    .filter(|part| !part.starts_with("UNTIL=") && !part.starts_with("COUNT="))
                    .collect();
                format!("RRULE:{};UNTIL={until}", kept.join(";"))
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A rule that lists its meetings one by one: DTSTART and RDATE, in Europe/Rome.
fn explicit_rule(starts: &[DateTime<Utc>]) -> String {
    let local: Vec<String> = starts
        .iter()
        .map(|t| t.with_timezone(&ROME).format("%Y%m%dT%H%M%S").to_string())
        .collect();
    match local.split_first() {
        Some((first, rest)) if !rest.is_empty() => format!(
            "DTSTART;TZID=Europe/Rome:{first}\nRDATE;TZID=Europe/Rome:{}",
            rest.join(",")
        ),
        Some((first, _)) => format!("DTSTART;TZID=Europe/Rome:{first}"),
        None => String::new(),
    }
}

/// Staff cancel a meeting (or the following ones, or all of its series) with a reason shown to
/// families. Its bookings are cancelled by the centre (never late); a cycle's bookings only
/// when no meeting of the cycle is left. Families are told, once each.
pub async fn cancel_meeting(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    reason: &str,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Result<ChangeOutcome, AppError> {
    let reason = super::domain::parse_text(reason, "reason", true, 1000)?;
    let mut tx = pool.begin().await?;
    let meeting = meeting_in_scope(&mut tx, user, meeting_id).await?;
    if meeting.status != "scheduled" {
        return Err(AppError::conflict("errors.meeting_cancelled"));
    }
    if meeting.ends_at <= now {
        return Err(AppError::conflict("errors.meeting_started"));
    }
    let meetings = reach(&mut tx, &meeting, scope, now).await?;
    if meetings
        .first()
        .is_none_or(|first| first.status != "scheduled")
    {
        return Err(AppError::conflict("errors.meeting_cancelled"));
    }
    let ids: Vec<Uuid> = meetings.iter().map(|m| m.meeting_id).collect();
    let recipients = repo::recipients(&mut tx, &ids).await?;
    repo::cancel_meetings(&mut tx, &ids, &reason).await?;
    let mut cycles = Vec::new();
    if let Some(cycle_id) = meeting.cycle_id {
        if !repo::cycle_has_other_meetings(&mut tx, cycle_id, &ids).await? {
            cycles.push(cycle_id);
        }
    }
    let bookings = repo::cancel_bookings_by_centre(&mut tx, &ids, &cycles, now).await?;
    let info = MeetingInfo {
        title: meeting.title.clone(),
        starts_at: meeting.starts_at,
        ends_at: meeting.ends_at,
        whole_cycle: false,
    };
    for recipient in &recipients {
        let mail = texts::meeting_cancelled(&recipient.locale, &info, &reason, meetings.len());
        tell(&mut tx, "meeting_cancelled", recipient, mail).await?;
    }
    audit::record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::MeetingCancel)
            .entity_id(meeting_id)
            .centre(meeting.centre_id)
            .detail(json!({
                "scope": scope.code(),
                "meetings": ids,
                "cycles_cancelled": cycles,
                "bookings_cancelled": bookings,
                "families_told": recipients.len(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(ChangeOutcome {
        meetings: meetings.len(),
        families_told: recipients.len(),
        day: meeting.starts_at.with_timezone(&ROME).date_naive(),
    })
}

/// Staff change the capacity of a meeting (of its cycle, for a closed cycle): never above its
/// room's, never below the persons confirmed; a larger one promotes from the waiting list.
pub async fn change_capacity(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let meeting = meeting_in_scope(&mut tx, user, meeting_id).await?;
    if meeting.status != "scheduled" {
        return Err(AppError::conflict("errors.meeting_cancelled"));
    }
    check_room_and_capacity(&mut tx, meeting.centre_id, meeting.room_id, Some(capacity)).await?;
    let before = repo::seats(&mut tx, meeting_id).await?.capacity;
    let target = match meeting.cycle_id {
        Some(cycle_id) => crate::booking::domain::Target::Cycle(cycle_id),
        None => crate::booking::domain::Target::Meeting(meeting_id),
    };
    let promoted = crate::booking::service::set_capacity_in(&mut tx, target, capacity, now).await?;
    // In the change's transaction, like every other change: no change without its row.
    audit::record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::MeetingCapacity)
            .entity_id(meeting_id)
            .centre(meeting.centre_id)
            .detail(json!({"before": before, "after": capacity, "promoted": promoted})),
    )
    .await?;
    tx.commit().await?;
    Ok(promoted)
}

async fn tell(
    conn: &mut PgConnection,
    kind: &'static str,
    recipient: &repo::Recipient,
    mail: texts::MailText,
) -> Result<(), AppError> {
    enqueue(
        conn,
        &NewMessage {
            kind,
            dedupe_key: None,
            recipient: recipient.email.clone(),
            locale: recipient.locale.clone(),
            subject: mail.subject,
            body_text: mail.body,
        },
    )
    .await?;
    Ok(())
}

/// "La mia settimana": the meetings `user` leads in the week (Monday to Sunday, Rome) of `day`.
/// Staff only.
pub async fn my_agenda(
    pool: &PgPool,
    user: &CurrentUser,
    day: NaiveDate,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<super::agenda::AgendaWeek, AppError> {
    use chrono::{Datelike, NaiveTime};

    if !user.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let locale = crate::shared::lang::content_locale(lang);
    let monday = super::agenda::monday_of(day);
    let sunday = monday + Duration::days(6);
    let from = rome_instant(monday, NaiveTime::MIN);
    let to = rome_instant(monday + Duration::days(7), NaiveTime::MIN);
    let mut conn = pool.acquire().await?;
    let rows = repo::agenda(&mut conn, user.user_id, from, to, locale).await?;
    let meetings = rows
        .into_iter()
        .map(|row| super::agenda::AgendaMeeting {
            meeting_id: row.meeting_id,
            date: row
                .starts_at
                .with_timezone(&ROME)
                .format("%Y-%m-%d")
                .to_string(),
            day_label: day_label(row.starts_at, locale),
            time_label: time_range_label(row.starts_at, row.ends_at),
            title: row.title,
            service_name: row.service_name,
            centre_name: row.centre_name,
            room_name: row.room_name,
            capacity: row.capacity,
            seats_taken: row.seats_taken,
            cancelled: row.status != "scheduled",
            cancel_reason: row.cancel_reason,
            started: row.starts_at <= now,
        })
        .collect();
    let today = now.with_timezone(&ROME).date_naive();
    Ok(super::agenda::AgendaWeek {
        person: user.display_name.clone(),
        monday: monday.to_string(),
        sunday: sunday.to_string(),
        from_label: date_label(monday, locale, monday.year() != sunday.year()),
        to_label: date_label(sunday, locale, true),
        previous: (monday - Duration::days(7)).to_string(),
        next: (monday + Duration::days(7)).to_string(),
        this_week: super::agenda::monday_of(today) == monday,
        meetings,
    })
}

/// "23 novembre" or "29 novembre 2026" / "29 November 2026".
fn date_label(day: NaiveDate, locale: &str, with_year: bool) -> String {
    let format = if with_year { "%-d %B %Y" } else { "%-d %B" };
    crate::shared::time::date_in_words(day, format, locale)
}
