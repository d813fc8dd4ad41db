//! A household's rights against a real PostgreSQL: the copy of its data holds everything it has
//! and nothing of anyone else's; erasure removes the personal data, keeps the centre's figures
//! without names, frees the seats; the retention job removes what is past its period, once.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::booking::domain::{BookingStatus, Target};
use app::booking::service::book;
use app::privacy::retention::{purge_expired, LOCK_KEY};
use app::privacy::service::{erase_household, household_data};
use app::shared::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use support::{bookings_of, born, family, meeting, Family};
use uuid::Uuid;

const PASSWORD: &str = "una frase lunga e segreta";

/// A meeting a week from now, at 16:00 UTC.
fn next_week() -> DateTime<Utc> {
    let day = (support::now() + Duration::days(7)).date_naive();
    day.and_hms_opt(16, 0, 0).unwrap().and_utc()
}

/// A family of a parent (born 1985) and a child (born 2018), with a password, a phone, a
/// calendar feed, a session, a reset link, consents and an e-mail in the outbox.
async fn full_family(pool: &PgPool, name: &str) -> Family {
    let f = family(pool, name, &[born(1985, 4, 2), born(2018, 3, 9)]).await;
    let hash = app::accounts::password::hash(PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("update app_user set password_hash = $2 where user_id = $1")
        .bind(f.user.user_id)
        .bind(&hash)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "update household set phone = '+39 06 555 0101', calendar_token_hash = encode(sha256(convert_to($2, 'UTF8')), 'hex'), calendar_token_created_at = now() where household_id = $1",
    )
    .bind(f.user.household_id)
    .bind(format!("feed-token-of-{name}-{}", "x".repeat(32)))
    .execute(pool)
    .await
    .unwrap();
    sqlx::query("update household_member set first_name = $2, relation = 'child', kind = 'child' where member_id = $1")
        .bind(f.members[1])
        .bind(format!("Bimbo{name}"))
        .execute(pool)
        .await
        .unwrap();
    app::accounts::service::open_session(pool, f.user.user_id, None)
        .await
        .unwrap();
    sqlx::query(
        "insert into password_reset (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 hour')",
    )
    .bind(format!("reset-hash-{name}"))
    .bind(f.user.user_id)
    .execute(pool)
    .await
    .unwrap();
    for (kind, granted) in [
        ("data_processing", true),
        ("photos", true),
        ("photos", false),
    ] {
        sqlx::query(
            "insert into consent (household_id, kind, text_version, granted, given_by)
             values ($1, $2, '2026-11', $3, $4)",
        )
        .bind(f.user.household_id)
        .bind(kind)
        .bind(granted)
        .bind(f.user.user_id)
        .execute(pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "insert into outbox_message (kind, recipient, subject, body_text)
         values ('test', $1, $2, $3)",
    )
    .bind(&f.user.email)
    .bind(format!("Benvenuti {name}"))
    .bind(format!("Cara famiglia {name}, benvenuta."))
    .execute(pool)
    .await
    .unwrap();
    f
}

fn with_role(user: &CurrentUser, role: Role) -> CurrentUser {
    CurrentUser {
        role,
        household_id: None,
        ..user.clone()
    }
}

async fn scalar_i64(pool: &PgPool, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_household_downloads_everything_it_has_and_nothing_of_another(pool: PgPool) {
    let mine = full_family(&pool, "mine").await;
    let theirs = full_family(&pool, "theirs").await;
    // A confirmed booking for the child, and a waiting-list place on a full meeting.
    let open = meeting(&pool, "attivita-famiglie", 10, next_week()).await;
    let full = meeting(
        &pool,
        "attivita-famiglie",
        1,
        next_week() + Duration::days(1),
    )
    .await;
    book(
        &pool,
        &theirs.user,
        Target::Meeting(full),
        &[theirs.members[0]],
        support::now(),
    )
    .await
    .unwrap();
    book(
        &pool,
        &mine.user,
        Target::Meeting(open),
        &[mine.members[1]],
        support::now(),
    )
    .await
    .unwrap();
    let waiting = book(
        &pool,
        &mine.user,
        Target::Meeting(full),
        &[mine.members[0]],
        support::now(),
    )
    .await
    .unwrap();
    assert!(matches!(waiting.status, BookingStatus::Waitlisted { .. }));

    let data = household_data(&pool, &mine.user, support::now())
        .await
        .unwrap();
    assert_eq!(data.accounts.len(), 1);
    assert_eq!(data.accounts[0].email, "mine@example.org");
    assert_eq!(data.household.phone, "+39 06 555 0101");
    assert!(data.household.has_calendar_feed);
    let child = data
        .members
        .iter()
        .find(|m| m.first_name == "Bimbomine")
        .expect("the child is in the copy");
    assert_eq!(child.birth_date, born(2018, 3, 9));
    assert_eq!(child.kind, "child");
    assert_eq!(data.members.len(), 2);
    // The whole history of the consents, oldest first.
    let consents: Vec<(&str, bool)> = data
        .consents
        .iter()
        .map(|c| (c.kind.as_str(), c.granted))
        .collect();
    assert_eq!(
        consents,
        [
            ("data_processing", true),
            ("photos", true),
            ("photos", false)
        ]
    );
    let statuses: Vec<(&str, Vec<String>)> = data
        .bookings
        .iter()
        .map(|b| (b.status.as_str(), b.who.clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("confirmed", vec!["Bimbomine mine".to_string()]),
            ("waitlisted", vec!["P0 mine".to_string()]),
        ]
    );
    assert_eq!(
        data.bookings[0].service,
        "Attività culturali e di aggregazione tra famiglie"
    );
    // Its own e-mails (the welcome, the confirmation, the waiting list), with their text.
    assert_eq!(data.messages.len(), 3, "{:?}", data.messages);
    assert!(data.messages.iter().all(|m| m.to == "mine@example.org"));
    assert!(data
        .messages
        .iter()
        .any(|m| m.body.as_deref() == Some("Cara famiglia mine, benvenuta.")));

    // Nothing of the other household, and no secret of its own.
    let json = serde_json::to_string(&data).unwrap();
    assert!(!json.contains("theirs"), "{json}");
    assert!(!json.contains("$argon2"), "no password hash");
    assert!(!json.contains("feed-token-of"), "no calendar feed secret");
    assert!(!json.contains("reset-hash"), "no reset token");
    let session_hash: String =
        sqlx::query_scalar("select web_session_id from web_session where user_id = $1")
            .bind(mine.user.user_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!json.contains(&session_hash), "no session");
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_have_no_household_to_download_or_erase(pool: PgPool) {
    let f = full_family(&pool, "famiglia").await;
    for role in [Role::Operator, Role::Coordinator, Role::Admin] {
        let staff = with_role(&f.user, role);
        assert_eq!(
            household_data(&pool, &staff, support::now()).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            erase_household(&pool, &staff, PASSWORD.into(), support::now()).await,
            Err(AppError::Forbidden)
        );
    }
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from app_user where user_id = $1",
            f.user.user_id
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_erases_nothing_and_five_of_them_pause_the_erasure(pool: PgPool) {
    let f = full_family(&pool, "famiglia").await;
    let household = f.user.household_id.unwrap();
    for _ in 0..5 {
        assert_eq!(
            erase_household(&pool, &f.user, "non è questa".into(), support::now()).await,
            Err(AppError::validation("password", "errors.password_wrong"))
        );
    }
    assert_eq!(
        erase_household(&pool, &f.user, String::new(), support::now()).await,
        Err(AppError::validation("password", "errors.password_required"))
    );
    // Even the right password now waits: the wrong ones count as failed logins.
    assert_eq!(
        erase_household(&pool, &f.user, PASSWORD.into(), support::now()).await,
        Err(AppError::RateLimited)
    );
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from web_session where user_id = $1",
            f.user.user_id
        )
        .await,
        1,
        "still logged in"
    );
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from household_member where household_id = $1 and first_name <> '-'",
            household
        )
        .await,
        2
    );
    let failures: i64 = sqlx::query_scalar(
        "select count(*) from login_attempt where email_key = 'famiglia@example.org' and not succeeded",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(failures, 5);
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_a_household_removes_its_personal_data_and_keeps_anonymous_figures(pool: PgPool) {
    let f = full_family(&pool, "erased").await;
    let other = full_family(&pool, "other").await;
    let household = f.user.household_id.unwrap();
    // A past meeting the child attended, with a note in the register and a reason typed once.
    let past = meeting(
        &pool,
        "gruppi-bambini-adolescenti",
        10,
        support::now() - Duration::days(14),
    )
    .await;
    let past_booking: Uuid = sqlx::query_scalar(
        "insert into booking (household_id, group_session_id, status, persons, booked_by, confirmed_at)
         values ($1, $2, 'confirmed', 1, $3, now() - interval '20 days') returning booking_id",
    )
    .bind(household)
    .bind(past)
    .bind(f.user.user_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into booking_participant (booking_id, member_id, group_session_id) values ($1, $2, $3)",
    )
    .bind(past_booking)
    .bind(f.members[1])
    .bind(past)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into attendance (group_session_id, member_id, booking_id, status, note)
         values ($1, $2, $3, 'present', 'Ha parlato del papà')",
    )
    .bind(past)
    .bind(f.members[1])
    .bind(past_booking)
    .execute(&pool)
    .await
    .unwrap();
    // A full meeting still to come: the family holds the only seat, the other family waits.
    let future = meeting(&pool, "attivita-famiglie", 1, next_week()).await;
    book(
        &pool,
        &f.user,
        Target::Meeting(future),
        &[f.members[0]],
        support::now(),
    )
    .await
    .unwrap();
    book(
        &pool,
        &other.user,
        Target::Meeting(future),
        &[other.members[0]],
        support::now(),
    )
    .await
    .unwrap();
    // A grandmother nothing counts: deleted outright.
    sqlx::query(
        "insert into household_member (household_id, kind, relation, first_name, last_name, birth_date)
         values ($1, 'adult', 'grandparent', 'Nonna', 'Erased', '1950-05-05')",
    )
    .bind(household)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into login_attempt (email_key, succeeded) values ('erased@example.org', true)",
    )
    .execute(&pool)
    .await
    .unwrap();

    let summary = erase_household(&pool, &f.user, PASSWORD.into(), support::now())
        .await
        .unwrap();
    assert_eq!(summary.bookings_cancelled, 1);
    assert_eq!(summary.bookings_kept, 2);
    assert_eq!(summary.accounts_deleted, 1);
    // The parent booked the meeting still to come and the child came to the past one: both kept.
    assert_eq!(summary.members_anonymised, 2);
    assert_eq!(summary.members_deleted, 1);

    // The account, its sessions and reset links, its e-mails and login attempts: gone.
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from app_user where user_id = $1",
            f.user.user_id
        )
        .await,
        0
    );
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from web_session where user_id = $1",
            f.user.user_id
        )
        .await,
        0
    );
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from password_reset where user_id = $1",
            f.user.user_id
        )
        .await,
        0
    );
    let to_them: i64 = sqlx::query_scalar(
        "select count(*) from outbox_message where lower(recipient) = 'erased@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(to_them, 0);
    let attempts: i64 = sqlx::query_scalar(
        "select count(*) from login_attempt where email_key = 'erased@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(attempts, 0);
    // No name, no birth date anywhere in the household; adult and child remain.
    let members: Vec<(String, String, chrono::NaiveDate, String, Option<Uuid>)> = sqlx::query_as(
        "select first_name, last_name, birth_date, kind, user_id from household_member
         where household_id = $1 order by kind",
    )
    .bind(household)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(members.len(), 2);
    for (first, last, birth, _, user) in &members {
        assert_eq!((first.as_str(), last.as_str()), ("-", "-"));
        assert_eq!(*birth, app::privacy::domain::erased_birth_date());
        assert_eq!(*user, None);
    }
    assert_eq!(members[0].3, "adult");
    assert_eq!(members[1].3, "child");
    let (phone, token, erased): (String, Option<String>, Option<DateTime<Utc>>) = sqlx::query_as(
        "select phone, calendar_token_hash, erasure_requested_at from household where household_id = $1",
    )
    .bind(household)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((phone.as_str(), token), ("", None));
    assert!(erased.is_some());
    // Consents stay as anonymous records.
    assert_eq!(
        scalar_i64(
            &pool,
            "select count(*) from consent where household_id = $1 and given_by is null and member_id is null",
            household
        )
        .await,
        3
    );

    // The centre still counts the past booking and the attendance, without names or notes.
    let (status, persons, booked_by): (String, i32, Option<Uuid>) =
        sqlx::query_as("select status, persons, booked_by from booking where booking_id = $1")
            .bind(past_booking)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), persons, booked_by),
        ("confirmed", 1, None)
    );
    let (present, note): (String, Option<String>) =
        sqlx::query_as("select status, note from attendance where booking_id = $1")
            .bind(past_booking)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((present.as_str(), note), ("present", None));
    // The seat still to come went to the family waiting for it, which was told.
    let future_bookings: Vec<String> = bookings_of(&pool, future)
        .await
        .into_iter()
        .map(|b| b.0)
        .collect();
    assert_eq!(future_bookings, ["cancelled", "confirmed"]);
    let told: i64 = sqlx::query_scalar(
        "select count(*) from outbox_message where kind = 'booking_promoted' and recipient = 'other@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(told, 1);
    // One audit row says it happened, and names nobody.
    let (actor, detail): (Option<Uuid>, serde_json::Value) = sqlx::query_as(
        "select actor_user_id, detail from audit_log where action = 'household.erase' and entity_id = $1",
    )
    .bind(household)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(actor, None);
    assert_eq!(detail["bookings_cancelled"], 1);
    let detail = detail.to_string();
    assert!(
        !detail.contains("erased@") && !detail.contains("Bimbo"),
        "{detail}"
    );
    // The other family is untouched.
    let data = household_data(&pool, &other.user, support::now())
        .await
        .unwrap();
    assert_eq!(data.members.len(), 2);
    assert_eq!(data.accounts[0].email, "other@example.org");
}

/// Inserts the rows the retention job looks at, each `age` before `now`.
async fn aged_rows(pool: &PgPool, now: DateTime<Utc>, user: Uuid, tag: &str, age: Duration) {
    let at = now - age;
    sqlx::query(
        "insert into login_attempt (email_key, succeeded, attempted_at) values ($1, false, $2)",
    )
    .bind(format!("{tag}@example.org"))
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
    // Expired `age` ago, and another used `age` ago (still valid otherwise).
    sqlx::query("insert into password_reset (token_hash, user_id, expires_at, created_at) values ($1, $2, $3, $3)")
        .bind(format!("{tag}-expired"))
        .bind(user)
        .bind(at)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into password_reset (token_hash, user_id, expires_at, used_at) values ($1, $2, $3, $4)",
    )
    .bind(format!("{tag}-used"))
    .bind(user)
    .bind(now + Duration::hours(1))
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into outbox_message (kind, recipient, subject, body_text, status, sent_at)
         values ('test', 'x@example.org', $1, 'testo', 'sent', $2)",
    )
    .bind(format!("{tag}-sent"))
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into outbox_message (kind, recipient, subject, body_text, status, next_attempt_at)
         values ('test', 'x@example.org', $1, 'testo', 'failed', $2)",
    )
    .bind(format!("{tag}-failed"))
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into outbox_message (kind, recipient, subject, body_text, status, next_attempt_at, created_at)
         values ('test', 'x@example.org', $1, 'testo', 'pending', $2, $2)",
    )
    .bind(format!("{tag}-pending"))
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn the_retention_job_removes_what_is_past_its_period_and_keeps_the_rest(pool: PgPool) {
    let f = family(&pool, "f", &[born(1985, 1, 1)]).await;
    let now = support::now();
    aged_rows(&pool, now, f.user.user_id, "old", Duration::days(31)).await;
    // Older than the 7 days of the reset links, younger than the 30 of the rest.
    aged_rows(&pool, now, f.user.user_id, "week", Duration::days(8)).await;
    aged_rows(&pool, now, f.user.user_id, "new", Duration::days(6)).await;
    for (token, expires) in [
        ("expired-session-hash-0000", now - Duration::minutes(1)),
        ("live-session-hash-00000000", now + Duration::days(1)),
    ] {
        sqlx::query(
            "insert into web_session (web_session_id, user_id, expires_at) values ($1, $2, $3)",
        )
        .bind(token)
        .bind(f.user.user_id)
        .bind(expires)
        .execute(&pool)
        .await
        .unwrap();
    }

    let purged = purge_expired(&pool, now)
        .await
        .unwrap()
        .expect("the lock was free");
    assert_eq!(purged.login_attempts, 1);
    assert_eq!(purged.password_resets, 4, "old and week: expired and used");
    assert_eq!(purged.sessions, 1);
    assert_eq!(
        purged.message_bodies, 2,
        "the old sent one and the old failed one"
    );

    let attempts: Vec<String> =
        sqlx::query_scalar("select email_key from login_attempt order by email_key")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(attempts, ["new@example.org", "week@example.org"]);
    let resets: Vec<String> =
        sqlx::query_scalar("select token_hash from password_reset order by token_hash")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(resets, ["new-expired", "new-used"]);
    let sessions: Vec<String> = sqlx::query_scalar("select web_session_id from web_session")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(sessions, ["live-session-hash-00000000"]);
    // Every message is still there; only the old sent and failed ones lost their text.
    let bodies: Vec<(String, String)> =
        sqlx::query_as("select subject, body_text from outbox_message order by subject")
            .fetch_all(&pool)
            .await
            .unwrap();
    let emptied: Vec<&str> = bodies
        .iter()
        .filter(|(_, body)| body.is_empty())
        .map(|(subject, _)| subject.as_str())
        .collect();
    assert_eq!(emptied, ["old-failed", "old-sent"]);
    assert_eq!(bodies.len(), 9);

    // A second run (or another instance's) removes nothing more.
    let again = purge_expired(&pool, now).await.unwrap().unwrap();
    assert_eq!(again.total(), 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn while_one_instance_runs_the_retention_job_the_others_skip_their_round(pool: PgPool) {
    let now = support::now();
    sqlx::query("insert into login_attempt (email_key, succeeded, attempted_at) values ('a@example.org', false, $1)")
        .bind(now - Duration::days(40))
        .execute(&pool)
        .await
        .unwrap();
    // Another instance holds the job's lock, in its transaction.
    let mut other = pool.begin().await.unwrap();
    let taken: bool = sqlx::query_scalar("select pg_try_advisory_xact_lock($1)")
        .bind(LOCK_KEY)
        .fetch_one(&mut *other)
        .await
        .unwrap();
    assert!(taken);
    assert_eq!(purge_expired(&pool, now).await.unwrap(), None);
    let left: i64 = sqlx::query_scalar("select count(*) from login_attempt")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 1, "the skipped round removed nothing");
    other.rollback().await.unwrap();
    assert_eq!(
        purge_expired(&pool, now)
            .await
            .unwrap()
            .unwrap()
            .login_attempts,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_ups_never_confirmed_go_after_a_week_and_nothing_else_does(pool: PgPool) {
    let now = support::now();
    // Four sign-ups a week and a day ago: one never confirmed, one confirmed (it has a
    // password), one never confirmed but with a booking (left alone), and a recent one.
    let forgotten = family(&pool, "forgotten", &[born(1985, 1, 1)]).await;
    let confirmed = family(&pool, "confirmed", &[born(1985, 1, 1)]).await;
    let booked = family(&pool, "booked", &[born(1985, 1, 1)]).await;
    let recent = family(&pool, "recent", &[born(1985, 1, 1)]).await;
    let soon = meeting(&pool, "attivita-famiglie", 5, next_week()).await;
    book(
        &pool,
        &booked.user,
        Target::Meeting(soon),
        &[booked.members[0]],
        now,
    )
    .await
    .unwrap();
    for (who, age) in [
        (&forgotten, Duration::days(8)),
        (&confirmed, Duration::days(8)),
        (&booked, Duration::days(8)),
        (&recent, Duration::days(6)),
    ] {
        sqlx::query("update app_user set created_at = $2 where user_id = $1")
            .bind(who.user.user_id)
            .bind(now - age)
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query("update app_user set password_hash = 'argon2-hash' where user_id = $1")
        .bind(confirmed.user.user_id)
        .execute(&pool)
        .await
        .unwrap();
    // The rate limits' rows: one from two days ago, one from an hour ago.
    for age in [Duration::days(2), Duration::hours(1)] {
        sqlx::query(
            "insert into rate_event (kind, key, happened_at) values ('sign_up.client', '192.0.2.1', $1)",
        )
        .bind(now - age)
        .execute(&pool)
        .await
        .unwrap();
    }

    let purged = purge_expired(&pool, now).await.unwrap().unwrap();
    assert_eq!(purged.unconfirmed_sign_ups, 1);
    assert_eq!(purged.rate_events, 1);

    let accounts: Vec<String> =
        sqlx::query_scalar("select display_name from app_user order by display_name")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(accounts, ["booked", "confirmed", "recent"]);
    // The forgotten sign-up's household and its people are gone with the account.
    let left: i64 = sqlx::query_scalar(
        "select (select count(*) from household where household_id = $1)
              + (select count(*) from household_member where household_id = $1)",
    )
    .bind(forgotten.user.household_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
    let recent_limits: i64 = sqlx::query_scalar("select count(*) from rate_event")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(recent_limits, 1);
    assert_eq!(purge_expired(&pool, now).await.unwrap().unwrap().total(), 0);
}
