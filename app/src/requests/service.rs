//! Requests, referrals and triage: who may do what, the transactions, the audit rows and the
//! e-mails to the family.
//!
//! - A family asks for a service of its polo that is reached by request, for members of its own
//!   household; one open request per household and service.
//! - Coordinators of the service's polo (administrators: every polo) enter referrals, read the
//!   requests (every read audited), assign them, accept them (which opens a case path) or
//!   decline them with a reason. Operators do not see the triage: an assigned operator works
//!   from the case once it is opened. Families are refused; another polo's requests are not
//!   found.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{
    reference_prefix, Assignable, ConcernedMember, ContactBy, DayPart, MemberChoice, MyRequest,
    NewReferral, NewRequest, ReferralInput, ReferralService, ReferredHousehold, RequestDetail,
    RequestForm, RequestInput, RequestStatus, Source, Triage, TriageRow, DECIDED_SHOWN_DAYS,
};
use super::repo::{self, NewCase, NewRequestRow, Recipient, RequestRow};
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{coordinator_scope, CentreScope};
use crate::messages::outbox::{enqueue, NewMessage};
use crate::messages::texts;
use crate::shared::audit::{record, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;
use crate::shared::rate_limit::{self, Limit};
use crate::shared::time::{age_on, ROME};

/// Requests one family account may send in a day: a family asks for a service or two; a script,
/// hundreds.
pub const REQUESTS_PER_ACCOUNT: Limit = Limit {
    kind: "service_request.user",
    max: 10,
    window_minutes: 24 * 60,
};

/// "26 novembre 2026" in Rome.
fn date_label(at: DateTime<Utc>, locale: &str) -> String {
    crate::shared::time::day_of_in_words(at, "%-d %B %Y", locale)
}

fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

fn the_household(user: &CurrentUser) -> Result<Uuid, AppError> {
    user.household_id.ok_or(AppError::Forbidden)
}

/// Whether a family may ask for the service itself (a case path reached by request).
fn requestable(service: &repo::ServiceRow) -> bool {
    service.format == "case_path" && service.access == "request"
}

/// A service a request or a referral may be about: a case path or Spazio Neutro.
fn is_case_service(service: &repo::ServiceRow) -> bool {
    matches!(service.format.as_str(), "case_path" | "supervised_visit")
}

/// The request form of the service `slug` (in the polo `centre`, when several have it) for the
/// family `user`. Not found for a service that is booked online or unknown.
pub async fn request_form(
    pool: &PgPool,
    user: &CurrentUser,
    slug: &str,
    centre: Option<&str>,
    lang: &str,
) -> Result<RequestForm, AppError> {
    let household_id = the_household(user)?;
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    let centre = centre.map(str::trim).filter(|c| !c.is_empty());
    let mut services = repo::services_by_slug(&mut conn, slug.trim(), centre, locale).await?;
    if services.len() != 1 {
        return Err(AppError::NotFound);
    }
    let service = services.remove(0);
    if !is_case_service(&service) {
        return Err(AppError::NotFound);
    }
    let today = crate::shared::clock::today_in_rome();
    let members = repo::members(&mut conn, household_id)
        .await?
        .into_iter()
        .map(|m| MemberChoice {
            member_id: m.member_id,
            name: full_name(&m.first_name, &m.last_name),
            age: age_on(m.birth_date, today),
        })
        .collect();
    Ok(RequestForm {
        service_id: service.service_id,
        service_path: format!("/poli/{}/servizi/{}", service.centre_slug, service.slug),
        may_ask: requestable(&service),
        open_request: repo::has_open_request(&mut conn, household_id, service.service_id).await?,
        service_name: service.name,
        centre_name: service.centre_name,
        members,
        account_email: user.email.clone(),
        household_phone: repo::household_phone(&mut conn, household_id).await?,
    })
}

/// A family's request for `service_id`, for members of its own household. Refused: a service
/// not reached by request (field `service_id`), another household's member (field `members`,
/// nothing written), a second open request for the service (conflict).
pub async fn send_request(
    pool: &PgPool,
    user: &CurrentUser,
    service_id: &str,
    input: &RequestInput,
) -> Result<Uuid, AppError> {
    let household_id = the_household(user)?;
    let service_id = Uuid::parse_str(service_id.trim()).map_err(|_| AppError::NotFound)?;
    let request = NewRequest::parse(input)?;
    rate_limit::count(pool, REQUESTS_PER_ACCOUNT, &user.user_id.to_string()).await?;
    let mut tx = pool.begin().await?;
    let service = repo::service_by_id(&mut tx, service_id, content_locale(&user.locale))
        .await?
        .ok_or(AppError::NotFound)?;
    if !requestable(&service) {
        return Err(AppError::validation(
            "service_id",
            "errors.request_not_requestable",
        ));
    }
    repo::lock_household(&mut tx, household_id).await?;
    let own: Vec<Uuid> = repo::members(&mut tx, household_id)
        .await?
        .into_iter()
        .map(|m| m.member_id)
        .collect();
    if request.members.iter().any(|id| !own.contains(id)) {
        return Err(AppError::validation("members", "errors.member_unknown"));
    }
    if repo::has_open_request(&mut tx, household_id, service_id).await? {
        return Err(AppError::conflict("errors.request_already_open"));
    }
    let parts: Vec<String> = request
        .parts
        .iter()
        .map(|part| DayPart::code(*part).to_string())
        .collect();
    let request_id = repo::insert_request(
        &mut tx,
        &NewRequestRow {
            service_id,
            household_id: Some(household_id),
            source: "family",
            referrer: None,
            court_ordered: false,
            contact_name: &user.display_name,
            contact_email: Some(&user.email),
            contact_phone: request.phone.as_deref(),
            contact_by: request.contact_by.code(),
            message: &request.message,
            days: &request.days,
            parts: &parts,
            created_by: user.user_id,
        },
        &request.members,
    )
    .await?;
    let recipients = repo::household_recipients(&mut tx, household_id).await?;
    tell(
        &mut tx,
        "request_received",
        request_id,
        &recipients,
        |locale| texts::request_received(locale, &service.name, &service.centre_name),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(service_request.id = %request_id, "request received");
    Ok(request_id)
}

/// Writes one e-mail to each recipient (deduplicated per request, kind and address).
async fn tell(
    conn: &mut PgConnection,
    kind: &'static str,
    request_id: Uuid,
    recipients: &[Recipient],
    mail: impl Fn(&str) -> texts::MailText,
) -> Result<(), AppError> {
    for recipient in recipients {
        let text = mail(&recipient.locale);
        enqueue(
            conn,
            &NewMessage {
                kind,
                dedupe_key: Some(format!(
                    "{kind}:{request_id}:{}",
                    recipient.email.to_lowercase()
                )),
                recipient: recipient.email.clone(),
                locale: recipient.locale.clone(),
                subject: text.subject,
                body_text: text.body,
            },
        )
        .await?;
    }
    Ok(())
}

/// The household's requests, newest first.
pub async fn my_requests(
    pool: &PgPool,
    user: &CurrentUser,
    lang: &str,
) -> Result<Vec<MyRequest>, AppError> {
    let household_id = the_household(user)?;
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    Ok(repo::household_requests(&mut conn, household_id, locale)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(MyRequest {
                request_id: row.service_request_id,
                service: row.service,
                date_label: date_label(row.created_at, locale),
                status: RequestStatus::parse(&row.status)?,
                decline_reason: row.decline_reason,
            })
        })
        .collect())
}

/// The triage of the viewer's polo(s) as of `now`. Coordinators and administrators only.
pub async fn triage(
    pool: &PgPool,
    viewer: &CurrentUser,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Triage, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let locale = content_locale(lang);
    let since = now - Duration::days(DECIDED_SHOWN_DAYS);
    let rows = repo::triage_rows(&mut conn, scope.ids(), since, locale).await?;
    let mut triage = Triage {
        new: Vec::new(),
        in_review: Vec::new(),
        decided: Vec::new(),
        several_centres: scope.ids().is_none_or(|ids| ids.len() > 1),
    };
    let mut centres: Vec<Uuid> = Vec::new();
    for row in rows {
        let (Some(status), Some(source)) = (
            RequestStatus::parse(&row.status),
            Source::parse(&row.source),
        ) else {
            continue;
        };
        if !centres.contains(&row.centre_id) {
            centres.push(row.centre_id);
        }
        let item = TriageRow {
            request_id: row.service_request_id,
            service: row.service,
            centre: row.centre,
            date_label: date_label(row.created_at, locale),
            source,
            court_ordered: row.court_ordered,
            contact_name: row.contact_name,
            assigned: row.assigned,
            status,
        };
        match status {
            RequestStatus::New => triage.new.push(item),
            RequestStatus::InReview => triage.in_review.push(item),
            _ => triage.decided.push(item),
        }
    }
    // The list names the families who asked: a read of their data, in each polo's log.
    let count = triage.new.len() + triage.in_review.len() + triage.decided.len();
    let logged: Vec<Uuid> = match &scope {
        CentreScope::Only(ids) => ids.clone(),
        CentreScope::Every => centres,
    };
    if logged.is_empty() {
        record(
            &mut conn,
            AuditEntry::new(Some(viewer.user_id), Action::RequestRead).detail(json!({"rows": 0})),
        )
        .await?;
    }
    for centre in logged {
        record(
            &mut conn,
            AuditEntry::new(Some(viewer.user_id), Action::RequestRead)
                .centre(centre)
                .detail(json!({"rows": count})),
        )
        .await?;
    }
    Ok(triage)
}

/// How many new requests wait in the viewer's polo(s). Coordinators and administrators only.
pub async fn new_count(pool: &PgPool, viewer: &CurrentUser) -> Result<i64, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    repo::new_count(&mut conn, scope.ids()).await
}

/// A request of the viewer's polo(s), with its row locked when `lock`; not found otherwise.
async fn reachable(
    conn: &mut PgConnection,
    viewer: &CurrentUser,
    request_id: &str,
    locale: &str,
    lock: bool,
) -> Result<RequestRow, AppError> {
    let scope = coordinator_scope(conn, viewer).await?;
    let request_id = Uuid::parse_str(request_id.trim()).map_err(|_| AppError::NotFound)?;
    repo::request(conn, request_id, locale, lock)
        .await?
        .filter(|row| scope.includes(row.centre_id))
        .ok_or(AppError::NotFound)
}

/// A request's page; every view is in the audit log.
pub async fn request_detail(
    pool: &PgPool,
    viewer: &CurrentUser,
    request_id: &str,
    lang: &str,
) -> Result<RequestDetail, AppError> {
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    let row = reachable(&mut conn, viewer, request_id, locale, false).await?;
    let today = crate::shared::clock::today_in_rome();
    let members = repo::request_members(&mut conn, row.service_request_id)
        .await?
        .into_iter()
        .map(|m| ConcernedMember {
            name: full_name(&m.first_name, &m.last_name),
            age: age_on(m.birth_date, today),
        })
        .collect();
    let assignable = repo::assignable(&mut conn, row.centre_id)
        .await?
        .into_iter()
        .map(|s| Assignable {
            user_id: s.user_id,
            name: s.display_name,
        })
        .collect();
    let case = repo::case_of_request(&mut conn, row.service_request_id).await?;
    record(
        &mut conn,
        AuditEntry::new(Some(viewer.user_id), Action::RequestRead)
            .entity_id(row.service_request_id)
            .centre(row.centre_id),
    )
    .await?;
    Ok(RequestDetail {
        request_id: row.service_request_id,
        service: row.service,
        centre: row.centre,
        status: RequestStatus::parse(&row.status).ok_or(AppError::Internal)?,
        source: Source::parse(&row.source).ok_or(AppError::Internal)?,
        referrer: row.referrer,
        court_ordered: row.court_ordered,
        date_label: date_label(row.created_at, locale),
        has_account: row.household_id.is_some(),
        contact_name: row.contact_name,
        contact_email: row.contact_email,
        contact_phone: row.contact_phone,
        contact_by: ContactBy::parse(&row.contact_by).unwrap_or(ContactBy::Email),
        message: row.message,
        days: row.preferred_days,
        parts: row
            .preferred_slots
            .iter()
            .filter_map(|code| DayPart::parse(code))
            .collect(),
        members,
        assigned_to: row.assigned_to,
        assigned_name: row.assigned_name,
        assignable,
        decline_reason: row.decline_reason,
        decided_label: row.decided_at.map(|at| date_label(at, locale)),
        case,
    })
}

/// Gives a request to an operator (or coordinator) of its polo: it is now under examination.
pub async fn assign(
    pool: &PgPool,
    caller: &CurrentUser,
    request_id: &str,
    operator: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = reachable(&mut tx, caller, request_id, "it", true).await?;
    if !RequestStatus::parse(&row.status).is_some_and(RequestStatus::is_open) {
        return Err(AppError::conflict("errors.request_decided"));
    }
    let operator = Uuid::parse_str(operator.trim())
        .ok()
        .filter(|_| !operator.trim().is_empty());
    let Some(operator) = operator else {
        return Err(AppError::validation(
            "operator",
            "errors.request_operator_required",
        ));
    };
    let staff = repo::assignable(&mut tx, row.centre_id).await?;
    if !staff.iter().any(|s| s.user_id == operator) {
        return Err(AppError::validation("operator", "errors.choice_invalid"));
    }
    repo::assign(&mut tx, row.service_request_id, operator, caller.user_id).await?;
    record(
        &mut tx,
        AuditEntry::new(Some(caller.user_id), Action::RequestAssign)
            .entity_id(row.service_request_id)
            .centre(row.centre_id)
            .detail(json!({"assigned_to": operator})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whom to tell about a decision: the household's accounts, or the referral's contact e-mail.
async fn recipients_of(
    conn: &mut PgConnection,
    row: &RequestRow,
) -> Result<Vec<Recipient>, AppError> {
    match row.household_id {
        Some(household_id) => repo::household_recipients(conn, household_id).await,
        None => Ok(row
            .contact_email
            .iter()
            .map(|email| Recipient {
                email: email.clone(),
                locale: "it".into(),
            })
            .collect()),
    }
}

/// Accepts a request: opens its case path (the assigned operator leads it; the household, or
/// the referral's contact, is its party 'a') in the same transaction, tells the family, and
/// returns the case's id. Without an assigned operator: a field error on `operator`.
pub async fn accept(
    pool: &PgPool,
    caller: &CurrentUser,
    request_id: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let mut tx = pool.begin().await?;
    let row = reachable(&mut tx, caller, request_id, "it", true).await?;
    if !RequestStatus::parse(&row.status).is_some_and(RequestStatus::is_open) {
        return Err(AppError::conflict("errors.request_decided"));
    }
    let Some(lead) = row.assigned_to else {
        return Err(AppError::validation(
            "operator",
            "errors.request_operator_required",
        ));
    };
    let prefix = reference_prefix(&row.service_slug);
    let case_id = repo::open_case(
        &mut tx,
        &NewCase {
            service_id: row.service_id,
            service_request_id: Some(row.service_request_id),
            reference_prefix: &prefix,
            year: now.with_timezone(&ROME).year(),
            court_ordered: row.court_ordered,
            opened_by: caller.user_id,
            lead,
            household_id: row.household_id,
            party_name: &row.contact_name,
        },
    )
    .await?;
    repo::decide(
        &mut tx,
        row.service_request_id,
        "accepted",
        None,
        caller.user_id,
    )
    .await?;
    record(
        &mut tx,
        AuditEntry::new(Some(caller.user_id), Action::RequestAccept)
            .entity_id(row.service_request_id)
            .centre(row.centre_id)
            .detail(json!({"case_path_id": case_id})),
    )
    .await?;
    let recipients = recipients_of(&mut tx, &row).await?;
    tell(
        &mut tx,
        "request_accepted",
        row.service_request_id,
        &recipients,
        |locale| texts::request_accepted(locale, &row.service, &row.centre),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(service_request.id = %row.service_request_id, case_path.id = %case_id, "request accepted");
    Ok(case_id)
}

/// Declines a request with a reason (required, at most 1000 characters) and tells the family.
pub async fn decline(
    pool: &PgPool,
    caller: &CurrentUser,
    request_id: &str,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = reachable(&mut tx, caller, request_id, "it", true).await?;
    let reason = super::domain::parse_reason(reason)?;
    if !RequestStatus::parse(&row.status).is_some_and(RequestStatus::is_open) {
        return Err(AppError::conflict("errors.request_decided"));
    }
    repo::decide(
        &mut tx,
        row.service_request_id,
        "declined",
        Some(&reason),
        caller.user_id,
    )
    .await?;
    record(
        &mut tx,
        AuditEntry::new(Some(caller.user_id), Action::RequestDecline)
            .entity_id(row.service_request_id)
            .centre(row.centre_id),
    )
    .await?;
    let recipients = recipients_of(&mut tx, &row).await?;
    tell(
        &mut tx,
        "request_declined",
        row.service_request_id,
        &recipients,
        |locale| texts::request_declined(locale, &row.service, &row.centre, &reason),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The services a coordinator may enter a referral for.
pub async fn referral_services(
    pool: &PgPool,
    viewer: &CurrentUser,
    lang: &str,
) -> Result<Vec<ReferralService>, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let several = scope.ids().is_none_or(|ids| ids.len() > 1);
    Ok(
        repo::referral_services(&mut conn, scope.ids(), content_locale(lang))
            .await?
            .into_iter()
            .map(|s| ReferralService {
                service_id: s.service_id,
                name: if several {
                    format!("{} · {}", s.name, s.centre_name)
                } else {
                    s.name
                },
            })
            .collect(),
    )
}

/// A referral entered by a coordinator on behalf of a household: a family account found by its
/// exact e-mail, or a contact with no account. Returns the request's id.
pub async fn enter_referral(
    pool: &PgPool,
    caller: &CurrentUser,
    input: &ReferralInput,
) -> Result<Uuid, AppError> {
    let mut tx = pool.begin().await?;
    let scope = coordinator_scope(&mut tx, caller).await?;
    let referral = NewReferral::parse(input)?;
    let service = repo::service_by_id(&mut tx, referral.service_id, "it")
        .await?
        .filter(|s| scope.includes(s.centre_id) && is_case_service(s))
        .ok_or_else(|| AppError::validation("service_id", "errors.choice_invalid"))?;
    let (household_id, name, email, phone) = match &referral.household {
        ReferredHousehold::Account { email_key } => {
            let account = repo::family_account(&mut tx, email_key)
                .await?
                .ok_or_else(|| {
                    AppError::validation("account_email", "errors.request_account_unknown")
                })?;
            let phone = (!account.phone.is_empty()).then_some(account.phone);
            (
                Some(account.household_id),
                account.display_name,
                Some(account.email),
                phone,
            )
        }
        ReferredHousehold::Contact { name, email, phone } => {
            (None, name.clone(), email.clone(), phone.clone())
        }
    };
    if let Some(household_id) = household_id {
        repo::lock_household(&mut tx, household_id).await?;
        if repo::has_open_request(&mut tx, household_id, service.service_id).await? {
            return Err(AppError::conflict("errors.request_already_open"));
        }
    }
    let contact_by = if email.is_some() { "email" } else { "phone" };
    let request_id = repo::insert_request(
        &mut tx,
        &NewRequestRow {
            service_id: service.service_id,
            household_id,
            source: "referral",
            referrer: Some(&referral.referrer),
            court_ordered: referral.court_ordered,
            contact_name: &name,
            contact_email: email.as_deref(),
            contact_phone: phone.as_deref(),
            contact_by,
            message: &referral.message,
            days: &[],
            parts: &[],
            created_by: caller.user_id,
        },
        &[],
    )
    .await?;
    record(
        &mut tx,
        AuditEntry::new(Some(caller.user_id), Action::RequestReferral)
            .entity_id(request_id)
            .centre(service.centre_id)
            .detail(json!({
                "service_id": service.service_id,
                "household_id": household_id,
                "court_ordered": referral.court_ordered,
            })),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(service_request.id = %request_id, "referral entered");
    Ok(request_id)
}

/// The household's active family accounts (its adults who log in): who is told of its requests
/// and of its case paths' appointments.
pub async fn household_recipients(
    conn: &mut sqlx::PgConnection,
    household_id: Uuid,
) -> Result<Vec<repo::Recipient>, AppError> {
    repo::household_recipients(conn, household_id).await
}
