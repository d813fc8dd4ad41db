//! Black-box tests of the HTTP application: pages rendered on the server, server functions, the
//! language switch. Each test gets a fresh database with the migrations and the demo data.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use sqlx::PgPool;
use tower::ServiceExt;

async fn app(pool: PgPool) -> Router {
    crate::harness::demo_instance(pool).await
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        // The empty comments (`<!>`) that Leptos leaves between parts of a view for hydration
        // (with type-erased components, as cargo-leptos builds the app) are not content.
        body: String::from_utf8_lossy(&bytes).replace("<!>", ""),
    }
}

async fn get(app: &Router, uri: &str, language: Option<&str>) -> Answer {
    let mut request = Request::get(uri);
    if let Some(language) = language {
        request = request.header(header::ACCEPT_LANGUAGE, language);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

async fn call(app: &Router, function: &str, form: &str) -> Answer {
    let request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, request).await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_home_page_is_rendered_on_the_server_with_the_ten_services(pool: PgPool) {
    let app = app(pool).await;
    let page = get(&app, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<html lang=\"it\""),
        "Italian by default"
    );
    assert!(page
        .body
        .contains("<title>Àncora · Polo territoriale per le famiglie</title>"));
    for service in [
        "Gruppi con i genitori",
        "Tutoraggio educativo domiciliare",
        "Gruppi di bambini e/o adolescenti",
        "Percorsi di mediazione familiare",
        "Spazio Neutro",
        "Gruppi di parola per bambini di genitori separati",
        "Gruppi di genitori separati",
        "Percorsi di solidarietà familiare",
        "Attività culturali e di aggregazione tra famiglie",
        "Affido familiare informale",
    ] {
        assert!(
            page.body.contains(service),
            "{service} missing from the home page"
        );
    }
    assert!(
        page.body.contains("data-testid=\"meeting\""),
        "upcoming meetings listed"
    );
    assert!(page.body.contains("Posti liberi"), "seats left shown");
    assert!(
        page.body.contains("/pkg/ancora.js"),
        "the hydration script is linked"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_browser_asking_for_english_gets_english(pool: PgPool) {
    let app = app(pool).await;
    let page = get(&app, "/", Some("en-GB,en;q=0.9,it;q=0.5")).await;
    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("Support for parents"));
    assert!(page.body.contains("Seats left"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_chosen_language_cookie_wins_over_the_browser_language(pool: PgPool) {
    let app = app(pool).await;
    let request = Request::get("/poli/ancora/servizi/gruppi-genitori")
        .header(header::ACCEPT_LANGUAGE, "it-IT")
        .header(header::COOKIE, "i18n_pref_locale=en")
        .body(Body::empty())
        .unwrap();
    let page = send(&app, request).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Parent groups</h1>"));
    assert!(
        page.body
            .contains("<title>Parent groups · Family centre &quot;Àncora&quot;</title>")
            || page
                .body
                .contains("<title>Parent groups · Family centre \"Àncora\"</title>")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_service_page_and_an_unknown_one(pool: PgPool) {
    let app = app(pool).await;
    let page = get(&app, "/poli/ancora/servizi/spazio-neutro", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Spazio Neutro</h1>"));
    assert!(page.body.contains("autorità giudiziaria"));
    for missing in [
        "/poli/ancora/servizi/non-esiste",
        "/poli/altro",
        "/niente/qui",
        "/poli/%C3%A0",
    ] {
        let page = get(&app, missing, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(page.body.contains("Pagina non trovata"), "{missing}");
    }
    // A path that is not even text is refused, not a crash.
    let garbage = get(&app, "/poli/ancora/servizi/%00%ff", None).await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_language_switch_remembers_the_choice_and_only_returns_to_local_pages(pool: PgPool) {
    let app = app(pool).await;
    let answer = get(
        &app,
        "/lingua/en?torna=/poli/ancora/servizi/gruppi-genitori",
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/poli/ancora/servizi/gruppi-genitori"
    );
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=en;") && cookie.contains("Path=/"));
    for hostile in [
        "//evil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:x=1",
    ] {
        let answer = get(&app, &format!("/lingua/en?torna={hostile}"), None).await;
        assert_eq!(answer.headers[header::LOCATION], "/", "{hostile}");
    }
    let unknown = get(&app, "/lingua/xx", None).await;
    assert!(unknown.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .starts_with("i18n_pref_locale=it;"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn server_functions_answer_bad_input_with_a_client_error_never_a_500(pool: PgPool) {
    let app = app(pool).await;
    let ok = call(
        &app,
        "list_upcoming_meetings",
        "lang=it&centre=ancora&service=&limit=5",
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let meetings: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(meetings.as_array().unwrap().len(), 5);

    let too_many = call(
        &app,
        "list_upcoming_meetings",
        "lang=it&centre=ancora&service=&limit=100000",
    )
    .await;
    assert_eq!(
        too_many.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        too_many.body
    );
    assert!(too_many.body.contains("errors.limit_range"));

    for garbage in [
        "lang=it&centre=ancora&service=&limit=abc",
        "limit=5",
        "",
        "%%%",
    ] {
        let answer = call(&app, "list_upcoming_meetings", garbage).await;
        assert!(
            answer.status.is_client_error(),
            "{garbage:?} gave {}",
            answer.status
        );
    }
    let hostile = call(
        &app,
        "get_service",
        "lang=it&centre=ancora&service=%27%20or%201%3D1%20--",
    )
    .await;
    assert_eq!(hostile.status, StatusCode::OK);
    assert_eq!(hostile.body, "null");
}

/// A sign-up form as a browser posts it, from `origin` (and what the browser says of it).
fn sign_up(email: &str, first_name: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let form = format!(
        "first_name={first_name}&last_name=Rossi&birth_date=1985-03-02&email={email}\
         &privacy=on&lang=it"
    );
    let mut request = Request::post("/api/accounts/register")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, form.len());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(form)).unwrap()
}

async fn accounts_with(pool: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar("select count(*) from app_user where email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_post_sent_from_another_site_is_refused_and_changes_nothing(pool: PgPool) {
    let app = app(pool.clone()).await;
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "null")],
    ] {
        let answer = send(&app, sign_up("a@example.org", "Anna", &headers)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    assert_eq!(accounts_with(&pool, "a@example.org").await, 0);
    // The site's own form (with or without JavaScript, the browser says same-origin) works.
    let own = [
        ("origin", "http://127.0.0.1:3000"),
        ("sec-fetch-site", "same-origin"),
    ];
    let answer = send(&app, sign_up("a@example.org", "Anna", &own)).await;
    assert!(
        answer.status.is_success() || answer.status.is_redirection(),
        "{}",
        answer.status
    );
    assert_eq!(accounts_with(&pool, "a@example.org").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_answer_carries_the_security_headers_and_pages_a_nonce_for_their_scripts(
    pool: PgPool,
) {
    let app = app(pool).await;
    let page = get(&app, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let header = |answer: &Answer, name: &str| {
        answer
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    assert_eq!(header(&page, "cache-control"), "no-store");
    assert_eq!(header(&page, "referrer-policy"), "same-origin");
    let policy = header(&page, "content-security-policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    // Every inline script of the page carries the nonce the policy names.
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page's policy");
    // (leptos_i18n writes an empty `<script></script>` into every page: no code, no nonce.)
    let scripts: Vec<&str> = page
        .body
        .split("<script")
        .skip(1)
        .filter(|rest| !rest.starts_with("></script>"))
        .map(|rest| rest.split('>').next().unwrap_or_default())
        .collect();
    assert!(!scripts.is_empty());
    let without: Vec<&&str> = scripts
        .iter()
        .filter(|tag| !tag.contains(&format!("nonce=\"{nonce}\"")))
        .collect();
    assert!(without.is_empty(), "scripts without the nonce: {without:?}");
    // A second request gets another nonce.
    let again = get(&app, "/", None).await;
    assert_ne!(header(&again, "content-security-policy"), policy);
    // Server functions and calendar files too; static files may be cached.
    let function = call(
        &app,
        "list_upcoming_meetings",
        "lang=it&centre=ancora&limit=3",
    )
    .await;
    assert_eq!(header(&function, "cache-control"), "no-store");
    assert!(header(&function, "content-security-policy").contains("frame-ancestors 'none'"));
    let icon = get(&app, "/favicon.svg", None).await;
    if icon.status == StatusCode::OK {
        assert!(header(&icon, "cache-control").starts_with("public"));
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_huge_request_body_is_refused_before_it_is_read(pool: PgPool) {
    let app = app(pool.clone()).await;
    let name = "A".repeat(200 * 1024);
    let answer = send(&app, sign_up("big@example.org", &name, &[])).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(accounts_with(&pool, "big@example.org").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_longest_names_a_form_accepts_sign_up_without_a_server_error(pool: PgPool) {
    let app = app(pool.clone()).await;
    // 100 characters each (the fields' limit): "first last" is 201 characters.
    let first = "A".repeat(100);
    let mut request = sign_up("lunghi@example.org", &first, &[]);
    let form = format!(
        "first_name={first}&last_name={}&birth_date=1985-03-02&email=lunghi%40example.org\
         &privacy=on&lang=it",
        "B".repeat(100)
    );
    request
        .headers_mut()
        .insert(header::CONTENT_LENGTH, form.len().into());
    *request.body_mut() = Body::from(form);
    let answer = send(&app, request).await;
    assert!(
        answer.status.is_success() || answer.status.is_redirection(),
        "{} {}",
        answer.status,
        answer.body
    );
    let name: String =
        sqlx::query_scalar("select display_name from app_user where email = 'lunghi@example.org'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(name.chars().count(), 201);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn log_out_everywhere_ends_every_session_of_the_account_and_only_its(pool: PgPool) {
    let app = app(pool.clone()).await;
    let user_of = |email: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, uuid::Uuid>("select user_id from app_user where email = $1")
                .bind(email)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let rossi = user_of("famiglia.rossi@example.org").await;
    let haddad = user_of("famiglia.haddad@example.org").await;
    let phone = app::accounts::service::open_session(&pool, rossi, None)
        .await
        .unwrap();
    let laptop = app::accounts::service::open_session(&pool, rossi, None)
        .await
        .unwrap();
    let neighbour = app::accounts::service::open_session(&pool, haddad, None)
        .await
        .unwrap();
    let request = Request::post("/api/accounts/logout_everywhere")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(
            header::COOKIE,
            format!("{}={phone}", app::accounts::session::COOKIE),
        )
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, request).await;
    assert!(
        answer.status.is_success() || answer.status.is_redirection(),
        "{}",
        answer.status
    );
    let cleared = answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| value.to_str().unwrap_or_default().contains("Max-Age=0"));
    assert!(cleared, "the browser's cookie is removed");
    let mut conn = pool.acquire().await.unwrap();
    for token in [&phone, &laptop] {
        assert!(app::accounts::session::user_for_token(&mut conn, token)
            .await
            .unwrap()
            .is_none());
    }
    assert!(
        app::accounts::session::user_for_token(&mut conn, &neighbour)
            .await
            .unwrap()
            .is_some(),
        "another family stays logged in"
    );
    // Without a session there is nothing to end.
    let request = Request::post("/api/accounts/logout_everywhere")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn while_the_database_cannot_be_reached_pages_and_functions_answer_503_not_500() {
    // A pool whose database is gone (stopped, restarting): every connection attempt fails.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(500))
        .connect_lazy("postgres://ancora@localhost/ancora?host=/nonexistent-ancora-socket")
        .unwrap();
    let app = crate::harness::instance(pool);
    let page = get(&app, "/poli/ancora", None).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("non è disponibile in questo momento"),
        "the page says so: {}",
        page.body
    );
    let function = call(
        &app,
        "list_upcoming_meetings",
        "lang=it&centre=ancora&service=&limit=3",
    )
    .await;
    assert_eq!(
        function.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        function.body
    );
    assert!(function.body.contains("Unavailable"), "{}", function.body);
    let feed = get(
        &app,
        "/calendario/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/prenotazioni.ics",
        None,
    )
    .await;
    assert_eq!(feed.status, StatusCode::SERVICE_UNAVAILABLE);
}
