//! Reading the audit log: coordinators their centres' rows, administrators every row. The read
//! is itself written to the log.

use chrono::NaiveTime;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{summarize, LogFilter, LogPage, LogParams, LogRow, StaffChoice, PAGE_SIZE};
use super::repo;
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{coordinator_scope, CentreScope};
use crate::shared::audit::{record_in_centres, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::{rome_instant, ROME};

/// A page of the log for `viewer`, newest first: `Forbidden` for operators and families.
pub async fn audit_log(
    pool: &PgPool,
    viewer: &CurrentUser,
    params: &LogParams,
    lang: &str,
) -> Result<LogPage, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let filter = LogFilter::parse(params);
    let locale = crate::shared::lang::content_locale(lang);
    let action = filter.action.map(Action::code);
    let mut stored = repo::rows(
        &mut conn,
        &repo::Query {
            centres: scope.ids(),
            from: filter.from.map(|day| rome_instant(day, NaiveTime::MIN)),
            until: filter
                .to
                .and_then(|day| day.succ_opt())
                .map(|day| rome_instant(day, NaiveTime::MIN)),
            actor: filter.actor,
            action,
            before: filter.before,
            limit: PAGE_SIZE + 1,
            locale,
        },
    )
    .await?;
    let more = stored.len() as i64 > PAGE_SIZE;
    stored.truncate(PAGE_SIZE as usize);
    let staff = repo::staff(&mut conn, scope.ids()).await?;
    // Reading the log is in the log: in each of a coordinator's centres; for an administrator,
    // in each centre whose rows were shown.
    let centres: Vec<Uuid> = match &scope {
        CentreScope::Only(ids) => ids.clone(),
        CentreScope::Every => {
            let mut ids: Vec<Uuid> = Vec::new();
            for row in &stored {
                if let Some(id) = row.centre_id {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids
        }
    };
    let applied = filter.params();
    record_in_centres(
        &mut conn,
        AuditEntry::new(Some(viewer.user_id), Action::AuditLogRead).detail(json!({
            "from": filter.from, "to": filter.to, "actor": filter.actor, "action": action,
            "older_than": filter.before, "rows": stored.len(),
        })),
        &centres,
    )
    .await?;
    let rows = stored
        .into_iter()
        .map(|row| {
            let at = row.occurred_at.with_timezone(&ROME);
            LogRow {
                id: row.audit_log_id,
                when_iso: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                when_label: at.format("%d/%m/%Y %H:%M").to_string(),
                who: row.who,
                action: Action::parse(&row.action),
                action_code: row.action,
                centre: row.centre,
                entity: row.entity,
                entity_id: row.entity_id,
                detail: summarize(&row.detail),
            }
        })
        .collect::<Vec<_>>();
    Ok(LogPage {
        older: if more {
            rows.last().map(|row| row.id)
        } else {
            None
        },
        rows,
        params: applied,
        paged: filter.before.is_some(),
        staff: staff
            .into_iter()
            .map(|(user_id, name)| StaffChoice { user_id, name })
            .collect(),
        every_centre: scope == CentreScope::Every,
    })
}
