//! The outbox worker against a real PostgreSQL (a fresh database per test) and a real SMTP server
//! on loopback (`support::smtp_sink`), through lettre: nothing is mocked.

use crate::support;

use std::collections::HashMap;
use std::time::Duration;

use app::messages::domain::MAX_ATTEMPTS;
use app::messages::mailer::{MailFrom, SmtpMailer, SmtpUrl};
use app::messages::outbox::{enqueue, NewMessage};
use app::messages::worker::{deliver_due, run_worker, DeliveryReport, WorkerOptions};
use sqlx::PgPool;
use support::smtp_sink::{closed_port, smtp_url, SmtpSink};
use uuid::Uuid;

fn mailer(url: &str) -> SmtpMailer {
    SmtpMailer::new(
        &SmtpUrl::parse(url.into()).unwrap(),
        &MailFrom::parse("Àncora <noreply@ancora.example>").unwrap(),
    )
    .unwrap()
}

/// Message `n`, with accents in the subject and the body, and `msg-<n>` in the body to count it.
fn message(n: usize) -> NewMessage {
    NewMessage {
        kind: "booking_confirmed",
        dedupe_key: None,
        recipient: format!("famiglia.{n}@example.org"),
        locale: "it".into(),
        subject: format!("Prenotazione n. {n} confermata: è tutto pronto – Àncora"),
        body_text: format!(
            "Gentile famiglia,\nla prenotazione msg-{n} è confermata.\nCittà: Roma. Perché venire? Più tempo insieme.\n.\n"
        ),
    }
}

async fn enqueue_all(pool: &PgPool, messages: impl IntoIterator<Item = NewMessage>) {
    let mut conn = pool.acquire().await.unwrap();
    for message in messages {
        assert!(enqueue(&mut conn, &message).await.unwrap());
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    outbox_message_id: Uuid,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    has_sent_at: bool,
    due_later: bool,
}

async fn rows(pool: &PgPool) -> Vec<Row> {
    sqlx::query_as(
        r#"select outbox_message_id, status, attempts, last_error,
                  sent_at is not null as has_sent_at, next_attempt_at > now() as due_later
           from outbox_message order by recipient"#,
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn make_all_due(pool: &PgPool) {
    sqlx::query("update outbox_message set next_attempt_at = now()")
        .execute(pool)
        .await
        .unwrap();
}

/// Delivers until nothing is due, in batches of 5; returns how many messages it sent.
async fn drain(pool: &PgPool, mailer: &SmtpMailer) -> u32 {
    let mut sent = 0;
    loop {
        let report = deliver_due(pool, mailer, 5).await.unwrap();
        sent += report.sent;
        if report.handled() == 0 {
            return sent;
        }
    }
}

/// How many times the sink received each `msg-<n>`.
fn counts_by_id(sink: &SmtpSink) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for mail in sink.received() {
        let body = mail.body_text();
        let id = body
            .split_whitespace()
            .find(|word| word.starts_with("msg-"))
            .expect("a message id in the body")
            .to_owned();
        *counts.entry(id).or_default() += 1;
    }
    counts
}

#[sqlx::test(migrations = "../migrations")]
async fn a_pending_message_is_sent_once_with_its_accents_intact(pool: PgPool) {
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink.url());
    enqueue_all(&pool, [message(1)]).await;

    let report = deliver_due(&pool, &mailer, 10).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 1,
            retrying: 0,
            failed: 0
        }
    );
    assert_eq!(deliver_due(&pool, &mailer, 10).await.unwrap().handled(), 0);

    let received = sink.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.mail_from, "noreply@ancora.example");
    assert_eq!(mail.rcpt_to, ["famiglia.1@example.org"]);
    assert_eq!(mail.subject(), message(1).subject);
    // SMTP's line ends are CRLF, and lettre ends the body with one more.
    assert_eq!(
        mail.body_text()
            .replace("\r\n", "\n")
            .trim_end_matches('\n'),
        message(1).body_text.trim_end_matches('\n')
    );
    let raw_subject = mail.raw_header("Subject").unwrap();
    assert!(raw_subject.is_ascii(), "encoded subject: {raw_subject}");
    assert!(mail
        .raw_header("Content-Type")
        .unwrap()
        .to_ascii_lowercase()
        .contains("charset=utf-8"));

    let rows = rows(&pool).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, "sent");
    assert_eq!(rows[0].attempts, 1);
    assert!(rows[0].has_sent_at);
    assert_eq!(
        mail.message_id(),
        format!("{}@ancora.example", rows[0].outbox_message_id)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn two_workers_running_together_send_each_of_fifty_messages_exactly_once(pool: PgPool) {
    let sink = SmtpSink::start().await;
    enqueue_all(&pool, (1..=50).map(message)).await;
    // Two mailers, each with its own SMTP connections, like two server instances.
    let (first, second) = (mailer(&sink.url()), mailer(&sink.url()));

    let (sent_by_first, sent_by_second) = tokio::join!(drain(&pool, &first), drain(&pool, &second));

    assert_eq!(sent_by_first + sent_by_second, 50);
    let counts = counts_by_id(&sink);
    assert_eq!(counts.len(), 50, "every message arrived");
    assert!(
        counts.values().all(|&count| count == 1),
        "no message arrived twice: {counts:?}"
    );
    assert!(rows(&pool)
        .await
        .iter()
        .all(|row| row.status == "sent" && row.attempts == 1));
}

#[sqlx::test(migrations = "../migrations")]
async fn while_the_smtp_server_is_down_messages_wait_and_are_sent_once_it_is_back(pool: PgPool) {
    let port = closed_port();
    let mailer = mailer(&smtp_url(port));
    enqueue_all(&pool, (1..=3).map(message)).await;

    let report = deliver_due(&pool, &mailer, 10).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 0,
            retrying: 3,
            failed: 0
        }
    );
    for row in rows(&pool).await {
        assert_eq!(row.status, "pending");
        assert_eq!(row.attempts, 1);
        assert!(row.due_later, "next attempt in the future");
        assert!(row.last_error.is_some());
    }
    let (waits,): (i64,) = sqlx::query_as(
        r#"select count(*) from outbox_message
           where next_attempt_at between now() + interval '50 seconds' and now() + interval '70 seconds'"#,
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(waits, 3, "the first retry is a minute later");
    assert_eq!(
        deliver_due(&pool, &mailer, 10).await.unwrap().handled(),
        0,
        "not due yet"
    );

    let sink = SmtpSink::start_on(port).await;
    make_all_due(&pool).await;
    assert_eq!(deliver_due(&pool, &mailer, 10).await.unwrap().sent, 3);
    assert_eq!(deliver_due(&pool, &mailer, 10).await.unwrap().handled(), 0);

    let counts = counts_by_id(&sink);
    assert_eq!(counts.len(), 3);
    assert!(counts.values().all(|&count| count == 1), "{counts:?}");
    assert!(rows(&pool)
        .await
        .iter()
        .all(|row| row.status == "sent" && row.attempts == 2 && row.has_sent_at));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_that_keeps_failing_is_given_up_after_the_last_attempt(pool: PgPool) {
    let mailer = mailer(&smtp_url(closed_port()));
    enqueue_all(&pool, [message(1)]).await;

    for attempt in 1..=MAX_ATTEMPTS {
        make_all_due(&pool).await;
        let report = deliver_due(&pool, &mailer, 10).await.unwrap();
        let row = &rows(&pool).await[0];
        assert_eq!(row.attempts, attempt);
        if attempt < MAX_ATTEMPTS {
            assert_eq!(report.retrying, 1, "attempt {attempt}");
            assert_eq!(row.status, "pending");
        } else {
            assert_eq!(report.failed, 1);
            assert_eq!(row.status, "failed");
        }
    }
    make_all_due(&pool).await;
    assert_eq!(deliver_due(&pool, &mailer, 10).await.unwrap().handled(), 0);
    assert_eq!(rows(&pool).await[0].status, "failed");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_to_something_that_is_not_an_address_fails_at_once(pool: PgPool) {
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink.url());
    enqueue_all(
        &pool,
        [NewMessage {
            recipient: "not an address".into(),
            ..message(1)
        }],
    )
    .await;

    assert_eq!(deliver_due(&pool, &mailer, 10).await.unwrap().failed, 1);
    let row = &rows(&pool).await[0];
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
    assert!(row.last_error.as_deref().unwrap().contains("undeliverable"));
    assert!(sink.received().is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn enqueueing_twice_with_the_same_dedupe_key_writes_one_message(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    let reminder = NewMessage {
        dedupe_key: Some("reminder:booking-1:2026-11-30".into()),
        ..message(1)
    };
    assert!(enqueue(&mut conn, &reminder).await.unwrap());
    assert!(!enqueue(&mut conn, &reminder).await.unwrap());
    // Messages without a key are never taken for duplicates.
    assert!(enqueue(&mut conn, &message(2)).await.unwrap());
    assert!(enqueue(&mut conn, &message(2)).await.unwrap());
    drop(conn);
    let recipients: Vec<(String,)> =
        sqlx::query_as("select recipient from outbox_message order by recipient")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        recipients,
        [
            ("famiglia.1@example.org".to_owned(),),
            ("famiglia.2@example.org".to_owned(),),
            ("famiglia.2@example.org".to_owned(),)
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_worker_loop_is_woken_by_new_messages_and_stops_when_told(pool: PgPool) {
    let sink = SmtpSink::start().await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(run_worker(
        pool.clone(),
        mailer(&sink.url()),
        WorkerOptions {
            // Far longer than the test waits: only the notification can wake the worker.
            poll_interval: Duration::from_secs(120),
            batch_size: 2,
        },
        async {
            let _ = stopped.await;
        },
    ));
    tokio::time::timeout(Duration::from_secs(10), async {
        while !worker_is_listening(&pool).await {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the worker listens for new messages");

    enqueue_all(&pool, (1..=5).map(message)).await;
    tokio::time::timeout(Duration::from_secs(10), async {
        while sink.received().len() < 5 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the worker sends the messages without waiting for its next poll");

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), worker)
        .await
        .expect("the worker stops")
        .unwrap();
    assert_eq!(counts_by_id(&sink).len(), 5);
    assert_eq!(sink.received().len(), 5);
    assert!(rows(&pool).await.iter().all(|row| row.status == "sent"));
}

async fn worker_is_listening(pool: &PgPool) -> bool {
    let (listening,): (bool,) = sqlx::query_as(
        r#"select exists (select from pg_stat_activity
                          where datname = current_database() and query ilike 'listen%')"#,
    )
    .fetch_one(pool)
    .await
    .unwrap();
    listening
}
