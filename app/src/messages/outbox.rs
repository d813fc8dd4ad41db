//! The outbox: e-mails waiting to be sent. A change and the message announcing it are written in
//! one transaction, so a message is never sent for a change that was rolled back, and never lost
//! for one that was committed.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// One e-mail to write to the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// What the message announces, e.g. `booking_confirmed` (for the admin page and the log).
    pub kind: &'static str,
    /// Makes the message idempotent: a second message with the same key is not written.
    /// E.g. `promoted:<booking_id>` or `reminder:<booking_id>:<date>`.
    pub dedupe_key: Option<String>,
    pub recipient: String,
    /// The language the message is written in (`it`, `en`).
    pub locale: String,
    pub subject: String,
    pub body_text: String,
}

/// Where a message's password link goes. The outbox keeps this marker, never the link: the
/// worker makes the link when it sends the message ([`PendingLink`]).
pub const LINK_MARKER: &str = "{{link}}";

/// A password link (a reset, an invitation) to make when the message is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingLink<'a> {
    pub user_id: Uuid,
    pub expires_at: DateTime<Utc>,
    /// `ANCORA_PUBLIC_URL`: the link's site.
    pub base_url: &'a str,
}

/// The PostgreSQL channel [`enqueue`] notifies, so that a waiting worker sends at once instead of
/// at its next poll.
pub const NOTIFY_CHANNEL: &str = "outbox_message";

/// Writes `message` to the outbox on `conn` (normally inside the transaction of the change), and
/// wakes the workers when that transaction commits (a rollback cancels the notification too).
/// Returns false when a message with the same dedupe key was already written.
pub async fn enqueue(conn: &mut PgConnection, message: &NewMessage) -> Result<bool, sqlx::Error> {
    insert(conn, message, None).await
}

/// [`enqueue`] for a message whose body holds [`LINK_MARKER`]: the link is made when it is sent.
pub async fn enqueue_with_link(
    conn: &mut PgConnection,
    message: &NewMessage,
    link: &PendingLink<'_>,
) -> Result<bool, sqlx::Error> {
    insert(conn, message, Some(link)).await
}

async fn insert(
    conn: &mut PgConnection,
    message: &NewMessage,
    link: Option<&PendingLink<'_>>,
) -> Result<bool, sqlx::Error> {
    let written = sqlx::query!(
        r#"insert into outbox_message (kind, dedupe_key, recipient, locale, subject, body_text,
                                       link_user_id, link_expires_at, link_base_url)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           on conflict (dedupe_key) do nothing"#,
        message.kind,
        message.dedupe_key,
        message.recipient,
        message.locale,
        message.subject,
        message.body_text,
        link.map(|link| link.user_id),
        link.map(|link| link.expires_at),
        link.map(|link| link.base_url),
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if written == 1 {
        // Not a checked macro: pg_notify returns `void`, a type sqlx cannot describe.
        sqlx::query("select pg_notify($1, '')")
            .bind(NOTIFY_CHANNEL)
            .execute(conn)
            .await?;
    }
    Ok(written == 1)
}
