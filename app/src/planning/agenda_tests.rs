//! "La mia settimana" against a real PostgreSQL (a fresh database per test, migrated with the
//! reference data: the polo Àncora and its services).

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::service::my_agenda;
use crate::accounts::domain::{CurrentUser, Role};
use crate::shared::error::AppError;
use crate::shared::time::rome_instant;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn staff(pool: &PgPool, name: &str) -> CurrentUser {
    let email = format!("{}@ancora.example", name.to_lowercase().replace(' ', "."));
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ($1, $2, 'operator')
         returning user_id",
    )
    .bind(&email)
    .bind(name)
    .fetch_one(pool)
    .await
    .unwrap();
    CurrentUser {
        user_id,
        display_name: name.to_string(),
        email,
        role: Role::Operator,
        household_id: None,
        locale: "it".into(),
    }
}

/// A meeting of 90 minutes from `hour:minute` in Rome on `day`, led by `leader`.
async fn meeting(
    pool: &PgPool,
    title: &str,
    day: NaiveDate,
    hour: u32,
    minute: u32,
    leader: Uuid,
) -> Uuid {
    let service_id: Uuid = sqlx::query_scalar(
        "select service_id from service where format = 'session' order by position limit 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let starts_at = rome_instant(day, NaiveTime::from_hms_opt(hour, minute, 0).unwrap());
    let id: Uuid = sqlx::query_scalar(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity, seats_taken)
         values ($1, $2, $3, $3 + interval '90 minutes', 10, 3) returning group_session_id",
    )
    .bind(service_id)
    .bind(title)
    .bind(starts_at)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into group_session_staff (group_session_id, user_id) values ($1, $2)")
        .bind(id)
        .bind(leader)
        .execute(pool)
        .await
        .unwrap();
    id
}

#[sqlx::test(migrations = "../migrations")]
async fn the_agenda_lists_the_week_of_meetings_a_staff_member_leads(pool: PgPool) {
    let paolo = staff(&pool, "Paolo Prova").await;
    let elena = staff(&pool, "Elena Prova").await;
    let tuesday = meeting(
        &pool,
        "Gruppo del martedì",
        d(2026, 12, 1),
        17,
        0,
        paolo.user_id,
    )
    .await;
    let sunday_night = meeting(
        &pool,
        "Tardi la domenica",
        d(2026, 12, 6),
        22,
        0,
        paolo.user_id,
    )
    .await;
    let next_monday = meeting(&pool, "Lunedì dopo", d(2026, 12, 7), 0, 30, paolo.user_id).await;
    let previous_sunday = meeting(
        &pool,
        "Domenica prima",
        d(2026, 11, 29),
        22,
        0,
        paolo.user_id,
    )
    .await;
    let not_his = meeting(&pool, "Di Elena", d(2026, 12, 2), 10, 0, elena.user_id).await;
    let cancelled = meeting(&pool, "Annullato", d(2026, 12, 3), 9, 0, paolo.user_id).await;
    sqlx::query(
        "update group_session set status = 'cancelled', cancel_reason = 'Sala allagata'
         where group_session_id = $1",
    )
    .bind(cancelled)
    .execute(&pool)
    .await
    .unwrap();
    // 09:00 in Rome on Wednesday 2 December: Tuesday's meeting is over.
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();

    let week = my_agenda(&pool, &paolo, d(2026, 12, 3), "it", now)
        .await
        .unwrap();
    let ids: Vec<Uuid> = week.meetings.iter().map(|m| m.meeting_id).collect();
    assert_eq!(
        ids,
        [tuesday, cancelled, sunday_night],
        "Monday to Sunday in Rome, by start"
    );
    for other in [next_monday, previous_sunday, not_his] {
        assert!(!ids.contains(&other));
    }
    assert_eq!(week.person, "Paolo Prova");
    assert_eq!(
        (week.monday.as_str(), week.sunday.as_str()),
        ("2026-11-30", "2026-12-06")
    );
    assert_eq!(week.from_label, "30 novembre");
    assert_eq!(week.to_label, "6 dicembre 2026");
    assert_eq!(
        (week.previous.as_str(), week.next.as_str()),
        ("2026-11-23", "2026-12-07")
    );
    assert!(week.this_week);
    let first = &week.meetings[0];
    assert_eq!(first.day_label, "martedì 1 dicembre");
    assert_eq!(first.time_label, "17:00–18:30");
    assert_eq!((first.seats_taken, first.capacity), (3, 10));
    assert!(first.started, "it is over: no more Sposta…/Annulla");
    let gone = &week.meetings[1];
    assert!(gone.cancelled);
    assert_eq!(gone.cancel_reason.as_deref(), Some("Sala allagata"));
    assert!(!week.meetings[2].started);
    assert_eq!(week.meetings[2].date, "2026-12-06");

    // In English, and another week.
    let english = my_agenda(&pool, &paolo, d(2026, 12, 7), "en", now)
        .await
        .unwrap();
    assert_eq!(english.from_label, "7 December");
    assert!(!english.this_week);
    assert_eq!(english.meetings.len(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_family_has_no_agenda(pool: PgPool) {
    let family = CurrentUser {
        user_id: Uuid::new_v4(),
        display_name: "Marco Rossi".into(),
        email: "marco@example.org".into(),
        role: Role::Family,
        household_id: Some(Uuid::new_v4()),
        locale: "it".into(),
    };
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
    assert!(matches!(
        my_agenda(&pool, &family, d(2026, 12, 3), "it", now).await,
        Err(AppError::Forbidden)
    ));
}
