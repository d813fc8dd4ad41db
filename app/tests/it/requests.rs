//! Requests, referrals and triage against a real PostgreSQL: a family asks for its own members
//! only, once per service, and not for a service reached by referral; a coordinator assigns,
//! accepts (which opens a case path with its lead and its party) or declines with a reason; the
//! audit rows and the e-mails (to the household only, naming no one else); who may do what.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::requests::domain::{ReferralInput, RequestInput, RequestStatus};
use app::requests::service::{
    accept, assign, decline, enter_referral, my_requests, new_count, request_detail, request_form,
    send_request, triage,
};
use app::shared::error::AppError;
use chrono::{Datelike, Utc};
use sqlx::PgPool;
use support::{born, family, staff, Family};
use support::{centre, other_centre, service};
use uuid::Uuid;

/// The people of one test: a polo's coordinator and operator, another polo's coordinator, an
/// administrator, and two families.
struct Polo {
    coordinator: CurrentUser,
    operator: CurrentUser,
    coordinator_elsewhere: CurrentUser,
    operator_elsewhere: CurrentUser,
    admin: CurrentUser,
    rossi: Family,
    bianchi: Family,
}

async fn polo(pool: &PgPool) -> Polo {
    let here = centre(pool).await;
    let there = other_centre(pool).await;
    Polo {
        coordinator: staff(pool, "Giulia Conti", Role::Coordinator, Some(here)).await,
        operator: staff(pool, "Sara Mediatrice", Role::Operator, Some(here)).await,
        coordinator_elsewhere: staff(pool, "Altra Coordinatrice", Role::Coordinator, Some(there))
            .await,
        operator_elsewhere: staff(pool, "Altro Operatore", Role::Operator, Some(there)).await,
        admin: staff(pool, "Amministrazione", Role::Admin, None).await,
        rossi: family(
            pool,
            "rossi",
            &[born(1985, 3, 2), born(1987, 5, 6), born(2016, 9, 1)],
        )
        .await,
        bianchi: family(pool, "bianchi", &[born(1980, 1, 1), born(2012, 2, 2)]).await,
    }
}

fn asking(members: &[Uuid]) -> RequestInput {
    RequestInput {
        members: members.iter().map(Uuid::to_string).collect(),
        message: "Vorremmo un aiuto per parlarci senza litigare.".into(),
        days: vec!["2".into(), "4".into()],
        parts: vec!["evening".into()],
        contact_by: "phone".into(),
        phone: "+39 333 123 4567".into(),
    }
}

async fn ask(pool: &PgPool, f: &Family, slug: &str) -> Result<Uuid, AppError> {
    send_request(
        pool,
        &f.user,
        &service(pool, slug).await.to_string(),
        &asking(&f.members[..2]),
    )
    .await
}

/// Everything the tests look at, to prove a refused call changed nothing.
async fn snapshot(pool: &PgPool) -> (i64, i64, i64, i64, i64, Vec<String>) {
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    (
        count("select count(*) from service_request").await,
        count("select count(*) from service_request_member").await,
        count("select count(*) from case_path").await,
        count("select count(*) from outbox_message").await,
        count("select count(*) from audit_log where action <> 'request.read'").await,
        sqlx::query_scalar(
            "select status || coalesce(assigned_to::text, '-') from service_request
             order by service_request_id",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    )
}

async fn outbox(pool: &PgPool, kind: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "select recipient, subject, body_text from outbox_message where kind = $1
         order by recipient",
    )
    .bind(kind)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn audit(pool: &PgPool, action: &str) -> Vec<(Uuid, Option<Uuid>, serde_json::Value)> {
    sqlx::query_as(
        "select actor_user_id, entity_id, detail from audit_log where action = $1
         order by audit_log_id",
    )
    .bind(action)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// A second adult account in the family's household.
async fn second_account(pool: &PgPool, f: &Family, email: &str) {
    sqlx::query(
        "insert into app_user (email, display_name, role, household_id)
         values ($1, 'Seconda Adulta', 'family', $2)",
    )
    .bind(email)
    .bind(f.user.household_id)
    .execute(pool)
    .await
    .unwrap();
}

/// A request as stored: status, source, created_by, contact name, e-mail and phone, contact_by,
/// preferred days and parts of the day, household.
type StoredRequest = (
    String,
    String,
    Uuid,
    String,
    Option<String>,
    Option<String>,
    String,
    Vec<i16>,
    Vec<String>,
    Option<Uuid>,
);

#[sqlx::test(migrations = "../migrations")]
async fn a_family_asks_for_mediation_for_its_own_members_and_gets_a_confirmation(pool: PgPool) {
    let p = polo(&pool).await;
    let form = request_form(&pool, &p.rossi.user, "mediazione-familiare", None, "it")
        .await
        .unwrap();
    assert!(form.may_ask && !form.open_request);
    assert_eq!(form.members.len(), 3, "the household's own members only");
    assert_eq!(form.account_email, "rossi@example.org");

    let id = ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
    let row: StoredRequest = sqlx::query_as(
        "select status, source, created_by, contact_name, contact_email, contact_phone,
                    contact_by, preferred_days, preferred_slots, household_id
             from service_request where service_request_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row.0, "new");
    assert_eq!(row.1, "family");
    assert_eq!(row.2, p.rossi.user.user_id);
    assert_eq!(row.3, "rossi");
    assert_eq!(row.4.as_deref(), Some("rossi@example.org"));
    assert_eq!(row.5.as_deref(), Some("+39 333 123 4567"));
    assert_eq!(row.6, "phone");
    assert_eq!(row.7, vec![2, 4]);
    assert_eq!(row.8, vec!["evening".to_string()]);
    assert_eq!(row.9, p.rossi.user.household_id);
    let members: Vec<Uuid> = sqlx::query_scalar(
        "select member_id from service_request_member where service_request_id = $1
         order by member_id",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut expected = p.rossi.members[..2].to_vec();
    expected.sort();
    assert_eq!(members, expected);

    let mails = outbox(&pool, "request_received").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "rossi@example.org");
    assert!(
        mails[0].1.contains("Percorsi di mediazione familiare"),
        "{}",
        mails[0].1
    );

    let mine = my_requests(&pool, &p.rossi.user, "it").await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, RequestStatus::New);
    assert!(my_requests(&pool, &p.bianchi.user, "it")
        .await
        .unwrap()
        .is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn another_households_member_is_refused_and_nothing_is_written(pool: PgPool) {
    let p = polo(&pool).await;
    let before = snapshot(&pool).await;
    let mut input = asking(&p.rossi.members[..1]);
    input.members.push(p.bianchi.members[1].to_string());
    let service_id = service(&pool, "mediazione-familiare").await.to_string();
    let error = send_request(&pool, &p.rossi.user, &service_id, &input)
        .await
        .unwrap_err();
    assert_eq!(
        error.field_message("members"),
        Some("errors.member_unknown")
    );
    // Hostile input: not ids, none at all, a phone call without a number.
    let mut bad = asking(&[]);
    bad.members = vec!["'; drop table service_request; --".into()];
    assert_eq!(
        send_request(&pool, &p.rossi.user, &service_id, &bad)
            .await
            .unwrap_err()
            .field_message("members"),
        Some("errors.member_unknown")
    );
    let mut none = asking(&[]);
    none.phone = String::new();
    let error = send_request(&pool, &p.rossi.user, &service_id, &none)
        .await
        .unwrap_err();
    assert_eq!(
        error.field_message("members"),
        Some("errors.request_members_required")
    );
    assert_eq!(error.field_message("phone"), Some("errors.phone_required"));
    assert_eq!(
        send_request(
            &pool,
            &p.rossi.user,
            "non-un-servizio",
            &asking(&p.rossi.members[..1])
        )
        .await
        .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(snapshot(&pool).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_service_reached_by_referral_cannot_be_asked_for(pool: PgPool) {
    let p = polo(&pool).await;
    let form = request_form(&pool, &p.rossi.user, "spazio-neutro", Some("ancora"), "it")
        .await
        .unwrap();
    assert!(!form.may_ask, "the page explains it, with no form");
    let before = snapshot(&pool).await;
    let error = ask(&pool, &p.rossi, "spazio-neutro").await.unwrap_err();
    assert_eq!(
        error.field_message("service_id"),
        Some("errors.request_not_requestable")
    );
    // A service booked online is no request either.
    assert!(ask(&pool, &p.rossi, "gruppi-genitori").await.is_err());
    assert_eq!(
        request_form(&pool, &p.rossi.user, "gruppi-genitori", None, "it")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(snapshot(&pool).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_second_open_request_for_the_same_service_is_refused_until_the_first_is_decided(
    pool: PgPool,
) {
    let p = polo(&pool).await;
    let first = ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
    // The other adult of the household asks too: the same household.
    second_account(&pool, &p.rossi, "laura.rossi@example.org").await;
    let before = snapshot(&pool).await;
    assert_eq!(
        ask(&pool, &p.rossi, "mediazione-familiare")
            .await
            .unwrap_err(),
        AppError::conflict("errors.request_already_open")
    );
    assert_eq!(snapshot(&pool).await, before);
    assert!(
        request_form(&pool, &p.rossi.user, "mediazione-familiare", None, "it")
            .await
            .unwrap()
            .open_request
    );
    // Another service, or another household: fine.
    ask(&pool, &p.rossi, "tutoraggio-domiciliare")
        .await
        .unwrap();
    ask(&pool, &p.bianchi, "mediazione-familiare")
        .await
        .unwrap();
    // Once declined, the household may ask again.
    decline(
        &pool,
        &p.coordinator,
        &first.to_string(),
        "Non è il momento.",
    )
    .await
    .unwrap();
    ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn assigning_then_accepting_opens_a_case_with_its_lead_and_party_audited_and_told(
    pool: PgPool,
) {
    let p = polo(&pool).await;
    second_account(&pool, &p.rossi, "laura.rossi@example.org").await;
    let id = ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
    let other = ask(&pool, &p.bianchi, "mediazione-familiare")
        .await
        .unwrap();

    let listed = triage(&pool, &p.coordinator, "it", support::now())
        .await
        .unwrap();
    assert_eq!(listed.new.len(), 2);
    assert_eq!(new_count(&pool, &p.coordinator).await.unwrap(), 2);

    assign(
        &pool,
        &p.coordinator,
        &id.to_string(),
        &p.operator.user_id.to_string(),
    )
    .await
    .unwrap();
    let shown = request_detail(&pool, &p.coordinator, &id.to_string(), "it")
        .await
        .unwrap();
    assert_eq!(shown.status, RequestStatus::InReview);
    assert_eq!(shown.assigned_name.as_deref(), Some("Sara Mediatrice"));
    assert_eq!(shown.members.len(), 2);
    assert_eq!(shown.members[0].name, "P0 rossi");
    assert!(shown.members[0].age >= 40);
    assert!(shown
        .assignable
        .iter()
        .any(|s| s.user_id == p.operator.user_id));
    assert!(
        !shown
            .assignable
            .iter()
            .any(|s| s.user_id == p.operator_elsewhere.user_id),
        "only the polo's staff"
    );
    let listed = triage(&pool, &p.coordinator, "it", support::now())
        .await
        .unwrap();
    assert_eq!((listed.new.len(), listed.in_review.len()), (1, 1));
    assert_eq!(
        listed.in_review[0].assigned.as_deref(),
        Some("Sara Mediatrice")
    );

    let case_id = accept(&pool, &p.coordinator, &id.to_string(), support::now())
        .await
        .unwrap();
    let (reference, request, court, opened_by): (String, Option<Uuid>, bool, Option<Uuid>) =
        sqlx::query_as(
            "select reference, service_request_id, court_ordered, opened_by from case_path
             where case_path_id = $1",
        )
        .bind(case_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reference, format!("MED-{}-0001", support::now().year()));
    assert_eq!(request, Some(id));
    assert!(!court);
    assert_eq!(opened_by, Some(p.coordinator.user_id));
    let staff_rows: Vec<(Uuid, bool)> =
        sqlx::query_as("select user_id, is_lead from case_staff where case_path_id = $1")
            .bind(case_id)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(staff_rows, vec![(p.operator.user_id, true)]);
    let parties: Vec<(Option<Uuid>, String, String)> = sqlx::query_as(
        "select household_id, party, display_name from case_party where case_path_id = $1",
    )
    .bind(case_id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        parties,
        vec![(
            p.rossi.user.household_id,
            "a".to_string(),
            "rossi".to_string()
        )]
    );
    let (status, decided): (String, Option<chrono::DateTime<Utc>>) = sqlx::query_as(
        "select status, decided_at from service_request where service_request_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(status, "accepted");
    assert!(decided.is_some());

    let assigned = audit(&pool, "request.assign").await;
    assert_eq!(assigned.len(), 1);
    assert_eq!(assigned[0].0, p.coordinator.user_id);
    assert_eq!(assigned[0].1, Some(id));
    let accepted = audit(&pool, "request.accept").await;
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].1, Some(id));
    assert_eq!(accepted[0].2["case_path_id"], serde_json::json!(case_id));

    // Both adults of the household are told; nobody else, and no one else is named.
    let mails = outbox(&pool, "request_accepted").await;
    let recipients: Vec<&str> = mails.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(recipients, ["laura.rossi@example.org", "rossi@example.org"]);
    for (_, subject, body) in &mails {
        for other in ["bianchi", "Sara", "Mediatrice", "Giulia", "Conti"] {
            assert!(
                !subject.contains(other) && !body.contains(other),
                "{other} in {body}"
            );
        }
    }
    let mine = my_requests(&pool, &p.rossi.user, "it").await.unwrap();
    assert_eq!(mine[0].status, RequestStatus::Accepted);

    // A decided request is decided: no second case, no decline.
    let before = snapshot(&pool).await;
    assert_eq!(
        accept(&pool, &p.coordinator, &id.to_string(), support::now())
            .await
            .unwrap_err(),
        AppError::conflict("errors.request_decided")
    );
    assert_eq!(snapshot(&pool).await, before);
    // The next case of the service takes the next number.
    assign(
        &pool,
        &p.admin,
        &other.to_string(),
        &p.coordinator.user_id.to_string(),
    )
    .await
    .unwrap();
    let next = accept(&pool, &p.admin, &other.to_string(), support::now())
        .await
        .unwrap();
    let reference: String =
        sqlx::query_scalar("select reference from case_path where case_path_id = $1")
            .bind(next)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(reference, format!("MED-{}-0002", support::now().year()));
    let listed = triage(&pool, &p.coordinator, "it", support::now())
        .await
        .unwrap();
    assert_eq!(listed.decided.len(), 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn accepting_without_an_assigned_operator_is_a_field_error_and_opens_nothing(pool: PgPool) {
    let p = polo(&pool).await;
    let id = ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
    let before = snapshot(&pool).await;
    let error = accept(&pool, &p.coordinator, &id.to_string(), support::now())
        .await
        .unwrap_err();
    assert_eq!(
        error.field_message("operator"),
        Some("errors.request_operator_required")
    );
    // Assigning nobody, someone of another polo, or a family: refused.
    for operator in [
        String::new(),
        "non-un-id".to_string(),
        p.operator_elsewhere.user_id.to_string(),
        p.rossi.user.user_id.to_string(),
    ] {
        let error = assign(&pool, &p.coordinator, &id.to_string(), &operator)
            .await
            .unwrap_err();
        assert!(
            error.field_message("operator").is_some(),
            "{operator}: {error:?}"
        );
    }
    assert_eq!(snapshot(&pool).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn declining_needs_a_reason_and_tells_the_family_why(pool: PgPool) {
    let p = polo(&pool).await;
    let id = ask(&pool, &p.rossi, "solidarieta-familiare").await.unwrap();
    let before = snapshot(&pool).await;
    for reason in ["", "   ", &"x".repeat(1001)] {
        let error = decline(&pool, &p.coordinator, &id.to_string(), reason)
            .await
            .unwrap_err();
        assert!(error.field_message("reason").is_some());
    }
    assert_eq!(snapshot(&pool).await, before);
    decline(
        &pool,
        &p.coordinator,
        &id.to_string(),
        "Il servizio è al completo fino a marzo.",
    )
    .await
    .unwrap();
    let mine = my_requests(&pool, &p.rossi.user, "it").await.unwrap();
    assert_eq!(mine[0].status, RequestStatus::Declined);
    assert_eq!(
        mine[0].decline_reason.as_deref(),
        Some("Il servizio è al completo fino a marzo.")
    );
    let mails = outbox(&pool, "request_declined").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "rossi@example.org");
    assert!(mails[0]
        .2
        .contains("Il servizio è al completo fino a marzo."));
    let declined = audit(&pool, "request.decline").await;
    assert_eq!(declined.len(), 1);
    assert_eq!(declined[0].1, Some(id));
    assert_eq!(declined[0].2, serde_json::json!({}), "no reason in the log");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_referral_names_a_family_by_its_exact_email_or_a_contact_without_an_account(
    pool: PgPool,
) {
    let p = polo(&pool).await;
    let spazio = service(&pool, "spazio-neutro").await.to_string();
    let referral = |email: &str| ReferralInput {
        service_id: spazio.clone(),
        referrer: "Tribunale per i minorenni".into(),
        court_ordered: Some("on".into()),
        account_email: email.into(),
        ..Default::default()
    };
    let before = snapshot(&pool).await;
    // Never by a part of a name or of an address.
    assert_eq!(
        enter_referral(&pool, &p.coordinator, &referral("rossi"))
            .await
            .unwrap_err()
            .field_message("account_email"),
        Some("errors.email_invalid")
    );
    assert_eq!(
        enter_referral(&pool, &p.coordinator, &referral("ross@example.org"))
            .await
            .unwrap_err()
            .field_message("account_email"),
        Some("errors.request_account_unknown")
    );
    // A staff address is no family.
    assert!(
        enter_referral(&pool, &p.coordinator, &referral(&p.operator.email))
            .await
            .is_err()
    );
    // Another polo's coordinator cannot refer to this polo's service.
    assert_eq!(
        enter_referral(
            &pool,
            &p.coordinator_elsewhere,
            &referral("rossi@example.org")
        )
        .await
        .unwrap_err()
        .field_message("service_id"),
        Some("errors.choice_invalid")
    );
    assert_eq!(snapshot(&pool).await, before);

    let id = enter_referral(&pool, &p.coordinator, &referral(" ROSSI@example.org "))
        .await
        .unwrap();
    let row: (String, Option<Uuid>, Uuid, bool, Option<String>, String) = sqlx::query_as(
        "select source, household_id, created_by, court_ordered, referrer, contact_name
         from service_request where service_request_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "referral".to_string(),
            p.rossi.user.household_id,
            p.coordinator.user_id,
            true,
            Some("Tribunale per i minorenni".to_string()),
            "rossi".to_string()
        )
    );
    let logged = audit(&pool, "request.referral").await;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].1, Some(id));
    assert!(!logged[0].2.to_string().contains("rossi"), "ids only");
    assert!(outbox(&pool, "request_received").await.is_empty());

    // No account: a contact; the decision goes to the contact's address.
    let id = enter_referral(
        &pool,
        &p.coordinator,
        &ReferralInput {
            service_id: spazio.clone(),
            referrer: "Servizio sociale del Municipio VIII".into(),
            contact_name: "Marco Verdi".into(),
            contact_email: "marco.verdi@example.net".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assign(
        &pool,
        &p.coordinator,
        &id.to_string(),
        &p.operator.user_id.to_string(),
    )
    .await
    .unwrap();
    let case_id = accept(&pool, &p.coordinator, &id.to_string(), support::now())
        .await
        .unwrap();
    let party: (Option<Uuid>, String) =
        sqlx::query_as("select household_id, display_name from case_party where case_path_id = $1")
            .bind(case_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(party, (None, "Marco Verdi".to_string()));
    let reference: String =
        sqlx::query_scalar("select reference from case_path where case_path_id = $1")
            .bind(case_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(reference.starts_with("SN-"), "{reference}");
    let mails = outbox(&pool, "request_accepted").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "marco.verdi@example.net");

    // No account and no way to reach them: refused.
    let error = enter_referral(
        &pool,
        &p.coordinator,
        &ReferralInput {
            service_id: spazio,
            referrer: "Servizio sociale".into(),
            contact_name: "Senza Contatti".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        error.field_message("contact_email"),
        Some("errors.request_contact_required")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_court_ordered_referral_opens_a_court_ordered_case(pool: PgPool) {
    let p = polo(&pool).await;
    let id = enter_referral(
        &pool,
        &p.coordinator,
        &ReferralInput {
            service_id: service(&pool, "spazio-neutro").await.to_string(),
            referrer: "Tribunale per i minorenni".into(),
            court_ordered: Some("on".into()),
            account_email: "bianchi@example.org".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assign(
        &pool,
        &p.coordinator,
        &id.to_string(),
        &p.operator.user_id.to_string(),
    )
    .await
    .unwrap();
    let case_id = accept(&pool, &p.coordinator, &id.to_string(), support::now())
        .await
        .unwrap();
    let court: bool =
        sqlx::query_scalar("select court_ordered from case_path where case_path_id = $1")
            .bind(case_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(court);
    let mails = outbox(&pool, "request_accepted").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "bianchi@example.org");
}

#[sqlx::test(migrations = "../migrations")]
async fn another_polos_coordinator_finds_nothing_operators_and_families_are_refused(pool: PgPool) {
    let p = polo(&pool).await;
    let id = ask(&pool, &p.rossi, "mediazione-familiare").await.unwrap();
    let id = id.to_string();
    let reads_before: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    let before = snapshot(&pool).await;
    let operator = p.operator.user_id.to_string();

    let elsewhere = &p.coordinator_elsewhere;
    assert_eq!(
        request_detail(&pool, elsewhere, &id, "it")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        assign(&pool, elsewhere, &id, &operator).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        accept(&pool, elsewhere, &id, support::now())
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        decline(&pool, elsewhere, &id, "No").await.unwrap_err(),
        AppError::NotFound
    );
    let theirs = triage(&pool, elsewhere, "it", support::now())
        .await
        .unwrap();
    assert!(theirs.new.is_empty() && theirs.in_review.is_empty());
    assert_eq!(new_count(&pool, elsewhere).await.unwrap(), 0);

    for refused in [
        &p.operator,
        &p.operator_elsewhere,
        &p.rossi.user,
        &p.bianchi.user,
    ] {
        assert_eq!(
            request_detail(&pool, refused, &id, "it").await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            assign(&pool, refused, &id, &operator).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            accept(&pool, refused, &id, support::now())
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            decline(&pool, refused, &id, "No").await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            triage(&pool, refused, "it", support::now())
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            new_count(&pool, refused).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            enter_referral(&pool, refused, &ReferralInput::default())
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
    }
    // Staff have no household: they cannot ask.
    assert_eq!(
        ask(
            &pool,
            &Family {
                user: p.coordinator.clone(),
                members: p.rossi.members.clone()
            },
            "mediazione-familiare"
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
    // A request id that is not one, or that does not exist.
    for bad in ["", "1 or 1=1", &Uuid::new_v4().to_string()] {
        assert_eq!(
            request_detail(&pool, &p.coordinator, bad, "it")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            decline(&pool, &p.coordinator, bad, "Motivo")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
    }
    assert_eq!(snapshot(&pool).await, before);
    let reads_after: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    // Only the other polo's (empty) triage and count were logged as reads.
    let other_reads: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'request.read' and entity_id is not null",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(other_reads, 0, "no request was read");
    assert!(reads_after >= reads_before);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_view_of_a_request_is_in_the_audit_log(pool: PgPool) {
    let p = polo(&pool).await;
    let id = ask(&pool, &p.rossi, "affido-informale").await.unwrap();
    for viewer in [&p.coordinator, &p.admin, &p.coordinator] {
        request_detail(&pool, viewer, &id.to_string(), "en")
            .await
            .unwrap();
    }
    let reads = audit(&pool, "request.read").await;
    let views: Vec<(Uuid, Option<Uuid>)> = reads
        .iter()
        .filter(|r| r.1.is_some())
        .map(|r| (r.0, r.1))
        .collect();
    assert_eq!(
        views,
        vec![
            (p.coordinator.user_id, Some(id)),
            (p.admin.user_id, Some(id)),
            (p.coordinator.user_id, Some(id))
        ]
    );
    assert!(reads.iter().all(|r| !r.2.to_string().contains("rossi")));
}
