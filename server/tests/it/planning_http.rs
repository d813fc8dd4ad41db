//! Every planning server function, called over HTTP as a visitor, a family and a coordinator of
//! another centre: none of them reaches the polo's calendar, and nothing changes.

use crate::support;

use crate::harness::{call, cookie_for, instance};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sqlx::PgPool;
use support::{born, family, meeting};
use uuid::Uuid;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn no_one_outside_the_centres_staff_can_plan_its_calendar(pool: PgPool) {
    let app = instance(pool.clone());
    let starts = support::now() + Duration::days(7);
    let session = meeting(&pool, "gruppi-genitori", 10, starts).await;
    let service: Uuid =
        sqlx::query_scalar("select service_id from service where slug = 'gruppi-genitori'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let other_centre: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 9)
         returning centre_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let stranger: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('sara@example.org', 'Sara Neri', 'coordinator')
         returning user_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
        .bind(stranger)
        .bind(other_centre)
        .execute(&pool)
        .await
        .unwrap();
    let parent = family(&pool, "rossi", &[born(1980, 1, 1)]).await;
    let family_cookie = cookie_for(&pool, parent.user.user_id).await;
    let stranger_cookie = cookie_for(&pool, stranger).await;
    let day = starts.date_naive();
    let calls = [
        ("planning/options", "lang=it".to_string()),
        ("planning/meeting", format!("lang=it&id={session}")),
        (
            "planning/create",
            format!("service={service}&title=X&date={day}&start=10:00&end=11:00&capacity=5"),
        ),
        (
            "planning/move",
            format!("meeting={session}&date={day}&start=10:00&end=11:00&scope=questo"),
        ),
        (
            "planning/cancel",
            format!("meeting={session}&reason=prova&scope=questo"),
        ),
        ("planning/capacity", format!("meeting={session}&capacity=3")),
        (
            "planning/details",
            format!("meeting={session}&title=X&leaders%5B%5D={stranger}&scope=tutti"),
        ),
    ];
    for (function, form) in &calls {
        let (status, body) = call(&app, "", function, form).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "visitor {function}: {body}"
        );
        let (status, body) = call(&app, &family_cookie, function, form).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "family {function}: {body}");
    }
    // Staff of another centre: this centre's meeting does not exist for them, its service is
    // not one they may choose, and their own (empty) options name nothing of this centre.
    let expected = [
        ("planning/meeting", StatusCode::OK),
        ("planning/create", StatusCode::UNPROCESSABLE_ENTITY),
        ("planning/move", StatusCode::NOT_FOUND),
        ("planning/cancel", StatusCode::NOT_FOUND),
        ("planning/capacity", StatusCode::NOT_FOUND),
        ("planning/details", StatusCode::NOT_FOUND),
    ];
    for (function, status_expected) in expected {
        let form = &calls.iter().find(|(f, _)| *f == function).unwrap().1;
        let (status, body) = call(&app, &stranger_cookie, function, form).await;
        assert_eq!(status, status_expected, "stranger {function}: {body}");
        if function == "planning/meeting" {
            assert_eq!(body.trim(), "null", "the meeting is not theirs to see");
        }
    }
    let (_, options) = call(&app, &stranger_cookie, "planning/options", "lang=it").await;
    assert!(!options.contains(&service.to_string()), "{options}");
    // Nothing changed.
    let (status, starts_at, capacity, title): (String, chrono::DateTime<Utc>, Option<i32>, String) =
        sqlx::query_as(
            "select status, starts_at, capacity, title from group_session where group_session_id = $1",
        )
        .bind(session)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "scheduled");
    assert_eq!(capacity, Some(10));
    assert_ne!(title, "X");
    assert!((starts_at - starts).num_seconds().abs() < 1);
    let (meetings,): (i64,) = sqlx::query_as("select count(*) from group_session")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(meetings, 1);
}
