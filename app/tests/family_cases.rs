//! A family's side of its case paths against a real PostgreSQL: "I miei percorsi", the calendar
//! files, the data export and erasure. Each Spazio Neutro party sees its own times and nothing
//! of the other party; another family sees nothing.
#![cfg(feature = "ssr")]

mod support;

use chrono::{Datelike, Timelike};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_has_a_mediation_path_and_a_spazio_neutro_case_with_two_parties(pool: PgPool) {
    let today = app::shared::time::today_in_rome();
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
