//! The outbox worker: sends the messages that are due, each exactly once, and retries the ones
//! that fail with a growing wait (see [`super::domain`]).
//!
//! # Exactly once with several workers
//!
//! Every server instance runs a worker on the same database. A worker takes one due message at
//! a time, in its own transaction, with `select … for update skip locked`, and keeps that row
//! lock while it talks to the SMTP server; it records the outcome (`sent`, or a new attempt
//! time) and commits. Another worker skips the locked row and takes the next one, and once the
//! lock is released the row is no longer due. So two workers never send the same message.
//!
//! One message per transaction, rather than a batch locked together, so that each message's
//! `sent` is committed right after the server accepted it: if the process dies or loses the
//! database in between, only that one message is sent again later (the lock disappears with the
//! connection, the row is still `pending`). That copy carries the same `Message-ID` (the row's
//! id). A lease (claim, commit, send, mark) would free the row lock but let a slow send be taken
//! over by another worker once the lease expires; holding the lock has no such case, and the
//! SMTP timeout bounds how long it is held.

use std::future::Future;
use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::domain::{retry_delay, status_after_failure, MessageStatus};
use super::mailer::{Mailer, OutgoingMessage, SendError};
use super::outbox::{LINK_MARKER, NOTIFY_CHANNEL};

/// `last_error` keeps the start of the error only: enough to understand it on the admin page.
const LAST_ERROR_MAX_CHARS: usize = 500;

/// What one [`deliver_due`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages the server accepted.
    pub sent: u32,
    /// Messages that failed and will be tried again later.
    pub retrying: u32,
    /// Messages given up on (undeliverable, or out of attempts).
    pub failed: u32,
}

impl DeliveryReport {
    /// How many messages were taken from the outbox.
    pub fn handled(&self) -> u32 {
        self.sent + self.retrying + self.failed
    }
}

/// How the worker loop paces itself.
#[derive(Debug, Clone, Copy)]
pub struct WorkerOptions {
    /// The wait between two looks at the outbox when there was nothing (more) to send.
    pub poll_interval: Duration,
    /// At most this many messages per [`deliver_due`] call; a full batch is followed by the next
    /// one at once.
    pub batch_size: u32,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            poll_interval: Duration::from_secs(5),
            batch_size: 20,
        }
    }
}

/// A due message, locked by the transaction that claimed it.
struct DueMessage {
    outbox_message_id: Uuid,
    kind: String,
    recipient: String,
    subject: String,
    body_text: String,
    attempts: i32,
    link_user_id: Option<Uuid>,
    link_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    link_base_url: Option<String>,
}

impl DueMessage {
    /// The body to send: with a fresh password link in place of the marker, for a message that
    /// has one to make. The token is committed before the send (its own statement), so a copy
    /// sent again after a crash carries a link that works too.
    async fn body(&self, pool: &PgPool) -> Result<String, sqlx::Error> {
        let (Some(user_id), Some(expires_at), Some(base_url)) = (
            self.link_user_id,
            self.link_expires_at,
            self.link_base_url.as_deref(),
        ) else {
            return Ok(self.body_text.clone());
        };
        let mut conn = pool.acquire().await?;
        let link =
            crate::accounts::service::password_link_until(&mut conn, user_id, expires_at, base_url)
                .await?;
        Ok(self.body_text.replace(LINK_MARKER, &link))
    }
}

/// Sends up to `batch_size` due messages (pending, `next_attempt_at` passed, oldest first) with
/// `mailer`, one transaction per message (see the module's documentation), and records each
/// outcome. Stops early when no due message is left. A database error stops the batch; the
/// message in hand stays pending (so, if the server had already accepted it, it is sent again
/// later, with the same `Message-ID`).
pub async fn deliver_due(
    pool: &PgPool,
    mailer: &impl Mailer,
    batch_size: u32,
) -> Result<DeliveryReport, sqlx::Error> {
    let mut report = DeliveryReport::default();
    while report.handled() < batch_size {
        let mut tx = pool.begin().await?;
        let Some(message) = claim_next_due(&mut tx).await? else {
            tx.rollback().await?;
            break;
        };
        let body_text = message.body(pool).await?;
        let outgoing = OutgoingMessage {
            id: message.outbox_message_id,
            recipient: &message.recipient,
            subject: &message.subject,
            body_text: &body_text,
        };
        let attempts = message.attempts.saturating_add(1);
        match mailer.send(&outgoing).await {
            Ok(()) => {
                mark_sent(&mut tx, message.outbox_message_id, attempts).await?;
                report.sent += 1;
            }
            Err(error) => {
                let status = match error {
                    SendError::Undeliverable(_) => MessageStatus::Failed,
                    SendError::Failed(_) => status_after_failure(attempts),
                };
                record_failure(&mut tx, &message, attempts, status, &error).await?;
                match status {
                    MessageStatus::Failed => report.failed += 1,
                    _ => report.retrying += 1,
                }
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

/// Locks the oldest due message, skipping those another worker holds.
async fn claim_next_due(conn: &mut PgConnection) -> Result<Option<DueMessage>, sqlx::Error> {
    sqlx::query_as!(
        DueMessage,
        r#"select outbox_message_id, kind, recipient, subject, body_text, attempts,
                  link_user_id, link_expires_at, link_base_url
           from outbox_message
           where status = 'pending' and next_attempt_at <= now()
           order by next_attempt_at
           limit 1
           for update skip locked"#
    )
    .fetch_optional(conn)
    .await
}

async fn mark_sent(conn: &mut PgConnection, id: Uuid, attempts: i32) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update outbox_message
           set status = 'sent', sent_at = now(), attempts = $2
           where outbox_message_id = $1"#,
        id,
        attempts,
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn record_failure(
    conn: &mut PgConnection,
    message: &DueMessage,
    attempts: i32,
    status: MessageStatus,
    error: &SendError,
) -> Result<(), sqlx::Error> {
    let wait = retry_delay(attempts);
    // The error may quote the recipient's address (personal data): it goes to the table, which
    // holds the address anyway, and not to the log.
    match status {
        MessageStatus::Failed => tracing::warn!(
            outbox_message.id = %message.outbox_message_id,
            outbox_message.kind = %message.kind,
            attempts,
            "message given up on"
        ),
        _ => tracing::info!(
            outbox_message.id = %message.outbox_message_id,
            outbox_message.kind = %message.kind,
            attempts,
            retry_in_secs = wait.as_secs(),
            "message not sent, will retry"
        ),
    }
    let last_error: String = error
        .to_string()
        .chars()
        .take(LAST_ERROR_MAX_CHARS)
        .collect();
    sqlx::query!(
        r#"update outbox_message
           set status = $2, attempts = $3, last_error = $4,
               next_attempt_at = now() + make_interval(secs => $5)
           where outbox_message_id = $1"#,
        message.outbox_message_id,
        status.as_str(),
        attempts,
        last_error,
        wait.as_secs_f64(),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Delivers due messages until `shutdown` completes: a batch, then (unless the batch was full)
/// a wait of `poll_interval`, cut short when [`enqueue`](super::outbox::enqueue) notifies a new
/// message (`LISTEN outbox_message` on a connection of the pool). Polling remains the safety net:
/// it finds retries that come due and messages whose notification was lost (listener down).
/// Stops between batches, never in the middle of a send, so a message is not left sent but
/// unrecorded. Database errors are logged and retried at the next poll. Spawn it once per server
/// instance when SMTP is configured.
pub async fn run_worker(
    pool: PgPool,
    mailer: impl Mailer,
    options: WorkerOptions,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    tracing::info!("outbox worker started");
    let mut listener = None;
    loop {
        if listener.is_none() {
            listener = listen(&pool).await;
        }
        let wait = match deliver_due(&pool, &mailer, options.batch_size).await {
            Ok(report) => {
                if report.handled() > 0 {
                    tracing::info!(
                        sent = report.sent,
                        retrying = report.retrying,
                        failed = report.failed,
                        "outbox batch done"
                    );
                }
                if report.handled() >= options.batch_size {
                    Duration::ZERO
                } else {
                    options.poll_interval
                }
            }
            Err(error) => {
                tracing::warn!(%error, "outbox: database error, trying again later");
                options.poll_interval
            }
        };
        tokio::select! {
            biased;
            () = &mut shutdown => break,
            () = tokio::time::sleep(wait) => {}
            notified = next_notification(&mut listener) => {
                if let Err(error) = notified {
                    // Back to plain polling; the next round tries to listen again.
                    tracing::warn!(%error, "outbox: lost the notification channel");
                    listener = None;
                }
            }
        }
    }
    tracing::info!("outbox worker stopped");
}

async fn listen(pool: &PgPool) -> Option<PgListener> {
    let listening = async {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(NOTIFY_CHANNEL).await?;
        Ok::<_, sqlx::Error>(listener)
    };
    match listening.await {
        Ok(listener) => Some(listener),
        Err(error) => {
            tracing::warn!(%error, "outbox: cannot listen for new messages, polling only");
            None
        }
    }
}

/// The next notification of a new message; never, without a listener.
async fn next_notification(listener: &mut Option<PgListener>) -> Result<(), sqlx::Error> {
    match listener {
        Some(listener) => listener.recv().await.map(|_| ()),
        None => std::future::pending().await,
    }
}
