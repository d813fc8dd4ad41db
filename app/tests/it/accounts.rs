//! Accounts and households against a real PostgreSQL.

use crate::support;

use app::accounts::service::{
    check_login, open_session, request_password_reset, reset_password, sign_up, PasswordChosen,
    SignUp, ACCOUNT_DELAY, MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_CLIENT_AND_ACCOUNT,
    MAX_SIGN_UP_MAILS_PER_HOUR, SLOW_DOWN_AFTER_ACCOUNT_FAILURES,
};
use app::accounts::session::{token_hash, user_for_token};
use app::household::domain::{ConsentKind, MemberDetails, Relation};
use app::household::service::{
    add_member, consents, members, remove_member, set_consent, update_member,
};
use app::shared::error::AppError;
use app::shared::rate_limit;
use sqlx::PgPool;
use std::net::IpAddr;
use support::{born, deliver_all, family, link_token, outbox_count};

const SITE: &str = "https://ancora.example";
const PASSWORD: &str = "una frase lunga";

fn laura() -> SignUp {
    SignUp {
        first_name: "Laura".into(),
        last_name: "Rossi".into(),
        birth_date: "1986-04-12".into(),
        email: "Laura.Rossi@example.org".into(),
        privacy_accepted: true,
        locale: "it".into(),
    }
}

fn ip(text: &str) -> Option<IpAddr> {
    Some(text.parse().unwrap())
}

/// The token of the newest link e-mailed to `to` (sending every due message first).
async fn mailed_token(pool: &PgPool, to: &str) -> String {
    let sent = deliver_all(pool).await;
    let (_, body) = sent
        .iter()
        .rev()
        .find(|(recipient, _)| recipient.eq_ignore_ascii_case(to))
        .expect("an e-mail to the address");
    link_token(body, &format!("{SITE}/reimposta-password?token="))
}

/// Laura signs up and confirms her address through the welcome e-mail, choosing [`PASSWORD`].
async fn laura_confirmed(pool: &PgPool) -> uuid::Uuid {
    sign_up(pool, laura(), SITE, None).await.unwrap();
    let token = mailed_token(pool, "laura.rossi@example.org").await;
    reset_password(pool, &token, PASSWORD.into(), None)
        .await
        .unwrap()
        .user_id
}

#[sqlx::test(migrations = "../migrations")]
async fn a_family_signs_up_and_can_log_in_only_once_its_address_is_confirmed(pool: PgPool) {
    sign_up(&pool, laura(), SITE, None).await.unwrap();
    let (user_id, household_id, role, hash): (uuid::Uuid, uuid::Uuid, String, Option<String>) =
        sqlx::query_as(
            "select user_id, household_id, role, password_hash from app_user
             where email = 'Laura.Rossi@example.org'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((role.as_str(), hash), ("family", None));
    let people = members(&pool, household_id).await.unwrap();
    assert_eq!(people.len(), 1);
    assert!(people[0].is_account_holder);
    let versions: Vec<(String, String)> = sqlx::query_as(
        "select kind, text_version from consent where household_id = $1 order by kind",
    )
    .bind(household_id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        versions[1],
        (
            "privacy_policy".into(),
            app::accounts::domain::PRIVACY_NOTICE_VERSION.into()
        )
    );
    // Before the address is confirmed the account cannot log in (nor book), whatever is typed.
    assert_eq!(
        check_login(&pool, "laura.rossi@example.org", PASSWORD.into(), None).await,
        Err(AppError::validation("password", "errors.login_failed"))
    );
    // The welcome e-mail waits in the outbox without a working link.
    let stored: String =
        sqlx::query_scalar("select body_text from outbox_message where kind = 'welcome'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored.contains("token="), "{stored}");
    let token = mailed_token(&pool, "laura.rossi@example.org").await;
    assert_eq!(
        reset_password(&pool, &token, PASSWORD.into(), None).await,
        Ok(PasswordChosen {
            user_id,
            first_password: true
        })
    );
    assert_eq!(
        check_login(&pool, "laura.rossi@example.org", PASSWORD.into(), None).await,
        Ok(user_id)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_up_with_a_taken_address_answers_the_same_and_tells_only_its_owner(pool: PgPool) {
    // An address that signed up but never confirmed: a new welcome link, still one account.
    sign_up(&pool, laura(), SITE, None).await.unwrap();
    sign_up(&pool, laura(), SITE, None).await.unwrap();
    assert_eq!(outbox_count(&pool, "welcome").await, 2);
    let token = mailed_token(&pool, "laura.rossi@example.org").await;
    let user_id = reset_password(&pool, &token, PASSWORD.into(), None)
        .await
        .unwrap()
        .user_id;
    // An account in use, in another case: the same answer as a new address, no new account,
    // and its owner is told (with the ways in, no link that works by itself).
    let mut again = laura();
    again.email = "laura.rossi@EXAMPLE.org".into();
    again.first_name = "Intrusa".into();
    assert_eq!(sign_up(&pool, again.clone(), SITE, None).await, Ok(()));
    let accounts: i64 = sqlx::query_scalar(
        "select count(*) from app_user where lower(email) = 'laura.rossi@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(accounts, 1);
    let sent = deliver_all(&pool).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "Laura.Rossi@example.org");
    assert!(sent[0].1.contains(&format!("{SITE}/accedi")));
    assert!(!sent[0].1.contains("token="));
    assert_eq!(
        check_login(&pool, "laura.rossi@example.org", PASSWORD.into(), None).await,
        Ok(user_id),
        "the account is unchanged"
    );
    // A bot repeating it fills no mailbox: a few e-mails an hour (three so far), the answer
    // still the same; then the address's own limit, as for any address.
    for _ in 3..rate_limit::SIGN_UPS_PER_EMAIL.max {
        assert_eq!(sign_up(&pool, again.clone(), SITE, None).await, Ok(()));
    }
    assert_eq!(
        sign_up(&pool, again.clone(), SITE, None).await,
        Err(AppError::RateLimited)
    );
    let mails: i64 = sqlx::query_scalar(
        "select count(*) from outbox_message where lower(recipient) = 'laura.rossi@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(mails, MAX_SIGN_UP_MAILS_PER_HOUR);
    let mut stranger = laura();
    stranger.email = "nessuno@example.org".into();
    let elsewhere = ip("203.0.113.8");
    for _ in 0..rate_limit::SIGN_UPS_PER_EMAIL.max {
        sign_up(&pool, stranger.clone(), SITE, elsewhere)
            .await
            .unwrap();
    }
    assert_eq!(
        sign_up(&pool, stranger, SITE, elsewhere).await,
        Err(AppError::RateLimited),
        "a new address is limited the same way"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_up_refuses_bad_input_and_creates_nothing(pool: PgPool) {
    type Change = Box<dyn Fn(&mut SignUp)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|s| s.first_name = " ".into()), "first_name"),
        (Box::new(|s| s.last_name = "x".repeat(101)), "last_name"),
        (
            Box::new(|s| s.birth_date = "31/12/1980".into()),
            "birth_date",
        ),
        (
            Box::new(|s| s.birth_date = "2015-01-01".into()),
            "birth_date",
        ),
        (Box::new(|s| s.email = "laura@".into()), "email"),
        (Box::new(|s| s.email = "x".repeat(10_000)), "email"),
        (Box::new(|s| s.privacy_accepted = false), "privacy"),
    ];
    for (change, field) in cases {
        let mut form = laura();
        change(&mut form);
        match sign_up(&pool, form, SITE, None).await {
            Err(error @ AppError::Validation { .. }) => {
                let fields: Vec<&str> = error
                    .field_errors()
                    .iter()
                    .map(|e| e.field.as_str())
                    .collect();
                assert_eq!(fields, [field]);
            }
            other => panic!("{field}: expected a validation error, got {other:?}"),
        }
    }
    let users: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&pool)
        .await
        .unwrap();
    let households: i64 = sqlx::query_scalar("select count(*) from household")
        .fetch_one(&pool)
        .await
        .unwrap();
    let mails: i64 = sqlx::query_scalar("select count(*) from outbox_message")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((users, households, mails), (0, 0, 0));
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_ups_and_reset_requests_are_limited_per_client(pool: PgPool) {
    let bot = ip("198.51.100.66");
    for i in 0..rate_limit::SIGN_UPS_PER_CLIENT.max {
        let mut form = laura();
        form.email = format!("bot{i}@example.org");
        sign_up(&pool, form, SITE, bot).await.unwrap();
    }
    let mut form = laura();
    form.email = "bot-last@example.org".into();
    assert_eq!(
        sign_up(&pool, form.clone(), SITE, bot).await,
        Err(AppError::RateLimited)
    );
    let refused: i64 =
        sqlx::query_scalar("select count(*) from app_user where email = 'bot-last@example.org'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(refused, 0, "nothing created");
    // Another client is not affected.
    sign_up(&pool, form, SITE, ip("203.0.113.5")).await.unwrap();

    for i in 0..rate_limit::RESET_REQUESTS_PER_CLIENT.max {
        request_password_reset(&pool, &format!("x{i}@example.org"), SITE, bot)
            .await
            .unwrap();
    }
    assert_eq!(
        request_password_reset(&pool, "laura.rossi@example.org", SITE, bot).await,
        Err(AppError::RateLimited)
    );
    // Guessing reset links: a client gets a limited number of tries.
    for _ in 0..rate_limit::RESET_ATTEMPTS_PER_CLIENT.max {
        assert_eq!(
            reset_password(&pool, "indovinello", PASSWORD.into(), bot).await,
            Err(AppError::validation("token", "errors.reset_link_invalid"))
        );
    }
    assert_eq!(
        reset_password(&pool, "indovinello", PASSWORD.into(), bot).await,
        Err(AppError::RateLimited)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn repeated_failures_pause_the_client_never_the_account(pool: PgPool) {
    let user_id = laura_confirmed(&pool).await;
    let (stranger, laura_at_home) = (ip("198.51.100.9"), ip("203.0.113.77"));
    assert_eq!(
        check_login(
            &pool,
            " laura.rossi@example.org",
            PASSWORD.into(),
            laura_at_home
        )
        .await,
        Ok(user_id)
    );
    assert_eq!(
        check_login(
            &pool,
            "laura.rossi@example.org",
            "sbagliata".into(),
            stranger
        )
        .await,
        Err(AppError::validation("password", "errors.login_failed"))
    );
    // An unknown account gets the very same answer.
    assert_eq!(
        check_login(&pool, "nessuno@example.org", "sbagliata".into(), stranger).await,
        Err(AppError::validation("password", "errors.login_failed"))
    );
    for _ in 1..MAX_FAILURES_PER_CLIENT_AND_ACCOUNT {
        let _ = check_login(
            &pool,
            "laura.rossi@example.org",
            "sbagliata".into(),
            stranger,
        )
        .await;
    }
    // The stranger is paused for this account, even with the right password...
    assert_eq!(
        check_login(&pool, "laura.rossi@example.org", PASSWORD.into(), stranger).await,
        Err(AppError::RateLimited)
    );
    // ...but Laura, from her own address, still gets in.
    assert_eq!(
        check_login(
            &pool,
            "laura.rossi@example.org",
            PASSWORD.into(),
            laura_at_home
        )
        .await,
        Ok(user_id)
    );
    // One client trying many accounts is paused too.
    let sprayer = ip("192.0.2.7");
    for i in 0..MAX_FAILURES_PER_CLIENT {
        let _ = check_login(
            &pool,
            &format!("x{i}@example.org"),
            "sbagliata".into(),
            sprayer,
        )
        .await;
    }
    assert_eq!(
        check_login(&pool, "y@example.org", "sbagliata".into(), sprayer).await,
        Err(AppError::RateLimited)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn parallel_guesses_get_no_more_tries_than_the_limit(pool: PgPool) {
    laura_confirmed(&pool).await;
    let pool = support::wide_pool(&pool, 30).await;
    let guesses: Vec<_> = (0..40)
        .map(|i| {
            let pool = pool.clone();
            tokio::spawn(async move {
                check_login(
                    &pool,
                    "laura.rossi@example.org",
                    format!("tentativo {i}"),
                    ip("198.51.100.200"),
                )
                .await
            })
        })
        .collect();
    let (mut checked, mut paused) = (0, 0);
    for guess in guesses {
        match guess.await.unwrap() {
            Err(AppError::RateLimited) => paused += 1,
            Err(AppError::Validation { .. }) => checked += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        (checked, paused),
        (
            MAX_FAILURES_PER_CLIENT_AND_ACCOUNT,
            40 - MAX_FAILURES_PER_CLIENT_AND_ACCOUNT
        )
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_account_under_attack_from_many_clients_is_slowed_not_shut(pool: PgPool) {
    let user_id = laura_confirmed(&pool).await;
    for i in 0..SLOW_DOWN_AFTER_ACCOUNT_FAILURES {
        let client = ip(&format!("198.51.100.{}", i + 1));
        let _ = check_login(&pool, "laura.rossi@example.org", "sbagliata".into(), client).await;
    }
    let started = std::time::Instant::now();
    assert_eq!(
        check_login(
            &pool,
            "laura.rossi@example.org",
            PASSWORD.into(),
            ip("203.0.113.77")
        )
        .await,
        Ok(user_id)
    );
    assert!(started.elapsed() >= ACCOUNT_DELAY, "each attempt waits");
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_are_renewed_at_login_and_stored_only_as_hashes(pool: PgPool) {
    let user_id = laura_confirmed(&pool).await;
    let first = open_session(&pool, user_id, None).await.unwrap();
    let second = open_session(&pool, user_id, Some(&first)).await.unwrap();
    assert_ne!(first, second);
    let mut conn = pool.acquire().await.unwrap();
    assert!(
        user_for_token(&mut conn, &first).await.unwrap().is_none(),
        "the old id is gone"
    );
    let user = user_for_token(&mut conn, &second).await.unwrap().unwrap();
    assert_eq!(user.user_id, user_id);
    let stored: Vec<String> = sqlx::query_scalar("select web_session_id from web_session")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored, [token_hash(&second)]);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_idle_session_ends_sooner_for_staff_than_for_families(pool: PgPool) {
    let family_id = laura_confirmed(&pool).await;
    let staff_id: uuid::Uuid =
        sqlx::query_scalar("insert into app_user (email, display_name, role) values ('op@example.org', 'Op', 'operator') returning user_id")
            .fetch_one(&pool)
            .await
            .unwrap();
    let family_token = open_session(&pool, family_id, None).await.unwrap();
    let staff_token = open_session(&pool, staff_id, None).await.unwrap();
    let idle = |token: String, minutes: i32| {
        let pool = pool.clone();
        async move {
            sqlx::query("update web_session set last_seen_at = now() - make_interval(mins => $2) where web_session_id = $1")
                .bind(token_hash(&token))
                .bind(minutes)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    let mut conn = pool.acquire().await.unwrap();
    // Two hours without a request: the family is still in, the operator is out.
    idle(family_token.clone(), 120).await;
    idle(staff_token.clone(), 120).await;
    assert!(user_for_token(&mut conn, &family_token)
        .await
        .unwrap()
        .is_some());
    assert!(user_for_token(&mut conn, &staff_token)
        .await
        .unwrap()
        .is_none());
    // Using the session keeps it alive: its last use is now.
    let seen: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("select last_seen_at from web_session where web_session_id = $1")
            .bind(token_hash(&family_token))
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(chrono::Utc::now() - seen < chrono::Duration::minutes(1));
    // A day and more without a request: the family is out too.
    idle(family_token.clone(), 25 * 60).await;
    assert!(user_for_token(&mut conn, &family_token)
        .await
        .unwrap()
        .is_none());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_password_reset_link_works_once_and_logs_out_everywhere(pool: PgPool) {
    let user_id = laura_confirmed(&pool).await;
    let session = open_session(&pool, user_id, None).await.unwrap();
    request_password_reset(&pool, "laura.rossi@example.org", SITE, None)
        .await
        .unwrap();
    // Unknown addresses are answered the same way, and nothing is sent.
    request_password_reset(&pool, "nessuno@example.org", SITE, None)
        .await
        .unwrap();
    // The outbox holds no usable link (an administrator reads it): the link is made when the
    // e-mail is sent, and exists in the e-mail only.
    let stored: Vec<String> =
        sqlx::query_scalar("select body_text from outbox_message where kind = 'password_reset'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains("token="), "{}", stored[0]);
    let bodies = deliver_all(&pool).await;
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0].0, "Laura.Rossi@example.org");
    let token = link_token(&bodies[0].1, &format!("{SITE}/reimposta-password?token="));
    let stored: String =
        sqlx::query_scalar("select body_text from outbox_message where kind = 'password_reset'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored.contains(&token), "the sent link is not kept");
    assert_eq!(
        reset_password(&pool, &token, "corta".into(), None).await,
        Err(AppError::validation("password", "errors.password_short"))
    );
    assert_eq!(
        reset_password(&pool, &token, "una nuova frase".into(), None).await,
        Ok(PasswordChosen {
            user_id,
            first_password: false
        })
    );
    assert_eq!(
        reset_password(&pool, &token, "un'altra frase ancora".into(), None).await,
        Err(AppError::validation("token", "errors.reset_link_invalid")),
        "single use"
    );
    let mut conn = pool.acquire().await.unwrap();
    assert!(user_for_token(&mut conn, &session).await.unwrap().is_none());

    assert!(check_login(
        &pool,
        "laura.rossi@example.org",
        "una nuova frase".into(),
        None
    )
    .await
    .is_ok());
    // An expired link does not work.
    request_password_reset(&pool, "laura.rossi@example.org", "http://x", None)
        .await
        .unwrap();
    let bodies = deliver_all(&pool).await;
    sqlx::query(
        "update password_reset set expires_at = now() - interval '1 minute' where used_at is null",
    )
    .execute(&pool)
    .await
    .unwrap();
    let expired = link_token(&bodies[0].1, "http://x/reimposta-password?token=");
    assert!(
        reset_password(&pool, &expired, "una frase nuovissima".into(), None)
            .await
            .is_err()
    );
    // A reset voids every other outstanding link of the account (an older e-mail's).
    let older = app::accounts::service::password_link(
        &mut pool.acquire().await.unwrap(),
        user_id,
        chrono::Duration::days(1),
        SITE,
    )
    .await
    .unwrap();
    let newer = app::accounts::service::password_link(
        &mut pool.acquire().await.unwrap(),
        user_id,
        chrono::Duration::days(1),
        SITE,
    )
    .await
    .unwrap();
    let token_of = |link: &str| link.rsplit("token=").next().unwrap().to_string();
    assert_eq!(
        reset_password(&pool, &token_of(&newer), "la frase di oggi".into(), None)
            .await
            .map(|chosen| chosen.user_id),
        Ok(user_id)
    );
    assert_eq!(
        reset_password(&pool, &token_of(&older), "la frase di ieri".into(), None).await,
        Err(AppError::validation("token", "errors.reset_link_invalid")),
        "the older link died with the reset"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_household_manages_its_own_members_and_never_another_ones(pool: PgPool) {
    let mine = family(&pool, "mine", &[born(1980, 1, 1)]).await;
    let other = family(&pool, "other", &[born(1980, 1, 1), born(2016, 1, 1)]).await;
    let household = mine.user.household_id.unwrap();
    let today = support::today();
    let sofia = MemberDetails::parse("Sofia", "Rossi", "2018-03-09", "child", today).unwrap();
    let sofia_id = add_member(&pool, household, &sofia).await.unwrap();
    let mut renamed = sofia.clone();
    renamed.first_name = "Sofia Maria".into();
    update_member(&pool, household, sofia_id, &renamed)
        .await
        .unwrap();
    let listed = members(&pool, household).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .any(|m| m.first_name == "Sofia Maria" && m.relation == Relation::Child));
    // Another household's member: not found, untouched.
    let theirs = other.members[1];
    assert_eq!(
        update_member(&pool, household, theirs, &renamed).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        remove_member(&pool, household, theirs).await,
        Err(AppError::NotFound)
    );
    let their_names: Vec<String> = members(&pool, other.user.household_id.unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.first_name)
        .collect();
    assert_eq!(their_names, ["P0", "P1"]);
    // The account holder cannot be removed; a child can.
    assert!(matches!(
        remove_member(&pool, household, mine.members[0]).await,
        Err(AppError::Conflict { .. })
    ));
    remove_member(&pool, household, sofia_id).await.unwrap();
    assert_eq!(members(&pool, household).await.unwrap().len(), 1);
    // Consents: the latest choice counts, the history is kept.
    set_consent(
        &pool,
        household,
        mine.user.user_id,
        ConsentKind::Photos,
        true,
    )
    .await
    .unwrap();
    assert!(consents(&pool, household).await.unwrap().photos);
    set_consent(
        &pool,
        household,
        mine.user.user_id,
        ConsentKind::Photos,
        false,
    )
    .await
    .unwrap();
    assert!(!consents(&pool, household).await.unwrap().photos);
    assert!(
        !consents(&pool, other.user.household_id.unwrap())
            .await
            .unwrap()
            .photos
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_household_never_holds_the_same_person_twice(pool: PgPool) {
    let mine = family(&pool, "bis", &[born(1980, 1, 1)]).await;
    let other = family(&pool, "altri", &[born(1980, 1, 1)]).await;
    let household = mine.user.household_id.unwrap();
    let today = support::today();
    let sofia = MemberDetails::parse("Sofia", "Rossi", "2018-03-09", "child", today).unwrap();
    add_member(&pool, household, &sofia).await.unwrap();
    // A second tap on "Aggiungi", or the same child typed in another case: refused at the name.
    let again = MemberDetails::parse(" sofia ", "ROSSI", "2018-03-09", "child", today).unwrap();
    let duplicate = Err(AppError::validation("first_name", "errors.member_exists"));
    assert_eq!(
        add_member(&pool, household, &again).await.map(|_| ()),
        duplicate
    );
    // Two taps that arrive at once: one child.
    let marco = MemberDetails::parse("Marco", "Rossi", "2020-01-01", "child", today).unwrap();
    let (a, b) = tokio::join!(
        add_member(&pool, household, &marco),
        add_member(&pool, household, &marco)
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1);
    assert_eq!(members(&pool, household).await.unwrap().len(), 3);
    // A twin (same birth date, another name) and a namesake born another day are welcome.
    let twin = MemberDetails::parse("Luca", "Rossi", "2018-03-09", "child", today).unwrap();
    let luca_id = add_member(&pool, household, &twin).await.unwrap();
    let namesake = MemberDetails::parse("Sofia", "Rossi", "2019-03-09", "child", today).unwrap();
    add_member(&pool, household, &namesake).await.unwrap();
    // Editing Luca into Sofia is refused too; saving Luca unchanged is not.
    assert_eq!(
        update_member(&pool, household, luca_id, &again).await,
        duplicate
    );
    update_member(&pool, household, luca_id, &twin)
        .await
        .unwrap();
    // Another household may have its own Sofia Rossi.
    add_member(&pool, other.user.household_id.unwrap(), &sofia)
        .await
        .unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn a_member_with_a_booking_still_to_come_cannot_be_removed(pool: PgPool) {
    let f = family(&pool, "neri", &[born(1980, 1, 1), born(2017, 5, 5)]).await;
    let start = support::now() + chrono::Duration::days(3);
    let session = support::meeting(&pool, "attivita-famiglie", 10, start).await;
    app::booking::service::book(
        &pool,
        &f.user,
        app::booking::domain::Target::Meeting(session),
        &f.members[1..],
        support::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        remove_member(&pool, f.user.household_id.unwrap(), f.members[1]).await,
        Err(AppError::conflict("errors.member_has_bookings"))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_are_invited_by_a_coordinator_and_choose_their_own_password(pool: PgPool) {
    use app::accounts::domain::{CurrentUser, Role};
    use app::accounts::staff::{create_staff, staff_list};
    let centre: uuid::Uuid = sqlx::query_scalar("select centre_id from centre limit 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let coordinator_id: uuid::Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('coord@example.org', 'Carla', 'coordinator')
         returning user_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
        .bind(coordinator_id)
        .bind(centre)
        .execute(&pool)
        .await
        .unwrap();
    let coordinator = CurrentUser {
        user_id: coordinator_id,
        display_name: "Carla".into(),
        email: "coord@example.org".into(),
        role: Role::Coordinator,
        household_id: None,
        locale: "it".into(),
    };
    // A coordinator invites operators, not administrators.
    assert_eq!(
        create_staff(
            &pool,
            &coordinator,
            "x@example.org",
            "X",
            "admin",
            "",
            "https://a.example"
        )
        .await,
        Err(AppError::validation("role", "errors.role_not_allowed"))
    );
    assert_eq!(
        create_staff(
            &pool,
            &coordinator,
            "x@example.org",
            "X",
            "family",
            "",
            "https://a.example"
        )
        .await,
        Err(AppError::validation("role", "errors.role_invalid"))
    );
    let operator = create_staff(
        &pool,
        &coordinator,
        "Educatore@example.org",
        "Paolo Neri",
        "operator",
        "",
        "https://a.example",
    )
    .await
    .unwrap();
    // Not yet able to log in: no password until the invitation is accepted.
    assert!(check_login(
        &pool,
        "educatore@example.org",
        "qualunque cosa".into(),
        None
    )
    .await
    .is_err());
    let listed = staff_list(&pool, &coordinator).await.unwrap();
    assert!(listed
        .iter()
        .any(|m| m.email == "Educatore@example.org" && !m.active && m.role == Role::Operator));
    let bodies = deliver_all(&pool).await;
    let token = link_token(&bodies[0].1, "https://a.example/reimposta-password?token=");
    assert_eq!(
        reset_password(&pool, &token, "la mia password nuova".into(), None)
            .await
            .map(|chosen| chosen.user_id),
        Ok(operator)
    );
    assert_eq!(
        check_login(
            &pool,
            "educatore@example.org",
            "la mia password nuova".into(),
            None
        )
        .await,
        Ok(operator)
    );
    // Works in the coordinator's centre; a family can neither invite nor list.
    let in_centre: i64 = sqlx::query_scalar(
        "select count(*) from staff_centre where user_id = $1 and centre_id = $2",
    )
    .bind(operator)
    .bind(centre)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(in_centre, 1);
    let family_user = family(&pool, "f", &[born(1980, 1, 1)]).await.user;
    assert_eq!(
        create_staff(
            &pool,
            &family_user,
            "y@example.org",
            "Y",
            "operator",
            "",
            "https://a.example"
        )
        .await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        staff_list(&pool, &family_user).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_invitation_gives_exactly_the_centre_chosen_and_a_deactivated_account_is_shut_out(
    pool: PgPool,
) {
    use app::accounts::domain::{CurrentUser, Role};
    use app::accounts::staff::{create_staff, deactivate_staff, staff_directory};
    let centre = |slug: &'static str, municipio: i32| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, uuid::Uuid>(
                "insert into centre (slug, name, municipio) values ($1, $1, $2) returning centre_id",
            )
            .bind(slug)
            .bind(municipio)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let (tevere, aniene) = (centre("tevere", 9).await, centre("aniene", 10).await);
    let admin_id: uuid::Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('adm@example.org', 'Ada', 'admin')
         returning user_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let admin = CurrentUser {
        user_id: admin_id,
        display_name: "Ada".into(),
        email: "adm@example.org".into(),
        role: Role::Admin,
        household_id: None,
        locale: "it".into(),
    };
    // An administrator must choose the centre; the colleague gets that one and no other.
    let url = "https://a.example";
    assert_eq!(
        create_staff(
            &pool,
            &admin,
            "c@example.org",
            "Carla Blu",
            "coordinator",
            "",
            url
        )
        .await,
        Err(AppError::validation("centre", "errors.centre_required"))
    );
    let carla = create_staff(
        &pool,
        &admin,
        "c@example.org",
        "Carla Blu",
        "coordinator",
        &tevere.to_string(),
        url,
    )
    .await
    .unwrap();
    let centres_of = |user: uuid::Uuid| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, uuid::Uuid>(
                "select centre_id from staff_centre where user_id = $1",
            )
            .bind(user)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(centres_of(carla).await, [tevere]);
    // Her invitee gets her centre; she cannot give another one.
    let coordinator = CurrentUser {
        user_id: carla,
        display_name: "Carla Blu".into(),
        email: "c@example.org".into(),
        role: Role::Coordinator,
        household_id: None,
        locale: "it".into(),
    };
    assert_eq!(
        create_staff(
            &pool,
            &coordinator,
            "o@example.org",
            "Otto Neri",
            "operator",
            &aniene.to_string(),
            url
        )
        .await,
        Err(AppError::validation("centre", "errors.choose_one"))
    );
    let otto = create_staff(
        &pool,
        &coordinator,
        "o@example.org",
        "Otto Neri",
        "operator",
        "",
        url,
    )
    .await
    .unwrap();
    assert_eq!(centres_of(otto).await, [tevere]);
    let directory = staff_directory(&pool, &coordinator).await.unwrap();
    assert_eq!(directory.centres.len(), 1);
    assert!(directory
        .members
        .iter()
        .any(|m| m.user_id == otto && m.centres == ["tevere"] && m.may_deactivate));
    // Otto logs in somewhere; Carla deactivates him: the session ends at once.
    sqlx::query("update app_user set password_hash = 'x' where user_id = $1")
        .bind(otto)
        .execute(&pool)
        .await
        .unwrap();
    let token = open_session(&pool, otto, None).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert!(user_for_token(&mut conn, &token).await.unwrap().is_some());
    deactivate_staff(&pool, &coordinator, otto).await.unwrap();
    assert!(user_for_token(&mut conn, &token).await.unwrap().is_none());
    // A coordinator cannot deactivate an administrator, nor herself; a family nobody.
    assert_eq!(
        deactivate_staff(&pool, &coordinator, admin_id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        deactivate_staff(&pool, &coordinator, carla).await,
        Err(AppError::NotFound)
    );
    let family_user = family(&pool, "g", &[born(1980, 1, 1)]).await.user;
    assert_eq!(
        deactivate_staff(&pool, &family_user, carla).await,
        Err(AppError::Forbidden)
    );
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action in ('staff.invite', 'staff.deactivate')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 3);
}
