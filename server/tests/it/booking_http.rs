//! Booking through the real server functions over HTTP: many families at once on two server
//! instances sharing one database, and a family trying other households' ids everywhere.

use crate::support;

use crate::harness::{call, cookie_for, instance, page};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{TimeZone, Utc};
use sqlx::PgPool;
use support::{bookings_of, born, family, meeting, seats, wide_pool, Family};
use tower::ServiceExt;

/// Logs a family in (a session, as the login page would open) and returns its cookie.
async fn cookie(pool: &PgPool, family: &Family) -> String {
    cookie_for(pool, family.user.user_id).await
}

fn next_week() -> chrono::DateTime<Utc> {
    let week = support::now() + chrono::Duration::days(7);
    Utc.from_utc_datetime(&week.date_naive().and_hms_opt(16, 0, 0).unwrap())
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_hundred_requests_on_two_instances_confirm_exactly_ten_and_queue_the_rest(
    pool: PgPool,
) {
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let mut families = Vec::new();
    for i in 0..200 {
        let f = family(&pool, &format!("h{i}"), &[born(1985, 1, 1)]).await;
        let cookie = cookie(&pool, &f).await;
        families.push((f, cookie));
    }
    // Two instances, each with its own connection pool, like two servers behind a balancer.
    let a = instance(wide_pool(&pool, 40).await);
    let b = instance(wide_pool(&pool, 40).await);
    let tasks: Vec<_> = families
        .iter()
        .enumerate()
        .map(|(i, (f, cookie))| {
            let app = if i % 2 == 0 { a.clone() } else { b.clone() };
            let form = format!("kind=incontro&id={session}&members%5B%5D={}", f.members[0]);
            let cookie = cookie.clone();
            tokio::spawn(async move { call(&app, &cookie, "booking/book", &form).await })
        })
        .collect();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert!(
            status.is_success() || status.is_redirection(),
            "{status}: {body}"
        );
    }
    assert_eq!(seats(&pool, session).await, (10, 10));
    let stored = bookings_of(&pool, session).await;
    assert_eq!(stored.len(), 200);
    assert!(stored[..10].iter().all(|(s, ..)| s == "confirmed"));
    assert!(stored[10..].iter().all(|(s, ..)| s == "waitlisted"));

    // Three of the confirmed cancel, through either instance: the next three are promoted.
    let confirmed: Vec<(uuid::Uuid, uuid::Uuid)> = sqlx::query_as(
        "select booking_id, household_id from booking
         where group_session_id = $1 and status = 'confirmed' order by queue_number limit 3",
    )
    .bind(session)
    .fetch_all(&pool)
    .await
    .unwrap();
    for (i, (booking_id, household)) in confirmed.iter().enumerate() {
        let (_, cookie) = families
            .iter()
            .find(|(f, _)| f.user.household_id == Some(*household))
            .unwrap();
        let app = if i % 2 == 0 { &a } else { &b };
        let (status, body) = call(
            app,
            cookie,
            "booking/cancel",
            &format!("booking_id={booking_id}"),
        )
        .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{status}: {body}"
        );
    }
    let statuses: Vec<String> = bookings_of(&pool, session)
        .await
        .into_iter()
        .map(|b| b.0)
        .collect();
    assert_eq!(statuses.iter().filter(|s| *s == "confirmed").count(), 10);
    assert!(
        statuses[10..13].iter().all(|s| s == "confirmed"),
        "the first three in line"
    );
    assert_eq!(seats(&pool, session).await, (10, 10));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_family_cannot_reach_another_households_data_through_any_server_function(pool: PgPool) {
    let app = instance(pool.clone());
    let session = meeting(&pool, "attivita-famiglie", 10, next_week()).await;
    let mine = family(&pool, "mine", &[born(1980, 1, 1)]).await;
    let theirs = family(&pool, "theirs", &[born(1981, 2, 2), born(2016, 3, 3)]).await;
    let my_cookie = cookie(&pool, &mine).await;
    let their_cookie = cookie(&pool, &theirs).await;
    let (status, _) = call(
        &app,
        &their_cookie,
        "booking/book",
        &format!(
            "kind=incontro&id={session}&members%5B%5D={}&members%5B%5D={}",
            theirs.members[0], theirs.members[1]
        ),
    )
    .await;
    assert!(status.is_success() || status.is_redirection());
    let their_booking: uuid::Uuid = sqlx::query_scalar("select booking_id from booking")
        .fetch_one(&pool)
        .await
        .unwrap();
    let their_child = theirs.members[1];
    let attempts = [
        ("booking/book", format!("kind=incontro&id={session}&members%5B%5D={their_child}"), StatusCode::UNPROCESSABLE_ENTITY),
        ("booking/cancel", format!("booking_id={their_booking}"), StatusCode::NOT_FOUND),
        ("household/update_member", format!("member_id={their_child}&first_name=X&last_name=Y&birth_date=2016-03-03&relation=child"), StatusCode::NOT_FOUND),
        ("household/remove_member", format!("member_id={their_child}"), StatusCode::NOT_FOUND),
        // Hostile input: not ids at all, huge lists, overlong text.
        ("booking/cancel", "booking_id=1%20or%201%3D1".to_string(), StatusCode::NOT_FOUND),
        ("booking/book", format!("kind=incontro&id={session}&{}", (0..50).map(|i| format!("members%5B%5D={i}")).collect::<Vec<_>>().join("&")), StatusCode::UNPROCESSABLE_ENTITY),
        ("booking/book", format!("kind=altro&id={session}&members%5B%5D={}", mine.members[0]), StatusCode::NOT_FOUND),
        ("household/add_member", format!("first_name={}&last_name=Y&birth_date=2016-03-03&relation=child", "x".repeat(5000)), StatusCode::UNPROCESSABLE_ENTITY),
        ("household/add_member", "first_name=A&last_name=B&birth_date=-2016-03-03&relation=child".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        ("household/set_consent", "kind=everything&granted=true".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (function, form, expected) in attempts {
        let (status, body) = call(&app, &my_cookie, function, &form).await;
        assert_eq!(status, expected, "{function} {form}: {body}");
    }
    // What they can read is only their own.
    let (status, body) = call(&app, &my_cookie, "household/get", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(&their_child.to_string()) && !body.contains("theirs"));
    let (_, body) = call(&app, &my_cookie, "booking/mine", "lang=it").await;
    assert!(!body.contains(&their_booking.to_string()));
    // Nothing of theirs changed.
    assert_eq!(bookings_of(&pool, session).await[0].0, "confirmed");
    assert_eq!(seats(&pool, session).await.0, 2);
    let names: Vec<String> = sqlx::query_scalar(
        "select first_name from household_member where household_id = $1 order by first_name",
    )
    .bind(theirs.user.household_id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(names, ["P0", "P1"]);
    // Without a session, nothing at all.
    let (status, _) = call(&app, "", "household/get", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_booking_goes_to_the_phone_calendar_and_the_feed_is_private(pool: PgPool) {
    let app = instance(pool.clone());
    let (cycle_id, _) = support::cycle(&pool, "gruppi-genitori-separati", 8, next_week(), 5).await;
    let mine = family(&pool, "mine", &[born(1980, 1, 1)]).await;
    let other = family(&pool, "other", &[born(1980, 1, 1)]).await;
    let my_cookie = cookie(&pool, &mine).await;
    let other_cookie = cookie(&pool, &other).await;
    let form = format!("kind=ciclo&id={cycle_id}&members%5B%5D={}", mine.members[0]);
    let (status, _) = call(&app, &my_cookie, "booking/book", &form).await;
    assert!(status.is_success() || status.is_redirection());
    let booking: uuid::Uuid = sqlx::query_scalar("select booking_id from booking")
        .fetch_one(&pool)
        .await
        .unwrap();
    // The .ics of a cycle holds all five meetings.
    let uri = format!("/le-mie-prenotazioni/{booking}/calendario.ics");
    let (status, body) = page(&app, &my_cookie, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 5);
    assert!(body.contains("STATUS:CONFIRMED"));
    // Not for another family, nor for nobody.
    assert_eq!(
        page(&app, &other_cookie, &uri).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(page(&app, "", &uri).await.0, StatusCode::UNAUTHORIZED);
    // The feed: none until the family makes one; its address is shown once, right after.
    let (_, mine_json) = call(&app, &my_cookie, "booking/mine", "lang=it").await;
    let feed =
        |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap()["feed"].clone();
    assert_eq!(feed(&mine_json)["since"], serde_json::Value::Null);
    let make_feed = || async {
        let request = Request::post("/api/booking/regenerate_feed")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &my_cookie)
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        // The new address travels to the next page view in a short-lived HttpOnly cookie.
        let shown_once = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with("ancora_feed="))
            .expect("the one-time cookie")
            .to_string();
        assert!(shown_once.contains("HttpOnly") && shown_once.contains("Max-Age=120"));
        shown_once.split(';').next().unwrap().to_string()
    };
    let shown_once = make_feed().await;
    let with_once = format!("{my_cookie}; {shown_once}");
    let (_, mine_json) = call(&app, &with_once, "booking/mine", "lang=it").await;
    let url = feed(&mine_json)["new_url"].as_str().unwrap().to_string();
    let old = url[url.find("/calendario/").unwrap()..].to_string();
    assert!(feed(&mine_json)["since"].is_string());
    // Only its hash is stored: the address is nowhere in the database.
    let token = old.split('/').nth(2).unwrap().to_string();
    let stored: Option<String> =
        sqlx::query_scalar("select calendar_token_hash from household where household_id = $1")
            .bind(mine.user.household_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, Some(app::accounts::session::token_hash(&token)));
    // Reading "my bookings" again (without the cookie) no longer shows it, and rewrites nothing.
    let updated_at = |pool: PgPool| async move {
        sqlx::query_scalar::<_, chrono::DateTime<Utc>>(
            "select updated_at from household where household_id = $1",
        )
        .bind(mine.user.household_id)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let before = updated_at(pool.clone()).await;
    let (_, again) = call(&app, &my_cookie, "booking/mine", "lang=it").await;
    assert_eq!(feed(&again)["new_url"], serde_json::Value::Null);
    assert!(feed(&again)["since"].is_string());
    assert_eq!(updated_at(pool.clone()).await, before);
    // Another family's one-time cookie shows nothing either.
    let (_, theirs) = call(
        &app,
        &format!("{other_cookie}; {shown_once}"),
        "booking/mine",
        "lang=it",
    )
    .await;
    assert_eq!(feed(&theirs)["new_url"], serde_json::Value::Null);
    let (status, body) = page(&app, "", &old).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 5);
    // A new address revokes the old one.
    let shown_once = make_feed().await;
    let (_, mine_json) = call(
        &app,
        &format!("{my_cookie}; {shown_once}"),
        "booking/mine",
        "lang=it",
    )
    .await;
    let url = feed(&mine_json)["new_url"].as_str().unwrap().to_string();
    let new = url[url.find("/calendario/").unwrap()..].to_string();
    assert_ne!(old, new);
    assert_eq!(page(&app, "", &old).await.0, StatusCode::NOT_FOUND);
    assert_eq!(page(&app, "", &new).await.0, StatusCode::OK);
    assert_eq!(
        page(
            &app,
            "",
            "/calendario/indovina-indovinello-indovina-indovinello/prenotazioni.ics"
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_an_administrator_reads_the_outbox(pool: PgPool) {
    let app = instance(pool.clone());
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let f = family(&pool, "rossi", &[born(1980, 1, 1)]).await;
    let family_cookie = cookie(&pool, &f).await;
    call(
        &app,
        &family_cookie,
        "booking/book",
        &format!("kind=incontro&id={session}&members%5B%5D={}", f.members[0]),
    )
    .await;
    let admin: uuid::Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('admin@example.org', 'Admin', 'admin')
         returning user_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let token = app::accounts::service::open_session(&pool, admin, None)
        .await
        .unwrap();
    let admin_cookie = format!("{}={token}", app::accounts::session::COOKIE);
    let (status, body) = call(&app, &admin_cookie, "messages/outbox", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Prenotazione confermata") && body.contains("rossi@example.org"));
    assert_eq!(
        call(&app, &family_cookie, "messages/outbox", "").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, "", "messages/outbox", "").await.0,
        StatusCode::UNAUTHORIZED
    );
}
