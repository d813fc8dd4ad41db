//! The retention job: what Àncora keeps only for a while is removed when its time is up. Run
//! every [`INTERVAL`] by every server instance; a PostgreSQL advisory lock lets one instance at a
//! time do the work (the others skip that round), and every statement only removes what is past
//! its period, so running it twice, or on two instances, removes nothing more.
//!
//! The periods are named once, in [`super::domain`] (the pages tell families about them):
//! [`LOGIN_ATTEMPT_DAYS`], [`PASSWORD_RESET_DAYS`], [`MESSAGE_BODY_DAYS`],
//! [`UNCONFIRMED_SIGN_UP_DAYS`], [`RATE_EVENT_DAYS`]; login sessions go as soon as they expire.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::domain::{
    LOGIN_ATTEMPT_DAYS, MESSAGE_BODY_DAYS, PASSWORD_RESET_DAYS, RATE_EVENT_DAYS,
    UNCONFIRMED_SIGN_UP_DAYS,
};
use crate::shared::error::AppError;

/// Years a closed case path's record (its parties, appointments, notes and visit reports) is
/// kept after it closed. A policy choice of the data controller, not a figure from a law: long
/// enough for a family or social services to ask about a path years later, short enough not to
/// keep a family's hardest times for good. Change it here (the erasure page quotes it).
pub const CASE_RETENTION_YEARS: u32 = 5;
/// Years a court-ordered case path's record is kept after it closed (the court or social
/// services may ask for the documentation of supervised visits long after): also a policy
/// choice, to agree with the data protection officer.
pub const COURT_CASE_RETENTION_YEARS: u32 = 10;

/// Until when the record of a case path closed on `closed_on` is kept (`case_path.retain_until`,
/// set when the case is closed). Erasing a household keeps a case it took part in until then.
pub fn retain_until(closed_on: NaiveDate, court_ordered: bool) -> NaiveDate {
    let years = if court_ordered {
        COURT_CASE_RETENTION_YEARS
    } else {
        CASE_RETENTION_YEARS
    };
    // 29 February closes to 28 February in a year that has none.
    closed_on
        .checked_add_months(chrono::Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a case path's record must still be kept on `today`: an open or suspended case
/// always; a closed one until its `retain_until` (or, if it was never set, the date
/// [`retain_until`] gives from the day it closed).
pub fn case_kept(
    status: &str,
    court_ordered: bool,
    retain_until_date: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    if status != "closed" {
        return true;
    }
    let until = retain_until_date
        .or_else(|| closed_on.map(|day| retain_until(day, court_ordered)))
        .unwrap_or(NaiveDate::MAX);
    until >= today
}

/// The years [`retain_until`] keeps a case's record after it closed.
pub fn retention_years(court_ordered: bool) -> u32 {
    if court_ordered {
        COURT_CASE_RETENTION_YEARS
    } else {
        CASE_RETENTION_YEARS
    }
}

/// How often each server instance runs the job.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The advisory lock's key: one job in the whole database at a time ("ancora retention").
pub const LOCK_KEY: i64 = 0x616e_636f_7261_7265;

/// How many rows one run removed (or voided).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub login_attempts: u64,
    pub password_resets: u64,
    pub sessions: u64,
    pub message_bodies: u64,
    /// Households of sign-ups never confirmed (with their account, members and consents).
    pub unconfirmed_sign_ups: u64,
    pub rate_events: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.login_attempts
            + self.password_resets
            + self.sessions
            + self.message_bodies
            + self.unconfirmed_sign_ups
            + self.rate_events
    }
}

/// Removes what is past its period as of `now`. `None` when another instance is running the
/// job at this moment (it does the work; this one skips the round).
pub async fn purge_expired(pool: &PgPool, now: DateTime<Utc>) -> Result<Option<Purged>, AppError> {
    let mut tx = pool.begin().await?;
    // A transaction-level lock: released at commit or rollback, even if this instance dies.
    let locked = sqlx::query_scalar!(
        r#"select pg_try_advisory_xact_lock($1) as "locked!""#,
        LOCK_KEY
    )
    .fetch_one(&mut *tx)
    .await?;
    if !locked {
        return Ok(None);
    }
    let login_attempts = sqlx::query!(
        "delete from login_attempt where attempted_at < $1",
        now - Duration::days(LOGIN_ATTEMPT_DAYS)
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let reset_cutoff = now - Duration::days(PASSWORD_RESET_DAYS);
    let password_resets = sqlx::query!(
        "delete from password_reset where expires_at < $1 or used_at < $1",
        reset_cutoff
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let sessions = sqlx::query!("delete from web_session where expires_at < $1", now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // A message given up on has no sending date: its last attempt was before `next_attempt_at`.
    let message_bodies = sqlx::query!(
        "update outbox_message set body_text = ''
         where body_text <> ''
           and ((status = 'sent' and sent_at < $1)
                or (status = 'failed' and next_attempt_at < $1))",
        now - Duration::days(MESSAGE_BODY_DAYS)
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // A family account without a password never confirmed its address (confirming chooses
    // the password). Its household goes with it (members, consents and the welcome e-mail by
    // cascade); a household with any booking or another account is never touched.
    let unconfirmed_sign_ups = sqlx::query!(
        "delete from household h
         where exists (select 1 from app_user u
                       where u.household_id = h.household_id and u.role = 'family'
                         and u.password_hash is null and u.created_at < $1)
           and not exists (select 1 from app_user u
                           where u.household_id = h.household_id
                             and (u.password_hash is not null or u.created_at >= $1))
           and not exists (select 1 from booking b where b.household_id = h.household_id)",
        now - Duration::days(UNCONFIRMED_SIGN_UP_DAYS)
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let rate_events = sqlx::query!(
        "delete from rate_event where happened_at < $1",
        now - Duration::days(RATE_EVENT_DAYS)
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(Some(Purged {
        login_attempts,
        password_resets,
        sessions,
        message_bodies,
        unconfirmed_sign_ups,
        rate_events,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_court_ordered_case_is_kept_twice_as_long_as_another() {
        assert_eq!(retain_until(day(2026, 3, 15), false), day(2031, 3, 15));
        assert_eq!(retain_until(day(2026, 3, 15), true), day(2036, 3, 15));
        assert_eq!(retain_until(day(2028, 2, 29), false), day(2033, 2, 28));
        assert_eq!(retain_until(day(2026, 1, 1), true).year(), 2036);
    }

    #[test]
    fn an_open_case_is_always_kept_and_a_closed_one_until_its_date() {
        let today = day(2030, 6, 1);
        assert!(case_kept("open", false, None, None, today));
        assert!(case_kept("suspended", false, None, None, today));
        assert!(case_kept("closed", false, Some(today), None, today));
        assert!(!case_kept(
            "closed",
            false,
            Some(day(2030, 5, 31)),
            None,
            today
        ));
        // Never set: from the day it closed.
        assert!(case_kept(
            "closed",
            true,
            None,
            Some(day(2021, 1, 1)),
            today
        ));
        assert!(!case_kept(
            "closed",
            false,
            None,
            Some(day(2021, 1, 1)),
            today
        ));
    }
}
