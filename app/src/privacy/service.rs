//! A household's rights over its data: a copy of everything (access, portability) and erasure.
//! Both act on the caller's own household only; staff have no household and are refused.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{
    erased_birth_date, AccountData, AttendanceData, BookingData, CaseAppointmentData, CaseData,
    ConsentData, ErasurePreview, ErasureSummary, HouseholdData, HouseholdInfo, KeptCase,
    MemberData, MessageData, ERASED_NAME,
};
use super::retention::{case_kept, retention_years};
use crate::accounts::domain::CurrentUser;
use crate::shared::audit::{record, Action, AuditEntry};
use crate::shared::error::AppError;

/// Wrong passwords typed on the erasure page, per account, within [`WRONG_PASSWORD_WINDOW`],
/// before it refuses for a while. They count with the failed logins (a stolen session must not
/// become a way to guess the password).
pub const MAX_WRONG_PASSWORDS: i64 = 5;
/// See [`MAX_WRONG_PASSWORDS`].
pub const WRONG_PASSWORD_WINDOW: Duration = Duration::minutes(15);

/// The household's own data, whole.
pub async fn household_data(
    pool: &PgPool,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<HouseholdData, AppError> {
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    let mut conn = pool.acquire().await?;
    let household = sqlx::query!(
        r#"select household_id, phone, calendar_token_hash is not null as "has_feed!", created_at
           from household where household_id = $1"#,
        household_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let accounts = sqlx::query!(
        "select email, display_name, locale, created_at, last_login_at
         from app_user where household_id = $1 order by created_at, user_id",
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let addresses: Vec<String> = accounts.iter().map(|a| a.email.to_lowercase()).collect();
    let members = sqlx::query!(
        r#"select first_name, last_name, birth_date, kind, relation,
                  user_id is not null as "has_account!", created_at, updated_at
           from household_member where household_id = $1
           order by kind, birth_date, first_name"#,
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let consents = sqlx::query!(
        r#"select c.kind, c.granted, c.text_version, c.created_at,
                  m.first_name || ' ' || m.last_name as "member?",
                  u.display_name as "given_by?"
           from consent c
           left join household_member m on m.member_id = c.member_id
           left join app_user u on u.user_id = c.given_by
           where c.household_id = $1
           order by c.created_at, c.consent_id"#,
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let bookings = sqlx::query!(
        r#"select b.booking_id, b.status, b.created_at, b.cancelled_at, b.cancelled_late,
                  b.cancelled_by_centre, b.cancel_reason,
                  coalesce(gs.title, c.title) as "title!",
                  s.name as service, ce.name as centre,
                  coalesce(gs.starts_at, cm.starts_at, b.created_at) as "starts_at!",
                  coalesce(gs.ends_at, cm.ends_at, b.created_at) as "ends_at!",
                  cm.meetings as "meetings?",
                  u.display_name as "booked_by?",
                  array(select m.first_name || ' ' || m.last_name
                          from booking_participant bp
                          join household_member m on m.member_id = bp.member_id
                         where bp.booking_id = b.booking_id
                         order by m.birth_date, m.first_name) as "who!"
           from booking b
           left join group_session gs on gs.group_session_id = b.group_session_id
           left join cycle c on c.cycle_id = b.cycle_id
           left join lateral (
               select x.starts_at, x.ends_at, count(*) over () as meetings
               from group_session x where x.cycle_id = b.cycle_id
               order by x.starts_at limit 1) cm on true
           join service s on s.service_id = coalesce(gs.service_id, c.service_id)
           join centre ce on ce.centre_id = s.centre_id
           left join app_user u on u.user_id = b.booked_by
           where b.household_id = $1
           order by coalesce(gs.starts_at, cm.starts_at, b.created_at), b.queue_number"#,
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let attendance = sqlx::query!(
        r#"select gs.title, gs.starts_at, m.first_name || ' ' || m.last_name as "who!",
                  a.status, a.note
           from attendance a
           join household_member m on m.member_id = a.member_id
           join group_session gs on gs.group_session_id = a.group_session_id
           where m.household_id = $1
           order by gs.starts_at, m.first_name"#,
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let messages = sqlx::query!(
        "select recipient, subject, created_at, sent_at, status, body_text
         from outbox_message where lower(recipient) = any($1)
         order by created_at desc, outbox_message_id",
        &addresses
    )
    .fetch_all(&mut *conn)
    .await?;
    let cases = household_cases(&mut conn, household_id).await?;
    Ok(HouseholdData {
        generated_at: now,
        cases,
        household: HouseholdInfo {
            household_id: household.household_id,
            phone: household.phone,
            has_calendar_feed: household.has_feed,
            created_at: household.created_at,
        },
        accounts: accounts
            .into_iter()
            .map(|row| AccountData {
                email: row.email,
                name: row.display_name,
                language: row.locale,
                created_at: row.created_at,
                last_login_at: row.last_login_at,
            })
            .collect(),
        members: members
            .into_iter()
            .map(|row| MemberData {
                first_name: row.first_name,
                last_name: row.last_name,
                birth_date: row.birth_date,
                kind: row.kind,
                relation: row.relation,
                has_account: row.has_account,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
            .collect(),
        consents: consents
            .into_iter()
            .map(|row| ConsentData {
                kind: row.kind,
                granted: row.granted,
                text_version: row.text_version,
                member: row.member,
                given_by: row.given_by,
                at: row.created_at,
            })
            .collect(),
        bookings: bookings
            .into_iter()
            .map(|row| BookingData {
                booking_id: row.booking_id,
                centre: row.centre,
                service: row.service,
                title: row.title,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                cycle_meetings: row.meetings,
                status: row.status,
                who: row.who,
                booked_by: row.booked_by,
                booked_at: row.created_at,
                cancelled_at: row.cancelled_at,
                cancelled_late: row.cancelled_late,
                cancelled_by_centre: row.cancelled_by_centre,
                cancel_reason: row.cancel_reason,
            })
            .collect(),
        attendance: attendance
            .into_iter()
            .map(|row| AttendanceData {
                title: row.title,
                starts_at: row.starts_at,
                who: row.who,
                status: row.status,
                note: row.note,
            })
            .collect(),
        messages: messages
            .into_iter()
            .map(|row| MessageData {
                to: row.recipient,
                subject: row.subject,
                written_at: row.created_at,
                sent_at: row.sent_at,
                status: row.status,
                body: (!row.body_text.is_empty()).then_some(row.body_text),
            })
            .collect(),
    })
}

/// The household's case paths, through its own party row only: its own appointments and
/// times, never another party's, nor notes or visit reports.
async fn household_cases(
    conn: &mut sqlx::PgConnection,
    household_id: Uuid,
) -> Result<Vec<CaseData>, AppError> {
    let cases = sqlx::query!(
        "select p.case_party_id, c.status, c.opened_at, c.closed_at, s.name as service,
                ce.name as centre
         from case_party p
         join case_path c on c.case_path_id = p.case_path_id
         join service s on s.service_id = c.service_id
         join centre ce on ce.centre_id = s.centre_id
         where p.household_id = $1
         order by c.opened_at, c.case_path_id",
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let appointments = sqlx::query!(
        r#"select t.case_party_id, t.arrives_at, t.leaves_at, t.attendance, a.place, a.status,
                  r.name as "room?"
           from case_party p
           join appointment_party_time t on t.case_party_id = p.case_party_id
           join case_appointment a on a.case_appointment_id = t.case_appointment_id
           left join room r on r.room_id = a.room_id
           where p.household_id = $1
           order by t.arrives_at"#,
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(cases
        .into_iter()
        .map(|case| CaseData {
            service: case.service,
            centre: case.centre,
            status: case.status,
            opened_at: case.opened_at,
            closed_at: case.closed_at,
            appointments: appointments
                .iter()
                .filter(|a| a.case_party_id == case.case_party_id)
                .map(|a| CaseAppointmentData {
                    arrives_at: a.arrives_at,
                    leaves_at: a.leaves_at,
                    place: a.place.clone(),
                    room: a.room.clone(),
                    status: a.status.clone(),
                    attendance: a.attendance.clone(),
                })
                .collect(),
        })
        .collect())
}

/// A case path the household takes part in, with what erasure needs to know of it.
struct PartyCase {
    case_party_id: Uuid,
    service: String,
    court_ordered: bool,
    closed: bool,
    until: Option<chrono::NaiveDate>,
    kept: bool,
}

/// The household's case paths, and whether each one's record must be kept on `now`'s day.
async fn party_cases(
    conn: &mut sqlx::PgConnection,
    household_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<PartyCase>, AppError> {
    let today = now.with_timezone(&crate::shared::time::ROME).date_naive();
    let rows = sqlx::query!(
        "select p.case_party_id, c.status, c.court_ordered, c.retain_until, c.closed_at,
                s.name as service
         from case_party p
         join case_path c on c.case_path_id = p.case_path_id
         join service s on s.service_id = c.service_id
         where p.household_id = $1
         order by c.opened_at, c.case_path_id",
        household_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let closed_on = row
                .closed_at
                .map(|t| t.with_timezone(&crate::shared::time::ROME).date_naive());
            let until = row.retain_until.or_else(|| {
                closed_on.map(|day| super::retention::retain_until(day, row.court_ordered))
            });
            PartyCase {
                case_party_id: row.case_party_id,
                kept: case_kept(
                    &row.status,
                    row.court_ordered,
                    row.retain_until,
                    closed_on,
                    today,
                ),
                service: row.service,
                court_ordered: row.court_ordered,
                closed: row.status == "closed",
                until,
            }
        })
        .collect())
}

/// What erasing the caller's household would do, for the page that asks for confirmation.
pub async fn erasure_preview(
    pool: &PgPool,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<ErasurePreview, AppError> {
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    let row = sqlx::query!(
        r#"select
             (select count(*) from household_member where household_id = $1) as "members!",
             (select count(*) from booking b
                left join group_session gs on gs.group_session_id = b.group_session_id
               where b.household_id = $1 and b.status <> 'cancelled'
                 and coalesce(gs.starts_at,
                              (select min(x.starts_at) from group_session x
                                where x.cycle_id = b.cycle_id)) > $2) as "to_cancel!",
             coalesce((select not c.granted from consent c
                        where c.household_id = $1 and c.kind = 'data_processing'
                          and c.member_id is null
                        order by c.created_at desc, c.consent_id limit 1), false)
               as "withdrawn!""#,
        household_id,
        now
    )
    .fetch_one(pool)
    .await?;
    let kept_cases = {
        let mut conn = pool.acquire().await?;
        party_cases(&mut conn, household_id, now)
            .await?
            .into_iter()
            .filter(|case| case.kept)
            .map(|case| KeptCase {
                service: case.service,
                court_ordered: case.court_ordered,
                until: case.closed.then_some(case.until).flatten(),
                years: retention_years(case.court_ordered),
            })
            .collect()
    };
    Ok(ErasurePreview {
        kept_cases,
        email: user.email.clone(),
        members: row.members,
        bookings_to_cancel: row.to_cancel,
        consent_withdrawn: row.withdrawn,
    })
}

/// Erases the caller's household, once the account's password is typed again.
///
/// In order: the password is checked (a wrong one changes nothing and counts as a failed
/// login); every session of the household's accounts ends, so no new request of the family gets
/// in; each booking still to come is cancelled through the booking service, as the family would
/// cancel it (the seats go to the waiting list, whose families are told); then one transaction
/// removes the personal data and keeps the anonymous figures:
/// - the accounts are deleted (e-mail, name, password; their sessions and reset links with them),
///   and so are the e-mails written to their addresses and the login attempts on them;
/// - members that no booking or register counts are deleted; the others keep their row, without
///   names or birth date (only adult or child), so the centre's figures still count them;
/// - bookings stay, without who made them or the reason typed; registers' notes go;
/// - consents stay as anonymous records (kind, version, choice, date), without who gave them;
/// - the household keeps its row (bookings point at it), without phone or calendar feed, marked
///   erased (`erasure_requested_at`);
/// - one audit row says an erasure happened, with the figures above and nothing personal.
///
/// A booking of a cycle that has already started cannot be cancelled by a family: it stays,
/// without names, as a past booking would.
pub async fn erase_household(
    pool: &PgPool,
    user: &CurrentUser,
    password: String,
    now: DateTime<Utc>,
) -> Result<ErasureSummary, AppError> {
    let household_id = user.household_id.ok_or(AppError::Forbidden)?;
    check_password(pool, user, household_id, password).await?;

    let accounts: Vec<Uuid> = sqlx::query_scalar!(
        "select user_id from app_user where household_id = $1",
        household_id
    )
    .fetch_all(pool)
    .await?;
    {
        let mut conn = pool.acquire().await?;
        for account in &accounts {
            crate::accounts::session::destroy_all(&mut conn, *account).await?;
        }
    }

    let mut summary = ErasureSummary::default();
    let to_come: Vec<Uuid> = sqlx::query_scalar!(
        r#"select b.booking_id as "booking_id!" from booking b
           left join group_session gs on gs.group_session_id = b.group_session_id
           where b.household_id = $1 and b.status <> 'cancelled'
             and coalesce(gs.starts_at,
                          (select min(x.starts_at) from group_session x
                            where x.cycle_id = b.cycle_id)) > $2
           order by b.queue_number"#,
        household_id,
        now
    )
    .fetch_all(pool)
    .await?;
    for booking_id in to_come {
        match crate::booking::service::cancel(pool, user, booking_id, "", now).await {
            Ok(_) => summary.bookings_cancelled += 1,
            // Started or cancelled in the meantime: it stays as it is, without names.
            Err(AppError::Conflict { .. }) => {}
            Err(error) => return Err(error),
        }
    }

    let mut tx = pool.begin().await?;
    sqlx::query!(
        "select household_id from household where household_id = $1 for update",
        household_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let addresses: Vec<String> = sqlx::query_scalar!(
        r#"select lower(email) as "email!" from app_user where household_id = $1"#,
        household_id
    )
    .fetch_all(&mut *tx)
    .await?;
    summary.messages_deleted = count(
        sqlx::query!(
            "delete from outbox_message where lower(recipient) = any($1)",
            &addresses
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    sqlx::query!(
        "delete from login_attempt where email_key = any($1)",
        &addresses
    )
    .execute(&mut *tx)
    .await?;
    for account in &accounts {
        crate::accounts::session::destroy_all(&mut tx, *account).await?;
    }
    sqlx::query!(
        "update consent set member_id = null, given_by = null where household_id = $1",
        household_id
    )
    .execute(&mut *tx)
    .await?;
    summary.members_deleted = count(
        sqlx::query!(
            "delete from household_member m where m.household_id = $1
               and not exists (select 1 from booking_participant bp where bp.member_id = m.member_id)
               and not exists (select 1 from attendance a where a.member_id = m.member_id)",
            household_id
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    summary.members_anonymised = count(
        sqlx::query!(
            "update household_member
             set first_name = $2, last_name = $2, birth_date = $3, user_id = null
             where household_id = $1",
            household_id,
            ERASED_NAME,
            erased_birth_date()
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    sqlx::query!(
        "update attendance set note = null
         where note is not null
           and member_id in (select member_id from household_member where household_id = $1)",
        household_id
    )
    .execute(&mut *tx)
    .await?;
    // A coordinator's note of a phone call about a person is about that person.
    sqlx::query!(
        "update follow_up_call set note = ''
         where note <> ''
           and member_id in (select member_id from household_member where household_id = $1)",
        household_id
    )
    .execute(&mut *tx)
    .await?;
    summary.bookings_kept = count(
        sqlx::query!(
            "update booking set booked_by = null, cancel_reason = null where household_id = $1",
            household_id
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    // Case paths: a record still kept (open, or closed within its retention period) keeps the
    // household's party with its name, detached from the household; the others lose the name.
    // The requests the household made (or that were made for it) lose their contacts.
    let cases = party_cases(&mut tx, household_id, now).await?;
    let (kept, expired): (Vec<&PartyCase>, Vec<&PartyCase>) =
        cases.iter().partition(|case| case.kept);
    let kept_ids: Vec<Uuid> = kept.iter().map(|case| case.case_party_id).collect();
    let expired_ids: Vec<Uuid> = expired.iter().map(|case| case.case_party_id).collect();
    summary.cases_kept = count(
        sqlx::query!(
            "update case_party set household_id = null, member_id = null
             where case_party_id = any($1)",
            &kept_ids
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    summary.cases_anonymised = count(
        sqlx::query!(
            "update case_party set household_id = null, member_id = null, display_name = $2
             where case_party_id = any($1)",
            &expired_ids,
            ERASED_NAME
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    );
    // A request behind a kept case keeps the name it was made in (the record's); any other
    // loses it and its message too.
    sqlx::query!(
        "update service_request r
         set contact_email = '', contact_phone = '', household_id = null,
             contact_name = case when exists (
                 select 1 from case_path c join case_party p on p.case_path_id = c.case_path_id
                  where c.service_request_id = r.service_request_id
                    and p.case_party_id = any($2)) then r.contact_name else $3 end,
             message = case when exists (
                 select 1 from case_path c join case_party p on p.case_path_id = c.case_path_id
                  where c.service_request_id = r.service_request_id
                    and p.case_party_id = any($2)) then r.message else '' end
         where r.household_id = $1",
        household_id,
        &kept_ids,
        ERASED_NAME
    )
    .execute(&mut *tx)
    .await?;
    summary.accounts_deleted = count(
        sqlx::query!("delete from app_user where household_id = $1", household_id)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    );
    sqlx::query!(
        "update household set phone = '', contact_email = '', calendar_token_hash = null, calendar_token_created_at = null, erasure_requested_at = $2
         where household_id = $1",
        household_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    record(
        &mut tx,
        AuditEntry::new(None, Action::HouseholdErase)
            .entity_id(household_id)
            .detail(serde_json::to_value(summary).map_err(|_| AppError::Internal)?),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        household.id = %household_id,
        bookings_cancelled = summary.bookings_cancelled,
        bookings_kept = summary.bookings_kept,
        "household erased"
    );
    Ok(summary)
}

/// The account's password, typed again: a wrong one is a failed login (and counts towards the
/// same pause).
async fn check_password(
    pool: &PgPool,
    user: &CurrentUser,
    household_id: Uuid,
    password: String,
) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(AppError::validation("password", "errors.password_required"));
    }
    if password.chars().count() > crate::accounts::domain::PASSWORD_MAX_CHARS {
        return Err(AppError::validation("password", "errors.password_wrong"));
    }
    let key = user.email.to_lowercase();
    let since = Utc::now() - WRONG_PASSWORD_WINDOW;
    let wrong = sqlx::query_scalar!(
        r#"select count(*) as "n!" from login_attempt
           where email_key = $1 and not succeeded and attempted_at > $2"#,
        key,
        since
    )
    .fetch_one(pool)
    .await?;
    if wrong >= MAX_WRONG_PASSWORDS {
        return Err(AppError::RateLimited);
    }
    let stored = sqlx::query_scalar!(
        "select password_hash from app_user where user_id = $1 and household_id = $2",
        user.user_id,
        household_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::Forbidden)?;
    if crate::accounts::password::verify(password, stored).await {
        return Ok(());
    }
    sqlx::query!(
        "insert into login_attempt (email_key, succeeded) values ($1, false)",
        key
    )
    .execute(pool)
    .await?;
    Err(AppError::validation("password", "errors.password_wrong"))
}

fn count(rows: u64) -> u32 {
    u32::try_from(rows).unwrap_or(u32::MAX)
}
