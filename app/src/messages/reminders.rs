//! The reminder the day before: every confirmed booking with a meeting tomorrow (in Rome) gets
//! one e-mail per meeting. Run periodically by every server instance; the outbox's dedupe key
//! (`reminder:<booking>:<meeting>`) makes a second run, or a second instance, write nothing.

use chrono::{DateTime, Days, NaiveTime, Utc};
use sqlx::PgPool;

use super::outbox::{enqueue, NewMessage};
use super::texts::{self, MeetingInfo};
use crate::shared::error::AppError;
use crate::shared::time::{rome_instant, ROME};

/// How often the server looks for reminders to write.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Writes the reminders for the meetings of the day after `now` (Rome). Returns how many new
/// reminders were written.
pub async fn enqueue_due(pool: &PgPool, now: DateTime<Utc>) -> Result<usize, AppError> {
    let today = now.with_timezone(&ROME).date_naive();
    let (Some(tomorrow), Some(after)) = (
        today.checked_add_days(Days::new(1)),
        today.checked_add_days(Days::new(2)),
    ) else {
        return Ok(0);
    };
    let from = rome_instant(tomorrow, NaiveTime::MIN);
    let until = rome_instant(after, NaiveTime::MIN);
    let rows = sqlx::query!(
        r#"select b.booking_id, gs.group_session_id, gs.title, gs.starts_at, gs.ends_at,
                  u.email, u.locale
           from booking b
           join group_session gs on gs.group_session_id = b.group_session_id
                                 or (b.cycle_id is not null and gs.cycle_id = b.cycle_id)
           join app_user u on u.user_id = b.booked_by
           where b.status = 'confirmed' and gs.status = 'scheduled' and u.is_active
             and gs.starts_at >= $1 and gs.starts_at < $2"#,
        from,
        until
    )
    .fetch_all(pool)
    .await?;
    let mut written = 0;
    let mut conn = pool.acquire().await?;
    for row in rows {
        let mail = texts::reminder(
            &row.locale,
            &MeetingInfo {
                title: row.title,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                whole_cycle: false,
            },
        );
        let new = enqueue(
            &mut conn,
            &NewMessage {
                kind: "reminder",
                dedupe_key: Some(format!(
                    "reminder:{}:{}",
                    row.booking_id, row.group_session_id
                )),
                recipient: row.email,
                locale: row.locale,
                subject: mail.subject,
                body_text: mail.body,
            },
        )
        .await?;
        written += usize::from(new);
    }
    Ok(written)
}
