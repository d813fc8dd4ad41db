//! The outbox page's use case: administrators read the latest e-mails, and the read is logged.

use sqlx::PgPool;

use super::domain::OutboxEntry;
use super::repo;
use crate::accounts::domain::{CurrentUser, Role};
use crate::shared::audit::{self, Action, AuditEntry};
use crate::shared::error::AppError;
use crate::shared::time::ROME;

/// The latest e-mails of the outbox (at most 200), newest first. Administrators only: the messages name
/// families and children; the read is in the access log.
pub async fn list_outbox(pool: &PgPool, user: &CurrentUser) -> Result<Vec<OutboxEntry>, AppError> {
    if user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let mut conn = pool.acquire().await?;
    let rows = repo::latest(&mut conn).await?;
    // The recipients' addresses and the messages' text were read.
    audit::record(
        &mut conn,
        AuditEntry::new(Some(user.user_id), Action::OutboxRead)
            .detail(serde_json::json!({"messages": rows.len()})),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxEntry {
            created_label: row
                .created_at
                .with_timezone(&ROME)
                .format("%d/%m %H:%M")
                .to_string(),
            created_at: row.created_at,
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            body_text: row.body_text,
            status: row.status,
            attempts: row.attempts,
        })
        .collect())
}
