//! What the outbox page asks the server for (administrators only).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::shared::error::AppError;

/// An e-mail in the outbox, as the administrator reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub created_at: DateTime<Utc>,
    /// "25/11 17:02" in Rome.
    pub created_label: String,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
}

/// The latest e-mails of the outbox (at most 200), newest first. Administrators only: the
/// messages name families and children.
#[server(endpoint = "messages/outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use crate::accounts::domain::Role;
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    if user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.pool.acquire().await?;
    let rows = sqlx::query!(
        "select created_at, kind, recipient, subject, body_text, status, attempts
         from outbox_message order by created_at desc, outbox_message_id limit 200"
    )
    .fetch_all(&mut *conn)
    .await?;
    // The recipients' addresses and the messages' text were read.
    crate::shared::audit::record(
        &mut conn,
        crate::shared::audit::AuditEntry::new(
            Some(user.user_id),
            crate::shared::audit::Action::OutboxRead,
        )
        .detail(serde_json::json!({"messages": rows.len()})),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxEntry {
            created_label: row
                .created_at
                .with_timezone(&crate::shared::time::ROME)
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
