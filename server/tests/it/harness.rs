//! One way for the HTTP tests to reach the server: the real router (`server::build_app`) on a
//! fresh test database, with the tests' clock, a login cookie, and the answers read back.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

/// The settings of a server under test: the defaults, and the tests' clock
/// (`ANCORA_TEST_CLOCK`, which the tests themselves read through `support::now`).
pub fn settings() -> server::Settings {
    server::Settings::from_lookup(|name| {
        (name == "ANCORA_TEST_CLOCK")
            .then(|| std::env::var(name).ok())
            .flatten()
    })
    .expect("the test settings are valid")
}

/// The whole HTTP application on `pool`, as the server runs it.
pub fn instance(pool: PgPool) -> Router {
    server::build_app(&settings(), pool)
}

/// The application on `pool` filled with the demo data (for today on the tests' clock).
pub async fn demo_instance(pool: PgPool) -> Router {
    let today = app::shared::clock::Clock::from_env().today_in_rome();
    app::demo::load_if_empty(&pool, today).await.unwrap();
    instance(pool)
}

/// Logs `user_id` in (a session, as the login page would open) and returns its cookie.
pub async fn cookie_for(pool: &PgPool, user_id: Uuid) -> String {
    let token = app::accounts::service::open_session(pool, user_id, None)
        .await
        .unwrap();
    format!("{}={token}", app::accounts::session::COOKIE)
}

/// Sends `request` to `app`: its status and body.
pub async fn answer(app: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Calls the server function `function` as a script would (a form, a JSON answer).
pub async fn call(app: &Router, cookie: &str, function: &str, form: &str) -> (StatusCode, String) {
    let request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(form.to_string()))
        .unwrap();
    answer(app, request).await
}

/// Gets the page at `uri` with `cookie`.
pub async fn page(app: &Router, cookie: &str, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    answer(app, request).await
}
