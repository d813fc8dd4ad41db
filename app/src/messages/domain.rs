//! The outbox's delivery rules: how long to wait before trying a message again, and when to give
//! up on it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A message that failed this many times is marked `failed` and no longer retried. With
/// [`retry_delay`] that is about 20 hours of trying.
pub const MAX_ATTEMPTS: i32 = 12;

/// The wait after the first failure; it doubles after each further failure.
const FIRST_RETRY: Duration = Duration::from_secs(60);
/// The longest wait between two attempts.
const LONGEST_WAIT: Duration = Duration::from_secs(6 * 60 * 60);

/// Where a message is in its life: `pending` (to send, maybe again), `sent`, or `failed` (given
/// up). The strings are the values of `outbox_message.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    Pending,
    Sent,
    Failed,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Pending => "pending",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(MessageStatus::Pending),
            "sent" => Some(MessageStatus::Sent),
            "failed" => Some(MessageStatus::Failed),
            _ => None,
        }
    }
}

/// How long to wait before the next attempt, after `failed_attempts` failures (1 or more):
/// 1 minute after the first, doubling each time, never more than 6 hours.
pub fn retry_delay(failed_attempts: i32) -> Duration {
    // Past 2^9 minutes the cap applies anyway; the bound keeps the shift from overflowing.
    let doublings = failed_attempts.saturating_sub(1).clamp(0, 16) as u32;
    FIRST_RETRY.saturating_mul(1 << doublings).min(LONGEST_WAIT)
}

/// What becomes of a message after its `failed_attempts`-th failure.
pub fn status_after_failure(failed_attempts: i32) -> MessageStatus {
    if failed_attempts >= MAX_ATTEMPTS {
        MessageStatus::Failed
    } else {
        MessageStatus::Pending
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_one_minute_and_stops_growing_at_six_hours() {
        let minutes: Vec<u64> = (1..=12).map(|n| retry_delay(n).as_secs() / 60).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
        assert_eq!(retry_delay(0), Duration::from_secs(60));
        assert_eq!(retry_delay(i32::MAX), LONGEST_WAIT);
    }

    #[test]
    fn a_message_is_given_up_after_the_last_allowed_attempt_only() {
        assert_eq!(status_after_failure(1), MessageStatus::Pending);
        assert_eq!(
            status_after_failure(MAX_ATTEMPTS - 1),
            MessageStatus::Pending
        );
        assert_eq!(status_after_failure(MAX_ATTEMPTS), MessageStatus::Failed);
    }

    #[test]
    fn statuses_read_back_what_they_write() {
        for status in [
            MessageStatus::Pending,
            MessageStatus::Sent,
            MessageStatus::Failed,
        ] {
            assert_eq!(MessageStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(MessageStatus::parse("queued"), None);
    }
}
