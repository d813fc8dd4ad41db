//! The queries of requests, referrals and triage, and the opening of a case path.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// A service as a request needs it.
pub struct ServiceRow {
    pub service_id: Uuid,
    pub centre_id: Uuid,
    pub slug: String,
    pub centre_slug: String,
    pub name: String,
    pub centre_name: String,
    pub format: String,
    pub access: String,
}

/// The active services called `slug` (in the centre called `centre`, when given), in `locale`.
pub async fn services_by_slug(
    conn: &mut PgConnection,
    slug: &str,
    centre: Option<&str>,
    locale: &str,
) -> Result<Vec<ServiceRow>, AppError> {
    Ok(sqlx::query_as!(
        ServiceRow,
        r#"select s.service_id, s.centre_id, s.slug, c.slug as centre_slug,
                  coalesce(st.name, s.name) as "name!", coalesce(ct.name, c.name) as "centre_name!",
                  s.format, s.access
           from service s
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $3
           where s.slug = $1 and s.is_active and ($2::text is null or c.slug = $2)
           order by c.slug"#,
        slug,
        centre,
        locale
    )
    .fetch_all(conn)
    .await?)
}

/// An active service by its id, in `locale`.
pub async fn service_by_id(
    conn: &mut PgConnection,
    service_id: Uuid,
    locale: &str,
) -> Result<Option<ServiceRow>, AppError> {
    Ok(sqlx::query_as!(
        ServiceRow,
        r#"select s.service_id, s.centre_id, s.slug, c.slug as centre_slug,
                  coalesce(st.name, s.name) as "name!", coalesce(ct.name, c.name) as "centre_name!",
                  s.format, s.access
           from service s
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           where s.service_id = $1 and s.is_active"#,
        service_id,
        locale
    )
    .fetch_optional(conn)
    .await?)
}

/// A member of a household.
pub struct MemberRow {
    pub member_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
}

/// The members of a household, adults first, then by birth.
pub async fn members(
    conn: &mut PgConnection,
    household_id: Uuid,
) -> Result<Vec<MemberRow>, AppError> {
    Ok(sqlx::query_as!(
        MemberRow,
        "select member_id, first_name, last_name, birth_date from household_member
         where household_id = $1 order by kind, birth_date, first_name",
        household_id
    )
    .fetch_all(conn)
    .await?)
}

/// The household's phone ('' when none was given).
pub async fn household_phone(
    conn: &mut PgConnection,
    household_id: Uuid,
) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!(
        "select phone from household where household_id = $1",
        household_id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or_default())
}

/// Takes the household's row lock for the rest of the transaction, so that two requests of
/// one household are decided one after the other (one open request per service).
pub async fn lock_household(conn: &mut PgConnection, household_id: Uuid) -> Result<(), AppError> {
    sqlx::query_scalar!(
        "select household_id from household where household_id = $1 for update",
        household_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(())
}

/// Whether the household has a request for the service still to be decided.
pub async fn has_open_request(
    conn: &mut PgConnection,
    household_id: Uuid,
    service_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from service_request
                         where household_id = $1 and service_id = $2
                           and status in ('new', 'in_review')) as "open!""#,
        household_id,
        service_id
    )
    .fetch_one(conn)
    .await?)
}

/// A request to write.
pub struct NewRequestRow<'a> {
    pub service_id: Uuid,
    pub household_id: Option<Uuid>,
    pub source: &'a str,
    pub referrer: Option<&'a str>,
    pub court_ordered: bool,
    pub contact_name: &'a str,
    pub contact_email: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
    pub contact_by: &'a str,
    pub message: &'a str,
    pub days: &'a [i16],
    pub parts: &'a [String],
    pub created_by: Uuid,
}

/// Writes a request (status 'new') and the members it concerns; returns its id.
pub async fn insert_request(
    conn: &mut PgConnection,
    row: &NewRequestRow<'_>,
    members: &[Uuid],
) -> Result<Uuid, AppError> {
    let id = sqlx::query_scalar!(
        "insert into service_request (service_id, household_id, source, referrer, court_ordered,
                                      contact_name, contact_email, contact_phone, contact_by,
                                      message, preferred_days, preferred_slots, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         returning service_request_id",
        row.service_id,
        row.household_id,
        row.source,
        row.referrer,
        row.court_ordered,
        row.contact_name,
        row.contact_email,
        row.contact_phone,
        row.contact_by,
        row.message,
        row.days,
        row.parts,
        row.created_by
    )
    .fetch_one(&mut *conn)
    .await?;
    if !members.is_empty() {
        sqlx::query!(
            "insert into service_request_member (service_request_id, member_id)
             select $1, unnest($2::uuid[])",
            id,
            members
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Whom to write to about a household's request: its family accounts.
pub struct Recipient {
    pub email: String,
    pub locale: String,
}

/// The household's active family accounts (its adults who log in).
pub async fn household_recipients(
    conn: &mut PgConnection,
    household_id: Uuid,
) -> Result<Vec<Recipient>, AppError> {
    Ok(sqlx::query_as!(
        Recipient,
        "select email, locale from app_user
         where household_id = $1 and role = 'family' and is_active order by email",
        household_id
    )
    .fetch_all(conn)
    .await?)
}

/// A family account, by the key of its e-mail (lowercase).
pub struct AccountRow {
    pub household_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub phone: String,
}

pub async fn family_account(
    conn: &mut PgConnection,
    email_key: &str,
) -> Result<Option<AccountRow>, AppError> {
    Ok(sqlx::query_as!(
        AccountRow,
        r#"select u.household_id as "household_id!", u.display_name, u.email, h.phone
           from app_user u join household h on h.household_id = u.household_id
           where lower(u.email) = $1 and u.role = 'family' and u.is_active
             and h.erasure_requested_at is null"#,
        email_key
    )
    .fetch_optional(conn)
    .await?)
}

/// One of the household's requests.
pub struct MyRequestRow {
    pub service_request_id: Uuid,
    pub service: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub decline_reason: Option<String>,
}

pub async fn household_requests(
    conn: &mut PgConnection,
    household_id: Uuid,
    locale: &str,
) -> Result<Vec<MyRequestRow>, AppError> {
    Ok(sqlx::query_as!(
        MyRequestRow,
        r#"select r.service_request_id, coalesce(st.name, s.name) as "service!", r.created_at,
                  r.status, r.decline_reason
           from service_request r
           join service s on s.service_id = r.service_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           where r.household_id = $1
           order by r.created_at desc"#,
        household_id,
        locale
    )
    .fetch_all(conn)
    .await?)
}

/// A request as the triage lists it.
pub struct TriageRowData {
    pub service_request_id: Uuid,
    pub service: String,
    pub centre_id: Uuid,
    pub centre: String,
    pub created_at: DateTime<Utc>,
    pub source: String,
    pub court_ordered: bool,
    pub contact_name: String,
    pub assigned: Option<String>,
    pub status: String,
}

/// The requests of `centres` (`None`: every centre) still open, and those decided since
/// `decided_since`; oldest first for the open ones (first come, first served).
pub async fn triage_rows(
    conn: &mut PgConnection,
    centres: Option<&[Uuid]>,
    decided_since: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<TriageRowData>, AppError> {
    Ok(sqlx::query_as!(
        TriageRowData,
        r#"select r.service_request_id, coalesce(st.name, s.name) as "service!",
                  c.centre_id, coalesce(ct.name, c.name) as "centre!",
                  r.created_at, r.source, r.court_ordered, r.contact_name,
                  u.display_name as "assigned?", r.status
           from service_request r
           join service s on s.service_id = r.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $3
           left join app_user u on u.user_id = r.assigned_to
           where ($1::uuid[] is null or s.centre_id = any($1))
             and (r.status in ('new', 'in_review')
                  or coalesce(r.decided_at, r.updated_at) >= $2)
           order by case when r.status in ('new', 'in_review') then r.created_at end asc,
                    coalesce(r.decided_at, r.updated_at) desc"#,
        centres,
        decided_since,
        locale
    )
    .fetch_all(conn)
    .await?)
}

/// How many new requests wait in `centres` (`None`: every centre).
pub async fn new_count(conn: &mut PgConnection, centres: Option<&[Uuid]>) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from service_request r
           join service s on s.service_id = r.service_id
           where r.status = 'new' and ($1::uuid[] is null or s.centre_id = any($1))"#,
        centres
    )
    .fetch_one(conn)
    .await?)
}

/// A request, as its page and its decisions need it.
pub struct RequestRow {
    pub service_request_id: Uuid,
    pub service_id: Uuid,
    pub service_slug: String,
    pub service: String,
    pub centre_id: Uuid,
    pub centre: String,
    pub household_id: Option<Uuid>,
    pub source: String,
    pub referrer: Option<String>,
    pub court_ordered: bool,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_by: String,
    pub message: String,
    pub preferred_days: Vec<i16>,
    pub preferred_slots: Vec<String>,
    pub status: String,
    pub assigned_to: Option<Uuid>,
    pub assigned_name: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A request; with `lock`, its row is locked until the transaction ends (a decision).
pub async fn request(
    conn: &mut PgConnection,
    request_id: Uuid,
    locale: &str,
    lock: bool,
) -> Result<Option<RequestRow>, AppError> {
    if lock {
        sqlx::query_scalar!(
            "select service_request_id from service_request where service_request_id = $1 for update",
            request_id
        )
        .fetch_optional(&mut *conn)
        .await?;
    }
    Ok(sqlx::query_as!(
        RequestRow,
        r#"select r.service_request_id, r.service_id, s.slug as service_slug,
                  coalesce(st.name, s.name) as "service!",
                  c.centre_id, coalesce(ct.name, c.name) as "centre!",
                  r.household_id, r.source, r.referrer, r.court_ordered, r.contact_name,
                  r.contact_email, r.contact_phone, r.contact_by, r.message, r.preferred_days,
                  r.preferred_slots, r.status, r.assigned_to,
                  u.display_name as "assigned_name?", r.decline_reason, r.created_at, r.decided_at
           from service_request r
           join service s on s.service_id = r.service_id
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           left join app_user u on u.user_id = r.assigned_to
           where r.service_request_id = $1"#,
        request_id,
        locale
    )
    .fetch_optional(conn)
    .await?)
}

/// The members a request concerns.
pub async fn request_members(
    conn: &mut PgConnection,
    request_id: Uuid,
) -> Result<Vec<MemberRow>, AppError> {
    Ok(sqlx::query_as!(
        MemberRow,
        "select m.member_id, m.first_name, m.last_name, m.birth_date
         from service_request_member rm
         join household_member m on m.member_id = rm.member_id
         where rm.service_request_id = $1
         order by m.kind, m.birth_date, m.first_name",
        request_id
    )
    .fetch_all(conn)
    .await?)
}

/// Staff a request of `centre` may be given to: its active operators and coordinators.
pub struct StaffRow {
    pub user_id: Uuid,
    pub display_name: String,
}

pub async fn assignable(
    conn: &mut PgConnection,
    centre_id: Uuid,
) -> Result<Vec<StaffRow>, AppError> {
    Ok(sqlx::query_as!(
        StaffRow,
        "select u.user_id, u.display_name from staff_centre sc
         join app_user u on u.user_id = sc.user_id
         where sc.centre_id = $1 and u.is_active and u.role in ('operator', 'coordinator')
         order by u.display_name",
        centre_id
    )
    .fetch_all(conn)
    .await?)
}

/// Gives a request to `operator`: it is now under examination.
pub async fn assign(
    conn: &mut PgConnection,
    request_id: Uuid,
    operator: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    sqlx::query!(
        "update service_request set assigned_to = $2, handled_by = $3, status = 'in_review'
         where service_request_id = $1",
        request_id,
        operator,
        by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the decision on a request: 'accepted', or 'declined' with its reason.
pub async fn decide(
    conn: &mut PgConnection,
    request_id: Uuid,
    status: &str,
    reason: Option<&str>,
    by: Uuid,
) -> Result<(), AppError> {
    sqlx::query!(
        "update service_request set status = $2, decline_reason = $3, decided_at = now(),
                                    handled_by = $4
         where service_request_id = $1",
        request_id,
        status,
        reason,
        by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A case path to open.
pub struct NewCase<'a> {
    pub service_id: Uuid,
    /// The request it answers (none for a case opened otherwise, e.g. the demo data).
    pub service_request_id: Option<Uuid>,
    /// The prefix of its reference (`MED`; see `domain::reference_prefix`).
    pub reference_prefix: &'a str,
    /// The year of its reference (the year it is opened, in Rome).
    pub year: i32,
    pub court_ordered: bool,
    pub opened_by: Uuid,
    /// The assigned operator: the case's lead.
    pub lead: Uuid,
    /// The household of party 'a', if it has an account.
    pub household_id: Option<Uuid>,
    /// Party 'a' as staff know it: the household's name or the contact's.
    pub party_name: &'a str,
}

/// Opens a case path: the case (its reference `MED-2026-0007`, the count of that prefix and
/// year plus one, under a lock per prefix and year so that two cases opened at once never
/// take the same number), its lead (`case_staff`, is_lead) and its party 'a'. Returns the
/// case's id. Run it inside the transaction of the change that opens the case.
pub async fn open_case(conn: &mut PgConnection, case: &NewCase<'_>) -> Result<Uuid, AppError> {
    let pattern = format!("{}-{}-", case.reference_prefix, case.year);
    let lock = format!("case_reference:{pattern}");
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1, 0))",
        lock
    )
    .execute(&mut *conn)
    .await?;
    let taken = sqlx::query_scalar!(
        r#"select count(*) as "n!" from case_path where starts_with(reference, $1)"#,
        pattern
    )
    .fetch_one(&mut *conn)
    .await?;
    let reference = super::domain::case_reference(case.reference_prefix, case.year, taken + 1);
    let case_id = sqlx::query_scalar!(
        "insert into case_path (service_id, service_request_id, reference, court_ordered, opened_by)
         values ($1, $2, $3, $4, $5) returning case_path_id",
        case.service_id,
        case.service_request_id,
        reference,
        case.court_ordered,
        case.opened_by
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)",
        case_id,
        case.lead
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into case_party (case_path_id, household_id, party, display_name)
         values ($1, $2, 'a', $3)",
        case_id,
        case.household_id,
        case.party_name
    )
    .execute(&mut *conn)
    .await?;
    Ok(case_id)
}

/// The case a request opened: (id, reference).
pub async fn case_of_request(
    conn: &mut PgConnection,
    request_id: Uuid,
) -> Result<Option<(Uuid, String)>, AppError> {
    Ok(sqlx::query!(
        "select case_path_id, reference from case_path where service_request_id = $1
         order by opened_at limit 1",
        request_id
    )
    .fetch_optional(conn)
    .await?
    .map(|row| (row.case_path_id, row.reference)))
}

/// The services a referral may be for in `centres` (`None`: every centre): case paths and
/// Spazio Neutro, in `locale`.
pub async fn referral_services(
    conn: &mut PgConnection,
    centres: Option<&[Uuid]>,
    locale: &str,
) -> Result<Vec<ServiceRow>, AppError> {
    Ok(sqlx::query_as!(
        ServiceRow,
        r#"select s.service_id, s.centre_id, s.slug, c.slug as centre_slug,
                  coalesce(st.name, s.name) as "name!", coalesce(ct.name, c.name) as "centre_name!",
                  s.format, s.access
           from service s
           join centre c on c.centre_id = s.centre_id
           left join service_translation st on st.service_id = s.service_id and st.locale = $2
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $2
           where s.is_active and s.format in ('case_path', 'supervised_visit')
             and ($1::uuid[] is null or s.centre_id = any($1))
           order by c.slug, s.position, s.slug"#,
        centres,
        locale
    )
    .fetch_all(conn)
    .await?)
}
