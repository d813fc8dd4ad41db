//! The follow-up list and its calls: coordinators of the service's centre and administrators
//! only. Reading the list and every call are in the audit log (ids and counts, never names).

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{to_call, window_start, CallNote, EventLabel, FollowUpList, FollowUpRow};
use super::repo;
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{coordinator_scope, CentreScope};
use crate::shared::audit::{record, record_in_centres, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::day_label;

/// The persons to call, as of `now`, in the viewer's centres (every centre for an
/// administrator). `Forbidden` for operators and families.
pub async fn list(
    pool: &PgPool,
    viewer: &CurrentUser,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<FollowUpList, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let locale = crate::shared::lang::content_locale(lang);
    let events = repo::events(&mut conn, scope.ids(), window_start(now), now).await?;
    let persons = to_call(&events, now);
    let pairs: Vec<(Uuid, Uuid)> = persons
        .iter()
        .map(|p| (p.member_id, p.service_id))
        .collect();
    let contacts = if pairs.is_empty() {
        Vec::new()
    } else {
        repo::contacts(&mut conn, &pairs, locale).await?
    };
    let mut rows = Vec::new();
    let mut shown: Vec<Uuid> = Vec::new();
    for person in persons {
        let Some(contact) = contacts
            .iter()
            .find(|c| c.member_id == person.member_id && c.service_id == person.service_id)
        else {
            continue;
        };
        if !shown.contains(&contact.centre_id) {
            shown.push(contact.centre_id);
        }
        rows.push(FollowUpRow {
            member_id: person.member_id,
            service_id: person.service_id,
            person: format!("{} {}", contact.first_name, contact.last_name)
                .trim()
                .to_string(),
            emails: contact.emails.clone(),
            phone: contact.phone.clone(),
            contact_email: contact.contact_email.clone(),
            service: contact.service.clone(),
            centre: contact.centre.clone(),
            events: person
                .events
                .iter()
                .map(|(at, kind)| EventLabel {
                    day_label: day_label(*at, locale),
                    kind: *kind,
                })
                .collect(),
        });
    }
    // The households' contacts were read: in the log of each of a coordinator's centres, or
    // of each centre shown to an administrator.
    let centres: Vec<Uuid> = match &scope {
        CentreScope::Only(ids) => ids.clone(),
        CentreScope::Every => shown,
    };
    for centre in &centres {
        let in_centre = rows
            .iter()
            .filter(|row| {
                contacts
                    .iter()
                    .any(|c| c.service_id == row.service_id && c.centre_id == *centre)
            })
            .count();
        record_in_centres(
            &mut conn,
            AuditEntry::new(Some(viewer.user_id), Action::FollowUpRead)
                .detail(json!({"rows": in_centre})),
            &[*centre],
        )
        .await?;
    }
    if centres.is_empty() {
        record(
            &mut conn,
            AuditEntry::new(Some(viewer.user_id), Action::FollowUpRead).detail(json!({"rows": 0})),
        )
        .await?;
    }
    Ok(FollowUpList {
        rows,
        several_centres: scope.ids().is_none_or(|ids| ids.len() > 1),
    })
}

/// Records that `caller` phoned about a person's absences in a service: the person leaves the
/// list until their next absence. A service out of the caller's centres, or a person the
/// service never had, is not found.
pub async fn mark_called(
    pool: &PgPool,
    caller: &CurrentUser,
    member_id: &str,
    service_id: &str,
    note: &str,
) -> Result<Uuid, AppError> {
    let mut tx = pool.begin().await?;
    let scope = coordinator_scope(&mut tx, caller).await?;
    let member_id = Uuid::parse_str(member_id.trim()).map_err(|_| AppError::NotFound)?;
    let service_id = Uuid::parse_str(service_id.trim()).map_err(|_| AppError::NotFound)?;
    let centre_id = repo::service_centre(&mut tx, service_id)
        .await?
        .filter(|centre| scope.includes(*centre))
        .ok_or(AppError::NotFound)?;
    if !repo::known_to_service(&mut tx, member_id, service_id).await? {
        return Err(AppError::NotFound);
    }
    let note = CallNote::parse(note)?;
    let call_id = repo::insert_call(
        &mut tx,
        member_id,
        service_id,
        caller.user_id,
        note.as_str(),
    )
    .await?;
    record(
        &mut tx,
        AuditEntry::new(Some(caller.user_id), Action::FollowUpCall)
            .entity_id(call_id)
            .centre(centre_id)
            .detail(json!({"member_id": member_id, "service_id": service_id})),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(follow_up_call.id = %call_id, "follow-up call recorded");
    Ok(call_id)
}
