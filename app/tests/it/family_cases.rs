//! A family's side of its case paths against a real PostgreSQL: "I miei percorsi", the calendar
//! files, the data export and erasure. Each Spazio Neutro party sees its own times and nothing
//! of the other party; another family sees nothing.

use crate::support;

use chrono::{Datelike, Timelike};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_has_a_mediation_path_and_a_spazio_neutro_case_with_two_parties(pool: PgPool) {
    let today = support::today();
    assert!(app::demo::load_if_empty(&pool, today).await.unwrap());
    let cases: Vec<(String, bool, String, i64)> = sqlx::query_as(
        "select s.slug, c.court_ordered, c.status,
                (select count(*) from case_party p where p.case_path_id = c.case_path_id)
         from case_path c join service s using (service_id) order by s.slug",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        cases,
        [
            ("mediazione-familiare".to_string(), false, "open".into(), 1),
            ("spazio-neutro".into(), true, "open".into(), 2),
        ]
    );
    // Each Spazio Neutro party has its own account; the visiting parent arrives 15 minutes
    // before and leaves 15 minutes after.
    let times: Vec<(
        String,
        String,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
    )> = sqlx::query_as(
        "select u.email, p.party, t.arrives_at, t.leaves_at
             from appointment_party_time t
             join case_party p using (case_party_id)
             join case_appointment a using (case_appointment_id)
             join app_user u on u.household_id = p.household_id
             join case_path c on c.case_path_id = p.case_path_id
             join service s on s.service_id = c.service_id
             where s.slug = 'spazio-neutro' and a.status = 'scheduled'
             order by t.arrives_at",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(times.len(), 4, "two visits, two parties");
    for (email, party, arrives, leaves) in &times {
        let rome = |t: &chrono::DateTime<chrono::Utc>| {
            let local = t.with_timezone(&chrono_tz::Europe::Rome);
            (local.weekday(), local.hour(), local.minute())
        };
        match party.as_str() {
            "a" => {
                assert_eq!(email, "famiglia.neri@example.org");
                assert_eq!(rome(arrives), (chrono::Weekday::Sat, 15, 0));
                assert_eq!(rome(leaves), (chrono::Weekday::Sat, 16, 0));
            }
            _ => {
                assert_eq!(email, "papa.bianchi@example.org");
                assert_eq!(rome(arrives), (chrono::Weekday::Sat, 14, 45));
                assert_eq!(rome(leaves), (chrono::Weekday::Sat, 16, 15));
            }
        }
    }
    // The mediation: two appointments to come and one held, attended.
    let mediation: Vec<(String, Option<String>)> = sqlx::query_as(
        "select a.status, t.attendance from case_appointment a
         join appointment_party_time t using (case_appointment_id)
         join case_path c using (case_path_id) join service s using (service_id)
         where s.slug = 'mediazione-familiare' order by a.starts_at",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        mediation,
        [
            ("done".to_string(), Some("present".to_string())),
            ("scheduled".into(), None),
            ("scheduled".into(), None),
        ]
    );
}

const PASSWORD: &str = "una password lunga abbastanza";

/// A day three days from now: the case's first visit to come (one was held four days ago).
fn first_visit() -> chrono::NaiveDate {
    support::today() + chrono::Duration::days(3)
}

/// "09:45" in Rome.
fn clock(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::Rome)
        .format("%H:%M")
        .to_string()
}

/// An instant as a calendar file writes it: 20261205T090000Z.
fn ics_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// What a party of the case must never find about the other party, nor anyone about the
/// staff's notes and visit reports.
fn never_about(other: &support::Family, other_phone: &str) -> Vec<String> {
    let name = other.user.display_name.clone();
    let mut texts: Vec<String> = name.split(' ').map(str::to_string).collect();
    texts.push(other.user.email.clone());
    texts.push(other_phone.to_string());
    texts.push("Nota riservata".into());
    texts.push("Relazione riservata".into());
    texts
}

fn assert_absent(body: &str, texts: &[String], what: &str) {
    for text in texts {
        assert!(
            !body.contains(text.as_str()),
            "{what} shows {text:?}:\n{body}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn each_spazio_neutro_party_sees_its_own_times_and_nothing_of_the_other(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    let stagger = chrono::Duration::minutes(support::cases::STAGGER_MINUTES);
    let now = support::now();
    let parties = [
        (
            &case.custodial,
            &case.visiting,
            "+39 333 222 2222",
            chrono::Duration::zero(),
        ),
        (&case.visiting, &case.custodial, "+39 333 111 1111", stagger),
    ];
    for (me, other, other_phone, my_stagger) in parties {
        let household = me.user.household_id.unwrap();
        let other_stagger = stagger - my_stagger;
        let cases = app::family_cases::service::my_cases(&pool, household, "it", now)
            .await
            .unwrap();
        assert_eq!(cases.len(), 1);
        let mine = &cases[0];
        assert_eq!(mine.service_name, "Spazio Neutro");
        assert_eq!(mine.status, app::family_cases::domain::CaseStatus::Open);
        assert_eq!(mine.lead.as_deref(), Some("Paolo Ferri"));
        // Two visits to come and the cancelled one, at this party's own times.
        let (starts, ends) = case.times[1];
        let times: Vec<(String, String, bool)> = mine
            .upcoming
            .iter()
            .map(|a| (a.arrives.clone(), a.leaves.clone(), a.cancelled))
            .collect();
        let own = (clock(starts - my_stagger), clock(ends + my_stagger));
        assert_eq!(
            times,
            [
                (own.0.clone(), own.1.clone(), false),
                (own.0.clone(), own.1.clone(), false),
                (own.0.clone(), own.1.clone(), true),
            ]
        );
        assert_eq!(mine.past.len(), 1, "the visit held");
        assert!(matches!(
            mine.upcoming[0].place,
            app::family_cases::domain::Place::Centre { ref room, .. }
                if room.as_deref() == Some("Stanza Spazio Neutro")
        ));
        // The server function's payload, as a string: nothing of the other party.
        let payload = serde_json::to_string(&cases).unwrap();
        let mut never = never_about(other, other_phone);
        never.push(clock(starts - other_stagger));
        never.push(clock(ends + other_stagger));
        never.push(case.party_a.to_string());
        never.push(case.party_b.to_string());
        assert_absent(&payload, &never, "the page's data");
        assert!(payload.contains(&own.0) && payload.contains(&own.1));

        // One visit's calendar file and the household's feed.
        let one = app::family_cases::service::appointment_events(
            &pool,
            household,
            Some(case.appointments[1]),
        )
        .await
        .unwrap();
        let file = app::booking::ics::calendar_of("Àncora", &one);
        let feed = app::booking::ics::calendar_of(
            "Àncora",
            &app::booking::ics::feed_events(&pool, household)
                .await
                .unwrap(),
        );
        let mut never_ics = never_about(other, other_phone);
        never_ics.push(ics_time(starts - other_stagger));
        never_ics.push(ics_time(ends + other_stagger));
        // Long lines are folded (CRLF and a space): read them unfolded.
        let (file, feed) = (file.replace("\r\n ", ""), feed.replace("\r\n ", ""));
        for (text, what) in [(&file, "the .ics file"), (&feed, "the feed")] {
            assert_absent(text, &never_ics, what);
            assert!(text.contains(&format!("DTSTART:{}", ics_time(starts - my_stagger))));
            assert!(text.contains(&format!("DTEND:{}", ics_time(ends + my_stagger))));
            assert!(text.contains("SUMMARY:Spazio Neutro – incontro"), "{text}");
            assert!(text.contains(&format!("UID:{}-appuntamento@ancora", case.appointments[1])));
        }
        assert_eq!(file.matches("BEGIN:VEVENT").count(), 1);
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 4, "{feed}");
        assert!(feed.contains("STATUS:CANCELLED") && feed.contains("SEQUENCE:1"));
        assert!(
            feed.contains("Àncora\"\\, Stanza Spazio Neutro\\, Municipio VIII"),
            "{feed}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn another_family_finds_nothing_of_the_case(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    let other = support::family(&pool, "rossi", &[support::born(1980, 1, 1)]).await;
    let household = other.user.household_id.unwrap();
    let cases = app::family_cases::service::my_cases(&pool, household, "it", support::now())
        .await
        .unwrap();
    assert!(cases.is_empty());
    for appointment in &case.appointments {
        let events =
            app::family_cases::service::appointment_events(&pool, household, Some(*appointment))
                .await
                .unwrap();
        assert!(events.is_empty(), "the .ics route answers 404 then");
    }
    let feed = app::booking::ics::feed_events(&pool, household)
        .await
        .unwrap();
    assert!(feed.is_empty());
    let data = app::privacy::service::household_data(&pool, &other.user, support::now())
        .await
        .unwrap();
    assert!(data.cases.is_empty());
    // Staff have no household: the page's function refuses them.
    let error = app::privacy::service::household_data(&pool, &case.lead, support::now())
        .await
        .unwrap_err();
    assert_eq!(error, app::shared::error::AppError::Forbidden);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_data_export_has_the_own_case_and_nothing_of_the_other_party(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    let stagger = chrono::Duration::minutes(support::cases::STAGGER_MINUTES);
    let data = app::privacy::service::household_data(&pool, &case.visiting.user, support::now())
        .await
        .unwrap();
    assert_eq!(data.cases.len(), 1);
    let own = &data.cases[0];
    assert_eq!(
        (own.service.as_str(), own.status.as_str()),
        ("Spazio Neutro", "open")
    );
    assert_eq!(own.appointments.len(), 4);
    let (starts, ends) = case.times[0];
    assert_eq!(own.appointments[0].arrives_at, starts - stagger);
    assert_eq!(own.appointments[0].leaves_at, ends + stagger);
    assert_eq!(own.appointments[0].attendance.as_deref(), Some("absent"));
    let file = serde_json::to_string(&data).unwrap();
    let mut never = never_about(&case.custodial, "+39 333 111 1111");
    never.push("Tribunale".into());
    for (starts, ends) in &case.times {
        // The other party's times (no stagger) as the JSON writes them.
        never.push(serde_json::to_string(starts).unwrap());
        never.push(serde_json::to_string(ends).unwrap());
    }
    assert_absent(&file, &never, "the export");
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_a_party_of_a_court_ordered_case_keeps_the_record_and_says_so(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    let hash = app::accounts::password::hash(PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("update app_user set password_hash = $2 where user_id = $1")
        .bind(case.custodial.user.user_id)
        .bind(&hash)
        .execute(&pool)
        .await
        .unwrap();
    let now = support::now();
    let preview = app::privacy::service::erasure_preview(&pool, &case.custodial.user, now)
        .await
        .unwrap();
    assert_eq!(
        preview.kept_cases,
        [app::privacy::domain::KeptCase {
            service: "Spazio Neutro".into(),
            court_ordered: true,
            until: None,
            years: app::privacy::retention::COURT_CASE_RETENTION_YEARS,
        }]
    );
    let summary =
        app::privacy::service::erase_household(&pool, &case.custodial.user, PASSWORD.into(), now)
            .await
            .unwrap();
    assert_eq!((summary.cases_kept, summary.cases_anonymised), (1, 0));
    // The account is gone; the case's record keeps the party by name, detached.
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user where user_id = $1")
        .bind(case.custodial.user.user_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(accounts, 0);
    let party: (Option<Uuid>, String) = sqlx::query_as(
        "select household_id, display_name from case_party where case_party_id = $1",
    )
    .bind(case.party_a)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(party, (None, "Sara Neri".to_string()));
    let times: i64 =
        sqlx::query_scalar("select count(*) from appointment_party_time where case_party_id = $1")
            .bind(case.party_a)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(times, 4, "the appointments' record stays");
    // The referral keeps its name for the record, without contacts.
    let request: (Option<Uuid>, String, Option<String>, Option<String>, bool) = sqlx::query_as(
        "select household_id, contact_name, contact_email, contact_phone, court_ordered
         from service_request where service_request_id = $1",
    )
    .bind(case.request_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        request,
        (
            None,
            "Sara Neri".into(),
            Some(String::new()),
            Some(String::new()),
            true
        )
    );
    // The other party is untouched.
    let other: Option<Uuid> =
        sqlx::query_scalar("select household_id from case_party where case_party_id = $1")
            .bind(case.party_b)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(other, case.visiting.user.household_id);
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_a_household_only_in_cases_past_retention_removes_its_name_from_them(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    // The case closed eleven years ago: past even a court-ordered case's retention.
    let closed_on = support::today() - chrono::Duration::days(11 * 366);
    sqlx::query(
        "update case_path set status = 'closed', closed_at = $2::date, retain_until = $3
         where case_path_id = $1",
    )
    .bind(case.case_id)
    .bind(closed_on)
    .bind(app::privacy::retention::retain_until(closed_on, true))
    .execute(&pool)
    .await
    .unwrap();
    let hash = app::accounts::password::hash(PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("update app_user set password_hash = $2 where user_id = $1")
        .bind(case.visiting.user.user_id)
        .bind(&hash)
        .execute(&pool)
        .await
        .unwrap();
    let now = support::now();
    let preview = app::privacy::service::erasure_preview(&pool, &case.visiting.user, now)
        .await
        .unwrap();
    assert!(preview.kept_cases.is_empty());
    let summary =
        app::privacy::service::erase_household(&pool, &case.visiting.user, PASSWORD.into(), now)
            .await
            .unwrap();
    assert_eq!((summary.cases_kept, summary.cases_anonymised), (0, 1));
    let party: (Option<Uuid>, String) = sqlx::query_as(
        "select household_id, display_name from case_party where case_party_id = $1",
    )
    .bind(case.party_b)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(party, (None, app::privacy::domain::ERASED_NAME.to_string()));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closed_case_is_kept_until_its_retention_date_and_the_page_says_until_when(pool: PgPool) {
    let case = support::spazio_neutro_case(&pool, first_visit()).await;
    let closed_on = support::today() - chrono::Duration::days(30);
    let until = app::privacy::retention::retain_until(closed_on, true);
    sqlx::query(
        "update case_path set status = 'closed', closed_at = $2::date, retain_until = $3
         where case_path_id = $1",
    )
    .bind(case.case_id)
    .bind(closed_on)
    .bind(until)
    .execute(&pool)
    .await
    .unwrap();
    let preview =
        app::privacy::service::erasure_preview(&pool, &case.visiting.user, support::now())
            .await
            .unwrap();
    assert_eq!(preview.kept_cases.len(), 1);
    assert_eq!(preview.kept_cases[0].until, Some(until));
    // The family's page shows the case as closed.
    let cases = app::family_cases::service::my_cases(
        &pool,
        case.visiting.user.household_id.unwrap(),
        "en",
        support::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        cases[0].status,
        app::family_cases::domain::CaseStatus::Closed
    );
    assert_eq!(cases[0].service_name, "Spazio Neutro (supervised visits)");
}
