//! The audit log over HTTP: its server function and its page refuse visitors (401, the login
//! prompt), families and operators (403); a coordinator of another centre sees nothing of this
//! centre's log; its own coordinator sees it; reading it (and the outbox) is itself logged.

use crate::support;

use crate::harness::{call, cookie_for, instance, page};
use axum::http::StatusCode;
use chrono::Duration;
use sqlx::PgPool;
use support::{born, family, meeting};
use uuid::Uuid;

async fn user(pool: &PgPool, email: &str, role: &str, centre: Option<Uuid>) -> Uuid {
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ($1, $1, $2) returning user_id",
    )
    .bind(email)
    .bind(role)
    .fetch_one(pool)
    .await
    .unwrap();
    if let Some(centre) = centre {
        sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
            .bind(user_id)
            .bind(centre)
            .execute(pool)
            .await
            .unwrap();
    }
    user_id
}

async fn reads(pool: &PgPool, action: &str) -> Vec<(Uuid, Option<Uuid>)> {
    sqlx::query_as(
        "select actor_user_id, centre_id from audit_log where action = $1 order by audit_log_id",
    )
    .bind(action)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_the_centres_coordinators_and_administrators_read_its_log(pool: PgPool) {
    let app = instance(pool.clone());
    let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let tevere: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 9)
         returning centre_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let giulia = user(&pool, "giulia@example.org", "coordinator", Some(ancora)).await;
    let paolo = user(&pool, "paolo@example.org", "operator", Some(ancora)).await;
    let sara = user(&pool, "sara@example.org", "coordinator", Some(tevere)).await;
    let admin = user(&pool, "admin@example.org", "admin", None).await;
    let parent = family(&pool, "rossi", &[born(1980, 1, 1)]).await;
    // A meeting of Àncora moved by its operator: the row to find (or not).
    let session = meeting(
        &pool,
        "gruppi-genitori",
        10,
        support::now() + Duration::days(7),
    )
    .await;
    sqlx::query(
        "insert into audit_log (actor_user_id, action, entity, entity_id, centre_id, detail)
         values ($1, 'meeting.move', 'group_session', $2, $3, '{\"scope\": \"questo\"}')",
    )
    .bind(paolo)
    .bind(session)
    .bind(ancora)
    .execute(&pool)
    .await
    .unwrap();
    let short_id = &session.simple().to_string()[..8];
    let form = "lang=it&params%5Bdal%5D=&params%5Bal%5D=&params%5Bchi%5D=&params%5Bazione%5D=&params%5Bprima%5D=";
    let path = "/coordinamento/registro-accessi";

    // A visitor: 401, and the page asks to log in.
    let (status, body) = call(&app, "", "audit/log", form).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (_, html) = page(&app, "", path).await;
    assert!(html.contains("data-testid=\"login-prompt\""), "{html}");
    assert!(!html.contains(short_id));
    // A family and an operator of the centre: 403, on the page too.
    for who in [parent.user.user_id, paolo] {
        let cookie = cookie_for(&pool, who).await;
        let (status, body) = call(&app, &cookie, "audit/log", form).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, html) = page(&app, &cookie, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(!html.contains(short_id) && !html.contains("meeting.move"));
    }
    assert!(
        reads(&pool, "audit_log.read").await.is_empty(),
        "refused: nothing read"
    );
    // The coordinator of another centre: her (empty) log, nothing of Àncora's, even when
    // she asks for the operator by id.
    let sara_cookie = cookie_for(&pool, sara).await;
    let (status, body) = call(&app, &sara_cookie, "audit/log", form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"rows\":[]"), "{body}");
    assert!(!body.contains(&session.to_string()) && !body.contains("paolo@example.org"));
    let (status, html) = page(&app, &sara_cookie, &format!("{path}?chi={paolo}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains(short_id) && !html.contains("data-action=\"meeting.move\""));
    // Àncora's coordinator finds the move, with who did it, on the page without JavaScript.
    let giulia_cookie = cookie_for(&pool, giulia).await;
    let (status, html) = page(&app, &giulia_cookie, &format!("{path}?azione=meeting.move")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-action=\"meeting.move\""), "{html}");
    assert!(html.contains("Incontro spostato") && html.contains("paolo@example.org"));
    assert!(html.contains(short_id));
    // Every reading is in the log, in the reader's centre.
    assert_eq!(
        reads(&pool, "audit_log.read").await,
        [
            (sara, Some(tevere)),
            (sara, Some(tevere)),
            (giulia, Some(ancora))
        ]
    );

    // The outbox is the administrator's alone; reading it is logged too.
    let admin_cookie = cookie_for(&pool, admin).await;
    let (status, _) = call(&app, &giulia_cookie, "messages/outbox", "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = call(&app, &admin_cookie, "messages/outbox", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(reads(&pool, "outbox.read").await, [(admin, None)]);
    // The administrator reads every centre's log.
    let (status, body) = call(&app, &admin_cookie, "audit/log", form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&session.to_string()) && body.contains("outbox.read"));
}
