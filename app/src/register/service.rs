//! The register's rules on the server: who may read and fill a meeting's register, the window,
//! saving a mark once, walk-ins, and the audit log (every read, mark and correction).
//!
//! Who: an administrator, the coordinators of the meeting's centre, and the operators who lead
//! the meeting. Another operator of the centre is refused (403); staff of another centre do not
//! find the meeting (404); families are refused (403).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    by_household, Candidate, CycleColumn, CycleGrid, CycleRow, Mark, MarkForm, NewWalkIn, Register,
    RegisterPerson, Saved, Tally, TodayRegister, Window,
};
use super::repo::{self, RegisterMeeting};
use crate::accounts::domain::{CurrentUser, Role};
use crate::accounts::scope::centre_scope;
use crate::shared::audit::{record, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::{age_on, day_label, rome_instant, time_range_label, ROME};

/// Most persons a walk-in search shows.
const CANDIDATES: i64 = 10;

/// A meeting the user may open the register of, and whether they correct it (a coordinator
/// or an administrator may write after the window).
struct Reach {
    meeting: RegisterMeeting,
    corrects: bool,
}

async fn reach(
    conn: &mut PgConnection,
    user: &CurrentUser,
    meeting_id: Uuid,
    locale: &str,
) -> Result<Reach, AppError> {
    let scope = centre_scope(conn, user).await?;
    let meeting = repo::meeting(conn, meeting_id, locale)
        .await?
        .filter(|meeting| scope.includes(meeting.centre_id))
        .ok_or(AppError::NotFound)?;
    let corrects = match user.role {
        Role::Admin | Role::Coordinator => true,
        Role::Operator => {
            if !repo::leads(conn, meeting_id, user.user_id).await? {
                return Err(AppError::Forbidden);
            }
            false
        }
        Role::Family => return Err(AppError::Forbidden),
    };
    Ok(Reach { meeting, corrects })
}

fn window(meeting: &RegisterMeeting, now: DateTime<Utc>) -> Window {
    Window::at(
        meeting.starts_at,
        meeting.ends_at,
        meeting.status == "cancelled",
        now,
    )
}

/// "7 anni", "8 mesi", "circa 40 anni" (only the year known), in `locale`, on `day`.
pub fn age_label(birth: NaiveDate, year_only: bool, day: NaiveDate, locale: &str) -> String {
    let years = age_on(birth, day).max(0);
    let en = locale == "en";
    if year_only {
        let years = day.year() - birth.year();
        return if en {
            format!("about {years} years")
        } else {
            format!("circa {years} anni")
        };
    }
    if years == 0 {
        let months = (day.year() - birth.year()) * 12 + day.month() as i32
            - birth.month() as i32
            - i32::from(day.day() < birth.day());
        let months = months.max(0);
        return match (en, months) {
            (true, 1) => "1 month".into(),
            (true, m) => format!("{m} months"),
            (false, 1) => "1 mese".into(),
            (false, m) => format!("{m} mesi"),
        };
    }
    match (en, years) {
        (true, 1) => "1 year".into(),
        (true, y) => format!("{y} years"),
        (false, 1) => "1 anno".into(),
        (false, y) => format!("{y} anni"),
    }
}

fn person(row: repo::PersonRow, day: NaiveDate, locale: &str) -> RegisterPerson {
    RegisterPerson {
        member_id: row.member_id,
        household_id: row.household_id,
        name: format!("{} {}", row.first_name, row.last_name)
            .trim()
            .to_string(),
        age_label: age_label(row.birth_date, row.birth_year_only, day, locale),
        is_child: row.kind == "child",
        walk_in: row.walk_in,
        mark: row.status.as_deref().and_then(Mark::parse),
        note: row.note.unwrap_or_default(),
    }
}

async fn build(
    conn: &mut PgConnection,
    reach: &Reach,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Register, AppError> {
    let meeting = &reach.meeting;
    let day = meeting.starts_at.with_timezone(&ROME).date_naive();
    let persons: Vec<RegisterPerson> = repo::persons(conn, meeting.meeting_id)
        .await?
        .into_iter()
        .map(|row| person(row, day, locale))
        .collect();
    let tally = Tally::of(&persons);
    let window = window(meeting, now);
    let cycle = match meeting.cycle_id {
        Some(cycle_id) => Some(cycle_grid(conn, cycle_id, &meeting.title).await?),
        None => None,
    };
    let opens = meeting.starts_at - Duration::minutes(super::domain::OPENS_BEFORE_MINUTES);
    Ok(Register {
        meeting_id: meeting.meeting_id,
        title: meeting.title.clone(),
        service_name: meeting.service_name.clone(),
        centre_name: meeting.centre_name.clone(),
        centre_address: meeting.centre_address.clone(),
        room_name: meeting.room_name.clone(),
        day_label: format!("{} {}", day_label(meeting.starts_at, locale), day.year()),
        time_label: time_range_label(meeting.starts_at, meeting.ends_at),
        date: day.format("%Y-%m-%d").to_string(),
        leaders: repo::leader_names(conn, meeting.meeting_id).await?,
        window,
        writable: window.writable(reach.corrects),
        correcting: window == Window::Closed && reach.corrects,
        opens_label: opens.with_timezone(&ROME).format("%H:%M").to_string(),
        households: by_household(persons),
        tally,
        cycle,
    })
}

async fn cycle_grid(
    conn: &mut PgConnection,
    cycle_id: Uuid,
    title: &str,
) -> Result<CycleGrid, AppError> {
    let meetings = repo::cycle_meetings(conn, cycle_id).await?;
    let marks = repo::cycle_marks(conn, cycle_id).await?;
    let persons = repo::cycle_persons(conn, cycle_id).await?;
    let columns = meetings
        .iter()
        .map(|(id, starts, cancelled)| CycleColumn {
            meeting_id: *id,
            label: starts.with_timezone(&ROME).format("%-d/%-m").to_string(),
            cancelled: *cancelled,
        })
        .collect();
    let rows = persons
        .into_iter()
        .map(|(member_id, first, last)| CycleRow {
            name: format!("{first} {last}").trim().to_string(),
            marks: meetings
                .iter()
                .map(|(meeting_id, _, _)| {
                    marks
                        .iter()
                        .find(|(m, p, _)| m == meeting_id && *p == member_id)
                        .and_then(|(_, _, status)| Mark::parse(status))
                })
                .collect(),
        })
        .collect();
    Ok(CycleGrid {
        title: title.to_string(),
        columns,
        rows,
    })
}

/// A meeting's register for `user`; the read is written to the audit log.
pub async fn register(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Register, AppError> {
    read(pool, user, meeting_id, lang, now, Action::RegisterRead).await
}

/// The register to print or download (written to the audit log as an export).
pub async fn export(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Register, AppError> {
    read(pool, user, meeting_id, lang, now, Action::RegisterExport).await
}

async fn read(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    lang: &str,
    now: DateTime<Utc>,
    action: Action,
) -> Result<Register, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let mut conn = pool.acquire().await?;
    let reach = reach(&mut conn, user, meeting_id, locale).await?;
    let register = build(&mut conn, &reach, locale, now).await?;
    record(
        &mut conn,
        AuditEntry::new(Some(user.user_id), action)
            .entity_id(meeting_id)
            .centre(reach.meeting.centre_id)
            .detail(json!({ "persons": register.tally.booked + register.tally.walk_ins })),
    )
    .await?;
    Ok(register)
}

/// Saves one mark, once per client id: within the window for whoever may fill the register,
/// after it as a correction by a coordinator. Audited with the mark before and after and the
/// kind of device.
pub async fn save_mark(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    form: &MarkForm,
    device: &str,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let mut tx = pool.begin().await?;
    let reach = reach(&mut tx, user, meeting_id, "it").await?;
    let window = window(&reach.meeting, now);
    if !window.writable(reach.corrects) {
        return Err(window.refusal());
    }
    if !repo::is_listed(&mut tx, meeting_id, form.member_id).await? {
        return Err(AppError::Validation {
            errors: vec![crate::shared::error::FieldError {
                field: "member".into(),
                message_key: "member_unknown".into(),
                detail: None,
            }],
        });
    }
    if !repo::claim(
        &mut tx,
        form.client_id,
        meeting_id,
        form.member_id,
        user.user_id,
    )
    .await?
    {
        // Already saved under this id (a retry): report what is stored, change nothing.
        let stored = repo::mark_for_update(&mut tx, meeting_id, form.member_id).await?;
        tx.rollback().await?;
        let stored = stored.ok_or(AppError::Internal)?;
        return Ok(Saved {
            member_id: form.member_id,
            mark: Mark::parse(&stored.status).ok_or(AppError::Internal)?,
            note: stored.note.unwrap_or_default(),
            changed: false,
        });
    }
    let before = repo::mark_for_update(&mut tx, meeting_id, form.member_id).await?;
    let walk_in = before.as_ref().is_some_and(|b| b.walk_in);
    let booking = if walk_in {
        None
    } else {
        repo::booking_of(&mut tx, meeting_id, form.member_id).await?
    };
    repo::write_mark(
        &mut tx,
        meeting_id,
        form.member_id,
        booking,
        form.mark.code(),
        form.note.as_deref(),
        walk_in,
        user.user_id,
    )
    .await?;
    let after = repo::mark_for_update(&mut tx, meeting_id, form.member_id)
        .await?
        .ok_or(AppError::Internal)?;
    let action = if window == Window::Closed {
        Action::AttendanceCorrect
    } else {
        Action::AttendanceMark
    };
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), action)
            .entity_id(meeting_id)
            .centre(reach.meeting.centre_id)
            .detail(json!({
                "member": form.member_id,
                "before": before.as_ref().map(|b| b.status.clone()),
                "after": after.status,
                "note_changed": before.as_ref().and_then(|b| b.note.clone()) != after.note,
                "device": device,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved {
        member_id: form.member_id,
        mark: form.mark,
        note: after.note.unwrap_or_default(),
        changed: true,
    })
}

/// "Tutti presenti": every booked person without a mark is marked present (each one audited).
/// Sent twice, the second time finds nobody left to mark.
pub async fn mark_all_present(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    device: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let reach = reach(&mut tx, user, meeting_id, "it").await?;
    let window = window(&reach.meeting, now);
    if !window.writable(reach.corrects) {
        return Err(window.refusal());
    }
    // The meeting's row serialises two "all present" sent at once.
    sqlx::query("select 1 from group_session where group_session_id = $1 for update")
        .bind(meeting_id)
        .execute(&mut *tx)
        .await?;
    let unmarked: Vec<Uuid> = repo::persons(&mut tx, meeting_id)
        .await?
        .into_iter()
        .filter(|p| p.status.is_none())
        .map(|p| p.member_id)
        .collect();
    let action = if window == Window::Closed {
        Action::AttendanceCorrect
    } else {
        Action::AttendanceMark
    };
    for member_id in &unmarked {
        let booking = repo::booking_of(&mut tx, meeting_id, *member_id).await?;
        repo::write_mark(
            &mut tx,
            meeting_id,
            *member_id,
            booking,
            Mark::Present.code(),
            None,
            false,
            user.user_id,
        )
        .await?;
        record(
            &mut tx,
            AuditEntry::new(Some(user.user_id), action)
                .entity_id(meeting_id)
                .centre(reach.meeting.centre_id)
                .detail(json!({
                    "member": member_id,
                    "before": null,
                    "after": Mark::Present.code(),
                    "all_present": true,
                    "device": device,
                })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(unmarked.len())
}

/// Persons of households the centre knows whose name contains `search` (2 letters at least),
/// to add to the register as walk-ins.
pub async fn candidates(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    search: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Candidate>, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let search = search.trim();
    let mut conn = pool.acquire().await?;
    let reach = reach(&mut conn, user, meeting_id, locale).await?;
    if search.chars().count() < 2 || search.chars().count() > 100 || search.contains('\0') {
        return Ok(Vec::new());
    }
    let day = reach.meeting.starts_at.with_timezone(&ROME).date_naive();
    let listed: Vec<Uuid> = repo::persons(&mut conn, meeting_id)
        .await?
        .into_iter()
        .map(|p| p.member_id)
        .collect();
    let found = repo::candidates(&mut conn, reach.meeting.centre_id, search, CANDIDATES).await?;
    let _ = now;
    Ok(found
        .into_iter()
        .map(|(member_id, first, last, birth, year_only)| Candidate {
            member_id,
            name: format!("{first} {last}").trim().to_string(),
            age_label: age_label(birth, year_only, day, locale),
            listed: listed.contains(&member_id),
        })
        .collect())
}

/// Adds a person the centre knows to the register as a walk-in, present. Once per client id.
pub async fn add_walk_in(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    member_id: Uuid,
    client_id: Uuid,
    device: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let reach = reach(&mut tx, user, meeting_id, "it").await?;
    let window = window(&reach.meeting, now);
    if !window.writable(reach.corrects) {
        return Err(window.refusal());
    }
    if !repo::known_to_centre(&mut tx, reach.meeting.centre_id, member_id).await? {
        return Err(member_unknown());
    }
    if !repo::claim(&mut tx, client_id, meeting_id, member_id, user.user_id).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    if repo::is_listed(&mut tx, meeting_id, member_id).await? {
        return Err(AppError::Conflict {
            message_key: "already_in_register".into(),
        });
    }
    walk_in_present(&mut tx, user, &reach, member_id, device, false).await?;
    tx.commit().await?;
    Ok(true)
}

/// Adds a new person (first name, year of birth, a contact) as a walk-in, present, in a
/// household of their own. Once per client id.
pub async fn add_new_walk_in(
    pool: &PgPool,
    user: &CurrentUser,
    meeting_id: Uuid,
    form: &NewWalkIn,
    client_id: Uuid,
    device: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let reach = reach(&mut tx, user, meeting_id, "it").await?;
    let window = window(&reach.meeting, now);
    if !window.writable(reach.corrects) {
        return Err(window.refusal());
    }
    if sqlx::query_scalar!(
        r#"select exists (select 1 from register_mark where client_id = $1) as "seen!""#,
        client_id
    )
    .fetch_one(&mut *tx)
    .await?
    {
        return Ok(false);
    }
    let day = reach.meeting.starts_at.with_timezone(&ROME).date_naive();
    let is_child = day.year() - form.birth_year < 18;
    let member_id = repo::create_walk_in_person(&mut tx, form, is_child).await?;
    if !repo::claim(&mut tx, client_id, meeting_id, member_id, user.user_id).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    walk_in_present(&mut tx, user, &reach, member_id, device, true).await?;
    tx.commit().await?;
    Ok(true)
}

async fn walk_in_present(
    tx: &mut PgConnection,
    user: &CurrentUser,
    reach: &Reach,
    member_id: Uuid,
    device: &str,
    new_person: bool,
) -> Result<(), AppError> {
    let meeting_id = reach.meeting.meeting_id;
    repo::write_mark(
        tx,
        meeting_id,
        member_id,
        None,
        Mark::Present.code(),
        None,
        true,
        user.user_id,
    )
    .await?;
    record(
        tx,
        AuditEntry::new(Some(user.user_id), Action::AttendanceWalkIn)
            .entity_id(meeting_id)
            .centre(reach.meeting.centre_id)
            .detail(json!({
                "member": member_id,
                "new_person": new_person,
                "after": Mark::Present.code(),
                "device": device,
            })),
    )
    .await
}

fn member_unknown() -> AppError {
    AppError::Validation {
        errors: vec![crate::shared::error::FieldError {
            field: "member".into(),
            message_key: "member_unknown".into(),
            detail: None,
        }],
    }
}

/// "Registri di oggi": today's meetings whose register `user` may open: the ones they lead
/// for an operator, every meeting of their centres for a coordinator, of the city for an
/// administrator.
pub async fn today(
    pool: &PgPool,
    user: &CurrentUser,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Vec<TodayRegister>, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let mut conn = pool.acquire().await?;
    let scope = centre_scope(&mut conn, user).await?;
    let today = now.with_timezone(&ROME).date_naive();
    let from = rome_instant(today, NaiveTime::MIN);
    let until = rome_instant(today.succ_opt().unwrap_or(today), NaiveTime::MIN);
    let leader = (user.role == Role::Operator).then_some(user.user_id);
    let meetings = repo::day_meetings(&mut conn, scope.ids(), leader, from, until, locale).await?;
    let mut out = Vec::with_capacity(meetings.len());
    for meeting in meetings {
        let persons: Vec<RegisterPerson> = repo::persons(&mut conn, meeting.meeting_id)
            .await?
            .into_iter()
            .map(|row| person(row, today, locale))
            .collect();
        out.push(TodayRegister {
            meeting_id: meeting.meeting_id,
            time_label: time_range_label(meeting.starts_at, meeting.ends_at),
            title: meeting.title,
            service_name: meeting.service_name,
            room_name: meeting.room_name,
            window: Window::at(
                meeting.starts_at,
                meeting.ends_at,
                meeting.status == "cancelled",
                now,
            ),
            tally: Tally::of(&persons),
        });
    }
    Ok(out)
}

/// The register as a spreadsheet: one row per person.
pub fn csv(register: &Register, lang: &str) -> Result<String, AppError> {
    use crate::shared::csv::{num, text, write};
    let en = lang == "en";
    let header: [&str; 9] = if en {
        [
            "household",
            "person",
            "age",
            "child",
            "walk_in",
            "mark",
            "note",
            "meeting",
            "date",
        ]
    } else {
        [
            "famiglia",
            "persona",
            "età",
            "minore",
            "senza_prenotazione",
            "presenza",
            "nota",
            "incontro",
            "data",
        ]
    };
    let yes_no = |b: bool| if b { num(1) } else { num(0) };
    let mut rows = Vec::new();
    for household in &register.households {
        for person in &household.persons {
            rows.push(vec![
                text(household.label.clone()),
                text(person.name.clone()),
                text(person.age_label.clone()),
                yes_no(person.is_child),
                yes_no(person.walk_in),
                text(person.mark.map(Mark::code).unwrap_or("")),
                text(person.note.clone()),
                text(register.title.clone()),
                text(register.date.clone()),
            ]);
        }
    }
    write(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ages_read_as_a_person_would_say_them() {
        let on = day(2026, 12, 1);
        assert_eq!(age_label(day(2019, 12, 2), false, on, "it"), "6 anni");
        assert_eq!(age_label(day(2019, 12, 1), false, on, "en"), "7 years");
        assert_eq!(age_label(day(2026, 3, 15), false, on, "it"), "8 mesi");
        assert_eq!(age_label(day(2025, 12, 1), false, on, "it"), "1 anno");
        assert_eq!(age_label(day(1986, 1, 1), true, on, "it"), "circa 40 anni");
    }
}
