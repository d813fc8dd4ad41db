//! What must never be false is enforced by the database itself, not only by Rust code.

use sqlx::PgPool;

async fn meeting(pool: &PgPool, capacity: i32) -> uuid::Uuid {
    sqlx::query_scalar(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity)
         select service_id, 'Prova', now() + interval '1 day', now() + interval '1 day 1 hour', $1
         from service where slug = 'gruppi-genitori' returning group_session_id",
    )
    .bind(capacity)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn violated(result: Result<sqlx::postgres::PgQueryResult, sqlx::Error>) -> String {
    match result {
        Err(sqlx::Error::Database(e)) => e.code().unwrap_or_default().to_string(),
        other => panic!("expected a constraint violation, got {other:?}"),
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_meeting_can_never_hold_more_persons_than_its_seats(pool: PgPool) {
    let id = meeting(&pool, 10).await;
    let over = sqlx::query("update group_session set seats_taken = 11 where group_session_id = $1")
        .bind(id)
        .execute(&pool)
        .await;
    assert_eq!(violated(over), "23514", "check_violation");
    let negative =
        sqlx::query("update group_session set seats_taken = -1 where group_session_id = $1")
            .bind(id)
            .execute(&pool)
            .await;
    assert_eq!(violated(negative), "23514");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_meeting_ends_after_it_starts(pool: PgPool) {
    let backwards = sqlx::query(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity)
         select service_id, 'x', now(), now() - interval '1 hour', 5 from service limit 1",
    )
    .execute(&pool)
    .await;
    assert_eq!(violated(backwards), "23514");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_person_cannot_hold_two_live_bookings_for_the_same_meeting(pool: PgPool) {
    let id = meeting(&pool, 10).await;
    let household: uuid::Uuid =
        sqlx::query_scalar("insert into household default values returning household_id")
            .fetch_one(&pool)
            .await
            .unwrap();
    let member: uuid::Uuid = sqlx::query_scalar(
        "insert into household_member (household_id, kind, relation, first_name, last_name, birth_date)
         values ($1, 'adult', 'parent', 'Ada', 'Neri', '1990-01-01') returning member_id",
    )
    .bind(household)
    .fetch_one(&pool)
    .await
    .unwrap();
    let book = || async {
        let booking: uuid::Uuid = sqlx::query_scalar(
            "insert into booking (household_id, group_session_id, status, persons, confirmed_at)
             values ($1, $2, 'confirmed', 1, now()) returning booking_id",
        )
        .bind(household)
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into booking_participant (booking_id, member_id, group_session_id) values ($1, $2, $3)",
        )
        .bind(booking)
        .bind(member)
        .bind(id)
        .execute(&pool)
        .await
    };
    book().await.unwrap();
    assert_eq!(violated(book().await), "23505", "unique_violation");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_family_account_belongs_to_a_household_and_a_staff_account_to_none(pool: PgPool) {
    let orphan = sqlx::query(
        "insert into app_user (email, display_name, role) values ('a@example.org', 'A', 'family')",
    )
    .execute(&pool)
    .await;
    assert_eq!(violated(orphan), "23514");
    sqlx::query("insert into app_user (email, display_name, role) values ('b@example.org', 'B', 'operator')")
        .execute(&pool)
        .await
        .unwrap();
    let same_email = sqlx::query(
        "insert into app_user (email, display_name, role) values ('B@Example.org', 'B2', 'operator')",
    )
    .execute(&pool)
    .await;
    assert_eq!(
        violated(same_email),
        "23505",
        "e-mail addresses are unique regardless of case"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_sessions_and_cycles_can_be_booked_online(pool: PgPool) {
    let wrong = sqlx::query("update service set access = 'online' where slug = 'spazio-neutro'")
        .execute(&pool)
        .await;
    assert_eq!(violated(wrong), "23514");
}
