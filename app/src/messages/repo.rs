//! The outbox's queries for its page (the worker's own are in worker.rs).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// An e-mail of the outbox as stored.
pub struct OutboxRow {
    pub created_at: DateTime<Utc>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i32,
}

/// The latest 200 e-mails, newest first.
pub async fn latest(conn: &mut PgConnection) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let rows = sqlx::query!(
        "select created_at, kind, recipient, subject, body_text, status, attempts
         from outbox_message order by created_at desc, outbox_message_id limit 200"
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxRow {
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
