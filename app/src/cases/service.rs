//! The case paths' rules on the server: who reaches a case, what they see, scheduling
//! appointments (clashes with meetings and other appointments refused), Spazio Neutro's
//! staggered times, restricted notes and visit reports (every read audited), attendance,
//! status, staff and parties.
//!
//! Who: the case's own staff (`case_staff`), the coordinators of the service's polo and the
//! administrator. Another operator of the polo is refused (403); staff of another polo do not
//! find the case (404); families are refused (403) — they see their own appointments on
//! "I miei percorsi", never this.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    AppointmentForm, AppointmentPage, AppointmentView, Attendance, CaseList, CaseNotes, CaseRow,
    CaseStatus, CaseView, NoteView, PartyRole, PartyTime, PartyView, Place, StaffView,
};
use super::repo::{self, CaseHead};
use crate::accounts::domain::{CurrentUser, Role};
use crate::accounts::scope::centre_scope;
use crate::shared::audit::{record, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::{day_label, rome_instant, time_range_label, ROME};

/// A case the user reaches, and whether they manage it (a coordinator of its polo or the
/// administrator) rather than only work on it.
struct Reach {
    case: CaseHead,
    manages: bool,
}

async fn reach(
    conn: &mut PgConnection,
    user: &CurrentUser,
    case_id: Uuid,
    locale: &str,
) -> Result<Reach, AppError> {
    let scope = centre_scope(conn, user).await?;
    let on_staff = repo::on_staff(conn, case_id, user.user_id).await?;
    let case = repo::case_head(conn, case_id, locale)
        .await?
        .filter(|case| on_staff || scope.includes(case.centre_id))
        .ok_or(AppError::NotFound)?;
    let manages = matches!(user.role, Role::Admin | Role::Coordinator);
    if !manages && !on_staff {
        return Err(AppError::Forbidden);
    }
    Ok(Reach { case, manages })
}

fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

fn status_of(code: &str) -> CaseStatus {
    CaseStatus::parse(code).unwrap_or(CaseStatus::Closed)
}

fn date_label(t: DateTime<Utc>, locale: &str) -> String {
    crate::shared::time::day_of_in_words(t, "%-d %B %Y", locale)
}

fn clock(t: DateTime<Utc>) -> String {
    t.with_timezone(&ROME).format("%H:%M").to_string()
}

/// The cases the user works on and, for coordinators and the administrator, every case of
/// their polo(s). `only_mine`: only the user's own.
pub async fn list(
    pool: &PgPool,
    user: &CurrentUser,
    only_mine: bool,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<CaseList, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let mut conn = pool.acquire().await?;
    let scope = centre_scope(&mut conn, user).await?;
    let sees_centre = matches!(user.role, Role::Admin | Role::Coordinator);
    // An operator sees only the cases they are staff of.
    let rows = repo::list(
        &mut conn,
        user.user_id,
        scope.ids(),
        only_mine || !sees_centre,
        locale,
        now,
    )
    .await?;
    let cases = rows
        .into_iter()
        .map(|row| CaseRow {
            case_id: row.case_id,
            reference: row.reference,
            service_name: row.service_name,
            centre_name: row.centre_name,
            status: status_of(&row.status),
            court_ordered: row.court_ordered,
            parties: row.parties.join(" · "),
            next_appointment: row
                .next_starts_at
                .zip(row.next_ends_at)
                .map(|(s, e)| format!("{}, {}", day_label(s, locale), time_range_label(s, e))),
            mine: row.mine,
        })
        .collect();
    Ok(CaseList { cases, sees_centre })
}

fn appointment_view(
    row: repo::AppointmentRow,
    times: &[repo::PartyTimeRow],
    parties: &[repo::PartyRow],
    locale: &str,
    now: DateTime<Utc>,
) -> AppointmentView {
    let party_times = times
        .iter()
        .filter(|time| time.appointment_id == row.appointment_id)
        .filter_map(|time| {
            let party = parties.iter().find(|p| p.party_id == time.party_id)?;
            Some(PartyTime {
                party_id: party.party_id,
                name: party.display_name.clone(),
                role: PartyRole::parse(&party.party).unwrap_or(PartyRole::Other),
                arrives: clock(time.arrives_at),
                leaves: clock(time.leaves_at),
                attendance: time.attendance.as_deref().and_then(Attendance::parse),
            })
        })
        .collect();
    AppointmentView {
        appointment_id: row.appointment_id,
        day_label: day_label(row.starts_at, locale),
        time_label: time_range_label(row.starts_at, row.ends_at),
        place: Place::parse(&row.place).unwrap_or(Place::Other),
        room: row.room_name,
        leaders: row.leaders,
        parties: party_times,
        cancelled: row.status == "cancelled",
        past: row.starts_at <= now,
        has_report: row.has_report,
    }
}

/// `/gestione/percorsi/{case}`. Audited (`case.read`): the page names the people of the case.
pub async fn case_view(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<CaseView, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, manages } = reach(&mut tx, user, case_id, locale).await?;
    let parties = repo::parties(&mut tx, case_id).await?;
    let staff = repo::staff(&mut tx, case_id).await?;
    let appointments = repo::appointments(&mut tx, case_id, None).await?;
    let times = repo::party_times(&mut tx, case_id).await?;
    let (notes_count, reports_count) = repo::note_counts(&mut tx, case_id).await?;
    let rooms = repo::rooms(&mut tx, case.centre_id).await?;
    let centre_staff = repo::centre_staff(&mut tx, case.centre_id).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseRead)
            .entity_id(case_id)
            .centre(case.centre_id),
    )
    .await?;
    tx.commit().await?;
    let (past, upcoming): (Vec<_>, Vec<_>) = appointments
        .into_iter()
        .map(|row| appointment_view(row, &times, &parties, locale, now))
        .partition(|appointment| appointment.past);
    let status = status_of(&case.status);
    Ok(CaseView {
        case_id,
        reference: case.reference,
        service_name: case.service_name,
        centre_name: case.centre_name,
        supervised: case.format == "supervised_visit",
        stagger_minutes: case.stagger_minutes,
        status,
        court_ordered: case.court_ordered,
        referrer: case.referrer,
        opened_on: date_label(case.opened_at, locale),
        closed_on: case.closed_at.map(|t| date_label(t, locale)),
        retain_until: case
            .retain_until
            .map(|day| date_label(rome_instant(day, chrono::NaiveTime::MIN), locale)),
        parties: parties
            .into_iter()
            .map(|row| PartyView {
                party_id: row.party_id,
                role: PartyRole::parse(&row.party).unwrap_or(PartyRole::Other),
                name: row.display_name,
                has_account: row.has_account,
            })
            .collect(),
        staff: staff
            .into_iter()
            .map(|row| StaffView {
                user_id: row.user_id,
                name: row.name,
                is_lead: row.is_lead,
            })
            .collect(),
        upcoming,
        past: past.into_iter().rev().collect(),
        notes_count,
        reports_count,
        manages,
        schedulable: status == CaseStatus::Open,
        rooms,
        centre_staff,
    })
}

fn note_view(row: repo::NoteRow, locale: &str) -> NoteView {
    NoteView {
        note_id: row.note_id,
        is_report: row.kind == "visit_report",
        appointment: row
            .appointment_starts_at
            .map(|t| format!("{} {}", day_label(t, locale), clock(t))),
        author: row.author.unwrap_or_default(),
        written: format!(
            "{}, {}",
            date_label(row.created_at, locale),
            clock(row.created_at)
        ),
        body: row.body,
    }
}

/// `/gestione/percorsi/{case}/note`: the restricted notes and visit reports. Every read is
/// audited (`case_note.read`, and `visit_report.read` when reports are shown).
pub async fn notes(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    lang: &str,
) -> Result<CaseNotes, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, locale).await?;
    let rows = repo::notes(&mut tx, case_id, None).await?;
    let reports = rows.iter().filter(|row| row.kind == "visit_report").count();
    let notes = rows.len() - reports;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseNoteRead)
            .entity_id(case_id)
            .centre(case.centre_id)
            .detail(json!({ "notes": notes })),
    )
    .await?;
    if reports > 0 {
        record(
            &mut tx,
            AuditEntry::new(Some(user.user_id), Action::VisitReportRead)
                .entity_id(case_id)
                .centre(case.centre_id)
                .detail(json!({ "reports": reports })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(CaseNotes {
        case_id,
        reference: case.reference,
        service_name: case.service_name,
        notes: rows.into_iter().map(|row| note_view(row, locale)).collect(),
    })
}

/// Writes a restricted note about the case.
pub async fn add_note(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    body: &str,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, "it").await?;
    let body = super::domain::parse_note(body)?;
    let note_id = repo::insert_note(&mut tx, case_id, None, &body, user.user_id).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseNoteWrite)
            .entity_id(note_id)
            .centre(case.centre_id)
            .detail(json!({ "case": case_id, "chars": body.chars().count() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Schedules an appointment of the case: its leaders are staff of the polo, its room one of the
/// polo's, its invited parties parties of the case; each party gets its own times (Spazio
/// Neutro: staggered). Returns the appointment's id.
pub async fn schedule(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    form: &AppointmentForm,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, "it").await?;
    let appointment = form.parse()?;
    if status_of(&repo::lock_case(&mut tx, case_id).await?) != CaseStatus::Open {
        return Err(AppError::validation("date", "errors.case_not_open"));
    }
    let starts_at = rome_instant(appointment.day, appointment.start);
    let ends_at = rome_instant(appointment.day, appointment.end);
    if starts_at <= now {
        return Err(AppError::validation("date", "errors.appointment_in_past"));
    }
    let rooms = repo::rooms(&mut tx, case.centre_id).await?;
    if let Some(room_id) = appointment.room_id {
        if !rooms.iter().any(|room| room.id == room_id) {
            return Err(AppError::validation("room", "errors.choose_one"));
        }
    }
    let staff = repo::centre_staff(&mut tx, case.centre_id).await?;
    if appointment
        .leaders
        .iter()
        .any(|leader| !staff.iter().any(|s| s.id == *leader))
    {
        return Err(AppError::validation("leaders", "errors.choose_one"));
    }
    let parties = repo::parties(&mut tx, case_id).await?;
    let invited: Vec<&repo::PartyRow> = appointment
        .parties
        .iter()
        .map(|id| parties.iter().find(|p| p.party_id == *id))
        .collect::<Option<_>>()
        .ok_or_else(|| AppError::validation("parties", "errors.choose_one"))?;
    let supervised = case.format == "supervised_visit";
    if supervised && appointment.place != Place::Centre {
        return Err(AppError::validation("place", "errors.supervised_at_centre"));
    }
    // The visiting parent's earlier arrival and later departure hold the room and the staff too
    // (the appointment itself is the visit's time).
    let stagger = Duration::minutes(i64::from(case.stagger_minutes));
    let (held_from, held_until) = if supervised {
        (starts_at - stagger, ends_at + stagger)
    } else {
        (starts_at, ends_at)
    };
    crate::planning::clashes::check_clashes(
        &mut tx,
        appointment.room_id,
        &appointment.leaders,
        held_from,
        held_until,
        &[],
    )
    .await?;
    let appointment_id = repo::insert_appointment(
        &mut tx,
        &repo::NewAppointmentRow {
            case_id,
            room_id: appointment.room_id,
            place: appointment.place.code(),
            starts_at,
            ends_at,
            created_by: user.user_id,
        },
    )
    .await
    .map_err(crate::planning::clashes::clash_error)?;
    repo::insert_leaders(&mut tx, appointment_id, &appointment.leaders)
        .await
        .map_err(crate::planning::clashes::clash_error)?;
    let room = appointment
        .room_id
        .and_then(|id| rooms.iter().find(|room| room.id == id))
        .map(|room| room.name.clone());
    let place = place_line(&case, appointment.place, room.as_deref());
    for party in &invited {
        let role = PartyRole::parse(&party.party).unwrap_or(PartyRole::Other);
        let (arrives, leaves) =
            super::domain::party_window(role, supervised, starts_at, ends_at, stagger);
        repo::insert_party_time(&mut tx, appointment_id, party.party_id, arrives, leaves).await?;
        let info = crate::messages::texts::AppointmentInfo {
            service: &case.service_name,
            arrives_at: arrives,
            leaves_at: leaves,
            place: &place,
        };
        tell_household(
            &mut tx,
            party.household_id,
            "appointment_scheduled",
            appointment_id,
            |locale| crate::messages::texts::appointment_scheduled(locale, &info),
        )
        .await?;
    }
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::AppointmentCreate)
            .entity_id(appointment_id)
            .centre(case.centre_id)
            .detail(json!({
                "case": case_id,
                "parties": invited.len(),
                "leaders": appointment.leaders.len(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(appointment_id)
}

/// "Polo Àncora, Via …, Stanza colloqui" for a family's e-mail; empty for a visit at home.
fn place_line(case: &CaseHead, place: Place, room: Option<&str>) -> String {
    match place {
        Place::Home => String::new(),
        Place::Centre | Place::Other => [
            Some(case.centre_name.as_str()),
            Some(case.centre_address.as_str()),
            room,
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
    }
}

/// Writes `mail` (in each account's language) to the outbox for every family account of
/// `household` (none for a party without an account): one household's own times, never
/// another's.
async fn tell_household(
    conn: &mut PgConnection,
    household: Option<Uuid>,
    kind: &'static str,
    appointment_id: Uuid,
    mail: impl Fn(&str) -> crate::messages::texts::MailText,
) -> Result<(), AppError> {
    let Some(household) = household else {
        return Ok(());
    };
    for recipient in crate::requests::service::household_recipients(conn, household).await? {
        let text = mail(&recipient.locale);
        crate::messages::outbox::enqueue(
            conn,
            &crate::messages::outbox::NewMessage {
                kind,
                dedupe_key: Some(format!("{kind}:{appointment_id}:{}", recipient.email)),
                recipient: recipient.email,
                locale: recipient.locale,
                subject: text.subject,
                body_text: text.body,
            },
        )
        .await?;
    }
    Ok(())
}

/// The appointment of the case, or 404.
async fn appointment_of(
    conn: &mut PgConnection,
    case_id: Uuid,
    appointment_id: Uuid,
) -> Result<repo::AppointmentRow, AppError> {
    repo::appointments(conn, case_id, Some(appointment_id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// `/gestione/percorsi/{case}/appuntamenti/{appointment}`: each party's times and attendance,
/// and the visit report (its read audited).
pub async fn appointment_page(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    appointment_id: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<AppointmentPage, AppError> {
    let locale = crate::shared::lang::content_locale(lang);
    let case_id = parse_id(case_id)?;
    let appointment_id = parse_id(appointment_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, locale).await?;
    let row = appointment_of(&mut tx, case_id, appointment_id).await?;
    let parties = repo::parties(&mut tx, case_id).await?;
    let times = repo::party_times(&mut tx, case_id).await?;
    let report = repo::notes(&mut tx, case_id, Some(appointment_id))
        .await?
        .into_iter()
        .next();
    if report.is_some() {
        record(
            &mut tx,
            AuditEntry::new(Some(user.user_id), Action::VisitReportRead)
                .entity_id(appointment_id)
                .centre(case.centre_id)
                .detail(json!({ "case": case_id })),
        )
        .await?;
    }
    tx.commit().await?;
    let started = row.starts_at <= now;
    let scheduled = row.status == "scheduled";
    Ok(AppointmentPage {
        case_id,
        reference: case.reference,
        service_name: case.service_name,
        supervised: case.format == "supervised_visit",
        appointment: appointment_view(row, &times, &parties, locale, now),
        report: report.map(|row| note_view(row, locale)),
        markable: started && scheduled,
        cancellable: !started && scheduled,
    })
}

/// Cancels an appointment that has not begun.
pub async fn cancel_appointment(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    appointment_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let appointment_id = parse_id(appointment_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, "it").await?;
    let row = appointment_of(&mut tx, case_id, appointment_id).await?;
    if row.starts_at <= now || !repo::cancel_appointment(&mut tx, appointment_id).await? {
        return Err(AppError::conflict("errors.appointment_not_cancellable"));
    }
    let parties = repo::parties(&mut tx, case_id).await?;
    for time in repo::party_times(&mut tx, case_id)
        .await?
        .into_iter()
        .filter(|time| time.appointment_id == appointment_id)
    {
        let household = parties
            .iter()
            .find(|party| party.party_id == time.party_id)
            .and_then(|party| party.household_id);
        let info = crate::messages::texts::AppointmentInfo {
            service: &case.service_name,
            arrives_at: time.arrives_at,
            leaves_at: time.leaves_at,
            place: "",
        };
        tell_household(
            &mut tx,
            household,
            "appointment_cancelled",
            appointment_id,
            |locale| crate::messages::texts::appointment_cancelled(locale, &info),
        )
        .await?;
    }
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::AppointmentCancel)
            .entity_id(appointment_id)
            .centre(case.centre_id)
            .detail(json!({ "case": case_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records whether a party came to an appointment that has begun.
pub async fn mark_attendance(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    appointment_id: &str,
    party_id: &str,
    mark: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let appointment_id = parse_id(appointment_id)?;
    let party_id = parse_id(party_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, "it").await?;
    let row = appointment_of(&mut tx, case_id, appointment_id).await?;
    let mark =
        Attendance::parse(mark).ok_or_else(|| AppError::validation("mark", "errors.choose_one"))?;
    if row.starts_at > now || row.status != "scheduled" {
        return Err(AppError::conflict("errors.appointment_not_begun"));
    }
    let before = repo::set_attendance(&mut tx, appointment_id, party_id, mark.code(), user.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::AppointmentAttendance)
            .entity_id(appointment_id)
            .centre(case.centre_id)
            .detail(json!({
                "case": case_id,
                "party": party_id,
                "before": before,
                "after": mark.code(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Writes (or rewrites) the report of an appointment that has begun.
pub async fn write_report(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    appointment_id: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let appointment_id = parse_id(appointment_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, .. } = reach(&mut tx, user, case_id, "it").await?;
    let row = appointment_of(&mut tx, case_id, appointment_id).await?;
    let body = super::domain::parse_note(body)?;
    if row.starts_at > now || row.status == "cancelled" {
        return Err(AppError::validation("body", "errors.report_before_visit"));
    }
    let note_id =
        repo::insert_note(&mut tx, case_id, Some(appointment_id), &body, user.user_id).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::VisitReportWrite)
            .entity_id(note_id)
            .centre(case.centre_id)
            .detail(json!({ "case": case_id, "appointment": appointment_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Suspends, reopens or closes a case (its coordinators and the administrator). Suspending or
/// closing cancels the appointments still to come; closing sets how long the record is kept.
pub async fn set_status(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    status: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, manages } = reach(&mut tx, user, case_id, "it").await?;
    if !manages {
        return Err(AppError::Forbidden);
    }
    let next = CaseStatus::parse(status)
        .ok_or_else(|| AppError::validation("status", "errors.choose_one"))?;
    let current = status_of(&repo::lock_case(&mut tx, case_id).await?);
    if !current.may_become(next) {
        return Err(AppError::conflict("errors.case_status_change"));
    }
    let retain_until = (next == CaseStatus::Closed).then(|| {
        crate::privacy::retention::retain_until(
            now.with_timezone(&ROME).date_naive(),
            case.court_ordered,
        )
    });
    repo::set_status(&mut tx, case_id, next.code(), retain_until).await?;
    let cancelled = if next == CaseStatus::Open {
        0
    } else {
        repo::cancel_upcoming(&mut tx, case_id, now).await?
    };
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseStatus)
            .entity_id(case_id)
            .centre(case.centre_id)
            .detail(json!({
                "before": current.code(),
                "after": next.code(),
                "appointments_cancelled": cancelled,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets how many minutes apart the two parties of a Spazio Neutro case arrive and leave (from
/// 5 to 60), for the appointments scheduled from then on.
pub async fn set_stagger(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    minutes: &str,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, manages } = reach(&mut tx, user, case_id, "it").await?;
    if !manages {
        return Err(AppError::Forbidden);
    }
    if case.format != "supervised_visit" {
        return Err(AppError::validation(
            "minutes",
            "errors.stagger_supervised_only",
        ));
    }
    let minutes = minutes
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|m| (5..=60).contains(m))
        .ok_or_else(|| AppError::validation("minutes", "errors.stagger_range"))?;
    repo::set_stagger(&mut tx, case_id, minutes).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseSettings)
            .entity_id(case_id)
            .centre(case.centre_id)
            .detail(json!({
                "before": { "stagger_minutes": case.stagger_minutes },
                "after": { "stagger_minutes": minutes },
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a staff member of the polo to the case (as its lead, or not), or removes one.
pub async fn change_staff(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    staff_id: &str,
    change: &str,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, manages } = reach(&mut tx, user, case_id, "it").await?;
    if !manages {
        return Err(AppError::Forbidden);
    }
    let staff_id = Uuid::parse_str(staff_id.trim())
        .map_err(|_| AppError::validation("staff", "errors.choose_one"))?;
    let known = repo::centre_staff(&mut tx, case.centre_id)
        .await?
        .iter()
        .any(|s| s.id == staff_id);
    match change.trim() {
        "add" | "lead" if !known => return Err(AppError::validation("staff", "errors.choose_one")),
        "add" => repo::add_staff(&mut tx, case_id, staff_id, false).await?,
        "lead" => repo::add_staff(&mut tx, case_id, staff_id, true).await?,
        "remove" => {
            if !repo::remove_staff(&mut tx, case_id, staff_id).await? {
                return Err(AppError::NotFound);
            }
        }
        _ => return Err(AppError::validation("change", "errors.choose_one")),
    }
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseStaff)
            .entity_id(case_id)
            .centre(case.centre_id)
            .detail(json!({ "staff": staff_id, "staff_change": change.trim() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a household to the case: a family account found by its exact e-mail, or a name only
/// (a person without an account, who is told by the staff).
pub async fn add_party(
    pool: &PgPool,
    user: &CurrentUser,
    case_id: &str,
    role: &str,
    email: &str,
    name: &str,
) -> Result<(), AppError> {
    let case_id = parse_id(case_id)?;
    let mut tx = pool.begin().await?;
    let Reach { case, manages } = reach(&mut tx, user, case_id, "it").await?;
    if !manages {
        return Err(AppError::Forbidden);
    }
    let role =
        PartyRole::parse(role).ok_or_else(|| AppError::validation("role", "errors.choose_one"))?;
    let email = email.trim();
    let name = crate::shared::parse::parse_text(name, "name", false, 200)?;
    let (household_id, display_name) = if !email.is_empty() {
        let (household_id, account_name) = repo::family_by_email(&mut tx, email)
            .await?
            .ok_or_else(|| AppError::validation("email", "errors.family_not_found"))?;
        (
            Some(household_id),
            if name.is_empty() { account_name } else { name },
        )
    } else if !name.is_empty() {
        (None, name)
    } else {
        return Err(AppError::validation("email", "errors.party_email_or_name"));
    };
    let parties = repo::parties(&mut tx, case_id).await?;
    if household_id.is_some() && parties.iter().any(|p| p.household_id == household_id) {
        return Err(AppError::validation("email", "errors.party_already"));
    }
    if matches!(role, PartyRole::A | PartyRole::B) && parties.iter().any(|p| p.party == role.code())
    {
        return Err(AppError::validation("role", "errors.party_role_taken"));
    }
    let party_id =
        repo::insert_party(&mut tx, case_id, household_id, role.code(), &display_name).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(user.user_id), Action::CaseParty)
            .entity_id(case_id)
            .centre(case.centre_id)
            .detail(json!({ "party": party_id, "role": role.code(), "account": household_id.is_some() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The staff calendar's entries for the appointments of [from, until): named (service and
/// reference, with a link) for the case's staff and the polo's coordinators, "Appuntamento
/// riservato" without a link for anyone else, so that a room or a colleague is seen as taken.
pub async fn calendar_entries(
    conn: &mut PgConnection,
    user: &CurrentUser,
    scope: &crate::accounts::scope::CentreScope,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<crate::calendar::domain::CalendarMeeting>, AppError> {
    use crate::calendar::domain::{AppointmentEntry, CalendarMeeting, MeetingStatus, Seats};
    use crate::catalogue::domain::Audience;
    use chrono::Timelike;
    let manages = matches!(user.role, Role::Admin | Role::Coordinator);
    let rows = repo::calendar(
        conn,
        user.user_id,
        scope.ids(),
        manages,
        from,
        until,
        locale,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let start = row.starts_at.with_timezone(&ROME);
            let end = row.ends_at.with_timezone(&ROME);
            let day = start.date_naive();
            let minute_of = |t: &DateTime<chrono_tz::Tz>| (t.hour() * 60 + t.minute()) as i32;
            let (title, service_name, href) = if row.visible {
                (
                    format!("{} · {}", row.service_name, row.reference),
                    row.service_name,
                    Some(super::domain::appointment_path(
                        row.case_id,
                        row.appointment_id,
                    )),
                )
            } else {
                let private = private_label(locale).to_string();
                (private.clone(), private, None)
            };
            CalendarMeeting {
                meeting_id: row.appointment_id,
                title,
                service_slug: String::new(),
                service_name,
                area_slug: String::new(),
                centre_slug: row.centre_slug,
                audience: Audience::Families,
                age_band: None,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                day,
                start_minute: minute_of(&start),
                end_minute: if end.date_naive() > day {
                    24 * 60
                } else {
                    minute_of(&end)
                },
                day_label: day_label(row.starts_at, locale),
                time_label: time_range_label(row.starts_at, row.ends_at),
                room_id: row.room_id,
                room: row.room_name,
                seats: Seats {
                    capacity: 0,
                    taken: 0,
                },
                cycle: None,
                cycle_id: None,
                status: MeetingStatus::Scheduled,
                cancel_reason: None,
                bookable: false,
                appointment: Some(AppointmentEntry { href }),
            }
        })
        .collect())
}

/// "Appuntamento riservato" / "Private appointment".
pub fn private_label(locale: &str) -> &'static str {
    match locale {
        "en" => "Private appointment",
        _ => super::PRIVATE_APPOINTMENT,
    }
}
