//! A household's rights over HTTP: the JSON copy of its data (headers, content) for the family
//! itself only, the readable page, and the erasure that logs the family out for good.

use crate::support;

use crate::harness::{cookie_for, instance};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use sqlx::PgPool;
use support::{born, family, Family};
use tower::ServiceExt;
use uuid::Uuid;

const PASSWORD: &str = "una frase lunga e segreta";

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &Router, cookie: &str, path: &str) -> (StatusCode, HeaderMap, String) {
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

/// A server function called as a script would (JSON answer) or, with `html`, as a plain form.
async fn post(
    app: &Router,
    cookie: &str,
    function: &str,
    form: &str,
    html: bool,
) -> (StatusCode, HeaderMap, String) {
    let request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(
            header::ACCEPT,
            if html {
                "text/html"
            } else {
                "application/json"
            },
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, request).await
}

/// A family ("Anna <name>") with a child, Ettore, and a password.
async fn parent_and_child(pool: &PgPool, name: &str) -> Family {
    let f = family(pool, name, &[born(1986, 6, 1), born(2019, 2, 3)]).await;
    sqlx::query("update household_member set first_name = 'Anna' where member_id = $1")
        .bind(f.members[0])
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "update household_member set first_name = 'Ettore', kind = 'child', relation = 'child'
         where member_id = $1",
    )
    .bind(f.members[1])
    .execute(pool)
    .await
    .unwrap();
    let hash = app::accounts::password::hash(PASSWORD.into())
        .await
        .unwrap();
    sqlx::query("update app_user set password_hash = $2 where user_id = $1")
        .bind(f.user.user_id)
        .bind(hash)
        .execute(pool)
        .await
        .unwrap();
    f
}

async fn coordinator(pool: &PgPool) -> Uuid {
    sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('coord@example.org', 'Carla Bruni', 'coordinator')
         returning user_id",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_family_downloads_its_own_data_as_a_file_and_no_one_else_gets_it(pool: PgPool) {
    let app = instance(pool.clone());
    let owner = parent_and_child(&pool, "bianchi").await;
    let stranger = parent_and_child(&pool, "verdi").await;
    let owner_cookie = cookie_for(&pool, owner.user.user_id).await;
    let stranger_cookie = cookie_for(&pool, stranger.user.user_id).await;
    let staff_cookie = cookie_for(&pool, coordinator(&pool).await).await;

    let (status, headers, body) = get(&app, &owner_cookie, "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/json; charset=utf-8"
    );
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"ancora-i-miei-dati.json\""
    );
    assert!(headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("no-store"));
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["accounts"][0]["email"], "bianchi@example.org");
    let members: Vec<(String, String)> = data["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["first_name"].as_str().unwrap().to_string(),
                m["birth_date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(members.contains(&("Ettore".to_string(), "2019-02-03".to_string())));
    assert!(!body.contains("verdi"), "nothing of another household");
    assert!(
        !body.contains("password") && !body.contains("token"),
        "{body}"
    );

    // The other family gets its own data, not this one's.
    let (status, _, body) = get(&app, &stranger_cookie, "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("verdi@example.org") && !body.contains("bianchi"));
    // A visitor: log in first; staff: no household.
    let (status, _, body) = get(&app, "", "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("Ettore"));
    let (status, _, body) = get(&app, &staff_cookie, "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("Ettore"));
    // A session that is not one: as a visitor.
    let (status, _, _) = get(
        &app,
        "ancora_sid=forged-token",
        "/famiglia/i-miei-dati.json",
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The readable page: the family's own data; staff get 403.
    let (status, _, page) = get(&app, &owner_cookie, "/famiglia/i-miei-dati").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Ettore bianchi") && page.contains("03/02/2019"),
        "{page}"
    );
    assert!(!page.contains("verdi"));
    let (status, _, page) = get(&app, &staff_cookie, "/famiglia/i-miei-dati").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!page.contains("Ettore"));
    let (_, _, page) = get(&app, "", "/famiglia/i-miei-dati").await;
    assert!(page.contains("login-prompt") && !page.contains("Ettore"));
    // And the server function behind it.
    let (status, _, _) = post(&app, "", "privacy/my_data", "", false).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = post(&app, &staff_cookie, "privacy/my_data", "", false).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = post(&app, &owner_cookie, "privacy/my_data", "", false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Ettore") && !body.contains("verdi"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn erasing_the_account_logs_the_family_out_for_good(pool: PgPool) {
    let app = instance(pool.clone());
    let owner = parent_and_child(&pool, "neri").await;
    let cookie = cookie_for(&pool, owner.user.user_id).await;
    let staff_cookie = cookie_for(&pool, coordinator(&pool).await).await;
    let form = format!("password={}", PASSWORD.replace(' ', "+"));

    let (status, _, _) = post(&app, "", "privacy/erase_account", &form, false).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = post(&app, &staff_cookie, "privacy/erase_account", &form, false).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A wrong password: a message next to the field, nothing changed.
    let (status, _, body) = post(
        &app,
        &cookie,
        "privacy/erase_account",
        "password=sbagliata",
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("errors.password_wrong"), "{body}");
    let (status, _, _) = get(&app, &cookie, "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::OK, "still there, still logged in");

    // The right one, from the plain form: logged out, sent to the confirmation.
    let (status, headers, _) = post(&app, &cookie, "privacy/erase_account", &form, true).await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(headers[header::LOCATION], "/account-eliminato");
    let cleared = headers.get_all(header::SET_COOKIE).iter().any(|c| {
        c.to_str().unwrap().starts_with("ancora_sid=;") && c.to_str().unwrap().contains("Max-Age=0")
    });
    assert!(cleared, "{headers:?}");
    let (status, _, page) = get(&app, "", "/account-eliminato").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("account-erased"));

    // The old session opens nothing, the password logs nobody in, the names are gone.
    let (status, _, _) = get(&app, &cookie, "/famiglia/i-miei-dati.json").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = post(
        &app,
        "",
        "accounts/login",
        &format!("email=neri%40example.org&{form}&next="),
        false,
    )
    .await;
    assert!(status.is_client_error(), "{status}");
    let names: i64 = sqlx::query_scalar(
        "select count(*) from household_member where household_id = $1 and first_name <> '-'",
    )
    .bind(owner.user.household_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(names, 0);
}
