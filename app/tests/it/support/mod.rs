//! Builders for database tests: families, meetings and cycles, written with plain SQL so each
//! test says only what matters to it.
#![allow(dead_code)]

pub mod cases;
pub mod smtp_sink;

#[allow(unused_imports)]
pub use cases::{spazio_neutro_case, SpazioNeutroCase};

use app::accounts::domain::{CurrentUser, Role};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// A family account with its household members (the first is the account holder).
pub struct Family {
    pub user: CurrentUser,
    pub members: Vec<Uuid>,
}

/// A family with members born on `births` (the first one holds the account).
/// Now, on the tests' clock: the real one, or the one `ANCORA_TEST_CLOCK` moves (the same the
/// server under test reads), so that the suite can be run as if on any day and at any hour.
pub fn now() -> DateTime<Utc> {
    app::shared::clock::Clock::from_env().now()
}

/// Today in Rome, on the tests' clock.
pub fn today() -> NaiveDate {
    app::shared::clock::Clock::from_env().today_in_rome()
}

pub async fn family(pool: &PgPool, name: &str, births: &[NaiveDate]) -> Family {
    let household_id: Uuid =
        sqlx::query_scalar("insert into household default values returning household_id")
            .fetch_one(pool)
            .await
            .unwrap();
    let email = format!("{name}@example.org");
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role, household_id)
         values ($1, $2, 'family', $3) returning user_id",
    )
    .bind(&email)
    .bind(name)
    .bind(household_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut members = Vec::new();
    for (i, birth) in births.iter().enumerate() {
        let member_id: Uuid = sqlx::query_scalar(
            "insert into household_member (household_id, user_id, kind, relation, first_name,
                                           last_name, birth_date)
             values ($1, $2, 'adult', 'other', $3, $4, $5) returning member_id",
        )
        .bind(household_id)
        .bind((i == 0).then_some(user_id))
        .bind(format!("P{i}"))
        .bind(name)
        .bind(birth)
        .fetch_one(pool)
        .await
        .unwrap();
        members.push(member_id);
    }
    Family {
        user: CurrentUser {
            user_id,
            display_name: name.to_string(),
            email,
            role: Role::Family,
            household_id: Some(household_id),
            locale: "it".into(),
        },
        members,
    }
}

/// The demo polo Àncora.
pub async fn centre(pool: &PgPool) -> Uuid {
    sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A second polo, Altrove (Municipio III), with nothing in it.
pub async fn other_centre(pool: &PgPool) -> Uuid {
    sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('altrove', 'Polo Altrove', 3)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The service `slug` of the city's catalogue.
pub async fn service(pool: &PgPool, slug: &str) -> Uuid {
    sqlx::query_scalar("select service_id from service where slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The demo polo Àncora and a second polo, Tevere (Municipio XII), for "another centre".
pub async fn centres(pool: &PgPool) -> (Uuid, Uuid) {
    let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let tevere: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 12)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    (ancora, tevere)
}

/// A staff member with `role`, working in `centre` (none for an administrator).
pub async fn staff(pool: &PgPool, name: &str, role: Role, centre: Option<Uuid>) -> CurrentUser {
    let email = format!("{}@example.org", name.replace(' ', "."));
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ($1, $2, $3) returning user_id",
    )
    .bind(&email)
    .bind(name)
    .bind(role.code())
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
    CurrentUser {
        user_id,
        display_name: name.to_string(),
        email,
        role,
        household_id: None,
        locale: "it".into(),
    }
}

/// Books `members` of a household into a meeting, confirmed, the way the booking service would
/// leave it (a seat taken each); returns the booking.
pub async fn confirmed_booking(pool: &PgPool, household_of: &Family, meeting: Uuid) -> Uuid {
    let household: Uuid = household_of.user.household_id.unwrap();
    let booking: Uuid = sqlx::query_scalar(
        "insert into booking (household_id, group_session_id, status, persons, confirmed_at)
         values ($1, $2, 'confirmed', $3, now()) returning booking_id",
    )
    .bind(household)
    .bind(meeting)
    .bind(household_of.members.len() as i32)
    .fetch_one(pool)
    .await
    .unwrap();
    for member in &household_of.members {
        sqlx::query(
            "insert into booking_participant (booking_id, member_id, group_session_id)
             values ($1, $2, $3)",
        )
        .bind(booking)
        .bind(member)
        .bind(meeting)
        .execute(pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "update group_session set seats_taken = seats_taken + $2 where group_session_id = $1",
    )
    .bind(meeting)
    .bind(household_of.members.len() as i32)
    .execute(pool)
    .await
    .unwrap();
    booking
}

pub fn born(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn service_id(pool: &PgPool, slug: &str) -> Uuid {
    sqlx::query_scalar("select service_id from service where slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A stand-alone meeting of `service` with `capacity` seats, starting at `starts_at` (90 min).
pub async fn meeting(
    pool: &PgPool,
    service: &str,
    capacity: i32,
    starts_at: DateTime<Utc>,
) -> Uuid {
    let service_id = service_id(pool, service).await;
    sqlx::query_scalar(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity)
         values ($1, 'Incontro di prova', $2, $3, $4) returning group_session_id",
    )
    .bind(service_id)
    .bind(starts_at)
    .bind(starts_at + Duration::minutes(90))
    .bind(capacity)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A cycle of `meetings` weekly meetings from `first`; returns the cycle and its meetings.
pub async fn cycle(
    pool: &PgPool,
    service: &str,
    capacity: i32,
    first: DateTime<Utc>,
    meetings: i64,
) -> (Uuid, Vec<Uuid>) {
    let service_id = service_id(pool, service).await;
    let cycle_id: Uuid = sqlx::query_scalar(
        "insert into cycle (service_id, title, capacity) values ($1, 'Ciclo di prova', $2)
         returning cycle_id",
    )
    .bind(service_id)
    .bind(capacity)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut ids = Vec::new();
    for week in 0..meetings {
        let start = first + Duration::weeks(week);
        ids.push(
            sqlx::query_scalar(
                "insert into group_session (service_id, cycle_id, title, starts_at, ends_at)
                 values ($1, $2, 'Ciclo di prova', $3, $4) returning group_session_id",
            )
            .bind(service_id)
            .bind(cycle_id)
            .bind(start)
            .bind(start + Duration::minutes(90))
            .fetch_one(pool)
            .await
            .unwrap(),
        );
    }
    (cycle_id, ids)
}

/// (status, persons, queue_number) of every booking of a meeting or cycle, in queue order.
pub async fn bookings_of(pool: &PgPool, target: Uuid) -> Vec<(String, i32, i64)> {
    sqlx::query_as(
        "select status, persons, queue_number from booking
         where group_session_id = $1 or cycle_id = $1 order by queue_number",
    )
    .bind(target)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// The seats taken and capacity stored on a meeting (or cycle).
pub async fn seats(pool: &PgPool, target: Uuid) -> (i32, i32) {
    sqlx::query_as(
        "select seats_taken, capacity from group_session where group_session_id = $1
         union all select seats_taken, capacity from cycle where cycle_id = $1",
    )
    .bind(target)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// How many outbox messages of `kind` there are.
pub async fn outbox_count(pool: &PgPool, kind: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox_message where kind = $1")
        .bind(kind)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A pool with room for many concurrent transactions, on the same database as `pool`.
pub async fn wide_pool(pool: &PgPool, connections: u32) -> PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(connections)
        .connect_with(pool.connect_options().as_ref().clone())
        .await
        .unwrap()
}

/// A mailer that keeps what it is given: (recipient, body) of every message "sent".
#[derive(Default)]
pub struct CapturingMailer(pub std::sync::Mutex<Vec<(String, String)>>);

impl app::messages::mailer::Mailer for CapturingMailer {
    async fn send(
        &self,
        message: &app::messages::mailer::OutgoingMessage<'_>,
    ) -> Result<(), app::messages::mailer::SendError> {
        self.0
            .lock()
            .unwrap()
            .push((message.recipient.to_string(), message.body_text.to_string()));
        Ok(())
    }
}

/// Sends every due message of the outbox as the worker would; returns (recipient, body) of each.
pub async fn deliver_all(pool: &PgPool) -> Vec<(String, String)> {
    let mailer = CapturingMailer::default();
    app::messages::worker::deliver_due(pool, &mailer, 1000)
        .await
        .unwrap();
    mailer.0.into_inner().unwrap()
}

/// The password link of the e-mail `body` sent (what follows `prefix`, up to a space).
pub fn link_token(body: &str, prefix: &str) -> String {
    body.split_whitespace()
        .find_map(|word| word.strip_prefix(prefix))
        .expect("the e-mail carries the link")
        .to_string()
}
